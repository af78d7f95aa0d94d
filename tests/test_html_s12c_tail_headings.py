"""More headings that open the teasers under an article: "Related articles that may interest you",
"You may be interested in ...", "Further reading", "Recent posts" (the html:related-tail cut)."""
from __future__ import annotations

import pytest

from cleaner import clean

PARAS = [
    "An online degree can cost less than a campus one, but the price on the website is rarely the whole "
    "story: fees for technology, proctoring and graduation are often charged on top of the tuition.",
    "Before you apply, ask each school for a full list of its fees, and check whether the tuition is the "
    "same for students in other states, since some public universities charge them a good deal more.",
    "Financial aid is open to online students on the same terms as to others, as long as the school is "
    "accredited, so fill in the federal form early and look for the school's own grants as well.",
    "Finally, look at how the courses are taught: some programmes run on a fixed timetable with live "
    "classes, others let you work at your own pace, and the better choice depends on your week.",
    "Talk to a graduate of the programme if you can, and ask what they would do differently; most are "
    "glad to help, and their answers will tell you more than any brochure or ranking will.",
]
TEASERS = ["Getting into a programme with a low grade average", "Ten online colleges with small classes",
           "How to pay for a second degree"]


def _page(heading: str) -> str:
    text = "".join(f"<p>{p}</p>" for p in PARAS)
    tail = "".join(f"<p><a href='/t/{k}'>{t}</a> A short summary of the story.</p>" for k, t in enumerate(TEASERS))
    return ("<html><head><meta property='og:type' content='article'></head><body>"
            f"<article class='post'><h1>Paying for an online degree</h1>{text}<h3>{heading}</h3>{tail}</article>"
            "</body></html>")


@pytest.mark.parametrize("heading", ["Related articles that may interest you",
                                     "You may be interested in the following topics as well:",
                                     "Further reading", "Recent posts"])
def test_teasers_under_a_tail_heading_go(heading):
    r = clean(_page(heading), "https://example.org/degrees/online", content_type="html", site_rules=False)
    assert PARAS[0] in r.text and PARAS[-1] in r.text
    assert heading not in r.text and TEASERS[0] not in r.text
