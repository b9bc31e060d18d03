"""The index on disk: opening it safely, writing documents into it, listing what it holds.

A Finsök index is a tantivy directory plus `finsok-index.json`, which records the schema
version. Opening checks that version first, so an index written by another version of Finsök
gives a message to rebuild instead of a tantivy error. tantivy allows one writer per directory;
a second one gets a clear "busy" message.
"""

from __future__ import annotations

import fcntl
import json
import os
import re
import shutil
import tempfile
import weakref
from collections import Counter
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote

import tantivy

from index import analysis, privacy
from index.discover import is_utf8_name, shown
from index.errors import FinsokError, os_reason
from index.lexicon import Lexicon
from index.model import Document, Section
from index.parse import PARSE_VERSION
from index.schema import (
    HEAD_ZONE,
    KINDS,
    REC_DOC,
    REC_HEAD,
    REC_SECTION,
    REC_VOCABULARY,
    SCHEMA_VERSION,
    ZONES,
    build_schema,
    search_field,
)

META_FILE = "finsok-index.json"
# A word becomes a possible compound part once it has appeared in this many documents, so
# one-off fragments of a badly extracted PDF never do.
LEARN_AT = 2
WRITER_HEAP = 128_000_000
# The anchor of a document's head in the document view, and the end of its record's id.
HEAD_ANCHOR = "huvud"
_SEARCHABLE = (REC_HEAD, REC_SECTION)


def missing_index_error(path: Path) -> FinsokError:
    return FinsokError(
        f"Index saknas i {path} — kör `finsok index data/sample` (eller ange --index)",
        status=503,
        code="no_index",
    )


