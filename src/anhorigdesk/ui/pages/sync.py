"""The sync screen: state of the last sync and changes waiting to be sent.

The sync client is built elsewhere; ``set_sync_client`` is the integration point.
Without one the screen says that sync is not set up on this computer.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import QFormLayout, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget
from anhorigdesk.ui.widgets import Heading, Muted


class SyncPage(Page):
    nav_key = "sync"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.client: Any = None
        self.pending: int | None = None
        self.heading = Heading(1.5, self)
        self.state_label = QLabel(self)
        self.state_value = QLabel(self)
        self.pending_label = QLabel(self)
        self.pending_value = QLabel(self)
        self.sync_button = QPushButton(self)
        self.explanation = Muted(self)

        self.sync_button.clicked.connect(self.sync_now)

        form = QFormLayout()
        form.addRow(self.state_label, self.state_value)
        form.addRow(self.pending_label, self.pending_value)
        row = QHBoxLayout()
        row.addWidget(self.sync_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 20)
        layout.addWidget(self.heading)
        layout.addLayout(form)
        layout.addLayout(row)
        layout.addWidget(self.explanation)
        layout.addStretch(1)
        self.retranslate()

    def set_sync_client(self, client: Any) -> None:
        self.client = client
        self.retranslate()

    def set_pending(self, count: int | None) -> None:
        self.pending = count
        self.retranslate()

    def page_title(self) -> str:
        return self.tr("Sync")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Sync"))
        self.state_label.setText(self.tr("State:"))
        self.pending_label.setText(self.tr("Waiting to be sent:"))
        configured = self.client is not None
        self.state_value.setText(self.tr("Ready") if configured else self.tr("Not set up on this computer"))
        self.pending_value.setText(
            "–" if self.pending is None else self.tr("%n change(s)", "", self.pending)
        )
        self.sync_button.setText(self.tr("Sync &now"))
        self.sync_button.setAccessibleName(self.tr("Sync now"))
        self.sync_button.setEnabled(configured)
        self.explanation.setText(
            self.tr(
                "Everything you write is saved on this computer first, encrypted. "
                "Sync sends it to the municipality's server when there is a connection."
            )
        )

    def sync_now(self) -> None:
        if self.client is None:
            self.status_message.emit(self.tr("Sync is not set up on this computer."))
            return
        task = self.ctx.runner.submit(lambda _ctx: self.client.sync(), name="sync")
        task.finished.connect(lambda _r: self.status_message.emit(self.tr("Sync finished.")))
        task.failed.connect(lambda _e: self.status_message.emit(self.tr("Sync failed; will try again later.")))
