"""The one-search-for-all-lines scan finds exactly the lines a per-line search would."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.doc import Unit
from cleaner.ops._match import matching_lines
from cleaner.regex import compile_regex, phrase_regex

PATTERNS = [
    phrase_regex(["join our forum", "thank you"]),
    compile_regex(r"^\s*(?:share|tweet)(?:\s*[|/]?\s*(?:share|tweet))*\s*$"),
    compile_regex(r"share\s+this"),          # \s can cross a line break in the joined text
    compile_regex(r"you\s*$"),
    compile_regex(r"^thank"),
]
WORDS = st.sampled_from(["share", "this", "tweet", "join", "our", "forum", "thank", "you", "|", "Thank", "x"])
LINES = st.lists(st.lists(WORDS, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(lines=LINES, which=st.integers(0, len(PATTERNS) - 1))
def test_same_lines_as_a_search_per_line(lines, which):
    pattern = PATTERNS[which]
    units = [Unit(text=t, para=i) for i, t in enumerate(lines)]
    expected = [i for i, u in enumerate(units) if pattern.search(u.text)]
    confirmed = [i for i in matching_lines(units, pattern) if pattern.search(units[i].text)]
    assert confirmed == expected


def test_match_straying_across_lines_hides_nothing():
    units = [Unit(text="please share", para=0), Unit(text="this share this", para=1)]
    pattern = PATTERNS[2]
    assert [i for i in matching_lines(units, pattern) if pattern.search(units[i].text)] == [1]


def test_scanner_follows_the_pattern_text_not_the_object():
    # Patterns compiled and dropped one after another may reuse the same id(); each must be scanned as itself.
    units = [Unit(text="alpha", para=0), Unit(text="beta", para=1)]
    for word, expected in [("alpha", [0]), ("beta", [1])] * 50:
        assert matching_lines(units, compile_regex(word)) == expected
