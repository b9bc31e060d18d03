"""More messy protocols, modelled on what samordningsförbund publish: "12 §" and "§12"
headings, impersonal decisions ("Beslutades att …"), e-signing pages with identity numbers,
a protocol printed twice with its pages numbered on, a report's goals without a dash, a
letterhead row that names an unknown förbund, reservations under a decision, dates written
"3/3 2024". Each case builds a real PDF with fpdf2 (tests/pdfgen.py), or writes the text or
HTML such a protocol is published as, and says what a correct parse holds: the sections with
their labels, titles and decisions, the date, the förbund and the kind; no identity number
anywhere, and no page furniture or signing log in a section's text."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from index.parse import parse_file, parse_text
from tests.parsecheck import assert_private as _assert_private
from tests.parsecheck import outline as _outline
from tests.parsecheck import texts as _texts
from tests.pdfgen import (
    make_header_table_pdf,
    make_letterhead_pdf,
    make_pdf,
    make_placed_pdf,
)

# --- 1. "12 §" headings and the impersonal "Beslutades att …" of older protocols ---------

_IMPERSONAL = [
    [
        "Protokoll fört vid styrelsesammanträde med Samordningsförbundet Norra Västmanland",
        "den 3 mars 2024 i Sala stadshus",
        "",
        "Närvarande: Karin Ek (ordf.), Olle Berg, Sara Lind",
        "",
        "12 § Mötets öppnande",
        "Ordföranden förklarade mötet öppnat.",
        "",
        "13 § Val av justerare",
        "Beslutades att utse Olle Berg att jämte ordföranden justera protokollet.",
        "",
        "14 § Budgetuppföljning",
        "Förbundschefen redovisade utfallet för januari och februari.",
        "Beslutades",
        "att godkänna budgetuppföljningen,",
        "att lägga rapporten till handlingarna.",
    ],
    [
        "15 § Internkontroll",
        "Beslöts att anta internkontrollplanen för 2024.",
        "",
        "16 § Mötets avslutande",
        "Ordföranden tackade och avslutade mötet.",
        "",
        "Vid protokollet",
        "Eva Nord",
        "Justeras",
        "Karin Ek           Olle Berg",
    ],
]


def test_paragraphs_numbered_before_the_sign_with_impersonal_decisions(tmp_path: Path) -> None:
    """ "Beslutades att …" and "Beslöts att …" are how older protocols record a decision, and
    "Beslutades" alone heads its "att"-list; none of them was read as a decision."""
    path = make_pdf(
        tmp_path / "p.pdf",
        _IMPERSONAL,
        header="Samordningsförbundet Norra Västmanland",
        footer="Sida {page} av {pages}",
    )
    doc = parse_file(path)
    assert (doc.forbund_slug, doc.date, doc.kind) == (
        "norra-vastmanland",
        "2024-03-03",
        "protokoll",
    )
    assert _outline(doc) == [
        ("§ 12", "Mötets öppnande", []),
        (
            "§ 13",
            "Val av justerare",
            ["Beslutades att utse Olle Berg att jämte ordföranden justera protokollet."],
        ),
        (
            "§ 14",
            "Budgetuppföljning",
            ["att godkänna budgetuppföljningen,\natt lägga rapporten till handlingarna."],
        ),
        ("§ 15", "Internkontroll", ["Beslöts att anta internkontrollplanen för 2024."]),
        ("§ 16", "Mötets avslutande", []),
    ]
    assert [(s.page, s.page_end) for s in doc.sections] == [(1, 1)] * 3 + [(2, 2)] * 2
    assert "Sida" not in _texts(doc) and "Västmanland" not in _texts(doc)
    assert doc.warnings == []


# --- 2. "§1" without a space, a date "3/3 2024", the förbund only in the footer ------------

_FOOTER_ONLY = [
    [
        "PROTOKOLL",
        "Styrelsemöte 3/3 2024",
        "Plats: Förbundets kansli, Kalmar",
        "",
        "§1 Öppnande",
        "Ordförande Lars Holm öppnade mötet.",
        "",
        "§2 Dagordning",
        "Dagordningen fastställdes.",
        "",
        "§3 Verksamhetsplan 2025",
        "Förbundschefen presenterade förslaget till verksamhetsplan.",
        "Styrelsen beslutar",
        "att anta verksamhetsplanen för 2025",
        "att ge förbundschefen i uppdrag att återrapportera i juni",
    ],
    [
        "§4 Information från parterna",
        "Försäkringskassan informerade om nya handläggningsrutiner.",
        "",
        "§5 Nästa möte",
        "Nästa möte hålls den 14 maj 2024.",
    ],
]


def test_a_meeting_dated_3_3_2024_named_only_in_the_footer(tmp_path: Path) -> None:
    """ "Styrelsemöte 3/3 2024" names the meeting as "Möte 3/3 2024" does; the day-first
    numeric date was read only after a label of its own."""
    footer = "Samordningsförbundet Kalmar län | Sida {page}/{pages}"
    doc = parse_file(make_pdf(tmp_path / "p.pdf", _FOOTER_ONLY, header=None, footer=footer))
    assert (doc.forbund_slug, doc.date, doc.kind, doc.title) == (
        "kalmar-lan",
        "2024-03-03",
        "protokoll",
        "PROTOKOLL",
    )
    assert _outline(doc) == [
        ("§ 1", "Öppnande", []),
        ("§ 2", "Dagordning", ["Dagordningen fastställdes."]),
        (
            "§ 3",
            "Verksamhetsplan 2025",
            [
                "Styrelsen beslutar att anta verksamhetsplanen för 2025\n"
                "att ge förbundschefen i uppdrag att återrapportera i juni"
            ],
        ),
        ("§ 4", "Information från parterna", []),
        ("§ 5", "Nästa möte", []),
    ]
    assert "Kalmar län" not in _texts(doc) and "Sida" not in _texts(doc)
    assert doc.warnings == []


@pytest.mark.parametrize(
    "table",
    [
        [["Datum", "Tid", "Plats"], ["3/3 2024", "13.00-15.00", "Kansliet"]],
        [["Justeringsdatum", "Sammanträdesdatum"], ["10/3-2024", "3/3-2024"]],
    ],
)
def test_a_header_table_dated_3_3_2024(tmp_path: Path, table: list[list[str]]) -> None:
    """A table of dates written day first with a slash: its value row was no date."""
    body = ["§ 1 Öppnande", "Mötet öppnas.", "§ 2 Budget", "Styrelsen beslutar att anta budgeten."]
    head = [["Samordningsförbundet Halland"], ["Protokoll"], *table]
    doc = parse_file(make_header_table_pdf(tmp_path / "p.pdf", head, body))
    assert (doc.forbund_slug, doc.date, doc.warnings) == ("halland", "2024-03-03", [])
    assert _outline(doc) == [
        ("§ 1", "Öppnande", []),
        ("§ 2", "Budget", ["Styrelsen beslutar att anta budgeten."]),
    ]


# --- 3. a § continued on the next page under the repeated letterhead ----------------------


def test_a_paragraph_continued_under_the_repeated_letterhead(tmp_path: Path) -> None:
    head = ["Samordningsförbundet Finsam Göteborg", "PROTOKOLL", "Styrelsen 2024-03-03"]
    pages = [
        [
            "Närvarande: Anna Al, Bo Bu, Cia Ce",
            "",
            "§ 7 Ekonomisk rapport",
            "Ekonomen redovisar utfallet till och med februari. Intäkterna följer budget",
            "medan kostnaderna för insatser är lägre än beräknat, främst beroende på att",
            "två insatser startat senare än planerat. Prognosen för helåret visar ett",
            "överskott om cirka 400 tkr som föreslås användas till nya insatser under",
        ],
        [
            "§ 7 Ekonomisk rapport (forts.)",
            "hösten. Styrelsen diskuterar hur överskottet bäst kan användas.",
            "Beslut",
            "Styrelsen beslutar att godkänna den ekonomiska rapporten.",
            "",
            "§ 8 Avslutning",
            "Ordföranden avslutar mötet.",
        ],
    ]
    path = make_letterhead_pdf(
        tmp_path / "p.pdf", pages, head=head, foot=["Sida {page} av {pages}"]
    )
    doc = parse_file(path)
    assert (doc.forbund_slug, doc.date) == ("goteborg", "2024-03-03")
    assert _outline(doc) == [
        ("§ 7", "Ekonomisk rapport", ["Styrelsen beslutar att godkänna den ekonomiska rapporten."]),
        ("§ 8", "Avslutning", []),
    ]
    first = doc.sections[0]
    assert (first.page, first.page_end) == (1, 2)
    assert "användas till nya insatser under\nhösten." in first.text
    assert "forts" not in first.text and "Göteborg" not in _texts(doc)


# --- 4. e-signing pages appended, with names and identity numbers ------------------------

_SIGNED = [
    "Samordningsförbundet Göteborg",
    "Protokoll styrelsemöte",
    "Datum: 2024-03-12",
    "§ 1 Mötets öppnande",
    "Ordföranden öppnar mötet.",
    "§ 2 Budget",
    "Beslut: Styrelsen beslutar att anta budgeten.",
    "§ 3 Avslutning",
    "Ordföranden avslutar mötet.",
    "Ordförande                 Justerare",
    "Karin Ek                   Olle Berg",
]
_LOGS = {
    # Comfact's signers' page
    "comfact": [
        "Dokumentet har signerats elektroniskt med Comfact Signature",
        "Signerat av: Karin Ek",
        "Datum och tid: 2024-03-13 09:14:22 CET",
        "Personnummer: 19700101-1233",
        "Legitimering: BankID",
        "Signerat av: Olle Berg",
        "Datum och tid: 2024-03-13 11:02:51 CET",
        "Personnummer: 19650505-4327",
        "Legitimering: BankID",
        "Referensnummer: 4812-7732-1190",
        "Dokumentets kontrollsumma (SHA-256):",
        "9f2c1a7b3e8d4c6f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5a6b7",
    ],
    # the same headed with the service's name
    "comfact heading": [
        "Comfact Signature",
        "Referensnummer: 4812-7732-1190",
        "Karin Ek, 19700101-1233",
        "2024-03-13 09:14:22 CET",
        "Legitimering: BankID",
        "Olle Berg",
        "2024-03-13 11:02:51 CET",
        "Legitimering: BankID",
    ],
    # a signers' page headed "Signerat av", as Visma Sign and others print it
    "signerat av": [
        "Signerat av",
        "Karin Ek",
        "19700101-1233",
        "2024-03-13 09:14:22 (UTC+01:00)",
        "Signerad med BankID",
        "Olle Berg",
        "19650505-4327",
        "2024-03-13 11:02:51 (UTC+01:00)",
        "Signerad med BankID",
    ],
    # Scrive's verification page
    "scrive": [
        "Verifikat",
        "Transaktion 09222115557512345678",
        "Dokument",
        "Protokoll styrelsemöte 2024-03-12",
        "Huvuddokument",
        "2 sidor",
        "Initierat på 2024-03-12 15:02:11 CET (+0100) av Eva Nord (EN)",
        "Färdigställt 2024-03-13 11:02:51 CET (+0100)",
        "Signerande parter",
        "Karin Ek (KE)",
        "Personnummer 197001011233",
        "karin.ek@example.se",
        "Signerade 2024-03-13 09:14:22 CET (+0100)",
        "Olle Berg (OB)",
        "Personnummer 196505054327",
        "olle.berg@example.se",
        "Signerade 2024-03-13 11:02:51 CET (+0100)",
        "Detta verifikat är utfärdat av Scrive.",
    ],
}


@pytest.mark.parametrize("service", list(_LOGS))
def test_an_appended_signing_page_is_no_part_of_the_last_paragraph(
    tmp_path: Path, service: str
) -> None:
    """Comfact's page ("Dokumentet har signerats elektroniskt …") and a page headed "Signerat
    av" were read as the rest of § 3: its text held the signers' identity numbers (masked),
    times and the document's hash."""
    doc = parse_file(make_pdf(tmp_path / "p.pdf", [_SIGNED, _LOGS[service]], footer=None))
    assert (doc.forbund_slug, doc.date) == ("goteborg", "2024-03-12")
    assert _outline(doc) == [
        ("§ 1", "Mötets öppnande", []),
        ("§ 2", "Budget", ["Styrelsen beslutar att anta budgeten."]),
        ("§ 3", "Avslutning", []),
    ]
    last = doc.sections[-1]
    assert last.text == "Ordföranden avslutar mötet.\nOrdförande Justerare\nKarin Ek Olle Berg"
    assert (last.page, last.page_end) == (1, 1)
    _assert_private(doc)
    assert doc.original_has_personal_numbers


