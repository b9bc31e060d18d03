"""Search behaviour through a real index: what must match, what must not, and in what order.

A small corpus written for these tests puts each word form in its own section, so every
"must match" and "must not match" of the issue is checked against real ranked results.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from html import unescape

import pytest

from index import analysis
from index.ingest import ingest
from index.parse import parse_file
from index.synonyms import Abbreviations
from search import order as search_order
from search.compile import DATES_WITHOUT_COMMON_DAY, UNDATED_BESIDE_DATES
from search.engine import Engine, SearchParams
from search.limits import MAX_QUERY_CHARS
from search.suggest import edit_distance
from tests.conftest import SAMPLE_DIR, TEST_DATA
from web.data import document_data

HIT_KEYS = {
    "id",
    "doc_id",
    "source",
    "forbund",
    "forbund_slug",
    "date",
    "kind",
    "label",
    "number",
    "title",
    "snippet",
    "decision",
    "score",
    "url",
}
RESULT_KEYS = {"query", "total", "hits", "facets", "suggestion", "notice"}

FORMS = {
    1: ("Genomlysning", "Arbetet med genomlysningen av teamen fortsätter."),
    2: ("Rapporter", "Två genomlysningar har gjorts tidigare."),
    3: ("Ordning", "Förbundet antog en ny ordning för arbetet."),
    4: ("Justering", "Protokollet justerades digitalt."),
    5: ("Ärende", "Styrelsen beslutade om fortsatt arbete."),
    6: ("Projekt", "Inom ESF-projekten pågår arbetet enligt plan."),
    7: ("Målgrupp", "Insatser för utrikesfödda kvinnor planeras."),
    8: ("Myndighet", "Myndigheten för ungdoms- och civilsamhällesfrågor deltog."),
    9: ("Kurs", "Inbjudan till samverkansutbildningen har skickats."),
    10: ("Arbetsplatser", "Två handledarutbildningar genomförs under hösten."),
    11: ("Stöd", "Brottsofferjouren har tagit kontakt med kansliet."),
    12: ("Uppdrag", "Genomlysningsuppdraget upphandlas under våren."),
    13: ("Styrdokument", "Ett utkast till ny förbundsordning har tagits fram."),
    14: ("Kostnad", "Kostnaden för uppdraget beräknas till 300 tkr."),
    15: ("Myndigheter", "Dialog med FK om medelstilldelningen pågår."),
    16: ("Samverkan", "Försäkringskassan och kommunerna träffades i maj."),
    17: ("Säkerhet", 'Texten <script>alert("x")</script> och <b onclick="x">märkning</b> syns.'),
    18: ("Firmatecknare", "Linda Biltmark, 000113-1119, utses till firmatecknare."),
    19: ("Uppföljning", "En plan för intern kontroll antogs."),
    20: ("Workshop", "MUCF höll en workshop om UVAS."),
    21: ("Fonder", "Socialfonden beviljade medel till metodstödet."),
    22: ("EU-medel", "En ansökan till Europeiska socialfonden skickades."),
}


def _protocol(date: str, forbund: str, sections: dict[int, tuple[str, str]]) -> str:
    body = "\n".join(f"§ {n} {title}\n{text}\n" for n, (title, text) in sections.items())
    return f"Protokoll\n{forbund}\nSammanträdesdatum {date}\n\n{body}"


@pytest.fixture(scope="module")
def search(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("search")
    corpus = root / "corpus"
    corpus.mkdir()
    files = {
        "former.txt": _protocol("2024-03-01", "Samordningsförbundet i Halland", FORMS),
        "rank_old.txt": _protocol(
            "2021-05-05",
            "Samordningsförbundet i Blekinge",
            {
                1: ("Övrigt", "Budgetram och lokalfrågor diskuterades kort i slutet."),
                2: ("Lokaler", "Ny lokal i centrum planeras för kansliet och teamen."),
            },
        ),
        "rank_new.txt": _protocol(
            "2025-05-05",
            "Samordningsförbundet i Blekinge",
            {
                1: ("Övrigt", "Budgetram och lokalfrågor diskuterades kort i slutet."),
                2: ("Rekrytering", "Rekrytering av en ny processledare pågår."),
                3: ("Budgetramen", "Frågan om ramen behandlades."),
                4: (
                    "Information",
                    "Kansliet informerade om läget.\nBeslut:\nStyrelsen fastställer budgetramen.",
                ),
                5: ("Rapport", "Budgetramen för året redovisades av ekonomen i detalj idag."),
                6: ("Närhet", "Extern genomlysning av verksamheten föreslås nu."),
                7: ("Avstånd", "Extern part deltog. Senare kom frågan om genomlysning upp."),
            },
        ),
        # § 12 refers to § 3 in its text: "§ 3" must find § 3 itself, not the reference.
        "paragrafer.txt": _protocol(
            "2022-02-02",
            "Samordningsförbundet Östra Södertörn",
            {
                3: ("Val av justerare", "Ordföranden valdes att justera."),
                12: ("Hänvisning", "Ärendet i § 3 återkom, med 3 nya remisser."),
                "12a": ("Extra ärende", "Ett tillkommet ärende behandlades."),
            },
        ),
        "exakt.txt": _protocol(
            "2023-01-01",
            "Samordningsförbundet Söderåsen",
            {
                1: ("A", "Vi talade om utbildning i dag."),
                2: ("B", "Vi talade om utbildningen i dag."),
                3: ("C", "Vi talade om forbundsordning i dag."),
                4: ("D", "Vi talade om förbundsordning i dag."),
                5: ("E", "Vi talade om samverkansutbildningen i dag."),
            },
        ),
    }
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    summary = ingest([corpus], root / "ix")
    assert summary.ok, summary.failed
    engine = Engine.open(root / "ix")

    def run(q: str, **kw) -> dict:
        return engine.search(SearchParams(q=q, limit=kw.pop("limit", 50), **kw))

    run.engine = engine  # type: ignore[attr-defined]
    return run


def found(result: dict, source: str = "former.txt") -> set[int]:
    return {h["number"] for h in result["hits"] if h["source"] == source}


def order(result: dict) -> list[tuple[str, int]]:
    return [(h["source"], h["number"]) for h in result["hits"]]


def test_result_has_the_contract_shape(search) -> None:
    result = search("genomlysning")
    assert set(result) >= RESULT_KEYS
    assert result["total"] == len(result["hits"]) > 0
    for hit in result["hits"]:
        assert set(hit) >= HIT_KEYS
        assert hit["url"] == f"/doc/{hit['doc_id']}#p{hit['number']}"
    assert set(result["facets"]) == {"forbund", "year", "kind"}


@pytest.mark.parametrize(
    ("query", "sections"),
    [
        ("genomlysning", {1, 2, 12}),  # genomlysningen, genomlysningar, genomlysningsuppdraget
        ("förbund", {3, 13}),  # förbundet (Snowball misses the -et), förbundsordning (part)
        ("protokoll", {4}),  # protokollet
        ("beslut", {5}),  # beslutade
        ("ESF", {6, 21, 22}),  # ESF-projekten and both long forms, never utrikesfödda
        ("socialfonden", {6, 21, 22}),  # ESF, and the long form that holds it
        ("Europeiska socialfonden", {6, 22}),  # ESF; not "socialfonden" alone
        ("utbildning", {9, 10}),  # samverkansutbildningen, handledarutbildningar
        ("brottsoffer", {11}),  # Brottsofferjouren
        ("forbundsordning", {13}),  # förbundsordning, folded
        ("genomlysníng", {1, 2, 12}),  # an accent Swedish does not write: as if typed without
        ("Försäkringskassan", {15, 16}),  # FK, and itself
        ("FK", {15, 16}),
        ("FK:s", {15, 16}),  # the acronym's genitive, as Swedish writes it
        ("fk:s", {15, 16}),  # typed in lower case
        ("FK:S", {15, 16}),  # or in capitals
        ('"kostnaden för uppdraget"', {14}),  # a phrase with a stopword
        ("samverk*", {9, 16}),
        ("forbund*", {3, 13}),  # a prefix typed without å, ä, ö meets the folded forms
        ("forsakr*", {16}),
        ("Förs*", {16}),
        ("genomföra", {10}),  # verb forms: genomförs
        ("upphandla", {12}),  # upphandlas
        ("märkning", {17}),
        ("internkontroll", {19}),  # a compound query finds its parts written apart
        ("Myndigheten för ungdoms- och civilsamhällesfrågor", {8, 20}),  # and its abbreviation
        ("MUCF", {8, 20}),
    ],
)
def test_must_match(search, query: str, sections: set[int]) -> None:
    assert found(search(query)) == sections


@pytest.mark.parametrize(
    ("query", "absent"),
    [
        ("ESF", {7, 8}),
        ("för", set(range(1, len(FORMS) + 1))),
        ("utbildning", {1, 2}),
        ("forbund*", {16}),
        ("fors*", set()),
    ],
)
def test_must_not_match(search, query: str, absent: set[int]) -> None:
    assert not found(search(query)) & absent


@pytest.mark.parametrize(
    ("query", "sections"),
    [("förbundsordning", {4}), ("förb*", {4}), ("forbundsordning", {3, 4}), ("forb*", {3, 4})],
)
def test_a_word_typed_with_a_diacritic_means_it(search, query: str, sections: set) -> None:
    """exakt.txt writes "forbundsordning" (§ 3) and "förbundsordning" (§ 4): typed with ö, a
    query means ö; typed without, it finds both."""
    assert found(search(query), "exakt.txt") == sections


def test_a_name_typed_without_diacritics_ranks_as_written(search) -> None:
    """A name typed without å, ä, ö ("forsakringskassan") finds the section that writes it (§ 16) as
    "Försäkringskassan" does, not only through the folded form at a quarter of the weight
    while its abbreviation (FK, § 15) counts in full."""
    plain, written = search("forsakringskassan"), search("Försäkringskassan")
    assert set(order(plain)) == set(order(written))
    scores = {h["number"]: h["score"] for h in plain["hits"] if h["source"] == "former.txt"}
    assert scores[16] >= scores[15]


def test_a_folded_prefix_is_marked_in_the_snippet(search) -> None:
    (hit,) = [h for h in search("forsakr*")["hits"] if h["source"] == "former.txt"]
    assert "<mark>Försäkringskassan</mark>" in hit["snippet"]


def test_stopwords_alone_give_no_hits_and_a_message(search) -> None:
    result = search("för och i")
    assert result["total"] == 0 and result["hits"] == []
    assert "stoppord" in result["notice"]


@pytest.mark.parametrize(
    ("q", "alone"),
    [
        ("och förbund:halland", "förbund:halland"),
        ("för och i år:2025", "år:2025"),
        ("§ typ:beslut", "typ:beslut"),
        ("att -förbund:halland", "-förbund:halland"),
    ],
)
def test_stopwords_beside_filters_are_left_out_with_a_notice(engine, q: str, alone: str) -> None:
    """As "och -budget" is "-budget": the stopwords are dropped, the filters stand."""
    with_stopwords = engine.search(SearchParams(q=q, limit=100))
    filters_alone = engine.search(SearchParams(q=alone, limit=100))
    assert with_stopwords["total"] == filters_alone["total"] > 0
    assert [h["id"] for h in with_stopwords["hits"]] == [h["id"] for h in filters_alone["hits"]]
    assert "stoppord" in with_stopwords["notice"] and "filtren" in with_stopwords["notice"]


def test_exact_form_ranks_above_stem_above_compound_part(search) -> None:
    result = search("utbildning", forbund=["soderasen"])
    assert order(result)[:3] == [("exakt.txt", 1), ("exakt.txt", 2), ("exakt.txt", 5)]


def test_definite_form_ranks_above_compound_part(search) -> None:
    assert order(search("förbund", forbund=["halland"])) == [("former.txt", 3), ("former.txt", 13)]


def test_plain_spelling_ranks_above_folded_match(search) -> None:
    result = search("forbundsordning", forbund=["soderasen"])
    assert order(result) == [("exakt.txt", 3), ("exakt.txt", 4)]


def test_title_ranks_above_decision_above_body(search) -> None:
    # § 3 has the word (as a stem) in its title, § 4 in its decision, § 5 only in its body.
    hits = [
        h
        for h in search("budgetram", date_from=_d("2025-01-01"))["hits"]
        if h["number"] in (3, 4, 5)
    ]
    assert [h["number"] for h in hits] == [3, 4, 5]
    assert [h["decision"] for h in hits] == [False, True, False]


def test_nearby_words_rank_higher(search) -> None:
    result = search("extern genomlysning", forbund=["blekinge"])
    assert order(result)[:2] == [("rank_new.txt", 6), ("rank_new.txt", 7)]


def test_ties_go_to_the_newer_meeting(search) -> None:
    result = search("lokalfrågor")
    assert order(result) == [("rank_new.txt", 1), ("rank_old.txt", 1)]
    assert result["hits"][0]["score"] == result["hits"][1]["score"]


def test_sort_by_date(search) -> None:
    result = search("budgetram", sort="date")
    dates = [h["date"] for h in result["hits"]]
    assert dates == sorted(dates, reverse=True) and dates[-1] == "2021-05-05"


def _d(text: str):
    from datetime import date

    return date.fromisoformat(text)


@pytest.mark.parametrize(
    ("query", "params", "sources"),
    [
        ("budgetram", {"forbund": ["blekinge"]}, {"rank_old.txt", "rank_new.txt"}),
        ("förbund:blekinge budgetram", {}, {"rank_old.txt", "rank_new.txt"}),
        ("budgetram år:2021", {}, {"rank_old.txt"}),
        (
            "budgetram",
            {"date_from": _d("2022-01-01"), "date_to": _d("2025-12-31")},
            {"rank_new.txt"},
        ),
        ("budgetram datum:2021-01-01..2021-12-31", {}, {"rank_old.txt"}),
        ("genomlysning förbund:halland förbund:blekinge", {}, {"former.txt", "rank_new.txt"}),
    ],
)
def test_filters(search, query: str, params: dict, sources: set[str]) -> None:
    assert {h["source"] for h in search(query, **params)["hits"]} == sources


def test_or_between_filters_keeps_the_words_beside_it(search) -> None:
    """Query "budgetram förbund:halland OR förbund:blekinge" is budgetram in either förbund; read
    as "(budgetram förbund:halland) OR förbund:blekinge" it found every Blekinge section."""
    either = search("budgetram förbund:halland OR förbund:blekinge", limit=100)
    blekinge = search("budgetram förbund:blekinge", limit=100)
    halland = search("budgetram förbund:halland", limit=100)
    assert set(order(either)) == set(order(blekinge)) | set(order(halland))
    assert either["total"] < search("förbund:blekinge", limit=100)["total"]
    grouped = "Lästes som budgetram (förbund:halland OR förbund:blekinge)"
    assert any(line.startswith(grouped) for line in either["interpretation"])
    assert not any(line.startswith("Lästes som") for line in blekinge["interpretation"])


def test_or_in_the_users_own_parentheses_needs_no_grouping_line(search) -> None:
    """The grouping line explains a grouping the user did not type: with the parentheses
    typed, the same search says nothing about it."""
    implicit = search("budgetram förbund:halland OR förbund:blekinge", limit=100)
    typed = search("budgetram (förbund:halland OR förbund:blekinge)", limit=100)
    assert order(typed) == order(implicit)
    assert not any(line.startswith("Lästes som") for line in typed["interpretation"])


def test_decisions_only_matches_decision_text(search) -> None:
    for result in (search("budgetram", kind="decision"), search("typ:beslut budgetram")):
        assert order(result) == [("rank_new.txt", 4)]
        assert result["hits"][0]["decision"] is True
        assert "<mark>budgetramen</mark>" in result["hits"][0]["snippet"]


@pytest.mark.parametrize(
    ("q", "kind"),
    [
        ("typ:beslut", None),
        ("typ:beslut år:2025", None),
        ("typ:beslut -budget", None),
        ("förbund:blekinge", "decision"),
    ],
)
def test_decisions_only_without_words_shows_the_decisions(engine, q: str, kind) -> None:
    """Decisions only, with filters alone (or a word excluded): each hit was found by its
    decisions and shows one, marked as a decision; the body's start ("Ordförande föredrog
    ärendet. …") said nothing of what was decided, and the hit said it was no decision."""
    result = engine.search(SearchParams(q=q, kind=kind, limit=100))
    assert result["total"] > 3
    for hit in result["hits"]:
        decisions = [" ".join(d["text"].split()) for d in engine.section(hit["id"])["decisions"]]
        shown = hit["snippet"].removesuffix("…")
        assert hit["decision"] is True, (q, hit["label"], hit["snippet"])
        assert any(d.startswith(unescape(shown)) for d in decisions), (q, hit["snippet"])


