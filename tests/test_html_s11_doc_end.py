"""A template that includes a header ending in its own </body></html> before the article: libxml2 drops all
that follows an </html> end tag, a browser reads on into the body. The article must not be lost."""
from __future__ import annotations

from cleaner import clean
from cleaner.htmlpath.tree import parse, text_of

PARAS = ["The human resources department of any company is concerned with its employees and their work, "
         "from recruitment and administration to training and the handling of complaints.",
         "Outsourcing is when a company teams up with an outside agency to carry out some of these duties, "
         "which frees its own people for the work that only they can do for the business.",
         "There are several kinds of outsourcing to choose from, and each suits a different size of company "
         "and a different stage of its growth, as the sections below explain in turn."]


def _page() -> str:
    header = ("<!DOCTYPE html><html><head><title>Six kinds of outsourcing</title></head><body>"
              "<header><nav><a href='/'>Home</a> <a href='/services'>Services</a> <a href='/blog'>Blog</a>"
              "</nav></header>\n</body>\n</html>\n")
    article = "".join(f"<p>{p}</p>\n" for p in PARAS)
    return (header + "<div class='blog-detail-page'><article><h1>Six kinds of outsourcing</h1>\n" + article
            + "</article></div>\n<footer><p>Copyright 2025 Example Services.</p></footer>\n</body>\n</html>\n")


def test_parse_reads_on_after_an_early_html_end_tag():
    assert all(p in text_of(parse(_page())) for p in PARAS)


def test_the_article_after_an_included_header_is_the_text():
    r = clean(_page(), "https://example.com/blog/six-kinds-of-outsourcing", content_type="html",
              site_rules=False)
    assert all(p in r.text for p in PARAS)
    assert "Copyright" not in r.text


def test_a_page_that_ends_normally_parses_as_before():
    page = "<html><body><p>" + PARAS[0] + "</p></body></html>\n<!-- served in 12 ms -->\n"
    root = parse(page)
    assert text_of(root) == PARAS[0]
    assert [el.tag for el in root] == ["body"]
