"""Input built to provoke a step gets the right answer, in work that grows with it linearly.

Each test feeds one step what made it take super-linear time or memory (docs/robustness.md):
its answer is checked, and where the cost is Python's own it is counted in lines run
(`python_steps`) at two sizes, never timed. A regular expression's backtracking is invisible to
that count: those inputs are in the benchmark (`bench/pathological.py`), which times them."""

from __future__ import annotations

import pytest

from index import privacy
from index.clean import join_hyphenated
from index.crawler.robots import Robots
from index.fonts import repair_broken_font
from index.lexicon import Lexicon
from index.lines import Line
from index.parse import parse_text
from index.paths import _alike
from index.segment import _drop_agenda_runs, align_columns, find_headings
from index.webpage import read_html, visible_text
from tests.conftest import python_steps
from web.facets import notice_parts

_HEAD = "Samordningsförbundet Halland\nProtokoll styrelsemöte\nDatum: 2024-03-12\n§ 1 Budget\n"


def _grows_linearly(work: object, small: int) -> bool:
    """Whether `work(2n)` runs at most 2.5 times the lines of Python `work(n)` does."""
    return python_steps(lambda: work(2 * small)) <= 2.5 * python_steps(lambda: work(small))


# --- privacy ----------------------------------------------------------------------------------


def _cells(count: int) -> str:
    """A table row of dates with a dangling sign over a row of serials, one of them the
    serial of 850412-1230."""
    return "Namn " + "850412- " * count + "\n" + "4711 " * count + "1230"


def test_a_row_of_dates_over_a_row_of_serials_is_masked() -> None:
    masked = privacy.mask_text(_cells(40))
    assert masked == "Namn " + "XXXXXX- " * 40 + "\n" + "4711 " * 40 + "XXXX"


def test_a_row_of_dates_over_a_row_of_serials_is_read_once() -> None:
    # Each date read the serials after it again: twice the row, four times the work.
    assert _grows_linearly(lambda n: privacy.mask_text(_cells(n)), 100)


