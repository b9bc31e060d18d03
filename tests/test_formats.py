"""PDF and HTML end to end: pages, furniture, sections crossing a page break, main content."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.model import Document
from index.parse import parse_file
from tests.conftest import TEST_DATA
from tests.pdfgen import make_pdf

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
