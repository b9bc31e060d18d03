"""Still more messy protocols, in styles the first two rounds did not cover: items numbered
"Ärende 5" or "Punkt 5." instead of §, decisions in a two-column table (as a PDF and as a text
export), "Beslut:" under the "att"-list, "Styrelsens beslut" in capitals, a proposal changed
by the decision, the note that a decision was checked at once, where it is sent and what it was
made on, registration numbers ("Dnr") wherever a heading prints them, members' motions put to
the vote, earlier meetings' decisions told in a background paragraph, and one protocol both as
a PDF and as text. Each case builds a real PDF with fpdf2 (tests/pdfgen.py), or writes the text
or HTML such a protocol is published as, and says what a correct parse holds: the sections with
their labels, titles and decisions, the date, the förbund and the kind; no identity number
anywhere, and no page furniture or signing log in a section's text."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.model import Document
from index.parse import parse_file, parse_text
from tests.parsecheck import assert_private as _assert_private
from tests.parsecheck import outline as _outline
from tests.parsecheck import texts as _texts
from tests.pdfgen import make_letterhead_pdf, make_pdf, make_placed_pdf


def _meta(doc: Document) -> tuple[str | None, str | None, str]:
    return doc.forbund_slug, doc.date, doc.kind


# --- 1. items numbered "Ärende 1" …, a letterhead, "BESLUT" in capitals, a signing page ---

_ARENDE = [
    [
        "Sammanträdesdatum: 2024-05-14",
        "Plats: Kommunhuset, Borås",
        "Närvarande: Karin Ek (ordf.), Olle Berg, Sara Lind",
        "",
        "Ärende 1 Mötets öppnande",
        "Ordföranden öppnade mötet och hälsade alla välkomna.",
        "",
        "Ärende 2 Val av justerare",
        "BESLUT",
        "att utse Olle Berg att jämte ordföranden justera protokollet.",
        "",
        "Ärende 3 Rapport från förbundschefen",
        "Förbundschefen rapporterade att en deltagares personnummer 19850412-1230",
        "felaktigt skickats med e-post. Rutinen har setts över.",
    ],
    [
        "Ärende 4 Budget 2025",
        "Förbundschefen presenterade förslaget till budget. Ärende 2 i förslaget gäller",
        "medlemsavgifterna.",
        "BESLUT:",
        "att anta budgeten för 2025,",
        "att medlemsavgifterna för 2025 är oförändrade.",
        "Beslutet justerades omedelbart.",
        "",
        "Ärende 5 Mötets avslutande",
        "Ordföranden tackade och avslutade mötet.",
        "",
        "Justeras",
        "Karin Ek           Olle Berg",
    ],
    [
        "Verifikat",
        "Transaktion 09222115557512345678",
        "Signerande parter",
        "Karin Ek (KE)",
        "Personnummer 197001011233",
        "Signerade 2024-05-15 09:14:22 CET (+0100)",
        "Olle Berg (OB)",
        "Personnummer 196505054327",
        "Signerade 2024-05-15 11:02:51 CET (+0100)",
        "Detta verifikat är utfärdat av Scrive.",
    ],
]


def test_items_numbered_arende_under_a_letterhead(tmp_path: Path) -> None:
    """ "Ärende 1 …" was no heading: the protocol was one section without structure, and its
    decisions under "BESLUT" were lost."""
    head = ["Samordningsförbundet Sjuhärad", "PROTOKOLL"]
    path = make_letterhead_pdf(
        tmp_path / "p.pdf", _ARENDE, head=head, foot=["Sida {page} av {pages}"]
    )
    doc = parse_file(path)
    assert _meta(doc) == ("sjuharad", "2024-05-14", "protokoll")
    assert _outline(doc) == [
        ("Ärende 1", "Mötets öppnande", []),
        (
            "Ärende 2",
            "Val av justerare",
            ["att utse Olle Berg att jämte ordföranden justera protokollet."],
        ),
        ("Ärende 3", "Rapport från förbundschefen", []),
        (
            "Ärende 4",
            "Budget 2025",
            ["att anta budgeten för 2025,\natt medlemsavgifterna för 2025 är oförändrade."],
        ),
        ("Ärende 5", "Mötets avslutande", []),
    ]
    assert [s.number for s in doc.sections] == [1, 2, 3, 4, 5]
    assert "XXXXXX-XXXX" in doc.sections[2].text
    assert "Ärende 2 i förslaget" in doc.sections[3].text
    texts = _texts(doc)
    assert "Sida" not in texts and "Sjuhärad" not in texts
    assert "Verifikat" not in texts and "Scrive" not in texts
    assert "ingen struktur" not in " ".join(doc.warnings)
    _assert_private(doc)


# --- 2. "Punkt 7." numbered on through the year, impersonal decisions mid-paragraph ---------

_PUNKT = """Samordningsförbundet Finnveden
Protokoll fört vid styrelsemöte den 14 maj 2024

