"""The sync state in words: account, last sync, pending changes, conflicts, last problem,
with Sign in / Sign out, Sync now and Cancel, and a progress bar while a sync runs."""

from __future__ import annotations

from datetime import datetime, timedelta

from anhorigdesk.ui.qt import (
    QCoreApplication,
    QEvent,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.sync.controller import SyncController, SyncView
from anhorigdesk.ui.sync.messages import error_text
from anhorigdesk.ui.timefmt import local_minute
from anhorigdesk.ui.widgets import ErrorLabel


def short_state(view: SyncView) -> str:
    """One line for the status bar."""
    if not view.linked:
        return QCoreApplication.translate("SyncStatus", "Sync: not signed in")
    if view.running:
        return QCoreApplication.translate("SyncStatus", "Syncing…")
    if not view.signed_in:
        return QCoreApplication.translate("SyncStatus", "Sync: sign in again")
    if view.error and view.error != "cancelled":
        if view.error == "server_unavailable":
            return QCoreApplication.translate("SyncStatus", "Offline – saved on this computer")
        return QCoreApplication.translate("SyncStatus", "Sync: problem, see the Sync screen")
    if view.conflicts:
        return QCoreApplication.translate("SyncStatus", "Synced %1 – %n conflict(s)", "", view.conflicts).replace(
            "%1", _clock(view.status.last_success_at))
    if view.kept_edits:
        return QCoreApplication.translate(
            "SyncStatus", "Synced %1 – %n deleted record(s) kept, see the Sync screen", "", view.kept_edits
        ).replace("%1", _clock(view.status.last_success_at))
    if view.status.last_success_at:
        return QCoreApplication.translate("SyncStatus", "Synced %1").replace("%1", _clock(view.status.last_success_at))
    return QCoreApplication.translate("SyncStatus", "Not synced yet")


def progress_state(done: int, total: int) -> str:
    """The status bar while a sync runs: how far it has come."""
    return QCoreApplication.translate("SyncStatus", "Syncing… %1 of %2").replace("%1", str(done)).replace(
        "%2", str(max(done, total)))


def _clock(value: str | None) -> str:
    """Today's time as HH:MM, an older one with its date."""
    text = local_minute(value)
    today = datetime.now().astimezone().strftime("%Y-%m-%d")
    return text[11:] if text.startswith(today) else text


class SyncStatusPanel(QWidget):
    sign_in_requested = Signal()

    def __init__(self, controller: SyncController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.view = controller.view
        # create
        self.labels = {key: QLabel(self) for key in ("account", "state", "last", "pending", "conflicts",
                                                    "kept", "rejected", "quarantined")}
        self.values = {key: QLabel(self) for key in self.labels}
        for value in self.values.values():
            value.setWordWrap(True)
        self.problem = ErrorLabel(self)
        self.problem.hide()
        self.note = QLabel(self)  # what the person did (a cancelled sync): not a problem, not red
        self.note.setWordWrap(True)
        self.note.hide()
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(320)
        self.progress.hide()
        self.sync_button = QPushButton(self)
        self.cancel_button = QPushButton(self)
        self.sign_in_button = QPushButton(self)
        self.sign_out_button = QPushButton(self)
        self.retry_button = QPushButton(self)

        # connect
        self.sync_button.clicked.connect(controller.sync_now)
        self.cancel_button.clicked.connect(controller.cancel)
        self.sign_in_button.clicked.connect(self.sign_in_requested)
        self.sign_out_button.clicked.connect(controller.sign_out)
        self.retry_button.clicked.connect(controller.retry_rejected)
        controller.status_changed.connect(self.show_view)
        controller.progress.connect(self.show_progress)
        controller.running_changed.connect(self._running)

        # assemble
        form = QFormLayout()
        for key in self.labels:
            form.addRow(self.labels[key], self.values[key])
        row = QHBoxLayout()
        for button in (self.sync_button, self.cancel_button, self.retry_button, self.sign_in_button,
                       self.sign_out_button):
            row.addWidget(button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form)
        layout.addWidget(self.problem)
        layout.addWidget(self.note)
        layout.addWidget(self.progress)
        layout.addLayout(row)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        texts = {"account": self.tr("Account:"), "state": self.tr("State:"), "last": self.tr("Last synced:"),
                 "pending": self.tr("Waiting to be sent:"), "conflicts": self.tr("Conflicts:"),
                 "kept": self.tr("Deleted while changed:"),
                 "rejected": self.tr("Refused by the server:"),
                 "quarantined": self.tr("Set aside:")}
        for key, text in texts.items():
            self.labels[key].setText(text)
        self.sync_button.setText(self.tr("Sync &now"))
        self.sync_button.setToolTip(self.tr("Sync with the server now (F5)"))
        self.cancel_button.setText(self.tr("&Cancel sync"))
        self.sign_in_button.setText(self.tr("Sign &in…"))
        self.sign_out_button.setText(self.tr("Sign &out"))
        self.retry_button.setText(self.tr("&Send refused changes again"))
        self.retry_button.setToolTip(self.tr("After your access has been changed on the server"))
        self.progress.setAccessibleName(self.tr("Sync progress"))
        self.show_view(self.view)

    def show_view(self, view: SyncView) -> None:
        self.view = view
        status = view.status
        if view.linked:
            self.values["account"].setText(self.tr("%1 on %2").replace("%1", view.username).replace(
                "%2", view.server))
        else:
            self.values["account"].setText(self.tr("Not signed in. Sign in once to sync this profile."))
        self.values["state"].setText(self._state_text(view))
        self.values["last"].setText(local_minute(status.last_success_at) if status.last_success_at
                                    else self.tr("Never"))
        self.values["pending"].setText(self.tr("%n change(s)", "", status.pending))
        self.values["conflicts"].setText(
            self.tr("%n record(s) with conflicting texts", "", view.conflicts) if view.conflicts
            else self.tr("None"))
        self.values["kept"].setText(self.tr(
            "%n record(s) a colleague deleted while they were being changed; the change was kept. "
            "Keep or delete them below.", "", view.kept_edits))
        self.labels["kept"].setVisible(view.kept_edits > 0)
        self.values["kept"].setVisible(view.kept_edits > 0)
        self.values["rejected"].setText(self.tr("%n change(s), kept on this computer", "", status.rejected))
        self.labels["rejected"].setVisible(status.rejected > 0)
        self.values["rejected"].setVisible(status.rejected > 0)
        self.retry_button.setVisible(status.rejected > 0 and view.signed_in)
        # pulled changes that failed the checks (docs/SYNC-CLIENT.md, "Quarantine"): the rest
        # synced; the administrator sees and retires them on the server
        self.values["quarantined"].setText(self.tr(
            "%n change(s) from the server failed the checks and were set aside; everything else "
            "was synced. Tell your IT support (they can see them on the server).", "",
            status.quarantined))
        self.labels["quarantined"].setVisible(status.quarantined > 0)
        self.values["quarantined"].setVisible(status.quarantined > 0)
        self.retry_button.setEnabled(not view.running)
        shown = error_text(view.error) if view.error and not view.running else ""
        cancelled = view.error == "cancelled"
        self.problem.setText("" if cancelled else shown)
        self.problem.setVisible(bool(shown) and not cancelled)
        self.note.setText(shown if cancelled else "")
        self.note.setVisible(bool(shown) and cancelled)
        self.sync_button.setEnabled(view.linked and view.signed_in and not view.running)
        self.cancel_button.setVisible(view.running)
        self.sign_in_button.setVisible(not view.linked or not view.signed_in)
        self.sign_out_button.setVisible(view.linked)
        self.sign_out_button.setEnabled(not view.running)
        if not view.running:
            self.progress.hide()

    def _state_text(self, view: SyncView) -> str:
        if not view.linked:
            return self.tr("Not set up")
        if view.running:
            return self.tr("Syncing…")
        if not view.signed_in:
            return self.tr("Signed out by the server: sign in again")
        if view.error == "server_unavailable":
            if view.next_sync_ms is not None:
                at = (datetime.now() + timedelta(milliseconds=view.next_sync_ms)).strftime("%H:%M")
                return self.tr("Offline: your work is saved on this computer. Next try at %1").replace("%1", at)
            return self.tr("Offline: your work is saved on this computer")
        if view.error and view.error != "cancelled":
            return self.tr("Last sync did not succeed")
        if view.status.pending:
            return self.tr("Changes wait to be sent")
        return self.tr("Up to date")

    def show_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(min(done, max(total, 1)))
        self.progress.show()

    def _running(self, running: bool) -> None:
        if running:
            self.progress.setRange(0, 0)
            self.progress.show()
        else:
            self.progress.hide()
