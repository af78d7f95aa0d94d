"""A shop's product page prints the product's details twice or more (a phone layout and a desktop one, a
sticky bar): on a page that declares itself a product, a line given again goes; a spec table's repeated
cells stay, and a page that is not a product keeps its repeats."""
from __future__ import annotations

from cleaner import clean

DESC = ("Our classic crew sweater is knitted from soft merino wool that keeps you warm in winter and cool "
        "on milder days. It has ribbed cuffs, a relaxed fit and a neckline that sits flat under a collar.")
DETAILS = ["Fabric: 100% merino wool", "Fit: relaxed through the body", "Care: hand wash cold, dry flat"]


def _page(og_type: str) -> str:
    details = "".join(f"<li>{d}</li>" for d in DETAILS)
    block = f"<div class='product-info'><h2>Merino crew sweater</h2><ul>{details}</ul></div>"
    table = ("<table><tr><th>Feature</th><th>Crew</th><th>V-neck</th></tr>"
             "<tr><td>Machine washable</td><td>No</td><td>No</td></tr>"
             "<tr><td>Machine washable</td><td>No</td><td>No</td></tr></table>")
    return (f"<html><head><title>Merino crew sweater</title><meta property='og:type' content='{og_type}'>"
            "</head><body><main><h1>Merino crew sweater</h1>"
            f"<div class='product-view-mobile'>{block}</div>"
            f"<div class='product-description'><p>{DESC}</p><p>{DESC.replace('classic', 'bestselling')}</p>"
            f"{table}</div><div class='product-view-desktop'>{block}</div></main></body></html>")


def _text(og_type: str) -> str:
    return clean(_page(og_type), "https://shop.example.com/products/merino-crew", content_type="html",
                 site_rules=False).text


def test_a_products_lines_given_again_go():
    text = _text("product")
    for line in DETAILS:
        assert text.count(line) == 1
    assert DESC in text


def test_a_spec_tables_repeated_rows_stay():
    assert _text("product").count("Machine washable") == 2


def test_a_page_that_is_not_a_product_keeps_its_repeats():
    text = _text("website")
    assert all(text.count(line) == 2 for line in DETAILS)