def test_a_paragraph_that_mentions_signing_keeps_its_text() -> None:
    """ "Signerat av …" opens a log only where log lines follow it, after the last §."""
    text = (
        "Protokoll 2024-03-12\n§ 1 Justering\nSignerat av ordföranden och justeraren.\n"
        "Styrelsen beslutar att protokollet signeras digitalt.\n"
    )
    doc = parse_text(text)
    assert doc.sections[0].text == (
        "Signerat av ordföranden och justeraren.\n"
        "Styrelsen beslutar att protokollet signeras digitalt."
    )


@pytest.mark.parametrize(
    "line",
    [
        "signerat av ordförande och justerare med BankID",  # a sentence wrapped before it
        "Signerat av ordföranden och justeraren i tjänsten Comfact med BankID",
    ],
)
def test_a_last_paragraph_about_e_signing_keeps_its_decision(line: str) -> None:
    """The last § of a protocol that decides to sign its protocols in Comfact names the
    service, BankID and Scrive on three lines: with a line that opens "signerat av" (a
    sentence wrapped there) above them, it was taken for Comfact's signers' page and cut,
    its decision with it. A signers' page's "Signerat av" is a heading (alone, or before a
    colon or a signer's name), never a sentence's words."""
    text = "\n".join(
        [
            "Samordningsförbundet Göteborg",
            "Protokoll styrelsemöte 2024-03-12",
            "§ 1 Mötets öppnande",
            "Ordföranden öppnade mötet.",
            "§ 2 Digital signering av protokoll",
            "Kansliet föreslår att protokollen framöver ska vara",
            line,
            "i tjänsten Comfact, som ersätter Scrive.",
            "Comfact kostar 4 000 kronor per år.",
            "Styrelsen beslutar att införa Comfact från 1 april 2024.",
        ]
    )
    last = parse_text(text).sections[-1]
    assert last.text.endswith("Styrelsen beslutar att införa Comfact från 1 april 2024.")
    assert [d.text for d in last.decisions] == [
        "Styrelsen beslutar att införa Comfact från 1 april 2024."
    ]


