"""A fifth round of messy protocols, on what a decision is whose: the working committee's act
reported in the board's protocol ("Arbetsutskottet beslutade att …") and the board's in the
committee's, a grant of an earlier year in the past passive ("Projektet beviljades medel
2022."), a payment day that recurs ("den 25:e varje månad"), and the formulas samordningsförbund
close a § with that were read as no decision, or read too far: a matter tabled ("Ärendet
bordläggs."), information noted or filed ("Styrelsen noterar informationen.", "Styrelsen lägger
rapporten till handlingarna."), a vote's outcome ("Styrelsen har således beslutat att …"), a
reservation written as a sentence under "Beslut", a vote's label under a decision, and a list
of delegation decisions with their ids. Each case writes the file such a protocol is published
as (a PDF made with fpdf2, or text), parses it with `parse_source`, and says what a correct
parse holds."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.metadata import BOARD, COMMITTEE, PRESIDIUM, detect_body
from index.model import Document
from index.parse import parse_source
from index.sources import read_source
from tests.parsecheck import assert_private, outline, texts
from tests.pdfgen import make_letterhead_pdf, make_pdf


def _parse(path: Path) -> Document:
    return parse_source(read_source(path))


def _text_file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "protokoll.txt"
    path.write_text(text, encoding="utf-8")
    return path


# --- 1. whose protocol: the board's reports the committee's acts, and the other way round --

_BOARD_REPORTS = [
    [
        "Protokoll fört vid styrelsens sammanträde",
        "Samordningsförbundet i Blekinge",
        "Datum: 2024-09-10",
        "Närvarande: Karin Ek (ordf.), Olle Berg, Sara Lind",
        "",
        "§ 7 Rapport från arbetsutskottet",
        "Arbetsutskottet beslutade att ge kansliet i uppdrag att ta fram en kommunikationsplan.",
        "Förbundschefen redogjorde för arbetet. Arbetsutskottet beslutade att ansökan",
        "från Växa beviljas med 80 000 kronor.",
        "Styrelsen beslutar att lägga rapporten till handlingarna.",
        "",
        "§ 8 Rapport från presidiet",
        "Efter diskussion beslutade presidiet att flytta decembermötet till den 12 december.",
        "Informationen läggs till handlingarna.",
        "",
        "§ 9 Attestordning",
        "Arbetsutskottet",
        "beslutade att godkänna attestordningen för 2025.",
    ],
    [
        "Beslut",
        "Styrelsen beslutar att fastställa attestordningen för 2025.",
        "",
        "§ 10 Mötets avslutande",
        "Ordföranden avslutade mötet.",
    ],
]


def test_the_committees_acts_in_the_boards_protocol_are_no_decisions(tmp_path: Path) -> None:
    """ "Arbetsutskottet beslutade att …" in the board's protocol reports what the working
    committee did, and was taken for the board's decision: on its own line, after another
    sentence, wrapped after the committee's name, and with a passive in its "att"-clause; so
    was the presidium's act in a § without a label ("… beslutade presidiet att …")."""
    path = make_letterhead_pdf(
        tmp_path / "p.pdf",
        _BOARD_REPORTS,
        head=["Samordningsförbundet i Blekinge"],
        foot=["Sida {page} av {pages}"],
    )
    doc = _parse(path)
    assert (doc.forbund_slug, doc.date, doc.kind) == ("blekinge", "2024-09-10", "protokoll")
    assert outline(doc) == [
        (
            "§ 7",
            "Rapport från arbetsutskottet",
            ["Styrelsen beslutar att lägga rapporten till handlingarna."],
        ),
        ("§ 8", "Rapport från presidiet", ["Informationen läggs till handlingarna."]),
        (
            "§ 9",
            "Attestordning",
            ["Styrelsen beslutar att fastställa attestordningen för 2025."],
        ),
        ("§ 10", "Mötets avslutande", []),
    ]
    assert "Arbetsutskottet beslutade att ge kansliet i uppdrag" in texts(doc)
    assert_private(doc)


