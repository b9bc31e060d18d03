"""Ranking of abbreviations: what the user typed ranks above what the engine derived.

data/abbreviations.toml expands both ways ("AF" also finds "Arbetsförmedlingen", and back).
The other form still finds its sections, but scores below the same match of the typed form
(`search.compile.ABBREVIATION_WEIGHT`): a search for "arbetsförmedlingen" put a report that
only says "AF" above the sections that write the name out.
"""

from __future__ import annotations

import re

import pytest

from index.ingest import ingest
from search.compile import ABBREVIATION_WEIGHT, KIND_WEIGHT
from search.engine import Engine, SearchParams

# Two sections that differ only in how they write the name: its long form or its abbreviation.
SAME_TEXT = "Dialog med {} om insatserna för deltagarna pågår."
PAIRS = {
    1: "Arbetsförmedlingen",
    2: "AF",
    3: "Försäkringskassan",
    4: "FK",
    5: "Europeiska socialfonden",
    6: "ESF",
}


@pytest.fixture(scope="module")
def paired(tmp_path_factory: pytest.TempPathFactory) -> Engine:
    root = tmp_path_factory.mktemp("abbreviations")
    corpus = root / "corpus"
    corpus.mkdir()
    body = "\n".join(f"§ {n} Samverkan\n{SAME_TEXT.format(name)}\n" for n, name in PAIRS.items())
    text = f"Protokoll\nSamordningsförbundet i Halland\nSammanträdesdatum 2024-03-01\n\n{body}"
    (corpus / "par.txt").write_text(text, encoding="utf-8")
    summary = ingest([corpus], root / "ix")
    assert summary.ok, summary.failed
    return Engine.open(root / "ix")


def _scores(engine: Engine, q: str) -> dict[int, float]:
    return {h["number"]: h["score"] for h in engine.search(SearchParams(q=q, limit=50))["hits"]}


def test_the_other_forms_full_match_weighs_below_the_typed_stem() -> None:
    """An abbreviation's other form weighs less than the typed word's own stem match."""
    full_match = (KIND_WEIGHT["exact"] + KIND_WEIGHT["stem"]) * ABBREVIATION_WEIGHT
    assert KIND_WEIGHT["part"] < full_match < KIND_WEIGHT["stem"]


@pytest.mark.parametrize(
    ("query", "typed", "other"),
    [
        ("arbetsförmedlingen", 1, 2),
        ("Arbetsförmedlingens", 1, 2),  # the stem alone still ranks above the abbreviation
        ("arbetsformedlingen", 1, 2),  # typed without å, ä, ö: the name as written, in full
        ("AF", 2, 1),
        ("försäkringskassan", 3, 4),
        ("forsakringskassan", 3, 4),
        ("FK", 4, 3),
        ("europeiska socialfonden", 5, 6),
        ("ESF", 6, 5),
    ],
)
def test_the_typed_form_ranks_above_the_other_form(
    paired: Engine, query: str, typed: int, other: int
) -> None:
    """Two sections alike but for the name: the one that writes it as typed ranks first, and
    the other is still found."""
    scores = _scores(paired, query)
    assert {typed, other} <= set(scores), scores
    assert scores[typed] > scores[other], scores


# (query, its abbreviation's other form, the typed form in a section's text, the other form)
SAMPLE_PAIRS = [
    ("arbetsförmedlingen", "AF", r"(?i:\barbetsförmedling)", r"\bAF\b"),
    ("AF", "arbetsförmedlingen", r"\bAF\b", r"(?i:\barbetsförmedling)"),
    ("försäkringskassan", "FK", r"(?i:\bförsäkringskass)", r"\bFK\b"),
    ("FK", "försäkringskassan", r"\bFK\b", r"(?i:\bförsäkringskass)"),
    ("europeiska socialfonden", "ESF", r"(?i:\beuropeiska\s+socialfond)", r"\bESF\b"),
    ("ESF", "europeiska socialfonden", r"\bESF\b", r"(?i:\bsocialfond)"),
]


def _hits(engine: Engine, q: str) -> list[dict]:
    return engine.search(SearchParams(q=q, limit=100))["hits"]


def _text(engine: Engine, hit: dict) -> str:
    section = engine.section(hit["id"])
    return f"{section['title']}\n{section['text']}"


@pytest.mark.parametrize(("query", "other", "typed_re", "other_re"), SAMPLE_PAIRS)
def test_both_forms_are_still_found_in_the_sample(
    engine: Engine, query: str, other: str, typed_re: str, other_re: str
) -> None:
    """The discount changes the order, never what is found: a name and its abbreviation find
    the same sections, those that write either."""
    hits = _hits(engine, query)
    assert hits
    assert {h["id"] for h in hits} == {h["id"] for h in _hits(engine, other)}
    assert all(re.search(f"{typed_re}|{other_re}", _text(engine, h)) for h in hits)


# Every sample section with "europeiska socialfonden"'s words also writes "ESF": only ESF's
# long form has sections found only through the other form.
DERIVED_PAIRS = [pair for pair in SAMPLE_PAIRS if pair[0] != "ESF"]


@pytest.mark.parametrize(("query", "other", "typed_re", "other_re"), DERIVED_PAIRS)
def test_a_match_through_the_other_form_scores_below_the_same_match_typed(
    engine: Engine, query: str, other: str, typed_re: str, other_re: str
) -> None:
    """A sample section without the typed form scores, for the typed query, below what it
    scores when its own form is typed."""
    as_own = {h["id"]: h["score"] for h in _hits(engine, other)}
    derived = [h for h in _hits(engine, query) if not re.search(typed_re, _text(engine, h))]
    assert derived
    for hit in derived:
        assert hit["score"] < as_own[hit["id"]], (hit["label"], hit["source"])


@pytest.mark.parametrize(
    ("query", "typed_re", "other_re"),
    [
        (q, t, o)
        for q, _, t, o in SAMPLE_PAIRS
        if q in {"arbetsförmedlingen", "försäkringskassan", "AF", "FK"}
    ],
)
def test_sample_sections_writing_the_typed_name_rank_first(
    engine: Engine, query: str, typed_re: str, other_re: str
) -> None:
    """In the sample corpus, a report that lists "AF" and "FK" three and four times (003, § 8)
    ranked first for "arbetsförmedlingen" and second for "försäkringskassan", above sections
    that write the name out once or twice."""
    kinds = [bool(re.search(typed_re, _text(engine, h))) for h in _hits(engine, query)]
    assert True in kinds and False in kinds, kinds
    assert kinds == sorted(kinds, reverse=True), kinds  # every typed match, then the others
