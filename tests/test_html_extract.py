"""Generic HTML extraction on small hand-written pages: chrome out, content (headings, lists, tables) in."""
from __future__ import annotations

import pytest

from cleaner import clean
from cleaner.errors import CleanerError

PROSE = [
    "The city council voted on Tuesday to expand the bus network, adding four routes that will link the "
    "northern suburbs with the hospital district for the first time.",
    "Officials said the new routes would start running in March, once the drivers have been trained and "
    "the timetables agreed with the regional transport authority.",
    "Residents who campaigned for the change for almost a decade welcomed the vote, although some warned "
    "that the fares, which rise by ten cents next year, remain too high for many families.",
    "The mayor, speaking after the meeting, said the council would review the routes after a year and "
    "publish the passenger numbers so that everyone could judge whether the money was well spent.",
]

NAV = """<header class="site-header"><a href="/">Daily Gazette</a>
<nav class="main-nav"><ul><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/business">Business</a></li><li><a href="/culture">Culture</a></li>
<li><a href="/opinion">Opinion</a></li><li><a href="/weather">Weather</a></li></ul></nav></header>"""

FOOTER = """<footer class="site-footer"><ul><li><a href="/about">About us</a></li>
<li><a href="/contact">Contact</a></li><li><a href="/privacy">Privacy policy</a></li>
<li><a href="/terms">Terms of use</a></li></ul><p>Copyright 2024 Daily Gazette Media Ltd.</p></footer>"""

RELATED = """<aside class="related-stories"><h3>Related stories</h3><ul>
<li><a href="/a">Council approves new cycle lanes in the city centre after long debate</a></li>
<li><a href="/b">Hospital district parking charges to rise from April, trust confirms</a></li>
<li><a href="/c">Regional transport authority names its new chief executive</a></li></ul></aside>"""

COMMENTS = """<section id="comments" class="comments-area"><h3>12 comments</h3>
<div class="comment"><p class="comment-author">jsmith</p><p>About time too, I have been waiting for a bus
to the hospital for years and had to take two taxis every week to visit my mother there.</p></div>
<div class="comment"><p class="comment-author">anna_k</p><p>The fares are the real problem, nobody on a low
income can afford to ride the bus every day, whatever the council says about its new routes.</p></div>
</section>"""

SHARE = """<div class="share-bar"><a href="https://facebook.com/x">Facebook</a> <a href="https://x.com/y">X</a>
<a href="mailto:?">Email</a></div>"""


def page(article: str, *, head: str = "", extra_after: str = "") -> str:
    return (f"<!DOCTYPE html><html><head><title>Council expands bus network | Daily Gazette</title>{head}"
            f"</head><body>{NAV}<div class=\"layout\"><main>{article}</main>{RELATED}</div>{extra_after}"
            f"{FOOTER}</body></html>")


def article_html(body_extra: str = "") -> str:
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    return (f"<article class=\"story\"><h1>Council expands bus network</h1>{SHARE}"
            f"<div class=\"story-body\">{paras}{body_extra}</div></article>")


def run(html: str, url: str = "https://news.example.org/2024/05/council-buses", **kw):
    return clean(html, url, site_rules=False, content_type="html", **kw)


def test_article_kept_and_chrome_dropped():
    r = run(page(article_html(), extra_after=COMMENTS))
    for p in PROSE:
        assert p in r.text
    for chrome in ("Sport", "Weather", "Privacy policy", "Copyright 2024", "Related stories",
                   "Council approves new cycle lanes", "waiting for a bus", "12 comments", "Facebook"):
        assert chrome not in r.text, chrome
    assert r.text.startswith(PROSE[0])  # the headline went to the title, not the body
    assert r.title == "Council expands bus network"


def test_paragraphs_are_separated_by_blank_lines():
    r = run(page(article_html()))
    assert r.text.split("\n\n") == PROSE


