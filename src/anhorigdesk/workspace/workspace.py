"""One open profile as the application sees it (Anki's ``Collection`` is the model).

A :class:`Workspace` holds what the screens work with once a profile is unlocked: the
repository (the store's API), who is working (the actor), the profile, the clock every
screen asks for "now", the form registry once it has loaded, the schedule book once it is
built, and the staff list last read. Its methods are what the screens do — save a
conversation or an entry, finish a form response, the due lists, a carer's schedule, the
short-term unit's stays (korttid), markings and consents, the text of a print — each
delegating to the core module that owns the rule (``workspace.agenda``,
``workspace.responses``, ``workspace.short_term``, ``workspace.marking``, ``store``,
``scheduling``, ``printing``), never re-implementing it.

Qt-free and thread-agnostic: the UI calls the methods on its worker threads (the task
runner: one writer, in order); the attributes are plain values the GUI thread may read.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from anhorigdesk.scheduling.clock import Clock, SystemClock, local_date

if TYPE_CHECKING:  # the heavy modules load with their first use, not with the start
    from anhorigdesk.followup.statistics import Period, Statistics
    from anhorigdesk.forms import FormDefinition, FormRegistry
    from anhorigdesk.lifecycle.case import CaseEvent
    from anhorigdesk.lifecycle.corrections import Correction, FieldChange
    from anhorigdesk.lifecycle.extract import ExtractDraft, ReleasedExtract, ServerPart
    from anhorigdesk.lifecycle.thinning_due import DueCarer
    from anhorigdesk.printing import Municipality
    from anhorigdesk.profiles.profiles import OpenProfile, Profile
    from anhorigdesk.scheduling.book import ScheduleBook
    from anhorigdesk.store import Actor, Repository
    from anhorigdesk.sync.engine import RetryPolicy, SyncEngine, SyncStatus
    from anhorigdesk.sync.protocol import SyncClient
    from anhorigdesk.workspace.agenda import Agenda, CarerAgenda, CarerDue
    from anhorigdesk.workspace.card import CarerCard
    from anhorigdesk.workspace.short_term import Stay, TermSummary


class Unlocking(Protocol):
    """How the open profile is unlocked again after the lock screen (``ui/lock.py``'s
    ``Unlocker`` and ``ui/session.py``'s ``ProfileUnlocker`` fit): the kind of secret the
    user types, and a check of what was typed (on a worker thread)."""

    @property
    def kind(self) -> str: ...

    def verify(self, typed: str | None) -> bool: ...


@dataclass(eq=False)
class Workspace:
    """An open profile: its repository and actor, the clock, and what the screens load.

    ``closer`` closes the store (the profile's ``OpenProfile.close``): :meth:`close` calls
    it once. A test that closes the store itself after the workers stop sets it to None.
    ``actor`` changes when sync signs in (the profile then works as the server's user).
    """

    profile_name: str
    repository: Repository
    actor: Actor
    profile: Profile | None = None
    unlocker: Unlocking | None = None
    closer: Callable[[], None] | None = None
    clock: Clock = field(default_factory=SystemClock)
    #: the form registry (:meth:`form_registry`: built-in, the published bundle's, the
    #: unit's own), once loaded after start
    forms: FormRegistry | None = None
    #: where the published bundles' files are written for printing (their logo is read from
    #: a file): ``<profile folder>/municipality``; None: the bundle's forms are used, its
    #: municipality file is not
    material_dir: Path | None = None
    #: the municipality file found for each (version, sha256) kept: written and checked once
    _material_files: dict[tuple[int, str], Path | None] = field(default_factory=dict, repr=False)
    #: the due items kept in the store, once brought up to date in the background after the forms
    schedule_book: ScheduleBook | None = None
    #: the staff of the unit, as the carer page last read them (names for its lists)
    staff: list[dict[str, Any]] = field(default_factory=list)
    #: the sync engine while the profile is signed in to a server (:meth:`attach_sync`)
    sync_engine: SyncEngine | None = None

    @classmethod
    def open(cls, opened: OpenProfile, *, unlocker: Unlocking | None = None,
             clock: Clock | None = None) -> Workspace:
        """The workspace of a profile just unlocked (``ProfileManager.unlock``/``create``)."""
        return cls(profile_name=opened.profile.name, repository=opened.repo, actor=opened.actor,
                   profile=opened.profile, unlocker=unlocker, closer=opened.close,
                   clock=clock if clock is not None else SystemClock(),
                   material_dir=Path(opened.profile.folder) / "municipality")

    # ----------------------------------------------------------------- life
    def close(self) -> None:
        """Close the store cleanly (its key leaves memory). Once; later calls do nothing."""
        closer, self.closer = self.closer, None
        self.schedule_book = None
        texts = sys.modules.get("anhorigdesk.printing.texts")  # only if printing was used
        if texts is not None:
            texts.use_material_texts(None)  # the next profile prints with its own material
        if closer is not None:
            closer()

    def now(self) -> datetime:
        return self.clock.now()

    def today(self) -> date:
        """Today's local date by the workspace's clock."""
        now = self.clock.now()
        return local_date(now, self.clock.tz)

    def _registry(self) -> FormRegistry:
        if self.forms is None:
            raise RuntimeError("the forms are not loaded yet")
        return self.forms

    # ------------------------------------------------ the municipality's material
    def form_registry(self, *, reload: bool = False) -> FormRegistry:
        """THE forms registry of the app (editors, the korttid view, printouts, schedules):
        the built-in forms, then the newest published municipality bundle's forms, then the
        user's unit's own forms (``municipality.material.build_registry``), with every form
        version of every kept bundle and every version the store has seen findable, so an
        old response opens with its own version. Built once and kept in :attr:`forms`;
        ``reload`` builds it again (after a sync brought a new bundle). Worker thread."""
        if self.forms is not None and not reload:
            return self.forms
        from anhorigdesk.municipality.material import build_registry, checked
        from anhorigdesk.municipality.storage import kept_bundles

        registry = build_registry(checked(kept_bundles(self.repository.db.reader())), self.actor.unit_id)
        registry.add_stored_many(self.repository.form_versions())
        self.forms = registry
        return registry

    def unit_form(self, form_id: str, unit_id: str | None) -> FormDefinition:
        """The current form ``form_id`` as the unit ``unit_id`` uses it: that unit's own form
        in the newest published bundle, else the municipality's, else the built-in one (the
        short-term unit's printed list for a unit chosen in the dialog). The same builder as
        :meth:`form_registry`. Raises ``KeyError`` for an unknown form."""
        if unit_id == self.actor.unit_id:
            return self.form_registry().current(form_id)
        from anhorigdesk.municipality.material import build_registry, checked
        from anhorigdesk.municipality.storage import kept_bundles

        return build_registry(checked(kept_bundles(self.repository.db.reader())), unit_id).current(form_id)

    def material_version(self) -> int | None:
        """The newest municipality bundle this laptop holds (None: none received yet: the
        built-in example material, Exempelby kommun, is in use)."""
        from anhorigdesk.municipality.storage import newest_version

        return newest_version(self.repository.db.reader())

    def printing_municipality(self, setting: object = "", data_dir: Path | None = None) -> Path:
        """The municipality file printouts use: the file chosen in the print dialog (the
        setting), else the newest published bundle's, else ``<data_dir>/municipality.yaml``,
        else the shipped example (Exempelby kommun). The newest bundle's handout texts
        (``printing/<language>.yaml``) are put in use for printing here too
        (``printing.texts.use_material_texts``)."""
        from anhorigdesk.paths import example_municipality_path
        from anhorigdesk.printing.texts import use_material_texts

        text = str(setting or "").strip()
        published = self.municipality_file()
        # the bundle's handout texts are printed with (they go before the shipped ones)
        use_material_texts(published.parent / "printing" if published is not None else None)
        if text:
            return Path(text).expanduser()
        if published is not None:
            return published
        if data_dir is not None and (Path(data_dir) / "municipality.yaml").is_file():
            return Path(data_dir) / "municipality.yaml"
        return example_municipality_path()

    def municipality_file(self) -> Path | None:
        """The newest published bundle's municipality file (offers, contacts, logo) on disk,
        for printing; None when no bundle has been received (or it has none usable here)."""
        from anhorigdesk.municipality.material import municipality_file
        from anhorigdesk.municipality.storage import kept_bundles

        if self.material_dir is None:
            return None
        kept = kept_bundles(self.repository.db.reader())
        for version, bundle in reversed(kept):
            key = (version, bundle.sha256)
            if key not in self._material_files:
                self._material_files[key] = municipality_file(self.material_dir, version, bundle)
            if self._material_files[key] is not None and self._material_files[key].is_file():
                return self._material_files[key]
        return None

    # --------------------------------------------------------------------- sync
    def open_sync_client(self, *, transport: Any = None, language: str = "sv") -> SyncClient | None:
        """The linked account's client (``sync/account.py``), None when the profile has never
        signed in. Nothing is sent: the first request is the engine's. Raises
        ``AccountError`` when the account cannot be opened (its certificate file is gone)."""
        from anhorigdesk.sync import account

        return account.open_client(self.repository, self.profile, transport=transport, language=language)

    def attach_sync(self, client: SyncClient | None, retry: RetryPolicy | None = None) -> SyncEngine | None:
        """The engine that syncs this profile through ``client`` (None: signed out, no engine)."""
        from anhorigdesk.sync.engine import SyncEngine

        self.sync_engine = SyncEngine(self.repository, client, retry=retry) if client is not None else None
        return self.sync_engine

    def sync_status(self, client: SyncClient | None) -> SyncStatus | None:
        """What the last sync left in the store (None without a client: see the controller's
        offline status)."""
        from anhorigdesk.sync.engine import SyncEngine

        return SyncEngine(self.repository, client).status() if client is not None else None

    # --------------------------------------------------------------- schedules
    def build_schedule_book(self, registry: FormRegistry, *,
                            pause: Callable[[], None] | None = None) -> ScheduleBook:
        """The schedule book: every carer's due items kept in the store
        (``scheduling.due_store``), brought up to date here (only the carers whose records
        changed since are recomputed; all of them once after migration 0016 or when the rules
        changed). ``pause`` is called between pieces (the UI waits while the screens have
        store work). Returned, not kept: the caller puts it in place on its thread."""
        from anhorigdesk.scheduling.book import ScheduleBook
        from anhorigdesk.scheduling.from_forms import rules_from_registry

        book = ScheduleBook(self.repository, self.actor, registry, rules_from_registry(registry), pause=pause)
        book.load_all()
        return book

    def refresh_schedules(self, carer_ids: Iterable[str] | None = None) -> None:
        """After a write: recompute those carers' schedules in the book; ``None`` after a sync
        (entries that arrived are scanned, then every schedule is reloaded)."""
        book = self.schedule_book
        if book is None:
            return
        if carer_ids is None:
            book.refresh([])  # scans entries that arrived (flags raise follow-ups)
            book.load_all()
        else:
            book.refresh(list(carer_ids))

    def agenda(self, book: ScheduleBook | None = None, now: datetime | None = None) -> Agenda:
        """My due items and my unit's, most overdue first (the home screen's due lists; the
        carers of the first ``agenda.SHOWN_ROWS`` of each are named, the rest counted)."""
        from anhorigdesk.workspace.agenda import SHOWN_ROWS, agenda_from_book

        book = book if book is not None else self.schedule_book
        if book is None:
            raise RuntimeError("the schedule book is not built yet")
        return agenda_from_book(self.repository, self.actor, book, now if now is not None else self.now(),
                                named=SHOWN_ROWS)

    def refresh_agenda(self, agenda: Agenda | None, carer_ids: Iterable[str],
                       book: ScheduleBook | None = None, now: datetime | None = None) -> Agenda:
        """After writes about ``carer_ids``: those carers' due items brought up to date in the
        store and the home screen's lists given again, ``agenda`` with only the changed
        carers' rows read and put in their places when it is still at the version the update
        started from (``workspace.agenda.refresh_agenda``), else read afresh."""
        from anhorigdesk.workspace.agenda import SHOWN_ROWS, refresh_agenda

        book = book if book is not None else self.schedule_book
        if book is None:
            raise RuntimeError("the schedule book is not built yet")
        return refresh_agenda(self.repository, self.actor, book, agenda, carer_ids,
                              now if now is not None else self.now(), named=SHOWN_ROWS)

    def stored_agenda(self, now: datetime | None = None) -> Agenda | None:
        """The home screen's due lists from the items kept in the store, before the forms
        and the schedule book are there (right after start); None when the stored items are
        not whole (``workspace.agenda.stored_agenda``)."""
        from anhorigdesk.workspace.agenda import stored_agenda

        return stored_agenda(self.repository, self.actor, now if now is not None else self.now())

    def due_by_carer(self, horizon_days: int, now: datetime | None = None) -> dict[str, CarerDue] | None:
        """Each carer's most pressing due item and count within ``horizon_days`` (the carer
        list's "due" column and filter); None while the schedule book is not built."""
        from anhorigdesk.workspace.agenda import due_by_carer

        book = self.schedule_book
        if book is None:
            return None
        return due_by_carer(book.due(now if now is not None else self.now(), horizon_days=horizon_days))

    def carer_agenda(self, carer_id: str, registry: FormRegistry | None = None) -> CarerAgenda:
        """One carer's schedule, tasks, decisions and check-in series (the carer page), by
        ``registry`` (default: the workspace's forms)."""
        from anhorigdesk.workspace.agenda import load_carer_agenda

        return load_carer_agenda(self.repository, registry or self._registry(), self.actor, carer_id)

    def carer_drafts(self, carer_id: str) -> list[dict[str, Any]]:
        """The drafts (unfinished entries and responses) about one carer."""
        return [d for d in self.repository.drafts(self.actor) if d.get("carer_id") == carer_id]

    # ---------------------------------------------------------------- entries
    def save_entry(self, carer_id: str, kind: str, content: Mapping[str, Any], **details: Any) -> str:
        """A conversation note (or another entry) on the carer's timeline, in one write with
        its audit and outbox records (``Repository.add_entry``); returns the entry id. ``details``:
        ``occurred_at``, ``confidentiality``, ``draft_id`` (the draft it came from is discarded)…"""
        return self.repository.add_entry(self.actor, carer_id, kind, dict(content), **details)

    def finish_response(self, form: FormDefinition, carer_id: str, answers: Mapping[str, Any], *,
                        confidentiality: str = "carer_only", draft_id: str | None = None,
                        now: datetime | None = None) -> str:
        """A filled-in form becomes a timeline entry, with the follow-up tasks its flags raise
        and its draft discarded, in one transaction (``workspace.responses.submit_response``);
        returns the entry id. Raises ``ResponseInvalid`` listing every problem."""
        from anhorigdesk.workspace.responses import submit_response

        return submit_response(self.repository, self._registry(), self.actor, carer_id, form, answers,
                               confidentiality=confidentiality, draft_id=draft_id,
                               now=now if now is not None else self.now())

    def open_response(self, entry: Mapping[str, Any], registry: FormRegistry | None = None) -> FormDefinition:
        """The form definition a stored response was made with (the store remembers every
        version it saw, so an old response reads right after the form changed)."""
        from anhorigdesk.workspace.responses import open_response

        return open_response(self.repository, registry or self._registry(), entry)

    # ------------------------------------------------------- markings, consent
    def share_consent(self, carer_id: str) -> dict[str, Any] | None:
        """The carer's consent to sharing (scope ``share_with_care``), if given and not withdrawn."""
        from anhorigdesk.workspace.marking import share_consent

        return share_consent(self.repository, carer_id)

    def carer_card(self, carer_id: str) -> CarerCard | None:
        """The carer's card (anhörigkort, part F) when this laptop holds the carer's shared
        entries through a grant: name, birth year, preferred language; logged as an access."""
        from anhorigdesk.workspace.card import carer_card

        return carer_card(self.repository, self.actor, carer_id)

    def shared_carers(self) -> list[CarerCard]:
        """The carers shared with this user's unit whose record is not on this laptop."""
        from anhorigdesk.workspace.card import shared_carers

        return shared_carers(self.repository)

    def other_units(self) -> list[dict[str, Any]]:
        """The units a carer's record can be shared with: every unit but the user's own."""
        return [u for u in self.repository.units() if u["id"] != self.actor.unit_id]

    def share_with_unit(self, carer_id: str, unit_id: str, given_how: str,
                        given_at: date | None = None) -> str:
        """"Dela med enhet…": record the carer's consent to sharing the record with one unit
        (a consent of scope ``share_with_unit`` naming the unit). The server then grants the
        unit the carer's ``shareable`` entries (docs/PROTOCOL-3.md part F); withdrawing the
        consent ends it. Returns the consent's id."""
        return self.repository.create(
            self.actor, "consent", carer_id=carer_id, scope="share_with_unit", unit_id=unit_id,
            given_at=given_at or self.today(), given_how=given_how, recorded_by=self.actor.staff_id,
        )

    def check_marking(self, carer_id: str, marking: str) -> None:
        """Refuse a ``shareable`` marking without the carer's consent (``SharingNotConsented``)."""
        from anhorigdesk.workspace.marking import check_marking

        check_marking(self.repository, carer_id, marking)

    # ------------------------------------------------- short-term unit (korttid)
    def short_term_stays(self, form: FormDefinition, today: date | None = None) -> list[Stay]:
        """The short-term unit's stays (korttidsvistelser), current and planned."""
        from anhorigdesk.workspace.short_term import unit_stays

        return unit_stays(self.repository, self.actor, form, today=today if today is not None else self.today())

    def short_term_summary(self, form: FormDefinition, start: date, end: date) -> TermSummary:
        """The term follow-up: per routine, how often it held during the term's stays."""
        from anhorigdesk.workspace.short_term import term_summary

        return term_summary(self.repository, self.actor, form, start=start, end=end)

    # ------------------------------------------------------ follow-up (uppföljning)
    def statistics_units(self) -> list[tuple[str, str]]:
        """The units this laptop knows, as ``(id, name)``, by name (the Statistik page's
        choice of units)."""
        return sorted(((str(u["id"]), str(u["name"])) for u in self.repository.units()),
                      key=lambda u: (u[1].casefold(), u[0]))

    def caseload_statistics(self, unit_ids: Iterable[str], period: Period) -> Statistics:
        """Follow-up statistics of this laptop's own records (offline: ``scope =
        "caseload"``, not the whole unit)."""
        from anhorigdesk.followup.local import caseload_statistics

        return caseload_statistics(self.repository.db.reader(), unit_ids, period, self.now())

    def carers_due_for_thinning(self, days: int = 90) -> list[DueCarer]:
        """Uppföljning → Gallring: the carers of the user's unit whose thinning (gallring)
        date falls within ``days`` (#13), soonest first (``lifecycle/thinning_due.py``)."""
        from anhorigdesk.lifecycle.thinning_due import due_for_thinning

        return due_for_thinning(self.repository.db.reader(), self.actor.unit_id, self.today(), days=days)

    # ----------------------------------------------------------------- printing
    def log_print(self, carer_id: str, kind: str) -> None:
        """Record in the access log that a document about the carer was printed."""
        self.repository.log_access(self.actor, "carer", carer_id, f"print:{kind}")

    # ------------------------------------------- life cycle (issue #13, lifecycle/)
    def close_case(self, carer_id: str, reason: str, note: str = "") -> CaseEvent:
        """Close the carer's case ("Avsluta stödet") for ``reason``; their schedule closes
        (``lifecycle.case.close_case``) and the schedule book is brought up to date."""
        from anhorigdesk.lifecycle.case import close_case

        event = close_case(self.repository, self.actor, carer_id, reason, at=self.now(), note=note)
        self.refresh_schedules([carer_id])
        return event

    def reopen_case(self, carer_id: str, note: str = "") -> CaseEvent:
        """Reopen a closed case: the carer is active again, their schedule reopens."""
        from anhorigdesk.lifecycle.case import reopen_case

        event = reopen_case(self.repository, self.actor, carer_id, at=self.now(), note=note)
        self.refresh_schedules([carer_id])
        return event

    def case_events(self, carer_id: str) -> list[CaseEvent]:
        """Every close and reopen of the carer's case, oldest first."""
        from anhorigdesk.lifecycle.case import case_events

        return case_events(self.repository, carer_id)

    def end_relation(self, carer_id: str, relation_id: str, reason: str, on: date | None = None) -> None:
        """End the carer's relation to a cared-for person (``ended_at``, ``ended_reason``)."""
        from anhorigdesk.lifecycle.case import end_relation

        end_relation(self.repository, self.actor, relation_id, reason, on=on or self.today())
        self.refresh_schedules([carer_id])

    def reopen_relation(self, carer_id: str, relation_id: str) -> None:
        from anhorigdesk.lifecycle.case import reopen_relation

        reopen_relation(self.repository, self.actor, relation_id)
        self.refresh_schedules([carer_id])

    def correct_entry(self, entry_id: str, data: Mapping[str, Any], *, form: FormDefinition | None = None,
                      confidentiality: str | None = None, draft_id: str | None = None) -> str:
        """"Rätta anteckningen": a new version of the entry pointing at the old, which stays
        readable (``lifecycle.corrections.correct_entry``); returns the new entry's id. A
        form response is checked against ``form``, the version it was made with."""
        from anhorigdesk.lifecycle.corrections import correct_entry

        return correct_entry(self.repository, self.actor, entry_id, data, form=form,
                             confidentiality=confidentiality, draft_id=draft_id)

    def entry_versions(self, carer_id: str, entry_id: str) -> tuple[list[dict[str, Any]], list[Correction]]:
        """Every version of an entry, the first first, and the corrections between them
        (who corrected, when): the entry page's "corrected" notice."""
        from anhorigdesk.lifecycle.corrections import corrections_of, entry_versions

        entries = self.repository.timeline(self.actor, carer_id)
        chain = [dict(e) for e in entry_versions(entries, entry_id)]
        found = corrections_of(entries)
        return chain, [found[e["id"]] for e in chain if e["id"] in found]

    def carer_changes(self, carer_id: str) -> list[FieldChange]:
        """The carer record's history: each corrected field, old and new, who and when."""
        from anhorigdesk.lifecycle.corrections import carer_changes

        return carer_changes(self.repository, self.actor, carer_id)

    def produce_extract(self, carer_id: str, municipality: Municipality, *,
                        server: ServerPart | None = None) -> ExtractDraft:
        """"Registerutdrag": everything this laptop holds about the carer, as a draft to
        review (``lifecycle.extract.produce_extract``; logged). In the carer's language where
        the municipality has texts, else Swedish. ``server`` (the sync client, when the
        profile has signed in): what the server holds is added
        (``lifecycle.extract.add_server_part``); if it cannot be had (offline, refused) the
        extract stays of this laptop only and ``server_unavailable`` says why."""
        from anhorigdesk.lifecycle.extract import add_server_part, produce_extract
        from anhorigdesk.printing.register_extract import extract_language, gdpr_texts
        from anhorigdesk.sync.protocol import SyncError

        row = self.repository.db.reader().execute(
            "SELECT preferred_language FROM carers WHERE id = ?", (carer_id,)).fetchone()
        language = extract_language(municipality, row[0] if row else None)
        draft = produce_extract(self.repository, self.actor, carer_id, now=self.now(),
                                gdpr=gdpr_texts(language), language=language)
        if self.forms is not None:
            draft.labels = self._answer_labels(carer_id, language)
        if server is not None:
            try:
                answer = server.register_extract(carer_id)
            except SyncError as exc:
                draft.server_unavailable = getattr(exc, "code", "") or type(exc).__name__
            else:
                add_server_part(self.repository, draft, answer)
        return draft

    def _answer_labels(self, carer_id: str, language: str) -> dict[str, Any]:
        """Per entry of the carer, the words of its answers from its own form version."""
        from anhorigdesk.lifecycle.extract import answer_labels

        registry = self._registry()
        registry.add_stored_many(self.repository.form_versions())
        found: dict[str, Any] = {}
        by_version: dict[tuple[str, Any, Any], Any] = {}
        rows = self.repository.db.reader().execute(
            "SELECT id, form_id, form_version, form_fingerprint FROM entries"
            " WHERE carer_id = ? AND deleted = 0 AND form_id IS NOT NULL", (carer_id,)).fetchall()
        for entry_id, form_id, version, fingerprint in rows:
            key = (form_id, version, fingerprint)
            if key not in by_version:
                try:
                    by_version[key] = answer_labels(registry.get(form_id, version, fingerprint), language)
                except KeyError:  # a form version not known here: the answers show their ids
                    by_version[key] = None
            if by_version[key] is not None:
                found[entry_id] = by_version[key]
        return found

    def release_extract(self, draft: ExtractDraft, municipality: Municipality, *,
                        large_print: bool = False) -> ReleasedExtract:
        """The reviewed extract as JSON and PDF for the carer (logged as released)."""
        from anhorigdesk.lifecycle.extract import release_extract

        return release_extract(self.repository, self.actor, draft, municipality=municipality,
                               large_print=large_print)
