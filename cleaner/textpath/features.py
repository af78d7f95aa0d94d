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
_NEIGHBOUR_IDX = np.array([RAW.index(c) for c in NEIGHBOUR])
_PROSE, _SLUG, _TITLE_TAG = RAW.index("long_prose"), RAW.index("slug"), RAW.index("title_tag")
_WINDOWED_IDX = np.array([RAW.index(c) for c in WINDOWED])
_WIDTHS = np.array(WINDOWS)


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
    """The raw feature matrix: one row per line, columns as in RAW (see line_rows_lex)."""
    return line_rows_lex(lines, indents, paras, url)[0]


def line_rows_lex(lines: list[str], indents: list[int], paras: list[int], url: str | None,
                  lexicon=None) -> tuple[np.ndarray, np.ndarray | None]:
    """The raw feature matrix: one row per line, columns as in RAW; and with a lexicon (lexicon.Lexicon),
    its figures per line from the same pass (rows as in scan.LEX), else None.

    The lines are joined once and read as code points with per-character flags (charclass.py); one
    compiled pass (scan.py) counts what each line holds; Python regexes only run on the few candidate
    lines for dates and prices. tests/test_text_features.py checks it against the per-line definitions
    (`line_rows_slow`) column by column.
    """
    n = len(lines)
    if not n:
        return np.zeros((0, len(RAW)), dtype=np.float32), None if lexicon is None else lexicon.stats_slow([])
    text = "\n".join(lines)
    if text.count("\n") != n - 1:  # a line with a newline inside (not from to_units): one line each
        lines = [t.replace("\n", " ") for t in lines]
        text = "\n".join(lines)
    lens = np.fromiter(map(len, lines), np.int64, n)
    if not lens.all():  # empty lines (never from to_units) would make empty spans
        return line_rows_slow(lines, indents, paras, url), None if lexicon is None else lexicon.stats_slow(lines)
    from . import scan  # compiled with numba, whose import takes 0.2 s: only whole-page texts need it
    starts = np.zeros(n + 1, np.int64)
    np.cumsum(lens + 1, out=starts[1:])
    starts, ends = starts[:-1], starts[1:] - 1
    slug = slug_words(url)
    title_words = line_words(lines[0])
    words = sorted(slug | title_words)
    kinds = np.array([(w in slug) + 2 * (w in title_words) for w in words], np.int64)
    # The words ride along after the text (each followed by a space), so one table lookup reads them too.
    word_starts = np.cumsum([len(text) + 1] + [len(w) + 1 for w in words[:-1]], dtype=np.int64)[:len(words)]
    cp = cc.codepoints(text + "\n" + "".join(w + " " for w in words))
    flags, lowv = cc.tables(cp)
    counts, hits, line_hash, first_hash, lex = scan.line_counts(
        cp, flags, lowv, starts, ends, *scan.stop_table(STOPWORDS), word_starts, kinds, *_needles(), cc.BITS,
        np.uint64(cc.HASH_BASE), *(_NO_LEXICON if lexicon is None else lexicon.tables))
    nt, stop, digits, wchars, title, commas, in_slug, in_title, seps, list_mark, has_token, dateish = counts
    dup = scan.repeats(line_hash)
    first_rep = np.zeros(n, np.int64)
    has = has_token > 0
    first_rep[has] = scan.repeats(first_hash[has])  # lines opening with the same word: templated items
    price = np.zeros(n, bool)
    for i in np.flatnonzero(hits[scan.CURRENCY] & (digits > 0)).tolist():  # every _PRICE match has a mark
        price[i] = _PRICE.search(lines[i]) is not None
    last = flags[ends - 1]
    counts32 = np.empty((24, n), np.float32)  # row by row: np.array of a list of mixed arrays is slow
    for j, row in enumerate((
            lens, nt, stop, digits, wchars, (last & cc.TERM) != 0, title, seps, commas,
            list_mark, indents, dup, _para_sizes(paras, n), in_slug, in_title, hits[scan.LEGAL],
            hits[scan.URLISH], dateish, np.fromiter(map(str.isupper, lines), bool, n), cp[ends - 1] == 58, price,
            hits[scan.REVIEW], hits[scan.COMMENT], first_rep)):
        counts32[j] = row
    return _columns(counts32, len(slug), len(title_words)), None if lexicon is None else lex


