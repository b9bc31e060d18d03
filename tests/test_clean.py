"""Cleaning: furniture, duplicates, machine data, hyphenation, broken fonts."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import copies
from index.clean import Line, clean, drop_wrap_blanks, join_hyphenated, to_lines
from index.copies import _is_repeated_head
from index.fonts import font_damaged, repair_broken_font
from index.furniture import is_furniture
from index.lines import MeetingTitle
from index.model import Document
from index.parse import parse_file
from index.sources import read_source
from tests.pdfgen import make_letterhead_pdf, make_pdf


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("Justerare Utdragsbestyrkande", True),
        ("Justerandes sign", True),
        ("Justerandes sign Utdragsbestyrkande", True),
        ("Sida 3 (5)", True),
        ("Sida 2 av 7", True),
        ("3 (5)", True),
        ("- 4 -", True),
        ("Justerare", False),  # a label in the header, followed by a name
        ("Styrelsen beslutar:", False),
        ("Sidan visar budgeten", False),
    ],
)
def test_furniture_lines(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


def texts(lines: list[Line]) -> list[str]:
    return [line.text for line in lines]


@pytest.mark.parametrize(
    ("before", "after"),
    [
        (["en samman-", "slagning av förbund"], ["en sammanslagning", "av förbund"]),
        (["nya ESF-", "projekt startar"], ["nya ESF-projekt", "startar"]),
        (["perioden 2025-", "2026 gäller"], ["perioden 2025-2026", "gäller"]),
        (["kl 12-", "14.30."], ["kl 12-14.30.", ""]),
        (["hälso-", "och sjukvården"], ["hälso-", "och sjukvården"]),
        (["icke-", "diskriminering"], ["icke-diskriminering", ""]),
        (["Sammanträdes-", "datum"], ["Sammanträdesdatum", ""]),
        # U+2010 HYPHEN, as some typesetters' fonts map it
        (["en samman\u2010", "slagning av förbund"], ["en sammanslagning", "av förbund"]),
        (["nya ESF\u2010", "projekt startar"], ["nya ESF-projekt", "startar"]),
        (["hälso\u2010", "och sjukvården"], ["hälso\u2010", "och sjukvården"]),
        (["en samman\u2011", "slagning"], ["en samman\u2011", "slagning"]),  # no-break: stays
    ],
)
def test_join_hyphenated(before: list[str], after: list[str]) -> None:
    assert texts(join_hyphenated([Line(t) for t in before])) == after


@pytest.mark.parametrize(
    "title",
    ["Protokoll styrelsemöte 2024-04-10 samman-", "Protokoll styrelse\xadmöte 2024-04-10 samman-"],
)
def test_a_joined_meeting_title_stays_a_meeting_title(title: str) -> None:
    """Only the text changes: the line that opens another meeting still says so."""
    joined = join_hyphenated([Line("text", 2), MeetingTitle(title, 3), Line("träde", 3)])
    assert [type(line) for line in joined] == [Line, MeetingTitle, Line]
    assert joined[1].text.endswith("sammanträde") and "\xad" not in joined[1].text
    assert joined[1].page == 3


@pytest.mark.parametrize(
    ("before", "after"),
    [
        # Word's double spacing: the blank inside a sentence goes.
        (["närvarade och", "", "det var lyckat."], ["närvarade och", "det var lyckat."]),
        (["kostnader,", "", "lokaler och", "", "resor."], ["kostnader,", "lokaler och", "resor."]),
        # A blank after a sentence's end may be a paragraph break: it stays.
        (["Mötet öppnas.", "", "sedan val"], ["Mötet öppnas.", "", "sedan val"]),
        (["Beslut:", "", "att godkänna"], ["Beslut:", "", "att godkänna"]),
        # Before a capital, a bullet or a number, a new paragraph may start: it stays.
        (["Rekrytering", "", "Janet har slutat"], ["Rekrytering", "", "Janet har slutat"]),
        (["åtgärder", "", "• Minst 6"], ["åtgärder", "", "• Minst 6"]),
        (["Budget", "", "2024 års budget"], ["Budget", "", "2024 års budget"]),
        # …except after a word no sentence ends with: there the sentence goes on.
        (
            ["Ordförande och", "", "Förbundschef träffar"],
            ["Ordförande och", "Förbundschef träffar"],
        ),
        (["ett möte med", "", "Region Skåne."], ["ett möte med", "Region Skåne."]),
        (["Mötet avslutas och", "", ""], ["Mötet avslutas och", "", ""]),
        (["Vi och", "", "Och"], ["Vi och", "Och"]),
        (["två uppdrag -", "", "Samverkansutbildning"], ["två uppdrag -", "Samverkansutbildning"]),
        (["Ekonomi", "", "Och"], ["Ekonomi", "", "Och"]),
        # Two blank lines are a paragraph break in any layout.
        (["närvarade och", "", "", "det var"], ["närvarade och", "", "", "det var"]),
        (["", "början"], ["", "början"]),
    ],
)
def test_drop_wrap_blanks(before: list[str], after: list[str]) -> None:
    assert texts(drop_wrap_blanks([Line(t) for t in before])) == after


def test_double_spaced_word_split_is_joined() -> None:
    """A hyphenated word split over a double-spaced line end is whole again."""
    cleaned = clean(["Vi planerar en samman-\n\nslagning av förbunden."], paged=False)
    assert [t for t in texts(cleaned.lines) if t] == [
        "Vi planerar en sammanslagning",
        "av förbunden.",
    ]


def test_double_spaced_protocol_reads_as_paragraphs(parsed_sample: dict[str, Document]) -> None:
    """Söderåsen's protocol has a blank line after every printed line; its sentences read on."""
    doc = parsed_sample["000_0cffb97c7c420864.txt"]
    text = next(s.text for s in doc.sections if s.label == "§ 49")
    assert "70 personer närvarade och\ndet var en lyckad invigning." in text
    assert "ersättaren. Rekryteringen hanteras av\nprocessägare och processledare." in text
    # paragraphs stay apart
    assert "invigning.\n\nRekrytering- Nextstep\n\nJanet" in text


