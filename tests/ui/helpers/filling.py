"""Filling forms in a test as a user would: typing into fields, answering every question."""

from __future__ import annotations

from datetime import UTC, datetime

from anhorigdesk.forms import Question, QuestionKind
from anhorigdesk.ui.qt import QLineEdit, Qt


def type_into(qtbot, widget, text: str) -> None:
    """Type ASCII text key by key into a field (what a user does)."""
    assert text.isascii(), "QTest types ASCII only"
    widget.setFocus()
    qtbot.keyClicks(widget, text)
    if isinstance(widget, QLineEdit):
        widget.editingFinished.emit()


def fill_editor(qtbot, editor, question: Question, choices: dict[str, str] | None = None) -> None:
    """Answer one question through its widgets (``choices`` overrides option answers)."""
    choices = choices or {}
    kind = question.kind
    if kind in (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT):
        type_into(qtbot, editor.focus_widgets()[0], f"svar {question.id[:12]}")
    elif kind == QuestionKind.DATE:
        type_into(qtbot, editor.focus_widgets()[0], choices.get(question.id, datetime.now(UTC).date().isoformat()))
    elif kind == QuestionKind.NUMBER:
        type_into(qtbot, editor.focus_widgets()[0], "12")
    elif kind == QuestionKind.YES_NO_UNSURE:
        editor.options.buttons[choices.get(question.id, "yes")].click()
    elif kind == QuestionKind.SINGLE_CHOICE:
        editor.options.buttons[choices.get(question.id, question.choices[0].value)].click()
    elif kind == QuestionKind.MULTI_CHOICE:
        for box in list(editor.boxes.values())[:2]:
            box.click()
    elif kind == QuestionKind.SCALE:
        editor.options.buttons[choices.get(question.id, str(int(question.min)))].click()
    elif kind == QuestionKind.CHECKLIST_ITEM:
        editor.options.buttons["done"].click()
    elif kind == QuestionKind.REPEATING_GROUP:
        qtbot.mouseClick(editor.add_button, Qt.MouseButton.LeftButton)
        row = editor.rows[-1]
        for sub in question.questions:
            if row.editors[sub.id].shown:
                fill_editor(qtbot, row.editors[sub.id], sub, choices)
    else:  # pragma: no cover
        raise AssertionError(kind)


def fill_form(qtbot, widget, choices: dict[str, str] | None = None) -> None:
    """Answer every visible question in order (answers can reveal later questions)."""
    for question in widget.definition.questions():
        editor = widget.editor(question.id)
        if editor.shown and (question.required or (choices and question.id in choices)
                             or question.kind != QuestionKind.LONG_TEXT):
            fill_editor(qtbot, editor, question, choices)
