"""Snippets and highlighting: same analysis as the index, safe HTML, sensible windows."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from index.analysis import index_terms
from search.marks import Marks
from search.snippets import (
    Highlighter,
    HitSnippet,
    _snippet_from_spans,
    mark_all,
    section_snippet,
    snippet,
)

MARK = re.compile(r"<mark>(.*?)</mark>", re.S)
SPACES = re.compile(r"\s+")


def marked(out: str) -> list[str]:
    """The texts inside the marks of an HTML snippet, unescaped."""
    return [html.unescape(m) for m in MARK.findall(out)]


def visible(out: str) -> str:
    """The text a reader sees: marks removed, entities decoded."""
    return html.unescape(out.replace("<mark>", "").replace("</mark>", ""))


def hl(*words: str) -> Highlighter:
    return Highlighter.for_words(list(words))


# -- what is marked ----------------------------------------------------------------------------

MARKS = [
    # (query words, text, marked words)
    (
        ["genomlysning"],
        "…syftet med genomlysningen måste klargöras innan genomlysningar beställs.",
        ["genomlysningen", "genomlysningar"],
    ),
    (["genomlysning"], "Styrelsen beslutar om extern genomlysning.", ["genomlysning"]),
    # ESF marks its own part of the hyphenated word, not the whole word.
    (["ESF"], "Rapport om ESF-projekten i regionen.", ["ESF"]),
    (["ESF"], "ESF:s riktlinjer gäller.", ["ESF:s"]),
    (["esf"], "Medel från ESF söks.", ["ESF"]),
    (["ESF"], "Insatser för utrikesfödda kvinnor.", []),
    (["ESF"], "Ungdoms- och civilsamhällesfrågor diskuterades.", []),
    (["ESF-projekten"], "Rapport om ESF-projekten i regionen.", ["ESF-projekten"]),
    # Compound parts.
    (["utbildning"], "Samverkansutbildningen startar i höst.", ["Samverkansutbildningen"]),
    (
        ["utbildning"],
        "Utbildningen och handledarutbildningar.",
        ["Utbildningen", "handledarutbildningar"],
    ),
    (["samverkan"], "Samverkansutbildningen startar i höst.", ["Samverkansutbildningen"]),
    # Inflections and folding (query typed without å, ä, ö).
    (["budget"], "Budgeten för 2025 och budgetar framåt.", ["Budgeten", "budgetar"]),
    (["forbundsordning"], "Förbundsordningen revideras.", ["Förbundsordningen"]),
    (["styrelse"], "Styrelsen beslutar. Styrelsens ledamöter.", ["Styrelsen", "Styrelsens"]),
    # Several words; punctuation in a query word is ignored.
    (["budget,", "ESF"], "ESF och budget.", ["ESF", "budget"]),
    # A stopword alone is marked; next to other words it is not.
    (["och"], "Du och jag.", ["och"]),
    (["budget", "och"], "Budget och revision.", ["Budget"]),
    (["revision"], "Ingen träff här.", []),
    ([], "Ingen fråga alls.", []),
]


@pytest.mark.parametrize(("words", "text", "expected"), MARKS)
def test_marks(words: list[str], text: str, expected: list[str]) -> None:
    h = hl(*words)
    assert marked(snippet(text, h)) == expected
    assert marked(mark_all(text, h)) == expected
    assert h.matches(text) is bool(expected)
    assert [text[s:e] for s, e in h.spans(text)] == expected


def test_genomlysningen_is_marked_in_running_text() -> None:
    out = snippet("…syftet med genomlysningen måste…", hl("genomlysning"))
    assert "<mark>genomlysningen</mark>" in out


def test_esf_marks_only_its_part_of_a_hyphenated_word() -> None:
    out = snippet("Rapport om ESF-projekten.", hl("ESF"))
    assert out == "Rapport om <mark>ESF</mark>-projekten."


def test_highlighter_terms_are_all_query_term_kinds() -> None:
    assert hl("genomlysning").terms == {
        "=genomlysning",
        "genomlysning",
        ">genomlysning",
        "~genomlysning",
    }


SPAN_TEXTS = [
    "Rapport om ESF-projekten och utrikesfödda. ESF:s budget.",
    "Samverkansutbildningen, budgeten och förbundsordningen 2025-2026.",
    "😀 Åäö-frågor 👍🏽 om budgeten\n\nför ESF\u00adprojekt.",
]


@pytest.mark.parametrize("text", SPAN_TEXTS)
def test_spans_agree_with_index_terms(text: str) -> None:
    """A word is marked exactly when one of its index terms is a term the query looks for."""
    h = hl("budget", "ESF", "utbildning", "forbundsordning", "projekt")
    spans: list[tuple[int, int]] = []
    for t in sorted(index_terms(text), key=lambda t: (t.start, t.end)):
        if t.term in h.terms:
            if spans and t.start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(spans[-1][1], t.end))
            else:
                spans.append((t.start, t.end))
    assert h.spans(text) == spans
    assert spans


# -- prefixes and phrases ----------------------------------------------------------------------

PREFIXES = [
    (
        "Samverkan och samverkansutbildning, men inte samarbete.",
        ["Samverkan", "samverkansutbildning"],
    ),
    ("Ingen träff på samarbete.", []),
    ("Försäkringskassan och forsakringar, men inte Forshaga.", []),
]


@pytest.mark.parametrize(("text", "expected"), PREFIXES)
def test_prefix_highlighter(text: str, expected: list[str]) -> None:
    # typed without å, ä, ö, a prefix marks the folded forms too ("~samverk")
    direct = Highlighter(terms=frozenset(), prefixes=frozenset({"=samverk", "~samverk"}))
    built = Highlighter.for_words([], prefixes=["Samverk"])
    assert built == direct
    assert marked(snippet(text, direct)) == expected
    assert marked(snippet(text, built)) == expected


PHRASES = [
    # (phrase, text, marked)
    (
        "ungdoms- och civilsamhällesfrågor",
        "Vi och de. Ungdoms- och civilsamhällesfrågor, och mer.",
        ["Ungdoms- och civilsamhällesfrågor"],
    ),
    # A phrase is marked as a whole only: its words alone are not what was asked for.
    (
        "extern genomlysning",
        "En extern genomlysning och en intern genomlysning.",
        ["extern genomlysning"],
    ),
    ("ESF projekten", "Om ESF-projekten.", ["ESF-projekten"]),
    # A quoted single word finds only that form, and only that form is marked.
    ("budget", "Budgeten och budget.", ["budget"]),
    ("genomlysningen", "Genomlysningen av genomlysningsuppdraget.", ["Genomlysningen"]),
]


@pytest.mark.parametrize(("phrase", "text", "expected"), PHRASES)
def test_phrases(phrase: str, text: str, expected: list[str]) -> None:
    h = Highlighter.for_words([], [phrase])
    assert marked(snippet(text, h)) == expected


def test_stopword_in_phrase_has_exact_term_only() -> None:
    h = Highlighter.for_words([], ["ungdoms- och civilsamhällesfrågor"])
    assert h.phrases[0][1] == {"=och"}
    assert "=och" not in h.terms


# -- safe HTML ---------------------------------------------------------------------------------


def test_escaping() -> None:
    text = '<script>alert("x")</script> & <b onclick="x">budget</b>'
    for out in (snippet(text, hl("budget")), mark_all(text, hl("budget"))):
        assert "&lt;script&gt;" in out
        assert "&lt;b onclick=&quot;x&quot;&gt;<mark>budget</mark>&lt;/b&gt;" in out
        assert "&amp;" in out
        assert "<script" not in out
        assert "<b " not in out


ESCAPES = [
    ("budget & <mark>", "<mark>budget</mark> &amp; &lt;mark&gt;"),
    ("'budget'", "&#x27;<mark>budget</mark>&#x27;"),
    ("&lt;budget&gt;", "&amp;lt;<mark>budget</mark>&amp;gt;"),
]


@pytest.mark.parametrize(("text", "expected"), ESCAPES)
def test_escaping_table(text: str, expected: str) -> None:
    assert snippet(text, hl("budget")) == expected


VOCAB = [
    "budget",
    "Budgeten",
    "ESF-projekten",
    "ESF",
    "utrikesfödda",
    "samverkansutbildningen",
    "genomlysning",
    "och",
    "<b>",
    "&amp;",
    '"x"',
    "'",
    "…",
    "😀",
    "åäö",
    "\n",
    "\u00ad",
    "\u2028",
]
texts = st.lists(st.one_of(st.sampled_from(VOCAB), st.text(max_size=12)), max_size=80).map(
    lambda parts: " ".join(parts)
)
queries = st.one_of(st.sampled_from(VOCAB), st.text(min_size=1, max_size=10))
highlighters = st.one_of(
    queries.map(hl),
    st.lists(queries, min_size=2, max_size=3).map(
        lambda ws: Highlighter.for_words([], [" ".join(ws)])
    ),
    queries.map(lambda w: Highlighter.for_words([], prefixes=[w])),
)


def assert_safe(out: str) -> None:
    bare = re.sub(r"</?mark>", "", out)
    assert "<" not in bare and ">" not in bare and '"' not in bare
    # Marks are balanced and never nested.
    assert re.fullmatch(r"(?:[^<]|<mark>[^<]*</mark>)*", out)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, h=highlighters, width=st.sampled_from([1, 20, 80, 240]))
def test_snippet_is_safe_text_from_the_input(text: str, h: Highlighter, width: int) -> None:
    out = snippet(text, h, width=width)
    assert_safe(out)
    seen = visible(out)
    collapsed = SPACES.sub(" ", text)
    variants = {seen, seen.removeprefix("…"), seen.removesuffix("…")}
    variants.add(seen.removeprefix("…").removesuffix("…"))
    assert any(v in collapsed for v in variants)
    assert out == out.strip()


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(text=texts, h=highlighters)
def test_mark_all_keeps_the_whole_text(text: str, h: Highlighter) -> None:
    out = mark_all(text, h)
    assert_safe(out)
    assert visible(out) == text


# -- character offsets -------------------------------------------------------------------------

MULTIBYTE = [
    ("😀 åäö budget", "😀 åäö <mark>budget</mark>"),
    (
        "👍🏽👍🏽 Förbundsstämman: ESF-budgeten",
        "👍🏽👍🏽 Förbundsstämman: ESF-<mark>budgeten</mark>",
    ),
    ("Ärendet – åtgärder 😀 budgetår", "Ärendet – åtgärder 😀 budgetår"),
    (
        "Ändrad budget.\n\n😀 Ökad budget!",
        "Ändrad <mark>budget</mark>. 😀 Ökad <mark>budget</mark>!",
    ),
]


@pytest.mark.parametrize(("text", "expected"), MULTIBYTE)
def test_multibyte_offsets(text: str, expected: str) -> None:
    assert snippet(text, hl("budget")) == expected


# -- windows -----------------------------------------------------------------------------------

FILLER = "Styrelsen diskuterade läget i verksamheten och gick igenom rapporterna. " * 30


def test_window_around_a_late_match() -> None:
    text = FILLER + "Därefter fastställdes budgeten för nästa år. Mötet avslutades."
    out = snippet(text, hl("budget"), width=120)
    assert out.startswith("…")
    assert "<mark>budgeten</mark>" in out
    assert len(visible(out)) <= 120 + 2 * 40 + 2
    assert visible(out).endswith("Mötet avslutades.")


def test_window_cuts_at_word_boundaries() -> None:
    text = FILLER + "Beslut om budget. " + FILLER
    seen = visible(snippet(text, hl("budget"), width=100))
    assert seen.startswith("…") and seen.endswith("…")
    words = set(SPACES.split(FILLER))
    inner = seen.strip("…").split(" ")
    assert inner[0] in words and inner[-1] in words


def test_window_prefers_distinct_words() -> None:
    text = "budget budget budget. " + FILLER + "Om budget för ESF. " + FILLER
    out = snippet(text, hl("budget", "ESF"), width=80)
    assert marked(out) == ["budget", "ESF"]


def test_window_prefers_more_matches_then_earliest() -> None:
    text = "Om budget. " + FILLER + "Budget, budgeten, budgetar. " + FILLER + "budget budget budget"
    out = snippet(text, hl("budget"), width=60)
    assert marked(out) == ["Budget", "budgeten", "budgetar"]


def test_no_match_gives_the_start() -> None:
    out = snippet("  Inledning.\n" + FILLER, hl("revision"), width=50)
    assert out.startswith("Inledning. Styrelsen")
    assert out.endswith("…")
    assert "<mark>" not in out
    assert len(visible(out)) <= 51


SHORT = [
    ("", ""),
    ("   ", ""),
    ("budget", "<mark>budget</mark>"),
    ("  en\tbudget\n", "en <mark>budget</mark>"),
]


@pytest.mark.parametrize(("text", "expected"), SHORT)
def test_short_texts(text: str, expected: str) -> None:
    assert snippet(text, hl("budget")) == expected


# -- sections ----------------------------------------------------------------------------------

SECTIONS = [
    # (body, decisions, snippet, in_decision)
    (
        "Ekonomichefen redogjorde för budget och prognos.",
        ["Styrelsen beslutar att fastställa budget för 2025."],
        "Styrelsen beslutar att fastställa <mark>budget</mark> för 2025.",
        True,
    ),
    (
        "Ekonomichefen redogjorde för budget och prognos.",
        ["Styrelsen beslutar att lägga informationen till handlingarna."],
        "Ekonomichefen redogjorde för <mark>budget</mark> och prognos.",
        False,
    ),
    (
        "Ekonomichefen redogjorde för budget och prognos.",
        [],
        "Ekonomichefen redogjorde för <mark>budget</mark> och prognos.",
        False,
    ),
    # The decision matching the most query words wins, then the one with most matches.
    (
        "Om budget och ESF.",
        ["Att notera budget.", "Att fastställa budget för ESF-projekten.", "Budget, budget."],
        "Att fastställa <mark>budget</mark> för <mark>ESF</mark>-projekten.",
        True,
    ),
    (
        "Om budget.",
        ["Att notera budget.", "Budget och budgetar."],
        "<mark>Budget</mark> och <mark>budgetar</mark>.",
        True,
    ),
    # No match anywhere (the hit matched on metadata): the start of the body.
    ("Inledande information.", ["Att notera."], "Inledande information.", False),
]


@pytest.fixture
def analysed(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The texts `search.snippets` analyses from here on, in order (`analyze_matching`)."""
    import search.snippets as snippets

    texts: list[str] = []
    real = snippets.analyze_matching

    def counting(text: str, *args: object, **options: object) -> list:
        texts.append(text)
        return real(text, *args, **options)

    monkeypatch.setattr(snippets, "analyze_matching", counting)
    return texts


