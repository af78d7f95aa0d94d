"""Shared part of cut_from / cut_until: find a marker line and drop one side of it."""
from __future__ import annotations

from ..regex import compile_regex, phrase_regex

OPTIONS = {
    "markers": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1,
                "description": "phrases that mark the cut"},
    "regex": {"type": "boolean", "default": False, "description": "markers are RE2 regexes, not phrases"},
    "include_marker": {"type": "boolean", "default": True},
    "max_marker_chars": {"type": "integer", "minimum": 1, "default": 200,
                         "description": "a longer line is article text that happens to quote the marker"},
}


def prepare(options: dict):
    """Compile the markers."""
    if options["regex"]:
        for m in options["markers"]:
            compile_regex(m)
        return compile_regex("|".join(f"(?:{m})" for m in options["markers"]))
    return phrase_regex(options["markers"])


def find_marker(units, pattern, max_chars: int, *, last: bool) -> int | None:
    """Index of the first (or last) short line containing a marker."""
    order = range(len(units) - 1, -1, -1) if last else range(len(units))
    for i in order:
        if len(units[i].text) <= max_chars and pattern.search(units[i].text):
            return i
    return None
