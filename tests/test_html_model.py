"""The learned HTML block model (cleaner/htmlpath/runs.py, blockmodel.py): run features read from real
markup, the widening/pruning of the pick, the article gate, and the shipped model file."""
from __future__ import annotations

import hashlib

import numpy as np
from lxml import html as lxml_html

from cleaner import clean
from cleaner.htmlpath import blockmodel
from cleaner.htmlpath import runs as R
from cleaner.htmlpath.tree import text_of
from cleaner.textpath import model as text_model

CARDS = "".join(
    f'<div class="product-card"><h3><a href="/p/{i}">Walnut side table number {i}</a></h3>'
    f'<p class="price">${40 + i}.00</p></div>' for i in range(6))
PAGE = f"""<html><body>
<nav class="main-menu"><ul><li><a href="/">Home</a></li><li><a href="/shop">Shop</a></li></ul></nav>
<main><section id="intro"><h1>Side tables</h1>
<p>Our side tables are made from solid walnut, oiled by hand and built to last for decades.</p></section>
<section class="grid">{CARDS}</section></main>
<footer class="site-footer"><p>Copyright 2024 Example Furniture. All rights reserved.</p></footer>
</body></html>"""


def _page():
    root = lxml_html.document_fromstring(PAGE)
    body = root.find("body")
    return root, body, body.find(".//section[@id='intro']")


def _column(name: str, k: int) -> int:
    """Index of a group/tag bit column."""
    start = R.N_TEXT + len(R._OWN)
    return {"tag": start, "any": start + R.N_TAGBITS, "near": start + R.N_TAGBITS + R.N_GROUPS}[name] + k


def test_runs_follow_the_page_and_mark_the_pick():
    _, body, pick = _page()
    r = R.collect(body, pick)
    assert r.texts[0] == "Home" and r.texts[-1].startswith("Copyright 2024")
    inside = [t for t, i in zip(r.texts, r.inside) if i]
    assert inside == ["Side tables", "Our side tables are made from solid walnut, oiled by hand and built to last for decades."]
    assert r.x.shape == (len(r.texts), R.RAW_COLS)
    home, intro = r.texts.index("Home"), r.texts.index(inside[1])
    card = r.texts.index("Walnut side table number 3")
    # the menu item is all link, under a <nav>, and its class says navigation; the intro is prose
    assert r.x[home, 2] == 1.0 and r.x[intro, 2] == 0.0
    assert r.x[home, _column("tag", 0)] == 1.0 and r.x[intro, _column("tag", 0)] == 0.0
    assert r.x[home, _column("any", 0)] == 1.0
    assert r.x[intro, 4] == 1.0 and r.x[intro, 7] > 0.2   # ends a sentence, dense in stop words
    # six cards of the same class: the repetition of templated items is read
    assert round(float(np.expm1(r.x[card, 19]))) == 6
    # the cards come after the pick; the pick holds a small share of the page's text
    assert r.x[card, 14] == 1.0 and r.x[home, 14] == 0.0
    assert 0 < r.x[0, R.PICK_SHARE] < 0.5


def test_a_pick_walked_alone_reads_as_it_does_in_the_page():
    # an article page's model reads the pick alone: its runs must get the features a walk of the whole
    # page gives them (ancestors above the pick, depth), or the model reads other inputs than it learnt on
    _, body, pick = _page()
    whole = R.collect(body, pick)
    inside = [i for i, k in enumerate(whole.inside) if k]
    alone = R.collect(pick, pick, share=float(whole.x[0, R.PICK_SHARE]))
    assert alone.texts == [whole.texts[i] for i in inside] and all(alone.inside)
    cols = [c for c in range(R.RAW_COLS) if c != R.POSITION]  # the share of the walked text before it
    np.testing.assert_array_equal(alone.x[:, cols], whole.x[inside][:, cols])
    assert alone.x[0, _column("tag", list(R._TAG_BITS).index("main"))] == 1.0  # the <main> above the pick


def test_an_inline_pick_owns_its_loose_text():
    root = lxml_html.document_fromstring("<html><body><div class='post'><span>Loose text of the pick, "
                                         "<b>with bold</b> words.</span></div></body></html>")
    span = root.find(".//span")
    r = R.collect(span, span)
    assert r.texts == ["Loose text of the pick, with bold words."] and r.inside == [True]
    assert r.owners == [span] and np.isfinite(r.x).all()
    assert round(float(np.expm1(r.x[0, 17]))) == 2  # depth: body 0, div 1, span 2


def test_widening_takes_in_kept_runs_and_removes_the_rest():
    _, body, pick = _page()
    r = R.collect(body, pick)
    kept = [o for o, t, i in zip(r.owners, r.texts, r.inside) if i or "Walnut" in t or t.startswith("$")]
    removed = []
    out = blockmodel._apply(body, pick, kept, r.owners, removed.append)
    text = text_of(out)
    assert out.tag == "main"  # the lowest element holding the pick and the cards
    assert "Walnut side table number 5" in text and "$45.00" in text and "solid walnut" in text
    assert "Home" not in text and "Copyright" not in text


