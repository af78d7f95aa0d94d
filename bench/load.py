"""Load benchmark of the HTTP service: requests/s and p50/p99 latency, cleaner beside an HTTP ceiling and a peer.

    python -m bench.load [--duration 9] [--rounds 3] [--connections 8] [--pages 40] [--json out.json]

One gunicorn (the packaged conf: same workers, timeouts, everything) serves a bench app: the real cleaner
app plus two extra endpoints on the same Flask app,
  POST /bench/echo          parses the same JSON body and returns the content (the HTTP ceiling)
  POST /bench/trafilatura   trafilatura.extract() on the same body (the peer)
and a load generator (wrk when installed, else a Python keep-alive client) hits each scenario in turn
on loopback only, for a bounded time:
  text:  the seed (scraped plain text) -> /v1/clean   vs  -> /bench/echo
         and BATCH copies of it per request -> /v1/clean/batch (documents/s: what batching saves)
  html:  real pages of ../shared/bench/aeb-dev        -> /v1/clean   vs  -> /bench/trafilatura, /bench/echo
Targets (issue 3): text >= 0.5 x echo requests/s; html faster than trafilatura.
"""
from __future__ import annotations

import argparse
import gzip
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import http.client
from pathlib import Path

from bench.server import free_port, wait_ready

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b699ba0113078e52.txt"
DEFAULT_DATA = ROOT.parent / "shared" / "bench"
BATCH = 25  # documents per /v1/clean/batch request in the batch scenario

WRK_SCRIPT = r"""
local bodies = {}
local n = 0
init = function(args)
  for _, f in ipairs(args) do
    local h = assert(io.open(f, "rb")); bodies[#bodies + 1] = h:read("*a"); h:close()
  end
end
request = function()
  n = n % #bodies + 1
  return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, bodies[n])
end
done = function(summary, latency, requests)
  local e = summary.errors
  io.write(string.format('RESULT {"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, ' ..
    '"non2xx": %d, "socket_errors": %d}\n', summary.requests, summary.duration, latency:percentile(50),
    latency:percentile(99), e.status, e.connect + e.read + e.write + e.timeout))
end
"""


# ---------------------------------------------------------------- the bench app (served by gunicorn)

def create_bench_app():
    """The cleaner app plus /bench/echo and /bench/trafilatura on the same Flask app."""
    from flask import Blueprint, jsonify, request

    from cleaner.web import create_app
    app = create_app()
    bp = Blueprint("bench", __name__)

    @bp.post("/bench/echo")
    def echo():
        doc = request.get_json()
        return jsonify({"text": doc["content"]})

    @bp.post("/bench/trafilatura")
    def peer():
        import trafilatura
        doc = request.get_json()
        text = trafilatura.extract(doc["content"], url=doc.get("url"), with_metadata=False)
        if not text:
            return jsonify({"detail": "no text"}), 422
        return jsonify({"text": text})

    app.register_blueprint(bp)
    return app


# ---------------------------------------------------------------- load generation

def _wrk(url: str, bodies: list[Path], duration: float, connections: int, script: Path) -> dict:
    out = subprocess.run(["wrk", "-t", "2", "-c", str(connections), "-d", f"{max(1, round(duration))}s", "--timeout", "30s",
                          "-s", str(script), url, "--", *map(str, bodies)],
                         capture_output=True, text=True, timeout=duration + 60)
    line = next((ln for ln in out.stdout.splitlines() if ln.startswith("RESULT ")), None)
    if line is None:
        raise RuntimeError(f"wrk failed: {out.stdout[-500:]} {out.stderr[-500:]}")
    r = json.loads(line[7:])
    return {"requests": r["requests"], "rps": r["requests"] / (r["duration_us"] / 1e6),
            "p50_ms": r["p50_us"] / 1000, "p99_ms": r["p99_us"] / 1000,
            "errors": r["non2xx"] + r["socket_errors"], "tool": "wrk"}


