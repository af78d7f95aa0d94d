"""A block of links with the pick's prose on both sides is part of the text (the tools, places or papers
the text goes on to discuss); at the text's edge such a block is still chrome."""
from __future__ import annotations

from cleaner import clean

PROSE = [
    "Choosing a static site generator used to mean learning a new templating language, but most of the "
    "popular tools now let you write pages in the language you already use for the rest of your project.",
    "We built the same small documentation site with each of them, timed a full build on a modest laptop, "
    "and noted how much configuration it took before the first page rendered the way we wanted.",
    "The fastest of the group finished a cold build in under a second, while the slowest needed almost half "
    "a minute, most of it spent resolving plugins that the smaller tools simply do not have.",
    "None of them is a bad choice, and the right one depends mostly on the language your team knows best and "
    "on how many pages you expect to publish over the next couple of years.",
]
TOOLS = ["Hugo", "Jekyll", "Eleventy", "Astro", "Zola", "MkDocs"]


def _page(links_at: int) -> str:
    links = "<ul>" + "".join(f'<li><a href="/tools/{t.lower()}">{t}</a></li>' for t in TOOLS) + "</ul>"
    paras = [f"<p>{p}</p>" for p in PROSE]
    paras.insert(links_at, links)
    return ("<html><body><header><nav><a href='/'>Home</a> <a href='/blog'>Blog</a></nav></header><main><div>"
            f"{''.join(paras)}</div></main><footer><p>Copyright 2024 Example Docs.</p></footer></body></html>")


def test_links_the_text_goes_on_to_discuss_stay():
    r = clean(_page(2), "https://example.com/blog/static-site-generators", content_type="html", site_rules=False)
    assert all(p in r.text for p in PROSE)
    assert all(t in r.text for t in TOOLS)


def test_links_at_the_end_of_the_text_still_go():
    r = clean(_page(4), "https://example.com/blog/static-site-generators", content_type="html", site_rules=False)
    assert all(p in r.text for p in PROSE)
    assert not any(t in r.text.split() for t in ("Hugo", "Jekyll", "Eleventy"))
