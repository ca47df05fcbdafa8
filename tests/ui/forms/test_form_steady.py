"""The form holds still while conditional questions come and go (issue 20, item 11's "the
form jumps"): the question just answered stays where it was under the pointer."""

from __future__ import annotations

from anhorigdesk.forms import FormRegistry
from anhorigdesk.ui.forms import FormWidget
from anhorigdesk.ui.qt import QApplication, QPoint


def settle() -> None:
    for _ in range(5):  # the layout requests the click posted, however many rounds they take
        QApplication.sendPostedEvents()
        QApplication.processEvents()


def test_hiding_a_question_at_the_end_of_the_form_moves_nothing(qtbot) -> None:
    widget = FormWidget(FormRegistry.load().current("frivillighet"), language="sv")
    qtbot.addWidget(widget)
    widget.resize(900, 500)
    widget.show()
    qtbot.waitExposed(widget)
    asked = widget.editor("wants_to_reduce")
    revealed = widget.editor("reduce_which")
    asked.options.buttons["yes"].click()
    settle()
    assert revealed.block.isVisible()
    bar = widget._scroll.verticalScrollBar()
    bar.setValue(bar.maximum())  # at the end of the form, as when the last questions are filled
    settle()
    viewport = widget._scroll.viewport()

    def where() -> tuple[int, int]:
        return asked.block.mapTo(viewport, QPoint(0, 0)).y(), bar.value()

    before = where()
    asked.options.buttons["no"].click()  # the follow-up question goes away
    settle()
    assert not revealed.block.isVisible()
    assert where() == before
    asked.options.buttons["yes"].click()  # and comes back
    settle()
    assert revealed.block.isVisible() and where() == before


def test_a_question_appearing_does_not_narrow_the_form(qtbot) -> None:
    """A short form in a tall window: the scroll bar is there from the start, so revealing a
    question never re-wraps the texts above it."""
    widget = FormWidget(FormRegistry.load().current("frivillighet"), language="sv")
    qtbot.addWidget(widget)
    widget.resize(640, 860)  # the form just fits until a question is revealed
    widget.show()
    qtbot.waitExposed(widget)
    settle()
    width = widget._scroll.viewport().width()
    widget.editor("wants_to_reduce").options.buttons["yes"].click()
    widget.editor("still_own_choice").options.buttons["no"].click()
    settle()
    assert widget._scroll.viewport().width() == width
