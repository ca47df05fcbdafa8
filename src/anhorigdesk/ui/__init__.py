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
    ``context.py``       what every screen is given (task runner, settings, the open profile)
    ``pages/``           home, carers (list), carer (record), carer_edit, entry, form_page,
                         shortterm, sync; ``draft_editor.py`` is the base of the two editors
                         that keep a draft (carer_edit, entry): autosave, Ctrl+S/Esc, bottom bar
    ``models/``          the lazy carer list model (pages, search, filters) and its rows
    ``forms/``           the form renderer (``FormWidget``): a form definition as an editor
    ``printing/``        the print dialog (preview, printer, save as PDF, noted on the
                         timeline) and the unit's list for carers; QtPdf shows the very PDF
    ``scheduling/``      due lists, the carer's schedule panel, follow-ups, reminders
    ``sync/``            sign-in dialog, sync controller (schedule, cancel, progress),
                         status panel and conflict view (docs/SYNC-APP.md)
    ``lock.py``          idle watcher and lock screen
    ``tasks.py``         task runner (QThreadPool), results by signal, progress, cancel
    ``crash.py``         excepthook, crash report without personal data, faulthandler
    ``i18n.py``          translators; ``settings.py`` / ``settings_dialog.py`` preferences
    ``script.py``        scripted runs for end-to-end tests and the benchmark

Translations: source strings are English; Swedish (the default UI language) lives in
``resources/translations/anhorigdesk_sv.ts`` and English in ``anhorigdesk_en.ts`` (plural
forms only).  ``scripts/update_translations.py`` extracts the strings with
``pyside6-lupdate`` and compiles the shipped ``.qm`` files with ``pyside6-lrelease``.
Every widget sets its texts in ``retranslate()``, run again on ``QEvent.LanguageChange``.

The home page shows the due list it reads (``HomePage.set_due(rows)``), or the scheduling
screens' due view in its place (``HomePage.install_due_view``); sync is started by ``AppController.start_sync`` (``SyncPage.set_controller``,
``MainWindow.set_sync_state(text)``).
"""

from __future__ import annotations
