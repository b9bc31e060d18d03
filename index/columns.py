"""The reading order of a PDF page with a two-column § layout.

pypdf gives a page's text in the order the file draws it. A protocol printed in two columns,
"§ 1" / "Val av justerare" in a narrow left column and each body in a right column level
with its heading, is often drawn column by column (all titles, then all bodies) or line by
line across the columns ("§ 1 Styrelsen väljer …" / "protokoll.Val av justerare"); either
way the bodies end up under the wrong §. Such a page is read band by band instead: a left
column heading block, then the right-column text beside it, then the next band.

`sources` collects the pieces while pypdf extracts the page (`Pieces`, pypdf's text visitor),
so finding the layout costs no second extraction, and asks `in_bands` for the page's text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from itertools import pairwise

from index.lines import PARAGRAPH_NUMBER, PARAGRAPH_NUMBER_NO_YEAR

# A § heading at the start of a left-column line ("§ 1", "§ 12a", "4 §", "§ 1000"; not the
# year of "2024 § 5", `index.lines`).
_COLUMN_HEADING = re.compile(
    rf"^(?:§\s*{PARAGRAPH_NUMBER}[a-f]?(?!\d)|{PARAGRAPH_NUMBER_NO_YEAR}[a-f]?\s*§)"
)
_EM = 0.5  # a rough character width in font sizes, to guess where a piece of text ends
_SKEW = 1e-6
_SENTENCE_END = frozenset(".!?")


@dataclass(slots=True)
class Piece:
    """A piece of text pypdf drew at one position: points from the bottom left, stream order."""

    order: int
    text: str
    x: float
    y: float
    size: float

    @property
    def end(self) -> float:
        return self.x + len(self.text) * self.size * _EM


class Pieces:
    """pypdf's `visitor_text`: the page's pieces of text with their positions.

    `usable` turns False at what the band reading cannot place (rotated or skewed text, a
    line break inside a piece); such a page keeps pypdf's order."""

    def __init__(self) -> None:
        self.pieces: list[Piece] = []
        self.usable = True

    def __call__(
        self, text: str, cm: list[float], tm: list[float], _font: object, size: float
    ) -> None:
        if not self.usable or not text or text.isspace():
            return
        a, b, c, d, e, f = cm
        if abs(b) > _SKEW or abs(c) > _SKEW or abs(tm[1]) > _SKEW or abs(tm[2]) > _SKEW:
            self.usable = False
            return
        if "\n" in text.rstrip("\n"):
            self.usable = False
            return
        scale = abs(tm[3] * d) * (size or 0)
        if scale <= 0:
            self.usable = False
            return
        x, y = tm[4] * a + e, tm[5] * d + f
        self.pieces.append(Piece(len(self.pieces), text.rstrip("\n"), x, y, scale))


def in_bands(text: str, pieces: list[Piece]) -> str:
    """`text` reordered band by band when the page is a two-column § layout, else `text`.

    A page qualifies when a line starting with a § heading has text beside it after a gap at
    some x (the right column's edge, the gutter) and another line also has text starting
    there: a tab after "§ 4" alone does not make two columns. pypdf's text is kept whenever the
    bands give the same lines, so ordinary pages extract exactly as before."""
    rows = _rows(pieces)
    gutter = _gutter(rows)
    if gutter is None or _running_columns(rows, gutter):
        return text
    lines = _band_lines(rows, gutter)
    before = [" ".join(line.split()) for line in text.split("\n") if line.strip()]
    if lines == before or _chars(lines) != _chars(before):  # same, or text would be lost
        return text
    return "\n".join(lines)


def _chars(lines: list[str]) -> Counter[str]:
    return Counter("".join(lines).replace(" ", ""))


def _rows(pieces: list[Piece]) -> list[list[Piece]]:
    """Pieces grouped by baseline, top to bottom, each row left to right."""
    rows: list[list[Piece]] = []
    for piece in sorted(pieces, key=lambda p: (-p.y, p.x)):
        if rows and rows[-1][0].y - piece.y <= 0.4 * piece.size:
            rows[-1].append(piece)
        else:
            rows.append([piece])
    for row in rows:
        row.sort(key=lambda p: p.x)
    return rows


def _joined(pieces: list[Piece]) -> str:
    """Pieces as one line, in pypdf's order (its pieces carry the spaces it chose)."""
    return " ".join("".join(p.text for p in sorted(pieces, key=lambda p: p.order)).split())


def _gutter(rows: list[list[Piece]]) -> float | None:
    """The x where the right column starts, or None when the page has no two-column § layout.

    Candidates are where text resumes after a gap on a § heading line; the one most other
    lines also start a piece at wins. When no other line does, the heading lines alone may
    show the gutter (`_gutter_beside_headings`)."""
    candidates: set[float] = set()
    headings: set[int] = set()
    for i, row in enumerate(rows):
        if not _COLUMN_HEADING.match("".join(p.text for p in row[:2]).lstrip()):
            continue
        headings.add(i)
        first = row[0]
        for prev, piece in pairwise(row):
            if piece.x > first.x + 3 * first.size and piece.x >= prev.end:
                candidates.add(round(piece.x, 1))
                break
    best, support = None, 0
    for x in sorted(candidates):
        count = sum(_starts_at(row, x) for i, row in enumerate(rows) if i not in headings)
        if count > support:
            best, support = x, count
    if best is None and candidates:
        return _gutter_beside_headings(rows, headings, candidates)
    return best


