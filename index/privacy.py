"""Personal identity numbers: find them and mask them before any text is kept.

Swedish personnummer and samordningsnummer (10 or 12 digits, with or without '-', '+' or a
space before the last four, or with hyphens in the date) appear in protocols that list
signatories and in the e-signing logs appended to them. They must never reach the index, the
pages or the API, so every text Finsök keeps passes through `mask_personal_numbers`.

Text writes them in more ways than the forms say: any dash for the hyphen, several spaces,
digits printed one by one in form boxes, invisible characters inside, full-width,
superscript or circled digits, a right-to-left override that shows the digits reversed, and
a line break between the halves (`mask_split_numbers`). Each is matched here; a lone date or
an amount never is, since every match must be a valid date with a valid check digit.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from itertools import pairwise

# A hyphen as people, word processors and other scripts write it: every dash Unicode has
# (its category Pd: "-", the typographic hyphens, en and em dashes — Word turns " - " into
# " – " —, the two- and three-em dashes, the wave dash, the Armenian and Hebrew hyphens …),
# the minus sign, and the full-width and small forms.
_HYPHEN_CHARS = frozenset(
    "-\u058a\u05be\u1400\u1806\u2010\u2011\u2012\u2013\u2014\u2015\u2e17\u2e1a\u2e3a\u2e3b"
    "\u2e40\u2e5d\u301c\u3030\u30a0\ufe31\ufe32\ufe58\ufe63\uff0d\U00010ead\u2212"
)
_HYPHEN = "".join(sorted(re.escape(c) for c in _HYPHEN_CHARS))  # for character classes
# Between the date and the serial also other marks people type there ("850412/1230",
# "19441107_0008" in a file name, "(850412)-1230") or that a table exported as text puts
# between two cells ("19121212|1212", "19121212;1212", also in full width); a comma never,
# which would take a decimal number.
_SIGN = f"[{_HYPHEN}+\uff0b/._:~\u00b7\u2022\u2027\u2043\u02d7)|;=\\\\\u00a6\uff5c\uff1b\uff1d]"
_DASH = f"[{_HYPHEN}]"
# Not inside a longer number: no digit just before, nor "digit-" (a case number such as
# "2023-850412-1234"); a hyphen alone before it ("-19850412-1230", a search's exclusion) is
# no such number.
_START = f"(?<!\\d)(?<!\\d{_DASH})"
# Spaces as text has them between a number's parts: one to three, also no-break and thin.
_SP = "[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
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
_DATE_MARK = f"[{_HYPHEN}./]"  # "1985-04-12", "1985.04.12", "1985/04/12"
# Nor is a range of dates ("2023-01-01–2023-12-31"): four digits that go on as a date's
# month and day ("-12-31") are a year, no serial.
_NOT_A_YEAR = f"(?!\\d|{_DATE_MARK}\\d\\d{_DATE_MARK}\\d\\d(?!\\d))"
_DASHED = re.compile(
    rf"{_START}(\d{{2}})?(\d{{2}}){_DATE_MARK}(\d{{2}}){_DATE_MARK}(\d{{2}}){_SIGN}(\d{{3}})(\d){_NOT_A_YEAR}"
)
# The date in groups with spaces ("1985 04 12-1230", "77 06 18-0002", "1985 0412-1230",
# "8504 12-1230"): a sign before the serial is required, as in the dashed form.
_GAPPED = re.compile(
    rf"{_START}(?:(\d{{2}}){_SP}?)?(\d{{2}}){_SP}?(\d{{2}}){_SP}?(\d{{2}})"
    rf"{_SP}{{0,3}}{_SIGN}{{1,2}}{_SP}{{0,3}}(\d{{3}})(\d)(?!\d)"
)
# A twelve-digit number after "digit-" ("5-19121212-1212"): `_START` keeps ten digits there
# as a case number ("2023-850412-1230"), but with its century a number reads as a person's.
_AFTER_DASH = re.compile(
    rf"(?<!\d)(?<=\d{_DASH})(\d{{2}})(\d{{2}})(\d{{2}})(\d{{2}}){_SEPARATOR}(\d{{3}})(\d)(?!\d)"
)
# The date as two groups of four and spaces alone before the serial ("1993 1006 0000", three
# cells of a table row exported as text): the century is required, and no digit group may
# come just before ("SE45 5000 1993 …", an account number in groups of four). Three numbers
# of four digits pass the date and the check digit now and then: the price of the form.
# The century comes first, the checks of what stands before it after it: a pattern that
# starts with a character set lets the engine skip to the few places it can start at.
_GROUPED = re.compile(
    rf"(1[89]|20)(?<!\d\d\d)(?<!\d{_DASH}\d\d)(?<!\d{_SP}\d\d)(\d\d){_SP}{{1,3}}(\d\d)(\d\d)"
    rf"{_SP}{{1,3}}(\d{{3}})(\d)(?![.,]?\d)"
)
_PATTERNS = (_COMPACT, _DASHED, _GAPPED, _AFTER_DASH, _GROUPED)
# What every match of `_PATTERNS` holds: its serial, four digits with no digit on either side
# (after a sign or a space), or, written without one, its ten or twelve digits in one run. A
# number split over lines is looked for at every line break with digits on both sides, and in
# a text full of numbers almost no break holds one: this one scan rules out a break, where the
# five patterns' scans and their Python made a 4 MB table of numbers take 12 s to mask.
_NUMBER_RUN = re.compile(r"(?<!\d)(?:\d{4}|\d{10}|\d{12})(?!\d)")
_SERIAL_RUN = re.compile(r"(?<!\d)\d{4}(?!\d)")
# The serial written as two pairs, as forms and tables space it ("19121212 - 12 12",
# "19 12 12 12 - 12 12"): a sign before it is required, as six spaced pairs with none read
# like any numbers. Checked as the digits it joins (`_masked_paired`).
_PAIRED = re.compile(
    rf"{_START}(?:(\d\d){_SP}?)?(\d\d){_SP}?(\d\d){_SP}?(\d\d)"
    rf"{_SP}{{0,3}}{_SIGN}{{1,2}}{_SP}{{0,3}}(\d\d){_SP}{{1,3}}(\d\d)(?!\d)"
)
# Digits one by one, as boxes on a form print them: "1 9 4 7 1 2 2 0 - 0 0 0 7".
_SPACED = re.compile(rf"{_START}(?<!\d )((?:\d ){{5,7}}\d){_SEPARATOR}((?:\d ){{3}}\d)(?! ?\d)")
_SPACED_DIGITS = re.compile(r"\d \d \d \d \d \d")
# Characters a reader never sees, which would hide a number from every pattern above
# ("19620303\u00ad0009" with a soft hyphen, "…\u200e-0003" with a direction mark copied from
# Windows): Unicode's format characters and combining marks. Text that has any is matched
# without them.
_INVISIBLE = re.compile(
    "[\u00ad\u0300-\u036f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f"
    "\u202a-\u202e\u2060-\u206f\u20d0-\u20ff\ufe00-\ufe0f\ufeff\ufff9-\ufffb]"
)


def _has_invisible(text: str) -> bool:
    return _INVISIBLE.search(text) is not None


# Digits a reader sees as digits but that are no decimal digits to `\d`: superscript,
# subscript and circled ones, and the signs written with them ("19121212-¹²¹²", "①⑨…"). The
# query parser reads them as plain digits (NFKC, `mask_typed`), so the index would hold the
# number's terms. These are the characters whose NFKC form is digits or such a sign.
_COMPAT_CHARS = (
    "\u00b2\u00b3\u00b9\u2070\u2074-\u207e\u2080-\u208e"  # superscript, subscript
    "\u2460-\u2473\u24ea\u3251-\u325f\u32b1-\u32bf"  # circled
)
# Right-to-left override: what follows up to the pop (or the line's end) is shown reversed,
# "\u202e0321-214058\u202c" as 850412-1230.
_RLO, _PDF = "\u202e", "\u202c"
_REVERSED = re.compile(f"{_RLO}([^{_PDF}\n]*)")
# Text that is read otherwise than written: a line that has any of these is masked as shown.
_SHOWN_OTHERWISE = re.compile(f"[{_COMPAT_CHARS}{_RLO}]")
_COMPAT = re.compile(f"[{_COMPAT_CHARS}]")
# One search rules out every character that needs care: invisible ones and those above.
_RARE = re.compile(f"{_INVISIBLE.pattern[:-1]}{_COMPAT_CHARS}]")


MASK = "XXXXXX-XXXX"
# What every match of `_PATTERNS` and `_PAIRED` contains: six date digits (a mark or spaces
# allowed between their pairs, as `_GROUPED` has them), a separator and four digits (spaces
# between their pairs, as `_PAIRED` has them). This has no lookbehind, so the regex engine can
# skip ahead to digits: it rules out a line or a whole document several times faster than the
# full patterns can. The digits are spelled out because `\d{6}` sets up a repeat at every
# position of the text, which makes the scan slower.
_PAIR_GAP = f"(?:{_DATE_MARK}|{_SP}{{1,3}})?"
_WHOLE_NUMBER = re.compile(rf"\d\d{_PAIR_GAP}\d\d{_PAIR_GAP}\d\d{_SEPARATOR}\d\d{_SP}{{0,3}}\d\d")


def luhn_ok(digits: str) -> bool:
    """The Luhn check used by Swedish identity numbers, over the ten-digit form."""
    return (10 - _luhn_terms(digits[:9]) % 10) % 10 == int(digits[9])


def _luhn_terms(digits: str, first: int = 0) -> int:
    """The sum of the Luhn check's terms of `digits`, the first being the ten-digit form's
    digit number `first` (from 0): a number is valid when the sum over its first nine digits
    and its check digit is a multiple of ten."""
    total = 0
    for i, ch in enumerate(digits, first):
        value = int(ch) * (2 if i % 2 == 0 else 1)
        total += value - 9 if value > 9 else value
    return total


def _is_identity_number(match: re.Match[str]) -> bool:
    century, year, month, day, serial, check = match.groups()
    return _is_date(century, month, day) and luhn_ok(year + month + day + serial + check)


def _is_date(century: str | None, month: str, day: str) -> bool:
    """Whether an identity number's date is one: century, month and day (a samordningsnummer's
    day plus 60)."""
    if century is not None and int(century) not in (18, 19, 20):  # int: also full-width digits
        return False
    month_n, day_n = int(month), int(day)
    if not 1 <= month_n <= 12:
        return False
    # Samordningsnummer add 60 to the day.
    return 1 <= day_n <= 31 or 61 <= day_n <= 91


def mask_personal_numbers(text: str) -> str:
    """Replace every valid personnummer or samordningsnummer in `text` with a fixed mask.
    Invisible characters, which could hide a number, are not counted; a text in which a
    number was masked loses them, any other text comes back as it was."""
    if _RARE.search(text) is None:  # the fast path: almost every text
        return _mask(text)
    if _SHOWN_OTHERWISE.search(text):
        return _mask_shown(text)
    plain = _INVISIBLE.sub("", text)
    masked = _mask(plain)
    return text if masked == plain else masked


def _mask_shown(text: str) -> str:
    """`text` with the numbers masked that its lines show rather than hold: the lines with
    compatibility digits or a reversal are read as shown, character by character; the others
    (no number spans a line) are masked as usual."""
    out, done = [], 0
    for char in _SHOWN_OTHERWISE.finditer(text):
        if char.start() < done:  # on a line already read
            continue
        start = text.rfind("\n", 0, char.start()) + 1
        end = text.find("\n", char.start())
        end = len(text) if end == -1 else end
        out += [mask_personal_numbers(text[done:start]), _mask_as_shown(text[start:end])]
        done = end
    out.append(mask_personal_numbers(text[done:]))
    return "".join(out)


def _mask_as_shown(line: str) -> str:
    """The line with every number masked that a reader sees in it: read with reversed runs
    turned round, invisible characters left out and compatibility digits as plain ones; each
    number's mask covers the characters as written, the rest of the line stays as it was."""
    shown, owner = _reversed_view(line) if _RLO in line else _plain_view(line)
    spans = [owner(s, e - 1) for s, e in _masked_spans(shown)]
    # The line as stored (only the invisible characters left out) is what the index reads:
    # a number written plainly is masked too, also next to a footnote's "¹" or in a reversed run.
    held, held_owner = _plain_view(line, _INVISIBLE)
    spans += [held_owner(s, e - 1) for s, e in _masked_spans(held)]
    # And as read past a footnote mark: "19121212¹-1212" is thirteen digits as shown and no
    # number as held, but a reader skips the "¹" and sees the number.
    if _COMPAT.search(line):
        skipped, skipped_owner = _plain_view(line, dropped=_RARE)
        spans += [skipped_owner(s, e - 1) for s, e in _masked_spans(skipped)]
    if not spans:
        return line
    out, done = [], 0
    for start, last in sorted(spans):
        if start >= done:
            out += [line[done:start], MASK]
        done = max(done, last + 1)  # spans of the two readings may overlap: one mask
    return "".join([*out, line[done:]])


