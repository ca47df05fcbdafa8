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
from anhorigdesk.profiles.pin import MAX_LENGTH as PIN_MAX
from anhorigdesk.profiles.pin import MIN_LENGTH as PIN_MIN
from anhorigdesk.ui.demo_mark import demo_text, is_demo, never_synced_text
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
    QMessageBox,
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
    remove_unfinished,
)
from anhorigdesk.ui.tasks import TaskContext, TaskRunner
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted, fit_rows

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
        self.name_label.setText(self.tr("&Your name:"))
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
        self.pin_note = Muted(self)
        self.pin = QLineEdit(self)
        self.pin.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_repeat = QLineEdit(self)
        self.pin_repeat.setEchoMode(QLineEdit.EchoMode.Password)
        self.pin_label = QLabel(self)
        self.pin_repeat_label = QLabel(self)
        self.pin_label.setBuddy(self.pin)
        self.pin_repeat_label.setBuddy(self.pin_repeat)
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
        self.pin.textChanged.connect(self._update)
        self.pin_repeat.textChanged.connect(self._update)

        pin_form = QFormLayout()
        pin_form.addRow(self.pin_label, self.pin)
        pin_form.addRow(self.pin_repeat_label, self.pin_repeat)
        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        form.addRow(self.repeat_label, self.repeat)
        layout = QVBoxLayout(self)
        layout.addWidget(self.use_keychain)
        layout.addWidget(self.keychain_note)
        layout.addWidget(self.pin_note)
        layout.addLayout(pin_form)
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
        self.use_passphrase.setText(self.tr("With a passphrase that I &type each time"))
        self.keychain_note.setText(
            "" if self.keychain_ok
            else self.tr("This computer has no secure keychain, so a passphrase is needed.")
        )
        self.keychain_note.setVisible(not self.keychain_ok)
        self.pin_note.setText(self.tr(
            "Choose a PIN of %1–%2 digits. The profile asks for it after it has been locked, so "
            "that only you can open it again; the computer's keychain alone does not.")
            .replace("%1", str(PIN_MIN)).replace("%2", str(PIN_MAX)))
        self.pin_label.setText(self.tr("P&IN:"))
        self.pin_repeat_label.setText(self.tr("Repe&at PIN:"))
        self.pin.setAccessibleName(self.tr("PIN"))
        self.pin_repeat.setAccessibleName(self.tr("Repeat the PIN"))
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
            pin = self.pin.text()
            if not (PIN_MIN <= len(pin) <= PIN_MAX) or not all("0" <= c <= "9" for c in pin):
                return self.tr("The PIN must be %1–%2 digits.").replace("%1", str(PIN_MIN)).replace(
                    "%2", str(PIN_MAX))
            if pin != self.pin_repeat.text():
                return self.tr("The two PINs differ.")
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
        for widget in (self.pin, self.pin_repeat, self.pin_label, self.pin_repeat_label, self.pin_note):
            widget.setEnabled(not on)
        problem = self._problem()
        # Only complain once the user has typed something.
        typed = (self.passphrase.text() or self.repeat.text()) if on else (
            self.pin.text() or self.pin_repeat.text())
        self.error.setText(problem if typed else "")
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
        self._unfinished: Profile | None = None
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
            pin=None if self.key_page.wants_passphrase() else self.key_page.pin.text(),
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
        unfinished = self._unfinished

        def work(ctx: TaskContext) -> OpenProfile:
            if unfinished is not None:  # the last try stopped part way: finish that profile
                secret = request.passphrase if request.passphrase is not None else request.pin
                opened = open_profile(data_dir, unfinished, secret)
            else:
                opened = create_profile(data_dir, request)
            if with_demo:
                from anhorigdesk import demo
                from anhorigdesk.profiles import ProfileManager

                demo.fill(opened.repo, opened.actor, DEMO_CARERS, progress=ctx.progress)
                ProfileManager(data_dir).note_demo_data(opened)  # the picker marks it from now on
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
        unfinished = getattr(exc, "profile", None)
        if unfinished is not None and self._unfinished is None:
            # Creating stopped part way (a full disk): the next try finishes this profile, with
            # what was typed for it; the picker offers the same (or to remove it).
            self._unfinished = unfinished
            self.identity.setEnabled(False)
            self.key_page.use_keychain.setEnabled(False)
            self.key_page.use_passphrase.setEnabled(False)
        self.button(QWizard.WizardButton.FinishButton).setEnabled(True)
        self.key_page.error.setText(user_message(exc))


