"""A box of teaser links set between an article's paragraphs under a short heading ("DON'T MISS", "See
also", "Related articles"): the heading and its linked lines go, the text on both sides stays. The
related-tail cut only looks near the end of the text, and only cuts what follows to the end."""
from __future__ import annotations

from cleaner import clean

PARAS = [
    f"Paragraph {n}: the council voted on Tuesday to extend the opening hours of the town's libraries, after "
    "a long debate in which members weighed the cost of the extra staff against the demand from residents, "
    "and agreed to review the change after a year."
    for n in range(1, 9)
]
TEASERS = [
    ("/news/1", "Council approves new cycle path along the river"),
    ("/news/2", "Swimming pool to close for three weeks of repairs"),
    ("/news/3", "Volunteers plant two hundred trees in the park"),
]


def _page(heading: str) -> str:
    box = f"<p><strong>{heading}</strong></p><p>" + "<br>".join(
        f"<a href='{href}'>{title}</a> [NEWS]" for href, title in TEASERS) + "</p>"
    body = "".join(f"<p>{p}</p>" for p in PARAS[:4]) + box + "".join(f"<p>{p}</p>" for p in PARAS[4:])
    return ("<html><head><title>Library hours</title><meta property='og:type' content='article'></head>"
            f"<body><article><h1>Library hours extended</h1><div class='article-body'>{body}</div></article>"
            "</body></html>")


def _clean(heading: str):
    return clean(_page(heading), "https://news.example.com/2025/library-hours", content_type="html",
                 site_rules=False)


def test_a_box_of_links_between_paragraphs_goes() -> None:
    for heading in ("DON'T MISS", "See also", "Related articles"):
        r = _clean(heading)
        assert heading not in r.text, heading
        assert not any(title in r.text for _, title in TEASERS), heading
        assert all(p in r.text for p in PARAS), heading  # the text on both sides stays
        assert any(x.rule == "html:related-box" for x in r.removed)


def test_the_box_stays_when_the_caller_keeps_related_teasers() -> None:
    r = clean(_page("DON'T MISS"), "https://news.example.com/2025/library-hours", content_type="html",
              site_rules=False, keep=["related"])
    assert all(title in r.text for _, title in TEASERS)


def test_a_heading_over_text_is_not_a_box() -> None:
    # "Related articles" over a paragraph of prose with one link in it: a section of the text, not a box
    page = _page("Related articles").replace(
        "<p><strong>Related articles</strong></p>",
        "<p><strong>Related articles</strong></p><p>The county's own report, which <a href='/r'>is online</a>, gives "
        "the figures for every branch and the hours each of them kept in the last ten years.</p>")
    r = clean(page, "https://news.example.com/2025/library-hours", content_type="html", site_rules=False)
    assert "The county's own report" in r.text
    assert not any(x.rule == "html:related-box" for x in r.removed)
