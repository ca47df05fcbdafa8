"""Printing and the app's temporary folder (anhorigdesk/tempfiles.py): a sweep asked for
while pages go to the printer (a purge applied by a sync meanwhile) waits for the job, then
removes what the job spooled."""

from __future__ import annotations

import tempfile
from pathlib import Path

from anhorigdesk import tempfiles
from anhorigdesk.ui.qt import QPrinter


class _Ctx:
    """The task context paint_pdf reports pages to: here, a purge's sweep arrives after the
    first page, while Qt's spool file would still be in the folder."""

    def __init__(self, spool: Path) -> None:
        self.spool, self.seen = spool, []

    def progress(self, done: int, total: int) -> None:
        self.seen.append((tempfiles.sweep(), self.spool.exists()))

    def check_cancelled(self) -> None:
        return None


def test_a_sweep_during_printing_waits_for_the_job_then_removes_its_spool(qapp, tmp_path, monkeypatch):
    from anhorigdesk.printing import (
        example_municipality_path,
        load_municipality,
        render_information_handout,
    )
    from anhorigdesk.ui.printing.raster import paint_pdf

    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    folder = tempfiles.use_private_temp(tmp_path / "data")
    try:
        spool = folder / "cups-spool-of-this-job"
        spool.write_bytes(b"%PDF-1.4 the carer's handout")
        pdf = render_information_handout(load_municipality(example_municipality_path()), "sv")
        printer = QPrinter(QPrinter.PrinterMode.ScreenResolution)
        printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        printer.setOutputFileName(str(tmp_path / "out.pdf"))
        ctx = _Ctx(spool)
        pages = paint_pdf(ctx, pdf, printer)  # type: ignore[arg-type]
        assert pages >= 1 and ctx.seen and all(seen == (0, True) for seen in ctx.seen)
        assert not spool.exists() and list(folder.iterdir()) == []
        assert (tmp_path / "out.pdf").stat().st_size > 0
    finally:
        tempfiles.forget()
