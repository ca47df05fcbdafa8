"""What the sync client says to the user about a sync: Swedish first, English second.

The texts are the ``sync.*`` messages of the core's ``core`` gettext catalogue
(``resources/locale/<language>/LC_MESSAGES/core.po``, see :mod:`anhorigdesk.i18n`);
:func:`describe` turns a :class:`~anhorigdesk.sync.engine.SyncReport` error code into
a sentence for the status bar.
"""

from __future__ import annotations

from anhorigdesk.i18n import has_message, message

_AUTH_CODES = {"auth_required", "token_invalid", "login_failed", "session_revoked"}


def describe(error: str | None, language: str | None = None, *, pending: int = 0) -> str:
    """A sentence for a sync result: its error code, or ``None`` for success."""
    if error is None:
        return message("sync.ok", language, pending=pending)
    code = "auth_required" if error in _AUTH_CODES else error
    if has_message("core", f"sync.error.{code}"):
        return message(f"sync.error.{code}", language)
    return message("sync.error.other", language, code=error)


def purge_note(purge_dropped: int, language: str | None = None) -> str | None:
    """What a sync that dropped unsent edits of thinned records says (docs/PROTOCOL-3.md
    part D), or None."""
    if purge_dropped <= 0:
        return None
    return message("sync.purge_dropped", language, count=purge_dropped)
