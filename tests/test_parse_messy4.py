"""A fourth round of messy protocols, in kinds the first three did not cover: grants decided in
the passive ("Ansökan beviljas …"), a working committee's own protocol ("Arbetsutskottet
beslutar …"), paragraphs written out ("Paragraf 5 Budget") in a Word template, items numbered
from 5 because the formalities stood on a page of their own, a decision table exported with
tabs, a municipal template's "Sammanfattning av ärendet" under the decision, the chair's
finding wrapped over two lines after a vote, a stray item number in the attendance list over
"Punkt" items with "att utse" / "Justerare" / "Anna Berg", and a decision made per capsulam.
Each case builds a real PDF with fpdf2 (tests/pdfgen.py), or writes the text or HTML such a
protocol is published as, and says what a correct parse holds: the sections with their
labels, titles and decisions, the date, the förbund and the kind; no identity number
anywhere, and no page furniture in a section's text."""

from __future__ import annotations

from pathlib import Path

from index.model import Document
from index.parse import parse_file, parse_text
from tests.parsecheck import assert_private, outline, texts
from tests.pdfgen import make_letterhead_pdf, make_pdf


def _meta(doc: Document) -> tuple[str | None, str | None, str]:
    return doc.forbund_slug, doc.date, doc.kind


# --- 1. grants: "Ansökan beviljas", "Styrelsen beviljar", "… avslogs", a PDF ---------------

_GRANTS = [
    [
        "Protokoll styrelsemöte",
        "Datum: 2024-09-10",
        "Plats: Kommunhuset, Karlshamn",
        "Närvarande: Karin Ek (ordf.), Olle Berg, Sara Lind",
        "",
        "§ 31 Mötets öppnande",
        "Ordföranden öppnade mötet.",
        "",
        "§ 32 Ansökan om medel: Steget, Karlshamns kommun",
        "Förbundschefen redovisade ansökan om 450 000 kronor för 2025.",
        "Ansökan beviljas med 450 000 kronor för 2025.",
        "",
        "§ 33 Ansökan om medel: Växa, Olofströms kommun",
        "Styrelsen beviljade i mars förstudien medel. Förbundschefen redovisade",
        "förstudiens resultat. Ansökan om fortsatta medel avslogs, då den inte",
        "uppfyller förbundets kriterier.",
    ],
    [
        "§ 34 Ansökan om medel: Lots, Sölvesborgs kommun",
        "Styrelsen beviljar ansökan med 200 000 kronor under förutsättning att",
        "projektplanen kompletteras. Deltagaren 19850412-1230 nämns i ansökan.",
        "",
        "§ 35 Mötets avslutande",
        "Ordföranden avslutade mötet.",
    ],
]


def test_grants_decided_in_the_passive_and_by_the_board(tmp_path: Path) -> None:
    """ "Ansökan beviljas …", "… avslogs" and "Styrelsen beviljar …" were no decisions in a
    protocol without "Beslut" labels; the grant of an earlier meeting ("beviljade i mars")
    stays none."""
    path = make_letterhead_pdf(
        tmp_path / "p.pdf",
        _GRANTS,
        head=["Samordningsförbundet i Blekinge"],
        foot=["Sida {page} av {pages}"],
    )
    doc = parse_file(path)
    assert _meta(doc) == ("blekinge", "2024-09-10", "protokoll")
    assert outline(doc) == [
        ("§ 31", "Mötets öppnande", []),
        (
            "§ 32",
            "Ansökan om medel: Steget, Karlshamns kommun",
            ["Ansökan beviljas med 450 000 kronor för 2025."],
        ),
        (
            "§ 33",
            "Ansökan om medel: Växa, Olofströms kommun",
            ["Ansökan om fortsatta medel avslogs, då den inte uppfyller förbundets kriterier."],
        ),
        (
            "§ 34",
            "Ansökan om medel: Lots, Sölvesborgs kommun",
            [
                "Styrelsen beviljar ansökan med 200 000 kronor under förutsättning att "
                "projektplanen kompletteras."
            ],
        ),
        ("§ 35", "Mötets avslutande", []),
    ]
    assert "Sida" not in texts(doc)
    assert doc.warnings == []
    assert_private(doc)


