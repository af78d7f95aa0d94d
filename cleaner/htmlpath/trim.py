"""Edges of the extracted body: a dateline or reading time above the text, a 'Related' tail below it."""
from __future__ import annotations

import re
from collections import Counter

from ..dates import MONTH
from ..doc import Doc
from .features import forum_thread
from .phrases import Phrases

_DATE = (rf"(?:\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH},?\s+\d{{4}}|{MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}"
         r"|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})")
_WEEKDAY = r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day,?\s+)?"
# A line that is only a date, a reading time, or a published/updated stamp.
_DATELINE = re.compile(
    rf"^(?:(?:published|posted|updated|last updated|modified|date)(?:\s+on)?\s*:?\s*)?{_WEEKDAY}{_DATE}"
    rf"(?:,?\s*(?:at\s+)?\d{{1,2}}[:.]\d{{2}}\s*(?:[ap]\.?m\.?)?(?:\s*[A-Z]{{2,4}})?)?\.?$"
    r"|^\d+\s*(?:min(?:ute)?s?|mins?)\.?\s*(?:read|reading(?:\s+time)?)$"
    r"|^(?:reading time|read time)\s*:?\s*\d+\s*(?:min(?:ute)?s?)$", re.I)
# A byline or publishing stamp with a date: "By Ann Lee · May 6, 2025 · 6 min read", "Published 6 hours ago".
_STAMP = re.compile(r"^(?:posted|published|updated|last (?:updated|modified|reviewed)|modified|written\b"
                    r"|by\s+(?-i:[A-Z][\w'.-]+(?:\s+[A-Z][\w'.-]+){0,3})\s*(?:[|·•⋅●,:–—-]|on\b|at\b|\d))", re.I)
_WHEN = re.compile(
    rf"\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}|\d{{4}}-\d{{2}}-\d{{2}}|\b{MONTH}\s+\d{{1,2}}|\b\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTH}"
    r"|\b\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago\b|\b\d+\s*min(?:ute)?s?\s+read\b",
    re.I)
STAMP_MAX = 120
# A line that is only a relative time ("5 hours ago", "2d ago", "yesterday") or a reading time ("7 min
# read"): a card's or a post's stamp, wherever it stands, not text.
_AGO = re.compile(r"^(?:updated|posted|published|edited)?\s*(?:\d+|an?|one)\s*(?:s|secs?|seconds?|m|mins?|minutes?|h|hrs?|"
                  r"hours?|d|days?|w|weeks?|mo|months?|y|yrs?|years?)\s+ago\.?$|^(?:just now|yesterday)$"
                  r"|^\d+\s*min(?:ute)?s?\s+read$", re.I)

# The phrase lists (tail headings, controls and calls to action, counters, disclosures...) are the rule
# set's `html_phrases:` (rules/_defaults.yaml), compiled in their frames by phrases.py.
FOLLOW_MAX = 300  # characters of a line that is a follow-us plug
CTA_MAX_WORDS = 8  # a call to action or control is a line of fewer spaces than this


def drop_placeholders(doc: Doc, phrases: Phrases) -> None:
    """Drop lines of placeholder copy ("Lorem ipsum dolor sit amet"): a template's filler, never the text."""
    placeholder = phrases.placeholder
    for unit in doc.units:
        if unit.keep and unit.kind != "pre" and placeholder.search(unit.text):
            doc.drop(unit, "html:placeholder", "boilerplate", reason="placeholder text of a template")


def drop_relative_times(doc: Doc) -> None:
    """Drop lines that are only a relative time ("5 hours ago", "yesterday") or a reading time ("7 min read"):
    a card's or a post's stamp."""
    for unit in doc.units:
        if unit.keep and len(unit.text) <= 30 and _AGO.match(unit.text.strip()):
            doc.drop(unit, "html:dateline", "header", reason="a relative time or reading time stamp, not text")


# A line that is only a number on a forum thread: a post's or an answer's vote count, its score between the
# up and down arrows (a number in the text sits in a sentence, a list, a table or a code block).
_SCORE = re.compile(r"^[-+\u2212]?\d{1,6}$")


def drop_scores(doc: Doc) -> None:
    """On a forum thread, drop lines that are only a number: the vote counts beside its posts."""
    if not forum_thread(doc.url):
        return
    for unit in doc.units:
        if unit.keep and unit.kind not in ("pre", "td", "li") and _SCORE.match(unit.text.strip()):
            doc.drop(unit, "html:button", "boilerplate", reason="a post's vote count")


NOSCRIPT_MAX = 300  # visible characters of a <noscript> notice (see blocks: info["noscript"] is the element's)


def drop_noscript_notices(doc: Doc) -> None:
    """Drop the lines of a <noscript> notice ("JavaScript is disabled. For a better experience, please enable
    JavaScript..."): what a browser without scripts shows in place of the page's widgets, never seen by a
    reader whose browser runs them. Longer <noscript> text stays: some pages put their posts there."""
    for unit in doc.units:
        if unit.keep and 0 < unit.info.get("noscript", 0) <= NOSCRIPT_MAX and "javascript" in unit.text.lower():
            doc.drop(unit, "html:noscript", "boilerplate", reason="a notice shown only without scripts")


