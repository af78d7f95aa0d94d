"""The import report: per file, the directives we could not honour and the lines we could not read."""
from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field

from .convert import Converted


@dataclass
class ImportReport:
    """Everything an import did, per source file."""

    source: str
    snapshot: str
    files: list[Converted] = field(default_factory=list)
    skipped: list[dict] = field(default_factory=list)   # whole files not converted, with the reason

    def counts(self) -> dict:
        """Totals for the summary."""
        directives = Counter(u["directive"].split("(")[0] for c in self.files for u in c.unsupported)
        return {
            "files": len(self.files), "skipped": len(self.skipped),
            "with_body": sum(any(r["op"] == "body" for r in c.data["rules"]) for c in self.files),
            "wildcard": sum(c.host.startswith(".") for c in self.files),
            "rules": sum(len(c.data["rules"]) for c in self.files),
            "unsupported": dict(directives.most_common()),
            "files_with_unsupported": sum(bool(c.unsupported) for c in self.files),
            "dropped": sum(len(c.dropped) for c in self.files),
            "left_to_generic": sum(len(c.generic) for c in self.files),
            "problems": sum(len(c.problems) for c in self.files),
        }

    def to_dict(self) -> dict:
        """JSON-ready report."""
        return {"source": self.source, "snapshot": self.snapshot, "summary": self.counts(),
                "skipped": self.skipped,
                "files": {c.data["source"]["file"]: {
                    "site": c.site, "rules": len(c.data["rules"]), "unsupported": c.unsupported,
                    "dropped": c.dropped, "left_to_generic": c.generic,
                    "problems": [{"line": p.line, "message": p.message, "text": p.text} for p in c.problems]}
                    for c in self.files if c.unsupported or c.dropped or c.problems or c.generic}}

    def to_json(self) -> str:
        """The report as JSON."""
        return json.dumps(self.to_dict(), indent=1, ensure_ascii=False) + "\n"

    def to_markdown(self) -> str:
        """The report as Markdown: summary, then one section per file with something to say."""
        s = self.counts()
        out = ["# Full-Text RSS import report\n",
               f"Source: {self.source} (snapshot {self.snapshot}).\n",
               "| | count |", "|---|---|",
               f"| files converted | {s['files']} |", f"| of which wildcard (`.example.com`) | {s['wildcard']} |",
               f"| with a body selector | {s['with_body']} |", f"| rules written | {s['rules']} |",
               f"| files not converted | {s['skipped']} |",
               f"| files with unsupported directives | {s['files_with_unsupported']} |",
               f"| directives refused (bad XPath, ...) | {s['dropped']} |",
               f"| catch-all body selectors left to generic extraction | {s['left_to_generic']} |",
               f"| malformed lines / problems | {s['problems']} |", ""]
        if s["unsupported"]:
            out += ["## Unsupported directives (kept in each file's `source.unsupported`)\n",
                    "| directive | lines | why |", "|---|---|---|"]
            from .convert import UNSUPPORTED
            out += [f"| {d} | {n} | {UNSUPPORTED.get(d, '')} |" for d, n in s["unsupported"].items()]
            out.append("")
        if self.skipped:
            out += ["## Files not converted\n"] + [f"- `{x['file']}`: {x['reason']}" for x in self.skipped] + [""]
        problems = [(c, p) for c in self.files for p in c.problems]
        if problems:
            out += ["## Malformed lines and problems\n", "| file | line | problem | text |", "|---|---|---|---|"]
            out += [f"| {p.file} | {p.line} | {_cell(p.message)} | {_cell(p.text)} |" for _, p in problems]
            out.append("")
        dropped = [(c, d) for c in self.files for d in c.dropped]
        if dropped:
            out += ["## Directives refused\n", "| file | line | directive | value | why |", "|---|---|---|---|---|"]
            out += [f"| {c.data['source']['file']} | {d['line']} | {d['directive']} | {_cell(d['value'])} "
                    f"| {_cell(d['reason'])} |" for c, d in dropped]
            out.append("")
        out += ["## Unsupported directives per file\n", "| file | line | directive | value |", "|---|---|---|---|"]
        out += [f"| {c.data['source']['file']} | {u['line']} | {u['directive']} | {_cell(u['value'])} |"
                for c in self.files for u in c.unsupported]
        return "\n".join(out) + "\n"


def _cell(text: str, limit: int = 100) -> str:
    """Text safe for a Markdown table cell."""
    text = text.replace("|", "\\|").replace("\n", " ")
    text = "".join(ch if ch.isprintable() else f"\\x{ord(ch):02x}" for ch in text)
    return text if len(text) <= limit else text[:limit - 1] + "…"
