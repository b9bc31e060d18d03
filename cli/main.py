"""`finsok` — parse, index, search and serve Swedish meeting records.

Every subcommand is a small function that takes parsed arguments and returns an exit status.
`main` is the only place that turns exceptions into messages: a `FinsokError` prints its one
line; anything else prints a generic line (never a traceback) and exits 2.
"""

from __future__ import annotations

import argparse
import json
import math
import re
import shlex
import signal
import sys
from collections.abc import Callable, Sequence
from datetime import date
from pathlib import Path

import cli
from cli.argparse_sv import SwedishArgumentParser
from cli.crawling import cmd_crawl, cmd_update
from cli.terminal import (
    error_line,
    json_text,
    name_part_shown,
    outline,
    parsed_json,
    print_index_summary,
    print_problems,
    printable,
    progress_bar,
    render_documents,
    render_hits,
    shown_masked,
    warn_if_stale,
)
from index import settings
from index.crawler.crawl import MAX_PAGES
from index.crawler.fetch import Policy
from index.crawler.netguard import ALLOW_ENV
from index.discover import MISSING, gone_but_indexed, is_utf8_name, path_problem, shown
from index.errors import FinsokError, decimal_comma, grouped, os_reason
from index.ingest import ingest, limits_from_env
from index.parse import parse_file
from index.privacy import mask_typed
from index.store import Store
from search.dates import FORMAT, NoSuchDate, parse_date
from search.limits import DEFAULT_LIMIT, MAX_FORBUND, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_CHARS
from search.params import (
    DEFAULT_SORT,
    KIND_VALUES,
    SORTS,
    allowed,
    split_forbund,
    too_large,
    too_small,
)


def cmd_parse(args: argparse.Namespace) -> int:
    doc = parse_file(args.file)
    if args.json:
        print(json.dumps(parsed_json(doc), ensure_ascii=False, indent=2))
    else:
        text = outline(doc)
        if not is_utf8_name(doc.source):  # a title taken from the name: see `parsed_json`
            text = "\n".join(map(name_part_shown, text.split("\n")))
        print(text)
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    """Index the given paths. A path that cannot be read fails like a broken file (the others
    are still indexed, exit status 1); when none of them can, the index is not even opened."""
    problems = [(path, problem) for path in args.paths if (problem := path_problem(Path(path)))]
    if len(problems) == len(args.paths):
        print_problems(missing_explained(problems, args.index))
        return 1
    index_dir = settings.index_dir(args.index)
    progress = progress_bar if sys.stderr.isatty() else None
    summary = ingest(
        args.paths,
        index_dir,
        rebuild=args.rebuild,
        prune=args.prune,
        progress=progress,
        **limits_from_env(),
    )
    if progress:
        print(file=sys.stderr)  # ends the progress bar's line
    summary.failed = missing_explained(summary.failed, args.index)
    print_index_summary(summary, index_dir)
    return 0 if summary.ok else 1


def missing_explained(
    problems: list[tuple[str, str]], index_flag: str | None
) -> list[tuple[str, str]]:
    """`problems` with each missing path whose documents the index still holds said so, and
    how to remove them (`gone_but_indexed`), read from the index as the run left it (a run
    that pruned them keeps the plain words). Without an index, or one that cannot be read,
    every missing path keeps the plain `MISSING`."""
    if not any(reason == MISSING for _, reason in problems):
        return problems
    try:
        indexed = Store.open(settings.index_dir(index_flag)).documents()
    except FinsokError:
        return problems
    flag = f" --index {shlex.quote(shown(str(index_flag)))}" if index_flag else ""
    return [
        (where, (reason == MISSING and gone_but_indexed(Path(where), indexed, flag)) or reason)
        for where, reason in problems
    ]


