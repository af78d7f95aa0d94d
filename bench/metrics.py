"""Scorers: the AEB shingle metric, WCXB word F1, snippet rates and metadata matching."""
from __future__ import annotations

import re
import statistics
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

TOKEN_RE = re.compile(r"\w+")
SHINGLE_N = 4


# ---------------------------------------------------------------- AEB (article-extraction-benchmark)

def shingles(text: str | None, n: int = SHINGLE_N) -> Counter:
    """Multiset of n-token shingles over \\w+ tokens (case kept); under n tokens is one short shingle."""
    tokens = TOKEN_RE.findall(text or "")
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i:i + n]) for i in range(len(tokens) - n + 1))


@dataclass(frozen=True)
class Overlap:
    """Per-page TP/FP/FN, each divided by TP+FP+FN so every page weighs the same."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float | None:
        """TP/(TP+FP), or None when the output was empty."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        """TP/(TP+FN), or None when the ground truth was empty."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None

    @property
    def f1(self) -> float:
        """This page's own F1 (for finding regressions; the set F1 is computed from the means)."""
        p, r = self.precision or 0.0, self.recall or 0.0
        return 2 * p * r / (p + r) if p + r > 0 else 0.0


def aeb_overlap(pred: str | None, truth: str | None) -> Overlap:
    """Shingle-multiset overlap of one output against its ground truth."""
    p, t = shingles(pred), shingles(truth)
    tp = sum((p & t).values())
    fp = sum((p - t).values())
    fn = sum((t - p).values())
    total = tp + fp + fn
    if total == 0:
        return Overlap(0.0, 0.0, 0.0)
    return Overlap(tp / total, fp / total, fn / total)


@dataclass(frozen=True)
class PRF:
    """Precision, recall, F1 and how many pages each mean was taken over."""

    precision: float
    recall: float
    f1: float
    n_precision: int = 0
    n_recall: int = 0


def _mean(values: list[float]) -> float:
    """Arithmetic mean, 0.0 for no values."""
    return sum(values) / len(values) if values else 0.0


def harmonic(p: float, r: float) -> float:
    """Harmonic mean of two rates (0 when both are 0)."""
    return 2 * p * r / (p + r) if p + r > 0 else 0.0


def aeb_summary(overlaps: Iterable[Overlap]) -> PRF:
    """Mean precision over pages with output, mean recall over pages with truth, F1 of the two means."""
    overlaps = list(overlaps)
    ps = [o.precision for o in overlaps if o.precision is not None]
    rs = [o.recall for o in overlaps if o.recall is not None]
    p, r = _mean(ps), _mean(rs)
    return PRF(p, r, harmonic(p, r), len(ps), len(rs))


# ---------------------------------------------------------------- WCXB word F1

def words(text: str | None) -> Counter:
    """Bag of lower-cased \\w+ tokens."""
    return Counter(TOKEN_RE.findall((text or "").lower()))


@dataclass(frozen=True)
class WordScore:
    """Word-bag precision/recall/F1 of one page; precision is None for an empty output."""

    precision: float | None
    recall: float
    f1: float


def word_score(pred: str | None, truth: str | None) -> WordScore | None:
    """Counter-overlap word F1 of one page; None when the ground truth has no words (page not scored)."""
    t = words(truth)
    if not t:
        return None
    p = words(pred)
    if not p:
        return WordScore(None, 0.0, 0.0)
    overlap = sum((p & t).values())
    prec, rec = overlap / sum(p.values()), overlap / sum(t.values())
    return WordScore(prec, rec, harmonic(prec, rec))


def word_summary(scores: Iterable[WordScore | None]) -> PRF:
    """Mean per-page F1 (empty output = 0), mean recall, mean precision over pages with output."""
    scored = [s for s in scores if s is not None]
    ps = [s.precision for s in scored if s.precision is not None]
    return PRF(_mean(ps), _mean([s.recall for s in scored]), _mean([s.f1 for s in scored]), len(ps), len(scored))


# ---------------------------------------------------------------- WCXB snippets

def squash(text: str | None) -> str:
    """Lower-case and collapse every whitespace run (newlines, tabs, NBSP...) to one space."""
    return " ".join((text or "").split()).lower()


@dataclass(frozen=True)
class SnippetScore:
    """How many `with` snippets were found and how many `without` snippets were avoided."""

    with_found: int
    with_total: int
    without_avoided: int
    without_total: int


def snippet_score(pred: str | None, with_: Iterable[str], without: Iterable[str]) -> SnippetScore:
    """Case- and whitespace-insensitive substring tests of the snippets in one output."""
    hay = squash(pred)
    w = [s for s in map(squash, with_) if s]
    wo = [s for s in map(squash, without) if s]
    found = sum(1 for s in w if s in hay)
    avoided = sum(1 for s in wo if s not in hay)
    return SnippetScore(found, len(w), avoided, len(wo))


def snippet_rates(scores: Iterable[SnippetScore]) -> tuple[float | None, float | None]:
    """Per-page share of `with` found and of `without` avoided, each averaged over pages that have some."""
    scores = list(scores)
    w = [s.with_found / s.with_total for s in scores if s.with_total]
    wo = [s.without_avoided / s.without_total for s in scores if s.without_total]
    return (_mean(w) if w else None, _mean(wo) if wo else None)


# ---------------------------------------------------------------- metadata

_PUNCT = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201c": '"', "\u201d": '"',
                        "\u2013": "-", "\u2014": "-", "\u00a0": " "})
_BY_RE = re.compile(r"^(?:by|von|par|por)\s*:?\s+", re.IGNORECASE)
_STRIP = " \t\n\r\"'.,;:|-\u00b7\u2022"
_DAY_RE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")


def norm_title(text: str | None) -> str:
    """NFKC, typographic quotes/dashes made plain, lower-cased, whitespace collapsed, edge punctuation cut."""
    text = unicodedata.normalize("NFKC", text or "").translate(_PUNCT)
    return " ".join(text.split()).lower().strip(_STRIP)


def norm_author(text: str | None) -> str:
    """As norm_title, and a leading 'By ' is dropped."""
    return norm_title(_BY_RE.sub("", norm_title(text)))


def day(text: str | None) -> str | None:
    """The first YYYY-MM-DD calendar day in an ISO 8601 string, or None."""
    m = _DAY_RE.search(text or "")
    return "-".join(m.groups()) if m else None


def meta_match(field: str, pred: str | None, truth: str | None) -> bool | None:
    """Whether a predicted title/author/date matches the truth; None when the truth lacks the field."""
    if not truth or not str(truth).strip():
        return None
    if field == "date":
        want = day(truth)
        return want is not None and day(pred) == want
    norm = norm_author if field == "author" else norm_title
    want = norm(truth)
    return bool(want) and norm(pred) == want


def accuracy(matches: Iterable[bool | None]) -> tuple[float | None, int]:
    """Share of True among pages whose truth has the field, and that page count."""
    vals = [m for m in matches if m is not None]
    return (sum(vals) / len(vals) if vals else None, len(vals))


def median(values: list[float]) -> float | None:
    """Median, None for no values."""
    return statistics.median(values) if values else None
