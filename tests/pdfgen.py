"""Small PDF factories for tests.

Real protocols are PDFs with running headers and footers ("Sida 3 (12)"), so tests that check
page handling or furniture removal need PDFs shaped like that. Generating them with fpdf2 keeps
binary blobs out of the repository and makes each fixture's content visible in the test.

fpdf2's core font Helvetica covers latin-1 (å ä ö é § and friends), which is all Swedish needs;
characters outside latin-1 (such as the en dash) raise in fpdf2, so keep fixture text latin-1.
"""

from __future__ import annotations

from pathlib import Path

from fpdf import FPDF
from fpdf.enums import EncryptionMethod, XPos, YPos

_FONT = "Helvetica"
_LINE_HEIGHT = 6.0


def _furniture(template: str | None, page: int, pages: int) -> str | None:
    if template is None:
        return None
    return template.replace("{page}", str(page)).replace("{pages}", str(pages))


def _new_pdf(title: str | None, orientation: str = "P") -> FPDF:
    pdf = FPDF(orientation=orientation, format="A4")
    pdf.set_auto_page_break(auto=False)
    pdf.set_font(_FONT, size=11)
    if title is not None:
        pdf.set_title(title)
    return pdf


def _write_line(pdf: FPDF, text: str) -> None:
    pdf.cell(0, _LINE_HEIGHT, text, new_x=XPos.LMARGIN, new_y=YPos.NEXT)


def _write_page(pdf: FPDF, lines: list[str], header: str | None, footer: str | None) -> None:
    pdf.add_page()
    if header is not None:
        pdf.set_xy(pdf.l_margin, 10)
        _write_line(pdf, header)
    pdf.set_xy(pdf.l_margin, 25)
    for line in lines:
        _write_line(pdf, line)
    if footer is not None:
        pdf.set_xy(pdf.l_margin, pdf.h - 15)
        _write_line(pdf, footer)


def make_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    header: str | None = None,
    footer: str | None = "Sida {page} ({pages})",
    title: str | None = None,
    orientation: str = "P",
) -> Path:
    """Write a text PDF with one page per inner list of lines and return `path`.

    `header` and `footer` are printed on every page like a protocol's running furniture;
    "{page}" and "{pages}" in them become the page number and the page count. `orientation`
    "L" makes the pages landscape.
    """
    pdf = _new_pdf(title, orientation)
    total = len(pages)
    for number, lines in enumerate(pages, start=1):
        _write_page(
            pdf,
            lines,
            _furniture(header, number, total),
            _furniture(footer, number, total),
        )
    pdf.output(str(path))
    return path


def make_encrypted_pdf(
    path: Path,
    *,
    user_password: str = "hemligt",
    lines: list[str] | None = None,
    method: EncryptionMethod = EncryptionMethod.RC4,
) -> Path:
    """Write a PDF that needs a password to open, encrypted with `method` (RC4, AES_128,
    AES_256).

    With `user_password=""` the PDF is "protected" yet opens without a password, as many
    published protocols are.
    """
    pdf = _new_pdf(None)
    pdf.set_encryption(
        owner_password="agare",
        user_password=user_password,
        encryption_method=method,
    )
    _write_page(pdf, lines or ["Protokoll § 1 Hemlig paragraf"], None, None)
    pdf.output(str(path))
    return path


def make_image_only_pdf(path: Path) -> Path:
    """Write a PDF whose only page holds a drawn rectangle, like a scan without OCR."""
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.set_fill_color(120, 120, 120)
    pdf.rect(20, 20, 170, 250, style="F")
    pdf.output(str(path))
    return path


