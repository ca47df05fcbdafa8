"""What the print dialog does on worker threads: gather, render, record.  No Qt here.

``load_print_source`` reads the carer, their timeline, the staff and unit lists, the form
versions the store has seen and the municipality file (one access-log row for the carer and
one for the timeline, written by the repository).  ``render_document`` turns a
``PrintOptions`` into the PDF bytes with the printing core; ``record_printout`` writes the
``handout`` entry on the timeline and the ``print:<kind>`` access-log row through the
repository (the one writer).  Every function here runs off the GUI thread.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anhorigdesk.forms import FormDefinition, FormRegistry
from anhorigdesk.printing import (
    Confidentiality,
    ContactPerson,
    DocumentKind,
    Municipality,
    PrintableEntry,
    PrintRecord,
    Reader,
    example_municipality_path,
    make_print_record,
    render_checkin_summary,
    render_information_handout,
    render_response,
    render_support_plan,
)
from anhorigdesk.scheduling import local_date
from anhorigdesk.ui.printing.municipality_file import (
    MunicipalityProblem,
    configured_path,
    load_configured,
)

#: Entry kinds whose latest response is a document of its own on the carer's page.
PLAN_KIND = "stodplan"
CHECKIN_KIND = "frivillighet"
HANDOUT_KIND = "handout"
#: The store's confidentiality markings as the printing core names them.
MARKING = {"shareable": Confidentiality.NORMAL.value, "carer_only": Confidentiality.CARER_ONLY.value}
#: The consent that lets a printout of the carer's entries be given to someone else.
SHARE_CONSENT = "print_plan"


class EntryUnavailable(LookupError):
    """The chosen entry is not on the timeline or its form version is not known here."""

    def __init__(self, reason: str) -> None:
        self.reason = reason  # "missing" | "no_form" | "unknown_version"
        super().__init__(reason)


@dataclass(frozen=True)
class PrintSource:
    """Everything a print dialog needs about one carer, read once when it opens."""

    carer_id: str
    carer: dict[str, Any]
    entries: tuple[dict[str, Any], ...]
    staff: tuple[dict[str, Any], ...]
    units: tuple[dict[str, Any], ...]
    registry: FormRegistry
    municipality: Municipality | None
    problem: MunicipalityProblem | None
    own_staff: dict[str, Any] = field(default_factory=dict)
    municipality_path: Path | None = None
    #: the next check-in as the scheduling core computes it (the carer page shows the same);
    #: None when check-ins are declined or closed
    next_checkin: dt.date | None = None
    #: the municipality file is the shipped example (the municipality has none of its own yet)
    uses_example: bool = False

    # --------------------------------------------------------------- entries
    def printable_entries(self) -> list[dict[str, Any]]:
        """Stored form responses, newest first (printouts themselves are not responses)."""
        return [e for e in self.entries if e.get("form_id") and e.get("kind") != HANDOUT_KIND]

    def latest(self, kind: str) -> dict[str, Any] | None:
        for entry in self.entries:  # the timeline is newest first
            if entry.get("kind") == kind and entry.get("form_id"):
                return entry
        return None

    def entry(self, entry_id: str) -> dict[str, Any]:
        for entry in self.entries:
            if entry.get("id") == entry_id:
                return entry
        raise EntryUnavailable("missing")

    def preferred_language(self) -> str:
        lang = self.carer.get("preferred_language") or "sv"
        return self.municipality.language_for(lang) if self.municipality else "sv"

    def share_consent(self) -> bool:
        """The carer agreed that printouts of their entries may be given to others."""
        return any(c.get("scope") == SHARE_CONSENT and not c.get("withdrawn_at")
                   for c in self.carer.get("consents") or [])

    def unit_name(self, unit_id: str | None) -> str:
        for unit in self.units:
            if unit.get("id") == unit_id:
                return str(unit.get("name") or "")
        return ""

    def definition_for(self, entry: dict[str, Any]) -> FormDefinition:
        """The exact form version the entry was made with (by fingerprint when stored)."""
        form_id = entry.get("form_id")
        if not form_id:
            raise EntryUnavailable("no_form")
        try:
            return self.registry.get(form_id, entry.get("form_version"), entry.get("form_fingerprint"))
        except KeyError:
            raise EntryUnavailable("unknown_version") from None

    def printable(self, entry: dict[str, Any], language: str) -> PrintableEntry:
        return PrintableEntry(
            entry_id=str(entry["id"]),
            carer_display_name=str(self.carer.get("name") or ""),
            preferred_language=language,
            confidentiality=MARKING.get(entry.get("confidentiality") or "", str(entry.get("confidentiality"))),
            author_name=str(entry.get("author_name") or ""),
            unit_name=self.unit_name(entry.get("unit_id")),
            date=entry_date(entry),
            form=self.definition_for(entry),
            answers=dict(entry.get("data") or {}),
            may_share_printout=self.share_consent(),
        )


def entry_date(entry: dict[str, Any]) -> dt.date:
    """The day an entry was recorded, in Swedish local time."""
    value = entry.get("occurred_at") or ""
    try:
        return local_date(dt.datetime.fromisoformat(str(value)))
    except ValueError:
        return dt.date.today()


def load_print_source(repo: Any, actor: Any, carer_id: str, municipality_setting: object = "",
                      forms: FormRegistry | None = None, data_dir: Path | None = None,
                      schedule_registry: FormRegistry | None = None) -> PrintSource:
    """Read what printing for this carer needs (runs on a worker thread).

    ``municipality_setting`` is a path (the dialog passes ``Workspace.printing_municipality``:
    the chosen file, else the published bundle's, else ``<data_dir>/municipality.yaml``,
    else the shipped example). ``forms`` is the workspace's registry
    (``Workspace.form_registry``: built-in, published, the unit's own forms); without it the
    schedules' registry, else the built-in forms. ``schedule_registry`` is the registry the
    application's schedules are computed with (the carer page's): the next check-in comes from
    the scheduling core with it, so screen and paper give the same date.
    """
    from anhorigdesk.scheduling.storage import carer_schedule

    municipality_path = configured_path(municipality_setting, data_dir)
    carer = repo.get_carer(actor, carer_id)
    entries = repo.timeline(actor, carer_id)
    staff = repo.staff()
    registry = forms or schedule_registry or FormRegistry.load()
    registry.add_stored_many(repo.form_versions())
    loaded = load_configured(municipality_path)
    municipality = loaded if isinstance(loaded, Municipality) else None
    problem = loaded if isinstance(loaded, MunicipalityProblem) else None
    own = next((s for s in staff if s.get("id") == getattr(actor, "staff_id", None)), {})
    upcoming = carer_schedule(repo, actor, schedule_registry or registry, carer_id).next_checkin
    return PrintSource(carer_id, carer, tuple(entries), tuple(staff), tuple(repo.units()),
                       registry, municipality, problem, dict(own), municipality_path,
                       upcoming.due_on if upcoming is not None else None,
                       municipality_path == example_municipality_path())


@dataclass(frozen=True)
class PrintOptions:
    """What the user chose in the print dialog."""

    kind: DocumentKind
    language: str
    large_print: bool = False
    entry_id: str | None = None  # the response printed (support plan, check-in, response)
    staff_name: str = ""
    staff_phone: str = ""
    reader: Reader = Reader.CARER
    agreed: tuple[str, ...] = ()
    next_checkin: dt.date | None = None


@dataclass(frozen=True)
class RenderedDocument:
    options: PrintOptions
    pdf: bytes
    record: PrintRecord


def default_next_checkin(source: PrintSource, entry: dict[str, Any]) -> dt.date | None:
    """The date the check-in summary proposes for the next check-in: the scheduling core's
    next check-in for this carer (what the carer page says), whichever check-in is printed.
    None when no check-in is scheduled (declined, closed)."""
    return source.next_checkin if entry.get("kind") == CHECKIN_KIND else None


def render_document(source: PrintSource, options: PrintOptions, *,
                    printed_on: dt.date | None = None) -> RenderedDocument:
    """The PDF bytes for the options (raises the printing core's errors, EntryUnavailable)."""
    municipality = source.municipality
    if municipality is None:
        raise EntryUnavailable("no_municipality")
    language = municipality.language_for(options.language)
    kind = DocumentKind(options.kind)
    printable: PrintableEntry | None = None
    if kind is DocumentKind.INFORMATION_HANDOUT:
        pdf = render_information_handout(
            municipality, language, staff_name=options.staff_name.strip() or None,
            staff_phone=options.staff_phone.strip() or None, large_print=options.large_print,
            printed_on=printed_on)
    else:
        if options.entry_id is None:
            raise EntryUnavailable("missing")
        printable = source.printable(source.entry(options.entry_id), language)
        if kind is DocumentKind.SUPPORT_PLAN:
            contact = (ContactPerson(options.staff_name.strip(), options.staff_phone.strip() or None)
                       if options.staff_name.strip() else None)
            pdf = render_support_plan(printable, municipality, contact_person=contact,
                                      reader=options.reader, large_print=options.large_print,
                                      printed_on=printed_on)
        elif kind is DocumentKind.CHECKIN_SUMMARY:
            pdf = render_checkin_summary(printable, municipality, agreed=options.agreed,
                                         next_checkin=options.next_checkin, reader=options.reader,
                                         large_print=options.large_print, printed_on=printed_on)
        elif kind is DocumentKind.RESPONSE:
            pdf = render_response(printable, municipality, reader=options.reader,
                                  large_print=options.large_print, printed_on=printed_on)
        else:
            raise ValueError(f"document kind {kind.value!r} is not printed from a carer's page")
    record = make_print_record(kind, pdf, language=language, large_print=options.large_print,
                               entry=printable, reader=options.reader)
    return RenderedDocument(options, pdf, record)


def handout_data(record: PrintRecord, how: str) -> dict[str, Any]:
    """The timeline entry of a printout: the printing core's record (``kind`` of document,
    ``language``, ``large_print``, ``entry_id`` of the source entry, ``form_id``/``form_version``,
    ``pages``, ``sha256``, ``reader``, ``printed_at``) and ``how`` it left the app.

    Never the PDF bytes; the sha256 identifies them if a copy was kept.
    """
    data = record.to_data()
    data["how"] = how  # "printer" | "pdf"
    return data


def record_printout(repo: Any, actor: Any, carer_id: str, record: PrintRecord, how: str) -> str:
    """Put the printout on the carer's timeline and in the access log (worker thread)."""
    entry_id = repo.add_entry(actor, carer_id, HANDOUT_KIND, handout_data(record, how),
                              confidentiality="carer_only")
    repo.log_access(actor, "carer", carer_id, f"print:{record.kind.value}")
    return str(entry_id)


def log_saved_copy(repo: Any, actor: Any, carer_id: str, record: PrintRecord) -> str:
    """A PDF saved but not handed over (a copy for oneself): only the access-log row that
    says the carer's data left the app; nothing on the timeline (worker thread)."""
    repo.log_access(actor, "carer", carer_id, f"print:{record.kind.value}")
    return ""


def write_pdf_file(pdf: bytes, path: Path) -> Path:
    """Save the PDF where the user chose (worker thread), replacing a file only when whole."""
    import os

    target = Path(path)
    partial = target.with_name(f".{target.name}.part")
    try:
        with open(partial, "wb") as fh:
            fh.write(pdf)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(partial, target)
    finally:
        if partial.exists():
            partial.unlink()
    return target


def agreed_lines(text: str) -> tuple[str, ...]:
    return tuple(line.strip() for line in text.splitlines() if line.strip())
