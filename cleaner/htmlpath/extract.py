"""Generic main-content extraction (used when no site rule picks the body)."""
from __future__ import annotations

from . import blockmodel, scoring
from .features import FORUM_URL, HEADINGS, PRICE, page_kind
from .hidden import strip_junk
from .tree import place_streamed, remove_element


LISTING_BELOW = 800  # characters of prose under which a page is read as a list of items
LINKY = 0.5          # share of linked text that makes a worthless part of the body chrome
LIST_TAGS = frozenset({"ul", "ol", "li"})
LIST_SERIES = 2     # link lists side by side in the body that make an index (kept)
MINOR_CHROME = 0.3   # a chrome-classed part holding less than this share of the body's prose goes


def _drop(el, dropped) -> None:
    """Remove a chrome element, telling the caller first (so `removed` can list it)."""
    if dropped is not None:
        dropped(el)
    remove_element(el)


def prune(el, dropped=None, hidden=None):
    """Clean one chosen element (e.g. a site rule's body) the way the generic path cleans its pick."""
    strip_junk(el, hidden)
    _prune(scoring.score(el), 0, dropped=dropped)  # 0: the element itself is the chosen subtree
    return el


def _prune(s: scoring.Scores, i: int, whole: float | None = None, dropped=None, card: bool = False,
           forum: bool = False, teasers: bool = False) -> None:
    """Drop chrome inside the chosen subtree: children worth less than nothing that look like chrome,
    and minor parts with a chrome-like class (an author box, a tag list). Inside a card of the pick's
    own series (see _cards) only surely-chrome parts go: its linked headline and summary are the item
    (not on a forum thread: there the series is the posts, and their linked parts are the posters'
    details)."""
    whole = s.raw_pos[i] if whole is None else whole
    cards = None if card or forum else _cards(s, i)
    children = list(s.elements[i])
    # the prose of the children before the current one (those still in the tree) and after it, for
    # _mid_text: running sums, as a walk of the siblings for each child is quadratic in a list of links
    prose = [s.raw_pos[j] if (j := s.index.get(c)) is not None else 0.0 for c in children]
    before, after = 0.0, sum(prose)
    for k, child in enumerate(children):
        if k and children[k - 1].getparent() is not None:
            before += prose[k - 1]
        after -= prose[k]
        j = s.index.get(child)
        if j is None or s.chars[j] == 0:
            continue
        net = s.net(j)
        linky = s.link_chars[j] > LINKY * s.chars[j]
        if card or (cards is not None and child in cards and s.signal[j] >= 0):
            if s.signal[j] < -1 or (linky and net < 0 and _link_list_like(child)):
                _drop(child, dropped)  # a list of links in a card ("More on ...") is not its teaser
            else:
                # its linked headline and "teaser" summary are the item
                _prune(s, j, whole, dropped, True, forum, teasers)
            continue
        if linky and net < 0 and _inner_list(child, s):
            continue  # kept whole: its items are the content (see _inner_list)
        if linky and s.signal[j] >= 0 and _heading(child) and _templated(s.elements[i]):
            continue  # a product tile's linked name (a shop grid's cards are not protected whole: see _cards)
        if teasers and linky and s.signal[j] >= 0 and _card_headline(child, s):
            continue  # a teaser's headline, inside the link that wraps its summary too, or over it
        if net < 0 and (s.signal[j] < 0 or (linky and not _mid_text(before, after, whole))):
            _drop(child, dropped)
        elif s.signal[j] < 0 and s.raw_pos[j] < MINOR_CHROME * whole:
            _drop(child, dropped)
        else:
            _prune(s, j, whole, dropped, forum=forum, teasers=teasers)


# A linked block with at least this share of the pick's prose among its earlier siblings and this share
# among its later ones sits inside the text (the tools or places the text goes on to discuss), not at its
# edge where related links and menus stand (train split WCXB +0.0003, 26 pages up, 9 down; AEB level).
MID_AFTER, MID_BEFORE = 0.2, 0.2


def _mid_text(before: float, after: float, whole: float) -> bool:
    """Whether the pick's prose stands on both sides of a child: `before` and `after` are its siblings'."""
    return before >= MID_BEFORE * whole and after >= MID_AFTER * whole


CARD_MIN = 3          # siblings sharing tag and class that make a series of cards
CARD_CHARS = 80       # ...each holding this many characters on average (menu items hold a word or two)
CARD_SHARE = 0.5      # ...and together this share of their parent's text


