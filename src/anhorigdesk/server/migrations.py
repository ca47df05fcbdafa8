"""Named schema migrations of the server database, recorded in ``schema_migrations``.

The same names run on SQLite and PostgreSQL; a migration is a list of statements
per dialect. Migrations run under the log lock, so several processes starting at
once over one PostgreSQL database apply each migration exactly once.
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime

from anhorigdesk.replication.integrity import EMPTY_CHECKSUM, add_to_checksum
from anhorigdesk.replication.merge import EntityState, state_format_2
from anhorigdesk.replication.visibility import SHAREABLE, shared_key
from anhorigdesk.server.db import Database, Transaction

APPEND_ONLY_TABLES = ("mutations", "access_log")


@dataclass(frozen=True)
class Migration:
    name: str
    apply: Callable[[Transaction], None]


def _types(tx: Transaction) -> dict[str, str]:
    if tx.dialect.is_pg:
        return {"autoid": "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", "big": "BIGINT"}
    return {"autoid": "INTEGER PRIMARY KEY AUTOINCREMENT", "big": "INTEGER"}


def _initial(tx: Transaction) -> None:
    t = _types(tx)
    statements = [
        """CREATE TABLE server_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)""",
        """CREATE TABLE units (
            id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, created_at TEXT NOT NULL)""",
        """CREATE TABLE users (
            id TEXT PRIMARY KEY, username TEXT NOT NULL UNIQUE, password_hash TEXT NOT NULL,
            role TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL, password_changed_at TEXT NOT NULL)""",
        """CREATE TABLE user_units (
            user_id TEXT NOT NULL REFERENCES users(id), unit_id TEXT NOT NULL REFERENCES units(id),
            PRIMARY KEY (user_id, unit_id))""",
        """CREATE INDEX user_units_unit ON user_units (unit_id)""",
        """CREATE TABLE devices (
            device_id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
            name TEXT NOT NULL, registered_at TEXT NOT NULL, last_seen_at TEXT NOT NULL)""",
        """CREATE TABLE sessions (
            id TEXT PRIMARY KEY, user_id TEXT NOT NULL REFERENCES users(id),
            device_id TEXT NOT NULL REFERENCES devices(device_id),
            access_hash TEXT NOT NULL UNIQUE, access_expires_at TEXT NOT NULL,
            refresh_hash TEXT NOT NULL UNIQUE, refresh_expires_at TEXT NOT NULL,
            created_at TEXT NOT NULL, last_used_at TEXT NOT NULL,
            revoked_at TEXT, revoked_reason TEXT)""",
        """CREATE INDEX sessions_user ON sessions (user_id)""",
        f"""CREATE TABLE login_failures (
            id {t["autoid"]}, key TEXT NOT NULL, at TEXT NOT NULL)""",
        """CREATE INDEX login_failures_key ON login_failures (key, at)""",
        f"""CREATE TABLE clients (client_id TEXT PRIMARY KEY, last_seq {t["big"]} NOT NULL)""",
        f"""CREATE TABLE mutations (
            server_seq {t["big"]} PRIMARY KEY, mutation_id TEXT NOT NULL UNIQUE,
            client_id TEXT NOT NULL, seq {t["big"]} NOT NULL,
            entity TEXT NOT NULL, entity_id TEXT NOT NULL, op TEXT NOT NULL,
            scope_key TEXT NOT NULL, carer_id TEXT, payload TEXT NOT NULL,
            pushed_by TEXT NOT NULL, received_at TEXT NOT NULL,
            scope_count {t["big"]} NOT NULL, scope_checksum TEXT NOT NULL,
            UNIQUE (client_id, seq))""",
        """CREATE INDEX mutations_scope ON mutations (scope_key, server_seq)""",
        f"""CREATE TABLE scopes (
            scope_key TEXT PRIMARY KEY, carer_id TEXT, support_contact_id TEXT,
            units_hlc TEXT NOT NULL, mutation_count {t["big"]} NOT NULL,
            checksum TEXT NOT NULL, last_seq {t["big"]} NOT NULL)""",
        """CREATE INDEX scopes_contact ON scopes (support_contact_id)""",
        """CREATE TABLE scope_units (
            scope_key TEXT NOT NULL, unit_id TEXT NOT NULL, PRIMARY KEY (scope_key, unit_id))""",
        """CREATE INDEX scope_units_unit ON scope_units (unit_id)""",
        f"""CREATE TABLE entities (
            entity TEXT NOT NULL, entity_id TEXT NOT NULL, scope_key TEXT NOT NULL,
            state TEXT NOT NULL, updated_seq {t["big"]} NOT NULL,
            PRIMARY KEY (entity, entity_id))""",
        """CREATE INDEX entities_scope ON entities (scope_key)""",
        f"""CREATE TABLE access_log (
            id {t["autoid"]}, at TEXT NOT NULL, user_id TEXT, username TEXT,
            device_id TEXT, action TEXT NOT NULL, carer_id TEXT, scope_key TEXT,
            unit_id TEXT, outcome TEXT NOT NULL, detail TEXT, client_addr TEXT)""",
        """CREATE INDEX access_log_carer ON access_log (carer_id, at)""",
    ]
    for sql in statements:
        tx.execute(sql)
    now = datetime.now(UTC).isoformat()
    tx.execute("INSERT INTO server_meta (key, value) VALUES (?, ?)", ("epoch", uuid.uuid4().hex))
    tx.execute("INSERT INTO server_meta (key, value) VALUES (?, ?)", ("created_at", now))


def _append_only(tx: Transaction) -> None:
    for table in APPEND_ONLY_TABLES:
        if tx.dialect.is_pg:
            continue
        for event in ("UPDATE", "DELETE"):
            tx.execute(
                f"""CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
            )
    if tx.dialect.is_pg:
        tx.execute(
            """CREATE FUNCTION anhorigdesk_append_only() RETURNS trigger AS $$
            BEGIN RAISE EXCEPTION '% is append-only', TG_TABLE_NAME; END
            $$ LANGUAGE plpgsql"""
        )
        for table in APPEND_ONLY_TABLES:
            tx.execute(
                f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
                ON {table} FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_append_only()"""
            )


# The columns of a mutation a compaction never changes (only ``payload`` is shortened).
_FIXED_MUTATION_COLUMNS = (
    "server_seq", "mutation_id", "client_id", "seq", "entity", "entity_id", "op", "scope_key",
    "carer_id", "pushed_by", "received_at", "scope_count", "scope_checksum",
)


def _compactable_log(tx: Transaction) -> None:
    """``compacted_mutations`` records every mutation whose payload a compaction shortened
    (``server/compaction.py``), with the sha256 of the original payload (a resend is
    recognised by it); the ``mutations`` log stays append-only except for exactly
    that: an UPDATE is refused unless the row is recorded there and only ``payload`` changes.
    Deleting rows stays refused, so ids, seqs and the integrity figures never change."""
    t = _types(tx)
    tx.execute(
        f"""CREATE TABLE compacted_mutations (
            mutation_id TEXT PRIMARY KEY, original_sha256 TEXT NOT NULL,
            original_bytes {t["big"]} NOT NULL, compacted_at TEXT NOT NULL)"""
    )
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _FIXED_MUTATION_COLUMNS)
    if tx.dialect.is_pg:
        tx.execute(
            f"""CREATE FUNCTION anhorigdesk_mutations_compaction() RETURNS trigger AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM compacted_mutations c WHERE c.mutation_id = OLD.mutation_id)
                   OR {changed} THEN
                    RAISE EXCEPTION 'mutations is append-only (only a recorded compaction may shorten a payload)';
                END IF;
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql"""
        )
        tx.execute("DROP TRIGGER mutations_append_only ON mutations")
        tx.execute(
            """CREATE TRIGGER mutations_append_only BEFORE DELETE OR TRUNCATE ON mutations
            FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_append_only()"""
        )
        tx.execute(
            """CREATE TRIGGER mutations_compaction_only BEFORE UPDATE ON mutations
            FOR EACH ROW EXECUTE FUNCTION anhorigdesk_mutations_compaction()"""
        )
        tx.execute(
            """CREATE TRIGGER compacted_mutations_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
            ON compacted_mutations FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_append_only()"""
        )
        return
    changed = changed.replace("IS DISTINCT FROM", "IS NOT")
    tx.execute("DROP TRIGGER mutations_no_update")
    tx.execute(
        f"""CREATE TRIGGER mutations_no_update BEFORE UPDATE ON mutations
        WHEN NOT EXISTS (SELECT 1 FROM compacted_mutations c WHERE c.mutation_id = OLD.mutation_id)
             OR {changed}
        BEGIN SELECT RAISE(ABORT,
            'mutations is append-only (only a recorded compaction may shorten a payload)'); END"""
    )
    for event in ("UPDATE", "DELETE"):
        tx.execute(
            f"""CREATE TRIGGER compacted_mutations_no_{event.lower()} BEFORE {event}
            ON compacted_mutations BEGIN SELECT RAISE(ABORT, 'compacted_mutations is append-only'); END"""
        )


def _causal_entity_state(tx: Transaction) -> None:
    """Every merged state in ``entities`` becomes format 2 (docs/PROTOCOL-3.md, part B): what
    it holds was merged by the clock rule, so every version stays legacy (no ctx)."""
    rows = tx.all("SELECT entity, entity_id, state FROM entities")
    tx.executemany(
        "UPDATE entities SET state = ? WHERE entity = ? AND entity_id = ?",
        [
            (json.dumps(state_format_2(json.loads(state)), sort_keys=True, ensure_ascii=False), entity, entity_id)
            for entity, entity_id, state in rows
        ],
    )


def _device_revocation_and_token_reuse(tx: Transaction) -> None:
    """A device can be revoked (``admin revoke-device``): ``devices.revoked_at``. A session
    remembers its refresh token just rotated (``prev_refresh_hash``, ``rotated_at``) and the
    pair that rotation gave, encrypted under a key only that old token derives
    (``retry_box``, ``server/security.py``), so that a retry whose answer was lost gets the
    same pair; every spent refresh token's hash is kept until its session would have
    expired (``spent_refresh_tokens``), so that any other reuse is recognised and ends the
    session."""
    for sql in (
        "ALTER TABLE devices ADD COLUMN revoked_at TEXT",
        "ALTER TABLE sessions ADD COLUMN prev_refresh_hash TEXT",
        "ALTER TABLE sessions ADD COLUMN rotated_at TEXT",
        "ALTER TABLE sessions ADD COLUMN retry_box TEXT",
        """CREATE TABLE spent_refresh_tokens (
            token_hash TEXT PRIMARY KEY, session_id TEXT NOT NULL REFERENCES sessions(id),
            expires_at TEXT NOT NULL)""",
        "CREATE INDEX spent_refresh_tokens_expiry ON spent_refresh_tokens (expires_at)",
        "CREATE INDEX sessions_device ON sessions (device_id)",
    ):
        tx.execute(sql)


# Why a stored mutation was set aside (docs/PROTOCOL-3.md, part C).
SET_ASIDE_REASONS = ("compacted", "retired", "purged")


def _set_aside(tx: Transaction) -> None:
    """One table for every stored mutation whose content is no longer served
    (docs/PROTOCOL-3.md, part C): ``set_aside (mutation_id, reason, payload_sha256, at, by,
    note)`` with ``reason`` compacted (a compaction's stub), retired (an administrator's
    ``admin quarantine retire``) or purged. ``compacted_mutations`` moves into it (reason
    ``compacted``) and is dropped. The log's trigger now allows exactly this update: the
    payload of a mutation recorded in ``set_aside`` replaced, every other column unchanged;
    ``set_aside`` itself is append-only."""
    t = _types(tx)
    reasons = ", ".join(f"'{r}'" for r in SET_ASIDE_REASONS)
    tx.execute(
        f"""CREATE TABLE set_aside (
            mutation_id TEXT PRIMARY KEY, reason TEXT NOT NULL CHECK (reason IN ({reasons})),
            payload_sha256 TEXT NOT NULL, payload_bytes {t["big"]} NOT NULL,
            at TEXT NOT NULL, by TEXT NOT NULL, note TEXT)"""
    )
    tx.execute(
        "INSERT INTO set_aside (mutation_id, reason, payload_sha256, payload_bytes, at, by, note)"
        " SELECT mutation_id, 'compacted', original_sha256, original_bytes, compacted_at,"
        " 'compact-log', NULL FROM compacted_mutations"
    )
    changed = " OR ".join(f"NEW.{c} IS DISTINCT FROM OLD.{c}" for c in _FIXED_MUTATION_COLUMNS)
    if tx.dialect.is_pg:
        tx.execute("DROP TRIGGER mutations_compaction_only ON mutations")
        tx.execute("DROP TRIGGER compacted_mutations_append_only ON compacted_mutations")
        tx.execute("DROP FUNCTION anhorigdesk_mutations_compaction()")
        tx.execute("DROP TABLE compacted_mutations")
        tx.execute(
            f"""CREATE FUNCTION anhorigdesk_mutations_set_aside() RETURNS trigger AS $$
            BEGIN
                IF NOT EXISTS (SELECT 1 FROM set_aside a WHERE a.mutation_id = OLD.mutation_id)
                   OR {changed} THEN
                    RAISE EXCEPTION 'mutations is append-only (only a recorded set-aside may replace a payload)';
                END IF;
                RETURN NEW;
            END
            $$ LANGUAGE plpgsql"""
        )
        tx.execute(
            """CREATE TRIGGER mutations_set_aside_only BEFORE UPDATE ON mutations
            FOR EACH ROW EXECUTE FUNCTION anhorigdesk_mutations_set_aside()"""
        )
        tx.execute(
            """CREATE TRIGGER set_aside_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
            ON set_aside FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_append_only()"""
        )
        return
    changed = changed.replace("IS DISTINCT FROM", "IS NOT")
    tx.execute("DROP TRIGGER mutations_no_update")
    for event in ("update", "delete"):
        tx.execute(f"DROP TRIGGER compacted_mutations_no_{event}")
    tx.execute("DROP TABLE compacted_mutations")
    tx.execute(
        f"""CREATE TRIGGER mutations_no_update BEFORE UPDATE ON mutations
        WHEN NOT EXISTS (SELECT 1 FROM set_aside a WHERE a.mutation_id = OLD.mutation_id)
             OR {changed}
        BEGIN SELECT RAISE(ABORT,
            'mutations is append-only (only a recorded set-aside may replace a payload)'); END"""
    )
    for event in ("UPDATE", "DELETE"):
        tx.execute(
            f"""CREATE TRIGGER set_aside_no_{event.lower()} BEFORE {event}
            ON set_aside BEGIN SELECT RAISE(ABORT, 'set_aside is append-only'); END"""
        )


# Why a purge was written (docs/PROTOCOL-3.md, part D).
PURGE_REASONS = ("gallring", "consent_withdrawn", "sharing_ended")


def _purges(tx: Transaction) -> None:
    """Purges in the log (docs/PROTOCOL-3.md part D, #13 gallring). A purge is a row of
    ``mutations`` (its own ``server_seq``; ``op`` ``purge``, ``entity`` ``_purge``, the
    ``purge_id`` as ``mutation_id``; the payload is the change served to laptops) and a row
    of ``purges`` (who, when, how much was set aside). ``purged_records`` names every
    record a purge removed (ids only): a later push of it is stored as a stub, never merged.
    ``gallring_runs`` keeps each ``admin gallring --run`` with its running counts (a run
    cut off resumes). ``archive_holds``: a record the rules keep (research,
    representative municipality, no personnummer) has left the laptops and waits on the
    server for delivery to the archive (``admin gallring deliver``). Ids and counts only,
    no personal data. ``purges`` and ``purged_records`` are append-only."""
    t = _types(tx)
    reasons = ", ".join(f"'{r}'" for r in PURGE_REASONS)
    for sql in (
        f"""CREATE TABLE purges (
            purge_id TEXT PRIMARY KEY, server_seq {t["big"]} NOT NULL UNIQUE,
            scope_key TEXT NOT NULL, reason TEXT NOT NULL CHECK (reason IN ({reasons})),
            entities TEXT, audience TEXT, at TEXT NOT NULL, by TEXT NOT NULL,
            mutations_set_aside {t["big"]} NOT NULL, records_deleted {t["big"]} NOT NULL,
            versions_deleted {t["big"]} NOT NULL, held {t["big"]} NOT NULL DEFAULT 0)""",
        "CREATE INDEX purges_scope ON purges (scope_key)",
        """CREATE TABLE purged_records (
            entity TEXT NOT NULL, entity_id TEXT NOT NULL, purge_id TEXT NOT NULL,
            PRIMARY KEY (entity, entity_id))""",
        f"""CREATE TABLE gallring_runs (
            run_id TEXT PRIMARY KEY, today TEXT NOT NULL, started_at TEXT NOT NULL,
            finished_at TEXT, by TEXT NOT NULL, counts TEXT NOT NULL,
            done {t["big"]} NOT NULL DEFAULT 0)""",
        """CREATE TABLE archive_holds (
            scope_key TEXT PRIMARY KEY, outcome TEXT NOT NULL, due TEXT NOT NULL,
            purge_id TEXT NOT NULL, held_at TEXT NOT NULL, delivered_at TEXT,
            delivery TEXT)""",
    ):
        tx.execute(sql)
    if tx.dialect.is_pg:
        for table in ("purges", "purged_records"):
            tx.execute(
                f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
                ON {table} FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_append_only()"""
            )
        return
    for table in ("purges", "purged_records"):
        for event in ("UPDATE", "DELETE"):
            tx.execute(
                f"""CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
            )


def _device_access_log(tx: Transaction) -> None:
    """Laptops' access-log rows (docs/PROTOCOL-3.md part E, server/store/device_log.py):
    ``device_access_log`` append-only (person only as a pseudonym); ``device_log_chains``
    the last row of each device's chain; ``person_log_keys`` the per-person HMAC key
    (gallring destroys it: ``forget_person_key``); ``log_review_samples`` the monthly
    samples and ``log_review_marks`` the review marks (both append-only: a mark is a new
    row). ``outside``: the carer was, at push, outside the staff member's units and
    support-contact assignments (1), inside (0), unknown (NULL)."""
    t = _types(tx)
    statements = [
        f"""CREATE TABLE device_access_log (
            id {t["autoid"]}, log_id TEXT NOT NULL UNIQUE, client_id TEXT NOT NULL,
            log_seq {t["big"]} NOT NULL, at TEXT NOT NULL, received_at TEXT NOT NULL,
            action TEXT NOT NULL, person TEXT, unit_id TEXT, staff_id TEXT, detail TEXT,
            prev TEXT NOT NULL, hash TEXT NOT NULL, flag TEXT, pushed_by TEXT NOT NULL,
            outside INTEGER)""",
        """CREATE INDEX device_access_log_person ON device_access_log (person, at)""",
        """CREATE INDEX device_access_log_staff ON device_access_log (staff_id, at)""",
        """CREATE INDEX device_access_log_unit ON device_access_log (unit_id, at)""",
        """CREATE INDEX device_access_log_chain ON device_access_log (client_id, log_seq)""",
        f"""CREATE TABLE device_log_chains (
            client_id TEXT PRIMARY KEY, last_seq {t["big"]} NOT NULL, last_hash TEXT NOT NULL)""",
        """CREATE TABLE person_log_keys (
            person_id TEXT PRIMARY KEY, log_key TEXT, created_at TEXT NOT NULL,
            forgotten_at TEXT)""",
        f"""CREATE TABLE log_review_marks (
            id {t["autoid"]}, row_id {t["big"]} NOT NULL, sample_month TEXT,
            reviewer_id TEXT NOT NULL, note TEXT NOT NULL, at TEXT NOT NULL)""",
        """CREATE INDEX log_review_marks_row ON log_review_marks (row_id)""",
        f"""CREATE TABLE log_review_samples (
            unit_id TEXT NOT NULL, month TEXT NOT NULL, row_id {t["big"]} NOT NULL,
            drawn_at TEXT NOT NULL, PRIMARY KEY (unit_id, month, row_id))""",
    ]
    for sql in statements:
        tx.execute(sql)
    for table in ("device_access_log", "log_review_marks", "log_review_samples"):
        if tx.dialect.is_pg:
            tx.execute(
                f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
                ON {table} FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_append_only()"""
            )
            continue
        for event in ("UPDATE", "DELETE"):
            tx.execute(
                f"""CREATE TRIGGER {table}_no_{event.lower()} BEFORE {event} ON {table}
                BEGIN SELECT RAISE(ABORT, '{table} is append-only'); END"""
            )


