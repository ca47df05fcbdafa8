"""The access-log chain (åtkomstloggens kedja) both sides compute (docs/PROTOCOL-3.md, part E).

Every access-log row a laptop writes (a read, a search that showed a person, a print, an
export) is chained per device: ``prev`` is the previous row's ``hash`` of the same device
(``GENESIS`` for the device's first row) and ``hash`` is the sha256 of the canonical row
with ``prev``. A row changed on the laptop no longer matches its hash; a row deleted breaks
the next row's ``prev`` and leaves a gap in ``log_seq``. The laptop computes the chain when
it writes a row (``store/repository.py`` ``log_access``, laptop migration
``0013_access_log_chain`` for the rows written before); the server recomputes it for every
row pushed (``server/store/device_log.py``) and flags, never refuses, a broken one.

Pure: no database, no network.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping
from typing import Any

GENESIS = ""

# The keys of a log row on the wire, besides ``hash`` (which covers all of them).
ROW_KEYS = (
    "log_id", "client_id", "log_seq", "at", "action", "carer_id", "unit_id", "staff_id",
    "detail", "prev",
)


def row_hash(row: Mapping[str, Any]) -> str:
    """sha256 (hex) of the canonical JSON of ``row``'s ``ROW_KEYS`` (``prev`` included)."""
    body = {key: row.get(key) for key in ROW_KEYS}
    text = json.dumps(body, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def chain_flag(
    row: Mapping[str, Any], last_seq: int | None, last_hash: str | None
) -> str | None:
    """What is wrong with ``row`` given the device's last stored row (``None``: nothing).

    ``altered``: the row does not match its own hash (changed after it was written);
    ``replaced``: a new row at a ``log_seq`` the server already has another row for (the
    laptop's log was rewritten);
    ``gap``: ``log_seq`` skips rows (rows deleted before they were pushed);
    ``broken``: ``prev`` is not the hash of the device's previous row (the previous row was
    changed or removed, or this row was re-chained)."""
    if row_hash(row) != row.get("hash"):
        return "altered"
    expected_seq = (last_seq or 0) + 1
    if int(row["log_seq"]) < expected_seq:
        return "replaced"
    if int(row["log_seq"]) != expected_seq:
        return "gap"
    if row.get("prev") != (last_hash if last_seq else GENESIS):
        return "broken"
    return None
