"""The JSON API described for people (`/api-dokumentation`), read from the OpenAPI document
itself (`web.openapi.spec()`), so that the page can never disagree with `/api/openapi.json`;
each route's example is a real call to this app, so it shows what the route answers today.
The examples are kept per site address while the index stays as it is (`Examples`): a page view
asks the app a dozen questions, a CSV export of up to 1,000 hits among them, and their answers
change only when the index does."""

from __future__ import annotations

import contextlib
import json
import os
import re
import shlex
import threading
import time
from collections.abc import Callable, Hashable
from pathlib import Path
from urllib.parse import quote, urlencode

from flask import current_app, request, url_for

from index.errors import FinsokError
from index.store import META_FILE
from search.links import site_link
from web.engine import get_engine

# The example calls' parameters, each used where the route reads it: a word most protocols
# hold, and one hit, so that an excerpt stays short.
EXAMPLE_ARGS = {"q": "budget", "limit": "1", "section_html": "0"}
# A call that fails, to show the one error shape as it is sent.
ERROR_EXAMPLE = "api/search?q=budget&limit=0"
# An excerpt keeps the first item of a list, this many entries of a map and lines in all.
EXCERPT_ENTRIES = 4
EXCERPT_LINES = 40
EXCERPT_CHARS = 80


def api_doc_data(spec: dict, base_url: str) -> dict:
    """The API page's content, read from the OpenAPI document itself so that the page can
    never disagree with it; each example is a real call to this app (`_example`), so it
    shows what the route answers today, and its curl line starts with `base_url`."""
    parts = spec["components"]
    answers = set()
    routes = []
    call = examples().asker(base_url)
    first_hit = _first_hit(call)
    for path, item in spec["paths"].items():
        for method, op in item.items():
            ok = op["responses"]["200"]
            schema = ok.get("content", {}).get("application/json", {}).get("schema", {})
            answers.add(_ref_name(schema))
            routes.append(
                {
                    "id": op["operationId"],
                    "method": method.upper(),
                    "path": path,
                    "summary": op["summary"],
                    "description": _code_parts(op.get("description", "")),
                    "params": [_param(_resolve(p, parts)) for p in op.get("parameters", [])],
                    "answer": _code_parts(ok["description"]),
                    "media": next(iter(ok.get("content", {"": None}))),
                    "fields": _fields(_resolve(schema, parts)),
                    "errors": sorted(s for s in op["responses"] if s != "200"),
                    "example": _example(path, op, call, first_hit),
                }
            )
    error = parts["schemas"]["Error"]
    return {
        "info": {**spec["info"], "description": _code_parts(spec["info"]["description"])},
        "json_url": url_for("api.api_openapi"),
        "base_url": base_url,
        "routes": routes,
        "error_fields": _fields(error["properties"]["error"]),
        "error_description": error.get("description", ""),
        "statuses": _statuses(spec),
        "error_example": call(ERROR_EXAMPLE),
        "objects": [
            {"name": name, "description": _code_parts(s.get("description", "")), **_object(s)}
            for name, s in parts["schemas"].items()
            if name not in answers and name not in ("Error", "OpenAPI")
        ],
    }


def _ref_name(schema: dict) -> str | None:
    ref = schema.get("$ref", "")
    return ref.rpartition("/")[2] or None


def _resolve(item: dict, parts: dict) -> dict:
    """A `$ref` to the document's components as what it names; anything else as it is."""
    ref = item.get("$ref")
    if not ref:
        return item
    _, kind, name = ref.removeprefix("#/").split("/")
    return {**parts[kind][name], **{k: v for k, v in item.items() if k != "$ref"}}


def _code_parts(text: str) -> list[tuple[str, bool]]:
    """`text` split on backticks: (piece, is code). The template prints each piece escaped,
    a code piece inside <code>, so no text from the document is ever taken as markup."""
    return [(piece, i % 2 == 1) for i, piece in enumerate(text.split("`")) if piece]


def _type(schema: dict) -> list[tuple[str, str | None]]:
    """A schema's type in words, as (text, name of the object it links to or None)."""
    if name := _ref_name(schema):
        return [(name, name)]
    if "anyOf" in schema:
        return _joined([_type(s) for s in schema["anyOf"]])
    kinds = schema.get("type", "object")
    if isinstance(kinds, list):
        return _joined([_type({**schema, "type": k}) for k in kinds])
    if kinds == "array":
        return [("lista av ", None), *_type(schema.get("items", {}))]
    if kinds == "object" and "properties" in schema:
        return [(f"objekt med {', '.join(schema['properties'])}", None)]
    if kinds == "object" and isinstance(schema.get("additionalProperties"), dict):
        return [("objekt: namn → ", None), *_type(schema["additionalProperties"])]
    return [(kinds, None)]


