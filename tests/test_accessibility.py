"""WCAG 2.1 AA (the DOS law) for every HTML page, read from the markup and the CSS.

What needs a browser (focus order, reflow, forced colours) is in tests/test_browser.py; this
file checks structure through the Flask client: language, title, headings, landmarks, labels,
groups, status regions, link texts, and the contrast of the stylesheet's text colours.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from itertools import pairwise
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CSS = ROOT / "web" / "static" / "finsok.css"
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr"}  # fmt: skip
# Link texts that say nothing out of context (WCAG 2.4.4).
VAGUE_LINKS = {"här", "klicka här", "läs mer", "mer", "länk", "detta", "denna"}


@dataclass
class Node:
    tag: str
    attrs: dict[str, str]
    parent: Node | None = None
    children: list[Node | str] = field(default_factory=list)

    def text(self) -> str:
        """The text inside, without what is hidden from assistive technology."""
        if self.attrs.get("aria-hidden") == "true":
            return ""
        parts = [c if isinstance(c, str) else c.text() for c in self.children]
        return re.sub(r"\s+", " ", "".join(parts)).strip()

    def ancestors(self) -> list[Node]:
        found, node = [], self.parent
        while node:
            found.append(node)
            node = node.parent
        return found

    def walk(self):
        for child in self.children:
            if isinstance(child, Node):
                yield child
                yield from child.walk()


class Tree(HTMLParser):
    """A page as nodes: enough of a DOM to ask who contains whom."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.open = self.root

    def handle_starttag(self, tag: str, attrs: list) -> None:
        node = Node(tag, {k: v or "" for k, v in attrs}, self.open)
        self.open.children.append(node)
        if tag not in VOID:
            self.open = node

    def handle_startendtag(self, tag: str, attrs: list) -> None:
        self.open.children.append(Node(tag, {k: v or "" for k, v in attrs}, self.open))

    def handle_endtag(self, tag: str) -> None:
        node = self.open
        while node is not self.root and node.tag != tag:
            node = node.parent
        if node is not self.root:
            self.open = node.parent

    def handle_data(self, data: str) -> None:
        self.open.children.append(data)


def tree(page: str) -> Node:
    parser = Tree()
    parser.feed(page)
    return parser.root


def nodes(root: Node, *tags: str) -> list[Node]:
    return [n for n in root.walk() if n.tag in tags]


def _doc(client) -> str:
    hit = client.get("/api/search", query_string={"q": "genomlysning"}).get_json()["hits"][0]
    return hit["url"].partition("#")[0]


# Every kind of HTML page, with the states that change its structure.
PAGES = {
    "start": "/",
    "hits": "/?q=genomlysning",
    "filtered": "/?q=ESF&forbund=halland",
    "no hits": "/?q=xyzzyqq",
    "menade du": "/?q=genomlysnign",
    "second page": "/?q=samverkan&limit=2&page=2",
    "page past the end": "/?q=samordningsförbundet&page=99",
    "filters only": "/?forbund=halland",
    "documents start": "/documents",
    "documents": "/documents?q=samordningsförbundet",
    "document": "doc",
    "compare start": "/compare",
    "compare": "/compare?q=ESF",
    "coverage": "/coverage",
    "api": "/api-dokumentation",
    "not found": "/finns-inte",
    "bad parameter": "/?q=ESF&page=x",
    "bad date": "/?q=ESF&from=2024-13-01&sort=x",
    "documents bad date": "/documents?q=ESF&to=2024-02-30",
    "compare bad date": "/compare?q=ESF&from=2024-13-01&page=0",
}


@pytest.fixture(params=list(PAGES), ids=list(PAGES))
def page(request, client) -> tuple[str, Node]:
    url = PAGES[request.param]
    response = client.get(_doc(client) + "?q=genomlysning" if url == "doc" else url)
    assert response.status_code in (200, 400, 404)
    return url, tree(response.get_data(as_text=True))


def test_a_page_is_swedish_and_has_one_h1_and_no_skipped_heading_level(page) -> None:
    url, root = page
    assert nodes(root, "html")[0].attrs.get("lang") == "sv"
    levels = [int(n.tag[1]) for n in nodes(root, "h1", "h2", "h3", "h4", "h5", "h6")]
    assert levels.count(1) == 1 and levels[0] == 1, (url, levels)
    skipped = [(a, b) for a, b in pairwise(levels) if b > a + 1]
    assert not skipped, (url, levels)


