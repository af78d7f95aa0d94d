"""HTML pages: elements (by tag, id and class) whose text repeats across a site's pages -> strip selectors."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

from .categories import guess, guess_attrs
from .learner import Guards, SiteLearner
from .normalize import block_hash, normalize
from .observe import is_prose
from .pages import Page
from .propose import SelectorRule

MAX_SELECTORS = 25
_SKIP = {"html", "head", "body", "main", "article", "script", "style", "noscript", "template", "svg", "path",
         "meta", "link", "title", "br", "img", "picture", "source", "iframe", "form", "input", "button"}
_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]{0,39}$")
# Classes that change from page to page or build to build (state, generated CSS-in-JS names).
_UNSTABLE = re.compile(r"\d{2,}|^(?:css|sc|jsx|svelte|emotion)-|active|current|selected|open|is-|has-|"
                       r"hidden|visible|^[A-Za-z]{1,2}$")


def text_of(el) -> str:
    """An element's text with a space between its pieces (menus have no spaces between their items)."""
    try:
        return " ".join(" ".join(el.itertext()).split())
    except (ValueError, TypeError):
        return ""


def _generated(name: str) -> bool:
    """Build-generated names (CSS modules, CSS-in-JS: "p9iYaVVWXgNZGQ1XqDx9") change with every deploy."""
    for part in re.split(r"[-_]+", name):
        upper, digits = sum(c.isupper() for c in part), sum(c.isdigit() for c in part)
        if len(part) >= 5 and upper >= 2 and upper + digits >= 3:
            return True
    return False


def _stable(name: str) -> bool:
    return bool(_IDENT.match(name)) and not _UNSTABLE.search(name) and not _generated(name)


def signature(el) -> str | None:
    """A CSS selector for an element that stays the same across a site's pages, or None."""
    tag = el.tag if isinstance(el.tag, str) else ""
    if not tag or tag.lower() in _SKIP or not _IDENT.match(tag):
        return None
    ident = (el.get("id") or "").strip()
    if ident and _stable(ident):
        return f"{tag.lower()}#{ident}"
    classes = sorted({c for c in (el.get("class") or "").split() if _stable(c)})[:3]
    return tag.lower() + "".join("." + c for c in classes) if classes else None


@dataclass
class _Sig:
    pages: int = 0
    texts: Counter = field(default_factory=Counter)   # hash of all matched text on a page -> pages
    max_frac: float = 0.0
    has_article: bool = False  # matched an element holding a page's own article sentence
    chars: int = 0
    sample: str = ""
    elements: list = field(default_factory=list)


def _page_elements(page: Page) -> tuple[dict[str, list], int]:
    found: dict[str, list] = {}
    for el in page.root.iter():
        sig = signature(el)
        if sig:
            found.setdefault(sig, []).append(el)
    body = page.root.find("body")
    return found, len(text_of(body if body is not None else page.root)) or 1


def learn_selectors(pages: list[Page], guards: Guards, learner: SiteLearner) -> list[SelectorRule]:
    """Selectors whose elements carry the same text on enough pages and never the article."""
    per_page = [(_page_elements(p), p) for p in pages]
    needed = guards.needed(len(pages))
    sigs: dict[str, _Sig] = {}
    for (found, total), page in per_page:
        article = [normalize(ln) for ln in page.lines if is_prose(ln)
                   and learner.stats.get(block_hash(ln)) is not None and learner.stats[block_hash(ln)].pages == 1]
        for sig, els in found.items():
            texts = [text_of(el) for el in els]
            s = sigs.setdefault(sig, _Sig())
            s.pages += 1
            joined = " ".join(texts)
            s.texts[block_hash(joined)] += 1
            s.max_frac = max(s.max_frac, len(joined) / total)
            s.chars += len(joined)
            s.sample = s.sample or joined
            s.elements += els
            if article and not s.has_article:
                norm = normalize(joined)
                s.has_article = any(a in norm for a in article)
    # a template element carries the very same text on most pages where it occurs (a menu, a footer);
    # product cards or teasers share some items between pages but not the whole group
    chosen = {sig: s for sig, s in sigs.items()
              if s.pages >= needed and max(s.texts.values()) >= max(needed, 0.6 * s.pages) and not s.has_article
              and s.max_frac <= guards.max_frac and len(normalize(s.sample).split()) >= 2}
    # an element inside another chosen element adds nothing: keep the outermost selectors
    chosen_els = {id(el) for s in chosen.values() for el in s.elements}
    out = []
    for sig, s in sorted(chosen.items(), key=lambda kv: -kv[1].chars):
        if all(any(id(a) in chosen_els for a in el.iterancestors()) for el in s.elements):
            continue
        cat = guess_attrs(sig) or guess(s.sample)
        out.append(SelectorRule(selector=sig, category=cat, pages=s.pages, sample=s.sample))
    return out[:MAX_SELECTORS]
