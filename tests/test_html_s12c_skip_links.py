"""Skip links ("Skip to main content", "Jump to navigation") and a contents box's "Table of Contents" label
are controls, not text (html:button); a "Jump to a section:" lead-in and a longer heading stay."""
from __future__ import annotations

from cleaner import clean

PARAS = [
    "Refinishing a piece of furniture starts with cleaning it well: years of polish and grime will stop "
    "the new finish from bonding, so wash it with warm soapy water and let it dry completely overnight.",
    "Next, strip or sand the old finish, working with the grain, and finish with a fine paper so that the "
    "surface is smooth to the touch; wipe off the dust with a damp cloth before you go on.",
    "Apply the stain in thin coats with a brush or a rag, wipe off what the wood does not take up, and "
    "let each coat dry for the time the maker gives before adding the next one or the top coat.",
]


def _page(line: str) -> str:
    return ("<html><body><div class='entry-content'>"
            f"<p>{PARAS[0]}</p><p>{line}</p><p>{PARAS[1]}</p><p>{PARAS[2]}</p></div></body></html>")


def test_skip_links_and_the_contents_label_go():
    for line in ("Skip to main content", "Jump to navigation", "Skip to product list", "Table of Contents"):
        r = clean(_page(line), "https://example.com/guide", content_type="html", site_rules=False)
        assert PARAS[0] in r.text and PARAS[2] in r.text
        assert line not in r.text, line


def test_a_lead_in_to_the_sections_stays():
    for line in ("Jump to a section:", "Table of contents of the annual report"):
        r = clean(_page(line), "https://example.com/guide", content_type="html", site_rules=False)
        assert line in r.text, line
