"""cut_until: drop everything from the start up to a marker line (menus before the article)."""
from __future__ import annotations

from . import _cut

ID = "cut_until"
STAGE = "blocks"
MODES = ("text", "html")
CATEGORY = None
OPTIONS = {
    **_cut.OPTIONS,
    "max_position": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5,
                     "description": "ignore a marker past this share of the lines"},
}
REQUIRED = ("markers",)
prepare = _cut.prepare


def apply(doc, rule) -> None:
    """Drop from the start to the last marker before max_position."""
    units = doc.live()
    stop = max(1, int(len(units) * rule.options["max_position"]))
    i = _cut.find_marker(units[:stop], rule.compiled, rule.options["max_marker_chars"], last=True)
    if i is None:
        return
    i += 1 if rule.options["include_marker"] else 0
    for unit in units[:i]:
        doc.drop(unit, rule)
