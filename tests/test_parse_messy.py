"""Whole files shaped like the messy protocols a QA pass found: metadata that only the page
furniture or an HTML page's title carries, and so on. Each case builds a real PDF with fpdf2
(tests/pdfgen.py) or writes a real HTML page."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.parse import parse_file, parse_text
from tests.pdfgen import make_header_table_pdf, make_municipal_pdf, make_pdf

_BODY = [
    ["Protokoll styrelsemöte", "", "§ 1 Mötets öppnande", "Ordföranden öppnar mötet."],
    ["§ 2 Budget", "Styrelsen beslutar att anta budgeten."],
    ["§ 3 Avslutning", "Ordföranden avslutar mötet."],
]
_DATED = [["Sammanträdesdatum 2024-03-15", *_BODY[0]], *_BODY[1:]]
_NAMED = [["Samordningsförbundet Halland", *_DATED[0]], *_DATED[1:]]


@pytest.mark.parametrize(
    ("pages", "header", "expected"),
    [
        # The running letterhead is the only place that names the förbund.
        (
            _DATED,
            "Samordningsförbundet Västra Norrbotten",
            ("vastra-norrbotten", "2024-03-15"),
        ),
        (_DATED, "Samordningsförbundet Södra Norrbotten", ("sodra-norrbotten", "2024-03-15")),
        # … and the date as well.
        (
            _BODY,
            "Samordningsförbundet Södra Norrbotten 2024-05-16",
            ("sodra-norrbotten", "2024-05-16"),
        ),
        # A body that names its förbund and date wins over the letterhead.
        (_NAMED, "Samordningsförbundet Södra Norrbotten 2024-05-16", ("halland", "2024-03-15")),
        (_BODY, None, (None, None)),
    ],
)
def test_forbund_and_date_from_the_running_letterhead(
    tmp_path: Path, pages: list[list[str]], header: str | None, expected: tuple
) -> None:
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, header=header))
    assert (doc.forbund_slug, doc.date) == expected
    assert len(doc.sections) == 3


def test_a_title_printed_only_in_the_running_letterhead_is_the_title(tmp_path: Path) -> None:
    body = [page[1:] if page[0] == "Protokoll styrelsemöte" else page for page in _BODY]
    header = "Protokoll styrelsemöte 2024-05-16"
    doc = parse_file(make_pdf(tmp_path / "p.pdf", body, header=header))
    assert (doc.title, doc.kind, doc.date) == ("Protokoll styrelsemöte", "protokoll", "2024-05-16")
    assert "styrelsemöte" not in "\n".join(s.text for s in doc.sections) + doc.header


def test_a_letterhead_title_keeps_no_identity_number(tmp_path: Path) -> None:
    body = [page[1:] if page[0] == "Protokoll styrelsemöte" else page for page in _BODY]
    doc = parse_file(make_pdf(tmp_path / "p.pdf", body, header="Protokoll 19121212-1212"))
    assert doc.title == "Protokoll XXXXXX-XXXX"


@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Protokoll styrelsen 2024-03-12 - Samordningsförbundet Halland", "halland"),
        ("Protokoll styrelsen 2024-03-12", None),
    ],
)
def test_forbund_from_an_html_pages_title(tmp_path: Path, title: str, slug: str | None) -> None:
    """A CMS page names its site only in <title> (and the navigation, which is dropped)."""
    body = "".join(f"<p>{line}</p>" for page in _BODY for line in page if line)
    page = f"<html><head><title>{title}</title></head><body><main>{body}</main></body></html>"
    (tmp_path / "p.html").write_text(page, "utf-8")
    doc = parse_file(tmp_path / "p.html")
    assert doc.forbund_slug == slug
    assert len(doc.sections) == 3


@pytest.mark.parametrize(
    ("empty", "warning"),
    [
        ([2], "sida 2 har ingen text (en inskannad bild? kör OCR för att få med den)"),
        ([2, 3], "sidorna 2 och 3 har ingen text (inskannade bilder? kör OCR för att få med dem)"),
        ([], None),
    ],
)
def test_a_pdf_page_without_text_is_named_in_a_warning(
    tmp_path: Path, empty: list[int], warning: str | None
) -> None:
    """A page scanned as an image among text pages: its paragraphs are missing, so say so."""
    pages = [["§ 1 Öppnande", "Mötet öppnas."], [], [], ["§ 4 Avslut", "Mötet avslutas."]]
    pages = [page or ([] if n + 1 in empty else ["Text."]) for n, page in enumerate(pages)]
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, footer=None))
    found = [w for w in doc.warnings if "ingen text" in w]
    assert found == ([warning] if warning else [])


def test_a_table_of_contents_is_not_taken_for_the_chapters() -> None:
    """Its entries ("1. Inledning ........ 2") read as the headings they list: they go, and
    the chapters keep their own text and pages."""
    contents = "Verksamhetsberättelse 2023\nInnehåll\n1. Inledning ........ 2\n2. Ekonomi ....... 3"
    chapters = ["1. Inledning\nFörbundet arbetade med unga.", "2. Ekonomi\nBudgeten höll."]
    doc = parse_text("\f".join([contents, *chapters]))
    assert [(s.title, s.page, s.text) for s in doc.sections] == [
        ("Inledning", 2, "Förbundet arbetade med unga."),
        ("Ekonomi", 3, "Budgeten höll."),
    ]


def test_a_reports_chapters_stand_beside_its_goals() -> None:
    """Chapters numbered "1." …, one holding "Mål 1 – …" headings: both are sections, and no
    chapter's text is left in the document's head."""
    text = "\n".join(
        [
            "Verksamhetsberättelse 2023",
            "1. Inledning",
            "Förbundet arbetade med unga.",
            "2. Uppföljning av mål",
            "Målen följs upp nedan.",
            "Mål 1 – Fler i arbete",
            "Fler gick till arbete.",
            "Mål 2 – Stärkt samverkan",
            "Samverkan ökade.",
        ]
    )
    doc = parse_text(text)
    assert [(s.label, s.title) for s in doc.sections] == [
        ("1.", "Inledning"),
        ("2.", "Uppföljning av mål"),
        ("Mål 1", "Fler i arbete"),
        ("Mål 2", "Stärkt samverkan"),
    ]
    assert "arbetade" not in doc.header


_MEETING = "§ 1 Öppnande\nMötet öppnas.\n§ 2 Budget\nStyrelsen beslutar att anta budgeten."


@pytest.mark.parametrize(
    ("before", "sections"),
    [
        # an agenda with a line under each item, and one of two items: it stays in the head
        ("Dagordning\n§ 1 Öppnande\nFöredragande: ordf.\n§ 2 Budget\nFöredragande: ekonom", 2),
        ("Dagordning\n§ 1 Öppnande\n§ 2 Budget\nNärvarande: Anna, Per", 2),
        # other titles under the same numbers: no agenda (an attachment's own §, say)
        ("§ 1 Ändamål\nFörbundet ska samordna.\n§ 2 Sammanträden\nStyrelsen möts fyra gånger.", 4),
    ],
)
def test_an_agenda_is_not_taken_for_the_meetings_paragraphs(before: str, sections: int) -> None:
    doc = parse_text(f"Protokoll styrelsen 2024-03-12\n{before}\n{_MEETING}")
    assert len(doc.sections) == sections
    assert [s.text for s in doc.sections[-2:]] == [
        "Mötet öppnas.",
        "Styrelsen beslutar att anta budgeten.",
    ]


@pytest.mark.parametrize(
    ("after", "labels"),
    [
        # an attachment numbering its own § from 1: one section, not more of the meeting's
        (
            "Bilaga 1 till protokoll § 2\nArbetsordning\n§ 1 Ändamål\nStyrelsen beslutar om"
            " arbetet.\n§ 2 Sammanträden\nStyrelsen möts fyra gånger.",
            ["§ 1", "§ 2", "Bilaga 1"],
        ),
        # a "Bilaga 1" line that the § go on counting after is text
        ("Bilaga 1 bifogas.\n§ 3 Avslut\nMötet avslutas.", ["§ 1", "§ 2", "§ 3"]),
    ],
)
def test_an_attachment_with_its_own_paragraphs_is_one_section(
    after: str, labels: list[str]
) -> None:
    doc = parse_text(f"Protokoll styrelsen 2024-03-12\n{_MEETING}\n{after}")
    assert [s.label for s in doc.sections] == labels
    assert doc.sections[1].text.startswith("Styrelsen beslutar att anta budgeten.")
    if labels[-1] == "Bilaga 1":
        attachment = doc.sections[-1]
        assert attachment.title == "till protokoll § 2"
        assert "§ 1 Ändamål" in attachment.text and attachment.decisions == []


@pytest.mark.parametrize(
    ("table", "date", "warnings"),
    [
        # the meeting's column is not the first: its date is not the first one either
        (
            [
                ["Justeringsdatum", "Plats", "Sammanträdesdatum"],
                ["2024-03-19", "Lund", "2024-03-12"],
            ],
            "2024-03-12",
            [],
        ),
        (
            [
                ["Anslagsdatum", "Justeringsdatum", "Datum"],
                ["2024-03-20", "2024-03-19", "2024-03-12"],
            ],
            "2024-03-12",
            [],
        ),
        # no column for the meeting: the justering's date, and the operator is told
        (
            [["Justeringsdatum", "Anslagsdatum"], ["2024-03-19", "2024-03-20"]],
            "2024-03-19",
            ["sammanträdesdatum saknas — datumet är justeringsdatumet 2024-03-19"],
        ),
    ],
)
def test_a_header_table_of_dates_in_a_pdf(
    tmp_path: Path, table: list[list[str]], date: str, warnings: list[str]
) -> None:
    body = ["§ 1 Öppnande", "Mötet öppnas.", "§ 2 Budget", "Styrelsen beslutar att anta budgeten."]
    path = make_header_table_pdf(
        tmp_path / "p.pdf", [["Samordningsförbundet Halland"], ["Protokoll"], *table], body
    )
    doc = parse_file(path)
    assert (doc.date, doc.warnings) == (date, warnings)
    assert len(doc.sections) == 2


@pytest.mark.parametrize("mark", ["\x81", "Ž", "Š", "Œ"])
def test_an_endless_word_with_a_broken_font_mark_parses(mark: str) -> None:
    """Found in review: the font repair asked the compound splitter about a 5,000-letter word
    of a broken export, and the splitter's recursion exhausted the stack (the file failed)."""
    doc = parse_text(f"§ 1 Ärende\n{'A' * 5000}{mark}\n§ 2 Övrigt\nInget.")
    assert [s.label for s in doc.sections] == ["§ 1", "§ 2"]


