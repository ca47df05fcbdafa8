"""What the windows share: preferences, the task runner, the language switcher, the session."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from anhorigdesk.ui.i18n import LanguageSwitcher
from anhorigdesk.ui.lock import Unlocker
from anhorigdesk.ui.settings import AppSettings, Preferences
from anhorigdesk.ui.tasks import TaskRunner


@dataclass
class Session:
    """An open profile: its repository (the core's API) and who is working.

    ``repository`` and ``actor`` are the core's objects; the UI only calls them on
    worker threads through the task runner.
    """

    profile_name: str
    repository: Any
    actor: Any
    unlocker: Unlocker | None = None
    close: Any = None  # callable that closes the store cleanly
    profile: Any = None  # the core's Profile (id, unit, how the key is kept)


@dataclass
class AppContext:
    data_dir: Path
    settings: AppSettings
    prefs: Preferences
    runner: TaskRunner
    languages: LanguageSwitcher
    session: Session | None = None
    extras: dict[str, Any] = field(default_factory=dict)
