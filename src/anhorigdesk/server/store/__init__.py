"""The server's storage logic (lagring), framework-free: the ASGI app (``server/app.py``)
and the admin command (``server/__main__.py``) call :class:`ServerStore`.

All state lives in the database; nothing held in memory matters for correctness, so
several processes may serve one PostgreSQL database. The code lives by job:

- ``base.py``: the database, clocks and policies every part uses; :class:`Principal`;
- ``accounts.py``: units and users (konton);
- ``sessions.py``: devices, login, tokens, refresh rotation and reuse, authentication;
- ``access_log.py``: the access log and a unit manager's review of it;
- ``device_log.py``: the laptops' access-log rows (protocol 3, part E) and their pseudonyms;
- ``log_review.py``: a unit manager's review of those rows (loggkontroll), issue #14;
- ``scopes.py``: scopes and the one statement of which scopes a user sees;
- ``statistics.py``: a unit's follow-up statistics (counts only);
- ``municipality.py``: the municipality's published material (bundle versions), part G;
- ``register_extract.py``: what the server holds about one carer, for the register extract;
- ``sync.py``: push, pull, integrity, repair reads and the epoch (the mutation log).
"""

from __future__ import annotations

from anhorigdesk.server.store.accounts import ROLES
from anhorigdesk.server.store.base import AdminError, DeviceRevokedError, Principal
from anhorigdesk.server.store.log_review import LogReview
from anhorigdesk.server.store.municipality import MunicipalityBundles
from anhorigdesk.server.store.register_extract import RegisterExtract
from anhorigdesk.server.store.scopes import Scope
from anhorigdesk.server.store.statistics import UnitStatistics
from anhorigdesk.server.store.sync import SyncLog

__all__ = ["ROLES", "AdminError", "DeviceRevokedError", "Principal", "Scope", "ServerStore"]


class ServerStore(SyncLog, LogReview, UnitStatistics, MunicipalityBundles, RegisterExtract):
    """One server database as the app and the admin command use it: accounts
    (:class:`~.accounts.Accounts`), sessions (:class:`~.sessions.Sessions`), the access log
    (:class:`~.access_log.AccessLog`), the mutation log (:class:`~.sync.SyncLog`) and the
    laptops' log rows and their review (:class:`~.log_review.LogReview`) and the
    municipality's published material (:class:`~.municipality.MunicipalityBundles`)."""
