"""Two elements' texts that meet with no space between them, a word ending and a capital starting (a shop's
tag links side by side, a label in <em> before its paragraph, a price before its screen-reader note), are
separate items that the page's style sets apart: the text keeps them apart, not as one glued word."""
from __future__ import annotations

from cleaner import clean

INTRO = ("The games below are the ones our players spent the most hours with this month, sorted by how many "
         "of them came back to play again in the following week, with the newest releases first.")


def _page(body: str) -> str:
    return ("<html><head><title>Action games</title></head><body><main><h1>Action games</h1>"
            f"<p>{INTRO}</p>{body}</main></body></html>")


def _text(body: str) -> str:
    return clean(_page(body), "https://example.com/genre/action", content_type="html", site_rules=False).text


def test_side_by_side_tags_are_separate_words():
    tags = "".join(f"<a class='tag' href='/tag/{t}'>{t}</a>" for t in ("Action", "Adventure", "Open World"))
    text = _text(f"<p>Players also tag it: {tags}.</p><p>{INTRO.replace('games', 'titles')}</p>")
    assert "Action Adventure Open World" in text
    assert "ActionAdventure" not in text


def test_a_label_before_its_paragraph_is_apart():
    text = _text("<p>Avoid dark paper, small or light type, outline or condensed fonts, colored inks, etc."
                 "<em>Name</em>There are three places on the form where you must give the name of the company, "
                 "and it must be exactly the same in all three of them.</p>")
    assert "etc. Name There are three places" in text


def test_words_split_by_markup_in_lower_case_stay_whole():
    # a styled first letter or a highlighted half of a word: no capital after a word ending, no space
    text = _text("<p>The <b>Java</b>script console and the <span class='hl'>e</span>mail client both open "
                 "from the same menu, and either of them can be pinned to the bar at the top of the window.</p>")
    assert "Javascript console" in text and "email client" in text
