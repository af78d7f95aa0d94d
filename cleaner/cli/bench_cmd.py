"""cleaner bench: the benchmark harness in bench/ (quality, load, soak), from a source checkout."""
from __future__ import annotations

import argparse
import importlib

from ..errors import UsageError

_TARGETS = {"quality": "bench.__main__", "load": "bench.load", "soak": "bench.soak"}


def register(sub) -> None:
    """Add `bench`; everything after the kind goes to the harness (see `cleaner bench quality --help`)."""
    p = sub.add_parser(
        "bench", help="run the benchmarks (quality vs trafilatura/readability, HTTP load, soak)",
        description="Run a benchmark from the bench/ package of a source checkout. KIND is quality "
                    "(default: AEB and WCXB scores beside the peers, measured in the same run), load "
                    "(requests/s and p50/p99 of the service beside an echo ceiling and trafilatura) or "
                    "soak (a bounded steady-rate run watching 5xx, latency and worker memory). The "
                    "remaining arguments go to that benchmark; add --help after KIND for its options.")
    p.add_argument("kind", nargs="?", default="quality", choices=sorted(_TARGETS), metavar="KIND")
    p.add_argument("args", nargs=argparse.REMAINDER, help="options of the benchmark")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    """Import the harness and run it."""
    try:
        module = importlib.import_module(_TARGETS[args.kind])
    except ModuleNotFoundError as exc:
        raise UsageError(f"the bench/ package is not importable ({exc.name}): run from a source checkout "
                         "with the bench extra installed (make bench)") from None
    return module.main(args.args)
