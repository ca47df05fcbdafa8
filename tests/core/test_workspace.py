"""The Workspace: one open profile as the application sees it, on a real profile's store."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from anhorigdesk.forms import FormRegistry
from anhorigdesk.profiles import ProfileManager
from anhorigdesk.scheduling import DueKind, FixedClock
from anhorigdesk.workspace import Workspace
from anhorigdesk.workspace.marking import SharingNotConsented
from anhorigdesk.workspace.short_term import FORM_ID as SHORT_TERM_FORM


@pytest.fixture
def workspace(data_dir):
    opened = ProfileManager(data_dir).create("Testa Testsson", "Anhörigstöd Exempelby", passphrase="en lång lösenfras")
    ws = Workspace.open(opened, clock=FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)))
    yield ws
    ws.close()


def test_open_takes_the_profile_its_store_and_the_clock(workspace):
    assert workspace.profile_name == "Testa Testsson"
    assert workspace.profile is not None and workspace.actor == workspace.profile.actor
    assert workspace.today() == date(2026, 11, 27)
    assert workspace.forms is None and workspace.schedule_book is None  # loaded after start


def test_close_closes_the_store_once(data_dir):
    opened = ProfileManager(data_dir).create("Bo Provsson", "Enheten", passphrase="en lång lösenfras")
    closed: list[int] = []
    ws = Workspace.open(opened)
    ws.closer = lambda: (closed.append(1), opened.close())
    ws.close()
    ws.close()
    assert closed == [1] and ws.closer is None
    with pytest.raises(Exception):  # noqa: B017 - the store is closed: any read fails
        opened.repo.count_carers()


def test_a_conversation_is_saved_and_a_shareable_marking_needs_consent(workspace):
    carer = workspace.repository.create_carer(workspace.actor, name="Alva Exempelsson")
    with pytest.raises(SharingNotConsented):
        workspace.check_marking(carer, "shareable")
    assert workspace.share_consent(carer) is None
    entry = workspace.save_entry(carer, "note", {"text": "Samtal om avlösning"})
    timeline = workspace.repository.timeline(workspace.actor, carer)
    assert [e["id"] for e in timeline] == [entry]
    workspace.repository.create(workspace.actor, "consent", carer_id=carer, scope="share_with_care",
                                given_at="2026-10-01", given_how="written")
    workspace.check_marking(carer, "shareable")  # allowed now
    assert workspace.share_consent(carer)["given_how"] == "written"


def test_a_finished_check_in_raises_its_follow_up_in_the_due_lists(workspace):
    registry = FormRegistry.load()
    with pytest.raises(RuntimeError, match="not loaded"):
        workspace.carer_agenda("nobody")  # before the forms are in
    assert workspace.due_by_carer(horizon_days=30) is None  # before the schedules are built
    workspace.forms = registry
    actor = workspace.actor
    carer = workspace.repository.create_carer(actor, name="Eva Exempelsson", unit_ids=[actor.unit_id],
                                              support_contact_id=actor.staff_id)
    now = datetime.now(UTC).replace(microsecond=0) + timedelta(minutes=5)  # carers are stamped "now"
    answers = {"check_in_date": "2026-03-02", "still_own_choice": "no", "burden_now": 2,
               "wants_to_reduce": "no", "not_own_choice_why": "Ingen annan kan."}
    entry = workspace.finish_response(registry.current("frivillighet"), carer, answers, now=now)
    assert [e["id"] for e in workspace.repository.timeline(actor, carer)] == [entry]
    assert workspace.open_response(workspace.repository.timeline(actor, carer)[0]).id == "frivillighet"
    workspace.clock = FixedClock(now + timedelta(days=200))
    workspace.schedule_book = workspace.build_schedule_book(registry)
    agenda = workspace.agenda()
    assert DueKind.FOLLOW_UP in {a.item.kind for a in agenda.mine if a.item.carer_id == carer}
    assert workspace.due_by_carer(horizon_days=30)[carer].overdue
    assert workspace.carer_agenda(carer).open_tasks  # the flag's follow-up, on the carer page
    assert workspace.carer_drafts(carer) == []


def test_the_short_term_unit_lists_no_stays_before_any(workspace):
    form = FormRegistry.load().current(SHORT_TERM_FORM)
    assert workspace.short_term_stays(form) == []
    summary = workspace.short_term_summary(form, date(2026, 8, 1), date(2026, 12, 31))
    assert summary.stays == 0
