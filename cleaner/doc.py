"""The working document that rule operations read and edit."""
from __future__ import annotations

import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from .errors import TimeBudgetError
from .result import Removal


@dataclass(slots=True)  # a document has thousands: slots make them smaller and quicker to make
class Unit:
    """One line of the document: the smallest piece a rule keeps or drops."""

    text: str
    para: int                  # paragraph index: units with the same para print on adjacent lines
    kind: str = "p"            # p, h (heading), li, pre, td, quote, caption
    start: int | None = None   # offsets in the decoded input (text mode)
    end: int | None = None
    keep: bool = True
    # free slot for features (link density in HTML, a caption mark): None until something is noted, as a
    # dict per line would be most of what making a text's lines costs
    info: dict | None = None


def text_lines(source: str, starts: list[int], ends: list[int], paras: list[int]) -> tuple[list[Unit], list[str]]:
    """The units of a text's lines, Unit(source[start:end], para, "p", start, end) each, and their texts.

    Made without calling the generated __init__: from C (a class call), its call costs more than its body,
    and a text has a unit per line. tests/test_text_lines.py checks every field against Unit(...).
    """
    new, units, texts = object.__new__, [], []
    add, add_text = units.append, texts.append
    for start, end, para in zip(starts, ends, paras):
        text = source[start:end]
        unit = new(Unit)
        unit.text = text
        unit.para = para
        unit.kind = "p"
        unit.start = start
        unit.end = end
        unit.keep = True
        unit.info = None
        add(unit)
        add_text(text)
    return units, texts


@dataclass
class Doc:
    """Everything one cleaning run knows about a document."""

    mode: str                          # "text" or "html"
    source: str                        # decoded input
    url: str | None = None
    units: list[Unit] = field(default_factory=list)
    meta: dict[str, Any] = field(default_factory=dict)   # title, subtitle, author, date
    captions: list[str] = field(default_factory=list)
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    keep: frozenset[str] = frozenset()   # categories the caller asked to keep
    root: Any = None                     # lxml tree (html mode), before body extraction
    body: Any = None                     # lxml element chosen as the article body (html mode)
    deadline: float | None = None
    fired: dict[str, int] = field(default_factory=dict)  # rule qid -> spans removed (rule health)
    cache: dict[str, Any] = field(default_factory=dict, repr=False)  # work shared between rules
    version: int = 0                     # bumped by set_text: cached views of the lines are then stale

    def live(self) -> list[Unit]:
        """Units still kept."""
        return [u for u in self.units if u.keep]

    def set_text(self, unit: Unit, text: str) -> None:
        """Rewrite a line (operations never assign unit.text directly: caches of the lines rely on this)."""
        unit.text = text
        self.version += 1
        self.cache.pop("line_hits", None)  # the prefilter's lines (ops/plan.py) are stale

    def drop(self, unit: Unit, rule: Any, category: str | None = None, reason: str | None = None) -> bool:
        """Drop a unit on behalf of a rule (a rule, or the id of one of the engine's own: "html:headline");
        False when the caller keeps its category or it is already gone."""
        category = category or rule.category
        if category in self.keep or not unit.keep:
            return False
        unit.keep = False
        self.record(unit.text, rule, category, unit.start, unit.end, reason)
        return True

    def drop_many(self, drops: Iterable[tuple[Unit, str, str | None]], rule: Any) -> int:
        """Drop each (unit, category, reason) like drop() does; returns how many went.

        One call for the hundreds of lines a whole page's text loses: drop() per line costs two calls each.
        """
        kept, removed, qid = self.keep, self.removed, rule.qid
        add = removed.append
        n = 0
        for unit, category, reason in drops:
            if category in kept or not unit.keep:
                continue
            unit.keep = False
            add(Removal(unit.text, qid, category, unit.start, unit.end, reason))
            n += 1
        if n:
            self.fired[qid] = self.fired.get(qid, 0) + n
        return n

    def record(self, text: str, rule: Any, category: str | None = None, start: int | None = None,
               end: int | None = None, reason: str | None = None) -> None:
        """Account for a removed span."""
        qid = rule if isinstance(rule, str) else rule.qid
        # positional: keyword calls cost more, and a whole page's text records hundreds of spans
        self.removed.append(Removal(text, qid, category or rule.category, start, end, reason))
        fired = self.fired
        fired[qid] = fired.get(qid, 0) + 1

    def check_time(self, ahead: float = 0.0) -> None:
        """Raise when the document has used up its time budget, or would after `ahead` more seconds."""
        if self.deadline is not None and time.monotonic() + ahead > self.deadline:
            raise TimeBudgetError("the document exceeded its time budget" if not ahead else
                                  f"the document would exceed its time budget (about {ahead:.1f} s of work left)")
