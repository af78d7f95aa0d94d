"""Line features for the whole-page text classifier: shape of each line, its neighbours, anchors.

The same code computes features for training (scripts/train_text_model.py) and for inference
(cleaner/ops/classify_lines.py), so the two cannot drift apart. Every feature is generic: no site,
domain or page-specific strings.
"""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from urllib.parse import unquote, urlsplit

import numpy as np

from . import charclass as cc

# Function words of the languages most scraped pages are written in. Prose is dense in them;
# menus, buttons and link lists are not.
STOPWORDS = frozenset("""
a about above after again against all also am an and any are as at be because been before being
below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more
most my myself no nor not now of off on once only or other our ours out over own same she should so
some such than that the their theirs them then there these they this those through to too under
until up very was we were what when where which while who whom why will with would you your yours
der die das und ist nicht ein eine einen dem den des mit von zu auf für sich auch es im sie wir
le la les et est une un des du dans que qui pour pas sur au avec ce il elle nous vous sont
el los las y en que por con para una es al lo del se su como más pero
il di che e la per non un una sono con della gli nel
de het een en van ik te dat die zijn op voor niet met
o os as um uma não com para por mais
""".split())

_WORD = re.compile(r"\w+")
_LIST_MARK = re.compile(r"^(?:[*+\-\u2022\u25aa\u25cf\u2023\u203a\u00bb>\u2013\u2014]|\d{1,3}[.)])\s")
_SEPARATORS = (" | ", " \u2022 ", " \u00b7 ", " \u00bb ", " \u203a ", " / ", "   ")  # menu-ish joins
_DATEISH = re.compile(r"\b(?:19|20)\d\d\b|\b\d{1,2}[:/.]\d{2}\b")
_DIGITS = re.compile(r"[0-9]")
# An amount of money: product and listing pages are lists of items with prices.
_PRICE = re.compile(r"(?:[$\u20ac\u00a3\u00a5\u20b9]|\b(?:USD|EUR|GBP|CHF|Rs\.?))\s?\d"
                    r"|\d(?:[\d.,]*\d)?\s?(?:[$\u20ac\u00a3\u00a5\u20b9]|(?:USD|EUR|GBP|CHF|kr|z\u0142)\b)")
_CURRENCY = ("$", "\u20ac", "\u00a3", "\u00a5", "\u20b9", "USD", "EUR", "GBP", "CHF", "Rs", "kr", "z\u0142")
_LEGAL_MARKS = ("\u00a9", "copyright", "rights reserved", "privacy", "terms")
_URL_MARKS = ("http", "www.", ".com", "@")
# Customer reviews and ratings under a product: prose, but not the product's description.
_REVIEW_MARKS = ("out of 5", "review", "rating", " stars", "helpful", "verified")
# Comment threads and forum chrome around a post: reply buttons, "X wrote:", "3 days ago".
_COMMENT_MARKS = ("reply", "replies", " ago", "writes:", "wrote:", "says:", "comment", "posted by", "upvote",
                  "quote")
TERMINAL = tuple(".!?\"'\u201d\u2019\u2026")

# Per-line ("raw") features, in column order.
RAW = ("log_chars", "log_words", "stop_ratio", "ends_sentence", "alpha_ratio", "title_case",
       "digit_ratio", "separators", "commas", "list_mark", "indent", "dup", "alone", "log_para",
       "slug", "title_tag", "legal", "urlish", "dateish", "upper", "long_prose", "colon_end", "price", "review",
       "comment", "linkish", "first_rep")
# Raw columns also given for the lines just before and after.
NEIGHBOUR = ("log_chars", "stop_ratio", "ends_sentence", "title_case", "list_mark", "dup",
             "long_prose", "indent", "price")
# Raw columns averaged over windows around the line (char-weighted where it matters).
WINDOWED = ("long_prose", "stop_ratio", "list_mark", "dup", "log_chars", "price", "review", "comment", "linkish",
            "first_rep")
