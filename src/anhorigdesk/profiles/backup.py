"""A profile's encrypted backup file, and restoring it on this or another computer.

The backup holds the profile's whole database, re-encrypted under a key derived from a
passphrase the user types for the backup (never the profile's own key, never the
keychain's). SQLite's online backup API copies the open database, as one consistent
snapshot, page by page into a new SQLCipher database keyed with the derived key (SQLCipher
decrypts each page with the profile's key and encrypts it with the backup's: one pass, no
rows re-inserted; ``sqlcipher_export``, which rebuilds every index, took ~30 s where this
took ~20 s on the 1.1 GB benchmark profile, measured on the same loaded machine). The
file is that database with a trailer::

    the SQLCipher database (db_bytes) | header (JSON, UTF-8) | header length (4 bytes,
    big-endian) | SHA-256 of the header (32) | MAGIC (16) | HMAC-SHA256 tag (32 bytes)

The header says how the key was derived (scrypt: salt, n, r, p), when the backup was made,
the database's size, and, encrypted (AES-256-GCM, the public header as associated data),
the profile's own details (name, unit, ids, settings, how its key was kept). From the
passphrase scrypt derives the details' key and the tag's, which covers every byte before
it. Format 2 (written since #16's speed work) keys the database with a random 256-bit key
sealed in the details (envelope encryption: only the passphrase opens it, so scrypt runs on
a second core while the copy starts), and its pages carry no SQLCipher HMAC of their own
(``cipher_use_hmac = OFF``; AES-256 as before): the tag already covers every byte and is
checked before a restored copy is used, and the per-page HMAC cost a SHA-256 over every
page at backup and again at restore. Format 1 (the database key derived by scrypt too, a
per-page HMAC-SHA256) is still restored. Measured on this 2-core machine shared with other
work (load 11-15), bench_backup's profile (10,000 carers, 230,000 entries, 1.1 GB), format 1
-> 2, CPU of the whole process: backup 9.96 -> 8.16 s (scrypt 0.57 s now beside the copy,
the copy 8.44 -> ~6.6 s), restore 8.53 -> 7.48 s; the wall times there (40-50 s) were
nearly all waits for a core (``/proc/<pid>/task/*/schedstat``), fsync 0.15-0.3 s. So a wrong passphrase is told apart from a damaged file: a file
without its trailer (cut short, or not a backup), a header that does not match its checksum
or lengths that do not add up are refused before any passphrase is asked; then the details
do not decrypt (wrong passphrase) or they do and the tag differs (damaged or altered).

Restoring checks the passphrase, then has SQLite's backup API copy the database out of
the backup file (opened read-only, in place) into a new profile folder under a fresh random
key: one pass in which SQLCipher decrypts each page with the backup's key and encrypts it
with the new one, so the restored profile shares no key with the backup file. Meanwhile a
second thread checks the tag over every byte of the file; nothing outside that folder
changes before the tag matched, and damage the copy meets first is also said as damage.
(Before, the file was copied whole into the folder and then re-encrypted in place with
``PRAGMA rekey``: two passes over 1.1 GB. tests/benchmarks/bench_backup.py, 10,000 carers,
three runs each, before and after interleaved on this 2-core machine shared with other
work (load 10-12): restore median 40.6 -> 32.1 s wall, 11.4 -> 9.5 s CPU.) The key
is kept in the keychain when the original profile's was and a secure keychain exists, else
wrapped by the backup's passphrase. A profile with the same id is never replaced unless the caller says so
(``replace=True``, after asking the user); then the old folder is moved aside and removed
only once the restored one opens.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import shutil
import struct
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anhorigdesk.i18n import message
from anhorigdesk.profiles import keys

if TYPE_CHECKING:
    from anhorigdesk.profiles.profiles import Profile, ProfileManager
    from anhorigdesk.store.database import Database

MAGIC = b"AnhorigDeskBkp\x00\x01"
FORMAT = 2
FORMATS = (1, 2)  # what this version restores
SUFFIX = ".anhorigdesk-backup"
TAG_BYTES = 32
HEADER_SUM = 32  # SHA-256 of the header: damage to it is not taken for a wrong passphrase
MAX_HEADER = 64 * 1024
# scrypt for a file that may leave the computer (a USB stick, a share): 2**17 × 8 ≈ 128 MiB
# and ~0.4 s here, four times the profile passphrase's cost.
SCRYPT_N, SCRYPT_R, SCRYPT_P = 2**17, 8, 1
COPY_CHUNK = 1024 * 1024
COPY_PAGES = 4096  # pages per step of the backup API (16 MiB): progress between steps
# header length, header checksum, magic, tag: the fixed end of every backup file
TRAILER_FIXED = 4 + HEADER_SUM + len(MAGIC) + TAG_BYTES

Progress = Callable[[str], None]

# Its texts are the ``backup.*`` messages of the core catalogue (resources/locale/*/core.po).


class BackupError(Exception):
    """A backup or restore failed; the message is translatable and names no personal data."""

    def __init__(self, code: str, **params: Any) -> None:
        self.code, self.params = code, params
        super().__init__(message(code, **params))

    def localized(self, language: str) -> str:
        return message(self.code, language, **self.params)


class WrongBackupPassphrase(BackupError):
    def __init__(self) -> None:
        super().__init__("backup.wrong_passphrase")


class ProfileExists(BackupError):
    def __init__(self, profile: Profile) -> None:
        super().__init__("backup.profile_exists", name=profile.name)
        self.profile = profile


@dataclass(frozen=True)
class BackupHeader:
    path: Path
    created_at: str
    db_bytes: int
    header: dict[str, Any]
    header_bytes: bytes  # as stored: the tag and the details' AEAD cover it

    @property
    def tag_offset(self) -> int:
        """Where the tag starts: it covers every byte before this."""
        return self.db_bytes + len(self.header_bytes) + TRAILER_FIXED - TAG_BYTES


@dataclass(frozen=True)
class Keys:
    database: bytes
    details: bytes
    tag: bytes


def _derive(passphrase: str, salt: bytes, n: int, r: int, p: int) -> Keys:
    """The three keys of a backup from its passphrase (scrypt). Format 1 keys its database
    with ``database``; format 2 with a random key kept in the sealed details."""
    material = hashlib.scrypt(passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p,
                              maxmem=512 * 1024 * 1024, dklen=96)
    return Keys(material[:32], material[32:64], material[64:])


def suggested_name(profile: Profile, when: datetime | None = None) -> str:
    """A file name for a profile's backup: the profile's name and the date."""
    stamp = (when or datetime.now()).strftime("%Y-%m-%d")
    safe = "".join(c if c.isalnum() or c in " -_" else "_" for c in profile.name).strip() or "profil"
    return f"{safe} {stamp}{SUFFIX}"


# -- writing -------------------------------------------------------------------
def write_backup(db: Database, profile: Profile, target: Path, passphrase: str, *,
                 progress: Progress | None = None) -> BackupHeader:
    """Write an encrypted backup of the open profile ``db`` to ``target`` (a new file).

    Runs on the calling thread (a worker thread in the app) through that thread's read
    connection; the profile stays usable meanwhile (WAL: the copy reads one snapshot).
    ``progress`` hears ``"key"``, ``"copy"``, ``"seal"`` as each step starts."""
    return _write(db, profile, target, passphrase, progress, FORMAT)


class _Derivation:
    """scrypt on a thread of its own (``hashlib`` lets go of the GIL): in format 2 the copy,
    under a random key, needs no derived key, so the two use both cores."""

    def __init__(self, passphrase: str, salt: bytes) -> None:
        import threading

        self._passphrase, self._salt = passphrase, salt
        self._keys: Keys | None = None
        self._error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="backup-kdf", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        try:
            self._keys = _derive(self._passphrase, self._salt, SCRYPT_N, SCRYPT_R, SCRYPT_P)
        except BaseException as exc:  # handed to the caller by result()
            self._error = exc

    def result(self) -> Keys:
        self._thread.join()
        if self._error is not None:
            raise self._error
        assert self._keys is not None
        return self._keys


def _write(db: Database, profile: Profile, target: Path, passphrase: str,
           progress: Progress | None, fmt: int) -> BackupHeader:
    """:func:`write_backup` in format ``fmt`` (1 only to test that older files restore)."""
    report = progress or (lambda _step: None)
    target = Path(target)
    keys.check_passphrase_strength(passphrase)
    if target.exists():
        raise BackupError("backup.target_exists", path=target.name)
    report("key")
    salt = os.urandom(16)
    derivation = _Derivation(passphrase, salt)
    partial = target.with_name(f".{target.name}.partial")
    try:
        partial.unlink(missing_ok=True)
        if fmt == 1:
            database_key, page_hmac = derivation.result().database, True
        else:
            database_key, page_hmac = os.urandom(32), False
        report("copy")
        _copy_pages(db.reader(), partial, database_key, page_hmac=page_hmac)
        db_bytes = partial.stat().st_size
        report("seal")
        derived = derivation.result()
        header = {
            "format": fmt,
            "kdf": {"name": "scrypt", "n": SCRYPT_N, "r": SCRYPT_R, "p": SCRYPT_P,
                    "salt": salt.hex()},
            "created_at": datetime.now(UTC).isoformat(timespec="seconds"),
            "db_bytes": db_bytes,
            "cipher": "sqlcipher4" if page_hmac else "sqlcipher4-no-page-hmac",
        }
        public = json.dumps(header, sort_keys=True).encode("utf-8")
        nonce = os.urandom(12)
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        sealed = _details(profile) | ({} if fmt == 1 else {"database_key": database_key.hex()})
        details = AESGCM(derived.details).encrypt(
            nonce, json.dumps(sealed, ensure_ascii=False).encode("utf-8"), public)
        header["details"] = {"nonce": nonce.hex(), "ciphertext": details.hex()}
        header_bytes = json.dumps(header, sort_keys=True).encode("utf-8")
        mac = hmac.new(derived.tag, digestmod=hashlib.sha256)
        with open(partial, "r+b") as out:
            while chunk := out.read(COPY_CHUNK):
                mac.update(chunk)
            trailer = (header_bytes + struct.pack(">I", len(header_bytes))
                       + hashlib.sha256(header_bytes).digest() + MAGIC)
            mac.update(trailer)
            out.write(trailer + mac.digest())
            out.flush()
            os.fsync(out.fileno())  # the whole file: the copy's pages and the trailer
        os.replace(partial, target)
    except OSError as exc:
        raise BackupError("backup.write_failed", path=target.name,
                          detail=exc.strerror or type(exc).__name__) from None
    finally:
        partial.unlink(missing_ok=True)
        with contextlib.suppress(BaseException):
            derivation.result()  # never leave the thread behind
    return BackupHeader(target, header["created_at"], db_bytes, header, header_bytes)


def _details(profile: Profile) -> dict[str, Any]:
    return {"id": profile.id, "name": profile.name, "unit_name": profile.unit_name,
            "staff_id": profile.staff_id, "unit_id": profile.unit_id, "role": profile.role,
            "created_at": profile.created_at, "settings": profile.settings,
            "key_storage": profile.key_storage}


def _copy_pages(conn: Any, target: Path, key: bytes, *, page_hmac: bool) -> None:
    """Copy ``conn``'s database (one snapshot) into a new SQLCipher database at ``target``
    under ``key``, page by page (SQLite's backup API; SQLCipher re-encrypts each page).
    ``page_hmac``: whether each page also gets SQLCipher's HMAC (format 1); format 2 leaves
    it out, as the file's tag covers every byte. Not synced: the caller syncs the whole
    file once its trailer is written."""
    import sqlcipher3.dbapi2 as sqlcipher

    if not target.parent.is_dir():
        raise FileNotFoundError(2, "No such folder", str(target.parent))
    try:
        dest = sqlcipher.connect(str(target), isolation_level=None)
    except sqlcipher.Error as exc:
        raise OSError(f"cannot create the file ({type(exc).__name__})") from None
    try:
        _key_backup_database(dest, key, page_hmac=page_hmac)
        # a new file nobody else uses, discarded if anything fails and synced as a whole
        # afterwards: no rollback journal, no sync per step
        dest.execute("PRAGMA journal_mode = OFF")
        dest.execute("PRAGMA synchronous = OFF")
        conn.raw.backup(dest, pages=-1)
        dest.execute("PRAGMA journal_mode = DELETE")  # not WAL: one self-contained file
    except sqlcipher.Error as exc:
        raise OSError(f"copy failed ({type(exc).__name__})") from None
    finally:
        dest.close()


def _key_backup_database(conn: Any, key: bytes, *, page_hmac: bool) -> None:
    """Key a connection to the database inside a backup file. Format 1: AES-256 pages with
    SQLCipher's HMAC-SHA256 per page (the profile's own settings). Format 2: AES-256 pages
    without the per-page HMAC, whose work (a SHA-256 over every page, written once and read
    once more) the file's tag does already: every byte of the file is covered by the tag,
    which is checked before the restored copy is used."""
    from anhorigdesk.store import engine

    if page_hmac:
        engine._apply_key(conn, key)
    else:
        conn.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
        conn.execute("PRAGMA cipher_use_hmac = OFF")


def _copy_out(source: Path, key: bytes, target: Path, new_key: bytes, *, page_hmac: bool) -> None:
    """Copy the database inside the backup file ``source`` (under ``key``; the file's
    trailer after it is never read: SQLite reads the pages its header counts) into a new
    SQLCipher database at ``target`` under ``new_key``: one pass of the backup API, which
    decrypts each page with the one key and encrypts it with the other. The backup file is
    opened read-only and immutable (no lock, no journal: it may be on a share or a stick).
    Raises ``sqlcipher3.Error`` as it comes (the caller tells damage from a full disk)."""
    import sqlcipher3.dbapi2 as sqlcipher

    from anhorigdesk.store import engine

    src = sqlcipher.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True,
                            isolation_level=None)
    try:
        src.execute("PRAGMA cipher_log_level = NONE")
        _key_backup_database(src, key, page_hmac=page_hmac)
        src.execute("SELECT count(*) FROM sqlite_master").fetchone()
        dest = sqlcipher.connect(str(target), isolation_level=None)
        try:
            engine._apply_key(dest, new_key)
            # a new file in the staging folder, discarded if anything fails and synced as a
            # whole afterwards: no rollback journal, no sync per step
            dest.execute("PRAGMA journal_mode = OFF")
            dest.execute("PRAGMA synchronous = OFF")
            src.backup(dest, pages=-1)
            dest.execute("PRAGMA journal_mode = DELETE")
        finally:
            dest.close()
    finally:
        src.close()
    with open(target, "rb") as fh:
        os.fsync(fh.fileno())


class _TagCheck:
    """The tag over every byte of the file, checked on a thread of its own while the
    database is copied out (``hashlib`` lets go of the GIL for large blocks, so the two use
    both cores; the thread reads ahead of SQLite, which then reads from the OS's cache:
    the file, maybe on a slow stick, is read from its medium once)."""

    def __init__(self, header: BackupHeader, derived: Keys) -> None:
        import threading

        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, args=(header, derived),
                                         name="backup-tag", daemon=True)
        self._thread.start()

    def _run(self, header: BackupHeader, derived: Keys) -> None:
        try:
            _copy_checked(header, derived, None)
        except BaseException as exc:  # handed to the caller by result()
            self.error = exc

    def result(self) -> None:
        """Wait for the check; raises :class:`BackupError` (damaged) when the tag differs."""
        self._thread.join()
        if self.error is not None:
            raise self.error


# -- reading -------------------------------------------------------------------
def read_header(path: Path) -> BackupHeader:
    """The backup's public header, checked for shape and length (no passphrase needed)."""
    path = Path(path)
    try:
        size = path.stat().st_size
        with open(path, "rb") as fh:
            if size < TRAILER_FIXED:
                raise BackupError("backup.truncated", path=path.name, size=size)
            fh.seek(size - TRAILER_FIXED)
            fixed = fh.read(TRAILER_FIXED)
            (length,) = struct.unpack(">I", fixed[:4])
            checksum = fixed[4:4 + HEADER_SUM]
            if fixed[4 + HEADER_SUM:4 + HEADER_SUM + len(MAGIC)] != MAGIC:
                raise BackupError("backup.truncated", path=path.name, size=size)
            if length > MAX_HEADER or length > size - TRAILER_FIXED:
                raise BackupError("backup.damaged", path=path.name, detail="header length")
            fh.seek(size - TRAILER_FIXED - length)
            header_bytes = fh.read(length)
    except OSError as exc:
        raise BackupError("backup.damaged", path=path.name,
                          detail=exc.strerror or type(exc).__name__) from None
    if not hmac.compare_digest(hashlib.sha256(header_bytes).digest(), checksum):
        raise BackupError("backup.damaged", path=path.name, detail="header")
    try:
        header = json.loads(header_bytes.decode("utf-8"))
        fmt = int(header["format"])
        if fmt > FORMAT:
            raise BackupError("backup.newer_format", path=path.name, format=fmt)
        kdf = header["kdf"]
        if kdf["name"] != "scrypt" or fmt not in FORMATS:
            raise ValueError("kdf")
        bytes.fromhex(kdf["salt"]), int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        db_bytes = int(header["db_bytes"])
        bytes.fromhex(header["details"]["nonce"]), bytes.fromhex(header["details"]["ciphertext"])
    except BackupError:
        raise
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BackupError("backup.damaged", path=path.name, detail="header") from None
    if db_bytes + length + TRAILER_FIXED != size:
        raise BackupError("backup.damaged", path=path.name, detail="length")
    return BackupHeader(path, str(header.get("created_at", "")), db_bytes, header, header_bytes)


