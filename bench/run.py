"""`python -m bench.run`: measure Finsök's ingest, query latency and memory against Whoosh.

One run generates (or reuses) the seeded corpus, builds a Finsök index and a Whoosh index from
the same files, runs `BENCH_QUERIES` against both, prints a report with pass/fail against the
targets and writes everything to `OUT/results.json` (and the report to `OUT/report.txt`).

    python -m bench.run                      # full size: 10,000 files, ~120,000 sections
    python -m bench.run --quick              # 300 files, a smoke run in under a minute
    python -m bench.run --skip-whoosh        # Finsök only
    python -m bench.run --whoosh-docs 3000   # Whoosh on every k-th file only (stated in output)

Each ingest runs in a child process (`--child ...`, internal) so its peak RSS is its own and not
polluted by the generator or the other engine. Query latency is measured in this process, in
process (no HTTP), after one warm-up pass. "Serving memory" is the peak RSS of a fresh child that
opens the index and runs the full query mix once: what one web worker would hold.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import math
import os
import platform
import re
import resource
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from bench.generate import BENCH_QUERIES, generate
from index.ingest import BATCH_FILES

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_OUT = ROOT / "bench" / "out"
QUICK_DOCS = 300
RESULT_MARK = "BENCH-RESULT "

# The targets from the issue: (key, description, comparison, threshold).
TARGETS: list[tuple[str, str, str, float]] = [
    ("ingest_mb_s", "ingest speed ≥ 5 MB/s", ">=", 5.0),
    ("query_p50_ms", "query p50 ≤ 5 ms (in process)", "<=", 5.0),
    ("query_p99_ms", "query p99 ≤ 30 ms (in process)", "<=", 30.0),
    ("ingest_vs_whoosh", "ingest ≥ 10× Whoosh", ">=", 10.0),
    ("p50_vs_whoosh", "query p50 ≥ 30× faster than Whoosh", ">=", 30.0),
    ("serving_rss_mb", "serving memory ≤ 400 MB", "<=", 400.0),
]
# The latency targets are stated for an index of this size; smaller runs are marked as such.
TARGET_SECTIONS = 120_000


# -- measurement helpers -----------------------------------------------------------------------


def peak_rss_mb(who: int = resource.RUSAGE_SELF) -> float:
    """Peak resident set size in MB (Linux reports ru_maxrss in KiB).

    For RUSAGE_CHILDREN it is the peak of the largest finished child (e.g. an ingest worker),
    not a sum.
    """
    return round(resource.getrusage(who).ru_maxrss / 1024, 1)


def cpu_seconds() -> float:
    """User + system CPU time of this process and its finished children (worker processes)."""
    total = 0.0
    for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN):
        usage = resource.getrusage(who)
        total += usage.ru_utime + usage.ru_stime
    return round(total, 1)


def rss_now() -> dict[str, float]:
    """Current RSS split into anonymous memory and file-backed pages (the mmapped index)."""
    out: dict[str, float] = {}
    try:
        status = Path("/proc/self/status").read_text()
    except OSError:
        return out
    for key in ("VmRSS", "RssAnon", "RssFile"):
        m = re.search(rf"^{key}:\s+(\d+) kB", status, re.M)
        if m:
            out[key] = round(int(m.group(1)) / 1024, 1)
    return out


def dir_size_mb(path: Path) -> float:
    """Bytes on disk of every file under `path`, in MB."""
    return round(sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) / 1e6, 1)


def percentiles(values: list[float]) -> dict[str, float]:
    """p50/p95/p99/max/mean by the nearest-rank method (no interpolation between samples)."""
    if not values:
        return {}
    ordered = sorted(values)

    def rank(p: float) -> float:
        return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]

    return {
        "n": len(ordered),
        "p50": round(rank(50), 2),
        "p95": round(rank(95), 2),
        "p99": round(rank(99), 2),
        "max": round(ordered[-1], 2),
        "mean": round(statistics.fmean(ordered), 2),
    }


def query_type(q: str) -> str:
    """A coarse class of a benchmark query, for per-type latency (filters win over the rest)."""
    if re.search(r"(?:^|\s)(?:förbund|år|typ|datum):", q):
        return "filter"
    if '"' in q:
        return "phrase"
    if "*" in q:
        return "prefix"
    if " OR " in q or re.search(r"(?:^|\s)-\w", q):
        return "boolean"
    return "words" if len(q.split()) > 1 else "word"


@dataclass
class Sample:
    """One timed search call."""

    query: str
    ms: float
    total: int


def measure(search: Callable[[str], dict], queries: list[str], repeat: int) -> list[Sample]:
    """Warm up with one pass, then time `repeat` passes over all queries (round robin)."""
    for q in queries:
        search(q)
    samples = []
    for _ in range(repeat):
        for q in queries:
            started = time.perf_counter()
            answer = search(q)
            ms = (time.perf_counter() - started) * 1000
            samples.append(Sample(q, ms, int(answer.get("total", 0))))
    return samples


def summarise(samples: list[Sample]) -> dict:
    """Overall, per-type and per-query latency statistics of a list of samples."""
    by_type: dict[str, list[float]] = {}
    by_query: dict[str, list[Sample]] = {}
    for s in samples:
        by_type.setdefault(query_type(s.query), []).append(s.ms)
        by_query.setdefault(s.query, []).append(s)
    return {
        "overall": percentiles([s.ms for s in samples]),
        "by_type": {t: percentiles(v) for t, v in by_type.items()},
        "per_query": [
            {
                "query": q,
                "type": query_type(q),
                "total": group[-1].total,
                "ms": [round(s.ms, 3) for s in group],
                "p50": percentiles([s.ms for s in group])["p50"],
            }
            for q, group in by_query.items()
        ],
    }


# -- child processes ---------------------------------------------------------------------------


def run_child(command: str, *args: str) -> dict:
    """Run `python -m bench.run --child COMMAND ...` and return the JSON it reports.

    The child's stderr (its progress lines) goes straight to the terminal.
    """
    cmd = [sys.executable, "-m", "bench.run", "--child", command, *args]
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=ROOT, stdout=subprocess.PIPE, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"benchmark child {command!r} failed with exit code {proc.returncode}")
    line = next(
        (ln for ln in reversed(proc.stdout.splitlines()) if ln.startswith(RESULT_MARK)), None
    )
    if line is None:
        raise SystemExit(f"benchmark child {command!r} reported no result")
    result = json.loads(line[len(RESULT_MARK) :])
    result["child_wall_seconds"] = round(time.perf_counter() - started, 2)
    return result


def child_main(args: argparse.Namespace) -> int:
    """Entry point of a child process: do one job, print its result as one JSON line."""
    jobs = {
        "ingest": lambda: _child_ingest(args.corpus, args.index),
        "serve": lambda: _child_serve("finsok", args.index),
        "whoosh-ingest": lambda: _child_whoosh_ingest(args.corpus, args.index, args.whoosh_docs),
        "whoosh-serve": lambda: _child_serve("whoosh", args.index),
    }
    result = jobs[args.child]()
    result["peak_rss_mb"] = peak_rss_mb()
    result["workers_peak_rss_mb"] = peak_rss_mb(resource.RUSAGE_CHILDREN) or None
    result["cpu_seconds"] = cpu_seconds()
    print(RESULT_MARK + json.dumps(result), flush=True)
    return 0


def _progress_printer(label: str) -> Callable[..., None]:
    """A progress callback that prints about every 10 % of the files to stderr."""
    state = {"next": 0.1}

    def report(done: int, total: int, *_: object) -> None:
        if total and done / total >= state["next"] - 1e-9:
            print(f"    {label}: {done}/{total} files", file=sys.stderr, flush=True)
            state["next"] = math.floor(done / total * 10 + 1) / 10

    return report


def _child_ingest(corpus: Path, index_dir: Path) -> dict:
    """Finsök ingest of the whole corpus into a fresh index (`rebuild=True`)."""
    from index.ingest import ingest

    summary = ingest([corpus], index_dir, rebuild=True, progress=_progress_printer("finsök"))
    return {
        "files": summary.added,
        "sections": summary.sections,
        "bytes": summary.bytes,
        "seconds": round(summary.seconds, 2),
        "failed": summary.failed[:20],
        "failed_count": len(summary.failed),
    }


def _child_whoosh_ingest(corpus: Path, index_dir: Path, wanted: int | None) -> dict:
    """Whoosh ingest of the corpus (or of every k-th file when `wanted` is set)."""
    from bench import whoosh_baseline as wb

    files = wb.corpus_files(corpus)
    chosen = wb.subset(files, wanted) if wanted else files
    summary = wb.build_index(chosen, index_dir, progress=_progress_printer("whoosh"))
    return {
        "files": summary.files,
        "sections": summary.sections,
        "bytes": summary.bytes,
        "seconds": round(summary.seconds, 2),
        "commit_seconds": round(summary.commit_seconds, 2),
        "subset": len(chosen) < len(files),
        "corpus_files": len(files),
        "failed": summary.failed[:20],
        "failed_count": len(summary.failed),
        "writer_settings": wb.WRITER_SETTINGS,
    }


def _child_serve(engine: str, index_dir: Path) -> dict:
    """Open the index in a fresh process and run the query mix once; report memory."""
    search = open_search(engine, index_dir)
    after_open = rss_now()
    for q in BENCH_QUERIES:
        search(q)
    return {"after_open": after_open, "after_queries": rss_now(), "queries": len(BENCH_QUERIES)}


def open_search(engine: str, index_dir: Path) -> Callable[[str], dict]:
    """A `search(q) -> answer` function over an open index of the given engine, limit 10."""
    if engine == "finsok":
        from search.engine import Engine, SearchParams

        finsok = Engine.open(index_dir)
        return lambda q: finsok.search(SearchParams(q=q, limit=10))
    from bench.whoosh_baseline import WhooshSearch

    whoosh = WhooshSearch(index_dir)
    return lambda q: whoosh.search(q, limit=10)


# -- corpus ------------------------------------------------------------------------------------


def ensure_corpus(corpus: Path, docs: int, seed: int) -> dict:
    """Reuse `corpus` when its manifest matches docs and seed; otherwise generate it afresh.

    The manifest is written only after generation finished, so an interrupted run is never
    mistaken for a complete corpus.
    """
    manifest_path = corpus / "manifest.json"
    if manifest_path.exists():
        try:
            manifest = json.loads(manifest_path.read_text())
        except (OSError, ValueError):
            manifest = {}
        if manifest.get("docs") == docs and manifest.get("seed") == seed:
            return {**manifest, "reused": True}
    if corpus.exists():
        shutil.rmtree(corpus)
    summary = generate(corpus, docs, seed)
    manifest = {"docs": docs, **summary}
    manifest_path.write_text(json.dumps(manifest, indent=2) + "\n")
    return {**manifest, "reused": False}


# -- environment -------------------------------------------------------------------------------


def machine_info() -> dict:
    """Where the numbers were measured: kernel, CPU model, cores, memory."""
    cpu = "unknown"
    try:
        m = re.search(r"^model name\s*:\s*(.+)$", Path("/proc/cpuinfo").read_text(), re.M)
        cpu = m.group(1).strip() if m else cpu
    except OSError:
        pass
    mem_gib = None
    try:
        m = re.search(r"^MemTotal:\s+(\d+) kB", Path("/proc/meminfo").read_text(), re.M)
        mem_gib = round(int(m.group(1)) / 1024**2, 1) if m else None
    except OSError:
        pass
    return {
        "uname": " ".join(platform.uname()),
        "cpu_model": cpu,
        "cores": os.cpu_count(),
        "memory_gib": mem_gib,
    }


def versions() -> dict:
    """Versions of Python and of the libraries whose speed is being measured."""
    out = {"python": platform.python_version()}
    for dist in ("tantivy", "whoosh-reloaded", "snowballstemmer", "PyStemmer"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = None
    try:
        head = subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True
        ).stdout.strip()
        dirty = subprocess.run(
            ["git", "status", "--porcelain", "--untracked-files=no"],
            cwd=ROOT,
            capture_output=True,
            text=True,
        ).stdout.strip()
        out["finsok_commit"] = head + ("+dirty" if dirty else "")
    except OSError:
        out["finsok_commit"] = None
    return out


# -- the run -----------------------------------------------------------------------------------


def log(message: str) -> None:
    """A timestamped progress line (the report itself comes at the end)."""
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def ingest_figures(raw: dict, index_dir: Path) -> dict:
    """Throughput and size figures derived from a child's ingest report."""
    seconds = raw["seconds"] or 1e-9
    return {
        **raw,
        "mb": round(raw["bytes"] / 1e6, 1),
        "mb_per_s": round(raw["bytes"] / 1e6 / seconds, 2),
        "sections_per_s": round(raw["sections"] / seconds),
        "index_mb": dir_size_mb(index_dir),
        # Above 1.0 the ingest used more than one core (worker processes or writer threads).
        "cores_used": round(raw["cpu_seconds"] / max(raw["child_wall_seconds"], 1e-9), 2),
    }