def _plain_view(
    line: str, rare: re.Pattern[str] = _RARE, *, dropped: re.Pattern[str] = _INVISIBLE
) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """The line as read, with the first and last index in `line` of the characters that a
    span (first, last) of it was read from: each `rare` character is read as its NFKC form,
    or as nothing when `dropped` matches it. Only the rare characters are visited one by
    one, so a long line costs the regex scans alone."""
    pieces: list[str] = []
    starts: list[int] = []  # where each rare character's reading starts in the view
    ends: list[int] = []  # and ends
    places: list[int] = []  # its index in `line`
    done = at = 0
    for found in rare.finditer(line):
        char = found.group()
        plain = "" if dropped.match(char) else unicodedata.normalize("NFKC", char)
        pieces += [line[done : found.start()], plain]
        at += found.start() - done
        starts.append(at)
        places.append(found.start())
        at += len(plain)
        ends.append(at)
        done = found.end()
    pieces.append(line[done:])

    def place(i: int) -> int:
        k = bisect_right(starts, i) - 1
        if k < 0:
            return i
        return places[k] if i < ends[k] else places[k] + 1 + i - ends[k]

    return "".join(pieces), lambda first, last: (place(first), place(last))


def _reversed_view(line: str) -> tuple[str, Callable[[int, int], tuple[int, int]]]:
    """As `_plain_view`, with each run after a right-to-left override turned round, read
    character by character (such a line is rare)."""
    order = list(range(len(line)))
    for run in _REVERSED.finditer(line):
        order[run.start(1) : run.end(1)] = order[run.start(1) : run.end(1)][::-1]
    shown: list[str] = []
    owner: list[int] = []  # the index in `line` of each character of `shown`
    for i in order:
        char = line[i]
        if _INVISIBLE.match(char):
            continue
        plain = unicodedata.normalize("NFKC", char) if _SHOWN_OTHERWISE.match(char) else char
        shown.append(plain)
        owner += [i] * len(plain)
    return "".join(shown), lambda first, last: (
        min(owner[first : last + 1]),
        max(owner[first : last + 1]),
    )


