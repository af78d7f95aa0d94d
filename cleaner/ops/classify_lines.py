"""classify_lines: in a whole page's scraped text, keep the article lines and drop the rest.

A small model (cleaner/textpath/model.json, trained by scripts/train_text_model.py) scores each
line from its shape, its neighbours and anchors (title, first and last prose paragraph). Text that
already reads as an article (mostly prose) is left alone, so clean article texts keep every line; so
is text the page gate (cleaner/textpath/gate.py) takes for text already cut down to its content.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import numpy as np

from ..textpath import features, gate, line_inputs
from ._text import norm
from .text_header import NAME_LINE, read_byline
from ..textpath.model import load

ID = "classify_lines"
STAGE = "final"
MODES = ("text",)
CATEGORY = "boilerplate"
OPTIONS = {
    "model": {"type": ["string", "null"], "default": None,
              "description": "path of a model file; default: the one shipped in the package"},
    "threshold": {"type": ["number", "null"], "minimum": 0, "maximum": 1, "default": None,
                  "description": "keep lines scoring at least this; default: the model's own"},
    "article_like": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.8,
                     "description": "leave the text alone when at least this share of its characters "
                                    "is in prose paragraphs (it is an article already)..."},
    "article_max_short": {"type": "integer", "minimum": 0, "default": 15,
                          "description": "...and it has at most this many short lines (under 80 characters): "
                                         "a page whose reviews or comments are prose still has its menus"},
    "article_threshold": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.55,
                          "description": "stricter threshold used when the kept lines are mostly prose "
                                         "(an article page: teasers and comments around it should go)"},
    "article_share": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.6,
                      "description": "share of prose characters among the kept lines that makes a page "
                                     "an article page"},
    "min_kept_share": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.1,
                       "description": "when the model keeps less than this share of the page's characters, "
                                      "its threshold is lowered by low_factor: the content of a list or "
                                      "product page is short lines that all score low"},
    "low_factor": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5,
                   "description": "factor applied to the threshold in that case"},
    "gate": {"type": ["string", "null"], "default": None,
             "description": "path of a page-gate file; default: the one shipped in the package"},
    "gate_threshold": {"type": ["number", "null"], "minimum": 0, "maximum": 1, "default": None,
                       "description": "leave the text alone when the gate's probability that it is a whole "
                                      "page's scrape is below this (text already cut down to its content); "
                                      "default: the gate's own; 0 switches the gate off"},
    "max_lines": {"type": "integer", "minimum": 1, "default": 50000,
                  "description": "texts with more lines are left alone, with a warning (bounded memory)"},
    "min_lines": {"type": "integer", "minimum": 1, "default": 12,
                  "description": "texts with fewer lines are left alone"},
}
REQUIRED = ()

_PROSE_MIN = 80


def prepare(options: dict):
    """Load the line model and the page gate once (also checks that the files exist and match the features),
    and ready the compiled feature loops: loading the rules is set-up, a document's time budget is not."""
    compiled = load(options["model"]), gate.load(options["gate"])
    features.warm()
    return compiled


def article_like(units, share: float, max_short: int) -> bool:
    """True when prose paragraphs carry most of the text and short lines are few: nothing page-like to strip."""
    short = 0
    for u in units:  # a whole page has its max_short short lines within its first screen: stop there
        if len(u.text) < _PROSE_MIN:
            short += 1
            if short > max_short:
                return False
    total = sum(len(u.text) for u in units) or 1
    prose = sum(len(u.text) for u in units if len(u.text) >= _PROSE_MIN and u.text.rstrip()[-1:] in ".!?\"'\u201d\u2019")
    return prose / total >= share


