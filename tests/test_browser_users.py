"""Finsök's pages as its users use them, in a real Chromium (Debian's, through Playwright):
staff at a samordningsförbund searching every förbund's protocols, and researchers comparing
förbund. What a user does (a search, a filter, Back, a bookmark, a shared link to a §, a
printout) is done as they do it, and what they then see and hear is checked.

Layout, contrast, focus rings and target sizes page by page are in tests/test_browser.py;
the markup's structure is in tests/test_accessibility.py.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.test_browser import CHROMIUM, CHROMIUM_ARGS, _page

pytestmark = pytest.mark.browser

HALLAND = "Samordningsförbundet i Halland"


@pytest.fixture(scope="module")
def browser_with_cache(playwright, server: str):
    """A context of a Chromium with its back/forward cache on, as a reader's is: Playwright
    turns it off by default."""
    browser = playwright.chromium.launch(
        executable_path=str(CHROMIUM),
        args=CHROMIUM_ARGS,
        headless=True,
        ignore_default_args=["--disable-back-forward-cache"],
    )
    context = browser.new_context(base_url=server, locale="sv-SE")
    context.set_default_timeout(5000)
    yield context
    browser.close()


@pytest.fixture
def page(browser, server: str):
    page = _page(browser, server)
    yield page
    page.context.close()


def _doc_path(page, q: str) -> tuple[str, str]:
    """The first hit's document for `q` (its path) and the hit's § anchor, from the API: a
    document's id depends on where the checkout is."""
    hit = page.request.get("/api/search", params={"q": q, "limit": 1}).json()["hits"][0]
    path, _, anchor = hit["url"].partition("#")
    return path, anchor


# --- Back, Forward, reload and bookmarks ------------------------------------------------------

# (page, the form's text box and its search, a box ticked, a way off the page in its main)
FORMS = {
    "search": ("/?q=ESF", "#q", "ESF", "input[name=decisions]", ".summary a[href^='/compare']"),
    "documents": (
        "/documents?q=samordningsförbundet",
        "#q",
        "samordningsförbundet",
        None,
        ".summary a[href^='/?']",
    ),
    "compare": ("/compare?q=ESF", "#q", "ESF", "input[name=decisions]", ".downloads a[href^='/?']"),
}


def _leave_with_the_form_changed(page, view: str) -> None:
    """On `view`, type another search and tick a box without sending them, as a reader who
    changes their mind does, and leave by a link on the page."""
    url, box, _, tick, way_off = FORMS[view]
    page.goto(url)
    page.locator(box).fill("budget")
    if tick:
        page.locator(tick).check()
    if view != "compare":
        page.locator("#sort").select_option("date")
    here = page.url
    page.locator(way_off).first.click()
    page.wait_for_url(lambda url: url != here)


def _assert_form_is_the_pages_search(page, view: str) -> None:
    from playwright.sync_api import expect

    _, box, search, tick, _ = FORMS[view]
    expect(page.locator(box)).to_have_value(search)
    if tick:
        expect(page.locator(tick)).not_to_be_checked()
    if view != "compare":
        expect(page.locator("#sort")).to_have_value("relevance")


@pytest.mark.parametrize("javascript", [True, False], ids=["js", "no-js"])
@pytest.mark.parametrize("view", FORMS)
def test_back_shows_the_form_as_the_search_on_the_page(
    browser, server: str, view: str, javascript: bool
) -> None:
    """Back to a result page showed its form as the reader had left it ("budget" typed,
    "Bara beslut" ticked, sorted by date, none of it sent) above the hits for "ESF",
    unfiltered: the form said one search and the hits another. The forms are
    autocomplete="off", so the browser no longer fills them in again, with or without
    JavaScript."""
    page = _page(browser, server, java_script_enabled=javascript)
    try:
        url = FORMS[view][0]
        _leave_with_the_form_changed(page, view)
        page.go_back()
        page.wait_for_url(re.compile(re.escape(url.split("?")[0]) + r"\?q="))
        _assert_form_is_the_pages_search(page, view)
    finally:
        page.context.close()


def _note_whether_kept(page) -> None:
    """Have `page` note whether the browser kept it whole for Back (`_assert_kept`)."""
    page.add_init_script("addEventListener('pageshow', e => { window.kept = e.persisted; })")


