"""The atheris harnesses stay runnable: each target runs 100 inputs from its seed corpus without a crash.

A fixed count with a fixed seed makes them the same inputs on every machine (a time bound ran more on a
fast machine than on a slow one: a crash could show up in one clone and not in the next).

The real fuzz run is bounded and separate (`python -m fuzz --seconds 60`, see README "Reliability");
crashes it found are regression tests in tests/test_hostile_input.py.
"""
from __future__ import annotations

import pytest

pytest.importorskip("atheris")

from fuzz.__main__ import TARGETS, run  # noqa: E402


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fuzz_target_runs_clean_on_a_fixed_set_of_inputs(target, tmp_path):
    result = run(target, seconds=300, seed=1, artifacts=tmp_path, max_len=4096, runs=100)
    assert result["returncode"] == 0, "\n".join(result["tail"])
    assert not result["crashes"] and result["runs"] == 100
