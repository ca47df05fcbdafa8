"""The "Dela med enhet…" dialog (share with unit): the carer's consent to sharing their record
with one named unit, e.g. the short-term unit where the cared-for person stays. The unit then
receives the carer's ``shareable`` entries at its next sync (docs/PROTOCOL-3.md part F)."""

from __future__ import annotations

from typing import Any

from anhorigdesk.store.entities import CONSENT_HOW
from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)


class ShareWithUnitDialog(QDialog):
    """Pick the unit and how the carer consented; ``choice()`` gives (unit id, how)."""

    def __init__(self, units: list[dict[str, Any]], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("shareWithUnitDialog")
        self.setWindowTitle(self.tr("Share with unit"))
        self.intro = QLabel(self.tr(
            "With the carer's consent, the unit chosen here sees the entries marked shareable. "
            "Entries about the carer only stay with your unit. Withdrawing the consent ends the sharing."), self)
        self.intro.setWordWrap(True)
        self.unit = QComboBox(self)
        self.unit.setAccessibleName(self.tr("Unit"))
        for unit in units:
            self.unit.addItem(unit["name"], unit["id"])
        self.how = QComboBox(self)
        self.how.setAccessibleName(self.tr("How the carer consented"))
        for how in CONSENT_HOW:
            self.how.addItem(labels().consent_how(how), how)
        form = QFormLayout()
        unit_label, how_label = QLabel(self.tr("&Unit"), self), QLabel(self.tr("&Consent given"), self)
        unit_label.setBuddy(self.unit)
        how_label.setBuddy(self.how)
        form.addRow(unit_label, self.unit)
        form.addRow(how_label, self.how)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
                                        self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("&Share"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(units))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)

    def choice(self) -> tuple[str, str]:
        return str(self.unit.currentData()), str(self.how.currentData())