def cmd_search(args: argparse.Namespace) -> int:
    from search.answer import (  # loaded only when searching
        documents_answer,
        search_answer,
        with_ignored,
    )
    from search.engine import Engine, SearchParams
    from search.links import absolute_links, base_url_from_env

    # Only --json prints links: a bad FINSOK_BASE_URL is said then, before any search.
    base = base_url_from_env() if args.json else None
    params = SearchParams(
        q=args.query,
        limit=args.limit,
        offset=args.offset,
        forbund=args.forbund,  # each once and masked (`_check_search`)
        date_from=args.date_from,
        date_to=args.date_to,
        kind=args.kind,
        undated=args.undated,
        sort=args.sort,
    )
    engine = Engine.open(args.index)
    warn_if_stale(engine.store)
    # The same answer as the API's (/api/documents, /api/search): one shape for every program.
    if args.documents:
        result = documents_answer(engine, params)
        render = render_documents
    else:
        result = search_answer(engine, params)
        render = render_hits
    if args.json:  # links absolute when FINSOK_BASE_URL says where the site is
        print(json_text(absolute_links(with_ignored(result), base)))
    else:
        print(render(printable(result), bold=sys.stdout.isatty()))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    """Serve the web front end and API under gunicorn (worker processes with threads).

    Everything that would stop the server is checked first, each reported in one line before
    anything starts: the settings, the index, then the address and port (the flags' ranges
    are argparse's)."""
    from web import config
    from web.server import default_workers, serve

    index_dir = settings.index_dir(args.index)
    loaded = config.load({"FINSOK_INDEX": str(index_dir)})  # a bad FINSOK_PAGE_SIZE … stops it
    warn_if_stale(Store.open(index_dir))  # fails now, with the fix, if the index is missing
    check_bind(args.host, args.port)
    if note := base_url_note(args.host, loaded["FINSOK_BASE_URL"]):
        print(note, file=sys.stderr)
    host = f"[{args.host}]" if ":" in args.host else args.host  # an IPv6 address
    where = shown_masked(str(index_dir))
    print(
        f"Finsök svarar på http://{host}:{args.port}/ (index {where}) — Ctrl+C avslutar",
        flush=True,
    )
    serve(
        {"FINSOK_INDEX": str(index_dir)},
        host=host,
        port=args.port,
        workers=args.workers or default_workers(),
        threads=args.threads,
    )
    return 0


# A server others reach builds its feeds' links from the Host header they send, which a cache
# in front of it could keep and serve to everyone.
BASE_URL_NOTE = (
    "finsok: obs: FINSOK_BASE_URL är inte satt, så flödenas länkar tar värdnamnet från varje "
    "förfrågan — sätt den till webbplatsens adress "
    "(t.ex. FINSOK_BASE_URL=https://finsok.example.se/) när servern nås från andra datorer"
)


def base_url_note(host: str, base_url: object) -> str | None:
    """`BASE_URL_NOTE` for a server other computers reach (any --host but this computer's
    own) when FINSOK_BASE_URL is not set; None otherwise."""
    return BASE_URL_NOTE if base_url is None and not _loopback(host) else None


def _loopback(host: str) -> bool:
    """Whether `host` is this computer only (127.0.0.1, ::1, localhost)."""
    import ipaddress

    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


# What the user can do when the server cannot listen on --host/--port, by the bind's errno.
_HOST_HINT = "ange t.ex. --host 127.0.0.1 (bara den här datorn) eller --host 0.0.0.0 (alla nätverk)"


def check_bind(host: str, port: int) -> None:
    """Raise a FinsokError that blames the right flag when the server could not listen on
    `host`:`port`: an address that is none, or not this computer's, is the host's problem; a
    port in use or reserved for the administrator is the port's."""
    import errno
    import socket

    try:
        family = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0][0]
    except (OSError, UnicodeError):  # socket.gaierror; UnicodeError for an unusable name
        raise FinsokError(
            f"Adressen {host} går inte att använda: den är varken en IP-adress eller ett "
            f"värdnamn som datorn känner till — {_HOST_HINT}"
        ) from None
    try:
        probe = socket.create_server((host, port), family=family)
    except OSError as exc:
        if exc.errno == errno.EADDRINUSE:
            problem = f"Porten {port} på {host} är upptagen — välj en annan med --port"
        elif exc.errno == errno.EADDRNOTAVAIL:
            problem = f"Adressen {host} hör inte till den här datorn — {_HOST_HINT}"
        elif exc.errno == errno.EACCES:
            problem = (
                f"Porten {port} på {host} får bara användas av administratören — välj en port "
                "från 1024 med --port"
            )
        else:
            problem = (
                f"Porten {port} på {host} går inte att använda ({os_reason(exc)}) — välj en "
                "annan med --port eller --host"
            )
        raise FinsokError(problem) from None
    probe.close()