def _assert_kept(page) -> None:
    """The page shown after Back is the one the browser kept whole: else a test of what a
    kept page shows tests nothing."""
    page.wait_for_function("window.kept !== undefined")
    assert page.evaluate("window.kept"), "the page was not kept: the test tests nothing"


def test_a_page_kept_whole_for_back_has_its_form_set_back(browser_with_cache) -> None:
    """Chrome keeps a page whole for Back (its back/forward cache, on for readers, off by
    Playwright's default) with what was typed in it, whatever autocomplete says: the form
    still said "budget", "Bara beslut" above the hits for "ESF". finsok.js sets it back to
    the page's search whenever the reader comes back or forward to it."""
    page = browser_with_cache.new_page()
    try:
        _note_whether_kept(page)
        page.goto("/?q=ESF")
        page.locator("#q").fill("budget")
        page.locator("input[name=decisions]").check()
        page.locator(".summary a[href^='/compare']").click()
        page.wait_for_url(re.compile(r"/compare\?"))
        page.go_back(wait_until="commit")  # a page from the cache fires no load event
        page.wait_for_url(re.compile(r"/\?q=ESF$"), wait_until="commit")
        _assert_kept(page)
        _assert_form_is_the_pages_search(page, "search")
    finally:
        page.close()


# (page, what is typed in its box, the field left at its default or empty, the address sent)
SENT = {
    "search": ("/", "budget", "/?q=budget"),
    "documents": ("/documents", "Rahm", "/documents?q=Rahm"),
    "compare": ("/compare", "ESF", "/compare?q=ESF"),
}


@pytest.mark.parametrize("view", SENT)
def test_a_form_sends_only_what_was_filled_in(page, view: str) -> None:
    """A form sent `?q=budget&from=&to=&sort=relevance`: a shared link full of empty
    parameters, which a reader cannot tell from filters. finsok.js leaves out an empty field
    and the order the server takes without one; a date or an order chosen is sent."""
    url, typed, sent = SENT[view]
    page.goto(url)
    page.locator("#q").fill(typed)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"\?q="))
    assert page.evaluate("location.pathname + location.search") == sent
    page.locator("#from").fill("2023-01-01")
    if view != "compare":
        page.locator("#sort").select_option("date")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"from="))
    chosen = "&from=2023-01-01" + ("&sort=date" if view != "compare" else "")
    assert page.evaluate("location.pathname + location.search") == sent + chosen


def test_a_form_sent_without_its_empty_fields_is_whole_on_back(browser_with_cache) -> None:
    """The empty fields are left out of what is sent, not out of the form: Back to a page the
    browser kept whole finds every field there and enabled, set to the page's search."""
    page = browser_with_cache.new_page()
    try:
        _note_whether_kept(page)
        page.goto("/?q=ESF&from=2023-01-01")
        page.locator("#q").fill("budget")
        page.locator("#from").fill("")
        page.locator("#q").press("Enter")
        page.wait_for_url(re.compile(r"/\?q=budget$"))
        page.go_back(wait_until="commit")
        page.wait_for_url(re.compile(r"/\?q=ESF&from=2023-01-01$"), wait_until="commit")
        _assert_kept(page)
        fields = page.evaluate(
            "[...document.querySelector('main form').elements].filter(e => e.name)"
            ".map(e => [e.name, e.disabled, e.value])"
        )
        assert ["q", False, "ESF"] in fields and ["from", False, "2023-01-01"] in fields, fields
        assert not [f for f in fields if f[1]], fields
        page.locator("#q").fill("budget")  # and it sends as before
        page.locator("#q").press("Enter")
        page.wait_for_url(re.compile(r"/\?q=budget&from=2023-01-01$"))
    finally:
        page.close()


@pytest.mark.parametrize("view", SENT)
def test_an_empty_field_is_no_filter_without_javascript(browser, server: str, view: str) -> None:
    """Without JavaScript the form sends its empty fields (`from=&to=`), and the server reads
    an empty value as none: the same answer as the address without them, and no error, no
    notice about a parameter."""
    from playwright.sync_api import expect

    page = _page(browser, server, java_script_enabled=False)
    try:
        url, typed, sent = SENT[view]
        page.goto(sent.replace(typed, "ESF"))
        clean = page.locator(".summary").inner_text()
        page.goto(url)
        page.locator("#q").fill("ESF")
        page.locator("main form button[type=submit]").click()
        page.wait_for_url(re.compile(r"from=&to="))
        expect(page.locator(".summary")).to_have_text(clean)
        expect(page.locator(".error-summary, .notice")).to_have_count(0)
    finally:
        page.context.close()