def test_section_snippet_analyses_the_body_only_when_needed(analysed: list[str]) -> None:
    body, decisions = "Om budget.", ["Att notera.", "Att fastställa budget."]
    assert section_snippet(body, decisions, hl("budget")).in_decision
    assert analysed == decisions
    analysed.clear()
    assert not section_snippet(body, decisions[:1], hl("budget")).in_decision
    assert analysed == [*decisions[:1], body]


# -- alternatives: a hit marks what it holds -----------------------------------------------------

# "finansiell samordning", as the compiler reads it: (finansiell AND samordning) OR FINSAM.
FINSAM = Marks(parts=(Marks(parts=(Marks((0,)), Marks((1,)))), Marks((2,))), either=True)
# "(plan budget) OR (plan NNS)": "plan" belongs to both alternatives.
PLANS = Marks(
    parts=(Marks(parts=(Marks((0,)), Marks((1,)))), Marks(parts=(Marks((2,)), Marks((3,))))),
    either=True,
)
WITHIN = [
    # (query words, their marks, a hit's texts, the marked words of each text)
    (
        ["finansiell", "samordning", "finsam"],
        FINSAM,
        ["Medel enligt Finsam fördelas av samordningsförbundet."],
        [["Finsam"]],
    ),
    (
        ["finansiell", "samordning", "finsam"],
        FINSAM,
        ["Finansiell samordning (Finsam) ger samordningsförbundet medel."],
        [["Finansiell", "samordning", "Finsam", "samordningsförbundet"]],
    ),
    # The alternative is held across the texts (a title and a body).
    (
        ["finansiell", "samordning", "finsam"],
        FINSAM,
        ["Finansiell uppföljning", "Finsam och samordningsförbundet."],
        [["Finansiell"], ["Finsam", "samordningsförbundet"]],
    ),
    # Held by none, as read here (the index found it otherwise): marked as the query is.
    (
        ["finansiell", "samordning", "finsam"],
        FINSAM,
        ["Samordningsförbundet redovisade."],
        [["Samordningsförbundet"]],
    ),
    # "plan" of the alternative held stays marked, though the other one has it too.
    (["plan", "budget", "plan", "NNS"], PLANS, ["NNS presenterade sin plan."], [["NNS", "plan"]]),
    (
        ["plan", "budget", "plan", "NNS"],
        PLANS,
        ["Budget och plan för NNS."],
        [["Budget", "plan", "NNS"]],
    ),
]