# --- 2. a working committee's own protocol ------------------------------------------------

_COMMITTEE = """Samordningsförbundet Göteborg
PROTOKOLL ARBETSUTSKOTTET
Sammanträdesdatum: 2024-10-02
Närvarande: Karin Ek (ordf.), Olle Berg

§ 12 Mötets öppnande
Ordföranden öppnade mötet.

§ 13 Verksamhetsplan 2025
Förbundschefen presenterade ett utkast.
Arbetsutskottet föreslår styrelsen besluta att anta verksamhetsplanen för 2025.

§ 14 Utbildningsdag
Arbetsutskottet beslutar att genomföra en utbildningsdag för styrelsen i november.

§ 15 Ansökan om medel
Arbetsutskottet
beslutar att bevilja ansökan från Mölndals stad med 120 000 kronor.

§ 16 Delegationsbeslut
Förbundschefen har beslutat att förlänga avtalet med Coompanion.
Presidiet beslutade den 3 september att flytta styrelsemötet.
Informationen noteras.

§ 17 Mötets avslutande
Ordföranden avslutade mötet.
"""


def test_a_working_committees_protocol_with_its_own_decisions() -> None:
    """ "Arbetsutskottet beslutar att …" was no decision: only the board's names were. What
    it proposes to the board, and what the presidium decided at an earlier date, are none."""
    doc = parse_text(_COMMITTEE)
    assert _meta(doc) == ("goteborg", "2024-10-02", "protokoll")
    assert doc.title == "PROTOKOLL ARBETSUTSKOTTET"
    assert outline(doc) == [
        ("§ 12", "Mötets öppnande", []),
        ("§ 13", "Verksamhetsplan 2025", []),
        (
            "§ 14",
            "Utbildningsdag",
            ["Arbetsutskottet beslutar att genomföra en utbildningsdag för styrelsen i november."],
        ),
        (
            "§ 15",
            "Ansökan om medel",
            ["Arbetsutskottet beslutar att bevilja ansökan från Mölndals stad med 120 000 kronor."],
        ),
        # the committee notes the delegation decisions: "Informationen noteras." is its
        # decision, as "… läggs till handlingarna" is
        ("§ 16", "Delegationsbeslut", ["Informationen noteras."]),
        ("§ 17", "Mötets avslutande", []),
    ]


# --- 3. paragraphs written out, "Paragraf 5 Budget", in a Word template's PDF -------------

_WRITTEN_OUT = [
    [
        "PROTOKOLL",
        "Förbundsstyrelsen, Samordningsförbundet Västra Mälardalen",
        "Tid och plats: Tisdagen den 14 maj 2024 kl. 09.00-12.00, Kommunhuset, Köping",
        "",
        "Paragraf 1 Mötets öppnande",
        "Ordföranden öppnade mötet.",
        "",
        "Paragraf 2 Val av justerare",
        "Beslut: Anna Ek utses att justera protokollet.",
        "",
        "Paragraf 3 Budget 2025",
        "Förbundsstyrelsen beslutar",
        "- att anta budgeten för 2025",
        "- att uppdra åt förbundschefen att följa upp budgeten, se paragraf 5.",
    ],
    [
        "Paragraf 4 Information",
        "Förbundschefen informerade om läget i insatserna.",
        "",
        "Paragraf 5 Mötets avslutande",
        "Ordföranden avslutade mötet.",
    ],
]


