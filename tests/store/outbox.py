"""What a laptop's writes left in its outbox, read from the store's own table (for tests
that check what a write records; the sync replica stages these rows and pushes them)."""

from __future__ import annotations

import json
from typing import Any


def outbox(repo: Any) -> list[dict[str, Any]]:
    """Every outbox row's mutation (its payload as written), in outbox order, with ``seq``."""
    rows = repo.db.reader().execute("SELECT seq, payload FROM outbox ORDER BY seq").fetchall()
    return [{**json.loads(payload), "seq": seq} for seq, payload in rows]
