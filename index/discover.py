"""The folder walk of `finsok index`: which files a run reads, and what is wrong with a path.

`discover` turns the given files and folders into the supported files under them, in a stable
order, and records on the run's `Summary` what could not be read (a failure) or is worth telling
(a note); `path_problem` is what the CLI asks of each given path before it opens the index.
"""

from __future__ import annotations

import errno
import os
import shlex
import stat
import unicodedata
from collections.abc import Collection, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from index.errors import os_reason
from index.paths import is_gone, stored_path
from index.sources import NOT_A_FILE, SUPPORTED_SUFFIXES

if TYPE_CHECKING:
    from index.ingest import Summary

MISSING = "filen eller mappen finns inte — kontrollera sökvägen"
# A missing path the index still holds documents of (`gone_but_indexed`): no typing mistake,
# but a file or folder deleted since it was indexed, whose documents stay until a run prunes.
GONE_FILE = "filen finns inte längre, men dess dokument finns kvar i indexet — ta bort det med "
GONE_FOLDER = "mappen finns inte längre, men {count} dokument från den finns kvar i indexet — "
GONE_FOLDER += "ta bort dem med "
# What the prune command names when the nearest folder is too wide to index (`_prune_folder`).
ANY_FOLDER = "MAPP (mappen med protokollen)"
# A file the walk found that was gone when it was to be read: moved or deleted meanwhile,
# which is not the user's typing mistake that `MISSING` is.
VANISHED = (
    "filen försvann under körningen (flyttades eller togs bort efter att den hittats) — "
    "indexera igen om den ska med"
)
BAD_NAME = "filnamnet är inte giltig UTF-8 — byt namn på filen (t.ex. med convmv) och indexera igen"
NOTHING_TO_READ = (
    f"mappen har inga filer att indexera ({', '.join(SUPPORTED_SUFFIXES)}) — "
    "ange mappen med protokollen"
)
UNREADABLE_FOLDER = "kan inte läsa mappen: åtkomst nekad — kontrollera behörigheterna"
BROKEN_LINK = "symbolisk länk till något som inte finns — hoppas över"
LINK_LOOP = "symbolisk länk i en slinga — hoppas över"
SEEN_FOLDER = "länk till en mapp som redan gås igenom (en slinga) — hoppas över"


def is_utf8_name(path: str) -> bool:
    """Whether a path (as Python decodes file names) is valid UTF-8: a Latin-1 name such as
    m\\xf6te.txt arrives with surrogates, which neither the id nor tantivy can take."""
    try:
        path.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def shown(path: str) -> str:
    """A path (or a line naming one) as it can be printed on one line: bytes that are not
    UTF-8 as \\xNN, and controls, format characters and line separators (a line feed, an
    escape sequence, a bidi override in a file name) escaped as Python writes them, so a
    failure stays one line and a name cannot drive the terminal."""
    try:
        raw = os.fsencode(path)
    except UnicodeEncodeError:  # a lone surrogate that no file name decodes to
        raw = path.encode("utf-8", errors="surrogatepass")
    text = raw.decode("utf-8", errors="backslashreplace")
    if text.isprintable():  # the usual case, one pass in C
        return text
    return "".join(_escaped(c) if _unprintable(c) else c for c in text)


def _unprintable(char: str) -> bool:
    """Whether `char` would break the line or act on the terminal (a space of any kind, such
    as a no-break space, prints as one)."""
    return not char.isprintable() and unicodedata.category(char) not in ("Zs",)


def _escaped(char: str) -> str:
    """A character as Python writes it in a string literal: \\n, \\x1b, \\u202e."""
    return repr(char)[1:-1]


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
            # Counted by the walk, not by what `found` gained: a folder whose files were
            # also given one by one before it has files to index all the same.
            files = _walk(path, path.resolve(), found, summary, set())
            if not files and not _failed_under(summary, path):
                summary.notes.append((str(path), NOTHING_TO_READ))
        else:
            found[path.resolve()] = None
    return list(found)


def _walk(
    shown_as: Path,
    real: Path,
    found: dict[Path, None],
    summary: Summary,
    ancestors: set[tuple[int, int]],
) -> int:
    """Collect the supported files under one folder, depth first, names sorted at each level
    (the order `sorted(rglob)` gave), and return how many there are (also those already
    found through another given path).

    Symbolic links to files and folders are followed, a folder link once per path: a link back
    to a folder being walked (a loop) is reported and skipped. Broken links, link loops and
    FIFOs, sockets or devices with a supported suffix get one note each and are never opened
    (a FIFO would block the run). A folder that cannot be listed is a failure."""
    try:
        info = os.stat(real)
        entries = sorted(os.scandir(real), key=lambda entry: entry.name)
    except PermissionError:
        summary.failed.append((str(shown_as), UNREADABLE_FOLDER))
        return 0
    except OSError as exc:
        summary.failed.append((str(shown_as), f"kan inte läsa mappen: {os_reason(exc)}"))
        return 0
    ancestors = ancestors | {(info.st_dev, info.st_ino)}
    files = 0
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
                files += _walk(where, _real(entry), found, summary, ancestors)
        elif not supported:
            continue
        elif stat.S_ISREG(mode):
            found[_real(entry)] = None
            files += 1
        else:
            summary.notes.append((str(where), NOT_A_FILE))
    return files


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


def gone_but_indexed(path: Path, indexed: Collection[str], index_flag: str = "") -> str | None:
    """Why `path`, which does not exist, is no typing mistake: the index (its stored paths
    `indexed`) still holds the document of the file that was there, or documents of files
    under the folder that was, whose files are certainly gone; None when it holds none, and
    `MISSING` says it. "finns inte — kontrollera sökvägen" sent a user who had deleted a
    file to look for a typo, while its document was still found. The reason names the
    command that removes them: a run with --prune over a folder that exists (`--prune` on
    the missing path alone reads nothing, so the run never starts), with `index_flag`
    (" --index DIR") when the user gave one."""
    where = path.resolve()
    exact, under = stored_path(str(where)), str(where).rstrip(os.sep) + os.sep
    found = [key for key in indexed if (key == exact or key.startswith(under)) and is_gone(key)]
    if not found:
        return None
    command = f"`finsok index --prune {_prune_folder(path)}{index_flag}`"
    if found == [exact]:
        return GONE_FILE + command
    return GONE_FOLDER.format(count=len(found)) + command


def _prune_folder(path: Path) -> str:
    """The folder a pruning run may read instead of the missing `path`: the nearest one above
    it that exists, as the user wrote it (relative stays relative), quoted for the shell;
    `ANY_FOLDER` when that is as wide as "/", a top folder or the home folder, whose run
    would read every file under it into the index."""
    folder = path.parent
    while not folder.is_dir() and folder != folder.parent:
        folder = folder.parent
    if too_wide_to_index(folder.resolve()):
        return ANY_FOLDER
    return shlex.quote(shown(str(folder)))


def too_wide_to_index(folder: Path) -> bool:
    """Whether `folder` (absolute) is as wide as "/", a top folder ("/home") or the home
    folder or one above it: a command that tells the user to index it would read every file
    under it into the index."""
    home = Path(os.path.expanduser("~")).resolve()
    return len(folder.parts) < 3 or home.is_relative_to(folder)


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
