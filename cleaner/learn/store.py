"""The traffic store: per site, counts of block hashes over distinct pages (SQLite here, Redis in redis_store).

Only hashes and counts are stored, with one exception a rule needs: the text of a block that has been
seen on `promote_at` distinct pages of a site (i.e. that is already known to be a repeated block, not
anybody's article) is kept so a rule can be written for it. store_text="never" keeps hashes only;
"all" keeps every block's text (for debugging). Memory and disk are bounded: entries expire after
ttl seconds unseen, and each site keeps at most max_blocks blocks (the rarest, oldest go first).
"""
from __future__ import annotations

import hashlib
import os
import sqlite3
import threading
import time
from dataclasses import dataclass
from pathlib import Path

from .learner import BlockStat
from .observe import Block


@dataclass
class StoreConfig:
    """Bounds and privacy settings shared by the SQLite and Redis stores."""

    ttl: float = 30 * 86400          # seconds an unseen block or page is remembered
    max_blocks: int = 20_000         # per site
    max_pages: int = 100_000         # page keys remembered per site, to count each page once
    store_text: str = "promoted"     # never | promoted | all
    promote_at: int = 3              # distinct pages before a block's text is kept ("promoted")
    prune_every: int = 200           # records between prunes (per process)


def page_key(url: str | None, text: str) -> str:
    """A page's identity as stored: a hash of its URL, else of its content (never the URL itself)."""
    return hashlib.sha1((url or text).encode("utf-8", "replace")).hexdigest()[:20]


_SCHEMA = """
CREATE TABLE IF NOT EXISTS pages (site TEXT NOT NULL, page TEXT NOT NULL, seen REAL NOT NULL,
                                  PRIMARY KEY (site, page)) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS blocks (site TEXT NOT NULL, hash TEXT NOT NULL, pages INTEGER NOT NULL,
    in_body INTEGER NOT NULL, max_frac REAL NOT NULL, top INTEGER NOT NULL, bottom INTEGER NOT NULL,
    prev TEXT NOT NULL, next TEXT NOT NULL, context INTEGER NOT NULL, multi INTEGER NOT NULL,
    last_seen REAL NOT NULL, text TEXT, PRIMARY KEY (site, hash)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS blocks_seen ON blocks (last_seen);
CREATE INDEX IF NOT EXISTS pages_seen ON pages (seen);
CREATE TABLE IF NOT EXISTS sites (site TEXT PRIMARY KEY, pages INTEGER NOT NULL, updated REAL NOT NULL);
"""

_UPSERT = """
INSERT INTO blocks VALUES (:site, :hash, 1, :in_body, :frac, :top, :bottom, :prev, :next, 1, :multi, :now,
                           CASE WHEN :keep_all THEN :text END)
ON CONFLICT (site, hash) DO UPDATE SET
    pages = pages + 1, in_body = in_body + :in_body, max_frac = max(max_frac, :frac),
    top = top + :top, bottom = bottom + :bottom, multi = multi + :multi, last_seen = :now,
    context = context + ((prev = :prev AND :prev != '') OR (next = :next AND :next != '')),
    text = CASE WHEN text IS NULL AND :keep_promoted AND pages + 1 >= :promote_at THEN :text ELSE text END
"""


