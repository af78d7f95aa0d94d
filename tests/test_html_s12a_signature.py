"""A forum post's signature (the poster's standing lines under every post) is surely chrome: not the post,
however much it reads like a sentence."""
from __future__ import annotations

from cleaner import clean

POST = ("Before you buy new fish, let the tank run for at least a month and test the water every few days, so "
        "that the bacteria that break down waste have time to settle in the filter.")
SIGNATURE = ("Keeping freshwater tanks since 1998, two planted community tanks and a shrimp tank, and always happy "
             "to help a beginner through the first months of the hobby.")


def test_a_post_signature_is_not_the_post():
    # a thread of one post, whose signature is nearly as long as it (a minor part no more)
    posts = (f"<div class='post'><div class='content'><p>{POST}</p></div>"
             f"<div class='signature'><p>{SIGNATURE}</p></div></div>")
    html = ("<html><head><title>New fish</title></head><body><nav><a href='/'>Forum</a></nav>"
            f"<div class='thread'><h1>What to look for before buying new fish</h1>{posts}</div>"
            "<footer><p>Forum software.</p></footer></body></html>")
    r = clean(html, "https://forum.example.org/threads/new-fish.42/", content_type="html", site_rules=False)
    assert POST in r.text
    assert "freshwater tanks since 1998" not in r.text
