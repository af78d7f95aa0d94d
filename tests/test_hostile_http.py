"""Hostile requests over HTTP: no SSRF surface, admin endpoints locked, hostile documents get a clear answer
from the real service (gunicorn) within their time budget, and the workers stay up (same pids after)."""
from __future__ import annotations

import gzip
import http.server
import json
import threading
import time

import psutil
import pytest
import requests

from cleaner.ruleset import shipped_rules_dir
from cleaner.web import create_app

from .test_serve import start_server, stop_server

PARA = ("The council approved the new budget on Tuesday after a long debate about schools, roads and the "
        "future of the old library, which has been closed since the storm damaged its roof last winter.")


# --- no SSRF surface -----------------------------------------------------------------------------------

class _Recorder(http.server.BaseHTTPRequestHandler):
    hits: list[str] = []

    def _any(self):
        _Recorder.hits.append(f"{self.command} {self.path}")
        body = b"<html><body><p>FETCHED-BY-SERVER secret internal page</p></body></html>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    do_GET = do_POST = do_HEAD = _any

    def log_message(self, *args):
        pass


@pytest.fixture
def canary():
    """A local HTTP server that records every request it gets; yields its base URL."""
    _Recorder.hits = []
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Recorder)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _documents_pointing_at(base: str) -> list[str]:
    return [
        f"<html><head><base href='{base}/base/'><link rel=stylesheet href='{base}/css'>"
        f"<meta http-equiv=refresh content='0; url={base}/refresh'>"
        f"<script type='application/ld+json'>{{\"@context\": \"{base}/ctx\", \"@type\": \"NewsArticle\", "
        f"\"headline\": \"Budget\", \"image\": \"{base}/ld-image\", \"url\": \"{base}/ld-url\"}}</script></head>"
        f"<body><article><img src='{base}/img'><iframe src='{base}/frame'></iframe><p>{PARA}</p>"
        f"<a href='{base}/link'>next page</a><object data='{base}/obj'></object></article></body></html>",
        f"<?xml version='1.0'?><!DOCTYPE html [<!ENTITY ext SYSTEM '{base}/xxe'>"
        f"<!ENTITY file SYSTEM 'file:///etc/passwd'>]><html><body><p>{PARA} &ext; &file;</p></body></html>",
        f"{PARA}\n\nRead the full story at {base}/story\n\n{PARA}",
    ]


def test_the_service_never_fetches_urls_from_requests(canary):
    app = create_app({"rules_dirs": [shipped_rules_dir()], "admin_token": "s3cret", "TESTING": True})
    c = app.test_client()
    docs = _documents_pointing_at(canary)
    for doc in docs:
        for url in (f"{canary}/page", canary):
            r = c.post("/v1/clean", json={"content": doc, "url": url, "explain": True})
            assert r.status_code in (200, 422), r.get_data(as_text=True)[:300]
            body = r.get_data(as_text=True)
            assert "FETCHED-BY-SERVER" not in body and "root:x:0" not in body
            c.post(f"/v1/clean?url={url}/raw", data=doc.encode(), content_type="text/html")
        c.post("/v1/clean/batch", json=[{"content": doc, "url": canary + "/batch"}])
        c.post("/v1/playground/clean", json={"content": doc, "url": canary + "/pg"})
        c.post("/v1/playground/export", json={"content": doc, "url": canary + "/export"})
    # a request that is nothing but a URL is text to clean, not something to fetch
    c.post("/v1/clean", json={"content": canary + "/only-a-url", "url": canary + "/only-a-url"})
    c.get(f"/v1/rules/{canary.split('//')[1]}")
    c.get("/v1/rules/127.0.0.1/suggested")
    time.sleep(0.5)
    assert _Recorder.hits == []


# --- admin endpoints need the token ---------------------------------------------------------------------

def _admin_routes(app) -> list[tuple[str, str]]:
    routes = [(rule.rule, sorted(rule.methods - {"HEAD", "OPTIONS"})[0]) for rule in app.url_map.iter_rules()
              if "/admin/" in rule.rule]
    assert routes, "expected at least /v1/admin/reload"
    return routes


def test_every_admin_endpoint_refuses_requests_without_the_token():
    off = create_app({"rules_dirs": [shipped_rules_dir()], "admin_token": None, "TESTING": True})
    on = create_app({"rules_dirs": [shipped_rules_dir()], "admin_token": "s3cret", "TESTING": True})
    for path, method in _admin_routes(on):
        for headers in ({}, {"Authorization": "Bearer s3cret"}):  # not configured: off for everyone
            assert off.test_client().open(path, method=method, headers=headers).status_code == 404
        for headers in ({}, {"Authorization": "Bearer "}, {"Authorization": "Bearer s3cre"},
                        {"Authorization": "Bearer s3cretX"}, {"Authorization": "Basic s3cret"},
                        {"Authorization": "s3cret"}, {"X-Admin-Token": "s3cret"}):
            r = on.test_client().open(path, method=method, headers=headers, query_string={"token": "s3cret"})
            assert r.status_code == 401, (path, headers, r.status_code)
            assert r.mimetype == "application/problem+json"


# --- hostile documents against the real service ----------------------------------------------------------

