"""The scopes' checksums' former place: :mod:`anhorigdesk.replication.integrity` now (below
the store, whose migration ``0004_sync_digest`` combines them). Kept for the server's
imports and tests until they name the new module."""

from anhorigdesk.replication.integrity import (
    EMPTY_CHECKSUM,
    add_to_checksum,
    combine,
    scope_checksum,
    scope_key,
)

__all__ = ["EMPTY_CHECKSUM", "add_to_checksum", "combine", "scope_checksum", "scope_key"]