def make_truncated_pdf(path: Path) -> Path:
    """Write a valid text PDF and keep only its first half, like an interrupted download."""
    make_pdf(path, [["§ 1 Mötets öppnande", "Ordföranden öppnar mötet."]] * 2)
    data = path.read_bytes()
    path.write_bytes(data[: len(data) // 2])
    return path


def make_letterhead_pdf(
    path: Path,
    pages: list[list[str]],
    *,
    head: list[str],
    foot: list[str] | None = None,
    orientation: str = "P",
) -> Path:
    """Write a text PDF whose every page starts with the lines of `head` (a letterhead of
    several rows) and ends with those of `foot`; "{page}" and "{pages}" are filled in as in
    `make_pdf`, and so is `orientation`."""
    pdf = _new_pdf(None, orientation)
    total = len(pages)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        pdf.set_xy(pdf.l_margin, 10)
        for line in head:
            _write_line(pdf, _furniture(line, number, total) or "")
        pdf.set_xy(pdf.l_margin, 40)
        for line in lines:
            _write_line(pdf, line)
        foot_lines = foot or []
        pdf.set_xy(pdf.l_margin, pdf.h - 10 - _LINE_HEIGHT * len(foot_lines))
        for line in foot_lines:
            _write_line(pdf, _furniture(line, number, total) or "")
    pdf.output(str(path))
    return path


def make_two_column_pdf(
    path: Path,
    items: list[tuple[str, str, str]],
    *,
    order: str = "rows",
    header: str | None = "Protokoll styrelsemöte 2025-03-12",
    footer: str | None = "Sida 1 (1)",
) -> Path:
    """Write a one-page protocol in two columns and return `path`.

    Each item is (number, title, body): "§ 1" and its title stand in a narrow left column
    (x = 20 mm), the body in a right column (x = 70 mm) level with the heading. `order` is
    the order the file draws them in, which is what a text extractor sees: "rows" (heading,
    title, body: each band in reading order), "glued" ("§ 1", the body, then the title, so
    the body's first line shares a baseline with "§ 1"), "one_cell" ("§ 1 Title" in one cell,
    then the body), "left_first" (every heading, then every body) and "right_first" (every
    body, then every heading).
    """
    pdf = _new_pdf(None)
    pdf.add_page()
    if header is not None:
        pdf.set_xy(20, 15)
        pdf.cell(0, _LINE_HEIGHT, header)
    tops: list[float] = []
    y = 30.0
    for _number, _title, body in items:  # each band is as high as its body, two lines at least
        tops.append(y)
        lines = len(pdf.multi_cell(120, _LINE_HEIGHT, body, dry_run=True, output="LINES"))
        y += _LINE_HEIGHT * (max(lines, 2) + 1)
    bands = range(len(items))
    if order == "left_first":
        steps = [*(("left", k) for k in bands), *(("right", k) for k in bands)]
    elif order == "right_first":
        steps = [*(("right", k) for k in bands), *(("left", k) for k in bands)]
    else:
        steps = [(side, k) for k in bands for side in ("left", "right")]
    for side, k in steps:
        number, title, body = items[k]
        if side == "right":
            pdf.set_xy(70, tops[k])
            pdf.multi_cell(120, _LINE_HEIGHT, body)
            if order != "glued":
                continue
        pdf.set_xy(20, tops[k] + (_LINE_HEIGHT if side == "right" else 0))
        if side == "right":  # "glued": the title after the body
            pdf.cell(45, _LINE_HEIGHT, title)
        elif order == "one_cell":
            pdf.cell(45, _LINE_HEIGHT, f"{number} {title}")
        else:
            pdf.cell(45, _LINE_HEIGHT, number)
            if order != "glued":
                pdf.set_xy(20, tops[k] + _LINE_HEIGHT)
                pdf.cell(45, _LINE_HEIGHT, title)
    if footer is not None:
        pdf.set_xy(20, pdf.h - 15)
        pdf.cell(0, _LINE_HEIGHT, footer)
    pdf.output(str(path))
    return path


def make_placed_pdf(path: Path, rows: list[list[tuple[float, str]] | None]) -> Path:
    """Write a one-page PDF whose lines hold text at chosen places and return `path`: each
    row is [(x in mm, text), ...] drawn as one cell each, on a line of its own; None is a
    blank line. For pages a layout rule must read as they stand (an agenda, a list)."""
    pdf = _new_pdf(None)
    pdf.add_page()
    y = 30.0
    for row in rows:
        for x, text in row or []:
            pdf.set_xy(x, y)
            pdf.cell(pdf.get_string_width(text) + 2, _LINE_HEIGHT, text)
        y += _LINE_HEIGHT
    pdf.output(str(path))
    return path


def make_header_table_pdf(
    path: Path,
    table: list[list[str]],
    body: list[str],
    *,
    widths: list[float] | None = None,
) -> Path:
    """Write a one-page protocol whose header is a table: each row of `table` has its cells
    at fixed column positions (a row of labels over a row of values, as word processors lay
    out "Sammanträdesdatum  Justeringsdatum"), then the lines of `body` below it."""
    pdf = _new_pdf(None)
    pdf.add_page()
    pdf.set_xy(pdf.l_margin, 20)
    for row in table:
        for cell, width in zip(row, widths or [60.0] * len(row), strict=False):
            pdf.cell(width, _LINE_HEIGHT, cell)
        pdf.set_xy(pdf.l_margin, pdf.get_y() + _LINE_HEIGHT)
    pdf.set_xy(pdf.l_margin, pdf.get_y() + _LINE_HEIGHT)
    for line in body:
        _write_line(pdf, line)
    pdf.output(str(path))
    return path


def make_text_columns_pdf(
    path: Path,
    left: list[str],
    right: list[str],
    *,
    header: str | None = "Protokoll styrelsemöte 2024-03-12",
    gutter: float = 110.0,
) -> Path:
    """Write a one-page protocol set in two columns of running text, as a newsletter is:
    `left` from the top of a column at x = 20 mm, then `right` from the top of one at
    `gutter`, drawn column by column (the text goes on from the left column's foot to the
    right column's top)."""
    pdf = _new_pdf(None)
    pdf.add_page()
    if header is not None:
        pdf.set_xy(20, 15)
        pdf.cell(0, _LINE_HEIGHT, header)
    for x, lines in ((20.0, left), (gutter, right)):
        for k, line in enumerate(lines):
            pdf.set_xy(x, 30 + k * _LINE_HEIGHT)
            pdf.cell(gutter - 30, _LINE_HEIGHT, line)
    pdf.output(str(path))
    return path


# The posting certificate a municipal template prints at the foot of the first or last page.
POSTING_BOX = [
    ("ANSLAG/BEVIS", ""),
    ("Protokollet är justerat. Justeringen har tillkännagivits genom anslag.", ""),
    ("Organ", "Styrelsen"),
    ("Sammanträdesdatum", "2024-03-12"),
    ("Datum då anslaget sätts upp", "2024-03-20"),
    ("Datum då anslaget tas ned", "2024-04-11"),
    ("Förvaringsplats för protokollet", "Förbundskansliet"),
    ("Underskrift", ".............................."),
]


def make_municipal_pdf(
    path: Path,
    head: list[tuple[str, list[str]]],
    pages: list[list[str]],
    *,
    box_on: int | None = None,
    title: str = "SAMMANTRÄDESPROTOKOLL",
    forbund: str = "Samordningsförbundet Halland",
) -> Path:
    """Write a protocol in a municipal template: the förbund and `title` over a table of
    the head's rows (a label cell, "Plats och tid", "Beslutande" …, beside its values, one
    a line), then the lines of `pages`, the first under the table, and the posting
    certificate's box (`POSTING_BOX`) at the foot of page `box_on` (1-based), if given."""
    pdf = _new_pdf(None)
    pdf.set_font(_FONT, size=10)
    for number, lines in enumerate(pages, start=1):
        pdf.add_page()
        y = 20.0
        if number == 1:
            pdf.set_xy(15, 10)
            pdf.cell(100, _LINE_HEIGHT, forbund)
            pdf.set_xy(130, 10)
            pdf.cell(60, _LINE_HEIGHT, title)
            y = 24.0
            for label, values in head:
                pdf.rect(15, y, 180, _LINE_HEIGHT * max(len(values), 1))
                pdf.set_xy(16, y)
                pdf.cell(55, _LINE_HEIGHT, label)
                for k, value in enumerate(values):
                    pdf.set_xy(72, y + _LINE_HEIGHT * k)
                    pdf.cell(120, _LINE_HEIGHT, value)
                y += _LINE_HEIGHT * max(len(values), 1)
            y += _LINE_HEIGHT
        pdf.set_xy(15, y)
        for line in lines:
            pdf.cell(0, _LINE_HEIGHT, line, new_x=XPos.LMARGIN, new_y=YPos.NEXT)
            pdf.set_x(15)
        if number == box_on:
            top = pdf.h - 20 - 5.0 * len(POSTING_BOX)
            pdf.rect(15, top - 1, 180, 5.0 * len(POSTING_BOX) + 2)
            for k, (label, value) in enumerate(POSTING_BOX):
                pdf.set_xy(16, top + 5.0 * k)
                pdf.cell(70 if value else 0, 5.0, label)
                if value:
                    pdf.cell(100, 5.0, value)
    pdf.output(str(path))
    return path


def set_glyph_names(path: Path, names: dict[str, str]) -> Path:
    """Give the fonts of a PDF written with the core font other glyphs for some codes, as a
    font's /Differences does: {"\\x81": "fi"} draws the code that text "\\x81" wrote as the
    glyph "fi", which a text extractor reads as the ligature U+FB01. Returns `path`."""
    from pypdf import PdfWriter
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    differences = ArrayObject()
    for char, glyph in names.items():
        differences += [NumberObject(ord(char)), NameObject(f"/{glyph}")]
    encoding = DictionaryObject(
        {
            NameObject("/Type"): NameObject("/Encoding"),
            NameObject("/BaseEncoding"): NameObject("/WinAnsiEncoding"),
            NameObject("/Differences"): differences,
        }
    )
    writer = PdfWriter(clone_from=str(path))
    for page in writer.pages:
        for font in page["/Resources"]["/Font"].values():
            font.get_object()[NameObject("/Encoding")] = encoding
    writer.write(str(path))
    return path


def rewrite_pdf(
    path: Path,
    *,
    rotate: dict[int, int] | None = None,
    attachment: tuple[str, bytes] | None = None,
    bookmarks: tuple[str, ...] = (),
    note: str | None = None,
    field: tuple[str, str] | None = None,
    empty_password: bool = False,
) -> Path:
    """Change a PDF the way other tools leave it and return `path`: pages turned by
    /Rotate (`rotate`: 0-based page → degrees), a file attached, bookmarks (one a page, in
    order), a sticky note and a filled text field on the first page, or encrypted with an
    empty user password (opens without one, as "protected" protocols do)."""
    from pypdf import PdfWriter
    from pypdf.annotations import Text

    writer = PdfWriter(clone_from=str(path))
    for index, degrees in (rotate or {}).items():
        writer.pages[index].rotate(degrees)
    if attachment is not None:
        writer.add_attachment(*attachment)
    for index, title in enumerate(bookmarks):
        writer.add_outline_item(title=title, page_number=min(index, len(writer.pages) - 1))
    if note is not None:
        writer.add_annotation(0, Text(text=note, rect=(50, 50, 70, 70)))
    if field is not None:
        _add_fields(writer, [(0, *field, (90, 60, 300, 75), "/Tx")])
    if empty_password:
        writer.encrypt(user_password="", owner_password="agare", algorithm="AES-128")
    writer.write(str(path))
    return path


def add_form_fields(
    path: Path, fields: list[tuple[int, str, str, tuple[float, float, float, float], str]]
) -> Path:
    """Make a PDF a filled form and return `path`: each field is (0-based page, name, value,
    widget rectangle in points from the bottom left, field type "/Tx" for text or "/Btn" for
    a checkbox, whose value is a state such as "/Yes"). The values are only in the fields,
    as a form filled in a PDF reader keeps them: the page's own text does not show them."""
    from pypdf import PdfWriter

    writer = PdfWriter(clone_from=str(path))
    _add_fields(writer, fields)
    writer.write(str(path))
    return path


def _add_fields(
    writer, fields: list[tuple[int, str, str, tuple[float, float, float, float], str]]
) -> None:
    """Add `fields` (as `add_form_fields` takes them) to `writer`'s pages and make them its
    form's fields."""
    from pypdf.generic import (
        ArrayObject,
        DictionaryObject,
        FloatObject,
        NameObject,
        TextStringObject,
    )

    refs = []
    for page_index, name, value, rect, kind in fields:
        widget = DictionaryObject(
            {
                NameObject("/Type"): NameObject("/Annot"),
                NameObject("/Subtype"): NameObject("/Widget"),
                NameObject("/FT"): NameObject(kind),
                NameObject("/T"): TextStringObject(name),
                NameObject("/V"): NameObject(value) if kind == "/Btn" else TextStringObject(value),
                NameObject("/Rect"): ArrayObject([FloatObject(v) for v in rect]),
            }
        )
        ref = writer._add_object(widget)
        refs.append(ref)
        page = writer.pages[page_index]
        page[NameObject("/Annots")] = ArrayObject([*(page.get("/Annots") or []), ref])
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject(
        {NameObject("/Fields"): ArrayObject(refs)}
    )
