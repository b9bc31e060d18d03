"""Pages of the original: which page a hit's words are on, and how a page or span is written.

A section knows the page it starts on (`page`), the last its text is on (`page_end`) and, when
its text crosses a page, where in its text each page starts (`page_starts`, in the index's
payload only; `index.parse.page_span`). A researcher who follows a hit to the PDF wants the
page its words are on, not the page the § starts on, and a citation names the span.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from search.snippets import HitSnippet


def page_at(offset: int, page: int | None, starts: list) -> int | None:
    """The page that character `offset` of a section's text is on: `page`, unless one of
    `starts` ([offset, page] pairs in order) starts at or before it."""
    k = bisect_right([at for at, _ in starts], offset)
    return starts[k - 1][1] if k else page


def match_page(payload: dict, snip: HitSnippet) -> int | None:
    """The page the first match of a hit's snippet is on; the section's `page` when the
    snippet has no match or the section has no page data (one page, no pages, an index made
    before pages were kept). Only a section that crosses a page looks at where its words are,
    and a decision's snippet is found in the section's text only then."""
    starts = payload.get("page_starts")
    if not starts or snip.first is None:
        return payload["page"]
    offset = snip.first
    if snip.decision is not None:
        found = _offset_in(payload["text"], snip.decision, offset)
        if found is None:
            return payload["page"]
        offset = found
    return page_at(offset, payload["page"], starts)


def span_text(page: int | None, page_end: int | None) -> str | None:
    """ "s. 3" for a section on one page, "s. 4–5" for one over several, None without pages."""
    if page is None:
        return None
    if page_end is None or page_end <= page:
        return f"s. {page}"
    return f"s. {page}–{page_end}"


# A run of whitespace between words (the same characters `str.split` splits on).
SPACES = re.compile(r"\s+")
_WORD = re.compile(r"\S+")


def words_in(text: str, words: str, start: int) -> tuple[int, int] | None:
    """Where `words` stand in `text` from `start` on, with any whitespace between them: the
    first place where the first word begins and each next one follows after whitespace.

    Found without a pattern of its own per decision: compiling one (the words joined by
    `\\s+`) was a third of the time of a long document's page, each decision's pattern new
    (the `re` module caches 512)."""
    wanted = words.split()
    if not wanted:
        return None
    first, rest = wanted[0], wanted[1:]
    at = text.find(first, start)
    while at != -1:
        end = _followed_by(text, at + len(first), rest)
        if end is not None:
            return at, end
        at = text.find(first, at + 1)
    return None


def _followed_by(text: str, pos: int, words: list[str]) -> int | None:
    """The end of `words` in `text` after `pos`, each after a run of whitespace, or None."""
    for word in words:
        space = SPACES.match(text, pos)
        if space is None or not text.startswith(word, space.end()):
            return None
        pos = space.end() + len(word)
    return pos


def _offset_in(text: str, decision: str, offset: int) -> int | None:
    """Where character `offset` of `decision` stands in the section's `text`, which holds the
    decision's words with other whitespace between them (`words_in`); None when it does not.
    Counted by the characters that are not whitespace before it, word by word over the
    decision's stretch of text only."""
    found = words_in(text, decision, 0)
    if found is None:
        return None
    left = sum(len(word) for word in decision[:offset].split())
    for m in _WORD.finditer(text, found[0], found[1]):
        if left < len(m.group()):
            return m.start() + left
        left -= len(m.group())
    return found[1]
