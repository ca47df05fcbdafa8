"""The forms core's messages: every text the core shows, Swedish first, then English.

The texts are the ``forms`` gettext catalogue (``resources/locale/<language>/LC_MESSAGES/
forms.po``, see :mod:`anhorigdesk.i18n`), looked up by message key (``answer_required``,
``type_integer`` …). A `Message` is a key plus plain parameters (ids, paths, numbers); it becomes
text only when a language is chosen, so the same problem can be shown in Swedish on screen and
in English in a developer's log.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from anhorigdesk import i18n

DEFAULT_LANGUAGE = i18n.DEFAULT_LANGUAGE
DOMAIN = "forms"


def has_message(key: str) -> bool:
    """Whether the forms catalogue has ``key``."""
    return i18n.has_message(DOMAIN, key)


@dataclass(frozen=True)
class Message:
    """A translatable message: a catalog key and plain parameters."""

    key: str
    params: dict[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        if not has_message(self.key):
            raise KeyError(f"no message '{self.key}' in the forms catalog")

    def text(self, lang: str = DEFAULT_LANGUAGE) -> str:
        return translate(self.key, lang, **self.params)

    def __str__(self) -> str:
        return self.text(DEFAULT_LANGUAGE)

    def __hash__(self) -> int:
        return hash((self.key, tuple(sorted((k, repr(v)) for k, v in self.params.items()))))


def translate(key: str, lang: str = DEFAULT_LANGUAGE, /, **params: Any) -> str:
    """The catalog text for `key` in `lang` (falls back to Swedish), formatted with params.

    A parameter that is itself a `Message` is translated into the same language first.
    """
    template = i18n.template(DOMAIN, key, lang)
    resolved = {k: (v.text(lang) if isinstance(v, Message) else v) for k, v in params.items()}
    return template.format(**resolved)


def languages() -> tuple[str, ...]:
    """The languages every catalog entry has."""
    return i18n.languages()