def test_json_signing_log_is_cut_with_its_ip_addresses() -> None:
    body = ["§ 1 Mötets öppnande", "Ordföranden öppnar mötet.", ""]
    log = [
        '        "app_opaque": {',
        '            "client_ip": "192.0.2.12",',
        '            "ssn": "190001110378"',
        "        },",
        '        "qr_secret": "b8f54eb5",',
        '        "order_ref": "01976456"',
        "    }",
        "]",
    ]
    result = clean(["\n".join(body + log)], paged=False)
    kept = "\n".join(texts(result.lines))
    assert "Ordföranden öppnar mötet." in kept
    for needle in ("192.0.2.12", "190001110378", "qr_secret", "order_ref", "app_opaque"):
        assert needle not in kept
    assert sum(reason == "machine data" for reason, _ in result.dropped) == len(log)


def test_document_printed_twice_keeps_one_copy() -> None:
    protocol = [
        f"§ {n} Rubrik nummer {n}\nStyrelsen diskuterade ärende {n} utförligt." for n in range(1, 8)
    ]
    text = "\n".join(protocol)
    result = clean([text + "\n" + text], paged=False)
    kept = texts(result.lines)
    assert kept.count("§ 3 Rubrik nummer 3") == 1
    assert sum(reason == "duplicate" for reason, _ in result.dropped) == 14


def test_repeated_boilerplate_is_not_a_duplicate() -> None:
    section = (
        "§ {n} Ärende {n}\nFörslag till beslut:\nAtt lägga informationen till handlingarna.\n"
        "Styrelsen beslutar:\nStyrelsen beslutade att lägga informationen till handlingarna."
    )
    text = "\n".join(section.format(n=n) for n in range(1, 6))
    result = clean([text], paged=False)
    assert not result.dropped


def test_running_title_on_every_page_is_removed() -> None:
    pages = [
        f"Protokoll styrelsen 2024-03-14\nText på sida {n}.\nStyrelsen beslutar:\nSida {n} (4)"
        for n in range(1, 5)
    ]
    result = clean(pages, paged=True)
    want = [t for n in range(1, 5) for t in (f"Text på sida {n}.", "Styrelsen beslutar:")]
    assert texts(result.lines) == want
    assert [line.page for line in result.lines] == [1, 1, 2, 2, 3, 3, 4, 4]


def _titled_pages(titles: list[str]) -> list[str]:
    return [
        f"{title}\nText på sida {n}.\nStyrelsen beslutar:\nSida {n} av {len(titles)}"
        for n, title in enumerate(titles, start=1)
    ]


@pytest.mark.parametrize(
    ("titles", "kept"),
    [
        # one meeting: its title and date on every page are furniture
        (["Protokoll styrelsemöte 2024-03-12"] * 4, []),
        # … also with the page's number in it
        ([f"Protokoll styrelsemöte 2024-03-12, sida {n}" for n in range(1, 5)], []),
        # one meeting, a digit of its date misread on one page
        (
            ["Protokoll styrelsemöte 2024-03-12"] * 2
            + ["Protokoll styrelsemöte 2024-08-12"]
            + ["Protokoll styrelsemöte 2024-03-12"] * 2,
            [],
        ),
        # a running row with dates that names no meeting
        ([f"Utskrivet 2024-03-{n:02}" for n in range(11, 15)], []),
        # two meetings, two pages each: each meeting's title stays once, where it starts
        (
            ["Protokoll styrelsemöte 2024-02-10"] * 2 + ["Protokoll styrelsemöte 2024-04-10"] * 2,
            [(1, "Protokoll styrelsemöte 2024-02-10"), (3, "Protokoll styrelsemöte 2024-04-10")],
        ),
        # three meetings, a page each
        (
            [f"Styrelsemöte 2024-0{month}-10" for month in (2, 4, 6)],
            [(n, f"Styrelsemöte 2024-0{month}-10") for n, month in ((1, 2), (2, 4), (3, 6))],
        ),
    ],
)
def test_a_running_title_stays_where_it_opens_another_meeting(titles: list, kept: list) -> None:
    result = clean(_titled_pages(titles), paged=True)
    texts_kept = [(line.page, line.text) for line in result.lines]
    assert [entry for entry in texts_kept if not entry[1].startswith(("Text", "Styrelsen"))] == kept
    assert len(texts_kept) == 2 * len(titles) + len(kept)
    assert len(result.dropped) == 2 * len(titles) - len(kept)


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        ("Protokoll frå n styrelsemo te i", "Protokoll från styrelsemöte i"),
        ("Såmordningsfo rbundet i Hållånd", "Samordningsförbundet i Halland"),
        ("Vi gick på en promenad", "Vi gick på en promenad"),  # nothing broken
    ],
)
def test_broken_font_repair(broken: str, repaired: str) -> None:
    lines = [
        Line(broken),
        Line("Rapport från styrelsemöte i Region Halland."),
        Line("Nästa styrelsemöte hålls i Halland, med besök från Region Skåne."),
    ]
    repair_broken_font(lines, vocabulary={"samordningsförbundet"})
    assert lines[0].text == repaired


