"""Printing the short-term unit's "Här på korttiden…" list for carers.

The list holds the unit's routines (what staff do and say, who, when, how, where) and
no personal data, so printing it is not recorded on anyone's timeline. The PDF is made
by the printing core from the unit's korttid form, off the GUI thread; the preview shows
that very PDF; printing paints its pages onto the chosen printer.

The list names the short-term unit the person stays at ("bor hos oss på <korttidsenheten>"),
not the printing worker's own unit: the "Unit" choice offers the units of kind
``short_term`` (the worker's unit first when it is one); with none known it names no unit.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.printing.municipality_file import (
    SETTING_KEY,
    MunicipalityProblem,
    load_configured,
)
from anhorigdesk.ui.printing.preview import PdfPreview
from anhorigdesk.ui.printing.raster import paint_pdf
from anhorigdesk.ui.printing.save_dialog import open_save_pdf_dialog
from anhorigdesk.ui.printing.service import write_pdf_file
from anhorigdesk.ui.qt import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPrintDialog,
    QPrinter,
    QPushButton,
    QTimer,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.widgets import ErrorLabel, Muted

LANGUAGES = ("sv", "sv-lattlast", "en")
#: The list is made again this long after the last change of option (as in the carer's print dialog).
RENDER_DELAY_MS = 250
SHORT_TERM_KIND = "short_term"


def short_term_units(units: list[dict[str, Any]], own_name: str = "") -> list[str]:
    """The names of the short-term units, the worker's own unit first if it is one."""
    names = [str(u.get("name") or "") for u in units if u.get("kind") == SHORT_TERM_KIND]
    names = [n for n in names if n]
    if own_name in names:
        names.remove(own_name)
        names.insert(0, own_name)
    return names


def render_unit_list(data_dir: Path, setting: object, language: str, unit_name: str, phone: str,
                     hours: str, large_print: bool, workspace: Any) -> bytes:
    """The list as PDF bytes (worker thread). Raises ValueError naming a bad municipality file.

    The checklist is the chosen unit's own ``korttid`` form from the municipality's published
    material (``Workspace.unit_form``), else the municipality's, else the built-in example's;
    the municipality file likewise (``Workspace.printing_municipality``)."""
    from anhorigdesk.printing import render_short_term_list
    from anhorigdesk.printing.short_term import UnitContact

    path = workspace.printing_municipality(setting, data_dir)
    unit_id = next((str(u["id"]) for u in workspace.repository.units()
                    if str(u.get("name") or "") == unit_name), workspace.actor.unit_id)
    form = workspace.unit_form("korttid", unit_id)
    municipality = load_configured(path)
    if isinstance(municipality, MunicipalityProblem):
        details = "; ".join(f"{field or '–'}: {problem}" for field, problem in municipality.problems)
        raise ValueError(f"{municipality.file_name}: {details}")
    contact = UnitContact(phone=phone or None, hours=hours or None) if (phone or hours) else None
    return render_short_term_list(form, municipality, language, unit_name=unit_name, contact=contact,
                               large_print=large_print)


