"""The automatic text header on a whole page's text: the URL slug picks the headline out of the menus."""
from __future__ import annotations

import pytest

from cleaner import clean

BODY = ("The new backup plan keeps three copies of every file on two kinds of storage, with one copy "
        "away from the office, and it is tested by restoring a random folder every month.\n\n"
        "Snapshots are taken every hour and kept for a week, then thinned out to one a day for a "
        "month, which has been enough for every accidental deletion so far this year.\n\n"
        "The offsite copy is encrypted before it leaves the machine, and the key is printed and "
        "stored in a safe, because a backup you cannot decrypt is not a backup at all.")


def test_menu_line_is_not_taken_for_the_title():
    text = f"Subscribe\nSign in\nHome\nMy nightly backup strategy\nMarch 3, 2024\n\n{BODY}"
    r = clean(text, "https://blog.example.net/my-nightly-backup-strategy", content_type="text",
              site_rules=False)
    assert r.title == "My nightly backup strategy"
    assert r.date.startswith("2024-03-03")
    assert "My nightly backup strategy" not in r.text


def test_short_headline_is_not_a_byline():
    text = f"Backup Strategy\nJanuary 22, 2019\n\n{BODY}"
    r = clean(text, "https://blog.example.net/backup-strategy", content_type="text", site_rules=False)
    assert r.author is None
    assert r.title == "Backup Strategy"


def test_without_url_the_first_line_is_still_the_title():
    text = f"Backup Strategy\nJane Smith\nJanuary 22, 2019\n\n{BODY}"
    r = clean(text, content_type="text", site_rules=False)
    assert r.title == "Backup Strategy"
    assert r.author == "Jane Smith"


# A whole page's text, where the line model runs: menu, a prose banner above the headline, the article.
BANNER = ("We use cookies to give you the best experience on our website. By continuing to browse the site "
          "you agree to our use of cookies and our updated privacy policy.")
FOOTER = ["About us", "Contact", "Privacy policy", "Terms of use",
          "\u00a9 2024 Example News Ltd. All rights reserved."]


def whole_page(headline: str) -> str:
    from .sample_article import NAV, PARAGRAPHS
    return "\n\n".join(["\n".join(NAV), BANNER, f"{headline}\nMay 12, 2024", *PARAGRAPHS, "\n".join(FOOTER)])


@pytest.mark.parametrize("line", [
    "Harbour council approves new ferry terminal",
    "Home \u203a News \u203a Harbour council approves new ferry terminal",    # breadcrumb trail
    "News / Local / Harbour council approves new ferry terminal",
    "* Harbour council approves new ferry terminal",                        # list mark
    "Harbour council approves new ferry terminal | Example",                # the site's name (host example.org)
])
def test_headline_below_a_prose_banner_is_the_title(line):
    """Prose above the article (here a cookie notice) does not hide the headline below it."""
    from .sample_article import URL
    r = clean(whole_page(line), URL, content_type="text", site_rules=False)
    assert r.title == "Harbour council approves new ferry terminal"
    assert r.date.startswith("2024-05-12")
    assert line not in r.text and BANNER not in r.text


def test_headline_keeps_a_suffix_that_is_not_the_site():
    from cleaner.ops._page_header import headline
    assert headline("Sundara headphones | 2020 Edition", "https://shop.example.com/sundara") \
        == "Sundara headphones | 2020 Edition"
    assert headline("9.2. Recoverable Errors with Result", None) == "Recoverable Errors with Result"
    assert headline("3.1 Git Branching \u00b6", None) == "Git Branching"
    assert headline("10 Best Moving Companies", None) == "10 Best Moving Companies"
    assert headline("AC/DC live in Paris", None) == "AC/DC live in Paris"


