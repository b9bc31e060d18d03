"""The OpenAPI description (`/api/openapi.json`) is valid and tells the truth about the API.

Four angles: the document is valid OpenAPI 3.1; schemathesis generates requests from it and
checks every answer (no 500, documented status, JSON body matching the schema); a fixed set of
real requests is validated with jsonschema, so a renamed or added field fails even without
generated data; and the spec's paths are exactly the app's JSON routes.
"""

from __future__ import annotations

import re
from urllib.parse import quote

import jsonschema
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from openapi_spec_validator import validate
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from search.limits import MAX_LIMIT, MAX_OFFSET
from search.params import allowed
from web import openapi
from web.api import MARKING_KEYS, READ_BY

SPEC = openapi.spec()
SPEC_URI = "urn:finsok:openapi"

# --- 1. a valid OpenAPI 3.1 document ------------------------------------------------------


def test_spec_is_valid_openapi_31():
    validate(openapi.spec())
    assert SPEC["openapi"] == "3.1.0"
    assert SPEC["info"]["title"] == "Finsök API"


def test_served_spec_is_the_spec(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200
    assert response.get_json() == SPEC


def test_spec_is_a_fresh_copy():
    first = openapi.spec()
    first["paths"].clear()
    assert openapi.spec()["paths"]


# --- 2. property-based: the API against its own description ----------------------------------

api = schemathesis.openapi.from_dict(openapi.spec())

# The checks that matter here. Left out on purpose: `negative_data_rejection` (the API is lenient
# by design: an empty parameter counts as absent, `int()` reads " 5", `date.fromisoformat` reads
# 20250611) and `positive_data_acceptance` (from ≤ to and the page bound cannot be said in JSON
# Schema; the test below checks that those are the only valid requests refused).
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
# Parameters whose schema-valid values may still be refused with 400 (cross-parameter rules).
_CROSS_PARAMETER = ("Parametern from", "Parametern to", "Parametern page")


@api.parametrize()
@settings(
    max_examples=80,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)
def test_api_conforms_to_spec(case, app):
    response = case.call_and_validate(app=app, checks=CHECKS)
    mode = case.meta.generation.mode if case.meta else None
    if mode is not None and mode.is_positive and response.status_code == 400:
        message = response.json()["error"]["message"]
        assert message.startswith(_CROSS_PARAMETER), (case.as_curl_command(), message)


# --- 3. known requests, validated with jsonschema ------------------------------------------


def _registry() -> Registry:
    return Registry().with_resource(
        SPEC_URI, Resource.from_contents(SPEC, default_specification=DRAFT202012)
    )


def _pointer(*parts: str) -> str:
    return "/".join(p.replace("~", "~0").replace("/", "~1") for p in parts)


def response_validator(path: str, status: int) -> jsonschema.Draft202012Validator:
    """A validator for the JSON body the spec promises for GET `path` with `status`."""
    responses = SPEC["paths"][path]["get"]["responses"]
    assert str(status) in responses, f"status {status} is not documented for GET {path}"
    response = responses[str(status)]
    if "$ref" in response:
        base = response["$ref"].removeprefix("#/")
    else:
        base = _pointer("paths", path, "get", "responses", str(status))
    pointer = f"{base}/{_pointer('content', 'application/json', 'schema')}"
    return jsonschema.Draft202012Validator(
        {"$ref": f"{SPEC_URI}#/{pointer}"},
        registry=_registry(),
        format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER,
    )


def spec_path(url: str) -> str:
    """The spec's path template for a concrete URL."""
    path = url.split("?", 1)[0]
    for template in SPEC["paths"]:
        pattern = re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template))
        if re.fullmatch(pattern, path):
            return template
    raise AssertionError(f"no path in the spec matches {path}")


@pytest.fixture(scope="module")
def ids(app) -> dict[str, str]:
    hits = app.test_client().get("/api/search?q=genomlysning").get_json()["hits"]
    assert hits, "the sample corpus should have hits for genomlysning"
    return {"doc_id": hits[0]["doc_id"], "section_id": hits[0]["id"]}


