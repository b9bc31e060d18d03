"""The tantivy schema: one record per section, plus one per document and one vocabulary record.

Sections are what users search and what hits are. Each carries its document's metadata
(förbund, date, kind, source) so a hit needs no second lookup, and its title, decisions and body
as separate search zones so ranking can weigh them differently. Document records (`rec` =
"doc") hold what only the document view and the incremental indexer need: path, content hash,
header and warnings. Displayed values travel in one stored JSON `payload`. All kinds live in
one index so that a single commit covers them: a killed indexer never leaves them out of step.
The vocabulary record (`rec` = "vocab") holds the words the decompounder has learned.

Search terms come from `index.analysis`, one field per zone and kind of term: `f_body_exact`
("=genomlysningen"), `f_body_stem` ("genomlysning"), `f_body_part` (">uppdrag") and
`f_body_fold` ("~forbundsordning"); document heads (`rec` = "head") have a zone of their own
(`f_head_stem` …). The analysis hands each field its terms as one space-separated string and
tantivy's whitespace tokenizer only splits it, so Python still decides every term (see
`analysis.field_texts`). Exact and stem fields keep positions for phrases; part and fold terms
are only looked up alone and keep frequencies only. Change anything here and bump
SCHEMA_VERSION: an index of another version is refused with a message to rebuild.
"""

from __future__ import annotations

import tantivy

from index import analysis

SCHEMA_VERSION = 5

REC_DOC = "doc"
REC_SECTION = "sec"
# A document's head (its title and what precedes the first section: place, participants,
# signatures), searchable like a section but kept apart from them: hits and counts stay
# sections, and a search lists the documents whose head matches beside its hits.
REC_HEAD = "head"
# One record holds the indexer's learned vocabulary (see `index.store.save_vocabulary`).
REC_VOCABULARY = "vocab"

ZONES = ("title", "decision", "body")
# A document head's one zone (its title and text), in fields of its own: a search of the heads
# then walks only their short posting lists, not every section's.
HEAD_ZONE = "head"
KINDS = analysis.KINDS  # exact, stem, part, fold
POSITIONED_KINDS = ("exact", "stem")


def search_field(zone: str, kind: str) -> str:
    """The search field of a zone and a kind of term ("body", "stem" → "f_body_stem")."""
    return f"f_{zone}_{kind}"


def build_schema() -> tantivy.Schema:
    """Indexed keys and filters, one stored JSON payload, the search fields per zone and kind.

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
    # The number of a § section (§ 47 → 47), for "§ 47" in a query: a protocol reference
    # names the paragraph, not words in it. Other sections (Mål 8, "3.") have none.
    sb.add_integer_field("paragraph", indexed=True, fast=True)
    # Likewise the number of a goal in a report (Mål 8 → 8), for "Mål 8" in a query.
    sb.add_integer_field("goal", indexed=True, fast=True)
    sb.add_bytes_field("payload", stored=True)
    for zone in (*ZONES, HEAD_ZONE):
        for kind in KINDS:
            sb.add_text_field(
                search_field(zone, kind),
                tokenizer_name="whitespace",
                index_option="position" if kind in POSITIONED_KINDS else "freq",
            )
    return sb.build()
