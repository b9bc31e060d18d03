"""What a real disk throws at the indexer: odd names, links, FIFOs, locks, permissions,
provenance beside the files, signals. Every case uses real files and real processes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index import rebuild as rebuild_module
from index.discover import (
    BAD_NAME,
    BROKEN_LINK,
    LINK_LOOP,
    SEEN_FOLDER,
    UNREADABLE_FOLDER,
    VANISHED,
)
from index.errors import FinsokError
from index.ingest import KEPT, ingest
from index.sources import NOT_A_FILE, read_source
from index.store import Store
from tests.conftest import ROOT, SAMPLE_DIR
from tests.pdfgen import make_pdf

SAMPLES = sorted(SAMPLE_DIR.iterdir())
IS_ROOT = os.geteuid() == 0
HAS_SETPRIV = shutil.which("setpriv") is not None


def run_cli(*args: str, as_nobody: bool = False, **env: str) -> subprocess.CompletedProcess[str]:
    """`finsok ARGS` in a fresh process, optionally as the unprivileged user nobody."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1", **env}
    command = [sys.executable, "-m", "cli.main", *args]
    if as_nobody:
        command = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", *command]
        full_env["HOME"] = "/tmp"
    return subprocess.run(command, capture_output=True, text=True, env=full_env, timeout=120)


def copies(folder: Path, count: int) -> Path:
    """`count` sample files (distinct contents, so none is skipped as a duplicate path)."""
    folder.mkdir(parents=True, exist_ok=True)
    for n in range(count):
        source = SAMPLES[n % len(SAMPLES)]
        text = source.read_text(encoding="utf-8") + f"\nKopia {n}.\n"
        (folder / f"{n:03d}_{source.name}").write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("workers, files", [(1, 3), (2, 70)])
def test_a_name_that_is_not_utf8_fails_alone(tmp_path: Path, workers: int, files: int) -> None:
    folder = copies(tmp_path / "in", files)
    bad = os.fsencode(folder) + b"/m\xf6te.txt"
    with open(bad, "wb") as handle:
        handle.write("§ 1 Budget\nStyrelsen beslutar att godkänna.\n".encode())
    summary = ingest([folder], tmp_path / "ix", workers=workers)
    assert summary.added == files
    assert [(os.fsencode(p), reason) for p, reason in summary.failed] == [(bad, BAD_NAME)]


def test_the_cli_prints_such_a_name_readably(tmp_path: Path) -> None:
    folder = copies(tmp_path / "in", 1)
    with open(os.fsencode(folder) + b"/m\xf6te.txt", "wb") as handle:
        handle.write(b"text")
    done = run_cli("index", str(folder), "--index", str(tmp_path / "ix"))
    assert done.returncode == 1
    assert done.stderr.strip() == f"finsok: {folder}/m\\xf6te.txt: {BAD_NAME}"
    assert "1 tillagd," in done.stdout


# A name that would break the failure's line or drive the terminal, and how it is printed.
ODD_NAMES = [
    ("rad\nbrytning.txt", "rad\\nbrytning.txt"),
    ("färg\x1b[2Jx.txt", "färg\\x1b[2Jx.txt"),
    ("vänd\u202etxt.txt", "vänd\\u202etxt.txt"),
    ("c1\x9bx.txt", "c1\\x9bx.txt"),
    # Neighbours printed as they are: letters, spaces, a no-break space.
    ("möte 2024 bilaga.txt", "möte 2024 bilaga.txt"),
    ("möte\xa02024.txt", "möte\xa02024.txt"),
]
# A number whose halves a character the error line escapes parts: escaped first, the
# "\\u200b" or "\\n" between them hid it from the mask.
SPLIT_NAMES = [
    ("intyg-19121212\u200b-1212.txt", "intyg-XXXXXX-XXXX.txt"),
    ("intyg-19121212\x1b-1212.txt", "intyg-XXXXXX-XXXX.txt"),
    ("intyg-19121212\n-1212.txt", "intyg-XXXXXX-XXXX.txt"),
    ("intyg-19121212\u2028-1212.txt", "intyg-XXXXXX-XXXX.txt"),
    # Groups of four cut before the serial by a line break other than "\n": read as the
    # space between groups (`privacy.mask_name`), not glued into "1224XXXX" when escaped.
    # A path is shown as the index keeps it (`index.paths.shown_path`): one mask.
    ("intyg 1933 1224\r0009.txt", "intyg XXXXXX-XXXX.txt"),
    ("intyg 1933 1224\u20280009.txt", "intyg XXXXXX-XXXX.txt"),
    ("intyg 1933 1224\x850009.txt", "intyg XXXXXX-XXXX.txt"),
    # Neighbours: no number, or one without a character between, print as before.
    ("möte\n2024-1212.txt", "möte\\n2024-1212.txt"),
    ("möte\x1b2024.txt", "möte\\x1b2024.txt"),
    ("möte 2024 1224\r0009.txt", "möte 2024 1224\\r0009.txt"),
]