def _hostile() -> list[tuple[str, bytes, dict]]:
    J = {"Content-Type": "application/json"}
    zeros = gzip.compress(b"<p>" + b"a" * 30_000_000 + b"</p>")  # 30 MB behind ~30 KB
    return [
        ("nested-100k", ("<html><body>" + "<div>" * 100_000 + PARA + "</div>" * 100_000).encode(),
         {"Content-Type": "text/html"}),
        ("too-large-6MB", b"x" * 6_000_000, {"Content-Type": "text/plain"}),
        ("million-lines", b"x\n" * 1_000_000, {"Content-Type": "text/plain"}),
        ("repetitive-markup", b"<html><body>" + b"<p>lol</p>" * 400_000 + b"</body></html>", {"Content-Type": "text/html"}),
        ("gzip-bomb", zeros, {"Content-Type": "text/html", "Content-Encoding": "gzip"}),
        ("invalid-utf8", PARA.encode().replace(b"budget", b"bud\xff\xfeget"), {"Content-Type": "text/plain; charset=utf-8"}),
        ("utf16-no-bom", (PARA + "\n\n" + PARA).encode("utf-16-le"), {"Content-Type": "text/plain"}),
        ("utf16-bom", (PARA + "\n\n" + PARA).encode("utf-16"), {"Content-Type": "application/octet-stream"}),
        ("nul-bytes", b"\x00".join(PARA.encode()[i:i + 40] for i in range(0, len(PARA), 40)), {"Content-Type": "text/plain"}),
        ("nul-dense", b"\x00".join(PARA.encode()[i:i + 3] for i in range(0, len(PARA), 3)), {"Content-Type": "text/plain"}),
        ("charset-lie", PARA.replace("budget", "café").encode("cp1252"), {"Content-Type": "text/plain; charset=utf-8"}),
        ("json-deep", b'{"content": ' + b"[" * 100_000 + b"]" * 100_000 + b"}", J),
        ("json-huge-number", b'{"content": "x", "site_rules": 1' + b"0" * 100_000 + b"}", J),
        ("json-lone-surrogate", b'{"content": "a\\ud800b ' + PARA.encode() + b'"}', J),
        ("batch-flood", json.dumps([{"content": PARA}] * 5000).encode(), J),
        ("header-flood", PARA.encode(), {"Content-Type": "text/plain", **{f"X-H{i}": "v" * 100 for i in range(90)}}),
    ]


@pytest.mark.slow
def test_hostile_documents_over_http_get_clear_answers_and_workers_stay_up(tmp_path):
    proc, base, log_path = start_server(tmp_path, {"CLEANER_TIME_BUDGET": "3", "CLEANER_WORKERS": "2"})
    try:
        workers = {c.pid for c in psutil.Process(proc.pid).children()}
        seen = {}
        for name, body, headers in _hostile():
            started = time.monotonic()
            r = requests.post(base + "/v1/clean", data=body, headers=headers, timeout=60)
            elapsed = time.monotonic() - started
            seen[name] = r.status_code
            # a result, a clear 4xx, or 504 "time budget exceeded" (issue 3's status for that); never a 500
            assert r.status_code == 200 or 400 <= r.status_code < 500 or (
                r.status_code == 504 and r.json()["code"] == "time_budget_exceeded"), (name, r.status_code, r.text[:300])
            if r.status_code != 200:
                assert r.headers["Content-Type"].startswith("application/problem+json"), name
                assert r.json()["detail"], name
            assert elapsed < 3 + 30, (name, elapsed)
            assert "FETCHED" not in r.text
        assert seen["too-large-6MB"] == 413 and seen["gzip-bomb"] in (400, 415, 422)
        assert seen["invalid-utf8"] == seen["utf16-no-bom"] == seen["utf16-bom"] == seen["nul-bytes"] == 200
        r = requests.post(base + "/v1/clean", json={"content": PARA + "\n\n" + PARA}, timeout=30)
        assert r.status_code == 200 and PARA in r.json()["text"]
        assert {c.pid for c in psutil.Process(proc.pid).children()} == workers, "a worker died or was replaced"
    finally:
        assert stop_server(proc) == 0
    assert "Traceback" not in log_path.read_text(errors="replace")


def test_json_nested_100k_deep_is_a_400_on_every_post_endpoint():
    """json.loads raises RecursionError (not ValueError) on [[[[...: that was a 500 on /v1/clean and the
    playground endpoints."""
    app = create_app({"rules_dirs": [shipped_rules_dir()], "admin_token": "s3cret"})
    c = app.test_client()
    deep = b'{"content": ' + b"[" * 100_000 + b"]" * 100_000 + b"}"
    posts = [r.rule for r in app.url_map.iter_rules() if "POST" in r.methods and "/admin/" not in r.rule]
    assert "/v1/clean" in posts and "/v1/clean/batch" in posts
    for path in posts:
        for ctype in ("application/json", "application/x-ndjson"):
            r = c.post(path, data=deep, content_type=ctype)
            assert 400 <= r.status_code < 500 or (r.status_code == 200 and path == "/v1/clean/batch"), (path, ctype)
            if r.status_code == 200:  # JSON Lines batch: the bad line gets its own 400 entry
                assert r.get_json()["results"][0]["error"]["status"] == 400
