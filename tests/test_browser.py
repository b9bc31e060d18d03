"""The real server (`finsok serve`) driven by a real Chromium through Playwright.

Uses Debian's chromium at /usr/bin/chromium (installed by `.ci/run`), never a downloaded
browser. Screenshots of the main views land in test-artifacts/ for a human to look at.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
ROOT = Path(__file__).resolve().parent.parent
ARTIFACTS = ROOT / "test-artifacts"
TARGET_BACKGROUND = "rgb(255, 246, 213)"  # --target in finsok.css
XSS_TEXT = '<script>alert("xss")</script>'


@pytest.fixture(scope="module")
def artifacts() -> Path:
    ARTIFACTS.mkdir(exist_ok=True)
    return ARTIFACTS


def _page(browser, server: str, *, default_font_size: int | None = None, **options):
    """A page in a fresh context; every JS dialog it opens is recorded (and dismissed).

    `default_font_size` is the browser's own font size setting (chrome://settings/fonts),
    set through DevTools' Page.setFontSizes: unlike a root font size in CSS it also moves
    the rem in media queries, which are measured against the browser's default, so a page
    switches layout as it would for a reader with that setting."""
    context = browser.new_context(base_url=server, locale="sv-SE", **options)
    context.set_default_timeout(5000)
    page = context.new_page()
    if default_font_size:
        sizes = {"standard": default_font_size, "fixed": default_font_size * 13 // 16}
        context.new_cdp_session(page).send("Page.setFontSizes", {"fontSizes": sizes})
    page.dialogs = []

    def on_dialog(dialog) -> None:
        page.dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return page


@pytest.fixture
def page(browser, server: str):
    page = _page(browser, server)
    yield page
    page.context.close()


def _search(page, query: str) -> None:
    page.goto("/")
    box = page.get_by_label("Sök i protokoll och rapporter")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="))


def test_search_shows_ranked_hits(page, artifacts: Path) -> None:
    from playwright.sync_api import expect

    _search(page, "genomlysning")
    expect(page.locator(".summary")).to_contain_text("4 träffar för ”genomlysning”")
    first = page.locator("li.hit").first
    expect(first.locator("h2")).to_contain_text("§ 11 Lärande genomlysning")
    expect(first.locator("mark").first).to_be_visible()
    expect(page.locator("li.hit .badge", has_text="Beslut").first).to_be_visible()
    page.screenshot(path=artifacts / "search-results.png", full_page=True)


def test_hit_opens_the_section_marked_and_focused(page, artifacts: Path) -> None:
    from playwright.sync_api import expect

    _search(page, "genomlysning")
    page.locator("li.hit h2 a").first.click()
    page.wait_for_url(re.compile(r"/doc/[0-9a-f]+\?q=genomlysning#p11$"))
    section = page.locator("#p11")
    assert page.evaluate("document.querySelector(':target').id") == "p11"
    background = section.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background == TARGET_BACKGROUND
    expect(section.locator("mark").first).to_be_visible()
    expect(section).to_be_focused()  # finsok.js moves focus to the section
    expect(page.locator("button.copy").first).to_be_visible()  # JS reveals the copy buttons
    page.screenshot(path=artifacts / "document.png")


def test_a_document_match_opens_the_head_unfolded(page, artifacts: Path) -> None:
    from playwright.sync_api import expect

    _search(page, "Tony Rahm")
    expect(page.locator(".summary")).to_contain_text("0 träffar")
    page.locator(".docmatches a", has_text="Sammanträdesprotokoll nr 4").click()
    page.wait_for_url(re.compile(r"/doc/[0-9a-f]+\?q=Tony%20Rahm&huvud=1#huvud$"))
    head = page.locator("details#huvud")
    expect(head).to_have_attribute("open", "")  # the server unfolds a head the query is in
    expect(head.locator("mark", has_text="Rahm")).to_be_visible()
    page.screenshot(path=artifacts / "document-head.png")
    # Without a query, the link's anchor unfolds it (finsok.js).
    page.goto(page.url.split("?")[0] + "#huvud")
    expect(page.locator("details#huvud")).to_have_attribute("open", "")


def test_every_matching_document_is_one_click_away(page, artifacts: Path) -> None:
    from playwright.sync_api import expect

    _search(page, "samordningsförbundet")
    page.locator(".docmatches a.all-documents").click()
    page.wait_for_url(re.compile(r"/documents\?q=samordningsf%C3%B6rbundet(&|$)"))
    expect(page.locator(".summary")).to_contain_text("7 dokument för ”samordningsförbundet”")
    expect(page.locator("ol.doclist > li")).to_have_count(7)
    page.screenshot(path=artifacts / "documents.png", full_page=True)
    page.locator(".facets a", has_text=re.compile(r"^2023$")).click()
    page.wait_for_url(re.compile(r"from=2023-01-01&to=2023-12-31"))
    expect(page.locator("ol.doclist > li")).to_have_count(2)
    page.locator("ol.doclist h2 a").first.click()
    page.wait_for_url(
        re.compile(r"/doc/[0-9a-f]+\?q=samordningsf%C3%B6rbundet&huvud=1&back=.+#huvud$")
    )
    expect(page.locator("details#huvud")).to_have_attribute("open", "")
    page.locator(".backlink a").click()  # back to the filtered list, not a new search
    page.wait_for_url(re.compile(r"/documents\?q=.+&from=2023-01-01&to=2023-12-31$"))
    expect(page.locator("ol.doclist > li")).to_have_count(2)


def test_facet_filters_by_forbund(page) -> None:
    from playwright.sync_api import expect

    page.goto("/?q=ESF")
    expect(page.locator(".summary")).to_contain_text("5 träffar")
    page.locator(".facets a", has_text=re.compile(r"^Samordningsförbundet i Halland$")).click()
    page.wait_for_url(re.compile(r"forbund=halland"))
    expect(page.locator(".summary")).to_contain_text("2 träffar")
    metas = page.locator("li.hit .meta").all_inner_texts()
    assert metas and all(m.startswith("Samordningsförbundet i Halland") for m in metas), metas
    active = page.locator(".facets [aria-current=true]")
    expect(active).to_have_count(1)
    expect(active).to_have_text("Samordningsförbundet i Halland")
    assert active.evaluate("e => getComputedStyle(e).fontWeight") == "700"
    page.get_by_role("link", name="Ta bort filtret förbund: Samordningsförbundet i Halland").click()
    page.wait_for_url(re.compile(r"/\?q=ESF$"))
    expect(page.locator(".summary")).to_contain_text("5 träffar")
    expect(page.locator(".facets [aria-current=true]")).to_have_count(0)


def test_compare_view_has_table_and_chart(page, artifacts: Path) -> None:
    from playwright.sync_api import expect

    response = page.goto("/compare?q=ESF")
    assert response is not None and response.status == 200, response and response.status
    page.screenshot(path=artifacts / "compare.png", full_page=True)
    table = page.locator("table").first
    expect(table).to_be_visible()
    expect(table.locator("tbody tr")).not_to_have_count(0)
    body = table.inner_text()
    assert "Halland" in body or "halland" in body, body
    assert "Södertörn" in body or "sodertorn" in body, body
    expect(page.locator("svg[role=img]").first).to_be_visible()


def test_document_text_never_runs_as_script(page, artifacts: Path) -> None:
    from playwright.sync_api import expect

    _search(page, "säkerhetsrutiner")
    expect(page.locator("li.hit").first).to_be_visible()
    page.locator("li.hit h2 a").first.click()
    page.wait_for_url(re.compile(r"/doc/"))
    expect(page.get_by_text(XSS_TEXT).first).to_be_visible()
    expect(page.locator("#p1 h2")).to_contain_text('<script>alert("titel")</script>')
    for text in page.locator(".section .text, .decision").all():
        text.hover()  # the document's onmouseover= must be text, not an attribute
    expect(page.locator("script:not([src]), img, a[href^='javascript:']")).to_have_count(0)
    handlers = "[...document.querySelectorAll('*')].flatMap(e => e.getAttributeNames())"
    assert not [name for name in page.evaluate(handlers) if name.startswith("on")]
    page.wait_for_timeout(200)
    assert page.dialogs == []
    page.screenshot(path=artifacts / "xss-document.png")


def test_keyboard_reaches_search_box_and_first_hit(page) -> None:
    from playwright.sync_api import expect

    page.goto("/?q=genomlysning")
    expect(page.locator("#q")).not_to_be_focused()
    skip = page.locator("a.skip")
    skip.focus()
    page.keyboard.press("Shift+Tab")  # out of the page: the next Tab starts from the top
    page.keyboard.press("Tab")
    expect(skip).to_be_focused()  # the skip link comes first …
    expect(skip).to_be_in_viewport()  # … and shows itself when focused
    order = ["skip"]
    for _ in range(60):
        page.keyboard.press("Tab")
        order.append(
            page.evaluate(
                "(() => { const e = document.activeElement;"
                " return e.id || e.getAttribute('href') || e.tagName; })()"
            )
        )
        if page.evaluate("document.activeElement.closest('li.hit') !== null"):
            break
    else:
        pytest.fail(f"Tab never reached the first hit; focus went {order}")
    assert "q" in order, order
    # The facets, beside the hits on a wide screen, come before them (their fold is open).
    assert any("forbund=" in step for step in order), order
    first_hit = page.locator("li.hit h2 a").first
    assert first_hit.evaluate("a => a === document.activeElement"), order
    outline = first_hit.evaluate("a => getComputedStyle(a).outlineStyle")
    assert outline == "solid"  # visible keyboard focus


# The start page from its top: the skip link, the site's name, its menu, then the search box.
START_TAB_ORDER = ["a.skip", "a.logo", "Sök", "Jämför", "Täckning", "API", "input#q", "Sök"]
FOCUS_NAME_JS = """() => { const e = document.activeElement;
  if (e.id) return e.tagName.toLowerCase() + '#' + e.id;
  if (e.className) return e.tagName.toLowerCase() + '.' + e.className;
  return e.textContent.trim(); }"""


@pytest.mark.parametrize("javascript", [True, False])
def test_the_error_summary_link_takes_the_reader_to_the_bad_field(
    browser, server: str, javascript: bool
) -> None:
    """WCAG 3.3.1 and 2.4.3: the summary's link puts the keyboard focus in the bad field, whose
    accessible description is its message; the reader corrects it there and searches again.
    A link to the field's id does it: no script needed."""
    from playwright.sync_api import expect

    page = _page(browser, server, java_script_enabled=javascript)
    try:
        response = page.goto("/?q=genomlysning&from=2024-13-01&forbund=halland")
        assert response is not None and response.status == 400
        message = "Från datum 2024-13-01 finns inte: månaden måste vara 01–12."
        summary = page.get_by_role("alert")
        expect(summary.get_by_role("heading")).to_have_text("Det finns ett fel")
        summary.get_by_role("link", name=message).focus()
        page.keyboard.press("Enter")
        field = page.get_by_label("Från datum")
        expect(field).to_be_focused()
        expect(field).to_have_value("2024-13-01")
        expect(field).to_have_accessible_description(f"Fel: {message}")
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type("2025-01-01")
        page.keyboard.press("Enter")  # submits the form, its other values as they were
        page.wait_for_url(re.compile(r"from=2025-01-01"))
        expect(page.locator(".summary")).to_contain_text("träff")
        assert "forbund=halland" in page.url and not page.get_by_role("alert").count()
    finally:
        page.context.close()


