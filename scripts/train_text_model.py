#!/usr/bin/env python
"""Train the whole-page text line classifier shipped in cleaner/textpath/model.json.

One command, fixed seed, same result:

    .venv/bin/python scripts/train_text_model.py --bench ../shared/bench

Data recipe: every page of the AEB and WCXB dev sets is flattened to text with html-text
(extract_text(html, guess_layout=True)) and inscriptis (get_text); the text is split into lines
exactly as cleaner does; a line is labelled "article" when most of its word 3-grams occur in the
page's ground truth (short lines: when their words occur there and an article line is close by).
Pages whose host hashes into the held-out fifth (see `held_out`) are never trained on; the script
reports line-level figures on them, and `bench`/README figures give page-level ones.

The lexicon (cleaner/textpath/lexicon.py, --lex): the 2,000 words found on most training hosts (at least
five), each with a smoothed log-odds of the lines holding it being article, counted per host; a training
page's lexical columns come from a lexicon built without its host (five folds of the hosts), so stage 1
learns how much to trust the words on hosts it has not seen.
"""
from __future__ import annotations

import os

# One BLAS thread: multi-threaded sums change with the thread count and load, and the same command
# must give the same model file.
for _var in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(_var, "1")

import argparse  # noqa: E402
import glob
import gzip
import hashlib
import json
import pickle
import re
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# The held-out split and the unit folds are drawn by (the host), the same as the bench's.
from bench.data import held_out, host  # noqa: E402
from cleaner.decode import sanitize  # noqa: E402
from cleaner.doc import Doc  # noqa: E402
from cleaner.textpath import features, lexicon, line_inputs, to_units  # noqa: E402
from cleaner.textpath.model import MLP, MODEL_FILE, LineModel  # noqa: E402
from cleaner.textpath.lexicon import Lexicon  # noqa: E402

_TOK = re.compile(r"\w+")
CONVERTERS = ("html-text", "inscriptis")


def held_out_ids(bench: Path) -> list[str]:
    """Ids of the held-out pages of both dev sets (never trained on)."""
    ids = [pid for pid, g in json.loads((bench / "aeb-dev" / "ground-truth.json").read_text()).items()
           if held_out(g["url"])]
    for f in sorted(glob.glob(str(bench / "wcxb-dev" / "ground-truth" / "*.json"))):
        if held_out(json.loads(Path(f).read_text()).get("url")):
            ids.append(Path(f).stem)
    return ids


def flatten(html: str) -> dict[str, str]:
    """The page as text by both converters."""
    import html_text
    import inscriptis
    out = {}
    for name, fn in (("html-text", lambda h: html_text.extract_text(h, guess_layout=True)),
                     ("inscriptis", inscriptis.get_text)):
        try:
            out[name] = fn(html)
        except Exception:  # a converter failing on one page must not stop training
            out[name] = ""
    return out


def load_pages(bench: Path) -> list[dict]:
    """url, ground truth, page type and both flattened texts of every dev page."""
    pages = []
    gt = json.loads((bench / "aeb-dev" / "ground-truth.json").read_text())
    for pid, g in sorted(gt.items()):
        html = gzip.open(bench / "aeb-dev" / "html" / f"{pid}.html.gz").read().decode("utf-8", "replace")
        pages.append({"set": "aeb", "id": pid, "url": g["url"], "gt": g["articleBody"], "type": "article",
                      **flatten(html)})
    for f in sorted(glob.glob(str(bench / "wcxb-dev" / "ground-truth" / "*.json"))):
        g = json.loads(Path(f).read_text())
        main = (g.get("ground_truth") or {}).get("main_content")
        if not main:
            continue
        pid = Path(f).stem
        html = gzip.open(bench / "wcxb-dev" / "html" / f"{pid}.html.gz").read().decode("utf-8", "replace")
        ptype = ((g.get("_internal") or {}).get("page_type") or {}).get("primary")
        pages.append({"set": "wcxb", "id": pid, "url": g.get("url"), "gt": main, "type": ptype,
                      **flatten(html)})
    return pages


