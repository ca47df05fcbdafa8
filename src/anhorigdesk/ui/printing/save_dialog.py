"""The "Save as PDF" file dialog, shared by every print dialog of the app.

Non-blocking (``open()``, never ``exec()``), PDF filter and suffix, and a proposed file
name the caller gives: a document name and a date, never personal data, because file
names end up in recent-file lists and backups. The dialog opens in the user's Documents
folder (``QStandardPaths``), never in the program's working folder.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from anhorigdesk.ui.qt import QCoreApplication, QFileDialog, QStandardPaths, QWidget


def documents_folder() -> Path:
    """The user's Documents folder (else their home folder), where a saved PDF goes first."""
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.DocumentsLocation)
    folder = Path(location) if location else Path.home()
    return folder if folder.is_dir() else Path.home()


def open_save_pdf_dialog(parent: QWidget, proposed_name: str, on_chosen: Callable[[Path], object]) -> QFileDialog:
    """Show the save dialog over ``parent``; ``on_chosen(path)`` runs when a file is picked.

    The dialog is returned so the caller keeps a reference (and tests can drive it).
    """
    dialog = QFileDialog(parent, QCoreApplication.translate("SavePdfDialog", "Save as PDF"))
    dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.setNameFilter(QCoreApplication.translate("SavePdfDialog", "PDF documents (*.pdf)"))
    dialog.setDefaultSuffix("pdf")
    dialog.setDirectory(str(documents_folder()))
    dialog.selectFile(str(documents_folder() / proposed_name))
    dialog.fileSelected.connect(lambda name: on_chosen(Path(name)))
    dialog.open()
    return dialog
