"""A real, nearly full disk for tests: a small tmpfs mounted on a folder of the test.

Needs the right to mount (root, as in this project's CI container); without it the test
that asks for one is skipped (the ``PRAGMA max_page_count`` tests, which provoke the same
SQLITE_FULL, always run). ``fill(free)`` leaves ``free`` bytes on it.
"""

from __future__ import annotations

import errno
import os
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest


class SmallDisk:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.filler = root / "filler.bin"

    def free(self) -> int:
        return shutil.disk_usage(self.root).free

    def fill(self, free: int) -> None:
        """Leave about ``free`` bytes free (to the page: tmpfs counts in 4 KiB pages).

        Something else may write between measuring and filling (the app's own draft
        autosave does): a write that finds the disk full has filled it, and the filler is
        then shortened until ``free`` bytes are free again."""
        self.filler.unlink(missing_ok=True)
        try:
            with open(self.filler, "wb") as fh:
                fh.write(b"\0" * max(0, self.free() - free))
        except OSError as exc:
            if exc.errno != errno.ENOSPC:
                raise
        short = free - self.free()
        if short > 0:
            os.truncate(self.filler, max(0, self.filler.stat().st_size - short))

    def empty(self) -> None:
        self.filler.unlink(missing_ok=True)


@contextmanager
def small_disk(mountpoint: Path, size: str = "1m") -> Iterator[SmallDisk]:
    mountpoint.mkdir(parents=True, exist_ok=True)
    if not hasattr(os, "geteuid") or os.geteuid() != 0 or shutil.which("mount") is None:
        pytest.skip("mounting a small tmpfs needs root")
    done = subprocess.run(["mount", "-t", "tmpfs", "-o", f"size={size},mode=0700", "tmpfs", str(mountpoint)],
                          capture_output=True, text=True)
    if done.returncode != 0:
        pytest.skip(f"tmpfs could not be mounted here ({done.stderr.strip()})")
    try:
        yield SmallDisk(mountpoint)
    finally:
        subprocess.run(["umount", "-l", str(mountpoint)], check=True)
