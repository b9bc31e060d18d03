"""The `finsok` console script, run as a user runs it: a real process, real files."""

from __future__ import annotations

import argparse
import contextlib
import html
import inspect
import json
import os
import re
import shutil
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlencode

import pytest

from cli.argparse_sv import MESSAGES
from cli.terminal import (
    crawl_summary_line,
    reanalysis_path,
    render_hits,
    shell_word,
    summary_line,
)
from index.crawler.crawl import CrawlSummary
from index.ingest import Summary
from index.store import META_FILE, Store
from tests.conftest import FINSOK, ROOT, SAMPLE_DIR, send_raw
from tests.pdfgen import make_encrypted_pdf, make_image_only_pdf, make_truncated_pdf

CONTRACT_KEYS = {
    "source",
    "sha256",
    "forbund",
    "forbund_slug",
    "kind",
    "date",
    "title",
    "sections",
    "warnings",
}
# The contract's section keys, and its extensions "date" (the section's meeting;
# index.meetings), "page_end" (the last page its text is on) and "label_repeats" (another
# section of its meeting has its label, so its citation names its title).
SECTION_KEYS = {
    "label",
    "number",
    "title",
    "text",
    "page",
    "page_end",
    "decisions",
    "date",
    "label_repeats",
}


def run(*args: str, cwd: Path | None = None, **extra: str) -> subprocess.CompletedProcess[str]:
    """The console script on this checkout's code: the installed script imports from where
    the project was installed, which for a second git worktree is another checkout. `extra`
    sets environment variables for this run."""
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    env = {**os.environ, "PYTHONWARNINGS": "error", "PYTHONPATH": pythonpath, **extra}
    return subprocess.run(
        [FINSOK, *args], capture_output=True, text=True, timeout=60, cwd=cwd, env=env
    )