class ProfilePicker(QDialog):
    """Choose whose profile to open on this computer, and unlock it: a passphrase profile
    with its passphrase, a keychain profile with its PIN (one without a PIN yet opens with the
    keychain and then asks to choose one). A profile whose creation stopped part way (a full
    disk, the computer turned off) is marked unfinished: Finish completes it, Remove takes it
    away (it holds no records yet)."""

    opened = Signal(object)  # OpenProfile
    new_profile_requested = Signal()
    restore_requested = Signal()  # "Återställ profil…" (ui/profile_backup.py)

    def __init__(self, runner: TaskRunner, data_dir: Path, profiles: list[Profile],
                 last_profile: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.data_dir = data_dir
        self.profiles: list[Profile] = []
        self.setObjectName("profilePicker")
        self._busy = False
        self.confirm_remove: QMessageBox | None = None

        self.heading = Heading(1.4, self)
        self.list = fit_rows(QListWidget(self))  # rows tall enough for Å, Ä, Ö
        self.passphrase_label = QLabel(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label.setBuddy(self.passphrase)
        self.keychain_note = Muted(self)
        self.unfinished_note = Muted(self)
        self.unfinished_note.setWordWrap(True)
        self.error = ErrorLabel(self)
        self.error.setWordWrap(True)
        self.open_button = QPushButton(self)
        self.open_button.setDefault(True)
        self.new_button = QPushButton(self)
        self.remove_button = QPushButton(self)
        self.restore_button = QPushButton(self)
        self.buttons = QDialogButtonBox(self)
        self.buttons.addButton(self.open_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.buttons.addButton(self.remove_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.buttons.addButton(self.new_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(self.restore_button, QDialogButtonBox.ButtonRole.ActionRole)
        self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        self.list.currentRowChanged.connect(self._on_row)
        self.list.itemActivated.connect(lambda _item: self.try_open())
        self.open_button.clicked.connect(self.try_open)
        self.remove_button.clicked.connect(self.ask_remove)
        self.passphrase.returnPressed.connect(self.try_open)
        self.new_button.clicked.connect(self.new_profile_requested)
        self.restore_button.clicked.connect(self.restore_requested)
        self.buttons.rejected.connect(self.reject)

        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.unfinished_note)
        layout.addLayout(form)
        layout.addWidget(self.keychain_note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(460, 380)

        self.set_profiles(profiles, last_profile)
        self.retranslate()

    def set_profiles(self, profiles: list[Profile], select: str = "") -> None:
        """List ``profiles`` and select the one with id ``select`` (else the one selected
        now, as after a restore; else the first)."""
        select = select or getattr(self.current_profile(), "id", "")
        self.profiles = list(profiles)
        self.list.blockSignals(True)
        self.list.clear()
        for profile in self.profiles:
            item = QListWidgetItem(self._item_text(profile), self.list)
            item.setData(Qt.ItemDataRole.UserRole, profile.id)
            item.setToolTip(self._item_tip(profile))
        self.list.blockSignals(False)
        row = next((i for i, p in enumerate(self.profiles) if p.id == select), 0)
        self.list.setCurrentRow(row if self.profiles else -1)
        self._on_row(self.list.currentRow())

    def _item_text(self, profile: Profile) -> str:
        text = f"{profile.name} · {profile.unit_name}"
        if is_demo(profile):  # first, where a narrow list does not cut it off
            text = f"{demo_text()}: {text}"
        if profile.state == "creating":
            text += " " + self.tr("(not finished)")
        return text

    @staticmethod
    def _item_tip(profile: Profile) -> str:
        return never_synced_text() if is_demo(profile) else ""

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Open profile — AnhörigDesk"))
        self.heading.setText(self.tr("Who is working?"))
        self.list.setAccessibleName(self.tr("Profiles on this computer"))
        for row, profile in enumerate(self.profiles):
            item = self.list.item(row)
            if item is not None:
                item.setText(self._item_text(profile))
                item.setToolTip(self._item_tip(profile))
        self.new_button.setText(self.tr("&New profile…"))
        self.remove_button.setText(self.tr("Remove &unfinished profile…"))
        self.unfinished_note.setText(self.tr(
            "Creating this profile stopped before it was finished (for example the disk was full). "
            "Finish it once the problem is solved, or remove it: it holds no records yet."))
        self.restore_button.setText(self.tr("&Restore profile…"))
        self._on_row(self.list.currentRow())

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current_profile(self) -> Profile | None:
        row = self.list.currentRow()
        return self.profiles[row] if 0 <= row < len(self.profiles) else None

    @staticmethod
    def _asks(profile: Profile | None) -> str:
        """What opening ``profile`` asks for: "passphrase", "pin" or "" (the keychain; a PIN
        is chosen next)."""
        if profile is None:
            return ""
        if profile.key_storage != KEYCHAIN:
            return "passphrase"
        return "pin" if profile.pin else ""

    def _on_row(self, _row: int) -> None:
        profile = self.current_profile()
        asks = self._asks(profile)
        unfinished = profile is not None and profile.state == "creating"
        self.passphrase.setVisible(bool(asks))
        self.passphrase_label.setVisible(bool(asks))
        if asks == "pin":
            self.passphrase_label.setText(self.tr("P&IN:"))
            self.passphrase.setAccessibleName(self.tr("PIN"))
        else:
            self.passphrase_label.setText(self.tr("Pass&phrase:"))
            self.passphrase.setAccessibleName(self.tr("Passphrase"))
        self.keychain_note.setText(self.tr(
            "This profile is unlocked with the computer's keychain. Next you choose a PIN for it."))
        self.keychain_note.setVisible(profile is not None and not asks)
        self.unfinished_note.setVisible(unfinished)
        self.remove_button.setVisible(unfinished)
        self.open_button.setText(self.tr("&Finish") if unfinished else self.tr("&Open"))
        self.open_button.setEnabled(profile is not None and not self._busy)
        self.error.clear()
        if asks:
            self.passphrase.setFocus()

    def try_open(self) -> None:
        profile = self.current_profile()
        if profile is None or self._busy:
            return
        asks = self._asks(profile)
        secret = self.passphrase.text() if asks else None
        if asks and not secret:
            self.error.setText(self.tr("Type the PIN first.") if asks == "pin"
                               else self.tr("Type the passphrase first."))
            return
        self._busy = True
        self.open_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        self.error.setText(self.tr("Opening…"))
        data_dir = self.data_dir

        def work(ctx: TaskContext) -> OpenProfile:
            return open_profile(data_dir, profile, secret, on_migration=ctx.progress)

        task = self.runner.submit(work, name="open_profile")
        task.progress.connect(self._migrating)
        task.finished.connect(self._opened)
        task.failed.connect(self._failed)

    # -- an unfinished profile ---------------------------------------------------------
    def ask_remove(self) -> QMessageBox | None:
        profile = self.current_profile()
        if profile is None or profile.state != "creating" or self._busy:
            return None
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("Remove unfinished profile"),
                          self.tr("Remove the unfinished profile “%1”? It holds no records yet; "
                                  "its key is removed from this computer.").replace("%1", profile.name),
                          QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, self)
        box.setDefaultButton(QMessageBox.StandardButton.No)
        box.finished.connect(lambda answer: self._remove(profile) if answer == QMessageBox.StandardButton.Yes else None)
        self.confirm_remove = box
        box.open()
        return box

    def _remove(self, profile: Profile) -> None:
        self._busy = True
        self.open_button.setEnabled(False)
        self.remove_button.setEnabled(False)
        data_dir = self.data_dir
        task = self.runner.submit(lambda _ctx: remove_unfinished(data_dir, profile), name="remove_profile")
        task.finished.connect(self._removed)
        task.failed.connect(self._failed)

    def _removed(self, profiles: list[Profile]) -> None:
        self._busy = False
        self.set_profiles(profiles)
        self.error.setText(self.tr("The unfinished profile was removed."))
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
        self.open_button.setEnabled(self.current_profile() is not None)
        self.remove_button.setEnabled(True)
        self.passphrase.selectAll()
        self.error.setText(user_message(exc))
