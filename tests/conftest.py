"""Shared fixtures: the seed, rule registries, and (once the web layer exists) app/client/runner."""
from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seeds" / "000_b699ba0113078e52.txt"
GOLDEN = Path(__file__).parent / "golden" / "seed.json"
# A one-rule site file (versioned, to see reloads) and a document it cleans: shared by the service tests.
SITE_RULE = """site: example.org
domains: [example.org]
version: {version}
rules:
  - id: promo
    op: drop_phrase
    category: ad
    phrases: [{phrase}]
"""
DOC = ("First paragraph of the article, long enough to be article text.\n\nBuy our premium plan today\n\n"
       "Second paragraph of the article, also plain article text.")
SEED_URL = "https://www.independent.co.uk/news/world/europe/vladimir-putin-us-diplomats-expel-barack-obama-sanctions-russia-a7502146.html"


def load_script(name: str):
    """A script of scripts/ (not a package) imported as a module, for testing its building blocks."""
    spec = importlib.util.spec_from_file_location(name, ROOT / "scripts" / f"{name}.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


@pytest.fixture(scope="session")
def train_script():
    """scripts/train_text_model.py as a module."""
    return load_script("train_text_model")


@pytest.fixture(scope="session")
def seed_bytes() -> bytes:
    return SEED.read_bytes()


@pytest.fixture(scope="session")
def seed_text(seed_bytes) -> str:
    return seed_bytes.decode("utf-8")


@pytest.fixture(scope="session")
def golden() -> dict:
    return json.loads(GOLDEN.read_text(encoding="utf-8"))


@pytest.fixture
def write_rules(tmp_path):
    """Write rule files into a fresh directory: write_rules({"name.yaml": text}) -> Path."""
    def _write(files: dict[str, str]) -> Path:
        d = tmp_path / "rules"
        d.mkdir(exist_ok=True)
        for name, text in files.items():
            (d / name).write_text(text, encoding="utf-8")
        return d
    return _write


@pytest.fixture
def app():
    """The Flask service with the shipped rules only (CLEANER_RULES_DIR ignored), admin endpoints off."""
    from cleaner.ruleset import shipped_rules_dir
    from cleaner.web import create_app
    application = create_app({"rules_dirs": [shipped_rules_dir()], "admin_token": None, "TESTING": True})
    yield application


@pytest.fixture
def client(app):
    """Flask test client for `app`."""
    return app.test_client()


@pytest.fixture
def runner(app):
    """Flask CLI runner for `app`."""
    return app.test_cli_runner()
