"""Count blocks across a site's pages and choose the ones that are boilerplate, with guard rails."""
from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field

from .normalize import normalize
from .observe import Block, is_prose

MAX_ENTRIES = 200_000     # bounded memory: past this, blocks seen on a single page are forgotten


@dataclass
class BlockStat:
    """Evidence for one block across a site's pages."""

    hash: str
    text: str | None = None   # None when only hashes are stored (traffic store)
    pages: int = 0            # distinct pages it was seen on
    in_body: int = 0          # pages where it sat inside article text
    max_frac: float = 0.0     # the largest share of a page it was
    top: int = 0              # pages where it was in the top / bottom third
    bottom: int = 0
    prev: str = ""            # neighbours on the first page it was seen on...
    next: str = ""
    context: int = 0          # ...and pages where it had one of those neighbours again
    multi: int = 0            # pages where it occurred three times or more (labels inside content)

    def add(self, b: Block) -> None:
        """Count one page's occurrence."""
        self.pages += 1
        self.in_body += b.in_body
        self.max_frac = max(self.max_frac, b.frac)
        self.top += b.position == "top"
        self.bottom += b.position == "bottom"
        self.multi += b.repeats >= 3
        if self.pages == 1:
            self.prev, self.next = b.prev, b.next
        self.context += (b.prev == self.prev and b.prev != "") or (b.next == self.next and b.next != "")
        if self.text is None:
            self.text = b.text

    @property
    def position(self) -> str | None:
        """Where the block usually sits: top, bottom, or None."""
        if self.top * 2 > self.pages:
            return "top"
        if self.bottom * 2 > self.pages:
            return "bottom"
        return None


@dataclass
class Guards:
    """The guard rails: what a block must satisfy to be proposed as boilerplate."""

    min_pages: int = 3          # seen on at least this many distinct pages...
    min_share: float = 0.5      # ...and on at least this share of the site's pages
    max_frac: float = 0.5       # never a block that is most of a page
    max_in_body: float = 0.5    # never a block that sits inside article text on this share of its pages
    short_words: int = 4        # a block this short (e.g. "css", "Summary") must also...
    min_context: float = 0.5    # ...keep a neighbour on this share of its pages (template lines do)
    middle_extra: int = 0       # blocks mostly in the middle third of pages need this many more pages

    def needed(self, site_pages: int) -> int:
        """Distinct pages a block needs for this many site pages."""
        return max(self.min_pages, math.ceil(self.min_share * site_pages))

    def verdict(self, stat: BlockStat, site_pages: int) -> str | None:
        """None if the block may be learned, else the reason it may not."""
        if stat.pages < self.needed(site_pages):
            return f"seen on {stat.pages} pages, needs {self.needed(site_pages)}"
        if self.middle_extra and stat.position is None and stat.pages < self.needed(site_pages) + self.middle_extra:
            return f"mid-page block on {stat.pages} pages, needs {self.needed(site_pages) + self.middle_extra}"
        if stat.max_frac > self.max_frac:
            return f"is {stat.max_frac:.0%} of a page"
        if stat.in_body > self.max_in_body * stat.pages:
            return f"inside article text on {stat.in_body} of {stat.pages} pages"
        if stat.text is not None and not any(c.isalpha() for c in stat.text):
            return "has no letters"
        short = stat.text is None or len(stat.text.split()) <= self.short_words
        if stat.multi * 2 > stat.pages or (short and stat.multi):
            return f"occurs 3+ times on {stat.multi} of its pages (a label inside content)"
        if short and stat.context < self.min_context * stat.pages:
            return f"short, and its neighbours change ({stat.context} of {stat.pages} pages keep one)"
        return None


@dataclass
class Decision:
    """A block that passed (reason None) or was refused by the guard rails."""

    stat: BlockStat
    reason: str | None


@dataclass
class SiteLearner:
    """Block counts for one site, fed page by page."""

    site: str
    stats: dict[str, BlockStat] = field(default_factory=dict)
    pages: int = 0
    keys: set[str] = field(default_factory=set)
    prose: dict[str, str] = field(default_factory=dict)   # hash -> normalised prose line, for the body guard

    def add_page(self, key: str, blocks: Iterable[Block]) -> bool:
        """Count a page's blocks once per distinct page; False when the page was seen already."""
        if key in self.keys:
            return False
        self.keys.add(key)
        self.pages += 1
        for b in blocks:
            stat = self.stats.get(b.hash)
            if stat is None:
                stat = self.stats[b.hash] = BlockStat(b.hash)
            stat.add(b)
            if is_prose(b.text) and len(self.prose) < MAX_ENTRIES:
                self.prose[b.hash] = normalize(b.text)
        if len(self.stats) > MAX_ENTRIES:
            self.stats = {h: s for h, s in self.stats.items() if s.pages > 1}
        return True

    def decide(self, guards: Guards) -> list[Decision]:
        """Every block seen on two pages or more, with the guard rails' verdict; best evidence first."""
        out = []
        for stat in self.stats.values():
            if stat.pages < 2:
                continue
            reason = guards.verdict(stat, self.pages) or self._inside_article(stat)
            out.append(Decision(stat, reason))
        out.sort(key=lambda d: (d.reason is not None, -d.stat.pages, d.stat.text or ""))
        return out

    def _inside_article(self, stat: BlockStat) -> str | None:
        """A block whose words also occur inside a page-unique prose line is article text, not boilerplate."""
        if stat.text is None:
            return None
        needle = normalize(stat.text)
        if len(needle.split()) < 4:
            return None   # short lines ("Home", "Read more") occur inside any prose
        for h, line in self.prose.items():
            other = self.stats.get(h)
            if (other is None or other.pages == 1) and needle in line and needle != line:
                return "also appears inside article text"
        return None
