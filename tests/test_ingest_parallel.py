"""The parallel indexer: parsing in worker processes, one analyser, outcomes in file order.

These tests start real worker processes on a generated corpus large enough to take the
parallel path, and compare what they produce with what one process produces.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import threading
import time
from pathlib import Path

import pytest

from bench.generate import generate
from index import pipeline as pipeline_module
from index.discover import discover
from index.ingest import PARALLEL_MIN_FILES, Summary, _job, ingest
from index.pipeline import Outcome, _analyse_all, _Pipeline, _Worker
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


def test_the_analyser_keeps_what_it_has_learned_out_of_the_collectors_sight(
    generated: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The analyser's lexicon and memos only grow; every full collection of the garbage
    collector walked all of them again (some 30 times in a run of 10,000 files), so the
    analyser takes them out of its sight between tasks. What a task makes is still freed."""
    worker = _Worker()
    monkeypatch.setattr(pipeline_module, "_STATE", worker)
    jobs = [_job(path, {}, None) for path in discover([generated], Summary())][:4]
    tasks = [pickle.dumps([worker.parse(job)]) for job in jobs]
    gc.unfreeze()
    try:
        analysed = [_analyse_all(task) for task in tasks]
        assert all(outcome.records[-1].terms for (outcome,) in analysed)
        learned = worker.lexicon.cache["analysis"][0]  # the words' memo, made by the first task
        assert learned and gc.is_tracked(learned)
        assert all(learned is not tracked for tracked in gc.get_objects())
    finally:
        gc.unfreeze()


def test_an_analysis_task_leaves_no_cycles_for_the_next_freeze_to_keep(generated: Path) -> None:
    """The analyser freezes all it holds before each task (`_analyse_all`): garbage left in
    reference cycles by the task before, not yet collected, would be frozen with it and never
    freed for the rest of the run. Analysing a file leaves none (a word split left one)."""
    worker = _Worker()
    parsed = [worker.parse(job) for job in _jobs(generated)[:6]]
    gc.collect()
    gc.disable()
    try:
        for outcome in parsed:
            assert worker.analyse(outcome).records
            assert gc.collect() == 0, outcome.path
    finally:
        gc.enable()


def _jobs(folder: Path) -> list:
    return [_job(path, {}, None) for path in discover([folder], Summary())]


def test_pipeline_stops_halfway(generated: Path) -> None:
    jobs = [_job(path, {}, None) for path in discover([generated], Summary())]
    pipeline = _Pipeline(2)
    outcomes = pipeline.run(jobs)
    first = next(outcomes)
    started = time.monotonic()
    pipeline.close()
    assert first.path == jobs[0].path
    assert time.monotonic() - started < 30  # closing must not wait for the remaining files


def test_pipeline_stops_when_its_workers_were_killed(generated: Path) -> None:
    """A worker stopped while it sent a result kept the lock of the queue a
    `multiprocessing.Pool` shares between its workers, and `Pool.terminate()` then waited
    forever: an indexer stopped with Ctrl+C or SIGTERM now and then never ended (seen with
    py-spy). Each worker now has pipes of its own (`index.workers.Child`): killed at any
    moment, also while sending, it leaves nothing that stopping the pipeline waits for."""
    pipeline = _Pipeline(2)
    outcomes = pipeline.run(_jobs(generated))
    next(outcomes)
    for child in [pipeline._analyser, *pipeline._parsers]:
        os.kill(child.process.pid, signal.SIGKILL)
    closing = threading.Thread(target=pipeline.close, daemon=True)
    closing.start()
    closing.join(120)  # with a pool's shared lock held, forever
    assert not closing.is_alive()


def test_parallel_ingest_indexes_everything_but_the_broken_file(
    generated: Path, tmp_path: Path
) -> None:
    summary = ingest([generated], tmp_path / "ix", workers=2)
    assert summary.added == DOCS
    assert [Path(path).name for path, _ in summary.failed] == ["trasig.pdf"]
    assert summary.sections > DOCS
    documents = Store.open(tmp_path / "ix").documents()
    assert len(documents) == DOCS
