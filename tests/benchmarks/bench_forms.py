"""Forms benchmarks: loading, canonical JSON, answer checks, and building the Qt form.

Run: ``uv run python tests/benchmarks/bench_forms.py`` (or via ``run.py forms`` once the
runner lists the area). Targets, measured in the same run:

- loading a municipality folder scales linearly: per-form time with 40 forms ≤ 2× the
  per-form time with 4 (the registry does no per-form work that grows with the folder);
- ``validate_answers`` + ``raised_flags`` on a full stödplan ≤ 1 ms per call (each keystroke
  in the form runs them once, so they must stay far below a frame);
- re-creating a definition from its stored canonical JSON ≤ 1.5× loading it from YAML
  (opening an old response must not be slower than opening a new one);
- building the Qt form of the largest built-in form ≤ 250 ms offscreen.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anhorigdesk.forms import (
    FormRegistry,
    builtin_forms_dir,
    canonical_json,
    definition_from_json,
    load_form_file,
    raised_flags,
    validate_answers,
)

STODPLAN_ANSWERS: dict[str, Any] = {
    "interview_date": "2026-11-27", "relationship": "partner",
    "tasks": ["household", "medicines", "supervision"], "hours_per_week": 30,
    "work_or_studies": "part_time", "own_health": 3, "others_at_home": "Ingen",
    "children_at_home": "no", "how_it_feels": "Tungt på nätterna.",
    "care_works": "Hemtjänsten på morgonen.", "care_does_not_work": "Kvällarna.",
    "support_wishes": ["respite", "carer_group", "information"],
    "information_topics": "Demens", "respite_where": ["at_home"], "respite_flexibility": 5,
    "respite_continuity": "yes", "respite_booking": "within_week",
    "own_choice": "yes", "heaviness": 4, "wants_less": "unsure",
    "actions": [{"what": f"Insats {i}", "who": "Konsulenten", "by_when": "2026-12-15",
                 "follow_up": "2027-01-15"} for i in range(8)],
    "next_review": "2027-05-27", "plan_copy_given": "yes",
}


def best_of(repeat: int, fn: Callable[[], Any]) -> float:
    """The median of `repeat` timings of fn(), in milliseconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def municipality_folder(root: Path, count: int) -> Path:
    folder = root / f"kommun_{count}"
    folder.mkdir()
    sources = sorted(builtin_forms_dir().glob("*.yaml"))
    for i in range(count):
        text = sources[i % len(sources)].read_text(encoding="utf-8")
        form_id = sources[i % len(sources)].stem
        (folder / f"{form_id}_{i}.yaml").write_text(text.replace(f"id: {form_id}\n", f"id: {form_id}_{i}\n", 1),
                                                    encoding="utf-8")
    return folder


def run() -> dict[str, Any]:
    figures: dict[str, Any] = {}
    folder = builtin_forms_dir()
    for path in sorted(folder.glob("*.yaml")):
        figures[f"load_ms_{path.stem}"] = round(best_of(9, lambda p=path: load_form_file(p)), 3)

    with tempfile.TemporaryDirectory() as tmp:
        small = municipality_folder(Path(tmp), 4)
        large = municipality_folder(Path(tmp), 40)
        per_small = best_of(5, lambda: FormRegistry.load(municipality_dir=small)) / (4 + 4)
        per_large = best_of(5, lambda: FormRegistry.load(municipality_dir=large)) / (4 + 40)
    figures["registry_ms_per_form_8"] = round(per_small, 3)
    figures["registry_ms_per_form_44"] = round(per_large, 3)
    figures["registry_scaling_ratio"] = round(per_large / per_small, 2)
    figures["registry_scaling_ok"] = per_large / per_small <= 2.0

    plan = load_form_file(folder / "stodplan.yaml")
    assert validate_answers(plan, STODPLAN_ANSWERS, final=True) == []
    calls = 500
    start = time.perf_counter()
    for _ in range(calls):
        validate_answers(plan, STODPLAN_ANSWERS, final=True)
        raised_flags(plan, STODPLAN_ANSWERS)
    per_call = (time.perf_counter() - start) * 1000 / calls
    figures["validate_and_flags_ms_stodplan"] = round(per_call, 4)
    figures["validate_and_flags_ok"] = per_call <= 1.0

    canonical = canonical_json(plan)
    from_yaml = best_of(9, lambda: load_form_file(folder / "stodplan.yaml"))
    from_json = best_of(9, lambda: definition_from_json(canonical))
    figures["canonical_json_bytes_stodplan"] = len(canonical.encode("utf-8"))
    figures["from_json_vs_yaml_ratio"] = round(from_json / from_yaml, 2)
    figures["from_json_ok"] = from_json / from_yaml <= 1.5

    figures.update(_widget_figures(plan))
    _print_table(figures)
    return figures


def _widget_figures(plan: Any) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from anhorigdesk.ui.forms import FormWidget
    from anhorigdesk.ui.qt import QApplication

    app = QApplication.instance() or QApplication([])
    widgets: list[Any] = []

    def build() -> None:
        widget = FormWidget(plan, answers=STODPLAN_ANSWERS)
        widget.resize(900, 1000)
        widget.show()
        app.processEvents()
        widgets.append(widget)

    build_ms = best_of(5, build)
    for widget in widgets:
        widget.close()
        widget.deleteLater()
    app.processEvents()
    return {"widget_build_ms_stodplan": round(build_ms, 1), "widget_build_ok": build_ms <= 250}


def _print_table(figures: dict[str, Any]) -> None:
    width = max(len(k) for k in figures)
    print(f"{'figure':<{width}}  value")
    for key, value in figures.items():
        print(f"{key:<{width}}  {value}")


if __name__ == "__main__":
    run()