def test_ambiguous_font_damage_is_left_alone() -> None:
    # Both "mote" and "möte" are known: the repair would be a guess.
    lines = [Line("ett mo te i"), Line("mote mote möte möte")]
    repair_broken_font(lines, vocabulary=())
    assert lines[0].text == "ett mo te i"


# --- signing logs and furniture (wt-sign) ---------------------------------------------------

_STAMP = "Transaktion 09222115557512345678"
_DISCLAIMER = [
    "Detta verifikat är utfärdat av Scrive. Information i kursiv stil är säkert verifierad av",
    "Scrive. Se de dolda bilagorna för mer information och bevis om detta dokument. Använd en",
    "PDF-läsare som kan visa dolda bilagor för att se bilagorna. Observera att om dokumentet",
    "skrivs ut kan inte integriteten i papperskopian bevisas enligt nedan och att en vanlig",
    "pappersutskrift saknar innehållet i de dolda bilagorna. Den digitala signaturen säkerställer",
    "att integriteten av detta dokument, inklusive de dolda bilagorna, kan bevisas matematiskt",
    "och oberoende av Scrive. Tjänsten finns på: https://scrive.com/verify",
]
_NAMES = ["Anna Andersson", "Bertil Berg", "Cecilia Ceder", "David Dahl", "Eva Ek", "Filip Fors"]


def _scrive_signer(n: int) -> list[str]:
    name = _NAMES[n]
    return [
        name,
        "Samordningsförbundet Västra Norrbotten",
        f"{name.split()[0].lower()}@example.se",
        f"Personnummer 19{n}01010-123{n}",
        f"IP: 81.23{n}.12.{n + 10}",
        f"Signerat 2024-03-12 14:2{n}:31 UTC",
        "Autentiserad med svenskt BankID",
    ]


def _scrive_log(signers: int, per_page: int = 6) -> list[list[str]]:
    """Scrive's verification pages: "Verifikat", the transaction, the document, the signers."""
    first = [
        "Verifikat",
        _STAMP,
        "Dokument",
        "Protokoll styrelsen 2024-03-12",
        "Huvuddokument",
        "4 sidor",
        "SHA256: 9f2c4e0b7a1d3f5e8c6b2a4d0e9f1c3b5a7d9e2f4c6b8a0d1e3f5a7c9b2d4e6f",
        "Initierat på 2024-03-12 13:01:02 CET (+0100) av Anna Andersson (AA)",
        "Färdigställt 2024-03-12 14:25:31 CET (+0100)",
        "Signerande parter",
    ]
    pages = [first]
    for n in range(signers):
        if n and n % per_page == 0:
            pages.append(["Verifikat", _STAMP])
        pages[-1] += _scrive_signer(n)
    pages[-1] += _DISCLAIMER
    return pages


_PENNEO_LOG = [
    "Signaturerna i detta dokument är juridiskt bindande. Dokumentet är signerat via",
    "Penneo - säker digital signatur. Identiteten för de signerande parterna har registrerats",
    "och informationen listas nedan.",
    '"Med min signatur bekräftar jag innehållet och alla datum i detta dokument."',
    "Anna Andersson",
    "Ordförande",
    "Serienummer: 19650101-1234",
    "IP: 81.234.12.9",
    "2024-03-12 14:22:31 UTC",
    "Detta dokument är digitalt signerat med Penneo.com. Den digitala signeringsdatan i",
    "dokumentet är säkrad och validerad genom det datorberäknade hash-värdet av det",
    "originella dokumentet. Dokumentet är låst och tidsstämplat med ett certifikat från en",
    "betrodd tredje part. All kryptografisk bevisning är inbäddad i denna PDF för framtida",
    "validering.",
    "Så här kan du verifiera att dokumentet är äkta",
    "När du öppnar dokumentet i Adobe Reader bör du se att dokumentet är certifierat av",
    "Penneo e-signature service. Detta garanterar att innehållet inte har ändrats.",
]
_PENNEO_KEY = "Penneo dokumentnyckel: ABCDE-FGHIJ-KLMNO-PQRST-UVWXY-Z1234"

# What no kept text may hold once a log is gone.
_LOG_TRACES = ("@example.se", "81.23", "BankID", "Serienummer", "UTC", "Verifikat", "Penneo")


def _protocol_pages(paragraphs: int, per_page: int) -> list[list[str]]:
    lines = [
        [
            f"§ {n} Ärende nummer {n}",
            f"Styrelsen diskuterade ärende {n} ingående.",
            "Styrelsen beslutar att godkänna förslaget.",
        ]
        for n in range(1, paragraphs + 1)
    ]
    return [
        [line for group in lines[k : k + per_page] for line in group]
        for k in range(0, paragraphs, per_page)
    ]


def _assert_log_gone(doc: Document, paragraphs: int) -> None:
    assert [s.label for s in doc.sections] == [f"§ {n}" for n in range(1, paragraphs + 1)]
    kept = "\n".join([doc.header, *(s.text for s in doc.sections)])
    assert "Transaktion" not in kept and "Transaction" not in kept
    for trace in _LOG_TRACES:
        assert trace not in kept
    assert doc.sections[-1].text.endswith("godkänna förslaget.")