@pytest.mark.parametrize("line, author, date", [
    ("By Ann Lee \u2022 May 3, 2025 \u2022 4 min read", "Ann Lee", "2025-05-03"),
    ("Last updated on May 3, 2025 by Ann Lee", "Ann Lee", "2025-05-03"),
    ("Ann Lee May 3, 2025", "Ann Lee", "2025-05-03"),
    ("May 3, 2025 By Ann Lee, Health Editor", "Ann Lee", "2025-05-03"),
    ("By: Ann Lee | Harbour News", "Ann Lee", None),
    ("03 May 2025. 8 minutes read", None, "2025-05-03"),
])
def test_byline_below_the_headline_becomes_metadata(line, author, date):
    from .sample_article import URL
    page = whole_page("Harbour council approves new ferry terminal").replace("May 12, 2024", line)
    r = clean(page, URL, content_type="text", site_rules=False)
    assert r.author == author
    assert (r.date or "")[:10] == (date or "")
    assert line not in r.text


@pytest.mark.parametrize("name, date_line, author", [
    ("Ann Lee", "May 3, 2025", "Ann Lee"),              # a byline printed on two lines
    ("Sergio Martinez-Beltran", "03 May 2025", "Sergio Martinez-Beltran"),
    ("Related Posts", "Harbour news in brief", None),   # name-like, but no date beside it: not a byline
])
def test_a_name_line_beside_a_date_below_the_headline_is_the_author(name, date_line, author):
    from .sample_article import URL
    page = whole_page("Harbour council approves new ferry terminal").replace("May 12, 2024", f"{name}\n{date_line}")
    r = clean(page, URL, content_type="text", site_rules=False)
    assert r.author == author
    if author:
        assert name not in r.text and any(x.text == name and x.reason == "model:author" for x in r.removed)


def test_a_byline_above_the_article_far_from_the_headlines_first_copy():
    """The headline's first copy sits in a menu (a 'Most read' list); the byline is just above the article,
    out of that copy's reach: it is still read there."""
    from .sample_article import NAV, PARAGRAPHS, URL
    menu = ["Most read", "Harbour council approves new ferry terminal", *[f"Local story number {i}" for i in range(12)]]
    page = "\n\n".join(["\n".join(NAV + menu), "By Ann Lee\nMay 3, 2025", *PARAGRAPHS, "\n".join(FOOTER)])
    r = clean(page, URL, content_type="text", site_rules=False)
    assert (r.author, (r.date or "")[:10]) == ("Ann Lee", "2025-05-03")
    assert "By Ann Lee" not in r.text and r.text.startswith(PARAGRAPHS[0])


def test_a_publication_stamp_further_down_the_article_gives_the_date():
    """Out of the byline's reach below the headline, a 'Last updated' line inside the article still dates it;
    a line that merely holds a date there does not."""
    from .sample_article import NAV, PARAGRAPHS, URL
    more = ["Local businesses on the pier said they expected the works to disrupt trade for most of next "
            "summer, but hoped that the new terminal would bring more customers in the years after.",
            "The islands' community council said it would ask for a temporary waiting room to be set up "
            "on the quay while the building work goes on, so that passengers are not left in the rain."]
    for line, date in (("Last updated: May 3, 2025", "2025-05-03"), ("Harbour news, May 3, 2025", "")):
        body = [*more, *PARAGRAPHS, line, *more]
        page = "\n\n".join(["\n".join(NAV), "Harbour council approves new ferry terminal", *body, "\n".join(FOOTER)])
        r = clean(page, URL, content_type="text", site_rules=False)
        assert (r.date or "")[:10] == date


@pytest.mark.parametrize("line", [
    "Updated May 3, 2025: the council has now voted to close the old terminal for good and sell the land",
    "By clicking Subscribe you agree to our terms",
    "Photo by Ann Lee",
])
def test_sentences_with_a_date_or_by_are_not_bylines(line):
    from cleaner.ops.text_header import read_byline
    assert read_byline(line) is None


def test_dates_inside_a_line_are_found_as_whole_words():
    from cleaner.dates import find_dates
    assert [d for _, _, d in find_dates("Posted on June 29, 2020 November 12, 2021")] == ["2020-06-29", "2021-11-12"]
    assert find_dates("to our dismay 12 2020 came") == []
    assert [d for _, _, d in find_dates("released 2023-05-02 (stable)")] == ["2023-05-02"]


