"""The shipped Full-Text RSS pack (rules/ftr): every file loads, its XPath runs, lookup, precedence, fallback."""
from __future__ import annotations

import pytest
from lxml import html

from cleaner import clean
from cleaner.errors import RuleError
from cleaner.ruleset import Registry, load_file
from cleaner.ruleset.registry import PACK_FILE, shipped_rules_dir

PACK = shipped_rules_dir() / "ftr"
FILES = sorted(p for p in PACK.glob("*.yaml") if p.name != PACK_FILE)
PROBE = html.fromstring("<html><head><title>t</title><meta name='x' content='y'></head><body><div id='a' "
                        "class='b c'><h1>h</h1><p>text <a href='/x'>link</a></p><img src='i.png'></div></body></html>")


@pytest.fixture(scope="module")
def registry() -> Registry:
    return Registry(packs=True)


def test_pack_is_complete_with_notice_licence_and_report():
    assert len(FILES) > 2000
    assert sum(p.name.startswith(".") for p in FILES) > 50         # wildcard files kept their FTR names
    notice = (PACK / "NOTICE").read_text()
    assert "CC0" in notice and "snapshot 2026-08" in notice
    assert "public domain" in (PACK / "LICENSE").read_text()
    assert "Unsupported directives per file" in (PACK / "IMPORT-REPORT.md").read_text()


@pytest.mark.slow
def test_every_pack_file_loads_and_every_selector_evaluates():
    errors, evaluated = [], 0
    for path in FILES:
        try:
            rs = load_file(path, pack="ftr")
        except RuleError as exc:
            errors.append(exc.detail)
            continue
        assert rs.site.replace("_wildcard", "") == path.stem.lstrip("."), path
        for rule in (r for r in rs.rules if r.op in ("body", "strip", "meta")):
            compiled = rule.compiled.values() if isinstance(rule.compiled, dict) else [rule.compiled]
            for sel in (s for group in compiled if isinstance(group, list) for s in group):
                try:
                    sel(PROBE)   # compiling is not enough: an unknown XPath function fails only here
                    evaluated += 1
                except Exception as exc:  # noqa: BLE001 - any failure is a finding
                    errors.append(f"{path.name}: {rule.id}: {exc}")
    assert errors == []
    assert evaluated > 10000


def test_lookup_follows_ftr_file_naming(registry):
    found = registry.for_host("www.nytimes.com")
    assert found[0].site == "nytimes.com" and found[0].pack == "ftr" and found[1] == "host"
    assert registry.for_host("nytimes.com")[0].site == "nytimes.com"
    # .blogspot.com serves any subdomain, at any depth, but not blogspot.com itself
    assert registry.for_host("someone.blogspot.com")[0].site == "blogspot.com_wildcard"
    assert registry.for_host("a.b.blogspot.com")[1] == "parent"
    assert registry.for_host("blogspot.com") is None
    # example.com.txt is for example.com and www.example.com only, as in Full-Text RSS
    assert registry.for_host("news.theverge.com") is None
    # the most specific file wins: exact host, then the nearest wildcard
    assert registry.for_host("cooking.nytimes.com")[0].site == "cooking.nytimes.com"
    assert registry.for_host("travel.nytimes.com")[0].site == "nytimes.com_wildcard"
    assert registry.for_host("x.blogs.nytimes.com")[0].site == "blogs.nytimes.com_wildcard"
    assert registry.for_host("pogue.blogs.nytimes.com")[0].site == "pogue.blogs.nytimes.com"


def test_hand_written_file_wins_and_packs_can_be_switched_off(monkeypatch, registry):
    assert (PACK / "independent.co.uk.yaml").is_file()
    rs, how = registry.for_host("www.independent.co.uk")
    assert rs.pack is None and rs.site == "independent.co.uk"
    monkeypatch.setenv("CLEANER_RULE_PACKS", "off")
    off = Registry()
    assert off.packs == [] and off.for_host("www.nytimes.com") is None


def test_lookup_is_lazy_and_memoised(registry):
    pack = registry.packs[0]
    assert len(pack.cache) < len(FILES)         # nothing loaded until asked
    before = set(pack.cache)
    first = registry.for_host("www.theverge.com")[0]
    for _ in range(100):
        # served from memory after the first parse: the same object, no file read again
        assert registry.for_host("www.theverge.com")[0] is first
        assert registry.for_host("www.no-such-site-anywhere.org") is None
    assert first.site == "theverge.com"
    assert set(pack.cache) - before <= {"theverge.com"}   # only the file asked for was read


PAGE = """<html><head><title>Storm hits coast</title></head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="page"><h1>Storm hits coast</h1>
<p>The storm reached the coast on Tuesday night, bringing winds of over 100 miles an hour and flooding
several towns along the estuary, officials said.</p>
<p>Emergency services evacuated more than two thousand people from low-lying areas before the tide peaked
early on Wednesday morning, and no deaths were reported.</p>
<p>Forecasters expect the weather to calm by the weekend, although further rain is likely in the north.</p>
%s
</div><footer>Copyright 2026</footer></body></html>"""


