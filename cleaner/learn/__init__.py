"""Learning a site's boilerplate: what repeats across its pages becomes a proposed rule file.

Offline (`cleaner rules learn`) from page files, or from the service's traffic (a store of block
hashes and counts per site, SQLite or Redis). See README, "Learning a site's boilerplate".
"""
from .api import learn
from .learner import BlockStat, Guards, SiteLearner
from .normalize import block_hash, line_pattern, normalize
from .observe import Block, observe
from .pages import Page, make_page, site_of
from .propose import Proposal

__all__ = ["Block", "BlockStat", "Guards", "Page", "Proposal", "SiteLearner", "block_hash", "learn",
           "line_pattern", "make_page", "normalize", "observe", "site_of"]