_COMMITTEE = """Samordningsförbundet Göteborg
PROTOKOLL ARBETSUTSKOTTET
Sammanträdesdatum: 2024-10-02
Närvarande: Karin Ek (ordf.), Olle Berg

§ 20 Kommunikationsplan
Arbetsutskottet beslutade att ge kansliet i uppdrag att ta fram en kommunikationsplan.

§ 21 Information från styrelsen
Styrelsen beslutade att anta budgeten för 2025.
Informationen läggs till handlingarna.
"""


def test_in_the_committees_own_protocol_its_acts_are_decisions(tmp_path: Path) -> None:
    """In the committee's own protocol the same sentence is its decision, and the board's act
    is the one reported ("Styrelsen beslutade att anta budgeten." was taken for one)."""
    doc = _parse(_text_file(tmp_path, _COMMITTEE))
    assert doc.title == "PROTOKOLL ARBETSUTSKOTTET"
    assert outline(doc) == [
        (
            "§ 20",
            "Kommunikationsplan",
            [
                "Arbetsutskottet beslutade att ge kansliet i uppdrag att ta fram en kommunikationsplan."
            ],
        ),
        ("§ 21", "Information från styrelsen", ["Informationen läggs till handlingarna."]),
    ]


_TWO_BODIES = """Sammanträdesprotokoll nr 3
Samordningsförbundet Västra Norrbotten
Sammanträdesdatum: 2024-03-12
Beslutande: Karin Ek, Olle Berg

§ 1 Mötets öppnande
Ordföranden öppnar mötet.
§ 2 Rapport från arbetsutskottet
Arbetsutskottet beslutade att ge kansliet i uppdrag att ta fram en plan.
Styrelsen beslutar att lägga rapporten till handlingarna.

Protokoll arbetsutskottet
Datum: 2024-05-14
Plats: Boden

§ 1 Mötets öppnande
Ordföranden öppnar mötet.
§ 2 Kommunikationsplan
Arbetsutskottet beslutade att anta kommunikationsplanen.
"""


def test_each_meeting_of_a_file_decides_for_its_own_body(tmp_path: Path) -> None:
    """A protocol whose head names no body is the board's (what förbund publish); a later
    meeting's head that names the working committee makes its sections the committee's."""
    doc = _parse(_text_file(tmp_path, _TWO_BODIES))
    assert [(s.label, s.date, [d.text for d in s.decisions]) for s in doc.sections] == [
        ("§ 1", "2024-03-12", []),
        ("§ 2", "2024-03-12", ["Styrelsen beslutar att lägga rapporten till handlingarna."]),
        ("", "2024-05-14", []),
        ("§ 1", "2024-05-14", []),
        ("§ 2", "2024-05-14", ["Arbetsutskottet beslutade att anta kommunikationsplanen."]),
    ]


@pytest.mark.parametrize(
    ("title", "head", "body"),
    [
        ("Protokoll fört vid styrelsens sammanträde", [], BOARD),
        ("Protokoll", ["Förbundsstyrelsen, Samordningsförbundet Västra Mälardalen"], BOARD),
        ("Protokoll Nr. 2024-5", ["Sammanträdesdatum 2024-09-29", "Styrelsemötet hölls"], BOARD),
        ("PROTOKOLL ARBETSUTSKOTTET", [], COMMITTEE),
        ("Protokoll styrelsens arbetsutskott", [], COMMITTEE),
        ("AU-protokoll 2024-05-14", [], COMMITTEE),
        ("Protokoll", ["Presidiemöte 2024-05-14"], PRESIDIUM),
        ("Sammanträdesprotokoll nr 2", ["Plats: Boden"], None),
        # the head stops at who took part and at the agenda, whose lines name other bodies
        ("Sammanträdesprotokoll nr 2", ["Närvarande: Anna Ek (arbetsutskottet)"], None),
        ("Protokoll", ["Dagordning", "5. Protokoll från arbetsutskottet"], None),
        # a room or another authority's board is no body of the förbund's
        ("Protokoll", ["Plats: styrelserummet", "Kommunstyrelsen informerar"], None),
    ],
)
def test_whose_protocol_the_head_names(title: str, head: list[str], body: str | None) -> None:
    assert detect_body(title, head) == body