# --- 5. the whole protocol printed twice into one PDF -------------------------------------

_TWICE = [
    [
        "Samordningsförbundet Västernorrland",
        "Protokoll från styrelsemöte",
        "Datum: 2024-05-16",
        "Plats: Härnösand",
        "§ 20 Mötets öppnande",
        "Ordföranden hälsade välkommen och öppnade mötet.",
        "§ 21 Godkännande av dagordning",
        "Dagordningen godkändes.",
        "§ 22 Årsredovisning 2023",
        "Förbundschefen föredrog årsredovisningen för 2023.",
        "Styrelsen beslutar att godkänna årsredovisningen och överlämna den till revisorerna.",
    ],
    [
        "§ 23 Insatskatalog",
        "Processledaren presenterade den nya insatskatalogen för medlemmarna.",
        "Beslut",
        "Informationen noteras.",
        "§ 24 Mötets avslutande",
        "Ordföranden avslutade mötet.",
    ],
]


@pytest.mark.parametrize(
    ("header", "footer"),
    [
        (None, "Sida {page} ({pages})"),
        ("Protokoll styrelsemöte 2024-05-16, sida {page} av {pages}", None),
        ("Samordningsförbundet Västernorrland", "{page} ({pages})"),
        (None, None),
    ],
)
def test_a_protocol_printed_twice_with_its_pages_numbered_on(
    tmp_path: Path, header: str | None, footer: str | None
) -> None:
    """The copy's pages are numbered 3 and 4: the number broke the copy's lines off its
    original's at each page's edge, and the copy's last page (too short to be found by
    itself) stayed, its § 23 and § 24 twice in the index."""
    path = make_pdf(tmp_path / "p.pdf", _TWICE + _TWICE, header=header, footer=footer)
    doc = parse_file(path)
    assert (doc.forbund_slug, doc.date) == ("vasternorrland", "2024-05-16")
    assert _outline(doc) == [
        ("§ 20", "Mötets öppnande", []),
        ("§ 21", "Godkännande av dagordning", ["Dagordningen godkändes."]),
        (
            "§ 22",
            "Årsredovisning 2023",
            [
                "Styrelsen beslutar att godkänna årsredovisningen och överlämna den till"
                " revisorerna."
            ],
        ),
        ("§ 23", "Insatskatalog", ["Informationen noteras."]),
        ("§ 24", "Mötets avslutande", []),
    ]
    assert doc.sections[-1].text == "Ordföranden avslutade mötet."
    assert [s.page for s in doc.sections] == [1, 1, 1, 2, 2]


