"""The traffic store in Redis: shared by every worker of every replica. Same contract as SQLiteStore.

Per site, three keys: a sorted set of page keys (to count each page once), a hash of block counters
(fields "<hash>|<counter>"), and a sorted set of block hashes by last sighting (for expiry and the
size bound). One Lua script records a page atomically, so concurrent workers never double-count.
"""
from __future__ import annotations

import time

from .learner import BlockStat
from .observe import Block
from .store import StoreConfig

_RECORD = """
local pages, blocks, seen, sites = KEYS[1], KEYS[2], KEYS[3], KEYS[4]
local page, now, site, mode, promote, ttl = ARGV[1], ARGV[2], ARGV[3], ARGV[4], tonumber(ARGV[5]), ARGV[6]
if redis.call('ZADD', pages, 'NX', now, page) == 0 then return 0 end
local i = 7
while i <= #ARGV do
  local h, in_body, frac, top, bottom, prev, nxt, multi, text =
    ARGV[i], ARGV[i+1], ARGV[i+2], ARGV[i+3], ARGV[i+4], ARGV[i+5], ARGV[i+6], ARGV[i+7], ARGV[i+8]
  local n = redis.call('HINCRBY', blocks, h .. '|p', 1)
  redis.call('HINCRBY', blocks, h .. '|i', in_body)
  redis.call('HINCRBY', blocks, h .. '|t', top)
  redis.call('HINCRBY', blocks, h .. '|b', bottom)
  redis.call('HINCRBY', blocks, h .. '|m', multi)
  local old = tonumber(redis.call('HGET', blocks, h .. '|f') or '0')
  if tonumber(frac) > old then redis.call('HSET', blocks, h .. '|f', frac) end
  if n == 1 then
    redis.call('HSET', blocks, h .. '|<', prev, h .. '|>', nxt, h .. '|c', 1)
    if mode == 'all' then redis.call('HSET', blocks, h .. '|x', text) end
  else
    local p0, n0 = redis.call('HGET', blocks, h .. '|<'), redis.call('HGET', blocks, h .. '|>')
    if (prev ~= '' and prev == p0) or (nxt ~= '' and nxt == n0) then redis.call('HINCRBY', blocks, h .. '|c', 1) end
    if mode == 'promoted' and n >= promote and redis.call('HEXISTS', blocks, h .. '|x') == 0 then
      redis.call('HSET', blocks, h .. '|x', text)
    end
  end
  redis.call('ZADD', seen, now, h)
  i = i + 9
end
redis.call('HINCRBY', sites, site, 1)
for _, k in ipairs({pages, blocks, seen}) do redis.call('EXPIRE', k, ttl) end
return 1
"""

_FIELDS = ("p", "i", "t", "b", "m", "f", "<", ">", "c", "x")


class RedisStore:
    """Block counts per site in Redis (CLEANER_REDIS_URL)."""

    def __init__(self, url: str, config: StoreConfig | None = None, prefix: str = "cleaner:learn:") -> None:
        import redis  # optional dependency: the `redis` extra
        self.client = redis.Redis.from_url(url, socket_timeout=5, socket_connect_timeout=5)
        self.config = config or StoreConfig()
        self.prefix = prefix
        self._record = self.client.register_script(_RECORD)
        self._records = 0

    def _keys(self, site: str) -> list[str]:
        p = self.prefix
        return [f"{p}pages:{site}", f"{p}blocks:{site}", f"{p}seen:{site}", f"{p}sites"]

    def record(self, site: str, page: str, blocks: list[Block]) -> bool:
        """Count one page's blocks for a site; False when the page was seen before."""
        cfg = self.config
        args: list = [page, repr(time.time()), site, cfg.store_text, cfg.promote_at, int(cfg.ttl)]
        for b in blocks:
            args += [b.hash, int(b.in_body), f"{b.frac:.4f}", int(b.position == "top"),
                     int(b.position == "bottom"), b.prev, b.next, int(b.repeats >= 3),
                     b.text if cfg.store_text != "never" else ""]
        done = bool(self._record(keys=self._keys(site), args=args))
        self._records += done
        if done and self._records % cfg.prune_every == 0:
            self.prune(site)
        return done

    def prune(self, site: str | None = None) -> None:
        """Forget blocks unseen for ttl, and the oldest past the per-site bound."""
        cfg = self.config
        sites = [site] if site else [s.decode() for s in self.client.hkeys(f"{self.prefix}sites")]
        cutoff = time.time() - cfg.ttl
        for s in sites:
            pages_key, blocks_key, seen_key, _ = self._keys(s)
            old = self.client.zrangebyscore(seen_key, "-inf", cutoff)
            excess = self.client.zcard(seen_key) - len(old) - cfg.max_blocks
            if excess > 0:
                old += self.client.zrange(seen_key, len(old), len(old) + excess - 1)
            if old:
                pipe = self.client.pipeline()
                pipe.hdel(blocks_key, *[h + b"|" + f.encode() for h in old for f in _FIELDS])
                pipe.zrem(seen_key, *old)
                pipe.execute()
            self.client.zremrangebyscore(pages_key, "-inf", cutoff)
            extra_pages = self.client.zcard(pages_key) - cfg.max_pages
            if extra_pages > 0:
                self.client.zremrangebyrank(pages_key, 0, extra_pages - 1)

    def site_pages(self, site: str) -> int:
        """Distinct pages recorded for a site."""
        return int(self.client.hget(f"{self.prefix}sites", site) or 0)

    def stats(self, site: str, min_pages: int = 2) -> list[BlockStat]:
        """Blocks of a site seen on at least min_pages pages, most frequent first."""
        raw = self.client.hgetall(self._keys(site)[1])
        by_hash: dict[str, dict[str, bytes]] = {}
        for key, value in raw.items():
            h, _, f = key.decode().rpartition("|")
            by_hash.setdefault(h, {})[f] = value
        out = []
        for h, v in by_hash.items():
            pages = int(v.get("p", 0))
            if pages < min_pages:
                continue
            text = v.get("x")
            out.append(BlockStat(hash=h, text=text.decode() if text else None, pages=pages,
                                 in_body=int(v.get("i", 0)), max_frac=float(v.get("f", 0)), top=int(v.get("t", 0)),
                                 bottom=int(v.get("b", 0)), prev=v.get("<", b"").decode(),
                                 next=v.get(">", b"").decode(), context=int(v.get("c", 0)), multi=int(v.get("m", 0))))
        out.sort(key=lambda s: (-s.pages, s.hash))
        return out

    def sites(self) -> list[tuple[str, int]]:
        """(site, pages) for every site with recorded pages."""
        return sorted((k.decode(), int(v)) for k, v in self.client.hgetall(f"{self.prefix}sites").items())

    def size(self, site: str) -> int:
        """Blocks stored for a site."""
        return int(self.client.zcard(self._keys(site)[2]))
