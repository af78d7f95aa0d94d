"""Text runs of a page and their features, for the learned block model (blockmodel.py).

A run is the text one block element owns (a paragraph, a list item, a cell, a div's loose text), as
the scorer reads it. Each gets generic features only — its text (length, links, punctuation,
stop words), its element and ancestors (tag roles, class/id word groups, the class signal), where it
lies against the extractor's pick (inside, before, after, how far up the tree they meet), repeated
siblings (templated cards) and the same read over its neighbours — never a site, URL or page string.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass, field

import numpy as np

from ..textpath.features import STOPWORDS
from .features import BLOCK_TAGS, HEADINGS, PRICE, class_signal, class_words
from .scoring import RunBuffer

# Class/id word groups (generic roles of page parts); a run reads them on its own element and two
# parents ("near") and on all its ancestors ("any").
_GROUPS = [
    "nav navigation menu menus submenu megamenu navbar breadcrumb breadcrumbs crumbs skiplink pagination pager paging toolbar",
    "comment comments commentlist disqus respond reply replies",
    "related relatedposts recommended recommendations recirc teaser teasers trending popular mostread mostpopular more",
    "share sharing sharebar social socials sociallinks follow",
    "footer foot bottombar copyright legal",
    "sidebar sidebars aside rail rightrail leftrail widget widgets",
    "ad ads advert adverts advertisement advertising adslot adunit sponsor sponsored promo promos promotion banner",
    "newsletter newsletters subscribe subscription signup login signin cta popup modal overlay cookie cookies consent gdpr",
    "author byline bio authorinfo userinfo user avatar profile signature",
    "meta date time timestamp dateline tags tag taglist tagcloud category categories",
    "review reviews rating ratings stars qna questions answers",
    "price cart buy add basket checkout product products sku variant options quantity",
    "description desc details detail spec specs specification specifications features overview summary info tab tabs panel accordion",
    "article articlebody content maincontent main post postbody postcontent entry entrycontent story storybody body text "
    "prose markdown rte richtext blogpost",
    "title headline heading hero",
    "card cards item items tile tiles grid list listing thumb thumbnail",
    "sronly visuallyhidden offscreen screenreader hidden",
    "message messages thread topic forum bbcode",
    "header masthead topbar logo brand",
]
_WORD_BITS: dict[str, int] = {}
for _k, _g in enumerate(_GROUPS):
    for _w in _g.split():
        _WORD_BITS[_w] = _WORD_BITS.get(_w, 0) | (1 << _k)
N_GROUPS = len(_GROUPS)

# Ancestor tags and roles, one bit each.
_TAG_BITS = {t: 1 << k for k, t in enumerate(
    ["nav", "aside", "footer", "header", "form", "main", "article", "table", "ul", "li", "a", "figure",
     "section", "dl", "details", "blockquote"])}
N_TAGBITS = len(_TAG_BITS)
_ROLE_BITS = {"navigation": _TAG_BITS["nav"], "complementary": _TAG_BITS["aside"],
              "contentinfo": _TAG_BITS["footer"], "banner": _TAG_BITS["header"], "main": _TAG_BITS["main"],
              "article": _TAG_BITS["article"]}
# Tags whose class signal is set by the tag alone (class_signal: nav/aside/footer/menu, main).
_SIGNAL_TAGS = frozenset({"nav", "aside", "footer", "menu", "main"})
# The run's own element, one-hot.
_OWN = ["p", "li", "td", "dd", "div", "h1", "h2", "pre", "blockquote", "figcaption", "other"]
_OWN_OF = {"p": 0, "li": 1, "td": 2, "th": 2, "dd": 3, "dt": 3, "div": 4, "section": 4, "article": 4, "main": 4,
           "body": 4, "h1": 5, "h2": 6, "h3": 6, "h4": 6, "h5": 6, "h6": 6, "pre": 7, "blockquote": 8,
           "figcaption": 9, "caption": 9}

_END = re.compile(r"[.!?\u3002\uff01\uff1f:;\"\u201d)]$")
_PUNCT = re.compile(r"[.!?\u3002](?:\s|$)")
_NO_DIGITS = {c: None for c in range(0x30, 0x3A)}
_WORDS = re.compile(r"\w+")


@dataclass
class Runs:
    """The runs of a page in document order: owner elements, texts, feature matrix."""

    owners: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    inside: list = field(default_factory=list)   # in the pick's subtree
    rows: list = field(default_factory=list)     # per-run raw values (see _row)
    x: np.ndarray | None = None


_BITS_CACHE: dict[tuple, int] = {}


def _class_bits(el) -> int:
    """Word-group bits of an element's class and id."""
    key = (el.get("class"), el.get("id"))
    if key == (None, None):
        return 0
    bits = _BITS_CACHE.get(key)
    if bits is None:
        bits = 0
        for w in class_words(el):
            bits |= _WORD_BITS.get(w, 0)
        if len(_BITS_CACHE) < 50000:
            _BITS_CACHE[key] = bits
    return bits


