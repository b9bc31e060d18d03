"""The decision finder's cheap gates: each stands before a dearer test and must let through
every text that test can accept, so that the gate changes what the finder costs, never what it
finds."""

from __future__ import annotations

import re
from re import _constants as C  # type: ignore[attr-defined]
from re import _parser  # type: ignore[attr-defined]

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from index import decisions
from index.lines import Line

# How far into a pattern its literal openings are read: longer than every `_BLOCK_START`.
_PREFIX_REACH = 24


def _openings(items: list, prefix: str = "") -> set[str]:
    """Every literal text a match of the parsed pattern `items` can open with, each up to the
    first part that is no fixed character (a class of one or more letters counts as a choice of
    characters, an optional part as both with and without it)."""
    if not items or len(prefix) >= _PREFIX_REACH:
        return {prefix}
    (op, av), rest = items[0], list(items[1:])
    if op is C.LITERAL:
        return _openings(rest, prefix + chr(av))
    if op is C.IN and all(o is C.LITERAL for o, _ in av):
        return set().union(*(_openings(rest, prefix + chr(a)) for _, a in av))
    if op is C.SUBPATTERN and not av[1] and not av[2]:
        return _openings([*av[3], *rest], prefix)
    if op is C.BRANCH:
        return set().union(*(_openings([*alt, *rest], prefix) for alt in av[1]))
    if op in (C.MAX_REPEAT, C.MIN_REPEAT) and av[0] == 0 and av[1] == 1:
        return _openings(rest, prefix) | _openings([*av[2], *rest], prefix)
    if op is C.AT and av is C.AT_BEGINNING:
        return _openings(rest, prefix)
    return {prefix}


@pytest.mark.parametrize(
    "pattern",
    [decisions._ID_MARKER, decisions._PROPOSAL, decisions._BOARD_DECIDES, decisions._LABEL],
    ids=["id", "proposal", "board decides", "label"],
)
def test_every_marker_opens_as_the_block_gate_expects(pattern: re.Pattern[str]) -> None:
    """`_open_block` reads a line with the marker patterns only when it opens with one of
    `_BLOCK_START`: whatever a marker can open with must start with one of them, or with a
    character `_BLOCK_FIRST` never lets through ("beslutades" in lower case)."""
    assert pattern.flags & re.IGNORECASE == 0  # the openings below are case-sensitive
    openings = _openings(list(_parser.parse(pattern.pattern, pattern.flags)))
    assert openings  # the helper read the pattern
    for opening in openings:
        assert opening[:1] not in decisions._BLOCK_FIRST or opening.startswith(
            decisions._BLOCK_START
        ), opening


def test_the_block_gate_reads_a_pattern_whole() -> None:
    """The helper above finds each opening of a pattern, with its choices and optional parts,
    and stops at the first part that is no fixed character."""
    pattern = re.compile(r"^(?:Ab|(?:Det\s+)?[Bb]e)\d")
    assert _openings(list(_parser.parse(pattern.pattern))) == {"Ab", "Det", "Be", "be"}


# The sentence break as first written, led by its look-behind.
_BREAK_AS_WRITTEN = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖÉ\"”»(•–-])")
_SENTENCE_PIECES = ["Planen", "antas", "t.ex", "x", "Å", "é", "(", "–", "-", '"', "»", "3", ""]
_SENTENCE_GLUE = st.sampled_from(["", " ", ".", ". ", "! ", "?  ", ".\n", ". \t", "..", "?!", "\n"])


@given(st.lists(st.tuples(st.sampled_from(_SENTENCE_PIECES), _SENTENCE_GLUE), max_size=10))
@example([("Planen", ".  "), ("Å", "")])
@example([("x", "?!"), ("", " "), ("(", "")])
@settings(max_examples=400, deadline=None)
def test_the_sentence_break_cuts_where_it_was_written_to(parts: list[tuple[str, str]]) -> None:
    """`_SENTENCE_BREAK`, led by the blank instead of a look-behind, cuts a text into the same
    pieces."""
    text = "".join(piece + glue for piece, glue in parts)
    assert decisions._SENTENCE_BREAK.split(text) == _BREAK_AS_WRITTEN.split(text)


