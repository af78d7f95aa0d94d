"""Line features for the whole-page text classifier: shape of each line, its neighbours, anchors.

The same code computes features for training (scripts/train_text_model.py) and for inference
(cleaner/ops/classify_lines.py), so the two cannot drift apart. Every feature is generic: no site,
domain or page-specific strings.
"""
from __future__ import annotations

import re
from urllib.parse import unquote, urlsplit

import numpy as np

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
_is_stop = STOPWORDS.__contains__
TERMINAL = tuple(".!?\"'\u201d\u2019\u2026")

# Per-line ("raw") features, in column order.
RAW = ("log_chars", "log_words", "stop_ratio", "ends_sentence", "alpha_ratio", "title_case",
       "digit_ratio", "separators", "commas", "list_mark", "indent", "dup", "alone", "log_para",
       "slug", "title_tag", "legal", "urlish", "dateish", "upper", "long_prose", "colon_end")
# Raw columns also given for the lines just before and after.
NEIGHBOUR = ("log_chars", "stop_ratio", "ends_sentence", "title_case", "list_mark", "dup",
             "long_prose", "indent")
# Raw columns averaged over windows around the line (char-weighted where it matters).
WINDOWED = ("long_prose", "stop_ratio", "list_mark", "dup", "log_chars")
WINDOWS = (3, 10, 30)
_NEIGHBOUR_IDX = [RAW.index(c) for c in NEIGHBOUR]
_WINDOWED_IDX = [RAW.index(c) for c in WINDOWED]


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
    """The raw feature matrix: one row per line, columns as in RAW."""
    n = len(lines)
    if not n:
        return np.zeros((0, len(RAW)), dtype=np.float32)
    # Column by column with map() over C methods: several times faster than a loop over lines.
    slug = slug_words(url)
    title_words = {w for w in _WORD.findall(lines[0].lower()) if len(w) > 2}
    lows = list(map(str.lower, lines))
    counts: dict[str, int] = {}
    for k in lows:
        counts[k] = counts.get(k, 0) + 1
    para_size: dict[int, int] = {}
    for p in paras:
        para_size[p] = para_size.get(p, 0) + 1
    origs = list(map(_WORD.findall, lines))
    toks = [list(map(str.lower, o)) for o in origs]
    # Plain lists first, one conversion to numpy at the end (np.fromiter per column is slower).
    (nc, nt, stop, digits, wordchars, ends, title, seps, commas, marks, indent, dup, sizes, in_slug,
     in_title, legal, urlish, dateish, upper, colon) = np.array([
        list(map(len, lines)), list(map(len, toks)), [sum(map(_is_stop, t)) for t in toks],
        [len(d) for d in map(_DIGITS.findall, lines)], list(map(len, map("".join, toks))),
        [t.endswith(TERMINAL) for t in lines], [sum(map(str.istitle, o)) for o in origs],
        [sum(map(t.count, _SEPARATORS)) for t in lines], [t.count(",") for t in lines],
        [_LIST_MARK.match(t) is not None for t in lines], indents, [counts[k] - 1 for k in lows],
        [para_size[p] for p in paras],
        [len(slug.intersection(t)) for t in toks] if slug else [0] * n,
        [len(title_words.intersection(t)) for t in toks] if title_words else [0] * n,
        ["\u00a9" in t or "copyright" in t or "rights reserved" in t or "privacy" in t or "terms" in t
         for t in lows],
        ["http" in t or "www." in t or ".com" in t or "@" in t for t in lows],
        [len(t) < 60 and _DATEISH.search(t) is not None for t in lines],
        list(map(str.isupper, lines)), [t.endswith(":") for t in lines],
    ], dtype=np.float32)
    nw = np.maximum(nt, 1)
    if n:
        in_title[0] = 0.0  # the first line is the page title itself
    cols = [
        np.log1p(nc), np.log1p(nt), stop / nw, ends, (wordchars - digits) / nc, title / nw,
        digits / nc, seps, commas / nw, marks, np.log1p(indent), np.log1p(dup), sizes == 1,
        np.log1p(sizes), in_slug / max(1, len(slug)), in_title / max(1, len(title_words)),
        legal, urlish, dateish, upper, (nc >= 80) & (ends > 0) & (stop >= 0.15 * nw), colon,
    ]
    return np.stack(cols, axis=1).astype(np.float32)


