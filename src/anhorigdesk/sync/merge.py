"""The merge's former place: it is :mod:`anhorigdesk.replication.merge` now (below the store,
whose writes compute their ``ctx`` with it). Kept for the server's imports and tests until
they name the new module."""

from anhorigdesk.replication.merge import (
    DELETED_BASE_KEY,
    FLAG_CONFLICT,
    FLAG_EDIT_AFTER_DELETE,
    EntityState,
    FieldVersion,
    MergeError,
    apply_mutation,
    field_versions,
    merge,
    state_format_2,
)

__all__ = [
    "DELETED_BASE_KEY",
    "FLAG_CONFLICT",
    "FLAG_EDIT_AFTER_DELETE",
    "EntityState",
    "FieldVersion",
    "MergeError",
    "apply_mutation",
    "field_versions",
    "merge",
    "state_format_2",
]
