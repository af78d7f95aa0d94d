"""A rule set's plan for one input mode: its rules by stage, and one scan of a document's lines for all
their line patterns."""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np
import re2

from ..regex import search_span

STAGES = ("raw", "dom", "header", "blocks", "final")  # in the order the engine runs them

# RE2's DFA can run out of memory on a long text (the Set then reports no match at all, the alternation
# falls back to a slow matcher): texts past this size are scanned rule by rule instead (they are rare,
# and slow anyway).
PREFILTER_MAX_BYTES = 64 << 10
_SET_MAX_MEM = 64 << 20
# \A, \z and a flag group that turns (?m) off see past a line's ends in the joined lines: a pattern with
# one of them is left to its rule's own scan (see Prefilter)
_NOT_LINE_LOCAL = re.compile(r"\\[Az]|\(\?[A-Za-z]*-")


def scan_key(pattern) -> tuple[str, bool]:
    """How a line pattern is known to the prefilter (and to the scanner cache)."""
    return pattern.pattern, pattern.options.case_sensitive


def line_patterns(rule) -> list:
    """The line patterns a rule asks the document's lines about (_match's scans): its module's
    line_patterns(rule), else rule.compiled for a module that SCANS."""
    own = getattr(rule.module, "line_patterns", None)
    if own is not None:
        return [p for p in own(rule) if p is not None]
    return [rule.compiled] if getattr(rule.module, "SCANS", False) else []


class Prefilter:
    """Which lines each line pattern of a rule set matches, from one pass over a document's lines.

    Most line rules match nothing in a document, and one search per rule over the whole text is what
    cleaning a short text costs. One alternation of every pattern, in its multi-line form, finds the
    lines where any of them matches (after a hit the scan resumes at the next line, as _match's scans
    do); an RE2 Set of the patterns as written then says which of them match each such line on its own.
    That is the answer of a search per line and per pattern: the multi-line form matches inside a line
    wherever the pattern matches the line alone (^, $ and \\b see the same ends), which is why patterns
    with \\A, \\z or (?-m) are not taken (`keys` are the ones taken). Lines are only dropped between rules,
    so the answer holds until a line's text is rewritten (Doc.set_text forgets it).
    """

    def __init__(self, keys: list[tuple[str, bool]]):
        opts = re2.Options()
        opts.max_mem = _SET_MAX_MEM
        opts.log_errors = False
        self.keys = [k for k in keys if not _NOT_LINE_LOCAL.search(k[0])]
        self.index = {k: i for i, k in enumerate(self.keys)}
        self.scan = None
        self.set = re2.Set.SearchSet(opts)
        for pattern, case_sensitive in self.keys:
            self.set.Add(("" if case_sensitive else "(?i)") + pattern)
        if self.keys:
            self.set.Compile()
            try:
                self.scan = re2.compile("(?m)" + "|".join(("(?:" if cs else "(?i:") + p + ")"
                                                          for p, cs in self.keys), opts)
            except Exception:  # too large for max_mem: every rule scans for itself
                self.scan = None

    def lines(self, joined: bytes, starts: list[int]) -> dict[tuple[str, bool], list[int]] | None:
        """Key -> indices (ascending) of the lines its pattern matches, for the lines joined with their
        byte offsets (joined_lines); keys that match no line are absent. None when it cannot tell."""
        if self.scan is None or len(joined) > PREFILTER_MAX_BYTES:
            return None
        found: dict[tuple[str, bool], list[int]] = {}
        if not starts:  # no lines (an HTML page without text): nothing matches
            return found
        keys, n, pos = self.keys, len(starts), 0
        while (span := search_span(self.scan, joined, pos)) is not None:
            i = bisect_right(starts, span[0]) - 1
            nxt = starts[i + 1] if i + 1 < n else len(joined) + 1
            for k in self.set.Match(joined[starts[i]:nxt - 1]) or ():
                found.setdefault(keys[k], []).append(i)
            if i + 1 >= n:
                break
            pos = nxt
        return found

    def hits(self, joined: bytes) -> set[tuple[str, bool]] | None:
        """Keys of the patterns that match some line of the joined lines; None when it cannot tell."""
        found = self.lines(joined, line_starts(joined.split(b"\n")))
        return None if found is None else set(found)


