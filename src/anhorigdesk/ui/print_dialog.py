"""Printing for a carer: the municipality's information handout, or a stored form
response (support plan, check-in summary, any other form), as a PDF.

The documents are laid out by ``anhorigdesk.printing`` (reportlab) on a worker thread.
The user chooses where the PDF goes (the Documents folder first). A PDF given to the carer
is recorded on the carer's timeline as handed over (kind ``handout``: what, which entry,
language, pages, checksum; never the content); a copy kept for oneself only gets its
access-log row. The check-in summary's next check-in is the carer's schedule's.  The municipality's own file is
``<data dir>/municipality.yaml``; until it exists, the shipped example municipality is
used and the dialog says so.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.tasks import TaskContext, TaskRunner
from anhorigdesk.ui.timefmt import local_date
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted

MUNICIPALITY_FILE = "municipality.yaml"
HANDOUT = "handout"


def municipality_path(data_dir: Path) -> tuple[Path, bool]:
    """The municipality file to print with, and whether it is the municipality's own."""
    own = data_dir / MUNICIPALITY_FILE
    if own.is_file():
        return own, True
    from anhorigdesk.printing import example_municipality_path

    return example_municipality_path(), False


def next_checkin_of(session: Any, registry: Any, carer_id: str) -> dt.date | None:
    """The carer's next check-in from the scheduling core (the carer page shows the same)."""
    from anhorigdesk.scheduling.storage import carer_schedule

    upcoming = carer_schedule(session.repository, session.actor, registry, carer_id).next_checkin
    return upcoming.due_on if upcoming is not None else None


def ask_save_path(parent: QWidget, suggested: str) -> str:
    """The file the user picks (empty if cancelled). Tests replace this function."""
    path, _filter = QFileDialog.getSaveFileName(parent, "", suggested, "PDF (*.pdf)")
    return path


def render_document(choice: dict[str, Any], carer: dict[str, Any], session: Any, data_dir: Path,
                    registry: Any, large_print: bool, language: str) -> tuple[bytes, dict[str, Any]]:
    """Lay out the chosen document; returns the PDF and the record for the timeline.
    Runs on a worker thread."""
    from anhorigdesk import printing

    path, _own = municipality_path(data_dir)
    municipality = printing.load_municipality(path)
    carer_language = carer.get("preferred_language") or language
    if choice["kind"] == HANDOUT:
        pdf = printing.render_information_handout(
            municipality, carer_language, staff_name=session.actor.name or None, large_print=large_print,
        )
        record = printing.make_print_record("information_handout", pdf, language=carer_language,
                                            large_print=large_print, reader="carer")
        return pdf, record.to_data()
    entry = choice["entry"]
    if registry is None:
        from anhorigdesk.forms import FormRegistry

        registry = FormRegistry.load()
    form = registry.get(entry["form_id"], version=entry.get("form_version"),
                        fingerprint=entry.get("form_fingerprint"))
    occurred = dt.datetime.fromisoformat(entry["occurred_at"]).astimezone().date()
    printable = printing.PrintableEntry(
        entry_id=entry["id"],
        carer_display_name=carer.get("name") or "",
        preferred_language=carer.get("preferred_language"),
        confidentiality="normal" if entry.get("confidentiality") == "shareable" else "carer_only",
        author_name=entry.get("author_name") or "",
        unit_name=getattr(session.profile, "unit_name", "") or "",
        date=occurred,
        form=form,
        answers=entry.get("data") or {},
    )
    if entry["kind"] == "stodplan":
        pdf, kind = printing.render_support_plan(printable, municipality, large_print=large_print), "support_plan"
    elif entry["kind"] == "frivillighet":
        pdf, kind = printing.render_checkin_summary(
            printable, municipality, large_print=large_print,
            next_checkin=next_checkin_of(session, registry, carer["id"])), "checkin_summary"
    else:
        pdf, kind = printing.render_response(printable, municipality, large_print=large_print), "response"
    record = printing.make_print_record(kind, pdf, language=carer_language, large_print=large_print,
                                        entry=printable, reader="carer")
    return pdf, record.to_data()


