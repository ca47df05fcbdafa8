from __future__ import annotations

import uuid

from hypothesis import given
from hypothesis import strategies as st

from anhorigdesk.store.ids import HLCValue, HybridLogicalClock, uuid7


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
    it = iter(walls + [0] * 40)
    clock = HybridLogicalClock("b", wall_ms=lambda: next(it))
    remote = str(HLCValue(remote_wall, 3, "z"))
    clock.observe(remote)
    after = HLCValue.parse(clock.now())
    assert (after.wall_ms, after.counter) > (remote_wall, 3)
