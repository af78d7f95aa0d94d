"""The line model's compact lexicon: the compiled lookup equals its plain definition; the columns; the recipe."""
from __future__ import annotations

import random

import numpy as np
import pytest

from cleaner.textpath import features, lexicon
from cleaner.textpath.lexicon import Lexicon

from .sample_article import NAV, PARAGRAPHS, URL
from .test_text_features import TRICKY


def _lexicon(lines: list[str], seed: int = 0, near=()) -> Lexicon:
    """A lexicon of most of the words of these lines (and some they lack), with random numbers."""
    rng = random.Random(seed)
    words = sorted({w for t in lexicon.tokens(lines) for w in t if w is not None})
    words = [w for w in words if rng.random() < 0.7] + ["zzzunseen", "\u03bf\u03b4\u03bf\u03c3", "news"]
    return Lexicon(words, [round(rng.uniform(-4, 4), 3) for _ in words], near)


def assert_same(lines: list[str], lex: Lexicon) -> None:
    rows, fast = features.line_rows_lex(lines, [0] * len(lines), list(range(len(lines))), URL, lex)
    assert np.array_equal(rows, features.line_rows(lines, [0] * len(lines), list(range(len(lines))), URL))
    slow = lex.stats_slow(lines)
    assert fast.shape == slow.shape == (6, len(lines))
    assert np.allclose(fast, slow, rtol=1e-12, atol=1e-12), np.argwhere(~np.isclose(fast, slow))
    assert np.array_equal(fast[1:], slow[1:])  # counts, min, max, first: exact (sums may differ in order)


def test_compiled_lookup_matches_the_definition_on_tricky_lines():
    lines = TRICKY + ["\u039f\u0394\u039f\u03a3 \u03bf\u03b4\u03bf\u03c2 and \u0130stanbul \u0130", *PARAGRAPHS]
    lex = _lexicon(lines)
    assert "\u03bf\u03b4\u03bf\u03c3" in lex.words  # final sigma read as medial, as the compiled pass hashes it
    assert_same(lines, lex)


@pytest.mark.parametrize("seed", range(3))
def test_compiled_lookup_matches_the_definition_on_random_lines(seed):
    rng = random.Random(seed)
    alphabet = list("aAbBzZ019 ,.:|'") + ["\u0130", "\u03a3", "\u03c2", "\u03c3", "\u00df", "\U0001F600"]
    words = ["the", "news", "ferry", "Reply", "share", "\u03bf\u03b4\u03bf\u03c2", "Stra\u00dfe", "2024"]
    lines = ["".join(rng.choice(alphabet) if rng.random() < 0.5 else rng.choice(words)
                     for _ in range(rng.randint(1, 25))).strip() or "x" for _ in range(150)]
    assert_same(lines, _lexicon(lines, seed))


def test_without_a_lexicon_nothing_changes():
    lines = [*NAV, *PARAGRAPHS]
    rows, lex = features.line_rows_lex(lines, [0] * len(lines), list(range(len(lines))), URL)
    assert lex is None
    assert np.array_equal(rows, features.line_rows(lines, [0] * len(lines), list(range(len(lines))), URL))


def test_columns_of_a_line():
    lex = Lexicon(["subscribe", "council", "ferry", "the"], [-3.0, 1.0, 2.0, 0.5], near=(1,))
    lines = ["Subscribe now", "The council and the ferry", "nothing known here"]
    cols = lex.columns(lex.stats_slow(lines))
    assert cols.shape == (3, lexicon.N_COLUMNS + 1)
    # mean, min, max of the known words; share of words known; the first word's number
    assert cols[0, :5].tolist() == pytest.approx([-3.0, -3.0, -3.0, 0.5, -3.0])
    assert cols[1, :5].tolist() == pytest.approx([4.0 / 4, 0.5, 2.0, 4 / 5, 0.5])
    assert cols[2, :5].tolist() == [0, 0, 0, 0, 0]
    # the known words of the line and one line either side
    assert cols[0, 5] == pytest.approx((-3.0 + 4.0) / 5) and cols[2, 5] == pytest.approx(4.0 / 4)


def test_lexicon_counts_each_host_once(train_script):
    """A word on every page of one big site and on no other host stays out; a word on five hosts, in
    their article lines, gets a positive number, and one in their menus a negative one."""
    train_script.WORD_IDS.clear()
    records = []
    for h in range(6):
        for k in range(1 if h else 30):  # host 0 has 30 pages
            lines = ["Subscribe Home", "The ferry council met on Tuesday", f"site{h}only words"]
            y = np.array([0, 1, 0], np.float32)
            records.append(({"url": f"https://site{h}.example/{k}"}, (None, y, None, train_script.token_ids(lines))))
    ids, scores = train_script.build_lexicon(records, size=100, min_hosts=5, smooth=2.0)
    words = {i: w for w, i in train_script.WORD_IDS.items()}
    got = dict(zip((words[i] for i in ids.tolist()), scores.tolist()))
    assert "site0only" not in got and "words" in got
    assert got["ferry"] > 0 > got["subscribe"]


def test_compiled_columns_equal_the_numpy_definition():
    rng = np.random.default_rng(5)
    lex = Lexicon(["a"], [1.0], near=(1, 3, 10))
    for n in (0, 1, 2, 7, 60):
        tot = rng.integers(0, 9, n).astype(np.float64)
        known = np.minimum(tot, rng.integers(0, 9, n))
        lo, hi = rng.normal(size=n) * (known > 0), rng.normal(size=n) * (known > 0)
        stats = np.stack([rng.normal(size=n) * known, known, lo, hi, rng.normal(size=n) * (tot > 0), tot])
        assert np.array_equal(lex.columns(stats), lexicon.columns(stats, (1, 3, 10)))


def test_model_inputs_are_the_context_then_the_lexical_columns():
    from cleaner.textpath.model import load
    model = load()
    assert model.lexicon is not None
    lines = [*NAV, "Harbour council approves new ferry terminal", *PARAGRAPHS]
    rows, stats = features.line_rows_lex(lines, [0] * len(lines), list(range(len(lines))), URL, model.lexicon)
    x = model.inputs(rows, stats)
    assert np.array_equal(x, np.hstack([features.context(rows), lexicon.columns(stats, model.lexicon.near)]))
    assert x.shape[1] == model.stage1.w1.shape[0]
