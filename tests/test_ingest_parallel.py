"""The parallel indexer: parsing in worker processes, one analyser, outcomes in file order.

These tests start real worker processes on a generated corpus large enough to take the
parallel path, and compare what they produce with what one process produces.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from bench.generate import generate
from index.discover import discover
from index.ingest import PARALLEL_MIN_FILES, Summary, _job, ingest
from index.pipeline import Outcome, _Pipeline, _Worker
from index.store import Store
from tests.pdfgen import make_truncated_pdf

DOCS = PARALLEL_MIN_FILES + 16


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A generated corpus of DOCS protocols plus one broken PDF."""
    folder = tmp_path_factory.mktemp("generated")
    generate(folder, docs=DOCS, seed=7, workers=1)
    make_truncated_pdf(folder / "trasig.pdf")
    return folder


def _comparable(outcome: Outcome) -> tuple:
    """What must not depend on scheduling: the status and every record's search terms."""
    return (
        outcome.path,
        outcome.status,
        outcome.reason,
        [(r.ident, r.terms) for r in outcome.records],
    )


def test_pipeline_gives_what_one_process_gives(generated: Path) -> None:
    jobs = [_job(path, {}, None) for path in discover([generated], Summary())]
    assert len(jobs) == DOCS + 1
    sequential = [_comparable(outcome) for outcome in map(_Worker().handle, jobs)]
    pipeline = _Pipeline(2)
    try:
        parallel = [_comparable(outcome) for outcome in pipeline.run(jobs)]
    finally:
        pipeline.close()
    assert parallel == sequential
    # The corpus teaches the lexicon: some terms are compound parts ("f_body_part").
    assert any(
        field == "f_body_part"
        for *_, records in parallel
        for _, terms in records
        for field, _ in terms
    )


def test_pipeline_stops_halfway(generated: Path) -> None:
    jobs = [_job(path, {}, None) for path in discover([generated], Summary())]
    pipeline = _Pipeline(2)
    outcomes = pipeline.run(jobs)
    first = next(outcomes)
    started = time.monotonic()
    pipeline.close()
    assert first.path == jobs[0].path
    assert time.monotonic() - started < 30  # closing must not wait for the remaining files


def test_parallel_ingest_indexes_everything_but_the_broken_file(
    generated: Path, tmp_path: Path
) -> None:
    summary = ingest([generated], tmp_path / "ix", workers=2)
    assert summary.added == DOCS
    assert [Path(path).name for path, _ in summary.failed] == ["trasig.pdf"]
    assert summary.sections > DOCS
    documents = Store.open(tmp_path / "ix").documents()
    assert len(documents) == DOCS