def _gutter_beside_headings(
    rows: list[list[Piece]], headings: set[int], candidates: set[float]
) -> float | None:
    """The gutter of a § layout whose bodies are all one line, each level with its heading
    ("§ 3 Val av justerare" | "Anna Berg utses."): no other line starts in the right column,
    so the heading lines themselves must show it. Two of them or more resume at the same x
    with a body (one run of text that ends a sentence: a title or "Dnr 2024/12" at a tab
    stop is none, and a table's row has more than one run), and no line from the first such
    heading to the last runs across that x, as a one-column page's body lines do. No other
    line has text on both sides of that x either: no other line starts at it (else `_gutter`
    had found it), so such a line is no column's, and read band by band a list's second
    column ("Anna Berg" | "Region Skåne") went after all of its first."""
    for x in sorted(candidates):
        beside = sorted(i for i in headings if _body_at(rows[i], x))
        if (
            len(beside) >= 2
            and not any(_crosses(row, x) for row in rows[beside[0] : beside[-1] + 1])
            and not any(0 < _split_at(row, x) < len(row) for row in _others(rows, headings))
        ):
            return x
    return None


def _others(rows: list[list[Piece]], headings: set[int]) -> list[list[Piece]]:
    """The rows that are no § heading line."""
    return [row for i, row in enumerate(rows) if i not in headings]


def _body_at(row: list[Piece], gutter: float) -> bool:
    """Whether the row's right-column text starts at the gutter as one run that ends a
    sentence."""
    k = _split_at(row, gutter)
    if k == len(row) or abs(row[k].x - gutter) > 2:
        return False
    tail = row[k:]
    if any(piece.x > prev.end + 2 * prev.size for prev, piece in pairwise(tail)):
        return False
    return tail[-1].text.rstrip()[-1:] in _SENTENCE_END


def _crosses(row: list[Piece], gutter: float) -> bool:
    """Whether a piece of the row starts left of the gutter and runs on past it."""
    return any(p.x < gutter - 2 and p.end > gutter + p.size for p in row)


def _running_columns(rows: list[list[Piece]], gutter: float) -> bool:
    """Whether the page is set in two columns of running text, as a newsletter is, rather
    than with narrow headings beside their bodies: the left column is as wide as the right
    and holds sentences. Such a page is drawn column by column, which is pypdf's order
    already; read band by band, its left column's § took the decisions printed beside them
    in the right column. Width alone is no sign: a § layout whose bodies are all short
    ("Inga frågor.") has a right column no wider than its left, but its left column holds
    only headings and titles, which do not end a sentence."""
    left = min(row[0].x for row in rows)
    ends = [row[-1].end for row in rows if _split_at(row, gutter) < len(row)]
    right_end = max(ends, default=gutter)  # no piece right of the gutter: nothing to reorder
    return gutter - left >= right_end - gutter and _left_sentences(rows, gutter) >= 2


def _left_sentences(rows: list[list[Piece]], gutter: float) -> int:
    """How many left-column lines, § headings and full-width lines apart, end a sentence:
    running text's left column has many, a § layout's titles none (one stray "." spared)."""
    count = 0
    for row in rows:
        k = _split_at(row, gutter)
        if k == 0 or (k == len(row) and row[-1].end > gutter + row[-1].size):
            continue
        text = "".join(p.text for p in row[:k]).rstrip()
        if text[-1:] in _SENTENCE_END and not _COLUMN_HEADING.match(text.lstrip()):
            count += 1
    return count


def _starts_at(row: list[Piece], gutter: float) -> bool:
    """Whether a right-column piece of the row starts at the gutter."""
    k = _split_at(row, gutter)
    return k < len(row) and abs(row[k].x - gutter) <= 2


def _split_at(row: list[Piece], gutter: float) -> int:
    """Index of the row's first right-column piece (len(row) when none): one at or past the
    gutter that does not continue the text before it."""
    for k, piece in enumerate(row):
        if piece.x >= gutter - 2 and (k == 0 or row[k - 1].end <= piece.x + piece.size):
            return k
    return len(row)


def _band_lines(rows: list[list[Piece]], gutter: float) -> list[str]:
    """The page's lines band by band: a left-column block (opened by a § heading, or after a
    gap), then the right-column lines beside and below it; a full-width line is its own band."""
    lines: list[str] = []
    left: list[str] = []
    right: list[str] = []
    last_y = 0.0
    for row in rows:
        k = _split_at(row, gutter)
        head, tail = row[:k], row[k:]
        if head and not tail and head[-1].end > gutter + head[-1].size:  # crosses the gutter
            lines += left + right + [_joined(head)]
            left, right = [], []
            continue
        if head:
            text = _joined(head)
            y, size = head[0].y, head[0].size
            opens = (
                _COLUMN_HEADING.match(text)
                or (right and not left)
                or (left and last_y - y > 1.8 * size)
            )
            if opens:
                lines += left + right
                left, right = [], []
            left.append(text)
            last_y = y
        if tail:
            right.append(_joined(tail))
    return lines + left + right
