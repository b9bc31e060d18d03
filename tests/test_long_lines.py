"""A text that lost its line breaks: one enormous line (a 50 MB export) is read by its
sentences, metadata is looked for in the document's head, and no step reads the text once per
match. Costs are counted in lines of Python run (`python_steps`) or by structure, never timed."""

from __future__ import annotations

import pytest

from index.clean import LONG_LINE, _has_long_line, break_long_lines
from index.metadata import Registry, detect_forbund
from index.model import Decision, Document, Section
from index.parse import METADATA_REACH, parse_text
from index.pipeline import _cut_long_document, _cut_long_sections
from index.privacy import _HALF_BREAK, mask_split_numbers
from tests.conftest import python_steps

_HEAD = "Samordningsförbundet Halland\nProtokoll styrelsemöte\nDatum: 2024-03-12\n"


def _body(sentences: int) -> list[str]:
    """Distinct sentences (no two alike, so no copy is dropped), some a decision's."""
    words = ("budget", "insats", "rapport", "samverkan", "uppföljning", "ansökan", "kansli")
    lines = []
    for n in range(sentences):
        word = words[n % len(words)]
        lines.append(f"Styrelsen diskuterade {word} nummer {n} och dess {words[n % 5]} {n * 7}.")
        if n % 9 == 0:
            lines.append(f"Beslut: Styrelsen beslutar att godkänna {word} {n}.")
    return lines


def test_a_text_that_lost_its_lines_is_read_by_its_sentences() -> None:
    lines = _body(400)
    doc = parse_text(" ".join([*_HEAD.split("\n"), *lines]))
    (section,) = doc.sections
    assert (doc.forbund_slug, doc.date) == ("halland", "2024-03-12")
    # The title is no longer the whole line of 30,000 characters.
    assert doc.title == "Protokoll 2024-03-12"
    assert max(map(len, section.text.split("\n"))) <= 1_000
    assert section.text.split() == (_HEAD + " ".join(lines)).split()  # nothing lost or added
    # No heading ends a "Beslut" block in such a text: it would hold all the text after it.
    assert section.decisions == []


def test_the_same_text_with_its_lines_keeps_its_decisions() -> None:
    doc = parse_text(_HEAD + "\n".join(_body(400)))
    assert doc.title == "Protokoll styrelsemöte"
    assert len(doc.sections[0].decisions) == 45


def test_a_long_line_breaks_at_sentences_never_before_a_heading_or_a_number() -> None:
    sentence = "Styrelsen diskuterade budgeten enligt § 5. "
    tail = "Kansliet redovisar. § 7 Nästa ärende. 12 § Ärende. Mål 3 – Insatser. -1230 och mer."
    (page,) = break_long_lines([sentence * 300 + tail])
    pieces = page.split("\n")
    assert pieces[0] == sentence.strip()
    assert pieces[-1] == tail.strip()  # no break before "§ 7", "12 §", "Mål 3" or "-1230"
    assert all(piece[:1] not in "§0123456789M-" for piece in pieces)
    assert " ".join(pieces).split() == (sentence * 300 + tail).split()


def test_a_long_line_without_sentences_is_wrapped_at_spaces() -> None:
    word = "x" * 1_500
    (page,) = break_long_lines(["ord " * 5_000 + word + " slut"])
    pieces = page.split("\n")
    assert word in pieces  # a word longer than a piece stays whole
    assert all(len(piece) <= 1_000 for piece in pieces if piece != word)
    assert " ".join(pieces).split() == ("ord " * 5_000 + word + " slut").split()