def test_a_page_has_its_landmarks_and_a_skip_link_to_the_main_content(page) -> None:
    url, root = page
    body = nodes(root, "body")[0]
    top = [n.tag for n in body.children if isinstance(n, Node)]
    assert top[:2] == ["a", "header"] and top.count("main") == 1 and top[-1] == "footer", top
    skip = next(n for n in body.children if isinstance(n, Node))
    main = nodes(root, "main")[0]
    assert skip.attrs["href"] == "#" + main.attrs["id"] and skip.text() == "Hoppa till innehållet"
    assert any(n.tag == "nav" for n in nodes(root, "header")[0].walk())
    # Every landmark a page has more than once has a name of its own (axe landmark-unique).
    navs = [n.attrs.get("aria-label") for n in nodes(root, "nav")]
    assert None not in navs and len(set(navs)) == len(navs), navs
    # Nothing inside <main> is a complementary landmark (axe: complementary is top level).
    assert not nodes(main, "aside"), url


# The landmark roles, and the elements that are one by themselves (HTML-AAM); <header> and
# <footer> only outside an article, aside, main, nav or section, a <section> or a <form> only
# with an accessible name.
LANDMARK_ROLES = {"banner", "complementary", "contentinfo", "form", "main", "navigation",
                  "region", "search"}  # fmt: skip
SECTIONING = {"article", "aside", "main", "nav", "section"}


def landmarks(root: Node) -> list[tuple[str, str]]:
    """The page's landmarks as a screen reader lists them: (role, name) in the page's order,
    the name its aria-label or the id its aria-labelledby names."""
    found = []
    for n in root.walk():
        named = n.attrs.get("aria-label") or n.attrs.get("aria-labelledby") or n.attrs.get("title")
        scoped = any(a.tag in SECTIONING for a in n.ancestors())
        role = n.attrs.get("role") or {
            "nav": "navigation",
            "main": "main",
            "aside": "complementary",
            "header": None if scoped else "banner",
            "footer": None if scoped else "contentinfo",
            "section": "region" if named else None,
            "form": "form" if named else None,
        }.get(n.tag)
        if role in LANDMARK_ROLES:
            found.append((role, named or ""))
    return found


def test_a_documents_parts_are_no_landmarks(client) -> None:
    """Every § was a region (a <section> named by its heading): a protocol's 40 § filled a
    screen reader's list of landmarks, where the menu, the contents and the main content were
    lost among them. A document page has the landmarks of every page and its contents; its §
    are found by their headings, and keep their anchors and tabindex for a link to focus."""
    page = client.get(_doc(client)).get_data(as_text=True)
    root = tree(page)
    assert landmarks(root) == [
        ("banner", ""),
        ("navigation", "Huvudmeny"),
        ("main", ""),
        ("navigation", "Innehåll"),
        ("contentinfo", ""),
    ]
    parts = [n for n in nodes(root, "section") if "section" in n.attrs.get("class", "").split()]
    assert len(parts) == 16
    for part in parts:
        assert part.attrs["id"] and part.attrs["tabindex"] == "-1", part.attrs
        assert nodes(part, "h2")[0].attrs["id"] == "h-" + part.attrs["id"]


def test_the_api_pages_tables_are_no_landmarks_but_scroll_by_keyboard(client) -> None:
    """Every table's scroll box was a region named by its caption: the API page's 27 tables
    were 27 landmarks, among which the menu and the main content were lost. Each box stays
    focusable (WCAG 2.1.1: a keyboard scrolls a wide table too) and is named by its caption
    when focused, as a group, which is no landmark."""
    root = tree(client.get("/api-dokumentation").get_data(as_text=True))
    assert landmarks(root) == [
        ("banner", ""),
        ("navigation", "Huvudmeny"),
        ("main", ""),
        ("contentinfo", ""),
    ]
    captions = {n.attrs.get("id"): n.text() for n in nodes(root, "caption")}
    boxes = [n for n in nodes(root, "div") if "table-scroll" in n.attrs.get("class", "").split()]
    assert len(boxes) == len(nodes(root, "table")) > 20
    for box in boxes:
        assert (box.attrs["tabindex"], box.attrs["role"]) == ("0", "group"), box.attrs
        assert captions.get(box.attrs["aria-labelledby"]), box.attrs
        assert nodes(box, "table")[0] is next(n for n in box.children if isinstance(n, Node))


