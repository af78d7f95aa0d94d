"""Title, author and date of HTML pages: JSON-LD first, then meta tags, bylines and the page's own dates."""
from __future__ import annotations

import json

from cleaner import clean

BODY = ("<p>The harbour authority confirmed on Monday that the old ferry terminal will close at the end of "
        "the summer, after more than sixty years of service to the islands.</p>"
        "<p>A new terminal, built two kilometres to the east, is expected to open in the autumn, "
        "although the contractors have warned that the schedule depends on the weather.</p>")


def html(head: str = "", before: str = "") -> str:
    return (f"<html><head>{head}</head><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            f"<article>{before}{BODY}</article></body></html>")


def run(page: str):
    return clean(page, "https://port.example.net/news/ferry-terminal", site_rules=False, content_type="html")


def test_json_ld_article_wins():
    ld = {"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "Port News"},
        {"@type": "NewsArticle", "headline": "Old ferry terminal to close",
         "author": [{"@type": "Person", "name": "Mara Lind"}, {"@type": "Person", "name": "Tom Berg"}],
         "datePublished": "2024-06-03T09:15:00+02:00"}]}
    head = (f"<title>Ferry terminal closing | Port News</title>"
            f"<meta property='og:title' content='Something else entirely'>"
            f"<script type='application/ld+json'>{json.dumps(ld)}</script>")
    r = run(html(head))
    assert r.title == "Old ferry terminal to close"
    assert r.author == "Mara Lind, Tom Berg"
    assert r.date == "2024-06-03T09:15:00+02:00"


def test_meta_tags_when_there_is_no_json_ld():
    head = ("<title>Old ferry terminal to close - Port News</title>"
            "<meta property='og:site_name' content='Port News'>"
            "<meta name='author' content='Mara Lind'>"
            "<meta property='article:published_time' content='2024-06-03T07:15:00Z'>")
    r = run(html(head))
    assert r.title == "Old ferry terminal to close"
    assert r.author == "Mara Lind"
    assert r.date.startswith("2024-06-03T07:15:00")


def test_broken_json_ld_is_ignored_not_fatal():
    head = ("<script type='application/ld+json'>{\"@type\": \"NewsArticle\", \"headline\": </script>"
            "<meta property='og:title' content='Old ferry terminal to close'>")
    r = run(html(head))
    assert r.title == "Old ferry terminal to close"
    assert "harbour authority" in r.text


def test_byline_element_gives_the_author():
    before = "<h1>Old ferry terminal to close</h1><p class='byline'>By <a href='/staff/mara'>Mara Lind</a></p>"
    r = run(html("<title>Old ferry terminal to close</title>", before))
    assert r.author == "Mara Lind"
    assert "By Mara Lind" not in r.text


def test_date_found_in_the_page_when_no_metadata_declares_it():
    before = "<h1>Old ferry terminal to close</h1><time datetime='2024-06-03'>3 June 2024</time>"
    r = run(html("<title>Old ferry terminal to close</title>", before))
    assert r.date is not None and r.date.startswith("2024-06-03")


def test_a_date_only_in_the_url_is_found_and_markup_wins_over_it():
    from cleaner import clean
    body = "<p>The council voted on Tuesday to approve the budget for the coming year after a long debate.</p>" * 4
    page = "<html><head><title>Council backs new budget</title>{meta}</head><body><article>" + body + "</article></body></html>"
    url = "https://news.example.com/2016/12/30/council-budget"
    assert clean(page.format(meta=""), url).date == "2016-12-30"
    assert clean(page.format(meta=""), "https://news.example.com/council-budget").date is None
    dated = page.format(meta='<meta property="article:published_time" content="2017-01-02T08:00:00Z">')
    assert clean(dated, url).date.startswith("2017-01-02")