class Store:
    """One index directory, opened for reading and, on demand, for writing."""

    def __init__(self, path: Path, index: tantivy.Index) -> None:
        self.path = path
        self.index = index
        self.schema = index.schema
        # Set when the index is read through links because the user may not write it.
        self._view: _ReadOnlyView | None = None

    @classmethod
    def open(cls, path: Path | str, *, create: bool = False) -> Store:
        """Open an index; with `create`, make a new one where none exists yet.

        Without `create` the index is only read: when the user may not write the folder
        (tantivy takes a lock file even to read), it is opened through a private folder of
        links to its files (`_ReadOnlyView`), so an index someone else keeps can be searched."""
        path = Path(path)
        meta = path / META_FILE
        if not is_utf8_name(str(path)):  # tantivy takes only UTF-8 paths
            raise FinsokError(
                f"Indexmappens namn {shown(str(path))} "
                "är inte giltig UTF-8 — ange en mapp med ett annat namn med --index",
                status=503,
                code="bad_index",
            )
        try:
            _check_folder(path, meta, create)
        except PermissionError:
            raise permission_error(path) from None
        except OSError as exc:
            raise FinsokError(
                f"Indexmappen {path} kan inte skapas eller läsas ({os_reason(exc)}) — ange en "
                "annan mapp med --index"
            ) from None
        try:
            return cls(path, _open_tantivy(path))
        except ValueError as exc:
            if not _is_permission_problem(exc):
                # tantivy's reason is English and technical: the message says what to do, and
                # the reason stays on the error as its cause, for the server's log.
                raise FinsokError(
                    f"Indexet i {path} kan inte öppnas: filerna är skadade eller ofullständiga — "
                    "kör `finsok index --rebuild ...`",
                    status=503,
                    code="bad_index",
                ) from exc
            if create:
                raise permission_error(path) from None
        view = _ReadOnlyView(path)
        try:
            store = cls(path, _open_tantivy(view.folder))
        except (ValueError, OSError):
            raise FinsokError(
                f"Indexet i {path} kan inte läsas: du saknar läsrättighet till dess filer — be "
                f"ägaren köra `chmod -R a+rX {path}`, eller sök som ägaren",
                status=503,
                code="index_permission",
            ) from None
        store._view = view
        return store

    def writer(self) -> tantivy.IndexWriter:
        """The one writer; a second indexer on the same index gets a clear 'busy' message."""
        if self._view is not None:
            raise permission_error(self.path)
        try:
            return self.index.writer(heap_size=WRITER_HEAP, num_threads=2)
        except ValueError as exc:
            if _is_permission_problem(exc):
                raise permission_error(self.path) from None
            if "LockBusy" in str(exc) or "lock" in str(exc).lower():
                raise busy_error(self.path) from None
            raise

    def share(self) -> None:
        """Let whoever may read the index folder read its commit point too. tantivy writes
        `meta.json` readable by its owner only, so without this a service's index could not
        be searched by other users even in a folder open to them (see `_ReadOnlyView`)."""
        meta = self.path / "meta.json"
        try:
            readable = os.stat(self.path).st_mode & 0o044
            os.chmod(meta, 0o600 | readable)
        except OSError:
            pass  # sharing is a courtesy; the index itself is fine

    def searcher(self) -> tantivy.Searcher:
        if self._view is not None and self._view.sync():
            self.index.reload()  # an indexer committed new segments: link them, then read them
        return self.index.searcher()

    def reload(self) -> None:
        if self._view is not None:
            self._view.sync()
        self.index.reload()

    def documents(self) -> dict[str, dict]:
        """Document records (payloads) keyed by file path."""
        return {payload["path"]: payload for payload in self.records("rec", REC_DOC)}

    def vocabulary(self) -> Counter[str]:
        """The indexer's vocabulary kept in the index: word -> number of documents it was seen
        in (empty for a new index). Later runs go on learning from it, and the engine's
        highlighter splits compounds with the same words the index was built with."""
        counts: Counter[str] = Counter()
        searcher = self.searcher()
        address = self._vocabulary_address(searcher)
        if address is None:
            return counts
        payload = searcher.doc(address).get_first("payload")
        for line in payload.decode("utf-8").splitlines():
            word, _, number = line.partition("\t")
            counts[word] = int(number)
        return counts

    def section_texts(self, doc_id: str) -> list[str]:
        """The stored text of a document's sections, in document order: what the vocabulary
        counted its words from, so a run that replaces or removes it can uncount them."""
        payloads = sorted(self.records("doc_id", doc_id, rec=REC_SECTION), key=_ordinal)
        return [p["text"] for p in payloads]

    def analysis_is_current(self) -> bool:
        """Whether the index's records were made with this code's parsing and analysis rules
        and word lists (`rules_fingerprint`), every one of them (`stale_documents`)."""
        return self.stale_documents() == set()

    def stale_documents(self) -> set[str] | None:
        """The ids of the documents made with older rules: None when the index as a whole
        was (its rules are another's, and the indexer reads every document again), else the
        ones a run under these rules could not analyse again (their files failed or were
        gone, see `mark_analysis_current`), which the indexer reads again; usually none."""
        meta = _read_meta(self.path)
        behind = meta.get("behind", [])
        if meta.get("analysis") != rules_fingerprint() or not isinstance(behind, list):
            return None
        return set(behind)

    def mark_analysis_current(self, behind: Collection[str] = ()) -> None:
        """Record that the documents have been analysed with this code's rules, but for the
        ids `behind`, which a failed file or a gone one left as they were: marked current as
        a whole, the index kept them with old terms and no later run went back to them."""
        _write_meta(self.path, behind)

    def vocabulary_version(self) -> tuple[int, int, int] | None:
        """Where the vocabulary record sits and how many records the index holds, which
        change when an indexing run commits: a cheap test of whether to read the vocabulary
        again (no stored document is loaded)."""
        searcher = self.searcher()
        address = self._vocabulary_address(searcher)
        if address is None:
            return None
        return searcher.num_docs, address.segment_ord, address.doc

    def records(
        self, fieldname: str, value: str, *, rec: str = "", limit: int | None = None
    ) -> list[dict]:
        """The payloads of the records whose key `fieldname` is `value` and, if given, whose
        kind is `rec`: all of them, or the first `limit`. One place for the lookups by key
        that the indexer (documents, their sections) and the search layer (a document, a
        section, a förbund's name) make."""
        query = tantivy.Query.term_query(self.schema, fieldname, value)
        if rec:
            is_rec = tantivy.Query.term_query(self.schema, "rec", rec)
            query = tantivy.Query.boolean_query(
                [(tantivy.Occur.Must, query), (tantivy.Occur.Must, is_rec)]
            )
        searcher = self.searcher()
        if limit is None:
            limit = count_matches(searcher, query)
            if not limit:  # tantivy panics on a search with limit 0
                return []
        return [payload_of(searcher.doc(a)) for _, a in searcher.search(query, limit).hits]

    def _vocabulary_address(self, searcher: tantivy.Searcher) -> tantivy.DocAddress | None:
        """Where the vocabulary record is, for `vocabulary` and `vocabulary_version`."""
        query = tantivy.Query.term_query(self.schema, "rec", REC_VOCABULARY)
        hits = searcher.search(query, 1).hits
        return hits[0][1] if hits else None


