"""Write learned boilerplate as a normal rule file: ids, guessed categories, evidence, test cases."""
from __future__ import annotations

import datetime as _dt
import unicodedata
from dataclasses import dataclass, field

from .categories import guess
from .learner import Decision, Guards
from .normalize import line_pattern

PATTERNS_PER_RULE = 25        # keeps each compiled RE2 alternation small
MAX_REFUSED_SHOWN = 15


@dataclass
class SelectorRule:
    """A CSS selector whose elements repeat with the same text across pages."""

    selector: str
    category: str
    pages: int
    sample: str


@dataclass
class Proposal:
    """Everything a proposed rule file says."""

    site: str
    site_pages: int
    guards: Guards
    accepted: list[Decision]
    refused: list[Decision]
    selectors: list[SelectorRule] = field(default_factory=list)
    tests: list[dict] = field(default_factory=list)
    source: str = "cleaner rules learn"

    def categories(self) -> dict[str, list[Decision]]:
        """Accepted blocks grouped by guessed category, in first-seen order."""
        groups: dict[str, list[Decision]] = {}
        for d in self.accepted:
            cat = guess(d.stat.text or "", position=d.stat.position)
            groups.setdefault(cat, []).append(d)
        return groups

    def rule_ids(self) -> list[str]:
        """The ids of the drop rules, as to_yaml() names them."""
        return [rid for rid, _cat, _chunk in self._drop_rules()]

    def block_rule(self) -> dict[str, str]:
        """Block hash -> the id of the rule that drops it."""
        return {d.stat.hash: rid for rid, _cat, chunk in self._drop_rules() for d in chunk}

    def _drop_rules(self):
        for cat, decisions in self.categories().items():
            base = "learned-" + cat.replace("_", "-")
            for n in range(0, len(decisions), PATTERNS_PER_RULE):
                rid = base if n == 0 else f"{base}-{n // PATTERNS_PER_RULE + 1}"
                yield rid, cat, decisions[n:n + PATTERNS_PER_RULE]

    def to_yaml(self) -> str:
        """The rule file text (validated by cleaner.ruleset.load_text in the tests)."""
        today = _dt.date.today().isoformat()
        g = self.guards
        out = [
            f"# Proposed by `{self.source}` on {today} from {self.site_pages} pages of {self.site}.",
            "# REVIEW BEFORE USE: every rule here is marked `learned:`; delete what is article text,",
            "# then move the file into rules/ (or a CLEANER_RULES_DIR directory).",
            f"# Guard rails: a block must be on >= {g.needed(self.site_pages)} distinct pages, never over "
            f"{g.max_frac:.0%} of a page,",
            "# and never inside article text (between prose lines, or part of a page's own sentences).",
            f"site: {self.site}",
            "extends: defaults",
            f"description: {_q(f'Boilerplate learned from {self.site_pages} pages of {self.site}')}",
            f"version: {_q('learned-' + today)}",
            f"domains: [{self.site}]",
        ]
        rules = []
        for rid, cat, chunk in self._drop_rules():
            most = max(d.stat.pages for d in chunk)
            rules += [f"  - id: {rid}", "    op: drop_regex", f"    category: {cat}", "    whole_line: true",
                      f"    max_chars: {max(400, max(len(d.stat.text or '') for d in chunk) + 50)}",
                      f"    learned: {{pages: {self.site_pages}, blocks: {len(chunk)}, most_pages: {most}, "
                      f"source: {_q(self.source)}, date: {_q(today)}}}",
                      "    patterns:"]
            for d in chunk:
                rules.append(f"      # on {d.stat.pages}/{self.site_pages} pages: {_comment(d.stat.text or '')}")
                rules.append(f"      - {_q(line_pattern(d.stat.text or ''))}")
        by_cat: dict[str, list[SelectorRule]] = {}
        for s in self.selectors:
            by_cat.setdefault(s.category, []).append(s)
        for cat, sels in by_cat.items():
            rules += [f"  - id: learned-strip-{cat.replace('_', '-')}", "    op: strip", f"    category: {cat}",
                      f"    learned: {{pages: {self.site_pages}, selectors: {len(sels)}, source: {_q(self.source)}, "
                      f"date: {_q(today)}}}", "    selectors:"]
            for s in sels:
                rules.append(f"      # same text on {s.pages}/{self.site_pages} pages: {_comment(s.sample)}")
                rules.append(f"      - {_q(s.selector)}")
        out += ["rules:" if rules else "rules: []", *rules]
        refused = [d for d in self.refused if d.stat.pages >= g.needed(self.site_pages)][:MAX_REFUSED_SHOWN]
        if refused:
            out.append("# Repeated blocks the guard rails refused (not rules; for the reviewer):")
            out += [f"#   {d.stat.pages}/{self.site_pages} pages, {d.reason}: {_comment(d.stat.text or d.stat.hash)}"
                    for d in refused]
        out += _tests_yaml(self.tests)
        return "\n".join(out) + "\n"


def _clean_chars(text: str) -> str:
    """One printable line: YAML must not see line or paragraph separators inside a scalar or comment."""
    return "".join(" " if unicodedata.category(c)[0] in "CZ" and c != " " else c for c in text)


def _q(text: str) -> str:
    """A single-quoted YAML scalar."""
    return "'" + _clean_chars(text).replace("'", "''") + "'"


def _comment(text: str, limit: int = 100) -> str:
    text = " ".join(_clean_chars(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _tests_yaml(tests: list[dict]) -> list[str]:
    if not tests:
        return []
    out = ["tests:"]
    for case in tests:
        out.append(f"  - name: {_q(case['name'])}")
        out.append(f"    content_type: {case.get('content_type', 'text')}")
        if case.get("url"):
            out.append(f"    url: {_q(case['url'])}")
        out.append("    input: |")
        out += ["      " + _clean_chars(line) for line in case["input"].split("\n")]
        for key in ("contains", "not_contains", "removed_rules"):
            if case.get(key):
                out.append(f"    {key}:")
                out += [f"      - {_q(v)}" for v in case[key]]
    return out