def test_parse_json_has_the_contract_shape() -> None:
    path = SAMPLE_DIR / "000_0cffb97c7c420864.txt"
    result = run("parse", str(path), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert set(doc) == CONTRACT_KEYS
    assert doc["forbund"] == "Samordningsförbundet Söderåsen"
    assert doc["title"] == "Sammanträdesprotokoll nr 4"
    assert len(doc["sha256"]) == 64
    section = doc["sections"][5]
    assert set(section) == SECTION_KEYS
    assert (section["label"], section["number"], section["page"]) == ("§ 47", 47, None)
    assert section["page_end"] is None  # a text file has no pages
    assert section["date"] == doc["date"] == "2025-06-11"
    assert section["label_repeats"] is False
    assert section["decisions"][0]["id"] is None
    assert "återremittera ärendet" in section["decisions"][0]["text"]


@pytest.mark.parametrize("locale", ["C.UTF-8", "C"])
def test_parse_json_names_a_file_that_is_not_utf8_in_valid_json(
    tmp_path: Path, locale: str
) -> None:
    """A Latin-1 name wrote a raw byte (or a lone surrogate) into `source`: not JSON text.
    It shows the byte as the error lines do, and says so; a UTF-8 name with a line feed (the
    neighbour) stays as it is, JSON escapes it."""
    body = "§ 1 Budget\nStyrelsen beslutar att godkänna.\n".encode()
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": locale}
    # A Latin-1 soft hyphen between a number's halves: masked, as the error lines mask it.
    for name, source in [
        (b"m\xf6te.txt", "m\\xf6te.txt"),
        (b"intyg-19121212\xad1212.txt", "intyg-XXXXXX-XXXX.txt"),
    ]:
        odd = os.fsencode(tmp_path) + b"/" + name
        with open(odd, "wb") as handle:
            handle.write(body)
        result = subprocess.run(
            [FINSOK, "parse", os.fsdecode(odd), "--json"], capture_output=True, env=env, timeout=60
        )
        assert result.returncode == 0, result.stderr
        doc = json.loads(result.stdout.decode("utf-8"))  # strict: no raw byte
        assert doc["source"] == f"{tmp_path}/{source}"
        assert any("inte giltig UTF-8" in w for w in doc["warnings"])
    plain = tmp_path / "rad\nbrytning.txt"
    plain.write_bytes(body)
    result = run("parse", str(plain), "--json")
    doc = json.loads(result.stdout)
    assert doc["source"] == str(plain)
    assert not any("UTF-8" in w for w in doc["warnings"])


def test_parse_outline_is_readable() -> None:
    result = run("parse", str(SAMPLE_DIR / "002_aa6c41666d4685c7.txt"))
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert lines[0] == "Samordningsförbundet i Blekinge (blekinge) · 2025-09-29 · protokoll"
    assert any(line.strip().startswith("§ 11") and "Lärande genomlysning" in line for line in lines)
    assert any("Beslut 2025-5 §11:2: Att ge förbundschefen" in line for line in lines)


def _write(data: bytes):
    return lambda p: p.write_bytes(data) and p


BAD_INPUTS = [
    ("tom.txt", _write(b""), "filen är tom"),
    ("skrap.txt", _write(bytes(range(256)) * 8), "binära data"),
    ("halv.pdf", make_truncated_pdf, "avkortad eller skadad"),
    ("last.pdf", make_encrypted_pdf, "krypterad"),
    ("skannad.pdf", make_image_only_pdf, "saknar textlager"),
    (
        "meny.html",
        _write(b"<html><body><nav><a href='/'>Start</a></nav></body></html>"),
        "saknar läsbart innehåll",
    ),
    ("brev.docx", _write(b"PK\x03\x04"), "filtypen stöds inte"),
    ("saknas.txt", lambda p: p, "filen finns inte"),
]


@pytest.mark.parametrize(("name", "make", "reason"), BAD_INPUTS, ids=[b[0] for b in BAD_INPUTS])
def test_bad_input_gives_one_clear_line(tmp_path: Path, name: str, make, reason: str) -> None:
    path = tmp_path / name
    make(path)
    result = run("parse", str(path))
    assert result.returncode != 0
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(f"finsok: {path}: ")
    assert reason in lines[0]
    assert "Traceback" not in result.stderr


def test_usage_error_exits_non_zero() -> None:
    result = run("parse")
    assert result.returncode == 2
    assert "användning: finsok parse" in result.stderr


# (arguments, the Swedish error, the English argparse would have written)
USAGE_ERRORS = [
    ([], "finsok: fel: följande argument saknas: KOMMANDO", "the following arguments are"),
    (["index"], "finsok index: fel: följande argument saknas: SÖKVÄG", "are required"),
    (["sök", "budget"], "KOMMANDO: ogiltigt val: 'sök' (välj bland 'parse',", "invalid choice"),
    (["search", "budget", "--kind", "okänd"], "--kind: ogiltigt val: 'okänd'", "choose from"),
    # The subcommand reports it, with its own usage line and help command.
    (["search", "budget", "--bogus"], "finsok search: fel: okända argument: --bogus", "unrecog"),
    (["parse", "a.txt", "b.txt"], "finsok parse: fel: okända argument: b.txt", "unrecognized"),
    (["search", "budget", "--index"], "--index: kräver ett värde", "expected one argument"),
    (["search", "budget", "--limit", "tio"], "--limit: 'tio' är inget heltal", "invalid int"),
    (["search", "budget", "--json=ja"], "--json: tar inget värde (fick 'ja')", "ignored explicit"),
    (["search", "budget", "--f", "x"], "tvetydig flagga: --f kan vara --forbund, --from", "ambig"),
    # The API's ranges, as usage errors; a limit above the cap is refused, never clamped.
    (["search", "b", "--limit", "0"], "--limit: 0 är för litet (tillåtet: 1–100)", "invalid"),
    (
        ["search", "b", "--limit", "101"],
        "--limit: 101 är för stort (tillåtet: 1–100); hämta fler träffar sida för sida med "
        "--offset",
        "invalid",
    ),
    (["search", "b", "--limit", "1000000"], "--limit: 1000000 är för stort", "invalid"),
    (
        ["search", "b", "--offset", "-1"],
        "--offset: -1 är för litet (tillåtet: 0–10 000)",
        "invalid",
    ),
    (
        ["search", "b", "--offset", "10001"],
        "--offset: 10001 är för stort (tillåtet: 0–10 000); avgränsa sökningen (--forbund, "
        "--from, --to, --kind) för att nå träffar längre bak",
        "invalid",
    ),
    (
        ["search", "b", "--from", "2025-12-31", "--to", "2021-01-01"],
        "fel: --from 2025-12-31 ligger efter --to 2021-01-01; byt plats på datumen: "
        "--from 2021-01-01 --to 2025-12-31",
        "after",
    ),
    # More förbund than the API takes (each counted once, as the web counts them).
    (
        ["search", "b", *[f"--forbund=f{n}" for n in range(101)]],
        "fel: --forbund: högst 100 förbund, inte 101",
        "Parametern",
    ),
    # A query longer than the API takes, refused before the index is opened.
    (["search", "b" * 501], "fel: FRÅGA är för lång (501 tecken, högst 500)", "Traceback"),
    # serve's flags, checked before anything starts (gunicorn and the socket said it in English).
    (["serve", "--port", "99999"], "--port: 99999 är för stort (tillåtet: 1–65 535)", "Overflow"),
    (["serve", "--port", "-1"], "--port: -1 är för litet (tillåtet: 1–65 535)", "Overflow"),
    (["serve", "--port", "0"], "--port: 0 är för litet (tillåtet: 1–65 535)", "svarar"),
    (["serve", "--workers", "-3"], "--workers: -3 är för litet (tillåtet: minst 0)", "positive"),
    (["serve", "--threads", "0"], "--threads: 0 är för litet (tillåtet: minst 1)", "svarar"),
    # Dates only as ÅÅÅÅ-MM-DD, as the API takes them: Python's date.fromisoformat reads each of
    # these as some date. One that does not exist says so rather than blaming the format.
    (
        ["search", "b", "--from", "20231231xx"],
        "--from: ogiltigt datum '20231231xx': använd ÅÅÅÅ-MM-DD",
        "invalid",
    ),
    (
        ["search", "b", "--to", "20240101"],
        "--to: ogiltigt datum '20240101': använd ÅÅÅÅ-MM-DD",
        "invalid",
    ),
    (["search", "b", "--from", "2024-W01-1"], "--from: ogiltigt datum '2024-W01-1'", "invalid"),
    (
        ["search", "b", "--to", "2024-02-30"],
        "--to: datumet 2024-02-30 finns inte — februari 2024 har 29 dagar",
        "invalid",
    ),
]


@pytest.mark.parametrize(
    ("args", "swedish", "english"),
    USAGE_ERRORS,
    ids=[" ".join(e[0])[:60] or "finsok" for e in USAGE_ERRORS],
)
def test_usage_errors_are_in_swedish(args: list[str], swedish: str, english: str) -> None:
    result = run(*args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert lines[0].startswith("användning: finsok")
    command = next((a for a in args if a in ("parse", "index", "search", "serve")), None)
    if command and "okända argument" in swedish:
        assert lines[0].startswith(f"användning: finsok {command}")
        assert lines[-1].endswith(f"`finsok {command} --help`")
    assert [line for line in lines if ": fel: " in line] == [lines[-1]]
    assert swedish in lines[-1]
    assert lines[-1].endswith(" --help`")  # where to read how it is done
    for word in (english, "usage:", "error:", "argument -"):
        assert word not in result.stderr


# (subcommand, the headings of its help, in order)
HELP_HEADINGS = [
    ([], ["flaggor:", "kommandon:"]),
    (["parse"], ["argument:", "flaggor:"]),
    (["index"], ["argument:", "flaggor:"]),
    (["search"], ["argument:", "flaggor:"]),
    (["serve"], ["flaggor:"]),
    (["crawl"], ["argument:", "flaggor:"]),
    (["update"], ["flaggor:"]),
]


@pytest.mark.parametrize(
    ("command", "headings"), HELP_HEADINGS, ids=[" ".join(h[0]) or "finsok" for h in HELP_HEADINGS]
)
def test_help_is_in_swedish(command: list[str], headings: list[str]) -> None:
    result = run(*command, "--help")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(" ".join(["användning: finsok", *command]))
    lines = result.stdout.splitlines()
    assert [line for line in lines if line.endswith(":") and not line.startswith(" ")] == headings
    assert "  -h, --help" in result.stdout and "visa den här hjälpen och avsluta" in result.stdout
    english = ["usage:", "options:", "positional arguments", "show this help", "subcommands"]
    assert [word for word in english if word in result.stdout] == []


def test_every_translated_message_is_one_argparse_writes() -> None:
    """The table is keyed by argparse's own msgids: a Python whose argparse words a message
    differently would show it in English again, and this says which one."""
    source = inspect.getsource(argparse)
    assert [msgid for msgid in MESSAGES if f"'{msgid}'" not in source] == []


@pytest.fixture(scope="module")
def cli_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample indexed by the command itself, not conftest's `sample_index` (built by
    calling `ingest` in the test process): these tests are about what a user who ran
    `finsok index data/sample` then gets from `finsok search`."""
    ix = tmp_path_factory.mktemp("cli") / "ix"
    result = run("index", str(SAMPLE_DIR), "--index", str(ix))
    assert result.returncode == 0, result.stderr
    assert "5 tillagda" in result.stdout
    return ix


def test_search_prints_ranked_snippeted_hits(cli_index: Path) -> None:
    result = run("search", "genomlysning", "--index", str(cli_index))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "4 träffar för ”genomlysning”"
    assert lines[1].startswith(
        "  1. Samordningsförbundet i Blekinge · 2025-09-29 · § 11 Lärande genomlysning"
    )
    assert lines[1].endswith("[beslut]")
    assert "genomlysning" in lines[2] and "<mark>" not in lines[2] and "\033[1m" not in lines[2]


@pytest.mark.parametrize(
    ("args", "api"),
    [
        (["genomlysning"], "/api/search?q=genomlysning"),
        (["ESF", "--forbund", "halland", "--limit", "3"], "/api/search?q=ESF&forbund=halland&limit=3"),
        (["Skolgatan", "--documents"], "/api/documents?q=Skolgatan"),
        (["19850412-1230 budget"], "/api/search?q=19850412-1230+budget"),
        # the query language's exclusions and several words, unquoted, also around flags
        (["-budget"], "/api/search?q=-budget"),
        (["-revision", "budget"], "/api/search?q=-revision+budget"),
        (["-förbund:halland", "budget"], "/api/search?q=-förbund:halland+budget"),
        (["budget", "--forbund", "halland", "-revision"], "/api/search?q=budget+-revision&forbund=halland"),
        (["extern", "genomlysning"], "/api/search?q=extern+genomlysning"),
        (["budget", "--limit", "2", "ESF"], "/api/search?q=budget+ESF&limit=2"),
        # the filters for hits without a date or a förbund (the facets' "odaterat", "Okänt förbund")
        (["budget", "--undated"], "/api/search?q=budget&undated=1"),
        (["budget", "--forbund", "okant-forbund"], "/api/search?q=budget&forbund=okant-forbund"),
        # a comma-separated value names each förbund, as the API reads it
        (["ESF", "--forbund", "halland,blekinge"], "/api/search?q=ESF&forbund=halland&forbund=blekinge"),
        (["ESF", "--forbund", "halland,blekinge"], "/api/search?q=ESF&forbund=halland,blekinge"),
    ],
)  # fmt: skip
def test_search_json_is_the_apis_answer(cli_index: Path, args: list[str], api: str) -> None:
    """The contract gives `finsok search --json` and the API one shape: a script can switch
    between them (citations, paging and the masked query included)."""
    from web import create_app

    result = run("search", *args, "--json", "--index", str(cli_index))
    assert result.returncode == 0, result.stderr
    cli = json.loads(result.stdout)
    client = create_app({"FINSOK_INDEX": str(cli_index), "TESTING": True}).test_client()
    answer = client.get(api).get_json()
    for took in (cli, answer):
        took.pop("took_ms")
    assert cli == answer
    assert "19850412" not in result.stdout


@pytest.mark.parametrize(
    "flags",
    [
        ["--forbund", "19121212-1212"],
        ["--forbund", "19121212-1212", "--json"],
        ["--from", "19121212-1212"],
        ["--kind", "19121212-1212"],
        ["--limit", "19121212-1212"],
        ["--offset", "121212-1212"],
    ],
)
def test_search_never_echoes_an_identity_number_typed_in_a_flag(
    cli_index: Path, flags: list[str]
) -> None:
    """A flag's value is quoted back in a notice, in `params` or in a usage error: an identity
    number typed there is masked, as the query's is."""
    result = run("search", "ESF", *flags, "--index", str(cli_index))
    both = result.stdout + result.stderr
    assert "xxxxxx-xxxx" in both.lower()
    assert "1212-1212" not in both and "121212" not in both


def test_search_prints_no_control_characters_from_documents(tmp_path: Path) -> None:
    """An index made before indexing dropped control characters may still hold an escape
    sequence: the readable list leaves it out, and JSON writes it as an escape."""
    from cli.terminal import printable

    answer = {"query": "zebra", "hits": [{"snippet": "\x1b]0;HACKED\x07 <mark>zebra</mark>\x9b"}]}
    assert printable(answer) == {
        "query": "zebra",
        "hits": [{"snippet": "]0;HACKED <mark>zebra</mark>"}],
    }
    page = tmp_path / "docs" / "sida.html"
    page.parent.mkdir()
    page.write_text("<html><body><p>&#x1b;[31mRöd zebra&#x07; här \x9b2J</p></body></html>")
    assert run("index", str(page.parent), "--index", str(tmp_path / "ix")).returncode == 0
    result = run("search", "zebra", "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    assert "zebra" in result.stdout and not {"\x07", "\x1b", "\x9b"} & set(result.stdout)
    as_json = run("search", "zebra", "--json", "--index", str(tmp_path / "ix"))
    assert "\\u009b2J" in as_json.stdout and "\x9b" not in as_json.stdout
    assert "\x9b2J" in json.loads(as_json.stdout)["hits"][0]["snippet"]


def test_search_lists_documents_whose_head_matches(cli_index: Path) -> None:
    result = run("search", "Skolgatan", "--index", str(cli_index))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines() == [
        "0 träffar för ”Skolgatan”",
        "Dokument vars huvud (titel, närvarande …) matchar: 1",
        "  – Samordningsförbundet Söderåsen · 2025-06-11 · Sammanträdesprotokoll nr 4",
        "     Sammanträdesprotokoll nr 4 2025-06-11 Plats och tid Skolgatan 5, 26534 Åstorp kl "
        "13-15 Beslutande Bengt Nilsson, ledamot, Åstorps kommun. Roger Eliasson, ledamot och "
        "vice ordförande, Arbetsförmedlingen. Maria Brantmark Lennartsson,…",
    ]


def test_search_documents_lists_every_matching_document(cli_index: Path) -> None:
    result = run("search", "Försäkringskassan", "--documents", "--sort", "date", "--limit", "2",
                 "--index", str(cli_index))  # fmt: skip
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == (
        "3 dokument vars huvud (titel, närvarande …) matchar ”Försäkringskassan”, visar 1–2"
    )
    assert (
        lines[1] == "  – Samordningsförbundet Söderåsen · 2025-06-11 · Sammanträdesprotokoll nr 4"
    )
    assert lines[3].startswith("  – Samordningsförbundet i Halland · 2023-12-15 · ")
    assert len(lines) == 5
    # --kind and --sort take any case, as the web's parameters and typ: in a query do
    cased = run("search", "Försäkringskassan", "--documents", "--sort", "DATE", "--limit", "2",
                "--index", str(cli_index))  # fmt: skip
    assert cased.returncode == 0 and cased.stdout == result.stdout, cased.stderr
    as_json = run("search", "Försäkringskassan", "--documents", "--json", "--kind", "Decision",
                  "--index", str(cli_index))  # fmt: skip
    body = json.loads(as_json.stdout)
    assert body["total"] == 0 and "innehåller inga beslut" in body["notice"]


@pytest.mark.parametrize(
    "args", [["extern genomlysning"], ["Skolgatan"], ["Skolgatan", "--documents"]]
)
def test_search_json_links_are_absolute_on_the_base_url(cli_index: Path, args: list[str]) -> None:
    """`finsok search --json` printed "/doc/…" links, which lead nowhere from a terminal or a
    script; with FINSOK_BASE_URL set they are the site's own addresses, its path kept, the
    same links the API gives a server with that setting."""
    from web import create_app

    base = "https://finsok.example.se/finsok/"
    result = run("search", *args, "--json", "--index", str(cli_index), FINSOK_BASE_URL=base)
    assert result.returncode == 0, result.stderr
    cli = json.loads(result.stdout)
    app = create_app({"FINSOK_INDEX": str(cli_index), "TESTING": True, "FINSOK_BASE_URL": base})
    route = "/api/documents" if "--documents" in args else "/api/search"
    api = app.test_client().get(route, query_string={"q": args[0]}).get_json()
    items = [*cli.get("hits", []), *cli.get("documents", [])]
    expected = [*api.get("hits", []), *api.get("documents", [])]
    assert items and len(items) == len(expected)
    for item, want in zip(items, expected, strict=True):
        assert want["url"].startswith("/finsok/doc/")
        assert item["url"] == "https://finsok.example.se" + want["url"]
        assert item["marked_url"] == "https://finsok.example.se" + want["marked_url"]


def test_search_links_stay_site_paths_without_a_base_url(cli_index: Path) -> None:
    """Must not change: unset (or blank), the links are the API's "/doc/…#p47"; the text
    output has no links either way, and only --json reads the setting, so a bad value
    stops only a search that would print links, with one line naming it."""
    plain = run("search", "genomlysning", "--json", "--index", str(cli_index), FINSOK_BASE_URL="")
    hits = json.loads(plain.stdout)["hits"]
    assert hits and all(re.fullmatch(r"/doc/[0-9a-f]{16}#p\d+", h["url"]) for h in hits)
    text = run("search", "genomlysning", "--index", str(cli_index), FINSOK_BASE_URL="ftp://x/")
    assert (
        text.returncode == 0
        and text.stdout
        == run("search", "genomlysning", "--index", str(cli_index), FINSOK_BASE_URL="").stdout
    )
    bad = run(
        "search", "genomlysning", "--json", "--index", str(cli_index), FINSOK_BASE_URL="ftp://x/"
    )
    assert bad.returncode == 1 and bad.stdout == ""
    assert bad.stderr.splitlines() == [
        "finsok: FINSOK_BASE_URL=ftp://x/ går inte att använda: ange webbplatsens adress med "
        "http:// eller https://, t.ex. https://finsok.example.se/"
    ]


def test_search_json_has_the_contract_shape(cli_index: Path) -> None:
    result = run(
        "search", "ESF", "--index", str(cli_index), "--json", "--limit", "2", "--forbund", "halland"
    )
    assert result.returncode == 0
    data = json.loads(result.stdout)
    assert {"query", "total", "hits", "facets", "suggestion", "notice"} <= set(data)
    assert data["total"] == 2 and len(data["hits"]) == 2
    assert {h["forbund_slug"] for h in data["hits"]} == {"halland"}
    assert all("<mark>ESF</mark>" in h["snippet"] for h in data["hits"])


def test_search_with_zero_hits_exits_zero_and_suggests(cli_index: Path) -> None:
    result = run("search", "genomlysnig", "--index", str(cli_index))
    assert result.returncode == 0
    assert "Menade du: genomlysning" in result.stdout
    assert "0 träffar" in result.stdout


ONLY_STOPWORDS_SAID = (
    "Frågan innehåller bara vanliga småord (stoppord) eller tecken som inte går att söka på "
    "ensamma. Lägg till ett mer specifikt ord, eller sök en fras inom citattecken, till exempel "
    '"för och emot".'
)
ONLY_OPERATORS_SAID = (
    "Frågan består bara av operatorer (AND, OR, NOT …) — skriv också orden att söka efter, "
    "till exempel ESF OR NNS."
)


@pytest.mark.parametrize(
    ("q", "said"),
    [
        ("och att", ONLY_STOPWORDS_SAID),
        ("?!", ONLY_STOPWORDS_SAID),
        ('""', ONLY_STOPWORDS_SAID),
        ("-", ONLY_STOPWORDS_SAID),
        # an empty group, which the parser cannot read: it was told that it had been
        # "searched as plain words", of which it has none
        ("()", ONLY_STOPWORDS_SAID),
        (")(", ONLY_STOPWORDS_SAID),
        ("OR", ONLY_OPERATORS_SAID),
        ("*", ONLY_STOPWORDS_SAID),
    ],
)
def test_a_query_with_nothing_to_search_is_told_so_alike_everywhere(
    cli_index: Path, q: str, said: str
) -> None:
    """A query of only stopwords or punctuation has no hits and a message: the same Swedish
    sentence from the API, the search page and `finsok search`."""
    from web import create_app

    client = create_app({"FINSOK_INDEX": str(cli_index), "TESTING": True}).test_client()
    answer = client.get("/api/search", query_string={"q": q}).get_json()
    assert (answer["total"], answer["notice"]) == (0, said)
    page = client.get("/", query_string={"q": q}).get_data(as_text=True)
    notices = re.findall(r'<p class="notice"[^>]*>(.*?)</p>', page, re.DOTALL)
    assert [html.unescape(n) for n in notices] == [said]
    result = run("search", "--index", str(cli_index), "--", q)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:2] == [f"Obs: {said}", f"0 träffar för ”{q}”"]


def test_search_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    result = run("search", "budget", "--index", str(tmp_path / "none"))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"finsok: Index saknas i {tmp_path / 'none'} — kör `finsok index data/sample` (eller ange --index)"
    )