_REWRAPPED = [
    (
        "§ 30 Mötets öppnande",
        "Ordföranden hälsade ledamöter och ersättare välkomna och förklarade"
        " mötet öppnat. Förbundschefen presenterade dagens ärenden och de nya ersättarna.",
    ),
    (
        "§ 31 Verksamhetsplan 2025",
        "Förbundschefen föredrog förslaget till verksamhetsplan med"
        " budget för 2025. Planen bygger på de behov som parterna har lyft fram under hösten, med"
        " särskilt fokus på unga vuxna som varken arbetar eller studerar och på personer med"
        " långvarig sjukskrivning. Styrelsen diskuterade hur insatserna ska följas upp och hur"
        " resultaten ska redovisas för medlemmarna under året.",
    ),
    (
        "§ 32 Beslut om verksamhetsplan",
        "Styrelsen beslutar att fastställa verksamhetsplanen"
        " med budget för 2025 och att uppdra åt förbundschefen att redovisa uppföljningen vid"
        " varje tertialbokslut under året.",
    ),
    ("§ 33 Mötets avslutande", "Ordföranden tackade för ett givande möte och avslutade det."),
]


def _set(width: int, per_page: int) -> list[list[str]]:
    """The paragraphs above wrapped at `width` characters, `per_page` lines a page."""
    lines = [
        line for heading, body in _REWRAPPED for line in [heading, *textwrap.wrap(body, width)]
    ]
    return [lines[k : k + per_page] for k in range(0, len(lines), per_page)]


def test_a_copy_wrapped_at_another_width_with_its_pages_numbered_on(tmp_path: Path) -> None:
    """A protocol and its copy set at another width, both numbered "Sida n (5)" at each page's
    foot: the page numbers cut the copy's words into runs too short to be found, and § 31 to
    § 33 stood twice."""
    head = ["Samordningsförbundet Västernorrland", "Protokoll styrelsemöte 2024-05-16"]
    original = _set(95, 12)
    original[0] = [*head, *original[0]]
    pages = original + _set(60, 8)
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, footer="Sida {page} ({pages})"))
    assert [s.label for s in doc.sections] == ["§ 30", "§ 31", "§ 32", "§ 33"]
    assert [len(s.decisions) for s in doc.sections] == [0, 0, 1, 0]
    assert all(s.page_end <= len(original) for s in doc.sections)


def test_two_meetings_with_numbered_pages_are_no_copy(tmp_path: Path) -> None:
    """Two meetings of one file print the same head and "§ 1" text on pages numbered alike;
    their titles' dates differ, and the second meeting stays."""
    meeting = [
        "Närvarande: Anna Al, Bo Bu, Cia Ce, Dan Du, Eva Ek",
        "Plats: Kansliet, Storgatan 1, Härnösand",
        "§ 1 Mötets öppnande",
        "Ordföranden hälsade alla välkomna och förklarade mötet öppnat.",
        "§ 2 Val av justerare",
        "Bo Bu utsågs att jämte ordföranden justera dagens protokoll.",
        "§ 3 Godkännande av dagordning",
        "Dagordningen godkändes utan ändringar eller tillägg.",
    ]
    pages = [
        ["Protokoll styrelsemöte 2024-02-10", *meeting],
        ["Protokoll styrelsemöte 2024-04-10", *meeting],
    ]
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, footer="Sida {page} ({pages})"))
    assert [s.date for s in doc.sections if s.label == "§ 1"] == ["2024-02-10", "2024-04-10"]


# --- 6. a two-column attendance block ------------------------------------------------------