@pytest.mark.parametrize(("words", "marks", "texts", "expected"), WITHIN)
def test_a_hit_marks_the_alternatives_it_holds(
    words: list[str], marks: Marks, texts: list[str], expected: list[list[str]]
) -> None:
    hit = Highlighter.for_words(words, marks=marks).within(texts)
    assert [marked(mark_all(text, hit)) for text in texts] == expected


def test_a_hits_texts_are_analysed_once(analysed: list[str]) -> None:
    """Telling which alternatives a hit holds and marking it share one analysis per text."""
    texts = ["Medel", "Finsam fördelas av samordningsförbundet.", "Budget."]
    hit = Highlighter.for_words(["finansiell", "samordning", "finsam"], marks=FINSAM).within(texts)
    shown = section_snippet(texts[2], texts[1:2], hit)
    assert marked(mark_all(texts[0], hit)) == [] and marked(shown.html) == ["Finsam"]
    assert analysed == texts


# "(§ 5 plan) OR budget", as the compiler reads it: (§ 5 AND plan) OR budget, the § number a
# condition (index 0 of `Compiled.conditions`) that no text shows.
PARAGRAPH_PLAN = Marks(
    parts=(Marks(parts=(Marks(condition=0), Marks((0,)))), Marks((1,))), either=True
)