@pytest.mark.parametrize("command", ["index", "search"])
def test_a_file_given_as_the_index_gets_one_clear_line(tmp_path: Path, command: str) -> None:
    """Before, `finsok index … --index README.md` ended in "internt fel (NotADirectoryError)"."""
    file = tmp_path / "README.md"
    file.write_text("not an index", encoding="utf-8")
    target = str(SAMPLE_DIR) if command == "index" else "budget"
    result = run(command, target, "--index", str(file))
    assert result.returncode == 1
    assert result.stderr.strip() == (
        f"finsok: {file} är en fil, inte en indexmapp — ange en mapp för indexet med --index"
    )
    assert file.read_text(encoding="utf-8") == "not an index"


MISSING = "filen eller mappen finns inte — kontrollera sökvägen"


@pytest.mark.parametrize(
    ("names", "extra"),
    [
        (["saknas"], []),
        (["saknas", "borta/protokoll.txt"], []),
        (["saknas"], ["--rebuild", "--prune"]),
    ],
    ids=["one", "two", "rebuild"],
)
def test_indexing_only_missing_paths_leaves_the_index_alone(
    tmp_path: Path, names: list[str], extra: list[str]
) -> None:
    """Before, `finsok index /nonexistent` made an empty index and said nothing of the path."""
    ix = tmp_path / "ix"
    missing = [tmp_path / name for name in names]
    result = run("index", *map(str, missing), "--index", str(ix), *extra)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.splitlines() == [f"finsok: {path}: {MISSING}" for path in missing]
    assert not ix.exists()


