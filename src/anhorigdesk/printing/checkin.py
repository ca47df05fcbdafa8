"""Summary of the latest voluntariness (frivillighet) check-in, for the carer.

What was agreed (given by the caller, e.g. from the conversation note or the updated plan)
and when the next check-in is come first, then what the carer told (the answered questions of
the check-in). The next check-in's date is the scheduling core's (the same the carer page
shows); the print dialog passes it in.
The follow-up flags the answers raise are for staff and are not printed.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether

from anhorigdesk.forms import is_answered, visible_questions

from .answer_text import parse_date
from .blocks import bullets, para
from .entry import PrintableEntry, Reader, check_may_print
from .layout import build_pdf, closing_with_last, write_pdf
from .municipality import Municipality
from .response import EntryContext, entry_closing, entry_context, entry_heading, question_block

#: The check-in's own date question in the built-in `frivillighet` form.
CHECKIN_DATE_QUESTION = "check_in_date"


def checkin_story(ctx: EntryContext, agreed: Sequence[str], next_checkin: dt.date | None,
                  date_question: str) -> list[Flowable]:
    e, st, cat = ctx.entry, ctx.st, ctx.cat
    day = parse_date(e.answers.get(date_question)) or e.date
    story: list[Flowable] = entry_heading(ctx, when=day)
    story.append(para(cat.text("checkin.intro"), st.body))

    # What was agreed and when we talk again come first; what the carer told after.
    items = [a.strip() for a in agreed if a and a.strip()]
    story.append(KeepTogether([
        para(cat.text("checkin.agreed_heading"), st.h1),
        *(bullets(items, st) if items else [para(cat.text("common.none_agreed"), st.body)]),
    ]))
    if next_checkin is not None:
        story.append(KeepTogether([para(cat.text("checkin.next_heading"), st.h1),
                                   para(cat.text("checkin.next", date=cat.date(next_checkin)),
                                        st.body)]))

    visible = visible_questions(e.form, e.answers)
    outer = {q.id: (q, e.answers.get(q.id)) for q in visible}
    told: list[Flowable] = []
    for q in visible:
        value = e.answers.get(q.id)
        if q.id == date_question or not is_answered(value):
            continue  # the check-in date is in the heading; unanswered questions are left out
        told.extend(question_block(ctx, q, value, outer))
    story.append(para(cat.text("checkin.answers_heading"), st.h1))
    story.extend(told or [para(cat.text("common.none_agreed"), st.body)])
    return closing_with_last(story, entry_closing(ctx, form_version=False))


def render_checkin_summary(
    entry: PrintableEntry,
    municipality: Municipality,
    *,
    agreed: Sequence[str] = (),
    next_checkin: dt.date | None = None,
    reader: Reader | str = Reader.CARER,
    date_question: str = CHECKIN_DATE_QUESTION,
    large_print: bool = False,
    printed_on: dt.date | None = None,
    path: str | Path | None = None,
) -> bytes:
    """The summary of one voluntariness check-in as PDF bytes (also written to `path`).

    `agreed` lists what the carer and staff agreed (one line each); `next_checkin` is the
    date of the next check-in, if one is planned. Raises `PrintNotAllowedError` when the
    entry may not be printed for `reader`.
    """
    check_may_print(entry, reader)
    ctx = entry_context(entry, municipality, title_key="checkin.title",
                        subject_key="checkin.subject", kind="checkin_summary",
                        large_print=large_print, printed_on=printed_on)
    data = build_pdf(ctx.setup, checkin_story(ctx, agreed, next_checkin, date_question))
    if path is not None:
        write_pdf(data, path)
    return data
