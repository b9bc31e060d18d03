"""Reading an HTML page: a protocol published as a web page, as the lines a reader sees.

Only the record is kept: menus, banners, cookie notices and the site's furniture around it are
not the protocol, and left in they would be indexed with every page. The page's charset is
found as a browser finds it, and its block structure becomes line and paragraph breaks.
"""

from __future__ import annotations

import bisect
import codecs
import re
import unicodedata
from typing import TYPE_CHECKING

from index.sources import Read, Unreadable, reject_binary, without_stray_controls

if TYPE_CHECKING:  # bs4 is imported when a page is read, so that start-up stays fast
    from bs4 import BeautifulSoup, PageElement, Tag

_HTML_PARSER = "html.parser"  # stdlib parser: no lxml dependency
_DROP_TAGS = (
    "title",  # read separately; must not leak into the text when a page has no <body>
    "nav",
    "aside",
    "script",
    "style",
    "noscript",
    "template",
    "iframe",
    "svg",
    "dialog",
)
_BANNER_WORDS = ("cookie", "consent", "gdpr")
# An accessible name that says what a block is ("Cookies", "Kakinställningar", "Samtycke"):
# consent tools with opaque class names still label their banner for screen readers.
_BANNER_LABEL = re.compile(r"cookie|kakor|kakinst|samtycke|consent|gdpr", re.IGNORECASE)
# A modal's role: a dialog over the page is never the record (a <dialog> is dropped anyway).
_DIALOG_ROLES = frozenset({"dialog", "alertdialog"})
# Cookie banners in blocks without a telling name ("notice-bar", SiteVision's "sv-decoration"):
# a short block that mentions cookies and offers to accept or refuse them (`_is_cookie_notice`).
_COOKIE_WORD = re.compile(r"cookie|kakor", re.IGNORECASE)
_CONSENT_CONTROL = re.compile(
    r"(?:jag )?(?:godkänn|godkänner|acceptera|accepterar|tillåt|neka|avböj|avvisa|stäng"
    r"|förstår|ok|okej|spara|anpassa|inställningar|endast nödvändiga|bara nödvändiga"
    r"|accept|allow|agree|reject|decline|got it|close)\b",
    re.IGNORECASE,
)
_CONTROL_TAGS = ("button", "a", "input")
# A banner that only informs: its one kind of link leads to the cookie policy ("Läs mer").
_INFO_CONTROL = re.compile(
    r"(?:läs mer|mer information|mer info|(?:mer |information )?om (?:kakor|cookies)"
    r"|cookiepolicy|cookie policy|kakpolicy|integritetspolicy|read more|learn more|more info)\b",
    re.IGNORECASE,
)
_FIRST_SENTENCE = re.compile(r"[.!?](?:\s|$)")
_PARAGRAPH_MARK = re.compile("§")
_COOKIE_NOTICE_MAX = 1000  # a banner's text; a protocol's § about cookies sits in a longer page
_COOKIE_CLIMB = 4  # blocks above the mention that may hold the banner's buttons
# Landmark roles of a page's furniture: what <header>, <footer>, <nav> and <aside> are, on
# sites whose templates use <div>s (SiteVision, Episerver).
_FURNITURE_ROLES = frozenset({"banner", "contentinfo", "navigation", "complementary", "search"})
# Words of a class or id (split at "-", "_" …) that name a site's furniture: crumbs, menus,
# sidebars, sharing buttons, comments under a post, the site footer.
_FURNITURE_WORDS = frozenset(
    {
        "breadcrumb",
        "breadcrumbs",
        "byline",
        "colophon",
        "comment",
        "comments",
        "footer",
        "menu",
        "nav",
        "navbar",
        "navigation",
        "share",
        "sharing",
        "sidebar",
        "skiplink",
        "social",
        # text for screen readers only ("öppnas i nytt fönster", "pdf, 120 kB")
        "assistive",
        "screen",  # screen-reader-text
        "sr",  # sr-only
        "visually",  # visually-hidden
        "visuallyhidden",
    }
)
# Words that name furniture only beside another: a skip link ("skip-to-content"), and the
# column of a theme's widgets ("widget-area"). A "widget" alone is no furniture: page builders
# put the record itself in one ("elementor-widget-text-editor", SiteOrigin's "so-panel
# widget"), and a theme's sidebar widgets stand in its sidebar or <aside> anyway.
_FURNITURE_PAIRS = (
    ("skip", frozenset({"link", "links", "to", "nav"})),
    ("widget", frozenset({"area", "areas"})),
    ("widgets", frozenset({"area", "areas"})),
)
_NAME_WORDS = re.compile(r"[^a-z0-9]+")
# A site header's class ("page-header", "svid10_header"): furniture when it holds a logo or
# links and no heading (an article's "entry-header" holds its <h1>).
_HEADER_WORDS = frozenset({"header", "masthead"})
# What a CMS prints around the record in text of its own: when the page was published or
# updated (the whole block a date, with a time or an author), who answers for it, share, print
# and skip links. So a § that starts "Uppdaterad budget …" or "Ändrad 2024-01-01: avgiften …"
# is never taken, nor a decision "Sidansvarig utses till …" (the line of furniture has a colon,
# or stands alone above the name).
_FURNITURE_TEXT = re.compile(
    r"(?:(?:(?:senast |sidan )?(?:uppdaterad|uppdaterades|ändrad|ändrades|granskad|publicerad"
    r"|publicerades|publicerat|skapad)(?: den)?:? ?\d{1,4}(?:[-./]\d{1,2}[-./]\d{1,4}| \w+ \d{4})"
    r"(?:,? (?:kl\.? ?)?\d{1,2}[.:]\d{2})?(?: av [^.]{1,60})?"
    r"|(?:dela|skriv ut)(?: sidan| denna sida)?"
    r"|(?:hoppa|gå) (?:direkt )?till (?:huvud)?innehåll(?:et)?"
    r"|till toppen|lyssna)$"
    r"|(?:sid|innehålls)ansvarig(?::|$))",
    re.IGNORECASE,
)
_FURNITURE_START = re.compile(
    r"^\s*(?:senast|sidan|uppdaterad|ändrad|granskad|publicera|skapad|sidansvarig"
    r"|innehållsansvarig|dela|skriv|hoppa|gå|till toppen|lyssna)",
    re.IGNORECASE,
)
_FURNITURE_TEXT_MAX = 160  # a longer block is more than a line of furniture
_INLINE = frozenset({"a", "abbr", "b", "em", "font", "i", "small", "span", "strong", "time", "u"})
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
# Never dropped for a banner-like class: sites put "cookie-consent-active" on <body>.
_CONTAINER_TAGS = frozenset({"html", "body", "main"})

