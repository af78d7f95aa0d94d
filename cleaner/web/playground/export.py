"""The rule file to download: the editor's YAML with a test case pre-filled from the document."""
from __future__ import annotations

import io
import re

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import LiteralScalarString

from ...ruleset import Registry, host_of, load_text
from ...ruleset.selftest import run_case
from .dryrun import Request, base_yaml, run

MAX_CONTAINS = 3
MAX_NOT_CONTAINS = 12
NEEDLE_CHARS = 90
_SENTENCE_END = re.compile(r"(?<=[.!?”\"])\s+(?=[A-Z“\"‘'])")


def _needle(text: str) -> str:
    """A short, single-line piece of a span: the whole span when short, else its first words."""
    text = " ".join(text.split())
    if len(text) <= NEEDLE_CHARS:
        return text
    cut = text[:NEEDLE_CHARS].rsplit(" ", 1)[0]
    return cut or text[:NEEDLE_CHARS]


def kept_sentences(clean_text: str) -> list[str]:
    """A few sentences of the clean text (first, middle and last paragraph) for `contains`."""
    paras = [p for p in clean_text.split("\n\n") if len(p.strip()) > 30] or [clean_text]
    picks = [paras[0], paras[len(paras) // 2], paras[-1]]
    out: list[str] = []
    for para in picks:
        sentences = _SENTENCE_END.split(para.strip().split("\n")[0])
        whole = [s for s in sentences if 30 <= len(s) <= NEEDLE_CHARS]  # a whole sentence reads best
        sentence = whole[0] if whole else _needle(sentences[0])
        if sentence and sentence not in out:
            out.append(sentence)
    return out[:MAX_CONTAINS]


def removed_needles(result: dict) -> list[str]:
    """Removed spans that must not come back (and that are not in the text for another reason)."""
    out: list[str] = []
    for rem in result["removed"]:
        needle = _needle(rem["text"])
        if len(needle) >= 4 and needle not in result["text"] and needle not in out:
            out.append(needle)
    return out[:MAX_NOT_CONTAINS]


def test_case(req: Request, result: dict, site: str) -> CommentedMap:
    """A test case in the rule-file format for this document and its cleaning result."""
    case = CommentedMap()
    case["name"] = "playground: " + _needle(result.get("title") or kept_sentences(result["text"])[0])[:60]
    if req.url:
        case["url"] = req.url
    if result["content_type"] == "html":
        case["content_type"] = "html"
    source = req.source if req.source.endswith("\n") else req.source + "\n"
    case["input"] = LiteralScalarString("\n".join(line.rstrip() for line in source.split("\n")))
    case["contains"] = CommentedSeq(kept_sentences(result["text"]))
    case["not_contains"] = CommentedSeq(removed_needles(result))
    for key in ("title", "subtitle", "author", "date"):
        if result.get(key):
            case[key] = result[key]
    fired = sorted({r["rule"].split(":", 1)[1] for r in result["removed"] if r["rule"].startswith(site + ":")})
    if fired:
        case["removed_rules"] = CommentedSeq(fired)
    return case


def build(base: Registry, req: Request, time_budget: float | None = 10.0) -> dict:
    """The downloadable file, its name, and whether its new test case passes against these rules."""
    req.keep = []  # the test case is run by `cleaner rules test`, which keeps nothing
    text = req.rules_yaml
    if text is None:  # nothing edited: start from the matched site's file (or a template)
        first = run(base, req, time_budget)
        text = base_yaml(base, first["result"]["site"] or _host_site(req.url))["yaml"]
        req.rules_yaml = text
    known = base.phrase_patterns()  # html_phrases an untrusted text may list (see load_text)
    edited = load_text(text, "editor.yaml", known=known)
    outcome = run(base, req, time_budget)
    yaml = YAML(typ="rt")
    yaml.width = 4096
    yaml.indent(mapping=2, sequence=4, offset=2)
    data = yaml.load(text)
    tests = data.get("tests")
    if not isinstance(tests, list):
        tests = CommentedSeq()
        data["tests"] = tests
    tests.append(test_case(req, outcome["result"], edited.site))
    buf = io.StringIO()
    yaml.dump(data, buf)
    out = buf.getvalue()
    exported = load_text(out, f"{edited.site}.yaml", known=known)  # what we hand out must load, like any rule file
    registry = base.overlay(exported)
    failures = run_case(registry, registry.get(exported.site), exported.tests[-1])
    name = "_defaults" if edited.site == "defaults" else edited.site  # the defaults file is _defaults.yaml
    return {"filename": f"{name}.yaml", "yaml": out, "test_failures": failures,
            "tests": len(exported.tests)}


def _host_site(url: str | None) -> str | None:
    host = host_of(url)
    return host[4:] if host and host.startswith("www.") else host

