"""The shipped line classifier: two small MLPs (per-line, then smoothed over neighbours), numpy only."""
from __future__ import annotations

import json
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
from threadpoolctl import ThreadpoolController

from . import features
from .lexicon import Lexicon

MODEL_FILE = Path(__file__).with_name("model.json")


# OpenBLAS runs a product on several threads once rows x inputs x hidden units pass 65536 x 4 (a
# matrix-vector product once rows x hidden units pass 9216). On a busy machine (a service's other workers,
# a scraper beside it) its threads wait for a core and the caller spins waiting for them: WCXB pages took
# 3x longer under a load average of 5. Bigger products run with BLAS held to one thread (threadpoolctl,
# ~6 us a call); rows still go in blocks so the temporaries stay small.
_BLAS_THREADED = 65536 * 4
_GEMV_THREADED = 9216   # the second layer's matrix-vector product: rows x hidden units
_BLAS_BLOCK = 1_000_000
_blas: ThreadpoolController | None = None


def _one_blas_thread():
    """A context in which BLAS runs on the calling thread only."""
    global _blas
    if _blas is None:
        _blas = ThreadpoolController()
    return _blas.limit(limits=1, user_api="blas")


@dataclass
class MLP:
    """Standardise, one hidden ReLU layer, one logit out."""

    mean: np.ndarray
    std: np.ndarray
    w1: np.ndarray
    b1: np.ndarray
    w2: np.ndarray
    b2: float

    def __post_init__(self) -> None:
        # Standardisation folded into the first layer: one matrix product per call instead of three
        # passes over the input (the same function up to float32 rounding).
        self._w1 = (self.w1 / self.std[:, None]).astype(np.float32)
        self._b1 = (self.b1 - (self.mean / self.std) @ self.w1).astype(np.float32)

    def logit(self, x: np.ndarray) -> np.ndarray:
        """Content logit of each row (on one BLAS thread and in blocks of rows: see _BLAS_THREADED)."""
        n = len(x)
        if n * self._w1.size <= _BLAS_THREADED and n * self._w1.shape[1] <= _GEMV_THREADED:
            return self._block(x)
        rows = max(16, _BLAS_BLOCK // self._w1.size)
        out = np.empty(n, np.float32)
        with _one_blas_thread():
            for s in range(0, n, rows):
                out[s:s + rows] = self._block(x[s:s + rows])
        return out

    def _block(self, x: np.ndarray) -> np.ndarray:
        """Logits of a few rows."""
        h = x @ self._w1
        h += self._b1
        np.maximum(h, 0.0, out=h)
        return h @ self.w2 + self.b2

    def to_json(self) -> dict:
        """Plain lists, rounded: the file stays small and diff-able."""
        r = lambda a: np.round(np.asarray(a, dtype=np.float64), 5).tolist()  # noqa: E731
        return {"mean": r(self.mean), "std": r(self.std), "w1": r(self.w1), "b1": r(self.b1),
                "w2": r(self.w2), "b2": round(float(self.b2), 5)}

    @classmethod
    def from_json(cls, d: dict) -> MLP:
        """Inverse of to_json."""
        f = lambda k: np.asarray(d[k], dtype=np.float32)  # noqa: E731
        return cls(f("mean"), f("std"), f("w1"), f("b1"), f("w2"), float(d["b2"]))


@dataclass
class LineModel:
    """Stage 1 scores each line from its features; stage 2 rescores it from its neighbours' scores."""

    stage1: MLP
    stage2: MLP
    threshold: float
    info: dict
    lexicon: Lexicon | None = None

    def scores(self, lines: list[str], indents: list[int], paras: list[int], url: str | None) -> np.ndarray:
        """Probability that each line belongs to the article."""
        if not lines:
            return np.zeros(0, dtype=np.float32)
        return self.scores_from_x(self.inputs(*features.line_rows_lex(lines, indents, paras, url, self.lexicon)))

    def inputs(self, rows: np.ndarray, lex: np.ndarray | None = None) -> np.ndarray:
        """Stage 1's input matrix from the raw rows (and, with a lexicon, the lexicon's figures of the lines:
        features.line_rows_lex gives both)."""
        if self.lexicon is None:
            return features.context(rows)
        x = features.context(rows, self.lexicon.width)  # the lexical columns filled in place: no copy
        self.lexicon.fill(lex, x[:, features.N_CONTEXT:])
        return x

    def scores_from_x(self, x: np.ndarray) -> np.ndarray:
        """Probabilities from the stage-1 feature matrix."""
        return features.sigmoid(self.stage2.logit(features.stage2(self.stage1.logit(x), x)))

    def to_json(self) -> dict:
        """The model file's content."""
        d = {"format": 1, "raw": list(features.RAW), "threshold": self.threshold, "info": self.info,
             "stage1": self.stage1.to_json(), "stage2": self.stage2.to_json()}
        if self.lexicon is not None:
            d["lexicon"] = self.lexicon.to_json()
        return d


@lru_cache(maxsize=4)
def load(path: str | None = None) -> LineModel:
    """The model shipped in the package (or another file); loaded once."""
    d = json.loads(Path(path or MODEL_FILE).read_text())
    if d.get("raw") != list(features.RAW):
        raise ValueError(f"{path or MODEL_FILE}: trained with other features; retrain it")
    return LineModel(MLP.from_json(d["stage1"]), MLP.from_json(d["stage2"]), float(d["threshold"]),
                     d.get("info", {}), Lexicon.from_json(d["lexicon"]) if "lexicon" in d else None)
