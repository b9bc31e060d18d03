"""Tests for index.sources: decoding, page splitting, main-content extraction and clear errors."""

from __future__ import annotations

import codecs
import errno
import hashlib
import io
import os
import random
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from fpdf.enums import EncryptionMethod
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index import forms
from index.columns import Piece, in_bands
from index.errors import SourceError, os_reason
from index.parse import parse_file
from index.sources import (
    _JUNK,
    SUPPORTED_SUFFIXES,
    SourceText,
    _has_junk,
    read_source,
    sha256_of,
)
from tests.pdfgen import (
    add_form_fields,
    make_encrypted_pdf,
    make_image_only_pdf,
    make_pdf,
    make_placed_pdf,
    make_text_columns_pdf,
    make_truncated_pdf,
    make_two_column_pdf,
    set_glyph_names,
)

DATA = Path(__file__).parent / "data"
SAMPLE = "Förbundsordning § 3 Årsredovisning"


def write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def read_error(path: Path) -> SourceError:
    with pytest.raises(SourceError) as info:
        read_source(path)
    message = str(info.value)
    assert message.startswith(f"{path}: "), message
    assert "Traceback" not in message
    return info.value


# --- plain text: encodings -----------------------------------------------------------------


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(SAMPLE.encode("utf-8"), id="utf-8"),
        pytest.param(SAMPLE.encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(SAMPLE.encode("utf-16"), id="utf-16-bom-native"),
        pytest.param(codecs.BOM_UTF16_LE + SAMPLE.encode("utf-16-le"), id="utf-16-le-bom"),
        pytest.param(codecs.BOM_UTF16_BE + SAMPLE.encode("utf-16-be"), id="utf-16-be-bom"),
        pytest.param(SAMPLE.encode("utf-16-le"), id="utf-16-le-no-bom"),
        pytest.param(SAMPLE.encode("cp1252"), id="cp1252"),
        pytest.param(unicodedata.normalize("NFD", SAMPLE).encode("utf-8"), id="utf-8-nfd"),
    ],
)
def test_txt_encodings_decode_exactly(tmp_path: Path, encoded: bytes) -> None:
    path = write(tmp_path / "protokoll.txt", encoded)
    source = read_source(path)
    assert source.pages == [SAMPLE]
    assert source.format == "txt"
    assert source.paged is False
    assert source.title is None


def test_txt_cp1252_specials_are_not_latin1(tmp_path: Path) -> None:
    # 0x96 is an en dash in cp1252 but a C1 control in latin-1.
    path = write(tmp_path / "a.txt", "Budget 2024 – ökning".encode("cp1252"))
    assert read_source(path).pages == ["Budget 2024 – ökning"]


def test_txt_sha256_is_of_raw_bytes(tmp_path: Path) -> None:
    data = SAMPLE.encode("utf-16")
    source = read_source(write(tmp_path / "a.txt", data))
    assert source.sha256 == hashlib.sha256(data).hexdigest()
    assert sha256_of(data) == source.sha256
    assert source.path == tmp_path / "a.txt"


def test_the_junk_check_finds_what_the_junk_pattern_matches() -> None:
    """`_has_junk` looks for the characters one by one; it must find exactly those `_JUNK`
    matches, in a text wide enough to hold them all (a Swedish text with an en dash)."""
    for code in range(0x3000):
        text = f"Beslut – {chr(code)} å"
        assert _has_junk(text) == bool(_JUNK.search(text)), hex(code)
    assert _has_junk("Beslut – \ufffd") and not _has_junk("Beslut –\t\n\r\f\v\xa0\ufeff")


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("§ 1 Öppnande\r\nText\r\n", "§ 1 Öppnande\nText\n"),
        ("§ 1 Öppnande\rText\r", "§ 1 Öppnande\nText\n"),
        ("a\r\n\r\nb\rc\nd", "a\n\nb\nc\nd"),
        ("rad ett\vrad två", "rad ett\nrad två"),
        ("noll\x07klocka", "nollklocka"),
    ],
)
def test_txt_line_endings_become_lf(tmp_path: Path, raw: str, expected: str) -> None:
    path = write(tmp_path / "a.txt", raw.encode("utf-8"))
    assert read_source(path).pages == [expected]


@pytest.mark.parametrize(
    ("raw", "pages"),
    [
        ("sida ett\fsida två\fsida tre", ["sida ett", "sida två", "sida tre"]),
        # pdftotext ends every page with a form feed: no phantom last page.
        ("sida ett\n\fsida två\n\f", ["sida ett\n", "sida två\n"]),
        # A blank page in the middle is a real page and keeps later page numbers right.
        ("ett\f\ftre", ["ett", "", "tre"]),
    ],
)
def test_txt_form_feeds_split_pages(tmp_path: Path, raw: str, pages: list[str]) -> None:
    source = read_source(write(tmp_path / "a.txt", raw.encode("utf-8")))
    assert source.pages == pages
    assert source.paged is True


def test_txt_fixture_cp1252() -> None:
    source = read_source(DATA / "protocol_cp1252.txt")
    text = source.pages[0]
    assert "Samordningsförbundet Östra Skaraborg" in text
    assert "Förbundsordning § 3 Årsredovisning\n§ 4 Ekonomi\n" in text
    assert "år 2024 – en ökning" in text
    assert "\r" not in text


def test_txt_fixture_utf16_crlf() -> None:
    source = read_source(DATA / "protocol_utf16.txt")
    assert source.pages == [
        "Protokoll styrelsemöte 2024-01-17\n"
        "Samordningsförbundet Södra Vätterbygden\n"
        "\n"
        "Förbundsordning § 3 Årsredovisning\n"
        "§ 5 Övriga frågor\n"
        "Inga övriga frågor anmäldes.\n"
    ]