def test_facets_count_every_match(search) -> None:
    facets = search("budgetram")["facets"]
    assert facets["forbund"] == {"blekinge": 5}
    assert facets["year"] == {"2025": 4, "2021": 1}
    assert facets["kind"] == {"protokoll": 5}


@pytest.mark.parametrize("sort", ["relevance", "date"])
@pytest.mark.parametrize("query", ["st*", "-xyzzy", "samverkan", "förbund:blekinge", "beslut"])
def test_paging_shows_every_hit_once_in_one_order(engine, query: str, sort: str) -> None:
    """Many hits tie ("st*" scores most sections alike; filters alone score all alike). Each
    page must continue the one order: no hit twice, none left out."""
    whole = engine.search(SearchParams(q=query, limit=100, sort=sort))
    assert whole["total"] > 14
    paged = [
        hit["id"]
        for offset in range(0, whole["total"], 7)
        for hit in engine.search(SearchParams(q=query, limit=7, offset=offset, sort=sort))["hits"]
    ]
    assert paged == [hit["id"] for hit in whole["hits"]]
    dates = [hit["date"] or "" for hit in whole["hits"]]
    if sort == "date" or not query[0].isalpha() or ":" in query:  # nothing scores: by date
        assert dates == sorted(dates, reverse=True)


@pytest.mark.parametrize("sort", ["relevance", "date"])
@pytest.mark.parametrize("query", ["st*", "förbund:blekinge"])
def test_paging_past_a_long_run_of_ties_keeps_every_hit_once(
    engine, monkeypatch: pytest.MonkeyPatch, query: str, sort: str
) -> None:
    """A run of ties too long to order in full keeps tantivy's order, which is the same for
    every page: each hit is still on exactly one page."""
    monkeypatch.setattr(search_order, "_MAX_TIED", 3)
    whole = engine.search(SearchParams(q=query, limit=100, sort=sort))
    paged = [
        hit["id"]
        for offset in range(0, whole["total"], 7)
        for hit in engine.search(SearchParams(q=query, limit=7, offset=offset, sort=sort))["hits"]
    ]
    assert len(paged) == len(set(paged)) == whole["total"] > 14
    assert set(paged) == {hit["id"] for hit in whole["hits"]}


@pytest.mark.parametrize("sort", ["relevance", "date"])
@pytest.mark.parametrize("query", ["st*", "förbund:blekinge", "beslut"])
def test_a_long_run_of_ties_has_one_order_whatever_the_page_size(
    engine, monkeypatch: pytest.MonkeyPatch, query: str, sort: str
) -> None:
    """Found in review: a run too long to order in full was ordered within each page, so a
    hit stood at another place for limit=7 than for limit=100 (each hit was still on one
    page). A program paging with one size and a reader with another saw two orders."""
    monkeypatch.setattr(search_order, "_MAX_TIED", 3)
    whole = [h["id"] for h in engine.search(SearchParams(q=query, limit=100, sort=sort))["hits"]]
    assert len(whole) > 14
    for size in (1, 5, 7):
        paged = [
            hit["id"]
            for offset in range(0, len(whole), size)
            for hit in engine.search(SearchParams(q=query, limit=size, offset=offset, sort=sort))[
                "hits"
            ]
        ]
        assert paged == whole, size


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("genomlysnig", "genomlysning"),  # a letter missing in the second half
        ("genolmysning", "genomlysning"),  # a transposition in the first half
        ("förbundsordnig", "förbundsordning"),
        ("Brottsoferjouren", "Brottsofferjouren"),  # a capital is kept
        # typed without å, ä, ö and misspelt: the form as it is written
        ("forsakringskasan", "försäkringskassan"),
        ("Forsakringskasan", "Försäkringskassan"),
        ("GENOMLYSNIG", "GENOMLYSNING"),  # capitals are kept
        # an identity number typed beside the typo is left out, not turned into its mask
        ("Biltmrk 19121212-1212", "Biltmark"),
        ("121212-1212 Biltmrk", "Biltmark"),
    ],
)
def test_did_you_mean(search, typed: str, meant: str) -> None:
    result = search(typed)
    assert result["total"] == 0
    assert result["suggestion"] == meant
    assert search(meant)["suggestion"] is None


def test_a_search_holds_at_most_so_many_prefixes(search) -> None:
    """Each prefix walks the term dictionaries: past `MAX_PREFIXES` they are left out, with a
    notice naming the first one left out."""
    from search.compile import MAX_PREFIXES

    prefixes = [f"{a}{b}*" for a in "bdfg" for b in "aeiou"][: MAX_PREFIXES + 3]
    result = search(" OR ".join(prefixes))
    first_left_out = prefixes[MAX_PREFIXES]
    assert f"Högst {MAX_PREFIXES} olika ord med *" in result["notice"]
    assert f"”{first_left_out}” och de följande" in result["notice"]
    assert result["notice"].count("Högst") == 1
    assert len(result["interpretation"]) == MAX_PREFIXES
    assert search(" OR ".join(prefixes[:MAX_PREFIXES]))["notice"] is None


def test_a_prefix_let_in_stays_in_when_it_comes_again_past_the_limit(search) -> None:
    """Found in review: a prefix among the first `MAX_PREFIXES`, met again after the limit
    ("… OR (zqa* budget)"), was left out there too, and the group became "budget" alone."""
    from search.compile import MAX_PREFIXES

    prefixes = [f"zq{c}*" for c in "abcdefghijklmnop"][: MAX_PREFIXES + 1]  # match nothing
    assert search("budget")["total"] > 0
    result = search(" OR ".join(prefixes) + f" OR ({prefixes[0]} budget)")
    assert result["total"] == 0
    assert f"”{prefixes[MAX_PREFIXES]}” och de följande" in result["notice"]


@pytest.mark.parametrize("typed", ["xxxxx", "xxxxxxx", "XXXXXX-XXXXX"])
def test_did_you_mean_never_offers_what_masking_left(search, typed: str) -> None:
    """The index holds "XXXXXX-XXXX" where a number was masked: no word to suggest."""
    assert search(typed)["suggestion"] is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [("Skolgatn", "Skolgatan"), ("Anna Lexelis", "Anna Lexelius"), ("Tony Rahn", "Tony Rahm")],
)
def test_did_you_mean_knows_words_written_only_in_heads(engine, typed: str, meant: str) -> None:
    """A meeting place or a member's name is often written only in a document's head: a
    typo there is corrected, and the name spelt right is not "corrected" to a section word."""
    typo = engine.search(SearchParams(q=typed))
    assert typo["total"] == typo["documents_total"] == 0
    assert typo["suggestion"] == meant
    right = engine.search(SearchParams(q=meant))
    assert right["documents_total"] >= 1 and right["suggestion"] is None


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        # Blekinge's § 4 is titled "Föregående mötesprotokoll"; its text writes "mötes protokoll"
        ("mötesprotokol", "mötesprotokoll"),
        ("Mötesprotokol", "Mötesprotokoll"),
        # Söderåsen's § 43 "Val av justeringsperson": its text says "justera"
        ("justeringspersn", "justeringsperson"),
    ],
)
def test_did_you_mean_knows_words_written_only_in_titles(engine, typed: str, meant: str) -> None:
    """A heading's word that the section's text does not repeat is found by a search, in the
    title, but a misspelling of it got no suggestion: they came from bodies and heads only."""
    typo = engine.search(SearchParams(q=typed))
    assert typo["total"] == typo["documents_total"] == 0
    assert typo["suggestion"] == meant
    assert engine.search(SearchParams(q=meant))["total"] >= 1


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("genomlysnig coach", None),  # "coach" is in no protocol: the correction finds nothing
        ("genomlysnig förbundet", "genomlysning förbundet"),
        ("genomlysnig förbund:blekinge", "genomlysning förbund:blekinge"),
        ("genomlysnig förbund:halland", None),  # Halland never wrote about one
    ],
)
def test_did_you_mean_only_what_finds_something(engine, typed: str, meant: str | None) -> None:
    """A suggestion is offered only when it finds something, with the search's filters."""
    assert engine.search(SearchParams(q=typed))["suggestion"] == meant


