"""Reading files: turn a .txt, .pdf or .html file into page texts.

This module and its two readers, `index.pdf` and `index.webpage`, are the only ones that touch
file formats; plain text is read here. Everything downstream (cleaning, segmenting, indexing)
works on `SourceText.pages`, so the job here is to get the characters out faithfully, keep
real page boundaries, and turn every way a file can be unreadable into one `SourceError` whose
reason a user can act on. No cleaning happens here: de-hyphenation and furniture removal
belong to `index.clean`, which needs the raw page texts to see repeated headers and footers.
"""

from __future__ import annotations

import codecs
import hashlib
import os
import re
import stat
import unicodedata
import warnings
from collections.abc import Callable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

from index import privacy
from index.errors import SourceError, os_reason

# The PDF and HTML readers (and pypdf and bs4 under them) are imported when a file of their
# format is read, so that start-up stays fast.

SUPPORTED_SUFFIXES = (".txt", ".pdf", ".html", ".htm")

_CONTROL_CHARS = re.compile("[\x00-\x08\x0e-\x1b\x7f-\x84\x86-\x9f]")


@dataclass
class SourceText:
    """The raw text of one file, page by page, before any cleaning.

    `paged` is True when the pages are real pages of the original (PDF, or text with form
    feeds); otherwise `pages` has one element and sections get `page = None`.
    """

    path: Path
    format: str
    pages: list[str]
    paged: bool
    sha256: str
    title: str | None = None
    # Text a PDF carries outside its pages (metadata, annotations, bookmarks, form fields,
    # attachments): never indexed, but the file is served as it is, so it is looked through
    # for identity numbers too.
    hidden: str = ""


def sha256_of(data: bytes) -> str:
    """Hex SHA-256 of raw file bytes: the identity used to notice changed or duplicate files."""
    return hashlib.sha256(data).hexdigest()


class Unreadable(Exception):
    """Raised by the format readers (here, `index.pdf`, `index.webpage`) with a user-facing
    reason; read_source adds the path."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


def read_source(path: Path, data: bytes | None = None) -> SourceText:
    """Read one file; raise SourceError naming the file and the reason when it cannot be read.

    `data`, when given, is the file's content already read by the caller (the indexer reads
    it once to compare hashes), so the file is not read a second time.

    Library exceptions never escape: a damaged file is a user problem, not a crash, so anything
    unexpected from a parser becomes a SourceError with a short reason (no traceback text).
    """
    path = Path(path)
    if data is None:
        data = read_bytes(path)
    fmt, reader = _reader_for(path)
    if not data:
        raise SourceError(path, "filen är tom")
    try:
        with warnings.catch_warnings():
            # Parsers warn about recoverable oddities; the result is what counts, and the test
            # suite (and any caller running with -W error) must not see them.
            warnings.simplefilter("ignore")
            pages, paged, title, hidden = reader(data)
    except Unreadable as exc:
        raise SourceError(path, exc.reason) from None
    except Exception:  # any parser bug or unforeseen damage; its text is the library's English
        raise SourceError(path, _UNREADABLE[fmt]) from None
    return SourceText(
        path=path,
        format=fmt,
        pages=pages,
        paged=paged,
        sha256=sha256_of(data),
        title=title,
        hidden=hidden,
    )


def original_text(path: Path, data: bytes | None = None) -> str | None:
    """A text file's own text, or an HTML page's visible text, decoded as the reader decodes
    it and with identity numbers masked: what the web app serves as the original. None for a
    PDF, which cannot be masked in place (see `Document.original_has_personal_numbers`).
    `data`, when given, is the file's content as the caller read it from a file it opened
    (the web app, which must not open the path a second time); `path` then only names it.

    An HTML page is served as the text a reader sees, all of it (menus included), not as its
    markup: in markup a number can hide behind tags and entities ("19850412</td><td>-1230",
    "&#49;985…") where no pattern over the raw text would find it."""
    fmt, _ = _reader_for(path)
    if fmt == "pdf":
        return None
    if data is None:
        data = read_bytes(path)
    text = _html_text(data) if fmt == "html" else _decode_text(data)
    return privacy.mask_text(as_read(_normalise_text(text)))


def as_read(text: str) -> str:
    """The text as a reader takes it in, and as cleaning sees it: every kind of line break a
    newline, each line's runs of whitespace (figure, ideographic and four plain spaces alike)
    one space, control characters gone. Numbers are looked for in this form, so that no
    spacing hides one; the served original is this form too."""
    return "\n".join(" ".join(_CONTROL_CHARS.sub("", line).split()) for line in text.splitlines())


def _html_text(data: bytes) -> str:
    from index.webpage import visible_text

    return visible_text(data)


def has_personal_numbers(src: SourceText) -> bool:
    """Whether the file itself holds identity numbers, read before any cleaning: the parsed
    text has them masked, but an e-signing log that parsing drops may hold more, and so may
    what a PDF carries besides its pages (`SourceText.hidden`)."""
    text = as_read("\n".join([*src.pages, src.hidden]))
    return privacy.mask_text(text) != text or any(
        privacy.mask_across_page_break(_edge_lines(page, last=True), _edge_lines(after))
        for page, after in pairwise(src.pages)
    )


_EDGE_CHARS = 2000


def _edge_lines(page: str, *, last: bool = False) -> list[str]:
    """The first (or last) `privacy.EDGE_LINES` non-blank lines of a page as read. Only the
    page's edge is read: a line cut where the slice starts or ends keeps the end (or start)
    that a number's half would stand at."""
    edge = page[-_EDGE_CHARS:] if last else page[:_EDGE_CHARS]
    lines = [line for line in as_read(edge).split("\n") if line]
    return lines[-privacy.EDGE_LINES :] if last else lines[: privacy.EDGE_LINES]


