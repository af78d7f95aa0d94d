"""A compact lexical input for the line model: one learned number per word.

Each vocabulary word carries a smoothed log-odds of the lines holding it being article rather than
boilerplate, learned per host by scripts/train_text_model.py (a site's template words count once, however
many pages it has). A line gets a few columns from its words' numbers: the mean, min and max over its known
words, the share of its words that are known and its first word's number (and, optionally, the mean over
the known words of the lines around it). The words are looked up in the compiled pass over the page's
characters (scan.line_counts) that already hashes every token; `stats_slow` is the per-line definition
tests compare it with.
"""
from __future__ import annotations

import re
from functools import cached_property

import numpy as np

_WORD = re.compile(r"\w+")
N_COLUMNS = 5
_SIGMA_FINAL, _SIGMA = "\u03c2", "\u03c3"


def norm(token: str) -> str | None:
    """A token as the compiled pass hashes it: each character's own lower case (final and medial sigma alike);
    None for a token with a character whose lower case is two (U+0130), which no lexicon word holds."""
    if "\u0130" in token:
        return None
    return token.lower().replace(_SIGMA_FINAL, _SIGMA)


def tokens(lines: list[str]) -> list[list[str | None]]:
    """The normalised word tokens of each line (runs of word characters, as features.line_rows reads them)."""
    return [[norm(w) for w in _WORD.findall(t)] for t in lines]


def stats_from_values(v: np.ndarray, offsets: np.ndarray) -> np.ndarray:
    """scan.LEX rows of n lines whose tokens' numbers are v[offsets[i]:offsets[i+1]] (NaN: not a lexicon word)."""
    n = len(offsets) - 1
    out = np.zeros((6, n), np.float64)
    tot = np.diff(offsets)
    out[5] = tot
    if not n or not len(v):
        return out
    known = ~np.isnan(v)
    line = np.repeat(np.arange(n), tot)
    out[0] = np.bincount(line[known], weights=v[known], minlength=n)
    out[1] = np.bincount(line[known], minlength=n)
    lo, hi = np.full(n, np.inf), np.full(n, -np.inf)
    np.minimum.at(lo, line[known], v[known])
    np.maximum.at(hi, line[known], v[known])
    has = out[1] > 0
    out[2, has], out[3, has] = lo[has], hi[has]
    first = v[offsets[:-1][tot > 0]]
    out[4, tot > 0] = np.where(np.isnan(first), 0.0, first)
    return out


def columns(stats: np.ndarray, near: tuple[int, ...] = ()) -> np.ndarray:
    """The model's lexical input columns from the scan.LEX rows of a page's lines."""
    s, known, lo, hi, first, tot = stats
    n = stats.shape[1]
    out = np.zeros((n, N_COLUMNS + len(near)), np.float32)
    has = known > 0
    out[has, 0] = s[has] / known[has]
    out[:, 1], out[:, 2], out[:, 4] = lo, hi, first
    out[tot > 0, 3] = known[tot > 0] / tot[tot > 0]
    if near and n:
        cs = np.concatenate([[0.0], np.cumsum(s)])
        cn = np.concatenate([[0.0], np.cumsum(known)])
        i = np.arange(n)
        for k, r in enumerate(near):
            a, b = np.maximum(i - r, 0), np.minimum(i + r + 1, n)
            c = cn[b] - cn[a]
            out[:, N_COLUMNS + k] = np.where(c > 0, (cs[b] - cs[a]) / np.maximum(c, 1), 0.0)
    return out


class Lexicon:
    """Words and their numbers: the tables the compiled pass looks them up in, and the columns of a page."""

    def __init__(self, words: list[str], scores: list[float], near: tuple[int, ...] = ()):
        from . import charclass as cc
        self.near = tuple(near)
        every = cc.word_hashes(list(words))
        if len(every) == len(words):  # each word one token (the usual case): no word-by-word check
            hashes = [every[i:i + 1] for i in range(len(words))]
        else:
            hashes = [cc.word_hashes([w]) for w in words]
        # only words the compiled pass can meet as one token (a normalised run of word characters)
        ok = [len(h) == 1 and _WORD.fullmatch(w) is not None and norm(w) == w for w, h in zip(words, hashes)]
        self.words = [w for w, k in zip(words, ok) if k]
        self.scores = np.asarray([x for x, k in zip(scores, ok) if k], np.float64)
        self.hashes = np.array([h[0] for h, k in zip(hashes, ok) if k], np.uint64)

    @cached_property
    def tables(self) -> tuple:
        """scan.line_counts' lexicon arguments."""
        from . import scan
        return scan.value_table(self.hashes, self.scores)

    @cached_property
    def _index(self) -> dict[str, int]:
        index: dict[str, int] = {}
        for i, w in enumerate(self.words):
            index.setdefault(w, i)  # a word given twice keeps its first number, as scan.value_table does
        return index

    def stats_slow(self, lines: list[str]) -> np.ndarray:
        """scan.LEX rows of the lines by their plain definition (the reference of the compiled pass)."""
        toks = tokens(lines)
        offsets = np.zeros(len(lines) + 1, np.int64)
        np.cumsum([len(t) for t in toks], out=offsets[1:])
        get, table = self._index.get, np.append(self.scores, np.nan)
        v = table[np.fromiter((get(w, -1) if w is not None else -1 for t in toks for w in t), np.int64,
                              int(offsets[-1]))]
        return stats_from_values(v, offsets)

    @property
    def width(self) -> int:
        """How many input columns the lexicon gives a line."""
        return N_COLUMNS + len(self.near)

    def columns(self, stats: np.ndarray) -> np.ndarray:
        """The model's lexical input columns of a page from its scan.LEX rows (`columns`, compiled)."""
        out = np.zeros((stats.shape[1], self.width), np.float32)
        self.fill(stats, out)
        return out

    def fill(self, stats: np.ndarray, out: np.ndarray) -> None:
        """Write the lexical columns into out (zeros, one row per line; a view of the model's input matrix)."""
        from . import fill
        fill.lex_columns(stats, self._near, out)

    @cached_property
    def _near(self) -> np.ndarray:
        return np.array(self.near, np.int64)

    def to_json(self) -> dict:
        """The model file's lexicon member."""
        return {"words": self.words, "scores": np.round(self.scores, 3).tolist(), "near": list(self.near)}

    @classmethod
    def from_json(cls, d: dict) -> Lexicon:
        """Inverse of to_json."""
        return cls(d["words"], d["scores"], tuple(d.get("near", ())))