@pytest.mark.parametrize(
    "name, printed", ODD_NAMES + SPLIT_NAMES, ids=[n for n, _ in ODD_NAMES + SPLIT_NAMES]
)
def test_a_failing_file_with_an_odd_name_is_one_escaped_masked_line(
    tmp_path: Path, name: str, printed: str
) -> None:
    """`finsok index` and `finsok parse` name a failing file on one line, masked before it
    is escaped (a character between a number's halves escaped first hid it from the mask)."""
    folder = copies(tmp_path / "in", 1)
    (folder / name).write_bytes(b"")
    expected = [f"finsok: {folder}/{printed}: filen är tom"]
    done = run_cli("index", str(folder), "--index", str(tmp_path / "ix"))
    assert (done.returncode, done.stderr.splitlines()) == (1, expected)
    done = run_cli("parse", str(folder / name))
    assert (done.returncode, done.stderr.splitlines()) == (1, expected)


def test_a_parse_failure_masks_an_identity_number_in_the_name(tmp_path: Path) -> None:
    (tmp_path / "intyg-19121212-1212.txt").write_bytes(b"")
    done = run_cli("parse", str(tmp_path / "intyg-19121212-1212.txt"))
    assert done.returncode == 1
    assert done.stderr.splitlines() == [f"finsok: {tmp_path}/intyg-XXXXXX-XXXX.txt: filen är tom"]


def test_a_query_that_is_not_utf8_is_named_with_its_number_masked() -> None:
    from cli.terminal import shown_masked

    # A Latin-1 soft hyphen (byte 0xAD) between the halves, as a terminal in Latin-1 sends it.
    assert shown_masked("19121212\udcad1212") == "XXXXXX-XXXX"
    assert shown_masked("m\udcf6te 2024") == "m\\xf6te 2024"


