"""Forms and scheduling through the app's screens, on a real encrypted profile."""

from __future__ import annotations

import pytest

from anhorigdesk.forms import FormRegistry, QuestionKind, validate_answers
from anhorigdesk.scheduling import DueKind, FixedClock, SettingKind
from anhorigdesk.scheduling.clock import local_date
from anhorigdesk.ui.qt import Qt
from anhorigdesk.ui.scheduling.carer_panel import CarerSchedulePanel
from anhorigdesk.ui.scheduling.due_view import DueView
from anhorigdesk.workspace.responses import submit_response
from tests.ui.helpers.clock import days_from_now
from tests.ui.helpers.filling import fill_form, type_into

ACTION_OF_FORM = {"samtal": "new_conversation", "stodplan": "start_plan",
                  "frivillighet": "check_in", "korttid": "korttid"}
REGISTRY = FormRegistry.load()


def _carer(ctrl, window, qtbot, wait_idle, name="Fiktiva Exempelsson", contact=True):
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer_id = repo.create_carer(actor, name=name, unit_ids=[actor.unit_id], status="active",
                                 support_contact_id=actor.staff_id if contact else None)
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: page.carer.get("id") == carer_id)
    wait_idle(ctrl)
    return carer_id, page


def _finish_on_entry_page(qtbot, ctrl, window, wait_idle, choices=None):
    entry = window.pages["entry"]
    assert window.current_page_name == "entry" and entry.form is not None
    fill_form(qtbot, entry.form, choices)
    entry.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer", timeout=8000)
    wait_idle(ctrl)


@pytest.mark.parametrize("form_id", ["samtal", "stodplan", "frivillighet", "korttid"])
def test_fill_finish_find_on_timeline_and_reopen_read_only(app_run, qtbot, wait_idle, save_screenshot,
                                                            form_id):
    ctrl, window = app_run.open(app_run.create_profile())
    _carer_id, carer = _carer(ctrl, window, qtbot, wait_idle)
    action = window.actions_by_name[ACTION_OF_FORM[form_id]]
    assert action.isEnabled()
    action.trigger()
    entry = window.pages["entry"]
    assert entry.form.definition.id == form_id
    if form_id == "stodplan":
        fill_form(qtbot, entry.form)
        save_screenshot(window, "form_page_stodplan")
        entry.save_button.click()
        qtbot.waitUntil(lambda: window.current_page_name == "carer", timeout=8000)
        wait_idle(ctrl)
    else:
        _finish_on_entry_page(qtbot, ctrl, window, wait_idle)
    qtbot.waitUntil(lambda: any(e["kind"] == form_id for e in carer.entries))
    stored = next(e for e in carer.entries if e["kind"] == form_id)
    assert stored["form_id"] == form_id and stored["form_fingerprint"]
    row = next(carer.timeline.topLevelItem(i) for i in range(carer.timeline.topLevelItemCount())
               if carer.timeline.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole) == stored["id"])
    carer.timeline.itemActivated.emit(row, 0)
    assert window.current_page_name == "form"
    page = window.pages["form"]
    qtbot.waitUntil(lambda: page.form is not None)
    assert page.form.is_read_only()
    assert page.form.definition.fingerprint == stored["form_fingerprint"]
    assert page.form.answers() == stored["data"]
    assert "Fiktiva" not in window.windowTitle()
    if form_id == "frivillighet":
        save_screenshot(window, "form_page_read_only")
    page.back_button.click()
    assert window.current_page_name == "carer"