Punkt 7. Val av justerare
Till justerare utsågs Per Holm.

Punkt 8. Handlingsplan för unga
Bakgrund
Styrelsen beslutade vid sitt sammanträde den 12 mars att uppdra åt kansliet att ta fram en
handlingsplan. Beslutades vid förra mötet att planen skulle remitteras till parterna.
Förbundschefen redogjorde för remissvaren. Det beslutades att anta handlingsplanen för unga
med de ändringar som framkommit.

Punkt 9. Ekonomisk uppföljning
Ekonomen redovisade utfallet per april. Efter diskussion beslutades att lägga rapporten
till handlingarna.

Punkt 10. Nästa möte
Styrelsen beslutade att nästa möte hålls den 11 juni 2024.
"""


def test_items_numbered_punkt_with_decisions_mid_paragraph() -> None:
    """ "Punkt 7." was no heading; "Det beslutades att …" after other sentences was no
    decision, and the decisions of earlier meetings told under "Bakgrund" were."""
    doc = parse_text(_PUNKT)
    assert _meta(doc) == ("finnveden", "2024-05-14", "protokoll")
    assert _outline(doc) == [
        ("Punkt 7", "Val av justerare", ["Till justerare utsågs Per Holm."]),
        (
            "Punkt 8",
            "Handlingsplan för unga",
            ["Det beslutades att anta handlingsplanen för unga\nmed de ändringar som framkommit."],
        ),
        (
            "Punkt 9",
            "Ekonomisk uppföljning",
            ["Efter diskussion beslutades att lägga rapporten till handlingarna."],
        ),
        ("Punkt 10", "Nästa möte", ["Styrelsen beslutade att nästa möte hålls den 11 juni 2024."]),
    ]
    assert doc.warnings == []


# --- 3. decisions in a two-column table, "Ärende" beside "Beslut", in a PDF ----------------

_TABLE_ROWS: list[list[tuple[float, str]] | None] = [
    [(20, "Samordningsförbundet Värmland")],
    [(20, "Beslutsprotokoll styrelsen 2024-09-19")],
    None,
    [(20, "Ärende"), (95, "Beslut")],
    [(20, "§ 31 Val av justerare"), (95, "Lena Berg utses att justera protokollet.")],
    [(20, "§ 32 Delårsrapport"), (95, "Styrelsen beslutar att godkänna delårsrapporten")],
    [(95, "per augusti 2024.")],
    [(20, "§ 33 Verksamhetsplan 2025"), (95, "Ärendet återremitteras till kansliet.")],
    [(20, "§ 34 Sammanträdesplan"), (95, "Styrelsen beslutar att fastställa planen.")],
    [(20, "§ 35 Information"), (95, "Informationen läggs till handlingarna.")],
]


def test_a_decision_table_in_a_pdf(tmp_path: Path) -> None:
    doc = parse_file(make_placed_pdf(tmp_path / "p.pdf", _TABLE_ROWS))
    assert _meta(doc) == ("varmland", "2024-09-19", "protokoll")
    assert _outline(doc) == [
        ("§ 31", "Val av justerare", ["Lena Berg utses att justera protokollet."]),
        (
            "§ 32",
            "Delårsrapport",
            ["Styrelsen beslutar att godkänna delårsrapporten\nper augusti 2024."],
        ),
        ("§ 33", "Verksamhetsplan 2025", ["Ärendet återremitteras till kansliet."]),
        ("§ 34", "Sammanträdesplan", ["Styrelsen beslutar att fastställa planen."]),
        ("§ 35", "Information", ["Informationen läggs till handlingarna."]),
    ]


# --- 4. the same table exported as Markdown text ----------------------------------------

_MARKDOWN = """Samordningsförbundet Värmland
Beslutsprotokoll styrelsen 2024-09-19

