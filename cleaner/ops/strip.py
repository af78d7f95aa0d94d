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


_MOST = 0.5


def _para_chars(el) -> int:
    """Characters of paragraph text (<p>) inside an element: the part of a page that is article-like."""
    return sum(len(text_of(p)) for p in el.iter("p"))


def _page_chars(doc) -> int:
    """The page's paragraph text length, computed once per document."""
    if "_page_para_chars" not in doc.meta:
        doc.meta["_page_para_chars"] = _para_chars(doc.root)
    return doc.meta["_page_para_chars"]


def apply(doc, rule) -> None:
    """Remove every matched element, keeping the text that follows it."""
    if rule.category in doc.keep:
        return
    for selector in rule.compiled:
        for el in elements(selector, doc.root):
            text = text_of(el)
            if len(text) > 200 and (chars := _para_chars(el)) > 200 and chars > _MOST * _page_chars(doc):
                # Boilerplate never holds most of a page: the layout changed, or the rule was written
                # for another variant of the page (e.g. a paywall snippet). Keep it and say so.
                doc.warnings.append(f"rule {rule.qid}: not stripping an element holding most of the page's paragraphs")
                continue
            if remove_element(el) and text:
                doc.record(text, rule, reason="selector")