def _entry_visibility(tx: Transaction) -> None:
    """Per-entry visibility (docs/PROTOCOL-3.md part F): ``scope_grants (scope_key, unit_id,
    ground)`` (a unit granted a carer's shared scope by a consent), and every stored
    ``shareable`` entry moved from its carer's scope to ``<carer_id>:shared``: its log rows'
    ``scope_key``, the running figures (``scope_count``, ``scope_checksum``) of both scopes
    recomputed in log order, the ``entities`` rows and the ``scopes`` rows (the shared one
    with the carer's units and support contact). Moving a mutation between two scopes
    keeps a user's combined digest (sum of counts, XOR of checksums) as it was."""
    tx.execute(
        """CREATE TABLE scope_grants (
            scope_key TEXT NOT NULL, unit_id TEXT NOT NULL REFERENCES units(id),
            ground TEXT NOT NULL CHECK (ground IN ('share_with_care', 'share_with_unit')),
            PRIMARY KEY (scope_key, unit_id, ground))"""
    )
    tx.execute("CREATE INDEX scope_grants_unit ON scope_grants (unit_id, scope_key)")
    moved: dict[str, set[str]] = {}  # carer scope -> entry ids
    for entity_id, key, state in tx.all(
        "SELECT entity_id, scope_key, state FROM entities WHERE entity = 'entry'"
        " AND scope_key NOT LIKE '%:shared' AND scope_key NOT LIKE 'units:%'"
    ):
        if EntityState.from_json(json.loads(state)).fields.get("confidentiality") == SHAREABLE:
            moved.setdefault(key, set()).add(entity_id)
    if not moved:
        return
    if tx.dialect.is_pg:
        tx.execute("ALTER TABLE mutations DISABLE TRIGGER mutations_set_aside_only")
        trigger = None
    else:
        row = tx.one("SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = 'mutations_no_update'")
        trigger = row[0] if row else None
        if trigger:
            tx.execute("DROP TRIGGER mutations_no_update")
    for key in sorted(moved):
        shared = shared_key(key)
        figures = {key: (0, EMPTY_CHECKSUM, 0), shared: (0, EMPTY_CHECKSUM, 0)}
        for server_seq, mutation_id, entity, entity_id in tx.all(
            "SELECT server_seq, mutation_id, entity, entity_id FROM mutations WHERE scope_key = ?"
            " ORDER BY server_seq",
            (key,),
        ):
            target = shared if entity == "entry" and entity_id in moved[key] else key
            count, checksum, _last = figures[target]
            figures[target] = (count + 1, add_to_checksum(checksum, mutation_id), int(server_seq))
            tx.execute(
                "UPDATE mutations SET scope_key = ?, scope_count = ?, scope_checksum = ?"
                " WHERE server_seq = ?",
                (target, figures[target][0], figures[target][1], server_seq),
            )
        tx.execute(
            "UPDATE entities SET scope_key = ? WHERE entity = 'entry' AND scope_key = ?"
            f" AND entity_id IN ({', '.join('?' * len(moved[key]))})",
            (shared, key, *sorted(moved[key])),
        )
        count, checksum, last = figures[key]
        tx.execute(
            "UPDATE scopes SET mutation_count = ?, checksum = ?, last_seq = ? WHERE scope_key = ?",
            (count, checksum, last, key),
        )
        count, checksum, last = figures[shared]
        tx.execute(
            "INSERT INTO scopes (scope_key, carer_id, support_contact_id, units_hlc,"
            " mutation_count, checksum, last_seq) SELECT ?, carer_id, support_contact_id,"
            " units_hlc, ?, ?, ? FROM scopes WHERE scope_key = ?",
            (shared, count, checksum, last, key),
        )
        tx.execute(
            "INSERT INTO scope_units (scope_key, unit_id) SELECT ?, unit_id FROM scope_units"
            " WHERE scope_key = ?",
            (shared, key),
        )
    if tx.dialect.is_pg:
        tx.execute("ALTER TABLE mutations ENABLE TRIGGER mutations_set_aside_only")
    elif trigger:
        tx.execute(trigger)