WINDOWS = (3, 10, 30)
_NEIGHBOUR_IDX = [RAW.index(c) for c in NEIGHBOUR]
_PROSE, _SLUG, _TITLE_TAG = RAW.index("long_prose"), RAW.index("slug"), RAW.index("title_tag")
_WINDOWED_IDX = [RAW.index(c) for c in WINDOWED]


def line_words(line: str) -> set[str]:
    """Distinct lower-case words of a line longer than two characters (what a headline is matched by)."""
    return {w for w in _WORD.findall(line.lower()) if len(w) > 2}


def slug_words(url: str | None) -> set[str]:
    """Words of the URL path (the article slug usually repeats the headline)."""
    if not url:
        return set()
    try:
        path = unquote(urlsplit(url).path)
    except ValueError:
        return set()
    return {w for w in _WORD.findall(path.lower()) if len(w) > 2 and not w.isdigit()}


def line_rows(lines: list[str], indents: list[int], paras: list[int], url: str | None) -> np.ndarray:
    """The raw feature matrix: one row per line, columns as in RAW.

    Vectorised (see charclass.py): the lines are joined once and read as code points with per-character
    flags; per-line counts are one reduction over the line segments; tokens are runs of word
    characters, known by a hash of their lower case; Python string methods and regexes only run on the
    few candidate lines. tests/test_text_features.py checks it against the per-line definitions
    (`line_rows_slow`) column by column.
    """
    n = len(lines)
    if not n:
        return np.zeros((0, len(RAW)), dtype=np.float32)
    text = "\n".join(lines)
    if text.count("\n") != n - 1:  # a line with a newline inside (not from to_units): one line each
        lines = [t.replace("\n", " ") for t in lines]
        text = "\n".join(lines)
    lens = np.fromiter(map(len, lines), np.int64, n)
    if not lens.all():  # empty lines (never from to_units) would make empty segments
        return line_rows_slow(lines, indents, paras, url)
    size = len(text)
    starts = np.zeros(n + 1, np.int64)  # plus the end of the text: the slug and title words follow it
    np.cumsum(lens + 1, out=starts[1:])
    starts, ends = starts[:-1], starts[1:] - 1
    slug = slug_words(url)
    title_words = line_words(lines[0])
    words = sorted(slug | title_words)
    # The words to look for ride along after the text, so one pass hashes them with its tokens.
    cp = cc.codepoints(text + "\n" + " ".join(words))
    code, lowv, dc = cc.tables(cp, (1, 2, 3))
    # Per-line counts of digits and commas: one sum over each line's segment (its newline counts nothing).
    dc = np.add.reduceat(dc, np.append(starts, size))[:n]
    digits, commas = dc & 0xFFFFFFFF, dc >> 32
    ts, te = cc.token_bounds(code & cc.W)
    f = cc.prefix_hashes(lowv)
    h = cc.span_hashes(f, ts, te)
    k = len(ts) - len(words)  # tokens of the text; the words' hashes come after them
    ts, te, h, wh = ts[:k], te[:k], h[:k], h[k:]
    tok_line = np.searchsorted(starts, ts, side="right") - 1
    nt = np.bincount(tok_line, minlength=n)
    wchars = np.bincount(tok_line, weights=te - ts, minlength=n)
    if "\u0130" in text:  # its lower case, which the word characters are counted in, is two characters
        wchars += [t.count("\u0130") for t in lines]
    marks = cc.title_marks(code)
    per_tok = marks[te] - marks[ts]  # broken (low half) and cased letters (high half) of each token
    title = np.bincount(tok_line, weights=((per_tok & 0xFFFFFFFF) == 0) & (per_tok > 0), minlength=n)
    stop = np.bincount(tok_line, weights=cc.lookup(h, _stop_sorted()) >= 0, minlength=n)
    in_slug, in_title = np.zeros(n), np.zeros(n)
    if words:
        order = np.argsort(wh)
        at = cc.lookup(h, wh[order])
        hit = np.flatnonzero(at >= 0)
        if len(hit):  # distinct words per line: unique (line, word) pairs
            pair = np.unique(tok_line[hit] * len(words) + order[at[hit]])
            line, which = np.divmod(pair, len(words))
            in_slug = np.bincount(line, weights=np.array([w in slug for w in words])[which], minlength=n)
            in_title = np.bincount(line, weights=np.array([w in title_words for w in words])[which], minlength=n)
    # Repeats of the same line (lower case), from line hashes.
    lh = cc.span_hashes(f, starts, ends).tolist()
    counts = Counter(lh)
    dup = np.fromiter(map(counts.__getitem__, lh), np.int64, n) - 1
    # Markers as substrings of the lower case: every needle is ASCII without 'k', so the ASCII lower case
    # of the text (other characters as '?') finds exactly the same ones; the copyright sign by its flag.
    low = text.encode("ascii", "replace").lower()
    legal = _needle_lines(_LEGAL_MARKS[1:], low, starts, n)
    if "\u00a9" in text:
        legal[[i for i, t in enumerate(lines) if "\u00a9" in t]] = True
    urlish = _needle_lines(_URL_MARKS, low, starts, n)
    review = _needle_lines(_REVIEW_MARKS, low, starts, n)
    if "\u2605" in text or "\u2606" in text:
        review[[i for i, t in enumerate(lines) if "\u2605" in t or "\u2606" in t]] = True
    comment = _needle_lines(_COMMENT_MARKS, low, starts, n)
    # Lines opening with the same word as many others: templated items (bylines, list entries, comments).
    first_rep = np.zeros(n)
    has = np.flatnonzero(nt > 0)
    if len(has):
        fh = h[np.searchsorted(tok_line, has)]
        srt = np.sort(fh)  # how many share each hash: the width of its run in the sorted hashes
        first_rep[has] = np.searchsorted(srt, fh, "right") - np.searchsorted(srt, fh, "left") - 1
    # Candidate lines only: separators (" x " or three spaces), list marks, short lines with a digit.
    space = cp[:size] == 32
    mid = np.flatnonzero(space[:-2] & space[2:]) + 1
    mid = mid[(cc.tables(cp[mid], (0,))[0] & cc.SEP_MID) != 0]
    seps = np.zeros(n)
    for i in np.unique(np.searchsorted(starts, mid, side="right") - 1).tolist():
        seps[i] = sum(map(lines[i].count, _SEPARATORS))
    first_flags, last_flags = cc.tables(cp[np.concatenate((starts, ends - 1))], (0,))[0].reshape(2, n)
    list_mark = np.zeros(n, bool)
    for i in np.flatnonzero(first_flags & (cc.MARK | cc.D)).tolist():
        list_mark[i] = _LIST_MARK.match(lines[i]) is not None
    dateish, price = np.zeros(n, bool), np.zeros(n, bool)
    for i in np.flatnonzero((digits > 0) & (lens < 60)).tolist():
        dateish[i] = _DATEISH.search(lines[i]) is not None
    # every alternative of _PRICE holds one of these: only lines with one (and a digit) are searched
    for i in np.flatnonzero(_needle_lines(_CURRENCY, text, starts, n) & (digits > 0)).tolist():
        price[i] = _PRICE.search(lines[i]) is not None
    return _columns(np.array([
        lens, nt, stop, digits, wchars, (last_flags & cc.TERM) != 0, title, seps, commas,
        list_mark, indents, dup, _para_sizes(paras, n), in_slug, in_title, legal, urlish, dateish,
        np.fromiter(map(str.isupper, lines), bool, n), cp[ends - 1] == 58, price, review,
        comment, first_rep,
    ], dtype=np.float32), len(slug), len(title_words))