# --- a municipal template: the head as a table, the posting certificate's box (qa-pdf17) ---

_TABLE_HEAD = [
    ("Plats och tid", ["Kommunhuset, Halmstad, 2024-03-12 kl. 09.00-11.30"]),
    ("Beslutande", ["Per Persson (S), ordförande", "Lisa Larsson (M)"]),
    ("Övriga närvarande", ["Eva Ek, förbundschef"]),
    ("Utses att justera", ["Lisa Larsson"]),
    ("Justeringens plats och tid", ["Förbundskansliet 2024-03-19"]),
    ("Underskrifter", ["Sekreterare ....................... Paragrafer 1-3"]),
    ("", ["Ordförande ......................."]),
    ("", ["Justerande ......................."]),
]
_MUNICIPAL = [
    ["§ 1 Mötets öppnande", "Ordföranden öppnar mötet.", "", "§ 2 Budget 2025", "Beslut"],
    ["Styrelsen beslutar att anta budgeten.", "", "§ 3 Avslutning", "Beslut"],
]
_DECIDE = "Styrelsen beslutar att avsluta mötet."


@pytest.mark.parametrize(
    ("pages", "box_on", "in_head"),
    [
        # at the foot of page 1, under § 2's heading
        ([_MUNICIPAL[0], [*_MUNICIPAL[1], _DECIDE]], 1, False),
        # at the foot of the last page, under the last decision
        ([_MUNICIPAL[0], [*_MUNICIPAL[1], _DECIDE]], 2, False),
        # on a first page that holds only the head: it stays there (its "Organ" may be the
        # one line that names the förbund)
        ([[], _MUNICIPAL[0], [*_MUNICIPAL[1], _DECIDE]], 1, True),
        ([_MUNICIPAL[0], [*_MUNICIPAL[1], _DECIDE]], None, False),
    ],
)
def test_the_posting_certificates_box_is_no_sections_text(
    tmp_path: Path, pages: list[list[str]], box_on: int | None, in_head: bool
) -> None:
    """The "ANSLAG/BEVIS" box was read as the end of the § above it, and of its decision."""
    path = make_municipal_pdf(tmp_path / "p.pdf", _TABLE_HEAD, pages, box_on=box_on)
    doc = parse_file(path)
    assert (doc.forbund_slug, doc.kind, doc.date) == ("halland", "protokoll", "2024-03-12")
    assert [(s.label, s.title) for s in doc.sections] == [
        ("§ 1", "Mötets öppnande"),
        ("§ 2", "Budget 2025"),
        ("§ 3", "Avslutning"),
    ]
    assert [s.text.split("\n")[-1] for s in doc.sections] == [
        "Ordföranden öppnar mötet.",
        "Styrelsen beslutar att anta budgeten.",
        _DECIDE,
    ]
    assert [[d.text for d in s.decisions] for s in doc.sections] == [
        [],
        ["Styrelsen beslutar att anta budgeten."],
        [_DECIDE],
    ]
    assert ("ANSLAG/BEVIS\nProtokollet är justerat." in doc.header) is in_head
    assert doc.warnings == []


