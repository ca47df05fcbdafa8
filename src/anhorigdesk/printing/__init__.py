"""Printed documents for carers: handouts, support plans, check-in summaries, unit lists and
any stored form response, as A4 PDF (reportlab). Qt-free.

Every renderer returns the PDF as `bytes` and also writes it to `path=` when given. All texts
come from data: the municipality file and `resources/printing/<language>.yaml`. Fonts are
embedded (DejaVu Sans for Latin, Noto Sans Arabic and Noto Sans Ethiopic chosen per letter by
`script`; right-to-left text shaped and ordered there); pages carry the municipality's logo and name, the document title, the
print date and "Sida 1 av 2"; the PDF metadata holds title, author, subject and language.
Pass `large_print=True` for the large-print variant (body text 16 pt).

Municipality
    `load_municipality(path) -> Municipality` reads and checks a municipality YAML file
    (`example_municipality_path()` is the fictional Exempelby kommun). A bad file raises
    `MunicipalityConfigError` whose message lists `<file>: <field>: <problem>` lines, e.g.
    `offers[2].title.sv: missing`; `.problems` holds the `(field, problem)` pairs.

Language
    Each renderer takes the carer's preferred language and falls back to one the municipality
    offers (`resolve_language`): exact code, then the base (`sv-lattlast` -> `sv`,
    `en-GB` -> `en`), then `sv`. Shipped: `sv`, `en`, `sv-lattlast`, and `fi`, `ar` as example
    translations to be reviewed by a translator. A handout printed in another language than the
    carer's says so at its top ("Den här informationen finns inte på somaliska än. …",
    `texts.fallback_note`).

Documents
    `render_information_handout(municipality, language, *, staff_name=None, staff_phone=None,
        large_print=False, printed_on=None, path=None) -> bytes`
        The municipality's support offers, how to ask for them, contacts, the carer's rights in
        brief and the staff member's name and number (blank lines to fill in when not given).
    `render_support_plan(entry, municipality, *, contact_person=None, reader="carer",
        fields=SupportPlanFields(), large_print=False, printed_on=None, path=None) -> bytes`
    `render_checkin_summary(entry, municipality, *, agreed=(), next_checkin=None,
        reader="carer", large_print=False, printed_on=None, path=None) -> bytes`
        Both speak to the carer ("Din stödplan"): what was agreed first (actions, review date,
        contact; agreed points and the next check-in), then what the carer told; no form
        version in the text (the PDF keywords carry it).
    `render_response(entry, municipality, *, reader="carer", large_print=False,
        printed_on=None, path=None) -> bytes`
        Any stored response, faithfully for its form version; repeating groups as tables.
    `render_short_term_list(form, municipality, language, *, unit_name, contact=None,
        large_print=False, printed_on=None, path=None) -> bytes`
        "Här på korttiden…" from a unit's korttid form (its checklist items and routines);
        `unit_name` is the short-term unit (empty: "hos oss på korttiden").

Layout
    Every document goes through `layout.build_pdf`: a heading is kept with the block after it,
    even a question-and-answer block; the fine print at the end stays with the last block
    (no page of only fine print); table columns are at least as wide as their longest word.

Entries, confidentiality and consent
    Form-based documents take a `PrintableEntry(entry_id, carer_display_name,
    preferred_language, confidentiality, author_name, unit_name, date, form, answers,
    may_share_printout=False)` that the store fills. Before anything is laid out,
    `check_may_print(entry, reader)` applies the rule (see `entry.py`): for the carer
    themself (`Reader.CARER`) every entry prints; for anyone else (`Reader.OTHER`) only an
    entry marked `normal` whose printout the carer agreed to share (`may_share_printout`);
    `carer_only` entries never print for others; unknown markings never print.
    Otherwise `PrintNotAllowedError`. PDF metadata and footers never hold the carer's name.

Recording
    `make_print_record(kind, pdf, language=..., entry=..., reader=...) -> PrintRecord`
    gives what the UI stores on the timeline and in the access log (kind, language, entry id,
    form id and version, pages, sha256 of the bytes, time).
"""

from __future__ import annotations

from anhorigdesk.paths import example_municipality_path

from .checkin import render_checkin_summary
from .entry import Confidentiality, PrintableEntry, Reader, check_may_print
from .errors import (
    MunicipalityConfigError,
    PrintingError,
    PrintInputError,
    PrintNotAllowedError,
    TextCatalogError,
)
from .handout import render_information_handout
from .layout import write_pdf
from .municipality import Contact, Municipality, Offer, load_municipality
from .record import DocumentKind, PrintRecord, make_print_record
from .response import render_response
from .short_term import UnitContact, render_short_term_list, short_term_items
from .style import CONTRAST_PAIRS, contrast_ratio
from .support_plan import ContactPerson, SupportPlanFields, render_support_plan
from .texts import available_languages, load_catalog, resolve_language

__all__ = [
    "CONTRAST_PAIRS",
    "Confidentiality",
    "Contact",
    "ContactPerson",
    "DocumentKind",
    "Municipality",
    "MunicipalityConfigError",
    "Offer",
    "PrintInputError",
    "PrintNotAllowedError",
    "PrintRecord",
    "PrintableEntry",
    "PrintingError",
    "Reader",
    "SupportPlanFields",
    "TextCatalogError",
    "UnitContact",
    "available_languages",
    "check_may_print",
    "contrast_ratio",
    "example_municipality_path",
    "load_catalog",
    "load_municipality",
    "make_print_record",
    "render_checkin_summary",
    "render_information_handout",
    "render_response",
    "render_short_term_list",
    "render_support_plan",
    "resolve_language",
    "short_term_items",
    "write_pdf",
]
