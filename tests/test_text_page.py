"""Whole-page scraped text: the line classifier keeps the article and says why each other line went."""
from __future__ import annotations

import pytest

from cleaner import clean

from .sample_article import NAV, PARAGRAPHS, URL

RELATED = ["More from News", "Storm closes coastal road for second day",
           "School wins national science prize", "Bakery celebrates its hundredth year",
           "Local elections: who is standing in your ward"]
FOOTER = ["About us", "Contact", "Advertise with us", "Privacy policy", "Terms of use",
          "\u00a9 2024 Example News Ltd. All rights reserved."]


def whole_page() -> str:
    """A scraped news page as a generic converter flattens it: menu, headline, article, teasers, footer."""
    head = "\n".join(NAV)
    body = "\n\n".join(PARAGRAPHS)
    return (f"Harbour council approves new ferry terminal | Example News\n\n{head}\n\n"
            f"Harbour council approves new ferry terminal\n\nBy Jane Walker\n12 May 2024\n\n{body}\n\n"
            + "\n".join(RELATED) + "\n\n" + "\n".join(FOOTER) + "\n")


@pytest.fixture(scope="module")
def page_result():
    return clean(whole_page(), URL, content_type="text", site_rules=False)


def test_article_paragraphs_all_kept(page_result):
    for p in PARAGRAPHS:
        assert p in page_result.text


def test_menu_teasers_and_footer_dropped(page_result):
    kept_lines = set(page_result.text.split("\n"))
    for line in NAV + FOOTER:
        assert line not in kept_lines, line
    # A teaser right after the last paragraph can pass for a subheading; most of the list must go.
    assert sum(line in kept_lines for line in RELATED) <= 1


def test_headline_byline_and_date_become_metadata(page_result):
    assert page_result.title == "Harbour council approves new ferry terminal"
    assert page_result.author == "Jane Walker"
    assert page_result.date.startswith("2024-05-12")
    assert "Harbour council approves" not in page_result.text
    assert "Jane Walker" not in page_result.text


def test_every_model_drop_is_explained(page_result):
    src = whole_page()
    by_model = [r for r in page_result.removed if r.rule == "defaults:page-text"]
    assert by_model, "the page-text rule removed nothing"
    for r in by_model:
        assert r.reason.startswith("model:")
        assert r.category in {"navigation", "footer", "boilerplate", "related", "header"}
        assert src[r.start:r.end] == r.text
    cats = {r.text: r.category for r in by_model}
    assert cats.get("Sport") == "navigation"
    assert cats.get(FOOTER[-1]) == "footer"


def test_article_like_text_left_alone():
    text = "\n\n".join(PARAGRAPHS[:3] + ["Read the council's decision"] + PARAGRAPHS[3:])
    r = clean(text, content_type="text", site_rules=False)
    assert not [x for x in r.removed if x.rule == "defaults:page-text"]
    assert "Read the council's decision" in r.text


def test_prose_heavy_page_with_many_menu_lines_is_still_cleaned():
    """Reviews or comments can make a page mostly prose; its menus still go (only clean articles, with
    few short lines, are left alone)."""
    menu = [f"{w} {k}" for k in ("Shoes", "Socks") for w in ("Men", "Women", "Kids", "Sale", "New", "Gifts",
                                                                "Outlet", "Brands", "Stores", "Help")]
    text = "\n".join(menu) + "\n\n" + "\n\n".join(PARAGRAPHS * 2)
    r = clean(text, URL, content_type="text", site_rules=False)
    dropped = {x.text for x in r.removed if x.rule == "defaults:page-text"}
    assert len(dropped & set(menu)) >= len(menu) // 2
    for p in PARAGRAPHS:
        assert p in r.text


def test_short_texts_left_alone():
    text = "Home\nNews\n\n" + PARAGRAPHS[0]
    r = clean(text, content_type="text", site_rules=False)
    assert r.text.startswith("Home\nNews")


def test_html_mode_untouched_by_text_model():
    html = "<html><body><nav><a href='/'>Home</a></nav><article>" + "".join(
        f"<p>{p}</p>" for p in PARAGRAPHS) + "</article></body></html>"
    r = clean(html, URL, content_type="html", site_rules=False)
    assert not [x for x in r.removed if x.rule == "defaults:page-text"]


def test_huge_texts_are_left_alone_with_a_warning():
    page = whole_page()
    text = "\n".join([page] * 2200)  # ~70k lines
    r = clean(text, URL, content_type="text", site_rules=False)
    assert not [x for x in r.removed if x.rule == "defaults:page-text"]
    assert any("defaults:page-text" in w and "lines" in w for w in r.warnings)


def test_paywalled_page_keeps_its_headline_rather_than_nothing():
    """A page whose article is behind a paywall: the model keeps only the headline (and byline), which
    are metadata; they stay as the text instead of the page raising nothing_left."""
    head = "\n".join(NAV)
    page = (f"Harbour council approves new ferry terminal | Example News\n\n{head}\n\n"
            "Harbour council approves new ferry terminal\n\nBy Jane Walker\n12 May 2024\n\n"
            "Subscribe to continue reading\nAlready a subscriber? Log in\n\n" + "\n".join(FOOTER) + "\n")
    r = clean(page, URL, content_type="text", site_rules=False)
    assert r.title == "Harbour council approves new ferry terminal"
    assert r.author == "Jane Walker"
    assert r.text.strip() == r.title
    assert not [x for x in r.removed if x.reason == "model:title"]
