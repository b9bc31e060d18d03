"""`finsok index`: bring an index up to date with files on disk, incrementally.

Files are keyed by path and compared by content hash: unchanged files are skipped, changed
files replace their old records, new files are added, and with `prune` documents whose files
are gone are removed. Work is committed in batches, so a run killed at any moment leaves the
index at its last commit and the next run picks up where it stopped. One broken file never
stops the others: it is reported with its reason and the run goes on.

This module is the run: `ingest` and its steps, and the vocabulary the index keeps. Which files
a run reads is `index.discover`; the work on one file and the processes that share it out are
`index.pipeline`.
"""

from __future__ import annotations

import os
import stat
import time
from collections import Counter
from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import tantivy

from index import settings
from index.archive import archive_provenance, source_url_problem
from index.discover import discover
from index.metadata import Registry
from index.paths import is_gone, locate, stored_path
from index.pipeline import (
    MAX_DOCUMENT_CHARS,
    MAX_SECTION_CHARS,
    Outcome,
    _Job,
    _Pipeline,
    _Worker,
    doc_id_for,
    sigint_ignored,
)
from index.rebuild import Rebuild, remove_leftovers
from index.store import (
    Store,
    delete_document,
    rekey,
    remove_index,
    save_vocabulary,
    to_tantivy,
    vocabulary_words,
)
from index.workers import Limits

Progress = Callable[[int, int, str], None]
BATCH_FILES = 1000
PARALLEL_MIN_FILES = 64


def limits_from_env() -> dict[str, int]:
    """`ingest`'s batch size, text limits and parser limits, each from its environment
    variable when it is set (FINSOK_BATCH_FILES, FINSOK_MAX_SECTION_CHARS,
    FINSOK_MAX_DOCUMENT_CHARS, FINSOK_PARSE_CPU_SECONDS, FINSOK_PARSE_MEMORY_MB), for tests
    and for an operator whose files are unusually large. A bad value is a FinsokError naming
    the variable and what it takes."""
    return {
        **settings.parser_limits(),
        "batch_files": settings.env_whole_number(
            "FINSOK_BATCH_FILES", BATCH_FILES, 1, None, f"filer per commit; standard {BATCH_FILES}"
        ),
        "max_section_chars": settings.env_whole_number(
            "FINSOK_MAX_SECTION_CHARS",
            MAX_SECTION_CHARS,
            1,
            None,
            f"tecken per sektion i indexet; standard {MAX_SECTION_CHARS}",
        ),
        "max_document_chars": settings.env_whole_number(
            "FINSOK_MAX_DOCUMENT_CHARS",
            MAX_DOCUMENT_CHARS,
            1,
            None,
            f"tecken per dokument i indexet; standard {MAX_DOCUMENT_CHARS}",
        ),
    }


