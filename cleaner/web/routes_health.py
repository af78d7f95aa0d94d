"""GET /healthz (alive), GET /readyz (rules loaded), GET /openapi.json."""
from __future__ import annotations

from flask import Blueprint, jsonify

from . import documents
from .openapi import spec

bp = Blueprint("health", __name__)


@bp.get("/healthz")
def healthz():
    """The process answers."""
    return jsonify({"status": "ok"})


@bp.get("/readyz")
def readyz():
    """200 when rules are loaded (status 'degraded' if the last reload failed), else 503."""
    status = documents.state().rules.status()
    return jsonify(status), 200 if status["status"] != "not_ready" else 503


@bp.get("/openapi.json")
def openapi():
    """The OpenAPI 3 description of this service."""
    return jsonify(spec())