def _needle_lines(needles: tuple[str, ...], low: bytes | str, starts: np.ndarray, n: int) -> np.ndarray:
    """Lines of the text (bytes: its ASCII lower case; str: the text) that contain one of the needles."""
    at = []
    for needle in needles:
        b = needle.encode() if isinstance(low, bytes) else needle
        pos = low.find(b)
        while pos >= 0:
            at.append(pos)
            pos = low.find(b, pos + 1)
    hit = np.zeros(n, bool)
    if at:
        hit[np.searchsorted(starts, at, side="right") - 1] = True
    return hit


def _para_sizes(paras: list[int], n: int) -> np.ndarray:
    """How many lines share each line's paragraph."""
    a = np.asarray(paras)
    if a.min() >= 0 and a.max() <= 4 * n:  # paragraph numbers from to_units: counted directly
        return np.bincount(a)[a]
    _, inv, size = np.unique(a, return_inverse=True, return_counts=True)
    return size[inv.reshape(-1)]


def line_rows_slow(lines: list[str], indents: list[int], paras: list[int], url: str | None) -> np.ndarray:
    """The per-line definition of every RAW column: the reference line_rows is tested against."""
    if not lines:
        return np.zeros((0, len(RAW)), dtype=np.float32)
    slug = slug_words(url)
    title_words = line_words(lines[0])
    lows = [t.lower() for t in lines]
    counts = Counter(t.replace("\u03c2", "\u03c3") for t in lows)  # final and medial sigma count as one
    para_size = Counter(paras)
    origs = [_WORD.findall(t) for t in lines]
    toks = [[w.lower() for w in o] for o in origs]
    firsts = Counter(t[0].replace("\u03c2", "\u03c3") for t in toks if t)
    return _columns(np.array([
        [len(t) for t in lines], [len(t) for t in toks], [sum(w in STOPWORDS for w in t) for t in toks],
        [len(_DIGITS.findall(t)) for t in lines], [len("".join(t)) for t in toks],
        [t.endswith(TERMINAL) for t in lines], [sum(w.istitle() for w in o) for o in origs],
        [sum(t.count(s) for s in _SEPARATORS) for t in lines], [t.count(",") for t in lines],
        [_LIST_MARK.match(t) is not None for t in lines], indents, [counts[k.replace("\u03c2", "\u03c3")] - 1 for k in lows],
        [para_size[p] for p in paras], [len(slug.intersection(t)) for t in toks],
        [len(title_words.intersection(t)) for t in toks],
        [any(m in t for m in _LEGAL_MARKS) for t in lows], [any(m in t for m in _URL_MARKS) for t in lows],
        [len(t) < 60 and _DATEISH.search(t) is not None for t in lines],
        [t.isupper() for t in lines], [t.endswith(":") for t in lines],
        [_DIGITS.search(t) is not None and _PRICE.search(t) is not None for t in lines],
        [any(m in t for m in _REVIEW_MARKS) or "\u2605" in t or "\u2606" in t for t in lows],
        [any(m in t for m in _COMMENT_MARKS) for t in lows],
        [firsts[t[0].replace("\u03c2", "\u03c3")] - 1 if t else 0 for t in toks],
    ], dtype=np.float32), len(slug), len(title_words))