# --- 2. a past passive dated before the meeting --------------------------------------------

_EARLIER_GRANTS = """Protokoll styrelsemöte
Samordningsförbundet Göteborg
Datum: 2024-05-14

§ 10 Uppföljning av Jobbspåret
Projektet beviljades medel 2022. Sedan dess har 140 deltagare skrivits in.
§ 11 Ansökan från Steget
Förbundschefen föredrog ansökan. Ansökan beviljades.
§ 12 Lots
Under 2023 beviljades Lots 300 000 kronor. Förstudien beviljades 2024-03-12 och
redovisas nu. Lots ansökan om förlängning beviljades med 150 000 kronor.
§ 13 Bokslut och ansvarsfrihet
2023 års bokslut godkändes. Ansvarsfrihet beviljades för verksamhetsåret 2023.
"""


def test_a_past_passive_dated_before_the_meeting_reports_an_earlier_act(tmp_path: Path) -> None:
    """ "Projektet beviljades medel 2022." in a protocol of 2024 reports an earlier grant and
    was taken for this meeting's decision; a past passive with no earlier date, or whose year
    is the object's ("2023 års bokslut", "för verksamhetsåret 2023"), is still one."""
    doc = _parse(_text_file(tmp_path, _EARLIER_GRANTS))
    assert doc.date == "2024-05-14"
    assert outline(doc) == [
        ("§ 10", "Uppföljning av Jobbspåret", []),
        ("§ 11", "Ansökan från Steget", ["Ansökan beviljades."]),
        ("§ 12", "Lots", ["Lots ansökan om förlängning beviljades med 150 000 kronor."]),
        (
            "§ 13",
            "Bokslut och ansvarsfrihet",
            ["2023 års bokslut godkändes.", "Ansvarsfrihet beviljades för verksamhetsåret 2023."],
        ),
    ]


_TWO_YEARS = """Protokoll styrelsemöte
Datum: 2022-11-20

§ 1 Mötets öppnande
Ordföranden öppnar mötet.
§ 2 Jobbspåret
Projektet beviljades medel 2022.

Protokoll styrelsemöte
Datum: 2024-05-14
Plats: Boden

§ 1 Mötets öppnande
Ordföranden öppnar mötet.
§ 2 Jobbspåret
Projektet beviljades medel 2022.
"""


def test_the_past_passive_is_dated_against_its_own_meeting(tmp_path: Path) -> None:
    """In a file of two meetings each § is read against its own meeting's date: the same
    sentence is the 2022 meeting's decision and the 2024 meeting's report of it."""
    doc = _parse(_text_file(tmp_path, _TWO_YEARS))
    assert [(s.label, s.date, [d.text for d in s.decisions]) for s in doc.sections] == [
        ("§ 1", "2022-11-20", []),
        ("§ 2", "2022-11-20", ["Projektet beviljades medel 2022."]),
        ("", "2024-05-14", []),
        ("§ 1", "2024-05-14", []),
        ("§ 2", "2024-05-14", []),
    ]


# --- 3. a day that recurs is no date ---------------------------------------------------------

_FEES = [
    [
        "Protokoll styrelsemöte",
        "Datum: 2024-09-10",
        "",
        "§ 14 Arvoden",
        "Styrelsen fastställde arvodet till 2 000 kronor per månad och arvodet",
        "betalas ut den 25:e varje månad.",
        "",
        "§ 15 Utbetalningsrutin",
        "Styrelsen godkände arvodesreglerna med utbetalning den 25:e i varje månad.",
        "",
        "§ 16 Budget",
        "Styrelsen godkände budgeten den 12 mars.",
        "",
        "§ 17 Extra arvode",
        "Styrelsen fastställde ett extra arvode, vilket betalas ut den 25 mars.",
    ]
]


