"""Block scoring on the lxml tree: one pass collects text blocks, a second sums their value per subtree.

Every run of text owned by a block element (a paragraph, a list item, a cell...) gets a value:
prose counts for itself, linked text and short unpunctuated scraps count against. Each element
then carries the sum over its subtree, scaled by its class/id signal (``comments``, ``sidebar``
pull down, ``article-body`` pulls up). The article is the subtree with the highest sum: it
takes in every paragraph it can while leaving out the menus and footers around it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree

from .features import BLOCK_TAGS, CHROME_TAGS, HEADINGS, attr_signal, class_signal, consent_box, soft_in_main

CONTENT_BONUS = 0.25   # share of its prose a content-classed element gets on top (beats a bare wrapper)
WEAK_CHROME = 0.2      # prose under a chrome-like class still counts this much
SURE_CHROME = 0.6      # prose under a sure-chrome element counts this much against

_SENTENCE_END = re.compile(r"[.!?\u3002\uff01\uff1f:;\"\u201d)](?:\s|$)")
@dataclass
class Scores:
    """Per-element subtree sums, indexed like ``elements`` (document order)."""

    elements: list
    index: dict
    pos: list[float]          # value of prose in the subtree (after class scaling)
    neg: list[float]          # cost of links and scraps in the subtree
    chars: list[int]          # all text characters in the subtree
    link_chars: list[int]     # characters inside <a> in the subtree
    raw_pos: list[float]      # prose value before class scaling
    signal: list[int] = field(default_factory=list)
    parent: list[int] = field(default_factory=list)
    under: list[bool] = field(default_factory=list)   # inside a chrome-like element
    cells: list[float] = field(default_factory=list)  # cost of data-table cells in the subtree (see best)

    def inside(self, i: int, top: int) -> bool:
        """Whether element i lies in top's subtree."""
        while i > top:
            i = self.parent[i]
        return i == top

    def common(self, i: int, j: int) -> int:
        """The lowest element holding elements i and j."""
        while not self.inside(j, i):
            i = self.parent[i]
        return i

    def net(self, i: int) -> float:
        """Subtree value: prose minus chrome."""
        return self.pos[i] - self.neg[i]


def _listing_value(text: str, link_chars: int, avg: float, heading: bool) -> tuple[float, float]:
    """Block value for pages without prose (listings, shop grids): item names, prices and labels
    count as text; only menu-length links (a word or two) still count against (avg: the mean
    length of the anchors the text sits in)."""
    chars = len(text)
    neg = link_chars * (1.0 if avg < 12 else 0.3)
    return float(chars - link_chars) + (0.5 * link_chars if avg >= 12 else 0.0), neg


def _block_value(text: str, link_chars: int, avg: float, heading: bool) -> tuple[float, float]:
    """(positive, negative) value of one block of text (avg: mean length of the anchors it sits in)."""
    chars = len(text)
    words = text.count(" ") + 1
    # Menus link a word or two; the teaser cards of a listing link a whole headline or summary.
    # The longer the average anchor, the more of its text counts as text rather than as a link.
    w = 0.0 if avg <= 25 else min(0.6, (avg - 25) / 80)
    text_chars = chars - link_chars * (1 - w)
    neg = link_chars * (1 - w)
    if heading:
        return 0.0, neg * 0.5
    has_punct = _SENTENCE_END.search(text) is not None
    if (words >= 10 and (has_punct or "," in text)) or (words >= 5 and has_punct):
        pos = text_chars
    elif words <= 3 and not has_punct:
        pos, neg = 0.0, neg + 0.3 * text_chars
    else:
        pos = 0.3 * text_chars
    return pos, neg


class RunBuffer:
    """The text of the run a tree walk is reading (up to the next block boundary): its pieces, how many
    of its characters are link text, and how many links start in it. Shared by the scorer's walk and
    the block model's (runs.py), so both cut the page into the same runs."""

    def __init__(self) -> None:
        self.buf: list[str] = []
        self.links = 0
        self.anchors = 0

    def _add(self, text: str, in_link: bool) -> None:
        self.buf.append(text)
        if in_link:
            self.links += len(text.strip())

    def _take(self) -> tuple[str, int, int] | None:
        """The run read so far, whitespace collapsed, with its link characters and links; None when it
        holds no text. The buffer starts over."""
        if not self.buf:
            return None
        text = " ".join("".join(self.buf).split())
        links, anchors = self.links, self.anchors
        self.buf, self.links, self.anchors = [], 0, 0
        return (text, links, anchors) if text else None


