"""React's streamed server rendering: parts sent at the end of the body go back where their placeholders stand."""
from __future__ import annotations

from cleaner import clean
from cleaner.htmlpath import tree

INTRO = ("Cloud computing has changed how companies buy software, and investors have followed the money into "
         "the firms that rent out servers, storage and the tools that run on them. Analysts expect the market to "
         "keep growing for years, as companies move the last of their own data centres to rented machines, and "
         "the biggest providers are spending more on new buildings and chips than ever before.")
PARTS = [
    "Amazon Web Services remains the largest provider, and its operating margin has grown every year since "
    "the division started reporting its results separately from the retail business.",
    "Microsoft sells its cloud to the same companies that already pay for its office software, which gives it "
    "a sales channel that younger rivals find very hard to match in the enterprise market.",
    "Smaller providers compete on price and on simplicity, winning developers who want a server running in "
    "minutes rather than a contract negotiated over several months with a sales team.",
]
NAV = ('<header><nav><a href="/">Home</a> <a href="/news">News</a> <a href="/markets">Markets</a> '
       '<a href="/about">About</a></nav></header>')
FOOTER = ("<footer><p>Copyright 2026 Example Media. All rights reserved. Market data delayed by fifteen "
          "minutes; read our terms of use and privacy policy before you rely on any figure.</p>"
          '<a href="/privacy">Privacy</a> <a href="/terms">Terms</a></footer>')


def _page(calls: bool = True) -> str:
    """An article whose later sections were streamed: placeholders in the text, parts after the footer."""
    holders = "".join(f'<template id="B:{k}"></template><div>Loading paragraph...</div>' for k in range(3))
    parts = "".join(f'<div hidden id="S:{k}"><h2>Section {k + 1}</h2><p>{text}</p></div>'
                    + (f'<script>$RC("B:{k}","S:{k}")</script>' if calls else "")
                    for k, text in reversed(list(enumerate(PARTS))))  # parts arrive as they finish
    return (f"<html><head><title>Cloud stocks</title></head><body>{NAV}<main><article><h1>Cloud stocks</h1>"
            f"<p>{INTRO}</p>{holders}</article></main>{FOOTER}{parts}</body></html>")


def test_streamed_parts_come_back_into_the_article_in_order():
    r = clean(_page(), "https://example.com/investing/cloud-stocks", content_type="html", site_rules=False)
    for text in (INTRO, *PARTS):
        assert text in r.text
    positions = [r.text.index(t) for t in (INTRO, *PARTS)]
    assert positions == sorted(positions)
    assert "Copyright 2026" not in r.text


def test_parts_without_script_calls_match_their_placeholders_by_number():
    root = tree.parse(_page(calls=False))
    assert tree.place_streamed(root) == 3
    article = root.find(".//article")
    assert [h.text for h in article.iter("h2")] == ["Section 1", "Section 2", "Section 3"]
    assert not root.xpath("//div[@hidden]") and not root.xpath("//template")


def test_segment_calls_fill_a_placeholder_inside_another_part():
    # $RS("S:1","P:1"): a segment placed into a placeholder that a boundary's part ("S:0") holds
    html = ('<html><body><main><template id="B:0"></template></main>'
            '<div hidden id="S:0"><section><h2>Outer</h2><template id="P:1"></template></section></div>'
            '<div hidden id="S:1"><p>Inner text of the segment.</p></div>'
            '<script>$RS("S:1","P:1")</script><script>$RC("B:0","S:0")</script></body></html>')
    root = tree.parse(html)
    assert tree.place_streamed(root) == 2
    section = root.find(".//main/section")
    assert section is not None and section.find("p").text == "Inner text of the segment."


def test_a_page_without_streamed_parts_is_left_alone():
    root = tree.parse("<html><body><div hidden>menu</div><template id='B:0'></template></body></html>")
    assert tree.place_streamed(root) == 0
    assert root.find(".//template") is not None
