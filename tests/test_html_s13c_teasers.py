"""On a page that declares no kind (a service's landing page) sections its template names "teaser" are the
page's own text; on a page that declares itself an article a teaser beside the text is still chrome."""
from __future__ import annotations

from cleaner import clean

INTRO = ("Our recruiters place finance and accounting professionals in contract, permanent and executive "
         "roles, drawing on a network built over decades and salary data gathered from every placement.")
CARDS = [
    ("Accounts payable and bookkeeping", "Focus on growth while our professionals keep your records accurate "
     "and your payments on time, so that your company stays compliant and your suppliers stay happy."),
    ("Billing, credit and collections", "Strengthen your financial health with specialists who optimise "
     "invoicing, credit management and collections to improve your processes and reduce what is owed."),
    ("Budget planning and analysis", "Make better-informed decisions with analysts who deliver insights "
     "based on data for strategic planning, performance analysis and the management of your budgets."),
]
MORE = [
    ("Internal audit and compliance", "Reduce risk and make your operations more transparent as governance "
     "standards change, with critical support for the compliance work that matters most to you."),
    ("Payroll", "Improve the timeliness and accuracy of pay with experienced people for payroll processing, "
     "tax compliance and the administration of benefits, whatever the size of your workforce."),
]


def _page(head: str = "") -> str:
    cards = "".join(f"<div class='contentcard teaser'><h3>{h}</h3><p>{p}</p></div>" for h, p in CARDS)
    more = "".join(f"<div class='block'><h3>{h}</h3><p>{p}</p></div>" for h, p in MORE)
    return (f"<html><head>{head}</head><body><nav><a href='/'>Home</a> <a href='/jobs'>Jobs</a></nav><main>"
            f"<h1>Finance and accounting talent</h1><p>{INTRO}</p><div class='cards'>{cards}</div>{more}"
            "</main><footer>Copyright the firm</footer></body></html>")


def test_teaser_named_sections_of_an_undeclared_page_stay():
    r = clean(_page(), "https://www.example.com/us/en/accounting-finance", content_type="html", site_rules=False)
    assert INTRO in r.text and MORE[1][1] in r.text
    for heading, text in CARDS:
        assert text in r.text, heading


def test_teasers_beside_a_declared_article_still_go():
    r = clean(_page("<meta property='og:type' content='article'>"), "https://www.example.com/blog/finance-roles",
              content_type="html", site_rules=False)
    assert INTRO in r.text and MORE[1][1] in r.text
    assert CARDS[0][1] not in r.text
