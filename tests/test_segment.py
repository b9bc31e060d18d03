"""Segmenting: heading forms, references, reports, numbered headings, no structure."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.fonts import repair_broken_font
from index.lines import PARAGRAPH_HEADING, Line
from index.parse import parse_file, parse_text
from index.segment import _REFERENCE, match_heading
from tests.pdfgen import make_pdf


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("§ 42 Mötets öppnande.", ("§ 42", 42, "Mötets öppnande.")),
        ("§1 Mötets öppnande", ("§ 1", 1, "Mötets öppnande")),
        ("§ 1  Sammanträdet öppnas", ("§ 1", 1, "Sammanträdet öppnas")),
        ("1 §. Rubrik", ("§ 1", 1, "Rubrik")),
        ("§ 21 Dnr 2024/12", ("§ 21", 21, "Dnr 2024/12")),
        ("§ 7", ("§ 7", 7, "")),
        # a paragraph added to the agenda: its letter stays in the label, the number is 47
        ("§ 47a Extra ärende om lokaler", ("§ 47a", 47, "Extra ärende om lokaler")),
        ("§47b: Övrigt", ("§ 47b", 47, "Övrigt")),
        ("12a § Rubrik", ("§ 12a", 12, "Rubrik")),
        ("§ 47 a) att styrelsen beslutar", None),  # a list item, not a heading
        ("§ 47ab Rubrik", None),
        ("Mål 1 – Akademi SFSNO", ("Mål 1", 1, "Akademi SFSNO")),
        ("Mål 5 - Omvärldsbevakning", ("Mål 5", 5, "Omvärldsbevakning")),
        ("§11 kan påverka utfall i §10.", None),
        ("• Fråga gällande §39 i protokollet från 250513", None),
        ("i enlighet med justerad dagordning i §3.)", None),
        ("Justerande paragrafer §§ 42-51", None),
        # a dash with a space after it separates number and title, as a colon does
        ("§ 1 – Val av justerare", ("§ 1", 1, "Val av justerare")),
        ("§ 2 - Övrigt om samverkan", ("§ 2", 2, "Övrigt om samverkan")),
        ("§3 — Budget 2025", ("§ 3", 3, "Budget 2025")),
        ("4 § – Rubrik", ("§ 4", 4, "Rubrik")),
        ("§ 5 –", ("§ 5", 5, "")),
        # a title may start with any mark but those that go on a reference
        ("§ 6 ”Unga vuxna” – förstudie", ("§ 6", 6, "”Unga vuxna” – förstudie")),
        ("§ 7 #Finsam-dagen", ("§ 7", 7, "#Finsam-dagen")),
        ("§ 8 €-stöd till projekten", ("§ 8", 8, "€-stöd till projekten")),
        ("§ 9 ...forts. från förra mötet", ("§ 9", 9, "...forts. från förra mötet")),
        ("§ 12-14 behandlades tillsammans", None),  # a range in a sentence
        # paragraphs dealt with together: one heading, numbered with the first
        ("§ 12–14 Ekonomi", ("§§ 12–14", 12, "Ekonomi")),
        ("§§ 12-14 Rapporter från insatserna", ("§§ 12–14", 12, "Rapporter från insatserna")),
        ("§§ 12–14", ("§§ 12–14", 12, "")),
        ("§ 14-12 Ekonomi", None),  # no range runs backwards
        # two dealt with together, with "och" or a comma: only with a double §
        ("§§ 12 och 13 Rapporter", ("§§ 12 och 13", 12, "Rapporter")),
        ("§§ 12, 13 Rapporter", ("§§ 12 och 13", 12, "Rapporter")),
        ("§§ 12 och 13", ("§§ 12 och 13", 12, "")),
        ("§§ 12 och 13 behandlades tillsammans", None),
        ("§ 12–14, 16 och 18 justeras", None),
        ("§ 3, 4 och 5 justeras", None),
        ("§ 4 st 2 gäller", None),
        # a continuation mark may start in lower case, and stays in the title here
        ("§ 15 forts.", ("§ 15", 15, "forts.")),
        ("§ 15 fortsättning", ("§ 15", 15, "fortsättning")),
        ("§§ 12–14 forts", ("§§ 12–14", 12, "forts")),
        ("§ 15 forts. från förra mötet", None),
        ("§ 15 fortsatte diskussionen", None),
    ],
)
def test_heading_forms(line: str, expected: tuple | None) -> None:
    assert match_heading(line) == expected


def sections(text: str) -> list[tuple[str, int | None, str]]:
    return [(s.label, s.number, s.title) for s in parse_text(text).sections]


_WRAPPED = "Protokoll\n§ 1 Öppnande\nText.\n§ 2 Revision\n{above}\n{line}\n§ 3 Ekonomi\nText."


@pytest.mark.parametrize(
    ("above", "line", "labels"),
    [
        # Found by QA: a reference wrapped to the start of a line, out of the count
        (
            "Styrelsen diskuterar ändringar enligt",
            "§ 9 Förbundsordningen och finner inget att invända.",
            ["§ 1", "§ 2", "§ 3"],
        ),
        ("Revisorerna hänvisar till", "§ 8 Kommunallagen.", ["§ 1", "§ 2", "§ 3"]),
        # in its place in the count, a § is a heading whatever stands above it
        ("Styrelsen diskuterar ändringar enligt", "§ 3 Budget", ["§ 1", "§ 2", "§ 3", "§ 3"]),
        # above it a sentence that has ended: a heading, though out of the count
        (
            "Styrelsen diskuterar ändringarna.",
            "§ 9 Förbundsordningen",
            ["§ 1", "§ 2", "§ 9", "§ 3"],
        ),
    ],
)
def test_a_reference_wrapped_to_a_line_start_is_no_heading(
    above: str, line: str, labels: list[str]
) -> None:
    doc = parse_text(_WRAPPED.format(above=above, line=line))
    assert [s.label for s in doc.sections] == labels
    if len(labels) == 3:
        assert line in doc.sections[1].text


def test_title_on_the_line_after_dnr() -> None:
    text = "Protokoll\n§ 21    Dnr 2024/12\nÅrsredovisning 2023\nStyrelsen beslutar att godkänna årsredovisningen."
    doc = parse_text(text)
    assert [(s.number, s.title) for s in doc.sections] == [(21, "Årsredovisning 2023")]
    assert "Dnr 2024/12" in doc.sections[0].text


def test_wrapped_title_is_joined() -> None:
    text = (
        "§ 47 Förslag till gemensam upphandling för extern genomlysning gällande utökad\n\n"
        "samverkan mellan samordningsförbunden Söderåsen, Helsingborg,\n\n"
        "Landskrona/Svalöv och Skåne NNV\n\n"
        "Mot bakgrund av den rapport som tidigare presenterats.\n"
    )
    (section,) = parse_text(text).sections
    assert section.title.endswith("Helsingborg, Landskrona/Svalöv och Skåne NNV")
    assert section.text == "Mot bakgrund av den rapport som tidigare presenterats."


def test_references_inside_text_are_not_headings() -> None:
    text = (
        "§ 50 Övrigt\n• Fråga gällande §39 i protokollet från 250513\n"
        "Med justeringen att\n§11 kan påverka utfall i §10.\n§ 51 Avslutning\nTack."
    )
    assert [n for _, n, _ in sections(text)] == [50, 51]


def test_a_repeated_number_gives_two_sections() -> None:
    text = "§ 10 Uppdrag till förbundschef\nText.\n§ 10 Nästa möte\nFredag.\n§ 11 Mötet avslutas"
    assert sections(text) == [
        ("§ 10", 10, "Uppdrag till förbundschef"),
        ("§ 10", 10, "Nästa möte"),
        ("§ 11", 11, "Mötet avslutas"),
    ]


def test_numbered_headings_when_there_is_no_paragraph_sign() -> None:
    text = (
        "Verksamhetsberättelse 2023\n1. Inledning\nText.\n2. Ekonomi\nMer text.\n3. Framåt\nSlut."
    )
    assert sections(text) == [("1.", 1, "Inledning"), ("2.", 2, "Ekonomi"), ("3.", 3, "Framåt")]


def test_numbered_list_inside_paragraphs_is_not_a_heading() -> None:
    text = "§ 1 Enkät\n1. Svara genom att välja siffran 1\n2. Skicka in svaret\n§ 2 Övrigt"
    assert [n for _, n, _ in sections(text)] == [1, 2]


def test_agenda_list_before_the_sections_is_header() -> None:
    text = (
        "Dagordning\n§ 1 Öppnande\n\n§ 2 Val av justerare\n\n§ 3 Ekonomi\n\n"
        "§ 1 Öppnande\nOrdföranden öppnar.\n§ 2 Val av justerare\nAnna.\n§ 3 Ekonomi\nBudget."
    )
    doc = parse_text(text)
    assert [(s.number, s.text) for s in doc.sections] == [
        (1, "Ordföranden öppnar."),
        (2, "Anna."),
        (3, "Budget."),
    ]
    assert "§ 2 Val av justerare" in doc.header


def test_no_structure_gives_one_section_and_a_warning() -> None:
    text = "Minnesanteckningar från träffen\nVi pratade om samverkan.\nNästa träff i maj."
    doc = parse_text(text)
    assert len(doc.sections) == 1
    assert doc.sections[0].number is None
    assert "Vi pratade om samverkan." in doc.sections[0].text
    assert any("ingen struktur" in w for w in doc.warnings)


def test_two_column_layout_aligns_bodies_with_their_titles(parsed_sample) -> None:
    doc = parsed_sample["002_aa6c41666d4685c7.txt"]
    by_number = {s.number: s.text for s in doc.sections}
    assert by_number[1].startswith("Ordförande Ingrid Hermansson förklarade mötet öppnat")
    assert by_number[2] == "Styrelsen valde Karin Blomdahl till justerare."
    assert "Arena FINSAM" in by_number[5]
    assert by_number[8].startswith("Förbundets ekonom föredrog delårsrapporten")
    assert by_number[9].startswith("Förbundschefen föreslog")
    assert by_number[10].startswith("(Ärendet behandlades efter §11")
    assert by_number[11].startswith("(Ärendet behandlades före §10")
    assert by_number[12].startswith("Återkopplingen från RUF")
    assert "BESLUTSLISTA" not in "".join(by_number.values())
    # the decision list at the end repeats decisions: each decision text occurs once
    assert sum(t.count("Att ramen för FINSAM-planer utökas") for t in by_number.values()) == 1


def test_dash_headings_make_sections() -> None:
    text = (
        "Samordningsförbundet i Halland\n\nProtokoll från styrelsemöte 2024-05-05\n\n"
        "§ 1 – Val av justerare\nAnna Andersson utses.\n\n"
        "§ 2 – Övrigt om samverkan\nStyrelsen beslutar att godkänna rapporten.\n"
    )
    assert sections(text) == [("§ 1", 1, "Val av justerare"), ("§ 2", 2, "Övrigt om samverkan")]


# --- wt-meta ---


@pytest.mark.parametrize(
    ("text", "title", "body_start"),
    [
        # The line under a bare § is body text, not a title.
        ("§ 4\nFörbundschefen informerar om läget i projekten", "", "Förbundschefen informerar"),
        ("§ 4\nStyrelsen beslutar att godkänna rapporten.", "", "Styrelsen beslutar"),
        ("§ 4\nDagordningen godkänns.", "", "Dagordningen godkänns."),
        ("§ 4\nOrdföranden hälsar alla välkomna och", "", "Ordföranden hälsar"),
        ("§ 4\nAtt anta planen", "", "Att anta planen"),
        ("§ 4\nBeslut\nPlanen antas.", "", "Beslut"),
        ("§ 4\nrapporten från kansliet", "", "rapporten från kansliet"),
        (
            "§ 4\nUnder hösten har förbundet arbetat vidare med de insatser som styrelsen "
            "tidigare har prioriterat inom ramen för planen",
            "",
            "Under hösten",
        ),
        ("§ 21 Dnr 2024/12\nDen nya planen presenteras.", "", "Dnr 2024/12"),
        # … and a line that reads like a title is one.
        ("§ 4\nFörbundschefen informerar\nLäget är gott.", "Förbundschefen informerar", "Läget"),
        ("§ 4\nVal av justerare\nAnna utses.", "Val av justerare", "Anna utses."),
        ("§ 4\n2024 års bokslut\nBokslutet visar.", "2024 års bokslut", "Bokslutet"),
        ("§ 4\nNNS – vad har hänt sen sist?\nMycket.", "NNS – vad har hänt sen sist?", "Mycket."),
        ("§ 21 Dnr 2024/12\nÅrsredovisning 2023\nGodkänns.", "Årsredovisning 2023", "Dnr"),
    ],
)
def test_a_bare_paragraph_takes_the_next_line_as_title_only_if_it_reads_like_one(
    text: str, title: str, body_start: str
) -> None:
    (section,) = parse_text(f"Protokoll\n{text}").sections
    assert (section.title, section.text[: len(body_start)]) == (title, body_start)


# --- fix-sections ---

_BEFORE = (
    "Protokoll\n§ 14 Val av justerare\nAnna utses.\n§ 15 Ekonomisk rapport\nUtfallet redovisas."
)
_AFTER = "Styrelsen beslutar att godkänna rapporten.\n§ 16 Avslutning\nTack."


@pytest.mark.parametrize(
    "heading",
    [
        "§ 15 Ekonomisk rapport, forts.",
        "§ 15 Ekonomisk rapport, forts",
        "§ 15 forts.",
        "§ 15 forts",
        "§ 15 Forts.",
        "§ 15 (forts.)",
        "§ 15 Ekonomisk rapport (forts)",
        "§ 15 Ekonomisk rapport forts.",
        "§ 15 Ekonomisk rapport – forts.",
        "§ 15 fortsättning",
        "§ 15 Ekonomisk rapport, fortsättning",
        "§ 15 (fortsättning)",
        "15 § forts.",
        "§ 15\nEkonomisk rapport (forts.)",
    ],
)
def test_a_paragraph_continued_on_the_next_page_is_one_section(heading: str) -> None:
    doc = parse_text(f"{_BEFORE}\f{heading}\n{_AFTER}")
    assert [(s.label, s.title, s.page) for s in doc.sections] == [
        ("§ 14", "Val av justerare", 1),
        ("§ 15", "Ekonomisk rapport", 1),
        ("§ 16", "Avslutning", 2),
    ]
    assert doc.sections[1].text == "Utfallet redovisas.\nStyrelsen beslutar att godkänna rapporten."
    assert [d.text for d in doc.sections[1].decisions] == [
        "Styrelsen beslutar att godkänna rapporten."
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A continuation of a § not seen stays a section, without its mark.
        (
            "Protokoll\n§ 15 Ekonomisk rapport, forts.\nText.\n§ 16 Avslutning\nTack.",
            [("§ 15", "Ekonomisk rapport"), ("§ 16", "Avslutning")],
        ),
        ("Protokoll\n§ 15 forts.\nText.", [("§ 15", "(forts.)")]),
        # Another § number is not continued.
        (
            "Protokoll\n§ 14 Val\nAnna.\n§ 15 Ekonomi, forts.\nText.",
            [("§ 14", "Val"), ("§ 15", "Ekonomi")],
        ),
        # "fortsättning" as a word of the title is no mark.
        (
            "Protokoll\n§ 15 Ansökan om fortsättning\nText.\n§ 15 Ansökan om fortsättning\nMer.",
            [("§ 15", "Ansökan om fortsättning"), ("§ 15", "Ansökan om fortsättning")],
        ),
        # Paragraphs dealt with together are continued together; a letter is part of the label.
        (
            "Protokoll\n§§ 12–14 Rapporter\nText.\n§§ 12–14 Rapporter, forts.\nMer.\n§ 15 Övrigt",
            [("§§ 12–14", "Rapporter"), ("§ 15", "Övrigt")],
        ),
        (
            "Protokoll\n§ 47 Lokaler\nText.\n§ 47a Extra\nMer.\n§ 47a forts.\nÄnnu mer.",
            [("§ 47", "Lokaler"), ("§ 47a", "Extra")],
        ),
    ],
)
def test_a_continuation_mark_joins_only_a_paragraph_seen_before(text: str, expected: list) -> None:
    assert [(s.label, s.title) for s in parse_text(text).sections] == expected


def test_a_continuation_after_an_attachment_line_is_no_attachment() -> None:
    # "Bilaga 3 …" opens a line of § 15's text: the § after it comes round to 15 as a
    # continuation, not as an attachment's own numbering.
    text = (
        "Protokoll\n§ 14 Val\nAnna.\n§ 15 Ekonomisk rapport\nBilaga 3 redovisas.\f"
        "§ 15 Ekonomisk rapport, forts.\nRapporten godkänns.\n§ 16 Avslutning\nTack."
    )
    doc = parse_text(text)
    assert [s.label for s in doc.sections] == ["§ 14", "§ 15", "§ 16"]
    assert doc.sections[1].text == "Bilaga 3 redovisas.\nRapporten godkänns."


def test_a_continued_paragraph_in_a_pdf(tmp_path: Path) -> None:
    pages = [
        [
            "Protokoll styrelsemöte",
            "",
            "§ 14 Val av justerare",
            "Anna utses.",
            "",
            "§ 15 Ekonomisk rapport",
            "Förbundets ekonom redovisar utfallet.",
        ],
        [
            "§ 15 Ekonomisk rapport, forts.",
            "Styrelsen",
            "beslutar att godkänna rapporten.",
            "",
            "§ 16 Avslutning",
            "Ordföranden avslutar mötet.",
        ],
    ]
    doc = parse_file(make_pdf(tmp_path / "p.pdf", pages))
    assert [(s.label, s.page) for s in doc.sections] == [("§ 14", 1), ("§ 15", 1), ("§ 16", 2)]
    assert "forts" not in doc.sections[1].text
    assert [d.text for d in doc.sections[1].decisions] == [
        "Styrelsen beslutar att godkänna rapporten."
    ]


def _protocol(labels: list[str], title: str = "Protokoll styrelsemöte") -> str:
    return "\n".join([title, *(f"{label} Rubrik {k}\nText." for k, label in enumerate(labels))])


@pytest.mark.parametrize(
    ("labels", "expected"),
    [
        (["§ 1", "§ 2", "§ 3"], None),
        (["§ 12", "§ 15", "§ 16"], "paragrafnumren hoppar från § 12 till § 15 — saknas en sida?"),
        (
            ["§ 1", "§ 3", "§ 4", "§ 7", "§ 10"],
            "paragrafnumren hoppar från § 1 till § 3, från § 4 till § 7 och från § 7 till § 10"
            " — saknas sidor?",
        ),
        # A protocol may start anywhere.
        (["§ 42", "§ 43"], None),
        # "§§ 12–14" covers up to 14, so 15 follows it; 17 does not.
        (["§ 11", "§§ 12–14", "§ 15"], None),
        (
            ["§ 11", "§§ 12–14", "§ 17"],
            "paragrafnumren hoppar från § 14 till § 17 — saknas en sida?",
        ),
        # A § with a letter is passed over, not counted from.
        (["§ 47", "§ 47a", "§ 48"], None),
        (["§ 46", "§ 47a", "§ 49"], "paragrafnumren hoppar från § 46 till § 49 — saknas en sida?"),
        # A number that comes round again or goes back is no gap; counting goes on from it.
        (["§ 10", "§ 10", "§ 11"], None),
        (["§ 5", "§ 6", "§ 1", "§ 2"], None),
        (["§ 5", "§ 6", "§ 1", "§ 4"], "paragrafnumren hoppar från § 1 till § 4 — saknas en sida?"),
    ],
)
def test_a_warning_when_paragraph_numbers_skip(labels: list[str], expected: str | None) -> None:
    doc = parse_text(_protocol(labels))
    assert doc.kind == "protokoll"
    assert [w for w in doc.warnings if w.startswith("paragrafnumren")] == (
        [expected] if expected else []
    )


@pytest.mark.parametrize(
    "text",
    [
        # An extract holds one § or a few apart.
        _protocol(["§ 3", "§ 7", "§ 12"], title="Protokollsutdrag styrelsemöte"),
        _protocol(["§ 3", "§ 7"], title="Protokoll styrelsemöte\nUtdrag"),
        # An attachment's own § after the protocol.
        "Protokoll\n§ 1 Öppnande\nText.\n§ 2 Avslutning\nText.\nBilaga 1 Arbetsordning\n"
        "§ 1 Ändamål\nText.\n§ 5 Firma\nText.",
        # A report's goals are not §.
        "Verksamhetsrapport 2024\nMål 1 – Ett\nText.\nMål 4 – Fyra\nText.",
    ],
)
def test_no_paragraph_gap_warning_where_gaps_are_normal(text: str) -> None:
    assert not [w for w in parse_text(text).warnings if w.startswith("paragrafnumren")]


def test_the_sample_corpus_warns_only_where_its_paragraphs_skip(parsed_sample) -> None:
    # 002 (Blekinge 2025-09-29) numbers § 14, then § 16: § 15 is nowhere in it, not even in
    # its run of § titles or its decision list.
    warned = {
        name: [w for w in doc.warnings if w.startswith("paragrafnumren")]
        for name, doc in parsed_sample.items()
    }
    assert {name: w for name, w in warned.items() if w} == {
        "002_aa6c41666d4685c7.txt": ["paragrafnumren hoppar från § 14 till § 16 — saknas en sida?"]
    }


# --- fix-segment: a § after a missing page, a continuation whose start is missing ---

# § 12's last line breaks off where a page is missing (§ 13 and § 14 are on it); {gap} stands
# between it and the line {line}, with {after} under that.
_MISSING = (
    "Protokoll\n§ 11 Öppnande\nText.\n§ 12 Revision\nRevisorerna redogör för granskningen.\n"
    "{above}{gap}{line}\n{after}\n§ 16 Avslutning\nTack."
)
_CUT = "Styrelsen beslutar att överlämna frågan till"


@pytest.mark.parametrize(
    ("above", "gap", "line", "after", "expected"),
    [
        # A page starts with a § out of the count whose rest reads as a title, with body text
        # under it: the page before it is missing, whatever word its last line ends on.
        (_CUT, "\f", "§ 15 Ekonomisk rapport", "Utfallet redovisas.", "Ekonomisk rapport"),
        (
            "Styrelsen diskuterar projekten i",
            "\f",
            "§ 15 Ekonomisk rapport",
            "Utfallet redovisas.",
            "Ekonomisk rapport",
        ),
        ("Anna och", "\f", "§ 15 Ekonomisk rapport", "Utfallet redovisas.", "Ekonomisk rapport"),
        (_CUT, "\f", "§ 15 – Budget 2025", "Budgeten redovisas.", "Budget 2025"),
        (_CUT, "\f", "15 § Ekonomisk rapport", "Utfallet redovisas.", "Ekonomisk rapport"),
        (_CUT, "\f", "§ 15", "Ekonomisk rapport\nUtfallet redovisas.", "Ekonomisk rapport"),
        (_CUT, "\f", "§ 15", "Styrelsen beslutar att godkänna rapporten.", ""),
        (_CUT, "\f", "§ 15 Ekonomisk rapport, forts.", "Rapporten godkänns.", "Ekonomisk rapport"),
        (_CUT, "\f", "§ 15 Ekonomisk rapport", "", "Ekonomisk rapport"),
        # without pages, a page may be missing anywhere
        (_CUT, "\n", "§ 15 Ekonomisk rapport", "Utfallet redovisas.", "Ekonomisk rapport"),
    ],
)
def test_a_paragraph_after_a_missing_page_is_a_heading_whatever_ends_the_page_before(
    above: str, gap: str, line: str, after: str, expected: str
) -> None:
    doc = parse_text(_MISSING.format(above=above, gap=gap, line=line, after=after))
    assert [(s.label, s.title) for s in doc.sections] == [
        ("§ 11", "Öppnande"),
        ("§ 12", "Revision"),
        ("§ 15", expected),
        ("§ 16", "Avslutning"),
    ]
    assert doc.sections[1].text.endswith(above)
    # the missing page is named by the jump in the count
    assert "paragrafnumren hoppar från § 12 till § 15 — saknas en sida?" in doc.warnings


@pytest.mark.parametrize(
    ("above", "gap", "line", "after"),
    [
        # The sentence goes on: on the § line, to its end ...
        (
            "Styrelsen diskuterar ändringar enligt",
            "\f",
            "§ 9 Förbundsordningen och beslutar att godkänna dem.",
            "Ordföranden tackar.",
        ),
        ("Revisorerna hänvisar till", "\f", "§ 8 Kommunallagen.", "Ordföranden tackar."),
        ("Revisorerna hänvisar till", "\f", "§ 8.", "De anser att lagen gäller."),
        # ... or on the next line, in lower case
        (
            "Styrelsen diskuterar ändringar enligt",
            "\f",
            "§ 9 Förbundsordningen",
            "och beslutar att godkänna dem.",
        ),
        (
            "Styrelsen diskuterar ändringar enligt",
            "\n",
            "§ 9 Förbundsordningen",
            "och beslutar att godkänna dem.",
        ),
        (
            "Styrelsen diskuterar ändringar enligt",
            "\f",
            "§ 9 Förbundsordningen och finner inget att invända mot förslaget i sin helhet",
            "men vill att kansliet återkommer.",
        ),
        # A line of prose is too long for a title.
        (
            "Styrelsen diskuterar ändringar enligt",
            "\f",
            "§ 9 Förbundsordningen och finner inget att invända mot förslaget i sin helhet "
            "utan godkänner det",
            "Ordföranden tackar.",
        ),
        # On the same page, a § under a line that breaks off is that line's reference.
        (
            "Styrelsen diskuterar ändringar enligt",
            "\n",
            "§ 9 Förbundsordningen\fUtfallet redovisas.",
            "Ordföranden tackar.",
        ),
    ],
)
def test_a_reference_wrapped_to_a_page_start_is_no_heading(
    above: str, gap: str, line: str, after: str
) -> None:
    doc = parse_text(_MISSING.format(above=above, gap=gap, line=line, after=after))
    assert [s.label for s in doc.sections] == ["§ 11", "§ 12", "§ 16"]
    assert line.split("\f")[0] in doc.sections[1].text


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A bare continuation mark: the title the agenda in the head gives its §, else the mark
        # in brackets, so that a hit reads "§ 14 (forts.)", not a bare "§ 14".
        ("§ 14 forts.", "(forts.)"),
        ("§ 14 (forts.)", "(forts.)"),
        ("§ 14 Forts", "(forts.)"),
        ("§ 14 fortsättning", "(forts.)"),
        ("14 § forts.", "(forts.)"),
        # the line under the mark is the § going on from the page before, not its title
        ("§ 14 forts.\nEkonomisk rapport", "(forts.)"),
        # the title written with the mark
        ("§ 14 Ekonomi, forts.", "Ekonomi"),
        ("§ 14 Ekonomi (forts)", "Ekonomi"),
        ("§ 14\nEkonomi (forts.)", "Ekonomi"),
    ],
)
def test_a_continuation_whose_start_is_missing_gets_a_title(text: str, expected: str) -> None:
    doc = parse_text(f"Protokoll\n§ 12 Val\nAnna.\f{text}\nStyrelsen beslutar att godkänna.")
    assert [(s.label, s.title, s.page) for s in doc.sections] == [
        ("§ 12", "Val", 1),
        ("§ 14", expected, 2),
    ]
    assert doc.sections[1].text.endswith("Styrelsen beslutar att godkänna.")
    assert [d.text for d in doc.sections[1].decisions] == ["Styrelsen beslutar att godkänna."]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The file begins with the continuation.
        (
            "§ 14 forts.\nText.\n§ 15 Avslutning\nTack.",
            [("§ 14", "(forts.)"), ("§ 15", "Avslutning")],
        ),
        (
            "§§ 12–14 forts.\nText.\n§ 15 Avslutning\nTack.",
            [("§§ 12–14", "(forts.)"), ("§ 15", "Avslutning")],
        ),
        # The agenda in the head names it.
        (
            "Protokoll\nDagordning\n§ 12 Val\n\n§ 13 Information\n\n§ 14 Ekonomisk rapport\n\n"
            "§ 15 Avslutning\n\n§ 12 Val\nAnna.\f§ 14 forts.\nText.\n§ 15 Avslutning\nTack.",
            [
                ("§ 12", "Val"),
                ("§ 14", "Ekonomisk rapport"),
                ("§ 15", "Avslutning"),
            ],
        ),
        # An attachment's own § 14 gives it no title.
        (
            "§ 14 forts.\nText.\n§ 15 Avslutning\nTack.\nBilaga 1 Stadgar\n§ 1 Namn\nText.\n"
            "§ 14 Firma\nText.",
            [("§ 14", "(forts.)"), ("§ 15", "Avslutning"), ("Bilaga 1", "Stadgar")],
        ),
        # A continuation of a § seen before stays part of it.
        (
            "§ 14 Ekonomi\nText.\f§ 14 forts.\nMer.\n§ 15 Avslutning\nTack.",
            [("§ 14", "Ekonomi"), ("§ 15", "Avslutning")],
        ),
    ],
)
def test_a_continuation_at_the_files_start_or_named_by_the_agenda(
    text: str, expected: list[tuple[str, str]]
) -> None:
    assert [(s.label, s.title) for s in parse_text(text).sections] == expected


@pytest.mark.parametrize("verb", ["utses", "utsågs", "väljs", "beslutas", "bifalls"])
def test_short_paragraphs_that_decide_are_no_agenda(verb: str) -> None:
    """A run of § that comes round again is an agenda only if nothing under it decides; the
    passive a protocol records decisions in is the one `index.decisions` reads."""
    text = (
        "§ 1 Öppnande\nFöredragande: ordf.\n"
        f"§ 2 Val av justerare\nFörslaget {verb} och Anna är justerare.\n"
        "§ 1 Öppnande\nOrdföranden öppnar mötet.\n"
        f"§ 2 Val av justerare\nFörslaget {verb} och Bertil är justerare.\n"
    )
    assert [s.number for s in parse_text(text).sections] == [1, 2, 1, 2]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        # A protocol numbered on past 999.
        ("§ 1000 Budget", ("§ 1000", 1000, "Budget")),
        ("§1000 Budget", ("§ 1000", 1000, "Budget")),
        ("1000 § Budget", ("§ 1000", 1000, "Budget")),
        ("§ 1000a Extra ärende", ("§ 1000a", 1000, "Extra ärende")),
        ("§ 1000: Budget", ("§ 1000", 1000, "Budget")),
        ("§§ 998–1002 Rapporter", ("§§ 998–1002", 998, "Rapporter")),
        ("§§ 1000 och 1001 Rapporter", ("§§ 1000 och 1001", 1000, "Rapporter")),
        # Neighbours that keep their reading.
        ("§ 999 Budget", ("§ 999", 999, "Budget")),
        ("§ 12 Budget 2024", ("§ 12", 12, "Budget 2024")),
        ("§ 5 – 2024 Budget", ("§ 5", 5, "2024 Budget")),  # a year after the dash: no range
        ("§ 1 000 kr", ("§ 1", 1, "000 kr")),
        ("2024 § 5 Budget", None),  # a year before a § (a wrapped reference)
        ("1999 § Budget", None),
        ("§§ 12 och 2024 Budget", None),
        ("§ 2024-03-12", None),  # a date
        ("§ 2024 års budget", None),
        ("§ 2003:1210", None),  # a statute, as in "SFS 2003:1210"
        ("§ 10000 Budget", None),
    ],
)
def test_four_digit_paragraph_numbers(line: str, expected: tuple | None) -> None:
    assert match_heading(line) == expected


def test_a_protocol_numbered_past_999_keeps_its_later_sections() -> None:
    text = "Protokoll\n§ 998 Öppnande\nText.\n§ 999 Val\nAnna.\n§ 1000 Budget\nAntas.\n"
    text += "1001 § Avslutning\nTack.\nEnligt SFS 2003:1210 och beslut 2024 § 5.\n"
    doc = parse_text(text)
    assert [(s.label, s.title) for s in doc.sections] == [
        ("§ 998", "Öppnande"),
        ("§ 999", "Val"),
        ("§ 1000", "Budget"),
        ("§ 1001", "Avslutning"),
    ]
    assert not [w for w in doc.warnings if "paragrafnumren" in w]


# --- four-digit § numbers in every reader, not only in the heading patterns ------------------


@pytest.mark.parametrize(
    ("line", "starts"),
    [
        ("1000 § Budget", True),
        ("1000a § Extra ärende", True),
        ("§ 1000 Budget", True),
        # Neighbours that keep their reading.
        ("999 § Budget", True),
        ("12 § Budget", True),
        ("12a § Extra ärende", True),
        ("2024 § 5 Budget", False),  # a year before a § (a wrapped reference)
        ("1999 § Budget", False),
        ("10000 § Budget", False),
        ("Budget 1000 §", False),
    ],
)
def test_a_paragraph_line_starts_with_up_to_four_digits_before_the_sign(
    line: str, starts: bool
) -> None:
    """Cleaning asks `PARAGRAPH_HEADING` where a § starts (a signing log or a copy is not cut
    before one, a posting box ends at one, a running title is none): "1000 §" was no §."""
    assert bool(PARAGRAPH_HEADING.match(line)) is starts


_POSTING_BOX_TXT = (
    "ANSLAG/BEVIS\nProtokollet är justerat. Justeringen har tillkännagivits genom anslag.\n"
    "Organ\nStyrelsen\nSammanträdesdatum\n2024-03-12\nDatum då anslaget sätts upp\n"
    "2024-03-20\nFörvaringsplats för protokollet\nFörbundskansliet\n"
)


@pytest.mark.parametrize(("first", "last"), [("1000 §", "1001 §"), ("11 §", "12 §")])
def test_a_posting_box_after_a_four_digit_paragraph_before_its_sign_is_dropped(
    first: str, last: str
) -> None:
    """A protocol that writes its numbers before the sign and has passed 999 ("1001 §") kept
    the posting box in its last § as text: the box was looked for after "§ 1" or "12 §"."""
    text = (
        f"Protokoll styrelsemöte 2024-03-12\n{first} Mötets öppnande\nOrdföranden öppnar mötet."
        f"\n{last} Avslutning\nStyrelsen beslutar att avsluta mötet.\n\n{_POSTING_BOX_TXT}"
        "\nProtokollet har två bilagor.\n"
    )
    doc = parse_text(text)
    assert doc.sections[1].text == (
        "Styrelsen beslutar att avsluta mötet.\n\nProtokollet har två bilagor."
    )


def test_a_posting_box_under_a_year_before_a_sign_stays_in_the_head() -> None:
    """ "2024 § 5" is a reference to a decision, not a § heading: a box under it in the head
    stays there, as it does under any head line."""
    text = (
        f"Protokoll styrelsemöte 2024-03-12\nEnligt beslut\n2024 § 5\n\n{_POSTING_BOX_TXT}"
        "\n1 § Mötets öppnande\nOrdföranden öppnar mötet.\n"
    )
    doc = parse_text(text)
    assert "ANSLAG/BEVIS\nProtokollet är justerat." in doc.header


@pytest.mark.parametrize(
    ("heading", "repaired"),
    [
        ("1000 § Såmordningsfo rbundet i Hållånd", "1000 § Samordningsförbundet i Halland"),
        ("12 § Såmordningsfo rbundet i Hållånd", "12 § Samordningsförbundet i Halland"),
        ("§ 1000 Såmordningsfo rbundet i Hållånd", "§ 1000 Samordningsförbundet i Halland"),
        # a year before a § starts no heading: past the head, the line is not looked at
        ("2024 § Såmordningsfo rbundet i Hållånd", "2024 § Såmordningsfo rbundet i Hållånd"),
    ],
)
def test_a_broken_display_font_is_repaired_in_a_four_digit_heading(
    heading: str, repaired: str
) -> None:
    """Past the head only heading lines are repaired, and "1000 §" started none."""
    lines = [Line(f"Text {k} om Halland.") for k in range(70)]
    lines.append(Line(heading))
    repair_broken_font(lines, vocabulary={"samordningsförbundet"})
    assert lines[-1].text == repaired


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        ("(Ärendet behandlades efter §1000)", ["1000"]),
        ("(Ärendet behandlades efter § 999)", ["999"]),
        ("enligt § 12 och §0012", ["12", "12"]),
        ("enligt § 2003:1210", []),  # a statute's year, as in "SFS 2003:1210"
        ("§ 10000", []),
    ],
)
def test_a_two_column_bodys_reference_reads_four_digits(text: str, numbers: list[str]) -> None:
    """A body naming "§1000" was read as naming § 100 and was not kept out of § 1000."""
    assert _REFERENCE.findall(text) == numbers


_DNR_TAIL = "Styrelsen beslutar att anta budgeten.\n§ 6 Avslutning\nMötet avslutas."


@pytest.mark.parametrize(
    ("heading", "dnr"),
    [
        # the number before the title on the heading line: the title was lost
        ("§ 5 Dnr 2024/12 Budget 2025", "Dnr 2024/12"),
        ("§ 5 Dnr: SF 2024-0012 Budget 2025", "Dnr: SF 2024-0012"),
        # alone between a bare § and its title: it was taken for the title
        ("§ 5\nDnr 2024/12\nBudget 2025", "Dnr 2024/12"),
        # after the title: it was the title's end
        ("§ 5 Budget 2025 (Dnr 2024/12)", "Dnr 2024/12"),
        ("§ 5 Budget 2025, Dnr 2024/12", "Dnr 2024/12"),
        ("§ 5 Budget 2025 Diarienummer 2024.012", "Diarienummer 2024.012"),
        # right above its §: it was the end of the § before
        ("Dnr 2024/12\n§ 5 Budget 2025", "Dnr 2024/12"),
        # must not change
        ("§ 5 Budget 2025\nDnr 2024/12", "Dnr 2024/12"),
        ("§ 5 Dnr 2024/12\nBudget 2025", "Dnr 2024/12"),
    ],
)
def test_a_registration_number_goes_to_the_body_wherever_it_stands(heading: str, dnr: str) -> None:
    doc = parse_text(f"Protokoll\n§ 4 Öppnande\nBeslut\natt öppna mötet\n{heading}\n{_DNR_TAIL}")
    assert [(s.label, s.title) for s in doc.sections] == [
        ("§ 4", "Öppnande"),
        ("§ 5", "Budget 2025"),
        ("§ 6", "Avslutning"),
    ]
    assert doc.sections[1].text == f"{dnr}\nStyrelsen beslutar att anta budgeten."
    assert [d.text for d in doc.sections[0].decisions] == ["att öppna mötet"]


@pytest.mark.parametrize("word", ["Ärende", "Punkt"])
@pytest.mark.parametrize("mark", [" ", ". ", ": ", " - "])
def test_items_numbered_without_a_paragraph_sign_are_headings(word: str, mark: str) -> None:
    """ "Ärende 5 Budget" / "Punkt 5. Budget": the protocol was one section without structure."""
    text = (
        f"Protokoll styrelsemöte 2024-04-18\n{word} 5{mark}Val av justerare\nBo Lind utses.\n"
        f"{word} 6{mark}Budget 2025\n{word} 5 behandlades först.\nBudgeten antas.\n"
        f"{word} 7\nÖvrigt\nInga frågor."
    )
    doc = parse_text(text)
    assert [(s.label, s.number, s.title, s.text) for s in doc.sections] == [
        (f"{word} 5", 5, "Val av justerare", "Bo Lind utses."),
        (f"{word} 6", 6, "Budget 2025", f"{word} 5 behandlades först.\nBudgeten antas."),
        (f"{word} 7", 7, "Övrigt", "Inga frågor."),
    ]


@pytest.mark.parametrize(
    "text",
    [
        # one item alone, or items out of their order, are text (a number may be skipped:
        # `test_decisions_review.test_an_item_run_skips_a_number_as_paragraphs_do`)
        "Protokoll\nÄrende 5 Budget\nBudgeten antas.",
        "Protokoll\nÄrende 9 Budget\nBudgeten antas.\nÄrende 5 Plan\nPlanen antas.",
        # beside § headings they are text
        "Protokoll\n§ 1 Budget\nÄrende 1 Budget\nÄrende 2 Plan\n§ 2 Plan\nPlanen antas.",
    ],
)
def test_item_headings_need_a_run_of_items_and_no_paragraph_sign(text: str) -> None:
    doc = parse_text(text)
    assert not any(s.label.startswith(("Ärende", "Punkt")) for s in doc.sections)


@pytest.mark.parametrize(
    "rows",
    [
        "| Ärende | Beslut |\n|---|---|\n| § 1 Val av justerare | Bo Lind utses. |\n"
        "| § 2 Budget | Budgeten antas. |\n| § 3 Plan | Planen antas. |\n"
        "| § 4 Övrigt | Inga frågor. |",
        "Ärende | Beslut\n§ 1 Val av justerare | Bo Lind utses.\n§ 2 Budget | Budgeten antas.\n"
        "§ 3 Plan | Planen antas.\n§ 4 Övrigt | Inga frågor.",
    ],
)
def test_a_table_of_paragraphs_and_decisions_in_a_text_export(rows: str) -> None:
    """A decision table exported as text ("§ 2 Budget | Budgeten antas."): the decision was
    the title's end, and four rows or more were taken for a two-column layout's headings."""
    doc = parse_text(f"Beslutsprotokoll styrelsen 2024-04-18\n{rows}\n")
    assert [(s.label, s.title, s.text, [d.text for d in s.decisions]) for s in doc.sections] == [
        ("§ 1", "Val av justerare", "Bo Lind utses.", ["Bo Lind utses."]),
        ("§ 2", "Budget", "Budgeten antas.", ["Budgeten antas."]),
        ("§ 3", "Plan", "Planen antas.", ["Planen antas."]),
        ("§ 4", "Övrigt", "Inga frågor.", []),
    ]
    assert "---" not in doc.header


def test_a_registration_number_above_the_first_paragraph_stays_in_the_head() -> None:
    """The document's own number, printed in its letterhead, is no § 1's."""
    doc = parse_text("Protokoll 2024-03-12\nDnr 12/2024\n§ 1 Öppnande\nMötet öppnas.")
    assert doc.header.split("\n") == ["Protokoll 2024-03-12", "Dnr 12/2024"]
    assert doc.sections[0].text == "Mötet öppnas."


@pytest.mark.parametrize("label", ["BESLUT", "STYRELSENS BESLUT", "Beslut"])
def test_a_decision_label_in_capitals_under_a_bare_paragraph_is_no_title(label: str) -> None:
    """ "§ 4" / "BESLUT" / "att anta planen.": the label was taken for the § title, and the
    decision under it was lost."""
    doc = parse_text(f"Protokoll 2024-03-12\n§ 4\n{label}\natt anta planen.")
    (section,) = doc.sections
    assert (section.title, [d.text for d in section.decisions]) == ("", ["att anta planen."])


def test_a_registration_number_on_a_heading_line_of_a_two_column_layout_is_kept() -> None:
    """Titles printed apart from their bodies: the "Dnr" that a heading line held went
    nowhere, neither the title nor the body."""
    text = (
        "Protokoll 2024-03-12\n§ 1 Val av justerare (Dnr 2024/1)\n§ 2 Budget\n§ 3 Plan\n"
        "§ 4 Övrigt\n\nAnna Berg utses att justera.\n\nBudgeten antas.\n\nPlanen antas.\n\n"
        "Inga övriga frågor."
    )
    doc = parse_text(text)
    assert [(s.title, s.text) for s in doc.sections] == [
        ("Val av justerare", "Dnr 2024/1\nAnna Berg utses att justera."),
        ("Budget", "Budgeten antas."),
        ("Plan", "Planen antas."),
        ("Övrigt", "Inga övriga frågor."),
    ]