def test_the_start_page_starts_at_its_top(page) -> None:
    """WCAG 2.4.3 and 2.4.1: nothing takes focus on load (an autofocused box skipped the skip
    link, the menu and, for a screen reader, the heading), so Tab goes down the page from the
    top, and the skip link's next Tab is the search box."""
    from playwright.sync_api import expect

    page.goto("/")
    assert page.evaluate("document.activeElement === document.body")
    order = []
    for _ in START_TAB_ORDER:
        page.keyboard.press("Tab")
        order.append(page.evaluate(FOCUS_NAME_JS))
    assert order == START_TAB_ORDER, order
    page.goto("/")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_in_viewport()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.locator("#q")).to_be_focused()


def test_back_from_a_document_returns_to_the_hit_read(browser, server: str) -> None:
    """The result list keeps its place: nothing on a result page pulls focus to the top."""
    page = _page(browser, server, viewport={"width": 375, "height": 500})
    try:
        page.goto("/?q=samordningsförbundet")
        last = page.locator("li.hit h2 a").last
        last.scroll_into_view_if_needed()
        before = page.evaluate("window.scrollY")
        assert before > 300, before
        last.click()
        page.wait_for_url(re.compile(r"/doc/"))
        page.go_back()
        page.wait_for_url(re.compile(r"/\?q="))
        page.wait_for_timeout(100)
        assert abs(page.evaluate("window.scrollY") - before) < 50
        assert page.evaluate("document.activeElement.id") != "q"
    finally:
        page.context.close()


def test_works_without_javascript(browser, server: str) -> None:
    from playwright.sync_api import expect

    page = _page(browser, server, java_script_enabled=False)
    try:
        _search(page, "genomlysning")
        expect(page.locator("li.hit").first.locator("h2")).to_contain_text("§ 11")
        page.locator("li.hit h2 a").first.click()
        page.wait_for_url(re.compile(r"/doc/.*#p11$"))
        assert page.locator("#p11").evaluate("el => el.matches(':target')")
        expect(page.locator("#p11 mark").first).to_be_visible()
        expect(page.locator("button.copy").first).to_be_hidden()  # needs JS, so stays hidden
        # A link to a document's head, as Finsök makes them, unfolds it: the server opens it.
        document = page.url.split("?")[0]
        page.goto(document + "?huvud=1#huvud")
        expect(page.locator("details#huvud")).to_have_attribute("open", "")
        page.goto(document)
        expect(page.locator("details#huvud")).not_to_have_attribute("open", "")
    finally:
        page.context.close()


# --- colours, contrast and layout, measured from computed styles ----------------------------

# The nearest ancestor's opaque background: what a ring, border or mark is seen against.
BACKGROUND_JS = """el => {
  for (let e = el; e; e = e.parentElement) {
    const c = getComputedStyle(e).backgroundColor;
    if (c !== 'transparent' && !/rgba\\(.*,\\s*0\\)$/.test(c)) return c;
  }
  return 'rgb(255, 255, 255)';
}"""


def rgb(css: str) -> tuple[int, int, int]:
    """ "rgb(180, 83, 9)" or "rgba(…)" → (180, 83, 9)."""
    r, g, b = (int(float(v)) for v in re.findall(r"[\d.]+", css)[:3])
    return r, g, b


def contrast(a: str, b: str) -> float:
    """The WCAG contrast ratio of two CSS colours."""

    def luminance(css: str) -> float:
        def channel(c: int) -> float:
            c = c / 255
            return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

        r, g, b = (channel(c) for c in rgb(css))
        return 0.2126 * r + 0.7152 * g + 0.0722 * b

    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [
        ("rgb(255, 255, 255)", "rgb(0, 0, 0)", 21.0),
        ("rgb(244, 163, 0)", "rgb(255, 255, 255)", 2.08),  # the old focus ring, #f4a300
        ("rgba(180, 83, 9, 1)", "rgb(255, 246, 213)", 4.64),  # --focus on --target
    ],
)
def test_contrast_is_the_wcag_ratio(a: str, b: str, ratio: float) -> None:
    assert contrast(a, b) == pytest.approx(ratio, abs=0.01)


def _doc_url(page, q: str, *, section: bool = True) -> str:
    """The first hit's document for query `q`, with `q` so the page marks it, at the hit's §."""
    hit = page.request.get("/api/search", params={"q": q, "limit": 1}).json()["hits"][0]
    path, _, anchor = hit["url"].partition("#")
    return f"{path}?q={q}" + (f"#{anchor}" if section else "")