def test_a_page_kept_whole_for_back_is_set_back_also_when_left_by_enter(
    browser_with_cache,
) -> None:
    """A search sent by Enter in its box leaves the focus in the box, and the page kept whole
    for Back kept it there: finsok.js left a form holding the focus alone, so the box said
    "budget" above the hits for "ESF", as before the form was set back at all."""
    from playwright.sync_api import expect

    page = browser_with_cache.new_page()
    try:
        _note_whether_kept(page)
        page.goto("/?q=ESF")
        page.locator("#q").fill("budget")
        page.locator("#q").press("Enter")
        page.wait_for_url(re.compile(r"q=budget"))
        page.go_back(wait_until="commit")
        page.wait_for_url(re.compile(r"/\?q=ESF$"), wait_until="commit")
        _assert_kept(page)
        expect(page.locator("#q")).to_have_value("ESF")
    finally:
        page.close()


def test_a_reload_keeps_what_the_reader_is_typing(page) -> None:
    """Only Back and Forward set the form back: on a page reached anew, typing goes on."""
    from playwright.sync_api import expect

    page.goto("/?q=ESF")
    page.locator("#q").fill("budget")
    page.evaluate("dispatchEvent(new PageTransitionEvent('pageshow', {persisted: false}))")
    expect(page.locator("#q")).to_have_value("budget")


def test_back_forward_and_reload_keep_the_search_its_filters_and_its_page(page) -> None:
    """Every step of a search is an address: Back and Forward walk through the filters and
    pages chosen, and a reload or a bookmark of one shows that very view."""
    from playwright.sync_api import expect

    page.goto("/?q=samordningsförbundet&limit=2")
    page.locator("nav.pagination a[rel=next]").click()
    page.wait_for_url(re.compile(r"page=2"))
    expect(page.locator("nav.pagination")).to_contain_text("Sida 2 av")
    paged = page.url
    page.locator(".facets a", has_text=re.compile(r"^2024$")).click()
    page.wait_for_url(re.compile(r"from=2024-01-01"))
    filtered = page.url
    assert "page=" not in filtered  # a new filter starts at the first page
    hits = page.locator("li.hit h2").all_inner_texts()
    page.go_back()
    page.wait_for_url(paged)
    expect(page.locator("nav.pagination")).to_contain_text("Sida 2 av")
    page.go_forward()
    page.wait_for_url(filtered)
    page.reload()
    assert page.locator("li.hit h2").all_inner_texts() == hits
    expect(page.locator(".facets [aria-current=true]")).to_have_text("2024")
    bookmark = page.context.new_page()  # a bookmark opened in a new tab
    bookmark.goto(filtered)
    assert bookmark.locator("li.hit h2").all_inner_texts() == hits
    assert bookmark.title() == page.title()


def test_a_filter_click_is_said_in_the_title(page) -> None:
    """WCAG 2.4.2: a filtered search had the title of the search before it ("ESF – Sök"),
    so the first words a screen reader said on arrival did not tell that the filter took,
    and the history (Back held down) and the bookmarks listed both under one name. The
    title names the filters that the query's text does not already name."""
    from playwright.sync_api import expect

    page.goto("/?q=ESF")
    expect(page).to_have_title("ESF – Sök – Finsök")
    page.locator(".facets a", has_text=re.compile(f"^{HALLAND}$")).click()
    expect(page).to_have_title(f"ESF (förbund: {HALLAND}) – Sök – Finsök")
    page.locator(".facets a", has_text=re.compile(r"^2023$")).click()
    expect(page).to_have_title(f"ESF (förbund: {HALLAND}; år: 2023) – Sök – Finsök")
    page.go_back()
    expect(page).to_have_title(f"ESF (förbund: {HALLAND}) – Sök – Finsök")
    page.goto("/?q=ESF förbund:halland")  # the query names its filter itself
    expect(page).to_have_title("ESF förbund:halland – Sök – Finsök")
    page.goto("/documents?q=samordningsförbundet&forbund=halland")
    expect(page).to_have_title(f"samordningsförbundet (förbund: {HALLAND}) – Dokument – Finsök")


