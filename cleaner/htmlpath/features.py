"""Generic signals read from HTML elements: tag roles and class/id words that hint at boilerplate."""
from __future__ import annotations

import re

# Elements that never hold article text (removed before scoring).
JUNK_TAGS = frozenset({
    "script", "style", "template", "svg", "iframe", "object", "embed", "canvas", "video",
    "audio", "option", "input", "link", "meta", "head", "map", "math",
})

# Controls removed only when small: an unclosed <button> makes the parser nest the page inside it.
CONTROL_TAGS = frozenset({"button", "select", "textarea", "dialog", "label"})

# Elements that start a new block of text (everything else is inline).
BLOCK_TAGS = frozenset({
    "p", "div", "section", "article", "main", "header", "footer", "aside", "nav", "blockquote", "ul",
    "ol", "dl", "dt", "dd", "li", "table", "thead", "tbody", "tfoot", "tr", "td", "th", "pre", "h1",
    "h2", "h3", "h4", "h5", "h6", "figure", "figcaption", "hr", "address", "details", "summary",
    "caption", "center", "body", "html", "form", "fieldset", "legend", "menu", "br",
})

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})

# Structural tags of page chrome.
CHROME_TAGS = frozenset({"nav", "aside", "footer", "menu"})

# Words in class/id that mark page chrome; matched as whole words of the class/id string
# (saboxplugin: the box of WordPress's Simple Author Box plugin, an author bio whose class names no author).
_NEG_WORDS = frozenset("""
comment comments commentlist disqus respond reply replies share sharing sharebar social socials
sociallinks related relatedposts recommended recommendations recirc footer foot navbar nav navigation
menu menus submenu megamenu sidebar sidebars aside breadcrumb breadcrumbs crumbs cookie cookies consent
gdpr newsletter newsletters subscribe subscription signup promo promos promotion advert adverts
advertisement advertising ads ad adslot adunit sponsor sponsored banner popup popover modal overlay tags tagcloud taglist pagination pager paging masthead toolbar skiplink login signin outbrain
taboola trending popular mostread mostpopular teaser teasers cta byline author bio dateline
timestamp print rating ratings sronly visuallyhidden offscreen screenreader topbar
bottombar copyright legal disclaimer partner partners rail rightrail leftrail newsticker ticker
userinfo userdetails usertitle userstats userbanner memberinfo memberstats postprofile posterinfo
authorinfo signature reactions reactionsbar likes badges saboxplugin
""".split())

# Chrome words that condemn a whole subtree (its text is read only when nothing else is left).
_STRONG_NEG = frozenset("""
comment comments commentlist disqus respond replies related relatedposts recommended recommendations
recirc outbrain taboola newsletter newsletters cookie cookies consent gdpr sidebar sidebars footer
navbar nav navigation menu menus megamenu breadcrumb breadcrumbs share sharing sharebar social socials
sociallinks advert adverts advertisement advertising ads ad adslot adunit sponsor sponsored popup popover modal
mostread mostpopular trending signature
""".split())

_COMMENT_WORDS = frozenset("comment comments commentlist respond reply replies".split())

# On a product page: the buyers' reviews and questions, and the other products offered beside this
# one, are not the product's description (an article about a product may well be a "review").
_PRODUCT_NEG = frozenset("""
review reviews reviewlist productreviews customerreviews ugc qna questions answers upsell upsells
crosssell crosssells accessories
""".split())
_PRODUCT_STRONG = _STRONG_NEG | _PRODUCT_NEG

# On a page that declares no kind (a service's landing page, a listing) teasers are what the page offers: its
# sections and cards ("teaser-8bd8", "contentcard teaser"), not other pages' stories beside an article.
_UNDECLARED_TEXT = frozenset({"teaser", "teasers"})

# What marks a product page: og:type "product", or a schema.org Product in JSON-LD on a page that
# is not also declared an article, a review, a list or a business (they embed Products they talk about).
_LD_TYPE = re.compile(r'"@type"\s*:\s*\[?\s*"(?:https?://schema\.org/)?(\w+)"')
_NOT_PRODUCT = frozenset({"Article", "NewsArticle", "BlogPosting", "Review", "ItemList", "CollectionPage",
                          "LocalBusiness", "Service", "Course", "FAQPage", "QAPage"})
_ARTICLE = frozenset({"Article", "NewsArticle", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
                      "OpinionNewsArticle", "TechArticle", "ScholarlyArticle", "LiveBlogPosting"})


def page_kind(root) -> str:
    """'product' or 'article' when the page declares itself one (og:type, JSON-LD @type), else ''.
    Read before scripts are stripped."""
    og = ""
    for meta in root.iterfind(".//meta[@property='og:type']"):
        og = (meta.get("content") or "").strip().lower()
        break
    if og.startswith("product"):
        return "product"
    types: set[str] = set()
    for script in root.iterfind(".//script[@type='application/ld+json']"):
        if script.text and "@type" in script.text:
            types.update(_LD_TYPE.findall(script.text))
    if types & {"Product", "ProductGroup"} and not types & _NOT_PRODUCT:
        return "product"
    if og == "article" or types & _ARTICLE:
        return "article"
    return "product" if _buy_buttons(root) in (1, 2) else ""


