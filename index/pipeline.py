"""The work on one file, and the processes that share it out in a large run.

    files ─▶ N parser processes ─▶ 1 analyser process ─▶ the writer, in the calling process
             (`_parse_all`: read,    (`_analyse_all`:       (`index.ingest`: write the
              hash, parse, cut,       learn the vocabulary,  records, commit in batches)
              stored payloads)        fill in search terms)

A file goes through the two steps of `_Worker`: `parse` and `analyse`. With few files both run
in the calling process (`index.ingest.PARALLEL_MIN_FILES`); otherwise `_Pipeline` runs them in
processes and hands back the outcomes in file order.

Why one analyser: the lexicon learns compound parts from the documents it has seen, so with one
analyser every run learns them in the same order and the index does not depend on how files
happened to be shared out. Each analysing process also pays a warm-up (every new word is stemmed
and decompounded once), which several would pay several times over. Parsing needs no shared
state and spreads over the other processes: one per core, since neither the analyser nor the
writer keeps a core busy all the time.

Why bytes: files move from parsers to the analyser through the calling process (`Pool.imap`
feeding `Pool.imap`). Parsed files are pickled in the parser: the calling process only passes
them on to the analyser, and bytes cross it without being unpickled and pickled again.

Why bounded: at most `_IN_FLIGHT` tasks of `_TASK_FILES` files are between reading and writing
at any moment, which bounds memory when parsing runs ahead of analysis, whatever the size of the
corpus.

The pools use the spawn context, so what a worker runs (`_init_worker`, `_parse_all`,
`_analyse_all`) must stay a top-level function of this module, importable by the new process.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import hashlib
import itertools
import multiprocessing
import multiprocessing.pool
import os
import pickle
import signal
import threading
from collections import Counter
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import IMapIterator
from pathlib import Path

from index.discover import BAD_NAME, VANISHED, is_utf8_name
from index.errors import FinsokError, SourceError, counted, grouped
from index.lexicon import Lexicon
from index.metadata import Registry
from index.model import Decision, Document, Section
from index.parse import parse_source
from index.sources import NO_SUCH_FILE, read_bytes, read_source
from index.store import (
    LEARN_AT,
    Encoded,
    add_terms,
    describe,
    learned_lexicon,
    vocabulary_words,
    zone_texts,
)

# A section longer than this is cut for indexing (`FINSOK_MAX_SECTION_CHARS`): the longest
# paragraphs of real protocols are a few thousand characters, while one 50 MB line made every
# query that hit it take a minute (its snippet and stored text are read whole).
MAX_SECTION_CHARS = 200_000
# A document longer than this is cut (`FINSOK_MAX_DOCUMENT_CHARS`): the longest real reports
# run to a few hundred thousand characters, while a 22 MB text file made its document page
# 93 MB of JSON and a gigabyte of memory to mark a query in.
MAX_DOCUMENT_CHARS = 2_000_000
_TASK_FILES = 16  # files per task handed to a worker: fewer, larger messages to unpickle
# Tasks between reading and writing at any moment (see "Why bounded" above).
_IN_FLIGHT = 32


def doc_id_for(path: Path | str, taken: Container[str] = ()) -> str:
    """The id of a new document: made of its file's path as the index keeps it
    (`index.paths.stored_path`), so that no id is a hash of an identity number, and kept for
    as long as the document is indexed, also when its file moves (`index.ingest` gives a
    moved file its document's id). So a path's id may be `taken` by a document whose file
    was moved away from it; a new file there then gets the path's second id, and so on.

    `path` must be resolved (absolute, no symlinks), as `discover` gives it: resolving again
    here would cost a system call per path component for every file of a run.
    """
    # A name that is not UTF-8 is hashed as its bytes: its file fails (`BAD_NAME`) anyway.
    ident = hashlib.sha1(str(path).encode("utf-8", "surrogatepass")).hexdigest()[:16]
    again = 1
    while ident in taken:
        again += 1
        ident = hashlib.sha1(f"{path}\0{again}".encode("utf-8", "surrogatepass")).hexdigest()
        ident = ident[:16]
    return ident


# --- the work on one file, in a worker process or in the calling one ----------------------


@dataclass(frozen=True)
class _Job:
    path: str
    # The path as the index keeps it (`index.paths.stored_path`): worked out once, where the
    # indexed record was looked up by it, so the new record gets the very same key.
    stored: str
    known_sha256: str | None
    provenance: dict
    force: bool = False  # parse even if unchanged (the analysis rules changed)
    max_section_chars: int = MAX_SECTION_CHARS
    max_document_chars: int = MAX_DOCUMENT_CHARS
    # The document's id: the indexed one's, or a new one (`doc_id_for`); '' for the path's.
    doc_id: str = ""


@dataclass
class Outcome:
    """What became of one file: skipped, failed (with a reason), added or updated."""

    path: str
    status: str
    reason: str = ""
    doc_id: str = ""
    size: int = 0
    sections: int = 0
    records: list[Encoded] = field(default_factory=list)
    # The words that could teach the decompounder (`vocabulary_words`), space-separated: one
    # string crosses between processes as one object, not thousands.
    vocabulary: str = ""
    # A remark that is not a failure (a section cut for indexing), shown as an "obs" line.
    note: str = ""
    # Between parsing and analysis only: the text of each section's search zones.
    pending: list[tuple[tuple[str, str], ...]] | None = None
    # The file's content hash, by which a moved file is known again (`index.ingest`).
    sha256: str = ""


def _cut_long_sections(doc: Document, limit: int) -> str:
    """Cut sections longer than `limit` characters (at a space) and say so; '' if none was.

    What is cut is neither searchable nor shown: a file that is one endless line is a broken
    export, and indexing all of it would make every query that hits it take a minute."""
    cut = [s for s in doc.sections if len(s.text) > limit]
    for section in cut:
        section.text = _cut(section.text, limit)
        # A decision in the part cut off goes with it, as in `_cut_long_document`: kept, it
        # was found and analysed for every snippet of the section.
        section.decisions = _decisions_kept(section)
    if not cut:
        return ""
    warning = (
        f"{counted(len(cut), 'sektion', 'sektioner')} längre än {grouped(limit)} "
        "tecken kortades för indexet "
        "(FINSOK_MAX_SECTION_CHARS ändrar gränsen) — en trasig export?"
    )
    doc.warnings.append(warning)
    return warning


def _cut_long_document(doc: Document, limit: int) -> str:
    """Keep the sections within the first `limit` characters (the one that crosses the limit
    cut at a space) and say so; '' if the document is shorter. A document that long is a
    broken export or a concatenation, and serving it whole would cost every reader of it."""
    ends = list(itertools.accumulate(len(s.text) for s in doc.sections))
    if not ends or ends[-1] <= limit:
        return ""
    last = bisect.bisect_right(ends, limit)  # the first section that crosses the limit
    section = doc.sections[last]
    section.text = _cut(section.text, limit - (ends[last - 1] if last else 0))
    section.decisions = _decisions_kept(section)
    dropped = len(doc.sections) - last - 1
    del doc.sections[last + 1 :]
    removed = f"{counted(dropped, 'sektion', 'sektioner')} till togs bort; " if dropped else ""
    warning = (
        f"dokumentet är längre än {grouped(limit)} tecken och kortades för indexet ({removed}"
        "FINSOK_MAX_DOCUMENT_CHARS ändrar gränsen) — en trasig export?"
    )
    doc.warnings.append(warning)
    return warning


def _decisions_kept(section: Section) -> list[Decision]:
    """The section's decisions that its (cut) text still holds. Compared with their blanks
    collapsed: a decision's text joins the lines it was read from ("godkänna den" /
    "budgeten" becomes "godkänna den budgeten"), so one in the kept part is often no
    substring of the section's text as it stands."""
    if not section.decisions:
        return section.decisions
    kept = " ".join(section.text.split())
    return [d for d in section.decisions if " ".join(d.text.split()) in kept]


