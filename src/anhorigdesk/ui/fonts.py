"""Make sure text renders: without any font Qt silently draws empty boxes."""

from __future__ import annotations

import logging
from pathlib import Path

from anhorigdesk.paths import fonts_dir
from anhorigdesk.ui.qt import QFontDatabase

log = logging.getLogger("anhorigdesk.ui.fonts")

# Where Debian/Ubuntu's fonts-dejavu-core puts the font (and a few other common places).
SYSTEM_DEJAVU = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
)


def ensure_fonts(shipped_dir: Path | None = None) -> str | None:
    """Load the shipped DejaVu Sans (``resources/fonts``) if present, otherwise rely on
    the system's fonts; if the system has no font at all, load DejaVu from a known path.

    Returns the family to use as the application font, or None to keep Qt's default.
    Must run after the QApplication exists.
    """
    directory = shipped_dir if shipped_dir is not None else fonts_dir()
    candidates = [directory / "DejaVuSans.ttf", directory / "DejaVuSans-Bold.ttf"]
    family: str | None = None
    for path in candidates:
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0 and family is None:
                families = QFontDatabase.applicationFontFamilies(font_id)
                family = families[0] if families else None
    if family is not None:
        log.info("using the shipped font")
        return family
    if QFontDatabase.families():
        return None
    for path in SYSTEM_DEJAVU:
        if path.is_file():
            font_id = QFontDatabase.addApplicationFont(str(path))
            if font_id >= 0:
                families = QFontDatabase.applicationFontFamilies(font_id)
                if families:
                    return families[0]
    log.warning("no font found: install fonts-dejavu-core or ship resources/fonts/DejaVuSans.ttf")
    return None
