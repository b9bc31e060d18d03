"""`finsok index --rebuild`: built beside the old index and swapped in, so the old one stays
searchable until the new one is whole, whatever stops the rebuild; and what it may delete."""

from __future__ import annotations

import gc
import os
import subprocess
import time
from pathlib import Path

import pytest

from index import rebuild as rebuild_module
from index.errors import FinsokError
from index.ingest import ingest
from index.store import META_FILE, Store
from tests.conftest import FINSOK, SAMPLE_DIR, kill_index_run, many_protocols

SAMPLES = sorted(SAMPLE_DIR.iterdir())


def _siblings(ix: Path) -> list[str]:
    """A rebuild's folders left beside the index."""
    return sorted(p.name for p in ix.parent.iterdir() if p.name.startswith(f".{ix.name}."))


def test_the_old_index_answers_until_the_rebuild_is_done(tmp_path: Path) -> None:
    """While the rebuild runs, the old index is there to search, also for a reader opened
    before it (a running server); afterwards that reader sees the new one."""
    ix = tmp_path / "ix"
    ingest(SAMPLES[:2], ix)
    os.chmod(ix, 0o750)
    server = Store.open(ix)
    seen: list[int] = []

    def during(done: int, total: int, _: str) -> None:
        seen.append(len(Store.open(ix).documents()))
        server.reload()
        assert len(server.documents()) == 2

    summary = ingest(SAMPLES, ix, rebuild=True, progress=during, batch_files=1)
    assert summary.added == 5 and seen == [2] * 5  # every batch committed, none of it shown
    assert len(Store.open(ix).documents()) == 5
    time.sleep(0.6)  # tantivy's reader looks for a new commit point every half second
    server.reload()
    assert len(server.documents()) == 5
    assert _siblings(ix) == []
    assert os.stat(ix).st_mode & 0o777 == 0o750


