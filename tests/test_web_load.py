"""The load benchmark harness runs end to end (a short smoke run; the figures live in the README)."""
from __future__ import annotations

import pytest

from bench import load

pytestmark = pytest.mark.slow


def test_load_bench_smoke_run():
    lines = []
    out = load.run(duration=1, connections=2, pages=2, rounds=1, log=lines.append)
    systems = {(r["mode"], r["system"]) for r in out["results"]}
    assert {("text", "echo"), ("text", "cleaner"), ("text", "cleaner batch")} <= systems
    for r in out["results"]:
        assert r["requests"] > 0 and r["rps"] > 0 and 0 < r["p50_ms"] <= r["p99_ms"]
        if r["mode"] == "text":
            assert r["errors"] == 0
    assert out["summary"]["text_vs_echo"] > 0
    batch = next(r for r in out["results"] if r["system"] == "cleaner batch")
    assert batch["per_request"] == load.BATCH and batch["docs_per_s"] == batch["rps"] * load.BATCH
    assert out["summary"]["text_batch_docs_vs_echo"] > 0
    if load.DEFAULT_DATA.joinpath("aeb-dev").is_dir():
        assert ("html", "trafilatura") in systems and "html_vs_trafilatura" in out["summary"]
    assert len([ln for ln in lines if "req/s" in ln]) == len(out["results"])  # one printed row per result



def test_server_cpu_keeps_the_time_of_recycled_workers():
    """A worker recycled after max_requests takes its CPU time with it: the master's reaped-children
    times keep it, so the server's CPU total never goes down (it did: negative ms per request)."""
    import http.client
    import subprocess
    import time

    import psutil

    from bench.server import free_port, wait_ready

    port = free_port()
    proc = subprocess.Popen(load.server_command(port, "--max-requests", "5", "--max-requests-jitter", "0"),
                            env=load.server_env(1), cwd=load.ROOT, stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    try:
        assert wait_ready(proc, port)
        body = load.SEED.read_bytes()
        seen, pids = [load._server_cpu(proc)], set()
        for _ in range(4):  # 4 x 6 requests: each worker serves 5 and is replaced
            for _ in range(6):
                for _ in range(100):
                    try:
                        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                        conn.request("POST", "/v1/clean", body, {"Content-Type": "text/plain"})
                        assert conn.getresponse().read()
                        break
                    except OSError:  # between a recycled worker and its successor
                        time.sleep(0.1)
            pids |= {c.pid for c in psutil.Process(proc.pid).children()}
            seen.append(load._server_cpu(proc))
        assert len(pids) >= 3, "the workers were not recycled"
        assert all(b >= a for a, b in zip(seen, seen[1:])), seen
        assert seen[-1] > seen[0]
    finally:
        proc.terminate()
        proc.wait(30)
