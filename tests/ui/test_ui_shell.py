"""The main window shell: navigation, shortcuts, accessibility, lock, settings, language."""

from __future__ import annotations

import pytest

from anhorigdesk.ui.qt import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QKeySequence,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPoint,
    QSpinBox,
    Qt,
    QTableView,
)
from anhorigdesk.ui.settings import AppSettings, Preferences

PASSPHRASE = "en lang testfras"


@pytest.fixture
def controller(app_window):
    return app_window[0]


def _window(controller, qtbot):
    return controller.window


def test_default_language_is_swedish(controller, qtbot):
    window = _window(controller, qtbot)
    assert window.menus["file"].title() == "&Arkiv"
    assert window.sidebar.item(1).text() == "Anhöriga"
    assert window.windowTitle() == "Hem — AnhörigDesk"


def test_switching_language_changes_visible_labels(controller, qtbot, save_screenshot):
    window = _window(controller, qtbot)
    home = window.pages["home"]
    assert home.heading.text() == "Hem"
    prefs = controller.ctx.prefs
    controller.set_preferences(Preferences("en", prefs.larger_text, prefs.idle_lock_minutes))
    qtbot.waitUntil(lambda: home.heading.text() == "Home")
    assert window.menus["file"].title() == "&File"
    assert window.sidebar.item(1).text() == "Carers"
    assert AppSettings().load().language == "en"
    save_screenshot(window, "home_en")
    controller.set_preferences(Preferences("sv", prefs.larger_text, prefs.idle_lock_minutes))
    qtbot.waitUntil(lambda: home.heading.text() == "Hem")


def test_every_action_has_a_shortcut_or_is_a_menu_toggle(controller, qtbot):
    window = _window(controller, qtbot)
    without = [n for n, a in window.actions_by_name.items() if a.shortcut().isEmpty()]
    assert set(without) <= {"show_toolbar", "about"}
    keys = [a.shortcut().toString() for a in window.actions_by_name.values() if not a.shortcut().isEmpty()]
    assert len(keys) == len(set(keys)), "two actions share a shortcut"


def test_every_control_has_an_accessible_name(controller, qtbot):
    window = _window(controller, qtbot)
    kinds = (QAbstractButton, QLineEdit, QPlainTextEdit, QComboBox, QSpinBox, QListWidget, QTableView)
    for page in window.pages.values():
        window.navigate(next(k for k, p in window.pages.items() if p is page))
        widgets = [w for kind in kinds for w in page.findChildren(kind)]
        for widget in widgets:
            if not widget.isVisibleTo(page) or widget.objectName().startswith("qt_"):
                continue  # hidden, or a part of a composite control (a spin box's line edit)
            name = widget.accessibleName() or (isinstance(widget, QAbstractButton) and widget.text())
            assert name, f"{type(page).__name__}: {type(widget).__name__} {widget.objectName()} has no accessible name"