def _label_of(control: Node, root: Node) -> str:
    """The control's accessible name from a <label> or aria-label (never the placeholder)."""
    if control.attrs.get("aria-label"):
        return control.attrs["aria-label"]
    for label in nodes(root, "label"):
        if control.attrs.get("id") and label.attrs.get("for") == control.attrs["id"]:
            return label.text()
    wrapping = next((a for a in control.ancestors() if a.tag == "label"), None)
    return wrapping.text() if wrapping else ""


def test_every_form_control_and_button_has_a_swedish_name(page) -> None:
    url, root = page
    controls = [
        n for n in nodes(root, "input", "select", "textarea") if n.attrs.get("type") != "hidden"
    ]
    unnamed = [c.attrs for c in controls if not _label_of(c, root)]
    assert not unnamed, (url, unnamed)
    for button in nodes(root, "button"):
        name = button.attrs.get("aria-label") or button.text()
        assert name and not re.search(r"\b(search|submit|copy|close)\b", name, re.I), name
        if button.attrs.get("aria-label"):  # the visible label starts the name (WCAG 2.5.3)
            assert name.startswith(button.text()), (button.text(), name)
    for box in nodes(root, "input"):
        if box.attrs.get("name") == "q":
            assert box.attrs.get("type") == "search", url
    # A checkbox is in a group with a legend that names the group.
    for box in [c for c in controls if c.attrs.get("type") == "checkbox"]:
        group = next((a for a in box.ancestors() if a.tag == "fieldset"), None)
        assert group is not None, (url, box.attrs)
        legend = next(n for n in group.children if isinstance(n, Node) and n.tag == "legend")
        assert legend.text(), (url, box.attrs)


@pytest.mark.parametrize("path", ["/", "/documents", "/compare"])
@pytest.mark.parametrize("typed", ["", "2024-13-01"], ids=["date field", "bad date"])
def test_a_date_fields_label_says_its_format(client, path: str, typed: str) -> None:
    """A date is a text field, a bad one kept as typed: the label says how to write it,
    ÅÅÅÅ-MM-DD, on screen and in the field's name (tests/test_browser_users.py types it in a
    Swedish and an English Chromium)."""
    root = tree(client.get(path, query_string={"q": "ESF", "from": typed}).get_data(as_text=True))
    for name, said in (("from", "Från datum"), ("to", "Till datum")):
        (field,) = _by_id(root, name)
        assert _label_of(field, root) == f"{said} ÅÅÅÅ-MM-DD", (path, name)


def test_the_compare_pages_forbund_boxes_are_a_group_named_forbund(client) -> None:
    root = tree(client.get("/compare?q=ESF").get_data(as_text=True))
    boxes = [n for n in nodes(root, "input") if n.attrs.get("name") == "forbund"]
    assert len(boxes) > 3
    for box in boxes:
        group = next(a for a in box.ancestors() if a.tag == "fieldset")
        assert nodes(group, "legend")[0].text() == "Förbund"


