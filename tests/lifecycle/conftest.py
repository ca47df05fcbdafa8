from __future__ import annotations

from datetime import UTC, datetime

import pytest

from anhorigdesk.profiles import ProfileManager
from anhorigdesk.scheduling import FixedClock
from anhorigdesk.workspace import Workspace


@pytest.fixture
def workspace(data_dir):
    opened = ProfileManager(data_dir).create("Testa Testsson", "Anhörigstöd Exempelby", passphrase="en lång lösenfras")
    ws = Workspace.open(opened, clock=FixedClock(datetime(2026, 11, 27, 9, 0, tzinfo=UTC)))
    yield ws
    ws.close()
