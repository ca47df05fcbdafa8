"""Gallring on the server: ``anhorigdesk-server admin gallring --dry-run | --run | deliver DIR``.

The rules are :mod:`anhorigdesk.lifecycle.retention` (five years after the last entry; the
municipality's exceptions). For every carer scope not yet thinned, the last activity is the
newest ``received_at`` of its mutations (the server's own clock: a laptop's entry written
offline counts from the day it arrived, which can only keep a record longer), the
personnummer is the carer's merged ``personnummer`` field.

- ``--dry-run`` reads only and reports what a run would do.
- ``--run`` writes one purge per due carer (``server/store/purge.py``, reason ``gallring``),
  a few carers per transaction, with the run's running counts in ``gallring_runs`` in the
  same transaction: a run cut off (kill -9) is resumed by the next ``--run`` (same
  ``today``), which skips the carers already purged. A carer the rules keep (research,
  representative municipality, no personnummer) is purged from the laptops with
  ``hold``: the server keeps it in ``archive_holds`` until delivered.
- ``deliver DIR`` writes each held carer to DIR as JSON and PDF (everything the server
  holds of it), then sets its mutations aside and deletes its merged state; the hold is
  marked delivered.

The report names no one: counts of carers, entries, versions (field versions of merged
records) and log rows (stored mutations) thinned, and how many were kept and why.
"""

from __future__ import annotations

import contextlib
import json
import os
import sqlite3
import time
import uuid
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from anhorigdesk.lifecycle.retention import (
    Outcome,
    RetentionPolicy,
    decide,
    latest_allowed_entry,
    log_thinned_before,
    thinning_date,
)
from anhorigdesk.replication.merge import EntityState
from anhorigdesk.replication.visibility import SHARED_SUFFIX, shared_key
from anhorigdesk.server.db import Database, Transaction
from anhorigdesk.server.migrations import THINNED_LOGS
from anhorigdesk.server.security import iso
from anhorigdesk.server.store.device_log import forget_key, forget_keys
from anhorigdesk.server.store.purge import (
    PURGE_OP,
    PurgeRefused,
    PurgeRequest,
    PurgeResult,
    release_hold,
    write_purge,
    write_purges,
)

CHUNK = 25  # carers in the first transaction; then as many as fit in LOCK_BUDGET_S
MIN_CHUNK, MAX_CHUNK = 5, 200
# How long one transaction of the run holds the log lock (other users' pushes wait at most
# about this long, and then GIVE_WAY_S): the number of carers in the next is scaled from
# how long the last took, so a loaded machine gets smaller transactions, not longer waits.
LOCK_BUDGET_S = 0.2
LOG_CHUNK = 2_000  # access-log rows deleted per transaction
# SQLite (no queue for its lock): between two transactions the run gives way this long.
# A waiting push retries in SQLite's busy handler, which sleeps at most 100 ms between
# tries, so every waiter wakes inside the pause and gets the lock; the run itself then
# polls for the lock every POLL_S (the busy handler's long sleeps kept missing the gaps
# between one user's back-to-back pushes). PostgreSQL's advisory lock queues its waiters
# in order: no pause there.
GIVE_WAY_S = 0.1
POLL_S = 0.001
BY = "admin gallring"
CHECKPOINT_TRIES = 20
CHECKPOINT_WAIT_MS = 250
SQLITE_BUSY_TIMEOUT_MS = 30_000  # server/db.py's


class GallringError(ValueError):
    """Bad arguments for a gallring (says which and why)."""


@dataclass
class GallringReport:
    today: str
    dry_run: bool
    carers_thinned: int = 0
    entries_thinned: int = 0
    versions_thinned: int = 0
    log_rows_thinned: int = 0
    kept: dict[str, int] = field(default_factory=lambda: {
        "research": 0, "representative": 0, "no_personnummer": 0})
    refused_recent_activity: int = 0  # activity arrived after the plan: left for a later run
    person_keys_destroyed: int = 0  # access-log pseudonym keys destroyed (thinned carers)
    access_log_rows_thinned: int = 0  # log rows older than the log's period (log_years)
    cared_for_thinned: int = 0  # cared-for persons no remaining carer relates to
    resumed: bool = False
    run_id: str | None = None
    # SQLite: the WAL was copied into the database file and truncated after the run, so no
    # page image from before the thinning is left in it (None: PostgreSQL, or a dry run)
    wal_truncated: bool | None = None

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True)
class Candidate:
    scope: str
    last_activity: str
    outcome: Outcome