def _masked_spans(text: str) -> list[tuple[int, int]]:
    """The spans `_mask` would replace in `text` (they never overlap), behind its checks."""
    stages = [(_SPACED, _masked_spaced)] if _SPACED_DIGITS.search(text) else []
    spans = _spans_of(text, stages)
    text = _crossed(text, spans)
    if not _WHOLE_NUMBER.search(text):
        return spans
    stages = [*((p, _masked) for p in _PATTERNS), (_PAIRED, _masked_paired)]
    return spans + _spans_of(text, stages)


def _spans_of(text: str, stages: list[tuple[re.Pattern[str], Callable]]) -> list[tuple[int, int]]:
    spans: list[tuple[int, int]] = []
    for pattern, judge in stages:
        found = [m.span() for m in pattern.finditer(text) if judge(m) == MASK]
        text = _crossed(text, found)
        spans += found
    return spans


def _crossed(text: str, spans: list[tuple[int, int]]) -> str:
    """`text` with the spans crossed out, as `_mask` replaces them: no digit, no sign left."""
    pieces, done = [], 0  # pieces, not a copy per span: a line may hold thousands
    for start, end in sorted(spans):
        pieces += [text[done:start], "X" * (end - start)]
        done = end
    return "".join([*pieces, text[done:]])


def _mask(text: str) -> str:
    if _SPACED_DIGITS.search(text):
        text = _SPACED.sub(_masked_spaced, text)
    if not _WHOLE_NUMBER.search(text):  # the fast path: almost every line
        return text
    for pattern in _PATTERNS:
        text = pattern.sub(_masked, text)
    return _PAIRED.sub(_masked_paired, text)