# A data table (a list article's laureates, a standings chart): many rows of the same several cells, each a
# name or a figure, most of them linked. Cell by cell it reads like a menu and would cost its page more than
# its prose is worth (an encyclopedia's list put its references ahead of its intro and table): in choosing
# the pick its cells' cost is given back. Within the pick they are judged as before (a comparison's
# "Check price at ..." rows still go). A calendar or a layout table has fewer rows.
TABLE_ROWS = 10      # rows (at least) of a data table...
TABLE_COLS = 3       # ...with this many cells (at least; a cell spanning rows leaves the next rows one short)...
TABLE_SHARE = 0.8    # ...in this share of the rows


def _data_cells(tables: list, index: dict) -> set[int]:
    """Indices of the cells (<td>, <th>) of those of `tables` that are data tables."""
    out: set[int] = set()
    for table in tables:
        rows = table.xpath("./tr|./thead/tr|./tbody/tr|./tfoot/tr")
        if len(rows) < TABLE_ROWS:
            continue
        wide = sum(1 for row in rows if sum(1 for c in row if c.tag in ("td", "th")) >= TABLE_COLS)
        if wide < TABLE_SHARE * len(rows):
            continue
        out.update(index[c] for row in rows for c in row if c.tag in ("td", "th") and c in index)
    return out


class _Walker(RunBuffer):
    """Collects the text blocks of a tree and books their value on their owning element."""

    def __init__(self, scores: Scores, value=_block_value) -> None:
        super().__init__()
        self.s = scores
        self.value = value
        self.tables: list = []  # the <table>s met, for _data_cells (the walk visits every element anyway)
        self.outer = None   # the <a> the walk is inside, when one wraps whole blocks (a card)
        self.outer_len = 0  # ...and the length of its whole text, computed on first need

    def flush(self, owner: int) -> None:
        run = self._take()
        if run is None:
            return
        text, links, anchors = run
        s = self.s
        links = min(links, len(text))
        if anchors:
            avg = links / anchors
        elif links and self.outer is not None:
            # a block inside a link that wraps several blocks (a card linking its title, price and
            # labels): the card's whole text is the anchor, not this one field of it
            if not self.outer_len:
                self.outer_len = len(" ".join(self.outer.text_content().split()))
            avg = max(links, self.outer_len)
        else:
            avg = links
        pos, neg = self.value(text, links, avg, s.elements[owner].tag in HEADINGS)
        s.pos[owner] += pos
        s.raw_pos[owner] += pos
        s.neg[owner] += neg
        s.chars[owner] += len(text)
        s.link_chars[owner] += links

    def walk(self, el, owner: int, in_link: bool) -> None:
        """Collect the text of el's subtree; each child's tail goes to the block el is in."""
        tag = el.tag
        is_block = tag in BLOCK_TAGS and tag != "br"
        if tag == "br":
            self.buf.append(" ")
        elif is_block:
            self.flush(owner)
            if tag == "table":
                self.tables.append(el)
        own = self.s.index[el] if is_block else owner
        link = in_link or tag == "a"
        if tag == "a" and not in_link:
            self.anchors += 1
            self.outer, self.outer_len = el, 0
        if el.text:
            self._add(el.text, link)
        for child in el:
            if isinstance(child.tag, str):
                self.walk(child, own, link)
            if child.tail:
                self._add(child.tail, link)
        if is_block:
            self.flush(own)


