"""Benchmark of printing in a warm process.

- a 2-page information handout (target <= 150 ms),
- a stödplan with 50 agreed actions (target <= 300 ms),
- each against a bare reportlab document of the same content, made in the same run
  (SimpleDocTemplate, the same texts and fonts, a plain page number; target ratio <= 1.5x),
- the Arabic 2-page handout against the Swedish one, built alternately in the same run
  (right to left, shaped, two more fonts embedded; target ratio <= 2x, #15 §3).

Run: `uv run python tests/benchmarks/bench_print.py` or through `tests/benchmarks/run.py print`.
`run()` returns the figures and prints a table.
"""

from __future__ import annotations

import datetime as dt
import io
import statistics
import time
from collections.abc import Callable
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import cm
from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

from anhorigdesk.forms import FormDefinition, builtin_forms_dir, load_form_file
from anhorigdesk.printing import (
    ContactPerson,
    Municipality,
    PrintableEntry,
    example_municipality_path,
    load_catalog,
    load_municipality,
    render_information_handout,
    render_support_plan,
    script,
)
from anhorigdesk.printing.answer_text import answer_text
from anhorigdesk.printing.record import count_pages
from anhorigdesk.printing.style import FONT, FONT_BOLD, register_fonts

ROUNDS = 30
HANDOUT_LIMIT_MS = 150.0
PLAN_LIMIT_MS = 300.0
RATIO_LIMIT = 1.5
ARABIC_RATIO_LIMIT = 2.0


def _paired_ms(ours: Callable[[], bytes], bare: Callable[[], bytes],
              rounds: int = ROUNDS) -> tuple[float, float, bytes, bytes]:
    """Median times (ms) of two builds run alternately, so machine load hits both alike."""
    ours(), bare()  # warm
    t_ours: list[float] = []
    t_bare: list[float] = []
    out_ours = out_bare = b""
    for _ in range(rounds):
        start = time.perf_counter()
        out_ours = ours()
        t_ours.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        out_bare = bare()
        t_bare.append((time.perf_counter() - start) * 1000)
    return statistics.median(t_ours), statistics.median(t_bare), out_ours, out_bare


def _plan_entry(form: FormDefinition, actions: int) -> PrintableEntry:
    rows = [{"what": f"Insats {n}: avlösning i hemmet tisdagar, med samma personal",
             "who": "Anhörigkonsulenten och du tillsammans",
             "by_when": (dt.date(2026, 12, 1) + dt.timedelta(days=n)).isoformat()}
            for n in range(1, actions + 1)]
    answers = {"interview_date": "2026-11-20", "relationship": "partner",
               "tasks": ["household", "medicines"], "hours_per_week": 25, "own_health": 3,
               "how_it_feels": "Det är tungt på kvällarna, men jag vill fortsätta.",
               "support_wishes": ["respite"], "own_choice": "yes", "heaviness": 3,
               "actions": rows, "next_review": "2027-03-15"}
    return PrintableEntry("bench", "Testa Exempelsson", "sv", "normal", "Fiktiv Handläggare",
                          "Anhörigstödet", dt.date(2026, 11, 20), form, answers)


# --- bare reportlab documents with the same content --------------------------------------

def _bare_styles() -> dict[str, ParagraphStyle]:
    register_fonts()
    return {
        "title": ParagraphStyle("t", fontName=FONT_BOLD, fontSize=22, leading=29),
        "h1": ParagraphStyle("h1", fontName=FONT_BOLD, fontSize=15, leading=20, spaceBefore=10),
        "h2": ParagraphStyle("h2", fontName=FONT_BOLD, fontSize=12, leading=16, spaceBefore=7),
        "body": ParagraphStyle("b", fontName=FONT, fontSize=11, leading=15, spaceAfter=4),
    }


def _bare_build(flowables: list[Any], municipality: Municipality) -> bytes:
    """SimpleDocTemplate with the same logo, municipality name and a plain page number."""
    buffer = io.BytesIO()
    logo = str(municipality.logo) if municipality.logo else None
    name = municipality.name.get("sv")

    def page(canvas: Any, doc: Any) -> None:
        if logo:
            canvas.drawImage(logo, 2 * cm, A4[1] - 2.7 * cm, width=1.5 * cm, height=1.5 * cm,
                             mask="auto")
        canvas.setFont(FONT_BOLD, 13)
        canvas.drawString(4 * cm, A4[1] - 2.1 * cm, name)
        canvas.setFont(FONT, 8.5)
        canvas.drawRightString(A4[0] - 2 * cm, 1 * cm, str(doc.page))

    doc = SimpleDocTemplate(buffer, pagesize=A4, leftMargin=2 * cm, rightMargin=2 * cm,
                            topMargin=3.6 * cm, bottomMargin=2.6 * cm,
                            initialFontName=FONT)
    doc.build(flowables, onFirstPage=page, onLaterPages=page)
    return buffer.getvalue()