class UnitListPrintDialog(QDialog):
    """Preview, print or save the unit's list, in Swedish, easy-to-read Swedish or English."""

    def __init__(self, ctx: AppContext, unit_name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.own_unit_name = unit_name  # the worker's unit: named only if it is a short-term unit
        self.pdf = b""
        self._generation = 0
        # create
        self.unit = QComboBox(self)
        self.unit.setEditable(True)  # a unit not (yet) in the register can be typed
        self.unit.setMinimumContentsLength(24)
        self.language = QComboBox(self)
        self.large_print = QCheckBox(self)
        self.phone = QLineEdit(self)
        self.hours = QLineEdit(self)
        self.preview = PdfPreview(self)
        self.note = Muted(self)
        self.error = ErrorLabel(self)
        self.print_button = QPushButton(self)
        self.pdf_button = QPushButton(self)
        self.close_button = QPushButton(self)
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(RENDER_DELAY_MS)
        # connect
        self._timer.timeout.connect(self.render)
        for signal in (self.unit.currentTextChanged, self.language.currentIndexChanged,
                       self.large_print.toggled, self.phone.textChanged, self.hours.textChanged):
            signal.connect(self.schedule_render)
        self.print_button.clicked.connect(self.print_document)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.reject)
        # assemble
        self.language_label, self.phone_label, self.hours_label = QLabel(self), QLabel(self), QLabel(self)
        self.unit_label = QLabel(self)
        self.unit_label.setBuddy(self.unit)
        self.language_label.setBuddy(self.language)
        self.phone_label.setBuddy(self.phone)
        self.hours_label.setBuddy(self.hours)
        self.form = QFormLayout()
        self.form.addRow(self.unit_label, self.unit)
        self.form.addRow(self.language_label, self.language)
        self.form.addRow("", self.large_print)
        self.form.addRow(self.phone_label, self.phone)
        self.form.addRow(self.hours_label, self.hours)
        buttons = QHBoxLayout()
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.pdf_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        side = QVBoxLayout()
        side.addLayout(self.form)
        side.addWidget(self.note)
        side.addWidget(self.error)
        side.addStretch(1)
        side.addLayout(buttons)
        layout = QHBoxLayout(self)
        layout.addLayout(side, 2)
        layout.addWidget(self.preview, 3)
        for code in LANGUAGES:
            self.language.addItem("", code)
        self.retranslate()
        self.resize(980, 640)
        self._set_ready(False)
        self.load_units()  # which short-term units there are; the list is made again then

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Print the unit's list"))
        names = {"sv": self.tr("Swedish"), "sv-lattlast": self.tr("Easy-to-read Swedish"),
                 "en": self.tr("English")}
        for i, code in enumerate(LANGUAGES):
            self.language.setItemText(i, names[code])
        self.unit_label.setText(self.tr("Short-term &unit:"))
        self.unit.setAccessibleName(self.tr("The short-term unit the list is for"))
        self.unit.lineEdit().setPlaceholderText(self.tr("Name of the short-term unit"))
        self.language_label.setText(self.tr("&Language:"))
        self.phone_label.setText(self.tr("Unit &phone:"))
        self.hours_label.setText(self.tr("&Hours:"))
        self.large_print.setText(self.tr("Large &print"))
        self.language.setAccessibleName(self.tr("Language"))
        self.phone.setAccessibleName(self.tr("Unit phone"))
        self.hours.setAccessibleName(self.tr("Hours when carers can call"))
        self.note.setText(self.tr("The list holds the unit's routines and no personal data."))
        self.print_button.setText(self.tr("&Print…"))
        self.pdf_button.setText(self.tr("Save as P&DF…"))
        self.close_button.setText(self.tr("Close"))

    def _set_ready(self, ready: bool) -> None:
        self.print_button.setEnabled(ready)
        self.pdf_button.setEnabled(ready)

    @property
    def unit_name(self) -> str:
        """The short-term unit the list names (empty: "hos oss på korttiden")."""
        return self.unit.currentText().strip()

    def load_units(self) -> Any:
        """Offer the short-term units of the register (worker thread), then make the list."""
        session = self.ctx.workspace
        if session is None or session.repository is None:
            return None
        repo, own = session.repository, self.own_unit_name
        task = self.ctx.runner.submit(lambda _ctx: short_term_units(repo.units(), own),
                                      name="short_term_units")
        task.finished.connect(self._units_loaded)
        task.failed.connect(lambda _exc: self.render())
        return task

    def _units_loaded(self, names: list[str]) -> None:
        typed = self.unit.currentText()
        self.unit.blockSignals(True)
        self.unit.clear()
        self.unit.addItems(names)
        self.unit.setEditText(typed or (names[0] if names else ""))
        self.unit.blockSignals(False)
        self.render()

    def schedule_render(self, *_args: Any) -> None:
        """An option changed: the list shown is out of date at once (printing or saving it
        would give the old text), and the new one is made ``RENDER_DELAY_MS`` after the last
        change.  A render already under way is dropped when it comes back."""
        self._generation += 1
        self.pdf = b""
        self._set_ready(False)
        self._timer.start()

    def render(self) -> Any:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        args = (self.ctx.data_dir, self.ctx.settings.value(SETTING_KEY, ""), self.language.currentData(),
                self.unit_name, self.phone.text().strip(), self.hours.text().strip(),
                self.large_print.isChecked(), self.ctx.workspace)
        self._set_ready(False)
        task = self.ctx.runner.submit(lambda _ctx: render_unit_list(*args), name="unit_list_pdf")
        task.finished.connect(lambda pdf: self._rendered(generation, pdf))
        task.failed.connect(lambda exc: self._failed(generation, exc))
        return task

    def _rendered(self, generation: int, pdf: bytes) -> None:
        if generation != self._generation:
            return
        self.pdf = pdf
        self.error.clear()
        self.preview.show_pdf(pdf)
        self._set_ready(True)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.pdf = b""
        text = str(exc) if isinstance(exc, ValueError) else type(exc).__name__
        self.error.setText(self.tr("The list could not be made: %1").replace("%1", text))
        self.preview.show_message(self.tr("Nothing to show."))

    def print_document(self) -> None:
        if not self.pdf:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("Here at the short-term unit"))
        dialog = QPrintDialog(printer, self)
        dialog.accepted.connect(lambda: self.print_to(printer))
        self._print_dialog = (dialog, printer)
        QDialog.open(dialog)

    def print_to(self, printer: QPrinter) -> Any:
        pdf = self.pdf

        def job(ctx: TaskContext) -> int:
            return paint_pdf(ctx, pdf, printer)

        self._printer_in_use = printer
        task = self.ctx.runner.submit(job, name="unit_list_print")
        task.failed.connect(lambda exc: self.error.setText(
            self.tr("Printing failed: %1").replace("%1", type(exc).__name__)))
        return task

    def save_pdf(self) -> None:
        if not self.pdf:
            return
        proposed = f"{self.tr('Here at the short-term unit')} {dt.date.today().isoformat()}.pdf"
        self._file_dialog = open_save_pdf_dialog(self, proposed, self.save_pdf_to)

    def save_pdf_to(self, path: Path) -> Any:
        pdf = self.pdf
        task = self.ctx.runner.submit(lambda _ctx: write_pdf_file(pdf, path), name="unit_list_save")
        task.failed.connect(lambda exc: self.error.setText(
            self.tr("The PDF could not be saved: %1").replace("%1", user_message(exc))))
        return task