def test_a_rebuild_of_only_missing_paths_keeps_the_index(cli_index: Path, tmp_path: Path) -> None:
    ix = tmp_path / "ix"
    shutil.copytree(cli_index, ix)
    before = sorted((p.name, p.read_bytes()) for p in ix.iterdir() if p.is_file())
    result = run("index", str(tmp_path / "saknas"), "--index", str(ix), "--rebuild")
    assert result.returncode == 1
    assert sorted((p.name, p.read_bytes()) for p in ix.iterdir() if p.is_file()) == before
    assert len(Store.open(ix).documents()) == 5


def test_a_missing_path_beside_a_real_file_fails_like_a_broken_file(tmp_path: Path) -> None:
    ix, missing = tmp_path / "ix", tmp_path / "saknas.txt"
    sample = SAMPLE_DIR / "000_0cffb97c7c420864.txt"
    result = run("index", str(missing), str(sample), "--index", str(ix))
    assert result.returncode == 1
    assert "1 tillagd," in result.stdout and "1 misslyckad " in result.stdout
    assert result.stderr.splitlines() == [f"finsok: {missing}: {MISSING}"]
    assert list(Store.open(ix).documents()) == [str(sample.resolve())]


def test_a_file_emptied_after_it_was_indexed_says_its_document_is_kept(tmp_path: Path) -> None:
    """The failure line said "filen är tom" only, while the document indexed before stays
    searchable (also with --prune): the line says so, and how to remove it."""
    ix, path = tmp_path / "ix", tmp_path / "protokoll.txt"
    shutil.copy(SAMPLE_DIR / "000_0cffb97c7c420864.txt", path)
    assert run("index", str(path), "--index", str(ix)).returncode == 0
    path.write_bytes(b"")
    result = run("index", str(path), "--index", str(ix), "--prune")
    assert result.returncode == 1
    assert "0 borttagna" in result.stdout
    assert "1 misslyckad (varav 1 finns kvar i sin tidigare version) " in result.stdout
    assert result.stderr.splitlines() == [
        f"finsok: {path}: filen är tom; den tidigare indexerade versionen finns kvar och är "
        "sökbar (ta bort filen och indexera med --prune om den ska bort ur indexet)"
    ]
    assert list(Store.open(ix).documents()) == [str(path.resolve())]


def _indexed_then_deleted(tmp_path: Path) -> tuple[Path, Path, Path]:
    """An index of archive/a.txt and archive/sub/{b,c}.txt, then a.txt and sub deleted."""
    ix, archive = tmp_path / "ix", tmp_path / "arkiv"
    (archive / "sub").mkdir(parents=True)
    names = ["a.txt", "sub/b.txt", "sub/c.txt"]
    for name, sample in zip(names, sorted(SAMPLE_DIR.iterdir()), strict=False):
        shutil.copy(sample, archive / name)
    assert run("index", str(archive), "--index", str(ix)).returncode == 0
    (archive / "a.txt").unlink()
    shutil.rmtree(archive / "sub")
    return ix, archive, archive / "a.txt"


