"""A Scrapy item pipeline that cleans each item through the cleaner service (`pip install cleaner[scrapy]`).

settings.py:
    ITEM_PIPELINES = {"cleaner.contrib.scrapy.CleanerPipeline": 300}
    CLEANER_URL = "http://127.0.0.1:8000"          # the service
    CLEANER_INPUT_FIELDS = ["html", "text"]         # first non-empty field is sent
    CLEANER_URL_FIELD = "url"                       # the page URL (picks site rules; never fetched)
    CLEANER_OUTPUT_FIELDS = {"text": "clean_text", "title": "title", ...}   # result field -> item field
    CLEANER_TIMEOUT = 30; CLEANER_RETRIES = 3; CLEANER_SITE_RULES = True; CLEANER_KEEP = []
    CLEANER_DROP_ON_ERROR = True                    # False: keep the item, error in CLEANER_ERROR_FIELD

A document the service rejects (empty, undecodable, nothing left...) raises DropItem with the reason,
which Scrapy logs and counts (item_dropped_count). The HTTP call runs in a thread so the crawl goes on.
"""
from __future__ import annotations

import logging
from typing import Any

from itemadapter import ItemAdapter
from scrapy.exceptions import DropItem, NotConfigured
from scrapy.utils.defer import maybe_deferred_to_future
from twisted.internet.threads import deferToThread

from ..client import CleanerClient, ServiceUnavailable
from ..errors import CleanerError

log = logging.getLogger(__name__)

DEFAULT_OUTPUT_FIELDS = {"text": "clean_text", "title": "title", "subtitle": "subtitle", "author": "author",
                         "date": "date", "captions": "captions", "site": "cleaner_site"}


class CleanerPipeline:
    """Send an item's HTML or text (and URL) to the cleaner service; write back clean text and metadata."""

    def __init__(self, settings) -> None:
        self.base_url = settings.get("CLEANER_URL", "http://127.0.0.1:8000")
        self.input_fields = settings.getlist("CLEANER_INPUT_FIELDS", ["html", "text"])
        self.url_field = settings.get("CLEANER_URL_FIELD", "url")
        self.output_fields = settings.getdict("CLEANER_OUTPUT_FIELDS", DEFAULT_OUTPUT_FIELDS)
        self.site_rules = settings.getbool("CLEANER_SITE_RULES", True)
        self.keep = settings.getlist("CLEANER_KEEP", [])
        self.drop_on_error = settings.getbool("CLEANER_DROP_ON_ERROR", True)
        self.error_field = settings.get("CLEANER_ERROR_FIELD", "cleaner_error")
        if not self.input_fields or not self.output_fields:
            raise NotConfigured("CLEANER_INPUT_FIELDS and CLEANER_OUTPUT_FIELDS must not be empty")
        self.timeout = settings.getfloat("CLEANER_TIMEOUT", 30.0)
        self.retries = settings.getint("CLEANER_RETRIES", 3)
        self.client: CleanerClient | None = None

    @classmethod
    def from_crawler(cls, crawler) -> CleanerPipeline:
        """Scrapy's constructor hook."""
        pipeline = cls(crawler.settings)
        pipeline.crawler = crawler
        return pipeline

    def open_spider(self) -> None:
        """One HTTP session for the crawl."""
        self.client = CleanerClient(self.base_url, timeout=self.timeout, retries=self.retries)

    def close_spider(self) -> None:
        """Close the session."""
        if self.client is not None:
            self.client.close()

    def _source(self, adapter: ItemAdapter) -> tuple[str, Any]:
        for name in self.input_fields:
            value = adapter.get(name)
            if value:
                return name, value
        raise DropItem(f"cleaner: no content in any of {self.input_fields}")

    async def process_item(self, item: Any) -> Any:
        """Clean one item; DropItem (logged by Scrapy) when the service rejects the document."""
        adapter = ItemAdapter(item)
        field, content = self._source(adapter)
        url = adapter.get(self.url_field)
        # A field called "html" is HTML whatever it looks like; anything else is detected by the service.
        content_type = "html" if field == "html" else None
        if self.client is None:
            self.open_spider()
        try:
            result = await maybe_deferred_to_future(deferToThread(
                self.client.clean, content, url, content_type=content_type, site_rules=self.site_rules,
                keep=self.keep))
        except ServiceUnavailable:
            raise  # not the document's fault: let Scrapy report the error rather than silently drop
        except CleanerError as exc:
            reason = f"cleaner rejected {url or 'item'}: {exc.code}: {exc.detail}"
            if self.drop_on_error:
                raise DropItem(reason) from None
            log.warning(reason)
            adapter[self.error_field] = {"code": exc.code, "detail": exc.detail}
            return item
        for source, target in self.output_fields.items():
            adapter[target] = getattr(result, source)
        return item
