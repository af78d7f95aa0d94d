"""A popover (a "turn on notifications" prompt, a help bubble) is chrome like a popup or a modal: its
instructions, however much they read like prose, are not the page's text."""
from __future__ import annotations

from cleaner import clean

TEXT = ["The roadmap for this year puts the editor first: faster loading, better image handling and a new way "
        "to arrange sections, which the team has been testing with a small group of customers since spring.",
        "Commerce features follow in the second half, with subscriptions and more payment providers, and the "
        "team says it will report on each of them here as they ship, with notes on what changed and why."]
PROMPT = ("To get notifications from this site, tap the lock icon next to the address bar, then choose "
          "notifications and allow them; you can turn them off again in the same place whenever you like.")


def test_a_popover_prompt_is_not_the_text():
    html = ("<html><head><title>Roadmap discussion</title></head><body><nav><a href='/'>Home</a></nav>"
            f"<div class='thread'><h1>Roadmap discussion</h1><p>{TEXT[0]}</p><p>{TEXT[1]}</p>"
            f"<div class='notifications-popover'><h3>Turn on notifications</h3><p>{PROMPT}</p></div></div>"
            "<footer><p>Copyright 2026 Example.</p></footer></body></html>")
    r = clean(html, "https://example.com/roadmap-discussion", content_type="html", site_rules=False)
    assert all(t in r.text for t in TEXT)
    assert "lock icon" not in r.text
