"""The store declares every synced entity, the scheduling ones too, without importing
scheduling; the choices it checks are scheduling's own vocabulary."""

from __future__ import annotations

import ast
import subprocess
import sys

from anhorigdesk.scheduling.records import SettingKind
from anhorigdesk.scheduling.texts import ended_because_codes
from anhorigdesk.store.entities import ENDED_BECAUSE, ENTITIES, SCHEDULE_SETTING, SETTING_KINDS


def test_schedule_setting_choices_are_schedulings_own() -> None:
    assert tuple(kind.value for kind in SettingKind) == SETTING_KINDS
    assert tuple(sorted(ended_because_codes())) == ENDED_BECAUSE
    assert SCHEDULE_SETTING.choices == {"kind": SETTING_KINDS, "ended_because": ENDED_BECAUSE}


def test_every_synced_entity_is_known_to_a_store_opened_without_scheduling() -> None:
    # a fresh interpreter that imports only the store (as the sync replica, the sign-out
    # wipe or a profile backup may): the scheduling entities are there, scheduling is not
    code = (
        "import sys\n"
        "from anhorigdesk.store.entities import ENTITIES\n"
        "print(sorted(ENTITIES))\n"
        "print(sorted(m for m in sys.modules if m.startswith('anhorigdesk.')))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    names, modules = out.stdout.splitlines()
    assert ast.literal_eval(names) == sorted(ENTITIES) == [
        "cared_for", "carer", "carer_card", "carer_schedule", "case_event", "consent", "entry", "follow_up_task", "relation",
        "schedule_setting", "staff", "unit",
    ]
    above = {"scheduling", "forms", "sync", "ui"}
    assert not [m for m in ast.literal_eval(modules) if m.split(".")[1] in above]