class PrintDialog(QDialog):
    """Choose a document, then "Save as PDF…"; the printout goes on the timeline."""

    def __init__(self, runner: TaskRunner, session: Any, data_dir: Path, carer: dict[str, Any],
                 entries: list[dict[str, Any]], registry: Any, language: str,
                 on_printed: Callable[[], None] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.runner = runner
        self.session = session
        self.data_dir = data_dir
        self.carer = carer
        self.registry = registry
        self.language = language
        self.on_printed = on_printed
        self.saved_path = ""
        self.choices: list[dict[str, Any]] = [{"kind": HANDOUT}]
        self.choices += [{"kind": e["kind"], "entry": e} for e in entries if e.get("form_id")][:30]

        self.heading = Heading(1.3, self)
        self.list = QListWidget(self)
        self.large_print = QCheckBox(self)
        self.for_carer = QCheckBox(self)  # handed over only when the PDF is for the carer
        self.note = Muted(self)
        self.error = ErrorLabel(self)
        self.save_button = QPushButton(self)
        self.save_button.setDefault(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.addButton(self.save_button, QDialogButtonBox.ButtonRole.AcceptRole)

        self.save_button.clicked.connect(self.save)
        self.list.itemActivated.connect(lambda _item: self.save())
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.large_print)
        layout.addWidget(self.for_carer)
        layout.addWidget(self.note)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.resize(520, 420)
        for _ in self.choices:
            QListWidgetItem(self.list)
        self.list.setCurrentRow(0)
        self._own_municipality = (data_dir / MUNICIPALITY_FILE).is_file()
        self.retranslate()

    def retranslate(self) -> None:
        lab = labels()
        self.setWindowTitle(self.tr("Print — AnhörigDesk"))
        self.heading.setText(self.tr("What do you want to print?"))
        self.list.setAccessibleName(self.tr("Documents"))
        for row, choice in enumerate(self.choices):
            if choice["kind"] == HANDOUT:
                text = self.tr("Information about the support on offer (handout)")
            else:
                entry = choice["entry"]
                text = f"{lab.entry_kind(entry['kind'])} · {local_date(entry.get('occurred_at'))}"
            self.list.item(row).setText(text)
        self.large_print.setText(self.tr("&Large print"))
        self.for_carer.setText(self.tr("The PDF is &given to the carer (noted on the timeline as handed over)"))
        self.save_button.setText(self.tr("&Save as PDF…"))
        self.note.setText(
            "" if self._own_municipality else
            self.tr("The example municipality's details are used until your municipality's file "
                    "is placed in the data folder as municipality.yaml.")
        )
        self.note.setVisible(not self._own_municipality)

    def save(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.choices):
            return
        choice = self.choices[row]
        from anhorigdesk.ui.printing.save_dialog import documents_folder

        name = "stod.pdf" if choice["kind"] == HANDOUT else f"{choice['kind']}.pdf"
        suggested = str(documents_folder() / name)
        target = ask_save_path(self, suggested)
        if not target:
            return
        self.save_button.setEnabled(False)
        self.error.setText(self.tr("Preparing the document…"))
        carer, session, data_dir = self.carer, self.session, self.data_dir
        registry, large, language = self.registry, self.large_print.isChecked(), self.language
        carer_id = carer["id"]
        handed_over = self.for_carer.isChecked()

        def work(_ctx: TaskContext) -> str:
            pdf, record = render_document(choice, carer, session, data_dir, registry, large, language)
            Path(target).write_bytes(pdf)
            if handed_over:
                session.repository.add_entry(session.actor, carer_id, HANDOUT, record,
                                             confidentiality="carer_only")
            session.repository.log_access(session.actor, "carer", carer_id, f"print:{record['kind']}")
            return target

        task = self.runner.submit(work, name="print")
        task.finished.connect(lambda path: self._saved(path, handed_over))
        task.failed.connect(self._failed)

    def _saved(self, path: str, handed_over: bool = True) -> None:
        self.saved_path = path
        self.save_button.setEnabled(True)
        self.error.clear()
        if handed_over and self.on_printed is not None:  # the timeline changed
            self.on_printed()
        self.accept()

    def _failed(self, exc: BaseException) -> None:
        self.save_button.setEnabled(True)
        self.error.setText(self.tr("The document could not be made: %1").replace("%1", user_message(exc)))