def test_headings_lists_and_tables_inside_the_article_are_kept():
    extra = ("<h2>What changes for passengers</h2>"
             "<ul><li>Route 12 runs every ten minutes at peak times</li>"
             "<li>Route 14 adds a late service on Fridays</li></ul>"
             "<table><tr><th>Route</th><th>First bus</th></tr><tr><td>12</td><td>05:40</td></tr>"
             "<tr><td>14</td><td>06:10</td></tr></table>"
             "<pre>timetable.pdf  2.1 MB</pre>")
    r = run(page(article_html(extra)))
    lines = r.text.split("\n")
    assert "What changes for passengers" in lines
    assert "Route 12 runs every ten minutes at peak times" in lines
    assert "Route 14 adds a late service on Fridays" in lines
    assert "Route\tFirst bus" in lines and "12\t05:40" in lines
    assert "timetable.pdf  2.1 MB" in r.text


def test_figure_caption_goes_to_captions():
    fig = ('<figure><img src="bus.jpg" alt=""><figcaption>A new double-decker at the depot on Monday'
           '</figcaption><span class="credit">Photo: J. Doe</span></figure>')
    r = run(page(article_html(fig)))
    assert "double-decker" not in r.text and "J. Doe" not in r.text
    assert r.captions == ["A new double-decker at the depot on Monday"]
    assert any(x.category == "caption" and "double-decker" in x.text for x in r.removed)
    kept = run(page(article_html(fig)), keep=("caption",))
    assert "A new double-decker at the depot on Monday" in kept.text


def test_hidden_and_script_content_is_not_text():
    extra = ('<div style="display:none">Secret tracking text that should not appear</div>'
             '<script>var x = "script words here";</script><noscript>Enable JavaScript</noscript>')
    r = run(page(article_html(extra)))
    assert "Secret tracking" not in r.text and "script words" not in r.text


def test_page_wrapped_in_a_hidden_anti_flicker_div_still_extracts():
    html = page(article_html()).replace("<body>", "<body><div hidden>").replace("</body>", "</div></body>")
    r = run(html)
    assert PROSE[0] in r.text and PROSE[3] in r.text


def test_unclosed_button_does_not_swallow_the_page():
    html = page(article_html()).replace(NAV, NAV + '<button class="menu-toggle">Menu')
    r = run(html)
    assert all(p in r.text for p in PROSE)


def test_forum_thread_keeps_posts_even_when_marked_as_comments():
    posts = "".join(
        f'<article class="comment post" id="post-{i}"><div class="comment-author"><a href="/u/{i}">user{i}</a>'
        f'</div><div class="comment-body"><p>{p}</p></div>'
        f'<div class="comment-actions"><a href="#">Reply</a> <a href="#">Quote</a></div></article>'
        for i, p in enumerate(PROSE))
    html = (f"<html><head><title>Bus routes thread</title></head><body>{NAV}"
            f"<h1>New bus routes: good or bad?</h1><div class=\"thread\">{posts}</div>{FOOTER}</body></html>")
    r = run(html, url="https://forum.example.org/threads/new-bus-routes.1234/")
    for p in PROSE:
        assert p in r.text
    assert "Privacy policy" not in r.text


@pytest.mark.parametrize("url", ["https://forum.example.org/threads/new-bus-routes.1234/",
                                 "https://www.example.com/r/buses/comments/1abc2d/new_bus_routes_good_or_bad/"])
def test_thread_urls_of_forum_software_read_as_threads(url):
    # posts marked as comments are the content on a thread URL (reddit-style ".../comments/<id>/" too)
    posts = "".join(
        f'<div class="comment" id="c{i}"><p class="comment-author">user{i}</p><div class="md"><p>{p}</p></div></div>'
        for i, p in enumerate(PROSE[1:]))
    html = (f"<html><head><title>Bus routes thread</title></head><body>{NAV}<div class=\"thread\">"
            f"<h1>New bus routes: good or bad?</h1><div class=\"usertext\"><p>{PROSE[0]}</p></div>"
            f"<div class=\"commentarea\"><div class=\"comments\">{posts}</div></div></div>{FOOTER}</body></html>")
    r = run(html, url=url)
    for p in PROSE:
        assert p in r.text


