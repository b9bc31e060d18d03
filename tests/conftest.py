"""Shared fixtures: the sample corpus, its gold expectations and parsed documents.

The sample corpus and the gold file are copies inside the repo (data/sample, tests/data), so the
tests never read ../shared at run time.
"""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.model import Document
from index.parse import parse_file
from tests.testsite import Site

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_DIR = ROOT / "data" / "sample"
TEST_DATA = Path(__file__).resolve().parent / "data"
STARTUP_SECONDS = 20
# The installed command, next to the interpreter running the tests.
FINSOK = str(Path(sys.executable).with_name("finsok"))


@pytest.fixture(scope="session")
def sample_dir() -> Path:
    return SAMPLE_DIR


@pytest.fixture(scope="session")
def gold() -> dict:
    return json.loads((TEST_DATA / "gold_seeds.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="session")
def parsed_sample() -> dict[str, Document]:
    """Every sample file parsed once for the whole session, keyed by file name."""
    return {path.name: parse_file(path) for path in sorted(SAMPLE_DIR.iterdir())}


@pytest.fixture(scope="session")
def sample_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real tantivy index on disk, built once from the sample corpus."""
    from index.ingest import ingest

    path = tmp_path_factory.mktemp("index") / "ix"
    summary = ingest([SAMPLE_DIR, TEST_DATA / "protocol.html"], path)
    assert summary.ok and summary.added == 6, summary
    return path


@pytest.fixture(scope="session")
def engine(sample_index: Path):
    from search.engine import Engine

    return Engine.open(sample_index)


@pytest.fixture(scope="session")
def web_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The index the web tests use: the sample corpus, the HTML fixture and a document whose
    text is full of markup and script, to prove that no page or feed executes it."""
    from index.ingest import ingest

    path = tmp_path_factory.mktemp("web") / "ix"
    files = [SAMPLE_DIR, TEST_DATA / "protocol.html", TEST_DATA / "xss_protocol.txt"]
    summary = ingest(files, path)
    assert summary.ok and summary.added == 7, summary
    return path


@pytest.fixture(scope="session")
def app(web_index: Path):
    from web import create_app

    return create_app({"FINSOK_INDEX": str(web_index), "TESTING": True})


@pytest.fixture
def client(app):
    return app.test_client()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def server(web_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """`finsok serve` on a free port of 127.0.0.1, up until /healthz answers. It runs this
    checkout's code, also where the installed package points to another (a git worktree)."""
    finsok = Path(sys.executable).with_name("finsok")
    assert finsok.exists(), f"{finsok} saknas: installera paketet (make install)"
    port = _free_port()
    base = f"http://127.0.0.1:{port}"
    log_path = tmp_path_factory.mktemp("serve") / "serve.log"
    command = [finsok, "serve", "--index", web_index, "--host", "127.0.0.1", "--port", str(port)]
    with log_path.open("wb") as log:
        path = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
        env = {**os.environ, "PYTHONPATH": path}
        proc = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT, env=env)
    try:
        deadline = time.monotonic() + STARTUP_SECONDS
        while True:
            if proc.poll() is not None:
                pytest.fail(f"finsok serve exited with {proc.returncode}:\n{log_path.read_text()}")
            try:
                with urllib.request.urlopen(f"{base}/healthz", timeout=1) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                pytest.fail(
                    f"finsok serve did not answer {base}/healthz within {STARTUP_SECONDS} s:\n"
                    + log_path.read_text()
                )
            time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


# Proxy settings that would send a crawler test's requests off this machine.
PROXY_VARS = ("http_proxy", "https_proxy", "all_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY")


@pytest.fixture
def crawl_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """The environment a crawler test runs in: no proxy (it would send test requests off
    this machine), and no sources file or archive folder of the developer's."""
    for name in PROXY_VARS:
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("no_proxy", "127.0.0.1")
    monkeypatch.delenv("FINSOK_SOURCES", raising=False)
    monkeypatch.delenv("FINSOK_ARCHIVE", raising=False)


@pytest.fixture
def site(tmp_path: Path) -> Iterator[Site]:
    """A real web server on this machine serving the test's pages and files."""
    with Site(tmp_path) as running:
        yield running


def python_steps(work: Callable[[], object]) -> int:
    """How many lines of Python `work` runs (its loops' turns included, in every function it
    calls): a measure of the work done that, unlike a timing, does not depend on the
    machine's load. Tests that a cost grows linearly compare it for two sizes; speed itself
    is measured in bench/, never asserted in a test."""
    steps = 0

    def trace(frame: object, event: str, arg: object) -> Callable | None:
        nonlocal steps
        if event == "line":
            steps += 1
        return trace

    sys.settrace(trace)
    try:
        work()
    finally:
        sys.settrace(None)
    return steps


def raw_answer(port: int, data: bytes) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of the answer of the server on `port` to the bytes `data`,
    sent as they are: no client library encodes or checks them."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
        sock.sendall(data)
        received = b""
        while chunk := sock.recv(65536):
            received += chunk
    head, _, body = received.partition(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    return int(lines[0].split()[1]), dict(line.split(": ", 1) for line in lines[1:]), body


def send_raw(port: int, data: bytes) -> tuple[int, str, str]:
    """(status, Content-Type, body as text) of `raw_answer`."""
    status, headers, body = raw_answer(port, data)
    return status, headers.get("Content-Type", ""), body.decode("utf-8")


def many_protocols(folder: Path, count: int) -> Path:
    """`count` distinct protocol files in `folder` (made here), the sample files in turn, each
    with a sentence of its own: a corpus large enough to kill an indexing run in."""
    samples = sorted(SAMPLE_DIR.iterdir())
    folder.mkdir()
    for n in range(count):
        source = samples[n % len(samples)]
        text = source.read_text(encoding="utf-8") + f"\nUnikt tillägg nummer {n}."
        (folder / f"{n:04d}_{source.name}").write_text(text, encoding="utf-8")
    return folder


def kill_index_run(args: list[str], env: dict[str, str], delay: float) -> None:
    """Start `finsok index ARGS`, and `kill -9` it after `delay` seconds."""
    proc = subprocess.Popen(
        [FINSOK, "index", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    proc.wait()


# --- the browser (Playwright driving Debian's Chromium), for the tests marked `browser` ------


@pytest.fixture(scope="module")
def playwright():
    """Playwright, once per test module; the browser tests fail, not skip, without Chromium."""
    from tests.test_browser import CHROMIUM

    if not CHROMIUM.exists():
        pytest.fail(
            f"{CHROMIUM} is missing: run .ci/run (as root) or "
            "`apt-get install -y chromium` to get Debian's Chromium for the browser tests"
        )
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        yield pw


@pytest.fixture(scope="module")
def browser(playwright):
    """Debian's Chromium, headless, shared by a module's browser tests."""
    from tests.test_browser import CHROMIUM, CHROMIUM_ARGS

    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM), args=CHROMIUM_ARGS, headless=True
    )
    yield browser
    browser.close()
