"""The archive folder of one förbund and its provenance record.

Next to the downloaded files, `.finsok-fetch.json` keeps for each file its original URL, fetch
time, ETag and Last-Modified: the record makes the next crawl ask conditionally (so unchanged
files cost a 304) and gives the index each document's `source_url`. Files and the record are
written to a temporary name and renamed, so nothing already downloaded is ever lost.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable, Iterator
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

SIDECAR = ".finsok-fetch.json"
# What links to archived files end in: documents, fetched from any host (sites use CDNs), and
# HTML pages, on the site only. The crawler's `links` sorts a page's links by them; `file_name`
# swaps them for the suffix of what the server really sent.
FILE_SUFFIXES = (".pdf", ".txt")
PAGE_SUFFIXES = ("", ".html", ".htm", ".php", ".asp", ".aspx")


class Archive:
    """One förbund's download folder and its sidecar: file name → fetch record.

    A record's `url` is where its file was downloaded from; `aliases` lists other URLs that
    served exactly the same bytes (a redirect, `?version=`, a copy), which are not stored again.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problem: str | None = None
        self.records = self._load()
        self._by_url: dict[str, str] = {}
        for name, record in self.records.items():
            self._by_url[record.get("url")] = name
        for name, record in self.records.items():
            for alias in record.get("aliases") or ():
                self._by_url.setdefault(alias, name)
        self._untracked: dict[str, str] | None = None  # sha256 → file without a record

    def _load(self) -> dict[str, dict]:
        path = self.folder / SIDECAR
        records, self.problem = read_sidecar(path)
        if self.problem:
            # Keep the damaged file for inspection instead of overwriting it.
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.name + ".skadad"))
        return records

    def lookup(self, url: str) -> tuple[str, dict] | None:
        """The file name and record of a URL downloaded before (or an alias of one), if its
        file is still there."""
        name = self._by_url.get(url)
        if name is None or name not in self.records or not (self.folder / name).is_file():
            return None
        return name, self.records[name]

    def same_content(self, sha256: str, suffix: str) -> str | None:
        """A file already in the folder with exactly these bytes, so they are not stored twice.

        Records are asked first; files without one (the sidecar was damaged or lost, or a crawl
        was interrupted) are hashed once, on first need, so a lost sidecar costs no copies.
        """
        for name, record in self.records.items():
            same = record.get("sha256") == sha256 and name.endswith(suffix)
            if same and (self.folder / name).is_file():
                return name
        if self._untracked is None:
            self._untracked = self._hash_untracked()
        name = self._untracked.get(sha256)
        if name and name.endswith(suffix) and name not in self.records:
            return name
        return None

    def _hash_untracked(self) -> dict[str, str]:
        """sha256 → name for the folder's files without a record (shortest name first)."""
        found: dict[str, str] = {}
        try:
            paths = sorted(self.folder.iterdir(), key=lambda p: (len(p.name), p.name))
        except OSError:
            return found
        for path in paths:
            if path.name.startswith(".") or path.name in self.records or not path.is_file():
                continue
            with contextlib.suppress(OSError):
                found.setdefault(_file_sha256(path), path.name)
        return found

    def name_for(self, url: str, suffix: str, hint: str | None = None) -> str:
        """A stable, readable file name for a URL (or for the server's own name, `hint`); a
        hash tells apart URLs that share one."""
        previous = self._by_url.get(url)
        if previous and previous.endswith(suffix) and self._primary(previous) == url:
            return previous
        name = file_name(url, suffix, hint)
        taken = self.records.get(name, {}).get("url") not in (None, url) or (
            name not in self.records and (self.folder / name).exists()
        )
        if taken:
            stem = name[: -len(suffix)]
            name = f"{stem}-{_short_hash(url)}{suffix}"
        return name

    def _primary(self, name: str) -> str | None:
        return self.records.get(name, {}).get("url")

    def save(self, name: str, body: bytes, record: dict) -> None:
        """Write the file atomically, then its record (also atomically)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.folder / name, body)
        self.update(name, record)

    def add_alias(self, name: str, url: str) -> None:
        """Record that `url` served the same bytes as the file `name` (not stored again)."""
        record = self.records[name]
        if url == record.get("url") or url in (record.get("aliases") or ()):
            return
        self.update(name, {**record, "aliases": sorted({*(record.get("aliases") or ()), url})})

    def drop_alias(self, url: str) -> None:
        """Forget `url` as an alias: it now serves other bytes than the file it pointed to."""
        name = self._by_url.get(url)
        if name is None or self._primary(name) == url:
            return
        del self._by_url[url]
        record = dict(self.records[name])
        aliases = [a for a in record.pop("aliases", None) or () if a != url]
        self.update(name, {**record, "aliases": aliases} if aliases else record)

    def remove(self, name: str) -> None:
        """Delete the file `name` and its record (with the aliases that pointed to it): what a
        crawl now knows is not a document (a landing page an older crawl stored). The index
        drops its document when the missing file is pruned."""
        (self.folder / name).unlink(missing_ok=True)
        record = self.records.pop(name, None) or {}
        for url in (record.get("url"), *(record.get("aliases") or ())):
            if self._by_url.get(url) == name:
                del self._by_url[url]
        payload = json.dumps(self.records, ensure_ascii=False, indent=1, sort_keys=True)
        _atomic_write(self.folder / SIDECAR, payload.encode("utf-8"))

    def update(self, name: str, record: dict) -> None:
        self.records[name] = record
        self._by_url[record["url"]] = name
        for alias in record.get("aliases") or ():
            self._by_url.setdefault(alias, name)
        payload = json.dumps(self.records, ensure_ascii=False, indent=1, sort_keys=True)
        _atomic_write(self.folder / SIDECAR, payload.encode("utf-8"))


@contextlib.contextmanager
def crawl_lock(folder: Path) -> Iterator[bool]:
    """Hold the lock for crawling into `folder`; yields False when another crawl holds it.

    Two crawls of one source at once (cron and a run by hand) would each store every file and
    overwrite each other's records. The lock file sits beside the folder, so a crawl that finds
    nothing leaves no empty folder, and it is released by the OS if the process dies.
    """
    lock_path = folder.parent / f".{folder.name}.lock"
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a+b") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            yield False
            return
        try:
            yield True
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _file_sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
    return digest.hexdigest()


def read_sidecar(path: Path) -> tuple[dict[str, dict], str | None]:
    """The records of a sidecar file, and what is wrong with it (None when fine or absent)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}, None
    except (OSError, ValueError) as exc:
        return {}, f"provenansfilen är skadad ({type(exc).__name__}); börjar om"
    if not isinstance(data, dict):
        return {}, "provenansfilen har fel form; börjar om"
    return {name: rec for name, rec in data.items() if isinstance(rec, dict)}, None