@pytest.mark.parametrize("length", [MAX_QUERY_CHARS, MAX_QUERY_CHARS - 1])
def test_did_you_mean_at_the_longest_query(engine, length: int) -> None:
    """A query of the most characters, whose correction is longer ("genomlysnig" →
    "genomlysning"), is searched: the correction is offered only when it is a query too."""
    typed = "genomlysnig förbundet"
    typed += " och" * ((length - len(typed)) // 4) + " " * ((length - len(typed)) % 4)
    assert len(typed) == length
    result = engine.search(SearchParams(q=typed))
    meant = typed.replace("genomlysnig", "genomlysning")
    assert result["suggestion"] == (meant if len(meant) <= MAX_QUERY_CHARS else None)


@pytest.mark.parametrize(
    ("a", "b", "limit", "distance"),
    [
        ("förbundsordnig", "förbundsordning", 2, 1),
        ("genomlysning", "gneomlysning", 2, 1),  # transposition
        ("styrelse", "styrelse", 2, 0),
        ("abc", "xyz", 2, 3),  # past the limit: limit + 1 or more
        ("esf", "", 2, 3),
        ("handledare", "handledar", 1, 1),
    ],
)
def test_edit_distance(a: str, b: str, limit: int, distance: int) -> None:
    assert min(edit_distance(a, b, limit), limit + 1) == min(distance, limit + 1)


def test_unreadable_query_is_searched_as_words_with_a_notice(search) -> None:
    result = search('"extern genomlysning')
    assert "vanliga ord" in result["notice"]
    assert found(result, "rank_new.txt") == {6, 7}


def test_snippets_are_escaped_and_marked(search) -> None:
    (hit,) = search("märkning")["hits"]
    assert "<script" not in hit["snippet"] and "&lt;script&gt;" in hit["snippet"]
    assert "<mark>märkning</mark>" in hit["snippet"]
    assert hit["snippet"].replace("<mark>", "").replace("</mark>", "").count("<") == 0


# Sections where a query's alternatives (an abbreviation's long form and the abbreviation, or
# an OR typed) meet words of another alternative than the one that found them.
ALTERNATIVES = {
    1: ("Medel", "Medel enligt Finsam fördelas av samordningsförbundet."),
    2: ("Lagen", "Finansiell samordning (Finsam) ger samordningsförbundet dess medel."),
    3: ("Individ", "En SIP upprättades och arbetet går enligt plan."),
    4: ("EU", "Medel från ESF söktes, och Europeiska unionen står för hälften."),
    5: ("Nätverket", "NNS presenterade sin plan för året."),
    6: ("Finansiell uppföljning", "Finsam-medlen och samordningsförbundet redovisades."),
    7: (
        "Fördelning",
        "Finansiell rapport lämnades.\nBeslut:\nStyrelsen beslutar att Finsam-medel "
        "fördelas via samordningsförbundet.",
    ),
}


@pytest.fixture(scope="module")
def alternatives(tmp_path_factory: pytest.TempPathFactory):
    """A search over `ALTERNATIVES`, in a protocol whose head names Finsam and the förbund."""
    root = tmp_path_factory.mktemp("alternatives")
    corpus = root / "corpus"
    corpus.mkdir()
    text = _protocol("2024-04-04", "Samordningsförbundet Söderåsen", ALTERNATIVES)
    head = "Närvarande: Anna Ek, Finsam-samordnare\n"
    (corpus / "alternativ.txt").write_text(text.replace("\n\n", f"\n{head}\n", 1), "utf-8")
    assert ingest([corpus], root / "ix").ok
    engine = Engine.open(root / "ix")
    return lambda q: engine.search(SearchParams(q=q, limit=50))


def _marks(hit: dict) -> list[str]:
    """The marked words of a hit's snippet and title (a head has no marked title)."""
    shown = hit["snippet"] + " " + (hit.get("title_html") or "")
    return [unescape(m) for m in re.findall(r"<mark>(.*?)</mark>", shown)]


def _check_marks(hit: dict, marked: list[str], unmarked: list[str]) -> None:
    """Each of `marked` is a mark of `hit`; no mark starts with one of `unmarked`."""
    marks = [m.lower() for m in _marks(hit)]
    assert all(w.lower() in marks for w in marked), (marked, _marks(hit), hit["snippet"])
    wrong = [m for m in marks if any(m.startswith(w.lower()) for w in unmarked)]
    assert not wrong, (wrong, hit["snippet"], hit.get("title_html"))


# (query, section number, words that must be marked, words whose marks must not be there):
# a hit marks what the alternative that found it matched, and not the words of another
# alternative that the section does not hold in full ("samordning" of "finansiell samordning"
# in a section found through "Finsam" alone, "plan" of "samordnad individuell plan" in one
# found through "SIP"). An alternative held in full is marked, through the title or the
# decisions too; under `typ:beslut` only the decisions count.
MARKED_BY_ALTERNATIVE = [
    ("finansiell samordning", 1, ["Finsam"], ["samordningsförbund"]),
    ("FINSAM", 1, ["Finsam"], ["samordningsförbund"]),
    (
        "finansiell samordning",
        2,
        ["Finansiell", "samordning", "Finsam", "samordningsförbundet"],
        [],
    ),
    ("samordnad individuell plan", 3, ["SIP"], ["plan"]),
    ("Europeiska socialfonden", 4, ["ESF"], ["Europeiska"]),
    ("(budget plan) OR NNS", 5, ["NNS"], ["plan"]),
    ("NNS OR (plan budget)", 5, ["NNS"], ["plan"]),
    ("NNS OR plan", 5, ["NNS", "plan"], []),
    ("finansiell samordning", 6, ["Finansiell", "Finsam", "samordningsförbundet"], []),
    ("finansiell samordning", 7, ["Finsam", "samordningsförbundet"], []),
    ("typ:beslut finansiell samordning", 7, ["Finsam"], ["samordningsförbund"]),
]


@pytest.mark.parametrize(("q", "number", "marked", "unmarked"), MARKED_BY_ALTERNATIVE)
def test_a_hit_marks_the_alternative_it_holds(
    alternatives, q: str, number: int, marked: list[str], unmarked: list[str]
) -> None:
    (hit,) = [h for h in alternatives(q)["hits"] if h["number"] == number]
    _check_marks(hit, marked, unmarked)


def test_a_head_marks_the_alternative_it_holds(alternatives) -> None:
    """A document's head beside the hits is marked alike: found through "Finsam", its
    "Samordningsförbundet" is not "samordning"."""
    (head,) = alternatives("finansiell samordning")["documents"]
    _check_marks(head, ["Finsam"], ["samordningsförbund"])


# The same in the sample corpus: (query, förbund, label, must be marked, must not be).
SAMPLE_MARKED_BY_ALTERNATIVE = [
    ("finansiell samordning", "soderasen", "§ 47", ["Finsam"], ["samordningsförbund"]),
    ("finansiell samordning", "halland", "§ 5", ["Finsam"], ["finansiell"]),
    ("samordnad individuell plan", "skane-nordost", "Mål 8", ["SIP"], ["plan"]),
]


@pytest.mark.parametrize(
    ("q", "forbund", "label", "marked", "unmarked"), SAMPLE_MARKED_BY_ALTERNATIVE
)
def test_a_sample_hit_marks_the_alternative_it_holds(
    engine, q: str, forbund: str, label: str, marked: list[str], unmarked: list[str]
) -> None:
    hits = engine.search(SearchParams(q=q, limit=50))["hits"]
    (hit,) = [h for h in hits if h["forbund_slug"] == forbund and h["label"] == label]
    _check_marks(hit, marked, unmarked)


@pytest.mark.parametrize(
    ("q", "forbund", "label", "marked", "unmarked"), SAMPLE_MARKED_BY_ALTERNATIVE
)
def test_a_document_page_marks_the_alternative_each_section_holds(
    engine, q: str, forbund: str, label: str, marked: list[str], unmarked: list[str]
) -> None:
    """The document's page marks a section as its hit is marked: it marked every word of
    the query in every section, "samordningsförbund" too where "Finsam" found it."""
    hits = engine.search(SearchParams(q=q, limit=50))["hits"]
    (hit,) = [h for h in hits if h["forbund_slug"] == forbund and h["label"] == label]
    page = document_data(engine, hit["doc_id"], q)
    (section,) = [s for s in page["sections"] if s["id"] == hit["id"]]
    shown = " ".join([section["title_html"], *(b["html"] for b in section["blocks"])])
    _check_marks({"snippet": shown}, marked, unmarked)


@pytest.mark.parametrize(
    "q",
    [
        "budget",
        "ESF",
        "SIP",
        "Försäkringskassan",
        "ESF OR NNS",
        "budget -revision",
        "budget blekinge",
        '"samordnad individuell plan"',
        "samverk*",
        "typ:beslut utbildning",
        "§ 5 budget",
    ],
)
def test_a_query_without_alternatives_of_several_words_marks_every_hit_alike(
    engine, q: str
) -> None:
    """Only an alternative of several words can be held in part: other queries keep one
    highlighter for every hit, at no cost per hit."""
    assert engine.compile(SearchParams(q=q))[1].marks is None
    highlighter = engine.highlighter(q)
    assert highlighter.alternatives is None
    assert highlighter.within(["ett", "två"]) is highlighter


def test_personal_numbers_never_reach_the_index(search) -> None:
    assert search("000113-1119")["total"] == 0
    (hit,) = search("firmatecknare")["hits"]
    assert "000113-1119" not in hit["snippet"] and "XXXXXX-XXXX" in hit["snippet"]


def test_pagination(search) -> None:
    everything = order(search("genomlysning"))
    pages = order(search("genomlysning", limit=2)) + order(
        search("genomlysning", limit=2, offset=2)
    )
    assert pages == everything[:4]


def test_sample_corpus_genomlysning_ranks_the_paragraph_about_it_first(engine) -> None:
    result = engine.search(SearchParams(q="genomlysning"))
    first = result["hits"][0]
    assert (first["source"], first["label"]) == ("002_aa6c41666d4685c7.txt", "§ 11")
    assert {(h["source"], h["label"]) for h in result["hits"]} >= {
        ("000_0cffb97c7c420864.txt", "§ 47"),
    }


@pytest.mark.parametrize(
    ("query", "same_as"),
    [
        ("datum:0001-01-01..9999-12-31 budgetram", "budgetram"),  # every date lies between
        ("år:0001..9999 budgetram", "budgetram"),
        ("budgetram -", "budgetram"),  # a dangling exclusion sign excludes nothing
        ("(((budgetram", "budgetram"),  # parentheses closed at the end
        ("(((", None),  # nothing to search
    ],
)
def test_extreme_queries_do_not_fail(search, query: str, same_as: str | None) -> None:
    result = search(query)
    expected = order(search(same_as)) if same_as else []
    assert order(result) == expected
    assert result["total"] == len(expected)


@pytest.mark.parametrize(
    ("query", "params"),
    [
        ("budgetram", {"date_to": _d("0574-03-09")}),
        ("budgetram", {"date_from": _d("9999-12-31")}),
        ("budgetram datum:0500-01-01", {}),
        ("budgetram datum:3000-01-01..", {}),
    ],
)
def test_dates_outside_the_index_range_find_nothing(search, query: str, params: dict) -> None:
    assert search(query, **params)["total"] == 0


def test_sort_by_date_keeps_a_meetings_sections_in_order(search) -> None:
    result = search("genomlysning OR budgetram OR lokalfrågor", sort="date", forbund=["blekinge"])
    new = [h["number"] for h in result["hits"] if h["source"] == "rank_new.txt"]
    assert new == sorted(new) and len(new) >= 3


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("§ 3 förbund:ostra-sodertorn", [("paragrafer.txt", 3)]),
        ("§3 förbund:ostra-sodertorn", [("paragrafer.txt", 3)]),
        (
            "§§ 2-3 förbund:blekinge",
            # Equal scores: newer meeting first, then in the protocol's order.
            [("rank_new.txt", 2), ("rank_new.txt", 3), ("rank_old.txt", 2)],
        ),
        (
            "§ 3 OR § 12 förbund:ostra-sodertorn",  # § 12 and § 12a, added after it
            [("paragrafer.txt", 3), ("paragrafer.txt", 12), ("paragrafer.txt", 12)],
        ),
        ("remisser -§ 3", [("paragrafer.txt", 12)]),
        ("remisser § 3", []),
        # The number alone searches the text, as before.
        ("3 förbund:ostra-sodertorn", [("paragrafer.txt", 12)]),
    ],
)
def test_paragraph_reference_finds_the_paragraph(search, query: str, expected: list) -> None:
    assert order(search(query)) == expected


@pytest.mark.parametrize(
    "query",
    [
        "§ 3 § 12",
        "§3 §12",
        "§ 3, 12",
        "§§ 3 och 12",
        "§ 3 & 12",
        "(§ 3 OR § 11) § 12",
        "3 § § 12",
    ],
)
def test_several_paragraph_references_find_each_of_them(search, query: str) -> None:
    """A section has one number, so "§ 3 § 12" means either paragraph: read as both, it
    found nothing, and the notice said that no § 3 matched."""
    result = search(f"{query} förbund:ostra-sodertorn")
    assert order(result) == [("paragrafer.txt", 3), ("paragrafer.txt", 12), ("paragrafer.txt", 12)]
    assert result["notice"] is None
    assert any(line.endswith("→ någon av dem (en sektion har ett enda nummer)") for line in
               result["interpretation"])  # fmt: skip


def test_several_goal_references_find_each_of_them(engine) -> None:
    for query in ("Mål 3 Mål 5", "mål 3 och 5", "mål 3, 5"):
        result = engine.search(SearchParams(q=query))
        assert sorted(h["label"] for h in result["hits"]) == ["Mål 3", "Mål 5"], query


@pytest.mark.parametrize("query", ["§ 12a", "§ 12", "§§ 11-12b"])
def test_a_paragraph_added_to_the_agenda_has_its_own_label_and_anchor(search, query) -> None:
    """ "§ 12a Extra ärende" is a section of its own, numbered 12 like the § 12 it follows."""
    hits = search(f"{query} förbund:ostra-sodertorn")["hits"]
    assert [(h["label"], h["url"].split("#")[1]) for h in hits] == [
        ("§ 12", "p12"),
        ("§ 12a", "p12a"),
    ]


def test_paragraph_reference_matches_only_paragraphs_with_that_number(engine) -> None:
    """The sample's Skåne Nordost report has "Mål 8"; only § 8 sections answer "§ 8"."""
    result = engine.search(SearchParams(q="§ 8"))
    assert {h["label"] for h in result["hits"]} == {"§ 8"}
    assert {h["forbund_slug"] for h in result["hits"]} == {"blekinge", "halland", "ostra-sodertorn"}
    assert "§ 8 → paragrafen med det numret, inte ord i texten" in result["interpretation"]


