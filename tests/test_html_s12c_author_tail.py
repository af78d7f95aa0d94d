"""A writer's box with no class to say so, at the very end of the text: a line that is only the writer's
name, maybe a role line, and a bio that opens with the name. It goes (html:author-bio); a list article's
last entry, a name and a paragraph with more text after them, stays."""
from __future__ import annotations

from cleaner import clean

PARAS = [
    "Hosting a dinner this winter? Planners say the biggest change this year is the return of the long "
    "table, set for a real meal rather than a buffet, with the host cooking at least one dish.",
    "Flowers are lower and looser than they were, so guests can see each other across the table, and "
    "candles have come back in force, often in mismatched holders collected over the years.",
    "The menu is shorter too: three courses at most, a dessert that can be made the day before, and a "
    "drink to start that does not need a bartender, such as a punch served from a bowl.",
    "Finally, the playlist matters more than it used to, and several of the planners we spoke to said "
    "they now send the host a list of songs along with the seating plan and the shopping list.",
]
BIO = ("Rebecca Norris is a full-time freelance writer living in the mountains, where she writes about "
       "interiors, gardens and the art of entertaining for several magazines.")


def _page(tail: str) -> str:
    text = "".join(f"<p>{p}</p>" for p in PARAS)
    return ("<html><head><meta property='og:type' content='article'></head><body><main>"
            f"<h1>Hosting trends</h1><div class='css-1x2y3z'>{text}</div>{tail}</main></body></html>")


def test_a_writers_name_and_bio_ending_the_text_go():
    tail = f"<div class='css-9q8w7e'><div>Rebecca Norris</div><div>Contributing Writer</div><p>{BIO}</p></div>"
    r = clean(_page(tail), "https://example.com/entertaining/hosting-trends", content_type="html", site_rules=False)
    assert PARAS[0] in r.text and PARAS[-1] in r.text
    assert BIO not in r.text and "Contributing Writer" not in r.text
    assert any(x.rule == "html:author-bio" for x in r.removed)


def test_a_named_entry_with_text_after_it_stays():
    # a list of the hosts we asked: the last one's entry goes on after her bio
    entry = ("<h2>Rebecca Norris</h2><p>" + BIO + "</p><p>She told us that her own dinners now start at six, "
             "so that guests with children can come.</p><p>Her tip: set the table the night before.</p>")
    r = clean(_page(entry), "https://example.com/entertaining/hosting-trends", content_type="html", site_rules=False)
    assert BIO in r.text
