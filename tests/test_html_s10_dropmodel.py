"""The block model drops chrome inside the pick on pages that declare no kind, where the pick holds most
of the page (before, it ran there only when the pick held under half of the page's text)."""
from __future__ import annotations

from lxml import html as lxml_html

from cleaner.htmlpath import blockmodel

PARAS = "".join(f"<p>Paragraph {i} tells the reader, at some length and in full sentences, how the walnut is "
                f"dried, cut and oiled before it becomes a table.</p>" for i in range(6))
BOX = '<div class="share"><a href="/s/fb">Share on Facebook</a> <a href="/s/tw">Tweet</a></div>'


def _page():
    root = lxml_html.document_fromstring(f"<html><body><nav><a href='/'>Home</a></nav><div class='text'>"
                                         f"{PARAS[:len(PARAS) // 2]}{BOX}{PARAS[len(PARAS) // 2:]}</div>"
                                         f"</body></html>")
    body = root.find("body")
    return body, body.find("div")


def test_a_page_of_no_declared_kind_gets_the_model_inside_its_pick():
    body, pick = _page()
    run, share = blockmodel.wanted(body, pick, "")
    assert run == blockmodel.DROP_ONLY and share > blockmodel.GATE
    seen = []
    with blockmodel.recording(lambda r, x, mode, share: seen.append((list(r.texts), mode))):
        blockmodel.refine(body, pick, "https://example.com/how-we-make-tables", kind="")
    (texts, mode), = seen
    assert mode == blockmodel.DROP_ONLY
    # drop only: the model reads the pick's own runs (the share box among them), never the menu around it
    assert "Share on Facebook Tweet" in texts and "Home" not in texts
    assert sum(t.startswith("Paragraph") for t in texts) == 6


def test_a_small_pick_still_gets_the_full_model():
    body, pick = _page()
    small = pick.find("p")  # one paragraph of six: the pick misses most of the page
    assert blockmodel.wanted(body, small, "")[0] == blockmodel.FULL


def test_a_listing_region_read_whole_keeps_its_card_facts():
    body, pick = _page()
    # the extractor read a page of no prose whole (extract._listing_whole): the model leaves it alone
    assert blockmodel.wanted(body, pick, "", listing=True)[0] == ""
    # ...but a small listing region still gets the full model
    assert blockmodel.wanted(body, pick.find("p"), "", listing=True)[0] == blockmodel.FULL
    # a declared article's listing region (a list article's own <main>) is left alone too; without the
    # region, an article page gets its drop-only pass
    assert blockmodel.wanted(body, pick, "article", listing=True)[0] == ""
    assert blockmodel.wanted(body, pick, "article")[0] == blockmodel.DROP_ONLY
