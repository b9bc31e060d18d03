"""The ingest pipeline: file → page texts → clean lines → sections → a `Document`.

Each step lives in its own module (`sources`, `clean`, `segment`, `decisions`, `metadata`);
this one only wires them together and fills in the contract's fields.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from index import paths, privacy
from index.clean import Line, clean
from index.decisions import extract_decisions
from index.errors import listed
from index.meetings import split_meetings
from index.metadata import (
    BOARD,
    DateFound,
    Registry,
    date_warning,
    detect_body,
    detect_forbund,
    detect_kind,
    detect_title,
    find_date,
)
from index.model import Document, Section
from index.segment import RawSection, Segmented, paragraph_gaps, segment, tab_rows
from index.sources import SourceText, has_personal_numbers, read_source, sha256_of

# Raise when a change to reading, cleaning, segmenting or decisions changes what a file parses to:
# indexes store it (`index.store.rules_fingerprint`), and the next indexing run parses every indexed
# file again, as for a change to the analysis. The versions:
# - 2: blank lines inside sentences dropped, labels such as "Information:" end a decision block.
# - 3: a personnummer split over two lines is masked.
# - 4: also one written with dashes, full-width digits or a hyphen before it.
# - 5: also one with invisible characters, spaced digits, or several spaces or signs; file names
#   masked.
# - 6: also direction marks and other format characters, the date in spaced groups, other marks
#   between date and serial, three pieces over lines.
# - 7: also a date written with dots or slashes ("1985.04.12-1230").
# - 8: a blank line after a word no sentence ends with ("och") is dropped also before a capital.
# - 9: "§ 1 – Rubrik" (a dash before the title) is a heading.
# - 10: identity numbers also as "8504 12-1230", "(850412)-1230" and "5-19121212-1212"; a source
#   URL that holds one is not kept.
# - 11: a number cut by a page break with furniture between the halves is masked, one a table cell
#   wrapped, and one with its serial as two pairs; an indexed path and the parsed `source` keep no
#   number (`index.paths`); the förbund, date and title also from the running letterhead; a
#   labelled meeting date wins over justering and anslag dates; a bare § takes the next line as
#   title only when it reads like one; one-word report titles ("Tertialrapport 2 …"); unmarked
#   decisions cut to their sentence; e-signing logs cut wherever they start when log lines follow
#   (Scrive, Penneo), per-page signing stamps, two-page running lines, a letterhead's third row
#   and dotted signature lines are furniture, and dot leaders leave lines with words; two-column
#   PDF pages read band by band; copies re-wrapped at another width dropped; spacing accents and
#   Mac Roman mojibake in body text repaired; soft hyphens join words; "§§ 12–14 Rapporter" is one
#   heading; an HTML page declared latin-1 but written in UTF-8 is read as UTF-8; the förbund also
#   from the file's own title; PDF pages without text are named in a warning; labelled dates also
#   in numeric forms ("12/3-24", "12.03.2024") and with short month names; a protocol's title over
#   an "Utdrag" line is an extract; the meeting's kind ("Extra styrelsemöte", "Årsstämma",
#   "Medlemssamråd") is a title; table-of-contents entries dropped; a report's numbered chapters
#   stand beside its "Mål" headings; an agenda of two items or with lines under its items stays in
#   the head; an attachment whose § restart from 1 is one section "Bilaga N".
# - 12: a file that holds several meetings dates each section by its own meeting, and a later
#   meeting's head is a section of its own (`index.meetings`); short paragraphs with decisions are
#   no agenda; a head repeated for the next meeting (the same members, time and place) is no
#   printed copy; a decision whose board is printed alone on its line or with its verb is joined
#   to the next line ("Styrelsen" / "beslutar att …"), and a decision goes on into a next line in
#   lower case; the sentence right under a proposal's label ("Förslag till beslut" / "Styrelsen
#   beslutar att …") is the proposal; "§ 15 … forts." continues the earlier § 15; "§§ 12 och 13
#   Rapporter" is one heading; a § reference wrapped to a line's start, out of the count, is no
#   heading; a protocol whose § numbers jump forward gets one warning listing the jumps; a header
#   laid out as a table of dates gives each date its column's label (not when a cell is empty); a
#   justering, posting or signing date taken as the meeting's is named in a warning; a
#   letterhead's third row on a short last page is furniture; Mac Roman capitals and é repaired
#   also without a small å, ä or ö; a copy of prose without § wrapped at another width is dropped.
# - 13: a later meeting's head repeated with its "§ 1" is that meeting's, not a copy, and a running
#   title whose date changes opens a meeting; a § out of the count at a page's top that reads as a
#   heading stays one (a page before it may be missing); a lone "§ 14 forts." is titled from the
#   agenda, else "(forts.)"; long lines are read in linear time; every Unicode dash and a table's
#   cell separators (| ; =) between an identity number's halves are masked; control characters
#   from HTML and PDF text are dropped.
# - 14: HTML pages leave out a site's furniture (landmark roles, crumbs, menus, sidebars, comments,
#   share and "Senast uppdaterad" lines), read accordion panels, a § laid out as a table row or as
#   a bold run-in heading, and drop zero-width characters; a UTF-8 page with a stray byte is read
#   as UTF-8; a whole identity number above a split one lends it no half; a joined meeting title
#   still opens its meeting; PDF pages in two columns of running text keep their order, a
#   letterhead's fourth and fifth rows are furniture, the ANSLAG/BEVIS box after a § is dropped,
#   Visma Addo's and Assently's signing pages are cut, ligatures read as letters, and a word
#   split with U+2010 is joined.
# - 15: a two-column § layout with short bodies is read band by band again; a posting box is
#   dropped only under its rows (a stray "Anslagsbevis" keeps the text under it); filled PDF
#   text fields are their page's text; side-by-side signers end the last decision; more passive
#   decision verbs tell a short meeting from an agenda, and more attendance labels a repeated
#   meeting head from a copy; an HTML cookie banner is known by its role, label or consent
#   button, also under a class name that does not say cookie; a line over 10,000 characters
#   (a text that lost its line breaks) is broken at its sentences, and the förbund and date are
#   looked for in the first 100,000 characters.
# - 16: a two-column § page whose bodies are all one line finds its gutter from the heading
#   lines (where no other line has text on both sides of it); an HTML cookie notice whose only
#   link leads to the policy ("Läs mer") is dropped when it stands outside the record (before
#   its heading, or after it outside its wrapper), never in an <article> or after the record's
#   first words; identity numbers are also masked in superscript or circled digits, reversed by
#   a right-to-left override, hyphenated inside the date at a line break, and with the date in
#   two groups of four ("1993 1006 0000"), and in paths that spread one over two folder levels.
# - 17: a number in groups of four split over lines before its serial ("1933 1224" / "0009")
#   is masked, the line break read as the space between groups, and so is one split over
#   lines in superscript or circled digits, and one that a line break in a file's name cuts
#   (in `source` and the title made from the name); an informing cookie banner boxed at the
#   foot of a protocol set straight in <body> is dropped; a "§ 15 forts." after § 16 no
#   longer takes a later meeting's head into § 15 (§ 16 keeps its meeting's date); § numbers
#   of four digits are headings ("§ 1000", not "2024 § 5").
# - 18: four-digit § numbers are also read before the sign ("1000 §") and by the two-column,
#   font-repair and posting-box passes; a lone "Justerare" row ends a decision; an identity
#   number with a footnote mark between date and serial ("19121212¹-1212") is masked, and
#   `source` masks a path level by level ("1912/1212\n-1212.pdf" is one number); a cookie
#   banner split over two blocks after a bare protocol goes, a plain box there only when it
#   speaks as a banner; "1933 1224" / "0009,5" split over lines is a decimal, as on one line.
# - 19: an identity number with two or three spaces between its groups ("1912  1212 1212",
#   "19121212 - 12  12") is masked in file names, `source` and titles made from names (the
#   quick check before the full patterns allowed one space).
# - 20: a section knows the last page its text is on (`page_end`) and where in its text each
#   later page starts (`page_starts`, for a hit's `match_page`).
# - 21: a section knows whether another section of its meeting has its label
#   (`label_repeats`), for a citation that tells them apart by title.
# - 22: impersonal decisions ("Beslutades att"), a reservation or note to the minutes ends a
#   decision, Comfact's and "Signerat av" signing pages are cut, a copy whose pages number on
#   is dropped, "Styrelsemöte 3/3 2024" and "3/3 2024" in a table are dates, an unknown
#   förbund's name stops before "PROTOKOLL"/"Sida", "Mål 1 Title" without a dash is a heading
#   (but not a row of a table of goals); a member's reservation or note is never a decision;
#   "Styrelsen beslutar: att …" keeps the words after its colon.
# - 23: "Det beslutades att …" and a deciding sentence after others on its line are decisions;
#   one with a time reference ("vid förra mötet", "den 12 mars", a date) reports an earlier
#   meeting's and is none; labels in capitals ("BESLUT") are labels; Beslutsunderlag, where a
#   decision is sent and "Omedelbar justering" end a decision; "Yrkanden" are statements up to
#   "Propositionsordning", motions and proposals are no decisions, the chair's "finner att
#   styrelsen beslutar att" is one; "Ärende 5" / "Punkt 5." items are headings where there
#   is no §; a "Dnr" wherever the heading prints it starts the §'s body; a text table's row
#   "§ 2 Budget | Budgeten antas." is the § and its body; a förbund name written decomposed
#   (NFD) is slugged as composed; a month written with a long s ("auguſti") no longer fails
#   the file. Then (review): a closing line right under "Beslut" is the decision; "…, vilket
#   styrelsen beslutar" and "konstaterar att styrelsen beslutat" are decisions; capital
#   dispatch labels close; "Beslut Planen antas." drops its label; a year or an opening date
#   is a time reference, present tense never is; item runs may skip numbers, stand in
#   capitals, and leave an agenda of items in the head; a capital dispatch line with its
#   receivers ("BESLUTET SKICKAS TILL KANSLIET") closes a decision; "styrelsen beslutat" with
#   a time reference reports an earlier decision.
# - 24: the board's other deciding verbs in a past form with a time reference ("konstaterar
#   att styrelsen antagit planen i mars") report an earlier meeting; the longest run of items
#   counts (a stray "Punkt 12" above them stays text); "5. Budget" runs that start past 1 are
#   headings where there is no other; a tab-separated row that opens with a § is the § and
#   its body; "att utse" over "Justerare" keeps whom it chose; grants and past passives
#   ("beviljas", "avslogs"), the working committee and presidium, "Sammanfattning/Beskrivning
#   av ärendet" close a decision; a deciding sentence wrapped between two lines is found;
#   "Paragraf 5 Budget" is "§ 5".
# - 25 (review of 24): "Beslut:" after a sentence on its line is the label; a date that dates
#   the object ("protokollet från sammanträdet den 12 mars") is no earlier act; another
#   body's act ("… beviljades … av ESF-rådet", "Revisorerna tillstyrker att …") is no
#   decision; a committee's or presidium's "förslag till beslut" is a proposal, and "Kansliets
#   förslag godkänns." under "Beslut:" a decision; "frågar om styrelsen godkänner … och finner
#   att så är fallet" is one; a decision's numbered points are kept; numbered lists (an
#   agenda, a table of contents) are no headings; a "Paragraf 9" quoted in a "Punkt" item is
#   counted apart; a tab inside a line's words makes no table row.
# - 26: another body's act is no decision (whose protocol, from the title and head: board,
#   working committee, presidium; a later meeting's head names its own; where the head names
#   none, another body's act in the present counts); a past passive dated before its meeting
#   reports an earlier act (not a year after "avseende", "gällande", "budgetår"); a recurring
#   day ("den 25:e varje månad", "den 1 juli varje år", "årligen den 31 mars") and a date in
#   a "vilket/vilka/där" clause are no act's date; "bordläggs"/"bordlägger",
#   "återremitterar", "avslår", "bifaller", "lägger … till handlingarna", "noterar/tar del av
#   informationen", "Informationen noteras", "har således beslutat" and "Styrelsen noterar
#   att … och beslutar att …" are decisions; a member's reservation or jäv as a sentence and
#   a vote's label end a decision; a decision id of another § opens none.
PARSE_VERSION = 26

# How far into the text (its header, and the whole text) the förbund and the meeting's date
# are looked for. Both stand in a document's head, on its first pages; the longest protocols of
# the bench corpus are about 35,000 characters, so they are read whole, while a 50 MB export
# read whole took half of its parse time for metadata alone.
METADATA_REACH = 100_000


def parse_file(path: Path | str, registry: Registry | None = None) -> Document:
    """Parse one file; raises SourceError (one line: file and reason) when it cannot be read."""
    return parse_source(read_source(Path(path)), registry)


def parse_text(text: str, source: str = "<text>", registry: Registry | None = None) -> Document:
    """Parse text that is already in memory (tests, HTML fragments, the benchmark)."""
    pages = text.split("\f")
    return parse_pages(
        pages,
        paged=len(pages) > 1,
        source=source,
        sha256=sha256_of(text.encode("utf-8")),
        registry=registry,
    )


def parse_source(src: SourceText, registry: Registry | None = None) -> Document:
    doc = parse_pages(
        src.pages,
        paged=src.paged,
        source=str(src.path),
        sha256=src.sha256,
        fallback_title=src.title,
        registry=registry,
    )
    if src.format == "pdf":
        doc.warnings[:0] = _pages_without_text(src.pages)
    # Only a PDF is served as it is (text and HTML are masked when served), so only a PDF
    # pays for this scan. A number that cleaning found (one a page footer cut in two, say)
    # counts too.
    doc.original_has_personal_numbers = src.format == "pdf" and (
        doc.original_has_personal_numbers or has_personal_numbers(src)
    )
    return doc


def parse_pages(
    pages: list[str],
    *,
    paged: bool,
    source: str,
    sha256: str,
    fallback_title: str | None = None,
    registry: Registry | None = None,
) -> Document:
    """Clean, segment and describe a document given as page texts."""
    registry = registry or Registry.default()
    # A text export's tab-separated table rows ("§ 2\tBudget\tBudgeten antas."): read as
    # "|" rows before cleaning collapses their tabs (`segment.tab_rows`).
    if any("\t" in page for page in pages):
        pages = tab_rows(pages)
    cleaned = clean(pages, paged, vocabulary=registry.words())
    whole = "\n".join([line.text for line in cleaned.lines])
    # A text export's table ("| § 2 Budget | Budgeten antas. |") is looked for only in a
    # text with a bar: one C search here spares a pass over every line.
    seg = segment(cleaned.lines, tables="|" in whole)
    header_lines = [line.text for line in seg.header]
    header = _join(seg.header)
    # What the förbund and the date are looked for in: a head of the text, not all of it.
    head = header[:METADATA_REACH]
    full = whole[:METADATA_REACH]
    furniture = _furniture(cleaned.dropped)
    # A title printed only in the running letterhead is the document's title too.
    own_title = detect_title(header_lines) or detect_title(furniture.split("\n"))
    if own_title is None and fallback_title:
        own_title = privacy.mask_personal_numbers(fallback_title.strip())
    has_paragraphs = any(s.heading.label.startswith("§") for s in seg.sections)
    kind = detect_kind(own_title or "", head, has_paragraphs)
    # Last of all, the furniture and the file's own title (an HTML page's <title>, a PDF's
    # metadata), which may be the only places that name the förbund.
    last = "\n".join([furniture, privacy.mask_personal_numbers(fallback_title or "")])
    name, slug = detect_forbund([own_title or "", head, full], registry, last)
    found = find_date(own_title or "", head or full[:3000], kind)
    if found is None and furniture:
        found = find_date("", furniture, kind)
    when = found.value if found else None
    doc = Document(
        # The path as the operator gave it, which may name a person: shown (`finsok parse`)
        # and stored masked; the indexer keeps the real path apart (`index.paths`).
        source=paths.shown_path(source),
        sha256=sha256,
        forbund=name,
        forbund_slug=slug,
        kind=kind,
        date=when,
        title=own_title or _fallback_title(kind, when, source),
        header=header,
    )
    seg.sections = split_meetings(seg.sections, when)
    whose = _body(kind, detect_body(own_title or "", header_lines))
    doc.sections = _sections(seg, kind, doc, broken=cleaned.broken, whose=whose)
    mark_repeated_labels(doc.sections)
    doc.warnings = cleaned.warnings + _warnings(doc, seg, found)
    doc.original_has_personal_numbers = cleaned.masked
    return doc


def _body(kind: str, named: str | None) -> tuple[str | None, bool]:
    """Whose protocol a meeting's sections are in (`metadata.detect_body`), and whether that
    is a guess: the body its head names, or else, in a protocol, the board's, which is what
    förbund publish unless the head says otherwise (a guess, which the sections' own
    decisions may contradict: `decisions.Meeting`); None (any body's act counts) in a report
    or another text."""
    if named is None and kind in ("protokoll", "protokollsutdrag"):
        return BOARD, True
    return named, False


def _paragraph(raw: RawSection) -> int | None:
    """The one § a section is ("§ 11"), whose decisions' ids name it; None for "§§ 12–14",
    "§ 47a" or another label."""
    number = raw.heading.number
    return number if number is not None and raw.heading.label == f"§ {number}" else None


def _sections(
    seg: Segmented, kind: str, doc: Document, *, broken: bool, whose: tuple[str | None, bool]
) -> list[Section]:
    """The sections with their decisions, each read as its meeting's: `whose` protocol it is
    (`_body`), and its date."""
    unmarked = kind in ("protokoll", "protokollsutdrag")
    sections = []
    for raw in seg.sections:
        if not raw.heading.label:  # a later meeting's head: its body may be another's
            head = [line.text for line in raw.lines]
            whose = _body(kind, detect_body(raw.heading.title, head))
        text = _join(raw.lines)
        page_end, page_starts = page_span(raw.lines, text, raw.page)
        sections.append(
            Section(
                label=raw.heading.label,
                number=raw.heading.number,
                title=raw.heading.title,
                text=text,
                page=raw.page,
                page_end=page_end,
                page_starts=page_starts,
                # An attachment ("Bilaga 1") holds no decision of the meeting's, nor does a
                # later meeting's head (the only sections without a label).
                decisions=[]
                if raw.heading.label.startswith("Bilaga") or not raw.heading.label
                else extract_decisions(
                    raw.lines,
                    unmarked=unmarked,
                    text=text,
                    body=whose[0],
                    guessed=whose[1],
                    date=raw.date or doc.date,
                    paragraph=_paragraph(raw),
                ),
                date=raw.date or doc.date,
            )
        )
    if not sections:
        # No structure found: keep the whole text as one section so nothing is lost.
        body = [line for line in seg.header if line.text]
        if body:
            text = _join(seg.header)
            page_end, page_starts = page_span(seg.header, text, body[0].page)
            sections.append(
                Section(
                    label="",
                    number=None,
                    title=doc.title,
                    text=text,
                    page=body[0].page,
                    page_end=page_end,
                    page_starts=page_starts,
                    # A text whose lines were lost and broken again at its sentences
                    # (`clean.break_long_lines`) has no heading to end a decision's block:
                    # one "Beslut" would hold all the text after it.
                    decisions=[]
                    if broken
                    else extract_decisions(
                        seg.header,
                        unmarked=False,
                        text=text,
                        body=whose[0],
                        date=doc.date,
                        guessed=whose[1],
                    ),
                    date=doc.date,
                )
            )
            doc.header = ""
    return sections


def mark_repeated_labels(sections: list[Section]) -> None:
    """Flag each section whose label another section of its meeting has (`label_repeats`), so
    that its citation can name its title: two "§ 10" (a numbering error) or two "Mål 8" in one
    report are otherwise cited alike where the source has no pages. A meeting's sections share
    a date; a file of several meetings numbers each from § 1, and those are told apart by their
    dates already. Sections without a label (a later meeting's head) are never flagged."""
    counts = Counter((s.label, s.date) for s in sections if s.label)
    for section in sections:
        section.label_repeats = counts[(section.label, section.date)] > 1


def _furniture(dropped: list[tuple[str, str]]) -> str:
    """The distinct page furniture lines that cleaning dropped, in order, as one text.

    A running letterhead ("Samordningsförbundet Västra Norrbotten" on every page) is dropped as
    furniture, yet it may be the only place that names the förbund or the date.
    """
    lines = dict.fromkeys(text for reason, text in dropped if reason == "page furniture")
    # Dropped before cleaning masks identity numbers: masked here, as the title may come
    # from it.
    return privacy.mask_text("\n".join(lines))


def _join(lines: list[Line]) -> str:
    """The lines as one text, runs of blank lines cut to one."""
    text = "\n".join([line.text for line in lines])
    # str.replace is several times cheaper than a regex here; each pass shortens every run of
    # three or more line breaks, so a run of n takes about log(n) passes.
    while "\n\n\n" in text:
        text = text.replace("\n\n\n", "\n\n")
    return text.strip()


def page_span(
    lines: list[Line], text: str, page: int | None
) -> tuple[int | None, list[tuple[int, int]]]:
    """The last page a section's text is on, and where in `text` (its lines as `_join` joined
    them) each page after `page` starts (`Section.page_starts`). A section whose first and last
    lines are on its heading's page (almost every one) costs one comparison; only one that
    crosses a page walks its lines, each line's place in `text` counted from the lengths of
    the lines before it (`_join` puts one line break between lines, two where blank lines
    stood), never word by word."""
    if page is None or not lines or lines[0].page == lines[-1].page == page:
        return page, []
    starts: list[tuple[int, int]] = []
    current, last = page, page
    pos = -1  # where the next line with text starts in `text`; -1 before the first
    blank = False
    for line in lines:
        if not line.text:
            blank = True
            continue
        pos = 0 if pos < 0 else pos + (2 if blank else 1)
        blank = False
        if line.page is not None and line.page != current:
            if not text.startswith(line.text, pos):
                # Counted wrong (a line with spaces `_join` stripped): look from the page before.
                pos = text.find(line.text, starts[-1][0] if starts else 0)
                if pos == -1:
                    return last, starts
            starts.append((pos, line.page))
            current, last = line.page, max(last, line.page)
        pos += len(line.text)
    return last, starts


def _fallback_title(kind: str, when: str | None, source: str) -> str:
    base = {"protokoll": "Protokoll", "protokollsutdrag": "Protokollsutdrag", "rapport": "Rapport"}
    if kind in base:
        return f"{base[kind]} {when}" if when else base[kind]
    return privacy.mask_name(Path(source).stem)


def _pages_without_text(pages: list[str]) -> list[str]:
    """A warning naming the pages of a PDF that have no text: a page scanned as an image
    among text pages, whose paragraphs would otherwise be missing without a word."""
    empty = [str(number) for number, page in enumerate(pages, start=1) if not page.strip()]
    if not empty:
        return []
    if len(empty) == 1:
        return [f"sida {empty[0]} har ingen text (en inskannad bild? kör OCR för att få med den)"]
    return [
        f"sidorna {listed(empty)} har ingen text (inskannade bilder? kör OCR för att få med dem)"
    ]


def _warnings(doc: Document, seg: Segmented, found: DateFound | None) -> list[str]:
    warnings = []
    if not seg.sections:
        warnings.append("ingen struktur (§, Mål eller numrerade rubriker) hittades: en sektion")
    if doc.date is None:
        warnings.append("inget sammanträdesdatum hittades")
    elif guessed := date_warning(found, doc.kind):
        warnings.append(guessed)
    if doc.forbund is None:
        warnings.append("förbundet kunde inte bestämmas")
    if doc.kind == "protokoll":
        warnings.extend(_paragraph_gap_warning(seg))
    return warnings


def _paragraph_gap_warning(seg: Segmented) -> list[str]:
    """One warning listing where a protocol's § numbers jump ("§ 12" then "§ 15"): a page
    may be missing. Only for a protocol: an extract holds one § or a few apart."""
    gaps = paragraph_gaps(seg.sections)
    if not gaps:
        return []
    jumps = listed([f"från § {before} till § {after}" for before, after in gaps])
    missing = "en sida" if len(gaps) == 1 else "sidor"
    return [f"paragrafnumren hoppar {jumps} — saknas {missing}?"]
