"""CSS or XPath selectors from rule files, compiled once at load."""
from __future__ import annotations

from lxml import etree
from lxml.cssselect import CSSSelector

SELECTORS = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1,
             "description": "CSS selectors, or XPath when starting with / ( or ./ (or prefixed xpath: / css:)"}


def compile_selector(expr: str):
    """A callable root -> list of matches; raises ValueError on a bad expression."""
    kind, body = "css", expr.strip()
    if body.startswith("xpath:"):
        kind, body = "xpath", body[6:].strip()
    elif body.startswith("css:"):
        body = body[4:].strip()
    elif body.startswith(("/", "(", "./")):
        kind = "xpath"
    try:
        if kind == "xpath":
            return etree.XPath(body, smart_strings=False)
        return CSSSelector(body)
    except Exception as exc:  # lxml raises XPathSyntaxError, cssselect SelectorSyntaxError
        raise ValueError(f"invalid {kind} selector {body!r}: {exc}") from None


def compile_all(exprs: list[str]) -> list:
    """Compile a list of selectors."""
    return [compile_selector(e) for e in exprs]


def elements(selector, root) -> list:
    """Matched elements only (XPath may also return strings or numbers)."""
    try:
        found = selector(root)
    except Exception:  # an XPath using an unknown function fails only when evaluated
        return []
    if not isinstance(found, list):
        return []
    return [e for e in found if isinstance(e, etree._Element)]
