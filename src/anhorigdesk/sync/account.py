"""Linking a profile to the sync server: sign in once, keep the session, sign out (no Qt).

Signing in (online) does, in this order:

1. logs in with this laptop's device id (the store's client id) and keeps the tokens
   in a :class:`TokenStore`: the OS keychain (account ``sync:<profile id>``, service
   :data:`KEYRING_SERVICE`) when it is a secure one, otherwise (passphrase profiles on a
   machine without a secure keychain) the encrypted profile database (``sync_state``);
2. adopts the server's identity: the profile's staff id and unit id become the
   server's user id and first unit, in ``profile.json`` and in every local record and
   unsent change written before (the ids are unique strings, so they are replaced
   wherever they occur); a profile that already synced as another user is refused;
3. stores the account (server address, CA bundle, user name and ids) in ``sync_state``.

From then on the profile works offline; the sync client refreshes its session when it
is online. Tokens never go to plain files, logs or the environment.
"""

from __future__ import annotations

import contextlib
import ipaddress
import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from anhorigdesk.profiles import keys
from anhorigdesk.profiles.profiles import KEYCHAIN, Profile, ProfileManager
from anhorigdesk.store.engine import Connection
from anhorigdesk.store.entities import ENTITIES
from anhorigdesk.store.repository import Actor, Change, Repository
from anhorigdesk.sync.protocol import MemoryTokenStore, SyncClient, SyncError, Tokens

if TYPE_CHECKING:
    import httpx

ACCOUNT_KEY = "account"  # sync_state: the linked account (JSON)
TOKENS_KEY = "tokens"  # sync_state: tokens, only for profiles without a secure keychain

KEYCHAIN_TOKENS = "keychain"
DATABASE_TOKENS = "database"


class AccountError(Exception):
    """Signing in or out failed for a reason the user can act on; ``code`` says which.

    Codes: ``bad_address``, ``insecure_address``, ``ca_bundle_missing``,
    ``ca_bundle_invalid``, ``no_unit``, ``linked_to_other_user``, ``not_signed_in``,
    ``cancelled``, ``demo_profile``.
    """

    def __init__(self, code: str, detail: str = "") -> None:
        self.code = code
        super().__init__(f"{code}: {detail}" if detail else code)


@dataclass
class SyncAccount:
    """What a linked profile knows about its server account (no secrets)."""

    server_url: str
    username: str
    user_id: str
    unit_ids: list[str] = field(default_factory=list)
    ca_bundle: str | None = None
    token_storage: str = KEYCHAIN_TOKENS
    linked_at: str = ""

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> SyncAccount:
        data = json.loads(text)
        return cls(**{k: v for k, v in data.items() if k in cls.__dataclass_fields__})


# ---------------------------------------------------------------------- token stores
def keyring_account(profile_id: str) -> str:
    """The keyring account name that holds a profile's sync tokens."""
    return f"sync:{profile_id}"


def _tokens_from(text: str) -> Tokens:
    return Tokens(**json.loads(text))


class KeyringTokenStore:
    """Tokens in the OS keychain (refused when the keychain is not a secure one)."""

    def __init__(self, profile_id: str) -> None:
        self.account = keyring_account(profile_id)
        self._cached: Tokens | None = None

    def load(self) -> Tokens | None:
        import keyring.errors  # with the keychain, not at start-up

        if self._cached is None:
            try:
                value = keys.secure_backend().get_password(keys.KEYRING_SERVICE, self.account)
            except keyring.errors.KeyringError as exc:
                raise keys.KeyError_("keys.keyring_failed", detail=type(exc).__name__) from None
            self._cached = _tokens_from(value) if value else None
        return self._cached

    def save(self, tokens: Tokens) -> None:
        import keyring.errors

        try:
            keys.secure_backend().set_password(keys.KEYRING_SERVICE, self.account, json.dumps(asdict(tokens)))
        except keyring.errors.KeyringError as exc:
            raise keys.KeyError_("keys.keyring_failed", detail=type(exc).__name__) from None
        self._cached = tokens

    def clear(self) -> None:
        import keyring.errors

        self._cached = None
        with contextlib.suppress(keyring.errors.PasswordDeleteError):
            keys.secure_backend().delete_password(keys.KEYRING_SERVICE, self.account)


