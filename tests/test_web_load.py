"""The load benchmark harness runs end to end (a short smoke run; the figures live in the README)."""
from __future__ import annotations

import pytest

from bench import load

pytestmark = pytest.mark.slow


def test_load_bench_smoke_run():
    lines = []
    out = load.run(duration=1, connections=2, pages=2, rounds=1, log=lines.append)
    systems = {(r["mode"], r["system"]) for r in out["results"]}
    assert {("text", "echo"), ("text", "cleaner")} <= systems
    for r in out["results"]:
        assert r["requests"] > 0 and r["rps"] > 0 and 0 < r["p50_ms"] <= r["p99_ms"]
        if r["mode"] == "text":
            assert r["errors"] == 0
    assert out["summary"]["text_vs_echo"] > 0
    if load.DEFAULT_DATA.joinpath("aeb-dev").is_dir():
        assert ("html", "trafilatura") in systems and "html_vs_trafilatura" in out["summary"]
    assert len([ln for ln in lines if "req/s" in ln]) == len(out["results"])  # one printed row per result
