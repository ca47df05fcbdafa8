"""Retention rules (gallringsregler): when a carer's record is to be thinned out, and
whether it is thinned or kept for the archive.

The law, as ../shared/DOMAIN.md states it (the Social Services Act, socialtjänstlagen; a new
SoL applies from 1 July 2025): social-care files are deleted five years after the last entry,
by the end of the following year; people born on the 5th, 15th or 25th of a month are kept
for research. DOMAIN.md quotes no SFS number or paragraph, and neither does this module. For
a coordination number (samordningsnummer) the day is written 60 higher (65, 75, 85; issue
#13), which :func:`anhorigdesk.domain.personnummer.parse_personnummer` already takes off.
A municipality chosen as representative keeps every file (issue #13). See
docs/GALLRING.md.

What "kept" means here: a kept record leaves the laptops at the same time as a thinned one
(laptops are not the archive); on the server it waits until it has been delivered to the
municipality's archive (``admin gallring deliver``), then it is thinned there too.

Everything here is pure: a record's last entry, its personal identity number and the
municipality's :class:`RetentionPolicy` go in, a :class:`Decision` comes out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum

from anhorigdesk.domain.personnummer import PersonnummerError, parse_personnummer

RETENTION_YEARS = 5
LOG_RETENTION_YEARS = 10  # the access logs' period when the municipality sets none (#13)
RESEARCH_DAYS = frozenset({5, 15, 25})


class Outcome(StrEnum):
    """What the rules say about one record on one day."""

    NOT_DUE = "not_due"  # activity inside the retention period: nothing happens
    THIN = "thin"  # gallras: removed everywhere
    KEEP_RESEARCH = "keep_research"  # bevaras för forskning (born on a research day)
    KEEP_REPRESENTATIVE = "keep_representative"  # the municipality keeps everything
    KEEP_NO_PERSONNUMMER = "keep_no_personnummer"  # no (valid) personal identity number

    @property
    def kept(self) -> bool:
        return self.value.startswith("keep_")

    @property
    def leaves_laptops(self) -> bool:
        """Thinned and kept records alike leave every laptop once due."""
        return self is not Outcome.NOT_DUE


@dataclass(frozen=True)
class RetentionPolicy:
    """The rules a municipality configures (the law's defaults).

    ``years``: the retention period after the last entry. ``research_days``: birth days
    whose files are kept for research (an empty set: none). ``representative``: the
    municipality is one chosen to keep everything. ``keep_without_personnummer``: what
    happens to a carer without a (valid) personal identity number — kept by default,
    since the research rule cannot be applied to them. ``log_years``: how long the access
    logs are kept (the municipality sets it; ten years by default), then thinned."""

    years: int = RETENTION_YEARS
    research_days: frozenset[int] = field(default_factory=lambda: RESEARCH_DAYS)
    representative: bool = False
    keep_without_personnummer: bool = True
    log_years: int = LOG_RETENTION_YEARS

    def __post_init__(self) -> None:
        if not 1 <= self.years <= 100:
            raise ValueError(f"retention years: {self.years} is outside 1..100")
        if not 1 <= self.log_years <= 100:
            raise ValueError(f"log retention years: {self.log_years} is outside 1..100")
        bad = sorted(d for d in self.research_days if not 1 <= d <= 31)
        if bad:
            raise ValueError(f"research days: {bad} are not days of a month (1..31)")


@dataclass(frozen=True)
class Decision:
    outcome: Outcome
    due: date  # the thinning date (gallringsdatum)


def add_years(day: date, years: int) -> date:
    """``day`` ``years`` later; 29 February becomes 28 February in a common year."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)


def thinning_date(last_entry: date, policy: RetentionPolicy | None = None) -> date:
    """The day a record is to be thinned: ``years`` after the last entry about the carer."""
    return add_years(last_entry, (policy or RetentionPolicy()).years)


def latest_allowed_entry(today: date, policy: RetentionPolicy | None = None) -> date:
    """A record whose last entry is after this day has activity inside the retention
    period and must not be thinned on ``today``."""
    return add_years(today, -(policy or RetentionPolicy()).years)


def research_kept(personnummer: str | None, policy: RetentionPolicy, today: date) -> bool | None:
    """Whether the number's birth day is a research day; None when there is no valid number."""
    if not personnummer or not personnummer.strip():
        return None
    try:
        parsed = parse_personnummer(personnummer, today=today)
    except PersonnummerError:
        return None
    return parsed.birth_date.day in policy.research_days


def decide(
    last_entry: date,
    personnummer: str | None,
    today: date,
    policy: RetentionPolicy | None = None,
) -> Decision:
    """The rules for one record on ``today``."""
    policy = policy or RetentionPolicy()
    due = thinning_date(last_entry, policy)
    if due > today:
        return Decision(Outcome.NOT_DUE, due)
    if policy.representative:
        return Decision(Outcome.KEEP_REPRESENTATIVE, due)
    research = research_kept(personnummer, policy, today)
    if research is None:
        outcome = Outcome.KEEP_NO_PERSONNUMMER if policy.keep_without_personnummer else Outcome.THIN
        return Decision(outcome, due)
    return Decision(Outcome.KEEP_RESEARCH if research else Outcome.THIN, due)


def due_within(last_entry: date, today: date, days: int, policy: RetentionPolicy | None = None) -> bool:
    """Whether the record's thinning date falls within ``days`` from ``today`` (or is past)."""
    return (thinning_date(last_entry, policy) - today).days <= days


def log_thinned_before(today: date, policy: RetentionPolicy | None = None) -> date:
    """Access-log rows logged before this day are past the log's period on ``today``."""
    return add_years(today, -(policy or RetentionPolicy()).log_years)
