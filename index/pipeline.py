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

Why bytes: files move from parsers to the analyser through the calling process. Parsed files
are pickled in the parser: the calling process only passes them on to the analyser, and bytes
cross it without being unpickled and pickled again.

Why bounded: at most `_IN_FLIGHT` tasks of `_TASK_FILES` files are between reading and writing
at any moment, which bounds memory when parsing runs ahead of analysis, whatever the size of the
corpus.

Why our own processes and not a `multiprocessing.Pool`: one broken file must never stop the
others. A parser may die on a file (a crash in native code, the kernel's OOM killer, the CPU
and memory limits of `index.workers`); a pool's worker that died took its task with it, and
the run waited for that task's result forever. `_Pipeline` knows which file each parser is
on: that file fails with the reason, a new parser takes over, and the run goes on. Tasks of
`_TASK_FILES` files still go to a parser in one message, for speed.

The workers are spawned, so what a worker runs (`_parse_loop`, `_analyse_loop` and what they
call) must stay a top-level function of this module, importable by the new process.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import gc
import hashlib
import itertools
import multiprocessing
import multiprocessing.connection
import os
import pickle
import queue
import signal
import threading
from collections import Counter, deque
from collections.abc import Container, Iterator
from dataclasses import dataclass, field
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
from index.workers import (
    ANALYSER_NAME,
    OUT_OF_MEMORY_EXIT,
    PARSER_NAME,
    Child,
    Limits,
    death_reason,
    limit_cpu_from_now,
    limit_memory,
    name_process,
    process_ended,
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
        # The reason for a file that needed more memory than there was; a parser process
        # names its limit (`index.workers.Limits.out_of_memory`).
        self.out_of_memory = "tolkningen fick slut på minne — filen kan vara trasig"

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
        (skipped, failed). Nothing here depends on the learned vocabulary. A bug anywhere in
        it, or memory running out, fails the file alone, in a parser process and in the
        indexer's own process alike (as a bug in `analyse` does)."""
        try:
            return self._parse(job)
        except MemoryError:
            return Outcome(job.path, "failed", self.out_of_memory)
        except Exception as exc:  # a parser bug must not stop the other files
            return Outcome(job.path, "failed", f"internt fel vid tolkning ({type(exc).__name__})")

    def _parse(self, job: _Job) -> Outcome:
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
        """The outcome with the search terms of its records filled in; a file whose analysis
        fails (a bug) fails alone, as one whose parsing does: raised, it ended the analyser
        process, the run stopped there, and every later run stopped at the same file."""
        if parsed.pending is not None:
            lexicon = self.lexicon  # before `_learn`, which counts the new words in `seen`
            try:
                self._learn(parsed.vocabulary.split())
                add_terms(parsed.records, parsed.pending, lexicon)
            except Exception as exc:
                return Outcome(
                    parsed.path, "failed", f"internt fel vid analys ({type(exc).__name__})"
                )
            parsed.pending = None
        return parsed

    def _learn(self, words: list[str]) -> None:
        """Count the document's distinct words; teach the lexicon those seen twice now."""
        self.seen.update(words)
        ready = [w for w in words if self.seen[w] == LEARN_AT]  # just reached the threshold
        if ready:
            self.lexicon.add(ready, keep_cache=True)


# --- the processes of a large run ---------------------------------------------------------


@dataclass
class _Task:
    """`_TASK_FILES` files as the analyser takes them, and what the parsers gave back for
    them: parsed parts (by the files' positions in the task) and the files that failed with
    their parser. Nearly always one part that is the whole task, passed on as it came."""

    jobs: list[_Job]
    parts: list[tuple[tuple[int, ...], bytes]] = field(default_factory=list)
    failed: dict[int, Outcome] = field(default_factory=dict)
    done: int = 0  # files accounted for

    def parsed(self) -> bytes:
        """The task's parsed files in order, pickled, as `_analyse_all` takes them."""
        if len(self.parts) == 1 and not self.failed:
            return self.parts[0][1]
        outcomes: list[Outcome | None] = [None] * len(self.jobs)
        for positions, blob in self.parts:
            for position, outcome in zip(positions, pickle.loads(blob), strict=True):
                outcomes[position] = outcome
        for position, outcome in self.failed.items():
            outcomes[position] = outcome
        return pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)


@dataclass(frozen=True)
class _Unit:
    """What one parser is sent: some files of one task, by position, under a serial number
    the parser writes into its slot with the file it is on (`_slot_value`)."""

    task: int
    positions: tuple[int, ...]
    serial: int
    # Parsers it was sent to that died before they began it: almost always none, and each
    # such death puts the unit back whole, the next parser not to be blamed.
    unbegun: int = 0


# Parsers that die one after the other before they have started: the run cannot go on.
_FAILED_STARTS = 3