@pytest.mark.parametrize(
    ("header", "footer"),
    [
        (_STAMP, "Sida {page} ({pages})"),  # the stamp at the top of each page
        (None, _STAMP),  # … at the bottom
        ("Sida {page} ({pages})", "Transaction 0922211555751234567{page}"),  # digits differ
    ],
)
def test_scrive_stamp_on_every_page_is_not_the_log(
    tmp_path: Path, header: str | None, footer: str | None
) -> None:
    """Scrive stamps its transaction on every page: the stamp goes, the protocol stays and
    only the appended Verifikat page is cut."""
    pages = _protocol_pages(24, 6) + _scrive_log(2)
    assert len(pages) == 5
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, header=header, footer=footer))
    _assert_log_gone(doc, 24)


@pytest.mark.parametrize("stamp", [_STAMP, None])
def test_scrive_log_longer_than_the_protocol_is_cut(tmp_path: Path, stamp: str | None) -> None:
    """A one-page protocol signed by six: the Verifikat (two pages) is most of the document."""
    pages = _protocol_pages(2, 2) + _scrive_log(6, per_page=3)
    assert len(pages) == 3
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, header=stamp))
    _assert_log_gone(doc, 2)
    assert "19001010" not in doc.header + "".join(s.text for s in doc.sections)


@pytest.mark.parametrize("key", [None, _PENNEO_KEY])
def test_penneo_log_page_is_cut(tmp_path: Path, key: str | None) -> None:
    pages = [*_protocol_pages(4, 2), _PENNEO_LOG]
    footer = f"Sida {{page}} ({{pages}}) {key}" if key is None else key
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, footer=footer))
    _assert_log_gone(doc, 4)


_ADDO_LOG = [
    "Signeringsbevis",
    "Visma Addo",
    "Dokument: Protokoll styrelsemöte 2024-03-12.pdf",
    "Signerat av",
    "Per Persson",
    "per.persson@example.se",
    "Signerat 2024-03-20 08:15:44 med BankID",
    "Personnummer: 198504121230",
    "IP-adress: 81.23.34.56",
    "Anna Berg",
    "anna.berg@example.se",
    "Signerat 2024-03-20 09:01:02 med BankID",
    "Personnummer: 197001011234",
    "IP-adress: 81.23.34.57",
]
_ASSENTLY_LOG = [
    "Verifikat",
    "Dokument-ID: 5f1c2a3b-1234-4cde-9abc-0123456789ab",
    "Assently E-Signature",
    "Undertecknare",
    "Per Persson",
    "per.persson@example.se",
    "Svenskt BankID, personnummer 850412-1230",
    "Undertecknat 2024-03-20 08:15:44 CET",
    "IP 81.23.34.56",
]
_ADDO_STAMP = "Visma Addo ID-nummer : 00000000-1111-2222-3333-444444444444"


@pytest.mark.parametrize(
    ("log", "footer"),
    [
        (_ADDO_LOG, "Sida {page} ({pages})"),
        (_ADDO_LOG[1:], "Sida {page} ({pages})"),  # headed with the service's name
        (_ADDO_LOG, _ADDO_STAMP),  # Visma Addo's id on every page
        (_ASSENTLY_LOG, "Sida {page} ({pages})"),
    ],
)
def test_visma_addo_and_assently_logs_are_cut(tmp_path: Path, log: list[str], footer: str) -> None:
    """Visma Addo's page of signers was kept in the last §: names, e-mail and IP addresses."""
    pages = [*_protocol_pages(4, 2), log]
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages, footer=footer))
    _assert_log_gone(doc, 4)
    kept = "\n".join([doc.header, *(s.text for s in doc.sections)])
    for trace in ("Addo", "Assently", "Per Persson", "Signer", "ersonnummer", "XXXX"):
        assert trace not in kept


@pytest.mark.parametrize("log", [_ADDO_LOG, _ADDO_LOG[1:], _ASSENTLY_LOG])
@pytest.mark.parametrize(
    "first",
    [
        "Visma Addo införs för signering av protokoll från och med april.",
        "Assently används för signering av protokollen.",
    ],
)
def test_a_section_that_starts_a_line_with_the_service_keeps_its_text(
    tmp_path: Path, log: list[str], first: str
) -> None:
    """The last § names the signing service at a line's start, and the log follows: the
    line was taken for the log's start, and the § lost its text and decision."""
    last = [
        "§ 5 Digital signering",
        first,
        "Beslut",
        "Styrelsen beslutar att protokollen signeras med BankID.",
    ]
    doc = parse_file(make_pdf(tmp_path / "p.pdf", [*_protocol_pages(4, 2), last, log]))
    section = doc.sections[-1]
    assert section.text.startswith(first)
    assert [d.text for d in section.decisions] == [
        "Styrelsen beslutar att protokollen signeras med BankID."
    ]
    assert "Per Persson" not in section.text


@pytest.mark.parametrize(
    "section",
    [
        # A § about the signing service is no log.
        [
            "§ 5 Digital signering",
            "Visma Addo införs för signering av protokoll från och med april.",
            "Assently används inte längre.",
            "Styrelsen beslutar att protokollen signeras med BankID.",
        ],
        # A § about bookkeeping is no log, however late it comes.
        [
            "§ 5 Verifikat och attest",
            "Styrelsen går igenom rutinen för verifikat och attest.",
            "Varje verifikat ska attesteras av förbundschefen före utbetalning.",
            "Styrelsen beslutar att anta rutinen.",
        ],
        [
            "§ 5 Ekonomi",
            "Förbundschefen redovisar det ekonomiska utfallet för perioden.",
            "Kostnaderna ligger i nivå med budget.",
            "Verifikat",
            "Förbundschefen redovisar hur verifikat hanteras i det nya systemet.",
            "Underlagen signeras med BankID från och med den 1 april.",
            "Styrelsen beslutar att lägga informationen till handlingarna.",
        ],
        [
            "§ 5 Ekonomi",
            "Verification",
            "Revisorerna har granskat räkenskaperna utan anmärkning.",
        ],
    ],
)
def test_a_section_about_verifikat_is_kept(section: list[str]) -> None:
    lines = ["§ 4 Mötets öppnande", "Ordföranden öppnar mötet.", *section]
    result = clean(["\n".join(lines)], paged=False)
    assert texts(result.lines) == lines
    assert not result.dropped


