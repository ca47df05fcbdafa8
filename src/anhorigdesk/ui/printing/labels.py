"""How a printout (a ``handout`` entry) reads on the carer's timeline, in the UI language."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from anhorigdesk.ui.labels import labels
from anhorigdesk.ui.qt import QObject


class PrintLabels(QObject):
    def document(self, kind: str) -> str:
        return {
            "information_handout": self.tr("Information handout"),
            "support_plan": self.tr("Support plan"),
            "checkin_summary": self.tr("Check-in summary"),
            "korttid_list": self.tr("Short-term stay list"),
            "response": self.tr("Recorded form"),
        }.get(kind, kind)

    def summary(self, data: Mapping[str, Any]) -> str:
        parts = [self.document(str(data.get("document") or ""))]
        if data.get("language"):
            parts.append(labels().language(str(data["language"])))
        if data.get("large_print"):
            parts.append(self.tr("large print"))
        if data.get("reader") == "other":
            parts.append(self.tr("for someone else"))
        parts.append(self.tr("saved as PDF") if data.get("how") == "pdf" else self.tr("printed"))
        if data.get("pages"):
            parts.append(self.tr("%n page(s)", "", int(data["pages"])))
        return " · ".join(parts)


_labels: PrintLabels | None = None


def printout_summary(data: Mapping[str, Any]) -> str:
    global _labels
    if _labels is None:
        _labels = PrintLabels()
    return _labels.summary(data)
