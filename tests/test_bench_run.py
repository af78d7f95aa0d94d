"""The harness's run order: each system over a block of pages in a row, records still per page in order."""
from __future__ import annotations

import gzip
import time
import json

from bench.data import load
from bench.run import RunSpec, process_block, run_pages
from bench.systems import make_systems

BODY = "The council approved the new budget on Monday after a long debate. "


def _pages(tmp_path, n: int):
    """n AEB-shaped pages with their ground truth, made here (a menu line around one paragraph)."""
    data = tmp_path / "aeb-dev"
    (data / "html").mkdir(parents=True)
    truth = {}
    for k in range(n):
        pid = f"p{k}"
        text = f"Page {k}. " + BODY * 6
        html = f"<html><body><nav>Home | News</nav><article><p>{text}</p></article></body></html>"
        (data / "html" / f"{pid}.html.gz").write_bytes(gzip.compress(html.encode()))
        truth[pid] = {"url": f"https://example.org/{pid}", "articleBody": text}
    (data / "ground-truth.json").write_text(json.dumps(truth))
    return load(["aeb"], tmp_path)


class Logged:
    """A real system whose calls are written to a shared log, in the order they happen."""

    def __init__(self, system, log: list) -> None:
        self.system, self.log = system, log
        self.name, self.modes = system.name, system.modes

    def fields(self, mode: str):
        return self.system.fields(mode)

    def run(self, content: str, url: str | None, mode: str):
        self.log.append((self.name, url.rsplit("/", 1)[-1]))
        return self.system.run(content, url, mode)


def test_each_system_runs_over_the_block_in_a_row(tmp_path):
    pages = _pages(tmp_path, 3)
    log: list = []
    systems = [Logged(s, log) for s in make_systems(["cleaner", "fulltext"])]
    runs = [RunSpec("html"), RunSpec("text", "html-text")]
    per_page = process_block(pages, runs, systems)
    # per run: cleaner over all three pages, then fulltext over all three
    assert log == [(name, f"p{k}") for _ in runs for name in ("cleaner", "fulltext") for k in range(3)]
    # records stay grouped by page, in run x system order, each scored against its own page
    assert [[(r.id, r.run, r.system) for r in recs] for recs in per_page] == [
        [(f"p{k}", run.label, name) for run in runs for name in ("cleaner", "fulltext")] for k in range(3)]
    cleaner_html = [recs[0] for recs in per_page]
    assert all(r.aeb.f1 == 1.0 and r.error is None for r in cleaner_html)
    assert all(recs[3].convert_ms is not None and recs[0].convert_ms is None for recs in per_page)


def test_block_size_changes_the_order_not_the_results(tmp_path):
    pages = _pages(tmp_path, 5)
    runs = [RunSpec("html")]
    by_block = {}
    for block in (1, 2, 16):
        got = list(run_pages(pages, runs, ["cleaner", "fulltext"], block=block))
        by_block[block] = [[(r.id, r.system, r.chars, r.aeb.f1) for r in recs] for recs in got]
    assert [recs[0][0] for recs in by_block[2]] == [f"p{k}" for k in range(5)]  # one entry per page, in order
    assert by_block[1] == by_block[2] == by_block[16]


def test_a_page_that_cannot_load_is_an_error_record_not_a_gap(tmp_path):
    pages = _pages(tmp_path, 3)
    (tmp_path / "aeb-dev" / "html" / "p1.html.gz").unlink()
    per_page = process_block(pages, [RunSpec("html")], make_systems(["cleaner"]))
    assert [[(r.id, r.error) for r in recs] for recs in per_page] == [[("p0", None)], [("p1", "load")], [("p2", None)]]


class Slow(Logged):
    """A real system that sleeps before its first call on each page: only the later passes are quick."""

    def run(self, content: str, url: str | None, mode: str):
        if (self.name, url.rsplit("/", 1)[-1]) not in self.log:
            time.sleep(0.05)
        return super().run(content, url, mode)


def test_repeat_passes_over_the_block_and_keep_each_pages_fastest_call(tmp_path):
    pages = _pages(tmp_path, 3)
    log: list = []
    systems = [Logged(s, log) for s in make_systems(["cleaner", "fulltext"])]
    per_page = process_block(pages, [RunSpec("html")], systems, repeat=3)
    # three whole passes over the block per system, not three calls of a page in a row
    assert log == [(name, f"p{k}") for name in ("cleaner", "fulltext") for _ in range(3) for k in range(3)]
    assert [[(r.id, r.system) for r in recs] for recs in per_page] == [
        [(f"p{k}", "cleaner"), (f"p{k}", "fulltext")] for k in range(3)]
    assert all(recs[0].aeb.f1 == 1.0 for recs in per_page)  # outputs and scores from the first pass
    slow = process_block(pages, [RunSpec("html")], [Slow(make_systems(["cleaner"])[0], [])], repeat=2)
    once = process_block(pages, [RunSpec("html")], [Slow(make_systems(["cleaner"])[0], [])], repeat=1)
    assert all(recs[0].ms < 50 for recs in slow)  # the 50 ms first call is not the page's time
    assert all(recs[0].ms >= 50 for recs in once)
