"""Identifiers and clocks generated on the laptop: UUIDv7 ids and a hybrid logical clock.

UUIDv7 (RFC 9562) ids sort by creation time, so rows written on one laptop stay in
order and ids made offline on different laptops never collide.

The hybrid logical clock (HLC) orders changes across laptops whose wall clocks disagree:
it never goes backwards, it moves past every clock value it has seen from other
replicas, and its string form compares correctly as plain text.
"""

from __future__ import annotations

import os
import re
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
# The wall time is written with sixteen digits: a clock never goes past this (a value
# beyond it would no longer sort as text like the numbers it stands for).
HLC_MAX_WALL = 10**16 - 1
# How far ahead of its own (rebased) wall time a clock adopts another replica's value, and
# how far ahead of the server's time the server accepts a mutation's clock (docs/PROTOCOL-3.md,
# A.2). A value further ahead is not trusted: adopting it would make every later local edit
# carry it, and a far-future value would win every comparison for good.
MAX_CLOCK_AHEAD_MS = 5 * 60 * 1000

_HLC_TEXT = re.compile(r"(\d{16})-(\d{5})-(.+)", re.DOTALL)


class ClockRangeError(ValueError):
    """The clock would have to leave its range (16-digit wall time, 5-digit counter)."""


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
        """A clock value in its text form ``<16 digits>-<5 digits>-<node>``; anything else
        (another length, a sign, an empty node) is refused: it would not sort as text."""
        match = _HLC_TEXT.fullmatch(text) if isinstance(text, str) else None
        if match is None:
            shown = text[:40] if isinstance(text, str) else type(text).__name__
            raise ValueError(f"not a hybrid logical clock value: {shown!r}")
        return cls(int(match.group(1)), int(match.group(2)), match.group(3))


class HybridLogicalClock:
    """A thread-safe hybrid logical clock for one replica (node).

    Its wall time is the machine's plus ``offset_ms`` (0 unless the laptop was told by the
    server that its clock is too far ahead: :meth:`rebase`). It never leaves its range and
    never adopts a remote value more than ``MAX_CLOCK_AHEAD_MS`` ahead of its wall time.
    """

    def __init__(self, node: str, *, wall_ms=None) -> None:
        if not node or "-" in node:
            raise ValueError("an HLC node id must be non-empty and contain no '-'")
        self.node = node
        self._wall_ms = wall_ms or (lambda: time.time_ns() // 1_000_000)
        self._lock = threading.Lock()
        self._last = HLCValue(0, 0, node)
        self.offset_ms = 0

    def wall(self) -> int:
        """The wall time this clock goes by (the machine's, plus the offset)."""
        return self._wall_ms() + self.offset_ms

    @property
    def last(self) -> str:
        with self._lock:
            return str(self._last)

    def _next(self, wall: int) -> HLCValue:
        if wall > self._last.wall_ms:
            if wall > HLC_MAX_WALL:
                raise ClockRangeError(f"wall time {wall} ms is beyond the clock's range")
            return HLCValue(wall, 0, self.node)
        if self._last.counter >= HLC_MAX_COUNTER:
            if self._last.wall_ms >= HLC_MAX_WALL:
                raise ClockRangeError("the clock has reached the end of its range")
            return HLCValue(self._last.wall_ms + 1, 0, self.node)
        return HLCValue(self._last.wall_ms, self._last.counter + 1, self.node)

    def now(self) -> str:
        """A new timestamp, greater than every earlier one this clock gave or saw."""
        with self._lock:
            self._last = self._next(self.wall())
            return str(self._last)

    def now_batch(self, count: int) -> list[str]:
        """``count`` new timestamps in increasing order: what ``count`` calls of :meth:`now`
        in a tight loop could give, for one lock."""
        if count <= 0:
            return []
        out: list[str] = []
        with self._lock:
            first = self._next(self.wall())
            wall, counter = first.wall_ms, first.counter
            suffix = f"-{self.node}"
            left = count
            while left:
                if counter > HLC_MAX_COUNTER:
                    if wall >= HLC_MAX_WALL:
                        raise ClockRangeError("the clock has reached the end of its range")
                    wall += 1
                    counter = 0
                take = min(left, HLC_MAX_COUNTER + 1 - counter)
                prefix = f"{wall:016d}-"
                out.extend(f"{prefix}{c:05d}{suffix}" for c in range(counter, counter + take))
                counter += take
                left -= take
            self._last = HLCValue(wall, counter - 1, self.node)
        return out

    def observe(self, remote: str) -> bool:
        """Move past a timestamp received from another replica; returns whether it did.

        A value more than ``MAX_CLOCK_AHEAD_MS`` ahead of this clock's wall time is not
        adopted (the clock stays where it is). Raises ``ValueError`` for text that is not
        a clock value."""
        value = HLCValue.parse(remote)
        with self._lock:
            if value.wall_ms > self.wall() + MAX_CLOCK_AHEAD_MS:
                return False
            if (value.wall_ms, value.counter) > (self._last.wall_ms, self._last.counter):
                self._last = HLCValue(value.wall_ms, value.counter, self.node)
                return True
            return False

    def rebase(self, offset_ms: int, floor: str | None = None) -> None:
        """Go by the machine's wall time plus ``offset_ms`` from now on (the server said this
        laptop's clock is ahead). The clock restarts at the new wall time, or just past
        ``floor`` (a value it must stay above: e.g. its own acknowledged clocks) when that
        is later and within the bound."""
        with self._lock:
            self.offset_ms = int(offset_ms)
            wall = self.wall()
            start = HLCValue(wall, 0, self.node)
            if floor:
                low = HLCValue.parse(floor)
                if low.wall_ms <= wall + MAX_CLOCK_AHEAD_MS and (low.wall_ms, low.counter) > (wall, 0):
                    start = HLCValue(low.wall_ms, low.counter, self.node)
            self._last = start
