"""Synthetic, obviously fictional demo data for demos and benchmarks.

Names are common Swedish first names with invented surnames (Exempelsson, Påhittberg …),
phone numbers lie in the series set aside for fiction (070-174 06 05 – 070-174 06 99) and
no personnummer is made up. Proportions follow what carer support looks like: most
carers are partners or adult children, a few are children, each has several entries.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from typing import Any

from anhorigdesk.forms import FormRegistry
from anhorigdesk.profiles.profiles import DEMO_MARK
from anhorigdesk.store.ids import uuid7
from anhorigdesk.store.repository import Actor, Change, Repository

FIRST_NAMES = [
    "Anna", "Eva", "Maria", "Karin", "Kristina", "Lena", "Sara", "Emma", "Ingrid", "Birgitta",
    "Åsa", "Märta", "Lars", "Erik", "Anders", "Johan", "Per", "Karl", "Nils", "Mikael", "Göran",
    "Björn", "Örjan", "Ali", "Fatima", "Amina", "Jussi", "Aino", "Leila", "Omar", "Elsa", "Ebba",
]
SURNAMES = [
    "Exempelsson", "Påhittberg", "Fiktivlund", "Demoström", "Testqvist", "Låtsasdal", "Övningsberg",
    "Provsson", "Exempelgren", "Fantasiholm", "Skisslund", "Mönsterlind", "Utkastsson", "Prototypén",
]
TOWNS = ["123 45 Exempelby", "123 46 Exempelby", "234 56 Påhittsta", "345 67 Demovik", "456 78 Fiktiva bruk"]
STREETS = ["Påhittade gatan", "Exempelvägen", "Fiktiva stigen", "Demogränd", "Övningsallén"]
CARE_KINDS = ["personlig omvårdnad", "hushåll", "läkemedel", "tillsyn", "sällskap", "kontakter med vården",
              "ekonomi", "transporter"]
TOPICS = [
    "Vi pratade om hur nätterna fungerar och om behovet av avlösning några timmar i veckan.",
    "Hen berättade att det känns tyngre sedan i våras och att det är svårt att hinna med jobbet.",
    "Vi gick igenom vilka stöd kommunen kan erbjuda, bland annat samtalsstöd och anhöriggrupp.",
    "Växelvården har fungerat bra, men hen önskar kunna boka längre fram i tiden.",
    "Hen vill fortsätta hjälpa till men inte längre sköta läkemedlen själv.",
    "Vi talade om att hen också behöver tid för egen återhämtning och egna intressen.",
    "Hen upplever att personalen lyssnar och att informationen har blivit bättre.",
]
PARTICIPANTS = ["Anhörig och kontaktperson", "Anhörig, närstående och undersköterska",
                "Anhörig och anhörigkonsulent", "Anhörig (telefon)"]
RECENT_FLAG_DAYS = 45
#: check-ins are asked about every six months: most demo carers had their latest one within
#: that, a few are a little late (weeks, not years: a fresh demo should look like a caseload
#: that is looked after, issue 20)
CHECKIN_INTERVAL_DAYS = 182
LATEST_CHECKIN_DAYS = (7, 170)  # most carers: the latest check-in this many days ago
LATE_SHARE = 0.12  # this share is a little late …
LATE_CHECKIN_DAYS = (183, 215)  # … up to about a month
PERSPECTIVE = ["seen_and_heard", "kept_informed", "care_and_life", "knowledge_used", "own_support"]


def _samtal(rng: random.Random, when: datetime) -> dict[str, Any]:
    return {
        "conversation_date": when.date().isoformat(),
        "channel": rng.choice(["home_visit", "home_visit", "phone", "at_unit", "video"]),
        "participants": rng.choice(PARTICIPANTS),
        "note": rng.choice(TOPICS),
        "perspective_parts": sorted(rng.sample(PERSPECTIVE, rng.randint(1, 3))),
        "support_info_offered": rng.choice(["yes", "yes", "no"]),
    }


def _checkin(rng: random.Random, when: datetime, *, recent: bool) -> dict[str, Any]:
    """A check-in; only recent ones raise flags (older flags would long since have been
    followed up, and a demo full of follow-ups two years late teaches nothing)."""
    if recent:
        own_choice = rng.choices(["yes", "no", "unsure"], [85, 5, 10])[0]
        wants_to_reduce = rng.choices(["no", "yes", "unsure"], [80, 12, 8])[0]
        burden = rng.choices([1, 2, 3, 4, 5], [15, 30, 30, 17, 8])[0]
    else:
        # "Vet inte" on voluntariness raises a follow-up too (the one follow-up rule): an old
        # check-in says "yes". Drawn as before, so the rest of the data is the same per seed.
        rng.choice(["yes", "unsure"])
        own_choice, wants_to_reduce = "yes", "no"
        burden = rng.choices([1, 2, 3], [25, 40, 35])[0]
    answers: dict[str, Any] = {
        "check_in_date": when.date().isoformat(),
        "still_own_choice": own_choice,
        "burden_now": burden,
        "wants_to_reduce": wants_to_reduce,
        "respite_need": rng.choice(["none", "some", "more", "unsure"]),
    }
    if own_choice == "no":
        answers["not_own_choice_why"] = "Känner att det inte finns någon annan som kan."
    if wants_to_reduce == "yes":
        answers["reduce_which"] = "Vill inte längre sköta nattillsynen."
    return answers


def _birth_date(dates: random.Random, now: datetime, *, is_child: bool) -> date:
    """A date of birth fitting a carer (a child carer 10–17, others 25–88); no personnummer
    is made up from it."""
    age = dates.randint(10, 17) if is_child else dates.randint(25, 88)
    return (now - timedelta(days=age * 365 + dates.randint(0, 364))).date()


def fictional_phone(rng: random.Random) -> str:
    return f"070-174 06 {rng.randint(5, 99):02d}"


def demo_changes(n_carers: int, *, actor: Actor, entries_per_carer: int = 20, seed: int = 1,
                 now: datetime | None = None, registry: FormRegistry | None = None) -> list[Change]:
    """Changes that create ``n_carers`` fictional carers with their cared-for persons and entries."""
    rng = random.Random(seed)
    # Dates of birth and check-ins come from their own generator: the rest of the data
    # (names, entries) stays what it was for a given seed.
    dates = random.Random(seed * 7919 + 17)
    now = now or datetime.now(UTC)
    registry = registry or FormRegistry.load()
    forms = {fid: registry.current(fid) for fid in ("samtal", "frivillighet")}
    changes: list[Change] = []
    for _ in range(n_carers):
        carer_id, person_id = uuid7(), uuid7()
        first, last = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
        is_child = rng.random() < 0.04
        relation = "parent" if is_child else rng.choice(["partner"] * 5 + ["child"] * 4 + ["sibling", "friend",
                                                                                           "neighbour"])
        born = _birth_date(dates, now, is_child=is_child)
        latest = dates.randint(*(LATE_CHECKIN_DAYS if dates.random() < LATE_SHARE else LATEST_CHECKIN_DAYS))
        checkins = 0
        changes.append(Change("carer", {
            "name": f"{first} {last}",
            "birth_date": born,
            "phone": fictional_phone(rng),
            "address": f"{rng.choice(STREETS)} {rng.randint(1, 60)}, {dates.choice(TOWNS)}",
            "preferred_language": rng.choice(["sv"] * 8 + ["en", "sv-lattlast"]),
            "is_child": is_child,
            "hours_per_week": float(rng.choice([2, 5, 10, 20, 30, 40, 60])),
            "care_given": rng.sample(CARE_KINDS, rng.randint(1, 4)),
            "life_situation": {"work": rng.choice(["arbetar heltid", "arbetar deltid", "pensionär", "studerar"]),
                               "own_health": rng.choice(["god", "ganska god", "besvär"]),
                               "others_at_home": rng.choice(["nej", "barn", "partner"])},
            "unit_ids": [actor.unit_id] if actor.unit_id else [],
            "support_contact_id": actor.staff_id if rng.random() < 0.5 else None,
        }, carer_id))
        changes.append(Change("cared_for", {"name": f"{rng.choice(FIRST_NAMES)} {last}",
                                            "birth_year": rng.randint(1925, 1960)}, person_id))
        changes.append(Change("relation", {"carer_id": carer_id, "cared_for_id": person_id,
                                           "kind": relation}, uuid7()))
        for k in range(entries_per_carer):
            when = now - timedelta(days=rng.randint(0, 900), minutes=k)
            form = forms["frivillighet"] if rng.random() < 0.2 else forms["samtal"]
            if form.id == "frivillighet":
                # the latest check-in `latest` days ago, earlier ones about every six months
                ago = latest + checkins * CHECKIN_INTERVAL_DAYS + (dates.randint(-12, 12) if checkins else 0)
                when = now - timedelta(days=ago, minutes=k)
                checkins += 1
            data = (_checkin(rng, when, recent=(now - when).days <= RECENT_FLAG_DAYS)
                    if form.id == "frivillighet" else _samtal(rng, when))
            changes.append(Change("entry", {
                "carer_id": carer_id, "kind": form.entry_kind or form.id, "occurred_at": when, "data": data,
                "form_id": form.id, "form_version": form.version, "form_fingerprint": form.fingerprint,
                "author_id": actor.staff_id, "author_name": actor.name, "unit_id": actor.unit_id,
                "confidentiality": rng.choice(["carer_only", "carer_only", "shareable"]),
            }, uuid7()))
    return changes


def mark_demo_data(repo: Repository) -> None:
    """Note in the profile that it holds demo data: such a profile cannot sign in to a
    sync server, or its invented carers would appear on every colleague's laptop."""
    repo.db.writer.run(lambda conn: conn.execute(
        "INSERT INTO meta(key, value) VALUES (?, '1') ON CONFLICT(key) DO NOTHING", (DEMO_MARK,)))


def holds_demo_data(repo: Repository) -> bool:
    return repo.db.reader().execute("SELECT 1 FROM meta WHERE key = ?", (DEMO_MARK,)).fetchone() is not None


def fill(repo: Repository, actor: Actor, n_carers: int, *, entries_per_carer: int = 20, seed: int = 1,
         progress: Callable[[int, int], None] | None = None) -> int:
    """Write demo data into an open profile; returns the number of records written. The
    profile is marked as holding demo data first (see :func:`mark_demo_data`)."""
    mark_demo_data(repo)
    registry = FormRegistry.load()
    for fid in ("samtal", "frivillighet"):
        form = registry.current(fid)
        repo.remember_form_version(form.fingerprint, form.id, form.version, registry.remember(form))
    total = 0
    step = 200
    for start in range(0, n_carers, step):
        count = min(step, n_carers - start)
        changes = demo_changes(count, actor=actor, entries_per_carer=entries_per_carer, seed=seed + start,
                               registry=registry)
        total += repo.import_records(actor, changes, batch=5000)
        if progress:
            progress(start + count, n_carers)
    return total
