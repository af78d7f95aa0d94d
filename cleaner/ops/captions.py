"""captions: a caption line repeated with a photo credit; keep one copy as a caption, out of the body."""
from __future__ import annotations

from ..regex import compile_regex, search_span
from ._match import matching_lines
from ._text import norm

ID = "captions"
STAGE = "blocks"
MODES = ("text", "html")
CATEGORY = "caption"
OPTIONS = {
    "credits": {"type": "array", "items": {"type": "string", "minLength": 1},
                "default": ["Getty", "Getty Images", "AFP", "AFP/Getty", "AP", "AP Photo", "Reuters",
                            "PA", "PA Wire", "EPA", "Shutterstock", "Alamy", "Rex", "Rex Features",
                            "iStock", "Bloomberg", "NurPhoto", "SOPA Images", "WireImage"],
                "description": "photo credits that may follow a caption in brackets"},
    "credit_regex": {"type": ["string", "null"], "default": None,
                     "description": "RE2 regex for a credit suffix; replaces `credits` when set"},
    "lone": {"type": "boolean", "default": False,
             "description": "also treat a short line that ends with a credit as a caption"},
    "max_chars": {"type": "integer", "minimum": 1, "default": 400},
}
REQUIRED = ()


def prepare(options: dict):
    """Compile the credit-suffix regex."""
    if options["credit_regex"]:
        return compile_regex(options["credit_regex"])
    names = "|".join(c.replace(".", r"\.").replace("/", r"\s*/\s*") for c in
                     sorted(options["credits"], key=len, reverse=True))
    return compile_regex(r"\s*[\(\[](?:(?:photo|image|picture|credit)s?\s*:\s*)?(?:" + names
                         + r")(?:\s*(?:/|via|and|,)\s*[^)\]]{0,60})?[\)\]]\s*$")


def line_patterns(rule) -> list:
    """A credit_regex is scanned over all lines (plan.Prefilter finds its lines with the other rules')."""
    return [rule.compiled] if rule.options["credit_regex"] else []


def apply(doc, rule) -> None:
    """Pair each caption with its credited copy; move one copy to doc.captions."""
    credit = rule.compiled
    for u in doc.units:
        if u.kind == "caption" and u.keep:  # HTML figcaption: already known to be a caption
            _take(doc, rule, u, u.text)
    if rule.options["credit_regex"] is None:
        # the credits pattern needs a bracket: only a line with one can carry a credit (cheaper than a scan)
        found = [i for i, u in enumerate(doc.units) if "(" in u.text or "[" in u.text]
    else:  # scanned over all units, whose joined text the line rules before share
        found = matching_lines(doc.units, credit, doc.cache)
    max_chars, all_units = rule.options["max_chars"], doc.units
    # kept non-heading line (by its index in doc.units) -> where its credit starts
    starts = {i: start for i in found if (u := all_units[i]).keep and u.kind != "h" and len(u.text) <= max_chars
              and (start := _credit_at(credit, u.text)) is not None}
    if not starts:  # most texts have no credited line: nothing to pair
        return
    units = [u for u in doc.live() if u.kind != "h"]
    at = {id(u): k for k, u in enumerate(units)}
    credits = {at[id(all_units[i])]: start for i, start in starts.items()}  # the same, by index in `units`
    candidates = sorted({j for i in credits for j in range(max(0, i - 2), i + 1)})
    taken = set()
    for i in candidates:  # a credited line pairs with one of the two lines before it
        u = units[i]
        if i in taken or not u.keep or len(u.text) > max_chars:
            continue
        for j in range(i + 1, min(i + 3, len(units))):
            pair = _credited_pair(u, units[j], credits.get(i), credits.get(j))
            if pair:
                plain, dup = (u, units[j]) if pair == 1 else (units[j], u)
                _take(doc, rule, plain, plain.text)
                doc.drop(dup, rule, category="caption" if "caption" not in doc.keep else "duplicate",
                         reason="caption repeated with photo credit")
                taken.update((i, j))
                break
        else:
            start = credits.get(i)
            if rule.options["lone"] and start and u.keep:
                _take(doc, rule, u, u.text[:start].strip())


def _credit_at(credit, text: str) -> int | None:
    """Where the credit starts in the line (a character offset), or None.

    credit.search(text).start(), without the wrapper that builds a match object (most of a search's cost).
    """
    data = text.encode("utf-8")
    span = search_span(credit, data)
    return None if span is None else len(data[:span[0]].decode("utf-8"))


def _credited_pair(a, b, credit_a: int | None, credit_b: int | None) -> int:
    """1 if b is a followed by a credit, 2 if a is b followed by a credit, else 0 (credit_x: where x's
    credit starts)."""
    for first, second, at, which in ((a, b, credit_b, 1), (b, a, credit_a, 2)):
        if at and norm(second.text[:at]) == norm(first.text):
            return which
    return 0


def _take(doc, rule, unit, caption: str) -> None:
    """Record a caption and move it out of the body (unless captions are kept inline)."""
    if unit.info is None:
        unit.info = {}
    unit.info["caption"] = True
    doc.drop(unit, rule, reason="caption")
    if caption and caption not in doc.captions:
        doc.captions.append(caption)
