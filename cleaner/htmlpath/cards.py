"""Series of cards: siblings sharing a template (a listing's teasers, a shop's tiles, a blog's posts), and
what they say about the pick (a teaser's headline, a list of posts beside an intro, the series a card belongs to)."""
from __future__ import annotations

from . import scoring
from .features import HEADINGS, PRICE

LINKY = 0.5          # share of linked text that makes a part link-heavy (a worthless one in the body is chrome)


CARD_MIN = 3          # siblings sharing tag and class that make a series of cards
CARD_CHARS = 80       # ...each holding this many characters on average (menu items hold a word or two)
CARD_SHARE = 0.5      # ...and together this share of their parent's text


CARD_LINKS = 3       # links in a card, none of them holding half the linked text: a list of links


def link_list_like(el) -> bool:
    """Whether an element's links read as a list ("More on ...": several links of like length) rather
    than a card's teaser (one link holding its headline or summary, beside a category or two)."""
    sizes = [len(" ".join(a.text_content().split())) for a in el.iter("a")]
    return len(sizes) >= CARD_LINKS and max(sizes) < 0.5 * sum(sizes)


# A price in a card: a shop's product tile, whose linked name, price and labels are not always the
# page's text (a shop's grid is content on a listing, chrome beside a collection's own text).
PRICED = 0.5   # share of cards holding a price that makes a series a shop grid


def _class_groups(el) -> list[list]:
    """The children of an element that carry a class, grouped by tag and class (in document order)."""
    groups: dict = {}
    for child in el:
        if isinstance(child.tag, str) and child.get("class"):
            groups.setdefault((child.tag, child.get("class")), []).append(child)
    return list(groups.values())


def series(s: scoring.Scores, i: int) -> set | None:
    """The children of element i that form a series of templated cards (a listing's teasers: each a
    linked headline and a summary), when that series holds most of i's text."""
    best = None
    for members in _class_groups(s.elements[i]):
        if len(members) < CARD_MIN:
            continue
        chars = sum(s.chars[s.index[c]] for c in members if c in s.index)
        if chars >= CARD_SHARE * s.chars[i] and chars >= CARD_CHARS * len(members) \
                and sum(1 for c in members if PRICE.search(c.text_content())) < PRICED * len(members):
            best = members if best is None or len(members) > len(best) else best
    return set(best) if best else None


def is_heading(el) -> bool:
    """A heading, or a link around one (a tile's linked name)."""
    return el.tag in HEADINGS or (el.tag == "a" and any(d.tag in HEADINGS for d in el.iterdescendants()))


CARD_SUMMARY = 40  # characters besides its headline that a link wrapping a whole teaser card holds


def teaser_headline(el, s: scoring.Scores) -> bool:
    """A heading (or a part holding one) inside a link that also wraps a summary of its own, or a linked
    heading right above a paragraph of prose: a teaser card's headline, its title, not a menu entry."""
    if next(el.iter(*HEADINGS), None) is None:  # el itself or a heading inside it
        return False
    link = next((a for a in el.iterancestors("a")), None)
    if link is None:
        if not is_heading(el):
            return False
        nxt = el.getnext()
        j = s.index.get(nxt) if nxt is not None else None
        return j is not None and s.chars[j] >= CARD_SUMMARY and s.raw_pos[j] >= 0.5 * s.chars[j] \
            and s.link_chars[j] < LINKY * s.chars[j]
    own = len(" ".join(el.text_content().split()))
    return len(" ".join(link.text_content().split())) - own >= CARD_SUMMARY


def twins(el) -> list:
    """The element and its siblings sharing its tag and class (none when it has no class or parent)."""
    cls, parent = el.get("class"), el.getparent()
    if not cls or parent is None:
        return []
    return [c for c in parent if c.tag == el.tag and c.get("class") == cls]


def templated(el, up: int = 3) -> bool:
    """Whether an element or one of its `up - 1` nearest ancestors is one of >= CARD_MIN siblings sharing
    its tag and class (a card of a grid)."""
    for _ in range(up):
        if el.getparent() is None:
            return False
        if len(twins(el)) >= CARD_MIN:
            return True
        el = el.getparent()
    return False


