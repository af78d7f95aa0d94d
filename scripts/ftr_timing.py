"""Registry start-up and rule lookup times with the Full-Text RSS pack on and off.

Usage: .venv/bin/python scripts/ftr_timing.py   (prints a Markdown table; medians in milliseconds)
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from cleaner.ruleset import Registry  # noqa: E402


def ms(values: list[float]) -> str:
    """Median of seconds, in ms."""
    return f"{statistics.median(values) * 1000:.3f}"


def main() -> int:
    """Measure and print."""
    Registry(packs=True)  # warm the imports and the OS file cache
    start = {flag: [] for flag in (True, False)}
    for _ in range(7):
        for flag in (True, False):
            t = time.perf_counter()
            Registry(packs=flag)
            start[flag].append(time.perf_counter() - t)
    reg = Registry(packs=True)
    names = sorted(reg.packs[0].index)
    sample = [n.lstrip(".") for n in names[::10]]
    hosts = ["www." + n if not n.count(".") > 1 else "x." + n for n in sample]
    cold, warm, miss, off = [], [], [], []
    for h in hosts:
        t = time.perf_counter()
        reg.for_host(h)
        cold.append(time.perf_counter() - t)
    for h in hosts:
        t = time.perf_counter()
        reg.for_host(h)
        warm.append(time.perf_counter() - t)
    no_pack = Registry(packs=False)
    for i, h in enumerate(hosts):
        t = time.perf_counter()
        reg.for_host(f"www.unknown-{i}.example")
        miss.append(time.perf_counter() - t)
        t = time.perf_counter()
        no_pack.for_host(h)
        off.append(time.perf_counter() - t)
    print(f"| measure (median, ms; {len(hosts)} hosts) | pack on | pack off |")
    print("|---|---|---|")
    print(f"| Registry() start-up ({len(names)} pack files indexed) | {ms(start[True])} | {ms(start[False])} |")
    print(f"| first lookup of a site (loads and validates its file) | {ms(cold)} | - |")
    print(f"| later lookups of the same site | {ms(warm)} | {ms(off)} |")
    print(f"| lookup of a host with no rule | {ms(miss)} | - |")
    print(f"\nfirst lookup p90: {sorted(cold)[int(len(cold) * 0.9)] * 1000:.1f} ms, max {max(cold) * 1000:.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
