"""Locking the profile: after idle time and on demand (Ctrl+L).

Locked, the window's central stack shows only ``LockScreen``: no name, no list, no
record, and the window title never carries personal data anyway.  Unlocking asks
the profile's own check through an ``Unlocker``: the passphrase, or for a keychain
profile its PIN (``profiles/pin.py``: the keychain alone answers anyone at the
signed-in computer, so it never unlocks by itself). The check runs off the GUI thread.
Too many wrong PINs and the lock screen gives up: the app closes the profile (the key
leaves memory) and shows the profile picker.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from anhorigdesk.profiles.pin import MAX_LENGTH as PIN_MAX
from anhorigdesk.profiles.pin import MIN_LENGTH as PIN_MIN
from anhorigdesk.ui.qt import (
    QEvent,
    QGuiApplication,
    QHBoxLayout,
    QLineEdit,
    QObject,
    QPushButton,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    QWindow,
    Signal,
)
from anhorigdesk.ui.tasks import TaskContext, TaskRunner
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted

_ACTIVITY_EVENTS = {
    QEvent.Type.KeyPress,
    QEvent.Type.MouseButtonPress,
    QEvent.Type.MouseMove,
    QEvent.Type.Wheel,
    QEvent.Type.TouchBegin,
    QEvent.Type.InputMethod,
}


#: Unlocker kinds: the passphrase; a keychain profile's PIN; a keychain profile without a
#: PIN yet (the lock screen asks to choose one before it opens)
PASSPHRASE, PIN, NEW_PIN = "passphrase", "pin", "new_pin"


@dataclass(frozen=True)
class Unlocker:
    """How this profile is unlocked.

    ``kind`` is :data:`PASSPHRASE` or :data:`PIN` (the user types it) or :data:`NEW_PIN`
    (a keychain profile without a PIN: the user chooses one, ``set_pin``). ``verify`` gets
    what was typed and returns True when it is right; it may raise an error with a
    translated ``localized(language)`` (a wrong PIN with the tries left), and one with
    ``close_profile`` set means too many wrong tries: the lock screen gives up
    (``LockScreen.gave_up``) and the app closes the profile. Both run on a worker thread:
    they must not touch widgets. The session's unlocker (``ui/session.py``) is an object
    with the same attributes whose ``kind`` follows the profile (NEW_PIN becomes PIN once
    one is set).
    """

    kind: str
    verify: Callable[[str | None], bool]
    set_pin: Callable[[str], None] | None = None


def _error_text(exc: BaseException) -> str | None:
    """The core's own translated text for an error, if it has one (never personal data)."""
    localized = getattr(exc, "localized", None)
    if callable(localized):
        from anhorigdesk.i18n import current_language

        return str(localized(current_language()))
    return None