def test_a_deleted_indexed_file_is_said_to_be_in_the_index_still(tmp_path: Path) -> None:
    """`finsok index gone.txt` for a file indexed before said "finns inte — kontrollera
    sökvägen", as for a typo, while its document was still found: the line says so, and
    names the command that removes it, which does."""
    ix, archive, gone = _indexed_then_deleted(tmp_path)
    result = run("index", str(gone), "--index", str(ix))
    assert result.returncode == 1 and result.stdout == ""
    command = f"finsok index --prune {archive} --index {ix}"
    assert result.stderr.splitlines() == [
        f"finsok: {gone}: filen finns inte längre, men dess dokument finns kvar i indexet — "
        f"ta bort det med `{command}`"
    ]
    assert run(*command.split()[1:]).returncode == 0
    assert Store.open(ix).documents() == {}
    again = run("index", str(gone), "--index", str(ix))
    assert again.stderr.splitlines() == [f"finsok: {gone}: {MISSING}"]


def test_a_deleted_indexed_folder_counts_its_documents_in_the_index(tmp_path: Path) -> None:
    """Also beside a path that exists (the run's own failure lines), and relative paths
    keep their form in the command."""
    _indexed_then_deleted(tmp_path)
    result = run("index", "arkiv/sub", "arkiv", "saknas.txt", "--index", "ix", cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines()[-2:] == [
        "finsok: arkiv/sub: mappen finns inte längre, men 2 dokument från den finns kvar i "
        "indexet — ta bort dem med `finsok index --prune arkiv --index ix`",
        f"finsok: saknas.txt: {MISSING}",
    ]


def test_a_deleted_file_pruned_in_the_same_run_keeps_the_plain_words(tmp_path: Path) -> None:
    ix, archive, gone = _indexed_then_deleted(tmp_path)
    result = run("index", str(gone), str(archive), "--prune", "--index", str(ix))
    assert "3 borttagna" in result.stdout
    assert result.stderr.splitlines()[-1] == f"finsok: {gone}: {MISSING}"


EMPTY_PATH = "tom sökväg (en tom variabel?); ange en fil eller mapp"


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["index", ""], "SÖKVÄG"),
        (["index", "protokoll.txt", "--index", ""], "--index"),
        (["index", "protokoll.txt", "--index", "", "--rebuild"], "--index"),
        (["search", "budget", "--index", ""], "--index"),
        (["parse", ""], "FIL"),
        (["update", "--sources", ""], "--sources"),
        (["crawl", "--all", "--archive", ""], "--archive"),
    ],
    ids=["index-path", "index-flag", "rebuild", "search", "parse", "sources", "archive"],
)
def test_an_empty_path_is_a_usage_error(tmp_path: Path, args: list[str], named: str) -> None:
    """An unset variable (`finsok index "$DIR"`, `--index "$IX"`) was read as the current
    folder, or as the flag's default: the run indexed whatever folder it was started in, or
    wrote (and with --rebuild rebuilt) the default index, without a word."""
    (tmp_path / "protokoll.txt").write_text("Protokoll 2024-01-10\n§ 1 Val av justerare\n")
    ix = tmp_path / "ix"  # where the default index would be, so nothing else is touched
    result = run(*args, cwd=tmp_path, FINSOK_INDEX=str(ix), FINSOK_SOURCES=str(tmp_path / "s"))
    assert result.returncode == 2, result.stdout + result.stderr
    assert result.stdout == ""
    assert result.stderr.splitlines()[-1].startswith(
        f"finsok {args[0]}: fel: {named}: {EMPTY_PATH}"
    )
    assert not ix.exists()


def test_a_blank_but_not_empty_path_is_still_a_missing_file(tmp_path: Path) -> None:
    """The neighbour: a name of blanks is a name (unlikely, but a file may have it)."""
    result = run("index", " ", "--index", str(tmp_path / "ix"), cwd=tmp_path)
    assert result.returncode == 1
    assert result.stderr.splitlines() == [f"finsok:  : {MISSING}"]


# (folder, the files in it): nothing Finsök reads
NOTHING_TO_READ = [
    ("tom", {}),
    ("andra-filtyper", {"brev.docx": b"PK\x03\x04", "anteckningar.md": b"# Styrelsen"}),
    ("tomma-undermappar", {"2024/.keep": b""}),
]


@pytest.mark.parametrize(("name", "files"), NOTHING_TO_READ, ids=[n[0] for n in NOTHING_TO_READ])
def test_a_folder_with_nothing_to_index_says_so(
    tmp_path: Path, name: str, files: dict[str, bytes]
) -> None:
    """Not an error (a source's folder may be empty until its first crawl), but never silent."""
    folder = tmp_path / name
    folder.mkdir()
    for file, data in files.items():
        (folder / file).parent.mkdir(parents=True, exist_ok=True)
        (folder / file).write_bytes(data)
    result = run("index", str(folder), str(SAMPLE_DIR), "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    assert "5 tillagda" in result.stdout and "0 misslyckade" in result.stdout
    assert result.stderr.splitlines() == [
        f"finsok: obs: {folder}: mappen har inga filer att indexera (.txt, .pdf, .html, .htm) "
        "— ange mappen med protokollen"
    ]


@pytest.mark.parametrize(
    "order", [["file", "folder"], ["folder", "file"], ["folder", "folder"]], ids="-".join
)
def test_a_folder_whose_files_were_given_too_is_not_called_empty(
    tmp_path: Path, order: list[str]
) -> None:
    """`finsok index DIR/a.txt DIR` said "DIR: mappen har inga filer att indexera": the
    folder's one file had been found already, through the path given before it."""
    folder = tmp_path / "mapp"
    folder.mkdir()
    (folder / "a.txt").write_text("Protokoll 2024-01-10\n§ 1 Val av justerare\n")
    paths = {"file": str(folder / "a.txt"), "folder": str(folder)}
    result = run("index", *(paths[p] for p in order), "--index", str(tmp_path / "ix"))
    assert result.returncode == 0, result.stderr
    assert "1 tillagd," in result.stdout
    assert result.stderr == ""


def test_an_empty_folder_alone_makes_an_empty_index_and_says_so(tmp_path: Path) -> None:
    folder, ix = tmp_path / "tom", tmp_path / "ix"
    folder.mkdir()
    result = run("index", str(folder), "--index", str(ix))
    assert result.returncode == 0, result.stderr
    assert "0 tillagda" in result.stdout and "0 misslyckade" in result.stdout
    assert result.stderr.startswith(f"finsok: obs: {folder}: mappen har inga filer att indexera")
    assert Store.open(ix).documents() == {}


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["m\udcf6te"], "FRÅGA 'm\\xf6te'"),  # "möte" from a Latin-1 terminal
        (["möte", "--forbund", "hall\udce4nd"], "--forbund 'hall\\xe4nd'"),
    ],
)
def test_search_words_that_are_not_utf8_are_a_usage_error(
    cli_index: Path, args: list[str], named: str
) -> None:
    result = run("search", *args, "--index", str(cli_index), "--json")
    assert (result.returncode, result.stdout) == (2, "")
    assert f"fel: {named} är inte giltig UTF-8 — ställ terminalen på UTF-8" in result.stderr
    assert run("search", "möte", "--index", str(cli_index), "--json").returncode == 0


