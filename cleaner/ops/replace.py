"""replace: find/replace strings in the raw HTML before parsing (Full-Text RSS find_string)."""
from __future__ import annotations

ID = "replace"
STAGE = "raw"
MODES = ("html",)
CATEGORY = "rewrite"
OPTIONS = {
    "pairs": {"type": "array", "minItems": 1, "items": {
        "type": "object", "additionalProperties": False, "required": ["find", "replace"],
        "properties": {"find": {"type": "string", "minLength": 1}, "replace": {"type": "string"}}}},
}
REQUIRED = ("pairs",)


def prepare(options: dict):
    """Nothing to compile: plain string replacement."""
    return [(p["find"], p["replace"]) for p in options["pairs"]]


def apply(doc, rule) -> None:
    """Rewrite doc.source in place."""
    for find, repl in rule.compiled:
        if find in doc.source:
            doc.source = doc.source.replace(find, repl)
            doc.fired[rule.qid] = doc.fired.get(rule.qid, 0) + 1
