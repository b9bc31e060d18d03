"""The cheap scans that rule out identity numbers before the full patterns run: each must
pass every text in which a pattern finds anything, or a number goes unmasked."""

from __future__ import annotations

import random

import pytest

from index import privacy
from index.privacy import MASK, contains_personal_number, mask_name, mask_personal_numbers

# Characters numbers are written with: digits, the spaces and signs between their parts.
_ALPHABET = "0123456789" * 4 + "   -–+/.|\t\u00a0x"


def _samples(count: int, seed: int) -> list[str]:
    rng = random.Random(seed)
    return ["".join(rng.choices(_ALPHABET, k=rng.randint(10, 30))) for _ in range(count)]


@pytest.mark.parametrize("pattern", [*privacy._PATTERNS, privacy._PAIRED])
def test_every_match_holds_a_whole_number(pattern):
    """`_WHOLE_NUMBER` is the gate of every pattern: a match without one would never be
    looked for."""
    for text in _samples(20_000, seed=7):
        for match in pattern.finditer(text):
            assert privacy._WHOLE_NUMBER.search(match.group()), (pattern.pattern, text)


@pytest.mark.parametrize(
    "text",
    [
        "1912  1212 1212",  # the date's groups of four two spaces apart (`_GROUPED`)
        "Nr 1912   1212   1212 ok",
        "19121212 - 12  12",  # the serial's pairs two spaces apart (`_PAIRED`)
    ],
)
def test_wide_spacing_is_masked(text):
    assert MASK in mask_personal_numbers(text)
    assert contains_personal_number(text)
    assert MASK in mask_name(f"{text}.pdf")


@pytest.mark.parametrize(
    "text",
    [
        "1912  1212 1213",  # a wrong check digit
        "2023  1301 1212",  # no month 13
        "Perioden 2023-01-01 – 2023-12-31",  # a range of dates
        "SE45 5000 1993  1006 0000",  # an account number in groups of four
    ],
)
def test_wide_spacing_without_a_number_stays(text):
    assert mask_personal_numbers(text) == text
    assert not contains_personal_number(text)
