"""The table of rule operations. Each operation is one module with the same shape:

    ID        the name used in rule files (`op: drop_phrase`)
    STAGE     when it runs: "raw" (HTML source), "dom" (parsed HTML, before body
              extraction), "header" (first lines), "blocks" (article lines), "final"
    MODES     input kinds it applies to: ("text",), ("html",) or both
    CATEGORY  default category of what it removes (None: the rule must name one)
    OPTIONS   JSON-schema properties of its options, with defaults
    REQUIRED  option names a rule must give
    prepare(options) -> compiled   validate/compile once at load (raise ValueError)
    apply(doc, rule)               edit the working document (rewrite a line only with doc.set_text)
    SCANS     optional, True: rule.compiled is the rule's line pattern and apply does nothing when
              it matches no line, so the engine may skip the rule (ops/plan.py)
    line_patterns(rule) -> list    optional: the patterns apply asks _match's scans about (default
              [rule.compiled] when SCANS, else none); the rule set's one scan of a document's lines
              answers for all of them (ops/plan.py)
"""
from __future__ import annotations

from types import ModuleType

from .plan import STAGES

from . import (body, captions, classify_lines, cut_from, cut_until, drop_phrase, drop_regex, meta,
               related, replace, strip, tail_cut, text_header)

OPERATIONS: dict[str, ModuleType] = {m.ID: m for m in (
    replace, strip, meta, body, text_header, drop_phrase, drop_regex, cut_from, cut_until,
    captions, related, classify_lines, tail_cut,
)}

__all__ = ["OPERATIONS", "STAGES"]

