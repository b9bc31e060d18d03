"""Protocols published as web pages, end to end: realistic pages as the CMSs of the
samordningsförbund render them (tests/data/html/), parsed to what a reader of the page would
say. Whatever a site prints around the record (crumbs, menus, "Dela sidan", "Senast
uppdaterad", comments, sidebars, footers) must never reach a section or its decisions."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from index.model import Document
from index.parse import parse_file
from index.sources import read_source
from index.webpage import _drop_boilerplate, _html_to_text
from tests.conftest import ROOT, TEST_DATA, python_steps

PAGES = TEST_DATA / "html"


@dataclass
class Expected:
    forbund: str
    date: str
    title: str
    # (label, title, decisions) of every section, in order
    sections: list[tuple[str, str, list[str]]]
    # text of the page's furniture that must appear nowhere in the parsed document's text
    furniture: list[str] = field(default_factory=list)
    kind: str = "protokoll"
    warnings: list[str] = field(default_factory=list)


CASES = {
    "sitevision.html": Expected(
        forbund="Samordningsförbundet Skåne Nordost",
        date="2024-03-12",  # not "Senast uppdaterad: 2024-03-20", nor the JSON-LD's date
        title="Protokoll styrelsen",  # not the breadcrumb's "Protokoll"
        sections=[
            ("§ 1", "Mötets öppnande", []),
            ("§ 2", "Val av justerare", ["Per Holm väljs att justera protokollet."]),
            ("§ 3", "Budget 2025", ["Styrelsen beslutar att godkänna budgeten."]),
        ],
        furniture=[
            "Hoppa till huvudinnehållet",
            "kakor",
            "Finsam i nordöstra Skåne",
            "Om oss",
            "Dela sidan",
            "Facebook",
            "Senast uppdaterad",
            "2024-03-20",
            "Sidansvarig",
            "Lena Ek",
            "Box 55",
        ],
    ),
    "wordpress.html": Expected(
        forbund="Samordningsförbundet Östra Södertörn",
        date="2024-05-15",  # the meeting's, not "Publicerat den 2 juni 2024"
        title="Protokoll styrelsemöte 15 maj 2024",
        sections=[
            ("§ 20", "Mötets öppnande", []),
            ("§ 21", "Godkännande av dagordning", ["Dagordningen godkändes."]),
            (
                "§ 22",
                "Verksamhetsplan 2025",
                [
                    "att godkänna verksamhetsplanen för 2025,\n"
                    "att uppdra åt förbundschefen att återrapportera i september."
                ],
            ),
            ("§ 23", "Mötets avslutande", []),
        ],
        furniture=[
            "Hoppa till innehåll",
            "Publicerat",
            "admin",
            "Etiketter",
            "kommentarer",
            "glass",  # a comment that starts "§ 24" is no paragraph
            "Lämna ett svar",
            "Senaste inläggen",
            "WordPress",
        ],
    ),
    "episerver.html": Expected(
        forbund="Samordningsförbundet i Halland",
        date="2024-02-08",
        title="Styrelseprotokoll",  # not the menu's "Protokoll"
        sections=[
            ("§ 1", "Öppnande", []),
            (
                "§ 2",
                "Ekonomisk rapport",
                ["Styrelsen beslutar att lägga rapporten till handlingarna."],
            ),
            ("§ 3", "Övriga frågor", []),
        ],
        furniture=[
            "Gå direkt till innehållet",
            "Verksamhet",
            "Startsida",
            "Kontakt",
            "Eva Nilsson",
            "035-12 34 56",
            "Relaterade sidor",
            "2023-12-07",
            "uppdaterades",
            "Org.nr",
        ],
    ),
    "accordion.html": Expected(
        forbund="Samordningsförbundet Helsingborg",
        date="2024-05-22",
        title="Protokoll styrelsemöte",
        # each § is a collapsed panel (hidden, aria-hidden, display:none) under its button
        sections=[
            ("§ 1", "Mötets öppnande", []),
            ("§ 2", "Budget 2025", ["Styrelsen beslutar att anta budgeten."]),
            ("§ 3", "Övrigt", []),
        ],
    ),
    "word-export.html": Expected(
        forbund="Samordningsförbundet Söderåsen",
        date="2024-04-18",
        title="PROTOKOLL",
        # one § a table row, spans in every word, &nbsp;, <o:p>, Word's list numbers
        sections=[
            ("§ 14", "Mötets öppnande", []),
            (
                "§ 15",
                "Årsredovisning 2023",
                ["1. att godkänna årsredovisningen,\n2. att bevilja ansvarsfrihet."],
            ),
            ("§ 16", "Avslutning", []),
        ],
        furniture=["Calibri", "WordSection1", "mso-", "supportLists"],
    ),
    "definition-list.html": Expected(
        forbund="Samordningsförbundet Landskrona Svalöv",
        date="2024-09-05",  # from the text of a <time datetime>
        title="Protokoll från styrelsemöte",
        sections=[
            (
                "§ 31",
                "Ekonomisk uppföljning",
                ["Styrelsen beslutar att lägga uppföljningen till handlingarna."],
            ),
            (
                "§ 32",
                "Ansökan om medel",
                [
                    "Styrelsen beslutar att bevilja 300 000 kr,\n"
                    "att insatsen ska följa uppsättningen."
                ],
            ),
            ("§ 33", "Avslut", []),
        ],
        furniture=["\u00ad", "\u200b", "\xa0"],
    ),
    "br-layout.html": Expected(
        forbund="Samordningsförbundet Helsingborg",
        date="2024-01-25",
        title="Protokoll fört vid styrelsemöte",
        sections=[
            ("§ 1", "Öppnande", []),
            ("§ 2", "Budget", ["Styrelsen beslutar att anta budgeten."]),
            ("§ 3", "Avslutning", []),
        ],
        furniture=["JavaScript", "Mall", "Dold"],
    ),
    "personnummer.html": Expected(
        forbund="Samordningsförbundet Helsingborg",  # only the <title> names it
        date="2024-02-01",
        title="Protokoll",
        sections=[("§ 1", "Anmälan", ["Styrelsen beslutar att avslå."])],
        furniture=["1212", "mailto", "tel:"],
    ),
}


@pytest.fixture(scope="module", params=sorted(CASES))
def page(request: pytest.FixtureRequest) -> tuple[Document, Expected]:
    return parse_file(PAGES / request.param), CASES[request.param]


def _everything(doc: Document) -> str:
    parts = [doc.header, doc.title, *doc.warnings]
    for section in doc.sections:
        parts += [section.title, section.text, *(d.text for d in section.decisions)]
    return "\n".join(parts)


def test_page_metadata(page: tuple[Document, Expected]) -> None:
    doc, expected = page
    assert (doc.forbund, doc.kind, doc.date, doc.title) == (
        expected.forbund,
        expected.kind,
        expected.date,
        expected.title,
    )
    assert doc.warnings == expected.warnings


def test_page_sections_and_decisions(page: tuple[Document, Expected]) -> None:
    doc, expected = page
    found = [(s.label, s.title, [d.text for d in s.decisions]) for s in doc.sections]
    assert found == expected.sections


def test_page_furniture_stays_out(page: tuple[Document, Expected]) -> None:
    doc, expected = page
    everything = _everything(doc)
    for furniture in expected.furniture:
        assert furniture not in everything


def test_personal_numbers_never_reach_the_cli_output() -> None:
    """Split across tags, in entities, beside invisible characters, in the <title>, in
    attributes (mailto:, tel:, title=, alt=): `finsok parse --json` shows none of them."""
    result = subprocess.run(
        [sys.executable, "-m", "cli.main", "parse", str(PAGES / "personnummer.html"), "--json"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    parsed = json.loads(result.stdout)
    assert "1212" not in result.stdout
    assert parsed["sections"][0]["text"].count("XXXXXX") == 9


# --- the parts one by one -----------------------------------------------------------------


def _read(tmp_path: Path, body: str, head: str = "<meta charset='utf-8'>") -> str:
    path = tmp_path / "sida.html"
    path.write_text(f"<html><head>{head}</head><body>{body}</body></html>", encoding="utf-8")
    return read_source(path).pages[0]


@pytest.mark.parametrize(
    ("body", "kept", "dropped"),
    [
        pytest.param(
            '<div role="banner"><a href="/">Logga</a></div><div><p>§ 1 Öppnande</p></div>'
            '<div role="contentinfo">Adressen</div><div role="complementary">Nyheter</div>',
            ["§ 1 Öppnande"],
            ["Logga", "Adressen", "Nyheter"],
            id="landmark-roles",
        ),
        pytest.param(
            '<main><ol class="env-breadcrumb"><li>Start</li></ol><h2>§ 1 Öppnande</h2>'
            '<div id="svid10_footer">Kontor</div><ul class="main-menu"><li>Meny</li></ul></main>',
            ["§ 1 Öppnande"],
            ["Start", "Kontor", "Meny"],
            id="furniture-class-and-id-words",
        ),
        pytest.param(
            '<main><div class="entry-header"><h1>Protokoll 2024-03-12</h1></div>'
            '<div class="page-header"><a href="/"><img alt="logo" src="l.png">Förbundet</a></div>'
            "<p>§ 1 Öppnande</p></main>",
            ["Protokoll 2024-03-12", "§ 1 Öppnande"],
            ["Förbundet"],
            id="header-class-kept-with-heading-dropped-with-logo",
        ),
        pytest.param(
            # a protocol's own head in a div named "header": no link, no logo, so it stays
            '<div class="header"><p>Samordningsförbundet X</p><p>Datum 2024-03-12</p></div>'
            "<p>§ 1 Öppnande</p>",
            ["Samordningsförbundet X\n\nDatum 2024-03-12"],
            [],
            id="protocol-head-in-header-div-stays",
        ),
        pytest.param(
            # "sv-skip-spacer" is SiteVision's class for content portlets: no skip link
            '<div class="sv-skip-spacer"><p>§ 1 Öppnande</p></div>'
            '<a class="sv-skip-link" href="#c">Hoppa</a>',
            ["§ 1 Öppnande"],
            ["Hoppa"],
            id="skip-link-but-not-sv-skip-spacer",
        ),
        pytest.param(
            "<main><p>§ 3 Rapport</p><p>Uppdaterad budget 2025 presenterades.</p>"
            "<p>Senast uppdaterad: 2024-03-20</p><p>Sidansvarig: Lena Ek</p>"
            "<div><span>Publicerad</span> <time>2024-03-21</time></div><p>Dela sidan</p>"
            "<p>Dela ut materialet till alla.</p><p>Lyssna</p></main>",
            ["Uppdaterad budget 2025 presenterades.", "Dela ut materialet till alla."],
            ["Senast", "Lena Ek", "Publicerad", "Dela sidan", "Lyssna"],
            id="furniture-lines-but-not-sentences-like-them",
        ),
        pytest.param(
            # a decision about who answers for the site is no "Sidansvarig: …" stamp
            "<main><p>§ 5 Webbplatsen</p><p>Sidansvarig utses till Anna Berg.</p>"
            "<p>Innehållsansvarig för webbplatsen är förbundschefen.</p>"
            "<p>Sidansvarig: Lena Ek</p><p>Innehållsansvarig</p></main>",
            ["Sidansvarig utses till Anna Berg.", "Innehållsansvarig för webbplatsen är"],
            ["Lena Ek", "förbundschefen.\n\nInnehållsansvarig"],
            id="responsibility-decision-stays-stamp-goes",
        ),
        pytest.param(
            "<main><p>§ 4 Taxor</p><p>Ändrad 2024-01-01: avgiften höjs till 50 kr.</p>"
            "<p>Uppdaterad 12 mars 2024 kl. 10.15</p></main>",
            ["Ändrad 2024-01-01: avgiften höjs till 50 kr."],
            ["Uppdaterad"],
            id="dated-sentence-stays-dated-stamp-goes",
        ),
        pytest.param(
            '<main><p>§ 5 Bilagor</p><p><a href="b.pdf">Bilaga 1 Budget<span '
            'class="env-assistive-text">, pdf, 120 kB, öppnas i nytt fönster</span></a> och '
            '<a href="c.pdf">Bilaga 2<span class="sr-only"> (PDF)</span></a>.</p></main>',
            ["Bilaga 1 Budget och Bilaga 2."],
            ["nytt fönster", "PDF"],
            id="screen-reader-only-text",
        ),
        pytest.param(
            '<main><h3><button aria-expanded="false" aria-controls="p1">§ 1 Budget</button></h3>'
            '<div id="p1" hidden><p>Budgeten antas.</p></div>'
            '<button aria-controls="menu" aria-expanded="false">Meny</button>'
            '<nav id="menu" hidden>Startsida</nav><div hidden>Dold</div></main>',
            ["§ 1 Budget\n\nBudgeten antas."],
            ["Meny", "Startsida", "Dold"],
            id="accordion-panel-kept-menu-toggle-dropped",
        ),
        pytest.param(
            # a layout's wrapper names what stands beside the record, and is no sidebar
            '<div class="container has-sidebar"><h2>Protokoll</h2><p>§ 1 Öppnande</p></div>'
            '<div class="sidebar">Senaste nytt</div>',
            ["§ 1 Öppnande"],
            ["Senaste nytt"],
            id="has-sidebar-wrapper-stays-sidebar-goes",
        ),
        pytest.param(
            # Elementor puts every block of a page in a "widget"; WordPress themes put their
            # widgets in a "widget-area"
            '<div class="elementor-element elementor-widget elementor-widget-text-editor">'
            '<div class="elementor-widget-container"><p>§ 1 Öppnande</p></div></div>'
            '<div id="secondary" class="widget-area"><section class="widget widget_text">'
            "Nyheter</section></div>",
            ["§ 1 Öppnande"],
            ["Nyheter"],
            id="page-builder-widget-stays-widget-area-goes",
        ),
        pytest.param(
            # the block goes on its first furniture line; the next one was read from the
            # dropped block and the whole page failed ("kunde inte läsas som HTML")
            "<main><p>§ 1 Öppnande</p><p><strong>Sidansvarig:</strong> "
            '<a href="/k">Skriv till oss</a></p><div><span>Dela</span> <span>sidan</span></div>'
            "<p>§ 2 Avslutning</p></main>",
            ["§ 1 Öppnande", "§ 2 Avslutning"],
            ["Sidansvarig", "Skriv till oss", "Dela"],
            id="furniture-line-holding-another",
        ),
        pytest.param(
            '<div class="footer-wrap"><main><p>§ 1 Öppnande</p></main>'
            '<div class="site-footer">Box 55</div></div>',
            ["§ 1 Öppnande"],
            ["Box 55"],
            id="furniture-named-wrapper-around-main-stays",
        ),
        pytest.param(
            '<div class="notice-bar">Vi använder kakor för att webbplatsen ska fungera och '
            "för att förbättra din upplevelse. <button>Godkänn</button></div>"
            "<p>§ 1 Öppnande</p>",  # no <main>: the body is read, banner and all
            ["§ 1 Öppnande"],
            ["kakor", "Godkänn"],
            id="cookie-banner-without-a-telling-name",
        ),
        pytest.param(
            # a plugin's opaque classes; the buttons a level below the text
            '<div class="x9f2 a1"><div class="t"><p>Den här webbplatsen använder cookies.</p>'
            '</div><div class="b"><a href="#" class="btn">Acceptera alla</a>'
            '<a href="#">Endast nödvändiga</a></div></div><p>§ 1 Öppnande</p>',
            ["§ 1 Öppnande"],
            ["cookies", "Acceptera", "nödvändiga"],
            id="cookie-banner-with-opaque-classes",
        ),
        pytest.param(
            '<div role="dialog" aria-modal="true"><p>Vi sparar uppgifter i din webbläsare.</p>'
            '<button>OK</button></div><section aria-label="Cookies"><p>Läs om hur vi '
            "arbetar.</p></section><p>§ 1 Öppnande</p>",
            ["§ 1 Öppnande"],
            ["webbläsare", "Läs om hur"],
            id="cookie-banner-by-role-and-label",
        ),
        pytest.param(
            # a banner that only informs, with no button: its one link leads to the policy
            '<div class="notice">Vi använder kakor för att webbplatsen ska fungera. '
            '<a href="/kakor">Läs mer</a></div><h1>Protokoll</h1><p>§ 1 Öppnande</p>',
            ["Protokoll", "§ 1 Öppnande"],
            ["kakor", "Läs mer"],
            id="cookie-banner-with-only-a-read-more-link",
        ),
        pytest.param(
            # … at the page's foot, after the protocol's own wrapper
            '<div id="innehall"><h1>Protokoll</h1><p>§ 1 Öppnande</p><p>Beslut</p></div>'
            '<div class="notice"><p>Den här webbplatsen använder cookies.</p>'
            '<p><a href="/om-webbplatsen/cookies">Här</a> finns mer.</p></div>',
            ["Protokoll", "§ 1 Öppnande", "Beslut"],
            ["cookies", "Här"],
            id="cookie-banner-at-the-foot-with-a-policy-link",
        ),
        pytest.param(
            # … inside <main>, above the protocol's heading
            '<main><div class="notice">Vi använder kakor. <a href="/kakor">Läs mer om '
            "kakor</a></div><h1>Protokoll</h1><p>§ 1 Öppnande</p></main>",
            ["Protokoll", "§ 1 Öppnande"],
            ["kakor", "Läs mer"],
            id="cookie-banner-with-a-read-more-link-in-main",
        ),
        pytest.param(
            # a protocol's paragraph that reads like that banner, in <main>, in a wrapper of
            # its own, or straight in <body>: record text
            "<main><h1>Protokoll</h1><h2>§ 5 Webbplatsens kakor</h2><p>Vi använder kakor för "
            'att webbplatsen ska fungera. <a href="/kakor">Läs mer</a></p><p>Beslut</p>'
            "<p>Styrelsen beslutar att anta policyn för kakor.</p></main>",
            ["§ 5 Webbplatsens kakor", "Vi använder kakor för att", "Läs mer", "policyn"],
            [],
            id="protocol-paragraph-like-an-informing-banner-in-main-stays",
        ),
        pytest.param(
            "<div><h1>Protokoll</h1><h2>§ 5 Webbplatsens kakor</h2><p>Webbplatsens kakor ses "
            'över. <a href="/kakor">Läs mer</a></p><p>Beslut</p></div>',
            ["§ 5 Webbplatsens kakor", "Webbplatsens kakor ses över.", "Läs mer"],
            [],
            id="protocol-paragraph-like-an-informing-banner-in-a-wrapper-stays",
        ),
        pytest.param(
            "<h1>Protokoll</h1><h2>§ 5 Webbplatsens kakor</h2><p>Vi använder kakor för att "
            'webbplatsen ska fungera. <a href="/kakor">Läs mer</a></p><p>Beslut</p>'
            "<p>Styrelsen beslutar att anta policyn för kakor.</p>",
            ["§ 5 Webbplatsens kakor", "Vi använder kakor för att", "Läs mer", "policyn"],
            [],
            id="protocol-paragraph-like-an-informing-banner-in-body-stays",
        ),
        pytest.param(
            # … before the first §, after the record's own first words in its wrapper, or
            # in an <article>: record text that was dropped as a banner above the record
            '<div class="protokoll"><p>Protokoll fört vid styrelsens möte 2024-03-12.</p>'
            '<p>Webbplatsens kakor ses över av kansliet. <a href="/kakor">Läs mer</a></p>'
            "<p>§ 1 Öppnande</p><p>Beslut</p></div>",
            ["Protokoll fört vid", "Webbplatsens kakor ses över", "Läs mer", "§ 1 Öppnande"],
            [],
            id="protocol-head-paragraph-like-an-informing-banner-in-a-wrapper-stays",
        ),
        pytest.param(
            '<article><p>Webbplatsens kakor ses över. <a href="/kakor">Läs mer</a></p>'
            "<h2>§ 1 Kakor</h2><p>Beslut</p></article>",
            ["Webbplatsens kakor ses över", "Läs mer", "§ 1 Kakor"],
            [],
            id="article-head-paragraph-like-an-informing-banner-stays",
        ),
        pytest.param(
            # the neighbour: a banner first in the record's wrapper, above its heading, goes
            '<div class="sida"><div class="notice">Vi använder kakor. <a href="/kakor">Läs '
            "mer</a></div><h1>Protokoll</h1><p>§ 1 Öppnande</p></div>",
            ["Protokoll", "§ 1 Öppnande"],
            ["kakor", "Läs mer"],
            id="cookie-banner-first-in-the-record-wrapper",
        ),
        pytest.param(
            # a § on the site's cookie policy is record text, even beside an accordion toggle
            "<main><h2>§ 7 Kakor på webbplatsen</h2><p>Förbundschefen informerade om att "
            "webbplatsen använder kakor (cookies) för statistik.</p><p>Styrelsen beslutar att "
            "godkänna policyn för kakor.</p>"
            '<div><p>Kakor används bara med samtycke.</p><button aria-controls="p8">Stäng'
            '</button></div><div id="p8"><p>§ 8 Övrigt</p></div></main>',
            [
                "§ 7 Kakor på webbplatsen",
                "webbplatsen använder kakor (cookies) för statistik.",
                "godkänna policyn för kakor.",
                "Kakor används bara med samtycke.",
            ],
            [],
            id="protocol-paragraph-about-cookies-stays",
        ),
        pytest.param(
            # a short protocol about kakor with a link that reads like a banner's button
            # ("Spara …"): the whole page went as a cookie notice, and the file was unreadable
            "<article><h1>Protokoll styrelsen 2024-03-12</h1><p>§ 4 Kakor på webbplatsen. "
            "Styrelsen beslutar att sluta använda kakor för statistik.</p>"
            '<p><a href="p.pdf">Spara som PDF</a></p></article>',
            ["§ 4 Kakor på webbplatsen.", "sluta använda kakor", "Spara som PDF"],
            [],
            id="short-protocol-about-cookies-with-a-save-link-stays",
        ),
        pytest.param(
            # the same without a § in the block that mentions them: the <article> holds it
            "<article><h1>Protokoll styrelsen 2024-03-12</h1><p>Punkt 4. Kakor på "
            "webbplatsen: styrelsen beslutar att sluta använda kakor.</p>"
            '<p><a href="p.pdf">Spara som PDF</a> <a href="/">Stäng</a></p></article>',
            ["Punkt 4. Kakor på webbplatsen", "Spara som PDF"],
            [],
            id="record-article-about-cookies-stays",
        ),
        pytest.param(
            # a banner split in two, its words in one block and its buttons in the next,
            # above the record or after the record's wrapper
            '<div class="a"><p>Vi använder kakor.</p></div><div class="b"><button>Godkänn'
            '</button><a href="/kakor">Läs mer</a></div><h1>Protokoll</h1><p>§ 1 Öppnande</p>',
            ["Protokoll", "§ 1 Öppnande"],
            ["kakor", "Läs mer"],
            id="split-cookie-banner-above-the-record",
        ),
        pytest.param(
            '<div id="innehall"><h1>Protokoll</h1><p>§ 1 Öppnande</p></div><div><p>Kakor '
            'används på webbplatsen.</p></div><div><a href="/kakor">Läs mer</a></div>',
            ["Protokoll", "§ 1 Öppnande"],
            ["Kakor", "Läs mer"],
            id="split-cookie-banner-after-the-record-wrapper",
        ),
        pytest.param(
            # the neighbours: such blocks in <main>, or between two §s, are the record's
            "<main><h1>Protokoll</h1><p>§ 1 Kakor</p><div><p>Vi använder kakor.</p></div>"
            '<div><a href="/kakor">Läs mer</a></div></main>',
            ["§ 1 Kakor", "Vi använder kakor.", "Läs mer"],
            [],
            id="split-blocks-like-a-banner-in-main-stay",
        ),
        pytest.param(
            "<h1>Protokoll</h1><h2>§ 1 A</h2><p>Text.</p><div><p>Vi använder kakor.</p></div>"
            '<div><a href="/kakor">Läs mer</a></div><h2>§ 2 B</h2><p>Text.</p>',
            ["Vi använder kakor.", "Läs mer", "§ 2 B"],
            [],
            id="split-blocks-like-a-banner-between-two-sections-stay",
        ),
    ],
)
def test_html_furniture(tmp_path: Path, body: str, kept: list[str], dropped: list[str]) -> None:
    text = _read(tmp_path, body)
    for snippet in kept:
        assert snippet in text
    for snippet in dropped:
        assert snippet not in text


def _accordion(panels: int) -> str:
    """A protocol published one § a panel, each opened by its button."""
    return "".join(
        f'<h3><button aria-controls="p{i}">§ {i} Ärende</button></h3>'
        f'<div id="p{i}" hidden><p>Styrelsen beslutar enligt förslag {i}.</p></div>'
        for i in range(panels)
    )


def _lines_like_furniture(lines: int) -> str:
    """A Word export's one <div> of <br> lines, each starting as a furniture stamp does."""
    rows = "".join(
        f"Senast den {i} maj ska rapporten lämnas in till kansliet.<br>" for i in range(lines)
    )
    return f"<div>{rows}</div>"