def _cut(text: str, limit: int) -> str:
    """At most `limit` characters, ending at a space where one is near."""
    if len(text) <= limit:
        return text
    end = text.rfind(" ", limit // 2, limit)
    return text[: end if end > 0 else limit]


class _Worker:
    """Per-process state: the registry, and a lexicon that learns the indexed vocabulary.

    A file goes through two steps: `parse` (read, check the hash, parse, build the records'
    stored payloads) and `analyse` (learn the document's vocabulary, fill in the records'
    search terms). A word becomes a possible compound part once it has appeared in two
    documents, so one-off fragments of a badly extracted PDF never do.
    """

    def __init__(self, registry: Registry | None = None, seen: Counter[str] | None = None) -> None:
        self.registry = registry or Registry.default()
        # What earlier runs learned (the index's vocabulary record); learning goes on from there.
        self.seen: Counter[str] = Counter(seen or ())

    @functools.cached_property
    def lexicon(self) -> Lexicon:
        """The shipped lexicon and the words seen in two documents or more, made when the
        first file is analysed: a parser process never analyses one, and reading the word
        list cost each parser about a third of a second."""
        return learned_lexicon(self.seen)

    def handle(self, job: _Job) -> Outcome:
        return self.analyse(self.parse(job))

    def parse(self, job: _Job) -> Outcome:
        """Read and parse a file into records without search terms, or a final outcome
        (skipped, failed). Nothing here depends on the learned vocabulary."""
        path = Path(job.path)
        if not is_utf8_name(job.path):  # tantivy stores text as UTF-8, and ids are made of it
            return Outcome(job.path, "failed", BAD_NAME)
        try:
            data = read_bytes(path)
        except SourceError as exc:
            # Every job's file was there when the run listed it: one not there now was
            # moved or deleted since, which "filen finns inte" would make a typing mistake.
            reason = VANISHED if exc.reason == NO_SUCH_FILE else exc.reason
            return Outcome(job.path, "failed", reason)
        if (
            job.known_sha256 is not None
            and not job.force
            and job.known_sha256 == hashlib.sha256(data).hexdigest()
        ):
            return Outcome(job.path, "skipped")
        try:
            doc = parse_source(read_source(path, data), self.registry)
        except SourceError as exc:
            return Outcome(job.path, "failed", exc.reason)
        except FinsokError as exc:
            return Outcome(job.path, "failed", exc.message)
        except Exception as exc:  # a parser bug must not stop the other files
            return Outcome(job.path, "failed", f"internt fel vid tolkning ({type(exc).__name__})")
        doc.source_url = job.provenance.get("source_url")
        cuts = (
            job.provenance.get("note"),
            _cut_long_sections(doc, job.max_section_chars),
            _cut_long_document(doc, job.max_document_chars),
        )
        note = "; ".join(n for n in cuts if n)
        doc_id = job.doc_id or doc_id_for(job.stored)
        status = "updated" if job.known_sha256 else "added"
        records = describe(
            doc, doc_id=doc_id, path=job.stored, fetched_at=job.provenance.get("fetched_at")
        )
        outcome = Outcome(job.path, status, "", doc_id, len(data), len(doc.sections), records)
        outcome.note = note
        outcome.sha256 = doc.sha256
        outcome.vocabulary = " ".join(vocabulary_words(s.text for s in doc.sections))
        outcome.pending = zone_texts(doc)
        return outcome

    def analyse(self, parsed: Outcome) -> Outcome:
        """The outcome with the search terms of its records filled in."""
        if parsed.pending is not None:
            lexicon = self.lexicon  # before `_learn`, which counts the new words in `seen`
            self._learn(parsed.vocabulary.split())
            add_terms(parsed.records, parsed.pending, lexicon)
            parsed.pending = None
        return parsed

    def _learn(self, words: list[str]) -> None:
        """Count the document's distinct words; teach the lexicon those seen twice now."""
        self.seen.update(words)
        ready = [w for w in words if self.seen[w] == LEARN_AT]  # just reached the threshold
        if ready:
            self.lexicon.add(ready, keep_cache=True)


# --- the processes of a large run ---------------------------------------------------------


class _Pipeline:
    """Parsing in `parsers` processes, analysis in one more, in file order (the module
    docstring says why one analyser, why bytes, and why bounded)."""

    def __init__(self, parsers: int, seen: Counter[str] | None = None) -> None:
        context = multiprocessing.get_context("spawn")
        with _sigint_ignored():  # inherited by the workers from their very start
            self._parsers = context.Pool(parsers, _init_worker)
            self._analyser = context.Pool(1, _init_worker, (seen,))
        self._slots = threading.Semaphore(_IN_FLIGHT)
        self._stopping = threading.Event()

    def run(self, jobs: list[_Job]) -> Iterator[Outcome]:
        """The outcomes, in the order of `jobs`."""
        parsed = self._parsers.imap(_parse_all, self._gated(jobs))
        analysed = self._analyser.imap(_analyse_all, self._relay(parsed))
        for outcomes in analysed:
            self._slots.release()
            yield from outcomes

    def close(self) -> None:
        """Stop both pools, also halfway: wake the feeding threads so they can finish."""
        self._stopping.set()
        self._slots.release(_IN_FLIGHT)
        for pool in (self._parsers, self._analyser):
            if _terminated(pool):
                pool.join()

    def _gated(self, jobs: list[_Job]) -> Iterator[list[_Job]]:
        """Jobs in tasks of `_TASK_FILES`, each waiting for a free slot."""
        for start in range(0, len(jobs), _TASK_FILES):
            self._slots.acquire()
            if self._stopping.is_set():
                return
            yield jobs[start : start + _TASK_FILES]

    def _relay(self, parsed: IMapIterator) -> Iterator[bytes]:
        """Parsed tasks as they come, until the parsers are done or `close` is called."""
        while not self._stopping.is_set():
            try:
                yield parsed.next(timeout=0.5)
            except multiprocessing.TimeoutError:
                continue
            except StopIteration:
                return


# How long stopping a pool may take before its result queue's lock is taken to be stuck.
_STOP_SECONDS = 5.0


def _terminated(pool: multiprocessing.pool.Pool) -> bool:
    """Terminate `pool`, also when a worker was stopped while it held the lock of the queue
    its results go through; whether the pool's own threads have finished. Its task thread
    must take that lock to send its last message, so `Pool.terminate()` waited forever for
    it: an indexer stopped with Ctrl+C or SIGTERM now and then never ended. A lock still held
    once every worker is stopped belongs to none, and is released."""
    stopper = threading.Thread(target=pool.terminate, name="finsok-stop-pool", daemon=True)
    stopper.start()
    stopper.join(_STOP_SECONDS)
    if stopper.is_alive():
        lock = getattr(getattr(pool, "_outqueue", None), "_wlock", None)
        with contextlib.suppress(ValueError, AttributeError):  # ValueError: it was free
            lock.release()
        stopper.join(_STOP_SECONDS)
    return not stopper.is_alive()


_STATE: _Worker | None = None


@contextlib.contextmanager
def _sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl+C while worker processes start: an ignored signal stays ignored in a
    spawned child from its first instruction, so no worker ever prints a KeyboardInterrupt
    traceback. The parent alone handles Ctrl+C and stops the pools."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _init_worker(seen: Counter[str] | None = None) -> None:
    """Set up a worker. Its stderr goes nowhere: a worker's only messages would be the
    tracebacks of a pipe broken because the parent was stopped, and no traceback may reach a
    user (every file's problem travels back to the parent as an outcome)."""
    global _STATE
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    _STATE = _Worker(seen=seen)


def _parse_all(jobs: list[_Job]) -> bytes:
    """Parsed files, pickled here: this process only passes them on to the analyser, and
    bytes cross it without being unpickled and pickled again."""
    assert _STATE is not None
    return pickle.dumps([_STATE.parse(job) for job in jobs], protocol=pickle.HIGHEST_PROTOCOL)


def _analyse_all(parsed: bytes) -> list[Outcome]:
    """Analysed files. What this process holds between tasks (the lexicon, the words and
    chunks it has analysed) only grows and never forms garbage cycles, so it is moved out of
    the garbage collector's sight first: every full collection walked all of it again, some
    30 times in a run of 10,000 files."""
    assert _STATE is not None
    gc.freeze()
    return [_STATE.analyse(outcome) for outcome in pickle.loads(parsed)]
