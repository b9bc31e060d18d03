"""The documentation is true of the code. Its links lead somewhere: every relative link in
README.md, docs/ and the other READMEs names a file in the repository (and, with a #fragment, a
heading in it), and every backticked repository path (`index/pipeline.py`, `data/forbund.toml`)
exists. Files move when code is reorganised; a newcomer following a dead link loses the thread.

Beyond links, what drifts when the code changes and a doc does not: the names of functions and
classes, the commands and flags, the module tables (and cells short enough to read), the
API's fields and routes, the environment variables, and the numbers the docs state (schema
version, judged queries, defaults). Where a check reads Markdown, a twin feeds its reader stale text, so a reader that
stops seeing is noticed too."""

from __future__ import annotations

import ast
import re
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DOCS = sorted(
    [ROOT / "README.md", *ROOT.glob("docs/*.md"), *ROOT.glob("bench/*.md")],
) + sorted(ROOT.glob("data/**/README.md"))
_LINK = re.compile(r"\]\(([^)\s]+)\)")
_FENCE = re.compile(r"^```.*?^```", re.MULTILINE | re.DOTALL)
_SPAN = re.compile(r"(?<!`)(`+)(?!`)(.+?)(?<!`)\1(?!`)", re.DOTALL)
_LINK_TEXT = re.compile(r"\[[^\[\]]*\]\(")  # a link's [text]( up to its target
_PATH = re.compile(r"(?<!`)`((?:index|search|web|cli|tests|bench|data|docs)/[^`\s<>*…]+)`(?!`)")
# What the tools write at run time, named in the docs but not in a fresh clone.
_WRITTEN = ("data/index", "data/archive", "bench/out")


def _anchors(path: Path) -> set[str]:
    """GitHub's anchors for a Markdown file's headings (outside code blocks)."""
    found, fenced = set(), False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("```"):
            fenced = not fenced
        elif not fenced and line.startswith("#"):
            heading = re.sub(r"[`*]", "", line.lstrip("#")).strip().lower()
            found.add("".join(c for c in heading if c.isalnum() or c in " -_").replace(" ", "-"))
    return found


def _problems(doc: Path, text: str | None = None) -> list[str]:
    """What is wrong with `doc`'s links (its `text`, read from the file unless given)."""
    text = doc.read_text(encoding="utf-8") if text is None else text
    problems = []
    for target in _LINK.findall(text):
        if re.match(r"[a-z]+:", target):
            continue  # http:, mailto: …
        path, _, anchor = target.partition("#")
        file = (doc.parent / path).resolve() if path else doc
        if not file.exists() or (ROOT not in file.parents and file != ROOT):
            problems.append(f"broken link {target}")
        elif anchor and file.suffix == ".md" and anchor not in _anchors(file):
            problems.append(f"no heading for {target}")
    for paragraph in re.split(r"\n\s*\n", _SPAN.sub("x", _FENCE.sub("", text))):
        opened = {m.end() for m in _LINK_TEXT.finditer(paragraph)}
        problems += [
            f"no [ opens the link to {m.group(1)}"
            for m in _LINK.finditer(paragraph)
            if m.start() + 2 not in opened
        ]
    for path in _PATH.findall(text):
        path = path.rstrip(".,:;")
        if not path.startswith(_WRITTEN) and not (ROOT / path).exists():
            problems.append(f"no such path `{path}`")
    return problems


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_documentation_links_lead_somewhere(doc: Path) -> None:
    assert _problems(doc) == []


def test_a_link_without_its_bracket_is_noticed() -> None:
    text = "The shape fixed in `docs/CONTRACT.md`](CONTRACT.md), [`ok`](CONTRACT.md).\n"
    assert _problems(ROOT / "docs" / "probe.md", text) == ["no [ opens the link to CONTRACT.md"]


def test_a_dead_link_is_noticed() -> None:
    text = "See [gone](gone.md), [index](indexing.md#no-such) and `index/nope.py`.\n"
    assert _problems(ROOT / "docs" / "probe.md", text) == [
        "broken link gone.md",
        "no heading for indexing.md#no-such",
        "no such path `index/nope.py`",
    ]


# -- names ----------------------------------------------------------------------------------------