def test_signing_log_as_text_is_cut_where_it_starts() -> None:
    log = [line for page in _scrive_log(3) for line in page]
    lines = ["§ 1 Mötets öppnande", "Ordföranden öppnar mötet.", *log]
    result = clean(["\n".join(lines)], paged=False)
    assert texts(result.lines) == lines[:2]
    assert [text for reason, text in result.dropped if reason == "machine data"] == log


@pytest.mark.parametrize(
    ("line", "furniture"),
    [
        ("......................................", True),
        ("_____________________", True),
        ("…………………………………………………………..", True),
        ("_____________ _____________", True),
        ("....", False),  # too short to sign on
        ("...och så vidare", False),
        ("Ort och datum ....................", False),
    ],
)
def test_signature_lines_are_furniture(line: str, furniture: bool) -> None:
    assert is_furniture(line) is furniture


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Sekreterare ......................", "Sekreterare"),
        ("Ordförande ________ Justerare ________", "Ordförande Justerare"),
        ("Budget 2025 . . . . . . . . 4", "Slut."),  # a table of contents' entry goes
        ("Ort och datum …………………", "Ort och datum"),
        ("Mötet avslutas...", "Mötet avslutas..."),  # an ellipsis is text
        ("se t.ex. m.m. och s.k. rapporter", "se t.ex. m.m. och s.k. rapporter"),
        ("fil_namn_med_understreck", "fil_namn_med_understreck"),
    ],
)
def test_lines_to_sign_on_leave_their_words(line: str, kept: str) -> None:
    cleaned = clean([f"Protokoll\n§ 1 Avslut\n{line}\nSlut."], paged=False)
    assert texts(cleaned.lines)[2] == kept


def test_running_lines_of_a_two_page_document_are_removed(tmp_path: Path) -> None:
    pages = _protocol_pages(4, 2)
    path = make_pdf(tmp_path / "p.pdf", pages, header="Protokoll 2024-03-12", footer="{page}/2")
    doc = parse_file(path)
    assert [s.text for s in doc.sections] == [
        f"Styrelsen diskuterade ärende {n} ingående.\nStyrelsen beslutar att godkänna förslaget."
        for n in range(1, 5)
    ]


def test_two_pages_that_differ_keep_their_lines(tmp_path: Path) -> None:
    """Of two pages, only a line in the same slot of both is running."""
    pages = [["Protokoll styrelsen", "§ 1 Öppnande", "Mötet öppnas"], ["§ 2 Avslutning", "Slut"]]
    path = make_pdf(tmp_path / "p.pdf", pages, footer=None)
    doc = parse_file(path)
    assert "Protokoll styrelsen" in doc.header
    assert [s.text for s in doc.sections] == ["Mötet öppnas", "Slut"]


@pytest.mark.parametrize("pages", [2, 3, 5])
def test_three_row_letterhead_is_removed(tmp_path: Path, pages: int) -> None:
    """From every page but the first: there its third row names the meeting and its date."""
    head = [
        "Samordningsförbundet Västra Norrbotten",
        "PROTOKOLL",
        "Styrelsesammanträde 2024-03-12",
    ]
    body = _protocol_pages(2 * pages, 2)
    body[-1] += [
        "......................................",
        "Anna Andersson",
        "_____________________",
    ]
    path = make_letterhead_pdf(
        tmp_path / "p.pdf", body, head=head, foot=["Justerandes sign", "Sida {page} ({pages})"]
    )
    doc = parse_file(path)
    assert [s.label for s in doc.sections] == [f"§ {n}" for n in range(1, 2 * pages + 1)]
    assert doc.header == "Styrelsesammanträde 2024-03-12"
    assert doc.date == "2024-03-12"
    # named only in the letterhead, which cleaning removes: found in what it removed
    assert doc.forbund == "Samordningsförbundet Västra Norrbotten"
    kept = "\n".join(s.text for s in doc.sections)
    for row in (*head, "Justerandes sign", "....", "____"):
        assert row not in kept
    assert doc.sections[-1].text.endswith("förslaget.\nAnna Andersson")


@pytest.mark.parametrize("pages", [2, 3, 5])
@pytest.mark.parametrize(
    "head",
    [
        # Word's header: the logo's text, the förbund, the kind of document, its date
        ["SAMORDNINGSFÖRBUNDET", "Västra Norrbotten", "PROTOKOLL", "2024-03-12"],
        [
            "Samordningsförbundet Västra Norrbotten",
            "Styrelsen",
            "PROTOKOLL",
            "2024-03-12",
            "Dnr 12/2024",
        ],
    ],
)
def test_a_letterhead_of_four_or_five_rows_is_removed(
    tmp_path: Path, pages: int, head: list[str]
) -> None:
    """Its fourth row (the date under "PROTOKOLL") was kept on every page and ended the last §
    of each page but the last, its decision too. On the first page it stays."""
    body = _protocol_pages(2 * pages, 2)
    path = make_letterhead_pdf(tmp_path / "p.pdf", body, head=head, foot=["Sida {page} av {pages}"])
    doc = parse_file(path)
    assert [s.label for s in doc.sections] == [f"§ {n}" for n in range(1, 2 * pages + 1)]
    assert doc.date == "2024-03-12"
    assert doc.header.split("\n") == head[2:]
    for section in doc.sections:
        assert section.text.endswith("Styrelsen beslutar att godkänna förslaget.")
        assert [d.text for d in section.decisions] == ["Styrelsen beslutar att godkänna förslaget."]


