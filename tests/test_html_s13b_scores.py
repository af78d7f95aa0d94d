"""On a forum thread a line that is only a number is a post's vote count (between its up and down arrows);
numbers inside sentences, lists, tables and code stay, and off forum threads a lone number stays."""
from __future__ import annotations

from cleaner import clean

QUESTION = ("How do I back up my entire system before upgrading? I would like a copy I can restore from if the "
            "upgrade goes wrong, ideally without buying extra software.")
ANSWERS = ["Use a disk imaging tool from a live USB stick: it copies every partition, and you can restore the "
           "image onto the same or a bigger disk later on.",
           "I keep a second disk in the machine and run a nightly sync of my home folder; the system itself I "
           "simply reinstall, which takes 20 minutes."]


def _post(cls: str, votes: int, text: str) -> str:
    # a Q&A post: the vote cell (its class says "post-layout") beside the post's body
    return (f"<div class='{cls}'><div class='post-layout'><div class='votecell post-layout--left'>"
            f"<div class='js-voting-container'><button>Up</button><div class='js-vote-count'>{votes}</div>"
            f"<button>Down</button></div></div><div class='postcell post-layout--right'>"
            f"<div class='s-prose js-post-body'><p>{text}</p></div></div></div></div>")


def _page(votes: list[int]) -> str:
    answers = "".join(_post("answer", v, text) for v, text in zip(votes, ANSWERS))
    return ("<html><head><title>Back up my system</title></head><body><nav><a href='/'>Home</a></nav><main>"
            f"<h1>Back up my system</h1>{_post('question', 67, QUESTION)}<div id='answers'>{answers}</div>"
            "<pre>step\n2\n3</pre></main><footer><p>Site design by a network.</p></footer></body></html>")


def test_vote_counts_of_a_thread_go():
    r = clean(_page([13, 5]), "https://askubuntu.example.org/questions/7809/how-to-back-up", content_type="html",
              site_rules=False)
    assert QUESTION in r.text and all(a in r.text for a in ANSWERS)
    lines = [line.strip() for line in r.text.split("\n")]
    assert "67" not in lines and "13" not in lines and "5" not in lines
    assert "takes 20 minutes" in r.text  # a number in a sentence stays
    assert any(removal.text.strip() == "13" for removal in r.removed)


def test_lone_numbers_in_code_and_off_threads_stay():
    r = clean(_page([13, 5]), "https://askubuntu.example.org/questions/7809/how-to-back-up", content_type="html",
              site_rules=False)
    assert "step\n2\n3" in r.text  # a code block's lines are not vote counts
    r = clean(_page([13, 5]), "https://blog.example.org/2024/05/backups.html", content_type="html", site_rules=False)
    assert "13" in [line.strip() for line in r.text.split("\n")]
