"""Uppföljning → Statistik: counts for chosen units and a period, with Qt's own charts.

Online (signed in to the server) the figures are the whole units' from the server
(``GET /v1/statistics``, for unit managers and administrators); offline, or when the
server cannot answer, the laptop's own caseload — and the screen says which. The counts
are read on a worker thread (the task runner); the charts are QtCharts bar charts, one
per area. Export: CSV, XLSX and a PDF report (``followup.export``, small counts "< 5").
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

from anhorigdesk.followup.export import category_label, groups, key_label
from anhorigdesk.followup.statistics import Period, Statistics
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import (
    QBarCategoryAxis,
    QBarSet,
    QChart,
    QChartView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHorizontalBarSeries,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPainter,
    QPushButton,
    QScrollArea,
    QSpinBox,
    Qt,
    QTableWidget,
    QTableWidgetItem,
    QValueAxis,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.widgets import ErrorLabel, Muted

PERIOD_KINDS = ("month", "term", "year")


class StatisticsView(QWidget):
    """The Statistik section of the Uppföljning area."""

    #: the figures on screen changed (a test waits on it)
    loaded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workspace = ctx.workspace
        self.stats: Statistics | None = None
        self.unit_names: dict[str, str] = {}
        self.note = ""
        # create
        self.units = QListWidget(self)
        self.units.setObjectName("statisticsUnits")
        self.units.setMaximumHeight(80)
        self.kind = QComboBox(self)
        self.year = QSpinBox(self)
        self.year.setRange(2000, 2100)
        self.month = QComboBox(self)
        self.term = QComboBox(self)
        self.show_button = QPushButton(self)
        self.scope_label = QLabel(self)
        self.scope_label.setObjectName("statisticsScope")
        self.scope_label.setWordWrap(True)
        self.error = ErrorLabel(self)
        self.hint = Muted(self)
        self.table = QTableWidget(0, 3, self)
        self.table.setObjectName("statisticsTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.charts = QWidget(self)
        self.charts_layout = QVBoxLayout(self.charts)
        self.chart_views: list[QChartView] = []
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.charts)
        self.export_csv = QPushButton(self)
        self.export_xlsx = QPushButton(self)
        self.export_pdf = QPushButton(self)
        # connect
        self.kind.currentIndexChanged.connect(self._kind_changed)
        self.show_button.clicked.connect(self.refresh)
        self.export_csv.clicked.connect(lambda: self._export("csv"))
        self.export_xlsx.clicked.connect(lambda: self._export("xlsx"))
        self.export_pdf.clicked.connect(lambda: self._export("pdf"))
        # assemble
        choose = QHBoxLayout()
        for w in (self.kind, self.year, self.month, self.term, self.show_button):
            choose.addWidget(w)
        choose.addStretch(1)
        exports = QHBoxLayout()
        for w in (self.export_csv, self.export_xlsx, self.export_pdf):
            exports.addWidget(w)
        exports.addStretch(1)
        results = QHBoxLayout()
        results.addWidget(self.table, 1)
        results.addWidget(scroll, 1)
        body = QVBoxLayout(self)
        body.addWidget(self.units)
        body.addLayout(choose)
        body.addWidget(self.scope_label)
        body.addWidget(self.error)
        body.addWidget(self.hint)
        body.addLayout(results, 1)
        body.addLayout(exports)
        today = self.workspace.today() if self.workspace is not None else date.today()
        self.year.setValue(today.year)
        self.retranslate()
        self.month.setCurrentIndex(today.month - 1)
        self.term.setCurrentIndex(0 if today.month <= 6 else 1)
        self._kind_changed()
        self._set_exports_enabled(False)
        self.load_units()

    # ------------------------------------------------------------------ texts
    def section_title(self) -> str:
        return self.tr("Statistics")

    def retranslate(self) -> None:
        kind = max(0, self.kind.currentIndex())
        self.kind.clear()
        self.kind.addItems([self.tr("Month"), self.tr("Term"), self.tr("Year")])
        self.kind.setCurrentIndex(kind)
        month = max(0, self.month.currentIndex())
        self.month.clear()
        self.month.addItems([self.tr("January"), self.tr("February"), self.tr("March"), self.tr("April"),
                             self.tr("May"), self.tr("June"), self.tr("July"), self.tr("August"),
                             self.tr("September"), self.tr("October"), self.tr("November"),
                             self.tr("December")])
        self.month.setCurrentIndex(month)
        term = max(0, self.term.currentIndex())
        self.term.clear()
        self.term.addItems([self.tr("Spring term"), self.tr("Autumn term")])
        self.term.setCurrentIndex(term)
        self.units.setAccessibleName(self.tr("Units"))
        self.kind.setAccessibleName(self.tr("Period"))
        self.year.setAccessibleName(self.tr("Year"))
        self.month.setAccessibleName(self.tr("Month"))
        self.term.setAccessibleName(self.tr("Term"))
        self.table.setAccessibleName(self.tr("Counts"))
        self.show_button.setText(self.tr("Show"))
        self.export_csv.setText(self.tr("Export CSV…"))
        self.export_xlsx.setText(self.tr("Export Excel…"))
        self.export_pdf.setText(self.tr("Save PDF report…"))
        self.hint.setText(self.tr("Exports show counts under 5 as \u201c< 5\u201d."))
        self.table.setHorizontalHeaderLabels([self.tr("Area"), self.tr("Measure"), self.tr("Count")])
        self._show_scope()
        if self.stats is not None:
            self._fill(self.stats)

    def changeEvent(self, event: Any) -> None:
        from anhorigdesk.ui.qt import QEvent

        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------ choice
    def _kind_changed(self) -> None:
        kind = PERIOD_KINDS[max(0, self.kind.currentIndex())]
        self.month.setVisible(kind == "month")
        self.term.setVisible(kind == "term")

    def period(self) -> Period:
        kind = PERIOD_KINDS[max(0, self.kind.currentIndex())]
        year = self.year.value()
        if kind == "month":
            return Period.month(year, self.month.currentIndex() + 1)
        if kind == "term":
            return Period.term(year, autumn=self.term.currentIndex() == 1)
        return Period.year(year)

    def chosen_units(self) -> list[str]:
        return [str(self.units.item(i).data(Qt.ItemDataRole.UserRole)) for i in range(self.units.count())
                if self.units.item(i).checkState() == Qt.CheckState.Checked]

    def load_units(self) -> None:
        if self.workspace is None:
            return
        task = self.ctx.runner.submit(lambda _t: self.workspace.statistics_units(), name="statistics_units")
        task.finished.connect(self._units_loaded)

    def _units_loaded(self, units: list[tuple[str, str]]) -> None:
        self.units.clear()
        self.unit_names = dict(units)
        own = self.workspace.actor.unit_id if self.workspace is not None else None
        for unit_id, name in units:
            item = QListWidgetItem(name, self.units)
            item.setData(Qt.ItemDataRole.UserRole, unit_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if unit_id == own or len(units) == 1
                               else Qt.CheckState.Unchecked)

    # ----------------------------------------------------------------- figures
    def _server_client(self) -> Any:
        sync = self.ctx.sync
        return getattr(sync, "client", None) if sync is not None else None

    def refresh(self) -> None:
        units, period = self.chosen_units(), self.period()
        self.error.setText("")
        if not units:
            self.error.setText(self.tr("Choose at least one unit."))
            return
        workspace, client = self.workspace, self._server_client()
        if workspace is None:
            return

        def job(_t: Any) -> tuple[Statistics, str]:
            note = ""
            if client is not None:
                from anhorigdesk.sync.protocol import SyncError

                try:
                    answer = client.statistics(units, period.kind, period.key())
                    return Statistics.from_json(answer), ""
                except SyncError as exc:  # offline, refused (403): the laptop's own figures
                    note = getattr(exc, "code", "") or type(exc).__name__
            return workspace.caseload_statistics(units, period), note

        self.show_button.setEnabled(False)
        task = self.ctx.runner.submit(job, name="follow_up_statistics")
        task.finished.connect(self._loaded)
        task.failed.connect(self._failed)

    def _failed(self, exc: BaseException) -> None:
        self.show_button.setEnabled(True)
        self.error.setText(self.tr("The statistics could not be read (%1).").replace("%1", type(exc).__name__))

    def _loaded(self, result: tuple[Statistics, str]) -> None:
        self.show_button.setEnabled(True)
        self.stats, self.note = result
        self._show_scope()
        self._fill(self.stats)
        self._set_exports_enabled(True)
        self.loaded.emit(self.stats)

    def _show_scope(self) -> None:
        if self.stats is None:
            self.scope_label.setText(self.tr("Choose units and a period, then Show."))
        elif self.stats.scope == "unit":
            self.scope_label.setText(self.tr("The whole units' figures, from the server."))
        else:
            text = self.tr("Offline: only this computer's own caseload, not the whole unit.")
            if self.note == "forbidden_statistics":
                text = self.tr("Only this computer's own caseload: the server shows the whole unit's "
                               "figures to its unit managers only.")
            self.scope_label.setText(text)

    def _fill(self, stats: Statistics) -> None:
        rows = [(category_label(c), key_label(c, k), n) for c, items in groups(stats) for k, n in items]
        self.table.setRowCount(len(rows))
        for r, (area, measure, n) in enumerate(rows):
            self.table.setItem(r, 0, QTableWidgetItem(area))
            self.table.setItem(r, 1, QTableWidgetItem(measure))
            count = QTableWidgetItem(str(n))
            count.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            self.table.setItem(r, 2, count)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        for view in self.chart_views:
            self.charts_layout.removeWidget(view)
            view.deleteLater()
        self.chart_views = []
        for category, items in groups(stats):
            if not items:
                continue
            self.chart_views.append(self._chart(category, items))
            self.charts_layout.addWidget(self.chart_views[-1])

    def _chart(self, category: str, items: list[tuple[str, int]]) -> QChartView:
        items = list(reversed(items))  # a horizontal chart draws its first bar at the bottom
        bars = QBarSet(category_label(category))
        for _, n in items:
            bars.append(float(n))
        series = QHorizontalBarSeries()
        series.append(bars)
        series.setLabelsVisible(True)
        chart = QChart()
        chart.addSeries(series)
        chart.setTitle(category_label(category))
        chart.legend().hide()
        labels = QBarCategoryAxis()
        labels.append([key_label(category, k) for k, _ in items])
        values = QValueAxis()
        values.setRange(0, max([n for _, n in items] + [1]))
        values.setLabelFormat("%d")
        values.applyNiceNumbers()
        chart.addAxis(labels, Qt.AlignmentFlag.AlignLeft)
        chart.addAxis(values, Qt.AlignmentFlag.AlignBottom)
        series.attachAxis(labels)
        series.attachAxis(values)
        view = QChartView(chart, self.charts)
        view.setRenderHint(QPainter.RenderHint.Antialiasing)
        view.setMinimumHeight(90 + 26 * len(items))
        view.setMinimumWidth(380)
        view.setObjectName(f"chart_{category}")
        view.setAccessibleName(category_label(category))
        return view

    # ------------------------------------------------------------------ export
    def _set_exports_enabled(self, enabled: bool) -> None:
        for button in (self.export_csv, self.export_xlsx, self.export_pdf):
            button.setEnabled(enabled)

    def _export(self, kind: str) -> None:
        if self.stats is None:
            return
        names = {"csv": self.tr("CSV file (*.csv)"), "xlsx": self.tr("Excel file (*.xlsx)"),
                 "pdf": self.tr("PDF file (*.pdf)")}
        suggested = f"statistik-{self.stats.period.key()}.{kind}"
        chosen, _ = QFileDialog.getSaveFileName(self, self.tr("Export statistics"), suggested, names[kind])
        if chosen:
            self.export_to(Path(chosen), kind)

    def export_to(self, path: Path, kind: str) -> Any:
        """Write the figures on screen to ``path`` on a worker thread (``csv``, ``xlsx``, ``pdf``)."""
        from anhorigdesk.followup import export

        stats, names = self.stats, dict(self.unit_names)
        assert stats is not None
        writer = {"csv": export.write_csv, "xlsx": export.write_xlsx, "pdf": export.write_pdf}[kind]
        task = self.ctx.runner.submit(lambda _t: writer(path, stats, names), name=f"statistics_{kind}")
        task.failed.connect(lambda exc: self.error.setText(
            self.tr("The file could not be written (%1).").replace("%1", type(exc).__name__)))
        task.finished.connect(lambda _r: self.error.setText(""))
        return task