def test_rebuild_waits_for_a_running_indexer(tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    ingest([SAMPLES[0]], ix)
    before = sorted(p.name for p in ix.iterdir())
    writer = Store.open(ix).writer()  # another indexer is running
    try:
        with pytest.raises(FinsokError, match="upptaget"):
            ingest([SAMPLES[1]], ix, rebuild=True)
        assert sorted(p.name for p in ix.iterdir()) == before
    finally:
        writer.rollback()
        del writer
    assert ingest([SAMPLES[1]], ix, rebuild=True).added == 1
    assert len(Store.open(ix).documents()) == 1


def _unlink_stopping_after(count: int) -> Callable[..., None]:
    """`Path.unlink` that deletes `count` files, then raises as Ctrl+C would."""
    unlink, deleted = Path.unlink, [0]

    def stopping(self: Path, missing_ok: bool = False) -> None:
        if deleted[0] == count:
            raise KeyboardInterrupt
        deleted[0] += 1
        unlink(self, missing_ok)

    return stopping


def test_a_rebuild_stopped_while_emptying_the_index_can_be_run_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A rebuild that cannot build beside the index (no atomic swap, see `index.rebuild`)
    empties it in place. Stopped after any number of files were deleted (here by an
    exception, as Ctrl+C or a full disk would; `kill -9` stops at the same points), the next
    `--rebuild` completes. The folder is listed in name order, where our meta file comes
    before tantivy's."""
    ix = tmp_path / "ix"
    ingest([SAMPLES[0]], ix)
    files = len([p for p in ix.iterdir() if not p.name.startswith(".tantivy")])
    listing = Path.iterdir
    for stop in range(1, files):
        monkeypatch.setattr(rebuild_module, "_sibling", lambda target: None)
        monkeypatch.setattr(Path, "iterdir", lambda self: iter(sorted(listing(self))))
        monkeypatch.setattr(Path, "unlink", _unlink_stopping_after(stop))
        with pytest.raises(KeyboardInterrupt):
            ingest([SAMPLES[1]], ix, rebuild=True)
        monkeypatch.undo()
        assert ingest([SAMPLES[1]], ix, rebuild=True).added == 1, stop
        assert len(Store.open(ix).documents()) == 1
        ingest([SAMPLES[0]], ix, rebuild=True)


@pytest.mark.parametrize("rebuild", [False, True])
def test_indexing_an_archive_folder_keeps_its_source_urls(tmp_path: Path, rebuild: bool) -> None:
    folder = copies(tmp_path / "arkiv" / "halland", 2)
    names = sorted(p.name for p in folder.iterdir())
    sidecar = {names[0]: {"url": "https://example.se/p1.txt", "fetched_at": "2025-01-02"}}
    (folder / ".finsok-fetch.json").write_text(json.dumps(sidecar), encoding="utf-8")
    ix = tmp_path / "ix"
    ingest([folder], ix)
    ingest([folder], ix, rebuild=rebuild)
    docs = Store.open(ix).documents()
    assert docs[str((folder / names[0]).resolve())]["source_url"] == "https://example.se/p1.txt"
    assert docs[str((folder / names[0]).resolve())]["fetched_at"] == "2025-01-02"
    assert docs[str((folder / names[1]).resolve())]["source_url"] is None


@pytest.fixture
def odd_tree(tmp_path: Path) -> Path:
    """A folder with a link to another folder, a link loop, a broken link and a FIFO."""
    root = tmp_path / "root"
    copies(root / "own", 1)
    elsewhere = copies(tmp_path / "elsewhere", 1)
    (root / "linked").symlink_to(elsewhere, target_is_directory=True)
    (root / "own" / "up").symlink_to(root, target_is_directory=True)  # a loop back up
    (root / "dangling.pdf").symlink_to(tmp_path / "nothing.pdf")
    (root / "loop_a.txt").symlink_to(root / "loop_b.txt")
    (root / "loop_b.txt").symlink_to(root / "loop_a.txt")
    os.mkfifo(root / "fifo.txt")
    return root


def test_the_walk_follows_folder_links_once_and_names_what_it_skips(
    odd_tree: Path, tmp_path: Path
) -> None:
    summary = ingest([odd_tree], tmp_path / "ix")
    assert (summary.added, summary.failed) == (2, [])
    assert sorted(summary.notes) == sorted(
        [
            (str(odd_tree / "dangling.pdf"), BROKEN_LINK),
            (str(odd_tree / "fifo.txt"), NOT_A_FILE),
            (str(odd_tree / "loop_a.txt"), LINK_LOOP),
            (str(odd_tree / "loop_b.txt"), LINK_LOOP),
            (str(odd_tree / "own" / "up"), SEEN_FOLDER),
        ]
    )
    paths = set(Store.open(tmp_path / "ix").documents())
    assert any(p.startswith(str((tmp_path / "elsewhere").resolve())) for p in paths)


def test_parse_never_opens_a_fifo(odd_tree: Path) -> None:
    done = run_cli("parse", str(odd_tree / "fifo.txt"))  # would block forever if it read it
    assert done.returncode != 0
    assert done.stderr.strip() == f"finsok: {odd_tree / 'fifo.txt'}: {NOT_A_FILE}"


@pytest.mark.parametrize(
    "args, env, message",
    [
        (["--index", "{tmp}/file/sub"], {}, "en del av sökvägen är inte en mapp"),
        (["--index", "/proc/finsok-nope"], {}, "kan inte skapas eller läsas"),
        (["--index", "{tmp}/ix"], {"FINSOK_BATCH_FILES": "abc"}, "FINSOK_BATCH_FILES=abc går inte"),
        (["--index", "{tmp}/ix"], {"FINSOK_BATCH_FILES": "-5"}, "ange ett heltal från 1 och uppåt"),
        (["--index", "{tmp}/ix"], {"FINSOK_MAX_SECTION_CHARS": "0"}, "FINSOK_MAX_SECTION_CHARS=0"),
        (
            ["--index", "{tmp}/ix"],
            {"FINSOK_MAX_DOCUMENT_CHARS": "2 MB"},
            "FINSOK_MAX_DOCUMENT_CHARS=",
        ),
    ],
)
def test_bad_index_settings_get_one_line(
    tmp_path: Path, args: list[str], env: dict[str, str], message: str
) -> None:
    (tmp_path / "file").write_text("x", encoding="utf-8")
    args = [a.replace("{tmp}", str(tmp_path)) for a in args]
    done = run_cli("index", str(SAMPLES[0]), *args, **env)
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert message in done.stderr and "internt fel" not in done.stderr


# --- as another user: only where this runs as root with setpriv ---------------------------

needs_nobody = pytest.mark.skipif(
    not (IS_ROOT and HAS_SETPRIV), reason="needs root and setpriv to act as another user"
)


@pytest.fixture
def shared_tmp() -> Iterator[Path]:
    """A folder the user nobody may traverse (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="finsok-test-"))
    folder.chmod(0o755)
    yield folder
    for path in folder.rglob("*"):
        if path.is_dir() and not path.is_symlink():
            path.chmod(0o755)
    shutil.rmtree(folder)


@needs_nobody
def test_another_users_index_can_be_searched_but_not_written(shared_tmp: Path) -> None:
    ix = shared_tmp / "ix"
    ingest(SAMPLES, ix)
    search = run_cli("search", "budget", "--index", str(ix), "--json", as_nobody=True)
    assert search.returncode == 0, search.stderr
    assert json.loads(search.stdout)["total"] > 0
    for extra in ([], ["--rebuild"]):
        index = run_cli("index", str(SAMPLES[0]), "--index", str(ix), *extra, as_nobody=True)
        assert index.returncode == 1
        assert "skrivrättighet" in index.stderr and "rebuild" not in index.stderr
        assert "internt fel" not in index.stderr
    assert len(Store.open(ix).documents()) == len(SAMPLES)  # nothing was deleted


@needs_nobody
def test_an_unreadable_folder_fails_and_prune_keeps_its_documents(shared_tmp: Path) -> None:
    copies(shared_tmp / "in" / "ok", 1)
    locked = copies(shared_tmp / "in" / "locked", 1)
    ix = shared_tmp / "ix"
    ix.mkdir()
    os.chown(ix, 65534, -1)
    first = run_cli("index", str(shared_tmp / "in"), "--index", str(ix), as_nobody=True)
    assert first.returncode == 0, first.stderr
    locked.chmod(0)
    for extra in ([], ["--prune"]):
        done = run_cli("index", str(shared_tmp / "in"), "--index", str(ix), *extra, as_nobody=True)
        assert done.returncode == 1
        assert done.stderr.strip() == f"finsok: {locked}: {UNREADABLE_FOLDER}"
        assert "0 borttagna" in done.stdout
    locked.chmod(0o755)
    assert len(Store.open(ix).documents()) == 2


# --- signals ------------------------------------------------------------------------------


@pytest.mark.parametrize("signum, group", [(signal.SIGINT, True), (signal.SIGTERM, False)])
def test_a_stopped_parallel_run_says_one_line(tmp_path: Path, signum: int, group: bool) -> None:
    folder = copies(tmp_path / "in", 3000)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-m", "cli.main", "index", str(folder), "--index", str(tmp_path / "ix")],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
    )
    time.sleep(3)  # the workers are up and parsing
    if group:  # as a terminal's Ctrl+C does
        os.killpg(process.pid, signum)
    else:
        process.send_signal(signum)
    _, err = process.communicate(timeout=60)
    time.sleep(0.5)  # let orphaned workers (if any) write their complaints
    assert process.returncode == 130, err
    assert err.strip() == "finsok: avbrutet"
    Store.open(tmp_path / "ix").searcher()  # still opens


# Python code that runs `finsok search budget` and presses Ctrl+C while the command's
# modules load (when tantivy is imported), before `main` could catch anything.
_CTRL_C_WHILE_LOADING = """
import builtins, os, runpy, signal, sys
signal.signal(signal.SIGINT, signal.{start})
real = builtins.__import__
def stop(name, *args, **kwargs):
    if name == "tantivy":
        os.kill(os.getpid(), signal.SIGINT)
    return real(name, *args, **kwargs)
builtins.__import__ = stop
sys.argv = ["finsok", "search", "budget", "--index", sys.argv[1]]
runpy.run_module("cli", run_name="__main__")
"""


def test_ctrl_c_while_the_command_loads_says_one_line(tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    code = _CTRL_C_WHILE_LOADING.format(start="default_int_handler")
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "ix")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (done.returncode, done.stderr, done.stdout) == (130, "finsok: avbrutet\n", "")
    # Neighbours: a command started in the background, which ignores Ctrl+C, goes on; and
    # once the modules are loaded, Ctrl+C is Python's again (`main` says "avbrutet").
    code = _CTRL_C_WHILE_LOADING.format(start="SIG_IGN")
    done = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path / "ix")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert done.returncode == 1 and done.stderr.startswith("finsok: Index saknas"), done.stderr
    import cli.main  # noqa: F401 (loaded: the handler is Python's again)

    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler


# Python code that runs `finsok index` as the command does and presses Ctrl+C once it is done,
# while the interpreter shuts down (an impatient second Ctrl+C after "finsok: avbrutet"): the
# last of the atexit handlers, as the first registered, is the one that sends it.
_CTRL_C_WHILE_ENDING = """
import atexit, os, runpy, signal, sys
atexit.register(os.kill, os.getpid(), signal.SIGINT)
sys.argv = ["finsok", "index", sys.argv[1], "--index", sys.argv[2]]
runpy.run_module("cli.main", run_name="__main__")
"""


def test_ctrl_c_while_the_command_ends_prints_nothing(tmp_path: Path) -> None:
    """A Ctrl+C after the command has finished, while Python shuts down, printed "Exception
    ignored in atexit callback" and a traceback: nothing is left to stop then."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PYTHONDONTWRITEBYTECODE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _CTRL_C_WHILE_ENDING, str(SAMPLE_DIR), str(tmp_path / "ix")],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert done.stdout.startswith(f"Index {tmp_path / 'ix'}: 5 tillagda")


