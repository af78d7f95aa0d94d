"""The headline and byline of a whole page's text: which lines they are, and the title, author and date.

Used by classify_lines once the line model has scored the page: the lines found here leave the text as
metadata (category `header`, reasons `model:title`, `model:author`, `model:date`, `model:author+date`).
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import numpy as np

from ..regex import RE2_SPACE, compile_regex
from ..textpath import features
from ._match import matching_lines
from ._text import norm
from .text_header import NAME_LINE, read_byline


def read(doc, rows, kept_prose, first: int, last: int) -> list[tuple]:
    """Fill doc.meta's title, author and date from the page's headline and byline lines (rows: the line
    features; kept_prose: the prose lines the model keeps; first, last: the first and last kept line);
    returns the (line, reason) pairs that are metadata rather than body text."""
    units, meta = doc.units, doc.meta
    live_prose = kept_prose.copy()  # without the lines earlier rules dropped (only prose lines are looked at)
    live_prose[[i for i in np.flatnonzero(kept_prose).tolist() if not units[i].keep]] = False
    start = int(np.argmax(live_prose)) if live_prose.any() else None  # where the article's prose starts
    t = features.title_anchor(rows)
    if t is None:  # prose above the article (a banner, a blurb in the menu): look above its first kept prose
        t = features.title_anchor(rows, prose=live_prose)
    if t is not None and not _anchored(rows, t, units[0].text):
        t = None
    titled = page_title(units) if "title" not in meta else None  # a site rule's title stands
    if titled:
        meta["title"] = titled
    header: list[tuple] = []
    if t is not None and units[t].keep:
        meta.setdefault("title", headline(units[t].text, doc.url))
        header = [(units[t], "model:title"), *_byline(meta, units[max(0, t - 3):t] + units[t + 1:t + 9])]
        if "author" not in meta:
            name = _name_beside_date(units, t)
            if name is not None:
                meta["author"] = units[name].text.strip()
                header.append((units[name], "model:author"))
    if "title" not in meta and start is not None:  # no page-title line or slug to match (inscriptis: no <title>)
        h = _headline_above(units, live_prose, start, {id(u) for u, _ in header})
        if h is not None:
            meta["title"] = headline(units[h].text, doc.url)
            header.append((units[h], "model:title"))
    if "author" not in meta or "date" not in meta:
        # no headline found (no <title> line, a slug without words), or no byline around the one found (the
        # <title>'s copy in a menu, a related link): the byline sits above the article, the nearest line first
        # (further up, a sidebar's dated teasers)
        body = np.flatnonzero(kept_prose)
        if len(body):
            taken = {id(u) for u, _ in header}
            header += [h for h in _byline(meta, units[max(0, int(body[0]) - 6):int(body[0])][::-1])
                       if id(h[0]) not in taken]
    if "author" not in meta:  # 'By Ann Lee' / 'Author: Ann Lee' anywhere down to the article's end
        found = _marked_byline(doc, last)
        if found is not None:
            meta["author"] = found[1]
            took = "author"
            if found[2] and "date" not in meta:
                meta["date"], took = found[2], "author+date"
            header.append((found[0], "model:" + took))
    if "date" not in meta:  # "Published March 3, 2025" / "Last updated: ..." further down the article
        meta.update(_stamp(units[first:last + 1]))
    if "date" not in meta and start is not None:  # a date line (or byline) near the article's start
        meta.update(_date_near(units, start))
    return header


def _headline_above(units, live_prose, b: int, taken: set[int]) -> int | None:
    """The headline just above the article: of the 8 lines before its first kept prose line b, the longest
    that reads like a heading (3-25 words, no closing period, colon or comma, no byline or date) and shares
    at least two words of four letters or more with the first six kept prose lines (live_prose, a mask).

    Without the shared words the line above the text is as often a section label, a call to action or
    a menu item ("Find your school") as the headline."""
    words: set[str] | None = None  # the article's words, read only once a line looks like a heading
    best = None
    for j in range(b - 1, max(-1, b - 9), -1):
        text = units[j].text.strip()
        if id(units[j]) in taken or not 3 <= len(text.split()) <= 25 or len(text) > 200 \
                or text.endswith((".", ":", ";", ",")):
            continue
        if words is None:
            words = set().union(*(_long_words(units[i].text) for i in np.flatnonzero(live_prose)[:6].tolist()))
        if len(_long_words(text) & words) < 2 or read_byline(text):
            continue
        if best is None or len(text) > len(units[best].text.strip()):
            best = j
    return best


def _long_words(text: str) -> set[str]:
    return {w for w in _WORDS.findall(text.lower()) if len(w) >= 4}


_WORDS = re.compile(r"\w+")
# _MARKED's candidates in RE2 (spaces and word boundaries read more widely: it finds every line _MARKED matches)
MARKED_SCAN = compile_regex(rf"^{RE2_SPACE}*(?:[*+\-\x{{2022}}]{RE2_SPACE}+)?(?:(?:written|posted|reviewed|published|"
                             rf"words|story|article){RE2_SPACE}+)?(?:by|author)")
_MARKED = re.compile(r"^\s*(?:[*+\-\u2022]\s+)?(?:(?:written|posted|reviewed|published|words|story|article)\s+)?"
                     r"(?:by\b|author\s*:)", re.I)


def _date_near(units, b: int, above: int = 16, below: int = 4) -> dict:
    """{'date': ...} from the line nearest the article's first kept prose line b (up to `above` lines before
    it or `below` after it, above first on a tie) that is a date line or a byline with a date. Reaches
    chosen on WCXB's training split: further down, a line holding a date is part of the story as often."""
    for j in sorted(range(max(0, b - above), min(len(units), b + below)), key=lambda j: (abs(j - b), j > b)):
        if len(units[j].text) <= 80:
            found = read_byline(units[j].text)
            if found and found[1]:
                return {"date": found[1]}
    return {}


