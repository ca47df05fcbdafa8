"""Display names for the core's codes (relation kinds, consent scopes, entry kinds …).

The core stores codes; the UI shows them in the user's language through ``tr``.
``Labels`` is a QObject so ``pyside6-lupdate`` finds the strings under one context.
"""

from __future__ import annotations

import re
from typing import Any

from anhorigdesk.ui.qt import QObject

_POSTCODE = re.compile(r"^\d{3}\s?\d{2}\s+")


def short_address(address: str | None) -> str:
    """"Påhittade gatan 12, 123 45 Exempelby" → "Påhittade gatan 12, Exempelby": the
    street and the town, enough to tell two people apart in a list."""
    parts = [p.strip() for p in (address or "").replace("\n", ",").split(",") if p.strip()]
    return ", ".join(_POSTCODE.sub("", p) for p in parts)


# the five parts of the carer perspective, as the samtal form's perspective_parts values
PERSPECTIVE_PARTS = ("seen_and_heard", "kept_informed", "care_and_life", "knowledge_used", "own_support")


class Labels(QObject):
    def relation(self, kind: str) -> str:
        return {
            "partner": self.tr("Partner"),
            "child": self.tr("Child"),
            "parent": self.tr("Parent"),
            "sibling": self.tr("Sibling"),
            "friend": self.tr("Friend"),
            "neighbour": self.tr("Neighbour"),
            "other": self.tr("Other"),
        }.get(kind, kind)

    def consent_scope(self, scope: str) -> str:
        return {
            "record": self.tr("Details about them may be recorded"),
            "share_with_care": self.tr("Details may be shared with the care staff"),
            "contact": self.tr("We may contact them"),
            "print_plan": self.tr("The support plan may be printed for them"),
            "share_with_unit": self.tr("The record may be shared with a named unit"),
        }.get(scope, scope)

    def consent_how(self, how: str) -> str:
        return {
            "verbal": self.tr("Verbally"),
            "written": self.tr("In writing"),
            "digital": self.tr("Digitally"),
            "guardian": self.tr("Through a guardian"),
        }.get(how, how)

    def entry_kind(self, kind: str) -> str:
        return {
            "samtal": self.tr("Conversation"),
            "stodplan": self.tr("Support plan"),
            "frivillighet": self.tr("Voluntariness check-in"),
            "korttid": self.tr("Short-term stay"),
            "handout": self.tr("Handout printed"),
        }.get(kind, kind)

    def document_kind(self, kind: str) -> str:
        return {
            "information_handout": self.tr("Information handout"),
            "support_plan": self.tr("Support plan printed"),
            "checkin_summary": self.tr("Check-in summary printed"),
            "korttid_list": self.tr("Short-term unit list printed"),
            "response": self.tr("Form printed"),
        }.get(kind, kind)

    def perspective(self, part: str) -> str:
        return {
            "seen_and_heard": self.tr("Seen and listened to"),
            "kept_informed": self.tr("Kept informed"),
            "care_and_life": self.tr("Their care and their life"),
            "knowledge_used": self.tr("Their knowledge used"),
            "own_support": self.tr("Their own need of support"),
        }.get(part, part)

    def channel(self, channel: str) -> str:
        return {
            "home_visit": self.tr("On a home visit"),
            "at_unit": self.tr("At the unit"),
            "phone": self.tr("By phone"),
            "video": self.tr("By video"),
            "other": self.tr("Another way"),
        }.get(channel, channel)

    def due_short(self, reason_code: str) -> str:
        """A due item's reason in a few words, for a narrow "What" column (the full reason
        goes in the tooltip); "" for a reason without a short form."""
        return {
            "first_checkin": self.tr("First check-in"),
            "regular_interval": self.tr("Check-in due"),
            "plan_changed": self.tr("New plan: how is it going?"),
            "situation_changed": self.tr("Situation changed"),
            "korttid_ended": self.tr("After a short-term stay"),
            "schedule_reopened": self.tr("Check-ins resumed"),
            "plan_review_date": self.tr("Plan review date"),
            "flag_plan_review": self.tr("Review the plan"),
            "flag_follow_up": self.tr("Follow-up talk"),
        }.get(reason_code, "")

    def carer_hint(self, hint: dict[str, Any] | None, *, cared_for: bool = True) -> str:
        """What tells a carer from others of the same name: "b. 1948 · Påhittade gatan 12,
        Exempelby · cares for Karl Fantasiholm" ("" when nothing is known)."""
        hint = hint or {}
        parts = []
        if hint.get("birth_year"):
            parts.append(self.tr("b. %1").replace("%1", str(hint["birth_year"])))
        place = short_address(hint.get("address"))
        if place:
            parts.append(place)
        names = hint.get("cared_for") or []
        if cared_for and names:
            shown = ", ".join(names[:2]) + (" …" if len(names) > 2 else "")
            parts.append(self.tr("cares for %1").replace("%1", shown))
        return " · ".join(parts)

    def carer_short(self, name: str, hint: dict[str, Any] | None) -> str:
        """A name with the one fact that fits in a narrow column: "Aino Fantasiholm, b. 1948"
        (the street when the birth year is not known)."""
        hint = hint or {}
        if hint.get("birth_year"):
            return f"{name}, " + self.tr("b. %1").replace("%1", str(hint["birth_year"]))
        street = short_address(hint.get("address")).split(",")[0]
        return f"{name}, {street}" if street else name

    def search_match(self, snippet: str | None) -> str:
        """Why a search found a carer: the words around the match in the record or an entry,
        quoted ("" when the name itself matched)."""
        return self.tr("“%1”").replace("%1", snippet) if snippet else ""

    def carer_with_hint(self, name: str, hint: dict[str, Any] | None) -> str:
        """"Aino Fantasiholm (b. 1948 · Exempelvägen 3, Exempelby · cares for Karl)"."""
        text = self.carer_hint(hint)
        return f"{name} ({text})" if text else name

    def language(self, code: str) -> str:
        return {
            "sv": self.tr("Swedish"),
            "en": self.tr("English"),
            "sv-lattlast": self.tr("Easy Swedish"),
            "fi": self.tr("Finnish"),
            "ar": self.tr("Arabic"),
            "so": self.tr("Somali"),
            "fa": self.tr("Persian"),
            "bs": self.tr("Bosnian"),
            "pl": self.tr("Polish"),
            "ti": self.tr("Tigrinya"),
            "other": self.tr("Other language"),
        }.get(code, code)


_labels: Labels | None = None


def labels() -> Labels:
    global _labels
    if _labels is None:
        _labels = Labels()
    return _labels
