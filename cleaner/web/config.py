"""Service settings: environment variables with defaults, overridable by create_app(config)."""
from __future__ import annotations

import os
from dataclasses import dataclass, field, fields
from pathlib import Path

# Every variable the service reads, its default and meaning (README's table is written from this).
ENV_VARS: dict[str, tuple[str, str]] = {
    "CLEANER_RULES_DIR": ("", "extra rule directories (os.pathsep-separated, later ones override)"),
    "CLEANER_RULE_PACKS": ("on", "load rule packs (e.g. the Full-Text RSS import); off to disable"),
    "CLEANER_MAX_BYTES": ("5000000", "largest request body for /v1/clean, bytes (413 above)"),
    "CLEANER_BATCH_MAX_DOCS": ("100", "most documents in one /v1/clean/batch request"),
    "CLEANER_BATCH_MAX_BYTES": ("20000000", "largest /v1/clean/batch request body, bytes"),
    "CLEANER_TIME_BUDGET": ("10", "seconds per document (504 above)"),
    "CLEANER_BATCH_TIME_BUDGET": ("25", "seconds for a whole batch; later documents get 504 entries"),
    "CLEANER_HARD_TIMEOUT": ("on", "also enforce the time budget with SIGALRM in sync workers"),
    "CLEANER_ADMIN_TOKEN": ("", "Bearer token for POST /v1/admin/reload; empty = endpoint off (404)"),
    "CLEANER_LOG_LEVEL": ("info", "gunicorn and app log level"),
    "CLEANER_WORKERS": ("one per CPU", "gunicorn worker processes"),
    "CLEANER_TIMEOUT": ("60", "gunicorn worker timeout, seconds (a stuck worker is replaced)"),
    "CLEANER_GRACEFUL_TIMEOUT": ("30", "seconds workers get to finish requests on reload/stop"),
    "CLEANER_MAX_REQUESTS": ("10000", "requests before a worker is recycled (0 = never)"),
    "CLEANER_ACCESS_LOG": ("-", "JSON access log destination ('-' = stdout, empty = off)"),
    "PROMETHEUS_MULTIPROC_DIR": ("a fresh temp dir", "where worker metrics are shared (cleaned at start)"),
}


def _flag(value: str) -> bool:
    return value.strip().lower() not in ("0", "off", "false", "no", "")


@dataclass
class Settings:
    """What the app needs to know; from_env() reads the CLEANER_* variables."""

    rules_dirs: list[Path] | None = None   # None: the shipped rules + CLEANER_RULES_DIR
    rule_packs: bool = True
    max_bytes: int = 5_000_000
    batch_max_docs: int = 100
    batch_max_bytes: int = 20_000_000
    time_budget: float = 10.0
    batch_time_budget: float = 25.0
    hard_timeout: bool = True
    admin_token: str | None = None
    log_level: str = "info"
    extra: dict = field(default_factory=dict)   # anything else: copied into app.config

    @classmethod
    def from_env(cls, environ: dict | None = None) -> Settings:
        """Settings from environment variables, defaults for the unset ones."""
        env = os.environ if environ is None else environ

        def get(name: str) -> str:
            return env.get(name, ENV_VARS[name][0])

        def number(name: str, kind: type) -> int | float:
            try:
                value = kind(get(name))
            except ValueError:
                raise ValueError(f"{name}={get(name)!r} is not a valid {kind.__name__}") from None
            if value <= 0:
                raise ValueError(f"{name} must be positive, not {value}")
            return value

        return cls(
            rules_dirs=None,
            rule_packs=_flag(get("CLEANER_RULE_PACKS")),
            max_bytes=number("CLEANER_MAX_BYTES", int),
            batch_max_docs=number("CLEANER_BATCH_MAX_DOCS", int),
            batch_max_bytes=number("CLEANER_BATCH_MAX_BYTES", int),
            time_budget=number("CLEANER_TIME_BUDGET", float),
            batch_time_budget=number("CLEANER_BATCH_TIME_BUDGET", float),
            hard_timeout=_flag(get("CLEANER_HARD_TIMEOUT")),
            admin_token=get("CLEANER_ADMIN_TOKEN") or None,
            log_level=get("CLEANER_LOG_LEVEL"),
        )

    def updated(self, config: dict | None) -> Settings:
        """A copy with the fields named in config replaced (unknown keys go to `extra`)."""
        if not config:
            return self
        names = {f.name for f in fields(self)}
        values = {f.name: getattr(self, f.name) for f in fields(self)}
        extra = dict(self.extra)
        for key, value in config.items():
            if key in names:
                values[key] = value
            else:
                extra[key] = value
        if values["rules_dirs"] is not None:
            values["rules_dirs"] = [Path(d) for d in values["rules_dirs"]]
        values["extra"] = extra
        return Settings(**values)
