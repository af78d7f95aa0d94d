"""drop_phrase: drop lines containing any of the given phrases."""
from __future__ import annotations

from ..regex import phrase_regex
from ._match import MAX_CHARS, SCOPE, drop_matching

ID = "drop_phrase"
STAGE = "blocks"
MODES = ("text", "html")
CATEGORY = None
OPTIONS = {
    "phrases": {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1},
    "scope": SCOPE,
    "max_chars": MAX_CHARS,
    "case_sensitive": {"type": "boolean", "default": False},
}
SCANS = True  # rule.compiled is its line pattern and it does nothing where that matches no line
REQUIRED = ("phrases",)


def prepare(options: dict):
    """Compile the phrases into one linear-time alternation."""
    return phrase_regex(options["phrases"], ignore_case=not options["case_sensitive"])


def apply(doc, rule) -> None:
    """Drop every line (or paragraph) that contains a phrase."""
    drop_matching(doc, rule, rule.compiled)