def _crawl_options(p: argparse.ArgumentParser) -> None:
    _index_option(p)
    p.add_argument(
        "--sources",
        type=_path,
        metavar="FIL",
        help="källfil (annars $FINSOK_SOURCES, annars data/sources.toml)",
    )
    p.add_argument(
        "--archive",
        type=_path,
        metavar="MAPP",
        help="arkivmapp, filerna hamnar i MAPP/<slug>/ "
        "(annars $FINSOK_ARCHIVE, annars data/archive)",
    )
    # Every default is the fetch policy's own (and the crawl's page limit), shown in the help.
    policy = Policy()
    p.add_argument(
        "--delay",
        type=_number(zero=True),
        default=policy.delay,
        metavar="S",
        help=f"sekunder mellan anrop per värd ({_shown(policy.delay)})",
    )
    p.add_argument(
        "--timeout",
        type=_number(),
        default=policy.timeout,
        metavar="S",
        help=f"tidsgräns per anrop ({_shown(policy.timeout)})",
    )
    p.add_argument(
        "--max-mb",
        type=_number(),
        default=policy.max_bytes / 1e6,
        metavar="MB",
        help=f"största fil ({_shown(policy.max_bytes / 1e6)} MB)",
    )
    p.add_argument(
        "--max-page-mb",
        type=_number(),
        default=policy.max_page_bytes / 1e6,
        metavar="MB",
        help=f"största arkivsida ({_shown(policy.max_page_bytes / 1e6)} MB)",
    )
    p.add_argument(
        "--max-page-links",
        type=_whole_number(1),
        default=policy.max_page_links,
        metavar="N",
        help=f"högst N länkar lästa per arkivsida ({_shown(policy.max_page_links)})",
    )
    p.add_argument(
        "--max-pages",
        type=_whole_number(1),
        default=MAX_PAGES,
        metavar="N",
        help=f"högst N arkivsidor per källa ({_shown(MAX_PAGES)})",
    )
    p.add_argument(
        "--max-documents",
        type=_whole_number(1),
        default=policy.max_documents,
        metavar="N",
        help="högst N nya eller ändrade dokument per källa och körning "
        f"({_shown(policy.max_documents)})",
    )
    p.add_argument(
        "--max-source-mb",
        type=_number(),
        default=policy.max_source_bytes / 1e6,
        metavar="MB",
        help="högst så mycket hämtat per källa och körning "
        f"({_shown(policy.max_source_bytes / 1e6)} MB)",
    )
    p.add_argument(
        "--max-minutes",
        type=_number(),
        default=policy.source_deadline / 60,
        metavar="MIN",
        help=f"tidsgräns per källa och körning ({_shown(policy.source_deadline / 60)} min)",
    )
    p.add_argument(
        "--allow-host",
        action="append",
        metavar="VÄRD[:PORT]",
        help="värd som får hämtas fast den ligger på ett internt nät "
        f"(upprepas; även ${ALLOW_ENV})",
    )
    p.add_argument("--no-index", action="store_true", help="hämta bara, indexera inte")


def _shown(value: float) -> str:
    """A default as the help shows it: "1", "0,5", "10 000"."""
    if value == int(value):
        return grouped(int(value))
    return decimal_comma(value)


def _number(*, zero: bool = False) -> Callable[[str], float]:
    """An argparse type: a number above 0 (with `zero`, 0 or more), with a decimal point or
    comma ("0,5"). A bad value is a usage error naming the flag and what it allows."""
    allowed = "0 eller mer" if zero else "mer än 0"

    def read(value: str) -> float:
        try:
            number = float(value.replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{value!r} är inget tal (tillåtet: {allowed})"
            ) from None
        if not math.isfinite(number) or number < 0 or (number == 0 and not zero):
            raise argparse.ArgumentTypeError(f"{value} går inte (tillåtet: {allowed})")
        return number

    return read


