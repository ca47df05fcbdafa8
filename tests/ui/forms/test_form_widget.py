"""The form widget, driven through its widgets as a user would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtGui import QKeyEvent  # tests only: typing non-ASCII letters

from anhorigdesk.forms import (
    FormDefinition,
    FormRegistry,
    Question,
    QuestionKind,
    builtin_forms_dir,
    raised_flags,
    validate_answers,
)
from anhorigdesk.ui.forms import FormWidget
from anhorigdesk.ui.forms.editors import GroupEditor, QuestionEditor
from anhorigdesk.ui.qt import QApplication, QEvent, QLineEdit, QPlainTextEdit, Qt, QWidget

BUILTIN_IDS = ["frivillighet", "korttid", "samtal", "stodplan"]


def type_keys(qtbot, widget: QWidget, text: str) -> None:
    """Type text key by key; QTest cannot type å, ä, ö, so those go as key events with text."""
    for char in text:
        if char.isascii():
            qtbot.keyClick(widget, char)
        else:
            for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
                QApplication.sendEvent(widget, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


def type_into(qtbot, widget: QWidget, text: str) -> None:
    widget.setFocus()
    type_keys(qtbot, widget, text)
    if isinstance(widget, QLineEdit):
        widget.editingFinished.emit()


def fill_editor(qtbot, editor: QuestionEditor, question: Question) -> None:
    """Answer one question through its widgets with a valid value of its kind."""
    kind = question.kind
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        type_into(qtbot, editor.focus_widgets()[0], f"Svar på {question.id}")
    elif kind == QuestionKind.DATE:
        type_into(qtbot, editor.focus_widgets()[0], "2026-11-27")
    elif kind == QuestionKind.NUMBER:
        type_into(qtbot, editor.focus_widgets()[0], "12")
    elif kind == QuestionKind.YES_NO_UNSURE:
        editor.options.buttons["yes"].click()
    elif kind == QuestionKind.SINGLE_CHOICE:
        editor.options.buttons[question.choices[0].value].click()
    elif kind == QuestionKind.MULTI_CHOICE:
        for box in list(editor.boxes.values())[:2]:
            box.click()
        if "respite" in editor.boxes and not editor.boxes["respite"].isChecked():
            editor.boxes["respite"].click()
    elif kind == QuestionKind.SCALE:
        editor.options.buttons[str(int(question.max))].click()
    elif kind == QuestionKind.CHECKLIST_ITEM:
        editor.options.buttons["done"].click()
        type_into(qtbot, editor.comment, "Gick bra")
    elif kind == QuestionKind.REPEATING_GROUP:
        assert isinstance(editor, GroupEditor)
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        row = editor.rows[-1]
        for sub in question.questions:
            if row.editors[sub.id].shown:
                fill_editor(qtbot, row.editors[sub.id], sub)
    else:  # pragma: no cover
        raise AssertionError(kind)


def fill_form(qtbot, widget: FormWidget) -> None:
    """Answer every visible question in order (answers can reveal later questions)."""
    for question in widget.definition.questions():
        editor = widget.editor(question.id)
        if editor.shown:
            fill_editor(qtbot, editor, question)


def make_widget(qtbot, definition: FormDefinition, **kwargs: Any) -> FormWidget:
    widget = FormWidget(definition, **kwargs)
    qtbot.addWidget(widget)
    widget.resize(900, 1000)
    with qtbot.waitActive(widget):
        widget.show()
        widget.activateWindow()
    return widget


@pytest.mark.parametrize("form_id", BUILTIN_IDS)
def test_fill_finish_and_reopen_read_only(qtbot, registry: FormRegistry, form_id: str) -> None:
    definition = registry.current(form_id)
    drafts: list[dict[str, Any]] = []
    widget = make_widget(qtbot, definition, save_draft=drafts.append)
    fill_form(qtbot, widget)
    with qtbot.waitSignal(widget.finished, timeout=2000) as finished:
        assert widget.finish(), [p.text("en") for p in widget.problems()]
    answers = finished.args[0]
    assert answers == widget.answers()
    assert validate_answers(definition, answers, final=True) == []
    assert drafts, "focus leaving the fields saved drafts"
    # every visible question got an answer of its kind
    assert all(qid in answers for qid, e in ((q.id, widget.editor(q.id)) for q in definition.questions())
               if e.shown)
    if form_id in ("frivillighet", "stodplan"):
        assert "burden_high" in [f.flag_id for f in raised_flags(definition, answers)]

    # reopen the stored response, read-only, with the definition it was made with
    stored = registry.get(definition.id, definition.version, definition.fingerprint)
    reopened = make_widget(qtbot, stored, answers=answers, read_only=True)
    assert reopened.answers() == answers
    assert reopened.is_read_only()
    for question in stored.questions():
        for w in reopened.editor(question.id).focus_widgets():
            if isinstance(w, (QLineEdit, QPlainTextEdit)):
                assert w.isReadOnly()
            else:
                assert not w.isEnabled()
    assert not reopened.save_draft_now()


def test_conditions_apply_live(qtbot, registry: FormRegistry) -> None:
    widget = make_widget(qtbot, registry.current("frivillighet"))
    why = widget.editor("not_own_choice_why")
    assert not why.shown
    widget.editor("still_own_choice").options.buttons["no"].click()
    assert why.shown
    type_into(qtbot, why.focus_widgets()[0], "Ingen annan finns")
    assert widget.answers()["not_own_choice_why"] == "Ingen annan finns"
    widget.editor("still_own_choice").options.buttons["yes"].click()
    assert not why.shown
    assert "not_own_choice_why" not in widget.answers()
    # clicking the checked option again clears the answer
    widget.editor("still_own_choice").options.buttons["yes"].click()
    assert "still_own_choice" not in widget.answers()


def test_section_condition_and_group_row_condition(qtbot, registry: FormRegistry) -> None:
    widget = make_widget(qtbot, registry.current("korttid"))
    assert not widget.editor("term").shown
    widget.editor("is_term_follow_up").options.buttons["yes"].click()
    assert widget.editor("term").shown
    assert widget.editor("routines_held").shown


def test_finish_shows_problems_inline_and_focuses_the_first(qtbot, registry: FormRegistry) -> None:
    widget = make_widget(qtbot, registry.current("samtal"))
    widget.activateWindow()
    with qtbot.assertNotEmitted(widget.finished):
        assert not widget.finish()
    first = widget.editor("conversation_date")
    assert not first.problem.isHidden()
    assert first.problem.text() == "Frågan måste besvaras."
    qtbot.waitUntil(lambda: first.focus_widgets()[0].hasFocus(), timeout=2000)
    assert {p.question_id for p in widget.problems()} == {
        "conversation_date", "participants", "note", "perspective_parts", "support_info_offered"}
    # answering clears that question's problem at once (final mode stays on)
    type_into(qtbot, first.focus_widgets()[0], "2026-02-30")
    assert first.problem.text() == "Datumet ska skrivas ÅÅÅÅ-MM-DD och finnas i kalendern."
    first.focus_widgets()[0].clear()
    type_into(qtbot, first.focus_widgets()[0], "2026-02-27")
    assert first.problem.isHidden()


def test_number_field_accepts_decimal_comma_and_flags_text(qtbot) -> None:
    text = (builtin_forms_dir() / "stodplan.yaml").read_text(encoding="utf-8")
    from anhorigdesk.forms import load_form_text

    definition = load_form_text(text, source="stodplan.yaml")
    widget = make_widget(qtbot, definition, language="en")
    hours = widget.editor("hours_per_week")
    type_into(qtbot, hours.focus_widgets()[0], "many")
    assert hours.problem.text() == "The answer should be a number."
    hours.focus_widgets()[0].clear()
    type_into(qtbot, hours.focus_widgets()[0], "12,5")
    assert widget.answers()["hours_per_week"] == 12.5
    assert hours.problem.text() == "The answer should be a whole number."
    hours.focus_widgets()[0].clear()
    type_into(qtbot, hours.focus_widgets()[0], "14")
    assert widget.answers()["hours_per_week"] == 14
    assert hours.problem.isHidden()


def test_repeating_group_rows_through_buttons(qtbot, registry: FormRegistry) -> None:
    widget = make_widget(qtbot, registry.current("stodplan"))
    actions = widget.editor("actions")
    assert isinstance(actions, GroupEditor)
    for n in range(3):
        qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
        type_into(qtbot, actions.rows[n].editors["what"].focus_widgets()[0], f"Insats {n}")
        type_into(qtbot, actions.rows[n].editors["who"].focus_widgets()[0], "Konsulenten")
    assert [r["what"] for r in widget.answers()["actions"]] == ["Insats 0", "Insats 1", "Insats 2"]
    assert actions.rows[1].box.title() == "Insats 2"
    qtbot.mouseClick(actions.rows[1].remove_button, Qt.MouseButton.LeftButton)
    assert [r["what"] for r in widget.answers()["actions"]] == ["Insats 0", "Insats 2"]
    assert actions.rows[1].box.title() == "Insats 2"
    # a row with a missing required field gets its problem on that field
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    widget.finish()
    assert actions.rows[2].editors["what"].problem.text() == "Frågan måste besvaras."
    assert actions.rows[2].editors["what"].focus_widgets()[0] is not None


def test_tab_order_follows_the_form_including_new_rows(qtbot, registry: FormRegistry) -> None:
    widget = make_widget(qtbot, registry.current("stodplan"))
    widget.activateWindow()
    actions = widget.editor("actions")
    qtbot.mouseClick(actions.add_button, Qt.MouseButton.LeftButton)
    what = actions.rows[0].editors["what"].focus_widgets()[0]
    expected = [
        what,
        actions.rows[0].editors["who"].focus_widgets()[0],
        *actions.rows[0].editors["by_when"].focus_widgets(),  # the date, then its calendar button
        *actions.rows[0].editors["follow_up"].focus_widgets(),
        actions.rows[0].remove_button,
        actions.add_button,
        widget.editor("next_review").focus_widgets()[0],
    ]
    what.setFocus()
    qtbot.waitUntil(what.hasFocus, timeout=2000)
    for target in expected[1:]:
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        assert QApplication.focusWidget() is target


def test_every_input_has_an_accessible_name(qtbot, registry: FormRegistry) -> None:
    definition = registry.current("korttid")
    widget = make_widget(qtbot, definition)
    for question in definition.questions():
        editor = widget.editor(question.id)
        for w in editor.focus_widgets():
            assert question.text.get("sv") in w.accessibleName()
    done = widget.editor("welcome_talk").options.buttons["done"]
    assert done.accessibleName().endswith(": Gjort")
    assert "Vem gör: Kontaktpersonen" in widget.editor("welcome_talk").help.text()


def test_autosave_every_few_seconds_and_on_focus_out(qtbot, registry: FormRegistry) -> None:
    saved: list[dict[str, Any]] = []
    widget = make_widget(qtbot, registry.current("samtal"), save_draft=saved.append, autosave_ms=200)
    assert widget.autosave_interval() == 200
    note = widget.editor("note").focus_widgets()[0]
    note.setFocus()
    type_keys(qtbot, note, "Testperson Anka ringde.")
    assert widget.is_dirty()
    with qtbot.waitSignal(widget.draft_saved, timeout=3000):
        pass  # the timer fires while the focus stays in the field
    assert saved[-1] == {"note": "Testperson Anka ringde."}
    assert not widget.is_dirty()
    # nothing changed → the timer does not save again
    count = len(saved)
    for _ in range(2):  # two ticks of the timer go by (its tick runs before this wait ends)
        with qtbot.waitSignal(widget._autosave.timeout, timeout=3000):
            pass
    assert len(saved) == count
    # focus leaving a changed field saves at once
    widget.set_autosave_interval(60_000)
    type_keys(qtbot, note, " Vill ha samtal.")
    with qtbot.waitSignal(widget.draft_saved, timeout=1000):
        widget.editor("participants").focus_widgets()[0].setFocus()
    assert saved[-1]["note"] == "Testperson Anka ringde. Vill ha samtal."


def test_a_failing_save_draft_keeps_the_form_usable(qtbot, registry: FormRegistry, caplog) -> None:
    def broken(_answers: dict[str, Any]) -> None:
        raise OSError("disk full")

    widget = make_widget(qtbot, registry.current("samtal"), save_draft=broken)
    widget.editor("participants").focus_widgets()[0].setFocus()
    type_keys(qtbot, widget.editor("participants").focus_widgets()[0], "Testperson")
    with qtbot.waitSignal(widget.draft_failed, timeout=1000):
        assert not widget.save_draft_now()
    assert widget.is_dirty()
    assert "OSError" in caplog.text
    assert "Testperson" not in caplog.text and "disk full" not in caplog.text


def test_language_argument_and_switch_keep_answers(qtbot, registry: FormRegistry) -> None:
    definition = registry.current("frivillighet")
    widget = make_widget(qtbot, definition, language="en")
    assert widget.editor("still_own_choice").options.buttons["no"].text() == "No"
    widget.editor("still_own_choice").options.buttons["no"].click()
    type_into(qtbot, widget.editor("comments").focus_widgets()[0], "Trött")
    before = widget.answers()
    widget.set_language("sv")
    assert widget.language == "sv"
    assert widget.editor("still_own_choice").options.buttons["no"].text() == "Nej"
    assert widget.answers() == before


def test_version_1_response_renders_unchanged_after_version_2(qtbot, tmp_path: Path) -> None:
    v1_registry = FormRegistry.load()
    v1 = v1_registry.current("frivillighet")
    stored_json = v1_registry.remember(v1)
    answers = {"check_in_date": "2026-05-04", "still_own_choice": "yes", "burden_now": 2,
               "changes_since_last": "Mer stöd från grannen.", "wants_to_reduce": "no"}
    text = (builtin_forms_dir() / "frivillighet.yaml").read_text(encoding="utf-8")
    start, end = text.index("      - id: changes_since_last"), text.index("  - id: wishes")
    v2_text = text.replace("version: 1", "version: 2")[:start] + "\n" + text[end:]
    folder = tmp_path / "kommun"
    folder.mkdir()
    (folder / "frivillighet.yaml").write_text(v2_text.replace("version: 1", "version: 2"), encoding="utf-8")
    later = FormRegistry.load(municipality_dir=folder)
    later.add_stored(stored_json)
    assert later.current("frivillighet").version == 2

    old = later.get("frivillighet", 1, v1.fingerprint)
    widget = make_widget(qtbot, old, answers=answers, read_only=True)
    assert widget.answers() == answers
    changes = widget.editor("changes_since_last")
    assert changes.shown
    assert changes.focus_widgets()[0].toPlainText() == "Mer stöd från grannen."
    new = make_widget(qtbot, later.current("frivillighet"), answers=answers, read_only=True)
    assert "changes_since_last" not in new.answers()


def tab_to(qtbot, target: QWidget, limit: int = 40) -> None:
    """Press Tab until the target has focus (fails if Tab never reaches it)."""
    for _ in range(limit):
        if QApplication.focusWidget() is target:
            return
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    raise AssertionError(f"Tab did not reach {target.objectName()}")


def test_voluntariness_check_in_with_the_keyboard_only(qtbot, registry: FormRegistry) -> None:
    definition = registry.current("frivillighet")
    saved: list[dict[str, Any]] = []
    widget = make_widget(qtbot, definition, save_draft=saved.append)
    first = widget.editor("check_in_date").focus_widgets()[0]
    first.setFocus()
    qtbot.waitUntil(first.hasFocus, timeout=2000)
    type_keys(qtbot, first, "2026-11-27")
    choice = widget.editor("still_own_choice").options.buttons
    tab_to(qtbot, choice["no"])
    qtbot.keyClick(choice["no"], Qt.Key.Key_Space)
    why = widget.editor("not_own_choice_why").focus_widgets()[0]
    tab_to(qtbot, why)  # revealed by the answer, and next in the tab order
    type_keys(qtbot, why, "Ingen annan kan hjälpa till just nu.")
    burden = widget.editor("burden_now").options.buttons["5"]
    tab_to(qtbot, burden)
    qtbot.keyClick(burden, Qt.Key.Key_Space)
    reduce = widget.editor("wants_to_reduce").options.buttons["yes"]
    tab_to(qtbot, reduce)
    qtbot.keyClick(reduce, Qt.Key.Key_Space)
    assert saved, "leaving the text fields saved the draft"
    with qtbot.waitSignal(widget.finished, timeout=2000) as finished:
        assert widget.finish()
    answers = finished.args[0]
    assert answers == {"check_in_date": "2026-11-27", "still_own_choice": "no",
                       "not_own_choice_why": "Ingen annan kan hjälpa till just nu.",
                       "burden_now": 5, "wants_to_reduce": "yes"}
    assert [f.flag_id for f in raised_flags(definition, answers)] == [
        "not_voluntary", "burden_high", "wants_to_reduce_or_stop"]
    # Space on the checked option clears it again
    qtbot.keyClick(reduce, Qt.Key.Key_Space)
    assert "wants_to_reduce" not in widget.answers()
