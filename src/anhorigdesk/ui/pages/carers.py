"""The carer list: instant search and filters over the lazy model."""

from __future__ import annotations

from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.models.carers import (
    DUE_ANY,
    DUE_HORIZON_DAYS,
    DUE_OVERDUE,
    DUE_SOON,
    SEARCH_LIMIT,
    CarerFilter,
    CarerListModel,
)
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSizePolicy,
    Qt,
    QTableView,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.widgets import Heading, Muted, fit_rows

#: while a due filter waits for the schedules, look this often whether they are built
BOOK_POLL_MS = 400


class CarersPage(Page):
    nav_key = "carers"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        session = ctx.workspace
        assert session is not None, "the carer list needs an open profile"
        self.model = CarerListModel(ctx.runner, session.repository, session.actor, self._due_source)
        self._units: list[dict[str, Any]] = []
        self._staff: list[dict[str, Any]] = []

        self.heading = Heading(1.5, self)
        self.search = QLineEdit(self)
        self.search.setClearButtonEnabled(True)
        self.search.setObjectName("carerSearch")
        self.unit_filter = QComboBox(self)
        self.contact_filter = QComboBox(self)
        self.due_filter = QComboBox(self)
        # as wide as their longest item in the language shown ("All support contacts")
        for combo in (self.unit_filter, self.contact_filter, self.due_filter):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
            combo.setSizePolicy(QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Fixed)  # never narrower
        self.due_filter.setObjectName("carerDueFilter")
        for value in (DUE_ANY, DUE_SOON, DUE_OVERDUE):
            self.due_filter.addItem("", value)
        self.child_only = QCheckBox(self)
        self.include_ended = QCheckBox(self)
        self.new_button = QPushButton(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(False)  # one line a row: cut at the end ("…"), whole in the tooltip
        self.table.verticalHeader().hide()
        fit_rows(self.table)  # row height from the font: Å, Ä and Ö uncut at every text size
        header = self.table.horizontalHeader()
        # Fixed widths from the font, not ResizeToContents: measuring every row on each
        # new page of results would cost more than the search itself.
        header.setSectionResizeMode(CarerListModel.WHO, QHeaderView.ResizeMode.Stretch)
        for column in (CarerListModel.NAME, CarerListModel.DUE, CarerListModel.CHILD, CarerListModel.STATUS,
                       CarerListModel.UPDATED):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
        self._size_columns()
        self.table.setTabKeyNavigation(False)
        self.count_label = Muted(self)
        self.empty_label = Muted(self)
        self.empty_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.search_label = QLabel(self)
        self.search_label.setBuddy(self.search)
        # carers shared with this unit by their consent (part F): their card, not their record
        self.shared_label = QLabel(self)
        self.shared_list = QListWidget(self)
        self.shared_list.setObjectName("sharedCarers")
        self.shared_list.setMaximumHeight(120)
        self.shared_label.setBuddy(self.shared_list)
        self.shared_label.hide()
        self.shared_list.hide()
        self.shared_list.itemActivated.connect(self._open_shared)
        # Each keystroke starts a search at once; a new keystroke makes the answer to the
        # previous one obsolete (the model drops it).  A tiny delay coalesces key repeats.
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(0)
        # The schedules are built a moment after start; a due column or a due filter
        # asked before then is filled in when they are there.
        self._book_timer = QTimer(self)
        self._book_timer.setInterval(BOOK_POLL_MS)

        self.search.textChanged.connect(lambda _t: self._search_timer.start())
        self._search_timer.timeout.connect(lambda: self.model.set_query(self.search.text()))
        self.search.returnPressed.connect(self._open_first)
        self.unit_filter.currentIndexChanged.connect(self._filters_changed)
        self.contact_filter.currentIndexChanged.connect(self._filters_changed)
        self.due_filter.currentIndexChanged.connect(self._filters_changed)
        self._book_timer.timeout.connect(self._check_book)
        self.child_only.toggled.connect(self._filters_changed)
        self.include_ended.toggled.connect(self._filters_changed)
        self.table.activated.connect(lambda index: self._open_row(index.row()))
        self.new_button.clicked.connect(lambda: self.navigate.emit("carer_edit", None))
        self.model.loaded.connect(self._on_loaded)
        self.model.modelReset.connect(self._update_empty)

        # the search has the first row (it is what the screen is for), the filters the next
        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addSpacing(24)
        top.addWidget(self.search_label)
        top.addWidget(self.search, 1)
        top.addSpacing(12)
        top.addWidget(self.new_button)
        filters = QHBoxLayout()
        filters.addWidget(self.unit_filter)
        filters.addWidget(self.contact_filter)
        filters.addWidget(self.due_filter)
        filters.addWidget(self.child_only)
        filters.addWidget(self.include_ended)
        filters.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addLayout(top)
        layout.addLayout(filters)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty_label)
        layout.addWidget(self.count_label)
        layout.addWidget(self.shared_label)
        layout.addWidget(self.shared_list)
        self.retranslate()
        self._loaded_once = False

    def _size_columns(self) -> None:
        metrics = self.table.fontMetrics()
        header = self.table.horizontalHeader()
        # the usual due text (a check-in); a longer one is cut short and whole in its tooltip,
        # so the column telling carers apart keeps its room
        due_sample = str(self.model.headerData(CarerListModel.DUE, Qt.Orientation.Horizontal,
                                               Qt.ItemDataRole.UserRole) or "")
        for column, sample in ((CarerListModel.NAME, "Märta Övningsberg"),
                               (CarerListModel.DUE, due_sample), (CarerListModel.CHILD, self.tr("Child carer")),
                               (CarerListModel.STATUS, self.tr("Active")), (CarerListModel.UPDATED, "2026-12-31")):
            title = str(self.model.headerData(column, Qt.Orientation.Horizontal) or "")
            header.resizeSection(column, max(metrics.horizontalAdvance(sample), metrics.horizontalAdvance(title)) + 24)

    def page_title(self) -> str:
        return self.tr("Carers")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Carers"))
        self.search_label.setText(self.tr("&Search:"))
        self.search.setPlaceholderText(self.tr("Name, phone, address or words from a note"))
        self.search.setAccessibleName(self.tr("Search carers"))
        self.shared_label.setText(self.tr("Shared with your unit (the carer's consent):"))
        self.shared_list.setAccessibleName(self.tr("Carers shared with your unit"))
        self.unit_filter.setAccessibleName(self.tr("Filter by unit"))
        self.contact_filter.setAccessibleName(self.tr("Filter by support contact"))
        self.due_filter.setAccessibleName(self.tr("Filter by what is due"))
        self.due_filter.setToolTip(self.tr(
            "Check-ins, plan reviews and follow-ups from the schedules: due within %n day(s), "
            "or overdue", "", DUE_HORIZON_DAYS))
        for i, text in enumerate((self.tr("Due or not"), self.tr("Has something due"), self.tr("Overdue"))):
            self.due_filter.setItemText(i, text)
        self.child_only.setText(self.tr("C&hild carers only"))
        self.include_ended.setText(self.tr("Show &ended"))
        self.new_button.setText(self.tr("&New carer…"))
        self.table.setAccessibleName(self.tr("Carers"))
        self.model.retranslate()
        self._size_columns()
        self._fill_filter_combos()
        self._update_empty()
        self._update_count()

    def _fill_filter_combos(self) -> None:
        for combo, all_text, items in (
            (self.unit_filter, self.tr("All units"), [(u["name"], u["id"]) for u in self._units]),
            (self.contact_filter, self.tr("All support contacts"),
             [(self.tr("Me"), self.workspace.actor.staff_id)]
             + [(s["name"], s["id"]) for s in self._staff if s["id"] != self.workspace.actor.staff_id]),
        ):
            current = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(all_text, None)
            for text, value in items:
                combo.addItem(text, value)
            index = combo.findData(current)
            combo.setCurrentIndex(max(0, index))
            combo.blockSignals(False)

    def _due_source(self) -> tuple[Any, Any] | None:
        """(the schedule book, now) for the model's worker; None until the book is built."""
        book = self.workspace.schedule_book if self.workspace is not None else None
        if book is None:
            return None
        # the scheduling code is loaded by then (it built the book): no cost on the way in
        from anhorigdesk.ui.scheduling.service import app_clock

        return book, app_clock(self.ctx).now()

    def _check_book(self) -> None:
        if self.workspace is not None and self.workspace.schedule_book is not None:
            self._book_timer.stop()
            self.model.refresh_due()

    def on_shown(self, argument: object = None) -> None:
        if not self._loaded_once:
            self._loaded_once = True
            self.refresh()
        elif self.model.due is not None:
            self.model.refresh_due()  # something may have been recorded meanwhile
        # the list is for finding someone: typing goes straight into the search field
        self.search.setFocus(Qt.FocusReason.OtherFocusReason)
        self.search.selectAll()

    def refresh(self) -> None:
        repo = self.workspace.repository

        def work(_ctx: TaskContext) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
            return repo.units(), repo.staff()

        task = self.ctx.runner.submit(work, name="units_staff")
        task.finished.connect(self._got_units_staff)
        self.model.reload()
        session = self.workspace
        shared = self.ctx.runner.submit(lambda _ctx: session.shared_carers(), name="shared_carers")
        shared.finished.connect(self._got_shared)

    def _got_shared(self, cards: list[Any]) -> None:
        """The carers shared with this unit (their card: name and birth year)."""
        self.shared_list.clear()
        for card in cards:
            text = f"{card.name} ({card.birth_year})" if card.birth_year else card.name
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, card.carer_id)
            self.shared_list.addItem(item)
        self.shared_label.setVisible(bool(cards))
        self.shared_list.setVisible(bool(cards))

    def _open_shared(self, item: QListWidgetItem) -> None:
        carer_id = item.data(Qt.ItemDataRole.UserRole)
        if carer_id:
            self.navigate.emit("carer", carer_id)

    def _got_units_staff(self, result: tuple[list[dict[str, Any]], list[dict[str, Any]]]) -> None:
        self._units, self._staff = result
        self._fill_filter_combos()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def _filters_changed(self, *_args: Any) -> None:
        self.model.set_filter(CarerFilter(
            unit_id=self.unit_filter.currentData(),
            support_contact_id=self.contact_filter.currentData(),
            child_only=self.child_only.isChecked(),
            include_ended=self.include_ended.isChecked(),
            due=self.due_filter.currentData() or DUE_ANY,
        ))

    def _on_loaded(self, _generation: int, _ms: float) -> None:
        if self.model.due is None and not self._book_timer.isActive():
            self._book_timer.start()
        self._update_empty()
        # Search hits carry no "last changed" time; do not show an empty column for them.
        self.table.setColumnHidden(CarerListModel.UPDATED, bool(self.model.query))
        self._update_count()

    def _update_count(self) -> None:
        """How many carers are shown (said again when the language changes)."""
        if self.model.generation == 0:  # nothing asked yet
            return
        if self.model.query and len(self.model.rows) >= SEARCH_LIMIT:
            self.count_label.setText(self.tr("The first %n matches; type more to narrow the search", "", SEARCH_LIMIT))
        elif self.model.query:
            self.count_label.setText(self.tr("%n carer(s) found", "", len(self.model.rows)))
        else:
            more = self.model.canFetchMore()
            self.count_label.setText(
                self.tr("%n carer(s) shown; scroll for more", "", len(self.model.rows)) if more
                else self.tr("%n carer(s)", "", len(self.model.rows))
            )

    def _update_empty(self) -> None:
        empty = self.model.rowCount() == 0 and self.model.generation > 0 and not self.model.is_loading
        self.empty_label.setVisible(empty)
        if self.model.due_pending:
            self.empty_label.setText(self.tr("Working out what is due…"))
        elif self.model.query:
            self.empty_label.setText(self.tr("No carer matches the search."))
        elif self.model.filter.due == DUE_OVERDUE:
            self.empty_label.setText(self.tr("Nothing is overdue for the carers shown."))
        elif self.model.filter.due == DUE_SOON:
            self.empty_label.setText(self.tr("Nothing is due in the next %n day(s) for the carers shown.", "",
                                             DUE_HORIZON_DAYS))
        else:
            self.empty_label.setText(self.tr("No carers yet. Register the first with New carer (Ctrl+N)."))

    def _open_first(self) -> None:
        if self.model.rowCount() > 0:
            self._open_row(max(0, self.table.currentIndex().row()))

    def _open_row(self, row: int) -> None:
        carer_id = self.model.carer_id(row)
        if carer_id is not None:
            self.navigate.emit("carer", carer_id)