def _whole_number(low: int, high: int | None = None, hint: str = "") -> Callable[[str], int]:
    """An argparse type: an integer in [low, high] (no upper end when `high` is None). Out of
    range is a usage error that names the range, as the API's 400 does, and for a value too
    large, `hint`: how to get what the caller wanted within the range."""

    def read(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{value!r} är inget heltal (tillåtet: {allowed(low, high)})"
            ) from None
        if number < low:
            raise argparse.ArgumentTypeError(too_small(number, low, high))
        if high is not None and number > high:
            raise argparse.ArgumentTypeError(
                too_large(number, low, high) + (f"; {hint}" if hint else "")
            )
        return number

    return read


def _check_search(args: argparse.Namespace) -> None:
    """What no single flag's type can see: dates given backwards. The pages turn them around
    with a notice and the API refuses them; a command line is rerun anyway, so it says which
    two dates clash and how the command reads with them swapped (exit status 2). A query
    longer than the API takes is a usage error too, as the API's 400 is."""
    # A terminal in Latin-1 sends "möte" as bytes Python cannot give the search as text.
    for name, value in [("FRÅGA", args.query), *(("--forbund", f) for f in args.forbund or [])]:
        if not is_utf8_name(value):
            args.command_parser.error(
                f"{name} '{shown_masked(value)}' är inte giltig UTF-8 — ställ terminalen på UTF-8 "
                "(t.ex. LANG=sv_SE.UTF-8)"
            )
    if len(args.query) > MAX_QUERY_CHARS:
        args.command_parser.error(
            f"FRÅGA är för lång ({len(args.query)} tecken, högst {MAX_QUERY_CHARS})"
        )
    # Each förbund once, as the web reads them; more than the API takes is a usage error too.
    # Masked here: the flag is echoed in notices and in `params`, as the web masks it.
    # A comma-separated value names several förbund, as the web reads it (`split_forbund`).
    args.forbund = split_forbund(mask_typed(f) for f in args.forbund or [])
    if len(args.forbund) > MAX_FORBUND:
        args.command_parser.error(
            f"--forbund: högst {MAX_FORBUND} förbund, inte {grouped(len(args.forbund))}"
        )
    if args.date_from and args.date_to and args.date_from > args.date_to:
        args.command_parser.error(
            f"--from {args.date_from} ligger efter --to {args.date_to}; byt plats på datumen: "
            f"--from {args.date_to} --to {args.date_from}"
        )


def _iso_date(value: str) -> date:
    """An argparse type: a date strictly as ÅÅÅÅ-MM-DD (see `search.dates`), as the API takes
    it; a date in that form that does not exist says so instead of blaming the format."""
    try:
        return parse_date(value.strip())
    except NoSuchDate as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None
    except ValueError:
        raise argparse.ArgumentTypeError(f"ogiltigt datum {value!r}: använd {FORMAT}") from None


def _path(value: str) -> str:
    """An argparse type: a file or folder path, refused when empty. An empty argument is an
    unset shell variable (`finsok index "$DIR"`, `--index "$IX"`): read as a path it was the
    current folder, and as a flag's value the default, so the run indexed the wrong folder or
    wrote (with `--rebuild`, rebuilt) the default index without a word."""
    if not value:
        raise argparse.ArgumentTypeError("tom sökväg (en tom variabel?); ange en fil eller mapp")
    return value


def _index_option(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--index",
        type=_path,
        metavar="MAPP",
        help="indexmapp (annars $FINSOK_INDEX, annars data/index)",
    )