def _columns(counts: np.ndarray, n_slug: int, n_title: int) -> np.ndarray:
    """The RAW columns from the per-line counts (one float32 row per count, in line_rows' order)."""
    (nc, nt, stop, digits, wordchars, ends, title, seps, commas, marks, indent, dup, sizes, in_slug,
     in_title, legal, urlish, dateish, upper, colon, price, review, comment, first_rep) = counts
    nw = np.maximum(nt, 1)
    in_title[0] = 0.0  # the first line is the page title itself
    cols = [
        np.log1p(nc), np.log1p(nt), stop / nw, ends, (wordchars - digits) / nc, title / nw,
        digits / nc, seps, commas / nw, marks, np.log1p(indent), np.log1p(dup), sizes == 1,
        np.log1p(sizes), in_slug / max(1, n_slug), in_title / max(1, n_title),
        legal, urlish, dateish, upper, (nc >= 80) & (ends > 0) & (stop >= 0.15 * nw), colon, price, review,
        comment, (nc < 40) & (ends == 0), np.log1p(first_rep),
    ]
    return np.stack(cols, axis=1).astype(np.float32)


def window_mean(col: np.ndarray, w: int) -> np.ndarray:
    """Mean of col (a column, or columns side by side) over the lines i-w..i+w, clipped at the edges."""
    n = len(col)
    c = np.cumsum(col, axis=0, dtype=np.float64)
    c = np.concatenate((np.zeros((1, *col.shape[1:])), c))
    idx = np.arange(n)
    lo = np.maximum(idx - w, 0)
    hi = np.minimum(idx + w + 1, n)
    span = (hi - lo) if col.ndim == 1 else (hi - lo)[:, None]
    return ((c[hi] - c[lo]) / span).astype(np.float32)