@pytest.mark.parametrize(
    ("met", "expected"),
    [
        (frozenset(), ["Budget"]),  # no § 5: found through budget, and "plan" is not why
        (frozenset({0}), ["Budget", "plan"]),  # § 5: both alternatives held
        (None, ["Budget", "plan"]),  # the caller cannot tell: as before, taken as met
    ],
)
def test_a_condition_among_alternatives_is_held_only_where_the_hit_meets_it(
    met: frozenset[int] | None, expected: list[str]
) -> None:
    """A § number or a filter inside an alternative counted as held: a hit found through
    "budget" was taken to hold "§ 5 plan" and had "plan" marked, § 5 or not."""
    hit = Highlighter.for_words(["plan", "budget"], marks=PARAGRAPH_PLAN)
    assert marked(mark_all("Budget och plan.", hit.within(["Budget och plan."], met))) == expected


# (query, förbund, section, words marked, words whose marks must not be there) in the sample:
# ostra-sodertorn § 4 "Verksamhetsplan och budget 2024" is found through budget; it is no
# § 5, not Halland's, and it names ESF. Halland § 5 holds the first alternative.
SAMPLE_CONDITIONS = [
    ("(§ 5 verksamhetsplan) OR budget", "ostra-sodertorn", "§ 4", ["budget"], ["verksamhetsplan"]),
    ("(§ 5 verksamhetsplan) OR budget", "halland", "§ 5", ["budget", "verksamhetsplan"], []),
    ("(förbund:halland verksamhetsplan) OR budget", "ostra-sodertorn", "§ 4", ["budget"],
     ["verksamhetsplan"]),
    ("(förbund:halland verksamhetsplan) OR budget", "halland", "§ 5",
     ["budget", "verksamhetsplan"], []),
    ("(verksamhetsplan -ESF) OR budget", "ostra-sodertorn", "§ 4", ["budget"],
     ["verksamhetsplan"]),
    # The § number as one alternative of a group, which the section holds through ESF.
    ("((§ 5 OR ESF) verksamhetsplan) OR budget", "ostra-sodertorn", "§ 4",
     ["budget", "verksamhetsplan"], []),
    ("((§ 5 OR NNS) verksamhetsplan) OR budget", "halland", "§ 5",
     ["budget", "verksamhetsplan"], []),
]  # fmt: skip


def _check(shown: str, want: list[str], unwanted: list[str]) -> None:
    marks = [m.lower() for m in marked(shown)]
    assert all(w in marks for w in want), (want, marks)
    assert not [m for m in marks if any(m.startswith(w) for w in unwanted)], (unwanted, marks)


