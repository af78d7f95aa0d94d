"""JSON schemas for rule files, built from the operation table."""
from __future__ import annotations

from ..htmlpath.phrases import LISTS

CATEGORIES = [
    "comment_prompt", "login_notice", "caption", "related", "newsletter", "cookie", "paywall_notice",
    "share", "ad", "navigation", "header", "footer", "promo", "social", "byline", "metadata",
    "boilerplate", "duplicate", "body", "rewrite", "legal", "media", "other",
]
_DOMAIN = {"type": "string", "pattern": r"^\.?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*$"}
_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}}

TEST_SCHEMA = {
    "type": "object", "additionalProperties": False,
    "properties": {
        "name": {"type": "string"},
        "input": {"type": "string", "minLength": 1},
        "fixture": {"type": "string", "minLength": 1, "description": "path relative to the rule file"},
        "url": {"type": "string"},
        "content_type": {"enum": ["text", "html"]},
        "contains": _STRINGS, "not_contains": _STRINGS,
        "title": {"type": "string"}, "subtitle": {"type": "string"}, "author": {"type": "string"},
        "date": {"type": "string"}, "captions": _STRINGS,
        "removed_rules": {**_STRINGS, "description": "rule ids that must have fired"},
    },
    "oneOf": [{"required": ["input"]}, {"required": ["fixture"]}],
}

FILE_SCHEMA = {
    "type": "object", "additionalProperties": False, "required": ["site"],
    "properties": {
        "site": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_.-]*$"},
        "extends": {"type": ["string", "null"]},
        "description": {"type": "string"},
        "version": {"type": ["string", "integer"]},
        "domains": {"type": "array", "items": _DOMAIN},
        "aliases": {"type": "array", "items": _DOMAIN},
        "detect": {"type": "object", "additionalProperties": False, "properties": {
            "phrases": _STRINGS, "regex": _STRINGS,
            "min_matches": {"type": "integer", "minimum": 1}}},
        "disable": _STRINGS,
        "rules": {"type": "array", "items": {"type": "object", "required": ["id", "op"],
                                              "properties": {"id": {"type": "string"},
                                                             "op": {"type": "string"}}}},
        "tests": {"type": "array", "items": TEST_SCHEMA},
        "source": {"type": "object", "description": "provenance, e.g. the imported config it came from"},
        # the HTML path's phrase lists: Python regex fragments, added to the ones the file extends
        "html_phrases": {"type": "object", "additionalProperties": False, "properties": {
            name: {**_STRINGS, "description": what} for name, what in LISTS.items()}},
    },
}

_RULE_COMMON = {
    "id": {"type": "string", "pattern": r"^[a-z0-9][a-z0-9_.-]*$"},
    "op": {"type": "string"},
    "category": {"enum": CATEGORIES},
    "note": {"type": "string"},
    "learned": {"type": "object", "description": "evidence, for rules proposed by `rules learn`"},
}


def rule_schema(module) -> dict:
    """The schema of one rule using the given operation."""
    required = ["id", "op", *module.REQUIRED] + (["category"] if module.CATEGORY is None else [])
    return {"type": "object", "additionalProperties": False, "required": required,
            "properties": {**_RULE_COMMON, **module.OPTIONS}}


def with_defaults(module, rule: dict) -> dict:
    """The operation's options, defaults filled in."""
    return {k: rule.get(k, spec.get("default")) for k, spec in module.OPTIONS.items()}
