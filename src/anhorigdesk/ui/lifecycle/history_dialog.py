"""A carer record's history: every change of their details (a correction keeps the old),
field by field with old and new value, who and when (``Workspace.carer_changes``)."""

from __future__ import annotations

import json
from typing import Any

from anhorigdesk.ui.qt import (
    QDialog,
    QDialogButtonBox,
    QEvent,
    QHeaderView,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)
from anhorigdesk.ui.timefmt import local_minute
from anhorigdesk.ui.widgets import Muted


def _shown(value: Any) -> str:
    if value is None or value == "":
        return "–"
    if isinstance(value, (list, dict)):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool):
        return "✓" if value else "–"
    return str(value)


class HistoryDialog(QDialog):
    """``changes``: ``lifecycle.corrections.FieldChange``, oldest first; ``staff`` names by id."""

    def __init__(self, changes: list[Any], staff: dict[str, str], field_names: dict[str, str],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("carerHistory")
        self.changes, self.staff, self.field_names = changes, staff, field_names
        self.intro = Muted(self)
        self.empty = Muted(self)
        self.tree = QTreeWidget(self)
        self.tree.setRootIsDecorated(False)
        self.tree.setColumnCount(5)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty)
        layout.addWidget(self.buttons)
        self.resize(760, 420)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("History of the details"))
        self.intro.setText(self.tr("Every change of the carer's details, newest first. Earlier values are kept."))
        self.empty.setText(self.tr("The details have not been changed since they were registered."))
        self.tree.setHeaderLabels([self.tr("When"), self.tr("By"), self.tr("Detail"), self.tr("Before"),
                                   self.tr("After")])
        self.tree.setAccessibleName(self.tr("Changes of the carer's details"))
        self.tree.clear()
        for change in reversed(self.changes):
            self.tree.addTopLevelItem(QTreeWidgetItem([
                local_minute(change.at), self.staff.get(change.by_id or "", change.by_id or "–"),
                self.field_names.get(change.field, change.field), _shown(change.old), _shown(change.new),
            ]))
        self.tree.setVisible(bool(self.changes))
        self.empty.setVisible(not self.changes)

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)
