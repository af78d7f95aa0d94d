"""Fuzz targets: one function per path, each taking raw bytes. Run one under libFuzzer with
`python -m fuzz.targets TARGET [libFuzzer flags...]` (the runner in fuzz/__main__.py does this).

A target fails (libFuzzer reports a crash and saves the input) when clean() or the loader raises anything
but the library's typed errors, returns an empty text, or keeps words that were not in the input.
"""
from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["cleaner"]):
    from cleaner import CleanResult, clean, get_registry
    from cleaner.decode import decode, sanitize
    from cleaner.errors import CleanerError
    from cleaner.ruleset import load_text

BUDGET = 2.0  # seconds per input: a hang shows as libFuzzer's -timeout, far above this


def _check(result: CleanResult) -> None:
    assert isinstance(result, CleanResult)
    assert result.text.strip(), "empty text returned instead of an error"


def text_target(data: bytes) -> None:
    """Bytes as a plain-text document: result or typed error; output words come from the input."""
    try:
        result = clean(data, content_type="text", time_budget=BUDGET)
    except CleanerError:
        return
    _check(result)
    source = sanitize(decode(data, "text"))  # the engine's own decoding of the same bytes
    for word in result.text.split():
        assert word in source, f"invented word {word!r}"


def html_target(data: bytes) -> None:
    """Bytes as an HTML document (forced and detected): result or typed error."""
    for content_type in ("html", None):
        try:
            _check(clean(data, content_type=content_type, time_budget=BUDGET))
        except CleanerError:
            pass


DOC = ("Council approves the new budget\n\nBy Jane Smith\nFriday 30 December 2016 13:31 GMT\n\n"
       "The council approved the budget on Tuesday after a long debate about schools and roads.\n\n"
       "A man walks past a shop (Getty)\nA man walks past a shop\n\nJoin our commenting forum\n\n"
       "Officials said the plan would be reviewed next spring, once the new figures are in.\n")
_registry = None


def rules_target(data: bytes) -> None:
    """Bytes as a rule file: a RuleSet or a RuleError, never anything else; a loaded set then cleans a
    document in text and HTML mode with a result or a typed error."""
    global _registry
    try:
        ruleset = load_text(data.decode("utf-8", "replace"), "fuzz.yaml")
        if _registry is None:
            _registry = get_registry()
        registry = _registry.overlay(ruleset)
    except CleanerError:
        return
    site = None if ruleset.site == "defaults" else ruleset.site
    for doc in (DOC, "<html><body><article>" + DOC.replace("\n\n", "<p>") + "</article></body></html>"):
        try:
            _check(clean(doc, site=site, registry=registry, time_budget=BUDGET))
        except CleanerError:
            pass


TARGETS = {"text": text_target, "html": html_target, "rules": rules_target}


def main(argv: list[str]) -> None:
    """python -m fuzz.targets TARGET [libFuzzer args]"""
    target = TARGETS[argv[1]]
    atheris.Setup([argv[0], *argv[2:]], target)
    atheris.Fuzz()


if __name__ == "__main__":
    main(sys.argv)
