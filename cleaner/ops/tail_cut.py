"""tail_cut: in whole-page text, a 'Related' / 'More News' / 'Comments' heading after the article drops itself and what follows.

The HTML path does this on the extracted body (cleaner/htmlpath/trim.py); plain text has no markup,
so the heading must (1) sit after the article body — most of the kept prose lies above it — and
(2) for teaser headings, be followed by teaser-like lines (short, no sentence punctuation), so an
article's own subheading such as "Related developments" followed by paragraphs never cuts the text.
The phrases live in the rule options (rules/_defaults.yaml); only the positional logic is here.
"""
from __future__ import annotations

import re

import re2

from ..regex import RE2_SPACE, compile_regex
from ._match import matching_lines

ID = "tail_cut"
STAGE = "final"
MODES = ("text",)
CATEGORY = "related"
_PHRASES = {"type": "array", "items": {"type": "string", "minLength": 1}, "default": []}
OPTIONS = {
    "headings": {**_PHRASES, "description": "headings of a teaser block (matched at the start of a short "
                                            "line, case-insensitive; a leading count is allowed)"},
    "labels": {**_PHRASES, "description": "line prefixes such as 'Filed Under:' that end the article "
                                          "(the line may carry a list of tags)"},
    "comment_headings": {**_PHRASES, "description": "headings of a comment thread: comments are prose, so "
                                                    "no teaser check, only the position check"},
    "comment_category": {"type": "string", "default": "comment_prompt"},
    "max_heading_chars": {"type": "integer", "minimum": 1, "default": 50},
    "max_label_chars": {"type": "integer", "minimum": 1, "default": 160},
    "min_prose_before": {"type": "integer", "minimum": 0, "default": 2,
                         "description": "prose paragraphs that must be kept above the heading"},
    "prose_share_before": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.6,
                           "description": "share of the kept prose characters that must lie above a "
                                          "teaser heading"},
    "comment_share_before": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5,
                             "description": "share of the kept prose characters that must lie above a comment "
                                            "heading (in a forum or Q&A thread the replies are the content)"},
    "max_prose_after": {"type": "number", "minimum": 0, "default": 0.25,
                        "description": "a teaser heading is ignored when the kept prose below it is more "
                                       "than this share of the prose above it (an inline box mid-article)"},
    "window": {"type": "integer", "minimum": 1, "default": 8,
               "description": "kept lines after a teaser heading that are looked at"},
    "teaser_share": {"type": "number", "minimum": 0, "maximum": 1, "default": 0.5,
                     "description": "share of those lines that must look like teasers"},
}
REQUIRED = ()

_PROSE_MIN = 120
_SENTENCE_MIN = 40
_END = (".", "!", "?", "\"", "'", "\u201d", "\u2019")
_COUNT = r"(?:\(?\d[\d,.]*\)?\s+)?"


def _alternation(phrases: list[str]) -> str:
    """Longest first, so 'Related articles' wins over 'Related'."""
    return "|".join(re.escape(p.strip()) for p in sorted(phrases, key=len, reverse=True))


def _scan_phrase(phrase: str) -> str:
    """A phrase in RE2 syntax, matched case-insensitively as Python's re.I does: RE2 folds case by Unicode's
    simple folding, and re.I also takes the dotless and dotted i (\u0131, \u0130) for an i."""
    return "".join("[i\u0131\u0130]" if ch in "iI\u0131\u0130" else re2.escape(ch) for ch in phrase)


# _COUNT and the stripped leading space in RE2: Python's \s and \d are Unicode, RE2's are ASCII
_SCAN_COUNT = rf"(?:\(?\pN[\pN,.]*\)?{RE2_SPACE}+)?"


SCANS = True  # a line that no phrase starts is no tail heading: nothing to do where line_patterns match nothing


def line_patterns(rule) -> list:
    """The pattern of a line that starts with a phrase (plan.Prefilter finds those lines for every rule at once)."""
    return [rule.compiled[3]]


def prepare(options: dict):
    """Compile the three phrase lists into anchored regexes (None when a list is empty), and one RE2
    pattern for a line that starts with any phrase (None when there are no phrases)."""
    def rx(phrases: list[str], tail: str):
        return re.compile(rf"^{_COUNT}(?:{_alternation(phrases)}){tail}", re.I) if phrases else None
    phrases = options["headings"] + options["labels"] + options["comment_headings"]
    # Every line that one of the three matches starts, once stripped, with a count and a phrase: one RE2
    # scan over all lines finds those lines (a superset: _kind judges each).
    starts = compile_regex(f"^{RE2_SPACE}*{_SCAN_COUNT}(?:"
                           + "|".join(_scan_phrase(p.strip()) for p in dict.fromkeys(phrases)) + ")") if phrases else None
    # a heading is the phrase plus at most a short qualifier ("More News from Detroit", "Comments (12)")
    return (rx(options["headings"], r"(?![\w'])"), rx(options["labels"], ""),
            rx(options["comment_headings"], r"(?![\w'])"), starts)