class _Collector(RunBuffer):
    """One walk over the body: runs with their ancestry, as the scorer cuts them."""

    def __init__(self, root, pick, forum: bool, product: bool) -> None:
        super().__init__()
        self.pick = pick
        self.root = root      # the element the walk starts at (the page's body, or the pick alone)
        self.forum, self.product = forum, product
        self.pick_anc = {pick, *pick.iterancestors()}  # elements, not id()s: the set keeps the proxies alive
        self.pick_depth = 0   # the pick's depth (the body's is 0), set when the walk enters it
        self.r = Runs()
        self.after = False   # the walk has left the pick
        self.sib_cache: dict = {}
        self.info_cache: dict = {}  # (tag, class, id, role, itemprop) -> (group bits, tag bits, signal)

    def _siblings(self, el) -> int:
        """How many siblings share this element's tag and class (templated cards, list items)."""
        parent = el.getparent()
        if parent is None:
            return 1
        counts = self.sib_cache.get(parent)
        if counts is None:
            counts = {}
            for c in parent:
                if isinstance(c.tag, str):
                    key = (c.tag, c.get("class"))
                    counts[key] = counts.get(key, 0) + 1
            self.sib_cache[parent] = counts
        return counts.get((el.tag, el.get("class")), 1)

    def flush(self, owner, ctx: tuple) -> None:
        run = self._take()
        if run is None:
            return
        text, links, anchors = run
        r = self.r
        r.owners.append(owner)
        r.texts.append(text)
        r.inside.append(ctx[5])
        parent = owner.getparent()
        sib = max(self._siblings(owner), self._siblings(parent) if parent is not None else 1)
        r.rows.append((text, min(links, len(text)), anchors, ctx, self.after, sib))

    def enter(self, el, actx: tuple) -> tuple:
        """The context of el, from the context of its parent (see walk)."""
        tag = el.tag
        depth, tbits, gbits, minsig, lca, inside, p1, p2, _near = actx
        cls, ident, role = el.get("class"), el.get("id"), el.get("role")
        if cls is None and ident is None and role is None and tag not in _SIGNAL_TAGS:
            own_bits, tag_bits, sig = 0, _TAG_BITS.get(tag, 0), 0   # most elements: nothing to read
        else:
            key = (tag, cls, ident, role, el.get("itemprop"))
            got = self.info_cache.get(key)
            if got is None:
                got = (_class_bits(el), _TAG_BITS.get(tag, 0) | (_ROLE_BITS.get(role.lower(), 0) if role else 0),
                       class_signal(el, self.forum, self.product))
                if len(self.info_cache) < 20000:
                    self.info_cache[key] = got
            own_bits, tag_bits, sig = got
        if el is self.pick:
            self.pick_depth = depth + 1
        return (depth + 1, tbits | tag_bits, gbits | own_bits, min(minsig, sig),
                depth + 1 if el in self.pick_anc else lca, inside or el is self.pick, own_bits, p1,
                own_bits | p1 | p2)

    def walk(self, el, owner, octx: tuple, actx: tuple, in_link: bool) -> None:
        """octx: the context of the run's owner; actx: of el's parent. A context is (depth, tag bits,
        group bits over ancestors, min class signal, depth where it meets the pick's ancestry, inside
        the pick, own group bits, the parent's group bits, group bits of element and two parents)."""
        tag = el.tag
        if tag == "br":
            self.buf.append(" ")
            return
        ectx = self.enter(el, actx)
        # the walk's root owns its loose text even when inline (a pick that is a <span>): its own context
        is_block = tag in BLOCK_TAGS or el is self.root
        if is_block:
            self.flush(owner, octx)
            owner, octx = el, ectx
        link = in_link or tag == "a"
        if tag == "a" and not in_link:
            self.anchors += 1
        if el.text:
            self._add(el.text, link)
        for child in el:
            if isinstance(child.tag, str):
                self.walk(child, owner, octx, ectx, link)
            if child.tail:
                self._add(child.tail, link)
        if is_block:
            self.flush(owner, octx)
        if el is self.pick:
            self.after = True



