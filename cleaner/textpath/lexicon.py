"""A compact lexical input for the line model: one learned number per word (EXPERIMENT, prototype).

Each vocabulary word carries a smoothed log-odds of the lines holding it being article rather than
boilerplate, counted per host (a site's template words count once, however many pages it has). A line
gets a few columns from its words' numbers (mean, min, max, the share of its words that are known, its
first word's), appended to the stage-1 inputs.
"""
from __future__ import annotations

import re

import numpy as np

_TOK = re.compile(r"\w+")
N_COLUMNS = 5


def tokens(lines: list[str]) -> list[list[str]]:
    """Lower-case word tokens of each line."""
    return [_TOK.findall(t.lower()) for t in lines]


def columns(ids: np.ndarray, offsets: np.ndarray, table: np.ndarray, near: tuple[int, ...] = ()) -> np.ndarray:
    """The lexical columns of n lines whose token ids are ids[offsets[i]:offsets[i+1]]; table[id] is the
    word's number, NaN for a word outside the vocabulary; with `near`, the mean number of the known words
    within each of those many lines around the line."""
    n = len(offsets) - 1
    out = np.zeros((n, N_COLUMNS + len(near)), np.float32)
    if not n or not len(ids):
        return out
    v = table[ids]
    known = ~np.isnan(v)
    line = np.repeat(np.arange(n), np.diff(offsets))
    cnt = np.bincount(line, weights=known, minlength=n)
    tot = np.diff(offsets)
    vz = np.where(known, v, 0.0)
    s = np.bincount(line, weights=vz, minlength=n)
    has = cnt > 0
    out[has, 0] = s[has] / cnt[has]
    lo = np.full(n, np.inf)
    hi = np.full(n, -np.inf)
    np.minimum.at(lo, line[known], v[known])
    np.maximum.at(hi, line[known], v[known])
    out[has, 1] = lo[has]
    out[has, 2] = hi[has]
    out[tot > 0, 3] = cnt[tot > 0] / tot[tot > 0]
    first = offsets[:-1][tot > 0]
    fv = v[first]
    out[np.flatnonzero(tot > 0), 4] = np.where(np.isnan(fv), 0.0, fv)
    if near:
        cs = np.concatenate([[0.0], np.cumsum(s)])
        cc = np.concatenate([[0.0], np.cumsum(cnt)])
        i = np.arange(n)
        for k, r in enumerate(near):
            a, b = np.maximum(i - r, 0), np.minimum(i + r + 1, n)
            c = cc[b] - cc[a]
            out[:, N_COLUMNS + k] = np.where(c > 0, (cs[b] - cs[a]) / np.maximum(c, 1), 0.0)
    return out


class Lexicon:
    """Words and their numbers; columns() of a page's lines."""

    def __init__(self, words: list[str], scores: list[float], near: tuple[int, ...] = ()):
        self.near = tuple(near)
        self.words = list(words)
        self.scores = np.asarray(scores, np.float64)
        self.index = {w: i for i, w in enumerate(self.words)}
        self.table = np.append(self.scores, np.nan)  # the last slot: unknown words

    def line_columns(self, lines: list[str]) -> np.ndarray:
        """Lexical columns of the lines."""
        unk = len(self.words)
        get = self.index.get
        toks = tokens(lines)
        offsets = np.zeros(len(lines) + 1, np.int64)
        np.cumsum([len(t) for t in toks], out=offsets[1:])
        ids = np.fromiter((get(w, unk) for t in toks for w in t), np.int64, int(offsets[-1]))
        return columns(ids, offsets, self.table, self.near)

    def to_json(self) -> dict:
        """The model file's lexicon member."""
        return {"words": self.words, "scores": np.round(self.scores, 3).tolist(), "near": list(self.near)}

    @classmethod
    def from_json(cls, d: dict) -> Lexicon:
        """Inverse of to_json."""
        return cls(d["words"], d["scores"], tuple(d.get("near", ())))