def test_an_index_folder_whose_name_is_not_utf8_gets_one_line(tmp_path: Path) -> None:
    ix = os.fsdecode(os.fsencode(tmp_path) + b"/ix\xff")
    for args in (["index", str(SAMPLE_DIR)], ["search", "budget"], ["serve"]):
        result = run(*args, "--index", ix)
        assert result.returncode == 1
        assert result.stderr.splitlines() == [
            f"finsok: Indexmappens namn {tmp_path}/ix\\xff är inte giltig UTF-8 — ange en mapp "
            "med ett annat namn med --index"
        ]
    assert list(tmp_path.iterdir()) == []  # not created


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--limit", "0"], "limit"),
        (["--from", "igår"], "ogiltigt datum"),
        (["--kind", "okänd"], "ogiltigt val"),
    ],
)
def test_search_bad_parameters(cli_index: Path, args: list[str], message: str) -> None:
    result = run("search", "budget", "--index", str(cli_index), *args)
    assert result.returncode != 0
    assert message in result.stderr and "Traceback" not in result.stderr


@pytest.mark.parametrize(
    "args",
    [
        ["--limit", "1"],
        ["--limit", "100", "--offset", "10000"],
        ["--from", "2025-06-11", "--to", "2025-06-11"],
    ],
)
def test_search_takes_the_edges_of_every_range(cli_index: Path, args: list[str]) -> None:
    result = run("search", "styrelsen", "--index", str(cli_index), "--json", *args)
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["total"] > 0


# (what a run did, its summary line after the index's name): Swedish decimal commas, and the
# sections and megabytes said to be what this run read in.
SUMMARIES = [
    (
        Summary(added=5, sections=65, bytes=123_456, seconds=0.64),
        "5 tillagda, 0 uppdaterade, 0 oförändrade, 0 borttagna, 0 misslyckade — 65 sektioner "
        "(0,1 MB) lästes in på 0,6 s",
    ),
    (
        Summary(skipped=5, seconds=0.25),
        "0 tillagda, 0 uppdaterade, 5 oförändrade, 0 borttagna, 0 misslyckade — 0 sektioner "
        "(0,0 MB) lästes in på 0,2 s",
    ),
    (
        Summary(updated=1, removed=2, sections=3, bytes=12_500_000, seconds=12.0),
        "0 tillagda, 1 uppdaterad, 0 oförändrade, 2 borttagna, 0 misslyckade — 3 sektioner "
        "(12,5 MB) lästes in på 12,0 s",
    ),
    (
        Summary(added=1, skipped=1, removed=1, failed=[("a", "b")], sections=1, bytes=1, seconds=1),
        "1 tillagd, 0 uppdaterade, 1 oförändrad, 1 borttagen, 1 misslyckad — 1 sektion "
        "(0,0 MB) lästes in på 1,0 s",
    ),
]


@pytest.mark.parametrize(
    ("summary", "line"), SUMMARIES, ids=["added", "unchanged", "updated", "one of each"]
)
def test_index_summary_line(summary: Summary, line: str) -> None:
    assert summary_line(summary, "ix") == f"Index ix: {line}"


@pytest.mark.parametrize(
    ("folder", "shown_as"),
    [
        ("/data/ärende-19121212-1212/ix", "/data/ärende-XXXXXX-XXXX/ix"),
        ("/data/19121212\u200b-1212", "/data/XXXXXX-XXXX"),
        ("/data/möte\nix", "/data/möte\\nix"),  # one line, no line feed
    ],
)
def test_the_summary_masks_and_escapes_the_index_folder(folder: str, shown_as: str) -> None:
    """Found in review: the summary escaped the folder's name but did not mask it."""
    assert summary_line(Summary(), folder).startswith(f"Index {shown_as}: ")


@pytest.mark.parametrize(
    ("counts", "line"),
    [
        (
            {"sources": 1, "pages": 1, "found": 1, "downloaded": 1, "unchanged": 1, "skipped": 1,
             "duplicates": 1, "failed": [("u", "r")], "seconds": 2.5},
            "1 källa, 1 arkivsida, 1 dokument hittade, 1 nedladdad, 1 oförändrad, 1 överhoppad "
            "(robots.txt), 1 dubblett, 1 misslyckad på 2,5 s",
        ),
        (
            {"sources": 2, "pages": 3, "found": 0, "seconds": 0.0},
            "2 källor, 3 arkivsidor, 0 dokument hittade, 0 nedladdade, 0 oförändrade, 0 "
            "överhoppade (robots.txt), 0 dubbletter, 0 misslyckade på 0,0 s",
        ),
    ],
)  # fmt: skip
def test_crawl_summary_line(counts: dict, line: str) -> None:
    from cli.terminal import crawl_summary_line
    from index.crawler.crawl import CrawlSummary

    assert crawl_summary_line(CrawlSummary(**counts), "arkiv") == f"Hämtning till arkiv: {line}"


def test_crawl_summary_line_has_a_decimal_comma() -> None:
    line = crawl_summary_line(CrawlSummary(sources=1, seconds=2.54), "arkiv")
    assert line.endswith(" 0 misslyckade på 2,5 s")


def test_indexing_an_unchanged_folder_says_nothing_was_read_in(cli_index: Path) -> None:
    result = run("index", str(SAMPLE_DIR), "--index", str(cli_index))
    assert result.returncode == 0, result.stderr
    assert "5 oförändrade" in result.stdout
    assert re.search(r"— 0 sektioner \(0,0 MB\) lästes in på \d+,\d s$", result.stdout.strip())


def test_bold_marks_on_a_terminal() -> None:
    result = {
        "query": "x",
        "total": 1,
        "notice": None,
        "suggestion": None,
        "hits": [
            {
                "forbund": "F",
                "date": "2024-01-01",
                "label": "§ 1",
                "title": "T x",
                "title_html": "T <mark>x</mark>",
                "decision": False,
                "snippet": "a <mark>x</mark> &amp; b",
            }
        ],
    }
    assert render_hits(result, bold=True).splitlines()[-2:] == [
        "  1. F · 2024-01-01 · § 1 T \033[1mx\033[0m",
        "     a \033[1mx\033[0m & b",
    ]
    assert render_hits(result, bold=False).splitlines()[-2:] == [
        "  1. F · 2024-01-01 · § 1 T x",
        "     a x & b",
    ]


def test_a_later_page_of_hits_is_numbered_on_and_says_which_it_shows(cli_index: Path) -> None:
    """`--offset 2` numbered its hits from 1 again, and an offset past the last hit printed
    the count alone, as if the hits had been left out."""
    first = run("search", "budget", "--index", str(cli_index), "--limit", "4").stdout
    later = run("search", "budget", "--index", str(cli_index), "--limit", "2", "--offset", "2")
    numbered = [line for line in first.splitlines() if line.startswith("  ")][::2]
    assert [line for line in later.stdout.splitlines() if line.startswith("  ")][::2] == (
        numbered[2:]
    )
    assert numbered[2].startswith("  3. ") and numbered[3].startswith("  4. ")
    total = int(first.split()[0])
    assert first.splitlines()[0] == f"{total} träffar för ”budget”, visar 1–4"
    assert later.stdout.splitlines()[0] == f"{total} träffar för ”budget”, visar 3–4"
    past = run("search", "budget", "--index", str(cli_index), "--offset", "100").stdout
    assert past == (
        f"{total} träffar för ”budget”, men --offset 100 ligger efter den sista träffen "
        f"(ange högst --offset {total - 1})\n"
    )
    whole = run("search", "budget", "--index", str(cli_index)).stdout
    assert whole.splitlines()[0] == f"{total} träffar för ”budget”"  # all shown: as before
    # One hit shown is named alone: it was "visar 8–8".
    single = run("search", "budget", "--index", str(cli_index), "--offset", str(total - 1))
    assert single.stdout.splitlines()[0] == f"{total} träffar för ”budget”, visar {total}"


