"""The account linking core (no Qt): addresses, token stores, adopting the server's identity."""

from __future__ import annotations

import json

import keyring
import pytest
from keyring.backends.fail import Keyring as FailKeyring

from anhorigdesk.profiles import ProfileManager, keys
from anhorigdesk.store import Actor
from anhorigdesk.sync.account import (
    DATABASE_TOKENS,
    KEYCHAIN_TOKENS,
    AccountError,
    DatabaseTokenStore,
    KeyringTokenStore,
    load_account,
    normalise_server_url,
    open_client,
    rehome,
    sign_in,
    sign_out,
    token_storage_for,
)
from anhorigdesk.sync.protocol import AuthError, Tokens
from tests.server.conftest import PASSWORD
from tests.store.outbox import outbox
from tests.sync.conftest import Server

from .helpers import PASSPHRASE

TOKENS = Tokens("access-x", "refresh-y", "2026-03-02T09:15:00+00:00", "2026-04-01T09:00:00+00:00", "dev-1",
                {"id": "u1", "unit_ids": ["e1"]})


@pytest.mark.parametrize(("typed", "url"), [
    ("sync.kommun.se", "https://sync.kommun.se"),
    (" https://sync.kommun.se:8443/ ", "https://sync.kommun.se:8443"),
    ("http://127.0.0.1:8080", "http://127.0.0.1:8080"),
    ("http://localhost", "http://localhost"),
])
def test_server_addresses_are_normalised(typed: str, url: str) -> None:
    assert normalise_server_url(typed) == url


@pytest.mark.parametrize(("typed", "code"), [
    ("", "bad_address"), ("ftp://sync.kommun.se", "bad_address"), ("https://", "bad_address"),
    ("http://sync.kommun.se", "insecure_address"), ("http://10.0.0.5", "insecure_address"),
])
def test_bad_server_addresses_say_why(typed: str, code: str) -> None:
    with pytest.raises(AccountError) as caught:
        normalise_server_url(typed)
    assert caught.value.code == code


@pytest.fixture
def opened(data_dir):
    opened = ProfileManager(data_dir).create("Kim Testperson", "Enhet Prov", passphrase=PASSPHRASE)
    yield opened
    opened.close()


def test_token_stores_keep_and_forget_tokens(opened) -> None:
    in_db = DatabaseTokenStore(opened.repo)
    assert in_db.load() is None
    in_db.save(TOKENS)
    assert DatabaseTokenStore(opened.repo).load() == TOKENS  # read back from the database
    in_db.clear()
    assert DatabaseTokenStore(opened.repo).load() is None

    in_keychain = KeyringTokenStore(opened.profile.id)
    in_keychain.save(TOKENS)
    stored = keyring.get_keyring().get_password(keys.KEYRING_SERVICE, f"sync:{opened.profile.id}")
    assert json.loads(stored)["refresh_token"] == "refresh-y"
    assert KeyringTokenStore(opened.profile.id).load() == TOKENS
    in_keychain.clear()
    assert KeyringTokenStore(opened.profile.id).load() is None


def test_an_insecure_keychain_is_never_used_for_tokens(opened) -> None:
    previous = keyring.get_keyring()
    keyring.set_keyring(FailKeyring())
    try:
        assert token_storage_for(opened.profile) == DATABASE_TOKENS
        with pytest.raises(keys.InsecureKeyringError):
            KeyringTokenStore(opened.profile.id).save(TOKENS)
    finally:
        keyring.set_keyring(previous)
    assert token_storage_for(opened.profile) == KEYCHAIN_TOKENS


def test_rehome_moves_every_local_id_to_the_servers_and_is_refused_after_a_sync(opened) -> None:
    repo, profile = opened.repo, opened.profile
    old = profile.actor
    carer_id = repo.create_carer(old, name="Tova Provsson", unit_ids=[old.unit_id], support_contact_id=old.staff_id)
    new = Actor(staff_id="server-user-1", unit_id="server-unit-1", name=old.name)
    assert rehome(repo, old, new) > 0
    carer = repo.get_carer(new, carer_id)
    assert carer["unit_ids"] == ["server-unit-1"] and carer["support_contact_id"] == "server-user-1"
    assert {s["id"] for s in repo.staff()} == {"server-user-1"}
    payloads = outbox(repo)
    text = json.dumps(payloads)
    assert old.staff_id not in text and old.unit_id not in text
    assert all(m["actor"]["staff_id"] == "server-user-1" for m in payloads)
    assert rehome(repo, new, new) == 0  # the same identity: nothing to do
    repo.apply_remote(lambda conn: conn.execute(
        "INSERT INTO sync_log(mutation_id, outbox_seq, entity, entity_id, payload, state)"
        " VALUES ('m1', 1, 'carer', 'c1', '{}', 'acked')"))
    with pytest.raises(AccountError) as caught:
        rehome(repo, new, Actor(staff_id="someone-else", unit_id="server-unit-1"))
    assert caught.value.code == "linked_to_other_user"


def test_sign_in_links_and_sign_out_forgets(opened, tmp_path) -> None:
    server = Server(tmp_path / "server.db")
    try:
        unit = server.store.create_unit("Enhet Prov")
        user_id = server.store.create_user("kim", PASSWORD, [unit], "care_worker")
        manager = ProfileManager(opened.profile.folder.parent.parent)
        with pytest.raises(AuthError):
            sign_in(opened.repo, opened.profile, manager.save, server_url="http://127.0.0.1", username="kim",
                    password="fel", transport=server.transport())
        assert load_account(opened.repo) is None
        result = sign_in(opened.repo, opened.profile, manager.save, server_url="http://127.0.0.1",
                         username=" kim ", password=PASSWORD, transport=server.transport(),
                         storage=DATABASE_TOKENS)
        assert result.actor.staff_id == user_id and result.actor.unit_id == unit
        assert manager.get(opened.profile.id).staff_id == user_id
        account = load_account(opened.repo)
        assert (account.username, account.user_id, account.token_storage) == ("kim", user_id, DATABASE_TOKENS)
        result.client.close()
        client = open_client(opened.repo, opened.profile, transport=server.transport())
        assert client is not None and client.token_store.load().refresh_token
        assert sign_out(opened.repo, client) is True
        assert load_account(opened.repo) is None and DatabaseTokenStore(opened.repo).load() is None
        assert open_client(opened.repo, opened.profile) is None
    finally:
        server.close()
