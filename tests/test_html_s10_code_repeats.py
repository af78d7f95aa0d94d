"""Code listings repeat by nature (the same command in each step or language tab): a repeated <pre> stays,
while a repeated block of prose (a layout's second copy) still goes."""
from __future__ import annotations

from cleaner import clean
from cleaner.doc import Doc, Unit
from cleaner.htmlpath.trim import drop_repeats

CODE = ("ngrok http 5000\n# Forwarding https://example.ngrok.app -> http://localhost:5000\n"
        "# Copy the forwarding URL and paste it into the webhook field of your phone number's settings,\n"
        "# then send a text message to your number and watch the request arrive in the terminal window.\n"
        "# Stop the tunnel with Ctrl+C when you are done; the forwarding URL changes every time it restarts.")
STEPS = [
    "Install the helper library for your language, then create a small web application that answers an "
    "incoming message with a reply of its own.",
    "Start a tunnel so that the service can reach the application running on your own machine while you "
    "develop it.",
    "Do the same for the second language: the tunnel command does not change, only the application does.",
]


def _doc(url: str) -> Doc:
    doc = Doc(mode="html", source="", url=url)
    texts = [(STEPS[0], "p"), (CODE, "pre"), (STEPS[1], "p"), (STEPS[2], "p"), (CODE, "pre")]
    doc.units = [Unit(text=t, para=k, kind=kind) for k, (t, kind) in enumerate(texts)]
    return doc


def test_a_repeated_code_listing_stays():
    doc = _doc("https://docs.example.com/messaging/quickstart")
    drop_repeats(doc)
    assert all(u.keep for u in doc.units)


def test_on_a_forum_thread_a_quoted_listing_still_goes():
    doc = _doc("https://forum.example.com/viewtopic.php?t=361697")
    drop_repeats(doc)
    assert [u.keep for u in doc.units] == [True, True, True, True, False]


def test_a_repeated_block_of_prose_still_goes():
    block = "".join(f"<p>{s}</p>" for s in STEPS)
    page = (f"<html><body><main><div class='desktop'>{block}</div><div class='mobile'>{block}</div>"
            f"<pre>{CODE}</pre><p>Both languages use the same tunnel.</p><pre>{CODE}</pre></main></body></html>")
    r = clean(page, "https://docs.example.com/messaging/quickstart", content_type="html", site_rules=False)
    assert all(r.text.count(s) == 1 for s in STEPS)
    assert r.text.count("ngrok http 5000") == 2
