"""The systems under test (cleaner and its peers) and the HTML-to-text converters of text mode."""
from __future__ import annotations

import html as htmllib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field

MODES = ("html", "text")
SYSTEM_NAMES = ("cleaner", "trafilatura", "readability", "fulltext")
CONVERTER_NAMES = ("html-text", "inscriptis")
# Not a converter of the HTML: the page's own ground-truth text, i.e. text already cut down to its content
# (what an article selector gives, or cleaner's own output). Cleaning it should remove nothing.
TRUTH = "truth"
META_FIELDS = ("title", "author", "date")


@dataclass
class Output:
    """What one system returned for one page."""

    text: str = ""
    title: str | None = None
    author: str | None = None
    date: str | None = None
    error: str | None = None            # error code (cleaner) or exception type (peers)
    detail: str | None = None           # the error's message, for the per-page JSON
    meta_ms: float | None = None        # wall ms of a separate metadata call, taken off the system's time
    meta_cpu_ms: float | None = None    # its CPU ms, likewise
    warnings: list[str] = field(default_factory=list)


def quiet_peer_logs() -> None:
    """Silence the peers' per-page logging so the progress bar stays readable."""
    for name in ("trafilatura", "readability", "readability.readability", "htmldate", "courlan", "charset_normalizer"):
        logging.getLogger(name).setLevel(logging.CRITICAL)


# ---------------------------------------------------------------- converters (text mode)

def html_text_convert(html: str) -> str:
    """html-text with layout guessing, as a scraper would flatten a page."""
    import html_text
    return html_text.extract_text(html, guess_layout=True)


def inscriptis_convert(html: str) -> str:
    """inscriptis with its default configuration."""
    import inscriptis
    return inscriptis.get_text(html)


CONVERTERS: dict[str, Callable[[str], str]] = {"html-text": html_text_convert, "inscriptis": inscriptis_convert}


def lines_to_html(text: str) -> str:
    """Each non-blank line of a text as its own escaped <p>, for feeding text to an HTML extractor."""
    paras = "".join(f"<p>{htmllib.escape(line.strip())}</p>\n" for line in text.splitlines() if line.strip())
    return f"<html><body>\n{paras}</body></html>"


# ---------------------------------------------------------------- systems

class System:
    """A named extractor that runs in some modes; run() takes the page input (HTML or text) and URL."""

    name = "system"
    modes: tuple[str, ...] = MODES
    meta_fields: tuple[str, ...] = ()   # metadata this system reports (a failed call counts as wrong)

    def fields(self, mode: str) -> tuple[str, ...]:
        """The metadata fields this system reports in a mode."""
        return self.meta_fields

    def run(self, content: str, url: str | None, mode: str) -> Output:
        """Extract the main text of one page."""
        raise NotImplementedError


class CleanerSystem(System):
    """This project's engine: cleaner.clean(), site rules on or off."""

    name = "cleaner"
    meta_fields = META_FIELDS

    def __init__(self, site_rules: bool = False) -> None:
        from cleaner import CleanerError, clean
        self._clean, self._error = clean, CleanerError
        self.site_rules = site_rules

    def run(self, content: str, url: str | None, mode: str) -> Output:
        """clean(content, url, content_type=mode, site_rules=...); a CleanerError is an empty output."""
        try:
            r = self._clean(content, url, content_type=mode, site_rules=self.site_rules)
        except self._error as exc:  # the error still carries what the page said about itself (nothing_left)
            meta = (getattr(exc, "extra", None) or {}).get("metadata") or {}
            return Output(error=str(getattr(exc, "code", type(exc).__name__)),
                          detail=str(getattr(exc, "detail", exc))[:300], title=meta.get("title"),
                          author=meta.get("author"), date=meta.get("date"))
        return Output(text=r.text or "", title=r.title, author=r.author, date=r.date,
                      warnings=list(r.warnings or ()))


class TrafilaturaSystem(System):
    """trafilatura.extract with its defaults; in text mode on the text with each line as a <p>."""

    name = "trafilatura"
    meta_fields = META_FIELDS

    def fields(self, mode: str) -> tuple[str, ...]:
        """Metadata only from HTML."""
        return self.meta_fields if mode == "html" else ()

    def __init__(self) -> None:
        import trafilatura
        from trafilatura.metadata import extract_metadata
        self._extract, self._meta = trafilatura.extract, extract_metadata

    def run(self, content: str, url: str | None, mode: str) -> Output:
        """extract() for the text (the timed part); extract_metadata() separately timed in HTML mode."""
        if mode == "text":
            return Output(text=self._extract(lines_to_html(content), url=url) or "")
        text = self._extract(content, url=url) or ""
        t0, c0 = time.perf_counter(), time.process_time()
        try:
            meta = self._meta(content, default_url=url)
        except Exception:  # noqa: BLE001 - a metadata failure must not lose the text
            meta = None
        return Output(text=text, title=getattr(meta, "title", None), author=getattr(meta, "author", None),
                      date=getattr(meta, "date", None), meta_ms=(time.perf_counter() - t0) * 1000,
                      meta_cpu_ms=(time.process_time() - c0) * 1000)


class ReadabilitySystem(System):
    """readability-lxml's Document(html).summary() flattened with html-text; title from short_title()."""

    name = "readability"
    modes = ("html",)
    meta_fields = ("title",)

    def __init__(self) -> None:
        import html_text
        from readability import Document
        self._doc, self._text = Document, html_text.extract_text

    def run(self, content: str, url: str | None, mode: str) -> Output:
        """Summary HTML to text; the title is part of the timed call."""
        doc = self._doc(content, url=url)
        text = self._text(doc.summary()) or ""
        return Output(text=text, title=doc.short_title() or None)


class FulltextSystem(System):
    """Baseline: the whole page text, nothing removed."""

    name = "fulltext"

    def run(self, content: str, url: str | None, mode: str) -> Output:
        """HTML mode: html-text of the whole page; text mode: the flattened text as it is."""
        return Output(text=content if mode == "text" else html_text_convert(content))


FACTORIES: dict[str, Callable[..., System]] = {
    "cleaner": CleanerSystem, "trafilatura": TrafilaturaSystem,
    "readability": ReadabilitySystem, "fulltext": FulltextSystem,
}


def make_systems(names: list[str], site_rules: bool = False) -> list[System]:
    """Instantiate the named systems (cleaner with the given site-rules switch)."""
    quiet_peer_logs()
    out = []
    for name in names:
        factory = FACTORIES[name]
        out.append(factory(site_rules=site_rules) if name == "cleaner" else factory())
    return out
