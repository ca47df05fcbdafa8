"""What the server holds about one carer, for the register extract (registerutdrag, GDPR
art. 15; issue #13): ``GET /v1/register-extract?carer=<id>``.

The laptop's extract (``lifecycle/extract.py``) is of that laptop; online it adds this: the
server's merged state of every record of the carer the asker may see (the carer's own scope
and the scopes shared about the carer, ``replication/visibility.py``), and who accessed the
carer's data as the server knows it: the server's own ``access_log`` rows about the carer
(pulls, repairs, refusals) and the laptops' rows pushed to it (``device_access_log``, found
through the carer's pseudonym; none once gallring forgot the pseudonym's key). Each access
row says when, which unit, which role and what; never who by name (the laptop's extract
says the same of its own log). ``source``: ``server``, ``laptop``, or ``this_laptop`` for
the asking device's own pushed rows (which its own log holds already).

Only staff of one of the carer's units may ask (a unit of the carer's scope and of the
user): a support contact in another unit, a unit the carer is shared with, or an
administrator without the unit gets 403 ``forbidden_register_extract``. Every ask is
itself logged in ``access_log`` (action ``register_extract``, ``ok`` or ``denied``; counts
only in the detail).
"""

from __future__ import annotations

import json
from typing import Any

from anhorigdesk.replication.merge import EntityState
from anhorigdesk.server.messages import ApiError
from anhorigdesk.server.store.base import Principal
from anhorigdesk.server.store.device_log import DeviceLog
from anhorigdesk.server.store.scopes import load_scope, load_scopes

ACTION = "register_extract"


class RegisterExtract(DeviceLog):
    """The server's part of a carer's register extract."""

    def register_extract(self, principal: Principal, carer_id: str, client_addr: str) -> dict[str, Any]:
        """The carer's records as the server holds them and the access rows about the
        carer (see the module docstring). 403 ``forbidden_register_extract`` (logged) to
        anyone who is not staff of one of the carer's units."""
        with self.db.transaction() as tx:
            scope = load_scope(tx, carer_id)
            unit = (sorted(scope.units & principal.unit_ids)[0]
                    if scope is not None and scope.carer_id == carer_id and scope.units & principal.unit_ids
                    else None)
            if unit is not None:
                keys = [r[0] for r in tx.all("SELECT scope_key FROM scopes WHERE carer_id = ?", (carer_id,))]
                scopes = load_scopes(tx, keys)
                visible = sorted(k for k, s in scopes.items() if s is not None and s.allows(principal))
                marks = ", ".join("?" * len(visible))
                rows = tx.all(f"SELECT state FROM entities WHERE scope_key IN ({marks})"
                              " ORDER BY entity, entity_id", visible) if visible else []
                units = dict(tx.all("SELECT id, name FROM units"))
                roles = dict(tx.all("SELECT id, role FROM users"))
                server_rows = tx.all(
                    "SELECT at, user_id, unit_id, action, outcome FROM access_log"
                    " WHERE carer_id = ? ORDER BY id", (carer_id,))
                pseudonym = self._pseudonym(tx, carer_id, create=False)
                laptop_rows = tx.all(
                    "SELECT at, staff_id, unit_id, action, client_id FROM device_access_log"
                    " WHERE person = ? ORDER BY at, id", (pseudonym,)) if pseudonym else []
        if unit is None:
            self._log(principal, ACTION, carer_id, None, "denied", "forbidden_register_extract",
                      client_addr)
            raise ApiError(403, "forbidden_register_extract")
        entities = [EntityState.from_json(json.loads(r[0])).view() for r in rows]
        access = [{"at": at, "source": "server", "unit": units.get(unit_id or "", unit_id),
                   "role": roles.get(user_id or ""), "action": f"{action}:{outcome}"}
                  for at, user_id, unit_id, action, outcome in server_rows]
        access += [{"at": at, "source": "this_laptop" if client == principal.device_id else "laptop",
                    "unit": units.get(unit_id or "", unit_id), "role": roles.get(staff_id or ""),
                    "action": action}
                   for at, staff_id, unit_id, action, client in laptop_rows]
        self._log(principal, ACTION, carer_id, unit, "ok",
                  f"{len(entities)} records, {len(access)} log rows", client_addr)
        return {"carer_id": carer_id, "produced_at": self.now(), "entities": entities,
                "access": access}