| Ärende | Beslut |
|---|---|
| § 31 Val av justerare | Lena Berg utses att justera protokollet. |
| § 32 Delårsrapport | Styrelsen beslutar att godkänna delårsrapporten per augusti 2024. |
| § 33 Verksamhetsplan 2025 | Ärendet återremitteras till kansliet. |
| § 34 Sammanträdesplan | Styrelsen beslutar att fastställa planen. |
| § 35 Information | Informationen läggs till handlingarna. |
"""


def test_a_decision_table_exported_as_markdown(tmp_path: Path) -> None:
    """Each row's decision was the end of its § title, and the five rows, one after the
    other, were taken for the headings of a two-column layout."""
    path = tmp_path / "beslutsprotokoll.txt"
    path.write_text(_MARKDOWN, "utf-8")
    doc = parse_file(path)
    assert _meta(doc) == ("varmland", "2024-09-19", "protokoll")
    assert _outline(doc) == [
        ("§ 31", "Val av justerare", ["Lena Berg utses att justera protokollet."]),
        (
            "§ 32",
            "Delårsrapport",
            ["Styrelsen beslutar att godkänna delårsrapporten per augusti 2024."],
        ),
        ("§ 33", "Verksamhetsplan 2025", ["Ärendet återremitteras till kansliet."]),
        ("§ 34", "Sammanträdesplan", ["Styrelsen beslutar att fastställa planen."]),
        ("§ 35", "Information", ["Informationen läggs till handlingarna."]),
    ]
    assert "---" not in doc.header + _texts(doc)


# --- 5. "Beslut:" on the line after the "att"-list ---------------------------------------

_AFTER_LIST = """Samordningsförbundet Östra Skaraborg
Protokoll styrelsemöte
Datum: 2024-10-03

§ 41 Insatskatalog 2025
Kansliet har sammanställt ansökningarna om insatser för 2025.
Förslag till beslut
att bevilja insatsen Steg framåt 850 tkr för 2025,
att bevilja insatsen Nya vägar 600 tkr för 2025.
Beslut: Enligt förslaget.

§ 42 Internkontroll
Styrelsen beslutar
att anta internkontrollplanen för 2025,
att uppdra åt förbundschefen att rapportera i december.
Beslut

§ 43 Övrigt
Inga övriga frågor.
"""


def test_a_decision_label_under_the_att_list() -> None:
    doc = parse_text(_AFTER_LIST)
    assert _meta(doc) == ("ostra-skaraborg", "2024-10-03", "protokoll")
    assert _outline(doc) == [
        ("§ 41", "Insatskatalog 2025", ["Enligt förslaget."]),
        (
            "§ 42",
            "Internkontroll",
            [
                "Styrelsen beslutar att anta internkontrollplanen för 2025,\n"
                "att uppdra åt förbundschefen att rapportera i december."
            ],
        ),
        ("§ 43", "Övrigt", []),
    ]


# --- 6. "STYRELSENS BESLUT" and a proposal the decision changes -------------------------

_CHANGED = """SAMORDNINGSFÖRBUNDET HÖGLANDET
PROTOKOLL
Sammanträdesdatum 2024-11-07

§ 52 Budget 2025
ÄRENDEBESKRIVNING
Kansliet har tagit fram ett förslag till budget för 2025.
FÖRSLAG TILL BESLUT
Styrelsen beslutar att anta budgeten för 2025.
STYRELSENS BESLUT
Styrelsen beslutar enligt förslaget med ändringen att posten för kompetensutveckling höjs
till 200 tkr.

§ 53 Arvoden
Styrelsens beslut
Styrelsen beslutar att arvodena för 2025 är oförändrade.
"""


def test_a_decision_that_changes_the_proposal_under_a_label_in_capitals() -> None:
    """ "STYRELSENS BESLUT" opened no decision: the board's decision, "enligt förslaget med
    ändringen att …", was lost."""
    doc = parse_text(_CHANGED)
    assert _meta(doc) == ("hoglandet", "2024-11-07", "protokoll")
    assert _outline(doc) == [
        (
            "§ 52",
            "Budget 2025",
            [
                "Styrelsen beslutar enligt förslaget med ändringen att posten för "
                "kompetensutveckling höjs\ntill 200 tkr."
            ],
        ),
        ("§ 53", "Arvoden", ["Styrelsen beslutar att arvodena för 2025 är oförändrade."]),
    ]


# --- 7. an HTML protocol: what a decision was made on, where it goes, checked at once -----

