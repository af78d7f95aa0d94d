"""Benchmark pages: lazy loading of the AEB and WCXB development sets from ../shared/bench."""
from __future__ import annotations

import gzip
import hashlib
import json
import os
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

SETS = ("aeb", "wcxb")
SET_DIRS = {"aeb": "aeb-dev", "wcxb": "wcxb-dev"}
ENV_VAR = "CLEANER_BENCH_DATA"
DEFAULT_SEED = 20240601
SPLITS = ("all", "held-out", "train")
HELD_OUT_SHARE = 20   # percent of hosts kept out of model training (scripts/train_text_model.py)


class DataError(Exception):
    """The benchmark data directory is missing or malformed."""


@dataclass(frozen=True)
class Page:
    """One benchmark page: where its HTML lives and what a correct output is."""

    set: str
    id: str
    url: str | None
    html_path: Path
    truth: str                      # the clean main text (AEB articleBody / WCXB main_content)
    page_type: str = "article"      # WCXB _internal.page_type.primary; AEB pages are all articles
    with_snippets: tuple[str, ...] = ()
    without_snippets: tuple[str, ...] = ()
    title: str | None = None
    author: str | None = None
    date: str | None = None

    def html(self) -> str:
        """The page as fetched, gunzipped and decoded as UTF-8 with replacement."""
        with gzip.open(self.html_path, "rb") as fh:
            return fh.read().decode("utf-8", errors="replace")


def default_data_dir() -> Path:
    """$CLEANER_BENCH_DATA, else ../shared/bench beside the repository root."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parent.parent
    return (repo / ".." / "shared" / "bench").resolve()


def load_aeb(root: Path) -> list[Page]:
    """All AEB pages (ground-truth.json + html/<id>.html.gz), sorted by id."""
    base = root / SET_DIRS["aeb"]
    gt_file = base / "ground-truth.json"
    if not gt_file.is_file():
        raise DataError(f"AEB ground truth not found: {gt_file}")
    truth = json.loads(gt_file.read_text(encoding="utf-8"))
    pages = []
    for pid in sorted(truth):
        entry = truth[pid]
        pages.append(Page(set="aeb", id=pid, url=entry.get("url"), html_path=base / "html" / f"{pid}.html.gz",
                          truth=entry.get("articleBody") or ""))
    return pages


def _page_type(doc: dict) -> str:
    """The WCXB primary page type, falling back to the ground truth's own field."""
    pt = (doc.get("_internal") or {}).get("page_type") or {}
    primary = pt.get("primary") if isinstance(pt, dict) else None
    if not primary:
        gt_pt = (doc.get("ground_truth") or {}).get("page_type")
        primary = gt_pt.get("primary") if isinstance(gt_pt, dict) else gt_pt
    return str(primary or "unknown")


def load_wcxb(root: Path) -> list[Page]:
    """All WCXB pages (ground-truth/<id>.json + html/<id>.html.gz), sorted by id."""
    base = root / SET_DIRS["wcxb"]
    gt_dir = base / "ground-truth"
    if not gt_dir.is_dir():
        raise DataError(f"WCXB ground truth not found: {gt_dir}")
    pages = []
    for gt_file in sorted(gt_dir.glob("*.json")):
        doc = json.loads(gt_file.read_text(encoding="utf-8"))
        gt = doc.get("ground_truth") or {}
        pid = gt_file.stem
        pages.append(Page(
            set="wcxb", id=pid, url=doc.get("url"), html_path=base / "html" / f"{pid}.html.gz",
            truth=gt.get("main_content") or "", page_type=_page_type(doc),
            with_snippets=tuple(s for s in gt.get("with") or () if isinstance(s, str)),
            without_snippets=tuple(s for s in gt.get("without") or () if isinstance(s, str)),
            title=gt.get("title") or None, author=gt.get("author") or None,
            date=gt.get("publish_date") or None,
        ))
    return pages


LOADERS = {"aeb": load_aeb, "wcxb": load_wcxb}


def host(url: str | None) -> str:
    """A page's host without www.: the unit the held-out split (and the training folds) are drawn by."""
    return (urlsplit(url or "").hostname or "").removeprefix("www.")


def held_out(url: str | None, share: int = HELD_OUT_SHARE) -> bool:
    """Whether a page's host (without www.) hashes into the fifth never used to train cleaner's models."""
    return int(hashlib.sha1(host(url).encode()).hexdigest(), 16) % 100 < share


def in_split(page: Page, split: str) -> bool:
    """Whether a page belongs to a split: all, held-out (by host hash) or train (the rest)."""
    return split == "all" or held_out(page.url) == (split == "held-out")


def select(pages: list[Page], limit: int | None = None, sample: bool = False,
           seed: int = DEFAULT_SEED, ids: set[str] | None = None) -> list[Page]:
    """Filter by id, then keep the first `limit` pages, or a seeded random sample of that size."""
    if ids:
        pages = [p for p in pages if p.id in ids]
    if limit is None or limit >= len(pages):
        return list(pages)
    if sample:
        chosen = random.Random(seed).sample(range(len(pages)), limit)
        return [pages[i] for i in sorted(chosen)]
    return list(pages[:limit])


def load(sets: list[str], root: Path | None = None, limit: int | None = None, sample: bool = False,
         seed: int = DEFAULT_SEED, ids: set[str] | None = None, page_types: set[str] | None = None,
         split: str = "all") -> list[Page]:
    """Pages of the named sets (split, ids and types, then limit/sample per set); HTML stays on disk."""
    root = Path(root) if root else default_data_dir()
    if not root.is_dir():
        raise DataError(f"benchmark data directory not found: {root} (use --data or ${ENV_VAR})")
    out: list[Page] = []
    for name in sets:
        pages = LOADERS[name](root)
        pages = [p for p in pages if in_split(p, split) and (not page_types or p.page_type in page_types)]
        out.extend(select(pages, limit, sample, seed, ids))
    return out


def iter_html(pages: list[Page]) -> Iterator[tuple[Page, str]]:
    """Each page with its HTML, read one at a time."""
    for page in pages:
        yield page, page.html()
