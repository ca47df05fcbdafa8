"""Uppföljning → Gallring: which of the unit's carers are due for thinning (gallring) in
the next 90 days (#13), read through ``Workspace.carers_due_for_thinning`` on a worker
thread each time the tab is shown. Names and dates only; what happens to each (thinned, or
kept for research) under the default rules. See ``lifecycle/thinning_due.py`` for how the
date is estimated on a laptop (the server's run decides).
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.lifecycle.retention import Outcome
from anhorigdesk.lifecycle.thinning_due import DUE_DAYS, DueCarer
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import (
    QEvent,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.widgets import Muted


class ThinningDueView(QWidget):
    """The Gallring section of the Uppföljning area."""

    # the list on screen changed (a test waits on it): the list of DueCarer
    loaded = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.workspace = ctx.workspace
        self.due: list[DueCarer] = []
        self.summary = QLabel(self)
        self.summary.setObjectName("thinningSummary")
        self.summary.setWordWrap(True)
        self.hint = Muted(self)
        self.hint.setWordWrap(True)
        self.table = QTableWidget(0, 4, self)
        self.table.setObjectName("thinningTable")
        self.table.verticalHeader().hide()
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        body = QVBoxLayout(self)
        body.addWidget(self.summary)
        body.addWidget(self.hint)
        body.addWidget(self.table, 1)
        self.retranslate()

    def section_title(self) -> str:
        return self.tr("Thinning")

    def retranslate(self) -> None:
        self.table.setHorizontalHeaderLabels(
            [self.tr("Carer"), self.tr("Thinning date"), self.tr("Last activity"), self.tr("What happens")])
        self.hint.setText(self.tr(
            "Five years after the last activity about a carer their record is thinned out "
            "(gallras) on the server and on every laptop. The date is estimated from this "
            "laptop's records; the server's run decides, never earlier than shown."))
        self._show()

    def changeEvent(self, event: Any) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def on_shown(self, argument: object = None) -> None:
        self.refresh()

    def refresh(self) -> None:
        if self.workspace is None:
            return
        workspace = self.workspace
        task = self.ctx.runner.submit(lambda _t: workspace.carers_due_for_thinning(DUE_DAYS),
                                      name="carers_due_for_thinning")
        task.finished.connect(self._loaded)

    def _loaded(self, due: list[DueCarer]) -> None:
        self.due = list(due)
        self._show()
        self.loaded.emit(self.due)

    def _outcome(self, outcome: Outcome) -> str:
        return {
            Outcome.THIN: self.tr("Thinned out"),
            Outcome.KEEP_RESEARCH: self.tr("Kept for research, then leaves the laptops"),
            Outcome.KEEP_REPRESENTATIVE: self.tr("Kept by the municipality, then leaves the laptops"),
            Outcome.KEEP_NO_PERSONNUMMER: self.tr("Kept (no personal identity number), then leaves the laptops"),
        }.get(outcome, "")

    def _show(self) -> None:
        today = self.workspace.today() if self.workspace is not None else None
        count = len(self.due)
        self.summary.setText(
            self.tr("No carer of your unit is due for thinning in the next %1 days.").replace("%1", str(DUE_DAYS))
            if not count else
            self.tr("%n carer(s) of your unit are due for thinning in the next %1 days.", "", count)
            .replace("%1", str(DUE_DAYS)))
        self.table.setRowCount(count)
        for row, carer in enumerate(self.due):
            overdue = today is not None and carer.due <= today
            when = carer.due.isoformat() + (" " + self.tr("(due now)") if overdue else "")
            for column, text in enumerate(
                    (carer.name, when, carer.last_activity.isoformat(), self._outcome(carer.outcome))):
                self.table.setItem(row, column, QTableWidgetItem(text))
        self.table.resizeColumnsToContents()
