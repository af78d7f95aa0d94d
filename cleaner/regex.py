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