def test_a_two_column_attendance_block_stays_in_the_head(tmp_path: Path) -> None:
    rows: list[list[tuple[float, str]] | None] = [
        [(20, "Samordningsförbundet Gävleborg")],
        [(20, "PROTOKOLL")],
        [(20, "Sammanträdesdatum"), (80, "2024-04-18")],
        None,
        [(20, "Ledamöter"), (110, "Ersättare")],
        [(20, "Anna Ek, ordförande, Region Gävleborg"), (110, "Lars Åberg, Region Gävleborg")],
        [(20, "Per Berg, vice ordförande, Gävle kommun"), (110, "Mona Sund, Sandvikens kommun")],
        [(20, "Siv Holm, Försäkringskassan"), (110, "Ola Ström, Arbetsförmedlingen")],
        None,
        [(20, "§ 31"), (45, "Val av justerare")],
        [(45, "Per Berg utses att justera protokollet.")],
        None,
        [(20, "§ 32"), (45, "Uppföljning av insatser")],
        [(45, "Förbundschefen redovisar uppföljningen av insatserna för första kvartalet.")],
        [(45, "Styrelsen beslutar att lägga redovisningen till handlingarna.")],
        None,
        [(20, "§ 33"), (45, "Mötets avslutande")],
        [(45, "Ordföranden avslutar mötet.")],
    ]
    doc = parse_file(make_placed_pdf(tmp_path / "p.pdf", rows))
    assert (doc.forbund_slug, doc.date, doc.kind) == ("gavleborg", "2024-04-18", "protokoll")
    assert _outline(doc) == [
        ("§ 31", "Val av justerare", ["Per Berg utses att justera protokollet."]),
        (
            "§ 32",
            "Uppföljning av insatser",
            ["Styrelsen beslutar att lägga redovisningen till handlingarna."],
        ),
        ("§ 33", "Mötets avslutande", []),
    ]
    for name in ("Anna Ek", "Lars Åberg", "Siv Holm", "Ola Ström"):
        assert name in doc.header
    assert "Ersättare" not in _texts(doc)


# --- 7. a report whose goals have no dash, with "Delmål" under them ----------------------


def test_a_reports_goals_without_a_dash_hold_their_sub_goals(tmp_path: Path) -> None:
    """ "Mål 1 Fler individer …" (no dash after the number) was no heading: the report was
    one section and warned of no structure. A "Delmål 1.2" is part of its goal's text."""
    pages = [
        [
            "Samordningsförbundet Centrala Östergötland",
            "Delårsrapport januari-augusti 2024",
            "",
            "Mål 1 Fler individer når egen försörjning",
            "Delmål 1.1 Minst 40 procent av deltagarna går vidare till arbete eller studier",
            "Under perioden avslutade 112 deltagare sina insatser och 47 av dem gick vidare till",
            "arbete eller studier, vilket motsvarar 42 procent.",
            "Delmål 1.2 Deltagarna upplever ökad hälsa",
            "Enkäten visar att 68 procent av deltagarna upplever förbättrad hälsa.",
            "",
            "Mål 2 Stärkt samverkan mellan parterna",
            "Delmål 2.1 Gemensamma kompetensinsatser",
            "Fyra utbildningsdagar har genomförts med totalt 230 deltagare.",
        ],
        [
            "Delmål 2.2 Strukturöverskridande arbete",
            "Arbetet med gemensam kartläggning fortsätter under hösten.",
            "",
            "Mål 3 Effektiv förbundsorganisation",
            "Kansliet har arbetat med nytt ärendehanteringssystem.",
        ],
    ]
    path = make_pdf(tmp_path / "r.pdf", pages, footer="Delårsrapport 2024 | {page}")
    doc = parse_file(path)
    assert (doc.forbund_slug, doc.kind, doc.date) == (
        "centrala-ostergotland",
        "rapport",
        "2024-08-31",
    )
    assert _outline(doc) == [
        ("Mål 1", "Fler individer når egen försörjning", []),
        ("Mål 2", "Stärkt samverkan mellan parterna", []),
        ("Mål 3", "Effektiv förbundsorganisation", []),
    ]
    assert doc.sections[0].text.split("\n")[3] == "Delmål 1.2 Deltagarna upplever ökad hälsa"
    assert (doc.sections[1].page, doc.sections[1].page_end) == (1, 2)
    assert "Delårsrapport" not in _texts(doc)
    assert doc.warnings == []


@pytest.mark.parametrize(
    "line",
    [
        "Mål 1 nåddes under perioden.",
        "Mål 2 Fler deltagare gick vidare till arbete.",
        # A sentence that wraps after its first line: no sentence end on the line itself.
        "Mål 2 Ökad samverkan har nåtts genom att kansliet och parterna under",
    ],
)
def test_a_sentence_that_opens_with_a_goal_is_no_heading(line: str) -> None:
    doc = parse_text(f"Tertialrapport 1 2024\nMål 1 – Arbete\nText om arbete.\n{line}")
    assert [s.label for s in doc.sections] == ["Mål 1"]
    assert doc.sections[0].text == f"Text om arbete.\n{line}"


_GOALS = (
    "Mål 1 – Fler i arbete\nAv 40 deltagare har 12 gått till arbete.\n\nMål 2 – Ökad samverkan\n"
)
_GOALS += "Parterna har träffats varje månad.\n"


@pytest.mark.parametrize(
    "rows",
    [
        "Mål 1 Uppfyllt\nMål 2 Delvis uppfyllt",
        "Mål 2 Ej uppfyllt\nMål 3 Uppfyllt\nMål 4 Delvis uppfyllt",
    ],
)
def test_a_table_of_goals_without_dashes_is_no_heading(rows: str) -> None:
    """A report's summary lists its goals' status one row each ("Mål 1 Uppfyllt"): read as
    goals without a dash, each row became a section of its own, and a goal's label repeated."""
    text = f"Tertialrapport 1 2024\n{_GOALS}\nSammanfattning\n{rows}\nArbetet går enligt plan.\n"
    doc = parse_text(text)
    assert [(s.label, s.title) for s in doc.sections] == [
        ("Mål 1", "Fler i arbete"),
        ("Mål 2", "Ökad samverkan"),
    ]
    assert doc.sections[-1].text.endswith(f"{rows}\nArbetet går enligt plan.")


