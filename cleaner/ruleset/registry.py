"""Find rule files, load them, and pick the rule set for a document."""
from __future__ import annotations

import os
from dataclasses import replace
from pathlib import Path
from urllib.parse import urlsplit

from ..errors import RuleError, UnknownSiteError
from .loader import load_file
from .model import RuleSet

DEFAULTS_FILE = "_defaults.yaml"
PACK_FILE = "pack.yaml"
WILDCARD_SUFFIX = "_wildcard"


def shipped_rules_dir() -> Path:
    """The rules shipped with cleaner: inside the installed package, or the checkout's rules/."""
    inside = Path(__file__).resolve().parent.parent / "_rules"
    if inside.is_dir():
        return inside
    return Path(__file__).resolve().parent.parent.parent / "rules"


def configured_dirs() -> list[Path]:
    """Shipped rules, then every directory in CLEANER_RULES_DIR (os.pathsep-separated; later wins)."""
    extra = [Path(p) for p in os.environ.get("CLEANER_RULES_DIR", "").split(os.pathsep) if p.strip()]
    return [shipped_rules_dir(), *extra]


def host_of(url: str | None) -> str | None:
    """Lower-case host of a URL (or a bare host name)."""
    if not url:
        return None
    url = url.strip()
    if "//" not in url:
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.rstrip(".").lower() if host else None


def _parents(host: str):
    """www.a.b.c -> www.a.b.c, a.b.c, b.c (never a bare TLD)."""
    parts = host.split(".")
    for i in range(len(parts) - 1):
        yield ".".join(parts[i:])


class _Pack:
    """A directory of many site files (e.g. the Full-Text RSS import), indexed by name, loaded lazily."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.name = path.name
        self.index: dict[str, Path] = {}
        for f in sorted(path.glob("*.yaml")):
            if f.name != PACK_FILE:
                self.index[f.stem.lower()] = f
        self.cache: dict[str, RuleSet | RuleError] = {}

    def get(self, domain: str) -> RuleSet | RuleError | None:
        """The pack's rule set for a domain, loading it on first use."""
        path = self.index.get(domain)
        if path is None:
            return None
        if domain not in self.cache:
            try:
                self.cache[domain] = load_file(path, pack=self.name)
            except RuleError as exc:
                self.cache[domain] = exc
        return self.cache[domain]

    def lookup(self, host: str) -> tuple[RuleSet, str] | None:
        """Full-Text RSS naming: `example.com` serves example.com and www.example.com only;
        `.example.com` serves every subdomain of example.com (at any depth) but not example.com itself."""
        bare = host[4:] if host.startswith("www.") else host
        candidates = [(host, "host"), (bare, "host")]
        candidates += [("." + parent, "parent") for parent in list(_parents(bare))[1:]]
        for key, how in candidates:
            found = self.get(key)
            if isinstance(found, RuleSet):
                return found, how
        return None


