"""A series of teaser cards inside the chosen body (a section front, a blog index) is the page's content:
each card's linked headline and linked summary stay; a list of links inside a card and the posters'
details of a forum thread do not."""
from __future__ import annotations

from cleaner import clean

NAV = ('<nav class="top"><ul><li><a href="/">Home</a></li><li><a href="/science">Science</a></li>'
       '<li><a href="/health">Health</a></li><li><a href="/about">About</a></li></ul></nav>')
STORIES = [
    ("Teen sleep is getting worse, and phones are only part of it",
     "A study of two decades of surveys finds that the share of high schoolers sleeping under seven hours "
     "a night rose in every group the researchers looked at, whatever the school or the family income."),
    ("The long road to bringing back an extinct bird",
     "Biologists working on the island have spent ten years rebuilding a population from a few dozen "
     "birds, and they say the hardest part was never the genetics but the rats that came with the ships."),
    ("Why the river turned orange this summer",
     "Iron released by thawing ground upstream reached the water after an unusually warm spring; local "
     "fishermen noticed it first, weeks before the samples taken by the agency confirmed what it was."),
    ("A new map of the ocean floor, drawn from satellite data",
     "By measuring tiny bumps in the height of the sea surface, the team charted thousands of seamounts "
     "that no ship had ever crossed, some of them taller than the highest mountains of the region."),
    ("What the oldest trees in the valley remember about drought",
     "Cores taken from pines that germinated before the first farms show three dry spells longer than any "
     "in the written record, and the researchers think the next one could arrive within a generation."),
    ("Inside the lab that listens to glaciers",
     "Microphones frozen into the ice pick up the cracks and gurgles of meltwater, and the sounds change "
     "weeks before the satellites see the glacier speed up, which could give towns below an early warning."),
    ("How bees find their way home after a storm",
     "Tagged foragers released a few kilometres from the hive flew back along the river rather than the "
     "road, suggesting they rely on the shape of the landscape more than on the position of the sun."),
    ("The quiet return of the otters to city canals",
     "Volunteers counting tracks along the towpaths have seen numbers rise every year since the water was "
     "cleaned up, and night cameras now catch whole families fishing under the bridges near the station."),
]


def _card(k: int, title: str, summary: str, extra: str = "") -> str:
    return (f'<article class="item has-image"><div class="item-info"><a href="/shows/{k}">Short Wave</a>'
            f'<h2 class="title"><a href="/story/{k}">{title}</a></h2>'
            f'<p class="summary"><a href="/story/{k}">March {k + 2}, 2026 &bull; {summary}</a></p>{extra}'
            f'<div class="tools"><a href="/listen/{k}">Listen 8:17</a> <a href="/tr/{k}">Transcript</a> '
            f'<a href="/dl/{k}">Download</a> <a href="/embed/{k}">Embed</a></div></div></article>')


INTRO = [
    "The science desk follows researchers in the field and in the lab, from the ocean floor to the edge of "
    "the solar system, and explains what their work means for the rest of us.",
    "New stories appear here every weekday morning, with the week's podcast episodes on Fridays; each one "
    "links to the full report, its transcript and the studies it is based on.",
    "Have a question you would like our reporters to look into? Write to the desk, and we will answer the "
    "most common ones in a monthly episode recorded with the scientists themselves.",
]


def _page(cards: str) -> str:
    return (f"<html><head><title>Science</title></head><body>{NAV}<main><h1>Science</h1>"
            '<div class="list-overflow">' + "".join(f"<p>{p}</p>" for p in INTRO) + f"{cards}</div></main>"
            '<footer><p>Copyright 2026 the radio. All rights reserved. Terms of use and privacy.</p></footer>'
            "</body></html>")


def test_teaser_cards_of_a_section_page_are_kept() -> None:
    html = _page("".join(_card(k, t, s) for k, (t, s) in enumerate(STORIES)))
    text = clean(html, "https://radio.example.org/sections/science/", site_rules=False, content_type="html").text
    for title, summary in STORIES:
        assert title in text
        assert summary in text
    assert INTRO[2] in text
    assert "Copyright" not in text and "About" not in text.split()


def test_a_list_of_links_inside_a_card_goes() -> None:
    more = ('<ul class="more"><li><a href="/a">Sleep and school start times</a></li>'
            '<li><a href="/b">What melatonin does and does not</a></li>'
            '<li><a href="/c">How teenagers use their phones</a></li></ul>')
    html = _page("".join(_card(k, t, s, more if k == 0 else "") for k, (t, s) in enumerate(STORIES)))
    text = clean(html, "https://radio.example.org/sections/science/", site_rules=False, content_type="html").text
    assert STORIES[0][1] in text and STORIES[3][1] in text
    assert "What melatonin does and does not" not in text


def test_linked_names_of_a_shop_grid_in_the_text_stay() -> None:
    # a grid of priced tiles beside a collection's own text: the tiles are not protected whole (a shop's
    # grid is not always the content), but their linked names are not pruned away from their prices
    tiles = "".join(
        f'<div class="tile"><a href="/p/{k}"><h3>{title}</h3></a><p>{summary[:90]}</p><p>${k + 20}.00</p></div>'
        for k, (title, summary) in enumerate(STORIES))
    html = (f"<html><head><title>Prints</title></head><body>{NAV}<main><h1>Science prints</h1>"
            + "".join(f"<p>{p}</p>" for p in INTRO) + f'<div class="grid">{tiles}</div></main></body></html>')
    text = clean(html, "https://shop.example.org/collections/prints", site_rules=False, content_type="html").text
    assert INTRO[0] in text
    for title, _ in STORIES:
        assert title in text