def test_a_goal_without_a_dash_whose_text_opens_with_its_goal_is_a_heading() -> None:
    text = "Tertialrapport 1 2024\nMål 1 Fler i arbete\nMål 1 har nåtts till 80 procent.\n"
    doc = parse_text(text)
    assert [(s.label, s.title, s.text) for s in doc.sections] == [
        ("Mål 1", "Fler i arbete", "Mål 1 har nåtts till 80 procent.")
    ]


def test_a_list_of_goals_without_dashes_before_them_leaves_the_goals_headings() -> None:
    """The goals listed in the report's opening, right above the first goal's heading, are
    no headings; the goals themselves are, each with its text."""
    text = (
        "Tertialrapport 1 2024\nFörbundets mål:\nMål 1 Fler i arbete\nMål 2 Ökad samverkan\n"
        "Mål 1 Fler i arbete\nAv 40 deltagare har 12 gått till arbete.\n"
        "Mål 2 Ökad samverkan\nParterna har träffats varje månad.\n"
    )
    doc = parse_text(text)
    assert [(s.label, s.title, s.text) for s in doc.sections] == [
        ("Mål 1", "Fler i arbete", "Av 40 deltagare har 12 gått till arbete."),
        ("Mål 2", "Ökad samverkan", "Parterna har träffats varje månad."),
    ]


# --- 8. an agenda that lists the § titles before the § ------------------------------------


def test_an_agenda_on_its_own_page_before_the_paragraphs(tmp_path: Path) -> None:
    pages = [
        [
            "Samordningsförbundet Uppsala län",
            "Protokoll styrelsemöte",
            "Tid: tisdagen den 3 mars 2024 kl. 09.00-12.00",
            "Plats: Förbundets kansli",
            "",
            "Dagordning",
            "§ 1 Mötets öppnande",
            "§ 2 Val av justerare",
            "§ 3 Godkännande av dagordning",
            "§ 4 Verksamhetsplan 2025",
            "§ 5 Mötets avslutande",
        ],
        [
            "§ 1 Mötets öppnande",
            "Ordföranden öppnade mötet.",
            "§ 2 Val av justerare",
            "Till justerare valdes Maria Lund.",
            "§ 3 Godkännande av dagordning",
            "Dagordningen godkändes.",
            "§ 4 Verksamhetsplan 2025",
            "Förbundschefen presenterade förslaget.",
            "Styrelsens beslut",
            "Styrelsen beslutar att fastställa verksamhetsplanen för 2025.",
            "§ 5 Mötets avslutande",
            "Ordföranden avslutade mötet.",
        ],
    ]
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages))
    assert (doc.forbund_slug, doc.date, doc.title) == (
        "uppsala-lan",
        "2024-03-03",
        "Protokoll styrelsemöte",
    )
    assert _outline(doc) == [
        ("§ 1", "Mötets öppnande", []),
        ("§ 2", "Val av justerare", ["Till justerare valdes Maria Lund."]),
        ("§ 3", "Godkännande av dagordning", ["Dagordningen godkändes."]),
        (
            "§ 4",
            "Verksamhetsplan 2025",
            ["Styrelsen beslutar att fastställa verksamhetsplanen för 2025."],
        ),
        ("§ 5", "Mötets avslutande", []),
    ]
    assert all(s.page == 2 for s in doc.sections)
    assert "Dagordning\n§ 1 Mötets öppnande" in doc.header


# --- 9. words hyphenated over a line and over a page break --------------------------------


def test_words_hyphenated_over_a_page_break_are_joined(tmp_path: Path) -> None:
    pages = [
        [
            "Protokoll styrelsesammanträde",
            "Sammanträdesdatum: 2024-09-12",
            "§ 40 Samverkan med Region",
            "Förbundschefen informerar om den fortsatta samverkan med regionens",
            "psykiatri. Arbetet har gett goda resultat och styrelsen ser positivt på verk-",
        ],
        [
            "samheten. Ett nytt avtal ska tas fram till hösten. Även arbetsförmed-",
            "lingens deltagande diskuterades.",
            "Beslut",
            "Styrelsen beslutar att ge förbundschefen i uppdrag att ta fram ett nytt sam-",
            "verkansavtal.",
            "§ 41 Avslutning",
            "Mötet avslutas.",
        ],
    ]
    header = "Samordningsförbundet RAR i Sörmland"
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, header=header, footer="{page} ({pages})"))
    assert (doc.forbund_slug, doc.date) == ("rar-sormland", "2024-09-12")
    assert _outline(doc) == [
        (
            "§ 40",
            "Samverkan med Region",
            [
                "Styrelsen beslutar att ge förbundschefen i uppdrag att ta fram ett nytt"
                " samverkansavtal."
            ],
        ),
        ("§ 41", "Avslutning", []),
    ]
    text = doc.sections[0].text
    assert "verksamheten." in text and "arbetsförmedlingens" in text
    assert "(2)" not in text and "Sörmland" not in text


# --- 10. an HTML protocol with "§12" headings and an identity number in the text ----------