def test_a_hit_without_a_forbund_or_a_date_is_said_as_the_pages_say_it() -> None:
    """`--forbund okant-forbund` and `--undated` name the facets' "Okänt förbund" and
    "odaterat", but the text output said "okänt förbund · okänt datum"; a hit and a head
    match now use the words of the pages, the CSVs and the facets."""
    hit = {"label": "§ 1", "title": "T", "title_html": "T", "decision": False, "snippet": "s"}
    head = {"title": "P", "snippet": "s"}
    result = {"query": "x", "total": 2, "notice": None, "suggestion": None, "documents_total": 1}
    result["hits"] = [
        {**hit, "forbund": None, "date": None},
        {**hit, "forbund": "F", "date": "2024-01-01"},
    ]
    result["documents"] = [{**head, "forbund": None, "date": None}]
    lines = render_hits(result, bold=False).splitlines()
    assert lines[1] == "  1. Okänt förbund · odaterat · § 1 T"
    assert lines[3] == "  2. F · 2024-01-01 · § 1 T"  # must not change
    assert lines[-2] == "  – Okänt förbund · odaterat · P"


def test_serve_without_an_index_says_how_to_build_one(tmp_path: Path) -> None:
    result = run("serve", "--index", str(tmp_path / "none"))
    assert result.returncode == 1
    assert "Index saknas" in result.stderr and "finsok index data/sample" in result.stderr


def test_serve_on_a_taken_port_says_so(cli_index: Path) -> None:
    import socket

    with socket.create_server(("127.0.0.1", 0)) as taken:
        port = taken.getsockname()[1]
        result = run("serve", "--index", str(cli_index), "--port", str(port))
    assert result.returncode == 1
    assert f"Porten {port} på 127.0.0.1 är upptagen — välj en annan med --port" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize(
    ("name", "value"),
    [("FINSOK_PAGE_SIZE", "0"), ("FINSOK_PAGE_SIZE", "abc"), ("FINSOK_FEED_SIZE", "500")],
)
def test_serve_refuses_a_bad_setting_before_starting(
    cli_index: Path, monkeypatch: pytest.MonkeyPatch, name: str, value: str
) -> None:
    monkeypatch.setenv(name, value)
    result = run("serve", "--index", str(cli_index), "--port", "8129")
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.startswith(f"finsok: {name}={value} går inte att använda: ange ett heltal")
    assert len(result.stderr.splitlines()) == 1


def test_index_refuses_a_bad_batch_size(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FINSOK_BATCH_FILES", "tusen")
    result = run("index", str(SAMPLE_DIR), "--index", str(tmp_path / "ix"))
    assert result.returncode == 1
    assert result.stderr == (
        "finsok: FINSOK_BATCH_FILES=tusen går inte att använda: ange ett heltal från 1 och uppåt "
        "(filer per commit; standard 1000)\n"
    )
    assert not (tmp_path / "ix").exists()


@pytest.mark.parametrize(
    ("host", "problem"),
    [
        ("999.1.1.1", "Adressen 999.1.1.1 går inte att använda: den är varken en IP-adress"),
        ("exempel..ogiltig", "Adressen exempel..ogiltig går inte att använda"),
        ("192.0.2.1", "Adressen 192.0.2.1 hör inte till den här datorn"),  # TEST-NET-1
    ],
)
def test_serve_blames_an_unusable_host_not_the_port(
    cli_index: Path, host: str, problem: str
) -> None:
    result = run("serve", "--index", str(cli_index), "--host", host, "--port", "8129")
    assert result.returncode == 1
    assert result.stdout == ""  # nothing started, not even the line saying where it answers
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"finsok: {problem}")
    assert lines[0].endswith(
        " — ange t.ex. --host 127.0.0.1 (bara den här datorn) eller --host 0.0.0.0 (alla nätverk)"
    )
    assert "Porten" not in result.stderr


@pytest.fixture
def stale_index(cli_index: Path, tmp_path: Path) -> Path:
    """A copy of the sample index whose terms were made with other analysis rules."""
    copy = tmp_path / "stale"
    shutil.copytree(cli_index, copy)
    meta = copy / META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "analysis": "older"}))
    return copy


def test_search_on_an_index_made_with_other_rules_warns_and_answers(
    stale_index: Path, cli_index: Path
) -> None:
    stale = run("search", "genomlysning", "--index", str(stale_index))
    assert stale.returncode == 0
    assert stale.stdout.splitlines()[0] == "4 träffar för ”genomlysning”"
    assert stale.stderr == (
        f"finsok: obs: indexet i {stale_index} byggdes med andra analysregler än den här "
        "versionen av Finsök, så sökningen kan missa träffar — kör `finsok index "
        f"{SAMPLE_DIR.resolve()} --index {stale_index}` (alla indexerade filer analyseras då om)\n"
    )
    assert run("search", "genomlysning", "--index", str(cli_index)).stderr == ""


@pytest.mark.parametrize(
    ("paths", "named"),
    [
        (["/work/x/data/sample/a.txt", "/work/x/data/sample/b.pdf"], "/work/x/data/sample"),
        (["/work/x/data/sample/a.txt"], "/work/x/data/sample"),
        # Files indexed from here and there: "/" or "/srv" would read in every file under it.
        (["/work/x/a.txt", "/tmp/y/b.txt"], "/work/x/a.txt"),
        (["/srv/a/a.txt", "/srv/b/b.txt"], "/srv/a/a.txt"),
        (["/a.txt"], "/a.txt"),
        ([], "data/sample"),
    ],
)
def test_the_stale_index_line_never_names_a_folder_wider_than_the_index(
    paths: list[str], named: str
) -> None:
    """It said `finsok index /` for an index of files from two top folders, a command that
    reads in every file of the machine; now it names one indexed file there."""
    assert reanalysis_path(paths) == named


def test_the_stale_index_line_names_an_indexed_file_that_is_there(tmp_path: Path) -> None:
    """Of files from here and there, it named the first indexed path, which may be one the
    index keeps masked ("…/850412-XXXX.txt#1") or a file deleted since: the command it
    offered stopped at "finns inte"."""
    there = tmp_path / "protokoll.txt"
    there.write_text("text", encoding="utf-8")
    masked = "/finsok-nowhere/arkiv/850412-XXXX.txt#1"
    assert reanalysis_path([masked, str(there)]) == str(there)
    assert reanalysis_path([masked, "/finsok-nowhere/b.txt"]) == masked  # none there


def test_the_stale_index_line_quotes_a_path_with_a_space(cli_index: Path, tmp_path: Path) -> None:
    """A folder with a space ("Mina protokoll") was printed bare in the command to run, which
    a shell reads as two paths, neither of them there."""
    folder = tmp_path / "Mina protokoll"
    folder.mkdir()
    shutil.copy(sorted(SAMPLE_DIR.iterdir())[0], folder / "a.txt")
    index = tmp_path / "mitt index"
    assert run("index", str(folder), "--index", str(index)).returncode == 0
    meta = index / META_FILE
    meta.write_text(json.dumps({**json.loads(meta.read_text()), "analysis": "older"}))
    stale = run("search", "budget", "--index", str(index))
    assert f"kör `finsok index '{folder.resolve()}' --index '{index}'` (alla" in stale.stderr
    assert shell_word("/hem/åsa/protokoll") == "/hem/åsa/protokoll"  # letters need no quotes
    assert shell_word("/a/it's") == "'/a/it'\"'\"'s'"


