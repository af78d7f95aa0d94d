"""A cookie consent box (a consent manager's preference centre) is chrome however much of the page's prose
it holds: its purposes, one paragraph each, can outweigh a listing's short cards or a thread the scorer reads
as little prose (a page that declares itself an article, whose listing's cards the scorer values at little)."""
from __future__ import annotations

from cleaner import clean

PURPOSES = [
    ("Strictly Necessary Cookies", "These cookies are necessary for the website to function and cannot be "
     "switched off in our systems, and they are usually only set in response to actions made by you."),
    ("Performance Cookies", "These cookies allow us to count visits and traffic sources so we can measure "
     "and improve the performance of our site, and learn which pages are the most popular."),
    ("Targeting Cookies", "These cookies may be set through our site by our advertising partners to build "
     "a profile of your interests and show you relevant adverts on other sites, as you browse."),
    ("Functional Cookies", "These cookies enable the website to provide enhanced functionality and "
     "personalisation, and they may be set by us or by third party providers whose services we use."),
]
RECIPES = ["Easy Slow-Cooker Pork Ragu", "Spaghetti and Meatballs", "Sweet and Spicy Tomato Chutney",
           "Butter Chicken with Rice", "Roman-Style Spaghetti Alla Carrettiera", "Fresh Tomato Garlic Sauce"]
INTRO = "Our collection of tomato sauce recipes has something for every dish, from pasta to a vegetable tian."


def _page(box_class: str) -> str:
    cards = "".join(f'<li class="card"><a href="/r/{k}"><span class="card-title">{t}</span></a></li>'
                    for k, t in enumerate(RECIPES))
    purposes = "".join(f"<div class='ot-cat'><h4>{h}</h4><p>{p} {p}</p><span>Off</span></div>" for h, p in PURPOSES)
    return ("<html><head><meta property='og:type' content='article'></head><body><header><nav><a href='/'>Home</a> <a href='/recipes'>Recipes</a></nav></header>"
            f"<div class='page'><h1>Tomato Sauce Recipes</h1><p>{INTRO}</p><ul class='list'>{cards}</ul></div>"
            "<footer><p>Copyright 2025 Example Recipes.</p></footer>"
            f"<div id='{box_class}'><div role='dialog' aria-label='Privacy Preference Center'>"
            f"<h2>Privacy Preference Center</h2>{purposes}</div></div></body></html>")


def test_a_consent_preference_centre_is_not_the_page():
    r = clean(_page("onetrust-consent-sdk"), "https://example.com/tomato-sauce-recipes",
              content_type="html", site_rules=False)
    assert INTRO in r.text
    assert all(t in r.text for t in RECIPES)
    assert "cookies" not in r.text.lower()
