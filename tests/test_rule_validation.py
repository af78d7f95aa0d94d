"""Broken rule files are rejected at load with an error naming file, line and key."""
from __future__ import annotations

import pytest

from cleaner import Registry, RuleError
from cleaner.ruleset import load_file, load_text

GOOD = """\
site: example.com
rules:
  - id: promo
    op: drop_phrase
    category: promo
    phrases: [Buy now]
"""


def _err(text: str) -> RuleError:
    with pytest.raises(RuleError) as info:
        load_text(text, "site.yaml")
    return info.value


def test_good_file_loads():
    rs = load_text(GOOD, "site.yaml")
    assert rs.site == "example.com" and rs.domains == ["example.com"] and rs.extends == "defaults"
    assert [r.qid for r in rs.rules] == ["example.com:promo"]
    assert rs.rules[0].options["max_chars"] == 400  # defaults filled in


def test_unknown_key_names_line_and_key():
    e = _err(GOOD.replace("    phrases: [Buy now]", "    phrases: [Buy now]\n    phrase: [oops]"))
    assert (e.file, e.line, e.key) == ("site.yaml", 7, "rules[0].phrase")
    assert "unknown key 'phrase'" in e.detail and "site.yaml:7" in str(e)


def test_unknown_top_level_key():
    e = _err("site: example.com\nrulez: []\n")
    assert (e.line, e.key) == (2, "rulez")


def test_wrong_type():
    e = _err(GOOD.replace("phrases: [Buy now]", "phrases: Buy now"))
    assert (e.line, e.key) == (6, "rules[0].phrases")
    assert "array" in e.detail


def test_bad_regex_is_refused_with_its_key():
    e = _err(GOOD.replace("op: drop_phrase", "op: drop_regex").replace("phrases: [Buy now]", "patterns: ['(unclosed']"))
    assert (e.line, e.key) == (6, "rules[0].patterns")
    assert "invalid regex" in e.detail


@pytest.mark.parametrize("key", ["model", "gate"])
def test_missing_model_file_is_refused_with_its_key(key):
    e = _err(f"site: example.com\nrules:\n  - id: page-text\n    op: classify_lines\n    {key}: /nowhere/{key}.json\n")
    assert (e.file, e.line, e.key) == ("site.yaml", 5, f"rules[0].{key}")
    assert f"/nowhere/{key}.json" in e.detail


@pytest.mark.parametrize("pattern", [r"(a)\1", r"(?<=x)y", r"(?=x)"])
def test_backtracking_only_regex_features_are_refused(pattern):
    text = GOOD.replace("op: drop_phrase", "op: drop_regex").replace("phrases: [Buy now]", f"patterns: ['{pattern}']")
    assert "RE2" in _err(text).detail


def test_catastrophic_regex_runs_in_linear_time():
    # (a+)+$ hangs a backtracking engine on 'aaaa...b'; RE2 answers at once.
    rs = load_text(GOOD.replace("op: drop_phrase", "op: drop_regex").replace("phrases: [Buy now]", "patterns: ['(a+)+$']"))
    assert rs.rules[0].compiled.search("a" * 100_000 + "b") is None
    assert type(rs.rules[0].compiled).__module__.startswith("re2")


def test_unknown_operation_lists_known_ones():
    e = _err(GOOD.replace("op: drop_phrase", "op: drop_everything"))
    assert (e.line, e.key) == (4, "rules[0].op")
    assert "drop_phrase" in e.detail


def test_missing_required_option_and_category():
    e = _err("site: example.com\nrules:\n  - id: x\n    op: drop_phrase\n    category: promo\n")
    assert "phrases" in e.detail and e.line == 3
    e = _err("site: example.com\nrules:\n  - id: x\n    op: drop_phrase\n    phrases: [a]\n")
    assert "category" in e.detail


def test_unknown_category():
    e = _err(GOOD.replace("category: promo", "category: promotions"))
    assert (e.line, e.key) == (5, "rules[0].category")


def test_duplicate_rule_id():
    e = _err(GOOD + "  - id: promo\n    op: drop_phrase\n    category: ad\n    phrases: [x]\n")
    assert "duplicate rule id" in e.detail and e.line == 7


def test_bad_selector():
    e = _err("site: example.com\nrules:\n  - id: s\n    op: strip\n    category: ad\n    selectors: ['//div[@class=']\n")
    assert (e.line, e.key) == (6, "rules[0].selectors") and "xpath" in e.detail


def test_yaml_syntax_error_has_line():
    e = _err("site: example.com\nrules:\n  - id: x\n   op: [\n")
    assert e.line is not None and "YAML syntax" in e.detail


def test_billion_laughs_is_refused():
    bomb = 'a: &a ["lol","lol"]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nsite: x\n'
    e = _err(bomb)
    assert "aliases" in e.detail and e.line == 2


def test_unsafe_tags_are_never_executed(tmp_path):
    marker = tmp_path / "pwned"
    text = f"site: x\ndescription: !!python/object/apply:os.system ['touch {marker}']\n"
    assert "tags are not allowed" in _err(text).detail
    assert not marker.exists()


def test_huge_file_is_refused(tmp_path):
    f = tmp_path / "huge.com.yaml"
    f.write_text("site: huge.com\ndescription: '" + "x" * (2 << 20) + "'\n")
    with pytest.raises(RuleError) as info:
        load_file(f)
    assert "larger than" in info.value.detail and info.value.file == str(f)


def test_not_a_mapping():
    assert _err("- just\n- a list\n").line == 1


def test_registry_rejects_unknown_parent_and_names_file(write_rules):
    d = write_rules({"_defaults.yaml": "site: defaults\n", "a.com.yaml": "site: a.com\nextends: nothere\n"})
    with pytest.raises(RuleError) as info:
        Registry([d])
    assert info.value.file.endswith("a.com.yaml") and info.value.key == "extends"


def test_registry_reports_broken_file_among_good_ones(write_rules):
    d = write_rules({"_defaults.yaml": "site: defaults\n", "ok.com.yaml": "site: ok.com\n",
                     "bad.com.yaml": "site: bad.com\nrules:\n  - id: x\n    op: nope\n"})
    with pytest.raises(RuleError) as info:
        Registry([d])
    assert info.value.file.endswith("bad.com.yaml") and info.value.line == 4
