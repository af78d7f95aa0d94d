"""Parsing HTML and small element helpers."""
from __future__ import annotations

import re

from lxml import etree
from lxml import html as lxml_html

from ..errors import InputError

_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>", re.I)
# libxml2 (2.14) drops everything after an </html> end tag and puts what follows </body> beside the body;
# a browser ignores both and reads on into the body. Templates that include a header with its own
# </body></html> before the article are not rare: one WCXB page lost its whole article to it. The parser
# closes both at the end of the input anyway, so the end tags are taken out when more than a few closing
# lines follow the first of them (one search: ~0.14 ms on a median page, under 1% of the HTML path).
_DOC_END = re.compile(r"</(?:body|html)\s*>", re.I)


def _open_doc_ends(source: str) -> str:
    """The page without </body> and </html> end tags when more than a few closing lines follow them."""
    first = _DOC_END.search(source, 0, max(0, len(source) - 200))
    if first is None:
        return source
    return source[:first.start()] + _DOC_END.sub("", source[first.start():])


# lxml.html's own parser picks each element's class in a Python callback (form elements get classes of
# their own), called every time an element is touched: 1.6 million calls and ~7% of the HTML path's time on
# 293 WCXB pages. Every element is an HtmlElement here, chosen in C; nothing uses the form classes.
_LOOKUP = etree.ElementDefaultClassLookup(element=lxml_html.HtmlElement, comment=lxml_html.HtmlComment,
                                          pi=lxml_html.HtmlProcessingInstruction)


def parse(source: str, warnings: list | None = None):
    """Parse HTML leniently into an lxml element; InputError when nothing parses.

    libxml2 stops at 255 levels of nesting (more is an attack or a broken page); what lies deeper is
    lost, so that is reported in `warnings` rather than silently.
    """
    source = _XML_DECL.sub("", source, count=1)  # lxml refuses str input that declares an encoding
    source = _open_doc_ends(source)
    try:
        parser = etree.HTMLParser(remove_comments=True, remove_pis=True, recover=True, huge_tree=False,
                                  default_doctype=False)
        parser.set_element_class_lookup(_LOOKUP)
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


# React's streaming server rendering sends a page in parts: a part that was not ready stands as a
# placeholder (<template id="B:0"> or "P:0") with a "Loading..." fallback, and the finished part comes at
# the end of the body in <div hidden id="S:0">, with a script call that moves it into place:
# $RC("B:0","S:0") (a boundary) or $RS("S:0","P:0") (a segment). A browser runs those calls; without
# them the article's later sections sit after the footer, outside the main content.
_STREAM_CALL = re.compile(r'\$R([CS])\("([BSP]:[0-9a-f]+)","([BSP]:[0-9a-f]+)"\)')


def place_streamed(root) -> int:
    """Move each streamed part (<div hidden id="S:n">) to its placeholder, as React's inline scripts do in a
    browser; returns how many were placed. Call before scripts are removed."""
    parts = root.xpath("//div[@hidden][starts-with(@id,'S:')]")
    if not parts:
        return 0
    moves = []  # (part id, placeholder id) in the order the page's scripts make them
    for script in root.iter("script"):
        if script.text and "$R" in script.text:
            for kind, a, b in _STREAM_CALL.findall(script.text):
                moves.append((b, a) if kind == "C" else (a, b))
    if not moves:  # no calls found (an external runtime): a part's number names its placeholder
        moves = [(p.get("id"), "B:" + p.get("id")[2:]) for p in parts]
    by_id = {el.get("id"): el for el in root.xpath("//div[@hidden][starts-with(@id,'S:')]|//template[@id]")}
    placed = 0
    for part_id, holder_id in moves:
        part, holder = by_id.get(part_id), by_id.get(holder_id)
        if part is None or holder is None or holder.tag != "template" or holder.getparent() is None:
            continue
        if any(a is part for a in holder.iterancestors()):
            continue  # a placeholder inside its own part: nothing sensible to do
        parent = holder.getparent()
        at = parent.index(holder)
        children = list(part)  # the part's children go where the placeholder stands, in order
        after, holder.tail = holder.tail, part.text  # the part's own text first, the placeholder's tail last
        for k, child in enumerate(children):
            parent.insert(at + 1 + k, child)  # moves the child (lxml keeps its tail with it)
        if children:
            children[-1].tail = (children[-1].tail or "") + (after or "")
        else:
            holder.tail = (holder.tail or "") + (after or "")
        remove_element(holder)
        remove_element(part)
        placed += 1
    return placed