_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_PARAGRAPH_BLOCKS = (*_HEADINGS, "p", "blockquote", "pre", "table", "ul", "ol", "dl")
_LINE_BLOCKS = (
    "address",
    "article",
    "button",  # an accordion's trigger holds the § heading (see `_drop_boilerplate`)
    "caption",
    "dd",
    "details",
    "div",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "header",
    "hr",
    "legend",
    "li",
    "main",
    "section",
    "summary",
    "tr",
)
_CELLS = ("td", "th")

# Private-use characters mark structural breaks while source whitespace is collapsed; they
# cannot be confused with text because they are removed from the input first.
_LINE = "\ue000"
_PARA = "\ue001"
_BREAK_RUN = re.compile(f" *[{_LINE}{_PARA}][ {_LINE}{_PARA}]*")
_XML_ENCODING = re.compile(rb"""\s*<\?xml[^>]*?encoding\s*=\s*["']([A-Za-z0-9_.:-]+)""")
_META_CHARSET = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def read_html(data: bytes) -> Read:
    """Keep the page's main content as lines; menus, banners and scripts are not the record."""
    from bs4 import BeautifulSoup

    markup = _decode_html(data)
    reject_binary(markup)
    markup = markup.replace(_LINE, "").replace(_PARA, "")
    soup = BeautifulSoup(markup, _HTML_PARSER)
    title = _html_title(soup)
    _drop_boilerplate(soup, cookies=_COOKIE_WORD.search(markup) is not None)
    root = _main_content(soup)
    _drop_page_furniture(root)
    text = without_stray_controls(unicodedata.normalize("NFC", _html_to_text(root)))
    if not text:
        raise Unreadable("HTML-sidan saknar läsbart innehåll")
    return [text], False, title and without_stray_controls(title), ""


def visible_text(data: bytes) -> str:
    """Everything a browser shows of a page, as lines (not its title, scripts or styles)."""
    from bs4 import BeautifulSoup

    markup = _decode_html(data).replace(_LINE, "").replace(_PARA, "")
    soup = BeautifulSoup(markup, _HTML_PARSER)
    for tag in soup.find_all(("title", "script", "style", "noscript", "template")):
        tag.decompose()
    return unicodedata.normalize("NFC", _html_to_text(soup))


def html_record_text(data: bytes) -> str:
    """The text an HTML page is indexed with, as `read_source` reads it (its main content,
    the site's furniture left out), or "" for a page with none. The crawler judges a protocol
    page by it: counted with menus and banners, a page that only links to its PDF looked like
    a protocol and was stored as an empty one."""
    try:
        return read_html(data)[0][0]
    except Unreadable:
        return ""


