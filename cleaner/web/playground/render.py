"""Show where removed spans sit in the original: offsets in text mode, text search in an HTML rendering."""
from __future__ import annotations

from ...htmlpath.tree import parse
from ...result import CleanResult

# Elements whose text starts a new line in the rendering (so paragraphs, list items, cells stay apart).
_BLOCK = frozenset("""address article aside blockquote body br dd details dialog div dl dt fieldset figcaption
figure footer form h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th
thead tr ul""".split())
_SKIP = frozenset("script style noscript template head svg iframe object".split())


def html_to_lines(source: str) -> str:
    """A plain rendering of an HTML page: one block per line, whitespace collapsed, no scripts or styles."""
    root = parse(source)
    lines: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = " ".join(" ".join(buf).split())
        if line:
            lines.append(line)
        buf.clear()

    def walk(el) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _SKIP:
            return
        block = tag in _BLOCK
        if block:
            flush()
        if el.text:
            buf.append(el.text)
        for child in el:
            walk(child)
            if child.tail:
                buf.append(child.tail)
        if block:
            flush()

    walk(root)
    flush()
    return "\n".join(lines)


def _norm(text: str) -> str:
    return " ".join(text.split())


def _free(taken: list[tuple[int, int]], start: int, end: int) -> bool:
    return all(end <= a or start >= b for a, b in taken)


def _search(hay: str, needle: str, taken: list[tuple[int, int]]) -> tuple[int, int] | None:
    """First occurrence of needle in hay not overlapping a span already placed (exact, then case-blind)."""
    if not needle:
        return None
    for h, n in ((hay, needle), (hay.lower(), needle.lower())):
        if len(h) != len(hay):  # lower() changed the length (rare scripts): offsets would be wrong
            break
        pos = h.find(n)
        while pos >= 0:
            if _free(taken, pos, pos + len(n)):
                return pos, pos + len(n)
            pos = h.find(n, pos + 1)
    return None


def locate(result: CleanResult, shown: str, use_offsets: bool) -> tuple[list[dict], list[int]]:
    """Spans {start, end, removal} of removed text in `shown`, and the indexes of removals not found."""
    spans: list[dict] = []
    taken: list[tuple[int, int]] = []
    flat = shown.replace("\n", " ").replace("\r", " ").replace("\t", " ")  # same offsets, one line
    missing = []
    for i, rem in enumerate(result.removed):
        if use_offsets and rem.start is not None and rem.end is not None:
            where: tuple[int, int] | None = (rem.start, rem.end)
        else:
            where = _search(flat, _norm(rem.text), taken)
        if where is None:
            missing.append(i)
            continue
        taken.append(where)
        spans.append({"start": where[0], "end": where[1], "removal": i})
    spans.sort(key=lambda s: s["start"])
    return spans, missing


def outside_lines(shown: str, spans: list[dict], clean_text: str) -> list[list[int]]:
    """Lines of an HTML rendering that are neither kept nor in `removed`: left out by main-content extraction."""
    kept = _norm(clean_text)
    taken = [(s["start"], s["end"]) for s in spans]
    out, pos = [], 0
    for line in shown.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        if not line.strip() or not _free(taken, start, end):
            continue
        if _norm(line) not in kept:
            out.append([start, end])
    return out
