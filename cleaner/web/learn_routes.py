"""Learning from traffic: record block hashes of every cleaned document; GET /v1/rules/<site>/suggested.

Off unless CLEANER_LEARN=sqlite|redis (environment, or create_app(config) keys of the same names);
see cleaner/learn/traffic.py for the other settings.
"""
from __future__ import annotations

import logging
import os

from flask import Blueprint, Response, current_app, request

from ..learn import Guards
from ..learn.pages import site_of
from ..learn.traffic import ENV_VARS, open_store, record_document, suggest
from .errors import Problem

bp = Blueprint("learn", __name__)
log = logging.getLogger("cleaner.learn")
EXTENSION = "cleaner_learn"


@bp.record_once
def _setup(setup_state) -> None:
    """Open the store once per app and hook it after every successful clean."""
    app = setup_state.app
    env = {k: str(app.config[k]) if k in app.config else os.environ.get(k, "") for k in ENV_VARS}
    store = open_store(env)
    app.extensions[EXTENSION] = store
    if store is None:
        return

    def record(doc, result) -> None:
        # Learning must never cost a request its answer: any store failure is logged and ignored.
        try:
            record_document(store, doc.content, doc.url, doc.content_type, result)
        except Exception:   # noqa: BLE001 - a broken store (disk full, Redis down) only stops the learning
            log.warning("learning store: could not record a document", exc_info=True)

    app.extensions["cleaner"].after_clean.append(record)


@bp.get("/v1/rules/<site>/suggested")
def suggested(site: str):
    """The rule file proposed for a site from the blocks seen in its cleaned documents (YAML)."""
    store = current_app.extensions.get(EXTENSION)
    if store is None:
        raise Problem(404, "learning from traffic is off; set CLEANER_LEARN=sqlite or redis",
                      code="learning_off", title="Learning is off")
    key = site_of(site) or site.lower()
    min_pages = request.args.get("min_pages", type=int) or store.config.promote_at
    if min_pages < 2:
        raise Problem(400, "min_pages must be at least 2")
    if store.site_pages(key) == 0:
        raise Problem(404, f"no cleaned documents of {key!r} have been recorded yet", code="unknown_site",
                      title="Unknown site")
    proposal = suggest(store, key, Guards(min_pages=min_pages))
    return Response(proposal.to_yaml(), mimetype="application/yaml",
                    headers={"X-Learned-Pages": str(proposal.site_pages),
                             "X-Learned-Blocks": str(len(proposal.accepted))})
