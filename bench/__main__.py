"""`python -m bench` / `cleaner bench`: measure cleaner beside its peers on the AEB and WCXB dev sets."""
from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

from .data import DEFAULT_SEED, ENV_VAR, SETS, SPLITS, DataError, default_data_dir, load
from .run import BLOCK, RunSpec, run_pages
from .systems import CONVERTER_NAMES, FACTORIES, SYSTEM_NAMES, TRUTH

DESCRIPTION = """\
Measure cleaner's extraction quality and speed beside trafilatura, readability-lxml and a
no-op baseline, on the benchmark pages in ../shared/bench (never copied into the repo).

Modes
  html  every system gets the page HTML and its URL.
  text  each page is first flattened to text by a converter (html-text with guess_layout, or
        inscriptis); cleaner gets only that text + URL (content_type="text"). Its peers there:
        trafilatura on the text with each non-blank line wrapped as a <p>, and 'fulltext' (the
        converter's text untouched). readability needs HTML and runs in html mode only.
        --converter truth gives each page's ground-truth text instead: text with no boilerplate
        left, where the right output is the input (an F1 under 1 is what cleaner wrongly cut).

Metrics (as ../shared/bench/README.md defines them)
  AEB   \\w+ tokens (case kept), multiset of 4-token shingles (under 4 tokens: one short
        shingle); per page TP/FP/FN / (TP+FP+FN); P = mean TP/(TP+FP) over pages with output,
        R = mean TP/(TP+FN), F1 = harmonic mean of the two means.
  WCXB  word F1 over lower-cased \\w+ token bags per page, averaged (empty output = 0; pages
        whose ground truth has no main text are not scored). P is averaged over pages with
        output, R over all scored pages. 'with found' / 'without avoided': per-page share of
        snippets found / absent, case-insensitive substring after collapsing every whitespace
        run (newline, tab, NBSP) to one space, averaged over pages that have such snippets.
        Per page type: F1 over the pages of each _internal.page_type.primary.
  meta  title/author/date on WCXB: exact match after NFKC, lower-case, whitespace collapsed,
        typographic quotes/dashes made plain, edge punctuation cut (author: leading 'By '
        dropped); date: same calendar day YYYY-MM-DD. Only pages whose truth has the field;
        'P' columns: right among the pages where the system gave the field.
  time  wall time of each extraction call, in one process, sequentially, after one untimed
        warm-up page. Pages go in blocks (--block, 16): each system runs over a block's pages in
        a row, as a service cleans one document after another (--block 1: every system on a page
        before the next page, so each call pays for the caches the call before it filled).
        With --repeat N each system makes N passes over a block and each page keeps its fastest
        call (other processes on a shared machine only ever add time; but later passes find
        caches warm that new documents would not: a lower bound). Median and total per
        system and the ratio of medians to trafilatura. A CleanerError is an empty output and is
        tallied by code.
"""

EPILOG = """\
examples:
  python -m bench --set all --mode html
  python -m bench --set all --mode text --converter all
  python -m bench --set wcxb --limit 200 --sample --systems cleaner,trafilatura --json /tmp/b.json
  python -m bench --set wcxb --ids 0001,0585 --mode html --json - --with-text
"""


def _csv(value: str) -> list[str]:
    """Split a comma-separated option."""
    return [v.strip() for v in value.split(",") if v.strip()]


def _ids(value: str) -> list[str]:
    """Page ids from a comma-separated list, or from a file given as @FILE."""
    if value.startswith("@"):
        value = Path(value[1:]).read_text(encoding="utf-8").replace("\n", ",").replace(" ", ",")
    return _csv(value)


