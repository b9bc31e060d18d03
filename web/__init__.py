"""The Flask application: HTML pages for staff and researchers, a JSON API for programs.

`create_app` is the only entry point. Pages (`web.pages`) and the API (`web.api`) are two
blueprints; both take a page's data from the same data functions, so a page and its JSON twin
can never disagree: search and documents from `web.data`, compare and coverage from
`web.research`. A page adds only what a reader needs beside the data (`web.facets`).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from web import api, errors, numbers, pages, research, security
from web import config as settings


def create_app(config: Mapping[str, object] | None = None) -> Flask:
    """Build the app; `config` overrides the defaults and the environment (see `web.config`).
    The index is opened lazily on first use, once per process."""
    app = Flask(__name__)
    app.config.update(settings.load(config))
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    errors.register(app)
    security.register(app)

    app.add_template_filter(research.short_name, "short_forbund")
    app.add_template_filter(numbers.tal, "tal")
    return app
