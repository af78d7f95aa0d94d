"""A page that declares itself an article (og:type article, as WordPress SEO plugins say of every page) but
holds only a short intro and a series of cards (here classed "teaser", which alone reads as chrome), each under its own heading, outside any <article>
element, is a list of posts: the cards are the content. A paywalled lead inside its <article>, with
teaser cards around it, stays one article."""
from __future__ import annotations

from cleaner import clean

CARDS = [("Anthills Loop", "Difficulty: intermediate to advanced<br>Length: 5 miles<br>Steward: Dave Ruiz"),
         ("Cedar Ridge", "Difficulty: beginner<br>Length: 3 miles<br>Steward: Ana Lopez"),
         ("Quarry Hill", "Difficulty: advanced<br>Length: 7 miles<br>Steward: Sam Okafor"),
         ("Pine Flats", "Difficulty: easy<br>Length: 2 miles<br>Steward: Lee Chan")]
INTRO = "These are the trails our volunteers build and look after, open all year to riders and hikers."


def _page(article: bool) -> str:
    cards = "".join(f"<div class='teaser'><h2>{name}</h2><div class='desc'>{desc}</div>"
                    f"<a href='https://maps.example.org/{k}'>View map</a></div>" for k, (name, desc) in enumerate(CARDS))
    intro = f"<p>{INTRO}</p>"
    if article:  # the lead inside the page's <article>, the cards beside it
        intro = f"<article><h1>Trails</h1>{intro}</article>"
    return ("<html><head><title>Trails</title><meta property='og:type' content='article'></head><body>"
            "<nav><a href='/'>Home</a> <a href='/trails'>Trails</a> <a href='/about'>About</a></nav>"
            f"<div class='intro'>{intro}</div><div class='grid'>{cards}</div>"
            "<footer><p>Copyright the trail club.</p></footer></body></html>")


def test_cards_outside_any_article_are_the_list():
    r = clean(_page(article=False), "https://trails.example.org/trails/", content_type="html", site_rules=False)
    assert INTRO in r.text
    for name, desc in CARDS:
        assert name in r.text and desc.split('<br>')[-1] in r.text


def test_a_lead_inside_its_article_stays_alone():
    r = clean(_page(article=True), "https://trails.example.org/trails/", content_type="html", site_rules=False)
    assert INTRO in r.text
    assert not any(desc.split('<br>')[-1] in r.text for _, desc in CARDS)


POSTS = ["Sticky Air Fryer Chicken Thighs", "Crispy Air Fryer Sweet Potato Fries", "Air Fryer Whole Chicken",
         "Easy Air Fryer Salmon with Lemon", "Air Fryer Brussels Sprouts with Hot Honey"]
ABOUT = ("Quick and healthy air fryer recipes, from breakfast to snacks to dinners. We love our air fryer and "
         "how it makes everything crispy in record time with little to no oil.")


def test_an_archive_intro_and_its_posts_beside_it():
    # a WordPress category archive: the intro above the content area, each post an <article> holding only
    # its linked title (the posts' titles alone weigh less than the intro)
    posts = "".join(f"<article class='post-{k} post entry'><header class='entry-header'><h2 class='entry-title'>"
                    f"<a href='/recipe-{k}/'>{title}</a></h2></header></article>" for k, title in enumerate(POSTS))
    page = ("<html><head><title>Air fryer recipes</title><meta property='og:type' content='article'></head>"
            "<body class='archive category'><nav><a href='/'>Home</a> <a href='/recipes'>Recipes</a></nav>"
            f"<div class='archive-description'><h1>Air fryer recipes</h1><p>{ABOUT}</p></div>"
            f"<div class='content-sidebar-wrap'><main class='content'>{posts}</main></div>"
            "<footer><p>Copyright the recipe blog.</p></footer></body></html>")
    r = clean(page, "https://recipes.example.org/category/airfryer/", content_type="html", site_rules=False)
    assert ABOUT in r.text
    for title in POSTS:
        assert title in r.text
    assert "Copyright" not in r.text
