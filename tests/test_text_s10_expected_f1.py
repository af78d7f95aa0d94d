"""page-text's expected-F1 cut: each page keeps the lines above the score cut with the best expected word F1."""
from __future__ import annotations

import numpy as np
import pytest

from cleaner import clean
from cleaner.ops.classify_lines import expected_f1_cut
from cleaner.ruleset import Registry

MENU = ["Home", "Shop", "Kitchen", "Garden", "Sale", "Basket (0)", "Sign in", "Search"]
ITEMS = [("Blue ceramic mug", "12.00"), ("Stoneware teapot, 1 litre", "34.50"), ("Oak chopping board", "28.00"),
         ("Linen tea towel, set of two", "15.00"), ("Enamel milk pan", "22.00"), ("Glass storage jar", "9.50"),
         ("Copper measuring cups", "19.00"), ("Cast iron skillet, 26 cm", "45.00"),
         ("Bamboo utensil set", "14.00"), ("Porcelain dinner plate", "11.00"), ("Salad bowl in olive wood", "39.00"),
         ("Coffee grinder, hand-cranked", "55.00")]
FOOTER = ["Delivery", "Returns", "Contact us", "Privacy policy", "Terms and conditions",
          "\u00a9 2025 Example Homeware Ltd"]
URL = "https://shop.example.net/kitchenware"


def category_page() -> str:
    """A shop's category page flattened to text: menu, heading, a sentence, twelve items with prices, footer."""
    lines = [*MENU, "", "Kitchenware", "Everything for cooking and serving, made to last and chosen by our buyers.", ""]
    for name, price in ITEMS:
        lines += [name, f"\u00a3{price}", "Add to basket"]
    return "\n".join([*lines, "", *FOOTER])


def _clean(text: str, **options) -> list[str]:
    registry = Registry()
    rule = next(r for r in registry.defaults.rules if r.id == "page-text")
    rule.options.update(options)
    return clean(text, URL, content_type="text", site_rules=False, registry=registry).text.split("\n")


def test_the_cut_is_the_best_cut_of_the_page():
    """Against trying every cut 'keep the lines scoring >= t': the cut found has the highest expected word F1
    2 * sum(kept w p) / (sum(kept w) + sum(all w p)), lines weighed by their words."""
    rng = np.random.default_rng(3)
    for _ in range(30):
        n = int(rng.integers(1, 40))
        p = rng.random(n).astype(np.float32)
        words = rng.integers(0, 60, n).astype(np.float32)
        w = words.astype(np.float64) + 1e-3

        def ef1(t):
            kept = p >= t
            return 2 * (w * p * kept).sum() / ((w * kept).sum() + (w * p).sum())

        assert ef1(expected_f1_cut(p, words)) == pytest.approx(max(ef1(t) for t in p), rel=1e-9)


def test_a_page_of_confident_lines_keeps_them_and_drops_the_doubtful():
    p = np.array([0.05, 0.1, 0.95, 0.9, 0.97, 0.3, 0.02], np.float32)
    words = np.array([2, 1, 40, 35, 50, 6, 3], np.float32)
    assert expected_f1_cut(p, words) == pytest.approx(0.9)


def test_shipped_rule_uses_the_cut():
    rule = next(r for r in Registry().defaults.rules if r.id == "page-text")
    assert rule.options["expected_f1"] == 1


def test_the_shipped_rule_drops_exactly_the_lines_under_the_pages_cut():
    """A shop's category page through clean(): page-text drops the lines scoring under the page's own cut
    (the model's scores, computed here on their own) and keeps the others; the fixed thresholds
    (expected_f1=0) would keep another set of lines."""
    from cleaner.doc import Doc
    from cleaner.textpath import features, line_inputs, to_units
    from cleaner.textpath.model import load
    text = category_page()
    doc = Doc(mode="text", source=text, url=URL)
    to_units(doc)
    lines, indents, paras = line_inputs(doc)
    p = load().scores(lines, indents, paras, URL)
    cut = expected_f1_cut(p, np.expm1(features.line_rows(lines, indents, paras, URL)[:, 1]))
    registry = Registry()
    r = clean(text, URL, content_type="text", site_rules=False, registry=registry)
    header = {x.start for x in r.removed if x.rule == "defaults:page-text" and x.category == "header"}
    dropped = {x.start for x in r.removed if x.rule == "defaults:page-text"} - header
    assert dropped and dropped == {u.start for u, q in zip(doc.units, p) if q < cut} - header
    assert set(MENU + FOOTER).isdisjoint(r.text.split("\n"))
    assert _clean(text) != _clean(text, expected_f1=0)


def test_short_lines_kept_above_the_byline_go_when_the_article_starts_below_it():
    """above_byline: with the byline above every kept prose line, the kept short lines above it (a teaser, the
    page-title line) go, the headline and the prose stay; with prose kept above the byline nothing goes."""
    from types import SimpleNamespace

    from cleaner.ops.classify_lines import _above_byline
    units = [SimpleNamespace(text=t) for t in ["Page title | Site", "Menu", "Teaser", "Headline", "By Ann Lee",
                                               "May 3, 2025", "Prose one.", "Prose two."]]
    header = [(units[3], "model:title"), (units[4], "model:author"), (units[5], "model:date")]
    kept = np.array([0, 2, 3, 6, 7])
    prose = np.array([0, 0, 0, 0, 0, 0, 1, 1], np.float32)
    kept_prose = np.zeros(8, bool)
    kept_prose[[6, 7]] = True
    assert _above_byline(units, header, kept, kept_prose, prose) == {0, 2}
    prose[2] = 1  # a prose line above the byline, kept: the article does not start at the byline
    kept_prose[2] = True
    assert _above_byline(units, header, kept, kept_prose, prose) == set()
    assert _above_byline(units, header[:1], kept, kept_prose, prose) == set()  # no byline: nothing