def test_links_say_where_they_lead(page) -> None:
    url, root = page
    for link in nodes(root, "a"):
        name = link.attrs.get("aria-label") or link.text()
        assert name, (url, link.attrs)
        assert name.lower().strip(" .›‹") not in VAGUE_LINKS, (url, name)


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/", "Sök – Finsök"),
        ("/?q=genomlysning", "genomlysning – Sök – Finsök"),
        ("/?q=xyzzyqq", "xyzzyqq – Sök – Finsök"),
        ("/?q=samverkan&limit=2&page=2", "samverkan, sida 2 – Sök – Finsök"),
        ("/?forbund=halland", "Filtrerade träffar (förbund: Samordningsförbundet i Halland) – Sök – Finsök"),
        # the filters set outside the query's text, which the title repeats
        ("/?q=ESF år:2023&forbund=halland&decisions=1",
         "ESF år:2023 (förbund: Samordningsförbundet i Halland; typ: bara beslut) – Sök – Finsök"),
        ("/documents", "Dokument – Finsök"),
        ("/documents?q=Försäkringskassan", "Försäkringskassan – Dokument – Finsök"),
        ("/compare?q=ESF", "ESF – Jämför förbund och år – Finsök"),
        ("/coverage", "Täckning – Finsök"),
        ("/finns-inte", "Sidan finns inte – Finsök"),
        ("/?q=genomlysning&from=2024-13-01", "Fel: genomlysning – Sök – Finsök"),
        ("/documents?q=x&sort=y", "Fel: x – Dokument – Finsök"),
        ("/compare?q=ESF&from=2024-13-01", "Fel: Jämför förbund och år – Finsök"),
        ("/compare.csv?q=x&from=2024-13-01", "Sökningen gick inte att göra – Finsök"),
        ("/?q=<b>x</b>", "&lt;b&gt;x&lt;/b&gt; – Sök – Finsök"),
    ],
)  # fmt: skip
def test_the_title_says_the_page_and_the_query(client, url: str, title: str) -> None:
    """WCAG 2.4.2: a tab, a bookmark and a screen reader's first words tell the pages apart;
    a search's title starts with its query (escaped like all text) and says its page."""
    page = client.get(url).get_data(as_text=True)
    assert re.search(r"<title>(.*?)</title>", page, re.S).group(1) == title


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/?q=genomlysning", "4 träffar för ”genomlysning”"),
        ("/?q=xyzzyqq", "0 träffar för ”xyzzyqq”"),
        ("/documents?q=samordningsförbundet", "dokument för ”samordningsförbundet”"),
        ("/compare?q=ESF", "träffar för ”ESF” i"),
    ],
)
def test_the_count_is_a_status_and_nothing_else_is_live(client, url: str, said: str) -> None:
    """WCAG 4.1.3: the count of hits, also "0 träffar", is a status message; the whole list
    is no live region (a screen reader would read every hit again on each change), and no
    live region sits inside another."""
    root = tree(client.get(url).get_data(as_text=True))
    status = [n for n in root.walk() if n.attrs.get("role") == "status"]
    assert said in status[0].text() and "summary" in status[0].attrs["class"], url
    live = [n for n in root.walk() if n.attrs.get("aria-live") or n.attrs.get("role") == "status"]
    for region in live:
        assert not any(a in live for a in region.ancestors()), url
    assert not [n for n in live if n.attrs.get("aria-live")], url


@pytest.mark.parametrize(
    ("url", "said"),
    [
        ("/compare?q=ESF&forbund=halland&forbund=nowhere", "träffar för ”ESF” i"),
        ("/compare?q=ESF&forbund=nowhere", "”nowhere”"),
        ("/?q=budget förbund:nowhere", "träffar för"),
        ("/documents?q=budget&forbund=nowhere", "dokument för"),
        ("/?q=budget&page=99", "träffar för"),  # "Sida 99 finns inte" beside the count
        ("/documents?q=samordningsförbundet&limit=2&page=99", "dokument för"),
    ],
)
def test_a_page_with_a_notice_has_one_status_region(client, url: str, said: str) -> None:
    """The count and a notice beside it were two status regions (docs: the count is the one);
    with nothing counted (a förbund without documents alone) the notice is the status."""
    page = client.get(url).get_data(as_text=True)
    assert 'class="notice' in page, url
    status = [n for n in tree(page).walk() if n.attrs.get("role") == "status"]
    assert len(status) == 1 and said in status[0].text(), url


@pytest.mark.parametrize("url", ["/?q=xyzzyqq", "/documents?q=xyzzyqq", "/?q=genomlysnign"])
def test_a_search_without_hits_has_no_empty_list_or_fold(client, url: str) -> None:
    """A screen reader says "lista, 0 objekt" for an empty list, and an empty "Filtrera" fold
    is a stop on the Tab path that opens to nothing."""
    page = client.get(url).get_data(as_text=True)
    assert "0 träffar" in page or ">0 dokument" in page
    assert 'class="hitlist' not in page and "facet-panel" not in page


