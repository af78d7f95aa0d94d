"""One error hierarchy for the library, the CLI (exit codes) and the web (HTTP status)."""
from __future__ import annotations


class CleanerError(Exception):
    """Base of every error cleaner raises on purpose."""

    code = "cleaner_error"      # stable machine-readable slug (web `type` suffix)
    title = "Cleaning failed"   # short human title (web problem `title`)
    http_status = 500
    exit_code = 1

    def __init__(self, detail: str, **extra: object) -> None:
        super().__init__(detail)
        self.detail = detail
        self.extra = extra

    def to_problem(self, instance: str | None = None) -> dict:
        """RFC 9457 problem details for this error."""
        body = {
            "type": f"https://cleaner.dev/problems/{self.code}",
            "title": self.title,
            "status": self.http_status,
            "detail": self.detail,
            "code": self.code,
        }
        if instance:
            body["instance"] = instance
        body.update({k: v for k, v in self.extra.items() if v is not None})
        return body


class InputError(CleanerError):
    """The document itself cannot be cleaned."""

    code = "bad_input"
    title = "Bad input"
    http_status = 400
    exit_code = 3


class EmptyInputError(InputError):
    code = "empty_input"
    title = "Empty document"
    http_status = 422
    exit_code = 3


class DecodeError(InputError):
    code = "undecodable"
    title = "Document cannot be decoded"
    http_status = 422
    exit_code = 4


class UnsupportedContentError(InputError):
    code = "unsupported_content"
    title = "Unsupported content"
    http_status = 415
    exit_code = 5


class NothingLeftError(InputError):
    code = "nothing_left"
    title = "Nothing left after cleaning"
    http_status = 422
    exit_code = 6


class TooLargeError(InputError):
    code = "too_large"
    title = "Document too large"
    http_status = 413
    exit_code = 7


class TimeBudgetError(CleanerError):
    code = "time_budget_exceeded"
    title = "Time budget exceeded"
    http_status = 504
    exit_code = 8


class RuleError(CleanerError):
    """A rule file is invalid; names the file, line and key."""

    code = "rule_error"
    title = "Invalid rule file"
    http_status = 400
    exit_code = 10

    def __init__(self, detail: str, *, file: str | None = None, line: int | None = None,
                 key: str | None = None) -> None:
        where = ":".join(str(p) for p in (file, line) if p is not None)
        message = f"{where}: {detail}" if where else detail
        if key:
            message += f" (key: {key})"
        super().__init__(message, file=file, line=line, key=key)
        self.message = detail  # without the file:line prefix
        self.file, self.line, self.key = file, line, key


class UnknownSiteError(CleanerError):
    code = "unknown_site"
    title = "Unknown site rule set"
    http_status = 404
    exit_code = 11


class UsageError(CleanerError):
    code = "bad_request"
    title = "Bad request"
    http_status = 400
    exit_code = 2
