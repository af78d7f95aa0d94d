"""Turn request documents into clean() calls and results into JSON; shared by single and batch routes."""
from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field

from flask import current_app

from ..engine import clean
from ..errors import CleanerError, EmptyInputError, TooLargeError
from ..result import CleanResult, Removal
from . import metrics
from .deadline import hard_limit
from .errors import Problem

log = logging.getLogger("cleaner.web")

# JSON document members and their types (OpenAPI's CleanRequest says the same).
FIELDS = {"content": (str,), "url": (str, type(None)), "content_type": (str, type(None)),
          "site": (str, type(None)), "site_rules": (bool,), "explain": (bool,), "keep": (list,)}


@dataclass
class DocRequest:
    """One document to clean and how."""

    content: str | bytes
    url: str | None = None
    content_type: str | None = None
    site: str | None = None
    site_rules: bool = True
    explain: bool = False
    keep: list[str] = field(default_factory=list)


def state():
    """The app's WebState (settings, rules, hooks)."""
    return current_app.extensions["cleaner"]


def from_json(obj: object, where: str = "body") -> DocRequest:
    """Validate one JSON document; Problem(400) names the bad member."""
    if not isinstance(obj, dict):
        raise Problem(400, f"{where} must be a JSON object with a 'content' member")
    unknown = sorted(set(obj) - set(FIELDS))
    if unknown:
        raise Problem(400, f"{where}: unknown member(s) {', '.join(map(repr, unknown))}; "
                           f"allowed: {', '.join(FIELDS)}")
    if "content" not in obj:
        raise Problem(400, f"{where}: missing 'content'")
    for key, types in FIELDS.items():
        if key in obj and not isinstance(obj[key], types):
            names = " or ".join("null" if t is type(None) else {"str": "string", "bool": "boolean",
                                                                 "list": "array"}[t.__name__] for t in types)
            raise Problem(400, f"{where}: '{key}' must be {names}")
    keep = obj.get("keep", [])
    if not all(isinstance(k, str) for k in keep):
        raise Problem(400, f"{where}: 'keep' must be an array of strings")
    return DocRequest(**obj)


def run(doc: DocRequest, budget: float | None = None) -> CleanResult:
    """Clean one document within the time budget, counting the outcome in the metrics."""
    settings = state().settings
    budget = settings.time_budget if budget is None else budget
    registry = state().rules.registry
    if registry is None:
        raise Problem(503, "no rules are loaded: " + (state().rules.error or {}).get("detail", "loading failed"),
                      code="rules_unavailable", headers={"Retry-After": "5"})
    content = doc.content
    if isinstance(content, str):
        # a character is at most 4 bytes of UTF-8: encode (most of the text's size in instructions) only
        # when that bound is over the limit and the exact size matters
        size = len(content) if len(content) * 4 <= settings.max_bytes else len(content.encode("utf-8", "surrogatepass"))
    else:
        size = len(content)
    try:
        if size > settings.max_bytes:
            raise TooLargeError(f"the document has {size} bytes; the limit is {settings.max_bytes}",
                                limit=settings.max_bytes)
        if budget <= 0:
            raise Problem(504, "the batch used up its time budget before this document",
                          code="time_budget_exceeded", title="Time budget exceeded")
        if size == 0:
            raise EmptyInputError("the document is empty")
        with hard_limit(budget, settings.hard_timeout):
            result = clean(doc.content, doc.url, content_type=doc.content_type, site=doc.site,
                           site_rules=doc.site_rules, keep=doc.keep, registry=registry, time_budget=budget)
    except CleanerError as exc:
        metrics.observe_refusal(exc.code)
        raise
    except Exception:
        metrics.observe_refusal("internal_error")  # an engine bug: a 500 problem, logged with its traceback
        raise
    metrics.observe_result(result)
    for hook in state().after_clean:
        try:
            hook(doc, result)
        except Exception:  # a recording hook must never cost the caller their result
            log.exception("after_clean hook %r failed", hook)
    return result


def result_json(result: CleanResult, explain: bool) -> dict:
    """The result as JSON-ready dict (dataclasses.asdict deep-copies every Removal: too slow per request)."""
    data = {name: getattr(result, name) for name in _RESULT_FIELDS}
    if explain:
        data["removed"] = [{name: getattr(r, name) for name in _REMOVAL_FIELDS} for r in result.removed]
    return data


_RESULT_FIELDS = [name for name in CleanResult.__dataclass_fields__ if name != "removed"]
_REMOVAL_FIELDS = list(Removal.__dataclass_fields__)


def run_batch(docs: list[DocRequest | CleanerError]) -> list[dict]:
    """Clean each document; a failure becomes that entry's problem, never the batch's."""
    settings = state().settings
    deadline = time.monotonic() + settings.batch_time_budget
    out = []
    for i, doc in enumerate(docs):
        try:
            if isinstance(doc, CleanerError):
                raise doc
            remaining = min(settings.time_budget, deadline - time.monotonic())
            result = run(doc, budget=remaining)
            out.append({"index": i, "ok": True, "result": result_json(result, doc.explain)})
        except CleanerError as exc:
            body = exc.to_problem(f"/v1/clean/batch#{i}")
            body.setdefault("instance", None)
            out.append({"index": i, "ok": False, "error": body})
    return out