_SWEDISH = "abcdefghijklmnopqrstuvwxyzåäöÅÄÖéÉ0123456789 .,:;-()%\n"


@settings(max_examples=60, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    text=st.text(alphabet=_SWEDISH, min_size=1, max_size=200).filter(str.strip),
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "cp1252"]),
)
def test_txt_round_trips_swedish_text(tmp_path: Path, text: str, encoding: str) -> None:
    # "§" is left out of the alphabet on purpose: cp1252 "å§§" is also valid UTF-8 (a CJK
    # character), an ambiguity no byte-level guess can resolve.
    path = write(tmp_path / "h.txt", text.replace("\n", "\r\n").encode(encoding))
    assert "".join(read_source(path).pages) == text


# --- PDF -----------------------------------------------------------------------------------

PDF_PAGES = [
    ["§ 1 Mötets öppnande", "Ordföranden öppnar mötet."],
    ["§ 2 Val av justerare", "Till justerare väljs Åsa Öberg."],
    ["§ 3 Ekonomisk uppföljning", "Styrelsen beslutar att godkänna uppföljningen."],
]


def test_pdf_pages_in_order(tmp_path: Path) -> None:
    path = make_pdf(
        tmp_path / "protokoll.pdf",
        PDF_PAGES,
        header="Samordningsförbundet Västra Mälardalen",
        title="Protokoll styrelsemöte 2024-03-14",
    )
    source = read_source(path)
    assert source.format == "pdf"
    assert source.paged is True
    assert len(source.pages) == 3
    for number, (page_text, lines) in enumerate(zip(source.pages, PDF_PAGES, strict=True), 1):
        for line in lines:
            assert line in page_text
        assert f"Sida {number} (3)" in page_text
        assert "Samordningsförbundet Västra Mälardalen" in page_text
        others = [line for other in PDF_PAGES if other is not lines for line in other]
        assert not any(line in page_text for line in others)
    assert source.title == "Protokoll styrelsemöte 2024-03-14"
    assert source.sha256 == hashlib.sha256(path.read_bytes()).hexdigest()


def test_pdf_without_title_has_none(tmp_path: Path) -> None:
    path = make_pdf(tmp_path / "a.pdf", [["§ 1 Öppnande"]], footer=None)
    source = read_source(path)
    assert source.title is None
    assert source.pages[0].strip() == "§ 1 Öppnande"


def test_pdf_text_is_nfc(tmp_path: Path) -> None:
    source = read_source(make_pdf(tmp_path / "a.pdf", [["Årsredovisning för Göteborg"]]))
    assert unicodedata.is_normalized("NFC", source.pages[0])
    assert "Årsredovisning för Göteborg" in source.pages[0]


@pytest.mark.parametrize(
    "method", [EncryptionMethod.RC4, EncryptionMethod.AES_128, EncryptionMethod.AES_256]
)
def test_pdf_protected_without_open_password_is_read(tmp_path: Path, method) -> None:
    """Copy-protected PDFs open without a password; AES ones need `cryptography`, which the
    install brings (before, they were reported as damaged)."""
    path = make_encrypted_pdf(
        tmp_path / "skyddad.pdf", user_password="", lines=[SAMPLE], method=method
    )
    assert SAMPLE in read_source(path).pages[0]


_WITHOUT_CRYPTOGRAPHY = """
import sys
sys.modules["cryptography"] = None  # as if the install had lost it
from index.errors import SourceError
from index.sources import read_source
try:
    read_source(sys.argv[1])
except SourceError as exc:
    print(exc.reason)
"""