# Python code that runs `finsok index` as the command does, presses Ctrl+C once its first
# batch is committed (its workers up and working, as a profile hook sees), and again at a
# chosen moment of the stopping (an impatient user): while the stopped run stops its pipeline
# ("closing", seen in the main thread's stack), or as it writes its message ("message").
# At the end, before
# multiprocessing's own atexit handler stops what is left, it writes the pipeline's threads
# and processes still alive to a file.
_CTRL_C_TWICE = """
import atexit, multiprocessing, os, runpy, signal, sys, threading, time
folder, ix, when, threads = sys.argv[1:]
committed, said = threading.Event(), threading.Event()
def again():
    os.kill(os.getpid(), signal.SIGINT)
class Stderr:
    def __init__(self, stream):
        self.stream = stream
    def write(self, text):
        self.stream.write(text)
        if "avbrutet" in text:
            said.set()
            if when == "message":
                again()
        return len(text)
    def __getattr__(self, name):
        return getattr(self.stream, name)
sys.stderr = Stderr(sys.stderr)
def hook(frame, event, arg):
    code = frame.f_code
    if event == "call" and code.co_name == "_commit_batch" and code.co_filename.endswith("ingest.py"):
        sys.setprofile(None)
        committed.set()
sys.setprofile(hook)
main = threading.main_thread().ident
def closing():
    frame = sys._current_frames().get(main)
    while frame is not None:
        if frame.f_code.co_name == "close" and frame.f_code.co_filename.endswith("pipeline.py"):
            return True
        frame = frame.f_back
    return False
def press():
    committed.wait()
    while not said.is_set():
        os.kill(os.getpid(), signal.SIGINT)
        for _ in range(100):
            if closing():
                if when == "closing":
                    again()
                return
            time.sleep(0.001)
threading.Thread(target=press, daemon=True).start()
def alive():
    names = [t.name for t in threading.enumerate() if t.name.startswith("finsok")]
    names += [p.name for p in multiprocessing.active_children()]
    with open(threads, "w") as out:
        out.write(" ".join(names))
atexit.register(alive)
sys.argv = ["finsok", "index", folder, "--index", ix]
runpy.run_module("cli.main", run_name="__main__")
"""


