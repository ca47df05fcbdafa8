"""One editor per question kind, built from a `Question` of the forms core.

An editor owns a block widget (question text, help, the input widgets, an inline problem
label) and turns what is on screen into an answer value of the core's format and back. It
reports changes through a callback: `EDIT` while typing, `COMMIT` when a value is complete
(a click, or focus leaving a text field), `STRUCTURE` when rows were added or removed.
Form texts come from the definition in the chosen language; fixed option labels (yes/no,
checklist statuses) from the core catalog; the few chrome strings via Qt's translation.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from anhorigdesk.forms import (
    CHECKLIST_STATUSES,
    Question,
    QuestionKind,
    is_answered,
    translate,
    visible_sub_questions,
)
from anhorigdesk.ui.qt import (
    QCalendarWidget,
    QCheckBox,
    QCoreApplication,
    QDate,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    Qt,
    QToolButton,
    QVBoxLayout,
    QWidget,
    QWidgetAction,
)

EDIT = "edit"
COMMIT = "commit"
STRUCTURE = "structure"

Notify = Callable[[str], None]

PROBLEM_STYLE = "color: #a4000f; font-weight: bold;"
HELP_STYLE = "color: palette(placeholder-text);"
#: A prefilled answer's note: dark text on a light amber band (contrast above 12:1).
PREFILLED_STYLE = ("color: #1a1a1a; background-color: #fff1c7; border-left: 3px solid #b07d00;"
                   " padding: 2px 6px;")


class QuestionEditor:
    """Base: the block with the question text, help, input area and problem label."""

    def __init__(self, question: Question, lang: str, notify: Notify) -> None:
        self.question = question
        self.lang = lang
        self.notify = notify
        self.read_only = False
        #: whether the question's conditions let it show (independent of Qt's queued show)
        self.shown = True
        self._loading = False
        self.block = QWidget()
        self.block.setObjectName(f"question_{question.id}")
        self.layout = QVBoxLayout(self.block)
        self.layout.setContentsMargins(0, 4, 0, 8)
        self.title = QLabel(self.title_text())
        self.title.setWordWrap(True)
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.layout.addWidget(self.title)
        help_text = self.help_text()
        self.help = QLabel(help_text)
        self.help.setWordWrap(True)
        self.help.setTextFormat(Qt.TextFormat.PlainText)
        self.help.setStyleSheet(HELP_STYLE)
        self.help.setVisible(bool(help_text))
        self.layout.addWidget(self.help)
        #: shown while the answer is one the form was prefilled with (until the user changes it)
        self.prefill_note = QLabel()
        self.prefill_note.setObjectName(f"prefilled_{question.id}")
        self.prefill_note.setWordWrap(True)
        self.prefill_note.setTextFormat(Qt.TextFormat.PlainText)
        self.prefill_note.setStyleSheet(PREFILLED_STYLE)
        self.prefill_note.setVisible(False)
        self.layout.addWidget(self.prefill_note)
        self.input_area = QWidget()
        self.input_layout = QVBoxLayout(self.input_area)
        self.input_layout.setContentsMargins(0, 0, 0, 0)
        self.layout.addWidget(self.input_area)
        self.problem = QLabel()
        self.problem.setObjectName(f"problem_{question.id}")
        self.problem.setWordWrap(True)
        self.problem.setStyleSheet(PROBLEM_STYLE)
        self.problem.setVisible(False)
        self.layout.addWidget(self.problem)
        self.build_inputs()
        self._name_inputs()

    # texts ---------------------------------------------------------------------------

    @property
    def question_text(self) -> str:
        return self.question.text.get(self.lang)

    def title_text(self) -> str:
        return self.question_text + (" *" if self.question.required else "")

    def help_text(self) -> str:
        return self.question.help.get(self.lang) if self.question.help else ""

    def _name_inputs(self) -> None:
        help_text = self.help_text()
        for widget in self.focus_widgets():
            if not widget.accessibleName():
                widget.setAccessibleName(self.question_text)
            if help_text and not widget.accessibleDescription():
                widget.setAccessibleDescription(help_text)
        first = self.focus_widgets()[:1]
        if first:
            self.title.setBuddy(first[0])

    # to be provided by each kind ---------------------------------------------------------

    def build_inputs(self) -> None:
        raise NotImplementedError

    def value(self) -> Any:
        raise NotImplementedError

    def load(self, value: Any) -> None:
        raise NotImplementedError

    def focus_widgets(self) -> list[QWidget]:
        raise NotImplementedError

    def apply_read_only(self, read_only: bool) -> None:
        for widget in self.focus_widgets():
            widget.setEnabled(not read_only)

    # shared behaviour --------------------------------------------------------------------

    def set_value(self, value: Any) -> None:
        self._loading = True
        try:
            self.load(value)
        finally:
            self._loading = False

    def set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        self.apply_read_only(read_only)

    def changed(self, kind: str) -> None:
        if not self._loading:
            self.clear_prefilled()  # the user's own answer now
            self.notify(kind)

    # prefilled answers --------------------------------------------------------------------

    @property
    def prefilled(self) -> bool:
        return bool(self.prefill_note.text())

    def mark_prefilled(self, note: str) -> None:
        """Say that the answer shown was filled in for the user, and from where."""
        self.prefill_note.setText(note)
        self.prefill_note.setVisible(self.shown and bool(note))
        for widget in self.focus_widgets()[:1]:
            widget.setAccessibleDescription(note or self.help_text())

    def clear_prefilled(self) -> None:
        if self.prefill_note.text():
            self.mark_prefilled("")

    def show_problem(self, text: str | None) -> None:
        self.problem.setText(text or "")
        self.problem.setVisible(bool(text))
        for widget in self.focus_widgets()[:1]:
            widget.setAccessibleDescription(text or self.help_text())

    def focus(self) -> None:
        widgets = [w for w in self.focus_widgets() if w.isEnabled()]
        if widgets:
            widgets[0].setFocus(Qt.FocusReason.OtherFocusReason)

    def set_visible(self, visible: bool) -> None:
        self.shown = visible
        self.block.setVisible(visible)
        self.prefill_note.setVisible(visible and self.prefilled)


# ------------------------------------------------------------------------------- text


class TextEditor(QuestionEditor):
    """short_text (one line) and long_text (several lines; Tab moves on)."""

    def build_inputs(self) -> None:
        self.edit: QLineEdit | QPlainTextEdit
        if self.question.kind == QuestionKind.SHORT_TEXT:
            self.edit = QLineEdit()
            if self.question.max_length:
                self.edit.setMaxLength(self.question.max_length)
            self.edit.textEdited.connect(lambda _t: self.changed(EDIT))
            self.edit.editingFinished.connect(lambda: self.changed(COMMIT))
        else:
            self.edit = QPlainTextEdit()
            self.edit.setTabChangesFocus(True)
            self.edit.setFixedHeight(self.edit.fontMetrics().lineSpacing() * 5 + 12)
            self.edit.textChanged.connect(lambda: self.changed(EDIT))
        self.edit.setObjectName(f"input_{self.question.id}")
        self.input_layout.addWidget(self.edit)

    def value(self) -> Any:
        text = self.edit.text() if isinstance(self.edit, QLineEdit) else self.edit.toPlainText()
        return text if text.strip() else None

    def load(self, value: Any) -> None:
        text = value if isinstance(value, str) else ("" if value is None else str(value))
        if isinstance(self.edit, QLineEdit):
            self.edit.setText(text)
        else:
            self.edit.setPlainText(text)

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit]

    def apply_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class NumberEditor(QuestionEditor):
    """number: a line edit (empty = unanswered); decimal comma accepted."""

    def build_inputs(self) -> None:
        row = QHBoxLayout()
        self.edit = QLineEdit()
        self.edit.setObjectName(f"input_{self.question.id}")
        self.edit.setMaximumWidth(160)
        self.edit.setInputMethodHints(Qt.InputMethodHint.ImhFormattedNumbersOnly)
        self.edit.textEdited.connect(lambda _t: self.changed(EDIT))
        self.edit.editingFinished.connect(lambda: self.changed(COMMIT))
        row.addWidget(self.edit)
        if self.question.unit is not None:
            unit = QLabel(self.question.unit.get(self.lang))
            unit.setBuddy(self.edit)
            row.addWidget(unit)
        row.addStretch(1)
        self.input_layout.addLayout(row)

    def value(self) -> Any:
        text = self.edit.text().strip().replace(" ", "").replace(",", ".")
        if not text:
            return None
        try:
            return int(text)
        except ValueError:
            pass
        try:
            number = float(text)
        except ValueError:
            return self.edit.text().strip()  # kept as typed; validation says it is not a number
        return int(number) if number.is_integer() and self.question.integer else number

    def load(self, value: Any) -> None:
        if value is None:
            self.edit.setText("")
        elif isinstance(value, float) and self.lang == "sv":
            self.edit.setText(repr(value).replace(".", ","))
        else:
            self.edit.setText(str(value))

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit]

    def apply_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)


class DateEditor(QuestionEditor):
    """date: ISO date typed as ÅÅÅÅ-MM-DD (empty = unanswered), or picked from a calendar
    that the button beside the field opens (keyboard: Tab to the button, Space, arrows,
    Enter)."""

    def build_inputs(self) -> None:
        row = QHBoxLayout()
        self.edit = QLineEdit()
        self.edit.setObjectName(f"input_{self.question.id}")
        self.edit.setMaxLength(10)
        self.edit.setMaximumWidth(160)
        self.edit.setPlaceholderText(QCoreApplication.translate("FormWidget", "YYYY-MM-DD"))
        self.edit.textEdited.connect(lambda _t: self.changed(EDIT))
        self.edit.editingFinished.connect(lambda: self.changed(COMMIT))
        self.calendar = QCalendarWidget()
        self.calendar.setObjectName(f"calendar_{self.question.id}")
        self.calendar.setGridVisible(True)
        self.calendar_menu = QMenu(self.edit)
        holder = QWidgetAction(self.calendar_menu)
        holder.setDefaultWidget(self.calendar)
        self.calendar_menu.addAction(holder)
        self.calendar_menu.aboutToShow.connect(self._show_current_in_calendar)
        self.pick = QToolButton()
        self.pick.setObjectName(f"pick_{self.question.id}")
        self.pick.setText(QCoreApplication.translate("FormWidget", "Choose date…"))
        self.pick.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.pick.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.pick.setStyleSheet("QToolButton::menu-indicator { image: none; width: 0px; }")
        self.pick.setMenu(self.calendar_menu)
        self.pick.setAccessibleName(QCoreApplication.translate("FormWidget", "Choose a date: %1")
                                    .replace("%1", self.question_text))
        self.calendar.activated.connect(self.pick_date)
        self.calendar.clicked.connect(self.pick_date)
        row.addWidget(self.edit)
        row.addWidget(self.pick)
        row.addStretch(1)
        self.input_layout.addLayout(row)

    def _show_current_in_calendar(self) -> None:
        shown = QDate.fromString(self.edit.text().strip(), "yyyy-MM-dd")
        self.calendar.setSelectedDate(shown if shown.isValid() else QDate.currentDate())
        self.calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def pick_date(self, day: QDate) -> None:
        """The date chosen in the calendar becomes the answer (as if typed)."""
        self.calendar_menu.hide()
        if self.read_only or not day.isValid():
            return
        self.edit.setText(day.toString("yyyy-MM-dd"))
        self.changed(COMMIT)
        self.edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def value(self) -> Any:
        text = self.edit.text().strip()
        return text or None

    def load(self, value: Any) -> None:
        self.edit.setText("" if value is None else str(value))

    def focus_widgets(self) -> list[QWidget]:
        return [self.edit, self.pick]

    def apply_read_only(self, read_only: bool) -> None:
        self.edit.setReadOnly(read_only)
        self.pick.setEnabled(not read_only)


# ------------------------------------------------------------------------------- options


class OptionButtons:
    """Radio buttons of which at most one is checked; clicking the checked one clears it.

    Each button is a tab stop and Space toggles it, so the choice is fully keyboard usable
    and an optional question can be left (or made) unanswered.
    """

    def __init__(self, options: list[tuple[str, str]], accessible_prefix: str,
                 on_change: Callable[[], None], *, horizontal: bool, object_prefix: str) -> None:
        self.widget = QWidget()
        layout = QHBoxLayout(self.widget) if horizontal else QVBoxLayout(self.widget)
        layout.setContentsMargins(0, 0, 0, 0)
        self._on_change = on_change
        self.buttons: dict[str, QRadioButton] = {}
        for value, label in options:
            button = QRadioButton(label)
            button.setObjectName(f"{object_prefix}_{value}")
            button.setAutoExclusive(False)
            button.setAccessibleName(f"{accessible_prefix}: {label}")
            button.toggled.connect(lambda checked, v=value: self._toggled(v, checked))
            layout.addWidget(button)
            self.buttons[value] = button
        if horizontal:
            layout.addStretch(1)

    def _toggled(self, value: str, checked: bool) -> None:
        if checked:
            for other, button in self.buttons.items():
                if other != value and button.isChecked():
                    button.blockSignals(True)
                    button.setChecked(False)
                    button.blockSignals(False)
        self._on_change()

    def value(self) -> str | None:
        return next((v for v, b in self.buttons.items() if b.isChecked()), None)

    def set_value(self, value: Any) -> None:
        for v, button in self.buttons.items():
            button.blockSignals(True)
            button.setChecked(v == value)
            button.blockSignals(False)

    def widgets(self) -> list[QWidget]:
        return list(self.buttons.values())


class ChoiceEditor(QuestionEditor):
    """yes_no_unsure and single_choice: one option or none."""

    def build_inputs(self) -> None:
        options = [(v, self.question.option_label(v, self.lang)) for v in self.question.option_values()]
        horizontal = self.question.kind == QuestionKind.YES_NO_UNSURE
        self.options = OptionButtons(options, self.question_text, lambda: self.changed(COMMIT),
                                     horizontal=horizontal, object_prefix=f"input_{self.question.id}")
        self.input_layout.addWidget(self.options.widget)

    def value(self) -> Any:
        return self.options.value()

    def load(self, value: Any) -> None:
        self.options.set_value(value)

    def focus_widgets(self) -> list[QWidget]:
        return self.options.widgets()


class MultiChoiceEditor(QuestionEditor):
    """multi_choice: check boxes; the answer lists the checked values in form order."""

    def build_inputs(self) -> None:
        self.boxes: dict[str, QCheckBox] = {}
        for choice in self.question.choices:
            label = choice.label.get(self.lang)
            box = QCheckBox(label)
            box.setObjectName(f"input_{self.question.id}_{choice.value}")
            box.setAccessibleName(f"{self.question_text}: {label}")
            if choice.help is not None:
                box.setToolTip(choice.help.get(self.lang))
            box.toggled.connect(lambda _c: self.changed(COMMIT))
            self.input_layout.addWidget(box)
            self.boxes[choice.value] = box

    def value(self) -> Any:
        chosen = [v for v, box in self.boxes.items() if box.isChecked()]
        return chosen or None

    def load(self, value: Any) -> None:
        chosen = set(value) if isinstance(value, list) else set()
        for v, box in self.boxes.items():
            box.setChecked(v in chosen)

    def focus_widgets(self) -> list[QWidget]:
        return list(self.boxes.values())


class ScaleEditor(QuestionEditor):
    """scale: numbered radio buttons between the two labelled ends."""

    def build_inputs(self) -> None:
        low, high = int(self.question.min or 1), int(self.question.max or 5)
        row = QHBoxLayout()
        min_text = self.question.min_label.get(self.lang) if self.question.min_label else ""
        max_text = self.question.max_label.get(self.lang) if self.question.max_label else ""
        self.min_label = QLabel(min_text)
        row.addWidget(self.min_label)
        labels = []
        for n in range(low, high + 1):
            end = min_text if n == low else max_text if n == high else ""
            labels.append((str(n), f"{n} ({end})" if end else str(n)))
        self.options = OptionButtons(labels, self.question_text, lambda: self.changed(COMMIT),
                                     horizontal=True, object_prefix=f"input_{self.question.id}")
        for value, button in self.options.buttons.items():
            button.setText(value)
        row.addWidget(self.options.widget)
        self.max_label = QLabel(max_text)
        row.addWidget(self.max_label)
        row.addStretch(1)
        self.input_layout.addLayout(row)

    def value(self) -> Any:
        chosen = self.options.value()
        return int(chosen) if chosen is not None else None

    def load(self, value: Any) -> None:
        self.options.set_value(str(value) if value is not None else None)

    def focus_widgets(self) -> list[QWidget]:
        return self.options.widgets()


class ChecklistEditor(QuestionEditor):
    """checklist_item: done / partly / not done / not relevant, and a comment."""

    def help_text(self) -> str:
        parts = [super().help_text()] if self.question.help else []
        if self.question.routine is not None:
            for name, text in self.question.routine.parts():
                parts.append(f"{translate('routine_' + name, self.lang)}: {text.get(self.lang)}")
        return "\n".join(parts)

    def build_inputs(self) -> None:
        options = [(s, self.question.option_label(s, self.lang)) for s in CHECKLIST_STATUSES]
        self.options = OptionButtons(options, self.question_text, lambda: self.changed(COMMIT),
                                     horizontal=True, object_prefix=f"input_{self.question.id}")
        self.input_layout.addWidget(self.options.widget)
        row = QHBoxLayout()
        comment_label = translate("comment", self.lang)
        label = QLabel(comment_label)
        self.comment = QLineEdit()
        self.comment.setObjectName(f"input_{self.question.id}_comment")
        self.comment.setAccessibleName(f"{self.question_text}: {comment_label}")
        self.comment.textEdited.connect(lambda _t: self.changed(EDIT))
        self.comment.editingFinished.connect(lambda: self.changed(COMMIT))
        label.setBuddy(self.comment)
        row.addWidget(label)
        row.addWidget(self.comment, 1)
        self.input_layout.addLayout(row)

    def value(self) -> Any:
        status = self.options.value()
        comment = self.comment.text().strip()
        if status is None and not comment:
            return None
        return {"status": status, "comment": comment}

    def load(self, value: Any) -> None:
        value = value if isinstance(value, Mapping) else {}
        self.options.set_value(value.get("status"))
        self.comment.setText(str(value.get("comment") or ""))

    def focus_widgets(self) -> list[QWidget]:
        return [*self.options.widgets(), self.comment]

    def apply_read_only(self, read_only: bool) -> None:
        for widget in self.options.widgets():
            widget.setEnabled(not read_only)
        self.comment.setReadOnly(read_only)


# ------------------------------------------------------------------------------- groups


class GroupRow:
    """One row of a repeating group: a frame with the sub-question editors."""

    def __init__(self, group: GroupEditor, index: int) -> None:
        self.group = group
        self.box = QGroupBox()
        self.layout = QVBoxLayout(self.box)
        self.editors: dict[str, QuestionEditor] = {}
        for sub in group.question.questions:
            editor = make_editor(sub, group.lang, group.changed)
            editor.block.setObjectName(f"question_{group.question.id}_{sub.id}")
            self.editors[sub.id] = editor
            self.layout.addWidget(editor.block)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(lambda: group.remove_row(self))
        self.layout.addWidget(self.remove_button, 0, Qt.AlignmentFlag.AlignRight)
        self.renumber(index)

    def renumber(self, index: int) -> None:
        label = self.group.row_title(index)
        remove = QCoreApplication.translate("FormWidget", "Remove row")
        self.box.setTitle(label)
        self.box.setObjectName(f"row_{self.group.question.id}_{index}")
        self.remove_button.setText(remove)
        self.remove_button.setAccessibleName(f"{remove}: {label}")
        self.remove_button.setObjectName(f"remove_{self.group.question.id}_{index}")

    def value(self) -> dict[str, Any]:
        return {sid: v for sid, e in self.editors.items() if is_answered(v := e.value())}

    def focus_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = []
        for editor in self.editors.values():
            if editor.shown:
                widgets.extend(editor.focus_widgets())
        if not self.group.read_only:
            widgets.append(self.remove_button)
        return widgets


class GroupEditor(QuestionEditor):
    """repeating_group: rows of sub-questions, added and removed by the user."""

    def build_inputs(self) -> None:
        self.rows: list[GroupRow] = []
        self.rows_area = QWidget()
        self.rows_layout = QVBoxLayout(self.rows_area)
        self.rows_layout.setContentsMargins(0, 0, 0, 0)
        self.input_layout.addWidget(self.rows_area)
        add = QCoreApplication.translate("FormWidget", "Add row")
        self.add_button = QPushButton(add)
        self.add_button.setObjectName(f"add_{self.question.id}")
        self.add_button.setAccessibleName(f"{add}: {self.question_text}")
        self.add_button.clicked.connect(self.add_row)
        self.input_layout.addWidget(self.add_button, 0, Qt.AlignmentFlag.AlignLeft)

    def row_title(self, index: int) -> str:
        if self.question.row_label is not None:
            return f"{self.question.row_label.get(self.lang)} {index + 1}"
        return translate("row", self.lang, number=index + 1)

    def add_row(self) -> GroupRow:
        row = GroupRow(self, len(self.rows))
        self.rows.append(row)
        self.rows_layout.addWidget(row.box)
        if self.rows_area.isVisible():
            row.box.show()  # now, not queued: focus and tab order can use it at once
        for editor in row.editors.values():
            editor.set_read_only(self.read_only)
        row.remove_button.setVisible(not self.read_only)
        self._update_buttons()
        if not self._loading:
            self.changed(STRUCTURE)
            row.editors[self.question.questions[0].id].focus()
        return row

    def remove_row(self, row: GroupRow) -> None:
        index = self.rows.index(row)
        self.rows.pop(index)
        row.box.setParent(None)
        row.box.deleteLater()
        for i, other in enumerate(self.rows):
            other.renumber(i)
        self._update_buttons()
        self.changed(STRUCTURE)
        if self.rows:
            self.rows[min(index, len(self.rows) - 1)].editors[self.question.questions[0].id].focus()
        else:
            self.add_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_buttons(self) -> None:
        full = self.question.max_rows is not None and len(self.rows) >= self.question.max_rows
        self.add_button.setVisible(not self.read_only)
        self.add_button.setEnabled(not full)

    def value(self) -> Any:
        rows = [row.value() for row in self.rows]
        return rows or None

    def load(self, value: Any) -> None:
        for row in list(self.rows):
            row.box.setParent(None)
            row.box.deleteLater()
        self.rows = []
        for row_value in value if isinstance(value, list) else []:
            row = self.add_row()
            for sid, editor in row.editors.items():
                editor.set_value(row_value.get(sid) if isinstance(row_value, Mapping) else None)
        self._update_buttons()

    def focus_widgets(self) -> list[QWidget]:
        widgets: list[QWidget] = []
        for row in self.rows:
            widgets.extend(row.focus_widgets())
        if not self.read_only:
            widgets.append(self.add_button)
        return widgets

    def apply_read_only(self, read_only: bool) -> None:
        for row in self.rows:
            for editor in row.editors.values():
                editor.set_read_only(read_only)
            row.remove_button.setVisible(not read_only)
        self._update_buttons()

    def refresh_rows(self, outer: Mapping[str, tuple[Question, Any]]) -> None:
        """Show each row's sub-questions whose conditions hold for that row."""
        for row in self.rows:
            raw = {sid: e.value() for sid, e in row.editors.items()}
            shown = {q.id for q in visible_sub_questions(self.question, raw, outer)}
            for sid, editor in row.editors.items():
                editor.set_visible(sid in shown)

    def visible_row_value(self, row: GroupRow, outer: Mapping[str, tuple[Question, Any]]) -> dict[str, Any]:
        raw = row.value()
        shown = {q.id for q in visible_sub_questions(self.question, raw, outer)}
        return {k: v for k, v in raw.items() if k in shown}

    def show_row_problems(self, problems: dict[tuple[int, str], str]) -> None:
        for i, row in enumerate(self.rows):
            for sid, editor in row.editors.items():
                editor.show_problem(problems.get((i, sid)))

    def sub_editor(self, row: int, sub_id: str) -> QuestionEditor:
        return self.rows[row].editors[sub_id]


def make_editor(question: Question, lang: str, notify: Notify) -> QuestionEditor:
    """The editor for one question's kind."""
    kind = question.kind
    cls: type[QuestionEditor]
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        cls = TextEditor
    elif kind == QuestionKind.NUMBER:
        cls = NumberEditor
    elif kind == QuestionKind.DATE:
        cls = DateEditor
    elif kind in (QuestionKind.YES_NO_UNSURE, QuestionKind.SINGLE_CHOICE):
        cls = ChoiceEditor
    elif kind == QuestionKind.MULTI_CHOICE:
        cls = MultiChoiceEditor
    elif kind == QuestionKind.SCALE:
        cls = ScaleEditor
    elif kind == QuestionKind.CHECKLIST_ITEM:
        cls = ChecklistEditor
    elif kind == QuestionKind.REPEATING_GROUP:
        cls = GroupEditor
    else:  # pragma: no cover - QuestionKind is closed; a new kind must get an editor
        raise ValueError(f"no editor for question kind {kind}")
    return cls(question, lang, notify)


__all__ = ["COMMIT", "EDIT", "STRUCTURE", "GroupEditor", "QuestionEditor", "make_editor"]
