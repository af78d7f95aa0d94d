"""Prometheus metrics: requests, latency, documents, and per-rule health (fired count, chars removed).

Under gunicorn the conf sets PROMETHEUS_MULTIPROC_DIR before any worker imports this module, so
every worker writes its counts to shared files and /metrics adds them up across workers.
"""
from __future__ import annotations

import os
import time

from flask import Blueprint, Flask, Response, g, request
from prometheus_client import (CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, Counter, Histogram,
                               generate_latest, multiprocess)

from ..result import CleanResult

bp = Blueprint("metrics", __name__)

REQUESTS = Counter("cleaner_http_requests_total", "HTTP requests", ["endpoint", "method", "status"])
LATENCY = Histogram("cleaner_http_request_duration_seconds", "HTTP request latency",
                    ["endpoint", "method", "status"],
                    buckets=(.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30))
DOCUMENTS = Counter("cleaner_documents_total", "Documents cleaned or refused",
                    ["site", "mode", "outcome"])
RULE_FIRED = Counter("cleaner_rule_fired_total", "Spans removed by a rule", ["rule"])
RULE_CHARS = Counter("cleaner_rule_removed_chars_total", "Characters removed by a rule", ["rule"])
RELOADS = Counter("cleaner_rules_reloads_total", "Rule reloads", ["outcome"])


_children: dict[tuple[int, tuple[str, ...]], object] = {}


def _child(metric, *labels: str):
    """metric.labels(*labels), remembered: a request counts a dozen rule series and labels() is slow."""
    key = (id(metric), labels)
    child = _children.get(key)
    if child is None:
        if len(_children) > 100_000:  # series are bounded by routes and rules; this only bounds the memo
            _children.clear()
        child = _children[key] = metric.labels(*labels)
    return child


def observe_result(result: CleanResult) -> None:
    """Count a cleaned document and what each rule removed from it."""
    _child(DOCUMENTS, result.site or "defaults", result.content_type, "ok").inc()
    fired: dict[str, list[int]] = {}
    for r in result.removed:
        slot = fired.setdefault(r.rule, [0, 0])
        slot[0] += 1
        slot[1] += len(r.text)
    for rule, (count, chars) in fired.items():
        _child(RULE_FIRED, rule).inc(count)
        _child(RULE_CHARS, rule).inc(chars)


def observe_refusal(code: str, site: str | None = None, mode: str | None = None) -> None:
    """Count a document that could not be cleaned (outcome = the error code)."""
    DOCUMENTS.labels(site or "unknown", mode or "unknown", code).inc()


def declare_rules(qids: list[str]) -> None:
    """Create the per-rule series at 0 so a rule that never fires is visible as 0, not absent."""
    for qid in qids:
        RULE_FIRED.labels(qid)
        RULE_CHARS.labels(qid)


def _multiprocess() -> bool:
    return bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR"))


def install(app: Flask) -> None:
    """Time every request and count it by endpoint (the route's rule) and status."""

    @app.before_request
    def _start() -> None:
        g._metrics_t0 = time.perf_counter()

    @app.after_request
    def _count(resp: Response) -> Response:
        t0 = g.pop("_metrics_t0", None)
        if t0 is not None:
            # the URL rule, not the path: /v1/rules/<site> is one series however many sites are asked for
            endpoint = request.url_rule.rule if request.url_rule is not None else "unmatched"
            labels = (endpoint, request.method, str(resp.status_code))
            _child(REQUESTS, *labels).inc()
            _child(LATENCY, *labels).observe(time.perf_counter() - t0)
        return resp


@bp.get("/metrics")
def metrics() -> Response:
    """Prometheus text format, summed over every gunicorn worker."""
    if _multiprocess():
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return Response(generate_latest(registry), mimetype=CONTENT_TYPE_LATEST.split(";")[0],
                    headers={"Content-Type": CONTENT_TYPE_LATEST})