# --- two columns, duplicates, fonts (wt-pdf) ---

_TITLES = ["Val av justerare", "Budget 2025", "Verksamhetsplan", "Uppföljning", "Övriga frågor"]
_PROTOCOL = [
    f"§ {n} {title}\nFörbundschefen redogör för ärendet {title.lower()} och de underlag som "
    f"skickats ut inför mötet. Efter diskussion om prioriteringar, kostnader och tidplan "
    f"för arbetet under året beslutar styrelsen i ärende {n} enligt förslaget."
    for n, title in enumerate(_TITLES, start=1)
]


def _wrapped(sections: list[str], width: int) -> list[str]:
    """The protocol's lines as a printer at `width` characters would break them."""
    import textwrap

    return [
        line
        for section in sections
        for paragraph in section.split("\n")
        for line in textwrap.wrap(paragraph, width)
    ]


def _words(lines: list[Line]) -> list[str]:
    return " ".join(line.text for line in lines).split()


@pytest.mark.parametrize(("first", "second"), [(60, 90), (90, 60), (75, 40)])
def test_copy_wrapped_at_another_width_is_dropped(first: int, second: int) -> None:
    """The whole protocol printed again at another line width: same words, other lines."""
    original = _wrapped(_PROTOCOL, first)
    result = clean(["\n".join(original + _wrapped(_PROTOCOL, second))], paged=False)
    assert _words(result.lines) == " ".join(original).split()
    assert result.dropped and {reason for reason, _ in result.dropped} == {"duplicate"}


_REPORT = [
    "Tertialrapport 1 för Samordningsförbundet Halland",
    "Under årets första tertial har förbundet arbetat vidare med de insatser som styrelsen "
    "prioriterade i verksamhetsplanen. Samverkan med kommunerna, regionen, "
    "Försäkringskassan och Arbetsförmedlingen har fördjupats genom gemensamma utbildningar "
    "och en ny struktur för uppföljning av deltagarnas stegförflyttningar.",
    "Ekonomin följer budget. Kostnaderna för insatserna ligger något under plan eftersom "
    "rekryteringen av personal till två projekt blev försenad under våren, vilket väntas "
    "jämnas ut under hösten när verksamheterna är fullt bemannade.",
]


@pytest.mark.parametrize(("first", "second"), [(60, 90), (90, 45)])
def test_a_copy_of_prose_without_paragraphs_is_dropped(first: int, second: int) -> None:
    """A report with no § printed twice at other widths: no line and no heading repeats,
    but the copy opens with the same words."""
    original = _wrapped(_REPORT, first)
    result = clean(["\n".join(original + _wrapped(_REPORT, second))], paged=False)
    assert _words(result.lines) == " ".join(original).split()
    assert {reason for reason, _ in result.dropped} == {"duplicate"}


def test_a_report_that_quotes_its_opening_later_is_kept() -> None:
    """Words that recur without a copy of 60 words or more around them stay."""
    lines = _wrapped(_REPORT, 70)
    lines += _wrapped([" ".join(" ".join(_REPORT).split()[:35]) + " — så inleddes rapporten."], 70)
    result = clean(["\n".join(lines)], paged=False)
    assert not result.dropped


@pytest.mark.parametrize(
    "body",
    [
        # one decision formula in every §
        "Styrelsen beslutar att godkänna redovisningen och att lägga den till handlingarna.",
        # a longer shared paragraph, still far below a copied document
        "Styrelsen beslutar att godkänna redovisningen och att lägga den till handlingarna. "
        "Förbundschefen får i uppdrag att återrapportera till styrelsen vid nästa möte.",
    ],
)
def test_sentences_shared_by_sections_are_kept(body: str) -> None:
    sections = [
        f"§ {n} Ärende {n}\nFörbundschefen föredrar ärende {n}. {body}" for n in range(1, 7)
    ]
    result = clean(["\n".join(_wrapped(sections, 70))], paged=False)
    assert not result.dropped


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        # spacing accents after their letter, with or without a space
        ("Samordningsfo¨rbundet i Halland", "Samordningsförbundet i Halland"),
        ("a˚terrapportering sker i juni", "återrapportering sker i juni"),
        ("Nästa sammantra¨de hålls i juni", "Nästa sammanträde hålls i juni"),
        ("Nästa sammantra ¨de hålls", "Nästa sammanträde hålls"),
        ("Nästa sammantra¨ de hålls", "Nästa sammanträde hålls"),
        ("Beslut fattas pa˚ mötet", "Beslut fattas på mötet"),  # the space is a real one
        ("Samordningsf¨orbundet", "Samordningsförbundet"),  # TeX draws the accent first
        # a font decoded as Mac Roman
        (
            "Styrelsen fšr fšrbundet Šr nšjd med Œrets resultat",
            "Styrelsen för förbundet är nöjd med årets resultat",
        ),
        ("Protokoll fšrt vid sammantrŠde", "Protokoll fört vid sammanträde"),
        ("Samordningsfšrbundet Halland", "Samordningsförbundet Halland"),  # a compound
        # correct text is left alone
        (
            "Resan till Košice och Škoda kostade 100 € …",
            "Resan till Košice och Škoda kostade 100 € …",
        ),
        ("Enligt O´Brien är förbundet nöjt", "Enligt O´Brien är förbundet nöjt"),
    ],
)
def test_broken_body_font_is_repaired(broken: str, repaired: str) -> None:
    result = clean([f"Styrelsen sammanträdde.\n{broken}\nMötet avslutades."], paged=False)
    assert texts(result.lines)[1] == repaired