def test_paragraphs_written_out_are_paragraphs(tmp_path: Path) -> None:
    """ "Paragraf 1 Mötets öppnande" was no heading: the protocol was one section, and its
    first decision ran over every paragraph below it."""
    doc = parse_file(make_pdf(tmp_path / "p.pdf", _WRITTEN_OUT))
    assert _meta(doc) == ("vastra-malardalen", "2024-05-14", "protokoll")
    assert outline(doc) == [
        ("§ 1", "Mötets öppnande", []),
        ("§ 2", "Val av justerare", ["Anna Ek utses att justera protokollet."]),
        (
            "§ 3",
            "Budget 2025",
            [
                "- att anta budgeten för 2025\n- att uppdra åt förbundschefen att följa upp "
                "budgeten, se paragraf 5."
            ],
        ),
        ("§ 4", "Information", []),
        ("§ 5", "Mötets avslutande", []),
    ]
    assert [s.page for s in doc.sections] == [1, 1, 1, 2, 2]
    assert doc.warnings == []


def test_paragraph_lines_in_a_protocol_with_the_sign_are_its_text() -> None:
    text = (
        "Protokoll styrelsemöte 2024-05-14\n§ 1 Budget\nBudgeten redovisades.\n"
        "Paragraf 2 Plan\nBeslut: Budgeten antas.\n"
    )
    assert outline(parse_text(text)) == [("§ 1", "Budget", ["Budgeten antas."])]


# --- 4. items numbered from 5: the formalities on a page of their own -----------------------

_FROM_FIVE = [
    [
        "Samordningsförbundet Skåne Nordost",
        "Protokoll styrelsemöte 2024-03-21",
        "",
        "5. Budgetuppföljning",
        "Ekonomen redovisade utfallet för januari och februari.",
        "Beslut: Budgetuppföljningen godkänns.",
        "",
        "6. Rapporter från insatserna",
        "Samordnarna rapporterade. Följande punkter togs upp:",
        "1. Fler deltagare än väntat",
        "2. Nya lokaler i Hässleholm",
        "",
        "7. Övriga frågor",
        "Inga övriga frågor anmäldes.",
        "",
        "8. Mötets avslutande",
        "Ordföranden avslutade mötet.",
    ]
]


def test_items_numbered_from_five_are_headings(tmp_path: Path) -> None:
    """A bare "5." run had to start at 1: the protocol was one section whose decision ran to
    its end. The list "1. … 2. …" inside item 6 stays its text."""
    doc = parse_file(make_pdf(tmp_path / "p.pdf", _FROM_FIVE))
    assert _meta(doc) == ("skane-nordost", "2024-03-21", "protokoll")
    assert outline(doc) == [
        ("5.", "Budgetuppföljning", ["Budgetuppföljningen godkänns."]),
        ("6.", "Rapporter från insatserna", []),
        ("7.", "Övriga frågor", []),
        ("8.", "Mötets avslutande", []),
    ]
    assert "1. Fler deltagare än väntat" in doc.sections[1].text
    assert "Sida" not in texts(doc)


# --- 5. a decision table exported with tabs -----------------------------------------------

_TABBED = (
    "Samordningsförbundet Södra Dalarna\r\n"
    "Protokoll styrelsemöte\r\n"
    "Datum:\t2024-04-18\r\n"
    "Tid:\t13.00\t–\t15.30\r\n"
    "Närvarande:\tKarin Ek (ordf.)\tOlle Berg\tSara Lind\r\n"
    "\r\n"
    "Paragraf\tÄrende\tBeslut\r\n"
    "§ 14\tMötets öppnande\tOrdföranden öppnar mötet.\r\n"
    "§ 15\tVal av justerare\tOlle Berg utses att justera protokollet.\r\n"
    "§ 16\tÅrsredovisning 2023\tStyrelsen beslutar att godkänna årsredovisningen.\r\n"
    "\t\tÅrsredovisningen överlämnas till revisorerna.\r\n"
    "§ 17\tInformation\tInformationen noteras.\r\n"
    "§ 18\tMötets avslutande\tOrdföranden avslutar mötet.\r\n"
)


