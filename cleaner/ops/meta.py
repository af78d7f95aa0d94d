"""meta: read title, subtitle, author or date from the page by selector."""
from __future__ import annotations

from ..dates import parse_date
from ..htmlpath.tree import text_of
from ._select import compile_all

ID = "meta"
STAGE = "dom"
MODES = ("html",)
CATEGORY = "metadata"
_FIELD = {"type": "array", "items": {"type": "string", "minLength": 1}}
OPTIONS = {"title": _FIELD, "subtitle": _FIELD, "author": _FIELD, "date": _FIELD}
REQUIRED = ()


def prepare(options: dict):
    """Compile each field's selectors."""
    return {f: compile_all(options[f]) for f in ("title", "subtitle", "author", "date") if options.get(f)}


def _value(selector, root) -> str | None:
    try:
        found = selector(root)
    except Exception:
        return None
    values = found if isinstance(found, list) else [found]
    for v in values:
        text = v.strip() if isinstance(v, str) else text_of(v) if v is not None else ""
        if text:
            return " ".join(text.split())
    return None


def apply(doc, rule) -> None:
    """Site selectors win over generic metadata (they are set first)."""
    for field, selectors in rule.compiled.items():
        for sel in selectors:
            value = _value(sel, doc.root)
            if field == "date" and value:
                value = parse_date(value)
            if value:
                doc.meta.setdefault(field, value)
                break