@pytest.mark.parametrize(
    ("lines", "joined"),
    [
        (["Samordnings\xad", "förbundet i Halland"], ["Samordningsförbundet", "i Halland"]),
        (["Samordnings\xad ", "förbundet"], ["Samordningsförbundet"]),
        (["ett samordnings\xadförbund"], ["ett samordningsförbund"]),
        (["ett samordnings\xad förbund"], ["ett samordningsförbund"]),
        (["ESF\xad", "projektet"], ["ESFprojektet"]),  # never a real hyphen
    ],
)
def test_soft_hyphens_join_words(lines: list[str], joined: list[str]) -> None:
    result = clean(["\n".join(lines)], paged=False)
    assert [text for text in texts(result.lines) if text] == joined


# --- a letterhead's third row on a short last page, Mac Roman capitals (fix-meta) ---

_HEAD = ["Samordningsförbundet Västra Norrbotten", "PROTOKOLL", "Styrelsesammanträde 2024-03-12"]


@pytest.mark.parametrize(
    ("pages", "foot"),
    [
        (2, ["Sida {page} ({pages})"]),
        (2, None),
        (3, ["Sida {page} ({pages})"]),
        (3, None),
    ],
)
def test_a_letterheads_third_row_on_a_short_last_page_is_removed(
    tmp_path: Path, pages: int, foot: list[str] | None
) -> None:
    """The last § spills over onto a page that holds little more than the letterhead: its
    third row was kept there, inside that §."""
    body = [*_protocol_pages(2 * (pages - 1), 2), ["Ordföranden tackar för visat intresse."]]
    path = make_letterhead_pdf(tmp_path / "p.pdf", body, head=_HEAD, foot=foot)
    doc = parse_file(path)
    assert len(read_source(path).pages) == pages
    assert doc.header == "Styrelsesammanträde 2024-03-12"
    assert [s.label for s in doc.sections] == [f"§ {n}" for n in range(1, 2 * pages - 1)]
    assert doc.sections[-1].text == (
        f"Styrelsen diskuterade ärende {2 * pages - 2} ingående.\n"
        "Styrelsen beslutar att godkänna förslaget.\nOrdföranden tackar för visat intresse."
    )
    assert not any(row in s.text for s in doc.sections for row in _HEAD)


def test_a_short_pages_own_third_row_stays(tmp_path: Path) -> None:
    """Attachments' covers, each a page that says only "Bilaga N" between the letterhead and
    the footer: the row is all those pages say, and no full page has it."""
    body = [_protocol_pages(2, 2)[0], *([f"Bilaga {n}"] for n in (1, 2, 3))]
    foot = ["Justerandes sign", "Sida {page} ({pages})"]
    path = make_letterhead_pdf(tmp_path / "p.pdf", body, head=_HEAD[:2], foot=foot)
    doc = parse_file(path)
    assert doc.sections[-1].text.endswith("förslaget.\nBilaga 1\nBilaga 2\nBilaga 3")


@pytest.mark.parametrize(
    ("broken", "repaired"),
    [
        # Mac Roman capitals and é read as Windows-1252, in a document without a small å/ä/ö
        ("\x81RSREDOVISNING 2024", "ÅRSREDOVISNING 2024"),
        # U+FFFD is any letter a wrong decoding lost: left as it is (review)
        ("\ufffdrsredovisning 2024", "\ufffdrsredovisning 2024"),
        ("\ufffdr budgeten klar?", "\ufffdr budgeten klar?"),
        ("€rende 5 behandlades", "Ärende 5 behandlades"),
        ("Beslut i …rebro", "Beslut i Örebro"),
        ("BESLUTSF…RSLAG", "BESLUTSFÖRSLAG"),
        ("…VRIGA FR\x81GOR", "ÖVRIGA FRÅGOR"),
        ("En ny idŽ presenterades", "En ny idé presenterades"),
        # correct text, and what no Mac Roman capital makes, is left alone
        ("Priset är 100 €, se bilaga …", "Priset är 100 €, se bilaga …"),
        ("och så vidare…", "och så vidare…"),
        ("Resan till Žilina", "Resan till Žilina"),
        ("Vi ses p\x81 fredag", "Vi ses p\x81 fredag"),  # "pÅ" is no way to write a word
        ("\ufffdrsredovisning godkändes", "\ufffdrsredovisning godkändes"),  # its å is whole
    ],
)
def test_mac_roman_capitals_are_repaired(broken: str, repaired: str) -> None:
    result = clean([f"Styrelsen sammanträdde.\n{broken}\nMötet avslutades."], paged=False)
    assert texts(result.lines)[1] == repaired


@pytest.mark.parametrize(
    ("text", "damaged"),
    [
        ("Samordningsfšrbundet", True),
        ("\x81rsredovisning", True),
        ("\ufffdr", False),
        ("€rende", True),
        ("F…RSLAG", True),
        ("idŽ", True),
        ("Priset är 100 € per deltagare", False),
        ("€100 och …", False),
        ("Mötet avslutas …", False),
        ("Vanlig svensk text med å, ä och ö.", False),
    ],
)
def test_font_damage_is_found_by_its_marks(text: str, damaged: bool) -> None:
    assert font_damaged([text]) is damaged


# --- fix-segment: long leaders ---

