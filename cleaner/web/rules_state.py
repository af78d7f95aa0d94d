"""The rule registry a worker serves, with reload that keeps the last good rules on error."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import threading
import time
from pathlib import Path

from ..engine import set_registry
from ..errors import RuleError
from ..ruleset import Registry, configured_dirs

log = logging.getLogger("cleaner.web")

# Set by the gunicorn master (server_hooks): directories holding a copy of the last rules that loaded.
FALLBACK_ENV = "CLEANER_RULES_FALLBACK"


class RulesState:
    """One worker's registry: load, reload, and the error of the last failed attempt."""

    def __init__(self, dirs: list[Path] | None, packs: bool) -> None:
        self.dirs = dirs
        self.packs = packs
        self.registry: Registry | None = None
        self.error: dict | None = None       # problem details of the last failed load, None when fine
        self.generation = 0
        self.loaded_at: float | None = None
        self.source = "none"                 # "configured" or "fallback" (master's last good copy)
        self._lock = threading.Lock()
        self._hashes: dict[str, str] = {}

    def current_dirs(self) -> list[Path]:
        """The directories to load from (re-read from the environment when not fixed)."""
        return list(self.dirs) if self.dirs is not None else configured_dirs()

    def load(self) -> bool:
        """(Re)load the rules; on error keep the current registry and remember the error."""
        with self._lock:
            try:
                registry = Registry(self.current_dirs(), packs=self.packs)
            except RuleError as exc:
                self.error = exc.to_problem()
                log.error("rule reload failed, still serving the last good rules: %s", exc.detail)
                if self.registry is None:
                    self._load_fallback()
                return False
            self._install(registry, "configured")
            self.error = None
            return True

    def _load_fallback(self) -> None:
        """A fresh worker whose rules are broken serves the copy the master validated last."""
        raw = os.environ.get(FALLBACK_ENV)
        if not raw:
            return
        try:
            registry = Registry([Path(p) for p in json.loads(raw)], packs=self.packs)
        except (RuleError, ValueError) as exc:
            log.error("fallback rules failed to load too: %s", exc)
            return
        self._install(registry, "fallback")

    def _install(self, registry: Registry, source: str) -> None:
        self.registry = registry
        self.generation += 1
        self.loaded_at = time.time()
        self.source = source
        self._hashes = {}
        set_registry(registry)  # so library calls in this worker (hooks, extensions) see the same rules

    def file_hash(self, path: str | None) -> str | None:
        """sha256 of a rule file as loaded (cached per generation)."""
        if not path:
            return None
        if path not in self._hashes:
            try:
                self._hashes[path] = hashlib.sha256(Path(path).read_bytes()).hexdigest()
            except OSError:
                return None
        return self._hashes[path]

    def status(self) -> dict:
        """What /readyz reports."""
        reg = self.registry
        return {
            "status": "ready" if reg and not self.error else ("degraded" if reg else "not_ready"),
            "generation": self.generation,
            "loaded_at": self.loaded_at,
            "source": self.source,
            "sites": len(reg.sets) - 1 if reg else 0,
            "packs": [p.name for p in reg.packs] if reg else [],
            "rules_error": self.error,
        }
