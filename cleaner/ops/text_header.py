"""text_header: read title, subtitle, byline and date off the first lines of a plain text."""
from __future__ import annotations

import re

from ..dates import parse_date_line

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
    found = _positional(units, rule.compiled) if rule.compiled else _auto(units, rule.options["window"])
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


_PROSE = re.compile(r"[a-z]{3}[.!?][\"'\u201d\u2019)]?\s+[A-Z]")


def _headline(text: str) -> bool:
    """A title is short and at most one sentence: a paragraph of prose above a date line is body text."""
    return len(text) <= 300 and not (_PROSE.search(text) and text.rstrip().endswith((".", "!", "?")))


def _auto(units, window: int):
    """Anchor on a date line near the top; the byline beside it; title and subtitle above."""
    head = units[:window]
    d = next((i for i, u in enumerate(head) if parse_date_line(u.text)), None)
    if d is None:
        return None
    found = {"date": (head[d], parse_date_line(head[d].text))}
    top = d
    if d > 0 and parse_author(head[d - 1].text):
        found["author"] = (head[d - 1], parse_author(head[d - 1].text))
        top = d - 1
    elif d + 1 < len(head) and parse_author(head[d + 1].text):
        found["author"] = (head[d + 1], parse_author(head[d + 1].text))
    if top >= 1 and _headline(head[0].text) and top <= 3:
        found["title"] = (head[0], head[0].text)
        between = head[1:top]
        if len(between) == 1 and len(between[0].text) <= 500:
            found["subtitle"] = (between[0], between[0].text)
        elif between:
            return {k: v for k, v in found.items() if k in ("date", "author")} | {"title": found["title"]}
    return found
