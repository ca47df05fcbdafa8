"""Translatable texts of scheduling: the ``scheduling`` gettext catalogue.

The texts live in ``resources/locale/<language>/LC_MESSAGES/scheduling.po`` (see
:mod:`anhorigdesk.i18n`) under ``reasons.<reason code>`` (why a due item is due) and
``ended_because.<code>`` (why caring ended: a closed schedule). ``{flag}`` in a reason is
the flag's own label from its form definition.

Texts are the forms package's :class:`~anhorigdesk.forms.LocalText` (Swedish always present),
so a flag's label from its form and a reason from this catalog are one kind of object.
"""

from __future__ import annotations

from functools import cache

from anhorigdesk import i18n
from anhorigdesk.forms import LocalText

DOMAIN = "scheduling"

# the codes of why caring ended (stored in schedule records: never rename one)
_ENDED_BECAUSE = (
    "cared_for_died",
    "cared_for_moved",
    "relationship_ended",
    "other",
)


def fill(template: LocalText, **values: LocalText | str) -> LocalText:
    """``template`` with its ``{name}`` places filled, language by language.

    A value may itself be a LocalText (a flag's label): each language takes its own text.
    """
    return LocalText.of(
        {
            lang: text.format(
                **{k: (v.get(lang) if isinstance(v, LocalText) else v) for k, v in values.items()}
            )
            for lang, text in template.texts
        }
    )


@cache
def _text(msgid: str) -> LocalText:
    return LocalText.of({lang: i18n.template(DOMAIN, msgid, lang) for lang in i18n.languages()})


def reason_text(code: str) -> LocalText:
    """The text of a due item's reason code."""
    try:
        return _text(f"reasons.{code}")
    except KeyError:
        raise KeyError(f"no text for scheduling reason code {code!r}") from None


def ended_because_text(code: str) -> LocalText:
    """The text of why caring ended (a closed schedule)."""
    if code not in _ENDED_BECAUSE:
        raise KeyError(f"no text for ended-because code {code!r}")
    return _text(f"ended_because.{code}")


def ended_because_codes() -> frozenset[str]:
    return frozenset(_ENDED_BECAUSE)