def test_a_day_that_recurs_is_no_date_of_the_act(tmp_path: Path) -> None:
    """ "… betalas ut den 25:e varje månad" was read as the date of an earlier act (and
    "25:e" cut at its colon), and the decision lost; a date that is one stays the act's."""
    doc = _parse(make_pdf(tmp_path / "p.pdf", _FEES, header="Samordningsförbundet Göteborg"))
    assert outline(doc) == [
        (
            "§ 14",
            "Arvoden",
            [
                "Styrelsen fastställde arvodet till 2 000 kronor per månad och arvodet betalas"
                " ut den 25:e varje månad."
            ],
        ),
        (
            "§ 15",
            "Utbetalningsrutin",
            ["Styrelsen godkände arvodesreglerna med utbetalning den 25:e i varje månad."],
        ),
        ("§ 16", "Budget", []),
        # a date in a relative clause is the clause's, as after "som"
        (
            "§ 17",
            "Extra arvode",
            ["Styrelsen fastställde ett extra arvode, vilket betalas ut den 25 mars."],
        ),
    ]


# --- 4. how a § closes: tabled, noted, filed, voted, reserved against -----------------------

_CLOSINGS = [
    [
        "Protokoll styrelsemöte",
        "Samordningsförbundet Västra Mälardalen",
        "Datum: 2024-11-20",
        "Närvarande: Karin Ek (ordf.), Olle Berg, Sara Lind",
        "",
        "§ 50 Anmälan av delegationsbeslut",
        "Följande delegationsbeslut anmäls:",
        "Beslut 2024-3 § 12 Förlängning av avtal med Coompanion (förbundschefen)",
        "Beslut 2024-4 § 3 Attest av fakturor (ordföranden)",
        "Styrelsen noterar informationen.",
        "",
        "§ 51 Riktlinjer för insatser",
        "Ärendet bordläggs.",
        "",
        "§ 52 Lokalfrågan",
        "Styrelsen bordlägger ärendet till nästa sammanträde.",
        "",
        "§ 53 Information från förbundschefen",
        "Förbundschefen informerade om läget. Informationen noteras.",
        "Det noteras att Sara Lind lämnade mötet under ärendet.",
        "",
        "§ 54 Ekonomisk rapport",
        "Styrelsen noterar att kostnaderna har ökat.",
        "Styrelsen lägger rapporten till handlingarna.",
    ],
    [
        "§ 55 Uppföljning",
        "Styrelsen tar del av uppföljningen.",
        "",
        "§ 56 Val av ombud",
        "Beslut",
        "Anna Ek väljs till ombud vid förbundsstämman.",
        "Mot beslutet reserverar sig Olle Berg (M).",
        "",
        "§ 57 Budget 2025",
        "Beslut",
        "Styrelsen beslutar att anta budgeten med kansliets ändringar.",
        "Omröstning",
        "Ja: Karin Ek, Sara Lind. Nej: Olle Berg.",
        "Styrelsen har således beslutat att anta budgeten för 2025.",
        "Olle Berg (M) reserverar sig mot beslutet.",
        "",
        "§ 58 Riktlinjer för delegation",
        "Styrelsen återremitterar ärendet till kansliet.",
    ],
]


