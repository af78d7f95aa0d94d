"""drop_regex: drop lines matching any of the given RE2 regular expressions."""
from __future__ import annotations

from ..regex import compile_regex
from ._match import MAX_CHARS, SCOPE, drop_matching

ID = "drop_regex"
STAGE = "blocks"
MODES = ("text", "html")
CATEGORY = None
OPTIONS = {
    "patterns": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "whole_line": {"type": "boolean", "default": False,
                   "description": "the pattern must match the whole line, not just part of it"},
    "scope": SCOPE,
    "max_chars": MAX_CHARS,
    "case_sensitive": {"type": "boolean", "default": False},
}
SCANS = True  # rule.compiled is its line pattern and it does nothing where that matches no line
REQUIRED = ("patterns",)


def prepare(options: dict):
    """Compile each pattern (to report the bad one), then one alternation."""
    for p in options["patterns"]:
        compile_regex(p)
    body = "|".join(f"(?:{p})" for p in options["patterns"])
    if options["whole_line"]:
        body = rf"^\s*(?:{body})\s*$"
    return compile_regex(body, ignore_case=not options["case_sensitive"])


def apply(doc, rule) -> None:
    """Drop every line (or paragraph) the patterns match."""
    drop_matching(doc, rule, rule.compiled)
