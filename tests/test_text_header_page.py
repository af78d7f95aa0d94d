"""The automatic text header on a whole page's text: the URL slug picks the headline out of the menus."""
from __future__ import annotations

from cleaner import clean

BODY = ("The new backup plan keeps three copies of every file on two kinds of storage, with one copy "
        "away from the office, and it is tested by restoring a random folder every month.\n\n"
        "Snapshots are taken every hour and kept for a week, then thinned out to one a day for a "
        "month, which has been enough for every accidental deletion so far this year.\n\n"
        "The offsite copy is encrypted before it leaves the machine, and the key is printed and "
        "stored in a safe, because a backup you cannot decrypt is not a backup at all.")


def test_menu_line_is_not_taken_for_the_title():
    text = f"Subscribe\nSign in\nHome\nMy nightly backup strategy\nMarch 3, 2024\n\n{BODY}"
    r = clean(text, "https://blog.example.net/my-nightly-backup-strategy", content_type="text",
              site_rules=False)
    assert r.title == "My nightly backup strategy"
    assert r.date.startswith("2024-03-03")
    assert "My nightly backup strategy" not in r.text


def test_short_headline_is_not_a_byline():
    text = f"Backup Strategy\nJanuary 22, 2019\n\n{BODY}"
    r = clean(text, "https://blog.example.net/backup-strategy", content_type="text", site_rules=False)
    assert r.author is None
    assert r.title == "Backup Strategy"


def test_without_url_the_first_line_is_still_the_title():
    text = f"Backup Strategy\nJane Smith\nJanuary 22, 2019\n\n{BODY}"
    r = clean(text, content_type="text", site_rules=False)
    assert r.title == "Backup Strategy"
    assert r.author == "Jane Smith"