POST_CARDS = 3     # sibling cards, each holding a heading, that make a list of posts...
POST_SHARE = 0.5   # ...holding together at least this share of the pick's text


def post_list(s: scoring.Scores, top: int) -> int | None:
    """On a page that declares itself an article, whose pick holds little prose, the parent of a list of
    posts, if there is one: the pick neither lies in nor holds an <article> element, and outside it
    stand >= POST_CARDS siblings of one tag, each holding a heading, that together hold POST_SHARE of the
    pick's text or more (the largest such series), under a parent that is not chrome (a blog's archive page under its intro, a
    page of trail or offer cards; WordPress SEO plugins declare every page an article). A paywalled lead
    sits in its <article>, the site's teasers around it; a pick holding <article>s holds the posts
    already; a sidebar's widgets sit in the sidebar."""
    el = s.elements[top]
    if any(a.tag == "article" for a in (el, *el.iterancestors())) or next(el.iter("article"), None) is not None:
        return None
    best, most = None, POST_SHARE * s.chars[top]
    for i, parent in enumerate(s.elements):
        if len(parent) < POST_CARDS or s.under[i] or s.signal[i] < 0 or s.inside(i, top):
            continue
        groups: dict = {}
        for child in parent:
            j = s.index.get(child)
            # a card holds a heading (a heading itself is a section's title: a list article's letters)
            if j is not None and s.chars[j] and not s.under[j] and child.tag not in HEADINGS \
                    and next(child.iter(*HEADINGS), None) is not None:
                groups.setdefault(child.tag, []).append(j)
        for members in groups.values():
            chars = sum(s.chars[j] for j in members)
            if len(members) >= POST_CARDS and chars >= most:
                best, most = i, chars  # the largest series (a row of three features above the posts is not it)
    return best


def teasers(s: scoring.Scores, top: int) -> list[int]:
    """Indices of the teaser cards inside the pick: >= CARD_MIN siblings sharing tag and class, each
    holding a linked headline (a heading with a link in it, or a link around one)."""
    out: list[int] = []
    for el in s.elements[top].iter():
        if len(el) < CARD_MIN:
            continue
        for members in _class_groups(el):
            if len(members) >= CARD_MIN and all(_linked_headline(c) for c in members):
                out.extend(s.index[c] for c in members if c in s.index)
    # a card inside another card counts once, with its outer card (kept cards never nest, so a card
    # inside any kept one is inside the last kept before it)
    kept: list[int] = []
    for j in sorted(set(out)):
        if not kept or not s.inside(j, kept[-1]):
            kept.append(j)
    return kept


def _linked_headline(el) -> bool:
    """Whether an element holds a heading whose text is a link to another page, or a link around a
    heading (not a section heading's "#" permalink)."""
    for h in el.iter(*HEADINGS):
        text = len("".join(h.itertext()).strip())
        for a in h.iter("a"):
            if _away(a) and 2 * len("".join(a.itertext()).strip()) >= text:
                return True
        up = h.getparent()
        while up is not None and up is not el:
            if up.tag == "a" and _away(up):
                return True
            up = up.getparent()
    return False


def _away(a) -> bool:
    """A link to another page (not an in-page "#" anchor)."""
    return not (a.get("href") or "#").startswith("#")


def series_parent(s: scoring.Scores, top: int) -> int:
    """The parent of the pick when the pick is one of >= CARD_MIN siblings with its tag and class that
    together hold at least twice its prose (a directory's profiles, a page of full-text entries): the
    scorer picks the longest card, the reader wants the series."""
    el = s.elements[top]
    sibs = twins(el) if top else []
    if len(sibs) < CARD_MIN or sum(s.raw_pos[s.index[c]] for c in sibs if c in s.index) < 2 * s.raw_pos[top]:
        return top
    return s.index.get(el.getparent(), top)
