"""A section front's teaser card keeps its headline beside its summary: the headline is linked (a link around
the whole card, or a linked heading over the summary paragraph), so alone it reads like a menu entry and was
pruned, leaving the summary without its title. Not on pages that declare themselves articles (a video box's
headline in a news story) or products, nor on forum threads."""
from __future__ import annotations

from cleaner import clean

INTRO = ("Our technology desk covers the companies, the gadgets and the policies that shape how we live online. "
         "Here you will find the week's reporting, explainers and the long reads our correspondents are proud of. "
         "Every story is checked by our editors before it goes out, and corrections are noted at the foot of the page. ")
WRAPPED = [("Chip makers race to build the next generation of tiny sensors",
            "Engineers in three countries say the new sensors will cut power use by half in ordinary phones."),
           ("Why the city's trams now run on software written by students",
            "A summer project became the timetable system that moves forty thousand riders every day.")]
OVER = [("Satellite broadband reaches the last remote islands",
         "The service, switched on last week, gives schools and clinics a fast connection for the first time."),
        ("Regulators open an inquiry into app store fees",
         "Developers have long complained that the fees leave them little room to compete on price.")]


def _page(kind: str = "") -> str:
    meta = f"<meta property='og:type' content='{kind}'>" if kind else ""
    wrapped = "".join(f'<div class="c{k}"><a href="/news/w{k}"><div class="t{k}"><h2>{h}</h2></div><p>{p}</p></a></div>'
                      for k, (h, p) in enumerate(WRAPPED))
    over = "".join(f'<div class="o{k}"><h3><a href="/news/o{k}">{h}</a></h3><p>{p}</p></div>'
                   for k, (h, p) in enumerate(OVER))
    return (f"<html><head>{meta}<title>Technology</title></head><body>"
            "<nav><a href='/'>Home</a> <a href='/news'>News</a> <a href='/sport'>Sport</a></nav>"
            f"<div class='front'><h1>Technology</h1><p>{INTRO * 3}</p>{wrapped}{over}"
            "<h3><a href='/more'>More sections</a></h3><ul><li><a href='/a'>Business</a></li>"
            "<li><a href='/b'>Health</a></li><li><a href='/c'>Culture</a></li></ul></div>"
            "<footer><p>Copyright 2026 Example News.</p></footer></body></html>")


def test_a_teaser_card_keeps_its_linked_headline():
    r = clean(_page(), "https://news.example.com/technology", content_type="html", site_rules=False)
    for headline, summary in WRAPPED + OVER:
        assert summary in r.text
        assert headline in r.text
    assert "More sections" not in r.text  # a linked heading over a list of links is still a menu


def test_not_on_a_page_that_declares_itself_an_article():
    r = clean(_page("article"), "https://news.example.com/technology", content_type="html", site_rules=False)
    assert INTRO.strip() in r.text
    assert not any(headline in r.text for headline, _ in WRAPPED + OVER)
