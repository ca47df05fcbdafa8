from __future__ import annotations

from datetime import date

import pytest

from anhorigdesk.domain.personnummer import PersonnummerError, luhn_check_digit, parse_personnummer

TODAY = date(2026, 11, 27)


def valid(yymmdd: str, serial: str = "123") -> str:
    return f"{yymmdd}-{serial}{luhn_check_digit(yymmdd + serial)}"


def test_valid_forms():
    p = parse_personnummer("19" + valid("450101"), today=TODAY)
    assert p.birth_date == date(1945, 1, 1) and str(p).startswith("19450101-")
    assert parse_personnummer(valid("120315"), today=TODAY).birth_date == date(2012, 3, 15)
    assert parse_personnummer(valid("120315"), today=TODAY).age_on(TODAY) == 14
    assert parse_personnummer(valid("450161"), today=TODAY).coordination  # samordningsnummer


@pytest.mark.parametrize(
    ("text", "code"),
    [("hej", "pnr.format"), ("450101-12", "pnr.format"), ("451301-1234", "pnr.date"),
     ("20991231-1234", "pnr.date")],
)
def test_clear_errors(text, code):
    with pytest.raises(PersonnummerError) as info:
        parse_personnummer(text, today=TODAY)
    assert info.value.code == code
    assert info.value.localized("en") != str(info.value)


def test_wrong_check_digit():
    good = valid("450101")
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    with pytest.raises(PersonnummerError) as info:
        parse_personnummer(bad, today=TODAY)
    assert info.value.code == "pnr.checksum" and "kontrollsiffra" in str(info.value)
