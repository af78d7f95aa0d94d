"""Soak test of the real service: steady load near capacity, good and bad documents, for a bounded time.

    python -m bench.soak [--minutes 10] [--load 0.8] [--workers 2] [--max-requests 0] [--json out.json]

Loopback only, stops by itself. It starts `cleaner serve` (gunicorn, the packaged conf) on a free port,
1. measures capacity: closed loop, --clients keep-alive connections, --probe seconds, the same mix;
2. runs open loop at --load x capacity for --minutes: request i is due at t0 + i/rate, so a slow
   server shows as latency (measured from the due time), not as a lower rate;
3. samples every worker's RSS (psutil) every --sample seconds.
It reports documents sent, statuses, 5xx, transport errors, p50/p90/p99/max latency (from the due time,
so queueing counts, and the service time from send to response), worker restarts and
RSS per worker (after warm-up, first vs last minute, and max), and exits 1 when a 5xx or transport error
happened or a worker's RSS grew by more than --rss-bound MB after warm-up. --max-requests 0 (default)
switches gunicorn's worker recycling off so a leak cannot hide behind it.
"""
from __future__ import annotations

import argparse
import gzip
import http.client
import itertools
import json
import os
import random
import signal
import statistics
import subprocess
import sys
import threading
import time
from pathlib import Path

import psutil

from bench.server import free_port, wait_ready

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b699ba0113078e52.txt"
BENCH_PAGES = ROOT.parent / "shared" / "bench" / "aeb-dev" / "html"

WORDS = ("the council approved new budget on tuesday after long debate about schools roads library storm "
         "roof winter officials said plan would be reviewed next spring figures residents hospital week").split()


def _article(rnd: random.Random, paras: int) -> str:
    out = []
    for _ in range(paras):
        sentences = [" ".join(rnd.choices(WORDS, k=rnd.randint(10, 22))).capitalize() + "." for _ in range(3)]
        out.append(" ".join(sentences))
    return "\n\n".join(out)


def documents(seed: int = 8) -> list[tuple[str, str, bytes, dict, bool]]:
    """The mix: (name, path, body, headers, good). Good ones must answer 200; bad ones a 4xx."""
    rnd = random.Random(seed)
    J = {"Content-Type": "application/json"}
    mix: list[tuple[str, str, bytes, dict, bool]] = []
    seed_text = SEED.read_text(encoding="utf-8")
    mix.append(("seed-json", "/v1/clean", json.dumps({"content": seed_text}).encode(), J, True))
    mix.append(("seed-raw", "/v1/clean?url=https://www.independent.co.uk/news/a.html", seed_text.encode(),
                {"Content-Type": "text/plain; charset=utf-8"}, True))
    for i in range(20):  # fresh text each time is no use to a leak hunt; 20 distinct articles are
        art = _article(rnd, rnd.randint(3, 9))
        text = f"Headline number {i}\n\nBy Jane Smith\nFriday 30 December 2016 13:31 GMT\n\n{art}\n\nJoin our commenting forum"
        mix.append((f"text-{i}", "/v1/clean", json.dumps({"content": text, "explain": i % 2 == 0}).encode(), J, True))
        body = "".join(f"<p>{p}</p>" for p in art.split("\n\n"))
        html = (f"<html><head><title>Headline {i}</title></head><body><nav><a href='/'>Home</a></nav>"
                f"<article><h1>Headline {i}</h1>{body}</article><footer>Copyright</footer></body></html>")
        mix.append((f"html-{i}", "/v1/clean", html.encode(), {"Content-Type": "text/html"}, True))
    pages = sorted(BENCH_PAGES.glob("*.html.gz"))[:10]
    for p in pages:  # real pages when ../shared/bench is there (read, never copied into the repo)
        mix.append((f"page-{p.name[:8]}", "/v1/clean", gzip.decompress(p.read_bytes()),
                    {"Content-Type": "text/html; charset=utf-8"}, True))
    batch = [{"content": _article(rnd, 3)}, {"content": ""}, {"content": seed_text}]
    mix.append(("batch", "/v1/clean/batch", json.dumps(batch).encode(), J, True))
    bad = [
        ("empty", json.dumps({"content": ""}).encode(), J),
        ("no-content", b'{"url": "https://example.org/"}', J),
        ("bad-json", b'{"content": "unterminated', J),
        ("binary", bytes(rnd.randrange(256) for _ in range(4000)), {"Content-Type": "text/plain"}),
        ("nothing-left", json.dumps({"content": "Join our commenting forum\n\nThank you for registering"}).encode(), J),
        ("media-type", b"a,b,c", {"Content-Type": "text/csv"}),
        ("too-large", b"x" * 1_200_000, {"Content-Type": "text/plain"}),
        ("nested", ("<html><body>" + "<div>" * 20_000 + "x").encode(), {"Content-Type": "text/html"}),
        ("nul-junk", b"\x00\x01\x02" * 2000, {"Content-Type": "text/plain"}),
        ("unknown-site", json.dumps({"content": seed_text, "site": "no-such-site.example"}).encode(), J),
    ]
    mix += [(name, "/v1/clean", body, headers, False) for name, body, headers in bad]
    return mix