@pytest.mark.parametrize("page", [_accordion, _lines_like_furniture])
def test_html_furniture_costs_linear_work(page: Callable[[int], str]) -> None:
    """Leaving furniture out is one pass over the page: each accordion button looked its panel
    up in the whole page, and each line starting "Senast …" had its <div>, the whole page of a
    Word export, searched (tens of seconds for 1,200 panels or 2,400 lines). Counted in
    lines of Python run, not timed: four times the page, about four times the work."""

    def work(size: int) -> int:
        soup = BeautifulSoup(f"<html><body><main>{page(size)}</main></body></html>", "html.parser")
        steps = python_steps(lambda: _drop_boilerplate(soup))
        text = soup.get_text()
        assert f"{size - 1} " in text  # the last panel or line is still there
        return steps

    assert work(800) < 6 * work(200)  # about 4; was 16 and more


def _sections_on_kakor(sections: int) -> str:
    """A protocol straight in <body> whose every § mentions kakor above a link that reads as
    a banner's button ("Spara som PDF"): each § and its link look like a banner split in two."""
    return "<h1>Protokoll</h1>" + "".join(
        f"<h2>§ {i} Kakor</h2><p>Kakor på webbplatsen {i} ses över.</p>"
        f'<p><a href="/p{i}.pdf">Spara som PDF</a></p>'
        for i in range(sections)
    )


