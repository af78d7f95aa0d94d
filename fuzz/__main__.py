"""Bounded, reproducible fuzz run: `python -m fuzz [--seconds 60] [--seed 1] [TARGET...]`.

Each target (text, html, rules) runs in its own libFuzzer process for --seconds with a fixed --seed,
starting from a small seed corpus built from the repo (the seed article, a small HTML page, the shipped
rule files). Crashing inputs are written to --artifacts (default fuzz/artifacts/, git-ignored content);
reproduce one with `python -m fuzz.targets TARGET path/to/crash-...`. Exit status 1 when any target crashed.
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .targets import TARGETS

ROOT = Path(__file__).resolve().parent.parent
HTML = ("<html><head><title>Budget approved</title><meta property='og:title' content='Budget'>"
        "<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"author\": {\"name\": \"Jane Smith\"}}"
        "</script></head><body><nav><a href='/'>Home</a></nav><article><h1>Budget approved</h1>"
        "<p>The council approved the budget on Tuesday after a long debate.</p><figure><img src=x>"
        "<figcaption>A shop (Getty)</figcaption></figure><ul><li>one</li></ul><table><tr><td>a</td></tr>"
        "</table><p>Join our commenting forum</p></article><footer>Copyright</footer></body></html>")


def _corpus(target: str, into: Path) -> None:
    """A few valid inputs so libFuzzer starts from real structure."""
    into.mkdir(parents=True, exist_ok=True)
    seeds: list[bytes] = []
    if target in ("text", "html"):
        seeds += [p.read_bytes()[:20_000] for p in sorted((ROOT / "seeds").glob("*.txt"))]
        seeds += [HTML.encode(), HTML.encode("utf-16"), "Café déjà vu\n\nThank you for registering".encode("cp1252")]
    if target == "rules":
        seeds += [p.read_bytes() for p in sorted((ROOT / "rules").glob("*.yaml"))]
    for i, data in enumerate(seeds):
        (into / f"seed-{i}").write_bytes(data)


def run(target: str, seconds: int, seed: int, artifacts: Path, max_len: int, runs: int | None = None) -> dict:
    """Run one target under libFuzzer for `seconds`, or for `runs` inputs (then the same inputs every time:
    the seed fixes them) with `seconds` as a cap; return its figures."""
    artifacts.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as tmp:
        corpus = Path(tmp) / "corpus"
        _corpus(target, corpus)
        cmd = [sys.executable, "-m", "fuzz.targets", target, str(corpus),
               f"-max_total_time={seconds}", f"-seed={seed}", f"-max_len={max_len}", "-timeout=30",
               "-rss_limit_mb=3072", f"-artifact_prefix={artifacts}/{target}-", "-print_final_stats=1",
               *([f"-runs={runs}"] if runs else [])]
        started = time.monotonic()
        proc = subprocess.run(cmd, cwd=ROOT, capture_output=True, text=True, timeout=seconds + 120)
        elapsed = time.monotonic() - started
    log = proc.stderr
    runs = re.findall(r"stat::number_of_executed_units:\s*(\d+)", log)
    cov = re.findall(r"\bcov: (\d+)", log)
    crashes = re.findall(r"Test unit written to (\S+)", log)
    if proc.returncode and not crashes:
        (artifacts / f"{target}-log.txt").write_text(log)
    return {"target": target, "seconds": round(elapsed), "runs": int(runs[-1]) if runs else None,
            "coverage": int(cov[-1]) if cov else None, "crashes": crashes, "returncode": proc.returncode,
            "tail": log.strip().splitlines()[-15:] if proc.returncode else []}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m fuzz", description=__doc__.split("\n\n")[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET",
                        help=f"which paths to fuzz: {', '.join(TARGETS)} (default: all)")
    parser.add_argument("--seconds", type=int, default=60, help="time per target (default 60)")
    parser.add_argument("--seed", type=int, default=1, help="libFuzzer random seed (default 1)")
    parser.add_argument("--runs", type=int, default=None,
                        help="stop after this many inputs instead of --seconds (which then caps the time): "
                             "with one seed, the same inputs on every machine")
    parser.add_argument("--max-len", type=int, default=8192, help="largest input in bytes (default 8192)")
    parser.add_argument("--artifacts", type=Path, default=ROOT / "fuzz" / "artifacts")
    args = parser.parse_args(argv)
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target(s) {', '.join(unknown)}; choose from {', '.join(TARGETS)}")
    failed = False
    print(f"{'target':8} {'seconds':>7} {'runs':>9} {'coverage':>8}  result")
    for target in args.targets or list(TARGETS):
        r = run(target, args.seconds, args.seed, args.artifacts, args.max_len, args.runs)
        ok = r["returncode"] == 0
        failed |= not ok
        result = "ok" if ok else ("CRASH " + ", ".join(r["crashes"]) if r["crashes"] else f"exit {r['returncode']}")
        print(f"{target:8} {r['seconds']:>7} {r['runs'] or '-':>9} {r['coverage'] or '-':>8}  {result}", flush=True)
        for line in r["tail"]:
            print("    " + line)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
