"""`finsok index`: bring an index up to date with files on disk, incrementally.

Files are keyed by path and compared by content hash: unchanged files are skipped, changed
files replace their old records, new files are added, and with `prune` documents whose files
are gone are removed. Work is committed in batches, so a run killed at any moment leaves the
index at its last commit and the next run picks up where it stopped. One broken file never
stops the others: it is reported with its reason and the run goes on.
"""

from __future__ import annotations

import bisect
import contextlib
import errno
import hashlib
import itertools
import multiprocessing
import os
import pickle
import signal
import stat
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.pool import IMapIterator
from pathlib import Path

import tantivy

from index.archive import archive_provenance, source_url_problem
from index.errors import FinsokError, SourceError, os_reason
from index.metadata import Registry
from index.model import Document
from index.parse import parse_source
from index.sources import NOT_A_FILE, SUPPORTED_SUFFIXES, read_bytes, read_source
from index.store import (
    LEARN_AT,
    Encoded,
    Store,
    add_terms,
    delete_document,
    describe,
    learned_lexicon,
    remove_index,
    save_vocabulary,
    to_tantivy,
    vocabulary_words,
    zone_texts,
)

Progress = Callable[[int, int, str], None]
BATCH_FILES = 1000
# A section longer than this is cut for indexing (`FINSOK_MAX_SECTION_CHARS`): the longest
# paragraphs of real protocols are a few thousand characters, while one 50 MB line made every
# query that hit it take a minute (its snippet and stored text are read whole).
MAX_SECTION_CHARS = 200_000
# A document longer than this is cut (`FINSOK_MAX_DOCUMENT_CHARS`): the longest real reports
# run to a few hundred thousand characters, while a 22 MB text file made its document page
# 93 MB of JSON and a gigabyte of memory to mark a query in.
MAX_DOCUMENT_CHARS = 2_000_000
PARALLEL_MIN_FILES = 64
_TASK_FILES = 16  # files per task handed to a worker: fewer, larger messages to unpickle
# Tasks between reading and writing at any moment: bounds memory when parsing runs ahead of
# analysis, whatever the size of the corpus.
_IN_FLIGHT = 32
MISSING = "filen eller mappen finns inte — kontrollera sökvägen"
BAD_NAME = "filnamnet är inte giltig UTF-8 — byt namn på filen (t.ex. med convmv) och indexera igen"
NOTHING_TO_READ = (
    f"mappen har inga filer att indexera ({', '.join(SUPPORTED_SUFFIXES)}) — "
    "ange mappen med protokollen"
)


@dataclass
class Summary:
    """What a run did; `failed` holds (file, reason) pairs, `notes` (path, remark) pairs."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    removed: int = 0
    # Documents analysed again because the analysis rules changed since they were indexed.
    reanalysed: int = 0
    sections: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)
    # (path, remark) pairs worth telling that are not failures, e.g. a folder with nothing to read.
    notes: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def doc_id_for(path: Path | str) -> str:
    """A stable document id: the same file path always gives the same id (and URL).

    `path` must be resolved (absolute, no symlinks), as `discover` gives it: resolving again
    here would cost a system call per path component for every file of a run.
    """
    return hashlib.sha1(str(path).encode("utf-8")).hexdigest()[:16]


def is_utf8_name(path: str) -> bool:
    """Whether a path (as Python decodes file names) is valid UTF-8: a Latin-1 name such as
    m\\xf6te.txt arrives with surrogates, which neither the id nor tantivy can take."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: str) -> str:
    """A path as it can be printed: bytes that are not UTF-8 as \\xNN."""
    return os.fsencode(path).decode("utf-8", errors="backslashreplace")


def discover(paths: Iterable[Path | str], summary: Summary) -> list[Path]:
    """Supported files under the given files and folders, recursively, in a stable order.

    A given path that cannot be read is a failure, and so is a folder inside that cannot be
    listed; a folder without a single supported file is only a note: a source's folder may
    well be empty until its first crawl. See `_walk` for links, FIFOs and loops."""
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        problem = path_problem(path)
        if problem:
            summary.failed.append((str(path), problem))
        elif path.is_dir():
            before = len(found)
            _walk(path, path.resolve(), found, summary, set())
            if len(found) == before and not _failed_under(summary, path):
                summary.notes.append((str(path), NOTHING_TO_READ))
        else:
            found[path.resolve()] = None
    return list(found)