def test_the_formulas_a_paragraph_closes_with(tmp_path: Path) -> None:
    """Read as no decision before: a matter tabled, information noted or filed by the board,
    the outcome after a vote. Read into a decision before: a member's reservation written as
    a sentence, a vote's label and its count, delegation decisions listed with ids of other
    §. A note to the minutes ("Det noteras att …") and a finding ("noterar att …") stay
    none."""
    path = make_letterhead_pdf(
        tmp_path / "p.pdf",
        _CLOSINGS,
        head=["Samordningsförbundet Västra Mälardalen", "Protokoll 2024-11-20"],
        foot=["Sida {page} ({pages})"],
    )
    doc = _parse(path)
    assert (doc.forbund_slug, doc.date) == ("vastra-malardalen", "2024-11-20")
    assert outline(doc) == [
        ("§ 50", "Anmälan av delegationsbeslut", ["Styrelsen noterar informationen."]),
        ("§ 51", "Riktlinjer för insatser", ["Ärendet bordläggs."]),
        ("§ 52", "Lokalfrågan", ["Styrelsen bordlägger ärendet till nästa sammanträde."]),
        ("§ 53", "Information från förbundschefen", ["Informationen noteras."]),
        ("§ 54", "Ekonomisk rapport", ["Styrelsen lägger rapporten till handlingarna."]),
        ("§ 55", "Uppföljning", ["Styrelsen tar del av uppföljningen."]),
        ("§ 56", "Val av ombud", ["Anna Ek väljs till ombud vid förbundsstämman."]),
        (
            "§ 57",
            "Budget 2025",
            [
                "Styrelsen beslutar att anta budgeten med kansliets ändringar.",
                "Styrelsen har således beslutat att anta budgeten för 2025.",
            ],
        ),
        ("§ 58", "Riktlinjer för delegation", ["Styrelsen återremitterar ärendet till kansliet."]),
    ]
    assert "Sida" not in texts(doc)
    assert "Mot beslutet reserverar sig Olle Berg (M)." in texts(doc)


# --- 5. a second reading: what the rules above still got wrong --------------------------------

_COMMITTEE_UNNAMED = """Samordningsförbundet Göteborg
Protokoll 2024-05-10
Närvarande arbetsutskottet: Karin Ek (ordf.), Olle Berg

§ 1 Dagordning
Arbetsutskottet beslutar att godkänna dagordningen.

§ 2 Ansökan från Växa
Arbetsutskottet beslutar att bevilja ansökan med 80 000 kronor.

§ 3 Rapport
Arbetsutskottet beslutade att ge kansliet i uppdrag att ta fram en plan.

Vid protokollet
Karin Ek, ordförande i arbetsutskottet
"""


def test_a_protocol_whose_head_names_no_body_keeps_the_committees_present_acts(
    tmp_path: Path,
) -> None:
    """A protocol whose head names no body is read as the board's, a guess: there the
    committee's act in the past ("Arbetsutskottet beslutade att …") is a report, but one in
    the present ("Arbetsutskottet beslutar att …") is the meeting's own decision, which the
    board's protocol never records in its committee's name. Every decision of such a
    committee protocol was lost."""
    doc = _parse(_text_file(tmp_path, _COMMITTEE_UNNAMED))
    assert outline(doc) == [
        ("§ 1", "Dagordning", ["Arbetsutskottet beslutar att godkänna dagordningen."]),
        (
            "§ 2",
            "Ansökan från Växa",
            ["Arbetsutskottet beslutar att bevilja ansökan med 80 000 kronor."],
        ),
        ("§ 3", "Rapport", []),
    ]


_OBJECT_YEARS = """Protokoll styrelsemöte
Samordningsförbundet Göteborg
Datum: 2024-05-14

§ 10 Ansökan från Steget
Ansökan beviljades, avseende 2023.
§ 11 Ansökan från Lots
Ansökan beviljades avseende verksamhetsår 2023.
§ 12 Ansökan från Växa
Medel beviljades gällande budgetår 2023.
§ 13 Jobbspåret
Projektet beviljades medel 2022.
"""