@pytest.mark.parametrize("method", [EncryptionMethod.AES_128, EncryptionMethod.AES_256])
def test_an_aes_pdf_without_cryptography_says_what_to_install(tmp_path: Path, method) -> None:
    """Without `cryptography`, pypdf fails on opening an AES-256 PDF and on every page of an
    AES-128 one: neither is damage, and the user must hear what to install."""
    path = make_encrypted_pdf(tmp_path / "aes.pdf", user_password="", lines=[SAMPLE], method=method)
    root = str(Path(__file__).resolve().parents[1])
    result = subprocess.run(
        [sys.executable, "-c", _WITHOUT_CRYPTOGRAPHY, str(path)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": root},
    )
    assert result.stderr == ""
    assert result.stdout.strip() == (
        "PDF:en är krypterad med AES och paketet 'cryptography' saknas — installera om med "
        "`make install`"
    )


def test_pdf_damage_does_not_log_or_warn(tmp_path: Path, caplog, capfd) -> None:
    path = make_truncated_pdf(tmp_path / "halv.pdf")
    read_error(path)
    assert not [record for record in caplog.records if record.name.startswith("pypdf")]
    assert capfd.readouterr().err == ""


# --- PDF: two columns ------------------------------------------------------------------------

TWO_COLUMNS = [
    (
        "§ 1",
        "Val av justerare",
        "Styrelsen väljer Anna Berg att jämte ordföranden justera dagens protokoll.",
    ),
    (
        "§ 2",
        "Budget 2025",
        "Förbundschefen redovisar förslaget till budget för 2025. Styrelsen beslutar att "
        "fastställa budgeten enligt förslaget och att återrapportering sker i juni.",
    ),
    ("§ 3", "Verksamhetsplan", "Styrelsen beslutar att godkänna verksamhetsplanen."),
    ("§ 4", "Övriga frågor", "Inga övriga frågor anmäldes."),
]


@pytest.mark.parametrize("order", ["rows", "glued", "one_cell", "left_first", "right_first"])
def test_pdf_two_columns_read_band_by_band(tmp_path: Path, order: str) -> None:
    """Headings in a narrow left column, bodies level with them on the right: whatever order
    the file draws them in, each § is followed by its own body (before, the bodies were glued
    onto the heading lines or gathered under one §)."""
    path = make_two_column_pdf(tmp_path / "kolumner.pdf", TWO_COLUMNS, order=order)
    doc = parse_file(path)
    assert [(s.number, s.title) for s in doc.sections] == [
        (int(n[2:]), t) for n, t, _ in TWO_COLUMNS
    ]
    for section, (_number, _title, body) in zip(doc.sections, TWO_COLUMNS, strict=True):
        assert " ".join(section.text.split()) == body


# Bodies all shorter than the heading column is wide ("\n" breaks a body's lines).
SHORT_BODIES = [
    ("§ 1", "Val av justerare", "Anna Berg väljs\natt justera."),
    ("§ 2", "Budget 2025", "Budgeten\nfastställs."),
    ("§ 3", "Verksamhetsplan", "Planen godkänns."),
    ("§ 4", "Övriga frågor", "Inga frågor."),
]


@pytest.mark.parametrize("order", ["glued", "one_cell", "left_first", "right_first"])
def test_pdf_two_columns_with_short_bodies_read_band_by_band(tmp_path: Path, order: str) -> None:
    """A right column no wider than the left made the page "running text", kept in pypdf's
    order: the bodies went under the wrong § or were glued onto the titles. Its left column
    holds no sentence, which running text's does."""
    path = make_two_column_pdf(tmp_path / "kolumner.pdf", SHORT_BODIES, order=order)
    doc = parse_file(path)
    assert [(s.number, s.title) for s in doc.sections] == [
        (int(n[2:]), t) for n, t, _ in SHORT_BODIES
    ]
    for section, (_number, _title, body) in zip(doc.sections, SHORT_BODIES, strict=True):
        assert " ".join(section.text.split()) == " ".join(body.split())


# Every body one line, level with its heading: no line but the headings' starts at the gutter.
ONE_LINE_BODIES = [
    ("§ 1", "Mötets öppnande", "Ordföranden öppnar mötet."),
    ("§ 2", "Val av justerare", "Anna Berg utses."),
    ("§ 3", "Budget 2025", "Budgeten fastställs."),
    ("§ 4", "Övriga frågor", "Inga frågor."),
]


@pytest.mark.parametrize("order", ["rows", "glued", "one_cell", "left_first", "right_first"])
def test_pdf_two_columns_with_one_line_bodies_read_band_by_band(tmp_path: Path, order: str) -> None:
    """The gutter was found only where a line other than a § heading starts at it; with
    every body one line, none does, so the page kept pypdf's order: "§ 2 Val av justerare
    Anna Berg utses." as one title, or all bodies under § 1. The heading lines show the
    gutter themselves when two or more have a body at the same x."""
    path = make_two_column_pdf(tmp_path / "kolumner.pdf", ONE_LINE_BODIES, order=order)
    doc = parse_file(path)
    assert [(s.label, s.title, s.text) for s in doc.sections] == [
        (n, t, b) for n, t, b in ONE_LINE_BODIES
    ]


@pytest.mark.parametrize(
    "rows",
    [
        # titles at a tab stop, one-line bodies at the margin: a title ends no sentence
        [
            (745.0, [(59.5, "§ 4"), (130.0, "Budget 2025")]),
            (728.0, [(59.5, "Godkänd.")]),
            (711.0, [(59.5, "§ 5"), (130.0, "Övriga frågor")]),
            (694.0, [(59.5, "Inga frågor.")]),
        ],
        # a diary number at a tab stop beside each heading
        [
            (745.0, [(59.5, "§ 4 Budget 2025"), (400.0, "Dnr 2024/12")]),
            (728.0, [(59.5, "Budgeten fastställs.")]),
            (711.0, [(59.5, "§ 5 Revision"), (400.0, "Dnr 2024/13")]),
            (694.0, [(59.5, "Bilaga: revisionsrapporten")]),
        ],
        # a sentence beside each heading, but body lines run across under it: one column
        [
            (745.0, [(59.5, "§ 1 Val"), (200.0, "Anna Berg utses.")]),
            (
                728.0,
                [(59.5, "Styrelsen beslutar att utse Anna Berg att justera dagens protokoll.")],
            ),
            (711.0, [(59.5, "§ 2 Budget"), (200.0, "Budgeten fastställs.")]),
        ],
        # a table: label and title, presenter, status
        [
            (745.0, [(59.5, "§ 1 Mötets öppnande"), (200.0, "Ordförande"), (320.0, "Klart.")]),
            (728.0, [(59.5, "§ 2 Val av justerare"), (200.0, "Ordförande"), (320.0, "Klart.")]),
        ],
        # one heading with a body beside it is no column
        [
            (745.0, [(59.5, "§ 1 Val av justerare"), (200.0, "Anna Berg utses.")]),
            (728.0, [(59.5, "§ 2 Budget 2025")]),
            (711.0, [(59.5, "Budgeten fastställs.")]),
        ],
    ],
)
def test_pdf_one_column_pages_with_text_beside_headings_keep_pypdf_order(rows) -> None:
    text = "\n".join(" ".join(piece for _x, piece in row) for _y, row in rows)  # as pypdf
    assert in_bands(text, _pieces(*rows)) is text


# A one-column page: an agenda whose § lines end in a sentence at one x ("Beslut."), then a
# list whose second column stands further right, not at that x.
AGENDA_AND_LIST = [
    [(20, "Protokoll styrelsemöte 2025-03-12")],
    None,
    [(20, "Föredragningslista")],
    [(20, "§ 1 Mötets öppnande"), (150, "Beslut.")],
    [(20, "§ 2 Val av justerare"), (150, "Beslut.")],
    [(20, "§ 3 Ekonomisk rapport"), (150, "Information.")],
    None,
    [(20, "Närvarande")],
    [(20, "Anna Berg"), (155, "Arbetsförmedlingen")],
    [(20, "Per Olsson"), (155, "Region Skåne")],
    [(20, "Eva Lind"), (155, "Malmö stad")],
]


def test_pdf_agenda_beside_a_list_keeps_pypdf_order(tmp_path: Path) -> None:
    """Found in review: two § lines with "Beslut." at one x made that x a gutter, and every
    line with text on both sides of it was read band by band: the names of the list came
    first and their organisations after them all. Only the § lines may have text in the
    right column when they alone show the gutter."""
    page = read_source(make_placed_pdf(tmp_path / "lista.pdf", AGENDA_AND_LIST)).pages[0]
    assert page.splitlines()[-3:] == [
        "Anna Berg Arbetsförmedlingen",
        "Per Olsson Region Skåne",
        "Eva Lind Malmö stad",
    ]
    assert "§ 2 Val av justerare Beslut." in page.splitlines()


def test_pdf_one_line_bodies_with_a_heading_of_their_own_still_read_band_by_band(
    tmp_path: Path,
) -> None:
    """The must-not-change neighbour: a § page whose bodies are all one line, with a line of
    text at the left margin between the bands (a title's second line), is still two columns."""
    rows = [
        [(20, "Protokoll styrelsemöte 2025-03-12")],
        None,
        [(20, "§ 1"), (70, "Ordföranden öppnar mötet.")],
        [(20, "Mötets öppnande")],
        None,
        [(20, "§ 2"), (70, "Anna Berg utses.")],
        [(20, "Val av justerare")],
    ]
    doc = parse_file(make_placed_pdf(tmp_path / "kolumner.pdf", rows))
    assert [(s.label, s.title, s.text) for s in doc.sections] == [
        ("§ 1", "Mötets öppnande", "Ordföranden öppnar mötet."),
        ("§ 2", "Val av justerare", "Anna Berg utses."),
    ]


def test_pdf_two_columns_keep_pypdf_lines(tmp_path: Path) -> None:
    """A file drawn in reading order extracts exactly as pypdf gives it."""
    path = make_two_column_pdf(tmp_path / "kolumner.pdf", TWO_COLUMNS, order="rows")
    import pypdf

    assert read_source(path).pages[0] == pypdf.PdfReader(path).pages[0].extract_text()


def _pieces(*rows: tuple[float, list[tuple[float, str]]]) -> list[Piece]:
    """Pieces of text as pypdf reports them: (baseline, [(x, text), ...]) per row, 11 pt."""
    flat = [(x, y, text) for y, row in rows for x, text in row]
    return [Piece(k, text, x, y, 11.0) for k, (x, y, text) in enumerate(flat)]


@pytest.mark.parametrize(
    "rows",
    [
        # a title after a tab stop, the body at the margin: one column, not two
        [
            (745.0, [(59.5, "§ 4"), (130.0, "Budget 2025")]),
            (728.0, [(59.5, "Styrelsen beslutar att fastställa budgeten enligt förslaget.")]),
            (711.0, [(59.5, "§ 5"), (130.0, "Övriga frågor")]),
        ],
        # signatures side by side under a § heading: nothing in a column beside the heading
        [
            (745.0, [(59.5, "§ 9 Justering")]),
            (711.0, [(59.5, "Anna Berg"), (300.0, "Bo Ek")]),
            (694.0, [(59.5, "Ordförande"), (300.0, "Justerare")]),
        ],
    ],
)
def test_pdf_one_column_pages_keep_pypdf_order(rows) -> None:
    text = "pypdf's own text"
    assert in_bands(text, _pieces(*rows)) is text


@pytest.mark.parametrize(
    ("glyphs", "title", "decision"),
    [
        # a font that draws fi and fl as ligature glyphs
        (
            {"\x81": "fi", "\x82": "fl"},
            "Uppföljning av finansiella mål",
            "att finansiera och flytta",
        ),
        (
            {"\x81": "ffi", "\x82": "ff"},
            "Uppföljning av ffinansiella mål",
            "att ffinansiera och ffytta",
        ),
    ],
)
def test_pdf_ligatures_are_their_letters(
    tmp_path: Path, glyphs: dict[str, str], title: str, decision: str
) -> None:
    """pypdf reads a ligature glyph as U+FB01 "ﬁ", which NFC keeps: the title, the decision
    and the JSON said "ﬁnansiera", a word no reader or program looks for."""
    lines = [
        "§ 1 Uppföljning av \x81nansiella mål",
        "Styrelsen beslutar att \x81nansiera och \x82ytta.",
    ]
    path = set_glyph_names(make_pdf(tmp_path / "p.pdf", [lines]), glyphs)
    doc = parse_file(path)
    assert doc.sections[0].title == title
    assert [d.text for d in doc.sections[0].decisions] == [f"Styrelsen beslutar {decision}."]


_TEXT_COLUMNS_LEFT = [
    "§ 1 Mötets öppnande",
    "Ordföranden öppnar mötet och",
    "hälsar alla välkomna.",
    "",
    "§ 2 Val av justerare",
    "Styrelsen beslutar att utse Anna",
    "Berg att justera protokollet.",
    "",
    "§ 3 Budget 2025",
    "Förbundschefen redogör för",
    "förslaget till budget för 2025.",
]
_TEXT_COLUMNS_RIGHT = ["Beslut", "Styrelsen beslutar att anta", "budgeten för 2025."]


@pytest.mark.parametrize(
    ("right", "sections"),
    [
        # § 3 goes on at the right column's top, where its decision stands
        (_TEXT_COLUMNS_RIGHT, [1, 2, 3]),
        # … and the right column has § of its own
        ([*_TEXT_COLUMNS_RIGHT, "", "§ 4 Avslutning", "Ordföranden avslutar mötet."], [1, 2, 3, 4]),
    ],
)
def test_pdf_two_columns_of_running_text_keep_pypdf_order(
    tmp_path: Path, right: list[str], sections: list[int]
) -> None:
    """A page set in two columns of running text, as a newsletter is, reads column by
    column: read band by band (as a page of headings beside their bodies), § 1 took the
    decision printed beside it, which is § 3's."""
    path = make_text_columns_pdf(tmp_path / "spalter.pdf", _TEXT_COLUMNS_LEFT, right)
    doc = parse_file(path)
    assert [s.number for s in doc.sections] == sections
    assert [d.text for d in doc.sections[2].decisions] == [
        "Styrelsen beslutar att anta\nbudgeten för 2025."
    ]
    assert not doc.sections[0].decisions


# --- PDF: form fields ------------------------------------------------------------------------

_FORM_PAGE = [
    "Protokoll styrelsemöte 2024-03-12",
    "§ 1 Val av justerare",
    "Justerare:",
    "",
    "§ 2 Budget 2025",
    "Beslut:",
    "",
    "",
    "§ 3 Avslutning",
    "Ordföranden avslutar mötet.",
]


def test_pdf_filled_text_fields_are_their_pages_text(tmp_path: Path) -> None:
    """A protocol made as a fillable form keeps its content in the fields' values, which
    were looked through for identity numbers but not read: § 2's decision was nowhere in
    the index. Each value stands under the label its widget is level with or below, masked;
    a checkbox's state, an empty field and a value the page prints already add nothing."""
    path = add_form_fields(
        make_pdf(tmp_path / "blankett.pdf", [_FORM_PAGE]),
        [
            (0, "justerare", "Anna Berg 19850412-1230", (100, 721, 300, 736), "/Tx"),
            (
                0,
                "beslut",
                "Styrelsen beslutar att anta\rbudgeten för 2025.",
                (31, 640, 500, 670),
                "/Tx",
            ),
            (0, "enhalligt", "/Yes", (31, 650, 40, 660), "/Btn"),
            (0, "tom", "", (31, 580, 200, 590), "/Tx"),
            (0, "avslut", "Ordföranden avslutar mötet.", (300, 600, 500, 615), "/Tx"),
        ],
    )
    doc = parse_file(path)
    assert [(s.label, s.text) for s in doc.sections] == [
        ("§ 1", "Justerare:\nAnna Berg XXXXXX-XXXX"),
        ("§ 2", "Beslut:\nStyrelsen beslutar att anta\nbudgeten för 2025."),
        ("§ 3", "Ordföranden avslutar mötet."),
    ]
    assert [d.text for d in doc.sections[1].decisions] == [
        "Styrelsen beslutar att anta\nbudgeten för 2025."
    ]
    assert doc.original_has_personal_numbers
    assert "19850412" not in str(doc.to_dict())


def test_pdf_without_filled_fields_keeps_pypdf_text(tmp_path: Path) -> None:
    """Only a checkbox and an empty field: the page's text is pypdf's, unchanged."""
    path = make_pdf(tmp_path / "blankett.pdf", [_FORM_PAGE])
    before = read_source(path).pages
    add_form_fields(
        path,
        [
            (0, "enhalligt", "/Yes", (31, 650, 40, 660), "/Btn"),
            (0, "tom", "", (31, 580, 200, 590), "/Tx"),
        ],
    )
    assert read_source(path).pages == before


def test_many_form_fields_cost_linear_work() -> None:
    """Each widget's line is found by a binary search over the page's pieces: it was a pass
    over them per widget, so a page of 10,000 filled fields and as many pieces of text took
    about 20 seconds. Counted in lines of Python run, not timed: four times the widgets,
    about four times the work (it was sixteen)."""
    from index.columns import Piece
    from index.forms import _placed
    from tests.conftest import python_steps

    def work(n: int) -> int:
        pieces = [Piece(i, f"rad {i}", 50.0, 20.0 * (n - i), 10.0) for i in range(n)]
        text = "\n".join(p.text for p in pieces)
        values = [(20.0 * (n - i) - 5, f"värde {i}") for i in range(n)]  # each under its row
        placed: list[str] = []
        steps = python_steps(lambda: placed.append(_placed(text, values, pieces)))
        assert placed[0].split("\n") == [
            f"{kind} {i}" for i in range(n) for kind in ("rad", "värde")
        ]
        return steps

    assert work(800) < 6 * work(200)


# --- HTML ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def protocol_html() -> SourceText:
    return read_source(DATA / "protocol.html")


def test_html_reads_main_content(protocol_html: SourceText) -> None:
    text = protocol_html.pages[0]
    assert protocol_html.format == "html"
    assert protocol_html.paged is False
    assert len(protocol_html.pages) == 1
    assert "Samordningsförbundet Västra Mälardalen\nSammanträdesdatum 2024-03-14" in text
    assert "Beslut\n\nStyrelsen beslutar att godkänna uppföljningen." in text
    # Markup line breaks inside a paragraph are just spaces.
    assert "per den 29 februari. Förbrukningen följer budget" in text
    assert "Intäkter: 2 400 tkr\nKostnader: 2 150 tkr" in text


@pytest.mark.parametrize(
    "junk",
    [
        "Startsida",  # nav
        "Protokoll och handlingar",  # nav
        "Finsam i Köping",  # site header
        "Box 123",  # footer
        "sparningskod",  # script in head
        "querySelector",  # script in body
        "font-family",  # style
        "kakor",  # cookie banner
        "Ny kurs i arbetsrätt",  # aside
        "Denna text är dold",  # display: none
        "Dekorativ ikontext",  # aria-hidden
    ],
)
def test_html_drops_boilerplate(protocol_html: SourceText, junk: str) -> None:
    assert junk not in protocol_html.pages[0]


def test_html_headings_on_own_lines(protocol_html: SourceText) -> None:
    lines = protocol_html.pages[0].split("\n")
    for heading in (
        "Protokoll styrelsemöte 2024-03-14",
        "§ 1 Mötets öppnande",
        "§ 2 Val av justerare",
        "§ 3 Ekonomisk uppföljning",
    ):
        assert heading in lines
        index = lines.index(heading)
        # A blank line (or the start of the text) before, a blank line after.
        assert index == 0 or lines[index - 1] == ""
        assert lines[index + 1] == ""
    assert lines[0] == "Protokoll styrelsemöte 2024-03-14"
    assert "\n\n\n" not in protocol_html.pages[0]
    assert "  " not in protocol_html.pages[0]


def test_html_title(protocol_html: SourceText) -> None:
    assert protocol_html.title == (
        "Protokoll styrelsemöte 2024-03-14 – Samordningsförbundet Västra Mälardalen"
    )


def _page(body: str, head: str = "") -> str:
    return f"<!DOCTYPE html><html><head>{head}</head><body>{body}</body></html>"


@pytest.mark.parametrize(
    ("body", "present", "absent"),
    [
        pytest.param(
            "<header>Webbplatsen</header><div><h2>§ 5 Ekonomi</h2><p>Text.</p></div>"
            "<footer>Adress</footer>",
            ["§ 5 Ekonomi\n\nText."],
            ["Webbplatsen", "Adress"],
            id="body-fallback",
        ),
        pytest.param(
            "<p>Utanför</p><article><header><h1>Protokoll</h1></header><p>Inne</p>"
            "<footer>Dela sidan</footer></article>",
            ["Protokoll\n\nInne"],
            ["Utanför", "Dela sidan"],
            id="article-keeps-its-heading-header",
        ),
        pytest.param(
            '<div>Meny</div><div role="main"><h3>§ 7 Övrigt</h3>Inga frågor.</div>',
            ["§ 7 Övrigt\n\nInga frågor."],
            ["Meny"],
            id="role-main",
        ),
        pytest.param(
            "<main><p>Rad ett<br>Rad två</p><table><tr><td>§ 8</td><td>Avslutning</td></tr>"
            "<tr><td>§ 9</td><td>Nästa möte</td></tr></table></main>",
            ["Rad ett\nRad två", "§ 8 Avslutning\n§ 9 Nästa möte"],
            [],
            id="br-and-table-rows",
        ),
        pytest.param(
            '<main><div class="CookieConsent-wrapper">Godkänn</div><p>Kvar</p>'
            '<section id="GDPR-info">Personuppgifter</section></main>',
            ["Kvar"],
            ["Godkänn", "Personuppgifter"],
            id="banner-names-case-insensitive",
        ),
        pytest.param(
            '<form id="aspnetForm"><form role="search"><label>Sök på webbplatsen</label>'
            '<input name="q"><button>Sök</button></form><div id="content"><h1>Protokoll</h1>'
            "<p>§ 1 Öppnande</p></div></form>",
            ["Protokoll\n\n§ 1 Öppnande"],
            ["Sök"],
            id="aspnet-page-form-kept-search-form-dropped",
        ),
        pytest.param(
            "<main><pre>§ 1\n  Öppnande</pre></main>",
            ["§ 1\nÖppnande"],
            [],
            id="pre-keeps-lines",
        ),
    ],
)
def test_html_structure(tmp_path: Path, body: str, present: list[str], absent: list[str]) -> None:
    path = write(tmp_path / "sida.html", _page(body).encode("utf-8"))
    text = read_source(path).pages[0]
    for snippet in present:
        assert snippet in text
    for snippet in absent:
        assert snippet not in text


@pytest.mark.parametrize("control", ["&#x1b;[31m", "&#x1b;]0;ny titel&#x07;", "&#27;", "\x1b[2J"])
def test_html_drops_control_characters(tmp_path: Path, control: str) -> None:
    """An escape or a bell in a page (raw or as an entity) is no text a reader sees, and
    printed by `finsok search` it would drive the user's terminal."""
    html = f"<html><head><title>Titel{control}</title></head><body><p>Före {control} efter</p>"
    source = read_source(write(tmp_path / "a.html", f"{html}</body></html>".encode()))
    assert "Före" in source.pages[0] and "efter" in source.pages[0]
    assert not {"\x07", "\x1b"} & set(source.pages[0] + str(source.title))


def test_html_without_body_element_skips_head(tmp_path: Path) -> None:
    html = "<html><head><title>Sidtitel</title><style>p {}</style></head><p>Utan body</p></html>"
    source = read_source(write(tmp_path / "a.html", html.encode("utf-8")))
    assert source.pages == ["Utan body"]
    assert source.title == "Sidtitel"


def test_html_body_class_mentioning_cookie_is_kept(tmp_path: Path) -> None:
    html = '<html><body class="has-cookie-consent"><p>Protokollet</p></body></html>'
    path = write(tmp_path / "a.htm", html.encode("utf-8"))
    source = read_source(path)
    assert source.pages == ["Protokollet"]
    assert source.format == "html"
    assert source.title is None


@pytest.mark.parametrize(
    "encoded",
    [
        pytest.param(_page(f"<p>{SAMPLE}</p>").encode("utf-8"), id="utf-8"),
        pytest.param(_page(f"<p>{SAMPLE}</p>").encode("utf-8-sig"), id="utf-8-bom"),
        pytest.param(_page(f"<p>{SAMPLE}</p>").encode("utf-16"), id="utf-16-bom"),
        pytest.param(
            _page(f"<p>{SAMPLE}</p>", '<meta charset="windows-1252">').encode("cp1252"),
            id="meta-windows-1252",
        ),
        pytest.param(
            _page(
                f"<p>{SAMPLE}</p>",
                '<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1">',
            ).encode("cp1252"),
            id="meta-latin-1",
        ),
        pytest.param(_page(f"<p>{SAMPLE}</p>").encode("cp1252"), id="undeclared-cp1252"),
        pytest.param(
            _page(f"<p>{SAMPLE}</p>", '<meta charset="utf-8">').encode("cp1252"),
            id="wrongly-declared-utf-8",
        ),
        # a CMS template's old declaration over UTF-8 content
        pytest.param(
            _page(f"<p>{SAMPLE}</p>", '<meta charset="iso-8859-1">').encode("utf-8"),
            id="wrongly-declared-latin-1",
        ),
        pytest.param(
            _page(f"<p>{SAMPLE}</p>", '<meta charset="windows-1252">').encode("utf-8"),
            id="wrongly-declared-windows-1252",
        ),
    ],
)
def test_html_encodings(tmp_path: Path, encoded: bytes) -> None:
    path = write(tmp_path / "sida.html", encoded)
    assert read_source(path).pages == [SAMPLE]


# --- errors --------------------------------------------------------------------------------


def _random_junk(path: Path) -> Path:
    rng = random.Random(20240314)
    data = bytes(rng.randrange(256) for _ in range(4096)) + b"\x00\x00"
    return write(path, data)


def _control_junk(path: Path) -> Path:
    # No NUL bytes, but mostly control characters: still not text.
    rng = random.Random(7)
    return write(path, bytes(rng.choice([1, 2, 3, 4, 0x1B, 0x41]) for _ in range(500)))


def _nav_only_html(path: Path) -> Path:
    html = _page("<nav><a href='/'>Start</a></nav><script>var x = 1;</script>")
    return write(path, html.encode("utf-8"))


@pytest.mark.parametrize(
    ("name", "make", "reason"),
    [
        ("tom.txt", lambda p: write(p, b""), "filen är tom"),
        ("tom.pdf", lambda p: write(p, b""), "filen är tom"),
        ("blank.txt", lambda p: write(p, b" \r\n\t\n  "), "filen är tom"),
        ("blank16.txt", lambda p: write(p, " \n ".encode("utf-16")), "filen är tom"),
        ("skrap.txt", _random_junk, "binära data, inte text"),
        ("styr.txt", _control_junk, "binära data, inte text"),
        ("skrap.html", _random_junk, "binära data, inte text"),
        ("halv.pdf", make_truncated_pdf, "inte en PDF (avkortad eller skadad)"),
        ("skrap.pdf", _random_junk, "inte en PDF"),
        ("sida.pdf", lambda p: write(p, b"<!DOCTYPE html><html>404</html>"), "HTML-sida"),
        ("lasta.pdf", make_encrypted_pdf, "PDF:en är krypterad"),
        ("skannad.pdf", make_image_only_pdf, "PDF:en saknar textlager (inskannad bild?)"),
        ("meny.html", _nav_only_html, "HTML-sidan saknar läsbart innehåll"),
        (
            "tom.html",
            lambda p: write(p, b"<html><body>  </body></html>"),
            "saknar läsbart innehåll",
        ),
        ("saknas.txt", lambda p: p, "filen finns inte"),
        ("mapp.txt", lambda p: p.mkdir() or p, "är en mapp"),
        ("mapp", lambda p: p.mkdir() or p, "är en mapp"),
    ],
)
def test_bad_inputs_raise_source_error(tmp_path: Path, name: str, make, reason: str) -> None:
    path = make(tmp_path / name)
    error = read_error(path)
    assert reason in str(error)
    assert reason in error.reason
    assert error.path == str(path)
    assert error.status == 422


@pytest.mark.parametrize(
    ("name", "shown"),
    [("protokoll.docx", "'.docx'"), ("PROTOKOLL.DOC", "'.doc'"), ("protokoll", "ingen filändelse")],
)
def test_unknown_extension_names_suffix_and_supported(
    tmp_path: Path, name: str, shown: str
) -> None:
    path = write(tmp_path / name, b"PK\x03\x04 word")
    message = str(read_error(path))
    assert f"filtypen stöds inte: {shown}" in message
    assert ", ".join(SUPPORTED_SUFFIXES) in message


def test_suffix_is_case_insensitive(tmp_path: Path) -> None:
    path = write(tmp_path / "PROTOKOLL.TXT", SAMPLE.encode("utf-8"))
    assert read_source(path).pages == [SAMPLE]


def test_permission_denied(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # Tests may run as root, where chmod 000 does not stop reading; simulate the OS error.
    path = write(tmp_path / "last.txt", SAMPLE.encode("utf-8"))

    def deny(self: Path) -> bytes:
        raise PermissionError(13, "Permission denied", str(self))

    monkeypatch.setattr(Path, "read_bytes", deny)
    assert "kan inte läsa filen: åtkomst nekad" in str(read_error(path))


def _pdf_library_message(data: bytes) -> str:
    """What pypdf itself says about `data`: English, and never part of a reason."""
    import pypdf

    try:
        list(pypdf.PdfReader(io.BytesIO(data), strict=False).pages)
    except Exception as exc:
        return str(exc)
    return ""


@pytest.mark.parametrize(
    ("make", "reason"),
    [
        (make_truncated_pdf, "inte en PDF (avkortad eller skadad) — hämta filen på nytt"),
        (
            lambda p: write(p, b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >>\n"),
            "inte en PDF (avkortad eller skadad) — hämta filen på nytt",
        ),
    ],
)
def test_a_broken_pdf_is_explained_in_swedish_without_the_librarys_words(
    tmp_path: Path, make, reason: str
) -> None:
    """pypdf's "Stream has ended unexpectedly" once ended the reason; it says nothing a user
    can act on, in English."""
    path = make(tmp_path / "trasig.pdf")
    english = _pdf_library_message(path.read_bytes())
    error = read_error(path)
    assert error.reason == reason
    assert english == "" or english not in str(error)


def test_a_parser_crash_names_the_format_not_the_exception(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index import sources

    def explode(data: bytes):
        raise KeyError("/Root object missing in trailer")

    monkeypatch.setattr(sources, "_read_txt", explode)
    error = read_error(write(tmp_path / "a.txt", b"text"))
    assert error.reason == "kunde inte läsas som text (skadad fil?) — spara filen på nytt som UTF-8"


# (errno, the reason a message shows): the OS's own text is English ("No space left on device").
OS_REASONS = [
    (errno.ENOENT, "finns inte"),
    (errno.EACCES, "åtkomst nekad"),
    (errno.ENOSPC, "disken är full"),
    (errno.EIO, "läsfel på disken"),
    (errno.ENAMETOOLONG, "namnet är för långt"),
    (errno.ECONNREFUSED, "anslutningen nekades"),
    (errno.EXDEV, "systemfel EXDEV"),  # not listed: its symbolic name, to look up
    (None, "systemfel (OSError)"),
]


@pytest.mark.parametrize(("number", "reason"), OS_REASONS, ids=[r for _, r in OS_REASONS])
def test_os_errors_are_explained_in_swedish(number: int | None, reason: str) -> None:
    exc = OSError(number, os.strerror(number)) if number is not None else OSError("x")
    assert os_reason(exc) == reason


def test_an_os_error_reading_a_file_is_explained_in_swedish(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "a.txt", SAMPLE.encode("utf-8"))

    def fail(self: Path) -> bytes:
        raise OSError(errno.EIO, "Input/output error", str(self))

    monkeypatch.setattr(Path, "read_bytes", fail)
    assert read_error(path).reason == "kan inte läsa filen: läsfel på disken"


def test_unexpected_parser_failure_becomes_source_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pypdf

    path = make_pdf(tmp_path / "a.pdf", [["§ 1 Öppnande"]])

    def explode(self, *args, **kwargs) -> str:
        raise RuntimeError("internal parser state\nTraceback line")

    monkeypatch.setattr(pypdf.PageObject, "extract_text", explode)
    message = str(read_error(path))
    assert "PDF:en är skadad" in message
    assert "\n" not in message


@pytest.mark.parametrize(
    ("markup", "expected"),
    [
        # bs4 warns that this "looks more like a URL than HTML": a saved link, not a crash.
        (b"https://www.example.se/protokoll-2024-03-14.pdf", "https://www.example."),
        # Old municipal sites serve XHTML with an XML declaration; its encoding is honoured
        # (latin-9 byte 0xA4 is the euro sign, which a cp1252 guess would read as "¤").
        (
            b'<?xml version="1.0" encoding="iso-8859-15"?>\n'
            + '<html xmlns="http://www.w3.org/1999/xhtml"><body><p>§ 4 Årsbudget 50 000 €</p>'
            "</body></html>".encode("iso-8859-15"),
            "§ 4 Årsbudget 50 000 €",
        ),
    ],
)
def test_html_parser_warnings_do_not_escape(tmp_path: Path, markup: bytes, expected: str) -> None:
    path = write(tmp_path / "sida.html", markup)
    assert read_source(path).pages[0].startswith(expected)


@pytest.mark.parametrize(
    ("value", "printed"),
    [
        ("Ordföranden avslutar mötet.", True),  # a flattened form prints its value
        ("Ja", False),  # in "Jakob" only
        ("2", False),  # in "2024" only
        ("2024-03-12", True),  # followed by a comma
        ("Anna", True),
    ],
)
def test_a_field_value_counts_as_printed_only_as_whole_words(value: str, printed: bool) -> None:
    """Found in review: a value was left out when the page held it anywhere, so a short one
    ("Ja", "2") was nearly always lost."""
    page = "Justerare: Jakob och Anna, 2024-03-12, Ordföranden avslutar mötet."
    assert forms._prints(page, value) is printed


# A protocol numbered on past 999, in both ways of writing the number: no § of the page has
# fewer than four digits.
FOUR_DIGIT_COLUMNS = [
    ("§ 1000", "Val av justerare", "Styrelsen väljer Anna Berg att justera dagens protokoll."),
    ("§ 1001", "Budget 2025", "Styrelsen beslutar att fastställa budgeten enligt förslaget."),
    ("1002 §", "Verksamhetsplan", "Styrelsen beslutar att godkänna verksamhetsplanen."),
    ("1003 §", "Övriga frågor", "Inga övriga frågor anmäldes."),
]


@pytest.mark.parametrize("order", ["rows", "glued", "left_first", "right_first"])
def test_pdf_two_columns_read_band_by_band_past_999(tmp_path: Path, order: str) -> None:
    """The two-column reader knew a left-column heading by up to three digits: a page whose
    § all had four kept pypdf's order, the bodies under the wrong § or glued onto the
    titles."""
    path = make_two_column_pdf(tmp_path / "kolumner.pdf", FOUR_DIGIT_COLUMNS, order=order)
    doc = parse_file(path)
    assert [(s.number, s.title, s.text) for s in doc.sections] == [
        (1000 + k, title, body) for k, (_n, title, body) in enumerate(FOUR_DIGIT_COLUMNS)
    ]
