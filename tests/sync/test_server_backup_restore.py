"""The documented backup and restore procedure (docs/SERVER.md), on both engines, with a
real ``anhorigdesk-server`` process, its admin commands and real laptops' encrypted
stores syncing over HTTP:

1. ``admin backup FILE`` while the server serves and a laptop keeps syncing;
2. more work is acknowledged after the backup (it will be lost with the restore), the
   server stops, laptops keep writing;
3. ``admin restore FILE --yes`` (restore, migrations, new epoch: ``restore-marker``);
4. the server starts again and the laptops sync.

Nothing acknowledged before the backup is missing right after the restore, and after
the laptops' syncs the server holds, exactly once, every mutation any laptop ever had
acknowledged or wrote later; all laptops see the same records.
"""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import httpx
import pytest

from anhorigdesk.server.db import Database as ServerDatabase
from anhorigdesk.server.migrations import migrate
from anhorigdesk.server.security import Passwords
from anhorigdesk.server.store import ServerStore
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.sync.engine import RetryPolicy, SyncEngine
from anhorigdesk.sync.protocol import MemoryTokenStore, SyncClient
from tests.server.conftest import PASSWORD, PG_ENV
from tests.server.test_real_process import ServerProcess

from .conftest import FaultyTransport, Laptop


def admin(data_dir: Path, url: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, "-m", "anhorigdesk.server", "admin", *args, "--data-dir",
         str(data_dir), "--database-url", url],
        capture_output=True, text=True, timeout=120, check=False,
        env={**os.environ, "ANHORIGDESK_SERVER_DATABASE_URL": ""},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


