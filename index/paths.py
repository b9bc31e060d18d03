"""Where an indexed file lives, as the index keeps it: without identity numbers.

A file may be named after a person ("protokoll_19850412-1230.pdf", a folder per case). The
index needs each file's path to serve the original, to skip it when unchanged and to prune it
when gone, and makes the document's id of it, but no identity number may reach the index or a
URL. Such a path is kept with each name's number masked and, after a "#", its rank among the
existing paths that mask alike (`stored_path`): "/arkiv/XXXXXX-XXXX/protokoll.pdf#2" is the
second of the case folders' protocols, in name order. The file is found again by looking for
those names (`locate`). Paths without a number, nearly all, are kept and used as they are.

A rank moves when a look-alike is added or removed before it: the next indexing run then gives
the files their new keys, as if they had been renamed.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from index import privacy

_RANK = "#"


def stored_path(path: str) -> str:
    """The path as the index keeps it: each name with any identity number masked and, if one
    was, the path's rank among those that mask alike."""
    masked = _masked(path)
    if masked == path:
        return path
    alike, _ = _look_alikes(masked)
    rank = alike.index(Path(path)) + 1 if Path(path) in alike else 1
    return f"{masked}{_RANK}{rank}"


def shown_path(path: str) -> str:
    """The path as a document's `source` shows it: as `stored_path` masks it, without the
    rank. Masking the whole path as one line would miss a number spread over a folder level
    and a line break at once ("1912/1212\n-1212.pdf")."""
    return privacy.mask_name(_masked(path))


def _masked(path: str) -> str:
    # Name by name: a folder and a file in it are never read as one number by the patterns
    # for a line ("2024/0412-1230.pdf" is no date with a slash), but a number may be spread
    # over two or three levels ("850412/1230.pdf"), as over lines.
    names = [_masked_name(part) for part in path.split(os.sep)]
    return os.sep.join(_masked_across(names))


def _masked_name(name: str) -> str:
    """One name with its numbers masked, also one that a line break in the name cuts
    ("19121212\n-1212.pdf", allowed on most file systems): the pieces and the break between
    them become one mask, which `_look_alikes` looks for."""
    split = privacy.mask_split_name(name)
    return privacy.mask_personal_numbers(_piece_masked(name, split))


def _masked_across(names: list[str]) -> list[str]:
    """The names with each one's piece of a number spread over levels masked, read as a
    number split over lines ("850412" / "1230.pdf" becomes "XXXXXX-XXXX" / "XXXXXX-XXXX.pdf").
    A line break inside a name (allowed, never seen) is one more cut: "1912" / "1212\n-1212.pdf"
    is a number over a level and a line at once."""
    if len(names) < 2:
        return names
    joined = "\n".join(names)
    masked = privacy.mask_split_name(joined)
    if masked == joined:
        return names
    if len(masked) != len(joined):  # read without invisible characters: split by lines
        return [_piece_masked(*pair) for pair in zip(names, _pieces(names, masked), strict=True)]
    out, at = [], 0
    for name in names:
        out.append(_piece_masked(name, masked[at : at + len(name)]))
        at += len(name) + 1
    return out


def _pieces(names: list[str], masked: str) -> list[str]:
    """`masked` (the names joined by line breaks, read without invisible characters) cut
    back into one piece per name. Every line break, in a name or between two, is one "\n"
    there, so a name with a line break of its own takes as many lines more: cut by the
    joining breaks alone, such a path was left unmasked."""
    lines = masked.split("\n")
    pieces, at = [], 0
    for name in names:
        count = 1 + len(privacy.LINE_BREAKS.findall(name))
        pieces.append("\n".join(lines[at : at + count]))
        at += count
    return pieces


