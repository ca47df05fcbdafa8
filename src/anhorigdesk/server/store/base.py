"""What every part of the server's store shares (lager): the database, the clocks, the
password and session policy, and who is asking (:class:`Principal`)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, NamedTuple

from anhorigdesk.server.db import Database, Transaction
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.security import Clock, Passwords, SecurityPolicy, iso, utc_now

# The epoch, the head of the log (last server_seq) and the digest clock (migration 0011:
# changes with any write a user's combined digest depends on), as columns of any query.
META_COLUMNS = (
    "(SELECT value FROM server_meta WHERE key = 'epoch'), (SELECT MAX(server_seq) FROM mutations),"
    " (SELECT gen FROM digest_clock WHERE id = 1)"
)


class Meta(NamedTuple):
    """Where the log stands, read in the request's snapshot (:data:`META_COLUMNS`)."""

    epoch: str
    head: int
    digest_gen: int | None


def meta_of(epoch: Any, head: Any, digest_gen: Any = None) -> Meta:
    if epoch is None:
        raise RuntimeError("the server database has no epoch: run the migrations")
    return Meta(
        str(epoch),
        int(head) if head is not None else 0,
        int(digest_gen) if digest_gen is not None else None,
    )


def text_array(values: Iterable[str]) -> str:
    """A PostgreSQL text array literal of ``values`` (each quoted, ``\\`` and ``"`` escaped):
    one string parameter the server parses, instead of psycopg adapting a list item by
    item in Python."""
    return "{" + ",".join(
        '"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values) + "}"


def rows_in(
    tx: Transaction, sql: str, values: Sequence[str], params: Sequence[Any] = (),
) -> list[tuple[Any, ...]]:
    """The rows of ``sql`` whose ``{IN}`` (after a column, the statement's last placeholder)
    takes ``values``, ``params`` filling the placeholders before it: on PostgreSQL one
    statement with one array parameter (``= ANY(?)``: a short text psycopg parses once and
    caches; an ``IN`` list of 400 marks is parsed again, in Python, for every statement);
    on SQLite ``IN`` lists of 400 marks."""
    if not values:
        return []
    if tx.dialect.is_pg:
        return tx.all(sql.replace("{IN}", "= ANY(?::text[])"), (*params, text_array(values)))
    rows: list[tuple[Any, ...]] = []
    for start in range(0, len(values), 400):
        chunk = values[start : start + 400]
        rows.extend(tx.all(sql.replace("{IN}", f"IN ({', '.join('?' * len(chunk))})"), (*params, *chunk)))
    return rows


class AdminError(ValueError):
    """An admin command cannot be carried out (the message says why)."""


class DeviceRevokedError(ApiError):
    """403 ``device_revoked`` to a token of a revoked device (logged by the caller, after
    the transaction that found it)."""

    def __init__(self, user_id: str, username: str, device_id: str) -> None:
        super().__init__(403, "device_revoked", {"device_id": device_id})
        self.user_id, self.username, self.device_id = user_id, username, device_id


@dataclass(frozen=True)
class Principal:
    """The user behind a request's access token."""

    user_id: str
    username: str
    role: str
    unit_ids: frozenset[str]
    device_id: str
    session_id: str


class StoreBase:
    """The database and clocks every part of :class:`~anhorigdesk.server.store.ServerStore`
    works with."""

    def __init__(
        self,
        db: Database,
        *,
        clock: Clock = utc_now,
        passwords: Passwords | None = None,
        policy: SecurityPolicy | None = None,
        server_time: Clock | None = None,
    ) -> None:
        self.db = db
        self.clock = clock
        # the time a pushed mutation's clock is bounded by (A.2); the session clock unless given
        self.server_time = server_time or clock
        self.passwords = passwords or Passwords()
        self.policy = policy or SecurityPolicy()
        # user id -> (epoch, digest clock, count, checksum): the combined digest a no-op
        # pull answers while nothing it is computed from changed (store/sync.py)
        self.digest_cache: dict[str, tuple[str, int, int, str]] = {}
        # user id -> the server_seq values a far-behind pull read ahead (store/sync.py)
        self.kept_pages: dict[str, Any] = {}

    def now(self) -> str:
        return iso(self.clock())

    def clock_time(self) -> str:
        """The server's time that pushed clocks are bounded by (``hello``'s ``server_time``)."""
        return iso(self.server_time())