def test_an_html_protocol_with_an_att_list_and_an_identity_number(tmp_path: Path) -> None:
    page = """<!DOCTYPE html><html lang="sv"><head><meta charset="utf-8">
<title>Protokoll 2024-03-03 | Samordningsförbundet Värmland</title></head><body>
<header><nav><ul><li><a href="/">Start</a></li><li><a href="/protokoll">Protokoll</a></li>
</ul></nav></header><main><article>
<h1>Protokoll styrelsemöte 3 mars 2024</h1>
<p><strong>Datum:</strong> 2024-03-03<br><strong>Plats:</strong> Karlstad</p>
<p><strong>Närvarande:</strong> Eva Ek (ordf), Jan Ås, Lena Berg</p>
<h2>§12 Val av justerare</h2><p>Jan Ås valdes att justera protokollet.</p>
<h2>§13 Budget 2025</h2><p>Ekonomen presenterade förslag till budget.</p>
<p><strong>Beslut:</strong></p>
<ul><li>att anta budgeten för 2025</li>
<li>att uppdra åt förbundschefen att informera medlemmarna</li></ul>
<h2>§14 Rapport från förbundschefen</h2>
<p>Förbundschefen rapporterade om ett underlag där en deltagares personnummer
19850412-1230 felaktigt nämnts.</p>
<h2>§15 Mötet avslutas</h2><p>Ordföranden avslutade mötet.</p>
</article></main>
<footer><p>Samordningsförbundet Värmland | info@finsamvarmland.se</p></footer>
</body></html>"""
    path = tmp_path / "protokoll.html"
    path.write_text(page, "utf-8")
    doc = parse_file(path)
    assert (doc.forbund_slug, doc.date, doc.title) == (
        "varmland",
        "2024-03-03",
        "Protokoll styrelsemöte 3 mars 2024",
    )
    assert _outline(doc) == [
        ("§ 12", "Val av justerare", ["Jan Ås valdes att justera protokollet."]),
        (
            "§ 13",
            "Budget 2025",
            ["att anta budgeten för 2025\natt uppdra åt förbundschefen att informera medlemmarna"],
        ),
        ("§ 14", "Rapport från förbundschefen", []),
        ("§ 15", "Mötet avslutas", []),
    ]
    assert "XXXXXX-XXXX" in doc.sections[2].text
    _assert_private(doc)
    assert "Start" not in _texts(doc) and "info@" not in _texts(doc)


# --- 11. decisions as a list under "Styrelsen beslutar:" and in other voices --------------


def test_decisions_in_the_forms_protocols_write_them() -> None:
    text = """Samordningsförbundet Östra Skaraborg
Protokoll fört vid sammanträde med styrelsen
Datum: 2024-03-03

§ 5
Ekonomisk uppföljning
Ekonomiansvarig redogjorde för utfallet.
Styrelsen beslutar:
• att godkänna uppföljningen
• att uppdra åt kansliet att ta fram en prognos till nästa möte

§ 6
Nya insatser
Efter diskussion beslöt styrelsen att bevilja medel till insatsen Steg framåt.

§ 7 Internkontroll
Beslöts att anta internkontrollplanen för 2024.
Förbundschefen redogör därefter för arbetet med kontrollerna.

§ 8 Övrigt
Styrelsen beslutade att nästa möte hålls den 14 maj 2024.
"""
    doc = parse_text(text)
    assert (doc.forbund_slug, doc.date) == ("ostra-skaraborg", "2024-03-03")
    assert _outline(doc) == [
        (
            "§ 5",
            "Ekonomisk uppföljning",
            [
                "• att godkänna uppföljningen\n"
                "• att uppdra åt kansliet att ta fram en prognos till nästa möte"
            ],
        ),
        (
            "§ 6",
            "Nya insatser",
            ["Efter diskussion beslöt styrelsen att bevilja medel till insatsen Steg framåt."],
        ),
        ("§ 7", "Internkontroll", ["Beslöts att anta internkontrollplanen för 2024."]),
        ("§ 8", "Övrigt", ["Styrelsen beslutade att nästa möte hålls den 14 maj 2024."]),
    ]


# --- 12. a letterhead row: an unknown förbund, "PROTOKOLL" and the page number ------------