# The control that buys the product a page is about; one or two of them (a sticky bar repeats it) on a
# page that declares no kind make it a product page (a shop's grid has one per product).
_BUY = re.compile(r"(?:add to (?:cart|bag|basket|trolley)|buy (?:it )?now)", re.I)
BUY_MAX_CHARS = 40


def _buy_buttons(root) -> int:
    """How many "Add to cart" / "Buy now" controls (buttons, links, submit inputs) the page holds."""
    n = 0
    for el in root.iter("button", "a", "input"):
        text = el.get("value") if el.tag == "input" else el.text_content()
        if text and len(text) <= BUY_MAX_CHARS and _BUY.fullmatch(" ".join(text.split())):
            n += 1
            if n > 2:
                break
    return n


# A price: "$12", "12 €", "99 kr" (a shop's tile or item; the block model's runs and the card series read it)
PRICE = re.compile(r"(?:[$\u20ac\u00a3\u00a5\u20b9]\s?\d|\d\s?(?:[$\u20ac\u00a3\u00a5\u20b9]|USD|EUR|kr|z\u0142)\b)")


# URL paths of forum threads and Q&A pages (generic forum software conventions).
FORUM_URL = re.compile(r"/(?:t|topic|topics|thread|threads|forum|forums|viewtopic|showthread|comments|discussion|"
                       r"discussions|questions|community|communities|board|boards)(?:[/.?-]|$)", re.I)


def forum_thread(url: str | None) -> bool:
    """Whether a page's URL is a forum thread's (FORUM_URL): its posts are the content."""
    return bool(url and FORUM_URL.search(url))


_WORDS_CACHE: dict[str, frozenset[str]] = {}

# Class/id words that mark the main text.
_POS_WORDS = frozenset("""
article articlebody content maincontent main post postbody postcontent entry entrycontent story
storybody body text prose markdown rte richtext blogpost blog itemprop articletext page pagecontent
""".split())

_STATE_PREFIX = frozenset({"has", "with", "without", "no", "is", "show", "hide", "enable", "disable",
                           "js", "layout"})
_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def _token_words(token: str) -> frozenset[str]:
    """Words of one class/id token: 'post-body' gives post, body and postbody; state tokens give none."""
    words = _WORDS_CACHE.get(token)
    if words is None:
        if "[" in token or ":" in token:  # utility-CSS variants ("[&_figcaption]:text-sm") name no role
            return frozenset()
        parts = [p for p in _SPLIT.split(_CAMEL.sub("-", token).lower()) if p]
        if parts and parts[0] in _STATE_PREFIX:
            words = frozenset()  # "has-sidebar", "no-comments", "is-sticky": page state, not the element
        else:
            words = frozenset(parts + ["".join(parts)] if 1 < len(parts) <= 3 else parts)
            if not token.islower():  # camelCase: a chrome word may only qualify the name
                words -= _camel_modifiers(token)
        if len(_WORDS_CACHE) < 50000:
            _WORDS_CACHE[token] = words
    return words


def _camel_modifiers(token: str) -> frozenset[str]:
    """Chrome words that only qualify the head of a camelCase name ("navSource", "nestedNavCardGrid": a
    section the in-page menu points to, a grid of cards), unless what follows is a generic part
    ("headerMenuWrapper", "relatedContent": the menu's wrapper, related content). Not in a PascalCase
    component's name ("PromoSmall": the component is a promo); never a box over the page ("cookieClose")."""
    mods: set[str] = set()
    heads: set[str] = set()
    for run in _SPLIT_CASE.split(token):
        words = _CAMEL.sub("-", run).lower().split("-")
        heads.add(words[-1])
        if run[:1].islower():
            mods.update(w for w, nxt in zip(words, words[1:])
                        if w in _NEG_WORDS and w not in _BOX_WORDS and nxt not in _PART_WORDS)
    return frozenset(mods - heads)


_SPLIT_CASE = re.compile(r"[^A-Za-z0-9]+")
# Generic parts of a layout, and the text's own words: after a chrome word they name a part of that chrome,
# not a new role
_PART_WORDS = _POS_WORDS | frozenset("""
wrapper wrap wrp container cont inner outer box list lists item items link links section sec area block
holder panel contents title heading head header label icon button btn group row col column slider
""".split())


def class_words(el) -> set[str]:
    """The words of an element's class and id, lower-cased."""
    words: set[str] = set()
    for token in f"{el.get('class') or ''} {el.get('id') or ''}".split():
        words |= _token_words(token)
    return words


_CONSENT_WORDS = frozenset("cookie cookies consent gdpr".split())


