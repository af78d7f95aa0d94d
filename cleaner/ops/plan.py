"""A rule set's plan for one input mode: its rules by stage, and one prefilter for its line patterns."""
from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import re2


STAGES = ("raw", "dom", "header", "blocks", "final")  # in the order the engine runs them

# The prefilter's DFA never falls back to a slower matcher: when it runs out of memory it reports no
# match at all. Texts past this size are scanned rule by rule instead (they are rare, and slow anyway).
PREFILTER_MAX_BYTES = 64 << 10
_SET_MAX_MEM = 64 << 20


def scan_key(pattern) -> tuple[str, bool]:
    """How a line pattern is known to the prefilter (and to the scanner cache)."""
    return pattern.pattern, pattern.options.case_sensitive


class Prefilter:
    """One RE2 Set of every line rule's pattern: a single pass says which rules can match at all.

    Most line rules match nothing in a document, and one search per rule over the whole text is what
    cleaning a short text costs. Lines are only dropped between rules, so a pattern that matches no line
    of the text still matches none of what is left; a line whose text was rewritten makes the answer
    stale (Plan.skips then asks again).
    """

    def __init__(self, keys: list[tuple[str, bool]]):
        opts = re2.Options()
        opts.max_mem = _SET_MAX_MEM
        opts.log_errors = False
        self.keys = keys
        self.set = re2.Set.SearchSet(opts)
        for pattern, case_sensitive in keys:
            self.set.Add(("(?m)" if case_sensitive else "(?mi)") + pattern)
        self.set.Compile()

    def hits(self, joined: bytes) -> set[tuple[str, bool]] | None:
        """Keys of the patterns that match somewhere in the joined lines; None when it cannot tell."""
        if len(joined) > PREFILTER_MAX_BYTES:
            return None
        return {self.keys[i] for i in self.set.Match(joined) or ()}


def joined_lines(texts: list[str], cache: dict | None) -> tuple[bytes, list[int]]:
    """The lines as one UTF-8 text, and each line's byte offset in it (reused while they are unchanged).

    Searching a str would make RE2 encode the whole text again at every call.
    """
    if cache is not None:
        hit = cache.get("joined")
        if hit is not None and hit[0] == texts:  # the same strings: compared by identity first, cheap
            return hit[1], hit[2]
    joined = "\n".join(texts).encode("utf-8", "surrogatepass")
    breaks = np.flatnonzero(np.frombuffer(joined, np.uint8) == 10)
    if texts and len(breaks) == len(texts) - 1:  # no line holds a line break: the breaks mark the starts
        starts = [0, *(breaks + 1).tolist()]
    else:  # a line with a break of its own (rare): each line's encoded length
        starts, pos = [], 0
        for t in texts:
            starts.append(pos)
            pos += len(t.encode("utf-8", "surrogatepass")) + 1
    if cache is not None:
        cache["joined"] = (texts, joined, starts)
    return joined, starts


@dataclass
class Plan:
    """What the engine runs for one rule set and mode."""

    by_stage: dict[str, list]
    prefilter: Prefilter | None
    scan_keys: dict[int, tuple[str, bool]]   # id(rule) -> its pattern's key, for rules that SCANS

    def skips(self, rule, doc) -> bool:
        """True when a line rule cannot fire: the prefilter saw its pattern match none of the lines.

        Asked before the rule runs, so a rule with nothing to do costs no call at all. The answer is
        for the document's lines as they are (all units, dropped ones too, which only adds matches);
        it is recomputed when a line's text was rewritten (Doc.version).
        """
        key = self.scan_keys.get(id(rule))
        if key is None or self.prefilter is None:
            return False
        seen = doc.cache.get("plan_hits")
        if seen is None or seen[0] != doc.version or seen[1] is not doc.units or seen[2] != len(doc.units):
            joined, _ = joined_lines([u.text for u in doc.units], doc.cache)
            seen = doc.cache["plan_hits"] = (doc.version, doc.units, len(doc.units), self.prefilter.hits(joined))
        return seen[3] is not None and key not in seen[3]

    @classmethod
    def build(cls, rules: list, mode: str) -> Plan:
        """Group the rules that apply to `mode` by stage; compile the prefilter of their line patterns."""
        rules = [r for r in rules if mode in r.module.MODES]
        scanning = {id(r): scan_key(r.compiled) for r in rules if getattr(r.module, "SCANS", False)}
        keys = list(dict.fromkeys(scanning.values()))
        return cls(by_stage={s: [r for r in rules if r.module.STAGE == s] for s in STAGES},
                   prefilter=Prefilter(keys) if keys else None, scan_keys=scanning)
