"""Convert a parsed Full-Text RSS site config into a cleaner rule file (a plain dict, dumped as YAML)."""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from lxml import etree
from lxml import html as lxml_html

from ..ruleset.registry import WILDCARD_SUFFIX
from .parser import Directive, Problem, SiteConfig

# Directives we cannot honour, with the reason given in the report.
UNSUPPORTED = {
    "single_page_link": "multi-page following: cleaner never fetches URLs",
    "single_page_link_in_feed": "multi-page following: cleaner never fetches URLs",
    "next_page_link": "multi-page following: cleaner never fetches URLs",
    "autodetect_next_page": "multi-page following: cleaner never fetches URLs",
    "http_header": "HTTP request headers: cleaner never fetches URLs",
    "requires_login": "login: cleaner never fetches URLs",
    "login_uri": "login: cleaner never fetches URLs",
    "login_username_field": "login: cleaner never fetches URLs",
    "login_password_field": "login: cleaner never fetches URLs",
    "login_extra_fields": "login: cleaner never fetches URLs",
    "not_logged_in_xpath": "login: cleaner never fetches URLs",
    "native_ad_clue": "native-ad detection (drops whole items) is not implemented",
    "if_page_contains": "conditional rules are not implemented",
    "wrap_in": "element wrapping does not change the text output",
    "move_into": "element moving is not implemented",
    "dissolve": "element dissolving is not implemented (the text is kept either way)",
    "footnotes": "footnote handling is not implemented",
    "insert_detected_image": "image insertion does not change the text output",
    "convert_double_br_tags": "<br><br> to <p> conversion: the block splitter already breaks lines at <br>",
    "strip_attr": "attribute stripping does not change the text output",
    "post_strip_attr": "attribute stripping does not change the text output",
    "src_lazy_load_attr": "lazy image attributes do not change the text output",
    "skip_json_ld": "JSON-LD is only read for metadata, never as the body",
    "skip_id_or_class": "not implemented",
    "strip_comments": "HTML comments are always removed by the parser",
    "parser": "cleaner has one HTML parser (lxml)",
}
# Switches kept as metadata in `source.settings` (what they mean is in the README).
SETTINGS = ("prune", "tidy", "autodetect_on_failure")
# A bare catch-all body (//article, (//article)[1], //main, //body) adds nothing to generic extraction,
# which already prefers <article>/<main> and then scores the blocks inside; as a body rule it keeps
# everything inside (related and most-read lists), or only the first item of a listing page. Such
# selectors are left to generic extraction and recorded in `source.left_to_generic`.
CATCH_ALL = re.compile(r"^\(?\s*//(article|main|body|section)\s*\)?\s*(\[\s*1\s*\])?$")
_PROBE = lxml_html.document_fromstring("<html><head><title>t</title></head><body><div id='a' class='b'>"
                                       "<p>x</p><img src='y'></div></body></html>")


@dataclass
class Converted:
    """The rule-file dict for one config, plus what the report needs."""

    host: str
    site: str
    data: dict
    unsupported: list[dict] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    dropped: list[dict] = field(default_factory=list)   # directives refused (bad XPath, unpaired replace)
    generic: list[dict] = field(default_factory=list)   # catch-all body selectors left to generic extraction


def site_id(host: str) -> str:
    """Our site id: the host itself; `.example.com` (any subdomain) becomes example.com_wildcard."""
    return host[1:] + WILDCARD_SUFFIX if host.startswith(".") else host


def _literal(s: str) -> str:
    """An XPath 1.0 string literal for any text (concat() when it holds both quote kinds)."""
    if "'" not in s:
        return f"'{s}'"
    if '"' not in s:
        return f'"{s}"'
    return "concat(" + ", \"'\", ".join(f"'{p}'" for p in s.split("'")) + ")"


def id_or_class_xpath(value: str) -> str:
    """FTR strip_id_or_class: any element whose class or id attribute *contains* the string.

    FTR's ContentExtractor removes quotes from the value and queries
    //*[contains(@class, 'v') or contains(@id, 'v')] - a substring match, not a class-token match.
    """
    v = value.replace("'", "").replace('"', "")
    return f"//*[contains(@class, {_literal(v)}) or contains(@id, {_literal(v)})]"


def image_src_xpath(value: str) -> str:
    """FTR strip_image_src: images whose src contains the string."""
    v = value.replace("'", "").replace('"', "")
    return f"//img[contains(@src, {_literal(v)})]"


# XPath 1.0 functions and node tests: anything else (e.g. a typo like contain()) fails in lxml, but only
# when a predicate using it is evaluated, so a probe document cannot be relied on to find it.
_XPATH_FUNCTIONS = {
    "last", "position", "count", "id", "local-name", "namespace-uri", "name", "string", "concat", "starts-with",
    "contains", "substring-before", "substring-after", "substring", "string-length", "normalize-space",
    "translate", "boolean", "not", "true", "false", "lang", "number", "sum", "floor", "ceiling", "round",
    "text", "node", "comment", "processing-instruction", "and", "or", "div", "mod",
}
_LITERAL = re.compile(r"'[^']*'|\"[^\"]*\"")
_CALL = re.compile(r"(?<![\w@$:-])([A-Za-z_][\w.-]*(?::[A-Za-z_][\w.-]*)?)\s*\(")


