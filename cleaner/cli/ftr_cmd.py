"""cleaner rules import-ftr: convert Full-Text RSS site configs into a rules pack."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..errors import CleanerError

DESCRIPTION = """\
Convert a directory of Full-Text RSS site config files (https://github.com/fivefilters/ftr-site-config,
public domain) into a cleaner rules pack: one YAML rule file per site in OUT, plus pack.yaml, NOTICE,
LICENSE and IMPORT-REPORT.md. Put OUT inside a rules directory (e.g. rules/ftr) and the registry loads
it lazily, below hand-written rule files; CLEANER_RULE_PACKS=off switches packs off.

How the directives map:
  body                  -> op body (XPath kept; if it matches nothing, generic extraction + a warning)
  title, author, date   -> op meta
  strip                 -> op strip (category boilerplate)
  strip_id_or_class     -> op strip, //*[contains(@class,'x') or contains(@id,'x')] (substring, as FTR)
  strip_image_src       -> op strip, //img[contains(@src,'x')]
  find_string/replace_string, replace_string(x): y -> op replace (raw HTML, in order)
  prune, tidy, autodetect_on_failure, test_url, test_contains -> kept in the file's `source:`
  multi-page, http_header, login and other directives we cannot honour -> `source.unsupported` and the
  report. Malformed lines are reported with file and line; every written file is validated first.
"""


def register(rules_sub) -> None:
    """Add `rules import-ftr`."""
    p = rules_sub.add_parser("import-ftr", help="convert Full-Text RSS site configs into a rules pack",
                             description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("src", type=Path, metavar="DIR", help="directory of FTR *.txt site config files")
    p.add_argument("--out", type=Path, required=True, metavar="DIR",
                   help="pack directory to write (its previously imported *.yaml files are replaced)")
    p.add_argument("--report", type=Path, metavar="FILE",
                   help="also write the report here (.json for JSON, anything else Markdown)")
    p.add_argument("--snapshot", default=None, metavar="LABEL",
                   help="snapshot date/label recorded in the pack (default: newest file date in DIR)")
    p.add_argument("--source", default="https://github.com/fivefilters/ftr-site-config", metavar="TEXT",
                   help="where the snapshot came from, recorded in NOTICE and pack.yaml")
    p.add_argument("--quiet", action="store_true", help="no progress bar")
    p.set_defaults(func=run)


def _snapshot(src: Path) -> str:
    from datetime import datetime, timezone
    newest = max((p.stat().st_mtime for p in src.glob("*.txt")), default=0)
    return datetime.fromtimestamp(newest, timezone.utc).date().isoformat() if newest else "unknown"


def run(args: argparse.Namespace) -> int:
    """Import, with a progress bar, then print the summary."""
    from tqdm import tqdm

    from ..ftr.importer import run_import, source_files
    if not args.src.is_dir():
        raise CleanerError(f"not a directory: {args.src}")
    total = len(source_files(args.src))
    if total == 0:
        raise CleanerError(f"no *.txt site config files in {args.src}")
    bar = tqdm(total=total, unit="file", desc="import-ftr", disable=args.quiet or None, file=sys.stderr)
    try:
        report = run_import(args.src, args.out, snapshot=args.snapshot or _snapshot(args.src),
                            source=args.source, progress=lambda path: bar.update(1))
    finally:
        bar.close()
    if args.report:
        args.report.parent.mkdir(parents=True, exist_ok=True)
        args.report.write_text(report.to_json() if args.report.suffix == ".json" else report.to_markdown(),
                               encoding="utf-8")
    s = report.counts()
    print(f"{s['files']} site files written to {args.out} ({s['wildcard']} wildcard, {s['with_body']} with a "
          f"body selector, {s['rules']} rules); {s['skipped']} files not converted; "
          f"{s['files_with_unsupported']} files with unsupported directives; {s['dropped']} directives refused; "
          f"{s['problems']} malformed lines. Details: {args.out / 'IMPORT-REPORT.md'}")
    return 0
