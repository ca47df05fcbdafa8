"""Pydantic models of every request and response of the sync protocol (versions 1 to 3)."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

PROTOCOL_MIN = 1
PROTOCOL_MAX = 3
# Protocol 2: a pull's last page carries one combined integrity digest (IntegrityDigest)
# instead of one entry per scope; the per-scope figures are at /v1/integrity.
DIGEST_PROTOCOL = 2
# Protocol 3 (docs/PROTOCOL-3.md): the server validates every mutation and bounds its clock;
# a clock too far ahead is answered with 409 clock_ahead (older protocols: 422); a mutation
# may carry ``ctx`` (causal merge state).
RESTAMP_PROTOCOL = 3
# Protocol 3, part D: a pull may carry purges; an older client whose pull would reach one
# gets 426 update_required instead.
PURGE_PROTOCOL = 3
PROTOCOL_HEADER = "X-AnhorigDesk-Protocol"

MAX_BODY_BYTES = 8 * 1024 * 1024
MAX_PUSH_BATCH = 500
MAX_LOG_BATCH = 1000  # access-log rows in one push (protocol 3, part E)
LOG_PROTOCOL = 3  # the first protocol whose push carries access_log
MUNICIPALITY_PROTOCOL = 3  # the first protocol that fetches the municipality bundle (part G)
MAX_PULL_LIMIT = 1000
DEFAULT_PULL_LIMIT = 500
MAX_FIELDS = 200
MAX_CTX_CLOCKS = 1000  # clocks in one field's ctx: one per writing device (and the legacy horizon)
MAX_FIELDS_JSON_BYTES = 256 * 1024
MAX_JSON_DEPTH = 32

Identifier = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z0-9._:-]+$")
]
Hlc = Annotated[str, StringConstraints(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9._:-]+$")]


def _device_id(value: str) -> str:
    # a clock whose node starts with "legacy" is a ctx list's legacy horizon (replication/merge.py
    # LEGACY_NODE_PREFIX): a device named so would have its clocks read as horizons
    if value.startswith("legacy"):
        raise ValueError("a device id must not start with 'legacy' (kept for clock horizons)")
    return value


DeviceId = Annotated[Identifier, AfterValidator(_device_id)]
CtxKey = Annotated[str, StringConstraints(min_length=1, max_length=64)]  # a field name or "_deleted"
FieldName = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
]
EntityName = Annotated[
    str, StringConstraints(min_length=1, max_length=64, pattern=r"^[a-z][a-z0-9_]*$")
]
# Printable text: no control characters (PostgreSQL text cannot hold NUL, logs stay clean).
_PRINTABLE = r"^[^\x00-\x1f\x7f]+$"
ShortText = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=_PRINTABLE)]
Username = Annotated[str, StringConstraints(min_length=1, max_length=64, pattern=_PRINTABLE)]
ScopeKey = Annotated[str, StringConstraints(min_length=1, max_length=200, pattern=_PRINTABLE)]


def _depth(value: Any, limit: int, level: int = 0) -> int:
    """How deep ``value`` nests (a scalar inside one container: ``level + 1``); once past
    ``limit`` some depth past it (the walk stops there). Scalars are not descended into:
    this runs on every pushed mutation."""
    if level > limit:
        return level
    if isinstance(value, dict):
        children: Any = value.values()
    elif isinstance(value, list):
        children = value
    else:
        return level
    deepest = level + 1
    for child in children:
        if isinstance(child, (dict, list)):
            found = _depth(child, limit, level + 1)
            if found > deepest:
                deepest = found
                if deepest > limit:
                    break
    return deepest


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Actor(Strict):
    staff_id: Identifier
    unit_id: Identifier | None = None


class Mutation(Strict):
    """One outbox row as the client pushes it (docs/ARCHITECTURE.md, "Mutations")."""

    mutation_id: Identifier
    client_id: Identifier
    seq: int = Field(ge=1, le=2**62)
    entity: EntityName
    entity_id: Identifier
    op: Literal["upsert", "delete"]
    fields: dict[FieldName, Any] = Field(default_factory=dict, max_length=MAX_FIELDS)
    base: dict[str, Hlc] = Field(default_factory=dict, max_length=MAX_FIELDS + 1)
    # Protocol 3 (docs/PROTOCOL-3.md, part B): per field the versions its writer had merged,
    # at most one clock per node. Absent (never serialised as null): a legacy mutation.
    ctx: dict[CtxKey, Annotated[list[Hlc], Field(max_length=MAX_CTX_CLOCKS)]] | None = Field(
        default=None, max_length=MAX_FIELDS + 1, exclude_if=lambda value: value is None
    )
    hlc: Hlc
    carer_id: Identifier | None = None
    unit_ids: list[Identifier] = Field(default_factory=list, max_length=32)
    actor: Actor

    @field_validator("fields")
    @classmethod
    def _fields_bounded(cls, value: dict[str, Any]) -> dict[str, Any]:
        if _depth(value, MAX_JSON_DEPTH) > MAX_JSON_DEPTH:
            raise ValueError(f"fields nest deeper than {MAX_JSON_DEPTH} levels")
        size = len(json.dumps(value, ensure_ascii=False).encode("utf-8"))
        if size > MAX_FIELDS_JSON_BYTES:
            raise ValueError(f"fields take {size} bytes, at most {MAX_FIELDS_JSON_BYTES}")
        return value

    @field_validator("base")
    @classmethod
    def _base_names(cls, value: dict[str, str]) -> dict[str, str]:
        for name in value:
            if len(name) > 64:
                raise ValueError("a base key has more than 64 characters")
        return value


class Change(Mutation):
    """A stored mutation as pull returns it."""

    server_seq: int
    # a stub (docs/PROTOCOL-3.md part C): why its content is no longer served
    set_aside: Literal["compacted", "retired", "purged"] | None = None


class HelloResponse(BaseModel):
    service: str = "anhorigdesk-server"
    protocol_min: int
    protocol_max: int
    epoch: str
    server_time: str
    # docs/PROTOCOL-3.md part G: the newest published municipality bundle (null: none yet)
    municipality_version: int | None = None


class MunicipalityBundleResponse(BaseModel):
    """``GET /v1/municipality/{version}`` (protocol 3, part G): one published bundle."""

    version: int
    published_at: str
    sha256: str
    manifest: dict[str, str]
    files: dict[str, str]  # base64 per file


class LoginRequest(Strict):
    username: Username
    password: Annotated[str, StringConstraints(min_length=1, max_length=1024)]
    device_id: DeviceId
    device_name: ShortText


class RefreshRequest(Strict):
    refresh_token: Annotated[str, StringConstraints(min_length=1, max_length=256)]


class UnitInfo(BaseModel):
    id: str
    name: str


class UserInfo(BaseModel):
    id: str
    username: str
    role: str
    unit_ids: list[str]
    # the units' names as the server keeps them (laptops name their unit after these)
    units: list[UnitInfo] = Field(default_factory=list)


class TokenResponse(BaseModel):
    token_type: str = "bearer"
    access_token: str
    access_expires_at: str
    refresh_token: str
    refresh_expires_at: str
    device_id: str
    user: UserInfo


class LogoutResponse(BaseModel):
    logged_out: bool


Sha256Hex = Annotated[str, StringConstraints(pattern=r"^[0-9a-f]{64}$")]


class LogRow(Strict):
    """Protocol 3 (docs/PROTOCOL-3.md part E): one row of a laptop's access log, chained
    (``prev``: the previous row's ``hash`` of the device, empty for its first row)."""

    log_id: Identifier
    client_id: Identifier
    log_seq: int = Field(ge=1, le=2**62)
    at: ShortText
    action: ShortText
    carer_id: Identifier | None = None
    unit_id: ShortText | None = None
    staff_id: ShortText | None = None
    detail: ShortText | None = None
    prev: Annotated[str, StringConstraints(pattern=r"^([0-9a-f]{64})?$")]
    hash: Sha256Hex


class PushRequest(Strict):
    epoch: Annotated[str, StringConstraints(max_length=64)] | None = None
    # either may be empty (protocol 3), not both
    mutations: list[Mutation] = Field(default_factory=list, max_length=MAX_PUSH_BATCH)
    access_log: list[LogRow] = Field(default_factory=list, max_length=MAX_LOG_BATCH)

    @model_validator(mode="after")
    def _something_to_push(self) -> PushRequest:
        if not self.mutations and not self.access_log:
            raise ValueError("a push carries mutations, access_log rows or both")
        return self


class PushResponse(BaseModel):
    acked: list[str]
    acked_through_seq: int
    applied: int
    epoch: str
    # part D: mutations of records a purge removed, acknowledged and stored as stubs (their
    # content never merged); the laptop counts them as dropped
    purged: list[str] = Field(default_factory=list)
    log_acked_through: int | None = None  # protocol 3, when the push carried access_log


class ScopeIntegrity(BaseModel):
    count: int
    checksum: str


class Integrity(BaseModel):
    """Per-scope figures of every scope the user may see, up to ``through``.

    The last page of a pull in protocol 1; the answer of ``/v1/integrity``."""

    through: int
    scopes: dict[str, ScopeIntegrity]


class IntegrityDigest(BaseModel):
    """Protocol 2, last page of a pull: the combined digest of every visible scope up to
    ``through`` (``count`` = sum of the scopes' counts, ``checksum`` = XOR of their
    checksums). When it differs from the replica's, ask ``/v1/integrity`` per scope."""

    model_config = ConfigDict(extra="forbid")

    through: int
    count: int
    checksum: str


class PurgeChange(Strict):
    """A purge as pull returns it (docs/PROTOCOL-3.md part D): forget these records."""

    kind: Literal["purge"]
    purge_id: str
    server_seq: int
    scope: str
    entities: list[Annotated[list[str], Field(min_length=2, max_length=2)]] | None
    reason: Literal["gallring", "consent_withdrawn", "sharing_ended"]
    audience: dict[str, list[str]] | None
    # an audience purge (server/store/audience.py): the shared scope the audience forgets,
    # and, for a user who sees that scope now, ``retained`` (count it, remove nothing)
    forget: str | None = None
    retained: bool | None = None


class PullResponse(BaseModel):
    changes: list[Change | PurgeChange]
    next_cursor: int
    has_more: bool
    epoch: str
    integrity: IntegrityDigest | Integrity | None = Field(
        description="Only on the last page (has_more false): protocol 2 a combined digest, "
        "protocol 1 the per-scope figures."
    )


class IntegrityResponse(Integrity):
    """``/v1/integrity``: per-scope figures up to ``through``, in the server's ``epoch``."""

    epoch: str


class EntityView(BaseModel):
    entity: str
    id: str
    hlc: str
    fields: dict[str, Any]
    field_hlc: dict[str, str]
    deleted: bool
    deleted_hlc: str | None
    conflicts: dict[str, list[dict[str, Any]]]
    flags: list[str]


class StateResponse(BaseModel):
    scope: str
    entities: list[EntityView]
    epoch: str


class ExtractAccessRow(BaseModel):
    """One access to a carer's data as the server knows it: its own log (``source``
    ``server``) or a laptop's pushed row (``laptop``); unit and role, never a name."""

    at: str
    source: Literal["server", "laptop", "this_laptop"]
    unit: str | None
    role: str | None
    action: str


class RegisterExtractResponse(BaseModel):
    """What the server holds about one carer, for the register extract (issue #13)."""

    carer_id: str
    produced_at: str
    entities: list[EntityView]
    access: list[ExtractAccessRow]


class AccessLogEntry(BaseModel):
    id: int
    at: str
    user_id: str | None
    username: str | None
    device_id: str | None
    action: str
    carer_id: str | None
    scope_key: str | None
    unit_id: str | None
    outcome: str
    detail: str | None
    client_addr: str | None


class AccessLogPage(BaseModel):
    entries: list[AccessLogEntry]
    next_after: int
    has_more: bool


class ReviewMark(BaseModel):
    reviewer_id: str
    note: str
    at: str
    month: str | None


class ReviewRow(BaseModel):
    """One laptop log row as a unit manager reviews it (issue #14, loggkontroll)."""

    id: int
    log_id: str
    client_id: str
    log_seq: int
    at: str
    received_at: str
    action: str
    person: str | None
    unit_id: str | None
    staff_id: str | None
    detail: str | None
    flag: str | None
    outside: int | None
    highlights: list[str]
    marks: list[ReviewMark]
    own: bool


class ReviewPage(BaseModel):
    unit_id: str
    entries: list[ReviewRow]
    has_more: bool


class ReviewSample(BaseModel):
    unit_id: str
    month: str
    entries: list[ReviewRow]
    reviewed: int
    size: int


class MarkRequest(Strict):
    row_id: int = Field(ge=1, le=2**62)
    note: Annotated[str, StringConstraints(max_length=2000)] = ""
    month: Annotated[str, StringConstraints(pattern=r"^\d{4}-\d{2}$")] | None = None


class MarkResponse(BaseModel):
    row_id: int
    reviewer_id: str
    note: str
    at: str
    month: str | None
class StatisticsPeriod(BaseModel):
    kind: str
    start: str
    end: str


class StatisticsResponse(BaseModel):
    """Follow-up statistics of whole units: ``counts`` are ``[category, key, count]``;
    no personal data."""

    scope: str
    unit_ids: list[str]
    period: StatisticsPeriod
    counts: list[tuple[str, str, int]]


class ErrorDetail(BaseModel):
    code: str
    message: str
    params: dict[str, Any]


class ErrorResponse(BaseModel):
    error: ErrorDetail