UNREADABLE_FOLDER = "kan inte läsa mappen: åtkomst nekad — kontrollera behörigheterna"
BROKEN_LINK = "symbolisk länk till något som inte finns — hoppas över"
LINK_LOOP = "symbolisk länk i en slinga — hoppas över"
SEEN_FOLDER = "länk till en mapp som redan gås igenom (en slinga) — hoppas över"


def _walk(
    shown_as: Path,
    real: Path,
    found: dict[Path, None],
    summary: Summary,
    ancestors: set[tuple[int, int]],
) -> None:
    """Collect the supported files under one folder, depth first, names sorted at each level
    (the order `sorted(rglob)` gave).

    Symbolic links to files and folders are followed, a folder link once per path: a link back
    to a folder being walked (a loop) is reported and skipped. Broken links, link loops and
    FIFOs, sockets or devices with a supported suffix get one note each and are never opened
    (a FIFO would block the run). A folder that cannot be listed is a failure."""
    try:
        info = os.stat(real)
        entries = sorted(os.scandir(real), key=lambda entry: entry.name)
    except PermissionError:
        summary.failed.append((str(shown_as), UNREADABLE_FOLDER))
        return
    except OSError as exc:
        summary.failed.append((str(shown_as), f"kan inte läsa mappen: {os_reason(exc)}"))
        return
    ancestors = ancestors | {(info.st_dev, info.st_ino)}
    for entry in entries:
        where = shown_as / entry.name
        supported = Path(entry.name).suffix.lower() in SUPPORTED_SUFFIXES
        try:
            mode = entry.stat().st_mode  # follows links
        except OSError as exc:
            if supported or entry.is_symlink():
                summary.notes.append((str(where), _unfollowable(exc)))
            continue
        if stat.S_ISDIR(mode):
            key = (entry.stat().st_dev, entry.stat().st_ino)
            if key in ancestors:
                summary.notes.append((str(where), SEEN_FOLDER))
            else:
                _walk(where, _real(entry), found, summary, ancestors)
        elif not supported:
            continue
        elif stat.S_ISREG(mode):
            found[_real(entry)] = None
        else:
            summary.notes.append((str(where), NOT_A_FILE))


def _real(entry: os.DirEntry[str]) -> Path:
    """The entry's path without links (ids are made of it); only a link costs a resolve."""
    return Path(os.path.realpath(entry.path)) if entry.is_symlink() else Path(entry.path)


def _unfollowable(exc: OSError) -> str:
    """Why a folder entry could not be looked at: a broken link, a link loop, or denied."""
    if exc.errno == errno.ELOOP:
        return LINK_LOOP
    if isinstance(exc, FileNotFoundError):
        return BROKEN_LINK
    return f"kan inte läsas: {os_reason(exc)} — hoppas över"


def _failed_under(summary: Summary, folder: Path) -> bool:
    """Whether some failure was reported inside `folder` (then 'nothing to index' would mislead)."""
    prefix = str(folder)
    return any(where.startswith(prefix) for where, _ in summary.failed)


def path_problem(path: Path) -> str | None:
    """Why a path given to index cannot be read at all, or None for a file or a folder.

    The CLI asks this before it opens the index, so that a run where no given path exists
    leaves the index as it was (`--rebuild` included)."""
    try:
        mode = path.stat().st_mode
    except (FileNotFoundError, NotADirectoryError):
        return MISSING
    except PermissionError:
        return "saknar läsrättighet — kontrollera behörigheterna"
    except OSError as exc:
        return f"kan inte läsas: {os_reason(exc)}"
    if stat.S_ISDIR(mode) or stat.S_ISREG(mode):
        return None
    return (
        "är varken en fil eller en mapp (en FIFO, socket eller enhet) — ange en fil eller "
        "mapp med protokoll"
    )


