"""Linear-time regular expressions (RE2) for everything that comes from a rule file."""
from __future__ import annotations

import re2

_MAX_MEM = 8 << 20  # per compiled program; a pathological pattern fails to compile instead of eating RAM


class RegexError(ValueError):
    """A pattern RE2 cannot compile (syntax, backreference, lookaround, too large)."""


def compile_regex(pattern: str, *, ignore_case: bool = True):
    """Compile with RE2: matching is linear in the input, so no rule can hang the service."""
    opts = re2.Options()
    opts.log_errors = False
    opts.case_sensitive = not ignore_case
    opts.max_mem = _MAX_MEM
    try:
        return re2.compile(pattern, opts)
    except Exception as exc:  # re2 raises its own Error type with a bytes message
        msg = exc.args[0] if exc.args else exc
        if isinstance(msg, bytes):
            msg = msg.decode("utf-8", "replace")
        raise RegexError(f"invalid regex {pattern!r}: {msg} (RE2 syntax: no backreferences or lookaround)") from None


def phrase_regex(phrases: list[str], *, ignore_case: bool = True):
    """One RE2 alternation matching any phrase, tolerant of whitespace and quote variants."""
    parts = []
    for phrase in phrases:
        words = phrase.split()
        esc = [re2.escape(w) for w in words]
        # Curly and straight apostrophes/quotes are interchangeable in scraped text.
        esc = [e.replace("'", "['\u2019\u2018]").replace('"', '["\u201c\u201d]') for e in esc]
        parts.append(r"\s*".join(esc) if len(words) == 1 else r"\s+".join(esc))
    return compile_regex("(?:" + "|".join(parts) + ")", ignore_case=ignore_case)


# Python's \s (Unicode white space) in RE2, whose \s is ASCII: for RE2 scans that must find every line a
# Python regex with \s would match
RE2_SPACE = r"[\s\pZ\x{0b}\x{1c}-\x{1f}\x{85}]"

_UNANCHORED = getattr(getattr(re2, "_Anchor", None), "UNANCHORED", None)


def search_span(rx, data: bytes, pos: int = 0, endpos: int | None = None) -> tuple[int, int] | None:
    """Byte span of the first match in data[pos:endpos], or None: `rx.search` without its per-call wrapping.

    The public search builds a generator and a match object per call; the scans that run for every line
    rule on every document only need the span. Falls back to the public API if the binding changes.
    """
    end = len(data) if endpos is None else endpos
    raw = getattr(rx, "_regexp", None)
    if raw is None or _UNANCHORED is None:
        m = rx.search(data, pos, end)
        return m.span() if m is not None else None
    span = raw.Match(_UNANCHORED, data, pos, end)[0]
    return None if span[0] < 0 else span
