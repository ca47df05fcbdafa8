from __future__ import annotations

import sys

import pytest

from anhorigdesk.ui.crash import CrashHandler, LogRing, format_report


def _raise_with_personal_data():
    secret_name = "Testa Testsson 19121212-1212"
    try:
        {}[secret_name]
    except KeyError as exc:
        raise ValueError(f"could not find {secret_name}") from exc


def test_report_has_type_names_and_frames_but_no_messages_or_values():
    try:
        _raise_with_personal_data()
    except ValueError:
        report = format_report(*sys.exc_info())
    assert "Testa" not in report and "19121212" not in report
    assert "ValueError" in report and "KeyError" in report
    assert "_raise_with_personal_data" in report
    assert "direct cause" in report


def test_log_ring_keeps_templates_not_arguments():
    import logging

    ring = LogRing()
    logger = logging.getLogger("anhorigdesk.test")
    logger.addHandler(ring)
    try:
        logger.warning("opened %s", "Testa Testsson")
    finally:
        logger.removeHandler(ring)
    assert ring.lines and "Testa" not in ring.lines[-1] and "opened %s" in ring.lines[-1]


def test_excepthook_writes_report_and_shows_it(tmp_path, capsys):
    shown = []
    handler = CrashHandler(tmp_path, show=lambda report, path: shown.append((report, path)))
    handler.install()
    try:
        try:
            _raise_with_personal_data()
        except ValueError:
            sys.excepthook(*sys.exc_info())
    finally:
        handler.uninstall()
    reports = list((tmp_path / "crash").glob("crash-*.txt"))
    assert len(reports) == 1
    text = reports[0].read_text(encoding="utf-8")
    assert "Testa" not in text and "ValueError" in text
    assert shown and shown[0][1] == reports[0]
    assert (tmp_path / "crash" / "faulthandler.log").exists()
    assert "Testa" not in capsys.readouterr().err


def test_crash_dialog_copies_the_report(qtbot, tmp_path):
    from anhorigdesk.ui.crash_dialog import CrashDialog
    from anhorigdesk.ui.qt import QApplication

    dialog = CrashDialog("report text", tmp_path / "crash" / "x.txt")
    qtbot.addWidget(dialog)
    dialog.copy_button.click()
    assert QApplication.clipboard().text() == "report text"
    assert dialog.text.isReadOnly()


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_reaches_the_crash_handler(qtbot, tmp_path):
    from anhorigdesk.ui.qt import QTimer

    shown = []
    handler = CrashHandler(tmp_path, show=lambda report, path: shown.append(report))
    handler.install()
    try:
        def slot():
            raise RuntimeError("Testa Testsson")

        QTimer.singleShot(0, slot)
        qtbot.waitUntil(lambda: bool(shown), timeout=3000)
    finally:
        handler.uninstall()
    assert "RuntimeError" in shown[0] and "Testa" not in shown[0]
    assert "in slot" in shown[0]
