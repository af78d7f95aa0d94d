"""The Flask app factory. Routes live in blueprints listed in BLUEPRINTS."""
from __future__ import annotations

import importlib
import logging
from collections.abc import Callable
from dataclasses import dataclass, field

from flask import Flask

from . import errors, metrics
from .config import Settings
from .rules_state import RulesState

# Every blueprint the service serves, as "module:attribute". To add routes, append one line here
# (and describe the paths in cleaner/web/openapi.py: a test checks every route is documented).
BLUEPRINTS = [
    "cleaner.web.routes_health:bp",
    "cleaner.web.routes_clean:bp",
    "cleaner.web.routes_rules:bp",
    "cleaner.web.learn_routes:bp",
    "cleaner.web.metrics:bp",
    "cleaner.web.playground:bp",
]


@dataclass
class WebState:
    """Per-app state, at app.extensions["cleaner"]."""

    settings: Settings
    rules: RulesState
    # Called after every successful clean as hook(doc_request, result); e.g. traffic recording.
    after_clean: list[Callable] = field(default_factory=list)


def _load(spec: str):
    module, _, attr = spec.partition(":")
    return getattr(importlib.import_module(module), attr)


def create_app(config: dict | None = None) -> Flask:
    """Build the service. config overrides Settings fields (e.g. max_bytes, rules_dirs, admin_token)."""
    settings = Settings.from_env().updated(config)
    app = Flask("cleaner.web")
    app.config.update(settings.extra)
    app.config["CLEANER_TIME_BUDGET"] = settings.time_budget
    # Werkzeug's own ceiling; the routes apply the tighter per-endpoint limits.
    app.config["MAX_CONTENT_LENGTH"] = max(settings.max_bytes, settings.batch_max_bytes)
    app.json.sort_keys = False
    logging.getLogger("cleaner").setLevel(settings.log_level.upper())

    rules = RulesState(settings.rules_dirs, settings.rule_packs)
    rules.load()  # a failure is reported by /readyz (503) and by every clean request (503)
    if rules.registry is not None:
        metrics.declare_rules([r.qid for rs in rules.registry.sets.values() for r in rs.rules])
    state = WebState(settings=settings, rules=rules)
    app.extensions["cleaner"] = state
    app.extensions["cleaner_registry"] = lambda: state.rules.registry  # for blueprints that want rules

    errors.register(app)
    metrics.install(app)
    for spec in BLUEPRINTS:
        app.register_blueprint(_load(spec))
    return app
