"""The vectorised line features equal their per-line definitions, on text chosen to break them."""
from __future__ import annotations

import random

import numpy as np
import pytest

from cleaner.textpath import charclass, features, fill, scan

from .sample_article import NAV, PARAGRAPHS, URL

TRICKY = [
    "Home | News | Sport | Weather",                  # menu separators
    "Start \u2022 About \u00b7 Blog \u00bb Shop \u203a Help / FAQ",
    "a | | b  |  c   d    e      f",                  # adjacent and overlapping separators, space runs
    "\u00a9 2024 Example Ltd. All Rights Reserved. Privacy Policy \u2013 Terms of Use",
    "COPYRIGHT NOTICE: see HTTPS://WWW.EXAMPLE.COM or write to News@Example.Com",
    "* first item", "- second item", "\u2022 bullet", "12. numbered", "3) also numbered", "1.5 kg",
    "\u0661\u0662. Arabic-Indic digits then a mark",  # \d is Unicode: a list mark
    "*not a mark", "-", "\u2014 dash item",
    "iPhone NASA McDonald O'Neil 3D 3rd x_y \u01c5ungla \u01c4 \u1f88",  # istitle edge cases
    "\u0130stanbul \u0130I \u0130 istanbul",          # U+0130: lower case is two characters
    "\u039f\u0394\u039f\u03a3 \u03bf\u03b4\u03bf\u03c2 \u03bf\u03b4\u03bf\u03c3 \u03a3",  # final sigma
    "Stra\u00dfe GR\u00dcN \u00c9t\u00e9 \u00e9t\u00e9 ni\u00f1o NI\u00d1O",
    "emoji \U0001F600 and \U0001D400\U0001D41A math letters \U00010400\U00010428 deseret",
    "THE QUICK BROWN FOX", "12:30", "Posted 2024-05-01 by staff", "10/12", "an 1899 line",
    "The end.", "Really?", "\u201cQuoted.\u201d", "Wait\u2026", "Label:", "under_score __init__ _x_",
    "tab\there", "the and of to a in is it you that",  # all stop words
    "Blue runner $108.00 MSRP 120 USD", "Preis 12,99 \u20ac inkl.", "Rs. 499 only", "480kr", "Rs 5", "USD",
    "4.5 out of 5 stars (1,024 reviews)", "\u2605\u2605\u2605\u2605\u2606 Verified buyer", "Was this helpful?",
    "\ud800 lone surrogate \udfff",
    "Reply", "3 days ago", "by someone ( 596061 ) writes:", "Jane wrote:", "Quote Reply Share", "REPLIES (4)",
    "Posted by admin", "12 Comments", "Reply", "by other ( 1 ) writes:",  # comment chrome; repeated first words
]


def per_line(lines, indents=None, paras=None, url=URL):
    indents = indents if indents is not None else [0] * len(lines)
    paras = paras if paras is not None else list(range(len(lines)))
    return features.line_rows(lines, indents, paras, url), features.line_rows_slow(lines, indents, paras, url)


def assert_same(fast, slow):
    assert fast.shape == slow.shape
    for j, name in enumerate(features.RAW):
        assert np.array_equal(fast[:, j], slow[:, j]), (name, np.flatnonzero(fast[:, j] != slow[:, j]))


def test_tricky_lines_match_the_definitions():
    lines = ["Stra\u00dfe and \u0130stanbul: NASA news | Example"] + TRICKY + TRICKY[::-1]
    assert_same(*per_line(lines, url="https://example.com/nasa/stra\u00dfe-news-2024/\u03bf\u03b4\u03bf\u03c2"))


def test_sample_page_matches_the_definitions():
    lines = ["Harbour council approves new ferry terminal | Example News", *NAV,
             "Harbour council approves new ferry terminal", "By Jane Walker", *PARAGRAPHS, *NAV]
    paras = [0] + [1] * len(NAV) + [2, 3] + list(range(4, 4 + len(PARAGRAPHS))) + [99] * len(NAV)
    assert_same(*per_line(lines, [i % 5 for i in range(len(lines))], paras))


@pytest.mark.parametrize("seed", range(6))
def test_random_unicode_lines_match_the_definitions(seed):
    rng = random.Random(seed)
    alphabet = list("aAbBzZ01929 ,.:|/*-_'\"?!\t$") + ["\u00a9", "\u2022", "\u00b7", "\u00bb", "\u203a", "\u2013",
                                                   "\u0130", "\u03a3", "\u03c2", "\u03c3", "\u01c5", "\u00df",
                                                   "\u0661", "\U0001F600", "\U00010400", "\u2026", "\u201d"]
    words = ["the", "and", "copyright", "terms", "http", "www.", ".com", "@", "privacy", "news", "ferry", "2024",
             "19", "12:30", "Reply", "wrote:", "out of 5", " stars", "USD", "kr", "\u20ac", "\u2605", "Rs", "* "]
    lines = []
    for _ in range(120):
        parts = [rng.choice(alphabet) if rng.random() < 0.6 else rng.choice(words) for _ in range(rng.randint(1, 30))]
        line = "".join(parts).strip()
        lines.append(line or "x")
    lines += rng.sample(lines, 20)  # repeats
    assert_same(*per_line(lines, [rng.randint(0, 9) for _ in lines], sorted(rng.randint(0, 40) for _ in lines),
                          url="https://example.com/ferry-news/the-copyright-terms"))


