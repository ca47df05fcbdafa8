"""The conflict view: records that need a decision after sync.

On the left the records (the carer's name, and which of the carer's records: their
details, a consent, a follow-up task…); on the right, for a record a colleague deleted
while it was being changed, the notice with *Keep it* / *Delete it after all…*, and for
each conflicting text every version (with when it was written) and a merged text to edit.
The person picks one version or writes the merged text and saves. Every decision is a
normal change that has seen what it settles (core: ``sync/attention.py``), so after
syncing the conflict or the notice is gone everywhere.
"""

from __future__ import annotations

import difflib
from typing import Any

from anhorigdesk.sync.attention import SyncIssue
from anhorigdesk.ui.qt import (
    QButtonGroup,
    QEvent,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.sync.controller import SyncController
from anhorigdesk.ui.sync.notices import DeletedNotice, field_label, record_label, written_at
from anhorigdesk.ui.widgets import Heading, Muted

__all__ = ["ConflictView", "FieldConflict", "merged_text", "written_at"]


def merged_text(versions: list[dict[str, Any]]) -> str:
    """A starting point for a merge, oldest version first: lines the versions share appear
    once, and each version's own lines where it has them (two people who each added a line
    under the same note get the note once and both lines). Versions with no line in common
    follow one another, a blank line between."""
    texts: list[str] = []
    for version in versions:
        value = version.get("value")
        text = "" if value is None else str(value)
        if text and text not in texts:
            texts.append(text)
    if not texts:
        return ""
    merged = texts[0].splitlines()
    for text in texts[1:]:
        lines = text.splitlines()
        matcher = difflib.SequenceMatcher(a=merged, b=lines, autojunk=False)
        if not any(tag == "equal" for tag, *_ in matcher.get_opcodes()):
            merged = [*merged, "", *lines]
            continue
        out: list[str] = []
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            out += merged[i1:i2]  # equal, or lines only the earlier versions have: kept
            if tag in ("insert", "replace"):
                out += lines[j1:j2]  # lines only this version has
        merged = out
    return "\n".join(merged)


def _lines_high(edit: QPlainTextEdit, lines: int) -> None:
    """A text box that shows ``lines`` lines whatever the window's height: the detail pane
    scrolls instead of squeezing the versions to a line and a half with scroll bars."""
    edit.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
    margins = edit.contentsMargins()
    document = int(edit.document().documentMargin() * 2)
    edit.setFixedHeight(edit.fontMetrics().lineSpacing() * lines + document + margins.top()
                        + margins.bottom() + 2 * edit.frameWidth())


class FieldConflict(QGroupBox):
    """One conflicting field: the versions to pick from and a merge to edit."""

    resolve_requested = Signal(str, object)  # field name, chosen value

    def __init__(self, field_name: str, label: str, versions: list[dict[str, Any]],
                 parent: QWidget | None = None, *, here: str = "") -> None:
        super().__init__(parent)
        self.here = here  # this computer's client id: "written here" or "on another computer"
        self.field_name = field_name
        self.versions = versions
        self.label = label
        self.group = QButtonGroup(self)
        self.radios: list[QRadioButton] = []
        self.texts: list[QPlainTextEdit] = []
        layout = QVBoxLayout(self)
        for i, version in enumerate(versions):
            radio = QRadioButton(self)
            text = QPlainTextEdit(self)
            text.setReadOnly(True)
            text.setPlainText("" if version.get("value") is None else str(version.get("value")))
            _lines_high(text, 4)
            self.group.addButton(radio, i)
            self.radios.append(radio)
            self.texts.append(text)
            layout.addWidget(radio)
            layout.addWidget(text)
        self.merge_radio = QRadioButton(self)
        self.group.addButton(self.merge_radio, len(versions))
        self.merge_text = QPlainTextEdit(self)
        self.merge_text.setPlainText(merged_text(versions))
        _lines_high(self.merge_text, 6)
        self.save_button = QPushButton(self)
        self.merge_radio.setChecked(True)

        self.save_button.clicked.connect(self._save)
        self.merge_text.textChanged.connect(lambda: self.merge_radio.setChecked(True))

        layout.addWidget(self.merge_radio)
        layout.addWidget(self.merge_text)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.save_button)
        layout.addLayout(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.label)
        for i, (radio, version) in enumerate(zip(self.radios, self.versions, strict=True)):
            when = written_at(str(version.get("hlc", "")))
            number = str(i + 1)
            if when and self.here and version.get("client_id"):
                text = (self.tr("Use version %1 (written %2 on this computer)")
                        if version.get("client_id") == self.here
                        else self.tr("Use version %1 (written %2 on another computer)"))
                radio.setText(text.replace("%1", number).replace("%2", when))
            else:
                radio.setText(self.tr("Use version %1 (written %2)").replace("%1", number).replace("%2", when)
                              if when else self.tr("Use version %1").replace("%1", number))
            self.texts[i].setAccessibleName(self.tr("Version %1").replace("%1", str(i + 1)))
        self.merge_radio.setText(self.tr("Use a merged text (edit below)"))
        self.merge_text.setAccessibleName(self.tr("Merged text"))
        self.save_button.setText(self.tr("&Keep the chosen text"))

    def chosen_value(self) -> Any:
        index = self.group.checkedId()
        if 0 <= index < len(self.versions):
            return self.versions[index].get("value")
        return self.merge_text.toPlainText()

    def _save(self) -> None:
        self.save_button.setEnabled(False)
        self.resolve_requested.emit(self.field_name, self.chosen_value())


