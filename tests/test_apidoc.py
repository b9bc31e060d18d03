"""The API page (/api-dokumentation): the JSON API described for people, from the OpenAPI
document itself, with a real example call per route."""

from __future__ import annotations

import html
import re
import shlex
import shutil
from itertools import pairwise
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from index.ingest import ingest
from tests.conftest import SAMPLE_DIR as SAMPLE
from tests.test_accessibility import Node, nodes, tree
from tests.test_browser import (
    NO_FAULTS,
    TEXT_SPACING_CSS,
    _layout_faults,
    _page,
)
from web import apidoc, create_app
from web.openapi import spec

PAGE = "/api-dokumentation"


@pytest.fixture
def page(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def test_every_route_and_parameter_in_the_spec_is_on_the_page(page: str) -> None:
    document = spec()
    root = tree(page)
    headings = [n.text() for n in nodes(root, "h2")]
    for path, item in document["paths"].items():
        for method, op in item.items():
            heading = f"{method.upper()} {path} – {op['summary']}"
            assert heading in headings, heading
            section = next(n for n in nodes(root, "h2") if n.text() == heading).parent
            names = {n.text() for n in nodes(section, "th") if n.attrs.get("scope") == "row"}
            for param in op.get("parameters", []):
                name = (
                    param.get("name")
                    or document["components"]["parameters"][param["$ref"].rpartition("/")[2]][
                        "name"
                    ]
                )
                assert name in names, (path, name)


def test_a_parameters_limits_and_values_are_told(page: str) -> None:
    text = tree(page).text()
    assert "ett av: relevance, date" in text
    assert "högst 100" in text and "standard" in text


def test_the_answers_fields_and_the_error_shape_are_told(page: str) -> None:
    root = tree(page)
    captions = {n.text() for n in nodes(root, "caption")}
    assert "Fälten i svaret från /api/search" in captions
    assert "Fälten i ett fel" in captions and "Felens status" in captions
    error = next(n for n in nodes(root, "h2") if n.text() == "Fel").parent.text()
    for code in ("bad_param", "not_found", "no_index", "400", "404", "414", "500", "503"):
        assert code in error, code


def _examples(page: str) -> list[str]:
    """The example calls' URLs, read from their curl lines."""
    curls = re.findall(r"<code>(curl [^<]*)</code>", page)
    return [shlex.split(html.unescape(c))[1] for c in curls]


def test_every_routes_example_answers_200_on_the_sample_index(client, page: str) -> None:
    urls = _examples(page)
    assert len(urls) == sum(len(item) for item in spec()["paths"].values()) + 1
    *calls, error = urls
    for url in calls:
        parts = urlsplit(url)
        assert parts.scheme == "http" and parts.netloc == "localhost", url
        response = client.get(parts.path + (f"?{parts.query}" if parts.query else ""))
        assert response.status_code == 200, url
    assert client.get(error.removeprefix("http://localhost")).status_code == 400
    assert "Svar (status 200, utdrag)" in page and "Indexet har inget dokument" not in page


def test_the_examples_start_with_the_sites_public_address(web_index) -> None:
    app = create_app(
        {
            "FINSOK_INDEX": str(web_index),
            "TESTING": True,
            "FINSOK_BASE_URL": "https://finsok.example.se/finsok/",
        }
    )
    client = app.test_client()
    page = client.get(PAGE).get_data(as_text=True)
    urls = _examples(page)
    assert urls and all(u.startswith("https://finsok.example.se/finsok/") for u in urls)
    assert 'href="/finsok/api/openapi.json"' in page
    # The excerpts are real answers under the path prefix too.
    assert "/finsok/doc/" in page


def test_document_text_in_an_example_is_escaped(client, page: str) -> None:
    """The excerpts hold answers built from documents: shown as text, never as markup."""
    assert "<script" not in page.lower().replace("<script src=", "")
    assert "&#34;query&#34;: &#34;budget&#34;" in page
    assert "<mark>" not in page  # a snippet's marks are shown as text: &lt;mark&gt;


def test_backticks_in_a_description_become_code_escaped(page: str) -> None:
    assert "<code>bad_param</code>" in page
    assert (
        "<code>{&#34;error&#34;: {&#34;status&#34;, &#34;code&#34;, &#34;message&#34;}}</code>"
        in page
    )


def test_the_page_links_the_json_document_for_tools(page: str) -> None:
    links = {n.attrs.get("href"): n.text() for n in nodes(tree(page), "a")}
    assert links.get("/api/openapi.json", "").startswith("API-beskrivningen som OpenAPI")


def test_the_menus_api_link_opens_the_page(client) -> None:
    root = tree(client.get("/").get_data(as_text=True))
    menu = next(n for n in nodes(root, "nav") if n.attrs.get("aria-label") == "Huvudmeny")
    link = next(n for n in nodes(menu, "a") if n.text() == "API")
    assert link.attrs["href"] == PAGE


def test_the_json_document_is_unchanged(client) -> None:
    assert client.get("/api/openapi.json").get_json() == spec()


@pytest.mark.browser
@pytest.mark.parametrize("width", [1280, 320])
def test_the_page_passes_the_accessibility_checks_in_a_browser(
    browser,
    server: str,
    width: int,
) -> None:
    """As the browser renders it: one h1 and no skipped heading level, the landmarks and the
    skip link, every table headed; with WCAG 1.4.12's text spacing nothing is cut off or
    drawn over other text, and the page does not widen, also at 320px (1.4.10)."""
    page = _page(browser, server, viewport={"width": width, "height": 800}, bypass_csp=True)
    try:
        page.goto(PAGE)
        root = tree(page.content())
        levels = [int(n.tag[1]) for n in nodes(root, "h1", "h2", "h3", "h4", "h5", "h6")]
        assert levels.count(1) == 1 and levels[0] == 1
        assert all(b <= a + 1 for a, b in pairwise(levels)), levels
        body = [n.tag for n in nodes(root, "body")[0].children if isinstance(n, Node)]
        assert body[:2] == ["a", "header"] and body.count("main") == 1 and body[-1] == "footer"
        for table in nodes(root, "table"):
            assert nodes(table, "caption") and nodes(table, "th"), table.attrs
        page.add_style_tag(content=TEXT_SPACING_CSS)
        assert _layout_faults(page) == NO_FAULTS
        assert page.evaluate("document.documentElement.scrollWidth") <= width
    finally:
        page.context.close()


class Clock:
    """A clock the test sets: seconds, as `time.monotonic` gives them."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def counted(web_index: Path, tmp_path: Path) -> tuple[Path, Clock, list[str], object]:
    """An app over a copy of the web index (so a test may change it), with a clock the test
    sets and the list of the example calls the app answers (each a request to the app)."""
    from flask import request

    index = tmp_path / "ix"
    shutil.copytree(web_index, index)
    app = create_app({"FINSOK_INDEX": str(index), "TESTING": True})
    clock = Clock()
    app.extensions[apidoc.EXAMPLES_KEY] = apidoc.Examples(clock=clock)
    asked: list[str] = []

    @app.before_request
    def count() -> None:
        if request.path != PAGE:
            asked.append(request.full_path)

    return index, clock, asked, app.test_client()


def _view(client) -> str:
    response = client.get(PAGE)
    assert response.status_code == 200
    return response.get_data(as_text=True)


def _add_document(index: Path, folder: Path, name: str) -> None:
    """One more protocol indexed: a commit, as an indexing run makes one."""
    folder.mkdir(exist_ok=True)
    source = folder / name
    source.write_text(
        (SAMPLE / sorted(p.name for p in SAMPLE.iterdir())[0]).read_text(encoding="utf-8")
        + f"\nTillägg {name}.",
        encoding="utf-8",
    )
    assert ingest([source], index).added == 1


def test_the_examples_are_asked_again_only_when_the_index_changed(counted, tmp_path) -> None:
    """A view asks the app a dozen questions (a CSV of up to 1,000 hits among them). Kept
    for a minute, they were asked again every minute of an index that changes once a night:
    now a later view shows the same answers until the index has changed."""
    index, clock, asked, client = counted
    _view(client)
    first = list(asked)
    assert len(first) >= 10 and any(call.startswith("/api/search.csv") for call in first)
    asked.clear()
    clock.now += 3600  # an hour on, the index as it was
    _view(client)
    assert asked == []
    _add_document(index, tmp_path / "nya", "ny.txt")
    page = _view(client)
    assert sorted(asked) == sorted(first)
    # The answers are the changed index's: /healthz counts the added document.
    assert "&#34;documents&#34;: 8" in page


def test_an_index_that_changes_constantly_is_asked_at_most_once_a_minute(counted, tmp_path) -> None:
    """An indexing run that commits every few seconds does not make every view of the page
    ask a dozen questions again: the answers are at most a minute behind."""
    index, clock, asked, client = counted
    _view(client)
    asked.clear()
    clock.now += 30
    _add_document(index, tmp_path / "nya", "forsta.txt")
    _view(client)
    assert asked == []  # changed, but asked half a minute ago
    clock.now += apidoc.EXAMPLES_SECONDS
    page = _view(client)
    assert len(asked) >= 10 and "&#34;documents&#34;: 8" in page
    asked.clear()
    clock.now += 1
    _add_document(index, tmp_path / "nya", "andra.txt")
    _view(client)
    assert asked == []
