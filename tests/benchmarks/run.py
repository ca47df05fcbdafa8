"""Benchmarks, not part of the test run: ``uv run python tests/benchmarks/run.py AREA``.

Each area is a module ``bench_<area>.py`` with ``run() -> dict``; it prints its own
table, and this runner prints the figures as one JSON object on the last line.
"""

from __future__ import annotations

import importlib
import json
import sys
from pathlib import Path

AREAS = {
    "store": "bench_store",
    "forms": "bench_forms",
    "formsched": "bench_formsched",
    "schedule": "bench_schedule",
    "print": "bench_print",
    "print_ui": "bench_print_ui",
    "sync": "bench_sync_server",
    "scale": "bench_sync_scale",
    "ui": "bench_ui",
    "syncui": "bench_syncui",
    "syncclient": "bench_syncclient",
    "ui_features": "bench_ui_features",
    "synclog": "bench_synclog",
    "bundle": "bench_bundle",
    "backup": "bench_backup",
    "extract": "bench_extract",
    "gallring": "bench_gallring",
    "accesslog": "bench_accesslog",
    "statistics": "bench_statistics",
}


def main(argv: list[str]) -> int:
    if len(argv) != 1 or argv[0] not in AREAS:
        print(f"usage: run.py {{{'|'.join(AREAS)}}}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(Path(__file__).parent))
    module = importlib.import_module(AREAS[argv[0]])
    figures = module.run()
    print(json.dumps(figures, ensure_ascii=False, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