def _search_options(p: argparse.ArgumentParser) -> None:
    """`finsok search`'s arguments: the query, paging, the filters the API takes, the order."""
    p.set_defaults(check=_check_search)
    p.add_argument(
        "query",
        nargs="+",
        metavar="FRÅGA",
        help='frågan, t.ex. genomlysning, "extern genomlysning", ESF -NNS (flera ord utan '
        "citattecken är också en fråga)",
    )
    _index_option(p)
    p.add_argument("--json", action="store_true", help="svara med JSON")
    p.add_argument(
        "--limit",
        type=_whole_number(1, MAX_LIMIT, "hämta fler träffar sida för sida med --offset"),
        default=DEFAULT_LIMIT,
        metavar="N",
        help=f"antal träffar, 1–{MAX_LIMIT} (standard {DEFAULT_LIMIT})",
    )
    p.add_argument(
        "--offset",
        type=_whole_number(
            0,
            MAX_OFFSET,
            "avgränsa sökningen (--forbund, --from, --to, --kind) för att nå träffar längre bak",
        ),
        default=0,
        metavar="N",
        help=f"hoppa över så många träffar, 0–{MAX_OFFSET} (standard 0)",
    )
    p.add_argument(
        "--forbund",
        action="append",
        metavar="SLUG",
        help="bara detta förbund (kan upprepas, eller flera med komma: halland,blekinge)",
    )
    p.add_argument(
        "--from",
        dest="date_from",
        type=_iso_date,
        metavar="ÅÅÅÅ-MM-DD",
        help="bara möten från och med detta datum",
    )
    p.add_argument(
        "--to",
        dest="date_to",
        type=_iso_date,
        metavar="ÅÅÅÅ-MM-DD",
        help="bara möten till och med detta datum",
    )
    p.add_argument(
        "--kind",
        type=str.lower,  # any case, as the web's kind and the query's typ: take it
        choices=KIND_VALUES,
        help="bara denna dokumenttyp; decision: bara beslutstext",
    )
    p.add_argument(
        "--undated",
        action="store_true",
        help="bara träffar utan datum (sidornas ”odaterat”)",
    )
    p.add_argument(
        "--sort",
        type=str.lower,
        choices=SORTS,
        default=DEFAULT_SORT,
        help="relevance: bäst först (standard), date: nyast först",
    )
    p.add_argument(
        "--documents",
        action="store_true",
        help="lista dokumenten vars huvud (titel, plats, närvarande) matchar, i stället för "
        "paragraferna",
    )