def _prose(text: str) -> bool:
    """A paragraph of running text: long and ending like a sentence."""
    t = text.rstrip()
    return len(t) >= _PROSE_MIN and t.endswith(_END) and not t.endswith("...")


def _teaser(text: str) -> bool:
    """A headline, a tag or a 'Read more' link: not a sentence of running text (or one cut off with '...')."""
    t = text.rstrip()
    return len(t) < _SENTENCE_MIN or not t.endswith(_END) or t.endswith(("...", "\u2026"))


def _norm(text: str) -> str:
    """A heading without counts and punctuation, for spotting repeats ('3 Comments' ~ 'Comments')."""
    return re.sub(r"[\d\W_]+", " ", text.lower()).strip()


def _kind(text: str, compiled, o: dict) -> str | None:
    """'teaser', 'label' or 'comment' when the line is a tail heading, else None."""
    heads, labels, comments = compiled[:3]
    t = text.strip().rstrip(":").strip()
    if len(t) <= o["max_heading_chars"] and not t.endswith((".", "?", "!")):  # a heading, not a sentence
        if comments and comments.match(t):
            return "comment"
        if heads and heads.match(t):
            return "teaser"
    if labels and len(t) <= o["max_label_chars"] and labels.match(text.strip()):
        return "label"
    return None


def _kinds(units, compiled, o: dict, cache: dict | None = None) -> dict[int, str]:
    """Line index -> kind of every tail heading.

    Only the lines that start with a phrase are judged, found with one RE2 scan over the joined lines
    (a search per line is what costs; `cache`: the document's, which holds the joined lines already).
    """
    starts = compiled[3]
    if starts is None:
        return {}
    out = {}
    for i in matching_lines(units, starts, cache):
        kind = _kind(units[i].text, compiled, o)
        if kind is not None:
            out[i] = kind
    return out


def apply(doc, rule) -> None:
    """Find the first tail heading below the article and drop it (if still kept) and every kept line after it."""
    o = rule.options
    units = doc.units
    live = [i for i, u in enumerate(units) if u.keep]
    if len(live) < 4:
        return
    kinds = _kinds(units, rule.compiled, o, doc.cache)  # once per line: both loops below need them
    if not kinds:  # most texts have no tail heading: nothing below needs weighing
        return
    prose_at = [i for i in live if _prose(units[i].text)]
    if len(prose_at) < max(1, o["min_prose_before"]):
        return
    total = sum(len(units[i].text) for i in prose_at)
    # a comment heading repeated on the page ('Comments' under every answer or every story on a
    # front page) marks a widget, not the thread below the article
    seen: dict[str, int] = {}
    for i, kind in kinds.items():
        if kind == "comment":
            seen[_norm(units[i].text)] = seen.get(_norm(units[i].text), 0) + 1
    # the heading may already be dropped by the line model: look at every line, judge by the kept ones
    begin = prose_at[o["min_prose_before"] - 1] + 1 if o["min_prose_before"] else live[0]
    for h in sorted(i for i in kinds if i >= begin):
        kind = kinds[h]
        if kind == "comment" and seen.get(_norm(units[h].text), 0) > 1:
            continue
        after = [i for i in live if i > h]
        before = sum(len(units[i].text) for i in prose_at if i < h)
        if before < o["comment_share_before" if kind == "comment" else "prose_share_before"] * total:
            continue
        if kind != "comment":
            look = [units[i].text for i in after[:o["window"]]]
            if look and (not all(map(_teaser, look[:2])) or sum(map(_teaser, look)) < o["teaser_share"] * len(look)):
                continue  # the article's own subheading: sentences follow
            if sum(len(units[i].text) for i in after if _prose(units[i].text)) > o["max_prose_after"] * before:
                continue  # an inline 'Related' box: the article goes on below it
        category = o["comment_category"] if kind == "comment" else rule.category
        reason = {"comment": "comment thread after the article", "label": "tags and teasers after the article",
                  "teaser": "teasers after the article"}[kind]
        head = units[h].text.strip()[:40]
        for i in [h] + after:
            doc.drop(units[i], rule, category=category, reason=f"{reason} (from '{head}')")
        return
