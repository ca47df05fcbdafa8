"""Changing the database key from the app (Arkiv → Byt databasnyckel…).

The core's :meth:`ProfileManager.rekey <anhorigdesk.profiles.profiles.ProfileManager.rekey>`
makes a new random key, keeps it as *pending* beside the old one (keychain, or wrapped by the
passphrase in ``profile.json``), has SQLCipher rewrite every page of the database with it and
then promotes it; an interrupted rekey is finished the next time the profile opens.

Here: a confirmation that says what happens (and asks for the passphrase of a passphrase
profile), then the work on the store's worker thread with its steps shown. The dialog is
modal and cannot be closed while the key changes; the window's other store users (sync,
the schedules' background work) are paused first and waited for, so nothing reads the
database while it is closed. The same :class:`Repository` object is kept and given the
reopened database, so every screen, the sync engine and the schedule book go on with it.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import (
    QCloseEvent,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QThreadPool,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted

PASSPHRASE = "passphrase"  # Profile.key_storage of a passphrase profile
#: the core's steps (anhorigdesk.profiles.profiles.REKEY_STEPS) after waiting for other work
STEPS = ("wait", "pending", "encrypt", "finish")


class RekeyFailed(Exception):
    """The rekey failed and the store could not be opened again: the app must restart."""


def run_rekey(ctx: TaskContext, session: Any, data_dir: Any, passphrase: str | None,
              pools: Sequence[QThreadPool]) -> Any:
    """Runs on the store's worker: wait for the other store users, rekey, hand the kept
    Repository the reopened database. Returns the new OpenProfile (its ``close``)."""
    from anhorigdesk.profiles import ProfileManager
    from anhorigdesk.profiles.profiles import OpenProfile

    ctx.progress(0, len(STEPS))
    for pool in pools:
        pool.waitForDone(-1)  # a sync between batches, a schedule being built
    manager, repo, profile = ProfileManager(data_dir), session.repository, session.profile

    def step(name: str) -> None:
        ctx.progress(STEPS.index(name), len(STEPS))

    try:
        new = manager.rekey(OpenProfile(profile, repo.db, repo), passphrase, progress=step)
    except Exception:
        if repo.db.closed:
            # It failed after the store was closed: open it with whichever key now opens
            # it (the core finishes a half-done rekey on opening).
            try:
                reopened = manager.unlock(profile, passphrase)
            except Exception:
                raise RekeyFailed from None
            repo.db = reopened.db
        raise
    repo.db = new.db
    ctx.progress(len(STEPS), len(STEPS))
    return new


class RekeyDialog(QDialog):
    """Confirm, then change the key with progress; emits ``rekeyed`` after success."""

    rekeyed = Signal()
    busy_changed = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None, *,
                 pools: Sequence[QThreadPool] = ()) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.pools = list(pools)
        self.busy = False
        self.succeeded: bool | None = None
        self.task: Any = None
        profile = getattr(ctx.workspace, "profile", None)
        self.needs_passphrase = getattr(profile, "key_storage", "") == PASSPHRASE

        self.stack = QStackedWidget(self)
        # --- confirm
        self.confirm_page = QWidget(self.stack)
        self.title = Heading(1.2, self.confirm_page)
        self.explain = QLabel(self.confirm_page)
        self.explain.setWordWrap(True)
        self.note = Muted(self.confirm_page)
        self.passphrase = QLineEdit(self.confirm_page)
        self.passphrase.setEchoMode(QLineEdit.EchoMode.Password)
        self.passphrase_label = QLabel(self.confirm_page)
        self.passphrase_label.setBuddy(self.passphrase)
        self.error = ErrorLabel(self.confirm_page)
        # --- progress
        self.progress_page = QWidget(self.stack)
        self.progress_title = Heading(1.2, self.progress_page)
        self.step_label = QLabel(self.progress_page)
        self.step_label.setWordWrap(True)
        self.bar = QProgressBar(self.progress_page)
        self.bar.setRange(0, len(STEPS))
        self.progress_note = Muted(self.progress_page)
        # --- result
        self.result_page = QWidget(self.stack)
        self.result_title = Heading(1.2, self.result_page)
        self.result_text = QLabel(self.result_page)
        self.result_text.setWordWrap(True)

        self.buttons = QDialogButtonBox(self)
        self.start_button = QPushButton(self)
        self.start_button.setObjectName("rekeyStart")
        self.buttons.addButton(self.start_button, QDialogButtonBox.ButtonRole.AcceptRole)
        self.cancel_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)

        self.start_button.clicked.connect(self.start)
        self.cancel_button.clicked.connect(self.reject)
        self.close_button.clicked.connect(self.accept)
        self.passphrase.textChanged.connect(self._update)
        self.passphrase.returnPressed.connect(self.start)

        form = QFormLayout()
        form.addRow(self.passphrase_label, self.passphrase)
        confirm = QVBoxLayout(self.confirm_page)
        confirm.addWidget(self.title)
        confirm.addWidget(self.explain)
        confirm.addWidget(self.note)
        confirm.addLayout(form)
        confirm.addWidget(self.error)
        confirm.addStretch(1)
        working = QVBoxLayout(self.progress_page)
        working.addWidget(self.progress_title)
        working.addWidget(self.step_label)
        working.addWidget(self.bar)
        working.addWidget(self.progress_note)
        working.addStretch(1)
        done = QVBoxLayout(self.result_page)
        done.addWidget(self.result_title)
        done.addWidget(self.result_text)
        done.addStretch(1)
        for page in (self.confirm_page, self.progress_page, self.result_page):
            self.stack.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.buttons)
        self.passphrase_label.setVisible(self.needs_passphrase)
        self.passphrase.setVisible(self.needs_passphrase)
        self.setMinimumWidth(self.fontMetrics().averageCharWidth() * 70)
        self.retranslate()
        self._show_page(self.confirm_page)

    # ---------------------------------------------------------------- texts
    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Change the database key"))
        self.title.setText(self.tr("Change the database key"))
        self.explain.setText(self.tr(
            "Everything in this profile is kept encrypted with a key. A new random key is made "
            "and the whole database is encrypted again with it; the old key no longer opens it. "
            "Your records, drafts and unsynced changes stay as they are, and you unlock the "
            "profile as before."))
        self.note.setText(self.tr(
            "On a large profile this can take a while. The window waits meanwhile, and sync "
            "pauses. If the computer stops in the middle, the change is finished the next "
            "time you open the profile."))
        self.passphrase_label.setText(self.tr("Your &passphrase:"))
        self.passphrase.setAccessibleName(self.tr("Your passphrase, to keep the new key with it"))
        self.start_button.setText(self.tr("&Change the key"))
        self.progress_title.setText(self.tr("Changing the database key…"))
        self.progress_note.setText(self.tr("Do not turn off the computer. The window is locked until this is done."))
        self.bar.setAccessibleName(self.tr("Progress of the key change"))

    def step_text(self, step: str) -> str:
        return {
            "wait": self.tr("Waiting for sync and other work to pause…"),
            "pending": self.tr("Making the new key and keeping it safe beside the old one…"),
            "encrypt": self.tr("Encrypting the database again with the new key…"),
            "finish": self.tr("Taking the new key into use…"),
        }.get(step, "")

    # --------------------------------------------------------------- states
    def _show_page(self, page: QWidget) -> None:
        self.stack.setCurrentWidget(page)
        confirming, finished = page is self.confirm_page, page is self.result_page
        self.start_button.setVisible(confirming)
        self.cancel_button.setVisible(confirming)
        self.close_button.setVisible(finished)
        self._update()
        if confirming and self.needs_passphrase:
            self.passphrase.setFocus()
        elif finished:
            self.close_button.setDefault(True)
            self.close_button.setFocus()

    def _update(self, *_args: Any) -> None:
        ready = not self.busy and (not self.needs_passphrase or bool(self.passphrase.text()))
        self.start_button.setEnabled(ready)

    def start(self) -> Any:
        session = self.ctx.workspace
        if self.busy or not self.start_button.isEnabled() or session is None or session.profile is None:
            return None
        passphrase = self.passphrase.text() if self.needs_passphrase else None
        self.busy = True
        self.busy_changed.emit(True)
        self.error.clear()
        self._show_page(self.progress_page)
        self._on_progress(0, len(STEPS))
        task = self.ctx.runner.submit(run_rekey, session, self.ctx.data_dir, passphrase, self.pools,
                                      name="rekey_database")
        task.progress.connect(self._on_progress)
        task.finished.connect(self._done)
        task.failed.connect(self._failed)
        self.task = task
        return task

    def _on_progress(self, done: int, total: int) -> None:
        # SQLCipher rewrites the pages in one call that tells nothing on the way: a moving
        # bar for that step (the long one), the step count otherwise
        encrypting = 0 <= done < len(STEPS) and STEPS[done] == "encrypt"
        self.bar.setRange(0, 0 if encrypting else total)
        self.bar.setValue(done)
        if 0 <= done < len(STEPS):
            self.step_label.setText(self.step_text(STEPS[done]))

    def _done(self, new: Any) -> None:
        session = self.ctx.workspace
        if session is not None and session.closer is not None:
            session.closer = new.close  # quitting closes the reopened store
        self.passphrase.clear()
        self.busy = False
        self.succeeded = True
        self.busy_changed.emit(False)
        self.result_title.setText(self.tr("The database key is changed"))
        self.result_text.setText(self.tr(
            "The profile is now encrypted with a new key. Everything is as before; "
            "unlock it as you always do."))
        self._show_page(self.result_page)
        self.rekeyed.emit()

    def _failed(self, exc: BaseException) -> None:
        from anhorigdesk.profiles import WrongPassphraseError

        self.busy = False
        self.busy_changed.emit(False)
        self.passphrase.clear()
        if isinstance(exc, WrongPassphraseError):
            # nothing was changed: try again
            self.error.setText(user_message(exc))
            self._show_page(self.confirm_page)
            return
        self.succeeded = False
        self.result_title.setText(self.tr("The key could not be changed"))
        if isinstance(exc, RekeyFailed):
            text = self.tr("The database could not be opened again. Quit AnhörigDesk and open the "
                           "profile again: an interrupted change is finished then.")
        else:
            text = self.tr("Nothing was lost: the profile still opens with its old key and you can go on "
                           "working. (%1)").replace("%1", user_message(exc))
        self.result_text.setText(text)
        self._show_page(self.result_page)

    # ------------------------------------------------------------- closing
    def reject(self) -> None:
        if self.busy:
            return  # the key is being changed: the dialog stays until it is done
        super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self.busy:
            event.ignore()
            return
        super().closeEvent(event)