# 100,000 characters: a table of contents' entry was looked for from each dot to the line's
# end, which at this size took many minutes; matched from the end, it takes milliseconds.
_LONG = 100_000


@pytest.mark.parametrize(
    ("line", "kept"),
    [
        ("Sekreterare " + ". " * (_LONG // 2), "Sekreterare"),
        (". " * (_LONG // 2) + "Justerare", "Justerare"),
        ("Ort" + "." * _LONG, "Ort"),
        ("_" * _LONG + " Ordförande", "Ordförande"),
        ("Budget 2025 " + ". " * (_LONG // 2) + "4", "Slut."),  # a contents entry goes
        ("Budget 2025 " + "." * _LONG + " 2024", "Budget 2025 2024"),  # a year is no page
    ],
)
def test_a_long_leader_is_taken_out(line: str, kept: str) -> None:
    cleaned = clean([f"Protokoll\n§ 1 Avslut\n{line}\nSlut."], paged=False)
    assert texts(cleaned.lines)[2] == kept


@pytest.mark.parametrize(
    ("lines", "head"),
    [
        (["Deltagare:", "Anna Andersson, ordförande", "Bo Berg, ledamot"], True),
        (["Justerare: Anna Andersson", "Närvarolista bifogas"], True),
        (["Tid: 09.00–12.00", "Plats: Kommunhuset"], True),
        (["Övriga: Fredrik Fors, förbundschef"], True),
        (["Deltagare:", "Anna Andersson, ordförande", "Styrelsen godkänner planen."], False),
        (["Styrelsen beslutar", "att godkänna planen"], False),
    ],
)
def test_a_repeated_head_is_known_by_the_labels_a_meeting_s_head_has(
    lines: list[str], head: bool
) -> None:
    """The labels a run printed again for each meeting of a file is known by are the ones
    `index.meetings` finds a meeting's head by (who took part), with time and place."""
    assert _is_repeated_head(lines) is head


@pytest.mark.parametrize(
    "lines",
    [
        _wrapped(_PROTOCOL, 60) + _wrapped(_PROTOCOL, 90),  # a copy at another width
        _wrapped(_REPORT, 90) + _wrapped(_REPORT, 45),  # a copy of prose
        # the neighbour: words that recur without a long run around them stay
        _wrapped(_REPORT, 70)
        + _wrapped([" ".join(" ".join(_REPORT).split()[:35]) + " — så inleddes."], 70),
    ],
)
def test_the_copy_search_finds_the_same_when_hashes_clash(
    lines: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The copy search keeps runs of words by their hash, not the runs (which held more than
    a large file's text): where hashes clash, here all of them, it finds what it found."""
    want = clean(["\n".join(lines)], paged=False)
    monkeypatch.setattr(copies, "hash", lambda value: 7, raising=False)
    got = clean(["\n".join(lines)], paged=False)
    assert [line.text for line in got.lines] == [line.text for line in want.lines]
    assert got.dropped == want.dropped


def test_the_copy_search_holds_little_more_than_the_text(monkeypatch: pytest.MonkeyPatch) -> None:
    """45 MB of protocols in one file took a gigabyte to parse: the copy search held a string
    for every word and a tuple for every run of long words. Its peak is now under six times the
    text (a list entry per word, each distinct word once), where it was ten times and more."""
    import tracemalloc

    meetings = [
        f"§ {n} {title}\\nFörbundschefen redogör för ärendet {title.lower()} vid möte {m} och de "
        f"underlag som skickats ut. Efter diskussion om prioriteringar, kostnader {m * n} och "
        f"tidplan för arbetet beslutar styrelsen i ärende {m}:{n} enligt förslaget."
        for m in range(1500)
        for n, title in enumerate(_TITLES, start=1)
    ]
    text = "\n".join(_wrapped(meetings, 70))
    peaks: list[int] = []
    search = copies._drop_rewrapped_copies

    def measured(result: object) -> None:
        tracemalloc.start()
        try:
            search(result)
            peaks.append(tracemalloc.get_traced_memory()[1])
        finally:
            tracemalloc.stop()

    monkeypatch.setattr(copies, "_drop_rewrapped_copies", measured)
    clean([text], paged=False)
    assert len(peaks) == 1 and peaks[0] < 6 * len(text), (peaks, len(text))


# Every blank str.split() splits at, and the zero-width space `to_lines` treats as one.
_ALL_BLANKS = "".join(c for c in map(chr, range(0x3001)) if c.isspace()) + "\u200b"


@pytest.mark.parametrize("blank", [c for c in _ALL_BLANKS if c != "\n"])
@pytest.mark.parametrize(
    "page",
    [
        " a{b}  b \n{b}\n  \nc{b}{b}d {b}\n{b}",
        "a  b  c\n {b}x\n\n",
        "{b}",
        "",
        "ord–ord {b} “citat”  \n",
    ],
)
def test_to_lines_collapses_each_blank_as_split_does(page: str, blank: str) -> None:
    """A page with only spaces is collapsed line by line with strip, any other blank sends it
    the old way (split and join): both give what splitting each line at its blanks gives."""
    text = page.format(b=blank)
    lines = to_lines([text, text.replace(blank, " ")], paged=True)
    spaced = text.replace("\u200b", " ")
    expected = [" ".join(raw.split()) for raw in spaced.split("\n")]
    expected += [" ".join(raw.split()) for raw in text.replace(blank, " ").split("\n")]
    assert [line.text for line in lines] == expected
    assert [line.page for line in lines] == [1] * (len(expected) // 2) + [2] * (len(expected) // 2)
