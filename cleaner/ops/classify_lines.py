"""classify_lines: in a whole page's scraped text, keep the article lines and drop the rest.

A small model (cleaner/textpath/model.json, trained by scripts/train_text_model.py) scores each
line from its shape, its neighbours and anchors (title, first and last prose paragraph). Text that
already reads as an article (mostly prose) is left alone, so clean article texts keep every line; so
is text the page gate (cleaner/textpath/gate.py) takes for text already cut down to its content.
"""
from __future__ import annotations

import numpy as np

from ..textpath import features, gate, line_inputs
from ..textpath.model import load
from . import _page_header as page_header

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
    "expected_f1": {"type": "number", "minimum": 0, "maximum": 1, "default": 0,
                    "description": "weight of the page's own cut in the threshold: the score above which "
                                   "kept lines give the highest expected word F1 when each line's score is "
                                   "read as its probability of being article (1: that cut alone; 0: the "
                                   "fixed thresholds above)"},
    "above_byline": {"type": "boolean", "default": False,
                     "description": "when the page's byline (author or date line) sits above every kept prose "
                                    "line, the short lines kept above it go too (teasers, a page-title line): "
                                    "the article starts at its byline"},
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


def line_patterns(rule) -> list:
    """The byline pattern _page_header scans the lines with (plan.Prefilter finds its lines with the others)."""
    return [page_header.MARKED_SCAN]


def prepare(options: dict):
    """Load the line model and the page gate once (also checks that the files exist and match the features),
    and ready the compiled feature loops: loading the rules is set-up, a document's time budget is not."""
    compiled = load(options["model"]), gate.load(options["gate"])
    features.warm()
    return compiled


def article_like(units, share: float, max_short: int) -> bool:
    """True when prose paragraphs carry most of the text and short lines are few: nothing page-like to strip."""
    short = total = prose = 0
    for u in units:  # a whole page has its max_short short lines within its first screen: stop there
        text = u.text
        n = len(text)
        total += n
        if n < _PROSE_MIN:
            short += 1
            if short > max_short:
                return False
        elif text.rstrip()[-1:] in ".!?\"'\u201d\u2019":
            prose += n
    return prose / (total or 1) >= share


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
    rows, lex = features.line_rows_lex(lines, indents, paras, doc.url, model.lexicon)
    gate_at = page_gate.threshold if o["gate_threshold"] is None else o["gate_threshold"]
    if page_gate.page_probability(rows) < gate_at:
        return  # no menus, footers or teasers around it: text already cut down to its content
    p = model.scores_from_x(model.inputs(rows, lex))
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
    if o["expected_f1"] > 0:
        thr = o["expected_f1"] * expected_f1_cut(p, np.expm1(rows[:, 1])) + (1 - o["expected_f1"]) * thr
    kept = np.flatnonzero(p >= thr)
    if not len(kept):  # never empty a page on the model's word: the engine reports what is left
        return
    first, last = int(kept[0]), int(kept[-1])
    kept_prose = (prose > 0) & (p >= thr)
    header = page_header.read(doc, rows, kept_prose, first, last)  # title, author, date and their lines
    taken = {id(u) for u, _ in header}
    drop = p < thr
    above: set[int] = set()
    if o["above_byline"]:
        above = _above_byline(units, header, kept, kept_prose, prose)
        drop[list(above)] = True
    if any(units[i].keep and id(units[i]) not in taken for i in kept.tolist() if i not in above):
        for u, reason in header:
            doc.drop(u, rule, category="header", reason=reason)
    # else the headline and byline are all the model kept: they stay as the text (and as metadata)
    legal = (rows[:, features.RAW.index("legal")] > 0).tolist()
    doc.drop_many(((units[i], *(_NAV if i in above else _why(units[i].text, i, first, last, legal[i])))
                   for i in np.flatnonzero(drop).tolist()
                   if units[i].keep), rule)


def _above_byline(units, header, kept, kept_prose, prose) -> set[int]:
    """Kept lines above the page's first byline line that are neither prose nor the headline, when no kept
    prose is above that line."""
    byline = {id(u) for u, reason in header if reason != "model:title"}
    if not byline:
        return set()
    body = np.flatnonzero(kept_prose)
    end = int(body[0]) if len(body) else len(units)  # only a byline above the first kept prose line counts
    b = next((i for i in range(end) if id(units[i]) in byline), None)
    if b is None:
        return set()
    taken = {id(u) for u, _ in header}
    return {i for i in kept[kept < b].tolist() if not prose[i] and id(units[i]) not in taken}


def expected_f1_cut(p: np.ndarray, words: np.ndarray) -> float:
    """The score t for which keeping the lines scoring >= t maximises the page's expected word F1,
    2 * sum(kept w p) / (sum(kept w) + sum(all w p)), w the lines' word counts and p their scores read as
    probabilities: a page picks its own cut (a list page whose items all score 0.3 keeps them, an
    article page drops teasers scoring 0.5) instead of one threshold for every page."""
    w = words.astype(np.float64) + 1e-3  # a line without words still counts a little: ties stay ordered
    q = p.astype(np.float64)
    order = np.argsort(-q, kind="stable")
    f1 = 2 * np.cumsum(w[order] * q[order]) / (np.cumsum(w[order]) + (w * q).sum())
    return float(p[order[int(np.argmax(f1))]])


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