@pytest.mark.parametrize(("q", "forbund", "label", "want", "unwanted"), SAMPLE_CONDITIONS)
def test_a_sample_hit_and_its_page_mark_a_condition_only_where_it_is_met(
    engine, q: str, forbund: str, label: str, want: list[str], unwanted: list[str]
) -> None:
    """Through the index: the hit's title and snippet, and its section on the document's
    page, mark the alternative with a § number, a filter or an exclusion only where the
    section meets it."""
    from search.engine import SearchParams
    from web.data import document_data

    hits = engine.search(SearchParams(q=q, limit=50))["hits"]
    (hit,) = [h for h in hits if h["forbund_slug"] == forbund and h["label"] == label]
    _check(hit["title_html"] + " " + hit["snippet"], want, unwanted)
    page = document_data(engine, hit["doc_id"], q)
    (section,) = [s for s in page["sections"] if s["id"] == hit["id"]]
    _check(
        " ".join([section["title_html"], *(b["html"] for b in section["blocks"])]), want, unwanted
    )


def test_a_query_without_alternatives_of_several_words_has_one_highlighter() -> None:
    """Alternatives of one word each mark a word only where it is: every hit is marked by
    the query's highlighter, with nothing done per hit."""
    either = Marks(parts=(Marks((0,)), Marks((1,))), either=True)
    plain = Highlighter.for_words(["ESF", "NNS"], marks=either)
    assert plain == Highlighter.for_words(["ESF", "NNS"]) and plain.alternatives is None
    assert plain.within(["ESF och NNS"]) is plain


@pytest.mark.parametrize(("body", "decisions", "expected", "in_decision"), SECTIONS)
def test_section_snippet(body: str, decisions: list[str], expected: str, in_decision: bool) -> None:
    assert section_snippet(body, decisions, hl("budget", "ESF")) == HitSnippet(
        expected, in_decision
    )


# A search of decisions only (`typ:beslut`) found the section by its decisions: one is shown
# also when no query word is in it (filters alone), not the body's start.
DECISIONS_ONLY = [
    # (body, decisions, words, snippet)
    (
        "Förslaget presenterades. Beslut Styrelsen beslutar att anta budgeten.",
        ["Styrelsen beslutar att anta budgeten."],
        (),
        "Styrelsen beslutar att anta budgeten.",
    ),
    (  # the first decision, the others' words being none of the query's either
        "Ordförande föredrog ärendet.",
        ["", "Att Johanna Månsson ska representera förbundet.", "Att ersättning kan utgå."],
        ("budget",),
        "Att Johanna Månsson ska representera förbundet.",
    ),
    (  # a decision with the word is still the one shown, marked
        "Om budget.",
        ["Att notera.", "Att fastställa budget."],
        ("budget",),
        "Att fastställa <mark>budget</mark>.",
    ),
]


@pytest.mark.parametrize(("body", "decisions", "words", "expected"), DECISIONS_ONLY)
def test_decisions_only_shows_a_decision(
    body: str, decisions: list[str], words: tuple[str, ...], expected: str
) -> None:
    shown = section_snippet(body, decisions, hl(*words), decisions_only=True)
    assert shown == HitSnippet(expected, in_decision=True)
    # Without decisions only, a section whose decisions lack the words shows its body.
    if not any(w in d for w in words for d in decisions):
        assert not section_snippet(body, decisions, hl(*words)).in_decision


def test_decisions_only_without_decisions_shows_the_body() -> None:
    assert section_snippet("Inledning.", [], hl(), decisions_only=True) == HitSnippet(
        "Inledning.", in_decision=False
    )


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("forsakr", ["Försäkringskassan", "forsakringar"]),
        ("försäkr", ["Försäkringskassan"]),  # typed with ä: only the ä-words
        ("fors", ["Försäkringskassan", "forsakringar", "Forshaga"]),
    ],
)
def test_a_prefix_without_diacritics_marks_their_forms(prefix: str, expected: list[str]) -> None:
    text = "Försäkringskassan och forsakringar, men inte Forshaga."
    assert marked(snippet(text, Highlighter.for_words([], prefixes=[prefix]))) == expected


# -- the download's scan (`Highlighter.scan`): only the words that can match are analysed -----

