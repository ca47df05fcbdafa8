"""Swedish personal identity numbers (personnummer and samordningsnummer)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from anhorigdesk.i18n import message

_PATTERN = re.compile(r"^(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)$")


class PersonnummerError(ValueError):
    """A personnummer that is malformed, has no valid date, or a wrong check digit."""

    def __init__(self, code: str) -> None:
        self.code = code
        super().__init__(message(code))

    def localized(self, language: str) -> str:
        return message(self.code, language)


@dataclass(frozen=True)
class Personnummer:
    birth_date: date
    serial: str
    check: str
    coordination: bool  # samordningsnummer: day + 60

    def __str__(self) -> str:
        day = self.birth_date.day + (60 if self.coordination else 0)
        return f"{self.birth_date:%Y%m}{day:02d}-{self.serial}{self.check}"

    def age_on(self, when: date) -> int:
        years = when.year - self.birth_date.year
        if (when.month, when.day) < (self.birth_date.month, self.birth_date.day):
            years -= 1
        return years


def luhn_check_digit(nine_digits: str) -> str:
    total = 0
    for i, ch in enumerate(nine_digits):
        n = int(ch) * (2 if i % 2 == 0 else 1)
        total += n - 9 if n > 9 else n
    return str((10 - total % 10) % 10)


def parse_personnummer(text: str, *, today: date | None = None) -> Personnummer:
    """Parse and validate; raises :class:`PersonnummerError` with a translatable reason."""
    today = today or date.today()
    cleaned = text.strip().replace(" ", "")
    m = _PATTERN.match(cleaned)
    if not m:
        raise PersonnummerError("pnr.format")
    century, yy, mm, dd, sep, serial, check = m.groups()
    day = int(dd)
    coordination = day > 60
    if coordination:
        day -= 60
    if century:
        year = int(century + yy)
    else:
        year = 2000 + int(yy)
        if year > today.year:
            year -= 100
        if sep == "+":
            year -= 100
    try:
        born = date(year, int(mm), day)
    except ValueError:
        raise PersonnummerError("pnr.date") from None
    if born > today:
        raise PersonnummerError("pnr.date")
    if luhn_check_digit(yy + mm + dd + serial) != check:
        raise PersonnummerError("pnr.checksum")
    return Personnummer(born, serial, check, coordination)