@pytest.mark.parametrize(
    ("url", "facet", "link", "first"),
    [
        ("/?q=ESF", HALLAND, "Hoppa till träffarna", "li.hit h2 a"),
        ("/documents?q=samordningsförbundet", "2023", "Hoppa till dokumenten", "ol.doclist h2 a"),
    ],
)
def test_after_a_facet_click_the_keyboard_reaches_the_hits_in_a_few_keys(
    page, url: str, facet: str, link: str, first: str
) -> None:
    """A filter chosen, the page opens at its top, and Tab went through the menu, the form
    and every facet (some twenty stops) before the first hit. The first stop in <main> is
    now a second skip link to the hits: skip link, main, this link, and Tab is at the
    count's links and then the first hit."""
    from playwright.sync_api import expect

    page.goto(url)
    page.locator(".facets a", has_text=re.compile(f"^{facet}$")).click()
    page.wait_for_load_state()
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Hoppa till innehållet"
    page.keyboard.press("Tab")
    to_hits = page.get_by_role("link", name=link)
    expect(to_hits).to_be_focused()
    expect(to_hits).to_be_in_viewport()  # a skip link shows itself when focused
    page.keyboard.press("Enter")
    expect(page.locator("section.hits")).to_be_focused()
    stops = []
    while len(stops) < 5:  # the count's links, then the first hit
        page.keyboard.press("Tab")
        stops.append(page.evaluate("document.activeElement.textContent.trim()"))
        if page.evaluate(f"document.activeElement === document.querySelector('{first}')"):
            break
    else:
        pytest.fail(f"five Tabs from the hits did not reach the first hit: {stops}")


def test_a_field_the_browser_will_not_send_is_explained_in_swedish(page) -> None:
    """The browser stops a form with an empty required box, and says why in its own
    language: "Please fill out this field." in an English browser, on a Swedish page.
    finsok.js says it in Swedish; once the field is right, the form is sent."""
    page.goto("/compare")
    page.locator("#q").evaluate(
        "f => f.addEventListener('invalid', () => { window.said = f.validationMessage; })"
    )
    page.locator("main form button[type=submit]").click()
    page.wait_for_function("window.said !== undefined")
    assert page.evaluate("window.said") == "Skriv vad som ska jämföras, till exempel ESF."
    assert page.evaluate("location.pathname + location.search") == "/compare"  # not sent
    page.locator("#q").fill("ESF")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"q=ESF"))


# --- screen readers -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("url", "entry", "said"),
    [
        ("/?q=ESF", HALLAND, "2 träffar"),
        ("/?q=ESF&forbund=halland", HALLAND, "2 träffar"),  # the active entry
        ("/documents?q=samordningsförbundet", HALLAND, "1 dokument"),
    ],
)
def test_a_facets_count_says_what_it_counts(page, url: str, entry: str, said: str) -> None:
    """A screen reader read a facet entry as its name and a bare number ("2023, 5"): the
    count says what it counts, to it only; the screen shows the grey number as before."""
    page.goto(url)
    item = page.locator(".facets li", has_text=entry)
    count = item.locator(".count")
    assert count.text_content() == said, count.text_content()
    word = count.locator(".visually-hidden")
    assert word.evaluate("e => e.getBoundingClientRect().width") <= 1
    assert count.evaluate("e => e.getBoundingClientRect().width") < 40  # the number alone


def test_a_shared_link_to_a_section_opens_it_marked_and_focused(browser, server: str) -> None:
    """A colleague's link to a § (…#p11), opened cold on a phone: the § is scrolled to the
    top, marked, and has the keyboard focus, so Tab goes on from it."""
    from playwright.sync_api import expect

    page = _page(browser, server, viewport={"width": 360, "height": 640})
    try:
        path, anchor = _doc_path(page, "genomlysning")
        page.goto(f"{path}#{anchor}")
        section = page.locator(f"#{anchor}")
        assert page.evaluate("document.querySelector(':target').id") == anchor
        expect(section).to_be_focused()
        assert 0 <= section.evaluate("e => e.getBoundingClientRect().top") < 40
        assert section.evaluate("e => getComputedStyle(e).borderLeftStyle") == "solid"
        page.keyboard.press("Tab")  # on from the §: its own copy button
        assert page.evaluate(f"document.activeElement.closest('#{anchor}') !== null")
    finally:
        page.context.close()