def label_lines(lines: list[str], gt: str) -> tuple[np.ndarray, np.ndarray]:
    """Article labels and token weights of the lines, by overlap with the ground truth."""
    g = _TOK.findall(gt.lower())
    grams = {n: {tuple(g[i:i + n]) for i in range(len(g) - n + 1)} for n in (1, 2, 3)}
    toks = [_TOK.findall(t.lower()) for t in lines]
    y = np.zeros(len(lines), dtype=np.float32)
    strong = np.zeros(len(lines), dtype=bool)
    for i, t in enumerate(toks):
        if len(t) >= 3:
            tri = [tuple(t[j:j + 3]) for j in range(len(t) - 2)]
            y[i] = sum(x in grams[3] for x in tri) / len(tri) >= 0.5
            strong[i] = y[i] and len(t) >= 6
        elif t:
            y[i] = tuple(t) in grams[len(t)]
    pos = np.flatnonzero(strong)
    # Short lines of two words or more that the ground truth has, three or more within three lines of
    # each other: a list of items (products, links of a listing), not menu words found by chance.
    listed = np.flatnonzero(y.astype(bool) & np.array([2 <= len(t) < 6 for t in toks], dtype=bool))
    y0 = y.copy()
    for i, t in enumerate(toks):  # short lines only count when an article line is close by
        if 0 < len(t) < 6 and y0[i]:
            near = pos[(pos >= i - 4) & (pos <= i + 4)]
            run = listed[(listed >= i - 3) & (listed <= i + 3) & (listed != i)]
            y[i] = float(len(near) > 0 or (len(t) >= 2 and len(run) >= 2))
    w = np.array([len(t) + 2 for t in toks], dtype=np.float32)
    return y, w / w.sum()


WORD_IDS: dict[str, int] = {}  # every token of the pages read, numbered (the lexicon's candidates)


