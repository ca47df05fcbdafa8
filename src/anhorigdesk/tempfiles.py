"""The app's own folder for temporary files (tillfälliga filer), emptied when it may hold
personal data no longer.

AnhörigDesk itself writes no PDF to a temporary file: previews are rendered from memory
(``ui/printing/preview.py``), printing paints pages onto the printer
(``ui/printing/raster.py``), and a saved PDF goes where the user chose, through a
``.part`` file beside it that is removed if the write fails (``write_pdf_file``). But what
it hands to the printer is spooled by Qt and the system: on Linux, Qt's CUPS engine writes
the whole print job (a PDF with the carer's data) to ``cupsTempFd`` in ``$TMPDIR``, and
removes it only once the job is handed over, never if the app is killed in between. Other
libraries' temporary files go to the same place.

So the desktop app points ``$TMPDIR`` (and ``TEMP``/``TMP`` for Windows, and Python's
``tempfile``) at ``<data dir>/tmp`` (mode 0700, beside the profiles, never the shared
``/tmp``): :func:`use_private_temp`, at start. :func:`sweep` removes everything in it: at
start (what a killed run left), at exit, and after a sync applied a purge (gallring,
``sync/engine.py``), so that thinning reaches any file the app wrote. A print job marks
itself :func:`in_use` while it runs; a sweep asked for meanwhile waits for it to end.
Qt-free; no-op until :func:`use_private_temp` was called (the server, tests, the CLI).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

FOLDER = "tmp"
_ENV = ("TMPDIR", "TEMP", "TMP")

_lock = threading.Lock()
_folder: Path | None = None
_jobs = 0
_pending = False


def private_temp_dir(data_dir: Path) -> Path:
    """``<data dir>/tmp``: where the app's temporary files go."""
    return Path(data_dir) / FOLDER


def use_private_temp(data_dir: Path) -> Path:
    """Make ``<data dir>/tmp`` this process's temporary folder (created 0700; what an
    earlier run left in it is removed first). Returns the folder."""
    global _folder
    folder = private_temp_dir(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    with contextlib.suppress(OSError):  # a filesystem without modes (e.g. a network share)
        os.chmod(folder, 0o700)
    with _lock:
        _folder = folder
    sweep()
    for name in _ENV:
        os.environ[name] = str(folder)
    tempfile.tempdir = str(folder)
    return folder


def current() -> Path | None:
    """The private temporary folder in use, or None."""
    return _folder


@contextlib.contextmanager
def in_use() -> Iterator[None]:
    """Held while a job may have a file in the folder (printing): a :func:`sweep` asked for
    meanwhile runs when the last such job ends."""
    global _jobs, _pending
    with _lock:
        _jobs += 1
    try:
        yield
    finally:
        with _lock:
            _jobs -= 1
            run = _jobs == 0 and _pending
            if run:
                _pending = False
        if run:
            sweep()


def sweep() -> int:
    """Remove everything in the private temporary folder; returns how many entries were
    removed (0 while none is in use, or when a job holds it: then it runs after the job)."""
    global _pending
    with _lock:
        folder = _folder
        if folder is None:
            return 0
        if _jobs:
            _pending = True
            return 0
    removed = 0
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return 0
    for entry in entries:
        try:
            if entry.is_dir(follow_symlinks=False):
                shutil.rmtree(entry.path)
            else:
                os.unlink(entry.path)
            removed += 1
        except OSError:
            continue  # gone meanwhile, or not ours to remove: the next sweep tries again
    return removed


def forget() -> None:
    """Stop using the private folder (tests): sweeps it, leaves the environment as it is."""
    global _folder, _pending
    sweep()
    with _lock:
        _folder, _pending = None, False