_PACKAGES = ("index", "search", "web", "cli")
_NAME = re.compile(r"`((?:[A-Za-z_]\w*\.)+[A-Za-z_]\w*)(?:\([^`]*\))?`")
# A file's name is no module's name: `sources.toml`, `pdf.py`.
_SUFFIXES = frozenset({"py", "toml", "json", "txt", "md", "html", "css", "js", "csv", "pdf", "gz"})
# The client's copied notes name tantivy's own classes (`Document`, `Filter`), not ours.
_FOREIGN_DOCS = ("engine-notes.md", "CONTRACT.md")


def _module_names(tree: ast.Module) -> set[str]:
    """The names a module defines or imports at its top level."""
    names: set[str] = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, (ast.Assign, ast.AnnAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            names.update(n.id for t in targets for n in ast.walk(t) if isinstance(n, ast.Name))
        elif isinstance(node, (ast.Import, ast.ImportFrom)):
            names.update((a.asname or a.name).split(".")[0] for a in node.names)
    return names


def _class_members(node: ast.ClassDef) -> set[str]:
    """A class's methods, class attributes, fields and the attributes its methods set."""
    members: set[str] = set()
    for n in ast.walk(node):
        if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef)):
            members.add(n.name)
        elif isinstance(n, ast.AnnAssign) and isinstance(n.target, ast.Name):
            members.add(n.target.id)
        elif isinstance(n, ast.Assign):
            members.update(t.id for t in n.targets if isinstance(t, ast.Name))
        elif isinstance(n, ast.Attribute) and getattr(n.value, "id", None) in ("self", "cls"):
            members.add(n.attr)
    return members


def _code_names() -> tuple[dict[str, set[str]], dict[str, set[str] | None]]:
    """Each module's top-level names, and each class name's members (None: a class that
    inherits, whose members cannot all be known here; classes of one name share a set)."""
    modules: dict[str, set[str]] = {}
    classes: dict[str, set[str] | None] = {}
    for package in _PACKAGES:
        for path in (ROOT / package).rglob("*.py"):
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            module = module.removesuffix(".__init__")
            tree = ast.parse(path.read_text(encoding="utf-8"))
            modules[module] = _module_names(tree)
            for node in ast.walk(tree):
                if isinstance(node, ast.ClassDef):
                    inherits = any(
                        not (isinstance(b, ast.Name) and b.id in ("object", "Protocol"))
                        for b in node.bases
                    )
                    known = classes.get(node.name, set())
                    if inherits or known is None:
                        classes[node.name] = None
                    else:
                        classes[node.name] = known | _class_members(node)
    return modules, classes


def _unknown_names(text: str, modules: dict[str, set[str]], classes: dict) -> list[str]:
    """The backticked `module.name` and `Class.member` references in `text` that name
    nothing in the code."""
    problems = []
    for reference in _NAME.findall(text):
        parts = reference.split(".")
        cut = next((i for i in range(len(parts), 0, -1) if ".".join(parts[:i]) in modules), 0)
        short = [m for m in modules if m.rsplit(".", 1)[-1] == parts[0]]
        if not cut and len(short) == 1 and parts[0] not in classes and parts[-1] not in _SUFFIXES:
            # A module named by its last part, as a doc names one beside its package's
            # (`apidoc.index_state`, `pipeline.doc_id_for`): one module of that name only.
            module, rest = short[0], parts[1:]
            if rest[0] not in modules[module]:
                problems.append(f"`{reference}`: {module} has no {rest[0]}")
            continue
        if cut:
            module, rest = ".".join(parts[:cut]), parts[cut:]
            if rest and rest[0] not in modules[module]:
                problems.append(f"`{reference}`: {module} has no {rest[0]}")
                continue
        else:
            rest = parts
        if len(rest) > 1 and classes.get(rest[0]) is not None and rest[1] not in classes[rest[0]]:
            problems.append(f"`{reference}`: {rest[0]} has no {rest[1]}")
    return problems


def test_backticked_names_exist() -> None:
    """A doc or docstring naming `search.engine.Engine.marking_scope` or `Store.vocabulary`
    names something that exists: a function renamed leaves no reader looking for the old one."""
    modules, classes = _code_names()
    texts = [p for p in DOCS if p.name not in _FOREIGN_DOCS]
    texts += [p for package in _PACKAGES for p in (ROOT / package).rglob("*.py")]
    problems = [
        f"{path.relative_to(ROOT)}: {problem}"
        for path in texts
        for problem in _unknown_names(path.read_text(encoding="utf-8"), modules, classes)
    ]
    assert problems == []