# (url, statuses it may answer with). Every status must also be documented in the spec.
KNOWN = [
    ("/api/search?q=genomlysning", {200}),
    ("/api/search?q=genomlysning&sort=date&kind=decision&limit=3", {200}),
    ("/api/search?q=genomlysnig", {200}),
    ("/api/search?q=och", {200}),
    ("/api/search?q=%22extern+genomlysning", {200}),
    ("/api/search?q=&forbund=soderasen&forbund=blekinge&from=2024-01-01&to=2025-12-31", {200}),
    ("/api/search?q=beslut&page=2&limit=5", {200}),
    ("/api/search?q=F%C3%B6rs%C3%A4kringskassan", {200}),
    ("/api/search?q=ESF&forbund=okant-forbund&undated=1", {200}),  # hits without both
    ("/api/documents?q=ESF&undated=1", {200}),
    ("/api/compare?q=ESF&undated=1", {200}),
    ("/api/search?q=ESF&undated=ja", {400}),  # three documents whose head matches
    ("/api/documents?q=samordningsf%C3%B6rbundet&limit=2&page=2", {200}),
    ("/api/documents?q=protokoll&sort=date&forbund=blekinge", {200}),  # score null
    ("/api/documents?q=protokoll&kind=decision", {200}),  # notice, no documents
    ("/api/documents?q=&forbund=blekinge", {200}),
    ("/api/documents?q=x&from=9999-12-31", {200, 400}),
    ("/api/documents?limit=abc", {400}),
    ("/api/documents/{doc_id}", {200}),
    ("/api/documents/{doc_id}?q=genomlysning", {200}),
    ("/api/documents/{doc_id}?q=Karlshamn", {200}),  # marked in the head
    ("/api/sections/{section_id}", {200}),
    # a section marked as its document is: by q and the search's filters
    ("/api/sections/{section_id}?q=budget&_=1", {200}),
    ("/api/sections/{section_id}?q=genomlysning&kind=decision&section_html=0", {200}),
    ("/api/sections/{section_id}?q=budget&forbund=okant-forbund", {200}),
    ("/api/sections/{section_id}?q=budget&from=2024", {400}),
    ("/api/sections/{section_id}?q=" + "a" * 501, {400}),
    ("/api/forbund", {200}),
    # routes that read no parameter: those given listed, as the others list theirs
    ("/api/forbund?forbund=halland", {200}),
    ("/healthz?check=1", {200}),
    ("/api/compare?q=genomlysning", {200}),
    ("/api/compare?q=beslut&forbund=blekinge&kind=decision&from=2025-01-01", {200}),
    ("/api/compare?q=", {200}),
    ("/api/compare?limit=abc", {400}),
    # parameters the route does not read: listed, and hinted at where one looks like a read one
    ("/api/search?q=ESF&Limit=5&_=1700000000&utm_source=x", {200}),
    ("/api/documents?q=protokoll&f%C3%B6rbund=halland", {200}),
    ("/api/compare?q=ESF&%C3%A5r=2024&sort_by=date", {200}),
    ("/api/compare.csv?limit=abc", {400}),
    ("/api/compare.csv?q=x&from=2025-01-01&to=2024-01-01", {400}),
    ("/api/openapi.json", {200}),
    ("/healthz", {200}),
    ("/api/search?limit=abc", {400}),
    ("/api/search?q=" + "a" * 501, {400}),
    ("/api/search?from=2025-01-01&to=2024-01-01", {400}),
    ("/api/search?kind=beslut", {400}),
    ("/api/search?page=100000", {400}),
    ("/api/search?limit=101", {400}),
    ("/api/documents?q=x&offset=10001", {400}),
    ("/api/documents/0000000000000000", {404}),
    ("/api/documents/not-a-document", {404}),
    ("/api/sections/no-such-section", {404}),
    # Dates outside what the index can store (tantivy: 1677-09-21 to 2262-04-11) must give an
    # empty result or a 400, never a 500.
    ("/api/search?q=x&to=0574-03-09", {200, 400}),
    ("/api/search?q=x&from=9999-12-31", {200, 400}),
    ("/api/search?q=datum:0500-01-01", {200, 400}),
    ("/api/documents/{doc_id}?q=datum:0500-01-01", {200}),
    # Marking a document refuses an overlong q as a search does: the 400 is documented.
    ("/api/documents/{doc_id}?q=" + "a" * 501, {400}),
]


@pytest.mark.parametrize(("template", "statuses"), KNOWN, ids=[k[0][:70] for k in KNOWN])
def test_known_responses_match_schema(client, ids, template, statuses):
    url = template.format(**{k: quote(v, safe="") for k, v in ids.items()})
    response = client.get(url)
    assert response.status_code in statuses, (url, response.status_code, response.get_data()[:300])
    assert response.mimetype == "application/json"
    validator = response_validator(spec_path(url), response.status_code)
    errors = sorted(validator.iter_errors(response.get_json()), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:10])


def test_csv_route_answers_with_its_documented_media_type(client):
    documented = SPEC["paths"]["/api/compare.csv"]["get"]["responses"]["200"]["content"]
    response = client.get("/api/compare.csv?q=genomlysning")
    assert response.status_code == 200
    assert response.mimetype in documented and response.mimetype != "application/json"


