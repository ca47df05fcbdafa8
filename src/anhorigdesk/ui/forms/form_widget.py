"""`FormWidget`: an editable (or read-only) form built from any `FormDefinition`.

Built in code in a fixed order: create, connect, assemble. Conditions are applied live,
problems are shown inline (the core's `validate_answers` decides what is wrong), drafts are
saved through an injected `save_draft(answers)` callable every few seconds and when focus
leaves a field, and `finish()` emits `finished(answers)` only for a valid form. The widget
knows nothing of the store.
"""

from __future__ import annotations

import itertools
import logging
import re
from collections.abc import Callable, Mapping
from typing import Any

from anhorigdesk.forms import (
    AnswerProblem,
    FormDefinition,
    is_answered,
    validate_answers,
    visible_questions,
)
from anhorigdesk.ui.forms.editors import (
    COMMIT,
    EDIT,
    STRUCTURE,
    GroupEditor,
    QuestionEditor,
    make_editor,
)
from anhorigdesk.ui.qt import (
    QCoreApplication,
    QEvent,
    QFrame,
    QGroupBox,
    QLabel,
    QObject,
    QScrollArea,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)

log = logging.getLogger("anhorigdesk.ui.forms")

SaveDraft = Callable[[dict[str, Any]], None]
DEFAULT_AUTOSAVE_MS = 5000

_ROW_PATH = re.compile(r"^(?P<group>[a-z][a-z0-9_]*)\[(?P<row>\d+)\](?:\.(?P<sub>[a-z][a-z0-9_]*))?$")