class DatabaseTokenStore:
    """Tokens inside the encrypted profile database (``sync_state``), for passphrase
    profiles on a machine whose keychain is not secure."""

    def __init__(self, repo: Repository) -> None:
        self.repo = repo
        self._cached: Tokens | None = None

    def load(self) -> Tokens | None:
        if self._cached is None:
            value = _read_state(self.repo, TOKENS_KEY)
            self._cached = _tokens_from(value) if value else None
        return self._cached

    def save(self, tokens: Tokens) -> None:
        _write_state(self.repo, TOKENS_KEY, json.dumps(asdict(tokens)))
        self._cached = tokens

    def clear(self) -> None:
        self._cached = None
        _write_state(self.repo, TOKENS_KEY, None)


TokenStoreT = KeyringTokenStore | DatabaseTokenStore


def token_storage_for(profile: Profile) -> str:
    """The keychain when it is secure (always for keychain profiles), else the database."""
    if profile.key_storage == KEYCHAIN or keys.keychain_available():
        return KEYCHAIN_TOKENS
    return DATABASE_TOKENS


def token_store(storage: str, profile: Profile, repo: Repository) -> TokenStoreT:
    if storage == KEYCHAIN_TOKENS:
        return KeyringTokenStore(profile.id)
    if storage == DATABASE_TOKENS:
        return DatabaseTokenStore(repo)
    raise ValueError(f"unknown token storage {storage!r}")


# ---------------------------------------------------------------------- state helpers
def _read_state(repo: Repository, key: str) -> str | None:
    row = repo.db.reader().execute("SELECT value FROM sync_state WHERE key = ?", (key,)).fetchone()
    return row[0] if row else None


def _put(conn: Connection, key: str, value: str | None) -> None:
    if value is None:
        conn.execute("DELETE FROM sync_state WHERE key = ?", (key,))
    else:
        conn.execute("INSERT INTO sync_state(key, value) VALUES (?, ?)"
                     " ON CONFLICT(key) DO UPDATE SET value = excluded.value", (key, value))


def _write_state(repo: Repository, key: str, value: str | None) -> None:
    repo.apply_remote(lambda conn: _put(conn, key, value))


def load_account(repo: Repository) -> SyncAccount | None:
    value = _read_state(repo, ACCOUNT_KEY)
    return SyncAccount.from_json(value) if value else None


# ---------------------------------------------------------------------- addresses
_LOOPBACK_NAMES = {"localhost"}


def _is_loopback(host: str) -> bool:
    if host in _LOOPBACK_NAMES:
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def normalise_server_url(text: str) -> str:
    """``sync.kommun.se`` → ``https://sync.kommun.se``; plain HTTP only to this computer."""
    text = text.strip()
    if not text:
        raise AccountError("bad_address", "empty")
    if "://" not in text:
        text = "https://" + text
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname or " " in text:
        raise AccountError("bad_address", "not an http(s) address with a host")
    if parts.scheme == "http" and not _is_loopback(parts.hostname):
        raise AccountError("insecure_address", "plain http is only allowed to this computer")
    return text.rstrip("/")


# ---------------------------------------------------------------------- linking
def check_ca_bundle(path: str) -> None:
    """A CA bundle must exist and hold at least one certificate (PEM)."""
    if not Path(path).is_file():
        raise AccountError("ca_bundle_missing", "the CA bundle file does not exist")
    import ssl  # here, not at the top: the app imports this module at start (~7 ms with socket)

    try:
        ssl.create_default_context(cafile=path)
    except (ssl.SSLError, OSError, ValueError, UnicodeDecodeError):
        raise AccountError("ca_bundle_invalid", "the file holds no certificate (PEM)") from None


def make_client(account: SyncAccount, store: TokenStoreT | MemoryTokenStore, *,
                transport: httpx.BaseTransport | None = None, language: str = "sv") -> SyncClient:
    verify: bool | str = account.ca_bundle or True
    return SyncClient(account.server_url, transport=transport, verify=verify, token_store=store,
                      language=language)


def rehome(repo: Repository, old: Actor, new: Actor) -> int:
    """Replace the profile's local staff and unit ids by the server's, in every record and
    unsent change (one transaction). Refused once the profile has synced as someone else."""
    pairs = [(o, n) for o, n in ((old.staff_id, new.staff_id), (old.unit_id, new.unit_id)) if o and n and o != n]
    if not pairs:
        return 0
    tables = sorted({spec.table for spec in ENTITIES.values()} | {"drafts", "outbox"})

    def job(conn: Connection) -> int:
        if conn.execute("SELECT count(*) FROM sync_log").fetchone()[0]:
            raise AccountError("linked_to_other_user", "this profile has synced as another user")
        changed = 0
        for table in tables:
            columns = [r[1] for r in conn.execute(f"PRAGMA table_info({table})").fetchall()
                       if str(r[2]).upper() == "TEXT"]
            for column in columns:
                for before, after in pairs:
                    changed += conn.execute(
                        f"UPDATE {table} SET {column} = replace({column}, ?, ?) WHERE instr({column}, ?) > 0",
                        (before, after, before)).rowcount
        return changed

    return repo.apply_remote(job)


