"""Date lines and date strings to ISO 8601."""
from __future__ import annotations

import re
from datetime import datetime

from dateutil import parser as dateparser

_TZ = {"GMT": 0, "UTC": 0, "Z": 0, "BST": 3600, "CET": 3600, "CEST": 7200, "EST": -18000,
       "EDT": -14400, "CST": -21600, "CDT": -18000, "MST": -25200, "MDT": -21600, "PST": -28800,
       "PDT": -25200, "IST": 19800, "AEST": 36000, "AEDT": 39600, "JST": 32400}
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?"
_PREFIX = re.compile(r"^\s*(?:published|updated|posted|last updated|date|modified)(?:\s+on)?\s*:?\s*", re.I)
# Every word of a date line is a date word: month, weekday, number, time, zone, or glue.
_DATE_WORD = re.compile(
    rf"^(?:{_MONTH}|{_DAY}|\d{{1,4}}(?:st|nd|rd|th)?,?|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}},?|"
    r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:am|pm)?|am|pm|a\.m\.|p\.m\.|at|on|of|the|-|\||,|"
    + "|".join(k.lower() for k in _TZ) + r"|[+-]\d{2}:?\d{2}|\d{4}-\d{2}-\d{2}t[\d:.+-]+z?)$",
    re.I)
_HAS_TIME = re.compile(r"\d{1,2}[:.]\d{2}|\bt\d{2}", re.I)
_HAS_DATE = re.compile(rf"{_MONTH}|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}", re.I)


def _iso(dt: datetime, has_time: bool) -> str:
    if not has_time:
        return dt.date().isoformat()
    return dt.isoformat()


def parse_date_line(line: str) -> str | None:
    """ISO 8601 for a line that is only a date (and time), else None."""
    text = _PREFIX.sub("", line.strip())
    if not text or len(text) > 60 or not _HAS_DATE.search(text):
        return None
    if not all(_DATE_WORD.match(w) for w in text.split()):
        return None
    return parse_date(text)


def parse_date(value: str) -> str | None:
    """ISO 8601 for a free date string (meta tags, JSON-LD), or None if unparseable."""
    value = (value or "").strip()
    if not value or len(value) > 100 or not re.search(r"\d", value):
        return None
    try:
        dt = dateparser.parse(value, tzinfos=_TZ, fuzzy=True)
    except (ValueError, OverflowError, TypeError):
        return None
    if not (1990 <= dt.year <= 2100):
        return None
    return _iso(dt, bool(_HAS_TIME.search(value)))