def _municipality_bundles(tx: Transaction) -> None:
    """The municipality's material (docs/PROTOCOL-3.md part G, ``server/store/municipality.py``):
    one row per published version of the bundle, ``admin publish DIR``. ``manifest`` is the
    sha256 per file (JSON), ``content`` the canonical JSON of the files (base64 each),
    ``sha256`` the bundle's (over the manifest). No personal data. Append-only: a version is
    never changed or deleted."""
    t = _types(tx)
    tx.execute(
        f"""CREATE TABLE municipality_bundles (
            version {t["big"]} PRIMARY KEY, published_at TEXT NOT NULL, published_by TEXT NOT NULL,
            sha256 TEXT NOT NULL, manifest TEXT NOT NULL, content TEXT NOT NULL)"""
    )
    if tx.dialect.is_pg:
        tx.execute(
            """CREATE TRIGGER municipality_bundles_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
            ON municipality_bundles FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_append_only()"""
        )
        return
    for event in ("UPDATE", "DELETE"):
        tx.execute(
            f"""CREATE TRIGGER municipality_bundles_no_{event.lower()} BEFORE {event}
            ON municipality_bundles
            BEGIN SELECT RAISE(ABORT, 'municipality_bundles is append-only'); END"""
        )


# The tables a user's combined digest is computed from (``store/sync.py``): which scopes
# the user sees (``user_units``, ``scope_units``, ``scope_grants``, a scope's support
# contact) and each scope's count and checksum (``scopes``).
DIGEST_INPUT_TABLES = ("scopes", "scope_units", "scope_grants", "user_units")


