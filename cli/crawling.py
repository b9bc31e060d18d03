"""`finsok crawl` and `finsok update`: download the förbund's archives, then index them.

Each source is crawled on its own, so one that fails never stops the others; what arrived is
then indexed as `finsok index` would.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from cli.terminal import (
    crawl_progress,
    crawl_summary_line,
    masked_line,
    print_index_summary,
    print_problems,
    progress_bar,
)
from index import settings
from index.archive import archive_provenance
from index.crawler.crawl import (
    CrawlSummary,
    Source,
    archive_folders,
    archive_root,
    crawl,
    load_sources,
    source_for_url,
)
from index.crawler.fetch import Fetcher, Policy
from index.crawler.netguard import ALLOW_ENV, HostKey, allow_entry, allow_list_from_env
from index.errors import FinsokError
from index.ingest import ingest, limits_from_env


def cmd_crawl(args: argparse.Namespace) -> int:
    """Download one archive (or every source with --all) into the archive, then index it."""
    if bool(args.url) == bool(args.all):
        raise FinsokError("Ange antingen en arkivsidas adress eller --all")
    if args.all:
        sources = load_sources(args.sources)
    else:
        sources = [source_for_url(args.url, args.forbund, args.sources)]
    return _crawl_and_index(sources, args)


def cmd_update(args: argparse.Namespace) -> int:
    """Crawl every source in the sources file, then index: the command for cron."""
    return _crawl_and_index(load_sources(args.sources), args)


def _crawl_and_index(sources: list[Source], args: argparse.Namespace) -> int:
    """Crawl each source (one failing never stops the others), then index what arrived."""
    root = archive_root(args.archive)
    fetcher = Fetcher(crawl_policy(args))
    limits = limits_from_env()  # a bad value stops the run before any download
    tty = sys.stderr.isatty()
    total = CrawlSummary()
    for source in sources:
        if tty:
            fetching = f"finsok: hämtar {source.slug} ({', '.join(source.urls)})"
            print(masked_line(fetching), file=sys.stderr)
        progress = crawl_progress if tty else None
        total.add(crawl(source, root, fetcher, max_pages=args.max_pages, progress=progress))
        if tty:
            print(file=sys.stderr)
    print(crawl_summary_line(total, root))
    print_problems(total.notes, prefix="obs: ")
    print_problems(total.failed)
    folders = archive_folders(sources, root)
    if args.no_index or not folders:
        return 0 if total.ok else 1
    index_dir = settings.index_dir(args.index)
    progress = progress_bar if tty else None
    summary = ingest(
        folders,
        index_dir,
        forget=total.removed,
        provenance=archive_provenance(),
        progress=progress,
        **limits,
    )
    if tty:
        print(file=sys.stderr)  # ends the progress bar's line
    print_index_summary(summary, index_dir)
    return 0 if total.ok and summary.ok else 1


def crawl_policy(args: argparse.Namespace) -> Policy:
    """The fetch policy from the crawl flags and `FINSOK_CRAWL_ALLOW_HOSTS`; a bad value is a
    FinsokError naming the flag or the variable."""
    return Policy(
        delay=args.delay,
        timeout=args.timeout,
        max_bytes=int(args.max_mb * 1e6),
        max_page_bytes=int(args.max_page_mb * 1e6),
        max_page_links=args.max_page_links,
        max_source_bytes=int(args.max_source_mb * 1e6),
        max_documents=args.max_documents,
        source_deadline=args.max_minutes * 60,
        allow_hosts=_allow_hosts(args.allow_host or ()),
    )


def _allow_hosts(flags: Sequence[str]) -> frozenset[HostKey]:
    """The operator's allow-list: `FINSOK_CRAWL_ALLOW_HOSTS` and every --allow-host."""
    try:
        from_env = allow_list_from_env()
    except ValueError as exc:
        raise FinsokError(
            f"{ALLOW_ENV}: {str(exc)!r} är ingen värd (skriv värd eller värd:port, "
            "t.ex. intranat.example:8080, med komma eller mellanslag emellan)"
        ) from None
    entries = set(from_env)
    for flag in flags:
        try:
            entries.add(allow_entry(flag))
        except ValueError:
            raise FinsokError(
                f"--allow-host {flag!r}: ingen värd (skriv värd eller värd:port, "
                "t.ex. intranat.example:8080)"
            ) from None
    return frozenset(entries)