_SCAN_TEXT = (
    "Styrelsen beslutar att godkänna förbundsordningen. FÖRBUNDSORDNINGEN gäller från 1 maj. "
    "Nya regler för samverkansutbildningen; reglerna ändras. Himlen över länderna. "
    "Budgeten för ESF-projekten och budget – ESF skickas till extern genomlysning, "
    "en genomlysningsrapport och den externa   genomlysningen. Unga som varken arbetar "
    "eller studerar (UVAS) ges stöd. Ungdoms- och civilsamhällesfrågor. Samverkansinsatser, "
    "samverka och Samverkan. Det övergripande målet: rehabilitering, återgång i arbete."
)
_SCAN_QUERIES: list[tuple[list[str], list[str], list[str]]] = [
    (["förbundsordning"], [], []),
    (["forbundsordning"], [], []),  # typed without å, ä and ö: the fold terms
    (["regel"], [], []),  # regler: a restored vowel
    (["himmel"], [], []),  # himlen: a restored vowel and a doubled m
    (["utbildning"], [], []),  # a compound's part
    (["genomlysning"], ["extern genomlysning"], []),
    ([], ["unga som varken arbetar eller studerar"], []),
    ([], ["ungdoms- och civilsamhällesfrågor"], []),
    (["budget", "ESF"], ["budget ESF"], []),
    (["rehabilitering", "återgång"], [], []),
    ([], [], ["samverk"]),
    ([], [], ["overgrip"]),  # a prefix typed without diacritics
    (["övergripande"], ['"övergripande målet"'], []),
    # Acronyms, not stemmed, with their long forms as the search gives them (`_spelt`).
    (["ESF"], ["europeiska socialfonden", "social fonden"], []),
    (["esf"], [], []),  # typed in lower case
    (["ESF", "budget"], ["budget ESF"], []),  # an acronym beside a word
    ([], ["ESF-projekten"], []),
    (["NNS"], ["nationella nätverket för samordningsförbund"], []),
    (["SIP"], ["samordnad individuell plan"], []),
    (["FK", "försäkringskassan"], [], []),  # a two-letter needle, rare in words (`_rare`)
    (["MUCF"], [], []),
    (["utrikesfödda"], [], []),
    # Short needles: a word's own terms at its start only, a part's anywhere (`_rare`).
    (["ST"], [], []),
    (["st", "budget"], [], []),
    ([], [], ["st"]),
    ([], [], ["s"]),
    ([], ["st budget"], []),
    (["AF"], [], []),
    (["ab"], [], []),
    (["ny"], [], []),  # "nytt" of "outnyttjade" is a part with the stem "ny"
    (["fk", "st"], [], []),
]
_ACRONYM_TEXT = (
    "ESF-projekten och ESF:s medel, esf i gemener; utrikesfödda kvinnor. Europeiska "
    "socialfonden (ESF) och social fonden. NNS, Nationella nätverket för samordningsförbund. "
    "SIP – samordnad individuell plan – med FK, Försäkringskassan och fk. MUCF:s bidrag, "
    "budget ESF. Sipar, Mucfen, nns-möte."
)


@pytest.mark.parametrize(("words", "phrases", "prefixes"), _SCAN_QUERIES)
@pytest.mark.parametrize(
    "text",
    [
        _SCAN_TEXT,
        _SCAN_TEXT.replace(" ", "\n", 7),  # chunks are cut at spaces only
        _ACRONYM_TEXT,
        "Budget – – ESF. " * 3,  # chunks without words do not part a phrase
        "ΟΔΟΣ budget förbundsordningen ΣΟΦΙΑ",  # sigmas, lower-cased by their place
        "Encyklopædi: budget och förbundsordningen",  # æ folds to two letters: the whole text
        "för\u00adbundsordningen och budget",  # a soft hyphen: the slow tokenizer
        # Two letters inside words, after a digit, a hyphen or a colon, and as words.
        "Styrelsen: första kostnad, 2st och 5 st ST:s ST-möte Ae-st X\u2010st budget st "
        "Śt_st AF:s arbetsförmedlingen paragraf ab Abonnemang FK fk-ärende outnyttjade nytt ny",
        "",
    ],
)
def test_the_scan_marks_what_the_whole_text_marks(
    words: list[str], phrases: list[str], prefixes: list[str], text: str
) -> None:
    """A download's snippets come from the chunks that hold a needle (`_scanned`): the spans
    are those of the whole text's analysis, whatever the kind of match."""
    whole = Highlighter.for_words(words, phrases, prefixes=prefixes)
    scanned = dataclasses.replace(whole, memo={}, scan=True)
    assert scanned._spans(text) == whole._spans(text)
    assert snippet(text, scanned) == snippet(text, whole)


def test_the_scan_analyses_only_the_chunks_that_hold_a_needle() -> None:
    """Otherwise the scan would only add work: of a long text, the chunks around its matches."""
    h = dataclasses.replace(Highlighter.for_words(["förbundsordning"]), memo={}, scan=True)
    text = "Mötet öppnades och protokollet justerades utan anmärkning. " * 200
    text += "Förbundsordningen antogs."
    assert h._needles[0] is not None
    assert [text[s:e] for s, e in h.spans(text)] == ["Förbundsordningen"]
    assert set(h.memo) == {"Förbundsordningen"}


def test_stems_keep_all_but_their_last_letters_of_the_word() -> None:
    """The bounds the scan's needles rest on (`STEM_SLACK`, `_PUT_BACK`): folded, a word's
    stem and each of its compound parts' stems are spelt in the word but for their last
    `STEM_SLACK` letters, and up to a letter a rule may have put in (`_spelt`, the longer of
    the two), over the shipped word list and the irregular forms; the word's own stem that
    much from its start. A stemming rule that breaks them must widen them."""
    from index.analysis import STEM_EXCEPTIONS, _compound_parts, fold
    from index.compounds import _shipped_lexicon
    from index.lexicon import shipped_words
    from index.stemming import _stem_lower
    from search.snippets import STEM_SLACK, _spelt

    lexicon = _shipped_lexicon()
    broken = []
    for n, word in enumerate([*shipped_words(), *STEM_EXCEPTIONS]):
        if not word.isalpha():
            continue
        folded = fold(word)
        # The word's own stem starts where the word does (a short needle is looked for at a
        # word's start only, `_AT_WORD_START`); a part's stem may start anywhere in it.
        own = fold(_stem_lower(word))
        if not folded.startswith(own[: _spelt(own)]):
            broken.append((word, own))
        stems = [own]
        if n % 4 == 0:  # a quarter of the words for the dearer compound splits
            stems += [fold(_stem_lower(part)) for part in _compound_parts(word, lexicon)]
        for s in stems:
            if s[: len(s) - STEM_SLACK] not in folded or s[: _spelt(s)] not in folded:
                broken.append((word, s))
    assert not broken, broken[:20]


