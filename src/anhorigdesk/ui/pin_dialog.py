"""Changing the PIN of a keychain profile (Inställningar → Byt PIN-kod…).

The current PIN is needed, and a wrong one counts like a wrong one at the lock screen
(``ProfileManager.check_pin``): too many and the profile is closed (``gave_up``). The new
PIN's verifier replaces the old in ``profile.json``; the lock screen checks the same
in-memory profile, so the new PIN unlocks at once and the old one no longer does.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anhorigdesk.profiles.pin import MAX_LENGTH as PIN_MAX
from anhorigdesk.profiles.pin import MIN_LENGTH as PIN_MIN
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.passphrase_dialog import ChangeSecretDialog
from anhorigdesk.ui.qt import QEvent, QWidget, Signal
from anhorigdesk.ui.start import user_message


class ChangePinDialog(ChangeSecretDialog):
    #: too many wrong PINs: the app closes the profile (the text says so)
    gave_up = Signal(str)
    task_name = "change_pin"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        profile = getattr(ctx.workspace, "profile", None)
        self.has_pin = bool(getattr(profile, "pin", None))
        super().__init__(ctx, parent, ask_current=self.has_pin)
        self.intro.setWordWrap(True)
        self.error.setWordWrap(True)

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

    def busy_text(self) -> str:
        return self.tr("Changing the PIN…")

    def change(self, old: str, new: str) -> Callable[[Any], Any] | None:
        unlocker = getattr(self.ctx.workspace, "unlocker", None)
        if unlocker is None or not hasattr(unlocker, "set_pin"):
            return None
        current = old if self.has_pin else None
        return lambda _ctx: unlocker.set_pin(new, current)

    def _failed(self, exc: BaseException) -> None:
        if getattr(exc, "close_profile", False):
            self.busy = False
            self.gave_up.emit(user_message(exc))
            self.reject()
            return
        super()._failed(exc)
