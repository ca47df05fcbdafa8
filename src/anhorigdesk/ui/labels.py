"""Display names for the core's codes (relation kinds, consent scopes, entry kinds …).

The core stores codes; the UI shows them in the user's language through ``tr``.
``Labels`` is a QObject so ``pyside6-lupdate`` finds the strings under one context.
"""

from __future__ import annotations

from anhorigdesk.ui.qt import QObject

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
