"""Uppföljning → Loggkontroll: a unit manager's review of the unit's access log (issue #14).

Online only (the whole unit's log is on the server, ``sync/log_review.py``): without a
signed-in sync client the screen says so; for a user who is neither a unit manager nor an
administrator it says the review is theirs. Filter by person, staff member, period and
action; "Open person" shows every access to the selected row's person, "Open staff
member" whom that staff member accessed; the monthly sample, marked reviewed with a note
(one's own accesses are marked by someone else: the server refuses them); the rows shown
can be exported as CSV and PDF. Every call runs on the task runner, never on the GUI
thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from anhorigdesk.sync.log_review import LogReviewService, ReviewEntry, ReviewFilter, to_csv, to_html
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import (
    QAbstractItemView,
    QComboBox,
    QDate,
    QDateEdit,
    QFileDialog,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPdfWriter,
    QPushButton,
    QTextDocument,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.widgets import Heading, Muted

ACTIONS = ("", "read", "search", "list", "print", "export")


class LogReviewPage(Page):
    nav_key = "followup"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.service: LogReviewService | None = None
        self.entries: list[ReviewEntry] = []
        self.month_shown: str | None = None  # the sample's month when the sample is shown
        self.busy = False
        self.heading = Heading(1.5, self)
        self.state = Muted(self)
        self.state.setWordWrap(True)

        self.unit = QComboBox(self)
        self.person = QLineEdit(self)
        self.staff = QLineEdit(self)
        self.since = QDateEdit(self)
        self.until = QDateEdit(self)
        for edit in (self.since, self.until):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
        today = QDate.currentDate()
        self.since.setDate(today.addMonths(-1))
        self.until.setDate(today.addDays(1))
        self.action = QComboBox(self)
        for _ in ACTIONS:
            self.action.addItem("")
        self.search_button = QPushButton(self)
        self.month = QDateEdit(self)
        self.month.setDisplayFormat("yyyy-MM")
        self.month.setDate(today.addMonths(-1))
        self.sample_button = QPushButton(self)
        self.labels = {k: QLabel(self) for k in ("unit", "person", "staff", "since", "until",
                                                 "action", "month")}

        self.table = QTreeWidget(self)
        self.table.setRootIsDecorated(False)
        self.table.setColumnCount(7)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.open_person = QPushButton(self)
        self.open_staff = QPushButton(self)
        self.note = QLineEdit(self)
        self.mark_button = QPushButton(self)
        self.csv_button = QPushButton(self)
        self.pdf_button = QPushButton(self)

        self.search_button.clicked.connect(self.search)
        self.sample_button.clicked.connect(self.show_sample)
        self.open_person.clicked.connect(self.open_selected_person)
        self.open_staff.clicked.connect(self.open_selected_staff)
        self.mark_button.clicked.connect(self.mark_selected)
        self.csv_button.clicked.connect(lambda: self.export_csv())
        self.pdf_button.clicked.connect(lambda: self.export_pdf())
        self.table.itemSelectionChanged.connect(self._update_buttons)

        grid = QGridLayout()
        for col, (key, widget) in enumerate((("unit", self.unit), ("person", self.person),
                                             ("staff", self.staff), ("since", self.since),
                                             ("until", self.until), ("action", self.action))):
            grid.addWidget(self.labels[key], 0, col)
            grid.addWidget(widget, 1, col)
        grid.addWidget(self.search_button, 1, 6)
        sample_row = QHBoxLayout()
        sample_row.addWidget(self.labels["month"])
        sample_row.addWidget(self.month)
        sample_row.addWidget(self.sample_button)
        sample_row.addStretch(1)
        actions = QHBoxLayout()
        for widget in (self.open_person, self.open_staff, self.note, self.mark_button,
                       self.csv_button, self.pdf_button):
            actions.addWidget(widget)
        self.controls = QWidget(self)
        inner = QVBoxLayout(self.controls)
        inner.setContentsMargins(0, 0, 0, 0)
        inner.addLayout(grid)
        inner.addLayout(sample_row)
        inner.addWidget(self.table, 1)
        inner.addLayout(actions)
        body = QVBoxLayout(self)
        body.setContentsMargins(24, 20, 24, 20)
        body.addWidget(self.heading)
        body.addWidget(self.state)
        body.addWidget(self.controls, 1)
        self.retranslate()
        self._update_state()

    # ------------------------------------------------------------------ texts
    def page_title(self) -> str:
        return self.tr("Access-log review")

    def highlight_texts(self) -> dict[str, str]:
        return {
            "outside": self.tr("outside own units"),
            "after_hours": self.tr("outside working hours"),
            "many_people": self.tr("many people in a short time"),
            "print_export": self.tr("print/export"),
            "chain_altered": self.tr("log row altered"),
            "chain_gap": self.tr("log rows missing"),
            "chain_broken": self.tr("log chain broken"),
            "chain_replaced": self.tr("log rewritten"),
        }

    def headers(self) -> list[str]:
        return [self.tr("Time"), self.tr("Staff member"), self.tr("Action"), self.tr("Person"),
                self.tr("Highlights"), self.tr("Reviewed"), self.tr("Note")]

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Follow-up → Access-log review"))
        texts = {"unit": self.tr("Unit"), "person": self.tr("Person"),
                 "staff": self.tr("Staff member"), "since": self.tr("From"),
                 "until": self.tr("Until"), "action": self.tr("Action"),
                 "month": self.tr("Monthly sample for")}
        for key, label in self.labels.items():
            label.setText(texts[key])
        for key, widget in (("unit", self.unit), ("person", self.person), ("staff", self.staff),
                            ("since", self.since), ("until", self.until),
                            ("action", self.action), ("month", self.month)):
            widget.setAccessibleName(texts[key])
        self.note.setAccessibleName(self.tr("Note"))
        self.table.setAccessibleName(self.tr("Access-log rows"))
        names = [self.tr("All"), self.tr("Reads"), self.tr("Searches"), self.tr("Lists"),
                 self.tr("Prints"), self.tr("Exports")]
        for i, name in enumerate(names):
            self.action.setItemText(i, name)
        self.person.setPlaceholderText(self.tr("pseudonym from a row"))
        self.staff.setPlaceholderText(self.tr("user id"))
        self.search_button.setText(self.tr("Search"))
        self.sample_button.setText(self.tr("Show sample"))
        self.open_person.setText(self.tr("Open person"))
        self.open_staff.setText(self.tr("Open staff member"))
        self.note.setPlaceholderText(self.tr("Note"))
        self.mark_button.setText(self.tr("Mark reviewed"))
        self.csv_button.setText(self.tr("Export CSV…"))
        self.pdf_button.setText(self.tr("Export PDF…"))
        self.table.setHeaderLabels(self.headers())
        self._update_state()
        self._fill()

    # ------------------------------------------------------------------ state
    def on_shown(self, argument: object = None) -> None:
        self._update_state()

    def _client(self) -> Any:
        controller = self.ctx.sync
        return getattr(controller, "client", None) if controller is not None else None

    def _update_state(self) -> None:
        client = self._client()
        if client is None:
            self.service = None
            self.state.setText(self.tr(
                "The access-log review needs a connection to the server: sign in under Sync "
                "(it is not available offline)."))
            self.controls.setEnabled(False)
            return
        if self.service is None or self.service.client is not client:
            self.service = LogReviewService(client)
            self.unit.clear()
            for unit in self.service.units():
                self.unit.addItem(unit, unit)
        if not self.service.may_review():
            self.state.setText(self.tr("Only a unit manager (or an administrator) reviews the "
                                       "unit's access log."))
            self.controls.setEnabled(False)
            return
        self.controls.setEnabled(not self.busy)
        self.state.setText(self.tr("Online: the whole unit's log, from the server."))
        self._update_buttons()

    def _update_buttons(self) -> None:
        chosen = self.selected() is not None
        for button in (self.open_person, self.open_staff, self.mark_button):
            button.setEnabled(chosen)
        for button in (self.csv_button, self.pdf_button):
            button.setEnabled(bool(self.entries))

    def selected(self) -> ReviewEntry | None:
        items = self.table.selectedItems()
        if not items:
            return None
        index = self.table.indexOfTopLevelItem(items[0])
        return self.entries[index] if 0 <= index < len(self.entries) else None

    def current_filter(self) -> ReviewFilter:
        action = ACTIONS[self.action.currentIndex()] if self.action.currentIndex() >= 0 else ""
        return ReviewFilter(
            person=self.person.text().strip() or None, staff=self.staff.text().strip() or None,
            since=self.since.date().toString("yyyy-MM-dd"),
            until=self.until.date().toString("yyyy-MM-dd"), action=action or None,
        )

    # ------------------------------------------------------------------ work
    def _run(self, work: Any, done: Any) -> None:
        self.busy = True
        self.controls.setEnabled(False)
        task = self.ctx.runner.submit(lambda _ctx: work(), name="log_review")

        def finished(result: object) -> None:
            self.busy = False
            done(result)
            self._update_state()

        def failed(exc: object) -> None:
            self.busy = False
            code = getattr(exc, "code", "") or type(exc).__name__
            if code == "own_access_review":
                text = self.tr("Your own accesses are reviewed by someone else.")
            elif code == "forbidden_log_review":
                text = self.tr("Only a unit manager of the unit (or an administrator) may "
                               "review its log.")
            else:
                text = self.tr("The server could not be reached or refused: %1").replace(
                    "%1", str(code))
            self.state.setText(text)
            self.status_message.emit(text)
            self.controls.setEnabled(True)

        task.finished.connect(finished)
        task.failed.connect(failed)

    def search(self) -> None:
        if self.service is None or self.unit.currentData() is None:
            return
        service, unit, wanted = self.service, str(self.unit.currentData()), self.current_filter()
        self.month_shown = None
        self._run(lambda: service.rows(unit, wanted), self._show)

    def show_sample(self) -> None:
        if self.service is None or self.unit.currentData() is None:
            return
        service, unit = self.service, str(self.unit.currentData())
        month = self.month.date().toString("yyyy-MM")
        self.month_shown = month
        self._run(lambda: service.sample(unit, month), self._show)

    def open_selected_person(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.person.setText(entry.person)
            self.staff.clear()
            self.search()

    def open_selected_staff(self) -> None:
        entry = self.selected()
        if entry is not None:
            self.staff.setText(entry.staff_id)
            self.person.clear()
            self.search()

    def mark_selected(self) -> None:
        entry = self.selected()
        if entry is None or self.service is None:
            return
        service, note, month = self.service, self.note.text().strip(), self.month_shown
        again = self.show_sample if month else self.search

        def work() -> None:
            service.mark(entry.id, note, month)

        def done(_result: object) -> None:
            self.note.clear()
            self.status_message.emit(self.tr("Marked as reviewed."))
            again()

        self._run(work, done)

    def _show(self, entries: object) -> None:
        self.entries = list(entries)  # type: ignore[call-overload]
        self._fill()

    def _fill(self) -> None:
        if not hasattr(self, "table"):
            return
        self.table.clear()
        texts = self.highlight_texts()
        for e in self.entries:
            item = QTreeWidgetItem([
                e.at[:16].replace("T", " "), e.staff_id, e.action, e.person[:12],
                ", ".join(texts.get(h, h) for h in e.highlights),
                self.tr("yes") if e.reviewed else "", e.note,
            ])
            self.table.addTopLevelItem(item)
        for column in range(6):
            self.table.resizeColumnToContents(column)
        self._update_buttons()

    # ------------------------------------------------------------------ export
    def _title(self) -> tuple[str, str]:
        unit = str(self.unit.currentData() or "")
        if self.month_shown:
            return (self.tr("Access-log review: monthly sample"),
                    self.tr("Unit %1, month %2").replace("%1", unit).replace("%2", self.month_shown))
        wanted = self.current_filter()
        return (self.tr("Access-log review"),
                self.tr("Unit %1, %2 – %3").replace("%1", unit)
                .replace("%2", wanted.since or "").replace("%3", wanted.until or ""))

    def export_csv(self, path: str | None = None) -> Path | None:
        target = path or QFileDialog.getSaveFileName(
            self, self.tr("Export CSV"), f"loggkontroll-{date.today()}.csv", "CSV (*.csv)")[0]
        if not target:
            return None
        Path(target).write_text(to_csv(self.entries), encoding="utf-8")
        self.status_message.emit(self.tr("Exported."))
        return Path(target)

    def export_pdf(self, path: str | None = None) -> Path | None:
        target = path or QFileDialog.getSaveFileName(
            self, self.tr("Export PDF"), f"loggkontroll-{date.today()}.pdf", "PDF (*.pdf)")[0]
        if not target:
            return None
        title, subtitle = self._title()
        document = QTextDocument()
        document.setHtml(to_html(title, subtitle, self.headers(), self.entries,
                                 self.highlight_texts(), self.tr("yes")))
        writer = QPdfWriter(target)
        writer.setTitle(title)
        document.print_(writer)
        del writer  # the file is complete once the writer is gone
        self.status_message.emit(self.tr("Exported."))
        return Path(target)
