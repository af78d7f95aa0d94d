"""related: a headline-like teaser line standing alone between article paragraphs."""
from __future__ import annotations

from ..regex import compile_regex
from ._text import ends_sentence, words

ID = "related"
STAGE = "final"  # after the drop rules: it judges a line by its surviving neighbours
MODES = ("text", "html")
CATEGORY = "related"
OPTIONS = {
    "max_chars": {"type": "integer", "minimum": 1, "default": 120},
    "min_words": {"type": "integer", "minimum": 1, "default": 4},
    "neighbour_min_chars": {"type": "integer", "minimum": 0, "default": 100,
                            "description": "both neighbouring paragraphs must be at least this long"},
    "pattern": {"type": ["string", "null"], "default": None,
                "description": "RE2 regex the teaser must match (e.g. a 'Name: headline' shape)"},
}
REQUIRED = ()


def prepare(options: dict):
    """Compile the optional teaser pattern."""
    return compile_regex(options["pattern"]) if options["pattern"] else None


def apply(doc, rule) -> None:
    """Drop single-line paragraphs that read as headlines between two long sentences paragraphs."""
    o = rule.options
    sizes: dict[int, int] = {}
    for u in doc.units:  # paragraph sizes as written: a line that shared its paragraph is no teaser
        sizes[u.para] = sizes.get(u.para, 0) + 1
    units = doc.live()
    max_chars, min_words, near = o["max_chars"], o["min_words"], o["neighbour_min_chars"]  # read once, not per line
    for i in range(1, len(units) - 1):
        u = units[i]
        if sizes[u.para] != 1 or u.kind != "p" or (u.info and u.info.get("caption")) or len(u.text) > max_chars:
            continue
        if words(u.text) < min_words or ends_sentence(u.text):
            continue
        if rule.compiled is not None and not rule.compiled.search(u.text):
            continue
        if all(len(n.text) >= near and ends_sentence(n.text) for n in (units[i - 1], units[i + 1])):
            doc.drop(u, rule, reason="headline-like line between paragraphs")