@pytest.mark.parametrize(
    ("anchor", "said"),
    [
        ("p999", "Länken leder till § 999, som inte finns i det här dokumentet."),
        ("p11-2", "Länken leder till § 11 (nr 2 med det numret), som inte finns"),
        ("m8", "Länken leder till Mål 8, som inte finns i det här dokumentet."),
        # the link's own text is never repeated: anyone can write it
        ("<b>x</b>", "Länken leder till ett ställe som inte finns i det här dokumentet."),
        ("%zz", "Länken leder till ett ställe som inte finns"),
    ],
)
def test_a_link_to_a_part_the_document_lacks_says_so(page, anchor: str, said: str) -> None:
    """A shared link to a § the document does not have (mistyped, or from before the
    document was read again) opened the page at its top without a word: a notice above
    the contents says so and has the focus; going on to a part takes it away."""
    from playwright.sync_api import expect

    path, _ = _doc_path(page, "genomlysning")
    page.goto(f"{path}#{anchor}")
    notice = page.locator(".missing-part")
    expect(notice).to_contain_text(said)
    expect(notice).to_be_focused()
    assert "<b>" not in notice.inner_html()
    page.locator(".toc a").first.click()
    expect(notice).to_have_count(0)
    page.goto(f"{path}#p11")  # a part it has: no notice
    page.reload()
    expect(page.locator("#p11")).to_be_focused()
    expect(page.locator(".missing-part")).to_have_count(0)


def _accessibility_tree(page) -> list[dict]:
    """Chromium's accessibility tree of the page, as a screen reader gets it (DevTools'
    Accessibility domain): every node with its role, name and children's ids."""
    session = page.context.new_cdp_session(page)
    try:
        return session.send("Accessibility.getFullAXTree")["nodes"]
    finally:
        session.detach()


def _role(node: dict) -> str:
    return node.get("role", {}).get("value", "")


def _name(node: dict) -> str:
    return node.get("name", {}).get("value", "")


def _under(nodes: list[dict], top: dict) -> list[dict]:
    """`top` and every node below it in the accessibility tree."""
    by_id = {node["nodeId"]: node for node in nodes}
    found, todo = [], [top]
    while todo:
        node = todo.pop()
        found.append(node)
        todo.extend(by_id[c] for c in node.get("childIds", []) if c in by_id)
    return found


def test_the_contents_list_shows_the_documents_own_labels_only(page) -> None:
    """The contents list numbered its entries itself beside the document's numbers: "1. § 42
    Mötets öppnande", "2. § 43 …", on screen and read out (Chromium gives a screen reader the
    list's markers as text). Only the document's own labels are shown and said."""
    from playwright.sync_api import expect

    path, _ = _doc_path(page, "förbund:soderasen")
    page.goto(path)
    entries = page.locator("nav.toc li")
    expect(entries.first).to_have_text("§ 42 Mötets öppnande")
    nodes = _accessibility_tree(page)
    contents = next(n for n in nodes if _role(n) == "navigation" and _name(n) == "Innehåll")
    markers = [_name(n) for n in _under(nodes, contents) if _role(n) == "ListMarker"]
    assert markers == [], markers
    assert entries.first.evaluate("li => getComputedStyle(li).listStyleType") == "none"
    # The list is still a list of every part, its heading and its links in the document's order.
    links = page.locator("nav.toc a").all_inner_texts()
    assert links == page.locator(".section h2").all_inner_texts() and len(links) == 10