def test_a_draft_survives_closing_the_window_and_is_offered_back(app_run, qtbot, wait_idle,
                                                                   save_screenshot):
    opened = app_run.create_profile()
    profile = opened.profile
    ctrl, window = app_run.open(opened)
    carer_id, _page = _carer(ctrl, window, qtbot, wait_idle)
    window.actions_by_name["check_in"].trigger()
    form = window.pages["entry"].form
    form.editor("still_own_choice").options.buttons["unsure"].click()
    type_into(qtbot, form.editor("not_own_choice_why").focus_widgets()[0], "har inget val")
    # Autosave writes the draft every few seconds: a forced quit now would keep it.
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    qtbot.waitUntil(lambda: [d["data"].get("still_own_choice") for d in repo.drafts(actor)] == ["unsure"],
                    timeout=6000)
    type_into(qtbot, form.editor("not_own_choice_why").focus_widgets()[0], " alls")
    app_run.close(ctrl, window)  # closing the window writes the draft; nothing is finished

    ctrl, window = app_run.open(app_run.reopen_profile(profile))
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.drafts_list.count() == 1)
    assert "Fiktiva Exempelsson" in home.drafts_list.item(0).text()
    window.navigate("carer", carer_id)
    panel = window.pages["carer"].findChild(CarerSchedulePanel)
    qtbot.waitUntil(lambda: panel.draft_buttons[0].isVisible())
    assert panel.draft_buttons[0].text().startswith("Fortsätt: Avstämning")
    panel.draft_buttons[0].click()
    assert window.current_page_name == "entry"
    restored = window.pages["entry"].form
    assert restored.editor("still_own_choice").value() == "unsure"
    assert restored.editor("not_own_choice_why").value() == "har inget val alls"


def test_not_voluntary_check_in_makes_a_follow_up_on_home_and_resolving_removes_it(
        app_run, qtbot, wait_idle, save_screenshot):
    clock = FixedClock(days_from_now(20))
    ctrl, window = app_run.open(app_run.create_profile(), clock)
    _carer(ctrl, window, qtbot, wait_idle, name="Nora Exempelsson")
    window.actions_by_name["check_in"].trigger()
    _finish_on_entry_page(qtbot, ctrl, window, wait_idle, {"still_own_choice": "no", "burden_now": "2",
                                                           "wants_to_reduce": "no"})
    clock.advance_to(days_from_now(40))  # the follow-up (within 14 days) is 6 days late
    window.navigate("home")
    due = window.pages["home"].findChild(DueView)
    qtbot.waitUntil(lambda: due.agenda is not None and any(
        a.item.kind is DueKind.FOLLOW_UP for a in due.agenda.mine))
    wait_idle(ctrl)
    follow = next(i for i in range(due.mine.topLevelItemCount())
                  if due.agenda.mine[i].item.kind is DueKind.FOLLOW_UP)
    assert due.mine.topLevelItem(follow).text(2) == "Nora Exempelsson"
    assert due.mine.topLevelItem(follow).text(0) == "6 dagar sen"
    # The reminder counts, never names: on screen and in the status bar.
    assert due.notice.isVisible()
    notice = due.notice.text()
    assert "försenad" in notice and "Försenat" in notice and "Nora" not in notice and "Exempelsson" not in notice
    assert "Nora" not in window.statusBar().currentMessage()
    save_screenshot(window, "home_due_list")

    due.mine.itemClicked.emit(due.mine.topLevelItem(follow), 0)
    assert window.current_page_name == "follow_up"
    page = window.pages["follow_up"]
    qtbot.waitUntil(lambda: page.task is not None)
    assert page.values["flag"].text() == "Omsorgen känns inte längre frivillig"
    page.response_button.click()  # the answer that raised the flag, as it was given
    response = window.pages["form"]
    qtbot.waitUntil(lambda: response.form is not None)
    assert response.form.is_read_only() and response.form.editor("still_own_choice").value() == "no"
    window.navigate("follow_up", {"carer_id": page.carer_id, "task_id": page.task_id})
    qtbot.waitUntil(lambda: page.task is not None)
    save_screenshot(window, "follow_up_page")
    page.resolve_button.click()
    assert page.error.text() == "Skriv först vad som gjordes."
    type_into(qtbot, page.done_text, "Ringde, bokade samtal om avlosning.")
    page.resolve_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "home")
    qtbot.waitUntil(lambda: due.agenda is not None and not any(
        a.item.kind is DueKind.FOLLOW_UP for a in due.agenda.mine), timeout=8000)
    wait_idle(ctrl)
    # ...but the plan review the flag asked for stays until the plan is revised
    assert any(a.item.kind is DueKind.PLAN_REVIEW for a in due.agenda.mine)


