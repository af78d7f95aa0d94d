"""GET /v1/rules, GET /v1/rules/<site>, POST /v1/admin/reload."""
from __future__ import annotations

import hmac
import logging
import os
import signal

from flask import Blueprint, jsonify, request

from ..ruleset import RuleSet
from . import documents, metrics
from .errors import Problem

bp = Blueprint("rules", __name__)
log = logging.getLogger("cleaner.web")

# Set by the gunicorn conf in each worker: the master's pid, which a reload signals (SIGHUP) so every
# worker, not just the one that took the request, picks up the new rules.
MASTER_ENV = "CLEANER_GUNICORN_MASTER"


def _registry():
    registry = documents.state().rules.registry
    if registry is None:
        raise Problem(503, "no rules are loaded", code="rules_unavailable", headers={"Retry-After": "5"})
    return registry


def _describe(rs: RuleSet, full: bool = False) -> dict:
    info = rs.summary()
    info["sha256"] = documents.state().rules.file_hash(rs.file)
    if full:
        info["effective_rules"] = [{"id": r.qid, "op": r.op, "category": r.category}
                                   for r in rs.effective_rules()]
        info["detect"] = rs.detect.pattern if rs.detect is not None else None
    return info


@bp.get("/v1/rules")
def list_rules():
    """Hand-written site rule sets (and the defaults), with domains, versions and file hashes."""
    registry = _registry()
    sets = sorted(registry.sets.values(), key=lambda rs: (rs.site != "defaults", rs.site))
    return jsonify({
        "generation": documents.state().rules.generation,
        "sites": [_describe(rs) for rs in sets],
        "packs": [{"name": p.name, "path": str(p.path), "sites": len(p.index)} for p in registry.packs],
    })


@bp.get("/v1/rules/<site>")
def get_rules(site: str):
    """One rule set by site id or domain (pack sites included), with its effective rules."""
    return jsonify(_describe(_registry().get(site), full=True))


def _check_token() -> None:
    token = documents.state().settings.admin_token
    if not token:
        # Off unless configured: answer as if the endpoint did not exist.
        raise Problem(404, "the admin endpoints are off (set CLEANER_ADMIN_TOKEN to enable them)")
    given = request.headers.get("Authorization", "")
    scheme, _, value = given.partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(value.strip().encode(), token.encode()):
        raise Problem(401, "a valid 'Authorization: Bearer <token>' header is required",
                      headers={"WWW-Authenticate": 'Bearer realm="cleaner-admin"'})


@bp.post("/v1/admin/reload")
def reload_rules():
    """Reload the rule files; on error keep serving the last good rules and say why (409)."""
    _check_token()
    rules = documents.state().rules
    ok = rules.load()
    metrics.RELOADS.labels("ok" if ok else "error").inc()
    # Every worker restarts either way: on success to load the new rules; on failure so that each one
    # serves the master's last good copy and reports the error on /readyz, not just the one asked.
    workers = _restart_workers()
    if not ok:
        body = dict(rules.error or {})
        raise Problem(409, "the rule files on disk are invalid; still serving the last good rules: "
                           + body.get("detail", ""), code="rules_invalid", title="Rule reload failed",
                      rule_error=body, generation=rules.generation, workers=workers)
    metrics.declare_rules([r.qid for rs in rules.registry.sets.values() for r in rs.rules])
    log.info("rules reloaded (generation %s), %s", rules.generation, workers)
    return jsonify({"reloaded": True, "generation": rules.generation, "sites": len(rules.registry.sets) - 1,
                    "workers": workers})


def _restart_workers() -> str:
    """SIGHUP the gunicorn master (a graceful restart of every worker); who got the new state."""
    master = os.environ.get(MASTER_ENV)
    if master and master.isdigit() and int(master) == os.getppid():
        os.kill(int(master), signal.SIGHUP)
        return "all workers (gunicorn graceful restart)"
    return "this worker"
