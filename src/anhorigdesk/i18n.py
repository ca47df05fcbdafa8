"""The Qt-free core's message catalogues: gettext, one domain per part, Swedish first.

Every text the core shows (errors, validation, sync status, the server's API errors, the
scheduling reasons, the forms checker's problems) is looked up by a stable message id
(``store.open_failed``, ``answer_required``, ``reasons.first_checkin`` …) in a gettext
catalogue under ``resources/locale/<language>/LC_MESSAGES/<domain>.po``, compiled to ``.mo``
beside it (committed, like the UI's ``.qm``; ``scripts/update_translations.py`` updates,
compiles and checks them). The domains:

- ``core``: store, profiles, keys, PIN, backup, marking, personnummer and sync texts
  (:func:`message`);
- ``forms``: problems in form files and answers, fixed answer options (``forms/messages.py``);
- ``server``: the sync server's API errors (``server/messages.py``);
- ``scheduling``: reasons of due items and why caring ended (``scheduling/texts.py``).

Swedish (``sv``) is the source catalogue and the fallback: a message id missing in another
language gives the Swedish text. Lookups use only the standard library's :mod:`gettext`;
Babel is the tooling (extract/update/compile), not a runtime dependency. Forms, handouts
and municipality texts come from data files; the Qt front end translates its own strings
with ``tr()``.
"""

from __future__ import annotations

import gettext
from functools import cache
from typing import Any

from anhorigdesk.paths import locale_dir

DEFAULT_LANGUAGE = "sv"
DOMAINS = ("core", "forms", "server", "scheduling")

_current = {"language": DEFAULT_LANGUAGE}


class _Missing(gettext.NullTranslations):
    """The end of every fallback chain: an id in no catalogue is an error, not its own text."""

    def gettext(self, message: str) -> str:
        raise KeyError(message)


@cache
def languages() -> tuple[str, ...]:
    """The languages with catalogues (a folder under ``resources/locale/``), Swedish first."""
    found = sorted(p.name for p in locale_dir().iterdir() if (p / "LC_MESSAGES").is_dir())
    return tuple(sorted(found, key=lambda code: (code != DEFAULT_LANGUAGE, code)))


@cache
def translations(domain: str, language: str) -> gettext.NullTranslations:
    """The compiled catalogue of ``domain`` in ``language``, falling back to Swedish.

    ``gettext(id)`` raises ``KeyError`` for an id the Swedish catalogue does not have.
    A language with no catalogue is Swedish.
    """
    if domain not in DOMAINS:
        raise KeyError(f"no message domain {domain!r}")
    path = locale_dir() / language / "LC_MESSAGES" / f"{domain}.mo"
    if language == DEFAULT_LANGUAGE:
        with path.open("rb") as file:
            swedish = gettext.GNUTranslations(file)
        swedish.add_fallback(_Missing())
        return swedish
    if not path.is_file():
        return translations(domain, DEFAULT_LANGUAGE)
    with path.open("rb") as file:
        other = gettext.GNUTranslations(file)
    other.add_fallback(translations(domain, DEFAULT_LANGUAGE))
    return other


def template(domain: str, msgid: str, language: str) -> str:
    """The unfilled text of ``msgid`` in ``language``; ``KeyError`` if the id is unknown."""
    return translations(domain, language).gettext(msgid)


def has_message(domain: str, msgid: str) -> bool:
    try:
        template(domain, msgid, DEFAULT_LANGUAGE)
    except KeyError:
        return False
    return True


def set_language(language: str) -> None:
    """Set the process-wide language of core messages (``sv`` or ``en``); the next lookup
    uses it, so switching languages in the UI is live."""
    _current["language"] = language if language in languages() else DEFAULT_LANGUAGE


def current_language() -> str:
    return _current["language"]


def message(code: str, language: str | None = None, /, **params: Any) -> str:
    """The ``core`` text for ``code`` in ``language`` (default: the current one), filled in.

    An unknown code is given back as it is; a text whose placeholders do not match the
    parameters is given unfilled (a message never raises).
    """
    try:
        text = template("core", code, language or current_language())
    except KeyError:
        return code
    try:
        return text.format(**params)
    except (KeyError, IndexError, ValueError):
        return text
