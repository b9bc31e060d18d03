"""The JSON API: the same data functions as the pages, as JSON. Errors share one shape."""

from __future__ import annotations

from flask import Blueprint, jsonify, request

from web import data, openapi, research
from web.engine import get_engine
from web.params import request_params

bp = Blueprint("api", __name__)


@bp.get("/api/search")
def api_search():
    return jsonify(data.search_data(get_engine(), request_params()))


@bp.get("/api/documents")
def api_documents():
    return jsonify(data.documents_data(get_engine(), request_params()))


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
    return jsonify(research.compare_data(get_engine(), request_params()))


@bp.get("/api/openapi.json")
def api_openapi():
    return jsonify(openapi.spec())


@bp.get("/healthz")
def healthz():
    stats = get_engine().stats()
    return jsonify({"status": "ok", **stats})