def test_a_document_has_no_landmark_per_section(page) -> None:
    """Every § was a region landmark (a <section> named by its heading): a protocol's 40 §
    filled a screen reader's list of landmarks, where the page's own few (the menu, the
    contents, the main content) were lost. The § are found by their headings instead, and a
    link to one still focuses it."""
    from playwright.sync_api import expect

    path, anchor = _doc_path(page, "genomlysning")
    page.goto(f"{path}#{anchor}")
    expect(page.locator(f"#{anchor}")).to_be_focused()
    landmarks = {"banner", "navigation", "main", "contentinfo", "region", "complementary",
                 "search", "form"}  # fmt: skip
    found = [(_role(n), _name(n)) for n in _accessibility_tree(page) if _role(n) in landmarks]
    assert sorted(found) == [
        ("banner", ""),
        ("contentinfo", ""),
        ("main", ""),
        ("navigation", "Huvudmeny"),
        ("navigation", "Innehåll"),
    ], found
    headings = page.get_by_role("heading", level=2)
    assert page.locator(".section").count() == 16
    assert headings.count() == 1 + 16  # "Innehåll" and every §


@pytest.mark.parametrize("url", ["/", "/documents", "/compare"])
def test_a_date_field_says_the_format_to_write_it_in(page, url: str) -> None:
    """The label says how a date is written, on screen and to a screen reader, above the
    field on a phone as beside it on a wide screen."""
    from playwright.sync_api import expect

    page.goto(url)
    for name, label in (("from", "Från datum"), ("to", "Till datum")):
        field = page.get_by_label(f"{label} ÅÅÅÅ-MM-DD", exact=True)
        expect(field).to_have_attribute("name", name)
        expect(page.locator(f"label[for={name}] .format")).to_be_visible()


# Chromium's locales as a Swedish office has them: a Swedish browser, and an English one.
LOCALES = ["sv-SE", "en-US"]


@pytest.mark.parametrize("locale", LOCALES)
@pytest.mark.parametrize("url", ["/?q=budget", "/compare?q=budget"])
def test_a_date_is_shown_and_typed_as_its_label_says_in_any_locale(
    browser, server: str, url: str, locale: str
) -> None:
    """A date field (type="date") drew the browser's own control, in the format of the
    browser's language: "mm/dd/yyyy" and "12/01/2023" beside a label that says ÅÅÅÅ-MM-DD, and
    a date typed as the label says went into the month. In a Swedish and an English
    Chromium alike the field shows the date as the label and the hits write it, and takes it
    typed so."""
    from playwright.sync_api import expect

    context = browser.new_context(base_url=server, locale=locale)
    context.set_default_timeout(5000)
    try:
        page = context.new_page()
        page.goto(f"{url}&to=2025-06-30")
        to = page.get_by_label("Till datum ÅÅÅÅ-MM-DD", exact=True)
        expect(to).to_have_value("2025-06-30")
        field = page.get_by_label("Från datum ÅÅÅÅ-MM-DD", exact=True)
        field.focus()
        page.keyboard.type("2023-12-01")
        expect(field).to_have_value("2023-12-01")
        field.press("Enter")
        page.wait_for_url(re.compile(r"from=2023-12-01&to=2025-06-30"))
        expect(page.get_by_label("Från datum ÅÅÅÅ-MM-DD", exact=True)).to_have_value("2023-12-01")
    finally:
        context.close()


@pytest.mark.parametrize("locale", LOCALES)
def test_a_date_typed_wrong_is_explained_in_swedish_at_its_field(
    browser, server: str, locale: str
) -> None:
    """A date the server cannot read is said in Swedish beside its field (the error
    pattern of every bad parameter), in whatever language the browser speaks, and kept as
    typed there to be corrected."""
    from playwright.sync_api import expect

    context = browser.new_context(base_url=server, locale=locale)
    context.set_default_timeout(5000)
    try:
        page = context.new_page()
        page.goto("/?q=ESF")
        field = page.get_by_label("Från datum ÅÅÅÅ-MM-DD", exact=True)
        field.fill("1/12/2023")
        field.press("Enter")
        page.wait_for_url(re.compile(r"from=1%2F12%2F2023"))
        field = page.get_by_label("Från datum ÅÅÅÅ-MM-DD", exact=True)
        expect(field).to_have_value("1/12/2023")
        expect(field).to_have_accessible_description(
            "Fel: Från datum ska skrivas ÅÅÅÅ-MM-DD, till exempel 2024-03-01, inte ”1/12/2023”."
        )
        field.fill("2023-12-01")
        field.press("Enter")
        page.wait_for_url(re.compile(r"from=2023-12-01"))
        expect(page.locator("li.hit").first).to_be_visible()
    finally:
        context.close()


