"""Profiles: one per staff member on a laptop, each an encrypted database with its own key.

Layout under the data dir::

    profiles/<profile id>/profile.json   name, unit, how the key is kept (never the key)
    profiles/<profile id>/store.db       the SQLCipher database (+ -wal, -shm)
"""

from __future__ import annotations

import contextlib
import errno
import json
import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anhorigdesk.i18n import message
from anhorigdesk.profiles import keys
from anhorigdesk.profiles import pin as pins

if TYPE_CHECKING:
    from anhorigdesk.store.database import Database
    from anhorigdesk.store.repository import Actor, Repository

# The store (SQLCipher and the domain API) is imported by the methods that open or create a
# database: listing the profiles for the picker reads only their profile.json files.

log = logging.getLogger("anhorigdesk.profiles")

KEYCHAIN = "keychain"
PASSPHRASE = "passphrase"
#: the steps :meth:`ProfileManager.rekey` reports, in order
REKEY_STEPS = ("pending", "encrypt", "finish")
#: key in a profile database's ``meta`` table: the profile holds fictional demo data
#: (``anhorigdesk.demo``); it is never synced, and the app marks it as demo everywhere
DEMO_MARK = "demo_data"


class ProfileError(Exception):
    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(message(code, **params))

    def localized(self, language: str) -> str:
        return message(self.code, language, **self.params)


class ProfileCreateError(ProfileError):
    """Creating a profile stopped part way (``__cause__`` says why: a full disk, a keychain
    that did not answer). The profile is left *creating*; the picker offers to finish or
    remove it. The message is this one followed by the cause's own, where it has one."""

    def __init__(self, cause: BaseException, profile: Profile | None = None) -> None:
        self.cause = cause
        self.profile = profile  # the unfinished profile (for the wizard's next try)
        super().__init__("profiles.create_interrupted")

    def localized(self, language: str) -> str:
        text = message(self.code, language)
        own = getattr(self.cause, "localized", None)
        return f"{own(language)} {text}" if callable(own) else text

    def __str__(self) -> str:
        from anhorigdesk.i18n import current_language

        return self.localized(current_language())


@dataclass
class Profile:
    id: str
    name: str
    unit_name: str
    staff_id: str
    unit_id: str
    key_storage: str
    folder: Path
    role: str = "care_worker"
    state: str = "ready"
    created_at: str = ""
    wrapped_key: dict[str, Any] | None = None
    wrapped_key_pending: dict[str, Any] | None = None
    settings: dict[str, Any] = field(default_factory=dict)
    #: the keyring backend the key was last read from or stored in (``keys.backend_name``):
    #: the start's helper loads it directly instead of discovering one (``keys.use_backend_hint``)
    keychain_backend: str | None = None
    #: a keychain profile's PIN verifier (``pins.make_verifier``; never the PIN), the number of
    #: wrong PINs since the last right one and when the last wrong one was typed
    pin: dict[str, Any] | None = None
    pin_failures: int = 0
    pin_last_failure: str = ""
    #: the database holds fictional demo data (its ``meta`` says so, :data:`DEMO_MARK`);
    #: kept here too so that the picker can say so before the profile is opened
    demo: bool = False

    @property
    def needs_pin(self) -> bool:
        """A keychain profile without a PIN yet: the app asks for one before it goes on."""
        return self.key_storage == KEYCHAIN and not self.pin

    @property
    def db_path(self) -> Path:
        return self.folder / "store.db"

    @property
    def actor(self) -> Actor:
        from anhorigdesk.store.repository import Actor

        return Actor(staff_id=self.staff_id, unit_id=self.unit_id, name=self.name)

    def to_json(self) -> dict[str, Any]:
        return {
            "format": 1, "id": self.id, "name": self.name, "unit_name": self.unit_name,
            "staff_id": self.staff_id, "unit_id": self.unit_id, "role": self.role,
            "key_storage": self.key_storage, "state": self.state, "created_at": self.created_at,
            "wrapped_key": self.wrapped_key, "wrapped_key_pending": self.wrapped_key_pending,
            "settings": self.settings, "keychain_backend": self.keychain_backend,
            "pin": self.pin, "pin_failures": self.pin_failures, "pin_last_failure": self.pin_last_failure,
            "demo": self.demo,
        }


