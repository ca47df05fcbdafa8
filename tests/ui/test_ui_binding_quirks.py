"""The Qt facade's work-arounds for binding bugs."""

from __future__ import annotations

import sys

from anhorigdesk.ui.qt import QSettings, Qt


def test_invalid_qvariants_do_not_exhaust_none(tmp_path):
    """PySide6 6.12.0 loses a reference to None per invalid QVariant it converts; the
    facade makes None immortal so a long working day cannot abort the process."""
    from PySide6.QtCore import QStringListModel

    model = QStringListModel(["Åsa"])
    settings = QSettings(str(tmp_path / "s.ini"), QSettings.Format.IniFormat)
    start = sys.getrefcount(None)
    for _ in range(20_000):  # far more than None's ordinary reference count here
        assert model.index(0, 0).data(Qt.ItemDataRole.UserRole) is None
        assert settings.value("missing") is None
    assert sys.getrefcount(None) > 1 << 39
    assert sys.getrefcount(None) - start > -100_000


def test_true_and_false_cannot_be_freed():
    """The same binding loses references to True and False (a scripted run aborted at exit
    with "bool_dealloc"); the facade gives them counts they cannot lose."""
    assert sys.getrefcount(True) > 1 << 39
    assert sys.getrefcount(False) > 1 << 39