def _bare_handout(m: Municipality, lang: str) -> bytes:
    s = _bare_styles()
    cat = load_catalog(lang)
    p = [Paragraph(escape(cat.text("handout.title")), s["title"])]
    if m.intro:
        p.append(Paragraph(escape(m.intro.get(lang)), s["body"]))
    p.append(Paragraph(escape(cat.text("handout.offers_heading")), s["h1"]))
    for o in m.offers:
        p.append(Paragraph(escape(o.title.get(lang)), s["h2"]))
        p.append(Paragraph(escape(o.description.get(lang)), s["body"]))
        if o.how_to_ask:
            p.append(Paragraph(f"<b>{escape(cat.text('handout.how_to_ask'))}</b> "
                               f"{escape(o.how_to_ask.get(lang))}", s["body"]))
    p.append(Paragraph(escape(cat.text("handout.contacts_heading")), s["h1"]))
    for c in m.contacts:
        p.append(Paragraph(escape(c.title.get(lang)), s["h2"]))
        rows = [[k, v] for k, v in (("Telefon", c.phone), ("Tider", c.hours and c.hours.get(lang)),
                                    ("E-post", c.email), ("Webb", c.web),
                                    ("Besöksadress", c.address and c.address.get(lang))) if v]
        t = Table(rows, colWidths=[3 * cm, 14 * cm], hAlign="LEFT")
        t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT)]))
        p.append(t)
    p.append(Paragraph(escape(cat.text("handout.rights_heading")), s["h1"]))
    p.extend(Paragraph(escape(r), s["body"], bulletText="•") for r in cat.texts("handout.rights"))
    p.append(Paragraph(escape(cat.text("handout.staff_heading")), s["h2"]))
    p.append(Paragraph("Namn: Fiktiv Handläggare, telefon 070-174 06 55", s["body"]))
    return _bare_build(p, m)


def _bare_plan(entry: PrintableEntry, m: Municipality) -> bytes:
    """The same texts as the support plan (answers formatted the same way), laid out plainly."""
    s = _bare_styles()
    cat = load_catalog("sv")
    a = entry.answers
    p = [Paragraph(escape(cat.text("support_plan.title")), s["title"]),
         Paragraph(escape(f"För {entry.carer_display_name}"), s["h2"]),
         Paragraph(escape(cat.text("support_plan.situation_heading")), s["h1"])]
    for q in entry.form.questions():
        if q.id in a and q.id not in ("actions", "next_review", "interview_date"):
            p.append(Paragraph(escape(q.text.get("sv")), s["h2"]))
            p.append(Paragraph(escape(answer_text(q, a[q.id], "sv", cat)), s["body"]))
    p.append(Paragraph(escape(cat.text("support_plan.actions_heading")), s["h1"]))
    cell = ParagraphStyle("c", fontName=FONT, fontSize=10, leading=13.5)
    group = entry.form.question("actions")
    subs = [group.sub_question(i) for i in ("what", "who", "by_when")]
    rows = [[Paragraph(escape(cat.text(f"support_plan.{k}")), cell)
             for k in ("col_action", "col_who", "col_when")]]
    rows += [[Paragraph(escape(answer_text(q, r.get(q.id), "sv", cat)), cell)
              for q in subs if q is not None] for r in a["actions"]]
    t = Table(rows, colWidths=[6.8 * cm, 6.8 * cm, 3.4 * cm], repeatRows=1)
    t.setStyle(TableStyle([("FONTNAME", (0, 0), (-1, -1), FONT),
                           ("VALIGN", (0, 0), (-1, -1), "TOP")]))
    p.append(t)
    p.append(Paragraph(escape(cat.text("support_plan.review",
                                       date=cat.date(dt.date(2027, 3, 15)))), s["body"]))
    p.append(Paragraph("Fiktiva Kontaktsson, 070-174 06 33", s["body"]))
    return _bare_build(p, m)


