"""body: pick the article body by selector instead of generic extraction."""
from __future__ import annotations

from lxml import html as lxml_html

from ..htmlpath.extract import prune
from ..htmlpath.tree import label, text_of
from ._select import SELECTORS, compile_all, elements

ID = "body"
STAGE = "dom"
MODES = ("html",)
CATEGORY = "body"
OPTIONS = {"selectors": SELECTORS,
           "prune": {"type": "boolean", "default": False,
                     "description": "drop the chrome inside the picked element with the generic extractor's "
                                    "scoring (Full-Text RSS `prune: yes`)"}}
REQUIRED = ("selectors",)


def prepare(options: dict):
    """Compile the selectors."""
    return compile_all(options["selectors"])


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
            # Drop the chrome inside the site-picked body (FTR's `prune: yes`) with the generic
            # extractor's own scoring: related lists and most-read modules go, paragraphs stay.
            doc.body = prune(doc.body, dropped=lambda el: doc.record(
                text_of(el), rule, "boilerplate", reason=f"pruned inside the body: <{label(el)}>"),
                hidden=lambda el, why: doc.record(text_of(el), rule, "boilerplate", reason=f"{why}: <{label(el)}>"))
        doc.meta.setdefault("_body_rule", rule.qid)
        return
    doc.warnings.append(f"rule {rule.qid}: body selector matched nothing (or only empty elements); "
                        "fell back to generic extraction")
