"""The register extract's review ("Registerutdrag"): the draft is produced on a worker, the
staff member sees what it holds and may withhold information about other people (a
cared-for person, an entry) with a reason, chooses large print, and releases it: the PDF
for the carer and the JSON file are written to the folder chosen. Producing and releasing
are logged by the core (``lifecycle/extract.py``); the dialog says the extract is of this
laptop only.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from anhorigdesk.ui.context import AppContext
from anhorigdesk.ui.printing.municipality_file import SETTING_KEY, load_configured
from anhorigdesk.ui.qt import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QEvent,
    QFileDialog,
    QHeaderView,
    QLabel,
    Qt,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.start import user_message
from anhorigdesk.ui.widgets import ErrorLabel, Muted

PDF_NAME, JSON_NAME = "registerutdrag.pdf", "registerutdrag.json"


class ExtractDialog(QDialog):
    """Review and release one carer's register extract. ``target_dir`` (tests, or set by
    the folder chooser) is where the files go."""

    def __init__(self, ctx: AppContext, carer_id: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("extractDialog")
        self.ctx, self.carer_id = ctx, carer_id
        self.draft: Any = None
        self.municipality: Any = None
        self.released: Any = None
        self.target_dir: Path | None = None
        self.intro = Muted(self)
        self.scope = QLabel(self)
        self.scope.setWordWrap(True)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.parts_label = QLabel(self)
        self.parts_label.setWordWrap(True)
        self.parts = QTreeWidget(self)
        self.parts.setRootIsDecorated(False)
        self.parts.setColumnCount(2)
        self.parts.header().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.parts.header().setStretchLastSection(True)
        self.large_print = QCheckBox(self)
        self.error = ErrorLabel(self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.release_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.release_button.setEnabled(False)
        self.buttons.rejected.connect(self.reject)
        self.release_button.clicked.connect(self.release)
        layout = QVBoxLayout(self)
        for widget in (self.intro, self.scope, self.summary, self.parts_label, self.parts,
                       self.large_print, self.error, self.buttons):
            layout.addWidget(widget)
        self.resize(720, 520)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Register extract"))
        self.intro.setText(self.tr("Everything stored about the carer, for the carer (GDPR article 15). "
                                   "Review it before it is released."))
        self._show_scope()
        self.parts_label.setText(self.tr("Information about other people may be covered by secrecy. Tick what "
                                         "to withhold and write why (double-click the reason)."))
        self.parts.setHeaderLabels([self.tr("Withhold"), self.tr("Reason")])
        self.parts.setAccessibleName(self.tr("Parts about other people"))
        self.large_print.setText(self.tr("&Large print"))
        self.release_button.setText(self.tr("&Release and save…"))
        self._show_summary()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    # ------------------------------------------------------------ producing
    def produce(self) -> None:
        """Read the municipality file and produce the draft (worker thread)."""
        workspace, carer_id = self.ctx.workspace, self.carer_id
        if workspace is None:
            return
        setting = self.ctx.settings.value(SETTING_KEY, "")
        data_dir = self.ctx.data_dir
        sync = self.ctx.sync  # signed in to a server: its part is asked for (offline: none)
        client = getattr(sync, "client", None) if sync is not None else None

        def work(_ctx: Any) -> tuple[Any, Any]:
            loaded = load_configured(workspace.printing_municipality(setting, data_dir))
            if not hasattr(loaded, "language_for"):
                raise ValueError("municipality file")
            return loaded, workspace.produce_extract(carer_id, loaded, server=client)

        self.summary.setText(self.tr("Reading…"))
        task = self.ctx.runner.submit(work, name="produce_extract")
        task.finished.connect(self._produced)
        task.failed.connect(lambda exc: self.error.setText(
            self.tr("The extract could not be made: %1").replace("%1", user_message(exc))))

    def _produced(self, result: tuple[Any, Any]) -> None:
        self.municipality, self.draft = result
        self.parts.clear()
        for part, label in self.draft.parts_about_others():
            item = QTreeWidgetItem([label, ""])
            item.setData(0, Qt.ItemDataRole.UserRole, part)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable | Qt.ItemFlag.ItemIsEditable)
            item.setCheckState(0, Qt.CheckState.Unchecked)
            self.parts.addTopLevelItem(item)
        self._show_summary()
        self._show_scope()
        self.release_button.setEnabled(True)

    def _show_scope(self) -> None:
        """Whether the extract holds what the server holds, or is of this computer only."""
        if self.draft is not None and self.draft.document.get("scope") == "laptop_and_server":
            self.scope.setText(self.tr("The extract includes what the server holds about the carer "
                                       "and the server's access log."))
        elif self.draft is not None and self.draft.server_unavailable:
            self.scope.setText(self.tr("The server could not be reached (%1): the extract is of this "
                                       "computer only.").replace("%1", self.draft.server_unavailable))
        else:
            self.scope.setText(self.tr("The extract is of this computer only: what the server holds is not "
                                       "included."))

    def _show_summary(self) -> None:
        if self.draft is None:
            return
        doc = self.draft.document
        self.summary.setText(
            self.tr("%1 entries (with every correction), %2 relations, %3 consents, %4 accesses in the log.")
            .replace("%1", str(len(doc["entries"]))).replace("%2", str(len(doc["relations"])))
            .replace("%3", str(len(doc["consents"]))).replace("%4", str(len(doc["access"]))))

    def withhold(self, part: str, reason: str) -> None:
        """Tick ``part`` and give the reason (what a user does in the list)."""
        for index in range(self.parts.topLevelItemCount()):
            item = self.parts.topLevelItem(index)
            if item.data(0, Qt.ItemDataRole.UserRole) == part:
                item.setCheckState(0, Qt.CheckState.Checked)
                item.setText(1, reason)

    # ------------------------------------------------------------- releasing
    def release(self) -> None:
        if self.draft is None or self.ctx.workspace is None:
            return
        self.error.clear()
        self.draft.withheld.clear()
        for index in range(self.parts.topLevelItemCount()):
            item = self.parts.topLevelItem(index)
            if item.checkState(0) != Qt.CheckState.Checked:
                continue
            try:
                self.draft.withhold(item.data(0, Qt.ItemDataRole.UserRole), item.text(1))
            except ValueError:
                self.error.setText(self.tr("Write why “%1” is withheld.").replace("%1", item.text(0)))
                self.parts.setCurrentItem(item)
                return
        if self.target_dir is None:
            chosen = QFileDialog.getExistingDirectory(self, self.tr("Save the register extract in"))
            if not chosen:
                return
            self.target_dir = Path(chosen)
        workspace, draft, municipality = self.ctx.workspace, self.draft, self.municipality
        large, target = self.large_print.isChecked(), self.target_dir

        def work(_ctx: Any) -> Any:
            released = workspace.release_extract(draft, municipality, large_print=large)
            (target / PDF_NAME).write_bytes(released.pdf)
            (target / JSON_NAME).write_bytes(released.json_bytes)
            return released

        self.release_button.setEnabled(False)
        task = self.ctx.runner.submit(work, name="release_extract")
        task.finished.connect(self._released)
        task.failed.connect(self._release_failed)

    def _released(self, released: Any) -> None:
        self.released = released
        self.accept()

    def _release_failed(self, exc: BaseException) -> None:
        self.release_button.setEnabled(True)
        self.error.setText(self.tr("The extract could not be saved: %1").replace(
            "%1", user_message(exc) if hasattr(exc, "localized") else type(exc).__name__))