def test_pruning_inside_the_pick_reports_what_goes():
    _, body, pick = _page()
    r = R.collect(body, pick)
    kept = [o for o, t in zip(r.owners, r.texts) if t.startswith("Our side tables")]
    removed = []
    out = blockmodel._apply(body, pick, kept, r.owners, removed.append)
    assert out is pick
    assert [text_of(e) for e in removed] == ["Side tables"]
    assert text_of(out).startswith("Our side tables")


def test_decisions_follow_the_thresholds():
    p = np.array([0.9, 0.01, 0.9, 0.2, 0.9])
    inside = np.array([True, True, False, False, False])
    x = np.zeros((5, R.N_INPUT), dtype=np.float32)
    x[4, R.MIN_SIGNAL] = -2  # under a comments section, a nav...: never taken in
    assert blockmodel.decide(p, inside, x, 0.05, 0.5).tolist() == [True, False, True, False, False]


def test_the_model_runs_only_where_the_pick_misses_much_of_the_page():
    _, body, pick = _page()  # the intro holds a small part of a shop page's text
    run, share = blockmodel.wanted(body, pick, "")
    assert run and 0 < share < blockmodel.GATE
    # what lies around an article is chrome: there the model only drops runs of the pick
    assert blockmodel.wanted(body, pick, "article")[0] == blockmodel.DROP_ONLY
    # the pick holds most of the text of a page that declares no kind: the model only drops, as on an article
    assert blockmodel.wanted(body, body.find("main"), "")[0] == blockmodel.DROP_ONLY
    # on a forum thread the posts the pick left out are what the model looks for, whatever the share
    assert blockmodel.wanted(body, body.find("main"), "", forum=True)[0]
    # on a declared product page the pick's stock, price and upsell lines are what it looks for, too
    assert blockmodel.wanted(body, body.find("main"), "product")[0]


def test_an_article_page_takes_nothing_in():
    _, body, pick = _page()
    outside = text_of(body.find(".//section[@class='grid']"))
    assert blockmodel.refine(body, pick, "https://shop.example.com/side-tables", kind="article") is pick
    assert "built to last for decades" in text_of(pick)   # the prose stays
    assert "Walnut side table" not in text_of(pick)       # the cards around it are not taken in...
    assert text_of(body.find(".//section[@class='grid']")) == outside  # ...nor touched


def test_an_article_page_loses_chrome_inside_its_pick():
    paras = "".join(f"<p>Paragraph {i} tells the reader, at some length and in full sentences, how the "
                    f"walnut is dried, cut and oiled before it becomes a table.</p>" for i in range(6))
    box = '<div class="share"><a href="/s/fb">Share on Facebook</a> <a href="/s/tw">Tweet</a></div>'
    root = lxml_html.document_fromstring(f"<html><body><article>{paras[:len(paras) // 2]}{box}"
                                         f"{paras[len(paras) // 2:]}</article></body></html>")
    body = root.find("body")
    pick = body.find("article")
    got = blockmodel.refine(body, pick, "https://example.com/how-we-make-tables", kind="article")
    assert got is pick and text_of(pick).count("Paragraph") == 6
    assert "Share on Facebook" not in text_of(pick) and "Tweet" not in text_of(pick)


def test_shipped_model_loads_and_scores_runs():
    m = blockmodel.load()
    assert m is not None and 0 <= m["drop"] < 0.5 < m["add"] + 0.5
    # one input is the text model's line score: retraining that model means retraining this one
    # (.venv/bin/python scripts/train_html_model.py)
    assert m["info"]["text_model_sha1"] == hashlib.sha1(text_model.MODEL_FILE.read_bytes()).hexdigest()
    _, body, pick = _page()
    r = R.collect(body, pick)
    x = blockmodel.inputs(r, "https://shop.example.com/side-tables")
    assert x.shape == (len(r.texts), R.N_INPUT)
    p = 1 / (1 + np.exp(-m["mlp"].logit(x)))
    prose = r.texts.index("Our side tables are made from solid walnut, oiled by hand and built to last for decades.")
    assert p[prose] > p[r.texts.index("Home")]
    assert p[prose] > p[len(r.texts) - 1]  # the copyright line


def test_clean_keeps_the_article_of_a_plain_page():
    paras = "".join(f"<p>Paragraph {i} tells the reader, at some length and in full sentences, how the "
                    f"walnut is dried, cut and oiled before it becomes a table.</p>" for i in range(8))
    page = (f"<html><body><nav><a href='/'>Home</a> <a href='/a'>About</a></nav><article>{paras}</article>"
            "<footer><p>Copyright 2024 Example Furniture.</p></footer></body></html>")
    out = clean(page, "https://example.com/how-we-make-tables", site_rules=False, content_type="html")
    assert out.text.count("Paragraph") == 8
    assert "Copyright" not in out.text and "About" not in out.text