def test_an_unknown_name_is_noticed() -> None:
    modules, classes = _code_names()
    text = (
        "`Engine.admitted`, `search.engine.nothing`, `web.gone`, `Engine.marking_scope()`,"
        " `apidoc._call`, `apidoc.index_state()`, `pdf.py`, `sources.toml`."
    )
    assert _unknown_names(text, modules, classes) == [
        "`Engine.admitted`: Engine has no admitted",
        "`search.engine.nothing`: search.engine has no nothing",
        "`web.gone`: web has no gone",
        "`apidoc._call`: web.apidoc has no _call",
    ]


# -- code in the docs -----------------------------------------------------------------------------


def _code(text: str) -> list[str]:
    """What a Markdown text sets as code: each line of its fenced blocks, and each inline
    span (which may run over a line break, and hold single backticks when set in double)."""
    pieces = [line for block in _FENCE.findall(text) for line in block.splitlines()[1:-1]]
    pieces += [span for _, span in _SPAN.findall(_FENCE.sub("", text))]
    return pieces


def test_code_is_found_in_spans_and_blocks() -> None:
    text = "A `span` and ``a `nested` one``, a span\nover `two\nlines`.\n```sh\nblock line\n```\n"
    assert sorted(_code(text)) == ["a `nested` one", "block line", "span", "two\nlines"]


# -- the command line -----------------------------------------------------------------------------

# A command and what follows it up to the next `finsok` (a line may hold two commands).
_MENTION = re.compile(r"\bfinsok ([a-z]+)\b((?:(?!\bfinsok\s).)*)", re.DOTALL)
# Where a shell line goes on with another command: `&&`, `||`, a pipe or `;`; not a table's
# escaped `\|` between a synopsis's alternatives (`URL --forbund SLUG \| --all`).
_SHELL_BREAK = re.compile(r"\s*(?:&&|\|\||(?<!\\)\||;)\s+")
_FLAG = re.compile(r"(?<![\w-])--[a-z][a-z-]*")


def _subcommands() -> dict[str, set[str]]:
    """Each `finsok` command and the flags its parser takes."""
    from cli.main import build_parser

    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return {
        name: {flag for action in p._actions for flag in action.option_strings}
        for name, p in sub.choices.items()
    }


def _cli_mentions(text: str) -> list[tuple[str, list[str]]]:
    """Each `finsok COMMAND …` set as code in `text`, with the flags written after it (up to
    the end of its span or line, a shell comment left out). A line of two commands
    (`finsok crawl --all && finsok index … --prune`, `finsok search … --json | jq -r …`)
    gives each its own flags: the second's were the first's, and read as flags it lacks."""
    mentions = []
    for piece in _code(text):
        for command in _SHELL_BREAK.split(re.split(r"\s#\s", piece)[0]):
            mentions += [
                (found.group(1), _FLAG.findall(found.group(2)))
                for found in _MENTION.finditer(command)
            ]
    return mentions


def _cli_problems(text: str, commands: dict[str, set[str]]) -> list[str]:
    """The commands and flags `text` names that the command line does not have."""
    problems = []
    for command, flags in _cli_mentions(text):
        if command not in commands:
            problems.append(f"no command `finsok {command}`")
            continue
        problems += [f"`finsok {command}` has no {f}" for f in flags if f not in commands[command]]
    return problems


def test_every_command_and_flag_the_docs_name_exists() -> None:
    """`finsok search --kind` in any doc is a flag `finsok search --help` lists: a flag
    renamed or dropped leaves no example that fails when a reader copies it."""
    commands = _subcommands()
    problems = [
        f"{doc.relative_to(ROOT)}: {problem}"
        for doc in DOCS
        for problem in _cli_problems(doc.read_text(encoding="utf-8"), commands)
    ]
    assert problems == []


