"""Line rules of the HTML path: the 'Related ...' tail cut (teasers after such a heading go; a long
unlinked part of the text under a heading that reads like one, "More on ...:", stays) and a template's
placeholder copy."""
from __future__ import annotations

from cleaner import clean

PARAS = [
    "The programme ranks first for the fourth year running, mostly on the strength of its graduates' "
    "salaries three years out and the share of them who changed industry after the degree.",
    "Its class size is small for a school of this reputation, and applicants say the interviews are "
    "friendlier than the essays suggest; the admissions team reads every file at least twice.",
    "The second school on the list made the biggest jump, helped by a new building and a partnership "
    "with hospitals in the city that places every student in a paid project during the first winter.",
    "Third comes a school that rarely advertises: its alumni network does the work, and four in five "
    "graduates say they found their first job through someone who studied there before them.",
    "Fourth place goes to the only programme on the list that can be completed part time, which makes "
    "it the choice of many applicants who want to keep their job while they study.",
]
REST = [
    "Rankings change slowly because the things that make a programme valuable change slowly: it takes "
    "years to hire faculty, to build relationships with employers and to raise money from alumni.",
    "So rather than checking the tables every autumn, ask whether a school has links with the employers "
    "you want, whether its alumni live where you want to work, and whether you will fit in there.",
    "Answering those questions will tell you more about the right school for you than any ranking, "
    "including this one, and it will make your essays sharper when the time comes to apply.",
]


def _page(body: str) -> str:
    return (f"<html><head><title>Top programmes</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<article class='post'><h1>Top programmes</h1>{body}</article><footer>Copyright</footer></body></html>")


def test_a_more_on_heading_followed_by_more_text_keeps_the_text() -> None:
    body = "".join(f"<p>{p}</p>" for p in PARAS) + "<h3>More on rankings:</h3>" + "".join(f"<p>{p}</p>" for p in REST)
    text = clean(_page(body), "https://mba.example.com/top-programmes", site_rules=False, content_type="html").text
    for p in PARAS + REST:
        assert p in text


def test_a_related_heading_followed_by_teaser_links_goes() -> None:
    teasers = ["How to write the essay admissions officers remember",
               "What the interview is really testing, according to former interviewers",
               "Part-time programmes compared: cost, length and what employers think"]
    body = "".join(f"<p>{p}</p>" for p in PARAS + REST[:1]) + "<h3>Related articles</h3>" \
        + "".join(f"<p><a href='/a/{k}'>{t}</a></p>" for k, t in enumerate(teasers))
    text = clean(_page(body), "https://mba.example.com/top-programmes", site_rules=False, content_type="html").text
    assert PARAS[-1] in text and REST[0] in text
    for t in teasers:
        assert t not in text


def test_placeholder_copy_of_a_template_goes() -> None:
    filler = ("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt ut "
              "labore et dolore magna aliqua.")
    body = "".join(f"<p>{p}</p>" for p in PARAS) + f"<div class='feature'><h3>Feature</h3><p>{filler}</p></div>"
    r = clean(_page(body), "https://mba.example.com/top-programmes", site_rules=False, content_type="html")
    assert all(p in r.text for p in PARAS)
    assert "Lorem ipsum" not in r.text
    assert any(x.rule == "html:placeholder" for x in r.removed)


def test_relative_time_stamps_of_cards_go() -> None:
    body = "".join(f"<div class='story'><p>{p}</p><span class='when'><br>{k + 2} hours ago</span></div>"
                   for k, p in enumerate(PARAS))
    r = clean(_page(body), "https://mba.example.com/top-programmes", site_rules=False, content_type="html")
    assert all(p in r.text for p in PARAS)
    assert "hours ago" not in r.text