def _joined(types: list[list[tuple[str, str | None]]]) -> list[tuple[str, str | None]]:
    out: list[tuple[str, str | None]] = []
    for i, parts in enumerate(types):
        out += [(" eller ", None)] * (i > 0) + parts
    return out


# A schema's limits as the page says them, in the order shown.
LIMITS = (
    ("minimum", "minst {}"),
    ("maximum", "högst {}"),
    ("minLength", "minst {} tecken"),
    ("maxLength", "högst {} tecken"),
    ("maxItems", "högst {} värden"),
    ("pattern", "mönster {}"),
    ("format", "format {}"),
    ("const", "alltid {}"),
    ("default", "standard {}"),
)


def _limits(schema: dict) -> list[str]:
    """What values a schema allows, in words: its values when it lists them, its limits."""
    said = []
    values = schema.get("enum") or schema.get("items", {}).get("enum")
    if values:
        said.append("ett av: " + ", ".join("null" if v is None else str(v) for v in values))
    for key, words in LIMITS:
        for where in (schema, schema.get("items", {})):
            if key in where:
                said.append(words.format(where[key]))
    return said


def _param(param: dict) -> dict:
    schema = param.get("schema", {})
    return {
        "name": param["name"],
        "in": "sökväg" if param["in"] == "path" else "fråga",
        "type": _type(schema),
        "required": bool(param.get("required")),
        "description": _code_parts(param.get("description") or schema.get("description", "")),
        "limits": _limits(schema),
    }


def _fields(schema: dict) -> list[dict]:
    """An object's fields: name, type, whether it is always there, description, limits."""
    required = set(schema.get("required", ()))
    return [
        {
            "name": name,
            "type": _type(field),
            "required": name in required,
            "description": _code_parts(field.get("description", "")),
            "limits": _limits(field),
        }
        for name, field in schema.get("properties", {}).items()
    ]


def _object(schema: dict) -> dict:
    return {"fields": _fields(schema), "type": None if "properties" in schema else _type(schema)}


def _statuses(spec: dict) -> list[dict]:
    """Each error status with what it means (`components.responses`), as the routes use it."""
    found: dict[str, str] = {}
    for item in spec["paths"].values():
        for op in item.values():
            for status, answer in op["responses"].items():
                if status != "200" and "$ref" in answer:
                    found[status] = _resolve(answer, spec["components"])["description"]
    return [{"status": s, "description": _code_parts(found[s])} for s in sorted(found)]


def _first_hit(call: Callable[[str], dict]) -> dict:
    """The example search's first hit, whose ids fill the example calls' path parameters; an
    empty dict when the index has none (those examples then show no answer)."""
    answer = call("api/search?" + urlencode({"q": EXAMPLE_ARGS["q"], "limit": 1}))
    hits = json.loads(answer["body"]).get("hits", []) if answer["status"] == 200 else []
    return {"doc_id": hits[0]["doc_id"], "section_id": hits[0]["id"]} if hits else {}


def _example(path: str, op: dict, call: Callable[[str], dict], first_hit: dict) -> dict | None:
    """A call of the route with `EXAMPLE_ARGS` it reads, its path parameters taken from
    `first_hit`; None when the index gives no value for one."""
    names = {p.get("name") or p["$ref"].rpartition("/")[2] for p in op.get("parameters", [])}
    target = path
    for name in re.findall(r"{(\w+)}", path):
        if name not in first_hit:
            return None
        target = target.replace("{" + name + "}", quote(first_hit[name], safe=""))
    args = {k: v for k, v in EXAMPLE_ARGS.items() if k in names}
    return call(target.lstrip("/") + (f"?{urlencode(args)}" if args else ""))


# The shortest time between two runs of an example, in seconds, however often the index
# changes (an indexing run that commits every few seconds, a crawl feeding it).
EXAMPLES_SECONDS = 60.0
# Where the app keeps its `Examples` (`examples`).
EXAMPLES_KEY = "finsok_api_examples"


