#!/usr/bin/env python
"""Train the page gate shipped in cleaner/textpath/gate.json: whole page's scrape, or clean text?

One command, deterministic (Newton's method on a convex loss, no random start):

    .venv/bin/python scripts/train_page_gate.py --bench ../shared/bench

Data recipe: every page of the AEB and WCXB dev sets on a training host (the held-out fifth of hosts,
bench.data.held_out, is never trained on) gives up to three texts: the page flattened by html-text
(guess_layout=True) and by inscriptis, labelled "whole page", and the page's own ground-truth main
text, labelled "clean". Only texts the line model would judge are kept (at least `min_lines` lines,
not already article-like: classify_lines leaves those alone before asking the gate).

The threshold is chosen by what a mistake costs. A whole page taken for clean text keeps all its menus:
its word F1 against the ground truth becomes the untouched text's. The script cleans every training
whole-page text with the gate switched off, and takes the highest threshold at which the mean word F1
of those texts loses no more than --max-loss. The gate depends on the line model it guards (the cost is
measured with it): retrain the gate after the line model.
"""
from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from bench.data import in_split, load  # noqa: E402
from bench.metrics import word_score  # noqa: E402
from bench.systems import CONVERTERS  # noqa: E402
from cleaner import CleanerError, clean  # noqa: E402
from cleaner.doc import Doc  # noqa: E402
from cleaner.ruleset import Registry  # noqa: E402
from cleaner.ruleset.registry import DEFAULTS_FILE  # noqa: E402
from cleaner.ops.classify_lines import OPTIONS, article_like  # noqa: E402
from cleaner.textpath import features, line_inputs, to_units  # noqa: E402
from cleaner.textpath.gate import GATE_FILE, NAMES, Gate, doc_features  # noqa: E402

MIN_LINES = OPTIONS["min_lines"]["default"]


def texts_of(bench: Path, cache: Path | None) -> list[dict]:
    """url, split, page type and the three texts of every dev page (flattening takes a minute or two)."""
    if cache and cache.exists():
        return pickle.loads(cache.read_bytes())
    from tqdm import tqdm
    pages = load(["aeb", "wcxb"], root=bench)
    out = []
    for page in tqdm(pages, desc="flattening pages", unit="page"):
        html = page.html()
        texts = {"clean": page.truth}
        for name, convert in CONVERTERS.items():
            try:
                texts[name] = convert(html)
            except Exception:  # a converter failing on one page must not stop training
                texts[name] = ""
        out.append({"url": page.url, "train": in_split(page, "train"), "type": page.page_type, "texts": texts})
    if cache:
        cache.write_bytes(pickle.dumps(out))
    return out


def judged_rows(text: str, url: str | None) -> np.ndarray | None:
    """The line feature rows of a text the line model would judge, else None (as classify_lines decides)."""
    doc = Doc(mode="text", source=text, url=url)
    to_units(doc)
    o = {k: v["default"] for k, v in OPTIONS.items()}
    if len(doc.units) < MIN_LINES or article_like(doc.units, o["article_like"], o["article_max_short"]):
        return None
    return features.line_rows(*line_inputs(doc), url)


def dataset(pages: list[dict]) -> tuple[np.ndarray, np.ndarray, np.ndarray, list[str], np.ndarray]:
    """Feature vectors, labels (1 = whole page), training-host mask, page types, and for whole pages what
    the line model gains over the untouched text (word F1 of the cleaned text minus the untouched one's)."""
    from tqdm import tqdm
    registry = _gate_off_registry()
    xs, ys, train, types, gains = [], [], [], [], []
    for page in tqdm(pages, desc="features and cleaning cost", unit="page"):
        truth = page["texts"]["clean"]
        for name, text in page["texts"].items():
            rows = judged_rows(text, page["url"]) if text else None
            if rows is None:
                continue
            xs.append(doc_features(rows))
            ys.append(0.0 if name == "clean" else 1.0)
            train.append(page["train"])
            types.append(page["type"])
            gains.append(0.0 if name == "clean" else _gain(text, page["url"], truth, registry))
    return np.array(xs), np.array(ys), np.array(train), types, np.array(gains)


def _gate_off_registry() -> Registry:
    """The shipped default rules with the gate switched off (gate_threshold 0): what cleaning costs without it."""
    from ruamel.yaml import YAML
    yaml = YAML(typ="safe")
    data = yaml.load(Path(__file__).resolve().parents[1] / "rules" / DEFAULTS_FILE)
    for rule in data["rules"]:
        if rule.get("op") == "classify_lines":
            rule["gate_threshold"] = 0
    tmp = Path(tempfile.mkdtemp(prefix="gate-off-"))
    yaml.dump(data, tmp / DEFAULTS_FILE)
    return Registry(dirs=[tmp], packs=False)


