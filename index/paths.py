"""Where an indexed file lives, as the index keeps it: without identity numbers.

A file may be named after a person ("protokoll_19850412-1230.pdf", a folder per case). The
index needs each file's path to serve the original, to skip it when unchanged and to prune it
when gone, but no identity number may reach the index: such a path is kept with the number
masked (`stored_path`), and the file is found again by looking for the names that mask to
it (`locate`), the one with the indexed content first. Paths without a number, nearly all,
are kept and used as they are.
"""

from __future__ import annotations

import glob
import hashlib
import os
from pathlib import Path

from index import privacy


def stored_path(path: str) -> str:
    """The path as the index keeps it: with any identity number masked."""
    return privacy.mask_personal_numbers(path)


def candidates(stored: str) -> list[Path]:
    """The existing paths that mask to `stored`: the path itself when it holds no mask."""
    if privacy.MASK not in stored:
        return [Path(stored)]
    # Each mask stood for a number written in one of many ways: a glob with a wildcard for
    # it, then only the names whose masked form is the stored one.
    pattern = "*".join(glob.escape(piece) for piece in stored.split(privacy.MASK))
    return sorted(Path(p) for p in glob.glob(pattern) if stored_path(p) == stored)


def locate(stored: str, sha256: str | None = None) -> Path | None:
    """The file a stored path stands for, if it is still there: of several names that mask
    alike, the one whose content was indexed (`sha256`), else the first."""
    found = [p for p in candidates(stored) if p.is_file()]
    if len(found) > 1 and sha256:
        same = [p for p in found if _sha256(p) == sha256]
        found = same or found
    return found[0] if found else None


def is_gone(stored: str) -> bool:
    """Whether the file a stored path stands for is certainly gone. A file that cannot be
    looked at (in a folder the user may not read) is not: pruning must never delete what it
    cannot see."""
    if privacy.MASK in stored:
        return not candidates(stored) and _parent_is_seen(stored)
    try:
        os.stat(stored)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return False


def _parent_is_seen(stored: str) -> bool:
    """Whether the folder above the first masked part could be looked through (or is gone,
    and the file with it): only then does finding no name in it mean the file is gone."""
    parts = Path(stored).parts
    first = next(i for i, part in enumerate(parts) if privacy.MASK in part)
    try:
        os.listdir(Path(*parts[:first]) if first else Path("."))
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:
        return False
    return True


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None
