"""POST /v1/clean and POST /v1/clean/batch."""
from __future__ import annotations

import json

from flask import Blueprint, Response, jsonify, request
from werkzeug.exceptions import RequestEntityTooLarge

from ..errors import CleanerError
from . import documents
from .documents import DocRequest
from .errors import Problem

bp = Blueprint("clean", __name__)

RAW_TYPES = ("text/html", "text/plain", "application/xhtml+xml", "application/octet-stream")
JSON_TYPES = ("application/json",)
JSONL_TYPES = ("application/x-ndjson", "application/jsonl", "application/json-lines", "application/x-jsonlines")
_TRUE = ("1", "true", "yes", "on")


def _body(limit: int) -> bytes:
    """The request body, refusing it (413) past limit bytes."""
    request.max_content_length = limit
    try:
        return request.get_data(cache=True)
    except RequestEntityTooLarge:
        raise Problem(413, f"the request body is over the limit of {limit} bytes", limit=limit) from None


def _mimetype() -> str:
    return (request.mimetype or "").lower()


def _query_flag(name: str, default: bool) -> bool:
    value = request.args.get(name)
    return default if value is None else value.strip().lower() in _TRUE


def _parse_json(data: bytes) -> object:
    try:
        return json.loads(data)
    except (ValueError, UnicodeDecodeError, RecursionError) as exc:  # [[[[... 100k deep: RecursionError
        raise Problem(400, f"malformed JSON: {exc}") from None


def _single() -> DocRequest:
    mt = _mimetype()
    data = _body(documents.state().settings.max_bytes)
    if mt in JSON_TYPES or mt.endswith("+json"):
        return documents.from_json(_parse_json(data))
    if mt in RAW_TYPES:
        return DocRequest(content=data, url=request.args.get("url"),
                          content_type=None if mt == "application/octet-stream" else request.content_type,
                          site=request.args.get("site"), site_rules=_query_flag("site_rules", True),
                          explain=_query_flag("explain", False), keep=request.args.getlist("keep"))
    raise Problem(415, f"unsupported Content-Type {mt or '(none)'!r}; send application/json, "
                       "text/html, text/plain or application/octet-stream")


def _wants_text() -> bool:
    best = request.accept_mimetypes.best_match(["application/json", "text/plain"])
    return best == "text/plain"


@bp.post("/v1/clean")
def clean_one():
    """Clean one document: JSON, or a raw HTML/text body with ?url=."""
    doc = _single()
    result = documents.run(doc)
    if _wants_text():
        return Response(result.text + "\n", mimetype="text/plain")
    return jsonify(documents.result_json(result, doc.explain))


def _batch_items() -> list[DocRequest | CleanerError]:
    settings = documents.state().settings
    mt = _mimetype()
    data = _body(settings.batch_max_bytes)
    if mt in JSON_TYPES:
        items = _parse_json(data)
        if isinstance(items, dict) and isinstance(items.get("documents"), list):
            items = items["documents"]
        if not isinstance(items, list):
            raise Problem(400, "a batch is a JSON array of documents (or {\"documents\": [...]})")
        raw = [(i, item, None) for i, item in enumerate(items)]
    elif mt in JSONL_TYPES:
        raw = []
        lines = [ln for ln in data.split(b"\n") if ln.strip()]
        for i, line in enumerate(lines):
            try:
                raw.append((i, json.loads(line), None))
            except (ValueError, UnicodeDecodeError, RecursionError) as exc:
                raw.append((i, None, Problem(400, f"line {i + 1}: malformed JSON: {exc}")))
    else:
        raise Problem(415, f"unsupported Content-Type {mt or '(none)'!r} for a batch; send application/json "
                           "(an array) or application/x-ndjson (JSON Lines)")
    if len(raw) > settings.batch_max_docs:
        raise Problem(413, f"the batch has {len(raw)} documents; the limit is {settings.batch_max_docs}",
                      limit=settings.batch_max_docs)
    out: list[DocRequest | CleanerError] = []
    for i, item, error in raw:
        if error is None:
            try:
                out.append(documents.from_json(item, where=f"document {i}"))
                continue
            except CleanerError as exc:
                error = exc
        out.append(error)
    return out


@bp.post("/v1/clean/batch")
def clean_batch():
    """Clean several documents; one entry per document, in order, errors included."""
    results = documents.run_batch(_batch_items())
    failed = sum(1 for r in results if not r["ok"])
    return jsonify({"count": len(results), "failed": failed, "results": results})