@pytest.mark.parametrize(
    "url", ["/?q=xyzzyqq&forbund=halland", "/?q=xyzzyqq år:2023", "/?q=xyzzyqq -förbund:halland"]
)
def test_a_filtered_search_without_hits_keeps_the_way_to_remove_the_filter(
    client, url: str
) -> None:
    page = client.get(url).get_data(as_text=True)
    assert '<details class="facet-panel">' in page and "Rensa filter" in page


def test_menade_du_is_a_sentence_with_the_suggestion_linked(client) -> None:
    root = tree(client.get("/?q=genomlysnign").get_data(as_text=True))
    suggestion = next(n for n in root.walk() if n.attrs.get("class") == "suggestion")
    assert suggestion.text() == "Menade du genomlysning?"
    assert nodes(suggestion, "a")[0].attrs["href"] == "/?q=genomlysning"


def test_paging_arrows_are_not_read_aloud(client) -> None:
    root = tree(client.get("/?q=samverkan&limit=2&page=2").get_data(as_text=True))
    paging = next(n for n in nodes(root, "nav") if n.attrs.get("aria-label") == "Sidor")
    assert [a.text() for a in nodes(paging, "a")] == ["Föregående sida", "Nästa sida"]


# --- a bad parameter: the page again, with its form and the error (GOV.UK's pattern) -------

FORM_PAGES = ("/", "/documents", "/compare")
# A bad parameter, its value, the message, and the pages where a form field takes it.
BAD_PARAMS = [
    ("from", "2024-13-01", "Från datum 2024-13-01 finns inte: månaden måste vara 01–12.",
     FORM_PAGES),
    ("to", "2023-02-29", "Till datum 2023-02-29 finns inte: februari 2023 har 28 dagar.",
     FORM_PAGES),
    ("from", "20240101",
     "Från datum ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-03-01, inte ”20240101”.", FORM_PAGES),
    ("sort", "weird", "Sorteringen måste vara relevans eller datum.", ("/", "/documents")),
    ("page", "abc", "Sidnumret måste vara ett heltal från 1 till 1001, inte ”abc”.", ()),
    ("limit", "0", "Antalet träffar per sida måste vara minst 1, inte 0.", ()),
    ("offset", "-1", "Träffen att börja på måste vara minst 0, inte -1.", ()),
    ("kind", "foo", "Typen ”foo” finns inte: välj protokoll, protokollsutdrag, rapport, annat "
     "eller bara beslut.", ()),
]  # fmt: skip


def _by_id(root: Node, id_: str) -> list[Node]:
    return [n for n in root.walk() if n.attrs.get("id") == id_]


# The compare page counts every hit: it reads no paging or order (`PAGING_AND_ORDER`).
_NOT_READ = {("/compare", name) for name in ("sort", "page", "limit", "offset")}
_BAD_ON_PAGES = [
    (path, *bad) for bad in BAD_PARAMS for path in FORM_PAGES if (path, bad[0]) not in _NOT_READ
]


