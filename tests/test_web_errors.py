"""Every error is RFC 9457 problem details with one key set; bad input never yields a 500."""
from __future__ import annotations

import time

import pytest

from cleaner.errors import TimeBudgetError
from cleaner.ruleset import shipped_rules_dir
from cleaner.web import create_app
from cleaner.web.deadline import hard_limit

BASE_KEYS = {"type", "title", "status", "detail", "code", "instance"}


def _problem(r, status: int, code: str, extra: frozenset = frozenset()) -> dict:
    assert r.status_code == status, r.get_data(as_text=True)
    assert r.mimetype == "application/problem+json"
    body = r.get_json()
    assert set(body) == BASE_KEYS | extra
    assert body["status"] == status and body["code"] == code
    assert body["type"] == f"https://cleaner.dev/problems/{code}"
    assert isinstance(body["title"], str) and body["title"]
    assert isinstance(body["detail"], str) and body["detail"]
    return body


@pytest.mark.parametrize("data, ctype, code", [
    (b"{broken", "application/json", "bad_request"),
    (b"[1, 2]", "application/json", "bad_request"),
    (b"{}", "application/json", "bad_request"),
    (b'{"content": 5}', "application/json", "bad_request"),
    (b'{"content": "x", "explain": "yes"}', "application/json", "bad_request"),
    (b'{"content": "x", "keep": [1]}', "application/json", "bad_request"),
    (b'{"content": "x", "colour": "red"}', "application/json", "bad_request"),
    (b"\xff\xfe{", "application/json", "bad_request"),
])
def test_400_bad_json(client, data, ctype, code):
    body = _problem(client.post("/v1/clean", data=data, content_type=ctype), 400, code)
    assert body["instance"] == "/v1/clean"


def test_400_names_the_missing_member(client):
    body = _problem(client.post("/v1/clean", json={"url": "https://a.org"}), 400, "bad_request")
    assert "content" in body["detail"]


def test_413_over_the_size_limit():
    app = create_app({"rules_dirs": [shipped_rules_dir()], "max_bytes": 1000, "batch_max_docs": 2})
    c = app.test_client()
    body = _problem(c.post("/v1/clean", data=b"word " * 400, content_type="text/plain"), 413, "too_large",
                    frozenset({"limit"}))
    assert body["limit"] == 1000
    _problem(c.post("/v1/clean/batch", json=[{"content": "a"}] * 3), 413, "too_large", frozenset({"limit"}))
    # one oversized document inside a batch fails alone
    r = c.post("/v1/clean/batch", json=[{"content": "word " * 300}, {"content": "x" * 10}])
    assert r.get_json()["results"][0]["error"]["code"] == "too_large"


@pytest.mark.parametrize("ctype", ["image/png", "application/xml", None])
def test_415_unsupported_media_type(client, ctype):
    kwargs = {"content_type": ctype} if ctype else {}
    _problem(client.post("/v1/clean", data=b"<a>hello</a>", **kwargs), 415, "unsupported_media_type")


def test_415_binary_content(client):
    _problem(client.post("/v1/clean", data=bytes(range(32)) * 50, content_type="application/octet-stream"),
             415, "unsupported_content")


def test_422_undecodable(client):
    _problem(client.post("/v1/clean", data=bytes(range(128, 256)) * 20, content_type="application/octet-stream"),
             422, "undecodable")


@pytest.mark.parametrize("content", ["", "   \n\n  "])
def test_422_empty(client, content):
    _problem(client.post("/v1/clean", json={"content": content}), 422, "empty_input")


def test_422_nothing_left_says_why(client):
    body = _problem(client.post("/v1/clean", json={"content": "Join our commenting forum\n\nThank you for "
                                                               "registering"}),
                    422, "nothing_left", frozenset({"removed"}))
    assert "defaults:comment-prompt" in body["detail"]
    assert body["removed"] == 2


def test_404_unknown_site_forced(client):
    _problem(client.post("/v1/clean", json={"content": "Some text here.", "site": "no-such.example"}),
             404, "unknown_site")


def test_415_bad_content_type_member(client):
    _problem(client.post("/v1/clean", json={"content": "Some text here.", "content_type": "image/png"}),
             415, "unsupported_content")


