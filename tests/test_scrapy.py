"""CleanerPipeline inside a real Scrapy crawl (CrawlerProcess, file:// pages) against a live service."""
from __future__ import annotations

import json
import subprocess
import sys
import textwrap

import pytest

from .conftest import SEED, SEED_URL
from .test_serve import start_server, stop_server

pytest.importorskip("scrapy")
pytestmark = pytest.mark.slow

CRAWL = textwrap.dedent("""
    import json, sys
    import scrapy
    from scrapy.crawler import CrawlerProcess

    pages, service, feed, log_file = json.loads(sys.argv[1])

    class PagesSpider(scrapy.Spider):
        name = "pages"

        async def start(self):
            for file_url, page_url, field in pages:
                yield scrapy.Request(file_url, cb_kwargs={"page_url": page_url, "field": field})

        def parse(self, response, page_url, field):
            yield {"url": page_url, field: response.body.decode("utf-8")}

    process = CrawlerProcess({
        "ITEM_PIPELINES": {"cleaner.contrib.scrapy.CleanerPipeline": 300},
        "CLEANER_URL": service,
        "CLEANER_OUTPUT_FIELDS": {"text": "clean_text", "title": "title", "author": "author", "date": "date",
                                  "captions": "captions", "site": "cleaner_site"},
        "FEEDS": {feed: {"format": "jsonlines"}},
        "LOG_FILE": log_file, "LOG_LEVEL": "INFO", "TELNETCONSOLE_ENABLED": False,
    })
    crawler = process.create_crawler(PagesSpider)
    process.crawl(crawler)
    process.start()
    print(json.dumps(crawler.stats.get_stats(), default=str))
""")

ARTICLE_HTML = ("<html><head><title>Storm hits the coast</title>"
                "<meta name='author' content='Ann Writer'></head><body><nav><a href='/'>Home</a></nav><article>"
                "<h1>Storm hits the coast</h1><p>" + "The storm reached the coast on Monday night. " * 8 +
                "</p><p>" + "Residents were told to stay indoors until the wind dropped. " * 6 +
                "</p><p>Join our commenting forum</p></article></body></html>")


def test_pipeline_cleans_items_and_drops_rejected_ones(tmp_path, golden):
    proc, base, _ = start_server(tmp_path, {"CLEANER_RULES_DIR": ""})
    try:
        html = tmp_path / "storm.html"
        html.write_text(ARTICLE_HTML)
        prompt_only = tmp_path / "prompt.txt"
        prompt_only.write_text("Join our commenting forum\n")
        pages = [[SEED.as_uri(), SEED_URL, "text"], [html.as_uri(), "https://example.com/storm", "html"],
                 [prompt_only.as_uri(), "https://example.com/empty", "text"]]
        feed, log_file = tmp_path / "items.jl", tmp_path / "crawl.log"
        out = subprocess.run([sys.executable, "-c", CRAWL, json.dumps([pages, base, feed.as_uri(), str(log_file)])],
                             capture_output=True, text=True, timeout=180, cwd=tmp_path)
        assert out.returncode == 0, out.stderr[-3000:]
    finally:
        stop_server(proc)
    stats = json.loads(out.stdout.strip().splitlines()[-1])
    items = {i["url"]: i for i in map(json.loads, feed.read_text().splitlines())}
    log = log_file.read_text()

    seed = items[SEED_URL]
    assert seed["clean_text"] == golden["text"]
    for field in ("title", "author", "date", "captions"):
        assert seed[field] == golden[field], field
    assert seed["cleaner_site"] == "independent.co.uk"
    assert seed["text"].startswith(golden["title"])  # the input field is left as it was

    storm = items["https://example.com/storm"]
    assert storm["title"] == "Storm hits the coast" and storm["author"] == "Ann Writer"
    assert "stay indoors" in storm["clean_text"] and "commenting forum" not in storm["clean_text"]

    assert "https://example.com/empty" not in items
    assert stats["item_scraped_count"] == 2
    assert stats["item_dropped_count"] == 1
    assert "nothing_left" in log and "https://example.com/empty" in log