def test_the_stale_index_line_never_names_the_home_folder(monkeypatch) -> None:
    monkeypatch.setenv("HOME", "/home/anna")
    paths = ["/home/anna/protokoll.pdf", "/home/anna/hämtade/b.pdf"]
    assert reanalysis_path(paths) == "/home/anna/protokoll.pdf"
    assert reanalysis_path(["/home/anna/arkiv/a.pdf", "/home/anna/arkiv/b.pdf"]) == (
        "/home/anna/arkiv"
    )


def test_serve_warns_about_an_index_made_with_other_rules(stale_index: Path) -> None:
    import socket

    # A taken port stops the server right after its start-up checks, so the test needs no
    # running server to see what it says first.
    with socket.create_server(("127.0.0.1", 0)) as taken:
        result = run("serve", "--index", str(stale_index), "--port", str(taken.getsockname()[1]))
    lines = result.stderr.splitlines()
    assert lines[0].startswith(f"finsok: obs: indexet i {stale_index} byggdes med andra")
    assert "är upptagen" in lines[1]


@pytest.mark.parametrize(
    ("host", "base_url", "noted"),
    [
        ("0.0.0.0", None, True),  # reached from other computers: feed links need the address
        ("192.168.1.20", None, True),
        ("::", None, True),
        ("0.0.0.0", "https://finsok.example.se/", False),
        ("127.0.0.1", None, False),
        ("::1", None, False),
        ("[::1]", None, False),
        ("localhost", None, False),
    ],
)
def test_serve_asks_for_the_base_url_when_others_reach_it(
    host: str, base_url: str | None, noted: bool
) -> None:
    from cli.main import BASE_URL_NOTE, base_url_note

    assert base_url_note(host, base_url) == (BASE_URL_NOTE if noted else None)


def test_indexing_a_stale_index_makes_it_current_and_silences_the_warning(
    stale_index: Path,
) -> None:
    indexed = run("index", str(SAMPLE_DIR), "--index", str(stale_index))
    assert "5 dokument analyserades om" in indexed.stdout
    assert run("search", "budget", "--index", str(stale_index)).stderr == ""


def test_progress_bar_redraws_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    from cli.terminal import progress_bar

    progress_bar(5, 20, "/data/archive/halland/protokoll.pdf")
    progress_bar(20, 20, "/data/archive/halland/sista.pdf")
    err = capsys.readouterr().err
    assert err.startswith("\r[#######-----------------------] 5/20 filer")
    assert "\r[##############################] 20/20 filer" in err
    assert "\n" not in err


@contextlib.contextmanager
def serving(index: Path, *flags: str) -> Iterator[int]:
    """`finsok serve` on a free port, until /healthz answers; stopped (by its pid) after."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    pythonpath = os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")]))
    command = [FINSOK, "serve", "--index", str(index), "--port", str(port), *flags]
    proc = subprocess.Popen(
        command,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONPATH": pythonpath},
    )
    try:
        deadline = time.monotonic() + 20
        while proc.poll() is None and time.monotonic() < deadline:
            if _answers(f"http://127.0.0.1:{port}/healthz"):
                break
            time.sleep(0.1)
        assert proc.poll() is None, proc.stdout.read().decode() if proc.stdout else ""
        yield port
    finally:
        proc.terminate()
        proc.communicate(timeout=10)  # also closes its output pipe


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=1) as response:
            return response.status == 200
    except OSError:
        return False


def request_line(port: int, target: str) -> tuple[int, str, str]:
    """Send one GET with `target` exactly as given (no encoding by a client library): the
    status, the Content-Type and the body."""
    request = b"GET " + target.encode() + b" HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"
    return send_raw(port, request)


def test_serve_answers_a_long_query_the_api_accepts(cli_index: Path) -> None:
    """gunicorn's default request line (4094 bytes) turned away a q of 400 emoji, which the
    API accepts (at most 500 characters); only a line beyond LIMIT_REQUEST_LINE is a 414."""
    from web.server import LIMIT_REQUEST_LINE

    with serving(cli_index, "--workers", "1", "--threads", "1") as port:
        target = "/api/search?" + urlencode({"q": "\U0001f600" * 500})
        status, kind, body = request_line(port, target)
        assert (status, kind) == (200, "application/json; charset=utf-8"), body
        assert json.loads(body)["query"] == "\U0001f600" * 500
        too_long = "/api/search?q=" + "a" * LIMIT_REQUEST_LINE
        assert request_line(port, too_long)[0] == 414  # declared in the OpenAPI document


def test_search_counts_each_forbund_once(cli_index: Path) -> None:
    """101 times the same förbund is one förbund, as the web counts them, not a usage error."""
    result = run("search", "budget", "--index", str(cli_index), *["--forbund=halland"] * 101)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("as_json", [True, False])
def test_parse_shows_a_title_made_of_a_name_that_is_not_utf8(tmp_path: Path, as_json: bool) -> None:
    """An HTML page without <title> is titled by its file name: a Latin-1 name put a raw
    byte in `title` (not JSON text), and a byte between an identity number's halves kept
    the number from the mask, in the JSON and in the outline. The neighbour: a UTF-8 name's
    title stays as it is."""
    env = {**os.environ, "PYTHONPATH": str(ROOT), "LC_ALL": "C.UTF-8"}
    body = b"<html><body><p>Text utan rubrik.</p></body></html>"
    for name, title in [
        (b"m\xf6te.html", "m\\xf6te"),
        (b"Styrelse 1912121\xff2-1212.html", "Styrelse XXXXXX-XXXX"),
        ("Styrelse möte.html".encode(), "Styrelse möte"),
    ]:
        path = os.fsencode(tmp_path) + b"/" + name
        with open(path, "wb") as handle:
            handle.write(body)
        argv = [FINSOK, "parse", os.fsdecode(path)] + (["--json"] if as_json else [])
        result = subprocess.run(argv, capture_output=True, env=env, timeout=60)
        assert result.returncode == 0, result.stderr
        out = result.stdout.decode("utf-8")  # strict: no raw byte
        assert "1212" not in out.replace("XXXX", "")
        if as_json:
            assert json.loads(out)["title"] == title
        else:
            assert out.splitlines()[1] == title


@pytest.mark.parametrize(
    "name", ["19121212\n-1212.txt", "intyg 19121212-\r1212.txt", "1912/1212\n-1212.txt"]
)
def test_parse_masks_a_number_that_a_line_break_in_the_file_name_cuts(
    tmp_path: Path, name: str
) -> None:
    """`source` was masked line by line: "19121212\\n-1212.txt" showed the number; one over a
    folder level and a line break at once was masked neither as a line nor level by level."""
    path = tmp_path / name
    path.parent.mkdir(exist_ok=True)
    path.write_text("Protokoll\n§ 1 Öppnande\nMötet öppnades.\n", encoding="utf-8")
    result = run("parse", "--json", str(path))
    assert result.returncode == 0, result.stderr
    source = json.loads(result.stdout)["source"]
    assert "1212" not in source and source.endswith("XXXXXX-XXXX.txt")


@pytest.mark.parametrize(
    "name", ["19121212\n-1212.pdf", "19121212\r-1212.pdf", "1912/1212\n-1212.pdf"]
)
def test_the_failure_line_masks_a_number_that_a_line_break_in_the_file_name_cuts(
    tmp_path: Path, name: str
) -> None:
    (tmp_path / name).parent.mkdir(exist_ok=True)
    (tmp_path / name).write_bytes(b"inte en pdf")
    result = run("index", str(tmp_path), "--index", str(tmp_path / "ix"))
    assert result.returncode == 1
    (line,) = [line for line in result.stderr.splitlines() if "inte en PDF" in line]
    assert "1212" not in result.stderr and line.startswith(f"finsok: {tmp_path}/XXXX")
