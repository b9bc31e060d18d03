"""HTTP benchmark: the real server, over loopback, on the benchmark index.

    python -m bench.http [--index bench/out/index] [--duration 10] [--connections 8]

Starts `finsok serve` (gunicorn, worker processes with threads) on 127.0.0.1, then measures:

- latency of `/api/search` and of the search page (`/?q=…`), one request at a time over a
  keep-alive connection, for every query of the benchmark mix (p50/p95/p99);
- throughput of `/api/search` under load with wrk (Debian package `wrk`), rotating through
  the same queries; without wrk, a Python thread pool stands in (and says so);
- the server's peak memory (VmHWM) after the load;
- latency of the hit-list download (`/api/search.csv`, up to `MAX_EXPORT_ROWS` hits with
  snippets) for the first `--export-queries` queries of the mix, one pass after a warm-up,
  and the server's peak memory after them.

Run `python -m bench.run` first: it builds the 120,000-section index this reads. Only
127.0.0.1 is ever contacted, and every loop is bounded in count and time.
"""

from __future__ import annotations

import argparse
import http.client
import json
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import quote

from bench.generate import BENCH_QUERIES
from search.limits import MAX_EXPORT_ROWS

HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def start_server(index: Path, port: int, threads: int, workers: int = 0) -> subprocess.Popen:
    finsok = Path(sys.executable).with_name("finsok")
    args = [str(finsok), "serve", "--index", str(index), "--host", HOST, "--port", str(port)]
    args += ["--threads", str(threads), "--workers", str(workers)]
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            conn = http.client.HTTPConnection(HOST, port, timeout=2)
            conn.request("GET", "/healthz")
            if conn.getresponse().status == 200:
                return proc
        except OSError:
            time.sleep(0.2)
    proc.kill()
    raise SystemExit("bench.http: the server did not answer /healthz within 30 s")


def paths(prefix: str) -> list[str]:
    return [f"{prefix}{quote(q)}" for q in BENCH_QUERIES]


def latencies(port: int, urls: list[str], passes: int) -> list[float]:
    """Milliseconds per request, sequential, one keep-alive connection (after a warm-up pass)."""
    conn = http.client.HTTPConnection(HOST, port, timeout=120)
    timings = []
    for n in range(passes + 1):
        for url in urls:
            started = time.perf_counter()
            conn.request("GET", url)
            response = conn.getresponse()
            response.read()
            if response.status != 200:
                raise SystemExit(f"bench.http: {url} answered {response.status}")
            if n:  # the first pass warms caches
                timings.append((time.perf_counter() - started) * 1000)
    conn.close()
    return timings


def percentiles(values: list[float]) -> dict[str, float]:
    ordered = sorted(values)

    def at(p: float) -> float:
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 2)

    return {
        "p50": at(0.50),
        "p95": at(0.95),
        "p99": at(0.99),
        "mean": round(statistics.mean(ordered), 2),
    }


def load_with_wrk(port: int, urls: list[str], duration: int, connections: int) -> dict:
    script = (
        "local paths = {"
        + ",".join(json.dumps(u) for u in urls)
        + "}\n"
        + (
            "local i = 0\n"
            "request = function()\n"
            "  i = i % #paths + 1\n"
            "  return wrk.format('GET', paths[i])\n"
            "end\n"
        )
    )
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as f:
        f.write(script)
    cmd = ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--latency", "-s", f.name]
    out = subprocess.run(
        [*cmd, f"http://{HOST}:{port}/"], capture_output=True, text=True, timeout=duration + 60
    ).stdout
    Path(f.name).unlink()
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    dist = dict(re.findall(r"^\s+(50|75|90|99)%\s+([\d.]+\w+)", out, re.MULTILINE))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    return {
        "tool": "wrk 4.1 (Debian)",
        "requests_per_s": rps,
        "latency": dist,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "connections": connections,
        "seconds": duration,
    }


def load_with_threads(port: int, urls: list[str], duration: int, connections: int) -> dict:
    """Stand-in for wrk: `connections` threads, each with a keep-alive connection."""
    stop = time.monotonic() + duration
    counts = [0] * connections

    def client(k: int) -> None:
        conn = http.client.HTTPConnection(HOST, port, timeout=30)
        i = k
        while time.monotonic() < stop:
            conn.request("GET", urls[i % len(urls)])
            conn.getresponse().read()
            counts[k] += 1
            i += 1

    threads = [threading.Thread(target=client, args=(k,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return {
        "tool": "Python threads (install Debian's wrk for a real load tool)",
        "requests_per_s": round(sum(counts) / duration, 1),
        "connections": connections,
        "seconds": duration,
    }


def peak_memory_mb(pid: int) -> float | None:
    """Peak resident memory of the server: the master plus its worker processes."""
    pids = [pid]
    children = Path(f"/proc/{pid}/task/{pid}/children")
    if children.exists():
        pids += [int(p) for p in children.read_text().split()]
    total = 0
    for one in pids:
        try:
            status = Path(f"/proc/{one}/status").read_text()
        except OSError:
            continue
        m = re.search(r"VmHWM:\s+(\d+) kB", status)
        total += int(m.group(1)) if m else 0
    return round(total / 1024, 1) if total else None


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.http")
    parser.add_argument("--index", type=Path, default=Path("bench/out/index"))
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--server-threads", type=int, default=4)
    parser.add_argument("--server-workers", type=int, default=0, help="0: one per core")
    parser.add_argument("--passes", type=int, default=3)
    parser.add_argument("--export-queries", type=int, default=10)
    parser.add_argument("--out", type=Path, default=Path("bench/out/http.json"))
    args = parser.parse_args(argv)
    if not args.index.exists():
        raise SystemExit(f"bench.http: no index at {args.index} — run `python -m bench.run` first")
    port = free_port()
    server = start_server(args.index, port, args.server_threads, args.server_workers)

    try:
        api = percentiles(latencies(port, paths("/api/search?q="), args.passes))
        page = percentiles(latencies(port, paths("/?q="), args.passes))
        load = (load_with_wrk if shutil.which("wrk") else load_with_threads)(
            port, paths("/api/search?q="), args.duration, args.connections
        )
        memory = peak_memory_mb(server.pid)
        exports = paths("/api/search.csv?q=")[: args.export_queries]
        export = percentiles(latencies(port, exports, 1)) if exports else None
        memory_after_exports = peak_memory_mb(server.pid)
    finally:
        server.terminate()
        server.wait(timeout=10)
    result = {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "index": str(args.index),
        "queries": len(BENCH_QUERIES),
        "api_search_ms": api,
        "search_page_ms": page,
        "load": load,
        "hit_list_csv_ms": export,
        "server_peak_rss_mb": memory,
        "server_peak_rss_after_exports_mb": memory_after_exports,
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=2, ensure_ascii=False))
    print(f"HTTP benchmark {result['date']} — {len(BENCH_QUERIES)} queries, index {args.index}")
    print(f"  /api/search latency ms  {api}   (target p50 ≤ 10)")
    print(f"  search page latency ms  {page}   (target p50 ≤ 30)")
    print(
        f"  /api/search under load  {load['requests_per_s']} req/s with {load['tool']}, "
        f"{load['connections']} connections   (target ≥ 200)"
    )
    print(f"  server peak memory      {memory} MB   (target ≤ 400)")
    print(
        f"  hit-list CSV latency ms {export}   ({len(exports)} queries, up to "
        f"{MAX_EXPORT_ROWS} hits each); peak memory after them {memory_after_exports} MB"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