# An empty lexicon table for line_counts: no word is found.
_NO_LEXICON = (np.zeros(32, np.uint64), 60)


@lru_cache(maxsize=1)
def _needles() -> tuple[np.ndarray, ...]:
    """The marker substrings for scan.line_counts: the automaton of the lower-case ones, then the
    needle_table of those found in the text as it is."""
    from . import scan
    lowered = scan.automaton([(scan.LEGAL, _LEGAL_MARKS[1:]), (scan.URLISH, _URL_MARKS),
                              (scan.REVIEW, _REVIEW_MARKS), (scan.COMMENT, _COMMENT_MARKS)])
    raw = scan.needle_table([(scan.LEGAL, ("\u00a9",)), (scan.REVIEW, ("\u2605", "\u2606")),
                             (scan.CURRENCY, _CURRENCY)])
    return (*lowered, *raw)


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
    out = np.empty((len(cols), len(nc)), np.float32)  # a row per column, then one transposing copy
    for j, col in enumerate(cols):
        out[j] = col
    return np.ascontiguousarray(out.T)


N_CONTEXT = len(RAW) + 4 * len(NEIGHBOUR) + len(WINDOWS) * len(WINDOWED) + 12


def context(rows: np.ndarray, extra: int = 0) -> np.ndarray:
    """Raw features plus neighbours, windows, anchors and document-level figures (one matrix, filled by
    a compiled loop: fill.context_rest), and `extra` columns of zeros after them (the lexicon's)."""
    n, r = rows.shape
    x = np.zeros((n, N_CONTEXT + extra), np.float32)
    if not n:
        return x
    from . import fill  # numba (see line_rows)
    chars = np.expm1(rows[:, 0])
    s32, s64 = fill.signed_tables(n)
    fill.context_rest(x, rows, chars, r + 4 * len(NEIGHBOUR) + len(WINDOWS) * len(WINDOWED), _NEIGHBOUR_IDX,
                      _WINDOWED_IDX, _WIDTHS, _PROSE, _SLUG, _TITLE_TAG, float(chars.sum()) or 1.0,
                      float((chars * rows[:, _PROSE]).sum()), np.float32(np.log1p(n)), s32, s64)
    return x


N_STAGE2 = 14 + len(RAW)


def stage2(logit: np.ndarray, x: np.ndarray) -> np.ndarray:
    """Second-pass inputs: first-pass scores smoothed over neighbours and windows, the share of kept-looking
    lines before and after, the best-scoring run of lines (max-sum, weighted by length: lines far outside
    it are rarely article on article pages, and often are on product or listing pages), and the raw
    features (a compiled loop: fill.stage2_rest)."""
    n = len(logit)
    z = np.zeros((n, N_STAGE2), np.float32)
    if n:
        from . import fill  # numba (see line_rows)
        fill.stage2_rest(z, logit, sigmoid(logit), x, len(RAW), fill.signed_tables(n)[1])
    return z


def sigmoid(logit: np.ndarray) -> np.ndarray:
    """Probabilities from logits (both stages' outputs)."""
    with np.errstate(over="ignore"):  # a logit under -88 (float32): exp is inf and the probability 0, as wanted
        return 1.0 / (1.0 + np.exp(-logit))


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
def warm() -> None:
    """Compile the numba loops (or load them from numba's disk cache: ~0.5 s) on a small made-up page, so
    that the first real page does not wait for it; once per process. Compiling takes 10-20 s, once per
    install: scripts/setup.sh and the Docker build run this."""
    from .lines import has_control, spans
    from .model import load
    spans("Home\n\n  News \u2014 Sport\u3000\n".encode())  # to_units' pass
    has_control(b"Home\n")  # sanitize's
    lines = ["Home | News | Sport", "A headline about ferries", "By Jane Smith, 3 May 2024"] + [
        f"Paragraph {i} says what happened, and why it matters to the people who live there." for i in range(20)]
    load().scores(lines, [0] * len(lines), list(range(len(lines))), "https://example.com/news/a-headline-about-ferries")

