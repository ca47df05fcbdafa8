"""Arkiv → Säkerhetskopiera profil… / Återställ profil… (``profiles/backup.py``).

The backup dialog asks where to write the file and for a passphrase (typed twice) that
only the backup uses: the file can be restored on another computer with it, and without it
nobody can read it. The restore dialog asks for the file and its passphrase, checks the
whole file first (wrong passphrase, damaged or cut short: said plainly, nothing changes),
and, when the profile is on this computer already, asks before it replaces it. The work
runs on the task runner; the dialogs never block the window.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from anhorigdesk.ui.qt import (
    QCloseEvent,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import TaskContext, TaskRunner
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted

SUFFIX = ".anhorigdesk-backup"  # profiles.backup.SUFFIX (not imported here: the core loads on use)
MIN_PASSPHRASE = 10  # profiles.keys.MIN_PASSPHRASE


class _WorkDialog(QDialog):
    """The common frame: a heading, an explanation, a form, an error line, a moving bar
    while the work runs, and the buttons. Cannot be closed while busy."""

    def __init__(self, runner: TaskRunner, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.busy = False
        self.task: Any = None
        self.title = Heading(1.2, self)
        self.explain = QLabel(self)
        self.explain.setWordWrap(True)
        self.note = Muted(self)
        self.form = QFormLayout()
        self.file = QLineEdit(self)
        self.browse_button = QPushButton(self)
        self.file_label = QLabel(self)
        self.file_label.setBuddy(self.file)
        row = QHBoxLayout()
        row.addWidget(self.file, 1)
        row.addWidget(self.browse_button)
        self.form.addRow(self.file_label, row)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self)
        self.passphrase_label.setBuddy(self.passphrase)
        self.form.addRow(self.passphrase_label, self.passphrase)
        self.error = ErrorLabel(self)
        self.status = QLabel(self)
        self.status.setWordWrap(True)
        self.bar = QProgressBar(self)
        self.bar.setRange(0, 0)
        self.bar.setVisible(False)
        self.buttons = QDialogButtonBox(self)
        self.start_button = QPushButton(self)
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.close_button.setVisible(False)
        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.browse_button.clicked.connect(self.browse)
        self.file.textChanged.connect(self._update)
        self.passphrase.textChanged.connect(self._update)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.explain)
        layout.addWidget(self.note)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(self.status)
        layout.addWidget(self.bar)
        layout.addStretch(1)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)

    def ready(self) -> bool:
        return bool(self.file.text().strip()) and bool(self.passphrase.text())

    def _update(self, *_args: Any) -> None:
        self.start_button.setEnabled(not self.busy and self.ready())

    def start(self) -> None:
        raise NotImplementedError

    def browse(self) -> None:
        raise NotImplementedError

    def set_busy(self, busy: bool, text: str = "") -> None:
        self.busy = busy
        self.bar.setVisible(busy)
        self.status.setText(text)
        for widget in (self.file, self.browse_button, self.passphrase, self.cancel_button):
            widget.setEnabled(not busy)
        self._update()

    def finish(self, text: str) -> None:
        """Done: say so; only Close is left."""
        self.set_busy(False)
        self.status.setText(text)
        for widget in (self.file, self.browse_button, self.passphrase):
            widget.setEnabled(False)
        self.start_button.setVisible(False)
        self.cancel_button.setVisible(False)
        self.close_button.setVisible(True)
        self.close_button.setDefault(True)
        self.close_button.setFocus()

    def fail(self, exc: BaseException) -> None:
        self.set_busy(False)
        self.error.setText(user_message(exc))

    def reject(self) -> None:
        if self.busy:
            return
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)


def _write_backup(ctx: TaskContext, db: Any, profile: Any, target: str, passphrase: str) -> Any:
    from anhorigdesk.profiles import backup

    return backup.write_backup(db, profile, Path(target), passphrase)


class BackupDialog(_WorkDialog):
    """Säkerhetskopiera profil…: an encrypted copy of the open profile in a file."""

    done = Signal(str)  # the file written

    def __init__(self, runner: TaskRunner, session: Any, parent: QWidget | None = None, *,
                 folder: Path | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("backupDialog")
        self.session = session
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat_label = QLabel(self)
        self.repeat_label.setBuddy(self.repeat)
        self.form.addRow(self.repeat_label, self.repeat)
        self.repeat.textChanged.connect(self._update)
        self.repeat.returnPressed.connect(self.start)
        from datetime import datetime

        profile = session.profile
        safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in profile.name).strip()
        name = f"{safe or 'profil'} {datetime.now():%Y-%m-%d}{SUFFIX}"
        self.file.setText(str((folder or Path.home()) / name))
        self.retranslate()
        self._update()
        self.passphrase.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Back up profile"))
        self.title.setText(self.tr("Back up this profile"))
        self.explain.setText(self.tr(
            "Everything in the profile is written, encrypted, to one file. Choose a passphrase "
            "for the backup: you need it to restore the file, on this computer or another, and "
            "nobody can read the file without it. It is not your profile's passphrase and it "
            "is not kept anywhere: write it down somewhere safe."))
        self.note.setText(self.tr(
            "Keep the file somewhere other than this computer, e.g. on the network drive IT "
            "gives you. Changes made after the backup are not in it."))
        self.file_label.setText(self.tr("&File:"))
        self.browse_button.setText(self.tr("&Choose…"))
        self.passphrase_label.setText(self.tr("Backup &passphrase:"))
        self.repeat_label.setText(self.tr("&Repeat:"))
        self.passphrase.setAccessibleName(self.tr("Passphrase of the backup"))
        self.repeat.setAccessibleName(self.tr("The backup's passphrase again"))
        self.start_button.setText(self.tr("&Back up"))

    def ready(self) -> bool:
        return super().ready() and bool(self.repeat.text())

    def set_busy(self, busy: bool, text: str = "") -> None:
        super().set_busy(busy, text)
        self.repeat.setEnabled(not busy)

    def browse(self) -> None:
        chosen, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save the backup as"), self.file.text(),
            self.tr("AnhörigDesk backups (*%1)").replace("%1", SUFFIX))
        if chosen:
            self.file.setText(chosen if chosen.endswith(SUFFIX) else chosen + SUFFIX)

    def start(self) -> None:
        if self.busy or not self.ready():
            return
        passphrase, repeat = self.passphrase.text(), self.repeat.text()
        if passphrase != repeat:
            self.error.setText(self.tr("The two passphrases differ. Type the same one twice."))
            return
        if len(passphrase) < MIN_PASSPHRASE:
            self.error.setText(self.tr("The passphrase needs at least %1 characters.")
                               .replace("%1", str(MIN_PASSPHRASE)))
            return
        target = self.file.text().strip()
        self.error.clear()
        self.set_busy(True, self.tr("Writing the encrypted backup…"))
        task = self.runner.submit(_write_backup, self.session.repository.db, self.session.profile,
                                  target, passphrase, name="backup_profile")
        task.finished.connect(lambda _header: self._written(target))
        task.failed.connect(self.fail)
        self.task = task

    def _written(self, target: str) -> None:
        self.passphrase.clear()
        self.repeat.clear()
        self.finish(self.tr("The backup is written to %1. Keep its passphrase safe: without it "
                            "the backup cannot be restored.").replace("%1", target))
        self.done.emit(target)


def _check_backup(ctx: TaskContext, data_dir: str, path: str, passphrase: str) -> Any:
    from anhorigdesk.profiles import ProfileManager, backup

    unlocked = backup.unlock(Path(path), passphrase)
    existing = backup.existing_profile(ProfileManager(Path(data_dir)), unlocked[2])
    return unlocked, existing


def _restore(ctx: TaskContext, data_dir: str, path: str, passphrase: str, replace: bool,
             unlocked: Any) -> Any:
    from anhorigdesk.profiles import ProfileManager, backup

    return backup.restore_profile(ProfileManager(Path(data_dir)), Path(path), passphrase,
                                  replace=replace, unlocked=unlocked)


class RestoreDialog(_WorkDialog):
    """Återställ profil…: a profile from a backup file, on this computer or another."""

    restored = Signal(object)  # the restored Profile

    def __init__(self, runner: TaskRunner, data_dir: Path, parent: QWidget | None = None, *,
                 open_profile_id: str | None = None) -> None:
        super().__init__(runner, parent)
        self.setObjectName("restoreDialog")
        self.data_dir = Path(data_dir)
        self.open_profile_id = open_profile_id  # the profile open in this window, if any
        self.passphrase.returnPressed.connect(self.start)
        self.question: QMessageBox | None = None
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Restore profile"))
        self.title.setText(self.tr("Restore a profile from a backup"))
        self.explain.setText(self.tr(
            "Choose the backup file and type the passphrase chosen when it was made. The whole "
            "file is checked before anything on this computer changes."))
        self.note.setText(self.tr(
            "The restored profile holds what was in it when the backup was made. If it syncs "
            "with a server, it becomes a new device there: sign in again after restoring. "
            "Changes in the backup that had not reached the server are sent then; nothing is "
            "sent twice."))
        self.file_label.setText(self.tr("&File:"))
        self.browse_button.setText(self.tr("&Choose…"))
        self.passphrase_label.setText(self.tr("Backup &passphrase:"))
        self.passphrase.setAccessibleName(self.tr("Passphrase of the backup"))
        self.start_button.setText(self.tr("&Restore"))

    def browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(
            self, self.tr("Choose a backup"), self.file.text() or str(Path.home()),
            self.tr("AnhörigDesk backups (*%1);;All files (*)").replace("%1", SUFFIX))
        if chosen:
            self.file.setText(chosen)

    def start(self) -> None:
        if self.busy or not self.ready():
            return
        self.error.clear()
        path, passphrase = self.file.text().strip(), self.passphrase.text()
        self.set_busy(True, self.tr("Checking the backup…"))
        task = self.runner.submit(_check_backup, str(self.data_dir), path, passphrase,
                                  name="check_backup")
        task.finished.connect(lambda result: self._checked(path, passphrase, result))
        task.failed.connect(self.fail)
        self.task = task

    def _checked(self, path: str, passphrase: str, result: Any) -> None:
        unlocked, existing = result
        replace = False
        if existing is not None:
            if existing.id == self.open_profile_id:
                self.fail_text(self.tr(
                    "The backup is of the profile that is open now. Quit AnhörigDesk, and "
                    "restore it from the profile picker (Restore profile…) before you open it."))
                return
            self.question = QMessageBox(
                QMessageBox.Icon.Warning, self.tr("Replace the profile?"),
                self.tr("The profile \"%1\" is already on this computer. Replace it with the "
                        "backup? What was written in it after the backup was made is lost, "
                        "unless it has been synced to the server.").replace("%1", existing.name),
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
            self.question.setDefaultButton(QMessageBox.StandardButton.No)
            self.question.button(QMessageBox.StandardButton.Yes).setText(self.tr("&Replace"))
            self.question.button(QMessageBox.StandardButton.No).setText(self.tr("&Keep it"))
            answer = self.question.exec()
            self.question = None
            if answer != QMessageBox.StandardButton.Yes:
                self.set_busy(False)
                self.status.setText(self.tr("Nothing was restored; the profile on this "
                                            "computer is as it was."))
                return
            replace = True
        self.set_busy(True, self.tr("Restoring the profile…"))
        task = self.runner.submit(_restore, str(self.data_dir), path, passphrase, replace,
                                  unlocked, name="restore_profile")
        task.finished.connect(self._restored)
        task.failed.connect(self.fail)
        self.task = task

    def fail_text(self, text: str) -> None:
        self.set_busy(False)
        self.error.setText(text)

    def _restored(self, result: Any) -> None:
        """``result``: ``profiles.backup.Restored`` (the profile, whether it had signed in
        to a sync server, how many of its changes the server had not acknowledged)."""
        profile = result.profile
        self.passphrase.clear()
        text = self.tr("The profile \"%1\" is restored. Open it from the profile picker "
                       "with the backup's passphrase, or as before with the computer's "
                       "keychain.").replace("%1", profile.name)
        if result.linked:
            text += " " + self.tr("The sync server sees this computer as a new device: sign in "
                                  "again once you have opened the profile, before it syncs.")
            if result.unsent:
                text += " " + self.tr(
                    "%n change(s) in the backup had not reached the server when it was made: "
                    "sent at the first sync, unless the server has them already.", "",
                    result.unsent)
        self.finish(text)
        self.restored.emit(profile)
