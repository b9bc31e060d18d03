"""Personal identity numbers: find them and mask them before any text is kept.

Swedish personnummer and samordningsnummer (10 or 12 digits, with or without '-', '+' or a
space before the last four, or with hyphens in the date) appear in protocols that list
signatories and in the e-signing logs appended to them. They must never reach the index, the
pages or the API, so every text Finsök keeps passes through `mask_personal_numbers`.

Text writes them in more ways than the forms say: any dash for the hyphen, several spaces,
digits printed one by one in form boxes, invisible characters inside, full-width digits, and
a line break between the halves (`mask_split_numbers`). Each is matched here; a lone date or
an amount never is, since every match must be a valid date with a valid check digit.
"""

from __future__ import annotations

import re

# A hyphen as people and word processors write it: "-", the typographic hyphens, en and em
# dashes (Word turns " - " into " – "), the minus sign, and the full-width forms.
_HYPHEN = "\\-\u2010-\u2015\u2212\ufe63\uff0d"
_SIGN = f"[{_HYPHEN}+\uff0b]"
_DASH = f"[{_HYPHEN}]"
# Not inside a longer number: no digit just before, nor "digit-" (a case number such as
# "2023-850412-1234"); a hyphen alone before it ("-19850412-1230", a search's exclusion) is
# no such number.
_START = f"(?<!\\d)(?<!\\d{_DASH})"
# Spaces as text has them between a number's parts: one to three, also no-break and thin.
_SP = "[ \t\u00a0\u2009\u202f]"
# Between the date and the serial: a sign (or two, "19670808--0004") with spaces around it,
# or spaces alone ("900101 4563", "19500323  0009").
_SEPARATOR = f"(?:{_SP}{{0,3}}{_SIGN}{{1,2}}{_SP}{{0,3}}|{_SP}{{1,3}})?"
# A date (YYMMDD or YYYYMMDD), an optional sign or space, then three digits and a check digit:
# "19850412-1230", "850412+1230", "8504121230", "900101 4563", "19850412 – 1230".
_COMPACT = re.compile(
    rf"{_START}(\d{{2}})?(\d{{2}})(\d{{2}})(\d{{2}}){_SEPARATOR}(\d{{3}})(\d)(?!\d)"
)
# The date written with hyphens, then a sign: "1985-04-12-1230". The sign is required, so a
# date followed by a year ("2025-06-11 2025") is never taken for one.
_DASHED = re.compile(
    rf"{_START}(\d{{2}})?(\d{{2}}){_DASH}(\d{{2}}){_DASH}(\d{{2}}){_SIGN}(\d{{3}})(\d)(?!\d)"
)
_PATTERNS = (_COMPACT, _DASHED)
# Digits one by one, as boxes on a form print them: "1 9 4 7 1 2 2 0 - 0 0 0 7".
_SPACED = re.compile(rf"(?<![\d{_HYPHEN}])((?:\d ){{5,7}}\d){_SEPARATOR}((?:\d ){{3}}\d)(?! ?\d)")
_SPACED_DIGITS = re.compile(r"\d \d \d \d \d \d")
# Characters a reader never sees, which would hide a number from every pattern above
# ("19620303\u00ad0009" with a soft hyphen). Text that has any is matched without them.
_INVISIBLE_CHARS = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_INVISIBLE = re.compile(f"[{_INVISIBLE_CHARS}]")


def _has_invisible(text: str) -> bool:
    # Six substring tests run faster than one scan with a character class.
    return any(ch in text for ch in _INVISIBLE_CHARS)


MASK = "XXXXXX-XXXX"
# Every identity number has six date digits, with or without hyphens between their pairs.
# This has no lookbehind, so the regex engine can skip ahead to digits: it rules out a whole
# line several times faster than the full patterns can. The digits are spelled out because
# `\d{6}` sets up a repeat at every position of the text, which makes the scan slower.
_DATE_DIGITS = re.compile(rf"\d\d{_DASH}?\d\d{_DASH}?\d\d")
_WHOLE_NUMBER = re.compile(rf"\d\d{_DASH}?\d\d{_DASH}?\d\d{_SEPARATOR}\d\d\d\d")


def luhn_ok(digits: str) -> bool:
    """The Luhn check used by Swedish identity numbers, over the ten-digit form."""
    total = 0
    for i, ch in enumerate(digits[:9]):
        value = int(ch) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return (10 - total % 10) % 10 == int(digits[9])


