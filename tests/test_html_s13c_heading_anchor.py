"""A heading whose own id is the slug of its text (WordPress block headings "h-how-to-...", documentation
generators) is a link target naming its topic: chrome words in that id ("social", "share") do not make it
chrome. A short id ("comments") still names a role."""
from __future__ import annotations

from cleaner import clean

PARAS = [
    "Social shopping lets people buy the products they discover while scrolling through their feeds, "
    "without leaving the app, and it has grown quickly since the big platforms opened their shops.",
    "Setting it up takes a business account, an approved catalogue and a few settings in the commerce "
    "manager; once approved, products can be tagged in posts, stories and short videos alike.",
    "Measure what works: each tagged post reports its views, taps and purchases, so that you can see "
    "which products and which kinds of posts bring buyers, and plan the next month around them.",
]


def _page(heading: str) -> str:
    return ("<html><body><header><nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav></header>"
            "<div class='entry-content'>"
            f"<p>{PARAS[0]}</p>{heading}<p>{PARAS[1]}</p><p>{PARAS[2]}</p></div></body></html>")


def test_a_heading_carrying_its_own_slug_id_stays():
    for heading in ("<h2 class='wp-block-heading' id='h-how-to-use-social-shopping-for-your-brand'>"
                    "How to Use Social Shopping for Your Brand</h2>",
                    "<h2 id='setting-up-a-social-shop'>Setting up a social shop</h2>",
                    "<h3 id='resource-sharing-and-communication'>Resource sharing and communication</h3>"):
        r = clean(_page(heading), "https://example.com/blog/social-shopping", content_type="html",
                  site_rules=False)
        assert PARAS[1] in r.text
        title = heading.split(">")[1].split("<")[0]
        assert title in r.text, heading


def test_a_short_role_id_on_a_heading_still_marks_chrome():
    heading = "<h2 id='share-this'>Share this story with your friends on social</h2>"
    r = clean(_page(heading), "https://example.com/blog/social-shopping", content_type="html", site_rules=False)
    assert PARAS[1] in r.text
    assert "Share this story" not in r.text


def test_a_self_anchored_heading_ignores_its_link_styling_class():
    # Docusaurus styles each heading's anchor link with a CSS-module class naming the sticky navbar
    heading = ("<h2 class='anchor anchorWithStickyNavbar_LWe7' id='integrating-your-feed-into-site-search'>"
               "Integrating your feed into Site Search</h2>")
    r = clean(_page(heading), "https://docs.example.com/product-feed/", content_type="html", site_rules=False)
    assert PARAS[1] in r.text
    assert "Integrating your feed into Site Search" in r.text


def test_a_navbar_classed_heading_without_its_own_anchor_still_goes():
    heading = "<h2 class='anchor anchorWithStickyNavbar_LWe7'>Integrating your feed into Site Search</h2>"
    r = clean(_page(heading), "https://docs.example.com/product-feed/", content_type="html", site_rules=False)
    assert PARAS[1] in r.text
    assert "Integrating your feed into Site Search" not in r.text
