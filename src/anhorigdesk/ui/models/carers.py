"""The carer list as a lazy table model.

Rows come from ``Repository.list_carers`` a page at a time (``canFetchMore`` /
``fetchMore``) or from ``Repository.search`` (full-text, diacritics ignored).  Every
repository call runs on the task runner; a result that arrives after the user typed
on (an older *generation*) is dropped.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from anhorigdesk.ui.qt import (
    QAbstractTableModel,
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


@dataclass(frozen=True)
class CarerFilter:
    unit_id: str | None = None
    support_contact_id: str | None = None
    child_only: bool = False
    include_ended: bool = False

    def accepts(self, row: dict[str, Any]) -> bool:
        """The same filter applied to search hits (search has no filter parameters)."""
        if self.unit_id and self.unit_id not in (row.get("unit_ids") or []):
            return False
        if self.support_contact_id and row.get("support_contact_id") != self.support_contact_id:
            return False
        if self.child_only and not row.get("is_child"):
            return False
        return self.include_ended or row.get("status", "active") == "active"


class CarerListModel(QAbstractTableModel):
    NAME, CHILD, STATUS, UPDATED = range(4)

    # (generation, milliseconds from request to rows in the model)
    loaded = Signal(int, float)
    failed = Signal(str)

    def __init__(self, runner: TaskRunner, repository: Any, actor: Any) -> None:
        super().__init__()
        self.runner = runner
        self.repository = repository
        self.actor = actor
        self.rows: list[dict[str, Any]] = []
        self.filter = CarerFilter()
        self.query = ""
        self.generation = 0
        self._loading = False
        self._exhausted = False
        self._headers = ["", "", "", ""]
        self._texts = {"child": "", "active": "", "ended": ""}

    # ---------------------------------------------------------------- shape
    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or index.row() >= len(self.rows):
            return None
        row = self.rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column == self.NAME:
                return row.get("name") or ""
            if column == self.CHILD:
                return self._texts["child"] if row.get("is_child") else ""
            if column == self.STATUS:
                return self._texts.get(row.get("status") or "active", row.get("status") or "")
            if column == self.UPDATED:
                return local_date(row.get("updated_at"))
        if role == Qt.ItemDataRole.UserRole:
            return row.get("id")
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole and 0 <= section < 4:
            return self._headers[section]
        return None

    def retranslate(self) -> None:
        self._headers = [self.tr("Name"), self.tr("Child carer"), self.tr("Status"), self.tr("Last changed")]
        self._texts = {"child": self.tr("Child"), "active": self.tr("Active"), "ended": self.tr("Ended")}
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, 3)
        if self.rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.rows) - 1, 3))

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

    def _fetch_page(self, generation: int, *, offset: int) -> None:
        self._loading = True
        repo, actor, flt = self.repository, self.actor, self.filter
        clock = QElapsedTimer()
        clock.start()

        def work(_ctx: TaskContext) -> list[dict[str, Any]]:
            return repo.list_carers(
                actor, unit_id=flt.unit_id, support_contact_id=flt.support_contact_id,
                child_only=flt.child_only, include_ended=flt.include_ended,
                offset=offset, limit=PAGE_SIZE,
            )

        task = self.runner.submit(work, name="list_carers")
        task.finished.connect(lambda rows: self._arrived(generation, rows, True, offset == 0, clock))
        task.failed.connect(lambda exc: self._failed(generation, exc))

    def _search(self, generation: int) -> None:
        self._loading = True
        repo, actor, flt, text = self.repository, self.actor, self.filter, self.query
        clock = QElapsedTimer()
        clock.start()

        def work(_ctx: TaskContext) -> list[dict[str, Any]]:
            return [r for r in repo.search(actor, text, limit=SEARCH_LIMIT) if flt.accepts(r)]

        task = self.runner.submit(work, name="search_carers")
        task.finished.connect(lambda rows: self._arrived(generation, rows, False, True, clock))
        task.failed.connect(lambda exc: self._failed(generation, exc))

    def _arrived(self, generation: int, rows: list[dict[str, Any]], paged: bool, replace: bool,
                 clock: QElapsedTimer) -> None:
        if generation != self.generation:
            return  # the user has typed on; this answer is for an older question
        if not paged or len(rows) < PAGE_SIZE:
            self._exhausted = True
        if replace:
            # Still "loading" during the reset, so a view reacting to it does not ask
            # for the next page before this one is in.
            self.beginResetModel()
            self.rows = list(rows)
            self.endResetModel()
        elif rows:
            first = len(self.rows)
            self.beginInsertRows(QModelIndex(), first, first + len(rows) - 1)
            self.rows.extend(rows)
            self.endInsertRows()
        self._loading = False
        self.loaded.emit(generation, clock.nsecsElapsed() / 1e6)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self.generation:
            return
        self._loading = False
        self._exhausted = True
        self.failed.emit(type(exc).__name__)
