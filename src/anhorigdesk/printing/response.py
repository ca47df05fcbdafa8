"""Any stored form response, printed faithfully for the form version it was made with.

Every visible question of that version is printed in form order with its answer (or "Inget
svar"); repeating groups print as tables (or, with many columns, as one block per row).
Help texts and section intros are instructions for staff and are not printed.

The helpers at the top (`entry_setup`, `entry_heading`, ...) are shared by the other
form-based documents (support plan, check-in summary).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Flowable, KeepTogether, Spacer

from anhorigdesk.forms import Question, QuestionKind, visible_questions, visible_sub_questions

from .answer_text import answer_lines, answer_text
from .blocks import bullets, data_table, key_values, para
from .entry import Confidentiality, PrintableEntry, Reader, check_may_print
from .layout import MARGIN_X, PAGE_WIDTH, PageSetup, build_pdf, closing_with_last, write_pdf
from .municipality import Municipality
from .style import Styles
from .texts import Catalog, load_catalog

FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
#: Repeating groups with more sub-questions than this print as blocks, not as a table.
MAX_TABLE_COLUMNS = 5


@dataclass(frozen=True)
class EntryContext:
    """Language, texts and styles chosen for one entry's printout."""

    entry: PrintableEntry
    lang: str
    cat: Catalog
    setup: PageSetup

    @property
    def st(self) -> Styles:
        return self.setup.styles


def entry_context(entry: PrintableEntry, municipality: Municipality, *, title_key: str | None,
                  subject_key: str, kind: str, large_print: bool,
                  printed_on: dt.date | None) -> EntryContext:
    """Pick the language for the carer and build the page setup (no personal data in it)."""
    lang = municipality.language_for(entry.preferred_language)
    cat = load_catalog(lang)
    title = cat.text(title_key) if title_key else entry.form.title.get(lang)
    setup = PageSetup(
        title=title,
        catalog=cat,
        municipality_name=municipality.name.get(lang),
        author=entry.author_name,
        subject=cat.text(subject_key),
        printed_on=printed_on or dt.date.today(),
        logo=municipality.logo,
        large_print=large_print,
        keywords=(kind, entry.form.id, f"version {entry.form.version}", lang),
    )
    return EntryContext(entry, lang, cat, setup)


def entry_heading(ctx: EntryContext, when: dt.date | None = None) -> list[Flowable]:
    """Title, "För <name>" and "Skrivet av <author>, <unit>, <date>"."""
    e, cat, st = ctx.entry, ctx.cat, ctx.st
    return [
        para(ctx.setup.title, st.title),
        para(cat.text("common.for_carer", name=e.carer_display_name), st.h2),
        para(cat.text("common.written_by", author=e.author_name, unit=e.unit_name,
                      date=cat.date(when or e.date)), st.subtitle),
    ]


def entry_closing(ctx: EntryContext, *, form_version: bool = True) -> list[Flowable]:
    """The entry's confidentiality marking in words and the privacy note; with
    ``form_version`` first the form and its version (so a printout of the answers as they
    were filled in can be matched to its definition). The documents written for the carer
    (support plan, check-in summary) leave that out: the PDF's keywords carry it."""
    cat, st, form = ctx.cat, ctx.st, ctx.entry.form
    marking = Confidentiality(ctx.entry.confidentiality).value  # checked before printing
    version = ([para(cat.text("common.form_version", title=form.title.get(ctx.lang),
                              version=form.version), st.small)] if form_version else [])
    return [
        Spacer(1, ctx.st.body_size),
        KeepTogether([
            *version,
            para(cat.text(f"common.marking_{marking}"), st.small),
            para(cat.text("common.confidential_note"), st.small),
        ]),
    ]


def question_block(ctx: EntryContext, question: Question, value: Any,
                   outer: Mapping[str, tuple[Question, Any]]) -> list[Flowable]:
    """A question and its answer, kept together on one page (groups may split)."""
    st, cat = ctx.st, ctx.cat
    label = para(question.text.get(ctx.lang), st.question)
    if question.kind == QuestionKind.REPEATING_GROUP:
        return group_block(ctx, question, value, outer, label)
    lines = answer_lines(question, value, ctx.lang, cat)
    if not lines:
        body: list[Flowable] = [para(cat.text("common.not_answered"), st.small)]
    elif question.kind == QuestionKind.MULTI_CHOICE:
        body = bullets(lines, st)
    else:
        body = [para(answer_text(question, value, ctx.lang, cat), st.body)]
    return [KeepTogether([label, *body, Spacer(1, st.body_size * 0.3)])]


def column_widths(columns: Sequence[Question], st: Styles, width: float,
                  first_weight: float = 1.0,
                  texts: Sequence[Sequence[str]] = ()) -> list[float]:
    """Widths for table columns: dates and numbers just wide enough (at most a quarter of the
    width, so large print wraps the year rather than squeezing the text), the rest shared by
    weight (long texts 2, the first text column `first_weight`, other texts 1).

    `texts` (the header row first, then the cells) makes every column at least as wide as
    its longest word, taking the room from columns that have more than they need: a narrow
    "Vem gör det" column must not break "Biståndshandläggare" in two."""
    date_width = min(stringWidth("30 september 2026", st.cell.fontName, st.cell.fontSize) + 12,
                     width * 0.24)
    fixed = {i: date_width for i, q in enumerate(columns)
             if q.kind in (QuestionKind.DATE, QuestionKind.NUMBER, QuestionKind.SCALE,
                           QuestionKind.YES_NO_UNSURE)}
    rest = max(width - sum(fixed.values()), width * 0.3)
    flexible = [i for i in range(len(columns)) if i not in fixed]
    weights = {i: 2.0 if columns[i].kind == QuestionKind.LONG_TEXT else 1.0 for i in flexible}
    if flexible:
        weights[flexible[0]] *= first_weight
    total = sum(weights.values()) or 1.0
    widths = [fixed.get(i, rest * weights.get(i, 0) / total) for i in range(len(columns))]
    scale = width / sum(widths)
    widths = [w * scale for w in widths]
    if texts:
        widths = _fit_longest_words(widths, _longest_words(texts, len(columns), st),
                                    [*flexible, *fixed])
    return widths


