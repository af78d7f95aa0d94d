"""The Full-Text RSS config parser and converter, on hand-written config texts."""
from __future__ import annotations

from lxml import html

from cleaner.ftr import convert, id_or_class_xpath, parse_text
from cleaner.ftr.convert import check_xpath, site_id
from cleaner.ruleset.loader import load_text
from cleaner.ftr.importer import dump

CONFIG = """\
# a comment
title: //h1[@class='headline']
author: //meta[@name='author']/@content
date: //time/@datetime
body: //div[@id='story']
body: //article[@class='post']
strip: //div[@class='share']
strip_id_or_class: promo
strip_image_src: /ads/
find_string: <amp-img
replace_string: <img
replace_string(<br><br>): <p>
prune: no
tidy: yes
single_page_link: //a[@rel='print']/@href
http_header(user-agent): Mozilla/5.0
login_uri: https://example.com/login
this line has no colon
titl: //h1
test_url: https://example.com/a
test_contains: first sentence
test_url: https://example.com/b
"""


def test_directives_keep_order_and_line_numbers():
    cfg = parse_text(CONFIG, "example.com.txt")
    assert [d.name for d in cfg.values("body")] == ["body", "body"]
    assert cfg.values("body")[1].line == 6
    repl = [d for d in cfg.directives if d.name == "replace_string"]
    assert (repl[1].arg, repl[1].value) == ("<br><br>", "<p>")
    assert cfg.flag("prune") is False and cfg.flag("tidy") is True and cfg.flag("autodetect_on_failure") is None


def test_malformed_lines_are_reported_with_file_and_line():
    cfg = parse_text(CONFIG, "example.com.txt")
    found = {(p.file, p.line, p.message) for p in cfg.problems}
    assert ("example.com.txt", 18, "not a `directive: value` line") in found
    assert ("example.com.txt", 19, "unknown directive 'titl'") in found
    assert len(cfg.problems) == 2


def test_flag_with_a_wrong_word_is_reported_and_read_as_no_like_ftr():
    cfg = parse_text("prune: true\n", "x.txt")
    assert cfg.flag("prune") is False
    assert cfg.problems[0].line == 1 and "yes or no" in cfg.problems[0].message


def test_conversion_maps_every_directive_and_lists_the_unsupported():
    conv = convert(parse_text(CONFIG, "example.com.txt"), "example.com", source_text=CONFIG)
    rules = {r["id"]: r for r in conv.data["rules"]}
    assert rules["meta"]["title"] == ["xpath://h1[@class='headline']"]
    assert rules["body"]["selectors"] == ["xpath://div[@id='story']", "xpath://article[@class='post']"]
    assert rules["body"]["prune"] is False          # the file says prune: no
    assert rules["strip.l7"]["selectors"] == ["xpath://div[@class='share']"]
    assert rules["strip-id-or-class.l8"]["selectors"] == ["xpath:" + id_or_class_xpath("promo")]
    assert rules["replace"]["pairs"] == [{"find": "<amp-img", "replace": "<img"}, {"find": "<br><br>", "replace": "<p>"}]
    unsupported = [(u["line"], u["directive"]) for u in conv.unsupported]
    assert unsupported == [(15, "single_page_link"), (16, "http_header(user-agent)"), (17, "login_uri")]
    src = conv.data["source"]
    assert src["tests"] == [{"url": "https://example.com/a", "contains": ["first sentence"]},
                            {"url": "https://example.com/b"}]
    assert src["settings"] == {"prune": False, "tidy": True}
    assert [p["line"] for p in src["problems"]] == [18, 19]
    # The written file is a valid rule file.
    rs = load_text(dump(conv.data, "example.com.txt"), "example.com.yaml", pack="ftr")
    assert [r.op for r in rs.rules] == ["replace", "meta", "strip", "strip", "strip", "body"]


def test_strip_id_or_class_matches_substrings_of_id_or_class_as_ftr_does():
    root = html.fromstring("<div><p id='x-promo-box'>a</p><p class='big promotion'>b</p>"
                           "<p class='pro mo'>c</p><p title='promo'>d</p></div>")
    found = root.xpath(id_or_class_xpath("promo"))
    assert [e.text for e in found] == ["a", "b"]
    # quotes are removed from the value, as FTR does, so the XPath always compiles
    assert root.xpath(id_or_class_xpath("it's")) == []


def test_unpaired_find_replace_are_all_skipped_and_reported():
    conv = convert(parse_text("find_string: a\nfind_string: b\nreplace_string: c\nbody: //div\n", "x.txt"), "x.com")
    assert all(r["op"] != "replace" for r in conv.data["rules"])
    assert "2 find_string but 1 replace_string" in conv.problems[0].message


def test_an_xpath_lxml_cannot_evaluate_is_refused_and_reported():
    assert check_xpath("//div[contains(@class='x')]")            # wrong arity: fails at evaluation
    assert check_xpath("//div[") and check_xpath("//div") is None
    conv = convert(parse_text("body: //div[contains(@class='x')]\nbody: //main[@id='m']\n", "x.txt"), "x.com")
    assert conv.data["rules"][-1]["selectors"] == ["xpath://main[@id='m']"]
    assert conv.dropped[0]["line"] == 1


def test_wildcard_files_get_their_own_site_id():
    assert site_id(".example.com") == "example.com_wildcard" and site_id("example.com") == "example.com"
    conv = convert(parse_text("body: //main\n", ".example.com.txt"), ".example.com")
    rs = load_text(dump(conv.data, ".example.com.txt"), ".example.com.yaml", pack="ftr")
    assert rs.site == "example.com_wildcard" and rs.domains == [".example.com"]


def test_unknown_xpath_functions_are_found_even_when_the_probe_never_evaluates_them():
    assert "contain" in check_xpath('//a[contain(@class, "text-sm")]')
    assert "ends-with" in check_xpath("//a[ends-with(@href, '.pdf')]")
    assert check_xpath("//div[@a or (@b and not(@c))] | (//p)[1]") is None
    assert check_xpath("//div[contains(., 'call foo(bar)')]") is None     # text in literals is not a call


def test_catch_all_body_selectors_are_left_to_generic_extraction():
    text = "body: //div[@class='story']\nbody: //article\nbody: (//main)[1]\n"
    conv = convert(parse_text(text, "x.txt"), "x.com")
    assert conv.data["rules"][-1]["selectors"] == ["xpath://div[@class='story']"]
    assert conv.data["source"]["left_to_generic"] == [{"line": 2, "value": "//article"},
                                                      {"line": 3, "value": "(//main)[1]"}]
    only = convert(parse_text("body: //article[1]\nstrip: //aside\n", "y.txt"), "y.com")
    assert [r["op"] for r in only.data["rules"]] == ["strip"]      # no body rule: generic extraction picks it
