"""The shipped line model, its features, and the training recipe's building blocks."""
from __future__ import annotations

import json

import numpy as np
import pytest

from cleaner.textpath import features, fill
from cleaner.textpath.model import MLP, MODEL_FILE, load


def test_model_file_is_small_and_matches_features():
    assert MODEL_FILE.stat().st_size < 1_000_000
    data = json.loads(MODEL_FILE.read_text())
    assert data["raw"] == list(features.RAW)
    model = load()
    x = model.inputs(*features.line_rows_lex(["a line"] * 3, [0] * 3, [0, 1, 2], None, model.lexicon))
    assert x.shape[1] == model.stage1.w1.shape[0]
    assert 0 < model.threshold < 1


def _blas_threads() -> int:
    from threadpoolctl import threadpool_info
    return max((i["num_threads"] for i in threadpool_info() if i["user_api"] == "blas"), default=1)


def test_a_big_product_runs_on_one_blas_thread_and_leaves_the_setting_as_it_was(monkeypatch):
    """OpenBLAS would split a big product over threads that, on a busy machine, wait for a core."""
    before = _blas_threads()
    seen, block = [], MLP._block

    def spy(self, x):
        seen.append(_blas_threads())
        return block(self, x)

    monkeypatch.setattr(MLP, "_block", spy)
    mlp = load().stage1
    x = np.ones((2000, mlp.w1.shape[0]), np.float32)
    out = mlp.logit(x)
    assert seen and set(seen) == {1}
    assert _blas_threads() == before
    assert np.allclose(out, block(mlp, x), atol=1e-4)  # the same logits as one product of all the rows


def test_model_trained_on_other_features_is_refused(tmp_path):
    data = json.loads(MODEL_FILE.read_text())
    data["raw"] = data["raw"][:-1]
    bad = tmp_path / "model.json"
    bad.write_text(json.dumps(data))
    with pytest.raises(ValueError, match="retrain"):
        load(str(bad))


def test_prose_scores_above_menu_lines():
    prose = ("The committee published its report on Monday, and it found that the changes to the "
             "railway timetable had not reduced delays as much as the operator had promised.")
    lines = ["Home", "World", "Politics", "Business", "Headline about the railway report"] + [prose] * 6 + [
        "Contact us", "Privacy policy", "\u00a9 2024 Example Ltd"]
    lines[6] = lines[6].replace("Monday", "Tuesday")  # not all identical: no repeated-line signal
    p = load().scores(lines, [0] * len(lines), list(range(len(lines))), "https://example.com/railway-report")
    assert p[5:11].min() > p[[0, 1, 2, 3, 11, 12, 13]].max()


def test_features_are_finite_and_one_row_per_line():
    lines = ["", "x", "\u00a9", "A" * 500, "* item", "1. first", "Name: value", "12:30"]
    lines = [t for t in lines if t]
    x = features.context(features.line_rows(lines, [0, 4, 0, 8, 2, 0, 0], [0, 0, 1, 2, 2, 3, 4], "http://h/x"))
    assert x.shape[0] == len(lines)
    assert np.isfinite(x).all()


def test_window_mean_matches_a_plain_loop():
    col = np.array([1, 0, 3, 5, 2, 0, 0, 9], dtype=np.float32)
    out = np.zeros((len(col), 1), np.float32)
    fill.windows(col.reshape(-1, 1), np.array([2]), out, 0)
    want = [col[max(0, i - 2):i + 3].mean() for i in range(len(col))]
    assert np.allclose(out[:, 0], want)


def test_labels_follow_the_ground_truth(train_script):
    gt = ("The bridge will close for repairs next week, the city said on Friday.\n\n"
          "Drivers are advised to use the ring road instead.")
    lines = ["Home", "News", "The bridge will close for repairs next week, the city said on Friday.",
             "Drivers are advised to use the ring road instead.", "Contact us", "Home"]
    y, w = train_script.label_lines(lines, gt)
    assert y.tolist() == [0, 0, 1, 1, 0, 0]
    assert abs(float(w.sum()) - 1) < 1e-6 and w[2] > w[0]


def test_training_is_deterministic_and_learns(train_script):
    rng = np.random.default_rng(1)
    x = rng.normal(size=(600, 4)).astype(np.float32)
    y = (x[:, 0] + 0.5 * x[:, 1] > 0).astype(np.float32)
    w = np.ones(600, dtype=np.float32)
    a = train_script.train_mlp(x, y, w, hidden=6, seed=3, epochs=200, lr=1e-2)
    b = train_script.train_mlp(x, y, w, hidden=6, seed=3, epochs=200, lr=1e-2)
    assert np.array_equal(a.w1, b.w1)
    acc = float(((a.logit(x) > 0) == (y > 0)).mean())
    assert acc > 0.9


def test_held_out_split_is_by_host(train_script):
    assert train_script.held_out("https://www.example.com/a") == train_script.held_out("https://example.com/b")
    share = np.mean([train_script.held_out(f"https://site{i}.org/") for i in range(2000)])
    assert 0.15 < share < 0.25


def test_labels_count_a_list_of_items_the_ground_truth_has(train_script):
    """Short item lines (two words or more) that the ground truth lists, several in a row, are content
    even with no long line nearby; single menu words it happens to contain are not."""
    gt = "Blue wool runner\n\nGrey canvas sneaker\n\nRed leather loafer\n\nHome"
    lines = ["Home", "Shop", "Blue wool runner", "Grey canvas sneaker", "Red leather loafer", "Contact us"]
    y, _ = train_script.label_lines(lines, gt)
    assert y.tolist() == [0, 0, 1, 1, 1, 0]
