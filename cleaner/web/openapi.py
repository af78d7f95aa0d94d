"""The OpenAPI 3.1 description of the service (tests check it covers every registered route)."""
from __future__ import annotations

import copy

from .. import __version__

_STR_OR_NULL = {"type": ["string", "null"]}


def _problem_response(description: str) -> dict:
    return {"description": description,
            "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}


def _json(ref: str, description: str = "OK") -> dict:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": ref}}}}


ERRORS = {
    "400": _problem_response("malformed JSON, missing `content`, or a bad member"),
    "413": _problem_response("over the size limit (CLEANER_MAX_BYTES, batch limits)"),
    "404": _problem_response("the forced `site` is not a known rule set"),
    "415": _problem_response("unsupported Content-Type, or binary content"),
    "422": _problem_response("empty, undecodable, or nothing left after cleaning (with the reason)"),
    "503": _problem_response("no rules loaded"),
    "504": _problem_response("the document exceeded its time budget (CLEANER_TIME_BUDGET)"),
}

SCHEMAS = {
    "CleanRequest": {
        "type": "object", "required": ["content"], "additionalProperties": False,
        "properties": {
            "content": {"type": "string", "description": "the HTML page or the scraped plain text"},
            "url": {**_STR_OR_NULL, "description": "picks the site rules; never fetched"},
            "content_type": {**_STR_OR_NULL, "description": "html, text, or a MIME type; detected when omitted"},
            "site": {**_STR_OR_NULL, "description": "force a site rule set (id or domain)"},
            "site_rules": {"type": "boolean", "default": True, "description": "false: generic defaults only"},
            "explain": {"type": "boolean", "default": False, "description": "include `removed` in the result"},
            "keep": {"type": "array", "items": {"type": "string"},
                     "description": "categories to keep in the text (e.g. caption, related)"},
        },
    },
    "Removal": {
        "type": "object", "required": ["text", "rule", "category"],
        "properties": {"text": {"type": "string"}, "rule": {"type": "string"}, "category": {"type": "string"},
                       "start": {"type": ["integer", "null"]}, "end": {"type": ["integer", "null"]},
                       "reason": _STR_OR_NULL},
    },
    "CleanResult": {
        "type": "object",
        "required": ["text", "title", "subtitle", "author", "date", "captions", "site", "site_match",
                     "content_type", "warnings"],
        "properties": {
            "text": {"type": "string"}, "title": _STR_OR_NULL, "subtitle": _STR_OR_NULL,
            "author": _STR_OR_NULL, "date": {**_STR_OR_NULL, "description": "ISO 8601"},
            "captions": {"type": "array", "items": {"type": "string"}},
            "site": _STR_OR_NULL, "site_match": _STR_OR_NULL,
            "content_type": {"type": "string", "enum": ["html", "text"]},
            "removed": {"type": "array", "items": {"$ref": "#/components/schemas/Removal"},
                        "description": "only when explain is true"},
            "warnings": {"type": "array", "items": {"type": "string"}},
        },
    },
    "Problem": {
        "type": "object", "required": ["type", "title", "status", "detail", "code", "instance"],
        "description": "RFC 9457 problem details; extension members may follow (e.g. removed, metadata, file, line, key)",
        "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"},
                       "detail": {"type": "string"}, "code": {"type": "string"}, "instance": _STR_OR_NULL},
    },
    "BatchResponse": {
        "type": "object", "required": ["count", "failed", "results"],
        "properties": {
            "count": {"type": "integer"}, "failed": {"type": "integer"},
            "results": {"type": "array", "items": {
                "type": "object", "required": ["index", "ok"],
                "properties": {"index": {"type": "integer"}, "ok": {"type": "boolean"},
                               "result": {"$ref": "#/components/schemas/CleanResult"},
                               "error": {"$ref": "#/components/schemas/Problem"}}}},
        },
    },
    "RuleSet": {
        "type": "object", "required": ["site", "domains", "version", "sha256", "rules"],
        "properties": {"site": {"type": "string"}, "domains": {"type": "array", "items": {"type": "string"}},
                       "aliases": {"type": "array", "items": {"type": "string"}}, "extends": _STR_OR_NULL,
                       "version": {"type": ["string", "integer"]}, "sha256": _STR_OR_NULL,
                       "file": _STR_OR_NULL, "pack": _STR_OR_NULL, "description": _STR_OR_NULL,
                       "rules": {"type": "array", "items": {"type": "object"}},
                       "effective_rules": {"type": "array", "items": {"type": "object"}}},
    },
    "RulesList": {
        "type": "object", "required": ["generation", "sites", "packs"],
        "properties": {"generation": {"type": "integer"},
                       "sites": {"type": "array", "items": {"$ref": "#/components/schemas/RuleSet"}},
                       "packs": {"type": "array", "items": {"type": "object"}}},
    },
    "Ready": {
        "type": "object", "required": ["status", "generation", "sites", "rules_error"],
        "properties": {"status": {"type": "string", "enum": ["ready", "degraded", "not_ready"]},
                       "generation": {"type": "integer"}, "loaded_at": {"type": ["number", "null"]},
                       "source": {"type": "string"}, "sites": {"type": "integer"},
                       "packs": {"type": "array", "items": {"type": "string"}},
                       "rules_error": {"oneOf": [{"type": "null"}, {"$ref": "#/components/schemas/Problem"}]}},
    },
}

