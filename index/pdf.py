"""Reading a PDF: its text layer page by page, its title, and the text it carries besides.

Page numbers are what search results cite, so pages are kept as they are. A two-column §
page is read in its reading order (`index.columns`), a form's filled fields join the page
they stand on (`index.forms`), and what a PDF holds outside its pages (metadata, notes,
bookmarks, attachments) is read only to look for identity numbers. Every way a PDF can be
unreadable (no text layer, a password, damage) becomes one reason a user can act on.
"""

from __future__ import annotations

import io
import logging
import re
import unicodedata
from typing import TYPE_CHECKING

from index.columns import Pieces, in_bands
from index.forms import with_field_values
from index.sources import Read, Unreadable, without_stray_controls

if TYPE_CHECKING:
    from pypdf import PageObject, PdfReader

# pypdf reports recoverable damage ("EOF marker not found", "incorrect startxref") through
# logging. Finsök reports unreadable files itself, as SourceError, so these would only be noise
# on a user's terminal.
logging.getLogger("pypdf").setLevel(logging.CRITICAL)

_NO_TEXT_LAYER = "PDF:en saknar textlager (inskannad bild?) — kör OCR först"
# A library's own reason for failing (pypdf's "Stream has ended unexpectedly") is English and
# says nothing a user can act on, so it is never shown: these say what to do instead.
_DAMAGED_PDF = "inte en PDF (avkortad eller skadad) — hämta filen på nytt"
# pypdf reads AES-encrypted PDFs only with the cryptography package, a dependency: only a
# broken install lacks it.
_NEEDS_CRYPTOGRAPHY = (
    "PDF:en är krypterad med AES och paketet 'cryptography' saknas — installera om med "
    "`make install`"
)


def read_pdf(data: bytes) -> Read:
    """Extract the text layer page by page (page numbers are what search results cite), and
    the text the file carries besides (see `SourceText.hidden`)."""
    _check_pdf_header(data)
    reader = _open_pdf(data)
    _unlock_pdf(reader)
    pages = [without_stray_controls(page) for page in _pdf_page_texts(reader)]
    title = _pdf_title(reader)
    return pages, True, title and without_stray_controls(title), _pdf_hidden_text(reader)


def _pdf_hidden_text(reader: PdfReader) -> str:
    """Metadata, annotations (notes, link targets), bookmarks, form fields and attached files
    as text, one item per line. Each part is read on its own: damage in one loses only it."""
    found: list[str] = []

    def take(value: object) -> None:
        if isinstance(value, bytes):
            found.append(value.decode("latin-1"))
        elif value is not None and not isinstance(value, dict | list):
            found.append(str(value))

    def metadata() -> None:
        for value in (reader.metadata or {}).values():
            take(value)

    def annotations() -> None:
        for page in reader.pages:
            for ref in page.get("/Annots") or []:
                annot = ref.get_object()
                for key in ("/Contents", "/T", "/TU", "/V", "/RC"):
                    take(annot.get(key))
                take((annot.get("/A") or {}).get("/URI"))

    def outline(items: object = None) -> None:
        for item in reader.outline if items is None else items:
            if isinstance(item, list):
                outline(item)
            else:
                take(getattr(item, "title", None))

    def fields() -> None:
        for field in (reader.get_fields() or {}).values():
            for key in ("/V", "/TU", "/T"):
                take(field.get(key))

    def attachments() -> None:
        for name, contents in reader.attachments.items():
            take(name)
            for content in contents:
                take(content)

    for part in (metadata, annotations, outline, fields, attachments):
        try:
            part()
        except Exception:  # a damaged dictionary: the other parts still count
            continue
    return "\n".join(found)


def _check_pdf_header(data: bytes) -> None:
    """Catch the common non-PDFs early: an HTML error page or a Word file saved as .pdf."""
    head = data[:1024]
    if b"%PDF-" in head:
        return
    lowered = head.lower()
    if b"<!doctype html" in lowered or b"<html" in lowered:
        raise Unreadable("inte en PDF: filen är en HTML-sida (misslyckad nedladdning?)")
    raise Unreadable("inte en PDF (saknar %PDF-huvud; fel filtyp eller skadad)")


