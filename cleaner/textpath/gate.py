"""Is a text a whole page's scrape, or text already cut down to its content?

The line model (model.py) was trained on whole pages, where menus, footers and teasers surround the
article. Given text that has none of them (a scraper's article selector, a list already extracted,
cleaner's own output), it still drops the lines that look least like prose: a tenth of the words of
such texts, a fifth on list, product and documentation pages. This gate tells the two apart from
document-level figures of the same line features (how much of the text is short link-like lines,
repeats, legal and URL lines, menus at the top, footers at the bottom...), with a logistic model
trained by scripts/train_page_gate.py on the dev sets' flattened pages against their own ground-truth
texts. The model file is gate.json beside this module.
"""
from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

from . import features

GATE_FILE = Path(__file__).with_name("gate.json")

# Line features averaged over all lines (share of lines, or mean value).
_MEANS = ("ends_sentence", "title_case", "list_mark", "legal", "urlish", "long_prose", "linkish", "upper",
          "colon_end", "price", "review", "comment", "dateish", "alone", "stop_ratio", "log_chars")
_EDGE = 10  # lines at the top and the bottom where menus and footers sit
NAMES = (*(f"mean_{c}" for c in _MEANS), "log_lines", "std_log_chars", "share_dup", "share_first_rep",
         "share_separators", "prose_chars", "head_linkish", "head_dup", "tail_linkish", "tail_legal",
         "tail_dup", "max_title_tag", "max_slug")
_RAW = features.RAW.index
_MEAN_IDX = np.array([_RAW(c) for c in _MEANS])
_SHARE_IDX = np.array([_RAW(c) for c in ("dup", "first_rep", "separators")])        # shares of lines where > 0
_EDGE_IDX = np.array([_RAW(c) for c in ("linkish", "dup", "legal")])
_CHARS, _PROSE = _RAW("log_chars"), _RAW("long_prose")
_MAX_IDX = np.array([_RAW("title_tag"), _RAW("slug")])


def doc_features(rows: np.ndarray) -> np.ndarray:
    """One vector of NAMES for a text of at least one line, from its line feature rows (features.line_rows).

    The gate runs on every whole page, before the model: the column means, shares and edge figures come
    from one compiled pass (fill.gate_sums, summing in numpy's order for these reductions); the standard
    deviation and the character-weighted share stay in numpy, whose sums are pairwise."""
    from . import fill  # numba (see features.line_rows)
    n = len(rows)
    chars = np.expm1(rows[:, _CHARS], dtype=np.float64)
    out = np.empty(len(NAMES))
    fill.gate_sums(rows, _MEAN_IDX, _SHARE_IDX, _EDGE_IDX, _MAX_IDX, _EDGE, out)
    out[len(_MEANS)] = np.log1p(n)
    out[len(_MEANS) + 1] = rows[:, _CHARS].std(dtype=np.float64)
    out[len(_MEANS) + 5] = (chars * rows[:, _PROSE]).sum() / max(1.0, chars.sum())
    return out


@dataclass
class Gate:
    """Standardise, then a logistic regression: the probability that a text is a whole page."""

    mean: np.ndarray
    std: np.ndarray
    w: np.ndarray
    b: float
    threshold: float   # below it, the text is taken as already cut down to its content

    def __post_init__(self) -> None:
        # Standardisation folded into the weights: one dot product per text.
        self._w = self.w / self.std
        self._b = self.b - float((self.mean / self.std) @ self.w)

    def page_probability(self, rows: np.ndarray) -> float:
        """How likely the text of these line rows is a whole page's scrape (0..1)."""
        z = float(doc_features(rows) @ self._w) + self._b
        return 1.0 / (1.0 + math.exp(-min(40.0, max(-40.0, z))))

    def to_json(self, info: dict | None = None) -> dict:
        """Plain lists, rounded, with the feature names the weights belong to."""
        r = lambda a: np.round(np.asarray(a, dtype=np.float64), 6).tolist()  # noqa: E731
        return {"features": list(NAMES), "mean": r(self.mean), "std": r(self.std), "w": r(self.w),
                "b": round(float(self.b), 6), "threshold": round(float(self.threshold), 4), **(info or {})}


@lru_cache(maxsize=8)
def load(path: str | None = None) -> Gate:
    """The gate in a file (default: the shipped one); refuses a file made for other features."""
    data = json.loads(Path(path or GATE_FILE).read_text())
    if data.get("features") != list(NAMES):
        raise ValueError(f"{path or GATE_FILE}: made for other features than cleaner computes "
                         "(retrain with scripts/train_page_gate.py)")
    return Gate(mean=np.array(data["mean"]), std=np.array(data["std"]), w=np.array(data["w"]),
                b=float(data["b"]), threshold=float(data["threshold"]))