@dataclass
class OpenProfile:
    """An unlocked profile: its database and domain API. ``close()`` locks it.

    ``owner_confirmed``: the one who opened it proved to be the staff member (typed the
    passphrase or the PIN, or just created it). A keychain profile opened with the keychain
    alone is not: the app shows it locked, asking for the PIN (or to choose one)."""

    profile: Profile
    db: Database
    repo: Repository
    owner_confirmed: bool = False

    @property
    def actor(self) -> Actor:
        return self.profile.actor

    def close(self) -> None:
        self.db.close()


class ProfileManager:
    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.root = self.data_dir / "profiles"

    # -- listing -------------------------------------------------------------
    def profiles(self) -> list[Profile]:
        if not self.root.exists():
            return []
        found = []
        for folder in sorted(self.root.iterdir()):
            if (folder / "profile.json").exists():
                found.append(self._load(folder))
        return sorted(found, key=lambda p: p.name.lower())

    def get(self, profile_id: str) -> Profile:
        folder = self.root / profile_id
        if not (folder / "profile.json").exists():
            raise ProfileError("profiles.unknown", id=profile_id)
        return self._load(folder)

    def _load(self, folder: Path) -> Profile:
        path = folder / "profile.json"
        try:
            data = json.loads(path.read_text("utf-8"))
            return Profile(
                id=data["id"], name=data["name"], unit_name=data["unit_name"], staff_id=data["staff_id"],
                unit_id=data["unit_id"], key_storage=data["key_storage"], folder=folder,
                role=data.get("role", "care_worker"), state=data.get("state", "ready"),
                created_at=data.get("created_at", ""), wrapped_key=data.get("wrapped_key"),
                wrapped_key_pending=data.get("wrapped_key_pending"), settings=data.get("settings") or {},
                keychain_backend=data.get("keychain_backend") if isinstance(data.get("keychain_backend"), str) else None,
                pin=data.get("pin") if isinstance(data.get("pin"), dict) else None,
                pin_failures=int(data.get("pin_failures") or 0),
                pin_last_failure=str(data.get("pin_last_failure") or ""),
                demo=data.get("demo") is True,
            )
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise ProfileError("profiles.bad_file", path=str(path), detail=type(exc).__name__) from None

    def save(self, profile: Profile) -> None:
        """Write profile.json atomically (it never holds a plaintext key)."""
        profile.folder.mkdir(parents=True, exist_ok=True)
        target = profile.folder / "profile.json"
        fd, tmp = tempfile.mkstemp(dir=profile.folder, prefix=".profile-", suffix=".json")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as fh:
                json.dump(profile.to_json(), fh, ensure_ascii=False, indent=2)
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, target)
        except BaseException:
            if os.path.exists(tmp):
                os.unlink(tmp)
            raise

    # -- creating ------------------------------------------------------------
    def create(
        self, name: str, unit_name: str, *, passphrase: str | None = None, role: str = "care_worker",
        unit_kind: str = "other", pin: str | None = None,
    ) -> OpenProfile:
        """Create a profile; the key goes to the keychain, or is wrapped if a passphrase is given.

        ``pin``: a keychain profile's PIN (the app's wizard always gives one; without it the
        app asks for one at the first lock). If creating stops part way (a full disk), the
        error is a :class:`ProfileCreateError` and the profile stays *creating*: the picker
        offers :meth:`finish_creating` and :meth:`remove_unfinished`."""
        from anhorigdesk.store import engine
        from anhorigdesk.store.ids import uuid7

        name, unit_name = name.strip(), unit_name.strip()
        if not name:
            raise ProfileError("profiles.name_required")
        if passphrase is None:
            keys.secure_backend()  # refuse an insecure keychain before anything is written
            if pin is not None:
                pins.check_format(pin)  # before anything is written
        else:
            keys.check_passphrase_strength(passphrase)
        profile_id = uuid7().replace("-", "")[:20]
        folder = self.root / profile_id
        folder.mkdir(parents=True, exist_ok=False)
        os.chmod(folder, 0o700)
        profile = Profile(
            id=profile_id, name=name, unit_name=unit_name, staff_id=uuid7(), unit_id=uuid7(),
            key_storage=PASSPHRASE if passphrase is not None else KEYCHAIN, folder=folder, role=role,
            state="creating", created_at=datetime.now(UTC).isoformat(),
        )
        profile.settings["unit_kind"] = unit_kind
        key = engine.new_key()
        if passphrase is not None:
            profile.wrapped_key = keys.wrap_key(key, passphrase, profile_id=profile_id).to_json()
        else:
            if pin is not None:
                profile.pin = pins.make_verifier(pin, profile_id)
        try:
            self.save(profile)  # first: a folder without profile.json is not a profile
        except BaseException as exc:
            shutil.rmtree(folder, ignore_errors=True)
            if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
                raise ProfileError("store.disk_full") from None
            raise
        try:
            if passphrase is None:
                keys.store_in_keychain(profile_id, key)
                profile.keychain_backend = keys.backend_name(keys.secure_backend())
                self.save(profile)
            return self._finish(profile, key)
        except Exception as exc:
            log.warning("profile creation stopped (%s): left to finish or remove", type(exc).__name__)
            raise ProfileCreateError(exc, profile) from exc

    def _finish(self, profile: Profile, key: bytes,
                on_migration: Callable[[int, int], None] | None = None) -> OpenProfile:
        """The database of a *creating* profile: created (or completed), its unit and staff
        rows written if missing, then the profile marked ready."""
        from anhorigdesk.store.database import Database
        from anhorigdesk.store.repository import Change, Repository

        db = Database(profile.db_path, key, create=True, on_migration=on_migration)
        try:
            repo = Repository(db)
            present = {
                table: db.reader().execute(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).fetchone()
                is not None
                for table, row_id in (("units", profile.unit_id), ("staff", profile.staff_id))
            }
            changes = []
            if not present["units"]:
                changes.append(Change("unit", {"name": profile.unit_name or profile.name,
                                               "kind": profile.settings.get("unit_kind", "other")},
                                      profile.unit_id))
            if not present["staff"]:
                changes.append(Change("staff", {"name": profile.name, "unit_id": profile.unit_id,
                                                "role": profile.role}, profile.staff_id))
            if changes:
                repo.write(profile.actor, changes, action="profile_created")
            profile.state = "ready"
            self.save(profile)
        except BaseException:
            with contextlib.suppress(Exception):  # the error that stopped it is the one to report
                db.close()
            raise
        return OpenProfile(profile, db, repo, owner_confirmed=True)

    def finish_creating(self, profile: Profile, passphrase: str | None = None, *,
                        pin_code: str | None = None,
                        on_migration: Callable[[int, int], None] | None = None) -> OpenProfile:
        """Finish a profile whose creation stopped part way (it is still *creating*): the
        same key (the passphrase's, or the keychain's, with the PIN if it has one)."""
        if profile.state != "creating":
            raise ProfileError("profiles.not_unfinished")
        if profile.key_storage == KEYCHAIN and profile.pin:
            if pin_code is None:
                raise pins.WrongPinError(self._remaining(profile))
            self.check_pin(profile, pin_code)
        key, _pending = self._keys(profile, passphrase)
        try:
            return self._finish(profile, key, on_migration)
        except Exception as exc:
            raise ProfileCreateError(exc, profile) from exc

    def remove_unfinished(self, profile: Profile) -> None:
        """Remove a profile whose creation stopped part way: it holds no records yet (they
        are written only once it is ready). Its key leaves the keychain, its folder the disk."""
        current = self._load(profile.folder)
        if current.state != "creating":
            raise ProfileError("profiles.not_unfinished")
        # the key may never have been stored: a keychain error does not keep the files
        with contextlib.suppress(keys.KeyError_, keys.InsecureKeyringError):
            self.remove(current)

    # -- opening -------------------------------------------------------------
    def unlock(self, profile: Profile, passphrase: str | None = None, *,
               keychain_keys: tuple[bytes | None, bytes | None] | None = None,
               keychain_backend: str | None = None,
               on_migration: Callable[[int, int], None] | None = None,
               pin_code: str | None = None) -> OpenProfile:
        """Open a profile's database with its key (keychain, or the passphrase).

        ``pin_code``: a keychain profile's PIN, checked (and counted, :meth:`check_pin`)
        before the key is read; the profile then opens ``owner_confirmed``. Without it a
        keychain profile opens unconfirmed (the quick start): the app shows it locked.

        ``keychain_keys``: a keychain profile's key and pending key as already read from the
        keychain (by a helper process at start, ``ui/keychain_reader.py``) instead of reading
        them here; ``keychain_backend``: the keyring backend the helper read them from.
        ``on_migration`` hears of the store's migrations (see ``Database``)."""
        confirmed = profile.key_storage == PASSPHRASE
        if profile.key_storage == KEYCHAIN:
            self._refresh_pin(profile)  # what the lock screen will ask follows what is on disk
        if profile.key_storage == KEYCHAIN and pin_code is not None:
            self.check_pin(profile, pin_code)
            confirmed = True
        if keychain_keys is not None and profile.key_storage == KEYCHAIN:
            if keychain_keys[0] is None:
                raise keys.KeyError_("keys.no_key")
            key, pending = keychain_keys[0], keychain_keys[1]
        else:
            key, pending = self._keys(profile, passphrase)  # first: the key derivation needs no store code
        from anhorigdesk.store import engine
        from anhorigdesk.store.database import Database
        from anhorigdesk.store.repository import Repository

        create = profile.state == "creating"
        try:
            db = Database(profile.db_path, key, create=create, on_migration=on_migration)
        except engine.WrongKeyError:
            if pending is None:
                raise
            # A rekey was interrupted after the database changed key: finish it.
            db = Database(profile.db_path, pending, on_migration=on_migration)
            self._promote_pending(profile, pending, passphrase)
        if profile.key_storage == KEYCHAIN:
            # the keychain the key was just read from: by the helper, or here (found already)
            self._note_backend(profile, keychain_backend if keychain_keys is not None
                               else keys.backend_name(keys.secure_backend()))
        opened = OpenProfile(profile, db, Repository(db), owner_confirmed=confirmed)
        self.note_demo_data(opened)
        return opened

    def note_demo_data(self, opened: OpenProfile) -> bool:
        """Keep profile.json's ``demo`` in step with the database's demo mark (read at every
        open, and after filling a profile with demo data), so that the picker marks a demo
        profile before it is opened. Returns whether the profile holds demo data."""
        profile = opened.profile
        marked = opened.db.reader().execute("SELECT 1 FROM meta WHERE key = ?", (DEMO_MARK,)).fetchone() is not None
        if marked != profile.demo:
            profile.demo = marked
            try:
                self.save(profile)
            except OSError as exc:  # the database's own mark still keeps it from syncing
                log.warning("profile.json not updated (%s)", type(exc).__name__)
        return marked

    def _note_backend(self, profile: Profile, used: str | None) -> None:
        """Keep in profile.json the keychain the key was just read from (the next start's
        helper loads it directly); written only when it changed."""
        if used is None or used == profile.keychain_backend:
            return
        profile.keychain_backend = used
        try:
            self.save(profile)
        except OSError as exc:  # only a hint: the profile opened, and opens without it
            log.warning("profile.json not updated (%s)", type(exc).__name__)

    def _keys(self, profile: Profile, passphrase: str | None) -> tuple[bytes, bytes | None]:
        if profile.key_storage == PASSPHRASE:
            if passphrase is None or profile.wrapped_key is None:
                raise keys.WrongPassphraseError("keys.wrong_passphrase")
            key = keys.unwrap_key(keys.WrappedKey.from_json(profile.wrapped_key), passphrase,
                                  profile_id=profile.id)
            pending = None
            if profile.wrapped_key_pending:
                pending = keys.unwrap_key(keys.WrappedKey.from_json(profile.wrapped_key_pending),
                                          passphrase, profile_id=profile.id)
            return key, pending
        keys.use_backend_hint(profile.keychain_backend)  # the keychain it is in, if keyring has none yet
        key = keys.load_from_keychain(profile.id)
        if key is None:
            raise keys.KeyError_("keys.no_key")
        return key, keys.load_from_keychain(profile.id, pending=True)

    # -- the PIN of a keychain profile ---------------------------------------
    @staticmethod
    def _remaining(profile: Profile) -> int:
        return max(0, pins.MAX_ATTEMPTS - profile.pin_failures)

    def _refresh_pin(self, profile: Profile) -> None:
        """The PIN fields of ``profile`` as ``profile.json`` has them now (a list read
        earlier may be older than a PIN set since)."""
        with contextlib.suppress(ProfileError):
            current = self._load(profile.folder)
            profile.pin, profile.pin_failures = current.pin, current.pin_failures
            profile.pin_last_failure = current.pin_last_failure

    def check_pin(self, profile: Profile, pin_code: str) -> None:
        """Check a keychain profile's PIN, counting wrong ones in ``profile.json`` (so a
        restart does not reset them). Raises :class:`pins.WrongPinError` (tries left),
        :class:`pins.TooManyPinAttemptsError` (this wrong PIN was one too many: close the
        profile) or :class:`pins.PinWaitError` (too many before: wait, then try again; the PIN
        is not even checked). ``profile`` is updated with what is on disk."""
        current = self._load(profile.folder)
        profile.pin, profile.pin_failures = current.pin, current.pin_failures
        profile.pin_last_failure = current.pin_last_failure
        if not profile.pin:
            raise ProfileError("profiles.no_pin")
        waiting = pins.blocked_for(profile.pin_failures, profile.pin_last_failure)
        if waiting:
            raise pins.PinWaitError(waiting)
        if pins.matches(profile.pin, pin_code, profile.id):
            if profile.pin_failures or profile.pin_last_failure:
                profile.pin_failures, profile.pin_last_failure = 0, ""
                self._save_pin_state(profile)
            return
        profile.pin_failures += 1
        profile.pin_last_failure = datetime.now(UTC).isoformat()
        self._save_pin_state(profile)  # counted before the answer, or a full disk would not count
        log.info("wrong PIN (%d in a row)", profile.pin_failures)
        if profile.pin_failures >= pins.MAX_ATTEMPTS:
            raise pins.TooManyPinAttemptsError(pins.wait_seconds(profile.pin_failures))
        raise pins.WrongPinError(self._remaining(profile))

    def _save_pin_state(self, profile: Profile) -> None:
        """Write the PIN fields into what is on disk now (other fields as they are there)."""
        current = self._load(profile.folder)
        current.pin, current.pin_failures = profile.pin, profile.pin_failures
        current.pin_last_failure = profile.pin_last_failure
        self.save(current)

    def set_pin(self, profile: Profile, new_pin: str, *, old_pin: str | None = None) -> None:
        """Set a keychain profile's PIN. A profile that has one needs it (``old_pin``,
        checked and counted as at the lock screen); one without (made before PINs, or by the
        command line) gets its first one from whoever has it open."""
        if profile.key_storage != KEYCHAIN:
            raise ProfileError("profiles.pin_keychain_only")
        pins.check_format(new_pin)
        current = self._load(profile.folder)
        if current.pin:
            if old_pin is None:
                raise pins.WrongPinError(self._remaining(current))
            self.check_pin(profile, old_pin)
        profile.pin = pins.make_verifier(new_pin, profile.id)
        profile.pin_failures, profile.pin_last_failure = 0, ""
        self._save_pin_state(profile)

    # -- removing ------------------------------------------------------------
    def remove(self, profile: Profile) -> None:
        """Remove a profile from this computer for good: its keys in the keychain (the key
        and a pending one), then its database (with -wal, -shm), profile.json and folder.
        The database must be closed. Keys first: once they are gone, what is left of an
        interrupted removal cannot be opened. A keychain that fails does not keep the files:
        they go, and the keychain's error is raised after."""
        import shutil

        import keyring.errors

        failed: BaseException | None = None
        try:
            keys.delete_from_keychain(profile.id)
            keys.delete_from_keychain(profile.id, pending=True)
        except keys.InsecureKeyringError as exc:
            if profile.key_storage == KEYCHAIN:
                failed = exc
            # a passphrase profile on a computer without a secure keychain: no key there
        except keyring.errors.KeyringError as exc:
            failed = keys.KeyError_("keys.keyring_failed", detail=type(exc).__name__)
        folder = self.root / profile.id
        for suffix in ("-wal", "-shm", "-journal", ""):
            (folder / f"store.db{suffix}").unlink(missing_ok=True)
        (folder / "profile.json").unlink(missing_ok=True)
        if folder.exists():
            shutil.rmtree(folder)
        if failed is not None:
            raise failed

    # -- passphrase and key changes -----------------------------------------
    def change_passphrase(self, profile: Profile, old: str, new: str) -> None:
        """Re-wrap the database key under a new passphrase (the database is unchanged)."""
        if profile.key_storage != PASSPHRASE or profile.wrapped_key is None:
            raise ProfileError("profiles.bad_file", path="profile.json", detail="no passphrase")
        key = keys.unwrap_key(keys.WrappedKey.from_json(profile.wrapped_key), old, profile_id=profile.id)
        profile.wrapped_key = keys.wrap_key(key, new, profile_id=profile.id).to_json()
        self.save(profile)

    def rekey(self, opened: OpenProfile, passphrase: str | None = None, *,
              progress: Callable[[str], None] | None = None) -> OpenProfile:
        """Change the database key itself. Crash-safe: the new key is stored as *pending*
        before the database changes, and promoted after; opening finishes a half-done rekey.

        ``progress`` hears each step as it starts (:data:`REKEY_STEPS`): ``"pending"`` (the
        new key is made and kept beside the old), ``"encrypt"`` (every page of the database
        is rewritten: the long step on a large profile) and ``"finish"`` (the new key
        replaces the old and the database opens with it)."""
        report = progress or (lambda _step: None)
        from anhorigdesk.store import engine
        from anhorigdesk.store.database import Database
        from anhorigdesk.store.repository import Repository

        profile = opened.profile
        report("pending")
        new = engine.new_key()
        if profile.key_storage == PASSPHRASE:
            if passphrase is None:
                raise keys.WrongPassphraseError("keys.wrong_passphrase")
            # proves the passphrase before anything changes
            keys.unwrap_key(keys.WrappedKey.from_json(profile.wrapped_key or {}), passphrase,
                            profile_id=profile.id)
            profile.wrapped_key_pending = keys.wrap_key(new, passphrase, profile_id=profile.id).to_json()
            self.save(profile)
        else:
            keys.store_in_keychain(profile.id, new, pending=True)
        old_key, _ = self._keys(profile, passphrase)
        opened.close()
        report("encrypt")
        conn = engine.open_database(profile.db_path, old_key)
        try:
            engine.rekey(conn, new)
        finally:
            conn.close()
        report("finish")
        self._promote_pending(profile, new, passphrase)
        db = Database(profile.db_path, new)
        return OpenProfile(profile, db, Repository(db))

    def _promote_pending(self, profile: Profile, key: bytes, passphrase: str | None) -> None:
        if profile.key_storage == PASSPHRASE:
            profile.wrapped_key = profile.wrapped_key_pending
            profile.wrapped_key_pending = None
            self.save(profile)
        else:
            keys.store_in_keychain(profile.id, key)
            keys.delete_from_keychain(profile.id, pending=True)
