"""The sync UI tests' own fixture: a real sync server (in process, SQLite) with one unit,
and desktop apps on their own data dirs and profiles (tests/ui/sync/helpers.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.conftest import Server

from .helpers import UNIT_NAME, Desks


@pytest.fixture
def desks(tmp_path: Path, qtbot) -> Iterator[Desks]:
    server = Server(tmp_path / "server.db")
    unit = server.store.create_unit(UNIT_NAME)
    world = Desks(server=server, unit=unit, tmp=tmp_path, qtbot=qtbot)
    yield world
    world.close()