class IdleWatcher(QObject):
    """Emits ``idle`` after ``minutes`` without keyboard or mouse input in the app's windows.

    The input is watched where the window system delivers it, on the top-level windows
    (``QWindow``), before Qt passes it on to a widget: every window that gets the focus (the
    main window, dialogs) is watched from then on (``watch``). Not an application-wide event
    filter: that one sees every event of every object in Python, and PySide6 has to make a
    Python type for the class of each object it hands over; for Qt's internal classes it makes
    one for every Qt class it could be (measured: ~130 types with their enums, ~0.1 s on the
    GUI thread just after the main window shows, and a Python call per event after that).
    """

    idle = Signal()

    def __init__(self, app: QGuiApplication, minutes: int, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._app = app
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.timeout.connect(self.idle)
        # Held here: the filter then gets these Python objects back for the windows (a window
        # PySide6 has no Python object for is the expensive case described above).
        self._windows: list[QWindow] = []
        self.set_minutes(minutes)
        app.focusWindowChanged.connect(self.watch)
        self.watch(app.focusWindow())

    def watch(self, window: QWindow | None) -> None:
        """Count the input to ``window`` (a top-level window) as activity, until it is gone."""
        if window is None or any(known is window for known in self._windows):
            return
        self._windows.append(window)
        window.installEventFilter(self)
        window.destroyed.connect(lambda *, window=window: self._forget(window))

    def _forget(self, window: QWindow) -> None:
        self._windows = [known for known in self._windows if known is not window]

    @property
    def watched_windows(self) -> list[QWindow]:
        return list(self._windows)

    def set_minutes(self, minutes: int) -> None:
        if minutes < 1:
            raise ValueError(f"idle lock minutes must be at least 1, got {minutes}")
        self.set_interval_ms(minutes * 60_000)

    def set_interval_ms(self, ms: int) -> None:
        self._timer.setInterval(ms)
        self._timer.start()

    @property
    def interval_ms(self) -> int:
        return self._timer.interval()

    def pause(self) -> None:
        self._timer.stop()

    def resume(self) -> None:
        self._timer.start()

    def remove(self) -> None:
        self._timer.stop()
        self._app.focusWindowChanged.disconnect(self.watch)
        for window in self._windows:
            window.removeEventFilter(self)
        self._windows.clear()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in _ACTIVITY_EVENTS and self._timer.isActive():
            self._timer.start()
        return False


class LockScreen(QWidget):
    """What a locked window shows. A passphrase profile asks for its passphrase, a keychain
    profile for its PIN (a keychain profile without one asks to choose one first): the
    keychain alone never unlocks, since it answers anyone at the signed-in computer."""

    unlocked = Signal()
    #: too many wrong PINs: the app closes the profile (the text says so, translated)
    gave_up = Signal(str)

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._unlocker: Any = None
        self._busy = False
        self.setObjectName("lockScreen")

        self.title = Heading(1.6, self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info = Muted(self)
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info.setWordWrap(True)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(280)
        self.repeat = QLineEdit(self)  # choosing a PIN: typed twice
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat.setMinimumWidth(280)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.error = ErrorLabel(self)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.error.setWordWrap(True)

        self.unlock_button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self._next_or_unlock)
        self.repeat.returnPressed.connect(self.try_unlock)

        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addWidget(self.info)
        fields = QVBoxLayout()
        fields.addWidget(self.passphrase)
        fields.addWidget(self.repeat)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(fields)
        row.addWidget(self.unlock_button, 0, Qt.AlignmentFlag.AlignTop)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(box)
        outer.addStretch(3)
        self.retranslate()

    @property
    def kind(self) -> str:
        return getattr(self._unlocker, "kind", PASSPHRASE) if self._unlocker is not None else PASSPHRASE

    def set_unlocker(self, unlocker: Any) -> None:
        self._unlocker = unlocker
        self.retranslate()

    def prepare(self) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.error.clear()
        self._busy = False
        self._enable(True)
        self.retranslate()
        self.passphrase.setFocus()

    def retranslate(self) -> None:
        self.title.setText(self.tr("AnhörigDesk is locked"))
        kind = self.kind
        self.repeat.setVisible(kind == NEW_PIN)
        if kind == PIN:
            self.info.setText(self.tr("Type your PIN to continue."))
            self.passphrase.setPlaceholderText(self.tr("PIN"))
            self.passphrase.setAccessibleName(self.tr("PIN"))
            self.unlock_button.setText(self.tr("&Unlock"))
            self.unlock_button.setAccessibleName(self.tr("Unlock"))
        elif kind == NEW_PIN:
            self.info.setText(self.tr(
                "Choose a PIN for this profile (%1–%2 digits). From now on the profile asks for "
                "it when it has been locked, so that only you can open it; the computer's "
                "keychain alone no longer does.").replace("%1", str(PIN_MIN)).replace("%2", str(PIN_MAX)))
            self.passphrase.setPlaceholderText(self.tr("New PIN"))
            self.passphrase.setAccessibleName(self.tr("New PIN"))
            self.repeat.setPlaceholderText(self.tr("Repeat the PIN"))
            self.repeat.setAccessibleName(self.tr("Repeat the PIN"))
            self.unlock_button.setText(self.tr("&Save PIN and continue"))
            self.unlock_button.setAccessibleName(self.tr("Save PIN and continue"))
        else:
            self.info.setText(self.tr("Type your passphrase to continue."))
            self.passphrase.setPlaceholderText(self.tr("Passphrase"))
            self.passphrase.setAccessibleName(self.tr("Passphrase"))
            self.unlock_button.setText(self.tr("&Unlock"))
            self.unlock_button.setAccessibleName(self.tr("Unlock"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _enable(self, on: bool) -> None:
        for widget in (self.unlock_button, self.passphrase, self.repeat):
            widget.setEnabled(on)

    def _next_or_unlock(self) -> None:
        if self.kind == NEW_PIN and not self.repeat.text():
            self.repeat.setFocus()
            return
        self.try_unlock()

    def _new_pin_problem(self, typed: str) -> str:
        if not (PIN_MIN <= len(typed) <= PIN_MAX) or not all("0" <= c <= "9" for c in typed):
            return self.tr("The PIN must be %1–%2 digits.").replace("%1", str(PIN_MIN)).replace("%2", str(PIN_MAX))
        if typed != self.repeat.text():
            return self.tr("The two PINs differ.")
        return ""

    def try_unlock(self) -> None:
        if self._busy:
            return
        if self._unlocker is None:
            self.unlocked.emit()
            return
        kind = self.kind
        typed = self.passphrase.text()
        if typed == "":
            self.error.setText(self.tr("Type the PIN first.") if kind in (PIN, NEW_PIN)
                               else self.tr("Type the passphrase first."))
            return
        if kind == NEW_PIN:
            problem = self._new_pin_problem(typed)
            if problem:
                self.error.setText(problem)
                return
            set_pin = self._unlocker.set_pin

            def check(_ctx: TaskContext, value: str) -> bool:
                set_pin(value)
                return True
        else:
            verify = self._unlocker.verify

            def check(_ctx: TaskContext, value: str) -> bool:
                return bool(verify(value))

        self._busy = True
        self._enable(False)
        self.error.setText(self.tr("Checking…"))
        task = self._runner.submit(check, typed, name="unlock")
        task.finished.connect(self._on_checked)
        task.failed.connect(self._on_failed)

    def _on_failed(self, exc: BaseException) -> None:
        if getattr(exc, "close_profile", False):
            self._busy = False
            self.passphrase.clear()
            self.repeat.clear()
            self.error.clear()
            self.gave_up.emit(_error_text(exc) or "")
            return
        self._on_checked(False, _error_text(exc))

    def _on_checked(self, ok: bool, why: str | None = None) -> None:
        self._busy = False
        self._enable(True)
        if ok:
            self.passphrase.clear()
            self.repeat.clear()
            self.error.clear()
            self.retranslate()  # a PIN just chosen: the next lock asks for it
            self.unlocked.emit()
            return
        self.passphrase.selectAll()
        self.passphrase.setFocus()
        self.error.setText(why or self.tr("That did not unlock the profile. Try again."))
