"""Small text helpers shared by the operations."""
from __future__ import annotations

import re
import unicodedata

# A lower-case letter (optionally closing punctuation) glued to a capitalised word: "logged inPlease".
_GLUE = re.compile(r"[a-z\u00e0-\u00ff][.!?\u201d\"')]?(?=[A-Z][a-z\u00e0-\u00ff]+\b)")
# Where _GLUE's matches end, found from the capital instead: re then skips to the few capitals of a line,
# where _GLUE is tried at every lower-case letter.
_GLUE_CUT = re.compile(r"[A-Z](?:(?<=[a-z\u00e0-\u00ff][A-Z])|(?<=[a-z\u00e0-\u00ff][.!?\u201d\"')][A-Z]))"
                       r"(?=[a-z\u00e0-\u00ff]+\b)")
TERMINAL = tuple(".!?:;\u2026\"'\u201d\u2019)]")


def norm(text: str) -> str:
    """Comparison form: NFKC, case-folded, straight quotes, single spaces."""
    text = unicodedata.normalize("NFKC", text)
    text = text.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    # split() breaks at the same characters as \s (str.isspace): one C call, where the regex's sub costs
    # thousands of instructions per run of spaces. A printable text's only white space is " " (every other
    # str.isspace character is a control or a separator, which isprintable refuses): without a double,
    # leading or trailing one, split and join would give it back unchanged, at a new string per word.
    if not (text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " "):
        text = " ".join(text.split())
    return text.casefold()


def glued_segments(line: str) -> list[tuple[int, int]]:
    """Spans of a line cut where sentences were glued together without a space."""
    cuts = [m.start() for m in _GLUE_CUT.finditer(line)]
    bounds = [0, *cuts, len(line)]
    return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]


def words(text: str) -> int:
    """Number of whitespace-separated words."""
    return len(text.split())


def ends_sentence(text: str) -> bool:
    """True when the line ends like a sentence."""
    return text.rstrip().endswith(TERMINAL)
