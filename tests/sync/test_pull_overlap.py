"""The pull writes a page while it fetches the next (sync/engine.py ``_pull``): the stored
cursor never passes a page that is not written, a page whose write fails stops the pull
before any later page is written, and a page whose fetch fails still counts the page that
was being written (test_engine_faults.py ``test_pull_cut_midway...``)."""

from __future__ import annotations

import threading

import pytest

from anhorigdesk.sync.engine import RetryPolicy

from .conftest import World


def test_a_page_that_cannot_be_written_stops_the_pull_before_the_next(world: World) -> None:
    a = world.laptop("a", push_batch=50)
    b = world.laptop("b", retry=RetryPolicy(attempts=1, sleep=lambda s: None), pull_limit=4)
    carer_ids = [world.new_carer(a, name=f"Sida {i} Provsson") for i in range(10)]
    assert a.sync().ok
    original = b.engine.replica.apply_page
    written: list[int] = []
    fetched_while_writing = threading.Event()

    def second_page_fails(conn, changes, next_cursor):  # type: ignore[no-untyped-def]
        if len(written) == 1:
            raise RuntimeError("the disk is full")
        result = original(conn, changes, next_cursor)
        written.append(next_cursor)
        return result

    real_pull = b.engine.client.pull

    def pull(cursor, limit, **kw):  # type: ignore[no-untyped-def]
        page = real_pull(cursor, limit, **kw)
        if cursor == 8:
            fetched_while_writing.set()  # the third page, fetched while the second was written
        return page

    b.engine.replica.apply_page = second_page_fails  # type: ignore[method-assign]
    b.engine.client.pull = pull  # type: ignore[method-assign]
    with pytest.raises(RuntimeError, match="disk is full"):
        b.engine.sync_once()
    assert fetched_while_writing.is_set()
    assert written == [4]
    assert b.engine.status().cursor == 4  # the first page only
    assert len(b.repo.list_carers(b.actor)) == 4
    b.engine.replica.apply_page = original  # type: ignore[method-assign]
    b.engine.client.pull = real_pull  # type: ignore[method-assign]
    report = b.sync()
    assert report.ok and report.applied == 6
    assert {r["id"] for r in b.repo.list_carers(b.actor)} == set(carer_ids)
