"""`finsok index`: bring an index up to date with files on disk, incrementally.

Files are keyed by path and compared by content hash: unchanged files are skipped, changed
files replace their old records, new files are added, and with `prune` documents whose files
are gone are removed. Work is committed in batches, so a run killed at any moment leaves the
index at its last commit and the next run picks up where it stopped. One broken file never
stops the others: it is reported with its reason and the run goes on.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from index.errors import FinsokError, SourceError
from index.lexicon import Lexicon
from index.metadata import Registry
from index.model import Document
from index.parse import parse_source
from index.sources import SUPPORTED_SUFFIXES, read_source
from index.store import Store, delete_document, prepare, remove_index, vocabulary_words

Progress = Callable[[int, int, str], None]
BATCH_FILES = 400


@dataclass
class Summary:
    """What a run did; `failed` holds (file, reason) pairs."""

    added: int = 0
    updated: int = 0
    skipped: int = 0
    removed: int = 0
    sections: int = 0
    bytes: int = 0
    seconds: float = 0.0
    failed: list[tuple[str, str]] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failed


def doc_id_for(path: Path) -> str:
    """A stable document id: the same file path always gives the same id (and URL)."""
    return hashlib.sha1(str(path.resolve()).encode("utf-8")).hexdigest()[:16]


def discover(paths: Iterable[Path | str], summary: Summary) -> list[Path]:
    """Supported files under the given files and folders, recursively, in a stable order."""
    found: dict[Path, None] = {}
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    found[child.resolve()] = None
        elif path.is_file():
            found[path.resolve()] = None
        else:
            summary.failed.append((str(path), "filen eller mappen finns inte"))
    return list(found)


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
) -> Summary:
    """Index the files under `paths` into `index_dir`; returns what was done.

    `provenance` may give, per file, `source_url` and `fetched_at` (the crawler's record).
    Every `batch_files` files are committed together.
    """
    started = time.perf_counter()
    summary = Summary()
    files = discover(paths, summary)
    if rebuild:
        remove_index(index_dir)
    store = Store.open(index_dir, create=True)
    writer = store.writer()  # take the lock before doing any work
    try:
        known = store.documents()
        lexicon = Lexicon.default()
        registry = registry or Registry.default()
        for start in range(0, len(files), batch_files):
            batch = files[start : start + batch_files]
            _ingest_batch(batch, known, writer, lexicon, registry, summary, provenance)
            writer.commit()
            if progress:
                progress(start + len(batch), len(files), str(batch[-1]))
        if prune:
            for path, record in known.items():
                if not Path(path).exists():
                    delete_document(writer, record["doc_id"])
                    summary.removed += 1
        writer.commit()
    except BaseException:
        writer.rollback()
        raise
    finally:
        writer.wait_merging_threads()
    store.reload()
    summary.seconds = time.perf_counter() - started
    return summary


def _ingest_batch(
    batch: list[Path],
    known: dict[str, dict],
    writer,
    lexicon: Lexicon,
    registry: Registry,
    summary: Summary,
    provenance: Callable[[Path], dict] | None,
) -> None:
    """Parse a batch, teach the decompounder its words once, then write its records."""
    parsed: list[tuple[Path, Document, bool, dict]] = []
    for path in batch:
        try:
            data = path.read_bytes()
        except OSError as exc:
            summary.failed.append((str(path), f"kan inte läsa filen: {exc.strerror}"))
            continue
        record = known.get(str(path))
        if record and record["sha256"] == hashlib.sha256(data).hexdigest():
            summary.skipped += 1
            continue
        try:
            doc = parse_source(read_source(path), registry)
        except SourceError as exc:
            summary.failed.append((str(path), exc.reason))
            continue
        except FinsokError as exc:
            summary.failed.append((str(path), exc.message))
            continue
        except Exception as exc:  # a parser bug must not stop the other files
            summary.failed.append((str(path), f"internt fel vid tolkning ({type(exc).__name__})"))
            continue
        extra = provenance(path) if provenance else {}
        doc.source_url = extra.get("source_url")
        parsed.append((path, doc, record is not None, extra))
        summary.bytes += len(data)
    lexicon.add(vocabulary_words(doc for _, doc, _, _ in parsed))
    for path, doc, existed, extra in parsed:
        doc_id = doc_id_for(path)
        prepared = prepare(
            doc,
            doc_id=doc_id,
            path=str(path),
            lexicon=lexicon,
            fetched_at=extra.get("fetched_at"),
        )
        if existed:
            delete_document(writer, doc_id)
            summary.updated += 1
        else:
            summary.added += 1
        for record in prepared.records:
            writer.add_document(record)
        summary.sections += prepared.sections
