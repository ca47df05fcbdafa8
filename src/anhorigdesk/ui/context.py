"""What the windows share: preferences, the task runner, the language switcher, the open
profile's :class:`~anhorigdesk.workspace.Workspace`, and the window's own helpers."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from anhorigdesk.scheduling.clock import Clock, SystemClock
from anhorigdesk.ui.i18n import LanguageSwitcher
from anhorigdesk.ui.settings import AppSettings, Preferences
from anhorigdesk.ui.tasks import TaskRunner

if TYPE_CHECKING:  # loaded with the main window, not before the picker
    from anhorigdesk.ui.scheduling.service import AgendaService
    from anhorigdesk.ui.sync.controller import SyncController
    from anhorigdesk.workspace import Workspace

#: ``print_carer(page, carer_id)`` / ``print_entry(page, carer_id, entry_id)``: the print dialog
PrintCarer = Callable[[Any, str], Any]
PrintEntry = Callable[[Any, str, str], Any]


@dataclass
class AppContext:
    """``workspace``: the open profile (None before one opens and after it closes); the UI
    calls its methods only on worker threads through ``runner``. ``clock``: the clock a
    profile opened from now on uses (a test sets a ``FixedClock`` before opening). ``sync``,
    ``agenda`` and the print actions belong to the open main window (Qt objects)."""

    data_dir: Path
    settings: AppSettings
    prefs: Preferences
    runner: TaskRunner
    languages: LanguageSwitcher
    workspace: Workspace | None = None
    clock: Clock = field(default_factory=SystemClock)
    #: the open profile's sync controller (ui/sync); None for a demo profile and before it starts
    sync: SyncController | None = None
    #: the due lists' service (ui/scheduling/service.py), once the main window has its pages
    agenda: AgendaService | None = None
    #: the print dialog on a carer or an entry (ui/printing), once printing is installed
    print_carer: PrintCarer | None = None
    print_entry: PrintEntry | None = None
