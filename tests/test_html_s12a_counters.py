"""A post's or a teaser card's counters on a line of their own ("3 Likes", "27 comments", "7 min read") are
widgets, not text; a sentence that mentions such a count stays."""
from __future__ import annotations

from cleaner import clean

POSTS = ["I moved my server to the new release last night and the upgrade went fine, apart from one warning "
         "about the old configuration format that I could not place.",
         "That warning is harmless: the old format is still read, and the next release converts it for you. "
         "You can silence it by running the migration command once.",
         "Thanks, the migration command worked and the warning is gone. The 3 likes on the answer were deserved."]


def _thread() -> str:
    # an old-style board: each post a row of the thread's table (a table inside the pick stays whole)
    posts = "".join(f"<tr><td><p>{text}</p><div>{k + 2} Likes</div><div>{k + 4} replies</div></td></tr>"
                    for k, text in enumerate(POSTS))
    return ("<html><head><title>Upgrade warning</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<main><h1>Upgrade warning</h1><table>{posts}</table></main><footer><p>Powered by a forum.</p></footer></body></html>")


def test_counters_of_posts_go_and_their_text_stays():
    r = clean(_thread(), "https://forum.example.org/t/upgrade-warning/123", content_type="html", site_rules=False)
    for text in POSTS:
        assert text in r.text
    lines = r.text.split("\n")
    assert not any(line.strip().endswith(("Likes", "replies")) for line in lines)
    assert any(removal.rule == "html:button" and removal.text.strip() == "2 Likes" for removal in r.removed)
