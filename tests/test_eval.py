"""Ranking quality: nDCG@10 over a hand-judged query set (tests/data/judgments.json).

The judgments were made by reading the six test documents (data/sample/*.txt and
tests/data/protocol.html), not by looking at what the engine returns: 3 = the section is about
the query, 2 = it substantially discusses it, 1 = it mentions it; unjudged sections count as 0.
A section is named by its file name and anchor ("p47", "m8", "p10-2"), which stay stable when
doc ids change.

    DCG@10  = sum over ranks r = 1..10 of (2**grade - 1) / log2(r + 1)
    nDCG@10 = DCG@10 / DCG@10 of the ideal ordering of the judged grades

Run `pytest tests/test_eval.py -q -s` to see the per-query table (it is also in the message of
any failing assertion).
"""

from __future__ import annotations

import json
import math

import pytest

from search.engine import SearchParams
from tests.conftest import TEST_DATA

K = 10
# Mean nDCG@10 last measured (57 queries, 2026-11-25, once nouns in -are stopped finding
# their verb: "typ:beslut justerare" no longer finds decisions that only "justera" the
# protocol, 1.000 -> 0.723; it was 0.9121 before). The threshold leaves a small margin for harmless
# reorderings; a drop below it is a ranking regression. Raise both when the ranking
# improves; never set the threshold below 0.70.
MEASURED = 0.9072
MIN_MEAN_NDCG = 0.88

JUDGMENTS = json.loads((TEST_DATA / "judgments.json").read_text(encoding="utf-8"))["queries"]
GRADES = {
    item["q"]: {(r["source"], r["anchor"]): r["grade"] for r in item["relevant"]}
    for item in JUDGMENTS
}


def dcg(gains: list[int]) -> float:
    return sum((2**g - 1) / math.log2(rank + 1) for rank, g in enumerate(gains[:K], start=1))


def ndcg(ranked: list[tuple[str, str]], grades: dict[tuple[str, str], int]) -> float:
    ideal = dcg(sorted(grades.values(), reverse=True))
    if ideal == 0:
        return 0.0
    return dcg([grades.get(key, 0) for key in ranked[:K]]) / ideal


def _key(hit: dict) -> tuple[str, str]:
    prefix = hit["doc_id"] + "-"
    assert hit["id"].startswith(prefix), hit["id"]
    return hit["source"], hit["id"][len(prefix) :]


def _ranked(engine, q: str) -> list[tuple[str, str]]:
    return [_key(h) for h in engine.search(SearchParams(q=q, limit=K))["hits"]]


@pytest.fixture(scope="module")
def results(engine) -> list[tuple[str, float, list[tuple[str, str]]]]:
    """(query, nDCG@10, ranked (source, anchor) keys) for every judged query."""
    out = []
    for item in JUDGMENTS:
        ranked = _ranked(engine, item["q"])
        out.append((item["q"], ndcg(ranked, GRADES[item["q"]]), ranked))
    return out


def _short(source: str) -> str:
    return source.split("_")[0] if source[:3].isdigit() else source


def table(results, only: set[str] | None = None) -> str:
    """One line per query: score, what came back (with grades) and what was judged."""
    lines = [f"{'nDCG':>6}  query  ->  returned [grade]  |  judged"]
    for q, score, ranked in sorted(results, key=lambda r: r[1]):
        if only is not None and q not in only:
            continue
        grades = GRADES[q]
        got = " ".join(f"{_short(s)}:{a}[{grades.get((s, a), 0)}]" for s, a in ranked) or "-"
        want = " ".join(
            f"{_short(s)}:{a}={g}" for (s, a), g in sorted(grades.items(), key=lambda kv: -kv[1])
        )
        lines.append(f"{score:6.3f}  {q!r}  ->  {got}  |  {want}")
    return "\n".join(lines)


# --- the metric itself ----------------------------------------------------------------------


def test_ndcg_arithmetic() -> None:
    grades = {("a", "p1"): 3, ("a", "p2"): 1}
    assert ndcg([("a", "p1"), ("a", "p2")], grades) == pytest.approx(1.0)
    assert ndcg([("b", "x")], grades) == 0.0
    swapped = (1 + 7 / math.log2(3)) / (7 + 1 / math.log2(3))
    assert ndcg([("a", "p2"), ("a", "p1")], grades) == pytest.approx(swapped)
    # Only the top K count.
    assert ndcg([("b", str(i)) for i in range(K)] + [("a", "p1")], grades) == 0.0


# --- the judgments file ---------------------------------------------------------------------


@pytest.fixture(scope="module")
def index_sections(engine) -> set[tuple[str, str]]:
    """Every (source file name, anchor) in the test index."""
    keys = set()
    for record in engine.store.documents().values():
        for section in engine.document(record["doc_id"])["sections_list"]:
            keys.add((section["source"], section["anchor"]))
    return keys


def test_judgments_well_formed(index_sections) -> None:
    assert len(JUDGMENTS) >= 30
    queries = [item["q"] for item in JUDGMENTS]
    assert len(set(queries)) == len(queries), "duplicate queries"
    problems = []
    for item in JUDGMENTS:
        assert set(item) <= {"q", "note", "relevant"}, item
        assert item["q"].strip() and item["note"].strip(), item
        keys = [(r["source"], r["anchor"]) for r in item["relevant"]]
        if len(set(keys)) != len(keys):
            problems.append(f"{item['q']!r}: a section is judged twice")
        if not any(r.get("grade") in (2, 3) for r in item["relevant"]):
            problems.append(f"{item['q']!r}: nothing graded 2 or 3")
        for r in item["relevant"]:
            if set(r) != {"source", "anchor", "grade"} or r["grade"] not in (1, 2, 3):
                problems.append(f"{item['q']!r}: bad entry {r}")
            elif (r["source"], r["anchor"]) not in index_sections:
                problems.append(f"{item['q']!r}: no section {r['source']}#{r['anchor']}")
    assert not problems, "\n".join(problems)


def test_index_is_the_judged_corpus(index_sections) -> None:
    assert len(index_sections) == 63
    sources = {s for s, _ in index_sections}
    judged = {r["source"] for item in JUDGMENTS for r in item["relevant"]}
    assert judged == sources, sources ^ judged


# --- ranking quality ------------------------------------------------------------------------


def test_mean_ndcg(results) -> None:
    mean = sum(score for _, score, _ in results) / len(results)
    print(f"\nmean nDCG@{K} over {len(results)} queries: {mean:.4f}\n{table(results)}")
    assert mean >= MIN_MEAN_NDCG, (
        f"mean nDCG@{K} {mean:.4f} < {MIN_MEAN_NDCG} (measured {MEASURED})\n{table(results)}"
    )


def test_every_query_finds_something_relevant(results) -> None:
    failing = {q for q, score, _ in results if score <= 0}
    assert not failing, f"no judged section in the top {K}:\n{table(results, failing)}"
