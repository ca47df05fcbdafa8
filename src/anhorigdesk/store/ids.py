"""Identifiers and clocks generated on the laptop: UUIDv7 ids and a hybrid logical clock.

UUIDv7 (RFC 9562) ids sort by creation time, so rows written on one laptop stay in
order and ids made offline on different laptops never collide.

The hybrid logical clock (HLC) orders changes across laptops whose wall clocks disagree:
it never goes backwards, it moves past every clock value it has seen from other
replicas, and its string form compares correctly as plain text.
"""

from __future__ import annotations

import os
import threading
import time
import uuid
from dataclasses import dataclass

_uuid_lock = threading.Lock()
_last_uuid_ms = 0
_uuid_counter = 0


def uuid7() -> str:
    """A new UUIDv7 as a lowercase string, monotonic within this process."""
    global _last_uuid_ms, _uuid_counter
    with _uuid_lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_uuid_ms:
            # Same or earlier millisecond: keep the timestamp and count up in rand_a.
            ms = _last_uuid_ms
            _uuid_counter += 1
            if _uuid_counter > 0xFFF:
                ms += 1
                _uuid_counter = 0
        else:
            _uuid_counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        _last_uuid_ms = ms
        counter = _uuid_counter
    rand_b = int.from_bytes(os.urandom(8), "big") & ((1 << 62) - 1)
    value = (ms & ((1 << 48) - 1)) << 80
    value |= 0x7 << 76
    value |= counter << 64
    value |= 0b10 << 62
    value |= rand_b
    return str(uuid.UUID(int=value))


@dataclass(frozen=True, order=True)
class HLCValue:
    """One timestamp of the hybrid logical clock."""

    wall_ms: int
    counter: int
    node: str

    def __str__(self) -> str:
        return f"{self.wall_ms:016d}-{self.counter:05d}-{self.node}"

    @classmethod
    def parse(cls, text: str) -> HLCValue:
        try:
            wall, counter, node = text.split("-", 2)
            return cls(int(wall), int(counter), node)
        except ValueError as exc:
            raise ValueError(f"not a hybrid logical clock value: {text[:40]!r}") from exc


class HybridLogicalClock:
    """A thread-safe hybrid logical clock for one replica (node)."""

    def __init__(self, node: str, *, wall_ms=None) -> None:
        if not node or "-" in node:
            raise ValueError("an HLC node id must be non-empty and contain no '-'")
        self.node = node
        self._wall_ms = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._lock = threading.Lock()
        self._last = HLCValue(0, 0, node)

    def now(self) -> str:
        """A new timestamp, greater than every earlier one this clock gave or saw."""
        with self._lock:
            wall = self._wall_ms()
            if wall > self._last.wall_ms:
                self._last = HLCValue(wall, 0, self.node)
            else:
                self._last = HLCValue(self._last.wall_ms, self._last.counter + 1, self.node)
            return str(self._last)

    def observe(self, remote: str) -> None:
        """Move past a timestamp received from another replica."""
        value = HLCValue.parse(remote)
        with self._lock:
            if (value.wall_ms, value.counter) > (self._last.wall_ms, self._last.counter):
                self._last = HLCValue(value.wall_ms, value.counter, self.node)
