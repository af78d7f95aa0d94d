"""Turn an article element into lines (units) with their kind: heading, paragraph, list item..."""
from __future__ import annotations

import re

from ..doc import Doc, Unit
from .features import class_words
from .phrases import Phrases
from .tree import visible_chars
from .trim import trim

_SKIP = {"script", "style", "template", "svg", "select", "option", "iframe",
         "input", "textarea", "nav", "head", "object", "embed", "canvas", "video", "audio"}
_BLOCK = {"p", "div", "section", "article", "main", "header", "footer", "aside", "blockquote", "ul",
          "ol", "dl", "dt", "dd", "li", "table", "thead", "tbody", "tfoot", "tr", "pre",
          "h1", "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "hr", "address", "details",
          "summary", "caption", "center", "body", "html", "form", "fieldset"}
_KIND = {"h1": "h", "h2": "h", "h3": "h", "h4": "h", "h5": "h", "h6": "h", "li": "li", "dt": "li",
         "dd": "li", "pre": "pre", "figcaption": "caption", "blockquote": "quote", "tr": "td",
         "caption": "caption", "p": "p"}
# Inside a figure these hold content (a quoted passage, a code listing, a data table), not a caption.
_FIGURE_CONTENT = {"blockquote", "pre", "table", "code"}
_CAPTION_WORDS = {"caption", "figcaption", "credit", "credits", "imagecredit", "photocredit"}
# A block with one of these class words around an <img> and a short text is a captioned picture.
_IMAGE_WORDS = {"image", "img", "photo", "picture", "pic", "media", "thumbnail", "figure"}
IMAGE_CAPTION_MAX = 400
_HEADING_PATHS = ".//h1|.//h2|.//h3|.//h4|.//h5|.//h6|.//*[@role='heading']"  # a heading inside (XPath)
CAPTION_SHARE = 0.5  # figure lines holding this share of the text are its content (a gallery, a grid of cards)
# A line that ends with its picture's credit, "Plague can be vaccinated (Image: GETTY)": a caption.
_CREDITED = re.compile(r"\((?:image|photo|picture|pic|credit|source|foto)s?\s*:[^()]{1,60}\)\s*$", re.I)
_CREDIT = re.compile(r"^\s*(?:photo|image|picture|credit|source|foto|illustration)s?\s*(?:credit)?\s*[:/]", re.I)


_GLUE_END = re.compile(r"[a-z0-9.,;:!?)]$")


class _Builder:
    """Walks an element and emits one unit per block of text; a <br> starts a new line in the block."""

    def __init__(self) -> None:
        self.units: list[Unit] = []
        self.buf: list[str] = []
        self.para = 0
        self.links = 0  # characters inside <a> in the current buffer
        self.noscript = 0  # visible characters of the <noscript> being walked (what a browser without scripts shows)

    def flush(self, kind: str, caption: bool, new_para: bool = True, tag: str | None = None) -> None:
        if kind == "pre":
            text = "".join(self.buf).strip("\n")
        elif kind == "td":  # a table row: cells separated by one tab
            cells = (" ".join(c.split()) for c in "".join(self.buf).split("\t"))
            text = "\t".join(c for c in cells if c)
        else:
            text = " ".join("".join(self.buf).split())
        if text.strip():
            info = {"link_chars": self.links}
            if caption:
                info["figure"] = True
            if tag == "h1":
                info["h1"] = True
            if self.noscript:
                info["noscript"] = self.noscript
            self.units.append(Unit(text=text, para=self.para, kind=kind, info=info))
            if new_para:
                self.para += 1
        self.buf, self.links = [], 0

    def walk(self, el, kind: str = "p", in_link: bool = False, caption: bool = False) -> None:
        """Emit the text of el's subtree; tails are handled by the caller (they belong to its block)."""
        tag = el.tag
        if not isinstance(tag, str) or tag in _SKIP:
            return
        if tag == "br":
            self.flush(kind, caption, new_para=False)
            return
        block = tag in _BLOCK or tag == "noscript"
        outer = self.noscript
        if tag == "noscript" and not outer:
            self.flush(kind, caption)
            self.noscript = visible_chars(el)
        if block:
            self.flush(kind, caption)
            kind = _KIND.get(tag, kind)
        if tag in _FIGURE_CONTENT:
            caption = False
        elif tag == "figcaption" or (tag == "figure" and not _long(el)) or (el.get("class") and _captionish(el)):
            caption = True
        link = in_link or tag == "a"
        if el.text:
            self._add(el.text, link, kind)
        for child in el:
            self.walk(child, kind, link, caption)
            if child.tail:
                self._add(child.tail, link, kind)
            if tag == "tr" and child.tag in ("td", "th"):
                self.buf.append("\t")  # cells of a row stay on one line
        if block:
            self.flush(kind, caption, tag=tag)
        self.noscript = outer

    def _add(self, text: str, in_link: bool, kind: str = "p") -> None:
        # two elements' texts meeting with no space, a word ending and a capital starting ("etc.<em>Name</em>
        # There", "<a>Action</a><a>Adventure</a>", "$21.00<span>Current price"): separate items the page's
        # style sets apart (blocks, badges, tags), read as one glued word otherwise
        if self.buf and kind != "pre" and text[:1].isupper() and _GLUE_END.search(self.buf[-1]):
            text = " " + text
        self.buf.append(text)
        if in_link:
            self.links += len(text.strip())


