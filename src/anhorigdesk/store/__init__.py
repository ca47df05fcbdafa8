"""The encrypted local store (SQLCipher): opening, migrations, one writer, the domain API."""

from __future__ import annotations

from typing import TYPE_CHECKING

from anhorigdesk._lazy import lazy_exports

if TYPE_CHECKING:
    from anhorigdesk.store.database import Database
    from anhorigdesk.store.engine import (
        DamagedDatabaseError,
        MissingDatabaseError,
        NotEncryptedError,
        StoreOpenError,
        WrongKeyError,
    )
    from anhorigdesk.store.entities import ENTITIES, InvalidRecord
    from anhorigdesk.store.repository import (
        SYSTEM,
        Actor,
        Change,
        NotFound,
        Repository,
        entry_change,
    )

# Loaded on first use (``_lazy``): the package's modules import each other through it.
__getattr__, __dir__ = lazy_exports(__name__, {
    "Database": "database",
    "DamagedDatabaseError": "engine", "MissingDatabaseError": "engine", "NotEncryptedError": "engine",
    "StoreOpenError": "engine", "WrongKeyError": "engine",
    "ENTITIES": "entities", "InvalidRecord": "entities",
    "SYSTEM": "repository", "Actor": "repository", "Change": "repository", "NotFound": "repository",
    "Repository": "repository", "entry_change": "repository",
})

__all__ = [
    "ENTITIES",
    "SYSTEM",
    "Actor",
    "Change",
    "DamagedDatabaseError",
    "Database",
    "InvalidRecord",
    "MissingDatabaseError",
    "NotEncryptedError",
    "NotFound",
    "Repository",
    "StoreOpenError",
    "WrongKeyError",
    "entry_change",
]
