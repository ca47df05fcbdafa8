"""The carer's timeline shows labels, never stored codes, and a stay at the day it began
(issue 20, item 3)."""

from __future__ import annotations

from datetime import date, timedelta

from anhorigdesk.forms import FormRegistry


def _forms_loaded(ctrl, qtbot):
    qtbot.waitUntil(lambda: ctrl.ctx.workspace.forms is not None, timeout=15000)


def _rows(page):
    tree = page.timeline
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
            for i in range(tree.topLevelItemCount())]


def test_a_stay_is_labelled_and_dated_by_its_start_in_both_languages(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    registry = FormRegistry.load()
    korttid, checkin = registry.current("korttid"), registry.current("frivillighet")
    carer = repo.create_carer(actor, name="Vera Exempelsson", unit_ids=[actor.unit_id], status="active")
    start = date.today() - timedelta(days=20)
    # the answers as the form saves them: the kind of stay before the dates
    repo.add_entry(actor, carer, "korttid",
                   {"stay_kind": "respite_rotation", "stay_start": start.isoformat(),
                    "stay_end": (start + timedelta(days=10)).isoformat(),
                    "welcome_talk": {"status": "done", "comment": ""}},
                   form_id=korttid.id, form_version=korttid.version, form_fingerprint=korttid.fingerprint)
    # a check-in without words of its own: nothing of its codes on the timeline either
    repo.add_entry(actor, carer, "frivillighet",
                   {"check_in_date": date.today().isoformat(), "still_own_choice": "unsure", "burden_now": 3,
                    "wants_to_reduce": "no", "respite_need": "some"},
                   form_id=checkin.id, form_version=checkin.version, form_fingerprint=checkin.fingerprint)
    _forms_loaded(ctrl, qtbot)

    window.navigate("carer", carer)
    page = window.pages["carer"]
    qtbot.waitUntil(lambda: page.timeline.topLevelItemCount() == 2)
    wait_idle(ctrl)
    rows = _rows(page)
    codes = {"respite_rotation", "short_term", "unsure", "some", "carer_only", "shareable"}
    for row in rows:
        assert not codes & set(" ".join(row).replace("·", " ").split()), row
    stay = next(r for r in rows if r[1] == "Korttidsvistelse")
    assert stay[0] == start.isoformat()  # the day it began, not the day it was saved
    assert stay[2] == (f"Växelvård · {start.isoformat()} – {(start + timedelta(days=10)).isoformat()}"
                       f" · 1 av 7 rutiner klara")
    assert rows[0][1] == "Avstämning om frivillighet"  # today's check-in first, the stay after it
    assert next(r for r in rows if r[1] == "Avstämning om frivillighet")[2] == ""

    ctrl.set_language("en")
    qtbot.waitUntil(lambda: page.timeline.headerItem().text(0) == "Date")
    rows = _rows(page)
    stay = next(r for r in rows if r[1] == "Short-term stay")
    assert stay[2].startswith("Rotating respite care · ")
    assert stay[2].endswith("1 of 7 routines done")
    for row in rows:
        assert not codes & set(" ".join(row).replace("·", " ").split()), row