def run() -> dict[str, Any]:
    municipality = load_municipality(example_municipality_path())
    stodplan = load_form_file(builtin_forms_dir() / "stodplan.yaml")
    entry = _plan_entry(stodplan, 50)
    contact = ContactPerson("Fiktiva Kontaktsson", "070-174 06 33")

    handout_ms, bare_handout_ms, handout, bare_handout = _paired_ms(
        lambda: render_information_handout(municipality, "sv", staff_name="Fiktiv Handläggare",
                                           staff_phone="070-174 06 55"),
        lambda: _bare_handout(municipality, "sv"))
    arabic_ms, swedish_ms, arabic, swedish = _paired_ms(
        lambda: render_information_handout(municipality, "ar", staff_name="Fiktiv Handläggare",
                                           staff_phone="070-174 06 55"),
        lambda: render_information_handout(municipality, "sv", staff_name="Fiktiv Handläggare",
                                           staff_phone="070-174 06 55"))

    def arabic_cold() -> bytes:  # as if every text were new: the shaping caches emptied
        script.visual.cache_clear()
        script.width.cache_clear()
        script._shaped_words.cache_clear()
        return render_information_handout(municipality, "ar", staff_name="Fiktiv Handläggare",
                                          staff_phone="070-174 06 55")

    arabic_cold_ms, swedish2_ms, _, _ = _paired_ms(
        arabic_cold,
        lambda: render_information_handout(municipality, "sv", staff_name="Fiktiv Handläggare",
                                           staff_phone="070-174 06 55"))
    plan_ms, bare_plan_ms, plan, bare_plan = _paired_ms(
        lambda: render_support_plan(entry, municipality, contact_person=contact),
        lambda: _bare_plan(entry, municipality))

    figures = {
        "handout_ms": round(handout_ms, 1),
        "handout_pages": count_pages(handout),
        "handout_bare_ms": round(bare_handout_ms, 1),
        "handout_bare_pages": count_pages(bare_handout),
        "handout_ratio": round(handout_ms / bare_handout_ms, 2),
        "plan50_ms": round(plan_ms, 1),
        "plan50_pages": count_pages(plan),
        "plan50_bare_ms": round(bare_plan_ms, 1),
        "plan50_bare_pages": count_pages(bare_plan),
        "plan50_ratio": round(plan_ms / bare_plan_ms, 2),
        "handout_ar_ms": round(arabic_ms, 1),
        "handout_ar_pages": count_pages(arabic),
        "handout_sv_ms": round(swedish_ms, 1),
        "handout_sv_pages": count_pages(swedish),
        "handout_ar_ratio": round(arabic_ms / swedish_ms, 2),
        "handout_ar_cold_ms": round(arabic_cold_ms, 1),
        "handout_ar_cold_ratio": round(arabic_cold_ms / swedish2_ms, 2),
        "rounds": ROUNDS,
    }
    figures["handout_ok"] = handout_ms <= HANDOUT_LIMIT_MS
    figures["plan50_ok"] = plan_ms <= PLAN_LIMIT_MS
    figures["ratios_ok"] = max(figures["handout_ratio"], figures["plan50_ratio"]) <= RATIO_LIMIT
    figures["handout_ar_ok"] = max(figures["handout_ar_ratio"],
                                   figures["handout_ar_cold_ratio"]) <= ARABIC_RATIO_LIMIT

    print(f"{'document':<28}{'ours ms':>9}{'bare ms':>9}{'ratio':>7}{'pages':>7}  target")
    print(f"{'handout (2 pages)':<28}{handout_ms:>9.1f}{bare_handout_ms:>9.1f}"
          f"{figures['handout_ratio']:>7.2f}{figures['handout_pages']:>7}  "
          f"<= {HANDOUT_LIMIT_MS:.0f} ms, <= {RATIO_LIMIT}x")
    print(f"{'stödplan, 50 actions':<28}{plan_ms:>9.1f}{bare_plan_ms:>9.1f}"
          f"{figures['plan50_ratio']:>7.2f}{figures['plan50_pages']:>7}  "
          f"<= {PLAN_LIMIT_MS:.0f} ms, <= {RATIO_LIMIT}x")
    print(f"{'handout in Arabic':<28}{arabic_ms:>9.1f}{swedish_ms:>9.1f}"
          f"{figures['handout_ar_ratio']:>7.2f}{figures['handout_ar_pages']:>7}  "
          f"<= {ARABIC_RATIO_LIMIT}x the Swedish one (the 'bare' column)")
    print(f"{'handout in Arabic, cold':<28}{arabic_cold_ms:>9.1f}{swedish2_ms:>9.1f}"
          f"{figures['handout_ar_cold_ratio']:>7.2f}{figures['handout_ar_pages']:>7}  "
          f"the same, shaping caches emptied before each build")
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run()))
