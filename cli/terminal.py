"""What `finsok` shows on a terminal: parsed documents, hits, summaries, progress, problems.

Everything printed passes here, because a document, a file name or a URL may carry what a
terminal must not get: an identity number (masked), a control character or escape sequence
(dropped or escaped), a byte that is not UTF-8 (shown as \\xNN).
"""

from __future__ import annotations

import html
import json
import os
import re
import shlex
import sys
import time
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from index.crawler.crawl import CrawlSummary
from index.crawler.links import readable_url
from index.discover import is_utf8_name, shown, too_wide_to_index
from index.errors import counted, decimal_comma, without_controls
from index.ingest import Summary
from index.model import Document
from index.paths import shown_path
from index.privacy import mask_name, mask_personal_numbers, mask_text
from index.store import Store
from search.pages import span_text
from search.params import UNDATED_TEXT, UNKNOWN_FORBUND  # as the pages say a missing value

# The warning `finsok parse --json` adds for a file name that is not UTF-8.
NAME_SHOWN_ESCAPED = (
    "filnamnet är inte giltig UTF-8: source visar dess byte som \\xNN (indexet tar inte "
    "filen förrän den bytt namn)"
)


def parsed_json(doc: Document) -> dict:
    """The contract's shape of a parsed document (`Document.to_dict`), always valid JSON text.

    A name that is not UTF-8 (a Latin-1 `m\\xf6te.txt`) reaches Python with surrogates, which
    JSON would write as a raw byte or a lone surrogate: `source` then shows the bytes as
    `\\xNN`, as the error lines and the indexer's failure lines name such a file (`shown`),
    with a warning saying so; the index refuses the file (`BAD_NAME`). So does every other
    string made of the name: a title taken from it (an HTML page without <title>, a file of
    no known kind), where a byte between a number's halves also hid it from the mask."""
    data = doc.to_dict()
    if not is_utf8_name(doc.source):
        data = _name_parts_shown(data)  # `source` among them
        data["warnings"] = [*data["warnings"], NAME_SHOWN_ESCAPED]
    return data


def _name_parts_shown(value: object) -> object:
    """`value` (a parsed document's dict) with each string holding a byte of the name that
    is not UTF-8 (a surrogate) shown as `name_part_shown` does; only such names get here."""
    if isinstance(value, dict):
        return {key: _name_parts_shown(item) for key, item in value.items()}
    if isinstance(value, list):
        return [_name_parts_shown(item) for item in value]
    return name_part_shown(value) if isinstance(value, str) else value


def name_part_shown(text: str) -> str:
    """A string (one line) as the error lines show a name, if it holds a surrogate."""
    return text if is_utf8_name(text) else shown_masked(text)


def outline(doc: Document) -> str:
    """A readable summary: förbund, date and kind, then one line per section and its decisions."""
    forbund = f"{doc.forbund} ({doc.forbund_slug})" if doc.forbund else UNKNOWN_FORBUND
    lines = [f"{forbund} · {doc.date or UNDATED_TEXT} · {doc.kind}", doc.title, ""]
    for section in doc.sections:
        pages = span_text(section.page, section.page_end)
        page = f"  [{pages}]" if pages else ""
        lines.append(f"  {section.label or '–':<7} {section.title}{page}")
        for decision in section.decisions:
            ident = f" {decision.id}" if decision.id else ""
            text = " ".join(decision.text.split())
            lines.append(f"          Beslut{ident}: {_shorten(text, 100)}")
    lines.extend(f"varning: {w}" for w in doc.warnings)
    return "\n".join(lines)


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rstrip() + "…"


def summary_line(s: Summary, index_dir: object) -> str:
    """One line: what happened to the files, then what this run read in. The sections and
    megabytes are of the files added or updated now, so the line says "lästes in": an
    unchanged index's "0 sektioner" read as if it were empty."""
    mb = decimal_comma(s.bytes / 1_000_000, ".1f")
    files = ", ".join(
        [
            counted(s.added, "tillagd", "tillagda"),
            counted(s.updated, "uppdaterad", "uppdaterade"),
            counted(s.skipped, "oförändrad", "oförändrade"),
            counted(s.removed, "borttagen", "borttagna"),
            counted(len(s.failed), "misslyckad", "misslyckade") + _kept_clause(s),
        ]
    )
    where = shown_masked(str(index_dir))
    return (
        f"Index {where}: {files} — {counted(s.sections, 'sektion', 'sektioner')} "
        f"({mb} MB) lästes in på {decimal_comma(s.seconds, '.1f')} s"
    )


