"""Loaded rules and rule sets."""
from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from ..htmlpath.phrases import Phrases, compile_phrases
from ..regex import search_span


@dataclass
class Rule:
    """One rule: an operation, its options, and what it removes."""

    id: str
    op: str
    category: str
    options: dict
    compiled: Any
    site: str
    file: str | None = None
    line: int | None = None
    learned: bool = False

    @cached_property
    def qid(self) -> str:
        """Qualified id, as reported in `removed`: site:rule (asked for every line a rule drops)."""
        return f"{self.site}:{self.id}"

    @cached_property
    def module(self):
        """The operation module implementing this rule."""
        from ..ops import OPERATIONS
        return OPERATIONS[self.op]


@dataclass
class RuleSet:
    """The rules of one site (or the defaults), as loaded from one file."""

    site: str
    file: str | None
    extends: str | None
    domains: list[str]
    aliases: list[str] = field(default_factory=list)
    detect: Any = None            # compiled RE2 pattern or None
    detect_min: int = 1
    rules: list[Rule] = field(default_factory=list)
    disable: list[str] = field(default_factory=list)
    tests: list[dict] = field(default_factory=list)
    version: str = ""
    description: str = ""
    pack: str | None = None       # name of the rules pack it came from, None for hand-written
    source: dict = field(default_factory=dict)
    html_phrases: dict[str, list[str]] = field(default_factory=dict)  # this file's items, by list
    parent: RuleSet | None = None
    _effective: list[Rule] | None = None
    _plans: dict | None = None    # mode -> Plan, built on first use (see plan())
    _phrases: Phrases | None = None  # the HTML phrase lists compiled, on first use (see phrases())

    def effective_rules(self) -> list[Rule]:
        """Own rules first, then inherited ones not overridden (same id) or disabled."""
        if self._effective is None:
            own = {r.id for r in self.rules}
            skip = own | set(self.disable)
            inherited = self.parent.effective_rules() if self.parent else []
            self._effective = list(self.rules) + [r for r in inherited if r.id not in skip]
        return self._effective

    def plan(self, mode: str):
        """The effective rules for one input mode, by stage, with their line prefilter (cached)."""
        if self._plans is None:
            self._plans = {}
        if mode not in self._plans:
            from ..ops.plan import Plan
            self._plans[mode] = Plan.build(self.effective_rules(), mode)
        return self._plans[mode]

    def phrase_lists(self) -> dict[str, list[str]]:
        """The HTML path's phrase lists: the inherited items, then this file's."""
        inherited = self.parent.phrase_lists() if self.parent else {}
        return {name: [*inherited.get(name, []), *self.html_phrases.get(name, [])]
                for name in {**inherited, **self.html_phrases}}

    def phrases(self) -> Phrases:
        """The phrase lists compiled into the HTML path's patterns (once per loaded rule set)."""
        if self._phrases is None:
            if not self.html_phrases and self.parent is not None:
                self._phrases = self.parent.phrases()  # nothing added: the parent's patterns
            else:
                self._phrases = compile_phrases(self.phrase_lists())
        return self._phrases

    def detects(self, text: str | bytes) -> bool:
        """True when the content (str, or its UTF-8) carries this site's detect patterns."""
        if self.detect is None:
            return False
        # a str is bounded here; bytes come already bounded (registry.detect encodes the first 500,000
        # characters once for every set, which can be more than 500,000 bytes)
        if self.detect_min <= 1 and isinstance(text, bytes):  # one match is enough: the first one found
            return self.detect_min < 1 or search_span(self.detect, text) is not None
        hits = {m.group(0) for m in self.detect.finditer(text[:500_000] if isinstance(text, str) else text)}
        hits = {(h.decode("utf-8", "replace") if isinstance(h, bytes) else h).casefold() for h in hits}
        return len(hits) >= self.detect_min

    def summary(self) -> dict:
        """JSON-ready description (for `rules list` and GET /v1/rules)."""
        return {"site": self.site, "domains": self.domains, "aliases": self.aliases,
                "extends": self.extends, "version": self.version, "file": self.file,
                "pack": self.pack, "description": self.description,
                "rules": [{"id": r.id, "op": r.op, "category": r.category} for r in self.rules],
                "tests": len(self.tests)}