def consent_box(el) -> bool:
    """Whether an element's class/id names a cookie consent box ("onetrust-consent-sdk", "cookie-banner").
    Not the page's <body>: its classes are the site's feature flags ("use-consent-management-enabled")."""
    return el.tag not in ("body", "html") and bool(class_words(el) & _CONSENT_WORDS)


_DIALOG_WORDS = frozenset("modal modals popup popups popover overlay lightbox dialog".split())
# a box over the page, whose chrome word counts even as a camelCase modifier ("cookieClose", "modalBody")
_BOX_WORDS = _CONSENT_WORDS | _DIALOG_WORDS


def dialog_box(el) -> bool:
    """Whether an element's class/id names a box the page opens over itself (a modal, a popup, an overlay):
    whatever it holds (a republishing form's copy of the article, a comparison chart) is not shown in the page."""
    return bool(class_words(el) & _DIALOG_WORDS)


def class_signal(el, forum: bool = False, product: bool = False, undeclared: bool = False) -> int:
    """+1 content-like class/id; -1 chrome-like; -2 surely chrome (nav/aside/footer tag, comments...).

    On a forum thread the posts are what the reader came for, so comment words do not count; on a
    product page buyer reviews, Q&A and upsells are chrome; on a page that declares no kind (`undeclared`)
    teasers are its own sections."""
    tag = el.tag
    if tag in CHROME_TAGS:
        return -2
    if tag == "main":
        return 1
    role = el.get("role")
    cls, ident, itemprop = el.get("class"), el.get("id"), el.get("itemprop")
    if not (role or cls or ident or itemprop):
        return 0
    key = (role, cls, ident, forum, itemprop, product, undeclared)
    sig = _SIGNAL_CACHE.get(key)
    if sig is None:
        sig = attr_signal(role, f"{cls or ''} {ident or ''}", forum, itemprop, product, undeclared)
        if len(_SIGNAL_CACHE) < 50000:
            _SIGNAL_CACHE[key] = sig
    return sig


_SIGNAL_CACHE: dict[tuple, int] = {}


def attr_signal(role: str | None, raw: str, forum: bool, itemprop: str | None, product: bool = False,
                undeclared: bool = False) -> int:
    """class_signal from the role, class/id text and itemprop (cached by the caller)."""
    if role:
        role = role.lower()
        if role in ("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu"):
            return -2
        if role in ("main", "article"):
            return 1
    if not raw.strip():
        return 0
    pos = neg = strong = False
    for token in raw.split():
        words = _token_words(token)
        if not words:
            continue
        t_pos, t_neg = bool(words & _POS_WORDS), words & _NEG_WORDS
        if forum and t_neg:
            t_neg = t_neg - _COMMENT_WORDS
        if product:
            t_neg = t_neg | (words & _PRODUCT_NEG)
        elif undeclared:
            t_neg = t_neg - _UNDECLARED_TEXT
        if t_pos and t_neg and "__" in token:
            t_pos = _bem_element_pos(token)
        if t_neg:
            neg = True
            # "comments-area" is surely chrome; "article-footer", "content-nav-section" only maybe
            strong = strong or (bool(t_neg & (_PRODUCT_STRONG if product else _STRONG_NEG)) and not t_pos)
        elif t_pos:
            pos = True
    if neg:
        # "content-area newspaper-sidebar-right": a content token next to a chrome one is a layout hint
        return -2 if strong and not pos else -1
    if pos or itemprop == "articleBody":
        return 1
    return 0


def _bem_element_pos(token: str) -> bool:
    """Whether a BEM token's content word names the element itself rather than its block: in
    "ipsEntry__signature" or "post__comments" the element is the signature or the comments of an entry or
    a post (chrome), while "sidebar__content" is the content part of a sidebar (left to its ancestors)."""
    return bool(_token_words(token.rsplit("__", 1)[1]) & _POS_WORDS)


# Landmarks that mark chrome at page level but, inside the page's <main>, hold part of the content:
# a product description in an <aside> drawer, a role="dialog" sheet, an article's side box.
_SOFT_IN_MAIN_ROLES = frozenset({"dialog", "complementary"})


def soft_in_main(el) -> bool:
    """Whether this element's sure-chrome signal comes only from its tag/role (aside, dialog), which
    inside <main> makes it weak chrome rather than sure chrome."""
    role = (el.get("role") or "").lower()
    if el.tag != "aside" and role not in _SOFT_IN_MAIN_ROLES:
        return False
    # ...but an <aside class="sidebar"> is chrome by its own words too
    return attr_signal(None, f"{el.get('class') or ''} {el.get('id') or ''}", False, None) >= -1


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


_STREAMED = re.compile(r"S:[0-9a-f]+$")


def is_hidden(el) -> bool:
    """Whether the page hides this element from readers (hidden attribute, inline style); aria-hidden text is still on screen."""
    if el.get("hidden") is not None:
        # React's streamed server rendering parks each finished part in <div hidden id="S:1"> for a
        # script to move into place: page content, not hidden text
        return not (el.tag == "div" and _STREAMED.match(el.get("id") or ""))
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))