def start_server(port: int, workers: int, max_requests: int, max_bytes: int, log_path: Path) -> subprocess.Popen:
    """`cleaner serve` on loopback with the packaged gunicorn conf."""
    env = {**os.environ, "CLEANER_WORKERS": str(workers), "CLEANER_MAX_REQUESTS": str(max_requests),
           "CLEANER_MAX_BYTES": str(max_bytes), "CLEANER_LOG_LEVEL": "warning", "PYTHONUNBUFFERED": "1"}
    env.pop("PROMETHEUS_MULTIPROC_DIR", None)
    cleaner = str(Path(sys.executable).with_name("cleaner"))
    log = open(log_path, "wb")
    proc = subprocess.Popen([cleaner, "serve", "--host", "127.0.0.1", "--port", str(port)], env=env,
                            stdout=log, stderr=subprocess.STDOUT)
    if wait_ready(proc, port):
        return proc
    raise SystemExit(f"the service did not start; see {log_path}")


class Stats:
    """Thread-safe tallies."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.latencies: list[float] = []   # from the due time: includes queueing when the server falls behind
        self.service: list[float] = []     # from sending to the full response
        self.status: dict[int, int] = {}
        self.unexpected: dict[str, int] = {}   # "name -> status" for good docs not 200 / bad docs not 4xx
        self.transport_errors: list[str] = []

    def add(self, name: str, good: bool, status: int | None, latency: float, service: float,
            error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(latency)
            self.service.append(service)
            if status is None:
                self.transport_errors.append(f"{name}: {error}")
                return
            self.status[status] = self.status.get(status, 0) + 1
            if (good and status != 200) or (not good and not 400 <= status < 500):
                key = f"{name} -> {status}"
                self.unexpected[key] = self.unexpected.get(key, 0) + 1


def _send(conn_box: list, port: int, doc, timeout: float) -> tuple[int | None, str | None]:
    name, path, body, headers, _ = doc
    for attempt in (1, 2):
        if conn_box[0] is None:
            conn_box[0] = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        conn = conn_box[0]
        try:
            conn.request("POST", path, body=body, headers=headers)
            resp = conn.getresponse()
            resp.read()
            if resp.getheader("Connection", "").lower() == "close":
                conn.close()
                conn_box[0] = None
            return resp.status, None
        except (http.client.RemoteDisconnected, BrokenPipeError, ConnectionResetError) as exc:
            conn.close()
            conn_box[0] = None
            if attempt == 2:  # a keep-alive connection the server closed: retry once on a fresh one
                return None, repr(exc)
        except OSError as exc:
            conn.close()
            conn_box[0] = None
            return None, repr(exc)
    return None, "unreachable"


def closed_loop(port: int, mix, clients: int, seconds: float, timeout: float) -> float:
    """Requests/s with `clients` connections sending back to back."""
    stop = time.monotonic() + seconds
    counter = itertools.count()
    done = [0] * clients

    def run(k: int) -> None:
        rnd, box = random.Random(k), [None]
        while time.monotonic() < stop:
            next(counter)
            _send(box, port, rnd.choice(mix), timeout)
            done[k] += 1

    threads = [threading.Thread(target=run, args=(k,)) for k in range(clients)]
    started = time.monotonic()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sum(done) / (time.monotonic() - started)


def open_loop(port: int, mix, rate: float, seconds: float, clients: int, timeout: float, stats: Stats) -> int:
    """Request i is due at t0 + i/rate; latency counts from the due time. Returns requests sent."""
    t0 = time.monotonic() + 0.5
    total = int(rate * seconds)
    counter = itertools.count()
    lock = threading.Lock()

    def run(k: int) -> None:
        rnd, box = random.Random(1000 + k), [None]
        while True:
            with lock:
                i = next(counter)
            if i >= total:
                return
            due = t0 + i / rate
            delay = due - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            doc = rnd.choice(mix)
            sent = time.monotonic()
            status, error = _send(box, port, doc, timeout)
            done = time.monotonic()
            stats.add(doc[0], doc[4], status, done - due, done - sent, error)

    threads = [threading.Thread(target=run, args=(k,), daemon=True) for k in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return total


def sample_rss(master_pid: int, every: float, stop: threading.Event, out: list) -> None:
    """Append (t, {pid: rss_mb}) for each gunicorn worker every `every` seconds."""
    master = psutil.Process(master_pid)
    t0 = time.monotonic()
    while not stop.is_set():
        rss = {}
        for child in master.children():
            try:
                rss[child.pid] = child.memory_info().rss / 2**20
            except psutil.Error:
                pass
        out.append((time.monotonic() - t0, rss))
        stop.wait(every)


def _pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(p / 100 * len(values)))] if values else float("nan")


def rss_report(samples: list, warmup: float, bound: float) -> dict:
    """Per worker: RSS after warm-up (first minute median), at the end (last minute median), max, growth."""
    end = samples[-1][0] if samples else 0
    pids = sorted({pid for _, rss in samples for pid in rss})
    report = {}
    for pid in pids:
        series = [(t, rss[pid]) for t, rss in samples if pid in rss and t >= warmup]
        if len(series) < 4:
            continue
        first = [v for t, v in series if t < series[0][0] + 60]
        last = [v for t, v in series if t > end - 60]
        report[pid] = {"start_mb": round(statistics.median(first), 1), "end_mb": round(statistics.median(last), 1),
                       "max_mb": round(max(v for _, v in series), 1),
                       "growth_mb": round(statistics.median(last) - statistics.median(first), 1),
                       "samples": len(series), "from_s": round(series[0][0]), "to_s": round(series[-1][0])}
        report[pid]["within_bound"] = report[pid]["growth_mb"] <= bound
    return report


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m bench.soak", description=__doc__.split("\n\n")[0])
    ap.add_argument("--minutes", type=float, default=10.0, help="steady-load duration (default 10)")
    ap.add_argument("--load", type=float, default=0.8, help="fraction of measured capacity (default 0.8)")
    ap.add_argument("--rate", type=float, help="fixed requests/s instead of measuring capacity")
    ap.add_argument("--probe", type=float, default=20.0, help="capacity probe seconds (default 20)")
    ap.add_argument("--clients", type=int, default=8, help="connections (default 8)")
    ap.add_argument("--workers", type=int, default=2, help="gunicorn workers (default 2)")
    ap.add_argument("--max-requests", type=int, default=0, help="gunicorn worker recycling (default 0: off)")
    ap.add_argument("--max-bytes", type=int, default=1_000_000, help="CLEANER_MAX_BYTES (default 1 MB)")
    ap.add_argument("--sample", type=float, default=5.0, help="RSS sampling interval, s (default 5)")
    ap.add_argument("--warmup", type=float, default=60.0, help="seconds of steady load before RSS counts (60)")
    ap.add_argument("--rss-bound", type=float, default=25.0, help="allowed RSS growth per worker, MB (25)")
    ap.add_argument("--timeout", type=float, default=30.0, help="client timeout per request, s")
    ap.add_argument("--json", type=Path, help="write the full report here")
    args = ap.parse_args(argv)

    mix = documents()
    port = free_port()
    log_path = Path(os.environ.get("TMPDIR", "/tmp")) / f"cleaner-soak-{port}.log"
    proc = start_server(port, args.workers, args.max_requests, args.max_bytes, log_path)
    stop, samples = threading.Event(), []
    try:
        workers_before = sorted(c.pid for c in psutil.Process(proc.pid).children())
        if args.rate:
            capacity, rate = None, args.rate
        else:
            closed_loop(port, mix, args.clients, 5, args.timeout)  # warm the workers
            capacity = closed_loop(port, mix, args.clients, args.probe, args.timeout)
            rate = capacity * args.load
        print(f"mix: {len(mix)} documents ({sum(1 for d in mix if not d[4])} bad); workers {workers_before}; "
              f"capacity {capacity and round(capacity, 1)} req/s; steady rate {rate:.1f} req/s "
              f"for {args.minutes} min", flush=True)
        sampler = threading.Thread(target=sample_rss, args=(proc.pid, args.sample, stop, samples), daemon=True)
        sampler.start()
        stats = Stats()
        started = time.monotonic()
        sent = open_loop(port, mix, rate, args.minutes * 60, args.clients * 4, args.timeout, stats)
        elapsed = time.monotonic() - started
        stop.set()
        sampler.join()
        workers_after = sorted(c.pid for c in psutil.Process(proc.pid).children())
        alive = proc.poll() is None
    finally:
        stop.set()
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(30)
            except subprocess.TimeoutExpired:
                proc.kill()

    lat = [x * 1000 for x in stats.latencies]
    svc = [x * 1000 for x in stats.service]
    fivexx = sum(n for s, n in stats.status.items() if s >= 500)
    rss = rss_report(samples, args.warmup, args.rss_bound)
    report = {
        "documents": sent, "seconds": round(elapsed, 1), "achieved_rate": round(sent / elapsed, 1),
        "capacity_rps": capacity and round(capacity, 1), "target_rate": round(rate, 1),
        "status": dict(sorted(stats.status.items())), "5xx": fivexx,
        "transport_errors": len(stats.transport_errors), "transport_error_examples": stats.transport_errors[:5],
        "unexpected": stats.unexpected,
        "latency_ms": {"p50": round(_pct(lat, 50), 1), "p90": round(_pct(lat, 90), 1),
                       "p99": round(_pct(lat, 99), 1), "max": round(max(lat), 1) if lat else None},
        "service_ms": {"p50": round(_pct(svc, 50), 1), "p90": round(_pct(svc, 90), 1),
                       "p99": round(_pct(svc, 99), 1), "max": round(max(svc), 1) if svc else None},
        "workers_before": workers_before, "workers_after": workers_after, "server_alive": alive,
        "rss_bound_mb": args.rss_bound, "rss": rss,
        "settings": {"workers": args.workers, "max_requests": args.max_requests, "clients": args.clients,
                     "load": args.load, "minutes": args.minutes},
    }
    print(json.dumps({k: v for k, v in report.items() if k != "rss"}, indent=1))
    print(f"{'worker':>8} {'start MB':>9} {'end MB':>7} {'max MB':>7} {'growth':>7}  window")
    for pid, r in rss.items():
        print(f"{pid:>8} {r['start_mb']:>9} {r['end_mb']:>7} {r['max_mb']:>7} {r['growth_mb']:>7}  "
              f"{r['from_s']}-{r['to_s']} s, {r['samples']} samples")
    if args.json:
        args.json.write_text(json.dumps(report, indent=1))
    ok = (fivexx == 0 and not stats.transport_errors and alive and workers_before == workers_after
          and all(r["within_bound"] for r in rss.values()))
    print("PASS" if ok else "FAIL")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
