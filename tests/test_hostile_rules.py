"""Hostile rule files beyond tests/test_rule_validation.py: deep nesting, node floods, every tag form,
regexes RE2 refuses or runs in linear time; each is a RuleError naming the file, never a hang or a crash."""
from __future__ import annotations

import time

import pytest

from cleaner import RuleError
from cleaner.ruleset import load_file, load_text

SLACK = 20.0  # seconds: a bound that catches a hang (these took minutes before), not a speed target


def _refused(text: str) -> RuleError:
    started = time.monotonic()
    with pytest.raises(RuleError) as info:
        load_text(text, "hostile.yaml")
    assert time.monotonic() - started < SLACK
    assert info.value.file == "hostile.yaml"
    return info.value


@pytest.mark.parametrize("text", [
    "site: x\ndescription: " + "[" * 100_000 + "]" * 100_000 + "\n",             # scanner was quadratic: hung
    "site: x\ndescription: " + "[a, " * 100_000 + "]" * 100_000 + "\n",
    "site: x\ndescription: " + "{a: " * 50_000 + "}" * 50_000 + "\n",
    "site: x\nd: " + "[\n" * 3000 + "]\n" * 3000,                                 # RecursionError escaped
    "site: x\nd:\n" + "".join(" " * i + "a:\n" for i in range(1, 900)),
    "site: x\nd:\n" + "".join(" " * i + "- \n" for i in range(1, 900)),
], ids=["flow-brackets", "flow-items", "flow-maps", "multiline-flow", "block-maps", "block-seqs"])
def test_deep_nesting_is_refused_quickly(text):
    assert "nested more than" in _refused(text).detail


def test_node_flood_is_refused():
    text = "site: x\ntests:\n" + "".join("  - {name: t, input: a}\n" for _ in range(30_000))
    assert "YAML nodes" in _refused(text).detail


@pytest.mark.parametrize("text", [
    "site: x\ndescription: !!python/name:os.system\n",
    "site: x\ndescription: !!python/object/new:os.system [echo pwned]\n",
    "site: x\n!!python/object:os.system a: b\n",
    "%TAG !e! tag:yaml.org,2002:python/\n---\nsite: x\ndescription: !e!object/apply:os.system [echo]\n",
    "site: x\ndescription: !custom bar\n",
    "site: x\ndescription: !!binary aGVsbG8=\n",
    "site: x\ndescription: !!set {a, b}\n",
    "site: x\nrules:\n  - !!python/object/apply:os.system [echo]\n",
], ids=["name", "object-new", "tagged-key", "tag-directive", "local-tag", "binary", "set", "tagged-rule"])
def test_every_tag_form_is_refused(text):
    assert "tags are not allowed" in _refused(text).detail


def test_alias_in_merge_key_is_refused():
    assert "aliases" in _refused("base: &b {description: y}\nsite: x\n<<: *b\n").detail


@pytest.mark.parametrize("pattern", ["(a{1000}){1000}", "x{1001}", "(?P<n>a)(?P=n)"])
def test_regexes_re2_cannot_run_are_refused_at_load(pattern):
    text = f"site: x\nrules:\n  - id: r\n    op: drop_regex\n    category: ad\n    patterns: ['{pattern}']\n"
    e = _refused(text)
    assert e.key == "rules[0].patterns" and e.line == 6


def test_nested_quantifiers_load_and_match_in_linear_time():
    rs = load_text("site: x\nrules:\n  - id: r\n    op: drop_regex\n    category: ad\n"
                   "    patterns: ['((((((((((a*)*)*)*)*)*)*)*)*)*)*b', '(x+x+)+y', '(a|aa)+$']\n", "ok.yaml")
    started = time.monotonic()
    rx = rs.rules[0].compiled  # one alternation of all patterns
    assert rx.search("a" * 200_000 + "c") is None   # each pattern alone would backtrack for ages in `re`
    assert rx.search("x" * 200_000) is None
    assert rx.search("a" * 200_000) is not None
    assert time.monotonic() - started < SLACK


def test_huge_file_via_string_and_file(tmp_path):
    big = "site: huge.com\ndescription: '" + "x" * (1 << 20) + "'\n"
    assert "larger than" in _refused(big).detail
    f = tmp_path / "huge.com.yaml"
    f.write_bytes(b"site: huge.com\n" + b"# padding\n" * 200_000)
    with pytest.raises(RuleError) as info:
        load_file(f)
    assert "larger than" in info.value.detail


def test_binary_and_non_utf8_rule_file(tmp_path):
    f = tmp_path / "bin.com.yaml"
    f.write_bytes(b"site: bin.com\ndescription: \xff\xfe\x00\x01\n")
    with pytest.raises(RuleError) as info:
        load_file(f)
    assert "UTF-8" in info.value.detail


@pytest.mark.parametrize("op", ["drop_everything", "", "DROP_PHRASE", "__import__"])
def test_unknown_operation_names(op):
    e = _refused(f"site: x\nrules:\n  - id: r\n    op: '{op}'\n    category: ad\n")
    assert "unknown operation" in e.detail and e.key == "rules[0].op"
