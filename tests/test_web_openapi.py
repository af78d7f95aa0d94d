"""GET /openapi.json describes every registered route, and real responses match its schemas."""
from __future__ import annotations

import re

import pytest
from jsonschema import Draft202012Validator

from cleaner.web.app import BLUEPRINTS


def _routes(app):
    for rule in app.url_map.iter_rules():
        if rule.endpoint == "static" or rule.endpoint.endswith(".static"):
            continue  # static files of a blueprint, not API routes
        path = re.sub(r"<(?:[^:>]+:)?([^>]+)>", r"{\1}", rule.rule)
        for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
            yield path, method.lower()


def test_every_route_is_described(client, app):
    spec = client.get("/openapi.json").get_json()
    assert spec["openapi"].startswith("3.")
    routes = list(_routes(app))
    assert len(routes) >= 9 and ("/v1/clean", "post") in routes
    missing = [f"{m.upper()} {p}" for p, m in routes if m not in spec["paths"].get(p, {})]
    assert not missing, f"routes missing from cleaner/web/openapi.py: {missing}"
    described = {(p, m) for p, ops in spec["paths"].items() for m in ops}
    assert described <= set(routes), f"described but not served: {described - set(routes)}"
    assert len(BLUEPRINTS) >= 4


def _validator(spec, name):
    return Draft202012Validator({"$ref": f"#/components/schemas/{name}", "components": spec["components"]})


def test_spec_schemas_are_valid_and_refs_resolve(client):
    spec = client.get("/openapi.json").get_json()
    for name, schema in spec["components"]["schemas"].items():
        Draft202012Validator.check_schema(schema)
    for path, ops in spec["paths"].items():
        for op in ops.values():
            for resp in op["responses"].values():
                for media in resp.get("content", {}).values():
                    ref = media.get("schema", {}).get("$ref")
                    if ref:
                        assert ref.rsplit("/", 1)[1] in spec["components"]["schemas"]


@pytest.mark.parametrize("method, path, kwargs, schema", [
    ("post", "/v1/clean", {"json": {"content": "SEED", "explain": True}}, "CleanResult"),
    ("post", "/v1/clean", {"json": {"content": ""}}, "Problem"),
    ("post", "/v1/clean", {"data": b"{", "content_type": "application/json"}, "Problem"),
    ("post", "/v1/clean/batch", {"json": [{"content": "SEED"}, {"content": ""}]}, "BatchResponse"),
    ("get", "/v1/rules", {}, "RulesList"),
    ("get", "/v1/rules/independent.co.uk", {}, "RuleSet"),
    ("get", "/v1/rules/nope.invalid", {}, "Problem"),
    ("get", "/readyz", {}, "Ready"),
    ("get", "/nowhere", {}, "Problem"),
])
def test_responses_match_their_schema(client, seed_text, method, path, kwargs, schema):
    if "json" in kwargs:
        kwargs = {"json": _fill(kwargs["json"], seed_text)}
    r = getattr(client, method)(path, **kwargs)
    spec = client.get("/openapi.json").get_json()
    errors = sorted(_validator(spec, schema).iter_errors(r.get_json()), key=str)
    assert not errors, [e.message for e in errors][:5]
    request_schema = spec["components"]["schemas"]["CleanRequest"]
    assert request_schema["additionalProperties"] is False


def _fill(obj, seed):
    if isinstance(obj, list):
        return [_fill(x, seed) for x in obj]
    return {k: (seed if v == "SEED" else v) for k, v in obj.items()}
