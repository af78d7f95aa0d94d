"""tail_cut: in whole-page text, a 'Related' / 'More News' / 'Comments' heading after the article drops itself and what follows.

The HTML path does this on the extracted body (cleaner/htmlpath/trim.py); plain text has no markup,
so the heading must (1) sit after the article body — most of the kept prose lies above it — and
(2) for teaser headings, be followed by teaser-like lines (short, no sentence punctuation), so an
article's own subheading such as "Related developments" followed by paragraphs never cuts the text.
The phrases live in the rule options (rules/_defaults.yaml); only the positional logic is here.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from operator import attrgetter

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


def _trie(phrases: list[str]) -> str:
    """The alternation of the phrases with their shared first characters factored out, recursively.

    It matches what the flat alternation matches; re tries a flat one phrase by phrase at every line,
    this one rejects a line after one character per group.
    """
    groups: dict[str, list[str]] = {}
    for p in dict.fromkeys(phrases):
        groups.setdefault(p[:1], []).append(p[1:])
    parts = []
    for first, rests in groups.items():
        if len(rests) == 1 or not first:
            parts.append(re.escape(first + rests[0]))
        else:
            tails = [r for r in rests if r]
            parts.append(re.escape(first) + f"(?:{_trie(tails)}{'|' if len(tails) < len(rests) else ''})")
    return "|".join(parts)


def prepare(options: dict):
    """Compile the three phrase lists into anchored regexes (None when a list is empty), and one
    search for a line break followed by any phrase (None when there are no phrases)."""
    def rx(phrases: list[str], tail: str):
        return re.compile(rf"^{_COUNT}(?:{_alternation(phrases)}){tail}", re.I) if phrases else None
    phrases = options["headings"] + options["labels"] + options["comment_headings"]
    # Every line that one of the three matches starts with a phrase: a line break followed by one is what
    # the search over all lines at once looks for (the break, a literal, lets it jump from line to line).
    starts = re.compile(rf"\n(?=(?i:\s*{_COUNT}(?:{_trie([p.strip() for p in phrases])})))") if phrases else None
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


def _kinds(units, compiled, o: dict) -> dict[int, str]:
    """Line index -> kind of every tail heading.

    Only the lines that start with a phrase are judged, found with one search over the joined lines (a
    search per line is what costs). A line that _kind takes starts, once stripped, with a count and a
    phrase, and so does the joined text right after the break before it; a match there that runs on
    past the line's end (a count on the line above) is no heading by itself, and _kind says so.
    """
    starts = compiled[3]
    if starts is None:
        return {}
    texts = list(map(attrgetter("text"), units))
    at = list(accumulate([len(t) + 1 for t in texts], initial=0))  # where each line's break sits
    out = {}
    for m in starts.finditer("\n" + "\n".join(texts)):
        i = bisect_right(at, m.start()) - 1  # a break inside a line (none in text mode) maps to its line
        kind = _kind(texts[i], compiled, o)
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
    kinds = _kinds(units, rule.compiled, o)  # once per line: both loops below need them
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