def test_keyboard_navigation_between_screens(controller, qtbot, save_screenshot):
    window = _window(controller, qtbot)
    window.activateWindow()
    qtbot.keyClick(window, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_name == "sync"
    assert window.sidebar.currentRow() == 3
    qtbot.keyClick(window, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert window.current_page_name == "shortterm"
    save_screenshot(window, "shortterm")
    window.navigate("sync")
    save_screenshot(window, "sync")
    window.sidebar.setCurrentRow(0)
    assert window.current_page_name == "home"


def test_lock_hides_everything_and_passphrase_unlocks(controller, qtbot, save_screenshot):
    window = _window(controller, qtbot)
    qtbot.keyClick(window, Qt.Key.Key_L, Qt.KeyboardModifier.ControlModifier)
    assert window.locked
    assert window.central.currentWidget() is window.lock_screen
    assert not window.workspace.isVisible()
    assert window.windowTitle() == "Låst — AnhörigDesk"
    assert not window.actions_by_name["go_carers"].isEnabled()
    window.navigate("sync")
    assert window.current_page_name == "home"
    save_screenshot(window, "locked")

    screen = window.lock_screen
    screen.passphrase.setText("fel")
    screen.unlock_button.click()
    qtbot.waitUntil(lambda: screen.unlock_button.isEnabled())
    assert window.locked
    assert screen.error.text() != ""

    qtbot.keyClicks(screen.passphrase, PASSPHRASE)
    with qtbot.waitSignal(window.locked_changed, timeout=5000) as blocker:
        qtbot.keyClick(screen.passphrase, Qt.Key.Key_Return)
    assert blocker.args == [False]
    assert not window.locked
    assert window.workspace.isVisible()
    assert screen.passphrase.text() == ""


def test_idle_time_locks_the_profile(controller, qtbot):
    window = _window(controller, qtbot)
    window.idle_watcher.set_interval_ms(50)
    qtbot.waitUntil(lambda: window.locked, timeout=3000)
    assert window.central.currentWidget() is window.lock_screen


def test_activity_postpones_the_idle_lock(controller, qtbot):
    """Input is counted where the window system delivers it: on the top-level window (the
    keys go through ``QWindow`` like a user's, not straight to a widget)."""
    window = _window(controller, qtbot)
    window.idle_watcher.set_interval_ms(400)
    for _ in range(6):
        qtbot.wait(100)
        qtbot.keyClick(window.windowHandle(), Qt.Key.Key_Down)
    assert not window.locked
    assert window.sidebar.currentRow() > 0  # the keys reached the focused widget


def test_activity_in_a_dialog_postpones_the_idle_lock(controller, qtbot):
    window = _window(controller, qtbot)
    dialog = controller.open_settings()
    qtbot.waitExposed(dialog)
    dialog.activateWindow()
    qtbot.waitUntil(lambda: dialog.windowHandle() in window.idle_watcher.watched_windows)
    window.idle_watcher.set_interval_ms(400)
    center = dialog.rect().center()
    for step in range(6):
        qtbot.wait(100)
        qtbot.mouseMove(dialog.windowHandle(), center + QPoint(step % 2 * 5, 0))
    assert not window.locked
    dialog.reject()


def test_settings_dialog_applies_larger_text_and_lock_minutes(controller, qtbot, save_screenshot):
    window = _window(controller, qtbot)
    before = QApplication.font().pointSizeF()
    heading_before = window.pages["home"].heading.font().pointSizeF()
    dialog = controller.open_settings()
    qtbot.waitExposed(dialog)
    assert dialog.language.currentText() == "Svenska"
    assert dialog.windowTitle() == "Inställningar"
    dialog.larger_text.setChecked(True)
    dialog.idle_minutes.setValue(12)
    dialog.accept()
    assert QApplication.font().pointSizeF() > before
    assert window.pages["home"].heading.font().pointSizeF() > heading_before
    assert window.idle_watcher.interval_ms == 12 * 60_000
    assert window.actions_by_name["larger_text"].isChecked()
    saved = AppSettings().load()
    assert saved.larger_text and saved.idle_lock_minutes == 12
    qtbot.wait(50)
    save_screenshot(window, "home_larger_text")
    window.actions_by_name["larger_text"].trigger()
    assert QApplication.font().pointSizeF() == before


def test_shortcut_list_names_the_keys(controller, qtbot):
    window = _window(controller, qtbot)
    window.show_shortcuts()
    from anhorigdesk.ui.qt import QMessageBox

    boxes = [w for w in QApplication.topLevelWidgets() if isinstance(w, QMessageBox) and w.isVisible()]
    assert boxes
    text = boxes[-1].text()
    assert QKeySequence("Ctrl+L").toString(QKeySequence.SequenceFormat.NativeText) in text
    assert "Lås" in text
    boxes[-1].close()


def test_change_the_passphrase_from_the_file_menu(app_window, qtbot, wait_idle):
    """Arkiv → Byt lösenfras: the key is wrapped again; the lock screen takes the new one."""
    from anhorigdesk.profiles import ProfileManager

    ctrl, window = app_window
    action = window.actions_by_name["change_passphrase"]
    assert action.isEnabled() and action.text() == "Byt lö&senfras…"
    dialog = window.change_passphrase()
    dialog.old.setText("fel gammal fras")
    dialog.new.setText("en helt ny testfras")
    dialog.repeat.setText("en helt ny testfraz")
    assert dialog.error.text() == "De nya lösenfraserna är olika."
    dialog.repeat.setText("en helt ny testfras")
    task = dialog.accept()
    qtbot.waitUntil(lambda: task.is_done, timeout=10_000)
    assert dialog.error.text() == "Fel lösenfras." and dialog.isVisible()
    dialog.old.setText("en lang testfras")
    dialog.accept()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=10_000)
    unlocker = ctrl.ctx.workspace.unlocker
    assert unlocker.verify("en helt ny testfras") and not unlocker.verify("en lang testfras")
    profile = ProfileManager(ctrl.ctx.data_dir).get(ctrl.ctx.workspace.profile.id)
    ProfileManager(ctrl.ctx.data_dir).unlock(profile, "en helt ny testfras").close()