_ABBREVIATION_PIECES = ["t.ex", "o.s.v", "kl", "KL", "resp", "x", "dvs", "", "planen", "att", "12"]
_ABBREVIATION_GLUE = st.sampled_from(["", " ", ".", ". ", ".\n", "\n", "\t", "x."])


@given(st.lists(st.tuples(st.sampled_from(_ABBREVIATION_PIECES), _ABBREVIATION_GLUE), max_size=6))
@example([("o.s.v", ".\n")])
@example([("x", " "), ("o.s.v", ".\n")])
@example([("beslutar", " "), ("att", " "), ("12", ".\n")])
@example([("xatt", " "), ("12", ".")])
@settings(max_examples=400, deadline=None)
def test_an_abbreviation_is_found_from_near_the_end(parts: list[tuple[str, str]]) -> None:
    """`_ABBREVIATION` ends at the piece's end: searched from `_ABBREVIATION_REACH` before it,
    it finds what a search of the whole piece finds."""
    text = "".join(piece + glue for piece, glue in parts)
    start = max(0, len(text) - decisions._ABBREVIATION_REACH)
    whole, near = decisions._ABBREVIATION.search(text), decisions._ABBREVIATION.search(text, start)
    assert (whole and whole.span()) == (near and near.span())


# The board's other deciding verbs as first written, led by `\b`.
_ACT_VERB_AS_WRITTEN = re.compile(rf"\b(?:{'|'.join(decisions._ACT_VERBS)})\b")
_VERB_PIECES = [*decisions._ACT_VERBS, "antagits", "oantar", "Antar", "planen", "x", "_", "3", "é"]
_VERB_GLUE = st.sampled_from(["", " ", ". ", "-", "\n", "_"])


@given(st.lists(st.tuples(st.sampled_from(_VERB_PIECES), _VERB_GLUE), max_size=6))
@example([("x", ""), ("antog", " "), ("valt", "")])
@settings(max_examples=400, deadline=None)
def test_the_other_deciding_verbs_are_found_as_whole_words(parts: list[tuple[str, str]]) -> None:
    """`_ACT_VERB`, led by the verbs' first letters, finds the verb a `\\b`-led pattern finds."""
    text = "".join(piece + glue for piece, glue in parts)
    found, plain = decisions._ACT_VERB.search(text), _ACT_VERB_AS_WRITTEN.search(text)
    assert (found and (found.span(), found.group())) == (plain and (plain.span(), plain.group()))


_PASSIVE_PIECES = [
    *decisions.PASSIVE_DECISIONS,
    *(w.capitalize() for w in decisions.PASSIVE_DECISIONS),
    "läggs", "lades", "till", "handlingarna", "handlingarnas", "förbundets", "års", "s",
    "ss", "x", "_", "3", "é", "godkänn", "ogodkänns",
]  # fmt: skip
_PASSIVE_GLUE = st.sampled_from(["", " ", "  ", ". ", ",", "\n", "-", "_", "s"])


@given(st.lists(st.tuples(st.sampled_from(_PASSIVE_PIECES), _PASSIVE_GLUE), max_size=8))
@example([("läggs", " "), ("till", " "), ("handlingarna", "")])
@example([("läggs", " "), ("till", " "), ("handlingarnas", "")])
@example([("x", ""), ("godkänns", ".")])
@example([("godkänn", "s"), ("x", "")])
@settings(max_examples=600, deadline=None)
def test_the_passive_is_found_by_its_ending_where_by_its_words(
    parts: list[tuple[str, str]],
) -> None:
    """`_HAS_PASSIVE`, led by the "s" the passive words end with, finds a passive in exactly
    the texts `_PASSIVE` does, also where a word runs into another or stands at an edge."""
    text = "".join(piece + glue for piece, glue in parts)
    assert bool(decisions._HAS_PASSIVE.search(text)) == bool(decisions._PASSIVE.search(text))