#: Left plus right padding of a data table's cells (see blocks.data_table), and a point more.
CELL_PADDING = 11.0


def _longest_words(texts: Sequence[Sequence[str]], n: int, st: Styles) -> list[float]:
    """The width each column needs so that no word in it is broken (header in bold)."""
    need = [0.0] * n
    for r, row in enumerate(texts):
        font = st.cell_head if r == 0 else st.cell
        for i, text in enumerate(row[:n]):
            for word in str(text).split():
                need[i] = max(need[i], stringWidth(word, font.fontName, font.fontSize))
    return [w + CELL_PADDING if w else 0.0 for w in need]


def _fit_longest_words(widths: list[float], need: list[float], donors: list[int]) -> list[float]:
    """Widen the columns narrower than their longest word, taking room from the donors
    (in order: text columns first, then dates) down to their own longest word."""
    widths = list(widths)
    for i, wanted in enumerate(need):
        short = wanted - widths[i]
        for j in donors:
            if short <= 0:
                break
            if j == i:
                continue
            spare = widths[j] - max(need[j], 0.0)
            if spare <= 0:
                continue
            take = min(spare, short)
            widths[j] -= take
            widths[i] += take
            short -= take
    return widths


def group_rows(ctx: EntryContext, group: Question, value: Any,
               outer: Mapping[str, tuple[Question, Any]]) -> tuple[list[Question], list[list[str]]]:
    """Visible columns and the cell texts of a repeating group's answer (hidden cells empty)."""
    rows = [r for r in (value or []) if isinstance(r, Mapping)]
    shown: list[set[str]] = [{q.id for q in visible_sub_questions(group, r, outer)} for r in rows]
    columns = [q for q in group.questions if any(q.id in s for s in shown)]
    cells = [[answer_text(q, row.get(q.id), ctx.lang, ctx.cat) if q.id in ids else ""
              for q in columns] for row, ids in zip(rows, shown, strict=True)]
    return columns, cells


def group_block(ctx: EntryContext, group: Question, value: Any,
                outer: Mapping[str, tuple[Question, Any]], label: Flowable) -> list[Flowable]:
    st, cat = ctx.st, ctx.cat
    columns, cells = group_rows(ctx, group, value, outer)
    if not cells:
        return [KeepTogether([label, para(cat.text("common.none_agreed"), st.small)])]
    # large print: more than two columns at 16 pt break words, so blocks instead
    if len(columns) <= (2 if st.large_print else MAX_TABLE_COLUMNS):
        header = [q.text.get(ctx.lang) for q in columns]
        table = data_table(header, cells, st,
                           column_widths(columns, st, FRAME_WIDTH, texts=[header, *cells]))
        # the label stays with the table's first rows; a long table splits across pages
        return [label, table, Spacer(1, st.body_size * 0.5)]
    blocks: list[Flowable] = [label]
    row_name = group.row_label.get(ctx.lang) if group.row_label else None
    for n, row in enumerate(cells, start=1):
        heading = f"{row_name} {n}" if row_name else cat.text("response.group_row", n=n)
        pairs = [(q.text.get(ctx.lang), text) for q, text in zip(columns, row, strict=True)
                 if text]
        blocks.append(KeepTogether([para(heading, st.h2), key_values(pairs, st, FRAME_WIDTH)]))
    return blocks


def response_story(ctx: EntryContext) -> list[Flowable]:
    e = ctx.entry
    story: list[Flowable] = entry_heading(ctx)
    visible = visible_questions(e.form, e.answers)
    visible_ids = {q.id for q in visible}
    outer = {q.id: (q, e.answers.get(q.id)) for q in visible}
    for section in e.form.sections:
        questions = [q for q in section.questions if q.id in visible_ids]
        if not questions:
            continue
        story.append(para(section.title.get(ctx.lang), ctx.st.h1))
        for q in questions:
            story.extend(question_block(ctx, q, e.answers.get(q.id), outer))
    return closing_with_last(story, entry_closing(ctx))


def render_response(
    entry: PrintableEntry,
    municipality: Municipality,
    *,
    reader: Reader | str = Reader.CARER,
    large_print: bool = False,
    printed_on: dt.date | None = None,
    path: str | Path | None = None,
) -> bytes:
    """Any stored form response as PDF bytes, for the form version it was made with.

    Raises `PrintNotAllowedError` when the entry may not be printed for `reader`.
    """
    check_may_print(entry, reader)
    ctx = entry_context(entry, municipality, title_key=None, subject_key="response.subject",
                        kind="response", large_print=large_print, printed_on=printed_on)
    data = build_pdf(ctx.setup, response_story(ctx))
    if path is not None:
        write_pdf(data, path)
    return data