def bench_finsok(corpus: Path, out: Path, repeat: int) -> dict:
    """Finsök: ingest in a child, queries in process, serving memory in a fresh child."""
    return _bench_engine("finsok", "Finsök", out / "index", corpus, repeat)


def bench_whoosh(corpus: Path, out: Path, repeat: int, whoosh_docs: int | None) -> dict:
    """The Whoosh baseline, measured the same way as Finsök."""
    extra = ("--whoosh-docs", str(whoosh_docs)) if whoosh_docs else ()
    return _bench_engine("whoosh", "Whoosh", out / "whoosh-index", corpus, repeat, extra)


def _bench_engine(
    engine: str, label: str, index_dir: Path, corpus: Path, repeat: int, extra: tuple[str, ...] = ()
) -> dict:
    """Ingest in a child, queries in process, serving memory in a fresh child: one engine.

    The child commands are "ingest"/"serve" for Finsök and "whoosh-ingest"/"whoosh-serve"
    for the baseline.
    """
    prefix = "" if engine == "finsok" else f"{engine}-"
    slow = "" if engine == "finsok" else "; slow"
    log(f"{label} ingest (child process{slow}) ...")
    args = ["--corpus", str(corpus), "--index", str(index_dir), *extra]
    ingest = ingest_figures(run_child(f"{prefix}ingest", *args), index_dir)
    log(f"  {ingest['mb']} MB in {ingest['seconds']} s = {ingest['mb_per_s']} MB/s")
    log(f"{label} queries: {len(BENCH_QUERIES)} × {repeat} in process ...")
    samples = measure(open_search(engine, index_dir), BENCH_QUERIES, repeat)
    queries = summarise(samples)
    log(f"  p50 {queries['overall']['p50']} ms, p99 {queries['overall']['p99']} ms")
    log(f"{label} serving memory (fresh child) ...")
    serving = run_child(f"{prefix}serve", "--index", str(index_dir))
    return {"ingest": ingest, "queries": queries, "serving": serving}


