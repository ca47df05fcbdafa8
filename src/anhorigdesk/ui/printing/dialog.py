"""The print dialog of a carer's page: choose a document, see it, print it or save it as PDF.

Documents: the information handout (in the carer's language, with the staff member's name
and phone), the support plan and the check-in summary (from the latest stödplan /
frivillighet response, or any other one chosen) and any stored form response (faithful to
its form version).  The preview is the very PDF the printing core made (QtPdf).

Everything slow runs on the task runner: reading the carer's data and the municipality file,
making the PDF (again after each change of option, debounced), painting it onto the printer
page by page (progress, cancel) and saving it.  What is handed over is recorded on the
carer's timeline (a ``handout`` entry): a printout on paper, and a PDF only when "The PDF
is given to the carer" is ticked; a PDF kept for oneself is not.  Every printout and every
saved PDF is in the access log (``print:<kind>``), through the store.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from anhorigdesk.i18n import current_language
from anhorigdesk.printing import DocumentKind, PrintNotAllowedError, Reader, available_languages
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.printing.municipality_file import SETTING_KEY, MunicipalityProblem
from anhorigdesk.ui.printing.preview import PdfPreview
from anhorigdesk.ui.printing.raster import PrinterUnavailable, paint_pdf
from anhorigdesk.ui.printing.save_dialog import open_save_pdf_dialog
from anhorigdesk.ui.printing.service import (
    CHECKIN_KIND,
    PLAN_KIND,
    EntryUnavailable,
    PrintOptions,
    PrintSource,
    RenderedDocument,
    agreed_lines,
    default_next_checkin,
    entry_date,
    load_print_source,
    log_saved_copy,
    record_printout,
    render_document,
    write_pdf_file,
)
from anhorigdesk.ui.qt import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDate,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPrintDialog,
    QPrinter,
    QProgressBar,
    QPushButton,
    QRadioButton,
    QSplitter,
    Qt,
    QTimer,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import Task, TaskContext
from anhorigdesk.ui.widgets import ErrorLabel, Muted

#: Wait this long after the last change of option before making the PDF again.
RENDER_DELAY_MS = 250
DOCUMENTS = (DocumentKind.INFORMATION_HANDOUT, DocumentKind.SUPPORT_PLAN,
             DocumentKind.CHECKIN_SUMMARY, DocumentKind.RESPONSE)
#: Which entries each entry-based document can be made from.
ENTRY_KINDS = {DocumentKind.SUPPORT_PLAN: PLAN_KIND, DocumentKind.CHECKIN_SUMMARY: CHECKIN_KIND}


class PrintDialog(QDialog):
    """Print preview and printing for one carer (non-modal; one per main window)."""

    #: a printout was recorded on this carer's timeline (carer id)
    printed = Signal(str)
    #: the document shown in the preview changed (its page count)
    rendered = Signal(int)

    def __init__(self, ctx: AppContext, carer_id: str, entry_id: str | None = None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.carer_id = carer_id
        self.wanted_entry = entry_id
        self.source: PrintSource | None = None
        self.current: RenderedDocument | None = None
        self.busy_task: Task | None = None  # printing or saving (cancellable printing)
        self._generation = 0
        self._tasks: set[Task] = set()
        self._disposed = False
        self._filling = False
        self.setObjectName("printDialog")

        # create
        self.document = QComboBox(self)
        for kind in DOCUMENTS:
            self.document.addItem("", kind.value)
        self.entry = QComboBox(self)
        self.entry.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.entry.setMinimumContentsLength(24)
        self.entry_note = Muted(self)
        self.language = QComboBox(self)
        self.large_print = QCheckBox(self)
        self.staff_box = QGroupBox(self)
        self.staff_name = QLineEdit(self.staff_box)
        self.staff_phone = QLineEdit(self.staff_box)
        self.reader_box = QGroupBox(self)
        self.for_carer = QRadioButton(self.reader_box)
        self.for_other = QRadioButton(self.reader_box)
        self.readers = QButtonGroup(self)
        self.readers.addButton(self.for_carer)
        self.readers.addButton(self.for_other)
        self.for_carer.setChecked(True)
        self.checkin_box = QGroupBox(self)
        self.agreed = QPlainTextEdit(self.checkin_box)
        self.agreed.setTabChangesFocus(True)
        self.agreed.setMaximumHeight(90)
        self.next_on = QCheckBox(self.checkin_box)
        self.next_date = QDateEdit(self.checkin_box)
        self.next_date.setCalendarPopup(True)
        self.municipality_label = Muted(self)
        # until the municipality has its own file, the shipped example's details are printed
        self.example_note = Muted(self)
        self.example_note.hide()
        self.municipality_button = QPushButton(self)
        self.error = ErrorLabel(self)
        self.status = Muted(self)
        self.preview = PdfPreview(self)
        self.pages_label = Muted(self)
        self.whole_pages = QCheckBox(self)
        self.progress = QProgressBar(self)
        self.progress.setMaximumWidth(220)
        self.progress.hide()
        self.cancel_button = QPushButton(self)
        self.cancel_button.hide()
        #: what counts as handed over: paper from "Skriv ut…" always; a PDF only when it is
        #: meant for the carer (sent or given to them), not a copy kept for oneself
        self.pdf_for_carer = QCheckBox(self)
        self.handover_note = Muted(self)
        self.buttons = QDialogButtonBox(self)
        self.print_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.pdf_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.close_button = self.buttons.addButton(QDialogButtonBox.StandardButton.Close)
        self.document_label, self.entry_label = QLabel(self), QLabel(self)
        self.language_label, self.large_label = QLabel(self), QLabel(self)
        self.staff_name_label = QLabel(self.staff_box)
        self.staff_phone_label = QLabel(self.staff_box)
        self.agreed_label = QLabel(self.checkin_box)
        self.document_label.setBuddy(self.document)
        self.entry_label.setBuddy(self.entry)
        self.language_label.setBuddy(self.language)
        self.large_label.setBuddy(self.large_print)
        self.staff_name_label.setBuddy(self.staff_name)
        self.staff_phone_label.setBuddy(self.staff_phone)
        self.agreed_label.setBuddy(self.agreed)
        self._render_timer = QTimer(self)
        self._render_timer.setSingleShot(True)
        self._render_timer.setInterval(RENDER_DELAY_MS)

        # connect
        self.document.currentIndexChanged.connect(self._document_changed)
        self.entry.currentIndexChanged.connect(self._entry_changed)
        for signal in (self.language.currentIndexChanged, self.large_print.toggled,
                       self.staff_name.textChanged, self.staff_phone.textChanged,
                       self.for_carer.toggled, self.agreed.textChanged, self.next_on.toggled,
                       self.next_date.dateChanged):
            signal.connect(self.schedule_render)
        self.next_on.toggled.connect(self.next_date.setEnabled)
        self._render_timer.timeout.connect(self.render_now)
        self.print_button.clicked.connect(self.print_document)
        self.pdf_button.clicked.connect(self.save_pdf)
        self.close_button.clicked.connect(self.close)
        self.cancel_button.clicked.connect(self.cancel_work)
        self.municipality_button.clicked.connect(self.choose_municipality_file)
        self.preview.page_count_changed.connect(self._show_page_count)
        self.whole_pages.toggled.connect(self.preview.set_whole_pages)

        # assemble
        form = QFormLayout()
        form.addRow(self.document_label, self.document)
        form.addRow(self.entry_label, self.entry)
        form.addRow(self.entry_note)
        form.addRow(self.language_label, self.language)
        form.addRow(self.large_label, self.large_print)
        staff_form = QFormLayout(self.staff_box)
        staff_form.addRow(self.staff_name_label, self.staff_name)
        staff_form.addRow(self.staff_phone_label, self.staff_phone)
        reader_layout = QVBoxLayout(self.reader_box)
        reader_layout.addWidget(self.for_carer)
        reader_layout.addWidget(self.for_other)
        checkin_form = QFormLayout(self.checkin_box)
        checkin_form.addRow(self.agreed_label, self.agreed)
        next_row = QHBoxLayout()
        next_row.addWidget(self.next_on)
        next_row.addWidget(self.next_date, 1)
        checkin_form.addRow(next_row)
        municipality_row = QVBoxLayout()
        municipality_row.addWidget(self.example_note)
        municipality_row.addWidget(self.municipality_label)
        municipality_row.addWidget(self.municipality_button, 0, Qt.AlignmentFlag.AlignRight)
        options = QWidget(self)
        options.setMinimumWidth(340)
        left = QVBoxLayout(options)
        left.setContentsMargins(0, 0, 8, 0)
        left.addLayout(form)
        left.addWidget(self.staff_box)
        left.addWidget(self.reader_box)
        left.addWidget(self.checkin_box)
        left.addWidget(self.pdf_for_carer)
        left.addWidget(self.handover_note)
        left.addWidget(self.error)
        left.addWidget(self.status)
        left.addStretch(1)
        left.addLayout(municipality_row)
        right_side = QWidget(self)
        right = QVBoxLayout(right_side)
        right.setContentsMargins(8, 0, 0, 0)
        right.addWidget(self.preview, 1)
        below = QHBoxLayout()
        below.addWidget(self.pages_label, 1)
        below.addWidget(self.whole_pages)
        right.addLayout(below)
        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.addWidget(options)
        self.splitter.addWidget(right_side)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([380, 660])
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addWidget(self.cancel_button)
        bottom.addStretch(1)
        bottom.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter, 1)
        layout.addLayout(bottom)
        self.resize(1040, 720)
        self.retranslate()
        self._set_ready(False)
        self._update_visibility()

    # ------------------------------------------------------------------ texts
    def retranslate(self) -> None:
        lab = labels()
        self.setWindowTitle(self.tr("Print"))
        names = {
            DocumentKind.INFORMATION_HANDOUT.value: self.tr("Information handout"),
            DocumentKind.SUPPORT_PLAN.value: self.tr("Support plan"),
            DocumentKind.CHECKIN_SUMMARY.value: self.tr("Check-in summary"),
            DocumentKind.RESPONSE.value: self.tr("A recorded form (as it was filled in)"),
        }
        for i in range(self.document.count()):
            self.document.setItemText(i, names[self.document.itemData(i)])
        for i in range(self.language.count()):
            self.language.setItemText(i, lab.language(self.language.itemData(i)))
        self.document_label.setText(self.tr("&Document:"))
        self.entry_label.setText(self.tr("&From:"))
        self.language_label.setText(self.tr("&Language:"))
        self.large_label.setText(self.tr("Lar&ge print:"))
        self.large_print.setText(self.tr("Bigger text for easier reading"))
        self.staff_box.setTitle(self.tr("Contact on the printout"))
        self.staff_name_label.setText(self.tr("&Name:"))
        self.staff_phone_label.setText(self.tr("P&hone:"))
        self.reader_box.setTitle(self.tr("Printed for"))
        self.for_carer.setText(self.tr("The carer themself"))
        self.for_other.setText(self.tr("Someone else (only with the carer's consent)"))
        self.checkin_box.setTitle(self.tr("Check-in"))
        self.agreed_label.setText(self.tr("&Agreed:"))
        self.agreed.setPlaceholderText(self.tr("One thing agreed per line"))
        self.next_on.setText(self.tr("Next check-in on"))
        self.municipality_button.setText(self.tr("&Municipality file…"))
        self.example_note.setText(
            self.tr("Example material (Exempelkommunen): the example municipality's details are used "
                    "until your municipality's material is published on the server and this laptop "
                    "has synced."))
        self.pdf_for_carer.setText(self.tr("The PDF is given to the carer"))
        self.pdf_for_carer.setAccessibleName(self.tr("The saved PDF is given to the carer"))
        self.handover_note.setText(self.tr(
            "A printout on paper is noted on the timeline as handed over. A saved PDF is noted "
            "only when it is given to the carer; a copy you keep yourself is not."))
        self.print_button.setText(self.tr("&Print…"))
        self.pdf_button.setText(self.tr("&Save as PDF…"))
        self.close_button.setText(self.tr("Close"))
        self.cancel_button.setText(self.tr("Cancel"))
        self.whole_pages.setText(self.tr("Show &whole pages"))
        self.whole_pages.setAccessibleName(self.tr("Show whole pages in the preview"))
        # accessible names
        self.document.setAccessibleName(self.tr("Document to print"))
        self.entry.setAccessibleName(self.tr("Recorded form to print from"))
        self.language.setAccessibleName(self.tr("Language of the printout"))
        self.large_print.setAccessibleName(self.tr("Large print"))
        self.staff_name.setAccessibleName(self.tr("Contact name on the printout"))
        self.staff_phone.setAccessibleName(self.tr("Contact phone on the printout"))
        self.for_carer.setAccessibleName(self.tr("Printed for the carer themself"))
        self.for_other.setAccessibleName(self.tr("Printed for someone else"))
        self.agreed.setAccessibleName(self.tr("What was agreed"))
        self.next_on.setAccessibleName(self.tr("Print the next check-in date"))
        self.next_date.setAccessibleName(self.tr("Date of the next check-in"))
        self.municipality_button.setAccessibleName(self.tr("Choose the municipality file"))
        self.progress.setAccessibleName(self.tr("Printing progress"))
        self.cancel_button.setAccessibleName(self.tr("Cancel printing"))
        self._fill_entries()
        self._show_municipality()
        self._show_page_count(self.preview.page_count)
        if self.source is None:
            self.preview.show_message(self.tr("Reading…"))

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ---------------------------------------------------------------- loading
    def load(self) -> Task | None:
        """Read the carer's data and the municipality file (worker thread)."""
        session = self.ctx.workspace
        if session is None:
            return None
        repo, actor, carer_id = session.repository, session.actor, self.carer_id
        setting = self.ctx.settings.value(SETTING_KEY, "")
        self._set_ready(False)
        self.preview.show_message(self.tr("Reading…"))
        data_dir = self.ctx.data_dir
        from anhorigdesk.ui.scheduling.service import shared_registry

        schedules = shared_registry(self.ctx)  # the carer page's: the same next check-in
        task = self._submit(
            lambda _ctx: load_print_source(repo, actor, carer_id,
                                           session.printing_municipality(setting, data_dir),
                                           session.form_registry(), data_dir, schedules),
            "print_source")
        task.finished.connect(self._loaded)
        task.failed.connect(lambda exc: self._fail(self.tr("Could not read the carer's record: %1")
                                                   .replace("%1", user_message(exc))))
        return task

    def _loaded(self, source: PrintSource) -> None:
        self.source = source
        self._filling = True
        current_language = self.language.currentData()
        self.language.clear()
        lab = labels()
        codes = source.municipality.languages if source.municipality is not None else available_languages()
        for code in codes:
            self.language.addItem(lab.language(code), code)
        wanted = current_language or source.preferred_language()
        index = self.language.findData(wanted)
        self.language.setCurrentIndex(max(index, 0))
        if not self.staff_name.text():
            self.staff_name.setText(str(source.own_staff.get("name") or getattr(
                self.ctx.workspace.actor if self.ctx.workspace else None, "name", "") or ""))
        if not self.staff_phone.text():
            self.staff_phone.setText(str(source.own_staff.get("phone") or ""))
        if self.wanted_entry is not None:
            self._preselect_entry(self.wanted_entry)
            self.wanted_entry = None
        self._filling = False
        self._show_municipality()
        self._document_changed()

    def _preselect_entry(self, entry_id: str) -> None:
        assert self.source is not None
        try:
            entry = self.source.entry(entry_id)
        except EntryUnavailable:
            return
        kind = {PLAN_KIND: DocumentKind.SUPPORT_PLAN, CHECKIN_KIND: DocumentKind.CHECKIN_SUMMARY}.get(
            entry.get("kind") or "", DocumentKind.RESPONSE)
        self.document.setCurrentIndex(self.document.findData(kind.value))
        self._fill_entries()
        self.entry.setCurrentIndex(max(self.entry.findData(entry_id), 0))

    def _show_municipality(self) -> None:
        source = self.source
        self.example_note.setVisible(source is not None and source.uses_example)
        if source is None or source.municipality_path is None:
            self.municipality_label.setText("")
            return
        path = source.municipality_path
        if source.municipality is not None:
            name = source.municipality.name.get(current_language())  # the UI's language
            self.municipality_label.setText(self.tr("Municipality: %1 (%2)").replace("%1", name)
                                            .replace("%2", path.name))
        else:
            self.municipality_label.setText(self.tr("Municipality file: %1").replace("%1", path.name))

    # ---------------------------------------------------------------- options
    def document_kind(self) -> DocumentKind:
        return DocumentKind(self.document.currentData())

    def _document_changed(self, *_args: Any) -> None:
        self._fill_entries()
        self._update_visibility()
        self._entry_changed()

    def _fill_entries(self) -> None:
        source = self.source
        if source is None:
            return
        was_filling, self._filling = self._filling, True
        previous = self.entry.currentData()
        self.entry.clear()
        kind = self.document_kind()
        lab = labels()
        if kind in ENTRY_KINDS or kind is DocumentKind.RESPONSE:
            for e in source.printable_entries():
                if kind in ENTRY_KINDS and e.get("kind") != ENTRY_KINDS[kind]:
                    continue
                date = entry_date(e).isoformat()  # the day in Swedish local time
                text = f"{date} · {lab.entry_kind(e.get('kind') or '')}"
                if e.get("author_name"):
                    text += f" · {e['author_name']}"
                self.entry.addItem(text, e.get("id"))
            if self.entry.count():
                self.entry.setItemText(0, self.entry.itemText(0) + " " + self.tr("(latest)"))
        index = self.entry.findData(previous) if previous else -1
        self.entry.setCurrentIndex(index if index >= 0 else (0 if self.entry.count() else -1))
        self._filling = was_filling

    def _entry_changed(self, *_args: Any) -> None:
        if self._filling:
            return
        source, entry_id = self.source, self.entry.currentData()
        if (source is not None and self.document_kind() is DocumentKind.CHECKIN_SUMMARY
                and entry_id):
            next_day = default_next_checkin(source, source.entry(entry_id))
            # an overdue check-in is shown but not printed unless chosen ("igen" in the past)
            ahead = next_day is not None and next_day >= self._today()
            self._filling = True
            self.next_on.setChecked(ahead)
            self.next_date.setEnabled(ahead)
            if next_day is not None:
                self.next_date.setDate(QDate(next_day.year, next_day.month, next_day.day))
            self._filling = False
        self.schedule_render()

    def _today(self) -> dt.date:
        from anhorigdesk.scheduling import local_date
        from anhorigdesk.ui.scheduling.service import app_clock

        return local_date(app_clock(self.ctx).now())

    def _update_visibility(self) -> None:
        kind = self.document_kind()
        from_entry = kind is not DocumentKind.INFORMATION_HANDOUT
        self.entry.setVisible(from_entry)
        self.entry_label.setVisible(from_entry)
        self.reader_box.setVisible(from_entry)
        self.staff_box.setVisible(kind in (DocumentKind.INFORMATION_HANDOUT, DocumentKind.SUPPORT_PLAN))
        self.checkin_box.setVisible(kind is DocumentKind.CHECKIN_SUMMARY)
        note = ""
        if from_entry and self.source is not None and self.entry.count() == 0:
            note = {
                DocumentKind.SUPPORT_PLAN: self.tr("No support plan has been recorded for this carer yet."),
                DocumentKind.CHECKIN_SUMMARY: self.tr("No voluntariness check-in has been recorded for this carer yet."),
            }.get(kind, self.tr("No form has been recorded for this carer yet."))
        self.entry_note.setText(note)
        self.entry_note.setVisible(bool(note))

    def options(self) -> PrintOptions:
        kind = self.document_kind()
        next_day = None
        if kind is DocumentKind.CHECKIN_SUMMARY and self.next_on.isChecked():
            q = self.next_date.date()
            next_day = dt.date(q.year(), q.month(), q.day())
        return PrintOptions(
            kind=kind,
            language=str(self.language.currentData() or "sv"),
            large_print=self.large_print.isChecked(),
            entry_id=self.entry.currentData() if kind is not DocumentKind.INFORMATION_HANDOUT else None,
            staff_name=self.staff_name.text(),
            staff_phone=self.staff_phone.text(),
            reader=Reader.CARER if self.for_carer.isChecked() else Reader.OTHER,
            agreed=agreed_lines(self.agreed.toPlainText()) if kind is DocumentKind.CHECKIN_SUMMARY else (),
            next_checkin=next_day,
        )

    # -------------------------------------------------------------- rendering
    def schedule_render(self, *_args: Any) -> None:
        if self._filling or self.source is None or self._disposed:
            return
        self._generation += 1  # a result made from older options is dropped
        self._set_ready(False)
        self._render_timer.start()

    def render_now(self) -> Task | None:
        """Make the PDF for the current options (worker thread); the preview shows it."""
        self._render_timer.stop()
        source = self.source
        if source is None:
            return None
        self._generation += 1
        generation = self._generation
        self._set_ready(False)
        self.error.clear()
        self._update_visibility()
        if source.problem is not None:
            self._show_problem(source.problem)
            return None
        options = self.options()
        if options.kind is not DocumentKind.INFORMATION_HANDOUT and options.entry_id is None:
            self.preview.show_message(self.entry_note.text())
            return None
        self.progress.setRange(0, 0)
        self.progress.show()
        task = self._submit(lambda _ctx: render_document(source, options), "render_print")
        task.finished.connect(lambda result, g=generation: self._rendered(g, result))
        task.failed.connect(lambda exc, g=generation: self._render_failed(g, exc))
        return task

    def _rendered(self, generation: int, result: RenderedDocument) -> None:
        if generation != self._generation:
            return
        if self.busy_task is None:
            self.progress.hide()
        self.current = result
        pages = self.preview.show_pdf(result.pdf)
        self._set_ready(True)
        self.rendered.emit(pages)

    def _render_failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self.progress.hide()
        self._fail(self._explain(exc))

    def _explain(self, exc: BaseException) -> str:
        if isinstance(exc, PrintNotAllowedError):
            entry = self._chosen_entry()
            if entry is not None and entry.get("confidentiality") != "shareable":
                return self.tr("This was told in confidence: it can only be printed for the carer themself.")
            return self.tr("The carer has not agreed that this may be given to anyone else. "
                           "Record the consent under Edit first, or print it for the carer.")
        if isinstance(exc, EntryUnavailable):
            return {
                "unknown_version": self.tr("The form version this was recorded with is not known "
                                           "on this computer yet; sync and try again."),
                "no_form": self.tr("This entry was not made with a form and cannot be printed."),
            }.get(exc.reason, self.tr("The entry is no longer on the timeline."))
        return self.tr("The document could not be made (%1).").replace("%1", user_message(exc))

    def _chosen_entry(self) -> dict[str, Any] | None:
        entry_id = self.entry.currentData()
        if self.source is None or not entry_id:
            return None
        try:
            return self.source.entry(entry_id)
        except EntryUnavailable:
            return None

    def _show_problem(self, problem: MunicipalityProblem) -> None:
        lines = [self.tr("The municipality file %1 cannot be used, so nothing can be printed "
                         "until it is corrected:").replace("%1", problem.file_name)]
        for field, what in problem.problems:
            what = self._problem_text(what)
            lines.append(self.tr("• field %1: %2").replace("%1", field).replace("%2", what)
                         if field else f"• {what}")
        lines.append(self.tr("Correct the file, or choose another one with “Municipality file…”."))
        self._fail("\n".join(lines))

    def _problem_text(self, what: str) -> str:
        """The printing core's most common problems in the UI language; the rarer ones (for
        whoever edits the YAML) as the core wrote them."""
        exact = {
            "missing": self.tr("missing"),
            "empty": self.tr("empty"),
            "file not found": self.tr("the file does not exist"),
            "language not listed under `languages`": self.tr("language not listed under `languages`"),
        }
        if what in exact:
            return exact[what]
        found = re.fullmatch(r"unknown field \(allowed: (.*)\)", what)
        if found:
            return self.tr("unknown field (allowed: %1)").replace("%1", found.group(1))
        found = re.fullmatch(r"not valid YAML at line (\d+), column (\d+)", what)
        if found:
            return (self.tr("not valid YAML at line %1, column %2")
                    .replace("%1", found.group(1)).replace("%2", found.group(2)))
        if what == "not valid YAML":
            return self.tr("not valid YAML")
        return what

    def _fail(self, text: str) -> None:
        self.current = None
        self._set_ready(False)
        self.error.setText(text)
        self.preview.show_message(self.tr("Nothing to show."))

    def _set_ready(self, ready: bool) -> None:
        busy = self.busy_task is not None
        self.print_button.setEnabled(ready and not busy)
        self.pdf_button.setEnabled(ready and not busy)
        if not ready:
            self.current = None

    def _show_page_count(self, pages: int) -> None:
        self.pages_label.setText(self.tr("%n page(s)", "", pages) if pages else "")

    # -------------------------------------------------------------- printing
    def print_document(self) -> None:
        """The system print dialog; on OK the pages go to the chosen printer."""
        if self.current is None:
            return
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("AnhörigDesk printout"))
        dialog = QPrintDialog(printer, self)
        dialog.setWindowTitle(self.tr("Print"))
        dialog.setMinMax(1, max(1, self.preview.page_count))
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintSelection, False)
        dialog.setOption(QPrintDialog.PrintDialogOption.PrintCurrentPage, False)
        dialog.accepted.connect(lambda: self.print_to(printer))
        self._print_dialog = (dialog, printer)  # keep both alive while the dialog is open
        QDialog.open(dialog)  # PySide6's QPrintDialog.open() wants a receiver; the base one does not

    def print_to(self, printer: QPrinter) -> Task | None:
        """Paint the shown document on ``printer`` and record it, in one worker task."""
        current, session = self.current, self.ctx.workspace
        if current is None or session is None or self.busy_task is not None:
            return None
        pdf, record = current.pdf, current.record
        repo, actor, carer_id = session.repository, session.actor, self.carer_id

        def job(ctx: TaskContext) -> str:
            paint_pdf(ctx, pdf, printer)
            # The pages have gone to the printer: the printout happened, so it is recorded,
            # and a cancel pressed meanwhile no longer says otherwise.
            ctx.commit()
            return record_printout(repo, actor, carer_id, record, "printer")

        self.progress.setRange(0, self.preview.page_count or 1)
        self.progress.setValue(0)
        self.progress.show()
        self.cancel_button.show()
        task = self._submit(job, "print_document")
        self._printer_in_use = printer
        self._start_busy(task)
        task.progress.connect(self._print_progress)
        task.finished.connect(lambda _id: self._recorded("printer"))
        task.failed.connect(self._print_failed)
        task.cancelled.connect(lambda: self.error.setText(self.tr("Printing was cancelled; nothing was recorded.")))
        return task

    def _print_failed(self, exc: BaseException) -> None:
        if isinstance(exc, PrinterUnavailable):
            self.error.setText(self.tr("The printer could not be used. Check that it is on and "
                                       "connected, or save as PDF instead; nothing was recorded."))
        else:
            self.error.setText(self.tr("Printing failed: %1").replace("%1", user_message(exc)))

    def _print_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, total)
        self.progress.setValue(done)
        if done >= total:
            self.cancel_button.hide()  # every page is with the printer now

    def save_pdf(self) -> None:
        """Ask where to save (non-blocking file dialog), then save."""
        if self.current is None:
            return
        self._file_dialog = open_save_pdf_dialog(self, self.default_file_name(), self.save_pdf_to)

    def default_file_name(self) -> str:
        """A file name without personal data: the document and today's date."""
        names = {
            DocumentKind.INFORMATION_HANDOUT: self.tr("Information handout"),
            DocumentKind.SUPPORT_PLAN: self.tr("Support plan"),
            DocumentKind.CHECKIN_SUMMARY: self.tr("Check-in summary"),
            DocumentKind.RESPONSE: self.tr("Recorded form"),
        }
        return f"{names[self.document_kind()]} {dt.date.today().isoformat()}.pdf"

    def save_pdf_to(self, path: Path) -> Task | None:
        """Write the shown PDF to ``path`` and record it, in one worker task."""
        current, session = self.current, self.ctx.workspace
        if current is None or session is None or self.busy_task is not None:
            return None
        pdf, record = current.pdf, current.record
        repo, actor, carer_id = session.repository, session.actor, self.carer_id

        handed_over = self.pdf_for_carer.isChecked()

        def job(_ctx: TaskContext) -> str:
            write_pdf_file(pdf, path)
            if handed_over:
                return record_printout(repo, actor, carer_id, record, "pdf")
            return log_saved_copy(repo, actor, carer_id, record)

        self.progress.setRange(0, 0)
        self.progress.show()
        task = self._submit(job, "save_pdf")
        self._start_busy(task)
        task.finished.connect(lambda _id: self._recorded("pdf" if handed_over else "pdf_kept"))
        task.failed.connect(lambda exc: self.error.setText(
            self.tr("The PDF could not be saved: %1").replace("%1", user_message(exc))))
        return task

    def _start_busy(self, task: Task) -> None:
        self.busy_task = task
        self.error.clear()
        self.status.clear()
        self._set_ready(True)  # disables the buttons while busy

        def done() -> None:
            self.busy_task = None
            self.progress.hide()
            self.cancel_button.hide()
            self._set_ready(self.current is not None)
            if self.current is None:
                self.schedule_render()

        task.done.connect(done)

    def cancel_work(self) -> None:
        if self.busy_task is not None:
            self.busy_task.cancel()

    def _recorded(self, how: str) -> None:
        self.error.clear()
        if how == "pdf_kept":  # nothing handed over: the timeline is unchanged
            self.status.setText(self.tr("Saved as PDF. Not noted on the timeline as handed over."))
            return
        self.status.setText(self.tr("Sent to the printer and noted on the timeline.") if how == "printer"
                            else self.tr("Saved as PDF and noted on the timeline as given to the carer."))
        self.printed.emit(self.carer_id)

    # ------------------------------------------------------------ lifetime
    def _submit(self, fn: Any, name: str) -> Task:
        """Run ``fn`` on the task runner; the dialog is not deleted while it runs."""
        task = self.ctx.runner.submit(fn, name=name)
        self._tasks.add(task)
        task.done.connect(lambda t=task: self._task_done(t))
        return task

    def _task_done(self, task: Task) -> None:
        self._tasks.discard(task)
        if self._disposed and not self._tasks:
            self.deleteLater()

    def dispose(self) -> None:
        """Close, and delete once no task of this dialog runs (a print still gets recorded)."""
        self._disposed = True
        self._render_timer.stop()
        self.close()
        if not self._tasks:
            self.deleteLater()

    # ---------------------------------------------------------- municipality
    def choose_municipality_file(self) -> None:
        dialog = QFileDialog(self, self.tr("Municipality file"))
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setNameFilter(self.tr("Municipality files (*.yaml *.yml)"))
        dialog.fileSelected.connect(lambda name: self.use_municipality_file(Path(name)))
        self._file_dialog = dialog
        dialog.open()

    def use_municipality_file(self, path: Path | None) -> Task | None:
        """Keep ``path`` in the settings (None: the shipped example) and read it again."""
        self.ctx.settings.set_value(SETTING_KEY, str(path) if path is not None else "")
        return self.load()

    def closeEvent(self, event: Any) -> None:
        self._render_timer.stop()
        super().closeEvent(event)
