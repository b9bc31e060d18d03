"""robots.txt rules as RFC 9309 defines them.

Python's `urllib.robotparser` applies the first rule in file order that matches and ignores
`*` and `$`. RFC 9309 asks for the most specific rule: the longest matching path wins, and
`Allow` wins a tie. So "Disallow: /arkiv/" followed by "Allow: /arkiv/protokoll/" lets a
crawler fetch the protocols, and "Disallow: /*.pdf$" keeps it from every PDF.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from urllib.parse import quote, unquote, urlsplit


@dataclass
class Robots:
    """The rules of one host for one product token; `allow_all`/`disallow_all` short-cut them."""

    rules: list[tuple[bool, str]] = field(default_factory=list)  # (allow, path pattern)
    crawl_delay: float | None = None
    allow_all: bool = False
    disallow_all: bool = False
    sitemaps: list[str] = field(default_factory=list)  # `Sitemap:` lines, for every agent

    @classmethod
    def parse(cls, lines: list[str], agent: str) -> Robots:
        """The rules of the groups that name `agent`, or else of the `*` groups.

        A group is a run of user-agent lines followed by its rules; groups naming the same agent
        are combined. Unknown lines and rules outside any group are ignored. `Sitemap:` lines
        belong to no group (RFC 9309, section 2.3.5): each is kept, wherever it stands.
        """
        agent = agent.lower()
        groups: dict[str, Robots] = {}
        current: list[str] = []
        in_rules = False
        sitemaps: list[str] = []
        for raw in lines:
            name, sep, value = raw.split("#", 1)[0].partition(":")
            if not sep:
                continue
            name, value = name.strip().lower(), value.strip()
            if name == "sitemap":
                if value:
                    sitemaps.append(value)
                continue
            if name == "user-agent":
                if in_rules:
                    current, in_rules = [], False
                current.append(value.lower())
                continue
            if name not in ("allow", "disallow", "crawl-delay") or not current:
                continue
            in_rules = True
            for token in current:
                group = groups.setdefault(token, cls())
                if name == "crawl-delay":
                    group.crawl_delay = _seconds(value, group.crawl_delay)
                elif value:  # an empty Disallow allows everything: no rule
                    group.rules.append((name == "allow", _normalise(value)))
        robots = groups.get(agent) or groups.get("*") or cls()
        robots.sitemaps = sitemaps
        return robots

    def can_fetch(self, url: str) -> bool:
        """Whether the most specific matching rule allows `url` (no rule: allowed)."""
        if self.disallow_all:
            return False
        parts = urlsplit(url)
        path = _normalise(parts.path or "/") + (f"?{parts.query}" if parts.query else "")
        if self.allow_all or path == "/robots.txt":
            return True
        best: tuple[int, bool] | None = None
        for allow, pattern in self.rules:
            if _matches(pattern, path):
                candidate = (len(pattern), allow)
                if best is None or candidate > best:  # longer wins; on a tie, True > False
                    best = candidate
        return best is None or best[1]


def _normalise(path: str) -> str:
    """Percent-encoding in one canonical form, so "/å" and "/%C3%A5" compare equal."""
    return quote(unquote(path), safe="/?=&*$:@!,;+~'()%-._")


def _matches(pattern: str, path: str) -> bool:
    """A robots.txt path pattern: a prefix, with `*` for any run and a final `$` for the end.

    Each piece between stars is found at its first place after the one before, which finds a
    match whenever there is one, in time linear in the path for each piece. Compiled into a
    regular expression (".*" for each star), a rule with several stars backtracked through
    every way to place them: the site's "Disallow: /*a*a*a*a*a*b" took seconds on one
    100-character path, and more stars or a longer path took the crawl's whole time."""
    anchored = pattern.endswith("$")
    first, *rest = pattern.rstrip("$").split("*") if anchored else pattern.split("*")
    if not path.startswith(first):
        return False
    if not rest:
        return not anchored or path == first
    *middle, last = rest
    at, end = len(first), len(path) - len(last) if anchored else len(path)
    for piece in middle:
        found = path.find(piece, at, end)
        if found == -1:
            return False
        at = found + len(piece)
    if anchored:
        return at <= end and path.endswith(last)
    return path.find(last, at) != -1


def _seconds(value: str, default: float | None) -> float | None:
    try:
        seconds = float(value)
    except ValueError:
        return default
    return seconds if seconds >= 0 else default