def test_banners_split_in_two_are_looked_for_in_linear_work() -> None:
    """Each pair of blocks that could be a banner split in two searched the page for the
    record around it: the square of the page's length. Counted in lines of Python run."""

    def work(size: int) -> int:
        page = f"<html><body>{_sections_on_kakor(size)}</body></html>"
        soup = BeautifulSoup(page, "html.parser")
        steps = python_steps(lambda: _drop_boilerplate(soup))
        assert f"webbplatsen {size - 1} ses över" in soup.get_text()
        return steps

    assert work(400) < 6 * work(100)  # about 4


def test_cookie_mentions_in_one_block_read_it_once() -> None:
    """A block's verdict is kept for all its mentions of kakor: each mention read the block
    again up to a banner's length, eight times the work of the same page without them.
    Counted in lines of Python run, not timed."""

    def work(word: str) -> int:
        spans = f"<span>{word} </span>" * 500
        page = f"<html><body><main><h1>Protokoll</h1><div>{spans}</div></main></body></html>"
        soup = BeautifulSoup(page, "html.parser")
        return python_steps(lambda: _drop_boilerplate(soup))

    assert work("kakor") < 2 * work("texts")  # about 1; was 8


def _word_export(lines: int) -> str:
    """A Word-exported protocol: one <p> whose lines are <br>-separated."""
    body = "<br>\n".join(f"Punkt {i}: styrelsen beslutar enligt förslag." for i in range(lines))
    return f'<div class="WordSection1"><p class="MsoNormal">{body}</p></div>'


