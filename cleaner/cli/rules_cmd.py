"""cleaner rules ...: check, test and list rule files."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from ..errors import CleanerError, RuleError
from ..ruleset import Registry, configured_dirs, load_file
from ..ruleset.registry import PACK_FILE
from ..ruleset.selftest import case_id, iter_cases, run_case

EXIT_TESTS_FAILED = 12
# Sub-commands of `rules` other modules add (import-ftr, learn) register here too.
EXTRA: list = [__import__("cleaner.cli.ftr_cmd", fromlist=["register"])]
EXTRA.append(__import__("cleaner.cli.learn_cmd", fromlist=["register"]))


def register(sub) -> None:
    """Add `rules` and its sub-commands."""
    p = sub.add_parser("rules", help="check, test, list (and import or learn) rule files",
                       description="Work with rule files: one YAML file per site plus _defaults.yaml.")
    rs = p.add_subparsers(dest="rules_command", metavar="ACTION")
    c = rs.add_parser("check", help="validate every rule file (schema, regexes, selectors)",
                      description="Load every rule file in the configured directories (or DIR...) and report "
                                  "each error with file, line and key. Exit 10 if any file is invalid.")
    c.add_argument("dirs", nargs="*", type=Path, metavar="DIR")
    c.add_argument("--no-packs", action="store_true", help="skip rule packs (e.g. the Full-Text RSS import)")
    c.set_defaults(func=check)
    t = rs.add_parser("test", help="run the test cases carried by rule files",
                      description="Run every rule file's own test cases (input, contains, not_contains, "
                                  "metadata). Exit 12 if any fails.")
    t.add_argument("sites", nargs="*", metavar="SITE", help="only these sites (default: all)")
    t.add_argument("--packs", action="store_true", help="also run the rule packs' test cases")
    t.set_defaults(func=test)
    ls = rs.add_parser("list", help="list the loaded rule sets")
    ls.add_argument("--json", action="store_true")
    ls.set_defaults(func=list_sets)
    for module in EXTRA:
        module.register(rs)
    p.set_defaults(func=lambda args: (p.print_help(), 2)[1])


def _files(dirs: list[Path], packs: bool):
    for d in dirs:
        if not d.is_dir():
            yield d, None
            continue
        for f in sorted(d.glob("*.yaml")):
            yield f, None
        if packs:
            for sub in sorted(p for p in d.iterdir() if p.is_dir() and (p / PACK_FILE).is_file()):
                for f in sorted(sub.glob("*.yaml")):
                    if f.name != PACK_FILE:
                        yield f, sub.name


def check(args: argparse.Namespace) -> int:
    """Validate files one by one so every error is listed."""
    dirs = args.dirs or configured_dirs()
    errors, count = [], 0
    for f, pack in _files(dirs, not args.no_packs):
        count += 1
        if not f.exists():
            errors.append(RuleError("rules directory does not exist", file=str(f)))
            continue
        try:
            load_file(f, pack=pack)
        except RuleError as exc:
            errors.append(exc)
    if not errors:
        try:
            Registry(dirs, packs=not args.no_packs)  # cross-file checks: extends, defaults present
        except RuleError as exc:
            errors.append(exc)
    for e in errors:
        print(e.detail, file=sys.stderr)
    print(f"{count} rule files checked, {len(errors)} invalid")
    return RuleError.exit_code if errors else 0


def test(args: argparse.Namespace) -> int:
    """Run rule files' test cases."""
    registry = Registry()
    failed = total = 0
    for rs, i, case in iter_cases(registry, include_packs=args.packs):
        if args.sites and rs.site not in args.sites and not set(rs.domains) & set(args.sites):
            continue
        total += 1
        failures = run_case(registry, rs, case)
        status = "FAIL" if failures else "ok"
        print(f"{status:4}  {case_id(rs, i, case)}")
        for f in failures:
            print(f"      - {f}")
        failed += bool(failures)
    print(f"{total - failed} passed, {failed} failed")
    if args.sites and total == 0:
        raise CleanerError(f"no test cases for {', '.join(args.sites)}")
    return EXIT_TESTS_FAILED if failed else 0


def list_sets(args: argparse.Namespace) -> int:
    """Print the loaded rule sets."""
    registry = Registry()
    sets = [rs.summary() for rs in registry.all_sets()]
    if args.json:
        json.dump({"sets": sets, "packs": [{"name": p.name, "files": len(p.index)} for p in registry.packs]},
                  sys.stdout, indent=2)
        print()
        return 0
    from rich.console import Console
    from rich.table import Table
    table = Table(title="rule sets")
    for col in ("site", "domains", "extends", "rules", "tests", "version"):
        table.add_column(col)
    for s in sets:
        table.add_row(s["site"], ", ".join(s["domains"]), s["extends"] or "-", str(len(s["rules"])),
                      str(s["tests"]), s["version"])
    Console().print(table)
    for p in registry.packs:
        print(f"pack {p.name}: {len(p.index)} site files (loaded on demand)")
    return 0
