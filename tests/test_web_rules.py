"""Rules listing, admin reload (token, broken files), health/readiness and metrics."""
from __future__ import annotations

import hashlib

from prometheus_client.parser import text_string_to_metric_families

from cleaner import clean
from cleaner.ruleset import shipped_rules_dir
from cleaner.web import create_app

from .conftest import DOC, SITE_RULE



def _admin_app(rules_dir):
    return create_app({"rules_dirs": [shipped_rules_dir(), rules_dir], "admin_token": "s3cret"})


def test_rules_list_has_sites_domains_versions_and_hashes(client):
    body = client.get("/v1/rules").get_json()
    sites = {s["site"]: s for s in body["sites"]}
    ind = sites["independent.co.uk"]
    assert "independent.co.uk" in ind["domains"]
    assert ind["sha256"] == hashlib.sha256((shipped_rules_dir() / "independent.co.uk.yaml").read_bytes()).hexdigest()
    assert str(ind["version"])
    assert body["sites"][0]["site"] == "defaults"


def test_rules_get_by_site_or_domain(client):
    a = client.get("/v1/rules/independent.co.uk").get_json()
    b = client.get("/v1/rules/www.independent.co.uk").get_json()
    assert a["site"] == b["site"] == "independent.co.uk"
    qids = [r["id"] for r in a["effective_rules"]]
    assert "independent.co.uk:forum-prompt" in qids and "defaults:login-notice" in qids
    r = client.get("/v1/rules/nowhere.invalid")
    assert r.status_code == 404 and r.mimetype == "application/problem+json"


def test_admin_reload_is_off_without_a_token(client):
    r = client.post("/v1/admin/reload", headers={"Authorization": "Bearer anything"})
    assert r.status_code == 404 and r.get_json()["code"] == "not_found"


def test_admin_reload_requires_the_token(write_rules):
    d = write_rules({"example.org.yaml": SITE_RULE.format(version=1, phrase="Buy our premium plan")})
    c = _admin_app(d).test_client()
    for headers in ({}, {"Authorization": "Bearer wrong"}, {"Authorization": "Basic s3cret"}):
        r = c.post("/v1/admin/reload", headers=headers)
        assert r.status_code == 401 and r.mimetype == "application/problem+json"
        assert r.headers["WWW-Authenticate"].startswith("Bearer")


def test_admin_reload_picks_up_new_rules_and_keeps_last_good_on_error(write_rules):
    d = write_rules({"example.org.yaml": SITE_RULE.format(version=1, phrase="Buy our premium plan")})
    c = _admin_app(d).test_client()
    auth = {"Authorization": "Bearer s3cret"}
    doc = {"content": DOC, "url": "https://example.org/a"}
    assert "premium" not in c.post("/v1/clean", json=doc).get_json()["text"]

    write_rules({"example.org.yaml": SITE_RULE.format(version=2, phrase="Second paragraph")})
    r = c.post("/v1/admin/reload", headers=auth)
    assert r.status_code == 200 and r.get_json()["generation"] == 2
    text = c.post("/v1/clean", json=doc).get_json()["text"]
    assert "premium" in text and "Second paragraph" not in text
    assert str(c.get("/v1/rules/example.org").get_json()["version"]).split("#")[0] == "2"

    write_rules({"example.org.yaml": SITE_RULE.format(version=3, phrase="x") + "  - id: bad\n    op: nosuch\n"})
    r = c.post("/v1/admin/reload", headers=auth)
    body = r.get_json()
    assert r.status_code == 409 and body["code"] == "rules_invalid"
    assert body["rule_error"]["file"].endswith("example.org.yaml") and body["rule_error"]["line"] == 10
    ready = c.get("/readyz")
    assert ready.status_code == 200
    assert ready.get_json()["status"] == "degraded"
    assert ready.get_json()["rules_error"]["file"].endswith("example.org.yaml")
    # still the last good rules (generation 2)
    text = c.post("/v1/clean", json=doc).get_json()["text"]
    assert "premium" in text and "Second paragraph" not in text

    write_rules({"example.org.yaml": SITE_RULE.format(version=4, phrase="Buy our premium plan")})
    assert c.post("/v1/admin/reload", headers=auth).status_code == 200
    assert c.get("/readyz").get_json()["status"] == "ready"


def test_healthz_and_readyz(client):
    assert client.get("/healthz").get_json() == {"status": "ok"}
    ready = client.get("/readyz").get_json()
    assert ready["status"] == "ready" and ready["sites"] >= 1 and ready["rules_error"] is None


def _samples(text: str) -> dict:
    out = {}
    for fam in text_string_to_metric_families(text):
        for s in fam.samples:
            out[(s.name, tuple(sorted(s.labels.items())))] = s.value
    return out


def test_metrics_count_requests_documents_and_rules(client, seed_text):
    before = _samples(client.get("/metrics").get_data(as_text=True))
    for _ in range(2):
        assert client.post("/v1/clean", json={"content": seed_text}).status_code == 200
    client.post("/v1/clean", json={"content": ""})
    r = client.get("/metrics")
    assert r.status_code == 200 and r.mimetype == "text/plain"
    after = _samples(r.get_data(as_text=True))

    def delta(name, **labels):
        key = (name, tuple(sorted(labels.items())))
        return after.get(key, 0) - before.get(key, 0)

    assert delta("cleaner_http_requests_total", endpoint="/v1/clean", method="POST", status="200") == 2
    assert delta("cleaner_http_requests_total", endpoint="/v1/clean", method="POST", status="422") == 1
    assert delta("cleaner_http_request_duration_seconds_count", endpoint="/v1/clean", method="POST",
                 status="200") == 2
    assert delta("cleaner_documents_total", site="independent.co.uk", mode="text", outcome="ok") == 2
    assert delta("cleaner_documents_total", site="unknown", mode="unknown", outcome="empty_input") == 1
    spans = [x for x in clean(seed_text).removed if x.rule == "independent.co.uk:forum-prompt"]
    assert spans
    assert delta("cleaner_rule_fired_total", rule="independent.co.uk:forum-prompt") == 2 * len(spans)
    assert delta("cleaner_rule_removed_chars_total", rule="independent.co.uk:forum-prompt") == 2 * sum(
        len(x.text) for x in spans)
    # a rule that did not fire is visible at 0 (rule health), not absent
    assert ("cleaner_rule_fired_total", (("rule", "defaults:cookie"),)) in after
