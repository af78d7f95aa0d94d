"""Schemathesis against the service's own OpenAPI document (GET /openapi.json), in-process (WSGI).

Every operation gets generated requests (valid and invalid): no 500, and every response matches the
documented status codes, content types and schemas. Examples per operation stay modest so the suite is
fast; SCHEMATHESIS_EXAMPLES=200 digs deeper.
"""
from __future__ import annotations

import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import (content_type_conformance, not_a_server_error, response_schema_conformance,
                                 status_code_conformance)

from cleaner.ruleset import shipped_rules_dir
from cleaner.web import create_app



@schemathesis.serializer("application/x-ndjson")
def _json_lines(ctx, value) -> bytes:
    """The batch endpoint's JSON Lines body: one JSON document per line."""
    items = value if isinstance(value, list) else [value]
    return "\n".join(json.dumps(item) for item in items).encode()


EXAMPLES = int(os.environ.get("SCHEMATHESIS_EXAMPLES", "25"))
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]

app = create_app({"rules_dirs": [shipped_rules_dir()], "admin_token": "s3cret", "TESTING": True,
                  "time_budget": 5.0})
schema = schemathesis.openapi.from_wsgi("/openapi.json", app)


@schema.parametrize()
@settings(max_examples=EXAMPLES, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much, HealthCheck.data_too_large])
def test_api_conforms_to_its_openapi_document(case):
    if case.path == "/v1/admin/reload":
        pytest.skip("reloading reads rule files; covered by tests/test_faults.py")
    case.call_and_validate(checks=CHECKS)


def test_the_checks_catch_a_500_and_a_wrong_shape():
    """Guard: the same checks fail on a broken copy of the app (a 500; a 200 whose body breaks the schema)."""
    from flask import jsonify
    broken = create_app({"rules_dirs": [shipped_rules_dir()], "TESTING": True})
    broken.view_functions["health.healthz"] = lambda: (jsonify({"oops": 1}), 500)
    broken.view_functions["clean.clean_one"] = lambda: (jsonify({"text": 5}), 200)
    bad = schemathesis.openapi.from_wsgi("/openapi.json", broken)
    for case, failure in ((bad["/healthz"]["GET"].Case(), "Server error"),
                          (bad["/v1/clean"]["POST"].Case(body={"content": "x"}, media_type="application/json"),
                           "violates schema")):
        with pytest.raises(BaseException) as info:
            case.call_and_validate(checks=CHECKS)
        assert failure in str(info.value)
