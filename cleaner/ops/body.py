"""body: pick the article body by selector instead of generic extraction."""
from __future__ import annotations

from lxml import html as lxml_html

from ..htmlpath.tree import text_of
from ._select import SELECTORS, compile_all, elements

ID = "body"
STAGE = "dom"
MODES = ("html",)
CATEGORY = "body"
OPTIONS = {"selectors": SELECTORS,
           "prune": {"type": "boolean", "default": False,
                     "description": "clean the picked element like Readability's prepArticle (FTR `prune: yes`): "
                                    "drop forms, high-link-density and low-score blocks inside it"}}
REQUIRED = ("selectors",)


def prepare(options: dict):
    """Compile the selectors."""
    return compile_all(options["selectors"])


def _prune(el):
    """Readability's conditional cleaning of one element (what Full-Text RSS does after a site body XPath)."""
    from readability import Document
    d = Document(el)
    d.html = el  # work on the element itself, not a re-parsed copy
    try:
        d.transform_misused_divs_into_paragraphs()
        d.sanitize(el, d.score_paragraphs())
    except Exception:  # readability's heuristics on odd trees: keep the element unpruned
        pass
    return el


def apply(doc, rule) -> None:
    """Use the first selector that matches; several matches are joined in document order."""
    if doc.body is not None:
        return
    for selector in rule.compiled:
        found = elements(selector, doc.root)
        found = [e for e in found if not any(a in found for a in e.iterancestors())]
        # An element without text (a placeholder that scripts fill later) is no body: try the next selector.
        found = [e for e in found if text_of(e)]
        if not found:
            continue
        if len(found) == 1:
            doc.body = found[0]
        else:
            wrapper = lxml_html.Element("div")
            for el in found:
                wrapper.append(el)
            doc.body = wrapper
        if rule.options.get("prune"):
            doc.body = _prune(doc.body)
        doc.meta.setdefault("_body_rule", rule.qid)
        return
    doc.warnings.append(f"rule {rule.qid}: body selector matched nothing (or only empty elements); "
                        "fell back to generic extraction")
