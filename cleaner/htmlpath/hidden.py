"""Hidden elements and form controls: removed before scoring, unless they hold the page's own text (a
script-revealed main, tab panels, collapsed panels and FAQ answers one click away)."""
from __future__ import annotations

from .features import CONTROL_TAGS, JUNK_TAGS, is_hidden
from .tree import remove_element, visible_chars


def strip_junk(root, report=None, answers: bool = False) -> None:
    """Remove scripts, styles, form controls and hidden elements, keeping the text around them. Each
    control or hidden element removed is passed to report(el, why) first, so `removed` can list it
    (scripts and styles hold no text of the page). With `answers`, a collapsed answer under its question
    stays (see _answer)."""
    junk, hidden, controlled = [], [], set()
    for el in root.iter():
        if not isinstance(el.tag, str) or el.tag in JUNK_TAGS:
            junk.append(el)
            continue
        if el.tag in CONTROL_TAGS or (el.tag not in ("html", "body") and is_hidden(el)):
            hidden.append(el)
        ids = el.get("aria-controls")
        if ids:
            controlled.update(ids.split())
    for el in junk:  # a descendant of an already removed element goes with a detached tree: harmless
        remove_element(el)
    if hidden:
        # pages that reveal their whole content by script ("anti-flicker") hide it in the HTML;
        # measured after the junk is gone, in visible characters (indentation is not text)
        body = root.find("body") if root.tag == "html" else None
        total = visible_chars(body if body is not None else root)
        for el in hidden:
            if el.getparent() is None:
                continue
            size = visible_chars(el)
            small = size < min(0.3 * total, 2000 if el.tag in CONTROL_TAGS else total) and not _holds_main(el, size)
            if (small or _unread(el)) and not _hidden_tab(el) and not _panel(el, size, controlled) \
                    and not (answers and _answer(el, size)):
                if report is not None:
                    report(el, "form control" if el.tag in CONTROL_TAGS else "hidden in the page")
                remove_element(el)


def _unread(el) -> bool:
    """A hidden element also marked aria-hidden="true": kept from screen readers as well as from the screen
    (a raw copy of the article for a "copy as Markdown" button), not a script-revealed main however much
    text it holds (a collapsed panel or tab still counts as one)."""
    return el.get("hidden") is not None and (el.get("aria-hidden") or "").strip().lower() == "true"


def _hidden_tab(el) -> bool:
    """Whether a hidden element is one of a set of tab panels: marked role="tabpanel", or a sibling with its
    tag and class is shown (the page shows one panel at a time by script; each holds content: a code
    sample per language, a product's specs beside its description)."""
    if el.tag in CONTROL_TAGS:
        return False
    if (el.get("role") or "").lower() == "tabpanel":  # an ARIA tab set's panel: one tab away
        return True
    if not el.get("class"):
        return False
    key = el.get("class")
    return any(sib.tag == el.tag and sib.get("class") == key and not is_hidden(sib)
               for sib in (*el.itersiblings(), *el.itersiblings(preceding=True)))


def _panel(el, size: int, controlled: set) -> bool:
    """Whether a hidden element (of `size` visible characters) is a collapsed panel that a control on the
    page opens (an accordion's section, a "Details" drawer: the element or one inside it is named by an
    aria-controls): one click away, its text is the page's own, as a <details> element's is."""
    if not controlled or el.tag in CONTROL_TAGS:
        return False
    if not any(e.get("id") in controlled for e in el.iter() if isinstance(e.tag, str) and e.get("id")):
        return False
    return size > 0 and _reads_as_text(el, size)


def _reads_as_text(el, size: int) -> bool:
    """Whether a hidden element of `size` visible characters holds text to read: not a shop's filters
    (check boxes, a store finder) nor a menu's popover (links make up half of it)."""
    if el.find(".//input") is not None or el.find(".//select") is not None:
        return False
    return sum(visible_chars(a) for a in el.iter("a")) < 0.5 * size


QUESTION_MAX = 200  # characters of the question a collapsed answer follows


def _answer(el, size: int) -> bool:
    """Whether a hidden element is the collapsed answer to the question just before it (an FAQ whose
    script opens the answer under its question, with no aria-controls to say so): the nearest text before
    it, among its siblings or its parent's, is a short question, and it holds prose, not links or fields."""
    if el.tag in CONTROL_TAGS or size == 0:
        return False
    question = ""
    node = el
    for _ in range(2):
        for sib in node.itersiblings(preceding=True):
            if isinstance(sib.tag, str) and sib.tag not in JUNK_TAGS:
                question = " ".join(sib.text_content().split())
                if question:
                    break
        if question or node.getparent() is None:
            break
        node = node.getparent()
    return question.endswith("?") and len(question) <= QUESTION_MAX and _reads_as_text(el, size)


def _holds_main(el, size: int) -> bool:
    """Whether a hidden element wraps the page's main content: a <main>/<article> inside it, or most of
    the <main> it sits in (a "lockdown"/"anti-flicker" wrapper revealed by script)."""
    if size < 200 or el.tag in CONTROL_TAGS:
        return False
    if el.find(".//main") is not None or el.find(".//article") is not None:
        return True
    for anc in el.iterancestors("main"):
        return size >= 0.5 * visible_chars(anc)
    return False
