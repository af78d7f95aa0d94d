"""Dropping lines (or glued parts of lines) that a compiled pattern matches."""
from __future__ import annotations

from bisect import bisect_right
from functools import lru_cache

from ..doc import Doc
from ..regex import compile_regex, search_span
from ._text import glued_segments
from .plan import joined_lines, known_lines, scan_key

SCOPE = {"enum": ["line", "paragraph"], "default": "line",
         "description": "drop the matching line, or the whole paragraph it belongs to"}
MAX_CHARS = {"type": "integer", "minimum": 1, "default": 400,
             "description": "a longer line is not dropped whole: only its glued sentences that match"}


@lru_cache(maxsize=4096)
def _scanner(pattern: str, case_sensitive: bool):
    """The multi-line variant of a pattern; keyed by its text (an id() could be reused), bounded."""
    return compile_regex("(?m)" + pattern, ignore_case=not case_sensitive)


_BY_ID: dict[int, tuple] = {}  # id(pattern) -> (pattern, its key); the pattern is held, so its id stays its own


def _key_of(pattern) -> tuple[str, bool]:
    """scan_key of a compiled pattern, without reading its RE2 options (which costs) every time."""
    hit = _BY_ID.get(id(pattern))
    if hit is None or hit[0] is not pattern:
        if len(_BY_ID) > 4096:  # rule sets reloaded many times: forget the old patterns
            _BY_ID.clear()
        hit = _BY_ID[id(pattern)] = (pattern, scan_key(pattern))
    return hit[1]


def _scanner_of(pattern):
    """_scanner for a compiled pattern."""
    return _scanner(*_key_of(pattern))


def _known(units, pattern, cache: dict | None) -> list[int] | None:
    """The lines the pattern matches on their own, from the rule set's one scan of the lines (plan.Prefilter);
    None when that scan does not know the pattern or cannot tell. The list is shared: do not change it."""
    found = known_lines(units, cache)
    if found is None:
        return None
    key = _key_of(pattern)
    if key not in cache["prefilter"].index:
        return None
    return found.get(key, [])


def matching_lines(units, pattern, cache: dict | None = None) -> list[int]:
    """Indices of the units the pattern matches, found with a few searches over all lines at once.

    A search per line is what costs (most rules match nothing). The multi-line variant makes ^ and
    $ match at every line, so a line that matches on its own is always found; after a hit the scan
    resumes at the next line, so a match that strays across a line break hides nothing. Callers
    confirm each index with the original pattern on the line alone (confirmed_lines does). The
    joined lines are kept in `cache` for the next rule while the lines are the same. When the rule set's
    prefilter knows the pattern, its answer (the confirmed lines, a subset of these) is given instead.
    """
    known = _known(units, pattern, cache)
    if known is not None:
        return known
    return [i for i, _ in _scan(units, pattern, cache)[0]]


def _scan(units, pattern, cache: dict | None) -> tuple[list[tuple[int, tuple[int, int]]], bytes, list[int]]:
    """(unit index, byte span) of each line's first multi-line match; the joined text and line starts."""
    if not units:  # no lines, no matches (a pattern that matches the empty text would point before the first)
        return [], b"", []
    joined, starts = joined_lines([u.text for u in units], cache)
    scanner = _scanner_of(pattern)
    found, pos = [], 0
    while True:
        span = search_span(scanner, joined, pos)
        if span is None:
            return found, joined, starts
        i = bisect_right(starts, span[0]) - 1
        found.append((i, span))
        if i + 1 >= len(units):
            return found, joined, starts
        pos = starts[i + 1]


def confirmed_lines(units, pattern, cache: dict) -> list[int]:
    """Indices of the units the pattern matches on their own."""
    known = _known(units, pattern, cache)
    if known is not None:
        return known
    found, joined, starts = _scan(units, pattern, cache)
    out = []
    for i, (_, b) in found:
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(joined)
        # A match inside a line without line breaks of its own is a match of the line alone: ^ and $
        # of the multi-line scan sit at its ends, and \b sees a non-word character past them either way.
        # Otherwise the line is searched alone, as bytes cut from the joined text (a str is encoded again).
        if (b <= end and joined.find(b"\n", starts[i], end) < 0) \
                or search_span(pattern, joined[starts[i]:end]) is not None:
            out.append(i)
    return out


def drop_matching(doc: Doc, rule, pattern) -> None:
    """Drop every live unit the pattern matches, honouring scope and max_chars."""
    scope, max_chars = rule.options["scope"], rule.options["max_chars"]
    # All units, dead ones too: their joined text then stays the same from rule to rule (one encoding
    # per document); a dead line that matches is skipped here.
    units = doc.units
    doc.check_time()
    for i in confirmed_lines(units, pattern, doc.cache):
        unit = units[i]
        if not unit.keep:
            continue
        if scope == "paragraph":
            for other in units:
                if other.para == unit.para and other.keep:
                    doc.drop(other, rule)
        elif len(unit.text) <= max_chars:
            _drop_line(doc, rule, unit)
        else:
            _drop_glued(doc, rule, unit, pattern)
    doc.check_time()


def _drop_line(doc: Doc, rule, unit) -> None:
    """Drop a whole line; glued sentences ("logged inPlease refresh") are accounted one by one."""
    segments = glued_segments(unit.text)
    if len(segments) < 2 or rule.category in doc.keep or not unit.keep:
        doc.drop(unit, rule)
        return
    unit.keep = False
    for a, b in segments:
        start = unit.start + a if unit.start is not None else None
        doc.record(unit.text[a:b], rule, start=start, end=start + (b - a) if start is not None else None,
                   reason="glued sentence")


def _drop_glued(doc: Doc, rule, unit, pattern) -> None:
    """In a long line, remove only the glued sentences that match (e.g. a notice stuck to the text)."""
    if rule.category in doc.keep:
        return
    segments = glued_segments(unit.text)
    hits = [(a, b) for a, b in segments if pattern.search(unit.text[a:b])]
    if not hits or len(hits) == len(segments):
        return
    kept, pos = [], 0
    for a, b in hits:
        kept.append(unit.text[pos:a])
        start = unit.start + a if unit.start is not None else None
        doc.record(unit.text[a:b], rule, start=start, end=start + (b - a) if start is not None else None,
                   reason="glued sentence")
        pos = b
    kept.append(unit.text[pos:])
    # the cut was at a glue point (no space): joining the sides bare would weld two words into a new one
    doc.set_text(unit, " ".join(part.strip() for part in kept if part.strip()))
