"""A stored form response, shown read-only exactly as it was made.

New responses and drafts are written on the entry page (``pages/entry.py``), which hosts the
same :class:`~anhorigdesk.ui.forms.FormWidget` and stores through the core's
:func:`anhorigdesk.workspace.responses.submit_response`. This page opens a response from the timeline
(or from a follow-up): the definition it was made with is found by its fingerprint
(:func:`anhorigdesk.workspace.responses.open_response`, which feeds the store's remembered versions to
the registry), so an old response reads right after the form has changed.

Navigation argument: ``{"entry": row}`` (a timeline entry as ``Repository.timeline`` gives it).

"Rätta anteckningen" (issue #13, ``lifecycle/corrections.py``) opens the entry page on a copy
of the answers; saving there stores a new version pointing at this one. A corrected entry
says so here — by whom and when — and stays readable as it was.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.i18n import current_language
from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.forms import FormWidget
from anhorigdesk.ui.marking import MarkingTexts
from anhorigdesk.ui.pages.base import Page
from anhorigdesk.ui.qt import QHBoxLayout, QPushButton, QVBoxLayout, QWidget
from anhorigdesk.ui.scheduling.service import shared_registry
from anhorigdesk.ui.tasks import TaskContext
from anhorigdesk.ui.timefmt import local_minute
from anhorigdesk.ui.widgets import ErrorLabel, Heading, Muted


class FormPage(Page):
    nav_key = "carers"

    def __init__(self, ctx: AppContext, parent: QWidget | None = None) -> None:
        super().__init__(ctx, parent)
        self.entry: dict[str, Any] | None = None
        self.definition: Any = None
        self.form: FormWidget | None = None
        # create
        self.heading = Heading(1.5, self)
        self.subheading = Muted(self)
        self.placeholder = Muted(self)
        self.error = ErrorLabel(self)
        self.back_button = QPushButton(self)
        self.back_button.setDefault(True)
        # life cycle (ui/lifecycle): correct this entry, see whether it was corrected
        self.versions: list[dict[str, Any]] = []
        self.corrections: list[Any] = []  # lifecycle.corrections.Correction of this entry's chain
        self.correction_notice = Muted(self)
        self.correction_notice.setObjectName("correctionNotice")
        self.correction_notice.hide()
        self.correct_button = QPushButton(self)
        self.correct_button.setObjectName("correctButton")
        self.correct_button.setEnabled(False)
        self.newer_button = QPushButton(self)
        self.newer_button.hide()
        # connect
        self.back_button.clicked.connect(self.back)
        self.correct_button.clicked.connect(self.correct)
        self.newer_button.clicked.connect(self.open_newer)
        # assemble
        self.form_area = QVBoxLayout()
        self.form_area.addWidget(self.placeholder)
        bottom = QHBoxLayout()
        bottom.addWidget(self.correct_button)
        bottom.addWidget(self.newer_button)
        bottom.addStretch(1)
        bottom.addWidget(self.back_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 12)
        layout.addWidget(self.heading)
        layout.addWidget(self.subheading)
        layout.addWidget(self.correction_notice)
        layout.addLayout(self.form_area, 1)
        layout.addWidget(self.error)
        layout.addLayout(bottom)
        self.retranslate()

    def page_title(self) -> str:
        # The kind of form only (never the carer's name).
        return self.tr("Stored response")

    def retranslate(self) -> None:
        self.placeholder.setText(self.tr("Loading the response…"))
        self.back_button.setText(self.tr("&Back to the carer"))
        self.correct_button.setText(self.tr("&Correct the entry…"))
        self.newer_button.setText(self.tr("Open the &newer version"))
        self._show_versions()
        self._update_heading()

    def _update_heading(self) -> None:
        if self.definition is None or self.entry is None:
            self.heading.setText(self.tr("Stored response"))
            self.subheading.setText("")
            return
        # The form shows its own title below; the page says what this is.
        self.heading.setText(self.tr("Stored response"))
        text = self.tr("Stored %1, form version %2. Read-only: a correction is a new entry.").replace(
            "%1", local_minute(self.entry.get("occurred_at"))).replace("%2", str(self.definition.version))
        if self.entry.get("author_name"):
            text += " " + self.tr("Written by %1.").replace("%1", self.entry["author_name"])
        text += " " + MarkingTexts(self).long(self.entry.get("confidentiality") or "carer_only") + "."
        self.subheading.setText(text)

    # ------------------------------------------------------------------ showing
    def on_shown(self, argument: object = None) -> None:
        if not isinstance(argument, dict) or argument.get("entry") is None:
            return
        self.entry = dict(argument["entry"])
        self.error.clear()
        self._clear_form()
        session = self.ctx.workspace
        registry = shared_registry(self.ctx, load=True)
        if session is None or registry is None:
            self.error.setText(self.tr("The forms could not be loaded in this installation."))
            return
        entry = self.entry

        def work(_ctx: TaskContext) -> Any:
            return session.open_response(entry, registry)

        self.versions, self.corrections = [], []
        self._show_versions()
        carer_id, entry_id = entry.get("carer_id"), entry.get("id")
        if carer_id and entry_id:
            versions = self.ctx.runner.submit(
                lambda _ctx: session.entry_versions(carer_id, entry_id), name="entry_versions")
            versions.finished.connect(lambda found: self._got_versions(entry_id, found))

        task = self.ctx.runner.submit(work, name="open_response")
        entry_id = entry.get("id")
        task.finished.connect(lambda definition: self._show(entry_id, definition))
        task.failed.connect(lambda _exc: self.error.setText(
            self.tr("This entry cannot be shown as a form: its form version is not known here.")))

    def _clear_form(self) -> None:
        if self.form is not None:
            self.form_area.removeWidget(self.form)
            self.form.hide()
            self.form.deleteLater()
            self.form = None
        self.definition = None
        self.placeholder.show()
        self._update_heading()

    def _show(self, entry_id: Any, definition: Any) -> None:
        if self.entry is None or self.entry.get("id") != entry_id:
            return
        self._clear_form()
        self.definition = definition
        self.form = FormWidget(definition, language=current_language(),
                               answers=self.entry.get("data") or None, read_only=True, parent=self)
        self.placeholder.hide()
        self.form_area.addWidget(self.form, 1)
        self._update_heading()
        self._show_versions()

    # ------------------------------------------------------------ corrections
    def _got_versions(self, entry_id: Any, found: Any) -> None:
        if self.entry is None or self.entry.get("id") != entry_id:
            return
        self.versions, self.corrections = found
        self._show_versions()

    def newer_correction(self) -> Any:
        """The correction that replaced this entry (None: this is the newest version)."""
        entry_id = self.entry.get("id") if self.entry else None
        return next((c for c in self.corrections if c.old_id == entry_id), None)

    def _show_versions(self) -> None:
        if self.entry is None:
            self.correction_notice.hide()
            self.correct_button.setEnabled(False)
            self.newer_button.hide()
            return
        newer = self.newer_correction()
        lines = []
        if newer is not None:
            lines.append(self.tr("Corrected %1 by %2. This is the text as it was before the correction.")
                         .replace("%1", local_minute(newer.at)).replace("%2", newer.by_name or "–"))
        if self.entry.get("supersedes"):
            previous = next((c for c in self.corrections if c.new_id == self.entry.get("id")), None)
            lines.append(self.tr("This is a correction, stored %1 by %2; the earlier text stays readable.")
                         .replace("%1", local_minute(previous.at if previous else self.entry.get("created_at")))
                         .replace("%2", self.entry.get("author_name") or "–"))
        self.correction_notice.setText("\n".join(lines))
        self.correction_notice.setVisible(bool(lines))
        self.correct_button.setEnabled(newer is None and self.definition is not None)
        self.newer_button.setVisible(newer is not None)

    def correct(self) -> None:
        """"Rätta anteckningen": the entry page, on a copy of these answers and this form
        version; saving there stores the correction."""
        if self.entry is None or self.definition is None or self.newer_correction() is not None:
            return
        self.navigate.emit("entry", {"carer_id": self.entry.get("carer_id"), "kind": self.entry.get("kind"),
                                     "correcting": dict(self.entry), "definition": self.definition})

    def open_newer(self) -> None:
        newer = self.newer_correction()
        found = next((v for v in self.versions if newer is not None and v.get("id") == newer.new_id), None)
        if found is not None:
            self.on_shown({"entry": found})

    def back(self) -> None:
        carer_id = self.entry.get("carer_id") if self.entry else None
        self.navigate.emit("carer", carer_id)
