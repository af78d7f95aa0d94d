"""The training script's host-grouped cross-validation: folds by host, out-of-fold scoring through clean()."""
from __future__ import annotations


import numpy as np

from bench.metrics import word_score


MENU = ["Home", "News", "Sport", "Weather", "Contact us", "Sign in", "Subscribe", "Search", "Local news",
        "Business news", "Politics and government", "Travel and leisure", "Food and drink", "Arts and culture",
        "Opinion pieces", "Latest videos", "Photo galleries", "Newsletters", "Podcasts", "Events near you"]
FOOT = ["About us", "Careers", "Privacy policy", "Terms of use", "\u00a9 2025 Example Media Ltd"]
SENTENCES = [
    "The council approved the new budget on Tuesday after a long debate about the cost of repairs.",
    "Residents had asked for more money to be spent on the roads and the two bridges over the river.",
    "The finance officer said the plan would keep local taxes at the level of the previous year.",
    "Opposition members argued that the savings depended on figures that had not been checked yet.",
    "A final vote on the details of the spending plan is expected before the end of the month.",
]


def _page(i: int) -> dict:
    """A whole-page text: menu, headline, five prose lines in an order of its own, footer."""
    body = [SENTENCES[(i + k) % len(SENTENCES)] for k in range(len(SENTENCES))]
    text = "\n".join([*MENU, "", f"Council budget story {i}", "", *body, "", *FOOT])
    return {"set": "wcxb", "id": f"p{i}", "url": f"https://site{i % 6}.example.org/council-budget-story-{i}",
            "gt": "\n\n".join(body), "type": "article" if i % 3 else "listing",
            "html-text": text, "inscriptis": text}


def test_folds_group_hosts_and_use_every_fold(train_script):
    urls = [f"https://www.site{i}.org/a/{j}" for i in range(200) for j in range(3)]
    folds = {u: train_script.cv_fold(u, 5) for u in urls}
    for i in range(200):  # every page of a host (with or without www.) in the host's fold
        assert len({folds[f"https://www.site{i}.org/a/{j}"] for j in range(3)}) == 1
        assert train_script.cv_fold(f"https://site{i}.org/x", 5) == folds[f"https://www.site{i}.org/a/0"]
    counts = np.bincount(list(folds.values()), minlength=5)
    assert counts.min() > 0.1 * len(urls)
    # the folds are not the held-out split drawn again
    held = [train_script.held_out(u) for u in urls]
    assert len({f for u, f, h in zip(urls, folds.values(), held) if h}) > 1


def test_reweigh_scales_only_pages_other_than_articles(train_script):
    recs = [({"type": "article"}, (None, None, np.ones(3, np.float32))),
            ({"type": "product"}, (None, None, np.ones(3, np.float32)))]
    out = train_script.reweigh(recs, 2.0)
    assert out[0][1][2].tolist() == [1, 1, 1] and out[1][1][2].tolist() == [2, 2, 2]
    assert train_script.reweigh(recs, 1.0) is recs


def test_cross_validation_scores_every_page_out_of_fold(train_script):
    pages = [_page(i) for i in range(12)]
    records = []
    for page in pages:
        for conv in train_script.CONVERTERS:
            records.append((page, train_script.page_arrays(page[conv], page["url"], page["gt"])))
    fit_kw = {"hidden": 8, "seed": 0, "epochs": 60, "ens": 1, "hidden2": 4}
    # the same fold models again with min_lines above every page's line count: each page left untouched
    scores, (untouched_scores,) = train_script.cross_validate(records, 3, fit_kw, also=[{"min_lines": 1000}])
    # each page once per converter, with the bench's word scorer
    assert len(scores) == len(pages) * len(train_script.CONVERTERS)
    assert {s[0] for s in scores} == {"wcxb"} and {s[1] for s in scores} == {"article", "listing"}
    assert all(0.0 <= s[3].f1 <= 1.0 for s in scores)
    table = train_script.summary_table(scores)
    assert "listing" in table and table.splitlines()[-1].split()[-2:] == ["8", "4"]
    # the pooled figure is the bench's mean page F1 of the texts the folds' models kept
    mean = np.mean([s[3].f1 for s in scores if s[2] == "html-text"])
    assert f"{mean:.3f}" in table.splitlines()[1]
    # out of fold, the models still drop the menus and footers: better than the untouched text
    untouched = np.mean([word_score(p["html-text"], p["gt"]).f1 for p in pages])
    assert mean > untouched + 0.05
    # the option sets tried on the same fold models: every page, scored with those options
    assert [s[:3] for s in untouched_scores] == [s[:3] for s in scores]
    by_id = {p["id"]: p for p in pages}
    order = [p["id"] for f in range(3) for p in pages if train_script.cv_fold(p["url"], 3) == f]
    want = [word_score(by_id[i][c], by_id[i]["gt"]).f1 for i in order for c in train_script.CONVERTERS]
    assert [s[3].f1 for s in untouched_scores] == want