def build_parser() -> argparse.ArgumentParser:
    """The command-line options."""
    p = argparse.ArgumentParser(prog="python -m bench", description=DESCRIPTION, epilog=EPILOG,
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--set", default="all", choices=[*SETS, "all"], help="benchmark set(s) (default: all)")
    p.add_argument("--mode", default="html", choices=["html", "text", "all"], help="input given to the systems "
                   "(default: html; all = html then text)")
    p.add_argument("--converter", default="html-text", choices=[*CONVERTER_NAMES, "all", TRUTH],
                   help="HTML-to-text converter for text mode (default: html-text; all = both converters); "
                        "'truth' gives each page's own ground-truth text instead, already clean: how much "
                        "cleaner wrongly removes from text that has no boilerplate left")
    p.add_argument("--systems", type=_csv, default=None, metavar="A,B",
                   help=f"systems to run, from {','.join(SYSTEM_NAMES)} (default: all that apply to the mode)")
    p.add_argument("--limit", type=int, default=None, metavar="N", help="at most N pages per set")
    p.add_argument("--sample", action="store_true", help="with --limit: a seeded random sample instead of the "
                   "first N pages")
    p.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"seed for --sample (default {DEFAULT_SEED})")
    p.add_argument("--ids", type=_ids, default=None, metavar="ID,ID", help="only these page ids; @FILE reads "
                   "them (comma- or whitespace-separated) from a file")
    p.add_argument("--split", default="all", choices=SPLITS,
                   help="all pages (default), or only the 'held-out' fifth of hosts (sha1 of the host without "
                        "www., mod 100 < 20) that cleaner's trained models never saw, or the 'train' rest")
    p.add_argument("--page-type", type=_csv, default=None, metavar="T,T",
                   help="only WCXB pages of these page types (AEB pages count as 'article')")
    p.add_argument("--site-rules", action=argparse.BooleanOptionalAction, default=False,
                   help="let cleaner use its site rules (default: off, so generic quality is measured)")
    p.add_argument("--data", type=Path, default=None,
                   help=f"benchmark data directory (default: ${ENV_VAR} or ../shared/bench beside the repo)")
    p.add_argument("--json", type=str, default=None, metavar="OUT.json",
                   help="write per-page results (id, set, system, mode, scores, ms, error) and the summary; "
                        "'-' for stdout")
    p.add_argument("--with-text", action="store_true", help="include each output text in --json")
    p.add_argument("--markdown", type=Path, default=None, metavar="OUT.md", help="also write the tables as Markdown")
    p.add_argument("--plot", type=Path, default=None, metavar="OUT.png",
                   help="bar chart of F1 per page type per system (matplotlib)")
    p.add_argument("--timeout", type=float, default=60.0, metavar="S",
                   help="per-call time limit in seconds; a call past it counts as an error (default 60, 0 = none)")
    p.add_argument("--jobs", type=int, default=1, metavar="N", help="worker processes (default 1; timings are only "
                   "comparable when sequential)")
    p.add_argument("--block", type=int, default=BLOCK, metavar="N",
                   help=f"pages per block: each system times its calls over a block's pages in a row (default "
                        f"{BLOCK}; 1 = every system on one page before the next)")
    p.add_argument("--repeat", type=int, default=1, metavar="N",
                   help="time each system's pass over a block N times and keep each page's fastest call "
                        "(default 1: every page timed once). On a shared machine other processes only ever "
                        "add time, so the fastest of a few passes is the steadiest figure; but later passes "
                        "find caches warm that a stream of new documents would not (memoised line readers, "
                        "RE2's lazily built automata): a lower bound, the default single pass is the "
                        "realistic figure. The first pass gives the outputs and scores")
    p.add_argument("--top", type=int, default=15, metavar="N", help="rows in the 'biggest losses' table")
    p.add_argument("--no-diagnose", action="store_true", help="skip cleaner's failure-pattern and loss tables")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    return p


def _runs(args: argparse.Namespace) -> list[RunSpec]:
    """The run conditions the options ask for."""
    runs = []
    if args.mode in ("html", "all"):
        runs.append(RunSpec("html"))
    if args.mode in ("text", "all"):
        convs = CONVERTER_NAMES if args.converter == "all" else (args.converter,)
        runs += [RunSpec("text", c) for c in convs]
    return runs


