"""robots.txt rules: RFC 9309's longest match, wildcards and group selection."""

from __future__ import annotations

import pytest

from index.crawler.robots import Robots

SITE = "https://example.se"

ROBOTS = """\
User-agent: *
Disallow: /arkiv/
Allow: /arkiv/protokoll/
Disallow: /*.doc$
Disallow: /sok?
Crawl-delay: 2

User-agent: Finsok
User-agent: annan-bot
Disallow: /intern/
Allow: /intern/protokoll
Disallow: /intern/protokoll/utkast
Crawl-delay: 5

User-agent: Finsok
Disallow: /*?print=1
"""


@pytest.mark.parametrize(
    ("agent", "path", "allowed"),
    [
        # Our own groups (two of them, combined) replace the * group.
        ("Finsok", "/intern/rapport.pdf", False),
        ("Finsok", "/intern/protokoll/2025.pdf", True),  # the longer Allow wins
        ("Finsok", "/intern/protokoll/utkast/2025.pdf", False),  # the longest rule wins
        ("Finsok", "/arkiv/protokoll.pdf", True),  # * rules do not apply to us
        ("Finsok", "/nyheter?print=1", False),  # a wildcard inside the path
        ("FINSOK", "/intern/x", False),  # agent names match case-insensitively
        # Another agent gets the * group.
        ("Annan", "/arkiv/lista.html", False),
        ("Annan", "/arkiv/protokoll/2025.pdf", True),  # Allow listed after Disallow still wins
        ("Annan", "/filer/kallelse.doc", False),  # "$" anchors the end
        ("Annan", "/filer/kallelse.docx", True),
        ("Annan", "/sok?q=esf", False),
        ("Annan", "/sok", True),
        ("Annan", "/robots.txt", True),
        ("Annan", "/", True),
    ],
)
def test_rules(agent: str, path: str, allowed: bool) -> None:
    robots = Robots.parse(ROBOTS.splitlines(), agent)
    assert robots.can_fetch(SITE + path) is allowed


def test_crawl_delay_of_the_chosen_group() -> None:
    assert Robots.parse(ROBOTS.splitlines(), "Finsok").crawl_delay == 5.0
    assert Robots.parse(ROBOTS.splitlines(), "annan").crawl_delay == 2.0


@pytest.mark.parametrize(
    ("text", "path", "allowed"),
    [
        ("User-agent: *\nDisallow:\n", "/allt", True),  # an empty Disallow allows everything
        ("User-agent: *\nDisallow: /\nAllow: /$\n", "/", True),  # equal length: Allow wins
        ("User-agent: *\nDisallow: /\nAllow: /$\n", "/sida", False),
        ("User-agent: *\nDisallow: /%C3%A5rsrapport\n", "/årsrapport.pdf", False),
        ("Disallow: /\n", "/sida", True),  # a rule outside any group is ignored
        ("User-agent: *\nDisallow: /a # kommentar\n", "/a/b", False),
        ("", "/sida", True),
    ],
)
def test_edge_cases(text: str, path: str, allowed: bool) -> None:
    assert Robots.parse(text.splitlines(), "Finsok").can_fetch(SITE + path) is allowed


def test_all_or_nothing_flags() -> None:
    assert not Robots(disallow_all=True).can_fetch(SITE + "/robots.txt")
    assert Robots(allow_all=True, rules=[(False, "/")]).can_fetch(SITE + "/x")


def test_sitemap_lines_belong_to_no_group() -> None:
    """`Sitemap:` lines stand anywhere (RFC 9309, 2.3.5) and do not end or join a group."""
    lines = [
        "Sitemap: https://a.se/karta.xml",
        "User-agent: *",
        "Disallow: /hemligt/",
        "Sitemap: https://a.se/karta2.xml.gz",
        "Disallow: /internt/",
        "Sitemap:",
    ]
    robots = Robots.parse(lines, "Finsok")
    assert robots.sitemaps == ["https://a.se/karta.xml", "https://a.se/karta2.xml.gz"]
    assert not robots.can_fetch("https://a.se/internt/x.pdf")  # still the * group's rule
