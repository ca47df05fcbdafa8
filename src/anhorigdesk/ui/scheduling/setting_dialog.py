"""The small dialog for pausing, declining, closing or reopening a carer's check-ins."""

from __future__ import annotations

from datetime import date, timedelta

from anhorigdesk.i18n import current_language
from anhorigdesk.scheduling import SettingKind, ended_because_text
from anhorigdesk.scheduling.texts import ended_because_codes
from anhorigdesk.ui.qt import (
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.widgets import ErrorLabel, Muted


class SettingDialog(QDialog):
    """Asks for what the scheduling core needs for ``kind``: a reason (pause, decline), the
    day check-ins may start again (pause), why caring ended (close). Non-modal use: ``open()``
    and connect ``accepted``; :meth:`values` then gives (reason, until, ended_because)."""

    def __init__(self, kind: SettingKind, today: date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = SettingKind(kind)
        self.setObjectName(f"settingDialog_{self.kind.value}")
        # create
        self.intro = Muted(self)
        self.reason_label = QLabel(self)
        self.reason = QPlainTextEdit(self)
        self.reason.setTabChangesFocus(True)
        self.reason.setMaximumHeight(90)
        self.reason_label.setBuddy(self.reason)
        self.until_label = QLabel(self)
        self.until = QDateEdit(self)
        self.until.setCalendarPopup(True)
        tomorrow = today + timedelta(days=1)
        self.until.setMinimumDate(QDate(tomorrow.year, tomorrow.month, tomorrow.day))
        later = today + timedelta(days=90)
        self.until.setDate(QDate(later.year, later.month, later.day))
        self.until_label.setBuddy(self.until)
        self.because_label = QLabel(self)
        self.because = QComboBox(self)
        for code in sorted(ended_because_codes()):
            self.because.addItem(ended_because_text(code).get(current_language()), code)
        self.because_label.setBuddy(self.because)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        # connect
        self.buttons.accepted.connect(self._check)
        self.buttons.rejected.connect(self.reject)
        # assemble
        form = QFormLayout()
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.until_label, self.until)
        form.addRow(self.because_label, self.because)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        pause, close = self.kind is SettingKind.PAUSE, self.kind is SettingKind.CLOSE
        self.until.setVisible(pause)
        self.until_label.setVisible(pause)
        self.because.setVisible(close)
        self.because_label.setVisible(close)
        self.retranslate()

    def needs_reason(self) -> bool:
        return self.kind in (SettingKind.PAUSE, SettingKind.DECLINE)

    def retranslate(self) -> None:
        titles = {
            SettingKind.PAUSE: self.tr("Pause check-ins"),
            SettingKind.DECLINE: self.tr("Carer declines check-ins"),
            SettingKind.CLOSE: self.tr("Close check-ins"),
            SettingKind.REOPEN: self.tr("Reopen check-ins"),
        }
        intros = {
            SettingKind.PAUSE: self.tr("No check-in falls due before the day you choose."),
            SettingKind.DECLINE: self.tr("The carer does not want check-ins. They stop until reopened; "
                                         "follow-ups stay."),
            SettingKind.CLOSE: self.tr("The caring has ended. Check-ins and plan reviews stop until "
                                       "reopened; follow-ups stay."),
            SettingKind.REOPEN: self.tr("Check-ins start again; the next one is due today."),
        }
        self.setWindowTitle(titles[self.kind])
        self.intro.setText(intros[self.kind])
        self.reason_label.setText(self.tr("&Reason *") if self.needs_reason() else self.tr("&Reason"))
        self.reason.setAccessibleName(self.tr("Reason"))
        self.until_label.setText(self.tr("&Until"))
        self.until.setAccessibleName(self.tr("Check-ins may be due again from"))
        self.because_label.setText(self.tr("&Why caring ended"))
        self.because.setAccessibleName(self.tr("Why caring ended"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def values(self) -> tuple[str, date | None, str | None]:
        reason = self.reason.toPlainText().strip()
        until = self.until.date().toPython() if self.kind is SettingKind.PAUSE else None
        because = self.because.currentData() if self.kind is SettingKind.CLOSE else None
        return reason, until, because

    def _check(self) -> None:
        if self.needs_reason() and not self.reason.toPlainText().strip():
            self.error.setText(self.tr("Write the reason."))
            self.reason.setFocus()
            return
        self.accept()