def _systems(args: argparse.Namespace, runs: list[RunSpec], parser: argparse.ArgumentParser) -> list[str]:
    """Validated system names, defaulting to all that apply to some run."""
    names = args.systems or list(SYSTEM_NAMES)
    unknown = [n for n in names if n not in FACTORIES]
    if unknown:
        parser.error(f"unknown system(s): {', '.join(unknown)} (choose from {', '.join(SYSTEM_NAMES)})")
    modes = {r.mode for r in runs}
    applicable = [n for n in names if modes & set(FACTORIES[n].modes)]
    skipped = [n for n in names if n not in applicable]
    if skipped and args.systems:
        print(f"note: {', '.join(skipped)} cannot run in {args.mode} mode; skipped", file=sys.stderr)
    return applicable


def _summary_json(summaries: dict) -> list[dict]:
    """The aggregated figures as JSON rows."""
    out = []
    for (run, set_, system), s in summaries.items():
        row = {"run": run, "set": set_, "system": system, "pages": s.n, "median_ms": s.median_ms,
               "total_ms": s.total_ms, "empty": s.empty, "errors": dict(s.errors)}
        if s.aeb:
            row.update(aeb_precision=s.aeb.precision, aeb_recall=s.aeb.recall, aeb_f1=s.aeb.f1)
        if s.word:
            row.update(word_f1=s.word.f1, word_precision=s.word.precision, word_recall=s.word.recall,
                       with_found=s.with_rate, without_avoided=s.without_rate,
                       by_type={t: v[0] for t, v in s.by_type.items()},
                       meta={f: v[0] for f, v in s.meta.items()})
        out.append(row)
    return out


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark; 0 on success, 2 on bad options or missing data."""
    parser = build_parser()
    args = parser.parse_args(argv)
    runs = _runs(args)
    names = _systems(args, runs, parser)
    if not names:
        parser.error("no system to run")
    sets = list(SETS) if args.set == "all" else [args.set]
    try:
        pages = load(sets, args.data, args.limit, args.sample, args.seed,
                     set(args.ids) if args.ids else None, set(args.page_type) if args.page_type else None,
                     args.split)
    except DataError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    if not pages:
        print("error: no pages selected", file=sys.stderr)
        return 2
    if "cleaner" in names:
        try:
            import cleaner  # noqa: F401 - fail early and clearly when the engine cannot import
        except Exception as exc:  # noqa: BLE001
            print(f"error: cannot import cleaner ({type(exc).__name__}: {exc}); "
                  "drop it with --systems", file=sys.stderr)
            return 2

    from tqdm import tqdm

    from .report import all_tables, markdown, plot, print_tables
    from .summary import summarise

    data_dir = args.data or default_data_dir()
    print(f"bench: {len(pages)} pages ({', '.join(sets)}) from {data_dir}; runs: "
          f"{', '.join(r.label for r in runs)}; systems: {', '.join(names)}; "
          f"site rules {'on' if args.site_rules else 'off'}; split {args.split}", file=sys.stderr)
    started = time.perf_counter()
    records = []
    bar = tqdm(total=len(pages), unit="page", disable=True if args.quiet else None, file=sys.stderr)
    for page_records in run_pages(pages, runs, names, args.site_rules, args.timeout or None, args.with_text,
                                  args.jobs, args.block, max(1, args.repeat)):
        records.extend(page_records)
        bar.update(1)
    bar.close()
    elapsed = time.perf_counter() - started

    summaries = summarise(records)
    tables = all_tables(summaries, records, args.jobs, not args.no_diagnose, args.top, args.block,
                        max(1, args.repeat))
    if args.json != "-":
        print_tables(tables)
    print(f"bench: {len(pages)} pages in {elapsed:.0f} s", file=sys.stderr)
    if args.json:
        payload = {"args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
                   "elapsed_s": elapsed, "summary": _summary_json(summaries),
                   "pages": [r.to_json() for r in records]}
        text = json.dumps(payload, ensure_ascii=False, indent=1)
        if args.json == "-":
            sys.stdout.write(text + "\n")
        else:
            Path(args.json).write_text(text, encoding="utf-8")
    if args.markdown:
        cmd = "python -m bench " + " ".join(argv if argv is not None else sys.argv[1:])
        args.markdown.write_text(markdown(tables, f"Command: `{cmd}`\n\n"), encoding="utf-8")
    if args.plot:
        plot(summaries, args.plot)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