# --- files -------------------------------------------------------------------------------


def read_bytes(path: Path) -> bytes:
    """Read the whole file, translating OS errors into reasons a user understands.

    Only a regular file is opened: a FIFO would block the reader forever, a device never end."""
    try:
        mode = os.stat(path).st_mode
        if stat.S_ISDIR(mode):
            raise SourceError(path, "är en mapp, inte en fil")
        if not stat.S_ISREG(mode):
            raise SourceError(path, NOT_A_FILE)
        return path.read_bytes()
    except FileNotFoundError:
        raise SourceError(path, NO_SUCH_FILE) from None
    except PermissionError:
        raise SourceError(path, "kan inte läsa filen: åtkomst nekad") from None
    except IsADirectoryError:
        raise SourceError(path, "är en mapp, inte en fil") from None
    except OSError as exc:
        raise SourceError(path, f"kan inte läsa filen: {os_reason(exc)}") from None


NOT_A_FILE = "är ingen vanlig fil (en FIFO, socket eller enhet) — hoppas över"
# A path that names no file: a caller that had found the file says why it is gone instead
# (`index.discover.VANISHED`).
NO_SUCH_FILE = "filen finns inte"


# What each format's reader gives back when it cannot read a file and says no more: a
# library's own reason (pypdf's "Stream has ended unexpectedly") is English and says nothing a
# user can act on, so it is never shown.
_UNREADABLE = {
    "pdf": "kunde inte läsas som PDF (skadad fil?) — hämta filen på nytt",
    "html": "kunde inte läsas som HTML (skadad fil?) — spara sidan på nytt",
    "txt": "kunde inte läsas som text (skadad fil?) — spara filen på nytt som UTF-8",
}

# (pages, paged, title, hidden text; see `SourceText`)
Read = tuple[list[str], bool, str | None, str]
_Reader = Callable[[bytes], Read]


def _reader_for(path: Path) -> tuple[str, _Reader]:
    """Pick the reader by suffix; the suffix is what the user controls, so name it on failure."""
    suffix = path.suffix.lower()
    if suffix == ".txt":
        return "txt", _read_txt
    if suffix == ".pdf":
        from index.pdf import read_pdf

        return "pdf", read_pdf
    if suffix in (".html", ".htm"):
        from index.webpage import read_html

        return "html", read_html
    shown = f"'{suffix}'" if suffix else "ingen filändelse"
    supported = ", ".join(SUPPORTED_SUFFIXES)
    raise SourceError(path, f"filtypen stöds inte: {shown} (stöds: {supported})")