@pytest.mark.parametrize(
    ("stem", "needle"),
    [
        ("esf", "esf"),  # an acronym's stem is the acronym: the whole of it
        ("mucf", "mucf"),
        ("regel", "reg"),  # "regler": an e put back
        ("sommar", "som"),  # "somrar": "ma" put back, and all but three letters
        ("kvinna", "kvinn"),  # "kvinnojour": a part's -a put back
        ("barnbok", "barnbo"),  # "barnböcker", `STEM_EXCEPTIONS`
        ("god", "go"),  # "gott"
        ("genomlysning", "genomlysn"),  # a long stem: all but three letters
    ],
)
def test_a_stem_is_looked_for_as_far_as_its_words_spell_it(stem: str, needle: str) -> None:
    """A short stem keeps a needle (`_spelt`), where all but its last three letters were none,
    and a download of an acronym's hits analysed every word of their sections."""
    from search.snippets import _needle

    assert _needle(stem) == _needle("~" + stem) == _needle(">" + stem) == needle


@pytest.mark.parametrize(
    ("words", "phrases", "scans"),
    [
        (["ESF"], ["europeiska socialfonden", "social fonden"], True),
        (["esf"], [], True),
        (["MUCF", "budget"], [], True),
        (["FK"], [], True),  # "fk" is in few words
        (["AF"], [], True),  # "af" in some more, still few
        # "st" is in too many words to look for anywhere, but its word's exact, stem and fold
        # terms start with it; its compound part's term, in few enough words.
        (["ST"], [], True),
        (["budget", "ST"], [], True),
        (["AR"], [], False),  # "ar", a part's needle anywhere, is in too many words
        (["s"], [], False),  # so is one letter
        (["budget", "AR"], [], False),
    ],
)
def test_an_acronym_is_scanned_for_unless_its_letters_are_common(
    words: list[str], phrases: list[str], scans: bool
) -> None:
    """The scan analyses the chunks that hold an acronym and those its long form's phrase
    reaches, not the rest; "utrikesfödda" holds "esf" and is analysed, but not marked."""
    from search.snippets import _NO_SCAN

    h = dataclasses.replace(Highlighter.for_words(words, phrases), memo={}, scan=True)
    assert (h._needles is not _NO_SCAN) is scans
    text = "Mötet öppnades och protokollet justerades utan anmärkning. " * 100
    text += " ".join(words) + "-projekten och utrikesfödda, Europeiska socialfonden."
    whole = Highlighter.for_words(words, phrases)
    assert h._spans(text) == whole._spans(text)
    if scans:
        assert "Mötet" not in h.memo and "utrikesfödda," not in [
            text[s:e] for s, e in h.spans(text)
        ]


def test_the_letters_the_scan_refuses_are_found_at_once() -> None:
    """`_unscannable` folds all letters in one call, where asking `_folds_to_itself` of each
    took 0.4 s of a server's first download: it refuses the same letters."""
    from search.snippets import _SCAN_FOLD, _folds_to_itself, _unscannable

    one_by_one = "".join(
        c
        for c in map(chr, range(0x80, 0x10000))
        if c.isalnum() and not _folds_to_itself.__wrapped__(c.lower().translate(_SCAN_FOLD))
    )
    refused = _unscannable()
    assert refused.pattern == f"[{re.escape(one_by_one)}\U00010000-\U0010ffff]"
    assert refused.search("æ") and refused.search("가") and not refused.search("åäöé")


def test_the_scan_finds_a_chunks_neighbours_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each search for a phrase's chunks reads the chunk of its match, which in text whose
    words no space parts (no-break spaces, line breaks) is the whole text: done once per
    chunk, not once per match (a 2.4 MB text of 160,000 matches took four times as long).
    The spans stay those of the whole text's analysis."""
    import search.snippets as snippets

    calls: list[int] = []
    real = snippets._chunks_around

    def counted(text: str, at: int, reach: int) -> list[int]:
        calls.append(at)
        return real(text, at, reach)

    monkeypatch.setattr(snippets, "_chunks_around", counted)
    whole = Highlighter.for_words([], ["budget ESF"])
    scanned = dataclasses.replace(whole, memo={}, scan=True)
    text = "budget\u00a0ESF\u00a0och\u00a0" * 200 + " budget ESF – budget\nESF"
    assert scanned._spans(text) == whole._spans(text)
    assert len(calls) == 3  # the long chunk, "budget" and "budget\nESF"


def _phrase_spans_by_position(highlighter: Highlighter, groups: list) -> list:
    """`Highlighter._phrase_spans` as it was written first, with every group filed by its
    position: the reference for the one that walks from each phrase's first word."""
    firsts = frozenset().union(*(seq[0] for seq in highlighter.phrases))
    starts = sorted({g[0] for g in groups if not firsts.isdisjoint(g[3])})
    by_pos: dict[int, list] = {}
    for group in groups:
        by_pos.setdefault(group[0], []).append(group)
    out = []
    for n, seq in enumerate(highlighter.phrases):
        for pos in starts:
            hits = []
            for i, want in enumerate(seq):
                step = [g for g in by_pos.get(pos + i, ()) if not want.isdisjoint(g[3])]
                if not step:
                    break
                hits.extend(step)
            else:
                out.append((min(g[1] for g in hits), max(g[2] for g in hits), n))
    return out


