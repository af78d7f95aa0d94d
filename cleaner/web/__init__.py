"""The HTTP service: `create_app()` for gunicorn (`gunicorn 'cleaner.web:create_app()'`).

Imports are lazy so that the gunicorn master (which imports cleaner.web.gunicorn_conf) does not load
Flask or prometheus_client before the conf has set PROMETHEUS_MULTIPROC_DIR.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from flask import Flask


def create_app(config: dict | None = None) -> Flask:
    """Build the Flask app (see cleaner.web.app.create_app)."""
    from .app import create_app as _create_app
    return _create_app(config)


__all__ = ["create_app"]