def test_byline_above_the_article_without_a_headline():
    """No line repeats the URL slug (there is none) or a page title: the byline above the first paragraph counts."""
    page = whole_page("By Ann Lee \u2022 May 3, 2025").replace("May 12, 2024", "Share this story")
    r = clean(page, "https://news.example.org/p/48213", content_type="text", site_rules=False)
    assert r.author == "Ann Lee" and r.date == "2025-05-03"
    assert "By Ann Lee" not in r.text


def test_a_whole_date_line_is_always_a_byline_date():
    from cleaner.ops.text_header import read_byline
    assert read_byline("Published on Friday, 30 December 2016 at 13:31 GMT") == (None, "2016-12-30T13:31:00+00:00")


@pytest.mark.parametrize("line, author", [
    ("By Ann Lee View profile", "Ann Lee"),
    ("By Ann Lee 4 Comments", "Ann Lee"),
    ("By Ann Lee Last updated: May 3, 2025", "Ann Lee"),
    ("By Ann Lee \u22c5 Review Editor", "Ann Lee"),
])
def test_what_follows_the_name_on_a_byline_is_not_the_name(line, author):
    from cleaner.ops.text_header import read_byline
    assert read_byline(line)[0] == author


def test_a_date_line_without_a_year_gives_no_date():
    """'Dec 23' alone would be read as this year's: wrong for most pages."""
    from cleaner.dates import parse_date_line
    assert parse_date_line("Dec 23") is None and parse_date_line("Monday, December 23") is None
    assert parse_date_line("December 23, 2020") == "2020-12-23"
    assert parse_date_line("23.12.2020") == "2020-12-23"  # a date, not a time of 23:12


def test_a_menu_item_repeated_from_the_first_line_is_not_the_title():
    """inscriptis has no <title> line: a first line 'Sign in' makes a later 'Sign in' look like the headline."""
    from .sample_article import NAV, PARAGRAPHS
    text = "\n\n".join(["Sign in\n" + "\n".join(NAV), BANNER, "Sign in", *PARAGRAPHS, "\n".join(FOOTER)])
    r = clean(text, "https://news.example.org/p/48213", content_type="text", site_rules=False)
    assert r.title is None
    assert PARAGRAPHS[0] in r.text


def test_prose_paragraph_above_a_late_date_line_is_not_the_title():
    """Found by tests/test_properties.py: the first of three paragraphs, two sentences whose first ends in
    a two-letter word ('... of. The ...'), was taken for the headline of a date line below them."""
    paras = ["The harbour plan was the first of its kind. The council approved it in a single vote.",
             "Work on the new terminal starts in spring, and the ferries will keep running meanwhile.",
             "The cost is shared with the port authority, which will run the terminal when it opens."]
    for first in (paras[0], paras[0].replace("its kind.", "it all of.")):
        text = "\n\n".join([first, *paras[1:], "Friday 30 December 2016 13:31 GMT"])
        r = clean(text, content_type="text", site_rules=False)
        assert first in r.text and r.title is None


def _units(text: str):
    from cleaner.doc import Doc
    from cleaner.textpath import to_units
    doc = Doc(mode="text", source=text)
    to_units(doc)
    return doc.units


@pytest.mark.parametrize("text, title", [
    # html-text prints the <title> first: its headline part, repeated by the page, names the page
    ("Top MBA Programs of 2025 | Example Guides\nHome\nRankings\nTop MBA Programs — In-Depth Profiles\n"
     "Top MBA programs of 2025\nBy Ann Lee", "Top MBA Programs of 2025"),
    ("Healthy Eating Tips - Nutrition\nMenu\n  Healthy eating tips.  \nEat more greens.", "Healthy Eating Tips"),
    # no site part to cut: a menu item or a site name first (inscriptis prints no <title>)
    ("Home\nNews\nHome\nAn article.", None),
    ("Example Motors Ltd\nCars\nExample Motors Ltd\nAn article.", None),
    # a site part, but the rest is not a line of the page: nothing to confirm it
    ("Harbour ferry plans | Example News\nHome\nHarbour council approves new ferry terminal", None),
])
def test_the_first_lines_headline_part_repeated_by_the_page_is_the_title(text, title):
    from cleaner.ops._page_header import page_title
    assert page_title(_units(text)) == title


