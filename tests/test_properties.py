"""Property tests: parsing arbitrary text never raises and never loses a line.

Every line of the input that cleaning did not classify as page furniture, a duplicate or
machine data must end up in exactly one place: the document header, a section heading or a
section body (or, for two-column layouts, be dropped with a stated reason).
"""

from __future__ import annotations

import re
from collections import Counter

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from index.analysis import fold
from index.clean import clean
from index.parse import parse_text
from index.segment import segment

WORDS = [
    "Styrelsen",
    "beslutar",
    "att",
    "godkänna",
    "dagordningen",
    "Beslut",
    "Beslut:",
    "Förslag",
    "till",
    "beslut:",
    "genomlysning",
    "ESF-projekt",
    "§",
    "§12",
    "Mål",
    "1.",
    "Justerare",
    "Utdragsbestyrkande",
    "Sida",
    "3",
    "(5)",
    "och",
    "samverkan",
    "—",
    "-",
    "2024-05-16",
    "Samordningsförbundet",
    "Halland",
    "godkänns",
    "Ärendet",
    "(Ärendet",
]
word = st.one_of(st.sampled_from(WORDS), st.text(alphabet="abcåäöxyz", min_size=1, max_size=8))
heading = st.builds(
    lambda n, t: f"§ {n} {t.capitalize()}",
    st.integers(1, 40),
    st.text("abcdeåäö ", min_size=3, max_size=20),
)
line = st.one_of(
    st.lists(word, min_size=0, max_size=9).map(" ".join),
    heading,
    st.sampled_from(
        ["", "", "Beslut", "Styrelsen beslutar:", "Justerare Utdragsbestyrkande", "Sida 2 (4)"]
    ),
    st.text(max_size=40),
)
document = st.lists(line, min_size=0, max_size=40).map("\n".join)

_LETTERS = re.compile(r"[^\W\d_]", re.UNICODE)


# What a broken-font repair may turn into a letter (`index.fonts`): Mac Roman read as
# Windows-1252 ("B\x81" is "BÅ") and accents drawn apart ("fo¨rbundet" is "förbundet").
_AS_REPAIRED = str.maketrans({"Œ": "å", "Š": "ä", "š": "ö", "\x81": "Å", "\ufffd": "Å"})
_AS_REPAIRED.update(str.maketrans({"€": "Ä", "…": "Ö"}))
_AS_REPAIRED.update(str.maketrans({"Ž": "é", "Ÿ": "ü", "\u00a8": "", "\u02da": "", "\u00b4": ""}))


def letters(texts: list[str]) -> Counter[str]:
    """Letters only: cleaning may join hyphenated words and mask numbers (adding X's), and
    repair a broken font, so letters count without their accents and a broken font's
    characters as the letters they stand for."""
    return Counter(
        ch
        for text in texts
        for ch in _LETTERS.findall(fold(text.translate(_AS_REPAIRED)).lower())
        if ch != "x"
    )


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_parse_never_raises(text: str) -> None:
    doc = parse_text(text)
    assert doc.kind in {"protokoll", "protokollsutdrag", "rapport", "annat"}
    for section in doc.sections:
        assert isinstance(section.text, str)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
@example("¨\nB\x81")  # a spacing accent marks the font as broken, and "B\x81" is "BÅ"
@example("Samordningsfo¨rbundet\nfo¨rbundet")
@example("¨\nB\ufffd")  # "BÅ" as a replacing decoder leaves it
def test_cleaning_accounts_for_every_line(text: str) -> None:
    result = clean([text], paged=False)
    kept = [line.text for line in result.lines]
    dropped = [t for _, t in result.dropped]
    assert letters(kept + dropped) == letters(text.split("\n"))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(document)
def test_every_clean_line_lands_in_exactly_one_place(text: str) -> None:
    lines = clean([text], paged=False).lines
    seg = segment(lines)
    placed = [line.text for line in seg.header]
    for section in seg.sections:
        h = section.heading
        placed += [line.text for line in lines[h.line : h.line + h.lines_used]]
        body = [line.text for line in section.lines]
        if h.body_prefix:
            body = body[1:]  # the "Dnr …" part of the heading line, already counted above
        placed += body
    placed += [t for _, t in seg.dropped]
    want = Counter(line.text for line in lines if line.text)
    assert Counter(t for t in placed if t) == want