@pytest.mark.parametrize("when", ["closing", "message"])
def test_a_second_ctrl_c_while_the_run_stops_changes_nothing(tmp_path: Path, when: str) -> None:
    """A second Ctrl+C while it wrote "finsok: avbrutet" printed a KeyboardInterrupt
    traceback under it (every time). One while a stopped run stopped its workers cut that
    short, its threads and processes left to the interpreter's exit, where the pipeline could
    start a parser that printed a traceback as its parent went (now and then: where in the
    stopping it lands varies)."""
    folder = copies(tmp_path / "in", 600)
    threads = tmp_path / "threads.txt"
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "PYTHONDONTWRITEBYTECODE": "1",
        "FINSOK_BATCH_FILES": "16",
    }
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            _CTRL_C_TWICE,
            str(folder),
            str(tmp_path / "ix"),
            when,
            str(threads),
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
    )
    assert (done.returncode, done.stderr) == (130, "finsok: avbrutet\n")
    assert threads.read_text() == ""


def test_utf16be_without_bom_is_read(tmp_path: Path) -> None:
    path = tmp_path / "be.txt"
    path.write_bytes("§ 1 Årsmöte\nStyrelsen beslutar att godkänna.\n".encode("utf-16-be"))
    assert read_source(path).pages[0].startswith("§ 1 Årsmöte")


