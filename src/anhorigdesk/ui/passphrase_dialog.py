"""Changing the passphrase of a passphrase profile (Arkiv → Byt lösenfras…).

The database key stays the same: it is wrapped again under the new passphrase (scrypt,
AES-GCM) and ``profile.json`` is replaced atomically. The key derivation runs on a worker
thread. The lock screen verifies against the same in-memory profile, so the new
passphrase unlocks at once and the old one no longer does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.session import min_passphrase_length
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.widgets import ErrorLabel, Muted


class ChangeSecretDialog(QDialog):
    """Current, new and repeated secret, checked as typed and changed on the worker thread:
    what the passphrase and the PIN dialogs share. A subclass gives the texts
    (``retranslate``, ``problem``, ``busy_text``) and the change itself (``change``)."""

    changed = Signal()

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 ask_current: bool = True) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        self.intro = Muted(self)
        self.old, self.new, self.repeat = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        for field in (self.old, self.new, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._update)
        self.old_label, self.new_label, self.repeat_label = QLabel(self), QLabel(self), QLabel(self)
        self.old_label.setBuddy(self.old)
        self.new_label.setBuddy(self.new)
        self.repeat_label.setBuddy(self.repeat)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        if ask_current:
            form.addRow(self.old_label, self.old)
        else:
            self.old.hide()
            self.old_label.hide()
        form.addRow(self.new_label, self.new)
        form.addRow(self.repeat_label, self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        raise NotImplementedError

    def problem(self) -> str:
        raise NotImplementedError

    def busy_text(self) -> str:
        raise NotImplementedError

    def change(self, old: str, new: str) -> Callable[[Any], Any] | None:
        """The worker job that changes the secret, or None when it cannot be changed here."""
        raise NotImplementedError

    def _update(self, *_args: Any) -> None:
        problem = self.problem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem and not self.busy)
        self.error.setText(problem if (self.new.text() or self.repeat.text()) else "")

    def accept(self) -> Any:
        if self.busy or self.problem():
            return None
        job = self.change(self.old.text(), self.new.text())
        if job is None:
            return None
        self.busy = True
        self._update()
        self.error.setText(self.busy_text())
        task = self.ctx.runner.submit(job, name=self.task_name)
        task.finished.connect(self._done)
        task.failed.connect(self._failed)
        return task

    task_name = "change_secret"

    def _done(self, _result: object) -> None:
        self.busy = False
        for field in (self.old, self.new, self.repeat):
            field.clear()
        self.changed.emit()
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        self.old.clear()
        self.old.setFocus()
        self._update()
        self.error.setText(user_message(exc))


class ChangePassphraseDialog(ChangeSecretDialog):
    task_name = "change_passphrase"

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change passphrase"))
        self.intro.setText(self.tr("Your records stay as they are; only the passphrase that unlocks "
                                   "them changes."))
        self.old_label.setText(self.tr("&Current passphrase:"))
        self.new_label.setText(self.tr("&New passphrase:"))
        self.repeat_label.setText(self.tr("&Repeat:"))
        self.old.setAccessibleName(self.tr("Current passphrase"))
        self.new.setAccessibleName(self.tr("New passphrase"))
        self.repeat.setAccessibleName(self.tr("Repeat the new passphrase"))

    def problem(self) -> str:
        if not self.old.text():
            return self.tr("Type your current passphrase.")
        if len(self.new.text()) < min_passphrase_length():
            return self.tr("The new passphrase needs at least %1 characters.").replace(
                "%1", str(min_passphrase_length()))
        if self.new.text() != self.repeat.text():
            return self.tr("The new passphrases differ.")
        return ""

    def busy_text(self) -> str:
        return self.tr("Changing the passphrase…")

    def change(self, old: str, new: str) -> Callable[[Any], Any] | None:
        session = self.ctx.workspace
        if session is None or session.profile is None:
            return None
        from anhorigdesk.profiles import ProfileManager

        manager, profile = ProfileManager(self.ctx.data_dir), session.profile
        return lambda _ctx: manager.change_passphrase(profile, old, new)
