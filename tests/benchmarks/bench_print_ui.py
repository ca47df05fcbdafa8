"""Benchmark of printing from the app: preview and printer rasterisation (QtPdf).

``uv run python tests/benchmarks/bench_print_ui.py`` (or ``run.py print_ui`` once the runner
lists the area).  Figures, all measured in this run:

- the core's PDF for the handout (normal and large print), as the print task makes it;
- loading those bytes into QtPdf from memory and drawing page 1 for the preview (900 px wide);
- rasterising one A4 page for the printer at 300 and 600 dpi, in bands (as ``raster.py``
  does) and as one whole image, with the largest image each way needs;
- painting the whole large-print handout onto a QPrinter (PDF output) through ``paint_pdf``.

Targets are ratios: banding at 600 dpi should cost at most ~1.3x the time of one whole-page
image while its largest image is a fraction of the whole page's.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROUNDS = 5


def _median_ms(fn: Callable[[], Any], rounds: int = ROUNDS) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def run() -> dict[str, float]:
    from anhorigdesk.printing import (
        example_municipality_path,
        load_municipality,
        render_information_handout,
    )
    from anhorigdesk.ui.printing import raster
    from anhorigdesk.ui.qt import QApplication, QPdfDocumentRenderOptions, QPrinter, QRect, QSize

    app = QApplication.instance() or QApplication([])
    municipality = load_municipality(example_municipality_path())
    render_information_handout(municipality, "sv")  # warm up fonts and imports
    figures: dict[str, float] = {}
    figures["core_handout_ms"] = _median_ms(lambda: render_information_handout(municipality, "sv"))
    figures["core_handout_large_ms"] = _median_ms(
        lambda: render_information_handout(municipality, "sv", large_print=True))
    pdf = render_information_handout(municipality, "sv", large_print=True)

    def load_and_preview() -> None:
        document, buffer = raster.open_pdf(pdf)
        size = document.pagePointSize(0)
        document.render(0, QSize(900, round(900 * size.height() / size.width())))
        document.close()
        buffer.close()

    figures["preview_load_and_page1_ms"] = _median_ms(load_and_preview)

    document, buffer = raster.open_pdf(pdf)
    points = document.pagePointSize(0)
    for dpi in (300, 600):
        width, height = round(points.width() / 72 * dpi), round(points.height() / 72 * dpi)

        def whole(w: int = width, h: int = height) -> None:
            document.render(0, QSize(w, h))

        def banded(w: int = width, h: int = height) -> None:
            for top in range(0, h, raster.BAND_ROWS):
                rows = min(raster.BAND_ROWS, h - top)
                options = QPdfDocumentRenderOptions()
                options.setScaledSize(QSize(w, h))
                options.setScaledClipRect(QRect(0, top, w, rows))
                document.render(0, QSize(w, rows), options)

        figures[f"page_{dpi}dpi_whole_ms"] = _median_ms(whole, 3)
        figures[f"page_{dpi}dpi_banded_ms"] = _median_ms(banded, 3)
        figures[f"page_{dpi}dpi_whole_mb"] = round(width * height * 4 / 2**20, 1)
        figures[f"page_{dpi}dpi_band_mb"] = round(width * min(raster.BAND_ROWS, height) * 4 / 2**20, 1)
        figures[f"banded_vs_whole_time_{dpi}dpi"] = round(
            figures[f"page_{dpi}dpi_banded_ms"] / figures[f"page_{dpi}dpi_whole_ms"], 2)
    pages = document.pageCount()
    document.close()
    buffer.close()

    with tempfile.TemporaryDirectory() as folder:
        def print_all() -> None:
            printer = QPrinter(QPrinter.PrinterMode.HighResolution)
            printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
            printer.setResolution(600)
            printer.setOutputFileName(str(Path(folder) / "out.pdf"))
            raster.paint_pdf(None, pdf, printer)

        figures["print_600dpi_per_page_ms"] = round(_median_ms(print_all, 2) / pages, 1)
    figures["pages_large_print_handout"] = pages
    for key, value in figures.items():
        figures[key] = round(value, 2)
    width = max(len(k) for k in figures)
    for key, value in figures.items():
        print(f"{key:<{width}}  {value:>10}")
    del app
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(run(), sort_keys=True))