FIGURE_TEXT_MAX = 1000  # a <figure> holding more text than this is content (a comparison, a review), not a picture


def _long(el) -> bool:
    """Whether an element holds more than FIGURE_TEXT_MAX visible characters."""
    return visible_chars(el) > FIGURE_TEXT_MAX


def _captionish(el) -> bool:
    """A caption by its class ("caption", "credit") unless it holds a heading, or a picture block ("image",
    "photo") holding an <img> of its own and one short text (a card with a heading or several paragraphs
    is content)."""
    words = class_words(el)
    if words & _CAPTION_WORDS:
        # ...unless it holds a heading: a card's body ("thumbnail > caption": a product's name, its price)
        return not el.xpath(f"boolean({_HEADING_PATHS})")
    if not words & _IMAGE_WORDS or el.find("img") is None or len(el.text_content()) > IMAGE_CAPTION_MAX:
        return False
    return not el.xpath(f"boolean({_HEADING_PATHS}|.//a[not(img)]|.//li)") \
        and el.xpath("count(.//p)") <= 1


def to_units(doc: Doc, body, phrases: Phrases) -> None:
    """Fill doc.units from the article element; figure captions go to doc.captions (unless kept);
    phrases: the rule set's compiled phrase lists (RuleSet.phrases())."""
    b = _Builder()
    b.walk(body)
    b.flush("p", False)
    doc.units = b.units
    if len(doc.units) < 2:
        return  # a lone headline or caption is all there is: keep it as the text
    trim(doc, phrases)
    for unit in doc.units[:3]:
        if unit.info.get("h1"):  # the headline is metadata, not body text
            if not any(u.keep for u in doc.units if u is not unit):
                break  # ...unless it is all the body holds: a headline beats an empty result
            doc.drop(unit, "html:headline", "header", reason="headline")
            doc.meta.setdefault("title", unit.text)
            break
    if "caption" in doc.keep:
        return
    kept = [u for u in doc.units if u.keep]
    if sum(len(u.text) for u in kept if u.info.get("figure")) >= CAPTION_SHARE * sum(len(u.text) for u in kept):
        for u in kept:  # the pictures' lines are what the page says (a gallery, a grid of cards): body text
            if u.info.pop("figure", None) and u.kind == "caption":
                u.kind = "p"
        return
    for unit in doc.units:
        if unit.keep and not unit.info.get("figure") and len(unit.text) <= IMAGE_CAPTION_MAX \
                and unit.kind != "pre" and _CREDITED.search(unit.text):
            unit.info["figure"] = True
        if unit.info.get("figure") and unit.keep:
            doc.drop(unit, "html:figure-caption", "caption", reason="figure caption or credit")
            if not _CREDIT.match(unit.text) and unit.text not in doc.captions:
                doc.captions.append(unit.text)
