"""What the sync client says to the user about a sync: Swedish first, English second.

The texts join the core's message catalog (``anhorigdesk.i18n``) under ``sync.*``;
:func:`describe` turns a :class:`~anhorigdesk.sync.engine.SyncReport` error code into
a sentence for the status bar.
"""

from __future__ import annotations

from anhorigdesk.i18n import CATALOG, message

SYNC_MESSAGES: dict[str, dict[str, str]] = {
    "sync.ok": {
        "sv": "Synkroniserat. {pending} ändringar väntar på att skickas.",
        "en": "Synchronised. {pending} changes waiting to be sent.",
    },
    "sync.error.server_unavailable": {
        "sv": "Servern går inte att nå just nu. Allt du skriver sparas på datorn och skickas senare.",
        "en": "The server cannot be reached right now. Everything you write is kept on this computer "
        "and sent later.",
    },
    "sync.error.auth_required": {
        "sv": "Logga in på servern igen för att synkronisera.",
        "en": "Log in to the server again to synchronise.",
    },
    "sync.error.protocol_unsupported": {
        "sv": "Servern talar en annan version av synkroniseringen. Uppdatera AnhörigDesk.",
        "en": "The server speaks another version of the sync protocol. Update AnhörigDesk.",
    },
    "sync.error.protocol_server_old": {
        "sv": "Servern är äldre än den här versionen av AnhörigDesk och måste uppdateras. "
        "Kontakta IT-supporten; allt du skriver sparas på datorn.",
        "en": "The server is older than this version of AnhörigDesk and must be updated. "
        "Contact IT support; everything you write is kept on this computer.",
    },
    "sync.error.integrity_mismatch": {
        "sv": "Servern och datorn är inte överens om vissa uppgifter ens efter en ny hämtning. "
        "Inget har tagits bort; kontakta IT-supporten.",
        "en": "The server and this computer still disagree about some data after fetching again. "
        "Nothing was removed; contact IT support.",
    },
    "sync.error.client_history_lost": {
        "sv": "Servern har ändringar från den här datorn som datorn inte längre har "
        "(återställd från säkerhetskopia?). Kontakta IT-supporten.",
        "en": "The server holds changes from this computer that the computer no longer has "
        "(restored from a backup?). Contact IT support.",
    },
    "sync.error.clock_ahead": {
        "sv": "Datorns klocka går för långt före serverns även efter en omstämpling. Ställ klockan rätt; "
        "allt du skriver sparas på datorn och skickas sedan.",
        "en": "This computer's clock is too far ahead of the server's even after re-stamping. Set the "
        "clock right; everything you write is kept on this computer and sent afterwards.",
    },
    "sync.error.other": {
        "sv": "Synkroniseringen avbröts ({code}). Inget har gått förlorat; den försöker igen senare.",
        "en": "The sync stopped ({code}). Nothing was lost; it will try again later.",
    },
    "sync.rejected": {
        "sv": "{count} ändringar godtogs inte av servern. De finns kvar på datorn.",
        "en": "{count} changes were not accepted by the server. They are kept on this computer.",
    },
    "sync.quarantined": {
        "sv": "{count} ändringar från servern var felaktiga och har lagts åt sidan. Resten har "
        "synkroniserats; kontakta IT-supporten.",
        "en": "{count} changes from the server were invalid and have been set aside. The rest was "
        "synchronised; contact IT support.",
    },
    "sync.conflicts": {
        "sv": "{count} uppgifter har ändrats samtidigt på två ställen och behöver väljas.",
        "en": "{count} records were changed in two places at once and need a choice.",
    },
}

_AUTH_CODES = {"auth_required", "token_invalid", "login_failed", "session_revoked"}

CATALOG.update(SYNC_MESSAGES)


def describe(error: str | None, language: str | None = None, *, pending: int = 0) -> str:
    """A sentence for a sync result: its error code, or ``None`` for success."""
    if error is None:
        return message("sync.ok", language, pending=pending)
    code = "auth_required" if error in _AUTH_CODES else error
    if f"sync.error.{code}" in CATALOG:
        return message(f"sync.error.{code}", language)
    return message("sync.error.other", language, code=error)