def ratios(finsok: dict, whoosh: dict | None) -> dict:
    """Finsök against Whoosh; index size is scaled to the same input when Whoosh saw a subset."""
    if not whoosh:
        return {}
    fi, wi = finsok["ingest"], whoosh["ingest"]
    fq, wq = finsok["queries"]["overall"], whoosh["queries"]["overall"]
    whoosh_index_full = wi["index_mb"] * fi["bytes"] / max(wi["bytes"], 1)
    return {
        "ingest_speed": round(fi["mb_per_s"] / wi["mb_per_s"], 1),
        "query_p50": round(wq["p50"] / fq["p50"], 1),
        "query_p99": round(wq["p99"] / fq["p99"], 1),
        "index_size": round(fi["index_mb"] / whoosh_index_full, 2),
        "whoosh_index_scaled": wi.get("subset", False),
    }


def evaluate(finsok: dict, ratio: dict) -> list[dict]:
    """Pass/fail per target; a target that could not be measured is reported as such."""
    values = {
        "ingest_mb_s": finsok["ingest"]["mb_per_s"],
        "query_p50_ms": finsok["queries"]["overall"]["p50"],
        "query_p99_ms": finsok["queries"]["overall"]["p99"],
        "ingest_vs_whoosh": ratio.get("ingest_speed"),
        "p50_vs_whoosh": ratio.get("query_p50"),
        "serving_rss_mb": finsok["serving"]["peak_rss_mb"],
    }
    out = []
    for key, text, op, threshold in TARGETS:
        value = values[key]
        ok = None if value is None else (value >= threshold if op == ">=" else value <= threshold)
        out.append({"key": key, "target": text, "value": value, "pass": ok})
    return out


