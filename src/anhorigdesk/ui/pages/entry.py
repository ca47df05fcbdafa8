"""Writing an entry on a carer's timeline: a conversation note, a support plan, a check-in.

The entry's form definition drives the editor (the form renderer,
``anhorigdesk.ui.forms.FormWidget``).  When there is no form for the kind (the built-in
forms could not be loaded: a broken forms folder must not stop the app), conversations
(``samtal``) get a plain note editor whose answers use the samtal form's question ids
(date, channel, participants, note, perspective parts), so the entry reads the same later.

Drafts: what is typed is saved as a draft in the encrypted store shortly after each
change, on lock, on leaving the page and on quit; saving the entry discards the draft.
The draft, the autosave timer, Ctrl+S/Esc and the bottom bar are ``DraftEditorPage``'s
(``draft_editor.py``), shared with the carer editor.
"""

from __future__ import annotations

import logging
from typing import Any

from anhorigdesk.i18n import current_language
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.labels import PERSPECTIVE_PARTS, labels
from anhorigdesk.ui.marking import MarkingControl
from anhorigdesk.ui.pages.draft_editor import AUTOSAVE_MS, DraftEditorPage
from anhorigdesk.ui.qt import (
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.scheduling.service import app_clock
from anhorigdesk.ui.tasks import TaskContext

log = logging.getLogger("anhorigdesk.ui.entry")

NOTE_KIND = "samtal"
CHANNELS = ("home_visit", "at_unit", "phone", "video", "other")
MARKING_KEY = "_confidentiality"  # the marking, in a draft's data beside the answers
CORRECTS_KEY = "_corrects"  # a correction's draft: the id of the entry it corrects


def form_widget_class() -> Any:
    """The form renderer's widget class, imported on first use (it is not needed before an
    entry is opened).  None means: the plain note editor (tests use that to reach it)."""
    from anhorigdesk.ui.forms import FormWidget

    return FormWidget


def load_form_registry(workspace: Any) -> Any:
    """The app's forms: the workspace's one registry (``Workspace.form_registry``: built-in,
    the published municipality bundle's, the unit's own), and the renderer's module, imported
    here so that opening the first entry is quick. Runs on a worker thread at start."""
    form_widget_class()
    try:
        if workspace is None:
            return None
        return workspace.form_registry()
    except Exception as exc:  # a broken forms folder must not stop the app
        log.warning("forms could not be loaded: %s", type(exc).__name__)
        return None


class NoteEditor(QWidget):
    """The plain conversation note (samtal) editor."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.date = QDateEdit(self)
        self.date.setCalendarPopup(True)
        self.date.setMaximumDate(QDate.currentDate())
        self.channel = QComboBox(self)
        for channel in CHANNELS:
            self.channel.addItem(channel, channel)
        self.participants = QLineEdit(self)
        self.note = QPlainTextEdit(self)
        self.note.setTabChangesFocus(True)
        self.note.setObjectName("conversationNote")
        self.parts_box = QGroupBox(self)
        self.parts: dict[str, QCheckBox] = {}
        parts_layout = QVBoxLayout(self.parts_box)
        for part in PERSPECTIVE_PARTS:
            check = QCheckBox(self.parts_box)
            self.parts[part] = check
            parts_layout.addWidget(check)
        self.labels = {key: QLabel(self) for key in ("date", "channel", "participants", "note")}
        self.labels["date"].setBuddy(self.date)
        self.labels["channel"].setBuddy(self.channel)
        self.labels["participants"].setBuddy(self.participants)
        self.labels["note"].setBuddy(self.note)

        form = QFormLayout()
        form.addRow(self.labels["date"], self.date)
        form.addRow(self.labels["channel"], self.channel)
        form.addRow(self.labels["participants"], self.participants)
        form.addRow(self.labels["note"], self.note)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(form, 3)
        side = QVBoxLayout()
        side.addWidget(self.parts_box)
        side.addStretch(1)
        layout.addLayout(side, 2)
        self.clear()
        self.retranslate()

    def retranslate(self) -> None:
        lab = labels()
        self.labels["date"].setText(self.tr("&Date"))
        self.labels["channel"].setText(self.tr("&How"))
        self.labels["participants"].setText(self.tr("&Who took part *"))
        self.labels["note"].setText(self.tr("What came &up *"))
        self.date.setAccessibleName(self.tr("Date of the conversation"))
        self.channel.setAccessibleName(self.tr("How the conversation took place"))
        self.participants.setAccessibleName(self.tr("Who took part"))
        self.participants.setPlaceholderText(self.tr("Roles, for example: the carer, home-care worker"))
        self.note.setAccessibleName(self.tr("Conversation note"))
        self.note.setPlaceholderText(
            self.tr("What matters for the support to the carer. What they tell in confidence "
                    "about themselves does not belong in the cared-for person's file.")
        )
        for i in range(self.channel.count()):
            self.channel.setItemText(i, lab.channel(self.channel.itemData(i)))
        self.parts_box.setTitle(self.tr("The conversation touched on"))
        for part, check in self.parts.items():
            check.setText(lab.perspective(part))

    def clear(self) -> None:
        self.date.setDate(QDate.currentDate())
        self.channel.setCurrentIndex(0)
        self.participants.clear()
        self.note.clear()
        self.note.document().clearUndoRedoStacks()
        for check in self.parts.values():
            check.setChecked(False)

    def answers(self) -> dict[str, Any]:
        return {
            "conversation_date": self.date.date().toPython().isoformat(),
            "channel": self.channel.currentData(),
            "participants": self.participants.text().strip(),
            "note": self.note.toPlainText(),
            "perspective_parts": [p for p, c in self.parts.items() if c.isChecked()],
        }

    def set_answers(self, data: dict[str, Any]) -> None:
        if data.get("conversation_date"):
            self.date.setDate(QDate.fromString(data["conversation_date"], "yyyy-MM-dd"))
        self.channel.setCurrentIndex(max(0, self.channel.findData(data.get("channel"))))
        self.participants.setText(data.get("participants") or "")
        self.note.setPlainText(data.get("note") or "")
        for part, check in self.parts.items():
            check.setChecked(part in (data.get("perspective_parts") or []))

    def problem(self) -> tuple[str, QWidget] | None:
        if not self.participants.text().strip():
            return self.tr("Write who took part."), self.participants
        if not self.note.toPlainText().strip():
            return self.tr("Write what came up in the conversation."), self.note
        return None

    def connect_changes(self, slot: Any) -> None:
        self.date.dateChanged.connect(slot)
        self.channel.currentIndexChanged.connect(slot)
        self.participants.textChanged.connect(slot)
        self.note.textChanged.connect(slot)
        for check in self.parts.values():
            check.toggled.connect(slot)


class EntryPage(DraftEditorPage):
    """A new entry (or a draft of one) for a carer's timeline; drafts, autosave, keys and
    the bottom bar come from ``DraftEditorPage``."""

    # the entry kinds that have an editor changed (the forms finished loading)
    kinds_changed = Signal(object)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.carer_id: str | None = None
        self.kind = NOTE_KIND
        self.form: Any = None  # FormWidget when the renderer drives the editor
        self.definition: Any = None
        self.correcting: str | None = None  # the entry this corrects ("Rätta anteckningen")
        # Loaded in the background after the window shows (``set_registry``): parsing
        # and checking the form files must not delay the start.
        self.registry: Any = None

        self.stack = QStackedWidget(self)
        self.note_editor = NoteEditor(self)
        self.stack.addWidget(self.note_editor)
        # the confidentiality marking of whatever is written here (note or form)
        self.marking = MarkingControl(self)
        self.make_bottom_bar(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Discard
                             | QDialogButtonBox.StandardButton.Close)
        self.discard_button = self.buttons.button(QDialogButtonBox.StandardButton.Discard)
        self.close_button = self.buttons.button(QDialogButtonBox.StandardButton.Close)

        self.note_editor.connect_changes(self._changed)
        self.marking.changed.connect(self._marking_changed)
        self.save_button.clicked.connect(self.save)
        self.discard_button.clicked.connect(self.discard)
        self.close_button.clicked.connect(self.close_editor)

        self.assemble(self.stack, self.marking)
        self.retranslate()

    def set_registry(self, registry: Any) -> None:
        self.registry = registry
        if self.workspace is not None:
            self.workspace.forms = registry
        self.kinds_changed.emit(self.available_kinds())

    def available_kinds(self) -> set[str]:
        kinds = {NOTE_KIND}
        if self.registry is not None and form_widget_class() is not None:
            for kind in ("samtal", "stodplan", "frivillighet", "korttid"):
                if self.registry.by_entry_kind(kind):
                    kinds.add(kind)
        return kinds

    # ---------------------------------------------------------------- texts
    def page_title(self) -> str:
        return labels().entry_kind(self.kind)

    def _set_heading(self) -> None:
        # The carer's name is part of the page (the user must see whose record this is),
        # never of the window title.
        kind = labels().entry_kind(self.kind)
        if getattr(self, "correcting", None):
            kind = self.tr("Correction: %1").replace("%1", kind)
        name = getattr(self, "carer_name", "")
        self.heading.setText(f"{kind} · {name}" if name else kind)

    def retranslate(self) -> None:
        self._set_heading()
        self._set_intro()
        self.retranslate_bottom_bar()
        self.discard_button.setText(self.tr("&Discard"))
        self.close_button.setText(self.tr("Close (keep draft)"))
        self.note_editor.retranslate()
        self.marking.retranslate()
        if self.form is not None:
            self.form.set_language(current_language())

    # -------------------------------------------------------------- showing
    def on_shown(self, argument: object = None) -> None:
        """``argument``: {"carer_id", "kind"} for a new entry, or {"draft": draft row}, or
        {"carer_id", "kind", "correcting": entry row, "definition": its form version} to
        correct a stored entry (the answers start as the entry's)."""
        if not isinstance(argument, dict):
            return
        self.save_draft_now()
        draft = argument.get("draft")
        correcting = argument.get("correcting")
        self.draft_id = draft["id"] if draft else None
        self.carer_id = (draft or argument).get("carer_id")
        kind = argument.get("kind") or (draft or {}).get("form_id") or NOTE_KIND
        data = dict((draft or correcting or {}).get("data") or {})
        self.correcting = data.pop(CORRECTS_KEY, None) or (correcting or {}).get("id")
        if correcting is not None:
            data[MARKING_KEY] = correcting.get("confidentiality")
        marking = data.pop(MARKING_KEY, None)  # kept in the draft beside the answers
        self._loading = True
        self.marking.reset()
        self.marking.set_marking(marking)
        self._loading = False
        self._open_editor(kind, data, argument.get("definition"), version_of=(draft or {}))
        self._read_consent()
        self.error.clear()
        self.show_restored(bool(draft))
        self.carer_name = (draft or {}).get("carer_name") or argument.get("carer_name") or ""
        self._set_heading()
        self._dirty = False

    def _open_editor(self, kind: str, data: dict[str, Any], definition: Any = None,
                     version_of: dict[str, Any] | None = None) -> None:
        self._loading = True
        self.kind = kind
        if self.form is not None:
            self.stack.removeWidget(self.form)
            self.form.deleteLater()
            self.form = None
        self.definition = None
        widget_class = form_widget_class()
        if widget_class is not None and self.registry is None:
            self.set_registry(load_form_registry(self.workspace))  # opened before the background load finished
        definitions = self.registry.by_entry_kind(kind) if self.registry is not None else []
        if definition is None and self.correcting and version_of and self.workspace is not None:
            # a correction's draft: the form version of the entry it corrects
            try:
                definition = self.workspace.open_response(version_of, self.registry)
            except Exception:
                definition = None
        if definition is not None:
            definitions = [definition]
        if widget_class is not None and definitions:
            self.definition = definitions[0]
            self.form = widget_class(
                self.definition, language=current_language(), answers=data or None,
                save_draft=self._save_form_draft, autosave_ms=AUTOSAVE_MS, parent=self,
            )
            self.form.changed.connect(self._changed)
            self.form.finished.connect(self._form_finished)
            self.stack.addWidget(self.form)
            self.stack.setCurrentWidget(self.form)
            if not data and not self.correcting:  # a new response (a draft keeps what was typed)
                self._prefill(self.form)
        else:
            self.note_editor.clear()
            if data:
                self.note_editor.set_answers(data)
            self.stack.setCurrentWidget(self.note_editor)
            self.note_editor.participants.setFocus()
        self._set_intro()
        self._loading = False

    def _set_intro(self) -> None:
        text = self.tr("Saved as a draft while you write; Save puts it on the carer's timeline.")
        if self.form is not None and self.registry is not None and getattr(self.registry, "is_example", False):
            text += " " + self.tr("Example form (Exempelkommunen): the example municipality's form is used "
                                  "until your municipality's material has been published and this laptop "
                                  "has synced.")
        self.intro.setText(text)

    def _prefill(self, form: Any) -> None:
        """Fill a new form with what is known: today's date at once, then (read on a worker)
        the carer record's facts and the latest check-in's answers; each shown as prefilled,
        and editable (``anhorigdesk.forms.prefill``)."""
        from anhorigdesk.forms.prefill import prefill_answers
        from anhorigdesk.scheduling import local_date

        definition, today = form.definition, local_date(app_clock(self.ctx).now())
        form.apply_prefill(prefill_answers(definition, today=today))
        session, carer_id = self.workspace, self.carer_id
        if session is None or carer_id is None:
            return
        repo, actor = session.repository, session.actor

        def work(_ctx: TaskContext) -> Any:
            carer = repo.get_carer(actor, carer_id)
            entries = repo.timeline(actor, carer_id, kinds=["frivillighet"])
            return prefill_answers(definition, today=today, carer=carer, entries=entries)

        task = self.ctx.runner.submit(work, name="prefill_form")
        task.finished.connect(lambda found: self._prefilled(form, carer_id, found))

    def _prefilled(self, form: Any, carer_id: str, found: Any) -> None:
        if form is not self.form or carer_id != self.carer_id:
            return  # another form or carer opened meanwhile
        loading, self._loading = self._loading, True  # not a change by the user
        form.apply_prefill(found)
        self._loading = loading

    def _read_consent(self) -> None:
        """The carer's consent to sharing decides whether "may be shared" can be chosen."""
        session, carer_id = self.workspace, self.carer_id
        if session is None or carer_id is None:
            return
        repo = session.repository

        def work(_ctx: TaskContext) -> Any:
            from anhorigdesk.workspace.marking import share_consent

            return share_consent(repo, carer_id)

        task = self.ctx.runner.submit(work, name="share_consent")
        task.finished.connect(lambda consent: self._got_consent(carer_id, consent))

    def _got_consent(self, carer_id: str, consent: Any) -> None:
        if carer_id == self.carer_id:
            loading, self._loading = self._loading, True  # not a change by the user
            self.marking.set_consent(consent)
            self._loading = loading

    # -------------------------------------------------------------- drafts
    def _marking_changed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._autosave.start()  # a form saves its own answers; the marking goes with them

    def autosaves_on_change(self) -> bool:
        return self.form is None  # a form autosaves its own answers (``_save_form_draft``)

    def _current_answers(self) -> dict[str, Any]:
        return self.form.answers() if self.form is not None else self.note_editor.answers()

    def _save_form_draft(self, answers: dict[str, Any]) -> None:
        self._write_draft(answers)

    def can_write_draft(self) -> bool:
        return self.carer_id is not None

    def write_draft(self) -> None:
        if self.form is not None:
            self.form.save_draft_now()  # comes back through ``_save_form_draft``
        else:
            self._write_draft(self.note_editor.answers())

    def _write_draft(self, answers: dict[str, Any]) -> None:
        if self.workspace is None or self.carer_id is None:
            return
        carer_id, kind = self.carer_id, self.kind
        definition = self.definition
        answers = {**answers, MARKING_KEY: self.marking.marking()}
        if self.correcting:
            answers[CORRECTS_KEY] = self.correcting

        def save(repo: Any, actor: Any, draft_id: str) -> str:
            return repo.save_draft(
                actor, form_id=definition.id if definition is not None else kind, data=answers,
                draft_id=draft_id, carer_id=carer_id,
                form_version=definition.version if definition is not None else None,
                form_fingerprint=definition.fingerprint if definition is not None else None,
            )

        self.submit_draft(save, "save_entry_draft")

    # -------------------------------------------------------------- saving
    def save(self) -> None:
        if self._saving or self.carer_id is None:
            return
        if self.form is not None:
            self.form.finish()  # emits finished(answers) when valid
            return
        problem = self.note_editor.problem()
        if problem is not None:
            text, widget = problem
            self.error.setText(text)
            widget.setFocus()
            return
        self._store(self.note_editor.answers(), self.marking.marking())

    def _form_finished(self, answers: dict[str, Any]) -> None:
        self._store(dict(answers), self.marking.marking())

    def _store(self, answers: dict[str, Any], confidentiality: str) -> None:
        session = self.workspace
        repo, actor = session.repository, session.actor
        carer_id, kind, draft_id, definition = self.carer_id, self.kind, self.draft_id, self.definition
        registry = self.registry
        occurred = app_clock(self.ctx).now()
        correcting = self.correcting
        self.begin_saving()

        def work(_ctx: TaskContext) -> str:
            from anhorigdesk.workspace.marking import check_marking

            if correcting:  # "Rätta anteckningen": a new version pointing at the old
                return session.correct_entry(correcting, answers, form=definition,
                                             confidentiality=confidentiality, draft_id=draft_id)

            # again at saving: a consent withdrawn meanwhile (here or synced in) wins
            check_marking(repo, carer_id, confidentiality)
            if definition is not None:
                # The core validates for good, remembers the version and writes the entry
                # with the follow-up tasks of its raised flags in one transaction.
                from anhorigdesk.workspace.responses import submit_response

                return submit_response(repo, registry, actor, carer_id, definition, answers,
                                       confidentiality=confidentiality, draft_id=draft_id, now=occurred)
            return repo.add_entry(
                actor, carer_id, kind, answers, occurred_at=occurred,
                confidentiality=confidentiality, draft_id=draft_id,
            )

        task = self.ctx.runner.submit(work, name="save_entry")
        task.finished.connect(self._stored)
        task.failed.connect(self._failed)

    def _stored(self, _entry_id: str) -> None:
        if self.correcting:
            self.correcting = None
            self.saved(self.tr("The correction is saved; the earlier text stays readable."), self.carer_id)
            return
        self.saved(self.tr("Saved on the timeline."), self.carer_id)

    def _failed(self, exc: BaseException) -> None:
        self.save_failed(exc)
        if getattr(exc, "code", "") == "marking.no_share_consent":
            self._read_consent()  # the marking falls back to "carer only"

    def discard(self) -> None:
        self.drop_draft()
        self.navigate.emit("carer", self.carer_id)

    def leave(self) -> None:
        """Back to the carer; what was typed stays as a draft (Esc, "Close (keep draft)")."""
        self.save_draft_now()
        self.navigate.emit("carer", self.carer_id)

    close_editor = leave
