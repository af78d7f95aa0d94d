"""Every shipped rule file's own test cases, one pytest case each (same runner as `cleaner rules test`)."""
from __future__ import annotations

import pytest

from cleaner.ruleset import Registry
from cleaner.ruleset.selftest import case_id, iter_cases, run_case

REGISTRY = Registry()
CASES = list(iter_cases(REGISTRY))


def test_every_hand_written_site_file_has_a_test_case():
    for rs in REGISTRY.all_sets():
        assert rs.tests, f"{rs.file} carries no test case"


@pytest.mark.parametrize("rs,i,case", CASES, ids=[case_id(*c) for c in CASES])
def test_rule_file_case(rs, i, case):
    assert run_case(REGISTRY, rs, case) == []
