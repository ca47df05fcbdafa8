"""The small dialogs for closing a carer's case ("Avsluta stödet"), reopening it and ending a
relation to a cared-for person: a reason from the stored codes and an optional note."""

from __future__ import annotations

from anhorigdesk.lifecycle.case import CLOSE_REASONS, RELATION_END_REASONS
from anhorigdesk.ui.qt import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.widgets import Muted

CLOSE, REOPEN, END_RELATION = "close", "reopen", "end_relation"


class CaseDialog(QDialog):
    """Asks for a reason (closing a case, ending a relation) and a note. ``open()`` and
    connect ``accepted``; :meth:`values` then gives (reason code or None, note)."""

    def __init__(self, what: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        if what not in (CLOSE, REOPEN, END_RELATION):
            raise ValueError(f"CaseDialog: {what!r}")
        self.what = what
        self.setObjectName(f"caseDialog_{what}")
        self.intro = Muted(self)
        self.reason_label = QLabel(self)
        self.reason = QComboBox(self)
        codes = CLOSE_REASONS if what == CLOSE else RELATION_END_REASONS if what == END_RELATION else ()
        for code in codes:
            self.reason.addItem(code, code)
        self.reason_label.setBuddy(self.reason)
        self.note_label = QLabel(self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setMaximumHeight(90)
        self.note_label.setBuddy(self.note)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow(self.reason_label, self.reason)
        form.addRow(self.note_label, self.note)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addWidget(self.buttons)
        self.reason.setVisible(bool(codes))
        self.reason_label.setVisible(bool(codes))
        self.note.setVisible(what != END_RELATION)
        self.note_label.setVisible(what != END_RELATION)
        self.retranslate()

    def reason_text(self, code: str) -> str:
        texts = {
            "support_ended": self.tr("The support has ended"),
            "carer_moved": self.tr("The carer has moved"),
            "carer_died": self.tr("The carer has died"),
            "cared_for_died": self.tr("The cared-for person has died"),
            "other": self.tr("Other reason"),
        } if self.what == CLOSE else {
            "died": self.tr("The cared-for person has died"),
            "moved": self.tr("The cared-for person has moved"),
            "relationship_ended": self.tr("The relationship has ended"),
            "other": self.tr("Other reason"),
        }
        return texts.get(code, code)

    def retranslate(self) -> None:
        titles = {CLOSE: self.tr("Close the support"), REOPEN: self.tr("Reopen the support"),
                  END_RELATION: self.tr("End the relation")}
        intros = {
            CLOSE: self.tr("The case is closed: check-ins and plan reviews stop, the carer is shown as "
                           "ended everywhere. The record stays readable and searchable."),
            REOPEN: self.tr("The case is open again and check-ins start again."),
            END_RELATION: self.tr("The relation stays on the record, marked as ended. When every relation "
                                  "has ended, check-ins stop."),
        }
        self.setWindowTitle(titles[self.what])
        self.intro.setText(intros[self.what])
        for index in range(self.reason.count()):
            self.reason.setItemText(index, self.reason_text(self.reason.itemData(index)))
        self.reason_label.setText(self.tr("&Why"))
        self.reason.setAccessibleName(self.tr("Why"))
        self.note_label.setText(self.tr("&Note"))
        self.note.setAccessibleName(self.tr("Note"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def values(self) -> tuple[str | None, str]:
        reason = self.reason.currentData() if self.reason.count() else None
        return reason, self.note.toPlainText().strip()