def _kept_clause(s: Summary) -> str:
    """The failure count's clause for failed files that keep their earlier document ("varav
    1 finns kvar i sin tidigare version"): the count alone reads as if they had left the
    index."""
    if not s.kept:
        return ""
    return f" (varav {len(s.kept)} finns kvar i sin tidigare version)"


# After a run that analysed the index again, of the documents whose files failed or are gone.
# The next run reads again only the files still there: "nästa körning läser dem igen" alone
# promised it of a deleted file too, which no run can read and only --prune removes.
BEHIND = (
    "{count} dokument kunde inte analyseras om och finns kvar med de tidigare analysreglerna "
    "(deras filer misslyckades eller finns inte längre) — rätta filerna, eller ta bort dem och "
    "indexera med --prune; nästa körning läser dem igen om filerna finns."
)


def print_index_summary(summary: Summary, index_dir: object) -> None:
    """What an index run prints when it ends (`finsok index`, and `crawl` and `update` after
    their downloads): the summary line, a note when the analysis rules had changed, then one
    line on stderr per note and per file that failed."""
    print(summary_line(summary, index_dir))
    if summary.reanalysed:
        print(
            f"Analysreglerna har ändrats sedan indexet byggdes: {summary.reanalysed} dokument "
            "analyserades om."
        )
    if summary.behind:
        print(BEHIND.format(count=summary.behind))
    print_problems(summary.notes, prefix="obs: ")
    print_problems(summary.failed)


_drawn = [0.0]  # when the progress bar was last drawn


def progress_bar(done: int, total: int, current: str) -> None:
    """Redraw the bar, at most ten times a second (the indexer reports every file)."""
    now = time.monotonic()
    if done < total and now - _drawn[0] < 0.1:
        return
    _drawn[0] = now
    width = 30
    filled = width * done // max(total, 1)
    name = current[-40:]
    bar = "#" * filled + "-" * (width - filled)
    print(f"\r[{bar}] {done}/{total} filer  {name:<40}", end="", file=sys.stderr, flush=True)


_C1_ESCAPED = {code: f"\\u{code:04x}" for code in range(0x80, 0xA0)}


def json_text(value: object) -> str:
    """`value` as indented JSON for a terminal or a pipe. JSON escapes the C0 controls
    ("\\u001b") but writes the C1 ones ("\\x9b", which some terminals read as an escape) as
    they are: escaped too, the value stays the same."""
    return json.dumps(value, ensure_ascii=False, indent=2).translate(_C1_ESCAPED)


def printable(value: Any) -> Any:
    """`value` (a search answer) with no control characters in its strings: a document can
    carry an escape sequence, which printed as it is would recolour the user's terminal,
    retitle it or worse. Indexing drops the C0 ones (`index.sources`), but keeps C1 ones
    ("\x81" may be a broken font's "Å"), and an index made before it did may hold any."""
    if isinstance(value, str):
        return without_controls(value)
    if isinstance(value, dict):
        return {key: printable(item) for key, item in value.items()}
    if isinstance(value, list):
        return [printable(item) for item in value]
    return value


def warn_if_stale(store: Store) -> None:
    """One line on stderr when the index was made with other analysis rules than this code's:
    until it is indexed again, queries miss what the new rules find (say, "regel" finding
    "regler"). Searching still works, so this warns and does not stop."""
    stale = store.stale_documents()
    if stale == set():
        return
    if stale is not None:  # a few left behind by a run that analysed the rest again
        paths = [key for key, doc in store.documents().items() if doc["doc_id"] in stale]
        said = STALE_FEW.format(
            count=len(stale),
            index=shell_word(str(store.path)),
            folder=shell_word(reanalysis_path(paths)),
        )
        print(said, file=sys.stderr)
        return
    folder = reanalysis_path(list(store.documents()))
    print(
        f"finsok: obs: indexet i {store.path} byggdes med andra analysregler än den här "
        f"versionen av Finsök, så sökningen kan missa träffar — kör `finsok index "
        f"{shell_word(folder)} --index {shell_word(str(store.path))}` (alla indexerade filer "
        "analyseras då om)",
        file=sys.stderr,
    )


STALE_FEW = (
    "finsok: obs: {count} dokument i indexet i {index} gjordes med äldre analysregler (deras "
    "filer kunde inte läsas om), så sökningen kan missa dem — rätta filerna och kör "
    "`finsok index {folder} --index {index}`, eller ta bort dem och indexera med --prune"
)