def _slot_value(serial: int, position: int) -> int:
    """What a parser's slot holds while it parses the file at `position` of unit `serial`
    (a unit has at most `_TASK_FILES` files); one number, written in one go."""
    return serial * _TASK_FILES + position


class _Pipeline:
    """Parsing in `parsers` processes, analysis in one more, in file order (the module
    docstring says why one analyser, why bytes, and why bounded).

    A thread of the calling process (`_dispatch`) hands tasks to idle parsers, passes parsed
    tasks on to the analyser in order (through a second thread, `_feed`, so that a send to a
    busy analyser never keeps it from reading), and hands analysed tasks to `run`. It knows
    which unit each parser holds, and each parser writes which file of it it is on into a
    shared slot: when a parser dies (a crash in native code, a limit of `index.workers`, the
    kernel's OOM killer), that file fails with the reason, a new parser takes its place and
    the unit's other files are parsed again. When the analyser dies the run ends with an
    error (`FinsokError`): the writer rolls back to its last commit."""

    def __init__(
        self, parsers: int, seen: Counter[str] | None = None, limits: Limits | None = None
    ) -> None:
        self._context = multiprocessing.get_context("spawn")
        self._limits = limits or Limits()
        with sigint_ignored():  # inherited by the workers from their very start
            self._analyser = Child(self._context, _analyse_loop, (seen,))
            self._parsers = [
                self._new_parser(self._context.RawValue("q", -1)) for _ in range(parsers)
            ]
        self._stopping = threading.Event()
        # `run`'s side: the tasks it has taken, and the pipe that wakes `_dispatch` when it
        # takes one (a slot for one more) or `close` is called.
        self._taken = 0
        self._wake_read, self._wake_write = os.pipe()
        os.set_blocking(self._wake_write, False)
        self._analysed: queue.SimpleQueue[bytes | BaseException] = queue.SimpleQueue()
        self._to_analyse: queue.SimpleQueue[bytes | None] = queue.SimpleQueue()
        self._dispatcher = threading.Thread(target=self._dispatch, name="finsok-dispatch")
        self._feeder = threading.Thread(target=self._feed, name="finsok-feed")
        for thread in (self._dispatcher, self._feeder):
            thread.daemon = True
        # `_dispatch`'s side.
        self._jobs: list[_Job] = []
        self._tasks: dict[int, _Task] = {}  # made and not yet passed on to the analyser
        self._made = 0  # tasks made so far
        self._passed_on = 0  # tasks passed on to the analyser
        # Files to parse again: (task, positions, `_Unit.unbegun`).
        self._again: deque[tuple[int, tuple[int, ...], int]] = deque()
        self._serial = 0
        self._failed_starts = 0

    def run(self, jobs: list[_Job]) -> Iterator[Outcome]:
        """The outcomes, in the order of `jobs`."""
        self._jobs = jobs
        self._dispatcher.start()
        self._feeder.start()
        for _ in range(-(-len(jobs) // _TASK_FILES)):
            analysed = self._analysed.get()
            if isinstance(analysed, BaseException):
                raise analysed
            self._taken += 1
            self._wake()
            yield from pickle.loads(analysed)

    def close(self) -> None:
        """Stop the threads and the processes, also halfway. `_dispatch` first, as it may
        start a parser; `_feed` once the analyser is told to end, as it may be sending to it;
        the pipes last, when no thread uses them."""
        self._stopping.set()
        self._wake()
        _join(self._dispatcher)
        children = [self._analyser, *self._parsers]
        for child in children:
            child.terminate()
        self._to_analyse.put(None)
        _join(self._feeder)
        for child in children:
            child.stop()
        for fd in (self._wake_read, self._wake_write):
            with contextlib.suppress(OSError):
                os.close(fd)

    def _wake(self) -> None:
        with contextlib.suppress(OSError):  # full: it has been woken already
            os.write(self._wake_write, b"\0")

    def _new_parser(self, slot: object) -> Child:
        slot.value = -1  # type: ignore[attr-defined]
        return Child(self._context, _parse_loop, (self._limits,), slot=slot)

    # --- `_dispatch`'s thread ---

    def _dispatch(self) -> None:
        """Hand out work and take in what comes back until `close`; an error (the analyser
        died, a bug) goes to `run` to raise."""
        # A parser started from this thread begins with Ctrl+C blocked, as the first ones
        # begin with it ignored (`sigint_ignored` works in the main thread only), until
        # `_init_worker` ignores it: no KeyboardInterrupt traceback from a starting parser.
        signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
        try:
            while not self._stopping.is_set():
                self._hand_out()
                for ready in multiprocessing.connection.wait(self._watched()):
                    if self._take(ready):  # a new parser: wait again, on its pipe too
                        break
        except BaseException as exc:
            self._analysed.put(exc)

    def _watched(self) -> list:
        watched: list = [self._wake_read, self._analyser.reader, self._analyser.sentinel]
        for parser in self._parsers:
            watched += (parser.reader, parser.sentinel)
        return watched

    def _take(self, ready: object) -> bool:
        """Act on one thing `wait` found ready; True if a parser died and was replaced."""
        if ready == self._wake_read:
            os.read(self._wake_read, 4096)
            return False
        if ready in (self._analyser.reader, self._analyser.sentinel):
            self._from_analyser()
            return False
        parser = next(p for p in self._parsers if ready in (p.reader, p.sentinel))
        if ready is parser.reader and self._receive(parser):
            return False
        self._parser_died(parser)  # the end of its pipe, or its sentinel: it has ended
        return True

    def _hand_out(self) -> None:
        """A unit of files to each idle parser, while there are files a slot allows."""
        for parser in self._parsers:
            if not parser.ready or parser.holding is not None:
                continue
            unit = self._next_unit()
            if unit is None:
                return
            parser.holding = unit
            jobs = [self._tasks[unit.task].jobs[position] for position in unit.positions]
            with contextlib.suppress(OSError):  # it died: its sentinel will say so
                parser.writer.send_bytes(pickle.dumps((unit.serial, jobs), pickle.HIGHEST_PROTOCOL))

    def _next_unit(self) -> _Unit | None:
        """Files to parse again first (their task is the oldest not done), then the next
        task when fewer than `_IN_FLIGHT` are between reading and writing."""
        unbegun = 0
        if self._again:
            task, positions, unbegun = self._again.popleft()
        elif self._made * _TASK_FILES < len(self._jobs) and self._made < self._taken + _IN_FLIGHT:
            task = self._made
            start = task * _TASK_FILES
            self._tasks[task] = _Task(self._jobs[start : start + _TASK_FILES])
            self._made += 1
            positions = tuple(range(len(self._tasks[task].jobs)))
        else:
            return None
        self._serial += 1
        return _Unit(task, positions, self._serial, unbegun)

    def _receive(self, parser: Child) -> bool:
        """Take one message from `parser`; False at the end of its pipe (it died)."""
        try:
            message = parser.reader.recv_bytes()
        except (EOFError, OSError):
            return False
        if not parser.ready:  # its first message: it has started
            parser.ready = True
            self._failed_starts = 0
            return True
        unit, parser.holding = parser.holding, None
        assert isinstance(unit, _Unit)
        task = self._tasks[unit.task]
        task.parts.append((unit.positions, message))
        task.done += len(unit.positions)
        self._pass_on()
        return True

    def _parser_died(self, parser: Child) -> None:
        """The file `parser` was on fails with the reason it died; the unit's other files
        are parsed again, and a new parser takes its place."""
        while parser.reader.poll() and self._receive(parser):  # what it sent before dying
            pass
        exitcode = parser.exitcode()
        parser.stop()
        unit = parser.holding
        if isinstance(unit, _Unit):
            self._blame(unit, parser.slot.value, exitcode)  # type: ignore[attr-defined]
        elif not parser.ready:
            self._failed_starts += 1
            if self._failed_starts >= _FAILED_STARTS:
                raise FinsokError(
                    f"{process_ended('tolkningsprocessen', exitcode)} innan den hann starta, "
                    f"{_FAILED_STARTS} gånger i rad — är minnesgränsen (FINSOK_PARSE_MEMORY_MB"
                    f"={self._limits.memory_mb}) för låg?",
                    status=500,
                )
        self._parsers[self._parsers.index(parser)] = self._new_parser(parser.slot)

    def _blame(self, unit: _Unit, slot: int, exitcode: int | None) -> None:
        """Fail the file of `unit` its dead parser was on (its `slot` says which) and parse
        the others again. A parser that died before it began the unit (killed while idle,
        and sent the unit before its death was seen) blames no file, unless every parser
        the unit goes to dies so: then the first file is the cause."""
        serial, position = divmod(slot, _TASK_FILES)
        if serial != unit.serial:
            if unit.unbegun + 1 < _FAILED_STARTS:
                self._again.appendleft((unit.task, unit.positions, unit.unbegun + 1))
                return
            position = 0
        task = self._tasks[unit.task]
        blamed = unit.positions[position]
        reason = death_reason(exitcode, self._limits)
        task.failed[blamed] = Outcome(task.jobs[blamed].path, "failed", reason)
        task.done += 1
        rest = unit.positions[:position] + unit.positions[position + 1 :]
        if rest:
            self._again.appendleft((unit.task, rest, 0))
        self._pass_on()

    def _pass_on(self) -> None:
        """Give the analyser every task that is done and next in order."""
        while (task := self._tasks.get(self._passed_on)) and task.done == len(task.jobs):
            self._to_analyse.put(task.parsed())
            del self._tasks[self._passed_on]
            self._passed_on += 1

    def _from_analyser(self) -> None:
        """An analysed task for `run`, or the analyser's death as an error that ends it."""
        try:
            self._analysed.put(self._analyser.reader.recv_bytes())
            return
        except (EOFError, OSError):
            pass
        exitcode = self._analyser.exitcode()
        raise FinsokError(
            f"{process_ended('analysprocessen', exitcode)}, så indexeringen avbröts; indexet "
            "är kvar som det var vid den senaste commiten — kör samma finsok index igen för "
            "att indexera resten",
            status=500,
        )

    # --- `_feed`'s thread ---

    def _feed(self) -> None:
        """Send the parsed tasks to the analyser in order, until `close` or its death."""
        while (parsed := self._to_analyse.get()) is not None:
            try:
                self._analyser.writer.send_bytes(parsed)
            except OSError:  # it died: `_dispatch` says so
                return


# How long `close` waits for each of the pipeline's threads.
_STOP_SECONDS = 10.0


def _join(thread: threading.Thread) -> None:
    """Wait for one of the pipeline's threads, if `run` started it."""
    if thread.ident is not None:
        thread.join(_STOP_SECONDS)


_STATE: _Worker | None = None


@contextlib.contextmanager
def sigint_ignored() -> Iterator[None]:
    """Ignore Ctrl+C for a while, in the main thread (the only one a handler runs in).

    While worker processes start: an ignored signal stays ignored in a spawned child from
    its first instruction, so no worker ever prints a KeyboardInterrupt traceback. The
    parent alone handles Ctrl+C and stops the workers. And while a stopped run stops
    (`index.ingest`): a second Ctrl+C cut `_Pipeline.close` short, or printed a traceback
    from wherever it landed; every wait in stopping is bounded."""
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
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # see `_Pipeline._dispatch`
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 2)
    os.close(devnull)
    _STATE = _Worker(seen=seen)


def _parse_loop(
    inbox: multiprocessing.connection.Connection,
    outbox: multiprocessing.connection.Connection,
    slot: object,
    limits: Limits,
) -> None:
    """A parser process: units of files in, their pickled outcomes out, under `limits`.
    A MemoryError outside the parsing proper (which fails its file, `_Worker.parse`) ends
    the process with a status that says so, and the parent names the file."""
    name_process(PARSER_NAME)
    _init_worker()
    assert _STATE is not None
    _STATE.out_of_memory = limits.out_of_memory()
    limit_memory(limits.memory_mb)
    try:
        outbox.send_bytes(b"")  # started
        while True:
            try:
                serial, jobs = pickle.loads(inbox.recv_bytes())
            except EOFError:  # the parent is done with it
                return
            outbox.send_bytes(_parse_all(jobs, serial, slot, limits.cpu_seconds))
    except MemoryError:
        os._exit(OUT_OF_MEMORY_EXIT)


def _parse_all(jobs: list[_Job], serial: int, slot: object, cpu_seconds: int) -> bytes:
    """Parsed files, pickled here: the calling process only passes them on to the analyser,
    and bytes cross it without being unpickled and pickled again. Before each file, `slot`
    says which one it is and the CPU limit starts afresh (`index.workers`)."""
    assert _STATE is not None
    outcomes = []
    for position, job in enumerate(jobs):
        slot.value = _slot_value(serial, position)  # type: ignore[attr-defined]
        if cpu_seconds:
            limit_cpu_from_now(cpu_seconds)
        outcomes.append(_STATE.parse(job))
    return pickle.dumps(outcomes, protocol=pickle.HIGHEST_PROTOCOL)


def _analyse_loop(
    inbox: multiprocessing.connection.Connection,
    outbox: multiprocessing.connection.Connection,
    seen: Counter[str] | None,
) -> None:
    """The analyser process: parsed tasks in, in order, analysed tasks out."""
    name_process(ANALYSER_NAME)
    _init_worker(seen)
    while True:
        try:
            parsed = inbox.recv_bytes()
        except EOFError:  # the parent is done with it
            return
        outbox.send_bytes(pickle.dumps(_analyse_all(parsed), protocol=pickle.HIGHEST_PROTOCOL))


def _analyse_all(parsed: bytes) -> list[Outcome]:
    """Analysed files. What this process holds between tasks (the lexicon, the words and
    chunks it has analysed) only grows and never forms garbage cycles, so it is moved out of
    the garbage collector's sight first: every full collection walked all of it again, some
    30 times in a run of 10,000 files."""
    assert _STATE is not None
    gc.freeze()
    return [_STATE.analyse(outcome) for outcome in pickle.loads(parsed)]