@pytest.mark.parametrize("limit, cut", [(5_000, True), (50_000, False)])
def test_an_endless_section_is_cut_for_the_index(tmp_path: Path, limit: int, cut: bool) -> None:
    path = tmp_path / "lang.txt"
    path.write_text("§ 1 Budget\n" + "ord budget " * 2_000 + "slutord\n", encoding="utf-8")
    summary = ingest([path], tmp_path / "ix", max_section_chars=limit)
    assert summary.added == 1
    assert bool(summary.notes) is cut
    store = Store.open(tmp_path / "ix")
    (record,) = store.documents().values()
    texts = store.section_texts(record["doc_id"])
    assert max(map(len, texts)) <= limit
    assert ("slutord" in texts[-1]) is not cut


@pytest.mark.parametrize(
    ("limit", "kept", "note"),
    [
        (10_000, ["§ 1", "§ 2", "§ 3"], None),
        (2_500, ["§ 1", "§ 2", "§ 3"], ""),  # the last one cut
        (1_500, ["§ 1", "§ 2"], "1 sektion till togs bort; "),
        (500, ["§ 1"], "2 sektioner till togs bort; "),
    ],
)
def test_an_endless_document_is_cut_for_the_index(
    tmp_path: Path, limit: int, kept: list[str], note: str | None
) -> None:
    """A document longer than the limit keeps its first sections, within the limit."""
    path = tmp_path / "lang.txt"
    body = "".join(f"§ {n} Ärende {n}\n" + "budget ord " * 80 + f"slut{n}\n\n" for n in (1, 2, 3))
    path.write_text(body, encoding="utf-8")  # three sections of some 900 characters

    summary = ingest([path], tmp_path / "ix", max_document_chars=limit)

    assert summary.added == 1
    store = Store.open(tmp_path / "ix")
    (record,) = store.documents().values()
    sections = store.records("doc_id", record["doc_id"], rec="sec")
    assert sorted(s["label"] for s in sections) == kept
    assert sum(map(len, store.section_texts(record["doc_id"]))) <= limit
    shown = {10_000: "10 000", 2_500: "2500", 1_500: "1500", 500: "500"}[limit]
    expected = (
        f"dokumentet är längre än {shown} tecken och kortades för indexet ({note}"
        "FINSOK_MAX_DOCUMENT_CHARS ändrar gränsen) — en trasig export?"
    )
    assert [reason for _, reason in summary.notes] == ([expected] if note is not None else [])