def _paragraphs(lines: int) -> str:
    return "".join(f"<p><b>§ {i} Ärende</b> Styrelsen beslutar.</p>" for i in range(lines))


def _table_rows(lines: int) -> str:
    rows = "".join(
        f"<tr><td>§ {i}</td><td>Styrelsen beslutar enligt förslaget.</td></tr>"
        for i in range(lines)
    )
    return f"<table>{rows}</table>"


def _text_steps(body: str) -> int:
    """The lines of Python run to turn the page's content into lines."""
    soup = BeautifulSoup(f"<html><body><main>{body}</main></body></html>", "html.parser")
    return python_steps(lambda: _html_to_text(soup.main))


@pytest.mark.parametrize("page", [_word_export, _paragraphs, _table_rows])
def test_html_to_text_costs_linear_work(page: Callable[[int], str]) -> None:
    """Lines are marked in one pass over the page: a break inserted into the page tree looked
    its element up among all its siblings, so a Word export of 4,000 <br> lines took 1.7 s and
    a page four times as long sixteen times as long. Counted in lines of Python run, not timed."""
    lines = 500
    assert _text_steps(page(4 * lines)) < 6 * _text_steps(page(lines))  # about 4


SWEDISH = "<p>Samordningsförbundet Söderåsen § 3 Årsredovisning</p>"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            f"<meta charset='utf-8'>{SWEDISH}<p>Pris 50 ".encode() + b"\x80</p>",
            "Pris 50 \ufffd",
            id="declared-utf-8-with-a-stray-byte",
        ),
        pytest.param(
            f"{SWEDISH}<p>Citat ".encode() + b"\x93ja\x94</p>",
            "Citat \ufffdja\ufffd",
            id="undeclared-utf-8-with-stray-bytes",
        ),
        pytest.param(
            f"<meta charset='iso-8859-1'>{SWEDISH}<p>Pris 50 ".encode() + b"\x80</p>",
            "Pris 50 \ufffd",
            id="declared-latin-1-utf-8-with-a-stray-byte",
        ),
        pytest.param(
            f"<meta charset='utf-8'>{SWEDISH}<p>Citat “ja” – 50 €</p>".encode("cp1252"),
            "Citat “ja” – 50 €",
            id="windows-1252-declared-utf-8",
        ),
        pytest.param(
            f"<meta charset='windows-1252'>{SWEDISH}<p>Citat “ja”</p>".encode("utf-8-sig"),
            "Citat “ja”",
            id="bom-wins-over-meta",
        ),
    ],
)
def test_html_mixed_encodings(tmp_path: Path, data: bytes, expected: str) -> None:
    """A UTF-8 page with a Windows-1252 byte pasted in is still UTF-8: read as Windows-1252,
    every å, ä and ö became "Ã¥" and the förbund was lost."""
    path = tmp_path / "sida.html"
    path.write_bytes(data)
    text = read_source(path).pages[0]
    assert text.startswith("Samordningsförbundet Söderåsen § 3 Årsredovisning")
    assert text.endswith(expected)