def _digest_clock(tx: Transaction) -> None:
    """``digest_clock``: one row whose ``gen`` changes, by trigger, in the same transaction
    as any write to a table a user's combined digest is computed from
    (:data:`DIGEST_INPUT_TABLES`). A no-op pull that reads the same ``gen`` as the pull that
    computed a user's digest answers that digest without evaluating visibility scope by
    scope (``SyncLog._visible_digest_at``). ``gen`` takes a random value, not a count: a
    database restored from a backup never brings back a value some cache holds for other
    contents. Triggers, not application code, so that every writer (push, purge, thinning,
    admin commands, later migrations) is covered."""
    t = _types(tx)
    tx.execute(f"CREATE TABLE digest_clock (id INTEGER PRIMARY KEY, gen {t['big']} NOT NULL)")
    tx.execute("INSERT INTO digest_clock (id, gen) VALUES (1, 0)")
    if tx.dialect.is_pg:
        tx.execute(
            """CREATE FUNCTION anhorigdesk_digest_tick() RETURNS trigger AS $$
            BEGIN
              UPDATE digest_clock SET gen = floor(random() * 9.0e18)::bigint WHERE id = 1;
              RETURN NULL;
            END
            $$ LANGUAGE plpgsql"""
        )
        for table in DIGEST_INPUT_TABLES:
            # once per statement: a push writes its scopes in one statement (sync.py)
            tx.execute(
                f"""CREATE TRIGGER {table}_digest_tick AFTER INSERT OR UPDATE OR DELETE OR
                TRUNCATE ON {table} FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_digest_tick()"""
            )
        return
    for table in DIGEST_INPUT_TABLES:
        for event in ("INSERT", "UPDATE", "DELETE"):
            tx.execute(
                f"""CREATE TRIGGER {table}_digest_tick_{event.lower()} AFTER {event} ON {table}
                BEGIN UPDATE digest_clock SET gen = random() WHERE id = 1; END"""
            )


