"""Date lines: the direct reading of usual news date lines agrees with dateutil's."""
from __future__ import annotations

import re
from datetime import datetime, timedelta

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.dates import _DATE_WORD, _DATE_WORDS, _fast, parse_date, parse_date_line

MONTHS = ["January", "Feb", "Sept", "sep", "March", "May", "dec", "December", "OCT", "Mar"]
DAYS = ["Friday", "Fri", "tues", "Thurs", "sunday", "Mon.", "Wed,", "Monday,"]
ZONES = ["GMT", "UTC", "BST", "EST", "pdt", "JST", "AEDT"]


@st.composite
def date_lines(draw) -> str:
    """News-style date lines, valid or not (31 February, 13:31 pm, 25:00), in both orders."""
    day, year = draw(st.integers(0, 33)), draw(st.integers(1985, 2105))
    month = draw(st.sampled_from(MONTHS))
    suffix = draw(st.sampled_from(["", "st", "th", "nd"]))
    core = (f"{day}{suffix} {month} {year}" if draw(st.booleans())
            else f"{month}{draw(st.sampled_from(['', '.']))} {day}{suffix}{draw(st.sampled_from(['', ',']))} {year}")
    parts = [draw(st.sampled_from(DAYS))] if draw(st.booleans()) else []
    parts.append(core)
    if draw(st.booleans()):
        hour, minute = draw(st.integers(0, 25)), draw(st.integers(0, 59))
        clock = f"{hour}:{minute:02d}" + (f":{draw(st.integers(0, 59)):02d}" if draw(st.booleans()) else "")
        ampm = draw(st.sampled_from(["", " am", "pm", " PM"]))
        parts.append(draw(st.sampled_from(["", "at "])) + clock + ampm)
    if draw(st.booleans()):
        parts.append(draw(st.sampled_from(ZONES)))
    return " ".join(parts)


@settings(max_examples=500, deadline=None)
@given(date_lines())
def test_fast_reading_agrees_with_dateutil(line):
    fast = _fast(line)
    if fast is not False:  # read directly: the same answer dateutil gives
        assert fast == parse_date(line)


def test_usual_news_lines_are_read_directly():
    assert _fast("Friday 30 December 2016 13:31 GMT") == "2016-12-30T13:31:00+00:00"
    assert _fast("Dec. 30, 2016, 1:31 pm EST") == "2016-12-30T13:31:00-05:00"
    assert _fast("Sept 3rd, 2019 at 12:05 am") == "2019-09-03T00:05:00"
    assert _fast("3 April 2017") == "2017-04-03"


def test_other_forms_still_parse_through_dateutil():
    assert _fast("2016-12-30T13:31:00Z") is False
    assert parse_date_line("Published: 2016-12-30") == "2016-12-30"
    assert parse_date_line("Updated 30/12/2016 13:31") == "2016-12-30T13:31:00"
    assert parse_date_line("Friday 30 December 2016 13:31 GMT") == "2016-12-30T13:31:00+00:00"
    assert _fast("30 December 2016 13:31 pm") is False  # odd: left to dateutil


def test_out_of_range_years_and_days_are_no_date():
    assert parse_date_line("30 December 1850") is None
    assert parse_date_line("31 February 2016") is None
    today = datetime(2026, 11, 28) - timedelta(days=1)
    assert parse_date_line(today.strftime("%A %d %B %Y")) == today.date().isoformat()


TOKENS = ["Friday", "30", "December", "2016", "13:31", "GMT", "pm", "a.m.", "at", "-", "|", ",", "3rd,",
          "30/12/2016", "+05:30", "2016-12-30T13:31Z", "Lizzie", "Dearden", "by", "x", "", "Dec.", "1:31pm"]


@settings(max_examples=500, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from([" ", "  ", "\t", "\u2003", "\xa0", ""])),
                min_size=1, max_size=8))
def test_one_match_of_the_date_words_is_a_match_per_word(pieces):
    text = "".join(t + sep for t, sep in pieces).strip()
    per_word = all(re.fullmatch(_DATE_WORD, w, re.I) for w in text.split())
    assert bool(_DATE_WORDS.fullmatch(text)) == per_word or not text


def _checked_first(line: str) -> str | None:
    """parse_date_line as it was: every check before the direct reading (the reference for the order now)."""
    from cleaner.dates import _HAS_DATE, _HAS_YEAR, _PREFIX
    text = _PREFIX.sub("", line.strip())
    if not text or len(text) > 60 or not _HAS_DATE.search(text) or not _DATE_WORDS.fullmatch(text) \
            or not _HAS_YEAR.search(text):
        return None
    fast = _fast(text)
    return parse_date(text) if fast is False else fast


@settings(max_examples=400, deadline=None)
@given(date_lines(), st.sampled_from(["", ",", ".,", "."]), st.booleans(), st.sampled_from(["", "Updated: ", " "]))
def test_reading_usual_lines_first_changes_no_answer(line, after_month, arabic_digits, prefix):
    """The usual news line is read before the checks now; the answers are those of checking first, also for
    a comma after the month (no date word), other digits and years out of range."""
    for month in MONTHS:
        line = line.replace(f"{month} ", f"{month}{after_month} ", 1)
    if arabic_digits:
        line = line.translate({ord(d): 0x660 + int(d) for d in "0123456789"})
    line = prefix + line
    assert parse_date_line(line) == _checked_first(line)


def test_a_comma_after_the_month_is_still_no_date_line():
    assert parse_date_line("30 December, 2016") is None
    assert parse_date_line("Friday 30 December 2016 13:31 GMT") == "2016-12-30T13:31:00+00:00"
