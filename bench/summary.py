"""Aggregating per-page records into per-(run, set, system) figures."""
from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from . import metrics as m
from .run import Record
from .systems import META_FIELDS

PAGE_TYPE_ORDER = ("article", "service", "product", "collection", "forum", "listing", "documentation")


@dataclass
class Summary:
    """The figures of one system on one set under one run condition."""

    run: str
    set: str
    system: str
    n: int = 0
    aeb: m.PRF | None = None
    word: m.PRF | None = None
    with_rate: float | None = None
    without_rate: float | None = None
    by_type: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)  # type -> (F1, P, R, n)
    meta: dict[str, tuple[float | None, int]] = field(default_factory=dict)
    meta_precision: dict[str, tuple[float | None, int]] = field(default_factory=dict)  # right when given
    median_ms: float | None = None
    median_cpu_ms: float | None = None
    total_ms: float = 0.0
    meta_median_ms: float | None = None
    convert_median_ms: float | None = None
    errors: Counter = field(default_factory=Counter)
    empty: int = 0


def summarise_group(records: list[Record]) -> Summary:
    """Figures for one (run, set, system) group of records."""
    first = records[0]
    s = Summary(first.run, first.set, first.system, n=len(records))
    times = [r.ms for r in records]
    s.median_ms, s.total_ms = m.median(times), sum(times)
    s.median_cpu_ms = m.median([r.cpu_ms for r in records if r.cpu_ms is not None])
    s.meta_median_ms = m.median([r.meta_ms for r in records if r.meta_ms is not None])
    s.convert_median_ms = m.median([r.convert_ms for r in records if r.convert_ms is not None])
    s.errors = Counter(r.error for r in records if r.error)
    s.empty = sum(1 for r in records if not r.chars)
    if first.set == "aeb":
        s.aeb = m.aeb_summary(r.aeb for r in records if r.aeb is not None)
        return s
    s.word = m.word_summary(r.word for r in records)
    s.with_rate, s.without_rate = m.snippet_rates(r.snippets for r in records if r.snippets is not None)
    groups: dict[str, list] = defaultdict(list)
    for r in records:
        groups[r.page_type].append(r.word)
    for ptype, scores in groups.items():
        prf = m.word_summary(scores)
        if prf.n_recall:
            s.by_type[ptype] = (prf.f1, prf.precision, prf.recall, prf.n_recall)
    fields = [f for f in META_FIELDS if any(f in r.meta for r in records)]
    s.meta = {f: m.accuracy(r.meta.get(f) for r in records) for f in fields}
    # of the pages where the system gave the field (and the truth has it): how often it was right
    s.meta_precision = {f: m.accuracy(r.meta.get(f) for r in records if r.meta_out.get(f) is not None)
                        for f in fields}
    return s


def summarise(records: Iterable[Record]) -> dict[tuple[str, str, str], Summary]:
    """Group records by (run, set, system), in first-seen order, and summarise each group."""
    groups: dict[tuple[str, str, str], list[Record]] = {}
    for r in records:
        groups.setdefault((r.run, r.set, r.system), []).append(r)
    return {key: summarise_group(recs) for key, recs in groups.items()}


def page_f1(r: Record) -> float | None:
    """The page's own F1 in its set's metric (AEB per-page shingle F1, WCXB word F1)."""
    if r.aeb is not None:
        return r.aeb.f1 if r.aeb.recall is not None else None
    return r.word.f1 if r.word is not None else None


def losses(records: list[Record], run: str, system: str = "cleaner", peer: str = "trafilatura",
           top: int = 15) -> list[tuple[Record, Record, float]]:
    """Pages where `system` scores furthest below `peer` under one run, biggest gap first."""
    by_key: dict[tuple[str, str, str], Record] = {(r.set, r.id, r.system): r for r in records if r.run == run}
    out = []
    for (set_, pid, sysname), rec in by_key.items():
        if sysname != system or (set_, pid, peer) not in by_key:
            continue
        other = by_key[(set_, pid, peer)]
        a, b = page_f1(rec), page_f1(other)
        if a is not None and b is not None and b - a > 0:
            out.append((rec, other, b - a))
    out.sort(key=lambda t: -t[2])
    return out[:top]


@dataclass
class Pattern:
    """Counts of one system's weak pages in one page type."""

    n: int = 0
    low: int = 0          # word F1 < 0.5
    empty: int = 0        # no output at all (incl. errors)
    over: int = 0         # F1 < 0.8 and precision < recall - 0.2: kept too much boilerplate
    under: int = 0        # F1 < 0.8 and recall < precision - 0.2: cut main text
    lost_f1: float = 0.0  # sum of (1 - F1): how much this group costs the mean


def patterns(records: list[Record], run: str, system: str = "cleaner") -> dict[str, Pattern]:
    """Failure patterns of one system on WCXB by page type (plus AEB as its own row)."""
    out: dict[str, Pattern] = defaultdict(Pattern)
    for r in records:
        if r.run != run or r.system != system:
            continue
        f1 = page_f1(r)
        if f1 is None:
            continue
        key = "AEB (articles)" if r.set == "aeb" else r.page_type
        p = out[key]
        p.n += 1
        p.lost_f1 += 1 - f1
        p.low += f1 < 0.5
        if not r.chars:
            p.empty += 1
            continue
        prec = r.aeb.precision if r.aeb is not None else r.word.precision
        rec = r.aeb.recall if r.aeb is not None else r.word.recall
        if f1 < 0.8 and prec is not None and rec is not None:
            p.over += prec < rec - 0.2
            p.under += rec < prec - 0.2
    return dict(out)
