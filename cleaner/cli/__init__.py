"""The `cleaner` command line: a thin layer over the engine. Sub-commands are registered in COMMANDS."""
from __future__ import annotations

import argparse
import sys

from ..errors import CleanerError
from . import bench_cmd, clean_cmd, rules_cmd, serve_cmd

# Each entry: a module with `register(subparsers)`; the parser it adds sets `func(args) -> int`.
COMMANDS = [clean_cmd, rules_cmd, serve_cmd, bench_cmd]


def build_parser() -> argparse.ArgumentParser:
    """The top-level parser with every sub-command."""
    parser = argparse.ArgumentParser(
        prog="cleaner",
        description="Strip boilerplate (comment prompts, login notices, captions, teasers, menus...) from "
                    "scraped HTML or plain text, and say what was removed and why.",
        epilog="Exit codes: 0 ok, 2 usage, 3 empty/bad input, 4 undecodable, 5 unsupported content, "
               "6 nothing left after cleaning, 7 too large, 8 time budget, 10 invalid rule file, "
               "11 unknown site, 12 rule tests failed.")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMANDS:
        module.register(sub)
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the CLI; returns the exit code."""
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "func", None):
        parser.print_help()
        return 2
    try:
        return args.func(args)
    except CleanerError as exc:
        meta = exc.extra.get("metadata") or {}  # nothing_left: what the page said about itself
        said = "".join(f"; the page's {k}: {v!r}" for k, v in meta.items() if k in ("title", "date"))
        print(f"cleaner: error: {exc.detail}{said}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
