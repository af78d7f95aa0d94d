"""Session 13 (helper e): hidden elements that no reader is meant to see, however much text they hold."""
from __future__ import annotations

from cleaner import clean

PARAS = [f"Choosing the right tool is a balancing act between features and cost, point number {i}, "
         "and the team that has to keep it running every day." for i in range(6)]


def _page(copy_attrs: str) -> str:
    article = "".join(f"<p>{p}</p>" for p in PARAS)
    raw = "\n\n".join(f"_{p}_ [link](https://example.com/{i})" for i, p in enumerate(PARAS))
    return f"""<html><body>
<header><a href="/">Home</a> <a href="/blog">Blog</a></header>
<main><article class="content"><h1>The best tools</h1>{article}</article></main>
<pre class="rawMarkdown" {copy_attrs}># The best tools\n\n{raw}</pre>
<footer><p>Copyright 2024 Example.</p></footer>
</body></html>"""


def test_hidden_and_aria_hidden_copy_of_the_text_goes():
    # a raw Markdown copy for a "Copy as Markdown" button: hidden from the screen and from screen readers
    out = clean(_page('aria-hidden="true" hidden'), "https://example.com/blog/tools", content_type="html",
                site_rules=False).text
    assert PARAS[0] in out
    assert "](https://example.com/" not in out
    assert out.count("point number 3,") == 1


def test_hidden_main_revealed_by_script_is_still_read():
    # "anti-flicker": the page hides its whole text until a script shows it (hidden, not aria-hidden)
    page = _page('aria-hidden="true" hidden').replace("<main>", "<main hidden>")
    out = clean(page, "https://example.com/blog/tools", content_type="html", site_rules=False).text
    assert PARAS[0] in out and PARAS[5] in out
