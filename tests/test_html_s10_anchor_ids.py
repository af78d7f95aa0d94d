"""A section whose id is the slug of its own heading is named after its topic, not its role on the page."""
from __future__ import annotations

from cleaner import clean
from cleaner.htmlpath import scoring, tree

SECTIONS = [
    ("Describe your changes", "describe-your-changes",
     "Describe your problem. Whether your patch is a one-line bug fix or five thousand lines of a new feature, "
     "there must be an underlying problem that motivated you to do this work. Convince the reviewer that there "
     "is a problem worth fixing and that it makes sense for them to read past the first paragraph."),
    ("Separate your changes", "separate-your-changes",
     "Separate each logical change into a separate patch. For example, if your changes include both bug fixes "
     "and performance enhancements for a single driver, separate those changes into two or more patches. If "
     "your changes include an API update, and a new driver which uses that new API, separate those into two."),
    ("Style-check your changes", "style-check-your-changes",
     "Check your patch for basic style violations, details of which can be found in the coding style guide. "
     "Failure to do so simply wastes the reviewers' time and will get your patch rejected, probably without "
     "even being read. One significant exception is when moving code from one file to another."),
    ("Respond to review comments", "respond-to-review-comments",
     "Your patch will almost certainly get comments from reviewers on ways in which the patch can be improved, "
     "in the form of a reply to your email. You must respond to those comments; ignoring reviewers is a good "
     "way to get ignored in return. You can simply reply to their emails to answer their comments."),
]


def _page() -> str:
    body = "".join(f'<section id="{slug}"><h2>{head}</h2><p>{text}</p></section>' for head, slug, text in SECTIONS)
    return ("<html><head><title>Submitting patches</title></head><body>"
            '<nav class="sidebar"><a href="/">Docs home</a> <a href="/process">Process</a> '
            '<a href="/search">Search</a></nav>'
            f'<div class="document"><div class="body" role="main"><h1>Submitting patches</h1>{body}</div></div>'
            '<footer><p>Copyright The kernel development community. Built with a documentation generator.</p>'
            "</footer></body></html>")


def test_a_section_named_after_its_heading_is_kept():
    r = clean(_page(), "https://docs.example.org/process/submitting-patches.html", content_type="html",
              site_rules=False)
    for _, _, text in SECTIONS:
        assert text in r.text
    assert "Docs home" not in r.text


def test_heading_anchor_needs_the_heading_spelled_out():
    def anchor(html: str) -> bool:
        return scoring._heading_anchor(tree.parse(html).find(".//body/*"))

    assert anchor('<section id="respond-to-review-comments"><h2>Respond to review comments¶</h2></section>')
    # a slug cut short by the CMS still names its heading
    assert anchor('<div id="menu-design-ideas-for-memor"><h3>Menu design ideas for memorable dinners</h3></div>')
    # short ids name a role, and ids that do not spell the heading are not anchors
    assert not anchor('<div id="comments"><h2>Comments</h2></div>')
    assert not anchor('<div id="related-posts"><h2>Related posts</h2></div>')
    assert not anchor('<div id="comments-area-main"><h2>12 comments</h2></div>')
    assert not anchor('<div id="share-this-story"><p>No heading here</p></div>')
