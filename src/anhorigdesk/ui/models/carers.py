"""The carer list as a lazy table model.

Rows come from ``Repository.list_carers`` a page at a time (``canFetchMore`` /
``fetchMore``) or from ``Repository.search`` (full-text, diacritics ignored).  Every
repository call runs on the task runner; a result that arrives after the user typed
on (an older *generation*) is dropped.

What is due per carer comes from the app's schedule book (the due items kept in the store,
brought up to date in the background): the worker asks what is due for the rows it loads
(a search's hits, a page of the list: ``ScheduleBook.due_of``, by the stored items' carer
index), per carer, for the "Due" column. Only the due filters ask for every due carer
(the book's whole due list, kept per stored version): they hand those carers' ids, most
overdue first, to the list query, which pages through them like any other list. The GUI
thread never computes it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.qt import (
    QAbstractTableModel,
    QColor,
    QElapsedTimer,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from anhorigdesk.ui.tasks import TaskContext, TaskRunner
from anhorigdesk.ui.timefmt import local_date

PAGE_SIZE = 200
SEARCH_LIMIT = 50  # as-you-type shows the best matches; typing more narrows them
#: "due soon" looks this many days ahead (the home screen's due lists do the same)
DUE_HORIZON_DAYS = 14
OVERDUE_COLOUR = "#b3261e"

# CarerFilter.due
DUE_ANY = ""  # no due filter
DUE_SOON = "due"  # something due within the horizon, or overdue
DUE_OVERDUE = "overdue"  # something overdue

#: (the schedule book, now), or None while the book is still being built
DueSource = Callable[[], "tuple[Any, datetime] | None"]


@dataclass(frozen=True)
class CarerFilter:
    unit_id: str | None = None
    support_contact_id: str | None = None
    child_only: bool = False
    include_ended: bool = False
    due: str = DUE_ANY  # DUE_ANY, DUE_SOON or DUE_OVERDUE

    def __post_init__(self) -> None:
        if self.due not in (DUE_ANY, DUE_SOON, DUE_OVERDUE):
            raise ValueError(f"CarerFilter.due must be '', 'due' or 'overdue', got {self.due!r}")

    def due_ids(self, due: dict[str, Any]) -> list[str] | None:
        """The carers the due filter keeps, most overdue first (None: no due filter).
        ``due`` maps carer id → :class:`anhorigdesk.workspace.agenda.CarerDue`, in due-list order."""
        if self.due == DUE_ANY:
            return None
        if self.due == DUE_OVERDUE:
            return [carer for carer, d in due.items() if d.overdue]
        return list(due)

    def accepts(self, row: dict[str, Any], due: dict[str, Any] | None = None) -> bool:
        """The same filter applied to search hits (search has no filter parameters)."""
        if self.due != DUE_ANY:
            found = (due or {}).get(row.get("id") or "")
            if found is None or (self.due == DUE_OVERDUE and not found.overdue):
                return False
        if self.unit_id and self.unit_id not in (row.get("unit_ids") or []):
            return False
        if self.support_contact_id and row.get("support_contact_id") != self.support_contact_id:
            return False
        if self.child_only and not row.get("is_child"):
            return False
        return self.include_ended or row.get("status", "active") == "active"


def with_hints(repo: Any, rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Runs on a worker: each row with what tells the carer apart from others of the same
    name (``row["hint"]``: birth year, address, cared-for persons)."""
    hints = repo.carer_hints([r["id"] for r in rows])
    for row in rows:
        row["hint"] = hints.get(row["id"])
    return rows


def due_map(found: tuple[Any, datetime] | None) -> dict[str, Any] | None:
    """Runs on a worker: the due list per carer from (book, now) (None: no book yet)."""
    if found is None:
        return None
    from anhorigdesk.workspace.agenda import (
        due_by_carer,  # the scheduling code loads with the first due list
    )

    book, now = found
    return due_by_carer(book.due(now, horizon_days=DUE_HORIZON_DAYS))


def due_map_of(found: tuple[Any, datetime] | None, carer_ids: list[str]) -> dict[str, Any] | None:
    """Runs on a worker: what is due for only these carers (the rows of a search), read by
    the stored items' carer index: the same per-carer answer :func:`due_map` gives them,
    without building the whole book's (the due list of every carer, per keystroke)."""
    if found is None:
        return None
    from anhorigdesk.workspace.agenda import due_by_carer

    book, now = found
    return due_by_carer(book.due_of(now, carer_ids, horizon_days=DUE_HORIZON_DAYS)) if carer_ids else {}


def search_rows(repo: Any, actor: Any, flt: CarerFilter, text: str,
                found: tuple[Any, datetime] | None) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
    """Runs on a worker: one keystroke's search — the best matches, what is due for them,
    the filter applied, and each row's hint."""
    hits = repo.search(actor, text, limit=SEARCH_LIMIT)
    due = due_map_of(found, [r["id"] for r in hits])
    return with_hints(repo, [r for r in hits if flt.accepts(r, due)]), due