def drop_buttons(doc: Doc, phrases: Phrases) -> None:
    """Drop lines that are only a call to action ("Sign up", "Add to cart", "Back to top", "Loading..."),
    a forum member's counters ("Posts: 1,077") or a post's or card's ("27 comments", "3 Likes"):
    controls and widgets, not text."""
    widget, follow, cta = phrases.widget, phrases.follow, phrases.cta
    poster, counter = phrases.poster, phrases.counter
    for unit in doc.units:
        if not unit.keep or unit.kind == "pre":
            continue
        text = unit.text.strip()
        if widget.match(text):
            doc.drop(unit, "html:button", "boilerplate", reason="a widget's placeholder, not text")
            continue
        if len(text) <= FOLLOW_MAX and follow.search(text):
            doc.drop(unit, "html:button", "social", reason="a follow-us plug")
            continue
        if text.count(" ") >= CTA_MAX_WORDS:
            continue
        if cta.match(text):
            doc.drop(unit, "html:button", "boilerplate", reason="a call to action or control, not text")
        elif poster.match(text):
            doc.drop(unit, "html:button", "boilerplate", reason="a forum member's details")
        elif counter.match(text):
            doc.drop(unit, "html:button", "boilerplate", reason="a post's or card's counter")


DISCLOSURE_MAX = 350  # characters of a line that is an affiliate disclosure


def drop_disclosures(doc: Doc, phrases: Phrases) -> None:
    """Drop affiliate disclosures ("We may earn a commission from links on this page")."""
    key, disclosure = phrases.disclosure_key, phrases.disclosure  # the cheap test first
    for unit in doc.units:
        if unit.keep and len(unit.text) <= DISCLOSURE_MAX and unit.kind != "pre" \
                and key.search(unit.text) and disclosure.search(unit.text):
            doc.drop(unit, "html:disclosure", "boilerplate", reason="affiliate disclosure")


# The writer's box at the very end of a text: a line that is only a name ("Amanda Furrer", "Written by Ann
# Lee", "Angela Holliday-Bell, MD"), then at most a role line and the bio, which opens with that name
# ("Amanda Furrer, Editor, studied ..."). On the train pages this shape is never the text's own last
# entry (a list article's last place or brand is named "The ..." or has more lines after it).
_BIO_NAME = re.compile(r"^(?:(?:written|reviewed|edited) by\s+|by\s+)?(?-i:((?!The\b)[A-Z][\w.'\u2019-]+"
                       r"(?:\s+[A-Z][\w.'\u2019-]+){1,3}))(?:,[^.]{0,40})?\*?$", re.I)
BIO_TAIL = 3       # the name line is one of the text's last this many lines
BIO_MIN = 60       # characters of the bio line


def drop_author_tail(doc: Doc) -> None:
    """Drop a writer's name and bio that end the text (an author box without a class to say so)."""
    live = [u for u in doc.units if u.keep]
    if len(live) < BIO_TAIL + 3:  # a text of a few lines: its last ones are its own
        return
    for k in range(len(live) - BIO_TAIL, len(live) - 1):
        text = live[k].text.strip()
        m = _BIO_NAME.match(text) if len(text) <= 80 and live[k].kind != "pre" else None
        if m is None:
            continue
        name = m.group(1)
        if any(len(u.text) >= BIO_MIN and u.text.startswith(name) and u.text[len(name):len(name) + 1] in " ,\u2019'"
               for u in live[k + 1:]):
            for unit in live[k:]:
                doc.drop(unit, "html:author-bio", "byline", reason="the writer's bio after the text")
            return


REPEAT_MIN_LINE = 20    # characters: shorter lines ("Reply", "Read more") repeat legitimately
REPEAT_MIN_RUN = 300    # characters of consecutive repeated lines that make a copied block
REPEAT_MIN_PARA = 120   # ...or of one line the page gives exactly twice (a feature's caption and body)


def drop_repeats(doc: Doc) -> None:
    """Drop a run of lines that repeats, line for line, text already given above: the second copy of a
    block that pages print twice (a mobile and a desktop layout, a carousel's clones), or one paragraph
    of REPEAT_MIN_PARA characters or more that the page gives exactly twice (a feature's caption and its
    body, an FAQ answer in a tab and in a list). Other repeated lines stay (a refrain, a quoted sentence)."""
    live = [u for u in doc.units if u.keep]
    # a paragraph said exactly twice is a copy (more often: a refrain); not on a forum thread, where a
    # reply quotes the post it answers
    twice = Counter(u.text for u in live) if not forum_thread(doc.url) else Counter()
    seen: set[str] = set()
    repeat = []
    for unit in live:  # short lines ("Handmade stoneware.") join a run but do not make one...
        short = len(unit.text) < REPEAT_MIN_LINE
        # ...except a table's short rows ("Yes  Yes  Yes"), which repeat by nature
        repeat.append(unit.text in seen and not (short and unit.kind == "td"))
        seen.add(unit.text)
    i = 0
    while i < len(live):
        if not repeat[i]:
            i += 1
            continue
        j = i
        while j < len(live) and repeat[j]:
            j += 1
        if sum(len(u.text) for u in live[i:j] if len(u.text) >= REPEAT_MIN_LINE) >= REPEAT_MIN_RUN \
                or max((len(u.text) for u in live[i:j] if twice[u.text] == 2), default=0) >= REPEAT_MIN_PARA:
            for unit in live[i:j]:
                doc.drop(unit, "html:repeat", "boilerplate", reason="a block repeated from above")
        i = j