def _numbers(lines: int) -> str:
    """A table of numbers, one a line, with one identity number split over two lines."""
    rows = [str(10_000_000 + i * 7_919) for i in range(lines)]
    rows[lines // 2 : lines // 2] = ["19121212", "-1212"]
    return "\n".join(rows)


def test_a_table_of_numbers_masks_only_its_split_number() -> None:
    masked = privacy.mask_text(_numbers(300)).split("\n")
    assert masked[150:152] == ["XXXXXXXX", "-XXXX"]
    assert (
        masked[:150] + masked[152:]
        == _numbers(300).split("\n")[:150] + _numbers(300).split("\n")[152:]
    )


def test_a_table_of_numbers_costs_little_at_each_line_break() -> None:
    # Every break between two numbers was tried with five patterns and their Python: 360
    # lines of Python a break. Now a scan rules out a break with no serial near it.
    assert python_steps(lambda: privacy.mask_text(_numbers(400))) < 150 * 400


# --- cleaning: broken fonts, hyphenation, signing logs -------------------------------------


def test_broken_fonts_are_repaired_beside_a_long_word() -> None:
    long = "a" * 5_000
    lines = [
        Line("Samordningsfšrbundet " + long, None),
        Line(long + " Styrelsen fo¨reslår", None),
        Line(long + " b ¨", None),
    ]
    repair_broken_font(lines, set())
    assert [line.text for line in lines] == [
        "Samordningsförbundet " + long,
        long + " Styrelsen föreslår",
        long + " b ¨",
    ]


def test_a_hyphen_after_a_long_word_is_judged_as_before() -> None:
    long = "a" * 5_000
    lines = [
        Line(long + " -", None),
        Line("x", None),
        Line(long + " sam-", None),
        Line("verkan ok", None),
    ]
    assert [line.text for line in join_hyphenated(lines)] == [
        long + " -",
        "x",
        long + " samverkan",
        "ok",
    ]


def test_log_starts_over_long_words_are_no_log() -> None:
    body = "".join(f"Verifikat\n{('a-' * 2_000)[: 4_000 - i]}\n" for i in range(10))
    doc = parse_text(_HEAD + "Text.\n" + body)
    assert doc.sections[0].text.count("Verifikat") == 10  # nothing cut as machine data


def test_a_signing_log_with_addresses_is_still_cut() -> None:
    log = "\n".join(
        [
            "Verifikat",
            *(f"Anna Berg{i} anna{i}@example.se 2024-03-12 10:0{i} UTC" for i in range(5)),
        ]
    )
    doc = parse_text(_HEAD + "Styrelsen beslutar att godkänna budgeten.\n" + log)
    assert "example.se" not in doc.sections[0].text


# --- segmenting: a two-column layout's runs of titles ------------------------------------


_TOPICS = ("Budget", "Verksamhetsplan", "Uppföljning av insatser", "Samverkan", "Årsredovisning")


def _title_runs(runs: int) -> tuple[str, list[str]]:
    """A two-column protocol's text: `runs` runs of three § titles, each run before the three
    paragraphs that are their bodies (`segment.align_columns`); and those bodies in order."""
    parts, bodies = ["Protokoll styrelsemöte 2024-03-12"], []
    for first in range(1, 3 * runs, 3):
        numbers = range(first, first + 3)
        parts.append("\n\n".join(f"§ {k} {_TOPICS[k % 5]}" for k in numbers))
        for k in numbers:
            bodies.append(f"Styrelsen behandlade {_TOPICS[k % 5].lower()} i ärende nummer {k}.")
            parts.append(bodies[-1])
    return "\n\n".join(parts) + "\n", bodies


def _aligned_title_runs(runs: int) -> object:
    lines = [Line(text, None) for text in _title_runs(runs)[0].split("\n")]
    return align_columns(lines, find_headings(lines))


def test_runs_of_titles_before_their_prose_are_aligned() -> None:
    text, bodies = _title_runs(120)  # 360 titles: aligned in pieces
    doc = parse_text(text)
    assert [(s.number, s.text) for s in doc.sections] == list(enumerate(bodies, start=1))


def test_runs_of_titles_are_aligned_in_linear_work() -> None:
    # Each paragraph was weighed against every title, its text read again each time, and the
    # tables of scores held paragraphs × titles: 1 MB of text took 11 s.
    assert _grows_linearly(_aligned_title_runs, 60)


def _agenda_checked_title_runs(runs: int) -> object:
    lines = [Line(text, None) for text in _title_runs(runs)[0].split("\n")]
    return _drop_agenda_runs(lines, find_headings(lines))


def test_runs_of_titles_are_checked_for_agendas_in_linear_work() -> None:
    # Every run of three titles may be an agenda: the numbers after it were gathered from
    # every heading again for each run (0.8 MB of such runs took 2 s there alone).
    assert _grows_linearly(_agenda_checked_title_runs, 60)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        # An agenda whose items recur as the meeting's headings is dropped ...
        (
            "Dagordning\n§ 1 Val\n§ 2 Budget\n§ 3 Plan\n\nText.\n§ 1 Val\nA.\n§ 2 Budget\nB."
            "\n§ 3 Plan\nC.",
            [1, 2, 3],
        ),
        # ... one whose items do not recur stays.
        ("§ 1 Val\n§ 2 Budget\n§ 3 Plan\n\nText.\n§ 4 Övrigt\nD.", [1, 2, 3, 4]),
    ],
)
def test_an_agenda_is_dropped_only_where_its_items_recur(text: str, kept: list[int]) -> None:
    lines = [Line(line, None) for line in text.split("\n")]
    headings = _drop_agenda_runs(lines, find_headings(lines))
    assert [h.number for h in headings] == kept


