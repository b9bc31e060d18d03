"""Personal identity numbers: find them and mask them before any text is kept.

Swedish personnummer and samordningsnummer (10 or 12 digits, with or without '-' or '+')
appear in protocols that list signatories. They must never reach the index, the pages or the
API, so every text Finsök keeps passes through `mask_personal_numbers`.
"""

from __future__ import annotations

import re

_CANDIDATE = re.compile(r"(?<![\d-])(\d{2})?(\d{2})(\d{2})(\d{2})([-+]?)(\d{3})(\d)(?![\d])")
MASK = "XXXXXX-XXXX"
# Every identity number ends in six digits, an optional sign and four digits. This has no
# lookbehind, so the regex engine can skip ahead to digits: it rules out a whole document
# several times faster than `_CANDIDATE` can. The digits are spelled out because `\d{6}` sets
# up a repeat at every position of the text, which makes the scan three times slower.
_SIX_DIGITS = re.compile(r"\d\d\d\d\d\d")
_TEN_DIGITS = re.compile(r"\d\d\d\d\d\d[-+]?\d\d\d\d")


def luhn_ok(digits: str) -> bool:
    """The Luhn check used by Swedish identity numbers, over the ten-digit form."""
    total = 0
    for i, ch in enumerate(digits[:9]):
        value = int(ch) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10 == int(digits[9])


def _is_identity_number(match: re.Match[str]) -> bool:
    century, year, month, day, _sep, serial, check = match.groups()
    if century is not None and century not in ("18", "19", "20"):
        return False
    month_n, day_n = int(month), int(day)
    if not 1 <= month_n <= 12:
        return False
    # Samordningsnummer add 60 to the day.
    if not (1 <= day_n <= 31 or 61 <= day_n <= 91):
        return False
    return luhn_ok(year + month + day + serial + check)


def mask_personal_numbers(text: str) -> str:
    """Replace every valid personnummer or samordningsnummer in `text` with a fixed mask."""
    if not _SIX_DIGITS.search(text):  # the fast path: almost every line
        return text
    return _CANDIDATE.sub(lambda m: MASK if _is_identity_number(m) else m.group(0), text)


def contains_personal_number(text: str) -> bool:
    """True when `text` holds a valid identity number.

    The cleaner asks this once per document and masks line by line only when it is true.
    """
    if not _TEN_DIGITS.search(text):
        return False
    return any(_is_identity_number(m) for m in _CANDIDATE.finditer(text))
