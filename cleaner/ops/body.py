"""body: pick the article body by selector instead of generic extraction."""
from __future__ import annotations

from lxml import html as lxml_html

from ._select import SELECTORS, compile_all, elements

ID = "body"
STAGE = "dom"
MODES = ("html",)
CATEGORY = "body"
OPTIONS = {"selectors": SELECTORS}
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
        if not found:
            continue
        if len(found) == 1:
            doc.body = found[0]
        else:
            wrapper = lxml_html.Element("div")
            for el in found:
                wrapper.append(el)
            doc.body = wrapper
        doc.meta.setdefault("_body_rule", rule.qid)
        return
    doc.warnings.append(f"rule {rule.qid}: body selector matched nothing; fell back to generic extraction")
