"""F1 with the Full-Text RSS pack on vs off, on the benchmark pages whose host has an imported rule.

Usage: .venv/bin/python scripts/ftr_bench.py [--sets aeb,wcxb] [--limit N] [--json FILE] [--blame]

Both runs use site_rules=True and the same hand-written rules; the only difference is the pack
(Registry(packs=True) vs Registry(packs=False)). Pages are selected by the registry's own lookup, so
only pages whose host maps to a pack file (and to no hand-written file) are measured. --blame re-runs
each page that got worse once per pack rule, with that rule left out, to name the directive at fault.
"""
from __future__ import annotations

import argparse
import dataclasses
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench import data, metrics as m  # noqa: E402
from cleaner import clean  # noqa: E402
from cleaner.errors import CleanerError  # noqa: E402
from cleaner.ruleset import Registry  # noqa: E402
from cleaner.ruleset.registry import host_of  # noqa: E402


def run_one(page, registry, **kw) -> tuple[str, list[str]]:
    """Cleaned text (empty on a typed error) and the warnings."""
    try:
        r = clean(page.html(), page.url, content_type="html", registry=registry, **kw)
        return r.text, r.warnings
    except CleanerError as exc:
        return "", [f"error: {exc.code}"]


def page_f1(page, text: str) -> float:
    """The set's own per-page F1 (AEB shingle overlap, WCXB word F1)."""
    if page.set == "aeb":
        o = m.aeb_overlap(text, page.truth)
        p, r = o.precision, o.recall
        return m.harmonic(p or 0.0, r or 0.0)
    s = m.word_score(text, page.truth)
    return s.f1 if s else 0.0


def blame(page, on_reg: Registry, rs, base_f1: float) -> list[tuple[str, float, str]]:
    """For each pack rule: F1 gain when it is left out (positive = that rule hurt the page)."""
    out = []
    for rule in rs.rules:
        trimmed = dataclasses.replace(rs, rules=[r for r in rs.rules if r is not rule], parent=None, _effective=None)
        reg = on_reg.overlay(trimmed)
        text, _ = run_one(page, reg, site=rs.site)
        out.append((rule.id, page_f1(page, text) - base_f1, rule.options.get("selectors", [""])[0]
                    if rule.op != "meta" else "meta"))
    return sorted(out, key=lambda x: -x[1])


def main(argv=None) -> int:
    """Run both configurations page by page and print the comparison."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="aeb,wcxb")
    ap.add_argument("--limit", type=int, default=0, help="at most N pages per set (0: all)")
    ap.add_argument("--json", type=Path, help="write per-page results here")
    ap.add_argument("--blame", action="store_true", help="leave-one-rule-out on pages that got worse")
    args = ap.parse_args(argv)
    on, off = Registry(packs=True), Registry(packs=False)
    root = data.default_data_dir()
    rows = []
    for name in args.sets.split(","):
        pages = data.load_aeb(root) if name == "aeb" else data.load_wcxb(root)
        chosen = []
        for p in pages:
            host = host_of(p.url)
            hit = on.for_host(host) if host else None
            if hit and hit[0].pack:
                chosen.append((p, hit[0]))
        if args.limit:
            chosen = chosen[:args.limit]
        for page, rs in chosen:
            t = time.perf_counter()
            text_on, warn_on = run_one(page, on)
            t_on = time.perf_counter() - t
            text_off, _ = run_one(page, off)
            f_on, f_off = page_f1(page, text_on), page_f1(page, text_off)
            overlaps = {}
            if page.set == "aeb":
                for key, text in (("ov_on", text_on), ("ov_off", text_off)):
                    o = m.aeb_overlap(text, page.truth)
                    overlaps[key] = [o.tp, o.fp, o.fn]
            row = {**overlaps, "set": page.set, "id": page.id, "url": page.url, "type": page.page_type, "site": rs.site,
                   "f1_on": round(f_on, 4), "f1_off": round(f_off, 4), "delta": round(f_on - f_off, 4),
                   "body_fallback": any("matched nothing" in w for w in warn_on),
                   "has_body": any(r.op == "body" for r in rs.rules), "ms_on": round(t_on * 1000, 1)}
            if args.blame and f_on < f_off - 0.01:
                row["blame"] = [b for b in blame(page, on, rs, f_on) if b[1] > 0.005][:3]
            rows.append(row)
            print(f"{page.set:4} {rs.site[:28]:28} off {f_off:.3f} on {f_on:.3f} {f_on - f_off:+.3f}"
                  f"{'  (body fallback)' if row['body_fallback'] else ''}", file=sys.stderr)
            for b in row.get("blame", []):
                print(f"      blame {b[0]} +{b[1]:.3f} {b[2][:90]}", file=sys.stderr)
    print("\n| set | pages | F1 pack off | F1 pack on | pages better | pages worse | site body matched nothing |")
    print("|---|---|---|---|---|---|---|")
    for name in args.sets.split(","):
        rs_ = [r for r in rows if r["set"] == name]
        if not rs_:
            continue
        if name == "aeb":   # AEB's own F1: harmonic mean of mean precision and mean recall
            f_off = m.aeb_summary(m.Overlap(*r["ov_off"]) for r in rs_).f1
            f_on = m.aeb_summary(m.Overlap(*r["ov_on"]) for r in rs_).f1
        else:               # WCXB: mean per-page word F1
            f_off = sum(r["f1_off"] for r in rs_) / len(rs_)
            f_on = sum(r["f1_on"] for r in rs_) / len(rs_)
        print(f"| {name} | {len(rs_)} | {f_off:.3f} | {f_on:.3f} | "
              f"{sum(r['delta'] > 0.005 for r in rs_)} | {sum(r['delta'] < -0.005 for r in rs_)} | "
              f"{sum(r['body_fallback'] for r in rs_)} |")
    if args.json:
        args.json.write_text(json.dumps(rows, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