def _piece_masked(name: str, xed: str) -> str:
    """`name` with the digits that `xed` turned into X, and what lies between them, made one
    mask: each masked name holds `privacy.MASK`, which `_look_alikes` looks for. `xed` may be
    shorter (read without invisible characters): what differs is what lies between the
    longest start and end the two share."""
    if xed == name:
        return name
    head = _shared(name, xed)
    tail = _shared(name[head:][::-1], xed[head:][::-1])
    return name[:head] + privacy.MASK + name[len(name) - tail :]


def _shared(a: str, b: str) -> int:
    """How many characters `a` and `b` share at their start."""
    return next(
        (i for i, (x, y) in enumerate(zip(a, b, strict=False)) if x != y), min(len(a), len(b))
    )


def locate(stored: str) -> Path | None:
    """The file a stored path stands for, if it is still there."""
    masked, rank = _unranked(stored)
    if rank is None:
        return Path(stored) if Path(stored).is_file() else None
    alike, _ = _look_alikes(masked)
    found = alike[rank - 1] if rank <= len(alike) else None
    return found if found is not None and found.is_file() else None


def is_gone(stored: str) -> bool:
    """Whether the file a stored path stands for is certainly gone. A file that cannot be
    looked at (in a folder the user may not read) is not: pruning must never delete what it
    cannot see."""
    masked, rank = _unranked(stored)
    if rank is None:
        try:
            os.stat(stored)
        except (FileNotFoundError, NotADirectoryError):
            return True
        except OSError:
            return False
        return False
    alike, complete = _look_alikes(masked)
    return complete and rank > len(alike)


def _unranked(stored: str) -> tuple[str, int | None]:
    """(the masked path, its rank), or (the path, None) for a path kept as it is."""
    masked, _, rank = stored.rpartition(_RANK)
    if privacy.MASK in masked and rank.isdecimal():
        return masked, int(rank)
    return stored, None


def _look_alikes(masked: str) -> tuple[list[Path], bool]:
    """The existing paths whose masked form is `masked`, in name order, and whether every
    folder on the way could be looked through (if not, a match may be hidden there)."""
    parts = masked.split(os.sep)
    found = [Path(os.sep) if parts[0] == "" else Path(".")]
    complete = True
    for part in filter(None, parts):
        alike = _alike(part) if privacy.MASK in part else None
        matched: list[Path] = []
        for folder in found:
            try:
                if alike is not None:
                    names = [name for name in os.listdir(folder) if alike(name)]
                else:
                    os.lstat(folder / part)
                    names = [part]
            except (FileNotFoundError, NotADirectoryError):
                continue
            except OSError:
                complete = False
                continue
            matched += [folder / name for name in names]
        found = matched
    # Each name was tried on its own: a number spread over levels is checked on the whole.
    found = [path for path in found if _names(_masked(str(path))) == _names(masked)]
    return sorted(found), complete


def _names(path: str) -> list[str]:
    return [name for name in path.split(os.sep) if name not in ("", ".")]


def _alike(part: str) -> Callable[[str], bool]:
    """A test of whether a name may mask to `part`: a cheap pattern with a wildcard for each
    mask first, then masking the few names that fit it. A name with digits left after its
    own masking may hold a piece of a number spread over levels: it passes, and the whole
    path is checked (`_look_alikes`)."""
    pieces = part.split(privacy.MASK)

    def alike(name: str) -> bool:
        if not _fits(pieces, name):
            return False
        own = _masked_name(name)
        return own == part or any(char.isdigit() for char in own)

    return alike


def _fits(pieces: list[str], name: str) -> bool:
    """Whether `name` is `pieces` in order with anything between them (at least two pieces):
    the first at its start, the last at its end, each other at its first place after the one
    before, which finds a way whenever there is one. A regular expression with ".*" between
    the pieces backtracked through every way to place them: a name of seven masks tried on a
    folder's 100-character names took a second per name."""
    first, *middle, last = pieces
    at, end = len(first), len(name) - len(last)
    if end < at or not name.startswith(first) or not name.endswith(last):
        return False
    for piece in middle:
        found = name.find(piece, at, end)
        if found == -1:
            return False
        at = found + len(piece)
    return True