_RAW_BODY = {"schema": {"type": "string"}}
_QUERY = [
    {"name": "url", "in": "query", "schema": {"type": "string"}, "description": "raw bodies: the document URL"},
    {"name": "site", "in": "query", "schema": {"type": "string"}},
    {"name": "site_rules", "in": "query", "schema": {"type": "boolean"}},
    {"name": "explain", "in": "query", "schema": {"type": "boolean"}},
    {"name": "keep", "in": "query", "schema": {"type": "array", "items": {"type": "string"}}, "explode": True},
]

PATHS = {
    "/healthz": {"get": {"summary": "Liveness", "responses": {"200": {"description": "alive"}}}},
    "/readyz": {"get": {"summary": "Readiness: rules loaded; reports the last reload error",
                        "responses": {"200": _json("#/components/schemas/Ready"),
                                      "503": _json("#/components/schemas/Ready", "no rules loaded")}}},
    "/metrics": {"get": {"summary": "Prometheus metrics (all workers)",
                         "responses": {"200": {"description": "text format",
                                               "content": {"text/plain": {"schema": {"type": "string"}}}}}}},
    "/openapi.json": {"get": {"summary": "This document", "responses": {"200": {"description": "OpenAPI"}}}},
    "/v1/clean": {"post": {
        "summary": "Clean one document",
        "description": "JSON body, or the raw document as text/html, text/plain (charset honoured) or "
                       "application/octet-stream (type and charset detected) with query parameters. "
                       "`Accept: text/plain` returns only the clean text.",
        "parameters": _QUERY,
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/CleanRequest"}},
            "text/html": _RAW_BODY, "text/plain": _RAW_BODY, "application/octet-stream": _RAW_BODY}},
        "responses": {"200": {"description": "the clean document", "content": {
            "application/json": {"schema": {"$ref": "#/components/schemas/CleanResult"}},
            "text/plain": {"schema": {"type": "string"}}}}, **ERRORS},
    }},
    "/v1/clean/batch": {"post": {
        "summary": "Clean several documents; one entry per document, a bad one gets its own error entry",
        "requestBody": {"required": True, "content": {
            "application/json": {"schema": {"type": "array",
                                            "items": {"$ref": "#/components/schemas/CleanRequest"}}},
            "application/x-ndjson": {"schema": {"type": "string", "description": "one CleanRequest per line"}}}},
        "responses": {"200": _json("#/components/schemas/BatchResponse"),
                      **{k: v for k, v in ERRORS.items() if k in ("400", "413", "415", "503")}},
    }},
    "/v1/rules": {"get": {"summary": "Site rule sets with domains, versions and sha256 of their files",
                          "responses": {"200": _json("#/components/schemas/RulesList"), "503": ERRORS["503"]}}},
    "/v1/rules/{site}": {"get": {
        "summary": "One rule set (by id or domain) with its effective rules",
        "parameters": [{"name": "site", "in": "path", "required": True, "schema": {"type": "string"}}],
        "responses": {"200": _json("#/components/schemas/RuleSet"),
                      "404": _problem_response("no such rule set"), "503": ERRORS["503"]}}},
    "/v1/rules/{site}/suggested": {"get": {
        "summary": "A rule file proposed from the blocks that repeat across the site's cleaned documents",
        "description": "Needs CLEANER_LEARN=sqlite|redis (learning from traffic). Review it before use: rules are "
                       "marked `learned:` with the evidence (pages per block) as comments.",
        "parameters": [{"name": "site", "in": "path", "required": True, "schema": {"type": "string"}},
                       {"name": "min_pages", "in": "query", "schema": {"type": "integer", "minimum": 2}}],
        "responses": {"200": {"description": "the proposed rule file",
                              "content": {"application/yaml": {"schema": {"type": "string"}}}},
                      "400": _problem_response("min_pages below 2"),
                      "404": _problem_response("learning is off, or no documents of the site recorded")}}},
    "/v1/admin/reload": {"post": {
        "summary": "Reload rule files (Bearer CLEANER_ADMIN_TOKEN); off (404) when no token is configured",
        "security": [{"bearer": []}],
        "responses": {"200": {"description": "reloaded; under gunicorn every worker restarts gracefully"},
                      "401": _problem_response("missing or wrong token"),
                      "404": _problem_response("admin endpoints are off"),
                      "409": _problem_response("rule files invalid; the last good rules stay in service")}}},
    # Rule playground (cleaner/web/playground): a page, and dry runs that never save and never fetch a URL.
    "/": {"get": {"summary": "Redirects to the rule playground", "responses": {"302": {"description": "to /playground"}}}},
    "/playground": {"get": {"summary": "Rule playground page (HTML; CSS and JS from /playground/static)",
                            "responses": {"200": {"description": "HTML", "content": {"text/html": _RAW_BODY}}}}},
    "/playground/static/{name}": {"get": {
        "summary": "The playground's stylesheet and script",
        "parameters": [{"name": "name", "in": "path", "required": True,
                        "schema": {"enum": ["playground.css", "playground.js"]}}],
        "responses": {"200": {"description": "CSS or JavaScript"}, "404": _problem_response("no such file")}}},
    "/v1/playground/seed": {"get": {"summary": "The example document (a scraped article), as text",
                                    "responses": {"200": {"description": "text",
                                                          "content": {"text/plain": _RAW_BODY}}}}},
    "/v1/playground/rules": {"get": {
        "summary": "A site's rule file text for the editor, or a template for a new site",
        "parameters": [{"name": "site", "in": "query", "schema": {"type": "string"}}],
        "responses": {"200": {"description": "{site, exists, file, yaml}",
                              "content": {"application/json": {"schema": {"type": "object"}}}},
                      "503": ERRORS["503"]}}},
    "/v1/playground/clean": {"post": {
        "summary": "Dry run: clean a document with an edited rule file applied in memory (never saved)",
        "description": "Body: {content | content_base64, url, site, site_rules, content_type, keep, rules_yaml}. "
                       "Answers {result, original: {text, kind, spans, outside, unplaced}, match, rules, notes}. "
                       "An invalid rule file is a 400 rule_error problem with `line`, `key` and `message`.",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"200": {"description": "the result and where each removed span sits in the original",
                              "content": {"application/json": {"schema": {"type": "object"}}}},
                      **{k: v for k, v in ERRORS.items() if k != "415"}}}},
    "/v1/playground/export": {"post": {
        "summary": "The edited rule file with a test case filled in from the document, checked against it",
        "requestBody": {"required": True, "content": {"application/json": {"schema": {"type": "object"}}}},
        "responses": {"200": {"description": "{filename, yaml, tests, test_failures}",
                              "content": {"application/json": {"schema": {"type": "object"}}}},
                      **{k: v for k, v in ERRORS.items() if k != "415"}}}},
}


def spec() -> dict:
    """The OpenAPI document (a fresh copy)."""
    return {
        "openapi": "3.1.0",
        "info": {"title": "cleaner", "version": __version__,
                 "description": "Strip boilerplate from scraped HTML or plain text; every error is RFC 9457 "
                                "problem details (application/problem+json)."},
        "paths": copy.deepcopy(PATHS),
        "components": {"schemas": copy.deepcopy(SCHEMAS),
                       "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}}},
    }
