"""RFC 9457 problem details for every error the service returns, Flask's own included."""
from __future__ import annotations

import logging

from flask import Flask, Response, json, request
from werkzeug.exceptions import HTTPException

from ..errors import CleanerError

log = logging.getLogger("cleaner.web")

PROBLEM_TYPE = "application/problem+json"
TYPE_BASE = "https://cleaner.dev/problems/"
# The members every problem carries; extensions (e.g. `removed`, `file`/`line`/`key`, `errors`) may follow.
PROBLEM_KEYS = ("type", "title", "status", "detail", "code", "instance")

# Slugs for werkzeug's HTTP errors; 413 shares TooLargeError's code so clients see one code for it.
_HTTP_CODES = {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found",
               405: "method_not_allowed", 406: "not_acceptable", 409: "conflict", 413: "too_large",
               415: "unsupported_media_type", 422: "unprocessable", 429: "too_many_requests",
               500: "internal_error", 503: "unavailable", 504: "time_budget_exceeded"}


class Problem(CleanerError):
    """An HTTP-level error raised by the routes (not a document error)."""

    def __init__(self, status: int, detail: str, *, code: str | None = None, title: str | None = None,
                 headers: dict | None = None, **extra: object) -> None:
        super().__init__(detail, **extra)
        self.http_status = status
        self.code = code or _HTTP_CODES.get(status, "error")
        self.title = title or _default_title(status)
        self.headers = headers or {}


def _default_title(status: int) -> str:
    from werkzeug.http import HTTP_STATUS_CODES
    return HTTP_STATUS_CODES.get(status, "Error")


def problem_body(exc: CleanerError, instance: str | None = None) -> dict:
    """The JSON body for an error: the base members always, then the error's extensions."""
    body = exc.to_problem(instance)
    body.setdefault("instance", instance)
    return body


def problem_response(body: dict, headers: dict | None = None) -> Response:
    """A problem+json response for a problem body."""
    resp = Response(json.dumps(body), status=body["status"], mimetype=PROBLEM_TYPE)
    for key, value in (headers or {}).items():
        resp.headers[key] = value
    return resp


def _instance() -> str | None:
    try:
        return request.path
    except RuntimeError:
        return None


def register(app: Flask) -> None:
    """Install the handlers that turn every error into problem details."""

    @app.errorhandler(CleanerError)
    def _cleaner_error(exc: CleanerError):
        return problem_response(problem_body(exc, _instance()), getattr(exc, "headers", None))

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        status = exc.code or 500
        headers = {k: v for k, v in exc.get_headers() if k.lower() not in ("content-type", "content-length")}
        return problem_response(problem_body(Problem(status, exc.description or exc.name, title=exc.name),
                                             _instance()), headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        log.exception("unexpected error on %s", _instance())
        return problem_response(problem_body(Problem(500, "internal error; see the service log"), _instance()))
