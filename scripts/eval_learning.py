#!/usr/bin/env python3
"""Leave-one-page-out evaluation of learned site rules on WCXB dev sites with several pages.

For every site (host without www.) with at least --min-site-pages pages in wcxb-dev: flatten each page
to text (html-text, guess_layout=True); for each page, learn rules from the site's OTHER pages, then
clean the held-out page in text mode with the learned rules on top of the defaults, and compare with
generic text mode (site rules off). Score: WCXB word F1 (lower-cased \\w+ bags, Counter overlap).

    .venv/bin/python scripts/eval_learning.py [--bench ../shared/bench] [--limit N] [--json out.json]
"""
from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

from tqdm import tqdm

from cleaner import clean
from cleaner.engine import get_registry
from cleaner.errors import CleanerError
from cleaner.learn import Guards, learn, make_page, site_of
from cleaner.ruleset import load_text

_WORD = re.compile(r"\w+")


def word_f1(output: str, truth: str) -> float:
    """WCXB word F1: lower-cased \\w+ token bags, Counter overlap."""
    a, b = Counter(_WORD.findall(output.lower())), Counter(_WORD.findall(truth.lower()))
    if not a and not b:
        return 1.0
    tp = sum((a & b).values())
    if tp == 0:
        return 0.0
    p, r = tp / sum(a.values()), tp / sum(b.values())
    return 2 * p * r / (p + r)


def load_sites(bench: Path, min_pages: int) -> dict[str, list[dict]]:
    """Ground-truth records grouped by site, only sites with at least min_pages pages."""
    sites: dict[str, list[dict]] = defaultdict(list)
    for f in sorted((bench / "wcxb-dev" / "ground-truth").glob("*.json")):
        rec = json.loads(f.read_text(encoding="utf-8"))
        site = site_of(rec.get("url"))
        if not site:
            continue
        gt = rec["ground_truth"]
        if isinstance(gt, str):   # some records hold the ground truth as a Python-literal string
            import ast
            gt = ast.literal_eval(gt)
        sites[site].append({"id": f.stem, "url": rec["url"], "truth": gt.get("main_content") or "",
                            "type": rec["_internal"]["page_type"]["primary"]})
    return {s: recs for s, recs in sites.items() if len(recs) >= min_pages}


def flatten(bench: Path, page_id: str) -> str:
    """The whole page as text, the way a scraper without the HTML would have it."""
    import html_text
    raw = gzip.open(bench / "wcxb-dev" / "html" / f"{page_id}.html.gz").read().decode("utf-8", "replace")
    return html_text.extract_text(raw, guess_layout=True)


