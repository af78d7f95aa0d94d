"""strip: remove HTML elements matching selectors before the body is extracted."""
from __future__ import annotations

from ..htmlpath.tree import remove_element, text_of
from ._select import SELECTORS, compile_all, elements

ID = "strip"
STAGE = "dom"
MODES = ("html",)
CATEGORY = None
OPTIONS = {"selectors": SELECTORS}
REQUIRED = ("selectors",)


def prepare(options: dict):
    """Compile the selectors."""
    return compile_all(options["selectors"])


def apply(doc, rule) -> None:
    """Remove every matched element, keeping the text that follows it."""
    if rule.category in doc.keep:
        return
    for selector in rule.compiled:
        for el in elements(selector, doc.root):
            text = text_of(el)
            if remove_element(el) and text:
                doc.record(text, rule, reason="selector")
