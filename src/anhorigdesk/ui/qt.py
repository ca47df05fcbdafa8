"""The one module that imports PySide6.

Everything else in ``anhorigdesk.ui`` imports Qt names from here, so the binding's
quirks (and a future binding change) live in a single file.  The Qt modules used are those
of ``pyside6-essentials`` (QtCore, QtGui, QtWidgets, QtPrintSupport) and of ``pyside6-pdf``
(QtPdf, QtPdfWidgets: the print preview and printing) and of ``pyside6-addons`` (QtCharts:
the follow-up statistics' charts); all are requirements of the
desktop app (``pyproject.toml``, extra ``desktop``), so every name here resolves.
"""

from __future__ import annotations

import ctypes
import sys
from importlib import import_module as _import_module
from importlib.util import find_spec as _find_spec

from PySide6 import __version__ as PYSIDE_VERSION
from PySide6.QtCore import QCoreApplication, qVersion

QT_VERSION = qVersion()

# Every Qt name the application uses, by module. A name is looked up in PySide6 when a
# module first imports it from here (module ``__getattr__``): PySide6 builds a class's
# Python type on first access, and building all of them (the ``Qt`` namespace alone is
# ~15 ms) before the profile picker shows would cost the start-up ~40 ms for screens that
# are not open yet.
_NAMES: dict[str, tuple[str, ...]] = {
    "PySide6.QtCore": (
        "QAbstractTableModel",
        "QBuffer",
        "QByteArray",
        "QCoreApplication",
        "QDate",
        "QElapsedTimer",
        "QEvent",
        "QEventLoop",
        "QIODevice",
        "QItemSelectionModel",
        "QLibraryInfo",
        "QLocale",
        "QModelIndex",
        "QObject",
        "QPersistentModelIndex",
        "QPoint",
        "QPointF",
        "QRect",
        "QRectF",
        "QRunnable",
        "QSettings",
        "QSize",
        "QSortFilterProxyModel",
        "QStandardPaths",
        "QStringListModel",
        "QThread",
        "QThreadPool",
        "QTimer",
        "QTranslator",
        "Qt",
        "Signal",
        "Slot",
        "qVersion",
    ),
    # pyside6-addons: the Statistik page's charts (ui/followup)
    "PySide6.QtCharts": (
        "QBarCategoryAxis",
        "QBarSet",
        "QChart",
        "QChartView",
        "QHorizontalBarSeries",
        "QValueAxis",
    ),
    "PySide6.QtGui": (
        "QAction",
        "QPdfWriter",
        "QTextDocument",
        "QActionGroup",
        "QCloseEvent",
        "QColor",
        "QFont",
        "QFontDatabase",
        "QFontMetrics",
        "QGuiApplication",
        "QIcon",
        "QImage",
        "QKeySequence",
        "QPaintEvent",
        "QPainter",
        "QPainterPath",
        "QPalette",
        "QPen",
        "QPixmap",
        "QShortcut",
        "QTextCursor",
        "QUndoCommand",
        "QUndoStack",
        "QValidator",
        "QWindow",
    ),
    "PySide6.QtWidgets": (
        "QAbstractButton",
        "QAbstractItemView",
        "QApplication",
        "QButtonGroup",
        "QCalendarWidget",
        "QCheckBox",
        "QComboBox",
        "QCompleter",
        "QDateEdit",
        "QDialog",
        "QDialogButtonBox",
        "QFileDialog",
        "QFormLayout",
        "QFrame",
        "QGridLayout",
        "QGroupBox",
        "QHBoxLayout",
        "QHeaderView",
        "QLabel",
        "QLineEdit",
        "QListWidget",
        "QListWidgetItem",
        "QMainWindow",
        "QMenu",
        "QMessageBox",
        "QPlainTextEdit",
        "QProgressBar",
        "QPushButton",
        "QRadioButton",
        "QScrollArea",
        "QSizePolicy",
        "QSpinBox",
        "QSplitter",
        "QStackedWidget",
        "QStatusBar",
        "QStyle",
        "QStyleOptionViewItem",
        "QStyledItemDelegate",
        "QTableWidget",
        "QTableWidgetItem",
        "QTabWidget",
        "QTableView",
        "QTextBrowser",
        "QToolBar",
        "QToolButton",
        "QTreeWidget",
        "QTreeWidgetItem",
        "QVBoxLayout",
        "QWidget",
        "QWidgetAction",
        "QWizard",
        "QWizardPage",
    ),
}
# QtPrintSupport sends pages to a printer; QtPdf and QtPdfWidgets (pyside6-pdf) show and
# rasterise the very PDF the printing core made.
_NAMES.update({
    "PySide6.QtPrintSupport": ("QPrintDialog", "QPrinter"),
    "PySide6.QtPdf": ("QPdfDocument", "QPdfDocumentRenderOptions"),
    "PySide6.QtPdfWidgets": ("QPdfView",),
})
_MODULE_OF = {name: module for module, names in _NAMES.items() for name in names}


def __getattr__(name: str) -> object:
    module_name = _MODULE_OF.get(name)
    if module_name is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(_import_module(module_name), name)
    globals()[name] = value  # later look-ups find it without this function
    return value


def has_qt_module(module_name: str) -> bool:
    """Whether a Qt module (e.g. ``"QtPdf"``) is installed, without loading it."""
    try:
        return _find_spec(f"PySide6.{module_name}") is not None
    except (ImportError, ValueError):
        return False


def translate(context: str, text: str, disambiguation: str | None = None, n: int = -1) -> str:
    """Runtime translation outside a QObject.

    Note: ``pyside6-lupdate`` only finds strings written as
    ``QCoreApplication.translate("Context", "text")`` literally, so code that
    should be picked up calls ``QCoreApplication.translate`` directly; this helper
    is for texts that come from data (already marked elsewhere).
    """
    return QCoreApplication.translate(context, text, disambiguation, n)


__all__ = ["PYSIDE_VERSION", "QT_VERSION", "has_qt_module", "translate", *_MODULE_OF]


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