def test_home_due_list_sorted_by_lateness_and_one_click_opens_the_right_form(
        app_run, qtbot, wait_idle, save_screenshot):
    clock = FixedClock(days_from_now(60))
    opened = app_run.create_profile()
    repo, actor = opened.repo, opened.actor
    early = repo.create_carer(actor, name="Alva Exempelsson", unit_ids=[actor.unit_id],
                              support_contact_id=actor.staff_id)
    planned = repo.create_carer(actor, name="Bo Påhittberg", unit_ids=[actor.unit_id],
                                support_contact_id=actor.staff_id)
    colleague = repo.create_carer(actor, name="Cilla Demoström", unit_ids=[actor.unit_id])
    checkin = REGISTRY.current("frivillighet")
    # Bo: a check-in 50 days on (not due again), a plan to review 30 days on (30 days late).
    submit_response(repo, REGISTRY, actor, planned, checkin,
                    {"check_in_date": local_date(days_from_now(50)).isoformat(), "still_own_choice": "yes",
                     "burden_now": 2, "wants_to_reduce": "no"}, now=days_from_now(50))
    plan = REGISTRY.current("stodplan")
    plan_answers = _minimal_plan(plan, local_date(days_from_now(30)).isoformat())
    assert validate_answers(plan, plan_answers, final=True) == []
    submit_response(repo, REGISTRY, actor, planned, plan, plan_answers, now=days_from_now(1))

    ctrl, window = app_run.open(opened, clock)
    home = window.pages["home"]
    due = home.findChild(DueView)
    qtbot.waitUntil(lambda: due.agenda is not None and len(due.agenda.mine) >= 2)
    wait_idle(ctrl)
    mine = [(a.carer_name, a.item.kind, a.item.days_overdue) for a in due.agenda.mine]
    lateness = [days for _n, _k, days in mine]
    assert lateness == sorted(lateness, reverse=True)
    assert mine[0] == ("Alva Exempelsson", DueKind.CHECKIN, 60)
    assert ("Bo Påhittberg", DueKind.PLAN_REVIEW, 30) in mine
    assert [a.carer_name for a in due.agenda.unit] == ["Cilla Demoström"]
    assert due.mine.topLevelItem(0).text(0) == "60 dagar sen"
    save_screenshot(home, "home_due_list_sorted")

    due.mine.itemClicked.emit(due.mine.topLevelItem(0), 0)
    assert window.current_page_name == "entry"
    entry = window.pages["entry"]
    assert entry.carer_id == early and entry.form.definition.id == "frivillighet"
    assert "Alva Exempelsson" in entry.heading.text()
    service = ctrl.ctx.agenda
    full_loads = service.full_loads
    _finish_on_entry_page(qtbot, ctrl, window, wait_idle, {"wants_to_reduce": "no"})
    window.navigate("home")
    # Only Alva's schedule is recomputed (no full reload): her check-in has left the list.
    qtbot.waitUntil(lambda: "Alva Exempelsson" not in [a.carer_name for a in due.agenda.mine])
    assert service.full_loads == full_loads
    qtbot.waitUntil(lambda: due.mine.topLevelItemCount() >= 1)
    review = next(i for i, a in enumerate(due.agenda.mine) if a.item.kind is DueKind.PLAN_REVIEW)
    due.mine.itemClicked.emit(due.mine.topLevelItem(review), 0)
    assert entry.carer_id == planned and entry.form.definition.id == "stodplan"
    entry.close_button.click()
    assert colleague


