"""Carers of the same name are told apart wherever one is picked, and registering one who
looks like a carer already registered warns first (issue 20, item 1)."""

from __future__ import annotations

from datetime import date

from anhorigdesk.ui.models.carers import CarerListModel
from anhorigdesk.ui.qt import Qt


def _two_ainos(ctrl):
    repo, actor = ctrl.ctx.workspace.repository, ctrl.ctx.workspace.actor
    first = repo.create_carer(actor, name="Aino Fantasiholm", unit_ids=[actor.unit_id], status="active",
                              birth_date=date(1948, 3, 2), address="Exempelvägen 3, 123 45 Exempelby",
                              phone="070-174 06 50", support_contact_id=actor.staff_id)
    second = repo.create_carer(actor, name="Aino Fantasiholm", unit_ids=[actor.unit_id], status="active",
                               personnummer="19121212-1212", address="Demogränd 9, 123 46 Påhittby")
    karl = repo.create(actor, "cared_for", name="Karl Fantasiholm", birth_year=1945)
    repo.create(actor, "relation", carer_id=first, cared_for_id=karl, kind="partner")
    repo.create(actor, "relation", carer_id=second, cared_for_id=karl, kind="child")
    return first, second


def test_the_list_search_chooser_home_and_cares_for_tell_two_carers_of_one_name_apart(
        app_window, qtbot, wait_idle):
    ctrl, window = app_window
    first, second = _two_ainos(ctrl)

    # the carer list, and the search results
    window.navigate("carers")
    page = window.pages["carers"]
    qtbot.waitUntil(lambda: page.model.rowCount() == 2)
    who = {page.model.carer_id(r): page.model.index(r, CarerListModel.WHO).data() for r in range(2)}
    assert who[first] == "f. 1948 · Exempelvägen 3, Exempelby · stöd till Karl Fantasiholm"
    assert who[second] == "f. 1912 · Demogränd 9, Påhittby · stöd till Karl Fantasiholm"
    assert page.model.headerData(CarerListModel.WHO, Qt.Orientation.Horizontal) == "Född · adress · ger stöd till"
    page.search.setText("Fantasiholm")
    qtbot.waitUntil(lambda: page.model.query == "Fantasiholm" and not page.model.is_loading)
    found = sorted(page.model.index(r, CarerListModel.WHO).data() for r in range(page.model.rowCount()))
    assert found == sorted(who.values())
    tip = page.model.index(0, CarerListModel.NAME).data(Qt.ItemDataRole.ToolTipRole)
    assert tip.startswith("Aino Fantasiholm (f. 19")

    # the korttid chooser
    from anhorigdesk.ui.pages.short_term import CarerPicker

    picker = CarerPicker(ctrl.ctx, window)
    picker.search.setText("Aino")
    qtbot.waitUntil(lambda: picker.results.count() == 2, timeout=5000)
    texts = sorted(picker.results.item(i).text() for i in range(2))
    assert texts == ["Aino Fantasiholm (f. 1912 · Demogränd 9, Påhittby · stöd till Karl Fantasiholm)",
                     "Aino Fantasiholm (f. 1948 · Exempelvägen 3, Exempelby · stöd till Karl Fantasiholm)"]
    picker.deleteLater()

    # the carer page: Karl is cared for by both; the other Aino is named, told apart, one step away
    window.navigate("carer", first)
    carer = window.pages["carer"]
    qtbot.waitUntil(lambda: carer.relations_list.count() == 2)
    other = carer.relations_list.item(1)
    assert other.text().strip() == ("också anhörig: Aino Fantasiholm (f. 1912 · Demogränd 9, Påhittby · "
                                    "stöd till Karl Fantasiholm)")
    carer.relations_list.itemActivated.emit(other)
    qtbot.waitUntil(lambda: carer.carer_id == second and carer.carer.get("id") == second)

    # home: recent carers, and the due list's carer column (and its tooltip)
    window.navigate("home")
    home = window.pages["home"]
    qtbot.waitUntil(lambda: home.recent_list.count() == 2)
    recent = sorted(home.recent_list.item(i).text() for i in range(2))
    assert recent == texts
    due = home._due_view
    qtbot.waitUntil(lambda: due.mine.topLevelItemCount() >= 1, timeout=15000)
    row = due.mine.topLevelItem(0)
    assert row.text(2) == "Aino Fantasiholm, f. 1948"
    assert row.toolTip(2) == texts[1]


def test_a_new_carer_like_a_registered_one_is_not_created_before_the_user_says_so(app_window, qtbot, wait_idle):
    ctrl, window = app_window
    repo = ctrl.ctx.workspace.repository
    first, _second = _two_ainos(ctrl)

    window.actions_by_name["new_carer"].trigger()
    edit = window.pages["carer_edit"]
    qtbot.keyClicks(edit.name, "aino  fantasiholm")  # case and spacing do not hide her
    edit.phone.setText("+46 70 174 06 50")  # the same number, written another way
    edit.save_button.click()
    qtbot.waitUntil(lambda: edit.duplicate_box.isVisible())
    wait_idle(ctrl)
    assert window.current_page_name == "carer_edit"
    assert repo.count_carers() == 2  # nothing created yet
    assert "Aino Fantasiholm (f. 1948 · Exempelvägen 3, Exempelby" in edit.duplicate_text.text()
    assert "Demogränd" not in edit.duplicate_text.text()  # the other one has another phone and no such birth date

    # the registered one is one click away
    edit.duplicate_open.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and window.pages["carer"].carer.get("id") == first)
    assert repo.count_carers() == 2

    # or, really someone else: saved after saying so
    window.actions_by_name["new_carer"].trigger()
    qtbot.keyClicks(edit.name, "Aino Fantasiholm")
    edit.personnummer.setText("19121212-1212")  # the same birth date as the second Aino
    edit.save_button.click()
    qtbot.waitUntil(lambda: edit.duplicate_box.isVisible())
    assert "Demogränd" in edit.duplicate_text.text()
    edit.duplicate_save.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer" and bool(window.pages["carer"].carer))
    assert repo.count_carers() == 3

    # a namesake with nothing else in common is saved at once
    window.actions_by_name["new_carer"].trigger()
    qtbot.keyClicks(edit.name, "Aino Fantasiholm")
    edit.phone.setText("070-174 06 99")
    edit.save_button.click()
    qtbot.waitUntil(lambda: window.current_page_name == "carer")
    wait_idle(ctrl)
    assert repo.count_carers() == 4
    assert not edit.duplicate_box.isVisible()
