"""gunicorn master hooks: shared metrics dir, last-good rules snapshot for reloads, JSON access log.

Imported (not exec'd) by the gunicorn conf, so its module state survives a SIGHUP reload of the conf.
Deliberately imports neither Flask nor prometheus_client at module level: the master must set
PROMETHEUS_MULTIPROC_DIR before any worker imports prometheus_client.
"""
from __future__ import annotations

import json
import logging
import os
import shutil
import tempfile
from pathlib import Path

from gunicorn.glogging import Logger

log = logging.getLogger("cleaner.web")

METRICS_ENV = "PROMETHEUS_MULTIPROC_DIR"
FALLBACK_ENV = "CLEANER_RULES_FALLBACK"      # same name as rules_state.FALLBACK_ENV
MASTER_ENV = "CLEANER_GUNICORN_MASTER"       # same name as routes_rules.MASTER_ENV
_owned: list[str] = []                       # temp dirs this master created (removed on exit)
_snapshot: dict = {"root": None, "generation": 0}


def default_workers() -> int:
    """One worker per usable CPU.

    Cleaning is CPU-bound with next to no I/O to overlap, so gunicorn's 2 x CPUs + 1 only makes workers
    take turns on each CPU, each one finding the caches filled by another: measured with bench.load on
    2 CPUs, a text request cost 1.2 ms of CPU with 2 workers against 1.6-2.1 ms with 5 (p99 10 ms
    against 16-96 ms), HTML the same either way. More workers (CLEANER_WORKERS) keep short requests
    flowing beside several documents that run long."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:
        return os.cpu_count() or 1


def prepare_metrics_dir() -> str:
    """Point prometheus_client at a shared directory (a fresh temp dir unless one is configured)."""
    path = os.environ.get(METRICS_ENV)
    if not path:
        path = tempfile.mkdtemp(prefix="cleaner-metrics-")
        _owned.append(path)
        os.environ[METRICS_ENV] = path
    os.makedirs(path, exist_ok=True)
    return path


def _wipe_metrics(path: str) -> None:
    """Counts from a previous run would otherwise be added to this one's."""
    for f in Path(path).glob("*.db"):
        f.unlink(missing_ok=True)


def snapshot_rules() -> bool:
    """Validate the configured rules; if they load, copy them aside as the workers' fallback."""
    from ..errors import RuleError
    from ..ruleset import Registry, configured_dirs
    dirs = configured_dirs()
    try:
        Registry(dirs)
    except RuleError as exc:
        log.error("rules are invalid; workers keep the last good copy: %s", exc.detail)
        return False
    if _snapshot["root"] is None:
        _snapshot["root"] = tempfile.mkdtemp(prefix="cleaner-rules-")
        _owned.append(_snapshot["root"])
    _snapshot["generation"] += 1
    target = Path(_snapshot["root"]) / f"gen-{_snapshot['generation']}"
    copies = []
    for i, d in enumerate(dirs):
        dest = target / f"{i:02d}-{d.name}"
        shutil.copytree(d, dest, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        copies.append(str(dest))
    previous = os.environ.get(FALLBACK_ENV)
    os.environ[FALLBACK_ENV] = json.dumps(copies)
    if previous:  # running workers keep their rules in memory; the previous copy is no longer needed
        old = {Path(p).parent for p in json.loads(previous)} - {target}
        for path in old:
            shutil.rmtree(path, ignore_errors=True)
    return True


def on_starting(server) -> None:
    """Master start: clean the metrics dir, validate and snapshot the rules."""
    _wipe_metrics(prepare_metrics_dir())
    snapshot_rules()


def on_reload(server) -> None:
    """SIGHUP: new workers load the rules from disk; if those are broken they fall back to the snapshot."""
    snapshot_rules()


def post_fork(server, worker) -> None:
    """Tell the worker who its master is (the admin reload signals it)."""
    os.environ[MASTER_ENV] = str(server.pid)


def child_exit(server, worker) -> None:
    """Drop a dead worker's live gauges from the shared metrics."""
    from prometheus_client import multiprocess
    multiprocess.mark_process_dead(worker.pid)


def on_exit(server) -> None:
    """Remove the temp dirs this master created."""
    for path in _owned:
        shutil.rmtree(path, ignore_errors=True)


class JsonAccessLogger(Logger):
    """gunicorn logger whose access log lines are JSON objects (one per request)."""

    def access(self, resp, req, environ, request_time) -> None:
        if not self.access_log_enabled:
            return
        atoms = self.atoms(resp, req, environ, request_time)
        line = {
            "time": self.now().strip("[]"), "remote": atoms.get("h"), "method": atoms.get("m"),
            "path": atoms.get("U"), "query": atoms.get("q") or None, "status": resp.status_code if hasattr(
                resp, "status_code") else atoms.get("s"), "bytes": atoms.get("B"),
            "duration_ms": round(request_time.total_seconds() * 1000, 3),
            "user_agent": atoms.get("a"), "pid": os.getpid(),
        }
        try:
            self.access_log.info("%s", json.dumps(line, default=str))
        except Exception:  # logging must never fail a request
            self.error("cannot write access log line")
