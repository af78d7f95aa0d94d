"""The plain-text path: split scraped text into lines grouped in paragraphs."""
from __future__ import annotations

from ..doc import Doc, Unit, text_lines

# Texts up to this size are split by the compiled pass (lines.py); RE2's prefilter reads their joined lines
# only up to plan.PREFILTER_MAX_BYTES anyway, and a longer text is rare.
_SPANS_MAX_BYTES = 1 << 20


def to_units(doc: Doc, utf8: bytes | None = None) -> None:
    """One unit per non-empty line; a blank line starts a new paragraph. Offsets index doc.source.

    utf8: doc.source's UTF-8 when the caller has it (sanitize_utf8 made it). The lines are then found in one
    compiled pass over those bytes, which also leaves the stripped lines joined and encoded for the line
    rules' scans (ops/plan.joined_lines) in doc.cache.
    """
    if utf8 is None and len(doc.source) <= _SPANS_MAX_BYTES // 4:
        try:
            utf8 = doc.source.encode("utf-8")
        except UnicodeEncodeError:  # a lone surrogate: the Python loop takes any str
            utf8 = None
    if utf8 is not None and len(utf8) <= _SPANS_MAX_BYTES:
        from .lines import spans  # numba: the rule set's loading (classify_lines.prepare) imported it already
        starts, ends, indents, paras, offsets, joined = spans(utf8)
        units, texts = text_lines(doc.source, starts, ends, paras)
        doc.units = units
        doc.cache["text_indents"] = (units, indents)
        doc.cache["joined"] = (texts, joined, offsets)  # what plan.joined_lines would make of these lines
        return
    _to_units_py(doc)


def _to_units_py(doc: Doc) -> None:
    """to_units in Python, for any str."""
    units, indents = [], []
    add, indent = units.append, indents.append
    para, pos, blank = 0, 0, False
    for raw in doc.source.split("\n"):
        stripped = raw.strip()
        if stripped:
            if blank and units:
                para += 1
            # the stripped text starts at the first non-space character
            lead = raw.find(stripped) if raw[0].isspace() else 0
            start = pos + lead
            add(Unit(stripped, para, "p", start, start + len(stripped)))
            indent(lead)
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    doc.units = units
    doc.cache["text_indents"] = (units, indents)  # line_inputs reads them while the units are these


def line_inputs(doc: Doc) -> tuple[list[str], list[int], list[int]]:
    """Texts, indentation (leading spaces in the source) and paragraph ids of all units."""
    units = doc.units
    cached = doc.cache.get("text_indents")
    if cached is not None and cached[0] is units and len(cached[1]) == len(units):
        indents = cached[1]
    else:
        src = doc.source
        indents = []
        for u in units:
            s = u.start or 0
            indents.append(s - src.rfind("\n", 0, s) - 1)
    return [u.text for u in units], indents, [u.para for u in units]
