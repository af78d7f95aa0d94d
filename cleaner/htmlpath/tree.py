"""Parsing HTML and small element helpers."""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)


def parse(source: str, warnings: list | None = None):
    """Parse HTML leniently into an lxml element; InputError when nothing parses.

    libxml2 stops at 255 levels of nesting (more is an attack or a broken page); what lies deeper is
    lost, so that is reported in `warnings` rather than silently.
    """
    source = _XML_DECL.sub("", source, count=1)  # lxml refuses str input that declares an encoding
    try:
        parser = lxml_html.HTMLParser(remove_comments=True, remove_pis=True, recover=True,
                                      huge_tree=False, default_doctype=False)
        root = lxml_html.document_fromstring(source, parser=parser)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"the HTML could not be parsed: {exc}") from None
    if root is None:
        raise InputError("the HTML could not be parsed: no document element")
    if warnings is not None and any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log):
        warnings.append("the HTML is nested more than 255 levels deep: the parser ignored what lies deeper")
    return root


def text_of(el) -> str:
    """Whitespace-normalised text content of an element."""
    try:
        return " ".join(el.text_content().split())
    except (ValueError, AttributeError):
        return ""


def visible_chars(el) -> int:
    """Non-blank characters of an element's text (indentation and line breaks are not text)."""
    return sum(len(part) for part in el.text_content().split())


def remove_element(el) -> bool:
    """Remove an element but keep its tail text in place."""
    parent = el.getparent()
    if parent is None:
        return False
    tail = el.tail
    if tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + tail
        else:
            parent.text = (parent.text or "") + tail
    parent.remove(el)
    return True


def label(el) -> str:
    """A short CSS-like name of an element for explanations: tag#id.class1.class2."""
    out = el.tag if isinstance(el.tag, str) else "?"
    if el.get("id"):
        out += "#" + el.get("id")
    classes = (el.get("class") or "").split()[:2]
    return out + "".join("." + c for c in classes)
