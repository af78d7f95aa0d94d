"""The traffic stores: counts over distinct pages, bounds, expiry, and several writers at once.

SQLite is always tested; Redis with a real redis-server the test starts on a free port (the Debian
package redis-server; scripts/system-deps.sh installs it).
"""
from __future__ import annotations

import multiprocessing
import time

import pytest

from cleaner.learn import observe
from cleaner.learn.store import SQLiteStore, StoreConfig, page_key
from cleaner.learn.traffic import suggest
from cleaner.ruleset import load_text

from .learn_pages import ARTICLES, text_page
from .learn_redis import redis_url  # noqa: F401 - fixture

SITE = "gazette.example"
WRITERS, PAGES_EACH = 4, 6


def _blocks(i: int):
    """Page i's blocks: the shared template and a unique article (varied beyond the five ARTICLES)."""
    text = text_page(i % len(ARTICLES)).replace("Residents", f"Residents ({i})").replace("A public", f"A public ({i})")
    return observe([ln for ln in text.split("\n") if ln.strip()] + [f"Unique line number {i} of this test."])


def _write(kind: str, where: str, start: int, count: int) -> None:
    store = _open(kind, where)
    for i in range(start, start + count):
        assert store.record(SITE, page_key(f"https://{SITE}/{i}", ""), _blocks(i))


def _open(kind: str, where: str, **cfg):
    if kind == "sqlite":
        return SQLiteStore(where, StoreConfig(**cfg))
    from cleaner.learn.redis_store import RedisStore
    return RedisStore(where, StoreConfig(**cfg))


@pytest.fixture(params=["sqlite", "redis"])
def backend(request, tmp_path):
    if request.param == "sqlite":
        return "sqlite", str(tmp_path / "learn.db")
    url = request.getfixturevalue("redis_url")
    import redis
    redis.Redis.from_url(url).flushall()
    return "redis", url


def test_counts_distinct_pages_and_suggests(backend) -> None:
    kind, where = backend
    store = _open(kind, where)
    for i in range(5):
        assert store.record(SITE, page_key(f"https://{SITE}/{i}", ""), _blocks(i))
    assert not store.record(SITE, page_key(f"https://{SITE}/0", ""), _blocks(0))   # seen already
    assert store.site_pages(SITE) == 5
    stats = {s.text: s for s in store.stats(SITE) if s.text}
    assert stats["Skip to main content"].pages == 5
    assert stats["Skip to main content"].context == 5
    text = suggest(store, SITE).to_yaml()
    rs = load_text(text, "<suggested>")
    assert rs.rules and "Skip" in text
    assert (SITE, 5) in store.sites()


def test_text_is_kept_only_for_promoted_blocks(backend) -> None:
    kind, where = backend
    store = _open(kind, where, promote_at=3)
    for i in range(2):
        store.record(SITE, page_key(f"https://{SITE}/{i}", ""), _blocks(i))
    assert all(s.text is None for s in store.stats(SITE, min_pages=1))   # nothing promoted yet
    store.record(SITE, page_key(f"https://{SITE}/2", ""), _blocks(2))
    stats = store.stats(SITE, min_pages=1)
    assert {s.text for s in stats if s.pages >= 3} >= {"Skip to main content", "Contact us"}
    assert all(s.text is None for s in stats if s.pages < 3)


def test_bounded_size_and_expiry(backend) -> None:
    kind, where = backend
    store = _open(kind, where, max_blocks=30, prune_every=1)
    for i in range(12):
        store.record(SITE, page_key(f"https://{SITE}/{i}", ""), _blocks(i))
    assert store.size(SITE) <= 30
    kept = {s.text for s in store.stats(SITE) if s.text}
    assert "Skip to main content" in kept   # the bound drops rare blocks first (SQLite) or the oldest (Redis)
    expiring = _open(kind, where, ttl=0.5, prune_every=10_000)
    time.sleep(1.0)
    expiring.prune(SITE)
    assert expiring.size(SITE) == 0


def test_several_processes_write_at_once(backend) -> None:
    kind, where = backend
    _open(kind, where)   # create the schema first
    ctx = multiprocessing.get_context("spawn")
    procs = [ctx.Process(target=_write, args=(kind, where, w * PAGES_EACH, PAGES_EACH)) for w in range(WRITERS)]
    for p in procs:
        p.start()
    for p in procs:
        p.join(120)
    assert all(p.exitcode == 0 for p in procs)
    store = _open(kind, where)
    total = WRITERS * PAGES_EACH
    assert store.site_pages(SITE) == total
    stats = {s.text: s for s in store.stats(SITE) if s.text}
    assert stats["Skip to main content"].pages == total   # no lost or doubled update
