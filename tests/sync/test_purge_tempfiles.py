"""Thinning reaches the files the app wrote to its temporary folder (#13): a sync that
applies a purge empties <data dir>/tmp (anhorigdesk/tempfiles.py); a sync without one
leaves it as it is."""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from anhorigdesk import tempfiles
from anhorigdesk.server.store.purge import write_purge

from .conftest import World

LATER = "9999-12-31T00:00:00.000000Z"


def test_a_sync_that_applies_a_purge_empties_the_temporary_folder(
        world: World, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("TMPDIR", "TEMP", "TMP"):
        monkeypatch.setenv(name, str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    folder = tempfiles.use_private_temp(tmp_path / "laptop-data")
    try:
        a = world.laptop("a")
        carer = world.new_carer(a, name="Gallrad Hemligsson", notes="Anteckning")
        a.sync()
        spool = folder / "print-spool.pdf"
        spool.write_bytes(b"%PDF-1.4 Gallrad Hemligsson")
        assert a.sync().purged == 0
        assert spool.exists()  # no purge, nothing swept
        assert write_purge(world.server.store, carer, None, "gallring", None, active_after=LATER).records >= 1
        assert a.sync().purged >= 1
        assert not spool.exists() and list(folder.iterdir()) == []
    finally:
        tempfiles.forget()
