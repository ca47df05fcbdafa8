"""The carer's support plan (stödplan), printed for the carer to take home.

From a stored stödplan response: first what was agreed — the actions with who does them and
by when, the next review date and the carer's contact person — then the carer's situation as
told in the conversation (the answered questions outside the plan section). Written to the
carer ("Din stödplan", "Det här berättade du"), in the voice of the form's own questions.

Which questions hold the plan is set by `SupportPlanFields` (defaults fit the built-in
`stodplan` form); a municipality's own stödplan form can name its own ids.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, KeepTogether

from anhorigdesk.forms import (
    Question,
    QuestionKind,
    is_answered,
    visible_questions,
    visible_sub_questions,
)

from .answer_text import answer_text, parse_date
from .blocks import data_table, key_values, label_column_width, panel, para
from .entry import PrintableEntry, Reader, check_may_print
from .errors import PrintInputError
from .layout import build_pdf, closing_with_last, write_pdf
from .municipality import Municipality
from .response import (
    FRAME_WIDTH,
    EntryContext,
    column_widths,
    entry_closing,
    entry_context,
    question_block,
)


@dataclass(frozen=True)
class ContactPerson:
    """The carer's named contact (stödkontakt) as printed: name, role, phone, e-mail."""

    name: str
    phone: str | None = None
    role: str | None = None
    email: str | None = None


@dataclass(frozen=True)
class SupportPlanFields:
    """Question ids of the plan parts in the stödplan form."""

    plan_section: str = "plan"
    actions: str = "actions"
    action_what: str = "what"
    action_who: str = "who"
    action_when: str = "by_when"
    next_review: str = "next_review"
    conversation_date: str = "interview_date"


def _find(form_questions: Mapping[str, Question], qid: str, kind: QuestionKind,
          entry: PrintableEntry) -> Question:
    q = form_questions.get(qid)
    if q is None or q.kind != kind:
        raise PrintInputError(
            f"form {entry.form.id} version {entry.form.version}: no {kind.value} question "
            f"{qid!r}, so it cannot print as a support plan")
    return q


def actions_table(ctx: EntryContext, group: Question, value: Any,
                  outer: Mapping[str, tuple[Question, Any]], fields: SupportPlanFields) -> list[Flowable]:
    st, cat, lang = ctx.st, ctx.cat, ctx.lang
    rows = [r for r in (value or []) if isinstance(r, Mapping)]
    if not rows:
        return [para(cat.text("common.none_agreed"), st.body)]
    main = [(fields.action_what, cat.text("support_plan.col_action")),
            (fields.action_who, cat.text("support_plan.col_who")),
            (fields.action_when, cat.text("support_plan.col_when"))]
    main_ids = {qid for qid, _ in main}
    shown = [{q.id for q in visible_sub_questions(group, r, outer)} for r in rows]
    # other columns (e.g. a follow-up date) only when some row has an answer there
    extra = [q for q in group.questions if q.id not in main_ids
             and any(q.id in ids and is_answered(r.get(q.id)) for r, ids in zip(rows, shown, strict=True))]
    columns: list[tuple[Question, str]] = []
    for qid, heading in main:
        sub = group.sub_question(qid)
        if sub is not None:
            columns.append((sub, heading))
    columns += [(q, q.text.get(lang)) for q in extra]
    cells = []
    for row, ids in zip(rows, shown, strict=True):
        cells.append([answer_text(q, row.get(q.id), lang, cat) if q.id in ids
                      and row.get(q.id) not in (None, "") else ""
                      for q, _ in columns])
    if st.large_print:
        # 16 pt in three columns breaks long Swedish words; one block per action reads better
        return action_blocks(ctx, [h for _, h in columns], cells)
    header = [h for _, h in columns]
    widths = column_widths([q for q, _ in columns], st, FRAME_WIDTH, first_weight=1.5,
                           texts=[header, *cells])
    return [data_table(header, cells, st, widths)]


def action_blocks(ctx: EntryContext, headings: list[str], cells: list[list[str]]) -> list[Flowable]:
    """Each agreed action as a numbered heading with who / by when below it (large print)."""
    st = ctx.st
    label_width = label_column_width(headings[1:], st, FRAME_WIDTH) if headings[1:] else None
    out: list[Flowable] = []
    for number, row in enumerate(cells, start=1):
        what = row[0] if row else ""
        out.append(para(f"{number}. {what}", st.h2))
        pairs = [(h, v) for h, v in zip(headings[1:], row[1:], strict=True) if v]
        if pairs:
            out.append(key_values(pairs, st, FRAME_WIDTH, label_width))
    return out