class Examples:
    """The example calls' answers of one app, each kept while the index stays as it is
    (`index_state`) and asked again after a change, but never sooner than `EXAMPLES_SECONDS`
    after it was last asked: kept for a minute, as before, a dozen questions (a 1,000-hit CSV
    among them) were asked again each minute of an index that changes once a night. `clock`
    gives seconds (`time.monotonic`; a test sets its own)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self.clock = clock
        self._kept: dict[tuple[str, str, str], tuple[Hashable, float, dict]] = {}
        self._lock = threading.Lock()

    def asker(self, base_url: str) -> Callable[[str], dict]:
        """A function that gives a target's answer (`_asked`) for this view of the page: the
        index's state and the time are read once, so all examples of a view agree."""
        state, now = index_state(), self.clock()
        return lambda target: self.answer(target, base_url, state, now)

    def answer(self, target: str, base_url: str, state: Hashable, now: float) -> dict:
        """`target`'s answer: the kept one while the index is in `state` still or it was
        asked less than `EXAMPLES_SECONDS` before `now`, else asked anew (the engine reloaded
        first, so the answer is the changed index's)."""
        key = (target, base_url, request.url_root)
        with self._lock:
            kept = self._kept.get(key)
        if kept is not None and (kept[0] == state or now - kept[1] < EXAMPLES_SECONDS):
            return kept[2]
        if kept is not None:
            _reload_engine()
        answer = _asked(target, base_url)
        with self._lock:
            self._kept[key] = (state, now, answer)
        return answer


def examples() -> Examples:
    """This app's `Examples` (kept per app, so two apps over two indexes never share one)."""
    return current_app.extensions.setdefault(EXAMPLES_KEY, Examples())


def index_state() -> Hashable:
    """The index as of its latest commit, without opening it: the identity (inode, time and
    size) of tantivy's `meta.json`, which every commit writes anew, and of `finsok-index.json`,
    which an indexing run rewrites when it has analysed the documents again (what /healthz's
    `analysis_current` reads). A file that is missing (no index yet) counts as None; `stat`
    needs no right to read the file, so an index another user keeps is told apart too."""
    folder = Path(current_app.config["FINSOK_INDEX"])
    return tuple(_identity(folder / name) for name in ("meta.json", META_FILE))


def _identity(path: Path) -> tuple[int, int, int] | None:
    try:
        found = os.stat(path)
    except OSError:
        return None
    return found.st_ino, found.st_mtime_ns, found.st_size


def _reload_engine() -> None:
    """Have the app's open index read its latest commit now: tantivy notices one itself, but
    only some time after, and an example asked in between would be kept until the next one."""
    with contextlib.suppress(FinsokError):  # no index to read (yet): each example says so
        get_engine().store.reload()


def _asked(target: str, base_url: str) -> dict:
    """A target's answer, not kept (`Examples`). No network: the app answers itself."""
    with current_app.test_request_context("/" + target, base_url=request.url_root):
        response = current_app.full_dispatch_request()
    body = response.get_data(as_text=True)
    return {
        "curl": "curl " + shlex.quote(site_link(base_url, target)),
        "status": response.status_code,
        "body": body,
        "excerpt": _excerpt(body, response.mimetype),
    }


def _excerpt(body: str, mimetype: str) -> str:
    """An answer cut short enough to read: JSON with each list at its first item, each map at
    `EXCERPT_ENTRIES` entries and long strings cut, then at most `EXCERPT_LINES` lines."""
    if mimetype == "application/json":
        body = json.dumps(_shortened(json.loads(body), 0), ensure_ascii=False, indent=2)
    lines = body.splitlines()
    return "\n".join(lines[:EXCERPT_LINES] + ["…"] * (len(lines) > EXCERPT_LINES))


def _shortened(value: object, depth: int) -> object:
    if isinstance(value, list):
        return [_shortened(v, depth + 1) for v in value[:1]] + ["…"] * (len(value) > 1)
    if isinstance(value, dict):
        items = list(value.items())
        kept = items if depth == 0 else items[:EXCERPT_ENTRIES]
        out = {k: _shortened(v, depth + 1) for k, v in kept}
        return out | ({"…": "…"} if len(kept) < len(items) else {})
    if isinstance(value, str) and len(value) > EXCERPT_CHARS:
        return value[:EXCERPT_CHARS] + "…"
    return value
