"""The server's message catalog (Swedish first, English second) and its API error type.

Every error the server answers with has a stable ``code`` (clients branch on it), a
message in the language the client asks for (``Accept-Language``, Swedish by
default) and optional ``params`` with machine-readable details.
"""

from __future__ import annotations

from typing import Any

CATALOG: dict[str, dict[str, str]] = {
    "protocol_missing": {
        "sv": "Klienten skickade ingen protokollversion (rubriken X-AnhorigDesk-Protocol saknas).",
        "en": "The client sent no protocol version (header X-AnhorigDesk-Protocol missing).",
    },
    "protocol_unsupported": {
        "sv": "Protokollversion {version} stöds inte; servern stöder {min}–{max}. Uppdatera programmet.",
        "en": "Protocol version {version} is not supported; the server supports {min}–{max}. Update the application.",
    },
    "auth_required": {
        "sv": "Inloggning krävs.",
        "en": "Login is required.",
    },
    "token_invalid": {
        "sv": "Inloggningen har gått ut eller avslutats. Logga in igen.",
        "en": "The login has expired or was ended. Log in again.",
    },
    "login_failed": {
        "sv": "Fel användarnamn eller lösenord.",
        "en": "Wrong username or password.",
    },
    "account_disabled": {
        "sv": "Kontot är avstängt. Be administratören att aktivera det igen.",
        "en": "The account is disabled. Ask the administrator to enable it again.",
    },
    "login_rate_limited": {
        "sv": "För många misslyckade inloggningar. Försök igen om {retry_after} sekunder.",
        "en": "Too many failed logins. Try again in {retry_after} seconds.",
    },
    "device_other_user": {
        "sv": "Den här datorn är registrerad för ett annat konto.",
        "en": "This computer is registered to another account.",
    },
    "device_revoked": {
        "sv": "Den här datorn är spärrad av administratören och kan inte längre synkronisera.",
        "en": "This computer has been blocked by the administrator and can no longer sync.",
    },
    "forbidden_client": {
        "sv": "Ändring {mutation_id}: client_id stämmer inte med den inloggade datorn.",
        "en": "Change {mutation_id}: client_id does not match the logged-in computer.",
    },
    "forbidden_actor": {
        "sv": "Ändring {mutation_id}: {field} stämmer inte med den inloggade användaren och dennes enheter.",
        "en": "Change {mutation_id}: {field} does not match the logged-in user and the user's units.",
    },
    "forbidden_scope_change": {
        "sv": "Ändring {mutation_id}: posten hör till andra uppgifter än ändringen anger; en post kan inte flyttas så.",
        "en": "Change {mutation_id}: the record belongs to other data than the change declares; a record cannot be moved that way.",
    },
    "clock_ahead": {
        "sv": "Ändring {mutation_id}: datorns klocka ligger mer än fem minuter före serverns ({server_time}). Ställ klockan rätt; ändringen sparas på datorn.",
        "en": "Change {mutation_id}: the computer's clock is more than five minutes ahead of the server's ({server_time}). Set the clock right; the change is kept on the computer.",
    },
    "forbidden_scope": {
        "sv": "Ändring {mutation_id}: du har inte behörighet till uppgifterna om den här anhöriga (varken via din enhet eller som stödkontakt).",
        "en": "Change {mutation_id}: you have no access to this carer's data (neither through your unit nor as support contact).",
    },
    "forbidden_read_scope": {
        "sv": "Du har inte behörighet till uppgifterna i detta urval.",
        "en": "You have no access to the data in this scope.",
    },
    "forbidden_log_review": {
        "sv": "Bara enhetschefer kan följa upp åtkomstloggen.",
        "en": "Only unit managers can review the access log.",
    },
    "unknown_unit": {
        "sv": "Ändring {mutation_id}: enheten {unit_id} finns inte på servern.",
        "en": "Change {mutation_id}: unit {unit_id} does not exist on the server.",
    },
    "seq_gap": {
        "sv": "Ändringarna kom inte i följd: förväntade löpnummer {expected_seq}, fick {got_seq}.",
        "en": "Changes arrived out of sequence: expected seq {expected_seq}, got {got_seq}.",
    },
    "mutation_reused": {
        "sv": "Ändring {mutation_id} har redan tagits emot med annat innehåll.",
        "en": "Change {mutation_id} was already received with different content.",
    },
    "seq_reused": {
        "sv": "Löpnummer {seq} från klient {client_id} har redan använts av en annan ändring.",
        "en": "Seq {seq} from client {client_id} was already used by another change.",
    },
    "epoch_changed": {
        "sv": "Servern har återställts (ny epok). Skicka om det som saknas och hämta allt från början; inget lokalt tas bort.",
        "en": "The server was restored (new epoch). Re-send what it lacks and pull from the start; nothing local is removed.",
    },
    "cursor_ahead": {
        "sv": "Klientens position ({cursor}) ligger före serverns ({head}). Servern kan ha återställts; hämta från början.",
        "en": "The client's cursor ({cursor}) is ahead of the server's ({head}). The server may have been restored; pull from the start.",
    },
    "invalid_request": {
        "sv": "Felaktig begäran: {detail}",
        "en": "Invalid request: {detail}",
    },
    "invalid_mutation": {
        "sv": "Ändring {mutation_id} är felaktig ({field}): {detail}",
        "en": "Change {mutation_id} is invalid ({field}): {detail}",
    },
    "body_too_large": {
        "sv": "Begäran är för stor (högst {limit} byte).",
        "en": "The request is too large (at most {limit} bytes).",
    },
    "not_found": {
        "sv": "Adressen finns inte.",
        "en": "No such address.",
    },
    "method_not_allowed": {
        "sv": "Metoden är inte tillåten för adressen.",
        "en": "The method is not allowed for this address.",
    },
    "internal_error": {
        "sv": "Ett internt fel uppstod på servern. Försök igen senare.",
        "en": "An internal server error occurred. Try again later.",
    },
}


def pick_language(accept_language: str | None) -> str:
    """``sv`` unless the client prefers English."""
    if not accept_language:
        return "sv"
    for part in accept_language.split(","):
        tag = part.split(";")[0].strip().lower()
        if tag.startswith("sv"):
            return "sv"
        if tag.startswith("en"):
            return "en"
    return "sv"


def render(code: str, language: str, params: dict[str, Any]) -> str:
    texts = CATALOG[code]
    template = texts.get(language, texts["sv"])
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template


class ApiError(Exception):
    """An error answered to the client as ``{"error": {"code", "message", "params"}}``."""

    def __init__(
        self,
        status: int,
        code: str,
        params: dict[str, Any] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        if code not in CATALOG:
            raise KeyError(f"no message for error code {code!r}")
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.params = params or {}
        self.headers = headers or {}

    def body(self, language: str) -> dict[str, Any]:
        return {
            "error": {
                "code": self.code,
                "message": render(self.code, language, self.params),
                "params": self.params,
            }
        }
