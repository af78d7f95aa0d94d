"""Character classes and word hashes for the line features (read by the compiled pass in scan.py).

A text is read as an array of code points. Per-character classes (flags) come from a table built once
per process from Python's own definitions (re's word, digit and space classes, str.isupper...), so the
compiled pass agrees with the per-line reference exactly; tokens are identified by a polynomial hash
(mod 2**64) of their lower case, so that looking up stop words, slug and title words is a hash-table
probe per token.
"""
from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

# Flag bits: \w; upper or title case; lower case; \d; lower case one character longer (U+0130); ASCII
# digit; comma; start of a list mark; middle of a menu separator; end of a sentence; white space (\s).
W, UPT, LO, D, LONGER, DIGIT, COMMA, MARK, SEP_MID, TERM, SPACE = BITS = tuple(1 << k for k in range(11))
MARK_CHARS = "*+-\u2022\u25aa\u25cf\u2023\u203a\u00bb>\u2013\u2014"
SEP_MID_CHARS = " |\u2022\u00b7\u00bb\u203a/"
TERM_CHARS = ".!?\"'\u201d\u2019\u2026"
HASH_BASE = 0x9E3779B97F4A7C15     # odd, so it has an inverse mod 2**64
_SIGMA_FINAL, _SIGMA = 0x3C2, 0x3C3


def codepoints(text: str) -> np.ndarray:
    """The text as an array of code points (lone surrogates kept)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), np.uint32)


def _classes_of(chars: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Flags and hash value of the lower case of each character."""
    joined = "".join(chars)
    flags = np.zeros(len(chars), np.uint16)
    flags[[m.start() for m in re.finditer(r"\w", joined)]] |= W  # exactly what re calls a word character
    flags[[m.start() for m in re.finditer(r"\d", joined)]] |= D
    flags[[m.start() for m in re.finditer(r"[0-9]", joined)]] |= DIGIT
    flags[[m.start() for m in re.finditer(",", joined)]] |= COMMA
    flags[[m.start() for m in re.finditer(r"\s", joined)]] |= SPACE
    for bit, members in ((MARK, MARK_CHARS), (SEP_MID, SEP_MID_CHARS), (TERM, TERM_CHARS)):
        flags[[m.start() for m in re.finditer(f"[{re.escape(members)}]", joined)]] |= bit
    flags[np.fromiter(map(str.istitle, chars), bool, len(chars))] |= UPT  # one character: upper or title case
    flags[np.fromiter(map(str.islower, chars), bool, len(chars))] |= LO
    lows = list(map(str.lower, chars))
    longer = np.array([len(c) for c in lows]) > 1
    assert max(map(len, lows), default=1) <= 2  # true of every code point (only U+0130 grows, by one)
    flags[longer & (flags & W > 0)] |= LONGER
    # The hash value is the lower case when it is one character (final and medial sigma alike, since
    # str.lower picks one by context), and a value no lower-case word character has when it is longer
    # (U+0130: its lower case holds a combining dot, which no word of a slug or title can contain).
    lowv = np.array([ord(c) if len(c) == 1 else 0x110000 + ord(o) for c, o in zip(lows, chars)], np.uint32)
    lowv[lowv == _SIGMA_FINAL] = _SIGMA
    return flags, lowv


@lru_cache(maxsize=1)
def _table() -> tuple[np.ndarray, ...]:
    """_classes_of every BMP code point, built once per process (some tens of ms)."""
    return _classes_of([chr(c) for c in range(0x10000)])


_ASTRAL: dict[int, tuple] = {}


def tables(cp: np.ndarray, which: tuple[int, ...] = (0, 1)) -> list[np.ndarray]:
    """The tables (0 flags, 1 lower-case hash value) read at each code point."""
    table = _table()
    if not len(cp) or int(cp.max()) < 0x10000:
        return [table[k][cp] for k in which]
    big = cp >= 0x10000  # astral code points (emoji, rare scripts): looked up one distinct value at a time
    out = [table[k][np.where(big, 0, cp)] for k in which]
    uniq, inv = np.unique(cp[big], return_inverse=True)
    missing = [c for c in uniq.tolist() if c not in _ASTRAL]
    if missing:
        if len(_ASTRAL) > 50_000:
            _ASTRAL.clear()
        for c, vals in zip(missing, zip(*_classes_of([chr(c) for c in missing]))):
            _ASTRAL[c] = vals
    for t, k in zip(out, which):
        t[big] = np.array([_ASTRAL[c][k] for c in uniq.tolist()], t.dtype)[inv.reshape(-1)]
    return out


def classes(cp: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per code point: flags (see the bits above) and the value its lower case hashes with."""
    flags, lowv = tables(cp)
    return flags, lowv


_POW: list[np.ndarray] = []


def _powers(size: int) -> tuple[np.ndarray, np.ndarray]:
    """HASH_BASE**i and HASH_BASE**-i mod 2**64 for i < size (cached, grown by doubling)."""
    if not _POW or len(_POW[0]) < size:
        m = max(size, 2 * len(_POW[0]) if _POW else 1 << 14)
        pw, ipw = np.ones(m, np.uint64), np.ones(m, np.uint64)
        np.cumprod(np.full(m - 1, HASH_BASE, np.uint64), out=pw[1:])
        np.cumprod(np.full(m - 1, pow(HASH_BASE, -1, 1 << 64), np.uint64), out=ipw[1:])
        _POW[:] = [pw, ipw]
    return _POW[0], _POW[1]


def token_bounds(word: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Start and end (exclusive) of every run of word characters (word: 0/1 as int8 or uint8)."""
    if not len(word):
        return np.zeros(0, np.int64), np.zeros(0, np.int64)
    edges = np.diff(word.view(np.int8))
    at = np.flatnonzero(edges)
    rise = edges[at] > 0
    ts, te = at[rise] + 1, at[~rise] + 1
    if word[0]:
        ts = np.concatenate(([0], ts))
    if word[-1]:
        te = np.concatenate((te, [len(word)]))
    return ts, te


def prefix_hashes(lowv: np.ndarray) -> np.ndarray:
    """f[k] = sum of lowv[i] * P**i for i < k, mod 2**64: any span's hash is two reads of it."""
    pw, _ = _powers(len(lowv) + 1)
    f = np.zeros(len(lowv) + 1, np.uint64)
    np.cumsum(pw[:len(lowv)] * lowv, out=f[1:])
    return f


def span_hashes(f: np.ndarray, ts: np.ndarray, te: np.ndarray) -> np.ndarray:
    """Hash of each span [ts, te) of the text: sum lowv[i] * P**(i - ts), mod 2**64."""
    return (f[te] - f[ts]) * _powers(len(f))[1][ts]


def word_hashes(words) -> np.ndarray:
    """Hashes of lower-case words (in order), as line_rows hashes the tokens of a text."""
    if not words:
        return np.zeros(0, np.uint64)
    flags, lowv = tables(codepoints(" ".join(words)))
    ts, te = token_bounds((flags & W != 0).view(np.int8))
    return span_hashes(prefix_hashes(lowv), ts, te)