CARD_LINKS = 3       # links in a card, none of them holding half the linked text: a list of links


def _link_list_like(el) -> bool:
    """Whether an element's links read as a list ("More on ...": several links of like length) rather
    than a card's teaser (one link holding its headline or summary, beside a category or two)."""
    sizes = [len(" ".join(a.text_content().split())) for a in el.iter("a")]
    return len(sizes) >= CARD_LINKS and max(sizes) < 0.5 * sum(sizes)


# A price in a card: a shop's product tile, whose linked name, price and labels are not always the
# page's text (a shop's grid is content on a listing, chrome beside a collection's own text).
PRICED = 0.5   # share of cards holding a price that makes a series a shop grid


def _cards(s: scoring.Scores, i: int) -> set | None:
    """The children of element i that form a series of templated cards (a listing's teasers: each a
    linked headline and a summary), when that series holds most of i's text."""
    groups: dict = {}
    for child in s.elements[i]:
        if isinstance(child.tag, str) and child.get("class"):
            groups.setdefault((child.tag, child.get("class")), []).append(child)
    best = None
    for members in groups.values():
        if len(members) < CARD_MIN:
            continue
        chars = sum(s.chars[s.index[c]] for c in members if c in s.index)
        if chars >= CARD_SHARE * s.chars[i] and chars >= CARD_CHARS * len(members) \
                and sum(1 for c in members if PRICE.search(c.text_content())) < PRICED * len(members):
            best = members if best is None or len(members) > len(best) else best
    return set(best) if best else None


def _heading(el) -> bool:
    """A heading, or a link around one (a tile's linked name)."""
    return el.tag in HEADINGS or (el.tag == "a" and any(d.tag in HEADINGS for d in el.iterdescendants()))


CARD_SUMMARY = 40  # characters besides its headline that a link wrapping a whole teaser card holds


def _card_headline(el, s: scoring.Scores) -> bool:
    """A heading (or a part holding one) inside a link that also wraps a summary of its own, or a linked
    heading right above a paragraph of prose: a teaser card's headline, its title, not a menu entry."""
    if next(el.iter(*HEADINGS), None) is None:  # el itself or a heading inside it
        return False
    link = next((a for a in el.iterancestors("a")), None)
    if link is None:
        if not _heading(el):
            return False
        nxt = el.getnext()
        j = s.index.get(nxt) if nxt is not None else None
        return j is not None and s.chars[j] >= CARD_SUMMARY and s.raw_pos[j] >= 0.5 * s.chars[j] \
            and s.link_chars[j] < LINKY * s.chars[j]
    own = len(" ".join(el.text_content().split()))
    return len(" ".join(link.text_content().split())) - own >= CARD_SUMMARY


def _twins(el) -> list:
    """The element and its siblings sharing its tag and class (none when it has no class or parent)."""
    cls, parent = el.get("class"), el.getparent()
    if not cls or parent is None:
        return []
    return [c for c in parent if c.tag == el.tag and c.get("class") == cls]


def _templated(el, up: int = 3) -> bool:
    """Whether an element or one of its `up - 1` nearest ancestors is one of >= CARD_MIN siblings sharing
    its tag and class (a card of a grid)."""
    for _ in range(up):
        if el.getparent() is None:
            return False
        if len(_twins(el)) >= CARD_MIN:
            return True
        el = el.getparent()
    return False


def _link_list(s: scoring.Scores, el) -> bool:
    """An unclassed list whose text is mostly links."""
    j = s.index.get(el)
    return j is not None and el.tag in LIST_TAGS and s.signal[j] == 0 and s.link_chars[j] > LINKY * s.chars[j]


def _inner_list(child, s: scoring.Scores) -> bool:
    """One of a series of link lists inside the body with more of the body after it: an index, a
    changelog, a table of contents under headings (a single list of links in a text is its related
    reading; the related links at the end come last). Items of one list: all of them or none."""
    if not _link_list(s, child) or (child.tag != "li" and child.getnext() is None):
        return False
    return sum(1 for sib in child.getparent() if _link_list(s, sib)) >= LIST_SERIES