def test_no_url_one_line_and_odd_input():
    assert_same(*per_line(["Just one line."], url=None))
    assert features.line_rows([], [], [], None).shape == (0, len(features.RAW))
    # a line with a newline inside, and paragraph numbers that are not 0..n
    fast = features.line_rows(["a\nb", "c"], [0, 0], [-5, 10**9], None)
    assert fast.shape == (2, len(features.RAW))
    assert_same(*per_line(["one line", "two lines", "three"], paras=[-5, 10**9, 10**9]))


def test_hash_table_finds_members_only():
    assert len(np.unique(charclass.word_hashes(sorted(features.STOPWORDS)))) == len(features.STOPWORDS)  # no clash
    slots, shift = scan.stop_table(features.STOPWORDS)
    probe = ["the", "und", "para", "ferry", "thee", "th", "news", "zzzzzzzz", "a"]
    got = [scan._member(slots, shift, h) for h in charclass.word_hashes(probe)]
    assert got == [w in features.STOPWORDS for w in probe]


def _kadane(values: list[float]) -> tuple[int, int]:
    """The plain scan: restart when the running sum is <= 0; the first end with the largest sum."""
    best, run, start, out = -np.inf, 0.0, 0, (0, -1)
    for i, v in enumerate(values):
        if i == 0 or run <= 0:
            run, start = v, i
        else:
            run += v
        if run > best:
            best, out = run, (start, i)
    return out


@pytest.mark.parametrize("seed", range(5))
def test_best_run_is_kadanes_scan(seed):
    rng = np.random.default_rng(seed)
    for n in (1, 2, 7, 50):
        values = rng.integers(-3, 4, n).astype(np.float32)  # small integers: many ties, exact sums
        assert fill.best_run(values) == _kadane(values.tolist())
    assert fill.best_run(np.zeros(0, np.float32)) == (0, -1)


def test_word_hashes_are_by_lower_case():
    a = charclass.word_hashes(["ferry", "\u03bf\u03b4\u03bf\u03c2"])
    flags, lowv = charclass.classes(charclass.codepoints("FERRY \u039f\u0394\u039f\u03a3"))
    ts, te = charclass.token_bounds((flags & charclass.W) != 0)
    b = charclass.span_hashes(charclass.prefix_hashes(lowv), ts, te)
    assert a.tolist() == b.tolist()


def test_comment_linkish_and_repeated_first_word_columns():
    lines = ["Reply", "by ann ( 12 ) writes:", "Great article, thanks for writing it.", "by bob ( 13 ) writes:", "Menu"]
    rows = features.line_rows(lines, [0] * 5, list(range(5)), None)
    col = lambda name: rows[:, features.RAW.index(name)].tolist()  # noqa: E731
    assert col("comment") == [1, 1, 0, 1, 0]
    assert col("linkish") == [1, 1, 0, 1, 1]  # short and no sentence end
    assert np.expm1(col("first_rep")).round().tolist() == [0, 1, 0, 1, 0]  # two lines open with "by"


def test_marker_automaton_finds_every_occurrence():
    """Overlapping needles, one the suffix of another's prefix ('she' / 'he' / 'hers'): the automaton
    reports each group that has a needle in the text, as a substring search would."""
    groups = [(0, ("he", "hers")), (1, ("she",)), (2, ("his", "s")), (3, ("rs h",))]
    delta, accept = scan.automaton(groups)
    rng = random.Random(7)
    for _ in range(300):
        text = "".join(rng.choice("hersi ") for _ in range(rng.randint(0, 12)))
        state, found = 0, 0
        for ch in text.encode():
            state = delta[state, ch]
            found |= int(accept[state])
        assert found == sum(1 << g for g, needles in groups if any(n in text for n in needles)), text


def test_compiled_loops_read_no_other_module():
    """numba compiles the globals a loop reads into its disk cache, which only a change of the loop's
    own file invalidates: a flag or constant read from charclass would go stale there when charclass
    changes. The loops take such values as arguments."""
    import inspect
    for module in (scan, fill):
        for name, fn in vars(module).items():
            if hasattr(fn, "py_func"):  # a numba dispatcher
                source = inspect.getsource(fn.py_func)
                assert "cc." not in source and "charclass" not in source.split('"""')[-1], name