def _signed(d: np.ndarray) -> np.ndarray:
    """sign(d) * log(1 + |d|): distances in lines, compressed."""
    return np.sign(d) * np.log1p(np.abs(d))


def _windows(col: np.ndarray, widths: tuple[int, ...], out: list[np.ndarray]) -> None:
    """Write window_mean(col, w) for each width into the given output slices (one cumulative sum)."""
    n = len(col)
    c = np.zeros((n + 1, *col.shape[1:]))
    np.cumsum(col, axis=0, dtype=np.float64, out=c[1:])
    idx = np.arange(n)
    for w, dst in zip(widths, out):
        lo = np.maximum(idx - w, 0)
        hi = np.minimum(idx + w + 1, n)
        span = (hi - lo) if col.ndim == 1 else (hi - lo)[:, None]
        dst[...] = (c[hi] - c[lo]) / span


N_CONTEXT = len(RAW) + 4 * len(NEIGHBOUR) + len(WINDOWS) * len(WINDOWED) + 12


def context(rows: np.ndarray) -> np.ndarray:
    """Raw features plus neighbours, windows, anchors and document-level figures (one matrix, filled
    in place: the same values as stacking the parts, with fewer array operations)."""
    n, r = rows.shape
    x = np.zeros((n, N_CONTEXT), np.float32)
    x[:, :r] = rows
    near = rows[:, _NEIGHBOUR_IDX]
    k = len(NEIGHBOUR)
    x[1:, r:r + k] = near[:-1]               # the line before
    x[2:, r + k:r + 2 * k] = near[:-2]       # two before
    x[:-1, r + 2 * k:r + 3 * k] = near[1:]   # the line after
    x[:-2, r + 3 * k:r + 4 * k] = near[2:]   # two after
    at = r + 4 * k
    m = len(WINDOWED)
    _windows(rows[:, _WINDOWED_IDX], WINDOWS, [x[:, at + i * m:at + (i + 1) * m] for i in range(len(WINDOWS))])
    at += len(WINDOWS) * m
    idx = np.arange(n, dtype=np.float32)
    chars = np.expm1(rows[:, 0])
    prose_col = rows[:, _PROSE]
    cum = np.cumsum(chars) - chars
    total = float(chars.sum()) or 1.0
    prose = np.flatnonzero(prose_col > 0)
    first = prose[0] if len(prose) else n
    last = prose[-1] if len(prose) else -1
    title_score = np.maximum(rows[:, _SLUG], rows[:, _TITLE_TAG])
    anchor = int(np.argmax(title_score[: max(1, first + 1)])) if n else 0
    has_anchor = float(title_score[anchor] >= 0.5) if n else 0.0
    prose_chars = float((chars * prose_col).sum())
    a = x[:, at:]
    a[:, 0] = idx / max(1, n - 1)
    a[:, 1] = cum / total
    a[:, 2] = _signed(idx - first)
    a[:, 3] = _signed(idx - last)
    a[:, 4] = _signed(idx - anchor) * has_anchor
    a[:, 5] = (idx == anchor) * has_anchor
    a[:, 6] = np.float32(np.log1p(n))
    a[:, 7] = prose_chars / total
    a[:, 8] = has_anchor
    a[:, 9] = len(prose) / max(1, n)
    # The headline found anywhere (not only above the first prose line: product and forum pages have
    # prose-like chrome above it), a short line matching the slug or page title best.
    if n > 1:
        g = title_score[1:] * ((chars[1:] <= 200) & (prose_col[1:] == 0))
        best = 1 + int(np.argmax(g))
        a[:, 10] = _signed(idx - best) * (g[best - 1] >= 0.5)
        a[:, 11] = g[best - 1]
    return x