# (what, page, element): every background a focus ring is drawn on.
FOCUS_PLACES = [
    ("a hit on white", "/?q=genomlysning", "li.hit h2 a"),
    ("the × of a filter", "/?q=ESF&forbund=halland", "a.remove"),
    ("a link in a notice", "/?q=budget förbund:nowhere", ".notice a"),
    ("a button in the target §", "doc:genomlysning", ":target button.copy"),
    ("a scrolling table", "/compare?q=ESF", ".table-scroll"),
]


@pytest.mark.parametrize(
    ("what", "url", "selector"), FOCUS_PLACES, ids=[p[0] for p in FOCUS_PLACES]
)
def test_focus_ring_has_3_to_1_contrast_where_it_is_drawn(
    page, what: str, url: str, selector: str
) -> None:
    page.goto(_doc_url(page, url[4:]) if url.startswith("doc:") else url)
    element = page.locator(selector).first
    element.focus()
    assert element.evaluate("e => e.matches(':focus-visible')"), what
    style = element.evaluate(
        "e => { const s = getComputedStyle(e);"
        " return [s.outlineStyle, parseFloat(s.outlineWidth), s.outlineColor]; }"
    )
    background = element.evaluate(BACKGROUND_JS)
    assert style[0] == "solid" and style[1] >= 2, (what, style)
    assert contrast(style[2], background) >= 3, (what, style[2], background)


@pytest.mark.parametrize(
    ("width", "where"), [(1280, ".facets"), (375, ".active-filters")], ids=["facets", "phone"]
)
def test_the_remove_link_is_told_apart_without_colour(
    browser, server: str, width: int, where: str
) -> None:
    """axe's link-in-text-block: the × sits beside the bold label in the same colour family, so
    it needs a border or an underline of its own; and WCAG 2.5.8 asks a 24px target."""
    from playwright.sync_api import expect

    page = _page(browser, server, viewport={"width": width, "height": 800})
    page.goto("/?q=ESF&forbund=halland")
    remove = page.locator(f"{where} a.remove").first
    expect(remove).to_be_visible()
    style = remove.evaluate(
        "e => { const s = getComputedStyle(e); return {border: s.borderBottomStyle,"
        " width: parseFloat(s.borderBottomWidth), colour: s.borderBottomColor,"
        " line: s.textDecorationLine}; }"
    )
    background = remove.evaluate(BACKGROUND_JS)
    bordered = style["border"] != "none" and style["width"] >= 1
    assert "underline" in style["line"] or (
        bordered and contrast(style["colour"], background) >= 3
    ), style
    box = remove.bounding_box()
    assert box and box["width"] >= 24 and box["height"] >= 24, box
    page.context.close()


# (checkVisibility: the content of a closed fold has a box, no stop.)
TABBABLE = (
    "[...document.querySelectorAll('main a[href], main button, main input, main select,"
    ' main summary, main [tabindex="0"]\')]'
    ".filter(e => e.offsetParent !== null && e.checkVisibility())"
)


def test_a_phone_shows_the_active_filters_above_the_hits(browser, server: str) -> None:
    """The facets fold above the hits instead of moving below them; the line above the hits
    names the filter, and Tab goes down the page in the order it is seen."""
    from playwright.sync_api import expect

    page = _page(browser, server, viewport={"width": 375, "height": 740})
    try:
        page.goto("/?q=ESF&forbund=halland")
        line = page.locator(".active-filters")
        expect(line).to_contain_text("förbund: Samordningsförbundet i Halland")
        first_hit = page.locator("li.hit").first.bounding_box()
        assert line.bounding_box()["y"] < first_hit["y"]
        expect(page.locator(".facets a").first).to_be_hidden()  # folded
        fold = page.locator("details.facet-panel > summary")
        expect(fold).to_have_text("Filtrera (1 valt)")
        fold.click()
        expect(page.locator(".facets a", has_text="2023")).to_be_visible()
        facets = page.locator(".facets").bounding_box()
        assert facets["y"] + facets["height"] <= page.locator("section.hits").bounding_box()["y"]
        tops = page.evaluate(f"{TABBABLE}.map(e => e.getBoundingClientRect().top)")
        assert tops == sorted(tops), "Tab order goes up the page: " + str(tops)
        line.get_by_role(
            "link", name="Ta bort filtret förbund: Samordningsförbundet i Halland"
        ).click()
        page.wait_for_url(re.compile(r"/\?q=ESF$"))
        expect(page.locator(".active-filters")).to_have_count(0)
    finally:
        page.context.close()


def test_a_wide_screen_shows_the_facets_beside_the_hits(page) -> None:
    from playwright.sync_api import expect

    page.goto("/?q=ESF&forbund=halland")
    expect(page.locator(".facets a", has_text="2023")).to_be_visible()
    expect(page.locator("details.facet-panel > summary")).to_be_hidden()
    expect(page.locator(".active-filters")).to_be_hidden()  # the facets say it already
    facets, hits = page.locator(".facets").bounding_box(), page.locator(".hits").bounding_box()
    assert facets["x"] + facets["width"] <= hits["x"]


# (what, page, mark): a mark on white and one inside the highlighted target §.
MARK_PLACES = [
    ("in a snippet", "/?q=genomlysning", "li.hit .snippet mark"),
    ("in the target §", "doc:genomlysning", ":target .text mark"),
]


@pytest.mark.parametrize(("what", "url", "selector"), MARK_PLACES, ids=[p[0] for p in MARK_PLACES])
def test_a_mark_has_a_cue_beyond_its_colour(page, what: str, url: str, selector: str) -> None:
    page.goto(_doc_url(page, url[4:]) if url.startswith("doc:") else url)
    mark = page.locator(selector).first
    style = mark.evaluate(
        "e => { const s = getComputedStyle(e); return [s.borderBottomStyle,"
        " parseFloat(s.borderBottomWidth), s.borderBottomColor, s.backgroundColor]; }"
    )
    around = mark.evaluate(f"e => ({BACKGROUND_JS})(e.parentElement)")
    assert style[0] == "solid" and style[1] >= 2, (what, style)
    assert contrast(style[2], style[3]) >= 3, (what, style)  # on the mark's own yellow
    assert contrast(style[2], around) >= 3, (what, style, around)  # and beside it


# The table of contents: one entry per column fragment, and room for a marker such as "10.".
TOC_JS = """() => {
  const items = [...document.querySelectorAll('.toc li')];
  const ol = document.querySelector('.toc ol').getBoundingClientRect();
  const rects = items.map(li => li.getBoundingClientRect());
  const split = items.filter(li => li.getClientRects().length > 1).map(li => li.textContent);
  const middle = ol.left + ol.width / 2;
  const firstRight = Math.max(ol.left, ...rects.filter(r => r.left < middle).map(r => r.right));
  const secondLeft = Math.min(...rects.filter(r => r.left >= middle).map(r => r.left));
  return {split, columns: secondLeft === Infinity ? 1 : 2, room: secondLeft - firstRight,
          fontSize: parseFloat(getComputedStyle(items[0]).fontSize)};
}"""


