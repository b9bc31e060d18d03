"""The search layer's comparison (`Engine.compare_cells`, `search.compare`): matches and the
sections in scope per (förbund, year), checked against the search's own counts on a real index."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from search.compare import Comparison, Count
from search.engine import Engine, SearchParams

# (query and filters, matches in all): what the comparison counts must be what the search finds.
COUNTED = [
    ({"q": "genomlysning"}, 4),
    ({"q": "ESF"}, 5),
    ({"q": "styrelsen"}, None),
    ({"q": "budget -ESF"}, None),
    ({"q": "ESF", "forbund": ["halland"]}, 2),
    ({"q": "styrelsen", "date_from": date(2024, 1, 1), "date_to": date(2024, 12, 31)}, None),
    ({"q": "styrelsen", "kind": "decision"}, None),
    ({"q": "styrelsen", "kind": "protokoll"}, None),
]
IDS = [" ".join(f"{k}={v}" for k, v in row[0].items()) for row in COUNTED]


def scope_of(params: SearchParams) -> SearchParams:
    """The same search without its words: every section its filters admit."""
    return SearchParams(
        forbund=params.forbund,
        date_from=params.date_from,
        date_to=params.date_to,
        kind=params.kind,
        limit=1,
    )


@pytest.mark.parametrize(("fields", "total"), COUNTED, ids=IDS)
def test_cells_add_up_to_the_searchs_total_and_facets(
    engine: Engine, fields: dict, total: int | None
) -> None:
    params = SearchParams(**fields, limit=1)
    counted = engine.compare_cells(params)
    found = engine.search(params)
    assert counted.counted
    assert counted.total.hits == found["total"] == (total if total is not None else found["total"])
    assert counted.total.hits > 0
    assert {slug: c.hits for slug, c in counted.per_forbund().items() if c.hits} == {
        slug: n for slug, n in found["facets"]["forbund"].items()
    }
    assert {year: c.hits for year, c in counted.per_year().items() if c.hits} == {
        year: n for year, n in found["facets"]["year"].items()
    }


@pytest.mark.parametrize(("fields", "total"), COUNTED, ids=IDS)
def test_the_denominators_are_the_sections_the_filters_admit(
    engine: Engine, fields: dict, total: int | None
) -> None:
    params = SearchParams(**fields, limit=1)
    counted = engine.compare_cells(params)
    filtered = any(fields.get(name) for name in ("forbund", "date_from", "date_to", "kind"))
    scope = engine.search(scope_of(params)) if filtered else None
    sections = scope["total"] if scope else engine.stats()["sections"]
    assert counted.total.sections == sections
    # No cell has more matches than sections, and every matching cell is in scope.
    assert set(counted.hits) <= set(counted.sections)
    assert all(count.hits <= count.sections for count in counted.cells().values())
    if scope:
        assert {slug: c.sections for slug, c in counted.per_forbund().items()} == scope["facets"][
            "forbund"
        ]


def test_without_filters_the_denominators_are_the_section_counts(engine: Engine) -> None:
    counted = engine.compare_cells(SearchParams(q="ESF"))
    sections = engine.section_counts()
    assert {slug: c.sections for slug, c in counted.per_forbund().items()} == {
        slug: count["total"] for slug, count in sections.items()
    }
    for (slug, year), n in counted.sections.items():
        assert n == sections[slug]["years"][year]


@pytest.mark.parametrize(
    ("fields", "notice"),
    [
        ({"q": ""}, None),
        ({"q": "", "forbund": ["blekinge"]}, None),
        ({"q": "-"}, None),
        (
            {"q": "", "forbund": ["finns-inte"]},
            "Inget förbund i indexet har kortnamnet ”finns-inte”",
        ),
    ],
)
def test_nothing_to_count_counts_nothing(engine: Engine, fields: dict, notice: str | None) -> None:
    counted = engine.compare_cells(SearchParams(**fields))
    assert counted == Comparison(notices=counted.notices)
    assert not counted.counted and counted.total == Count(0, 0)
    if notice:
        assert any(notice in n for n in counted.notices)


def test_a_forbund_without_documents_is_noticed_whatever_the_count(engine: Engine) -> None:
    counted = engine.compare_cells(SearchParams(q="ESF", forbund=["halland", "finns-inte"]))
    assert counted.counted and counted.total.hits == 2
    assert any("kortnamnet ”finns-inte”" in n for n in counted.notices)


@pytest.fixture(scope="module")
def loose_engine(tmp_path_factory: pytest.TempPathFactory, sample_dir: Path) -> Engine:
    """The sample corpus plus a protocol with neither förbund nor meeting date."""
    from index.ingest import ingest

    root = tmp_path_factory.mktemp("loose")
    loose = root / "loose.txt"
    loose.write_text(
        "Protokoll styrelsemöte\n\n§ 1 Om ESF-projektet\nStyrelsen diskuterar ESF-projektet.\n\n"
        "§ 2 Övrigt\nInget övrigt.\n",
        encoding="utf-8",
    )
    assert ingest([sample_dir, loose], root / "ix").added == 6
    return Engine.open(root / "ix")


@pytest.mark.parametrize(
    ("cell", "count"),
    [
        ((None, None), Count(1, 2)),  # the loose protocol: no förbund, no date
        (("halland", "2023"), Count(2, 12)),
    ],
)
def test_sections_without_forbund_or_date_have_cells_keyed_none(
    loose_engine: Engine, cell: tuple, count: Count
) -> None:
    counted = loose_engine.compare_cells(SearchParams(q="ESF"))
    assert counted.cells()[cell] == count
    assert counted.total == Count(6, loose_engine.stats()["sections"])
    assert counted.per_forbund()[None] == counted.per_year()[None] == Count(1, 2)