def test_a_decision_table_exported_with_tabs(tmp_path: Path) -> None:
    """The tabs between a row's cells became spaces, and every title ran into its decision
    ("Val av justerare Olle Berg utses …"). The head's tabs read as spaces, as before."""
    path = tmp_path / "protokoll.txt"
    path.write_bytes(_TABBED.encode("cp1252"))
    doc = parse_file(path)
    assert _meta(doc) == ("sodra-dalarna", "2024-04-18", "protokoll")
    assert outline(doc) == [
        ("§ 14", "Mötets öppnande", []),
        ("§ 15", "Val av justerare", ["Olle Berg utses att justera protokollet."]),
        ("§ 16", "Årsredovisning 2023", ["Styrelsen beslutar att godkänna årsredovisningen."]),
        ("§ 17", "Information", ["Informationen noteras."]),  # the table's "Beslut" column
        ("§ 18", "Mötets avslutande", []),
    ]
    assert "Årsredovisningen överlämnas till revisorerna." in doc.sections[2].text
    assert "Tid: 13.00 – 15.30" in doc.header
    assert "Närvarande: Karin Ek (ordf.) Olle Berg Sara Lind" in doc.header


# --- 6. a municipal template on the web: the decision first, the matter after -------------

_TEMPLATE = """<!DOCTYPE html>
<html lang="sv"><head><meta charset="utf-8">
<title>Protokoll styrelsen 2024-11-19 - Samordningsförbundet Uppsala län</title></head>
<body>
<header><nav><a href="/">Start</a> <a href="/protokoll">Protokoll</a></nav></header>
<main>
<h1>Protokoll styrelsemöte 2024-11-19</h1>
<p>Plats: Stadshuset, Uppsala<br>Närvarande: Karin Ek (ordf.), Olle Berg, Sara Lind</p>
<h2>§ 40 Internkontrollplan 2025</h2>
<h3>Styrelsens beslut</h3>
<p>Styrelsen beslutar att anta internkontrollplanen för 2025.</p>
<h3>Sammanfattning av ärendet</h3>
<p>Kansliet har tagit fram en plan utifrån en riskanalys. Styrelsen antog i december
2023 den förra planen.</p>
<h3>Beslutsunderlag</h3>
<p>Tjänsteskrivelse 2024-11-01</p>
<h2>§ 41 Attestordning</h2>
<h3>Beslut</h3>
<p>Attestordningen fastställs.</p>
<h3>Beskrivning av ärendet</h3>
<p>Attestordningen behöver uppdateras efter nya roller på kansliet.</p>
<h2>§ 42 Sammanträdestider 2025</h2>
<h3>Beslut</h3>
<p>Styrelsen fastställer sammanträdestiderna för 2025</p>
<h3>SAMMANFATTNING AV ÄRENDET</h3>
<p>Kansliet föreslår fem möten, det första den 20 februari.</p>
</main>
<footer>Samordningsförbundet Uppsala län, Box 1, 751 00 Uppsala</footer>
</body></html>
"""


def test_the_matter_under_the_decision_is_no_part_of_it(tmp_path: Path) -> None:
    """ "Sammanfattning av ärendet" and "Beskrivning av ärendet" under the decision did not end
    it, as "Sammanfattning" did: the matter's text was part of the decision."""
    path = tmp_path / "protokoll.html"
    path.write_text(_TEMPLATE, encoding="utf-8")
    doc = parse_file(path)
    assert _meta(doc) == ("uppsala-lan", "2024-11-19", "protokoll")
    assert outline(doc) == [
        (
            "§ 40",
            "Internkontrollplan 2025",
            ["Styrelsen beslutar att anta internkontrollplanen för 2025."],
        ),
        ("§ 41", "Attestordning", ["Attestordningen fastställs."]),
        ("§ 42", "Sammanträdestider 2025", ["Styrelsen fastställer sammanträdestiderna för 2025"]),
    ]
    assert "Start" not in texts(doc) and "Box 1" not in texts(doc)


# --- 7. a vote, the chair's finding wrapped over two lines, earlier acts in the background -

