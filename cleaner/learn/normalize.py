"""CCNet-style block normalisation and hashing, and the RE2 pattern that matches a learned block.

A block (one line of a page) is normalised the way CCNet deduplicates paragraphs: lower case,
accents stripped, punctuation dropped, whitespace collapsed; digits are folded too. Unlike CCNet,
a whole run of digits becomes one "0", so "23 comments" and "5 comments" are the same block.
"""
from __future__ import annotations

import hashlib
import re
import unicodedata

_TOKEN = re.compile(r"[^\W_]+")          # letters and digits; punctuation and "_" separate tokens
_DIGITS = re.compile(r"\d+")
_RE2_SPECIAL = set(r"\.^$*+?()[]{}|-/")


def tokens(text: str) -> list[str]:
    """The block's words, lower-cased, accents stripped, digit runs folded to 0."""
    decomposed = unicodedata.normalize("NFD", text.casefold())
    plain = "".join(c for c in decomposed if not unicodedata.combining(c))
    return [_DIGITS.sub("0", t) for t in _TOKEN.findall(plain)]


def normalize(text: str) -> str:
    """The normalised form of a block ("" for a block without letters or digits)."""
    return " ".join(tokens(text))


def block_hash(text: str) -> str:
    """16 hex digits of SHA-1 of the normalised block (CCNet keeps the first 8 bytes too)."""
    return hashlib.sha1(normalize(text).encode("utf-8")).hexdigest()[:16]


def _escape(token: str) -> str:
    return "".join("\\" + c if c in _RE2_SPECIAL else c for c in token)


def line_pattern(text: str) -> str:
    """An RE2 pattern matching a whole line with the same words (any punctuation, spacing, numbers).

    Matching is case-insensitive in drop_regex; accents must match as written on the page.
    """
    parts = []
    for word in _TOKEN.findall(text):
        pieces = _DIGITS.split(word)
        # digit runs in a word become [0-9]+ so counters and dates still match on the next page
        parts.append("[0-9]+".join(_escape(p) for p in pieces))
    # RE2's \W is ASCII-only: compact (Unicode classes would blow the compiled-program budget), and
    # non-ASCII letters in the block are matched literally by the words themselves anyway.
    return r"^\W*" + r"\W+".join(parts) + r"\W*$"