def reanalysis_path(paths: list[str]) -> str:
    """What the stale-index line tells the user to index: any run re-reads every indexed file
    with the new rules, so the folder that holds them all, as the user most likely gave it. A
    folder as wide as "/", "/home" or the home folder itself (documents indexed from here and
    there) would read every file under it into the index as well: one indexed file is named
    then, whose run re-reads the others just the same."""
    if not paths:
        return "data/sample"
    folder = os.path.dirname(paths[0]) if len(paths) == 1 else os.path.commonpath(paths)
    if not too_wide_to_index(Path(folder)):
        return folder
    # A file still there: a path the index keeps masked ("…/850412-XXXX.pdf#1") or one
    # deleted since names no file, and the run it was offered for stopped at "finns inte".
    return next((path for path in paths if os.path.isfile(path)), paths[0])


# What a shell reads as one word unquoted; letters of any script are safe (shlex's test
# would quote every path with an "å" in it).
_SHELL_SAFE = re.compile(r"[\w@%+=:,./-]+")


def shell_word(text: str) -> str:
    """`text` as one word of a command the user may copy: a path with a space ("Mina
    protokoll") was printed bare, and the command offered indexed two paths, neither there."""
    return text if _SHELL_SAFE.fullmatch(text) else shlex.quote(text)


_MARK = re.compile(r"</?mark>")
_BOLD = {"<mark>": "\033[1m", "</mark>": "\033[0m"}


def render_hits(result: dict, *, bold: bool) -> str:
    """Hits as text: förbund, date, § label, title, then the snippet; matches in bold."""
    lines = []
    if result["notice"]:
        lines.append(f"Obs: {result['notice']}")
    if result["suggestion"]:
        lines.append(f"Menade du: {result['suggestion']}")
    total, offset = result["total"], _offset(result)
    lines.append(
        f"{counted(total, 'träff', 'träffar')} för ”{result['query']}”"
        f"{_shown(total, offset, len(result['hits']), 'den sista träffen')}"
    )
    for n, hit in enumerate(result["hits"], start=offset + 1):
        badge = "  [beslut]" if hit["decision"] else ""
        lines.append(
            f"{n:>3}. {hit['forbund'] or UNKNOWN_FORBUND} · {hit['date'] or UNDATED_TEXT} · "
            f"{hit['label'] or '–'} {_snippet_text(hit['title_html'], bold)}{badge}"
        )
        lines.append(f"     {_snippet_text(hit['snippet'], bold)}")
    if result.get("documents"):
        lines.append(
            f"Dokument vars huvud (titel, närvarande …) matchar: {result['documents_total']}"
        )
        lines += _document_lines(result["documents"], bold)
    return "\n".join(lines)


def render_documents(result: dict, *, bold: bool) -> str:
    """`search --documents` as text: every document whose head matches, a page at a time."""
    lines = [f"Obs: {result['notice']}"] if result["notice"] else []
    total = result["total"]
    shown = _shown(total, _offset(result), len(result["documents"]), "det sista dokumentet")
    lines.append(
        f"{total} dokument vars huvud (titel, närvarande …) matchar ”{result['query']}”{shown}"
    )
    return "\n".join(lines + _document_lines(result["documents"], bold))


def _offset(result: dict) -> int:
    """The `--offset` the answer was asked for (its `params`), 0 without it."""
    return int(result.get("params", {}).get("offset") or 0)


def _shown(total: int, offset: int, count: int, last: str) -> str:
    """Which of `total` matches a page of `count` from `offset` lists, when not all of them:
    the hits of `--offset 10` were numbered from 1 again, and an offset past the last match
    printed the count alone, as if the list had been left out."""
    if count and (offset or count < total):
        last_shown = f"–{offset + count}" if count > 1 else ""  # one: "visar 5", not "5–5"
        return f", visar {offset + 1}{last_shown}"
    if offset and offset >= total > 0:
        return f", men --offset {offset} ligger efter {last} (ange högst --offset {total - 1})"
    return ""


def _document_lines(documents: list[dict], bold: bool) -> list[str]:
    lines = []
    for doc in documents:
        lines.append(
            f"  – {doc['forbund'] or UNKNOWN_FORBUND} · {doc['date'] or UNDATED_TEXT} · "
            f"{doc['title']}"
        )
        lines.append(f"     {_snippet_text(doc['snippet'], bold)}")
    return lines


def _snippet_text(snippet: str, bold: bool) -> str:
    """A snippet's HTML as terminal text: matches in bold (or plain), entities decoded."""
    return html.unescape(_MARK.sub(lambda m: _BOLD[m.group(0)] if bold else "", snippet))


def print_problems(problems: list[tuple[str, str]], prefix: str = "") -> None:
    """One line per problem, naming the file or the URL as its reader knows it."""
    for where, reason in problems:
        if where.startswith(("http://", "https://")):
            where = readable_url(where)
        print(masked_line(f"finsok: {prefix}{shown_masked(where)}: {reason}"), file=sys.stderr)


