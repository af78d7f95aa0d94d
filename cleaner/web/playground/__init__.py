"""Rule playground: a page where a rule author pastes a document, sees what is removed and why, and edits rules.

Everything runs on the document the author pastes or uploads: the playground never fetches a URL, and
edited rules are applied in memory (a dry run), never saved.
"""
from __future__ import annotations

from pathlib import Path

from flask import Blueprint, Response, abort, current_app, jsonify, redirect, request, send_from_directory

from ...engine import get_registry
from ...errors import CleanerError, InputError, RuleError
from ...ruleset import Registry
from . import dryrun, export

STATIC = Path(__file__).resolve().parent / "static"
ASSETS = {"playground.css": "text/css", "playground.js": "text/javascript"}
bp = Blueprint("playground", __name__)


class NoRulesError(CleanerError):
    """The service has no rules loaded (a broken rules directory at start)."""

    code = "unavailable"
    title = "Service Unavailable"
    http_status = 503


def _registry() -> Registry:
    """The app's rule registry (the service keeps its own, swapped on reload), else the process one."""
    if "cleaner_registry" not in current_app.extensions:
        return get_registry()
    reg = current_app.extensions["cleaner_registry"]
    reg = reg() if callable(reg) else reg
    if not isinstance(reg, Registry):
        raise NoRulesError("no rules are loaded (see /readyz)")
    return reg


def _problem(exc: CleanerError, body: dict | None = None) -> Response:
    resp = jsonify(body or exc.to_problem(request.path))
    resp.status_code = exc.http_status
    resp.mimetype = "application/problem+json"
    return resp


def _time_budget() -> float:
    return float(current_app.config.get("CLEANER_TIME_BUDGET") or 10.0)


def _max_bytes() -> int:
    """The service's per-document limit (CLEANER_MAX_BYTES) when there is one."""
    settings = getattr(current_app.extensions.get("cleaner"), "settings", None)
    return int(getattr(settings, "max_bytes", 0) or dryrun.MAX_INPUT_BYTES)


def _dry(handler):
    """Parse the JSON body, run handler(registry, req), and turn every CleanerError into problem details."""
    try:
        data = request.get_json(silent=True)
    except RecursionError:  # JSON nested thousands deep: a bad body (400 below), not a server error
        data = None
    text = data.get("rules_yaml") if isinstance(data, dict) else None
    try:
        registry = _registry()
        if data is None:
            raise InputError("the body must be JSON: {content, url, site, keep, rules_yaml}")
        return jsonify(handler(registry, dryrun.Request.from_json(data, _max_bytes())))
    except RuleError as exc:
        body = dryrun.rule_error_body(exc, text if isinstance(text, str) else None)
        body["instance"] = request.path
        return _problem(exc, body)
    except CleanerError as exc:
        return _problem(exc)


@bp.get("/playground")
def page() -> Response:
    """The playground page (plain HTML, CSS and JS; works offline)."""
    resp = send_from_directory(STATIC, "playground.html", max_age=0)
    resp.headers["Content-Security-Policy"] = ("default-src 'self'; style-src 'self'; script-src 'self'; "
                                               "img-src 'self' data:; connect-src 'self'")
    return resp


@bp.get("/")
def home() -> Response:
    """The service's front page is the playground."""
    return redirect("/playground", 302)


@bp.get("/playground/static/<name>")
def asset(name: str) -> Response:
    """The page's stylesheet and script (no CDN, no build step)."""
    if name not in ASSETS:
        abort(404)
    return send_from_directory(STATIC, name, mimetype=ASSETS[name], max_age=0)


@bp.get("/v1/playground/seed")
def seed() -> Response:
    """The example document (a scraped Independent article) as plain text."""
    return send_from_directory(STATIC, "seed.txt", mimetype="text/plain; charset=utf-8", max_age=0)


@bp.get("/v1/playground/rules")
def rules_text() -> Response:
    """The YAML text of a site's rule file (`?site=`), or a template for a new site."""
    try:
        return jsonify(dryrun.base_yaml(_registry(), request.args.get("site")))
    except CleanerError as exc:
        return _problem(exc)


@bp.post("/v1/playground/clean")
def dry_clean() -> Response:
    """Clean a document, with the edited rule file applied in memory when given; nothing is saved."""
    return _dry(lambda reg, req: dryrun.run(reg, req, _time_budget()))


@bp.post("/v1/playground/export")
def export_file() -> Response:
    """The edited rule file with a test case filled in from the document, checked against the rules."""
    return _dry(lambda reg, req: export.build(reg, req, _time_budget()))