def _shift(col: np.ndarray, k: int) -> np.ndarray:
    """col moved by k lines (k>0: the value of the line k before), zero-padded."""
    out = np.zeros_like(col)
    if k > 0:
        out[k:] = col[:-k]
    elif k < 0:
        out[:k] = col[-k:]
    else:
        out[:] = col
    return out


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


def context(rows: np.ndarray) -> np.ndarray:
    """Raw features plus neighbours, windows, anchors and document-level figures."""
    n = len(rows)
    col = {name: rows[:, j] for j, name in enumerate(RAW)}
    parts = [rows]
    near = rows[:, _NEIGHBOUR_IDX]
    for k in (1, 2, -1, -2):
        parts.append(_shift(near, k))
    windowed = rows[:, _WINDOWED_IDX]
    for w in WINDOWS:
        parts.append(window_mean(windowed, w))
    idx = np.arange(n, dtype=np.float32)
    chars = np.expm1(col["log_chars"])
    cum = np.cumsum(chars) - chars
    total = float(chars.sum()) or 1.0
    prose = np.flatnonzero(col["long_prose"] > 0)
    first = prose[0] if len(prose) else n
    last = prose[-1] if len(prose) else -1
    title_score = np.maximum(col["slug"], col["title_tag"])
    anchor = int(np.argmax(title_score[: max(1, first + 1)])) if n else 0
    has_anchor = float(title_score[anchor] >= 0.5) if n else 0.0
    signed = lambda d: np.sign(d) * np.log1p(np.abs(d))  # noqa: E731
    prose_chars = float((chars * col["long_prose"]).sum())
    anchors = np.stack([
        idx / max(1, n - 1), cum / total, signed(idx - first), signed(idx - last),
        signed(idx - anchor) * has_anchor, (idx == anchor) * has_anchor,
        np.full(n, np.log1p(n)), np.full(n, prose_chars / total), np.full(n, has_anchor),
        np.full(n, len(prose) / max(1, n)),
    ], axis=1).astype(np.float32)
    parts.append(anchors)
    return np.concatenate(parts, axis=1)


def stage2(logit: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Second-pass inputs: first-pass scores smoothed over neighbours and windows, plus a few features."""
    p = 1.0 / (1.0 + np.exp(-logit))
    cols = [logit, _shift(logit, 1), _shift(logit, -1), _shift(logit, 2), _shift(logit, -2)]
    cols += [window_mean(p, w) for w in (2, 5, 15, 40)]
    # Share of the document's kept-looking lines before/after: the article is mostly one run.
    cp = np.cumsum(p)
    tot = float(cp[-1]) if len(cp) else 1.0
    cols += [cp / max(tot, 1e-6), 1 - cp / max(tot, 1e-6)]
    # The best-scoring run of lines (max-sum, weighted by length): lines far outside it are
    # rarely article on article pages, and often are on product or listing pages.
    start, end = best_run((p - 0.5) * x[:, 0])
    idx = np.arange(len(p))
    signed = lambda d: np.sign(d) * np.log1p(np.abs(d))  # noqa: E731
    cols += [((idx >= start) & (idx <= end)).astype(np.float32), signed(idx - start), signed(idx - end)]
    return np.concatenate([np.stack(cols, axis=1).astype(np.float32), x[:, :len(RAW)]], axis=1)


def best_run(values: np.ndarray) -> tuple[int, int]:
    """First and last index of the contiguous run with the largest sum (Kadane)."""
    best, cur, start, bs, be = float("-inf"), 0.0, 0, 0, -1
    for i, v in enumerate(values.tolist()):
        if cur <= 0:
            cur, start = v, i
        else:
            cur += v
        if cur > best:
            best, bs, be = cur, start, i
    return bs, be


def title_anchor(rows: np.ndarray, max_chars: int = 200) -> int | None:
    """Index of the headline: the line (after the first) before the first prose paragraph that best
    matches the URL slug or the page title (first line), when it matches well enough; else None."""
    n = len(rows)
    if not n:
        return None
    score = np.maximum(rows[:, RAW.index("slug")], rows[:, RAW.index("title_tag")])
    prose = np.flatnonzero(rows[:, RAW.index("long_prose")] > 0)
    first = int(prose[0]) if len(prose) else n
    if first < 1:
        return None
    i = 1 + int(np.argmax(score[1: first + 1]))  # line 0 may be the page <title>: the headline is below
    if score[i] < 0.5 or np.expm1(rows[i, 0]) > max_chars or rows[i, RAW.index("long_prose")] > 0:
        return None
    return i
