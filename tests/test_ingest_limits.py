"""A file that hangs, or kills its parser, never stops a run (`index.workers`).

Every case runs `finsok index` as a real process on real files, large enough to take the
parallel path (`PARALLEL_MIN_FILES`), and kills real worker processes or lets a real limit
stop them. The `timeout` of each run is a guard against a hang (before these limits, a parser
that died took its task with it and the run waited forever), not a measure of speed.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from index.discover import discover
from index.ingest import PARALLEL_MIN_FILES, Summary, _job
from index.pipeline import _Pipeline, _Worker
from index.settings import PARSE_MEMORY_MB_LEAST
from index.store import META_FILE, REC_SECTION, Store
from index.workers import ANALYSER_NAME, Limits, death_reason
from tests.conftest import FINSOK, SAMPLE_DIR
from tests.pdfgen import make_pdf

SMALL = PARALLEL_MIN_FILES + 16
# How long a run may take before it is taken to hang: the slowest here parses for seconds.
HANG = 180
_WORDS = [
    "styrelsen",
    "beslutar",
    "att",
    "godkänna",
    "budgeten",
    "för",
    "verksamhetsåret",
    "och",
    "uppdrar",
    "åt",
    "förbundschefen",
    "återrapportera",
    "ekonomin",
    "till",
    "nästa",
    "sammanträde",
    "insatser",
    "deltagare",
    "arbetsförmedlingen",
    "region",
    "kommunen",
]


def _small_files(folder: Path) -> Path:
    """SMALL protocols (the sample files in turn, each with a sentence of its own), named
    after the large file each test adds, which so comes first in the run."""
    folder.mkdir()
    samples = sorted(SAMPLE_DIR.iterdir())
    for n in range(SMALL):
        text = samples[n % len(samples)].read_text(encoding="utf-8") + f"\nUnikt tillägg {n}.\n"
        (folder / f"protokoll_{n:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def _lines(count: int, seed: int) -> list[str]:
    """`count` different lines of protocol words (a text that repeats itself is shortened)."""
    state = seed
    lines = []
    for _ in range(count):
        words = []
        for _ in range(10):
            state = (state * 1103515245 + 12345) % 2**31
            words.append(_WORDS[state % len(_WORDS)])
        lines.append(" ".join(words))
    return lines


@pytest.fixture(scope="module")
def slow_pdf_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small files and a valid PDF of 1,500 pages, which takes seconds of CPU to parse
    (pypdf reads each page in Python): long enough to be stopped halfway."""
    folder = _small_files(tmp_path_factory.mktemp("slow") / "in")
    lines = _lines(40 * 1500, seed=1)
    pages = [[f"§ {n + 1} Ärende {n + 1}", *lines[40 * n : 40 * n + 40]] for n in range(1500)]
    make_pdf(folder / "000_stor.pdf", pages)
    return folder


def _index(folder: Path, ix: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [FINSOK, "index", str(folder), "--index", str(ix)],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=HANG,
    )


def _failures(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("finsok: obs:")]


# --- /proc: the processes of a run ------------------------------------------------------


