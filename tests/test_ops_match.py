"""The one-search-for-all-lines scan finds exactly the lines a per-line search would."""
from __future__ import annotations

from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.doc import Doc, Unit
from cleaner.ops._match import confirmed_lines, matching_lines
from cleaner.ops.plan import Plan, Prefilter, joined_lines, scan_key
from cleaner.regex import compile_regex, phrase_regex, search_span

PATTERNS = [
    phrase_regex(["join our forum", "thank you"]),
    compile_regex(r"^\s*(?:share|tweet)(?:\s*[|/]?\s*(?:share|tweet))*\s*$"),
    compile_regex(r"share\s+this"),          # \s can cross a line break in the joined text
    compile_regex(r"you\s*$"),
    compile_regex(r"^thank"),
]
WORDS = st.sampled_from(["share", "this", "tweet", "join", "our", "forum", "thank", "you", "|", "Thank", "x"])
LINES = st.lists(st.lists(WORDS, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=12)


@settings(max_examples=300, deadline=None)
@given(lines=LINES, which=st.integers(0, len(PATTERNS) - 1))
def test_same_lines_as_a_search_per_line(lines, which):
    pattern = PATTERNS[which]
    units = [Unit(text=t, para=i) for i, t in enumerate(lines)]
    expected = [i for i, u in enumerate(units) if pattern.search(u.text)]
    confirmed = [i for i in matching_lines(units, pattern) if pattern.search(units[i].text)]
    assert confirmed == expected


def test_match_straying_across_lines_hides_nothing():
    units = [Unit(text="please share", para=0), Unit(text="this share this", para=1)]
    pattern = PATTERNS[2]
    assert [i for i in matching_lines(units, pattern) if pattern.search(units[i].text)] == [1]


def test_scanner_follows_the_pattern_text_not_the_object():
    # Patterns compiled and dropped one after another may reuse the same id(); each must be scanned as itself.
    units = [Unit(text="alpha", para=0), Unit(text="beta", para=1)]
    for word, expected in [("alpha", [0]), ("beta", [1])] * 50:
        assert matching_lines(units, compile_regex(word)) == expected


@settings(max_examples=300, deadline=None)
@given(lines=LINES, drops=st.lists(st.integers(0, 11), max_size=6), rewrite=st.booleans())
def test_prefilter_skips_only_rules_that_would_find_nothing(lines, drops, rewrite):
    # One RE2 Set pass says which rules can match; as lines are dropped (and one rewritten, as a glued
    # notice cut out of a line is) a rule is skipped only when a per-line search finds no kept line.
    rules = [SimpleNamespace(compiled=p, module=SimpleNamespace(MODES=("text",), STAGE="blocks", SCANS=True))
             for p in PATTERNS]
    plan = Plan.build(rules, "text")
    doc = Doc(mode="text", source="", units=[Unit(text=t, para=i) for i, t in enumerate(lines)])
    for step in range(len(drops) + 1):
        for rule in rules:
            if plan.skips(rule, doc):
                assert not [u for u in doc.units if u.keep and rule.compiled.search(u.text)]
        if step < len(drops):
            doc.units[drops[step] % len(doc.units)].keep = False
            if rewrite:
                doc.set_text(doc.units[0], doc.units[0].text + " share this")


def test_prefilter_cannot_tell_past_its_size_limit():
    prefilter = Prefilter([scan_key(PATTERNS[0])])
    assert prefilter.hits(b"x " * 40_000) is None
    assert prefilter.hits(b"x " * 100) == set()
    assert prefilter.hits(b"x\nthank you") == {scan_key(PATTERNS[0])}


def test_a_rule_set_plan_prefilters_its_line_rules(seed_text):
    from cleaner.engine import get_registry
    ruleset, _ = get_registry().resolve(None, seed_text, None, True)
    plan = ruleset.plan("text")
    assert plan.prefilter is not None
    phrase_rules = [r for r in plan.by_stage["blocks"] if r.op == "drop_phrase"]
    assert phrase_rules and all(scan_key(r.compiled) in plan.prefilter.keys for r in phrase_rules)
    assert ruleset.plan("text") is plan  # built once per rule set and mode


@settings(max_examples=200, deadline=None)
@given(lines=LINES, which=st.integers(0, len(PATTERNS) - 1), pos=st.integers(0, 40))
def test_search_span_is_the_public_search(lines, which, pos):
    data = "\n".join(lines).encode()
    pattern = PATTERNS[which]
    m = pattern.search(data, pos)
    assert search_span(pattern, data, pos) == (m.span() if m is not None else None)


def test_a_rewritten_line_is_scanned_afresh_by_later_rules(write_rules):
    # The first rule cuts a glued notice out of a long line; the line it leaves holds the second rule's
    # phrase, which no line held before. The prefilter's answer is stale then: the second rule must run.
    from cleaner import clean
    from cleaner.ruleset import Registry
    rules = write_rules({"_defaults.yaml": (
        "site: defaults\nversion: 1\nrules:\n"
        "  - id: notice\n    op: drop_phrase\n    category: login_notice\n    max_chars: 60\n"
        "    phrases: [Thank you for registering]\n"
        "  - id: joined\n    op: drop_phrase\n    category: boilerplate\n    max_chars: 300\n"
        "    phrases: [signed up Please read]\n")})
    body = "The council met on Tuesday to discuss the budget for the coming year at length."
    line = ("Readers who signed upThank you for registering.Please read the terms of the offer, "
            "which apply to every subscription sold this year.")
    result = clean(f"{body}\n\n{line}\n\n{body}", content_type="text", registry=Registry(dirs=[rules]))
    assert "Thank you for registering" not in result.text
    assert "signed up" not in result.text
    assert {r.rule for r in result.removed} == {"defaults:notice", "defaults:joined"}


@settings(max_examples=300, deadline=None)
@given(lines=st.lists(st.lists(WORDS, min_size=1, max_size=5).map(" ".join), min_size=1, max_size=8),
       which=st.integers(0, len(PATTERNS) - 1), inner=st.booleans())
def test_confirmed_lines_are_the_lines_a_per_line_search_finds(lines, which, inner):
    # Units may hold line breaks of their own (a <pre> block): ^ and $ must still mean the unit's ends.
    if inner and len(lines) > 1:
        lines = [lines[0] + "\n" + lines[1], *lines[2:]]
    pattern = PATTERNS[which]
    units = [Unit(text=t, para=i) for i, t in enumerate(lines)]
    expected = [i for i, u in enumerate(units) if pattern.search(u.text)]
    assert confirmed_lines(units, pattern, {}) == expected


def test_glue_cuts_found_from_the_capital_are_the_glue_pattern_s_match_ends():
    """glued_segments finds its cuts with _GLUE_CUT (from the capital); _GLUE is the definition."""
    import random

    from cleaner.ops import _text

    def by_definition(line: str) -> list[tuple[int, int]]:
        bounds = [0, *(m.end() for m in _text._GLUE.finditer(line)), len(line)]
        return [(a, b) for a, b in zip(bounds, bounds[1:]) if b > a]

    rng = random.Random(5)
    alphabet = "aBzZ.!?\u201d\"')  \u00e9\u00c0\u00ff1_\u00e0X"
    samples = ["logged inPlease refresh", "the end.Next one", "done\u201dThen", "a BcDe", "inPlease refresh your "
               "browser to be logged inThank you"]
    samples += ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 12))) for _ in range(20_000)]
    for line in samples:
        assert _text.glued_segments(line) == by_definition(line), line


