"""WordPress's Simple Author Box plugin prints the writer's bio under the post in a `saboxplugin-wrap`
box, whose class names no author: it is an author box (chrome), like an `author-bio` one."""
from __future__ import annotations

from cleaner import clean

PARAS = [
    "Cleaning companies have changed the way they work over the last few years, and most of the change "
    "comes from what their customers now ask for: fewer chemicals, more flexible visits and clear prices.",
    "Green products are the first thing people ask about, and a good service will tell you which ones it "
    "uses, why it chose them and what it does when a surface needs something stronger than vinegar.",
    "Flexible booking is the second: a weekly slot that can move when you travel, and a way to add a deep "
    "clean before guests arrive without calling the office and waiting for a call back.",
]
BIO = ("Karen Mills is the owner of a local cleaning company, which she founded in 2012 after ten years "
       "in hotel housekeeping. When she is not running the business, she teaches a class on small firms.")


def _page(box_class: str) -> str:
    text = "".join(f"<p>{p}</p>" for p in PARAS)
    return ("<html><body><nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav>"
            f"<article><h1>Trends in house cleaning</h1><div class='entry-content'>{text}"
            f"<div class='{box_class}'><div class='saboxplugin-tab'><div class='saboxplugin-authorname'>"
            "<a href='/author/karen'>Karen Mills</a></div><div class='saboxplugin-desc'>"
            f"<div><p>{BIO}</p></div></div></div></div></div></article>"
            "<footer>Copyright</footer></body></html>")


def test_simple_author_box_goes():
    r = clean(_page("saboxplugin-wrap"), "https://example.com/cleaning-trends/", content_type="html",
              site_rules=False)
    assert PARAS[0] in r.text and PARAS[-1] in r.text
    assert BIO not in r.text