def ingest(
    paths: Iterable[Path | str],
    index_dir: Path,
    *,
    rebuild: bool = False,
    prune: bool = False,
    progress: Progress | None = None,
    registry: Registry | None = None,
    provenance: Callable[[Path], dict] | None = None,
    batch_files: int = BATCH_FILES,
    workers: int | None = None,
    max_section_chars: int = MAX_SECTION_CHARS,
    max_document_chars: int = MAX_DOCUMENT_CHARS,
) -> Summary:
    """Index the files under `paths` into `index_dir`; returns what was done.

    `provenance` may give, per file, `source_url` and `fetched_at` (the crawler's record).
    Every `batch_files` files are committed together. With `workers` > 1 (default: one per
    core, at most four) and enough files to repay the start-up, reading and parsing run in
    `workers` processes and analysis in one more (see `_Pipeline`); the writer stays in this
    process, the only one that may hold it.
    """
    started = time.perf_counter()
    summary = Summary()
    files = discover(paths, summary)
    provenance = provenance or archive_provenance()
    store, writer = _open_for_writing(index_dir, rebuild)
    pipeline = None
    try:
        known = store.documents()
        # Terms made with other analysis rules would no longer match what queries look for:
        # every indexed file still on disk is read again, also those outside `paths`.
        reanalyse = bool(known) and not store.analysis_is_current()
        if reanalyse:
            listed = set(files)
            files += [p.resolve() for p in map(Path, known) if p not in listed and _is_file(p)]
        # Every word of the documents committed so far, with in how many it occurs: kept in
        # the index (`save_vocabulary`) and committed with the documents it counts.
        vocabulary = store.vocabulary()
        jobs = [
            _job(
                path,
                known,
                provenance,
                force=reanalyse,
                limits=(max_section_chars, max_document_chars),
            )
            for path in files
        ]
        summary.reanalysed = sum(1 for job in jobs if job.known_sha256) if reanalyse else 0
        workers = workers if workers is not None else min(os.cpu_count() or 1, 4)
        if workers > 1 and len(jobs) >= PARALLEL_MIN_FILES:
            pipeline = _Pipeline(workers, vocabulary)
            outcomes = pipeline.run(jobs)
        else:
            outcomes = map(_Worker(registry, vocabulary).handle, jobs)
        learned = False  # whether the vocabulary has changed since it was last saved
        for done, outcome in enumerate(outcomes, start=1):
            if outcome.status == "updated":
                _uncount(vocabulary, store, outcome.doc_id)
            if _apply(outcome, writer, summary):
                vocabulary.update(outcome.vocabulary.split())
                learned = True
            if done % batch_files == 0 or done == len(jobs):
                if learned:
                    save_vocabulary(writer, vocabulary)
                    learned = False
                writer.commit()
                store.share()
            if progress:  # per file, as outcomes arrive: a run of 500 files shows progress too
                progress(done, len(jobs), outcome.path)
        if prune:
            for path, record in known.items():
                if _is_gone(Path(path)):
                    _uncount(vocabulary, store, record["doc_id"])
                    delete_document(writer, record["doc_id"])
                    summary.removed += 1
                    learned = True
        if learned:
            save_vocabulary(writer, vocabulary)
        writer.commit()
        store.share()
        if reanalyse:
            store.mark_analysis_current()
        # Indexes from before the vocabulary moved into the index kept it in this file.
        (store.path / "vocabulary.tsv").unlink(missing_ok=True)
    except BaseException:
        writer.rollback()
        raise
    finally:
        if pipeline is not None:
            pipeline.close()
        writer.wait_merging_threads()
    store.reload()
    summary.seconds = time.perf_counter() - started
    return summary


def _open_for_writing(index_dir: Path, rebuild: bool) -> tuple[Store, tantivy.IndexWriter]:
    """The store and its one writer, taken before any work. `--rebuild` empties the index
    only while holding the writer lock, so it never pulls an index from under a running
    indexer: it gets the same 'busy' message as a second indexer."""
    claim = remove_index(index_dir) if rebuild else None
    try:
        store = Store.open(index_dir, create=True)
    finally:
        if claim is not None:
            claim.release()
    return store, store.writer()


