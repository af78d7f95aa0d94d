"""Date lines and date strings to ISO 8601."""
from __future__ import annotations

import re
from datetime import datetime, timedelta, timezone

from dateutil import parser as dateparser

_TZ = {"GMT": 0, "UTC": 0, "Z": 0, "BST": 3600, "CET": 3600, "CEST": 7200, "EST": -18000,
       "EDT": -14400, "CST": -21600, "CDT": -18000, "MST": -25200, "MDT": -21600, "PST": -28800,
       "PDT": -25200, "IST": 19800, "AEST": 36000, "AEDT": 39600, "JST": 32400}
# A month name, short or long, with an optional dot (regex text, for case-insensitive patterns).
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_DAY = r"(?:mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)[a-z]*\.?,?"
_PREFIX = re.compile(r"^\s*(?:published|updated|posted|last updated|date|modified)(?:\s+on)?\s*:?\s*", re.I)
# Every word of a date line is a date word: month, weekday, number, time, zone, or glue.
_DATE_WORD = (
    rf"(?:{MONTH}|{_DAY}|\d{{1,4}}(?:st|nd|rd|th)?,?|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}},?|"
    r"\d{1,2}[:.]\d{2}(?::\d{2})?(?:am|pm)?|am|pm|a\.m\.|p\.m\.|at|on|of|the|-|\||,|"
    + "|".join(k.lower() for k in _TZ) + r"|[+-]\d{2}:?\d{2}|\d{4}-\d{2}-\d{2}t[\d:.+-]+z?)")
# A text made only of date words, in one fullmatch: a match per word cost more than the rest of the check.
# No date word holds a space, and \s is what str.split() splits at, so the words are split()'s.
_DATE_WORDS = re.compile(rf"{_DATE_WORD}(?:\s+{_DATE_WORD})*", re.I)
_HAS_TIME = re.compile(r"\d{1,2}:\d{2}|(?<![.\d])\d{1,2}\.\d{2}(?![.\d])|\bt\d{2}", re.I)  # not 23.12.2020
_HAS_YEAR = re.compile(r"(?<!\d)(?:1[89]|2\d)\d\d(?!\d)|\d{1,2}[-/.]\d{1,2}[-/.]\d{2}(?!\d)")
_HAS_DATE = re.compile(rf"{MONTH}|\d{{1,4}}[-/.]\d{{1,2}}[-/.]\d{{1,4}}", re.I)


_TZINFO = {name: timezone(timedelta(seconds=offset)) for name, offset in _TZ.items()}  # made once, not per line
_MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
           "october", "november", "december")
_MONTH_NO = {**{m: i for i, m in enumerate(_MONTHS, 1)}, **{m[:3]: i for i, m in enumerate(_MONTHS, 1)},
             "sept": 9}
_M = "|".join(sorted(_MONTH_NO, key=len, reverse=True))
# The news date line in its two usual orders ("Friday 30 December 2016 13:31 GMT", "Dec. 30, 2016, 1:31
# pm EST"), read directly: dateutil takes a tenth of a millisecond per line, most of a short text's cost.
# Anything else, or anything odd in these (13:31 pm), goes to dateutil; a test checks both agree.
_FAST = re.compile(
    r"(?:(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tues?|wed|thu(?:rs?)?|fri|sat|sun)"
    r"\.?,?\s+)?"
    rf"(?:(?P<d1>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<m1>{_M})\.?(?P<c1>,)?|(?P<m2>{_M})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?)"
    r"\s+(?P<y>\d{4})"
    r"(?:,?\s+(?:at\s+)?(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2}))?(?:\s*(?P<ap>am|pm))?)?"
    rf"(?:\s+(?P<tz>{'|'.join(_TZ)}))?",
    re.I)


def _fast(text: str) -> str | None | bool:
    """ISO 8601 for a usual news date line; False when it is not one (dateutil decides then)."""
    m = _FAST.fullmatch(text)
    return False if m is None else _read(m)


def _read(m) -> str | None | bool:
    """_fast for a match of _FAST."""
    if m["tz"] and not m["tz"].isupper():  # dateutil takes "pdt" for a word, not a zone
        return False
    hour = int(m["H"]) if m["H"] else 0
    if m["ap"]:
        if not 1 <= hour <= 12:
            return False
        hour = hour % 12 + (12 if m["ap"].lower() == "pm" else 0)
    year = int(m["y"])
    if not 1990 <= year <= 2100:
        return None
    try:
        dt = datetime(year, _MONTH_NO[(m["m1"] or m["m2"]).lower()], int(m["d1"] or m["d2"]), hour,
                      int(m["M"] or 0), int(m["S"] or 0),
                      tzinfo=_TZINFO[m["tz"]] if m["tz"] else None)
    except ValueError:
        return False
    return _iso(dt, m["H"] is not None)


def _iso(dt: datetime, has_time: bool) -> str:
    if not has_time:
        return dt.date().isoformat()
    return dt.isoformat()


def parse_date_line(line: str) -> str | None:
    """ISO 8601 for a line that is only a date (and time), else None."""
    text = _PREFIX.sub("", line.strip())
    if not text or len(text) > 60:
        return None
    m = _FAST.fullmatch(text)
    if m is not None and not m["c1"] and m["y"].isascii():
        # A usual news date line, read first: each of its words is a date word (a month name followed by a
        # comma, c1, is not one), it names a month, and an ASCII year that _read takes (1990-2100) is one
        # _HAS_YEAR finds, so the checks below would all pass; when _read takes no year, they would
        # end in None too. Three regex searches less for the date line of a header.
        fast = _read(m)
        if fast is not False:
            return fast
    if not _HAS_DATE.search(text):
        return None
    if not _DATE_WORDS.fullmatch(text):
        return None
    if not _HAS_YEAR.search(text):  # 'Dec 23': dateutil would make it this year's, wrong for most pages
        return None
    fast = _fast(text)
    return parse_date(text) if fast is False else fast


_YEAR_DIGITS = re.compile(r"\d{4}")
_ISO_DAY = re.compile(r"(?<!\d)(?:19|20)\d\d-[01]\d-[0-3]\d(?!\d)")
_FAST_IN = re.compile(rf"(?<!\w)(?:{_FAST.pattern})(?!\w)", re.I)  # whole words only ('dismay 12 2020')


def find_dates(text: str) -> list[tuple[int, int, str]]:
    """(start, end, ISO 8601) of each usual written date inside a line ('By Ann Lee • May 3, 2025 • 4 min')."""
    if not _YEAR_DIGITS.search(text):  # both forms hold a four-digit year: most lines end here, unscanned
        return []
    found = []
    for m in _FAST_IN.finditer(text):
        iso = _fast(m.group(0))
        if isinstance(iso, str):
            found.append((m.start(), m.end(), iso))
    if not found:
        found = [(m.start(), m.end(), m.group(0)) for m in _ISO_DAY.finditer(text)]
    return found


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