def unlock(path: Path, passphrase: str, *,
           verify: bool = True) -> tuple[BackupHeader, Keys, dict[str, Any]]:
    """Check the file with ``passphrase``: its details and (``verify``) its tag over every
    byte. Returns the header, the derived keys and the profile's details.
    :func:`restore_backup` checks the tag as it copies, so it does not read twice."""
    header = read_header(path)
    kdf = header.header["kdf"]
    derived = _derive(passphrase, bytes.fromhex(kdf["salt"]), int(kdf["n"]), int(kdf["r"]),
                      int(kdf["p"]))
    public = dict(header.header)
    sealed = public.pop("details")
    from cryptography.exceptions import InvalidTag
    from cryptography.hazmat.primitives.ciphers.aead import AESGCM

    try:
        plain = AESGCM(derived.details).decrypt(
            bytes.fromhex(sealed["nonce"]), bytes.fromhex(sealed["ciphertext"]),
            json.dumps(public, sort_keys=True).encode("utf-8"))
    except InvalidTag:
        raise WrongBackupPassphrase() from None
    try:
        details = json.loads(plain.decode("utf-8"))
        for name in ("id", "name", "unit_name", "staff_id", "unit_id"):
            if not isinstance(details[name], str):
                raise TypeError(name)
        if not details["id"].isalnum():
            raise ValueError("id")  # it names a folder
        if int(header.header["format"]) >= 2 and len(bytes.fromhex(details["database_key"])) != 32:
            raise ValueError("database_key")
    except (ValueError, KeyError, TypeError, UnicodeDecodeError):
        raise BackupError("backup.damaged", path=header.path.name, detail="details") from None
    if verify:
        _copy_checked(header, derived, None)
    return header, derived, details


