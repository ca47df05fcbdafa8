from __future__ import annotations

import os

import pytest

from anhorigdesk.store import Actor, Database, Repository


@pytest.fixture
def key() -> bytes:
    return os.urandom(32)


@pytest.fixture
def db(tmp_path, key):
    database = Database(tmp_path / "store.db", key, create=True)
    yield database
    database.close()


@pytest.fixture
def repo(db) -> Repository:
    return Repository(db)


@pytest.fixture
def actor() -> Actor:
    return Actor(staff_id="staff-1", unit_id="unit-1", name="Testa Exempelsson")
