"""The encrypted local store (SQLCipher): opening, migrations, one writer, the domain API."""

from anhorigdesk.store.database import Database
from anhorigdesk.store.engine import (
    DamagedDatabaseError,
    MissingDatabaseError,
    NotEncryptedError,
    StoreOpenError,
    WrongKeyError,
)
from anhorigdesk.store.entities import ENTITIES, InvalidRecord
from anhorigdesk.store.repository import SYSTEM, Actor, Change, NotFound, Repository, entry_change

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
