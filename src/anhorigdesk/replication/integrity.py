"""Scopes and checksums shared by the server and the replicas (pure functions).

A *scope* groups the mutations one authorisation decision covers: all mutations
about one carer (``carer_id``), or, for data without a carer, the set of units it
belongs to. Per scope, the server holds how many mutations it has up to a cursor and
the XOR of their digests (the scope's checksum); a replica computes the same from
what it has pulled and so detects divergence.

Protocol 2 sends one *combined digest* per pull: the sum of the counts and the XOR of
the checksums of every scope the user may see (``combine``). XOR and sum fold scopes
in any order, so both sides keep it incrementally; the per-scope figures are asked for
only when the combined digests differ.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable, Sequence

CHECKSUM_BYTES = 16
EMPTY_CHECKSUM = "0" * (2 * CHECKSUM_BYTES)


def scope_key(carer_id: str | None, unit_ids: Sequence[str]) -> str:
    """The scope a mutation belongs to: its carer, else its units."""
    if carer_id:
        return carer_id
    if not unit_ids:
        raise ValueError("a mutation without carer_id must name at least one unit in unit_ids")
    return "units:" + ",".join(sorted(set(unit_ids)))


def mutation_digest(mutation_id: str) -> int:
    return int.from_bytes(
        hashlib.sha256(mutation_id.encode("utf-8")).digest()[:CHECKSUM_BYTES], "big"
    )


def add_to_checksum(checksum: str, mutation_id: str) -> str:
    """Fold one mutation id into a checksum (XOR, so order does not matter)."""
    value = int(checksum, 16) ^ mutation_digest(mutation_id)
    return f"{value:0{2 * CHECKSUM_BYTES}x}"


def scope_checksum(mutation_ids: Iterable[str]) -> str:
    """Checksum of a set of distinct mutation ids (what the server reports per scope)."""
    value = 0
    for mutation_id in set(mutation_ids):
        value ^= mutation_digest(mutation_id)
    return f"{value:0{2 * CHECKSUM_BYTES}x}"


def combine(figures: Iterable[tuple[int, str]]) -> tuple[int, str]:
    """The combined digest of scopes given as ``(count, checksum)``: total count, XOR."""
    count, value = 0, 0
    for scope_count, checksum in figures:
        count += int(scope_count)
        value ^= int(checksum, 16)
    return count, f"{value:0{2 * CHECKSUM_BYTES}x}"
