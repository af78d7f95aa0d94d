"""Edges of the extracted body: a dateline or reading time above the text, a 'Related' tail below it."""
from __future__ import annotations

import re
from collections import Counter

from ..dates import MONTH
from ..doc import Doc
from .features import FORUM_URL

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

# A short heading that opens the block of teasers under an article.
_TAIL = re.compile(r"^(?:related(?:\s+(?:articles?|posts?|stories|content|reading|news|topics|threads|questions|discussions))?"
                   r"|(?:explore )?(?:similar|related) (?:threads|topics|questions|discussions)|suggested topics|recommended"
                   r"(?:\s+(?:for you|articles?|stories|reading))?|you (?:may|might) also (?:like|enjoy)|read next|"
                   r"more (?:stories|articles|news|from|in|on|like this)\b.{0,40}|(?:most )?popular(?: (?:posts|stories))?"
                   r"|trending(?: now| stories)?|latest (?:news|stories|posts|articles)|keep reading|up next)\s*:?$",
                   re.I)


# A line that is only a call to action or a widget's state: a button, not text (at most 8 words).
# Share bars, "Read more" and newsletter phrases are left to the defaults' own rules (share-bar,
# read-more, newsletter), which run next and account for them under their categories.
_CTA = re.compile(
    # controls that stand alone
    r"^(?:sign ?(?:up|in)|log ?in|subscribe|register|contact us|buy (?:it )?now|shop now|"
    r"loading|show (?:all|more|less)|load more|view (?:all|more)|see (?:all|more)|share (?:this|it|via|on)|advert|"
    r"close|caption|expand|collapse|previous|next|prev|skip ad|table of contents(?: show| hide| toggle)?)"
    r"(?: now| here| today)?\s*[:!»›>…]*(?:\.\.\.)?$"
    # calls to action with their object: "Subscribe to our blog", "Back to top", "Add to cart"
    r"|^(?!.*newsletter)(?:sign up (?:for|to)|subscribe (?:to|for)|join (?:our|the) (?:mailing list|waitlist|community)|"
    r"book (?:a|your) (?:free )?(?:demo|call|consultation)|start (?:your |a )?free trial|try (?:it )?for free|"
    r"request (?:a )?(?:demo|quote|callback|free)|add to (?:cart|bag|basket|wishlist)|back to\b|"
    r"follow us\b|download (?:the|our) app|loading\b|view (?:all|more)\b|see (?:all|more)\b|"
    # a skip link ("Skip to main content", "Jump to navigation"), for keyboards and screen readers
    r"(?:skip|jump) to (?:the )?(?:main |page )?(?:content|navigation|nav|search|menu|footer|product list|"
    r"products|results|details)\b)"
    r"[^.?]{0,50}[:!…]?(?:\.\.\.)?$", re.I)
# The author's social-media plug under an article ("Follow her on Twitter @amy").
_FOLLOW = re.compile(r"\bfollow (?:us|him|her|me|them|[\w.]+)? ?(?:on|at|via) (?:twitter|facebook|instagram|x|linkedin|"
                     r"tiktok|youtube|bluesky|threads|mastodon)\b", re.I)
FOLLOW_MAX = 300
# What a widget says when its script did not run, CMS shortcodes left unrendered ("[button ...]"), and
# a gallery's position labels ("Image 1 of 5", "Go to slide 3").
_WIDGET = re.compile(r"^(?:[^.]{0,60}\b(?:requires|enable|needs|turn on)\s+javascript\b[^.]{0,40}\.?"
                     r"|(?:go to |show |view )?(?:image|slide|photo|picture|video)s?\s+\d+(?:\s*(?:of|/)\s*\d+)?"
                     r"|\[(\w+)\b[^\]]*\].{0,200}\[/\1\])$", re.I)
# Member details printed beside every forum post.
_POSTER = re.compile(r"^(?:join(?:ed)?(?: date)?|posts|messages|reaction score|trophy points|likes received|"
                     r"points|reputation)\s*:?\s*\d[\d,.]*$"
                     r"|^(?:joined|join date)\s*:?\s*\w{3,9}\.?(?: \d{1,2},?)? \d{4}$"
                     r"|^(?:join date|joined|reaction score|trophy points|likes received)\s*:?$", re.I)
CTA_MAX_WORDS = 8
# A post's or a teaser card's counters on a line of their own: "44 reactions", "27 comments", "1 Like",
# "1069 Episodes", "12.3k stars". (Not followers: a directory lists its organisers with them.)
# (A card's reading time, "7 min read", is a stamp: see _AGO.)
_COUNTER = re.compile(r"^\d[\d,.]*k?\s+(?:reactions?|comments?|likes?|repl(?:y|ies)|views?|shares?|episodes?|answers?"
                      r"|votes?|responses?|stars?|forks?)$", re.I)


