"""clean(): one document in, clean article text and an account of what was removed out."""
from __future__ import annotations

import time
from collections.abc import Iterable
from operator import attrgetter

from . import decode as _decode
from .doc import Doc
from .errors import NothingLeftError
from .htmlpath import blocks, extract, metadata, tree
from .result import CleanResult
from .ruleset import Registry
from .textpath import to_units as text_units

_registry: Registry | None = None

# Steps that cannot check the budget inside (splitting a text into lines, lxml parsing, main-content
# scoring) are forecast from the document's size and refused up front when they cannot fit in what is left
# of the budget. Rates measured on a loaded 2-core machine: ELEMENTS_PER_S is about the slowest of 60
# benchmark pages through main-content extraction (the median page runs 4-5 times faster).
LINES_PER_S = 200_000
PARSE_CHARS_PER_S = 20_000_000
ELEMENTS_PER_S = 10_000


def get_registry() -> Registry:
    """The process-wide registry of the configured rule directories (loaded on first use)."""
    global _registry
    if _registry is None:
        _registry = Registry()
    return _registry


def set_registry(registry: Registry | None) -> None:
    """Replace the process-wide registry (after a reload); None reloads lazily."""
    global _registry
    _registry = registry


def clean(content: str | bytes, url: str | None = None, *, content_type: str | None = None,
          site: str | None = None, site_rules: bool = True, keep: Iterable[str] = (),
          registry: Registry | None = None, time_budget: float | None = None) -> CleanResult:
    """Clean one HTML or plain-text document; raises a CleanerError subclass when it cannot."""
    started = time.monotonic()
    text, utf8 = _decode.sanitize_utf8(_decode.decode(content, content_type))
    mode = _decode.resolve_type(text, content_type)
    registry = registry or get_registry()
    ruleset, how = registry.resolve(url, text, site, site_rules, utf8=utf8)
    doc = Doc(mode=mode, source=text, url=url, keep=frozenset(keep),
              deadline=started + time_budget if time_budget else None)
    plan = ruleset.plan(mode)
    by_stage = plan.by_stage
    doc.cache["prefilter"] = plan.prefilter  # the lines each line pattern matches, found in one scan

    if mode == "html":
        _html_front(doc, plan, ruleset.phrases())
    else:
        # a text holds at most len(text) line breaks: count them only when that bound would not fit the budget
        if doc.deadline is not None and time.monotonic() + len(text) / LINES_PER_S > doc.deadline:
            doc.check_time(ahead=text.count("\n") / LINES_PER_S)
        text_units(doc, utf8)  # the lines from the bytes sanitize_utf8 made
    for stage in ("header", "blocks", "final"):
        for rule in by_stage[stage]:
            if plan.skips(rule, doc):
                continue
            rule.module.apply(doc, rule)
            doc.check_time()
    return _finish(doc, ruleset, how)


def _html_front(doc: Doc, plan, phrases) -> None:
    """Raw rewrites, parse, metadata, DOM rules, body, then lines (phrases: the rule set's, compiled)."""
    by_stage = plan.by_stage
    for rule in by_stage["raw"]:
        rule.module.apply(doc, rule)
    doc.check_time(ahead=len(doc.source) / PARSE_CHARS_PER_S)
    doc.root = tree.parse(doc.source, doc.warnings)
    doc.check_time(ahead=doc.root.xpath("count(//*)") / ELEMENTS_PER_S)  # metadata, DOM rules, extraction
    for rule in by_stage["dom"]:
        rule.module.apply(doc, rule)  # site meta selectors fill doc.meta first, so they win
        doc.check_time()
    for key, value in metadata.extract(doc.root, doc.url).items():
        doc.meta.setdefault(key, value)
    doc.check_time()
    if doc.body is not None:
        body = doc.body
    else:
        body = extract.main_content(doc.root, doc.url, dropped=lambda el: _record_element(
            doc, el, "inside the main content", plan), hidden=lambda el, why: _record_element(doc, el, why),
            info=doc.cache)
    doc.check_time()
    _account_outside(doc, body)
    blocks.to_units(doc, body, phrases)
    title = doc.meta.get("title")
    if title:  # the headline repeated at the top of the body is metadata, not article text
        for unit in doc.units[:3]:
            if unit.keep and unit.text.strip().casefold() == title.strip().casefold() \
                    and any(u.keep for u in doc.units if u is not unit):  # never the only line left
                doc.drop(unit, "engine:title", "header", reason="title")
                break


