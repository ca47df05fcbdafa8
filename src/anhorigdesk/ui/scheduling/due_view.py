"""The home screen's due lists: my overdue and soon-due items, and my unit's.

Two lists sorted by how late the items are (the core's order). One click opens the right
screen: a check-in opens the voluntariness form for that carer, a plan review the stödplan
form, a follow-up the follow-up task with a field for what was done.
"""

from __future__ import annotations

import difflib
import time
from typing import TYPE_CHECKING, Any

from anhorigdesk.i18n import current_language
from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.qt import (
    QAbstractItemView,
    QColor,
    QElapsedTimer,
    QEvent,
    QHeaderView,
    QLabel,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.widgets import Muted, fit_rows

if TYPE_CHECKING:  # the agenda loads the scheduling's storage (and PyYAML), the schedules
    # their rules and the forms: not at start (the lists fill in once the forms have loaded)
    from anhorigdesk.scheduling import DueItem, DueKind
    from anhorigdesk.workspace.agenda import Agenda, AgendaItem

OVERDUE_COLOUR = "#b3261e"
#: rows shown per list: the most overdue first (thousands of rows would only hide the top
#: and cost the GUI thread ~40 ms per thousand to build)
MAX_ROWS = 200


def target_for(item: DueItem, carer_name: str = "") -> tuple[str, dict[str, Any]]:
    """The page and argument that open a due item (see MainWindow.navigate)."""
    from anhorigdesk.scheduling import CHECKIN_FORM, PLAN_FORM, DueKind

    if item.kind is DueKind.FOLLOW_UP:
        return "follow_up", {"carer_id": item.carer_id, "task_id": item.task_id,
                             "carer_name": carer_name}
    kind = CHECKIN_FORM if item.kind is DueKind.CHECKIN else PLAN_FORM
    return "entry", {"carer_id": item.carer_id, "kind": kind, "carer_name": carer_name}


class DueTree(QTreeWidget):
    """One due list: lateness, what, carer, due date."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setRootIsDecorated(False)
        self.setColumnCount(4)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.header().setStretchLastSection(False)
        self.header().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.setAlternatingRowColors(True)
        fit_rows(self)  # rows from the font: Å, Ä and Ö uncut at every text size
        #: what each row shows, in order (DueView._row_texts): the next fill changes only
        #: the rows that differ
        self.shown_rows: list[tuple[Any, ...]] = []
        self.shown_items: list[Any] = []  # the agenda items of those rows
        self.shown_language = ""


class DueView(QWidget):
    """Mine and my unit's due items; ``open_requested(page, argument)`` on one click."""

    open_requested = Signal(str, object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.agenda: Agenda | None = None
        self._last_open: tuple[object, QElapsedTimer] | None = None
        # create
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setObjectName("overdueNotice")
        self.mine_label = QLabel(self)
        self.mine = DueTree(self)
        self.mine_empty = Muted(self)
        self.mine_more = Muted(self)
        self.unit_label = QLabel(self)
        self.unit = DueTree(self)
        self.unit_empty = Muted(self)
        self.unit_more = Muted(self)
        # connect
        self.mine.itemClicked.connect(self._open)
        self.unit.itemClicked.connect(self._open)
        self.mine.itemActivated.connect(self._open)
        self.unit.itemActivated.connect(self._open)
        # assemble
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.notice)
        for label, tree, empty, more in (
                (self.mine_label, self.mine, self.mine_empty, self.mine_more),
                (self.unit_label, self.unit, self.unit_empty, self.unit_more)):
            font = label.font()
            font.setBold(True)
            label.setFont(font)
            layout.addWidget(label)
            layout.addWidget(tree, 1)
            layout.addWidget(empty)
            layout.addWidget(more)
        self.notice.hide()
        self.retranslate()
        self._sync()

    def retranslate(self) -> None:
        self.mine_label.setText(self.tr("Mine"))
        self.unit_label.setText(self.tr("My unit's"))
        self.mine.setAccessibleName(self.tr("My due items"))
        self.unit.setAccessibleName(self.tr("My unit's due items"))
        headers = [self.tr("When"), self.tr("What"), self.tr("Carer"), self.tr("Due")]
        self.mine.setHeaderLabels(headers)
        self.unit.setHeaderLabels(headers)
        if self.agenda is None:
            loading = self.tr("Working out what is due…")
            self.mine_empty.setText(loading)
            self.unit_empty.setText(loading)
        else:
            self.mine_empty.setText(self.tr("Nothing of yours is due in the next two weeks."))
            self.unit_empty.setText(self.tr("Nothing else in your unit is due in the next two weeks."))
        if self.agenda is not None:
            for tree in (self.mine, self.unit):
                tree.shown_language = ""  # every text made again (Qt's language switches first)
            self._fill(self.agenda)  # the texts in the new language

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def lateness_text(self, days: int) -> str:
        if days > 0:
            return self.tr("%n day(s) late", "", days)
        if days == 0:
            return self.tr("Today")
        return self.tr("in %n day(s)", "", -days)

    def kind_text(self, kind: DueKind) -> str:
        from anhorigdesk.scheduling import DueKind

        return {
            DueKind.CHECKIN: self.tr("Check-in"),
            DueKind.PLAN_REVIEW: self.tr("Plan review"),
            DueKind.FOLLOW_UP: self.tr("Follow-up"),
        }[kind]

    def set_agenda(self, agenda: Agenda) -> None:
        """Show ``agenda``. Only the rows that differ from the ones shown change (a saved
        check-in changes that carer's rows in place; the same agenda again changes none)."""
        first = self.agenda is None
        if agenda is self.agenda:
            return
        self.agenda = agenda
        if first:
            self.retranslate()  # the empty states say "nothing is due" from now on (and fills)
            self.first_filled_at = self.filled_at
        else:
            self._fill(agenda)

    def _fill(self, agenda: Agenda) -> None:
        for tree, items, more in ((self.mine, agenda.mine, self.mine_more),
                                  (self.unit, agenda.unit, self.unit_more)):
            self._fill_tree(tree, items[:MAX_ROWS])
            more.setText(self.tr("Showing the %1 most urgent of %2.").replace("%1", str(MAX_ROWS))
                         .replace("%2", str(len(items))) if len(items) > MAX_ROWS else "")
            more.setVisible(len(items) > MAX_ROWS)
        #: when the lists were last filled (monotonic; the benchmark's figures)
        self.filled_at = time.monotonic()
        self._sync()

    def _fill_tree(self, tree: QTreeWidget, items: tuple[AgendaItem, ...]) -> None:
        """The tree's rows made to show ``items``: the rows shown (their texts, kept per
        tree) compared with the new ones, and only the differing runs taken out or put in."""
        language = current_language()
        old = tree.shown_rows
        # a row of the same item object in the same language shows the same texts (a
        # patched agenda keeps the objects of the carers that did not change)
        known = ({id(a): texts for a, texts in zip(tree.shown_items, old, strict=True)}
                 if tree.shown_language == language and len(tree.shown_items) == len(old) else {})
        new = [known.get(id(a)) or self._row_texts(a, language) for a in items]
        if len(old) != tree.topLevelItemCount():
            old = []
            tree.clear()
        refill = not old  # every row new: the columns are fitted to them all
        inserted: list[tuple[Any, ...]] = []
        opcodes = difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes()
        for tag, i1, i2, j1, j2 in reversed(opcodes):  # from the end: earlier indices hold
            if tag == "equal":
                continue
            for index in range(i2 - 1, i1 - 1, -1):
                tree.takeTopLevelItem(index)
            if j2 > j1:
                tree.insertTopLevelItems(i1, [self._row(texts) for texts in new[j1:j2]])
                inserted.extend(new[j1:j2])
        tree.shown_rows = new
        tree.shown_items = list(items)  # kept: their ids stay theirs while the texts are kept
        tree.shown_language = language
        if refill or len(inserted) > 20:
            for column in (0, 2, 3):
                tree.resizeColumnToContents(column)
        elif inserted:
            # a few rows put in: a column is fitted again (every row measured) only when one
            # of theirs is wider than it (bold lateness: room to spare)
            metrics = tree.fontMetrics()
            header = tree.header()
            for column in (0, 2, 3):
                if any(metrics.horizontalAdvance(texts[column]) + 32 > header.sectionSize(column)
                       for texts in inserted):
                    tree.resizeColumnToContents(column)

    def _row_texts(self, agenda_item: AgendaItem, lang: str) -> tuple[Any, ...]:
        """Everything a row shows (texts, tooltips, what a click opens, overdue)."""
        item = agenda_item.item
        what = item.reason.get(lang)  # says what to do ("Follow-up conversation: …")
        # a few words in the column, the whole reason in the tooltip
        lab = labels()
        hint = getattr(agenda_item, "carer_hint", None)
        page, argument = target_for(item, agenda_item.carer_name)
        return (self.lateness_text(item.days_overdue), lab.due_short(item.reason_code) or what,
                lab.carer_short(agenda_item.carer_name, hint), item.due_date.isoformat(),
                f"{self.kind_text(item.kind)}: {what}", lab.carer_with_hint(agenda_item.carer_name, hint),
                page, tuple(sorted(argument.items())), item.overdue)

    def _row(self, texts: tuple[Any, ...]) -> QTreeWidgetItem:
        late, what, carer, day, what_tip, carer_tip, page, argument, overdue = texts
        row = QTreeWidgetItem([late, what, carer, day])
        row.setData(0, Qt.ItemDataRole.UserRole, (page, dict(argument)))
        row.setToolTip(1, what_tip)
        row.setToolTip(2, carer_tip)
        if overdue:
            row.setForeground(0, QColor(OVERDUE_COLOUR))
            font = row.font(0)
            font.setBold(True)
            row.setFont(0, font)
        return row

    def _sync(self) -> None:
        for tree, empty in ((self.mine, self.mine_empty), (self.unit, self.unit_empty)):
            has = tree.topLevelItemCount() > 0
            tree.setVisible(has)
            empty.setVisible(not has)

    def show_notice(self, text: str) -> None:
        self.notice.setText(text)
        self.notice.setVisible(bool(text))

    def _open(self, row: QTreeWidgetItem | None, _column: int = 0) -> None:
        if row is None:
            return
        # Where a single click also activates (some desktops), open only once.
        if self._last_open is not None and self._last_open[0] is row and self._last_open[1].elapsed() < 600:
            return
        timer = QElapsedTimer()
        timer.start()
        self._last_open = (row, timer)
        target = row.data(0, Qt.ItemDataRole.UserRole)
        if target:
            page, argument = target
            self.open_requested.emit(page, argument)
