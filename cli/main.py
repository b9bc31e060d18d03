"""`finsok` — parse, index, search and serve Swedish meeting records.

Every subcommand is a small function that takes parsed arguments and returns an exit status.
`main` is the only place that turns exceptions into messages: a `FinsokError` prints its one
line; anything else prints a generic line (never a traceback) and exits 2.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from index.errors import FinsokError
from index.model import Document
from index.parse import parse_file


def cmd_parse(args: argparse.Namespace) -> int:
    doc = parse_file(args.file)
    if args.json:
        print(json.dumps(doc.to_dict(), ensure_ascii=False, indent=2))
    else:
        print(outline(doc))
    return 0


def outline(doc: Document) -> str:
    """A readable summary: förbund, date and kind, then one line per section and its decisions."""
    forbund = f"{doc.forbund} ({doc.forbund_slug})" if doc.forbund else "okänt förbund"
    lines = [f"{forbund} · {doc.date or 'okänt datum'} · {doc.kind}", doc.title, ""]
    for section in doc.sections:
        page = f"  [s. {section.page}]" if section.page else ""
        lines.append(f"  {section.label or '–':<7} {section.title}{page}")
        for decision in section.decisions:
            ident = f" {decision.id}" if decision.id else ""
            text = " ".join(decision.text.split())
            lines.append(f"          Beslut{ident}: {_shorten(text, 100)}")
    lines.extend(f"varning: {w}" for w in doc.warnings)
    return "\n".join(lines)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="finsok", description="Sök i samordningsförbundens protokoll."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("parse", help="tolka en fil och visa dess struktur")
    p.add_argument("file", help="en .txt-, .pdf- eller .html-fil")
    p.add_argument("--json", action="store_true", help="skriv dokumentet som JSON")
    p.set_defaults(func=cmd_parse)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except FinsokError as exc:
        print(f"finsok: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("finsok: avbrutet", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # the last line of defence: no traceback reaches a user
        print(f"finsok: internt fel ({type(exc).__name__}): {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
