"""The carer page's check-in panel: what is due next, open follow-ups, how voluntariness and
burden changed (chart and list), the decisions about the check-ins (pause, decline, close,
reopen, each with its reason), and the carer's unfinished drafts offered back."""

from __future__ import annotations

from typing import Any

from anhorigdesk.i18n import current_language
from anhorigdesk.scheduling import DueKind, ScheduleStatus, SettingKind, ended_because_text
from anhorigdesk.scheduling.from_forms import rules_from_registry
from anhorigdesk.scheduling.storage import record_setting
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.qt import (
    QEvent,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    Qt,
    QTabWidget,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.scheduling.chart import CheckinChart
from anhorigdesk.ui.scheduling.service import app_clock, shared_registry
from anhorigdesk.ui.scheduling.setting_dialog import SettingDialog
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.widgets import ErrorLabel, Muted
from anhorigdesk.workspace.agenda import CarerAgenda

MAX_DRAFT_BUTTONS = 3


class CarerSchedulePanel(QWidget):
    """Loaded with :meth:`load` (off the GUI thread). ``open_requested(page, argument)`` asks
    the window to open a follow-up, a form or a draft; ``changed()`` after a decision."""

    open_requested = Signal(str, object)
    changed = Signal()
    data_changed = Signal()  # the store changed (the window's pending count follows)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.carer_id: str | None = None
        self.agenda: CarerAgenda | None = None
        self.drafts: list[dict[str, Any]] = []
        self.dialog: SettingDialog | None = None
        self.tabs: QTabWidget | None = None
        self.setObjectName("carerSchedulePanel")
        #: for above the tabs: the next check-in, the state of the check-ins and the
        #: carer's unfinished drafts, offered back (seen as soon as the carer opens)
        self.header = QWidget()
        self.header.setObjectName("carerScheduleHeader")
        self.summary = QLabel(self.header)
        self.summary.setWordWrap(True)
        # create
        self.drafts_label = QLabel(self.header)
        self.draft_buttons = [QPushButton(self.header) for _ in range(MAX_DRAFT_BUTTONS)]
        self.next_due = QLabel(self)
        self.next_due.setWordWrap(True)
        self.status = Muted(self)
        self.tasks_label = QLabel(self)
        self.tasks = QListWidget(self)
        self.history_label = QLabel(self)
        self.history = QListWidget(self)
        for lst in (self.tasks, self.history):
            lst.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            lst.setWordWrap(True)
        self.chart = CheckinChart(self)
        self.error = ErrorLabel(self)
        self.buttons = {kind: QPushButton(self) for kind in SettingKind}
        # connect
        for i, button in enumerate(self.draft_buttons):
            button.clicked.connect(lambda _c=False, i=i: self._open_draft(i))
        self.tasks.itemClicked.connect(self._open_task)
        self.tasks.itemActivated.connect(self._open_task)
        for kind, button in self.buttons.items():
            button.clicked.connect(lambda _c=False, k=kind: self.ask(k))
        # assemble
        drafts = QHBoxLayout()
        drafts.addWidget(self.drafts_label)
        for button in self.draft_buttons:
            drafts.addWidget(button)
        drafts.addStretch(1)
        decisions = QHBoxLayout()
        for button in self.buttons.values():
            decisions.addWidget(button)
        decisions.addStretch(1)
        lists = QVBoxLayout()
        lists.addWidget(self.tasks_label)
        lists.addWidget(self.tasks, 1)
        lists.addWidget(self.history_label)
        lists.addWidget(self.history, 1)
        middle = QHBoxLayout()
        middle.addWidget(self.chart, 3)
        middle.addLayout(lists, 2)
        header = QVBoxLayout(self.header)
        header.setContentsMargins(0, 0, 0, 0)
        header.addWidget(self.summary)
        header.addLayout(drafts)
        layout = QVBoxLayout(self)
        layout.addWidget(self.next_due)
        layout.addWidget(self.status)
        layout.addLayout(middle, 1)
        layout.addWidget(self.error)
        layout.addLayout(decisions)
        self.retranslate()
        self._show()

    # ------------------------------------------------------------------ texts
    def place_in(self, tabs: QTabWidget) -> None:
        """The tabs this panel is a tab of (it names its tab, with the open follow-ups)."""
        self.tabs = tabs
        self._name_tab()

    def _name_tab(self) -> None:
        if self.tabs is None or self.tabs.indexOf(self) < 0:
            return
        count = len(self.agenda.open_tasks) if self.agenda is not None else 0
        title = self.tr("Check-ins and follow-ups")
        if count:
            title += f" ({count})"
        self.tabs.setTabText(self.tabs.indexOf(self), title)

    def retranslate(self) -> None:
        self.drafts_label.setText(self.tr("Unfinished:"))
        self.tasks_label.setText(self.tr("Open follow-ups"))
        self.history_label.setText(self.tr("Check-ins"))
        self.tasks.setAccessibleName(self.tr("Open follow-ups"))
        self.history.setAccessibleName(self.tr("Check-in history"))
        texts = {
            SettingKind.PAUSE: (self.tr("&Pause…"), self.tr("Pause check-ins until a date")),
            SettingKind.DECLINE: (self.tr("D&eclined…"), self.tr("The carer declines check-ins")),
            SettingKind.CLOSE: (self.tr("C&lose…"), self.tr("The caring has ended")),
            SettingKind.REOPEN: (self.tr("Re&open…"), self.tr("Start check-ins again")),
        }
        for kind, (text, tip) in texts.items():
            self.buttons[kind].setText(text)
            self.buttons[kind].setToolTip(tip)
            self.buttons[kind].setAccessibleName(tip)
        self.chart.retranslate()
        self._show()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def kind_text(self, kind: DueKind) -> str:
        return {DueKind.CHECKIN: self.tr("Check-in"), DueKind.PLAN_REVIEW: self.tr("Plan review"),
                DueKind.FOLLOW_UP: self.tr("Follow-up")}[kind]

    def choice_text(self, value: str | None) -> str:
        return {"yes": self.tr("own choice"), "unsure": self.tr("not sure"),
                "no": self.tr("not own choice")}.get(value or "", "–")

    # ------------------------------------------------------------------ loading
    def load(self, carer_id: str | None) -> None:
        if carer_id != self.carer_id:
            self.agenda = None
            self.drafts = []
            self._show()
        self.carer_id = carer_id
        session = self.ctx.workspace
        registry = shared_registry(self.ctx)
        if carer_id is None or session is None or session.repository is None or registry is None:
            return

        def work(_ctx: TaskContext) -> tuple[CarerAgenda, list[dict[str, Any]]]:
            return session.carer_agenda(carer_id, registry), session.carer_drafts(carer_id)

        task = self.ctx.runner.submit(work, name="load_carer_agenda")
        task.finished.connect(lambda result, cid=carer_id: self._loaded(cid, result))
        task.failed.connect(lambda exc: self.error.setText(user_message(exc)))

    def _loaded(self, carer_id: str, result: tuple[CarerAgenda, list[dict[str, Any]]]) -> None:
        if carer_id != self.carer_id:
            return
        self.agenda, self.drafts = result
        self.error.clear()
        self._show()

    def _show(self) -> None:
        lang = current_language()
        registry = shared_registry(self.ctx)
        # drafts offered back
        known = [d for d in self.drafts if registry is not None and d.get("form_id") in registry]
        self.drafts_label.setVisible(bool(known))
        for i, button in enumerate(self.draft_buttons):
            if i < len(known):
                draft = known[i]
                title = registry.current(draft["form_id"]).title.get(lang)
                when = (draft.get("updated_at") or "")[:10]
                button.setText(self.tr("Continue: %1 (%2)").replace("%1", title).replace("%2", when))
                button.setAccessibleName(button.text())
                button.show()
            else:
                button.hide()
        agenda = self.agenda
        self._name_tab()
        if agenda is None:
            self.summary.setText("")
            self.next_due.setText(self.tr("Loading…") if self.carer_id else "")
            self.status.setText("")
            self.tasks.clear()
            self.history.clear()
            self.chart.set_points([])
            self._sync_lists()
            for button in self.buttons.values():
                button.setEnabled(False)
            return
        schedule = agenda.schedule
        checkin = schedule.next_checkin  # the same the printed check-in summary proposes
        review = next((i for i in schedule.items if i.kind is DueKind.PLAN_REVIEW), None)
        lines = []
        if checkin is not None:
            lines.append(self.tr("Next check-in: %1 — %2").replace("%1", checkin.due_on.isoformat())
                         .replace("%2", checkin.reason.get(lang)))
        if review is not None:
            lines.append(self.tr("Plan review: %1 — %2").replace("%1", review.due_on.isoformat())
                         .replace("%2", review.reason.get(lang)))
        if not lines:
            lines.append(self.tr("No check-in is scheduled."))
        # The next check-in stands above the tabs; the tab adds the plan review.
        self.summary.setText(lines[0] + " · " + self._status_text(agenda)
                             if schedule.status is not ScheduleStatus.ACTIVE else lines[0])
        self.next_due.setText("\n".join(lines[1:]))
        self.next_due.setVisible(len(lines) > 1)
        self.status.setText(self._status_text(agenda))
        # open follow-ups
        self.tasks.clear()
        rules = rules_from_registry(registry) if registry is not None else None
        for task in agenda.open_tasks:
            label = rules.flag_action(task.form_id, task.flag_id).label.get(lang) if rules else task.flag_id
            item = QListWidgetItem(self.tr("%1 — due %2").replace("%1", label).replace(
                "%2", task.due_on.isoformat()), self.tasks)
            item.setData(Qt.ItemDataRole.UserRole, task.id)
            item.setToolTip(item.text())
        # check-ins
        self.chart.set_points(agenda.checkins)
        self.history.clear()
        for point in reversed(agenda.checkins):
            burden = str(point.burden) if point.burden is not None else "–"
            self.history.addItem(f"{point.day.isoformat()} · {self.choice_text(point.own_choice)} · "
                                 + self.tr("burden %1 of 5").replace("%1", burden))
        self._sync_lists()
        status = schedule.status
        self.buttons[SettingKind.PAUSE].setEnabled(status is ScheduleStatus.ACTIVE)
        self.buttons[SettingKind.DECLINE].setEnabled(status in (ScheduleStatus.ACTIVE, ScheduleStatus.PAUSED))
        self.buttons[SettingKind.CLOSE].setEnabled(status is not ScheduleStatus.CLOSED)
        self.buttons[SettingKind.REOPEN].setEnabled(status is not ScheduleStatus.ACTIVE)

    def _status_text(self, agenda: CarerAgenda) -> str:
        status = agenda.schedule.status
        settings = agenda.settings
        current = settings[-1] if settings else None
        if status is ScheduleStatus.ACTIVE or current is None:
            return self.tr("Check-ins are active.")
        when = current.at.date().isoformat()
        if status is ScheduleStatus.PAUSED:
            text = self.tr("Paused %1 until %2").replace("%1", when).replace(
                "%2", current.until.isoformat() if current.until else "–")
        elif status is ScheduleStatus.DECLINED:
            text = self.tr("Declined %1").replace("%1", when)
        else:
            because = ended_because_text(current.ended_because).get(current_language()) \
                if current.ended_because else ""
            text = self.tr("Closed %1: %2").replace("%1", when).replace("%2", because)
        if current.reason:
            text += " — " + current.reason
        return text

    def _sync_lists(self) -> None:
        has_tasks = self.tasks.count() > 0
        self.tasks.setVisible(has_tasks)
        self.tasks_label.setVisible(has_tasks)
        self.history.setVisible(self.history.count() > 0)
        self.history_label.setVisible(self.history.count() > 0)

    # ------------------------------------------------------------------ actions
    def _open_draft(self, index: int) -> None:
        registry = shared_registry(self.ctx)
        known = [d for d in self.drafts if registry is not None and d.get("form_id") in registry]
        if index < len(known):
            self.open_requested.emit("entry", {"draft": known[index]})

    def _open_task(self, item: QListWidgetItem) -> None:
        task_id = item.data(Qt.ItemDataRole.UserRole)
        if task_id:
            self.open_requested.emit("follow_up", {"carer_id": self.carer_id, "task_id": task_id})

    def ask(self, kind: SettingKind) -> SettingDialog:
        """Open the decision dialog (non-modal); the decision is stored when it is accepted."""
        clock = app_clock(self.ctx)
        from anhorigdesk.scheduling import local_date

        dialog = SettingDialog(kind, local_date(clock.now(), clock.tz), self)
        dialog.accepted.connect(lambda: self._decided(dialog))
        dialog.open()
        self.dialog = dialog
        return dialog

    def _decided(self, dialog: SettingDialog) -> None:
        session = self.ctx.workspace
        if session is None or self.carer_id is None:
            return
        repo, actor, carer_id = session.repository, session.actor, self.carer_id
        reason, until, because = dialog.values()
        kind, at = dialog.kind, app_clock(self.ctx).now()

        def work(_ctx: TaskContext) -> Any:
            return record_setting(repo, actor, carer_id, kind, at=at, reason=reason, until=until,
                                  ended_because=because)

        task = self.ctx.runner.submit(work, name="record_schedule_setting")
        task.finished.connect(lambda _s: (self.load(carer_id), self.changed.emit(), self.data_changed.emit()))
        task.failed.connect(lambda exc: self.error.setText(user_message(exc)))