def test_more_procedural_notes_than_paragraphs_to_open() -> None:
    # Each note opens a § of its own ("(Ärendet behandlades …)"): six of them under four
    # titles had no assignment at all, and the file failed with a traceback.
    notes = [f"(Ärendet behandlades efter § {k}.)" for k in (4, 3, 2, 1, 4, 3)]
    text = "Protokoll 2024-03-12\n§ 1 Val\n§ 2 Budget\n§ 3 Plan\n§ 4 Övrigt\n\n"
    doc = parse_text(text + "\n\n".join(notes))
    assert [s.number for s in doc.sections] == [1, 2, 3, 4]
    assert "\n\n".join(s.text for s in doc.sections) == "\n\n".join(notes)


# --- the lexicon ----------------------------------------------------------------------------


def test_a_learned_long_word_adds_only_prefixes_a_split_can_ask_for() -> None:
    lexicon = Lexicon.default()
    fresh = Lexicon.default()
    lexicon.split("styrelsemöte")  # the table of part starts is made
    before = len(lexicon._part_starts())
    lexicon.add(["é" * 20_000, "budgetuppföljningsarbete"])
    fresh.add(["budgetuppföljningsarbete"])
    # Each prefix of the long word was kept: 20,000 strings of 10,000 letters on average.
    assert len(lexicon._part_starts()) - before < 200
    for word in ("budgetuppföljningsarbetena", "samverkansutbildningen", "é" * 60 + "budget"):
        assert lexicon.split(word) == fresh.split(word)


# --- HTML -----------------------------------------------------------------------------------


def _nested(tag: str, count: int, text: str = "x ") -> bytes:
    return ("<html><body><h1>Protokoll</h1>" + f"<{tag}>{text}" * count + "</body></html>").encode()


def test_nested_markup_reads_as_before() -> None:
    assert visible_text(_nested("td", 3, "§ 1 a ")) == "Protokoll\n\n§ 1 a § 1 a § 1 a"
    assert visible_text(_nested("b", 3, "§ 1 a ")) == "Protokoll\n\n§ 1 a § 1 a § 1 a"
    assert visible_text(_nested("div", 3, "§ 1 a ")) == "Protokoll\n\n§ 1 a\n§ 1 a\n§ 1 a"
    prose = _nested("td", 3, "Ordföranden öppnade mötet. ")
    assert visible_text(prose) == "Protokoll\n\n" + "\n".join(["Ordföranden öppnade mötet."] * 3)


def test_nested_markup_is_read_in_linear_work() -> None:
    # Whether a tag was decomposed searched its subtree (div); each cell and bold run read
    # the text of those inside it (td, b).
    for tag in ("div", "td", "b"):
        assert _grows_linearly(lambda n, tag=tag: read_html(_nested(tag, n)), 400), tag


# --- the web and the crawler ----------------------------------------------------------------


def test_a_notice_naming_a_long_word_links_its_page() -> None:
    name = "x" * 20_000
    assert notice_parts(f"Förbundet {name} finns inte, se Täckning (/coverage).") == [
        {"text": f"Förbundet {name} finns inte, se ", "endpoint": None},
        {"text": "Täckning", "endpoint": "pages.coverage_page"},
        {"text": ".", "endpoint": None},
    ]


def test_robots_rules_with_many_stars() -> None:
    robots = Robots.parse(
        ["User-agent: *", "Disallow: /*a*a*a*a*a*a*a*a*b", "Disallow: /*.pdf$"], "x"
    )
    assert robots.can_fetch("https://x.se/" + "a" * 5_000)  # no "b": the rule does not match
    assert not robots.can_fetch("https://x.se/" + "a" * 5_000 + "b")
    assert not robots.can_fetch("https://x.se/arkiv/protokoll.pdf")
    assert robots.can_fetch("https://x.se/arkiv/protokoll.pdf.html")


def test_a_masked_name_with_many_masks_finds_its_look_alikes() -> None:
    alike = _alike((privacy.MASK + "-") * 8 + "protokoll.pdf")
    assert not alike("a-" * 50)
    assert alike("19121212-1212-" * 8 + "protokoll.pdf")
    assert not alike("19121212-1212-" * 8 + "protokoll.docx")