def test_a_page_title_repeated_below_names_the_page():
    """'Headline – Site' first and the headline again as the article's own heading: that is the title,
    even when a different heading nearer the text repeats the URL's words."""
    from .sample_article import URL
    page = whole_page("Harbour council approves new ferry terminal")
    r = clean("Ferry terminal plan approved \u2013 The Coastal Gazette\n\nFerry terminal plan approved\n" + page,
              URL, content_type="text", site_rules=False)
    assert r.title == "Ferry terminal plan approved"


def test_headline_just_above_the_article_without_slug_or_page_title():
    """inscriptis prints no <title> and this URL has no words: the heading-like line just above the article
    that shares its words is the headline; one that shares none (a promotion, a section label) is not."""
    for line, title in (("Harbour council approves new ferry terminal", "Harbour council approves new ferry terminal"),
                        ("Sponsored partner offers available", None)):
        r = clean(whole_page(line), "https://news.example.org/p/48213", content_type="text", site_rules=False)
        assert r.title == title
        if title:
            assert title not in r.text and any(x.text == title and x.reason == "model:title" for x in r.removed)


@pytest.mark.parametrize("line, author, date", [
    ("* by Christian Roth", "Christian Roth", None),                       # a list item's mark before it
    ("* Written by Philip Stefanov", "Philip Stefanov", None),
    ("Author: Nirmita Panchal", "Nirmita Panchal", None),
    ("By Korin MillerPublished: Jan 29, 2025", "Korin Miller", "2025-01-29"),   # elements glued when flattened
    ("by Jill Barshay August 25, 2025August 29, 2025", "Jill Barshay", "2025-08-25"),
    ("Posted by McMayday on May 3, 2025", "McMayday", "2025-05-03"),       # 'May' inside a name is no month
])
def test_bylines_with_marks_labels_and_glued_words(line, author, date):
    from cleaner.ops.text_header import read_byline
    assert read_byline(line) == (author, date)


def test_a_marked_byline_inside_the_article_gives_author_and_date():
    """Out of reach of the headline and of the lines just above the text (here after the first paragraph,
    under a lead image), a 'By ...' line still names the author; a name-and-date line there only dates it."""
    from .sample_article import NAV, PARAGRAPHS
    for line, author in (("By Ann Lee | May 3, 2025", "Ann Lee"), ("Ann Lee May 3, 2025", None)):
        page = "\n\n".join(["\n".join(NAV), BANNER, PARAGRAPHS[0], line, *PARAGRAPHS[1:], "\n".join(FOOTER)])
        r = clean(page, "https://news.example.org/p/48213", content_type="text", site_rules=False)
        assert (r.author, r.date and r.date[:10]) == (author, "2025-05-03")
        if author:
            assert line not in r.text and PARAGRAPHS[1] in r.text


def test_a_date_line_near_the_start_of_the_article_dates_it():
    """No headline or byline to read it from: the date line nearest the article's first paragraph is the
    date, not one further away (a sidebar's)."""
    from .sample_article import NAV, PARAGRAPHS
    side = ["Popular posts", "Winter timetable announced", "January 2, 2023", "Share", "Print"]
    page = "\n\n".join(["\n".join(NAV + side), "May 3, 2025", *PARAGRAPHS, "\n".join(FOOTER)])
    r = clean(page, "https://news.example.org/p/48213", content_type="text", site_rules=False)
    assert (r.date or "")[:10] == "2025-05-03"