def _is_identity_number(match: re.Match[str]) -> bool:
    century, year, month, day, serial, check = match.groups()
    if century is not None and int(century) not in (18, 19, 20):  # int: also full-width digits
        return False
    month_n, day_n = int(month), int(day)
    if not 1 <= month_n <= 12:
        return False
    # Samordningsnummer add 60 to the day.
    if not (1 <= day_n <= 31 or 61 <= day_n <= 91):
        return False
    return luhn_ok(year + month + day + serial + check)


def mask_personal_numbers(text: str) -> str:
    """Replace every valid personnummer or samordningsnummer in `text` with a fixed mask.
    Invisible characters, which could hide a number, are not counted; a text in which a
    number was masked loses them, any other text comes back as it was."""
    if _has_invisible(text):
        plain = _INVISIBLE.sub("", text)
        masked = _mask(plain)
        return text if masked == plain else masked
    return _mask(text)


def _mask(text: str) -> str:
    if _SPACED_DIGITS.search(text):
        text = _SPACED.sub(_masked_spaced, text)
    if not _DATE_DIGITS.search(text):  # the fast path: almost every line
        return text
    for pattern in _PATTERNS:
        text = pattern.sub(_masked, text)
    return text


def _masked_spaced(match: re.Match[str]) -> str:
    digits = match.group(1).replace(" ", "") + match.group(2).replace(" ", "")
    number = _COMPACT.fullmatch(digits)
    return MASK if number and _is_identity_number(number) else match.group(0)


def _masked(match: re.Match[str]) -> str:
    return MASK if _is_identity_number(match) else match.group(0)


def contains_personal_number(text: str) -> bool:
    """True when `text` holds a valid identity number.

    The cleaner asks this once per document and masks line by line only when it is true.
    """
    if _has_invisible(text) or _SPACED_DIGITS.search(text):
        return mask_personal_numbers(text) != text
    if not _WHOLE_NUMBER.search(text):
        return False
    return any(_is_identity_number(m) for p in _PATTERNS for m in p.finditer(text))


# A line break with what may be a number's second half after it (blank lines allowed). The
# scan looks for line breaks, not digits, so it costs little on digit-heavy text; the first
# half is then looked for just before the break.
_BREAK = re.compile(rf"\n(?=\s*{_SIGN}?[ \t]?\d)")
_LEFT = re.compile(rf"\d[\d +{_HYPHEN}]*[ \t]*\Z")
_RIGHT = re.compile(rf"(\s*)({_SIGN}?[ \t]?\d[\d +{_HYPHEN}]*)")
_REACH = 40  # characters before a break that a number's first half can span


def mask_split_numbers(text: str) -> str:
    """Mask identity numbers that a line break cuts in two ("19850412" / "-1230"): each
    half's digits become X, and every line keeps its place and its length, so a caller
    that works line by line can split the text again. PDF text breaks lines anywhere."""
    if _has_invisible(text):
        plain = _INVISIBLE.sub("", text)
        masked = mask_split_numbers(plain)
        return text if masked == plain else masked
    out: list[str] = []
    done = 0  # text[:done] is decided
    for brk in _BREAK.finditer(text):
        nl = brk.start()
        if nl < done:
            continue
        left = _LEFT.search(text, max(done, nl - _REACH), nl)
        right = _RIGHT.match(text, nl + 1)
        if left is None or right is None:
            continue
        joined = _masked_split(text[left.start() : nl], "\n" + right.group(1), right.group(2))
        if joined is not None:
            out += [text[done : left.start()], joined]
            done = right.end()
    return "".join([*out, text[done:]]) if out else text


def _masked_split(left: str, gap: str, right: str) -> str | None:
    """`left + gap + right` with the digits of a number that spans the gap masked, or None
    when there is none."""
    glued = left.rstrip(" \t") + right
    cut = len(left.rstrip(" \t"))
    found = False
    chars = list(glued)
    for pattern in _PATTERNS:
        for m in pattern.finditer(glued):
            if m.start() < cut < m.end() and _is_identity_number(m):
                found = True
                for i in range(m.start(), m.end()):
                    if chars[i].isdigit():
                        chars[i] = "X"
    if not found:
        return None
    masked = "".join(chars)
    return masked[:cut] + left[cut:] + gap + masked[cut:]