_TEXT = attrgetter("text")
_OUTSIDE_CATEGORY = {"nav": "navigation", "footer": "footer", "header": "header", "aside": "related",
                     "menu": "navigation", "form": "boilerplate"}


def _record_element(doc: Doc, el, where: str, plan=None) -> None:
    """Account for an element that extraction left out (inside the body: named by the line rule that
    would have dropped it, when one would)."""
    text = tree.text_of(el)
    if not text:
        return
    rule = _line_rule_for(plan, text, doc.keep) if plan is not None else None
    if rule is not None:
        doc.record(text, rule, reason=f"{where}: <{tree.label(el)}>")
    else:
        doc.record(text, "engine:extraction", _OUTSIDE_CATEGORY.get(el.tag, "boilerplate"),
                   reason=f"{where}: <{tree.label(el)}>")


_NAMED_MAX_CHARS = 400  # a line rule drops a line this long whole (its max_chars default); a longer block is not its


def _line_rule_for(plan, text: str, keep: frozenset):
    """The first phrase or regex rule (in the order they run) whose pattern matches the text, if the text
    would be dropped whole by it: a block the model takes out of the body before a "Join our commenting
    forum" rule could is then explained by that rule, not as generic boilerplate. None when none does, or
    when the caller keeps the rule's category (extraction took the block out anyway, not the rule)."""
    if plan.prefilter is None or len(text) > _NAMED_MAX_CHARS:
        return None
    hits = plan.prefilter.hits(text.encode("utf-8", "surrogatepass"))
    if not hits:
        return None
    # the phrase and regex rules (stage "blocks") drop the line their pattern matches; a scanning rule of
    # another stage (a tail cut's heading) does something else with it
    for rule in plan.by_stage["blocks"]:
        if plan.scan_keys.get(id(rule)) in hits and rule.category not in keep:
            return rule
    return None


def _account_outside(doc: Doc, body) -> None:
    """List what lies outside the chosen body in `removed`: one span per dropped subtree."""
    node = body
    while (parent := node.getparent()) is not None:
        for sibling in parent:
            if sibling is not node and isinstance(sibling.tag, str) and sibling.tag != "head":
                _record_element(doc, sibling, "outside the main content")
        node = parent


_META = ("title", "subtitle", "author", "date")


def _finish(doc: Doc, ruleset, how) -> CleanResult:
    lines: list[str] = []  # kept lines, with an empty one between paragraphs: one join makes the text
    add, last = lines.append, None
    for unit in doc.units:
        if unit.keep:
            if unit.para != last:
                if last is not None:
                    add("")
                last = unit.para
            add(unit.text)
    text = "\n".join(lines)
    if not text.strip():
        fired = ", ".join(f"{k} ({v})" for k, v in sorted(doc.fired.items(), key=lambda kv: -kv[1])[:5])
        raise NothingLeftError("nothing was left after cleaning" + (f"; removed by {fired}" if fired else
                                                                    "; no article text was found")
                               + "".join(f"; {w}" for w in doc.warnings), removed=len(doc.removed),
                               # what the page still said about itself (a script-rendered page's <title>)
                               metadata={k: v for k in _META if (v := doc.meta.get(k))} or None)
    source_chars = sum(map(len, map(_TEXT, doc.units))) or 1
    if len(text) < 0.1 * source_chars and source_chars > 2000:
        doc.warnings.append(f"cleaning removed {100 - 100 * len(text) // source_chars}% of the text")
    meta = doc.meta
    return CleanResult(
        text=text, title=meta.get("title"), subtitle=meta.get("subtitle"), author=meta.get("author"),
        date=meta.get("date"), captions=doc.captions, site=None if ruleset.site == "defaults" else ruleset.site,
        site_match=how if ruleset.site != "defaults" else None, content_type=doc.mode,
        removed=sorted(doc.removed, key=lambda r: r.start if r.start is not None else 1 << 62),
        warnings=doc.warnings,
    )
