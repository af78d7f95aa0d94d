"""A BEM class token names an element of a block ("ipsEntry__signature": the signature of an entry): a content
word in its block part does not make a chrome element part content, so a forum post's signature goes."""
from __future__ import annotations

from cleaner import clean
from cleaner.htmlpath.features import attr_signal

POSTS = ["I moved my server to the new release last night and the upgrade went fine, apart from one warning "
         "about the old configuration format that I could not place.",
         "That warning is harmless: the old format is still read, and the next release converts it for you. "
         "You can silence it by running the migration command once."]
SIGNATURE = ("Design should be simple. Communication should be honest. I advocate for both, on behalf of everyone. "
             "Want to improve your store? I build proven solutions, including breadcrumbs, currencies and wishlists.")


def _thread() -> str:
    # an Invision-style thread: the second post carries its writer's signature, long beside the short posts
    posts = (f"<article class='ipsEntry'><div class='ipsEntry__post'><p>{POSTS[0]}</p></div></article>"
             f"<article class='ipsEntry'><div class='ipsEntry__post'><p>{POSTS[1]}</p></div>"
             f"<div class='ipsEntry__signature'><p>{SIGNATURE}</p></div></article>")
    return ("<html><head><title>Upgrade warning</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<main><h1>Upgrade warning</h1><div class='ipsEntries'>{posts}</div></main>"
            "<footer><p>Powered by a forum.</p></footer></body></html>")


def test_signature_of_an_entry_goes_and_the_posts_stay():
    r = clean(_thread(), "https://forum.example.org/topic/123-upgrade-warning/", content_type="html", site_rules=False)
    for text in POSTS:
        assert text in r.text
    assert "Design should be simple" not in r.text


def test_element_part_of_a_bem_token_decides():
    assert attr_signal(None, "ipsEntry__signature", False, None) == -2
    assert attr_signal(None, "post__comments", False, None) == -2
    assert attr_signal(None, "post__body", False, None) == 1
    # the block's chrome word beside the element's content word stays a layout hint (weak chrome)
    assert attr_signal(None, "sidebar__content", False, None) == -1
    # a hyphenated token is no BEM element: "article-footer" is only maybe chrome
    assert attr_signal(None, "article-footer", False, None) == -1
