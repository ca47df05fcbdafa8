"""Before the main window: the profile picker and the first-start wizard.

A profile is one staff member's encrypted database on this laptop.  The wizard
creates one (name, unit, and the key kept either in the OS keychain or under a
passphrase); the picker opens one.  The slow parts (key derivation, opening the
database) run on the task runner; the dialogs stay responsive and show progress.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from anhorigdesk.i18n import current_language
from anhorigdesk.ui.qt import (
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QRadioButton,
    Qt,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
    Signal,
)
from anhorigdesk.ui.session import (
    KEYCHAIN,
    NewProfileRequest,
    create_profile,
    min_passphrase_length,
    open_profile,
)
from anhorigdesk.ui.tasks import TaskContext, TaskRunner
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted

if TYPE_CHECKING:
    from anhorigdesk.profiles.profiles import OpenProfile, Profile


DEMO_CARERS = 200


def user_message(exc: BaseException) -> str:
    """A safe text for an error from the core: its own translated message if it has one
    (core messages never carry personal data), else nothing but the type."""
    localized = getattr(exc, "localized", None)
    if callable(localized):
        return str(localized(current_language()))
    return type(exc).__name__


class IdentityPage(QWizardPage):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.intro = Muted(self)
        self.name = QLineEdit(self)
        self.unit = QLineEdit(self)
        self.name_label = QLabel(self)
        self.unit_label = QLabel(self)
        self.name_label.setBuddy(self.name)
        self.unit_label.setBuddy(self.unit)
        self.registerField("name*", self.name)
        self.registerField("unit*", self.unit)
        self.demo = QCheckBox(self)
        self.demo_note = Muted(self)
        form = QFormLayout()
        form.addRow(self.name_label, self.name)
        form.addRow(self.unit_label, self.unit)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addLayout(form)
        layout.addSpacing(12)
        layout.addWidget(self.demo)
        layout.addWidget(self.demo_note)
        self.retranslate()

    def retranslate(self) -> None:
        self.setTitle(self.tr("Welcome to AnhörigDesk"))
        self.setSubTitle(self.tr("Create your profile on this computer."))
        self.intro.setText(
            self.tr(
                "Your profile keeps what you record encrypted on this computer. "
                "Each colleague who shares the computer has a profile of their own."
            )
        )
        self.name_label.setText(self.tr("Your &name:"))
        self.unit_label.setText(self.tr("Your &unit:"))
        self.name.setAccessibleName(self.tr("Your name"))
        self.unit.setAccessibleName(self.tr("Your unit"))
        self.unit.setPlaceholderText(self.tr("for example Anhörigstöd Norra"))
        self.demo.setText(self.tr("&Fill the profile with fictional demo data"))
        self.demo.setAccessibleName(self.tr("Fill the profile with fictional demo data"))
        self.demo_note.setText(
            self.tr(
                "For practice and demonstrations: %1 invented carers with conversations and "
                "check-ins. Never use a demo profile for real people."
            ).replace("%1", str(DEMO_CARERS))
        )

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class KeyPage(QWizardPage):
    def __init__(self, keychain_ok: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.keychain_ok = keychain_ok
        self.use_keychain = QRadioButton(self)
        self.use_passphrase = QRadioButton(self)
        self.group = QButtonGroup(self)
        self.group.addButton(self.use_keychain)
        self.group.addButton(self.use_passphrase)
        self.keychain_note = Muted(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.repeat = QLineEdit(self)
        self.repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self)
        self.repeat_label = QLabel(self)
        self.passphrase_label.setBuddy(self.passphrase)
        self.repeat_label.setBuddy(self.repeat)
        self.error = ErrorLabel(self)

        self.use_keychain.setEnabled(keychain_ok)
        (self.use_keychain if keychain_ok else self.use_passphrase).setChecked(True)

        self.group.buttonToggled.connect(self._update)
        self.passphrase.textChanged.connect(self._update)
        self.repeat.textChanged.connect(self._update)

        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.use_keychain)
        layout.addWidget(self.keychain_note)
        layout.addWidget(self.use_passphrase)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        self.retranslate()
        self._update()

    def retranslate(self) -> None:
        self.setTitle(self.tr("How to unlock the profile"))
        self.setSubTitle(self.tr("The key to your encrypted data is kept safe in one of two ways."))
        self.use_keychain.setText(self.tr("With this computer's &keychain (you sign in as usual)"))
        self.use_passphrase.setText(self.tr("With a &passphrase that I type each time"))
        self.keychain_note.setText(
            "" if self.keychain_ok
            else self.tr("This computer has no secure keychain, so a passphrase is needed.")
        )
        self.keychain_note.setVisible(not self.keychain_ok)
        self.passphrase_label.setText(self.tr("Pass&phrase:"))
        self.repeat_label.setText(self.tr("&Repeat:"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.repeat.setAccessibleName(self.tr("Repeat the passphrase"))
        self.passphrase.setPlaceholderText(self.tr("at least %n characters", "", min_passphrase_length()))
        self._update()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def wants_passphrase(self) -> bool:
        return self.use_passphrase.isChecked()

    def _problem(self) -> str:
        if not self.wants_passphrase():
            return ""
        if len(self.passphrase.text()) < min_passphrase_length():
            return self.tr("The passphrase needs at least %n characters.", "", min_passphrase_length())
        if self.passphrase.text() != self.repeat.text():
            return self.tr("The two passphrases differ.")
        return ""

    def _update(self, *_args: Any) -> None:
        on = self.wants_passphrase()
        for widget in (self.passphrase, self.repeat, self.passphrase_label, self.repeat_label):
            widget.setEnabled(on)
        problem = self._problem()
        # Only complain once the user has typed something.
        self.error.setText(problem if (self.passphrase.text() or self.repeat.text()) else "")
        self.completeChanged.emit()

    def isComplete(self) -> bool:
        return self._problem() == ""


class ProfileWizard(QWizard):
    """First start (or "New profile…"): creates a profile, then emits ``created``."""

    created = Signal(object)  # OpenProfile
    restore_requested = Signal()  # "Återställ profil…": a profile from a backup file instead

    def __init__(self, runner: TaskRunner, data_dir: Path, keychain_ok: bool,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data_dir = data_dir
        self.setObjectName("profileWizard")
        self.identity = IdentityPage(self)
        self.key_page = KeyPage(keychain_ok, self)
        self.addPage(self.identity)
        self.addPage(self.key_page)
        self.setWizardStyle(QWizard.WizardStyle.ModernStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnStartPage, True)
        self.setOption(QWizard.WizardOption.HaveCustomButton1, True)
        self.customButtonClicked.connect(
            lambda which: self.restore_requested.emit()
            if which == QWizard.WizardButton.CustomButton1.value else None)
        self._busy = False
        self.resize(560, 420)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("New profile — AnhörigDesk"))
        self.setButtonText(QWizard.WizardButton.FinishButton, self.tr("&Create profile"))
        self.setButtonText(QWizard.WizardButton.CustomButton1, self.tr("&Restore profile…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def request(self) -> NewProfileRequest:
        return NewProfileRequest(
            name=self.identity.name.text().strip(),
            unit_name=self.identity.unit.text().strip(),
            passphrase=self.key_page.passphrase.text() if self.key_page.wants_passphrase() else None,
        )

    def accept(self) -> None:
        if self._busy:
            return
        self._busy = True
        self.button(QWizard.WizardButton.FinishButton).setEnabled(False)
        self.key_page.error.setText(self.tr("Creating the profile…"))
        request = self.request()
        data_dir = self.data_dir
        with_demo = self.identity.demo.isChecked()

        def work(ctx: TaskContext) -> OpenProfile:
            opened = create_profile(data_dir, request)
            if with_demo:
                from anhorigdesk import demo

                demo.fill(opened.repo, opened.actor, DEMO_CARERS, progress=ctx.progress)
            return opened

        task = self.runner.submit(work, name="create_profile")
        task.finished.connect(self._created)
        task.failed.connect(self._failed)

    def _created(self, opened: OpenProfile) -> None:
        self._busy = False
        self.created.emit(opened)
        super().accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.key_page.error.setText(user_message(exc))


class ProfilePicker(QDialog):
    """Choose whose profile to open on this computer, and unlock it."""

    opened = Signal(object)  # OpenProfile
    new_profile_requested = Signal()
    restore_requested = Signal()  # "Återställ profil…" (ui/profile_backup.py)

    def __init__(self, runner: TaskRunner, data_dir: Path, profiles: list[Profile],
                 last_profile: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data_dir = data_dir
        self.profiles = profiles
        self.setObjectName("profilePicker")
        self._busy = False

        self.heading = Heading(1.4, self)
        self.list = QListWidget(self)
        for profile in profiles:
            item = QListWidgetItem(f"{profile.name} · {profile.unit_name}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
        self.passphrase_label = QLabel(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label.setBuddy(self.passphrase)
        self.keychain_note = Muted(self)
        self.error = ErrorLabel(self)
        self.open_button = QPushButton(self)
        self.open_button.setDefault(True)
        self.new_button = QPushButton(self)
        self.restore_button = QPushButton(self)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemActivated.connect(lambda _item: self.try_open())
        self.open_button.clicked.connect(self.try_open)
        self.passphrase.returnPressed.connect(self.try_open)
        self.new_button.clicked.connect(self.new_profile_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addLayout(form)
        layout.addWidget(self.keychain_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 380)

        row = next((i for i, p in enumerate(profiles) if p.id == last_profile), 0)
        self.list.setCurrentRow(row)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open profile — AnhörigDesk"))
        self.heading.setText(self.tr("Who is working?"))
        self.list.setAccessibleName(self.tr("Profiles on this computer"))
        self.passphrase_label.setText(self.tr("Pass&phrase:"))
        self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.keychain_note.setText(self.tr("This profile is unlocked with the computer's keychain."))
        self.open_button.setText(self.tr("&Open"))
        self.new_button.setText(self.tr("&New profile…"))
        self.restore_button.setText(self.tr("&Restore profile…"))
        self._on_row(self.list.currentRow())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def set_profiles(self, profiles: list[Profile]) -> None:
        """List ``profiles`` (after one was restored), keeping the selection if it is there."""
        current = self.current_profile()
        self.profiles = profiles
        self.list.clear()
        for profile in profiles:
            item = QListWidgetItem(f"{profile.name} · {profile.unit_name}", self.list)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
        keep = getattr(current, "id", None)
        self.list.setCurrentRow(next((i for i, p in enumerate(profiles) if p.id == keep), 0))

    def current_profile(self) -> Profile | None:
        row = self.list.currentRow()
        return self.profiles[row] if 0 <= row < len(self.profiles) else None

    def _on_row(self, _row: int) -> None:
        profile = self.current_profile()
        keychain = profile is not None and profile.key_storage == KEYCHAIN
        self.passphrase.setVisible(not keychain)
        self.passphrase_label.setVisible(not keychain)
        self.keychain_note.setVisible(keychain)
        self.error.clear()
        if not keychain:
            self.passphrase.setFocus()

    def try_open(self) -> None:
        profile = self.current_profile()
        if profile is None or self._busy:
            return
        secret = None if profile.key_storage == KEYCHAIN else self.passphrase.text()
        if secret == "":
            self.error.setText(self.tr("Type the passphrase first."))
            return
        self._busy = True
        self.open_button.setEnabled(False)
        self.error.setText(self.tr("Opening…"))
        data_dir = self.data_dir

        def work(ctx: TaskContext) -> OpenProfile:
            return open_profile(data_dir, profile, secret, on_migration=ctx.progress)

        task = self.runner.submit(work, name="open_profile")
        task.progress.connect(self._migrating)
        task.finished.connect(self._opened)
        task.failed.connect(self._failed)

    def _migrating(self, done: int, total: int) -> None:
        """The profile's database is being updated for this version of the program."""
        if done < total:
            self.error.setText(self.tr(
                "Updating the profile's data for this version of the program ({0} of {1}). "
                "This is done once and can take a minute; nothing is lost if it is interrupted."
            ).format(done + 1, total))

    def show_opening(self, profile: Profile) -> None:
        """The app is already opening ``profile`` (the only one, with the keychain) and it
        takes a while: show it chosen and busy; ``opening_finished``/``opening_failed``
        follow."""
        row = next((i for i, p in enumerate(self.profiles) if p.id == profile.id), -1)
        if row >= 0:
            self.list.setCurrentRow(row)
        self._busy = True
        self.open_button.setEnabled(False)
        self.error.setText(self.tr("Opening…"))

    def opening_finished(self, opened: OpenProfile) -> None:
        self._opened(opened)

    def opening_failed(self, exc: BaseException) -> None:
        """Opening the profile at once failed: say why; Open tries again."""
        self._failed(exc)

    def _opened(self, opened: OpenProfile) -> None:
        self._busy = False
        self.passphrase.clear()
        self.opened.emit(opened)
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self._busy = False
        self.open_button.setEnabled(True)
        self.passphrase.selectAll()
        self.error.setText(user_message(exc))