def _children(pid: int) -> dict[int, tuple[str, int]]:
    """The child processes of `pid`: their name and CPU time so far, in clock ticks."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:  # ended meanwhile
            continue
        name = stat[stat.index("(") + 1 : stat.rindex(")")]
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[1]) == pid:
            found[int(entry.name)] = (name, int(fields[11]) + int(fields[12]))
    return found


def _the_one_busy_child(pid: int) -> int:
    """The only child of `pid` that keeps using CPU while all the others are idle, twice in
    a row: the parser of the one file still being parsed, when the run waits for it."""
    before = _children(pid)
    streak, last = 0, None
    for _ in range(400):
        time.sleep(0.3)
        now = _children(pid)
        grown = {p: now[p][1] - before[p][1] for p in now if p in before}
        busy = [p for p, ticks in grown.items() if ticks >= 5]
        idle = [p for p, ticks in grown.items() if ticks <= 1]
        if len(busy) == 1 and len(idle) == len(grown) - 1:
            streak = streak + 1 if busy[0] == last else 1
            last = busy[0]
            if streak == 2:
                return last
        else:
            streak = 0
        before = now
    raise AssertionError("no parser was seen working alone on the large file")


def _child_named(pid: int, name: str) -> int:
    for _ in range(400):
        found = [p for p, (comm, _) in _children(pid).items() if comm == name]
        if found:
            return found[0]
        time.sleep(0.05)
    raise AssertionError(f"no {name} process")


# --- a parser dies, or passes a limit ---------------------------------------------------


def test_a_parser_that_crashes_fails_its_file_alone(slow_pdf_folder: Path, tmp_path: Path) -> None:
    """A parser that crashes in the middle of a file (here a real SIGSEGV, as a native
    library's bug sends) names that file, and the run indexes every other file and ends.
    Before, the pool replaced the worker but the task it held never came back, and the run
    waited forever."""
    ix = tmp_path / "ix"
    run = subprocess.Popen(
        [FINSOK, "index", str(slow_pdf_folder), "--index", str(ix)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        os.kill(_the_one_busy_child(run.pid), signal.SIGSEGV)
        out, err = run.communicate(timeout=HANG)
    finally:
        run.kill()
    pdf = slow_pdf_folder / "000_stor.pdf"
    reason = "tolkningsprocessen dog (signal 11, SIGSEGV); nästa körning försöker igen"
    assert (run.returncode, _failures(err)) == (1, [f"finsok: {pdf}: {reason}"])
    assert f"{SMALL} tillagda" in out and "1 misslyckad" in out
    assert len(Store.open(ix).documents()) == SMALL


def test_a_file_past_the_cpu_limit_fails_and_the_next_run_reads_it(
    slow_pdf_folder: Path, tmp_path: Path
) -> None:
    ix = tmp_path / "ix"
    done = _index(slow_pdf_folder, ix, FINSOK_PARSE_CPU_SECONDS="1")
    pdf = slow_pdf_folder / "000_stor.pdf"
    reason = (
        "tolkningen avbröts efter 1 s CPU-tid (FINSOK_PARSE_CPU_SECONDS höjer gränsen) — "
        "filen kan vara trasig"
    )
    assert (done.returncode, _failures(done.stderr)) == (1, [f"finsok: {pdf}: {reason}"])
    assert f"{SMALL} tillagda" in done.stdout
    assert str(pdf) not in Store.open(ix).documents()

    again = _index(slow_pdf_folder, ix)  # a failed file is not remembered: it is read again
    assert (again.returncode, _failures(again.stderr)) == (0, [])
    assert f"1 tillagd, 0 uppdaterade, {SMALL} oförändrade" in again.stdout
    assert str(pdf) in Store.open(ix).documents()


def test_the_files_of_a_dead_parsers_task_come_in_order(slow_pdf_folder: Path) -> None:
    """The parser dies on the sixth file of a task: the five before it (parsed, but never
    sent) and the ten after it are parsed again, and every outcome comes in file order."""
    jobs = [_job(path, {}, None) for path in discover([slow_pdf_folder], Summary())]
    jobs.insert(5, jobs.pop(0))  # the large PDF, sixth of the first task
    pipeline = _Pipeline(2, limits=Limits(cpu_seconds=1))
    try:
        outcomes = list(pipeline.run(jobs))
    finally:
        pipeline.close()
    assert [outcome.path for outcome in outcomes] == [job.path for job in jobs]
    assert [(n, o.status) for n, o in enumerate(outcomes) if o.status != "added"] == [(5, "failed")]
    assert outcomes[5].reason == Limits(cpu_seconds=1).over_time()


def test_a_file_past_the_memory_limit_fails_alone(tmp_path: Path) -> None:
    """A text of 40 MB needs far more than the lowest memory limit allowed, every protocol
    far less: the large file fails with the limit named, the others are indexed."""
    folder = _small_files(tmp_path / "in")
    big = folder / "000_stor.txt"
    lines = _lines(20_000, seed=2)
    sections = (
        f"§ {n} Ärende {n}\n" + "\n".join(lines[n % 19_000 : n % 19_000 + 21])
        for n in range(1, 24_000)
    )
    big.write_text("\n\n".join(sections), encoding="utf-8")
    assert big.stat().st_size > 40_000_000

    done = _index(folder, tmp_path / "ix", FINSOK_PARSE_MEMORY_MB=str(PARSE_MEMORY_MB_LEAST))

    reason = Limits(memory_mb=PARSE_MEMORY_MB_LEAST).out_of_memory()
    assert (done.returncode, _failures(done.stderr)) == (1, [f"finsok: {big}: {reason}"])
    assert f"{SMALL} tillagda" in done.stdout


def test_how_a_parsers_death_is_told() -> None:
    limits = Limits(cpu_seconds=60, memory_mb=4096)
    assert death_reason(-signal.SIGXCPU, limits).startswith("tolkningen avbröts efter 60 s")
    assert death_reason(-signal.SIGKILL, limits) == (
        "tolkningsprocessen dog (signal 9, SIGKILL) — slut på minne, eller stoppad utifrån; "
        "nästa körning försöker igen"
    )
    assert death_reason(3, limits) == limits.out_of_memory()
    assert death_reason(1, limits) == (
        "tolkningsprocessen avslutades oväntat (slutkod 1); nästa körning försöker igen"
    )


@pytest.mark.parametrize(
    "name, value, message",
    [
        ("FINSOK_PARSE_CPU_SECONDS", "0", "ange ett heltal från 1 och uppåt"),
        ("FINSOK_PARSE_CPU_SECONDS", "1 min", "FINSOK_PARSE_CPU_SECONDS=1 min går inte"),
        ("FINSOK_PARSE_MEMORY_MB", "100", f"från {PARSE_MEMORY_MB_LEAST} och uppåt"),
    ],
)
def test_a_bad_limit_gets_one_line(tmp_path: Path, name: str, value: str, message: str) -> None:
    done = _index(SAMPLE_DIR, tmp_path / "ix", **{name: value})
    assert done.returncode == 1
    assert len(done.stderr.strip().splitlines()) == 1
    assert message in done.stderr and "internt fel" not in done.stderr
    assert not (tmp_path / "ix").exists()  # refused before the index was opened


# --- the analyser dies ------------------------------------------------------------------


def test_when_the_analyser_dies_the_run_ends_and_keeps_its_last_commit(tmp_path: Path) -> None:
    """The one analyser cannot be replaced (what it has learned shapes the terms of every
    file after), so its death ends the run with one line, the index as last committed."""
    folder = _small_files(tmp_path / "in")
    for n in range(SMALL, 8 * SMALL):  # enough for the run to outlast the first commits
        text = f"Protokoll {n}\n\n§ 1 Ärende\n" + "\n".join(_lines(60, seed=n)) + "\n"
        (folder / f"protokoll_{n:03d}.txt").write_text(text, encoding="utf-8")
    ix = tmp_path / "ix"
    env = {**os.environ, "FINSOK_BATCH_FILES": "16"}
    run = subprocess.Popen(
        [FINSOK, "index", str(folder), "--index", str(ix)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    try:
        analyser = _child_named(run.pid, ANALYSER_NAME)
        for _ in range(600):  # until the first batch is committed
            if (ix / META_FILE).exists():
                break
            time.sleep(0.02)
        os.kill(analyser, signal.SIGKILL)
        out, err = run.communicate(timeout=HANG)
    finally:
        run.kill()
    assert run.returncode == 1, err
    assert err.splitlines() == [
        "finsok: analysprocessen dog (signal 9, SIGKILL), så indexeringen avbröts; indexet "
        "är kvar som det var vid den senaste commiten — kör samma finsok index igen för att "
        "indexera resten"
    ]
    assert out == ""
    kept = len(Store.open(ix).documents())
    assert kept % 16 == 0 and kept < 8 * SMALL  # whole batches, as committed

    done = subprocess.run(
        [FINSOK, "index", str(folder), "--index", str(ix)],
        capture_output=True,
        text=True,
        env=env,
        timeout=HANG,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert len(Store.open(ix).documents()) == 8 * SMALL


def test_a_file_whose_analysis_fails_fails_alone() -> None:
    """A bug in analysing one file ended the analyser process: the run stopped there, and
    every later run stopped at the same file without naming it. The file fails alone, with
    its reason, and the next file is analysed as ever."""
    worker = _Worker()
    jobs = [_job(path, {}, None) for path in sorted(SAMPLE_DIR.glob("*.txt"))[:2]]
    broken, fine = (worker.parse(job) for job in jobs)
    assert broken.pending and fine.status == "added"
    broken.pending = broken.pending[:-1]  # one section's texts lost: its records disagree
    failed = worker.analyse(broken)
    assert (failed.path, failed.status) == (broken.path, "failed")
    assert failed.reason == "internt fel vid analys (ValueError)" and failed.records == []
    analysed = worker.analyse(fine)
    assert analysed.status == "added" and analysed.pending is None
    assert all(record.terms for record in analysed.records if record.rec == REC_SECTION)


def test_a_bug_after_parsing_fails_its_file_alone_in_either_process() -> None:
    """A bug past `parse_source` (building the records) failed its file alone only in a
    parser process, which caught it around the whole call; in the indexer's own process (a
    run of few files) it stopped the run. `_Worker.parse` catches it for both."""
    worker = _Worker()
    path = sorted(SAMPLE_DIR.glob("*.txt"))[0]
    broken = _job(path, {}, lambda _: {"note": 5})  # a note that is no text: the join raises
    failed = worker.parse(broken)
    assert (failed.status, failed.reason) == ("failed", "internt fel vid tolkning (TypeError)")
    assert worker.parse(_job(path, {}, None)).status == "added"
