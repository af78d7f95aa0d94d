"""The HTML path's phrase lists (`html_phrases:` in rule files): a site adds to the defaults' lists, a bad
entry fails at load naming file, line and key, and text from outside (the playground) may only list
patterns the loaded files already have."""
from __future__ import annotations

import pytest

from cleaner import RuleError, clean
from cleaner.ruleset import Registry, load_file, load_text
from cleaner.ruleset.registry import shipped_rules_dir

from .test_html_tail import PARAS  # the same five paragraphs of an article

URL = "https://mba.example.com/top-programmes"
TEASERS = ["How to write the essay admissions officers remember",
           "What the interview is really testing, according to former interviewers",
           "Part-time programmes compared: cost, length and what employers think"]
SITE = """\
site: mba.example.com
version: 1
domains: [mba.example.com]
html_phrases:
  tail_headings:
    - 'elsewhere on mba weekly'
"""


def _page() -> str:
    body = ("".join(f"<p>{p}</p>" for p in PARAS[:3]) + "<p><a href='#top'>Back to top</a></p>"
            + "".join(f"<p>{p}</p>" for p in PARAS[3:]) + "<h3>Elsewhere on MBA Weekly</h3>"
            + "".join(f"<p><a href='/a/{k}'>{t}</a></p>" for k, t in enumerate(TEASERS)))
    return (f"<html><head><title>Top programmes</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article class='post'><h1>Top programmes</h1>{body}</article><footer>Copyright</footer></body></html>")


@pytest.fixture
def registry(write_rules) -> Registry:
    """The shipped defaults and a site file that adds one tail heading."""
    return Registry([shipped_rules_dir(), write_rules({"mba.example.com.yaml": SITE})])


def test_a_site_adds_a_tail_heading_and_keeps_the_defaults_lists(registry):
    r = clean(_page(), URL, content_type="html", registry=registry)
    assert r.site == "mba.example.com" and all(p in r.text for p in PARAS)
    assert not any(t in r.text for t in TEASERS) and "Elsewhere on MBA Weekly" not in r.text
    rules = {x.rule for x in r.removed}
    assert "html:related-tail" in rules
    # the defaults' lists still apply in the site's set, without being restated there
    assert "Back to top" not in r.text and "html:button" in rules
    # ...and the heading is the site's: the defaults alone keep it and its teasers
    generic = clean(_page(), URL, content_type="html", registry=registry, site_rules=False)
    assert "Elsewhere on MBA Weekly" in generic.text and TEASERS[-1] in generic.text
    assert "html:related-tail" not in {x.rule for x in generic.removed}
    assert "Back to top" not in generic.text


def test_the_lists_merge_and_compile_once_per_rule_set(registry):
    site, defaults = registry.get("mba.example.com"), registry.defaults
    assert site.phrase_lists()["tail_headings"] == [*defaults.phrase_lists()["tail_headings"],
                                                    "elsewhere on mba weekly"]
    assert site.phrase_lists()["controls"] == defaults.phrase_lists()["controls"]
    assert site.phrases() is site.phrases() and site.phrases() is not defaults.phrases()
    other = load_text("site: other.example.com\n", "other.yaml")
    other.parent = defaults
    assert other.phrases() is defaults.phrases()  # nothing added: the defaults' compiled patterns


@pytest.mark.parametrize("lists, line, key, words", [
    ("  tail_headings:\n    - 'elsewhere'\n    - 'elsewhere on ('\n", 6, "html_phrases.tail_headings[1]",
     "invalid regex"),
    ("  tail_headings: elsewhere\n", 4, "html_phrases.tail_headings", "not of type 'array'"),
    ("  counters:\n    - 5\n", 5, "html_phrases.counters[0]", "not of type 'string'"),
    ("  tail_heading:\n    - 'elsewhere'\n", 4, "html_phrases.tail_heading", "unknown key 'tail_heading'"),
    # compiles alone, not in its frame (the shortcode's group has that name)
    ("  widgets:\n    - '(?P<shortcode>x)'\n", 4, "html_phrases.widgets", "do not compile together"),
])
def test_a_bad_entry_fails_at_load_naming_file_line_and_key(tmp_path, lists, line, key, words):
    path = tmp_path / "bad.example.com.yaml"
    path.write_text("site: bad.example.com\nversion: 1\nhtml_phrases:\n" + lists, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_file(path)
    e = info.value
    assert (e.file, e.line, e.key) == (str(path), line, key)
    assert words in e.detail and f"{path}:{line}:" in str(e)


def test_text_from_outside_lists_only_patterns_the_files_have(registry):
    with pytest.raises(RuleError) as info:
        load_text(SITE, "editor.yaml")  # a backtracking pattern no file on disk vouches for
    assert (info.value.line, info.value.key) == (6, "html_phrases.tail_headings[0]")
    assert "on disk" in info.value.detail
    assert load_text(SITE, "editor.yaml", known=registry.phrase_patterns()).html_phrases == {
        "tail_headings": ["elsewhere on mba weekly"]}
    defaults = (shipped_rules_dir() / "_defaults.yaml").read_text(encoding="utf-8")
    assert load_text(defaults, "editor.yaml", known=registry.phrase_patterns()).phrase_lists()
