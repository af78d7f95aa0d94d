"""POST /v1/clean and /v1/clean/batch through Flask's test client, on the seed and real bad input."""
from __future__ import annotations

import json

from .conftest import SEED_URL

GOLDEN_FIELDS = ("title", "subtitle", "author", "date", "captions", "site")


def test_clean_json_seed_matches_golden(client, seed_text, golden):
    r = client.post("/v1/clean", json={"content": seed_text})
    assert r.status_code == 200
    assert r.mimetype == "application/json"
    body = r.get_json()
    assert body["text"] == golden["text"]
    for field in GOLDEN_FIELDS:
        assert body[field] == golden[field], field
    assert body["site_match"] == "detect"
    assert "removed" not in body  # only with explain


def test_clean_json_explain_lists_removed_spans_with_rules(client, seed_text):
    r = client.post("/v1/clean", json={"content": seed_text, "url": SEED_URL, "explain": True})
    body = r.get_json()
    assert body["site_match"] == "parent"
    rules = {x["rule"] for x in body["removed"]}
    assert {"independent.co.uk:forum-prompt", "independent.co.uk:related-teaser", "defaults:login-notice"} <= rules
    assert all(set(x) == {"text", "rule", "category", "start", "end", "reason"} for x in body["removed"])


def test_clean_json_generic_mode_and_keep(client, seed_text, golden):
    generic = client.post("/v1/clean", json={"content": seed_text, "site_rules": False}).get_json()
    assert generic["site"] is None
    assert "Join our commenting forum" not in generic["text"]
    kept = client.post("/v1/clean", json={"content": seed_text, "keep": ["caption"]}).get_json()
    assert golden["captions"][0] in kept["text"]
    assert golden["captions"][0] not in golden["text"]


def test_clean_raw_text_body_with_query_and_accept_text(client, seed_bytes, golden):
    r = client.post(f"/v1/clean?url={SEED_URL}", data=seed_bytes, content_type="text/plain; charset=utf-8",
                    headers={"Accept": "text/plain"})
    assert r.status_code == 200
    assert r.mimetype == "text/plain"
    assert r.get_data(as_text=True) == golden["text"] + "\n"


def test_clean_raw_body_charset_is_honoured(client, seed_text, golden):
    # The seed has curly quotes and a pound sign: only a correct cp1252 decode gives the golden text back.
    data = seed_text.encode("cp1252", errors="strict")
    r = client.post("/v1/clean", data=data, content_type="text/plain; charset=windows-1252")
    assert r.status_code == 200
    assert r.get_json()["text"] == golden["text"]


def test_clean_raw_html_body(client):
    html = ("<html><head><title>Storm hits the coast</title></head><body><nav><a href='/'>Home</a></nav>"
            "<article><h1>Storm hits the coast</h1><p>" + "The storm reached the coast on Monday night. " * 8 +
            "</p><p>" + "Residents were told to stay indoors until the wind dropped. " * 6 +
            "</p><p>Join our commenting forum</p></article></body></html>")
    r = client.post("/v1/clean?explain=1&url=https://example.com/storm", data=html.encode(),
                    content_type="text/html")
    body = r.get_json()
    assert r.status_code == 200, body
    assert body["content_type"] == "html"
    assert body["title"] == "Storm hits the coast"
    assert "stay indoors" in body["text"] and "commenting forum" not in body["text"]
    # explained in `removed` by the comment-prompt rule, even when the block model took it out of the article
    # before that rule ran
    prompt = [x for x in body["removed"] if "Join our commenting forum" in x["text"]]
    assert [(x["rule"], x["category"]) for x in prompt] == [("defaults:comment-prompt", "comment_prompt")]


def test_clean_octet_stream_detects_type_and_charset(client, seed_text, golden):
    r = client.post("/v1/clean", data=seed_text.encode("utf-16"), content_type="application/octet-stream")
    assert r.status_code == 200
    assert r.get_json()["text"] == golden["text"]


def test_batch_json_array_with_bad_documents_inside(client, seed_text, golden):
    docs = [{"content": seed_text}, {"content": ""}, {"url": "https://x.org/"}, "just a string",
            {"content": "Join our commenting forum"}, {"content": seed_text, "site_rules": False, "explain": True}]
    r = client.post("/v1/clean/batch", json=docs)
    assert r.status_code == 200
    body = r.get_json()
    assert body["count"] == 6 and body["failed"] == 4
    res = body["results"]
    assert [x["index"] for x in res] == list(range(6))
    assert [x["ok"] for x in res] == [True, False, False, False, False, True]
    assert res[0]["result"]["text"] == golden["text"]
    assert [res[i]["error"]["code"] for i in (1, 2, 3, 4)] == ["empty_input", "bad_request", "bad_request",
                                                              "nothing_left"]
    assert res[1]["error"]["status"] == 422 and res[4]["error"]["status"] == 422
    assert "comment-prompt" in res[4]["error"]["detail"]  # the reason: which rule removed everything
    assert "removed" in res[5]["result"] and "removed" not in res[0]["result"]


def test_batch_json_lines_with_a_malformed_line(client, seed_text, golden):
    lines = [json.dumps({"content": seed_text}), "{not json", json.dumps({"content": seed_text, "url": SEED_URL})]
    r = client.post("/v1/clean/batch", data="\n".join(lines) + "\n", content_type="application/x-ndjson")
    body = r.get_json()
    assert [x["ok"] for x in body["results"]] == [True, False, True]
    assert "line 2" in body["results"][1]["error"]["detail"]
    assert body["results"][2]["result"]["site_match"] == "parent"


def test_batch_object_wrapper_is_accepted(client, seed_text):
    r = client.post("/v1/clean/batch", json={"documents": [{"content": seed_text}]})
    assert r.get_json()["results"][0]["ok"] is True


def test_after_clean_hooks_see_every_result_and_cannot_break_a_request(app, client, seed_text):
    seen = []
    app.extensions["cleaner"].after_clean.append(lambda doc, result: seen.append((doc.url, result.site)))
    app.extensions["cleaner"].after_clean.append(lambda doc, result: 1 / 0)
    r = client.post("/v1/clean", json={"content": seed_text, "url": SEED_URL})
    assert r.status_code == 200
    client.post("/v1/clean/batch", json=[{"content": seed_text}, {"content": ""}])
    assert seen == [(SEED_URL, "independent.co.uk"), (None, "independent.co.uk")]