# --- plain text ----------------------------------------------------------------------------

# Control characters that plain text legitimately contains: tab, newline, carriage return,
# form feed (page break) and vertical tab (Word's manual line break in exports).
_BINARY_SHARE = 0.05


def _read_txt(data: bytes) -> Read:
    """Decode, normalise line ends, and split at form feeds, which mark pages in text exports."""
    text = _decode_text(data)
    if _has_junk(text):  # control characters are rare: one check rules out both steps
        reject_binary(text)
        text = without_stray_controls(text)
    text = _normalise_text(text)
    if not text.strip():
        raise Unreadable("filen är tom")
    pages = text.split("\f")
    # pdftotext and similar end every page with a form feed, so the last "page" is empty.
    if len(pages) > 1 and not pages[-1].strip():
        pages.pop()
    return pages, len(pages) > 1, None, ""


def _decode_text(data: bytes) -> str:
    """Guess the encoding the way Swedish office files come: BOM, UTF-8, else Windows-1252."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    if _looks_like_bomless_utf16(data, odd=True):
        return data.decode("utf-16-le", errors="replace")
    if _looks_like_bomless_utf16(data, odd=False):
        return data.decode("utf-16-be", errors="replace")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        # cp1252 leaves five bytes undefined; latin-1 maps every byte, so this cannot fail.
        return data.decode("latin-1")


def _looks_like_bomless_utf16(data: bytes, *, odd: bool) -> bool:
    """UTF-16 without BOM: Latin text then has a NUL in (nearly) every high byte and in no
    low byte. The high byte is the odd one in little-endian, the even one in big-endian
    (both come from exports: Windows writes LE, Java and some Mac tools BE)."""
    if len(data) < 4 or len(data) % 2 or b"\0" not in data:  # one fast scan for most files
        return False
    high, low = (data[1::2], data[0::2]) if odd else (data[0::2], data[1::2])
    return low.count(0) == 0 and high.count(0) >= 0.9 * len(high)


def reject_binary(text: str) -> None:
    """Refuse text that is mostly control characters: it is a binary file with a .txt name."""
    if not text:
        return
    junk = len(_JUNK.findall(text))
    # A lone stray control character (a bell, an escape) in a short note is not binary data.
    if "\x00" in text or (junk > 2 and junk / len(text) > _BINARY_SHARE):
        raise Unreadable("binära data, inte text")


_STRAY_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")


def without_stray_controls(text: str) -> str:
    """Text without the C0 control characters no document means (tab, line and page breaks
    stay). An HTML entity ("&#x1b;") or a PDF's text layer can carry an escape or a bell, which
    would otherwise reach a terminal through `finsok search` and recolour it or retitle it.
    C1 characters stay: the broken-font repair reads "\x81" as "Å" (`index.fonts`), and the
    command line leaves out or escapes what is left of them (`cli.main`)."""
    return _STRAY_CONTROLS.sub("", text)


# Control characters (Unicode category Cc) other than tab, newlines, vertical tab and form
# feed, plus U+FFFD: what a binary file read as text is full of.
_JUNK = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f\ufffd]")
# The same characters one by one: a C search for each (memchr) costs a third of the regex's
# scan, which tests every character against the class.
_JUNK_CHARS = tuple(map(chr, [*range(0x00, 0x09), *range(0x0E, 0x20), *range(0x7F, 0xA0), 0xFFFD]))


def _has_junk(text: str) -> bool:
    """Whether `text` holds a character `_JUNK` matches."""
    return any(char in text for char in _JUNK_CHARS)


def _normalise_text(text: str) -> str:
    """LF line ends and NFC (so 'å' is one code point everywhere)."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\v", "\n")
    return unicodedata.normalize("NFC", text)