_KEPT_KEY = {
    Outcome.KEEP_RESEARCH: "research",
    Outcome.KEEP_REPRESENTATIVE: "representative",
    Outcome.KEEP_NO_PERSONNUMMER: "no_personnummer",
}


def active_after(today: date, policy: RetentionPolicy) -> str:
    """The stored timestamp after which a mutation is activity inside the retention period."""
    return latest_allowed_entry(today, policy).isoformat() + "T23:59:59.999999Z"


def candidates(tx: Transaction, today: date, policy: RetentionPolicy) -> Iterator[Candidate]:
    """Every carer scope not purged for gallring yet whose rules say it is due."""
    rows = tx.all(
        "SELECT s.scope_key, (SELECT MAX(m.received_at) FROM mutations m"
        f"  WHERE m.scope_key IN (s.scope_key, s.scope_key || '{SHARED_SUFFIX}') AND m.op <> ?),"
        " (SELECT e.state FROM entities e WHERE e.entity = 'carer' AND e.entity_id = s.carer_id)"
        " FROM scopes s WHERE s.carer_id IS NOT NULL AND s.scope_key = s.carer_id"
        " AND NOT EXISTS (SELECT 1 FROM purges p WHERE p.scope_key = s.scope_key"
        "  AND p.reason = 'gallring' AND p.entities IS NULL)"
        " ORDER BY s.scope_key",
        (PURGE_OP,),
    )
    for scope, last, state in rows:
        if last is None:
            continue
        last_day = date.fromisoformat(str(last)[:10])
        if thinning_date(last_day, policy) > today:
            continue  # not due: its merged state need not be read
        number = None
        if state is not None:
            value = EntityState.from_json(json.loads(state)).fields.get("personnummer")
            number = value if isinstance(value, str) else None
        decision = decide(last_day, number, today, policy)
        if decision.outcome is not Outcome.NOT_DUE:
            yield Candidate(scope, str(last), decision.outcome)


def _sizes(tx: Transaction, scope: str) -> tuple[int, int, int]:
    """(entries, field versions, log rows) of a carer's scope and its shared scope as
    stored now."""
    entries = versions = 0
    both = (scope, shared_key(scope))
    for entity, state in tx.all("SELECT entity, state FROM entities WHERE scope_key IN (?, ?)", both):
        entries += entity == "entry"
        versions += sum(len(v) for v in (json.loads(state).get("heads") or {}).values())
    rows = tx.one("SELECT COUNT(*) FROM mutations WHERE scope_key IN (?, ?) AND op <> ?", (*both, PURGE_OP))
    return entries, versions, int(rows[0]) if rows else 0


def _sizes_of(*results: PurgeResult) -> tuple[int, int, int]:
    """What the purges of a carer's scopes removed, as :func:`_sizes` counts it beforehand."""
    return (sum(r.entries_deleted for r in results), sum(r.versions_deleted for r in results),
            sum(r.log_rows for r in results))


def _count(report: GallringReport, outcome: Outcome, sizes: tuple[int, int, int]) -> None:
    if outcome.kept:
        report.kept[_KEPT_KEY[outcome]] += 1
        return
    report.carers_thinned += 1
    report.entries_thinned += sizes[0]
    report.versions_thinned += sizes[1]
    report.log_rows_thinned += sizes[2]