def test_a_year_that_the_grant_concerns_keeps_it_a_decision(tmp_path: Path) -> None:
    """ "avseende 2023", "gällande budgetår 2023": the year is what was granted for, as "för
    verksamhetsåret 2023" is, and the grant was read as one of an earlier year and lost."""
    doc = _parse(_text_file(tmp_path, _OBJECT_YEARS))
    assert outline(doc) == [
        ("§ 10", "Ansökan från Steget", ["Ansökan beviljades, avseende 2023."]),
        ("§ 11", "Ansökan från Lots", ["Ansökan beviljades avseende verksamhetsår 2023."]),
        ("§ 12", "Ansökan från Växa", ["Medel beviljades gällande budgetår 2023."]),
        ("§ 13", "Jobbspåret", []),
    ]


_YEARLY = """Protokoll styrelsemöte
Samordningsförbundet Göteborg
Datum: 2024-09-10

§ 20 Arvoden
Styrelsen fastställde arvodet, med utbetalning den 1 juli varje år.
§ 21 Bidrag
Styrelsen beviljade bidraget med utbetalning den 1 januari och den 1 juli varje år.
§ 22 Rapportering
Styrelsen godkände rutinen med avstämning årligen den 31 mars.
§ 23 Avgift
Styrelsen fastställde avgiften med betalning varje månad den 25:e.
§ 24 Uppföljning
Styrelsen godkände uppföljningsplanen med rapporter i mars och i september varje år.
§ 25 Budget
Styrelsen godkände budgeten den 12 mars.
"""


def test_a_day_of_the_year_that_recurs_is_no_date_of_the_act(tmp_path: Path) -> None:
    """A day that recurs with its month ("den 1 juli varje år"), or after the word that makes
    it recur ("årligen den 31 mars", "varje månad den 25:e"), or months listed with "i" ("i
    mars och i september varje år") were read as the date of an earlier act, and the
    decision lost, as "den 25:e varje månad" was; a date that is one stays the act's."""
    doc = _parse(_text_file(tmp_path, _YEARLY))
    assert [texts for _, _, texts in outline(doc)] == [
        ["Styrelsen fastställde arvodet, med utbetalning den 1 juli varje år."],
        ["Styrelsen beviljade bidraget med utbetalning den 1 januari och den 1 juli varje år."],
        ["Styrelsen godkände rutinen med avstämning årligen den 31 mars."],
        ["Styrelsen fastställde avgiften med betalning varje månad den 25:e."],
        ["Styrelsen godkände uppföljningsplanen med rapporter i mars och i september varje år."],
        [],
    ]


_NOTES_AND_DECIDES = """Protokoll styrelsemöte
Samordningsförbundet Göteborg
Datum: 2024-09-10

§ 30 Ekonomisk rapport
Styrelsen noterar att kostnaderna har ökat och beslutar att ge förbundschefen i uppdrag att
återkomma med en åtgärdsplan.
§ 31 Information
Styrelsen tackar för informationen och beslutar att lägga den till handlingarna.
§ 32 Uppföljning
Styrelsen noterar informationen och beslutar att lägga rapporten till handlingarna.
§ 33 Lokaler
Styrelsen noterar att hyran har höjts.
"""


def test_the_board_decides_after_what_it_noted(tmp_path: Path) -> None:
    """ "Styrelsen noterar att … och beslutar att …", "Styrelsen tackar för informationen och
    beslutar att …": the board decides in the second half of its sentence, which was read as
    no decision; a finding alone ("noterar att hyran har höjts") stays none."""
    doc = _parse(_text_file(tmp_path, _NOTES_AND_DECIDES))
    assert [texts for _, _, texts in outline(doc)] == [
        [
            "Styrelsen noterar att kostnaderna har ökat och beslutar att ge förbundschefen i"
            " uppdrag att återkomma med en åtgärdsplan."
        ],
        ["Styrelsen tackar för informationen och beslutar att lägga den till handlingarna."],
        ["Styrelsen noterar informationen och beslutar att lägga rapporten till handlingarna."],
        [],
    ]
