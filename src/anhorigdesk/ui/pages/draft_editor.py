"""The base of the pages where something is written and kept as a draft (utkast) until it
is saved: the carer editor (``carer_edit.py``) and the entry page (``entry.py``).

What they share lives here, once:

- the state: the draft's id, whether something was typed since the last draft
  (``has_unsaved_changes``), whether a form is being loaded (changes then are not the
  user's) and whether a save is under way;
- the autosave timer: a draft is written ``AUTOSAVE_MS`` after the last change, and on
  lock, on leaving the page and on quit (``save_draft_now``, which the window calls);
- the keys: Ctrl+S saves, Esc leaves (``leave``: what was typed stays as a draft);
- the bottom bar: an error line, then the draft's state ("Draft saved.", "Restored from a
  draft.") on the left and the page's buttons (Save and its others) on the right;
- writing and dropping the draft through the task runner, and what follows a save (the
  status message, ``data_changed``, back to the carer) or a failed one.

A subclass builds its fields, then calls ``make_bottom_bar`` (where the bar's widgets come
in the tab order) and ``assemble``; it implements ``save``, ``leave`` and
``write_draft`` (what is typed, as a draft), and may narrow ``autosaves_on_change``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from anhorigdesk.store.ids import uuid7
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import (
    QDialogButtonBox,
    QHBoxLayout,
    QKeySequence,
    QShortcut,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted

# A draft is written this long after the last change.
AUTOSAVE_MS = 1500


class DraftEditorPage(Page):
    """A page that edits something kept as a draft until Save (see the module doc)."""

    nav_key = "carers"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.draft_id: str | None = None
        self._dirty = False
        self._loading = False
        self._saving = False
        self.heading = Heading(1.5, self)
        self.intro = Muted(self)
        self._autosave = QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(AUTOSAVE_MS)
        self._autosave.timeout.connect(self.save_draft_now)
        # Ctrl+S saves, Esc leaves (keeping a draft when something was typed).
        for keys, slot in ((QKeySequence.StandardKey.Save, self.save),
                           (QKeySequence(Qt.Key.Key_Escape), self.leave)):
            shortcut = QShortcut(QKeySequence(keys), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)

    # ------------------------------------------------------------ building
    def make_bottom_bar(self, buttons: QDialogButtonBox.StandardButton) -> None:
        """The error line, the draft's state and the buttons (``buttons`` include Save).
        Called after the page's fields, so the buttons come last in the tab order."""
        self.error = ErrorLabel(self)
        self.draft_state = Muted(self)
        self.buttons = QDialogButtonBox(buttons, self)
        self.save_button = self.buttons.button(QDialogButtonBox.StandardButton.Save)

    def assemble(self, body: QWidget, *below: QWidget) -> None:
        """Heading, intro, ``body`` (stretching), the widgets ``below`` it, the error line
        and the bottom bar."""
        bottom = QHBoxLayout()
        bottom.addWidget(self.draft_state, 1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.intro)
        layout.addWidget(body, 1)
        for widget in below:
            layout.addWidget(widget)
        layout.addWidget(self.error)
        layout.addLayout(bottom)

    def retranslate_bottom_bar(self) -> None:
        self.save_button.setText(self.tr("&Save"))

    # ---------------------------------------------------- what subclasses do
    def save(self) -> None:
        """Check what was typed and store it for good (Ctrl+S, the Save button)."""
        raise NotImplementedError

    def leave(self) -> None:
        """Go back without saving; what was typed stays as a draft (Esc)."""
        raise NotImplementedError

    def write_draft(self) -> None:
        """Write what is typed as a draft (``save_draft_now`` decided that it is due)."""
        raise NotImplementedError

    def can_write_draft(self) -> bool:
        """Whether there is somewhere to write a draft (an open profile; a carer)."""
        return self.workspace is not None

    def autosaves_on_change(self) -> bool:
        """Whether a change starts the autosave timer (an editor may save its own drafts)."""
        return True

    # -------------------------------------------------------------- drafts
    def _changed(self, *_args: Any) -> None:
        """Something was typed: a draft follows ``AUTOSAVE_MS`` later."""
        if self._loading:
            return
        self._dirty = True
        if self.autosaves_on_change():
            self._autosave.start()

    def has_unsaved_changes(self) -> bool:
        return self._dirty

    def save_draft_now(self) -> None:
        if not self._dirty or self._saving or not self.can_write_draft():
            return
        self._autosave.stop()
        self.write_draft()

    def on_lock(self) -> None:
        self.save_draft_now()

    def show_restored(self, restored: bool = True) -> None:
        """The bottom bar says whether the page was filled from a draft."""
        self.draft_state.setText(self.tr("Restored from a draft.") if restored else "")

    def submit_draft(self, save: Callable[[Any, Any, str], str], name: str) -> None:
        """Write a draft on the task runner: ``save(repo, actor, draft_id)`` (a worker
        thread) with this page's draft id (a new one the first time); the bar says when
        it is written.  What was typed counts as kept from here on."""
        session = self.workspace
        repo, actor = session.repository, session.actor
        draft_id = self.draft_id or uuid7()
        self.draft_id = draft_id

        def work(_ctx: TaskContext) -> str:
            return save(repo, actor, draft_id)

        task = self.ctx.runner.submit(work, name=name)
        task.finished.connect(lambda _id: self.draft_state.setText(self.tr("Draft saved.")))
        self._dirty = False

    def drop_draft(self) -> None:
        """Forget what was typed and delete its draft (Discard, Cancel)."""
        draft_id = self.draft_id
        self._dirty = False
        self._autosave.stop()
        if draft_id and self.workspace is not None:
            repo, actor = self.workspace.repository, self.workspace.actor
            self.ctx.runner.submit(lambda _ctx: repo.delete_draft(actor, draft_id), name="discard_draft")
        self.draft_id = None

    # -------------------------------------------------------------- saving
    def begin_saving(self) -> None:
        """A save starts: no draft meanwhile, Save disabled until it ends."""
        self._saving = True
        self._autosave.stop()
        self.save_button.setEnabled(False)
        self.error.clear()

    def saved(self, message: str, carer_id: str | None) -> None:
        """Stored for good (the store dropped the draft): say so and go to the carer."""
        self._saving = False
        self._dirty = False
        self.draft_id = None
        self.save_button.setEnabled(True)
        self.status_message.emit(message)
        self.data_changed.emit()
        self.navigate.emit("carer", carer_id)

    def save_failed(self, exc: BaseException) -> None:
        """Not stored: what was typed stays on the page, with the reason."""
        self._saving = False
        self.save_button.setEnabled(True)
        self.error.setText(self.tr("Could not save: %1").replace("%1", user_message(exc)))
