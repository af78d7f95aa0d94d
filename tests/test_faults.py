"""Faults on the real service (`cleaner serve`, gunicorn, 2 workers, loopback): a worker SIGKILLed in the
middle of a request is replaced and the next requests succeed; a reload through the admin endpoint with a
broken rule file is refused with the file/line error while every worker keeps the last good rules."""
from __future__ import annotations

import os
import signal
import socket

import psutil
import requests

from .test_serve import DOC, SITE_RULE, start_server, stop_server, wait_until


def _workers(master_pid: int) -> set[int]:
    return {c.pid for c in psutil.Process(master_pid).children()}


def _worker_serving(workers: set[int], client_port: int) -> int | None:
    """The worker pid holding the server side of our connection."""
    for pid in workers:
        try:
            conns = psutil.Process(pid).net_connections(kind="tcp")
        except psutil.Error:
            continue
        if any(c.raddr and c.raddr.port == client_port for c in conns):
            return pid
    return None


def test_worker_killed_mid_request_is_replaced(tmp_path, seed_text):
    proc, base, log_path = start_server(tmp_path)
    port = int(base.rsplit(":", 1)[1])
    try:
        workers = _workers(proc.pid)
        assert len(workers) == 2
        # a request whose body is still arriving: the worker that took it is blocked inside it
        sock = socket.create_connection(("127.0.0.1", port), timeout=30)
        sock.sendall(b"POST /v1/clean HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                     b"Content-Length: 100000\r\n\r\n" + seed_text.encode()[:5000])
        victim = wait_until(lambda: _worker_serving(workers, sock.getsockname()[1]), 20, "the serving worker")
        os.kill(victim, signal.SIGKILL)
        # the client sees the connection end (no response, no hang)
        sock.settimeout(20)
        try:
            assert sock.recv(65536) == b""
        except ConnectionResetError:
            pass
        sock.close()
        # gunicorn replaces the worker...
        replaced = wait_until(lambda: (lambda now: now if len(now) == 2 and victim not in now else None)(
            _workers(proc.pid)), 30, "a replacement worker")
        assert replaced & workers == workers - {victim}
        wait_until(lambda: requests.get(base + "/readyz", timeout=5).ok, 30, "ready again")
        # ...and the next requests (both workers) succeed
        session = requests.Session()
        for _ in range(8):
            r = session.post(base + "/v1/clean", json={"content": seed_text}, timeout=30)
            assert r.status_code == 200 and "Vladimir Putin has said" in r.json()["text"]
        assert proc.poll() is None
    finally:
        assert stop_server(proc) == 0, log_path.read_text()[-2000:]


def test_admin_reload_with_a_broken_file_keeps_the_last_good_rules(tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    rule_file = rules / "example.org.yaml"
    rule_file.write_text(SITE_RULE.format(version=1, phrase="Buy our premium plan"))
    proc, base, log_path = start_server(tmp_path, {"CLEANER_RULES_DIR": str(rules), "CLEANER_ADMIN_TOKEN": "s3cret"})
    doc = {"content": DOC, "url": "https://example.org/a"}
    auth = {"Authorization": "Bearer s3cret"}
    try:
        workers = _workers(proc.pid)
        assert "premium" not in requests.post(base + "/v1/clean", json=doc, timeout=30).json()["text"]
        rule_file.write_text(SITE_RULE.format(version=2, phrase="x") + "  - id: bad\n    op: nosuch\n")
        for headers in ({}, {"Authorization": "Bearer wrong"}):
            assert requests.post(base + "/v1/admin/reload", headers=headers, timeout=10).status_code == 401
        r = requests.post(base + "/v1/admin/reload", headers=auth, timeout=30)
        assert r.status_code == 409, r.text
        problem = r.json()
        assert problem["code"] == "rules_invalid" and problem["rule_error"]["file"].endswith("example.org.yaml")
        assert problem["rule_error"]["line"] == 10 and "nosuch" in problem["rule_error"]["detail"]
        # every worker is replaced (gunicorn graceful restart), and each new one serves the master's copy of
        # the last good rules and says so: not only the worker that took the reload
        wait_until(lambda: not (_workers(proc.pid) & workers), 30, "the workers replaced")
        session = requests.Session()
        wait_until(lambda: all(session.get(base + "/readyz", timeout=5).json()["status"] == "degraded"
                               for _ in range(6)), 30, "every worker degraded")
        for _ in range(8):
            r = session.post(base + "/v1/clean", json=doc, timeout=30)
            assert r.status_code == 200 and "premium" not in r.json()["text"]
        ready = session.get(base + "/readyz", timeout=5).json()
        assert ready["source"] == "fallback" and ready["rules_error"]["file"].endswith("example.org.yaml")
    finally:
        assert stop_server(proc) == 0, log_path.read_text()[-2000:]
