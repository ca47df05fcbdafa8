"""Locking the profile: after idle time and on demand (Ctrl+L).

Locked, the window's central stack shows only ``LockScreen``: no name, no list, no
record, and the window title never carries personal data anyway.  Unlocking asks
the profile's own check (the passphrase, or the OS keychain) through an
``Unlocker``; the check runs off the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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


@dataclass(frozen=True)
class Unlocker:
    """How this profile is unlocked.

    ``kind`` is "passphrase" (the user types it) or "keychain" (the OS keychain
    answers; the user only confirms).  ``verify`` gets the typed passphrase (or None
    for the keychain) and returns True when it opens the profile.  It runs on a
    worker thread: it must not touch widgets.
    """

    kind: str
    verify: Callable[[str | None], bool]


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
    unlocked = Signal()

    def __init__(self, runner: TaskRunner, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._runner = runner
        self._unlocker: Unlocker | None = None
        self.setObjectName("lockScreen")

        self.title = Heading(1.6, self)
        self.title.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.info = Muted(self)
        self.info.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase.setMinimumWidth(280)
        self.unlock_button = QPushButton(self)
        self.unlock_button.setDefault(True)
        self.error = ErrorLabel(self)
        self.error.setAlignment(Qt.AlignmentFlag.AlignCenter)

        self.unlock_button.clicked.connect(self.try_unlock)
        self.passphrase.returnPressed.connect(self.try_unlock)

        box = QVBoxLayout()
        box.addWidget(self.title)
        box.addWidget(self.info)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.passphrase)
        row.addWidget(self.unlock_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addWidget(self.error)
        outer = QVBoxLayout(self)
        outer.addStretch(2)
        outer.addLayout(box)
        outer.addStretch(3)
        self.retranslate()

    def set_unlocker(self, unlocker: Unlocker | None) -> None:
        self._unlocker = unlocker
        self.retranslate()

    def prepare(self) -> None:
        self.passphrase.clear()
        self.error.clear()
        self.unlock_button.setEnabled(True)
        self.passphrase.setEnabled(True)
        if self.passphrase.isVisible():
            self.passphrase.setFocus()
        else:
            self.unlock_button.setFocus()

    def retranslate(self) -> None:
        self.title.setText(self.tr("AnhörigDesk is locked"))
        keychain = self._unlocker is not None and self._unlocker.kind == "keychain"
        self.passphrase.setVisible(not keychain)
        if keychain:
            self.info.setText(self.tr("Press Unlock to open the profile with the computer's keychain."))
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

    def try_unlock(self) -> None:
        if self._unlocker is None:
            self.unlocked.emit()
            return
        secret = None if self._unlocker.kind == "keychain" else self.passphrase.text()
        if secret == "":
            self.error.setText(self.tr("Type the passphrase first."))
            return
        self.unlock_button.setEnabled(False)
        self.passphrase.setEnabled(False)
        self.error.setText(self.tr("Checking…"))
        verify = self._unlocker.verify

        def check(_ctx: TaskContext, value: str | None) -> bool:
            return bool(verify(value))

        task = self._runner.submit(check, secret, name="unlock")
        task.finished.connect(self._on_checked)
        task.failed.connect(lambda _exc: self._on_checked(False))

    def _on_checked(self, ok: bool) -> None:
        self.unlock_button.setEnabled(True)
        self.passphrase.setEnabled(True)
        if ok:
            self.passphrase.clear()
            self.error.clear()
            self.unlocked.emit()
        else:
            self.passphrase.selectAll()
            self.passphrase.setFocus()
            self.error.setText(self.tr("That did not unlock the profile. Try again."))
