"""Notices about records that need a decision after sync, shared by the carer page and
the Sync screen: what a record is called (``record_label``, ``field_label``) and the
notice for a record a colleague deleted while it was being changed (``DeletedNotice``),
with *Keep it* and *Delete it after all…* (which asks first)."""

from __future__ import annotations

from datetime import UTC, datetime

from anhorigdesk.sync.attention import SyncIssue
from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.qt import (
    QCoreApplication,
    QEvent,
    QFrame,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)


def written_at(hlc: str) -> str:
    """The local time a version was written, from its clock (``<ms>-<counter>-<client>``)."""
    try:
        millis = int(hlc.split("-", 1)[0])
    except (ValueError, AttributeError):
        return ""
    return datetime.fromtimestamp(millis / 1000, UTC).astimezone().strftime("%Y-%m-%d %H:%M")


def record_label(issue: SyncIssue) -> str:
    """What kind of record it is, and which one (no carer name: that is shown beside it)."""
    subject = issue.subject
    if issue.entity == "carer":
        return QCoreApplication.translate("SyncNotices", "Carer's details")
    if issue.entity == "consent":
        return QCoreApplication.translate("SyncNotices", "Consent: %1").replace("%1", labels().consent_scope(subject) if subject else "")
    if issue.entity == "relation":
        return QCoreApplication.translate("SyncNotices", "Cares for: %1").replace("%1", subject)
    if issue.entity == "cared_for":
        return QCoreApplication.translate("SyncNotices", "Cared-for person: %1").replace("%1", subject)
    if issue.entity == "follow_up_task":
        return QCoreApplication.translate("SyncNotices", "Follow-up task, due %1").replace("%1", subject)
    if issue.entity == "carer_schedule":
        return QCoreApplication.translate("SyncNotices", "Check-in interval")
    if issue.entity == "unit":
        return QCoreApplication.translate("SyncNotices", "Unit: %1").replace("%1", subject)
    if issue.entity == "staff":
        return QCoreApplication.translate("SyncNotices", "Staff member: %1").replace("%1", subject)
    return issue.entity


def field_label(name: str) -> str:
    names = {"notes": QCoreApplication.translate("SyncNotices", "Notes"), "note": QCoreApplication.translate("SyncNotices", "Note"), "resolution_text": QCoreApplication.translate("SyncNotices", "What was done")}
    return names.get(name, name)


def deleted_text(issue: SyncIssue) -> str:
    """The notice in plain words: who deleted it, when, where it was being changed, what now."""
    deleted = issue.deleted
    if deleted is None:
        return ""
    who = deleted.deleted_by_name or QCoreApplication.translate("SyncNotices", "A colleague")
    when = written_at(deleted.deleted_hlc)
    if deleted.by_you:
        text = QCoreApplication.translate("SyncNotices", "You deleted this record (%2) while it was being changed on another computer.")
    elif deleted.edited_here:
        text = QCoreApplication.translate("SyncNotices", "%1 deleted this record (%2) while it was being changed on this computer.")
    else:
        text = QCoreApplication.translate("SyncNotices", "%1 deleted this record (%2) while it was being changed on another computer.")
    return " ".join((
        text.replace("%1", who).replace("%2", when),
        QCoreApplication.translate("SyncNotices", "The change was kept, so the record is still here. Keep it, or delete it after all; "
            "your choice reaches every computer at the next sync."),
    ))


class DeletedNotice(QFrame):
    """A record kept after a colleague's delete: the notice and the two decisions."""

    keep_requested = Signal(str, str)  # entity, id
    delete_requested = Signal(str, str)  # entity, id (after the person confirmed)

    def __init__(self, issue: SyncIssue, parent: QWidget | None = None, *, name_record: bool = True) -> None:
        super().__init__(parent)
        self.issue = issue
        self.name_record = name_record
        self.confirm_box: QMessageBox | None = None
        self.setObjectName("deletedNotice")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setFrameShadow(QFrame.Shadow.Raised)
        # create
        self.title = QLabel(self)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.title.setWordWrap(True)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.keep_button = QPushButton(self)
        self.delete_button = QPushButton(self)
        # connect
        self.keep_button.clicked.connect(self._keep)
        self.delete_button.clicked.connect(self._ask_delete)
        # assemble
        buttons = QHBoxLayout()
        buttons.addWidget(self.keep_button)
        buttons.addWidget(self.delete_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addLayout(buttons)
        self.retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def retranslate(self) -> None:
        title = self.tr("Deleted while it was being changed – the change was kept")
        if self.name_record:
            title = f"{record_label(self.issue)}: {title}"
        self.title.setText(title)
        self.text.setText(deleted_text(self.issue))
        self.keep_button.setText(self.tr("&Keep it"))
        self.keep_button.setToolTip(self.tr("The record stays, for everyone; the notice goes away"))
        self.delete_button.setText(self.tr("&Delete it after all…"))
        self.delete_button.setToolTip(self.tr("The record is deleted on every computer at the next sync"))
        self.setAccessibleName(self.title.text())

    def set_busy(self, busy: bool) -> None:
        self.keep_button.setEnabled(not busy)
        self.delete_button.setEnabled(not busy)

    def _keep(self) -> None:
        self.set_busy(True)
        self.keep_requested.emit(self.issue.entity, self.issue.entity_id)

    def _ask_delete(self) -> None:
        if self.issue.entity == "carer":
            question = self.tr("Delete this carer after all? The carer is deleted on every computer at the "
                               "next sync; earlier versions are kept in the history.")
        else:
            question = self.tr("Delete “%1” after all? It is deleted on every computer at the next sync; "
                               "earlier versions are kept in the history.").replace("%1", record_label(self.issue))
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Delete after all"), question,
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Delete"))
        box.button(QMessageBox.StandardButton.No).setText(self.tr("&Cancel"))
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.buttonClicked.connect(lambda button: self._answered(box.standardButton(button)))
        self.confirm_box = box
        box.open()

    def _answered(self, answer: QMessageBox.StandardButton) -> None:
        if answer == QMessageBox.StandardButton.Yes:
            self.set_busy(True)
            self.delete_requested.emit(self.issue.entity, self.issue.entity_id)