def test_the_ending_pattern_takes_only_words_that_end_in_s() -> None:
    """A decision word that does not end in "s" cannot be found by its ending: adding one to
    `PASSIVE_DECISIONS` must fail at once, not go unseen."""
    with pytest.raises(ValueError, match="avslag"):
        decisions._ends_pattern(("godkänns", "avslag"))


def _wrapped_as_written(before: str, text: str) -> bool:
    """The wrapped-sentence test as first written: both lines tested for the board, each time."""
    if not text[:1].islower() or not before or before.endswith((".", "!", "?")):
        return False
    tail = before[-decisions._WRAP_TAIL :]
    joined = f"{tail} {text}"
    if decisions._names_board(text) or decisions._names_board(tail):
        return decisions._board_acts(joined) or bool(decisions._PASSIVE.search(joined))
    return text.startswith(("handlingarna", "till handlingarna")) and bool(
        decisions._PASSIVE.search(joined)
    )


def _unmarked_as_written(lines: list[Line]) -> list[str]:
    """`_unmarked_decisions` as first written, with no gate and nothing carried between lines."""
    found: list[str] = []
    in_proposal, i, done = False, 0, -1
    while i < len(lines):
        text = lines[i].text
        if text[:1] in decisions._BLOCK_FIRST and decisions._PROPOSAL.match(text):
            in_proposal = True
        elif not text:
            in_proposal = False
        elif not in_proposal and (
            bool(decisions._PASSIVE.search(text))
            or (decisions._names_board(text) and decisions._board_acts(text))
            or (i - 1 > done and _wrapped_as_written(lines[i - 1].text, text))
        ):
            window, i = decisions._sentence_window(lines, i, done)
            found.extend(s for s in decisions._sentences(window) if decisions._decides_now(s))
            done = i
        i += 1
    return found


_LINE_PIECES = [
    "Styrelsen", "styrelsen", "Arbetsutskottet", "presidiet", "Samordningsförbundet",
    "godkänner planen", "beslutar att", "antog", "finner att", "och finner att", "vilket",
    "Efter diskussion beslutar", "läggs till", "handlingarna", "till handlingarna", "godkänns",
    "Planen antas", "Förslag till beslut", "Ordföranden", "informerar om läget", "x" * 50,
    "att uppdra åt kansliet", "i mars", "", "t.ex.",
]  # fmt: skip
_LINE_ENDS = st.sampled_from(["", ".", " ", ". ", ",", ":"])


@given(
    st.lists(st.lists(st.tuples(st.sampled_from(_LINE_PIECES), _LINE_ENDS), max_size=4), max_size=8)
)
@example([[("Ordföranden", " "), ("och finner att", "")], [("styrelsen", " "), ("antog", ".")]])
@example([[("informerar om läget", ". "), ("Styrelsen", "")], [("godkänner planen", ".")]])
@example([[("Planen", " "), ("läggs till", "")], [("handlingarna", ".")]])
@example(
    [[("Efter diskussion beslutar", "")], [("styrelsen", " "), ("att uppdra åt kansliet", ".")]]
)
@settings(max_examples=600, deadline=None)
def test_the_unmarked_pass_finds_what_it_did_before_its_gates(
    lines: list[list[tuple[str, str]]],
) -> None:
    """`_unmarked_decisions`, which looks for the board once a line, carries that to the next
    line's wrapped-sentence test and calls that test only where it can find something, finds
    the decisions the pass found with every test made in full on every line."""
    texts = [Line("".join(piece + end for piece, end in line).strip()) for line in lines]
    found = [d.text for d in decisions._unmarked_decisions(texts)]
    assert found == _unmarked_as_written(texts)