def _masked_spaced(match: re.Match[str]) -> str:
    digits = match.group(1).replace(" ", "") + match.group(2).replace(" ", "")
    number = _COMPACT.fullmatch(digits)
    return MASK if number and _is_identity_number(number) else match.group(0)


def _masked(match: re.Match[str]) -> str:
    return MASK if _is_identity_number(match) else match.group(0)


def _masked_paired(match: re.Match[str]) -> str:
    century, year, month, day, first, last = match.groups()
    number = _COMPACT.fullmatch(f"{century or ''}{year}{month}{day}-{first}{last}")
    return MASK if number and _is_identity_number(number) else match.group(0)


def mask_typed(text: str) -> str:
    """What a user typed (a query, a parameter), as a page or an answer may repeat it: with
    any identity number masked, also one written over several lines or with runs of spaces,
    which are then collapsed to one. Text without a number comes back as typed.

    The query parser reads text in its NFKC form, in which superscript, circled and other
    compatibility digits are plain digits ("19121212-¹²¹²"): a number only that form shows
    is masked in it, since that is what the search and its echoes repeat."""
    normal = unicodedata.normalize("NFKC", text)
    if normal != text:
        masked = _mask_typed(normal)
        if masked != normal:
            return masked
    return _mask_typed(text)


def _mask_typed(text: str) -> str:
    masked = mask_personal_numbers(text)
    collapsed = " ".join(masked.split())
    masked_collapsed = mask_personal_numbers(collapsed)
    if masked_collapsed != collapsed:
        return masked_collapsed
    return masked


def mask_text(text: str) -> str:
    """A whole text (lines kept) with every identity number masked, also one that line
    breaks cut into pieces: what a file holds, before it is served or judged."""
    return mask_personal_numbers(mask_split_numbers(text))


# Every character `str.splitlines` breaks a line at: a file's name may hold any of them.
LINE_BREAKS = re.compile("[\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")


def mask_name(name: str) -> str:
    """A file's name or path, as shown or kept, with every identity number masked, also one
    that a line break in a name cuts ("19121212\n-1212.pdf", "19121212\r-1212.pdf"): read
    as a number split over lines, whichever character breaks it."""
    return mask_personal_numbers(mask_split_name(name))