def test_an_unknown_forbund_in_a_letterhead_row_is_named_without_the_row(
    tmp_path: Path,
) -> None:
    """ "Samordningsförbundet Sundsvall PROTOKOLL Sida 1 av 3" (one row, not in the registry)
    gave the förbund "Sundsvall PROTOKOLL Sida", slug "sundsvall-protokoll-sida"."""
    head = [
        "Samordningsförbundet Sundsvall          PROTOKOLL          Sida {page} av {pages}",
        "Styrelsen          2024-03-03",
    ]
    foot = ["Justerandes sign          Utdragsbestyrkande"]
    pages = [
        [
            "Plats och tid: Stadshuset, kl. 13.00-15.30",
            "Beslutande: Ann Ny (S), ordförande; Bo Ek (M); Cecilia Al (C)",
            "",
            "Utses att justera: Bo Ek",
            "",
            "§ 1 Upprop och val av justerare",
            "Upprop förrättades. Bo Ek utsågs att justera protokollet.",
            "",
            "§ 2 Ekonomisk rapport per februari",
            "Förbundets kostnader uppgår till 1,2 mnkr, vilket är i nivå med budget.",
            "Styrelsen beslutar att godkänna rapporten.",
        ],
        [
            "§ 3 Ansökan om medel - projekt Nystart",
            "Projektet Nystart har ansökt om 850 tkr för 2024.",
            "Förslag till beslut",
            "Styrelsen beslutar att bevilja 850 tkr.",
            "Beslut",
            "Styrelsen beslutar att bevilja 600 tkr för 2024.",
            "",
            "§ 4 Avslutning",
            "Ordföranden avslutar mötet.",
        ],
        ["Vid protokollet", "", "Lisa Lund, sekreterare", "", "Justeras", "", "Ann Ny   Bo Ek"],
    ]
    doc = parse_file(make_letterhead_pdf(tmp_path / "p.pdf", pages, head=head, foot=foot))
    assert (doc.forbund, doc.forbund_slug, doc.date) == (
        "Samordningsförbundet Sundsvall",
        "sundsvall",
        "2024-03-03",
    )
    assert _outline(doc) == [
        ("§ 1", "Upprop och val av justerare", ["Bo Ek utsågs att justera protokollet."]),
        (
            "§ 2",
            "Ekonomisk rapport per februari",
            ["Styrelsen beslutar att godkänna rapporten."],
        ),
        (
            "§ 3",
            "Ansökan om medel - projekt Nystart",
            ["Styrelsen beslutar att bevilja 600 tkr för 2024."],
        ),
        ("§ 4", "Avslutning", []),
    ]
    texts = _texts(doc)
    assert "Utdragsbestyrkande" not in texts and "Sida" not in texts and "Sundsvall" not in texts


@pytest.mark.parametrize(
    ("line", "name"),
    [
        ("Samordningsförbundet Sundsvall Protokoll styrelsemöte", "Sundsvall"),
        ("Samordningsförbundet Sundsvall Timrå Kallelse", "Sundsvall Timrå"),
        ("Samordningsförbundet Sundsvall", "Sundsvall"),
    ],
)
def test_an_unknown_forbunds_name_ends_before_the_documents_words(line: str, name: str) -> None:
    doc = parse_text(f"{line}\nDatum 2024-03-03\n§ 1 Öppnande\nMötet öppnas.")
    assert doc.forbund == f"Samordningsförbundet {name}"


# --- 13. a reservation and a note to the minutes under the decision ----------------------


def test_a_reservation_under_a_decision_is_no_part_of_it() -> None:
    """A member's "Reservation" and "Protokollsanteckning" under the decision ran into it."""
    text = """Samordningsförbundet Skaraborg
PROTOKOLL
Sammanträdesdatum 2024-11-21

54 § Budget 2025
Dnr 2024/31
Förbundschefen presenterade förslag till budget för 2025.
Beslut
- att fastställa budget för 2025 enligt förslaget
- att medlemsavgifterna för 2025 blir oförändrade
Reservation
Anna Ek (V) reserverar sig mot beslutet till förmån för eget yrkande.

55 § Delegationsordning
Förslag till beslut: Styrelsen beslutar att anta reviderad delegationsordning.
Beslut
Styrelsen beslutar att återremittera ärendet.
Protokollsanteckning: Per Berg (M) anmäler att ärendet behöver beredas vidare.

56 § Information
Förbundschefen informerade om läget i insatserna.
"""
    doc = parse_text(text)
    assert (doc.forbund_slug, doc.date) == ("skaraborg", "2024-11-21")
    assert _outline(doc) == [
        (
            "§ 54",
            "Budget 2025",
            [
                "- att fastställa budget för 2025 enligt förslaget\n"
                "- att medlemsavgifterna för 2025 blir oförändrade"
            ],
        ),
        ("§ 55", "Delegationsordning", ["Styrelsen beslutar att återremittera ärendet."]),
        ("§ 56", "Information", []),
    ]
    assert doc.sections[0].text.startswith("Dnr 2024/31\n")
    assert doc.sections[0].text.endswith(
        "reserverar sig mot beslutet till förmån för eget yrkande."
    )


# --- 14. a scanned page without text among text pages -------------------------------------


def test_a_scanned_page_in_the_middle_is_named_and_the_gap_too(tmp_path: Path) -> None:
    pages = [
        [
            "Samordningsförbundet Norra Dalarna",
            "PROTOKOLL",
            "Styrelsemöte 2024-10-24",
            "§ 50 Mötets öppnande",
            "Ordföranden öppnade mötet.",
            "§ 51 Föregående protokoll",
            "Protokollet lades till handlingarna.",
        ],
        [],
        [
            "§ 55 Sammanträdesplan 2025",
            "Styrelsen beslutar att fastställa sammanträdesplanen för 2025.",
            "§ 56 Mötets avslutande",
            "Ordföranden tackade för visat intresse.",
        ],
    ]
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, footer=None))
    assert (doc.forbund_slug, doc.date) == ("norra-dalarna", "2024-10-24")
    assert _outline(doc) == [
        ("§ 50", "Mötets öppnande", []),
        ("§ 51", "Föregående protokoll", ["Protokollet lades till handlingarna."]),
        (
            "§ 55",
            "Sammanträdesplan 2025",
            ["Styrelsen beslutar att fastställa sammanträdesplanen för 2025."],
        ),
        ("§ 56", "Mötets avslutande", []),
    ]
    assert doc.warnings == [
        "sida 2 har ingen text (en inskannad bild? kör OCR för att få med den)",
        "paragrafnumren hoppar från § 51 till § 55 — saknas en sida?",
    ]