def _open_pdf(data: bytes) -> PdfReader:
    from pypdf import PdfReader
    from pypdf.errors import DependencyError

    try:
        return PdfReader(io.BytesIO(data), strict=False)
    except DependencyError:
        raise Unreadable(_NEEDS_CRYPTOGRAPHY) from None
    except Exception:  # pypdf's reason is English ("Stream has ended unexpectedly")
        raise Unreadable(_DAMAGED_PDF) from None


def _unlock_pdf(reader: PdfReader) -> None:
    """Open "protected" PDFs: most published ones restrict printing but have no open password."""
    if not reader.is_encrypted:
        return
    from pypdf import PasswordType
    from pypdf.errors import DependencyError

    try:
        result = reader.decrypt("")
    except DependencyError:
        raise Unreadable(_NEEDS_CRYPTOGRAPHY) from None
    except Exception:
        raise Unreadable(
            "PDF:en är krypterad och kunde inte öppnas (okänd eller skadad kryptering)"
        ) from None
    if result == PasswordType.NOT_DECRYPTED:
        raise Unreadable("PDF:en är krypterad (lösenord krävs för att öppna den)")


def _pdf_page_texts(reader: PdfReader) -> list[str]:
    """One NFC string per page; a damaged page becomes '' so later page numbers stay right.

    A page that needs a missing AES library is no damage: without it no page can be read, and
    the user must hear what to install rather than that the file is broken."""
    from pypdf.errors import DependencyError

    try:
        pages = list(reader.pages)
    except DependencyError:
        raise Unreadable(_NEEDS_CRYPTOGRAPHY) from None
    except Exception:
        raise Unreadable(_DAMAGED_PDF) from None
    if not pages:
        raise Unreadable("PDF:en har inga sidor")
    texts: list[str] = []
    failures = 0
    for page in pages:
        try:
            text = _page_text(page)
        except DependencyError:
            raise Unreadable(_NEEDS_CRYPTOGRAPHY) from None
        except Exception:
            failures += 1
            text = ""
        texts.append(_without_ligatures(unicodedata.normalize("NFC", text)))
    if not any(text.strip() for text in texts):
        if failures:
            raise Unreadable("PDF:en är skadad: ingen sidtext kunde läsas")
        raise Unreadable(_NO_TEXT_LAYER)
    return texts


# A font's ligature glyphs (fi, fl, ffi …) come out as the presentation forms U+FB00–FB06,
# which NFC keeps: "ﬁnansiera" in a title, a decision or the JSON is no word a reader or a
# program looks for. They are the letters they join.
_LIGATURE = re.compile("[\ufb00-\ufb06]")
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl"}


def _without_ligatures(text: str) -> str:
    return _LIGATURE.sub(lambda match: _LIGATURES.get(match.group(), "st"), text)


def _page_text(page: PageObject) -> str:
    """The page's text in reading order: pypdf's, unless a two-column § layout needs reordering
    (see `index.columns`); the positions are collected in the same pass, so this costs no second
    extraction. Filled text fields' values join the text of their page (see `index.forms`)."""
    pieces = Pieces()
    text = page.extract_text(visitor_text=pieces) or ""
    ordered = _in_reading_order(page, text, pieces)
    if "/Annots" not in page:  # most pages: no widget whose value to add
        return ordered
    placed = pieces.pieces if ordered is text and pieces.usable else None
    return with_field_values(page, ordered, placed)


def _in_reading_order(page: PageObject, text: str, pieces: Pieces) -> str:
    """pypdf's text, or the same text band by band on a two-column § page."""
    if "§" not in text or not pieces.usable:
        return text
    try:
        if page.rotation % 360:
            return text
        return in_bands(text, pieces.pieces)
    except Exception:  # an odd page must never cost its text: keep pypdf's order
        return text


def _pdf_title(reader: PdfReader) -> str | None:
    """/Title from the document info, if any; broken metadata must not cost us the text."""
    try:
        meta = reader.metadata
        title = meta.title if meta is not None else None
    except Exception:
        return None
    if not isinstance(title, str):
        return None
    title = " ".join(unicodedata.normalize("NFC", title).split())
    return title or None