def _statistics_facts(tx: Transaction) -> None:
    """The follow-up statistics' fact tables (``stat_facts``, ``stat_units``: one narrow row
    per counted record, ``anhorigdesk.followup.aggregate``), filled once from the merged
    states; the push, purge and retire keep them in step from then on."""
    from anhorigdesk.followup.aggregate import schema
    from anhorigdesk.server.store.statistics import fill_facts  # the store imports this module

    for statement in schema(tx.dialect.is_pg):
        tx.execute(statement)
    fill_facts(tx)


# The access logs gallring thins after the municipality's period (#13): table -> the column
# holding the server's own time of the row.
THINNED_LOGS = {"access_log": "at", "device_access_log": "received_at"}


def _log_thinning(tx: Transaction) -> None:
    """The access logs are kept for the municipality's period (default ten years), then
    thinned (#13, docs/GALLRING.md). ``log_thinning`` records each thinning (``through``:
    rows whose server time is before it go; counts only) and is append-only. The
    append-only triggers of ``access_log`` and ``device_access_log`` now let exactly the rows
    older than the latest recorded ``through`` be deleted; an UPDATE stays refused, and so
    does every other DELETE (and TRUNCATE on PostgreSQL)."""
    t = _types(tx)
    tx.execute(
        f"""CREATE TABLE log_thinning (
            id {t["autoid"]}, through TEXT NOT NULL, at TEXT NOT NULL, by TEXT NOT NULL,
            access_log_rows {t["big"]} NOT NULL, device_log_rows {t["big"]} NOT NULL)"""
    )
    if tx.dialect.is_pg:
        tx.execute(
            """CREATE FUNCTION anhorigdesk_log_thinning() RETURNS trigger AS $$
            BEGIN
                IF (to_jsonb(OLD) ->> TG_ARGV[0]) >=
                   coalesce((SELECT MAX(through) FROM log_thinning), '') THEN
                    RAISE EXCEPTION '% is append-only (only rows older than a recorded log thinning may be deleted)',
                        TG_TABLE_NAME;
                END IF;
                RETURN OLD;
            END
            $$ LANGUAGE plpgsql"""
        )
        for table, column in THINNED_LOGS.items():
            tx.execute(f"DROP TRIGGER {table}_append_only ON {table}")
            tx.execute(
                f"""CREATE TRIGGER {table}_append_only BEFORE UPDATE OR TRUNCATE
                ON {table} FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_append_only()"""
            )
            tx.execute(
                f"""CREATE TRIGGER {table}_thinning_only BEFORE DELETE ON {table}
                FOR EACH ROW EXECUTE FUNCTION anhorigdesk_log_thinning('{column}')"""
            )
        tx.execute(
            """CREATE TRIGGER log_thinning_append_only BEFORE UPDATE OR DELETE OR TRUNCATE
            ON log_thinning FOR EACH STATEMENT EXECUTE FUNCTION anhorigdesk_append_only()"""
        )
        return
    for table, column in THINNED_LOGS.items():
        tx.execute(f"DROP TRIGGER {table}_no_delete")
        tx.execute(
            f"""CREATE TRIGGER {table}_no_delete BEFORE DELETE ON {table}
            WHEN OLD.{column} >= coalesce((SELECT MAX(through) FROM log_thinning), '')
            BEGIN SELECT RAISE(ABORT,
                '{table} is append-only (only rows older than a recorded log thinning may be deleted)'); END"""
        )
    for event in ("UPDATE", "DELETE"):
        tx.execute(
            f"""CREATE TRIGGER log_thinning_no_{event.lower()} BEFORE {event} ON log_thinning
            BEGIN SELECT RAISE(ABORT, 'log_thinning is append-only'); END"""
        )