def score(root, use_classes: bool = True, forum: bool = False, listing: bool = False,
          product: bool = False, undeclared: bool = False) -> Scores:
    """Score every element of a cleaned tree (listing: value item lists, for pages without prose; the
    other flags pick the class words, see features.class_signal)."""
    elements = list(root.iter(etree.Element))  # elements only: no comments or processing instructions
    n = len(elements)
    index = {e: i for i, e in enumerate(elements)}
    s = Scores(elements, index, [0.0] * n, [0.0] * n, [0] * n, [0] * n, [0.0] * n, [0] * n)
    walker = _Walker(s, _listing_value if listing else _block_value)
    walker.walk(root, 0, False)
    walker.flush(0)
    s.cells = [0.0] * n
    for i in _data_cells(walker.tables, index):
        s.cells[i] = s.neg[i]  # the cell's own cost (subtree sums come below)
    parent = [index.get(e.getparent(), -1) for e in elements]
    s.parent = parent
    own_pos, own_neg = list(s.pos), list(s.neg)
    for i in range(n - 1, 0, -1):  # raw subtree sums first: the class signal needs the page total
        j = parent[i]
        if j >= 0:
            s.raw_pos[j] += s.raw_pos[i]
            s.cells[j] += s.cells[i]
            s.chars[j] += s.chars[i]
            s.link_chars[j] += s.link_chars[i]
    total = s.raw_pos[0] or 1.0
    s.pos, s.neg = own_pos, own_neg
    s.under = [False] * n
    in_main = [False] * n  # inside the page's <main> landmark (parents come first in document order)
    for i, el in enumerate(elements):
        in_main[i] = el.tag == "main" or (parent[i] >= 0 and in_main[parent[i]])
    for i in range(n - 1, -1, -1):
        el = elements[i]
        sig = class_signal(el, forum, product, undeclared) if use_classes else 0
        if sig < 0 and el.get("id") and _heading_anchor(el):
            # the id only names the section after its heading ("respond-to-review-comments"): its class says
            # more; a heading that is its own anchor is a heading of the text, its class only styles the link
            # to it (Docusaurus's "anchorWithStickyNavbar_...")
            sig = 0 if el.tag in HEADINGS else \
                attr_signal(el.get("role"), el.get("class") or "", forum, el.get("itemprop"), product, undeclared)
        if sig < -1 and in_main[i] and el.tag != "main" and soft_in_main(el):
            sig = -1
        if sig < 0 and s.raw_pos[i] > 0.7 * total and not consent_box(el):
            # "has-sidebar" on a page wrapper, or a forum whose posts are all "comments"; but a cookie
            # consent box is chrome however much it says (a preference centre's purposes outweigh a
            # listing's short cards or a thread the scorer reads as little prose)
            sig = 0
        s.signal[i] = sig
        if sig < 0:
            s.pos[i] *= -SURE_CHROME if sig < -1 else WEAK_CHROME
            if s.pos[i] < 0:
                s.neg[i] -= s.pos[i]
                s.pos[i] = 0.0
        j = parent[i]
        if j >= 0:
            s.pos[j] += s.pos[i]
            s.neg[j] += s.neg[i]
    for i in range(n):  # document order: parents first
        if elements[i].tag == "main" and s.signal[i] > 0:
            continue  # the page's own <main> landmark outranks a chrome-like wrapper class
        s.under[i] = s.signal[i] < -1 or (parent[i] >= 0 and s.under[parent[i]])
    return s


ANCHOR_WORDS = 3  # words of an id that spells out its section's heading (shorter ids name a role: "comments")
_ID_WORDS = re.compile(r"[^\W_]+")
_HEADING_PATH = ".//*[self::h1 or self::h2 or self::h3 or self::h4 or self::h5 or self::h6][1]"


def _heading_anchor(el) -> bool:
    """Whether an element's id is the slug of its first heading ("respond-to-review-comments" on a section
    headed "Respond to review comments"): a link target that documentation and CMS pages give every
    section, naming its topic, not its role on the page. A slug cut short still counts."""
    words = _ID_WORDS.findall(el.get("id").lower())
    if len(words) < ANCHOR_WORDS or el.tag in CHROME_TAGS:
        return False
    # a heading carries its own anchor (WordPress's block headings, documentation generators)
    heads = [el] if el.tag in HEADINGS else el.xpath(_HEADING_PATH)
    if not heads:
        return False
    title = _ID_WORDS.findall(heads[0].text_content().lower().replace("'", "").replace("\u2019", ""))
    if heads[0] is el and len(words[0]) == 1 and title[:1] != words[:1] and len(words) > ANCHOR_WORDS:
        words = words[1:]  # a one-letter prefix that keeps a heading's slug a valid id ("h-how-to-...")
    if len(title) < len(words):
        return False
    return title[:len(words) - 1] == words[:-1] and title[len(words) - 1].startswith(words[-1])


def best(s: Scores, anywhere: bool = False) -> int:
    """Index of the element whose subtree has the highest net value, outside chrome unless `anywhere`."""
    top, top_val = 0, float("-inf")
    for i in range(len(s.elements)):
        if s.under[i] and not anywhere:
            continue
        v = s.pos[i] - s.neg[i] + s.cells[i]  # a data table does not sink the part that holds it
        if s.signal[i] > 0:  # a content-like class beats an unmarked wrapper holding the same text
            v += CONTENT_BONUS * s.pos[i]
        if v > top_val:
            top, top_val = i, v
    return top
