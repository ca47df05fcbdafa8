"""Benchmark of forms and scheduling in the app's core paths (not part of the test run).

``uv run python tests/benchmarks/bench_formsched.py`` (or through ``run.py`` once the area is
listed there). Figures, all measured in the same run on an encrypted store:

* finishing a check-in through ``submit_response`` (final validation, version remembered,
  entry and the follow-up tasks of its two raised flags in one transaction), against a bare
  ``add_entry`` of the same answers: the price of doing it right, as a ratio;
* the home screen's ``load_agenda`` over N carers, cold (the first call scans every entry for
  flags) and warm, against the scheduling package's ``build_schedules`` + ``due_list`` alone;
* the carer page's ``load_carer_agenda`` for one carer among N;
* what the app does instead on the home screen: a ``ScheduleBook`` built once, then
  ``agenda_from_book`` per refresh and ``book.refresh([carer])`` after a write.
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

from anhorigdesk.forms import FormRegistry
from anhorigdesk.scheduling import due_list
from anhorigdesk.scheduling.book import ScheduleBook
from anhorigdesk.scheduling.from_forms import rules_from_registry
from anhorigdesk.scheduling.storage import build_schedules
from anhorigdesk.store import Actor, Change, Database, Repository
from anhorigdesk.store.ids import uuid7
from anhorigdesk.workspace.agenda import agenda_from_book, load_agenda, load_carer_agenda
from anhorigdesk.workspace.responses import submit_response

CARERS = 2000
CHECKINS_PER_CARER = 3
SUBMITS = 150


def _answers(rng: random.Random, day: datetime) -> dict:
    choice = rng.choices(["yes", "unsure", "no"], [85, 10, 5])[0]
    answers = {"check_in_date": day.date().isoformat(), "still_own_choice": choice,
               "burden_now": rng.randint(1, 5), "wants_to_reduce": rng.choice(["no", "no", "yes"])}
    if choice != "yes":
        answers["not_own_choice_why"] = "Ingen annan kan."
    if answers["wants_to_reduce"] == "yes":
        answers["reduce_which"] = "Nattillsynen."
    return answers


def _median_ms(samples: list[float]) -> float:
    return round(statistics.median(samples) * 1000, 3)


def run() -> dict:
    rng = random.Random(7)
    registry = FormRegistry.load()
    form = registry.current("frivillighet")
    rules = rules_from_registry(registry)
    actor = Actor(staff_id=uuid7(), unit_id=uuid7(), name="Bänk Exempelsson")
    with tempfile.TemporaryDirectory() as tmp:
        db = Database(Path(tmp) / "bench.db", os.urandom(32), create=True)
        repo = Repository(db)
        repo.write(actor, [Change("unit", {"name": "Enhet"}, actor.unit_id),
                           Change("staff", {"name": actor.name, "unit_id": actor.unit_id}, actor.staff_id)])
        now = datetime.now(UTC)

        # 1. submit_response against a bare add_entry, interleaved
        target = repo.create_carer(actor, name="Mål Påhittberg", unit_ids=[actor.unit_id],
                                   support_contact_id=actor.staff_id)
        flagged = {"check_in_date": now.date().isoformat(), "still_own_choice": "no",
                   "not_own_choice_why": "Ingen annan kan.", "burden_now": 5, "wants_to_reduce": "no"}
        submit_times, bare_times = [], []
        for _ in range(SUBMITS):
            t = time.perf_counter()
            submit_response(repo, registry, actor, target, form, flagged, now=now, rules=rules)
            submit_times.append(time.perf_counter() - t)
            t = time.perf_counter()
            repo.add_entry(actor, target, "frivillighet", flagged, occurred_at=now, form_id=form.id,
                           form_version=form.version, form_fingerprint=form.fingerprint)
            bare_times.append(time.perf_counter() - t)

        # 2. N carers with check-ins (bulk import), then the due lists
        changes = []
        for i in range(CARERS):
            carer_id = uuid7()
            changes.append(Change("carer", {"name": f"Carer {i} Exempelsson", "unit_ids": [actor.unit_id],
                                            "support_contact_id": actor.staff_id if i % 2 else None},
                                  carer_id))
            for k in range(CHECKINS_PER_CARER):
                day = now - timedelta(days=400 - 120 * k + rng.randint(0, 30))
                changes.append(Change("entry", {
                    "carer_id": carer_id, "kind": "frivillighet", "data": _answers(rng, day),
                    "occurred_at": day, "form_id": form.id, "form_version": form.version,
                    "form_fingerprint": form.fingerprint, "author_id": actor.staff_id,
                    "confidentiality": "carer_only"}))
        repo.import_records(actor, changes)
        some_carer = changes[0].entity_id

        t = time.perf_counter()
        agenda = load_agenda(repo, registry, actor, now, rules=rules)
        cold = time.perf_counter() - t
        warm, core = [], []
        for _ in range(5):
            t = time.perf_counter()
            load_agenda(repo, registry, actor, now, rules=rules)
            warm.append(time.perf_counter() - t)
            t = time.perf_counter()
            due_list(build_schedules(repo, actor, registry, rules), now)
            core.append(time.perf_counter() - t)
        book = ScheduleBook(repo, actor, registry, rules)
        t = time.perf_counter()
        book.load_all()
        book_load = time.perf_counter() - t
        book_due, book_refresh = [], []
        for _ in range(5):
            t = time.perf_counter()
            agenda_from_book(repo, actor, book, now)
            book_due.append(time.perf_counter() - t)
            submit_response(repo, registry, actor, some_carer, form, flagged, now=now, rules=rules)
            t = time.perf_counter()
            book.refresh([some_carer])
            book_refresh.append(time.perf_counter() - t)
        carer_times = []
        for _ in range(10):
            t = time.perf_counter()
            load_carer_agenda(repo, registry, actor, some_carer, rules)
            carer_times.append(time.perf_counter() - t)
        db.close()

    figures = {
        "submit_response_ms": _median_ms(submit_times),
        "bare_add_entry_ms": _median_ms(bare_times),
        "submit_over_bare_ratio": round(statistics.median(submit_times) / statistics.median(bare_times), 2),
        "carers": CARERS,
        "entries": CARERS * CHECKINS_PER_CARER,
        "load_agenda_cold_ms": round(cold * 1000, 1),
        "load_agenda_warm_ms": _median_ms(warm),
        "schedules_and_due_list_ms": _median_ms(core),
        "agenda_over_core_ratio": round(statistics.median(warm) / statistics.median(core), 2),
        "load_carer_agenda_ms": _median_ms(carer_times),
        "book_load_all_ms": round(book_load * 1000, 1),
        "agenda_from_book_ms": _median_ms(book_due),
        "book_refresh_one_carer_ms": _median_ms(book_refresh),
        "warm_agenda_over_book_agenda_ratio": round(statistics.median(warm) / statistics.median(book_due), 1),
        "due_items_mine": len(agenda.mine),
        "due_items_unit": len(agenda.unit),
    }
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run(), sort_keys=True))
    sys.exit(0)
