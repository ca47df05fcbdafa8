from __future__ import annotations

import pytest

from anhorigdesk.scheduling import ScheduleRules
from tests.scheduling.sched_helpers import FLAG_RULES


@pytest.fixture
def rules() -> ScheduleRules:
    return ScheduleRules.with_flags(FLAG_RULES)
