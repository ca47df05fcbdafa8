"""Switching to English leaves no Swedish on any screen (issue 20, item 9): every screen is
visited in Swedish first (so it has built its texts from its data), the language is changed
in the preferences, and then every screen is read as it stands, and again after visiting it."""

from __future__ import annotations

import dataclasses
from datetime import UTC, date, datetime, timedelta

from anhorigdesk.forms import FormRegistry
from anhorigdesk.ui.qt import QStyle
from tests.ui.helpers.kitchen_language import swedish_left, swedish_patterns


def _combo_option(combo):
    from PySide6.QtWidgets import QStyleOptionComboBox

    option = QStyleOptionComboBox()
    option.initFrom(combo)
    option.editable = combo.isEditable()
    option.currentText = combo.currentText()
    return option


def _data(ctrl):
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    registry = FormRegistry.load()
    korttid, checkin = registry.current("korttid"), registry.current("frivillighet")
    carer = repo.create_carer(actor, name="Märta Öberg", unit_ids=[actor.unit_id], status="active",
                              support_contact_id=actor.staff_id, birth_date=date(1950, 5, 5),
                              address="Åvägen 1, 123 45 Exempelby", phone="070-174 06 07")
    person = repo.create(actor, "cared_for", name="Örjan Öberg", birth_year=1945)
    repo.create(actor, "relation", carer_id=carer, cared_for_id=person, kind="partner")
    other = repo.create_carer(actor, name="Åsa Öberg", unit_ids=[actor.unit_id], status="active")
    repo.create(actor, "relation", carer_id=other, cared_for_id=person, kind="child")
    repo.create(actor, "consent", carer_id=carer, scope="record", given_at=date.today(), given_how="verbal",
                recorded_by=actor.staff_id)
    repo.add_entry(actor, carer, "samtal", {"note": "Nätterna är tunga.", "channel": "phone"})
    start = date.today() - timedelta(days=12)
    repo.add_entry(actor, carer, "korttid", {"stay_kind": "respite_rotation", "stay_start": start.isoformat(),
                                             "stay_end": (start + timedelta(days=7)).isoformat()},
                   form_id=korttid.id, form_version=korttid.version, form_fingerprint=korttid.fingerprint)
    repo.add_entry(actor, carer, "frivillighet",
                   {"check_in_date": (date.today() - timedelta(days=40)).isoformat(), "still_own_choice": "yes",
                    "burden_now": 5, "wants_to_reduce": "no", "respite_need": "more"},
                   occurred_at=datetime.now(UTC) - timedelta(days=40), form_id=checkin.id, form_version=checkin.version, form_fingerprint=checkin.fingerprint)
    repo.save_draft(actor, form_id="samtal", carer_id=carer, data={"note": "Påbörjat"})
    return carer


def test_no_swedish_is_left_on_any_screen_after_switching_to_english(app_window, qtbot, wait_idle):
    from anhorigdesk.ui.pages.entry import load_form_registry
    from anhorigdesk.ui.pages.short_term import CarerPicker

    ctrl, window = app_window
    window.resize(1366, 800)
    carer = _data(ctrl)
    ctrl._forms_loaded(load_form_registry(ctrl.ctx.workspace))
    qtbot.waitUntil(lambda: ctrl.ctx.workspace.schedule_book is not None, timeout=15000)

    visits = [("home", None), ("carers", None), ("carer", carer), ("carer_edit", carer), ("shortterm", None),
              ("sync", None), ("entry", {"carer_id": carer, "kind": "samtal", "carer_name": "Märta Öberg"})]
    for name, argument in visits:
        window.navigate(name, argument)
        wait_idle(ctrl)
    carers = window.pages["carers"]
    carers.search.setText("Öberg")
    qtbot.waitUntil(lambda: carers.model.query == "Öberg" and not carers.model.is_loading)
    assert carers.count_label.text() == "2 anhöriga hittade"
    home = window.pages["home"]
    due = home._due_view
    qtbot.waitUntil(lambda: due.mine.topLevelItemCount() >= 1, timeout=15000)
    qtbot.waitUntil(lambda: due.notice.isVisibleTo(home) and due.notice.text().startswith("Försenat"),
                    timeout=15000)
    assert window.statusBar().currentMessage().startswith("Påminnelse")
    shortterm = window.pages["shortterm"]
    shortterm.tabs.setCurrentIndex(2)
    picker = CarerPicker(ctrl.ctx, window)
    picker.search.setText("Öberg")
    qtbot.waitUntil(lambda: picker.results.count() == 2, timeout=5000)

    ctrl.set_preferences(dataclasses.replace(ctrl.ctx.prefs, language="en"))
    qtbot.waitUntil(lambda: home.heading.text() == "Home" and picker.windowTitle() == "New stay")
    wait_idle(ctrl)
    patterns = swedish_patterns()

    # as they stand: nothing rebuilt by visiting them again
    left = []
    for name in ("home", "carers", "carer", "carer_edit", "shortterm"):
        page = window.pages.built(name)
        left += [f"[{name}] {text}" for text in swedish_left(page, patterns)]
    left += [f"[korttid chooser] {text}" for text in swedish_left(picker, patterns)]
    left += [f"[status bar] {text}" for text in swedish_left(window.statusBar(), patterns)]
    named = [carers.count_label.text(), due.notice.text()]
    # "All support contacts" whole, not "All support contact" (the combo was sized for Swedish)
    window.navigate("carers")
    combo = carers.contact_filter
    qtbot.waitUntil(lambda: combo.currentText() == "All support contacts")
    text_room = combo.style().subControlRect(QStyle.ComplexControl.CC_ComboBox, _combo_option(combo),
                                             QStyle.SubControl.SC_ComboBoxEditField, combo).width()
    assert text_room >= combo.fontMetrics().horizontalAdvance("All support contacts"), text_room

    # and visited again
    for name, argument in visits:
        window.navigate(name, argument)
        wait_idle(ctrl)
        left += [f"[{name}, visited] {text}" for text in swedish_left(window.pages.built(name), patterns)]
    picker.deleteLater()
    assert left == [], "\n".join(left)
    assert named[0] == "2 carers found"
    assert named[1].startswith("Overdue: ")
