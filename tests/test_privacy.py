"""Personal identity numbers are masked wherever text is kept."""

from __future__ import annotations

import pytest

from index.privacy import MASK, contains_personal_number, luhn_ok, mask_personal_numbers


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("Linda Biltmark, 000113-1119", f"Linda Biltmark, {MASK}"),
        ("ssn 190001110378 signed", f"ssn {MASK} signed"),
        ("pnr 0001131119.", f"pnr {MASK}."),
        ("född 20000113-1119", f"född {MASK}"),
        ("hundraåring 000113+1119", f"hundraåring {MASK}"),
        ("samordningsnummer 000173-1116", "samordningsnummer " + MASK),
    ],
)
def test_identity_numbers_are_masked(text: str, masked: str) -> None:
    assert mask_personal_numbers(text) == masked
    assert not contains_personal_number(mask_personal_numbers(text))


@pytest.mark.parametrize(
    "text",
    [
        "000113-1118",  # wrong check digit
        "Dnr 2024/12 och budget 19 058 000",
        "org.nr 222000-1234",  # month 20: an organisation number
        "2025-06-11",
        "telefon 040-123 45 67",
        "19820629XXXX",
    ],
)
def test_other_numbers_are_kept(text: str) -> None:
    assert mask_personal_numbers(text) == text


def test_luhn() -> None:
    assert luhn_ok("8112189876")
    assert not luhn_ok("8112189875")
