"""Run the test cases that rule files carry (input, must contain, must not contain, metadata)."""
from __future__ import annotations

from pathlib import Path

from ..errors import CleanerError
from .model import RuleSet
from .registry import Registry


def iter_cases(registry: Registry, include_packs: bool = False):
    """(rule set, case index, case) for every test case of every rule set."""
    for rs in registry.all_sets(include_packs=include_packs):
        for i, case in enumerate(rs.tests):
            yield rs, i, case


def case_id(rs: RuleSet, i: int, case: dict) -> str:
    """A readable id for a test case."""
    return f"{rs.site}[{i}]" + (f" {case['name']}" if case.get("name") else "")


def run_case(registry: Registry, rs: RuleSet, case: dict) -> list[str]:
    """Failures of one case (empty when it passes)."""
    if "fixture" in case:
        path = Path(rs.file).parent / case["fixture"]
        try:
            content: str | bytes = path.read_bytes()
        except OSError as exc:
            return [f"fixture {path}: {exc.strerror}"]
    else:
        content = case["input"]
    site = None if rs.site == "defaults" else rs.site
    try:
        result = registry_clean(registry, content, case, site)
    except CleanerError as exc:
        return [f"clean() raised {exc.code}: {exc.detail}"]
    failures = []
    for needle in case.get("contains", []):
        if needle not in result.text:
            failures.append(f"text does not contain {needle!r}")
    for needle in case.get("not_contains", []):
        if needle in result.text:
            failures.append(f"text still contains {needle!r}")
    for field in ("title", "subtitle", "author", "date"):
        if field in case and getattr(result, field) != case[field]:
            failures.append(f"{field} is {getattr(result, field)!r}, expected {case[field]!r}")
    if "captions" in case and result.captions != case["captions"]:
        failures.append(f"captions are {result.captions!r}, expected {case['captions']!r}")
    fired = {r.rule.split(":", 1)[1] for r in result.removed}
    for rule_id in case.get("removed_rules", []):
        if rule_id not in fired:
            failures.append(f"rule {rule_id!r} removed nothing")
    return failures


def registry_clean(registry: Registry, content, case: dict, site: str | None):
    """clean() with the case's url and content type, forcing the case's own rule set."""
    from ..engine import clean
    return clean(content, case.get("url"), content_type=case.get("content_type"), site=site,
                 registry=registry)