def test_listing_of_teaser_cards_is_extracted():
    cards = "".join(
        f'<div class="card"><a href="/s/{i}"><h2>Story number {i} about the transport plan</h2>'
        f'<p>{p}</p></a></div>' for i, p in enumerate(PROSE))
    html = f"<html><body>{NAV}<div class=\"river\">{cards}</div>{FOOTER}</body></html>"
    r = run(html, url="https://news.example.org/transport")
    assert sum(p in r.text for p in PROSE) == 4
    assert "Privacy policy" not in r.text


def test_no_prose_page_falls_back_to_the_page_minus_chrome():
    items = "".join(f'<li><a href="/p/{i}">Blue mug {i}</a> <span>$1{i}.00</span></li>' for i in range(8))
    html = f"<html><body>{NAV}<ul class=\"products\">{items}</ul>{FOOTER}</body></html>"
    r = run(html, url="https://shop.example.org/mugs")
    assert "Blue mug 3" in r.text
    assert "Privacy policy" not in r.text


@pytest.mark.parametrize("html", [
    "<html><body><div><p>Unclosed paragraph of text that runs on and on, with commas, and a full stop.",
    "<p>one</p></div></div></span><table><tr><td>cell with enough words to count as a sentence here.",
    "<html><head><title>x</title></head><body>" + "<div>" * 400 + "deep text, with a comma." + "</div>" * 3,
    "<?xml version='1.0' encoding='utf-8'?><html><body><p>XML declared page, with a sentence in it.</p></body></html>",
    "<html><body><p>Text &amp; entities &#8212; and a stray &bogus; one, with a sentence.</p></body></html>",
])
def test_malformed_html_returns_text_or_typed_error(html):
    try:
        r = run(html)
    except CleanerError as exc:
        assert exc.code
    else:
        assert r.text.strip()


def test_page_with_no_text_raises_a_typed_error():
    with pytest.raises(CleanerError) as info:
        run(f"<html><body>{NAV}<div id='app'></div></body></html>".replace(NAV, "<div></div>"))
    assert info.value.code


def test_dateline_above_and_related_tail_below_are_trimmed():
    extra = ("<h2>Related articles</h2><p>Council approves new cycle lanes in the city centre, with a sentence."
             "</p><p>Hospital parking charges to rise from April, the trust confirms today.</p>")
    art = article_html(extra).replace('<div class="story-body">',
                                      '<div class="story-body"><p>Published: March 3, 2024</p><p>4 min read</p>')
    r = run(page(art))
    assert r.text.startswith(PROSE[0]) and r.text.endswith(PROSE[3])
    assert {x.rule for x in r.removed} >= {"html:dateline", "html:related-tail"}


def test_keep_applies_to_the_html_paths_own_line_rules():
    extra = ("<h2>Related articles</h2><p>Council approves new cycle lanes in the city centre, with a sentence."
             "</p><p>Hospital parking charges to rise from April, the trust confirms today.</p>")
    related = run(page(article_html(extra)), keep=("related",))
    assert "Related articles" in related.text and related.text.endswith("the trust confirms today.")
    assert "html:related-tail" not in {x.rule for x in related.removed}
    art = article_html().replace('<div class="story-body">', '<div class="story-body"><p>4 min read</p>')
    assert "4 min read" not in run(page(art)).text
    header = run(page(art), keep=("header",))
    assert header.text.startswith("4 min read\n") and "html:dateline" not in {x.rule for x in header.removed}


def test_utility_css_class_mentioning_figcaption_is_not_a_caption():
    paras = "".join(f"<p>{p}</p>" for p in PROSE)
    html = f'<html><body>{NAV}<article class="[&_figcaption]:text-sm prose">{paras}</article>{FOOTER}</body></html>'
    r = run(html)
    assert all(p in r.text for p in PROSE)


def _grid_page(cards: str) -> str:
    return (f"<!DOCTYPE html><html><head><title>Short-throw projectors | Screen Store</title></head><body>{NAV}"
            f"<div class=\"layout\"><section class=\"content\"><h1>Short-throw projectors</h1>"
            f"<p>Products 1-6 of 6</p><div class=\"row\">{cards}</div></section></div>{FOOTER}</body></html>")


