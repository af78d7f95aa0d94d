"""In HTML mode, what lies outside the extracted body is listed in `removed` too."""
from __future__ import annotations

from cleaner import clean

PAGE = """<html><head><title>Budget approved | Daily</title></head><body>
<nav class="top menu"><a href="/">Home</a> <a href="/news">News</a></nav>
<div id="main"><article><h1>Budget approved</h1>
<p>The council approved the new budget on Monday after a long debate that lasted well into the night, officials said.</p>
<p>Spending on schools will rise by four percent, while road repairs will receive an extra two million pounds next year.</p>
<p>The opposition criticised the plan, saying it did little to address the housing shortage in the city centre.</p>
</article></div>
<footer>Copyright 2024 Daily News. All rights reserved.</footer></body></html>"""


def test_outside_body_is_accounted_with_its_element():
    r = clean(PAGE, "https://daily.example/news/1", site_rules=False)
    assert "Home" not in r.text and "Copyright" not in r.text
    outside = {x.text: x for x in r.removed if x.rule == "engine:extraction"}
    assert outside["Home News"].category == "navigation"
    assert outside["Home News"].reason == "outside the main content: <nav.top.menu>"
    assert outside["Copyright 2024 Daily News. All rights reserved."].category == "footer"


def test_headline_is_accounted_once():
    r = clean(PAGE, site_rules=False)
    assert r.title == "Budget approved"
    assert [x.text for x in r.removed].count("Budget approved") == 1


def test_a_page_that_is_only_its_headline_keeps_it():
    page = ("<html><head><title>Ask: which budget app do you use?</title></head><body><nav><a href='/'>Home</a>"
            "</nav><main><h1>Ask: which budget app do you use?</h1></main></body></html>")
    r = clean(page, site_rules=False)
    assert r.text == "Ask: which budget app do you use?"


def test_chrome_pruned_inside_the_body_is_accounted():
    page = PAGE.replace("</article>", "<div class='share-tools related-links'><a href='/a'>Share</a> "
                        "<a href='/b'>Tweet</a> <a href='/c'>Email</a></div></article>")
    r = clean(page, "https://daily.example/news/1", site_rules=False)
    assert "Tweet" not in r.text
    inside = [x for x in r.removed if x.reason and x.reason.startswith("inside")]
    assert [x.text for x in inside] == ["Share Tweet Email"]
    assert inside[0].reason == "inside the main content: <div.share-tools.related-links>"
    assert (inside[0].rule, inside[0].category) == ("defaults:share-bar", "share")  # what the share-bar rule matches


def test_a_block_pruned_inside_the_body_is_named_by_the_line_rule_that_matches_it():
    """Extraction may take a prompt out of the article before the line rules run: `removed` still names the
    rule that says what it is, unless the caller keeps that category (then it was extraction's doing)."""
    page = PAGE.replace("</article>", "<div class='share-tools'><a href='/c'>Join our commenting forum</a></div>"
                        "</article>")
    r = clean(page, "https://daily.example/news/1", site_rules=False)
    assert "commenting forum" not in r.text
    named = [(x.rule, x.category, x.reason) for x in r.removed if "commenting forum" in x.text]
    assert named == [("defaults:comment-prompt", "comment_prompt", "inside the main content: <div.share-tools>")]
    kept = clean(page, "https://daily.example/news/1", site_rules=False, keep=["comment_prompt"])
    assert [x.rule for x in kept.removed if "commenting forum" in x.text] == ["engine:extraction"]


def test_hidden_elements_and_form_controls_are_accounted():
    page = PAGE.replace('<div id="main">', '<div id="main"><div class="modal" style="display: none">'
                        "Sign up for our newsletter and never miss a story</div>"
                        "<button class='search'>Search the site</button>")
    r = clean(page, "https://daily.example/news/1", site_rules=False)
    assert "newsletter" not in r.text and "Search the site" not in r.text
    why = {x.text: x.reason for x in r.removed if x.rule == "engine:extraction"}
    assert why["Sign up for our newsletter and never miss a story"] == "hidden in the page: <div.modal>"
    assert why["Search the site"] == "form control: <button.search>"


def test_hidden_elements_inside_a_pruned_site_body_are_accounted(write_rules):
    from pathlib import Path

    from cleaner import Registry
    rules = write_rules({"daily.example.yaml": "site: daily.example\ndomains: [daily.example]\nrules:\n"
                         "  - id: body\n    op: body\n    selectors: ['#main']\n    prune: true\n"})
    registry = Registry(dirs=[Path(__file__).resolve().parents[1] / "rules", rules])
    page = PAGE.replace("<article>", "<article><p hidden>Thanks for reading! Subscribe for more.</p>")
    r = clean(page, "https://daily.example/news/1", registry=registry)
    assert "Thanks for reading" not in r.text and "Spending on schools" in r.text
    why = {x.text: (x.rule, x.reason) for x in r.removed}
    assert why["Thanks for reading! Subscribe for more."] == ("daily.example:body", "hidden in the page: <p>")