class SQLiteStore:
    """One SQLite file shared by every worker process on a host (WAL mode, busy timeout)."""

    def __init__(self, path: str | Path, config: StoreConfig | None = None) -> None:
        self.path = str(path)
        self.config = config or StoreConfig()
        self._local = threading.local()
        self._records = 0
        if self.path != ":memory:":
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        self._conn().executescript(_SCHEMA)

    def _conn(self) -> sqlite3.Connection:
        conn = getattr(self._local, "conn", None)
        if conn is None or getattr(self._local, "pid", None) != os.getpid():
            # a connection must not cross a fork (gunicorn workers): each process opens its own
            conn = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=True)
            conn.execute("PRAGMA journal_mode=WAL")      # readers never block the writer
            conn.execute("PRAGMA busy_timeout=30000")     # writers from other workers wait their turn
            conn.execute("PRAGMA synchronous=NORMAL")
            self._local.conn, self._local.pid = conn, os.getpid()
        return conn

    def record(self, site: str, page: str, blocks: list[Block]) -> bool:
        """Count one page's blocks for a site; False (nothing counted) when the page was seen before."""
        cfg, now = self.config, time.time()
        conn = self._conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            if conn.execute("INSERT OR IGNORE INTO pages VALUES (?, ?, ?)", (site, page, now)).rowcount == 0:
                conn.execute("ROLLBACK")
                return False
            conn.executemany(_UPSERT, [{
                "site": site, "hash": b.hash, "in_body": int(b.in_body), "frac": b.frac,
                "top": int(b.position == "top"), "bottom": int(b.position == "bottom"), "prev": b.prev,
                "next": b.next, "multi": int(b.repeats >= 3), "now": now, "text": b.text,
                "keep_all": cfg.store_text == "all", "keep_promoted": cfg.store_text == "promoted",
                "promote_at": cfg.promote_at} for b in blocks])
            conn.execute("INSERT INTO sites VALUES (?, 1, ?) ON CONFLICT (site) DO UPDATE SET "
                         "pages = pages + 1, updated = excluded.updated", (site, now))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        self._records += 1
        if self._records % cfg.prune_every == 0:
            self.prune(site)
        return True

    def prune(self, site: str | None = None) -> None:
        """Forget what expired, and the rarest, oldest blocks past the per-site bound."""
        cfg, conn = self.config, self._conn()
        cutoff = time.time() - cfg.ttl
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("DELETE FROM blocks WHERE last_seen < ?", (cutoff,))
            conn.execute("DELETE FROM pages WHERE seen < ?", (cutoff,))
            sites = [site] if site else [r[0] for r in conn.execute("SELECT site FROM sites")]
            for s in sites:
                for table, limit, order in (("blocks", cfg.max_blocks, "pages ASC, last_seen ASC"),
                                            ("pages", cfg.max_pages, "seen ASC")):
                    key = "hash" if table == "blocks" else "page"
                    excess = conn.execute(f"SELECT count(*) FROM {table} WHERE site = ?", (s,)).fetchone()[0] - limit
                    if excess > 0:
                        conn.execute(f"DELETE FROM {table} WHERE site = ? AND {key} IN (SELECT {key} FROM {table} "
                                     f"WHERE site = ? ORDER BY {order} LIMIT ?)", (s, s, excess))
            conn.execute("DELETE FROM sites WHERE updated < ?", (cutoff,))
            conn.execute("COMMIT")
        except BaseException:
            conn.execute("ROLLBACK")
            raise

    def site_pages(self, site: str) -> int:
        """Distinct pages recorded for a site."""
        row = self._conn().execute("SELECT pages FROM sites WHERE site = ?", (site,)).fetchone()
        return row[0] if row else 0

    def stats(self, site: str, min_pages: int = 2) -> list[BlockStat]:
        """Blocks of a site seen on at least min_pages pages, most frequent first."""
        rows = self._conn().execute(
            "SELECT hash, text, pages, in_body, max_frac, top, bottom, prev, next, context, multi FROM blocks "
            "WHERE site = ? AND pages >= ? ORDER BY pages DESC, hash", (site, min_pages)).fetchall()
        return [BlockStat(hash=r[0], text=r[1], pages=r[2], in_body=r[3], max_frac=r[4], top=r[5], bottom=r[6],
                          prev=r[7], next=r[8], context=r[9], multi=r[10]) for r in rows]

    def sites(self) -> list[tuple[str, int]]:
        """(site, pages) for every site with recorded pages."""
        return [(r[0], r[1]) for r in self._conn().execute("SELECT site, pages FROM sites ORDER BY site")]

    def size(self, site: str) -> int:
        """Blocks stored for a site (for the bounds tests and metrics)."""
        return self._conn().execute("SELECT count(*) FROM blocks WHERE site = ?", (site,)).fetchone()[0]