_HTML = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Protokoll 2024-06-13 | Samordningsförbundet Umeå</title></head><body>
<nav><a href="/">Start</a> <a href="/protokoll">Protokoll</a></nav><main>
<h1>Protokoll styrelsemöte 13 juni 2024</h1>
<p>Datum: 2024-06-13</p>
<h2>§ 21 Ansökan om medel för Jobbspåret</h2>
<p>Jobbspåret har ansökt om 900 tkr för 2024–2025.</p>
<h3>Beslutsunderlag</h3>
<p>Ansökan daterad 2024-05-20<br>Tjänsteskrivelse 2024-06-01</p>
<h3>Beslut</h3>
<p>att bevilja Jobbspåret 900 tkr för 2024–2025</p>
<p>Omedelbar justering</p>
<h3>Beslutet skickas till</h3>
<p>Umeå kommun<br>Arbetsförmedlingen</p>
<h2>§ 22 Revisionsrapport</h2>
<h3>Beslut</h3>
<p>att lägga revisionsrapporten till handlingarna</p>
<p>Expedieras till: Revisorerna</p>
</main><footer>Samordningsförbundet Umeå | info@example.se</footer></body></html>"""


def test_what_became_of_a_decision_in_an_html_protocol(tmp_path: Path) -> None:
    """The documents a decision was made on were its end when they came after it, and so
    were "Omedelbar justering" and the list of where it is sent."""
    path = tmp_path / "protokoll.html"
    path.write_text(_HTML, "utf-8")
    doc = parse_file(path)
    assert _meta(doc) == ("umea", "2024-06-13", "protokoll")
    assert _outline(doc) == [
        (
            "§ 21",
            "Ansökan om medel för Jobbspåret",
            ["att bevilja Jobbspåret 900 tkr för 2024–2025"],
        ),
        ("§ 22", "Revisionsrapport", ["att lägga revisionsrapporten till handlingarna"]),
    ]
    assert "Arbetsförmedlingen" in doc.sections[0].text
    assert "Start" not in _texts(doc) and "info@" not in _texts(doc)


# --- 8. registration numbers before, after, under and above the heading -------------------

_DNR = [
    [
        "Samordningsförbundet Södra Vätterbygden",
        "Protokoll styrelsen",
        "Datum: 2024-02-22",
        "",
        "§ 1 Dnr 2024/3 Val av justerare",
        "Beslut",
        "att utse Anna Holm att justera protokollet",
        "",
        "Dnr 2024/4",
        "§ 2 Årsredovisning 2023",
        "Beslut",
        "att godkänna årsredovisningen för 2023",
    ],
    [
        "§ 3",
        "Dnr 2024/5",
        "Verksamhetsberättelse 2023",
        "Styrelsen beslutar att anta verksamhetsberättelsen.",
        "",
        "§ 4 Revisorernas granskning (Dnr 2024/6)",
        "Styrelsen beslutar att lägga granskningen till handlingarna.",
    ],
]


def test_registration_numbers_wherever_the_heading_prints_them(tmp_path: Path) -> None:
    """ "§ 1 Dnr 2024/3 Val av justerare" lost its title, a "Dnr" under a bare § was taken
    for the title, one after the title was part of it, and one above its § ended the
    decision of the § before."""
    doc = parse_file(make_pdf(tmp_path / "p.pdf", _DNR, footer="Sida {page} ({pages})"))
    assert _meta(doc) == ("sodra-vatterbygden", "2024-02-22", "protokoll")
    assert _outline(doc) == [
        ("§ 1", "Val av justerare", ["att utse Anna Holm att justera protokollet"]),
        ("§ 2", "Årsredovisning 2023", ["att godkänna årsredovisningen för 2023"]),
        (
            "§ 3",
            "Verksamhetsberättelse 2023",
            ["Styrelsen beslutar att anta verksamhetsberättelsen."],
        ),
        (
            "§ 4",
            "Revisorernas granskning",
            ["Styrelsen beslutar att lägga granskningen till handlingarna."],
        ),
    ]
    assert [s.text.split("\n")[0] for s in doc.sections] == [
        "Dnr 2024/3",
        "Dnr 2024/4",
        "Dnr 2024/5",
        "Dnr 2024/6",
    ]
    assert "Sida" not in _texts(doc)


# --- 9. one protocol as a PDF and as text ----------------------------------------------

_BOTH = [
    [
        "Samordningsförbundet Gotland",
        "Protokoll styrelsemöte",
        "Sammanträdesdatum: 2024-04-25",
        "",
        "Punkt 1 Mötets öppnande",
        "Ordföranden öppnade mötet.",
        "",
        "Punkt 2 Uppföljning av insatser",
        "Samordnaren redovisade uppföljningen. Det beslutades att lägga",
        "uppföljningen till handlingarna.",
    ],
    [
        "Punkt 3 Budget 2025",
        "Bakgrund",
        "Styrelsen beslöt 2023-12-05 att ta fram en ny budgetprocess.",
        "Styrelsens beslut",
        "att anta budgeten för 2025",
        "Beslutsunderlag",
        "Tjänsteskrivelse 2024-04-10",
        "",
        "Punkt 4 Mötets avslutande",
        "Ordföranden avslutade mötet.",
    ],
]
_BOTH_OUTLINE = [
    ("Punkt 1", "Mötets öppnande", []),
    (
        "Punkt 2",
        "Uppföljning av insatser",
        ["Det beslutades att lägga\nuppföljningen till handlingarna."],
    ),
    ("Punkt 3", "Budget 2025", ["att anta budgeten för 2025"]),
    ("Punkt 4", "Mötets avslutande", []),
]


@pytest.mark.parametrize("form", ["pdf", "txt"])
def test_one_protocol_as_a_pdf_and_as_text(tmp_path: Path, form: str) -> None:
    if form == "pdf":
        path = make_pdf(tmp_path / "p.pdf", _BOTH, footer="Sida {page} av {pages}")
    else:
        path = tmp_path / "p.txt"
        path.write_text("\f".join("\n".join(page) for page in _BOTH), "utf-8")
    doc = parse_file(path)
    assert _meta(doc) == ("gotland", "2024-04-25", "protokoll")
    assert _outline(doc) == _BOTH_OUTLINE
    assert [(s.page, s.page_end) for s in doc.sections] == [(1, 1), (1, 1), (2, 2), (2, 2)]
    assert "Sida" not in _texts(doc)
    assert doc.warnings == []


# --- 10. motions put to the vote, and a reservation -------------------------------------

_VOTE = """Samordningsförbundet Västerås
Protokoll styrelsemöte
Datum: 2024-03-21