def _is_gone(path: Path) -> bool:
    """Whether an indexed file is certainly gone. A file that cannot be looked at (in a folder
    the user may not read) is not: `--prune` must never delete what it cannot see."""
    try:
        os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _is_file(path: Path) -> bool:
    """`Path.is_file` that answers False instead of raising for a folder it may not read."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return False


def _job(
    path: Path,
    known: dict[str, dict],
    provenance: Callable[[Path], dict] | None,
    *,
    force: bool = False,
    limits: tuple[int, int] = (MAX_SECTION_CHARS, MAX_DOCUMENT_CHARS),
) -> _Job:
    record = known.get(str(path))
    extra = provenance(path) if provenance else {}
    if record and not extra:  # keep where an indexed file came from (the crawler's record)
        extra = {key: record[key] for key in ("source_url", "fetched_at") if record.get(key)}
        if source_url_problem(extra.get("source_url")):  # indexed before URLs were checked
            extra.pop("source_url")
    return _Job(str(path), record["sha256"] if record else None, extra, force, *limits)


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


# --- the work on one file, in a worker process or in this one ----------------------------


@dataclass(frozen=True)
class _Job:
    path: str
    known_sha256: str | None
    provenance: dict
    force: bool = False  # parse even if unchanged (the analysis rules changed)
    max_section_chars: int = MAX_SECTION_CHARS
    max_document_chars: int = MAX_DOCUMENT_CHARS


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


def _cut_long_sections(doc: Document, limit: int) -> str:
    """Cut sections longer than `limit` characters (at a space) and say so; '' if none was.

    What is cut is neither searchable nor shown: a file that is one endless line is a broken
    export, and indexing all of it would make every query that hits it take a minute."""
    cut = [s for s in doc.sections if len(s.text) > limit]
    for section in cut:
        section.text = _cut(section.text, limit)
        for decision in section.decisions:
            decision.text = _cut(decision.text, limit)
    if not cut:
        return ""
    shown_limit = f"{limit:_}".replace("_", " ")
    warning = (
        f"{len(cut)} {'sektion' if len(cut) == 1 else 'sektioner'} längre än {shown_limit} "
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
    section.decisions = [d for d in section.decisions if d.text in section.text]
    dropped = len(doc.sections) - last - 1
    del doc.sections[last + 1 :]
    shown_limit = f"{limit:_}".replace("_", " ")
    sections = "sektion till togs" if dropped == 1 else "sektioner till togs"
    removed = f"{dropped} {sections} bort; " if dropped else ""
    warning = (
        f"dokumentet är längre än {shown_limit} tecken och kortades för indexet ({removed}"
        "FINSOK_MAX_DOCUMENT_CHARS ändrar gränsen) — en trasig export?"
    )
    doc.warnings.append(warning)
    return warning


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
        self.lexicon = learned_lexicon(self.seen)

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
            return Outcome(job.path, "failed", exc.reason)
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
        doc_id = doc_id_for(job.path)
        status = "updated" if job.known_sha256 else "added"
        records = describe(
            doc, doc_id=doc_id, path=job.path, fetched_at=job.provenance.get("fetched_at")
        )
        outcome = Outcome(job.path, status, "", doc_id, len(data), len(doc.sections), records)
        outcome.note = note
        outcome.vocabulary = " ".join(vocabulary_words(s.text for s in doc.sections))
        outcome.pending = zone_texts(doc)
        return outcome

    def analyse(self, parsed: Outcome) -> Outcome:
        """The outcome with the search terms of its records filled in."""
        if parsed.pending is not None:
            self._learn(parsed.vocabulary.split())
            add_terms(parsed.records, parsed.pending, self.lexicon)
            parsed.pending = None
        return parsed

    def _learn(self, words: list[str]) -> None:
        """Count the document's distinct words; teach the lexicon those seen twice now."""
        self.seen.update(words)
        ready = [w for w in words if self.seen[w] == LEARN_AT]  # just reached the threshold
        if ready:
            self.lexicon.add(ready, keep_cache=True)


class _Pipeline:
    """Parsing in `parsers` processes, analysis in one more, in file order.

    Why one analyser: the lexicon learns compound parts from the documents it has seen, so
    with one analyser every run learns them in the same order and the index does not depend
    on how files happened to be shared out. Each analysing process also pays a warm-up (every
    new word is stemmed and decompounded once), which several would pay several times over.
    Parsing needs no shared state and spreads over the other processes: one per core, since
    neither the analyser nor the writer keeps a core busy all the time.

    Files move from parsers to the analyser through this process (`Pool.imap` feeding
    `Pool.imap`); at most `_IN_FLIGHT` tasks of `_TASK_FILES` files are between reading and writing.
    """

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
            pool.terminate()
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
    assert _STATE is not None
    return [_STATE.analyse(outcome) for outcome in pickle.loads(parsed)]