def line_starts(encoded: list[bytes]) -> list[int]:
    """Byte offset of each line in the lines joined with a line break between them."""
    starts, pos = [], 0
    for b in encoded:
        starts.append(pos)
        pos += len(b) + 1
    return starts


def joined_lines(texts: list[str], cache: dict | None) -> tuple[bytes, list[int]]:
    """The lines as one UTF-8 text, and each line's byte offset in it (reused while they are unchanged).

    Searching a str would make RE2 encode the whole text again at every call.
    """
    if cache is not None:
        hit = cache.get("joined")
        if hit is not None and hit[0] == texts:  # the same strings: compared by identity first, cheap
            return hit[1], hit[2]
    joined = "\n".join(texts).encode("utf-8", "surrogatepass")
    # ndarray.nonzero directly: np.flatnonzero's Python wrappers cost as much as the search itself
    breaks = (np.frombuffer(joined, np.uint8) == 10).nonzero()[0]
    if texts and len(breaks) == len(texts) - 1:  # no line holds a line break: the breaks mark the starts
        starts = [0, *(breaks + 1).tolist()]
    else:  # a line with a break of its own (rare): each line's encoded length
        starts = line_starts([t.encode("utf-8", "surrogatepass") for t in texts])
    if cache is not None:
        cache["joined"] = (texts, joined, starts)
    return joined, starts


def known_lines(units, cache: dict | None) -> dict[tuple[str, bool], list[int]] | None:
    """Prefilter.lines for the document's units (all of them, dropped ones too: their joined text then
    stays the same from rule to rule), computed once while they are unchanged; None when the document
    has no prefilter (cache["prefilter"], set by the engine) or it cannot tell."""
    if cache is None or (prefilter := cache.get("prefilter")) is None:
        return None
    seen = cache.get("line_hits")
    if seen is None or seen[0] is not units or seen[1] != len(units) or seen[2] is not prefilter:
        joined, starts = joined_lines([u.text for u in units], cache)
        seen = cache["line_hits"] = (units, len(units), prefilter, prefilter.lines(joined, starts))
    return seen[3]


@dataclass
class Plan:
    """What the engine runs for one rule set and mode."""

    by_stage: dict[str, list]
    prefilter: Prefilter | None
    scan_keys: dict[int, tuple[str, bool]]   # id(rule) -> its pattern's key, for rules that SCANS

    def skips(self, rule, doc) -> bool:
        """True when a line rule cannot fire: its pattern matches none of the lines.

        Asked before the rule runs, so a rule with nothing to do costs no call at all. The answer is
        for the document's lines as they are (all units, dropped ones too, which only adds matches).
        """
        key = self.scan_keys.get(id(rule))
        if key is None:
            return False
        if doc.cache.get("prefilter") is not self.prefilter:
            doc.cache["prefilter"] = self.prefilter
        found = known_lines(doc.units, doc.cache)
        return found is not None and key not in found

    @classmethod
    def build(cls, rules: list, mode: str) -> Plan:
        """Group the rules that apply to `mode` by stage; compile the prefilter of their line patterns."""
        rules = [r for r in rules if mode in r.module.MODES]
        keys = list(dict.fromkeys(scan_key(p) for r in rules for p in line_patterns(r)))
        prefilter = Prefilter(keys) if keys else None
        if prefilter is not None and not prefilter.keys:
            prefilter = None
        # a rule that SCANS does nothing where its one pattern matches no line: skipped then
        scanning = {}
        for r in rules:
            patterns = line_patterns(r)
            if getattr(r.module, "SCANS", False) and len(patterns) == 1 and prefilter is not None \
                    and scan_key(patterns[0]) in prefilter.index:
                scanning[id(r)] = scan_key(patterns[0])
        return cls(by_stage={s: [r for r in rules if r.module.STAGE == s] for s in STAGES},
                   prefilter=prefilter, scan_keys=scanning)