def token_ids(lines: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """The lines' tokens as ids of WORD_IDS (flat) and each line's offsets into them."""
    toks = lexicon.tokens(lines)
    offsets = np.zeros(len(lines) + 1, np.int64)
    np.cumsum([len(t) for t in toks], out=offsets[1:])
    ids = np.fromiter((WORD_IDS.setdefault(w, len(WORD_IDS)) if w is not None else -1 for t in toks for w in t),
                      np.int64, int(offsets[-1]))  # -1: a token no lexicon word can be
    return ids, offsets


def page_arrays(text: str, url: str | None, gt: str):
    """Features, labels, weights and token ids of one flattened page (None if it has no lines)."""
    doc = Doc(mode="text", source=sanitize(text) if text.strip() else "", url=url)
    if not doc.source:
        return None
    to_units(doc)
    lines, indents, paras = line_inputs(doc)
    if not lines:
        return None
    x = features.context(features.line_rows(lines, indents, paras, url))
    y, w = label_lines(lines, gt)
    return x, y, w, token_ids(lines)


def build_lexicon(records: list[tuple], size: int, min_hosts: int, smooth: float, near: tuple = ()) -> tuple[np.ndarray, np.ndarray]:
    """The lexicon of these (page, arrays) records: global ids of the `size` words found on most hosts
    (at least min_hosts), and each one's smoothed log-odds of article. A page gives each of its words the
    share of its lines holding it that are article; a host the mean over its pages; a word the sum over
    hosts (so a site's template words count once)."""
    hosts = {h: i for i, h in enumerate(sorted({host(p["url"]) for p, _ in records}))}
    keys, fracs, pages = [], [], []
    for k, (page, arr) in enumerate(records):
        ids, offsets = arr[3]
        line = np.repeat(np.arange(len(offsets) - 1), np.diff(offsets))
        line, ids = line[ids >= 0], ids[ids >= 0]
        if not len(ids):
            continue
        pair = np.unique(ids * (len(offsets) + 1) + line)  # each (word, line) once
        word, ln = pair // (len(offsets) + 1), pair % (len(offsets) + 1)
        uw, inv = np.unique(word, return_inverse=True)
        n = np.bincount(inv)
        pos = np.bincount(inv, weights=arr[1][ln])
        keys.append(hosts[host(page["url"])] * (1 << 32) + uw)
        fracs.append(pos / n)
        pages.append(np.full(len(uw), k))
    key, frac = np.concatenate(keys), np.concatenate(fracs)
    uk, inv = np.unique(key, return_inverse=True)
    host_frac = np.bincount(inv, weights=frac) / np.bincount(inv)  # mean over the host's pages
    word = uk % (1 << 32)
    uw, inv = np.unique(word, return_inverse=True)
    h = np.bincount(inv)
    pos = np.bincount(inv, weights=host_frac)
    prior = float(pos.sum() / h.sum())
    score = np.log((pos + smooth * prior) / (h - pos + smooth * (1 - prior))) - np.log(prior / (1 - prior))
    ok = np.flatnonzero(h >= min_hosts)
    top = ok[np.argsort(-h[ok], kind="stable")[:size]]
    return uw[top], score[top]


def lex_table(ids: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """A lookup over WORD_IDS: the word's number, NaN outside the lexicon (the last slot, NaN: id -1)."""
    table = np.full(len(WORD_IDS) + 1, np.nan)
    table[ids] = scores
    return table


def page_lex_columns(arr: tuple, table: np.ndarray, near: tuple) -> np.ndarray:
    """A page's lexical input columns from its token ids (page_arrays' last member) and a lex_table."""
    ids, offsets = arr[3]
    return lexicon.columns(lexicon.stats_from_values(table[ids], offsets), near)


def with_lexicon(records: list[tuple], lex_kw: dict | None) -> tuple[list[tuple], Lexicon | None]:
    """The training arrays with the lexical columns appended (each page's from a lexicon built without its
    host: five folds of the hosts), and the lexicon of all these records (the model's)."""
    if not lex_kw:
        return [arr for _, arr in records], None
    folds = [int(hashlib.sha1(b"lex:" + host(p["url"]).encode()).hexdigest(), 16) % 5 for p, _ in records]
    cols: list = [None] * len(records)
    for f in range(5):
        table = lex_table(*build_lexicon([r for r, k in zip(records, folds) if k != f], **lex_kw))
        for i, (_, arr) in enumerate(records):
            if folds[i] == f:
                cols[i] = page_lex_columns(arr, table, lex_kw["near"])
    ids, scores = build_lexicon(records, **lex_kw)
    words = {i: w for w, i in WORD_IDS.items()}
    lex = Lexicon([words[i] for i in ids.tolist()], np.round(scores, 3).tolist(), lex_kw["near"])
    return [(np.hstack([arr[0], c]), arr[1], arr[2]) for (_, arr), c in zip(records, cols)], lex


def train_mlp(x, y, w, hidden: int, seed: int, epochs: int = 8, lr: float = 3e-3, l2: float = 1e-4) -> MLP:
    """Weighted logistic loss, Adam, minibatches; deterministic for a given seed."""
    rng = np.random.default_rng(seed)
    mean = x.mean(0)
    std = x.std(0) + 1e-3
    xs = ((x - mean) / std).astype(np.float32)
    w = (w / w.mean()).astype(np.float32)
    d = x.shape[1]
    params = [rng.normal(0, np.sqrt(2 / d), (d, hidden)).astype(np.float32), np.zeros(hidden, np.float32),
              rng.normal(0, np.sqrt(1 / hidden), hidden).astype(np.float32), np.zeros(1, np.float32)]
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    step, batch = 0, 2048
    for _ in range(epochs):
        order = rng.permutation(len(xs))
        for s in range(0, len(order), batch):
            idx = order[s:s + batch]
            xb, yb, wb = xs[idx], y[idx], w[idx]
            pre = xb @ params[0] + params[1]
            h = np.maximum(pre, 0)
            z = h @ params[2] + params[3][0]
            p = 1 / (1 + np.exp(-z))
            gz = (p - yb) * wb / len(idx)
            gw2 = h.T @ gz
            gb2 = np.array([gz.sum()], np.float32)
            gh = np.outer(gz, params[2]) * (pre > 0)
            grads = [xb.T @ gh + l2 * params[0], gh.sum(0), gw2 + l2 * params[2], gb2]
            step += 1
            for k, g in enumerate(grads):
                m[k] = 0.9 * m[k] + 0.1 * g
                v[k] = 0.999 * v[k] + 0.001 * g * g
                params[k] -= lr * (m[k] / (1 - 0.9 ** step)) / (np.sqrt(v[k] / (1 - 0.999 ** step)) + 1e-8)
    return MLP(mean.astype(np.float32), std.astype(np.float32), params[0], params[1], params[2],
               float(params[3][0]))


def weighted_f1(p, y, w, thr) -> tuple[float, float, float]:
    """Token-weighted precision, recall, F1 of the lines kept at a threshold."""
    keep = p >= thr
    tp = float((w * keep * y).sum())
    prec = tp / max(float((w * keep).sum()), 1e-9)
    rec = tp / max(float((w * y).sum()), 1e-9)
    return prec, rec, 2 * prec * rec / max(prec + rec, 1e-9)


def merge(mlps: list[MLP]) -> MLP:
    """One MLP whose logit is the mean of the given ones' (same standardisation): their hidden units side by side."""
    k = len(mlps)
    if k == 1:
        return mlps[0]
    return MLP(mlps[0].mean, mlps[0].std, np.concatenate([m.w1 for m in mlps], axis=1),
               np.concatenate([m.b1 for m in mlps]), np.concatenate([m.w2 for m in mlps]) / k,
               float(np.mean([m.b2 for m in mlps])))


def train_avg(x, y, w, k: int, seed: int, sizes: list[int] | None = None, **kw) -> MLP:
    """k MLPs from different seeds, merged (an ensemble: less variance across pages and hosts); with the
    pages' line counts (`sizes`), each member sees a bootstrap sample of the pages (Poisson weights)."""
    members = []
    for i in range(k):
        wi = w
        if sizes is not None:
            mult = np.random.default_rng(seed + 1000 * i + 17).poisson(1.0, len(sizes)).astype(np.float32)
            wi = w * np.repeat(mult, sizes)
        members.append(train_mlp(x, y, wi, seed=seed + 1000 * i, **kw))
    return merge(members)


def fit(train: list, hidden: int = 24, seed: int = 0, epochs: int = 8, l2: float = 1e-4, ens: int = 1,
        hidden2: int = 16, ens2: int = 1, info: dict | None = None, bag: bool = False, halves: list[int] | None = None) -> LineModel:
    """Both stages and the threshold, from (features, labels, weights) of the training pages."""
    # Stage 2 learns from stage-1 scores it has not been trained on: two-fold cross-fitting, in the
    # given halves (or alternate page texts).
    folds = np.asarray(halves) if halves is not None else np.arange(len(train)) % 2
    oof: list[np.ndarray] = [None] * len(train)  # type: ignore[list-item]
    for f in (0, 1):
        part = [a for a, k in zip(train, folds) if k != f]
        m1 = train_avg(*(np.concatenate(c) for c in list(zip(*part))[:3]), k=ens, hidden=hidden, seed=seed + f,
                       epochs=epochs, l2=l2, sizes=[len(a[1]) for a in part] if bag else None)
        for i, a in enumerate(train):
            if folds[i] == f:
                oof[i] = m1.logit(a[0])
    stage1 = train_avg(*(np.concatenate(c) for c in list(zip(*train))[:3]), k=ens, hidden=hidden, seed=seed, epochs=epochs,
                       l2=l2, sizes=[len(a[1]) for a in train] if bag else None)
    z = np.concatenate([features.stage2(o, a[0]) for o, a in zip(oof, train)])
    y = np.concatenate([a[1] for a in train])
    w = np.concatenate([a[2] for a in train])
    stage2 = train_avg(z, y, w, k=ens2, hidden=hidden2, seed=seed + 7, epochs=epochs, l2=l2)
    # The threshold that maximises the mean per-page F1 (the benchmarks average pages, and a page
    # whose article is a few short lines counts as much as a long one).
    ps = [1 / (1 + np.exp(-stage2.logit(features.stage2(o, a[0])))) for o, a in zip(oof, train)]
    thr = max(np.arange(0.1, 0.81, 0.02),
              key=lambda t: float(np.mean([weighted_f1(q, a[1], a[2], t)[2] for q, a in zip(ps, train)])))
    return LineModel(stage1, stage2, round(float(thr), 2), {
        "seed": seed, "train_pages": len(train), "held_out": "hosts with sha1(host) % 100 < 20",
        "converters": list(CONVERTERS), **(info or {})})


def cv_fold(url: str | None, k: int) -> int:
    """Fold of a page's host for k-fold cross-validation (a salted hash: not the held-out split's)."""
    return int(hashlib.sha1(b"cv:" + host(url).encode()).hexdigest(), 16) % k


def score_pages(model: LineModel, pages: list[dict], options: dict | None = None) -> list[tuple]:
    """(set, type, converter, score) of each page cleaned with `model` as the bench does it: clean() on the
    flattened text with its URL, site rules off, page-text's options (plus `options`); bench.metrics scores."""
    from bench.metrics import aeb_overlap, word_score
    from cleaner import clean
    from cleaner.errors import CleanerError
    from cleaner.ruleset import Registry
    registry = Registry()
    rule = next(r for r in registry.defaults.rules if r.id == "page-text")
    # the rule's compiled value is the line model (or a tuple whose first item is)
    rule.compiled = (model, *rule.compiled[1:]) if isinstance(rule.compiled, tuple) else model
    rule.options.update(options or {})
    out = []
    for page in pages:
        for conv in CONVERTERS:
            try:
                text = clean(page[conv], page["url"], content_type="text", site_rules=False, registry=registry).text
            except CleanerError:  # an error is an empty output, as in the bench
                text = ""
            if page["set"] == "aeb":
                out.append(("aeb", "article", conv, aeb_overlap(text, page["gt"])))
            else:
                s = word_score(text, page["gt"])
                if s is not None:
                    out.append(("wcxb", page["type"] or "other", conv, s))
    return out


def summary_table(scores: list[tuple]) -> str:
    """AEB F1, WCXB word F1 and WCXB F1 by page type, per converter (the bench's aggregation)."""
    from bench.metrics import aeb_summary, word_summary
    types = sorted({t for s, t, _, _ in scores if s == "wcxb"}, key=lambda t: (t != "article", t))
    head = f"{'converter':<11}{'AEB':>7}{'WCXB':>7}" + "".join(f"{t[:10]:>11}" for t in types)
    rows = [head]
    for conv in CONVERTERS:
        mine = [x for x in scores if x[2] == conv]
        aeb = aeb_summary(o for s, _, _, o in mine if s == "aeb").f1
        wcxb = word_summary(o for s, _, _, o in mine if s == "wcxb").f1
        by = [word_summary(o for s, t, _, o in mine if s == "wcxb" and t == ty).f1 for ty in types]
        rows.append(f"{conv:<11}{aeb:7.3f}{wcxb:7.3f}" + "".join(f"{v:11.3f}" for v in by))
    for conv in CONVERTERS:  # where the loss is: keeping too much (P) or too little (R)
        mine = [x for x in scores if x[2] == conv and x[0] == "wcxb"]
        prf = [word_summary(o for _, t, _, o in mine if t == ty) for ty in types]
        rows.append(f"{conv[:5] + ' P/R':<25}" + "".join(f"{f'{x.precision:.2f}/{x.recall:.2f}':>11}" for x in prf))
    counts = {t: sum(1 for s, ty, c, _ in scores if s == "wcxb" and ty == t and c == CONVERTERS[0]) for t in types}
    rows.append(f"{'pages':<11}{sum(1 for s, _, c, _ in scores if s == 'aeb' and c == CONVERTERS[0]):7d}"
                f"{sum(counts.values()):7d}" + "".join(f"{counts[t]:11d}" for t in types))
    return "\n".join(rows)


def precise(scores: list[tuple]) -> str:
    """The pooled AEB and WCXB F1 per converter to four places (is a 0.850 in the table 0.8496 or 0.8504?)."""
    from bench.metrics import aeb_summary, word_summary
    return "to four places, AEB / WCXB: " + ", ".join(
        f"{conv} {aeb_summary(o for s, _, c, o in scores if s == 'aeb' and c == conv).f1:.4f} / "
        f"{word_summary(o for s, _, c, o in scores if s == 'wcxb' and c == conv).f1:.4f}" for conv in CONVERTERS)


def reweigh(records: list[tuple], type_weight: float) -> list[tuple]:
    """The page texts with the line weights of pages other than articles multiplied by type_weight (the
    minority page types: products, listings, forums... that the model generalises worst on)."""
    if type_weight == 1.0:
        return records
    return [(page, (arr[0], arr[1], arr[2] * np.float32(type_weight if page["type"] != "article" else 1.0),
                    *arr[3:])) for page, arr in records]


def halves(records: list[tuple], how: str) -> list[int] | None:
    """Stage 2's cross-fitting halves: by host (a page's two texts, and a site's pages, on one side) or None."""
    if how == "host":
        return [int(hashlib.sha1(b"half:" + host(page["url"]).encode()).hexdigest(), 16) % 2 for page, _ in records]
    return None


def cross_validate(records: list[tuple], k: int, fit_kw: dict, options: dict | None = None,
                   crossfit: str = "index", also: list[dict] | None = None,
                   lex_kw: dict | None = None) -> tuple[list[tuple], list[list[tuple]]]:
    """Host-grouped k-fold CV over the training hosts: train on k-1 folds, clean and score the pages of
    the k-th with the bench's scorers; the pooled out-of-fold page scores, and for each option set in
    `also` the same fold models' scores with those options added (fitting is most of the time: trying
    page-text options this way costs only the cleaning)."""
    scores: list[tuple] = []
    extra: list[list[tuple]] = [[] for _ in also or []]
    for f in range(k):
        t0 = time.time()
        train = [(page, arr) for page, arr in records if cv_fold(page["url"], k) != f]
        test = {page["id"]: page for page, _ in records if cv_fold(page["url"], k) == f}
        arrays, lex = with_lexicon(train, lex_kw)
        model = fit(arrays, halves=halves(train, crossfit), **fit_kw)
        model.lexicon = lex
        part = score_pages(model, list(test.values()), options)
        scores += part
        for got, more in zip(extra, also or []):
            got += score_pages(model, list(test.values()), {**(options or {}), **more})
        wcxb = [o.f1 for s, _, _, o in part if s == "wcxb"]
        print(f"fold {f + 1}/{k}: trained on {len(train)} page texts, scored {len(test)} pages, WCXB F1 "
              f"{np.mean(wcxb) if wcxb else float('nan'):.3f} (threshold {model.threshold}, {time.time() - t0:.0f}s)",
              flush=True)
    return scores, extra


def main(argv: list[str] | None = None) -> int:
    """Build the data set, train both stages, report held-out figures, write the model file (or cross-validate)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=Path("../shared/bench"), help="the shared bench directory")
    ap.add_argument("--out", type=Path, default=MODEL_FILE, help="model file to write")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hidden", type=int, default=24, help="hidden units of stage 1")
    ap.add_argument("--hidden2", type=int, default=16, help="hidden units of stage 2")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--l2", type=float, default=1e-4, help="weight decay")
    ap.add_argument("--ensemble", type=int, default=3,
                    help="stage-1 MLPs from different seeds, merged into one (their mean logit)")
    ap.add_argument("--bag", action="store_true", help="each stage-1 member trained on a bootstrap sample of the pages")
    ap.add_argument("--ensemble2", type=int, default=1, help="the same for stage 2")
    ap.add_argument("--crossfit", choices=("index", "host"), default="index",
                    help="stage 2's two-fold cross-fitting: alternate page texts, or halves of the hosts")
    ap.add_argument("--type-weight", type=float, default=1.0,
                    help="weight of the lines of pages other than articles in training (1: every page the same)")
    ap.add_argument("--lex", type=int, default=2000, metavar="N",
                    help="a lexicon of N words (one learned number each) as extra stage-1 input (0: none)")
    ap.add_argument("--lex-min-hosts", type=int, default=5, help="a lexicon word is on at least this many hosts")
    ap.add_argument("--lex-smooth", type=float, default=2.0, help="the lexicon's smoothing (in hosts)")
    ap.add_argument("--lex-near", type=int, nargs="*", default=[3, 10], metavar="R",
                    help="also the mean lexical number of the words within R lines around each line (per R)")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of flattened pages (reused if present)")
    ap.add_argument("--cv", type=int, default=0, metavar="K",
                    help="instead of writing a model: K-fold cross-validation grouped by host over the training "
                         "hosts (the held-out fifth is not used), page-level AEB F1 and WCXB word F1 by page "
                         "type of clean() with each fold's model, as the bench scores them")
    ap.add_argument("--option", action="append", default=[], metavar="KEY=VALUE",
                    help="with --cv: an option of the page-text rule to try (a JSON value), e.g. low_factor=0.6")
    ap.add_argument("--try", dest="tries", action="append", default=[], metavar="KEY=VALUE[;KEY=VALUE]",
                    help="with --cv: also score the same fold models with these page-text options added "
                         "(repeatable; one table each, after the fold lines)")
    ap.add_argument("--limit", type=int, default=0, help="use only the first N pages (a quick look; not with --out)")
    ap.add_argument("--held-out-ids", action="store_true",
                    help="print the held-out page ids (comma-separated, for `python -m bench --ids`) and exit")
    args = ap.parse_args(argv)
    if args.held_out_ids:
        print(",".join(held_out_ids(args.bench)))
        return 0
    if args.limit and not args.cv:
        ap.error("--limit only with --cv: the shipped model is trained on every training page")
    t0 = time.time()
    if args.cache and args.cache.exists():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        pages = load_pages(args.bench)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    if args.limit:
        pages = pages[:args.limit]
    print(f"{len(pages)} pages flattened ({time.time() - t0:.0f}s)", flush=True)
    data: dict[str, list] = {"train": [], "held": []}
    for page in pages:
        part = "held" if held_out(page["url"]) else "train"
        for conv in CONVERTERS:
            arr = page_arrays(page[conv], page["url"], page["gt"])
            if arr is not None:
                data[part].append((page, arr))
    print(f"pages x converters: train {len(data['train'])}, held out {len(data['held'])} "
          f"({time.time() - t0:.0f}s)", flush=True)
    data["train"] = reweigh(data["train"], args.type_weight)
    fit_kw = {"hidden": args.hidden, "seed": args.seed, "epochs": args.epochs, "ens": args.ensemble,
              "l2": args.l2, "hidden2": args.hidden2, "ens2": args.ensemble2,
              "bag": args.bag}
    lex_kw = {"size": args.lex, "min_hosts": args.lex_min_hosts, "smooth": args.lex_smooth,
              "near": tuple(args.lex_near)} if args.lex else None
    if args.cv:
        options = {k: json.loads(v) for k, v in (o.split("=", 1) for o in args.option)}
        also = [{k: json.loads(v) for k, v in (o.split("=", 1) for o in t.split(";"))} for t in args.tries]
        scores, extra = cross_validate(data["train"], args.cv, fit_kw, options, args.crossfit, also, lex_kw)
        for more, sc in zip(also, extra):
            print(f"same fold models, page-text options {({**options, **more})}:")
            print(summary_table(sc))
            print(precise(sc))
        print(f"{args.cv}-fold host-grouped CV over the training hosts (out-of-fold, page level), {fit_kw}, "
              f"crossfit {args.crossfit}"
              f"{', options ' + str(options) if options else ''}:")
        print(summary_table(scores))
        print(precise(scores))
        print(f"({time.time() - t0:.0f}s)")
        return 0

    train, lex = with_lexicon(data["train"], lex_kw)
    model = fit(train, halves=halves(data["train"], args.crossfit), info={"lexicon": lex_kw}, **fit_kw)
    model.lexicon = lex
    held = [arr[:3] for _, arr in data["held"]]
    if lex is not None:
        table = lex_table(np.array([WORD_IDS[w] for w in lex.words], np.int64), lex.scores)
        held = [(np.hstack([arr[0], page_lex_columns(arr, table, lex.near)]), arr[1], arr[2]) for _, arr in data["held"]]
    for name, part in (("train", train), ("held out", held)):
        ps = [model.scores_from_x(a[0]) for a in part]
        pr = [weighted_f1(q, a[1], a[2], model.threshold) for q, a in zip(ps, part)]
        print(f"{name:>8}: line-level token P {np.mean([r[0] for r in pr]):.3f} R {np.mean([r[1] for r in pr]):.3f}"
              f" F1 {np.mean([r[2] for r in pr]):.3f} (threshold {model.threshold})")
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")))
    print(f"wrote {args.out} ({os.path.getsize(args.out) // 1024} KiB, {time.time() - t0:.0f}s)")
    return 0

if __name__ == "__main__":
    raise SystemExit(main())
