"""Session 13 (helper e): chrome words that only qualify a camelCase class name."""
from __future__ import annotations

from lxml import html

from cleaner import clean
from cleaner.htmlpath.features import class_words

PARA = ("Our free plan keeps your contacts, deals and tasks in one place, and the team can share the same "
        "view of every customer without paying for seats they do not use. ")


def _page(cls: str) -> str:
    sections = "".join(
        f'<div id="sec-{i}" class="feature_section {cls}"><h2>Feature {i}</h2><p>{PARA} Section {i}.</p></div>'
        for i in range(5))
    return f"""<html><body>
<header><a href="/">Home</a> <a href="/pricing">Pricing</a> <a href="/login">Log in</a></header>
<main><h1>A free plan for small teams</h1><p>Short intro.</p>
<div class="lm_navSec"><a href="#sec-0">Contacts</a> <a href="#sec-1">Email</a> <a href="#sec-2">Leads</a></div>
{sections}</main>
<footer><p>Copyright 2024 Example Inc.</p></footer>
</body></html>"""


def _words(cls: str) -> set[str]:
    return class_words(html.fragment_fromstring(f'<div class="{cls}"></div>'))


def test_chrome_word_qualifying_a_camelcase_name_is_not_chrome():
    # "navSource": a section the in-page menu points to (a scroll-spy target), not a menu
    out = clean(_page("lm_navSource"), "https://example.com/free-plan", content_type="html", site_rules=False).text
    assert "Section 0." in out and "Section 4." in out
    assert "nav" not in _words("lm_navSource") and "nav" not in _words("o-nestedNavCardGrid__bgImage")


def test_camelcase_name_ending_in_a_chrome_word_is_still_chrome():
    out = clean(_page("mainNav"), "https://example.com/free-plan", content_type="html", site_rules=False).text
    assert "Section 0." not in out


def test_chrome_word_before_a_generic_part_or_in_a_component_name_still_counts():
    assert "menu" in _words("headerMenuWrapper")     # the menu's wrapper
    assert "related" in _words("relatedContent")     # related content
    assert "promo" in _words("PromoSmall-title")     # a PascalCase component: a promo
    assert "cookie" in _words("cookieClose")         # a box over the page
