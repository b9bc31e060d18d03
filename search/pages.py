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
    and a decision's snippet is found in the section's text only then, where the decision
    stands (`decision_spans`), not where its words first stand."""
    starts = payload.get("page_starts")
    if not starts or snip.first is None:
        return payload["page"]
    offset = snip.first
    if snip.decision is not None:
        span = _decision_span(payload, snip.decision)
        found = _offset_in(payload["text"], snip.decision, span, offset)
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


def _followed_by(text: str, pos: int, words: list[str]) -> int | None:
    """The end of `words` in `text` after `pos`, each after a run of whitespace, or None."""
    for word in words:
        space = SPACES.match(text, pos)
        if space is None or not text.startswith(word, space.end()):
            return None
        pos = space.end() + len(word)
    return pos


def decision_spans(text: str, decisions: list[str]) -> list[tuple[int, int] | None]:
    """Where each of a section's decisions (their texts, in order) stands in its `text`, None
    for one whose words are not there (`last_words_in`): found from the last one back, each at
    the last place of its words that ends before the next one starts.

    A decision follows its proposal, and a proposal often reads word for word as the
    decision ("Förslag till beslut" over "Styrelsen beslutar att godkänna budgeten.", then
    "Beslut" over the same sentence, maybe a page later): the first place of its words would
    be the proposal's, shown and marked as the decision, and the hit's page the proposal's."""
    spans: list[tuple[int, int] | None] = [None] * len(decisions)
    end = len(text)
    for k in range(len(decisions) - 1, -1, -1):
        found = last_words_in(text, decisions[k], end)
        spans[k] = found
        if found is not None:
            end = found[0]
    return spans


def last_words_in(text: str, words: str, end: int) -> tuple[int, int] | None:
    """The last place where `words` stand in `text`, ending at or before `end`: the first
    word, and each next one after a run of whitespace (any, as `str.split` splits on).

    Found without a pattern of its own per decision: compiling one (the words joined by
    `\\s+`) was a third of the time of a long document's page, each decision's pattern new
    (the `re` module caches 512)."""
    wanted = words.split()
    if not wanted:
        return None
    first, rest = wanted[0], wanted[1:]
    at = text.rfind(first, 0, end)
    while at != -1:
        stop = _followed_by(text, at + len(first), rest)
        if stop is not None and stop <= end:
            return at, stop
        # The next place of `first` that starts before this one.
        at = text.rfind(first, 0, at + len(first) - 1)
    return None


def _decision_span(payload: dict, decision: str) -> tuple[int, int] | None:
    """Where `decision`, one of the section's decisions, stands in its text, as
    `decision_spans` places it: the first decision with that text (`section_snippet` keeps
    the first of equal ones), placed from the last decision back to it."""
    texts = [d["text"] for d in payload["decisions"]]
    if decision not in texts:  # not the section's own (a payload made by hand): it alone
        texts = [decision]
    return decision_spans(payload["text"], texts[texts.index(decision) :])[0]


def _offset_in(text: str, decision: str, found: tuple[int, int] | None, offset: int) -> int | None:
    """Where character `offset` of `decision` stands in the section's `text`, the decision
    standing at `found` there (`decision_spans`) with other whitespace between its words;
    None when it is not in the text. Counted by the characters that are not whitespace
    before it, word by word over the decision's stretch of text only."""
    if found is None:
        return None
    left = sum(len(word) for word in decision[:offset].split())
    for m in _WORD.finditer(text, found[0], found[1]):
        if left < len(m.group()):
            return m.start() + left
        left -= len(m.group())
    return found[1]
