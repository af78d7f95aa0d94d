"""A small client for the cleaner HTTP service: session reuse, retries with backoff, timeouts, batches.

    from cleaner.client import CleanerClient
    with CleanerClient("http://127.0.0.1:8000") as client:
        result = client.clean(html, url="https://example.com/a")        # a cleaner.CleanResult
        results = client.clean_batch([{"content": html, "url": u}, ...])  # CleanResult or CleanerError each

Errors the service reports come back as the library's own exceptions (NothingLeftError, TooLargeError,
...), rebuilt from the problem details; network failures raise ServiceUnavailable after the retries.
"""
from __future__ import annotations

import random
import time
from collections.abc import Iterable

import requests

from . import errors as _errors
from .result import CleanResult, Removal

RETRY_STATUS = frozenset({502, 503})   # the service is restarting or has no rules yet: try again
# 504 (time budget) is not retried: the same document would take as long again.


class ServiceUnavailable(_errors.CleanerError):
    """The service could not be reached, or kept answering 502/503, after every retry."""

    code = "service_unavailable"
    title = "Cleaner service unavailable"
    http_status = 503
    exit_code = 9


def _error_classes() -> dict[str, type[_errors.CleanerError]]:
    out: dict[str, type[_errors.CleanerError]] = {}
    for obj in vars(_errors).values():
        if isinstance(obj, type) and issubclass(obj, _errors.CleanerError) and obj is not _errors.RuleError:
            out.setdefault(obj.code, obj)
    return out


_BY_CODE = _error_classes()


def error_from_problem(problem: dict, status: int | None = None) -> _errors.CleanerError:
    """Rebuild the library exception for a problem-details body."""
    cls = _BY_CODE.get(problem.get("code", ""))
    extra = {k: v for k, v in problem.items() if k not in ("type", "title", "status", "detail", "code", "instance")}
    if cls is None:
        exc = _errors.CleanerError(problem.get("detail") or problem.get("title") or "error", **extra)
        exc.code = problem.get("code") or "error"
        exc.title = problem.get("title") or exc.title
        exc.http_status = problem.get("status") or status or 500
    else:
        exc = cls(problem.get("detail") or cls.title, **extra)
    exc.problem = problem
    return exc


def result_from_dict(data: dict) -> CleanResult:
    """A CleanResult from the service's JSON."""
    fields = dict(data)
    fields["removed"] = [Removal(**r) for r in fields.get("removed") or []]
    return CleanResult(**{k: v for k, v in fields.items() if k in CleanResult.__dataclass_fields__})


class CleanerClient:
    """Talks to one cleaner service; reuses its HTTP connection. Thread-safe enough per thread: one each."""

    def __init__(self, base_url: str = "http://127.0.0.1:8000", *, timeout: float = 30.0, retries: int = 3,
                 backoff: float = 0.5, max_backoff: float = 10.0, session: requests.Session | None = None) -> None:
        self.base_url = base_url.rstrip("/")
        self.timeout = timeout
        self.retries = retries
        self.backoff = backoff
        self.max_backoff = max_backoff
        self.session = session or requests.Session()
        self.session.headers.setdefault("User-Agent", "cleaner-client")

    def __enter__(self) -> CleanerClient:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        """Close the HTTP session."""
        self.session.close()

    def _delay(self, attempt: int, resp: requests.Response | None) -> float:
        retry_after = resp.headers.get("Retry-After") if resp is not None else None
        if retry_after and retry_after.isdigit():
            return min(float(retry_after), self.max_backoff)
        # exponential backoff with jitter, so many pipeline workers do not retry in lockstep
        return min(self.max_backoff, self.backoff * 2 ** attempt) * (0.5 + random.random() / 2)

    def _request(self, method: str, path: str, **kwargs) -> requests.Response:
        """Send with retries on connection errors and 502/503; raise the service's error otherwise."""
        kwargs.setdefault("timeout", self.timeout)
        last: Exception | str = "no attempt"
        for attempt in range(self.retries + 1):
            resp = None
            try:
                resp = self.session.request(method, self.base_url + path, **kwargs)
            except (requests.ConnectionError, requests.Timeout) as exc:
                last = exc
            else:
                if resp.status_code not in RETRY_STATUS:
                    if resp.status_code >= 400:
                        raise self._error(resp)
                    return resp
                last = f"HTTP {resp.status_code}"
            if attempt < self.retries:
                time.sleep(self._delay(attempt, resp))
        raise ServiceUnavailable(f"{self.base_url} unavailable after {self.retries + 1} attempts: {last}")

    @staticmethod
    def _error(resp: requests.Response) -> _errors.CleanerError:
        try:
            problem = resp.json()
        except ValueError:
            problem = {"status": resp.status_code, "detail": resp.text[:200] or resp.reason}
        if not isinstance(problem, dict):
            problem = {"status": resp.status_code, "detail": str(problem)[:200]}
        return error_from_problem(problem, resp.status_code)

    def clean(self, content: str | bytes, url: str | None = None, *, content_type: str | None = None,
              site: str | None = None, site_rules: bool = True, keep: Iterable[str] = (),
              explain: bool = False) -> CleanResult:
        """Clean one document remotely (same arguments and result as cleaner.clean)."""
        if isinstance(content, (bytes, bytearray)):
            # bytes go as they are, so the service decodes them exactly as the library would
            mime = {"html": "text/html", "text": "text/plain"}.get(content_type or "", content_type)
            params = {k: v for k, v in {"url": url, "site": site}.items() if v}
            params.update({"site_rules": str(site_rules).lower(), "explain": str(explain).lower(),
                           "keep": list(keep)})
            resp = self._request("POST", "/v1/clean", data=bytes(content), params=params,
                                 headers={"Content-Type": mime or "application/octet-stream"})
        else:
            resp = self._request("POST", "/v1/clean", json=_doc(content, url, content_type, site, site_rules,
                                                                keep, explain))
        return result_from_dict(resp.json())

    def clean_batch(self, documents: Iterable[dict | str], *, explain: bool = False
                    ) -> list[CleanResult | _errors.CleanerError]:
        """Clean several documents in one request; each entry is a CleanResult or the error for it."""
        docs = [{"content": d} if isinstance(d, str) else dict(d) for d in documents]
        if explain:
            for d in docs:
                d.setdefault("explain", True)
        resp = self._request("POST", "/v1/clean/batch", json=docs)
        out: list[CleanResult | _errors.CleanerError] = []
        for entry in resp.json()["results"]:
            out.append(result_from_dict(entry["result"]) if entry["ok"] else error_from_problem(entry["error"]))
        return out

    def health(self) -> bool:
        """True when the service answers /healthz (no retries)."""
        try:
            return self.session.get(self.base_url + "/healthz", timeout=self.timeout).ok
        except requests.RequestException:
            return False

    def rules(self) -> dict:
        """GET /v1/rules."""
        return self._request("GET", "/v1/rules").json()


def _doc(content, url, content_type, site, site_rules, keep, explain) -> dict:
    doc = {"content": content, "site_rules": site_rules, "explain": explain}
    for key, value in (("url", url), ("content_type", content_type), ("site", site)):
        if value is not None:
            doc[key] = value
    if keep:
        doc["keep"] = list(keep)
    return doc
