"""The core's message catalog: user-visible texts from code outside the Qt front end.

Swedish first, English second. Forms, handouts and municipality texts come from data
files; this catalog holds what the core itself must say (errors, validation). The Qt
front end translates its own strings with ``tr()``.
"""

from __future__ import annotations

import threading
from typing import Any

DEFAULT_LANGUAGE = "sv"
LANGUAGES = ("sv", "en")

_state = threading.local()
_default = {"language": DEFAULT_LANGUAGE}

CATALOG: dict[str, dict[str, str]] = {
    "store.open_failed": {
        "sv": "Databasen {path} kunde inte öppnas.",
        "en": "The database {path} could not be opened.",
    },
    "store.not_encrypted": {
        "sv": "Filen {path} är inte en krypterad AnhörigDesk-databas (den är okrypterad eller av annat slag). Den öppnas inte och lämnas orörd.",
        "en": "The file {path} is not an encrypted AnhörigDesk database (it is unencrypted or of another kind). It is not opened and is left untouched.",
    },
    "store.wrong_key": {
        "sv": "Databasen {path} kunde inte låsas upp med profilens nyckel: nyckeln är fel eller filen är skadad. Filen lämnas orörd.",
        "en": "The database {path} could not be unlocked with the profile's key: the key is wrong or the file is damaged. The file is left untouched.",
    },
    "store.damaged": {
        "sv": "Databasen {path} verkar skadad ({detail}). Den öppnas inte och lämnas orörd; kontakta IT-supporten.",
        "en": "The database {path} appears damaged ({detail}). It is not opened and is left untouched; contact IT support.",
    },
    "store.missing": {
        "sv": "Databasen {path} finns inte.",
        "en": "The database {path} does not exist.",
    },
    "store.closed": {
        "sv": "Databasen är stängd eller profilen är låst.",
        "en": "The database is closed or the profile is locked.",
    },
    "store.disk_full": {
        "sv": "Datorns disk är full, så det du just gjorde sparades inte. Det som sparats tidigare finns kvar och är oskadat. Frigör utrymme på disken (töm papperskorgen, ta bort stora filer du inte behöver, eller be IT-supporten om hjälp) och försök sedan igen.",
        "en": "The computer's disk is full, so what you just did was not saved. What was saved before is still there and undamaged. Free some space on the disk (empty the wastebasket, remove large files you do not need, or ask IT support for help) and then try again.",
    },
    "store.disk_full_open": {
        "sv": "Databasen {path} kunde inte öppnas: datorns disk är full. Inget har ändrats i den. Frigör utrymme på disken (eller be IT-supporten om hjälp) och försök sedan igen.",
        "en": "The database {path} could not be opened: the computer's disk is full. Nothing in it was changed. Free some space on the disk (or ask IT support for help) and then try again.",
    },
    "store.damage_found": {
        "sv": "Profilens databas är skadad: en del av filen kunde inte läsas. Det som redan synkats finns kvar på servern. Fortsätt inte arbeta i profilen; stäng programmet utan att ta bort något och kontakta IT-supporten.",
        "en": "The profile's database is damaged: part of the file could not be read. What has already been synced is still on the server. Do not go on working in the profile; close the program without deleting anything and contact IT support.",
    },
    "store.integrity_failed": {
        "sv": "Kontrollen av profilens databas hittade skador i filen (till exempel efter ett diskfel). En del av det som sparats kan vara oläsligt, och det som synkats finns kvar på servern. Arbeta inte vidare i profilen: stäng programmet utan att ta bort något och kontakta IT-supporten.",
        "en": "The check of the profile's database found damage in the file (for example after a disk fault). Some of what was saved may be unreadable, and what has been synced is still on the server. Do not go on working in the profile: close the program without deleting anything and contact IT support.",
    },
    "store.not_found": {
        "sv": "{what} finns inte (id {id}).",
        "en": "{what} does not exist (id {id}).",
    },
    "validation.required": {
        "sv": "{field}: måste fyllas i.",
        "en": "{field}: is required.",
    },
    "validation.invalid_choice": {
        "sv": "{field}: {value!r} är inte ett giltigt val (giltiga: {choices}).",
        "en": "{field}: {value!r} is not a valid choice (valid: {choices}).",
    },
    "validation.out_of_range": {
        "sv": "{field}: måste vara mellan {low} och {high}.",
        "en": "{field}: must be between {low} and {high}.",
    },
    "validation.not_a_date": {
        "sv": "{field}: {value!r} är inget datum (ÅÅÅÅ-MM-DD).",
        "en": "{field}: {value!r} is not a date (YYYY-MM-DD).",
    },
    "validation.unknown_field": {
        "sv": "{field}: okänt fält för {entity}.",
        "en": "{field}: unknown field for {entity}.",
    },
    "validation.wrong_type": {
        "sv": "{field}: fel sorts värde (väntade {expected}).",
        "en": "{field}: wrong kind of value (expected {expected}).",
    },
    "import.bad_record": {
        "sv": "Post {index} i importen ({entity}, id {id}): {problem} Inget av importen har sparats.",
        "en": "Record {index} of the import ({entity}, id {id}): {problem} Nothing of the import was saved.",
    },
    "pnr.format": {
        "sv": "Personnumret har fel format: skriv ÅÅÅÅMMDD-NNNN eller ÅÅMMDD-NNNN.",
        "en": "The personal identity number has the wrong format: write YYYYMMDD-NNNN or YYMMDD-NNNN.",
    },
    "pnr.date": {
        "sv": "Personnumret innehåller inget giltigt födelsedatum.",
        "en": "The personal identity number does not contain a valid date of birth.",
    },
    "pnr.checksum": {
        "sv": "Personnumrets kontrollsiffra stämmer inte – kontrollera siffrorna.",
        "en": "The check digit of the personal identity number does not match – check the digits.",
    },
    "keys.insecure_backend": {
        "sv": "Datorns nyckelring ({backend}) är inte säker nog för databasnyckeln. Välj en lösenfras i stället.",
        "en": "This computer's keyring ({backend}) is not secure enough for the database key. Choose a passphrase instead.",
    },
    "keys.no_key": {
        "sv": "Profilens nyckel finns inte i datorns nyckelring. Profilen kan inte öppnas på den här datorn utan den.",
        "en": "The profile's key is not in this computer's keyring. The profile cannot be opened on this computer without it.",
    },
    "keys.wrong_passphrase": {
        "sv": "Fel lösenfras.",
        "en": "Wrong passphrase.",
    },
    "keys.weak_passphrase": {
        "sv": "Lösenfrasen är för kort: använd minst {min} tecken.",
        "en": "The passphrase is too short: use at least {min} characters.",
    },
    "keys.keyring_failed": {
        "sv": "Datorns nyckelring svarade inte ({detail}).",
        "en": "This computer's keyring did not answer ({detail}).",
    },
    "profiles.bad_file": {
        "sv": "Profilfilen {path} är skadad: {detail}.",
        "en": "The profile file {path} is damaged: {detail}.",
    },
    "profiles.unknown": {
        "sv": "Det finns ingen profil med id {id}.",
        "en": "There is no profile with id {id}.",
    },
    "profiles.name_required": {
        "sv": "Profilen behöver ett namn.",
        "en": "The profile needs a name.",
    },
    "profiles.create_interrupted": {
        "sv": "Profilen skapades inte färdigt. Den finns i profilväljaren som ofärdig: där kan du göra den färdig (när felet är åtgärdat) eller ta bort den.",
        "en": "The profile was not finished. It is listed in the profile picker as unfinished: there you can finish it (once the problem is solved) or remove it.",
    },
    "profiles.not_unfinished": {
        "sv": "Profilen är redan färdigskapad; bara en ofärdig profil kan göras färdig eller tas bort här.",
        "en": "The profile is already complete; only an unfinished profile can be finished or removed here.",
    },
    "profiles.no_pin": {
        "sv": "Profilen har ingen PIN-kod ännu. Välj en.",
        "en": "The profile has no PIN yet. Choose one.",
    },
    "profiles.pin_keychain_only": {
        "sv": "Bara en profil som låses upp med datorns nyckelring har en PIN-kod; den här låses upp med sin lösenfras.",
        "en": "Only a profile unlocked with the computer's keychain has a PIN; this one is unlocked with its passphrase.",
    },
    "pin.format": {
        "sv": "PIN-koden ska vara {min}–{max} siffror.",
        "en": "The PIN must be {min}–{max} digits.",
    },
    "pin.wrong": {
        "sv": "Fel PIN-kod. {remaining} försök kvar innan profilen stängs.",
        "en": "Wrong PIN. {remaining} tries left before the profile is closed.",
    },
    "pin.too_many": {
        "sv": "Fel PIN-kod för många gånger. Profilen har stängts och nyckeln tagits bort från minnet; öppna den igen från profilväljaren om {seconds} sekunder.",
        "en": "Wrong PIN too many times. The profile has been closed and its key removed from memory; open it again from the profile picker in {seconds} seconds.",
    },
    "pin.wait": {
        "sv": "Fel PIN-kod för många gånger. Vänta {seconds} sekunder och försök igen.",
        "en": "Wrong PIN too many times. Wait {seconds} seconds and try again.",
    },
    "marking.no_share_consent": {
        "sv": "Anteckningen kan inte märkas för delning: den anhöriga har inte samtyckt till att uppgifter delas med personalen i vården. Inget sparades; märk den som bara om den anhöriga.",
        "en": "The entry cannot be marked for sharing: the carer has not consented to details being shared with the care staff. Nothing was saved; mark it as only about the carer.",
    },
}


def set_language(language: str) -> None:
    """Set the process-wide language of core messages (``sv`` or ``en``)."""
    _default["language"] = language if language in LANGUAGES else DEFAULT_LANGUAGE


def current_language() -> str:
    return getattr(_state, "language", None) or _default["language"]


def message(code: str, language: str | None = None, /, **params: Any) -> str:
    """The text for ``code`` in ``language`` (default: the current one), filled in."""
    texts = CATALOG.get(code)
    if texts is None:
        return code
    lang = language or current_language()
    template = texts.get(lang) or texts[DEFAULT_LANGUAGE]
    try:
        return template.format(**params)
    except (KeyError, IndexError, ValueError):
        return template
