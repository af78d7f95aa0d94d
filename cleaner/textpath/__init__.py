"""The plain-text path: split scraped text into lines grouped in paragraphs."""
from __future__ import annotations

from ..doc import Doc, Unit


def to_units(doc: Doc) -> None:
    """One unit per non-empty line; a blank line starts a new paragraph. Offsets index doc.source."""
    units, para, pos, blank = [], 0, 0, False
    for raw in doc.source.split("\n"):
        stripped = raw.strip()
        if stripped:
            if blank and units:
                para += 1
            lead = len(raw) - len(raw.lstrip())
            start = pos + lead
            units.append(Unit(text=stripped, para=para, start=start, end=start + len(stripped)))
            blank = False
        else:
            blank = True
        pos += len(raw) + 1
    doc.units = units


def line_inputs(doc: Doc) -> tuple[list[str], list[int], list[int]]:
    """Texts, indentation (leading spaces in the source) and paragraph ids of all units."""
    src = doc.source
    indents = []
    for u in doc.units:
        s = u.start or 0
        indents.append(s - src.rfind("\n", 0, s) - 1)
    return [u.text for u in doc.units], indents, [u.para for u in doc.units]