@pytest.mark.parametrize("media", ["screen", "print"])
def test_table_of_contents_keeps_each_entry_whole(browser, server: str, media: str) -> None:
    page = _page(browser, server, viewport={"width": 768, "height": 900})
    try:
        page.goto(_doc_url(page, "förbund:soderasen", section=False))
        page.emulate_media(media=media)
        toc = page.evaluate(TOC_JS)
        assert toc["columns"] == 2, toc  # 768px has room for two
        assert toc["split"] == [], toc
        assert toc["room"] >= 1.75 * toc["fontSize"], toc  # "10." fits between the columns
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [375, 320])
def test_document_title_breaks_between_words_on_a_phone(browser, server: str, width: int) -> None:
    page = _page(browser, server, viewport={"width": width, "height": 740})
    try:
        page.goto(_doc_url(page, "förbund:soderasen", section=False))
        title = page.locator("h1")
        assert title.inner_text().startswith("Sammanträdesprotokoll"), title.inner_text()
        split = title.evaluate(
            "h => { const text = h.firstChild, split = []; let at = 0;"
            " for (const word of text.data.split(' ')) {"
            "  const r = document.createRange(); r.setStart(text, at);"
            "  r.setEnd(text, at + word.length); at += word.length + 1;"
            "  if (r.getClientRects().length > 1) split.push(word); }"
            " return split; }"
        )
        assert split == [], f"split inside a word at {width}px: {split}"
        assert title.evaluate("h => getComputedStyle(h).hyphens") == "auto"
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [375, 320])
def test_compare_chart_labels_stay_readable_on_a_phone(browser, server: str, width: int) -> None:
    """The chart scrolls inside its region instead of shrinking: its labels keep >= 11px."""
    page = _page(browser, server, viewport={"width": width, "height": 740})
    try:
        page.goto("/compare?q=genomlysning")
        sizes = page.evaluate(
            "[...document.querySelectorAll('svg.chart text')].map(t =>"
            " t.getScreenCTM().a * parseFloat(getComputedStyle(t).fontSize))"
        )
        assert sizes and min(sizes) >= 11, sizes
        for figure in page.locator("figure.chart-figure").all():
            assert figure.get_attribute("tabindex") == "0"  # keyboard users can scroll it
            assert figure.get_attribute("aria-label")
            assert figure.evaluate("f => f.scrollWidth > f.clientWidth")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        page.context.close()


def test_the_api_pages_wide_tables_scroll_by_keyboard_without_a_landmark_each(
    browser, server: str
) -> None:
    """The API page's 27 tables were 27 region landmarks in Chromium's accessibility tree,
    which a screen reader lists beside the menu and the main content. On a phone a wide
    table still scrolls inside its box, which Tab reaches and the arrow keys scroll (WCAG
    2.1.1), and which is named by the table's caption."""
    page = _page(browser, server, viewport={"width": 320, "height": 740})
    try:
        page.goto("/api-dokumentation")
        nodes = page.context.new_cdp_session(page).send("Accessibility.getFullAXTree")["nodes"]
        roles = [n.get("role", {}).get("value") for n in nodes if not n.get("ignored")]
        assert "region" not in roles and roles.count("group") >= 20
        box = page.locator(".table-scroll").first
        assert box.evaluate("b => b.scrollWidth > b.clientWidth")
        caption = box.locator("caption").inner_text()
        page.keyboard.press("Tab")  # the skip link, then on until the box
        for _ in range(60):
            if box.evaluate("b => b === document.activeElement"):
                break
            page.keyboard.press("Tab")
        else:
            pytest.fail("Tab never reached the table's scroll box")
        assert box.evaluate("b => b.getAttribute('role')") == "group"
        assert box.get_attribute("aria-labelledby") and caption.strip()
        page.keyboard.press("ArrowRight")
        page.wait_for_function(
            "() => document.querySelector('.table-scroll').scrollLeft > 0", timeout=2000
        )
        assert page.evaluate("document.documentElement.scrollWidth") <= 320
    finally:
        page.context.close()


# Text that a box cuts off (overflow hidden with more inside than shown), and text or form
# controls drawn over each other: every text node's lines and every control's box, pairwise.
LAYOUT_FAULTS_JS = """() => {
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().replace(/\\s+/g, '.') : '');
  const unseen = e => {
    const s = getComputedStyle(e);
    return s.display === 'none' || s.visibility === 'hidden'
      || e.closest('.visually-hidden, .skip, title, desc, script, style, [hidden]');
  };
  const hides = v => v === 'hidden' || v === 'clip';
  const clipped = [];
  for (const e of document.body.querySelectorAll('*')) {
    // A field scrolls its own value; an SVG chart is checked by its text below.
    if (unseen(e) || e instanceof SVGElement || e.matches('input, select, textarea')) continue;
    const s = getComputedStyle(e);
    if ((hides(s.overflowX) && e.scrollWidth > e.clientWidth + 1)
        || (hides(s.overflowY) && e.scrollHeight > e.clientHeight + 1))
      clipped.push(`${name(e)}: ${e.scrollWidth}x${e.scrollHeight} in ${e.clientWidth}x${e.clientHeight}`);
  }
  const boxes = [];
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let t = walker.nextNode(); t; t = walker.nextNode()) {
    if (!t.data.trim() || unseen(t.parentElement)) continue;
    const range = document.createRange();
    range.selectNodeContents(t);
    for (const r of range.getClientRects())
      if (r.width > 1 && r.height > 1) boxes.push([t.parentElement, r, t.data.trim().slice(0, 30), false]);
  }
  for (const c of document.body.querySelectorAll('input:not([type=hidden]), select, button, textarea')) {
    const r = c.getBoundingClientRect();
    if (!unseen(c) && r.width && r.height) boxes.push([c, r, name(c), true]);
  }
  const overlapping = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const [ea, a, ta, ca] = boxes[i], [eb, b, tb, cb] = boxes[j];
    if ((ca || cb) && (ea.contains(eb) || eb.contains(ea))) continue;  // a button's own label
    const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (x > 1 && y > 1) overlapping.push(`"${ta}" over "${tb}" (${Math.round(x)}x${Math.round(y)}px)`);
  }
  const svg = [];
  for (const chart of document.querySelectorAll('svg')) {
    const box = chart.getBoundingClientRect();
    for (const t of chart.querySelectorAll('text')) {
      const r = t.getBoundingClientRect();
      if (r.left < box.left - 1 || r.right > box.right + 1 || r.top < box.top - 1 || r.bottom > box.bottom + 1)
        svg.push(`"${t.textContent}" outside its chart`);
    }
  }
  return {clipped, overlapping, svg};
}"""
NO_FAULTS = {"clipped": [], "overlapping": [], "svg": []}


def _layout_faults(page) -> dict:
    """What is cut off or drawn over other text, with every fold in the page opened."""
    page.evaluate("document.querySelectorAll('main details').forEach(d => { d.open = true; })")
    return page.evaluate(LAYOUT_FAULTS_JS)


# WCAG 1.4.12's spacing, as the common text spacing bookmarklet sets it on every element.
TEXT_SPACING_CSS = (
    "* { line-height: 1.5 !important; letter-spacing: .12em !important;"
    " word-spacing: .16em !important; } p { margin-bottom: 2em !important; }"
)
# Where text, facets, a document's parts and a chart meet: the start page, a search with hits
# and an active facet, a document with its head unfolded, the compare page with a förbund.
SPACING_PAGES = {
    "start": "/",
    "search": "/?q=ESF&forbund=halland",
    "document": "doc:genomlysning",
    "compare": "/compare?q=ESF&forbund=halland",
    # a bad parameter: the error summary, and the bad fields with their messages
    "bad parameter": "/?q=ESF&from=2024-13-01&sort=x&page=0",
}


def _spacing_page(
    browser, server: str, view: str, width: int, css: str, default_font_size: int | None = None
):
    """The view at `width` with the reader's own `css` on top of the site's. The page's CSP
    allows no inline style, so the context bypasses it, as a reader's extension would."""
    page = _page(
        browser,
        server,
        viewport={"width": width, "height": 800},
        bypass_csp=True,
        default_font_size=default_font_size,
    )
    url = SPACING_PAGES[view]
    page.goto(
        _doc_url(page, url[4:], section=False) + "&huvud=1" if url.startswith("doc:") else url
    )
    if css:
        page.add_style_tag(content=css)
    return page


