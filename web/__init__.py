"""The Flask application: HTML pages for staff and researchers, a JSON API for programs.

`create_app` is the only entry point. Pages (`web.pages`) and the API (`web.api`) are two
blueprints; both take a page's data from the same data functions, so a page and its JSON twin
can never disagree: search and documents from `web.data`, compare and coverage from
`web.research`. A page adds only what a reader needs beside the data (`web.facets`).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask
from markupsafe import Markup

from index.errors import without_controls
from search.answer import titled_label
from search.params import NO_FORBUND, UNDATED_TEXT, UNKNOWN_FORBUND
from web import api, errors, mount, numbers, pages, research, security
from web import config as settings
from web.composed import ComposedRequest

JSON_TYPE = "application/json; charset=utf-8"


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the app; `config` overrides the defaults and the environment (see `web.config`).
    The index is opened lazily on first use, once per process."""
    app = Flask(__name__)
    # Parameters read in composed Unicode, as the index holds text (`web.composed`).
    app.request_class = ComposedRequest
    app.config.update(settings.load(config))
    app.json.ensure_ascii = False
    # The body holds å, ä and ö as UTF-8 (not \u escapes): said in the header too, as the
    # server's own error answers say it (`web.server`), for clients that guess otherwise.
    app.json.mimetype = JSON_TYPE
    app.json.sort_keys = False
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    errors.register(app)
    security.register(app)
    # FINSOK_BASE_URL's path, when it is set, starts every link the app makes (`web.mount`).
    app.wsgi_app = mount.mounted(app.wsgi_app, app.config["FINSOK_BASE_URL"])

    # Whatever a page shows, a NUL, a bell or an escape typed in a URL or held by a document
    # never stands raw in its HTML: every value a template prints passes here first.
    app.jinja_env.finalize = _shown
    app.add_template_filter(research.short_name, "short_forbund")
    app.add_template_filter(numbers.tal, "tal")
    # A repeated label named as its citation names it ("§ 10 (Nästa möte)", "§ 14 (forts.)").
    app.add_template_filter(titled_label, "titled_label")
    # How a missing förbund and date are said, the same words as the CSVs and the facets, and
    # the `forbund` value that selects the sections without a förbund.
    app.jinja_env.globals.update(
        UNKNOWN_FORBUND=UNKNOWN_FORBUND, UNDATED_TEXT=UNDATED_TEXT, NO_FORBUND=NO_FORBUND
    )
    return app


def _shown(value: object) -> object:
    """A template value without control characters; marked-up text (a snippet with its
    marks) stays marked up, so autoescaping still leaves it alone."""
    if isinstance(value, Markup):
        return Markup(without_controls(str(value)))
    if isinstance(value, str):
        return without_controls(value)
    return value
