"""The real service: `cleaner serve` (gunicorn, several workers) on a free port, end to end."""
from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import requests
from prometheus_client.parser import text_string_to_metric_families

from .conftest import DOC, SEED_URL, SITE_RULE

CLEANER = str(Path(sys.executable).with_name("cleaner"))


def free_port() -> int:
    """A TCP port nobody listens on right now (loopback)."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until(check, timeout: float = 30.0, what: str = "condition"):
    """Poll check() until it returns a truthy value."""
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        try:
            last = check()
            if last:
                return last
        except requests.RequestException as exc:
            last = exc
        time.sleep(0.2)
    raise AssertionError(f"timed out waiting for {what}: {last!r}")


def start_server(tmp_path: Path, env: dict | None = None, argv: list[str] | None = None, port: int | None = None):
    """Start `cleaner serve` (or argv) on a free port; returns (process, base_url, log_path)."""
    port = port or free_port()
    log_path = tmp_path / f"serve-{port}.log"
    full_env = {**os.environ, "CLEANER_WORKERS": "2", "PYTHONUNBUFFERED": "1", **(env or {})}
    full_env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    argv = argv or [CLEANER, "serve", "--host", "127.0.0.1", "--port", str(port)]
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(argv, env=full_env, stdout=log, stderr=subprocess.STDOUT, cwd=tmp_path)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until(lambda: proc.poll() is None and requests.get(base + "/healthz", timeout=2).ok, 40, "/healthz")
    except AssertionError:
        stop_server(proc)
        raise AssertionError(log_path.read_text(errors="replace")[-3000:])
    return proc, base, log_path


def stop_server(proc: subprocess.Popen) -> int:
    """SIGTERM the gunicorn master and wait for it (kill after 20 s)."""
    if proc.poll() is None:
        proc.send_signal(signal.SIGTERM)
        try:
            return proc.wait(20)
        except subprocess.TimeoutExpired:
            proc.kill()
            return proc.wait(5)
    return proc.returncode


def _metric(base: str, name: str, **labels) -> float:
    text = requests.get(base + "/metrics", timeout=5).text
    total = 0.0
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            if s.name == name and all(s.labels.get(k) == v for k, v in labels.items()):
                total += s.value
    return total


@pytest.mark.slow
def test_cleaner_serve_end_to_end(tmp_path, seed_bytes, golden):
    rules = tmp_path / "my-rules"
    rules.mkdir()
    rule_file = rules / "example.org.yaml"
    rule_file.write_text(SITE_RULE.format(version=1, phrase="Buy our premium plan"))
    proc, base, log_path = start_server(tmp_path, {"CLEANER_RULES_DIR": str(rules), "CLEANER_ADMIN_TOKEN": "tok"})
    session = requests.Session()
    try:
        # the seed, as a raw text body with its URL, and as JSON: the golden fields
        r = session.post(base + f"/v1/clean?url={SEED_URL}", data=seed_bytes,
                         headers={"Content-Type": "text/plain; charset=utf-8"}, timeout=30)
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["text"] == golden["text"]
        for field in ("title", "subtitle", "author", "date", "captions", "site"):
            assert body[field] == golden[field], field
        r = session.post(base + "/v1/clean", json={"content": seed_bytes.decode()}, timeout=30)
        assert r.json()["text"] == golden["text"]
        bad = session.post(base + "/v1/clean", data=b"{", headers={"Content-Type": "application/json"}, timeout=30)
        assert bad.status_code == 400 and bad.headers["Content-Type"] == "application/problem+json"

        # metrics add up across workers (multiprocess mode)
        before = _metric(base, "cleaner_documents_total", site="independent.co.uk", outcome="ok")
        sent = 0
        for _ in range(10):  # bounded: a fast worker may take a whole batch; go on until both have served
            with ThreadPoolExecutor(6) as pool:
                codes = list(pool.map(lambda _: requests.post(
                    base + "/v1/clean", json={"content": seed_bytes.decode()}, timeout=30).status_code, range(24)))
            assert codes == [200] * 24
            sent += 24
            log_lines = [json.loads(ln) for ln in log_path.read_text().splitlines() if ln.startswith("{")]
            cleans = [x for x in log_lines if x["path"] == "/v1/clean"]
            if len({x["pid"] for x in cleans}) >= 2:
                break
        assert _metric(base, "cleaner_documents_total", site="independent.co.uk", outcome="ok") - before == sent
        # a worker writes its access line after the response has gone: the last ones may still be on their way
        cleans = wait_until(lambda: (lambda c: c if len(c) >= sent + 3 else None)(
            [x for x in map(json.loads, filter(lambda ln: ln.startswith("{"), log_path.read_text().splitlines()))
             if x["path"] == "/v1/clean"]), 10, "an access log line per request")
        assert {"method", "status", "duration_ms", "pid"} <= set(cleans[0])
        assert len({x["pid"] for x in cleans}) >= 2, "expected both workers to serve requests"

        # SIGHUP: gunicorn replaces the workers, which load the changed rules
        doc = {"content": DOC, "url": "https://example.org/a"}
        assert "premium" not in session.post(base + "/v1/clean", json=doc, timeout=30).json()["text"]
        rule_file.write_text(SITE_RULE.format(version=2, phrase="Second paragraph"))
        os.kill(proc.pid, signal.SIGHUP)  # `cleaner serve` exec'd gunicorn: same pid
        wait_until(lambda: all("Second paragraph" not in requests.post(base + "/v1/clean", json=doc, timeout=30)
                               .json()["text"] for _ in range(4)), 30, "new rules after SIGHUP")
        assert requests.get(base + "/readyz", timeout=5).json()["status"] == "ready"

        # a broken file on SIGHUP: new workers serve the last good copy and report the error
        rule_file.write_text("site: example.org\nrules: [ {id: x, op: nosuch}\n")
        os.kill(proc.pid, signal.SIGHUP)
        ready = wait_until(lambda: (lambda j: j if j["status"] == "degraded" else None)(
            requests.get(base + "/readyz", timeout=5).json()), 30, "degraded readiness")
        assert ready["source"] == "fallback" and ready["rules_error"]["file"].endswith("example.org.yaml")
        for _ in range(4):
            text = requests.post(base + "/v1/clean", json=doc, timeout=30).json()["text"]
            assert "premium" in text and "Second paragraph" not in text

        # the admin endpoint: token required; on success every worker restarts with the new rules
        rule_file.write_text(SITE_RULE.format(version=3, phrase="Buy our premium plan"))
        assert requests.post(base + "/v1/admin/reload", timeout=10).status_code == 401
        r = requests.post(base + "/v1/admin/reload", headers={"Authorization": "Bearer tok"}, timeout=30)
        assert r.status_code == 200 and r.json()["workers"].startswith("all workers")
        answered = time.time()
        # until gunicorn has retired the old workers, one of them may still answer with the fallback rules
        wait_until(lambda: all("premium" not in requests.post(base + "/v1/clean", json=doc, timeout=30).json()["text"]
                               for _ in range(6)), 30, "new rules in every worker after admin reload")
        # The master copies the rules aside as the last good copy when it handles the SIGHUP, which comes
        # after this answer: wait for workers it started since (loaded after the answer), or breaking the
        # file below could overtake that copy (the worker that took the reload answers "ready" too).
        wait_until(lambda: all((lambda j: j["status"] == "ready" and j["loaded_at"] > answered)(
            requests.get(base + "/readyz", timeout=5).json()) for _ in range(6)), 30, "new workers after admin reload")

        # a broken file through the admin endpoint: 409, and every worker (not only the one asked)
        # then serves the last good copy and reports the error
        rule_file.write_text("site: example.org\nrules: [ {id: x, op: nosuch}\n")
        r = requests.post(base + "/v1/admin/reload", headers={"Authorization": "Bearer tok"}, timeout=30)
        assert r.status_code == 409 and r.json()["workers"].startswith("all workers")
        wait_until(lambda: all(requests.get(base + "/readyz", timeout=5).json()["status"] == "degraded"
                               for _ in range(6)), 30, "every worker degraded after a failed admin reload")
        for _ in range(4):
            assert "premium" not in requests.post(base + "/v1/clean", json=doc, timeout=30).json()["text"]
    finally:
        code = stop_server(proc)
    assert code == 0, log_path.read_text()[-2000:]
    assert "Traceback" not in log_path.read_text()


def test_serve_print_shows_the_gunicorn_command():
    out = subprocess.run([CLEANER, "serve", "--host", "0.0.0.0", "--port", "8123", "--print"],
                         capture_output=True, text=True, check=True).stdout.split()
    assert out[1:3] == ["-m", "gunicorn"]
    conf = Path(out[out.index("-c") + 1])
    assert conf.is_file() and conf.name == "gunicorn_conf.py"
    assert out[out.index("--bind") + 1] == "0.0.0.0:8123"
    assert out[-1] == "cleaner.web:create_app()"


@pytest.mark.slow
def test_serve_works_from_a_non_editable_install(tmp_path, seed_bytes, golden):
    root = Path(__file__).resolve().parent.parent
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(root)],
                   check=True, capture_output=True)
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target),
                    str(next(wheels.glob("cleaner-*.whl")))], check=True, capture_output=True)
    env = {"PYTHONPATH": str(target), "CLEANER_RULES_DIR": ""}
    # As after any install (scripts/setup.sh, the Docker build): numba compiles the line classifier's loops
    # once, into the installed package's cache, instead of in the first server start (10-60 s on a busy box).
    subprocess.run([sys.executable, "-c", "from cleaner.textpath.features import warm; warm()"],
                   env={**os.environ, **env}, check=True, capture_output=True, cwd=tmp_path, timeout=600)
    launcher = [sys.executable, "-c", "import sys; from cleaner.cli import main; sys.exit(main())", "serve",
                "--host", "127.0.0.1"]
    printed = subprocess.run(launcher + ["--print"], env={**os.environ, **env}, capture_output=True, text=True,
                             check=True, cwd=tmp_path).stdout.split()
    assert printed[printed.index("-c") + 1].startswith(str(target))
    port = free_port()
    proc, base, log_path = start_server(tmp_path, env, argv=launcher + ["--port", str(port)], port=port)
    try:
        r = requests.post(base + "/v1/clean", json={"content": seed_bytes.decode()}, timeout=30)
        assert r.status_code == 200 and r.json()["text"] == golden["text"]
    finally:
        assert stop_server(proc) == 0, log_path.read_text()[-2000:]


def test_default_workers_is_one_per_usable_cpu(monkeypatch):
    """Cleaning is CPU-bound: one worker per CPU the process may run on (not gunicorn's 2 x CPUs + 1)."""
    import os

    from cleaner.web import server_hooks
    assert server_hooks.default_workers() == len(os.sched_getaffinity(0))
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0, 1, 2})
    assert server_hooks.default_workers() == 3
