from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from anhorigdesk.store.ids import (
    HLC_MAX_COUNTER,
    MAX_CLOCK_AHEAD_MS,
    HLCValue,
    HybridLogicalClock,
    uuid7,
    uuid7_batch,
)


def test_uuid7_is_version_7_and_monotonic():
    ids = [uuid7() for _ in range(5000)]
    assert all(uuid.UUID(i).version == 7 for i in ids)
    assert ids == sorted(ids) and len(set(ids)) == len(ids)


def test_hlc_never_goes_backwards_when_wall_clock_does():
    walls = iter([1000, 1000, 900, 1200, 1100])
    clock = HybridLogicalClock("a", wall_ms=lambda: next(walls))
    stamps = [clock.now() for _ in range(5)]
    assert stamps == sorted(stamps) and len(set(stamps)) == 5


@given(st.lists(st.integers(0, 10**13), min_size=1, max_size=30), st.integers(0, 10**13))
def test_hlc_moves_past_observed_remote(walls, remote_wall):
    """... unless the remote value is more than MAX_CLOCK_AHEAD_MS ahead of the wall time
    (issue #19: a far-future value is not adopted)."""
    it = iter(walls + [0] * 40)
    clock = HybridLogicalClock("b", wall_ms=lambda: next(it))
    remote = str(HLCValue(remote_wall, 3, "z"))
    adopted = clock.observe(remote)
    assert adopted == (remote_wall <= walls[0] + MAX_CLOCK_AHEAD_MS)
    after = HLCValue.parse(clock.now())
    if adopted:
        assert (after.wall_ms, after.counter) > (remote_wall, 3)


def test_uuid7_batch_continues_the_same_monotonic_sequence():
    ids = [uuid7(), *uuid7_batch(9000), uuid7(), *uuid7_batch(3), *uuid7_batch(0)]
    assert len(ids) == 9005 and ids == sorted(ids) and len(set(ids)) == len(ids)
    assert all(uuid.UUID(i).version == 7 and uuid.UUID(i).variant == uuid.RFC_4122 for i in ids)
    assert all(i == str(uuid.UUID(i)) for i in ids)


def test_hlc_batch_is_increasing_and_moves_on_past_the_counter_width():
    clock = HybridLogicalClock("n", wall_ms=lambda: 5000)
    stamps = [clock.now(), *clock.now_batch(HLC_MAX_COUNTER + 10), clock.now(), *clock.now_batch(2)]
    assert stamps == sorted(stamps) and len(set(stamps)) == len(stamps)
    values = [HLCValue.parse(s) for s in stamps]
    assert values == sorted(values) and values[-1].wall_ms == 5001
    assert max(v.counter for v in values) == HLC_MAX_COUNTER and clock.now_batch(0) == []


def test_hlc_now_moves_on_when_the_counter_is_full():
    clock = HybridLogicalClock("n", wall_ms=lambda: 7)
    clock.observe(str(HLCValue(7, HLC_MAX_COUNTER, "z")))
    nxt = HLCValue.parse(clock.now())
    assert (nxt.wall_ms, nxt.counter) == (8, 0)