@dataclass
class Summary:
    """What a run did; `failed` holds (file, reason) pairs, `notes` (path, remark) pairs,
    `kept` the failed files whose earlier document is still in the index."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    removed: int = 0
    # Documents analysed again because the analysis rules changed since they were indexed.
    reanalysed: int = 0
    # Documents still made with older rules after a run that analysed the index again: their
    # files failed or were gone (`ingest`); the next run reads them again.
    behind: int = 0
    sections: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)
    # (path, remark) pairs worth telling that are not failures, e.g. a folder with nothing to read.
    notes: list[tuple[str, str]] = field(default_factory=list)
    # Failed files (as in `failed`) indexed by an earlier run, whose document stays searchable
    # as it was: a truncated download or an emptied file must not wipe a good document. Their
    # reasons in `failed` say so and how to remove it (`KEPT`).
    kept: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def ingest(
    paths: Iterable[Path | str],
    index_dir: Path,
    *,
    rebuild: bool = False,
    prune: bool = False,
    forget: Collection[Path] = (),
    progress: Progress | None = None,
    registry: Registry | None = None,
    provenance: Callable[[Path], dict] | None = None,
    batch_files: int = BATCH_FILES,
    workers: int | None = None,
    max_section_chars: int = MAX_SECTION_CHARS,
    max_document_chars: int = MAX_DOCUMENT_CHARS,
    parse_cpu_seconds: int = settings.PARSE_CPU_SECONDS,
    parse_memory_mb: int = settings.PARSE_MEMORY_MB,
) -> Summary:
    """Index the files under `paths` into `index_dir`; returns what was done.

    `provenance` may give, per file, `source_url` and `fetched_at` (the crawler's record).
    `forget` names files taken away on purpose (a crawl's landing pages): their documents are
    removed as `prune` would remove them, and no other.
    Every `batch_files` files are committed together. With `workers` > 1 (default: one per
    core, at most four) and enough files to repay the start-up, reading and parsing run in
    `workers` processes and analysis in one more (see `index.pipeline`); the writer stays in
    this process, the only one that may hold it. Each parser process may spend
    `parse_cpu_seconds` of CPU on a file and use `parse_memory_mb` of memory: a file that
    needs more, or whose parser dies, fails alone (`index.workers`).
    """
    started = time.perf_counter()
    summary = Summary()
    files = discover(paths, summary)
    provenance = provenance or archive_provenance()
    rebuilding = Rebuild.begin(index_dir) if rebuild else None
    try:
        store, writer = _open_for_writing(index_dir, rebuilding)
    except BaseException:
        if rebuilding is not None:
            rebuilding.abandon()
        raise
    pipeline = None
    try:
        known = store.documents()
        stale_ids = store.stale_documents()
        stale = _stale(known, stale_ids)
        # Also when the documents left behind are gone from the index: then it is current.
        # And always under older rules (`stale_ids` None), even with no document to read
        # again: an empty index made so (a source's folder before its first crawl) was never
        # marked current, so its new documents, made with these rules, were said to be stale,
        # and the next run read every one of them again.
        reanalyse = stale_ids is None or bool(stale_ids)
        if reanalyse:
            files += _to_reanalyse(stale, files)
        # Every word of the documents committed so far, with in how many it occurs: kept in
        # the index (`save_vocabulary`) and committed with the documents it counts.
        vocabulary = store.vocabulary()
        files += _mask_known_paths(known, files, store, writer, vocabulary, summary)
        limits = (max_section_chars, max_document_chars)
        taken = {record["doc_id"] for record in known.values()}
        jobs = [_job(path, known, provenance, taken, stale=stale, limits=limits) for path in files]
        moves = _Moves(known, {job.stored for job in jobs})
        parser_limits = Limits(parse_cpu_seconds, parse_memory_mb)
        outcomes, pipeline = _start(jobs, workers, registry, vocabulary, parser_limits)
        written: set[str] = set()
        learned = _write(
            outcomes,
            len(jobs),
            store,
            writer,
            vocabulary,
            summary,
            batch_files,
            progress,
            moves,
            written,
        )
        pruned: set[str] = set()
        if prune or forget:
            only = None if prune else {stored_path(str(Path(p).resolve())) for p in forget}
            pruned = _prune(known, store, writer, vocabulary, summary, only)
            learned = bool(pruned) or learned
        _say_kept(summary, jobs, pruned)
        _commit_batch(store, writer, vocabulary, learned=learned)
        if reanalyse:
            behind = _left_behind(stale, known, pruned, written)
            summary.reanalysed = len({record["doc_id"] for record in stale.values()} & written)
            summary.behind = len(behind)
            store.mark_analysis_current(behind)
        # Indexes from before the vocabulary moved into the index kept it in this file.
        (store.path / "vocabulary.tsv").unlink(missing_ok=True)
    except BaseException:
        with sigint_ignored():  # an impatient second Ctrl+C must not cut the stopping short
            writer.rollback()
            _close(writer, pipeline)
            if rebuilding is not None:
                rebuilding.abandon()
        raise
    _close(writer, pipeline)
    if rebuilding is not None:
        rebuilding.finish()
    else:
        store.reload()
    summary.seconds = time.perf_counter() - started
    return summary


# --- the steps of a run, in the order `ingest` takes them ---------------------------------


def _open_for_writing(
    index_dir: Path, rebuilding: Rebuild | None
) -> tuple[Store, tantivy.IndexWriter]:
    """The store and its one writer, taken before any work: a new index beside the old one
    when rebuilding (`index.rebuild`), else the index itself. A rebuild that cannot build
    beside empties the index, only while holding the writer lock, so it never pulls an index
    from under a running indexer: it gets the same 'busy' message as a second indexer."""
    if rebuilding is not None and rebuilding.beside:
        store = Store.open(rebuilding.folder, create=True)
        return store, store.writer()
    claim = remove_index(index_dir) if rebuilding is not None else None
    try:
        store = Store.open(index_dir, create=True)
    finally:
        if claim is not None:
            claim.release()
    writer = store.writer()
    # Holding the index's writer lock, as every rebuild does until its sibling is gone.
    remove_leftovers(Path(os.path.realpath(index_dir)))
    return store, writer


def _close(writer: tantivy.IndexWriter, pipeline: _Pipeline | None) -> None:
    """Stop the pipeline's processes and let the writer finish its merges and go."""
    if pipeline is not None:
        pipeline.close()
    writer.wait_merging_threads()


def _stale(known: dict[str, dict], stale_ids: set[str] | None) -> dict[str, dict]:
    """The indexed documents made with older rules, by stored path: every one when the
    index's rules are another's (`stale_ids` None), else those an earlier run left behind."""
    if stale_ids is None:
        return dict(known)
    return {key: record for key, record in known.items() if record["doc_id"] in stale_ids}


def _to_reanalyse(stale: dict[str, dict], files: list[Path]) -> list[Path]:
    """The files of the `stale` documents still on disk that are not among `files`. Terms
    made with other analysis rules would no longer match what queries look for: every such
    file is read again, also those outside the paths given."""
    listed = {stored_path(str(path)) for path in files}
    found = (locate(key) for key in stale if key not in listed)
    return [path.resolve() for path in found if path is not None and _is_file(path)]


def _left_behind(
    stale: dict[str, dict], known: dict[str, dict], pruned: set[str], written: set[str]
) -> set[str]:
    """The ids of the `stale` documents still in the index and not `written` anew by this
    run: their files failed (a failure keeps the old document, on purpose) or were gone.
    They keep their old terms, so the index is not marked current for them: marked so as a
    whole, it said every document was made with the new rules, and no later run read them
    again. `known` has lost what the run deleted on its way (`_mask_known_paths`)."""
    return {
        record["doc_id"]
        for key, record in stale.items()
        if key in known and key not in pruned and record["doc_id"] not in written
    }


def _mask_known_paths(
    known: dict[str, dict],
    files: list[Path],
    store: Store,
    writer: tantivy.IndexWriter,
    vocabulary: Counter[str],
    summary: Summary,
) -> list[Path]:
    """Indexes made before paths were kept masked (parser version 11) may hold a path with an
    identity number. Its record is deleted and forgotten whatever becomes of the file, and the
    file is returned to be indexed again as a new one (if not among `files` already), or counted
    as removed when it is certainly gone."""
    again: list[Path] = []
    for key in [key for key in known if stored_path(key) != key]:
        record = known.pop(key)
        _uncount(vocabulary, store, record["doc_id"])
        delete_document(writer, record["doc_id"])
        if is_gone(key):
            summary.removed += 1
        elif Path(key) not in files:
            again.append(Path(key))
    return again


def _job(
    path: Path,
    known: dict[str, dict],
    provenance: Callable[[Path], dict] | None,
    taken: set[str] | None = None,
    *,
    stale: Collection[str] = (),
    limits: tuple[int, int] = (MAX_SECTION_CHARS, MAX_DOCUMENT_CHARS),
) -> _Job:
    """The work on one file. An indexed file keeps its document's id; a new one gets one
    that no document has (`taken`, to which it is added). A file whose document is `stale`
    (stored paths made with older rules) is read again even when unchanged."""
    stored = stored_path(str(path))
    record = known.get(stored)
    extra = provenance(path) if provenance else {}
    if record and not extra:  # keep where an indexed file came from (the crawler's record)
        extra = {key: record[key] for key in ("source_url", "fetched_at") if record.get(key)}
        if source_url_problem(extra.get("source_url")):  # indexed before URLs were checked
            extra.pop("source_url")
    if record:
        doc_id = record["doc_id"]
    else:
        doc_id = doc_id_for(stored, taken or ())
        if taken is not None:
            taken.add(doc_id)
    sha256 = record["sha256"] if record else None
    return _Job(str(path), stored, sha256, extra, stored in stale, *limits, doc_id=doc_id)


class _Moves:
    """The documents a new file may be the moved file of: indexed ones not among this run's
    files, by content hash. A new file whose content is that of a document whose file is
    certainly gone is that file moved: it keeps the document's id (links to the document
    stay valid) and the document its new path. A copy (both files there) is a new document.
    """

    def __init__(self, known: dict[str, dict], listed: set[str]) -> None:
        self._known = known
        self._by_content: dict[str, list[str]] = {}
        for stored, record in known.items():
            if stored not in listed:
                self._by_content.setdefault(record["sha256"], []).append(stored)

    def take(self, sha256: str) -> dict | None:
        """The record of the document whose file moved to a new file with this content, if
        any; it is forgotten (`prune` must not remove it after its file moved)."""
        candidates = self._by_content.get(sha256)
        if not candidates:  # nearly always: one dict lookup per new file
            return None
        for stored in candidates:
            if is_gone(stored):
                candidates.remove(stored)
                return self._known.pop(stored)
        return None


def _start(
    jobs: list[_Job],
    workers: int | None,
    registry: Registry | None,
    vocabulary: Counter[str],
    limits: Limits | None = None,
) -> tuple[Iterable[Outcome], _Pipeline | None]:
    """The outcomes of `jobs` as they will come, in their order, and the pipeline to close if
    the work runs in processes: with `workers` > 1 and at least `PARALLEL_MIN_FILES` files,
    else in this process (where the parser `limits` do not apply)."""
    workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
    if workers > 1 and len(jobs) >= PARALLEL_MIN_FILES:
        pipeline = _Pipeline(workers, vocabulary, limits)
        return pipeline.run(jobs), pipeline
    return map(_Worker(registry, vocabulary).handle, jobs), None


def _write(
    outcomes: Iterable[Outcome],
    total: int,
    store: Store,
    writer: tantivy.IndexWriter,
    vocabulary: Counter[str],
    summary: Summary,
    batch_files: int,
    progress: Progress | None,
    moves: _Moves | None = None,
    written: set[str] | None = None,
) -> bool:
    """Write the outcomes into the index as they arrive, committing every `batch_files` files
    and after the last; True if the vocabulary has changed since it was last saved. The ids
    of the documents written go into `written`."""
    learned = False
    for done, outcome in enumerate(outcomes, start=1):
        if outcome.status == "added" and moves is not None:
            _moved(outcome, moves)
        if outcome.status == "updated":
            _uncount(vocabulary, store, outcome.doc_id)
        if _apply(outcome, writer, summary):
            vocabulary.update(outcome.vocabulary.split())
            learned = True
            if written is not None:
                written.add(outcome.doc_id)
        if done % batch_files == 0 or done == total:
            _commit_batch(store, writer, vocabulary, learned=learned)
            learned = False
        if progress:  # per file, as outcomes arrive: a run of 500 files shows progress too
            progress(done, total, outcome.path)
    return learned


def _moved(outcome: Outcome, moves: _Moves) -> None:
    """A new file that is an indexed document's file moved (`_Moves`) becomes that
    document's update: same id, new path."""
    record = moves.take(outcome.sha256)
    if record is not None:
        rekey(outcome.records, record["doc_id"])
        outcome.doc_id = record["doc_id"]
        outcome.status = "updated"


def _apply(outcome: Outcome, writer, summary: Summary) -> bool:
    """Write one file's outcome into the index and the summary; True if it wrote a document."""
    if outcome.status == "skipped":
        summary.skipped += 1
        return False
    if outcome.status == "failed":
        summary.failed.append((outcome.path, outcome.reason))
        return False
    if outcome.note:
        summary.notes.append((outcome.path, outcome.note))
    if outcome.status == "updated":
        delete_document(writer, outcome.doc_id)
        summary.updated += 1
    else:
        summary.added += 1
    for encoded in outcome.records:
        writer.add_document(to_tantivy(encoded))
    summary.sections += outcome.sections
    summary.bytes += outcome.size
    return True


def _commit_batch(
    store: Store, writer: tantivy.IndexWriter, vocabulary: Counter[str], *, learned: bool
) -> None:
    """Commit what was written, with the vocabulary if it has changed (`learned`), so the
    vocabulary is always committed together with the documents it counts; then let readers
    see the commit."""
    if learned:
        save_vocabulary(writer, vocabulary)
    writer.commit()
    store.share()


def _prune(
    known: dict[str, dict],
    store: Store,
    writer: tantivy.IndexWriter,
    vocabulary: Counter[str],
    summary: Summary,
    only: set[str] | None = None,
) -> set[str]:
    """Remove the documents whose files are certainly gone (of the stored paths `only`, when
    given); the stored paths of those removed (if any, the vocabulary has changed)."""
    removed: set[str] = set()
    for path, record in known.items():
        if (only is None or path in only) and is_gone(path):
            _uncount(vocabulary, store, record["doc_id"])
            delete_document(writer, record["doc_id"])
            summary.removed += 1
            removed.add(path)
    return removed


# What a failed file's reason adds when its earlier document stays in the index.
KEPT = "den tidigare indexerade versionen finns kvar och är sökbar"
_KEPT_HOW = "ta bort filen och indexera med --prune om den ska bort ur indexet"
_KEPT_HOW_GONE = "indexera med --prune om den ska bort ur indexet"


def _say_kept(summary: Summary, jobs: list[_Job], pruned: set[str]) -> None:
    """Say of each failed file that was indexed before that its document stays as it was:
    a failure leaves the document alone, on purpose (a bad download must not wipe a good
    document), and `--prune` keeps it while the file is there, so a user who reads only
    "misslyckad" would think it gone, or wonder why it is still found. The reason says how
    to remove it; the file is listed in `Summary.kept`. A document pruned in this same run
    (its file vanished during it) is not kept and gets no such words."""
    indexed = {job.path: job.stored for job in jobs if job.known_sha256 is not None}
    for n, (path, reason) in enumerate(summary.failed):
        stored = indexed.get(path)
        if stored is None or stored in pruned:
            continue
        how = _KEPT_HOW_GONE if is_gone(stored) else _KEPT_HOW
        summary.failed[n] = (path, f"{reason}; {KEPT} ({how})")
        summary.kept.append(path)


# --- helpers of the steps -----------------------------------------------------------------


def _is_file(path: Path) -> bool:
    """`Path.is_file` that answers False instead of raising for a folder it may not read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _uncount(vocabulary: Counter[str], store: Store, doc_id: str) -> None:
    """Take back the words of a document that is being replaced or removed, as committed, so
    the vocabulary counts the documents in the index and not every version ever indexed: a
    typo in a file edited twice must not become a compound part. (The lexicon of a run in
    progress keeps what it has learned; the next run starts from these counts.)"""
    words = vocabulary_words(store.section_texts(doc_id))
    vocabulary.subtract(words)
    for word in words:
        if vocabulary[word] <= 0:
            del vocabulary[word]
