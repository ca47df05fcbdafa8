from __future__ import annotations

import pytest
from sched_helpers import FLAG_RULES

from anhorigdesk.scheduling import ScheduleRules


@pytest.fixture
def rules() -> ScheduleRules:
    return ScheduleRules.with_flags(FLAG_RULES)
