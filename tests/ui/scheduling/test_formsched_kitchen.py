"""At the kitchen table (issue 20, item 6): a new form is filled with what is known —
the date, the record's relationship and hours, the check-in minutes earlier — shown as
prefilled and editable, and every date field has a calendar beside it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

from anhorigdesk.forms import FormRegistry, QuestionKind
from anhorigdesk.scheduling import FixedClock, local_date
from anhorigdesk.ui.forms.editors import DateEditor
from anhorigdesk.ui.qt import QDate
from anhorigdesk.workspace.responses import submit_response
from tests.ui.helpers.clock import days_from_now

REGISTRY = FormRegistry.load()
SHOTS = Path("/tmp/kitchen_forms/after")


def _open_form(window, qtbot, carer_id: str, kind: str):
    window.navigate("entry", {"carer_id": carer_id, "kind": kind, "carer_name": "Greta Fiktivlund"})
    entry = window.pages["entry"]
    qtbot.waitUntil(lambda: entry.form is not None and entry.form.definition.id == kind)
    return entry


def test_the_stodplan_starts_from_what_is_known(app_run, qtbot, wait_idle):
    opened = app_run.create_profile()
    repo, actor = opened.repo, opened.actor
    carer_id = repo.create_carer(actor, name="Greta Fiktivlund", unit_ids=[actor.unit_id],
                                 support_contact_id=actor.staff_id, hours_per_week=25.0)
    person = repo.create(actor, "cared_for", name="Olle Fiktivlund", birth_year=1941)
    repo.create(actor, "relation", carer_id=carer_id, cared_for_id=person, kind="partner")
    now = days_from_now(0)
    submit_response(repo, REGISTRY, actor, carer_id, REGISTRY.current("frivillighet"),
                    {"check_in_date": local_date(now).isoformat(), "still_own_choice": "yes",
                     "burden_now": 4, "wants_to_reduce": "no"}, now=now - timedelta(minutes=20))
    ctrl, window = app_run.open(opened, FixedClock(now))
    window.resize(1366, 800)
    entry = _open_form(window, qtbot, carer_id, "stodplan")
    form = entry.form
    qtbot.waitUntil(lambda: "heaviness" in form.prefilled_questions(), timeout=8000)
    wait_idle(ctrl)
    today = local_date(now).isoformat()
    assert form.answers() == {"interview_date": today, "relationship": "partner",
                              "hours_per_week": 25, "own_choice": "yes", "heaviness": 4,
                              "wants_less": "no"}
    assert sorted(form.prefilled_questions()) == sorted(form.answers())
    note = form.editor("heaviness").prefill_note
    assert note.isVisibleTo(form) and f"avstämningen {today}" in note.text()
    assert "registret" in form.editor("hours_per_week").prefill_note.text()
    assert "dagens datum" in form.editor("interview_date").prefill_note.text()
    assert not entry.has_unsaved_changes()  # nothing typed: no draft from prefill alone
    SHOTS.mkdir(parents=True, exist_ok=True)
    form._scroll.ensureWidgetVisible(form.editor("relationship").block)
    assert window.grab().save(str(SHOTS / "stodplan_prefilled_1366x800.png"))

    # editable: the user's own answer replaces the prefilled one, and the note goes
    form.editor("heaviness").options.buttons["2"].click()
    assert form.answers()["heaviness"] == 2
    assert not form.editor("heaviness").prefill_note.isVisibleTo(form)
    assert "heaviness" not in form.prefilled_questions()
    assert entry.has_unsaved_changes()


def test_the_checkin_date_is_today_and_every_date_has_a_calendar(app_run, qtbot, wait_idle):
    opened = app_run.create_profile()
    repo, actor = opened.repo, opened.actor
    carer_id = repo.create_carer(actor, name="Greta Fiktivlund", unit_ids=[actor.unit_id])
    now = days_from_now(0)
    ctrl, window = app_run.open(opened, FixedClock(now))
    entry = _open_form(window, qtbot, carer_id, "frivillighet")
    assert entry.form.answers() == {"check_in_date": local_date(now).isoformat()}
    assert entry.form.prefilled_questions() == ["check_in_date"]
    wait_idle(ctrl)

    entry = _open_form(window, qtbot, carer_id, "stodplan")
    form = entry.form
    form.editor("actions").add_button.click()
    dates = [q for q in form.definition.questions() if q.kind is QuestionKind.DATE]
    editors = [form.editor(q.id) for q in dates]
    row = form.editor("actions").rows[0]
    editors += [row.editors["by_when"], row.editors["follow_up"]]
    assert len(editors) == 4
    for editor in editors:
        assert isinstance(editor, DateEditor)
        assert editor.pick.isEnabled() and editor.pick in editor.focus_widgets()
        assert editor.pick.accessibleName().startswith("Välj ett datum")
    # picking in the calendar answers the question as if typed
    review = form.editor("next_review")
    review.pick_date(QDate(2027, 6, 15))
    assert form.answers()["next_review"] == "2027-06-15"
    assert entry.has_unsaved_changes()
    wait_idle(ctrl)