def test_real_pack_rule_body_and_strip_on_a_hand_made_page(registry):
    # nytimes.com's imported rule: body //section[@name="articleBody"], strip //aside and //button
    page = PAGE % ('<section name="articleBody"><p>Inside the article body the reporter describes the damage to '
                   'the harbour walls and the fishing fleet in some detail.</p><aside>Related: other storms of '
                   'the decade</aside><button>Share this</button></section>')
    r = clean(page, "https://www.nytimes.com/2026/11/28/storm.html", registry=registry)
    assert r.site == "nytimes.com"
    assert "harbour walls" in r.text and "Emergency services" not in r.text   # the site body, not generic
    assert "other storms" not in r.text and "Share this" not in r.text
    assert {"nytimes.com:strip.l48", "nytimes.com:strip.l46"} <= {x.rule for x in r.removed}
    assert not any("matched nothing" in w for w in r.warnings)


def test_body_selector_matching_nothing_falls_back_to_generic_extraction_with_a_warning(registry):
    r = clean(PAGE % "", "https://www.nytimes.com/2026/11/28/storm.html", registry=registry)
    assert r.site == "nytimes.com"
    assert "Emergency services evacuated" in r.text and "Forecasters expect" in r.text
    assert any("nytimes.com:body" in w and "matched nothing" in w for w in r.warnings)


def test_body_selector_matching_only_an_empty_placeholder_falls_back_too(registry):
    # lesswrong.com's imported body is div.PostsPage-postContent; pages that stream the post in later
    # ship that div empty, which must not leave an empty result.
    page = PAGE % '<div class="PostsPage-postContent content"><div id="postContent"><template></template></div></div>'
    r = clean(page, "https://www.lesswrong.com/posts/abc/storm", registry=registry)
    assert r.site == "lesswrong.com"
    assert "Emergency services evacuated" in r.text
    assert any("lesswrong.com:body" in w and "empty" in w for w in r.warnings)


def test_prune_drops_chrome_inside_the_site_body(write_rules):
    # FTR's default `prune: yes`: a site body that also wraps a most-read list loses the list
    links = "".join(f'<li><a href="/story/{i}">Most read story number {i} of today</a></li>' for i in range(12))
    page = ("<html><body><div class='content'><h2>Markets rally</h2>"
            + "".join(f"<p>Paragraph {i} of the report explains, in some detail and with figures, why shares rose "
                      f"on Friday after the central bank kept rates unchanged.</p>" for i in range(5))
            + f"<div class='module'><h3>Most read</h3><ul>{links}</ul></div></div></body></html>")
    texts = {}
    for prune in (True, False):
        d = write_rules({"_defaults.yaml": (shipped_rules_dir() / "_defaults.yaml").read_text(),
                         "example.com.yaml": f"site: example.com\nrules:\n  - id: body\n    op: body\n"
                                             f"    selectors: [\"xpath://div[@class='content']\"]\n"
                                             f"    prune: {str(prune).lower()}\n"})
        r = clean(page, "https://example.com/markets", registry=Registry([d]))
        assert "Paragraph 4 of the report" in r.text
        texts[prune] = r.text
        (d / "example.com.yaml").unlink()
    assert "Most read story number 7" in texts[False]
    assert "Most read story number 7" not in texts[True]


def test_strip_never_removes_most_of_the_page_paragraphs(registry):
    # wsj.com's imported rule strips //div[contains(@class,'snippet')] (written for subscriber pages);
    # on a paywall preview the article itself sits in such a div and must survive, with a warning.
    article = "".join(f"<p>Preview paragraph {i} tells readers what the full article covers, at some length and "
                      f"with detail.</p>" for i in range(4))
    page = (f"<html><body><nav><a href='/'>Home</a></nav><div class='wsj-snippet-body'>{article}</div>"
            "<div class='snippet-promotion'><p>Subscribe to continue reading.</p></div></body></html>")
    r = clean(page, "https://www.wsj.com/articles/preview-123", registry=registry)
    assert r.site == "wsj.com"
    assert "Preview paragraph 3" in r.text
    assert any("wsj.com:strip.l99" in w and "most of the page" in w for w in r.warnings)
    assert "Subscribe to continue" not in r.text    # the small snippet-promotion div is still stripped


def test_a_wildcard_site_id_can_be_forced(registry):
    page = PAGE % ""
    r = clean(page, site="blogspot.com_wildcard", registry=registry)
    assert r.site == "blogspot.com_wildcard" and "Emergency services" in r.text
    assert registry.get("nytimes.com").pack == "ftr"
