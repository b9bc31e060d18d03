"""The archive folder of one förbund and its provenance record.

Next to the downloaded files, `.finsok-fetch.json` keeps for each file its original URL, fetch
time, ETag and Last-Modified: the record makes the next crawl ask conditionally (so unchanged
files cost a 304) and gives the index each document's `source_url`. Files and the record are
written to a temporary name and renamed, so nothing already downloaded is ever lost.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import tempfile
import unicodedata
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urlsplit

from index.links import FILE_SUFFIXES, PAGE_SUFFIXES

SIDECAR = ".finsok-fetch.json"


class Archive:
    """One förbund's download folder and its sidecar: file name → fetch record."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.problem: str | None = None
        self.records = self._load()
        self._by_url = {record.get("url"): name for name, record in self.records.items()}

    def _load(self) -> dict[str, dict]:
        path = self.folder / SIDECAR
        records, self.problem = read_sidecar(path)
        if self.problem:
            # Keep the damaged file for inspection instead of overwriting it.
            with contextlib.suppress(OSError):
                os.replace(path, path.with_name(path.name + ".skadad"))
        return records

    def lookup(self, url: str) -> tuple[str, dict] | None:
        """The file name and record of a URL downloaded before, if its file is still there."""
        name = self._by_url.get(url)
        if name is None or not (self.folder / name).is_file():
            return None
        return name, self.records[name]

    def name_for(self, url: str, suffix: str) -> str:
        """A stable, readable file name for a URL; a hash tells apart URLs that share one."""
        previous = self._by_url.get(url)
        if previous and previous.endswith(suffix):
            return previous
        name = file_name(url, suffix)
        taken = self.records.get(name, {}).get("url") not in (None, url) or (
            name not in self.records and (self.folder / name).exists()
        )
        if taken:
            stem = name[: -len(suffix)]
            name = f"{stem}-{_short_hash(url)}{suffix}"
        return name

    def save(self, name: str, body: bytes, record: dict) -> None:
        """Write the file atomically, then its record (also atomically)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        _atomic_write(self.folder / name, body)
        self.update(name, record)

    def update(self, name: str, record: dict) -> None:
        self.records[name] = record
        self._by_url[record["url"]] = name
        payload = json.dumps(self.records, ensure_ascii=False, indent=1, sort_keys=True)
        _atomic_write(self.folder / SIDECAR, payload.encode("utf-8"))


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
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def file_name(url: str, suffix: str) -> str:
    """The URL's last path segment, made safe, with `suffix`; query URLs get a hash added."""
    parts = urlsplit(url)
    segment = unquote(parts.path.rstrip("/").rsplit("/", 1)[-1])
    segment = unicodedata.normalize("NFC", segment)
    known = PurePosixPath(segment).suffix
    if known.lower() in (*FILE_SUFFIXES, *PAGE_SUFFIXES) and known:
        segment = segment[: -len(known)]
    stem = re.sub(r"[^\w.-]+", "-", segment).strip(".-")[:100]
    if parts.query or not stem:
        stem = f"{stem or 'dokument'}-{_short_hash(url)}"
    return stem + suffix


def _short_hash(url: str) -> str:
    return hashlib.sha1(url.encode("utf-8")).hexdigest()[:8]


def archive_provenance() -> Callable[[Path], dict]:
    """A `provenance` for `ingest`: each archived file's source URL and fetch time.

    Sidecars are read once per folder; files without a record (put there by hand) get {}.
    """
    cache: dict[Path, dict] = {}

    def provenance(path: Path) -> dict:
        folder = Path(path).parent
        if folder not in cache:
            cache[folder] = read_sidecar(folder / SIDECAR)[0]
        record = cache[folder].get(Path(path).name)
        if not record:
            return {}
        return {"source_url": record.get("url"), "fetched_at": record.get("fetched_at")}

    return provenance
