"""Citations of two sections with one label: the sample report's two "Mål 8" and protocol
003's two "§ 10" (a numbering error in the source) have no pages to tell them apart, so a
citation names the section's title after a label that repeats in its meeting
(`index.parse.mark_repeated_labels`, `search.answer.citation`), in the API, the hit CSVs,
`/api/sections/<id>` and the pages alike; a unique label is cited exactly as before."""

from __future__ import annotations

import csv
import io
import re

import pytest

from index.ingest import ingest
from index.parse import parse_file, parse_text
from index.pipeline import doc_id_for
from search.answer import citation
from tests.conftest import SAMPLE_DIR

SODERASEN = ("Samordningsförbundet Söderåsen", "2025-06-11")
REPORT = "Tertial rapport Samordningsförbundet Skåne Nordost"

# A document's id is made of its file's absolute path, so it differs between checkouts.
HALLAND = doc_id_for((SAMPLE_DIR / "003_362b2636d5cfc172.txt").resolve())  # its § 10 twice
TERTIAL = doc_id_for((SAMPLE_DIR / "004_9d89b2c500131227.txt").resolve())  # its Mål 8 twice
HALLAND_CITED = "Samordningsförbundet i Halland, styrelsen 2023-12-15"
REPORT_CITED = f"{REPORT}, period till 2024-04-30"
# The two sections of each pair (by id) and the citation each gets.
REPEATED = {
    f"{HALLAND}-p10": f"{HALLAND_CITED}, § 10 (Uppdrag till förbundschef)",
    f"{HALLAND}-p10-2": f"{HALLAND_CITED}, § 10 (Nästa möte)",
    f"{TERTIAL}-m8": f"{REPORT_CITED}, Mål 8 (Behålla och utveckla)",
    f"{TERTIAL}-m8-2": f"{REPORT_CITED}, Mål 8 (Öka kunskapen om Samordningsförbundet Skåne Nordost)",
}
# Unique labels of the same documents: cited exactly as they always were.
UNIQUE = {
    f"{HALLAND}-p9": f"{HALLAND_CITED}, § 9",
    f"{TERTIAL}-m10": f"{REPORT_CITED}, Mål 10",
}
CITED = {**REPEATED, **UNIQUE}


