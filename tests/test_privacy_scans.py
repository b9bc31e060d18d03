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


def _contains_read_whole(text: str) -> bool:
    """`contains_personal_number` as it was, every pattern run over the whole text."""
    if privacy._RARE.search(text) or privacy._SPACED_DIGITS.search(text):
        return mask_personal_numbers(text) != text
    if not privacy._WHOLE_NUMBER.search(text):
        return False
    patterns = privacy._PATTERNS
    return any(privacy._is_identity_number(m) for p in patterns for m in p.finditer(text)) or any(
        privacy._masked_paired(m) == MASK for m in privacy._PAIRED.finditer(text)
    )


# Documents as cleaning joins them: numbers on one line, split over lines, wrapped in a table
# cell, spaced digit by digit, with rare characters, and date ranges that pass the gate.
_DOCUMENTS = [
    "Protokoll\nPerioden 2023-01-01 – 2023-12-31\n\n§ 1 Öppnande",
    "Perioden 2023-01-01 – 2023-12-31\nNärvarande: Anna Andersson 19121212-1212",
    "Anna 19121212-1212\nPerioden 2023-01-01 – 2023-12-31",
    "Närvarande\n1912  1212 1212\nslut",
    "Anna 19121212\n-1212 har ordet",
    "Anna Andersson 19121212- Ordförande\nBertil\n1212",
    "Anna Andersson 19121212- Ordförande\nBertil\n1213",
    "pnr 1 9 1 2 1 2 1 2 - 1 2 1 2\nrad två",
    "pnr 19121212\u00ad-1212",
    "pnr 19121212-\u00b9\u00b2\u00b9\u00b2",
    "Beslut 2024-05-06\n12 345 678 kr\n§ 5 Ekonomi 2024-05-06 - 2024-06-07",
    "x" * 50 + "\n" + "19121212 - 12  12",
    "2023-850412-1230\n5-19121212-1212",
    "",
    "\n\n",
]


@pytest.mark.parametrize("text", _DOCUMENTS + _samples(300, seed=11))
def test_contains_reads_the_lines_that_pass_the_gate_as_the_whole_text(text):
    text = text.replace("x", "\n")
    assert contains_personal_number(text) == _contains_read_whole(text)


@pytest.mark.parametrize("text", _DOCUMENTS + [s.replace("x", "\n") for s in _samples(300, 5)])
def test_mask_split_and_check_is_the_two_calls(text):
    masked = privacy.mask_split_numbers(text)
    assert privacy.mask_split_and_check(text) == (masked, contains_personal_number(masked))


def test_digit_clues_find_what_the_three_scans_find():
    for text in _DOCUMENTS + [s.replace("x", "\n") for s in _samples(3000, 3)]:
        alone = any(
            p.search(text)
            for p in (privacy._SPACED_DIGITS, privacy._WHOLE_NUMBER, privacy._DANGLING)
        )
        assert (privacy._DIGIT_CLUES.search(text) is not None) == alone, text
