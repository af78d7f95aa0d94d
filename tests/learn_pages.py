"""Synthetic pages of one site for the learning tests: one template around different articles."""
from __future__ import annotations

ARTICLES = [
    ["Harbour town votes to restore its Victorian pier",
     "Residents of the small harbour town voted on Thursday to spend two million pounds restoring the pier, "
     "which has been closed to visitors since a storm damaged its supports three winters ago.",
     "The council said the work would begin in the spring and take about eighteen months, with the deck "
     "replaced plank by plank using timber from a sustainable forest in the north of the county.",
     "Fishermen who moor beside the pier welcomed the decision, saying the closure had pushed tourists "
     "towards the larger resort along the coast and cost local cafes much of their summer trade."],
    ["Library lends out gardening tools as well as books",
     "A public library on the edge of the city has started lending spades, shears and wheelbarrows to "
     "members, after a survey found that many tenants had no room to store tools of their own.",
     "Librarians catalogue each tool like a book, and borrowers can keep an item for two weeks before "
     "returning it to the shed that volunteers built behind the reading room last autumn.",
     "The scheme has proved so popular that the waiting list for the hedge trimmer now stretches into "
     "next month, and neighbouring branches have asked how they might copy the idea."],
    ["Night trains return to the mountain line after a decade",
     "Sleeper services are running again on the mountain railway for the first time in ten years, with "
     "the operator promising a cabin for two at roughly the price of a budget hotel room.",
     "Passengers boarding at the capital just before midnight wake up beside the lake at the foot of "
     "the pass, in time for the first ferry across to the villages on the far shore.",
     "Rail campaigners said the return of the service showed that demand for overnight travel had "
     "grown as more people tried to avoid short flights for environmental reasons."],
    ["Beekeepers count record honey harvest after warm summer",
     "Members of the regional beekeeping association reported their largest honey harvest in twenty "
     "years, crediting a long, warm summer and a wet spring that left the hedgerows full of flowers.",
     "Some hives produced more than forty kilograms, almost twice the usual yield, and several members "
     "said they had run out of jars before the end of the extraction season in September.",
     "The association warned, however, that a mild winter could leave colonies exposed to mites, and "
     "urged newcomers to attend its free training days before buying their first bees."],
    ["School orchestra raises money for new instruments with street concerts",
     "Pupils from the secondary school played twelve concerts in the market square over the summer "
     "holidays, raising enough money to replace the cellos that had been in use since the nineteen seventies.",
     "Their music teacher said the children had chosen the programme themselves, mixing film themes "
     "with folk tunes that older shoppers often stopped to sing along to.",
     "The new instruments arrived this week, and the orchestra will give its first concert with them "
     "at the town hall before Christmas, with tickets free to anyone who gave in the square."],
]

NAV = ["Skip to main content", "Home", "News", "Sport", "Culture", "Weather", "Sign in", "Search the site"]
PROMPTS = ["Join the conversation below and share your view with other readers",
           "Get the morning briefing delivered to your inbox every weekday"]
FOOTER = ["Contact us", "Advertise with us", "Terms and conditions", "Privacy notice",
          "Copyright 2026 The Coastal Gazette Ltd. All rights reserved."]


def text_page(i: int) -> str:
    """Page i as scraped text: nav, the article, prompts, footer (each page shows a different counter)."""
    title, *paras = ARTICLES[i]
    lines = [*NAV, "", title, "", *(p + "\n" for p in paras), f"{12 + i} comments", *PROMPTS, "", *FOOTER]
    return "\n".join(lines) + "\n"


def html_page(i: int) -> str:
    """Page i as HTML from the same template."""
    title, *paras = ARTICLES[i]
    nav = "".join(f'<li><a href="/{n.lower()}">{n}</a></li>' for n in NAV)
    foot = "".join(f"<p>{f}</p>" for f in FOOTER)
    body = "".join(f"<p>{p}</p>" for p in paras)
    prompts = "".join(f'<p class="prompt">{p}</p>' for p in PROMPTS)
    return (f'<html><head><title>{title} | The Coastal Gazette</title></head><body>'
            f'<header class="site-header"><ul class="main-nav">{nav}</ul></header>'
            f'<main><article><h1>{title}</h1>{body}<div class="article-tools">{prompts}</div></article></main>'
            f'<footer class="site-footer">{foot}</footer></body></html>')


def article_sentences(i: int) -> list[str]:
    """Every sentence of article i's paragraphs (what must survive cleaning)."""
    out = []
    for para in ARTICLES[i][1:]:
        out += [s.strip() + ("" if s.strip().endswith(".") else ".") for s in para.split(". ") if s.strip()]
    return out