def mask_split_name(name: str) -> str:
    """`name` with the digits of a number that a line break in it cuts made X, the breaks
    left as they were (`mask_name`'s first step; `index.paths` makes the X one mask)."""
    if LINE_BREAKS.search(name) is None:  # the fast path: every sane name
        return name
    lined = LINE_BREAKS.sub("\n", name)
    split = mask_split_numbers(lined)
    if split == lined:
        return name
    if len(split) != len(name):  # invisible characters left out: read without them
        return split
    return "".join(old if new == "\n" else new for old, new in zip(name, split, strict=True))


def contains_personal_number(text: str) -> bool:
    """True when `text` holds a valid identity number.

    The cleaner asks this once per document and masks line by line only when it is true.
    """
    if _RARE.search(text) or _SPACED_DIGITS.search(text):
        return mask_personal_numbers(text) != text
    # No pattern matches across a line, and each match holds one of `_WHOLE_NUMBER`: only the
    # lines that hold one are read (a protocol's date ranges pass the gate; read whole, it
    # took every pattern's scan of the document).
    return any(_holds_number(line) for line in _lines_with(_WHOLE_NUMBER, text))


def _lines_with(pattern: re.Pattern[str], text: str) -> list[str]:
    """The lines of `text` in which `pattern`, which never matches a line break, finds
    something, each once."""
    lines: list[str] = []
    end = -1
    for found in pattern.finditer(text):
        if found.start() < end:  # on the line taken last
            continue
        start = text.rfind("\n", 0, found.start()) + 1
        end = text.find("\n", found.end())
        end = len(text) if end == -1 else end
        lines.append(text[start:end])
    return lines


def _holds_number(line: str) -> bool:
    return any(_is_identity_number(m) for p in _PATTERNS for m in p.finditer(line)) or any(
        _masked_paired(m) == MASK for m in _PAIRED.finditer(line)
    )


def mask_split_and_check(text: str) -> tuple[str, bool]:
    """`mask_split_numbers(text)`, and whether that still `contains_personal_number`: what
    cleaning asks of each document. The scans that rule out both are made once: a text with
    no rare character and no digits that could start a number (almost every document) costs
    two scans and a look at its line breaks, where the two calls cost six scans."""
    if _RARE.search(text) is None and _DIGIT_CLUES.search(text) is None:
        masked = _mask_split(text, cells=False)
        return masked, masked is not text and contains_personal_number(masked)
    masked = mask_split_numbers(text)
    return masked, contains_personal_number(masked)


# A line break with what may be a number's second half after it (blank lines allowed). The
# scan looks for line breaks, not digits, so it costs little on digit-heavy text; the first
# half is then looked for just before the break.
_BREAK = re.compile(rf"\n(?=\s*(?:{_SIGN}{{1,2}}\s*)?\d)")
# The same break, found only after what may end a number's first half (`_LEFT`: a digit, a
# plus, a dash or a blank): looked for at every line break, the lookahead ran through all the
# blank lines after each break of a run, the square of the run's length (8,000 blank lines
# where copies were dropped took seconds). The line break first, so the scan is for it alone.
# Lines of blanks alone (" \n" repeated) would still cost the square: the text is scanned as
# cleaning leaves it, every line's blanks stripped (`clean.to_lines`).
_HALF_BREAK = re.compile(rf"\n(?<=[\d+{_HYPHEN} \t]\n)(?=\s*(?:{_SIGN}{{1,2}}\s*)?\d)")
_LEFT = re.compile(rf"\d[\d +{_HYPHEN}]*[ \t]*\Z")
_RIGHT = re.compile(
    rf"(\s*)((?:{_SIGN}{{1,2}}[ \t]*)?\d[\d +{_HYPHEN}]*|{_SIGN}{{1,2}}[ \t]*(?=\n))"
)
_REACH = 40  # characters before a break that a number's first half can span


def mask_split_numbers(text: str) -> str:
    """Mask identity numbers that line breaks cut in two or three ("19850412" / "-1230",
    "1965" / "0606" / "-0000"): each piece's digits become X, and every line keeps its place,
    so a caller that works line by line can split the text again. PDF text breaks lines
    anywhere."""
    if _RARE.search(text) is not None:  # one scan rules out both rare kinds: almost every text
        return _mask_split_rare(text)
    return _mask_split(text)


def _mask_split_rare(text: str) -> str:
    """`mask_split_numbers` for a text with invisible characters (matched without them) or
    compatibility digits ("19121212-" / "¹²¹²", read as shown, as on one line)."""
    if _has_invisible(text):
        plain = _INVISIBLE.sub("", text)
        masked = mask_split_numbers(plain)
        return text if masked == plain else masked
    masked = _mask_split(text)  # a number in plain digits, also one beside a footnote's "¹"
    # Then as shown (the compatibility digits as digits), and as read past footnote marks
    # ("19121212¹-" / "1212": the "¹" skipped).
    masked = _mask_split_in_view(masked, _COMPAT)
    return _mask_split_in_view(masked, _COMPAT, dropped=_COMPAT)