class Registry:
    """All rule sets from the configured directories; raises RuleError if any file is invalid."""

    def __init__(self, dirs: list[Path | str] | None = None, *, packs: bool | None = None) -> None:
        self.dirs = [Path(d) for d in (dirs if dirs is not None else configured_dirs())]
        if packs is None:
            packs = os.environ.get("CLEANER_RULE_PACKS", "on").lower() not in ("0", "off", "false", "no")
        self.sets: dict[str, RuleSet] = {}
        self.hosts: dict[str, str] = {}
        self.packs: list[_Pack] = []
        self.errors: list[RuleError] = []
        for d in self.dirs:
            self._load_dir(d, packs)
        self._link()
        if self.errors:
            first = self.errors[0]
            more = f" (and {len(self.errors) - 1} more errors)" if len(self.errors) > 1 else ""
            raise RuleError(first.message + more,
                            file=first.file, line=first.line, key=first.key)
        if "defaults" not in self.sets:
            raise RuleError(f"no {DEFAULTS_FILE} found in {', '.join(map(str, self.dirs))}")

    def _load_dir(self, d: Path, packs: bool) -> None:
        if not d.is_dir():
            self.errors.append(RuleError("rules directory does not exist", file=str(d)))
            return
        for f in sorted(d.glob("*.yaml")):
            try:
                rs = load_file(f)
            except RuleError as exc:
                self.errors.append(exc)
                continue
            self.sets[rs.site] = rs  # a later directory overrides an earlier one
        if packs:
            for sub in sorted(d.iterdir()):
                if sub.is_dir() and (sub / PACK_FILE).is_file():
                    self.packs.insert(0, _Pack(sub))  # later directories' packs first

    def _link(self) -> None:
        self.hosts.clear()
        for rs in self.sets.values():
            rs._effective = rs._plans = rs._phrases = None
            for domain in [*rs.domains, *rs.aliases]:
                self.hosts[domain.lstrip(".")] = rs.site
        for rs in self.sets.values():
            self._resolve_parent(rs, [])

    def _resolve_parent(self, rs: RuleSet, chain: list[str]) -> None:
        if rs.extends is None:
            rs.parent = None
            return
        if rs.site in chain:
            self.errors.append(RuleError(f"`extends` cycle: {' -> '.join(chain + [rs.site])}",
                                         file=rs.file, key="extends"))
            return
        parent = self.sets.get(rs.extends)
        if parent is None:
            self.errors.append(RuleError(f"extends unknown rule set {rs.extends!r}", file=rs.file, key="extends"))
            return
        self._resolve_parent(parent, chain + [rs.site])
        rs.parent = parent

    @property
    def defaults(self) -> RuleSet:
        """The rule set every document gets."""
        return self.sets["defaults"]

    def get(self, site: str) -> RuleSet:
        """A rule set by site id or domain; UnknownSiteError if none."""
        key = site.lower()
        if key in self.sets:
            return self.sets[key]
        found = self.for_host(key)
        if found:
            return found[0]
        if key.endswith(WILDCARD_SUFFIX):  # a pack's `.example.com` file has the site id example.com_wildcard
            for pack in self.packs:
                hit = pack.get("." + key[:-len(WILDCARD_SUFFIX)])
                if isinstance(hit, RuleSet):
                    self._attach(hit)
                    return hit
        raise UnknownSiteError(f"no rule set named {site!r}")

    def for_host(self, host: str) -> tuple[RuleSet, str] | None:
        """Hand-written sets by exact host then parent domains; then packs the same way."""
        for i, candidate in enumerate(_parents(host)):
            site = self.hosts.get(candidate)
            if site:
                rs = self.sets[site]
                how = "alias" if candidate in rs.aliases else ("host" if i == 0 else "parent")
                return rs, how
        for pack in self.packs:
            hit = pack.lookup(host)
            if hit:
                self._attach(hit[0])
                return hit
        return None

    def _attach(self, rs: RuleSet) -> None:
        if rs.parent is None and rs.extends:
            rs.parent = self.sets.get(rs.extends, self.defaults)

    def detect(self, text: str, utf8: bytes | None = None) -> RuleSet | None:
        """A hand-written set whose detect patterns the content carries (utf8: the text's UTF-8, if known)."""
        data = utf8 if utf8 is not None and len(text) <= 500_000 else None
        for rs in self.sets.values():
            if rs.detect is not None:
                data = text[:500_000].encode("utf-8", "surrogatepass") if data is None else data  # once
                if rs.detects(data):
                    return rs
        return None

    def resolve(self, url: str | None, text: str, site: str | None = None,
                site_rules: bool = True, utf8: bytes | None = None) -> tuple[RuleSet, str | None]:
        """The rule set for a document, and how it was chosen (utf8: the text's UTF-8, if already known)."""
        if site:
            return self.get(site), "forced"
        if not site_rules:
            return self.defaults, None
        host = host_of(url)
        if host:
            found = self.for_host(host)
            if found:
                return found
        found = self.detect(text, utf8)
        if found is not None:
            return found, "detect"
        return self.defaults, None

    def overlay(self, ruleset: RuleSet) -> Registry:
        """A copy with one extra in-memory rule set (replacing the set of the same site), for dry runs.

        The loaded sets are shallow-copied before linking, so this registry's objects are never touched.
        """
        new = object.__new__(Registry)
        new.dirs, new.packs, new.errors, new.hosts = self.dirs, self.packs, [], {}
        new.sets = {k: replace(v, parent=None, _effective=None, _plans=None, _phrases=None)
                    for k, v in self.sets.items()}
        new.sets[ruleset.site] = ruleset
        new._link()
        if new.errors:
            raise new.errors[0]
        return new

    def phrase_patterns(self) -> frozenset[str]:
        """Every `html_phrases:` item of the loaded hand-written sets: what an untrusted edit may list."""
        return frozenset(item for rs in self.sets.values() for items in rs.html_phrases.values() for item in items)

    def all_sets(self, include_packs: bool = False) -> list[RuleSet]:
        """Hand-written sets (and, on request, every pack file, loaded)."""
        out = list(self.sets.values())
        if include_packs:
            for pack in self.packs:
                for domain in pack.index:
                    found = pack.get(domain)
                    if isinstance(found, RuleSet):
                        self._attach(found)
                        out.append(found)
        return out
