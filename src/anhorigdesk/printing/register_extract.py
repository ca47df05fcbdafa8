"""The register extract (registerutdrag) as a PDF for the carer: everything the JSON holds,
in the carer's language where texts exist (else Swedish), large print optional.

Texts come from ``resources/printing/<language>.yaml`` (``extract.*``), the content from the
released document of :mod:`anhorigdesk.lifecycle.extract`. Every entry's text is printed in
full, answer by answer; what was withheld says so in its place and in its own section with
the reason. The PDF's metadata never holds the carer's name.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from reportlab.platypus import Flowable, Spacer

from .blocks import bullets, data_table, key_values, label_column_width, labelled, para
from .layout import MARGIN_X, PAGE_WIDTH, PageSetup, build_pdf, write_pdf
from .municipality import Municipality
from .texts import Catalog, TextCatalogError, load_catalog

FRAME_WIDTH = PAGE_WIDTH - 2 * MARGIN_X
GDPR_KEYS = ("purposes", "recipients", "retention", "source", "rights", "complaint")


def extract_language(municipality: Municipality, preferred: str | None) -> str:
    """The language to print the extract in: the carer's where texts exist, else Swedish
    (every shipped language has the extract's texts: test_texts_and_style checks it)."""
    return municipality.language_for(preferred)


def gdpr_texts(language: str) -> dict[str, str]:
    """What art. 15(1) requires besides the data, in ``language`` (purposes, recipients,
    retention, source, rights, the right to complain to IMY)."""
    cat = load_catalog(language)
    return {key: cat.text(f"extract.gdpr.{key}") for key in GDPR_KEYS}


def _text(value: Any) -> str:
    if value is None or value == "" or value == {} or value == []:
        return "–"
    if isinstance(value, bool):
        return "✓" if value else "–"
    if isinstance(value, str):
        return value
    if isinstance(value, (int, float)):
        return f"{value:g}" if isinstance(value, float) else str(value)
    if isinstance(value, list) and all(isinstance(v, (str, int, float)) for v in value):
        return ", ".join(str(v) for v in value)
    return json.dumps(value, ensure_ascii=False)


def _date(cat: Catalog, value: str | None) -> str:
    if not value:
        return "–"
    try:
        parsed = dt.datetime.fromisoformat(value)
    except ValueError:
        return value
    return cat.date(parsed.date())


def _field(cat: Catalog, name: str) -> str:
    try:
        return cat.text(f"extract.fields.{name}")
    except TextCatalogError:
        return name


def _code(cat: Catalog, code: str | None) -> str:
    """A stored code (status, close reason, schedule decision, role) in words."""
    if not code:
        return "–"
    try:
        return cat.text(f"extract.codes.{code}")
    except TextCatalogError:
        return code


def _kind(cat: Catalog, kind: str) -> str:
    try:
        return cat.text(f"extract.kinds.{kind}")
    except TextCatalogError:
        return kind


def _content_rows(content: Any, labels: Any = None) -> list[tuple[str, str]]:
    """An entry's answers as label/value rows, every text in full (nested groups flattened).
    ``labels`` (``lifecycle.extract.AnswerLabels``): question texts and option labels of the
    entry's form version; without them the answer ids are shown."""
    rows: list[tuple[str, str]] = []
    questions = labels.questions if labels is not None else {}
    options = labels.options if labels is not None else {}

    def word(key: str, value: Any) -> str:
        if isinstance(value, str):
            return options.get((key, value), value)
        if isinstance(value, list) and all(isinstance(v, str) for v in value):
            return ", ".join(options.get((key, v), v) for v in value) or "–"
        return _text(value)

    def walk(prefix: str, key: str, value: Any) -> None:
        if isinstance(value, Mapping):
            for inner_key, inner in value.items():
                label = questions.get(str(inner_key), str(inner_key).replace("_", " "))
                walk(f"{prefix} · {label}" if prefix else label, str(inner_key), inner)
        elif isinstance(value, list) and value and all(isinstance(v, Mapping) for v in value):
            for number, inner in enumerate(value, 1):
                walk(f"{prefix} {number}", key, inner)
        else:
            rows.append((prefix, word(key, value)))

    walk("", "", content)
    return rows


def extract_story(document: Mapping[str, Any], municipality: Municipality, language: str, *,
                  large_print: bool = False, labels: Mapping[str, Any] | None = None,
                  ) -> tuple[PageSetup, list[Flowable]]:
    lang = municipality.language_for(language)
    cat = load_catalog(lang)
    produced = dt.datetime.fromisoformat(document["produced_at"])
    setup = PageSetup(
        title=cat.text("extract.title"),
        catalog=cat,
        municipality_name=municipality.name.get(lang),
        author=municipality.name.get(lang),
        subject=cat.text("extract.subject"),
        printed_on=produced.date(),
        logo=municipality.logo,
        large_print=large_print,
        keywords=("register_extract", lang),
    )
    st = setup.styles
    withheld_value = cat.text("extract.withheld_value")
    story: list[Flowable] = [para(cat.text("extract.title"), st.title),
                             para(document["subject"].get("name") or "", st.subtitle),
                             para(cat.text("extract.intro", date=cat.date(produced.date())), st.body)]
    if document.get("scope") == "this_laptop":
        story.append(para(cat.text("extract.scope_laptop"), st.body))
    elif document.get("scope") == "laptop_and_server":
        story.append(para(cat.text("extract.scope_server"), st.body))
    by = document.get("produced_by") or {}
    story.append(para(cat.text("extract.produced_by", name=by.get("name") or "–", unit=by.get("unit") or "–"),
                      st.small))

    # the record
    story.append(para(cat.text("extract.details_heading"), st.h1))
    subject_rows = [(_field(cat, k), _date(cat, v) if k in ("created_at", "updated_at")
                     else _code(cat, v) if k == "status" else _text(v))
                    for k, v in document["subject"].items() if k != "id"]
    story.append(key_values(subject_rows, st, FRAME_WIDTH,
                            label_column_width([r[0] for r in subject_rows], st, FRAME_WIDTH)))
    if document["record_history"]:
        story.append(para(cat.text("extract.history_heading"), st.h2))
        story.extend(bullets([cat.text("extract.history_row", date=_date(cat, h["changed_at"]),
                                       field=_field(cat, h["field"]),
                                       old=_code(cat, h["old"]) if h["field"] == "status" else _text(h["old"]),
                                       new=_code(cat, h["new"]) if h["field"] == "status" else _text(h["new"]),
                                       by=h.get("changed_by") or "–")
                              for h in document["record_history"]], st))
    if document["case_events"]:
        story.append(para(cat.text("extract.case_heading"), st.h2))
        story.extend(bullets([
            cat.text("extract.case_close", date=_date(cat, c["at"]), reason=_code(cat, c.get("reason")),
                     by=c.get("by") or "–") if c["kind"] == "close"
            else cat.text("extract.case_reopen", date=_date(cat, c["at"]), by=c.get("by") or "–")
            for c in document["case_events"]], st))

    story.append(para(cat.text("extract.relations_heading"), st.h1))
    relations = []
    for r in document["relations"]:
        person = r.get("cared_for")
        if person:
            year = person.get("birth_year")
            text = (person.get("name") or "") + (f" ({year})" if year else "")
        else:
            text = withheld_value
        text += f" · {r['kind']}"
        if r.get("ended_at"):
            text += " · " + cat.text("extract.relation_ended", date=r["ended_at"])
        relations.append(text)
    story.extend(bullets(relations, st) if relations else [para(cat.text("extract.nothing"), st.body)])

    story.append(para(cat.text("extract.consents_heading"), st.h1))
    consents = [f"{c['scope']} · {c['given_how']} {c['given_at']}"
                + (" · " + cat.text("extract.consent_withdrawn", date=c["withdrawn_at"]) if c.get("withdrawn_at") else "")
                + (f" · {c['note']}" if c.get("note") else "") for c in document["consents"]]
    story.extend(bullets(consents, st) if consents else [para(cat.text("extract.nothing"), st.body)])

    # the entries, every version
    story.append(para(cat.text("extract.entries_heading"), st.h1))
    if not document["entries"]:
        story.append(para(cat.text("extract.nothing"), st.body))
    for e in document["entries"]:
        story.append(para(cat.text("extract.entry_meta", date=_date(cat, e["occurred_at"]),
                                   kind=_kind(cat, e["kind"]), author=e.get("author") or "–"), st.h2))
        if e.get("corrected_by"):
            c = e["corrected_by"]
            story.append(para(cat.text("extract.entry_corrected", date=_date(cat, c.get("at")), by=c.get("by") or "–"),
                              st.body))
        if e.get("corrects"):
            story.append(para(cat.text("extract.entry_correction"), st.body))
        if e.get("content") is None:
            story.append(para(withheld_value, st.body))
        else:
            # one paragraph per answer, label in bold (a table per entry took more pages;
            # bench_extract measured no clear difference in time on a shared machine)
            story.extend(labelled(label, value, st.body) for label, value in _content_rows(e["content"], (labels or {}).get(e["id"])))
        story.append(Spacer(1, st.body_size * 0.4))

    server = document.get("server")
    if server is not None:  # online: what only the server holds
        story.append(para(cat.text("extract.server_heading"), st.h1))
        story.append(para(cat.text("extract.server_intro"), st.body))
        only_there = [r for r in server["records"] if not r["on_this_laptop"]]
        if not only_there:
            story.append(para(cat.text("extract.nothing"), st.body))
        for record in only_there:
            fields = record["fields"]
            when = fields.get("occurred_at") or fields.get("created_at")
            story.append(para(" · ".join(x for x in (_date(cat, when) if when else "",
                                                     _kind(cat, str(fields.get("kind") or record["entity"])))
                                      if x), st.h2))
            # an entry as the laptop's entries read (its answers); another record by its fields,
            # less what the heading says and the ids that say nothing to the carer
            content = (fields.get("data") or {}) if record["entity"] == "entry" else {
                k: v for k, v in fields.items()
                if k not in ("carer_id", "unit_ids", "kind", "occurred_at", "created_at")}
            story.extend(labelled(label, value, st.body) for label, value in _content_rows(content, None))
        story.append(Spacer(1, st.body_size * 0.4))

    story.append(para(cat.text("extract.plans_heading"), st.h1))
    story.append(para(cat.text("extract.plans_count", plans=len(document["plans"]),
                               checkins=len(document["checkins"])), st.body))
    decisions = [cat.text("extract.decision_row", date=_date(cat, d["at"]), kind=_code(cat, d["kind"]))
                 + (f" · {d['reason']}" if d.get("reason") else "") for d in document["schedule_decisions"]]
    decisions += [cat.text("extract.follow_up_row", date=_date(cat, f["raised_at"]), flag=f["flag_id"])
                  + (f" · {f['resolution_text']}" if f.get("resolution_text") else "")
                  for f in document["follow_ups"]]
    story.extend(bullets(decisions, st))

    story.append(para(cat.text("extract.printouts_heading"), st.h1))
    printouts = [f"{_date(cat, p['at'])} · {p['what']}" for p in document["printouts"]]
    story.extend(bullets(printouts, st) if printouts else [para(cat.text("extract.nothing"), st.body)])

    story.append(para(cat.text("extract.access_heading"), st.h1))
    story.append(para(cat.text("extract.access_intro_server" if server is not None else "extract.access_intro"),
                      st.body))
    access_rows = [[_minute(a["at"]), a.get("unit") or "–", _code(cat, a.get("role")), a["action"]]
                   for a in document["access"]]
    if access_rows:
        widths = [FRAME_WIDTH * 0.24, FRAME_WIDTH * 0.3, FRAME_WIDTH * 0.2, FRAME_WIDTH * 0.26]
        story.append(data_table([cat.text(f"extract.access_{k}") for k in ("when", "unit", "role", "what")],
                                access_rows, st, widths))

    if document["withheld"]:
        story.append(para(cat.text("extract.withheld_heading"), st.h1))
        story.append(para(cat.text("extract.withheld_intro"), st.body))
        story.extend(bullets([f"{cat.text('extract.withheld_' + w['part'])}: {w['reason']}"
                              for w in document["withheld"]], st))

    story.append(para(cat.text("extract.gdpr_heading"), st.h1))
    gdpr = document["gdpr"]
    for key in GDPR_KEYS:
        story.append(labelled(cat.text(f"extract.{key}_label"), gdpr.get(key) or "–", st.body))
    return setup, story


def _minute(value: str) -> str:
    try:
        return dt.datetime.fromisoformat(value).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return value


def render_register_extract(document: Mapping[str, Any], municipality: Municipality, language: str | None, *,
                            large_print: bool = False, labels: Mapping[str, Any] | None = None,
                            path: str | Path | None = None) -> bytes:
    """The released extract as PDF bytes (also written to ``path`` if given). ``labels``:
    per entry id, the words of its answers (``lifecycle.extract.AnswerLabels``)."""
    setup, story = extract_story(document, municipality, language or "sv", large_print=large_print,
                                 labels=labels)
    data = build_pdf(setup, story)
    if path is not None:
        write_pdf(data, path)
    return data
