"""A "Similar threads" / "Explore related questions" heading near the end of a thread opens the board's
teasers, like an article's "Related articles": it goes with what follows it (html:related-tail)."""
from __future__ import annotations

from cleaner import clean

POSTS = ["I am applying for the fellowship this cycle and wondered when the first interview invitations went "
         "out last year, and whether programmes still send them by email rather than through the portal.",
         "Last year the first invitations came in the second week of August, all of them by email; the portal "
         "only showed them a day later, so keep an eye on your inbox and your spam folder too.",
         "Thanks, that is helpful. I will post here as soon as I hear anything from the programmes I applied to, "
         "so that everyone in this year's cycle can keep track of where things stand."]
SIMILAR = ["Official fellowship application thread for next year", "Interview invitations: who has heard back?",
           "Which programmes still interview in person?"]


def _thread() -> str:
    posts = "".join(f"<article class='message'><div class='message-content'><p>{text}</p></div></article>"
                    for text in POSTS)
    similar = "".join(f"<li><a href='/threads/{k}'>{t}</a><span>Replies {k + 3}</span></li>"
                      for k, t in enumerate(SIMILAR))
    return ("<html><head><title>Application thread</title></head><body><nav><a href='/'>Forums</a></nav>"
            f"<div class='p-body'><h1>Application thread</h1><div class='block-body'>{posts}</div>"
            f"<div class='block'><h3>Similar threads</h3><ul>{similar}</ul></div></div>"
            "<footer><p>Community platform.</p></footer></body></html>")


def test_similar_threads_go_with_their_heading():
    r = clean(_thread(), "https://forums.example.org/threads/application-thread.123/", content_type="html",
              site_rules=False)
    for text in POSTS:
        assert text in r.text
    assert "Similar threads" not in r.text
    assert not any(t in r.text for t in SIMILAR)
