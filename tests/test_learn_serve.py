"""Learning from traffic in the real service: gunicorn workers and two replicas share one store."""
from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import requests

from cleaner.ruleset import load_text

from .learn_pages import text_page
from .learn_redis import redis_url  # noqa: F401 - fixture
from .test_serve import start_server, stop_server

SITE = "gazette.example"
PAGES = 10


def _page(i: int) -> str:
    # ten distinct pages from the five articles: the same template, a different last line each time
    return text_page(i % 5) + f"\nStory reference {i}.\n"


def _post_all(bases: list[str]) -> None:
    def post(i: int) -> int:
        body = {"content": _page(i), "url": f"https://www.{SITE}/story/{i}"}
        return requests.post(bases[i % len(bases)] + "/v1/clean", json=body, timeout=30).status_code
    with ThreadPoolExecutor(6) as pool:
        assert set(pool.map(post, range(PAGES))) == {200}


def _suggested(base: str) -> requests.Response:
    resp = requests.get(f"{base}/v1/rules/{SITE}/suggested", timeout=30)
    assert resp.status_code == 200, resp.text
    return resp


def test_two_replicas_share_a_redis_store(tmp_path, redis_url) -> None:  # noqa: F811
    env = {"CLEANER_LEARN": "redis", "CLEANER_REDIS_URL": redis_url}
    a, base_a, _ = start_server(tmp_path, env)
    try:
        b, base_b, _ = start_server(tmp_path, env)
        try:
            _post_all([base_a, base_b])
            for base in (base_a, base_b):   # either replica answers from the shared counts
                resp = _suggested(base)
                assert resp.headers["X-Learned-Pages"] == str(PAGES)
                rs = load_text(resp.text, "<suggested>")
                assert any(r.id == "learned-navigation" for r in rs.rules)
                assert f"on {PAGES}/{PAGES} pages: Skip to main content" in resp.text
        finally:
            stop_server(b)
    finally:
        stop_server(a)


def test_gunicorn_workers_share_a_sqlite_store(tmp_path) -> None:
    env = {"CLEANER_LEARN": "sqlite", "CLEANER_LEARN_DB": str(tmp_path / "learn.sqlite3")}
    proc, base, _ = start_server(tmp_path, env)
    try:
        _post_all([base])
        resp = _suggested(base)
        assert resp.headers["X-Learned-Pages"] == str(PAGES)
        assert f"on {PAGES}/{PAGES} pages: Skip to main content" in resp.text
    finally:
        stop_server(proc)