def _decode_html(data: bytes) -> str:
    """BOM, then <meta charset>, then UTF-8, then Windows-1252, as browsers do; except that
    bytes declared as a single-byte charset are read as UTF-8 when they can be. CMS templates
    often keep an old "iso-8859-1" declaration over UTF-8 content, and Swedish text in a real
    single-byte charset is almost never valid UTF-8 ("ö" alone is 0xF6, which UTF-8 cannot
    have there). For the same reason a page that is UTF-8 but for a stray byte is read as
    UTF-8, that byte a replacement character (`_mostly_utf8`)."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace")
    declared = _declared_charset(data)
    # A single-byte declaration is tried last: it decodes any bytes, UTF-8 too.
    first = () if declared is None or declared in _SINGLE_BYTE else (declared,)
    for encoding in (*first, "utf-8"):
        try:
            return data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    if _mostly_utf8(data):  # a UTF-8 page with a stray byte pasted in from elsewhere
        return data.decode("utf-8", errors="replace")
    try:
        return data.decode(declared or "cp1252")
    except (UnicodeDecodeError, LookupError):
        return data.decode("cp1252", errors="replace")


_UTF8_SEQUENCE = re.compile(
    rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}"
)
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")


def _mostly_utf8(data: bytes) -> bool:
    """Whether bytes that are not valid UTF-8 still are UTF-8 but for a stray byte or two (a
    "€" or curly quote pasted into a CMS as Windows-1252). Read as Windows-1252, every "ö"
    of such a page would become "Ã¶" and the förbund's name would be lost; a browser shows
    the page with one replacement character. Swedish text really in a single-byte charset
    has almost no valid UTF-8 sequences ("ö" is one byte followed by a letter)."""
    sequences = _UTF8_SEQUENCE.findall(data)
    if not sequences:
        return False
    covered = sum(map(len, sequences))
    stray = len(_HIGH_BYTE.findall(data)) - covered
    return len(sequences) > stray


# Declared charsets that UTF-8 bytes are often mislabelled with.
_SINGLE_BYTE = frozenset({"cp1252", "iso8859-15", "mac-roman"})


def _declared_charset(data: bytes) -> str | None:
    """The XHTML or <meta> charset in the first bytes; latin-1 labels mean cp1252 on the web."""
    match = _XML_ENCODING.match(data) or _META_CHARSET.search(data[:4096])
    if match is None:
        return None
    label = match.group(1).decode("ascii", errors="ignore")
    try:
        name = codecs.lookup(label).name
    except LookupError:
        return None
    if name in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"
    return name


def _html_title(soup: BeautifulSoup) -> str | None:
    tag = soup.find("title")
    if tag is None:
        return None
    title = " ".join(tag.get_text(" ").translate(_ZERO_WIDTH).split())
    return unicodedata.normalize("NFC", title) or None


def _drop_boilerplate(soup: BeautifulSoup, *, cookies: bool = True) -> None:
    """Remove what is never record text, wherever it sits: menus, scripts, banners, hidden,
    and the furniture a CMS prints around the record (`_is_furniture`, `_drop_furniture_text`).

    An accordion's panel is hidden until the reader opens it, and its button holds the
    heading: protocols published one § a panel would lose every § but the open one. So a
    hidden element that a trigger names in aria-controls stays, and so does a button whose
    panel is still there after the furniture went (a menu's or a search form's toggle goes
    with its menu).

    `cookies` False says the page never mentions cookies or kakor (a substring test on the
    markup), so no banner need be looked for by its text."""
    controlled = _controlled_ids(soup)
    for tag in soup.find_all(_DROP_TAGS):
        if not _gone(tag):
            tag.decompose()
    if cookies:  # before forms and buttons go: the banner is known by its buttons
        _drop_cookie_notices(soup)
    for tag in soup.find_all("form"):
        if not _gone(tag) and not _is_page_wrapper(tag):
            tag.decompose()
    for tag in soup.find_all(True):
        if _gone(tag):
            continue
        hidden = _is_hidden(tag) and str(tag.get("id", "")) not in controlled
        if hidden or _is_banner(tag) or _is_furniture(tag):
            tag.decompose()
    _drop_furniture_text(soup)
    buttons = soup.find_all("button")
    if not buttons:
        return
    # The ids left, gathered once: a page published one § a panel has hundreds of buttons.
    present = frozenset(str(tag["id"]) for tag in soup.find_all(id=True))
    for tag in buttons:
        if not _gone(tag) and not any(name in present for name in _ids(tag)):
            tag.decompose()


def _gone(tag: Tag) -> bool:
    """Whether `tag` was decomposed. Not `tag.decomposed`: unless the tag was, that reads an
    attribute the tag does not have, which Beautiful Soup answers by searching the tag's whole
    subtree for a child of that name, so asked of every tag of a page it took the sum of
    their subtrees, the square of the page's size for deeply nested markup (4,000 nested
    <div> took 26 s)."""
    return vars(tag).get("_decomposed", False)


def _controlled_ids(soup: BeautifulSoup) -> frozenset[str]:
    """The ids that some element names in aria-controls: panels a reader can open."""
    return frozenset(
        name for tag in soup.find_all(attrs={"aria-controls": True}) for name in _ids(tag)
    )


def _ids(tag: Tag) -> list[str]:
    return str(tag.get("aria-controls", "")).split()


def _is_page_wrapper(form: Tag) -> bool:
    """ASP.NET WebForms sites wrap the whole page in one <form>; that one holds the record."""
    return (
        form.find(("main", "article", "h1")) is not None
        or form.find(attrs={"role": "main"}) is not None
    )


def _is_hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or str(tag.get("aria-hidden", "")).lower() == "true":
        return True
    return bool(_HIDDEN_STYLE.search(str(tag.get("style", ""))))


def _is_banner(tag: Tag) -> bool:
    """A cookie or consent banner by its class or id, its accessible name, or a dialog role."""
    if tag.name in _CONTAINER_TAGS:
        return False
    attrs = tag.attrs
    if "role" in attrs and str(attrs["role"]).lower() in _DIALOG_ROLES:
        return tag.find(_RECORD_TAGS) is None
    label = attrs.get("aria-label")
    if label and _BANNER_LABEL.search(str(label)):
        return True
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    names = " ".join([str(tag.get("id", "")), *map(str, classes)]).lower()
    return any(word in names for word in _BANNER_WORDS)


def _drop_cookie_notices(soup: BeautifulSoup) -> None:
    """Drop cookie banners that no class, id or label names: the block around a mention of
    cookies or kakor that is short and offers to accept or refuse them, or only links to
    more about them from outside the record (`_is_info_notice`). A protocol's § on the
    site's cookie policy mentions them too, but offers no such button; and a block that
    holds the record (a §, an <article>, the page's <h1>) is never a banner, whatever its
    links say ("Spara som PDF" under a short protocol about kakor)."""
    judged: dict[int, tuple[Tag, bool | None]] = {}  # each block read once, for all mentions
    marks = _RecordMarks(soup)
    for string in soup.find_all(string=_COOKIE_WORD):
        if string.decomposed:
            continue
        for notice in _cookie_notice(string.parent, judged, marks):
            notice.decompose()


def _cookie_notice(
    tag: Tag | None, judged: dict[int, tuple[Tag, bool | None]], marks: _RecordMarks
) -> tuple[Tag, ...]:
    """The nearest block at or above `tag` that is a cookie banner (`_drop_cookie_notices`),
    or the two blocks of a banner split in two under a container (`_split_notice`), or
    nothing; the climb stops at the page's containers, at a block longer than a banner and
    at one that holds the record. `judged` keeps each block's verdict (`_notice_verdict`),
    so a page that mentions cookies many times in one block reads that block once."""
    blocks, top = 0, tag
    while tag is not None and tag.name not in (*_CONTAINER_TAGS, "[document]"):
        if tag.name not in _INLINE:
            known = judged.get(id(tag))
            verdict = known[1] if known is not None else _notice_verdict(tag)
            judged[id(tag)] = (tag, verdict)  # the tag kept alive, so its id stays its own
            if verdict is None:
                return ()
            if verdict:
                return (tag,)
            blocks += 1
            if blocks > _COOKIE_CLIMB:
                return ()
        top, tag = tag, tag.parent
    if tag is None or top is None or top is tag or top.name in _INLINE:
        return ()
    # The climb reached a container: `top` is no banner, nor is anything around it. Its
    # verdict becomes None, so the next mention in it stops there and the pair is read once.
    judged[id(top)] = (top, None)
    partner = _split_notice(top, marks)
    return () if partner is None else (top, partner)


def _notice_verdict(block: Tag) -> bool | None:
    """True for a block that is a cookie banner, False for one that may be inside one, None
    for one that no banner is or holds: longer than a banner, or holding the record."""
    text = _short_text(block, _COOKIE_NOTICE_MAX)
    if text is None or "§" in text:
        return None
    if block.name in _RECORD_TAGS or block.find(_RECORD_TAGS) is not None:
        return None
    return _has_consent_control(block) or _is_info_notice(block, text)


def _is_info_notice(block: Tag, text: str) -> bool:
    """A banner without a button, that only says the site uses cookies and links to its
    policy ("Vi använder kakor för att webbplatsen ska fungera. Läs mer"). A protocol's
    paragraph on the site's cookies may read the same and link on, so the block must open
    with the mention, link only to more information, and stand outside the record
    (`_outside_record`)."""
    end = _FIRST_SENTENCE.search(text)
    if not _COOKIE_WORD.search(text[: end.end()] if end else text):
        return False
    controls = block.find_all(_CONTROL_TAGS)
    if not controls or not all(_is_info_control(control) for control in controls):
        return False
    return _outside_record(block)


def _split_notice(top: Tag, marks: _RecordMarks) -> Tag | None:
    """The block after `top` when the two are one cookie banner split in two, else None.

    Some templates set a banner's words and its buttons in sibling blocks with nothing around
    them but the page ("<div><p>Vi använder kakor …</p></div><div><a>Läs mer</a><button>
    Godkänn</button></div>" at <body>'s foot): neither block alone is a banner, and the words
    were read as the last §'s text. Together they go when `top` reads as an informing
    banner's words (it opens with the mention and links, if at all, only to more about
    cookies), the next block holds only buttons and links that accept, refuse or inform,
    and the pair stands outside the record as an informing banner must (`_outside_record`):
    before the record's first heading or §, or after its last (`_RecordMarks`)."""
    partner = _next_block(top)
    if partner is None or partner.name in _CONTAINER_TAGS:
        return None
    text = _short_text(top, _COOKIE_NOTICE_MAX)
    if text is None or "§" in text:
        return None
    end = _FIRST_SENTENCE.search(text)
    if not _COOKIE_WORD.search(text[: end.end()] if end else text):
        return None
    # The cheap tests first: a protocol may have a pair like this at every §.
    if not marks.around(top, partner) or not _only_controls(partner):
        return None
    if top.find(_RECORD_TAGS) is not None:
        return None
    if not all(_is_info_control(control) for control in top.find_all(_CONTROL_TAGS)):
        return None
    return partner if _outside_record(top, tail=partner) else None


_Position = tuple[int, int]


class _RecordMarks:
    """Where the record's marks (its <h1>s and §s) begin and end on the page, found once.

    A banner split in two stands before the record's first mark or after its last; asked
    first, this spares the search of the page around each pair of blocks that `_outside_record`
    makes (a protocol whose every § mentions kakor above a "Spara som PDF" link cost the
    square of its length)."""

    def __init__(self, soup: BeautifulSoup) -> None:
        self.soup = soup
        self.bounds: tuple[_Position, _Position] | None = None
        self.found = False

    def around(self, top: Tag, tail: Tag) -> bool:
        """Whether `top` begins before the first mark or `tail` after the last one (the two
        hold none, `_split_notice`); True when the parser gave no positions to compare."""
        if not self.found:
            self.bounds, self.found = self._find(), True
        if self.bounds is None:
            return False  # no heading and no §: no record to stand outside of
        start, end = _position(top), _position(tail)
        if start is None or end is None:
            return True
        first, last = self.bounds
        return start < first or end > last

    def _find(self) -> tuple[_Position, _Position] | None:
        marks = [_position(h1) for h1 in self.soup.find_all("h1")]
        marks += [_position(s.parent) for s in self.soup.find_all(string=_PARAGRAPH_MARK)]
        known = [mark for mark in marks if mark is not None]
        return (min(known), max(known)) if known else None


def _position(tag: Tag | None) -> _Position | None:
    """Where `tag` begins in the markup (line, column), as the parser noted it."""
    if tag is None or tag.sourceline is None or tag.sourcepos is None:
        return None
    return (tag.sourceline, tag.sourcepos)


def _next_block(top: Tag) -> Tag | None:
    """The element right after `top`, with no text between them."""
    for sibling in top.next_siblings:
        if isinstance(sibling, str):
            if sibling.strip():
                return None
            continue
        return sibling
    return None


# What stands between a banner's buttons and is no word of its own ("Godkänn | Neka").
_BETWEEN_CONTROLS = " \t\n\r\xa0|/·•–-"


def _only_controls(block: Tag) -> bool:
    """Whether `block` is a banner's row of buttons: short, no § or record in it, at least
    one button or link that accepts, refuses or informs about cookies, no other control and
    no words outside its controls."""
    text = _short_text(block, _COOKIE_NOTICE_MAX)
    if not text or "§" in text or block.name in _RECORD_TAGS:
        return False
    if block.find(_RECORD_TAGS) is not None:
        return False
    named = False
    for control in block.find_all(_CONTROL_TAGS):
        if not _control_text(control):
            continue  # a close icon
        if not (_is_consent_control(control) or _is_info_control(control)):
            return False
        named = True
    return named and not any(
        string.strip(_BETWEEN_CONTROLS) and _outside_controls(string, block)
        for string in block.find_all(string=True)
    )


def _outside_controls(string: PageElement, block: Tag) -> bool:
    for parent in string.parents:
        if parent is block:
            return True
        if parent.name in _CONTROL_TAGS:
            return False
    return True


def _is_info_control(control: Tag) -> bool:
    """A link or button to more about cookies: "Läs mer", "Om kakor", or one whose address
    names them."""
    text = " ".join(control.get_text(" ").split())
    if not text or len(text) > 40:
        return False
    return bool(_INFO_CONTROL.match(text) or _COOKIE_WORD.search(str(control.get("href", ""))))


def _outside_record(block: Tag, tail: Tag | None = None) -> bool:
    """Whether `block` stands outside the record: the page has a record (an <h1>, a §) and
    the block comes before it, or it comes after it and the record is wrapped in an element
    of its own that does not hold the block. A protocol set straight in <body>, § headings and
    paragraphs side by side, has nothing to tell its last paragraph from a banner after it:
    there the block stays. `tail` is the second block of a banner split in two
    (`_split_notice`)."""
    before = block.find_previous("h1") or block.find_previous(string=_PARAGRAPH_MARK)
    if before is None:
        if _opens_a_record(block):
            return False
        return block.find_next("h1") is not None or (
            block.find_next(string=_PARAGRAPH_MARK) is not None
        )
    if _holds_record_around(block):
        return False
    record = _page_level(before)
    if getattr(record, "name", None) in _RECORD_WRAPPERS:  # a string has none
        return True
    return _trails_a_bare_record(block, record, tail)


# Elements that wrap a protocol apart from what stands beside it under <body>.
_RECORD_WRAPPERS = frozenset({"div", "section", "main", "article", "form"})
_PAGE_LEVEL = frozenset({"html", "body", "[document]"})


# What a protocol set straight in <body> is made of: its paragraphs, headings and tables.
_BARE_RECORD_BLOCKS = frozenset({*_PARAGRAPH_BLOCKS, "br", "hr"})
# What sets a banner apart at <body>'s foot: a box of its own (a <div>, a <section>), a
# live region or a landmark of its own, or a place fixed on the screen.
_BOX_TAGS = frozenset({"div", "section"})
_BOX_ROLES = frozenset({"region", "alert", "status", "alertdialog", "dialog"})
_FIXED_STYLE = re.compile(r"position\s*:\s*(?:fixed|sticky)", re.IGNORECASE)
_DECISION_WORD = re.compile(r"beslut|beslöt", re.IGNORECASE)


def _trails_a_bare_record(block: Tag, record: PageElement, tail: Tag | None = None) -> bool:
    """Whether `block`, after a protocol set straight in <body> (`record`, its first heading
    or §), is a banner at the page's foot: a box unlike the record's own blocks (a <div>
    after its <p>s and headings, or a live region, or fixed on the screen), with no record
    text after it (or after `tail`, the second block of a banner split in two) and none of
    its own words a decision's, after the last §'s own text. A § whose only text is such a
    box ("§ 5 Kakor" over "<div>Vi använder kakor … Läs mer") is the record's: nothing
    tells the two apart there, so it stays.

    A plain <div> or <section> is a weak sign: a protocol set in <p>s may still end with a
    <div> of its own on the förbund's website ("Kakor på webbplatsen. Styrelsen informeras
    om … Läs mer"). Such a box goes only when it speaks as a banner does, to the visitor
    (`_BANNER_VOICE`), or its second block offers to accept or refuse."""
    top = _page_level(block)
    if top.parent is None:
        return False
    apart = _set_apart(block, top)
    if apart is None:
        return False
    last_part = tail or top
    if _DECISION_WORD.search(top.get_text(" ")) or last_part.find_next(string=_PARAGRAPH_MARK):
        return False
    if tail is not None and _DECISION_WORD.search(tail.get_text(" ")):
        return False
    if any(_has_text(sib) for sib in last_part.find_next_siblings(_BARE_RECORD_BLOCKS)):
        return False
    if apart == "box" and not _speaks_as_banner(top, tail):
        return False
    last = _page_level(block.find_previous(string=_PARAGRAPH_MARK) or record)
    body = []  # the page-level nodes with text between the last § (or heading) and the block
    for sib in last.next_siblings:
        if sib is top:
            break
        if _has_text(sib):
            body.append(sib)
    else:
        return False  # the block does not stand at the record's level
    return bool(body) and all(getattr(sib, "name", "p") in _BARE_RECORD_BLOCKS for sib in body)


def _set_apart(block: Tag, top: Tag) -> str | None:
    """How the block at <body>'s level is set apart by its markup (`_trails_a_bare_record`):
    "marked" as a live region, a landmark or a dialog of its own, or fixed on the screen;
    "box" when it is only a <div> or <section> among the record's <p>s; else None."""
    for tag in (block, *block.parents):
        if tag is top.parent:
            break
        role = str(tag.get("role", "")).lower()
        if role in _BOX_ROLES or tag.has_attr("aria-live") or tag.has_attr("aria-modal"):
            return "marked"
        if _FIXED_STYLE.search(str(tag.get("style", ""))):
            return "marked"
    return "box" if top.name in _BOX_TAGS else None


# A banner speaks to the visitor in its first sentence ("Vi använder kakor för att ge dig …",
# "Den här webbplatsen använder cookies"); a protocol speaks of the förbund and its board
# ("Kakor på webbplatsen. Styrelsen informeras om …").
_BANNER_VOICE = re.compile(
    r"\b(?:vi|oss|vår|vårt|våra|du|dig|din|ditt|dina|we|us|our|you|your)\b"
    r"|\b(?:denna|den här|this) (?:webbplats|webbsida|sida|site|website)",
    re.IGNORECASE,
)


def _speaks_as_banner(top: Tag, tail: Tag | None) -> bool:
    """Whether a plain box at the record's foot reads as a banner (`_trails_a_bare_record`):
    its first sentence speaks to the visitor, or its second block accepts or refuses."""
    if tail is not None and _has_consent_control(tail):
        return True
    text = _short_text(top, _COOKIE_NOTICE_MAX) or ""
    end = _FIRST_SENTENCE.search(text)
    return _BANNER_VOICE.search(text[: end.end()] if end else text) is not None


def _has_text(node: PageElement) -> bool:
    return bool(node.get_text().strip())


def _holds_record_around(block: Tag) -> bool:
    """Whether an element around `block`, below <body>, is or holds the record: a <main>,
    an <article>, an <h1>, a §."""
    for parent in block.parents:
        if parent.name in _PAGE_LEVEL:
            return False
        if parent.name in _RECORD_TAGS or str(parent.get("role", "")).lower() == "main":
            return True
        if parent.find(_RECORD_TAGS) is not None or parent.find(string=_PARAGRAPH_MARK):
            return True
    return False


def _opens_a_record(block: Tag) -> bool:
    """Whether `block`, with no heading or § before it, still stands in the record's head:
    inside an <article>, or after the record's own first words in a wrapper below <body>
    ("Protokoll fört vid styrelsens möte …" and then a paragraph on the site's kakor). A
    banner at the top of <main> has nothing before it there."""
    for parent in block.parents:
        if parent.name in _PAGE_LEVEL:
            return False
        if parent.name == "article":
            return True
        first = next((s for s in parent.strings if s.strip()), None)
        if first is not None and not any(node is block for node in first.parents):
            return True
    return False


def _page_level(node: PageElement) -> PageElement:
    """`node`'s ancestor (or itself) right under <body>."""
    while node.parent is not None and node.parent.name not in _PAGE_LEVEL:
        node = node.parent
    return node


def _has_consent_control(block: Tag) -> bool:
    """A button or link that accepts, refuses or closes ("Godkänn", "Neka", "OK"); an
    accordion's toggle (aria-controls) is the record's own."""
    return any(map(_is_consent_control, block.find_all(_CONTROL_TAGS)))


def _is_consent_control(control: Tag) -> bool:
    if control.has_attr("aria-controls"):
        return False
    text = _control_text(control)
    return bool(text) and len(text) <= 40 and _CONSENT_CONTROL.match(text) is not None


def _control_text(control: Tag) -> str:
    text = control.get("value", "") if control.name == "input" else control.get_text(" ")
    return " ".join(str(text).split())


def _is_furniture(tag: Tag) -> bool:
    """A site's furniture by its landmark role or its class and id words (see
    `_FURNITURE_WORDS`); the page's containers never count."""
    if tag.name in _CONTAINER_TAGS:
        return False
    if str(tag.get("role", "")).lower() in _FURNITURE_ROLES:
        return True
    classes = tag.get("class") or []
    if isinstance(classes, str):
        classes = [classes]
    names = " ".join([str(tag.get("id", "")), *map(str, classes)]).lower()
    if not names.strip():
        return False
    words = _NAME_WORDS.split(names)
    named = {w for i, w in enumerate(words) if i == 0 or words[i - 1] not in _LAYOUT_WORDS}
    if named & _FURNITURE_WORDS or any(w in named and named & ws for w, ws in _FURNITURE_PAIRS):
        return tag.find(_RECORD_TAGS) is None
    return bool(
        named & _HEADER_WORDS and tag.find(_HEADINGS) is None and tag.find(("a", "img")) is not None
    )


# A layout's wrapper says what stands beside the record ("has-sidebar", "with-comments",
# "no-menu"): those words name no furniture. Nor is an element that holds the record's own
# tags furniture, whatever its class ("site-footer-wrap" around <main>).
_LAYOUT_WORDS = frozenset({"has", "with", "no", "without"})
_RECORD_TAGS = ("main", "article", "h1")


def _drop_furniture_text(soup: BeautifulSoup) -> None:
    """Drop the block that holds only a line of CMS furniture ("Senast uppdaterad:
    2024-03-20", "Sidansvarig: …", "Dela sidan"), however the template marks it up: left
    in, it ends the last § and its decision."""
    for string in soup.find_all(string=_FURNITURE_START):
        # A string inside a block dropped before ("Sidansvarig: <a>Skriv till oss</a>") is
        # gone; one that is not has no dropped block around it. (A Tag's own `decomposed`
        # searches its whole subtree for a child named "_decomposed": never asked here.)
        if string.decomposed:
            continue
        block = string.parent
        while block is not None and block.name in _INLINE and block.parent is not None:
            block = block.parent
        if block is None or block.name in (*_CONTAINER_TAGS, "[document]"):
            continue
        text = _short_text(block)
        if text is not None and _FURNITURE_TEXT.match(text):
            block.decompose()


def _short_text(block: Tag, limit: int = _FURNITURE_TEXT_MAX) -> str | None:
    """The block's text, whitespace collapsed, or None when it is longer than a line of
    furniture. Reading stops at that length: a Word export's one <div> of <br> lines, many
    starting "Senast …" or "Gå …", would otherwise be read whole once per such line."""
    pieces, length = [], 0
    for string in block.strings:
        if piece := " ".join(string.split()):
            length += len(piece)
            if length > limit:
                return None
            pieces.append(piece)
    return " ".join(pieces)


def _main_content(soup: BeautifulSoup) -> Tag:
    """The element holding the record: <main>, <article>, role=main, else the whole body."""
    candidates = [
        soup.find("main"),
        *_single(soup.find_all("article")),
        soup.find(attrs={"role": "main"}),
    ]
    for candidate in candidates:
        if candidate is not None and _has_text(candidate):
            return candidate
    return soup.body or soup


def _single(tags: list[Tag]) -> list[Tag]:
    """Several <article>s are a listing, not one record: then fall back to the body."""
    return tags if len(tags) == 1 else []


def _drop_page_furniture(root: Tag) -> None:
    """Drop site headers and footers; keep an article's own <header> when it holds a heading."""
    in_content = root.name not in ("body", "html", "[document]")
    for tag in root.find_all(("header", "footer")):
        if _gone(tag):
            continue
        if tag.name == "header" and in_content and tag.find(_HEADINGS) is not None:
            continue
        tag.decompose()


def _html_to_text(root: Tag) -> str:
    """Render elements as lines: blocks end lines, headings and paragraphs stand alone.

    The breaks are kept beside the tree (`_Breaks`), not inserted into it: bs4 looks an
    element up among all its siblings to insert next to it, so a Word export of thousands of
    <br> lines in one <p> cost the square of its length. The text is what inserting them would
    have given, in one pass."""
    breaks = _Breaks(root)
    # Each cell's and bold run's text is read as a slice of the page's, made once: read on
    # its own, each nested in the last (thousands of <td> or <b> a broken page never closes)
    # read the ones inside it again, the square of the page (4,000 nested cells took 22 s).
    # The breaks marked in each loop are around elements read before, never inside one read
    # later (an element comes before those inside it), so the slices are what they read.
    cells = root.find_all(_CELLS)
    page = _Text(*breaks.spans(root, cells))
    for cell in cells:
        if _is_prose(page.stripped(cell), page):
            breaks.around(cell, _LINE)
        else:
            breaks.after[id(cell)] = " "
    bold = root.find_all(_BOLD)
    page = _Text(*breaks.spans(root, bold))
    for tag in bold:
        if _is_run_in_heading(tag, breaks, page):
            breaks.around(tag, _LINE)
    for tag in root.find_all(_LINE_BLOCKS):
        breaks.around(tag, _LINE)
    for tag in root.find_all(_PARAGRAPH_BLOCKS):
        breaks.around(tag, _PARA)
    # Source whitespace (including newlines in the markup) means one space in HTML.
    flat = re.sub(r"\s+", " ", breaks.text(root).translate(_ZERO_WIDTH))
    return _BREAK_RUN.sub(_break_for, flat).strip()


class _Breaks:
    """The line and paragraph breaks marked around a page's elements, and its text with them.

    A <br> is a line break, and a <pre>'s newlines are: every string in a <pre> counts as
    text (even a comment there, as it always has). Breaks are whitespace or break marks, and a
    run of them is one break (`_BREAK_RUN`), so their order between two words never matters.
    """

    def __init__(self, root: Tag) -> None:
        self.before: dict[int, str] = {}
        self.after: dict[int, str] = {}
        self.in_pre = {id(s) for pre in root.find_all("pre") for s in pre.find_all(string=True)}
        # The kinds of string `get_text` counts: not comments, scripts, styles or <rt>.
        types = root.interesting_string_types
        self.types = (types,) if isinstance(types, type) else tuple(types)

    def around(self, tag: Tag, mark: str) -> None:
        key = id(tag)
        self.before[key] = self.before.get(key, "") + mark
        self.after[key] = self.after.get(key, "") + mark

    def string(self, node: str) -> str | None:
        """A string as the page's text has it (None for one that is not text)."""
        if id(node) in self.in_pre:
            return node.replace("\n", _LINE)
        return node if type(node) in self.types else None

    def spans(self, tag: Tag, inside: list[Tag]) -> tuple[str, dict[int, tuple[int, int]]]:
        """The text inside `tag` (as `text`) and where in it the text inside each of the
        elements `inside` starts and ends, keyed by their ids."""
        wanted = {id(node) for node in inside}
        spans: dict[int, tuple[int, int]] = {}
        pieces: list[str] = []
        size = 0
        stack = [(iter(tag.contents), "", 0, 0)]
        while stack:
            children, closing, key, start = stack[-1]
            for node in children:
                piece = None
                if isinstance(node, str):
                    piece = self.string(node)
                elif node.name == "br":
                    piece = _LINE
                else:
                    piece = self.before.get(id(node), "")
                    pieces.append(piece)
                    size += len(piece)
                    stack.append(
                        (iter(node.contents), self.after.get(id(node), ""), id(node), size)
                    )
                    break
                if piece:
                    pieces.append(piece)
                    size += len(piece)
            else:
                stack.pop()
                if key in wanted:
                    spans[key] = (start, size)
                pieces.append(closing)
                size += len(closing)
        return "".join(pieces), spans

    def text(self, tag: Tag) -> str:
        """The text inside `tag` with the breaks marked so far (`get_text`, in one pass)."""
        pieces: list[str] = []
        stack = [(iter(tag.contents), "")]
        while stack:
            children, closing = stack[-1]
            for node in children:
                if isinstance(node, str):
                    piece = self.string(node)
                    if piece:
                        pieces.append(piece)
                elif node.name == "br":
                    pieces.append(_LINE)
                else:
                    key = id(node)
                    pieces.append(self.before.get(key, ""))
                    stack.append((iter(node.contents), self.after.get(key, "")))
                    break
            else:
                stack.pop()
                pieces.append(closing)
        return "".join(pieces)


# Characters a browser draws as nothing: a zero-width space (an editor's break hint inside a
# long compound, "Samordnings\u200bförbundet"), joiners, the word joiner, and a byte-order
# mark left mid-page by a CMS that pasted files together. The reader sees one word; kept, they
# would cut the förbund's name or hide a § heading.
_ZERO_WIDTH = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"))

_BOLD = ("b", "strong")
# A § heading with its title ("§ 1 Öppnande"), bold at the start of a paragraph whose text
# follows on the same line: "<p><strong>§ 1 Öppnande</strong> Ordföranden öppnade …</p>".
_RUN_IN_HEADING = re.compile(r"§\s*\d+[a-z]?\s+\w")


class _Text:
    """A page's text and the spans of some of its elements' texts in it (`_Breaks.spans`),
    with what is asked of such a text answered in time that does not grow with it."""

    def __init__(self, text: str, spans: dict[int, tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans
        runs = [m.span() for m in re.finditer(r"\S+", text)]  # the blanks `str.strip` strips
        self.run_starts = [start for start, _ in runs]
        self.run_ends = [end for _, end in runs]
        self.spaces = [m.start() for m in re.finditer(" ", text)]
        self.headings: dict[int, int | None] = {}  # where a heading found at a place ends

    def stripped(self, tag: Tag) -> tuple[int, int, int]:
        """(first, last, spaces): the span of the tag's text stripped of its blanks, and how
        many spaces that holds."""
        start, end = self.spans[id(tag)]
        i = bisect.bisect_right(self.run_ends, start)  # the first run that ends after start
        if i == len(self.run_ends) or self.run_starts[i] >= end:
            return start, start, 0
        first = max(self.run_starts[i], start)
        last = min(self.run_ends[bisect.bisect_left(self.run_starts, end) - 1], end)
        spaces = bisect.bisect_left(self.spaces, last) - bisect.bisect_left(self.spaces, first)
        return first, last, spaces

    def starts_heading(self, tag: Tag) -> bool:
        """Whether the tag's stripped text starts with a § heading (`_RUN_IN_HEADING`). The
        match is one (its runs of blanks and digits are taken whole) and ends where it ends
        in the whole text, so it is made once for each place, whichever nested run asks."""
        first, last, _ = self.stripped(tag)
        if first == last:
            return False
        if first not in self.headings:
            found = _RUN_IN_HEADING.match(self.text, first)
            self.headings[first] = None if found is None else found.end()
        end = self.headings[first]
        return end is not None and end <= last


def _is_run_in_heading(tag: Tag, breaks: _Breaks, page: _Text) -> bool:
    """Whether a bold run is a § heading that starts its paragraph or line: it then stands on
    its own line, as the reader sees it, not as the start of a title that swallows the text.
    A bold § in mid-sentence ("enligt **§ 4 Förbundsordningen**") is a reference and stays."""
    if not page.starts_heading(tag):
        return False
    for before in tag.previous_siblings:
        if isinstance(before, str):
            if id(before) in breaks.in_pre:
                before = before.replace("\n", _LINE)
            if before.strip(f" \t\n\r\xa0{_LINE}{_PARA}"):
                return False
            if _LINE in before:
                return True
            continue
        if before.name == "br" or _LINE in breaks.after.get(id(before), ""):
            return True
        return before.name in _LINE_BLOCKS or before.name in _PARAGRAPH_BLOCKS
    return True


def _is_prose(stripped: tuple[int, int, int], page: _Text) -> bool:
    """Whether a table cell's text holds sentences ("Ordföranden öppnade mötet."): a § laid out as a
    table row ("§ 14 | Mötets öppnande | Ordföranden …") reads as its heading over its text,
    where a row of short cells ("Anna Berg | Ordförande") stays one line. `stripped` is the
    cell's text as `_Text.stripped` gives it."""
    first, last, spaces = stripped
    ends = last > first and page.text[last - 1] in _SENTENCE_ENDS
    return ends and spaces >= 2  # "v. ordf." is no sentence


_SENTENCE_ENDS = (".", "!", "?")


def _break_for(run: re.Match[str]) -> str:
    """A run of adjacent breaks is one break: a blank line if any paragraph ends there."""
    return "\n\n" if _PARA in run.group() else "\n"