def test_the_layout_check_sees_cut_off_and_overlapping_text(browser, server: str) -> None:
    """The check the spacing and zoom tests rely on finds a heading cut to one line, the line
    drawn over it, and a chart label pushed out of its chart."""
    css = (
        ".hit h2 { height: 1em; overflow: hidden; } .hit .meta { margin-top: -1.5em; }"
        " svg.chart .chart-label { letter-spacing: 2em; }"
    )
    page = _spacing_page(browser, server, "search", 1280, css)
    try:
        faults = _layout_faults(page)
        assert any(f.startswith("h2:") for f in faults["clipped"]), faults
        assert any("Samordningsförbundet" in f for f in faults["overlapping"]), faults
        page.goto("/compare?q=ESF")
        page.add_style_tag(content=css)
        assert _layout_faults(page)["svg"], "a label outside the chart went unseen"
    finally:
        page.context.close()


@pytest.mark.parametrize("width", [1280, 320])
@pytest.mark.parametrize("view", SPACING_PAGES)
def test_text_spacing_cuts_off_or_overlaps_nothing(
    browser, server: str, view: str, width: int
) -> None:
    """WCAG 1.4.12: line height 1.5, paragraphs 2em apart, letters 0.12em and words 0.16em:
    no text is cut off by its box or drawn over other text, and the page does not widen."""
    page = _spacing_page(browser, server, view, width, TEXT_SPACING_CSS)
    try:
        assert page.evaluate("getComputedStyle(document.body).letterSpacing") != "normal"
        faults = _layout_faults(page)
        assert faults == NO_FAULTS, f"{page.url} at {width}px: {faults}"
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        page.context.close()


@pytest.mark.parametrize("view", SPACING_PAGES)
def test_text_at_200_percent_grows_and_still_fits(browser, server: str, view: str) -> None:
    """WCAG 1.4.4 and 1.4.10: with the browser's default font at 32px, 200 % (a reader's
    font size setting) the text doubles, on a 1280px screen nothing is cut off or overlaps,
    and nothing but a chart or a table scrolls sideways. The body's size was 16px, which a
    reader's own default size never reached. The setting, not a root font size in CSS: only
    the setting moves the rem of a media query, so the narrow layouts switch on (48rem is
    1536px), as they do for the reader."""
    page = _spacing_page(browser, server, view, 1280, "", default_font_size=32)
    try:
        assert page.evaluate("matchMedia('(max-width: 48rem)').matches"), "still the wide layout"
        sizes = page.evaluate(
            "[...document.querySelectorAll('main p, main li, main label, main h1')]"
            ".filter(e => e.offsetParent !== null && !e.closest('.visually-hidden'))"
            ".map(e => parseFloat(getComputedStyle(e).fontSize))"
        )
        assert sizes and min(sizes) >= 2 * 12, sizes  # the smallest text, .75rem, at 200 %
        assert page.evaluate("parseFloat(getComputedStyle(document.body).fontSize)") == 32
        faults = _layout_faults(page)
        assert faults == NO_FAULTS, f"{page.url}: {faults}"
        assert page.evaluate("document.documentElement.scrollWidth") <= 1280
    finally:
        page.context.close()


PHONE_PAGES = {
    "search": "/?q=genomlysning",
    # a long URL in a snippet, long compounds in a report's title and headings
    "search-url": "/?q=kalendariet",
    "report": "first hit of /?q=tertialrapport",
    "document": "first hit of /?q=genomlysning",
    "documents": "/documents?q=samordningsförbundet",
    "compare": "/compare?q=ESF",
    # a förbund chosen: the chooser is open, two columns of names in the form's grid
    "compare-forbund": "/compare?q=ESF&forbund=halland",
    "coverage": "/coverage",
    # no hits: no facets, and the hits take the whole width
    "no-hits": "/?q=genomlysnign",
}


@pytest.mark.parametrize("width", [375, 320])  # a phone, and WCAG 1.4.10's reflow width
@pytest.mark.parametrize("view", PHONE_PAGES)
def test_phone_width_has_no_horizontal_scroll(
    browser, server: str, artifacts: Path, view: str, width: int
) -> None:
    page = _page(browser, server, viewport={"width": width, "height": 740})
    try:
        if PHONE_PAGES[view].startswith("first hit of"):
            _search(page, PHONE_PAGES[view].split("?q=")[1])
            page.locator("li.hit h2 a, .docmatches li a").first.click()
            page.wait_for_url(re.compile(r"/doc/"))
        else:
            response = page.goto(PHONE_PAGES[view])
            assert response is not None and response.status == 200, response and response.status
        page.screenshot(
            path=artifacts / f"phone-{view}-{width}.png",
            full_page=not PHONE_PAGES[view].startswith("first hit"),
        )
        scroll = page.evaluate("document.documentElement.scrollWidth")
        assert scroll <= width, f"{page.url} scrolls sideways at {width}px: {scroll}px wide"
        faults = _layout_faults(page)  # the folds opened too: the facets, the chooser
        assert faults == NO_FAULTS, f"{page.url} at {width}px: {faults}"
    finally:
        page.context.close()


def test_a_browser_without_details_content_gets_the_facets_opened(browser, server: str) -> None:
    """Where CSS cannot show a closed fold's content, finsok.js opens it on a wide screen only."""
    for width, opened in ((1280, True), (375, False)):
        page = _page(browser, server, viewport={"width": width, "height": 800})
        try:
            page.add_init_script(
                "const supports = CSS.supports.bind(CSS);"
                " CSS.supports = (...a) => !String(a[0]).includes('details-content')"
                " && supports(...a);"
            )
            page.goto("/?q=ESF")
            fold = page.locator("details.facet-panel")
            assert fold.evaluate("d => d.open") is opened, width
        finally:
            page.context.close()


# How the browser lets a page copy: (what, script run before the page, says, clipboard holds it)
NO_CLIPBOARD_API = (
    "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined,"
    " configurable: true});"
)
REFUSED_CLIPBOARD = (
    "Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => ({writeText: () =>"
    " Promise.reject(new DOMException('refused', 'NotAllowedError'))}), configurable: true});"
)
NO_EXEC_COMMAND = "document.execCommand = () => false;"
COPY_CASES = [
    ("clipboard", "", "Citatet är kopierat.", True),
    ("plain http: no Clipboard API", NO_CLIPBOARD_API, "Citatet är kopierat.", True),
    ("refused, no execCommand", REFUSED_CLIPBOARD + NO_EXEC_COMMAND, "Citatet är markerat", False),
    ("no Clipboard API, no execCommand", NO_CLIPBOARD_API + NO_EXEC_COMMAND,
     "Citatet är markerat", False),
]  # fmt: skip


@pytest.mark.parametrize(
    ("what", "script", "says", "copied"), COPY_CASES, ids=[c[0] for c in COPY_CASES]
)
def test_copy_button_says_what_happened_and_then_clears(
    browser, server: str, what: str, script: str, says: str, copied: bool
) -> None:
    """The button keeps its label; a status beside it says "kopierat", or that the citation is
    selected for Ctrl+C where the page may not copy (plain http, a refusal), and clears."""
    from playwright.sync_api import expect

    page = _page(browser, server)
    try:
        page.context.grant_permissions(["clipboard-read", "clipboard-write"])
        if script:
            page.add_init_script(script)
        page.clock.install()
        page.goto("/?q=genomlysning")
        button = page.locator("li.hit button.copy").first
        citation = page.locator("li.hit .citation").first.inner_text()
        button.click()
        status = page.locator("li.hit .copy-status").first
        expect(status).to_have_attribute("role", "status")  # read out by screen readers
        expect(status).to_contain_text(says)
        expect(button).to_have_text("Kopiera")
        if copied and not script:
            assert page.evaluate("navigator.clipboard.readText()") == citation
        else:  # the citation is selected: copied by execCommand, or ready for Ctrl+C
            assert page.evaluate("getSelection().toString()") == citation
        page.clock.run_for(7000)
        expect(status).to_have_text("")
    finally:
        page.context.close()