def _log_review_indexes(tx: Transaction) -> None:
    """Indexes for #14's reads at scale.

    The log review at ten million rows: a row's ``many_people`` highlight counts the
    different people its staff member accessed around it; ``device_access_log_staff_person
    (staff_id, at, person)`` answers that count from the index alone (no table row read per
    access counted) and serves every query ``device_access_log_staff (staff_id, at)`` did,
    which goes. The review by person reads the person's newest rows of one unit:
    ``device_access_log_person_unit (person, unit_id, at, id)`` gives them in the order shown,
    so a page reads its own rows and no others (``device_access_log_person (person, at)``
    read every row of the person, in every unit, to sort them; it goes, the new one serves
    its queries too). The monthly sample draws among a unit's month of rows by their ids:
    ``device_access_log_unit_id (unit_id, at, id)`` holds the ids, so the draw reads the
    index alone (SQLite's indexes hold the row id anyway) and replaces
    ``device_access_log_unit (unit_id, at)``.

    The statistics on PostgreSQL: ``stat_facts_entries_by_kind (kind, at_utc, carer_id,
    entity_id, detail)`` over the entries holds every column the counts of conversations,
    plans, check-ins, stays and handouts read, so each reads its kinds' range of the index
    alone instead of every fact row (SQLite reads ``stat_facts_entries`` by carer, as it
    did: it gets no second index to keep)."""
    tx.execute(
        "CREATE INDEX device_access_log_staff_person ON device_access_log (staff_id, at, person)"
    )
    tx.execute("DROP INDEX device_access_log_staff")
    tx.execute(
        "CREATE INDEX device_access_log_person_unit ON device_access_log (person, unit_id, at, id)"
    )
    tx.execute("DROP INDEX device_access_log_person")
    tx.execute("CREATE INDEX device_access_log_unit_id ON device_access_log (unit_id, at, id)")
    tx.execute("DROP INDEX device_access_log_unit")
    if tx.dialect.is_pg:
        tx.execute(
            "CREATE INDEX stat_facts_entries_by_kind ON stat_facts"
            " (kind, at_utc, carer_id, entity_id, detail) WHERE entity = 'entry'"
        )


