"""Whole-page text: a 'More News' / 'Comments' block below the article goes; an article's own subheading stays."""
from __future__ import annotations

import pytest

from cleaner import Registry, clean
from cleaner.ruleset import shipped_rules_dir

from .sample_article import NAV, URL
from .sample_article import PARAGRAPHS as _ALL

PARAGRAPHS = _ALL[:6]  # a six-paragraph article: the tail rule weighs prose above against below
TEASERS = ["Storm closes coastal road for second day", "School wins national science prize",
           "Bakery celebrates its hundredth year", "Local elections: who is standing in your ward",
           "Lifeboat crew rescues two kayakers off the point", "New cycle path opens along the river"]
COMMENTS = ["JaneD on May 12, 2024 at 9:14 am said:",
            "About time too. The old jetty has been a hazard for years and the ferry company kept "
            "promising a fix that never came.",
            "harbourwatcher on May 12, 2024 at 10:02 am said:",
            "I'd like to know who is paying for the extra parking, because the plans I saw at the "
            "library did not mention it at all."]


def page(tail: list[str], body: list[str] = PARAGRAPHS) -> str:
    """A scraped news page: title, menu, headline, article, then the given tail lines."""
    return "\n\n".join(["Harbour council approves new ferry terminal | Example News", "\n".join(NAV),
                        "Harbour council approves new ferry terminal", *body, "\n".join(tail)]) + "\n"


# The line model (page-text) already drops many teasers; with it off, what goes is the tail rule's work.
NO_MODEL = """site: news.example.org
extends: defaults
version: 1
domains: [news.example.org]
disable: [page-text]
rules: []
"""


@pytest.fixture
def tail_only(write_rules) -> Registry:
    """The shipped defaults with the line model switched off for the test site."""
    return Registry([shipped_rules_dir(), write_rules({"news.example.org.yaml": NO_MODEL})])


def tail_drops(result) -> list:
    """What the text-tail rule removed."""
    return [r for r in result.removed if r.rule.endswith(":text-tail")]


def test_more_news_teasers_after_the_article_go(tail_only):
    result = clean(page(["More News", *TEASERS]), URL, content_type="text", registry=tail_only)
    for para in PARAGRAPHS:
        assert para in result.text
    for teaser in TEASERS:
        assert teaser not in result.text
    drops = tail_drops(result)
    assert {r.text for r in drops} >= set(TEASERS)
    assert all(r.category == "related" and "teasers after the article" in r.reason for r in drops)
    # with the whole default pipeline the teasers go as well
    full = clean(page(["More News", *TEASERS]), URL, content_type="text", site_rules=False)
    assert all(p in full.text for p in PARAGRAPHS) and not any(t in full.text for t in TEASERS)


def test_comment_thread_after_the_article_goes(tail_only):
    result = clean(page(["3 Comments", *COMMENTS]), URL, content_type="text", registry=tail_only)
    for para in PARAGRAPHS:
        assert para in result.text
    for line in COMMENTS:
        assert line not in result.text
    assert any("comment thread" in r.reason for r in tail_drops(result))


@pytest.mark.parametrize("heading", ["Related developments", "More news on the budget"])
def test_mid_article_subheading_followed_by_paragraphs_is_kept(tail_only, heading):
    body = PARAGRAPHS[:4] + [heading] + PARAGRAPHS[4:]
    text = page(["About us", "Contact", "Privacy policy"], body=body)
    result = clean(text, URL, content_type="text", registry=tail_only)
    assert heading in result.text
    for para in PARAGRAPHS:
        assert para in result.text
    assert not tail_drops(result)


def test_inline_related_box_mid_article_does_not_cut_the_rest(tail_only):
    body = PARAGRAPHS[:4] + ["Related articles", TEASERS[0], TEASERS[1]] + PARAGRAPHS[4:]
    result = clean(page(["More News", *TEASERS[2:]], body=body), URL, content_type="text", registry=tail_only)
    for para in PARAGRAPHS:
        assert para in result.text
    assert TEASERS[0] in result.text                      # the inline box is not the tail
    assert {r.text for r in tail_drops(result)} >= set(TEASERS[2:])


def test_seed_is_untouched_by_the_tail_rule(seed_text):
    for site_rules in (True, False):
        result = clean(seed_text, site_rules=site_rules)
        assert not tail_drops(result)


def test_heading_prefilter_misses_no_heading():
    """The casefolded prefilter (one search over all lines) only skips lines no phrase regex (re.I) matches."""
    from cleaner.doc import Unit
    from cleaner.ops import tail_cut
    rule = next(r for r in Registry(packs=[shipped_rules_dir()]).defaults.rules if r.qid == "defaults:text-tail")
    lines = ["Related", "RELATED STORIES", "related", "  3 Comments", "(12) comments", "1,024 Comments:",
             "Trend\u0131ng now", "TREND\u0130NG", "L\u0130KE", "You m\u0131ght also like", "Mo\u017ft read",
             "Filed Under: News, Sport", "TAGS: a, b",
             "Comments are closed.", "Relatedness of things", "More", "Most read today", "12",
             "The Related stories were long.", "\u00dcber uns", "Leave a Reply Cancel reply", "comment",
             "More News from Detroit", "Share this:", "x Related", "\u2022 Related",
             "7", "Comments", "3", "Related stories"]  # a count on the line above is not part of the heading
    for sample in (lines, lines + ["Related\nstories"]):  # a line with a break of its own: each line alone
        units = [Unit(text=t, para=i) for i, t in enumerate(sample)]
        want = {i: k for i, t in enumerate(sample) if (k := tail_cut._kind(t, rule.compiled, rule.options))}
        assert want, "no heading among the samples"
        assert tail_cut._kinds(units, rule.compiled, rule.options) == want
