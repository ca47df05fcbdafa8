"""Registering and editing a carer: the domain fields, cared-for persons, consent.

What the user types is kept as a draft in the encrypted store (a moment after each
change, on lock and on quit), so nothing typed is lost.  Saving writes the carer,
the new links and the new consents in one change set.  The draft, the autosave timer,
Ctrl+S/Esc and the bottom bar are ``DraftEditorPage``'s (``draft_editor.py``), shared with
the entry page.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from anhorigdesk.domain.personnummer import PersonnummerError, parse_personnummer
from anhorigdesk.i18n import current_language
from anhorigdesk.store.entities import CONSENT_HOW, CONSENT_SCOPES, LANGUAGES, RELATION_KINDS
from anhorigdesk.store.ids import uuid7
from anhorigdesk.store.repository import Change
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.pages.draft_editor import DraftEditorPage
from anhorigdesk.ui.qt import (
    QCheckBox,
    QComboBox,
    QCompleter,
    QDate,
    QDateEdit,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSpinBox,
    QStringListModel,
    Qt,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.widgets import ErrorLabel, Muted

DRAFT_FORM_ID = "carer_profile"


def notes_in_conflict(repo: Any, carer_id: str) -> bool:
    """Whether the carer's notes hold versions from two computers not yet settled (runs on
    a worker; reads no more than the carer, which the caller has already logged)."""
    from anhorigdesk.sync import attention

    return any(issue.entity == "carer" and issue.entity_id == carer_id and "notes" in issue.conflicts
               for issue in attention.issues(repo, None, carer_id=carer_id))


def parse_error(text: str) -> str:
    """The core's reason why ``text`` is not a valid personnummer ("" if it is)."""
    try:
        parse_personnummer(text)
    except PersonnummerError as exc:
        return exc.localized(current_language())
    return ""


