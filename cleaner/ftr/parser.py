"""Parse Full-Text RSS site config files (the Instapaper-derived `directive: value` format)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

# Directives that may repeat: every line adds a value (FTR's SiteConfig keeps them as lists).
MULTI = {
    "title", "body", "author", "date", "strip", "strip_id_or_class", "strip_image_src", "strip_attr",
    "post_strip_attr", "single_page_link", "single_page_link_in_feed", "next_page_link",
    "native_ad_clue", "test_url", "test_contains", "find_string", "replace_string", "if_page_contains",
    "dissolve", "footnotes", "skip_id_or_class", "login_extra_fields", "src_lazy_load_attr",
}
# Single-valued yes/no switches.
FLAGS = {"tidy", "prune", "autodetect_on_failure", "insert_detected_image", "autodetect_next_page",
         "convert_double_br_tags", "skip_json_ld", "requires_login", "strip_comments"}
# Single-valued strings.
SINGLE = {"parser", "login_uri", "login_username_field", "login_password_field", "not_logged_in_xpath"}
# Directives written as `name(argument): value`.
WITH_ARG = {"replace_string", "http_header", "wrap_in", "move_into", "if_page_contains"}
KNOWN = MULTI | FLAGS | SINGLE | WITH_ARG

# `name: value` or `name(arg): value`; the argument runs to the first "):" so that it may hold ")".
_LINE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s*(?:\((?P<arg>.*?)\))?\s*:(?P<value>.*)$")


@dataclass
class Directive:
    """One directive line: name, optional (argument), value, and where it was."""

    name: str
    value: str
    line: int
    arg: str | None = None


@dataclass
class Problem:
    """A line we could not read, with file and line."""

    file: str
    line: int
    message: str
    text: str = ""


@dataclass
class SiteConfig:
    """One parsed config file: its directives in file order, and the problems found."""

    file: str
    directives: list[Directive] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    def values(self, name: str) -> list[Directive]:
        """All directives of one name, in file order."""
        return [d for d in self.directives if d.name == name]

    def flag(self, name: str) -> bool | None:
        """A yes/no directive's value (the last one wins, as in FTR), None when absent."""
        found = self.values(name)
        return found[-1].value.strip().lower() == "yes" if found else None


def parse_text(text: str, file: str = "<string>") -> SiteConfig:
    """Parse one config file's text; unreadable lines become Problems, never exceptions."""
    cfg = SiteConfig(file=file)
    for number, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        m = _LINE.match(line)
        if m is None:
            cfg.problems.append(Problem(file, number, "not a `directive: value` line", line))
            continue
        name, arg, value = m.group("name").lower(), m.group("arg"), m.group("value").strip()
        if name not in KNOWN:
            cfg.problems.append(Problem(file, number, f"unknown directive {name!r}", line))
            continue
        if arg is not None and name not in WITH_ARG:
            cfg.problems.append(Problem(file, number, f"{name} takes no (argument)", line))
            continue
        if arg is None and name in WITH_ARG - MULTI:
            cfg.problems.append(Problem(file, number, f"{name} needs an (argument)", line))
            continue
        # An empty value means nothing, except as a replacement (replace with nothing = delete).
        if not value and name != "replace_string":
            cfg.problems.append(Problem(file, number, f"{name} has an empty value", line))
            continue
        if name in FLAGS and value.lower() not in ("yes", "no"):
            # Kept: FTR reads anything but "yes" as no, and so does SiteConfig.flag().
            cfg.problems.append(Problem(file, number, f"{name} should be yes or no, not {value!r} "
                                                      "(read as no, as Full-Text RSS does)", line))
        if arg is not None and not arg:
            cfg.problems.append(Problem(file, number, f"{name}() has an empty argument", line))
            continue
        cfg.directives.append(Directive(name=name, value=value, line=number, arg=arg))
    return cfg


def parse_file(path: Path | str) -> SiteConfig:
    """Read and parse one config file (UTF-8, undecodable bytes replaced and reported)."""
    path = Path(path)
    data = path.read_bytes()
    text = data.decode("utf-8", errors="replace")
    cfg = parse_text(text, path.name)
    if "\ufffd" in text:
        line = text[:text.index("\ufffd")].count("\n") + 1
        cfg.problems.append(Problem(path.name, line, "bytes that are not UTF-8 (replaced)"))
    return cfg


def host_name(path: Path | str) -> str:
    """The host a config file is for: `example.com.txt` -> example.com, `.example.com.txt` -> .example.com."""
    name = Path(path).name
    return (name[:-4] if name.endswith(".txt") else name).lower()