def _serve_options(p: argparse.ArgumentParser) -> None:
    """`finsok serve`'s arguments: the index, where to listen, processes and threads."""
    _index_option(p)
    p.add_argument(
        "--host",
        default="127.0.0.1",
        metavar="ADRESS",
        help="adressen att svara på (standard 127.0.0.1)",
    )
    p.add_argument(
        "--port",
        type=_whole_number(1, 65535),
        default=8000,
        metavar="PORT",
        help="porten att svara på, 1–65535 (standard 8000)",
    )
    p.add_argument(
        "--workers",
        type=_whole_number(0),
        default=0,
        metavar="N",
        help="antal processer; 0: en per kärna (standard)",
    )
    p.add_argument(
        "--threads",
        type=_whole_number(1),
        default=4,
        metavar="N",
        help="trådar per process, minst 1 (standard 4)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The `finsok` command line; its help and usage errors are in Swedish."""
    parser = SwedishArgumentParser(
        prog="finsok", description="Sök i samordningsförbundens protokoll."
    )
    sub = parser.add_subparsers(
        title="kommandon", dest="command", required=True, metavar="KOMMANDO"
    )

    p = _command(sub, "parse", "tolka en fil och visa dess struktur", cmd_parse)
    p.add_argument("file", type=_path, metavar="FIL", help="en .txt-, .pdf-, .html- eller .htm-fil")
    p.add_argument("--json", action="store_true", help="skriv dokumentet som JSON")

    p = _command(sub, "index", "läs in filer och mappar i indexet (inkrementellt)", cmd_index)
    p.add_argument(
        "paths", nargs="+", type=_path, metavar="SÖKVÄG", help="filer eller mappar (rekursivt)"
    )
    _index_option(p)
    p.add_argument("--prune", action="store_true", help="ta bort dokument vars filer saknas")
    p.add_argument("--rebuild", action="store_true", help="bygg om indexet från början")

    p = _command(sub, "search", "sök i indexet", cmd_search)
    _search_options(p)

    p = _command(sub, "serve", "starta webbgränssnittet och JSON-API:t", cmd_serve)
    _serve_options(p)

    p = _command(
        sub, "crawl", "hämta protokoll från ett förbunds webbplats och indexera dem", cmd_crawl
    )
    p.add_argument("url", nargs="?", metavar="URL", help="arkivsidan med förbundets protokoll")
    p.add_argument("--forbund", metavar="SLUG", help="förbundets slug (mappnamnet i arkivet)")
    p.add_argument("--all", action="store_true", help="hämta alla källor i källfilen")
    _crawl_options(p)

    p = _command(sub, "update", "hämta alla källor och indexera (för cron)", cmd_update)
    _crawl_options(p)
    return parser


def _command(
    sub: argparse._SubParsersAction, name: str, text: str, func: Callable[[argparse.Namespace], int]
) -> argparse.ArgumentParser:
    """A subcommand whose one-line `text` is both its line in `finsok --help` and the
    description atop its own help."""
    p = sub.add_parser(name, help=text, description=f"{text[0].upper()}{text[1:]}.")
    p.set_defaults(func=func, command_parser=p)
    return p


# A query word that excludes ("-budget", "-förbund:halland", '-"extern part"', "-(ESF OR NNS)").
_EXCLUDING = re.compile(r"-(?:[^\W\d_]|[\"'(])")
# The search command's flags that take no value.
_SEARCH_SWITCHES = frozenset({"--json", "--documents", "--help"})


def _query_words(argv: list[str]) -> list[str]:
    """`finsok search -budget`: argparse takes every word that starts with "-" for a flag, but
    in a query it excludes a word (as docs/query-language.md shows). In the search
    command such a word, when it is not a flag's value, gets a space in front, which makes
    argparse read it as a query word; the query is stripped before it is searched."""
    if not argv or argv[0] != "search":
        return argv
    words = argv[:1]
    value_next = False
    for arg in argv[1:]:
        if not value_next and _EXCLUDING.match(arg) and arg != "-h":
            arg = " " + arg
        words.append(arg)
        value_next = arg.startswith("--") and "=" not in arg and arg not in _SEARCH_SWITCHES
    return words


def main(argv: Sequence[str] | None = None) -> int:
    command = argv is None  # the `finsok` command itself, not a test calling `main`
    parser = build_parser()
    argv = _query_words(list(sys.argv[1:] if argv is None else argv))
    args, unknown = parser.parse_known_args(argv)
    if args.command == "search":  # query words after a flag ("budget --json ESF")
        words = args.query + [word for word in unknown if not word.startswith("-")]
        unknown = [word for word in unknown if word.startswith("-")]
        args.query = " ".join(word.strip() for word in words)  # stripped: see `_query_words`
    if unknown:  # reported by the subcommand, so its own usage line is the one shown
        getattr(args, "command_parser", parser).error(
            f"unrecognized arguments: {' '.join(unknown)}"  # argparse's msgid, translated
        )
    if check := getattr(args, "check", None):  # usage errors between flags, before any work
        check(args)
    _stop_on_sigterm()
    try:
        return args.func(args)
    except FinsokError as exc:
        print(error_line(str(exc)), file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        if command:  # stopped: a second Ctrl+C would interrupt the message
            _ignore_stops()
        print("finsok: avbrutet", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except BaseException as exc:  # the last line of defence: no traceback reaches a user
        # (tantivy reports Rust panics as pyo3's PanicException, a BaseException)
        if isinstance(exc, SystemExit | GeneratorExit):
            raise
        print(
            error_line(f"internt fel ({type(exc).__name__}): {_first_line(exc)}"), file=sys.stderr
        )
        return 2
    finally:
        if command:
            _ignore_stops()


def _ignore_stops() -> None:
    """Ignore Ctrl+C and SIGTERM once the command is stopped or done. What is left is its
    message and the interpreter's shutdown (joining threads, the atexit handlers, flushing
    stdout), where a KeyboardInterrupt escapes `main` or is printed as "Exception ignored in
    …", with a traceback either way, and nothing is left to stop: an impatient second Ctrl+C
    after the first showed one now and then. (While the run itself stops, `index.ingest`
    ignores Ctrl+C.)"""
    for signum in (signal.SIGINT, signal.SIGTERM):
        signal.signal(signum, signal.SIG_IGN)


def _stop_on_sigterm() -> None:
    """SIGTERM (`kill`, systemd, a closed terminal's job control) ends a run as Ctrl+C does:
    the indexer rolls back to its last commit and stops its workers, and the user sees one
    line instead of the workers' broken pipes."""

    def interrupt(signum: int, frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else ""


cli.loaded()  # the last line of the module: from here on Ctrl+C is `main`'s to handle

if __name__ == "__main__":
    sys.exit(main())
