"""Turn an article element into lines (units) with their kind: heading, paragraph, list item..."""
from __future__ import annotations

from ..doc import Doc, Unit

_SKIP = {"script", "style", "template", "svg", "select", "option", "iframe",
         "input", "textarea", "nav", "head", "object", "embed", "canvas", "video", "audio"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "ul",
          "ol", "dl", "dt", "dd", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "pre",
          "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "hr", "address", "details",
          "summary", "caption", "center", "body", "html", "form", "fieldset"}
_KIND = {"h1": "h", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h", "li": "li", "dt": "li",
         "dd": "li", "pre": "pre", "figcaption": "caption", "blockquote": "quote", "tr": "td",
         "caption": "caption"}


class _Builder:
    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.buf: list[str] = []
        self.kind = "p"
        self.para = 0
        self.links = 0  # characters inside <a> in the current buffer

    def flush(self, new_para: bool = True) -> None:
        text = " ".join("".join(self.buf).split()) if self.kind != "pre" else "".join(self.buf).strip("\n")
        if text.strip():
            self.units.append(Unit(text=text, para=self.para, kind=self.kind,
                                   info={"link_chars": self.links}))
            if new_para:
                self.para += 1
        self.buf, self.links = [], 0

    def walk(self, el, kind: str = "p", in_link: bool = False) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP or not tag:
            self._tail(el, kind, in_link)
            return
        block = tag in _BLOCK
        if block:
            self.flush()
            kind = _KIND.get(tag, kind)
            self.kind = kind
        if tag == "br":
            self.flush(new_para=False)
        if el.text:
            self.buf.append(el.text)
            if in_link or tag == "a":
                self.links += len(el.text.strip())
        for child in el:
            self.walk(child, kind, in_link or tag == "a")
            if tag == "tr" and child.tag in ("td", "th"):
                self.buf.append("\t")
        if block:
            self.flush()
            self.kind = "p"
        self._tail(el, kind, in_link)

    def _tail(self, el, kind, in_link) -> None:
        if el.tail:
            if el.getparent() is not None and el.getparent().tag in _BLOCK and el.tag in _BLOCK:
                self.kind = kind
            self.buf.append(el.tail)


def to_units(doc: Doc, body) -> None:
    """Fill doc.units from the article element."""
    b = _Builder()
    b.walk(body)
    b.flush()
    doc.units = b.units
