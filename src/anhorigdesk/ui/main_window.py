"""The main window: sidebar, stacked screens, menus, toolbar, status bar, lock."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.demo_mark import DemoBadge, demo_text, is_demo
from anhorigdesk.ui.lock import IdleWatcher, LockScreen
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import (
    QAction,
    QApplication,
    QCloseEvent,
    QEvent,
    QHBoxLayout,
    QKeySequence,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QSize,
    QStackedWidget,
    Qt,
    QToolBar,
    QToolButton,
    QWidget,
    Signal,
)

log = logging.getLogger("anhorigdesk.ui.window")

NAV_KEYS = ("home", "carers", "shortterm", "sync", "followup")
_FALLBACK_KEYS = {"settings": "Ctrl+,", "quit": "Ctrl+Q", "shortcuts": "F1", "print": "Ctrl+P"}


class PageDirectory(Mapping[str, Page]):
    """The window's screens by name, in the order they were registered.

    A screen registered with ``add_lazy`` is built the first time it is looked up
    (``pages[name]``, ``pages.get(name)``, navigating to it, or going through
    ``values()``/``items()``); one builder may add several screens. ``name in pages`` is
    true for a registered screen, built or not. ``built(name)`` and ``built_pages()``
    never build one: what is not built has nothing to save, lock or refresh.
    """

    def __init__(self) -> None:
        self._built: dict[str, Page] = {}
        self._order: list[str] = []
        self._builders: dict[str, Callable[[], None]] = {}

    def __getitem__(self, name: str) -> Page:
        page = self._built.get(name)
        if page is not None:
            return page
        builder = self._builders.get(name)
        if builder is None:
            raise KeyError(name)
        for other in [n for n, b in self._builders.items() if b is builder]:
            del self._builders[other]  # built once, even if the builder fails half-way
        builder()
        if name not in self._built:
            raise KeyError(f"the builder registered for {name!r} did not add it")
        return self._built[name]

    def __iter__(self) -> Iterator[str]:
        return iter(list(self._order))

    def __len__(self) -> int:
        return len(self._order)

    def __contains__(self, name: object) -> bool:
        return name in self._built or name in self._builders

    def built(self, name: str) -> Page | None:
        return self._built.get(name)

    def built_pages(self) -> list[Page]:
        return list(self._built.values())

    def add_lazy(self, names: Iterable[str], builder: Callable[[], None]) -> None:
        for name in names:
            if name in self:
                raise ValueError(f"a page named {name!r} is already registered")
            self._builders[name] = builder
            self._order.append(name)

    def _add(self, name: str, page: Page) -> None:
        if name in self._built:
            raise ValueError(f"a page named {name!r} is already registered")
        self._builders.pop(name, None)  # added directly: that page, not the lazy one
        self._built[name] = page
        if name not in self._order:
            self._order.append(name)


class MainWindow(QMainWindow):
    """The window of one open profile.

    Pages are registered with ``add_page``; ``navigate(name, argument)`` shows one.
    The window title only ever names the application and the page kind.
    """

    locked_changed = Signal(bool)
    data_changed = Signal()
    #: a screen was added (name, page): built at start, or on its first visit
    page_added = Signal(str, object)
    settings_requested = Signal()
    # True while the database key changes (the app pauses sync and its other store users)
    maintenance_changed = Signal(bool)
    larger_text_toggled = Signal(bool)

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.setObjectName("mainWindow")
        self.pages = PageDirectory()
        self.current_page_name = ""
        self.current_carer_id: str | None = None
        self.locked = False
        self._idle: IdleWatcher | None = None
        self._quit_confirmed = False
        #: thread pools of the other users of the store (sync, background work), waited
        #: for before the database key changes; the app controller fills it in
        self.store_pools: list[Any] = []
        self.in_maintenance = False
        # a profile of fictional demo data: marked in the title and the status bar, never synced
        self.demo = is_demo(ctx.workspace)

        # create
        self.sidebar = QListWidget(self)
        self.sidebar.setObjectName("sidebar")
        self.sidebar.setFixedWidth(190)
        self.sidebar.setSpacing(2)
        self.sidebar.setIconSize(QSize(20, 20))
        self.sidebar.setFrameShape(QListWidget.Shape.NoFrame)
        # Roomier rows; colours stay the palette's (light and dark schemes).
        self.sidebar.setStyleSheet(
            "QListWidget#sidebar { background: palette(base); border-right: 1px solid palette(mid);"
            " outline: 0; }"
            "QListWidget#sidebar::item { padding: 7px 12px; }"
        )
        for _ in NAV_KEYS:
            QListWidgetItem(self.sidebar)
        self.stack = QStackedWidget(self)
        self.stack.setObjectName("pages")
        self.workspace = QWidget(self)
        self.lock_screen = LockScreen(ctx.runner, self)
        self.central = QStackedWidget(self)
        self.sync_label = QLabel(self)
        self.pending_label = QLabel(self)
        self.busy_bar = QProgressBar(self)
        self.busy_bar.setMaximumWidth(160)
        self.busy_bar.setTextVisible(False)
        self.busy_bar.hide()
        self.cancel_button = QToolButton(self)
        self.cancel_button.hide()
        self.actions_by_name: dict[str, QAction] = {}
        self._create_actions()
        self.menus: dict[str, QMenu] = {}
        self._create_menus()
        self.toolbar = QToolBar(self)
        self.toolbar.setObjectName("mainToolbar")
        self.toolbar.setMovable(False)
        self.toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        for name in ("new_carer", "new_conversation", "find", None, "print", "sync_now", None, "lock"):
            if name is None:
                self.toolbar.addSeparator()
            else:
                self.toolbar.addAction(self.actions_by_name[name])

        # connect
        self.sidebar.currentRowChanged.connect(self._on_sidebar_row)
        self.lock_screen.unlocked.connect(self.unlock)
        ctx.runner.busy_changed.connect(self._on_busy)
        ctx.runner.progress.connect(self._on_progress)
        self.cancel_button.clicked.connect(ctx.runner.cancel_all)

        # assemble
        layout = QHBoxLayout(self.workspace)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.sidebar)
        layout.addWidget(self.stack, 1)
        self.central.addWidget(self.workspace)
        self.central.addWidget(self.lock_screen)
        self.setCentralWidget(self.central)
        self.addToolBar(self.toolbar)
        status = self.statusBar()
        if self.demo:
            self.demo_badge = DemoBadge(self)
            status.addPermanentWidget(self.demo_badge)
        status.addPermanentWidget(self.busy_bar)
        status.addPermanentWidget(self.cancel_button)
        status.addPermanentWidget(self.pending_label)
        status.addPermanentWidget(self.sync_label)
        self.resize(1100, 720)
        self.retranslate()
        self.update_actions()

    # ----------------------------------------------------------------- actions
    def _create_actions(self) -> None:
        specs: list[tuple[str, QKeySequence | str | None, Callable[[], None] | None]] = [
            ("new_carer", QKeySequence.StandardKey.New, lambda: self.navigate("carer_edit", None)),
            ("edit_carer", "Ctrl+E", self._edit_current_carer),
            ("new_conversation", "Ctrl+Shift+N", lambda: self._carer_action("conversation")),
            ("start_plan", "Ctrl+Shift+S", lambda: self._carer_action("plan")),
            ("check_in", "Ctrl+Shift+K", lambda: self._carer_action("checkin")),
            ("korttid", "Ctrl+Shift+T", lambda: self._carer_action("korttid")),
            ("print", QKeySequence.StandardKey.Print, lambda: self._carer_action("print")),
            ("print_entry", "Ctrl+Shift+P", lambda: self._carer_action("print_entry")),  # ui/printing
            ("lock", "Ctrl+L", self.lock),
            ("change_passphrase", "Ctrl+Shift+L", self.change_passphrase),
            ("rekey", "Ctrl+Alt+Shift+L", self.rekey_database),
            ("backup_profile", "Ctrl+Alt+Shift+B", self.backup_profile),
            ("restore_profile", "Ctrl+Alt+Shift+R", self.restore_profile),
            ("settings", QKeySequence.StandardKey.Preferences, self.settings_requested.emit),
            ("quit", QKeySequence.StandardKey.Quit, self.close),
            ("undo", QKeySequence.StandardKey.Undo, self._undo),
            ("redo", QKeySequence.StandardKey.Redo, self._redo),
            ("find", QKeySequence.StandardKey.Find, self._find),
            ("go_home", "Ctrl+1", lambda: self.navigate("home")),
            ("go_carers", "Ctrl+2", lambda: self.navigate("carers")),
            ("go_shortterm", "Ctrl+3", lambda: self.navigate("shortterm")),
            ("go_sync", "Ctrl+4", lambda: self.navigate("sync")),
            ("larger_text", "Ctrl++", None),
            ("show_toolbar", None, None),
            ("sync_now", "F5", lambda: self._page_action("sync", "sync_now")),
            ("shortcuts", QKeySequence.StandardKey.HelpContents, self.show_shortcuts),
            ("about", None, self.show_about),
        ]
        for name, shortcut, slot in specs:
            action = QAction(self)
            action.setObjectName(f"action_{name}")
            if shortcut is not None:
                action.setShortcut(QKeySequence(shortcut))
                if action.shortcut().isEmpty() and name in _FALLBACK_KEYS:
                    # The platform has no standard key for it (Preferences on some desktops).
                    action.setShortcut(QKeySequence(_FALLBACK_KEYS[name]))
            if slot is not None:
                action.triggered.connect(slot)
            self.actions_by_name[name] = action
            self.addAction(action)  # shortcuts work while the toolbar is hidden
        self.actions_by_name["quit"].setMenuRole(QAction.MenuRole.QuitRole)
        self.actions_by_name["settings"].setMenuRole(QAction.MenuRole.PreferencesRole)
        self.actions_by_name["about"].setMenuRole(QAction.MenuRole.AboutRole)
        larger = self.actions_by_name["larger_text"]
        larger.setCheckable(True)
        larger.setChecked(self.ctx.prefs.larger_text)
        larger.toggled.connect(self.larger_text_toggled)
        toolbar_action = self.actions_by_name["show_toolbar"]
        toolbar_action.setCheckable(True)
        toolbar_action.setChecked(True)
        toolbar_action.toggled.connect(lambda on: self.toolbar.setVisible(on))

    def _create_menus(self) -> None:
        layout = {
            "file": ["new_carer", None, "print", None, "sync_now", None, "lock", "change_passphrase", "rekey", None,
                     "backup_profile", "restore_profile", None, "settings", None,
                     "quit"],
            "edit": ["undo", "redo", None, "find"],
            "view": ["go_home", "go_carers", "go_shortterm", "go_sync", None, "larger_text", "show_toolbar"],
            "carer": ["new_carer", "edit_carer", None, "new_conversation", "start_plan", "check_in", "korttid", None,
                      "print", "print_entry"],
            "help": ["shortcuts", None, "about"],
        }
        bar = self.menuBar()
        for key, names in layout.items():
            menu = bar.addMenu("")
            menu.setObjectName(f"menu_{key}")
            for name in names:
                if name is None:
                    menu.addSeparator()
                else:
                    menu.addAction(self.actions_by_name[name])
            self.menus[key] = menu

    def retranslate(self) -> None:
        texts = {
            "new_carer": (self.tr("&New carer…"), self.tr("Register a new carer")),
            "edit_carer": (self.tr("&Edit carer…"), self.tr("Edit the open carer's details")),
            "new_conversation": (self.tr("New &conversation"), self.tr("Write a conversation note for the open carer")),
            "start_plan": (self.tr("Start &support plan"), self.tr("Start a support plan (stödplan) with the open carer")),
            "check_in": (self.tr("Voluntariness &check-in"), self.tr("Ask whether the caring is still voluntary")),
            "korttid": (self.tr("Short-term &stay"), self.tr("Follow a short-term stay (korttid) with the open carer")),
            "print": (self.tr("&Print…"), self.tr("Print a document for the open carer")),
            "print_entry": (self.tr("Print the selected entr&y…"),
                            self.tr("Print the entry selected on the open carer's timeline")),
            "lock": (self.tr("&Lock"), self.tr("Lock the profile now")),
            "change_passphrase": (self.tr("Change pass&phrase…"),
                                  self.tr("Change the passphrase that unlocks this profile")),
            "rekey": (self.tr("Change the database &key…"),
                      self.tr("Encrypt this profile's database again with a new key")),
            "backup_profile": (self.tr("&Back up profile…"),
                               self.tr("Write an encrypted backup of this profile to a file")),
            "restore_profile": (self.tr("Res&tore profile…"),
                                self.tr("Restore a profile from a backup file")),
            "settings": (self.tr("&Settings…"), self.tr("Language, text size and lock time")),
            "quit": (self.tr("&Quit"), self.tr("Close AnhörigDesk")),
            "undo": (self.tr("&Undo"), self.tr("Undo the last edit")),
            "redo": (self.tr("&Redo"), self.tr("Redo the last undone edit")),
            "find": (self.tr("&Find carer"), self.tr("Search among the carers")),
            "go_home": (self.tr("&Home"), self.tr("Show the home screen")),
            "go_carers": (self.tr("&Carers"), self.tr("Show the list of carers")),
            "go_shortterm": (self.tr("&Short-term unit"), self.tr("Show the short-term unit")),
            "go_sync": (self.tr("S&ync"), self.tr("Show the sync state")),
            "larger_text": (self.tr("&Larger text"), self.tr("Make all text larger")),
            "show_toolbar": (self.tr("&Toolbar"), self.tr("Show or hide the toolbar")),
            "sync_now": (self.tr("Sync &now"), self.tr("Sync with the server now")),
            "shortcuts": (self.tr("&Keyboard shortcuts"), self.tr("List every keyboard shortcut")),
            "about": (self.tr("&About AnhörigDesk"), self.tr("Version and licence")),
        }
        for name, (text, tip) in texts.items():
            action = self.actions_by_name[name]
            action.setText(text)
            action.setStatusTip(tip)
            shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        # The toolbar shows short labels.
        self.actions_by_name["new_carer"].setIconText(self.tr("New carer"))
        self.actions_by_name["new_conversation"].setIconText(self.tr("Conversation"))
        self.actions_by_name["find"].setIconText(self.tr("Find"))
        self.actions_by_name["print"].setIconText(self.tr("Print"))
        self.actions_by_name["sync_now"].setIconText(self.tr("Sync"))
        self.actions_by_name["lock"].setIconText(self.tr("Lock"))
        self.menus["file"].setTitle(self.tr("&File"))
        self.menus["edit"].setTitle(self.tr("&Edit"))
        self.menus["view"].setTitle(self.tr("&View"))
        self.menus["carer"].setTitle(self.tr("&Carer"))
        self.menus["help"].setTitle(self.tr("&Help"))
        self.toolbar.setWindowTitle(self.tr("Toolbar"))
        self.toolbar.setAccessibleName(self.tr("Toolbar"))
        nav_texts = [self.tr("Home"), self.tr("Carers"), self.tr("Short-term unit"), self.tr("Sync"),
                     self.tr("Follow-up")]
        for row, text in enumerate(nav_texts):
            item = self.sidebar.item(row)
            item.setText(text)
            item.setData(Qt.ItemDataRole.AccessibleTextRole, text)
        self.sidebar.setAccessibleName(self.tr("Navigation"))
        self.stack.setAccessibleName(self.tr("Current screen"))
        self.busy_bar.setAccessibleName(self.tr("Work in progress"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.cancel_button.setAccessibleName(self.tr("Cancel the running work"))
        self.sync_label.setAccessibleName(self.tr("Sync state"))
        if self.demo:
            self.demo_badge.retranslate()
        self.pending_label.setAccessibleName(self.tr("Changes not yet synced"))
        self.set_sync_state(self._sync_state if hasattr(self, "_sync_state") else None)
        self.set_pending_changes(getattr(self, "_pending", None))
        self._update_title()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------------- pages
    def add_page(self, name: str, page: Page) -> None:
        self.pages._add(name, page)
        self.stack.addWidget(page)
        page.navigate.connect(self.navigate)
        page.status_message.connect(lambda text: self.statusBar().showMessage(text, 5000))
        page.data_changed.connect(self.data_changed)
        self.page_added.emit(name, page)

    def add_lazy_pages(self, names: Iterable[str], build: Callable[[], None]) -> None:
        """Register screens that ``build()`` adds (with ``add_page``) when one of them is
        first needed: the window opens with only what it shows first."""
        self.pages.add_lazy(names, build)

    def navigate(self, name: str, argument: object = None) -> None:
        if self.locked:
            return
        page = self.pages.get(name)
        if page is None:
            log.warning("no page named %s", name)
            return
        previous = self.pages.built(self.current_page_name)
        if previous is not None and previous is not page:
            previous.save_draft_now()
        if name not in ("carer", "carer_edit", "entry", "form"):
            self.set_current_carer(None)
        self.current_page_name = name
        self.stack.setCurrentWidget(page)
        row = NAV_KEYS.index(page.nav_key)
        if self.sidebar.currentRow() != row:
            self.sidebar.blockSignals(True)
            self.sidebar.setCurrentRow(row)
            self.sidebar.blockSignals(False)
        page.on_shown(argument)
        self._update_title()
        self.update_actions()

    def _on_sidebar_row(self, row: int) -> None:
        if 0 <= row < len(NAV_KEYS):
            self.navigate(NAV_KEYS[row])

    def change_passphrase(self) -> Any:
        from anhorigdesk.ui.passphrase_dialog import ChangePassphraseDialog

        dialog = ChangePassphraseDialog(self.ctx, self)
        dialog.changed.connect(lambda: self.statusBar().showMessage(self.tr("The passphrase is changed."), 5000))
        self.passphrase_dialog = dialog
        dialog.open()
        return dialog

    def rekey_database(self) -> Any:
        """Arkiv → Byt databasnyckel…: confirm, then change the key with progress
        (``ui/rekey_dialog.py``); sync and the idle lock pause meanwhile."""
        from anhorigdesk.ui.rekey_dialog import RekeyDialog

        dialog = RekeyDialog(self.ctx, self, pools=self.store_pools)
        dialog.busy_changed.connect(self._maintenance)
        dialog.rekeyed.connect(lambda: self.statusBar().showMessage(self.tr("The database key is changed."), 5000))
        self.rekey_dialog = dialog
        dialog.open()
        return dialog

    def backup_profile(self) -> Any:
        """Arkiv → Säkerhetskopiera profil… (``ui/profile_backup.py``)."""
        from anhorigdesk.ui.profile_backup import BackupDialog

        dialog = BackupDialog(self.ctx.runner, self.ctx.workspace, self)
        dialog.done.connect(lambda _path: self.statusBar().showMessage(self.tr("The backup is written."), 5000))
        self.backup_dialog = dialog
        dialog.open()
        return dialog

    def restore_profile(self) -> Any:
        """Arkiv → Återställ profil… (``ui/profile_backup.py``): never over the open profile."""
        from anhorigdesk.ui.profile_backup import RestoreDialog

        profile = getattr(self.ctx.workspace, "profile", None)
        dialog = RestoreDialog(self.ctx.runner, self.ctx.data_dir, self,
                               open_profile_id=getattr(profile, "id", None))
        self.restore_dialog = dialog
        dialog.open()
        return dialog

    def _maintenance(self, on: bool) -> None:
        self.in_maintenance = on
        if self._idle is not None:
            if on:
                self._idle.pause()
            elif not self.locked:
                self._idle.resume()
        self.maintenance_changed.emit(on)

    def set_current_carer(self, carer_id: str | None) -> None:
        """The carer whose record is open (enables the Carer menu's actions)."""
        self.current_carer_id = carer_id
        self.update_actions()

    def set_entry_kinds(self, kinds: set[str]) -> None:
        """Entry kinds that have an editor (support plan and check-in need the forms)."""
        self._entry_kinds = set(kinds)
        self.update_actions()

    def update_actions(self) -> None:
        unlocked = not self.locked
        has_carer = unlocked and self.current_carer_id is not None
        has_session = unlocked and self.ctx.workspace is not None
        kinds = getattr(self, "_entry_kinds", {"samtal"})
        for name, action in self.actions_by_name.items():
            if name == "start_plan":
                action.setEnabled(has_carer and "stodplan" in kinds)
            elif name == "check_in":
                action.setEnabled(has_carer and "frivillighet" in kinds)
            elif name == "change_passphrase":
                profile = getattr(self.ctx.workspace, "profile", None) if has_session else None
                action.setEnabled(getattr(profile, "key_storage", "") == "passphrase")
            elif name in ("rekey", "backup_profile"):
                action.setEnabled(has_session and getattr(self.ctx.workspace, "profile", None) is not None)
            elif name == "korttid":
                action.setEnabled(has_carer and "korttid" in kinds)
            elif name in ("edit_carer", "new_conversation", "print", "print_entry"):
                action.setEnabled(has_carer)
            elif name == "sync_now":
                action.setEnabled(has_session and not self.demo)  # a demo profile is never synced
            elif name in ("new_carer", "find"):
                action.setEnabled(has_session)
            elif name in ("quit", "about", "shortcuts", "settings", "larger_text", "show_toolbar"):
                action.setEnabled(True)
            else:
                action.setEnabled(unlocked)

    def _update_title(self) -> None:
        # Never personal data: only the application name and the kind of screen.
        # The mark goes before the trailing " — AnhörigDesk": Qt appends the application's
        # display name to a title that does not end with it, which would name it twice.
        demo = f" ({demo_text()})" if self.demo else ""
        if self.locked:
            text = self.tr("Locked — AnhörigDesk")
        else:
            page = self.pages.built(self.current_page_name)
            title = page.page_title() if page is not None else ""
            text = f"{title} — AnhörigDesk" if title else "AnhörigDesk"
        head, sep, tail = text.rpartition(" — ")
        self.setWindowTitle(f"{head}{demo}{sep}{tail}" if sep else f"{text}{demo}")

    def _edit_current_carer(self) -> None:
        if self.current_carer_id is not None:
            self.navigate("carer_edit", self.current_carer_id)

    def _carer_action(self, what: str) -> None:
        if self.current_carer_id is None:
            return
        page = self.pages.get("carer")
        if page is not None and hasattr(page, "run_action"):
            if self.current_page_name != "carer":
                self.navigate("carer", self.current_carer_id)
            page.run_action(what)

    def _page_action(self, page_name: str, method: str) -> None:
        page = self.pages.get(page_name)
        if page is not None and hasattr(page, method):
            getattr(page, method)()

    def _find(self) -> None:
        self.navigate("carers")
        page = self.pages.get("carers")
        if page is not None and hasattr(page, "focus_search"):
            page.focus_search()

    def _undo(self) -> None:
        widget = QApplication.focusWidget()
        if isinstance(widget, QLineEdit | QPlainTextEdit) or hasattr(widget, "undo"):
            widget.undo()

    def _redo(self) -> None:
        widget = QApplication.focusWidget()
        if isinstance(widget, QLineEdit | QPlainTextEdit) or hasattr(widget, "redo"):
            widget.redo()

    # -------------------------------------------------------------------- lock
    def start_idle_lock(self, minutes: int) -> None:
        if self._idle is None:
            self._idle = IdleWatcher(QApplication.instance(), minutes, self)
            self._idle.idle.connect(self.lock)
        else:
            self._idle.set_minutes(minutes)

    @property
    def idle_watcher(self) -> IdleWatcher | None:
        return self._idle

    def showEvent(self, event: QEvent) -> None:
        super().showEvent(event)
        if self._idle is not None:  # watched even if the window system does not focus it
            self._idle.watch(self.windowHandle())

    def lock(self) -> None:
        if self.locked:
            return
        for page in self.pages.built_pages():
            page.on_lock()
        # Close any secondary window (a dialog could show personal data).
        for widget in QApplication.topLevelWidgets():
            if widget is self or not widget.isVisible():
                continue
            owner = widget.parentWidget()
            while owner is not None and owner is not self:
                owner = owner.parentWidget()
            if owner is self:
                widget.close()
        self.locked = True
        if self._idle is not None:
            self._idle.pause()
        self.lock_screen.set_unlocker(self.ctx.workspace.unlocker if self.ctx.workspace else None)
        self.central.setCurrentWidget(self.lock_screen)
        self.lock_screen.prepare()
        self.statusBar().clearMessage()
        self._update_title()
        self.update_actions()
        self.locked_changed.emit(True)
        log.info("profile locked")

    def unlock(self) -> None:
        if not self.locked:
            return
        self.locked = False
        self.central.setCurrentWidget(self.workspace)
        if self._idle is not None:
            self._idle.resume()
        self._update_title()
        self.update_actions()
        self.locked_changed.emit(False)
        log.info("profile unlocked")

    # -------------------------------------------------------------- status bar
    def set_sync_state(self, state: str | None) -> None:
        """``state`` is a short non-personal text from the sync client; None = not set up."""
        self._sync_state = state
        if self.demo:
            self.sync_label.setText(self.tr("Sync: off (demo data)"))
            return
        self.sync_label.setText(state if state else self.tr("Sync: not set up"))

    def set_pending_changes(self, count: int | None) -> None:
        self._pending = count
        if count is None or self.demo:  # nothing of a demo profile is ever sent
            self.pending_label.setText("")
        else:
            self.pending_label.setText(self.tr("%n change(s) not synced", "", count))

    def _on_progress(self, done: int, total: int) -> None:
        """Long work that reports progress shows it; other work shows a busy bar."""
        if total > 0:
            self.busy_bar.setRange(0, total)
            self.busy_bar.setValue(min(done, total))

    def _on_busy(self, busy: bool) -> None:
        self.busy_bar.setVisible(busy)
        self.cancel_button.setVisible(busy)
        self.busy_bar.setRange(0, 0 if busy else 1)

    # ------------------------------------------------------------------- help
    def show_shortcuts(self) -> None:
        rows = []
        for action in self.actions_by_name.values():
            keys = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
            if keys:
                rows.append(f"<tr><td><b>{keys}</b></td><td>{action.text().replace('&', '')}</td></tr>")
        box = QMessageBox(self)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setTextFormat(Qt.TextFormat.RichText)
        box.setText("<table cellspacing='6'>" + "".join(rows) + "</table>")
        box.open()

    def show_about(self) -> None:
        import anhorigdesk

        version = getattr(anhorigdesk, "__version__", "")
        QMessageBox.about(
            self,
            self.tr("About AnhörigDesk"),
            self.tr(
                "<h3>AnhörigDesk %1</h3><p>Support for family carers: conversations, "
                "support plans and check-ins, kept encrypted on this computer and synced "
                "with your municipality.</p><p>Licence: EUPL-1.2</p>"
            ).replace("%1", version),
        )

    # ------------------------------------------------------------------- close
    def closeEvent(self, event: QCloseEvent) -> None:
        if self.in_maintenance:
            # the database key is being changed: quitting now would only leave it to the next start
            event.ignore()
            return
        for page in self.pages.built_pages():
            page.save_draft_now()
        event.accept()
