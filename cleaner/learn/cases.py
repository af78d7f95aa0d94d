"""Test cases for a proposed rule file, drawn from the pages it was learned from, and checked."""
from __future__ import annotations

from ..errors import CleanerError
from ..ruleset import Registry, load_text
from ..ruleset.selftest import run_case
from .learner import SiteLearner
from .normalize import block_hash, normalize
from .observe import is_prose
from .pages import Page
from .propose import Proposal

MAX_CASES = 3


def _fragment(line: str, words: int = 12) -> str:
    """The first words of an article line: enough to be unique, short enough to survive glue repair."""
    return " ".join(line.split()[:words])


def case_for(page: Page, proposal: Proposal, learner: SiteLearner) -> dict | None:
    """An excerpt of the page: some learned blocks and article sentences, in page order."""
    rule_of = proposal.block_rule()
    by_rule: dict[str, list[int]] = {}
    article: list[int] = []
    for i, line in enumerate(page.lines):
        h = block_hash(line)
        if h in rule_of:
            by_rule.setdefault(rule_of[h], []).append(i)
        elif is_prose(line) and len(article) < 2:
            stat = learner.stats.get(h)
            if stat is None or stat.pages == 1:
                article.append(i)
    # one or two blocks of each learned rule, so the case exercises every kind of boilerplate found
    learned = sorted(i for idx in by_rule.values() for i in idx[:2])[:10]
    if not learned or not article:
        return None
    lines = [" ".join(page.lines[i].split()) for i in sorted(learned + article)]
    kept = " ".join(normalize(page.lines[i]) for i in article)
    gone, rules_seen = [], set()
    for i in sorted(learned, key=lambda i: -len(page.lines[i])):
        rid = rule_of[block_hash(page.lines[i])]
        if rid not in rules_seen and len(page.lines[i].split()) >= 2 and normalize(page.lines[i]) not in kept:
            rules_seen.add(rid)
            gone.append(page.lines[i])
    gone = gone[:4]
    if not gone:
        return None
    return {"name": f"learned blocks go, article text stays ({page.url or page.origin or page.key[:12]})",
            "content_type": "text", "input": "\n\n".join(lines),
            "contains": [_fragment(page.lines[article[0]])],
            "not_contains": [" ".join(g.split()) for g in gone],
            "removed_rules": sorted({rule_of[block_hash(g)] for g in gone})}


def add_cases(proposal: Proposal, pages: list[Page], learner: SiteLearner, registry: Registry) -> None:
    """Attach up to MAX_CASES cases that pass with the proposed rules (a failing candidate is skipped)."""
    ranked = sorted(pages, key=lambda p: -sum(block_hash(ln) in proposal.block_rule() for ln in p.lines))
    for page in ranked:
        if len(proposal.tests) >= MAX_CASES:
            break
        case = case_for(page, proposal, learner)
        if case is None:
            continue
        proposal.tests.append(case)
        try:
            rs = load_text(proposal.to_yaml(), f"<learned {proposal.site}>")
            failures = run_case(registry.overlay(rs), rs, rs.tests[-1])
        except CleanerError as exc:
            failures = [str(exc)]
        if failures:
            proposal.tests.pop()
