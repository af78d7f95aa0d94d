"""Running every system on every page, timing each call and scoring its output."""
from __future__ import annotations

import signal
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field

from . import metrics as m
from .data import Page
from .systems import CONVERTERS, META_FIELDS, TRUTH, Output, System, make_systems


@dataclass(frozen=True)
class RunSpec:
    """One input condition: HTML, or text made by one converter."""

    mode: str
    converter: str | None = None

    @property
    def label(self) -> str:
        """'html' or 'text/<converter>'."""
        return self.mode if self.mode == "html" else f"text/{self.converter}"


@dataclass
class Record:
    """One system's result on one page under one run condition."""

    set: str
    id: str
    page_type: str
    url: str | None
    run: str
    system: str
    ms: float
    cpu_ms: float | None = None
    error: str | None = None
    detail: str | None = None
    chars: int = 0
    meta_ms: float | None = None
    convert_ms: float | None = None
    aeb: m.Overlap | None = None
    word: m.WordScore | None = None
    snippets: m.SnippetScore | None = None
    meta: dict[str, bool | None] = field(default_factory=dict)
    meta_out: dict[str, str | None] = field(default_factory=dict)
    text: str | None = None

    def scores(self) -> dict:
        """Per-page scores as plain JSON values."""
        out: dict = {}
        if self.aeb is not None:
            out.update(aeb_p=self.aeb.precision, aeb_r=self.aeb.recall, aeb_f1=round(self.aeb.f1, 4),
                       tp=round(self.aeb.tp, 4), fp=round(self.aeb.fp, 4), fn=round(self.aeb.fn, 4))
        if self.word is not None:
            out.update(word_p=self.word.precision, word_r=self.word.recall, word_f1=round(self.word.f1, 4))
        if self.snippets is not None:
            s = self.snippets
            out.update(with_found=s.with_found, with_total=s.with_total,
                       without_avoided=s.without_avoided, without_total=s.without_total)
        out.update({f"{k}_ok": v for k, v in self.meta.items() if v is not None})
        return {k: (round(v, 4) if isinstance(v, float) else v) for k, v in out.items()}

    def to_json(self) -> dict:
        """A JSON-ready dict: id, set, system, mode, scores, ms, error (and text when kept)."""
        mode, _, conv = self.run.partition("/")
        data = {"id": self.id, "set": self.set, "page_type": self.page_type, "url": self.url, "system": self.system,
                "mode": mode, "converter": conv or None, "ms": round(self.ms, 3),
                "cpu_ms": None if self.cpu_ms is None else round(self.cpu_ms, 3), "error": self.error,
                "chars": self.chars, "scores": self.scores()}
        if self.meta_ms is not None:
            data["meta_ms"] = round(self.meta_ms, 3)
        if self.convert_ms is not None:
            data["convert_ms"] = round(self.convert_ms, 3)
        if self.detail:
            data["error_detail"] = self.detail
        if self.meta_out:
            data["metadata"] = self.meta_out
        if self.text is not None:
            data["text"] = self.text
        return data


class PageTimeout(Exception):
    """A system ran past the per-call time limit."""


def _alarm(signum, frame) -> None:  # noqa: ANN001 - signal handler signature
    """SIGALRM handler: abort the call in progress."""
    raise PageTimeout()


def timed(fn: Callable[[], Output], timeout: float | None) -> tuple[Output, float, float]:
    """Run one extraction; its output (errors become empty outputs), wall ms and process CPU ms."""
    use_alarm = bool(timeout) and hasattr(signal, "setitimer")
    if use_alarm:
        old = signal.signal(signal.SIGALRM, _alarm)
        signal.setitimer(signal.ITIMER_REAL, timeout)
    t0, c0 = time.perf_counter(), time.process_time()
    try:
        out = fn()
    except PageTimeout:
        out = Output(error="timeout")
    except Exception as exc:  # noqa: BLE001 - a failing page must never stop the run
        out = Output(error=f"crash:{type(exc).__name__}", detail=f"{type(exc).__name__}: {exc}"[:300])
    finally:
        ms = (time.perf_counter() - t0) * 1000
        cpu_ms = (time.process_time() - c0) * 1000
        if use_alarm:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, old)
    return out, ms, cpu_ms


Scores = tuple[m.Overlap | None, m.WordScore | None, m.SnippetScore | None, dict]


def score(page: Page, out: Output, fields: tuple[str, ...] = ()) -> Scores:
    """The metrics of the page's set for one output (metadata only for the fields the system reports)."""
    if page.set == "aeb":
        return m.aeb_overlap(out.text, page.truth), None, None, {}
    word = m.word_score(out.text, page.truth)
    snip = m.snippet_score(out.text, page.with_snippets, page.without_snippets)
    truth = {"title": page.title, "author": page.author, "date": page.date}
    meta = {f: m.meta_match(f, getattr(out, f), truth[f]) for f in META_FIELDS if f in fields}
    return None, word, snip, meta


# Pages per block: each system runs over a block's pages in a row, as a service cleans one document
# after another. Timed page by page with every system in turn, each call came right after another
# library's (and the converter's) and paid for the caches they filled; 1 restores that order.
BLOCK = 16