def _atomic_write(path: Path, data: bytes) -> None:
    """Write to a hidden temporary file beside `path` and rename: never a half-written file."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".part")
    try:
        os.fchmod(fd, 0o666 & ~_umask())  # mkstemp's 0600 would hide originals from a web server
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    """The process umask (reading it means setting it; set straight back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def file_name(url: str, suffix: str, hint: str | None = None) -> str:
    """The URL's last path segment (or the server's name for the file, `hint`), made safe,
    with `suffix`; query URLs without a `hint` get a hash added."""
    parts = urlsplit(url)
    segment = hint or _unquoted(parts.path.rstrip("/").rsplit("/", 1)[-1])
    segment = unicodedata.normalize("NFC", segment)
    known = PurePosixPath(segment).suffix
    if known.lower() in (*FILE_SUFFIXES, *PAGE_SUFFIXES) and known:
        segment = segment[: -len(known)]
    stem = re.sub(r"[^\w.-]+", "-", segment).strip(".-")[:100]
    if (parts.query and not hint) or not stem:
        stem = f"{stem or 'dokument'}-{_short_hash(url)}"
    return stem + suffix


def _unquoted(segment: str) -> str:
    """A path segment's escapes decoded as UTF-8, or else as Latin-1, which older Windows
    servers use (`Protokoll%20%E5rsm%F6te.pdf` is "Protokoll årsmöte.pdf", not "Protokoll
    ?rsm?te.pdf")."""
    try:
        return unquote(segment, errors="strict")
    except UnicodeDecodeError:
        return unquote(segment, encoding="latin-1")


def _short_hash(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]


def archive_provenance() -> Callable[[Path], dict]:
    """A `provenance` for `ingest`: each archived file's source URL and fetch time.

    Sidecars are read once per folder; files without a record (put there by hand) get {}.
    A sidecar is only a file in the folder being indexed, written by anyone who can write
    there, and its URL becomes a link on the document's page: one that is not an http(s)
    address with a host (`javascript:`, `data:`) is dropped, with a `note` that says why.
    """
    cache: dict[Path, dict] = {}

    def provenance(path: Path) -> dict:
        folder = Path(path).parent
        if folder not in cache:
            cache[folder] = read_sidecar(folder / SIDECAR)[0]
        record = cache[folder].get(Path(path).name)
        if not record:
            return {}
        found = {"source_url": record.get("url"), "fetched_at": record.get("fetched_at")}
        problem = source_url_problem(found["source_url"])
        if problem:
            found["source_url"] = None
            found["note"] = f"{folder / SIDECAR}: {problem}"
        return found

    return provenance


def source_url_problem(url: object) -> str | None:
    """Why a sidecar's `url` cannot be a document's source link, or None when it can (or is
    absent): only an http or https address with a host is shown to readers as a link."""
    if url is None:
        return None
    if not isinstance(url, str):
        return "källadressen är ingen text och används inte — rätta posten för filen"
    parts = urlsplit(url.strip())
    if parts.scheme.lower() not in ("http", "https"):
        scheme = f"{parts.scheme[:20]}:" if parts.scheme else "en relativ adress"
        return (
            f"källadressen är inte http eller https ({scheme}) och används inte — rätta "
            "posten för filen"
        )
    try:
        host = parts.hostname
    except ValueError:
        host = None
    if not host or any(ord(c) < 32 or c == "\x7f" for c in url):
        return (
            "källadressen saknar värdnamn eller är trasig och används inte — rätta posten för filen"
        )
    return None
