"""Care-worker gaps benchmark: the carer list's due filter and the database rekey, on a
profile of 10,000 fictional carers (``anhorigdesk.demo``).

What the carer list's worker does for a due filter (never on the GUI thread): one pass over
the schedule book (``book.due`` + ``due_by_carer``) and one list query with the due carers'
ids (a JSON array) in due order. Compared in the same run with the plain first page of the
list (the figure the list has always had). The due column of a plain list costs the same
book pass. Then the whole database is rekeyed (``ProfileManager.rekey``).

Figures (median of REPEATS, milliseconds unless named _s): plain page, due map, due-filter
page (soon / overdue), the due filter's total, search + due filter, the ratio of the due
filter's total to the plain page, rekey seconds and the database size.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

CARERS = int(os.environ.get("ANHORIGDESK_BENCH_CARERS", "10000"))
ENTRIES_PER_CARER = 10
REPEATS = 7
PASSPHRASE = "benchmark passphrase"


def _median_ms(fn: Callable[[], object]) -> tuple[float, float, float]:
    times = []
    for _ in range(REPEATS):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times), min(times), max(times)


def _search_due(repo, actor, book, now, due_by_carer) -> list:
    """What the model's search worker does under a due filter."""
    due = due_by_carer(book.due(now, horizon_days=14))
    return [r for r in repo.search(actor, "Anna", limit=50) if r["id"] in due]


def run() -> dict:
    from anhorigdesk import demo
    from anhorigdesk.forms import FormRegistry
    from anhorigdesk.profiles import ProfileManager
    from anhorigdesk.scheduling.book import ScheduleBook
    from anhorigdesk.scheduling.from_forms import rules_from_registry
    from anhorigdesk.workspace.agenda import due_by_carer

    figures: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-uif-") as tmp:
        manager = ProfileManager(Path(tmp))
        opened = manager.create("Bänk Testsson", "Enhet Exempelby", passphrase=PASSPHRASE)
        repo, actor = opened.repo, opened.actor
        start = time.perf_counter()
        demo.fill(repo, actor, CARERS, entries_per_carer=ENTRIES_PER_CARER)
        figures["build_profile_s"] = round(time.perf_counter() - start, 1)
        registry = FormRegistry.load()
        book = ScheduleBook(repo, actor, registry, rules_from_registry(registry))
        start = time.perf_counter()
        book.load_all()
        figures["book_load_s"] = round(time.perf_counter() - start, 2)
        now = datetime.now(UTC)

        due = due_by_carer(book.due(now, horizon_days=14))
        soon = list(due)
        overdue = [c for c, d in due.items() if d.overdue]
        figures["carers_due"] = len(soon)
        figures["carers_overdue"] = len(overdue)

        rows: dict[str, tuple[float, float, float]] = {
            "plain_page_ms": _median_ms(lambda: repo.list_carers(actor, limit=200)),
            "due_map_ms": _median_ms(lambda: due_by_carer(book.due(now, horizon_days=14))),
            "due_page_ms": _median_ms(lambda: repo.list_carers(actor, limit=200, carer_ids=soon)),
            "overdue_page_ms": _median_ms(lambda: repo.list_carers(actor, limit=200, carer_ids=overdue)),
            "due_filter_total_ms": _median_ms(lambda: repo.list_carers(
                actor, limit=200, carer_ids=list(due_by_carer(book.due(now, horizon_days=14))))),
            "search_due_ms": _median_ms(lambda: _search_due(repo, actor, book, now, due_by_carer)),
        }
        for name, (median, low, high) in rows.items():
            figures[name] = round(median, 2)
            figures[name.replace("_ms", "_spread_ms")] = round(high - low, 2)
        figures["due_filter_over_plain_page"] = round(figures["due_filter_total_ms"] / figures["plain_page_ms"], 1)

        figures["database_mb"] = round(sum(p.stat().st_size for p in opened.profile.folder.glob("store.db*"))
                                       / 1e6, 1)
        start = time.perf_counter()
        reopened = manager.rekey(opened, PASSPHRASE)
        figures["rekey_s"] = round(time.perf_counter() - start, 2)
        assert reopened.repo.count_carers() == CARERS
        reopened.close()

    print(f"{'figure':32} value")
    for name, value in figures.items():
        print(f"{name:32} {value}")
    return figures


if __name__ == "__main__":
    run()
