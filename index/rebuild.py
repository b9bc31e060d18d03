"""`finsok index --rebuild`: the new index is built beside the old one and swapped in at the end.

Emptying the index first left nothing to search until the rebuild ended, and nothing at all
when it was stopped. Instead the new index grows in a sibling folder (`.NAME.ombyggnad-…`,
hidden, next to the index), and when its last batch is committed the two folders trade names in
one atomic step (`renameat2` with `RENAME_EXCHANGE`); the old index, now under the sibling's
name, is then deleted. Until that step every search, and a running `finsok serve`, reads the old
index; from it on, the new one (a server's reader follows the folder's name, and sees a new
commit point there). A rebuild stopped at any moment (Ctrl+C, `kill -9`, a full disk) leaves the
old index or the new one in place, whole, and at most a sibling folder, which the next run on
the index removes. The price: room for two indexes while the rebuild runs.

The old index's writer lock is held from the start to the end, so a second indexer, or a second
rebuild, is told the index is busy, and nothing writes into an index about to be replaced.

Where the swap cannot be made (the parent folder may not be written, its file system has no
atomic exchange, or the index folder is a mount point, such as a container's volume, which
cannot be renamed) the rebuild empties the index in place and builds there, as before (see
`index.store.remove_index`).
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import re
import shutil
import tempfile
from pathlib import Path

from index.errors import FinsokError, os_reason
from index.store import (
    WriterClaim,
    holds_more_than_locks,
    is_index_folder,
    not_an_index_error,
    permission_error,
)

_SIBLING = ".ombyggnad-"  # what follows ".NAME" in the name of a rebuild's sibling folder


class Rebuild:
    """One rebuild of the index at `target`: `folder` is where the new index is written."""

    def __init__(self, target: Path, folder: Path, claim: WriterClaim | None) -> None:
        self.target = target
        self.folder = folder
        self._claim = claim

    @property
    def beside(self) -> bool:
        """Whether the new index is built beside the old one (else in its place)."""
        return self.folder != self.target

    @classmethod
    def begin(cls, index_dir: Path) -> Rebuild:
        """Check the folder is an index (or nothing yet), take its writer lock and make the
        sibling folder; or, where no old index needs keeping or no swap is possible, build in
        place (the caller then empties it with `remove_index`)."""
        target = Path(os.path.realpath(index_dir))  # a link to the index keeps pointing at it
        if not _holds_an_index(target):
            return cls(target, target, None)
        try:
            claim = WriterClaim(target)
        except PermissionError:
            raise permission_error(index_dir) from None
        try:
            remove_leftovers(target)
            folder = _sibling(target)
        except BaseException:
            claim.release()
            raise
        if folder is None:
            claim.release()
            return cls(target, target, None)
        return cls(target, folder, claim)

    def finish(self) -> None:
        """Swap the new index in, then delete the old one. Call only after the writer of the
        new index is gone (`wait_merging_threads`): it writes by folder name, which the swap
        gives to the old index."""
        if not self.beside:
            return
        try:
            try:
                _exchange(self.folder, self.target)
            except OSError as exc:  # checked in `_sibling`; a mount made since, say
                with contextlib.suppress(OSError):
                    _remove(self.folder)
                raise FinsokError(
                    f"Det ombyggda indexet kunde inte bytas in i {self.target} "
                    f"({os_reason(exc)}); det gamla indexet är kvar — kör `finsok index "
                    "--rebuild ...` igen"
                ) from None
            # The old index, under the sibling's name; if it cannot be deleted now (or
            # another run's `remove_leftovers` is at it), the next run deletes it.
            with contextlib.suppress(OSError):
                _remove(self.folder)
        finally:
            self._release()

    def abandon(self) -> None:
        """The rebuild stopped: delete what it built and leave the old index as it was."""
        if not self.beside:
            return
        try:
            _remove(self.folder)
        finally:
            self._release()

    def _release(self) -> None:
        if self._claim is not None:
            self._claim.release()
            self._claim = None


def _holds_an_index(target: Path) -> bool:
    """Whether `target` holds an index (whole or not) to keep searchable while rebuilding.
    A folder with anything else in it is refused: a rebuild deletes the folder it replaces,
    and `--index ~` given by mistake must not delete a home folder."""
    try:
        if not target.exists():
            return False
        if not target.is_dir():
            return False  # `Store.open` names the problem
        if not is_index_folder(target):
            raise not_an_index_error(target)
        # More than the lock files an emptied index keeps: something worth keeping.
        return holds_more_than_locks(target)
    except PermissionError:
        raise permission_error(target) from None


def _sibling(target: Path) -> Path | None:
    """A new, empty sibling folder with the index folder's permissions, or None when the
    parent may not be written, its file system cannot swap two folders atomically, or the
    index folder is a mount point (renaming one fails with EBUSY, after the whole build)."""
    if _is_mount_point(target):
        return None
    try:
        folder = Path(tempfile.mkdtemp(prefix=f".{target.name}{_SIBLING}", dir=target.parent))
    except OSError:
        return None
    try:
        probe = Path(tempfile.mkdtemp(prefix=f".{target.name}{_SIBLING}", dir=target.parent))
        try:
            _exchange(folder, probe)
        finally:
            probe.rmdir()
        info = os.stat(target)
        os.chmod(folder, info.st_mode & 0o7777)
        with contextlib.suppress(OSError):  # root rebuilding a service's index keeps its owner
            os.chown(folder, info.st_uid, info.st_gid)
    except OSError:
        with contextlib.suppress(OSError):
            folder.rmdir()
        return None
    return folder


def _is_mount_point(target: Path) -> bool:
    """Whether `target` (resolved) is a mount point: another file system (`ismount`), or a
    bind mount of a folder of the same one, which only the kernel's mount table tells."""
    if os.path.ismount(target):
        return True
    try:
        with open("/proc/self/mountinfo", "rb") as table:
            points = {line.split()[4] for line in table if len(line.split()) > 4}
    except OSError:
        return False
    # The table writes a space, tab, line feed and backslash in a mount point as \ooo.
    name = re.sub(rb"[ \t\n\\]", lambda m: b"\\%03o" % m[0][0], os.fsencode(target))
    return name in points


def remove_leftovers(target: Path) -> None:
    """Delete the sibling folders a stopped rebuild left (a new index half built, or the old
    one not yet deleted). Only while holding the index's writer lock, which every rebuild
    holds until its sibling is gone; and only folders holding nothing but index files."""
    prefix = f".{target.name}{_SIBLING}"
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.is_dir(follow_symlinks=False):
            with contextlib.suppress(OSError, FinsokError):
                _remove(Path(entry.path))


def _remove(folder: Path) -> None:
    """Delete a rebuild's sibling folder, if it holds only index files (else leave it)."""
    if is_index_folder(folder):
        shutil.rmtree(folder)


_RENAME_EXCHANGE = 2
_AT_FDCWD = -100


def _exchange(first: Path, second: Path) -> None:
    """Swap two folders' names in one step (Linux `renameat2(RENAME_EXCHANGE)`): at no
    moment is there no index at either name. OSError where it is not supported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except AttributeError:  # a C library without it (glibc before 2.28, musl before 1.2.?)
        raise OSError(38, "renameat2 saknas") from None
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result != 0:
        errno = ctypes.get_errno()
        raise OSError(errno, os.strerror(errno), str(first))
