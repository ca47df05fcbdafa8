"""The sync screen: state of the last sync, changes waiting to be sent, conflicts.

The sync controller (``ui/sync/controller.py``) is built per open profile by the app;
``set_controller`` is the integration point. Without one (no profile open) the screen
says that sync is not set up.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.demo_mark import demo_text, is_demo, never_synced_text
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import QFormLayout, QLabel, QVBoxLayout, QWidget
from anhorigdesk.ui.widgets import Heading, Muted, hline


class SyncPage(Page):
    nav_key = "sync"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.controller: Any = None
        self.panel: Any = None
        self.conflicts: Any = None
        self.dialog: Any = None
        self.pending: int | None = None
        self.heading = Heading(1.5, self)
        self.state_label = QLabel(self)
        self.state_value = QLabel(self)
        self.explanation = Muted(self)

        self.form = QFormLayout()
        self.form.addRow(self.state_label, self.state_value)
        self.body = QVBoxLayout(self)
        self.body.setContentsMargins(24, 20, 24, 20)
        self.body.addWidget(self.heading)
        self.body.addWidget(self.explanation)
        self.body.addLayout(self.form)
        self.body.addStretch(1)
        self.retranslate()

    def set_controller(self, controller: Any) -> None:
        """Show the controller's status, buttons and conflict view on this screen."""
        from anhorigdesk.ui.sync.conflict_view import ConflictView
        from anhorigdesk.ui.sync.status_panel import SyncStatusPanel

        self.controller = controller
        self.state_label.hide()
        self.state_value.hide()
        self.panel = SyncStatusPanel(controller, self)
        self.conflicts = ConflictView(controller, self)
        self.panel.sign_in_requested.connect(self.open_sign_in)
        controller.signed_in.connect(lambda: self.status_message.emit(self.tr("Signed in to the server.")))
        controller.signed_out.connect(lambda: self.status_message.emit(self.tr("Signed out from the server.")))
        controller.data_changed.connect(self.data_changed)
        self.body.takeAt(self.body.count() - 1)  # the stretch: the conflict view fills the rest
        self.body.addWidget(self.panel)
        self.body.addWidget(hline(self))
        self.body.addWidget(self.conflicts, 1)
        self.retranslate()

    def set_pending(self, count: int | None) -> None:
        self.pending = count

    def page_title(self) -> str:
        return self.tr("Sync")

    def retranslate(self) -> None:
        self.heading.setText(self.tr("Sync"))
        self.state_label.setText(self.tr("State:"))
        if is_demo(self.ctx.workspace):  # never synced: no sign-in is offered (ui/demo_mark.py)
            self.state_value.setText(self.tr("Off: %1").replace("%1", demo_text()))
            self.explanation.setText(never_synced_text())
            return
        self.state_value.setText(self.tr("Not set up on this computer"))
        self.explanation.setText(
            self.tr(
                "Everything you write is saved on this computer first, encrypted. "
                "Sync sends it to the municipality's server when there is a connection."
            )
        )

    def on_shown(self, argument: object = None) -> None:
        """``{"record": (entity, id)}`` selects that record in the conflict view."""
        if self.controller is not None:
            if isinstance(argument, dict) and isinstance(argument.get("record"), tuple):
                self.conflicts.show_record(*argument["record"])
            self.controller.refresh_status()
            self.conflicts.reload()

    def on_lock(self) -> None:
        if self.conflicts is not None:
            self.conflicts.clear()
        if self.dialog is not None and self.dialog.isVisible():
            self.dialog.reject()

    def on_lock_changed(self, locked: bool) -> None:
        """After unlocking, the conflict view (cleared on lock) shows its carers again."""
        if not locked and self.conflicts is not None:
            self.conflicts.reload()

    def sync_now(self) -> None:
        if self.controller is None:
            self.status_message.emit(never_synced_text() if is_demo(self.ctx.workspace)
                                     else self.tr("Sync is not set up on this computer."))
            return
        if not (self.controller.view.linked and self.controller.view.signed_in):
            self.open_sign_in()
            return
        self.controller.sync_now()

    def open_sign_in(self) -> Any:
        """The sign-in dialog, filled with the linked account's address and user name."""
        from anhorigdesk.ui.sync.sign_in_dialog import SignInDialog

        if self.controller is None:
            return None
        if self.dialog is not None:  # only one; the one before goes now
            self.dialog.deleteLater()
        view = self.controller.view
        dialog = SignInDialog(self.controller, self, server=view.server_url, username=view.username,
                              ca_bundle=view.ca_bundle)
        self.dialog = dialog
        dialog.open()
        return dialog
