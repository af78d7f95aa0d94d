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
from urllib.parse import urlsplit

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from cleaner.decode import sanitize  # noqa: E402
from cleaner.doc import Doc  # noqa: E402
from cleaner.textpath import features, line_inputs, to_units  # noqa: E402
from cleaner.textpath.model import MLP, MODEL_FILE, LineModel  # noqa: E402

_TOK = re.compile(r"\w+")
CONVERTERS = ("html-text", "inscriptis")


def held_out(url: str | None, share: int = 20) -> bool:
    """True for pages of hosts in the held-out share (percent), chosen by a hash of the host."""
    host = (urlsplit(url or "").hostname or "").removeprefix("www.")
    return int(hashlib.sha1(host.encode()).hexdigest(), 16) % 100 < share


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


def page_arrays(text: str, url: str | None, gt: str):
    """Features, labels and weights of one flattened page (None if it has no lines)."""
    doc = Doc(mode="text", source=sanitize(text) if text.strip() else "", url=url)
    if not doc.source:
        return None
    to_units(doc)
    lines, indents, paras = line_inputs(doc)
    if not lines:
        return None
    x = features.context(features.line_rows(lines, indents, paras, url))
    y, w = label_lines(lines, gt)
    return x, y, w


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


def train_avg(x, y, w, k: int, seed: int, **kw) -> MLP:
    """k MLPs from different seeds, merged (a bagged ensemble: less variance across pages and hosts)."""
    return merge([train_mlp(x, y, w, seed=seed + 1000 * i, **kw) for i in range(k)])


def fit(train: list, hidden: int = 24, seed: int = 0, epochs: int = 8, l2: float = 1e-4, ens: int = 1,
        hidden2: int = 16, ens2: int = 1) -> LineModel:
    """Both stages and the threshold, from (features, labels, weights) of the training pages."""
    # Stage 2 learns from stage-1 scores it has not been trained on: two-fold cross-fitting.
    folds = np.arange(len(train)) % 2
    oof: list[np.ndarray] = [None] * len(train)  # type: ignore[list-item]
    for f in (0, 1):
        part = [a for a, k in zip(train, folds) if k != f]
        m1 = train_avg(*(np.concatenate(c) for c in zip(*part)), k=ens, hidden=hidden, seed=seed + f,
                       epochs=epochs, l2=l2)
        for i, a in enumerate(train):
            if folds[i] == f:
                oof[i] = m1.logit(a[0])
    stage1 = train_avg(*(np.concatenate(c) for c in zip(*train)), k=ens, hidden=hidden, seed=seed, epochs=epochs,
                       l2=l2)
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
        "converters": list(CONVERTERS)})


def main(argv: list[str] | None = None) -> int:
    """Build the data set, train both stages, report held-out figures, write the model file."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bench", type=Path, default=Path("../shared/bench"), help="the shared bench directory")
    ap.add_argument("--out", type=Path, default=MODEL_FILE, help="model file to write")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--hidden", type=int, default=24, help="hidden units of stage 1")
    ap.add_argument("--epochs", type=int, default=8)
    ap.add_argument("--ensemble", type=int, default=3,
                    help="stage-1 MLPs from different seeds, merged into one (their mean logit)")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of flattened pages (reused if present)")
    ap.add_argument("--held-out-ids", action="store_true",
                    help="print the held-out page ids (comma-separated, for `python -m bench --ids`) and exit")
    args = ap.parse_args(argv)
    if args.held_out_ids:
        print(",".join(held_out_ids(args.bench)))
        return 0
    t0 = time.time()
    if args.cache and args.cache.exists():
        pages = pickle.loads(args.cache.read_bytes())
    else:
        pages = load_pages(args.bench)
        if args.cache:
            args.cache.write_bytes(pickle.dumps(pages))
    print(f"{len(pages)} pages flattened ({time.time() - t0:.0f}s)", flush=True)
    data = {"train": [], "held": []}
    for page in pages:
        part = "held" if held_out(page["url"]) else "train"
        for conv in CONVERTERS:
            arr = page_arrays(page[conv], page["url"], page["gt"])
            if arr is not None:
                data[part].append(arr)
    print(f"pages x converters: train {len(data['train'])}, held out {len(data['held'])} "
          f"({time.time() - t0:.0f}s)", flush=True)

    train = data["train"]
    model = fit(train, hidden=args.hidden, seed=args.seed, epochs=args.epochs, ens=args.ensemble)
    for name, part in (("train", train), ("held out", data["held"])):
        ps = [model.scores_from_x(a[0]) for a in part]
        pr = [weighted_f1(q, a[1], a[2], model.threshold) for q, a in zip(ps, part)]
        print(f"{name:>8}: line-level token P {np.mean([r[0] for r in pr]):.3f} R {np.mean([r[1] for r in pr]):.3f}"
              f" F1 {np.mean([r[2] for r in pr]):.3f} (threshold {model.threshold})")
    args.out.write_text(json.dumps(model.to_json(), separators=(",", ":")))
    print(f"wrote {args.out} ({os.path.getsize(args.out) // 1024} KiB, {time.time() - t0:.0f}s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