def test_validator_catches_drift(client):
    """The schemas are closed: a missing or an extra field is an error."""
    body = client.get("/api/search?q=genomlysning").get_json()
    validator = response_validator("/api/search", 200)
    assert validator.is_valid(body)
    assert not validator.is_valid({k: v for k, v in body.items() if k != "suggestion"})
    extra = {**body, "hits": [{**body["hits"][0], "surprise": 1}]}
    assert not validator.is_valid(extra)
    assert not validator.is_valid({**body, "facets": {**body["facets"], "kind": {"x": "1"}}})


# --- 4. the spec and the app's routes agree ------------------------------------------------


def _json_routes(app) -> dict[str, set[str]]:
    routes: dict[str, set[str]] = {}
    for rule in app.url_map.iter_rules():
        if rule.rule.startswith("/api/") or rule.rule == "/healthz":
            path = re.sub(r"<(?:[^:<>]+:)?([^<>]+)>", r"{\1}", rule.rule)
            routes.setdefault(path, set()).update(rule.methods - {"HEAD", "OPTIONS"})
    return routes


def test_every_json_route_is_in_the_spec_and_back(app):
    routes = _json_routes(app)
    documented = {path: {m.upper() for m in item} for path, item in SPEC["paths"].items()}
    assert routes == documented


def test_every_operation_documents_errors_with_the_error_schema():
    for path, item in SPEC["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            assert "200" in responses and "500" in responses, (method, path)
            for status, response in responses.items():
                if status.startswith(("4", "5")):
                    target = response["$ref"].rsplit("/", 1)[-1]
                    schema = SPEC["components"]["responses"][target]["content"]
                    # 414 too: the server answers it before the app, in the same shape
                    # (web.server.SwedishErrorWorker).
                    assert schema["application/json"]["schema"] == openapi.ref("Error")


# --- 5. paging: every path states the range, and the range is what the API enforces ----------

PAGING_RANGES = {"limit": (1, MAX_LIMIT), "offset": (0, MAX_OFFSET)}


def _parameters(path: str) -> dict[str, dict]:
    """The GET operation's parameters by name, `$ref`s to components resolved."""
    out = {}
    for item in SPEC["paths"][path]["get"].get("parameters", []):
        if "$ref" in item:
            item = SPEC["components"]["parameters"][item["$ref"].rsplit("/", 1)[-1]]
        out[item["name"]] = item
    return out


PAGED_PATHS = [path for path in SPEC["paths"] if PAGING_RANGES.keys() & _parameters(path).keys()]


def test_paged_paths_are_the_search_routes():
    assert PAGED_PATHS == ["/api/search", "/api/documents", "/api/compare", "/api/compare.csv"]


@pytest.mark.parametrize("path", PAGED_PATHS)
def test_every_paged_path_states_the_range_of_limit_and_offset(path):
    parameters = _parameters(path)
    for name, (low, high) in PAGING_RANGES.items():
        schema = parameters[name]["schema"]
        assert (schema["type"], schema["minimum"], schema["maximum"]) == ("integer", low, high)
        assert low <= schema["default"] <= high
        assert f"{low}–{high}" in parameters[name]["description"]
    assert parameters["page"]["schema"]["maximum"] == MAX_OFFSET + 1  # with limit=1


def _edges() -> list[tuple[str, str, int, int]]:
    """(path, parameter, value, status) at both ends of every range the spec states."""
    rows = []
    for path in PAGED_PATHS:
        for name in PAGING_RANGES:
            schema = _parameters(path)[name]["schema"]
            low, high = schema["minimum"], schema["maximum"]
            rows += [(path, name, low, 200), (path, name, high, 200)]
            rows += [(path, name, low - 1, 400), (path, name, high + 1, 400)]
    return rows


@pytest.mark.parametrize(("path", "name", "value", "status"), _edges())
def test_the_stated_paging_range_is_the_enforced_one(client, path, name, value, status):
    response = client.get(path, query_string={"q": "styrelsen", name: value})
    assert response.status_code == status, response.get_data(as_text=True)[:300]
    if status == 400:
        body = response.get_json()
        assert response_validator(path, 400).is_valid(body)
        low, high = PAGING_RANGES[name]
        message = body["error"]["message"]
        assert message.startswith(f"Parametern {name}: {value} ") and allowed(low, high) in message


def test_a_section_documents_the_parameters_it_reads_as_a_document_does():
    """A section is marked by the parameters a document is (`web.api.MARKING_KEYS`), and the
    spec lists them for both, as the routes read them (`web.api.READ_BY`)."""
    section = set(_parameters("/api/sections/{section_id}")) - {"section_id"}
    document = set(_parameters("/api/documents/{doc_id}")) - {"doc_id"}
    assert section == document == set(MARKING_KEYS) == set(READ_BY["api.api_section"])
    assert "400" in SPEC["paths"]["/api/sections/{section_id}"]["get"]["responses"]