def _mask_split_in_view(text: str, rare: re.Pattern[str], **view: re.Pattern[str]) -> str:
    """`text` with the characters X-ed whose `_plain_view` reading `_mask_split` masks."""
    shown, owner = _plain_view(text, rare, **view)
    xed = _mask_split(shown)
    if xed == shown:
        return text
    chars = list(text)
    for i, (was, now) in enumerate(zip(shown, xed, strict=True)):
        if was != now:
            first, last = owner(i, i)
            chars[first : last + 1] = "X" * (last + 1 - first)
    return "".join(chars)


def _mask_split(text: str, *, cells: bool = True) -> str:
    """`mask_split_numbers` for text without rare characters; `cells=False` when the caller
    knows that `_DANGLING` finds nothing in it."""
    out: list[str] = []
    done = 0  # text[:done] is decided
    for brk in _HALF_BREAK.finditer(text):
        nl = brk.start()
        if nl < done:
            continue
        left = _LEFT.search(text, max(done, nl - _REACH), nl)
        if left is not None and (whole := _after_whole_numbers(text, left.start(), nl)):
            left = _LEFT.search(text, whole, nl)
        if left is None:
            continue
        pieces, gaps, end = [text[left.start() : nl]], [], nl
        while len(pieces) < 3 and (right := _RIGHT.match(text, end + 1)) is not None:
            pieces.append(right.group(2))
            gaps.append("\n" + right.group(1))
            end = right.end()
            joined = _masked_pieces(pieces, gaps, _line_after(text, end))
            if joined is not None:
                out += [text[done : left.start()], joined]
                done = end
                break
            if not (text.startswith("\n", end) and _BREAK.match(text, end)):
                break
    if not out:
        return _mask_cell_halves(text) if cells else text
    return _mask_cell_halves("".join([*out, text[done:]]))


# A table cell too narrow for a number wraps it: the date and its sign end the cell's first
# line ("19121212-") with other cells after it, and the serial stands alone on the next line
# or the one after ("Anna Andersson 19121212- Ordförande" / "1212"). A date with a dangling
# sign is rare enough in text that any four digits standing alone near it are tried with it.
# The sign comes first in the pattern, then the space after it: a regex that starts with
# digits tries every position of a text full of numbers, this one only the few signs.
_DANGLING = re.compile(rf"[{_HYPHEN}+/](?=[ \t\n]|\Z)(?<=\d{{6}}[{_HYPHEN}+/])")
_SERIAL = re.compile(rf"(?<![\w{_HYPHEN}.,])\d{{4}}(?![\w{_HYPHEN}.,])")
_CELL_REACH = 2  # lines after the date's in which its serial may stand
# One scan for what any of `_SPACED_DIGITS`, `_WHOLE_NUMBER` and `_DANGLING` finds (the last
# written from its date's digits): the three start with a digit, which the regex parser takes
# out of the alternation, so the engine skips to each digit once for all three.
_DIGIT_CLUES = re.compile(
    "|".join(
        [_SPACED_DIGITS.pattern, _WHOLE_NUMBER.pattern, rf"\d\d\d\d\d\d[{_HYPHEN}+/](?=[ \t\n]|\Z)"]
    )
)


def _mask_cell_halves(text: str) -> str:
    """Mask a number a table cell wrapped, the date on one line and the serial alone on
    one of the next two; each keeps its length, so lines stay where they were."""
    if not _DANGLING.search(text):  # the fast path: almost every document
        return text
    chars = list(text)
    # The serials after each line that has a dangling sign, read once for all its signs: a
    # line of thousands of "850412- " cells over one of thousands of four-digit numbers was
    # read once per sign, the square of the line's length (a minute for 100 kB).
    serials: dict[int, dict[int, tuple[int, int]]] = {}
    for sign in _DANGLING.finditer(text):
        date = _date_before(text, sign.start())
        if date is None:
            continue
        line_end = text.find("\n", sign.end())
        if line_end == -1:
            continue  # the last line: no serial after it
        if line_end not in serials:
            serials[line_end] = _serials_by_check(text, _lines_after(text, line_end, _CELL_REACH))
        serial = _serial_for(text[date[0] : date[1]], serials[line_end])
        if serial is not None:
            for i in (*range(*date), *range(*serial)):
                chars[i] = "X"
    return "".join(chars)


def _serials_by_check(text: str, region: tuple[int, int]) -> dict[int, tuple[int, int]]:
    """The span of the first four-digit serial in `text[region]` for each value its Luhn
    terms and check digit add up to, modulo ten: the first serial that makes a number with a
    date is the first with the value that the date's terms make a multiple of ten."""
    first: dict[int, tuple[int, int]] = {}
    for serial in _SERIAL.finditer(text, *region):
        digits = serial.group()
        first.setdefault((_luhn_terms(digits[:3], 6) + int(digits[3])) % 10, serial.span())
    return first


