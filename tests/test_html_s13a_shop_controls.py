"""A shop's grid and product pages print their controls as lines of text: each tile's "Quick shop" button and
the empty unit-price label a shop template puts under every price ("Unit price / per"), a quick view's "View
full details" link, the list's "Filter & sort" / "Sort by" toggles. They go like other calls to action; a
sentence that only starts with such words stays."""
from __future__ import annotations

from cleaner import clean

INTRO = ("Our single-origin coffees are roasted in small batches every week, packed the same day and shipped "
         "in resealable bags so that the last cup tastes as fresh as the first one you brew at home.")
NAMES = ["Dark Roast Ground Coffee", "Medium Roast Whole Bean", "Espresso Roast Pods"]
CONTROLS = ["Quick shop", "Unit price / per", "View full details", "Filter & sort", "Sort by:"]


def _page() -> str:
    tiles = "".join(f"<li class='grid-item'><div class='card'><h3><a href='/p/{k}'>{name}</a></h3>"
                    f"<p>Whole beans, 12 oz bag, roasted to order.</p><div class='price'>$19.99</div>"
                    "<div class='unit'>Unit price / per</div><div class='quick'><a href='#'>Quick shop</a></div>"
                    f"<div class='more'><a href='/p/{k}'>View full details</a></div></div></li>"
                    for k, name in enumerate(NAMES))
    return ("<html><head><title>Coffee</title></head><body><main><h1>Coffee</h1>"
            f"<p>{INTRO}</p><div class='toolbar'><div>Filter &amp; sort</div><div>Sort by:</div></div>"
            f"<ul class='grid'>{tiles}</ul><p>Sort by roast, origin or price to find the blend you like best: "
            "every bag ships free over $40.</p></main></body></html>")


def _text() -> str:
    return clean(_page(), "https://shop.example.com/collections/coffee", content_type="html", site_rules=False).text


def test_shop_controls_go():
    lines = [line.strip() for line in _text().splitlines()]
    for control in CONTROLS:
        assert control not in lines


def test_the_tiles_and_a_sentence_starting_with_a_control_word_stay():
    text = _text()
    assert INTRO in text
    assert all(name in text for name in NAMES)
    assert "Sort by roast, origin or price" in text


def test_a_filters_heading_in_documentation_stays():
    para = ("A filter narrows the rows a query returns before they are grouped; chain several filters to "
            "combine their conditions, and each one is applied in the order it was added to the query.")
    page = (f"<html><body><main><h1>Queries</h1><p>{para}</p><h2>Filters</h2><p>{para}</p>"
            f"<h2>Ordering</h2><p>{para}</p></main></body></html>")
    lines = clean(page, "https://docs.example.com/queries", content_type="html", site_rules=False).text.splitlines()
    assert "Filters" in [line.strip() for line in lines]