def _copy_checked(header: BackupHeader, derived: Keys, target: Path | None) -> None:
    """Read the file once: check the tag over every byte before it and, with ``target``,
    copy the database part there. A mismatch raises before the caller uses the copy."""
    mac = hmac.new(derived.tag, digestmod=hashlib.sha256)
    try:
        with open(header.path, "rb") as source, (
            open(target, "xb") if target is not None else contextlib.nullcontext()
        ) as out:
            remaining = header.tag_offset
            copying = header.db_bytes
            while remaining:
                chunk = source.read(min(COPY_CHUNK, remaining))
                if not chunk:
                    break
                mac.update(chunk)
                if out is not None and copying:
                    out.write(chunk[:copying])
                    copying -= min(copying, len(chunk))
                remaining -= len(chunk)
            tag = source.read(TAG_BYTES)
            if out is not None:
                out.flush()
                os.fsync(out.fileno())
    except OSError as exc:
        if target is not None and isinstance(exc, FileExistsError):
            raise
        raise BackupError("backup.damaged", path=header.path.name,
                          detail=exc.strerror or type(exc).__name__) from None
    if remaining or not hmac.compare_digest(mac.digest(), tag):
        raise BackupError("backup.damaged", path=header.path.name, detail="integrity tag")


def _database_key(header: BackupHeader, derived: Keys, details: dict[str, Any]) -> bytes:
    """The key of the database inside the file: derived from the passphrase (format 1), or
    the random one sealed in the details (format 2)."""
    if int(header.header["format"]) == 1:
        return derived.database
    return bytes.fromhex(details["database_key"])


