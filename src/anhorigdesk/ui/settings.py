"""User preferences kept in QSettings (the platform's own place and format)."""

from __future__ import annotations

from dataclasses import dataclass

from anhorigdesk.ui.qt import QCoreApplication, QSettings

ORGANIZATION_NAME = "AnhorigDesk"
ORGANIZATION_DOMAIN = "anhorigdesk.se"
APPLICATION_NAME = "AnhorigDesk"
APPLICATION_DISPLAY_NAME = "AnhörigDesk"

LANGUAGES = ("sv", "en")
DEFAULT_LANGUAGE = "sv"
DEFAULT_IDLE_LOCK_MINUTES = 5
MIN_IDLE_LOCK_MINUTES = 1
MAX_IDLE_LOCK_MINUTES = 120
LARGER_TEXT_FACTOR = 1.25


def set_application_names() -> None:
    """The names QSettings keeps the preferences under (static: also before the application
    object exists)."""
    QCoreApplication.setOrganizationName(ORGANIZATION_NAME)
    QCoreApplication.setOrganizationDomain(ORGANIZATION_DOMAIN)
    QCoreApplication.setApplicationName(APPLICATION_NAME)


@dataclass(frozen=True)
class Preferences:
    language: str = DEFAULT_LANGUAGE
    larger_text: bool = False
    idle_lock_minutes: int = DEFAULT_IDLE_LOCK_MINUTES
    last_profile: str = ""
    #: show the profile picker at every start; otherwise the only profile on the computer,
    #: when its key is in the keychain, opens at once (``AppController.start``)
    always_pick_profile: bool = False


class AppSettings:
    """Typed access to the preferences; invalid stored values fall back to defaults."""

    def __init__(self, settings: QSettings | None = None) -> None:
        self._settings = settings if settings is not None else QSettings()

    def load(self) -> Preferences:
        language = str(self._settings.value("ui/language", DEFAULT_LANGUAGE))
        if language not in LANGUAGES:
            language = DEFAULT_LANGUAGE
        larger = self._settings.value("ui/larger_text", False)
        larger_text = larger in (True, "true", "1", 1)
        try:
            minutes = int(self._settings.value("lock/idle_minutes", DEFAULT_IDLE_LOCK_MINUTES))
        except (TypeError, ValueError):
            minutes = DEFAULT_IDLE_LOCK_MINUTES
        minutes = max(MIN_IDLE_LOCK_MINUTES, min(MAX_IDLE_LOCK_MINUTES, minutes))
        last_profile = str(self._settings.value("profiles/last", "") or "")
        always_pick = self._settings.value("profiles/always_pick", False) in (True, "true", "1", 1)
        return Preferences(language, larger_text, minutes, last_profile, always_pick)

    def save(self, prefs: Preferences) -> None:
        if prefs.language not in LANGUAGES:
            raise ValueError(f"unknown language {prefs.language!r}; expected one of {LANGUAGES}")
        self._settings.setValue("ui/language", prefs.language)
        self._settings.setValue("ui/larger_text", bool(prefs.larger_text))
        self._settings.setValue("lock/idle_minutes", int(prefs.idle_lock_minutes))
        self._settings.setValue("profiles/last", prefs.last_profile)
        self._settings.setValue("profiles/always_pick", bool(prefs.always_pick_profile))
        self._settings.sync()

    def value(self, key: str, default: object = None) -> object:
        return self._settings.value(key, default)

    def set_value(self, key: str, value: object) -> None:
        self._settings.setValue(key, value)
