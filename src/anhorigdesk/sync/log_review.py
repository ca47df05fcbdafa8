"""The unit manager's access-log review (loggkontroll) as the desktop app reads it from the
server (issue #14; the server side is ``server/store/log_review.py``). Qt-free: the screen
(``ui/pages/log_review.py``) calls it on a worker thread.

Online only: the log of the whole unit lives on the server. The review can be exported
as CSV (:func:`to_csv`) and as a printable document (:func:`to_html`, made into a PDF by
the screen). Neither carries a person's name or id: the person is the pseudonym the
server stores.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from html import escape
from typing import Any

from anhorigdesk.sync.protocol import SyncClient

REVIEWER_ROLES = ("unit_manager", "administrator")


@dataclass(frozen=True)
class ReviewEntry:
    """One laptop log row as reviewed: who (``staff_id``), what (``action``), which person
    (``person``: a pseudonym), when (``at``: laptop time), and what deserves a look."""

    id: int
    at: str
    staff_id: str
    action: str
    person: str
    unit_id: str
    highlights: tuple[str, ...]
    own: bool
    reviewed: bool
    note: str

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> ReviewEntry:
        marks = row.get("marks") or []
        return cls(
            id=int(row["id"]), at=str(row["at"]), staff_id=str(row.get("staff_id") or ""),
            action=str(row["action"]), person=str(row.get("person") or ""),
            unit_id=str(row.get("unit_id") or ""),
            highlights=tuple(row.get("highlights") or ()), own=bool(row.get("own")),
            reviewed=bool(marks), note=str(marks[-1]["note"]) if marks else "",
        )


@dataclass(frozen=True)
class ReviewFilter:
    """What the reviewer filters by (each optional); ``since``/``until`` are dates
    (``YYYY-MM-DD``, until exclusive)."""

    person: str | None = None  # a pseudonym shown in a row
    staff: str | None = None
    since: str | None = None
    until: str | None = None
    action: str | None = None


class LogReviewService:
    """The review calls of one signed-in sync client."""

    def __init__(self, client: SyncClient) -> None:
        self.client = client

    def _user(self) -> dict[str, Any]:
        tokens = self.client.token_store.load()
        return dict(tokens.user) if tokens is not None else {}

    def may_review(self) -> bool:
        return self._user().get("role") in REVIEWER_ROLES

    def units(self) -> list[str]:
        return [str(u) for u in self._user().get("unit_ids") or []]

    def rows(self, unit_id: str, wanted: ReviewFilter, limit: int = 500) -> list[ReviewEntry]:
        page = self.client.review_rows(
            unit_id, pseudonym=wanted.person or None, staff=wanted.staff or None,
            since=wanted.since, until=wanted.until, action=wanted.action or None, limit=limit,
        )
        return [ReviewEntry.from_json(r) for r in page["entries"]]

    def sample(self, unit_id: str, month: str) -> list[ReviewEntry]:
        return [ReviewEntry.from_json(r) for r in self.client.review_sample(unit_id, month)["entries"]]

    def mark(self, row_id: int, note: str, month: str | None = None) -> None:
        self.client.review_mark(row_id, note, month)


CSV_COLUMNS = ("id", "at", "staff_id", "action", "person", "unit_id", "highlights", "reviewed",
               "note")


def to_csv(entries: list[ReviewEntry]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for e in entries:
        writer.writerow([e.id, e.at, e.staff_id, e.action, e.person, e.unit_id,
                         " ".join(e.highlights), "1" if e.reviewed else "0", e.note])
    return out.getvalue()


def to_html(title: str, subtitle: str, headers: list[str], entries: list[ReviewEntry],
            highlight_text: dict[str, str], yes: str) -> str:
    """A printable table of the review (the screen's texts, already translated)."""
    cells = "".join(f"<th>{escape(h)}</th>" for h in headers)
    body = []
    for e in entries:
        marks = ", ".join(highlight_text.get(h, h) for h in e.highlights)
        body.append(
            "<tr>" + "".join(f"<td>{escape(v)}</td>" for v in (
                e.at[:16].replace("T", " "), e.staff_id, e.action, e.person[:12], marks,
                yes if e.reviewed else "", e.note,
            )) + "</tr>"
        )
    return (
        f"<html><body><h2>{escape(title)}</h2><p>{escape(subtitle)}</p>"
        "<table border='1' cellspacing='0' cellpadding='3' width='100%'>"
        f"<tr>{cells}</tr>{''.join(body)}</table></body></html>"
    )