def _parse(tmp_path: Path, body: str) -> Document:
    path = tmp_path / "sida.html"
    page = f"<html><head><meta charset='utf-8'><title>Sida</title></head><body>{body}</body></html>"
    path.write_text(page, encoding="utf-8")
    return parse_file(path)


HEAD = "<h1>Protokoll 2024-03-12</h1><p>Samordningsförbundet Söderåsen</p>"


@pytest.mark.parametrize(
    ("body", "sections"),
    [
        pytest.param(
            "<table><tr><th>§</th><th>Ärende</th><th>Beslut</th></tr>"
            "<tr><td>§ 14</td><td>Mötets öppnande</td><td>Ordföranden öppnade mötet.</td></tr>"
            "<tr><td>§ 15</td><td>Budget</td><td>Styrelsen beslutar att anta budgeten.</td></tr>"
            "</table>",
            [
                ("§ 14", "Mötets öppnande", "Ordföranden öppnade mötet.", []),
                (
                    "§ 15",
                    "Budget",
                    "Styrelsen beslutar att anta budgeten.",
                    ["Styrelsen beslutar att anta budgeten."],
                ),
            ],
            id="one-paragraph-a-table-row",
        ),
        pytest.param(
            "<p><strong>§ 1 Öppnande</strong> Ordföranden öppnade mötet.</p>"
            "<p><span><b>§ 2 Budget</b></span> Styrelsen beslutar att anta budgeten.</p>",
            [
                ("§ 1", "Öppnande", "Ordföranden öppnade mötet.", []),
                (
                    "§ 2",
                    "Budget",
                    "Styrelsen beslutar att anta budgeten.",
                    ["Styrelsen beslutar att anta budgeten."],
                ),
            ],
            id="bold-run-in-heading",
        ),
        pytest.param(
            "Mötet öppnades.<br><b>§ 1 Öppnande</b> Ordföranden hälsade välkommen.",
            [("§ 1", "Öppnande", "Ordföranden hälsade välkommen.", [])],
            id="bold-run-in-heading-after-br",
        ),
        pytest.param(
            # a bold § in mid-sentence is a reference: no heading
            "<h2>§ 3 Förbundsordning</h2><p>Enligt <b>§ 4 Förbundsordningen</b> ska styrelsen "
            "sammanträda.</p>",
            [
                (
                    "§ 3",
                    "Förbundsordning",
                    "Enligt § 4 Förbundsordningen ska styrelsen sammanträda.",
                    [],
                )
            ],
            id="bold-reference-mid-sentence-stays",
        ),
        pytest.param(
            "<h2>§ 1 Närvaro</h2><table><tr><td>Anna Berg</td><td>Ordförande</td></tr>"
            "<tr><td>Per Holm</td><td>ordf.</td></tr></table>",
            [("§ 1", "Närvaro", "Anna Berg Ordförande\nPer Holm ordf.", [])],
            id="attendance-rows-stay-one-line",
        ),
        pytest.param(
            "<h2>§ 1 Närvaro</h2><table><tr><td>Anna Berg</td><td>v. ordf.</td></tr></table>",
            [("§ 1", "Närvaro", "Anna Berg v. ordf.", [])],
            id="an-abbreviation-with-a-full-stop-is-no-sentence",
        ),
        pytest.param(
            "<h2>§\u200b 1 Öpp\u200bnande</h2><p>Samordnings\u200bförbundet Söder\ufeffåsen "
            "öpp\u2060nade mö\u200dtet.</p>",
            [("§ 1", "Öppnande", "Samordningsförbundet Söderåsen öppnade mötet.", [])],
            id="zero-width-characters",
        ),
    ],
)
def test_html_layouts(tmp_path: Path, body: str, sections: list[tuple]) -> None:
    doc = _parse(tmp_path, HEAD + body)
    found = [(s.label, s.title, s.text, [d.text for d in s.decisions]) for s in doc.sections]
    assert found == sections
    assert doc.forbund == "Samordningsförbundet Söderåsen"