class CarerEditPage(DraftEditorPage):
    """A new carer, or a carer's record, edited; drafts, autosave, keys and the bottom bar
    come from ``DraftEditorPage``."""

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.carer_id: str | None = None
        self.original: dict[str, Any] = {}
        self.new_links: list[dict[str, Any]] = []
        self.existing_consents: set[str] = set()
        self.consent_ids: dict[str, list[str]] = {}  # scope -> ids of consents not withdrawn

        # --- person
        self.name = QLineEdit(self)
        self.personnummer = QLineEdit(self)
        self.personnummer.setMaxLength(13)
        self.pnr_error = ErrorLabel(self)
        self.pnr_error.setObjectName("personnummerError")
        self.phone = QLineEdit(self)
        self.email = QLineEdit(self)
        self.address = QLineEdit(self)
        self.language = QComboBox(self)
        for code in LANGUAGES:
            self.language.addItem(code, code)
        self.is_child = QCheckBox(self)
        # skyddade personuppgifter: address and contact details kept out of lists and prints
        self.protected_identity = QCheckBox(self)
        self.protected_identity.setObjectName("protectedIdentity")
        self.hours = QSpinBox(self)
        self.hours.setRange(0, 168)
        self.support_contact = QComboBox(self)
        self.notes = QPlainTextEdit(self)
        self.notes.setTabChangesFocus(True)
        self.notes.setMinimumHeight(80)
        self.person_box = QGroupBox(self)
        self.person_form = QFormLayout(self.person_box)
        self.form_labels: dict[str, QLabel] = {}
        for key, field in (
            ("name", self.name), ("personnummer", self.personnummer), ("pnr_error", self.pnr_error),
            ("phone", self.phone),
            ("email", self.email), ("address", self.address), ("language", self.language),
            ("is_child", self.is_child), ("protected_identity", self.protected_identity),
            ("hours", self.hours), ("support_contact", self.support_contact), ("notes", self.notes),
        ):
            label = QLabel(self)
            self.form_labels[key] = label
            label.setBuddy(field)
            self.person_form.addRow(label, field)
        self._pnr_error_row = 2
        # The notes changed on two computers at once: this form shows only the newest
        # version, and a change here would settle the conflict without the other one.
        self.notes_conflict = QFrame(self)
        self.notes_conflict.setObjectName("notesConflictNotice")
        self.notes_conflict.setFrameShape(QFrame.Shape.StyledPanel)
        self.notes_conflict_text = QLabel(self.notes_conflict)
        self.notes_conflict_text.setWordWrap(True)
        self.notes_conflict_button = QPushButton(self.notes_conflict)
        self.notes_conflict_button.setObjectName("chooseNotesVersion")
        notice_row = QHBoxLayout(self.notes_conflict)
        notice_row.addWidget(self.notes_conflict_text, 1)
        notice_row.addWidget(self.notes_conflict_button)
        self.person_form.insertRow(self.person_form.getWidgetPosition(self.notes)[0], "", self.notes_conflict)
        self.person_form.setRowVisible(self.notes_conflict, False)
        # --- cared-for persons
        self.links_box = QGroupBox(self)
        self.links_list = QListWidget(self.links_box)
        self.links_list.setMaximumHeight(110)
        self.link_name = QLineEdit(self.links_box)
        self.link_year = QSpinBox(self.links_box)
        self.link_year.setRange(1900, date.today().year)
        self.link_year.setValue(1945)
        self.link_kind = QComboBox(self.links_box)
        for kind in RELATION_KINDS:
            self.link_kind.addItem(kind, kind)
        self.link_add = QPushButton(self.links_box)
        # someone already registered (e.g. a parent cared for by two of their children)
        self.known_people: dict[str, dict[str, Any]] = {}  # completion label -> person
        self.link_completer = QCompleter([], self.link_name)
        self.link_completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.link_completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.link_name.setCompleter(self.link_completer)
        link_row = QHBoxLayout()
        link_row.addWidget(self.link_name, 2)
        link_row.addWidget(self.link_year)
        link_row.addWidget(self.link_kind, 1)
        link_row.addWidget(self.link_add)
        links_layout = QVBoxLayout(self.links_box)
        links_layout.addWidget(self.links_list)
        links_layout.addLayout(link_row)
        # --- consent
        self.consent_box = QGroupBox(self)
        self.consent_checks: dict[str, QCheckBox] = {}
        consent_layout = QVBoxLayout(self.consent_box)
        # share_with_unit names a unit: it is given with "Dela med enhet…", not ticked here
        for scope in (s for s in CONSENT_SCOPES if s != "share_with_unit"):
            check = QCheckBox(self.consent_box)
            self.consent_checks[scope] = check
            consent_layout.addWidget(check)
        how_row = QHBoxLayout()
        self.consent_how_label = QLabel(self.consent_box)
        self.consent_how = QComboBox(self.consent_box)
        for how in CONSENT_HOW:
            self.consent_how.addItem(how, how)
        self.consent_how_label.setBuddy(self.consent_how)
        self.consent_date = QDateEdit(self.consent_box)
        self.consent_date.setCalendarPopup(True)
        self.consent_date.setDate(QDate.currentDate())
        self.consent_date.setMaximumDate(QDate.currentDate())
        how_row.addWidget(self.consent_how_label)
        how_row.addWidget(self.consent_how)
        how_row.addWidget(self.consent_date)
        how_row.addStretch(1)
        consent_layout.addLayout(how_row)
        self.consent_note = Muted(self.consent_box)
        consent_layout.addWidget(self.consent_note)
        # --- bottom
        # a carer who looks like one already registered (same name, birth date or phone)
        self.similar: list[dict[str, Any]] = []
        self._duplicate_confirmed = False
        self.duplicate_box = QFrame(self)
        self.duplicate_box.setObjectName("duplicateCarerNotice")
        self.duplicate_box.setFrameShape(QFrame.Shape.StyledPanel)
        self.duplicate_text = QLabel(self.duplicate_box)
        self.duplicate_text.setWordWrap(True)
        self.duplicate_open = QPushButton(self.duplicate_box)
        self.duplicate_save = QPushButton(self.duplicate_box)
        duplicate_row = QHBoxLayout(self.duplicate_box)
        duplicate_row.addWidget(self.duplicate_text, 1)
        duplicate_row.addWidget(self.duplicate_open)
        duplicate_row.addWidget(self.duplicate_save)
        self.duplicate_box.hide()
        self.make_bottom_bar(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        self.cancel_button = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)

        # connect
        self.personnummer.textChanged.connect(self._check_personnummer)
        for widget in (self.name, self.personnummer, self.phone, self.email, self.address, self.link_name):
            widget.textChanged.connect(self._changed)
        self.notes.textChanged.connect(self._changed)
        for combo in (self.language, self.support_contact, self.consent_how):
            combo.currentIndexChanged.connect(self._changed)
        self.is_child.toggled.connect(self._changed)
        self.protected_identity.toggled.connect(self._changed)
        self.hours.valueChanged.connect(self._changed)
        for check in self.consent_checks.values():
            check.toggled.connect(self._changed)
        self.link_add.clicked.connect(self._add_link)
        self.duplicate_open.clicked.connect(self._open_similar)
        self.duplicate_save.clicked.connect(self._save_anyway)
        for widget in (self.name, self.personnummer, self.phone):
            widget.textChanged.connect(self._hide_duplicates)
        self.notes_conflict_button.clicked.connect(self._choose_notes_version)
        self.link_name.returnPressed.connect(self._add_link)
        self.buttons.accepted.connect(self.save)
        self.buttons.rejected.connect(self.cancel)

        # assemble
        body = QWidget(self)
        column = QVBoxLayout(body)
        column.addWidget(self.person_box)
        column.addWidget(self.links_box)
        column.addWidget(self.consent_box)
        column.addStretch(1)
        column.setSizeConstraint(QVBoxLayout.SizeConstraint.SetMinimumSize)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(body)
        self.assemble(scroll, self.duplicate_box)
        self.retranslate()

    # --------------------------------------------------------------- texts
    def page_title(self) -> str:
        return self.tr("Edit carer") if self.carer_id else self.tr("New carer")

    def retranslate(self) -> None:
        lab = labels()
        self.heading.setText(self.page_title())
        self.intro.setText(self.tr("Fields marked * are required. What you type is kept as a draft until you save."))
        texts = {
            "name": (self.tr("&Name *"), self.tr("Name")),
            "personnummer": (self.tr("&Personal identity number"), self.tr("Personal identity number")),
            "phone": (self.tr("P&hone"), self.tr("Phone")),
            "email": (self.tr("E-&mail"), self.tr("E-mail")),
            "address": (self.tr("&Address"), self.tr("Address")),
            "language": (self.tr("Preferred &language"), self.tr("Preferred language")),
            "is_child": (self.tr("&Child carer"), self.tr("Child carer")),
            "protected_identity": (self.tr("P&rotected identity"), self.tr("Protected identity")),
            "hours": (self.tr("Hours of care per &week"), self.tr("Hours of care per week")),
            "support_contact": (self.tr("Support &contact"), self.tr("Support contact")),
            "notes": (self.tr("N&otes"), self.tr("Notes")),
        }
        widgets = {
            "name": self.name, "personnummer": self.personnummer, "phone": self.phone,
            "email": self.email, "address": self.address, "language": self.language,
            "is_child": self.is_child, "protected_identity": self.protected_identity, "hours": self.hours,
            "support_contact": self.support_contact, "notes": self.notes,
        }
        for key, (label_text, accessible) in texts.items():
            self.form_labels[key].setText(label_text)
            widgets[key].setAccessibleName(accessible)
        self.personnummer.setPlaceholderText(self.tr("YYYYMMDD-NNNN"))
        self.notes_conflict_text.setText(self.tr(
            "The notes were changed on two computers at once. Only the newest version is shown here: "
            "choose or merge the versions first, or the other one is lost when you change the notes."))
        self.notes_conflict_button.setText(self.tr("Choose a &version…"))
        self.is_child.setText(self.tr("Under 18: take extra care with consent and guardians"))
        self.protected_identity.setText(self.tr(
            "Address and contact details are never shown in lists, printed or shared with other units"))
        self.person_box.setTitle(self.tr("The carer"))
        for i in range(self.language.count()):
            self.language.setItemText(i, lab.language(self.language.itemData(i)))
        self._fill_support_contacts()
        self.links_box.setTitle(self.tr("Cared-for persons"))
        self.links_list.setAccessibleName(self.tr("Linked cared-for persons"))
        self.link_name.setPlaceholderText(self.tr("Name of the person cared for"))
        self.link_name.setAccessibleName(self.tr("Name of the person cared for"))
        self.link_year.setAccessibleName(self.tr("Year of birth"))
        self.link_year.setToolTip(self.tr("Year of birth"))
        self.link_kind.setAccessibleName(self.tr("The cared-for person is the carer's"))
        self.link_kind.setToolTip(self.tr("The cared-for person is the carer's"))
        for i in range(self.link_kind.count()):
            self.link_kind.setItemText(i, lab.relation(self.link_kind.itemData(i)))
        self.link_add.setText(self.tr("&Link"))
        self.link_add.setAccessibleName(self.tr("Link the cared-for person"))
        self._refresh_links()
        self.consent_box.setTitle(self.tr("Consent given by the carer"))
        for scope, check in self.consent_checks.items():
            check.setText(lab.consent_scope(scope))
        self.consent_how_label.setText(self.tr("&Given:"))
        self.consent_note.setText(self.tr(
            "To record that the carer withdraws a consent, clear its box and save; the consent "
            "keeps its history with the date it was withdrawn."))
        self.consent_how.setAccessibleName(self.tr("How the consent was given"))
        self.consent_date.setAccessibleName(self.tr("Date the consent was given"))
        for i in range(self.consent_how.count()):
            self.consent_how.setItemText(i, lab.consent_how(self.consent_how.itemData(i)))
        self.retranslate_bottom_bar()
        self.duplicate_open.setText(self.tr("&Open the registered carer"))
        self.duplicate_save.setText(self.tr("Save a ne&w carer anyway"))
        if self.similar:
            self._show_duplicates()
        self.cancel_button.setText(self.tr("Cancel"))
        self._check_personnummer()

    def _fill_support_contacts(self) -> None:
        session = self.workspace
        current = self.support_contact.currentData()
        self.support_contact.blockSignals(True)
        self.support_contact.clear()
        self.support_contact.addItem(self.tr("None"), None)
        staff = session.staff if session is not None else []
        if session is not None:
            self.support_contact.addItem(self.tr("Me"), session.actor.staff_id)
            for member in staff:
                if member["id"] != session.actor.staff_id:
                    self.support_contact.addItem(member["name"], member["id"])
        self.support_contact.setCurrentIndex(max(0, self.support_contact.findData(current)))
        self.support_contact.blockSignals(False)

    # ------------------------------------------------------------- showing
    def on_shown(self, argument: object = None) -> None:
        """``argument``: None (new carer), a carer id, or {"draft": draft row}."""
        self._clear()
        if isinstance(argument, dict) and "draft" in argument:
            draft = argument["draft"]
            self.draft_id = draft["id"]
            self.carer_id = draft.get("carer_id")
            data = draft.get("data") or {}
            self.original = dict(data.get("original") or {})
            self.existing_consents = set(data.get("existing_consents") or [])
            self.consent_ids = {k: list(v) for k, v in (data.get("consent_ids") or {}).items()}
            self._apply(data.get("fields") or {})
            self.new_links = list(data.get("new_links") or [])
            self._refresh_links()
            self.show_restored()
            self._dirty = False
            if self.carer_id:
                self._check_notes_conflict(self.carer_id)
        elif isinstance(argument, str):
            self.carer_id = argument
            self._load(argument)
        self.heading.setText(self.page_title())
        self._load_known_people()
        self.name.setFocus()

    def _clear(self) -> None:
        self._loading = True
        self.carer_id = None
        self.draft_id = None
        self.original = {}
        self.new_links = []
        self.existing_consents = set()
        self.consent_ids = {}
        for widget in (self.name, self.personnummer, self.phone, self.email, self.address, self.link_name):
            widget.clear()
        self.notes.clear()
        self._show_notes_conflict(False)
        self.language.setCurrentIndex(0)
        self.is_child.setChecked(False)
        self.protected_identity.setChecked(False)
        self.hours.setValue(0)
        self.support_contact.setCurrentIndex(0)
        for check in self.consent_checks.values():
            check.setChecked(False)
            check.setEnabled(True)
        self.error.clear()
        self.draft_state.clear()
        self.similar = []
        self._duplicate_confirmed = False
        self.duplicate_box.hide()
        self._refresh_links()
        self._loading = False
        self._dirty = False
        self._autosave.stop()
        for widget in (self.name, self.personnummer, self.notes):
            undo = getattr(widget, "document", None)
            if callable(undo):
                widget.document().clearUndoRedoStacks()

    def _load(self, carer_id: str) -> None:
        repo, actor = self.workspace.repository, self.workspace.actor
        self.setEnabled(False)

        def work(_ctx: TaskContext) -> dict[str, Any]:
            carer = repo.get_carer(actor, carer_id)
            carer["_notes_conflict"] = notes_in_conflict(repo, carer_id)
            return carer

        task = self.ctx.runner.submit(work, name="load_carer")
        task.finished.connect(self._loaded)
        task.failed.connect(self._failed)

    def _check_notes_conflict(self, carer_id: str) -> None:
        repo = self.workspace.repository
        task = self.ctx.runner.submit(lambda _ctx: notes_in_conflict(repo, carer_id), name="notes_conflict")
        task.finished.connect(lambda found: self._show_notes_conflict(bool(found) and self.carer_id == carer_id))

    def _show_notes_conflict(self, shown: bool) -> None:
        self.person_form.setRowVisible(self.notes_conflict, shown)

    def _choose_notes_version(self) -> None:
        """To the conflict view with this carer's record; what was typed stays as a draft."""
        carer_id = self.carer_id
        if carer_id is None:
            return
        self.save_draft_now()
        self.navigate.emit("sync", {"record": ("carer", carer_id)})

    def _loaded(self, carer: dict[str, Any]) -> None:
        self.setEnabled(True)
        self._show_notes_conflict(bool(carer.pop("_notes_conflict", False)))
        self.original = {k: carer.get(k) for k in self._field_names()}
        active = [c for c in carer.get("consents", []) if not c.get("withdrawn_at")]
        self.existing_consents = {c["scope"] for c in active}
        self.consent_ids = {}
        for consent in active:
            self.consent_ids.setdefault(consent["scope"], []).append(consent["id"])
        self._apply(self.original)  # after the consents: their boxes show what was given
        self._existing_links = [
            (r.get("cared_for_name") or "", r.get("birth_year"), r.get("kind") or "") for r in carer.get("relations", [])
        ]
        self._refresh_links()
        self._dirty = False
        self.name.setFocus()

    @staticmethod
    def _field_names() -> tuple[str, ...]:
        return ("name", "personnummer", "phone", "email", "address", "preferred_language",
                "is_child", "hours_per_week", "support_contact_id", "notes", "protected_identity")

    def _apply(self, fields: dict[str, Any]) -> None:
        self._loading = True
        self.name.setText(fields.get("name") or "")
        self.personnummer.setText(fields.get("personnummer") or "")
        self.phone.setText(fields.get("phone") or "")
        self.email.setText(fields.get("email") or "")
        self.address.setText(fields.get("address") or "")
        self.language.setCurrentIndex(max(0, self.language.findData(fields.get("preferred_language") or "sv")))
        self.is_child.setChecked(bool(fields.get("is_child")))
        self.protected_identity.setChecked(bool(fields.get("protected_identity")))
        self.hours.setValue(int(fields.get("hours_per_week") or 0))
        self.support_contact.setCurrentIndex(max(0, self.support_contact.findData(fields.get("support_contact_id"))))
        self.notes.setPlainText(fields.get("notes") or "")
        withdrawn = set(fields.get("withdrawn_consents") or [])
        for scope, check in self.consent_checks.items():
            given = scope in self.existing_consents and scope not in withdrawn
            check.setChecked(given or scope in (fields.get("new_consents") or []))
        self._loading = False

    def _fields(self) -> dict[str, Any]:
        return {
            "name": self.name.text().strip(),
            "personnummer": self.personnummer.text().strip() or None,
            "phone": self.phone.text().strip() or None,
            "email": self.email.text().strip() or None,
            "address": self.address.text().strip() or None,
            "preferred_language": self.language.currentData(),
            "is_child": self.is_child.isChecked(),
            "protected_identity": self.protected_identity.isChecked(),
            "hours_per_week": float(self.hours.value()) if self.hours.value() else None,
            "support_contact_id": self.support_contact.currentData(),
            "notes": self.notes.toPlainText() or None,
        }

    def _new_consents(self) -> list[str]:
        return [s for s, c in self.consent_checks.items() if c.isChecked() and s not in self.existing_consents]

    def _withdrawn_consents(self) -> list[str]:
        return [s for s, c in self.consent_checks.items() if not c.isChecked() and s in self.existing_consents]

    # ---------------------------------------------------------- validation
    def _check_personnummer(self, *_args: Any) -> bool:
        text = self.personnummer.text().strip()
        if not text:
            self._show_pnr_error("")
            return True
        try:
            parsed = parse_personnummer(text)
        except PersonnummerError as exc:
            # Only complain about the form once enough has been typed to judge it.
            if len(text.replace("-", "").replace("+", "")) >= 10 or not self.personnummer.hasFocus():
                self._show_pnr_error(exc.localized(current_language()))
            else:
                self._show_pnr_error("")
            return False
        self._show_pnr_error("")
        if self.error.text() == self.tr("Check the personal identity number."):
            self.error.clear()
        if not self._loading and parsed.age_on(date.today()) < 18 and not self.is_child.isChecked():
            self.is_child.setChecked(True)
        return True

    def _show_pnr_error(self, text: str) -> None:
        self.pnr_error.setText(text)
        self.person_form.setRowVisible(self._pnr_error_row, bool(text))

    # -------------------------------------------------------------- editing
    def _refresh_links(self) -> None:
        lab = labels()
        self.links_list.clear()
        for name, year, kind in getattr(self, "_existing_links", []) if self.carer_id else []:
            self.links_list.addItem(f"{name} ({year or '–'}) · {lab.relation(kind)}")
        for link in self.new_links:
            self.links_list.addItem(
                f"{link['name']} ({link.get('birth_year') or '–'}) · {lab.relation(link['kind'])} · "
                + self.tr("not saved yet")
            )
        self.links_list.setVisible(self.links_list.count() > 0)

    def _load_known_people(self) -> None:
        repo, actor = self.workspace.repository, self.workspace.actor
        task = self.ctx.runner.submit(lambda _ctx: repo.cared_for_people(actor), name="cared_for_people")
        task.finished.connect(self._got_known_people)

    def _got_known_people(self, people: list[dict[str, Any]]) -> None:
        self.known_people = {}
        for person in people:
            label = person["name"] + (f" ({person['birth_year']})" if person.get("birth_year") else "")
            self.known_people.setdefault(label, person)
        self.link_completer.setModel(QStringListModel(list(self.known_people), self.link_completer))

    def _add_link(self) -> None:
        name = self.link_name.text().strip()
        if not name:
            self.link_name.setFocus()
            return
        known = self.known_people.get(name)
        if known is not None:  # the registered person, linked again: not a new record
            self.new_links.append({"name": known["name"], "birth_year": known.get("birth_year"),
                                   "kind": self.link_kind.currentData(), "cared_for_id": known["id"]})
        else:
            self.new_links.append({"name": name, "birth_year": self.link_year.value(),
                                   "kind": self.link_kind.currentData()})
        self.link_name.clear()
        self._refresh_links()
        self._changed()

    def write_draft(self) -> None:
        data = {
            "fields": {**self._fields(), "new_consents": self._new_consents(),
                       "withdrawn_consents": self._withdrawn_consents()},
            "new_links": self.new_links,
            "original": self.original,
            "existing_consents": sorted(self.existing_consents),
            "consent_ids": self.consent_ids,
        }
        carer_id = self.carer_id

        def save(repo: Any, actor: Any, draft_id: str) -> str:
            return repo.save_draft(actor, form_id=DRAFT_FORM_ID, data=data, draft_id=draft_id, carer_id=carer_id)

        self.submit_draft(save, "save_draft")

    # --------------------------------------------------------------- saving
    def save(self) -> None:
        if self._saving:
            return
        fields = self._fields()
        if not fields["name"]:
            self.error.setText(self.tr("Write the carer's name."))
            self.name.setFocus()
            return
        if not self._check_personnummer():
            if not self.pnr_error.text():
                self._show_pnr_error(parse_error(fields["personnummer"] or ""))
            self.error.setText(self.tr("Check the personal identity number."))
            self.personnummer.setFocus()
            return
        if fields["personnummer"]:
            parsed = parse_personnummer(fields["personnummer"])
            fields["personnummer"] = str(parsed)
            fields["birth_date"] = parsed.birth_date
        if self.carer_id is None and not self._duplicate_confirmed:
            self._check_duplicates(fields)  # saves when no one alike is registered
            return
        self._write(fields)

    # ------------------------------------------------------- duplicates
    def _check_duplicates(self, fields: dict[str, Any]) -> None:
        """Before a new carer is created: is someone with the same name and the same birth
        date or phone already registered? (On a worker; the answer decides.)"""
        repo, actor = self.workspace.repository, self.workspace.actor
        born = fields.get("birth_date")
        name, phone = fields["name"], fields.get("phone")
        self._saving = True
        self.save_button.setEnabled(False)

        def work(_ctx: TaskContext) -> list[dict[str, Any]]:
            from anhorigdesk.ui.models.carers import with_hints

            return with_hints(repo, repo.similar_carers(actor, name, birth_date=born.isoformat() if born else None,
                                                        phone=phone))

        task = self.ctx.runner.submit(work, name="similar_carers")
        task.finished.connect(lambda found: self._duplicates_checked(fields, found))
        task.failed.connect(self._failed)

    def _duplicates_checked(self, fields: dict[str, Any], found: list[dict[str, Any]]) -> None:
        self._saving = False
        self.save_button.setEnabled(True)
        if not found:
            self._write(fields)
            return
        self.similar = found
        self._show_duplicates()
        self.duplicate_open.setFocus()

    def _show_duplicates(self) -> None:
        lab = labels()
        names = "; ".join(lab.carer_with_hint(c["name"], c.get("hint")) for c in self.similar)
        self.duplicate_text.setText(self.tr(
            "Already registered with the same name and the same birth date or phone number: %1. "
            "Is it the same person? Open the registered carer, or save a new one anyway.").replace("%1", names))
        self.duplicate_box.setVisible(bool(self.similar))

    def _hide_duplicates(self, *_args: Any) -> None:
        if self.similar:
            self.similar = []
            self._duplicate_confirmed = False
            self.duplicate_box.hide()

    def _open_similar(self) -> None:
        """Leave this form for the registered carer (what was typed stays as a draft)."""
        if not self.similar:
            return
        carer_id = self.similar[0]["id"]
        self.save_draft_now()
        self.navigate.emit("carer", carer_id)

    def _save_anyway(self) -> None:
        self._duplicate_confirmed = True
        self.duplicate_box.hide()
        self.save()

    def _write(self, fields: dict[str, Any]) -> None:
        session = self.workspace
        actor = session.actor
        carer_id = self.carer_id or uuid7()
        changes: list[Change] = []
        if self.carer_id is None:
            fields["unit_ids"] = [actor.unit_id] if actor.unit_id else []
            fields["status"] = "active"
            changes.append(Change("carer", {k: v for k, v in fields.items() if v is not None}, carer_id))
        else:
            changed = {k: v for k, v in fields.items() if self.original.get(k) != v}
            if changed:
                changes.append(Change("carer", changed, carer_id))
        for link in self.new_links:
            person_id = link.get("cared_for_id")
            if person_id is None:
                person_id = uuid7()
                changes.append(Change("cared_for", {"name": link["name"], "birth_year": link.get("birth_year")},
                                      person_id))
            changes.append(Change("relation", {"carer_id": carer_id, "cared_for_id": person_id,
                                               "kind": link["kind"]}, uuid7()))
        given_at = self.consent_date.date().toPython()
        for scope in self._new_consents():
            changes.append(Change("consent", {
                "carer_id": carer_id, "scope": scope, "given_at": given_at,
                "given_how": self.consent_how.currentData(), "recorded_by": actor.staff_id,
            }, uuid7()))
        withdrawn_on = date.today()
        for scope in self._withdrawn_consents():
            for consent_id in self.consent_ids.get(scope, []):
                changes.append(Change("consent", {"withdrawn_at": withdrawn_on}, consent_id))
        repo = session.repository
        draft_id = self.draft_id
        self.begin_saving()

        def work(_ctx: TaskContext) -> str:
            if changes:
                repo.write(actor, changes)
            if draft_id:
                repo.delete_draft(actor, draft_id)
            return carer_id

        task = self.ctx.runner.submit(work, name="save_carer")
        task.finished.connect(self._saved)
        task.failed.connect(self._failed)

    def _saved(self, carer_id: str) -> None:
        self.saved(self.tr("Carer saved."), carer_id)

    def _failed(self, exc: BaseException) -> None:
        self.setEnabled(True)
        self.save_failed(exc)

    def leave(self) -> None:
        """Go back without saving; what was typed stays as a draft (see Home)."""
        self.save_draft_now()
        self.navigate.emit("carer" if self.carer_id else "carers", self.carer_id)

    def cancel(self) -> None:
        self.drop_draft()
        if self.carer_id:
            self.navigate.emit("carer", self.carer_id)
        else:
            self.navigate.emit("carers", None)
