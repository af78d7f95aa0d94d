"""Load one rule file: safe YAML, schema validation with file/line/key errors, compiled rules."""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from jsonschema import Draft202012Validator
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.events import AliasEvent, CollectionEndEvent, CollectionStartEvent, ScalarEvent

from ..errors import RuleError
from ..htmlpath.phrases import check_list
from ..ops import OPERATIONS
from .model import Rule, RuleSet
from ..regex import RegexError, compile_regex, phrase_regex
from .schema import FILE_SCHEMA, rule_schema, with_defaults

MAX_FILE_BYTES = 1 << 20   # a rule file is a few KB; a huge one is a mistake or an attack
MAX_NODES = 50_000
MAX_DEPTH = 64            # nesting of mappings/sequences; a real rule file needs about 6
_FLOW_CHAR = re.compile(r"[\[\]{}]")
_FILE_VALIDATOR = Draft202012Validator(FILE_SCHEMA)
_RULE_VALIDATORS = {op: Draft202012Validator(rule_schema(m)) for op, m in OPERATIONS.items()}


def _line(data, path) -> int | None:
    """1-based line of the deepest node along a path in ruamel's round-trip data."""
    line, node = None, data
    for key in path:
        try:
            if isinstance(node, CommentedMap) and key in node:
                line = node.lc.key(key)[0] + 1
            elif isinstance(node, CommentedSeq) and isinstance(key, int) and key < len(node):
                line = node.lc.item(key)[0] + 1
            node = node[key]
        except (KeyError, IndexError, TypeError, AttributeError):
            break
    if line is None and isinstance(data, CommentedMap) and getattr(data, "lc", None) is not None:
        line = (data.lc.line or 0) + 1
    return line


def _dotted(path) -> str | None:
    parts = [f"[{p}]" if isinstance(p, int) else f".{p}" for p in path]
    return "".join(parts).lstrip(".") or None


def _schema_error(err, data, file: str, prefix=()) -> RuleError:
    path = [*prefix, *err.absolute_path]
    message = err.message
    if err.validator == "additionalProperties" and isinstance(err.instance, dict):
        allowed = set(err.schema.get("properties", {}))
        extra = [k for k in err.instance if k not in allowed]
        if extra:
            path.append(extra[0])
            message = f"unknown key {extra[0]!r}; allowed: {', '.join(sorted(allowed))}"
    elif err.validator == "required":
        message = f"missing key: {err.message.split(' is a required')[0]}"
    return RuleError(message, file=file, line=_line(data, path), key=_dotted(path))


def _flow_depth(text: str) -> int:
    """Deepest nesting of [ ] and { } (quotes ignored: it only over-counts), in linear time."""
    depth = deepest = 0
    for m in _FLOW_CHAR.finditer(text):
        depth = depth + 1 if m.group() in "[{" else max(depth - 1, 0)
        deepest = max(deepest, depth)
    return deepest


def _scan(text: str, file: str) -> None:
    """Refuse aliases (billion laughs), explicit tags (unsafe objects), deep nesting and absurd node counts."""
    # YAML's scanner is quadratic on a long line of nested [[[[...: check before it runs.
    if _flow_depth(text) > MAX_DEPTH:
        raise RuleError(f"YAML collections nested more than {MAX_DEPTH} levels deep", file=file)
    nodes = depth = 0
    try:
        for event in YAML(typ="rt").parse(text):
            if isinstance(event, CollectionEndEvent):
                depth -= 1
            elif isinstance(event, CollectionStartEvent):
                depth += 1
                if depth > MAX_DEPTH:
                    raise RuleError(f"YAML collections nested more than {MAX_DEPTH} levels deep", file=file,
                                    line=event.start_mark.line + 1)
            if isinstance(event, AliasEvent):
                raise RuleError("YAML anchors and aliases are not allowed in rule files", file=file,
                                line=event.start_mark.line + 1)
            if isinstance(event, (ScalarEvent, CollectionStartEvent)):
                nodes += 1
                tag = getattr(event, "tag", None)
                if tag:
                    raise RuleError(f"YAML tags are not allowed in rule files: {tag}", file=file,
                                    line=event.start_mark.line + 1)
                if nodes > MAX_NODES:
                    raise RuleError(f"rule file has over {MAX_NODES} YAML nodes", file=file)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RuleError(f"YAML syntax: {exc.problem or exc.context}", file=file,
                        line=mark.line + 1 if mark else None) from None
    except YAMLError as exc:
        raise RuleError(f"YAML error: {exc}", file=file) from None
    except RecursionError:
        raise RuleError("YAML nested too deeply", file=file) from None