@pytest.mark.parametrize(
    ("query", "labels", "reads"),
    [
        # The report has two goals numbered 8 (the source prints both).
        ("Mål 8", ["Mål 8", "Mål 8"], "Mål 8 → målet med det numret, inte ord i texten"),
        ("mål 3-5", ["Mål 3", "Mål 4", "Mål 5"], "Mål 3–5 → målen med de numren, inte ord i"),
        ("§§ 8-9 förbund:halland", ["§ 8", "§ 9"], "§§ 8–9 → paragraferna med de numren, inte"),
        ("Mål 8 omvärldsbevakning", [], ""),  # Mål 5 is about that
    ],
)
def test_goal_reference_finds_the_reports_goal(
    engine, query: str, labels: list, reads: str
) -> None:
    """Before, "Mål 8" searched the words "mål" and "8" and found a § in Halland's budget."""
    result = engine.search(SearchParams(q=query, sort="date"))
    assert sorted(h["label"] for h in result["hits"]) == sorted(labels)
    assert all(
        h["url"].split("#")[1].startswith("m") for h in result["hits"] if h["label"][0] == "M"
    )
    assert any(line.startswith(reads) for line in result["interpretation"])


@pytest.mark.parametrize(
    ("named", "filtered"),
    [
        ("budget blekinge", "förbund:blekinge budget"),
        ("samverkan skåne nordost", "förbund:skane-nordost samverkan"),
        ("SFSNO", "förbund:skane-nordost"),
        ("samordningsförbundet söderåsen genomlysning", "förbund:soderasen genomlysning"),
        # the genitive names the förbund too ("Blekinges budget", "SFSNO:s mål")
        ("Blekinges budget", "förbund:blekinge budget"),
        ("Söderåsens genomlysning", "förbund:soderasen genomlysning"),
        ("SFSNO:s", "förbund:skane-nordost"),
    ],
)
def test_a_forbund_named_in_the_query_finds_its_sections(engine, named: str, filtered: str):
    """Every section of the named förbund that has the other words, as with the filter; and
    sections elsewhere that mention the name in their text (none in the sample)."""
    by_name = engine.search(SearchParams(q=named, limit=50))
    by_filter = engine.search(SearchParams(q=filtered, limit=50))
    assert by_filter["total"] > 0
    assert {h["id"] for h in by_name["hits"]} == {h["id"] for h in by_filter["hits"]}


HALLAND = "även allt från Samordningsförbundet i Halland"


@pytest.mark.parametrize(
    ("query", "widened"),
    [
        # a genitive förbund name alone or before "samordningsförbund"/"förbund" is the förbund,
        # and so it is before a topic word ("Blekinges budget", above)
        ("Hallands", f"Hallands → {HALLAND}"),
        ("Hallands samordningsförbund", f"Hallands → {HALLAND}"),
        ("Hallands förbund", f"Hallands → {HALLAND}"),
        ("Lunds budget", "Lunds → även allt från Samordningsförbundet Lund"),
        # the förbund's own name, though it ends in "stad"
        (
            "Stockholms stad",
            "Stockholms stad → även allt från Samordningsförbundet Stockholms stad",
        ),
        # before a noun that names another body, the place name is a word of that name
        ("Lunds universitet", None),
        ("Göteborgs stad", None),
        ("Malmös kommun", None),
        ("Malmö stad", None),
        ("Lunds universitets budget", None),
        ("Hallands sjukhus", None),
    ],
)
def test_a_place_name_before_another_bodys_noun_is_not_the_forbund(
    engine, query: str, widened: str | None
) -> None:
    """Before, "Lunds universitet" also brought in every section of förbund Lund."""
    lines = engine.search(SearchParams(q=query))["interpretation"]
    assert [line for line in lines if " från " in line] == ([widened] if widened else [])


def test_a_forbund_name_reads_as_words_too(engine) -> None:
    """Helsingborg is a förbund (not in the sample) and a word in Söderåsen's text: both count.
    "-blekinge" excludes the förbund's sections as well as mentions of it."""
    result = engine.search(SearchParams(q="helsingborg", limit=50))
    assert (
        "helsingborg → även allt från Samordningsförbundet Helsingborg" in result["interpretation"]
    )
    assert {h["forbund_slug"] for h in result["hits"]} == {"soderasen"}
    excluded = engine.search(SearchParams(q="budget -blekinge", limit=50))
    assert excluded["total"] > 0
    assert "blekinge" not in {h["forbund_slug"] for h in excluded["hits"]}


@pytest.mark.parametrize(
    ("query", "slugs", "reading"),
    [
        ("förbund:södertörn", {"ostra-sodertorn"}, "förbundet ”ostra-sodertorn”"),
        ("förbund:SFSNO", {"skane-nordost"}, "förbundet ”skane-nordost”"),
        (
            "förbund:skåne",
            {"skane-nordost"},  # of the three with the word, the sample has Skåne Nordost
            "förbunden ”skane-nordost”, ”nnv-skane” och ”sydostra-skane”",
        ),
    ],
)
def test_a_forbund_filter_takes_a_word_of_the_name(
    engine, query: str, slugs: set[str], reading: str
) -> None:
    """förbund:södertörn means Östra Södertörn, as a person writing it does."""
    result = engine.search(SearchParams(q=f"budget {query}", limit=50))
    assert result["total"] > 0
    assert {h["forbund_slug"] for h in result["hits"]} == slugs
    assert f"{query} → bara {reading}" in result["interpretation"]
    excluded = engine.search(SearchParams(q=f"budget -{query}", limit=50))
    assert excluded["total"] > 0
    assert not slugs & {h["forbund_slug"] for h in excluded["hits"]}


@pytest.mark.parametrize(
    ("query", "forbund", "notice"),
    [
        ("budget", ["nonexistent"], "Inget förbund i indexet har kortnamnet ”nonexistent”."),
        # The API's forbund= takes slugs as they are; one that is a word of a slug says which.
        ("budget", ["sodertorn"], "kortnamnet ”sodertorn”. Menade du ”ostra-sodertorn”?"),
        ("budget", ["dalarna"], "Menade du ”norra-dalarna” eller ”sodra-dalarna”?"),
        ("budget förbund:helsingborg", [], "Samordningsförbundet Helsingborg har inga dokument"),
        ("zzzz förbund:blekinge", [], None),  # the förbund is there; the word is not
    ],
)
def test_a_forbund_without_documents_is_named_in_the_notice(
    engine, query: str, forbund: list[str], notice: str | None
) -> None:
    result = engine.search(SearchParams(q=query, forbund=forbund))
    assert result["total"] == 0
    if notice is None:
        assert result["notice"] is None
    else:
        assert notice in result["notice"] and "/coverage" in result["notice"]


UNKNOWN_40 = [f"x{i}" for i in range(40)]


@pytest.mark.parametrize(
    ("query", "forbund", "notice"),
    [
        # 40 unknown values: one sentence, five named, the rest counted (was 40 sentences)
        (
            "budget",
            UNKNOWN_40,
            "Inget förbund i indexet har kortnamnen ”x0”, ”x1”, ”x2”, ”x3”, ”x4” och 35 till. "
            "Förbunden i indexet och deras kortnamn står på sidan Täckning (/coverage).",
        ),
        # named in the query and as a parameter, or in two spellings: once
        (
            "budget förbund:x1 förbund:x1",
            ["x1", "X1"],
            "Inget förbund i indexet har kortnamnet ”x1”. "
            "Förbunden i indexet och deras kortnamn står på sidan Täckning (/coverage).",
        ),
        # in the order given, each once, five or fewer all named
        (
            "budget förbund:x3",
            ["x2", "x3", "x1", "x2"],
            "Inget förbund i indexet har kortnamnen ”x3”, ”x2” och ”x1”. "
            "Förbunden i indexet och deras kortnamn står på sidan Täckning (/coverage).",
        ),
        # near matches are still given, for each named value
        (
            "budget",
            ["sodertorn", "x1"],
            "Inget förbund i indexet har kortnamnen ”sodertorn” och ”x1”. För ”sodertorn”: "
            "menade du ”ostra-sodertorn”? "
            "Förbunden i indexet och deras kortnamn står på sidan Täckning (/coverage).",
        ),
        # registry förbund without documents: one sentence too, before the unknown ones
        (
            "budget förbund:helsingborg",
            ["x1", "helsingborg"],
            "Samordningsförbundet Helsingborg har inga dokument i indexet. "
            "Inget förbund i indexet har kortnamnet ”x1”. "
            "Förbunden i indexet och deras kortnamn står på sidan Täckning (/coverage).",
        ),
    ],
)
def test_a_forbund_without_documents_is_named_once(
    engine, query: str, forbund: list[str], notice: str
) -> None:
    """Each förbund once, however often the address or the query names it, and many in one
    sentence: 40 unknown förbund gave 40 sentences, on the page, in the API and the CSVs."""
    for result in (
        engine.search(SearchParams(q=query, forbund=forbund)),
        engine.search_documents(SearchParams(q=query, forbund=forbund)),
    ):
        assert result["total"] == 0
        assert result["notice"] == notice
    counted = engine.compare_cells(SearchParams(q=query, forbund=forbund))
    assert counted.notices.count(notice) == 1