def check_xpath(expr: str) -> str | None:
    """Why an XPath cannot be used here (syntax, or a function lxml lacks), or None when it works."""
    try:
        etree.XPath(expr, smart_strings=False)(_PROBE)
    except etree.XPathError as exc:
        return f"XPath does not compile/evaluate in lxml: {exc}"
    unknown = sorted({f for f in _CALL.findall(_LITERAL.sub("''", expr)) if f not in _XPATH_FUNCTIONS})
    if unknown:
        return f"XPath uses functions lxml does not have: {', '.join(unknown)}"
    return None


def _xpath_or_drop(d: Directive, expr: str, conv: Converted) -> str | None:
    why = check_xpath(expr)
    if why:
        conv.dropped.append({"line": d.line, "directive": d.name, "value": d.value, "reason": why})
        return None
    return "xpath:" + expr


def _replacements(cfg: SiteConfig, conv: Converted) -> list[dict]:
    """find_string/replace_string pairs in order (FTR pairs the two lists by position)."""
    finds: list[tuple[int, str]] = []
    repls: list[tuple[int, str]] = []
    for d in cfg.directives:
        if d.name == "find_string":
            finds.append((d.line, d.value))
        elif d.name == "replace_string" and d.arg is not None:
            finds.append((d.line, d.arg))
            repls.append((d.line, d.value))
        elif d.name == "replace_string":
            repls.append((d.line, d.value))
    if len(finds) != len(repls):
        # FTR skips every replacement when the counts differ; so do we, and say so.
        line = (finds or repls)[0][0]
        conv.problems.append(Problem(cfg.file, line, f"{len(finds)} find_string but {len(repls)} "
                                                     "replace_string lines: all replacements skipped"))
        return []
    return [{"find": f, "replace": r} for (_, f), (_, r) in zip(finds, repls) if f]


def convert(cfg: SiteConfig, host: str, *, source_text: str = "", snapshot: str = "") -> Converted:
    """Map one FTR config to our rule format: meta, strip (in file order), body, replace."""
    site = site_id(host)
    conv = Converted(host=host, site=site, data={}, problems=list(cfg.problems))
    rules: list[dict] = []
    pairs = _replacements(cfg, conv)
    if pairs:
        rules.append({"id": "replace", "op": "replace", "pairs": pairs,
                      "note": "FTR find_string/replace_string, applied to the raw HTML in order"})
    meta: dict[str, list[str]] = {}
    for name in ("title", "author", "date"):
        for d in cfg.values(name):
            sel = _xpath_or_drop(d, d.value, conv)
            if sel:
                meta.setdefault(name, []).append(sel)
    if meta:
        rules.append({"id": "meta", "op": "meta", **meta})
    for d in cfg.directives:
        if d.name == "strip":
            sel, category = _xpath_or_drop(d, d.value, conv), "boilerplate"
        elif d.name == "strip_id_or_class":
            sel, category = _xpath_or_drop(d, id_or_class_xpath(d.value), conv), "boilerplate"
        elif d.name == "strip_image_src":
            sel, category = _xpath_or_drop(d, image_src_xpath(d.value), conv), "media"
        else:
            continue
        if sel:
            rules.append({"id": f"{d.name.replace('_', '-')}.l{d.line}", "op": "strip", "category": category,
                          "selectors": [sel], "note": f"{d.name}: {d.value}"})
    body = []
    for d in cfg.values("body"):
        if CATCH_ALL.match(d.value):
            conv.generic.append({"line": d.line, "value": d.value})
        elif sel := _xpath_or_drop(d, d.value, conv):
            body.append(sel)
    if body:
        # FTR prunes the picked body (Readability's prepArticle) unless the file says `prune: no`.
        prune = cfg.flag("prune") is not False
        rules.append({"id": "body", "op": "body", "selectors": body, "prune": prune,
                      "note": "FTR body: the first XPath that matches; several matches are joined"
                              + ("; pruned as FTR's default `prune: yes`" if prune else "; `prune: no`")})
    for d in cfg.directives:
        if d.name in UNSUPPORTED:
            conv.unsupported.append({"line": d.line, "directive": d.name + (f"({d.arg})" if d.arg else ""),
                                     "value": d.value, "reason": UNSUPPORTED[d.name]})
    tests: list[dict] = []
    for d in cfg.directives:
        if d.name == "test_url":
            tests.append({"url": d.value})
        elif d.name == "test_contains":
            if tests:
                tests[-1].setdefault("contains", []).append(d.value)
            else:
                conv.problems.append(Problem(cfg.file, d.line, "test_contains before any test_url"))
    settings = {name: v for name in SETTINGS if (v := cfg.flag(name)) is not None}
    source: dict = {"format": "ftr-site-config", "file": cfg.file,
                    "sha256": hashlib.sha256(source_text.encode()).hexdigest()[:16]}
    if snapshot:
        source["snapshot"] = snapshot
    if settings:
        source["settings"] = settings
    if tests:
        source["tests"] = tests   # kept for later checking: they need the live page, which we never fetch
    for key, items in (("unsupported", conv.unsupported), ("dropped", conv.dropped)):
        if items:
            source[key] = [{k: v for k, v in u.items() if k != "reason"} for u in items]
    if conv.generic:
        source["left_to_generic"] = conv.generic
    if conv.problems:
        source["problems"] = [{"line": p.line, "message": p.message} for p in conv.problems]
    what = f"subdomains of {host[1:]}" if host.startswith(".") else host
    conv.data = {"site": site,
                 "description": f"Full-Text RSS site config for {what} (imported, CC0)",
                 "version": source["sha256"], "extends": "defaults", "domains": [host],
                 "source": source, "rules": rules}
    return conv
