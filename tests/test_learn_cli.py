"""`cleaner rules learn`: files and JSON Lines in, a rule file that `cleaner rules test` passes out."""
from __future__ import annotations

import json
import subprocess
import sys

from cleaner.cli import main
from cleaner.ruleset import load_file

from .learn_pages import html_page, text_page


def test_learn_from_text_files_then_rules_test_passes(tmp_path, monkeypatch, capsys) -> None:
    for i in range(5):
        (tmp_path / f"page{i}.txt").write_text(text_page(i), encoding="utf-8")
    rules = tmp_path / "rules"
    rules.mkdir()
    out = rules / "gazette.example.yaml"
    code = main(["rules", "learn", "--site", "gazette.example", "--out", str(out),
                 *[str(tmp_path / f"page{i}.txt") for i in range(5)]])
    assert code == 0
    err = capsys.readouterr().err
    assert "5 pages" in err and "blocks learned" in err
    rs = load_file(out)
    assert rs.site == "gazette.example" and rs.rules and all(r.learned for r in rs.rules)
    assert "page0.txt" in out.read_text() or "page1.txt" in out.read_text()
    # the file's own test cases pass through the normal `rules test` command
    monkeypatch.setenv("CLEANER_RULES_DIR", str(rules))
    assert main(["rules", "test", "gazette.example"]) == 0
    assert "0 failed" in capsys.readouterr().out


def test_learn_from_jsonl_picks_the_site_and_writes_stdout(tmp_path) -> None:
    corpus = tmp_path / "crawl.jsonl"
    with corpus.open("w", encoding="utf-8") as fh:
        for i in range(4):
            fh.write(json.dumps({"url": f"https://www.gazette.example/n/{i}", "content": html_page(i)}) + "\n")
        fh.write(json.dumps({"url": "https://other.example/x", "content": text_page(4)}) + "\n")
    proc = subprocess.run([sys.executable, "-m", "cleaner", "rules", "learn", "--site", "gazette.example",
                           "--jsonl", str(corpus), "-q"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr
    assert "site: gazette.example" in proc.stdout and "op: strip" in proc.stdout
    assert "Traceback" not in proc.stderr


def test_too_few_pages_is_a_clear_error(tmp_path, capsys) -> None:
    (tmp_path / "a.txt").write_text(text_page(0), encoding="utf-8")
    assert main(["rules", "learn", "--site", "gazette.example", str(tmp_path / "a.txt")]) == 2
    assert "--min-pages is 3" in capsys.readouterr().err