def test_a_utc_timestamp_past_midnight_gives_the_urls_day():
    """Markup in UTC ('2025-12-19T03:05:00+00:00') for a page the publisher dated the 18th in its URL: the
    page's own day is the URL's. A timestamp with the publisher's offset, or days apart, is kept as it is."""
    for published, url, day in (
            ("2025-12-19T03:05:00+00:00", "https://blog.example.net/2025/12/18/harbour/", "2025-12-18"),
            ("2025-12-19T03:05:00-05:00", "https://blog.example.net/2025/12/18/harbour/", "2025-12-19T03:05:00-05:00"),
            ("2025-12-25T03:05:00+00:00", "https://blog.example.net/2025/12/18/harbour/", "2025-12-25T03:05:00+00:00")):
        page = html(f"<meta property='article:published_time' content='{published}'>")
        assert clean(page, url, site_rules=False, content_type="html").date == day


def _ld_dated(published: str) -> str:
    ld = {"@context": "https://schema.org", "@type": "Article", "headline": "Old ferry terminal to close",
          "datePublished": published}
    return f"<title>Old ferry terminal to close</title><script type='application/ld+json'>{json.dumps(ld)}</script>"


def test_the_date_printed_under_the_headline_wins_over_a_template_date():
    """JSON-LD says 2021 (the page's first version); the byline the reader sees says March 2023."""
    before = ("<h1>Old ferry terminal to close</h1><div class='meta'><span>By Mara Lind</span>"
              "<span>March 20, 2023</span></div>")
    assert run(html(_ld_dated("2021-08-12T19:35:44+00:00"), before)).date == "2023-03-20"


def test_an_updated_date_under_the_headline_does_not_replace_the_declared_one():
    for shown in ("<span>Updated on</span> <span>March 20, 2023</span>", "<span>Last updated: March 20, 2023</span>"):
        before = f"<h1>Old ferry terminal to close</h1><div class='meta'>{shown}</div>"
        assert run(html(_ld_dated("2021-08-12T19:35:44+00:00"), before)).date == "2021-08-12T19:35:44+00:00"


def test_a_declared_date_the_byline_also_shows_keeps_its_time():
    before = ("<h1>Old ferry terminal to close</h1><p><span>March 20, 2023</span> · <span>Aug 12, 2021</span></p>")
    assert run(html(_ld_dated("2021-08-12T19:35:44+00:00"), before)).date == "2021-08-12T19:35:44+00:00"


def test_article_published_time_is_trusted_over_the_shown_date():
    head = "<meta property='article:published_time' content='2021-08-12T19:35:44+00:00'>"
    before = "<h1>Old ferry terminal to close</h1><p><span>March 20, 2023</span></p>"
    assert run(html(head, before)).date == "2021-08-12T19:35:44+00:00"


def test_a_date_far_below_the_headline_is_not_the_byline():
    before = "<h1>Old ferry terminal to close</h1>" + "<p>" + "The ferry ran every hour. " * 20 + "</p><p>March 20, 2023</p>"
    assert run(html(_ld_dated("2021-08-12T19:35:44+00:00"), before)).date == "2021-08-12T19:35:44+00:00"


def test_only_a_page_declared_an_article_has_its_text_searched_for_a_date():
    """htmldate's deep search reads dates out of the page's text: on a page that is not declared an article
    that is mostly a footer's copyright year, given as January 1st (and it is the costliest step)."""
    body = "<p>The council voted on Tuesday to approve the budget for the coming year after a long debate.</p>" * 4
    page = ("<html><head><title>Council backs new budget</title>{og}</head><body><article>" + body +
            "{extra}</article><footer>Copyright 2019 Example News</footer></body></html>")
    url = "https://news.example.com/council-budget"
    assert clean(page.format(og="", extra=""), url, site_rules=False).date is None
    article = page.format(og="<meta property='og:type' content='article'>", extra="<div>Last edit 12 March 2021</div>")
    assert clean(article, url, site_rules=False).date == "2021-03-12"
