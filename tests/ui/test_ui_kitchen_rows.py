"""Capital Å, Ä and Ö are drawn whole in every list row, at normal and larger text
(issue 20, item 2): each list is rendered with a row beginning "ÅÄÖ" and the pixel rows of
the letters are compared with the same letters drawn with nothing to cut them."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from anhorigdesk.forms import FormRegistry
from tests.ui.helpers.kitchen_glyphs import cut_letters

NAME = "ÅÄÖ Östberg"


def _carer_with_everything(ctrl):
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    carer = repo.create_carer(actor, name=NAME, unit_ids=[actor.unit_id], status="active",
                              support_contact_id=actor.staff_id, address="Åvägen 1, 123 45 Exempelby")
    person = repo.create(actor, "cared_for", name="ÅÄÖ Åkesson", birth_year=1940)
    repo.create(actor, "relation", carer_id=carer, cared_for_id=person, kind="partner")
    repo.add_entry(actor, carer, "samtal", {"note": "ÅÄÖ och ängar"})
    form = FormRegistry.load().current("korttid")
    start = date.today() - timedelta(days=2)
    repo.add_entry(actor, carer, "korttid", {"stay_start": start.isoformat(), "stay_kind": "respite_rotation"},
                   form_id=form.id, form_version=form.version, form_fingerprint=form.fingerprint)
    return carer


@pytest.mark.parametrize("larger", [False, True], ids=["100%", "125%"])
def test_capital_a_ring_and_dots_are_not_cut_in_any_list(app_window, qtbot, wait_idle, larger, save_screenshot):
    ctrl, window = app_window
    window.resize(1366, 800)
    ctrl.apply_text_size(larger)
    carer_id = _carer_with_everything(ctrl)
    problems: list[str] = []

    def assert_uncut(view, index, what):
        problems.append(cut_letters(view, index, what))

    # the carer list
    window.navigate("carers")
    carers = window.pages["carers"]
    qtbot.waitUntil(lambda: carers.model.rowCount() == 1)
    assert_uncut(carers.table, carers.model.index(0, 0), "carer list")

    # the carer page: timeline and "Cares for"
    window.navigate("carer", carer_id)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: bool(page.carer) and page.timeline.topLevelItemCount() == 2)
    wait_idle(ctrl)
    note = next(page.timeline.topLevelItem(i) for i in range(2)
                if page.timeline.topLevelItem(i).text(2).startswith("ÅÄÖ"))
    assert_uncut(page.timeline, page.timeline.indexFromItem(note, 2), "timeline")
    assert_uncut(page.relations_list, page.relations_list.model().index(0, 0), "cares for")

    # home: recent carers and the due lists
    window.navigate("home")
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.recent_list.count() == 1)
    assert_uncut(home.recent_list, home.recent_list.model().index(0, 0), "recent carers")
    due = home._due_view
    qtbot.waitUntil(lambda: due.mine.topLevelItemCount() >= 1, timeout=15000)
    assert_uncut(due.mine, due.mine.indexFromItem(due.mine.topLevelItem(0), 2), "due list")

    # the short-term unit: its stays and the chooser of a carer for a new stay
    window.navigate("shortterm")
    shortterm = window.pages["shortterm"]
    qtbot.waitUntil(lambda: shortterm.stays_model.rowCount() == 1)
    assert_uncut(shortterm.stays_view, shortterm.stays_model.index(0, 0), "stays")

    from anhorigdesk.ui.pages.short_term import CarerPicker

    picker = CarerPicker(ctrl.ctx, window)
    picker.show()
    picker.search.setText("Östberg")
    qtbot.waitUntil(lambda: picker.results.count() == 1, timeout=5000)
    assert_uncut(picker.results, picker.results.model().index(0, 0), "korttid chooser")
    picker.close()
    picker.deleteLater()
    found = [p for p in problems if p]
    assert not found, "; ".join(found)
    assert len(problems) == 7


@pytest.mark.parametrize("larger", [False, True], ids=["100%", "125%"])
def test_capital_a_ring_and_dots_are_not_cut_in_the_profile_picker(app_window, qtbot, larger, save_screenshot):
    """The picker's rows follow the same rule: "Åsa Öberg" is not read as "Asa Oberg"."""
    from anhorigdesk.profiles.profiles import Profile
    from anhorigdesk.ui.start import ProfilePicker

    ctrl, window = app_window
    ctrl.apply_text_size(larger)
    profiles = [Profile(id=f"p{i}", name=name, unit_name="Äldreomsorg Öst", staff_id="s", unit_id="u",
                        key_storage="passphrase", folder=ctrl.data_dir / "profiles" / f"p{i}")
                for i, name in enumerate((NAME, "Åsa Öberg"))]
    picker = ProfilePicker(ctrl.ctx.runner, ctrl.data_dir, profiles, parent=window)
    picker.show()
    qtbot.waitExposed(picker)
    save_screenshot(picker, f"kitchen_picker_rows_{'125' if larger else '100'}")
    problems = [cut_letters(picker.list, picker.list.model().index(0, 0), "profile picker")]
    picker.close()
    picker.deleteLater()
    assert problems == [""], problems[0]
