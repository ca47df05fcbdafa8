"""A small client of the AnhörigDesk sync protocol (version 3), on httpx.

The sync engine calls it; the transport is injectable (tests hand in an in-process
ASGI transport). Failures surface as typed errors with a clear message; the
message comes from the server's catalog in the language asked for.

    client = SyncClient("https://sync.example", verify="/etc/ssl/kommun-ca.pem",
                        token_store=MemoryTokenStore())
    client.login("user", "password", device_id=client_id, device_name="Laptop 3")
    result = client.push(outbox_rows)          # {"acked": [...], "acked_through_seq": n, ...}
    page = client.pull(cursor, limit=500)      # {"changes": [...], "next_cursor": n, ...}
    detail = client.integrity(cursor)          # per-scope figures, after a digest mismatch
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    import ssl

    import httpx

# httpx (with its optional command line, ~0.1-0.2 s and ~8 MB) is imported when a client
# is made: the desktop app starts, and opens a profile that is not signed in, without it
# (and without ssl, ~12 ms, which only a client's CA bundle needs here).

# Version 2: the last page of a pull carries one combined integrity digest; the per-scope
# figures come from /v1/integrity when the replica's digest differs (docs/SERVER.md).
# Version 3 (docs/PROTOCOL-3.md): the server validates every mutation and bounds its clock;
# a clock too far ahead is answered with 409 clock_ahead (ClockAhead), and the laptop
# re-stamps its pending mutations on the server's time.
PROTOCOL_VERSION = 3
PROTOCOL_HEADER = "X-AnhorigDesk-Protocol"
DEVICE_HEADER = "X-AnhorigDesk-Device"  # sent with a refresh: a retry of it is recognised


class SyncError(Exception):
    """Base of all protocol errors: ``status``, ``code``, ``params`` and a message."""

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str = "",
        params: dict[str, Any] | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.params = params or {}


class AuthError(SyncError):
    """Not logged in, wrong password, or the session expired or was ended."""


class RateLimited(AuthError):
    """Too many failed logins; ``retry_after`` seconds to wait."""

    @property
    def retry_after(self) -> int:
        return int(self.params.get("retry_after", 0))


class ProtocolVersionError(SyncError):
    """The server does not speak this client's protocol version (update the program)."""


class EpochChanged(SyncError):
    """The server was restored: re-send what it lacks and pull from cursor 0.

    ``reason`` is ``epoch_changed`` or ``cursor_ahead``; ``epoch`` the server's epoch.
    """

    @property
    def reason(self) -> str:
        return str(self.params.get("reason", self.code))

    @property
    def epoch(self) -> str | None:
        return self.params.get("epoch")


class SeqGap(SyncError):
    """The server expects the client's mutations from ``expected_seq`` on."""

    @property
    def expected_seq(self) -> int:
        return int(self.params["expected_seq"])


class ClockAhead(SyncError):
    """Protocol 3: a pushed mutation's clock is more than five minutes ahead of the server's
    time (``server_time``); re-stamp the pending mutations and push again."""

    @property
    def server_time(self) -> str:
        return str(self.params.get("server_time", ""))


class Forbidden(SyncError):
    """The user may not see or change these data (logged on the server)."""


class DeviceRevoked(SyncError):
    """The server this laptop signed in to says that this laptop is revoked (lost or
    stolen): raised only for a 403 ``device_revoked`` answered to a request that carried
    this laptop's own token and that names this laptop's device id, never for a network
    error or a server that did not issue the token. ``device_id`` is this laptop's."""

    @property
    def device_id(self) -> str:
        return str(self.params.get("device_id", ""))


class ServerUnavailable(SyncError):
    """No connection, a time-out, or a server error: try again later."""


class RequestRejected(SyncError):
    """The server refused the request as malformed, too large or inconsistent."""


