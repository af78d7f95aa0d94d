"""Instructions per request in a real gunicorn worker, cleaner beside the echo ceiling (valgrind).

    python -m bench.instr [--requests 100]

Requests per second on a shared 2-core machine swing with everything else it runs. The number of
machine instructions a request costs does not: this runs the load benchmark's app (bench.load) under
gunicorn with the packaged conf and one worker, inside valgrind's callgrind, and counts what a worker
spends on N requests of the seed as JSON text to /v1/clean and to /bench/echo. A worker started with
--max-requests K exits after K requests and callgrind writes its total; runs with K = 10 and
K = 10 + N give N requests by difference (start-up and warm-up cancel out). The ratio echo / cleaner
is the text-mode capacity ratio of issue 3 (target >= 0.5) on an otherwise idle machine, minus the
load generator's own share. Needs valgrind (Debian: apt-get install valgrind); takes about five minutes, plus
a few the first time (numba's loops compiled for valgrind's CPU into .cache/numba-valgrind).
"""
from __future__ import annotations

import argparse
import glob
import http.client
import json
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from bench.load import server_command, server_env
from bench.server import free_port

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b699ba0113078e52.txt"
WARM = 10
# numba's cache is per CPU, and valgrind shows programs a CPU of its own: code compiled for it is kept
# here, so that only the first run compiles it (under callgrind that alone would take ~15 minutes).
NUMBA_CACHE = ROOT / ".cache" / "numba-valgrind"


def _worker_instructions(path: str, requests: int, body: bytes, out: Path) -> int:
    """Instructions of the worker that served `requests` POSTs of body to path (then exited)."""
    out.mkdir(parents=True, exist_ok=True)
    port = free_port()
    proc = subprocess.Popen(
        ["valgrind", "--tool=callgrind", "--trace-children=yes", f"--callgrind-out-file={out}/cg.%p",
         *server_command(port, "--max-requests", str(requests), "--max-requests-jitter", "0")],
        env=server_env(1, PYTHONHASHSEED="0", CLEANER_TIMEOUT="600", NUMBA_CACHE_DIR=str(NUMBA_CACHE)), cwd=ROOT,
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    sent, started = 0, time.monotonic()
    try:
        while sent < requests:
            try:
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
                conn.request("POST", path, body, {"Content-Type": "application/json"})
                resp = conn.getresponse()
                resp.read()
                conn.close()
            except OSError:  # still starting under valgrind
                if time.monotonic() - started > 600:
                    raise RuntimeError("the server did not start under valgrind in 10 minutes") from None
                time.sleep(1)
                continue
            if resp.status != 200:
                raise RuntimeError(f"{path} answered {resp.status}")
            sent += 1
        # the worker exits after its last request and callgrind writes its totals
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline and not _totals(out):
            time.sleep(1)
    finally:
        proc.send_signal(signal.SIGTERM)
        proc.wait(300)
    totals = _totals(out)
    if not totals:
        raise RuntimeError(f"callgrind wrote no totals in {out}")
    return max(totals)  # the worker that served (the master does far less)


def _totals(out: Path) -> list[int]:
    found = []
    for f in glob.glob(str(out / "cg.*")):
        m = re.search(r"^(?:summary|totals): (\d+)", Path(f).read_text(errors="replace"), re.M)
        if m:
            found.append(int(m.group(1)))
    return found


def run(requests: int = 100, log=print) -> dict:
    """Instructions per request for echo and /v1/clean; returns the figures."""
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    body = json.dumps({"content": SEED.read_text(encoding="utf-8")}).encode()
    log("[0/4] the line classifier's numba loops for valgrind's CPU (compiled once, ~1-3 minutes) ...", flush=True)
    subprocess.run(["valgrind", "--tool=none", sys.executable, "-c",
                    "from cleaner.textpath.features import warm; warm()"],
                   env=server_env(NUMBA_CACHE_DIR=str(NUMBA_CACHE)), cwd=ROOT, check=True, capture_output=True)
    per: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="cleaner-instr-") as tmp:
        for step, path in enumerate(("/bench/echo", "/v1/clean")):
            log(f"[{2 * step + 1}/4] {path}: {WARM} requests under callgrind ...", flush=True)
            base = _worker_instructions(path, WARM, body, Path(tmp) / f"{step}-base")
            log(f"[{2 * step + 2}/4] {path}: {WARM + requests} requests under callgrind ...", flush=True)
            full = _worker_instructions(path, WARM + requests, body, Path(tmp) / f"{step}-full")
            per[path] = (full - base) / requests
    ratio = per["/bench/echo"] / per["/v1/clean"]
    log(f"  echo ceiling   {per['/bench/echo'] / 1e6:6.2f} M instructions per request")
    log(f"  cleaner        {per['/v1/clean'] / 1e6:6.2f} M instructions per request")
    log(f"text mode capacity, echo / cleaner = {ratio:.2f} (target >= 0.5)")
    return {"echo": per["/bench/echo"], "cleaner": per["/v1/clean"], "ratio": ratio, "requests": requests}


def main(argv: list[str] | None = None) -> int:
    """Command line entry point."""
    p = argparse.ArgumentParser(prog="python -m bench.instr", description=__doc__.split("\n\n")[0],
                                epilog=__doc__.split("\n\n", 2)[2], formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--requests", type=int, default=100, help="requests counted per endpoint (default 100)")
    p.add_argument("--json", type=Path, help="also write the figures to this JSON file")
    args = p.parse_args(argv)
    out = run(args.requests, log=lambda *a, **k: print(*a, **k))
    if args.json:
        args.json.write_text(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