@pytest.mark.parametrize(
    ("path", "name", "value", "message", "fields"),
    _BAD_ON_PAGES,
    ids=[f"{b[1]}={b[2]}-{b[0]}" for b in _BAD_ON_PAGES],
)
def test_a_bad_parameter_shows_the_form_again_with_the_error_at_its_field(
    client, path: str, name: str, value: str, message: str, fields: tuple[str, ...]
) -> None:
    """WCAG 3.3.1 and 3.3.3, as GOV.UK's error pattern: the page again with its form filled in
    as typed, no results, a 400, "Fel: " first in the title, a summary at the top (an alert
    headed "Det finns ett fel") whose entry links to the field, and the field marked invalid
    and described by its message beside it. A parameter with no field on the page (a page
    number, a kind a facet set) is said in the summary, with the search without it."""
    other = ("to", "2025-12-31") if name == "from" else ("from", "2021-01-01")
    typed = [("q", "budget"), ("forbund", "halland"), other, (name, value)]
    if path != "/documents":
        typed.append(("decisions", "1"))
    response = client.get(path, query_string=typed)
    assert response.status_code == 400
    page = response.get_data(as_text=True)
    root = tree(page)
    assert re.search(r"<title>Fel: [^<]*– Finsök</title>", page), page[:400]
    # no results: no count, no hits, no table
    assert not [n for n in root.walk() if n.attrs.get("role") == "status"], path
    assert "hitlist" not in page and "compare-result" not in page
    # the summary, at the top: right after the page's heading
    summary = next(n for n in root.walk() if n.attrs.get("role") == "alert")
    main = nodes(root, "main")[0]
    h1 = nodes(main, "h1")[0]
    siblings = [n for n in h1.parent.children if isinstance(n, Node)]
    assert siblings[siblings.index(h1) + 1] is summary, [n.tag for n in siblings]
    assert nodes(summary, "h2")[0].text() == "Det finns ett fel"
    assert summary.attrs["aria-labelledby"] == nodes(summary, "h2")[0].attrs["id"]
    assert [li.text() for li in nodes(summary, "li")] == [message]
    # the form, filled in with what was typed
    form = nodes(main, "form")[0]
    inputs = {(n.attrs.get("name"), n.attrs.get("value")): n for n in nodes(form, "input")}
    assert ("q", "budget") in inputs and other in inputs
    assert ("forbund", "halland") in inputs
    if inputs[("forbund", "halland")].attrs.get("type") == "checkbox":  # the compare chooser
        assert "checked" in inputs[("forbund", "halland")].attrs
    if path != "/documents":
        assert "checked" in inputs[("decisions", "1")].attrs
    invalid = [n for n in form.walk() if n.attrs.get("aria-invalid") == "true"]
    if path in fields:
        link = nodes(summary, "a")[0]
        assert link.attrs["href"] == f"#{name}" and link.text() == message
        (field,) = _by_id(root, name)  # the link's target exists, once
        assert invalid == [field] and field.tag in ("input", "select")
        if field.tag == "input":
            assert field.attrs["value"] == value and field.attrs["type"] == "text"
        (said,) = _by_id(root, field.attrs["aria-describedby"])
        assert said.text() == f"Fel: {message}" and said.parent is field.parent
        assert _label_of(field, root) and "invalid" in field.parent.attrs["class"]
    else:
        assert not invalid and not [n for n in nodes(summary, "li") if nodes(n, "a")]
        way_on = nodes(summary, "a")[0].attrs["href"]
        assert way_on.startswith(path) and f"{name}=" not in way_on and "q=budget" in way_on


@pytest.mark.parametrize(
    ("name", "value"), [("sort", "weird"), ("page", "abc"), ("limit", "0"), ("offset", "-1")]
)
def test_the_compare_page_reads_no_paging_or_order(client, name: str, value: str) -> None:
    """A search page's address edited into /compare keeps its paging and order, which a
    comparison has no use for: they are not read, so no value of theirs is an error there
    (as the feed has it); the comparison is the same as without them."""
    plain = client.get("/compare", query_string={"q": "ESF"})
    edited = client.get("/compare", query_string={"q": "ESF", name: value})
    assert plain.status_code == edited.status_code == 200
    assert "compare-result" in edited.get_data(as_text=True)
    assert 'role="alert"' not in edited.get_data(as_text=True)
    # its download too: the page's CSV link carries what the page was given
    csv = client.get("/compare.csv", query_string={"q": "ESF", name: value})
    assert csv.status_code == 200
    assert csv.data == client.get("/compare.csv", query_string={"q": "ESF"}).data
    # a program is still told: the API reads every parameter it is given
    api = client.get("/api/compare", query_string={"q": "ESF", name: value})
    assert api.status_code == 400 and api.get_json()["error"]["code"] == "bad_param"


def test_every_bad_parameter_is_listed_in_the_forms_order(client) -> None:
    """All at once, not one per try: each bad field is marked, the summary lists them as the
    form orders them, and the one without a field comes last."""
    page = client.get("/?q=budget&page=0&sort=x&to=2024-02-30&from=2024-13-01")
    root = tree(page.get_data(as_text=True))
    summary = next(n for n in root.walk() if n.attrs.get("role") == "alert")
    assert nodes(summary, "h2")[0].text() == "Det finns 4 fel"
    assert [a.attrs["href"] for a in nodes(summary, "a")][:3] == ["#from", "#to", "#sort"]
    assert nodes(summary, "li")[3].text() == "Sidnumret måste vara minst 1, inte 0."
    invalid = [n.attrs["id"] for n in root.walk() if n.attrs.get("aria-invalid") == "true"]
    assert invalid == ["from", "to", "sort"]


