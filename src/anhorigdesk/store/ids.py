"""Identifiers and clocks generated on the laptop: UUIDv7 ids and a hybrid logical clock.

UUIDv7 (RFC 9562) ids sort by creation time, so rows written on one laptop stay in
order and ids made offline on different laptops never collide.

The hybrid logical clock (HLC) orders changes across laptops whose wall clocks disagree:
it never goes backwards, it moves past every clock value it has seen from other
replicas, and its string form compares correctly as plain text.
"""

from __future__ import annotations

import os
import struct
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


def uuid7_batch(count: int) -> list[str]:
    """``count`` new UUIDv7s in one go: the same ids, in the same order, as ``count`` calls
    of :func:`uuid7` (they share its monotonic state), for one lock and one random read."""
    global _last_uuid_ms, _uuid_counter
    if count <= 0:
        return []
    stamps: list[int] = []
    with _uuid_lock:
        ms = time.time_ns() // 1_000_000
        if ms <= _last_uuid_ms:
            ms = _last_uuid_ms
            counter = _uuid_counter + 1
        else:
            counter = int.from_bytes(os.urandom(2), "big") & 0x3FF
        left = count
        while left:
            if counter > 0xFFF:
                ms += 1
                counter = 0
            take = min(left, 0x1000 - counter)
            high = ((ms & ((1 << 48) - 1)) << 80) | (0x7 << 76) | (0b10 << 62)
            stamps.extend(high | (c << 64) for c in range(counter, counter + take))
            counter += take
            left -= take
        _last_uuid_ms = ms
        _uuid_counter = counter - 1
    low = (1 << 62) - 1
    out = []
    for stamp, rand_b in zip(stamps, struct.unpack(f"<{count}Q", os.urandom(8 * count)), strict=True):
        h = f"{stamp | (rand_b & low):032x}"
        out.append(f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}")
    return out


# The counter is written with five digits: past this it moves on to the next millisecond,
# so that the text form keeps sorting like the values.
HLC_MAX_COUNTER = 99_999


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
            elif self._last.counter >= HLC_MAX_COUNTER:
                self._last = HLCValue(self._last.wall_ms + 1, 0, self.node)
            else:
                self._last = HLCValue(self._last.wall_ms, self._last.counter + 1, self.node)
            return str(self._last)

    def now_batch(self, count: int) -> list[str]:
        """``count`` new timestamps in increasing order: what ``count`` calls of :meth:`now`
        in a tight loop could give, for one lock."""
        if count <= 0:
            return []
        out: list[str] = []
        with self._lock:
            wall = self._wall_ms()
            if wall > self._last.wall_ms:
                counter = 0
            else:
                wall, counter = self._last.wall_ms, self._last.counter + 1
            suffix = f"-{self.node}"
            left = count
            while left:
                if counter > HLC_MAX_COUNTER:
                    wall += 1
                    counter = 0
                take = min(left, HLC_MAX_COUNTER + 1 - counter)
                prefix = f"{wall:016d}-"
                out.extend(f"{prefix}{c:05d}{suffix}" for c in range(counter, counter + take))
                counter += take
                left -= take
            self._last = HLCValue(wall, counter - 1, self.node)
        return out

    def observe(self, remote: str) -> None:
        """Move past a timestamp received from another replica."""
        value = HLCValue.parse(remote)
        with self._lock:
            if (value.wall_ms, value.counter) > (self._last.wall_ms, self._last.counter):
                self._last = HLCValue(value.wall_ms, value.counter, self.node)
