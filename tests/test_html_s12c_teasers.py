"""A post whose template puts a series of teaser cards (a linked headline and an excerpt each) under the
text, in the same wrapper: the excerpts are prose, so the post's content-classed part held under 80% of
the wrapper's prose and the pick stayed the wrapper, teasers and all. Teaser cards after the part are now
left out of that share (when the part holds at least 40% of the prose: not an intro above a listing's
cards), and a section heading's "#" permalink does not make a section a teaser."""
from __future__ import annotations

from cleaner import clean

PARAS = [
    "The committee met on Tuesday to review the budget for the coming year, and its members agreed that "
    "the library's opening hours should be extended on weekdays, starting in the spring when the new "
    "staff have been hired and trained by the branch managers.",
    "Several residents spoke during the public session, most of them in favour of the change, although "
    "two asked whether the cost of the extra hours would be met by cutting the budget for new books, "
    "which the chair said it would not, since the money comes from a separate grant.",
    "The grant, awarded by the regional council last autumn, covers staff costs for three years; after "
    "that the town will have to find the money itself, and the treasurer warned that this would mean "
    "difficult choices in the budget of the year after next unless the council renews it.",
    "Members also discussed the state of the reading room's roof, which leaked during the storms in "
    "January, and voted to ask for quotes from three builders before the next meeting in March, when "
    "a decision on the repairs will be taken together with the final budget.",
]
EXCERPTS = [
    "The harvest festival returns to the market square this weekend, with stalls, music and a parade "
    "organised by the schools of the district, and the organisers expect more visitors than last year.",
    "A new cycle path linking the station to the business park opened on Monday, after two years of "
    "work and several delays caused by the discovery of old foundations under the road near the bridge.",
    "The swimming pool will close for three weeks in August for repairs to its heating system, the "
    "leisure centre said, and the gym and the sports hall will stay open during the works as usual.",
    "Volunteers planted two hundred trees along the river on Saturday, in the first of a series of "
    "weekends that the parish council hopes will restore the banks damaged by last winter's floods.",
]
ARTICLE = "<meta property='og:type' content='article'>"  # the block model then only drops, never takes in
HEADLINES = ["Harvest festival returns to the square", "New cycle path opens to the business park",
             "Swimming pool to close for repairs in August", "Volunteers plant trees along the river"]


def _teasers() -> str:
    return "".join(
        f"<div class='post-item row'><h3 class='title'><a href='/news/{k}'>{h}</a></h3><p>{e}</p></div>"
        for k, (h, e) in enumerate(zip(HEADLINES, EXCERPTS)))


def _post_page() -> str:
    text = "".join(f"<p>{p}</p>" for p in PARAS)
    return ("<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
            "<div id='page'><h1>Library hours to be extended</h1>"
            f"<div class='entry-content'>{text}</div>"
            f"<div class='more-news'><h2>More news</h2>{_teasers()}</div></div>"
            "<footer>Copyright Town Gazette</footer></body></html>")


def test_teaser_cards_under_a_post_are_left_out():
    r = clean(_post_page(), "https://example.org/2025/05/library-hours", content_type="html", site_rules=False)
    assert PARAS[0] in r.text and PARAS[-1] in r.text
    assert EXCERPTS[0] not in r.text and "Harvest festival" not in r.text


def test_cards_that_are_most_of_the_page_stay_with_their_intro():
    # a course index declared an article: a short content-classed intro above the cards it introduces
    page = (f"<html><head>{ARTICLE}</head><body><div id='page'><h1>Town news</h1>"
            f"<div class='intro-content'><p>{PARAS[0]}</p></div>"
            f"<div class='cards'>{_teasers()}{_teasers()}</div></div></body></html>")
    r = clean(page, "https://example.org/news", content_type="html", site_rules=False)
    assert PARAS[0] in r.text and EXCERPTS[0] in r.text


def test_sections_with_permalink_headings_are_not_teasers():
    # a reference page: each section's heading carries an in-page "#" anchor, and the sections are the text
    sections = "".join(f"<section class='api-section'><h2><a href='#s{k}'>{h}</a></h2><p>{e}</p></section>"
                       for k, (h, e) in enumerate(zip(HEADLINES, EXCERPTS)))
    page = (f"<html><head>{ARTICLE}</head><body><div id='page'><h1>Reference</h1>"
            f"<div class='main-content'>{''.join(f'<p>{p}</p>' for p in PARAS[:3])}</div>"
            f"<div class='sections'>{sections}</div></div></body></html>")
    r = clean(page, "https://example.org/docs/api", content_type="html", site_rules=False)
    assert PARAS[0] in r.text and EXCERPTS[0] in r.text