def test_a_negation_on_its_own_finds_every_section_without_the_word(search) -> None:
    everything = search("år:1900..2100", limit=100)["total"]
    assert search("-budgetram", limit=100)["total"] == everything - search("budgetram")["total"]
    assert set(order(search("förbund:blekinge -budgetram"))) == {
        ("rank_old.txt", 2),
        ("rank_new.txt", 2),
        ("rank_new.txt", 6),
        ("rank_new.txt", 7),
    }
    either = order(search("budgetram år:2021 OR -lokal år:2021"))
    assert set(either) == {("rank_old.txt", 1)}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("genomlysning", "genomlysning → alla böjningsformer, även som del av sammansatta ord"),
        # the forms the word list knows, not Snowball's stem ("projek", "ext", "led")
        ("projekt", "projekt → alla böjningsformer (projekt, projektet, projekten, projektets …), "
         "även som del av sammansatta ord"),
        ("extern", "extern → alla böjningsformer (extern, externa, externt …), även som del av "
         "sammansatta ord"),
        ("ledare", "ledare → alla böjningsformer (ledare, ledaren, ledarens, ledares …), även "
         "som del av sammansatta ord"),
        # a dropped e and a doubled consonant; no "medelande" (a misspelling in the word list)
        ("medel", "medel → alla böjningsformer (medel, medlen, medlet …), även som del av "
         "sammansatta ord"),
        # one spelling per ending: not "nummret", a misspelling in the word list
        ("nummer", "nummer → alla böjningsformer (nummer, numret, numren …), även som del av "
         "sammansatta ord"),
        # a noun's forms, not those of a verb with the same stem (möter, måla, stödde) nor a
        # stopword (kunde)
        ("mål", "mål → alla böjningsformer (mål, målet, målen, målets …), även som del av "
         "sammansatta ord"),
        ("kund", "kund → alla böjningsformer (kund, kunder, kunden, kunderna …), även som del "
         "av sammansatta ord"),
        ("beslut", "beslut → alla böjningsformer (beslut, beslutet, besluten …), även som del "
         "av sammansatta ord"),
        # neighbours: a plural in -er and an adjective's -a stay
        ("insats", "insats → alla böjningsformer (insats, insatser, insatsen, insatserna …), "
         "även som del av sammansatta ord"),
        ("plan", "plan → alla böjningsformer (plan, planen, planer, planet …), även som del av "
         "sammansatta ord"),
        ("2024", "2024 → som det står"),
        ("ESF-projekten", "ESF-projekten → frasen ”ESF projekten”, orden i följd, i alla "
         "böjningsformer"),
        ("ESF", "ESF ↔ Europeiska socialfonden eller socialfonden"),
        ("socialfonden", "socialfonden ↔ ESF"),
        ("Europeiska socialfonden", "Europeiska socialfonden ↔ ESF"),
        ("samverkansutbildning", "samverkansutbildning → även ”samverkan utbildning”"),
        ('"extern genomlysning"', "”extern genomlysning” → orden i följd, i alla böjningsformer"),
        # numbers have no inflections, in a phrase as alone ("2024 → som det står")
        ("2025-06-11", "2025-06-11 → frasen ”2025 06 11”, orden i följd"),
        ("2024/25", "2024/25 → frasen ”2024 25”, orden i följd"),
        ('"12 000"', "”12 000” → orden i följd"),
        ('"budget 2025"', "”budget 2025” → orden i följd, i alla böjningsformer"),
        ('"budgetramen"', "”budgetramen” → bara just den formen av ordet"),
        # typed with å, ä or ö a word means them: no other spelling is searched or said
        ("möte", "möte → alla böjningsformer (möte, mötet, möten, mötes …), även som del av "
         "sammansatta ord"),
        ("Åtgärdsplan", "Åtgärdsplan → alla böjningsformer, även som del av sammansatta ord"),
        # é is an accent: the line names the letter the other spelling does without
        ("café", "café → alla böjningsformer (café, caféer …), även som del av sammansatta ord, "
         "även stavat utan é ”cafe”"),
        # the spelling without the accent is the word's, not its stem's ("budget", not "budg")
        ("Budgét", "Budgét → alla böjningsformer, även som del av sammansatta ord, även stavat "
         "utan é ”budget”"),
        ("forskningsprojekt", "forskningsprojekt → även ”forskning projekt”"),
        # typed without å, ä and ö: the words the folded terms find, as Swedish writes them
        ("arsredovisning", "arsredovisning → alla böjningsformer, även som del av sammansatta "
         "ord, även stavat med å ”årsredovisning”"),
        ("Ostergotland", "Ostergotland → alla böjningsformer, även som del av sammansatta ord, "
         "även stavat med ö ”Östergötland”"),
        ("angest", "angest → alla böjningsformer, även som del av sammansatta ord, även stavat "
         "med å ”ångest”"),
        ("lan", "lan → alla böjningsformer (lan, lane, lana, lans …), även som del av sammansatta "
         "ord, även stavat med å och ä ”län” eller ”lån”"),
        # "för" is a stopword, which no search term finds
        ("for", "for → alla böjningsformer (for, fors, fora, fore …), även som del av sammansatta "
         "ord"),
        ("samordningsförbundet", "samordningsförbundet → även ”samordning förbundet”"),
    ],
)  # fmt: skip
def test_interpretation_says_how_the_query_was_read(
    search, query: str, expected: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The forms as the rules choose them from the word list: this small corpus has few of
    # them, and the index's vocabulary only leaves out those it lacks (tested below).
    monkeypatch.setattr(search.engine.compiler, "vocabulary", None)
    assert expected in search(query)["interpretation"], search(query)["interpretation"]
    assert not any("accent" in line for line in search(query)["interpretation"])


@pytest.mark.parametrize(
    ("query", "spelled", "split"),
    [
        # "delar rapport" read as what was searched for; the reader meant delårsrapport
        ("delarsrapport", "även stavat med å ”delårsrapport”", "även ”delar rapport”"),
        ("forbundet", "även stavat med ö ”förbundet”", None),
        # the index's own words count, also a compound the word list lacks
        ("forbundsordning", "även stavat med ö ”förbundsordning”", None),
    ],
)
def test_a_word_typed_without_the_letters_is_said_as_written_with_them(
    engine, query: str, spelled: str, split: str | None
) -> None:
    result = engine.search(SearchParams(q=query))
    lines = result["interpretation"]
    assert result["total"] > 0
    assert lines[0].startswith(f"{query} → alla böjningsformer") and lines[0].endswith(spelled)
    assert split is None or not any(split in line for line in lines), lines


@pytest.mark.parametrize("query", ["AF", "af", "(FK OR AF) typ:beslut", "pa", "ar"])
def test_an_acronym_or_a_short_word_is_not_said_spelt_with_the_letters(engine, query: str) -> None:
    """ "AF" was said to be "även stavat med å ”ÅF”", a company's name in the word list, and
    "pa" "pä": an acronym is no word to spell otherwise, nor are two letters."""
    lines = engine.search(SearchParams(q=query))["interpretation"]
    assert lines and not any("även stavat med" in line for line in lines), lines


def _forms_line(engine: Engine, query: str) -> str:
    """The interpretation's line for a one-word query."""
    lines = engine.search(SearchParams(q=query, limit=50))["interpretation"]
    return next(line for line in lines if line.startswith(f"{query} → alla böjningsformer"))


@pytest.mark.parametrize(
    ("query", "absent", "real"),
    [
        # forms of the word list the sample corpus does not have: a misspelling of "behöver"
        # (behover), wrong forms (stöde, hema), another word (planet) and a plural it never
        # uses (budgetar); each was listed before
        ("behov", "behover", "behovet"),
        ("stöd", "stöde", "stödet"),
        ("hem", "hema", None),
        ("plan", "planet", "planen"),
        ("budget", "budgetar", "budgeten"),
    ],
)
def test_interpretation_lists_only_forms_the_index_has(
    engine, query: str, absent: str, real: str | None
) -> None:
    line = _forms_line(engine, query)
    assert absent not in re.findall(r"\w+", line), line
    if real is not None:
        assert real in engine.indexed_words()
        assert f"({query}, " in line and f" {real}" in line, line


@pytest.mark.parametrize(
    ("query", "forms"),
    [
        # an inflected form typed: its base form and the base's forms, as the index has them
        ("genomlysningen", "(genomlysningen, genomlysning …)"),
        ("protokollet", "(protokollet, protokoll …)"),
        ("förbundets", "(förbundets, förbund, förbundet, förbunden …)"),
        ("insatserna", "(insatserna, insats, insatser, insatsen …)"),
        ("dagordningen", "(dagordningen, dagordning …)"),
        # a form the typed word's own endings reach keeps that list
        ("insatser", "(insatser, insatserna …)"),
        ("beslutade", "(beslutade, beslutades …)"),
        # a verb's present tense is no plural: "möter" (mötte) lists none of möte's forms
        ("möter", None),
    ],
)
def test_interpretation_lists_the_forms_of_an_inflected_word(
    engine, query: str, forms: str | None
) -> None:
    """ "protokoll" was read "(protokoll, protokollet …)" but "protokollet" only "alla
    böjningsformer", as if a definite form typed had no others."""
    line = _forms_line(engine, query)
    if forms is None:
        assert line.startswith(f"{query} → alla böjningsformer, "), line
    else:
        assert line.startswith(f"{query} → alla böjningsformer {forms}, "), line


def test_interpretation_shows_the_typed_word_the_index_lacks(engine) -> None:
    """The typed word is always listed first, also when the vocabulary lacks it (it counts
    no word of fewer than four letters), beside the forms it has."""
    assert "mål" not in engine.indexed_words() and "målen" in engine.indexed_words()
    assert _forms_line(engine, "mål").startswith("mål → alla böjningsformer (mål, målen")


@pytest.mark.parametrize("query", ["behov", "stöd", "plan", "budget", "mål", "beslut"])
def test_the_vocabulary_changes_the_list_and_not_the_hits(
    engine, query: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    params = SearchParams(q=query, limit=100)
    filtered = engine.search(params)
    monkeypatch.setattr(engine.compiler, "vocabulary", None)
    unfiltered = engine.search(params)
    assert [h["id"] for h in filtered["hits"]] == [h["id"] for h in unfiltered["hits"]]
    assert [h["score"] for h in filtered["hits"]] == [h["score"] for h in unfiltered["hits"]]
    assert filtered["total"] == unfiltered["total"]


@pytest.mark.parametrize("query", ["projekt", "extern", "leda", "Försäkringskassan", "möte"])
def test_interpretation_shows_no_truncated_stem(search, query: str) -> None:
    """Snowball's stems ("projek", "ext", "led", "försäkringskass") read as typos: the line
    says what is searched in words, and quotes no stem."""
    stem = analysis.query_terms(query)["stem"]
    assert stem and stem != query.lower()
    lines = search(query)["interpretation"]
    assert not any(f"”{stem}”" in line or "stam" in line for line in lines), lines


@pytest.mark.parametrize(
    "query", ["samordningsforbundet", "forsakringskassan", "halsoframjande", "kostnadsforslag"]
)
def test_interpretation_hides_a_split_of_a_word_typed_without_swedish_letters(
    search, query: str
) -> None:
    """Typed without å, ä, ö, a compound is split as spelled, into nonsense ("samordning for
    bundet" for samordningsförbundet): the line does not show such a split, and still says
    how the word itself was read."""
    lines = search(query)["interpretation"]
    assert not any(line.startswith(f"{query} → även") for line in lines), lines
    assert any(line.startswith(f"{query} → alla böjningsformer") for line in lines), lines


@pytest.mark.parametrize(
    ("query", "title_html"),
    [
        ("justeringsperson", "Val av <mark>justeringsperson</mark>"),
        ("förbundschefen informerar", "<mark>Förbundschefen</mark> <mark>informerar</mark>"),
    ],
)
def test_hits_mark_the_query_in_their_titles(engine, query: str, title_html: str) -> None:
    hit = engine.search(SearchParams(q=query, limit=1))["hits"][0]
    assert hit["title_html"] == title_html
    assert re.sub(r"</?mark>", "", hit["title_html"]) == hit["title"]


def test_an_excluded_filter_leaves_out_what_it_selects(engine) -> None:
    def found(q: str) -> dict:
        return engine.search(SearchParams(q=q, limit=100))

    everything, halland, without = (
        found("budget"),
        found("budget förbund:halland"),
        found("budget -förbund:halland"),
    )
    assert halland["total"] > 0 and without["total"] > 0
    assert without["total"] == everything["total"] - halland["total"]
    assert "halland" not in without["facets"]["forbund"]
    assert [h["id"] for h in found("NOT förbund:halland budget")["hits"]] == [
        h["id"] for h in without["hits"]
    ]


def test_filters_as_alternatives_add_up(engine) -> None:
    def total(q: str) -> int:
        return engine.search(SearchParams(q=q))["total"]

    either = engine.search(SearchParams(q="förbund:halland OR förbund:blekinge"))
    assert either["total"] == total("förbund:halland") + total("förbund:blekinge") > 0
    assert set(either["facets"]["forbund"]) == {"halland", "blekinge"}


@pytest.mark.parametrize(
    ("query", "line"),
    [
        ("budget NOT revision", "-revision → inte sektioner med ordet ”revision”"),
        ('budget -"intern kontroll"', '-"intern kontroll" → inte sektioner med frasen ”intern kontroll”'),
        ("ESF -(NNS OR SIP)", "-(NNS OR SIP) → inte sektioner med det som står inom parentesen"),
        ("budget NOT revision OR NNS", "-revision → ett alternativ till OR: sektioner utan ordet ”revision”"),
        ("-Halland budget", "Halland → inte heller något från Samordningsförbundet i Halland"),
        # a reference, or a list of them, had "det som står inom parentesen", of no parentheses
        ("budget -§ 3", "-§ 3 → inte sektioner med numret § 3"),
        ("budget -§§ 3-5", "-§§ 3–5 → inte sektioner med numren §§ 3–5"),
        ("budget -§ 3, 12", "-(§ 3 OR § 12) → inte sektioner med numren § 3 och § 12"),
        ("budget -Mål 8 OR NNS", "-Mål 8 → ett alternativ till OR: sektioner utan numret Mål 8"),
    ],
)  # fmt: skip
def test_interpretation_says_what_is_excluded(engine, query: str, line: str) -> None:
    lines = engine.search(SearchParams(q=query))["interpretation"]
    assert line in lines
    assert not any("även allt från" in other for other in lines)


def test_interpretation_says_each_reading_once_and_names_typed_filters(search) -> None:
    lines = search("ESF ESF år:2025")["interpretation"]
    assert len(lines) == len(set(lines))
    assert lines.count("ESF ↔ Europeiska socialfonden eller socialfonden") == 1
    assert "år:2025 → bara år 2025" in lines


@pytest.mark.parametrize("query", ["Europeiska socialfonden", "budget europeiska socialfondens"])
def test_a_long_form_inside_a_longer_one_is_read_once(search, query: str) -> None:
    """ "socialfonden" is a long form of ESF and a part of "Europeiska socialfonden": the
    longer reading is the only one, with no second line for the shorter."""
    abbreviations = [line for line in search(query)["interpretation"] if "↔" in line]
    assert len(abbreviations) == 1, abbreviations


def test_long_forms_that_overlap_count_once(search) -> None:
    """ "ESF" looks for "Europeiska socialfonden" and "socialfonden": a section that writes the
    first (§ 22) scores as it does when ESF has that long form alone, not once per form."""
    engine = search.engine
    both = {h["number"]: h["score"] for h in search("ESF")["hits"]}
    own = engine.compiler.abbreviations
    try:
        engine.compiler.abbreviations = Abbreviations({"ESF": ["Europeiska socialfonden"]})
        single = {h["number"]: h["score"] for h in search("ESF")["hits"]}
    finally:
        engine.compiler.abbreviations = own
    assert both[22] == pytest.approx(single[22])
    assert both[6] == pytest.approx(single[6])  # ESF-projekten: the abbreviation itself
    assert 21 in both and 21 not in single  # "Socialfonden" alone


@pytest.mark.parametrize(
    ("backwards", "forwards"),
    [
        ("budgetram år:2025..2021", "budgetram år:2021..2025"),
        ("datum:2025-12-31..2021-01-01 lokal", "datum:2021-01-01..2025-12-31 lokal"),
        ("budgetram 2-1 §§", "budgetram §§ 1-2"),
        ("budgetram ELLER lokal", "budgetram OR lokal"),
        ("budgetram NOT lokal", "budgetram -lokal"),
        # An acronym's Swedish ending changes no rank: "FK" is not below "Försäkringskassan".
        ("FK:s", "FK"),
        ("ESF:s", "ESF"),
    ],
)
def test_queries_written_other_ways_find_the_same(search, backwards: str, forwards: str) -> None:
    found = order(search(backwards, limit=100))
    assert found
    assert found == order(search(forwards, limit=100))


@pytest.mark.parametrize(
    ("glued", "apart"),
    [("ESFprojekt", "ESF-projekt"), ("NNSmedlemmar", '"NNS medlemmar"')],
)
def test_an_acronym_written_together_with_its_word_finds_the_two_words(
    engine, glued: str, apart: str
) -> None:
    def ids(q: str) -> set[str]:
        return {hit["id"] for hit in engine.search(SearchParams(q=q, limit=100))["hits"]}

    assert ids(glued) and ids(glued) == ids(apart)


def test_a_capitalised_word_is_not_read_as_a_glued_acronym(engine) -> None:
    result = engine.search(SearchParams(q="Budgeten"))
    assert not [line for line in result["interpretation"] if "även ”" in line]


# --- document heads: title, place, participants ---------------------------------------

SODERASEN_4 = "Sammanträdesprotokoll nr 4"
HALLAND = "Protokoll från styrelsemöte i Samordningsförbundet i Halland"
OSTRA_SODERTORN = "Protokoll 2023-11-29"


# (query, titles of the documents whose head it matches)
HEAD_MATCHES = [
    ("Tony Rahm", {SODERASEN_4}),  # a member, named only in the head
    ("Skolgatan", {SODERASEN_4}),  # the meeting place
    ("Rådhusgatan Karlshamn", {"Protokoll Nr. 2025-5"}),
    # the title, written apart ("Tertial rapport"): found as a split compound
    ("tertialrapport", {"Tertial rapport Samordningsförbundet Skåne Nordost"}),
    ("Försäkringskassan", {SODERASEN_4, HALLAND, OSTRA_SODERTORN}),
    ("Försäkringskassan förbund:halland", {HALLAND}),
    ("Försäkringskassan -halland", {SODERASEN_4, OSTRA_SODERTORN}),
    ("Försäkringskassan år:2023", {HALLAND, OSTRA_SODERTORN}),
    ('"Tony Rahm"', {SODERASEN_4}),
    ("Tony Karlshamn", set()),  # every word must be in the same head
]


@pytest.mark.parametrize(("query", "titles"), HEAD_MATCHES)
def test_words_in_a_documents_head_find_the_document(engine, query: str, titles: set) -> None:
    result = engine.search(SearchParams(q=query))
    assert {d["title"] for d in result["documents"]} == titles
    assert result["documents_total"] == len(titles)
    for doc in result["documents"]:
        assert doc["url"] == f"/doc/{doc['doc_id']}?huvud=1#huvud"  # opened unfolded


def test_head_matches_are_not_hits_and_not_counted_as_sections(engine, parsed_sample) -> None:
    """Before heads, "Tony Rahm" found nothing at all; it still finds no section."""
    member = engine.search(SearchParams(q="Tony Rahm"))
    assert member["total"] == 0 and member["hits"] == [] and member["documents_total"] == 1
    kassan = engine.search(SearchParams(q="Försäkringskassan", limit=50))
    assert all("#huvud" not in h["url"] and h["label"] for h in kassan["hits"])
    assert kassan["total"] == len(kassan["hits"]) == sum(kassan["facets"]["kind"].values())
    parsed = [*parsed_sample.values(), parse_file(TEST_DATA / "protocol.html")]
    assert all(doc.header for doc in parsed)  # every document has a head, none is counted
    assert engine.stats() == {
        "documents": 6,
        "sections": sum(len(doc.sections) for doc in parsed),
        "analysis_current": True,
    }


@pytest.mark.parametrize(
    "params",
    [
        {"offset": 10},  # listed beside the first page only
        {"kind": "decision"},  # a head holds no decisions
        {"forbund": ["blekinge"]},
    ],
)
def test_head_matches_follow_paging_and_filters(engine, params: dict) -> None:
    result = engine.search(SearchParams(q="Försäkringskassan", **params))
    assert result["documents"] == [] and result["documents_total"] == 0


def test_head_snippets_mark_the_query_and_escape_the_text(engine) -> None:
    (doc,) = engine.search(SearchParams(q="tertialrapport"))["documents"]
    assert doc["snippet"].startswith("<mark>Tertial rapport</mark> Samordningsförbundet")
    (doc,) = engine.search(SearchParams(q="Tony Rahm"))["documents"]
    assert "<mark>Tony</mark> <mark>Rahm</mark>, ledamot" in doc["snippet"]
    assert doc["snippet"].replace("<mark>", "").replace("</mark>", "").count("<") == 0


@pytest.mark.parametrize(
    ("query", "marked", "never"),
    [
        (
            "samverkansutbildning",
            {"samverkansutbildning", "samverkansutbildningen", "samverkansutbildningsserie"},
            {"samverkan", "utbildning", "handledarutbildningen"},
        ),
        (
            "samordningsförbundet",
            {"samordningsförbundet", "samordningsförbundets"},
            {"förbundet", "förbundschef", "förbundsordning"},
        ),
        # an abbreviation's long form is a phrase: its words alone are other matches
        ("NNS", {"nns", "nationella nätverket för samordningsförbund"}, {"samordningsförbundet"}),
        ("SIP", {"sip"}, {"plan", "individuell"}),
        ("FINSAM", {"finsam"}, {"samordning", "finansiell"}),
        ('"extern genomlysning" OR genomlysningen', {"genomlysningen"}, {"extern", "externa"}),
    ],
)
def test_a_phrase_is_marked_only_as_a_whole(engine, query: str, marked: set, never: set) -> None:
    """A compound's parts written apart ("tertial rapport"), an abbreviation's long form and
    a quoted phrase are marked as one; a part alone ("förbundschef" for
    "samordningsförbundet", "plan" for SIP) is not a match."""
    result = engine.search(SearchParams(q=query, limit=50))
    snippets = [item["snippet"] for item in result["hits"] + result["documents"]]
    found = {m.lower() for s in snippets for m in re.findall(r"<mark>(.*?)</mark>", s)}
    assert marked <= found
    assert not found & never, found & never


def test_personal_numbers_in_a_head_are_never_searchable(engine, gold: dict) -> None:
    needles = [n for expect in gold.values() for n in expect.get("must_not_appear", [])]
    assert needles
    for needle in needles:
        result = engine.search(SearchParams(q=f'"{needle}"'))
        assert result["total"] == result["documents_total"] == 0, needle
        assert engine.search_documents(SearchParams(q=f'"{needle}"'))["total"] == 0, needle


# --- every matching document, a page at a time (search_documents) --------------------


@pytest.mark.parametrize(("query", "titles"), HEAD_MATCHES)
def test_the_documents_list_finds_what_the_search_lists_beside_its_hits(
    engine, query: str, titles: set
) -> None:
    result = engine.search_documents(SearchParams(q=query))
    assert {d["title"] for d in result["documents"]} == titles
    assert result["total"] == len(titles) == sum(result["facets"]["kind"].values())


def test_the_documents_list_pages_through_all_of_them_best_first(engine) -> None:
    """ "samordningsförbundet" is in five heads; a search shows the best three of them."""
    beside_hits = engine.search(SearchParams(q="samordningsförbundet"))
    pages = [
        engine.search_documents(SearchParams(q="samordningsförbundet", limit=4, offset=offset))
        for offset in (0, 4)
    ]
    listed = [d for page in pages for d in page["documents"]]
    assert [len(page["documents"]) for page in pages] == [4, 2]
    assert len({d["doc_id"] for d in listed}) == 6 == beside_hits["documents_total"]
    assert {page["total"] for page in pages} == {6}
    scores = [d["score"] for d in listed]
    assert scores == sorted(scores, reverse=True)
    assert [d["doc_id"] for d in listed[:3]] == [d["doc_id"] for d in beside_hits["documents"]]
    years = Counter(d["date"][:4] for d in listed)
    assert pages[0]["facets"]["year"] == dict(years)  # facets count documents, not sections


def test_the_documents_list_sorts_by_date(engine) -> None:
    result = engine.search_documents(SearchParams(q="samordningsförbundet", sort="date"))
    dates = [d["date"] for d in result["documents"]]
    assert len(dates) == 6 and dates == sorted(dates, reverse=True)
    assert {d["score"] for d in result["documents"]} == {None}


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        ({"q": "Försäkringskassan", "kind": "decision"}, "innehåller inga beslut"),
        ({"q": "typ:beslut Försäkringskassan"}, "innehåller inga beslut"),
        ({"q": "", "forbund": ["blekinge"]}, "Ange ett ord"),
        ({"q": "år:2025"}, "Ange ett ord"),
        ({"q": "Försäkringskassan", "forbund": ["nosuch"]}, "kortnamnet ”nosuch”"),
        ({"q": "och"}, "stoppord"),
        # A head has no § or goal: the sections' hint said that no § 47 matched, which one does.
        ({"q": "§ 47"}, "Dokumentens huvud (titel, plats, närvarande) har inga paragrafer: sök "
                        "§ 47 bland sökningens träffar i stället."),
        ({"q": "Skolgatan Mål 8"}, "har inga mål: sök Mål 8 bland sökningens träffar"),
        # a range was told nothing at all, and a list was named by its first number alone
        ({"q": "§§ 12-14"}, "har inga paragrafer: sök §§ 12–14 bland sökningens träffar"),
        ({"q": "mål 3-5"}, "har inga mål: sök Mål 3–5 bland sökningens träffar"),
        ({"q": "§ 3, 12"}, "har inga paragrafer: sök § 3 och § 12 bland sökningens träffar"),
        ({"q": "§ 3 Mål 8"}, "har inga paragrafer eller mål: sök § 3 och Mål 8 bland"),
        # a day without meetings is not offered as a filter, over the heads either
        ({"q": "1 januari 2019"}, "Söker du möten den dagen? Inga möten 2019-01-01 finns i "
                                  "indexet."),
        # "Skriv datum:2025-06-11" sent the reader to a filter that alone searches no head
        ({"q": "11 juni 2025"}, "Söker du möten den dagen? Skriv datum:2025-06-11 tillsammans "
                                "med ett ord ur huvudet, till exempel ett namn eller en "
                                "mötesplats."),
        # "Skriv § 47" sent the reader to a search of heads that only says they have none
        ({"q": "paragraf 47"}, "Söker du paragrafen med det numret? Sök § 47 bland sökningens "
                               "träffar: dokumentens huvud (titel, plats, närvarande) har inga "
                               "paragrafer."),
    ],
)  # fmt: skip
def test_the_documents_list_says_why_it_found_nothing(engine, params: dict, notice: str) -> None:
    result = engine.search_documents(SearchParams(**params))
    assert result["total"] == 0 and result["documents"] == []
    assert notice in result["notice"]
    assert "Ingen paragraf med numret" not in result["notice"]


