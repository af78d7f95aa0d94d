"""A list article whose content is a big data table of linked names (an encyclopedia's list of prize
winners): cell by cell the table reads like a menu, and its cost must not leave the page to its intro and
the prose of a reference note below it."""
from __future__ import annotations

from cleaner import clean
from cleaner.htmlpath import scoring
from cleaner.htmlpath.tree import parse

INTRO = ("The prizes are awarded every year to people and organisations who have made outstanding "
         "contributions in their fields, and the list below gives every winner since the first award.")
NOTE = ("Later, there have been speculations that the committee could have had another candidate in mind "
        "when it declared that there was no suitable living candidate that year, but this can be ruled out, "
        "since the records show that no such nomination had been made, and it seems reasonable to assume "
        "that the award would otherwise have gone to the person most often named in the predictions. "
        "The committee's minutes for the year, opened fifty years later as its rules provide, say only that "
        "the members could not agree, and that they chose to hold the prize money over to the next year, "
        "as they had done twice before in the years of the war, when no award was made in any field at all. "
        "Historians of the prize have since read the letters of the members, and found no other name in them.")
NAMES = ["Ada Byron", "Carl Dahl", "Eva Fisk", "Gus Hale", "Ida Jonsson", "Karl Lund", "Mia Nord",
         "Olof Pers", "Rut Sand", "Tor Ulf", "Vera Wik", "Axel Berg"]


def _page(rows: int) -> str:
    body = "".join(
        f"<tr><td>{1901 + k}</td>" + "".join(
            f"<td><a href='/wiki/{n.replace(' ', '_')}_{k}'>{n}</a></td>" for n in NAMES[(k % 3):(k % 3) + 4])
        + "</tr>" for k in range(rows))
    return ("<html><body><nav><a href='/'>Main page</a> <a href='/random'>Random article</a></nav>"
            "<div class='mw-body'><h1>List of prize winners</h1>"
            f"<p>{INTRO}</p><table class='wikitable'><tr><th>Year</th><th>Physics</th><th>Chemistry</th>"
            f"<th>Medicine</th><th>Literature</th></tr>{body}</table>"
            f"<h2>References</h2><ol class='references'><li><a href='#r1'>^</a> {NOTE}</li></ol></div>"
            "<footer><a href='/privacy'>Privacy policy</a></footer></body></html>")


def test_a_data_table_is_kept_beside_a_long_reference_note():
    r = clean(_page(30), "https://example.org/wiki/List_of_prize_winners", content_type="html",
              site_rules=False)
    assert INTRO in r.text
    assert "Ida Jonsson" in r.text


def test_only_long_tables_of_several_columns_are_data_tables():
    root = parse(_page(30))
    s = scoring.score(root)
    cells = scoring._data_cells(list(root.iter("table")), s.index)
    assert cells and all(s.elements[i].tag in ("td", "th") for i in cells)
    short = parse(_page(5))  # a calendar-sized table: judged cell by cell as before
    assert not scoring._data_cells(list(short.iter("table")), scoring.score(short).index)