def drop_product_repeats(doc: Doc) -> None:
    """On a page that declares itself a product (see extract.main_content's info), drop every line given
    again: shop templates print the product's name, price, options and details twice or more (a phone
    and a desktop layout, a sticky bar, a quick-view) where the reader sees them once. Table rows and
    code stay (a spec table repeats "Yes" by nature)."""
    if doc.cache.get("page_kind") != "product":
        return
    seen: set[str] = set()
    for unit in doc.units:
        if not unit.keep or unit.kind in ("td", "pre"):
            continue
        if unit.text in seen:
            doc.drop(unit, "html:repeat", "boilerplate", reason="a product's line given again")
        seen.add(unit.text)


TAIL_LINKED = 0.5  # share of linked text in the lines after a "Related" heading that makes them teasers


TAIL_SHARE = 0.25  # ...or their share of the text that makes them a tail, not a section of it


def _teasers(units: list, live: list) -> bool:
    """Whether the lines after a "Related ..." / "More on ..." heading read as teasers: mostly links, or a
    small tail of the text; not a large linkless part of it (an article's "More on Chicago Booth:"
    section, the rest of a ranking)."""
    chars = sum(len(u.text) for u in units)
    return chars <= TAIL_SHARE * sum(len(u.text) for u in live) \
        or sum(u.info.get("link_chars", 0) for u in units) >= TAIL_LINKED * chars


# A box of links set inside the text goes with its heading: a short heading of html_phrases' box_headings
# ("Don't miss", "See also") or tail_headings ("Related articles", "More on ..."). Train split WCXB
# +0.00006 (4 pages up on 4 hosts, none down), AEB 0.9797 -> 0.9806 (2 pages up), held out +0.00023
# (2 up, none down).
BOX_LINKED = 0.8  # share of a line's characters inside links that makes it one of the box's links
BOX_MIN = 2       # links under the heading that make a box


def drop_link_boxes(doc: Doc, phrases: Phrases) -> None:
    """Drop a "Related" / "Don't miss" heading inside the text with the linked lines under it (a box of
    teasers the page sets between paragraphs), when text follows it (the tail cut takes the end)."""
    live = [u for u in doc.units if u.keep]
    tail, box = phrases.tail, phrases.box
    k = 0
    while k < len(live):
        text = live[k].text.strip()
        if len(text) <= 60 and (tail.match(text) or box.match(text)):
            j = k + 1
            while j < len(live) and live[j].kind != "h" \
                    and live[j].info.get("link_chars", 0) >= BOX_LINKED * len(live[j].text.strip()):
                j += 1
            if j - k - 1 >= BOX_MIN and j < len(live):
                for unit in live[k:j]:
                    doc.drop(unit, "html:related-box", "related", reason="a box of links inside the text")
                k = j
                continue
        k += 1


def trim(doc: Doc, phrases: Phrases) -> None:
    """Drop repeated blocks, datelines among the first lines, boxes of links inside the text and a
    'Related ...' heading near the end with what follows (phrases: the rule set's compiled phrase lists)."""
    drop_repeats(doc)
    drop_placeholders(doc, phrases)
    drop_relative_times(doc)
    drop_buttons(doc, phrases)
    drop_scores(doc)
    drop_noscript_notices(doc)
    drop_disclosures(doc, phrases)
    drop_author_tail(doc)
    drop_link_boxes(doc, phrases)
    _cut_ends(doc, phrases)
    drop_product_repeats(doc)  # last: the cuts above measure the page's lines as it prints them


def _cut_ends(doc: Doc, phrases: Phrases) -> None:
    """Drop datelines among the first lines and a 'Related ...' heading near the end with what follows."""
    live = [u for u in doc.units if u.keep]
    if len(live) < 4:
        return
    # on a forum thread each post's "Posted March 5" belongs to the post
    stamps = not forum_thread(doc.url)
    for unit in live[:6]:
        text = unit.text.strip()
        if (len(text) <= 80 and _DATELINE.match(text)) or (
                stamps and len(text) <= STAMP_MAX and not text.endswith(":") and _STAMP.match(text) and _WHEN.search(text)):
            doc.drop(unit, "html:dateline", "header", reason="date, byline or reading time above the text")
    start, tail = int(len(live) * 0.6), phrases.tail
    for k in range(start, len(live)):
        unit = live[k]
        if len(unit.text) <= 60 and tail.match(unit.text.strip()) and _teasers(live[k + 1:], live):
            for rest in live[k:]:
                if rest.keep:
                    doc.drop(rest, "html:related-tail", "related", reason="teasers after the article")
            break
