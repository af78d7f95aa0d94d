"""Learn a site's boilerplate from its pages and propose a rule file."""
from __future__ import annotations

from collections.abc import Iterable

from ..ruleset import Registry
from .cases import add_cases
from .learner import Guards, SiteLearner
from .observe import observe
from .pages import Page
from .propose import Proposal


def learn(site: str, pages: Iterable[Page], guards: Guards | None = None, *, registry: Registry | None = None,
          tests: bool = True, elements: bool = True) -> Proposal:
    """Count the pages' blocks, apply the guard rails, and build the proposal (with checked test cases)."""
    guards = guards or Guards()
    learner = SiteLearner(site)
    kept: list[Page] = []
    for page in pages:
        if learner.add_page(page.key, observe(page.lines)):
            kept.append(page)
    decisions = learner.decide(guards)
    proposal = Proposal(site=site, site_pages=learner.pages, guards=guards,
                        accepted=[d for d in decisions if d.reason is None],
                        refused=[d for d in decisions if d.reason is not None])
    html_pages = [p for p in kept if p.root is not None]
    if elements and html_pages:
        from .elements import learn_selectors
        proposal.selectors = learn_selectors(html_pages, guards, learner)
    if tests:
        if registry is None:
            from ..engine import get_registry
            registry = get_registry()
        add_cases(proposal, kept, learner, registry)
    return proposal
