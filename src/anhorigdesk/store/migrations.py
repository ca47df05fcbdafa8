"""Named schema migrations, applied in order and recorded in the database.

A migration is never edited after it has shipped: a later change is a new migration
appended to ``MIGRATIONS``. Each runs in the same transaction as the row recording it.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from anhorigdesk.replication.integrity import EMPTY_CHECKSUM, add_to_checksum, combine
from anhorigdesk.replication.merge import state_format_2
from anhorigdesk.store.engine import Connection

SYNC_COLUMNS = """
    hlc TEXT NOT NULL,
    field_hlc TEXT NOT NULL DEFAULT '{}',
    deleted INTEGER NOT NULL DEFAULT 0,
    version INTEGER NOT NULL DEFAULT 1,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    created_by TEXT,
    updated_by TEXT
"""


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[Connection], None]


def _sql(script: str) -> Callable[[Connection], None]:
    def run(conn: Connection) -> None:
        for statement in script.split(";\n"):
            if statement.strip():
                conn.execute(statement)

    return run


INITIAL = f"""
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE units (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    kind TEXT NOT NULL DEFAULT 'other',
    {SYNC_COLUMNS}
);
CREATE TABLE staff (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    unit_id TEXT,
    role TEXT NOT NULL DEFAULT 'care_worker',
    phone TEXT,
    server_username TEXT,
    {SYNC_COLUMNS}
);
CREATE TABLE carers (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    personnummer TEXT,
    birth_date TEXT,
    phone TEXT,
    email TEXT,
    address TEXT,
    preferred_language TEXT NOT NULL DEFAULT 'sv',
    is_child INTEGER NOT NULL DEFAULT 0,
    life_situation TEXT NOT NULL DEFAULT '{{}}',
    care_given TEXT NOT NULL DEFAULT '[]',
    hours_per_week REAL,
    unit_ids TEXT NOT NULL DEFAULT '[]',
    support_contact_id TEXT,
    status TEXT NOT NULL DEFAULT 'active',
    notes TEXT,
    conflicts TEXT NOT NULL DEFAULT '{{}}',
    {SYNC_COLUMNS}
);
CREATE INDEX carers_support_contact ON carers(support_contact_id);
CREATE TABLE cared_for (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    birth_year INTEGER,
    unit_ids TEXT NOT NULL DEFAULT '[]',
    {SYNC_COLUMNS}
);
CREATE TABLE relations (
    id TEXT PRIMARY KEY,
    carer_id TEXT NOT NULL,
    cared_for_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    started_at TEXT,
    ended_at TEXT,
    ended_reason TEXT,
    {SYNC_COLUMNS}
);
CREATE INDEX relations_carer ON relations(carer_id);
CREATE INDEX relations_cared_for ON relations(cared_for_id);
CREATE TABLE consents (
    id TEXT PRIMARY KEY,
    carer_id TEXT NOT NULL,
    scope TEXT NOT NULL,
    given_at TEXT NOT NULL,
    given_how TEXT NOT NULL,
    recorded_by TEXT,
    withdrawn_at TEXT,
    note TEXT,
    {SYNC_COLUMNS}
);
CREATE INDEX consents_carer ON consents(carer_id);
CREATE TABLE entries (
    id TEXT PRIMARY KEY,
    carer_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    form_id TEXT,
    form_version INTEGER,
    form_fingerprint TEXT,
    data TEXT NOT NULL DEFAULT '{{}}',
    author_id TEXT,
    author_name TEXT,
    unit_id TEXT,
    occurred_at TEXT NOT NULL,
    confidentiality TEXT NOT NULL DEFAULT 'carer_only',
    supersedes TEXT,
    {SYNC_COLUMNS}
);
CREATE INDEX entries_carer ON entries(carer_id, occurred_at);
CREATE INDEX entries_kind ON entries(kind, occurred_at);
CREATE TABLE record_versions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    data TEXT NOT NULL,
    replaced_at TEXT NOT NULL,
    replaced_by TEXT
);
CREATE INDEX record_versions_entity ON record_versions(entity, entity_id, version);
CREATE TABLE form_versions (
    fingerprint TEXT PRIMARY KEY,
    form_id TEXT NOT NULL,
    version INTEGER NOT NULL,
    definition TEXT NOT NULL,
    first_seen TEXT NOT NULL
);
CREATE TABLE drafts (
    id TEXT PRIMARY KEY,
    carer_id TEXT,
    form_id TEXT NOT NULL,
    form_version INTEGER,
    form_fingerprint TEXT,
    data TEXT NOT NULL DEFAULT '{{}}',
    author_id TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT,
    unit_id TEXT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    fields TEXT NOT NULL DEFAULT '[]',
    mutation_id TEXT
);
CREATE TABLE access_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    user_id TEXT,
    unit_id TEXT,
    person_kind TEXT NOT NULL,
    person_id TEXT,
    action TEXT NOT NULL
);
CREATE INDEX access_log_person ON access_log(person_id);
CREATE TABLE outbox (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    mutation_id TEXT NOT NULL UNIQUE,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE TABLE sync_state (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE VIRTUAL TABLE carer_search USING fts5(
    body, tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE entry_search USING fts5(
    carer_id UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2'
);
"""

APPEND_ONLY = """
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER access_log_no_delete BEFORE DELETE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER record_versions_no_update BEFORE UPDATE ON record_versions
BEGIN SELECT RAISE(ABORT, 'record_versions is append-only'); END;
CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
BEGIN SELECT RAISE(ABORT, 'entries are never deleted; add a correcting version'); END;
"""


def _triggers(conn: Connection) -> None:
    # Trigger bodies contain ';', so each CREATE TRIGGER is run whole.
    for statement in APPEND_ONLY.strip().split("END;"):
        if statement.strip():
            conn.execute(statement + "END")


# The sync client's own tables (src/anhorigdesk/sync/replica.py):
# - sync_log: every local mutation ever staged for the server, kept after the server's
#   acknowledgement so a server restored from an older backup can be given back what
#   it lacks. ``wire_seq`` is the per-client seq the server sees (assigned at first push).
# - sync_entity_state: the merge state (replication/merge.py EntityState) of every synced record,
#   with its current conflict set and flags.
# - sync_seen: every remote mutation merged here (``pulled`` = pulled in the current
#   server epoch); sync_scopes: per-scope count and checksum of the pulled ones, compared
#   with the server's integrity data after a pull.
SYNC_CLIENT = """
CREATE TABLE sync_log (
    mutation_id TEXT PRIMARY KEY,
    outbox_seq INTEGER NOT NULL,
    wire_seq INTEGER UNIQUE,
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    payload TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'pending',
    error TEXT
);
CREATE INDEX sync_log_state ON sync_log(state, wire_seq);
CREATE TABLE sync_entity_state (
    entity TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    state TEXT NOT NULL,
    conflicts TEXT NOT NULL DEFAULT '{}',
    flags TEXT NOT NULL DEFAULT '[]',
    PRIMARY KEY (entity, entity_id)
);
CREATE INDEX sync_entity_state_flagged ON sync_entity_state(entity) WHERE flags != '[]';
CREATE TABLE sync_seen (
    mutation_id TEXT PRIMARY KEY,
    scope_key TEXT NOT NULL,
    server_seq INTEGER NOT NULL,
    pulled INTEGER NOT NULL DEFAULT 1
);
CREATE TABLE sync_scopes (
    scope_key TEXT PRIMARY KEY,
    count INTEGER NOT NULL,
    checksum TEXT NOT NULL
)
"""

# Scheduling (anhorigdesk.scheduling.storage): decisions about a carer's check-ins (pause,
# decline, close, reopen: append-only), the per-carer interval, and follow-up tasks of raised
# flags (id derived from entry id + flag id, so creating one twice is the same task); all
# synced. schedule_entry_events is a local, rebuildable digest of the entries scheduling
# reads (check-ins, plan versions, ended korttid stays), filled as new entries arrive, so
# that loading every carer's schedule does not read every entry's full row.
SCHEDULING = f"""
CREATE TABLE schedule_settings (
    id TEXT PRIMARY KEY,
    carer_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    by_staff_id TEXT NOT NULL,
    reason TEXT,
    until TEXT,
    ended_because TEXT,
    {SYNC_COLUMNS}
);
CREATE INDEX schedule_settings_carer ON schedule_settings(carer_id);
CREATE TABLE carer_schedules (
    id TEXT PRIMARY KEY,
    carer_id TEXT NOT NULL,
    interval_months INTEGER,
    {SYNC_COLUMNS}
);
CREATE TABLE follow_up_tasks (
    id TEXT PRIMARY KEY,
    carer_id TEXT NOT NULL,
    entry_id TEXT NOT NULL,
    form_id TEXT NOT NULL,
    flag_id TEXT NOT NULL,
    raised_at TEXT NOT NULL,
    due_on TEXT NOT NULL,
    plan_review INTEGER NOT NULL DEFAULT 0,
    resolution_text TEXT,
    resolved_by TEXT,
    resolved_at TEXT,
    {SYNC_COLUMNS}
);
CREATE INDEX follow_up_tasks_carer ON follow_up_tasks(carer_id);
CREATE TABLE schedule_entry_events (
    entry_id TEXT PRIMARY KEY,
    carer_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    review_date TEXT,
    form_id TEXT,
    supersedes TEXT
) WITHOUT ROWID;
CREATE INDEX schedule_entry_events_carer ON schedule_entry_events(carer_id);
"""


def _scheduling(conn: Connection) -> None:
    _sql(SCHEDULING)(conn)
    conn.execute(
        "CREATE TRIGGER schedule_settings_no_delete BEFORE DELETE ON schedule_settings"
        " BEGIN SELECT RAISE(ABORT, 'schedule records are never deleted; record a new one'); END"
    )


# Sync protocol 2 (sync/replica.py): the server sends one combined integrity digest per
# pull, so the replica keeps its own combined digest (sum of counts, XOR of checksums) of
# the scopes the server last listed for it, in sync_state key ``digest``, updated with
# every pulled page. ``listed = 0`` marks a scope the server no longer shows this user
# (kept locally, left out of the digest). Indexes for the no-op sync: the outbox rows not
# yet staged, and the count of records with a conflict.
SYNC_DIGEST = """
ALTER TABLE sync_scopes ADD COLUMN listed INTEGER NOT NULL DEFAULT 1;
CREATE INDEX sync_log_outbox ON sync_log(outbox_seq);
CREATE INDEX sync_entity_state_conflicted ON sync_entity_state(entity) WHERE conflicts != '{}'
"""


def _sync_digest(conn: Connection) -> None:
    _sql(SYNC_DIGEST)(conn)
    rows = conn.execute("SELECT count, checksum FROM sync_scopes").fetchall()
    if rows:
        count, checksum = combine(rows)
        conn.execute(
            "INSERT INTO sync_state(key, value) VALUES ('digest', ?)", (f"{count}:{checksum}",)
        )


# Search as you type asks for a prefix of the word being typed: a one- or two-letter prefix
# ("avlösning h") made FTS5 merge the doclists of every word starting with it (27 ms on a
# 200,000-entry profile). Prefix indexes for 1 and 2 letters answer those from one doclist.
# FTS5 cannot add them to an existing table, so each search table is rebuilt from its own
# stored text under the same name and rowids.
SEARCH_TABLES = {
    "carer_search": ("body", "body"),
    "entry_search": ("carer_id UNINDEXED, body", "carer_id, body"),
}


def _search_prefix_index(conn: Connection) -> None:
    for table, (columns, names) in SEARCH_TABLES.items():
        conn.execute(
            f"CREATE VIRTUAL TABLE {table}_rebuilt USING fts5({columns},"
            " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')"
        )
        conn.execute(f"INSERT INTO {table}_rebuilt(rowid, {names}) SELECT rowid, {names} FROM {table}")
        conn.execute(f"DROP TABLE {table}")
        conn.execute(f"ALTER TABLE {table}_rebuilt RENAME TO {table}")
        conn.execute(f"INSERT INTO {table}({table}) VALUES ('optimize')")


# Search as you type looks for carers whose entries match. With the carer's id stored beside
# each entry's text, FTS5 read that content row for every matching entry to find its carer
# (thousands of rows, each page decrypted again after any commit). The carer is now in the
# index's rowid itself: (carer rowid << 32) | entry rowid, so a search reads the doclist and
# nothing else. An entry whose carer is not on this laptop yet (sync can bring an entry
# before its carer) is kept with carer part 0 and moved when the carer arrives
# (Repository._index).
ENTRY_CARER_SHIFT = 32


def _entry_search_by_carer(conn: Connection) -> None:
    conn.execute(
        "CREATE VIRTUAL TABLE entry_search_rebuilt USING fts5(body,"
        " tokenize = 'unicode61 remove_diacritics 2', prefix = '1 2')"
    )
    conn.execute(
        "INSERT INTO entry_search_rebuilt(rowid, body)"
        f" SELECT (coalesce(c.rowid, 0) << {ENTRY_CARER_SHIFT}) | s.rowid, s.body"
        " FROM entry_search s LEFT JOIN carers c ON c.id = s.carer_id ORDER BY 1"
    )
    conn.execute("DROP TABLE entry_search")
    conn.execute("ALTER TABLE entry_search_rebuilt RENAME TO entry_search")
    conn.execute("INSERT INTO entry_search(entry_search) VALUES ('optimize')")


# The push takes its next batch of new mutations in outbox order: this index hands them
# over in that order without sorting every waiting row for each batch of 500.
SYNC_LOG_UNSEQUENCED = """
CREATE INDEX sync_log_unsequenced ON sync_log(outbox_seq) WHERE state = 'pending' AND wire_seq IS NULL;
"""


# Protocol 3, trust at the boundary (docs/PROTOCOL-3.md A.4, A.5; sync/replica.py):
# - sync_quarantine: pulled changes set aside instead of merged (they failed validation,
#   declared another scope than their record's, or the merge could not take them), with the
#   payload kept here, in the encrypted store, for the administrator's investigation;
# - sync_entity_state.scope_key: the scope a record was first merged in; a remote change
#   declaring another one is quarantined. Filled here for carers (their own id) and for the
#   records that name their carer; the others get it from the next change merged.
SYNC_QUARANTINE = """
CREATE TABLE sync_quarantine (
    mutation_id TEXT PRIMARY KEY,
    server_seq INTEGER NOT NULL,
    entity TEXT,
    entity_id TEXT,
    reason TEXT NOT NULL,
    field TEXT,
    payload TEXT NOT NULL,
    at TEXT NOT NULL
);
ALTER TABLE sync_entity_state ADD COLUMN scope_key TEXT;
UPDATE sync_entity_state SET scope_key = entity_id WHERE entity = 'carer'
"""


def _sync_quarantine(conn: Connection) -> None:
    _sql(SYNC_QUARANTINE)(conn)
    # every record that names its carer does so in the field carer_id (store/entities.py
    # carer_field): its scope is the carer the merge state holds (the newest version)
    conn.execute(
        "UPDATE sync_entity_state SET scope_key = json_extract(state, '$.heads.carer_id[#-1].value')"
        " WHERE scope_key IS NULL AND json_type(state, '$.heads.carer_id[#-1].value') = 'text'"
    )


# Causal merge state (docs/PROTOCOL-3.md, part B). Every stored merge state becomes
# format 2; what it held was merged by the clock rule, so every version stays legacy (its
# ``seen`` base clock, no ``ctx``) and the delete clocks become legacy horizons. Own writes
# made before this migration and not yet folded into the merge state are legacy too: their
# bases are the legacy horizon of this laptop's next write of the record
# (``Repository._legacy_pending``); the outbox seq up to which they go is kept in ``meta``.
LEGACY_OUTBOX_KEY = "legacy_outbox_through"


def _causal_merge_state(conn: Connection) -> None:
    rows = conn.execute("SELECT rowid, state FROM sync_entity_state").fetchall()
    conn.executemany(
        "UPDATE sync_entity_state SET state = ? WHERE rowid = ?",
        [(json.dumps(state_format_2(json.loads(state)), ensure_ascii=False, sort_keys=True), rowid)
         for rowid, state in rows],
    )
    staged = conn.execute("SELECT coalesce(max(outbox_seq), 0) FROM sync_log").fetchone()[0]
    newest = conn.execute("SELECT max(seq) FROM outbox").fetchone()[0]
    if newest is not None and newest > staged:
        conn.execute(
            "INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            (LEGACY_OUTBOX_KEY, str(newest)),
        )


# Protocol 3 part D (sync/purge.py, #13 gallring): the purges this laptop has applied
# (re-applied first after a profile restore) and the records they removed (ids only; a later
# change of one is counted, never merged). Entries, otherwise never deleted, may be deleted
# once a purge names them; schedule settings likewise. The search indexes delete securely
# (FTS5 'secure-delete': no token of a removed row stays in the index's pages).
def _sync_purges(conn: Connection) -> None:
    for statement in (
        """CREATE TABLE sync_purges (
            purge_id TEXT PRIMARY KEY, server_seq INTEGER NOT NULL, scope_key TEXT NOT NULL,
            entities TEXT, reason TEXT NOT NULL, applied_at TEXT NOT NULL,
            records INTEGER NOT NULL, dropped INTEGER NOT NULL)""",
        """CREATE TABLE sync_purged_records (
            entity TEXT NOT NULL, entity_id TEXT NOT NULL, purge_id TEXT NOT NULL,
            PRIMARY KEY (entity, entity_id)) WITHOUT ROWID""",
        "DROP TRIGGER entries_no_delete",
        """CREATE TRIGGER entries_no_delete BEFORE DELETE ON entries
        WHEN NOT EXISTS (SELECT 1 FROM sync_purged_records p WHERE p.entity = 'entry' AND p.entity_id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'entries are never deleted; add a correcting version'); END""",
        "DROP TRIGGER schedule_settings_no_delete",
        """CREATE TRIGGER schedule_settings_no_delete BEFORE DELETE ON schedule_settings
        WHEN NOT EXISTS (SELECT 1 FROM sync_purged_records p
                         WHERE p.entity = 'schedule_setting' AND p.entity_id = OLD.id)
        BEGIN SELECT RAISE(ABORT, 'schedule records are never deleted; record a new one'); END""",
        "INSERT INTO carer_search(carer_search, rank) VALUES ('secure-delete', 1)",
        "INSERT INTO entry_search(entry_search, rank) VALUES ('secure-delete', 1)",
    ):
        conn.execute(statement)


# Closing and reopening a carer's case (anhorigdesk.lifecycle.case, issue #13): the
# append-only case events, one per close or reopen (never changed: ``append_only`` in the
# declaration; no delete trigger, so that thinning (gallring) can remove them with the record).
CASE_EVENTS = f"""
CREATE TABLE case_events (
    id TEXT PRIMARY KEY,
    carer_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    at TEXT NOT NULL,
    by_staff_id TEXT,
    reason TEXT,
    note TEXT,
    {SYNC_COLUMNS}
);
CREATE INDEX case_events_carer ON case_events(carer_id, at)
"""
# The carer's card (docs/PROTOCOL-3.md part F): the carer record's shared fields as the server
# writes them into the carer's shared scope for a unit granted it (a record of its own entity,
# ``carer_card``, id = the carer's id). Only name, birth year and preferred language: never an
# address, phone, e-mail or personnummer. Removed with the rest of the shared scope by an
# audience purge (sync/audience.py).
CARER_CARDS = f"""
CREATE TABLE carer_cards (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    birth_year INTEGER,
    preferred_language TEXT,
    {SYNC_COLUMNS}
)
"""


def _entry_visibility(conn: Connection) -> None:
    """Per-entry visibility (docs/PROTOCOL-3.md part F), as the server's migration
    ``0009_entry_visibility`` does: ``consents.unit_id`` (the unit a ``share_with_unit``
    consent shares the record with), ``carers.protected_identity`` and
    ``cared_for.protected_identity`` (skyddade personuppgifter), and every ``shareable`` entry merged here moved to its
    carer's shared scope ``<carer_id>:shared``: ``sync_entity_state.scope_key``, the
    ``sync_seen`` rows of the mutations its merge state holds, and both scopes' figures in
    ``sync_scopes`` recomputed from ``sync_seen`` (the combined digest is unchanged: a move
    between two scopes keeps the sum of counts and the XOR of checksums)."""
    conn.execute("ALTER TABLE consents ADD COLUMN unit_id TEXT")
    for table in ("carers", "cared_for"):  # skyddade personuppgifter (protected identity)
        conn.execute(f"ALTER TABLE {table} ADD COLUMN protected_identity INTEGER NOT NULL DEFAULT 0")
    columns = {r[1] for r in conn.execute("PRAGMA table_info(sync_entity_state)").fetchall()}
    if "scope_key" not in columns:
        return  # scopes not recorded yet (before 0008_sync_quarantine): nothing to move
    rows = conn.execute(
        "SELECT s.entity_id, s.scope_key, s.state FROM sync_entity_state s"
        " JOIN entries e ON e.id = s.entity_id"
        " WHERE s.entity = 'entry' AND e.confidentiality = 'shareable'"
        " AND s.scope_key IS NOT NULL AND s.scope_key NOT LIKE '%:shared'"
        " AND s.scope_key NOT LIKE 'units:%'"
    ).fetchall()
    touched: set[str] = set()
    for entity_id, key, state in rows:
        shared = f"{key}:shared"
        conn.execute(
            "UPDATE sync_entity_state SET scope_key = ? WHERE entity = 'entry' AND entity_id = ?",
            (shared, entity_id),
        )
        ids = {
            version.get("mutation_id")
            for versions in (json.loads(state).get("heads") or {}).values()
            for version in versions
            if isinstance(version, dict)
        }
        for mutation_id in sorted(i for i in ids if isinstance(i, str)):
            conn.execute(
                "UPDATE sync_seen SET scope_key = ? WHERE mutation_id = ? AND scope_key = ?",
                (shared, mutation_id, key),
            )
        touched.update((key, shared))
    for key in sorted(touched):
        seen = [r[0] for r in conn.execute(
            "SELECT mutation_id FROM sync_seen WHERE scope_key = ? AND pulled = 1", (key,))]
        checksum = EMPTY_CHECKSUM
        for mutation_id in seen:
            checksum = add_to_checksum(checksum, mutation_id)
        conn.execute(
            "INSERT INTO sync_scopes(scope_key, count, checksum, listed) VALUES (?, ?, ?, 1)"
            " ON CONFLICT(scope_key) DO UPDATE SET count = excluded.count,"
            " checksum = excluded.checksum",
            (key, len(seen), checksum),
        )
# The access log's chain (docs/PROTOCOL-3.md part E, store/access_chain.py): every row gets
# its log_id, prev and hash; rows written before are chained here in seq order (the
# append-only trigger is lifted for this one update and put back). The server's
# acknowledgement of pushed rows is kept in sync_state (sync/log_push.py).
ACCESS_LOG_CHAIN = """
ALTER TABLE access_log ADD COLUMN log_id TEXT;
ALTER TABLE access_log ADD COLUMN prev TEXT;
ALTER TABLE access_log ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX access_log_log_id ON access_log(log_id)
"""


def _access_log_chain(conn: Connection) -> None:
    from anhorigdesk.store.access_chain import chain_existing

    _sql(ACCESS_LOG_CHAIN)(conn)
    if conn.execute("SELECT 1 FROM access_log LIMIT 1").fetchone() is None:
        return
    row = conn.execute("SELECT value FROM meta WHERE key = 'client_id'").fetchone()
    if row is None:  # as Database._client_id makes it
        from anhorigdesk.store.ids import uuid7

        row = (uuid7().replace("-", ""),)
        conn.execute("INSERT INTO meta(key, value) VALUES ('client_id', ?)", row)
    conn.execute("DROP TRIGGER access_log_no_update")
    chain_existing(conn, row[0])
    conn.execute(
        "CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log"
        " BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END"
    )


MUNICIPALITY_BUNDLES = """
CREATE TABLE municipality_bundles (
    version INTEGER PRIMARY KEY,
    sha256 TEXT NOT NULL,
    received_at TEXT NOT NULL,
    content TEXT NOT NULL
);
CREATE TRIGGER municipality_bundles_no_update BEFORE UPDATE ON municipality_bundles
BEGIN SELECT RAISE(ABORT, 'municipality_bundles is append-only'); END
"""
"""The municipality's material received at sync (docs/PROTOCOL-3.md part G,
``anhorigdesk.municipality.storage``): every published version, never changed: ``content`` is
the bundle as the server packed it (manifest and base64 files), checked against ``sha256``."""
# The home screen's due list kept in the store (issue #18; anhorigdesk.scheduling.due_store).
# ``due_items``: every carer's pending items as ``compute_schedule`` gives them (a due list is
# then one indexed query up to "today + horizon", not a rebuild of every schedule);
# ``due_schedules``: one row per carer whose items are stored (owner, unit, status).
# ``due_dirty``: carers whose stored items may no longer follow from the records. The
# triggers below put a carer there IN THE SAME TRANSACTION as any change of a row their
# schedule is computed from, whoever writes it (a screen, sync's apply, a purge, closing or
# reopening a case, the scan of new entries into ``schedule_entry_events``); ``gen`` grows
# with each change, so a recomputation that read the records before a later change leaves
# the carer queued. The store cannot compute a schedule (that needs the form definitions):
# the migration queues every existing carer, and the first load after it computes and
# stores them all once (``scheduling.due_store.update_due_items``).
DUE_SOURCES = {
    # table: (the column naming the carer, the events that change a schedule)
    "schedule_entry_events": ("carer_id", ("INSERT", "UPDATE", "DELETE")),
    "follow_up_tasks": ("carer_id", ("INSERT", "UPDATE", "DELETE")),
    "schedule_settings": ("carer_id", ("INSERT", "UPDATE", "DELETE")),
    "carer_schedules": ("carer_id", ("INSERT", "UPDATE", "DELETE")),
    "relations": ("carer_id", ("INSERT", "UPDATE", "DELETE")),
    "carers": ("id", ("INSERT", "UPDATE", "DELETE")),
    "record_versions": ("entity_id", ("INSERT", "DELETE")),
}
DUE_MARK = (
    "INSERT INTO due_dirty(carer_id, gen) SELECT {who}, 1 WHERE {who} IS NOT NULL{extra}"
    " ON CONFLICT(carer_id) DO UPDATE SET gen = gen + 1;"
)


def _due_trigger(table: str, column: str, event: str) -> str:
    only = " WHEN {row}.entity = 'carer'" if table == "record_versions" else ""
    if event == "INSERT":
        marks = [DUE_MARK.format(who=f"NEW.{column}", extra="")]
        only = only.format(row="NEW")
    elif event == "DELETE":
        marks = [DUE_MARK.format(who=f"OLD.{column}", extra="")]
        only = only.format(row="OLD")
    else:  # a row moved to another carer changes the one it left too
        marks = [
            DUE_MARK.format(who=f"NEW.{column}", extra=""),
            DUE_MARK.format(who=f"OLD.{column}", extra=f" AND OLD.{column} IS NOT NEW.{column}"),
        ]
    return (
        f"CREATE TRIGGER due_dirty_{table}_{event.lower()} AFTER {event} ON {table}{only}"
        f" BEGIN {' '.join(marks)} END"
    )


def _due_items(conn: Connection) -> None:
    conn.execute(
        """CREATE TABLE due_items (
            carer_id TEXT NOT NULL, kind TEXT NOT NULL, due_ordinal INTEGER NOT NULL,
            kind_order INTEGER NOT NULL, reason_code TEXT NOT NULL, reason TEXT NOT NULL,
            source_event_id TEXT, flag_id TEXT, task_id TEXT,
            owner_staff_id TEXT, unit_id TEXT)"""
    )
    conn.execute(
        "CREATE INDEX due_items_by_due ON due_items(due_ordinal, kind_order, carer_id, task_id)"
    )
    conn.execute("CREATE INDEX due_items_by_carer ON due_items(carer_id)")
    conn.execute(
        """CREATE TABLE due_schedules (
            carer_id TEXT PRIMARY KEY, owner_staff_id TEXT, unit_id TEXT, status TEXT NOT NULL
        ) WITHOUT ROWID"""
    )
    conn.execute(
        "CREATE TABLE due_dirty (carer_id TEXT PRIMARY KEY, gen INTEGER NOT NULL) WITHOUT ROWID"
    )
    for table, (column, events) in DUE_SOURCES.items():
        for event in events:
            conn.execute(_due_trigger(table, column, event))
    # The support contact's unit owns a carer's items: a staff member changing unit (or
    # leaving) changes the items of every carer whose support contact they are.
    conn.execute(
        "CREATE TRIGGER due_dirty_staff_update AFTER UPDATE OF unit_id, deleted ON staff"
        " BEGIN INSERT INTO due_dirty(carer_id, gen)"
        " SELECT id, 1 FROM carers WHERE support_contact_id = NEW.id"
        " ON CONFLICT(carer_id) DO UPDATE SET gen = gen + 1; END"
    )
    conn.execute("INSERT INTO due_dirty(carer_id, gen) SELECT id, 1 FROM carers")


# 0018: the follow-up statistics' fact tables (``anhorigdesk.followup.aggregate``), one row
# per counted record, kept by triggers in the same transaction as every write of the record
# tables (local edits, imports, sync's merged writes, purges). Per table: the entity, the
# condition for a fact and the fact's columns after (entity, entity_id), in FACT_COLUMNS
# order, over the row ``{r}``. Instants: UTC text (SQLite converts a "+01:00" suffix; a time
# without a zone counts for nothing, as ``followup.statistics.parse_time`` has it). The
# korttid checklist is the built-in form's (``followup.statistics.KORTTID_CHECKLIST``).
_STAT_CHECKLIST = ("welcome_talk", "ask_your_knowledge", "named_contact", "keep_informed",
                   "ask_how_you_are", "information_given", "going_home_talk")


def _stat_utc(value: str) -> str:
    return (f"(CASE WHEN {value} GLOB '*[+-][0-9][0-9]:[0-9][0-9]' OR {value} GLOB '*Z'"
            f" THEN strftime('%Y-%m-%dT%H:%M:%f', {value}) END)")


def _stat_facts() -> dict[str, tuple[str, str, list[str]]]:
    data = "(CASE WHEN json_valid({r}.data) THEN {r}.data ELSE '{{}}' END)"
    done = " AND ".join(f"json_extract({data}, '$.{i}.status') IN ('done', 'not_relevant')"
                        for i in _STAT_CHECKLIST)
    detail = (f"CASE {{r}}.kind WHEN 'korttid' THEN (CASE WHEN json_extract({data}, '$.is_term_follow_up') = 'yes'"
              f" THEN 'follow_up' WHEN {done} THEN 'done' ELSE 'open' END)"
              f" WHEN 'handout' THEN (CASE WHEN json_extract({data}, '$.kind') = 'information_handout'"
              f" THEN COALESCE(NULLIF(CAST(json_extract({data}, '$.language') AS TEXT), ''), 'unknown') END) END")
    null = "NULL"
    return {
        "carers": ("carer", "1", [
            "{r}.id", "COALESCE(NULLIF({r}.status, ''), 'active')",
            f"COALESCE({_stat_utc('{r}.created_at')}, '1970-01-01T00:00:00.000')",
            "{r}.birth_date", null, null, "CASE WHEN {r}.is_child THEN '1' ELSE '0' END", null]),
        "relations": ("relation", "1", ["{r}.carer_id", "{r}.kind", null, null, null, null, null, null]),
        "carer_schedules": ("carer_schedule",
                            "typeof({r}.interval_months) = 'integer' AND {r}.interval_months > 0",
                            ["{r}.carer_id", null, null, null, null, null, null, "{r}.interval_months"]),
        "entries": ("entry", "{r}.kind IN ('samtal', 'stodplan', 'frivillighet', 'korttid', 'handout')"
                    f" AND {_stat_utc('{r}.occurred_at')} IS NOT NULL",
                    ["{r}.carer_id", "{r}.kind", _stat_utc("{r}.occurred_at"), null, null,
                     "NULLIF({r}.supersedes, '')", detail, null]),
        "follow_up_tasks": ("follow_up_task", f"{_stat_utc('{r}.raised_at')} IS NOT NULL"
                            " AND date(substr({r}.due_on, 1, 10)) IS NOT NULL",
                            ["{r}.carer_id", "{r}.flag_id", _stat_utc("{r}.raised_at"),
                             "date(substr({r}.due_on, 1, 10))", _stat_utc("{r}.resolved_at"), null, null, null]),
        "schedule_settings": ("schedule_setting", f"{_stat_utc('{r}.at')} IS NOT NULL",
                              ["{r}.carer_id", "{r}.kind", _stat_utc("{r}.at"),
                               "date(substr({r}.until, 1, 10))", null, null, null, null]),
        "case_events": ("case_event", f"{_stat_utc('{r}.at')} IS NOT NULL",
                        ["{r}.carer_id", "{r}.kind", _stat_utc("{r}.at"), null, null, null, null, null]),
    }


def _statistics_facts(conn: Connection) -> None:
    """Follow-up statistics at speed (issue #14): ``stat_facts``/``stat_units`` as the
    server's migration ``0013_statistics_facts`` has them, filled once from the records and
    kept by triggers from then on."""
    from anhorigdesk.followup.aggregate import schema

    for statement in schema(pg=False):
        conn.execute(statement)
    insert = ("INSERT INTO stat_facts (entity, entity_id, carer_id, kind, at_utc, day, end_utc,"
              " supersedes, detail, months)")
    units = ("INSERT OR IGNORE INTO stat_units (carer_id, unit_id) SELECT {r}.id, j.value FROM {source}"
             " json_each(CASE WHEN json_valid({r}.unit_ids) THEN {r}.unit_ids ELSE '[]' END) j"
             " WHERE {r}.deleted = 0 AND j.type = 'text'")
    for table, (entity, condition, columns) in _stat_facts().items():
        select = (f"SELECT '{entity}', {{r}}.id, {', '.join(columns)} {{source}}"
                  f" WHERE {{r}}.deleted = 0 AND {{r}}.carer_id IS NOT NULL AND ({condition})")
        if entity == "carer":
            select = select.replace(" AND {r}.carer_id IS NOT NULL", "")
        # the trigger: the fact of the row as written (NEW), in place of the old one
        new = {"r": "NEW", "source": ""}
        write = f"DELETE FROM stat_facts WHERE entity = '{entity}' AND entity_id = NEW.id; "
        if entity == "carer":
            write += ("DELETE FROM stat_units WHERE carer_id = NEW.id; "
                      + units.format(r="NEW", source="") + "; ")
        write += f"{insert} {select.format(**new)};"
        for event in ("INSERT", "UPDATE"):
            conn.execute(f"CREATE TRIGGER {table}_stat_{event.lower()} AFTER {event} ON {table}"
                         f" BEGIN {write} END")
        gone = " DELETE FROM stat_units WHERE carer_id = OLD.id;" if entity == "carer" else ""
        conn.execute(f"CREATE TRIGGER {table}_stat_delete AFTER DELETE ON {table} BEGIN"
                     f" DELETE FROM stat_facts WHERE entity = '{entity}' AND entity_id = OLD.id;{gone} END")
        # filled once: the same over the table's rows
        conn.execute(f"{insert} {select.format(r='t', source=f'FROM {table} t')}")
        if entity == "carer":
            conn.execute(units.format(r="t", source="carers t,"))


# 0019 (#13 gallring at speed): a purge finds what it removes through indexes, not by
# reading every row of the sync tables once per purge (a sync bringing 2,000 purges to a
# laptop holding 10,000 carers read sync_entity_state 2,000 times over): the records of a
# scope, a record's own mutations in sync_log, the carer a sync_log mutation is about (the
# expression sync/purge.py queries), the records of a purge (reapplied after a restore),
# and a carer's schedules.
PURGE_INDEXES = """
CREATE INDEX sync_entity_state_scope ON sync_entity_state(scope_key);
CREATE INDEX sync_log_record ON sync_log(entity, entity_id);
CREATE INDEX sync_log_carer ON sync_log(json_extract(payload, '$.carer_id'));
CREATE INDEX sync_purged_records_purge ON sync_purged_records(purge_id);
CREATE INDEX carer_schedules_carer ON carer_schedules(carer_id)
"""


MIGRATIONS: list[Migration] = [
    Migration("0001_initial_schema", _sql(INITIAL)),
    Migration("0002_append_only_logs", _triggers),
    Migration("0003_sync_client_state", _sql(SYNC_CLIENT)),
    Migration("0003_scheduling", _scheduling),
    Migration("0004_sync_digest", _sync_digest),
    Migration("0005_search_prefix_index", _search_prefix_index),
    Migration("0006_entry_search_by_carer", _entry_search_by_carer),
    Migration("0007_sync_log_unsequenced", _sql(SYNC_LOG_UNSEQUENCED)),
    Migration("0008_sync_quarantine", _sync_quarantine),
    Migration("0009_causal_merge_state", _causal_merge_state),
    Migration("0011_sync_purges", _sync_purges),
    Migration("0012_case_events", _sql(CASE_EVENTS)),
    Migration("0013_access_log_chain", _access_log_chain),
    Migration("0014_entry_visibility", _entry_visibility),
    Migration("0015_municipality_bundles", _sql(MUNICIPALITY_BUNDLES)),
    Migration("0016_due_items", _due_items),
    Migration("0017_carer_cards", _sql(CARER_CARDS)),
    Migration("0018_statistics_facts", _statistics_facts),
    Migration("0019_purge_indexes", _sql(PURGE_INDEXES)),
]


def applied(conn: Connection) -> list[str]:
    conn.execute(
        "CREATE TABLE IF NOT EXISTS migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
    )
    return [r[0] for r in conn.execute("SELECT name FROM migrations ORDER BY rowid").fetchall()]


def migrate(conn: Connection, progress: Callable[[int, int], None] | None = None) -> list[str]:
    """Apply every migration not yet recorded; return the names applied now.

    ``progress(done, total)`` is called before each pending migration and once at the end,
    only when there is something to apply."""
    done = set(applied(conn))
    names = [m.name for m in MIGRATIONS]
    unknown = done - set(names)
    if unknown:
        raise RuntimeError(
            "the database was written by a newer AnhörigDesk (unknown migrations: "
            + ", ".join(sorted(unknown))
            + "); update the application"
        )
    ran: list[str] = []
    pending = [m for m in MIGRATIONS if m.name not in done]
    for migration in pending:
        if progress is not None:
            progress(len(ran), len(pending))
        conn.execute("BEGIN IMMEDIATE")
        try:
            migration.apply(conn)
            conn.execute(
                "INSERT INTO migrations(name, applied_at) VALUES (?, ?)",
                (migration.name, datetime.now(UTC).isoformat()),
            )
            conn.execute("COMMIT")
        except BaseException as exc:
            # SQLite may have rolled the transaction back already (a full disk does): an
            # unconditional ROLLBACK would then replace the real error with "cannot rollback
            # - no transaction is active".
            if conn.in_transaction:
                try:
                    conn.execute("ROLLBACK")
                except Exception as rollback_exc:
                    exc.add_note(f"the rollback failed too ({type(rollback_exc).__name__})")
            raise
        ran.append(migration.name)
    if progress is not None and pending:
        progress(len(ran), len(pending))
    return ran
