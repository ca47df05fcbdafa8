"""A carer's page: who they are, whom they care for, consent, the five parts of the
carer perspective, and the timeline of everything recorded. Above them, notices from
sync about this carer's records: one a colleague deleted while it was being changed
(keep it, or delete it after all) and texts changed on two computers at once (choose a
version on the Sync screen).

Reading the record is an access and is logged by the repository.  The name is shown
inside the page only, never in the window title.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.i18n import current_language
from anhorigdesk.lifecycle.corrections import corrections_of
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.labels import PERSPECTIVE_PARTS, labels
from anhorigdesk.ui.marking import CARER_ONLY, SHAREABLE, MarkingTexts
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import (
    QAbstractItemView,
    QAction,
    QComboBox,
    QCoreApplication,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.timefmt import local_date
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Label, Muted, fit_rows
from anhorigdesk.workspace import short_term

TIMELINE_KINDS = ("samtal", "stodplan", "frivillighet", "korttid", "handout")
#: the entry kind (form) each carer action opens on the entry page
FORM_OF_ACTION = {"conversation": "samtal", "plan": "stodplan", "checkin": "frivillighet",
                  "korttid": "korttid"}


# where a relation's id is kept on its row of the relations list (a co-carer row keeps
# the other carer's id under UserRole)
RELATION_ROLE = Qt.ItemDataRole.UserRole + 1

# answers that are the entry's own words, in the order a summary prefers them
TEXT_KEYS = ("note", "text", "summary", "comment")


def entry_form(entry: dict[str, Any], registry: Any) -> Any:
    """The form an entry was answered on (its exact version when known), or None."""
    form_id = entry.get("form_id")
    if registry is None or not form_id:
        return None
    try:
        return registry.get(form_id, entry.get("form_version"), entry.get("form_fingerprint"))
    except KeyError:
        try:
            return registry.current(form_id)
        except KeyError:
            return None


def _one_line(value: str) -> str:
    return " ".join(value.split())[:160]


def entry_summary(entry: dict[str, Any], registry: Any = None, language: str = "sv") -> str:
    """One line about an entry for the timeline. Only what people wrote (a note, a
    free-text answer) or a label is shown, never a stored code: a stay is summed up by
    its kind as the form names it, its dates and its routines."""
    data = entry.get("data") or {}
    kind = entry.get("kind")
    if kind == "handout":
        return labels().document_kind(str(data.get("kind") or ""))
    form = entry_form(entry, registry)
    if kind == short_term.FORM_ID:
        return stay_summary(short_term.stay_facts(data, form, language))
    for key in TEXT_KEYS:
        value = data.get(key)
        if isinstance(value, str) and value.strip():
            return _one_line(value)
    if form is not None:
        from anhorigdesk.forms.model import QuestionKind

        for question in form.questions():
            value = data.get(question.id)
            if (question.kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
                    and isinstance(value, str) and value.strip()):
                return _one_line(value)
    return ""


def stay_summary(facts: short_term.StayFacts) -> str:
    """"Rotating respite care · 2026-11-17 – 2026-11-27 · 5 of 7 routines done"."""
    parts = [facts.kind_label] if facts.kind_label else []
    if facts.start and facts.end:
        parts.append(f"{facts.start.isoformat()} – {facts.end.isoformat()}")
    elif facts.start:
        parts.append(QCoreApplication.translate("CarerPage", "from %1").replace("%1", facts.start.isoformat()))
    if facts.items_total:
        parts.append(QCoreApplication.translate("CarerPage", "%1 of %2 routines done")
                     .replace("%1", str(facts.items_handled)).replace("%2", str(facts.items_total)))
    return " · ".join(parts)


def timeline_day(entry: dict[str, Any]) -> str:
    """The date an entry stands at on the timeline: a stay at the day it began, anything
    else at the day it happened."""
    began = short_term.timeline_day(entry)
    return began.isoformat() if began is not None else local_date(entry.get("occurred_at"))


def perspective_summary(entries: list[dict[str, Any]]) -> dict[str, tuple[int, str]]:
    """For each part of the carer perspective: how many conversations touched it, and
    the date of the latest one ("" if none)."""
    out: dict[str, tuple[int, str]] = {part: (0, "") for part in PERSPECTIVE_PARTS}
    for entry in entries:
        parts = (entry.get("data") or {}).get("perspective_parts") or []
        when = local_date(entry.get("occurred_at"))
        for part in parts:
            if part in out:
                count, last = out[part]
                out[part] = (count + 1, max(last, when))
    return out


class CarerPage(Page):
    nav_key = "carers"
    carer_opened = Signal(object)  # carer id or None
    entry_activated = Signal(object)  # the timeline entry (dict) the user opened

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.carer_id: str | None = None
        self.carer: dict[str, Any] = {}
        self.entries: list[dict[str, Any]] = []
        self.tabs: QTabWidget | None = None  # timeline and added panels, once a panel is added
        self.issues: list[Any] = []  # sync/attention.py SyncIssue: this carer's records to decide on
        self.notices: list[QWidget] = []

        self.heading = Heading(1.6, self)
        self.badges = Muted(self)
        # a carer shared with this unit (part F): what the page shows, and why no more
        self.shared_note = Muted(self)
        self.shared_note.setObjectName("sharedNote")
        self.shared_note.setWordWrap(True)
        self.shared_note.hide()
        self.error = ErrorLabel(self)
        self.sync_notices = QWidget(self)
        self.sync_notices.setObjectName("syncNotices")
        self.sync_notices_layout = QVBoxLayout(self.sync_notices)
        self.sync_notices_layout.setContentsMargins(0, 4, 0, 4)
        self.sync_notices.hide()
        self.edit_button = QPushButton(self)
        self.conversation_button = QPushButton(self)
        self.plan_button = QPushButton(self)
        self.checkin_button = QPushButton(self)
        self.short_term_button = QPushButton(self)
        self.print_button = QPushButton(self)
        # life cycle (ui/lifecycle): close or reopen the case
        self.case_button = QPushButton(self)
        self.case_button.setObjectName("caseButton")
        self.history_button = QPushButton(self)
        self.history_button.setObjectName("historyButton")
        self.extract_button = QPushButton(self)
        self.extract_button.setObjectName("extractButton")
        self.share_unit_button = QPushButton(self)  # "Dela med enhet…" (part F)
        self.share_unit_button.setObjectName("shareWithUnit")
        # profile
        self.profile_box = QGroupBox(self)
        self.profile_form = QFormLayout(self.profile_box)
        self.profile_values: dict[str, QLabel] = {}
        self.profile_labels: dict[str, QLabel] = {}
        for key in ("personnummer", "phone", "email", "address", "language", "hours", "contact"):
            label, value = Label(self.profile_box), Label(self.profile_box)
            value.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
            value.setWordWrap(True)
            self.profile_labels[key] = label
            self.profile_values[key] = value
            self.profile_form.addRow(label, value)
        # relations, consent
        self.relations_box = QGroupBox(self)
        self.relations_list = QListWidget(self.relations_box)
        self.relations_empty = Muted(self.relations_box)
        QVBoxLayout(self.relations_box).addWidget(self.relations_list)
        self.relations_box.layout().addWidget(self.relations_empty)
        self.end_relation_button = QPushButton(self.relations_box)
        self.end_relation_button.setObjectName("endRelationButton")
        self.end_relation_button.setEnabled(False)
        self.relations_box.layout().addWidget(self.end_relation_button)
        self.consent_box = QGroupBox(self)
        self.consent_list = QListWidget(self.consent_box)
        self.consent_empty = Muted(self.consent_box)
        QVBoxLayout(self.consent_box).addWidget(self.consent_list)
        self.consent_box.layout().addWidget(self.consent_empty)
        for lst in (self.relations_list, self.consent_list):
            fit_rows(lst)
            lst.setSizeAdjustPolicy(QListWidget.SizeAdjustPolicy.AdjustToContents)
            lst.setMaximumHeight(240)
            lst.setWordWrap(True)
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # perspective
        self.perspective_box = QGroupBox(self)
        grid = QGridLayout(self.perspective_box)
        self.perspective_names: dict[str, QLabel] = {}
        self.perspective_values: dict[str, QLabel] = {}
        for row, part in enumerate(PERSPECTIVE_PARTS):
            name, value = Label(self.perspective_box), Label(self.perspective_box)
            self.perspective_names[part] = name
            self.perspective_values[part] = value
            grid.addWidget(name, row, 0)
            grid.addWidget(value, row, 1)
        grid.setColumnStretch(1, 1)
        # timeline
        self.timeline_box = QGroupBox(self)
        self.kind_filter = QComboBox(self.timeline_box)
        self.kind_filter.addItem("", None)
        for kind in TIMELINE_KINDS:
            self.kind_filter.addItem(kind, kind)
        self.marking_filter = QComboBox(self.timeline_box)
        self.marking_filter.setObjectName("timelineMarkingFilter")
        for marking in (None, CARER_ONLY, SHAREABLE):
            self.marking_filter.addItem("", marking)
        self.marking_texts = MarkingTexts(self)
        self.timeline = QTreeWidget(self.timeline_box)
        self.timeline.setRootIsDecorated(False)
        self.timeline.setColumnCount(5)
        self.timeline.setUniformRowHeights(True)
        fit_rows(self.timeline)
        self.timeline.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.timeline.header().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.timeline.header().setStretchLastSection(False)
        self.timeline_empty = Muted(self.timeline_box)
        filter_row = QHBoxLayout()
        self.kind_label = QLabel(self.timeline_box)
        self.kind_label.setBuddy(self.kind_filter)
        filter_row.addWidget(self.kind_label)
        filter_row.addWidget(self.kind_filter)
        filter_row.addWidget(self.marking_filter)
        filter_row.addStretch(1)
        # --- printing (ui/printing): print the selected timeline entry (button and context menu)
        self.print_entry_button = QPushButton(self.timeline_box)
        self.print_entry_action = QAction(self.timeline)
        self.timeline.addAction(self.print_entry_action)
        self.timeline.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.print_entry_button.clicked.connect(self.print_selected_entry)
        self.print_entry_action.triggered.connect(self.print_selected_entry)
        self.timeline.itemSelectionChanged.connect(self._update_print_entry)
        filter_row.addWidget(self.print_entry_button)
        # --- end printing
        tl_layout = QVBoxLayout(self.timeline_box)
        tl_layout.addLayout(filter_row)
        tl_layout.addWidget(self.timeline, 1)
        tl_layout.addWidget(self.timeline_empty, 1)
        self.timeline_empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)

        # connect
        self.edit_button.clicked.connect(lambda: self.navigate.emit("carer_edit", self.carer_id))
        self.conversation_button.clicked.connect(lambda: self.run_action("conversation"))
        self.plan_button.clicked.connect(lambda: self.run_action("plan"))
        self.checkin_button.clicked.connect(lambda: self.run_action("checkin"))
        self.short_term_button.clicked.connect(lambda: self.run_action("korttid"))
        self.timeline.itemActivated.connect(self._entry_activated)
        self.relations_list.itemActivated.connect(self._other_carer_activated)
        self.print_button.clicked.connect(lambda: self.run_action("print"))
        self.case_button.clicked.connect(lambda: self.run_action("case"))
        self.history_button.clicked.connect(lambda: self.run_action("history"))
        self.extract_button.clicked.connect(lambda: self.run_action("extract"))
        self.end_relation_button.clicked.connect(lambda: self.run_action("end_relation"))
        self.relations_list.itemSelectionChanged.connect(self._update_relation_button)
        self.share_unit_button.clicked.connect(self.share_with_unit)
        self.kind_filter.currentIndexChanged.connect(lambda _i: self._fill_timeline())
        self.marking_filter.currentIndexChanged.connect(lambda _i: self._fill_timeline())

        # assemble
        actions = QHBoxLayout()
        for button in (self.conversation_button, self.plan_button, self.checkin_button,
                       self.short_term_button, self.print_button):
            actions.addWidget(button)
        actions.addStretch(1)
        actions.addWidget(self.extract_button)
        actions.addWidget(self.history_button)
        actions.addWidget(self.case_button)
        actions.addWidget(self.share_unit_button)
        actions.addWidget(self.edit_button)
        head = QVBoxLayout()
        head.addWidget(self.heading)
        head.addWidget(self.badges)
        head.addWidget(self.shared_note)
        left = QVBoxLayout()
        left.addWidget(self.profile_box)
        left.addWidget(self.relations_box)
        left.addWidget(self.consent_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.perspective_box)
        right.addWidget(self.timeline_box, 1)
        self.right_column = right
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addLayout(head)
        layout.addLayout(actions)
        layout.addWidget(self.sync_notices)
        layout.addWidget(self.error)
        layout.addLayout(columns, 1)
        self.retranslate()

    # ---------------------------------------------------------------- texts
    def page_title(self) -> str:
        return self.tr("Carer")

    def retranslate(self) -> None:
        lab = labels()
        self.edit_button.setText(self.tr("&Edit…"))
        self.share_unit_button.setText(self.tr("Share &with unit…"))
        self.conversation_button.setText(self.tr("New &conversation"))
        self.plan_button.setText(self.tr("Start support &plan"))
        self.checkin_button.setText(self.tr("Voluntariness check-&in"))
        self.short_term_button.setText(self.tr("Short-term &stay"))
        self.print_button.setText(self.tr("P&rint…"))
        self.history_button.setText(self.tr("&History…"))
        self.extract_button.setText(self.tr("Register e&xtract…"))
        self.extract_button.setToolTip(self.tr("Everything stored about the carer, for the carer (GDPR art. 15)"))
        self.history_button.setToolTip(self.tr("Every change of the details, with who and when"))
        self.shared_note.setText(self.tr(
            "The carer has consented to sharing with your unit: you see the carer's name, birth year "
            "and language and the entries marked shareable. The rest of the record stays with the "
            "carer's own unit."))
        self._update_case_button()
        for key, text in {
            "personnummer": self.tr("Personal identity number:"),
            "phone": self.tr("Phone:"),
            "email": self.tr("E-mail:"),
            "address": self.tr("Address:"),
            "language": self.tr("Preferred language:"),
            "hours": self.tr("Hours of care per week:"),
            "contact": self.tr("Support contact:"),
        }.items():
            self.profile_labels[key].setText(text)
        self.profile_box.setTitle(self.tr("Details"))
        self.relations_box.setTitle(self.tr("Cares for"))
        self.relations_list.setAccessibleName(self.tr("Cared-for persons"))
        self.relations_empty.setText(self.tr("No cared-for person linked yet."))
        self._update_relation_button()
        self.consent_box.setTitle(self.tr("Consent"))
        self.consent_list.setAccessibleName(self.tr("Consents"))
        self.consent_empty.setText(self.tr("No consent recorded yet. Ask the carer and record it under Edit."))
        self.perspective_box.setTitle(self.tr("The carer perspective"))
        for part, label in self.perspective_names.items():
            label.setText(lab.perspective(part))
        # In a tab, the tab names the timeline (the box then has no title of its own).
        self.timeline_box.setTitle(self.tr("Timeline") if self.tabs is None else "")
        if self.tabs is not None:
            self.tabs.setTabText(0, self.tr("Timeline"))
        self.kind_label.setText(self.tr("&Show:"))
        self.kind_filter.setAccessibleName(self.tr("Which entries to show"))
        self.kind_filter.setItemText(0, self.tr("Everything"))
        for i in range(1, self.kind_filter.count()):
            self.kind_filter.setItemText(i, lab.entry_kind(self.kind_filter.itemData(i)))
        self.marking_filter.setAccessibleName(self.tr("Which confidentiality marking to show"))
        for i, text in enumerate((self.tr("Any marking"), self.marking_texts.short(CARER_ONLY),
                                  self.marking_texts.short(SHAREABLE))):
            self.marking_filter.setItemText(i, text)
        self.timeline.setHeaderLabels([self.tr("Date"), self.tr("What"), self.tr("Summary"), self.tr("By"),
                                       self.tr("Marking")])
        self.timeline.setAccessibleName(self.tr("Timeline of entries"))
        self.timeline_empty.setText(self.tr("Nothing recorded yet."))
        self.print_entry_button.setText(self.tr("Print en&try…"))
        self.print_entry_button.setAccessibleName(self.tr("Print the selected entry"))
        self.print_entry_action.setText(self.tr("Print…"))
        self._update_print_entry()
        self._show()

    # -------------------------------------------------------------- loading
    def on_shown(self, argument: object = None) -> None:
        if isinstance(argument, str) and argument:
            if argument != self.carer_id:
                self.carer = {}
                self.entries = []
                self._show()
            self.carer_id = argument
        self.carer_opened.emit(self.carer_id)
        self.reload()

    def reload(self) -> None:
        if self.carer_id is None or self.workspace is None:
            return
        repo, actor, carer_id = self.workspace.repository, self.workspace.actor, self.carer_id
        session = self.workspace

        def work(_ctx: TaskContext) -> tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[Any]]:
            from anhorigdesk.store import NotFound
            from anhorigdesk.sync.attention import issues

            try:
                carer = repo.get_carer(actor, carer_id)
            except NotFound:
                # a carer shared with this unit (part F): its shared entries and its card only
                card = session.carer_card(carer_id)
                if card is None:
                    raise
                return (card.as_carer(), repo.timeline(actor, carer_id), repo.staff(), [])
            # the other carers of the same cared-for persons, told apart like in every list
            others = repo.co_carers(carer_id)
            hints = repo.carer_hints([o["id"] for o in others])
            carer["co_carers"] = [{**o, "hint": hints.get(o["id"])} for o in others]
            return (carer, repo.timeline(actor, carer_id), repo.staff(),
                    issues(repo, actor, carer_id=carer_id))

        task = self.ctx.runner.submit(work, name="load_carer_page")
        task.finished.connect(lambda result, cid=carer_id: self._loaded(cid, result))
        task.failed.connect(lambda exc: self.error.setText(user_message(exc)))

    def _loaded(self, carer_id: str,
                result: tuple[dict[str, Any], list[dict[str, Any]], list[dict[str, Any]], list[Any]]) -> None:
        if carer_id != self.carer_id:
            return
        self.carer, self.entries, staff, self.issues = result
        if self.workspace is not None:
            self.workspace.staff = staff  # the carer editor's support-contact list
        self.error.clear()
        self._show()

    # ---------------------------------------------------------- sync notices
    def _show_notices(self) -> None:
        """A notice per record of this carer that needs a decision after sync."""
        from anhorigdesk.ui.sync.notices import DeletedNotice, field_label, record_label

        for notice in self.notices:
            notice.setParent(None)
            notice.deleteLater()
        self.notices = []
        issues = [i for i in self.issues if i.carer_id == self.carer_id] if self.carer else []
        for issue in issues:
            if issue.deleted is not None:
                notice = DeletedNotice(issue, self.sync_notices, name_record=issue.entity != "carer")
                notice.keep_requested.connect(self._keep_record)
                notice.delete_requested.connect(self._delete_record)
                self.sync_notices_layout.addWidget(notice)
                self.notices.append(notice)
            if issue.conflicts:
                row = QFrame(self.sync_notices)
                row.setObjectName("conflictNotice")
                row.setFrameShape(QFrame.Shape.StyledPanel)
                line = QHBoxLayout(row)
                fields = ", ".join(field_label(name) for name in sorted(issue.conflicts))
                text = QLabel(self.tr("%1: the text “%2” was changed on two computers at once; both versions "
                                      "are kept.").replace("%1", record_label(issue)).replace("%2", fields), row)
                text.setWordWrap(True)
                button = QPushButton(self.tr("Choose a &version…"), row)
                button.setObjectName("chooseVersion")
                button.clicked.connect(lambda _c=False, key=issue.key: self.navigate.emit("sync", {"record": key}))
                line.addWidget(text, 1)
                line.addWidget(button)
                self.sync_notices_layout.addWidget(row)
                self.notices.append(row)
        self.sync_notices.setVisible(bool(self.notices))

    def _decide(self, what: str, entity: str, entity_id: str) -> None:
        """Keep a record a colleague deleted, or delete it after all (through the sync
        controller when there is one, so the Sync screen and the schedule follow)."""
        controller = self.ctx.sync
        if controller is not None:
            task = getattr(controller, what)(entity, entity_id)
        else:
            from anhorigdesk.sync import attention

            repo, actor = self.workspace.repository, self.workspace.actor
            call = attention.keep_edited if what == "keep_edited" else attention.delete_after_all
            task = self.ctx.runner.submit(lambda _ctx: call(repo, actor, entity, entity_id), name=f"sync_{what}")
        task.finished.connect(lambda _r: self._decided(what, entity, entity_id))
        task.failed.connect(lambda exc: self.error.setText(user_message(exc)))

    def share_with_unit(self) -> None:
        """"Dela med enhet…": the units are read, the dialog asks, the consent is written (the
        reads and the write on a worker)."""
        if self.carer_id is None:
            return
        workspace, carer_id = self.workspace, self.carer_id
        task = self.ctx.runner.submit(lambda _ctx: workspace.other_units(), name="share_units")
        task.finished.connect(lambda units: self._ask_share(carer_id, units))
        task.failed.connect(lambda exc: self.error.setText(user_message(exc)))

    def _ask_share(self, carer_id: str, units: list[dict[str, Any]]) -> None:
        from anhorigdesk.ui.pages.share_unit import ShareWithUnitDialog

        self.share_dialog = ShareWithUnitDialog(units, self)
        if self.share_dialog.exec() != ShareWithUnitDialog.DialogCode.Accepted:
            return
        unit_id, how = self.share_dialog.choice()
        workspace = self.workspace
        task = self.ctx.runner.submit(lambda _ctx: workspace.share_with_unit(carer_id, unit_id, how),
                                      name="share_with_unit")
        task.finished.connect(lambda _r: self.reload())
        task.failed.connect(lambda exc: self.error.setText(user_message(exc)))

    def _keep_record(self, entity: str, entity_id: str) -> None:
        self._decide("keep_edited", entity, entity_id)

    def _delete_record(self, entity: str, entity_id: str) -> None:
        self._decide("delete_after_all", entity, entity_id)

    def _decided(self, what: str, entity: str, entity_id: str) -> None:
        self.data_changed.emit()
        if what == "delete_after_all" and entity == "carer" and entity_id == self.carer_id:
            self.status_message.emit(self.tr("Deleted. It is deleted on the other computers at the next sync."))
            self.carer_id, self.carer, self.entries, self.issues = None, {}, [], []
            self._show()
            self.navigate.emit("carers", None)
            return
        self.status_message.emit(self.tr("Kept. The notice goes away on the other computers at the next sync.")
                                 if what == "keep_edited" else
                                 self.tr("Deleted. It is deleted on the other computers at the next sync."))
        self.reload()

    def _show(self) -> None:
        lab = labels()
        carer = self.carer
        self.heading.setText(carer.get("name") or "")
        badges = []
        if carer.get("is_child"):
            badges.append(self.tr("Child carer"))
        if carer.get("status") == "ended":
            badges.append(self.tr("Ended"))
        protected = bool(carer.get("protected_identity"))
        if protected:  # skyddade personuppgifter (#15): never listed, printed or shared
            badges.append(self.tr("Protected identity"))
        shared = bool(carer.get("shared_card"))
        if shared:  # the carer's card (part F): shared with this unit by the carer's consent
            badges.append(self.tr("Shared with your unit"))
            if carer.get("birth_year"):
                badges.append(self.tr("born %1").replace("%1", str(carer["birth_year"])))
        self.share_unit_button.setEnabled(not protected)
        self.share_unit_button.setToolTip(
            self.tr("A carer with a protected identity is not shared with other units") if protected else "")
        self._update_case_button()
        self.badges.setText(" · ".join(badges))
        self.badges.setVisible(bool(badges))
        staff = {s["id"]: s["name"] for s in (self.workspace.staff if self.workspace else [])}
        values = {
            "personnummer": carer.get("personnummer") or "–",
            "phone": carer.get("phone") or "–",
            "email": carer.get("email") or "–",
            "address": carer.get("address") or "–",
            "language": lab.language(carer["preferred_language"]) if carer.get("preferred_language") else "–",
            "hours": f"{carer['hours_per_week']:g}" if carer.get("hours_per_week") else "–",
            "contact": staff.get(carer.get("support_contact_id") or "", "–"),
        }
        for key, value in values.items():
            self.profile_values[key].setText(value)
        self.relations_list.clear()
        co_carers = carer.get("co_carers") or []
        for rel in carer.get("relations") or []:
            year = rel.get("birth_year")
            text = f"{rel.get('cared_for_name') or ''}{f' ({year})' if year else ''} · {lab.relation(rel.get('kind') or '')}"
            if rel.get("ended_at"):
                text += " · " + self.tr("ended %1").replace("%1", rel["ended_at"])
            relation_item = QListWidgetItem(text)
            relation_item.setData(RELATION_ROLE, rel.get("id"))
            self.relations_list.addItem(relation_item)
            # someone else caring for the same person: which one (open them from here)
            for other in co_carers:
                if other.get("cared_for_id") != rel.get("cared_for_id"):
                    continue
                text = self.tr("also a carer: %1").replace("%1", lab.carer_with_hint(other["name"], other.get("hint")))
                item = QListWidgetItem("    " + text)
                item.setToolTip(text)
                item.setData(Qt.ItemDataRole.UserRole, other["id"])
                self.relations_list.addItem(item)
        self.relations_list.setVisible(self.relations_list.count() > 0)
        self.relations_empty.setVisible(self.relations_list.count() == 0)
        self.consent_list.clear()
        for consent in carer.get("consents") or []:
            text = f"{lab.consent_scope(consent['scope'])} · {lab.consent_how(consent['given_how'])} {consent['given_at']}"
            if consent.get("withdrawn_at"):
                text += " · " + self.tr("withdrawn %1").replace("%1", consent["withdrawn_at"])
            self.consent_list.addItem(text)
        self.consent_list.setVisible(self.consent_list.count() > 0)
        self.consent_empty.setVisible(self.consent_list.count() == 0)
        summary = perspective_summary([e for e in self.entries if e.get("kind") == "samtal"])
        for part, (count, last) in summary.items():
            self.perspective_values[part].setText(
                self.tr("%n conversation(s), latest %1", "", count).replace("%1", last) if count
                else self.tr("Not touched on yet")
            )
        self._fill_timeline()
        self._show_notices()
        self._show_shared_mode(shared)

    def _show_shared_mode(self, shared: bool) -> None:
        """A carer shared with this unit (only its card and shared entries are here): the
        page reads, it offers nothing that writes to the carer's record."""
        for widget in (self.edit_button, self.conversation_button, self.plan_button,
                       self.checkin_button, self.short_term_button, self.print_button,
                       self.case_button, self.history_button, self.extract_button,
                       self.share_unit_button, self.relations_box, self.consent_box):
            widget.setVisible(not shared)
        self.shared_note.setVisible(shared)

    def _fill_timeline(self) -> None:
        lab = labels()
        wanted = self.kind_filter.currentData()
        wanted_marking = self.marking_filter.currentData()
        texts = self.marking_texts
        self.timeline.clear()
        items = []
        registry, language = self.workspace.forms if self.workspace else None, current_language()
        # newest first by the date shown (a stay stands at the day it began)
        entries = sorted(self.entries, key=timeline_day, reverse=True)
        corrected = corrections_of(self.entries)  # life cycle: which entries a correction replaced
        for entry in entries:
            if wanted and entry.get("kind") != wanted:
                continue
            marking = entry.get("confidentiality") or CARER_ONLY
            if wanted_marking and marking != wanted_marking:
                continue
            summary = entry_summary(entry, registry, language)
            correction = corrected.get(entry.get("id") or "")
            if correction is not None:
                summary = self.tr("[corrected %1 by %2]").replace("%1", local_date(correction.at)).replace(
                    "%2", correction.by_name or "–") + " " + summary
            elif entry.get("supersedes"):
                summary = self.tr("[correction]") + " " + summary
            item = QTreeWidgetItem([
                timeline_day(entry),
                lab.entry_kind(entry.get("kind") or ""),
                summary,
                entry.get("author_name") or "",
                texts.short(marking),
            ])
            item.setToolTip(2, item.text(2))  # the whole line when the column cuts it
            item.setToolTip(4, texts.long(marking))
            item.setData(0, Qt.ItemDataRole.UserRole, entry.get("id"))
            items.append(item)
        self.timeline.addTopLevelItems(items)
        for column in (0, 1, 3, 4):
            self.timeline.resizeColumnToContents(column)
        self.timeline.setVisible(bool(items))
        self.timeline_empty.setVisible(not items)

    def add_panel(self, panel: QWidget, summary: QWidget | None = None) -> QTabWidget:
        """Give a panel (e.g. check-ins) a tab beside the timeline, and its one-line
        ``summary`` a place above the tabs. Returns the tabs (the panel names its tab)."""
        if self.tabs is None:
            index = self.right_column.indexOf(self.timeline_box)
            self.right_column.removeWidget(self.timeline_box)
            self.tabs = QTabWidget(self)
            self.tabs.setObjectName("carerTabs")
            self.tabs.addTab(self.timeline_box, self.tr("Timeline"))
            self.timeline_box.setTitle("")
            self.right_column.insertWidget(index, self.tabs, 1)
        if summary is not None:
            self.right_column.insertWidget(self.right_column.indexOf(self.tabs), summary)
        self.tabs.addTab(panel, "")
        return self.tabs

    def _other_carer_activated(self, item: QListWidgetItem) -> None:
        carer_id = item.data(Qt.ItemDataRole.UserRole)
        if carer_id and carer_id != self.carer_id:
            self.navigate.emit("carer", carer_id)

    def _entry_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        entry_id = item.data(0, Qt.ItemDataRole.UserRole)
        entry = next((e for e in self.entries if e.get("id") == entry_id), None)
        if entry is not None:
            self.entry_activated.emit(entry)

    # -------------------------------------------------------------- actions
    def run_action(self, what: str) -> None:
        if self.carer_id is None:
            return
        if what in FORM_OF_ACTION:
            self.navigate.emit("entry", {"carer_id": self.carer_id, "kind": FORM_OF_ACTION[what],
                                         "carer_name": self.carer.get("name") or ""})
        elif what in ("case", "end_relation"):  # life cycle (ui/lifecycle)
            self._case_action(what)
        elif what == "history":
            self.show_history()
        elif what == "extract":
            self.open_extract()
        elif what == "print_entry":  # printing (ui/printing): the selected timeline entry
            self.print_selected_entry()
        elif what == "print" and self.carer_id is not None:
            printer = self.ctx.print_carer  # ui/printing: preview, printer, PDF
            if printer is not None:
                printer(self, self.carer_id)

    # --- life cycle (ui/lifecycle): close/reopen the case, end a relation
    def _update_case_button(self) -> None:
        ended = self.carer.get("status") == "ended"
        self.case_button.setText(self.tr("Reopen the s&upport…") if ended else self.tr("Close the s&upport…"))
        self.case_button.setEnabled(bool(self.carer))

    def selected_relation(self) -> dict[str, Any] | None:
        item = self.relations_list.currentItem()
        relation_id = item.data(RELATION_ROLE) if item is not None and item.isSelected() else None
        return next((r for r in self.carer.get("relations") or [] if r.get("id") == relation_id), None)

    def _update_relation_button(self) -> None:
        relation = self.selected_relation()
        ended = bool(relation and relation.get("ended_at"))
        self.end_relation_button.setText(self.tr("Undo the end of the relation") if ended
                                         else self.tr("End the re&lation…"))
        self.end_relation_button.setEnabled(relation is not None)

    def _case_action(self, what: str) -> None:
        from anhorigdesk.ui.lifecycle.case_dialog import CLOSE, END_RELATION, REOPEN, CaseDialog

        workspace, carer_id = self.workspace, self.carer_id
        if workspace is None or carer_id is None:
            return
        relation = self.selected_relation() if what == "end_relation" else None
        if what == "end_relation" and relation is None:
            return
        if relation is not None and relation.get("ended_at"):
            self._run_case(lambda: workspace.reopen_relation(carer_id, relation["id"]),
                           self.tr("The relation is open again."))
            return
        kind = END_RELATION if relation is not None else REOPEN if self.carer.get("status") == "ended" else CLOSE
        dialog = CaseDialog(kind, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)

        def accepted() -> None:
            reason, note = dialog.values()
            if kind == CLOSE:
                self._run_case(lambda: workspace.close_case(carer_id, reason or "other", note),
                               self.tr("The support is closed. The record stays readable."))
            elif kind == REOPEN:
                self._run_case(lambda: workspace.reopen_case(carer_id, note),
                               self.tr("The support is open again."))
            else:
                self._run_case(lambda: workspace.end_relation(carer_id, relation["id"], reason or "other"),
                               self.tr("The relation is ended."))

        dialog.accepted.connect(accepted)
        self.case_dialog = dialog
        dialog.open()

    def show_history(self) -> None:
        """The record's history (every correction of the details: old, new, who, when)."""
        workspace, carer_id = self.workspace, self.carer_id
        if workspace is None or carer_id is None:
            return
        task = self.ctx.runner.submit(lambda _ctx: workspace.carer_changes(carer_id), name="carer_history")
        task.finished.connect(lambda changes, cid=carer_id: self._show_history(cid, changes))
        task.failed.connect(lambda exc: self.error.setText(user_message(exc)))

    def _show_history(self, carer_id: str, changes: list[Any]) -> None:
        from anhorigdesk.ui.lifecycle.history_dialog import HistoryDialog

        if carer_id != self.carer_id:
            return
        staff = {s["id"]: s["name"] for s in (self.workspace.staff if self.workspace else [])}
        names = {key: label.text().rstrip(":") for key, label in self.profile_labels.items()}
        names.update({"name": self.tr("Name"), "preferred_language": names.get("language", ""),
                      "hours_per_week": names.get("hours", ""), "support_contact_id": names.get("contact", ""),
                      "status": self.tr("Status")})
        dialog = HistoryDialog(changes, staff, names, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.history_dialog = dialog
        dialog.open()

    def open_extract(self) -> None:
        """"Registerutdrag": the review dialog (ui/lifecycle/extract_dialog.py)."""
        from anhorigdesk.ui.lifecycle.extract_dialog import ExtractDialog

        if self.carer_id is None or self.workspace is None:
            return
        dialog = ExtractDialog(self.ctx, self.carer_id, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.status_message.emit(
            self.tr("The register extract is saved (PDF and JSON).")))
        self.extract_dialog = dialog
        dialog.open()
        dialog.produce()

    def _run_case(self, work: Any, done: str) -> None:
        task = self.ctx.runner.submit(lambda _ctx: work(), name="case_lifecycle")
        task.finished.connect(lambda _r: (self.status_message.emit(done), self.reload()))
        task.failed.connect(lambda exc: self.error.setText(user_message(exc)))

    # --- printing (ui/printing)
    def selected_entry(self) -> dict[str, Any] | None:
        item = self.timeline.currentItem()
        if item is None or not item.isSelected():
            return None
        entry_id = item.data(0, Qt.ItemDataRole.UserRole)
        return next((e for e in self.entries if e.get("id") == entry_id), None)

    def _update_print_entry(self) -> None:
        entry = self.selected_entry()
        printable = entry is not None and bool(entry.get("form_id")) and entry.get("kind") != "handout"
        self.print_entry_button.setEnabled(printable)
        self.print_entry_action.setEnabled(printable)

    def print_selected_entry(self) -> None:
        entry = self.selected_entry()
        printer = self.ctx.print_entry
        if entry is None or self.carer_id is None:
            return
        if printer is None:
            self.status_message.emit(self.tr("Printing is not installed in this version."))
        else:
            printer(self, self.carer_id, entry["id"])
    # --- end printing

    def set_form_actions_available(self, kinds: set[str]) -> None:
        """Which entry kinds have an editor (samtal always; the others need the forms)."""
        self.plan_button.setEnabled("stodplan" in kinds)
        self.checkin_button.setEnabled("frivillighet" in kinds)
        self.short_term_button.setEnabled("korttid" in kinds)
        if self.entries:
            self._fill_timeline()  # the forms are in: stays and answers get their labels
