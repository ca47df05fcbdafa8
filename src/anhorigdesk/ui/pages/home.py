"""The home screen: recent carers, unsaved drafts, due items, sync state."""

from __future__ import annotations

from typing import Any

from anhorigdesk.i18n import current_language
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.pages.carer_edit import DRAFT_FORM_ID
from anhorigdesk.ui.qt import (
    QGridLayout,
    QGroupBox,
    QListWidget,
    QListWidgetItem,
    Qt,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.timefmt import local_minute
from anhorigdesk.ui.widgets import Heading, Muted, fit_rows

RECENT_COUNT = 8
DUE_SHOWN = 25


def due_items(repo: Any, actor: Any, book: Any) -> tuple[list[tuple[Any, str]], int] | None:
    """What is due in this staff member's unit, most urgent first, with carer names
    (None while the schedules are still being computed)."""
    if book is None:
        return None
    from datetime import UTC, datetime

    items = book.due(datetime.now(UTC), unit_ids=[actor.unit_id] if actor.unit_id else None)
    shown = []
    for item in items[:DUE_SHOWN]:
        try:
            carer = repo.get(actor, "carer", item.carer_id, action="list")
        except LookupError:
            continue
        shown.append((item, carer.get("name") or ""))
    return shown, len(items)


def recent_carers(repo: Any, actor: Any) -> list[dict[str, Any]]:
    """The carers this staff member opened most recently (from the access log, which
    lives in the encrypted store), newest first."""
    seen: list[str] = []
    for row in repo.access_log(limit=400):
        if (row.get("user_id") == actor.staff_id and row.get("person_kind") == "carer"
                and row.get("person_id") and str(row.get("action", "")).startswith("read:carer")
                and row["person_id"] not in seen):
            seen.append(row["person_id"])
            if len(seen) >= RECENT_COUNT:
                break
    out = []
    for carer_id in seen:
        try:
            out.append(repo.get(actor, "carer", carer_id, action="list"))
        except LookupError:
            continue
    return [c for c in out if not c.get("deleted")]


class HomePage(Page):
    nav_key = "home"
    #: emitted when the page reloads its lists (an installed due view reloads with it)
    refreshed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.heading = Heading(1.6, self)
        self.intro = Muted(self)
        self.recent_box = QGroupBox(self)
        self.recent_list = QListWidget(self.recent_box)
        self.recent_empty = Muted(self.recent_box)
        self.drafts_box = QGroupBox(self)
        self.drafts_list = QListWidget(self.drafts_box)
        self.drafts_empty = Muted(self.drafts_box)
        self.due_box = QGroupBox(self)
        self.due_list = QListWidget(self.due_box)
        self.due_empty = Muted(self.due_box)

        self.recent_list.itemActivated.connect(self._open_item)
        self.drafts_list.itemActivated.connect(self._open_item)
        self.due_list.itemActivated.connect(self._open_item)

        for box, lst, empty in (
            (self.recent_box, self.recent_list, self.recent_empty),
            (self.drafts_box, self.drafts_list, self.drafts_empty),
            (self.due_box, self.due_list, self.due_empty),
        ):
            lst.setWordWrap(True)
            fit_rows(lst)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            inner = QVBoxLayout(box)
            inner.addWidget(lst)
            inner.addWidget(empty)
        grid = QGridLayout()
        grid.setSpacing(16)
        # What is due comes first: it is what the day is about.
        grid.addWidget(self.due_box, 0, 0, 2, 1)
        grid.addWidget(self.recent_box, 0, 1)
        grid.addWidget(self.drafts_box, 1, 1)
        grid.setColumnStretch(0, 1)
        grid.setColumnStretch(1, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addSpacing(8)
        # the lists take the height there is (no blank space under short boxes)
        layout.addLayout(grid, 1)
        grid.setRowStretch(0, 1)
        grid.setRowStretch(1, 1)
        self._due_available = False
        self._due_view: QWidget | None = None  # the scheduling's due lists, when installed
        self._recent: list[dict[str, Any]] = []
        self._drafts: list[dict[str, Any]] = []
        self._due: tuple[list[tuple[Any, str]], int] | None = None  # the plain due list's items
        self._reminder: tuple[int, int] | None = None  # (mine, unit's) overdue: counts only
        self.loaded_once = False  # the first answer from the store has been shown
        self.retranslate()
        self._sync_empty_states()

    def page_title(self) -> str:
        return self.tr("Home")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Home"))
        self.intro.setText(self.tr("What is due, carers you worked with lately, and drafts you have not finished."))
        self.recent_box.setTitle(self.tr("Recent carers"))
        self.recent_list.setAccessibleName(self.tr("Recent carers"))
        self.recent_empty.setText(self.tr("No carers opened yet. Find one under Carers, or register a new one with Ctrl+N."))
        self.drafts_box.setTitle(self.tr("Unsaved drafts"))
        self.drafts_list.setAccessibleName(self.tr("Unsaved drafts"))
        self.drafts_empty.setText(self.tr("No unfinished drafts."))
        # Texts built from data are built again in the new language.
        self._show_recent_and_drafts()
        if self._due is not None:
            self._show_due(*self._due)
        self._show_reminder()
        self._due_texts()

    def _due_texts(self) -> None:
        shown, total = getattr(self, "_due_counts", (0, 0))
        self.due_box.setTitle(
            self.tr("Due (the %1 most urgent of %2)").replace("%1", str(shown)).replace("%2", str(total))
            if total > shown else self.tr("Due")
        )
        self.due_list.setAccessibleName(self.tr("Due items"))
        self.due_empty.setText(
            self.tr("Nothing is due.") if self._due_available
            else self.tr("Working out which check-ins and follow-ups are due…")
        )

    def _sync_empty_states(self) -> None:
        for lst, empty in (
            (self.recent_list, self.recent_empty),
            (self.drafts_list, self.drafts_empty),
            (self.due_list, self.due_empty),
        ):
            has_rows = lst.count() > 0
            lst.setVisible(has_rows)
            empty.setVisible(not has_rows)
        if self._due_view is not None:
            self.due_list.hide()
            self.due_empty.hide()

    def _fill(self, lst: QListWidget, rows: list[tuple[str, str, Any]]) -> None:
        """rows: (text, page to open, argument)."""
        lst.clear()
        for text, page, argument in rows:
            item = QListWidgetItem(text, lst)
            item.setData(Qt.ItemDataRole.UserRole, (page, argument))
        self._sync_empty_states()

    def set_recent(self, rows: list[tuple[str, str, Any]]) -> None:
        self._fill(self.recent_list, rows)

    def set_drafts(self, rows: list[tuple[str, str, Any]]) -> None:
        self._fill(self.drafts_list, rows)

    def set_due(self, rows: list[tuple[str, str, Any]] | None) -> None:
        """None: no scheduling module yet; a list (maybe empty): the due items."""
        self._due_available = rows is not None
        self._fill(self.due_list, rows or [])
        self._due_texts()

    # ------------------------------------------------------------- loading
    def on_shown(self, argument: object = None) -> None:
        self.refresh()

    def refresh(self) -> None:
        session = self.workspace
        if session is None:
            return
        repo, actor = session.repository, session.actor

        # With the scheduling's due view installed, it shows what is due (and loads it).
        book = session.schedule_book if self._due_view is None else None

        def work(_ctx: TaskContext) -> tuple[list[dict[str, Any]], list[dict[str, Any]], Any]:
            recent = recent_carers(repo, actor)
            hints = repo.carer_hints([c["id"] for c in recent])
            for carer in recent:
                carer["hint"] = hints.get(carer["id"])
            return recent, repo.drafts(actor), due_items(repo, actor, book)

        task = self.ctx.runner.submit(work, name="home")
        task.finished.connect(self._loaded)
        self.refreshed.emit()

    def _loaded(self, result: tuple[list[dict[str, Any]], list[dict[str, Any]], Any]) -> None:
        recent, drafts, due = result
        self.loaded_once = True
        if due is not None:
            self._show_due(*due)
        self._recent = recent
        self._drafts = drafts
        self._show_recent_and_drafts()

    def _show_recent_and_drafts(self) -> None:
        if not hasattr(self, "_recent"):
            return  # retranslate from __init__, before the lists exist
        lab = labels()
        recent, drafts = self._recent, self._drafts
        self.set_recent([(lab.carer_with_hint(c.get("name") or "", c.get("hint")), "carer", c["id"])
                         for c in recent])
        rows = []
        for draft in drafts:
            when = local_minute(draft.get("updated_at"))
            if draft.get("form_id") == DRAFT_FORM_ID:
                what = self.tr("Carer details")
                target = "carer_edit"
            else:
                what = lab.entry_kind(draft.get("form_id") or "")
                target = "entry"
            name = draft.get("carer_name") or self.tr("New carer")
            rows.append((f"{name} · {what} · {when}", target, {"draft": draft}))
        self.set_drafts(rows)

    def show_reminder(self, mine: int, unit: int) -> None:
        """The start-of-day notice above the due lists: counts only, never names; kept as
        counts so it is said again in a new language."""
        self._reminder = (mine, unit)
        self._show_reminder()

    def _show_reminder(self) -> None:
        if self._due_view is None or not hasattr(self, "_reminder") or self._reminder is None:
            return
        from anhorigdesk.ui.scheduling.reminder import reminder_text

        show = getattr(self._due_view, "show_notice", None)
        if callable(show):
            show(reminder_text(*self._reminder, point_home=False))

    def _show_due(self, items: list[tuple[Any, str]], total: int) -> None:
        self._due = (items, total)
        language = current_language()
        rows = []
        for item, name in items:
            days = item.days_overdue
            if days > 0:
                when = self.tr("%n day(s) overdue", "", days)
            elif days == 0:
                when = self.tr("due today")
            else:
                when = self.tr("in %n day(s)", "", -days)
            rows.append((f"{name} · {item.reason.get(language)} · {when}", "carer", item.carer_id))
        self._due_counts = (len(items), total)
        self.set_due(rows)

    def install_due_view(self, view: QWidget) -> None:
        """Show ``view`` (mine and my unit's due items, one click into the right form) in
        the Due box instead of the plain list."""
        self._due_view = view
        self.due_box.layout().addWidget(view, 1)
        grid = next((item.layout() for item in (self.layout().itemAt(i) for i in range(self.layout().count()))
                     if isinstance(item.layout(), QGridLayout)), None)
        if grid is not None:
            grid.setColumnStretch(0, 3)  # the due lists have four columns: give them room
            grid.setColumnStretch(1, 2)
        self._sync_empty_states()

    def _open_item(self, item: QListWidgetItem) -> None:
        page, argument = item.data(Qt.ItemDataRole.UserRole)
        self.navigate.emit(page, argument)