def _serial_for(date: str, by_check: dict[int, tuple[int, int]]) -> tuple[int, int] | None:
    """The span of the first serial (`_serials_by_check`) that makes an identity number with
    the six or eight digits of `date`, or None."""
    number = _COMPACT.fullmatch(f"{date}-0000")
    if number is None or not _is_date(*number.group(1, 3, 4)):
        return None
    return by_check.get(-_luhn_terms(date[-6:]) % 10)


def _lines_after(text: str, at: int, count: int) -> tuple[int, int] | None:
    """The span of the next `count` non-blank lines after the line that holds `at`, or None
    when it is the last line."""
    start = text.find("\n", at)
    if start == -1:
        return None
    end, seen = start, 0
    while seen < count and end != -1:
        nxt = text.find("\n", end + 1)
        line = text[end + 1 : len(text) if nxt == -1 else nxt]
        seen += bool(line.strip())
        end = nxt
    return start, len(text) if end == -1 else end


def _date_before(text: str, end: int) -> tuple[int, int] | None:
    """The span of the six or eight digits that end at `end`, alone (no digit or hyphen
    before them), or None."""
    start = end
    while start > 0 and text[start - 1].isdecimal():
        start -= 1
    if end - start not in (6, 8) or (start > 0 and text[start - 1] in _HYPHEN_CHARS):
        return None
    return start, end


def _after_whole_numbers(text: str, start: int, end: int) -> int:
    """Where the last whole identity number in `text[start:end]` ends, or 0 when it holds
    none: a number's first half starts after it. Without this, "19121212 -1212" above a
    split "121212" / "-1212" lent its serial to the split date, and both halves left showed."""
    piece = text[start:end]
    if _NUMBER_RUN.search(piece) is None:
        return 0
    ends = [m.end() for p in _PATTERNS for m in p.finditer(piece) if _is_identity_number(m)]
    return start + max(ends) if ends else 0


_AFTER_REACH = 8  # characters after the last piece that a pattern's lookahead may read


def _line_after(text: str, end: int) -> str:
    """What follows a number's last piece on its line, as far as a pattern looks ahead."""
    stop = text.find("\n", end, end + _AFTER_REACH)
    return text[end : end + _AFTER_REACH if stop == -1 else stop]


def _masked_pieces(pieces: list[str], gaps: list[str], after: str = "") -> str | None:
    """The pieces joined by their gaps, with the digits of a number that spans a gap
    masked; None when there is none. `after`, what follows the last piece on its line, is
    read too and never masked: the patterns look past a number's end as on one line, where
    "1933 1224 0009,5" is a decimal and no number (`_GROUPED`); without it "1933 1224" /
    "0009,5" was masked, the ",5" never seen."""
    cores = [piece.rstrip(" \t") for piece in pieces]
    glued = "".join(cores) + pieces[-1][len(cores[-1]) :] + after
    cuts = [sum(map(len, cores[: i + 1])) for i in range(len(cores) - 1)]
    if not _may_hold_number(glued, cuts):
        return None
    chars = list(glued)
    found = _mask_across_cuts(glued, cuts, chars)
    if not found and any(_is_hyphenated(core, after) for core, after in pairwise(cores)):
        found = _mask_dehyphenated(glued, cuts, chars)
    if not found and any(c[-1:].isdigit() and a[:1].isdigit() for c, a in pairwise(cores)):
        found = _mask_spaced_at_cuts(glued, cuts, chars)
    if not found:
        return None
    masked, parts, at = "".join(chars), [], 0
    for i, (piece, core) in enumerate(zip(pieces, cores, strict=True)):
        parts.append(masked[at : at + len(core)] + piece[len(core) :])
        at += len(core)
        if i < len(gaps):
            parts.append(gaps[i])
    return "".join(parts)


def _may_hold_number(glued: str, cuts: list[int]) -> bool:
    """Whether any of the three readings of `glued` below (as glued, a hyphen at a cut left
    out, a space put at a cut) holds a `_NUMBER_RUN`, which every number has: at a line
    break between two numbers of a table (nearly every break of a text full of them) none
    does, and the readings are not made."""
    # With a space at each cut between digits, no number without a sign or space before its
    # serial spans a cut: one that spans one has a serial.
    if _NUMBER_RUN.search(glued) or _SERIAL_RUN.search(_spaced_at_cuts(glued, cuts)):
        return True
    hyphens = [cut - 1 for cut in cuts if _is_hyphenated(glued[:cut], glued[cut : cut + 1])]
    if not hyphens:
        return False
    pieces, done = [], 0
    for at in hyphens:
        pieces.append(glued[done:at])
        done = at + 1
    return _NUMBER_RUN.search("".join([*pieces, glued[done:]])) is not None