class CarerListModel(QAbstractTableModel):
    NAME, WHO, DUE, CHILD, STATUS, UPDATED = range(6)
    COLUMNS = 6

    # (generation, milliseconds from request to rows in the model)
    loaded = Signal(int, float)
    failed = Signal(str)
    due_changed = Signal()  # the due column was filled in afresh

    def __init__(self, runner: TaskRunner, repository: Any, actor: Any,
                 due_source: DueSource | None = None) -> None:
        super().__init__()
        self.runner = runner
        self.repository = repository
        self.actor = actor
        self.due_source = due_source
        #: carer id → CarerDue of the rows shown (None: the schedules are not built yet)
        self.due: dict[str, Any] | None = None
        self.rows: list[dict[str, Any]] = []
        self.filter = CarerFilter()
        self.query = ""
        self.generation = 0
        self._loading = False
        self._exhausted = False
        self._headers = [""] * self.COLUMNS
        self._texts = {"child": "", "active": "", "ended": ""}
        self._kinds: dict[str, str] = {}

    # ---------------------------------------------------------------- shape
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else self.COLUMNS

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.NAME:
                return row.get("name") or ""
            if column == self.WHO:  # a search that matched beyond the name says where, first
                match, hint = labels().search_match(row.get("snippet")), labels().carer_hint(row.get("hint"))
                return " · ".join(t for t in (match, hint) if t)
            if column == self.CHILD:
                return self._texts["child"] if row.get("is_child") else ""
            if column == self.STATUS:
                return self._texts.get(row.get("status") or "active", row.get("status") or "")
            if column == self.UPDATED:
                return local_date(row.get("updated_at"))
            if column == self.DUE:
                return self.due_text(row.get("id"))
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.NAME, self.WHO):
            match = labels().search_match(row.get("snippet"))
            return labels().carer_with_hint(row.get("name") or "", row.get("hint")) + (f"\n{match}" if match else "")
        if column == self.DUE:
            found = self.due_of(row.get("id"))
            if found is not None and role == Qt.ItemDataRole.ForegroundRole and found.overdue:
                return QColor(OVERDUE_COLOUR)
            if found is not None and role == Qt.ItemDataRole.ToolTipRole:
                return self.due_text(row.get("id")) + "\n" + self.due_tooltip(found)
        if role == Qt.ItemDataRole.UserRole:
            return row.get("id")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole
                and 0 <= section < self.COLUMNS):
            return self._headers[section]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.UserRole and section == self.DUE:
            # a typical due text, for sizing the column
            return f"{self._kinds.get('checkin', '')} · " + self.tr("overdue since %1").replace("%1", "2026-12-31")
        return None

    def retranslate(self) -> None:
        self._headers = [self.tr("Name"), self.tr("Born · address · cares for"), self.tr("Due"), self.tr("Child carer"), self.tr("Status"),
                         self.tr("Last changed")]
        self._texts = {"child": self.tr("Child"), "active": self.tr("Active"), "ended": self.tr("Ended")}
        self._kinds = {"checkin": self.tr("Check-in"), "plan_review": self.tr("Plan review"),
                       "follow_up": self.tr("Follow-up")}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.COLUMNS - 1)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, self.COLUMNS - 1))

    # ------------------------------------------------------------------ due
    def due_of(self, carer_id: str | None) -> Any:
        """The carer's CarerDue (most pressing item, count), or None."""
        return (self.due or {}).get(carer_id or "")

    def due_text(self, carer_id: str | None) -> str:
        """What is due and since when, e.g. "Check-in · overdue since 2026-10-03 (+1)"."""
        found = self.due_of(carer_id)
        if found is None:
            return ""
        item = found.first
        kind = self._kinds.get(str(item.kind), str(item.kind))
        day = item.due_date.isoformat()
        if item.days_overdue > 0:
            when = self.tr("overdue since %1").replace("%1", day)
        elif item.days_overdue == 0:
            when = self.tr("due today")
        else:
            when = self.tr("due %1").replace("%1", day)
        more = f" (+{found.count - 1})" if found.count > 1 else ""
        return f"{kind} · {when}{more}"

    def due_tooltip(self, found: Any) -> str:
        from anhorigdesk.i18n import current_language

        item = found.first
        text = item.reason.get(current_language())
        if found.count > 1:
            text += "\n" + self.tr("%n more item(s) due", "", found.count - 1)
        return text

    def carer_id(self, row: int) -> str | None:
        return self.rows[row]["id"] if 0 <= row < len(self.rows) else None

    # -------------------------------------------------------------- loading
    def set_filter(self, carer_filter: CarerFilter) -> None:
        self.filter = carer_filter
        self.reload()

    def set_query(self, text: str) -> None:
        self.query = text.strip()
        self.reload()

    @property
    def is_loading(self) -> bool:
        return self._loading

    def reload(self) -> None:
        """Ask again (new query or filter).  The rows shown stay until the answer comes,
        then are replaced in one step: typing does not make the list flicker empty."""
        self.generation += 1
        self._exhausted = False
        if self.query:
            self._search(self.generation)
        else:
            self._fetch_page(self.generation, offset=0)

    def canFetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self.query and not self._exhausted and not self._loading

    def fetchMore(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> None:  # noqa: B008
        if self.canFetchMore(parent):
            self._fetch_page(self.generation, offset=len(self.rows))

    def _due_snapshot(self) -> tuple[Any, datetime] | None:
        """(book, now) taken on the GUI thread; the worker does the computing."""
        return self.due_source() if self.due_source is not None else None

    @property
    def due_pending(self) -> bool:
        """A due filter is chosen but the schedules are not built yet (nothing to show)."""
        return self.filter.due != DUE_ANY and self.due is None

    def refresh_due(self) -> None:
        """Ask the book again for what is due (after it was built or refreshed): the due
        column follows; under a due filter the list itself is asked again."""
        if self.filter.due != DUE_ANY:
            self.reload()
            return
        generation, source = self.generation, self._due_snapshot()
        if source is None:
            return
        ids = [r["id"] for r in self.rows]  # the rows shown: what is due for them
        task = self.runner.submit(lambda _ctx: due_map_of(source, ids), name="carer_due")
        task.finished.connect(lambda due: self._due_arrived(generation, due))

    def _due_arrived(self, generation: int, due: dict[str, Any] | None) -> None:
        if generation != self.generation or due is None:
            return
        self.due = due
        if self.rows:
            self.dataChanged.emit(self.index(0, self.DUE), self.index(len(self.rows) - 1, self.DUE))
        self.due_changed.emit()

    def _fetch_page(self, generation: int, *, offset: int) -> None:
        self._loading = True
        repo, actor, flt = self.repository, self.actor, self.filter
        # Under a due filter the first page asks the book for every due carer (the filter
        # pages through their ids) and later pages keep that answer; without one, each page
        # asks what is due for its own rows only (the whole book's due map is not built).
        known = self.due if offset > 0 else None
        source = self._due_snapshot() if offset == 0 or flt.due == DUE_ANY else None
        clock = QElapsedTimer()
        clock.start()

        def work(_ctx: TaskContext) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
            ids = None
            if flt.due != DUE_ANY:
                due = known if offset > 0 else due_map(source)
                ids = flt.due_ids(due or {})
                if due is None:
                    return [], None  # no schedules yet: nothing can be said to be due
            rows = repo.list_carers(
                actor, unit_id=flt.unit_id, support_contact_id=flt.support_contact_id,
                child_only=flt.child_only, include_ended=flt.include_ended,
                offset=offset, limit=PAGE_SIZE, carer_ids=ids,
            )
            if flt.due == DUE_ANY:
                page = due_map_of(source, [r["id"] for r in rows])
                due = known if page is None else page if known is None else {**known, **page}
            return with_hints(repo, rows), due

        task = self.runner.submit(work, name="list_carers")
        task.finished.connect(lambda result: self._arrived(generation, result, True, offset == 0, clock))
        task.failed.connect(lambda exc: self._failed(generation, exc))

    def _search(self, generation: int) -> None:
        self._loading = True
        repo, actor, flt, text = self.repository, self.actor, self.filter, self.query
        source = self._due_snapshot()
        clock = QElapsedTimer()
        clock.start()

        def work(_ctx: TaskContext) -> tuple[list[dict[str, Any]], dict[str, Any] | None]:
            return search_rows(repo, actor, flt, text, source)

        task = self.runner.submit(work, name="search_carers")
        task.finished.connect(lambda result: self._arrived(generation, result, False, True, clock))
        task.failed.connect(lambda exc: self._failed(generation, exc))

    def _arrived(self, generation: int, result: tuple[list[dict[str, Any]], dict[str, Any] | None],
                 paged: bool, replace: bool, clock: QElapsedTimer) -> None:
        if generation != self.generation:
            return  # the user has typed on; this answer is for an older question
        rows, due = result
        if not paged or len(rows) < PAGE_SIZE:
            self._exhausted = True
        if replace:
            # Still "loading" during the reset, so a view reacting to it does not ask
            # for the next page before this one is in.
            self.beginResetModel()
            self.rows = list(rows)
            self.due = due
            self.endResetModel()
        elif rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows.extend(rows)
            if due is not None:
                self.due = due  # the earlier rows' answer with this page's
            self.endInsertRows()
        self._loading = False
        self.loaded.emit(generation, clock.nsecsElapsed() / 1e6)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self._loading = False
        self._exhausted = True
        self.failed.emit(type(exc).__name__)
