"""The plain-text path: split scraped text into lines grouped in paragraphs."""
from __future__ import annotations

from ..doc import Doc, Unit


def to_units(doc: Doc) -> None:
    """One unit per non-empty line; a blank line starts a new paragraph. Offsets index doc.source."""
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