def test_cli_md_names_every_flag_of_every_command() -> None:
    """docs/cli.md's synopses hold every command and every flag it takes, so a flag added to
    the parser without a word in the docs is noticed."""
    named: dict[str, set[str]] = {}
    for command, flags in _cli_mentions((ROOT / "docs" / "cli.md").read_text(encoding="utf-8")):
        named.setdefault(command, set()).update(flags)
    missing = {
        command: sorted(flags - {"-h", "--help"} - named.get(command, set()))
        for command, flags in _subcommands().items()
    }
    assert {command: flags for command, flags in missing.items() if flags} == {}


def test_each_command_of_a_shell_line_has_its_own_flags() -> None:
    text = (
        "```sh\nfinsok crawl --all && finsok index data/archive --prune\n```\n"
        "Run `finsok update; finsok serve --port 8080`, `finsok search x --json | jq --raw-output`"
        " or `finsok parse a.pdf --json finsok index b --rebuild`.\n"
        "| `finsok crawl (URL --forbund SLUG \\| --all) [--sort a\\|b]` |\n"
    )
    assert _cli_mentions(text) == [
        ("crawl", ["--all"]),
        ("index", ["--prune"]),
        ("update", []),
        ("serve", ["--port"]),
        ("search", ["--json"]),
        ("parse", ["--json"]),
        ("index", ["--rebuild"]),
        ("crawl", ["--forbund", "--all", "--sort"]),
    ]
    assert _cli_problems(text, _subcommands()) == ["`finsok crawl` has no --sort"]


def test_a_stale_flag_is_noticed() -> None:
    text = "Run `finsok search budget --kinds rapport` or\n```sh\nfinsok lexicon build\n```\n"
    assert sorted(_cli_problems(text, _subcommands())) == [
        "`finsok search` has no --kinds",
        "no command `finsok lexicon`",
    ]


# -- the module tables ----------------------------------------------------------------------------

_MODULE_TABLE_DOC = ROOT / "docs" / "parsing.md"


def _modules(package: str) -> set[str]:
    """A package's modules as the tables name them: `segment`, `crawler/` for a subpackage
    and `crawler/fetch` for its modules."""
    names = set()
    for path in (ROOT / package).rglob("*.py"):
        parts = path.relative_to(ROOT / package).with_suffix("").parts
        if parts[-1] == "__init__":
            if len(parts) > 1:
                names.add("/".join(parts[:-1]) + "/")
        elif parts[-1] != "__main__":
            names.add("/".join(parts))
    return names


def _module_tables(text: str) -> dict[str, set[str]]:
    """The modules each `| module | does |` table of `text` names, by package: the package is
    the last of `index/`, `search/`, `web/`, `cli/` the text names before the table. In a
    first cell, the names after a subpackage's (`crawler/` (`crawl`, `fetch`)) are its own."""
    tables: dict[str, set[str]] = {}
    package = None
    for line in text.splitlines():
        if not line.startswith("|"):
            mentioned = re.findall(r"`(index|search|web|cli)/`", line)
            package = mentioned[-1] if mentioned else package
            continue
        cell = line.split("|")[1]
        if package is None or cell.strip() in ("module", "") or set(cell.strip()) <= {"-"}:
            continue
        inside = ""
        for name in re.findall(r"`([\w/]+)`", cell):
            tables.setdefault(package, set()).add(inside + name)
            if name.endswith("/"):
                inside = name
    return tables


def test_every_module_is_in_the_module_tables() -> None:
    """docs/parsing.md's tables name every module of `index/`, `search/`, `web/` and `cli/`,
    and no module that is gone: they are where a newcomer looks for what a module does."""
    tables = _module_tables(_MODULE_TABLE_DOC.read_text(encoding="utf-8"))
    drift = {
        package: {
            "missing": sorted(_modules(package) - tables.get(package, set())),
            "gone": sorted(tables.get(package, set()) - _modules(package)),
        }
        for package in _PACKAGES
    }
    assert {p: d for p, d in drift.items() if d["missing"] or d["gone"]} == {}


def test_a_missing_module_is_noticed() -> None:
    text = (
        "The query side lives in `search/`:\n\n| module | does |\n|---|---|\n"
        "| `query`, `gone` | … |\n\nAnd `index/`:\n\n| module | does |\n|---|---|\n"
        "| `crawler/` (`crawl`, `fetch`) | … |\n"
    )
    assert _module_tables(text) == {
        "search": {"query", "gone"},
        "index": {"crawler/", "crawler/crawl", "crawler/fetch"},
    }


