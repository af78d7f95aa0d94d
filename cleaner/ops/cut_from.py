"""cut_from: drop a marker line and everything after it (comment sections, footers)."""
from __future__ import annotations

from . import _cut

ID = "cut_from"
STAGE = "blocks"
MODES = ("text", "html")
CATEGORY = None
OPTIONS = {
    **_cut.OPTIONS,
    "min_position": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.3,
                     "description": "ignore a marker in the first part of the document (share of lines)"},
}
REQUIRED = ("markers",)
prepare = _cut.prepare


def apply(doc, rule) -> None:
    """Drop from the first marker after min_position to the end."""
    units = doc.live()
    start = int(len(units) * rule.options["min_position"])
    i = _cut.find_marker(units[start:], rule.compiled, rule.options["max_marker_chars"], last=False)
    if i is None:
        return
    i += start + (0 if rule.options["include_marker"] else 1)
    for unit in units[i:]:
        doc.drop(unit, rule)