def test_a_caption_class_holding_a_heading_is_a_cards_body_not_a_caption():
    # Bootstrap's thumbnail component: <div class="thumbnail"><img><div class="caption"><h4>...: a grid of
    # products whose names, makers and prices are the page's text
    makers = ["Epson", "BenQ", "Optoma", "ViewSonic", "Hisense", "Samsung"]
    cards = "".join(
        f'<div class="col-sm-4"><div class="thumbnail"><a href="/p{k}"><img src="p{k}.jpg" alt=""></a>'
        f'<div class="caption"><h4><a href="/p{k}">{m} laser projector LX{k}00 with 4K input</a></h4>'
        f'<p>Manufacturer: {m}</p><p>Item number: {m}-LX{k}00</p><p>Price: ${k},499.00</p></div></div></div>'
        for k, m in enumerate(makers, 1))
    r = run(_grid_page(cards), url="https://shop.example.com/short-throw-projectors")
    for m in makers:
        assert f"{m} laser projector" in r.text and f"Manufacturer: {m}" in r.text
    assert not any(m in c for c in r.captions for m in makers)


def test_figure_lines_holding_most_of_the_text_are_its_content():
    # a gallery: a one-line intro, then pictures whose captions tell the story
    shots = [f"Stage {k}: the riders climb the pass above the lake in the morning fog, with the leaders "
             f"still together and the chasing group two minutes behind after {k * 10} kilometres."
             for k in range(1, 7)]
    figs = "".join(f'<figure><img src="s{k}.jpg" alt=""><figcaption>{t}</figcaption></figure>'
                   for k, t in enumerate(shots))
    html = page(f'<article class="gallery"><h1>The race in pictures</h1><p>Our photographers followed the '
                f'race.</p>{figs}</article>')
    r = run(html, url="https://news.example.org/2024/05/race-in-pictures")
    assert all(t in r.text for t in shots)
    # beside a full article, a caption is still a caption
    fig = '<figure><img src="bus.jpg" alt=""><figcaption>A new double-decker at the depot</figcaption></figure>'
    r = run(page(article_html(fig)))
    assert "double-decker" not in r.text and r.captions == ["A new double-decker at the depot"]


def test_a_collapsed_panel_that_a_control_opens_is_text_but_a_filter_panel_is_not():
    details = ("The frame is cut from solid oak and finished with a natural oil, so each table shows its own "
               "grain. It seats six people and arrives with the legs packed separately for easy assembly.")
    html = page(article_html(
        '<h2>Details</h2><button aria-expanded="false" aria-controls="panel-details">Show details</button>'
        f'<div style="display:none"><div id="panel-details" role="region"><p>{details}</p></div></div>'
        '<button aria-controls="filters">Filter</button><div id="filters" hidden><label><input type="checkbox">'
        ' Oak (12)</label><label><input type="checkbox"> Walnut finish with a matching bench (4)</label></div>'
        '<div style="display:none"><p>Limited offer: sign up today and save ten percent on your first '
        'order with us.</p></div>'))
    r = run(html)
    assert details in r.text
    assert "Walnut finish" not in r.text and "Limited offer" not in r.text
    assert any(x.reason == "hidden in the page: <div>" and "Limited offer" in x.text for x in r.removed)


def test_hidden_panels_of_an_aria_tab_set_are_text():
    # one install command per package manager, one panel shown at a time; the panels share no class
    tabs = ('<div role="tablist"><button role="tab" aria-selected="true">npm</button><button role="tab">cargo'
            '</button></div><div role="tabpanel" id="tab-panel-1"><pre>npm create example-app@latest</pre></div>'
            '<div role="tabpanel" id="tab-panel-2" hidden><pre>cargo install create-example-app --locked</pre>'
            '</div>')
    r = run(page(article_html(tabs)))
    assert "npm create example-app@latest" in r.text
    assert "cargo install create-example-app --locked" in r.text
