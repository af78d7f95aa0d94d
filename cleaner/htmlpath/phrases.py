"""The HTML path's English phrase lists (rule files' `html_phrases:`), framed and compiled per rule set.

The vocabularies live in rules/_defaults.yaml; the frames here say how a line must hold them (anchored,
with what punctuation after, a number before). Items are Python `re` fragments, matched case-insensitively:
the frames need Unicode \\b and \\w, lookahead and a backreference, which RE2 has not, so these patterns
are taken only from trusted rule files (see cleaner/ruleset/loader.py).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Mapping

# list name -> what it holds (the schema's description; README's rule-file reference)
LISTS: dict[str, str] = {
    "tail_headings": "a short heading that opens the teasers under an article (html:related-tail)",
    "box_headings": "a short heading over a box of links inside the text, \"See also\" (html:related-box)",
    "controls": "a control alone on a line: a button or a widget's label (html:button)",
    "calls_to_action": "the start of a call to action with its object, \"Subscribe to our blog\" (html:button)",
    "social_networks": "a network in a \"follow her on Twitter\" plug (html:button)",
    "widgets": "what a widget says when its script did not run, a gallery's position label (html:button)",
    "member_counts": "a forum member's counter label, \"Posts: 1,077\" (html:button)",
    "member_since": "a forum member's join-date label, \"Joined: Mar 2019\" (html:button)",
    "member_labels": "a forum member's label alone on its line, \"Reaction score\" (html:button)",
    "counters": "what a post's or card's counter counts, \"27 comments\" (html:button)",
    "placeholders": "a template's placeholder copy, \"Lorem ipsum\" (html:placeholder)",
    "disclosures": "an affiliate disclosure, searched anywhere in a line (html:disclosure)",
    "disclosure_keys": "words every disclosures pattern holds: a cheap test run first (html:disclosure)",
}

# The frames: %(list)s is the list's items joined as one alternation.
_FRAMES: dict[str, str] = {
    "tail": r"^(?:%(tail_headings)s)\s*:?$",
    "box": r"^(?:%(box_headings)s)\s*:?$",
    # Share bars, "Read more" and newsletter phrases are left to the defaults' own rules (share-bar,
    # read-more, newsletter), which run next and account for them under their categories.
    "cta": r"^(?:%(controls)s)(?: now| here| today)?\s*[:!»›>…]*(?:\.\.\.)?$"
           r"|^(?!.*newsletter)(?:%(calls_to_action)s)[^.?]{0,50}[:!…]?(?:\.\.\.)?$",
    "follow": r"\bfollow (?:us|him|her|me|them|[\w.]+)? ?(?:on|at|via) (?:%(social_networks)s)\b",
    # ...and a CMS shortcode left unrendered ("[button ...]...[/button]")
    "widget": r"^(?:%(widgets)s|\[(?P<shortcode>\w+)\b[^\]]*\].{0,200}\[/(?P=shortcode)\])$",
    "poster": r"^(?:%(member_counts)s)\s*:?\s*\d[\d,.]*$"
              r"|^(?:%(member_since)s)\s*:?\s*\w{3,9}\.?(?: \d{1,2},?)? \d{4}$"
              r"|^(?:%(member_labels)s)\s*:?$",
    "counter": r"^\d[\d,.]*k?\s+(?:%(counters)s)$",
    "placeholder": r"\b(?:%(placeholders)s)\b",
    "disclosure": r"%(disclosures)s",
    "disclosure_key": r"%(disclosure_keys)s",
}
_NEVER = "(?!)"  # an empty list matches nothing (an empty alternation would match everything)


def alternation(items: list[str]) -> str:
    """The items as one alternation, or a pattern that never matches."""
    return "|".join(items) if items else _NEVER


@dataclass(frozen=True)
class Phrases:
    """A rule set's phrase lists, compiled (RuleSet.html_phrases(), once per loaded rule set)."""

    tail: re.Pattern
    box: re.Pattern
    cta: re.Pattern
    follow: re.Pattern
    widget: re.Pattern
    poster: re.Pattern
    counter: re.Pattern
    placeholder: re.Pattern
    disclosure: re.Pattern
    disclosure_key: re.Pattern


def frame_sources(lists: Mapping[str, list[str]]) -> dict[str, str]:
    """Each frame's pattern text with the given lists filled in (a missing list matches nothing)."""
    alts = {name: alternation(list(lists.get(name) or [])) for name in LISTS}
    return {name: frame % alts for name, frame in _FRAMES.items()}


def compile_phrases(lists: Mapping[str, list[str]]) -> Phrases:
    """Compile the frames around the given lists; re.error if an item breaks one."""
    return Phrases(**{name: re.compile(src, re.I) for name, src in frame_sources(lists).items()})


def check_list(name: str, items: list[str]) -> None:
    """re.error unless every frame that holds the list compiles with these items in it."""
    for frame in _FRAMES.values():
        if f"%({name})s" in frame:
            re.compile(frame % {n: alternation(items if n == name else []) for n in LISTS}, re.I)