def _ordinal(payload: dict) -> int:
    return payload["ordinal"]


def count_matches(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    """How many records match. (tantivy panics on a search with limit 0, so ask for one.)"""
    return searcher.search(query, 1, count=True).count


def payload_of(doc: tantivy.Document) -> dict:
    return json.loads(doc.get_first("payload"))


def check_version(path: Path) -> None:
    """Refuse an index written with another schema version, saying how to fix it."""
    version = _read_meta(path).get("schema_version")
    if version != SCHEMA_VERSION:
        # A meta file cut short or edited by hand has no version to name ("version None").
        has = (
            f"har schemaversion {version}"
            if isinstance(version, int)
            else f"saknar en läsbar schemaversion i {META_FILE}"
        )
        raise FinsokError(
            f"Indexet i {path} {has}, men den här Finsök använder "
            f"{SCHEMA_VERSION} — kör `finsok index --rebuild SÖKVÄG` för att bygga om det",
            status=503,
            code="schema_mismatch",
        )


def _read_meta(path: Path) -> dict:
    """The index's meta file as written by `_write_meta`; {} when it is missing or unreadable."""
    try:
        meta = json.loads((path / META_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def rules_fingerprint() -> str:
    """The rules an index's records were made with: how files are parsed (`PARSE_VERSION`)
    and how text is analysed (`analysis.fingerprint`). Either changing means the records
    would come out otherwise, so the next indexing run reads every file again."""
    return f"{analysis.fingerprint()}-p{PARSE_VERSION}"


def _write_meta(path: Path, behind: Collection[str] = ()) -> None:
    """The index's versions: its schema, and the analysis rules its terms were made with,
    but for the documents `behind` (`Store.mark_analysis_current`)."""
    meta: dict = {"schema_version": SCHEMA_VERSION, "analysis": rules_fingerprint()}
    if behind:
        meta["behind"] = sorted(behind)
    tmp = path / (META_FILE + ".tmp")
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, path / META_FILE)


def save_vocabulary(writer: tantivy.IndexWriter, counts: Counter[str]) -> None:
    """Replace the vocabulary record; the next commit stores it together with the documents
    whose words it counts, so a run killed at any moment leaves the two in step."""
    writer.delete_documents_by_term("rec", REC_VOCABULARY)
    record = tantivy.Document()
    record.add_text("rec", REC_VOCABULARY)
    record.add_text("id", REC_VOCABULARY)
    record.add_text("doc_id", REC_VOCABULARY)
    # Insertion order: the indexer counts files in a fixed order, so the bytes are reproducible.
    record.add_bytes("payload", "".join([f"{w}\t{n}\n" for w, n in counts.items()]).encode())
    writer.add_document(record)


def learned_lexicon(counts: Counter[str]) -> Lexicon:
    """The shipped lexicon plus the words seen in two documents or more (see `index.pipeline`)."""
    lexicon = Lexicon.default()
    lexicon.add(sorted(w for w, n in counts.items() if n >= LEARN_AT), keep_cache=True)
    return lexicon


def remove_index(path: Path) -> WriterClaim | None:
    """Empty an index directory in place (a rebuild that cannot be built beside it, see
    `index.rebuild`), but only one holding nothing but an index's files (`is_index_folder`),
    and only while holding its writer lock: a running indexer keeps its index (the 'busy'
    message). The returned claim holds the lock until the caller takes the real writer."""
    try:
        if not path.is_dir():
            return None  # nothing to empty; `Store.open` names a file given as the folder
        if not is_index_folder(path):
            raise not_an_index_error(path)
        claim = WriterClaim(path)
        try:
            for entry in sorted(path.iterdir(), key=_removal_order):
                if entry.name in _LOCK_FILES:
                    continue
                entry.unlink()
        except BaseException:
            claim.release()
            raise
    except PermissionError:
        raise permission_error(path) from None
    return claim


# The files tantivy and Finsök write into an index folder: tantivy's segments
# (`<uuid>.idx`, `<uuid>.<opstamp>.del` …) and atomic writes in progress (`.tmpXXXXXX`).
_INDEX_FILE = re.compile(
    r"[0-9a-f]{32}\.(?:idx|pos|term|store|fast|fieldnorm|\d+\.del)|\.tmp[0-9A-Za-z]+"
)
_INDEX_NAMES = frozenset(
    {"meta.json", ".managed.json", META_FILE, META_FILE + ".tmp", "vocabulary.tsv"}
)


def is_index_folder(path: Path) -> bool:
    """Whether a folder holds nothing but files an index is made of (or nothing at all): an
    index, also one left incomplete (tantivy's files without our meta file, or the reverse),
    which `--rebuild` may delete. A folder with anything else (a subfolder, a user's file)
    is not one: `--index ~` given by mistake must never delete a home folder. Nor is one that
    holds only names any program may use (a `meta.json`, a `vocabulary.tsv`): a file only an
    index has must be among them (`_marks_an_index`)."""
    try:
        entries = list(os.scandir(path))
    except (FileNotFoundError, NotADirectoryError):
        return False
    index_files = all(
        (
            entry.name in _INDEX_NAMES
            or entry.name in _LOCK_FILES
            or _INDEX_FILE.fullmatch(entry.name)
        )
        and entry.is_file(follow_symlinks=False)
        for entry in entries
    )
    return index_files and (not entries or any(map(_marks_an_index, entries)))


def _marks_an_index(entry: os.DirEntry) -> bool:
    """Whether a file is one only an index has: our meta file, tantivy's list of its files,
    a lock file, or a segment's file."""
    name = entry.name
    return (
        name in (META_FILE, ".managed.json")
        or name in _LOCK_FILES
        or (_INDEX_FILE.fullmatch(name) is not None and not name.startswith(".tmp"))
    )


def not_an_index_error(path: Path) -> FinsokError:
    return FinsokError(
        f"{path} är inte ett Finsök-index (mappen innehåller andra filer); vägrar radera den — "
        "ange indexmappen med --index"
    )


def _removal_order(entry: Path) -> int:
    """Emptying an index goes commit point first, our meta file last: a rebuild stopped
    halfway (Ctrl+C, `kill -9`, a full disk) then leaves a folder that is still known as
    Finsök's, which the next `--rebuild` empties, instead of tantivy's files without our
    meta file, which every command refused as "not a Finsök index"."""
    return {"meta.json": 0, META_FILE: 2}.get(entry.name, 1)


class WriterClaim:
    """tantivy's writer lock (`flock` on `.tantivy-writer.lock`) taken from Python, for what
    must happen before tantivy itself can take it (emptying the folder for `--rebuild`)."""

    def __init__(self, path: Path) -> None:
        self._fd = os.open(path / WRITER_LOCK, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(self._fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(self._fd)
            raise busy_error(path) from None

    def release(self) -> None:
        """Let tantivy's writer take the lock (in this process, the very next moment)."""
        if self._fd >= 0:
            fcntl.flock(self._fd, fcntl.LOCK_UN)
            os.close(self._fd)
            self._fd = -1


def busy_error(path: Path) -> FinsokError:
    return FinsokError(
        f"Indexet i {path} är upptaget (index is busy): en annan indexering "
        "pågår — vänta tills den är klar och försök igen",
        status=409,
        code="index_busy",
    )


def permission_error(path: Path) -> FinsokError:
    """Permission problems are never cured by a rebuild: say whose folder it is instead."""
    return FinsokError(
        f"Indexet i {path} kan inte användas: du saknar skrivrättighet till mappen (den ägs av "
        "en annan användare?) — kör som mappens ägare eller ange en egen mapp med --index",
        status=503,
        code="index_permission",
    )


WRITER_LOCK = ".tantivy-writer.lock"
_LOCK_FILES = (WRITER_LOCK, ".tantivy-meta.lock")


def holds_more_than_locks(path: Path) -> bool:
    """Whether a folder holds anything but tantivy's lock files (left by an emptied index)."""
    return any(entry.name not in _LOCK_FILES for entry in path.iterdir())


def _check_folder(path: Path, meta: Path, create: bool) -> None:
    """Check (and with `create`, make) the index folder before tantivy sees it."""
    if path.exists() and not path.is_dir():
        raise FinsokError(
            f"{path} är en fil, inte en indexmapp — ange en mapp för indexet med --index"
        )
    if not meta.exists():
        if not create:
            raise missing_index_error(path)
        if path.exists() and holds_more_than_locks(path):
            if is_index_folder(path):  # tantivy's files without ours: a rebuild stopped
                raise FinsokError(
                    f"Indexet i {path} är ofullständigt ({META_FILE} saknas) — kör "
                    "`finsok index --rebuild ...`",
                    status=503,
                    code="bad_index",
                )
            raise FinsokError(
                f"{path} är inte ett Finsök-index men inte heller tom — välj en annan "
                "mapp med --index"
            )
        path.mkdir(parents=True, exist_ok=True)
        _write_meta(path)
    else:
        check_version(path)


def _open_tantivy(path: Path) -> tantivy.Index:
    return tantivy.Index(build_schema(), path=str(path), reuse=True)


def _is_permission_problem(exc: Exception) -> bool:
    text = str(exc)
    return "PermissionDenied" in text or "Permission denied" in text


class _ReadOnlyView:
    """A private folder of symbolic links to an index's files, with lock files of its own.

    tantivy opens even a reader by taking `.tantivy-meta.lock` for writing, so a user who may
    only read an index (one kept by a service account) could not search it. Through the links
    it reads the very same files; `sync` links the segments a later commit adds. tantivy
    writes its list of managed files (`.managed.json`) readable by its owner only; a reader
    uses it for nothing, so the view has its own list."""

    def __init__(self, index: Path) -> None:
        self.index = index.resolve()
        self.folder = Path(tempfile.mkdtemp(prefix="finsok-las-"))
        weakref.finalize(self, shutil.rmtree, str(self.folder), True)
        self.sync()

    def sync(self) -> bool:
        """Link files the index has gained, drop links to files it lost; True if any came."""
        wanted = {name for name in os.listdir(self.index) if name not in _NOT_LINKED}
        present = {name for name in os.listdir(self.folder) if name not in _NOT_LINKED}
        for name in present - wanted:
            (self.folder / name).unlink(missing_ok=True)
        for name in wanted - present:
            os.symlink(self.index / name, self.folder / name)
        if wanted != present:
            managed = json.dumps(sorted(wanted - {META_FILE}))
            (self.folder / _MANAGED).write_text(managed, encoding="utf-8")
        return bool(wanted - present)


_MANAGED = ".managed.json"
_NOT_LINKED = (*_LOCK_FILES, _MANAGED)


# --- turning documents into records -------------------------------------------------------


@dataclass
class Encoded:
    """One record, analysed but not yet a tantivy document: plain data that pickles cheaply.

    Analysis is the expensive part of indexing, so worker processes do it and send these to
    the one process that owns the writer. Search terms travel as (field, space-separated
    terms) pairs, the form tantivy's whitespace tokenizer takes (`analysis.field_texts`).
    """

    rec: str
    ident: str
    doc_id: str
    kind: str
    payload: bytes
    path: str = ""
    forbund_slug: str | None = None
    date: str | None = None
    has_decision: int | None = None
    paragraph: int | None = None
    goal: int | None = None
    terms: list[tuple[str, str]] = field(default_factory=list)


def anchors(sections: list[Section]) -> list[str]:
    """URL anchors: "p47" for § 47, "p47a" for § 47a, "m8" for Mål 8, "n3" for "3.", "s5"
    without a number.

    A number printed twice (two § 10 in one protocol) gets "p10-2" the second time.
    """
    seen: dict[str, int] = {}
    result = []
    for ordinal, section in enumerate(sections, start=1):
        if section.number is None:
            base = f"s{ordinal}"
        else:
            prefix = "p" if section.label.startswith("§") else "m" if section.label else "s"
            prefix = "n" if section.label.endswith(".") else prefix
            letter = section.label[-1] if section.label[-1:].isalpha() else ""  # § 47a
            base = f"{prefix}{section.number}{letter}"
        seen[base] = seen.get(base, 0) + 1
        result.append(base if seen[base] == 1 else f"{base}-{seen[base]}")
    return result


def describe(
    doc: Document,
    *,
    doc_id: str,
    path: str,
    indexed_at: str | None = None,
    fetched_at: str | None = None,
) -> list[Encoded]:
    """A document's records without search terms: keys, filters and stored payloads.

    None of this depends on the lexicon, so the indexer builds it where it parses and leaves
    only the term analysis (`add_terms`) to the process that learns the vocabulary.
    """
    indexed_at = indexed_at or datetime.now(UTC).isoformat(timespec="seconds")
    common = {
        "doc_id": doc_id,
        # A file may be named after a person ("protokoll_19850412-1230.txt"): the name shown
        # is masked; the path, which finds the file again, is never shown.
        "source": privacy.mask_name(Path(doc.source).name),
        "source_url": _shown_url(doc.source_url),
        "forbund": doc.forbund,
        "forbund_slug": doc.forbund_slug,
        "kind": doc.kind,
        "date": doc.date,
        "doc_title": doc.title,
    }
    base = {"doc_id": doc_id, "kind": doc.kind, "forbund_slug": doc.forbund_slug, "date": doc.date}
    doc_payload = {
        **common,
        "path": path,
        "sha256": doc.sha256,
        "title": doc.title,
        "header": doc.header,
        "warnings": doc.warnings,
        "sections": len(doc.sections),
        "indexed_at": indexed_at,
        "fetched_at": fetched_at,
        "original_has_personal_numbers": doc.original_has_personal_numbers,
    }
    records = [Encoded(REC_DOC, doc_id, payload=_json(doc_payload), path=path, **base)]
    if has_head(doc):
        head = {**common, "anchor": HEAD_ANCHOR, "title": doc.title, "text": doc.header}
        records.append(Encoded(REC_HEAD, f"{doc_id}-{HEAD_ANCHOR}", payload=_json(head), **base))
    for ordinal, (section, anchor) in enumerate(
        zip(doc.sections, anchors(doc.sections), strict=True), start=1
    ):
        # A file may hold several meetings: a section is dated by its own (`index.meetings`).
        date = section.date or doc.date
        payload = {
            **common,
            "date": date,
            "id": f"{doc_id}-{anchor}",
            "anchor": anchor,
            "ordinal": ordinal,
            "label": section.label,
            "number": section.number,
            "title": section.title,
            "text": section.text,
            "page": section.page,
            "page_end": section.page_end,
            "page_starts": section.page_starts,
            "decisions": [{"id": d.id, "text": d.text} for d in section.decisions],
            # What a citation needs to tell apart two sections with one label (`search.answer`).
            "label_repeats": section.label_repeats,
        }
        records.append(
            Encoded(
                REC_SECTION,
                payload["id"],
                payload=_json(payload),
                has_decision=int(bool(section.decisions)),
                paragraph=section.number if section.label.startswith("§") else None,
                goal=section.number if section.label.startswith("Mål") else None,
                **base | {"date": date},
            )
        )
    return records


def rekey(records: list[Encoded], doc_id: str) -> None:
    """Give a document's records (`describe`) another document id: a moved file keeps its
    document's id (`index.ingest`). Rare, so the payloads are simply decoded again."""
    for record in records:
        old = record.doc_id
        record.ident = doc_id + record.ident.removeprefix(old)
        payload = json.loads(record.payload)
        payload["doc_id"] = doc_id
        if "id" in payload:
            payload["id"] = doc_id + payload["id"].removeprefix(old)
        record.payload = _json(payload)
        record.doc_id = doc_id


def has_head(doc: Document) -> bool:
    """Whether the document has a head worth a record: text before its first section."""
    return bool(doc.header.strip())


def zone_texts(doc: Document) -> list[tuple[tuple[str, str], ...]]:
    """(zone, text) pairs for each record `describe` made with search terms, in its order:
    the head (the document's title, then what precedes the first section), then the
    sections (title, decisions, body)."""
    head = [((HEAD_ZONE, f"{doc.title}\n{doc.header}"),)] if has_head(doc) else []
    return head + [
        (
            ("title", section.title),
            ("decision", "\n".join(d.text for d in section.decisions)),
            ("body", section.text),
        )
        for section in doc.sections
    ]


def add_terms(
    records: list[Encoded], texts: list[tuple[tuple[str, str], ...]], lexicon: Lexicon
) -> None:
    """Fill in the search terms of the head and section records `describe` made, from
    `zone_texts`."""
    searchable = [record for record in records if record.rec in _SEARCHABLE]
    for record, zones in zip(searchable, texts, strict=True):
        record.terms = [
            (field, joined)
            for zone, text in zones
            if text
            for field, joined in zip(
                _ZONE_FIELDS[zone], analysis.field_texts(text, lexicon), strict=True
            )
            if joined
        ]


# Each zone's search fields, one per kind of term in `analysis.field_texts`' order: the same
# name objects in every record, so pickling a batch of records for the writer writes each
# name once and unpickling makes it once (`pickle` memoises objects, not equal strings).
_ZONE_FIELDS = {
    zone: tuple(search_field(zone, kind) for kind in KINDS) for zone in (*ZONES, HEAD_ZONE)
}


def _json(payload: dict) -> bytes:
    return json.dumps(payload, ensure_ascii=False).encode("utf-8")


def _shown_url(url: str | None) -> str | None:
    """The URL a document was fetched from, or None when it holds an identity number
    ("…/protokoll-19121212-1212.pdf", "?pnr=…", also percent-encoded): masked, it would no
    longer lead to the file, so the document is shown without the link to its website. An
    encoded line break between a number's halves ("19121212%0A-1212") is read as one, as in
    a file's name (`privacy.mask_name`)."""
    if not url:
        return url
    plain = unquote(url)
    if privacy.contains_personal_number(url) or privacy.mask_name(plain) != plain:
        return None
    return url


def to_tantivy(encoded: Encoded) -> tantivy.Document:
    """Build the tantivy document (in the process that owns the writer)."""
    record = tantivy.Document()
    record.add_text("rec", encoded.rec)
    record.add_text("id", encoded.ident)
    record.add_text("doc_id", encoded.doc_id)
    if encoded.path:
        record.add_text("path", encoded.path)
    if encoded.forbund_slug:
        record.add_text("forbund_slug", encoded.forbund_slug)
    record.add_text("kind", encoded.kind)
    when = _date(encoded.date)
    if when is not None:
        record.add_date("date", when)
        record.add_integer("year", when.year)
    if encoded.has_decision is not None:
        record.add_integer("has_decision", encoded.has_decision)
    if encoded.paragraph is not None:
        record.add_integer("paragraph", encoded.paragraph)
    if encoded.goal is not None:
        record.add_integer("goal", encoded.goal)
    record.add_bytes("payload", encoded.payload)
    for fieldname, joined in encoded.terms:
        record.add_text(fieldname, joined)
    return record


def _date(value: str | None) -> datetime | None:
    if not value:
        return None
    return datetime.fromisoformat(value).replace(tzinfo=UTC)


def delete_document(writer: tantivy.IndexWriter, doc_id: str) -> None:
    """Remove a document and all its sections (they share the `doc_id` key)."""
    writer.delete_documents_by_term("doc_id", doc_id)


def vocabulary_words(texts: Iterable[str]) -> set[str]:
    """Words of a document's section texts that could teach the decompounder: lower-case,
    alphabetic, 4+ letters.

    The indexer teaches only words that occur in two documents: a word seen once is often a
    fragment of a badly extracted PDF and must not become a compound part.
    """
    return set(_VOCABULARY.findall("\n".join(["", *texts])))


# Lower-case alphabetic words of four or more letters, not glued to digits or hyphens: the
# character before the word is matched (a "\n" put first stands for the text's start), not
# looked behind at, so that the regex engine skips the characters that cannot come before
# a word without starting a match at each of them. The words and their order are those of
# the look-behind "(?<![\w-])[a-zåäöéü]{4,}(?![\w-])": a sixth fewer instructions over
# every section of a run, where this is a twentieth of an ingest.
_VOCABULARY = re.compile(r"[^\w-]([a-zåäöéü]{4,})(?![\w-])")
