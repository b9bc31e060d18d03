"""`python -m cli.lexicon`: the developer's tool for the shipped Swedish word list.

`build` regenerates `data/lexicon/sv_words.tsv` from the wordfreq package (a build tool, not a
runtime dependency); `split` shows how the decompounder splits words. It lives here, beside the
`finsok` command, because `index/` holds no command-line code (see the README's layout rule).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from index.errors import FinsokError
from index.lexicon import DEFAULT_SIZE, WORDS_FILE, Lexicon, build


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m cli.lexicon", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="regenerate data/lexicon/sv_words.tsv from wordfreq")
    b.add_argument("--size", type=int, default=DEFAULT_SIZE, help="number of words to keep")
    b.add_argument("--out", type=Path, default=WORDS_FILE, help="output file")
    s = sub.add_parser("split", help="show how words are split into compound parts")
    s.add_argument("words", nargs="+")
    args = parser.parse_args(argv)
    try:
        if args.command == "build":
            count = build(args.out, args.size)
            print(f"wrote {count} words to {args.out}")
        else:
            lex = Lexicon.default()
            for word in args.words:
                print(word, "->", " + ".join(lex.split(word)) or "(not split)")
    except FinsokError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
