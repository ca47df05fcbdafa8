""""Här på korttiden…": a short-term unit's promises to carers, printed from the unit's
korttid form (its checklist items and the routines under them: who, when, how, where).

The list holds no personal data; it is printed from the form definition, not from a response.
`unit_name` is the short-term unit's name (the caller picks the unit of kind ``short_term``,
not the printing worker's own unit); empty, the list says "hos oss på korttiden".
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Table

from anhorigdesk.forms import FormDefinition, Question

from .blocks import key_values, label_column_width, panel, para, table_style
from .errors import PrintInputError
from .layout import MARGIN_X, PAGE_WIDTH, PageSetup, build_pdf, write_pdf
from .municipality import Municipality
from .texts import load_catalog

FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


@dataclass(frozen=True)
class UnitContact:
    """How carers reach the unit, printed at the end of the list."""

    phone: str | None = None
    hours: str | None = None
    email: str | None = None


def short_term_items(form: FormDefinition) -> list[Question]:
    """The checklist items of a korttid form, in form order."""
    return form.checklist_items()


def short_term_story(form: FormDefinition, municipality: Municipality, language: str | None, *,
                  unit_name: str, contact: UnitContact | None, large_print: bool,
                  printed_on: dt.date | None) -> tuple[PageSetup, list[Flowable]]:
    items = short_term_items(form)
    if not items:
        raise PrintInputError(
            f"form {form.id} version {form.version} has no checklist items to print")
    lang = municipality.language_for(language)
    cat = load_catalog(lang)
    setup = PageSetup(
        title=cat.text("korttid.title"),
        catalog=cat,
        municipality_name=municipality.name.get(lang),
        author=unit_name,
        subject=cat.text("korttid.subject"),
        printed_on=printed_on or dt.date.today(),
        logo=municipality.logo,
        large_print=large_print,
        keywords=("korttid_list", form.id, f"version {form.version}", lang),
    )
    st = setup.styles
    story: list[Flowable] = [
        para(setup.title, st.title),
        para(cat.text("korttid.intro", unit=unit_name.strip()) if unit_name.strip()
             else cat.text("korttid.intro_no_unit"), st.subtitle),
    ]
    part_labels = {p: cat.text(f"korttid.{p}") for p in ("who", "when", "how", "where")}
    indent = st.number.fontSize * 2.0
    label_width = label_column_width(list(part_labels.values()), st, FRAME_WIDTH - indent)
    for number, item in enumerate(items, start=1):
        block: list[Flowable] = [para(item.text.get(lang), st.h2)]
        if item.routine is not None:
            rows = [(part_labels[name], text.get(lang)) for name, text in item.routine.parts()]
            if rows:
                block.append(key_values(rows, st, FRAME_WIDTH - indent, label_width))
        row = Table([[para(f"{number}.", st.number), block]], colWidths=[indent, FRAME_WIDTH - indent],
                    hAlign="LEFT")
        row.setStyle(table_style([
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
            ("LEFTPADDING", (0, 0), (-1, -1), 0),
            ("RIGHTPADDING", (0, 0), (-1, -1), 0),
            ("TOPPADDING", (0, 0), (-1, -1), 0),
            ("BOTTOMPADDING", (0, 0), (-1, -1), st.body_size * 0.4),
        ]))
        story.append(row)
    if contact is not None and (contact.phone or contact.email or contact.hours):
        rows = [(cat.text("handout.phone"), contact.phone),
                (cat.text("handout.hours"), contact.hours),
                (cat.text("handout.email"), contact.email)]
        story.append(KeepTogether(panel([
            para(cat.text("korttid.contact_heading"), st.h2),
            para(unit_name, st.body),
            key_values([(k, v) for k, v in rows if v], st, FRAME_WIDTH - 20),
        ], FRAME_WIDTH)))
    return setup, story


def render_short_term_list(
    form: FormDefinition,
    municipality: Municipality,
    language: str | None,
    *,
    unit_name: str,
    contact: UnitContact | None = None,
    large_print: bool = False,
    printed_on: dt.date | None = None,
    path: str | Path | None = None,
) -> bytes:
    """The unit's "Här på korttiden…" list as PDF bytes (also written to `path` if given).

    `form` is the korttid form the unit uses (its own version or the built-in one).
    Raises `PrintInputError` if the form has no checklist items.
    """
    setup, story = short_term_story(form, municipality, language, unit_name=unit_name,
                                 contact=contact, large_print=large_print,
                                 printed_on=printed_on)
    data = build_pdf(setup, story)
    if path is not None:
        write_pdf(data, path)
    return data