PHRASE_TEXTS = [
    "Extern genomlysning och extern extern genomlysning, externa genomlysningar.",
    "ESF-projekten och Europeiska socialfonden; europeiska\nsocialfondens ESF-projekt.",
    "Unga som varken arbetar eller studerar (UVAS): unga som varken arbetar eller studerar.",
    "Styrelsen beslutar att godkänna dagordningen. Godkänna  dagordningen igen.",
    "Inget här matchar frasen, bara ordet extern.",
]


@pytest.mark.parametrize("text", PHRASE_TEXTS)
def test_phrase_spans_are_those_of_every_position_looked_at(text: str) -> None:
    from index.analysis import analyze

    highlighter = Highlighter.for_words(
        ["ESF-projekten"],
        [
            "extern genomlysning",
            "Europeiska socialfonden",
            "unga som varken arbetar eller studerar",
            "godkänna dagordningen",
            "extern extern",
        ],
    )
    groups = analyze(text)
    keys = {f"\x00phrase{n}": n for n in range(len(highlighter.phrases))}
    got = [(a, b, keys[next(iter(k))]) for a, b, k in highlighter._phrase_spans(groups)]
    assert sorted(got) == sorted(_phrase_spans_by_position(highlighter, groups))


def test_phrase_spans_look_at_a_long_texts_words_once() -> None:
    """Filing every group of a text by its position took three lines of Python a word, as
    much as analysing the text; the phrases' first words are found in one pass."""
    from index.analysis import analyze
    from tests.conftest import python_steps

    body = "Mötet öppnades och protokollet justerades utan anmärkning av ledamöterna. " * 150
    body += "Styrelsen föreslår en extern genomlysning."
    highlighter = Highlighter.for_words([], ["extern genomlysning"])
    groups = analyze(body)
    found: list = []
    steps = python_steps(lambda: found.extend(highlighter._phrase_spans(groups)))
    assert len(found) == 1
    assert steps < 1.5 * len(groups), (steps, len(groups))


# -- pages analyse for the query's terms only (`analyze_matching`) ------------------------------

_MATCHING_QUERIES = [
    *_SCAN_QUERIES,
    (["arbetsmarknad"], ["arbets marknad"], []),  # a compound's parts written apart
    (["Arbetsförmedlingen"], [], ["utbild"]),
    (["och"], [], []),  # a stopword alone
]
_MATCHING_TEXTS = [
    _SCAN_TEXT,
    _ACRONYM_TEXT,
    "för\u00adbundsordningen och budget",  # a soft hyphen: the slow tokenizer
    "ESF-projekten, ungdoms- och civilsamhällesfrågor; budget-ESF  samverk-\nutbildning",
    "",
]


def _sample_texts(parsed_sample: dict) -> list[str]:
    """Every title, body and decision of the sample corpus, and its headers."""
    texts = list(_MATCHING_TEXTS)
    for doc in parsed_sample.values():
        texts.append(doc.header)
        for section in doc.sections:
            texts += [section.title, section.text, *(d.text for d in section.decisions)]
    return texts


def test_analyze_matching_is_analyze_without_the_other_groups(parsed_sample: dict) -> None:
    """The groups of every sample text that a query's terms or prefixes meet, with
    `analyze`'s positions and offsets: phrases are matched by their positions."""
    from index.analysis import analyze, analyze_matching

    texts = _sample_texts(parsed_sample)
    for words, phrases, prefixes in _MATCHING_QUERIES:
        h = Highlighter.for_words(words, phrases, prefixes=prefixes)
        for text in texts:
            want = [
                g
                for g in analyze(text)
                if not h._wanted.isdisjoint(g[3])
                or any(t.startswith(h._prefixes) for t in g[3] if h._prefixes)
            ]
            assert analyze_matching(text, h._wanted, h._prefixes) == want, (words, text[:80])


def test_page_snippets_are_those_of_the_whole_analysis(parsed_sample: dict) -> None:
    """The spans and snippets from the matching groups are those from all of them."""
    from index.analysis import analyze

    texts = _sample_texts(parsed_sample)
    for words, phrases, prefixes in _MATCHING_QUERIES:
        h = Highlighter.for_words(words, phrases, prefixes=prefixes)
        for text in texts:
            whole = h._spans_of(analyze(text)) if text else []
            assert h._spans(text) == whole, (words, text[:80])
            assert snippet(text, h) == _snippet_from_spans(text, whole, 240)


def test_a_page_builds_no_group_for_a_word_the_query_does_not_look_for() -> None:
    """Building a group for each word of a hit's text, only to drop it, cost as much as the
    analysis: of a long text, only the groups of its matches are built."""
    from index.analysis import analyze_matching

    h = Highlighter.for_words(["förbundsordning"], ["extern genomlysning"], prefixes=["samverk"])
    text = "Mötet öppnades och protokollet justerades utan anmärkning. " * 200
    text += "Förbundsordningen antogs efter en extern genomlysning av samverkan."
    groups = analyze_matching(text, h._wanted, h._prefixes)
    assert [text[g[1] : g[2]] for g in groups] == [
        "Förbundsordningen",
        "extern",
        "genomlysning",
        "samverkan",
    ]
    assert [text[s:e] for s, e in h.spans(text)] == [
        "Förbundsordningen",
        "extern genomlysning",
        "samverkan",
    ]
