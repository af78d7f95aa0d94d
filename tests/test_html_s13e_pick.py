"""Session 13 (helper e): parts of the pick that a chrome-like class would drop although they hold most of it."""
from __future__ import annotations

from cleaner import clean

PARA = ("Strength training twice a week keeps muscle and bone as we age, and the protocol below sets out "
        "how to fit it around work, sleep and the rest of a busy week without losing momentum. ")


def _page(section_class: str) -> str:
    body = "".join(f"<p>{PARA} Paragraph {i}.</p>" for i in range(6))
    # readers' notes under it: less prose than the section, enough to make <main> the pick
    quotes = "".join(f"<p>A reader wrote that this changed how the whole family trains at home, week {i}.</p>"
                     for i in range(8))
    return f"""<html><body>
<nav><a href="/">Home</a> <a href="/podcast">Podcast</a> <a href="/newsletter">Newsletter</a></nav>
<main>
  <section class="{section_class}"><div class="newsletter-wrapper cc-main"><article class="newsletter-content cc-main">
    <h2>Foundational fitness protocol</h2>{body}</article></div></section>
  <div class="quotes">{quotes}</div>
</main>
<footer><p>Copyright 2024 The Lab. All rights reserved.</p></footer>
</body></html>"""


def test_chrome_classed_section_holding_most_of_the_pick_is_kept():
    # "newsletter" names the page's own kind of text here (an issue of the newsletter), not a sign-up box
    out = clean(_page("section-hero cc-newsletter"), "https://example.org/newsletter/protocol",
                content_type="html", site_rules=False).text
    assert "Paragraph 0." in out and "Paragraph 5." in out


def test_modal_holding_most_of_the_pick_still_goes():
    # a box the page opens over itself (a republishing modal's copy of the text) is not shown in the page,
    # even when it holds more than half of the pick's prose
    page = _page("republish-modal newsletter").replace(
        "<div class=\"quotes\">", f"<div class=\"story\"><p>{PARA} Story 0.</p>"
        + "</div><div class=\"quotes\">")
    out = clean(page, "https://example.org/story", content_type="html", site_rules=False).text
    assert "Story 0." in out
    assert "Paragraph 0." not in out