@dataclass
class Tokens:
    access_token: str
    refresh_token: str
    access_expires_at: str
    refresh_expires_at: str
    device_id: str
    user: dict[str, Any] = field(default_factory=dict)

    @classmethod
    def from_response(cls, body: dict[str, Any]) -> Tokens:
        return cls(
            access_token=body["access_token"],
            refresh_token=body["refresh_token"],
            access_expires_at=body["access_expires_at"],
            refresh_expires_at=body["refresh_expires_at"],
            device_id=body["device_id"],
            user=dict(body.get("user") or {}),
        )


class TokenStore(Protocol):
    """Where the client keeps its tokens (the app stores them in the OS keychain)."""

    def load(self) -> Tokens | None: ...

    def save(self, tokens: Tokens) -> None: ...

    def clear(self) -> None: ...


class MemoryTokenStore:
    def __init__(self) -> None:
        self._tokens: Tokens | None = None

    def load(self) -> Tokens | None:
        return self._tokens

    def save(self, tokens: Tokens) -> None:
        self._tokens = tokens

    def clear(self) -> None:
        self._tokens = None


def _verify(verify: bool | str | Path | ssl.SSLContext) -> bool | ssl.SSLContext:
    if isinstance(verify, (str, Path)):
        path = Path(verify)
        if not path.is_file():
            raise ValueError(f"CA bundle not found: {path}")
        import ssl

        return ssl.create_default_context(cafile=str(path))
    return verify


