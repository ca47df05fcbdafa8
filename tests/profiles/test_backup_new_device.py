"""A profile restored from its backup syncs again (issue #16): it is a new device.

Against a real ``anhorigdesk-server`` process on a loopback port. The backup is older
than what the laptop sent since, so under its former device id the restored profile would
give out seqs the server already holds (409 ``seq_reused``: it could never sync again).
Restored, it takes a new device id, the person signs in again, and its changes the server
had not acknowledged at the backup are re-issued under the new id after the first complete
pull, unless they came back in it: nothing is lost, nothing is applied twice, and the
server and a second laptop converge with it.
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import keyring
import pytest
from tests.server.conftest import PASSWORD
from tests.server.test_real_process import ServerProcess
from tests.sync.conftest import Server

from anhorigdesk.profiles import ProfileManager, backup
from anhorigdesk.profiles.profiles import OpenProfile
from anhorigdesk.store import Actor, Database, Repository
from anhorigdesk.sync import account
from anhorigdesk.sync.engine import RetryPolicy, SyncEngine
from anhorigdesk.sync.protocol import MemoryTokenStore, SyncClient
from anhorigdesk.sync.replica import FORMER, Replica

BACKUP_PASS = "säkerhetskopians lösenfras"
PROFILE_PASS = "profilens egen lösenfras"


def _retry() -> RetryPolicy:
    return RetryPolicy(attempts=2, sleep=lambda _s: None)


@dataclass
class Site:
    server: Server
    process: ServerProcess
    unit: str
    users: dict[str, str]

    def mutations(self) -> list[dict[str, Any]]:
        """Every mutation the server holds, in its order, as stored (payload parsed)."""
        with sqlite3.connect(self.server.db.sqlite_path) as conn:
            rows = conn.execute(
                "SELECT client_id, seq, payload FROM mutations ORDER BY server_seq").fetchall()
        return [{**json.loads(payload), "client_id": client, "seq": seq}
                for client, seq, payload in rows]


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    data = tmp_path / "serverdata"
    data.mkdir()
    server = Server(data / "server.db")  # accounts first, as the admin command would
    unit = server.store.create_unit("Anhörigstödet Loopback")
    users = {name: server.store.create_user(name, PASSWORD, [unit], "care_worker")
             for name in ("sara", "bo")}
    process = ServerProcess(data)
    yield Site(server, process, unit, users)
    process.stop()
    server.close()


@dataclass
class Linked:
    """A profile signed in to the site's server, with its sync engine."""

    opened: OpenProfile
    client: SyncClient
    engine: SyncEngine

    @property
    def actor(self) -> Actor:
        return self.opened.actor

    @property
    def repo(self) -> Repository:
        return self.opened.repo

    def sync(self) -> Any:
        report = self.engine.sync_once()
        assert report.ok, report
        return report

    def close(self) -> None:
        self.client.close()
        self.opened.close()


def _sign_in(manager: ProfileManager, opened: OpenProfile, site: Site) -> Linked:
    result = account.sign_in(opened.repo, opened.profile, manager.save,
                             server_url=site.process.url, username="sara", password=PASSWORD,
                             device_name="Saras bärbara")
    return Linked(opened, result.client, SyncEngine(opened.repo, result.client, retry=_retry()))


class Colleague:
    """A second laptop (another user of the unit), outside any profile."""

    def __init__(self, site: Site, tmp: Path) -> None:
        self.db = Database(tmp / "bo.db", os.urandom(32), create=True)
        self.client = SyncClient(site.process.url, transport=httpx.HTTPTransport(),
                                 token_store=MemoryTokenStore(), language="en")
        self.client.login("bo", PASSWORD, device_id=self.db.client_id, device_name="Bos bärbara")
        self.repo = Repository(self.db)
        self.engine = SyncEngine(self.repo, self.client, retry=_retry())

    def sync(self) -> None:
        report = self.engine.sync_once()
        assert report.ok, report

    def close(self) -> None:
        self.client.close()
        self.db.close()


