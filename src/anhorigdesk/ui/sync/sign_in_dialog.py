"""The sign-in dialog: server address, user name, password and, for a municipality
whose server uses its own certificate authority, the CA bundle file.

The dialog stays open while the controller signs in on a worker thread; a failure
is shown in plain words in the dialog (the password field is cleared), a success
closes it. It follows only its own attempt: Cancel while it waits gives the attempt up
(it links nothing, even if the server answers later), and a new attempt is not held up
or answered by one given up before.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Slot,
)
from anhorigdesk.ui.sync.controller import SyncController
from anhorigdesk.ui.sync.messages import error_code, sign_in_error_text
from anhorigdesk.ui.tasks import Task
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted


class SignInDialog(QDialog):
    def __init__(self, controller: SyncController, parent: QWidget | None = None, *,
                 server: str = "", username: str = "", ca_bundle: str = "") -> None:
        super().__init__(parent)
        self.controller = controller
        self.task: Task | None = None  # this dialog's sign-in while it waits for the server
        self.setObjectName("signInDialog")
        # create
        self.heading = Heading(1.25, self)
        self.intro = Muted(self)
        self.server = QLineEdit(server, self)
        self.username = QLineEdit(username, self)
        self.password = QLineEdit(self)
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.ca_bundle = QLineEdit(ca_bundle, self)
        self.browse = QPushButton(self)
        self.ca_hint = Muted(self)
        self.server_label, self.username_label = QLabel(self), QLabel(self)
        self.password_label, self.ca_label = QLabel(self), QLabel(self)
        for label, field in ((self.server_label, self.server), (self.username_label, self.username),
                             (self.password_label, self.password), (self.ca_label, self.ca_bundle)):
            label.setBuddy(field)
        self.error = ErrorLabel(self)
        self.error.hide()
        self.busy = QProgressBar(self)
        self.busy.setRange(0, 0)
        self.busy.setTextVisible(False)
        self.busy.hide()
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.sign_in_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)

        # connect
        self.buttons.accepted.connect(self.submit)
        self.buttons.rejected.connect(self.reject)
        self.browse.clicked.connect(self._choose_bundle)
        for field in (self.server, self.username, self.password):
            field.textChanged.connect(self._update_button)

        # assemble
        ca_row = QHBoxLayout()
        ca_row.addWidget(self.ca_bundle, 1)
        ca_row.addWidget(self.browse)
        form = QFormLayout()
        form.addRow(self.server_label, self.server)
        form.addRow(self.username_label, self.username)
        form.addRow(self.password_label, self.password)
        form.addRow(self.ca_label, ca_row)
        form.addRow("", self.ca_hint)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.busy)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(520)
        self.retranslate()
        self._update_button()
        (self.password if server and username else self.server).setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Sign in to the sync server"))
        self.heading.setText(self.tr("Sign in to the sync server"))
        self.intro.setText(self.tr(
            "Sign in once while you are online. After that this profile works offline too "
            "and syncs by itself when there is a connection. Your password is not stored."))
        self.server_label.setText(self.tr("Server &address:"))
        self.username_label.setText(self.tr("&User name:"))
        self.password_label.setText(self.tr("&Password:"))
        self.ca_label.setText(self.tr("&Certificate file:"))
        self.server.setPlaceholderText(self.tr("e.g. sync.kommun.se"))
        self.ca_bundle.setPlaceholderText(self.tr("Only if your municipality gave you one"))
        self.ca_hint.setText(self.tr("A CA bundle (.pem) for a server that uses the municipality's own certificates."))
        self.browse.setText(self.tr("&Browse…"))
        self.sign_in_button.setText(self.tr("&Sign in"))
        self.server.setAccessibleName(self.tr("Server address"))
        self.username.setAccessibleName(self.tr("User name"))
        self.password.setAccessibleName(self.tr("Password"))
        self.ca_bundle.setAccessibleName(self.tr("Certificate file"))
        self.busy.setAccessibleName(self.tr("Signing in"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _update_button(self) -> None:
        ready = all(f.text().strip() for f in (self.server, self.username)) and bool(self.password.text())
        self.sign_in_button.setEnabled(ready and not self.busy.isVisible())

    def _choose_bundle(self) -> None:
        path, _filter = QFileDialog.getOpenFileName(
            self, self.tr("Choose the certificate file"), self.ca_bundle.text(),
            self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        if path:
            self.ca_bundle.setText(path)

    def _set_busy(self, busy: bool) -> None:
        self.busy.setVisible(busy)
        for field in (self.server, self.username, self.password, self.ca_bundle, self.browse):
            field.setEnabled(not busy)
        self._update_button()
        self._fit()

    def _fit(self) -> None:
        """Grow to what the rows now need (a two-line error must not squeeze the rows above)."""
        layout = self.layout()
        layout.activate()
        height = max(self.height(), layout.totalHeightForWidth(self.width()))
        if height > self.height():
            self.resize(self.width(), height)

    def submit(self) -> None:
        if not self.sign_in_button.isEnabled():
            return
        self.error.hide()
        self._set_busy(True)
        task = self.controller.sign_in(self.server.text(), self.username.text(), self.password.text(),
                                       self.ca_bundle.text().strip() or None)
        self.task = task
        task.finished.connect(self._task_finished)
        task.failed.connect(self._task_failed)

    def reject(self) -> None:
        """Cancel: a sign-in that still waits for the server is given up."""
        if self.task is not None:
            self.task = None
            self.controller.cancel_sign_in()
            self._set_busy(False)
        super().reject()

    @Slot(object)
    def _task_finished(self, _result: Any) -> None:
        if self.sender() is not self.task or self.task is None:
            return
        self.task = None
        self._set_busy(False)
        self.password.clear()
        self.accept()

    @Slot(object)
    def _task_failed(self, exc: Any) -> None:
        if self.sender() is not self.task or self.task is None:
            return
        self.task = None
        self._set_busy(False)
        self.password.clear()
        self.error.setText(sign_in_error_text(error_code(exc)))
        self.error.show()
        self._fit()
        self.password.setFocus()