_VOTE = [
    [
        "Samordningsförbundet Värmland",
        "Protokoll från styrelsens sammanträde 2024-06-12",
        "",
        "§ 20 Mötets öppnande",
        "Ordföranden öppnade mötet.",
        "",
        "§ 21 Budget 2025",
        "Bakgrund",
        "Ordföranden konstaterar att styrelsen antagit budgetramarna i mars. Styrelsen",
        "godkände vid förra mötet fördelningen mellan insatserna.",
        "Yrkanden",
        "Anna Ek (S) yrkar att budgeten för insatsen Steget höjs med 100 000 kronor.",
        "Olle Berg (M) yrkar bifall till förbundschefens förslag.",
        "Propositionsordning",
        "Ordföranden ställer förbundschefens förslag mot Anna Eks yrkande och finner att",
        "styrelsen godkänner förbundschefens förslag.",
        "Reservation",
        "Anna Ek (S) reserverar sig mot beslutet.",
    ],
    [
        "§ 22 Revisionsrapport",
        "Ordföranden finner att styrelsen har godkänt revisionsrapporten den 12 mars.",
        "Förbundschefen redogjorde för de åtgärder som vidtagits. Rapporten läggs till",
        "handlingarna.",
        "",
        "§ 23 Mötets avslutande",
        "Ordföranden avslutade mötet.",
    ],
]


def test_the_chairs_finding_wrapped_after_a_vote(tmp_path: Path) -> None:
    """The chair's finding with its board on the next line ("… och finner att" / "styrelsen
    godkänner …"), and "läggs till" / "handlingarna.", were no decisions: each line alone
    held no deciding sentence. The acts of earlier meetings in the background ("antagit …
    i mars", "godkände vid förra mötet", "har godkänt … den 12 mars") stay none."""
    doc = parse_file(make_pdf(tmp_path / "p.pdf", _VOTE))
    assert _meta(doc) == ("varmland", "2024-06-12", "protokoll")
    assert outline(doc) == [
        ("§ 20", "Mötets öppnande", []),
        (
            "§ 21",
            "Budget 2025",
            [
                "Ordföranden ställer förbundschefens förslag mot Anna Eks yrkande och finner "
                "att styrelsen godkänner förbundschefens förslag."
            ],
        ),
        ("§ 22", "Revisionsrapport", ["Rapporten läggs till handlingarna."]),
        ("§ 23", "Mötets avslutande", []),
    ]


# --- 8. "Punkt" items under a stray item number, "att utse" over "Justerare" ---------------

_STRAY = [
    [
        "Protokoll styrelsemöte 2024-02-08",
        "Närvarande: Karin Ek (ordf.), Olle Berg, Sara Lind",
        "Anmälda övriga frågor tas upp under",
        "Punkt 12",
        "",
        "Punkt 1. Mötets öppnande",
        "Ordföranden öppnade mötet.",
        "",
        "Punkt 2. Val av justerare",
        "Beslut: att utse",
        "Justerare",
        "Sara Lind",
        "",
        "Punkt 3. Verksamhetsplan",
        "Beslut: Verksamhetsplanen antas",
    ],
    [
        "Punkt 4. Mötets avslutande",
        "Ordföranden avslutade mötet.",
        "",
        "Vid protokollet",
        "Eva Nord",
        "Justeras",
        "Karin Ek           Sara Lind",
    ],
]


def test_punkt_items_under_a_stray_item_with_the_checker_chosen(tmp_path: Path) -> None:
    """ "Punkt 12" in the head started the run of items, and every item below it, numbered
    lower, was text; "Justerare" under "att utse" was read as a signature block, and the
    decision lost whom it chose."""
    path = make_letterhead_pdf(
        tmp_path / "p.pdf", _STRAY, head=["Samordningsförbundet Finnveden"], foot=["{page}"]
    )
    doc = parse_file(path)
    assert _meta(doc) == ("finnveden", "2024-02-08", "protokoll")
    assert outline(doc) == [
        ("Punkt 1", "Mötets öppnande", []),
        ("Punkt 2", "Val av justerare", ["att utse\nJusterare\nSara Lind"]),
        ("Punkt 3", "Verksamhetsplan", ["Verksamhetsplanen antas"]),
        ("Punkt 4", "Mötets avslutande", []),
    ]
    assert doc.header.endswith("Punkt 12")
    assert doc.sections[-1].text.endswith("Karin Ek Sara Lind")