def masked_line(line: str) -> str:
    """`line` with any identity number masked: a URL or file name may hold one
    (`intyg-19121212-1212.pdf`), also escaped: after an escaped space or bracket
    (`Intyg%20191212121212.pdf`, `%28…%29`), whose last digit would otherwise hide the
    number's start, or with an escaped sign (`19121212%2D1212`). A line that held one is
    shown unescaped, as the index's check (`index.store`) reads such a URL, but for what
    would not print (`_printable_unquoted`). An escaped line break between a number's
    halves (`19121212%0A-1212`, `%E2%80%A8`) stays escaped there, where no mask reads it as
    a break: such a line is shown decoded, as a file name is (`shown_masked`)."""
    masked = mask_personal_numbers(line)
    if "%" not in masked:
        return masked
    plain = _printable_unquoted(masked)
    again = mask_personal_numbers(plain)
    if again != plain:
        return again
    decoded = unquote(masked)
    return shown_masked(decoded) if mask_name(decoded) != decoded else masked


_ESCAPES = re.compile(r"(?:%[0-9A-Fa-f]{2})+")


def _printable_unquoted(line: str) -> str:
    """`line` with its URL escapes decoded where they decode to printable text: an escaped
    escape character, line feed or bidi override (a crawled link's "%1B[2J", "%E2%80%AE")
    stays escaped, or it would drive the user's terminal; bytes that are not UTF-8 stay too."""

    def decoded(match: re.Match[str]) -> str:
        raw = bytes.fromhex(match.group().replace("%", ""))
        text = raw.decode("utf-8", errors="surrogateescape")
        return "".join(c if c.isprintable() else _escaped(c) for c in text)

    return _ESCAPES.sub(decoded, line)


def _escaped(char: str) -> str:
    """A character as its URL escape; a byte that was not UTF-8 (a lone surrogate from
    "surrogateescape") as that byte's."""
    if "\udc80" <= char <= "\udcff":
        return f"%{ord(char) - 0xDC00:02X}"
    return quote(char, safe="")


def crawl_summary_line(s: CrawlSummary, root: object) -> str:
    counts = ", ".join(
        [
            counted(s.sources, "källa", "källor"),
            counted(s.pages, "arkivsida", "arkivsidor"),
            f"{s.found} dokument hittade",
            counted(s.downloaded, "nedladdad", "nedladdade"),
            counted(s.unchanged, "oförändrad", "oförändrade"),
            counted(s.skipped, "överhoppad", "överhoppade") + " (robots.txt)",
            counted(s.duplicates, "dubblett", "dubbletter"),
            counted(len(s.failed), "misslyckad", "misslyckade"),
        ]
        # A page that only led to its protocol's PDF: said only when met, so that every
        # document found is accounted for.
        + (
            [counted(s.landing, "länksida", "länksidor") + " (ledde till en PDF)"]
            if s.landing
            else []
        )
    )
    return f"Hämtning till {root}: {counts} på {decimal_comma(s.seconds, '.1f')} s"


def crawl_progress(message: str) -> None:
    print(f"\r{masked_line(message)[-100:]:<100}", end="", file=sys.stderr, flush=True)


def error_line(message: str) -> str:
    """The one line an error prints: a message names the file or folder as given, which may
    hold an identity number (`intyg-19121212-1212.pdf`), a line feed or an escape sequence,
    so it is masked and escaped as the indexer's failure lines are (`print_problems`)."""
    return masked_line(f"finsok: {shown_masked(message)}")


def shown_masked(text: str) -> str:
    """`text` as `shown` prints it, its identity numbers masked first: escaped, a character
    between a number's halves ("19121212\u200b-1212", a line feed, a byte that is not UTF-8)
    turns into letters ("\\u200b") that hide the number from every mask after it. A number
    that shows only without the characters `shown` escapes is masked in the text without
    them. Failing that, any line break ("\r", "\u2028" as well as "\n") is read as one, as
    in a file's name (`privacy.mask_name`): left out, it glued "1933 1224" / "0009". A path
    is masked level by level first, as the index keeps it (`index.paths.shown_path`): a
    number may be spread over a folder and a name with a line break ("1912/1212\n-1212")."""
    masked = mask_text(shown_path(text) if os.sep in text else text)
    if masked.isprintable():
        return shown(masked)
    bare = "".join(c for c in masked if c.isprintable() or unicodedata.category(c) == "Zs")
    again = mask_text(bare)
    return shown(again if again != bare else mask_name(masked))