# A template's placeholder copy ("Lorem ipsum dolor sit amet..."), left in a page's hidden or unused blocks.
_PLACEHOLDER = re.compile(r"\blorem ipsum\b", re.I)


def drop_placeholders(doc: Doc) -> None:
    """Drop lines of placeholder copy ("Lorem ipsum dolor sit amet"): a template's filler, never the text."""
    for unit in doc.units:
        if unit.keep and unit.kind != "pre" and _PLACEHOLDER.search(unit.text):
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
    if not (doc.url and FORUM_URL.search(doc.url)):
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


def drop_buttons(doc: Doc) -> None:
    """Drop lines that are only a call to action ("Sign up", "Add to cart", "Back to top", "Loading..."),
    a forum member's counters ("Posts: 1,077") or a post's or card's ("27 comments", "3 Likes"):
    controls and widgets, not text."""
    for unit in doc.units:
        if not unit.keep or unit.kind == "pre":
            continue
        text = unit.text.strip()
        if _WIDGET.match(text):
            doc.drop(unit, "html:button", "boilerplate", reason="a widget's placeholder, not text")
            continue
        if len(text) <= FOLLOW_MAX and _FOLLOW.search(text):
            doc.drop(unit, "html:button", "social", reason="a follow-us plug")
            continue
        if text.count(" ") >= CTA_MAX_WORDS:
            continue
        if _CTA.match(text):
            doc.drop(unit, "html:button", "boilerplate", reason="a call to action or control, not text")
        elif _POSTER.match(text):
            doc.drop(unit, "html:button", "boilerplate", reason="a forum member's details")
        elif _COUNTER.match(text):
            doc.drop(unit, "html:button", "boilerplate", reason="a post's or card's counter")


# An affiliate/advertising disclosure: the site speaking about itself, not the article.
_DISCLOSURE = re.compile(
    r"\b(?:we|i|us)\b[^.]{0,40}?\b(?:earn|receive|get|make)s?\b[^.]{0,30}?\b(?:commissions?|from qualifying purchases)\b"
    r"|\b(?:may|might|could)\s+(?:earn|receive|get)\b[^.]{0,30}?\bcommissions?\b"
    r"|\b(?:post|article|page|site|blog|website|links)\b[^.]{0,30}?\b(?:contains?|includes?|uses?|are|may contain)\b"
    r"[^.]{0,20}?\baffiliate links?\b"
    r"|^(?:affiliate |advertiser |editorial )?(?:disclosure|disclaimer|note)s?\s*:[^.]{0,120}\baffiliate\b"
    r"|^why trust us\??$|\bas an amazon associate\b|\bsupported by (?:commissions|affiliate)", re.I)
DISCLOSURE_MAX = 350
# Every disclosure form above holds one of these words: a cheap test first (the full pattern backtracks).
_DISCLOSURE_KEY = re.compile(r"commission|qualifying purchases|affiliate|why trust us|amazon associate", re.I)


def drop_disclosures(doc: Doc) -> None:
    """Drop affiliate disclosures ("We may earn a commission from links on this page")."""
    for unit in doc.units:
        if unit.keep and len(unit.text) <= DISCLOSURE_MAX and unit.kind != "pre" \
                and _DISCLOSURE_KEY.search(unit.text) and _DISCLOSURE.search(unit.text):
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
    twice = Counter(u.text for u in live) if not FORUM_URL.search(doc.url or "") else Counter()
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


def trim(doc: Doc) -> None:
    """Drop repeated blocks, datelines among the first lines and a 'Related ...' heading near the end
    with what follows."""
    drop_repeats(doc)
    drop_placeholders(doc)
    drop_relative_times(doc)
    drop_buttons(doc)
    drop_scores(doc)
    drop_noscript_notices(doc)
    drop_disclosures(doc)
    drop_author_tail(doc)
    _cut_ends(doc)
    drop_product_repeats(doc)  # last: the cuts above measure the page's lines as it prints them


def _cut_ends(doc: Doc) -> None:
    """Drop datelines among the first lines and a 'Related ...' heading near the end with what follows."""
    live = [u for u in doc.units if u.keep]
    if len(live) < 4:
        return
    # on a forum thread each post's "Posted March 5" belongs to the post
    stamps = not (doc.url and FORUM_URL.search(doc.url))
    for unit in live[:6]:
        text = unit.text.strip()
        if (len(text) <= 80 and _DATELINE.match(text)) or (
                stamps and len(text) <= STAMP_MAX and not text.endswith(":") and _STAMP.match(text) and _WHEN.search(text)):
            doc.drop(unit, "html:dateline", "header", reason="date, byline or reading time above the text")
    start = int(len(live) * 0.6)
    for k in range(start, len(live)):
        unit = live[k]
        if len(unit.text) <= 60 and _TAIL.match(unit.text.strip()) and _teasers(live[k + 1:], live):
            for tail in live[k:]:
                if tail.keep:
                    doc.drop(tail, "html:related-tail", "related", reason="teasers after the article")
            break