# --- 9. one decision made per capsulam, without § -----------------------------------------

_PER_CAPSULAM = """Samordningsförbundet Umeå
Protokoll – beslut per capsulam
Beslutsdatum: 2024-07-03

Ärende
Yttrande över remiss om ny förordning för finansiell samordning

Bakgrund
Socialdepartementet har remitterat ett förslag. Styrelsen beslutade vid förra mötet att
uppdra åt förbundschefen att ta fram ett yttrande. Samtliga ledamöter har via e-post
meddelat att de bifaller förslaget.

Beslut
Styrelsen beslutar per capsulam att avge yttrande enligt bilaga.

Justeras
Karin Ek            Olle Berg
"""


def test_a_decision_made_per_capsulam() -> None:
    """A document of one decision, without §: the decision is the one under its label, not
    the earlier one in the background, and the signatures end it."""
    doc = parse_text(_PER_CAPSULAM)
    assert _meta(doc) == ("umea", "2024-07-03", "protokoll")
    assert outline(doc) == [
        (
            "",
            "Protokoll – beslut per capsulam",
            ["Styrelsen beslutar per capsulam att avge yttrande enligt bilaga."],
        )
    ]


# --- 10. a board protocol read by a second reader (rev25) -----------------------------------

_SECOND_READING = """\
Protokoll styrelsemöte
Samordningsförbundet i Halland
Datum: 2024-11-20

§ 40 Mötets öppnande och dagordning
Ordföranden öppnade mötet. Ordföranden frågar om styrelsen godkänner dagordningen och
finner att så är fallet.

§ 41 Föregående protokoll
Styrelsen godkände protokollet från sammanträdet den 16 oktober.

§ 42 Ekonomisk rapport
Förbundschefen redovisade utfallet till och med oktober. Beslut: Rapporten läggs till
handlingarna.

§ 43 Information om projektmedel
Samordningsförbundet beviljades 500 000 kronor i projektmedel av ESF-rådet.
Ansökan om förlängning beviljades av ESF-rådet i juni.
Informationen läggs till handlingarna.

§ 44 Verksamhetsplan 2025
Arbetsutskottets förslag till beslut
Styrelsen beslutar att anta verksamhetsplanen för 2025.
Beslut
Arbetsutskottets förslag bifalls.

§ 45 Revisionsberättelse
Revisorerna tillstyrker att styrelsen beviljas ansvarsfrihet för 2023.
Revisionsberättelsen läggs till handlingarna.
"""


def test_a_board_protocol_read_a_second_time() -> None:
    """The chair's question and finding, the last meeting's minutes approved by their date,
    a label after a sentence on its line, the funds the förbund was granted by others, a
    working committee's proposal under its label, and the auditors' recommendation: each
    was read wrong after dec25, a decision lost or one made up."""
    doc = parse_text(_SECOND_READING)
    assert _meta(doc) == ("halland", "2024-11-20", "protokoll")
    assert outline(doc) == [
        (
            "§ 40",
            "Mötets öppnande och dagordning",
            ["Ordföranden frågar om styrelsen godkänner dagordningen och finner att så är fallet."],
        ),
        (
            "§ 41",
            "Föregående protokoll",
            ["Styrelsen godkände protokollet från sammanträdet den 16 oktober."],
        ),
        ("§ 42", "Ekonomisk rapport", ["Rapporten läggs till\nhandlingarna."]),
        (
            "§ 43",
            "Information om projektmedel",
            ["Informationen läggs till handlingarna."],
        ),
        ("§ 44", "Verksamhetsplan 2025", ["Arbetsutskottets förslag bifalls."]),
        ("§ 45", "Revisionsberättelse", ["Revisionsberättelsen läggs till handlingarna."]),
    ]
