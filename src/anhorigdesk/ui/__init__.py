"""The PySide6 desktop application.

Only this package uses Qt, and within it only ``ui/qt.py`` imports PySide6; every other
module imports Qt names from that facade.  The core (store, profiles, forms, printing)
is called on worker threads through ``ui/tasks.py`` and never sees a widget.

Start: ``anhorigdesk.ui.app.run_app(argv, data_dir=..., language=None) -> int``
(``python -m anhorigdesk``).  ``AppController`` builds the same thing without the event
loop for tests: ``start()`` shows the first-start wizard or the profile picker;
``open_session(OpenProfile)`` shows the main window on an open profile.

Where things are
    ``app.py``           QApplication, preferences applied, profiles opened, clean quit
    ``main_window.py``   sidebar, screens, menus, toolbar, shortcuts, status bar, lock
    ``start.py``         first-start wizard and profile picker
    ``session.py``       the core calls that open a profile, and the lock's unlock check
    ``pages/``           home, carers (list), carer (record), carer_edit, entry, shortterm, sync
    ``models/carers.py`` the lazy carer list model (pages, search, filters)
    ``print_dialog.py``  printing via ``anhorigdesk.printing``, noted on the timeline
    ``lock.py``          idle watcher and lock screen
    ``tasks.py``         task runner (QThreadPool), results by signal, progress, cancel
    ``crash.py``         excepthook, crash report without personal data, faulthandler
    ``i18n.py``          translators; ``settings.py`` / ``settings_dialog.py`` preferences
    ``script.py``        scripted runs for end-to-end tests and the benchmark
    ``forms/``           the form renderer (built separately)

Translations: source strings are English; Swedish (the default UI language) lives in
``resources/translations/anhorigdesk_sv.ts`` and English in ``anhorigdesk_en.ts`` (plural
forms only).  ``scripts/update_translations.py`` extracts the strings with
``pyside6-lupdate`` and compiles the shipped ``.qm`` files with ``pyside6-lrelease``.
Every widget sets its texts in ``retranslate()``, run again on ``QEvent.LanguageChange``.

Integration points left open for parts built elsewhere: ``HomePage.set_due(rows)``
(scheduling), ``SyncPage.set_sync_client(client)`` and ``MainWindow.set_sync_state(text)``
(sync).
"""

from __future__ import annotations