def _marked_byline(doc, last: int) -> tuple | None:
    """(line, author, date or None) of the first line naming its author after 'by' or 'Author:': a byline far
    from the headline (under a lead image, after the intro). A name beside a date alone is not enough here."""
    units = doc.units
    for i in matching_lines(units, MARKED_SCAN, doc.cache):  # one RE2 pass over all lines, not one per line
        if i > last:
            break
        u = units[i]
        if u.keep and len(u.text) <= 120 and _MARKED.match(u.text):
            found = read_byline(u.text)
            if found and found[0]:
                return u, found[0], found[1]
    return None


def _anchored(rows, t: int, first_line: str) -> bool:
    """Whether the headline's match is to trust: the URL slug, or a first line that can be a page title.

    A menu item first (inscriptis has no <title> line: 'Login', 'Skip to content') makes every line
    repeating its one or two words look like the headline."""
    if rows[t, features.RAW.index("slug")] >= 0.5:
        return True
    return len(features.line_words(first_line)) >= 3


# list marks ('o' is inscriptis' third-level bullet) and section numbers ('4.', '9.2.', '3.1')
_LIST_MARK = re.compile(r"^(?:[*+o\-\u2022\u25aa\u25cf\u2023]|\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+)\s+")
_PERMALINK = re.compile(r"\s*[\u00b6#\u00a7]$")  # a heading's anchor link (Sphinx prints \u00b6)
_CRUMB = re.compile(r"\s+[\u203a\u00bb>]\s+")
_SLASHES = re.compile(r"\s+/\s+")
_SITE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+([^|\u2013\u2014]{2,40})$")


def headline(line: str, url: str | None = None) -> str:
    """The headline in its line: without a list mark or section number ('* ', '9.2. ', '3.1 '), an anchor
    mark after it ('\u00b6'), the breadcrumb trail before it ('Home > News > ...', 'A / B / ...'), or the
    site's name after it ('... | Example')."""
    text = _PERMALINK.sub("", _LIST_MARK.sub("", line, count=1))
    crumbs = _CRUMB.split(text)
    if len(crumbs) < 2:
        crumbs = _SLASHES.split(text)
        crumbs = crumbs if len(crumbs) >= 3 else [text]
    if len(crumbs) > 1 and crumbs[-1].strip():  # 'Home > News >' ends in no headline
        text = crumbs[-1]
    suffix = _SITE_SUFFIX.search(text)
    if suffix and _names_site(suffix.group(1), url):
        text = text[:suffix.start()]
    return text.strip() or line


# A page title's site part: " | Example", " - Example News" (html-text prints the <title> as the first line)
_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014\-:\u00b7\u2022]\s+[^|\u2013\u2014]{2,40}$")


def page_title(units) -> str | None:
    """The first line's headline part when that line reads like a page title ("Headline | Site") and the
    page repeats the part as a line of its own (its headline): how the page names itself. A first line
    that is a menu item or the site's name has no such part, or no repeat."""
    first = units[0].text if units else ""
    head = _TITLE_SUFFIX.sub("", first)
    if head == first:
        return None
    key, size = norm(head).strip(_EDGES), len(head)
    for u in units[1:]:
        if abs(len(u.text) - size) <= 4 + size // 8 and norm(u.text).strip(_EDGES) == key:
            return head
    return None


_EDGES = " .:|-"
_STAMPED = re.compile(r"^\s*(?:published|updated|posted|last updated|last modified|page last modified|modified|date)\b", re.I)


def _names_site(name: str, url: str | None) -> bool:
    """True when the words of `name` spell the URL's host name ('Data Versity' ~ www.dataversity.net)."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # a malformed URL names no site
        return False
    squashed = re.sub(r"[\W_]+", "", name.lower())
    return len(squashed) >= 3 and any(squashed == label for label in host.split(".")[:-1])


def _name_beside_date(units, t: int) -> int | None:
    """A line that is only a name ('Ann Lee': two to four capitalised words) just below the headline, or
    above it, next to a date line: a byline printed on two lines. Without the date beside it, a name-like
    line there is as often a section label ('Related Posts') or a brand."""
    for k in (t + 1, t + 2, t - 1):
        if not 0 <= k < len(units) or not units[k].keep:
            continue
        text = units[k].text.strip()
        if len(text) > 40 or not 2 <= len(text.split()) <= 4 or not NAME_LINE.match(text):
            continue
        for j in (k - 1, k + 1):
            if j != t and 0 <= j < len(units) and (read_byline(units[j].text) or (None, None))[1]:
                return k
    return None


def _stamp(units) -> dict:
    """{'date': ...} from the first line that says when the text was published or updated, if any."""
    for u in units:
        if len(u.text) <= 80 and _STAMPED.match(u.text):
            found = read_byline(u.text)
            if found and found[1]:
                return {"date": found[1]}
    return {}


def _byline(meta: dict, around: list) -> list[tuple]:
    """Author and date from byline and date lines around the headline (a few above, more below) into
    meta; the (line, reason) pairs they came from."""
    out = []
    for u in around:
        if "author" in meta and "date" in meta:
            break
        found = read_byline(u.text) if u.keep else None
        if found is None:
            continue
        took = [field for field, value in zip(("author", "date"), found) if value and field not in meta]
        for field in took:
            meta[field] = found[0] if field == "author" else found[1]
        if took:
            out.append((u, "model:" + "+".join(took)))
    return out
