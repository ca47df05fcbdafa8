"""What should be recorded when a document is printed (timeline and access log).

The UI prints, then stores the `PrintRecord` through the store; printing itself keeps no
record and writes no log with personal data.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import asdict, dataclass
from enum import StrEnum
from typing import Any

from .entry import PrintableEntry, Reader


class DocumentKind(StrEnum):
    INFORMATION_HANDOUT = "information_handout"
    SUPPORT_PLAN = "support_plan"
    CHECKIN_SUMMARY = "checkin_summary"
    KORTTID_LIST = "korttid_list"
    RESPONSE = "response"


@dataclass(frozen=True)
class PrintRecord:
    """One printout: which document, in which language, from which entry, for whom.

    `sha256` identifies the exact bytes (so a later question "what did we hand over?" can be
    answered from a kept copy); `pages` is the page count.
    """

    kind: DocumentKind
    language: str
    large_print: bool
    printed_at: dt.datetime
    pages: int
    sha256: str
    reader: Reader | None = None
    entry_id: str | None = None
    form_id: str | None = None
    form_version: int | None = None
    unit_name: str | None = None

    def to_data(self) -> dict[str, Any]:
        """A JSON-able dict (enums as their values, time in ISO 8601)."""
        data = asdict(self)
        data["kind"] = self.kind.value
        data["reader"] = self.reader.value if self.reader else None
        data["printed_at"] = self.printed_at.isoformat()
        return data


def count_pages(pdf: bytes) -> int:
    """The page count of a PDF made by this package (reads the page tree's /Count)."""
    import re

    counts = [int(m) for m in re.findall(rb"/Count (\d+)", pdf)]
    if not counts:
        raise ValueError("not a PDF page tree")
    return max(counts)


def make_print_record(
    kind: DocumentKind | str,
    pdf: bytes,
    *,
    language: str,
    large_print: bool = False,
    entry: PrintableEntry | None = None,
    reader: Reader | str | None = None,
    unit_name: str | None = None,
    printed_at: dt.datetime | None = None,
) -> PrintRecord:
    """Build the record of one printout from the PDF bytes and what it was made from."""
    return PrintRecord(
        kind=DocumentKind(kind),
        language=language,
        large_print=large_print,
        printed_at=printed_at or dt.datetime.now(dt.UTC),
        pages=count_pages(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        reader=Reader(reader) if reader is not None else None,
        entry_id=entry.entry_id if entry else None,
        form_id=entry.form.id if entry else None,
        form_version=entry.form.version if entry else None,
        unit_name=unit_name if unit_name is not None else (entry.unit_name if entry else None),
    )
