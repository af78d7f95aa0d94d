"""text_header: read title, subtitle, byline and date off the first lines of a plain text."""
from __future__ import annotations

import re
from functools import lru_cache

from ..dates import find_dates, parse_date_line
from ..textpath.features import line_words, slug_words

ID = "text_header"
STAGE = "header"
MODES = ("text",)
CATEGORY = "header"
FIELDS = ("title", "subtitle", "author", "date")
OPTIONS = {
    "layout": {"oneOf": [
        {"const": "auto"},
        {"type": "array", "minItems": 1,
         "items": {"type": "string", "pattern": r"^(title|subtitle|author|date)\??$"}},
    ], "default": "auto",
        "description": "'auto', or the header lines in order, e.g. [title, subtitle?, author, date]; "
                       "'?' marks a line that may be missing"},
    "window": {"type": "integer", "minimum": 1, "default": 8,
               "description": "how many first lines may hold the header (auto layout)"},
}
REQUIRED = ()

_NAME = r"[A-Z][\w'\u2019.-]*(?:\s+(?:de|van|von|der|da|di|la|le|bin|al)?\s*[A-Z][\w'\u2019.-]*){1,3}"
_AUTHOR = re.compile(rf"^(?:by\s+)?({_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s*$", re.I)
_AUTHOR_STRICT = re.compile(rf"^(?:[Bb]y\s+)?({_NAME}(?:\s*(?:,|and|&)\s*{_NAME})*)\s*$")


def parse_author(line: str) -> str | None:
    """The name(s) on a byline, or None."""
    if len(line) > 80:
        return None
    m = _AUTHOR_STRICT.match(line.strip())
    return m.group(1) if m else None


_BY = re.compile(r"^(?:(?:last\s+)?(?:updated|published|posted|modified)(?:\s+on)?\s*:?\s*)?"
                 r"(?:(?:(?:written|posted|reviewed|published|words|story|article)\s+)?by\s*:?|author\s*:)\s+(.+)$",
                 re.I)
_BYLINE_SEPS = re.compile(r"\s*(?:[\u2022\u00b7|\u2014\u2013]|\s-\s)\s*")
# what follows a name on a byline: 'in Woodworking', 'Updated ...', 'Last updated', 'View profile',
# '4 Comments', ', Health Editor', '⋅ Review Editor'
_AFTER_NAME = re.compile(r"\s+(?:in|on|updated|published|for|at|and|last|view|follow|edited|reviewed|\d+\s+comments?)\b.*$"
                         r"|\s*[,\u22c5].*$", re.I)
NAME_LINE = re.compile(rf"^{_NAME}$")  # a line that is only a name: "Ann Lee"
_GLUE = re.compile(r"\b(?:by|on|updated|published|posted|last|written|min|mins|minutes?|read|comments?|"
                   r"reviewed|\d+)\b|[^\w\s]", re.I)


# every date has a digit; without one, only 'by' or 'author:' as words can start a byline's name (see _BY)
_CAN_BYLINE = re.compile(r"\d|\bby\b|\bauthor\s*:", re.I)
_LEAD_MARK = re.compile(r"^[*+\-\u2022\u25aa\u25cf\u2023]\s+")  # a list item's mark: '* by Ann Lee'
# a word glued to the name or date before it when the page's elements were flattened without a space:
# 'By Ann LeePublished: May 3, 2025', 'May 3, 2025August 9, 2025'
_GLUED = re.compile(r"(?<=[a-z\d])(?=(?:Published|Updated|Posted|Modified|Last updated|January|February|March|April|May|"
                    r"June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|"
                    r"Nov|Dec)\b)")


@lru_cache(maxsize=2048)  # a page's header searches read the same lines again, and a site's bylines recur
def read_byline(line: str) -> tuple[str | None, str | None] | None:
    """(author, ISO date) of a byline, e.g. 'By Ann Lee \u2022 May 3, 2025 \u2022 4 min read', 'Last updated
    on May 3, 2025 by Ann Lee', 'Ann Lee May 3, 2025'; None for any other line (a sentence with a date in
    it is not a byline). A name is only taken after a 'by' or beside a date."""
    if len(line) > 160:
        return None
    if not _CAN_BYLINE.search(line):  # every date has a digit; a name is only taken after 'by' or beside a date
        return None
    line = _GLUED.sub(" ", _LEAD_MARK.sub("", line))
    date = parse_date_line(line)
    if date:  # a line that is only a date (and time)
        return None, date
    dates = find_dates(line)
    date = dates[0][2] if dates else None
    rest = line
    for start, end, _ in reversed(dates):  # what is left: the name and glue words
        rest = rest[:start] + " | " + rest[end:]
    author, by = None, False
    for segment in _BYLINE_SEPS.split(rest):
        segment = segment.strip(" ,.:;")
        m = _BY.match(segment)
        if m:
            name = _AFTER_NAME.sub("", m.group(1)).strip(" ,.:;*")
            if _name_like(name):
                author, by = name, True
                break
        elif date and NAME_LINE.match(segment) and not _AFTER_NAME.search(segment):
            author = segment
            break
    leftover = _GLUE.sub(" ", rest.replace(author, " ") if author else rest).split()
    if by or ((author is not None or date is not None) and len(leftover) <= 3):
        return author, date
    return None


