"""Pathological inputs: the CPU time of each at size N and 8N, and how much it grew.

    python -m bench.pathological [--only NAME]

Each case feeds one step an input that once made it take super-linear time or memory (see
docs/robustness.md): runs of one character, long words, rows of thousands of cells, deeply
nested markup, robots.txt rules with many stars, runs of § titles printed apart from their
prose. Work that grows linearly grows about 8 times from N to 8N; the run fails (exit status
1) when a case grows more than 16 times, which is what a regular expression that backtracks,
or a step that reads its input once per match, does. Tests cannot see a regular expression's
own backtracking (they count lines of Python, never time), so these inputs are here. `make
bench` runs this after the HTTP benchmark.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass

from index import privacy
from index.crawler.robots import Robots
from index.lexicon import Lexicon
from index.parse import parse_text
from index.paths import _alike
from index.webpage import read_html
from web.facets import notice_parts

GROWTH_LIMIT = 16.0  # linear is about 8; quadratic is 64
_MIN_SECONDS = 0.05  # a case is run again until it has taken this long, for a stable time
_HEAD = "Samordningsförbundet Halland\nProtokoll styrelsemöte\nDatum: 2024-03-12\n§ 1 Budget\n"


@dataclass(frozen=True)
class Case:
    name: str
    what: str  # the input, in words
    make: Callable[[int], object]  # the input of size n
    run: Callable[[object], object]
    n: int


def _lines(line: Callable[[int], str], count: int = 20) -> Callable[[int], str]:
    """A protocol of `count` lines, each `line(n - i)` (distinct, so none is a copy)."""
    return lambda n: _HEAD + "\n".join(line(n - i) for i in range(count)) + "\nSlut.\n"


def _word(n: int) -> str:
    return "a" * n


_TOPICS = ("budget", "verksamhetsplan", "uppföljning", "samverkan", "årsredovisning")


def _title_runs(n: int) -> str:
    """A protocol of n runs of three § titles, each run before the three paragraphs that are
    their bodies: a two-column layout's text (`segment.align_columns`)."""
    parts = [_HEAD.removesuffix("§ 1 Budget\n")]
    for first in range(1, 3 * n, 3):
        numbers = range(first, first + 3)
        parts.append("\n\n".join(f"§ {k} Ärende om {_TOPICS[k % 5]}" for k in numbers))
        parts += [f"Styrelsen behandlade {_TOPICS[k % 5]} i ärende {k}." for k in numbers]
    return "\n\n".join(parts) + "\n"


def _learn(word: object) -> None:
    lexicon = Lexicon.default()
    lexicon.split("styrelsemöte")  # the table of part starts is made, then the word learned
    lexicon.add([str(word)])


def _nested(tag: str) -> Callable[[int], bytes]:
    return lambda n: ("<html><body><h1>Protokoll</h1>" + f"<{tag}>§ 1 a " * n).encode()


def _robots(path: object) -> bool:
    rules = Robots.parse(["User-agent: *", "Disallow: /*a*b"], "finsok")
    return rules.can_fetch(f"https://x.se{path}")


