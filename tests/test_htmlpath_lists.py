"""Link lists inside the chosen body: a series of them (an index, a changelog) is content; a single list
of related links in the middle of an article is not."""
from __future__ import annotations

from cleaner import clean

INTRO = [
    "This page collects the projects our volunteers have worked on during the year, grouped by the team "
    "that looked after them, so that newcomers can find where to start.",
    "Each entry links to the project's own page, where its maintainers explain what help they need and "
    "how to reach them; the list is updated at the start of every month.",
    "Most projects welcome people with no experience at all: reading the guides, testing a release on an "
    "old computer or translating a page are as useful as writing code, and take an evening at most.",
    "The coordinators meet every second Thursday to review what changed, and they publish their notes so "
    "that anyone who missed the meeting can still follow what the teams decided and why.",
]
OUTRO = ("If you maintain a project that is missing here, write to the coordinators and it will be added "
         "to the next edition of this page, with a short note on what it does.")
TEAMS = {
    "Documentation team": ["Rewrite of the installation guide", "Tutorial for first contributors",
                           "Glossary of common terms"],
    "Infrastructure team": ["Migration of the build servers", "Nightly packaging of the releases",
                            "Monitoring dashboards for mirrors"],
    "Translation team": ["Spanish edition of the handbook", "Japanese edition of the handbook",
                         "Review process for translated pages"],
}
NAV = ('<nav class="top"><ul><li><a href="/">Home</a></li><li><a href="/about">About</a></li>'
       '<li><a href="/blog">Blog</a></li><li><a href="/join">Join</a></li></ul></nav>')


def _links(items: list[str]) -> str:
    return "<ul>" + "".join(f'<li><a href="/p/{k}">{t}</a></li>' for k, t in enumerate(items)) + "</ul>"


def test_a_series_of_link_lists_in_the_body_is_kept() -> None:
    sections = "".join(f"<h2>{team}</h2>{_links(items)}" for team, items in TEAMS.items())
    html = (f"<html><head><title>Projects</title></head><body>{NAV}<div class=\"wrap\"><div>"
            + "".join(f"<p>{p}</p>" for p in INTRO) + sections + f"<p>{OUTRO}</p></div></div></body></html>")
    text = clean(html, "https://volunteers.example.org/projects", site_rules=False, content_type="html").text
    for items in TEAMS.values():
        for item in items:
            assert item in text
    assert INTRO[0] in text and OUTRO in text
    assert "Join" not in text.split()


def test_one_list_of_related_links_inside_an_article_goes() -> None:
    related = ["Volunteers open a second repair cafe in the old library",
               "How the handbook translation project started ten years ago"]
    html = (f"<html><head><title>Projects</title></head><body>{NAV}<div class=\"wrap\"><div>"
            + "".join(f"<p>{p}</p>" for p in INTRO) + _links(related) + f"<p>{OUTRO}</p></div></div></body></html>")
    text = clean(html, "https://volunteers.example.org/projects", site_rules=False, content_type="html").text
    assert INTRO[1] in text and OUTRO in text
    for item in related:
        assert item not in text


def test_a_figure_holding_paragraphs_of_text_is_content_not_a_caption() -> None:
    review = ("We tested the three sewing machines the repair cafe owns over six evenings, mending jeans, "
              "curtains and a sail. The oldest one, a cast-iron model from the seventies, was the slowest to "
              "thread but never skipped a stitch; the newest jammed twice on the sail's thick seams, and the "
              "volunteers had to open its bobbin case each time. The middle one was the one most people chose "
              "once they had tried all three, because its pedal is gentle and its light is bright. We will "
              "keep all three, but the new one goes back to the shop for a check before the winter season, "
              "when the cafe mends coats and the queue is longest. Two volunteers who teach sewing at the "
              "community college also timed how long a beginner took to thread each machine: eleven minutes "
              "for the old one, four for the middle one and six for the new one, which hides its thread path "
              "behind a plastic cover that beginners did not think to open. Those figures and the jams decided "
              "which machine the beginners' evenings will use from now on. The full notes, with the settings "
              "that worked for each fabric, are pinned on the board by the door of the workshop, next to the "
              "list of spare needles and the rota for the Saturday mornings. Anyone who wants to add a fabric "
              "or a machine of their own to the comparison can bring it on a Thursday evening.")  # well over a caption's length
    html = (f"<html><head><title>Projects</title></head><body>{NAV}<article><div class=\"body\">"
            + "".join(f"<p>{p}</p>" for p in INTRO)
            + f"<figure class=\"comparison\"><div class=\"wrapper\"><p>{review}</p></div></figure>"
            + "<figure><img src=\"a.jpg\"><figcaption>The repair cafe on its first evening</figcaption></figure>"
            + "</div></article></body></html>")
    r = clean(html, "https://volunteers.example.org/review", site_rules=False, content_type="html")
    assert review in r.text
    assert r.captions == ["The repair cafe on its first evening"]


def test_hidden_tab_panels_beside_a_shown_one_are_content() -> None:
    langs = {"Python": "Install the library with pip, then create a file called send.py and paste the code "
                       "below into it; it reads your key from the environment and sends the message.",
             "Ruby": "Install the gem with bundler, then create a file called send.rb and paste the code below "
                     "into it; it reads your key from the environment and sends the message.",
             "Java": "Add the library to your build file, then create a class called Send and paste the code "
                     "below into it; it reads your key from the environment and sends the message."}
    panels = "".join(f'<div class="tab-panel"{"" if k == 0 else " hidden"}><p>{t}</p></div>'
                     for k, t in enumerate(langs.values()))
    popup = '<div class="signup" style="display:none"><p>Create an account to save your progress.</p></div>'
    html = (f"<html><head><title>Quickstart</title></head><body>{NAV}<main><h1>Quickstart</h1>"
            + "".join(f"<p>{p}</p>" for p in INTRO) + f"<div class=\"tabs\">{panels}</div>{popup}"
            + f"<p>{OUTRO}</p></main></body></html>")
    text = clean(html, "https://docs.example.org/quickstart", site_rules=False, content_type="html").text
    for t in langs.values():
        assert t in text
    assert "save your progress" not in text  # a hidden element with no shown twin stays out