@settings(max_examples=300, deadline=None)
@given(lines=LINES, inner=st.booleans())
def test_prefilter_lines_are_a_search_per_line_and_pattern(lines, inner):
    # One alternation over the joined lines and a Set per hit line give, for every pattern at once, the
    # lines a search of the pattern on each line alone finds (a unit may hold a line break of its own).
    if inner and len(lines) > 1:
        lines = [lines[0] + "\n" + lines[1], *lines[2:]]
    prefilter = Prefilter([scan_key(p) for p in PATTERNS])
    joined, starts = joined_lines(lines, None)
    found = prefilter.lines(joined, starts)
    for p in PATTERNS:
        assert found.get(scan_key(p), []) == [i for i, t in enumerate(lines) if p.search(t)]


def test_patterns_that_see_past_a_line_are_left_to_their_own_scan():
    # \A matches a line alone at its start, but only the first line of the joined text: not prefiltered
    anchored = compile_regex(r"\Athank")
    prefilter = Prefilter([scan_key(anchored), scan_key(PATTERNS[0])])
    assert prefilter.keys == [scan_key(PATTERNS[0])]
    units = [Unit(text="x", para=0), Unit(text="thank you", para=1)]
    assert confirmed_lines(units, anchored, {"prefilter": prefilter}) == confirmed_lines(units, anchored, {})


def test_no_lines_no_matches_even_for_a_pattern_that_matches_nothing():
    # a pattern that matches the empty text (here one the prefilter leaves to its own scan) found "line -1"
    anything = compile_regex(r"\A\s*")
    assert matching_lines([], anything, {}) == []
    assert confirmed_lines([], anything, {}) == []