# --- the rule -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("label", "section_title", "repeats", "kind", "title", "pages", "cited"),
    [
        # A unique label: the section's title is never added, the citation is as before.
        ("§ 47", "Val av justerare", False, "protokoll", "", (None, None),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 47"),
        ("§ 47", "Val av justerare", False, "protokoll", "", (3, 4),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 47, s. 3–4"),
        # A repeated label: the title follows it in brackets, before any pages.
        ("§ 10", "Nästa möte", True, "protokoll", "", (None, None),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 10 (Nästa möte)"),
        ("§ 10", "Nästa möte", True, "protokoll", "", (3, 3),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 10 (Nästa möte), s. 3"),
        ("Mål 8", "Behålla och utveckla", True, "rapport",
         "Tertialrapport Samordningsförbundet Söderåsen", (None, None),
         "Tertialrapport Samordningsförbundet Söderåsen, period till 2025-06-11, "
         "Mål 8 (Behålla och utveckla)"),
        # The brackets keep a title with commas one part of the citation.
        ("§ 4", "Budget, prognos", True, "protokoll", "", (None, None),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 4 (Budget, prognos)"),
        # A title in brackets of its own gets none more; one that only starts with one does.
        ("§ 14", "(forts.)", True, "protokoll", "", (None, None),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 14 (forts.)"),
        ("§ 5", "(a) och (b)", True, "protokoll", "", (None, None),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 5 ((a) och (b))"),
        # Runs of blanks read as one; without a title the label stands alone.
        ("§ 2", "  Val\tav   justerare ", True, "protokoll", "", (None, None),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 2 (Val av justerare)"),
        ("§ 2", " ", True, "protokoll", "", (None, None),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11, § 2"),
        # Without a label there is nothing to follow.
        ("", "Protokoll styrelsemöte", True, "protokoll", "", (None, None),
         "Samordningsförbundet Söderåsen, styrelsen 2025-06-11"),
    ],
)  # fmt: skip
def test_citation_names_the_title_of_a_repeated_label(
    label: str,
    section_title: str,
    repeats: bool,
    kind: str,
    title: str,
    pages: tuple,
    cited: str,
) -> None:
    got = citation(
        *SODERASEN,
        label,
        kind=kind,
        title=title,
        page=pages[0],
        page_end=pages[1],
        section_title=section_title,
        label_repeats=repeats,
    )
    assert got == cited


# --- parsing ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "repeated"),
    [
        ("003_362b2636d5cfc172.txt", {"§ 10"}),
        ("004_9d89b2c500131227.txt", {"Mål 8"}),
        ("000_0cffb97c7c420864.txt", set()),
    ],
)
def test_the_parser_flags_a_label_its_document_repeats(name: str, repeated: set) -> None:
    doc = parse_file(SAMPLE_DIR / name)
    assert {s.label for s in doc.sections if s.label_repeats} == repeated
    assert all(s.label_repeats == (s.label in repeated) for s in doc.sections)
    assert [s["label_repeats"] for s in doc.to_dict()["sections"]] == [
        s.label in repeated for s in doc.sections
    ]


_MEETING = """Samordningsförbundet Blekinge
Protokoll styrelsemöte
Datum: {date}
Plats: Karlskrona

§ 1 Mötets öppnande
Ordföranden öppnade mötet.

§ 2 {title}
Styrelsen beslutar att godkänna rapporten.
"""


@pytest.mark.parametrize(
    ("second", "repeated"),
    [
        # Another meeting numbers from § 1 again: its date tells its § apart already.
        ("2024-04-10", set()),
        # Another meeting the same day: nothing but the titles tells them apart.
        ("2024-03-12", {"§ 1", "§ 2"}),
    ],
)
def test_a_label_repeats_within_its_meeting_only(second: str, repeated: set) -> None:
    text = _MEETING.format(date="2024-03-12", title="Ekonomisk rapport") + _MEETING.format(
        date=second, title="Budget 2025"
    ).replace("Samordningsförbundet Blekinge\n", "\n")
    doc = parse_text(text)
    assert [s.label for s in doc.sections] == ["§ 1", "§ 2", "", "§ 1", "§ 2"]
    assert {s.label for s in doc.sections if s.label_repeats} == repeated
    assert not any(s.label_repeats for s in doc.sections if not s.label)


# --- the sample index, end to end ---------------------------------------------------------


def test_the_api_cites_the_two_sections_of_one_label_apart(client) -> None:
    hits = {}
    for q in ("§ 10", "Mål 8", "§ 9", "Mål 10"):
        answer = client.get("/api/search", query_string={"q": q, "limit": 100}).get_json()
        hits |= {h["id"]: h for h in answer["hits"] if h["id"] in CITED}
    assert {i: h["citation"] for i, h in hits.items()} == CITED
    assert {i: h["label_repeats"] for i, h in hits.items()} == {i: i in REPEATED for i in CITED}


@pytest.mark.parametrize(("path", "excel"), [("/search.csv", True), ("/api/search.csv", False)])
def test_the_csv_cites_the_two_sections_of_one_label_apart(client, path: str, excel: bool) -> None:
    cited = {}
    for q in ("§ 10", "Mål 8", "§ 9", "Mål 10"):
        body = client.get(path, query_string={"q": q}).data.decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=";" if excel else ","))
        column = rows[0].index("Källhänvisning" if excel else "källhänvisning")
        cited |= {row[0]: row[column] for row in rows[1:] if row and row[0] in CITED}
    assert cited == CITED


@pytest.mark.parametrize("section_id", sorted(CITED))
def test_a_sections_record_cites_it_as_its_hit_does(client, section_id: str) -> None:
    section = client.get(f"/api/sections/{section_id}").get_json()
    assert section["citation"] == CITED[section_id]
    assert section["label_repeats"] is (section_id in REPEATED)


@pytest.mark.parametrize("doc_id", [HALLAND, TERTIAL])
def test_the_document_cites_each_section_as_its_hit_does(client, doc_id: str) -> None:
    doc = client.get(f"/api/documents/{doc_id}").get_json()
    cited = {s["id"]: s["citation"] for s in doc["sections"]}
    assert {i: c for i, c in cited.items() if i in CITED} == {
        i: c for i, c in CITED.items() if i.startswith(doc_id)
    }
    # Every other section keeps its bare label, as no other section of the meeting has it.
    for s in doc["sections"]:
        if s["id"] not in REPEATED:
            assert s["label_repeats"] is False
            assert s["citation"].endswith(f", {s['label']}" if s["label"] else s["date"] or "")
    page = client.get(f"/doc/{doc_id}").get_data(as_text=True)
    for section_id in REPEATED:
        if section_id.startswith(doc_id):
            assert f'<span class="citation">{CITED[section_id]}</span>' in page


# --- a title that is markup, a formula or an identity number ------------------------------

_UNSAFE = """Samordningsförbundet Blekinge
Protokoll styrelsemöte
Datum: 2024-03-12
Plats: Karlskrona

§ 1 Mötets öppnande
Ordföranden öppnade mötet.

§ 2 Val av <b>justerare</b> & "sekreterare", =HYPERLINK("x")
Styrelsen beslutar att välja Anna Andersson till justerare.

§ 2 Anmälan om 19121212-1212
Styrelsen beslutar att lägga anmälan till handlingarna.
"""
UNSAFE_CITED = "Samordningsförbundet i Blekinge, styrelsen 2024-03-12, § 2"


@pytest.fixture(scope="module")
def unsafe_client(tmp_path_factory: pytest.TempPathFactory):
    from web import create_app

    folder = tmp_path_factory.mktemp("cite")
    (folder / "protokoll.txt").write_text(_UNSAFE, encoding="utf-8")
    path = folder / "ix"
    assert ingest([folder / "protokoll.txt"], path).ok
    return create_app({"FINSOK_INDEX": str(path), "TESTING": True}).test_client()


def _unsafe_hits(client) -> dict[str, dict]:
    answer = client.get("/api/search", query_string={"q": "beslutar"}).get_json()
    return {h["title"][:5]: h for h in answer["hits"]}


def test_a_title_in_a_citation_holds_no_identity_number(unsafe_client) -> None:
    hits = _unsafe_hits(unsafe_client)
    assert hits["Anmäl"]["citation"] == f"{UNSAFE_CITED} (Anmälan om XXXXXX-XXXX)"
    section = unsafe_client.get(f"/api/sections/{hits['Anmäl']['id']}").get_json()
    assert section["citation"] == hits["Anmäl"]["citation"]
    for path in ("/api/search", "/search.csv", "/api/search.csv", "/"):
        body = unsafe_client.get(path, query_string={"q": "beslutar"}).get_data(as_text=True)
        assert "XXXXXX-XXXX" in body and "1212" not in body, path
    page = unsafe_client.get(f"/doc/{hits['Anmäl']['doc_id']}").get_data(as_text=True)
    assert "XXXXXX-XXXX" in page and "1212" not in page


def test_a_title_in_a_citation_is_escaped_on_the_pages(unsafe_client) -> None:
    hit = _unsafe_hits(unsafe_client)["Val a"]
    cited = f'{UNSAFE_CITED} (Val av <b>justerare</b> & "sekreterare", =HYPERLINK("x"))'
    assert hit["citation"] == cited
    escaped = (
        f"{UNSAFE_CITED} (Val av &lt;b&gt;justerare&lt;/b&gt; &amp; "
        "&#34;sekreterare&#34;, =HYPERLINK(&#34;x&#34;))"
    )
    for url in ("/?q=beslutar", f"/doc/{hit['doc_id']}"):
        page = unsafe_client.get(url).get_data(as_text=True)
        assert f'<span class="citation">{escaped}</span>' in page, url
        assert f'data-copy="{escaped}"' in page, url
        assert "<b>justerare</b>" not in page, url


@pytest.mark.parametrize(("path", "excel"), [("/search.csv", True), ("/api/search.csv", False)])
def test_a_title_in_a_citation_cannot_start_a_formula(
    unsafe_client, path: str, excel: bool
) -> None:
    body = unsafe_client.get(path, query_string={"q": "beslutar"}).data.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body, newline=""), delimiter=";" if excel else ","))
    column = rows[0].index("Källhänvisning" if excel else "källhänvisning")
    cited = {row[column] for row in rows[1:] if row}
    # The cell starts with the förbund, as every citation does: no spreadsheet reads a
    # formula in it, and it is written as the API gives it, without a guarding apostrophe.
    assert f'{UNSAFE_CITED} (Val av <b>justerare</b> & "sekreterare", =HYPERLINK("x"))' in cited
    assert all(c.startswith("Samordningsförbundet") for c in cited)


@pytest.mark.parametrize(("path", "q"), [("/doc/" + HALLAND, None), ("/", "§ 10 förbund:halland")])
def test_the_copy_buttons_of_one_label_have_names_of_their_own(client, path, q) -> None:
    """Both "§ 10" copy buttons were named "Kopiera citat för § 10": a screen reader's user
    could not tell which citation each copies. A repeated label's button names the title."""
    page = client.get(path, query_string={"q": q} if q else None).get_data(as_text=True)
    names = re.findall(r'aria-label="(Kopiera citat för § 10[^"]*)"', page)
    assert len(names) == 2 and len(set(names)) == 2, names
    assert any("(Nästa möte)" in name for name in names)


_BRACKETED = """Samordningsförbundet Blekinge
Protokoll styrelsemöte
Datum: 2024-03-12

§ 3 (Bordlagt ärende)
Styrelsen beslutar att godkänna planen.

§ 3 Övriga frågor
Styrelsen beslutar att lägga informationen till handlingarna.
"""


def test_a_bracketed_titles_copy_button_has_one_pair_of_brackets(tmp_path) -> None:
    """The button's name put its own brackets around a title in brackets, "§ 3 ((Bordlagt
    ärende))"; it names the label as the citation does."""
    from web import create_app

    (tmp_path / "protokoll.txt").write_text(_BRACKETED, encoding="utf-8")
    assert ingest([tmp_path / "protokoll.txt"], tmp_path / "ix").ok
    client = create_app({"FINSOK_INDEX": str(tmp_path / "ix"), "TESTING": True}).test_client()
    doc_id = doc_id_for((tmp_path / "protokoll.txt").resolve())
    for page in (client.get(f"/doc/{doc_id}"), client.get("/", query_string={"q": "beslutar"})):
        names = re.findall(
            r'aria-label="Kopiera citat för (§ 3[^",]*)', page.get_data(as_text=True)
        )
        assert sorted(names) == ["§ 3 (Bordlagt ärende)", "§ 3 (Övriga frågor)"]