@pytest.fixture(params=["sqlite", "postgresql"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'serverdata' / 'server.db'}"
        return
    base = os.environ.get(PG_ENV)
    if not base:
        pytest.skip(f"PostgreSQL tests need {PG_ENV}=postgresql://... (not set)")
    import psycopg

    name = f"bk_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield urlunparse(urlparse(base)._replace(path=f"/{name}"))
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


class Site:
    """The server's database (accounts made in it directly, as the admin commands do),
    the server process, and laptops that sync with it over HTTP."""

    def __init__(self, tmp: Path, url: str) -> None:
        self.tmp = tmp
        self.url = url
        self.data_dir = tmp / "serverdata"
        self.data_dir.mkdir(exist_ok=True)
        db = ServerDatabase(url)
        migrate(db)
        store = ServerStore(db, passwords=Passwords(fast=True))
        self.unit = store.create_unit("Anhörigstödet Backup")
        self.users = {name: store.create_user(name, PASSWORD, [self.unit], "care_worker")
                      for name in ("a", "b", "c")}
        db.close()
        self.process: ServerProcess | None = None
        self.laptops: list[Laptop] = []

    def start(self) -> None:
        self.process = ServerProcess(self.data_dir, "--database-url", self.url)

    def stop(self) -> None:
        if self.process is not None:
            self.process.stop()
            self.process = None

    def laptop(self, name: str) -> Laptop:
        assert self.process is not None
        db = Database(self.tmp / f"{name}.db", os.urandom(32), create=True)
        transport = FaultyTransport(httpx.HTTPTransport())
        # the same port after a restart: the client keeps its base URL
        client = SyncClient(self.process.url, transport=transport,
                            token_store=MemoryTokenStore(), language="en")
        client.login(name, PASSWORD, device_id=db.client_id, device_name=f"Laptop {name}")
        repo = Repository(db)
        engine = SyncEngine(repo, client, retry=RetryPolicy(attempts=2, sleep=lambda s: None))
        actor = Actor(staff_id=self.users[name], unit_id=self.unit, name=name)
        laptop = Laptop(name, db, repo, client, engine, actor, transport)
        self.laptops.append(laptop)
        return laptop

    def new_carer(self, laptop: Laptop, name: str, **fields: object) -> str:
        return laptop.repo.create_carer(laptop.actor, name=name, unit_ids=[self.unit], **fields)

    def server_ids(self) -> list[str]:
        db = ServerDatabase(self.url)
        try:
            with db.transaction() as tx:
                return [r[0] for r in tx.all("SELECT mutation_id FROM mutations")]
        finally:
            db.close()

    def close(self) -> None:
        self.stop()
        for laptop in self.laptops:
            laptop.client.close()
            laptop.db.close()


def acked(laptop: Laptop) -> set[str]:
    rows = laptop.db.reader().execute(
        "SELECT mutation_id FROM sync_log WHERE state = 'acked'").fetchall()
    return {r[0] for r in rows}


def written(laptop: Laptop) -> set[str]:
    return {r[0] for r in laptop.db.reader().execute("SELECT mutation_id FROM sync_log")}


@pytest.fixture
def site(tmp_path: Path, database_url: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Site]:
    s = Site(tmp_path, database_url)
    yield s
    s.close()


def test_backup_under_sync_restore_loses_nothing(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from tests.server import test_real_process

    site.start()
    assert site.process is not None
    a, b, c = site.laptop("a"), site.laptop("b"), site.laptop("c")
    early = [site.new_carer(a, f"Tidig {i} Provsson") for i in range(3)]
    site.new_carer(b, "Bodil Provsson")
    for laptop in (a, b, c):
        laptop.sync()
    before_backup = acked(a) | acked(b)

    # 1. the backup runs while the server serves and laptop c keeps writing and syncing
    backup_file = tmp_path / "backups" / "server.backup"
    proc = subprocess.Popen(
        [sys.executable, "-m", "anhorigdesk.server", "admin", "backup", str(backup_file),
         "--data-dir", str(site.data_dir), "--database-url", site.url],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env={**os.environ, "ANHORIGDESK_SERVER_DATABASE_URL": ""},
    )
    rounds = 0
    while rounds == 0 or proc.poll() is None:
        site.new_carer(c, f"Under backup {rounds} Provsson")
        c.sync()
        rounds += 1
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    assert backup_file.is_file() and '"mutations":' in out
    assert rounds >= 1

    # 2. acknowledged after the backup (lost with the restore, kept on the laptops)
    site.new_carer(a, "Sen Provsson", notes="Skrivet efter backupen")
    a.repo.update_carer(a.actor, early[0], notes="Ändrad efter backupen")
    b.repo.add_entry(b.actor, early[1], "samtal", {"text": "Efter backupen"})
    for laptop in (a, b, c):
        laptop.sync()
    acknowledged = acked(a) | acked(b) | acked(c)
    assert acknowledged <= set(site.server_ids())

    # the server stops for the restore; the laptops go on writing
    port = site.process.port
    site.stop()
    site.new_carer(b, "Nerstängd Provsson", notes="Skrivet när servern var nere")
    c.repo.update_carer(c.actor, early[2], notes="c ändrade när servern var nere")

    # 3. restore (+ migrations + new epoch)
    answer = admin(site.data_dir, site.url, "restore", str(backup_file), "--yes")
    assert "new epoch" in answer
    restored = set(site.server_ids())
    assert before_backup <= restored  # nothing acknowledged before the backup is lost
    assert not acknowledged <= restored  # the work after the backup is gone from the server

    # 4. the server is back (same address); every laptop re-sends what it lacks
    monkeypatch.setattr(test_real_process, "free_port", lambda: port)
    site.start()
    assert c.sync().restored
    for laptop in (b, a, c, b, a):
        laptop.sync()
    on_server = site.server_ids()
    assert len(on_server) == len(set(on_server))  # exactly once
    everything = written(a) | written(b) | written(c)
    assert set(on_server) == everything
    assert acknowledged | before_backup <= everything
    views = [laptop.views() for laptop in (a, b, c)]
    assert views[0] == views[1] == views[2]
    for laptop in (a, b, c):
        assert laptop.engine.status().pending == 0
        assert laptop.record("carer", early[0])["notes"] == "Ändrad efter backupen"
        assert laptop.record("carer", early[2])["notes"] == "c ändrade när servern var nere"
        names = {r["name"] for r in laptop.repo.list_carers(laptop.actor)}
        assert {"Sen Provsson", "Nerstängd Provsson", "Bodil Provsson"} <= names
        applied = [r["mutation_id"] for r in laptop.repo.audit_log(limit=100_000)
                   if r["action"] == "sync_apply"]
        assert not [m for m, n in Counter(applied).items() if n > 1], laptop.name


def test_backup_and_restore_refuse_clearly(tmp_path: Path, database_url: str) -> None:
    data_dir = tmp_path / "serverdata"
    data_dir.mkdir(exist_ok=True)
    db = ServerDatabase(database_url)
    migrate(db)
    db.close()
    backup_file = tmp_path / "one.backup"
    admin(data_dir, database_url, "backup", str(backup_file))

    def refused(*args: str) -> str:
        result = subprocess.run(
            [sys.executable, "-m", "anhorigdesk.server", "admin", *args, "--data-dir",
             str(data_dir), "--database-url", database_url],
            capture_output=True, text=True, timeout=120, check=False,
            env={**os.environ, "ANHORIGDESK_SERVER_DATABASE_URL": ""},
        )
        assert result.returncode == 2, result
        return result.stderr

    assert "already exists" in refused("backup", str(backup_file))
    assert "--yes" in refused("restore", str(backup_file))
    assert "no such backup file" in refused("restore", str(tmp_path / "nothing"), "--yes")
    damaged = tmp_path / "damaged.backup"
    damaged.write_bytes(backup_file.read_bytes()[: 3000])
    message = refused("restore", str(damaged), "--yes")
    assert "damaged" in message or "pg_restore failed" in message or "not an" in message
    assert "postgres@" not in message  # the URL is never printed