def run(db: Database, *, today: date, policy: RetentionPolicy | None = None,
        dry_run: bool = False, chunk: int | None = None) -> GallringReport:
    """Thin out what is due by ``today`` (see the module docstring). ``chunk``: carers per
    transaction, fixed (default: scaled to ``LOCK_BUDGET_S``)."""
    policy = policy or RetentionPolicy()
    if today > datetime.now(UTC).date() and not os.environ.get("ANHORIGDESK_GALLRING_ALLOW_FUTURE"):
        raise GallringError(f"--today {today}: in the future (a run thins what is due by today)")
    report = GallringReport(today=today.isoformat(), dry_run=dry_run)
    if dry_run:
        with db.transaction(snapshot=True) as tx:
            for c in list(candidates(tx, today, policy)):
                _count(report, c.outcome, _sizes(tx, c.scope))
            thinned = {c.scope for c in candidates(tx, today, policy) if not c.outcome.kept}
            orphans = _orphans(tx, active_after(today, policy), leaving=thinned)
            report.cared_for_thinned = sum(len(ids) for ids in orphans.values())
            through = _log_through(today, policy)
            for table, column in THINNED_LOGS.items():
                row = tx.one(f"SELECT COUNT(*) FROM {table} WHERE {column} < ?", (through,))
                report.access_log_rows_thinned += int(row[0]) if row else 0
        return report
    with db.transaction(write=True) as tx:
        tx.lock_log()
        open_run = tx.one("SELECT run_id, today, counts FROM gallring_runs WHERE done = 0")
        if open_run is not None:
            if open_run[1] != report.today:
                raise GallringError(
                    f"a run for {open_run[1]} was cut off: finish it first (--run --today {open_run[1]})")
            report = GallringReport(**{**json.loads(open_run[2]), "resumed": True, "run_id": open_run[0]})
        else:
            report.run_id = str(uuid.uuid4())
            tx.execute(
                "INSERT INTO gallring_runs (run_id, today, started_at, by, counts) VALUES (?, ?, ?, ?, ?)",
                (report.run_id, report.today, iso(datetime.now(UTC)), BY, json.dumps(report.to_json())),
            )
    after = active_after(today, policy)
    # the plan is read once (a resumed run reads it again: the carers already purged are
    # not in it); each chunk is one short write transaction
    with db.transaction(snapshot=True) as tx:
        plan = list(candidates(tx, today, policy))
    size = chunk or CHUNK
    start = 0
    while start < len(plan):
        if start and not db.dialect.is_pg:
            time.sleep(GIVE_WAY_S)
        part = plan[start : start + size]
        start += len(part)
        with write_turn(db) as tx:
            held = time.perf_counter()
            stamp = iso(datetime.now(UTC))
            marks = ", ".join("?" * len(part))
            done = {r[0] for r in tx.all(
                "SELECT scope_key FROM purges WHERE reason = 'gallring' AND entities IS NULL"
                f" AND scope_key IN ({marks})", [c.scope for c in part])}
            shared = {r[0] for r in tx.all(  # the carers' shared scopes (part F) go with them
                f"SELECT scope_key FROM scopes WHERE scope_key IN ({marks})",
                [shared_key(c.scope) for c in part])}
            todo = [c for c in part if c.scope not in done]  # not purged meanwhile (another run)
            # a carer's purges (its scope, and its shared scope: activity there counts as the
            # carer's) are written together or refused together, before anything is written
            outcomes = write_purges(tx, [
                [PurgeRequest(key, None, "gallring", None, BY, stamp, after, c.outcome.kept)
                 for key in (c.scope, *([shared_key(c.scope)] if shared_key(c.scope) in shared else []))]
                for c in todo])
            holds = []
            for c, outcome in zip(todo, outcomes, strict=True):
                if isinstance(outcome, PurgeRefused):
                    report.refused_recent_activity += 1
                    continue
                if c.outcome.kept:
                    holds.append((c.scope, c.outcome.value, report.today, outcome[0].purge_id, stamp))
                _count(report, c.outcome, _sizes_of(*outcome))
            thinned = [c.scope for c, o in zip(todo, outcomes, strict=True)
                       if not isinstance(o, PurgeRefused) and not c.outcome.kept]
            # old log rows can no longer be tied to the person
            report.person_keys_destroyed += forget_keys(tx, thinned, stamp)
            tx.executemany(
                "INSERT INTO archive_holds (scope_key, outcome, due, purge_id, held_at)"
                " VALUES (?, ?, ?, ?, ?)", holds)
            tx.execute("UPDATE gallring_runs SET counts = ? WHERE run_id = ?",
                       (json.dumps(report.to_json()), report.run_id))
        if not chunk:  # the lock was held from the start of the transaction through its commit
            size = next_size(len(part), time.perf_counter() - held)
    _thin_cared_for(db, after, report)
    _thin_logs(db, today, policy, report)
    with db.transaction(write=True) as tx:
        tx.execute("UPDATE gallring_runs SET counts = ?, done = 1, finished_at = ? WHERE run_id = ?",
                   (json.dumps(report.to_json()), iso(datetime.now(UTC)), report.run_id))
    if not db.dialect.is_pg:
        report.wal_truncated = truncate_wal(db)
    return report


