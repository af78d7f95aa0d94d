"""cleaner clean: clean one document from a file or stdin."""
from __future__ import annotations

import argparse
import json
import sys

from ..engine import clean
from ..errors import UsageError


def register(sub) -> None:
    """Add the `clean` sub-command."""
    p = sub.add_parser("clean", help="clean one document (HTML or plain text)",
                       description="Clean one document and print the article text (or JSON with metadata "
                                   "and the removed spans). Reads FILE, or stdin when FILE is - or missing.")
    p.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    p.add_argument("--url", help="the document's URL (picks the site rules; never fetched)")
    p.add_argument("--format", choices=["text", "json"], default="text", help="output format (default text)")
    p.add_argument("--explain", action="store_true",
                   help="also show every removed span with the rule and category that removed it")
    p.add_argument("--content-type", choices=["auto", "html", "text"], default="auto",
                   help="treat the input as HTML or plain text (default: detect)")
    p.add_argument("--site", help="force a site rule set (id or domain)")
    p.add_argument("--no-site-rules", action="store_true", help="apply only the generic default rules")
    p.add_argument("--keep", action="append", default=[], metavar="CATEGORY",
                   help="keep a category in the text instead of removing it (e.g. caption, related); repeatable")
    p.set_defaults(func=run)


def _read(path: str) -> bytes:
    if path == "-":
        return sys.stdin.buffer.read()
    try:
        with open(path, "rb") as fh:
            return fh.read()
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror}") from None


def run(args: argparse.Namespace) -> int:
    """Clean and print."""
    result = clean(_read(args.file), args.url,
                   content_type=None if args.content_type == "auto" else args.content_type,
                   site=args.site, site_rules=not args.no_site_rules, keep=args.keep)
    if args.format == "json":
        json.dump(result.to_dict(explain=True), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    sys.stdout.write(result.text + "\n")
    if args.explain:
        err = sys.stderr
        print(f"\n--- site: {result.site or 'defaults'} ({result.site_match or 'generic'})", file=err)
        for field in ("title", "subtitle", "author", "date"):
            print(f"--- {field}: {getattr(result, field)}", file=err)
        for caption in result.captions:
            print(f"--- caption: {caption}", file=err)
        print(f"--- removed {len(result.removed)} spans:", file=err)
        width = max((len(r.rule) for r in result.removed), default=10)
        for r in result.removed:
            text = r.text if len(r.text) <= 70 else r.text[:67] + "..."
            print(f"  {r.rule:<{width}}  {r.category:<15} {text}", file=err)
        for w in result.warnings:
            print(f"--- warning: {w}", file=err)
    return 0
