"""Generic signals read from HTML elements: tag roles and class/id words that hint at boilerplate."""
from __future__ import annotations

import re

# Elements that never hold article text (removed before scoring).
JUNK_TAGS = frozenset({
    "script", "style", "noscript", "template", "svg", "iframe", "object", "embed", "canvas", "video",
    "audio", "select", "option", "button", "input", "textarea", "link", "meta", "head", "map", "dialog",
    "math",
})

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

# Words in class/id that mark page chrome; matched as whole words of the class/id string.
_NEG_WORDS = frozenset("""
comment comments commentlist disqus respond reply replies share sharing sharebar social socials
sociallinks related relatedposts recommended recommendations recirc footer foot navbar nav navigation
menu menus submenu megamenu sidebar sidebars aside breadcrumb breadcrumbs crumbs cookie cookies consent
gdpr newsletter newsletters subscribe subscription signup promo promos promotion advert adverts
advertisement advertising ads ad adslot adunit sponsor sponsored banner popup modal overlay tags tagcloud taglist pagination pager paging masthead toolbar skip login signin outbrain
taboola trending popular mostread mostpopular teaser teasers cta byline author bio dateline
timestamp print rating ratings jump sronly visuallyhidden offscreen screenreader topbar
bottombar copyright legal disclaimer partner partners rail rightrail leftrail newsticker ticker
""".split())

# Class/id words that mark the main text.
_POS_WORDS = frozenset("""
article articlebody content maincontent main post postbody postcontent entry entrycontent story
storybody body text prose markdown rte richtext blogpost blog itemprop articletext page pagecontent
""".split())

_STATE_PREFIX = frozenset({"has", "with", "without", "no", "is", "show", "hide", "enable", "disable",
                           "js", "layout"})
_SPLIT = re.compile(r"[^a-z0-9]+")
_CAMEL = re.compile(r"(?<=[a-z])(?=[A-Z])")


def class_words(el) -> set[str]:
    """The words of an element's class and id, lower-cased; 'post-body' gives post, body and postbody."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    if not raw.strip():
        return set()
    words: set[str] = set()
    for token in raw.split():
        parts = [p for p in _SPLIT.split(_CAMEL.sub("-", token).lower()) if p]
        if parts and parts[0] in _STATE_PREFIX:
            continue  # "has-sidebar", "no-comments", "is-sticky": page state, not what the element is
        words.update(parts)
        if 1 < len(parts) <= 3:
            words.add("".join(parts))
    return words


def class_signal(el) -> int:
    """+1 for a content-like class/id, -1 for a chrome-like one (or a chrome tag), 0 otherwise."""
    if el.tag in CHROME_TAGS:
        return -1
    if el.tag == "main":
        return 1
    role = (el.get("role") or "").lower()
    if role in ("navigation", "banner", "contentinfo", "complementary", "search", "dialog", "menu"):
        return -1
    if role in ("main", "article"):
        return 1
    words = class_words(el)
    if not words:
        return 0
    if words & _NEG_WORDS:
        # "article-footer", "post-comments": the chrome word wins inside a content word
        return -1
    if words & _POS_WORDS or el.get("itemprop") == "articleBody":
        return 1
    return 0


_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def is_hidden(el) -> bool:
    """Whether the page hides this element from readers (hidden attribute, inline style, aria-hidden)."""
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    return bool(style and _HIDDEN_STYLE.search(style))