class ConflictView(QWidget):
    """Lists the records that need a decision and settles them."""

    count_changed = Signal(int)

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.items: list[SyncIssue] = []
        self.current: SyncIssue | None = None
        self.boxes: dict[str, FieldConflict] = {}
        self.notice: DeletedNotice | None = None
        self.wanted: tuple[str, str] | None = None  # the record to show once the list is loaded
        # create
        self.heading = Heading(1.2, self)
        self.intro = Muted(self)
        self.empty = Muted(self)
        self.carers = QListWidget(self)  # one row per record (named by its carer)
        self.carers.setMinimumWidth(220)
        self.carers.setWordWrap(True)
        self.carers.setSpacing(2)
        self.carers.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.detail = QWidget(self)
        self.detail_heading = Heading(1.1, self.detail)
        self.detail_kind = Muted(self.detail)
        self.detail_layout = QVBoxLayout(self.detail)
        self.scroll = QScrollArea(self)
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.scroll.setWidget(self.detail)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)

        # connect
        self.carers.currentRowChanged.connect(self._show_row)
        controller.conflicts_changed.connect(self.reload)

        # assemble
        self.detail_layout.addWidget(self.detail_heading)
        self.detail_layout.addWidget(self.detail_kind)
        self.detail_layout.addStretch(1)
        self.splitter.addWidget(self.carers)
        self.splitter.addWidget(self.scroll)
        self.splitter.setStretchFactor(1, 1)
        self.splitter.setSizes([260, 560])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)
        layout.addStretch(0)  # takes the space instead of the list when there is nothing to show
        self.layout_ = layout
        self.retranslate()
        self._show_items([])

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Conflicts"))
        self.intro.setText(self.tr(
            "These records were changed on two computers before they synced. Where the same text was "
            "changed, both versions are kept: pick one, or merge them. Where a colleague deleted a record "
            "while it was being changed, the change was kept: keep the record or delete it after all. "
            "Your choice reaches the others at the next sync."))
        self.empty.setText(self.tr("No conflicts. Everything agrees."))
        self.carers.setAccessibleName(self.tr("Records that need a decision"))
        for row, item in enumerate(self.items):
            entry = self.carers.item(row)
            if entry is not None:
                entry.setText(self._row_text(item))
        if self.current is not None:
            self.detail_kind.setText(record_label(self.current))
        for box in self.boxes.values():
            box.label = field_label(box.field_name)
            box.retranslate()

    def _row_text(self, item: SyncIssue) -> str:
        name = item.carer_name or (self.tr("(no name)") if item.carer_id else "")
        if item.entity == "carer" and item.deleted is None:
            return name
        return f"{name}\n{record_label(item)}" if name else record_label(item)

    # ------------------------------------------------------------------ data
    def reload(self) -> None:
        task = self.controller.load_issues()
        task.finished.connect(self._show_items)

    def show_record(self, entity: str, entity_id: str) -> None:
        """Select this record (now, or when the list has loaded)."""
        self.wanted = (entity, entity_id)
        row = next((i for i, item in enumerate(self.items) if item.key == self.wanted), None)
        if row is not None:
            self.carers.setCurrentRow(row)

    def clear(self) -> None:
        """Forget what is shown (on lock): names and texts are personal data."""
        self._show_items([])

    def _show_items(self, items: list[SyncIssue]) -> None:
        keep = self.wanted or (self.current.key if self.current is not None else None)
        self.items = items
        self.carers.blockSignals(True)
        self.carers.clear()
        for item in items:
            entry = QListWidgetItem(self._row_text(item), self.carers)
            entry.setData(Qt.ItemDataRole.UserRole, item.entity_id)
        self.carers.blockSignals(False)
        self.empty.setVisible(not items)
        self.intro.setVisible(bool(items))
        self.splitter.setVisible(bool(items))
        self.layout_.setStretch(self.layout_.count() - 2, 1 if items else 0)
        self.layout_.setStretch(self.layout_.count() - 1, 0 if items else 1)
        row = next((i for i, item in enumerate(items) if item.key == keep), 0)
        if items:
            if self.wanted is not None and items[row].key == self.wanted:
                self.wanted = None
            self.carers.setCurrentRow(row)
            self._show_row(row)
        else:
            self._show_row(-1)
        self.count_changed.emit(len(items))

    def _show_row(self, row: int) -> None:
        for box in self.boxes.values():
            box.setParent(None)
            box.deleteLater()
        self.boxes = {}
        if self.notice is not None:
            self.notice.setParent(None)
            self.notice.deleteLater()
            self.notice = None
        if not 0 <= row < len(self.items):
            self.current = None
            self.detail_heading.setText("")
            self.detail_kind.setText("")
            return
        self.current = self.items[row]
        self.detail_heading.setText(self.current.carer_name or record_label(self.current))
        self.detail_kind.setText(record_label(self.current))
        position = 2
        if self.current.deleted is not None:
            self.notice = DeletedNotice(self.current, self.detail, name_record=False)
            self.notice.keep_requested.connect(self._keep)
            self.notice.delete_requested.connect(self._delete)
            self.detail_layout.insertWidget(position, self.notice)
            position += 1
        for name, versions in sorted(self.current.conflicts.items()):
            box = FieldConflict(name, field_label(name), versions, self.detail,
                                here=self.controller.repo.db.client_id)
            box.resolve_requested.connect(self._resolve)
            self.detail_layout.insertWidget(position, box)
            position += 1
            self.boxes[name] = box

    def _resolve(self, field_name: str, value: Any) -> None:
        if self.current is None:
            return
        task = self.controller.resolve(self.current.entity, self.current.entity_id, field_name, value,
                                       shown=self.current.conflicts.get(field_name))
        task.failed.connect(lambda _exc: self.reload())  # e.g. the record was removed meanwhile

    def _keep(self, entity: str, entity_id: str) -> None:
        self.controller.keep_edited(entity, entity_id).failed.connect(lambda _exc: self.reload())

    def _delete(self, entity: str, entity_id: str) -> None:
        self.controller.delete_after_all(entity, entity_id).failed.connect(lambda _exc: self.reload())