# -- report ------------------------------------------------------------------------------------


def _fmt(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{value:,}{unit}"


def render_report(r: dict) -> str:
    """The human-readable report printed at the end of a run (and saved as report.txt)."""
    f, w, c, m, v = r["finsok"], r.get("whoosh"), r["corpus"], r["machine"], r["versions"]
    lines = [
        "=" * 100,
        f"Finsök benchmark — {r['date']}" + ("  (QUICK smoke run)" if r["config"]["quick"] else ""),
        "=" * 100,
        f"Machine   {m['uname']}",
        f"CPU       {m['cpu_model']}, {m['cores']} cores, {m['memory_gib']} GiB RAM",
        f"Versions  Python {v['python']}, tantivy {v['tantivy']}, Whoosh-Reloaded "
        f"{v['whoosh-reloaded']}, snowballstemmer {v['snowballstemmer']}, PyStemmer "
        f"{v['PyStemmer']}, Finsök {v['finsok_commit']}",
        f"Corpus    {c['files']:,} files, {c['sections']:,} sections (generator count), "
        f"{c['mb']} MB, seed {c['seed']} — "
        + ("reused" if c["reused"] else f"generated in {c['seconds']} s"),
        f"Queries   {len(BENCH_QUERIES)} queries × {r['config']['queries_repeat']} timed passes "
        "after one warm-up pass, limit=10 with snippets and facets, in process",
        "",
    ]
    lines += _ingest_table(f, w)
    lines += _latency_table(f, w)
    lines += _per_query_table(f, w)
    lines += _memory_lines(f, w)
    lines += _ratio_lines(r["ratios"], w)
    lines += _target_lines(r)
    lines += _notes(r)
    lines.append(f"Total benchmark time {r['total_seconds']} s. Results: {r['results_path']}")
    return "\n".join(lines)


def _ingest_table(f: dict, w: dict | None) -> list[str]:
    rows = [
        ("files", "files", ""),
        ("sections", "sections", ""),
        ("input MB", "mb", ""),
        ("seconds", "seconds", ""),
        ("MB/s", "mb_per_s", ""),
        ("sections/s", "sections_per_s", ""),
        ("index size MB", "index_mb", ""),
        ("peak RSS MB", "peak_rss_mb", ""),
        ("  largest worker MB", "workers_peak_rss_mb", ""),
        ("CPU seconds", "cpu_seconds", ""),
        ("cores used (CPU/wall)", "cores_used", ""),
        ("failed files", "failed_count", ""),
    ]
    lines = ["INGEST                         Finsök          Whoosh"]
    for label, key, unit in rows:
        wv = _fmt(w["ingest"].get(key), unit) if w else "skipped"
        lines.append(f"  {label:<22} {_fmt(f['ingest'].get(key), unit):>14}  {wv:>14}")
    if w and w["ingest"].get("subset"):
        lines.append(
            f"  Whoosh indexed a subset: {w['ingest']['files']:,} of "
            f"{w['ingest']['corpus_files']:,} files (every k-th); its MB/s is on that subset, "
            "which favours Whoosh (a smaller index merges less)."
        )
    return [*lines, ""]


def _latency_table(f: dict, w: dict | None) -> list[str]:
    lines = ["QUERY LATENCY ms            p50      p95      p99      max     mean      n"]

    def row(label: str, stats: dict) -> str:
        cells = "".join(f"{stats.get(k, 0):>9,.2f}" for k in ("p50", "p95", "p99", "max", "mean"))
        return f"  {label:<22}{cells}{stats.get('n', 0):>7}"

    lines.append(row("Finsök all", f["queries"]["overall"]))
    if w:
        lines.append(row("Whoosh all", w["queries"]["overall"]))
    for kind in sorted(f["queries"]["by_type"]):
        lines.append(row(f"Finsök {kind}", f["queries"]["by_type"][kind]))
        if w:
            lines.append(row(f"Whoosh {kind}", w["queries"]["by_type"][kind]))
    return [*lines, ""]


def _per_query_table(f: dict, w: dict | None) -> list[str]:
    lines = ["PER QUERY (p50 ms; hits = total matching sections)"]
    lines.append(f"  {'query':<50}{'Finsök':>9}{'hits':>8}{'Whoosh':>10}{'hits':>8}")
    whoosh_rows = {q["query"]: q for q in w["queries"]["per_query"]} if w else {}
    for q in f["queries"]["per_query"]:
        wq = whoosh_rows.get(q["query"])
        wcells = f"{wq['p50']:>10,.2f}{wq['total']:>8,}" if wq else f"{'—':>10}{'—':>8}"
        lines.append(f"  {q['query'][:49]:<50}{q['p50']:>9,.2f}{q['total']:>8,}{wcells}")
    return [*lines, ""]


def _memory_lines(f: dict, w: dict | None) -> list[str]:
    lines = ["SERVING MEMORY (fresh process: open index, run the query mix once)"]
    for name, data in (("Finsök", f), ("Whoosh", w)):
        if not data:
            continue
        s = data["serving"]
        lines.append(
            f"  {name:<8} peak RSS {s['peak_rss_mb']:,} MB; after open {s['after_open']}; "
            f"after queries {s['after_queries']}"
        )
    return [*lines, ""]


def _ratio_lines(ratio: dict, w: dict | None) -> list[str]:
    if not w:
        return ["RATIOS  skipped (--skip-whoosh)", ""]
    scaled = " (Whoosh size scaled to the full input)" if ratio["whoosh_index_scaled"] else ""
    return [
        "RATIOS",
        f"  ingest speed Finsök/Whoosh   {ratio['ingest_speed']}×",
        f"  query p50 Whoosh/Finsök      {ratio['query_p50']}×",
        f"  query p99 Whoosh/Finsök      {ratio['query_p99']}×",
        f"  index size Finsök/Whoosh     {ratio['index_size']}{scaled}",
        "",
    ]


def _target_lines(r: dict) -> list[str]:
    lines = ["TARGETS"]
    for t in r["targets"]:
        verdict = {True: "PASS", False: "FAIL", None: "n/a "}[t["pass"]]
        lines.append(f"  [{verdict}] {t['target']:<40} measured {_fmt(t['value'])}")
    sections = r["finsok"]["ingest"]["sections"]
    if sections < TARGET_SECTIONS * 0.8:
        lines.append(
            f"  (latency targets are set for ~{TARGET_SECTIONS:,} sections; "
            f"this run has {sections:,})"
        )
    return [*lines, ""]


def _notes(r: dict) -> list[str]:
    if not r.get("whoosh"):
        return []
    ws = r["whoosh"]["ingest"]["writer_settings"]
    return [
        "FAIRNESS NOTES",
        "  Both engines parse with index.parse.parse_source and stem with index.analysis.",
        f"  Whoosh writer: limitmb={ws['limitmb']}, procs={ws['procs']}, "
        f"multisegment={ws['multisegment']}, commits: {ws['commits']}; one long-lived searcher.",
        "  Whoosh indexes one term per word (stem); Finsök indexes exact, stem, compound parts and",
        "  folded terms, adds a proximity clause and a did-you-mean suggestion: Whoosh does less.",
        f"  Finsök commits every {BATCH_FILES} files and opens a fresh searcher per query"
        " (production path).",
        "  Finsök's ingest may use worker processes (see 'cores used'); Whoosh runs procs=1.",
        "",
    ]


# -- main --------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        prog="python -m bench.run", description="Benchmark Finsök against a Whoosh baseline."
    )
    parser.add_argument("--docs", type=int, default=10_000, help="corpus size in files")
    parser.add_argument("--seed", type=int, default=1, help="corpus seed")
    parser.add_argument("--out", type=Path, default=None, help="output folder (bench/out)")
    parser.add_argument("--skip-whoosh", action="store_true", help="measure Finsök only")
    parser.add_argument("--queries-repeat", type=int, default=5, help="timed passes per query")
    parser.add_argument(
        "--whoosh-docs",
        type=int,
        default=None,
        help="index only this many files (every k-th) in Whoosh, to bound its run time",
    )
    parser.add_argument(
        "--quick", action="store_true", help=f"smoke run: {QUICK_DOCS} files in bench/out/quick"
    )
    # Internal: the child processes that ingest or serve.
    parser.add_argument(
        "--child",
        choices=("ingest", "serve", "whoosh-ingest", "whoosh-serve"),
        help=argparse.SUPPRESS,
    )
    parser.add_argument("--corpus", type=Path, help=argparse.SUPPRESS)
    parser.add_argument("--index", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.quick:
        args.docs = QUICK_DOCS
    if args.out is None:
        # A quick run gets its own folder so it never replaces the full-size corpus.
        args.out = DEFAULT_OUT / "quick" if args.quick else DEFAULT_OUT
    if args.docs < 1 or args.queries_repeat < 1:
        parser.error("--docs and --queries-repeat must be at least 1")
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    if args.child:
        return child_main(args)
    started = time.perf_counter()
    out: Path = args.out.resolve()
    out.mkdir(parents=True, exist_ok=True)
    results: dict = {
        "date": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "machine": machine_info(),
        "versions": versions(),
        "config": {
            "docs": args.docs,
            "seed": args.seed,
            "queries_repeat": args.queries_repeat,
            "whoosh_docs": args.whoosh_docs,
            "skip_whoosh": args.skip_whoosh,
            "quick": args.quick,
            "out": str(out),
        },
    }
    log(f"Corpus: {args.docs} files, seed {args.seed} -> {out / 'corpus'}")
    corpus = out / "corpus"
    results["corpus"] = ensure_corpus(corpus, args.docs, args.seed)
    log("  " + ("reused" if results["corpus"]["reused"] else "generated"))
    results["finsok"] = bench_finsok(corpus, out, args.queries_repeat)
    results["whoosh"] = (
        None
        if args.skip_whoosh
        else bench_whoosh(corpus, out, args.queries_repeat, args.whoosh_docs)
    )
    results["ratios"] = ratios(results["finsok"], results["whoosh"])
    results["targets"] = evaluate(results["finsok"], results["ratios"])
    results["total_seconds"] = round(time.perf_counter() - started, 1)
    results["results_path"] = str(out / "results.json")
    report = render_report(results)
    (out / "results.json").write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n")
    (out / "report.txt").write_text(report + "\n")
    print(report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
