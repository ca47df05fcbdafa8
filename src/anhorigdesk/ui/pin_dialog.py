"""Changing the PIN of a keychain profile (Inställningar → Byt PIN-kod…).

The current PIN is needed, and a wrong one counts like a wrong one at the lock screen
(``ProfileManager.check_pin``): too many and the profile is closed (``gave_up``). The new
PIN's verifier replaces the old in ``profile.json``; the lock screen checks the same
in-memory profile, so the new PIN unlocks at once and the old one no longer does.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.profiles.pin import MAX_LENGTH as PIN_MAX
from anhorigdesk.profiles.pin import MIN_LENGTH as PIN_MIN
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.widgets import ErrorLabel, Muted


class ChangePinDialog(QDialog):
    changed = Signal()
    #: too many wrong PINs: the app closes the profile (the text says so)
    gave_up = Signal(str)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.busy = False
        profile = getattr(ctx.session, "profile", None)
        self.has_pin = bool(getattr(profile, "pin", None))
        self.intro = Muted(self)
        self.intro.setWordWrap(True)
        self.old, self.new, self.repeat = QLineEdit(self), QLineEdit(self), QLineEdit(self)
        for field in (self.old, self.new, self.repeat):
            field.setEchoMode(QLineEdit.EchoMode.Password)
            field.textChanged.connect(self._update)
        self.old_label, self.new_label, self.repeat_label = QLabel(self), QLabel(self), QLabel(self)
        self.old_label.setBuddy(self.old)
        self.new_label.setBuddy(self.new)
        self.repeat_label.setBuddy(self.repeat)
        self.error = ErrorLabel(self)
        self.error.setWordWrap(True)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        if self.has_pin:
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
        self.setWindowTitle(self.tr("Change PIN"))
        self.intro.setText(self.tr(
            "The PIN (%1–%2 digits) is asked when the profile has been locked, so that only you "
            "can open it again.").replace("%1", str(PIN_MIN)).replace("%2", str(PIN_MAX)))
        self.old_label.setText(self.tr("&Current PIN:"))
        self.new_label.setText(self.tr("&New PIN:"))
        self.repeat_label.setText(self.tr("&Repeat:"))
        self.old.setAccessibleName(self.tr("Current PIN"))
        self.new.setAccessibleName(self.tr("New PIN"))
        self.repeat.setAccessibleName(self.tr("Repeat the new PIN"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def problem(self) -> str:
        if self.has_pin and not self.old.text():
            return self.tr("Type your current PIN.")
        new = self.new.text()
        if not (PIN_MIN <= len(new) <= PIN_MAX) or not all("0" <= c <= "9" for c in new):
            return self.tr("The PIN must be %1–%2 digits.").replace("%1", str(PIN_MIN)).replace(
                "%2", str(PIN_MAX))
        if new != self.repeat.text():
            return self.tr("The two PINs differ.")
        return ""

    def _update(self, *_args: Any) -> None:
        problem = self.problem()
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not problem and not self.busy)
        self.error.setText(problem if (self.new.text() or self.repeat.text()) else "")

    def accept(self) -> Any:
        session = self.ctx.session
        unlocker = getattr(session, "unlocker", None)
        if self.busy or self.problem() or unlocker is None or not hasattr(unlocker, "set_pin"):
            return None
        old = self.old.text() if self.has_pin else None
        new = self.new.text()
        self.busy = True
        self._update()
        self.error.setText(self.tr("Changing the PIN…"))
        task = self.ctx.runner.submit(lambda _ctx: unlocker.set_pin(new, old), name="change_pin")
        task.finished.connect(self._done)
        task.failed.connect(self._failed)
        return task

    def _done(self, _result: object) -> None:
        self.busy = False
        for field in (self.old, self.new, self.repeat):
            field.clear()
        self.changed.emit()
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self.busy = False
        if getattr(exc, "close_profile", False):
            self.gave_up.emit(user_message(exc))
            super().reject()
            return
        self.old.clear()
        self.old.setFocus()
        self._update()
        self.error.setText(user_message(exc))
