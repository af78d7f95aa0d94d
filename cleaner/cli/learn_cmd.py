"""cleaner rules learn: propose a site's rule file from what repeats across its pages."""
from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from tqdm import tqdm

from ..errors import CleanerError
from ..learn import Guards, learn, make_page, site_of
from ..learn.pages import read_jsonl

EPILOG = """\
examples:
  cleaner rules learn --site example.com pages/*.html --out example.com.yaml
  cleaner rules learn --site example.com --jsonl crawl.jsonl --min-pages 5

A block (text: a line; HTML: a line the generic cleaner keeps, or an element by tag/id/class) is
proposed when it is on at least --min-pages distinct pages (and --min-share of them), is never most
of a page, and never sits inside article text. The file lists the evidence as comments, marks every
rule `learned:`, and carries test cases drawn from the pages (checked before they are written).
Review it, then move it into rules/ or a CLEANER_RULES_DIR directory; `cleaner rules test` runs its cases.
"""


def register(rules_sub) -> None:
    """Add `rules learn`."""
    p = rules_sub.add_parser(
        "learn", help="propose a site's rule file from what repeats across its pages",
        description="Read pages of one site (HTML or text files, or a JSON Lines corpus of {url, content}), "
                    "find the lines and elements that recur across them, and write a proposed rule file.",
        epilog=EPILOG, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("pages", nargs="*", type=Path, metavar="PAGE", help="HTML or text files of the site")
    p.add_argument("--site", help="site id / domain, e.g. example.com (default: from the corpus URLs)")
    p.add_argument("--jsonl", type=Path, action="append", default=[], metavar="CORPUS",
                   help="JSON Lines file, one {\"url\": ..., \"content\": ...} per line; only the site's URLs "
                        "are read (repeatable)")
    p.add_argument("--out", type=Path, metavar="FILE", help="write the rule file here (default: stdout)")
    p.add_argument("--min-pages", type=int, default=3, metavar="N",
                   help="a block must be on at least N distinct pages (default 3)")
    p.add_argument("--min-share", type=float, default=0.5, metavar="F",
                   help="...and on at least this share of the pages (default 0.5)")
    p.add_argument("--content-type", choices=["auto", "html", "text"], default="auto",
                   help="how to read the pages (default: detect)")
    p.add_argument("--no-tests", action="store_true", help="do not draw test cases from the pages")
    p.add_argument("--no-elements", action="store_true", help="HTML: do not propose strip selectors")
    p.add_argument("--quiet", "-q", action="store_true", help="no progress bar or summary")
    p.set_defaults(func=run)


def _documents(args):
    for path in args.pages:
        yield None, path, None
    for corpus in args.jsonl:
        for url, content, ctype in read_jsonl(corpus):
            yield url, content, ctype


def _wanted(url: str | None, site: str | None) -> bool:
    if site is None or url is None:
        return True
    host = site_of(url) or ""
    return host == site or host.endswith("." + site)


def run(args: argparse.Namespace) -> int:
    """Load the pages (with a progress bar), learn, write the file, print a summary."""
    if not args.pages and not args.jsonl:
        print("cleaner rules learn: give PAGE files or --jsonl CORPUS (see --help)", file=sys.stderr)
        return 2
    site = args.site.lower().removeprefix("www.") if args.site else None
    ctype = None if args.content_type == "auto" else args.content_type
    pages, skipped, sites = [], [], Counter()
    docs = list(_documents(args))
    for url, item, doc_type in tqdm(docs, desc="reading pages", unit="page", disable=args.quiet, file=sys.stderr):
        if not _wanted(url, site):
            continue
        try:
            content = item.read_bytes() if isinstance(item, Path) else item
            page = make_page(content, url, doc_type or ctype)
            page.origin = item.name if isinstance(item, Path) else None
            pages.append(page)
            sites[site_of(url) or ""] += bool(url)
        except (OSError, CleanerError, ValueError) as exc:
            skipped.append(f"{item if isinstance(item, Path) else url}: {exc}")
    if site is None:
        named = [s for s, _ in sites.most_common() if s]
        if len(named) != 1:
            print("cleaner rules learn: say which site with --site (the pages are from "
                  f"{', '.join(named[:5]) or 'no URL'})", file=sys.stderr)
            return 2
        site = named[0]
    for line in skipped:
        print(f"skipped {line}", file=sys.stderr)
    if len(pages) < args.min_pages:
        print(f"cleaner rules learn: {len(pages)} usable pages of {site}; --min-pages is {args.min_pages}",
              file=sys.stderr)
        return 2
    proposal = learn(site, pages, Guards(min_pages=args.min_pages, min_share=args.min_share),
                     tests=not args.no_tests, elements=not args.no_elements)
    text = proposal.to_yaml()
    if args.out:
        args.out.write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    if not args.quiet:
        cats = Counter(c for c, ds in proposal.categories().items() for _ in ds)
        print(f"{site}: {proposal.site_pages} pages, {len(proposal.accepted)} blocks learned "
              f"({', '.join(f'{c} {n}' for c, n in cats.most_common()) or 'none'}), "
              f"{len(proposal.selectors)} strip selectors, {len(proposal.refused)} repeated blocks refused, "
              f"{len(proposal.tests)} test cases" + (f" -> {args.out}" if args.out else ""), file=sys.stderr)
    return 0