def truncate_wal(db: Database, *, tries: int = CHECKPOINT_TRIES) -> bool:
    """SQLite: copy the WAL into the database file and truncate it (docs/GALLRING.md
    "Nothing left on disk"): the WAL still holds the page images written before the
    thinning, the thinned text among them, until it is checkpointed and cut. A TRUNCATE
    checkpoint holds the write lock while it waits for readers on an older snapshot, so
    each try waits at most ``CHECKPOINT_WAIT_MS`` (other users' pushes wait no longer) and
    gives way between tries. False when readers kept it from finishing every time: the
    next run, or the next checkpoint SQLite makes on its own, finishes it."""
    for attempt in range(tries):
        if attempt:
            time.sleep(GIVE_WAY_S)
        with db.single_statement() as tx:
            tx.execute(f"PRAGMA busy_timeout = {CHECKPOINT_WAIT_MS}")
            try:
                row = tx.one("PRAGMA wal_checkpoint(TRUNCATE)")
            finally:
                tx.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        if row is not None and int(row[0]) == 0:
            return True
    return False


def next_size(size: int, took_s: float) -> int:
    """The carers of the next transaction: scaled so that it holds the lock about
    ``LOCK_BUDGET_S``, at most doubled from one to the next."""
    wanted = size * LOCK_BUDGET_S / max(took_s, 1e-3)
    return max(MIN_CHUNK, min(MAX_CHUNK, 2 * size, int(wanted)))


@contextlib.contextmanager
def write_turn(db: Database) -> Iterator[Transaction]:
    """A write transaction holding the log lock. On SQLite the run does not wait in the
    busy handler (whose sleeps grow to 100 ms and miss short gaps between other writers'
    transactions): it tries ``BEGIN IMMEDIATE`` every ``POLL_S`` until it gets the lock."""
    if db.dialect.is_pg:
        with db.transaction(write=True) as tx:
            tx.lock_log()
            yield tx
        return
    with db.single_statement() as tx:
        tx.execute("PRAGMA busy_timeout = 0")
        try:
            while True:
                try:
                    tx.execute("BEGIN IMMEDIATE")
                    break
                except sqlite3.OperationalError as exc:
                    if "locked" not in str(exc) and "busy" not in str(exc):
                        raise
                    time.sleep(POLL_S)
        finally:
            tx.execute(f"PRAGMA busy_timeout = {SQLITE_BUSY_TIMEOUT_MS}")
        try:
            yield tx
        except BaseException:
            tx.execute("ROLLBACK")
            raise
        tx.execute("COMMIT")


def _orphans(tx: Transaction, after: str, leaving: frozenset[str] | set[str] = frozenset()) -> dict[str, list[str]]:
    """Cared-for persons (vårdtagare) that no relation on the server refers to any more
    (relations in the carer scopes ``leaving`` not counted: a dry run's thinned carers) and
    whose own record has no activity after ``after``: per scope (a unit scope), their ids.
    A kept carer's relations stay until delivery, so their cared-for persons stay too."""
    referred: set[str] = set()
    for state, scope in tx.all("SELECT state, scope_key FROM entities WHERE entity = 'relation'"):
        value = EntityState.from_json(json.loads(state)).fields.get("cared_for_id")
        if isinstance(value, str) and scope not in leaving:
            referred.add(value)
    found: dict[str, list[str]] = {}
    for entity_id, scope in tx.all(
        "SELECT entity_id, scope_key FROM entities WHERE entity = 'cared_for' ORDER BY entity_id"
    ):
        if entity_id not in referred:
            found.setdefault(scope, []).append(entity_id)
    for scope, ids in list(found.items()):
        last = dict(tx.all(
            "SELECT entity_id, MAX(received_at) FROM mutations WHERE scope_key = ? AND entity = 'cared_for'"
            " AND op <> ? GROUP BY entity_id", (scope, PURGE_OP)))
        found[scope] = [i for i in ids if last.get(i) is not None and str(last[i]) <= after]
    return {k: v for k, v in found.items() if v}


def _thin_cared_for(db: Database, after: str, report: GallringReport) -> None:
    """Cared-for persons go with the last carer relating to them (#13, docs/GALLRING.md):
    after the carers, every cared-for person nothing refers to any more and without
    activity inside the retention period is purged (``CHUNK`` a transaction), and the key
    of their log pseudonym destroyed."""
    with db.transaction(snapshot=True) as tx:
        plan = [(scope, ids[i : i + CHUNK]) for scope, ids in sorted(_orphans(tx, after).items())
                for i in range(0, len(ids), CHUNK)]
    for scope, ids in plan:
        with db.transaction(write=True) as tx:
            tx.lock_log()
            stamp = iso(datetime.now(UTC))
            try:
                write_purge(tx, scope, [("cared_for", i) for i in ids], "gallring", None, by=BY,
                            at=stamp, active_after=after)
            except PurgeRefused:
                report.refused_recent_activity += 1  # written to meanwhile: a later run
                continue
            for cared_for_id in ids:
                forget_key(tx, cared_for_id, stamp)
            report.cared_for_thinned += len(ids)
            tx.execute("UPDATE gallring_runs SET counts = ? WHERE run_id = ?",
                       (json.dumps(report.to_json()), report.run_id))