def process_block(pages: list[Page], runs: list[RunSpec], systems: list[System], timeout: float | None = None,
                  keep_text: bool = False, repeat: int = 1) -> list[list[Record]]:
    """All runs x applicable systems on a block of pages, sequentially in this process: for each run, the
    pages are converted first, then each system runs over all of them (`repeat` times: each page's time
    is then its fastest call, other work on the machine only ever adds time). Records per page, in page order."""
    out: list[list[Record]] = [[] for _ in pages]
    htmls: list[str | None] = []
    for i, page in enumerate(pages):
        try:
            htmls.append(page.html())
        except OSError as exc:
            htmls.append(None)
            out[i] = [Record(page.set, page.id, page.page_type, page.url, r.label, s.name, 0.0, error="load",
                             detail=str(exc)) for r in runs for s in systems if r.mode in s.modes]
    loaded = [(i, page, html) for i, (page, html) in enumerate(zip(pages, htmls)) if html is not None]
    for run in runs:
        inputs = [(i, page, *_content(page, html, run)) for i, page, html in loaded]
        for system in systems:
            if run.mode not in system.modes:
                continue
            records = [_measure(page, run, system, content, convert_ms, timeout, keep_text)
                       for i, page, content, convert_ms in inputs]
            for _ in range(repeat - 1):  # timing passes over the whole block: each page keeps its fastest
                for rec, (_i, page, content, _c) in zip(records, inputs):
                    _out, ms, cpu_ms = _timed_call(page, run, system, content, timeout)
                    rec.ms, rec.cpu_ms = min(rec.ms, ms), min(rec.cpu_ms, cpu_ms)
            for rec, (i, *_rest) in zip(records, inputs):
                out[i].append(rec)
    return out


def _content(page: Page, html: str, run: RunSpec) -> tuple[str, float | None]:
    """What the systems get under this run (the HTML, or its text by the run's converter); conversion ms."""
    if run.mode != "text":
        return html, None
    t0 = time.perf_counter()
    try:
        content = page.truth if run.converter == TRUTH else CONVERTERS[run.converter](html)
    except Exception:  # noqa: BLE001 - an unconvertible page becomes an empty text
        content = ""
    return content, (time.perf_counter() - t0) * 1000


def _measure(page: Page, run: RunSpec, system: System, content: str, convert_ms: float | None,
             timeout: float | None, keep_text: bool) -> Record:
    """One timed, scored call of a system on a page."""
    out, ms, cpu_ms = _timed_call(page, run, system, content, timeout)
    fields = system.fields(run.mode)
    aeb, word, snip, meta = score(page, out, fields)
    return Record(page.set, page.id, page.page_type, page.url, run.label, system.name, ms, cpu_ms=cpu_ms,
                  error=out.error, detail=out.detail, chars=len(out.text), meta_ms=out.meta_ms,
                  convert_ms=convert_ms, aeb=aeb, word=word, snippets=snip, meta=meta,
                  meta_out={f: getattr(out, f) for f in fields}, text=out.text if keep_text else None)


def _timed_call(page: Page, run: RunSpec, system: System, content: str,
                timeout: float | None) -> tuple[Output, float, float]:
    """A system's output on a page and its wall and CPU ms, less a peer's separate metadata call."""
    out, ms, cpu_ms = timed(lambda: system.run(content, page.url, run.mode), timeout)
    if out.meta_ms is not None:  # a peer's separate metadata call is not part of its extraction time
        ms -= out.meta_ms
        cpu_ms -= out.meta_cpu_ms or 0.0
    return out, ms, cpu_ms


def warm_up(page: Page, runs: list[RunSpec], systems: list[System]) -> None:
    """One untimed pass so imports, rule loading and caches do not land on the first timed page."""
    process_block([page], runs, systems, timeout=None)


# ---------------------------------------------------------------- parallel workers (--jobs > 1)

_WORKER: dict = {}


def _init_worker(names: list[str], site_rules: bool, runs: list[RunSpec], timeout: float | None,
                 keep_text: bool, first: Page | None, repeat: int = 1) -> None:
    """Build the systems once per worker process and warm them up."""
    systems = make_systems(names, site_rules=site_rules)
    _WORKER.update(systems=systems, runs=runs, timeout=timeout, keep_text=keep_text, repeat=repeat)
    if first is not None:
        warm_up(first, runs, systems)


def _work(block: list[Page]) -> list[list[Record]]:
    """Worker entry point: one block of pages."""
    w = _WORKER
    return process_block(block, w["runs"], w["systems"], w["timeout"], w["keep_text"], w["repeat"])


def run_pages(pages: list[Page], runs: list[RunSpec], names: list[str], site_rules: bool = False,
              timeout: float | None = None, keep_text: bool = False, jobs: int = 1,
              block: int = BLOCK, repeat: int = 1) -> Iterator[list[Record]]:
    """Yield each page's records, in page order, a block of pages at a time; sequential unless jobs > 1."""
    if not pages:
        return
    size = max(1, block)
    blocks = [pages[k:k + size] for k in range(0, len(pages), size)]
    if jobs <= 1:
        systems = make_systems(names, site_rules=site_rules)
        warm_up(pages[0], runs, systems)
        for part in blocks:
            yield from process_block(part, runs, systems, timeout, keep_text, repeat)
        return
    args = (names, site_rules, runs, timeout, keep_text, pages[0], repeat)
    with ProcessPoolExecutor(max_workers=jobs, initializer=_init_worker, initargs=args) as pool:
        for records in pool.map(_work, blocks):
            yield from records
