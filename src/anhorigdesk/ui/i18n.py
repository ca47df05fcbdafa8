"""Loading and switching the UI language.

Source strings in the code are English; Swedish lives in
``resources/translations/anhorigdesk_sv.qm`` and is the default UI language.
English needs no catalogue, but ``anhorigdesk_en.qm`` is shipped too (it carries
plural forms and keeps the pair symmetric).  Switching installs a new translator,
and Qt sends ``QEvent.LanguageChange`` to every widget, which retranslates itself.
"""

from __future__ import annotations

import logging
from pathlib import Path

from anhorigdesk.paths import translations_dir
from anhorigdesk.ui.qt import QCoreApplication, QLibraryInfo, QLocale, QTranslator
from anhorigdesk.ui.settings import LANGUAGES

log = logging.getLogger("anhorigdesk.ui.i18n")


class LanguageSwitcher:
    def __init__(self, app: QCoreApplication, directory: Path | None = None) -> None:
        self._app = app
        self._dir = directory if directory is not None else translations_dir()
        self._translators: list[QTranslator] = []
        self.language = ""

    def uninstall(self) -> None:
        """Remove this switcher's translators from the application."""
        for translator in self._translators:
            self._app.removeTranslator(translator)
            translator.deleteLater()
        self._translators = []

    def set_language(self, language: str) -> None:
        if language not in LANGUAGES:
            raise ValueError(f"unknown language {language!r}; expected one of {LANGUAGES}")
        self.uninstall()
        ours = QTranslator(self._app)
        path = self._dir / f"anhorigdesk_{language}.qm"
        if ours.load(str(path)):
            self._translators.append(ours)
        elif language != "en":
            log.warning("translation catalogue missing: %s", path.name)
        qt_base = QTranslator(self._app)
        if language != "en" and qt_base.load(
            f"qtbase_{language}", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
        ):
            self._translators.append(qt_base)
        for translator in self._translators:
            self._app.installTranslator(translator)
        QLocale.setDefault(QLocale(QLocale.Language.Swedish if language == "sv" else QLocale.Language.English, QLocale.Country.Sweden))
        self.language = language
