"""norm's shortcut (ops/_text.py) against splitting and joining."""
from __future__ import annotations

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.ops._text import norm
from cleaner.textpath.lines import SPACES

from .test_text_lines import LINE_CHARS


@settings(max_examples=400, deadline=None)
@given(st.lists(LINE_CHARS | st.sampled_from(["\u00ad", "\u200b", "\ufb01", "\u2019", "\u201c", "Q", "\u0130"]),
                max_size=30).map("".join))
def test_norm_as_split_and_join(text):
    """norm's shortcut for a printable text without double, leading or trailing spaces changes nothing."""
    t = unicodedata.normalize("NFKC", text)
    t = t.replace("\u2019", "'").replace("\u2018", "'").replace("\u201c", '"').replace("\u201d", '"')
    assert norm(text) == " ".join(t.split()).casefold()


def test_every_space_but_the_space_is_unprintable():
    assert [c for c in SPACES if chr(c).isprintable()] == [32]