@pytest.mark.parametrize(
    ("q", "hint"),
    [
        ("ESF or NNS", "”or” söktes som ett vanligt ord. Operatorer skrivs med versaler: ESF OR NNS."),
        ("ESF eller NNS", "”eller” är ett stoppord och söktes inte. Operatorer skrivs med versaler: "
         "ESF ELLER NNS."),
        ("a b not c", "”not” söktes som ett vanligt ord. Operatorer skrivs med versaler: a b NOT c."),
        ("ESF OR NNS", None),
        ("or ESF", None),  # not between words
        ("budget", None),
        ("unga som varken arbetar eller studerar", None),
    ],
)  # fmt: skip
def test_operator_hint(q: str, hint: str | None) -> None:
    from search.hints import operator_hint

    assert operator_hint(q) == hint


@pytest.mark.parametrize(
    ("q", "hinted"),
    [
        ("Individual Placement and Support", False),  # the long form of IPS: a name
        ("individual placement and support", False),
        ("Individual Placement and Support or ESF", True),  # the "or" is not in the name
        ("Placement and Support", True),  # only part of the name
    ],
)
def test_no_operator_hint_inside_an_abbreviations_long_form(engine, q: str, hinted: bool) -> None:
    """A long form from data/abbreviations.toml is a name, whatever words it has."""
    result = engine.search(SearchParams(q=q))
    assert result["total"] == 0
    assert ("Operatorer skrivs med versaler" in (result["notice"] or "")) is hinted


@pytest.mark.parametrize(
    ("q", "hinted"),
    [
        # the long form in brackets or quotes, as it is written beside its abbreviation
        ("IPS (Individual Placement and Support)", False),
        ('"Individual Placement and Support"', False),
        # a quoted phrase is searched as written: its "or" is no mistyped operator
        ('"ESF or NNS"', False),
        ('budget "samverkan or ESF" projekt', False),
        # must not change: between phrases, or with a quote left open, it is hinted at
        ('"ESF projekt" or "NNS"', True),
        ('"ESF or NNS', True),
        ("ESF or NNS", True),
        ("(Placement and Support)", True),  # only part of the name
    ],
)
@pytest.mark.parametrize("found_hits", [False, True])
def test_no_operator_hint_inside_quotes_or_a_bracketed_long_form(
    q: str, hinted: bool, found_hits: bool
) -> None:
    from index.synonyms import load_abbreviations
    from search.hints import operator_hint

    hint = operator_hint(q, found_hits=found_hits, abbreviations=load_abbreviations())
    expected = hinted and (not found_hits or " or " in q)
    assert (hint is not None) is expected


@pytest.mark.parametrize(
    ("q", "hint"),
    [
        ("ESF eller NNS", "”eller” är ett stoppord och söktes inte. Operatorer skrivs med "
         "versaler: ESF ELLER NNS."),
        ("ESF or NNS", "”or” söktes som ett vanligt ord. Operatorer skrivs med versaler: ESF OR NNS."),
        ("beslut inte fattat", None),  # ordinary Swedish: hinted at only when nothing is found
        ("budget and ESF", None),
        # "varken … eller", "antingen … eller": Swedish, not a mistyped operator
        ("unga som varken arbetar eller studerar", None),
        ("antingen digitalt eller fysiskt", None),
        ("Varken arbetar eller studerar", None),
    ],
)  # fmt: skip
def test_operator_hint_when_something_was_found(q: str, hint: str | None) -> None:
    from search.hints import operator_hint

    assert operator_hint(q, found_hits=True) == hint


def test_a_lower_case_eller_is_hinted_at_also_when_it_finds_something(engine) -> None:
    """ "ESF eller NNS" searches both words (eller is a stopword): the hits answer another
    question than the one meant, so the notice says so beside them."""
    both = engine.search(SearchParams(q="ESF eller NNS"))
    either = engine.search(SearchParams(q="ESF ELLER NNS"))
    assert 0 < both["total"] < either["total"]
    assert both["notice"].endswith("Operatorer skrivs med versaler: ESF ELLER NNS.")
    assert either["notice"] is None


