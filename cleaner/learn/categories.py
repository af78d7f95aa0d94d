"""Guess the category of a learned block from its words (and, for HTML, its element's class/id)."""
from __future__ import annotations

import re

# Checked in order: the first category whose cue matches wins. Cues are generic web vocabulary,
# never names of particular sites.
_CUES: list[tuple[str, str]] = [
    ("cookie", r"\bcookies?\b|\bconsent\b|privacy (?:settings|preferences|choices)|do not sell"),
    ("comment_prompt", r"\bcomments?\b|\bcommenting\b|\bdiscussion\b|\bconversations?\b|\brepl(?:y|ies)\b"),
    ("login_notice", r"\blog ?(?:in|out)\b|\bsign ?(?:in|out)\b|\bregister(?:ing|ed)?\b|\bpassword\b|"
                     r"\bmy account\b|\bcreate (?:an|a free) account\b|\blogged\b"),
    ("newsletter", r"\bnewsletters?\b|\bsubscribe\b|\bsign ?up\b|\binbox\b|\bemail address\b"),
    ("paywall_notice", r"\bsubscribers?\b|\bsubscription\b|\bpremium\b|\bfree articles?\b|\bunlock\b"),
    ("share", r"^(?:share|tweet|email|print|copy link|facebook|twitter|linkedin|whatsapp|pinterest|reddit)\b|"
              r"\bshare (?:this|on|via)\b"),
    ("social", r"\bfollow us\b|\binstagram\b|\byoutube\b|\btiktok\b|\bfacebook\b|\btwitter\b"),
    ("ad", r"^(?:advertisement|advertising|sponsored|ad)\b|\bsponsored\b"),
    ("related", r"\brelated\b|\bread (?:more|next)\b|\byou (?:may|might) also like\b|\brecommended\b|"
                r"\bmost (?:popular|read|viewed)\b|\bsee also\b|\bmore (?:from|stories|articles)\b"),
    ("legal", r"\bdisclaimer\b|\baffiliate\b|\bearn (?:a )?commission\b|\bterms (?:of|and)\b|"
              r"\bprivacy policy\b|\bcopyright\b|\ball rights reserved\b|©"),
    ("promo", r"\bdownload (?:the|our) app\b|\bget the app\b|\bfree shipping\b|\b\d+% off\b|\bgift cards?\b"),
    ("navigation", r"^(?:home|menu|search|skip to (?:main )?content|back to top|next|previous|more|close|"
                   r"main navigation|toggle navigation|open menu|categories|topics|sections)$|[›»>/|]"),
    ("footer", r"\bcontact us\b|\babout us\b|\bcareers\b|\bsitemap\b|\baccessibility\b|\bhelp cent(?:er|re)\b"),
]
_COMPILED = [(cat, re.compile(rx, re.I)) for cat, rx in _CUES]

_CLASS_CUES: list[tuple[str, str]] = [
    ("cookie", r"cookie|consent|gdpr"), ("newsletter", r"newsletter|subscribe|signup"),
    ("comment_prompt", r"comment"), ("share", r"share|sharing"), ("social", r"social|follow"),
    ("related", r"related|recommend|more-stories|trending|popular"), ("ad", r"\bads?\b|advert|sponsor|promo"),
    ("navigation", r"nav|menu|breadcrumb|header|masthead|topbar|sidebar|toolbar"),
    ("footer", r"footer|colophon|copyright|legal"),
]
_CLASS_COMPILED = [(cat, re.compile(rx, re.I)) for cat, rx in _CLASS_CUES]


def guess(text: str, *, position: str | None = None, attrs: str = "") -> str:
    """A category for a block: word cues, then class/id cues, then where it sits on the pages.

    position: "top" (before the article), "bottom" (after it) or None.
    """
    stripped = " ".join(text.split())
    for cat, rx in _COMPILED:
        if rx.search(stripped):
            return cat
    for cat, rx in _CLASS_COMPILED:
        if attrs and rx.search(attrs):
            return cat
    words = len(stripped.split())
    if position == "top":
        return "navigation" if words <= 6 else "header"
    if position == "bottom":
        return "footer"
    return "navigation" if words <= 4 else "boilerplate"


def guess_attrs(attrs: str) -> str | None:
    """A category from an element's tag, id and classes alone (e.g. footer.site-footer), or None."""
    for cat, rx in _CLASS_COMPILED:
        if rx.search(attrs):
            return cat
    if attrs.split(".")[0].split("#")[0] in ("nav", "header", "aside"):
        return "navigation"
    if attrs.startswith("footer"):
        return "footer"
    return None