def test_the_compare_pages_skip_link_leads_past_the_forbund_to_the_comparison(page) -> None:
    """The comparison lay past the form and its förbund, one checkbox each (every förbund in
    the index) and open when any is chosen: a second skip link leads to it, as the search
    page's leads to the hits."""
    from playwright.sync_api import expect

    page.goto("/compare?q=ESF&forbund=halland&forbund=blekinge&forbund=soderasen")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")  # "Hoppa till innehållet"
    page.keyboard.press("Tab")
    to_result = page.get_by_role("link", name="Hoppa till jämförelsen")
    expect(to_result).to_be_focused()
    expect(to_result).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page.locator("#jamforelse")).to_be_focused()
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Ladda ner som CSV")).to_be_focused()


def test_a_comparisons_title_says_what_it_compares(page) -> None:
    """WCAG 2.4.2: "ESF – Jämför förbund och år" was the title of every comparison of ESF,
    of three förbund or of all, in one year or in all: the tabs, the history and a screen
    reader's first words could not tell them apart. The limits follow the query, as the
    filters do in a search's title."""
    from playwright.sync_api import expect

    page.goto("/compare?q=ESF")
    expect(page).to_have_title("ESF – Jämför förbund och år – Finsök")
    page.locator("details.forbund-choice summary").click()
    for name in ("Blekinge", "Halland", "Söderåsen"):
        page.get_by_label(re.compile(name)).check()
    page.get_by_role("button", name="Jämför").click()
    expect(page).to_have_title(
        "ESF (förbunden: Samordningsförbundet i Blekinge, Samordningsförbundet i Halland,"
        " Samordningsförbundet Söderåsen) – Jämför förbund och år – Finsök"
    )


# --- on a phone -------------------------------------------------------------------------------------

PHONE = {"width": 375, "height": 700}

# Each line of a checkbox label's name (left, top, bottom), and its box (right, middle).
CHECK_LINES_JS = """l => { const input = l.querySelector('input'), box = input.getBoundingClientRect();
  const name = document.createRange(); name.setStartAfter(input); name.setEndAfter(l.lastChild);
  const lines = [...name.getClientRects()].filter(r => r.width > 1);
  return {name: l.textContent.trim(), right: box.right, middle: (box.top + box.bottom) / 2,
          lines: lines.map(r => [r.left, r.top, r.bottom])}; }"""


@pytest.mark.parametrize("width", [375, 320])
def test_a_long_forbund_name_hangs_beside_its_box(browser, server: str, width: int) -> None:
    """On a phone a long name ("Samordningsförbundet Västra Mälardalen") wrapped under its
    checkbox, so its second line stood under the boxes, between two names: every line of a
    name starts beside its box, and the box is level with the name's first line."""
    page = _page(browser, server, viewport={**PHONE, "width": width})
    try:
        page.goto("/compare?q=ESF&forbund=halland")
        labels = page.locator("main form label.check").all()
        checks = [label.evaluate(CHECK_LINES_JS) for label in labels]
        wrapped = [c["name"] for c in checks if len({round(line[1]) for line in c["lines"]}) > 1]
        assert wrapped, "no name wraps: the test tests nothing"
        for check in checks:
            assert all(left >= check["right"] for left, _, _ in check["lines"]), check
            _, top, bottom = min(check["lines"], key=lambda line: line[1])
            assert top < check["middle"] < bottom, check  # level with the first line
    finally:
        page.context.close()


# --- without JavaScript ---------------------------------------------------------------------------


