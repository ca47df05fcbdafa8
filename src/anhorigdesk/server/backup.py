"""Backup and restore of the server database (``admin backup`` / ``admin restore``).

- SQLite: SQLite's online backup API (``sqlite3.Connection.backup``) copies a consistent
  snapshot while the server keeps serving (it copies in steps; a write in between makes it
  start over from a consistent point, so the copy is always one committed state). The
  copy is checked with ``PRAGMA integrity_check`` before it is renamed into place.
  Restore copies the backup into the database file the same way.
- PostgreSQL: ``pg_dump --format=custom`` (a consistent snapshot while the server keeps
  serving) and ``pg_restore --clean --if-exists --no-owner --single-transaction`` (all or
  nothing), the programs of the installed PostgreSQL client (Debian: ``postgresql-client``).

Restore then applies any migration the backup predates and gives the database a new
epoch (``restore-marker``): every laptop then re-sends what the restored server lacks and
pulls again from the start (docs/SERVER.md, "Backup and restore"). Stop every server
process before a restore and start them after.

Nothing here logs or prints the database URL's password (``Database.describe``).
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from anhorigdesk.server.db import Database


class BackupError(RuntimeError):
    """A backup or restore failed; says what and where (never a password)."""


@dataclass(frozen=True)
class BackupResult:
    engine: str
    file: Path
    bytes: int
    mutations: int
    head: int

    def to_json(self) -> dict[str, Any]:
        return {"engine": self.engine, "file": str(self.file), "bytes": self.bytes,
                "mutations": self.mutations, "head": self.head}


def _counts(db: Database) -> tuple[int, int]:
    with db.transaction() as tx:
        row = tx.one("SELECT COUNT(*), COALESCE(MAX(server_seq), 0) FROM mutations")
    return (int(row[0]), int(row[1])) if row else (0, 0)


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} not found on PATH: install PostgreSQL's client programs "
            "(Debian: postgresql-client), the same major version as the server or newer"
        )
    return found


def _run(args: list[str], what: str) -> None:
    # The URL goes to libpq as --dbname (never printed); the error names the step and
    # the tool's own message, which libpq keeps free of the password.
    proc = subprocess.run(args, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        detail = (proc.stderr or proc.stdout).strip().splitlines()[-3:]
        raise BackupError(f"{what} failed (exit {proc.returncode}): {' / '.join(detail)}")


def backup(db: Database, target: Path) -> BackupResult:
    """Write a consistent copy of the live database to ``target`` (not overwritten)."""
    target = Path(target)
    if target.exists():
        raise BackupError(f"{target}: already exists; choose a new file name")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    mutations, head = _counts(db)
    try:
        if db.dialect.is_pg:
            _run([_tool("pg_dump"), "--format=custom", "--no-owner", "--file", str(partial),
                  "--dbname", db.url], "pg_dump")
        else:
            source = sqlite3.connect(db.sqlite_path, timeout=30.0)
            copy = sqlite3.connect(partial)
            try:
                source.backup(copy, pages=4096)
                check = copy.execute("PRAGMA integrity_check").fetchone()
                if not check or check[0] != "ok":
                    raise BackupError(f"{partial}: the copy failed its integrity check")
                copy.execute("PRAGMA journal_mode=DELETE")  # one self-contained file
            finally:
                copy.close()
                source.close()
        with open(partial, "rb") as handle:
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return BackupResult(db.dialect.name, target, target.stat().st_size, mutations, head)


def restore(db: Database, source: Path) -> None:
    """Replace the database's content with the backup ``source``. The caller then migrates
    and sets a new epoch (``admin restore`` does both)."""
    source = Path(source)
    if not source.is_file():
        raise BackupError(f"{source}: no such backup file")
    if db.dialect.is_pg:
        _run([_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--single-transaction",
              "--exit-on-error", "--dbname", db.url, str(source)], "pg_restore")
        return
    with open(source, "rb") as handle:
        if handle.read(16) != b"SQLite format 3\x00":
            raise BackupError(f"{source}: not an SQLite backup of the server")
    backup_conn = sqlite3.connect(f"file:{source}?mode=ro", uri=True)
    try:
        try:
            check = backup_conn.execute("PRAGMA integrity_check").fetchone()
            has_log = backup_conn.execute(
                "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'mutations'"
            ).fetchone()
        except sqlite3.DatabaseError as exc:
            raise BackupError(f"{source}: the backup is damaged ({exc})") from None
        if not check or check[0] != "ok":
            raise BackupError(f"{source}: the backup is damaged (integrity check failed)")
        if not has_log:
            raise BackupError(f"{source}: not a backup of an AnhörigDesk server (no sync log)")
        db.close()
        db.sqlite_path.parent.mkdir(parents=True, exist_ok=True)
        live = sqlite3.connect(db.sqlite_path, timeout=30.0)
        try:
            backup_conn.backup(live)
        finally:
            live.close()
    finally:
        backup_conn.close()