def parse_yaml(text: str, file: str):
    """Safe round-trip parse keeping line numbers."""
    if len(text.encode("utf-8", "ignore")) > MAX_FILE_BYTES:
        raise RuleError(f"rule file is larger than {MAX_FILE_BYTES} bytes", file=file)
    _scan(text, file)
    try:
        return YAML(typ="rt").load(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        raise RuleError(f"YAML syntax: {exc.problem}", file=file, line=mark.line + 1 if mark else None) from None


def _compile_rule(raw, index: int, data, site: str, file: str) -> Rule:
    path = ("rules", index)
    op = raw.get("op")
    if op not in OPERATIONS:
        raise RuleError(f"unknown operation {op!r}; known: {', '.join(sorted(OPERATIONS))}",
                        file=file, line=_line(data, (*path, "op")), key=f"rules[{index}].op")
    for err in sorted(_RULE_VALIDATORS[op].iter_errors(raw), key=lambda e: list(e.absolute_path)):
        raise _schema_error(err, data, file, path)
    module = OPERATIONS[op]
    options = with_defaults(module, raw)
    try:
        compiled = module.prepare(options)
    except (ValueError, RegexError, OSError) as exc:  # OSError: a model file an option names is missing
        key = next((k for k in module.OPTIONS if k in raw and str(exc).find(str(raw[k])[:20].strip("[]'")) >= 0),
                   next((k for k in module.OPTIONS if k in raw), "op"))
        raise RuleError(str(exc), file=file, line=_line(data, (*path, key)), key=f"rules[{index}].{key}") from None
    return Rule(id=raw["id"], op=op, category=raw.get("category") or module.CATEGORY, options=options,
                compiled=compiled, site=site, file=file, line=_line(data, path),
                learned="learned" in raw)


def _compile_detect(detect, data, file: str):
    if not detect:
        return None, 1
    parts = []
    try:
        if detect.get("phrases"):
            parts.append(phrase_regex(list(detect["phrases"])).pattern)
        for i, rx in enumerate(detect.get("regex") or []):
            try:
                compile_regex(rx)
            except RegexError as exc:
                raise RuleError(str(exc), file=file, line=_line(data, ("detect", "regex", i)),
                                key=f"detect.regex[{i}]") from None
            parts.append(f"(?:{rx})")
        return (compile_regex("|".join(parts)) if parts else None), int(detect.get("min_matches", 1))
    except RegexError as exc:
        raise RuleError(str(exc), file=file, line=_line(data, ("detect",)), key="detect") from None


def _compile_phrases(section, data, file: str, trusted: bool, known: frozenset[str]) -> dict[str, list[str]]:
    """The file's `html_phrases:` lists, each item and each list checked in the frames that hold it.

    They run on Python's backtracking `re` (see cleaner/htmlpath/phrases.py): an untrusted text (the
    playground's editor) may only list items a trusted file already has, so none can hang the service.
    """
    lists = {}
    for name, items in (section or {}).items():
        items = [str(item) for item in items]
        for i, item in enumerate(items):
            where = dict(file=file, line=_line(data, ("html_phrases", name, i)), key=f"html_phrases.{name}[{i}]")
            if not trusted and item not in known:
                raise RuleError("a new html_phrases pattern is read only from a rule file on disk (rules/ or "
                                "CLEANER_RULES_DIR): it runs on Python's backtracking regex engine, not RE2",
                                **where)
            try:
                re.compile(item, re.I)
            except re.error as exc:
                raise RuleError(f"invalid regex {item!r}: {exc}", **where) from None
        try:
            check_list(name, items)
        except re.error as exc:
            raise RuleError(f"the {name} items do not compile together: {exc}", file=file,
                            line=_line(data, ("html_phrases", name)), key=f"html_phrases.{name}") from None
        lists[str(name)] = items
    return lists


def _plain(value):
    """ruamel containers to plain dicts and lists."""
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    return value


def load_text(text: str, file: str = "<string>", *, pack: str | None = None, trusted: bool = False,
              known: frozenset[str] = frozenset()) -> RuleSet:
    """Validate and compile one rule file's text; raises RuleError naming file, line and key.

    trusted: the text is a rule file on disk, whose `html_phrases:` may hold any pattern; otherwise
    only the patterns in known (a loaded registry's, see Registry.phrase_patterns)."""
    data = parse_yaml(text, file)
    if not isinstance(data, dict):
        raise RuleError("a rule file must be a mapping with at least `site:`", file=file, line=1)
    for err in sorted(_FILE_VALIDATOR.iter_errors(data), key=lambda e: list(e.absolute_path)):
        raise _schema_error(err, data, file)
    site = str(data["site"])
    rules, seen = [], {}
    for i, raw in enumerate(data.get("rules") or []):
        rule = _compile_rule(raw, i, data, site, file)
        if rule.id in seen:
            raise RuleError(f"duplicate rule id {rule.id!r} (first at line {seen[rule.id]})", file=file,
                            line=rule.line, key=f"rules[{i}].id")
        seen[rule.id] = rule.line
        rules.append(rule)
    detect, detect_min = _compile_detect(data.get("detect"), data, file)
    phrases = _compile_phrases(data.get("html_phrases"), data, file, trusted, known)
    is_defaults = site == "defaults"
    return RuleSet(
        site=site, file=file,
        extends=None if is_defaults else data.get("extends", "defaults"),
        domains=list(data.get("domains") or ([] if is_defaults else [site])),
        aliases=list(data.get("aliases") or []), detect=detect, detect_min=detect_min,
        rules=rules, disable=list(data.get("disable") or []), tests=_plain(data.get("tests") or []),
        version=str(data.get("version", "")) + "#" + hashlib.sha256(text.encode()).hexdigest()[:12],
        description=str(data.get("description", "")), pack=pack, source=_plain(data.get("source") or {}),
        html_phrases=phrases,
    )


def load_file(path: Path | str, *, pack: str | None = None) -> RuleSet:
    """Read and load one rule file (trusted: the operator put it on disk)."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise RuleError(f"rule file is larger than {MAX_FILE_BYTES} bytes", file=str(path))
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise RuleError("rule file is not UTF-8", file=str(path)) from None
    except OSError as exc:
        raise RuleError(f"cannot read rule file: {exc.strerror}", file=str(path)) from None
    return load_text(text, str(path), pack=pack, trusted=True)