def main_content(root, url: str | None = None, dropped=None, hidden=None, info: dict | None = None):
    """The element holding the main text, with the chrome inside it removed (each passed to `dropped`;
    hidden elements and form controls to `hidden`, see strip_junk). The kind the page declares itself
    (see page_kind) goes to info["page_kind"]."""
    kind = page_kind(root)
    if info is not None:
        info["page_kind"] = kind
    place_streamed(root)  # before strip_junk: the page's scripts say where each streamed part goes
    # an article's FAQ is an appendix its readers' ground truth often leaves out; a service's or a shop's
    # FAQ is what the page tells its customers
    strip_junk(root, hidden, answers=kind != "article")
    body = root.find("body")
    if body is None:
        body = root
    forum = bool(url and FORUM_URL.search(url))
    pick, listing, kind = _choose(body, kind, forum, dropped)
    return blockmodel.refine(body, pick, url, kind=kind, forum=forum, dropped=dropped, listing=listing)


def _choose(body, kind: str, forum: bool, dropped=None) -> tuple:
    """The scorer's pick: the best element, narrowed and pruned (or a listing's region); and whether it is
    a listing's region (a page of little prose read as a whole, minus its sure chrome)."""
    product = kind == "product"
    s = scoring.score(body, forum=forum, product=product)
    top = scoring.best(s)
    if s.raw_pos[top] < LISTING_BELOW:
        # Little prose: a listing, a shop grid, a chart. Score again valuing item lists.
        s = scoring.score(body, forum=forum, listing=True, product=product)
        top = scoring.best(s)
        posts = _post_list(s, top) if kind == "article" else None
        if posts is not None:
            # a list of posts: the pick (its intro) and the cards are the content, read as a listing's
            # region, not as one article (whose block model would only drop)
            region = _common(s, top, posts)
            _strip_chrome(s, region, dropped)
            return s.elements[region], True, ""
        whole = _listing_whole(s, top, landmark=kind == "article")
        if whole is not None:
            _strip_chrome(s, whole, dropped)
            return s.elements[whole], True, kind
    if s.net(top) <= 0:  # no prose outside chrome-like elements: maybe all of it sits inside one
        top = scoring.best(s, anywhere=True)
        if s.net(top) <= 0 or s.raw_pos[top] < 200:
            # No prose at all (a grid of product links, a bare index page): the page minus its
            # surely-chrome parts says more than a copyright line.
            if _chrome_chars(s, 0) < s.chars[0]:
                _strip_chrome(s, 0, dropped)
                return body, True, kind
    top = _narrow(s, top)
    top = _card_series(s, top)
    _prune(s, top, dropped=dropped, forum=forum, teasers=not forum and kind not in ("product", "article"))
    return s.elements[top], False, kind


def _common(s: scoring.Scores, i: int, j: int) -> int:
    """The lowest element holding elements i and j."""
    while not _inside(s, j, i):
        i = s.parent[i]
    return i


POST_CARDS = 3     # sibling cards, each holding a heading, that make a list of posts...
POST_SHARE = 0.5   # ...holding together at least this share of the pick's text


def _post_list(s: scoring.Scores, top: int) -> int | None:
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
        if len(parent) < POST_CARDS or s.under[i] or s.signal[i] < 0 or _inside(s, i, top):
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


LISTING_SHARE = 0.3  # a listing's pick showing less than this share of the page's non-chrome text is a part


def _listing_whole(s: scoring.Scores, top: int, landmark: bool = False) -> int | None:
    """On a page of little prose, the <main> landmark holding the pick (else the body) when the pick is
    only a small part of what that shows outside sure chrome: the listing is spread over many cards and
    sections that each score little (a price, a name, a link), and the pick is one of them or the intro.
    With `landmark` (a page that declares itself an article) only a <main> will do: there the pick may
    be a short article (a paywalled lead) among the site's teasers, which the body holds but a page's
    own <main> region (an encyclopedia's list article) rarely does."""
    m = top
    while m > 0 and not (s.elements[m].tag == "main" or (s.elements[m].get("role") or "").lower() == "main"):
        m = s.parent[m]
    m = max(m, 0)
    if landmark and m == 0:
        return None
    avail = s.chars[m] - _chrome_chars(s, m)
    if m == top or s.net(top) <= 0 or s.chars[top] >= LISTING_SHARE * avail:
        return None
    return m


NARROW_SHARE = 0.8   # a content-classed part holding this share of the pick's prose is the article...
NARROW_LEAD = 0.05   # ...unless more than this share of the prose comes before it (an intro)
TEASED_TEXT = 0.4    # teaser cards after the part are left out of that share when it holds this much