@pytest.mark.parametrize(
    "line",
    [
        "Anslagsbevis skickas till medlemmarna.",
        "Anslag/bevis om justeringen sätts upp på kansliet.",
        "ANSLAG/BEVIS 2024-03-20",
    ],
)
def test_a_line_about_the_posting_stays(line: str) -> None:
    text = f"Protokoll 2024-03-12\n§ 1 Justering\n{line}\nStyrelsen beslutar att justera."
    doc = parse_text(text)
    assert doc.sections[0].text == f"{line}\nStyrelsen beslutar att justera."


_TXT_HEAD = "Protokoll styrelsemöte 2024-03-12\n§ 1 Mötets öppnande\nOrdföranden öppnar mötet.\n"
_TXT_BOX = (
    "ANSLAG/BEVIS\nProtokollet är justerat. Justeringen har tillkännagivits genom anslag.\n"
    "Organ\nStyrelsen\nSammanträdesdatum\n2024-03-12\nDatum då anslaget sätts upp\n"
    "2024-03-20\nDatum då anslaget tas ned\n2024-04-11\nFörvaringsplats för protokollet\n"
    "Förbundskansliet\n"
)


def test_a_posting_box_in_a_text_file_is_dropped(tmp_path: Path) -> None:
    """A .txt has no page end to stop the box at: it ends after its last row's value, and
    the text after it stays."""
    path = tmp_path / "p.txt"
    path.write_text(
        f"{_TXT_HEAD}§ 2 Avslutning\n{_DECIDE}\n\n{_TXT_BOX}\nProtokollet har två bilagor.\n"
    )
    doc = parse_file(path)
    assert doc.sections[1].text == f"{_DECIDE}\n\nProtokollet har två bilagor."
    assert [d.text for d in doc.sections[1].decisions] == [_DECIDE]


def test_a_stray_posting_title_in_a_text_file_keeps_the_text_under_it(tmp_path: Path) -> None:
    """A line "Anslagsbevis" in a § dropped the 16 lines under it, decisions and all, though
    none of the box's rows (Protokollet är justerat, Förvaringsplats …) stood there."""
    body = (
        "Anslagsbevis\nFörbundschefen informerar om hur protokollet anslås.\n"
        "Styrelsen beslutar att protokollet justeras digitalt."
    )
    path = tmp_path / "p.txt"
    path.write_text(f"{_TXT_HEAD}§ 2 Justering\n{body}\n")
    doc = parse_file(path)
    assert doc.sections[1].text == body
    assert [d.text for d in doc.sections[1].decisions] == [
        "Styrelsen beslutar att protokollet justeras digitalt."
    ]