def _log_through(today: date, policy: RetentionPolicy) -> str:
    """The stored timestamp before which an access-log row is past the log's period."""
    return log_thinned_before(today, policy).isoformat() + "T00:00:00.000000Z"


def _thin_logs(db: Database, today: date, policy: RetentionPolicy, report: GallringReport) -> None:
    """Delete the access-log rows (the server's ``access_log``, the laptops' rows in
    ``device_access_log``) logged before the log's period, ``LOG_CHUNK`` rows per
    transaction. The boundary is recorded in ``log_thinning`` first: the tables' triggers
    let exactly the rows before it go. A run cut off here deletes the rest next time."""
    through = _log_through(today, policy)
    with db.transaction(write=True) as tx:
        tx.execute(
            "INSERT INTO log_thinning (through, at, by, access_log_rows, device_log_rows)"
            " VALUES (?, ?, ?, 0, 0)", (through, iso(datetime.now(UTC)), BY))
    for table, column in THINNED_LOGS.items():
        while True:
            with db.transaction(write=True) as tx:
                gone = tx.execute(
                    f"DELETE FROM {table} WHERE id IN (SELECT id FROM {table}"
                    f" WHERE {column} < ? ORDER BY id LIMIT ?)", (through, LOG_CHUNK))
                report.access_log_rows_thinned += gone
                tx.execute("UPDATE gallring_runs SET counts = ? WHERE run_id = ?",
                           (json.dumps(report.to_json()), report.run_id))
            if gone < LOG_CHUNK:
                break


def deliver(db: Database, directory: Path) -> dict[str, int]:
    """Write every held carer to ``directory`` (JSON and PDF), then thin it on the server and
    mark it delivered. Each carer: files written and flushed first, then one transaction."""
    directory.mkdir(parents=True, exist_ok=True)
    with db.transaction() as tx:
        holds = [r[0] for r in tx.all(
            "SELECT scope_key FROM archive_holds WHERE delivered_at IS NULL ORDER BY scope_key")]
    delivered = 0
    for scope in holds:
        with db.transaction() as tx:
            records = [EntityState.from_json(json.loads(r[0])).view() for r in tx.all(
                "SELECT state FROM entities WHERE scope_key IN (?, ?) ORDER BY entity, entity_id",
                (scope, shared_key(scope)))]
        document = {"scope": scope, "exported_at": iso(datetime.now(UTC)),
                    "records": [{"entity": r["entity"], "id": r["id"], "fields": r["fields"]} for r in records]}
        json_path = directory / f"{scope}.json"
        _write(json_path, json.dumps(document, ensure_ascii=False, indent=2, sort_keys=True).encode("utf-8"))
        _write(directory / f"{scope}.pdf", _pdf(document))
        with db.transaction(write=True) as tx:
            tx.lock_log()
            release_hold(tx, scope, by="admin gallring deliver")
            release_hold(tx, shared_key(scope), by="admin gallring deliver")
            forget_key(tx, scope, iso(datetime.now(UTC)))  # the log can no longer name them
            tx.execute("UPDATE archive_holds SET delivered_at = ?, delivery = ? WHERE scope_key = ?",
                       (iso(datetime.now(UTC)), str(directory.resolve()), scope))
        delivered += 1
    return {"delivered": delivered}


def _write(path: Path, data: bytes) -> None:
    tmp = path.with_name(path.name + ".part")
    with open(tmp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def _pdf(document: dict[str, Any]) -> bytes:
    from io import BytesIO
    from xml.sax.saxutils import escape

    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import getSampleStyleSheet
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer

    styles = getSampleStyleSheet()
    story: list[Any] = [
        Paragraph("Arkivleverans / Archive delivery", styles["Title"]),
        Paragraph(escape(f"{document['scope']} — {document['exported_at']}"), styles["Normal"]),
        Spacer(1, 12),
    ]
    for record in document["records"]:
        story.append(Paragraph(escape(f"{record['entity']} {record['id']}"), styles["Heading3"]))
        for name, value in sorted(record["fields"].items()):
            text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
            story.append(Paragraph(escape(f"{name}: {text}"), styles["Normal"]))
        story.append(Spacer(1, 6))
    buffer = BytesIO()
    SimpleDocTemplate(buffer, pagesize=A4).build(story)
    return buffer.getvalue()