def _python_load(url: str, bodies: list[Path], duration: float, connections: int) -> dict:
    """Closed-loop keep-alive clients in threads (used when wrk is not installed)."""
    host, port = url.split("//")[1].split("/")[0].split(":")
    path = "/" + url.split("//")[1].split("/", 1)[1]
    payloads = [b.read_bytes() for b in bodies]
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration

    def worker(k: int) -> None:
        conn = http.client.HTTPConnection(host, int(port), timeout=30)
        i = k
        mine = []
        while time.monotonic() < stop_at:
            body = payloads[i % len(payloads)]
            i += 1
            t0 = time.perf_counter()
            try:
                conn.request("POST", path, body, {"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                ok = resp.status < 400
            except (OSError, http.client.HTTPException):
                conn.close()
                conn = http.client.HTTPConnection(host, int(port), timeout=30)
                ok = False
            mine.append(time.perf_counter() - t0)
            if not ok:
                with lock:
                    errors[0] += 1
        with lock:
            latencies.extend(mine)

    t_start = time.monotonic()
    threads = [threading.Thread(target=worker, args=(k,)) for k in range(connections)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    elapsed = time.monotonic() - t_start
    latencies.sort()
    pick = (lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000) if latencies else (
        lambda q: float("nan"))
    return {"requests": len(latencies), "rps": len(latencies) / elapsed, "p50_ms": pick(0.5), "p99_ms": pick(0.99),
            "errors": errors[0], "tool": "python"}


# ---------------------------------------------------------------- scenarios

def _bodies(tmp: Path, name: str, docs: list[dict]) -> list[Path]:
    paths = []
    for i, doc in enumerate(docs):
        p = tmp / f"{name}-{i:03d}.json"
        p.write_text(json.dumps(doc), encoding="utf-8")
        paths.append(p)
    return paths


def _aeb_pages(data: Path, limit: int) -> list[dict]:
    truth = json.loads((data / "aeb-dev" / "ground-truth.json").read_text(encoding="utf-8"))
    docs = []
    for page_id in sorted(truth)[:limit]:
        path = data / "aeb-dev" / "html" / f"{page_id}.html.gz"
        if path.exists():
            html = gzip.decompress(path.read_bytes()).decode("utf-8", errors="replace")
            docs.append({"content": html, "url": truth[page_id].get("url")})
    return docs


def server_env(workers: int | None = None, **extra: str) -> dict[str, str]:
    """Environment of the bench gunicorn: the packaged conf's settings, no access log, fresh metrics."""
    env = {**os.environ, "CLEANER_ACCESS_LOG": "", "CLEANER_LOG_LEVEL": "warning", "PYTHONPATH": str(ROOT),
           **extra}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    if workers:
        env["CLEANER_WORKERS"] = str(workers)
    return env


def server_command(port: int, *options: str) -> list[str]:
    """gunicorn with the packaged conf (plus command-line options) serving the bench app on loopback."""
    return [sys.executable, "-m", "gunicorn", "-c", str(ROOT / "cleaner" / "web" / "gunicorn_conf.py"),
            *options, "--bind", f"127.0.0.1:{port}", "bench.load:create_bench_app()"]


def _start_server(port: int, workers: int | None) -> subprocess.Popen:
    proc = subprocess.Popen(server_command(port), env=server_env(workers), cwd=ROOT,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if not wait_ready(proc, port):
        raise RuntimeError(f"gunicorn did not become ready in 60 s: {proc.stderr.read().decode()[-2000:]}")
    return proc


def _server_cpu(proc: subprocess.Popen) -> float:
    """CPU seconds used so far by gunicorn's workers (user + system).

    Requests per second swing with whatever else the shared machine runs; the server's CPU time per
    request does not, and its ratio between two endpoints is the capacity ratio on an idle machine.
    """
    import psutil
    master = psutil.Process(proc.pid)
    # workers that exited (recycled after max_requests) and were reaped: the master's children times
    done = master.cpu_times()
    total = done.children_user + done.children_system
    for child in master.children():
        try:
            t = child.cpu_times()
            total += t.user + t.system
        except psutil.NoSuchProcess:  # exited between the two reads: counted once reaped, or lost (rare)
            pass
    return total


def _check(port: int, path: str, body: Path) -> int:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    c.request("POST", path, body.read_bytes(), {"Content-Type": "application/json"})
    resp = c.getresponse()
    resp.read()
    return resp.status


def run(duration: float = 9.0, connections: int = 8, pages: int = 40, data: Path = DEFAULT_DATA,
        workers: int | None = None, tool: str = "auto", rounds: int = 3, log=print) -> dict:
    """Run every scenario against one gunicorn; returns the figures (and prints a table via log)."""
    use_wrk = tool == "wrk" or (tool == "auto" and shutil.which("wrk"))
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="cleaner-load-") as tmpdir:
        tmp = Path(tmpdir)
        script = tmp / "post.lua"
        script.write_text(WRK_SCRIPT)
        seed = SEED.read_text(encoding="utf-8")
        text_bodies = _bodies(tmp, "text", [{"content": seed}])
        html_docs = _aeb_pages(data, pages) if (data / "aeb-dev").is_dir() else []
        html_bodies = _bodies(tmp, "html", html_docs)
        batch_bodies = [tmp / "text-batch.json"]  # the same seed BATCH times in one /v1/clean/batch request
        batch_bodies[0].write_text(json.dumps([{"content": seed}] * BATCH), encoding="utf-8")
        # (mode, system, path, bodies, documents per request)
        scenarios = [("text", "echo", "/bench/echo", text_bodies, 1), ("text", "cleaner", "/v1/clean", text_bodies, 1),
                     ("text", "cleaner batch", "/v1/clean/batch", batch_bodies, BATCH)]
        if html_bodies:
            scenarios += [("html", "echo", "/bench/echo", html_bodies, 1),
                          ("html", "cleaner", "/v1/clean", html_bodies, 1),
                          ("html", "trafilatura", "/bench/trafilatura", html_bodies, 1)]
        else:
            log(f"(no HTML pages under {data}/aeb-dev: html scenarios skipped)")
        proc = _start_server(port, workers)
        rounds_by: dict[tuple[str, str], list[dict]] = {}
        try:
            for mode, system, path, bodies, _ in scenarios:
                for b in bodies[:3]:  # warm every worker's caches a little and check the endpoint works
                    status = _check(port, path, b)
                    if status >= 500:
                        raise RuntimeError(f"{path} answered {status}")
            # The machine is shared: run the scenarios of a mode in alternating short rounds, so a burst of
            # someone else's load hits every system alike, and keep the median round of each.
            for round_no in range(rounds):
                for mode, system, path, bodies, per in scenarios:
                    url = f"http://127.0.0.1:{port}{path}"
                    slot = duration / rounds
                    cpu0 = _server_cpu(proc)
                    r = (_wrk(url, bodies, slot, connections, script) if use_wrk
                         else _python_load(url, bodies, slot, connections))
                    r["cpu_ms"] = (_server_cpu(proc) - cpu0) * 1000 / max(1, r["requests"])
                    r.update(mode=mode, system=system, path=path, documents=len(bodies), per_request=per,
                             docs_per_s=r["rps"] * per)
                    rounds_by.setdefault((mode, system), []).append(r)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()
    results = []
    for (mode, system), rs in rounds_by.items():
        r = dict(rs[0])
        for key in ("rps", "docs_per_s", "p50_ms", "p99_ms", "cpu_ms"):
            r[key] = statistics.median(x[key] for x in rs)
        r["requests"] = sum(x["requests"] for x in rs)
        r["errors"] = sum(x["errors"] for x in rs)
        r["rounds_rps"] = [round(x["rps"], 1) for x in rs]
        results.append(r)
        docs = f"  = {r['docs_per_s']:7.1f} docs/s" if r["per_request"] > 1 else ""
        log(f"  {mode:<5} {system:<13} {r['rps']:8.1f} req/s{docs}   p50 {r['p50_ms']:7.1f} ms   "
            f"p99 {r['p99_ms']:7.1f} ms   server CPU {r['cpu_ms']:6.2f} ms/req   errors {r['errors']}   "
            f"rounds {r['rounds_rps']}")
    by = {(r["mode"], r["system"]): r for r in results}
    summary = {"text_vs_echo": by[("text", "cleaner")]["rps"] / by[("text", "echo")]["rps"],
               "text_vs_echo_cpu": by[("text", "echo")]["cpu_ms"] / by[("text", "cleaner")]["cpu_ms"],
               "text_batch_docs_vs_echo": by[("text", "cleaner batch")]["docs_per_s"] / by[("text", "echo")]["rps"]}
    if ("html", "cleaner") in by:
        summary["html_vs_trafilatura"] = by[("html", "cleaner")]["rps"] / by[("html", "trafilatura")]["rps"]
        summary["html_vs_echo"] = by[("html", "cleaner")]["rps"] / by[("html", "echo")]["rps"]
    return {"results": results, "summary": summary,
            "settings": {"duration_s": duration, "rounds": rounds, "connections": connections, "pages": len(html_docs),
                         "workers": workers or "conf default (one per CPU)", "cpus": os.cpu_count(),
                         "tool": "wrk" if use_wrk else "python"}}


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    p = argparse.ArgumentParser(prog="python -m bench.load", description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--duration", type=float, default=9.0,
                   help="seconds per scenario, split in --rounds alternating rounds (default 9)")
    p.add_argument("--rounds", type=int, default=3, help="alternating rounds per scenario (default 3)")
    p.add_argument("--connections", type=int, default=8, help="concurrent keep-alive connections (default 8)")
    p.add_argument("--pages", type=int, default=40, help="AEB dev pages in the HTML mix (default 40)")
    p.add_argument("--workers", type=int, help="gunicorn workers (default: the conf's, one per CPU)")
    p.add_argument("--data", type=Path, default=DEFAULT_DATA, help=f"benchmark data dir (default {DEFAULT_DATA})")
    p.add_argument("--tool", choices=["auto", "wrk", "python"], default="auto")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = p.parse_args(argv)
    print(f"load benchmark: {args.duration:g} s per scenario, {args.connections} connections, loopback only")
    out = run(args.duration, args.connections, args.pages, args.data, args.workers, args.tool, args.rounds)
    s = out["summary"]
    print(f"text mode: cleaner / echo ceiling = {s['text_vs_echo']:.2f} (target >= 0.5); by server CPU per "
          f"request (echo / cleaner, insensitive to other load on the machine) = {s['text_vs_echo_cpu']:.2f}")
    print(f"text in batches of {BATCH}: cleaner documents/s / echo requests/s = {s['text_batch_docs_vs_echo']:.2f} "
          "(a pipeline's throughput when it sends batches; not the target's measure)")
    if "html_vs_trafilatura" in s:
        print(f"html mode: cleaner / trafilatura = {s['html_vs_trafilatura']:.2f} (target > 1); "
              f"cleaner / echo = {s['html_vs_echo']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