def apply(doc, rule) -> None:
    """Score every line of the page; drop the live ones the model calls boilerplate, with a reason."""
    o = rule.options
    units = doc.units
    if len(units) < o["min_lines"] or article_like(units, o["article_like"], o["article_max_short"]):
        return
    if len(units) > o["max_lines"]:  # the feature matrix grows with the lines: keep memory bounded
        doc.warnings.append(f"{rule.qid}: {len(units)} lines is more than the line model takes "
                            f"({o['max_lines']}); whole-page boilerplate was not removed")
        return
    model, page_gate = rule.compiled
    lines, indents, paras = line_inputs(doc)
    rows = features.line_rows(lines, indents, paras, doc.url)
    gate_at = page_gate.threshold if o["gate_threshold"] is None else o["gate_threshold"]
    if page_gate.page_probability(rows) < gate_at:
        return  # no menus, footers or teasers around it: text already cut down to its content
    p = model.scores_from_x(features.context(rows))
    base = o["threshold"] if o["threshold"] is not None else model.threshold
    chars = np.expm1(rows[:, 0])
    prose = rows[:, features.RAW.index("long_prose")]
    keep = p >= base
    thr = base
    if (chars * keep * prose).sum() >= o["article_share"] * (chars * keep).sum():
        thr = max(base, o["article_threshold"])
        keep = p >= thr
    if (chars * keep).sum() < o["min_kept_share"] * chars.sum() and (p >= base * o["low_factor"]).any():
        thr = base * o["low_factor"]
    kept = np.flatnonzero(p >= thr)
    if not len(kept):  # never empty a page on the model's word: the engine reports what is left
        return
    first, last = int(kept[0]), int(kept[-1])
    kept_prose = (prose > 0) & (p >= thr)
    t = features.title_anchor(rows)
    if t is None:  # prose above the article (a banner, a blurb in the menu): look above its first kept prose
        live = np.fromiter((u.keep for u in units), bool, len(units))  # earlier rules may have dropped some
        t = features.title_anchor(rows, prose=kept_prose & live)
    if t is not None and not _anchored(rows, t, units[0].text):
        t = None
    titled = page_title(units)
    if titled:
        doc.meta.setdefault("title", titled)
    header: list[tuple] = []  # (unit, reason): headline and byline lines, metadata rather than body text
    if t is not None and units[t].keep:
        doc.meta.setdefault("title", headline(units[t].text, doc.url))
        header = [(units[t], "model:title"), *_byline(doc.meta, units[max(0, t - 3):t] + units[t + 1:t + 9])]
        if "author" not in doc.meta:
            name = _name_beside_date(units, t)
            if name is not None:
                doc.meta["author"] = units[name].text.strip()
                header.append((units[name], "model:author"))
    if "author" not in doc.meta or "date" not in doc.meta:
        # no headline found (no <title> line, a slug without words), or no byline around the one found (the
        # <title>'s copy in a menu, a related link): the byline sits above the article
        body = np.flatnonzero(kept_prose)
        if len(body):
            taken = {id(u) for u, _ in header}
            header += [h for h in _byline(doc.meta, units[max(0, int(body[0]) - 6):int(body[0])])
                       if id(h[0]) not in taken]
    if "date" not in doc.meta:  # "Published March 3, 2025" / "Last updated: ..." further down the article
        doc.meta.update(_stamp(units[first:last + 1]))
    taken = {id(u) for u, _ in header}
    if any(units[i].keep and id(units[i]) not in taken for i in kept.tolist()):
        for u, reason in header:
            doc.drop(u, rule, category="header", reason=reason)
    # else the headline and byline are all the model kept: they stay as the text (and as metadata)
    legal = (rows[:, features.RAW.index("legal")] > 0).tolist()
    doc.drop_many(((units[i], *_why(units[i].text, i, first, last, legal[i]))
                   for i in np.flatnonzero(p < thr).tolist()
                   if units[i].keep), rule)


def _anchored(rows, t: int, first_line: str) -> bool:
    """Whether the headline's match is to trust: the URL slug, or a first line that can be a page title.

    A menu item first (inscriptis has no <title> line: 'Login', 'Skip to content') makes every line
    repeating its one or two words look like the headline."""
    if rows[t, features.RAW.index("slug")] >= 0.5:
        return True
    return len(features.line_words(first_line)) >= 3


# list marks ('o' is inscriptis' third-level bullet) and section numbers ('4.', '9.2.', '3.1')
_LIST_MARK = re.compile(r"^(?:[*+o\-\u2022\u25aa\u25cf\u2023]|\d{1,2}(?:\.\d{1,2})*[.)]|\d{1,2}(?:\.\d{1,2})+)\s+")
_PERMALINK = re.compile(r"\s*[\u00b6#\u00a7]$")  # a heading's anchor link (Sphinx prints \u00b6)
_CRUMB = re.compile(r"\s+[\u203a\u00bb>]\s+")
_SLASHES = re.compile(r"\s+/\s+")
_SITE_SUFFIX = re.compile(r"\s+[|\u2013\u2014-]\s+([^|\u2013\u2014]{2,40})$")


