"""A <noscript> notice ("JavaScript is disabled. For a better experience, please enable JavaScript...") is what a
browser without scripts shows: its lines go. A long <noscript> (a page's posts for browsers without scripts)
and a sentence of the text that talks about JavaScript stay."""
from __future__ import annotations

from cleaner import clean

POSTS = ["I moved my server to the new release last night and the upgrade went fine, apart from one warning "
         "about the old configuration format that I could not place.",
         "That warning is harmless: the old format is still read, and the next release converts it for you. "
         "You can silence it by running the migration command once.",
         "Thanks, the migration command worked. The admin page needs JavaScript enabled in the browser, by the way."]
NOTICE = ("JavaScript is disabled. For a better experience, please enable JavaScript in your browser before "
          "proceeding.")


def _thread() -> str:
    posts = "".join(f"<article class='message'><div class='message-body'><p>{text}</p></div></article>"
                    for text in POSTS)
    return ("<html><head><title>Upgrade warning</title></head><body><nav><a href='/'>Home</a></nav><main>"
            f"<noscript><div class='blockMessage'>{NOTICE}</div></noscript>"
            f"<h1>Upgrade warning</h1><div class='block-body'>{posts}</div></main>"
            "<footer><p>Powered by a forum.</p></footer></body></html>")


def test_noscript_notice_goes_and_the_posts_stay():
    r = clean(_thread(), "https://forum.example.org/threads/upgrade-warning.123/", content_type="html",
              site_rules=False)
    for text in POSTS:
        assert text in r.text
    assert "please enable JavaScript" not in r.text
    assert any(removal.rule == "html:noscript" for removal in r.removed)


def test_long_noscript_text_stays():
    story = " ".join(POSTS) + " " + " ".join(POSTS)
    html = ("<html><head><title>Upgrade warning</title></head><body><main><h1>Upgrade warning</h1>"
            f"<noscript><div><p>{story}</p><p>{NOTICE}</p></div></noscript></main></body></html>")
    r = clean(html, "https://forum.example.org/threads/upgrade-warning.123/", content_type="html",
              site_rules=False)
    assert POSTS[0] in r.text
    assert NOTICE in r.text  # a line of a long <noscript> is the page's text, whatever it says