CASES = [
    Case(
        "privacy: cells",
        'a row of "850412- " cells over a row of serials',
        lambda n: "Namn " + "850412- " * n + "\n" + "4711 " * n,
        lambda text: privacy.mask_text(str(text)),
        1_000,
    ),
    Case(
        "privacy: numbers",
        "a text of numbers, one a line (the 4 MB original)",
        lambda n: "\n".join(str(10_000_000 + i * 7_919) for i in range(n)),
        lambda text: privacy.mask_text(str(text)),
        20_000,
    ),
    Case(
        "fonts: Mac Roman",
        '20 lines of a long word and an "Š"',
        _lines(lambda n: _word(n) + " Š"),
        lambda text: parse_text(str(text)),
        1_200,
    ),
    Case(
        "fonts: accent",
        '20 lines of a long word, a word and a spacing "¨"',
        _lines(lambda n: _word(n) + " b ¨"),
        lambda text: parse_text(str(text)),
        1_200,
    ),
    Case(
        "clean: hyphen",
        '20 lines of a long word and a lone "-"',
        _lines(lambda n: _word(n) + " -"),
        lambda text: parse_text(str(text)),
        1_200,
    ),
    Case(
        "signing: log",
        '20 "Verifikat" lines, each over a long word',
        lambda n: _HEAD + "".join(f"Verifikat\n{('a-' * n)[: n - i]}\n" for i in range(20)),
        lambda text: parse_text(str(text)),
        1_200,
    ),
    Case(
        "segment: title runs",
        "n runs of three § titles, each before its paragraphs",
        _title_runs,
        lambda text: parse_text(str(text)),
        50,
    ),
    Case(
        "lexicon: long word",
        "a learned word of n letters (memory was its square)",
        lambda n: "é" * n,
        _learn,
        5_000,
    ),
    Case(
        "html: nested div",
        "n <div> never closed",
        _nested("div"),
        lambda data: read_html(bytes(data)),  # type: ignore[arg-type]
        1_000,
    ),
    Case(
        "html: nested td",
        "n <td> never closed",
        _nested("td"),
        lambda data: read_html(bytes(data)),  # type: ignore[arg-type]
        1_000,
    ),
    Case(
        "html: nested b",
        "n <b> never closed",
        _nested("b"),
        lambda data: read_html(bytes(data)),  # type: ignore[arg-type]
        1_000,
    ),
    Case(
        "web: notice",
        "a notice naming an unknown förbund of n letters",
        lambda n: f"Förbundet {_word(n)} finns inte.",
        lambda notice: notice_parts(str(notice)),
        4_000,
    ),
    Case(
        "crawler: robots",
        'a path of n "a" under "Disallow: /*a*b"',
        lambda n: "/" + _word(n),
        _robots,
        4_000,
    ),
    Case(
        "paths: masked name",
        "a name of n characters against a path with two masks",
        lambda n: "a-" * (n // 2),
        lambda name: _alike(f"{privacy.MASK}-{privacy.MASK}-x")(str(name)),
        4_000,
    ),
]


def cpu_seconds(work: Callable[[], object]) -> float:
    """The CPU time of one run of `work`: the least of three rounds, each repeated until it
    took `_MIN_SECONDS`, so that a fast case's time is no clock tick (one round of a run that
    takes a second: a case gone quadratic takes minutes, and its growth shows in one)."""
    best = float("inf")
    for _ in range(3):
        if 1.0 < best < float("inf"):
            break
        runs, start = 0, time.process_time()
        while True:
            work()
            runs += 1
            spent = time.process_time() - start
            if spent >= _MIN_SECONDS:
                break
        best = min(best, spent / runs)
    return best


def measure(case: Case) -> tuple[int, float, int, float]:
    """(size, seconds) at N and at 8N."""
    small, large = case.make(case.n), case.make(8 * case.n)
    return (
        len(small),  # type: ignore[arg-type]
        cpu_seconds(lambda: case.run(small)),
        len(large),  # type: ignore[arg-type]
        cpu_seconds(lambda: case.run(large)),
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", help="run the cases whose name holds this")
    args = parser.parse_args(argv)
    cases = [case for case in CASES if not args.only or args.only in case.name]
    print("PATHOLOGICAL INPUTS (CPU seconds at N and 8N; linear grows about 8×)")
    print(f"  {'case':22} {'size N':>9} {'s':>8} {'size 8N':>9} {'s':>8} {'growth':>7}  input")
    worst = 0.0
    for case in cases:
        small, t_small, large, t_large = measure(case)
        growth = t_large / t_small
        worst = max(worst, growth)
        flag = "  ← over the limit" if growth > GROWTH_LIMIT else ""
        print(
            f"  {case.name:22} {small:>9,} {t_small:>8.4f} {large:>9,} {t_large:>8.4f}"
            f" {growth:>6.1f}×  {case.what}{flag}",
            flush=True,
        )
    if worst > GROWTH_LIMIT:
        print(f"A case grew {worst:.1f}× from N to 8N (limit {GROWTH_LIMIT:g}×): super-linear.")
        return 1
    print(f"Largest growth {worst:.1f}× (limit {GROWTH_LIMIT:g}×).")
    return 0


if __name__ == "__main__":
    sys.exit(main())