def test_a_search_that_finds_nothing_hints_at_a_lower_case_operator(search) -> None:
    result = search("genomlysningen or brottsofferjouren")  # no section has both (and "or")
    assert result["total"] == 0
    assert (
        "Operatorer skrivs med versaler: genomlysningen OR brottsofferjouren." in result["notice"]
    )
    assert search("genomlysningen OR brottsofferjouren")["total"] > 0


@pytest.mark.parametrize(
    ("q", "hint"),
    [
        ("2025-06-11", "Söker du möten den dagen? Skriv datum:2025-06-11."),
        ("budget 2024-03-01", "Söker du möten den dagen? Skriv datum:2024-03-01."),
        ("datum:2024-03-01 budget", None),  # already a filter
        # a date or year filter beside the date written out: it was told to add the filter
        ("11 juni 2025 datum:2025-06-11", None),
        ("juni 2025 år:2025", None),
        ("2025-06-11 DATUM:2025-06-11..", None),
        ("budget 2025-06-11 -year:2024", None),
        # written out as Swedish writes a date, or a month
        ("11 juni 2025", "Söker du möten den dagen? Skriv datum:2025-06-11."),
        ("budget den 3 Mars 2024", "Söker du möten den dagen? Skriv datum:2024-03-03."),
        ("juni 2025", "Söker du möten den månaden? Skriv datum:2025-06-01..2025-06-30."),
        ("februari 2024", "Söker du möten den månaden? Skriv datum:2024-02-01..2024-02-29."),
        ("31 februari 2024", None),  # no such day
        # a case-blind match takes "ſ" (long s) and "K" (Kelvin sign) for s and k: the month
        # is still found, where its lookup raised and the search answered 500
        ("11 auguſti 2025", "Söker du möten den dagen? Skriv datum:2025-08-11."),
        ("o\u212atober 2025", "Söker du möten den månaden? Skriv datum:2025-10-01..2025-10-31."),
        ("juni", None),
        ("dnr 2024-03-01.5", None),  # not a date standing alone
        ("budget", None),
    ],
)
def test_date_hint(q: str, hint: str | None) -> None:
    from search.hints import date_hint

    assert date_hint(q) == hint


@pytest.mark.parametrize(
    ("q", "hint"),
    [
        ("titel:budget", "Det finns inget filter titel:, så ”titel:budget” söktes som orden "
         "”titel budget” i följd. Filtren är förbund:, år:, datum: och typ:."),
        ("budget Kommun:Halmstad", "Det finns inget filter Kommun:, så ”Kommun:Halmstad” "
         "söktes som orden ”kommun Halmstad” i följd. Filtren är förbund:, år:, datum: och "
         "typ:."),
        ('ämne:"intern kontroll"', "Det finns inget filter ämne:, så ”ämne:\"intern kontroll\"” "
         "söktes som orden ”ämne intern kontroll” i följd. Filtren är förbund:, år:, datum: och "
         "typ:."),
        # filters, an acronym's ending, an address, a time and a phrase's colon are none
        ("förbund:xyz år:abc typ:x datum:x", None),
        ("fk:s FK:s SIP:ar", None),
        ("https://www.x.se", None),
        ("kl:15", None),
        ('"titel:budget"', None),
        ("budget", None),
    ],
)  # fmt: skip
def test_field_hint(q: str, hint: str | None) -> None:
    from search.hints import field_hint

    assert field_hint(q) == hint


@pytest.mark.parametrize(
    ("q", "notice"),
    [
        # the slash is "och/eller": the phrase found nothing, the words apart do
        ("Försäkringskassan/Arbetsförmedlingen",
         "”Försäkringskassan/Arbetsförmedlingen” söktes som orden i följd. Skriv "
         "Försäkringskassan Arbetsförmedlingen för sektioner med båda orden, eller "
         "Försäkringskassan OR Arbetsförmedlingen för något av dem."),
        # with the search's filters: no decision names both, one names NNS
        ("NNS/ESF typ:beslut",
         "”NNS/ESF” söktes som orden i följd. Skriv NNS OR ESF för något av dem."),
        # nothing to offer: the rest of the query finds nothing either way, or no word does
        ("Försäkringskassan/Arbetsförmedlingen xyzzy", None),
        ("xyzq/ywwq", None),
        ("2024/25", None),  # numbers: a year's span, no two words
        ('"Försäkringskassan/Arbetsförmedlingen"', None),  # quoted: as the user asked
    ],
)  # fmt: skip
def test_two_words_joined_by_a_slash_that_find_nothing_point_to_the_words(
    engine, q: str, notice: str | None
) -> None:
    result = engine.search(SearchParams(q=q))
    assert result["total"] == 0
    assert result["notice"] == notice
    if notice is not None:  # what it says to write finds something
        slashed = notice.split("”")[1]
        suggested = notice.split("Skriv ")[1].split(" för ")[0]
        assert engine.search(SearchParams(q=q.replace(slashed, f"({suggested})")))["total"]


def test_a_filter_that_does_not_exist_is_said_when_nothing_is_found(engine) -> None:
    """ "titel:budget" searched the phrase "titel budget", found nothing and said nothing:
    the reader took it for a filter on titles."""
    result = engine.search(SearchParams(q="titel:budget"))
    assert result["total"] == 0
    assert result["notice"].startswith("Det finns inget filter titel:")
    assert engine.search(SearchParams(q="budget"))["notice"] is None


@pytest.mark.parametrize(
    ("q", "hint"),
    [
        ("paragraf 47", "Söker du paragrafen med det numret? Skriv § 47."),
        ("Paragrafen 47 förbund:soderasen", "Söker du paragrafen med det numret? Skriv § 47."),
        ("paragraferna 12-14", "Söker du paragraferna med de numren? Skriv §§ 12-14."),
        # the indefinite plural, as often written, had no hint
        ("paragrafer 12-14", "Söker du paragraferna med de numren? Skriv §§ 12-14."),
        ("paragraf", None),
        ("paragraf 47a", None),
        # no § 0 exists: "Skriv § 0." pointed to nothing
        ("paragraf 0", None),
        ("paragraf 00", None),
        ("paragraferna 0-3", None),
        ("paragraf 3 och 0", None),
        # a list names every number: it named only the first
        ("paragraf 3 och 12", "Söker du paragraferna med de numren? Skriv §§ 3, 12."),
        ("paragraferna 3, 5 & 12-14", "Söker du paragraferna med de numren? Skriv §§ 3, 5, 12-14."),
        ("paragraf 5 och 2024", "Söker du paragrafen med det numret? Skriv § 5."),  # a year
        ("tilläggsparagraf 4", None),
    ],
)
def test_paragraph_word_hint(q: str, hint: str | None) -> None:
    from search.hints import paragraph_word_hint

    assert paragraph_word_hint(q) == hint


def test_a_paragraph_written_out_that_finds_nothing_points_to_the_sign(engine) -> None:
    """ "paragraf 47" searched the word and the number in the text, found nothing and said
    nothing; "§ 47" finds the paragraph."""
    result = engine.search(SearchParams(q="paragraf 47"))
    assert result["total"] == 0
    assert result["notice"] == "Söker du paragrafen med det numret? Skriv § 47."
    assert engine.search(SearchParams(q="§ 47"))["total"] == 1


@pytest.mark.parametrize(
    ("q", "hint"),
    [
        ("§39", 'Ingen paragraf med numret 39 matchar sökningen. Hänvisningar till den i texten '
         'hittas inom citattecken: "§ 39".'),
        ("budget § 47", 'Ingen paragraf med numret 47 matchar sökningen. Hänvisningar till den i '
         'texten hittas inom citattecken: "§ 47".'),
        ("Mål 99", 'Inget mål med numret 99 matchar sökningen. Hänvisningar till den i texten '
         'hittas inom citattecken: "Mål 99".'),
        # a list names every number: it named only the first
        ("§ 3, 12", 'Ingen av § 3 och § 12 matchar sökningen. Hänvisningar till dem i texten '
         'hittas inom citattecken: "§ 3" OR "§ 12".'),
        ("§§ 3 och 12", 'Ingen av § 3 och § 12 matchar sökningen. Hänvisningar till dem i '
         'texten hittas inom citattecken: "§ 3" OR "§ 12".'),
        ("mål 3, 5 och 8", 'Ingen av Mål 3, Mål 5 och Mål 8 matchar sökningen. Hänvisningar '
         'till dem i texten hittas inom citattecken: "Mål 3" OR "Mål 5" OR "Mål 8".'),
        ("§ 3 OR Mål 5", 'Ingen av § 3 och Mål 5 matchar sökningen. Hänvisningar till dem i '
         'texten hittas inom citattecken: "§ 3" OR "Mål 5".'),
        ("§§ 12-14", None),  # a range is no phrase in the text
        ("budget -§ 3", None),  # an excluded reference asks for nothing
        ("budget 39", None),
    ],
)  # fmt: skip
def test_reference_hint(q: str, hint: str | None) -> None:
    from search.hints import reference_hint
    from search.query import parse

    assert reference_hint(parse(q).tree) == hint


def test_a_reference_that_finds_nothing_hints_at_the_phrase_that_finds_it(engine) -> None:
    # The sample has no § 39, but Söderåsen's § 50 refers to it ("§39").
    result = engine.search(SearchParams(q="§39"))
    assert result["total"] == 0
    assert result["notice"].endswith('hittas inom citattecken: "§ 39".')
    quoted = engine.search(SearchParams(q='"§ 39"'))
    assert [(h["forbund_slug"], h["label"]) for h in quoted["hits"]] == [("soderasen", "§ 50")]
    assert engine.search(SearchParams(q="§ 47"))["notice"] is None  # found: no hint


def test_a_search_for_a_date_that_finds_nothing_hints_at_the_filter(search) -> None:
    result = search("2024-03-01")
    assert result["total"] == 0
    assert result["notice"].endswith("Skriv datum:2024-03-01.")
    assert search("datum:2024-03-01")["total"] > 0


def test_the_engine_lists_every_indexed_document(engine) -> None:
    """What the coverage page counts: one record per document, whose section counts add up to
    the sections the index holds per förbund."""
    documents = engine.documents()
    indexed = [p.name for p in SAMPLE_DIR.iterdir()] + ["protocol.html"]  # as conftest's
    assert sorted(d["source"] for d in documents) == sorted(indexed)
    per_forbund = Counter()
    for d in documents:
        per_forbund[d["forbund_slug"]] += d["sections"]
    assert per_forbund == {slug: c["total"] for slug, c in engine.section_counts().items()}


@pytest.mark.parametrize(("together", "apart"), [("igång", "i gång")])
def test_a_word_written_together_or_apart_finds_both_spellings(
    engine, together: str, apart: str
) -> None:
    """Swedish accepts "igång" and "i gång" alike (data/abbreviations.toml pairs them): a
    search for either finds the sections that use the other."""

    def ids(q: str) -> set[str]:
        return {h["id"] for h in engine.search(SearchParams(q=q, limit=100))["hits"]}

    closed, spaced = ids(f'"{together}"'), ids(f'"{apart}"')
    assert closed and spaced and not closed & spaced  # the sample has both spellings
    assert ids(together) >= closed | spaced
    assert ids(apart) >= closed | spaced


def test_a_place_name_typed_in_lower_case_is_searched_as_the_name(search) -> None:
    """Not also as the phrase of the words it ends like ("karl hamn"); a compound of ordinary
    words still is."""
    assert not any(
        line.startswith("karlshamn → även") for line in search("karlshamn")["interpretation"]
    )
    assert "hamnverksamhet → även ”hamn verksamhet”" in search("hamnverksamhet")["interpretation"]


@pytest.mark.parametrize(
    ("params", "told"),
    [
        (SearchParams(q="budget", undated=True, date_from=date(2024, 1, 1)), True),
        (SearchParams(q="budget år:2024", undated=True), True),
        (SearchParams(q="budget datum:2024-01-01..2024-06-30", undated=True), True),
        # must not change: undated alone, a date alone
        (SearchParams(q="budget", undated=True), False),
        (SearchParams(q="budget år:2024"), False),
    ],
)
def test_undated_beside_a_date_says_why_nothing_is_found(
    engine: Engine, params: SearchParams, told: bool
) -> None:
    """Found in review: undated hits with a date or year filter gave 0 hits and no word why."""
    result = engine.search(params)
    assert (UNDATED_BESIDE_DATES in (result["notice"] or "")) is told
    if told:
        assert result["total"] == 0


@pytest.mark.parametrize(
    ("params", "told"),
    [
        (SearchParams(q="budget år:2023 år:2024"), True),
        (SearchParams(q="budget år:2023", date_from=date(2025, 1, 1)), True),
        # must not change: limits that overlap, even by one day, or one limit alone
        (SearchParams(q="budget år:2023..2025", date_from=date(2024, 6, 1)), False),
        (SearchParams(q="budget år:2023", date_to=date(2023, 1, 1)), False),
        (SearchParams(q="budget år:2024"), False),
    ],
)
def test_dates_without_a_common_day_say_why_nothing_is_found(
    engine: Engine, params: SearchParams, told: bool
) -> None:
    """Found by qa22: år:2023 år:2024 (two limits must both hold) gave 0 hits and no word
    why."""
    result = engine.search(params)
    assert (DATES_WITHOUT_COMMON_DAY in (result["notice"] or "")) is told
    if told:
        assert result["total"] == 0