def _minimal_plan(plan, review_day: str) -> dict:
    """The stödplan's required answers, filled with plain values of each kind."""
    answers: dict = {}
    for question in plan.questions():
        kind = question.kind
        if not question.required and kind != QuestionKind.REPEATING_GROUP:
            continue
        if kind == QuestionKind.DATE:
            answers[question.id] = review_day
        elif kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
            answers[question.id] = "Text"
        elif kind == QuestionKind.YES_NO_UNSURE:
            answers[question.id] = "yes"
        elif kind == QuestionKind.SINGLE_CHOICE:
            answers[question.id] = question.choices[0].value
        elif kind == QuestionKind.MULTI_CHOICE:
            answers[question.id] = [question.choices[0].value]
        elif kind == QuestionKind.SCALE:
            answers[question.id] = int(question.min)
        elif kind == QuestionKind.NUMBER:
            answers[question.id] = 1
        elif kind == QuestionKind.REPEATING_GROUP:
            row = {}
            for sub in question.questions:
                if sub.required:
                    row[sub.id] = review_day if sub.kind == QuestionKind.DATE else (
                        sub.choices[0].value if sub.kind == QuestionKind.SINGLE_CHOICE else "Text")
            answers[question.id] = [row]
    answers["next_review"] = review_day
    return answers


def test_carer_page_chart_history_and_pause_with_reason(app_run, qtbot, wait_idle, save_screenshot):
    opened = app_run.create_profile()
    repo, actor = opened.repo, opened.actor
    carer_id = repo.create_carer(actor, name="Greta Fiktivlund", unit_ids=[actor.unit_id],
                                 support_contact_id=actor.staff_id, hours_per_week=20.0)
    form = REGISTRY.current("frivillighet")
    series = [("yes", 2), ("yes", 3), ("unsure", 4), ("no", 5), ("yes", 3)]
    for i, (choice, burden) in enumerate(series):
        answers = {"check_in_date": local_date(days_from_now(i * 40)).isoformat(), "still_own_choice": choice,
                   "burden_now": burden, "wants_to_reduce": "no"}
        if choice != "yes":
            answers["not_own_choice_why"] = "Ingen annan kan."
        submit_response(repo, REGISTRY, actor, carer_id, form, answers, now=days_from_now(i * 40))
    ctrl, window = app_run.open(opened, FixedClock(days_from_now(170)))
    window.navigate("carer", carer_id)
    panel = window.pages["carer"].findChild(CarerSchedulePanel)
    qtbot.waitUntil(lambda: panel.agenda is not None and len(panel.chart.points) == 5)
    wait_idle(ctrl)
    assert [(p.own_choice, p.burden) for p in panel.chart.points] == series
    assert panel.history.count() == 5
    assert panel.history.item(0).text().endswith("eget val · belastning 3 av 5")
    assert panel.next_due.text().startswith("Stödplanen följs upp: ")
    assert panel.tasks.count() >= 1  # the "no" and the heavy burden raised follow-ups
    carer_page = window.pages["carer"]
    assert panel.summary.text().startswith("Nästa avstämning: ")
    assert carer_page.tabs.tabText(1) == f"Avstämningar och uppföljningar ({panel.tasks.count()})"
    save_screenshot(window, "carer_page_timeline_tab")
    carer_page.tabs.setCurrentWidget(panel)
    save_screenshot(window, "carer_page_schedule")
    save_screenshot(panel.chart, "carer_chart")

    panel.buttons[SettingKind.PAUSE].click()
    dialog = panel.dialog
    assert dialog.kind is SettingKind.PAUSE and dialog.isVisible()
    dialog.buttons.accepted.emit()
    assert dialog.isVisible() and dialog.error.text() == "Skriv orsaken."
    dialog.reason.setPlainText("Sjukhusvistelse")
    dialog.buttons.accepted.emit()
    qtbot.waitUntil(lambda: panel.agenda is not None and panel.agenda.schedule.status.value == "paused",
                    timeout=8000)
    assert panel.status.text().startswith("Pausad ") and "Sjukhusvistelse" in panel.status.text()
    assert not panel.buttons[SettingKind.PAUSE].isEnabled()
    assert panel.buttons[SettingKind.REOPEN].isEnabled()
