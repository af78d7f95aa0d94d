"""The page gate: text already cut down to its content is left whole; a whole page's scrape is still cleaned."""
from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from cleaner import clean
from cleaner.doc import Doc
from cleaner.ruleset import Registry
from cleaner.textpath import features, gate, line_inputs, to_units

from .conftest import load_script
from .test_text_page import whole_page

ROOT = Path(__file__).resolve().parents[1]
URL = "https://example.com/recipes/lemon-drizzle-cake"
# What an article selector returns for a recipe page: the ingredients and steps are the content, and
# they are short lines without sentence ends, just like menus.
RECIPE = """Lemon drizzle cake

Ingredients

225g unsalted butter, softened
225g caster sugar
4 eggs
275g self-raising flour
2 tsp baking powder
6 tbsp milk
Finely grated zest of 2 lemons
Juice of 1 lemon
85g granulated sugar

Method

Heat the oven to 180C/160C fan/gas 4.
Grease and line a loaf tin with baking parchment.
Beat the butter and sugar together until pale and fluffy.
Add the eggs one at a time, beating well after each.
Fold in the flour, baking powder, milk and lemon zest.
Spoon into the tin and level the top.
Bake for 45-50 mins until a skewer comes out clean.
Mix the lemon juice and granulated sugar.
Pour over the warm cake and leave to cool in the tin.
"""


def _probability(text: str, url: str | None) -> float:
    doc = Doc(mode="text", source=text, url=url)
    to_units(doc)
    return gate.load().page_probability(features.line_rows(*line_inputs(doc), url))


@pytest.fixture()
def gate_off(tmp_path) -> Registry:
    """The shipped rules, with example.com's page-text rule switched to gate_threshold 0 (never gates)."""
    (tmp_path / "example.com.yaml").write_text(
        "site: example.com\nextends: defaults\nversion: 1\ndomains: [example.com]\n"
        "rules:\n  - id: page-text\n    op: classify_lines\n    gate_threshold: 0\n")
    return Registry(dirs=[ROOT / "rules", tmp_path])


def test_clean_list_text_is_left_whole():
    assert _probability(RECIPE, URL) < gate.load().threshold
    r = clean(RECIPE, URL, content_type="text", site_rules=False)
    assert r.removed == []
    assert r.text.split() == RECIPE.split()


def test_without_the_gate_the_line_model_strips_the_list(gate_off):
    """What the gate prevents: the model, made for whole pages, takes the ingredients for a menu."""
    r = clean(RECIPE, URL, content_type="text", registry=gate_off)
    dropped = {x.text for x in r.removed if x.rule == "example.com:page-text"}
    assert "225g caster sugar" in dropped and "4 eggs" in dropped


def test_whole_page_passes_the_gate_and_is_cleaned():
    page = whole_page()
    assert _probability(page, URL) >= gate.load().threshold
    r = clean(page, URL, content_type="text", site_rules=False)
    assert any(x.rule == "defaults:page-text" for x in r.removed)
    assert "Privacy policy" not in r.text.split("\n")


def test_cleaning_a_cleaned_page_again_changes_nothing():
    first = clean(whole_page(), URL, content_type="text", site_rules=False)
    again = clean(first.text, URL, content_type="text", site_rules=False)
    assert again.text == first.text


def test_gate_file_for_other_features_is_refused(tmp_path):
    data = json.loads(gate.GATE_FILE.read_text())
    data["features"] = data["features"][:-1]
    bad = tmp_path / "gate.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="retrain"):
        gate.load(str(bad))


def test_gate_features_are_finite_on_odd_texts():
    for lines in (["x"] * 12, ["\u00a9 2024"] + ["A" * 500] * 11, [f"* item {i}" for i in range(40)]):
        rows = features.line_rows(lines, [0] * len(lines), list(range(len(lines))), None)
        v = gate.doc_features(rows)
        assert v.shape == (len(gate.NAMES),) and np.isfinite(v).all()


def _reference_features(rows: np.ndarray) -> np.ndarray:
    """gate.NAMES spelled out one by one, as the gate's docstring defines them."""
    col = {name: rows[:, i].astype(np.float64) for i, name in enumerate(features.RAW)}
    chars = np.expm1(col["log_chars"])
    head, tail = slice(0, 10), slice(max(0, len(rows) - 10), len(rows))
    named = {f"mean_{c}": col[c].mean() for c in gate._MEANS}
    named.update(log_lines=np.log1p(len(rows)), std_log_chars=col["log_chars"].std(),
                 share_dup=(col["dup"] > 0).mean(), share_first_rep=(col["first_rep"] > 0).mean(),
                 share_separators=(col["separators"] > 0).mean(),
                 prose_chars=(chars * col["long_prose"]).sum() / chars.sum(),
                 head_linkish=col["linkish"][head].mean(), head_dup=(col["dup"][head] > 0).mean(),
                 tail_linkish=col["linkish"][tail].mean(), tail_legal=col["legal"][tail].max(),
                 tail_dup=(col["dup"][tail] > 0).mean(), max_title_tag=col["title_tag"][1:].max(),
                 max_slug=col["slug"].max())
    return np.array([named[name] for name in gate.NAMES])


def test_gate_features_match_their_definitions():
    for text, url in ((whole_page(), URL), (RECIPE, URL), (RECIPE, None)):
        doc = Doc(mode="text", source=text, url=url)
        to_units(doc)
        rows = features.line_rows(*line_inputs(doc), url)
        assert np.allclose(gate.doc_features(rows), _reference_features(rows), rtol=1e-6, atol=1e-9)


def test_training_recipe_fits_a_separable_toy_set():
    mod = load_script("train_page_gate")
    rng = np.random.default_rng(0)
    x = np.vstack([rng.normal(-1, 0.5, (50, 3)), rng.normal(1, 0.5, (50, 3))])
    y = np.r_[np.zeros(50), np.ones(50)]
    w, b = mod.fit_logistic(x, y, l2=1e-3)
    assert ((x @ w + b > 0) == (y > 0)).mean() > 0.95