def _gain(text: str, url: str | None, truth: str, registry: Registry) -> float:
    """Word F1 of the cleaned text minus that of the untouched text (what gating this page would lose)."""
    try:
        out = clean(text, url, content_type="text", site_rules=False, registry=registry).text
    except CleanerError:
        out = ""
    cleaned, untouched = word_score(out, truth), word_score(text, truth)
    return 0.0 if cleaned is None or untouched is None else cleaned.f1 - untouched.f1


def choose_threshold(p: np.ndarray, gains: np.ndarray, max_loss: float) -> float:
    """The highest threshold at which gating the whole pages below it costs their mean F1 at most max_loss."""
    best = 0.0
    for t in np.unique(np.round(p, 4)):
        if gains[p < t].sum() / len(p) > max_loss:
            break
        best = float(t)
    return best


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float, iters: int = 50) -> tuple[np.ndarray, float]:
    """Weights and bias of an L2-regularised logistic regression, classes weighted equally (Newton)."""
    n, d = x.shape
    cw = np.where(y > 0, 0.5 / max(1, y.sum()), 0.5 / max(1, (1 - y).sum()))
    a = np.hstack([x, np.ones((n, 1))])
    w = np.zeros(d + 1)
    reg = np.full(d + 1, l2)
    reg[-1] = 0.0  # the bias is not shrunk
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-np.clip(a @ w, -40, 40)))
        grad = a.T @ (cw * (p - y)) + reg * w
        hess = (a * (cw * p * (1 - p))[:, None]).T @ a + np.diag(reg)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-9:
            break
    return w[:-1], float(w[-1])


def report(name: str, p: np.ndarray, y: np.ndarray, types: list[str], thr: float, gains: np.ndarray) -> None:
    """Whole pages taken for clean text (the costly mistake) and clean texts recognised, by page type."""
    whole, clean = y > 0, y == 0
    lost = gains[whole & (p < thr)].sum() / max(1, int(whole.sum()))
    print(f"{name}: {int(whole.sum())} whole-page texts, {int((p[whole] < thr).sum())} taken for clean text "
          f"({(p[whole] < thr).mean():.2%}, mean word F1 {-lost:+.4f}); {int(clean.sum())} clean texts, "
          f"{(p[clean] < thr).mean():.1%} recognised (left whole)")
    for t in sorted(set(types)):
        m = np.array([k == t for k in types])
        print(f"  {t:<14} whole taken for clean {int((p[m & whole] < thr).sum()):>3}/{int((m & whole).sum()):<4} "
              f"clean recognised {int((p[m & clean] < thr).sum()):>3}/{int((m & clean).sum())}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                 formatter_class=argparse.RawDescriptionHelpFormatter,
                                 epilog=__doc__.split("\n\n", 1)[1])
    ap.add_argument("--bench", type=Path, default=Path("../shared/bench"), help="the shared bench directory")
    ap.add_argument("--out", type=Path, default=GATE_FILE, help="gate file to write")
    ap.add_argument("--cache", type=Path, default=None, help="pickle of the flattened pages (reused if present)")
    ap.add_argument("--l2", type=float, default=1e-3, help="L2 penalty on the standardised weights")
    ap.add_argument("--max-loss", type=float, default=0.0005,
                    help="word F1 the training whole pages may lose on average by being taken for clean text")
    args = ap.parse_args()

    x, y, train, types, gains = dataset(texts_of(args.bench, args.cache))
    mean, std = x[train].mean(axis=0), x[train].std(axis=0) + 1e-6
    z = (x - mean) / std
    w, b = fit_logistic(z[train], y[train], args.l2)
    p = 1.0 / (1.0 + np.exp(-np.clip(z @ w + b, -40, 40)))
    whole = train & (y > 0)
    thr = choose_threshold(p[whole], gains[whole], args.max_loss)
    gate = Gate(mean=mean, std=std, w=w, b=b, threshold=thr)
    report("training hosts", p[train], y[train], [t for t, k in zip(types, train) if k], thr, gains[train])
    report("held-out hosts", p[~train], y[~train], [t for t, k in zip(types, train) if not k], thr, gains[~train])
    print(f"threshold {thr:.4f}")
    top = np.argsort(-np.abs(w))[:8]
    print("largest weights: " + ", ".join(f"{NAMES[i]} {w[i]:+.2f}" for i in top))
    args.out.write_text(json.dumps(gate.to_json({
        "trained_on": f"{int(train.sum())} texts of the training hosts", "l2": args.l2,
        "max_loss": args.max_loss}),
        indent=1) + "\n")
    print(f"wrote {args.out}")


if __name__ == "__main__":
    main()