# What a search's text finds, with how many clauses select every section ("rec:sec") its
# compiled query holds: none when the text matches sections alone (words, phrases, prefixes,
# § numbers, and what a negation subtracts from), which tantivy would otherwise intersect with
# every section; kept when the text can also match a document or a head (a förbund its words
# name, a filter among alternatives, filters alone).
SECTION_CLAUSES = {
    "genomlysning": 0,
    '"extern genomlysning"': 0,
    "samverk*": 0,
    "ESF OR NNS": 0,
    "deltagare -ESF": 0,
    "§ 3": 0,
    "samordningsförbund år:2000..2030": 0,
    "typ:beslut budget": 0,
    "budget blekinge": 0,  # "budget" alone selects sections
    "-budget": 1,  # every section but those: the negation's own clause
    "budget OR -revision": 1,
    "blekinge": 1,  # also every record of the förbund it names
    "ESF OR förbund:blekinge": 1,
    "och förbund:blekinge": 1,
    "förbund:blekinge": 1,
}


@pytest.mark.parametrize("query", SECTION_CLAUSES)
def test_a_text_that_matches_sections_alone_is_not_intersected_with_every_section(
    engine, query: str
) -> None:
    """A one-word search cost tantivy twice the work, as did counting its facets, when its
    query intersected the word's sections with all sections of the index."""
    _, compiled = engine.compile(SearchParams(q=query))
    assert repr(compiled.query).count('"sec"') == SECTION_CLAUSES[query]


@pytest.mark.parametrize("query", SECTION_CLAUSES)
def test_a_search_finds_the_sections_it_found_with_the_clause_that_selects_them(
    engine, query: str
) -> None:
    """The same hits, scores and order as the query intersected with every section: the
    sections' zones and § numbers are written on sections alone, never on a document's or a
    head's record, whatever a search's text is made of."""
    import tantivy

    from index.schema import REC_SECTION
    from index.store import count_matches

    _, compiled = engine.compile(SearchParams(q=query))
    sections = tantivy.Query.const_score_query(
        tantivy.Query.term_query(engine.store.schema, "rec", REC_SECTION), 0.0
    )
    explicit = tantivy.Query.boolean_query(
        [(tantivy.Occur.Must, sections), (tantivy.Occur.Must, compiled.query)]
    )
    searcher = engine.store.searcher()
    total = count_matches(searcher, compiled.query)
    assert total and total == count_matches(searcher, explicit)

    def ranked(query: tantivy.Query) -> list[tuple[float, int, int]]:
        found = searcher.search(query, total).hits
        return [(score, a.segment_ord, a.doc) for score, a in found]

    assert ranked(compiled.query) == ranked(explicit)


def test_a_prefix_is_searched_without_compiling_a_regular_expression(engine) -> None:
    """tantivy compiled each field's `samverk.*` to a DFA, 44 million instructions of a search
    for "samverk*": more than finding and scoring its hits. A prefix query builds at once."""
    _, compiled = engine.compile(SearchParams(q="samverk* förbundsord*"))
    assert "Regex" not in repr(compiled.query) and "Regex" not in repr(compiled.heads)
    # 3 zones: exact, stem and fold terms of "samverk", exact and stem ones of "förbundsord"
    assert repr(compiled.query).count("prefix: true") == 15


@pytest.mark.parametrize("start", ["samverk", "st", "forsakr", "s", "ö", "2021"])
@pytest.mark.parametrize("kind", ["exact", "stem", "fold"])
@pytest.mark.parametrize("zone", ["title", "body", "head"])
def test_a_prefix_query_matches_and_scores_as_the_regular_expression_did(
    engine, start: str, kind: str, zone: str
) -> None:
    """The same records, with the same scores, as the terms matching `start.*`."""
    import tantivy

    from index.schema import search_field
    from search.compile import _starting_with

    mark = {"exact": analysis.EXACT, "stem": "", "fold": analysis.FOLD}[kind]
    field = search_field(zone, kind)
    searcher = engine.store.searcher()

    def found(query: tantivy.Query) -> list[tuple[float, int, int]]:
        hits = searcher.search(tantivy.Query.boost_query(query, 1.2), 10_000).hits
        return [(score, a.segment_ord, a.doc) for score, a in hits]

    schema = engine.store.schema
    regex = tantivy.Query.regex_query(schema, field, re.escape(mark + start) + ".*")
    assert found(_starting_with(schema, field, mark + start)) == found(regex)


@pytest.mark.parametrize(
    ("q", "marked"),
    [
        ("ESF-proj*", {"ESF", "projekten"}),  # "ESF-projekten" in a sample protocol
        ("ESF-projekt*", {"ESF", "projekt"}),
        ("esf-PROJ*", {"ESF", "projekten"}),
    ],
)
def test_a_prefix_after_a_hyphen_finds_the_hyphenated_words(
    engine: Engine, q: str, marked: set[str]
) -> None:
    """Found in review: "ESF-proj*" was one prefix, "esf-proj", which no term starts with
    (the index holds a hyphenated word's parts), so it found nothing."""
    result = engine.search(SearchParams(q=q, limit=50))
    assert result["total"] > 0
    shown = {
        m for hit in result["hits"] for m in re.findall(r"<mark>([^<]+)</mark>", hit["snippet"])
    }
    assert marked <= shown
    assert all("ESF" in re.findall(r"<mark>([^<]+)</mark>", h["snippet"]) for h in result["hits"])


def test_a_list_of_forbund_in_a_filter_names_each(engine) -> None:
    """ "förbund:halland,blekinge" was read as the förbund "halland-blekinge", which none is:
    nothing was found, and the notice said no förbund had that short name."""
    listed = engine.search(SearchParams(q="budget förbund:halland,blekinge"))
    assert listed["total"] > 0 and listed["notice"] is None
    assert set(listed["facets"]["forbund"]) == {"halland", "blekinge"}
    others = engine.search(SearchParams(q="budget -förbund:halland,blekinge"))
    every = engine.search(SearchParams(q="budget"))
    assert others["total"] == every["total"] - listed["total"]
    assert not {"halland", "blekinge"} & set(others["facets"]["forbund"])


@pytest.mark.parametrize("query", ["ESF-projekten", "budget ESF-projekten", "SIP-utbildning"])
def test_a_hyphenated_word_is_read_in_one_line(engine, query: str) -> None:
    """A word of parts ("ESF-projekten") had two lines, its own and its phrase's
    ("”ESF-projekten” → orden i följd …"), as if the query had two parts."""
    lines = engine.search(SearchParams(q=query))["interpretation"]
    word = query.split()[-1]
    assert [line for line in lines if word in line] == [
        f"{word} → frasen ”{word.replace('-', ' ')}”, orden i följd, i alla böjningsformer"
    ]


def test_an_excluded_stopword_is_said_to_exclude_nothing(engine) -> None:
    """ "budget -och" finds what "budget" finds (a stopword is no search term), but its line
    said "-och → inte sektioner med ordet ”och”", which nearly every section has."""
    result = engine.search(SearchParams(q="budget -och"))
    assert result["total"] == engine.search(SearchParams(q="budget"))["total"]
    assert result["interpretation"][0] == (
        "-och → utesluter inget: ”och” är ett vanligt småord (stoppord) som inte söks ensamt; "
        'skriv -"och" för att utesluta sektioner med just det ordet'
    )
    quoted = engine.search(SearchParams(q='budget -"och"'))
    assert quoted["total"] < result["total"]  # as the line says
    assert '-"och" → inte sektioner med frasen ”och”' in quoted["interpretation"]
    assert (
        "-revision → inte sektioner med ordet ”revision”"
        in (engine.search(SearchParams(q="budget -revision"))["interpretation"])
    )


def test_a_date_written_out_that_finds_nothing_points_to_the_date_filter(engine) -> None:
    """ "11 juni 2025" searched the three words, found nothing and said nothing; the meeting
    of that day is found with datum:2025-06-11."""
    result = engine.search(SearchParams(q="11 juni 2025"))
    assert result["total"] == 0
    assert result["notice"] == "Söker du möten den dagen? Skriv datum:2025-06-11."
    assert engine.search(SearchParams(q="datum:2025-06-11"))["total"] > 0


def test_a_month_with_a_long_s_that_finds_nothing_is_hinted_not_raised(engine) -> None:
    """ "auguſti 1999" (a long s, which the case-blind month pattern takes for an s) raised
    in the hint's month lookup: the API answered 500 and `finsok search` "internt fel"."""
    result = engine.search(SearchParams(q="auguſti 1999"))
    assert result["total"] == 0
    assert result["notice"] == (
        "Söker du möten den månaden? Inga möten 1999-08-01–1999-08-31 finns i indexet."
    )


@pytest.mark.parametrize(
    ("params", "notice"),
    [
        # the filter the hint offered found nothing either: a second empty page
        ({"q": "2019-01-01"}, "Söker du möten den dagen? Inga möten 2019-01-01 finns i indexet."),
        ({"q": "budget 3 mars 2024"},
         "Söker du möten den dagen? Inga möten 2024-03-03 finns i indexet."),
        ({"q": "januari 2019"},
         "Söker du möten den månaden? Inga möten 2019-01-01–2019-01-31 finns i indexet."),
        ({"q": "paragraf 99"},
         "Söker du paragrafen med det numret? Ingen paragraf med det numret finns i indexet."),
        ({"q": "paragraf 98 och 99"}, "Söker du paragraferna med de numren? Ingen paragraf med "
                                      "något av de numren finns i indexet."),
        # the search's filters stay: Söderåsen met 2025-06-11 and has § 47, Halland neither
        ({"q": "2025-06-11 förbund:halland"},
         "Söker du möten den dagen? Inga möten 2025-06-11 finns i indexet med sökningens filter."),
        ({"q": "2025-06-11", "forbund": ["halland"]},
         "Söker du möten den dagen? Inga möten 2025-06-11 finns i indexet med sökningens filter."),
        ({"q": "paragraf 47 förbund:halland"}, "Söker du paragrafen med det numret? Ingen "
                                               "paragraf med det numret finns i indexet med "
                                               "sökningens filter."),
        # what is there is still offered
        ({"q": "2025-06-11 förbund:soderasen"},
         "Söker du möten den dagen? Skriv datum:2025-06-11."),
        ({"q": "paragraf 47 förbund:soderasen"},
         "Söker du paragrafen med det numret? Skriv § 47."),
        ({"q": "paragraf 47 och 99"}, "Söker du paragraferna med de numren? Skriv §§ 47, 99."),
    ],
)  # fmt: skip
def test_a_hint_offers_no_filter_that_finds_nothing(engine, params: dict, notice: str) -> None:
    result = engine.search(SearchParams(**params))
    assert result["total"] == 0
    assert result["notice"] == notice


@pytest.mark.parametrize(
    "query",
    ["https://www.lumenaconecto.se", "http://www.lumenaconecto.se/", "www.lumenaconecto.se"],
)
def test_a_pasted_address_finds_the_text_that_writes_it(engine, query: str) -> None:
    """The sample writes "www.lumenaconecto.se"; pasted with its scheme, the address was
    read as "https" and the rest, a phrase the text does not have, and found nothing."""
    result = engine.search(SearchParams(q=query))
    assert [h["label"] for h in result["hits"]] == ["§ 5"], result["interpretation"]


def test_a_forbund_typed_decomposed_filters_as_composed(search) -> None:
    """`--forbund söderåsen` from a macOS terminal arrives decomposed (NFD); the engine's
    slug is the same as for the composed name, not "so-dera-sen"."""
    composed = search("utbildning", forbund=["Söderåsen"])
    decomposed = search("utbildning", forbund=["So\u0308dera\u030asen"])
    assert composed["total"] > 0
    assert [h["id"] for h in decomposed["hits"]] == [h["id"] for h in composed["hits"]]


@pytest.mark.parametrize(
    ("query", "word", "line"),
    [
        ("budget NOT NNS", "NNS", "NNS → inte heller ”Nationella nätverket för samordningsförbund”"),
        ("budget -ESF", "ESF", "ESF → inte heller ”Europeiska socialfonden” eller ”socialfonden”"),
        ("budget -socialfonden", "socialfonden", "socialfonden → inte heller ”ESF”"),
        ("ESF OR -NNS", "NNS", "NNS → inte heller ”Nationella nätverket för samordningsförbund”"),
    ],
)  # fmt: skip
def test_an_excluded_abbreviation_s_other_forms_read_as_excluded(
    engine, query: str, word: str, line: str
) -> None:
    """Found in review: "budget NOT NNS" said "NNS ↔ Nationella nätverket för
    samordningsförbund", the line of a word searched with its long form, though the search
    leaves out the sections that write either. The line says that the other forms are left
    out too, as an excluded förbund name's does ("inte heller något från …")."""
    lines = engine.search(SearchParams(q=query))["interpretation"]
    assert line in lines
    assert not any(other.startswith(f"{word} ↔") for other in lines)
    if query.startswith("budget"):  # as the line says: every section that any form finds

        def total(q: str) -> int:
            return engine.search(SearchParams(q=q))["total"]

        assert total(query) == total("budget") - total(f"budget {word}") > 0
