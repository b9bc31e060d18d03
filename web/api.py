"""The JSON API: the same data functions as the pages, as JSON. Errors share one shape."""

from __future__ import annotations

from flask import Blueprint, current_app, jsonify, request

from web import data
from web.engine import get_engine
from web.params import search_params

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def api_search():
    cfg = current_app.config
    params = search_params(
        request.args, page_size=cfg["FINSOK_PAGE_SIZE"], max_limit=cfg["FINSOK_MAX_LIMIT"]
    )
    return jsonify(data.search_data(get_engine(), params))


@bp.get("/api/documents/<doc_id>")
def api_document(doc_id: str):
    return jsonify(data.document_data(get_engine(), doc_id, request.args.get("q", "")[:500]))


@bp.get("/api/sections/<section_id>")
def api_section(section_id: str):
    return jsonify(data.section_data(get_engine(), section_id))


@bp.get("/api/forbund")
def api_forbund():
    return jsonify(data.forbund_data(get_engine()))


@bp.get("/api/compare")
def api_compare():
    from web import research

    cfg = current_app.config
    params = search_params(
        request.args, page_size=cfg["FINSOK_PAGE_SIZE"], max_limit=cfg["FINSOK_MAX_LIMIT"]
    )
    return jsonify(research.compare_data(get_engine(), params))


@bp.get("/api/openapi.json")
def api_openapi():
    from web import openapi

    return jsonify(openapi.spec())


@bp.get("/healthz")
def healthz():
    stats = get_engine().stats()
    return jsonify({"status": "ok", **stats})