def support_plan_story(ctx: EntryContext, contact_person: ContactPerson | None,
                       fields: SupportPlanFields) -> list[Flowable]:
    e, st, cat, lang = ctx.entry, ctx.st, ctx.cat, ctx.lang
    top = {q.id: q for q in e.form.questions()}
    group = _find(top, fields.actions, QuestionKind.REPEATING_GROUP, e)
    review_q = _find(top, fields.next_review, QuestionKind.DATE, e)
    visible = visible_questions(e.form, e.answers)
    outer = {q.id: (q, e.answers.get(q.id)) for q in visible}
    held = {fields.actions, fields.next_review, fields.conversation_date}
    conversation_day = parse_date(e.answers.get(fields.conversation_date)) or e.date

    story: list[Flowable] = [
        para(ctx.setup.title, st.title),
        para(cat.text("common.for_carer", name=e.carer_display_name), st.h2),
        para(cat.text("common.written_by", author=e.author_name, unit=e.unit_name,
                      date=cat.date(conversation_day)), st.subtitle),
    ]

    # What was agreed comes first: the actions, the review date and whom to call.
    story.append(para(cat.text("support_plan.actions_heading"), st.h1))
    story.extend(actions_table(ctx, group, e.answers.get(group.id), outer, fields))

    visible_ids = {q.id for q in visible}
    review_day = parse_date(e.answers.get(review_q.id)) if review_q.id in visible_ids else None
    review_text = (cat.text("support_plan.review", date=cat.date(review_day)) if review_day
                   else cat.text("support_plan.no_review"))
    story.append(KeepTogether([para(cat.text("support_plan.review_heading"), st.h1),
                               para(review_text, st.body)]))

    if contact_person is not None:
        rows = [(cat.text("handout.staff_name"), contact_person.name)]
        if contact_person.role:
            rows[0] = (cat.text("handout.staff_name"),
                       f"{contact_person.name}, {contact_person.role}")
        if contact_person.phone:
            rows.append((cat.text("handout.phone"), contact_person.phone))
        if contact_person.email:
            rows.append((cat.text("handout.email"), contact_person.email))
        story.append(KeepTogether([
            para(cat.text("support_plan.contact_heading"), st.h1),
            panel([key_values(rows, st, FRAME_WIDTH - 20)], FRAME_WIDTH),
        ]))

    # Then what the carer told: answered questions outside the plan section, by section.
    situation: list[Flowable] = []
    for section in e.form.sections:
        if section.id == fields.plan_section:
            continue
        shown = [q for q in section.questions if q.id not in held and q.id in visible_ids
                 and is_answered(e.answers.get(q.id))]
        if not shown:
            continue
        situation.append(para(section.title.get(lang), st.h2))
        for q in shown:
            situation.extend(question_block(ctx, q, e.answers.get(q.id), outer))
    if situation:
        story.append(para(cat.text("support_plan.situation_heading"), st.h1))
        story.extend(situation)
    return closing_with_last(story, entry_closing(ctx, form_version=False))


def render_support_plan(
    entry: PrintableEntry,
    municipality: Municipality,
    *,
    contact_person: ContactPerson | None = None,
    reader: Reader | str = Reader.CARER,
    fields: SupportPlanFields | None = None,
    large_print: bool = False,
    printed_on: dt.date | None = None,
    path: str | Path | None = None,
) -> bytes:
    """The carer's support plan as PDF bytes (also written to `path` if given).

    Raises `PrintNotAllowedError` (confidentiality/consent) or `PrintInputError` (the form has
    no actions group / review date under the ids in `fields`).
    """
    check_may_print(entry, reader)
    ctx = entry_context(entry, municipality, title_key="support_plan.title",
                        subject_key="support_plan.subject", kind="support_plan",
                        large_print=large_print, printed_on=printed_on)
    data = build_pdf(ctx.setup, support_plan_story(ctx, contact_person,
                                                   fields or SupportPlanFields()))
    if path is not None:
        write_pdf(data, path)
    return data