# (what, selector, printed?): on paper the document, not the means to act on the page.
PRINTED = [
    ("the site's menu", "header.site nav", False),
    ("the way back to the search", ".backlink", False),
    ("a copy button", "button.copy", False),
    ("the folded head's text", "details#huvud .text", True),
    ("a section's text", ".section .text", True),
    ("the table of contents", ".toc", True),
]


@pytest.mark.parametrize(("what", "selector", "printed"), PRINTED, ids=[p[0] for p in PRINTED])
def test_a_document_prints_its_content_only(page, what: str, selector: str, printed: bool) -> None:
    from playwright.sync_api import expect

    page.goto(_doc_url(page, "genomlysning", section=False))
    expect(page.locator("details#huvud")).not_to_have_attribute("open", "")  # folded on screen
    expect(page.locator(".section").first).to_be_visible()
    page.emulate_media(media="print")
    element = page.locator(selector).first
    if printed:
        expect(element).to_be_visible()
    else:
        expect(element).to_be_hidden()


def test_printing_keeps_headings_with_their_text_and_shows_outside_addresses(page) -> None:
    page.goto(_doc_url(page, "genomlysning", section=False))
    page.emulate_media(media="print")
    heading = page.locator(".section h2").first
    assert heading.evaluate("h => getComputedStyle(h).breakAfter") in ("avoid", "avoid-page")
    # An address on another site is printed after its link; one within Finsök is not.
    page.evaluate(
        "document.querySelector('.docmeta dd').insertAdjacentHTML('beforeend',"
        ' \' <a id="ute" href="https://example.org/protokoll.pdf">På webbplatsen</a>\')'
    )
    after = "e => getComputedStyle(e, '::after').content"
    assert "https://example.org/protokoll.pdf" in page.locator("#ute").evaluate(after)
    assert page.locator(".toc a").first.evaluate(after) in ("none", "normal")


def test_a_browser_without_details_content_prints_folded_parts_unfolded(page) -> None:
    """finsok.js opens every folded part before printing, and folds it again afterwards."""
    page.add_init_script(
        "const supports = CSS.supports.bind(CSS);"
        " CSS.supports = (...a) => !String(a[0]).includes('details-content') && supports(...a);"
    )
    page.goto(_doc_url(page, "genomlysning", section=False))
    head = page.locator("details#huvud")
    assert head.evaluate("d => d.open") is False
    page.evaluate("dispatchEvent(new Event('beforeprint'))")
    assert head.evaluate("d => d.open") is True
    page.evaluate("dispatchEvent(new Event('afterprint'))")
    assert head.evaluate("d => d.open") is False


# --- keyboard and forced colours -------------------------------------------------------------

# What the focused element is, in words a failure message can show.
FOCUSED_JS = """() => { const e = document.activeElement;
  if (e.id === 'q') return 'search box';
  if (e.closest('.facets')) return 'filter';
  if (e.closest('li.hit')) return 'hit';
  if (e.closest('nav.pagination')) return 'paging';
  if (e === document.body || e.closest('footer')) return 'end';
  return 'other'; }"""


def test_tab_goes_box_filters_hits_paging_and_out_again(page) -> None:
    """WCAG 2.4.3 and 2.1.2: Tab reaches the search box, the filters, every hit and the paging,
    in that order, and then leaves the page: nothing keeps the focus."""
    page.goto("/?q=samverkan&limit=2")
    page.locator("a.skip").focus()
    kinds = []
    for _ in range(80):
        page.keyboard.press("Tab")
        kind = page.evaluate(FOCUSED_JS)
        kinds.append(kind)
        if kind == "end" or page.evaluate("document.activeElement === document.body"):
            break
    else:
        pytest.fail(f"Tab never left the page: {kinds}")
    order = [k for i, k in enumerate(kinds) if k != "other" and (i == 0 or kinds[i - 1] != k)]
    assert order == ["search box", "filter", "hit", "paging", "end"], kinds
    # Shift+Tab goes back the same way: from the paging to the last hit.
    page.locator("nav.pagination a").first.focus()
    page.keyboard.press("Shift+Tab")
    assert page.evaluate(FOCUSED_JS) == "hit"


@pytest.mark.parametrize("url", ["/", "/compare?q=ESF&forbund=halland"])
def test_text_hidden_for_screen_readers_keeps_to_one_line(page, url: str) -> None:
    """In its 1px box, with overflow-wrap: anywhere, the search page's hidden h1 broke after
    every letter, a layout some screen readers read out letter by letter."""
    lines = page.goto(url) and page.evaluate(
        "[...document.querySelectorAll('.visually-hidden')].map(e => { const r ="
        " document.createRange(); r.selectNodeContents(e);"
        " return [e.textContent, r.getClientRects().length]; })"
    )
    assert lines and all(count == 1 for _, count in lines), lines


# Every page with its controls: filters, folds, copy buttons, the chooser, scrolling regions.
TAB_PAGES = [
    "/?q=ESF&forbund=halland",
    "doc:genomlysning",
    "/compare?q=ESF&forbund=halland",
    "/coverage",
]
TAB_STOP_JS = """() => { const e = document.activeElement;
  if (e === document.body) return null;
  const again = e.dataset.tabbed === '1'; e.dataset.tabbed = '1';
  const s = getComputedStyle(e);
  return {again, what: e.tagName + ' ' + (e.getAttribute('aria-label') || e.textContent).trim().slice(0, 40),
          visible: e.matches(':focus-visible'), style: s.outlineStyle, width: parseFloat(s.outlineWidth)}; }"""


@pytest.mark.parametrize("url", TAB_PAGES)
def test_every_tab_stop_shows_a_focus_ring(page, url: str) -> None:
    """WCAG 2.4.7: from the top of the page to its end, every element Tab reaches draws the
    3px ring."""
    page.goto(_doc_url(page, url[4:], section=False) if url.startswith("doc:") else url)
    stops, unringed = 0, []
    for _ in range(200):
        page.keyboard.press("Tab")
        stop = page.evaluate(TAB_STOP_JS)
        if stop is None:
            break
        if stop["again"]:
            continue
        stops += 1
        if not (stop["visible"] and stop["style"] == "solid" and stop["width"] >= 2):
            unringed.append(stop)
    else:
        pytest.fail("Tab never left the page")
    assert stops >= 10 and unringed == [], (stops, unringed)


