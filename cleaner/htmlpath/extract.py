"""Generic main-content extraction (used when no site rule picks the body)."""
from __future__ import annotations

from . import blockmodel, cards, scoring
from .cards import LINKY
from .features import dialog_box, forum_thread, page_kind
from .hidden import strip_junk
from .tree import place_streamed, remove_element


LISTING_BELOW = 800  # characters of prose under which a page is read as a list of items
LIST_TAGS = frozenset({"ul", "ol", "li"})
LIST_SERIES = 2     # link lists side by side in the body that make an index (kept)
MOST_OF_PICK = 0.5   # a chrome-classed part holding more than this share of the pick's prose is its text
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
           forum: bool = False, teasers: bool = False, top: int | None = None) -> None:
    """Drop chrome inside the chosen subtree: children worth less than nothing that look like chrome,
    and minor parts with a chrome-like class (an author box, a tag list). Inside a card of the pick's
    own series (see cards.series) only surely-chrome parts go: its linked headline and summary are the item
    (not on a forum thread: there the series is the posts, and their linked parts are the posters'
    details)."""
    whole = s.raw_pos[i] if whole is None else whole
    top = i if top is None else top
    series = None if card or forum else cards.series(s, i)
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
        if card or (series is not None and child in series and s.signal[j] >= 0):
            if s.signal[j] < -1 or (linky and net < 0 and cards.link_list_like(child)):
                _drop(child, dropped)  # a list of links in a card ("More on ...") is not its teaser
            else:
                # its linked headline and "teaser" summary are the item
                _prune(s, j, whole, dropped, True, forum, teasers, top)
            continue
        if linky and net < 0 and _inner_list(child, s):
            continue  # kept whole: its items are the content (see _inner_list)
        if linky and s.signal[j] >= 0 and cards.is_heading(child) and cards.templated(s.elements[i]):
            continue  # a product tile's linked name (a shop grid's cards are not protected whole: see cards.series)
        if teasers and linky and s.signal[j] >= 0 and cards.teaser_headline(child, s):
            continue  # a teaser's headline, inside the link that wraps its summary too, or over it
        if net < 0 and (s.signal[j] < 0 or (linky and not _mid_text(before, after, whole)
                                             and not _mid_pick(s, j, top, whole))) \
                and not _most_of_pick(s, j, child, whole, linky):
            _drop(child, dropped)
        elif s.signal[j] < 0 and s.raw_pos[j] < MINOR_CHROME * whole:
            _drop(child, dropped)
        else:
            _prune(s, j, whole, dropped, forum=forum, teasers=teasers, top=top)


def _most_of_pick(s: scoring.Scores, j: int, child, whole: float, linky: bool) -> bool:
    """Whether a chrome-classed part of the pick, not made of links, holds most of the pick's prose: a
    newsletter's issue in a "newsletter" section, a section named after the page's own topic. The pick
    was chosen for that prose; dropping the part would leave its edges. Not a box the page opens over
    itself (a modal's copy of the article for republishing), which the page does not show."""
    return s.signal[j] < 0 and not linky and s.raw_pos[j] > MOST_OF_PICK * whole and not dialog_box(child)


# A linked block with at least this share of the pick's prose among its earlier siblings and this share
# among its later ones sits inside the text (the tools or places the text goes on to discuss), not at its
# edge where related links and menus stand (train split WCXB +0.0003, 26 pages up, 9 down; AEB level).
MID_AFTER, MID_BEFORE = 0.2, 0.2


def _mid_text(before: float, after: float, whole: float) -> bool:
    """Whether the pick's prose stands on both sides of a child: `before` and `after` are its siblings'."""
    return before >= MID_BEFORE * whole and after >= MID_AFTER * whole


# A short linked sentence ("See Handling application errors for more details.") with the pick's prose on
# both sides in reading order is part of the text even where its own siblings hold little prose (a
# documentation page's nested sections). Only a sentence: a list of links mid-text is still its related
# reading (with any linked block: train +0.0006 but 133 pages up, 135 down; as a sentence of up to 300
# characters: train +0.00008, 25 up, 14 down, documentation and service up; held out level).
SENTENCE_CHARS = 300
SENTENCE_END = (".", "!", "?", ":")


def _mid_pick(s: scoring.Scores, j: int, top: int, whole: float) -> bool:
    """Whether element j (in the pick `top`) is a short sentence with the pick's prose before and after it
    in reading order, at any depth."""
    if j == top or s.chars[j] > SENTENCE_CHARS:
        return False
    text = " ".join(s.elements[j].text_content().split())
    if len(text.split()) < 4 or not text.endswith(SENTENCE_END):
        return False
    before = _prose_before(s, j, top)
    return _mid_text(before, whole - before - s.raw_pos[j], whole)


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
    forum = forum_thread(url)
    pick, listing, kind = _choose(body, kind, forum, dropped)
    return blockmodel.refine(body, pick, url, kind=kind, forum=forum, dropped=dropped, listing=listing)


def _choose(body, kind: str, forum: bool, dropped=None) -> tuple:
    """The scorer's pick: the best element, narrowed and pruned (or a listing's region); and whether it is
    a listing's region (a page of little prose read as a whole, minus its sure chrome)."""
    product = kind == "product"
    undeclared = not kind and not forum
    s = scoring.score(body, forum=forum, product=product, undeclared=undeclared)
    top = scoring.best(s)
    if s.raw_pos[top] < LISTING_BELOW:
        # Little prose: a listing, a shop grid, a chart. Score again valuing item lists.
        s = scoring.score(body, forum=forum, listing=True, product=product, undeclared=undeclared)
        top = scoring.best(s)
        posts = cards.post_list(s, top) if kind == "article" else None
        if posts is not None:
            # a list of posts: the pick (its intro) and the cards are the content, read as a listing's
            # region, not as one article (whose block model would only drop)
            region = s.common(top, posts)
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
    top = cards.series_parent(s, top)
    _prune(s, top, dropped=dropped, forum=forum, teasers=not forum and kind not in ("product", "article"))
    return s.elements[top], False, kind


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
    (see cards.teasers) do not count in that share when the part holds TEASED_TEXT of the prose or more."""
    if NARROW_SHARE >= 1:
        return top
    whole = s.raw_pos[top]
    teasers = None  # found only when a part falls short of the share (most pages never need them)
    best_i = top
    for i in range(top + 1, len(s.elements)):
        if s.raw_pos[i] < TEASED_TEXT * whole:
            continue
        if not s.inside(i, top):
            break  # document order: past the pick's subtree
        if not (s.signal[i] > 0 or s.elements[i].tag == "article") or s.under[i]:
            continue
        if s.raw_pos[i] < NARROW_SHARE * whole:
            # teaser cards after the part are not prose it leaves out (a "More news" series under the text)
            teasers = cards.teasers(s, top) if teasers is None else teasers
            if s.raw_pos[i] < NARROW_SHARE * (whole - sum(s.raw_pos[j] for j in teasers
                                                          if j > i and not s.inside(j, i))):
                continue
        if _prose_before(s, i, top) < NARROW_LEAD * whole:
            best_i = i
    return best_i


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
