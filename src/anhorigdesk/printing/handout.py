"""The information handout: what support the municipality offers, how to ask for it, how
to get in touch, the carer's rights in brief and the staff member's name and number.

It holds no personal data about the carer, so it may always be printed.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from reportlab.platypus import Flowable, KeepTogether, Spacer

from .blocks import (
    bullets,
    key_values,
    label_column_width,
    labelled,
    panel,
    para,
    write_in_line,
)
from .layout import MARGIN_X, PAGE_WIDTH, PageSetup, build_pdf, write_pdf
from .municipality import Contact, Municipality
from .texts import Catalog, fallback_note, load_catalog

FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X


def _contact_rows(contact: Contact, cat: Catalog, lang: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    if contact.phone:
        rows.append((cat.text("handout.phone"), contact.phone))
    if contact.hours:
        rows.append((cat.text("handout.hours"), contact.hours.get(lang)))
    if contact.email:
        rows.append((cat.text("handout.email"), contact.email))
    if contact.web:
        rows.append((cat.text("handout.web"), contact.web))
    if contact.address:
        rows.append((cat.text("handout.address"), contact.address.get(lang)))
    return rows


def handout_story(municipality: Municipality, language: str, *, staff_name: str | None,
                  staff_phone: str | None, large_print: bool,
                  printed_on: dt.date | None = None) -> tuple[PageSetup, list[Flowable]]:
    """The page setup and flowables of the handout (used by the renderer and the benchmark)."""
    lang = municipality.language_for(language)
    cat = load_catalog(lang)
    setup_title = cat.text("handout.title")
    setup = PageSetup(
        title=setup_title,
        catalog=cat,
        municipality_name=municipality.name.get(lang),
        author=staff_name or municipality.name.get(lang),
        subject=cat.text("handout.subject"),
        printed_on=printed_on or dt.date.today(),
        logo=municipality.logo,
        large_print=large_print,
        keywords=("handout", lang),
    )
    st = setup.styles
    story: list[Flowable] = [para(setup_title, st.title)]
    note = fallback_note(language, cat)
    if note is not None:  # the carer's language has no texts: say so, visibly, at the top
        story.append(KeepTogether(panel([para(note, st.label)], FRAME_WIDTH)))
        story.append(Spacer(1, st.body_size * 0.6))
    if municipality.intro:
        story.append(para(municipality.intro.get(lang), st.subtitle))

    story.append(para(cat.text("handout.offers_heading"), st.h1))
    for offer in municipality.offers:
        block: list[Flowable] = [para(offer.title.get(lang), st.h2),
                                 para(offer.description.get(lang), st.body)]
        if offer.how_to_ask:
            block.append(labelled(cat.text("handout.how_to_ask"), offer.how_to_ask.get(lang),
                                  st.body))
        story.extend(block)  # the heading keeps with the description (keepWithNext)

    story.append(para(cat.text("handout.contacts_heading"), st.h1))
    label_width = label_column_width(
        [cat.text(f"handout.{k}") for k in ("phone", "hours", "email", "web", "address")],
        st, FRAME_WIDTH)
    for contact in municipality.contacts:
        story.append(para(contact.title.get(lang), st.h2))
        story.append(key_values(_contact_rows(contact, cat, lang), st, FRAME_WIDTH, label_width))

    rights = (municipality.rights or {}).get(lang) or cat.texts("handout.rights")
    story.append(para(cat.text("handout.rights_heading"), st.h1))
    story.extend(bullets(rights, st))

    story.append(Spacer(1, st.body_size))
    inner = FRAME_WIDTH - 20
    story.append(KeepTogether(panel([
        para(cat.text("handout.staff_heading"), st.h2),
        write_in_line(cat.text("handout.staff_name"), staff_name, st, inner),
        write_in_line(cat.text("handout.staff_phone"), staff_phone, st, inner),
    ], FRAME_WIDTH)))
    return setup, story


def render_information_handout(
    municipality: Municipality,
    language: str | None,
    *,
    staff_name: str | None = None,
    staff_phone: str | None = None,
    large_print: bool = False,
    printed_on: dt.date | None = None,
    path: str | Path | None = None,
) -> bytes:
    """The municipality's information handout as PDF bytes (also written to `path` if given).

    `language` is the carer's preferred language; it falls back to a language the
    municipality offers (`sv-lattlast` -> `sv`, unknown -> `sv`); a handout printed in another
    language than the carer's says so at the top (`texts.fallback_note`). Without `staff_name` /
    `staff_phone` the handout has lines to write them on by hand.
    """
    setup, story = handout_story(municipality, language or "sv", staff_name=staff_name,
                                 staff_phone=staff_phone, large_print=large_print,
                                 printed_on=printed_on)
    data = build_pdf(setup, story)
    if path is not None:
        write_pdf(data, path)
    return data

