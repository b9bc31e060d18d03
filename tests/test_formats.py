"""PDF and HTML end to end: pages, furniture, sections crossing a page break, main content."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from index.model import Document
from index.parse import parse_file
from tests.conftest import TEST_DATA, python_steps
from tests.pdfgen import make_image_only_pdf, make_letterhead_pdf, make_pdf, rewrite_pdf

PDF_PAGES = [
    [
        "Sammanträdesprotokoll",
        "Samordningsförbundet Centrala Östergötland",
        "Sammanträdesdatum 2024-05-16",
        "",
        "§ 1 Mötets öppnande",
        "Ordföranden öppnar mötet.",
        "",
        "§ 2 Verksamhetsplan och budget",
        "Förbundschefen redogör för förslaget till samman-",
        "slagning av två insatser inom ESF-",
        "projektet och budgeten för 2025-",
        "2026.",
    ],
    [
        "Diskussion följer om hälso- och sjukvårdens roll.",
        "Beslut",
        "Styrelsen beslutar att godkänna verksamhetsplanen.",
        "",
        "§ 3 Avslutning",
        "Ordföranden avslutar mötet. Justerare: 000113-1119.",
    ],
    [
        "§ 4 Övrigt",
        "Inga övriga frågor.",
    ],
]


@pytest.fixture(scope="module")
def pdf_doc(tmp_path_factory: pytest.TempPathFactory) -> Document:
    path = tmp_path_factory.mktemp("pdf") / "protokoll.pdf"
    make_pdf(
        path, PDF_PAGES, header="Protokoll styrelsen 2024-05-16", footer="Sida {page} ({pages})"
    )
    return parse_file(path)


def test_pdf_metadata(pdf_doc: Document) -> None:
    assert (pdf_doc.forbund_slug, pdf_doc.kind, pdf_doc.date) == (
        "centrala-ostergotland",
        "protokoll",
        "2024-05-16",
    )


def test_pdf_sections_carry_their_start_page(pdf_doc: Document) -> None:
    assert [(s.number, s.page) for s in pdf_doc.sections] == [(1, 1), (2, 1), (3, 2), (4, 3)]


def test_pdf_section_crossing_a_page_break_keeps_both_parts(pdf_doc: Document) -> None:
    section = pdf_doc.sections[1]
    assert "Förbundschefen redogör" in section.text
    assert "hälso- och sjukvårdens roll" in section.text
    assert [d.text for d in section.decisions] == [
        "Styrelsen beslutar att godkänna verksamhetsplanen."
    ]


def test_pdf_running_header_and_page_numbers_are_removed(pdf_doc: Document) -> None:
    everything = pdf_doc.header + "".join(s.text + s.title for s in pdf_doc.sections)
    assert "Sida" not in everything
    assert "Protokoll styrelsen 2024-05-16" not in everything


def test_pdf_hyphenation_is_joined_but_real_hyphens_stay(pdf_doc: Document) -> None:
    text = " ".join(pdf_doc.sections[1].text.split())
    assert "sammanslagning" in text
    assert "ESF-projektet" in text
    assert "2025-2026" in text


def test_pdf_personal_numbers_are_masked(pdf_doc: Document) -> None:
    assert "000113-1119" not in pdf_doc.sections[2].text
    assert "XXXXXX-XXXX" in pdf_doc.sections[2].text


@pytest.fixture(scope="module")
def html_doc() -> Document:
    return parse_file(TEST_DATA / "protocol.html")


def test_html_metadata(html_doc: Document) -> None:
    assert html_doc.forbund == "Samordningsförbundet Västra Mälardalen"
    assert (html_doc.kind, html_doc.date) == ("protokoll", "2024-03-14")
    assert html_doc.title == "Protokoll styrelsemöte"


def test_html_sections_and_decisions(html_doc: Document) -> None:
    assert [(s.label, s.title, s.page) for s in html_doc.sections] == [
        ("§ 1", "Mötets öppnande", None),
        ("§ 2", "Val av justerare", None),
        ("§ 3", "Ekonomisk uppföljning", None),
    ]
    assert [d.text for d in html_doc.sections[2].decisions] == [
        "Styrelsen beslutar att godkänna uppföljningen."
    ]


def test_html_navigation_footer_and_scripts_are_gone(html_doc: Document) -> None:
    everything = html_doc.header + "".join(s.text for s in html_doc.sections)
    for needle in ("Startsida", "Box 123", "kakor", "sparningskod", "Senaste nytt", "dold"):
        assert needle not in everything


@pytest.mark.parametrize("name", ["protocol_cp1252.txt", "protocol_utf16.txt"])
def test_other_encodings_parse(name: str) -> None:
    doc = parse_file(TEST_DATA / name)
    assert doc.sections and all("Ã" not in s.text for s in doc.sections)


def test_parse_file_accepts_str_paths(tmp_path: Path) -> None:
    path = tmp_path / "p.txt"
    path.write_text("Protokoll 2024-01-01\n§ 1 Öppnande\nText.", encoding="utf-8")
    assert parse_file(str(path)).sections[0].title == "Öppnande"


# --- a Word protocol as other tools leave it (qa-pdf17) -------------------------------------

# Word's header on every page: the logo's text, the förbund, the kind of document, its date;
# its footer "Sida 2 av 3".
_WORD_HEAD = ["SAMORDNINGSFÖRBUNDET", "Centrala Östergötland", "PROTOKOLL", "2024-05-16"]
_WORD_PAGES = [
    [
        "Styrelsemöte",
        "Plats: Kommunhuset, Linköping",
        "",
        "§ 1 Mötets öppnande",
        "Ordföranden förklarar mötet öppnat.",
        "",
        "§ 2 Val av justerare",
        "Styrelsen beslutar att utse Anna Berg att justera protokollet.",
    ],
    [
        "§ 3 Verksamhetsplan 2025",
        "Förbundschefen redogör för förslaget till samman-",
        "slagning av två insatser.",
        "Beslut",
        "Styrelsen beslutar",
        "1. att anta verksamhetsplanen för 2025,",
        "2. att uppdra åt förbundschefen att återkomma med en budget.",
    ],
    ["§ 4 Mötets avslutande", "Ordföranden avslutar mötet."],
]
_PNR = "19850412-1230"


def _word_protocol(path: Path, landscape: bool = False) -> Path:
    return make_letterhead_pdf(
        path,
        _WORD_PAGES,
        head=_WORD_HEAD,
        foot=["Ordförandes sign. Justerandes sign.", "Sida {page} av {pages}"],
        orientation="L" if landscape else "P",
    )


def _outline(doc: Document) -> tuple:
    return (
        doc.forbund_slug,
        doc.kind,
        doc.date,
        doc.title,
        doc.warnings,
        [(s.label, s.title, s.page, s.text, [d.text for d in s.decisions]) for s in doc.sections],
    )


_WORD_OUTLINE = (
    "centrala-ostergotland",
    "protokoll",
    "2024-05-16",
    "PROTOKOLL",
    [],
    [
        ("§ 1", "Mötets öppnande", 1, "Ordföranden förklarar mötet öppnat.", []),
        (
            "§ 2",
            "Val av justerare",
            1,
            "Styrelsen beslutar att utse Anna Berg att justera protokollet.",
            ["Styrelsen beslutar att utse Anna Berg att justera protokollet."],
        ),
        (
            "§ 3",
            "Verksamhetsplan 2025",
            2,
            "Förbundschefen redogör för förslaget till sammanslagning\nav två insatser.\nBeslut\n"
            "Styrelsen beslutar\n1. att anta verksamhetsplanen för 2025,\n"
            "2. att uppdra åt förbundschefen att återkomma med en budget.",
            [
                "1. att anta verksamhetsplanen för 2025,\n"
                "2. att uppdra åt förbundschefen att återkomma med en budget."
            ],
        ),
        ("§ 4", "Mötets avslutande", 3, "Ordföranden avslutar mötet.", []),
    ],
)


@pytest.mark.parametrize(
    ("landscape", "changes"),
    [
        (False, {}),
        (True, {}),
        (False, {"rotate": {0: 90, 1: 90, 2: 90}}),
        (False, {"rotate": {1: 270}}),
        (False, {"attachment": ("bilaga.txt", f"Personnummer {_PNR}".encode())}),
        (False, {"bookmarks": ("§ 1 Mötets öppnande", "§ 3 Verksamhetsplan 2025")}),
        (False, {"note": f"Justerare {_PNR}", "field": ("justerare", f"Anna Berg {_PNR}")}),
        (False, {"empty_password": True}),
    ],
    ids=["word", "landscape", "rotated", "one-rotated", "attachment", "bookmarks", "notes", "aes"],
)
def test_a_word_protocol_as_other_tools_leave_it(
    tmp_path: Path, landscape: bool, changes: dict
) -> None:
    """Word's "Save as PDF" with a letterhead of four rows and "Sida 2 av 3", then turned,
    landscape, with a file attached, bookmarks, a note and a filled field, or "protected":
    what a reader would say the protocol is, every time. What the file carries besides its
    pages never reaches the text, but for a filled text field's value, which the page shows
    (masked, under the § its widget stands in), and its identity numbers are noticed."""
    path = rewrite_pdf(_word_protocol(tmp_path / "p.pdf", landscape), **changes)
    doc = parse_file(path)
    expected = _WORD_OUTLINE
    if "field" in changes:
        sections = list(expected[5])
        label, title, page, text, decisions = sections[1]
        sections[1] = (label, title, page, f"{text}\nAnna Berg XXXXXX-XXXX", decisions)
        expected = (*expected[:5], sections)
    assert _outline(doc) == expected
    assert "1985" not in str(_outline(doc)) + doc.header
    assert doc.original_has_personal_numbers is (_PNR in str(changes))


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        # a scan with the bookmarks a scanner's software added: still no text to read
        (
            lambda p: rewrite_pdf(make_image_only_pdf(p), bookmarks=("§ 1 Öppnande",)),
            "PDF:en saknar textlager (inskannad bild?) — kör OCR först",
        ),
        # a download cut off before the cross-reference table
        (
            lambda p: p.write_bytes(_word_protocol(p).read_bytes()[:-900]) and p,
            "inte en PDF (avkortad eller skadad) — hämta filen på nytt",
        ),
    ],
    ids=["bookmarks-only", "cut-before-xref"],
)
def test_a_pdf_without_readable_pages_is_one_swedish_line(
    tmp_path: Path, make, reason: str
) -> None:
    path = make(tmp_path / "p.pdf")
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "parse", str(path), "--json"],
        capture_output=True,
        text=True,
        cwd=Path(__file__).parent.parent,
    )
    assert result.returncode != 0 and result.stdout == ""
    assert result.stderr == f"finsok: {path}: {reason}\n"


def test_parse_work_grows_linearly_with_the_page_count(tmp_path: Path) -> None:
    """300 pages of short § take three times the work of 100, not nine."""

    def work(pages: int) -> int:
        body = [
            [f"§ {n} Ärende {n}", f"Styrelsen beslutar att godkänna ärende {n}."]
            for n in range(1, pages + 1)
        ]
        path = make_pdf(tmp_path / f"p{pages}.pdf", body, header="Protokoll styrelsen 2024-05-16")
        parsed = []
        steps = python_steps(lambda: parsed.append(parse_file(path)))
        assert [s.page for s in parsed[0].sections] == list(range(1, pages + 1))
        return steps

    assert work(300) < 5 * work(100)  # counted in lines of Python run, not timed: about 3
