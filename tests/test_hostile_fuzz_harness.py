"""The atheris harnesses stay runnable: each target runs a few seconds from its seed corpus without a crash.

The real fuzz run is bounded and separate (`python -m fuzz --seconds 60`, see README "Reliability");
crashes it found are regression tests in tests/test_hostile_input.py.
"""
from __future__ import annotations

import pytest

pytest.importorskip("atheris")

from fuzz.__main__ import TARGETS, run  # noqa: E402


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fuzz_target_runs_clean_for_a_few_seconds(target, tmp_path):
    result = run(target, seconds=3, seed=1, artifacts=tmp_path, max_len=4096)
    assert result["returncode"] == 0, "\n".join(result["tail"])
    assert not result["crashes"] and result["runs"] and result["runs"] > 0