def test_the_skip_link_moves_focus_to_the_main_content(page) -> None:
    from playwright.sync_api import expect

    page.goto("/?q=genomlysning")
    page.keyboard.press("Tab")
    expect(page.locator("a.skip")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main")).to_be_focused()
    page.keyboard.press("Tab")  # the next stop is in the main content, not the site's menu
    assert page.evaluate("document.activeElement.closest('main') !== null")


# (what, page, element, the element it must stand out from)
FORCED_PLACES = [
    ("a mark in a snippet", "/?q=genomlysning", "li.hit .snippet mark", "li.hit .snippet"),
    ("a mark in the target §", "doc:genomlysning", ":target .text mark", ":target .text"),
    ("the Beslut badge", "/?q=genomlysning", "li.hit .badge", "li.hit .meta"),
]


@pytest.mark.parametrize(
    ("what", "url", "selector", "around"), FORCED_PLACES, ids=[p[0] for p in FORCED_PLACES]
)
def test_forced_colours_keep_marks_and_badges_visible(
    page, what: str, url: str, selector: str, around: str
) -> None:
    """Windows high contrast replaces author colours: a mark keeps the system's mark colours
    (not the page's background) and a badge keeps a border, so neither is plain text."""
    page.emulate_media(forced_colors="active")
    page.goto(_doc_url(page, url[4:]) if url.startswith("doc:") else url)
    element = page.locator(selector).first
    style = element.evaluate(
        "e => { const s = getComputedStyle(e); return {background: s.backgroundColor,"
        " colour: s.color, border: s.borderBottomStyle, width: parseFloat(s.borderBottomWidth)}; }"
    )
    background = page.locator(around).first.evaluate(BACKGROUND_JS)
    assert style["border"] == "solid" and style["width"] >= 1, (what, style)
    if "mark" in selector:
        assert style["background"] != background, (what, style, background)
        assert contrast(style["colour"], style["background"]) >= 4.5, (what, style)


def test_a_search_without_hits_uses_the_whole_width(page) -> None:
    """No facets to show, no empty "Filtrera" fold: the hits' column is the page's width, not
    the facets' narrow column, and "Menade du" reads on one line."""
    page.goto("/?q=genomlysnign")
    assert page.locator("details.facet-panel").count() == 0
    hits = page.locator("section.hits").bounding_box()
    main = page.locator("main").bounding_box()
    assert hits["width"] > main["width"] * 0.8, (hits, main)


@pytest.mark.parametrize("width", [1000, 600, 320])
def test_a_label_stays_on_the_line_of_its_field(browser, server: str, width: int) -> None:
    """Found in review: a wrapping row left "Sortera" at the end of one line and its list at
    the start of the next, where a magnifier user sees a label without its field."""
    page = _page(browser, server, viewport={"width": width, "height": 800})
    try:
        page.goto("/?q=genomlysning")
        _open_search_fields(page)
        rows = page.evaluate(
            "[...document.querySelectorAll('fieldset.options label[for]')].map(l => {"
            " const a = l.getBoundingClientRect(),"
            " b = document.getElementById(l.htmlFor).getBoundingClientRect();"
            " return [l.htmlFor, a.top < b.bottom && b.top < a.bottom]; })"
        )
        assert [r[0] for r in rows] == ["from", "to", "sort"]
        assert all(same for _, same in rows), (width, rows)
    finally:
        page.context.close()


def _open_search_fields(page) -> None:
    """Open the fold of the search's own fields, where a narrow screen shows it closed."""
    summary = page.locator("details.options-fold > summary")
    if summary.is_visible() and not page.locator("details.options-fold").evaluate("d => d.open"):
        summary.click()


# The fields of the search form beside its query, in their order, and the fold's name.
SEARCH_FIELDS = ["Från datum ÅÅÅÅ-MM-DD", "Till datum ÅÅÅÅ-MM-DD", "Bara beslut", "Sortera"]
OPTIONS_FOLD = "Datum, beslut och sortering"


@pytest.mark.parametrize("url", ["/?q=ESF", "/documents?q=samordningsförbundet"])
def test_a_phone_shows_the_first_hit_on_its_first_screen(browser, server: str, url: str) -> None:
    """Staff on a phone (390×844) saw the whole form first, and the first hit began some
    630px down, its snippet cut off by the screen's foot (the documents page's title at
    790px): no result without scrolling. After a search the fields beside the query are
    folded; the first hit shows whole, its title, origin and snippet."""
    page = _page(browser, server, viewport={"width": 390, "height": 844})
    try:
        page.goto(url)
        hit = page.locator("li.hit").first
        top = hit.locator("h2").bounding_box()["y"]
        snippet = hit.locator(".snippet").bounding_box()
        assert top >= 0 and snippet["y"] + snippet["height"] <= 844, (top, snippet)
    finally:
        page.context.close()


def test_a_phone_reaches_every_search_field_from_the_fold(browser, server: str) -> None:
    """The folded fields are all there, by keyboard: Tab from the box goes to "Sök", then to
    the fold, whose name says what it holds; Enter opens it and Tab goes on through every
    field. The filters the facets set go along with the form, folded or not."""
    from playwright.sync_api import expect

    page = _page(browser, server, viewport={"width": 390, "height": 844})
    try:
        page.goto("/?q=ESF&forbund=halland")
        fold = page.locator("details.options-fold")
        expect(fold).not_to_have_attribute("open", "")
        for name in SEARCH_FIELDS:
            expect(page.get_by_label(name, exact=True)).to_be_hidden()
        page.locator("#q").focus()
        page.keyboard.press("Tab")
        page.keyboard.press("Tab")
        summary = page.locator("details.options-fold > summary")
        expect(summary).to_be_focused()
        expect(summary).to_have_text(OPTIONS_FOLD)
        page.keyboard.press("Enter")
        expect(fold).to_have_attribute("open", "")
        # the legend is hidden under the fold's summary; it still names the group
        expect(page.locator("fieldset.options > legend")).to_be_hidden()
        expect(page.get_by_role("group", name="Avgränsa", exact=True)).to_be_visible()
        for name in SEARCH_FIELDS:
            page.keyboard.press("Tab")
            expect(page.get_by_label(name, exact=True)).to_be_focused()
            expect(page.get_by_label(name, exact=True)).to_be_in_viewport()
        page.get_by_label("Bara beslut").check()
        page.locator("#q").press("Enter")
        page.wait_for_url(re.compile(r"decisions=1"))
        assert "forbund=halland" in page.url
    finally:
        page.context.close()


@pytest.mark.parametrize(
    ("url", "chosen"),
    [
        ("/?q=budget&from=2023-01-01", "1 valt"),
        ("/?q=budget&to=2025-12-31&decisions=1", "2 valda"),
        ("/?q=budget&sort=date", "1 valt"),
    ],
)
def test_a_phone_shows_the_search_fields_a_reader_set(
    browser, server: str, url: str, chosen: str
) -> None:
    """A folded field that is set would be a filter out of sight: the fold is open whenever
    one of its fields is set, and its name counts them."""
    from playwright.sync_api import expect

    page = _page(browser, server, viewport={"width": 390, "height": 844})
    try:
        page.goto(url)
        expect(page.locator("details.options-fold > summary")).to_have_text(
            f"{OPTIONS_FOLD} ({chosen})"
        )
        for name in SEARCH_FIELDS:
            expect(page.get_by_label(name, exact=True)).to_be_visible()
    finally:
        page.context.close()


def test_a_phone_without_javascript_opens_the_fold_of_fields(browser, server: str) -> None:
    """A <details> opens without a script: by its summary, by pointer or keyboard."""
    from playwright.sync_api import expect

    page = _page(browser, server, viewport={"width": 390, "height": 844}, java_script_enabled=False)
    try:
        page.goto("/?q=ESF")
        expect(page.get_by_label("Från datum ÅÅÅÅ-MM-DD")).to_be_hidden()
        page.locator("details.options-fold > summary").click()
        for name in SEARCH_FIELDS:
            expect(page.get_by_label(name, exact=True)).to_be_visible()
    finally:
        page.context.close()


@pytest.mark.parametrize("css_details_content", [True, False])
def test_a_wide_screen_shows_the_search_fields_as_before(
    browser, server: str, css_details_content: bool
) -> None:
    """On a wide screen the fold is not seen: no summary, every field in one row beside its
    legend, as before the fold, also in a browser without ::details-content (finsok.js opens
    the fold there)."""
    from playwright.sync_api import expect

    page = _page(browser, server, viewport={"width": 1280, "height": 800})
    try:
        if not css_details_content:
            page.add_init_script(
                "const supports = CSS.supports.bind(CSS);"
                " CSS.supports = (...a) => !String(a[0]).includes('details-content')"
                " && supports(...a);"
            )
        page.goto("/?q=ESF")
        expect(page.locator("details.options-fold > summary")).to_be_hidden()
        legend = page.locator("fieldset.options > legend")
        expect(legend).to_be_visible()
        row = legend.bounding_box()
        for name in SEARCH_FIELDS:
            field = page.get_by_label(name, exact=True)
            expect(field).to_be_visible()
            box = field.bounding_box()
            assert box["y"] < row["y"] + row["height"] and row["y"] < box["y"] + box["height"]
    finally:
        page.context.close()


ERROR_RED = (164, 38, 44)  # --error in finsok.css


@pytest.mark.parametrize(
    ("width", "default_font_size"), [(1280, None), (375, None), (320, None), (1280, 32)]
)
def test_a_bad_field_has_its_red_bar_at_every_width(
    browser, server: str, width: int, default_font_size: int | None
) -> None:
    """GOV.UK's error pattern: a thick red bar beside each bad field. On a phone the field's
    wrapper was display: contents, which draws no border: the field's border and message
    stayed, the bar was gone. The bar is measured (the wrapper's box and its left border)
    and looked for in the drawn pixels, beside both the field and its message."""
    import io

    from PIL import Image

    page = _page(
        browser,
        server,
        viewport={"width": width, "height": 800},
        default_font_size=default_font_size,
    )
    try:
        page.goto("/?q=ESF&from=2024-13-01&sort=x")
        for name in ("from", "sort"):
            wrapper = page.locator(f".field.invalid:has(#{name})")
            style = wrapper.evaluate(
                "e => { const s = getComputedStyle(e);"
                " return [s.display, s.borderLeftStyle, parseFloat(s.borderLeftWidth)]; }"
            )
            assert style[0] != "contents" and style[1:] == ["solid", 4], (width, name, style)
            parts = [page.locator(f"#{name}"), page.locator(f"#{name}-fel")]
            for part in parts:
                part.scroll_into_view_if_needed()
                bar, box = wrapper.bounding_box(), part.bounding_box()
                assert bar["x"] + 4 <= box["x"], (width, name, bar, box)  # the bar is left of it
                top, bottom = box["y"] + 2, box["y"] + box["height"] - 2
                assert bar["y"] <= top and bottom <= bar["y"] + bar["height"], (name, bar, box)
                shot = page.screenshot(
                    clip={"x": bar["x"], "y": top, "width": 4, "height": bottom - top}
                )
                data = Image.open(io.BytesIO(shot)).convert("RGB").tobytes()
                pixels = [tuple(data[i : i + 3]) for i in range(0, len(data), 3)]
                off = {
                    p
                    for p in pixels
                    if max(abs(a - b) for a, b in zip(p, ERROR_RED, strict=True)) > 8
                }
                assert not off, (width, name, off)  # every pixel of the bar is the red
    finally:
        page.context.close()


# WCAG 2.2 SC 2.5.8 Target Size (Minimum): every pointer target's box, as [fault, ...].
# A control we draw as a box (a button, a field, a list, a fold's summary) is 24×24 CSS px
# itself: the spacing exception would hang on whatever text lies beside it. A checkbox's
# target includes the label around it (a click on the label ticks it). A link is 24×24, or
# inline in running text (the criterion's exception: a letter outside any target in its
# paragraph, list item or cell), or spaced: a 24px circle on its centre meets no other target
# and no other small target's circle. A link that wraps is taken as its pieces on each line.
TARGET_SIZE_JS = """() => {
  const MIN = 24, EPS = 0.01;
  const TARGETS = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex="0"]';
  const name = e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '')
    + (typeof e.className === 'string' && e.className ? '.' + e.className.trim().replace(/\\s+/g, '.') : '')
    + (e.textContent.trim() ? ' "' + e.textContent.trim().slice(0, 30) + '"' : '');
  const unseen = e => {
    const s = getComputedStyle(e);
    return s.display === 'none' || s.visibility === 'hidden' || e.matches('.skip')
      || e.closest('.visually-hidden, [hidden]')
      || (e.closest('details:not([open])') && !e.matches('details > summary'));
  };
  const inline = e => {
    const block = e.parentElement.closest('p, li, dd, dt, td, th');
    if (!block) return false;
    const rest = block.cloneNode(true);
    rest.querySelectorAll(TARGETS).forEach(t => t.remove());
    return /\\p{L}{2}/u.test(rest.textContent);
  };
  const box = e => {
    const r = e.getBoundingClientRect(), label = e.closest('label');
    if (!label || !e.matches('[type=checkbox], [type=radio]')) return r;
    const l = label.getBoundingClientRect();
    const left = Math.min(r.left, l.left), top = Math.min(r.top, l.top);
    const right = Math.max(r.right, l.right), bottom = Math.max(r.bottom, l.bottom);
    return {left, top, right, bottom, width: right - left, height: bottom - top};
  };
  const targets = [];
  for (const e of document.querySelectorAll(TARGETS)) {
    if (unseen(e)) continue;
    const r = box(e);
    if (!r.width || !r.height) continue;
    const link = e.matches('a, [tabindex="0"]');
    // A link broken over two lines is its two pieces: their union would hold the links
    // between them, on the lines it spans.
    const parts = link && e.getClientRects().length > 1 ? [...e.getClientRects()] : [r];
    targets.push({e, r, parts, link, inline: link && inline(e),
      small: r.width < MIN - EPS || r.height < MIN - EPS,
      cx: r.left + r.width / 2, cy: r.top + r.height / 2});
  }
  const meets = (t, r) => Math.hypot(Math.max(r.left - t.cx, 0, t.cx - r.right),
                                     Math.max(r.top - t.cy, 0, t.cy - r.bottom)) < MIN / 2 - EPS;
  const size = r => `${Math.round(r.width * 10) / 10}x${Math.round(r.height * 10) / 10}`;
  const faults = [];
  for (const t of targets) {
    if (!t.small || t.inline) continue;
    if (!t.link) { faults.push(`${name(t.e)} ${size(t.r)}`); continue; }
    const near = targets.filter(o => o !== t && !o.e.contains(t.e) && !t.e.contains(o.e)
      && (o.parts.some(r => meets(t, r)) || (o.small && !o.inline && Math.hypot(o.cx - t.cx, o.cy - t.cy) < MIN - EPS)));
    if (near.length) faults.push(`${name(t.e)} ${size(t.r)} near ${near.map(o => name(o.e))}`);
  }
  return {faults, checked: targets.length,
          checkboxes: [...document.querySelectorAll('input[type=checkbox]')].filter(e => !unseen(e))
            .map(e => e.getBoundingClientRect()).map(r => Math.min(r.width, r.height))};
}"""
# Every kind of page, with what it can hold: an active filter and its ×, a document's
# contents and copy buttons, the compare page's chooser and downloads, the error summary.
TARGET_PAGES = {
    "start": "/",
    "search": "/?q=ESF&forbund=halland",
    "search-paged": "/?q=samordningsförbundet&page=2",
    "document": "doc:genomlysning",
    "documents": "/documents?q=samordningsförbundet",
    "compare": "/compare?q=ESF&forbund=halland",
    "compare-empty": "/compare",
    "coverage": "/coverage",
    "bad parameter": "/?q=ESF&from=2024-13-01&sort=x&page=0",
    "not found": "/doc/0000",
}


@pytest.mark.parametrize(
    ("width", "default_font_size"), [(1280, None), (320, None), (1280, 32)], ids=str
)
@pytest.mark.parametrize("view", TARGET_PAGES)
def test_every_pointer_target_is_24px_or_spaced(
    browser, server: str, view: str, width: int, default_font_size: int | None
) -> None:
    """WCAG 2.2 SC 2.5.8 (AA) on every page, at a desktop and a phone width and with the
    reader's default font at 200 %. Found: the copy button was 21px high; a checkbox in the
    compare page's chooser was a 19px target (its label a line of text); a checkbox stayed
    13px while the text beside it doubled."""
    page = _page(
        browser,
        server,
        viewport={"width": width, "height": 800},
        default_font_size=default_font_size,
    )
    try:
        url = TARGET_PAGES[view]
        page.goto(_doc_url(page, url[4:]) + "&huvud=1" if url.startswith("doc:") else url)
        page.evaluate("document.querySelectorAll('main details').forEach(d => { d.open = true; })")
        found = page.evaluate(TARGET_SIZE_JS)
        assert found["checked"] >= 5, found  # the header's links at least
        assert found["faults"] == [], f"{page.url} at {width}px: {found['faults']}"
        if default_font_size:  # a checkbox grows with the text beside it
            assert all(side >= 24 for side in found["checkboxes"]), found["checkboxes"]
    finally:
        page.context.close()
