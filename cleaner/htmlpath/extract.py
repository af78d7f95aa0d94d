"""Generic main-content extraction (used when no site rule picks the body)."""
from __future__ import annotations

import logging

from readability import Document
from readability.readability import Unparseable

from .tree import parse

logging.getLogger("readability.readability").setLevel(logging.CRITICAL)


def main_content(root, url: str | None = None):
    """The element holding the article, found by readability-lxml's scoring."""
    try:
        summary = Document(root, url=url).summary(html_partial=True)
    except (Unparseable, ValueError, TypeError):
        return root.find("body") if root.find("body") is not None else root
    return parse(summary) if summary else root
