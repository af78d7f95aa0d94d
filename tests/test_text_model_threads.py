"""The line model's scores do not depend on how many threads OpenBLAS may use (each product runs on one)."""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# 2,000 made-up rows through both stages: big enough that an unblocked product would be split over threads
SCRIPT = """
import hashlib, numpy as np
from cleaner.textpath.model import load
m = load()
rng = np.random.default_rng(0)
x = (rng.random((2000, m.stage1._w1.shape[0])) * 3 - 1).astype(np.float32)
z = (rng.random((2000, m.stage2._w1.shape[0])) * 3 - 1).astype(np.float32)
print(hashlib.sha1(m.stage1.logit(x).tobytes() + m.stage2.logit(z).tobytes()).hexdigest())
"""


def _logits_digest(threads: int) -> str:
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(threads), "PYTHONPATH": str(ROOT)}
    out = subprocess.run([sys.executable, "-c", SCRIPT], env=env, cwd=ROOT, capture_output=True, text=True,
                         check=True, timeout=120)
    return out.stdout.strip()


def test_logits_are_the_same_on_one_thread_and_on_two():
    assert _logits_digest(1) == _logits_digest(2)