def _restored(manager: ProfileManager, target: Path, site: Site, *,
              replace: bool) -> tuple[Linked, backup.Restored]:
    """Restore, open with the backup's passphrase and sign in again, as the app would."""
    restored = backup.restore_profile(manager, target, BACKUP_PASS, replace=replace)
    opened = manager.unlock(restored.profile, BACKUP_PASS)
    kept = account.open_client(opened.repo, opened.profile)
    assert kept is not None, "the account (server, user name) is kept"
    try:
        # the former device's session is forgotten, in the store and in the keychain
        assert not account.has_session(kept)
    finally:
        kept.close()
    return _sign_in(manager, opened, site), restored


def _carrying(mutations: list[dict[str, Any]], entity_id: str, field: str, value: Any) -> list[dict]:
    return [m for m in mutations
            if m["entity_id"] == entity_id and (m.get("fields") or {}).get(field) == value]


def test_restored_after_later_syncs_is_a_new_device_and_syncs(
        tmp_path: Path, data_dir: Path, site: Site) -> None:
    """Sync, back up (with changes not yet sent), write and sync more, restore the backup
    in place of the profile, write, sync: it syncs, and what it had not sent at the backup
    (sent since by the laptop before the restore) comes back instead of being sent twice."""
    manager = ProfileManager(data_dir)
    laptop = _sign_in(manager, manager.create("Sara Exempelsson", "Anhörigstödet",
                                              passphrase=PROFILE_PASS), site)
    colleague = Colleague(site, tmp_path)
    try:
        karin = laptop.repo.create_carer(laptop.actor, name="Karin Provsson",
                                         unit_ids=[site.unit], notes="Före kopian")
        laptop.sync()
        former_id = laptop.opened.db.client_id
        # not yet sent when the backup is made
        laptop.repo.update_carer(laptop.actor, karin, notes="Osänt vid kopian")
        nils = laptop.repo.create_carer(laptop.actor, name="Nils Osänd", unit_ids=[site.unit])
        target = tmp_path / "sara.anhorigdesk-backup"
        backup.write_backup(laptop.opened.db, laptop.opened.profile, target, BACKUP_PASS)
        # after the backup: more written and synced (the seqs the backup would give out again)
        laptop.repo.update_carer(laptop.actor, karin, name="Karin Andersson")
        laptop.sync()
        sent_before_restore = len(site.mutations())
        laptop.close()

        restored, outcome = _restored(manager, target, site, replace=True)
        try:
            assert outcome.linked and outcome.unsent == 2
            assert restored.opened.db.client_id != former_id
            restored.repo.update_carer(restored.actor, karin, notes="Efter återställningen")
            olle = restored.repo.create_carer(restored.actor, name="Olle Ny", unit_ids=[site.unit])
            report = restored.sync()  # before: 409 seq_reused, for ever
            assert report.error is None
            colleague.sync()
            restored.sync()

            views = restored.engine.replica.views()
            assert views == colleague.engine.replica.views()
            assert views[("carer", karin)]["fields"]["name"] == "Karin Andersson"  # pulled
            assert views[("carer", karin)]["fields"]["notes"] == "Efter återställningen"
            assert views[("carer", nils)]["fields"]["name"] == "Nils Osänd"
            assert views[("carer", olle)]["fields"]["name"] == "Olle Ny"
            assert restored.engine.replica.flagged() == []
            assert colleague.engine.replica.flagged() == []

            mutations = site.mutations()
            # what was unsent at the backup reached the server once, from the former device
            # (the laptop sent it before the restore); it came back and was not re-issued
            for entity_id, field, value in ((karin, "notes", "Osänt vid kopian"),
                                            (nils, "name", "Nils Osänd")):
                [only] = _carrying(mutations, entity_id, field, value)
                assert only["client_id"] == former_id
            # the restored profile sent only its own new writes, under its new id from seq 1
            new = [m for m in mutations[sent_before_restore:]]
            assert {m["client_id"] for m in new} == {restored.opened.db.client_id}
            assert sorted(m["seq"] for m in new) == list(range(1, len(new) + 1))
            assert len(new) == 2
            assert restored.engine.status().pending == 0
            states = dict(restored.opened.db.reader().execute(
                "SELECT state, count(*) FROM sync_log GROUP BY state").fetchall())
            assert set(states) == {FORMER, "acked"} and states["acked"] == 2
        finally:
            restored.close()
    finally:
        colleague.close()