class SyncClient:
    def __init__(
        self,
        base_url: str,
        *,
        transport: httpx.BaseTransport | None = None,
        verify: bool | str | Path | ssl.SSLContext = True,
        token_store: TokenStore | None = None,
        timeout: float = 30.0,
        language: str = "sv",
        protocol_version: int = PROTOCOL_VERSION,
    ) -> None:
        self.token_store: TokenStore = token_store or MemoryTokenStore()
        self.protocol_version = protocol_version
        import httpx

        self._http = httpx.Client(
            base_url=base_url,
            transport=transport,
            verify=_verify(verify),
            timeout=timeout,
            headers={
                PROTOCOL_HEADER: str(protocol_version),
                "Accept-Language": language,
                "User-Agent": f"anhorigdesk-sync/{protocol_version}",
            },
        )

    # -- lifecycle -----------------------------------------------------------
    def close(self) -> None:
        self._http.close()

    def __enter__(self) -> SyncClient:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- requests ------------------------------------------------------------
    def _send(
        self,
        method: str,
        path: str,
        *,
        json: Any = None,
        params: dict[str, Any] | None = None,
        auth: bool = False,
        sent: Tokens | None = None,
    ) -> dict[str, Any]:
        """``sent``: the tokens a refresh sends in its body (``auth`` sends the access token)."""
        headers = {}
        if auth:
            sent = self.token_store.load()
            if sent is None:
                raise AuthError("Inte inloggad / not logged in", code="auth_required")
            headers["Authorization"] = f"Bearer {sent.access_token}"
        elif sent is not None:
            headers[DEVICE_HEADER] = sent.device_id
        import httpx  # loaded by __init__; a dictionary look-up here

        try:
            try:
                response = self._http.request(
                    method, path, json=json, params=params, headers=headers
                )
            except httpx.RemoteProtocolError:
                # a kept-alive connection the server had just closed: every request of
                # this protocol is safe to repeat (push is exactly-once), so try once more
                response = self._http.request(
                    method, path, json=json, params=params, headers=headers
                )
        except httpx.TimeoutException as exc:
            raise ServerUnavailable(
                f"the server did not answer in time ({type(exc).__name__})"
            ) from exc
        except httpx.TransportError as exc:
            raise ServerUnavailable(
                f"cannot reach the server ({type(exc).__name__}: {exc})"
            ) from exc
        if response.status_code < 400:
            try:
                return dict(response.json())
            except ValueError as exc:
                raise ServerUnavailable(
                    "the server answered with something that is not JSON"
                ) from exc
        error = _error(response, self.protocol_version)
        if (
            response.status_code == 403
            and error.code == "device_revoked"
            and sent is not None
            and sent.device_id
            and error.params.get("device_id") == sent.device_id
        ):
            raise DeviceRevoked(
                error.message, status=error.status, code=error.code, params=error.params
            )
        raise error

    def _authed(
        self, method: str, path: str, *, json: Any = None, params: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        try:
            return self._send(method, path, json=json, params=params, auth=True)
        except AuthError as exc:
            if exc.code != "token_invalid" or self.token_store.load() is None:
                raise
        self.refresh()
        return self._send(method, path, json=json, params=params, auth=True)

    # -- protocol ------------------------------------------------------------
    def hello(self) -> dict[str, Any]:
        """Server protocol range, epoch and time; ProtocolVersionError if ours is unsupported."""
        body = self._send("GET", "/v1/hello")
        if not body["protocol_min"] <= self.protocol_version <= body["protocol_max"]:
            raise ProtocolVersionError(
                f"the server speaks protocol {body['protocol_min']}–{body['protocol_max']}, "
                f"this program {self.protocol_version}",
                code=_version_code(body.get("protocol_max"), self.protocol_version),
                params={"min": body["protocol_min"], "max": body["protocol_max"]},
            )
        return body

    def login(self, username: str, password: str, *, device_id: str, device_name: str) -> Tokens:
        body = self._send(
            "POST",
            "/v1/auth/login",
            json={
                "username": username,
                "password": password,
                "device_id": device_id,
                "device_name": device_name,
            },
        )
        tokens = Tokens.from_response(body)
        self.token_store.save(tokens)
        return tokens

    def refresh(self) -> Tokens:
        current = self.token_store.load()
        if current is None:
            raise AuthError("Inte inloggad / not logged in", code="auth_required")
        try:
            body = self._send(
                "POST",
                "/v1/auth/refresh",
                json={"refresh_token": current.refresh_token},
                sent=current,
            )
        except AuthError:
            self.token_store.clear()
            raise
        tokens = Tokens.from_response(body)
        self.token_store.save(tokens)
        return tokens

    def logout(self) -> None:
        try:
            self._send("POST", "/v1/auth/logout", auth=True)
        finally:
            self.token_store.clear()

    def push(
        self,
        mutations: list[dict[str, Any]],
        *,
        epoch: str | None = None,
        access_log: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """Send outbox rows in seq order; returns ``acked`` ids and ``acked_through_seq``.
        Protocol 3: ``access_log`` rows go beside them (``log_acked_through`` answers)."""
        body: dict[str, Any] = {"mutations": mutations}
        if epoch is not None:
            body["epoch"] = epoch
        if access_log:
            body["access_log"] = access_log
        return self._authed("POST", "/v1/push", json=body)

    def pull(self, cursor: int, limit: int = 500, *, epoch: str | None = None) -> dict[str, Any]:
        """One page of changes after ``cursor``: ``changes``, ``next_cursor``, ``has_more``..."""
        params: dict[str, Any] = {"cursor": cursor, "limit": limit}
        if epoch is not None:
            params["epoch"] = epoch
        return self._authed("GET", "/v1/pull", params=params)

    def integrity(self, through: int, *, epoch: str | None = None) -> dict[str, Any]:
        """Per-scope ``count`` and ``checksum`` of every visible scope up to ``through``."""
        params: dict[str, Any] = {"through": through}
        if epoch is not None:
            params["epoch"] = epoch
        return self._authed("GET", "/v1/integrity", params=params)

    def access_log(self, after: int = 0, limit: int = 500) -> dict[str, Any]:
        """Unit managers: access-log rows about their units (``entries``, ``next_after``)."""
        return self._authed("GET", "/v1/access-log", params={"after": after, "limit": limit})

    # -- log review (issue #14, loggkontroll; server/store/log_review.py) --------------
    def review_rows(self, unit_id: str, **filters: Any) -> dict[str, Any]:
        """Unit managers: the unit's laptop log rows (``person``, ``staff``, ``since``,
        ``until``, ``action``, ``limit``, ``offset`` filters), newest first."""
        params = {"unit": unit_id, **{k: v for k, v in filters.items() if v is not None}}
        return self._authed("GET", "/v1/log-review/rows", params=params)

    def review_sample(self, unit_id: str, month: str) -> dict[str, Any]:
        """Unit managers: the unit's monthly sample (``YYYY-MM``) with its marks."""
        return self._authed("GET", "/v1/log-review/sample", params={"unit": unit_id, "month": month})

    def review_mark(self, row_id: int, note: str, month: str | None = None) -> dict[str, Any]:
        """Mark a log row reviewed with a note."""
        return self._authed(
            "POST", "/v1/log-review/marks", json={"row_id": row_id, "note": note, "month": month}
        )

    def statistics(self, unit_ids: list[str], period: str, value: str) -> dict[str, Any]:
        """Unit managers (of every unit asked for) and administrators: the follow-up
        statistics of whole units (counts only) for a month, term or year."""
        return self._authed("GET", "/v1/statistics",
                            params={"unit": list(unit_ids), "period": period, "value": value})

    def municipality(self, version: int) -> dict[str, Any]:
        """Protocol 3, part G: one published municipality bundle (``version``, ``sha256``,
        ``manifest``, ``files`` base64), as ``hello``'s ``municipality_version`` names it."""
        return self._authed("GET", f"/v1/municipality/{int(version)}")

    def register_extract(self, carer_id: str) -> dict[str, Any]:
        """Staff of one of the carer's units: what the server holds about the carer (its
        records and the access rows about it), for the register extract."""
        return self._authed("GET", "/v1/register-extract", params={"carer": carer_id})

    def state(self, scope: str) -> dict[str, Any]:
        """Merged state of the entities of one scope (a carer id), for repair."""
        return self._authed("GET", "/v1/state", params={"scope": scope})


def _version_code(server_max: Any, ours: int) -> str:
    """``protocol_server_old`` when the server is older than this program (the server
    needs updating, not the laptop), else ``protocol_unsupported`` (update the program)."""
    try:
        return "protocol_server_old" if int(server_max) < ours else "protocol_unsupported"
    except (TypeError, ValueError):
        return "protocol_unsupported"


def _error(response: httpx.Response, protocol_version: int = PROTOCOL_VERSION) -> SyncError:
    status = response.status_code
    try:
        error = response.json().get("error") or {}
    except (ValueError, AttributeError):
        error = {}
    code = str(error.get("code", ""))
    params = dict(error.get("params") or {})
    message = str(error.get("message") or f"HTTP {status}")
    kwargs = {"status": status, "code": code, "params": params}
    if status == 401:
        return AuthError(message, **kwargs)
    if status == 429:
        if "retry_after" not in params and response.headers.get("Retry-After", "").isdigit():
            kwargs["params"] = {**params, "retry_after": int(response.headers["Retry-After"])}
        return RateLimited(message, **kwargs)
    if status == 426:
        if code == "protocol_unsupported" and "max" in params:
            kwargs["code"] = _version_code(params["max"], protocol_version)
        return ProtocolVersionError(message, **kwargs)
    if status == 403:
        return Forbidden(message, **kwargs)
    if status == 409 and code in ("epoch_changed", "cursor_ahead"):
        return EpochChanged(message, **kwargs)
    if status == 409 and code == "seq_gap":
        return SeqGap(message, **kwargs)
    if status == 409 and code == "clock_ahead":
        return ClockAhead(message, **kwargs)
    if status >= 500:
        return ServerUnavailable(message, **kwargs)
    return RequestRejected(message, **kwargs)
