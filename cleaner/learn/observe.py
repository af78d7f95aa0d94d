"""What one page tells the learner: its distinct blocks, each with the facts the guard rails need."""
from __future__ import annotations

import re
from dataclasses import dataclass

from .normalize import block_hash, tokens

MAX_BLOCK_CHARS = 1000      # longer lines are article paragraphs or whole-page dumps: never learned
_SENTENCE_END = re.compile(r"[.!?…][\"'”’)\]]*$")


@dataclass(frozen=True)
class Block:
    """One distinct block (line) of a page."""

    hash: str
    text: str
    index: int          # line number on the page
    frac: float         # share of the page's characters this block is
    in_body: bool       # sits between two prose lines, i.e. inside article text
    position: str       # "top", "middle" or "bottom" third of the page
    prev: str = ""      # hashes of the neighbouring lines: template lines keep their neighbours
    next: str = ""
    repeats: int = 1    # times the block occurs on this page


def is_prose(line: str) -> bool:
    """A sentence-like line of article text: ten words or more, ending like a sentence."""
    return len(line.split()) >= 10 and bool(_SENTENCE_END.search(line.rstrip()))


def _position(i: int, n: int) -> str:
    if n < 3:
        return "middle"
    return "top" if i < n / 3 else ("bottom" if i >= 2 * n / 3 else "middle")


def observe(lines: list[str]) -> list[Block]:
    """The page's distinct, learnable blocks (first occurrence of each normalised line)."""
    lines = [" ".join(line.split()) for line in lines]
    lines = [line for line in lines if line]
    total = sum(len(line) for line in lines) or 1
    prose = [is_prose(line) for line in lines]
    hashes = [block_hash(line) if tokens(line) else "" for line in lines]
    counts: dict[str, int] = {}
    for h in hashes:
        counts[h] = counts.get(h, 0) + 1
    seen: set[str] = set()
    out = []
    for i, line in enumerate(lines):
        h = hashes[i]
        if not h or h in seen or len(line) > MAX_BLOCK_CHARS:
            continue
        seen.add(h)
        in_body = prose[i] and 0 < i < len(lines) - 1 and prose[i - 1] and prose[i + 1]
        out.append(Block(h, line, i, len(line) / total, in_body, _position(i, len(lines)),
                         prev=hashes[i - 1] if i else "", next=hashes[i + 1] if i + 1 < len(lines) else "",
                         repeats=counts[h]))
    return out
