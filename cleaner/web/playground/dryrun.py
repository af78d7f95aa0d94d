"""The playground's dry run: clean one document with an edited rule file applied in memory, never saved."""
from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field
from pathlib import Path

from ... import decode as _decode
from ...engine import clean
from ...errors import InputError, RuleError, TooLargeError, UnknownSiteError
from ...result import CleanResult
from ...ruleset import Registry, RuleSet, host_of, load_text
from .render import html_to_lines, locate, outside_lines

MAX_INPUT_BYTES = 5 << 20
EDITOR_FILE = "editor.yaml"   # the name rule errors carry for the text in the editor
_SITE_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")

TEMPLATE = """\
# Rule file for {site}, written in the cleaner playground.
# Save it as rules/{site}.yaml (or in a directory listed in CLEANER_RULES_DIR).
site: {site}
description: boilerplate of {site}
version: 1
domains: [{site}]
# detect:                       # recognise the site's documents when no URL is given
#   phrases: [a phrase only this site's pages carry]
rules:
  - id: boilerplate
    op: drop_phrase
    category: other
    phrases:
      - replace me with a phrase of a line to drop
"""


@dataclass
class Request:
    """What the page sends: the document, how to treat it, and optionally an edited rule file."""

    source: str
    url: str | None = None
    site: str | None = None
    site_rules: bool = True
    content_type: str | None = None
    keep: list[str] = field(default_factory=list)
    rules_yaml: str | None = None
    from_bytes: bool = False   # an uploaded file: the page shows the service's decoding of it

    @classmethod
    def from_json(cls, data: object, max_bytes: int = MAX_INPUT_BYTES) -> Request:
        """Validate the JSON body; InputError for anything malformed, TooLargeError over max_bytes."""
        if not isinstance(data, dict):
            raise InputError("the body must be a JSON object")
        content = data.get("content")
        if data.get("content_base64") is not None:  # an uploaded file: bytes, decoded like the API does
            try:
                content = base64.b64decode(str(data["content_base64"]), validate=True)
            except (binascii.Error, ValueError):
                raise InputError("content_base64 is not valid base64") from None
        if not isinstance(content, (str, bytes)) or not content.strip():
            raise InputError("missing `content` (the text or HTML to clean)")
        if len(content) > max_bytes:
            raise TooLargeError(f"the document is larger than {max_bytes} bytes")
        keep = data.get("keep") or []
        if not isinstance(keep, list) or not all(isinstance(k, str) for k in keep):
            raise InputError("`keep` must be a list of category names")
        ctype = data.get("content_type") or None
        if ctype not in (None, "auto", "text", "html"):
            raise InputError("`content_type` must be auto, text or html")
        rules_yaml = data.get("rules_yaml")
        if rules_yaml is not None and not isinstance(rules_yaml, str):
            raise InputError("`rules_yaml` must be a string")
        source = _decode.sanitize(_decode.decode(content, None if ctype == "auto" else ctype))
        return cls(source=source, url=(data.get("url") or "").strip() or None,
                   site=(data.get("site") or "").strip().lower() or None,
                   site_rules=data.get("site_rules", True) is not False,
                   content_type=None if ctype == "auto" else ctype, keep=keep,
                   rules_yaml=rules_yaml if rules_yaml and rules_yaml.strip() else None,
                   from_bytes=isinstance(content, bytes))


def load_edited(text: str, base: Registry) -> RuleSet:
    """Validate the editor's YAML with the loader rule files go through; RuleError with line and key.
    Its `html_phrases:` may only list patterns the base registry's files already have (they run on
    Python's backtracking regex engine)."""
    return load_text(text, EDITOR_FILE, known=base.phrase_patterns())


def rule_error_body(exc: RuleError, text: str | None) -> dict:
    """Problem details for an invalid edited rule file, with the bare message and a line when findable."""
    body = exc.to_problem()
    message = getattr(exc, "message", exc.detail)  # without the file:line prefix and key suffix
    line = exc.line
    if line is None and exc.key and text and "." not in exc.key and "[" not in exc.key:
        found = re.search(rf"^{re.escape(exc.key)}\s*:", text, re.M)  # top-level key (e.g. extends)
        line = text.count("\n", 0, found.start()) + 1 if found else None
    body.update(message=message, line=line, key=exc.key)
    return body


