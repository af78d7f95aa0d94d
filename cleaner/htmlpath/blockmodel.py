"""The learned block model: after the extractor picks the body, drop the runs of text inside it that
read as chrome and take in runs outside it that read as content (numpy inference, no site knowledge).

The model (htmlmodel.json, trained by scripts/train_html_model.py on the hosts outside the held-out
fifth) scores every run of the page from generic features (runs.py) and the plain-text line model's
score of the same text. The pick moves up to the lowest element holding it and the runs taken in;
every part of that element that holds no kept run is removed (and reported through `dropped`).
"""
from __future__ import annotations

import json
from collections.abc import Callable
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path

import numpy as np

from ..textpath import model as text_model
from ..textpath.features import sigmoid
from ..textpath.model import MLP
from . import runs as R
from .tree import remove_element, visible_chars

MODEL_FILE = Path(__file__).with_name("htmlmodel.json")

_recorder: Callable | None = None


@contextmanager
def recording(fn: Callable):
    """Training: call fn(runs, inputs, wanted, share) for each page instead of applying the model."""
    global _recorder
    old, _recorder = _recorder, fn
    try:
        yield
    finally:
        _recorder = old


@lru_cache(maxsize=2)
def load(path: str | None = None) -> dict | None:
    """The shipped model (None when there is none): MLP and the two thresholds."""
    p = Path(path) if path else MODEL_FILE
    if not p.exists():
        return None
    d = json.loads(p.read_text())
    if d.get("n_input") != R.N_INPUT:
        raise ValueError(f"{p}: trained with other features; retrain it (scripts/train_html_model.py)")
    return {"mlp": MLP.from_json(d["mlp"]), "drop": float(d["drop"]), "add": float(d["add"]),
            "info": d.get("info", {})}


# The model runs on forum threads, and where the pick holds under GATE of the page's text on a page
# that does not declare itself an article: there a part of the content is often missing from the pick
# (a thread's posts, a listing's cards, a shop's sections); elsewhere its gain (chrome dropped inside a
# pick that holds most of the page) is small against its cost (a walk of the whole page: +40% time per
# page), and around an article what it would take in is the site's menus and teasers. Out-of-fold on
# the training hosts (scripts/train_html_model.py): forum threads add +0.0018 WCXB F1; a GATE of 0.6
# or 0.8 instead of 0.5 adds nothing more (+-0.0002) and runs it on up to 1.8x the pages, and takes in
# datelines and copyright lines on news pages that do not declare themselves articles (AEB). On a page
# that declares itself a product (og:type, JSON-LD) it always runs: a shop's pick often holds most of the
# page and with it prices, stock and delivery lines, a "complete the look" grid (out-of-fold on the
# training hosts: +0.008 mean page F1 on those pages, +0.0005 overall; thresholds of their own add nothing).
# On a page that declares itself an article the model only drops (DROP_ONLY): it reads the pick's own
# runs (a walk of the pick, not of the page: +25% time per article page instead of +70%) and removes those
# it calls chrome (a newsletter box, a teaser list, a byline inside the article's element); it takes
# nothing in. Out-of-fold on the training hosts 0.8815 -> 0.8837 mean page F1 (the AEB pages' word F1
# +0.004); taking runs in as well brought the site's menus and teasers into AEB articles.
# A page that declares no kind and whose pick holds most of its text gets DROP_ONLY too: its pick is often
# a service page's or a shop's whole body, where testimonials, calls to action and widget states sit among
# the text (train split WCXB 0.8948 -> 0.8968, every page type up or level; AEB unchanged). Not a listing's
# region read whole (extract._listing_whole, a page of no prose): there the short facts of its cards are
# the content, which the model, trained mostly on prose, would take for chrome.
GATE = 0.5
CAPTION_TAGS = frozenset({"figcaption"})


FULL, DROP_ONLY = "full", "drop"


def wanted(body, pick, kind: str, forum: bool = False, listing: bool = False) -> tuple[str, float]:
    """How the model runs on this page (FULL, or DROP_ONLY where the pick holds most of a page that is not
    a forum thread or a product; "" would mean not at all), and the pick's share of the page's text."""
    share = visible_chars(pick) / max(visible_chars(body), 1)
    if forum or kind == "product" or (kind != "article" and share < GATE):
        return FULL, share
    if not listing:
        return DROP_ONLY, share
    # a listing's region read whole (on a declared article, a list article's own <main>): its items' short
    # facts are what it lists, not chrome for the model to pick out one by one
    return "", share


