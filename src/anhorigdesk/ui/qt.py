"""The one module that imports PySide6.

Everything else in ``anhorigdesk.ui`` imports Qt names from here, so the binding's
quirks (and a future binding change) live in a single file.  Only the Qt modules
that ship in ``pyside6-essentials`` are used.
"""

from __future__ import annotations

import ctypes
import sys

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QCoreApplication,
    QDate,
    QElapsedTimer,
    QEvent,
    QEventLoop,
    QItemSelectionModel,
    QLibraryInfo,
    QLocale,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    QPointF,
    QRectF,
    QRunnable,
    QSettings,
    QSize,
    QSortFilterProxyModel,
    QStringListModel,
    Qt,
    QThread,
    QThreadPool,
    QTimer,
    QTranslator,
    Signal,
    Slot,
    qVersion,
)
from PySide6.QtGui import (
    QAction,
    QActionGroup,
    QCloseEvent,
    QColor,
    QFont,
    QFontDatabase,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QPalette,
    QPen,
    QShortcut,
    QTextCursor,
    QUndoCommand,
    QUndoStack,
    QValidator,
)
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QCompleter,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSizePolicy,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QStatusBar,
    QStyle,
    QTableView,
    QTabWidget,
    QTextBrowser,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

QT_VERSION = qVersion()


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Runtime translation outside a QObject.

    Note: ``pyside6-lupdate`` only finds strings written as
    ``QCoreApplication.translate("Context", "text")`` literally, so code that
    should be picked up calls ``QCoreApplication.translate`` directly; this helper
    is for texts that come from data (already marked elsewhere).
    """
    return QCoreApplication.translate(context, text, disambiguation, n)


__all__ = [
    "PYSIDE_VERSION",
    "QT_VERSION",
    "QAbstractButton",
    "QAbstractItemView",
    "QAbstractTableModel",
    "QAction",
    "QActionGroup",
    "QApplication",
    "QButtonGroup",
    "QByteArray",
    "QCheckBox",
    "QCloseEvent",
    "QColor",
    "QComboBox",
    "QCompleter",
    "QCoreApplication",
    "QDate",
    "QDateEdit",
    "QDialog",
    "QDialogButtonBox",
    "QElapsedTimer",
    "QEvent",
    "QEventLoop",
    "QFileDialog",
    "QFont",
    "QFontDatabase",
    "QFormLayout",
    "QFrame",
    "QGridLayout",
    "QGroupBox",
    "QGuiApplication",
    "QHBoxLayout",
    "QHeaderView",
    "QIcon",
    "QItemSelectionModel",
    "QKeySequence",
    "QLabel",
    "QLibraryInfo",
    "QLineEdit",
    "QListWidget",
    "QListWidgetItem",
    "QLocale",
    "QMainWindow",
    "QMenu",
    "QMessageBox",
    "QModelIndex",
    "QObject",
    "QPaintEvent",
    "QPainter",
    "QPainterPath",
    "QPalette",
    "QPen",
    "QPersistentModelIndex",
    "QPlainTextEdit",
    "QPoint",
    "QPointF",
    "QProgressBar",
    "QPushButton",
    "QRadioButton",
    "QRectF",
    "QRunnable",
    "QScrollArea",
    "QSettings",
    "QShortcut",
    "QSize",
    "QSizePolicy",
    "QSortFilterProxyModel",
    "QSpinBox",
    "QSplitter",
    "QStackedWidget",
    "QStatusBar",
    "QStringListModel",
    "QStyle",
    "QTabWidget",
    "QTableView",
    "QTextBrowser",
    "QTextCursor",
    "QThread",
    "QThreadPool",
    "QTimer",
    "QToolBar",
    "QToolButton",
    "QTranslator",
    "QTreeWidget",
    "QTreeWidgetItem",
    "QUndoCommand",
    "QUndoStack",
    "QVBoxLayout",
    "QValidator",
    "QWidget",
    "QWizard",
    "QWizardPage",
    "Qt",
    "Signal",
    "Slot",
    "translate",
]


# --- Printing (ui/printing) ---------------------------------------------------------------
# QtPdf renders the very PDF the printing core made (preview, printer pages); QtPrintSupport
# sends pages to a printer.  QtPdf comes with pyside6-pdf: without it (or without QtPdfWidgets)
# the names are None and ui/printing stays out (or draws the preview itself).
# These three Qt modules load only when a name from them is first used (module
# ``__getattr__`` below): nothing at start-up prints, and loading them costs time and memory.
from importlib import import_module as _import_module  # noqa: E402
from importlib.util import find_spec as _find_spec  # noqa: E402

from PySide6.QtCore import QBuffer, QIODevice, QRect  # noqa: E402
from PySide6.QtGui import QPixmap  # noqa: E402

# name -> (Qt module, optional: None when the module is not installed)
_LAZY_NAMES: dict[str, tuple[str, bool]] = {
    "QPrintDialog": ("PySide6.QtPrintSupport", False),
    "QPrinter": ("PySide6.QtPrintSupport", False),
    "QPdfDocument": ("PySide6.QtPdf", True),
    "QPdfDocumentRenderOptions": ("PySide6.QtPdf", True),
    "QPdfView": ("PySide6.QtPdfWidgets", True),
}


def __getattr__(name: str) -> object:
    spec = _LAZY_NAMES.get(name)
    if spec is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module_name, optional = spec
    try:
        value = getattr(_import_module(module_name), name)
    except ImportError:
        if not optional:
            raise
        value = None
    globals()[name] = value  # later look-ups find it without this function
    return value


def has_qt_module(module_name: str) -> bool:
    """Whether a Qt module (e.g. ``"QtPdf"``) is installed, without loading it."""
    try:
        return _find_spec(f"PySide6.{module_name}") is not None
    except (ImportError, ValueError):
        return False


# (the lazy names are left out of ``__all__``: a star import would load them)
__all__ += [
    "QBuffer",
    "QIODevice",
    "QPainter",
    "QPixmap",
    "QRect",
    "QRectF",
    "has_qt_module",
]
# --- end of the printing block


# --- Binding work-arounds ------------------------------------------------------------------
def _make_none_immortal() -> None:
    """Work around a reference-count bug in PySide6 6.12.0.

    Each time PySide6 6.12.0 turns an invalid QVariant into Python's ``None`` (an
    ``index.data()`` for a role the model leaves empty, ``QSettings.value()`` of a
    missing key, …) it drops one reference to ``None`` that it never took. On Python
    3.11, where ``None`` is an ordinary object, a few hundred thousand such calls —
    an afternoon of scrolling — bring its count to zero and the interpreter aborts
    ("none_dealloc"); PySide6 6.11.3 does not have the bug (measured). ``None`` is a
    static object that is never freed, so giving it a count it cannot lose is safe:
    it is what Python 3.12 does for every interpreter (immortal objects).

    ``True`` and ``False`` lose references the same way: a scripted run on the
    10,000-carer profile (search as you type, no due list) aborted at exit with
    "bool_dealloc: deallocating True or False" (measured, also before any change of this
    module); they get the same treatment."""
    if sys.version_info >= (3, 12) or sys.implementation.name != "cpython":
        return
    for static in (None, True, False):
        refcount = ctypes.c_ssize_t.from_address(id(static))  # ob_refcnt is PyObject's first field
        if refcount.value < 1 << 40:
            refcount.value += 1 << 40


_make_none_immortal()