def _narrow(s: scoring.Scores, top: int) -> int:
    """The content-classed part of the pick ("entry-content", <article>) when it holds nearly all of its
    prose and no prose comes before it (an intro above the text body is part of the article): what
    else the pick holds is teasers, bios and boxes below or beside the text. Teaser cards after the part
    (see _teasers) do not count in that share when the part holds TEASED_TEXT of the prose or more."""
    if NARROW_SHARE >= 1:
        return top
    whole = s.raw_pos[top]
    teasers = None  # found only when a part falls short of the share (most pages never need them)
    best_i = top
    for i in range(top + 1, len(s.elements)):
        if s.raw_pos[i] < TEASED_TEXT * whole:
            continue
        if not _inside(s, i, top):
            break  # document order: past the pick's subtree
        if not (s.signal[i] > 0 or s.elements[i].tag == "article") or s.under[i]:
            continue
        if s.raw_pos[i] < NARROW_SHARE * whole:
            # teaser cards after the part are not prose it leaves out (a "More news" series under the text)
            teasers = _teasers(s, top) if teasers is None else teasers
            if s.raw_pos[i] < NARROW_SHARE * (whole - sum(s.raw_pos[j] for j in teasers
                                                          if j > i and not _inside(s, j, i))):
                continue
        if _prose_before(s, i, top) < NARROW_LEAD * whole:
            best_i = i
    return best_i


def _teasers(s: scoring.Scores, top: int) -> list[int]:
    """Indices of the teaser cards inside the pick: >= CARD_MIN siblings sharing tag and class, each
    holding a linked headline (a heading with a link in it, or a link around one)."""
    out: list[int] = []
    for el in s.elements[top].iter():
        if len(el) < CARD_MIN:
            continue
        groups: dict = {}
        for child in el:
            if isinstance(child.tag, str) and child.get("class"):
                groups.setdefault((child.tag, child.get("class")), []).append(child)
        for members in groups.values():
            if len(members) >= CARD_MIN and all(_linked_headline(c) for c in members):
                out.extend(s.index[c] for c in members if c in s.index)
    # a card inside another card counts once, with its outer card (kept cards never nest, so a card
    # inside any kept one is inside the last kept before it)
    kept: list[int] = []
    for j in sorted(set(out)):
        if not kept or not _inside(s, j, kept[-1]):
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


def _prose_before(s: scoring.Scores, i: int, top: int) -> float:
    """Prose inside top that comes before element i (in the earlier siblings of i and of its ancestors)."""
    total = 0.0
    while i != top:
        el = s.elements[i]
        for sib in el.itersiblings(preceding=True):
            j = s.index.get(sib)
            if j is not None:
                total += s.raw_pos[j]
        i = s.parent[i]
    return total


def _card_series(s: scoring.Scores, top: int) -> int:
    """The parent of the pick when the pick is one of >= CARD_MIN siblings with its tag and class that
    together hold at least twice its prose (a directory's profiles, a page of full-text entries): the
    scorer picks the longest card, the reader wants the series."""
    el = s.elements[top]
    twins = _twins(el) if top else []
    if len(twins) < CARD_MIN or sum(s.raw_pos[s.index[c]] for c in twins if c in s.index) < 2 * s.raw_pos[top]:
        return top
    return s.index.get(el.getparent(), top)


def _inside(s: scoring.Scores, i: int, top: int) -> bool:
    """Whether element i lies in top's subtree."""
    while i > top:
        i = s.parent[i]
    return i == top


def _chrome_chars(s: scoring.Scores, i: int) -> int:
    """Characters that _strip_chrome would remove under element i."""
    total = 0
    for child in s.elements[i]:
        j = s.index.get(child)
        if j is not None and s.chars[j]:
            total += s.chars[j] if s.signal[j] < -1 else _chrome_chars(s, j)
    return total


def _strip_chrome(s: scoring.Scores, i: int, dropped=None) -> None:
    """Remove the subtrees marked as sure chrome (nav, footer, menus...)."""
    for child in list(s.elements[i]):
        j = s.index.get(child)
        if j is None or s.chars[j] == 0:
            continue
        if s.signal[j] < -1:
            _drop(child, dropped)
        else:
            _strip_chrome(s, j, dropped)