def test_html_publication_date_is_no_meeting_date(tmp_path: Path) -> None:
    """ "Publicerat den 2 juni 2024" is when the page went up: with no meeting date in the
    text the document has none, and says so, rather than the publication's."""
    doc = _parse(
        tmp_path,
        "<main><article><header><h1>Protokoll styrelsemöte</h1><div class='entry-meta'>"
        "<span class='posted-on'>Publicerat den <time datetime='2024-06-02'>2 juni 2024</time>"
        "</span></div></header><p>Samordningsförbundet Söderåsen</p><h2>§ 1 Öppnande</h2>"
        "<p>Mötet öppnades.</p></article></main>",
    )
    assert doc.date is None
    assert doc.warnings == ["inget sammanträdesdatum hittades"]


_BARE = (
    "<h1>Protokoll styrelsen 2024-03-12</h1><h2>§ 1 Öppnande</h2><p>Mötet öppnades.</p>"
    "<h2>§ 2 Budget</h2><p>Styrelsen beslutar att godkänna budgeten.</p>"
)


@pytest.mark.parametrize(
    ("tail", "kept", "dropped"),
    [
        pytest.param(
            '<div class="x1">Vi använder kakor för att webbplatsen ska fungera. '
            '<a href="/kakor">Läs mer</a></div>',
            [],
            ["kakor", "Läs mer"],
            id="informing-banner-in-a-div",
        ),
        pytest.param(
            '<div id="k"><p>Vi använder kakor för att webbplatsen ska fungera.</p>'
            '<p><a href="/om-kakor">Läs mer om kakor</a></p></div>',
            [],
            ["kakor", "Läs mer"],
            id="informing-banner-in-paragraphs-of-a-div",
        ),
        pytest.param(
            '<p role="region">Vi använder kakor. <a href="/kakor">Läs mer</a></p>',
            [],
            ["kakor", "Läs mer"],
            id="informing-banner-as-a-region",
        ),
        pytest.param(
            '<p style="position: fixed; bottom: 0">Vi använder kakor. <a href="/kakor">Läs mer'
            "</a></p>",
            [],
            ["kakor", "Läs mer"],
            id="informing-banner-fixed-on-the-screen",
        ),
        pytest.param(
            '<div>Vi använder kakor. <a href="/kakor">Läs mer</a></div>'
            "<div>Samordningsförbundet, Box 12</div>",
            ["Box 12"],
            ["kakor", "Läs mer"],
            id="informing-banner-above-a-site-footer",
        ),
        # must not change: the protocol's own last paragraphs about kakor stay
        pytest.param(
            '<p>Vi använder kakor för att webbplatsen ska fungera. <a href="/kakor">Läs mer</a>'
            "</p>",
            ["Vi använder kakor", "Läs mer"],
            [],
            id="last-paragraph-like-a-banner-stays",
        ),
        pytest.param(
            "<h2>§ 3 Kakor</h2><div>Vi använder kakor för att webbplatsen ska fungera. "
            '<a href="/kakor">Läs mer</a></div>',
            ["§ 3 Kakor", "Vi använder kakor", "Läs mer"],
            [],
            id="a-last-paragraph-alone-under-its-heading-stays",
        ),
        pytest.param(
            "<h2>§ 3 Kakor</h2><p>Kansliet informerade.</p><div>Kakor på webbplatsen. Styrelsen"
            ' beslutar att anta policyn för kakor. <a href="/kakor">Läs mer</a></div>',
            ["Kansliet informerade.", "Styrelsen beslutar att anta policyn för kakor.", "Läs mer"],
            [],
            id="a-decision-on-kakor-in-a-div-stays",
        ),
        pytest.param(
            '<div>Vi använder kakor. <a href="/kakor">Läs mer</a></div><p>Justeras</p>',
            ["Vi använder kakor", "Justeras"],
            [],
            id="a-block-with-record-text-after-it-stays",
        ),
        pytest.param(
            '<div>Mötet avslutades.</div><div>Vi använder kakor. <a href="/kakor">Läs mer</a>'
            "</div>",
            ["Mötet avslutades.", "Vi använder kakor", "Läs mer"],
            [],
            id="a-record-set-in-divs-keeps-its-last-div",
        ),
        # a banner split in two blocks: its words in one, its buttons and link in the next
        pytest.param(
            '<div class="b7"><p>Vi använder kakor för att webbplatsen ska fungera.</p></div>'
            '<div class="b8"><a href="/kakor">Läs mer</a><button>Godkänn</button></div>',
            [],
            ["kakor", "Läs mer", "Godkänn"],
            id="split-banner-words-then-buttons",
        ),
        pytest.param(
            '<div class="b7"><p>Den här webbplatsen använder cookies.</p></div>\n'
            '<div class="b8"><a href="/om-webbplatsen/cookies">Läs mer om cookies</a></div>',
            [],
            ["cookies", "Läs mer"],
            id="split-informing-banner-words-then-link",
        ),
        pytest.param(
            '<div><p>Kakor används för statistik.</p></div><div><a href="#">Acceptera</a> | '
            '<a href="#">Neka</a> | <a href="/kakor">Inställningar</a></div>',
            [],
            ["Kakor används", "Acceptera", "Neka", "Inställningar"],
            id="split-banner-buttons-between-bars",
        ),
        pytest.param(
            '<div><p>Vi använder kakor.</p></div><div><a href="/kakor">Läs mer</a></div>'
            "<div>Samordningsförbundet, Box 12</div>",
            ["Box 12"],
            ["kakor", "Läs mer"],
            id="split-banner-above-a-site-footer",
        ),
        # must not change: two blocks that are the record's own stay
        pytest.param(
            '<div><p>Vi använder kakor.</p></div><div><a href="/kakor">Läs mer</a></div>'
            "<p>Justeras</p>",
            ["Vi använder kakor", "Läs mer", "Justeras"],
            [],
            id="split-blocks-with-record-text-after-them-stay",
        ),
        pytest.param(
            "<div><p>Vi använder kakor. Styrelsen beslutar att behålla dem.</p></div>"
            '<div><a href="/kakor">Läs mer</a></div>',
            ["Vi använder kakor", "Läs mer"],
            [],
            id="split-blocks-with-a-decision-stay",
        ),
        pytest.param(
            "<div><p>Kakor på webbplatsen ses över av kansliet.</p></div>"
            '<div><a href="/kakor">Läs mer</a></div>',
            ["Kakor på webbplatsen ses över av kansliet.", "Läs mer"],
            [],
            id="split-blocks-about-the-websites-kakor-stay",
        ),
        pytest.param(
            "<div><p>Vi använder kakor.</p></div>"
            '<div>Protokollet finns också som <a href="/p.pdf">PDF</a>.</div>',
            ["Vi använder kakor", "Protokollet finns också som PDF."],
            [],
            id="split-blocks-whose-second-has-words-of-its-own-stay",
        ),
        pytest.param(
            '<div>Mötet avslutades.</div><div>Vi använder kakor.</div><div><a href="/kakor">'
            "Läs mer</a><button>Godkänn</button></div>",
            ["Mötet avslutades.", "Vi använder kakor", "Läs mer"],
            [],
            id="a-record-set-in-divs-keeps-its-last-two-divs",
        ),
        # a protocol's last <div> on the förbund's website, a topic and no banner's voice
        pytest.param(
            "<h2>§ 3 Webbplatsen</h2><p>Kansliet informerade.</p><div>Kakor på webbplatsen. "
            'Styrelsen informeras om hur webbplatsen använder kakor. <a href="/kakor">Läs mer'
            "</a></div>",
            ["Kakor på webbplatsen. Styrelsen informeras om", "Läs mer"],
            [],
            id="a-last-div-on-the-websites-kakor-stays",
        ),
        pytest.param(
            '<section><p>Kakor på webbplatsen.</p><p><a href="/om-kakor">Läs mer</a></p></section>',
            ["Kakor på webbplatsen.", "Läs mer"],
            [],
            id="a-last-section-on-the-websites-kakor-stays",
        ),
        pytest.param(
            '<div class="x1">Den här webbplatsen använder kakor. <a href="/kakor">Läs mer</a>'
            "</div>",
            [],
            ["kakor", "Läs mer"],
            id="informing-banner-speaking-of-this-website",
        ),
        pytest.param(
            '<div style="position:fixed">Kakor på webbplatsen. <a href="/kakor">Läs mer</a></div>',
            [],
            ["Kakor", "Läs mer"],
            id="informing-banner-without-a-voice-but-fixed",
        ),
    ],
)
def test_a_banner_after_a_protocol_set_straight_in_body(
    tmp_path: Path, tail: str, kept: list[str], dropped: list[str]
) -> None:
    """A protocol straight in <body>, a cookie banner with only a "Läs mer" link as the last
    block: it was read as the last section's text. A box unlike the record's paragraphs, with
    nothing of the record after it, goes; what reads as the record's own stays."""
    text = _read(tmp_path, _BARE + tail)
    assert "Styrelsen beslutar att godkänna budgeten." in text
    for snippet in kept:
        assert snippet in text
    for snippet in dropped:
        assert snippet not in text


