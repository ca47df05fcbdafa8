"""Preferences: language, larger text, minutes before the profile locks, the profile at start;
for a keychain profile also its PIN (Byt PIN-kod…, ``ui/pin_dialog.py``)."""

from __future__ import annotations

from typing import Any

from anhorigdesk.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.settings import (
    LANGUAGES,
    MAX_IDLE_LOCK_MINUTES,
    MIN_IDLE_LOCK_MINUTES,
    Preferences,
)

# Language names are written in their own language, as language pickers do.
LANGUAGE_NAMES = {"sv": "Svenska", "en": "English"}


class SettingsDialog(QDialog):
    #: too many wrong PINs while changing it: the app closes the profile (the text says so)
    profile_must_close = Signal(str)

    def __init__(self, prefs: Preferences, parent: QWidget | None = None, *, ctx: Any = None) -> None:
        super().__init__(parent)
        self._prefs = prefs
        self._ctx = ctx
        self.pin_dialog: Any = None
        profile = getattr(ctx.workspace, "profile", None)
        self.pin_label = QLabel(self)
        self.change_pin = QPushButton(self)
        self.pin_label.setBuddy(self.change_pin)
        self.change_pin.clicked.connect(self.open_change_pin)
        keychain = getattr(profile, "key_storage", "") == "keychain"
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(LANGUAGE_NAMES[code], code)
        self.language.setCurrentIndex(LANGUAGES.index(prefs.language))
        self.larger_text = QCheckBox(self)
        self.larger_text.setChecked(prefs.larger_text)
        self.idle_minutes = QSpinBox(self)
        self.idle_minutes.setRange(MIN_IDLE_LOCK_MINUTES, MAX_IDLE_LOCK_MINUTES)
        self.idle_minutes.setValue(prefs.idle_lock_minutes)
        self.always_pick = QCheckBox(self)
        self.always_pick.setChecked(prefs.always_pick_profile)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        self.language_label = QLabel(self)
        self.larger_label = QLabel(self)
        self.idle_label = QLabel(self)
        self.start_label = QLabel(self)
        self.language_label.setBuddy(self.language)
        self.larger_label.setBuddy(self.larger_text)
        self.idle_label.setBuddy(self.idle_minutes)
        self.start_label.setBuddy(self.always_pick)

        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.language_label, self.language)
        form.addRow(self.larger_label, self.larger_text)
        form.addRow(self.idle_label, self.idle_minutes)
        form.addRow(self.start_label, self.always_pick)
        if keychain:
            form.addRow(self.pin_label, self.change_pin)
        else:
            self.pin_label.hide()
            self.change_pin.hide()
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Settings"))
        self.language_label.setText(self.tr("&Language:"))
        self.larger_label.setText(self.tr("Larger &text:"))
        self.larger_text.setText(self.tr("Make all text larger"))
        self.idle_label.setText(self.tr("&Lock after:"))
        self.idle_minutes.setSuffix(self.tr(" min idle"))
        self.language.setAccessibleName(self.tr("Language"))
        self.larger_text.setAccessibleName(self.tr("Larger text"))
        self.idle_minutes.setAccessibleName(self.tr("Minutes idle before the profile locks"))
        self.start_label.setText(self.tr("Profile at &start:"))
        self.always_pick.setText(self.tr("Always let me choose the profile"))
        self.always_pick.setAccessibleName(self.tr("Always let me choose the profile at start"))
        self.always_pick.setToolTip(
            self.tr("Otherwise the only profile on this computer opens at once when the "
                    "computer's keychain unlocks it.")
        )
        self.pin_label.setText(self.tr("&PIN:"))
        self.change_pin.setText(self.tr("Change PIN…"))
        self.change_pin.setAccessibleName(self.tr("Change the PIN that unlocks this profile"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def open_change_pin(self) -> Any:
        from anhorigdesk.ui.pin_dialog import ChangePinDialog

        dialog = ChangePinDialog(self._ctx, self)
        dialog.gave_up.connect(self._pin_gave_up)
        self.pin_dialog = dialog
        dialog.open()
        return dialog

    def _pin_gave_up(self, notice: str) -> None:
        self.reject()
        self.profile_must_close.emit(notice)

    def preferences(self) -> Preferences:
        return Preferences(
            language=str(self.language.currentData()),
            larger_text=self.larger_text.isChecked(),
            idle_lock_minutes=self.idle_minutes.value(),
            last_profile=self._prefs.last_profile,
            always_pick_profile=self.always_pick.isChecked(),
        )
