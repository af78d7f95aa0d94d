"""Rule set lookup: exact host, parent domain, alias, content detection, forced, generic, extra dirs."""
from __future__ import annotations

import pytest

from cleaner import Registry, UnknownSiteError, clean
from cleaner.ruleset import shipped_rules_dir

DEFAULTS = (shipped_rules_dir() / "_defaults.yaml").read_text()
SITE = """\
site: example.com
domains: [example.com]
aliases: [example.org]
detect:
  phrases: [Example Corp readers]
rules:
  - id: promo
    op: drop_phrase
    category: promo
    phrases: [Buy the Example mug]
tests:
  - input: "The council approved the new budget on Monday after a long debate.\\n\\nBuy the Example mug"
    contains: [The council approved]
    not_contains: [mug]
"""
SUB = "site: news.example.com\nrules:\n  - id: sub\n    op: drop_phrase\n    category: promo\n    phrases: [Sub promo]\n"
DOC = "The council approved the new budget on Monday after a long debate.\n\nBuy the Example mug\n\nSub promo"


@pytest.fixture
def registry(write_rules):
    return Registry([write_rules({"_defaults.yaml": DEFAULTS, "example.com.yaml": SITE,
                                  "news.example.com.yaml": SUB})])


@pytest.mark.parametrize("url,site,how", [
    ("https://example.com/a", "example.com", "host"),
    ("https://www.example.com/a", "example.com", "parent"),
    ("https://deep.www.example.com/a", "example.com", "parent"),
    ("https://news.example.com/a", "news.example.com", "host"),
    ("https://example.org/x", "example.com", "alias"),
    ("http://EXAMPLE.COM:8080/x", "example.com", "host"),
    ("https://other.net/x", None, None),
])
def test_lookup_by_url(registry, url, site, how):
    r = clean(DOC, url, registry=registry)
    assert (r.site, r.site_match) == (site, how)


def test_detect_from_content_without_url(registry):
    r = clean("Dear Example Corp readers, the mug is back.\n\nBuy the Example mug\n\n" + DOC, registry=registry)
    assert (r.site, r.site_match) == ("example.com", "detect")
    assert "mug" not in r.text.split("\n\n")[-1]


def test_forced_site_and_generic_mode(registry):
    assert clean(DOC, site="example.com", registry=registry).site_match == "forced"
    r = clean(DOC, "https://example.com/", site_rules=False, registry=registry)
    assert r.site is None and "Buy the Example mug" in r.text
    with pytest.raises(UnknownSiteError):
        clean(DOC, site="nope.com", registry=registry)


def test_site_inherits_defaults_and_can_disable(write_rules):
    site = SITE + "disable: [comment-prompt]\n"
    reg = Registry([write_rules({"_defaults.yaml": DEFAULTS, "example.com.yaml": site})])
    r = clean(DOC + "\n\nJoin our commenting forum\n\nThank you for registering", "https://example.com", registry=reg)
    assert "Join our commenting forum" in r.text          # disabled default
    assert "Thank you for registering" not in r.text     # inherited default
    assert "Buy the Example mug" not in r.text           # own rule


def test_later_directory_overrides(tmp_path, write_rules, monkeypatch):
    first = write_rules({"_defaults.yaml": DEFAULTS, "example.com.yaml": SITE})
    second = tmp_path / "more"
    second.mkdir()
    (second / "example.com.yaml").write_text(SITE.replace("Buy the Example mug]", "Sub promo]"))
    reg = Registry([first, second])
    r = clean(DOC, "https://example.com", registry=reg)
    assert "Buy the Example mug" in r.text and "Sub promo" not in r.text
    monkeypatch.setenv("CLEANER_RULES_DIR", str(second))
    env_reg = Registry()
    assert env_reg.get("example.com").file == str(second / "example.com.yaml")
    assert "independent.co.uk" in env_reg.sets  # shipped rules still there


def test_detect_sees_the_first_500000_characters_even_when_their_utf8_is_longer(write_rules):
    from cleaner.ruleset import Registry
    rules = write_rules({
        "_defaults.yaml": "site: defaults\nversion: 1\nrules: []\n",
        "far.example.yaml": ("site: far.example\nextends: defaults\nversion: 1\ndomains: [far.example]\n"
                             "detect:\n  phrases: [Far Example readers]\nrules: []\n"),
    })
    text = "é" * 400_000 + " Far Example readers"   # within 500,000 characters, past 500,000 bytes
    ruleset, how = Registry(dirs=[rules]).resolve(None, text)
    assert (ruleset.site, how) == ("far.example", "detect")