def _mask_across_cuts(glued: str, cuts: list[int], chars: list[str]) -> bool:
    """X the digits (in `chars`) of each number in `glued` that spans one of the `cuts`;
    True if there was one."""
    if _NUMBER_RUN.search(glued) is None:
        return False
    found = False
    for pattern in _PATTERNS:
        for m in pattern.finditer(glued):
            if any(m.start() < cut < m.end() for cut in cuts) and _is_identity_number(m):
                found = True
                for i in range(m.start(), m.end()):
                    if chars[i].isdigit():
                        chars[i] = "X"
    return found


def _is_hyphenated(core: str, after: str) -> bool:
    """Whether a line that ends in `core` was hyphenated inside a number before `after`:
    a digit and a hyphen at its end, a digit first on the next ("193312-" / "24-0009")."""
    return (
        len(core) > 1 and core[-1] in _HYPHEN_CHARS and core[-2].isdigit() and after[:1].isdigit()
    )


def _mask_dehyphenated(glued: str, cuts: list[int], chars: list[str]) -> bool:
    """As `_mask_across_cuts`, the hyphen that ends a piece before a digit left out, as
    joining the hyphenated lines would ("193312-" / "24-0009" is 19331224-0009)."""
    dropped = {cut - 1 for cut in cuts if _is_hyphenated(glued[:cut], glued[cut : cut + 1])}
    kept = [i for i in range(len(glued)) if i not in dropped]
    joined = "".join(glued[i] for i in kept)
    own = [chars[i] for i in kept]
    joined_cuts = [cut - sum(1 for i in dropped if i < cut) for cut in cuts]
    if not _mask_across_cuts(joined, joined_cuts, own):
        return False
    for i, char in zip(kept, own, strict=True):
        chars[i] = char
    return True


def _mask_spaced_at_cuts(glued: str, cuts: list[int], chars: list[str]) -> bool:
    """As `_mask_across_cuts`, a space put where a line break stood between two digits, as
    the line break read: gluing "1933 1224" / "0009" gave "1933 12240009", and the form in
    groups of four (`_GROUPED`) needs the space. The reading is made of slices, not character
    by character: it is made at most line breaks of a text full of dates."""
    spaced = _spaced_cuts(glued, cuts)
    joined = _spaced_at_cuts(glued, cuts)
    if _SERIAL_RUN.search(joined) is None:
        return False
    own, done = [], 0  # `chars` with the spaces put in
    for cut in spaced:
        own += [*chars[done:cut], " "]
        done = cut
    own += chars[done:]
    # A cut's place in the reading: after the spaces put at it or before it.
    joined_cuts = [cut + bisect_right(spaced, cut) for cut in cuts if cut < len(glued)]
    if not _mask_across_cuts(joined, joined_cuts, own):
        return False
    for k, cut in enumerate([0, *spaced]):  # each piece between two spaces, back in place
        end = spaced[k] if k < len(spaced) else len(glued)
        chars[cut:end] = own[cut + k : end + k]
    return True


def _spaced_cuts(glued: str, cuts: list[int]) -> list[int]:
    """The cuts between two digits, where the reading puts a space."""
    return [
        cut
        for cut in cuts
        if 0 < cut < len(glued) and glued[cut - 1].isdigit() and glued[cut].isdigit()
    ]


def _spaced_at_cuts(glued: str, cuts: list[int]) -> str:
    """`glued` with a space at each cut between two digits: the text `_mask_spaced_at_cuts`
    reads."""
    pieces, done = [], 0
    for cut in _spaced_cuts(glued, cuts):
        pieces += [glued[done:cut], " "]
        done = cut
    return "".join([*pieces, glued[done:]])


# A page break puts the running footer of one page and the running header of the next between
# a number's halves ("… personnummer 19121212" / "Sida 1 (2)" / "Samordningsförbundet X" /
# "-1212 har …"). These many lines at each edge of a break are tried as the halves' places.
EDGE_LINES = 4
# What a half may end or start with at the break: a digit or one of these signs.
_EDGE_SIGNS = _HYPHEN_CHARS | frozenset("+/.\uff0b\u207a\u207b\u208a\u208b")  # also ⁺ ⁻ ₊ ₋


def mask_across_page_break(tail: list[str], head: list[str]) -> bool:
    """Mask, in place, an identity number whose first half ends one of the last lines of a
    page (`tail`) and whose second half starts one of the first lines of the next (`head`),
    with furniture between them; True if one was masked. Cleaning removes most furniture
    first, but not all of it (a two-page document's header, say), and the check of a file
    as it is served reads it with its furniture."""
    found = False
    for i, left in enumerate(tail):
        if not left or not (left[-1].isdigit() or left[-1] in _EDGE_SIGNS):
            continue
        for j, right in enumerate(head):
            if not right or not (right[0].isdigit() or right[0] in _EDGE_SIGNS):
                continue
            masked = mask_split_numbers(f"{left}\n{right}")
            if masked != f"{left}\n{right}":
                tail[i], head[j] = masked.split("\n")
                left = tail[i]
                found = True
    return found
