"""Pages of the original for researchers who cite: a section's span (`page`–`page_end`), the
page a hit's words are on (`match_page`), the links to the PDF at that page and the citations
that end with the page or span. Over real PDFs made with tests/pdfgen.py, and a text file
without pages beside them."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from index.lines import Line
from index.parse import _join, page_span, parse_file
from search.answer import citation, search_answer
from search.engine import Engine, SearchParams
from search.pages import page_at, span_text
from tests.conftest import FINSOK, SAMPLE_DIR
from tests.pdfgen import make_pdf

PAGE_1 = [
    "Samordningsförbundet Söderåsen",
    "Protokoll styrelsemöte 2025-06-11",
    "",
    "§ 1 Val av justerare",
    "Anna Berg utses att justera protokollet.",
    "",
    "§ 2 Extern granskning av verksamheten",
    "Styrelsen diskuterar hur förbundets insatser ska följas upp.",
    "Kansliet har tagit fram ett underlag.",
]
PAGE_2 = [
    "Underlaget beskriver en extern genomlysning av alla insatser.",
    "Styrelsen beslutar att godkänna underlaget.",
    "",
    "§ 3 Övriga frågor",
    "Inga övriga frågor togs upp.",
]
# A proposal that reads word for word as the decision taken a page later: the decision's words
# stand twice in the section, first as the proposal's.
PROPOSED_PAGE_1 = [
    "Samordningsförbundet i Blekinge",
    "Protokoll styrelsemöte 2025-06-11",
    "",
    "§ 1 Budget för år 2026",
    "Förslag till beslut",
    "Styrelsen beslutar att fastställa budgeten för 2026.",
    "Kansliet har tagit fram ett underlag.",
]
PROPOSED_PAGE_2 = [
    "Underlaget diskuterades.",
    "",
    "Beslut",
    "Styrelsen beslutar att fastställa budgeten för 2026.",
    "",
    "§ 2 Övriga frågor",
    "Inga övriga frågor togs upp.",
]
REPORT = SAMPLE_DIR / "004_9d89b2c500131227.txt"
REPORT_LINES_PER_PAGE = 38
PROTOCOL_CITED = "Samordningsförbundet Söderåsen, styrelsen 2025-06-11"


def _latin1(line: str) -> str:
    """The line as fpdf2's core font can draw it (the report's bullets and dashes are not
    latin-1)."""
    return "".join(c if ord(c) < 256 else "-" for c in line)


def _report_pages() -> list[list[str]]:
    lines = [_latin1(line.rstrip()) for line in REPORT.read_text(encoding="utf-8").splitlines()]
    n = REPORT_LINES_PER_PAGE
    return [lines[k : k + n] for k in range(0, len(lines), n)]


def _report_goal_spans() -> list[tuple[int, int]]:
    """Each "Mål 8" of the report as a PDF: the page of its heading and of its last line with
    text (the line before the next heading), counted from the pages as made."""
    pages = _report_pages()
    numbered = [(p, line) for p, page in enumerate(pages, start=1) for line in page]
    heads = [k for k, (_, line) in enumerate(numbered) if re.match(r"^Mål \d+ ", line)]
    spans = []
    for j, k in enumerate(heads):
        if not numbered[k][1].startswith("Mål 8 "):
            continue
        end = heads[j + 1] if j + 1 < len(heads) else len(numbered)
        last = max(p for p, line in numbered[k + 1 : end] if line.strip())
        spans.append((numbered[k][0], last))
    return spans


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("pages")
    make_pdf(folder / "protokoll.pdf", [PAGE_1, PAGE_2])
    (folder / "anteckningar.txt").write_text(
        "\n".join(PAGE_1 + PAGE_2).replace("Söderåsen", "Halland"), encoding="utf-8"
    )
    make_pdf(folder / "tertial.pdf", _report_pages())
    make_pdf(folder / "budget.pdf", [PROPOSED_PAGE_1, PROPOSED_PAGE_2])
    return folder


@pytest.fixture(scope="module")
def index_dir(folder: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from index.ingest import ingest

    path = tmp_path_factory.mktemp("pages-index") / "ix"
    summary = ingest([folder], path)
    assert summary.ok and summary.added == 4, summary
    return path


@pytest.fixture(scope="module")
def pages_engine(index_dir: Path) -> Engine:
    return Engine.open(index_dir)


@pytest.fixture(scope="module")
def pages_client(index_dir: Path):
    from web import create_app

    return create_app({"FINSOK_INDEX": str(index_dir), "TESTING": True}).test_client()


# --- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "label", "page", "page_end"),
    [
        ("protokoll.pdf", "§ 1", 1, 1),  # a § on one page
        ("protokoll.pdf", "§ 2", 1, 2),  # a § over two pages
        ("protokoll.pdf", "§ 3", 2, 2),  # a § on the second page alone
        ("anteckningar.txt", "§ 2", None, None),  # a text file has no pages
    ],
)
def test_a_section_knows_the_last_page_its_text_is_on(
    folder: Path, name: str, label: str, page: int | None, page_end: int | None
) -> None:
    doc = parse_file(folder / name)
    section = next(s for s in doc.sections if s.label == label)
    assert (section.page, section.page_end) == (page, page_end)
    shown = next(s for s in doc.to_dict()["sections"] if s["label"] == label)
    assert (shown["page"], shown["page_end"]) == (page, page_end)
    assert "page_starts" not in shown  # the index's, not the contract's


def test_where_the_second_page_starts_in_a_sections_text(folder: Path) -> None:
    section = parse_file(folder / "protokoll.pdf").sections[1]
    [(at, page)] = section.page_starts
    assert page == 2 and section.text[at:].startswith("Underlaget beskriver")
    assert page_at(at - 1, section.page, section.page_starts) == 1
    assert page_at(at, section.page, section.page_starts) == 2


@pytest.mark.parametrize(
    ("lines", "page", "expected"),
    [
        # One page: no walk, no offsets.
        ([Line("a", 3), Line("b", 3)], 3, (3, [])),
        # Without pages.
        ([Line("a"), Line("b")], None, (None, [])),
        # Blank lines between (cut to one blank line by `_join`) count as two breaks.
        (
            [Line("a", 1), Line("", 1), Line("", 2), Line("bb", 2), Line("c", 3)],
            1,
            (3, [(3, 2), (6, 3)]),
        ),
        # A heading at a page's foot: its text starts on the next page.
        ([Line("", 1), Line("a", 2), Line("b", 2)], 1, (2, [(0, 2)])),
        # A trailing blank line on the next page is no text there.
        ([Line("a", 1), Line("b", 1), Line("", 2)], 1, (1, [])),
    ],
)
def test_page_span_offsets(lines: list[Line], page: int | None, expected: tuple) -> None:
    text = _join(lines)
    assert page_span(lines, text, page) == expected
    for at, number in expected[1]:
        first = next(line for line in lines if line.page == number and line.text)
        assert text[at:].startswith(first.text)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(st.sampled_from(["", "", "a", "bb", "Beslut", "a b", "a  b"]), st.integers(0, 2)),
        min_size=1,
        max_size=14,
    ),
    st.integers(1, 3),
)
def test_every_character_of_a_sections_text_is_on_its_lines_page(
    items: list[tuple[str, int]], page: int
) -> None:
    """Over any lines as cleaning leaves them (stripped, blank runs, pages that go on by one or
    two, a first line past the heading's page, one text repeated), each character of the
    joined text is on the page of the line it came from, and `page_end` is the last page
    with text."""
    lines, number = [], page
    for text, step in items:
        number += step
        lines.append(Line(text, number))
    text = _join(lines)
    page_end, starts = page_span(lines, text, page)
    pos = 0
    for line in filter(lambda line: line.text, lines):
        at = text.index(line.text, pos)
        for c in range(at, at + len(line.text)):
            assert page_at(c, page, starts) == line.page
        pos = at + len(line.text)
    assert page_end == max([page] + [line.page for line in lines if line.text])


def test_parse_json_has_page_end(folder: Path) -> None:
    out = subprocess.run(
        [FINSOK, "parse", str(folder / "protokoll.pdf"), "--json"],
        capture_output=True,
        text=True,
        check=True,
    )
    sections = json.loads(out.stdout)["sections"]
    assert [(s["page"], s["page_end"]) for s in sections] == [(1, 1), (1, 2), (2, 2)]
    assert all("page_starts" not in s for s in sections)


def test_parse_outline_shows_each_sections_span(folder: Path) -> None:
    """`finsok parse` without --json showed a section's first page only, "[s. 1]" for a §
    that goes on to page 2; it shows the span a citation names."""
    out = subprocess.run(
        [FINSOK, "parse", str(folder / "protokoll.pdf")], capture_output=True, text=True, check=True
    )
    spans = re.findall(r"^  (§ \d+) .*\[(s\. [\d–]+)\]$", out.stdout, re.MULTILINE)
    assert spans == [("§ 1", "s. 1"), ("§ 2", "s. 1–2"), ("§ 3", "s. 2")]


# --- hits and citations -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("q", "label", "match_page", "decision"),
    [
        ("genomlysning", "§ 2", 2, False),  # the § starts on page 1, its word is on page 2
        ("godkänna underlaget", "§ 2", 2, True),  # the decision's words, on page 2
        ("diskuterar", "§ 2", 1, False),  # the same § found by a word on page 1
        ("justera", "§ 1", 1, True),  # a § on one page (its text is a decision)
        ("övriga frågor", "§ 3", 2, False),  # a § on page 2 alone
        ("§ 2 förbund:soderasen", "§ 2", 1, False),  # no word marked: the § starts there
    ],
)
def test_a_hit_is_on_the_page_of_its_first_match(
    pages_engine: Engine, q: str, label: str, match_page: int, decision: bool
) -> None:
    result = search_answer(pages_engine, SearchParams(q=q, forbund=["soderasen"]))
    hit = next(h for h in result["hits"] if h["label"] == label)
    assert hit["match_page"] == match_page
    assert hit["decision"] is decision
    span = "s. 1–2" if label == "§ 2" else f"s. {hit['page']}"
    assert hit["citation"] == f"{PROTOCOL_CITED}, {label}, {span}"


@pytest.mark.parametrize("q", ["fastställa budgeten", "budgeten"])
def test_a_decision_read_first_as_its_proposal_is_on_the_decisions_page(
    pages_engine: Engine, q: str
) -> None:
    """The decision's words stand first as the proposal's, on page 1; the decision is on
    page 2, and its hit's page is that one, not the proposal's."""
    result = search_answer(pages_engine, SearchParams(q=q, forbund=["blekinge"]))
    hit = next(h for h in result["hits"] if h["label"] == "§ 1")
    assert hit["decision"] is True
    assert (hit["page"], hit["page_end"], hit["match_page"]) == (1, 2, 2)


def test_the_document_shows_the_decision_where_it_was_taken(pages_client) -> None:
    """The document's blocks place the decision where it was taken, after "Beslut", not on
    the proposal's same words; its link opens the decision's page, as the hit's does."""
    hit = pages_client.get("/api/search?q=budgeten&forbund=blekinge").get_json()["hits"][0]
    doc = pages_client.get(f"/api/documents/{hit['doc_id']}?q=budgeten").get_json()
    blocks = doc["sections"][0]["blocks"]
    assert [b["decision"] is not None for b in blocks] == [False, True]
    assert blocks[0]["text"].startswith("Förslag till beslut\nStyrelsen beslutar att")
    assert blocks[0]["text"].endswith("Underlaget diskuterades.\nBeslut")
    html = pages_client.get(f"/doc/{hit['doc_id']}?q=budgeten").get_data(as_text=True)
    assert '/original#page=2">Sidan i originalet (s. 1–2)</a>' in html


def test_a_text_file_without_pages_is_cited_as_before(pages_engine: Engine) -> None:
    result = search_answer(pages_engine, SearchParams(q="genomlysning", forbund=["halland"]))
    [hit] = result["hits"]
    assert (hit["page"], hit["page_end"], hit["match_page"]) == (None, None, None)
    assert hit["citation"] == "Samordningsförbundet i Halland, styrelsen 2025-06-11, § 2"


def test_the_reports_two_goals_8_are_cited_apart(pages_engine: Engine) -> None:
    spans = _report_goal_spans()
    assert len(spans) == 2 and spans[0] != spans[1]
    result = search_answer(pages_engine, SearchParams(q="Mål 8", limit=20))
    hits = sorted(
        (h for h in result["hits"] if h["source"] == "tertial.pdf"), key=lambda h: h["page"]
    )
    assert [(h["page"], h["page_end"]) for h in hits] == spans
    cited = [h["citation"] for h in hits]
    assert len(set(cited)) == 2
    assert all(c.startswith("Tertial rapport Samordningsförbundet Skåne Nordost") for c in cited)
    assert [c.rsplit(", ", 1)[1] for c in cited] == [span_text(*s) for s in spans]


def test_the_sample_reports_goals_8_without_pages_are_cited_by_their_titles(engine) -> None:
    """The sample report is a text file: without pages its two goals 8 are told apart by
    their titles (`search.answer.titled_label`; tests/test_citations.py has more)."""
    result = search_answer(engine, SearchParams(q="Mål 8", limit=20))
    cited = {h["citation"] for h in result["hits"] if h["label"] == "Mål 8"}
    report = "Tertial rapport Samordningsförbundet Skåne Nordost, period till 2024-04-30"
    assert cited == {
        f"{report}, Mål 8 (Behålla och utveckla)",
        f"{report}, Mål 8 (Öka kunskapen om Samordningsförbundet Skåne Nordost)",
    }


@pytest.mark.parametrize(
    ("page", "page_end", "cited"),
    [
        (3, 3, "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 47, s. 3"),
        (3, None, "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 47, s. 3"),
        (4, 5, "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 47, s. 4–5"),
        (None, None, "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 47"),
    ],
)
def test_a_citation_ends_with_the_page_or_span(page, page_end, cited: str) -> None:
    got = citation(
        "Samordningsförbundet Söderåsen", "2025-06-11", "§ 47", page=page, page_end=page_end
    )
    assert got == cited


# --- API and pages ------------------------------------------------------------------------


def test_the_api_hit_has_page_end_and_match_page(pages_client) -> None:
    answer = pages_client.get("/api/search?q=genomlysning&forbund=soderasen").get_json()
    [hit] = answer["hits"]
    assert (hit["page"], hit["page_end"], hit["match_page"]) == (1, 2, 2)
    assert "page_starts" not in hit and "original_page_url" not in hit
    section = pages_client.get(f"/api/sections/{hit['id']}").get_json()
    assert (section["page"], section["page_end"]) == (1, 2)
    assert section["citation"].endswith("§ 2, s. 1–2")
    doc = pages_client.get(f"/api/documents/{hit['doc_id']}").get_json()
    assert [(s["page"], s["page_end"], s["pages_text"]) for s in doc["sections"]] == [
        (1, 1, "s. 1"),
        (1, 2, "s. 1–2"),
        (2, 2, "s. 2"),
    ]


@pytest.mark.parametrize(("q", "page"), [("genomlysning", 2), ("diskuterar", 1)])
def test_the_search_page_links_a_hit_to_its_page_in_the_pdf(pages_client, q, page) -> None:
    html = pages_client.get(f"/?q={q}&forbund=soderasen").get_data(as_text=True)
    assert f'/original#page={page}">Sidan i originalet (s. {page})</a>' in html
    assert f"{PROTOCOL_CITED}, § 2, s. 1–2" in html


def test_the_search_page_has_no_pdf_link_for_a_text_file(pages_client) -> None:
    html = pages_client.get("/?q=genomlysning&forbund=halland").get_data(as_text=True)
    assert "Sidan i originalet" not in html
    assert "Samordningsförbundet i Halland, styrelsen 2025-06-11, § 2<" in html


@pytest.mark.parametrize(("q", "page"), [("genomlysning", 2), ("diskuterar", 1), ("", 1)])
def test_the_document_page_opens_the_pdf_where_the_words_are(
    pages_client, pages_engine: Engine, q: str, page: int
) -> None:
    hit = search_answer(pages_engine, SearchParams(q="genomlysning", forbund=["soderasen"]))
    doc_id = hit["hits"][0]["doc_id"]
    html = pages_client.get(f"/doc/{doc_id}?q={q}").get_data(as_text=True)
    assert f'/original#page={page}">Sidan i originalet (s. 1–2)</a>' in html
    assert '/original#page=2">Sidan i originalet (s. 2)</a>' in html  # § 3
