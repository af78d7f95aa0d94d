"""`cleaner rules import-ftr` end to end on a small hand-made snapshot: files, report, validation, lookup."""
from __future__ import annotations

import json

from cleaner import clean
from cleaner.cli import main
from cleaner.ruleset import Registry
from cleaner.ruleset.registry import shipped_rules_dir


def _snapshot(tmp_path):
    src = tmp_path / "ftr-src"
    src.mkdir()
    (src / "example.com.txt").write_text(
        "title: //h1\nbody: //div[@class='story']\nstrip_id_or_class: promo\n"
        "single_page_link: //a[@class='print']\nnot a directive line\ntest_url: https://example.com/x\n")
    (src / ".example.org.txt").write_text("body: //main\nhttp_header(user-agent): Bot/1.0\n")
    (src / "global.txt").write_text("strip: //nav\n")
    (src / "LICENSE.txt").write_text("These files are released to the public domain.\n")
    return src


def test_import_writes_a_pack_the_registry_uses(tmp_path, capsys):
    src = _snapshot(tmp_path)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "_defaults.yaml").write_text((shipped_rules_dir() / "_defaults.yaml").read_text())
    out = rules / "ftr"
    report = tmp_path / "report.json"
    assert main(["rules", "import-ftr", str(src), "--out", str(out), "--report", str(report),
                 "--snapshot", "2026-08", "--quiet"]) == 0
    assert "2 site files written" in capsys.readouterr().out
    assert sorted(p.name for p in out.iterdir()) == [".example.org.yaml", "IMPORT-REPORT.md", "LICENSE", "NOTICE",
                                                     "example.com.yaml", "pack.yaml"]
    data = json.loads(report.read_text())
    entry = data["files"]["example.com.txt"]
    assert entry["unsupported"][0]["directive"] == "single_page_link" and entry["unsupported"][0]["line"] == 4
    assert entry["problems"][0]["line"] == 5
    assert data["files"][".example.org.txt"]["unsupported"][0]["directive"] == "http_header(user-agent)"
    assert {s["file"] for s in data["skipped"]} == {"global.txt", "LICENSE.txt"}
    md = (out / "IMPORT-REPORT.md").read_text()
    assert "| example.com.txt | 5 | not a `directive: value` line |" in md
    assert main(["rules", "check", str(rules)]) == 0

    registry = Registry([rules])
    page = ("<html><body><h1>Title here</h1><div class='story'><p>The story text is long enough to be an "
            "article paragraph, with several clauses, commas, and words.</p><div class='promo-box'>Subscribe "
            "now for more</div></div><p>Outside the story: navigation text.</p></body></html>")
    r = clean(page, "https://www.example.com/a", registry=registry)
    assert r.site == "example.com" and r.title == "Title here"
    assert "The story text" in r.text and "Subscribe" not in r.text and "Outside the story" not in r.text
    assert registry.for_host("news.example.org")[0].site == "example.org_wildcard"
    assert registry.for_host("example.org") is None

    # Re-importing replaces the previous files: a site gone from the snapshot disappears.
    (src / ".example.org.txt").unlink()
    assert main(["rules", "import-ftr", str(src), "--out", str(out), "--quiet"]) == 0
    assert not (out / ".example.org.yaml").exists() and (out / "example.com.yaml").exists()


def test_import_help_explains_the_mapping(capsys):
    try:
        main(["rules", "import-ftr", "--help"])
    except SystemExit as exc:
        assert exc.code == 0
    text = capsys.readouterr().out
    assert "strip_id_or_class" in text and "CLEANER_RULE_PACKS=off" in text


def test_import_of_a_missing_directory_is_a_clear_error(tmp_path, capsys):
    assert main(["rules", "import-ftr", str(tmp_path / "nope"), "--out", str(tmp_path / "out")]) == 1
    assert "not a directory" in capsys.readouterr().err