# A table cell is read at a glance; a rule that needs more is a bullet under the table. The
# module tables' cells are one line each: what a module does and why.
_CELL_MAX = 300
_MODULE_CELL_MAX = 200


def _long_cells(text: str) -> list[str]:
    """The cells of `text`'s tables longer than a glance: over `_CELL_MAX` characters, or over
    `_MODULE_CELL_MAX` in a `| module | does |` table. An escaped `\\|` is inside a cell."""
    problems, limit = [], _CELL_MAX
    for line in _FENCE.sub("", text).splitlines():
        if not line.startswith("|"):
            limit = _CELL_MAX
            continue
        cells = [c.strip() for c in re.split(r"(?<!\\)\|", line)[1:-1]]
        if cells[:2] == ["module", "does"]:
            limit = _MODULE_CELL_MAX
        problems += [f"{len(c)} characters: {c[:40]}…" for c in cells if len(c) > limit]
    return problems


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(ROOT)))
def test_no_table_cell_is_a_paragraph(doc: Path) -> None:
    """docs/parsing.md's `segment` and `decisions` cells grew to 2,600 and 4,100 characters, a
    rule a sentence, joined by semicolons; nobody read them. A module's cell is one line, any
    other cell a few."""
    assert _long_cells(doc.read_text(encoding="utf-8")) == []


def test_a_long_cell_is_noticed() -> None:
    text = (
        "| you type | finds |\n|---|---|\n| `a \\| b` | " + "x" * 250 + " |\n\n"
        "| module | does |\n|---|---|\n| `segment` | " + "y" * 201 + " |\n"
        "| `a` \\| `b` | "
        + "z" * 200
        + " |\n\n| you type | finds |\n|---|---|\n| `c` | "
        + "w" * 301
        + " |\n"
    )
    assert _long_cells(text) == [
        "201 characters: " + "y" * 40 + "…",
        "301 characters: " + "w" * 40 + "…",
    ]


# -- the API --------------------------------------------------------------------------------------

_API_DOCS = (ROOT / "docs" / "web-and-api.md", ROOT / "docs" / "CONTRACT.md")


def _api_fields() -> set[str]:
    """Every field name of every answer the OpenAPI document describes (which
    tests/test_openapi.py holds to the real answers)."""
    from web import openapi

    fields: set[str] = set()

    def walk(node: object) -> None:
        if isinstance(node, dict):
            fields.update(node.get("properties", {}))
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    spec = openapi.spec()
    walk(spec["components"])
    walk(spec["paths"])
    return fields


def _code_words(docs: tuple[Path, ...]) -> set[str]:
    return {
        w
        for doc in docs
        for piece in _code(doc.read_text("utf-8"))
        for w in re.findall(r"\w+", piece)
    }


def test_every_api_field_is_documented() -> None:
    """Each field the API answers with is named, as code, in docs/web-and-api.md or the
    contract: a field added to an answer without a word in the docs is noticed."""
    assert sorted(_api_fields() - _code_words(_API_DOCS)) == []


def test_every_route_is_documented() -> None:
    """Each address the app serves (`/doc/<doc_id>/original`, `/api/forbund`) is named, as
    code, in docs/web-and-api.md or the contract, its variable parts in any spelling."""
    from web import create_app

    app = create_app({"FINSOK_INDEX": str(ROOT / "data" / "index")})
    named = {
        re.sub(r"<[^>]*>|\{[^}]*\}|…", "*", path.split("?")[0].split("#")[0].strip())
        for doc in _API_DOCS
        for piece in _code(doc.read_text("utf-8"))
        for path in re.findall(r"/[\w./<>{}…-]*", piece)
    }
    routes = {re.sub(r"<[^>]*>", "*", r.rule) for r in app.url_map.iter_rules()}
    assert sorted(routes - named - {"/static/*"}) == []


# -- settings -------------------------------------------------------------------------------------

_ENV_NAME = re.compile(r"`(FINSOK_[A-Z_]+)`")


