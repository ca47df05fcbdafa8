"""The app's own temporary folder (anhorigdesk/tempfiles.py): under the data dir, emptied at
start, by a sweep, and never under a print job's feet."""

from __future__ import annotations

import stat
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from anhorigdesk import tempfiles


@pytest.fixture
def private(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(tmp_path / "shared-tmp"))
    monkeypatch.setattr(tempfile, "tempdir", None)
    data = tmp_path / "data"
    leftover = data / "tmp" / "cups-job-of-a-killed-run"
    leftover.parent.mkdir(parents=True)
    leftover.write_bytes(b"%PDF-1.4 Alva Exempelsson")
    folder = tempfiles.use_private_temp(data)
    try:
        yield folder
    finally:
        tempfiles.forget()


def test_the_temporary_folder_is_the_data_dirs_own_and_starts_empty(private: Path, tmp_path: Path) -> None:
    import os

    assert private == tmp_path / "data" / "tmp" and tempfiles.current() == private
    assert stat.S_IMODE(private.stat().st_mode) == 0o700
    assert list(private.iterdir()) == []  # the killed run's spool file is gone
    assert os.environ["TMPDIR"] == str(private) and tempfile.gettempdir() == str(private)
    with tempfile.NamedTemporaryFile(suffix=".pdf", delete=False) as fh:  # any library's
        fh.write(b"%PDF-1.4")
    assert Path(fh.name).parent == private


def test_a_sweep_removes_files_and_folders(private: Path) -> None:
    (private / "a.pdf").write_bytes(b"%PDF")
    (private / "qt-dir").mkdir()
    (private / "qt-dir" / "b.pdf").write_bytes(b"%PDF")
    assert tempfiles.sweep() == 2
    assert list(private.iterdir()) == []


def test_a_sweep_during_a_print_job_waits_for_it(private: Path) -> None:
    spool = private / "cups-spool"
    with tempfiles.in_use():
        spool.write_bytes(b"%PDF-1.4 job")
        with tempfiles.in_use():  # two jobs: only the last one out sweeps
            assert tempfiles.sweep() == 0
        assert spool.exists()
    assert not spool.exists()


def test_without_a_private_folder_a_sweep_touches_nothing(tmp_path: Path) -> None:
    tempfiles.forget()
    other = tmp_path / "x.pdf"
    other.write_bytes(b"%PDF")
    assert tempfiles.current() is None and tempfiles.sweep() == 0 and other.exists()