§ 14 Ändrad fördelning av medel
Förbundschefen föreslår att medlen fördelas om till insatsen Vägen vidare.
Yrkanden
Anna Ek (S) yrkar att förslaget antas.
Per Holm (M) yrkar att ärendet återremitteras.
Propositionsordning
Ordföranden ställer proposition på yrkandena och finner att styrelsen beslutar att anta
förslaget.
Reservation
Per Holm (M) reserverar sig mot beslutet.

§ 15 Övrigt
Inga övriga frågor.
"""


def test_motions_put_to_the_vote_are_no_decisions() -> None:
    """ "Anna Ek (S) yrkar att förslaget antas." and the official's proposal read as
    decisions (the passive "antas", "återremitteras"), and the chair's finding did not."""
    doc = parse_text(_VOTE)
    assert _meta(doc) == ("vasteras", "2024-03-21", "protokoll")
    assert _outline(doc) == [
        (
            "§ 14",
            "Ändrad fördelning av medel",
            [
                "Ordföranden ställer proposition på yrkandena och finner att styrelsen beslutar "
                "att anta förslaget."
            ],
        ),
        ("§ 15", "Övrigt", []),
    ]


# --- 11. earlier decisions told in the background, this meeting's in the past tense ------

_EARLIER = [
    [
        "Samordningsförbundet Insjöriket",
        "Protokoll styrelsemöte 2024-09-05",
        "",
        "§ 61 Lokalfrågan",
        "Ärendebeskrivning",
        "Styrelsen beslutade vid förra mötet att utreda nya lokaler. Vid sammanträdet den",
        "13 juni beslutades att kansliet skulle begära in offerter. Kansliet har nu fått in",
        "tre offerter.",
        "Styrelsen beslutade att teckna avtal med Fastighets AB Sjön.",
        "",
        "§ 62 Uppdrag om utvärdering",
        "I december beslutade styrelsen att låta utvärdera insatsen Starten. Utvärderingen",
        "är klar. Styrelsen beslutade att lägga utvärderingen till handlingarna.",
    ],
]


def test_earlier_meetings_decisions_in_the_background_are_no_decisions(tmp_path: Path) -> None:
    """ "Styrelsen beslutade vid förra mötet att …" and the like told what the board decided
    before, and were taken for this meeting's decisions."""
    path = make_letterhead_pdf(
        tmp_path / "p.pdf", _EARLIER, head=["Insjöriket", "Protokoll"], foot=["Sida {page}"]
    )
    doc = parse_file(path)
    assert _meta(doc) == ("insjoriket", "2024-09-05", "protokoll")
    assert _outline(doc) == [
        (
            "§ 61",
            "Lokalfrågan",
            ["Styrelsen beslutade att teckna avtal med Fastighets AB Sjön."],
        ),
        (
            "§ 62",
            "Uppdrag om utvärdering",
            ["Styrelsen beslutade att lägga utvärderingen till handlingarna."],
        ),
    ]
    assert "Sida" not in _texts(doc)