@dataclass
class SignInResult:
    account: SyncAccount
    client: SyncClient
    actor: Actor
    changed_records: int


def sign_in(
    repo: Repository,
    profile: Profile,
    save_profile: Callable[[Profile], None],
    *,
    server_url: str,
    username: str,
    password: str,
    ca_bundle: str | None = None,
    device_name: str = "AnhörigDesk",
    transport: httpx.BaseTransport | None = None,
    language: str = "sv",
    storage: str | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> SignInResult:
    """Log in online and link the profile (see the module text). Raises ``AccountError``
    or the protocol's ``SyncError`` subclasses (wrong password, unreachable...).

    The login's tokens are kept in memory until the profile is linked: an attempt that
    fails, or that ``cancelled()`` says was given up while it waited for the server,
    ends its own session on the server and never touches the tokens another attempt
    (the one the person made next) keeps. A cancelled attempt raises ``AccountError``
    ``cancelled`` and links nothing."""
    from anhorigdesk import demo  # with signing in, not at start-up

    if demo.holds_demo_data(repo):
        raise AccountError("demo_profile", "a profile with demo data is never synced")
    url = normalise_server_url(server_url)
    bundle = (ca_bundle or "").strip() or None
    if bundle is not None:
        check_ca_bundle(bundle)
    username = username.strip()
    storage = storage or token_storage_for(profile)
    store = token_store(storage, profile, repo)
    account = SyncAccount(server_url=url, username=username, user_id="", ca_bundle=bundle, token_storage=storage)
    client = make_client(account, MemoryTokenStore(), transport=transport, language=language)
    try:
        tokens = client.login(username, password, device_id=repo.db.client_id, device_name=device_name)
        user = tokens.user
        unit_ids = [str(u) for u in user.get("unit_ids") or []]
        if not unit_ids:
            raise AccountError("no_unit", "the account belongs to no unit")
        if cancelled is not None and cancelled():
            raise AccountError("cancelled", "the sign-in was cancelled while it waited for the server")
        account.user_id, account.unit_ids = str(user["id"]), unit_ids
        account.linked_at = datetime.now(UTC).isoformat(timespec="seconds")
        store.save(tokens)
        client.token_store = store
        old = profile.actor
        unit_id = profile.unit_id if profile.unit_id in unit_ids else unit_ids[0]
        new = Actor(staff_id=account.user_id, unit_id=unit_id, name=old.name)
        changed = rehome(repo, old, new)
        changed += name_units(repo, new, user.get("units") or [])
        _write_state(repo, ACCOUNT_KEY, account.to_json())
    except BaseException:
        _forget_quietly(client)
        client.close()
        raise
    unit_name = next((str(u.get("name") or "") for u in user.get("units") or [] if u.get("id") == new.unit_id), "")
    if (profile.staff_id, profile.unit_id) != (new.staff_id, new.unit_id) or (
            unit_name and unit_name != profile.unit_name):
        profile.staff_id, profile.unit_id = new.staff_id, new.unit_id
        profile.unit_name = unit_name or profile.unit_name
        save_profile(profile)
    return SignInResult(account, client, profile.actor, changed)


def name_units(repo: Repository, actor: Actor, units: list[dict[str, Any]]) -> int:
    """Name the account's units as the server names them. A profile is made offline with
    the unit name its owner typed; after rehoming, every colleague's laptop would write
    its own typed name to the one shared unit record, and the last to sync would rename
    the unit for everyone. The server's name, written at sign-in (a newer version than
    any typed one), ends that. Returns the number of unit records written."""
    changes = []
    conn = repo.db.reader()
    for unit in units:
        unit_id, name = str(unit.get("id") or ""), str(unit.get("name") or "").strip()
        if not unit_id or not name:
            continue
        row = conn.execute("SELECT name FROM units WHERE id = ? AND deleted = 0", (unit_id,)).fetchone()
        if row is None or row[0] != name:
            changes.append(Change("unit", {"name": name}, unit_id))
    if changes:
        repo.write(actor, changes, action="unit_named_by_server")
    return len(changes)


def _forget_quietly(client: SyncClient) -> None:
    try:
        if client.token_store.load() is not None:
            client.logout()
    except (SyncError, keys.KeyError_):
        with contextlib.suppress(keys.KeyError_):
            client.token_store.clear()


def open_client(repo: Repository, profile: Profile, *, transport: httpx.BaseTransport | None = None,
                language: str = "sv") -> SyncClient | None:
    """The sync client of a linked profile (works offline: nothing is sent here), else None.
    ``AccountError`` ``ca_bundle_missing``/``ca_bundle_invalid`` when the certificate file
    chosen at sign-in is gone or spoilt (moved, cleaned out of Downloads…)."""
    account = load_account(repo)
    if account is None:
        return None
    if account.ca_bundle:
        check_ca_bundle(account.ca_bundle)
    return make_client(account, token_store(account.token_storage, profile, repo), transport=transport,
                       language=language)


def has_session(client: SyncClient) -> bool:
    """Whether tokens are kept (False after the server ended the session: sign in again)."""
    return client.token_store.load() is not None


def sign_out(repo: Repository, client: SyncClient | None) -> bool:
    """End the session on the server when it can be reached, forget the tokens and the
    account. Local data and the profile's server identity stay. Returns whether the
    server was told."""
    told = False
    if client is not None:
        try:
            if client.token_store.load() is not None:
                client.logout()
                told = True
        except SyncError:
            pass  # unreachable or the session had already ended: forgetting it here is enough
        finally:
            client.token_store.clear()
            client.close()
    _write_state(repo, ACCOUNT_KEY, None)
    _write_state(repo, TOKENS_KEY, None)
    return told


def remove_revoked_profile(manager: ProfileManager, profile: Profile,
                           close: Callable[[], None] | None = None) -> None:
    """The server this profile signed in to said that this laptop is revoked (lost or
    stolen; :class:`~anhorigdesk.sync.protocol.DeviceRevoked`, raised only for that
    server's answer to this laptop's own token, never for a network error): remove the
    profile's data from this computer. ``close`` closes its open database first; then the
    sync tokens in the keychain go, and the profile with its database (tokens kept there
    included) and its keys (``ProfileManager.remove``). Unsent changes are lost with it:
    the administrator revoked this laptop so that nothing on it can be read or sent."""
    if close is not None:
        close()
    failed: BaseException | None = None
    try:
        KeyringTokenStore(profile.id).clear()
    except keys.InsecureKeyringError:
        pass  # tokens were never kept in an insecure keychain (they were in the database)
    except Exception as exc:  # the keychain failed: the data still goes, the error after
        failed = exc
    manager.remove(profile)
    if failed is not None:
        raise failed


def restored_as_new_device(repo: Repository) -> tuple[bool, int]:
    """The profile's store was just restored from a backup (``profiles/backup.py``), not
    yet in place. If it had signed in to a server, or ever synced, it becomes a new device
    for the server (``Replica.new_device``: a new client id, its former id's unsent changes
    kept to be re-issued, the tokens kept in the store dropped): the server may hold seqs
    its former id gave out after the backup. The account (server address, user name)
    stays: the person signs in again, as this new device. A profile that never synced gave
    out no seq and stays the device it was (its unsent writes stay in the outbox as they
    are: staging them here would cost as much as their first sync, for nothing). The caller
    forgets the keychain's tokens of the profile (:func:`forget_keychain_tokens`). Returns
    (whether the profile had signed in to a server, how many of its changes the server had
    not acknowledged at the backup)."""
    from anhorigdesk.sync.replica import Replica

    linked = load_account(repo) is not None
    synced = repo.db.reader().execute("SELECT EXISTS (SELECT 1 FROM sync_log)").fetchone()[0]
    if not linked and not synced:
        return False, 0
    _client_id, waiting = repo.apply_remote(Replica(repo).new_device)
    return linked, waiting


def forget_keychain_tokens(profile_id: str) -> None:
    """Forget the sync session kept in the keychain for ``profile_id`` (none is kept there
    when the keychain is not a secure one). Raises ``keys.KeyError_`` when it fails."""
    with contextlib.suppress(keys.InsecureKeyringError):
        KeyringTokenStore(profile_id).clear()


def describe(account: SyncAccount | None) -> dict[str, Any]:
    """Non-secret facts for the status screen."""
    if account is None:
        return {}
    return {"server": urlsplit(account.server_url).netloc, "username": account.username}
