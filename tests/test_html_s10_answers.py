"""Collapsed FAQ answers under their questions (hidden until a click, no aria-controls) are the page's text."""
from __future__ import annotations

from cleaner import clean

INTRO = ("We insure cats and dogs of every age against accidents and illness, and we pay most claims within "
         "three working days of receiving the vet's invoice, directly into your bank account.")
FAQ = [
    ("How much does pet insurance cost?",
     "The premium depends on your pet's species, breed and age and on where you live; most owners of a young "
     "mixed-breed dog pay between twenty and forty dollars a month for accident and illness cover."),
    ("Are pre-existing conditions covered?",
     "Conditions that showed signs before the policy started are not covered, but a condition that has been "
     "cured and free of symptoms for twelve months can be covered again after a review of the vet's records."),
    ("When should I insure my pet?",
     "As early as you can: premiums rise with age, and insuring a puppy or a kitten before any illness shows "
     "means no condition of theirs counts as pre-existing later on."),
]


def _page(kind: str = "") -> str:
    meta = f'<meta property="og:type" content="{kind}">' if kind else ""
    items = "".join(f'<div class="faq-item"><h3 class="q">{q}</h3><div class="a" style="display:none"><p>{a}</p>'
                    "</div></div>" for q, a in FAQ)
    return (f"<html><head>{meta}<title>Pet insurance</title></head><body>"
            "<header><nav><a href='/'>Home</a> <a href='/quote'>Get a quote</a></nav></header>"
            f"<main><h1>Pet insurance</h1><p>{INTRO}</p><h2>Frequently asked questions</h2>{items}</main>"
            "<footer><p>Copyright 2024 Example Pet Cover.</p></footer></body></html>")


def test_collapsed_answers_of_a_service_page_are_kept_under_their_questions():
    r = clean(_page(), "https://example.com/pet-insurance", content_type="html", site_rules=False)
    for q, a in FAQ:
        assert q in r.text and a in r.text
        assert r.text.index(q) < r.text.index(a)


def test_an_articles_collapsed_faq_still_goes_and_hidden_menus_too():
    r = clean(_page("article"), "https://example.com/blog/pet-insurance", content_type="html", site_rules=False)
    assert INTRO in r.text and not any(a in r.text for _, a in FAQ)
    # a hidden list of links after a question is a menu, not an answer
    menu = ('<p>Need help?</p><div style="display:none"><a href="/a">Claims</a> <a href="/b">Billing</a> '
            '<a href="/c">Cancel a policy</a></div>')
    r = clean(_page().replace("</main>", menu + "</main>"), "https://example.com/pet-insurance",
              content_type="html", site_rules=False)
    assert "Cancel a policy" not in r.text
