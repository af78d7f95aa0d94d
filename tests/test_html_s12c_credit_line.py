"""A line that is only a picture's credit ("Photo: Getty Images", "Image credit: © Depositphotos",
"Illustration: Chris Philpot") goes with the captions, even outside a figure; "Source: ..." under a
table and a lower-case "image: nginx" in a listing stay."""
from __future__ import annotations

from cleaner import clean

PARAS = [
    "Electric cars have become cheaper to run than most petrol models, but the savings depend on where "
    "you charge, and public fast chargers can cost three times as much as charging at home overnight.",
    "A home charger is the single best investment for a new owner: it fills the battery while you sleep "
    "and lets you take advantage of the cheaper night tariffs that many energy companies now offer.",
    "If you cannot install one, look for workplace charging or a supermarket with free chargers, and "
    "plan longer trips around the fast networks that your car's software knows about.",
]


def _page(line: str) -> str:
    return ("<html><head><meta property='og:type' content='article'></head><body><article class='post'>"
            f"<h1>Charging an electric car</h1><p>{PARAS[0]}</p><div class='block'><p>{line}</p></div>"
            f"<p>{PARAS[1]}</p><p>{PARAS[2]}</p></article></body></html>")


def test_a_credit_line_goes():
    for line in ("Photo: Getty Images", "Image credit: © Depositphotos.com/Andrew", "Illustration: Chris Philpot",
                 "Photo Credit: Ben Hasty / Getty Images"):
        r = clean(_page(line), "https://example.com/cars/charging", content_type="html", site_rules=False)
        assert PARAS[0] in r.text and PARAS[2] in r.text
        assert line not in r.text, line


def test_a_source_line_stays():
    line = "Source: Department of Energy, 2024 survey of charging costs"
    r = clean(_page(line), "https://example.com/cars/charging", content_type="html", site_rules=False)
    assert line in r.text