# --- colours -------------------------------------------------------------------------------


def luminance(hex_colour: str) -> float:
    digits = hex_colour.lstrip("#")
    if len(digits) == 3:
        digits = "".join(c * 2 for c in digits)

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    r, g, b = (channel(int(digits[i : i + 2], 16)) for i in (0, 2, 4))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def css_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    """(selector, declarations) of the screen rules: print and forced colours set colours of
    their own, outside what a reader sees on a screen."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    for media in ("print", r"\(forced-colors: active\)"):
        css = re.sub(r"@media " + media + r"\s*\{(?:[^{}]*\{[^{}]*\})*\s*\}", "", css)
    css = re.sub(r"@(media|supports)[^{]*\{", "", css)  # nested screen rules count as any
    rules = []
    for selector, body in re.findall(r"([^{}]+)\{([^{}]*)\}", css):
        declarations = dict(
            (k.strip(), v.strip()) for k, v in re.findall(r"([\w-]+)\s*:\s*([^;]+)", body)
        )
        rules.append((selector.strip(), declarations))
    return rules


def resolve(value: str, variables: dict[str, str]) -> str | None:
    """A colour value as #hex, or None where it is no colour of our own (inherit, a keyword)."""
    value = value.replace("!important", "").strip()
    found = re.fullmatch(r"var\((--[\w-]+)\)", value)
    if found:
        value = variables[found.group(1)]
    return value if re.fullmatch(r"#[0-9a-fA-F]{3}(?:[0-9a-fA-F]{3})?", value) else None


def text_colour_pairs() -> list[tuple[str, str, str]]:
    """(selector, text colour, background) for every text colour the stylesheet sets: against
    its own rule's background where it sets one, else against every background text sits on."""
    rules = css_rules(CSS.read_text(encoding="utf-8"))
    variables = {k: v for s, d in rules if s == ":root" for k, v in d.items()}
    backgrounds = {
        resolve(d.get("background-color") or d.get("background", ""), variables)
        for s, d in rules
        if not s.startswith(("button", "a.remove:hover", ".badge", "svg"))
    } - {None}
    pairs = []
    for selector, decl in rules:
        text = decl.get("color") or (
            decl.get("fill") if re.search(r"label|value|tick|empty", selector) else None
        )
        colour = resolve(text or "", variables)
        if not colour:
            continue
        own = resolve(decl.get("background-color") or decl.get("background", ""), variables)
        for background in [own] if own else sorted(backgrounds):
            pairs.append((selector, colour, background))
    return pairs


def test_the_css_is_read_as_expected() -> None:
    pairs = text_colour_pairs()
    selectors = {s for s, *_ in pairs}
    assert {"body", "a", ".count", "button", ".badge", "::placeholder"} <= selectors
    backgrounds = {b for *_, b in pairs}
    assert {"#fff", "#fff6d5", "#fff3cd", "#fde2e1", "#ffe27a"} <= backgrounds  # and the mark


def test_every_text_colour_has_4_5_to_1_contrast() -> None:
    """WCAG 1.4.3, computed from finsok.css itself, so a new colour is checked as it lands."""
    low = [
        (s, c, b, round(contrast(c, b), 2))
        for s, c, b in text_colour_pairs()
        if contrast(c, b) < 4.5
    ]
    assert not low, low


@pytest.mark.parametrize(
    ("a", "b", "ratio"), [("#fff", "#000", 21.0), ("#767676", "#ffffff", 4.54)]
)
def test_contrast_is_the_wcag_ratio(a: str, b: str, ratio: float) -> None:
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


def test_marks_and_badges_keep_a_cue_in_forced_colours() -> None:
    css = CSS.read_text(encoding="utf-8")
    block = re.search(r"@media \(forced-colors: active\)\s*\{(.*?)\n\}", css, re.S).group(1)
    assert re.search(r"mark \{[^}]*background: Mark;[^}]*color: MarkText", block)
    assert re.search(r"\.badge[^{]*\{[^}]*border: 1px solid CanvasText", block)