def _scale_indexes(tx: Transaction) -> None:
    """The index of a unit's scopes covers the scope keys: ``scope_units (unit_id,
    scope_key)`` in place of ``scope_units (unit_id)``. Every pull lists the scopes of the
    user's units (``scopes.VISIBLE_SCOPES``); with the old index each of a unit's scopes cost
    a read of the table row for its key, one page per scope once the units' carers are
    interleaved in the table (at 1,000,000 scopes of 100 units: 10,000 page reads for one
    unit's list on PostgreSQL, a third of a pull page's work on SQLite). Measured in
    ``tests/benchmarks/bench_sync_scale.py`` (issue #18, server at scale)."""
    tx.execute("CREATE INDEX scope_units_unit_scope ON scope_units (unit_id, scope_key)")
    tx.execute("DROP INDEX scope_units_unit")


# Applied in name order; each is recorded by name, so a database that has a later one
# (built on a branch where an earlier number was not there yet) gets the earlier one applied
# when it arrives: the runner needs no unbroken numbering, only independent migrations.
MIGRATIONS: tuple[Migration, ...] = tuple(sorted((
    Migration("0001_initial", _initial),
    Migration("0002_append_only_logs", _append_only),
    Migration("0003_compactable_log", _compactable_log),
    Migration("0004_set_aside", _set_aside),
    Migration("0005_causal_entity_state", _causal_entity_state),
    Migration("0006_device_revocation_and_token_reuse", _device_revocation_and_token_reuse),
    Migration("0007_purges", _purges),
    Migration("0008_device_access_log", _device_access_log),
    Migration("0009_entry_visibility", _entry_visibility),
    Migration("0010_municipality_bundles", _municipality_bundles),
    Migration("0011_digest_clock", _digest_clock),
    Migration("0013_statistics_facts", _statistics_facts),
    Migration("0014_log_thinning", _log_thinning),
    Migration("0017_log_review_indexes", _log_review_indexes),
    Migration("0018_scale_indexes", _scale_indexes),
), key=lambda m: m.name))


def applied_migrations(db: Database) -> list[str]:
    with db.transaction() as tx:
        if not _has_table(tx):
            return []
        return [r[0] for r in tx.all("SELECT name FROM schema_migrations ORDER BY name")]


def _has_table(tx: Transaction) -> bool:
    if tx.dialect.is_pg:
        row = tx.one("SELECT to_regclass('schema_migrations') IS NOT NULL")
        return bool(row and row[0])
    row = tx.one("SELECT 1 FROM sqlite_master WHERE type='table' AND name='schema_migrations'")
    return row is not None


def migrate(db: Database) -> list[str]:
    """Apply the migrations not yet recorded; return the names applied now."""
    done: list[str] = []
    with db.transaction(write=True) as tx:
        tx.lock_log()
        if not _has_table(tx):
            tx.execute(
                "CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)"
            )
        recorded = {r[0] for r in tx.all("SELECT name FROM schema_migrations")}
        for migration in MIGRATIONS:
            if migration.name in recorded:
                continue
            migration.apply(tx)
            tx.execute(
                "INSERT INTO schema_migrations (name, applied_at) VALUES (?, ?)",
                (migration.name, datetime.now(UTC).isoformat()),
            )
            done.append(migration.name)
    return done
