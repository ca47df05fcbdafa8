"""The confidentiality marking in the editors, and its words on the timeline.

:class:`MarkingControl` is the choice every editor shows before saving: "Only about the
carer" (the default) or "May be shared with the care staff", which can only be chosen when
the carer's consent to sharing is recorded (``anhorigdesk.workspace.marking``); otherwise it is
disabled, and its tooltip and the line under it say why and where to record the consent.
"""

from __future__ import annotations

from typing import Any

from anhorigdesk.ui.qt import (
    QButtonGroup,
    QGroupBox,
    QObject,
    QRadioButton,
    QVBoxLayout,
    QWidget,
    Signal,
)
from anhorigdesk.ui.timefmt import local_date
from anhorigdesk.ui.widgets import Muted

CARER_ONLY = "carer_only"
SHAREABLE = "shareable"


class MarkingTexts(QObject):
    """The markings in words (timeline column, filter, tooltips)."""

    def short(self, marking: str | None) -> str:
        return {CARER_ONLY: self.tr("Carer only"), SHAREABLE: self.tr("May be shared")}.get(marking or "", "")

    def long(self, marking: str | None) -> str:
        return {
            CARER_ONLY: self.tr("Only about the carer: stays in the carer's record"),
            SHAREABLE: self.tr("May be shared with the staff of the cared-for person's care"),
        }.get(marking or "", "")


class MarkingControl(QGroupBox):
    """Carer only / may be shared; sharing needs the carer's consent."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("markingControl")
        self.consent: dict[str, Any] | None = None
        self.known = False  # the consent has been read
        self.carer_only = QRadioButton(self)
        self.carer_only.setObjectName("markingCarerOnly")
        self.shareable = QRadioButton(self)
        self.shareable.setObjectName("markingShareable")
        self.group = QButtonGroup(self)
        self.group.addButton(self.carer_only)
        self.group.addButton(self.shareable)
        self.carer_only.setChecked(True)
        self.why = Muted(self)
        self.shareable.toggled.connect(lambda _on: self.changed.emit())
        layout = QVBoxLayout(self)
        layout.addWidget(self.carer_only)
        layout.addWidget(self.shareable)
        layout.addWidget(self.why)
        self.retranslate()

    def retranslate(self) -> None:
        texts = MarkingTexts(self)
        self.setTitle(self.tr("Confidentiality"))
        self.carer_only.setText(texts.long(CARER_ONLY))
        self.shareable.setText(texts.long(SHAREABLE))
        self.carer_only.setAccessibleName(self.tr("Mark as only about the carer"))
        self.shareable.setAccessibleName(self.tr("Mark as may be shared with the care staff"))
        self._explain()

    # --------------------------------------------------------------- state
    def marking(self) -> str:
        return SHAREABLE if self.shareable.isChecked() and self.sharing_allowed else CARER_ONLY

    @property
    def sharing_allowed(self) -> bool:
        return self.consent is not None

    def set_marking(self, marking: str | None) -> None:
        """Restore a marking (a draft's): sharing only while the consent stands."""
        (self.shareable if marking == SHAREABLE and self.sharing_allowed else self.carer_only).setChecked(True)
        self._wanted = marking

    def reset(self) -> None:
        """A new entry: carer only, the consent not yet read."""
        self.consent = None
        self.known = False
        self._wanted = None
        self.carer_only.setChecked(True)
        self._explain()

    def set_consent(self, consent: dict[str, Any] | None) -> None:
        """The carer's standing consent to sharing (None: none given, or withdrawn)."""
        self.consent = consent
        self.known = True
        wanted = getattr(self, "_wanted", None)
        if consent is None:
            self.carer_only.setChecked(True)
        elif wanted == SHAREABLE:
            self.shareable.setChecked(True)
        self._explain()

    def _explain(self) -> None:
        allowed = self.sharing_allowed
        self.shareable.setEnabled(allowed)
        if not self.known:
            why = self.tr("Reading the carer's consent…")
            tip = why
        elif not allowed:
            why = self.tr("Sharing is not possible: the carer has not consented to details being shared "
                          "with the care staff.")
            tip = self.tr("The carer has not consented to sharing with the care staff (or has withdrawn "
                          "it). Record the consent under Edit carer first; until then everything stays "
                          "in the carer's record only.")
        else:
            consent = self.consent or {}
            why = self.tr("The carer consented to sharing with the care staff on %1.").replace(
                "%1", local_date(consent.get("given_at")))
            tip = self.tr("Choose sharing only for what the care staff need to know; what the carer "
                          "tells in confidence about themselves stays in the carer's record.")
        self.why.setText(why)
        self.shareable.setToolTip(tip)
