"""The OpenAPI 3.1 description of the JSON API, built as plain data and served at
`/api/openapi.json`.

The response schemas describe what `web.data` and `search.engine` really send, field for field:
objects are closed (`additionalProperties: false`), so a field added to a response without
being added here fails `tests/test_openapi.py`. Extend both together.
"""

from __future__ import annotations

import copy
from functools import cache
from importlib import metadata

from index.errors import grouped
from search.engine import DOCUMENTS_SHOWN
from search.limits import MAX_EXPORT_ROWS, MAX_FORBUND, MAX_LIMIT, MAX_OFFSET, MAX_QUERY_CHARS
from search.params import DEFAULT_SORT, KIND_VALUES, KINDS, NO_FORBUND, SORTS
from web.export import EXPORT_IGNORES, HITS_HEADER
from web.params import DECISIONS_OFF, DECISIONS_ON, PAGING, SEARCH_KEYS
from web.server import LIMIT_REQUEST_LINE

DOC_KINDS = list(KINDS)

# --- small schema helpers -------------------------------------------------------------------


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    """`schema` or null, in 3.1 style (`type: [X, "null"]`)."""
    out = dict(schema)
    out["type"] = [schema["type"], "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def closed(properties: dict, *, optional: tuple[str, ...] = (), **extra: object) -> dict:
    """An object with exactly these properties; all required except `optional`."""
    return {
        "type": "object",
        "properties": properties,
        "required": [name for name in properties if name not in optional],
        "additionalProperties": False,
        **extra,
    }


STRING = {"type": "string"}
# A section's flag that its label is not unique in its meeting (`index.parse.mark_repeated_labels`).
LABEL_REPEATS = {
    "type": "boolean",
    "description": "Sant när en annan sektion i samma sammanträde har samma etikett (två ”§ 10”, "
    "två ”Mål 8”); källhänvisningen nämner då sektionens rubrik.",
}
# The parameters a call gave that its route does not read, and what one of them probably
# meant (`web.ignored`): on every route that reads search parameters.
IGNORED = {
    "ignored_params": {
        "type": "array",
        "items": STRING,
        "uniqueItems": True,
        "description": "Parametrar i anropet som vägen inte läser, i ordning och var och en "
        "en gång (ett personnummer i ett namn maskat): svaret är som utan dem. Tom när alla "
        "lästes. En egen parameter som _ eller utm_source är inget fel.",
    },
    "ignored_hint": nullable(
        {
            "type": "string",
            "description": "Vilken parameter ett oläst namn troligen menade, en mening per "
            "namn (”Parametern ”Limit” lästes inte: menade du limit?”); null när inget "
            "namn liknar en parameter. Aldrig för namn som börjar med _ eller utm_.",
        }
    ),
}
# The same on a route that reads no parameter (the förbund, the health check):
# there only when the call gave one, so that every answer to a call that works is as before
# (a monitor may compare /healthz's whole).
IGNORED_IF_ANY = {
    "ignored_params": {
        **IGNORED["ignored_params"],
        "description": "Parametrarna i anropet, som vägen inte läser (den läser ingen), i "
        "ordning och var och en en gång (ett personnummer i ett namn maskat): svaret är som "
        "utan dem. Med bara när anropet gav någon parameter. En egen parameter som _ eller "
        "utm_source är inget fel.",
    },
    "ignored_hint": {
        **IGNORED["ignored_hint"],
        "description": "Med när ignored_params är med; null, eftersom vägen inte läser "
        "någon parameter som ett namn kan likna.",
    },
}
# The `decisions` flag as read: true only beside a document kind (alone it is kind=decision).
DECISIONS_ECHO = {
    "type": "boolean",
    "description": "Bara beslut inom dokumenttypen i kind (decisions=1 bredvid en kind); "
    "utan kind blir decisions=1 kind=decision.",
}
UNDATED_ECHO = {"type": "boolean", "description": "Bara träffar utan datum (undated=1)."}
COUNT = {"type": "integer", "minimum": 0}
DATE = {"type": "string", "format": "date", "description": "ISO-datum ÅÅÅÅ-MM-DD."}
DATE_PATTERN = "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"  # the form search.dates reads, and only it
DOC_ID = {
    "type": "string",
    "pattern": "^[0-9a-f]{16}$",
    "description": "Dokumentets stabila id: 16 hexadecimala tecken.",
}
KIND = {"type": "string", "enum": DOC_KINDS, "description": "Dokumenttyp."}
YEAR = {"type": "string", "pattern": "^[0-9]{4}$"}
RATE = {
    "hits": COUNT,
    "sections": COUNT,
    "per_100": {
        "type": "number",
        "minimum": 0,
        "maximum": 100,
        "description": "Träffar per 100 sektioner, två decimaler.",
    },
}
COUNTS = {
    "type": "object",
    "additionalProperties": COUNT,
    "description": "Antal träffar per värde.",
}

# --- components ---------------------------------------------------------------------------


# What a hit and a matching document share: which document, from where, of what kind.
DOCUMENT_FIELDS = {
    "doc_id": DOC_ID,
    "source": {"type": "string", "description": "Källfilens namn."},
    "source_url": {
        "type": "string",
        "description": "Ursprunglig adress för hämtade filer (saknas annars).",
    },
    "forbund": nullable(STRING),
    "forbund_slug": nullable(STRING),
    "date": nullable(DATE),
    "kind": KIND,
}


def _schemas() -> dict:
    return {
        "Error": closed(
            {
                "error": closed(
                    {
                        "status": {"type": "integer", "minimum": 400, "maximum": 599},
                        "code": {
                            "type": "string",
                            "description": "Maskinläsbar felkod, t.ex. `bad_param`, "
                            "`query_too_long`, `not_found`, `no_index`, `internal_error`.",
                        },
                        "message": {
                            "type": "string",
                            "description": "Ett tydligt meddelande på svenska: en mening "
                            "som slutar med punkt.",
                        },
                    }
                )
            },
            description="Alla fel från /api/* och /healthz har den här formen.",
        ),
        "Decision": closed(
            {
                "id": nullable(
                    {
                        "type": "string",
                        "description": "Protokollets eget beslutsid (”2025-5 §06:1”), annars null.",
                    }
                ),
                "text": STRING,
            },
            description="Ett beslut i en paragraf.",
        ),
        "Hit": closed(
            {
                "id": {"type": "string", "description": "Sektionens stabila id."},
                **DOCUMENT_FIELDS,
                "label": {"type": "string", "description": "”§ 47”, ”Mål 8”, ”3.” eller tom."},
                "number": nullable({"type": "integer"}),
                "title": STRING,
                "title_html": {
                    "type": "string",
                    "description": "Titeln som säker HTML med frågans ord i <mark>, som i snippet.",
                },
                "snippet": {
                    "type": "string",
                    "description": "Säker HTML: all dokumenttext escapad, bara <mark> tillagt.",
                },
                "decision": {
                    "type": "boolean",
                    "description": "Sant när träffen ligger i ett beslut i sektionen.",
                },
                "score": nullable(
                    {"type": "number", "description": "Relevans; null vid sortering på datum."}
                ),
                "url": {
                    "type": "string",
                    "description": "Länk till sektionen i dokumentvyn, från webbplatsens rot "
                    "(med sökvägen i FINSOK_BASE_URL eller SCRIPT_NAME).",
                },
                "marked_url": {
                    "type": "string",
                    "description": "Samma länk som url med frågan (?q=…) före ankaret, så att "
                    "dokumentvyn markerar frågans ord; som sökträffarnas, flödets och "
                    "CSV-filernas länkar. Utan fråga lika med url.",
                },
                "page": nullable({"type": "integer", "minimum": 1}),
                "page_end": nullable(
                    {
                        "type": "integer",
                        "minimum": 1,
                        "description": "Sista sidan sektionens text står på (lika med page på "
                        "en sida); null när källan saknar sidor.",
                    }
                ),
                "match_page": nullable(
                    {
                        "type": "integer",
                        "minimum": 1,
                        "description": "Sidan som utdragets första träffade ord står på; "
                        "sektionens page när utdraget saknar träff eller sidorna är okända.",
                    }
                ),
                "doc_title": STRING,
                "label_repeats": LABEL_REPEATS,
                "citation": {
                    "type": "string",
                    "description": "Färdig källhänvisning. Har en annan sektion i samma "
                    "sammanträde samma etikett (label_repeats) står sektionens rubrik inom "
                    "parentes efter etiketten: ”§ 10 (Nästa möte)”.",
                },
            },
            optional=("source_url",),
            description="En träff: en sektion (§, Mål, numrerad rubrik).",
        ),
        "DocumentMatch": closed(
            {
                **DOCUMENT_FIELDS,
                "title": {"type": "string", "description": "Dokumentets titel."},
                "snippet": {
                    "type": "string",
                    "description": "Ur huvudet. Säker HTML: all dokumenttext escapad, bara "
                    "<mark> tillagt.",
                },
                "score": nullable(
                    {"type": "number", "description": "Relevans; null vid sortering på datum."}
                ),
                "url": {
                    "type": "string",
                    "description": "Länk till huvudet i dokumentvyn, utfällt (?huvud=1#huvud).",
                },
                "marked_url": {
                    "type": "string",
                    "description": "Samma länk som url med frågan först (?q=…&huvud=1#huvud), "
                    "så att dokumentvyn markerar frågans ord. Utan fråga lika med url.",
                },
            },
            optional=("source_url",),
            description="Ett dokument vars huvud matchar frågan: titeln och det som står före "
            "första sektionen (plats, närvarande, justering).",
        ),
        "Facets": closed(
            {
                "forbund": {**COUNTS, "description": "Träffar per förbund (slug)."},
                "year": {
                    **COUNTS,
                    "propertyNames": {"pattern": "^[0-9]{4}$"},
                    "description": "Träffar per år.",
                },
                "kind": {
                    **COUNTS,
                    "propertyNames": {"enum": DOC_KINDS},
                    "description": "Träffar per dokumenttyp.",
                },
            }
        ),
        "FacetsMissing": closed(
            {"forbund": COUNT, "year": COUNT},
            description="Träffar utan förbund och utan datum, som facets.forbund och "
            "facets.year inte räknar: med dem summerar varje facett till total. Välj dem med "
            f"forbund={NO_FORBUND} och undated=1.",
        ),
        "SearchParamsEcho": closed(
            {
                "q": STRING,
                "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
                "offset": {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET},
                "forbund": {"type": "array", "items": STRING},
                "from": nullable(DATE),
                "to": nullable(DATE),
                "kind": nullable({"type": "string", "enum": list(KIND_VALUES)}),
                "decisions": DECISIONS_ECHO,
                "undated": UNDATED_ECHO,
                "sort": {"type": "string", "enum": list(SORTS)},
            },
            description="Parametrarna som de tolkades.",
        ),
        "SearchResult": closed(
            {
                "query": STRING,
                "total": COUNT,
                "hits": {"type": "array", "items": ref("Hit"), "maxItems": MAX_LIMIT},
                "facets": ref("Facets"),
                "facets_missing": ref("FacetsMissing"),
                "documents": {
                    "type": "array",
                    "items": ref("DocumentMatch"),
                    "maxItems": DOCUMENTS_SHOWN,
                    "description": "Dokument vars huvud matchar, bäst först (bara på första "
                    "sidan, tom med kind=decision). Träffarna (hits) är alltid sektioner. Alla "
                    "dokumenten, sida för sida: /api/documents.",
                },
                "documents_total": {
                    **COUNT,
                    "description": "Antal dokument vars huvud matchar (0 efter första sidan).",
                },
                "suggestion": nullable(
                    {"type": "string", "description": "Rättad fråga vid trolig felstavning."}
                ),
                "notice": nullable(
                    {
                        "type": "string",
                        "description": "Meddelande när frågan förenklades, bara "
                        "innehöll stoppord eller var tom (inga ord, inga filter).",
                    }
                ),
                "interpretation": {
                    "type": "array",
                    "items": STRING,
                    "description": "Hur frågan tolkades (stammar, synonymer, prefix).",
                },
                "took_ms": {"type": "number", "minimum": 0},
                "params": ref("SearchParamsEcho"),
                "page": {"type": "integer", "minimum": 1},
                "pages": COUNT,
                **IGNORED,
            }
        ),
        "DocumentList": closed(
            {
                "query": STRING,
                "total": COUNT,
                "documents": {
                    "type": "array",
                    "items": ref("DocumentMatch"),
                    "maxItems": MAX_LIMIT,
                },
                "facets": ref("Facets"),
                "facets_missing": ref("FacetsMissing"),
                "notice": nullable(
                    {
                        "type": "string",
                        "description": "Meddelande när frågan förenklades, inte gick att söka "
                        "i huvuden (kind=decision, inga ord) eller förbundet saknas.",
                    }
                ),
                "interpretation": {"type": "array", "items": STRING},
                "took_ms": {"type": "number", "minimum": 0},
                "params": ref("SearchParamsEcho"),
                "page": {"type": "integer", "minimum": 1},
                "pages": COUNT,
                **IGNORED,
            },
            description="Dokumenten vars huvud matchar, en sida i taget, med facetter som "
            "räknar dokument.",
        ),
        "TextBlock": closed(
            {
                "text": STRING,
                "html": nullable(
                    {"type": "string", "description": "Som text, med frågans termer i <mark>."}
                ),
                "decision": {"anyOf": [ref("Decision"), {"type": "null"}]},
            },
            description="Löptext (decision null) eller ett beslut.",
        ),
        "DocumentSection": closed(
            {
                "id": STRING,
                "anchor": {"type": "string", "description": "Ankare i dokumentvyn, t.ex. p47."},
                "label": STRING,
                "number": nullable({"type": "integer"}),
                "title": STRING,
                "title_html": nullable(
                    {
                        "type": "string",
                        "description": "Rubriken som säker HTML med frågans termer i <mark>; "
                        "null utan q.",
                    }
                ),
                "page": nullable({"type": "integer", "minimum": 1}),
                "page_end": nullable(
                    {
                        "type": "integer",
                        "minimum": 1,
                        "description": "Sista sidan sektionens text står på (lika med page på "
                        "en sida); null när källan saknar sidor.",
                    }
                ),
                "pages_text": nullable(
                    {"type": "string", "description": "Sidan eller sidspannet: ”s. 4–5”."}
                ),
                "text": STRING,
                "html": nullable(
                    {
                        "type": "string",
                        "description": "Texten som säker HTML med frågans termer i <mark>; "
                        "null utan q.",
                    }
                ),
                "blocks": {
                    "type": "array",
                    "items": ref("TextBlock"),
                    "description": "Texten i ordning, uppdelad i löptext och besluten i den, "
                    "så att varje beslut visas en gång på sin plats. Ett beslut som inte står "
                    "ordagrant i texten kommer efter den.",
                },
                "decisions": {"type": "array", "items": ref("Decision")},
                "date": nullable(
                    {
                        **DATE,
                        "description": "Datum för sektionens sammanträde: dokumentets, utom i "
                        "en fil med flera sammanträden.",
                    }
                ),
                "label_repeats": LABEL_REPEATS,
                "citation": STRING,
                "original_page_url": nullable(STRING),
            }
        ),
        "Document": closed(
            {
                "doc_id": DOC_ID,
                "title": STRING,
                "forbund": nullable(STRING),
                "forbund_slug": nullable(STRING),
                "kind": KIND,
                "date": nullable(DATE),
                "source": STRING,
                "source_url": nullable(STRING),
                "sha256": {"type": "string", "pattern": "^[0-9a-f]{64}$"},
                "indexed_at": nullable({"type": "string", "format": "date-time"}),
                "header": {
                    "type": "string",
                    "description": "Dokumentets huvud som text: det som står före första "
                    "sektionen (titel, plats, närvarande, justering).",
                },
                "header_html": nullable(
                    {
                        "type": "string",
                        "description": "Huvudet som säker HTML med frågans termer i <mark>; "
                        "null utan q.",
                    }
                ),
                "header_marked": {
                    "type": "boolean",
                    "description": "Sant när frågan finns i huvudet.",
                },
                "warnings": {"type": "array", "items": STRING},
                "original_url": nullable(
                    {
                        "type": "string",
                        "description": "Originalfilen, om den finns kvar (text och HTML med "
                        "personnummer maskerade).",
                    }
                ),
                "original_withheld": {
                    "type": "boolean",
                    "description": "Sant när originalet är en PDF med personnummer, som inte "
                    "visas (texten i dokumentet har dem maskerade).",
                },
                "sections": {"type": "array", "items": ref("DocumentSection")},
                **IGNORED,
                "q": STRING,
                "marking_notice": nullable(
                    {
                        "type": "string",
                        "description": "Varför frågans termer markeras bara i en del av "
                        "dokumentet eller inte alls: sökningens filter (i q eller som "
                        "parametrar) utesluter dokumentet eller några sektioner, eller "
                        "sökningen gällde bara beslut. null utan q eller när termerna "
                        "markeras överallt.",
                    }
                ),
            },
            description="Ett helt dokument med alla sektioner i ordning.",
        ),
        "Section": closed(
            {
                "id": STRING,
                "doc_id": DOC_ID,
                "label": STRING,
                "number": nullable({"type": "integer"}),
                "title": STRING,
                "text": STRING,
                "page": nullable({"type": "integer", "minimum": 1}),
                "page_end": nullable(
                    {
                        "type": "integer",
                        "minimum": 1,
                        "description": "Sista sidan sektionens text står på (lika med page på "
                        "en sida); null när källan saknar sidor.",
                    }
                ),
                "decisions": {"type": "array", "items": ref("Decision")},
                "forbund": nullable(STRING),
                "forbund_slug": nullable(STRING),
                "date": nullable(DATE),
                "kind": KIND,
                "source": STRING,
                "url": STRING,
                "label_repeats": LABEL_REPEATS,
                "citation": STRING,
                "q": {
                    "type": "string",
                    "description": "Frågan vars ord är markerade (ett personnummer maskat); "
                    "tom utan q.",
                },
                "title_html": nullable(
                    {
                        "type": "string",
                        "description": "Rubriken som säker HTML med frågans termer i <mark>, "
                        "som i dokumentets sektioner; null utan q.",
                    }
                ),
                "html": nullable(
                    {
                        "type": "string",
                        "description": "Texten som säker HTML med frågans termer i <mark>; "
                        "null utan q eller med section_html=0.",
                    }
                ),
                "blocks": {
                    "type": "array",
                    "items": ref("TextBlock"),
                    "description": "Texten i ordning, uppdelad i löptext och besluten i den, "
                    "som i dokumentets sektioner: med q varje blocks html markerad.",
                },
                "marking_notice": nullable(
                    {
                        "type": "string",
                        "description": "Varför frågans termer inte markeras i sektionen "
                        "(sökningens filter omfattar den inte) eller bara i dess beslut "
                        "(sökningen gällde bara beslut), och ett förbund i forbund som "
                        "indexet saknar. null utan q eller när termerna markeras överallt.",
                    }
                ),
                "marked_url": {
                    "type": "string",
                    "description": "Samma länk som url med frågan och filtren (?q=…) före "
                    "ankaret, så att dokumentvyn markerar frågans ord där sökningen hittar "
                    "dem, som en träffs marked_url. Utan q lika med url.",
                },
                **IGNORED,
            },
            description="En sektion med dokumentets metadata; med q markerad som i "
            "dokumentet (/api/documents/{doc_id} med samma parametrar).",
        ),
        "Forbund": closed(
            {
                "slug": STRING,
                "name": STRING,
                "aliases": {"type": "array", "items": STRING},
                "sections": {**COUNT, "description": "Indexerade sektioner."},
            }
        ),
        "ForbundList": closed(
            {"forbund": {"type": "array", "items": ref("Forbund")}, **IGNORED_IF_ANY},
            optional=tuple(IGNORED_IF_ANY),
        ),
        "CompareRow": closed(
            {
                "slug": nullable({"type": "string", "description": "null: okänt förbund."}),
                "name": STRING,
                "year": nullable(YEAR),
                **RATE,
            },
            optional=("slug", "name", "year"),
            description="Träffar och sektioner i en cell: ett förbund, ett år eller båda.",
        ),
        "Compare": closed(
            {
                "query": STRING,
                "total": {**COUNT, "description": "Träffar totalt."},
                "sections": {**COUNT, "description": "Sektioner som filtren omfattar."},
                "per_100": RATE["per_100"],
                "forbund": {
                    "type": "array",
                    "items": {**ref("CompareRow"), "required": ["slug", "name"]},
                    "description": "Per förbund, högst andel först.",
                },
                "years": {
                    "type": "array",
                    "items": {**ref("CompareRow"), "required": ["year"]},
                    "description": "Per år (null: odaterat), äldst först.",
                },
                "matrix": {
                    "type": "array",
                    "items": {**ref("CompareRow"), "required": ["slug", "name", "year"]},
                    "description": "Per förbund och år.",
                },
                "notice": nullable(STRING),
                **IGNORED,
                "params": closed(
                    {
                        "q": STRING,
                        "forbund": {"type": "array", "items": STRING},
                        "from": nullable(DATE),
                        "to": nullable(DATE),
                        "kind": nullable({"type": "string", "enum": list(KIND_VALUES)}),
                        "decisions": DECISIONS_ECHO,
                        "undated": UNDATED_ECHO,
                    }
                ),
            },
            description="Träffar per förbund och år, normerat per 100 indexerade sektioner "
            "som samma filter omfattar.",
        ),
        "Health": closed(
            {
                "status": {"type": "string", "const": "ok"},
                "documents": COUNT,
                "sections": COUNT,
                "analysis_current": {
                    "type": "boolean",
                    "description": "Om indexets termer gjordes med den här versionens "
                    "analysregler; annars kör `finsok index` (analyserar om alla dokument).",
                },
                **IGNORED_IF_ANY,
            },
            optional=tuple(IGNORED_IF_ANY),
        ),
        "OpenAPI": {
            "type": "object",
            "required": ["openapi", "info", "paths"],
            "properties": {"openapi": {"type": "string", "pattern": "^3\\.1\\.[0-9]+$"}},
        },
    }


# --- parameters -----------------------------------------------------------------------------


def _query(name: str, schema: dict, description: str, **extra: object) -> dict:
    return {"name": name, "in": "query", "schema": schema, "description": description, **extra}


def _parameters() -> dict:
    return {
        "q": _query(
            "q",
            {"type": "string", "maxLength": MAX_QUERY_CHARS},
            "Sökfrågan: ord, ”fraser”, prefix*, OR, -uteslut, fält som forbund:x, år:2025, "
            "paragrafer som § 47 eller §§ 12-14 (§ 47a, en tillagd paragraf, har numret 47), "
            "en rapports mål som Mål 8 eller Mål 3-5. "
            f"Högst {MAX_QUERY_CHARS} tecken (längre ger 400 query_too_long).",
        ),
        "limit": _query(
            "limit",
            {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 10},
            f"Antal träffar per sida, 1–{MAX_LIMIT}. Andra värden ger 400 bad_param; hämta "
            "fler träffar sida för sida med offset eller page. (Webbsidorna visar i stället "
            f"högst {MAX_LIMIT}.)",
        ),
        "offset": _query(
            "offset",
            {"type": "integer", "minimum": 0, "maximum": MAX_OFFSET, "default": 0},
            f"Hur många träffar som hoppas över, 0–{MAX_OFFSET}. Andra värden ger 400 "
            "bad_param; avgränsa sökningen med filter för att nå träffar längre bak.",
        ),
        "page": _query(
            "page",
            {"type": "integer", "minimum": 1, "maximum": MAX_OFFSET + 1},
            "Sida (från 1), i stället för offset; används bara utan offset. Sista tillåtna "
            f"sidan är {MAX_OFFSET} / limit + 1 (heltalsdivision, så att offset högst blir "
            f"{MAX_OFFSET}); en senare sida ger 400 bad_param. Bredvid offset läses page inte "
            "alls: inget värde är ett fel där, och svaret nämner den i ignored_params och "
            "ignored_hint.",
        ),
        "forbund": _query(
            "forbund",
            {"type": "array", "items": {"type": "string"}, "maxItems": MAX_FORBUND},
            f"Begränsa till förbund (slug eller namn); kan upprepas eller kommasepareras "
            f"(halland,blekinge är två förbund), högst {MAX_FORBUND} olika (fler ger 400). "
            f"{NO_FORBUND} väljer träffar utan förbund.",
            style="form",
            explode=True,
        ),
        "from": _query(
            "from",
            {**DATE, "pattern": DATE_PATTERN},
            "Tidigaste sammanträdesdatum, exakt ÅÅÅÅ-MM-DD (t.ex. 2024-01-31). Annan form "
            "(20240131, 2024-W05-3) eller ett datum som inte finns (2024-02-30) ger 400 "
            "bad_param.",
        ),
        "to": _query(
            "to",
            {**DATE, "pattern": DATE_PATTERN},
            "Senaste sammanträdesdatum, exakt ÅÅÅÅ-MM-DD; får inte ligga före from.",
        ),
        "kind": _query(
            "kind",
            {"type": "string", "enum": list(KIND_VALUES)},
            "Dokumenttyp, eller `decision` för bara träffar i beslut.",
        ),
        "decisions": _query(
            "decisions",
            {"type": "string", "enum": [*DECISIONS_ON, *DECISIONS_OFF]},
            "Kryssruta: 1, on eller true betyder bara träffar i beslut: ensam samma sak som "
            "kind=decision, med en dokumenttyp i kind beslut i dokument av den typen; 0, off, "
            "false eller tomt betyder alla träffar. Andra värden ger 400 (sidorna läser dem som "
            "av).",
        ),
        "undated": _query(
            "undated",
            {"type": "string", "enum": [*DECISIONS_ON, *DECISIONS_OFF]},
            "1, on eller true: bara träffar utan datum (årsfacettens ”odaterat”, "
            "facets_missing.year); 0, off, false eller tomt: alla. Andra värden ger 400.",
        ),
        "sort": _query(
            "sort",
            {"type": "string", "enum": list(SORTS), "default": DEFAULT_SORT},
            "Sortering: relevans eller datum (nyast först).",
        ),
    }


# What a search reads (`web.params.SEARCH_KEYS`), listed as the document shows it: the query,
# then paging, then the filters and the order. Derived, so a new parameter is never missing.
SEARCH_PARAMS = ["q", *PAGING, *(k for k in SEARCH_KEYS if k != "q" and k not in PAGING)]

# --- responses ------------------------------------------------------------------------------


def _json(schema: dict, description: str) -> dict:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def _responses() -> dict:
    error = ref("Error")
    return {
        "BadRequest": _json(error, "Felaktig parameter (code bad_param eller query_too_long)."),
        "NotFound": _json(error, "Finns inte (code not_found)."),
        "Unavailable": _json(error, "Indexet saknas eller kan inte öppnas (t.ex. no_index)."),
        "ServerError": _json(error, "Oväntat fel; generiskt meddelande utan detaljer."),
        "URITooLong": _json(
            error,
            f"Förfrågans rad (metod, adress och parametrar) är längre än {LIMIT_REQUEST_LINE} "
            "byte (code request_uri_too_long); webbservern svarar före Finsök. Varje förfrågan "
            f"inom parametrarnas gränser ryms: en q på {MAX_QUERY_CHARS} tecken tar högst "
            f"{MAX_QUERY_CHARS * 12} byte procentkodad.",
        ),
    }


def _errors(*statuses: int) -> dict:
    """The error answers of an operation: `statuses`, then 414 (any request line can be too
    long for the web server) and 500."""
    names = {
        400: "BadRequest",
        404: "NotFound",
        414: "URITooLong",
        503: "Unavailable",
        500: "ServerError",
    }
    return {str(s): {"$ref": f"#/components/responses/{names[s]}"} for s in (*statuses, 414, 500)}


def _params(*names: str) -> list[dict]:
    return [{"$ref": f"#/components/parameters/{name}"} for name in names]


def _marking_params(where: str) -> list[dict]:
    """The parameters that mark a search's words in a document or a section (`web.api.
    marking_params`): `q`, marked `where`, the search's filters and `section_html`."""
    return [
        _query(
            "q",
            {"type": "string", "maxLength": MAX_QUERY_CHARS},
            f"Markera frågans termer {where}. Högst {MAX_QUERY_CHARS} tecken (längre ger 400 "
            "query_too_long; dokumentsidan /doc/… kortar i stället frågan).",
        ),
        # The search's filters: the terms are marked only where it finds them.
        *_params("forbund", "from", "to", "kind", "decisions", "undated"),
        _query(
            "section_html",
            {"type": "string", "enum": [*DECISIONS_ON, *DECISIONS_OFF]},
            "0, off eller false: varje sektions `html` blir null. Med q står varje text annars "
            "fyra gånger i svaret (text, html och blocks text och html) och markeras två "
            "gånger; blocks bär samma markerade text, uppdelad i löptext och beslut, som "
            "dokumentsidan visar. Utan värde eller 1, on, true: med. Andra värden ger 400.",
        ),
    ]


def _paths() -> dict:
    return {
        "/api/search": {
            "get": {
                "operationId": "search",
                "summary": "Sök i sektioner",
                "description": "Rankade träffar (en per sektion) med facetter, förslag och "
                "meddelanden, plus sidinformation och källhänvisningar.",
                "parameters": _params(*SEARCH_PARAMS),
                "responses": {
                    "200": _json(ref("SearchResult"), "Sökresultatet."),
                    **_errors(400, 503),
                },
            }
        },
        "/api/documents": {
            "get": {
                "operationId": "searchDocuments",
                "summary": "Sök i dokumentens huvud",
                "description": "Alla dokument vars huvud (titel, mötesplats, närvarande, "
                "justering) matchar frågan, med facetter och sidindelning: hela listan bakom "
                "`documents` i /api/search. Samma parametrar som /api/search; frågan måste "
                "innehålla ord, och kind=decision ger inga dokument.",
                "parameters": _params(*SEARCH_PARAMS),
                "responses": {
                    "200": _json(ref("DocumentList"), "Dokumenten."),
                    **_errors(400, 503),
                },
            }
        },
        "/api/documents/{doc_id}": {
            "get": {
                "operationId": "getDocument",
                "summary": "Ett helt dokument",
                "parameters": [
                    {"name": "doc_id", "in": "path", "required": True, "schema": DOC_ID},
                    *_marking_params("i sektionernas `html`"),
                ],
                "responses": {
                    "200": _json(ref("Document"), "Dokumentet."),
                    **_errors(400, 404, 503),
                },
            }
        },
        "/api/sections/{section_id}": {
            "get": {
                "operationId": "getSection",
                "summary": "En sektion",
                "description": "En träffs sektion. Med q markeras frågans ord som i "
                "dokumentet (/api/documents/{doc_id} och dokumentsidan), i title_html, html "
                "och blocks, där sökningen (q och filtren) kan ha hittat dem; marked_url är "
                "dokumentsidan som markerar dem. Ge samma q och filter som sökningen.",
                "parameters": [
                    {
                        "name": "section_id",
                        "in": "path",
                        "required": True,
                        "schema": {"type": "string", "minLength": 1},
                        "description": "Sektionens id från en träff (`id`), t.ex. "
                        "435cfa99a86c4de8-p47.",
                    },
                    *_marking_params("i sektionens `title_html`, `html` och `blocks`"),
                ],
                "responses": {
                    "200": _json(ref("Section"), "Sektionen."),
                    **_errors(400, 404, 503),
                },
            }
        },
        "/api/forbund": {
            "get": {
                "operationId": "listForbund",
                "summary": "Alla kända förbund",
                "description": "Förbund ur registret och indexet, med antal indexerade sektioner.",
                "responses": {
                    "200": _json(ref("ForbundList"), "Förbunden, sorterade på slug."),
                    **_errors(503),
                },
            }
        },
        "/api/compare": {
            "get": {
                "operationId": "compare",
                "summary": "Jämför förbund och år",
                "description": "Samma parametrar som /api/search; svaret räknar träffar per "
                "förbund och år. limit, offset, page och sort påverkar inte jämförelsen men "
                "kontrolleras som i /api/search.",
                "parameters": _params(*SEARCH_PARAMS),
                "responses": {
                    "200": _json(ref("Compare"), "Jämförelsen."),
                    **_errors(400, 503),
                },
            }
        },
        "/api/compare.csv": {
            "get": {
                "operationId": "compareCsv",
                "summary": "Jämförelsen som CSV",
                "description": "Tabellen per förbund och år (matrix i /api/compare) som CSV "
                "enligt RFC 4180: UTF-8 utan BOM, komma mellan fälten, decimalpunkt, CRLF "
                "mellan raderna och en rubrikrad. Samma parametrar som /api/compare. "
                "/compare.csv (nedladdningen på jämförelsesidan) ger samma tabell så som "
                "svenskt Excel läser den: BOM, semikolon, decimalkomma, två decimaler och "
                "svenska kolumnrubriker.",
                "parameters": _params(*SEARCH_PARAMS),
                "responses": {
                    "200": {
                        "description": "Rubrikraden förbund,slug,år,träffar,sektioner,"
                        "per_100_sektioner och en rad per förbund och år.",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    **_errors(400, 503),
                },
            }
        },
        "/api/search.csv": {
            "get": {
                "operationId": "searchCsv",
                "summary": "Träfflistan som CSV",
                "description": "Sökningens träffar (hits i /api/search) som CSV enligt RFC 4180: "
                "UTF-8 utan BOM, komma mellan fälten, CRLF mellan raderna och en rubrikrad, i "
                "sidornas ordning och högst "
                f"{grouped(MAX_EXPORT_ROWS)} rader (antalet träffar står i total i "
                "/api/search). Samma parametrar som /api/search utom limit, offset och page, "
                "som inte läses. Utdraget är vanlig text och länken absolut. /search.csv "
                "(nedladdningen på söksidan) ger samma lista så som svenskt Excel läser den: "
                "BOM, semikolon, ja/nej och svenska kolumnrubriker.",
                "parameters": _params(*[p for p in SEARCH_PARAMS if p not in EXPORT_IGNORES]),
                "responses": {
                    "200": {
                        "description": f"Rubrikraden {','.join(HITS_HEADER)} och en rad per träff.",
                        "content": {"text/csv": {"schema": {"type": "string"}}},
                    },
                    **_errors(400, 503),
                },
            }
        },
        "/api/openapi.json": {
            "get": {
                "operationId": "openapi",
                "summary": "Den här beskrivningen",
                "responses": {
                    "200": _json(ref("OpenAPI"), "OpenAPI 3.1-dokumentet."),
                    **_errors(),
                },
            }
        },
        "/healthz": {
            "get": {
                "operationId": "health",
                "summary": "Hälsokontroll",
                "description": "Svarar 200 med antal dokument och sektioner när indexet går "
                "att läsa.",
                "responses": {
                    "200": _json(ref("Health"), "Tjänsten är uppe."),
                    **_errors(503),
                },
            }
        },
    }


def _version() -> str:
    try:
        return metadata.version("finsok")
    except metadata.PackageNotFoundError:
        return "0.0.0"


@cache
def _build() -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Finsök API",
            "version": _version(),
            "summary": "Sök i samordningsförbundens protokoll och rapporter.",
            "description": "Ett JSON-API över indexerade styrelseprotokoll och rapporter från "
            "samordningsförbund (Finsam). Alla fel har formen "
            '`{"error": {"status", "code", "message"}}`. Varje parameter som anropet läser '
            "anges högst en gång, utom forbund (två gånger ger 400 bad_param), och procentkodas "
            "som UTF-8 (å är %C3%A5; Latin-1, %E5, ger 400 bad_param). Andra parametrar läses "
            "inte alls och är inget fel, vad de än innehåller: svaret nämner dem i "
            "ignored_params. page bredvid offset läses inte heller. Svaren är JSON (CSV-vägarna "
            "CSV) vad Accept än begär, och har ingen ETag: en villkorlig GET får hela svaret.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "paths": _paths(),
        "components": {
            "schemas": _schemas(),
            "parameters": _parameters(),
            "responses": _responses(),
        },
    }


def spec() -> dict:
    """The OpenAPI document (a fresh copy: callers may change it)."""
    return copy.deepcopy(_build())