def test_pages_without_a_long_line_come_back_as_they_are() -> None:
    pages = ["a. B" * (LONG_LINE // 4), "kort rad\n" * 5_000]
    assert break_long_lines(pages) is pages
    assert break_long_lines([pages[0] + "x"]) != [pages[0] + "x"]


def test_a_line_long_text_costs_no_more_than_the_text_with_its_lines() -> None:
    lines = _HEAD.split("\n") + _body(600)
    with_lines, one_line = "\n".join(lines), " ".join(lines)
    parse_text(with_lines), parse_text(one_line)  # the word lists load once, not measured
    assert python_steps(lambda: parse_text(one_line)) < 2 * python_steps(
        lambda: parse_text(with_lines)
    )


def test_a_run_of_blank_lines_is_passed_once_in_the_split_number_scan() -> None:
    """Each break of a run of blank lines looked ahead over the rest of the run (the square
    of its length, in C where `python_steps` does not see it): only breaks after a digit, a
    plus, a dash or a blank, where a number's first half can end, are looked at now."""
    blank_run = "Text\n" + "\n" * 10_000 + "1230 kronor"
    assert list(_HALF_BREAK.finditer(blank_run)) == []
    assert mask_split_numbers(blank_run) == blank_run
    # what the scan is for still holds, also across blank lines
    assert mask_split_numbers("Anna 19850412-\n\n\n1230 ledamot") == (
        "Anna XXXXXXXX-\n\n\nXXXX ledamot"
    )


@pytest.mark.parametrize(
    ("at", "found"), [(METADATA_REACH - 5_000, "halland"), (2 * METADATA_REACH, None)]
)
def test_the_forbund_is_looked_for_in_the_head(at: int, found: str | None) -> None:
    filler = "\n".join(_body(10_000))[:at]
    doc = parse_text(f"Protokoll\n{filler}\nSamordningsförbundet Halland tackar.")
    assert doc.forbund_slug == found


def test_the_forbund_named_most_wins_and_a_tie_goes_to_the_first() -> None:
    registry = Registry.default()
    tie = "Samordningsförbundet Halland och Finsam Blekinge."
    assert detect_forbund([tie], registry)[1] == "halland"
    assert detect_forbund([f"{tie} Samordningsförbundet Blekinge."], registry)[1] == "blekinge"


def test_a_cut_section_keeps_only_the_decisions_in_what_is_kept() -> None:
    early, late = Decision("Styrelsen beslutar att godkänna budgeten."), Decision("Sent beslut.")
    text = early.text + " ord" * 3_000 + " " + late.text
    doc = Document("a.txt", "0", None, None, "protokoll", None, "T")
    doc.sections = [Section("§ 1", 1, "Budget", text, decisions=[early, late])]
    assert _cut_long_sections(doc, 5_000)
    assert doc.sections[0].decisions == [early]


def test_a_cut_section_keeps_a_decision_read_over_several_lines() -> None:
    """A decision's text joins the lines it was read from: "att\ngodkänna" in the section
    is "att godkänna" in the decision, which was no substring of the cut text, and went."""
    early, late = Decision("Styrelsen beslutar att godkänna budgeten."), Decision("Sent beslut.")
    text = "Styrelsen beslutar att\ngodkänna  budgeten." + " ord" * 3_000 + " " + late.text
    for cut in (_cut_long_sections, _cut_long_document):
        doc = Document("a.txt", "0", None, None, "protokoll", None, "T")
        doc.sections = [Section("§ 1", 1, "Budget", text, decisions=[early, late])]
        assert cut(doc, 5_000)
        assert doc.sections[0].decisions == [early]  # the late one, cut off, still goes


@pytest.mark.parametrize(
    "number",
    ["１９１２１２１２ － １２１２", "19121212 – １２１２", "19121212 - 1212", "1912 12 12 - 1212"],
)
def test_a_long_line_is_not_wrapped_inside_a_number(number: str) -> None:
    """Wrapped at the last space the piece allows, which here is inside the number: a
    full-width digit after the space was not taken for a digit (the split-number scan still
    masked it, but the line is no longer the text's)."""
    unit = "ord " * 245 + number + " " + "y" * 40 + " "
    (page,) = break_long_lines([unit * 12])
    assert page.count(number) == 12


@pytest.mark.parametrize(
    "lengths",
    [
        [LONG_LINE],
        [LONG_LINE + 1],
        [LONG_LINE, LONG_LINE],
        [5, LONG_LINE + 1],
        [LONG_LINE + 1, 5],
        [LONG_LINE - 1, 0, LONG_LINE, 3],
        [LONG_LINE // 2] * 7 + [LONG_LINE + 1],
        [LONG_LINE // 2] * 7 + [LONG_LINE],
        [0, 0, LONG_LINE + 1, 0],
        [1] * 30_000,
    ],
)
def test_long_line_found_without_splitting_as_by_splitting(lengths):
    """`_has_long_line` jumps from line break to line break; it must find exactly the lines
    that splitting the page finds, at its start, its end, or after many short lines."""
    page = "\n".join("x" * n for n in lengths)
    assert _has_long_line(page) == (max(map(len, page.split("\n"))) > LONG_LINE)