def existing_profile(manager: ProfileManager, details: dict[str, Any]) -> Profile | None:
    """The profile on this computer the backup would replace (the same id), if any."""
    folder = manager.root / details["id"]
    if (folder / "profile.json").exists():
        return manager.get(details["id"])
    return None


@dataclass(frozen=True)
class Restored:
    """A restored profile, and what its restore means for syncing it."""

    profile: Profile
    linked: bool  # it had signed in to a sync server: sign in again, as a new device
    unsent: int  # its changes the server had not acknowledged when the backup was made


def restore_backup(manager: ProfileManager, path: Path, passphrase: str, *,
                   replace: bool = False, progress: Progress | None = None,
                   unlocked: tuple[BackupHeader, Keys, dict[str, Any]] | None = None) -> Profile:
    """:func:`restore_profile`, returning the restored profile only."""
    return restore_profile(manager, path, passphrase, replace=replace, progress=progress,
                           unlocked=unlocked).profile


def restore_profile(manager: ProfileManager, path: Path, passphrase: str, *,
                    replace: bool = False, progress: Progress | None = None,
                    unlocked: tuple[BackupHeader, Keys, dict[str, Any]] | None = None) -> Restored:
    """Restore the backup at ``path`` as a profile of ``manager``'s data dir.

    Raises :class:`WrongBackupPassphrase`, :class:`BackupError` (damaged, cut short, not a
    backup) before anything changes, and :class:`ProfileExists` when the profile is on this
    computer already and ``replace`` is not set. ``progress`` hears ``"check"``,
    ``"copy"`` (the re-encrypting copy, the tag checked meanwhile), ``"finish"``.
    ``unlocked``: what :func:`unlock` returned for the same file and passphrase just before
    (the dialog checks first, then asks), so the passphrase is not derived twice.

    A restored profile that had signed in to a sync server, or ever synced, is a new
    device for that server (``sync/account.py`` ``restored_as_new_device``): the backup is
    older than what the profile may have sent since, so its former device id would give
    out seqs the server already holds (409 ``seq_reused``: it could never sync again). It
    gets a new client id, its sync session is forgotten (the person signs in again; the
    account's address and user name stay), and its changes the server had not acknowledged
    at the backup are re-issued under the new id after its first complete pull, unless they
    came back in it (docs/SYNC-CLIENT.md,
    "Restored from a backup")."""
    import sqlcipher3.dbapi2 as sqlcipher

    from anhorigdesk.profiles.profiles import KEYCHAIN, PASSPHRASE, Profile
    from anhorigdesk.store import engine
    from anhorigdesk.store.database import Database
    from anhorigdesk.store.repository import Repository
    from anhorigdesk.sync import account

    report = progress or (lambda _step: None)
    report("check")
    header, derived, details = (unlocked if unlocked is not None
                                else unlock(path, passphrase, verify=False))
    existing = existing_profile(manager, details)
    if existing is not None and not replace:
        raise ProfileExists(existing)

    manager.root.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%d%H%M%S")
    staging = manager.root / f".restoring-{details['id']}-{stamp}"
    final = manager.root / details["id"]
    aside = manager.root / f".replaced-{details['id']}-{stamp}"
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(mode=0o700)
    try:
        report("copy")
        store = staging / "store.db"
        new_key = engine.new_key()
        check = _TagCheck(header, derived)
        try:
            _copy_out(header.path, _database_key(header, derived, details), store, new_key,
                      page_hmac=int(header.header["format"]) == 1)
        except (sqlcipher.Error, OSError) as exc:
            check.result()  # damage that the tag also finds is said as damage
            if isinstance(exc, OSError) or engine.is_disk_full(exc, store):
                raise BackupError("backup.restore_failed", detail=type(exc).__name__) from None
            raise BackupError("backup.damaged", path=header.path.name,
                              detail=type(exc).__name__) from None
        check.result()  # the tag matched: the copy is the backup's
        os.chmod(store, 0o600)

        report("finish")
        profile = Profile(
            id=details["id"], name=details["name"], unit_name=details["unit_name"],
            staff_id=details["staff_id"], unit_id=details["unit_id"], key_storage=PASSPHRASE,
            folder=staging, role=str(details.get("role") or "care_worker"), state="ready",
            created_at=str(details.get("created_at") or ""),
            settings=details.get("settings") if isinstance(details.get("settings"), dict) else {},
        )
        if details.get("key_storage") == KEYCHAIN and keys.keychain_available():
            keys.store_in_keychain(profile.id, new_key, pending=True)
            profile.key_storage = KEYCHAIN
        else:
            profile.wrapped_key = keys.wrap_key(new_key, passphrase, profile_id=profile.id).to_json()
        manager.save(profile)
        # it opens (and any migration a backup from an older version needs runs) before
        # the profile on this computer, if any, is moved aside. First the thinning already
        # done is applied again, before anything syncs (#13, part D); then it becomes a new
        # device for the sync server (see restore_profile)
        from anhorigdesk.sync.purge import reapply_after_restore

        db = Database(staging / "store.db", new_key)
        try:
            reapply_after_restore(db)
            linked, unsent = account.restored_as_new_device(Repository(db))
        finally:
            db.close()
        # the session kept for this profile id (the replaced one's) is the former device's
        account.forget_keychain_tokens(profile.id)
        if existing is not None:
            os.replace(final, aside)
        os.replace(staging, final)
        if profile.key_storage == KEYCHAIN:
            keys.store_in_keychain(profile.id, new_key)
            keys.delete_from_keychain(profile.id, pending=True)
        profile.folder = final
    except BackupError:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    except (OSError, engine.StoreOpenError, keys.KeyError_) as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if existing is not None and aside.exists() and not final.exists():
            os.replace(aside, final)  # put the one that was there back
        raise BackupError("backup.restore_failed", detail=type(exc).__name__) from None
    with contextlib.suppress(OSError):
        shutil.rmtree(aside)
    return Restored(manager.get(profile.id), linked, unsent)