def _env_table() -> set[str]:
    """The variables in docs/cli.md's table of the environment."""
    text = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8").split("## Environment", 1)[1]
    return {
        name
        for line in text.splitlines()
        if line.startswith("| `")
        for name in _ENV_NAME.findall(line.split("|")[1])
    }


def test_the_environment_table_matches_the_code() -> None:
    """docs/cli.md's table of environment variables names each `FINSOK_…` setting the code
    knows, and of the web app's settings only those it reads from the environment
    (`web.config._ENV`): `FINSOK_MAX_LIMIT` is a `create_app` key, not a variable."""
    from web import config

    in_code = {
        node.value
        for package in (*_PACKAGES, "bench")
        for path in (ROOT / package).rglob("*.py")
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and re.fullmatch(r"FINSOK_[A-Z_]+", node.value)
    }
    config_only = set(config.DEFAULTS) - set(config._ENV)
    table = _env_table()
    assert (sorted(in_code - config_only - table), sorted(table & config_only)) == ([], [])


# -- numbers --------------------------------------------------------------------------------------

_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def _stated_numbers() -> list[tuple[str, str, float]]:
    """(doc, a pattern whose group is a number the doc states, the code's value of it)."""
    from index import ingest, pipeline, schema
    from tests.test_eval import JUDGMENTS, MIN_MEAN_NDCG
    from web import config

    registry = tomllib.loads((ROOT / "data" / "forbund.toml").read_text(encoding="utf-8"))
    return [
        ("README.md", r"holds the schema version \((\d+)", schema.SCHEMA_VERSION),
        ("README.md", r"nDCG@10 drops below ([\d.]+)", MIN_MEAN_NDCG),
        ("docs/analysis-and-ranking.md", r"judgments\.json`, (\d+) queries", len(JUDGMENTS)),
        ("docs/analysis-and-ranking.md", r"nDCG@10 drops below ([\d.]+)", MIN_MEAN_NDCG),
        ("docs/data.md", r"\((\d+) förbund\)", len(registry["forbund"])),
        ("bench/README.md", r"`data/forbund\.toml` \(all (\d+) entries", len(registry["forbund"])),
        ("docs/cli.md", r"`finsok` has (\w+) commands", len(_subcommands())),
        ("docs/cli.md", r"files per commit \(default ([\d,]+)\)", ingest.BATCH_FILES),
        (
            "docs/cli.md",
            r"a section kept in the index \(default ([\d,]+)\)",
            pipeline.MAX_SECTION_CHARS,
        ),
        (
            "docs/cli.md",
            r"a document kept in the index \(default ([\d,]+)\)",
            pipeline.MAX_DOCUMENT_CHARS,
        ),
        ("docs/indexing.md", r"in batches of (\d+) files", ingest.BATCH_FILES),
        ("docs/indexing.md", r"With (\d+) files or more", ingest.PARALLEL_MIN_FILES),
        ("docs/indexing.md", r"At most (\d+)\s+tasks", pipeline._IN_FLIGHT),
        ("docs/indexing.md", r"tasks of (\d+) files", pipeline._TASK_FILES),
        (
            "docs/web-and-api.md",
            r"`FINSOK_PAGE_SIZE` \(1–100, default (\d+)",
            config.DEFAULTS["FINSOK_PAGE_SIZE"],
        ),
        (
            "docs/web-and-api.md",
            r"`FINSOK_FEED_SIZE` \(1–100, default (\d+)",
            config.DEFAULTS["FINSOK_FEED_SIZE"],
        ),
    ]


def _number(text: str) -> float:
    """A number as a doc writes it: "1,000", "0.88" or "six"."""
    return _WORDS.index(text) if text in _WORDS else float(text.replace(",", ""))


def test_the_numbers_the_docs_state_match_the_code() -> None:
    """The schema version, the judged queries, the förbund in the registry, the commands and
    the defaults the docs state are the code's: a number changed in the code leaves no doc
    saying the old one. (A pattern a doc no longer has fails too: reword it here.)"""
    problems = []
    for doc, pattern, value in _stated_numbers():
        found = re.search(pattern, (ROOT / doc).read_text(encoding="utf-8"))
        if not found:
            problems.append(f"{doc}: no longer says {pattern!r}")
        elif _number(found.group(1)) != value:
            problems.append(f"{doc}: says {found.group(1)} where the code has {value}")
    assert problems == []
