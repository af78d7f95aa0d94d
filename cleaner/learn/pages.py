"""Read a site's pages for learning: HTML or text files, or a JSON Lines corpus of {url, content}."""
from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .. import decode as _decode
from ..errors import CleanerError
from ..ruleset import host_of


@dataclass
class Page:
    """One page of a site, as the learner sees it."""

    key: str                      # identifies the page: its URL, else a hash of its content
    url: str | None
    mode: str                     # "text" or "html"
    lines: list[str]              # text: every line; html: the lines generic cleaning keeps
    root: Any = None              # parsed HTML (html mode), for element learning
    source: str = field(default="", repr=False)
    origin: str | None = None     # where it was read from (a file name), for test case names


def site_of(url: str | None) -> str | None:
    """The site id for a URL: its host without a leading www."""
    host = host_of(url)
    if not host:
        return None
    return host[4:] if host.startswith("www.") else host


def html_lines(source: str, url: str | None) -> list[str]:
    """The lines generic HTML cleaning keeps: boilerplate that leaks into them is what rules must catch."""
    from ..engine import clean
    try:
        result = clean(source, url, content_type="html", site_rules=False)
    except CleanerError:
        return []
    return [line for line in result.text.split("\n") if line.strip()]


def make_page(content: str | bytes, url: str | None = None, content_type: str | None = None) -> Page:
    """Decode a document and split it into the lines the learner counts."""
    text = _decode.sanitize(_decode.decode(content, content_type))
    mode = _decode.resolve_type(text, content_type)
    key = url or hashlib.sha1(text.encode("utf-8", "replace")).hexdigest()
    if mode == "html":
        from ..htmlpath import tree
        return Page(key=key, url=url, mode=mode, lines=html_lines(text, url), root=tree.parse(text), source=text)
    return Page(key=key, url=url, mode=mode, lines=[ln.strip() for ln in text.split("\n") if ln.strip()],
                source=text)


def read_jsonl(path: Path) -> Iterator[tuple[str | None, str, str | None]]:
    """(url, content, content_type) per line of a JSON Lines corpus; bad lines raise ValueError."""
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                obj = json.loads(line)
                content = obj.get("content") or obj.get("html") or obj.get("text")
            except (ValueError, AttributeError) as exc:
                raise ValueError(f"{path}:{n}: not a JSON object ({exc})") from None
            if not isinstance(content, str):
                raise ValueError(f"{path}:{n}: no string `content` field")
            yield obj.get("url"), content, obj.get("content_type")
