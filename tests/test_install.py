"""The shipped rules are found after a plain, non-editable `pip install .`."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.slow
def test_wheel_ships_rules_and_works_outside_the_checkout(tmp_path, seed_bytes, golden):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    wheel = next(wheels.glob("cleaner-*.whl"))
    names = set(zipfile.ZipFile(wheel).namelist())
    assert "cleaner/_rules/_defaults.yaml" in names
    assert "cleaner/_rules/independent.co.uk.yaml" in names
    assert {"cleaner/textpath/model.json", "cleaner/textpath/gate.json"} <= names  # the line model and its gate

    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
                   check=True, capture_output=True)
    probe = ("import json, sys, cleaner\n"
             "from cleaner.ruleset import shipped_rules_dir\n"
             "r = cleaner.clean(sys.stdin.buffer.read())\n"
             "print(json.dumps({'file': cleaner.__file__, 'rules': str(shipped_rules_dir()),"
             " 'site': r.site, 'text': r.text}))\n")
    env = {**os.environ, "PYTHONPATH": str(target)}
    env.pop("CLEANER_RULES_DIR", None)
    out = subprocess.run([sys.executable, "-c", probe], input=seed_bytes, cwd=tmp_path, env=env,
                         capture_output=True, check=True)
    data = json.loads(out.stdout)
    assert data["file"].startswith(str(target))
    assert data["rules"].startswith(str(target))
    assert data["site"] == "independent.co.uk"
    assert data["text"] == golden["text"]