def _clean_text(text: str, url: str, mode: str, **kw) -> str:
    try:
        return clean(text, url, content_type=mode, **kw).text
    except CleanerError:
        return ""


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--bench", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "bench")
    ap.add_argument("--min-site-pages", type=int, default=3, help="sites with at least this many pages")
    ap.add_argument("--min-pages", type=int, default=2, help="learner's --min-pages")
    ap.add_argument("--min-share", type=float, default=0.5, help="learner's --min-share (0.5, as the CLI)")
    ap.add_argument("--middle-extra", type=int, default=0, help="learner's Guards.middle_extra")
    ap.add_argument("--mode", choices=["text", "html"], default="text",
                    help="text: flattened pages (the issue's measure); html: learn from and clean the HTML itself")
    ap.add_argument("--sites", nargs="+", metavar="SITE", help="only these sites")
    ap.add_argument("--limit", type=int, help="only the first N sites (while iterating)")
    ap.add_argument("--json", type=Path, help="write per-page results here")
    args = ap.parse_args(argv)

    sites = load_sites(args.bench, args.min_site_pages)
    names = sorted((s for s in sites if not args.sites or s in args.sites), key=lambda s: (-len(sites[s]), s))
    names = names[: args.limit]
    base = get_registry()
    rows, per_site, alive = [], {}, []
    started = time.monotonic()
    for site in tqdm(names, desc="sites", unit="site", file=sys.stderr):
        recs = sites[site]
        if args.mode == "text":
            texts = [flatten(args.bench, r["id"]) for r in recs]
        else:
            texts = [gzip.open(args.bench / "wcxb-dev" / "html" / f"{r['id']}.html.gz").read().decode("utf-8", "replace")
                     for r in recs]
        pages = [make_page(t, r["url"], args.mode) for t, r in zip(texts, recs)]
        for i, rec in enumerate(recs):
            others = pages[:i] + pages[i + 1:]
            proposal = learn(site, others, Guards(min_pages=args.min_pages, min_share=args.min_share, middle_extra=args.middle_extra),
                             tests=False, elements=args.mode == "html")
            registry = base.overlay(load_text(proposal.to_yaml(), f"<learned {site}>"))
            # Keep every learned registry alive: cleaner/ops/_match.py caches its line scanners by
            # id(pattern), and a freed pattern's id can be reused by the next one (stale scanner).
            alive.append(registry)
            generic = _clean_text(texts[i], rec["url"], args.mode, site_rules=False)
            learned = _clean_text(texts[i], rec["url"], args.mode, site=site, registry=registry)
            rows.append({"site": site, "id": rec["id"], "type": rec["type"], "blocks": len(proposal.accepted) + len(proposal.selectors), "truth_words": len(_WORD.findall(rec["truth"])),
                         "generic": word_f1(generic, rec["truth"]), "learned": word_f1(learned, rec["truth"]),
                         "raw": word_f1(texts[i], rec["truth"]) if args.mode == "text" else 0.0})
        site_rows = [r for r in rows if r["site"] == site]
        per_site[site] = {k: statistics.mean(r[k] for r in site_rows) for k in ("generic", "learned", "blocks")}
    elapsed = time.monotonic() - started

    def mean(key, rs=rows):
        return statistics.mean(r[key] for r in rs)

    print(f"\nLeave-one-page-out on wcxb-dev ({args.mode} mode): {len(names)} sites with >= {args.min_site_pages} pages, "
          f"{len(rows)} held-out pages, learner min_pages={args.min_pages} min_share={args.min_share} middle_extra={args.middle_extra} ({elapsed:.0f} s)\n")
    print(f"| site | pages | rules' blocks/selectors (mean) | generic {args.mode} F1 | learned F1 | gain |")
    print("|---|---|---|---|---|---|")
    for site in names:
        s = per_site[site]
        print(f"| {site} | {len(sites[site])} | {s['blocks']:.0f} | {s['generic']:.3f} | {s['learned']:.3f} "
              f"| {s['learned'] - s['generic']:+.3f} |")
    print(f"| **all pages** | {len(rows)} | {mean('blocks'):.0f} | {mean('generic'):.3f} | {mean('learned'):.3f} "
          f"| {mean('learned') - mean('generic'):+.3f} |")
    print("\n| page type | pages | generic | learned | gain |\n|---|---|---|---|---|")
    for ptype in sorted({r["type"] for r in rows}):
        rs = [r for r in rows if r["type"] == ptype]
        print(f"| {ptype} | {len(rs)} | {mean('generic', rs):.3f} | {mean('learned', rs):.3f} "
              f"| {mean('learned', rs) - mean('generic', rs):+.3f} |")
    better = sum(r["learned"] > r["generic"] + 0.005 for r in rows)
    worse = sum(r["learned"] < r["generic"] - 0.005 for r in rows)
    print(f"\npages better: {better}, worse: {worse}, same: {len(rows) - better - worse}; "
          + (f"untouched full text F1 {mean('raw'):.3f}; " if args.mode == "text" else "") + "median gain "
          f"{statistics.median(r['learned'] - r['generic'] for r in rows):+.3f}")
    scored = [r for r in rows if r["truth_words"]]
    if len(scored) < len(rows):   # an empty ground truth scores 1.0 only for an empty output
        print(f"without the {len(rows) - len(scored)} pages whose ground truth is empty: generic "
              f"{mean('generic', scored):.3f}, learned {mean('learned', scored):.3f}, "
              f"gain {mean('learned', scored) - mean('generic', scored):+.3f}")
    if args.json:
        args.json.write_text(json.dumps({"rows": rows, "sites": per_site}, indent=1), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