class FormWidget(QWidget):
    """Shows one form definition for filling in, or read-only for a stored response.

    Signals: `changed()` after every change by the user; `finished(dict)` with the answers
    when `finish()` found them valid; `draft_saved(dict)` after `save_draft` was called;
    `draft_failed()` when `save_draft` raised (the answers stay, the next tick retries).
    """

    changed = Signal()
    finished = Signal(object)
    draft_saved = Signal(object)
    draft_failed = Signal()

    def __init__(self, definition: FormDefinition, *, language: str = "sv",
                 answers: Mapping[str, Any] | None = None, read_only: bool = False,
                 save_draft: SaveDraft | None = None, autosave_ms: int = DEFAULT_AUTOSAVE_MS,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._definition = definition
        self._language = language
        self._read_only = read_only
        self._save_draft = save_draft
        self._dirty = False
        self._final_mode = False
        self._problems: list[AnswerProblem] = []
        self._prefilled: dict[str, Any] = {}  # proposals applied, by question id
        self._editors: dict[str, QuestionEditor] = {}
        self._section_boxes: dict[str, QGroupBox] = {}
        self.setObjectName(f"form_{definition.id}")
        # create
        self._scroll = QScrollArea(self)
        self._scroll.setWidgetResizable(True)
        self._scroll.setFrameShape(QFrame.Shape.NoFrame)
        # Always there: a scroll bar that appears when a question is revealed would narrow
        # the form and re-wrap every text above the question being answered.
        self._scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        self._autosave = QTimer(self)
        self._autosave.setInterval(max(200, autosave_ms))
        # connect
        self._autosave.timeout.connect(self._autosave_tick)
        # assemble
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self._scroll)
        self._build()
        if answers:
            self.set_answers(answers)
        self._update_autosave()

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        lang = self._language
        content = QWidget()
        content.setObjectName("form_content")
        layout = QVBoxLayout(content)
        title = QLabel(self._definition.title.get(lang))
        title.setObjectName("form_title")
        title.setWordWrap(True)
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        title.setFont(font)
        layout.addWidget(title)
        if self._definition.description is not None:
            description = QLabel(self._definition.description.get(lang))
            description.setWordWrap(True)
            layout.addWidget(description)
        self._editors = {}
        self._section_boxes = {}
        for section in self._definition.sections:
            box = QGroupBox(section.title.get(lang))
            box.setObjectName(f"section_{section.id}")
            box_layout = QVBoxLayout(box)
            if section.intro is not None:
                intro = QLabel(section.intro.get(lang))
                intro.setWordWrap(True)
                box_layout.addWidget(intro)
            for question in section.questions:
                editor = make_editor(question, lang, self._on_editor_change)
                editor.set_read_only(self._read_only)
                self._editors[question.id] = editor
                box_layout.addWidget(editor.block)
            self._section_boxes[section.id] = box
            layout.addWidget(box)
        layout.addStretch(1)
        old = self._scroll.takeWidget()
        if old is not None:
            old.deleteLater()
        self._scroll.setWidget(content)
        self._after_structure_change()

    def _after_structure_change(self) -> None:
        self._refresh_visibility()
        self._install_focus_filters()
        self._fix_tab_order()

    def _install_focus_filters(self) -> None:
        for widget in self._all_focus_widgets(include_hidden=True):
            widget.removeEventFilter(self)
            widget.installEventFilter(self)

    def _all_focus_widgets(self, *, include_hidden: bool = False) -> list[QWidget]:
        widgets: list[QWidget] = []
        for editor in self._editors.values():
            if include_hidden or editor.shown:
                if isinstance(editor, GroupEditor) and include_hidden:
                    for row in editor.rows:
                        for sub in row.editors.values():
                            widgets.extend(sub.focus_widgets())
                        widgets.append(row.remove_button)
                    widgets.append(editor.add_button)
                else:
                    widgets.extend(editor.focus_widgets())
        return widgets

    def _fix_tab_order(self) -> None:
        """Tab follows the form's order, also for rows added later."""
        chain = self._all_focus_widgets()
        for first, second in itertools.pairwise(chain):
            QWidget.setTabOrder(first, second)

    # ------------------------------------------------------------------ properties

    @property
    def definition(self) -> FormDefinition:
        return self._definition

    @property
    def language(self) -> str:
        return self._language

    def set_language(self, language: str) -> None:
        """Show the form texts in another language, keeping what has been filled in."""
        if language == self._language:
            return
        answers = self._raw_answers()
        self._language = language
        self._rebuild(answers)

    def is_read_only(self) -> bool:
        return self._read_only

    def set_read_only(self, read_only: bool) -> None:
        self._read_only = read_only
        for editor in self._editors.values():
            editor.set_read_only(read_only)
        self._fix_tab_order()
        self._update_autosave()

    def editor(self, question_id: str) -> QuestionEditor:
        """The editor of a top-level question (for the screen's own code and for tests)."""
        return self._editors[question_id]

    def section_box(self, section_id: str) -> QGroupBox:
        return self._section_boxes[section_id]

    def is_dirty(self) -> bool:
        return self._dirty

    # ------------------------------------------------------------------ answers

    def _raw_answers(self) -> dict[str, Any]:
        """Every editor's value (hidden questions included), unanswered ones left out."""
        return {qid: v for qid, e in self._editors.items() if is_answered(v := e.value())}

    def answers(self) -> dict[str, Any]:
        """The answers of the visible questions, in the core's JSON-able format."""
        raw = self._raw_answers()
        visible = visible_questions(self._definition, raw)
        lookup = {q.id: (q, raw.get(q.id)) for q in visible}
        result: dict[str, Any] = {}
        for question in visible:
            if question.id not in raw:
                continue
            editor = self._editors[question.id]
            if isinstance(editor, GroupEditor):
                result[question.id] = [editor.visible_row_value(row, lookup) for row in editor.rows]
            else:
                result[question.id] = raw[question.id]
        return result

    def set_answers(self, answers: Mapping[str, Any]) -> None:
        """Show these answers (e.g. a draft, or a stored response); not a user change."""
        self._load(answers)
        self._dirty = False

    def apply_prefill(self, prefilled: Mapping[str, Any]) -> list[str]:
        """Fill unanswered questions with proposed answers (``forms.prefill.Prefilled``:
        value, source, since), each marked as prefilled with where it comes from until the
        user changes it; not a user change. Returns the question ids filled."""
        if self._read_only:
            return []
        filled: list[str] = []
        for qid, proposal in prefilled.items():
            editor = self._editors.get(qid)
            if editor is None or isinstance(editor, GroupEditor) or is_answered(editor.value()):
                continue
            editor.set_value(proposal.value)
            editor.mark_prefilled(self.prefill_note(proposal))
            self._prefilled[qid] = proposal
            filled.append(qid)
        if filled:
            self._after_structure_change()
            if self._final_mode:
                self._validate()
        return filled

    def prefill_note(self, proposal: Any) -> str:
        """What the note under a prefilled answer says: its source, and that it may change."""
        if proposal.source == "today":
            return QCoreApplication.translate("FormWidget", "Filled in with today's date. Change it if it was another day.")
        if proposal.source == "checkin" and proposal.since is not None:
            text = QCoreApplication.translate("FormWidget", "Filled in from the check-in on %1. Change it if the answer is different today.")
            return text.replace("%1", proposal.since.isoformat())
        return QCoreApplication.translate("FormWidget", "Filled in from the carer's record. Change it if it is not right.")

    def prefilled_questions(self) -> list[str]:
        """The questions whose answers are still the prefilled ones."""
        return [qid for qid, e in self._editors.items() if e.prefilled]

    def _rebuild(self, answers: Mapping[str, Any]) -> None:
        """Build the editors again (another language) keeping answers and prefilled notes."""
        still = {qid: self._prefilled[qid] for qid in self.prefilled_questions()
                 if qid in self._prefilled}
        self._build()
        self._load(answers)
        for qid, proposal in still.items():
            self._editors[qid].mark_prefilled(self.prefill_note(proposal))

    def _load(self, answers: Mapping[str, Any]) -> None:
        for qid, editor in self._editors.items():
            editor.set_value(answers.get(qid))
        self._after_structure_change()
        if self._final_mode:
            self._validate()

    # ------------------------------------------------------------------ changes

    def _on_editor_change(self, kind: str) -> None:
        self._dirty = True
        if kind == STRUCTURE:
            self._after_structure_change()
        else:
            self._refresh_visibility()
        if kind in (COMMIT, STRUCTURE) or (kind == EDIT and self._final_mode):
            self._validate()
        self.changed.emit()

    def _refresh_visibility(self) -> None:
        raw = self._raw_answers()
        visible = visible_questions(self._definition, raw)
        shown = {q.id for q in visible}
        content = self._scroll.widget()
        if content is not None and content.isVisible():
            # The form does not get shorter while it is being filled in: questions hidden
            # by an answer leave room at the end instead, so the scroll position is not
            # pulled back and the question just answered stays under the pointer.
            content.setMinimumHeight(max(content.minimumHeight(), content.height()))
        lookup = {q.id: (q, raw.get(q.id)) for q in visible}
        before = {qid for qid, e in self._editors.items() if e.shown}
        for qid, editor in self._editors.items():
            editor.set_visible(qid in shown)
            if isinstance(editor, GroupEditor):
                editor.refresh_rows(lookup)
        for section in self._definition.sections:
            any_shown = any(q.id in shown for q in section.questions)
            self._section_boxes[section.id].setVisible(any_shown)
        if before != shown:
            self._fix_tab_order()

    # ------------------------------------------------------------------ validation

    def _validate(self) -> list[AnswerProblem]:
        problems = validate_answers(self._definition, self.answers(), final=self._final_mode)
        self._show_problems(problems)
        return problems

    def _show_problems(self, problems: list[AnswerProblem]) -> None:
        self._problems = problems
        top: dict[str, str] = {}
        rows: dict[str, dict[tuple[int, str], str]] = {}
        for problem in problems:
            text = problem.text(self._language)
            match = _ROW_PATH.match(problem.path)
            if match and match.group("sub"):
                rows.setdefault(match.group("group"), {}).setdefault(
                    (int(match.group("row")), match.group("sub")), text)
            else:
                top.setdefault(problem.question_id, text)
        for qid, editor in self._editors.items():
            editor.show_problem(top.get(qid))
            if isinstance(editor, GroupEditor):
                editor.show_row_problems(rows.get(qid, {}))

    def problems(self) -> list[AnswerProblem]:
        """The problems shown right now."""
        return list(self._problems)

    def finish(self) -> bool:
        """Validate for good; emit `finished(answers)` if valid, else show and focus problems."""
        self._final_mode = True
        problems = self._validate()
        if problems:
            self._focus_problem(problems[0])
            return False
        answers = self.answers()
        self._dirty = False
        self.finished.emit(answers)
        return True

    def _focus_problem(self, problem: AnswerProblem) -> None:
        editor = self._editors.get(problem.question_id)
        if editor is None:
            return
        match = _ROW_PATH.match(problem.path)
        if isinstance(editor, GroupEditor) and match and match.group("sub"):
            target = editor.sub_editor(int(match.group("row")), match.group("sub"))
        else:
            target = editor
        self._scroll.ensureWidgetVisible(target.block)
        target.focus()

    # ------------------------------------------------------------------ drafts

    def set_autosave_interval(self, milliseconds: int) -> None:
        self._autosave.setInterval(max(200, milliseconds))

    def autosave_interval(self) -> int:
        return int(self._autosave.interval())

    def _update_autosave(self) -> None:
        if self._save_draft is not None and not self._read_only:
            self._autosave.start()
        else:
            self._autosave.stop()

    def _autosave_tick(self) -> None:
        if self._dirty:
            self.save_draft_now()

    def save_draft_now(self) -> bool:
        """Hand the current answers to `save_draft`; False if there is nothing to save to."""
        if self._save_draft is None or self._read_only:
            return False
        answers = self.answers()
        try:
            self._save_draft(answers)
        except Exception as exc:
            # keep the form usable and the answers on screen; the next tick tries again.
            # Only the kind of error is logged: its text might quote what was typed.
            log.warning("saving the draft of form %s failed: %s", self._definition.id,
                        type(exc).__name__)
            self.draft_failed.emit()
            return False
        self._dirty = False
        self.draft_saved.emit(answers)
        return True

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut and self._dirty:
            self.save_draft_now()
        return super().eventFilter(watched, event)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange and self._editors:
            self._rebuild(self._raw_answers())
        super().changeEvent(event)