def decide(p: np.ndarray, inside: np.ndarray, x: np.ndarray, drop: float, add: float,
           mode: str = FULL) -> np.ndarray:
    """The runs kept: inside the pick unless scored below `drop`; outside it when scored above `add` and
    not under a surely-chrome element (a comments section, a nav, a sidebar: on a page that is not a
    forum thread, readers' comments are not the article however much they read like it). DROP_ONLY
    takes nothing in."""
    if mode == DROP_ONLY:
        return inside & (p >= drop)
    return np.where(inside, p >= drop, (p >= add) & (x[:, R.MIN_SIGNAL] > -2))


def inputs(r: R.Runs, url: str | None) -> np.ndarray:
    """The model's input matrix for a page's runs."""
    n = len(r.texts)
    lines = [t.replace("\n", " ") for t in r.texts]
    tp = text_model.load().scores(lines, [0] * n, list(range(n)), url).astype(np.float32)
    return R.context(r.x, tp)


def refine(body, pick, url: str | None, kind: str = "", forum: bool = False, dropped=None,
           listing: bool = False):
    """The element to extract: the pick, minus runs the model calls chrome, widened to take in runs
    outside it that it calls content."""
    if _recorder is None and load() is None:
        return pick
    run, share = wanted(body, pick, kind, forum, listing)
    if not run and _recorder is None:
        return pick
    # DROP_ONLY takes nothing in: the runs of the pick are all it needs (a walk of the pick, not the page)
    root = pick if run == DROP_ONLY else body
    r = R.collect(root, pick, forum=forum, product=kind == "product", kind=kind, share=share)
    if not r.texts:
        return pick
    x = inputs(r, url)
    if _recorder is not None:  # training sees every page, and whether the model would run on it
        _recorder(r, x, run, share)
        return pick
    m = load()
    p = sigmoid(m["mlp"].logit(x))
    inside = np.asarray(r.inside, dtype=bool)
    keep = decide(p, inside, x, m["drop"], m["add"], run)
    # a caption inside the pick stays: the line stage moves it to `captions` (the ground truth the model
    # learnt from leaves captions out of the text, which is where they go anyway)
    keep |= inside & np.fromiter((o.tag in CAPTION_TAGS for o in r.owners), dtype=bool, count=len(r.owners))
    keep |= _rest_of_kept_tables(keep, inside, r.owners, pick)
    if not keep.any() or (keep == inside).all():
        return pick
    return _apply(body, pick, [o for o, k in zip(r.owners, keep) if k], r.owners, dropped)


def _rest_of_kept_tables(keep: np.ndarray, inside: np.ndarray, owners: list, pick) -> np.ndarray:
    """The runs of each table inside the pick that the model keeps a run of: a table stays whole.

    Out of their table a data table's short cells ("Yes", "Feature 2", a figure) read like a widget's
    labels, and dropping some of them leaves rows with holes. Only tables within the pick count: a layout
    table around it holds the page's chrome too."""
    tables = []
    for owner, ins in zip(owners, inside):
        table = None
        if ins:
            for a in owner.iterancestors():
                if a is pick:
                    break
                if a.tag == "table":
                    table = a
                    break
        tables.append(table)
    kept = {id(t) for t, k in zip(tables, keep) if t is not None and k}
    if not kept:
        return np.zeros(len(owners), dtype=bool)
    return np.fromiter((t is not None and id(t) in kept for t in tables), dtype=bool, count=len(owners))


def _ancestors(el) -> list:
    """el and its ancestors, innermost first."""
    return [el, *el.iterancestors()]


def _apply(body, pick, kept: list, owners: list, dropped):
    """Widen the pick to hold the kept runs' owners, then remove its parts that hold no kept run."""
    container = pick
    chain = _ancestors(pick)
    on_chain = set(chain)
    for owner in kept:
        if owner in on_chain or _within(owner, container):
            continue
        for a in owner.iterancestors():
            if a in on_chain:
                container = a
                break
        if container is body:
            break
    live, texty = set(), set()
    for owner in owners:
        for a in _ancestors(owner):
            if a in texty:
                break
            texty.add(a)
    for owner in kept:
        for a in _ancestors(owner):
            if a in live:
                break
            live.add(a)
    _prune(container, live, texty, dropped)
    return container


def _within(el, container) -> bool:
    """Whether el lies in container's subtree."""
    return any(a is container for a in el.iterancestors())


def _prune(el, live: set, texty: set, dropped) -> None:
    """Remove the children of el holding text but no kept run; recurse into those holding some."""
    for child in list(el):
        if not isinstance(child.tag, str):
            continue
        if child in live:
            _prune(child, live, texty, dropped)
        elif child in texty:
            if dropped is not None:
                dropped(child)
            remove_element(child)
