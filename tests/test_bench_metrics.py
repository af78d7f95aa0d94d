"""Scorers of the benchmark harness on hand-made cases with hand-computed values (no benchmark data needed)."""
from __future__ import annotations

import pytest

from bench import metrics as m

approx = pytest.approx


# ---------------------------------------------------------------- AEB shingles

def test_shingles_four_token_windows_case_kept():
    assert m.shingles("A b c d e") == {("A", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_shingles_short_text_is_one_short_shingle():
    assert m.shingles("Hello, world!") == {("Hello", "world"): 1}
    assert m.shingles("a b c d") == {("a", "b", "c", "d"): 1}
    assert m.shingles("") == {}
    assert m.shingles("  ... ") == {}


def test_aeb_identical_is_one():
    o = m.aeb_overlap("The quick brown fox jumps over the lazy dog.", "The quick brown fox jumps over the lazy dog")
    assert (o.precision, o.recall, o.f1) == (1.0, 1.0, 1.0)
    assert o.tp == 1.0 and o.fp == 0.0 and o.fn == 0.0


def test_aeb_disjoint_is_zero():
    o = m.aeb_overlap("one two three four five", "six seven eight nine ten")
    assert o.precision == 0.0 and o.recall == 0.0 and o.f1 == 0.0


def test_aeb_partial_overlap_by_hand():
    # truth: abcd, bcde; output: abcd, bcdx -> TP=1 FP=1 FN=1, each /3
    o = m.aeb_overlap("a b c d x", "a b c d e")
    assert (o.tp, o.fp, o.fn) == (approx(1 / 3), approx(1 / 3), approx(1 / 3))
    assert o.precision == approx(0.5) and o.recall == approx(0.5)
    # truth: abcd, bcde, cdef; output: bcde -> TP=1 FP=0 FN=2
    o2 = m.aeb_overlap("b c d e", "a b c d e f")
    assert o2.precision == approx(1.0) and o2.recall == approx(1 / 3)


def test_aeb_is_a_multiset():
    # truth "a b c d a b c d" has abcd twice (plus bcda, cdab, dabc); output has it once
    o = m.aeb_overlap("a b c d", "a b c d a b c d")
    assert o.precision == approx(1.0) and o.recall == approx(1 / 5)


def test_aeb_short_text_and_case():
    assert m.aeb_overlap("Hello world!", "Hello world").recall == 1.0
    assert m.aeb_overlap("hello world", "Hello world").recall == 0.0


def test_aeb_empty_output_counts_only_against_recall():
    empty = m.aeb_overlap("", "a b c d")
    assert empty.precision is None and empty.recall == 0.0
    same = m.aeb_overlap("a b c d", "a b c d")
    s = m.aeb_summary([same, empty])
    assert s.precision == approx(1.0) and s.n_precision == 1
    assert s.recall == approx(0.5) and s.n_recall == 2
    assert s.f1 == approx(2 / 3)


def test_aeb_summary_f1_is_harmonic_mean_of_means():
    s = m.aeb_summary([m.aeb_overlap("a b c d x", "a b c d e"), m.aeb_overlap("b c d e", "a b c d e f")])
    assert s.precision == approx(0.75) and s.recall == approx(5 / 12)
    assert s.f1 == approx(15 / 28)


def test_aeb_both_empty_is_not_counted():
    o = m.aeb_overlap("", "")
    assert o.precision is None and o.recall is None
    assert m.aeb_summary([o]) == m.PRF(0.0, 0.0, 0.0, 0, 0)


# ---------------------------------------------------------------- WCXB word F1

def test_word_identical_and_disjoint():
    assert m.word_score("Same words here", "same WORDS here.").f1 == 1.0
    assert m.word_score("alpha beta", "gamma delta").f1 == 0.0


def test_word_partial_overlap_by_hand():
    # truth bag: the×2 cat sat on mat (6); output: the×2 cat dog (4); overlap the×2 + cat = 3
    s = m.word_score("the cat, THE dog", "The cat sat on the mat")
    assert s.precision == approx(3 / 4) and s.recall == approx(1 / 2) and s.f1 == approx(3 / 5)


def test_word_empty_cases_and_summary():
    assert m.word_score("anything", "") is None          # page not scored
    empty = m.word_score("", "some truth")
    assert empty == m.WordScore(None, 0.0, 0.0)
    s = m.word_summary([m.word_score("the cat, THE dog", "The cat sat on the mat"), empty, None])
    assert s.f1 == approx(0.3) and s.recall == approx(0.25)
    assert s.precision == approx(0.75) and s.n_precision == 1 and s.n_recall == 2


# ---------------------------------------------------------------- snippets

def test_snippets_case_and_whitespace_insensitive():
    out = "Hello\n  World. Cookie\u00a0policy here"
    s = m.snippet_score(out, ["hello world", "missing one", "COOKIE   policy", "  "],
                        ["Cookie Policy", "Subscribe now"])
    assert s == m.SnippetScore(with_found=2, with_total=3, without_avoided=1, without_total=2)


def test_snippet_rates_average_over_pages_that_have_snippets():
    a = m.SnippetScore(2, 3, 1, 2)
    b = m.SnippetScore(0, 0, 2, 2)
    with_rate, without_rate = m.snippet_rates([a, b])
    assert with_rate == approx(2 / 3) and without_rate == approx(0.75)
    assert m.snippet_rates([]) == (None, None)


def test_empty_output_finds_nothing_and_avoids_everything():
    assert m.snippet_score("", ["a"], ["b", "c"]) == m.SnippetScore(0, 1, 2, 2)


# ---------------------------------------------------------------- metadata

def test_metadata_rules():
    assert m.meta_match("title", "  Top  Trends \u2013 Fall ", "top trends - fall")
    assert not m.meta_match("title", "Top Trends - Fall | Site", "Top Trends - Fall")
    assert m.meta_match("author", "By Andrew King", "Andrew  King")
    assert m.meta_match("date", "2025-09-04T10:00:00+02:00", "2025-09-04")
    assert m.meta_match("date", "2025-09-05", "2025-09-04") is False
    assert m.meta_match("author", None, "Andrew King") is False
    assert m.meta_match("author", "Someone", None) is None
    assert m.meta_match("date", "2025-09-04", "") is None
    assert m.accuracy([True, False, None]) == (0.5, 2)
    assert m.accuracy([None]) == (None, 0)


# ---------------------------------------------------------------- held-out split (by host, no data needed)

def test_held_out_split_is_by_host_and_ignores_www():
    from bench.data import held_out
    a = held_out("https://www.example.com/a")
    assert a == held_out("http://example.com/b?x=1") == held_out("https://example.com/")
    assert held_out(None) == held_out("")  # no URL hashes like an empty host
    share = sum(held_out(f"https://host{i}.test/") for i in range(2000)) / 2000
    assert 0.15 < share < 0.25


def test_metadata_accuracy_and_precision_per_system():
    """Accuracy counts every page whose truth has the field; precision only those where the system gave it."""
    from bench.report import meta_table
    from bench.run import Record
    from bench.summary import summarise

    def rec(i: str, title_out: str | None, title_truth: str) -> Record:
        return Record(set="wcxb", id=i, page_type="article", url=None, run="html", system="cleaner", ms=1.0,
                      meta={"title": m.meta_match("title", title_out, title_truth)}, meta_out={"title": title_out})
    records = [rec("1", "Harbour ferry", "Harbour ferry"), rec("2", "Menu", "Harbour ferry"),
               rec("3", None, "Harbour ferry"), rec("4", None, "Harbour ferry")]
    s = summarise(records)[("html", "wcxb", "cleaner")]
    assert s.meta["title"] == (0.25, 4)             # 1 right of 4 pages with a title
    assert s.meta_precision["title"] == (0.5, 2)    # 1 right of the 2 titles given
    row = meta_table({("html", "wcxb", "cleaner"): s}, "html").rows[0]
    assert row[0] == "cleaner" and row[1] == "0.250" and row[4] == "0.500"
