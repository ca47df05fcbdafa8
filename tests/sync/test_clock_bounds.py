"""The hybrid logical clock stays in its range and trusts no far-future value (issue #19,
finding 3): its text form sorts like its values for every value it can produce."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from anhorigdesk.store.ids import (
    HLC_MAX_COUNTER,
    HLC_MAX_WALL,
    MAX_CLOCK_AHEAD_MS,
    ClockRangeError,
    HLCValue,
    HybridLogicalClock,
)

NOW = 1_796_000_000_000


def _clock(wall: int = NOW, node: str = "n1") -> tuple[HybridLogicalClock, list[int]]:
    walls = [wall]
    return HybridLogicalClock(node, wall_ms=lambda: walls[0]), walls


def test_a_far_future_value_is_not_adopted() -> None:
    clock, _ = _clock()
    assert clock.observe("9999999999999999-99999-evil") is False
    assert clock.observe(f"{NOW + MAX_CLOCK_AHEAD_MS + 1:016d}-00000-x") is False
    assert HLCValue.parse(clock.now()).wall_ms == NOW
    assert clock.observe(f"{NOW + MAX_CLOCK_AHEAD_MS:016d}-00007-x") is True
    assert clock.now() == f"{NOW + MAX_CLOCK_AHEAD_MS:016d}-00008-n1"


@pytest.mark.parametrize(
    "text", ["1-2-3", "99999999999999999-00000-x", "0001796000000000-0-x", "0001796000000000-00000-",
             "-0001796000000000-00000-x", "0001796000000000-00000", "", "+001796000000000-00000-x"],
)
def test_text_that_is_not_a_clock_value_is_refused(text: str) -> None:
    clock, _ = _clock()
    with pytest.raises(ValueError, match="not a hybrid logical clock value"):
        clock.observe(text)
    assert HLCValue.parse(clock.now()).wall_ms == NOW


def test_the_clock_never_leaves_its_range() -> None:
    clock, walls = _clock(HLC_MAX_WALL)
    clock._last = HLCValue(HLC_MAX_WALL, HLC_MAX_COUNTER - 1, "n1")
    assert clock.now() == f"{HLC_MAX_WALL}-{HLC_MAX_COUNTER}-n1"
    with pytest.raises(ClockRangeError):
        clock.now()
    with pytest.raises(ClockRangeError):
        clock.now_batch(2)
    walls[0] = HLC_MAX_WALL + 5
    fresh, _ = _clock(HLC_MAX_WALL + 5)
    with pytest.raises(ClockRangeError):
        fresh.now()


def test_a_rebase_goes_by_the_servers_time_and_stays_above_a_floor() -> None:
    clock, _ = _clock(NOW + 3_600_000)  # the machine is an hour ahead
    first = clock.now()
    clock.rebase(-3_600_000)
    again = clock.now()
    assert HLCValue.parse(again).wall_ms == NOW and again < first
    clock.rebase(-3_600_000, floor=f"{NOW + 1000:016d}-00004-other")
    assert clock.now() == f"{NOW + 1000:016d}-00005-n1"
    clock.rebase(-3_600_000, floor="9999999999999999-00000-other")  # beyond the bound: ignored
    assert HLCValue.parse(clock.now()).wall_ms == NOW


@settings(max_examples=200, deadline=None)
@given(
    steps=st.lists(
        st.one_of(
            st.tuples(st.just("tick"), st.integers(-10_000, 10_000)),
            st.tuples(st.just("now"), st.integers(1, 3)),
            st.tuples(st.just("observe"), st.integers(0, HLC_MAX_WALL), st.integers(0, HLC_MAX_COUNTER)),
        ),
        max_size=60,
    ),
    start=st.integers(0, HLC_MAX_WALL - 10 * MAX_CLOCK_AHEAD_MS),
)
def test_every_value_it_gives_sorts_as_text_like_its_numbers(steps: list[tuple], start: int) -> None:
    clock, walls = _clock(start)
    given: list[str] = []
    for step in steps:
        if step[0] == "tick":
            walls[0] = max(0, walls[0] + step[1])
        elif step[0] == "now":
            given.extend(clock.now_batch(step[1]) if step[1] > 1 else [clock.now()])
        else:
            clock.observe(f"{step[1]:016d}-{step[2]:05d}-remote")
            assert clock._last.wall_ms <= max(walls[0] + MAX_CLOCK_AHEAD_MS, clock._last.wall_ms)
    parsed = [HLCValue.parse(v) for v in given]
    assert all(len(v.split("-")[0]) == 16 and len(v.split("-")[1]) == 5 for v in given)
    assert given == sorted(given) and len(set(given)) == len(given)
    assert [(p.wall_ms, p.counter) for p in parsed] == sorted((p.wall_ms, p.counter) for p in parsed)
    assert all(p.wall_ms <= max(walls[0], start) + MAX_CLOCK_AHEAD_MS + len(given) for p in parsed)