def test_unsent_changes_of_a_lost_laptop_are_reissued_once(
        tmp_path: Path, data_dir: Path, site: Site) -> None:
    """The laptop is lost after the backup, with changes it never sent: restored on another
    computer, they are re-issued under the new device id (once), except what was edited
    again after the restore (that edit has seen them), and a delete reaches the colleague."""
    manager = ProfileManager(data_dir)
    laptop = _sign_in(manager, manager.create("Sara Exempelsson", "Anhörigstödet",
                                              passphrase=PROFILE_PASS), site)
    colleague = Colleague(site, tmp_path)
    try:
        karin = laptop.repo.create_carer(laptop.actor, name="Karin Provsson",
                                         unit_ids=[site.unit], notes="Före kopian")
        gone = laptop.repo.create_carer(laptop.actor, name="Gunnar Strykes", unit_ids=[site.unit])
        laptop.sync()
        colleague.sync()
        former_id = laptop.opened.db.client_id
        acknowledged = len(site.mutations())
        laptop.repo.update_carer(laptop.actor, karin, notes="Bara i kopian")
        laptop.repo.update_carer(laptop.actor, karin, name="Namn i kopian")
        nils = laptop.repo.create_carer(laptop.actor, name="Nils Osänd", unit_ids=[site.unit])
        laptop.repo.delete(laptop.actor, "carer", gone)
        target = tmp_path / "sara.anhorigdesk-backup"
        backup.write_backup(laptop.opened.db, laptop.opened.profile, target, BACKUP_PASS)
        laptop.close()  # lost: it never syncs again

        # another computer: another data dir and a keychain of its own
        keyring.set_keyring(type(keyring.get_keyring())())
        other = ProfileManager(tmp_path / "other-computer")
        restored, outcome = _restored(other, target, site, replace=False)
        try:
            assert outcome.linked and outcome.unsent == 4
            new_id = restored.opened.db.client_id
            assert new_id != former_id
            # edited again before the first sync: this edit has seen the unsent one
            restored.repo.update_carer(restored.actor, karin, name="Namn efter återställningen")
            assert restored.engine.status().pending == 5  # 4 waiting to be re-issued, 1 new
            report = restored.sync()
            assert report.pushed == 4  # the new edit, then 3 re-issued after the pull
            colleague.sync()
            assert restored.sync().pushed == 0  # re-issued once only

            views = restored.engine.replica.views()
            assert views == colleague.engine.replica.views()
            fields = views[("carer", karin)]["fields"]
            assert (fields["name"], fields["notes"]) == ("Namn efter återställningen", "Bara i kopian")
            assert views[("carer", nils)]["fields"]["name"] == "Nils Osänd"
            assert views[("carer", gone)]["deleted"] is True
            assert restored.engine.replica.flagged() == [] == colleague.engine.replica.flagged()

            mutations = site.mutations()
            assert {m["client_id"] for m in mutations[acknowledged:]} == {new_id}
            for entity_id, field, value in ((karin, "notes", "Bara i kopian"),
                                            (nils, "name", "Nils Osänd")):
                [only] = _carrying(mutations, entity_id, field, value)
                assert only["client_id"] == new_id
            # superseded here before it was ever sent: never sent
            assert _carrying(mutations, karin, "name", "Namn i kopian") == []
            [delete] = [m for m in mutations if m["entity_id"] == gone and m["op"] == "delete"]
            assert delete["client_id"] == new_id
            assert restored.engine.status().pending == 0
            states = dict(restored.opened.db.reader().execute(
                "SELECT state, count(*) FROM sync_log GROUP BY state").fetchall())
            assert set(states) == {FORMER, "acked"} and states["acked"] == 4
        finally:
            restored.close()
    finally:
        colleague.close()