def test_a_stopped_rebuild_leaves_the_old_index(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    ingest(SAMPLES[:2], ix)

    def stop(done: int, total: int, _: str) -> None:
        if done == 3:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        ingest(SAMPLES, ix, rebuild=True, progress=stop, batch_files=1)
    assert len(Store.open(ix).documents()) == 2
    assert _siblings(ix) == []
    assert ingest(SAMPLES, ix).added == 3  # and the index is not left busy


@pytest.mark.parametrize("delay", [0.3, 0.8, 1.5, 2.5])
def test_a_killed_rebuild_leaves_a_whole_index_and_the_next_run_clears_up(
    tmp_path: Path, delay: float
) -> None:
    """`kill -9` at any moment: the index opens with the old documents or all the new ones,
    never a part, and the next run (a plain one) deletes the rebuild's folder."""
    ix, corpus = tmp_path / "ix", many_protocols(tmp_path / "many", 120)
    ingest(SAMPLES, ix)
    env = {**os.environ, "FINSOK_BATCH_FILES": "10"}
    kill_index_run([str(corpus), "--index", str(ix), "--rebuild"], env, delay)
    assert len(Store.open(ix).documents()) in (5, 120)
    done = subprocess.run(
        [FINSOK, "index", str(corpus), "--index", str(ix)], env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert len(Store.open(ix).documents()) in (125, 120)
    assert _siblings(ix) == []


@pytest.mark.parametrize("left", ["finsok-meta", "tantivy-meta"])
def test_rebuild_clears_an_incomplete_index(tmp_path: Path, left: str) -> None:
    """An index left without our meta file (an older rebuild stopped halfway) or without
    tantivy's: a plain run names the fix, and `--rebuild` makes a whole index."""
    ix = tmp_path / "ix"
    ingest(SAMPLES[:2], ix)
    (ix / (META_FILE if left == "finsok-meta" else "meta.json")).unlink()
    if left == "finsok-meta":
        with pytest.raises(FinsokError, match=r"ofullständigt.*--rebuild"):
            ingest(SAMPLES, ix)
    assert ingest(SAMPLES, ix, rebuild=True).added == 5
    assert len(Store.open(ix).documents()) == 5
    assert _siblings(ix) == []


@pytest.mark.parametrize("extra", ["anteckningar.txt", "Dokument", "meta.json"])
def test_rebuild_never_deletes_a_folder_that_is_no_index(tmp_path: Path, extra: str) -> None:
    """A home folder given as --index by mistake: a file or a folder that no index holds
    (even beside an index's files, even named as one of them) makes it refuse, and nothing
    is made or deleted."""
    ix = tmp_path / "home"
    ingest(SAMPLES[:1], ix)
    (ix / META_FILE).unlink()  # a folder that looks most like an incomplete index
    if extra == "anteckningar.txt":
        (ix / extra).write_text("mitt", encoding="utf-8")
    else:
        (ix / extra).unlink(missing_ok=True)
        (ix / extra).mkdir()
    before = sorted(p.name for p in ix.iterdir())
    for rebuild in (True, False):
        with pytest.raises(FinsokError, match="inte ett Finsök-index"):
            ingest(SAMPLES, ix, rebuild=rebuild)
    assert sorted(p.name for p in ix.iterdir()) == before
    assert _siblings(ix) == []


@pytest.mark.parametrize(
    "names", [("meta.json",), ("vocabulary.tsv",), ("meta.json", "vocabulary.tsv", ".tmpab12")]
)
def test_rebuild_never_deletes_a_folder_of_names_any_program_may_use(
    tmp_path: Path, names: tuple[str, ...]
) -> None:
    """A user's folder that holds only files named as an index's may be (a `meta.json`, a
    `vocabulary.tsv`) but none that only an index has: refused, and nothing deleted."""
    home = tmp_path / "projekt"
    home.mkdir()
    for name in names:
        (home / name).write_text("mitt", encoding="utf-8")
    for rebuild in (True, False):
        with pytest.raises(FinsokError, match="inte ett Finsök-index"):
            ingest(SAMPLES[:1], home, rebuild=rebuild)
        assert sorted(p.name for p in home.iterdir()) == sorted(names)
        assert all((home / n).read_text(encoding="utf-8") == "mitt" for n in names)
    assert _siblings(home) == []


def test_without_an_atomic_swap_the_rebuild_builds_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A file system without `RENAME_EXCHANGE` (or a parent folder that may not be written):
    the index is emptied and rebuilt where it is, as before."""
    ix = tmp_path / "ix"
    ingest(SAMPLES[:2], ix)

    def unsupported(first: Path, second: Path) -> None:
        raise OSError(22, "Invalid argument")

    monkeypatch.setattr(rebuild_module, "_exchange", unsupported)
    inode = os.stat(ix).st_ino
    assert ingest(SAMPLES, ix, rebuild=True).added == 5
    assert os.stat(ix).st_ino == inode and _siblings(ix) == []
    assert len(Store.open(ix).documents()) == 5


def test_a_linked_index_folder_stays_a_link(tmp_path: Path) -> None:
    """`--index` a link to the index: the link keeps pointing at the rebuilt index."""
    real, link = tmp_path / "real", tmp_path / "link"
    ingest(SAMPLES[:2], real)
    link.symlink_to(real)
    assert ingest(SAMPLES, link, rebuild=True).added == 5
    assert link.is_symlink() and len(Store.open(link).documents()) == 5
    assert _siblings(real) == []


def _busy_at(mounted: Path, real_exchange):
    """`_exchange` as the kernel does it for a mount point: EBUSY when renaming it."""

    def exchange(first: Path, second: Path) -> None:
        if mounted in (Path(first), Path(second)):
            raise OSError(16, "Device or resource busy", str(first))
        real_exchange(first, second)

    return exchange


def test_a_mounted_index_folder_is_rebuilt_in_place(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An index folder that is a mount point (a container's volume) cannot be renamed: the
    rebuild ran to its end, then failed with an internal error and left a whole second index
    beside it, every time. It builds in place instead."""
    ix = tmp_path / "ix"
    ingest(SAMPLES[:2], ix)
    real_ismount = os.path.ismount
    monkeypatch.setattr(os.path, "ismount", lambda p: Path(p) == ix or real_ismount(p))
    monkeypatch.setattr(rebuild_module, "_exchange", _busy_at(ix, rebuild_module._exchange))
    assert ingest(SAMPLES, ix, rebuild=True).added == 5
    assert len(Store.open(ix).documents()) == 5 and _siblings(ix) == []


def test_a_bind_mounted_index_folder_is_known_as_a_mount_point(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A bind mount of a folder of the same file system is no mount to `ismount` (same
    device): the kernel's mount table tells, its spaces written as \\040."""
    ix = tmp_path / "mitt index"
    ix.mkdir()
    table = tmp_path / "mountinfo"
    line = f"36 35 98:0 /src {str(ix).replace(' ', chr(92) + '040')} rw - ext4 /dev/x rw\n"
    table.write_text(line, encoding="utf-8")
    real_open = open
    monkeypatch.setattr(
        "builtins.open",
        lambda f, *a, **k: real_open(table if f == "/proc/self/mountinfo" else f, *a, **k),
    )
    assert rebuild_module._is_mount_point(ix)
    assert not rebuild_module._is_mount_point(tmp_path)


def test_a_swap_that_fails_at_the_end_says_so_and_keeps_the_old_index(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A swap refused after the build (a mount made meanwhile): one clear line, the old
    index as it was, and no second index left taking room."""
    ix = tmp_path / "ix"
    ingest(SAMPLES[:2], ix)
    monkeypatch.setattr(rebuild_module, "_exchange", _busy_at(ix, rebuild_module._exchange))
    with pytest.raises(FinsokError, match="kunde inte bytas in"):
        ingest(SAMPLES, ix, rebuild=True)
    assert len(Store.open(ix).documents()) == 2 and _siblings(ix) == []


@pytest.mark.skipif(os.geteuid() != 0, reason="mounting needs root")
def test_a_really_mounted_index_folder_is_rebuilt(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    ix.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "tmpfs", str(ix)], capture_output=True).returncode:
        pytest.skip("mount not permitted here")
    try:
        ingest(SAMPLES[:2], ix)
        assert ingest(SAMPLES, ix, rebuild=True).added == 5
        assert len(Store.open(ix).documents()) == 5 and _siblings(ix) == []
    finally:
        # An index opened above may hold its files open until it is collected ("target is
        # busy" under a loaded full run); a lazy unmount finishes once they are closed.
        gc.collect()
        if subprocess.run(["umount", str(ix)], capture_output=True).returncode:
            subprocess.run(["umount", "--lazy", str(ix)], check=True)
