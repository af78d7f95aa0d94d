"""Learning a site's boilerplate from its pages: normalisation, guard rails, the proposed rule file."""
from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.engine import get_registry
from cleaner.learn import Guards, block_hash, learn, line_pattern, make_page, normalize
from cleaner.regex import compile_regex
from cleaner.ruleset import load_text
from cleaner.ruleset.selftest import run_case

from .learn_pages import ARTICLES, FOOTER, NAV, PROMPTS, article_sentences, html_page, text_page

SITE = "gazette.example"


def _url(i: int) -> str:
    return f"https://www.{SITE}/news/{i}"


def _flat(text: str) -> str:
    return " ".join(text.split())


def test_normalisation_is_ccnet_like() -> None:
    assert normalize("  Café — 23 Comments! ") == "cafe 0 comments"
    assert block_hash("Join our commenting forum") == block_hash("JOIN OUR COMMENTING-FORUM.")
    assert block_hash("5 comments") == block_hash("123 Comments")
    assert block_hash("Join our forum") != block_hash("Join our commenting forum")


def test_line_pattern_matches_the_whole_line_only() -> None:
    rx = compile_regex(line_pattern("Join the conversation (23 replies)"))
    assert rx.search("join the conversation - 5 replies")
    assert rx.search("  Join   the conversation (1 replies)  ")
    assert not rx.search("Please join the conversation (5 replies) today")
    assert not rx.search("Join the conversation")


def _learn_text(indices, **guards):
    pages = [make_page(text_page(i), _url(i)) for i in indices]
    return learn(SITE, pages, Guards(**guards))


def _registry_with(proposal):
    rs = load_text(proposal.to_yaml(), "<learned>")
    return rs, get_registry().overlay(rs)


def test_template_is_dropped_and_every_article_sentence_kept_on_a_held_out_page() -> None:
    # learn from four pages, clean the fifth, which the learner never saw
    proposal = _learn_text(range(4), min_pages=3)
    rs, registry = _registry_with(proposal)
    assert all(r.learned and r.id.startswith("learned-") for r in rs.rules)
    held_out = 4
    result = clean(text_page(held_out), _url(held_out), content_type="text", registry=registry)
    text = _flat(result.text)
    for sentence in article_sentences(held_out):
        assert sentence in text
    lines = set(result.text.split("\n"))
    for boiler in [*NAV, *PROMPTS, *FOOTER, f"{12 + held_out} comments"]:
        assert boiler not in lines, boiler
    # and `removed` says the learned rules did it, for every line of the template
    learned_removals = {r.text for r in result.removed if r.rule.startswith(f"{SITE}:learned-")}
    assert learned_removals >= {*NAV, *PROMPTS, *FOOTER, f"{12 + held_out} comments"}


def test_every_sentence_survives_on_the_learning_pages_too() -> None:
    proposal = _learn_text(range(5), min_pages=3)
    _, registry = _registry_with(proposal)
    for i in range(5):
        text = _flat(clean(text_page(i), _url(i), content_type="text", registry=registry).text)
        for sentence in article_sentences(i):
            assert sentence in text


def test_proposed_file_is_a_valid_rule_file_with_evidence_categories_and_passing_tests() -> None:
    proposal = _learn_text(range(5), min_pages=3)
    text = proposal.to_yaml()
    rs, registry = _registry_with(proposal)
    cats = {r.category for r in rs.rules}
    assert {"navigation", "comment_prompt", "newsletter"} <= cats
    assert "# on 5/5 pages: Skip to main content" in text
    assert rs.tests, "the learner draws test cases from the pages"
    for case in rs.tests:
        assert run_case(registry, rs, case) == []
        assert case["contains"] and case["not_contains"]


def test_guard_rail_min_pages() -> None:
    # with five pages and min_pages=6 nothing can be learned
    proposal = _learn_text(range(5), min_pages=6)
    assert proposal.accepted == []
    assert "rules: []" in proposal.to_yaml()
    load_text(proposal.to_yaml(), "<empty>")


def test_guard_rail_block_that_is_most_of_a_page() -> None:
    # tiny pages that are nothing but the same notice: the notice is most of each page
    pages = [make_page(f"This page has moved to our new address\nPage {i}\n", f"https://{SITE}/old/{i}")
             for i in range(5)]
    proposal = learn(SITE, pages, Guards(min_pages=3), tests=False)
    assert not [d for d in proposal.accepted if "moved" in d.stat.text]
    assert any("of a page" in d.reason for d in proposal.refused)


def test_guard_rail_block_inside_article_text() -> None:
    # the same quoted sentence inside every article (between its paragraphs) is article text
    quote = "The minister said the plan would be reviewed again after the election next year."
    pages = []
    for i in range(5):
        title, p1, p2, p3 = ARTICLES[i]
        pages.append(make_page("\n".join([*NAV, title, p1, quote, p2, p3, *FOOTER]), _url(i)))
    proposal = learn(SITE, pages, Guards(min_pages=3), tests=False)
    assert block_hash(quote) not in {d.stat.hash for d in proposal.accepted}
    assert any(d.stat.hash == block_hash(quote) and "article text" in d.reason for d in proposal.refused)
    assert block_hash("Skip to main content") in {d.stat.hash for d in proposal.accepted}


def test_a_page_given_twice_counts_once() -> None:
    pages = [make_page(text_page(0), _url(0)) for _ in range(5)]
    proposal = learn(SITE, pages, Guards(min_pages=2), tests=False)
    assert proposal.site_pages == 1 and proposal.accepted == []


@pytest.mark.parametrize("indices", [range(4)])
def test_html_pages_learn_leaked_lines_and_strip_selectors(indices) -> None:
    pages = [make_page(html_page(i), _url(i)) for i in indices]
    proposal = learn(SITE, pages, Guards(min_pages=3))
    rs, registry = _registry_with(proposal)
    held_out = 4
    result = clean(html_page(held_out), _url(held_out), registry=registry)
    text = _flat(result.text)
    for sentence in article_sentences(held_out):
        assert sentence in text
    for boiler in PROMPTS + FOOTER:
        assert boiler not in text
    assert any(r.rule.startswith(f"{SITE}:learned-") for r in result.removed)
