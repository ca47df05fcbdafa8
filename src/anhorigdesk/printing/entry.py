"""What a form-based printout is made from, and who may be handed it.

The store fills a `PrintableEntry` from a stored form response; the renderers never read the
database. Before anything personal is laid out, `check_may_print(entry, reader)` applies the
confidentiality and consent rule:

1. Printed for the carer the entry is about (`Reader.CARER`): allowed for every marking.
   It is the carer's own information; staff hand it to them in person.
2. Printed for anyone else (`Reader.OTHER`: the person cared for, another relative, a
   meeting, a colleague outside the carer's record): allowed only when the entry is marked
   `normal` AND the carer agreed that this printout may be given to others
   (`PrintableEntry.may_share_printout`, recorded as the carer's consent by the caller).
3. An entry marked `carer_only` (told in confidence, the carer's own matters) is never printed
   for anyone but the carer, whatever the consent flag says.
4. An unknown marking is refused (fail closed).

Handouts without personal data (the information handout, the unit's "Här på korttiden…" list)
need no check.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from anhorigdesk.forms import FormDefinition

from .errors import PrintNotAllowedError


class Confidentiality(StrEnum):
    """The marking of a stored entry, as far as printing is concerned."""

    NORMAL = "normal"
    """Seen by authorised colleagues; printable for the carer, for others only with consent."""
    CARER_ONLY = "carer_only"
    """Told in confidence: printable only for the carer themself."""


class Reader(StrEnum):
    """Who the printed page is handed to."""

    CARER = "carer"
    OTHER = "other"


@dataclass(frozen=True)
class PrintableEntry:
    """A stored form response, ready to print.

    `answers` is the stored answer dict (`{question_id: value}`, see `anhorigdesk.forms`);
    `form` is the definition of the exact version the answers were made with.
    `confidentiality` is a `Confidentiality` value (plain strings are accepted).
    """

    entry_id: str
    carer_display_name: str
    preferred_language: str | None
    confidentiality: str
    author_name: str
    unit_name: str
    date: dt.date
    form: FormDefinition
    answers: Mapping[str, Any] = field(default_factory=dict)
    may_share_printout: bool = False


def check_may_print(entry: PrintableEntry, reader: Reader | str) -> None:
    """Raise `PrintNotAllowedError` unless `entry` may be printed for `reader` (see module doc)."""
    try:
        who = Reader(reader)
    except ValueError:
        raise PrintNotAllowedError(f"unknown reader {reader!r} (use 'carer' or 'other')") from None
    try:
        marking = Confidentiality(entry.confidentiality)
    except ValueError:
        raise PrintNotAllowedError(
            f"entry {entry.entry_id}: unknown confidentiality marking "
            f"{entry.confidentiality!r}; not printed") from None
    if who is Reader.CARER:
        return
    if marking is Confidentiality.CARER_ONLY:
        raise PrintNotAllowedError(
            f"entry {entry.entry_id} is marked carer_only: it prints only for the carer")
    if not entry.may_share_printout:
        raise PrintNotAllowedError(
            f"entry {entry.entry_id}: the carer has not agreed that this printout may be "
            "given to others")
