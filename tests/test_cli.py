"""The CLI: clean, explain, rules check/test, and clear one-line errors with distinct exit codes."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cleaner.cli import main

from .conftest import SEED


def run(*args, stdin: bytes | None = None):
    return subprocess.run([sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True)


def test_explain_lists_removed_spans_with_rules():
    out = run("clean", str(SEED), "--explain")
    assert out.returncode == 0
    err = out.stderr.decode()
    assert "independent.co.uk:forum-prompt" in err and "comment_prompt" in err
    assert "defaults:login-notice" in err and "login_notice" in err
    assert "site: independent.co.uk (detect)" in err


def test_json_has_every_field():
    data = json.loads(run("clean", str(SEED), "--format", "json", "--no-site-rules").stdout)
    assert set(data) >= {"text", "title", "subtitle", "author", "date", "captions", "site", "removed", "warnings"}
    assert data["site"] is None and data["removed"][0]["rule"].startswith("defaults:")


@pytest.mark.parametrize("stdin,code,message", [
    (b"", 3, "empty"),
    (bytes(range(256)) * 40, 5, "binary"),
    (b"Thank you for registering\n\nJoin our commenting forum", 6, "nothing was left"),
])
def test_bad_input_gives_one_line_error_and_distinct_code(stdin, code, message):
    out = run("clean", "-", stdin=stdin)
    assert out.returncode == code
    err = out.stderr.decode().strip()
    assert err.count("\n") == 0 and err.startswith("cleaner: error:") and message in err
    assert "Traceback" not in err


def test_missing_file_and_unknown_site():
    assert run("clean", "/nonexistent/file.txt").returncode == 2
    out = run("clean", str(SEED), "--site", "nope.example")
    assert out.returncode == 11 and "nope.example" in out.stderr.decode()


def test_rules_check_and_test_pass_on_shipped_rules(capsys):
    assert main(["rules", "check", "--no-packs"]) == 0
    assert main(["rules", "test"]) == 0
    assert "0 failed" in capsys.readouterr().out


def test_rules_check_reports_file_line_key(tmp_path):
    (tmp_path / "_defaults.yaml").write_text("site: defaults\n")
    (tmp_path / "bad.com.yaml").write_text("site: bad.com\nrules:\n  - id: x\n    op: drop_phrase\n"
                                           "    category: ad\n    phrases: [a]\n    colour: red\n")
    out = run("rules", "check", str(tmp_path))
    assert out.returncode == 10
    assert f"{tmp_path}/bad.com.yaml:7: unknown key 'colour'" in out.stderr.decode()
    assert "(key: rules[0].colour)" in out.stderr.decode()


def test_rules_test_fails_with_code_12(tmp_path, monkeypatch):
    (tmp_path / "x.com.yaml").write_text(
        "site: x.com\ntests:\n  - input: 'The mayor opened the new library on Saturday morning.'\n"
        "    contains: [something that is not there]\n")
    monkeypatch.setenv("CLEANER_RULES_DIR", str(tmp_path))
    out = run("rules", "test", "x.com")
    assert out.returncode == 12 and "does not contain" in out.stdout.decode()


def test_help_explains():
    out = run("--help").stdout.decode()
    assert "Exit codes" in out and "clean" in out and "rules" in out


def test_bench_command_runs_the_harness(tmp_path):
    # The scorer needs only the ground truth it is given: a two-page data set made here.
    import gzip
    import json as _json
    data = tmp_path / "aeb-dev"
    (data / "html").mkdir(parents=True)
    page = ("<html><body><nav>Home | News</nav><article><p>" + "The council approved the new budget on Monday. " * 8
            + "</p></article></body></html>")
    truth = {}
    for pid in ("p1", "p2"):
        (data / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(page.encode()))
        truth[pid] = {"url": f"https://example.org/{pid}", "articleBody": "The council approved the new budget on Monday. " * 8}
    (data / "ground-truth.json").write_text(_json.dumps(truth))
    out = run("bench", "quality", "--data", str(tmp_path), "--set", "aeb", "--systems", "cleaner",
              "--json", str(tmp_path / "out.json"), "--quiet")
    assert out.returncode == 0, out.stderr.decode()[-2000:]
    result = _json.loads((tmp_path / "out.json").read_text())
    assert [p["id"] for p in result["pages"]] == ["p1", "p2"]
    assert result["summary"][0]["system"] == "cleaner" and result["summary"][0]["aeb_f1"] == 1.0
    assert result["args"]["site_rules"] is False  # generic quality by default


def test_nothing_left_names_the_pages_title_and_date_on_the_same_line(tmp_path, capsys):
    shell = tmp_path / "shell.html"
    shell.write_text('<html><head><title>Spring sale | Example Shop</title><meta property="og:title" '
                     'content="Spring sale"><meta property="article:published_time" content="2025-03-01">'
                     '</head><body><div id="root"></div></body></html>')
    assert main(["clean", str(shell), "--content-type", "html"]) == 6
    err = capsys.readouterr().err.strip()
    assert err.count("\n") == 0 and err.startswith("cleaner: error: nothing was left")
    assert "the page's title: 'Spring sale'" in err and "the page's date: '2025-03-01'" in err
