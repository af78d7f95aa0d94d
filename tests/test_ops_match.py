"""The one-search-for-all-lines scan finds exactly the lines a per-line search would."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner.doc import Unit
from cleaner.ops._match import matching_lines
from cleaner.ops.plan import Prefilter, scan_key
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
def test_prefilter_skips_only_patterns_that_match_nothing(lines, drops, rewrite):
    # One RE2 Set pass says which rules can match; as lines are dropped (and one rewritten, as a glued
    # notice cut out of a line does) every pattern still finds exactly what a per-line search finds.
    prefilter = Prefilter([scan_key(p) for p in PATTERNS])
    cache = {"scan": prefilter}
    units = [Unit(text=t, para=i) for i, t in enumerate(lines)]
    for step in range(len(drops) + 1):
        for pattern in PATTERNS:
            expected = [i for i, u in enumerate(units) if pattern.search(u.text)]
            found = [i for i in matching_lines(units, pattern, cache) if pattern.search(units[i].text)]
            assert found == expected
        if step < len(drops) and units:
            units = [u for i, u in enumerate(units) if i != drops[step] % len(units)]
            if rewrite and units:
                units[0].text = units[0].text + " share this"


def test_prefilter_answers_for_the_whole_text_past_its_size_limit():
    units = [Unit(text="x " * 1000, para=i) for i in range(40)] + [Unit(text="thank you", para=40)]
    cache = {"scan": Prefilter([scan_key(PATTERNS[0])])}
    assert matching_lines(units, PATTERNS[0], cache) == [40]


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
