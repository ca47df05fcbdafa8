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

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import TYPE_CHECKING, Any, Protocol

from anhorigdesk.scheduling.clock import Clock, SystemClock, local_date

if TYPE_CHECKING:  # the heavy modules load with their first use, not with the start
    from anhorigdesk.followup.statistics import Period, Statistics
    from anhorigdesk.forms import FormDefinition, FormRegistry
    from anhorigdesk.profiles.profiles import OpenProfile, Profile
    from anhorigdesk.scheduling.book import ScheduleBook
    from anhorigdesk.store import Actor, Repository
    from anhorigdesk.workspace.agenda import Agenda, CarerAgenda, CarerDue
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
    #: the form registry (built-in and municipality forms), once loaded after start
    forms: FormRegistry | None = None
    #: every carer's schedule in memory, once built in the background after the forms
    schedule_book: ScheduleBook | None = None
    #: the staff of the unit, as the carer page last read them (names for its lists)
    staff: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def open(cls, opened: OpenProfile, *, unlocker: Unlocking | None = None,
             clock: Clock | None = None) -> Workspace:
        """The workspace of a profile just unlocked (``ProfileManager.unlock``/``create``)."""
        return cls(profile_name=opened.profile.name, repository=opened.repo, actor=opened.actor,
                   profile=opened.profile, unlocker=unlocker, closer=opened.close,
                   clock=clock if clock is not None else SystemClock())

    # ----------------------------------------------------------------- life
    def close(self) -> None:
        """Close the store cleanly (its key leaves memory). Once; later calls do nothing."""
        closer, self.closer = self.closer, None
        self.schedule_book = None
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

    # --------------------------------------------------------------- schedules
    def build_schedule_book(self, registry: FormRegistry, *,
                            pause: Callable[[], None] | None = None) -> ScheduleBook:
        """Every carer's schedule in memory, so a due list is one pass (about a second for
        10,000 carers). ``pause`` is called between pieces (the UI waits while the screens
        have store work). Returned, not kept: the caller puts it in place on its thread."""
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
        """My due items and my unit's, most overdue first (the home screen's due lists)."""
        from anhorigdesk.workspace.agenda import agenda_from_book

        book = book if book is not None else self.schedule_book
        if book is None:
            raise RuntimeError("the schedule book is not built yet")
        return agenda_from_book(self.repository, self.actor, book, now if now is not None else self.now())

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

    # ----------------------------------------------------------------- printing
    def log_print(self, carer_id: str, kind: str) -> None:
        """Record in the access log that a document about the carer was printed."""
        self.repository.log_access(self.actor, "carer", carer_id, f"print:{kind}")
