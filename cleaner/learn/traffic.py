"""Learning from the service's traffic: record each cleaned document's blocks, propose a rule file on demand.

Configured by environment variables (all optional):
  CLEANER_LEARN           off | sqlite | redis        (default off)
  CLEANER_LEARN_DB        SQLite file                 (default $XDG_STATE_HOME/cleaner/learn.sqlite3)
  CLEANER_REDIS_URL       redis://host:6379/0         (for CLEANER_LEARN=redis)
  CLEANER_LEARN_TEXT      never | promoted | all      (default promoted; see store.py)
  CLEANER_LEARN_MIN_PAGES distinct pages before a block is boilerplate (default 3)
  CLEANER_LEARN_TTL_DAYS  days an unseen block is remembered (default 30)
  CLEANER_LEARN_MAX_BLOCKS blocks kept per site (default 20000)
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from .. import decode as _decode
from .learner import Decision, Guards
from .observe import observe
from .pages import site_of
from .propose import Proposal
from .store import SQLiteStore, StoreConfig, page_key

log = logging.getLogger("cleaner.learn")
MAX_LINES = 3000   # a page's first lines are plenty; a huge document must not make the hook slow

ENV_VARS: dict[str, tuple[str, str]] = {
    "CLEANER_LEARN": ("off", "record block hashes of cleaned documents per site: off, sqlite or redis"),
    "CLEANER_LEARN_DB": ("$XDG_STATE_HOME/cleaner/learn.sqlite3", "SQLite file of the learning store"),
    "CLEANER_REDIS_URL": ("", "Redis URL of the learning store (CLEANER_LEARN=redis)"),
    "CLEANER_LEARN_TEXT": ("promoted", "never: hashes only; promoted: keep a block's text once it is on "
                                       "CLEANER_LEARN_MIN_PAGES pages; all: every block's text"),
    "CLEANER_LEARN_MIN_PAGES": ("3", "distinct pages before a block counts as boilerplate"),
    "CLEANER_LEARN_TTL_DAYS": ("30", "days an unseen block (or page key) is remembered"),
    "CLEANER_LEARN_MAX_BLOCKS": ("20000", "blocks remembered per site (rarest, oldest dropped first)"),
}


def _env(name: str, environ) -> str:
    return environ.get(name, "") or ENV_VARS[name][0]


def default_db() -> Path:
    """Where the SQLite store lives by default."""
    base = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(base) / "cleaner" / "learn.sqlite3"


def open_store(environ=None):
    """The configured store, or None when learning is off."""
    env = os.environ if environ is None else environ
    kind = _env("CLEANER_LEARN", env).strip().lower()
    if kind in ("", "off", "0", "false", "no"):
        return None
    min_pages = int(_env("CLEANER_LEARN_MIN_PAGES", env))
    text = _env("CLEANER_LEARN_TEXT", env).strip().lower()
    if text not in ("never", "promoted", "all"):
        raise ValueError(f"CLEANER_LEARN_TEXT must be never, promoted or all, not {text!r}")
    config = StoreConfig(ttl=float(_env("CLEANER_LEARN_TTL_DAYS", env)) * 86400, store_text=text,
                         max_blocks=int(_env("CLEANER_LEARN_MAX_BLOCKS", env)), promote_at=min_pages)
    if kind == "sqlite":
        db = env.get("CLEANER_LEARN_DB") or str(default_db())
        return SQLiteStore(db, config)
    if kind == "redis":
        from .redis_store import RedisStore
        url = env.get("CLEANER_REDIS_URL")
        if not url:
            raise ValueError("CLEANER_LEARN=redis needs CLEANER_REDIS_URL")
        return RedisStore(url, config)
    raise ValueError(f"CLEANER_LEARN must be off, sqlite or redis, not {kind!r}")


def document_lines(content: str | bytes, content_type: str | None, result) -> list[str]:
    """The lines to count: a text document's own lines; for HTML, the lines cleaning kept (what leaks)."""
    if result.content_type == "text":
        text = _decode.sanitize(_decode.decode(content, content_type))
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    else:
        lines = [ln for ln in result.text.split("\n") if ln.strip()]
    return lines[:MAX_LINES]


def record_document(store, content: str | bytes, url: str | None, content_type: str | None, result) -> bool:
    """Count one cleaned document's blocks under its site (by URL, else the rule set that matched)."""
    site = site_of(url) or result.site
    if not site:
        return False   # no URL and no recognised site: nothing to attribute the blocks to
    lines = document_lines(content, content_type, result)
    return store.record(site, page_key(url, "\n".join(lines)), observe(lines))


def suggest(store, site: str, guards: Guards | None = None) -> Proposal:
    """The proposed rule file for a site from what the store has counted."""
    guards = guards or Guards(min_pages=store.config.promote_at)
    pages = store.site_pages(site)
    decisions = [Decision(s, guards.verdict(s, pages)) for s in store.stats(site)]
    accepted = [d for d in decisions if d.reason is None and d.stat.text]
    refused = [d if d.reason or d.stat.text else Decision(d.stat, "text not stored (CLEANER_LEARN_TEXT=never)")
               for d in decisions if d.reason is not None or not d.stat.text]
    return Proposal(site=site, site_pages=pages, guards=guards, accepted=accepted, refused=refused,
                    source="cleaner service traffic")
