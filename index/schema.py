"""The tantivy schema: one record per section, plus one per document.

Sections are what users search and what hits are. Each carries its document's metadata
(förbund, date, kind, source) so a hit needs no second lookup, and its title, decisions and body
as three pre-tokenized search fields (`f_title`, `f_decision`, `f_body`) so ranking can weigh
them differently. Document records (`rec` = "doc") hold what only the document view and the
incremental indexer need: path, content hash, header and warnings. Displayed values travel in
one stored JSON `payload`. Both kinds live in one index
so that a single commit covers them: a killed indexer never leaves them out of step.

Search terms come from `index.analysis`: several terms per word share its position in one field
("=exact", "stem", ">part", "~folded"), so one field per zone serves every match level and
phrases alike. Change anything here and bump SCHEMA_VERSION: an index of another version is
refused with a message to rebuild.
"""

from __future__ import annotations

import tantivy

SCHEMA_VERSION = 1

REC_DOC = "doc"
REC_SECTION = "sec"

ZONES = ("title", "decision", "body")


def search_field(zone: str) -> str:
    """The pre-tokenized search field of a zone ("title" → "f_title")."""
    return f"f_{zone}"


def build_schema() -> tantivy.Schema:
    """Indexed keys and filters, one stored JSON payload, three search fields.

    tantivy-py cannot store a text field without indexing it, and indexing a whole body as one
    raw term would bloat the term dictionary, so everything only shown (title, text, decisions,
    source …) travels in the stored bytes field `payload`.
    """
    sb = tantivy.SchemaBuilder()
    for name in ("rec", "id", "doc_id", "path"):
        sb.add_text_field(name, stored=True, tokenizer_name="raw", index_option="basic")
    for name in ("forbund_slug", "kind"):
        sb.add_text_field(name, stored=True, fast=True, tokenizer_name="raw", index_option="basic")
    sb.add_date_field("date", stored=True, indexed=True, fast=True)
    sb.add_integer_field("year", stored=True, indexed=True, fast=True)
    sb.add_integer_field("has_decision", indexed=True, fast=True)
    sb.add_bytes_field("payload", stored=True)
    for zone in ZONES:
        sb.add_text_field(search_field(zone), tokenizer_name="raw")
    return sb.build()