def explain_match(registry: Registry, result: CleanResult, req: Request) -> dict:
    """Which site rule set matched and why, in words."""
    how, site = result.site_match, result.site
    host = host_of(req.url)
    info: dict = {"site": site, "how": how, "file": None, "detect_hits": []}
    if site is None:
        why = ("site rules switched off: only the generic defaults applied" if not req.site_rules else
               "no site rule set matched (no domain, parent domain or alias for the URL's host, and no "
               "site's detect phrases in the content): only the generic defaults applied")
        return {**info, "why": why}
    rs = registry.get(site)
    info["file"] = Path(rs.file).name if rs.file and rs.file != EDITOR_FILE else rs.file
    if how == "forced":
        why = f"{site} was chosen explicitly (site field)"
    elif how == "detect":
        hits = sorted({m.group(0) for m in rs.detect.finditer(req.source[:500_000])}) if rs.detect else []
        info["detect_hits"] = hits
        why = f"no URL rule matched; the content carries {site}'s detect pattern(s): " + "; ".join(
            f"“{h}”" for h in hits)
    elif how == "host":
        why = f"the URL's host {host} is one of {site}'s domains"
    elif how == "parent":
        why = f"a parent domain of the URL's host {host} is one of {site}'s domains"
    elif how == "alias":
        why = f"the URL's host {host} (or a parent) is an alias of {site}"
    else:
        why = f"matched by {how}"
    return {**info, "why": why}


def registry_for(base: Registry, req: Request) -> tuple[Registry, RuleSet | None]:
    """The registry to clean with: the configured one, or a copy with the edited rule set in it."""
    if req.rules_yaml is None:
        return base, None
    edited = load_edited(req.rules_yaml, base)
    try:
        return base.overlay(edited), edited
    except RuleError as exc:  # e.g. `extends` names a rule set that does not exist
        raise RuleError(exc.message, file=EDITOR_FILE, line=exc.line,
                        key=exc.key) from None


def run(base: Registry, req: Request, time_budget: float | None = 10.0) -> dict:
    """Clean without saving anything and describe the result for the page."""
    registry, edited = registry_for(base, req)
    site, notes = req.site, []
    if edited is not None and edited.site != "defaults":
        chosen, _how = registry.resolve(req.url, req.source, req.site, req.site_rules)
        if not req.site_rules and not req.site:
            notes.append("site rules are switched off: only an edited `defaults` file would apply")
        elif req.site and req.site != edited.site and chosen.site != edited.site:
            notes.append(f"the edited rule set is {edited.site!r} but the site field forces {req.site!r}: "
                         "the edited rules do not apply")
        elif chosen.site != edited.site:
            notes.append(f"{edited.site} would not be picked for this document (add its domain, or a "
                         "detect phrase); the playground applies it anyway")
            site = edited.site
    result = clean(req.source, req.url, content_type=req.content_type, site=site, site_rules=req.site_rules,
                   keep=req.keep, registry=registry, time_budget=time_budget)
    match = explain_match(registry, result, req)
    if site != req.site:
        match.update(how="editor", why=f"{site} is the rule set in the editor: the playground applies it even "
                                       "though it would not be picked for this document on its own")
    if result.content_type == "html":
        shown = html_to_lines(req.source)
        spans, missing = locate(result, shown, use_offsets=False)
        outside = outside_lines(shown, spans, result.text)
    else:
        shown = req.source
        spans, missing = locate(result, shown, use_offsets=True)
        outside = []
    return {
        "result": result.to_dict(explain=True),
        "original": {"text": shown, "kind": "html-rendering" if result.content_type == "html" else "text",
                     "spans": spans, "outside": outside, "unplaced": missing},
        "match": match,
        "rules": {"edited": edited is not None, "site": edited.site if edited else result.site,
                  "rules": len(edited.rules) if edited else None},
        "notes": notes,
        "decoded": req.source if req.from_bytes else None,
    }


def base_yaml(registry: Registry, site: str | None) -> dict:
    """The text of a site's rule file for the editor, or a template for a new site."""
    name = (site or "").strip().lower()
    if name.startswith("www."):
        name = name[4:]
    if name:
        try:
            rs = registry.get(name)
        except UnknownSiteError:  # a new site: the template below
            rs = None
        if rs is not None and rs.file and Path(rs.file).is_file():
            return {"site": rs.site, "exists": True, "file": Path(rs.file).name,
                    "yaml": Path(rs.file).read_text(encoding="utf-8")}
    if not _SITE_NAME.match(name) or name == "defaults":
        name = "example.com"
    return {"site": name, "exists": False, "file": None, "yaml": TEMPLATE.format(site=name)}
