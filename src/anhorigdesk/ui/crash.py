"""Crash handling: an excepthook that writes a report free of personal data and shows it.

A report holds the exception's *type names* and the *frames* (file, line, function)
only. It never holds exception messages, local variables or source lines: any of
them could contain a name or a personnummer. ``faulthandler`` writes hard crashes
(segfaults in Qt, for example) to a file in the data directory.
"""

from __future__ import annotations

import collections
import datetime as dt
import faulthandler
import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import IO

import anhorigdesk

log = logging.getLogger("anhorigdesk.ui.crash")

CRASH_DIRNAME = "crash"
MAX_LOG_LINES = 200


class LogRing(logging.Handler):
    """Keeps the last log records of the ``anhorigdesk`` loggers for crash reports.

    Only the record's level, logger name and *unformatted* message template are kept:
    arguments are never stored, so a careless ``log.info("%s", name)`` cannot leak.
    """

    def __init__(self, capacity: int = MAX_LOG_LINES) -> None:
        super().__init__(level=logging.INFO)
        self.lines: collections.deque[str] = collections.deque(maxlen=capacity)

    def emit(self, record: logging.LogRecord) -> None:
        stamp = dt.datetime.fromtimestamp(record.created).strftime("%H:%M:%S")
        self.lines.append(f"{stamp} {record.levelname} {record.name}: {record.msg!s}")


def _qualified_name(exc_type: type[BaseException]) -> str:
    module = exc_type.__module__
    return exc_type.__qualname__ if module == "builtins" else f"{module}.{exc_type.__qualname__}"


def _frames(tb: TracebackType | None) -> list[str]:
    out = []
    for frame in traceback.extract_tb(tb):
        filename = frame.filename
        marker = "/anhorigdesk/"
        if marker in filename.replace("\\", "/"):
            filename = "anhorigdesk/" + filename.replace("\\", "/").split(marker, 1)[1]
        else:
            filename = Path(filename).name
        out.append(f'  File "{filename}", line {frame.lineno}, in {frame.name}')
    return out


def format_report(
    exc_type: type[BaseException],
    exc: BaseException | None,
    tb: TracebackType | None,
    log_lines: list[str] | None = None,
) -> str:
    """The crash report text: environment, the exception chain by type name and frame, logs."""
    import platform  # here: not part of every start

    from anhorigdesk.ui.qt import PYSIDE_VERSION, QT_VERSION

    lines = [
        "AnhörigDesk crash report",
        f"time: {dt.datetime.now(dt.UTC).isoformat(timespec='seconds')}",
        f"version: {getattr(anhorigdesk, '__version__', 'unknown')}",
        f"python: {platform.python_version()}  qt: {QT_VERSION}  pyside: {PYSIDE_VERSION}",
        f"platform: {platform.system()} {platform.release()} {platform.machine()}",
        "",
        "Exception messages and variable values are left out on purpose (personal data).",
        "",
    ]
    chain: list[tuple[type[BaseException], TracebackType | None, str]] = []
    seen: set[int] = set()
    current_type, current, current_tb, how = exc_type, exc, tb, ""
    while True:
        chain.append((current_type, current_tb, how))
        if current is None or id(current) in seen:
            break
        seen.add(id(current))
        nxt = current.__cause__ or (None if current.__suppress_context__ else current.__context__)
        if nxt is None:
            break
        how = "caused" if current.__cause__ is not None else "context"
        current_type, current, current_tb = type(nxt), nxt, nxt.__traceback__
    for kind, frames_tb, how in reversed(chain):
        if how:
            lines.append(
                "The above exception was the direct cause of:" if how == "caused"
                else "During handling of the above exception, another occurred:"
            )
        lines.append("Traceback (most recent call last):")
        lines.extend(_frames(frames_tb))
        lines.append(_qualified_name(kind))
        lines.append("")
    if log_lines:
        lines.append("Recent log (message templates only):")
        lines.extend(log_lines)
    return "\n".join(lines).rstrip() + "\n"


def write_report(data_dir: Path, report: str) -> Path:
    crash_dir = data_dir / CRASH_DIRNAME
    crash_dir.mkdir(parents=True, exist_ok=True)
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%S%fZ")
    path = crash_dir / f"crash-{stamp}.txt"
    path.write_text(report, encoding="utf-8")
    return path


class CrashHandler:
    """Installs ``sys.excepthook`` and ``faulthandler``; ``show`` displays the dialog.

    ``show`` is injectable so tests (and a process without a GUI) can replace it.
    """

    def __init__(
        self,
        data_dir: Path,
        show: Callable[[str, Path], None] | None = None,
        log_ring: LogRing | None = None,
    ) -> None:
        self.data_dir = data_dir
        self.show = show
        self.log_ring = log_ring if log_ring is not None else LogRing()
        self.last_report_path: Path | None = None
        self._fault_file: IO[str] | None = None
        self._previous_hook = sys.excepthook
        self._handling = False

    def install(self) -> None:
        logging.getLogger("anhorigdesk").addHandler(self.log_ring)
        crash_dir = self.data_dir / CRASH_DIRNAME
        crash_dir.mkdir(parents=True, exist_ok=True)
        self._fault_file = open(crash_dir / "faulthandler.log", "a", encoding="utf-8")  # noqa: SIM115
        faulthandler.enable(self._fault_file)
        self._previous_hook = sys.excepthook
        sys.excepthook = self.excepthook

    def uninstall(self) -> None:
        if sys.excepthook == self.excepthook:
            sys.excepthook = self._previous_hook
        logging.getLogger("anhorigdesk").removeHandler(self.log_ring)
        if self._fault_file is not None:
            faulthandler.disable()
            self._fault_file.close()
            self._fault_file = None

    def excepthook(
        self,
        exc_type: type[BaseException],
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        if issubclass(exc_type, KeyboardInterrupt):
            self._previous_hook(exc_type, exc, tb)
            return
        report = format_report(exc_type, exc, tb, list(self.log_ring.lines))
        try:
            path = write_report(self.data_dir, report)
        except OSError:
            path = self.data_dir / CRASH_DIRNAME
            log.exception("could not write the crash report")
        self.last_report_path = path
        log.error("unhandled exception, report written")
        sys.stderr.write(report)
        if self.show is not None and not self._handling:
            self._handling = True
            try:
                self.show(report, path)
            finally:
                self._handling = False