def _name_like(name: str) -> bool:
    """A person's or team's name after 'by': a few words starting with a capital, or one handle."""
    words = name.split()
    if not 1 <= len(words) <= 5 or len(name) > 60:
        return False
    if len(words) == 1:  # a user name: 'MixmasterFred', 'paulb203' (not 'clicking' in 'By clicking...')
        return len(name) >= 3 and (any(c.isdigit() for c in name) or any(c.isupper() for c in name))
    return words[0][0].isupper()


_CHECK = {
    "title": lambda t: t if len(t) <= 300 else None,
    "subtitle": lambda t: t if len(t) <= 500 else None,
    "author": parse_author,
    "date": parse_date_line,
}


def prepare(options: dict):
    """Split the layout into (field, optional) pairs."""
    if options["layout"] == "auto":
        return None
    return [(f.rstrip("?"), f.endswith("?")) for f in options["layout"]]


def apply(doc, rule) -> None:
    """Fill doc.meta from the header lines and drop them from the body."""
    units = doc.live()
    found = (_positional(units, rule.compiled) if rule.compiled
             else _auto(units, rule.options["window"], slug_words(doc.url)))
    if not found:
        return
    for field, (unit, value) in found.items():
        doc.meta.setdefault(field, value)
        doc.drop(unit, rule, reason=field)


def _positional(units, layout):
    """Match the layout line by line; all-or-nothing."""
    found, i = {}, 0
    for field, optional in layout:
        value = _CHECK[field](units[i].text) if i < len(units) else None
        if value is None:
            if optional:
                continue
            return None
        found[field] = (units[i], value)
        i += 1
    return found


_PROSE = re.compile(r"[a-z]{2}[.!?][\"'\u201d\u2019)]?\s+[A-Z]")


def _headline(text: str) -> bool:
    """A title is short and at most one sentence: a paragraph of prose above a date line is body text."""
    return len(text) <= 300 and not (_PROSE.search(text) and text.rstrip().endswith((".", "!", "?")))


def _slug_title(head, slug: set[str]) -> int | None:
    """Index of the line that best repeats the URL slug (the headline), or None.

    In a whole page's text the first lines are menus; the slug tells the headline apart from them.
    """
    best, best_hits = None, 1
    for i, u in enumerate(head):
        if len(u.text) > 300:
            continue
        hits = _slug_hits(u.text, slug)
        if hits > best_hits:
            best, best_hits = i, hits
    return best


def _slug_hits(text: str, slug: set[str]) -> int:
    """How many slug words the line repeats (0 unless they are at least half of the shorter side)."""
    words = line_words(text)
    hits = len(words & slug)
    return hits if slug and hits >= 0.5 * min(len(slug), len(words)) else 0


def _auto(units, window: int, slug: set[str] = frozenset()):
    """Anchor on a date line near the top; the byline beside it; title and subtitle above."""
    head = units[:window]
    d = next((i for i, u in enumerate(head) if parse_date_line(u.text)), None)
    if d is None:
        return None
    t = _slug_title(head, slug) if len(slug) >= 2 else None
    if t is not None and t > 0:  # the headline is not the first line: menus above it, not a header
        return _around_title(head, t, d)
    found = {"date": (head[d], parse_date_line(head[d].text))}

    def author(i: int) -> str | None:
        """A byline, unless it is the line repeating the slug (a short headline reads like a name)."""
        return None if _slug_hits(head[i].text, slug) >= 2 else parse_author(head[i].text)

    top = d
    if d > 0 and author(d - 1):
        found["author"] = (head[d - 1], author(d - 1))
        top = d - 1
    elif d + 1 < len(head) and author(d + 1):
        found["author"] = (head[d + 1], author(d + 1))
    if top >= 1 and _headline(head[0].text) and top <= 3:
        found["title"] = (head[0], head[0].text)
        between = head[1:top]
        if len(between) == 1 and len(between[0].text) <= 500:
            found["subtitle"] = (between[0], between[0].text)
        elif between:
            return {k: v for k, v in found.items() if k in ("date", "author")} | {"title": found["title"]}
    return found


def _around_title(head, t: int, d: int):
    """Title found by the slug below the first line: take it, and date/byline only right beside it."""
    found = {"title": (head[t], head[t].text)}
    if abs(d - t) <= 3:
        found["date"] = (head[d], parse_date_line(head[d].text))
    for u in head[max(0, t - 2):t] + head[t + 1:t + 4]:
        if u is not head[d] and abs(head.index(u) - t) <= 3 and "author" not in found:
            name = parse_author(u.text)
            if name and u.text[:3].lower() == "by ":
                found["author"] = (u, name)
    return found