def test_the_cli_reads_the_section_limit(tmp_path: Path) -> None:
    path = tmp_path / "lang.txt"
    path.write_text("§ 1 Budget\n" + "ord " * 3_000 + "\n", encoding="utf-8")
    done = run_cli(
        "index", str(path), "--index", str(tmp_path / "ix"), FINSOK_MAX_SECTION_CHARS="1000"
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip().startswith(f"finsok: obs: {path}: 1 sektion längre än 1000 tecken")


# --- a file that breaks after it was indexed, a file that goes during a run ----------------


@pytest.mark.parametrize("prune", [False, True])
@pytest.mark.parametrize("breakage", ["emptied", "truncated"])
def test_a_file_that_breaks_keeps_its_document_and_says_so(
    tmp_path: Path, prune: bool, breakage: str
) -> None:
    """A file indexed fine that fails later (an emptied file, a truncated download) keeps its
    document, also with --prune (the file is there): the failure line said only "filen är
    tom", and the user could not tell that the old version is still searchable."""
    folder = copies(tmp_path / "in", 1)
    make_pdf(folder / "protokoll.pdf", [["§ 1 Mötets öppnande", "Ordföranden öppnar mötet."]])
    ix = tmp_path / "ix"
    ingest([folder], ix)
    text, pdf = sorted(path.resolve() for path in folder.iterdir())
    broken = text if breakage == "emptied" else pdf
    data = broken.read_bytes()
    broken.write_bytes(b"" if breakage == "emptied" else data[: len(data) // 2])

    summary = ingest([folder], ix, prune=prune)

    ((path, reason),) = summary.failed
    assert path == str(broken)
    assert reason.endswith(
        f"; {KEPT} (ta bort filen och indexera med --prune om den ska bort ur indexet)"
    )
    assert summary.kept == [str(broken)]
    assert (summary.skipped, summary.removed) == (1, 0)
    record = Store.open(ix).documents()[str(broken)]
    assert record["sha256"] == hashlib.sha256(data).hexdigest()  # the old version, as it was

    broken.unlink()  # as the line says: the document goes
    gone = ingest([folder], ix, prune=True)
    assert (gone.removed, gone.failed, gone.kept) == (1, [], [])
    assert str(broken) not in Store.open(ix).documents()


def test_a_new_file_that_fails_has_no_earlier_version_to_keep(tmp_path: Path) -> None:
    folder = copies(tmp_path / "in", 1)
    ix = tmp_path / "ix"
    ingest([folder], ix)
    (folder / "tom.txt").write_bytes(b"")
    summary = ingest([folder], ix)
    assert summary.failed == [(str((folder / "tom.txt").resolve()), "filen är tom")]
    assert summary.kept == []


def _deleting(path: Path) -> Callable[[int, int, str], None]:
    """A progress callback that deletes `path` once the first file is written: the run's
    files are read one by one as they are written (one process), so the next file is read
    after it, as when a user or a crawler deletes a file while a run is under way."""

    def progress(done: int, total: int, current: str) -> None:
        if done == 1:
            path.unlink()

    return progress


def test_a_file_deleted_during_the_run_is_said_to_have_vanished(tmp_path: Path) -> None:
    """A file the walk found and was deleted before it was read was reported "filen finns
    inte", as if the user had typed a path that never existed."""
    folder = copies(tmp_path / "in", 2)
    second = sorted(folder.iterdir())[1].resolve()
    summary = ingest([folder], tmp_path / "ix", workers=1, progress=_deleting(second))
    assert summary.added == 1
    assert summary.failed == [(str(second), VANISHED)]
    assert summary.kept == []


@pytest.mark.parametrize("prune", [False, True])
def test_an_indexed_file_deleted_during_the_run(tmp_path: Path, prune: bool) -> None:
    """Deleted during a run, an indexed file's document stays unless the run prunes it, and
    its line says which."""
    folder = copies(tmp_path / "in", 2)
    ix = tmp_path / "ix"
    ingest([folder], ix)
    second = sorted(folder.iterdir())[1].resolve()

    summary = ingest([folder], ix, prune=prune, workers=1, progress=_deleting(second))

    if prune:
        assert summary.failed == [(str(second), VANISHED)]
        assert (summary.kept, summary.removed) == ([], 1)
        assert str(second) not in Store.open(ix).documents()
    else:
        kept = f"{VANISHED}; {KEPT} (indexera med --prune om den ska bort ur indexet)"
        assert summary.failed == [(str(second), kept)]
        assert (summary.kept, summary.removed) == ([str(second)], 0)
        assert str(second) in Store.open(ix).documents()