def test_search_filters_paging_and_exports_work_without_javascript(browser, server: str) -> None:
    from playwright.sync_api import expect

    page = _page(browser, server, java_script_enabled=False)
    try:
        page.goto("/")
        page.get_by_label("Sök i protokoll och rapporter").fill("samordningsförbundet")
        page.get_by_label("Bara beslut").check()
        page.get_by_role("button", name="Sök").click()
        page.wait_for_url(re.compile(r"decisions=1"))
        expect(page.locator(".summary")).to_contain_text("träff")
        page.goto("/?q=samordningsförbundet&limit=2")
        page.locator("nav.pagination a[rel=next]").click()
        page.wait_for_url(re.compile(r"page=2"))
        page.locator(".facets a", has_text=re.compile(f"^{HALLAND}$")).click()
        page.wait_for_url(re.compile(r"forbund=halland"))
        expect(page.locator(".facets [aria-current=true]")).to_have_text(HALLAND)
        with page.expect_download() as download:
            page.get_by_role("link", name="Ladda ner träffarna (CSV)").click()
        assert download.value.suggested_filename.endswith(".csv")
        assert "Halland" in Path(download.value.path()).read_text(encoding="utf-8-sig")
    finally:
        page.context.close()


# --- on paper ----------------------------------------------------------------------------------------

# A4 across, or a wide window's print preview: wider than the 48rem narrow layout.
PAPER_WIDE = {"width": 1100, "height": 800}


@pytest.mark.parametrize(
    "url", ["/?q=ESF&forbund=halland", "/documents?q=samordningsförbundet&forbund=halland"]
)
def test_printed_hits_take_the_width_of_the_paper(browser, server: str, url: str) -> None:
    """The facets are not printed, but their 15rem column stayed in the grid, and the hits
    printed in it: a column of two or three words a line down a wide page."""
    page = _page(browser, server, viewport=PAPER_WIDE)
    try:
        page.goto(url)
        page.emulate_media(media="print")
        hits = page.locator("section.hits").bounding_box()
        main = page.locator("main").bounding_box()
        assert hits["width"] >= 0.9 * main["width"], (hits, main)
    finally:
        page.context.close()


@pytest.mark.parametrize(
    ("url", "count"),
    [
        ("/?q=ESF&forbund=halland", "2 träffar för ”ESF”"),
        ("/documents?q=samordningsförbundet", "7 dokument för ”samordningsförbundet”"),
    ],
)
def test_a_printed_result_says_its_count_without_the_links_to_act(
    page, url: str, count: str
) -> None:
    """On paper the count stays, and the links beside it (follow, download, compare, search
    the sections) go, as the compare page's downloads do: they are ways to act on screen."""
    from playwright.sync_api import expect

    page.goto(url)
    expect(page.locator(".summary a").first).to_be_visible()
    page.emulate_media(media="print")
    summary = page.locator(".summary")
    for link in summary.locator("a").all():
        expect(link).to_be_hidden()
    assert summary.inner_text().strip() == count  # no "·" left dangling either


def test_a_printed_comparison_says_what_it_was_limited_to(page) -> None:
    """The form is not printed, so a comparison limited to one förbund and one year printed
    as if it counted everything; on paper a line says the limits."""
    from playwright.sync_api import expect

    page.goto("/compare?q=ESF&forbund=halland&from=2023-01-01&to=2023-12-31&decisions=1")
    limits = page.locator(".limits")
    expect(limits).to_be_hidden()  # on screen the form says it
    page.emulate_media(media="print")
    expect(limits).to_be_visible()
    expect(limits).to_have_text(
        f"Avgränsning: 2023-01-01 – 2023-12-31; bara beslut; förbund: {HALLAND}."
    )
    page.emulate_media(media="screen")
    page.goto("/compare?q=ESF")
    assert page.locator(".limits").count() == 0  # nothing limited, nothing said


def test_a_printed_document_has_its_text_and_no_menu(page) -> None:
    """A protocol printed from a § link: every § and the head's text, none of the menu, the
    way back, the copy buttons or the § marked as on screen."""
    from playwright.sync_api import expect

    path, anchor = _doc_path(page, "genomlysning")
    page.goto(f"{path}?q=genomlysning#{anchor}")
    page.emulate_media(media="print")
    for hidden in ("header.site nav", ".backlink", "button.copy", ".skip"):
        expect(page.locator(hidden).first).to_be_hidden()
    expect(page.locator("details#huvud .text")).to_be_visible()
    sections = page.locator(".section")
    assert sections.count() > 1
    for section in sections.all():
        expect(section).to_be_visible()
    background = page.locator(f"#{anchor}").evaluate("e => getComputedStyle(e).backgroundColor")
    assert background in ("rgba(0, 0, 0, 0)", "transparent"), background
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and len(pdf) > 10_000
