"""The result objects returned by `cleaner.clean`."""
from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass(slots=True)  # a whole page's text can drop hundreds of lines: cheap to make
class Removal:
    """One span that cleaning dropped, and why."""

    text: str
    rule: str                   # qualified rule id, e.g. "defaults:comment-prompt"
    category: str               # comment_prompt, login_notice, caption, related, ...
    start: int | None = None    # character offsets in the decoded input (text mode)
    end: int | None = None
    reason: str | None = None   # extra detail, e.g. "model:short-link-line"


@dataclass
class CleanResult:
    """Clean article text, its metadata and an account of what was removed."""

    text: str
    title: str | None = None
    subtitle: str | None = None
    author: str | None = None
    date: str | None = None
    captions: list[str] = field(default_factory=list)
    site: str | None = None
    site_match: str | None = None   # how the site rule set was chosen: host, parent, alias, detect, forced
    content_type: str = "text"      # "text" or "html" (what the input was treated as)
    removed: list[Removal] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self, explain: bool = True) -> dict:
        """A JSON-ready dict; `removed` only when explain is true."""
        data = asdict(self)
        if not explain:
            data.pop("removed")
        return data