def test_new_device_keeps_the_former_history_out_of_the_push(tmp_path: Path) -> None:
    """In the store: the former id's mutations lose their seqs and never go out again (the
    unsent one waits to be re-issued, counted as pending), the next push numbers from 1
    under the new id, and tokens kept in the store are gone."""
    key = os.urandom(32)
    db = Database(tmp_path / "s.db", key, create=True)
    try:
        repo, replica = Repository(db), Replica(Repository(db))
        actor = Actor(staff_id="staff", unit_id="unit", name="Sara")
        carer = repo.create_carer(actor, name="Karin Provsson", unit_ids=["unit"])
        repo.apply_remote(replica.stage)
        sent = repo.apply_remote(lambda conn: replica.next_batch(conn, 10))
        repo.apply_remote(lambda conn: Replica.mark_acked(conn, [m["mutation_id"] for m in sent]))
        repo.update_carer(actor, carer, notes="Osänt")  # in the outbox, not staged yet
        repo.apply_remote(lambda conn: replica.put(conn, "tokens", '{"access_token": "x"}'))
        former = db.client_id
        client_id, waiting = repo.apply_remote(replica.new_device)
    finally:
        db.close()
    assert waiting == 1 and client_id != former
    db = Database(tmp_path / "s.db", key)
    try:
        assert db.client_id == client_id
        repo, replica = Repository(db), Replica(Repository(db))
        assert replica.read("tokens") is None
        assert replica.pending() == 1  # the unsent one, waiting for the first pull
        assert repo.apply_remote(lambda conn: replica.next_batch(conn, 10)) == []
        repo.update_carer(actor, carer, notes="Ny")
        repo.apply_remote(replica.stage)
        [batch] = repo.apply_remote(lambda conn: replica.next_batch(conn, 10))
        assert (batch["client_id"], batch["seq"]) == (client_id, 1)
        assert batch["hlc"].endswith(client_id)
        assert db.reader().execute("SELECT count(*) FROM outbox WHERE mutation_id != ?",
                                   (batch["mutation_id"],)).fetchone()[0] == 0
    finally:
        db.close()


def test_a_profile_that_never_synced_stays_the_device_it_was(tmp_path: Path, data_dir: Path) -> None:
    """No account and nothing ever sent: no seq was given out, so nothing changes for sync
    (its writes wait in the outbox, unstaged, as before the backup)."""
    manager = ProfileManager(data_dir)
    opened = manager.create("Per Provsson", "Korttiden", passphrase=PROFILE_PASS)
    opened.repo.create_carer(opened.actor, name="Anna Påhittberg")
    former, waiting = opened.db.client_id, Replica(opened.repo).pending()
    target = tmp_path / "per.anhorigdesk-backup"
    backup.write_backup(opened.db, opened.profile, target, BACKUP_PASS)
    opened.close()
    restored = backup.restore_profile(ProfileManager(tmp_path / "other"), target, BACKUP_PASS)
    assert (restored.linked, restored.unsent) == (False, 0)
    again = ProfileManager(tmp_path / "other").unlock(restored.profile, BACKUP_PASS)
    try:
        assert again.db.client_id == former
        assert Replica(again.repo).pending() == waiting > 0
        assert again.db.reader().execute("SELECT count(*) FROM sync_log").fetchone()[0] == 0
    finally:
        again.close()