N_STAGE2 = 14 + len(RAW)


def stage2(logit: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Second-pass inputs: first-pass scores smoothed over neighbours and windows, plus a few features."""
    n = len(logit)
    z = np.zeros((n, N_STAGE2), np.float32)
    p = 1.0 / (1.0 + np.exp(-logit))
    z[:, 0] = logit
    z[1:, 1] = logit[:-1]
    z[:-1, 2] = logit[1:]
    z[2:, 3] = logit[:-2]
    z[:-2, 4] = logit[2:]
    _windows(p, (2, 5, 15, 40), [z[:, 5 + i] for i in range(4)])
    # Share of the document's kept-looking lines before/after: the article is mostly one run.
    cp = np.cumsum(p)
    tot = max(float(cp[-1]) if n else 1.0, 1e-6)
    z[:, 9] = cp / tot
    z[:, 10] = 1 - cp / tot
    # The best-scoring run of lines (max-sum, weighted by length): lines far outside it are
    # rarely article on article pages, and often are on product or listing pages.
    start, end = best_run((p - 0.5) * x[:, 0])
    idx = np.arange(n)
    z[:, 11] = (idx >= start) & (idx <= end)
    z[:, 12] = _signed(idx - start)
    z[:, 13] = _signed(idx - end)
    z[:, 14:] = x[:, :len(RAW)]
    return z


def best_run(values: np.ndarray) -> tuple[int, int]:
    """First and last index of the contiguous run with the largest sum, as Kadane's scan finds it
    (ties: the earliest end; for that end, the latest start), from prefix sums in one pass of numpy."""
    n = len(values)
    if not n:
        return 0, -1
    pre = np.zeros(n + 1)
    np.cumsum(values, dtype=np.float64, out=pre[1:])
    low = np.minimum.accumulate(pre[:-1])          # lowest prefix before each end
    # Kadane restarts at i when the running sum is <= 0, i.e. when pre[i] is at or below every earlier one.
    restart = np.ones(n, bool)
    restart[1:] = pre[1:-1] <= low[:-1]
    start_at = np.maximum.accumulate(np.where(restart, np.arange(n), 0))
    end = int(np.argmax(pre[1:] - low))
    return int(start_at[end]), end


def title_anchor(rows: np.ndarray, max_chars: int = 200, prose: np.ndarray | None = None) -> int | None:
    """Index of the headline: the line (after the first) before the first prose paragraph that best
    matches the URL slug or the page title (first line), when it matches well enough; else None.
    `prose` (a mask) says which lines count as that paragraph (default: every long prose line)."""
    n = len(rows)
    if not n:
        return None
    score = np.maximum(rows[:, RAW.index("slug")], rows[:, RAW.index("title_tag")])
    prose = np.flatnonzero((rows[:, RAW.index("long_prose")] > 0) if prose is None else prose)
    first = int(prose[0]) if len(prose) else n
    if first < 1:
        return None
    i = 1 + int(np.argmax(score[1: first + 1]))  # line 0 may be the page <title>: the headline is below
    if score[i] < 0.5 or np.expm1(rows[i, 0]) > max_chars or rows[i, RAW.index("long_prose")] > 0:
        return None
    return i


@lru_cache(maxsize=1)
def _stop_sorted() -> np.ndarray:
    """The stop words' hashes, sorted: a binary search stays in a few cache lines."""
    return np.unique(cc.word_hashes(sorted(STOPWORDS)))