def test_flask_own_404_405_in_problem_shape(client):
    _problem(client.get("/no/such/path"), 404, "not_found")
    r = client.get("/v1/clean")
    _problem(r, 405, "method_not_allowed")
    assert "POST" in r.headers["Allow"]


def test_504_time_budget_exceeded(seed_text):
    app = create_app({"rules_dirs": [shipped_rules_dir()], "time_budget": 1e-6})
    body = _problem(app.test_client().post("/v1/clean", json={"content": seed_text}), 504, "time_budget_exceeded")
    assert "time budget" in body["detail"]


def test_hard_limit_interrupts_a_busy_loop():
    t0 = time.monotonic()
    with pytest.raises(TimeBudgetError):
        with hard_limit(0.05):
            while True:
                pass
    assert time.monotonic() - t0 < 5
    # and is disarmed afterwards
    time.sleep(0.7)


def test_503_when_no_rules_could_be_loaded(tmp_path):
    (tmp_path / "_defaults.yaml").write_text("rules: [ {id: x, op: nosuch}\n")
    app = create_app({"rules_dirs": [tmp_path]})
    c = app.test_client()
    r = c.get("/readyz")
    assert r.status_code == 503 and r.get_json()["rules_error"]["code"] == "rule_error"
    _problem(c.post("/v1/clean", json={"content": "Some text."}), 503, "rules_unavailable")
    assert c.get("/healthz").status_code == 200


def test_hostile_inputs_never_500(client):
    nested = "<div>" * 5000 + "deep text" + "</div>" * 5000
    for data, ctype in [(nested.encode(), "text/html"), (b"\x00" * 100, "text/plain"),
                        ("a\ud800b".encode("utf-8", "surrogatepass"), "text/plain; charset=utf-8"),
                        (b"<html><body>" + b"<p>x" * 2000, "text/html"),
                        (b"text", "text/plain; charset=no-such-charset")]:
        r = client.post("/v1/clean", data=data, content_type=ctype)
        assert r.status_code < 500, (data[:30], r.get_data(as_text=True)[:300])
        if r.status_code >= 400:
            assert r.mimetype == "application/problem+json"


def test_flask_own_413_in_problem_shape(app):
    # Werkzeug's own limit (MAX_CONTENT_LENGTH) on a route that reads the body without a tighter limit
    from flask import request
    app.add_url_rule("/_read", "read", lambda: str(len(request.get_data())), methods=["POST"])
    app.config["MAX_CONTENT_LENGTH"] = 100
    r = app.test_client().post("/_read", data=b"x" * 1000)
    _problem(r, 413, "too_large")


def test_batch_415_and_400_shapes(client):
    _problem(client.post("/v1/clean/batch", data=b"a,b", content_type="text/csv"), 415, "unsupported_media_type")
    _problem(client.post("/v1/clean/batch", json={"content": "x"}), 400, "bad_request")
    _problem(client.post("/v1/clean/batch", data=b"[", content_type="application/json"), 400, "bad_request")


def test_bad_numeric_setting_names_the_variable():
    from cleaner.web.config import Settings
    with pytest.raises(ValueError, match="CLEANER_MAX_BYTES='lots'"):
        Settings.from_env({"CLEANER_MAX_BYTES": "lots"})
    with pytest.raises(ValueError, match="CLEANER_TIME_BUDGET must be positive"):
        Settings.from_env({"CLEANER_TIME_BUDGET": "0"})
    s = Settings.from_env({"CLEANER_ADMIN_TOKEN": "t", "CLEANER_RULE_PACKS": "off", "CLEANER_BATCH_MAX_DOCS": "7"})
    assert (s.admin_token, s.rule_packs, s.batch_max_docs, s.max_bytes) == ("t", False, 7, 5_000_000)


def test_422_nothing_left_carries_the_pages_metadata(client):
    shell = ('<html><head><title>Spring sale | Example Shop</title><meta property="og:title" content="Spring '
             'sale"></head><body><div id="root"></div></body></html>')
    body = _problem(client.post("/v1/clean", json={"content": shell, "content_type": "html"}),
                    422, "nothing_left", frozenset({"removed", "metadata"}))
    assert body["metadata"]["title"] == "Spring sale"