# Consent tools as they render their banners (Swedish texts, ids and classes kept).
_CONSENT_TOOLS = {
    "wordpress-cookie-notice": (
        '<div id="cookie-notice" role="dialog" class="cookie-notice-hidden cn-position-bottom" '
        'aria-label="Cookie Notice" style="background-color: rgba(50,50,58,1);">'
        '<div class="cookie-notice-container" style="color: #fff">'
        '<span id="cn-notice-text" class="cn-text-container">Vi använder kakor för att ge dig '
        'den bästa upplevelsen på vår webbplats.</span><span id="cn-notice-buttons" '
        'class="cn-buttons-container"><a href="#" id="cn-accept-cookie" data-cookie-set="accept"'
        ' class="cn-set-cookie cn-button" aria-label="Ok">Ok</a><a href="/integritetspolicy/" '
        'id="cn-more-info" class="cn-more-info cn-button">Integritetspolicy</a></span>'
        '<span id="cn-close-notice" data-cookie-set="accept" class="cn-close-icon" '
        'title="Nej"></span></div></div>'
    ),
    "cookieyes": (
        '<div class="cky-consent-container cky-box-bottom-left" tabindex="0">'
        '<div class="cky-consent-bar" data-cky-tag="notice"><div class="cky-notice">'
        '<p class="cky-title" role="heading" aria-level="1">Vi värnar om din integritet</p>'
        '<div class="cky-notice-group"><div class="cky-notice-des" data-cky-tag="description">'
        "<p>Vi använder kakor för att förbättra din upplevelse och analysera trafiken.</p></div>"
        '<div class="cky-notice-btn-wrapper" data-cky-tag="notice-buttons">'
        '<button class="cky-btn cky-btn-customize">Anpassa</button>'
        '<button class="cky-btn cky-btn-reject">Neka alla</button>'
        '<button class="cky-btn cky-btn-accept">Acceptera alla</button></div></div></div></div>'
        "</div>"
    ),
    "sitevision-cookie-bar": (
        '<div id="svid12_cookie" class="sv-layout sv-skip-spacer"><div class="sv-text-portlet">'
        '<div class="sv-text-portlet-content"><p class="normal">Vi använder kakor (cookies) för '
        'att webbplatsen ska fungera.</p></div></div><div class="sv-script-portlet">'
        '<a class="env-button" href="/om-webbplatsen/kakor">Läs mer</a>'
        '<button class="env-button env-button--primary">Godkänn alla</button></div></div>'
    ),
    "sitevision-portlets-straight-in-body": (
        '<div class="sv-layout sv-text-portlet"><p class="normal">Vi använder kakor (cookies) '
        'för att webbplatsen ska fungera.</p></div><div class="sv-layout sv-script-portlet">'
        '<a class="env-button" href="/om-webbplatsen/kakor">Läs mer</a>'
        '<button class="env-button env-button--primary">Godkänn alla</button></div>'
    ),
}


@pytest.mark.parametrize("tool", sorted(_CONSENT_TOOLS))
@pytest.mark.parametrize("where", ["after-a-bare-protocol", "before-main"])
def test_consent_tools_banners_go(tmp_path: Path, tool: str, where: str) -> None:
    """The banners of the consent tools Swedish sites use go, after a protocol set straight
    in <body> and above a protocol in <main>; the protocol's own text stays."""
    banner = _CONSENT_TOOLS[tool]
    body = _BARE + banner if where == "after-a-bare-protocol" else f"{banner}<main>{_BARE}</main>"
    text = _read(tmp_path, body)
    assert text.startswith("Protokoll styrelsen 2024-03-12")
    assert text.endswith("Styrelsen beslutar att godkänna budgeten.")
    for word in ("kakor", "Ok", "Integritetspolicy", "Acceptera", "Neka", "Läs mer", "Godkänn"):
        assert word not in text