MIN_SIGNAL = 12  # column: the lowest class signal on the run's element and its ancestors
POSITION = 18    # column: the share of the walked text before the run
PICK_SHARE = 20  # column: the pick's share of the page's text
ARTICLE = 22     # column: the page declares itself an article
N_TEXT = 23
RAW_COLS = N_TEXT + len(_OWN) + N_TAGBITS + 2 * N_GROUPS


def _chain(el) -> list:
    """el's ancestors from the document's top down, without the <html> root (the body is depth 0)."""
    up = list(el.iterancestors())[::-1]
    return up[1:] if up and up[0].tag == "html" else up


def collect(body, pick, forum: bool = False, product: bool = False, kind: str = "",
            share: float | None = None) -> Runs:
    """The runs of body with their features; `pick` is the extractor's choice inside it. body may be the
    pick itself (an article page, where the model only reads the pick): the walk then starts from the
    context the pick has in the page (its ancestors' tags and classes, its depth), so its runs read
    as they would in a walk of the whole page; `share` is then the pick's share of the page's text."""
    c = _Collector(body, pick, forum, product)
    ctx = (-1, 0, 0, 0, 0, False, 0, 0, 0)
    for a in _chain(body):
        ctx = c.enter(a, ctx)
    c.walk(body, body, ctx, ctx, False)
    r = c.r
    n = len(r.rows)
    x = np.zeros((n, RAW_COLS), dtype=np.float32)
    if not n:
        r.x = x
        return r
    total = sum(len(t) for t in r.texts) or 1
    pick_chars = sum(len(t) for t, i in zip(r.texts, r.inside) if i)
    pick_share = pick_chars / total if share is None else share
    seen = 0
    gbits = np.zeros(n, dtype=np.int64)
    nbits = np.zeros(n, dtype=np.int64)
    tbits = np.zeros(n, dtype=np.int64)
    own = np.zeros(n, dtype=np.int64)
    log1p, stop = math.log1p, STOPWORDS
    pick_up = c.pick_depth
    vals = []
    for i, (text, links, anchors, ctx, after, sib) in enumerate(r.rows):
        depth, tb, gb, minsig, lca, inside, _own, _p1, near = ctx
        chars = len(text)
        toks = _WORDS.findall(text.lower())
        nw = len(toks) or 1
        tag = r.owners[i].tag
        vals.append((
            log1p(chars), log1p(len(toks)), links / chars, log1p(links / anchors) if anchors else 0.0,
            _END.search(text) is not None, len(_PUNCT.findall(text)) / nw, text.count(",") / nw,
            sum(t in stop for t in toks) / nw, (chars - len(text.translate(_NO_DIGITS))) / chars,
            sum(w[:1].isupper() for w in text.split()) / nw, PRICE.search(text) is not None,
            tag in HEADINGS, minsig, inside, after and not inside,
            log1p(depth - lca), log1p(pick_up - lca), log1p(depth), seen / total,
            log1p(sib), pick_share, kind == "product", kind == "article",
        ))
        seen += chars
        gbits[i], nbits[i], tbits[i] = gb, near, tb
        own[i] = _OWN_OF.get(tag, len(_OWN) - 1)
    x[:, :N_TEXT] = np.array(vals, dtype=np.float64)
    col = N_TEXT
    x[np.arange(n), col + own] = 1.0
    col += len(_OWN)
    for k in range(N_TAGBITS):
        x[:, col + k] = (tbits >> k) & 1
    col += N_TAGBITS
    for k in range(N_GROUPS):
        x[:, col + k] = (gbits >> k) & 1
        x[:, col + N_GROUPS + k] = (nbits >> k) & 1
    r.x = x
    return r


# Columns averaged over the neighbouring runs (prose-ness, size, links, inside the pick).
_CTX_COLS = [0, 2, 4, 7, 13, 14]
WINDOWS = (2, 8)


def context(x: np.ndarray, text_p: np.ndarray) -> np.ndarray:
    """The model input: raw columns, the text model's line score, and window means of the score and a few
    columns (for each width in WINDOWS, the score then the columns: the text model's window loop)."""
    from ..textpath import fill  # numba, loaded with the text model this input needs anyway
    # C order: the array layout features.warm() compiled the loop for (another would compile in a request)
    cols = np.ascontiguousarray(np.column_stack((text_p, x[:, _CTX_COLS])), dtype=np.float32)
    out = np.zeros((len(x), N_INPUT), np.float32)
    out[:, :x.shape[1]] = x
    out[:, x.shape[1]] = text_p
    fill.windows(cols, np.array(WINDOWS), out, x.shape[1] + 1)
    return out


N_INPUT = RAW_COLS + 1 + len(WINDOWS) * (1 + len(_CTX_COLS))
