"""The Flask application: HTML pages for staff and researchers, a JSON API for programs.

`create_app` is the only entry point. Pages and API are two blueprints over the same data
functions (`web.data`), so a page and its JSON twin can never disagree.
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import Flask

from web import api, config, errors, numbers, pages, research, security


def create_app(config_overrides: Mapping[str, object] | None = None) -> Flask:
    """Build the app. The index is opened lazily on first use, once per process."""
    app = Flask(__name__)
    app.config.update(config.load(config_overrides))
    app.json.ensure_ascii = False
    app.json.sort_keys = False
    app.register_blueprint(pages.bp)
    app.register_blueprint(api.bp)
    errors.register(app)
    security.register(app)

    app.add_template_filter(research.short_name, "short_forbund")
    app.add_template_filter(numbers.tal, "tal")
    return app
