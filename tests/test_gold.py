"""The sample corpus parses as ../shared/gold/seeds.json (copied to tests/data) says."""

from __future__ import annotations

import json

import pytest

from tests.conftest import SAMPLE_DIR, TEST_DATA

GOLD = json.loads((TEST_DATA / "gold_seeds.json").read_text(encoding="utf-8"))
FILES = sorted(GOLD)


def test_gold_covers_every_sample_file() -> None:
    assert sorted(p.name for p in SAMPLE_DIR.iterdir()) == FILES


@pytest.mark.parametrize("name", FILES)
def test_metadata(parsed_sample, name: str) -> None:
    doc, want = parsed_sample[name], GOLD[name]
    assert doc.forbund_slug == want["forbund_slug"]
    assert doc.kind == want["kind"]
    if "date" in want:
        assert doc.date == want["date"]
    if "year" in want:
        assert doc.date is not None and doc.date.startswith(str(want["year"]))


@pytest.mark.parametrize("name", FILES)
def test_sections_in_order(parsed_sample, name: str) -> None:
    got = [(s.number, s.title) for s in parsed_sample[name].sections]
    want = GOLD[name]["sections"]
    assert [n for n, _ in got] == [w["number"] for w in want]
    for (_number, title), w in zip(got, want, strict=True):
        assert title.startswith(w["title_starts_with"]), (title, w)


def _decisions_of(doc, number: int) -> list[str]:
    return [d.text for s in doc.sections if s.number == number for d in s.decisions]


@pytest.mark.parametrize(
    ("name", "expect"),
    [(name, d) for name in FILES for d in GOLD[name].get("decisions", [])],
    ids=lambda v: v if isinstance(v, str) else f"§{v['section']}:{v['contains'][:20]}",
)
def test_decision_in_its_section(parsed_sample, name: str, expect: dict) -> None:
    texts = _decisions_of(parsed_sample[name], expect["section"])
    assert any(expect["contains"] in " ".join(t.split()) for t in texts), texts


@pytest.mark.parametrize(
    ("name", "expect"),
    [(name, d) for name in FILES for d in GOLD[name].get("not_decisions", [])],
    ids=lambda v: v if isinstance(v, str) else f"§{v['section']}:{v['contains'][:20]}",
)
def test_proposal_is_not_a_decision(parsed_sample, name: str, expect: dict) -> None:
    doc = parsed_sample[name]
    texts = _decisions_of(doc, expect["section"])
    assert not any(expect["contains"] in " ".join(t.split()) for t in texts)
    section_text = " ".join(
        " ".join(s.text.split()) for s in doc.sections if s.number == expect["section"]
    )
    assert expect["contains"] in section_text  # the proposal stays in the section text


@pytest.mark.parametrize("name", [n for n in FILES if "decision_ids" in GOLD[n]])
def test_decision_ids(parsed_sample, name: str) -> None:
    ids = [d.id for s in parsed_sample[name].sections for d in s.decisions if d.id]
    assert ids == GOLD[name]["decision_ids"]


@pytest.mark.parametrize(
    ("name", "needle"),
    [(name, s) for name in FILES for s in GOLD[name].get("must_not_appear", [])],
)
def test_must_not_appear(parsed_sample, name: str, needle: str) -> None:
    doc = parsed_sample[name]
    dumped = json.dumps(doc.to_dict(), ensure_ascii=False) + doc.header
    assert needle not in dumped
