"""Uppföljning → Loggkontroll (issue #14): a unit manager reviews the unit's access log in
the app, against a real (in-process) sync server with the log a colleague's laptop pushed.
Offline the screen says so; a care worker does not get the follow-up area."""

from __future__ import annotations

import csv
from pathlib import Path

from tests.server.conftest import PASSWORD

from .helpers import Desks, new_carer, sign_in, sync_now


def _worker_with_log(desks: Desks, qtbot) -> tuple[str, str]:
    desks.user("wera")
    wera = desks.open("wera")
    sign_in(qtbot, wera, "wera")
    session = wera.session
    carers = [new_carer(wera, name=f"Läst {i} Provsson") for i in range(3)]
    for carer in carers:
        session.repository.get_carer(session.actor, carer)
    report = sync_now(qtbot, wera)
    assert report.ok and report.log_pushed >= 3, report
    return session.actor.staff_id, carers[0]


def test_a_unit_manager_reviews_the_units_log(desks: Desks, qtbot, tmp_path: Path,
                                              save_screenshot) -> None:
    staff_id, carer = _worker_with_log(desks, qtbot)
    desks.server.store.create_user("berit", PASSWORD, [desks.unit], "unit_manager")
    berit = desks.open("berit")
    sidebar = berit.window.sidebar
    followup = sidebar.item(sidebar.count() - 1)
    assert followup.isHidden()  # not signed in yet
    sign_in(qtbot, berit, "berit")
    qtbot.waitUntil(lambda: not followup.isHidden())
    berit.window.navigate("followup", "log_review")
    page = berit.window.pages["followup"].section("log_review")
    qtbot.waitUntil(page.controls.isEnabled)

    page.since.setDate(page.since.date().addYears(-1))
    page.search_button.click()
    qtbot.waitUntil(lambda: len(page.entries) >= 3 and page.controls.isEnabled(), timeout=10_000)
    assert page.table.topLevelItemCount() == len(page.entries)
    assert {e.staff_id for e in page.entries} == {staff_id}
    assert carer not in {e.person for e in page.entries}  # a pseudonym, never the id

    # open the person of a row: every access to that person
    page.table.setCurrentItem(page.table.topLevelItem(0))
    chosen = page.entries[0]
    page.open_person.click()
    qtbot.waitUntil(lambda: page.controls.isEnabled() and page.person.text() == chosen.person)
    qtbot.waitUntil(lambda: page.entries and all(e.person == chosen.person for e in page.entries))
    # open the staff member: whom they accessed
    page.table.setCurrentItem(page.table.topLevelItem(0))
    page.open_staff.click()
    qtbot.waitUntil(lambda: page.controls.isEnabled() and page.staff.text() == staff_id)
    qtbot.waitUntil(lambda: len(page.entries) >= 3)

    # the monthly sample of this month, one row marked reviewed with a note
    page.month.setDate(page.until.date().addDays(-1))
    page.sample_button.click()
    qtbot.waitUntil(lambda: page.controls.isEnabled() and page.month_shown is not None
                    and len(page.entries) >= 1, timeout=10_000)
    page.table.setCurrentItem(page.table.topLevelItem(0))
    page.note.setText("Granskad, i tjänsten")
    page.mark_button.click()
    qtbot.waitUntil(lambda: page.controls.isEnabled() and page.entries
                    and page.entries[0].reviewed, timeout=10_000)
    assert page.entries[0].note == "Granskad, i tjänsten"
    assert page.table.topLevelItem(0).text(6) == "Granskad, i tjänsten"

    csv_path = page.export_csv(str(tmp_path / "review.csv"))
    rows = list(csv.DictReader(csv_path.read_text(encoding="utf-8").splitlines()))
    assert len(rows) == len(page.entries) and rows[0]["note"] == "Granskad, i tjänsten"
    pdf_path = page.export_pdf(str(tmp_path / "review.pdf"))
    assert pdf_path.read_bytes().startswith(b"%PDF")
    save_screenshot(berit.window, "log_review")


def test_offline_the_screen_says_it_needs_the_server(desks: Desks, qtbot) -> None:
    desk = desks.open("off")
    desk.window.navigate("followup", "log_review")
    page = desk.window.pages["followup"].section("log_review")
    assert not page.controls.isEnabled()
    assert "server" in page.state.text().lower() or "servern" in page.state.text().lower()


def test_a_care_worker_does_not_get_the_follow_up_area(desks: Desks, qtbot) -> None:
    desks.user("cilla")
    desk = desks.open("cilla")
    sign_in(qtbot, desk, "cilla")
    sidebar = desk.window.sidebar
    assert sidebar.item(sidebar.count() - 1).isHidden()
    desk.window.navigate("followup", "log_review")
    page = desk.window.pages["followup"].section("log_review")
    assert not page.controls.isEnabled()
