"""The service records block hashes of the documents it cleans and suggests a site's rule file."""
from __future__ import annotations

import sqlite3

from cleaner.ruleset import load_text
from cleaner.web import create_app

from .learn_pages import NAV, html_page, text_page

SITE = "gazette.example"


def _client(tmp_path, **config):
    app = create_app({"CLEANER_LEARN": "sqlite", "CLEANER_LEARN_DB": str(tmp_path / "learn.db"), **config})
    return app.test_client()


def _post(client, i: int, html: bool = False):
    body = {"content": html_page(i) if html else text_page(i), "url": f"https://www.{SITE}/news/{i}"}
    resp = client.post("/v1/clean", json=body)
    assert resp.status_code == 200, resp.get_json()
    return resp


def test_traffic_learning_suggests_a_valid_rule_file(tmp_path) -> None:
    client = _client(tmp_path)
    for i in range(5):
        _post(client, i)
    _post(client, 0)   # the same page again is not a new page
    resp = client.get(f"/v1/rules/{SITE}/suggested")
    assert resp.status_code == 200
    assert resp.mimetype == "application/yaml"
    assert resp.headers["X-Learned-Pages"] == "5"
    rs = load_text(resp.get_data(as_text=True), "<suggested>")
    assert rs.site == SITE and rs.rules and all(r.learned and r.id.startswith("learned-") for r in rs.rules)
    text = resp.get_data(as_text=True)
    assert "# on 5/5 pages: Skip to main content" in text
    # a host name works as well as the site id
    assert client.get(f"/v1/rules/www.{SITE}/suggested").status_code == 200


def test_store_holds_hashes_and_counts_not_article_text(tmp_path) -> None:
    client = _client(tmp_path)
    for i in range(5):
        _post(client, i)
    db = sqlite3.connect(tmp_path / "learn.db")
    texts = [r[0] for r in db.execute("SELECT text FROM blocks WHERE text IS NOT NULL")]
    pages = [r[0] for r in db.execute("SELECT page FROM pages")]
    assert texts and all(t in NAV or "comments" in t or len(t) < 80 for t in texts)   # template only
    assert not any("harbour" in t.lower() for t in texts)   # no article line is ever stored
    assert all(SITE not in p and len(p) == 20 for p in pages)   # page keys are hashes, not URLs
    total = db.execute("SELECT count(*) FROM blocks").fetchone()[0]
    assert total > len(texts)   # the article lines are there only as hashes


def test_never_mode_stores_no_text_and_says_so(tmp_path) -> None:
    client = _client(tmp_path, CLEANER_LEARN_TEXT="never")
    for i in range(4):
        _post(client, i)
    db = sqlite3.connect(tmp_path / "learn.db")
    assert db.execute("SELECT count(*) FROM blocks WHERE text IS NOT NULL").fetchone()[0] == 0
    text = client.get(f"/v1/rules/{SITE}/suggested").get_data(as_text=True)
    assert "text not stored" in text
    load_text(text, "<never>")


def test_html_documents_are_recorded_too(tmp_path) -> None:
    client = _client(tmp_path)
    for i in range(4):
        _post(client, i, html=True)
    assert client.get(f"/v1/rules/{SITE}/suggested").headers["X-Learned-Pages"] == "4"


def test_learning_off_and_unknown_site(tmp_path) -> None:
    off = create_app({"CLEANER_LEARN": "off"}).test_client()
    _post(off, 0)
    resp = off.get(f"/v1/rules/{SITE}/suggested")
    assert resp.status_code == 404 and resp.get_json()["code"] == "learning_off"
    on = _client(tmp_path)
    resp = on.get("/v1/rules/nothing.example/suggested")
    assert resp.status_code == 404 and resp.mimetype == "application/problem+json"
    assert on.get(f"/v1/rules/{SITE}/suggested?min_pages=1").status_code in (400, 404)


def test_an_unreachable_store_never_fails_a_clean(caplog) -> None:
    import socket
    with socket.socket() as sock:   # a port nobody listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    app = create_app({"CLEANER_LEARN": "redis", "CLEANER_REDIS_URL": f"redis://127.0.0.1:{port}/0"})
    resp = app.test_client().post("/v1/clean", json={"content": text_page(1), "url": f"https://{SITE}/x"})
    assert resp.status_code == 200
    assert "could not record" in caplog.text