def headline(line: str, url: str | None = None) -> str:
    """The headline in its line: without a list mark or section number ('* ', '9.2. ', '3.1 '), an anchor
    mark after it ('\u00b6'), the breadcrumb trail before it ('Home > News > ...', 'A / B / ...'), or the
    site's name after it ('... | Example')."""
    text = _PERMALINK.sub("", _LIST_MARK.sub("", line, count=1))
    crumbs = _CRUMB.split(text)
    if len(crumbs) < 2:
        crumbs = _SLASHES.split(text)
        crumbs = crumbs if len(crumbs) >= 3 else [text]
    if len(crumbs) > 1 and crumbs[-1].strip():  # 'Home > News >' ends in no headline
        text = crumbs[-1]
    suffix = _SITE_SUFFIX.search(text)
    if suffix and _names_site(suffix.group(1), url):
        text = text[:suffix.start()]
    return text.strip() or line


# A page title's site part: " | Example", " - Example News" (html-text prints the <title> as the first line)
_TITLE_SUFFIX = re.compile(r"\s+[|\u2013\u2014\-:\u00b7\u2022]\s+[^|\u2013\u2014]{2,40}$")


def page_title(units) -> str | None:
    """The first line's headline part when that line reads like a page title ("Headline | Site") and the
    page repeats the part as a line of its own (its headline): how the page names itself. A first line
    that is a menu item or the site's name has no such part, or no repeat."""
    first = units[0].text if units else ""
    head = _TITLE_SUFFIX.sub("", first)
    if head == first:
        return None
    key, size = norm(head).strip(_EDGES), len(head)
    for u in units[1:]:
        if abs(len(u.text) - size) <= 4 + size // 8 and norm(u.text).strip(_EDGES) == key:
            return head
    return None


_EDGES = " .:|-"
_STAMPED = re.compile(r"^\s*(?:published|updated|posted|last updated|last modified|page last modified|modified|date)\b", re.I)


def _names_site(name: str, url: str | None) -> bool:
    """True when the words of `name` spell the URL's host name ('Data Versity' ~ www.dataversity.net)."""
    try:
        host = (urlsplit(url).hostname or "") if url else ""
    except ValueError:  # a malformed URL names no site
        return False
    squashed = re.sub(r"[\W_]+", "", name.lower())
    return len(squashed) >= 3 and any(squashed == label for label in host.split(".")[:-1])


def _name_beside_date(units, t: int) -> int | None:
    """A line that is only a name ('Ann Lee': two to four capitalised words) just below the headline, or
    above it, next to a date line: a byline printed on two lines. Without the date beside it, a name-like
    line there is as often a section label ('Related Posts') or a brand."""
    for k in (t + 1, t + 2, t - 1):
        if not 0 <= k < len(units) or not units[k].keep:
            continue
        text = units[k].text.strip()
        if len(text) > 40 or not 2 <= len(text.split()) <= 4 or not NAME_LINE.match(text):
            continue
        for j in (k - 1, k + 1):
            if j != t and 0 <= j < len(units) and (read_byline(units[j].text) or (None, None))[1]:
                return k
    return None


def _stamp(units) -> dict:
    """{'date': ...} from the first line that says when the text was published or updated, if any."""
    for u in units:
        if len(u.text) <= 80 and _STAMPED.match(u.text):
            found = read_byline(u.text)
            if found and found[1]:
                return {"date": found[1]}
    return {}


def _byline(meta: dict, around: list) -> list[tuple]:
    """Author and date from byline and date lines around the headline (a few above, more below) into
    meta; the (line, reason) pairs they came from."""
    out = []
    for u in around:
        if "author" in meta and "date" in meta:
            break
        found = read_byline(u.text) if u.keep else None
        if found is None:
            continue
        took = [field for field, value in zip(("author", "date"), found) if value and field not in meta]
        for field in took:
            meta[field] = found[0] if field == "author" else found[1]
        if took:
            out.append((u, "model:" + "+".join(took)))
    return out


def _why(text: str, i: int, first: int, last: int, legal: bool) -> tuple[str, str]:
    """A readable reason for a dropped line, from where it sits and what it looks like (`legal`: the line
    has a legal marker at all, which every copyright notice has: the others skip the string checks)."""
    if legal:
        if "\u00a9" in text:
            return _FOOTER
        low = text.lower()
        if "copyright" in low or "all rights reserved" in low:
            return _FOOTER
    if i < first:
        return _NAV
    if i > last:
        words = text.split()
        if 4 <= len(words) <= 20 and not text.rstrip().endswith((".", "!", "?", ":")):
            return _TEASER
        return _FOOTER
    if len(text) < 40 and not text.rstrip().endswith((".", "!", "?")):
        return _SHORT
    return _TEASER


_FOOTER, _NAV = ("footer", "model:footer-like"), ("navigation", "model:nav-like")
_TEASER, _SHORT = ("related", "model:teaser-like"), ("boilerplate", "model:short-line")
