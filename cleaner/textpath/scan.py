"""One compiled pass over a text's characters: the per-line counts behind the line features (numba).

The line classifier runs on every whole page, and a page's features were a hundred-odd numpy passes
over its characters, each cheap but each paying numpy's call overhead and a trip through memory. This
kernel reads every character once, line by line, and counts what features.line_rows needs: tokens,
word characters, title-case tokens, stop words, slug and title words, digits, commas, the hash of the
lower-case line and of its first word, the marker substrings (legal, URL, review, comment, currency),
menu separators and list marks. It is compiled by numba on first use and cached on disk
(NUMBA_CACHE_DIR, or __pycache__ beside this file), so a process pays the compilation once per install.

The definitions are features.line_rows_slow's; tests/test_text_features.py checks them column by column.
"""
from __future__ import annotations

from functools import lru_cache

import numpy as np
from numba import njit

from . import charclass as cc

# Groups of marker substrings: rows of the hits matrix line_counts returns.
LEGAL, URLISH, REVIEW, COMMENT, CURRENCY = range(5)
# Rows of the counts matrix line_counts returns, in this order.
COUNTS = ("tokens", "stop", "digits", "wordchars", "title", "commas", "in_slug", "in_title", "separators",
          "list_mark", "has_token", "dateish")

# Rows of the lexicon figures line_counts returns: the sum, count, min and max of the numbers of a line's
# known words, and its first word's number (0 when not known or none is).
LEX = ("sum", "known", "min", "max", "first", "tokens")

_U64 = np.uint64
_SEPARATOR_MIDS = np.array([ord(c) for c in "|\u2022\u00b7\u00bb\u203a/ "], np.int64)  # " X " separators


def needle_table(groups: list[tuple[int, tuple[str, ...]]]) -> tuple[np.ndarray, ...]:
    """Needles as arrays: code points (padded with -1), lengths and groups, sorted by first character;
    and, per first character (below 2**16), where its needles start and end in that order."""
    items = sorted((needle, g) for g, needles in groups for needle in needles)
    chars = np.full((len(items), max(len(n) for n, _ in items)), -1, np.int64)
    for k, (needle, _) in enumerate(items):
        chars[k, :len(needle)] = [ord(c) for c in needle]
    lengths = np.array([len(n) for n, _ in items], np.int64)
    group = np.array([g for _, g in items], np.int64)
    first, end = np.zeros(1 << 16, np.int64), np.zeros(1 << 16, np.int64)
    for k in range(len(items) - 1, -1, -1):
        first[chars[k, 0]] = k
    for k in range(len(items)):
        end[chars[k, 0]] = k + 1
    return chars, lengths, group, first, end


def automaton(groups: list[tuple[int, tuple[str, ...]]]) -> tuple[np.ndarray, np.ndarray]:
    """Aho-Corasick over ASCII lower-case needles: the transition table (state x character below 128) and,
    per state, the bit mask of the groups of the needles that end there. One lookup per character then
    finds every occurrence of every needle."""
    goto: list[dict[int, int]] = [{}]
    accept = [0]
    for g, needles in groups:
        for needle in needles:
            state = 0
            for ch in needle.encode("ascii"):
                if ch not in goto[state]:
                    goto.append({})
                    accept.append(0)
                    goto[state][ch] = len(goto) - 1
                state = goto[state][ch]
            accept[state] |= 1 << g
    delta = np.zeros((len(goto), 128), np.int16)
    fail = [0] * len(goto)
    queue = []
    for ch, nxt in goto[0].items():
        delta[0, ch] = nxt
        queue.append(nxt)
    while queue:  # breadth first: a state's failure link is settled before its children's
        state = queue.pop(0)
        accept[state] |= accept[fail[state]]
        for ch in range(128):
            nxt = goto[state].get(ch)
            if nxt is None:
                delta[state, ch] = delta[fail[state], ch]
            else:
                delta[state, ch] = nxt
                fail[nxt] = int(delta[fail[state], ch])
                queue.append(nxt)
    return delta, np.array(accept, np.uint8)


def hash_table(keys: np.ndarray) -> tuple[np.ndarray, int]:
    """Open addressing (linear probing) from the top bits of each key; 0 marks an empty slot. Returns
    the slots and the shift that leaves those bits."""
    bits = max(4, (4 * max(1, len(keys))).bit_length())
    slots = np.zeros(1 << bits, np.uint64)
    for key in keys.tolist():
        at = key >> (64 - bits)
        while slots[at] != 0 and slots[at] != key:
            at = (at + 1) & ((1 << bits) - 1)
        slots[at] = key
    return slots, 64 - bits


def value_table(keys: np.ndarray, values: np.ndarray) -> tuple[np.ndarray, int]:
    """Open addressing (linear probing, at most half full) of keys with a float64 value each, interleaved in
    one array (slot k: key at 2k, the value's bits at 2k + 1) so that a probe reads one cache line: the
    lexicon is probed for every token of a page, and two tables (keys, then values) cost two cache misses
    per token on a cold page. 0 marks an empty slot; a key given twice keeps its first value."""
    bits = max(4, (2 * max(1, len(keys)) - 1).bit_length())
    table = np.zeros(2 << bits, np.uint64)
    bits_of = np.asarray(values, np.float64).view(np.uint64)
    for key, v in zip(keys.tolist(), bits_of.tolist()):
        at = key >> (64 - bits)
        while table[2 * at] != 0 and table[2 * at] != key:
            at = (at + 1) & ((1 << bits) - 1)
        if table[2 * at] == 0:
            table[2 * at], table[2 * at + 1] = key, v
    return table, 64 - bits


@njit(cache=True, nogil=True, inline="always")
def _value(table, shift, key) -> int:
    """The slot of key in a value_table (its value: the table's float64 view at 2 * slot + 1), or -1."""
    at = np.int64(key >> _U64(shift))
    mask = len(table) // 2 - 1
    while table[2 * at] != 0:
        if table[2 * at] == key:
            return at
        at = (at + 1) & mask
    return -1


@njit(cache=True, nogil=True, inline="always")
def _member(slots, shift, key) -> bool:
    """Whether key is in a hash_table."""
    at = np.int64(key >> _U64(shift))
    mask = len(slots) - 1
    while slots[at] != 0:
        if slots[at] == key:
            return True
        at = (at + 1) & mask
    return False


@njit(cache=True, nogil=True)
def line_counts(cp, flags, lowv, starts, ends, stop_slots, stop_shift, word_starts, word_kinds,
                delta, accept, raw_needles, raw_len, raw_group, raw_first, raw_end, bits, p,
                lex_table, lex_shift):
    """Per-line counts (rows as in COUNTS), marker hits (one row per group), line and first-word hashes,
    and the lexicon's figures per line (rows as in LEX: lex_table holds the hashes of the lexicon's words and
    their numbers as a value_table; an empty table costs one probe per token).

    cp, flags, lowv: code points, charclass flags and lower-case hash values of the joined lines, then
    of the slug and title words (each followed by one separator); starts and ends: each line's span;
    word_starts: where each word starts (word_kinds: 1 slug, 2 title, 3 both); delta and accept: the
    automaton of the lower-case markers, run over the ASCII lower case of each line (other characters
    read as '?'); raw_*: needle_table of the markers found in the text itself; bits: charclass.BITS;
    p: the hash multiplier (charclass.HASH_BASE). The flag bits and the multiplier come in as arguments,
    not as globals: numba would compile another module's globals into its cache, which only changes
    of this file invalidate.
    """
    W, UPT, LO, D, LONGER, DIGIT, COMMA, MARK, SEP_MID, TERM, SPACE = bits
    n = len(starts)
    counts = np.zeros((len(COUNTS), n), np.int64)
    hits = np.zeros((5, n), np.bool_)
    line_hash = np.zeros(n, np.uint64)
    first_hash = np.zeros(n, np.uint64)
    word_slots, word_index, word_shift = _word_table(flags, lowv, word_starts, W, p)
    seen = np.full(len(word_starts), -1, np.int64)
    lex = np.zeros((len(LEX), n), np.float64)
    lex_values = lex_table.view(np.float64)
    for line in range(n):
        a, b = starts[line], ends[line]
        # per-line counts in locals (stored once at the end of the line)
        tokens = stop = digits = wordchars = title = commas = in_slug = in_title = 0
        lsum, lknown, lmin, lmax, lfirst = 0.0, 0, np.inf, -np.inf, 0.0
        lh, lpw = _U64(0), _U64(1)
        in_token = False
        th, tpw = _U64(0), _U64(1)
        tlen = 0
        broken, cased, prev_cased = False, 0, False
        separator_like = False
        state, groups = 0, 0  # the automaton starts afresh on every line (no marker spans two)
        for i in range(a, b + 1):
            fl = flags[i] if i < b else 0
            if i < b:
                lh += _U64(lowv[i]) * lpw
                lpw *= p
                if fl & DIGIT:
                    digits += 1
                if fl & COMMA:
                    commas += 1
                if fl & SEP_MID and a < i < b - 1 and cp[i - 1] == 32 and cp[i + 1] == 32:
                    separator_like = True
                c = cp[i]
                state = delta[state, (c + 32 if 65 <= c <= 90 else c) if c < 128 else 63]
                groups |= accept[state]
                if c < 65536:
                    for k in range(raw_first[c], raw_end[c]):  # an empty range for most characters
                        _needle_at(cp, i, b, raw_needles, raw_len, raw_group, k, hits, line)
            if fl & W:
                if not in_token:
                    in_token = True
                    th, tpw, tlen = _U64(0), _U64(1), 0
                    broken, cased, prev_cased = False, 0, False
                th += _U64(lowv[i]) * tpw
                tpw *= p
                tlen += 2 if fl & LONGER else 1  # U+0130's lower case is two characters
                upt, lo = (fl & UPT) != 0, (fl & LO) != 0
                if upt:  # str.istitle: a capital only right after an uncased character...
                    broken = broken or prev_cased
                elif lo:  # ...and a small letter only right after a cased one
                    broken = broken or not prev_cased
                prev_cased = upt or lo
                if prev_cased:
                    cased += 1
            elif in_token:  # a token ends: count it
                in_token = False
                if tokens == 0:
                    first_hash[line] = th
                tokens += 1
                wordchars += tlen
                if not broken and cased > 0:
                    title += 1
                if _member(stop_slots, stop_shift, th):
                    stop += 1
                k = _value(lex_table, lex_shift, th)
                if k >= 0:
                    v = lex_values[2 * k + 1]
                    lsum += v
                    lknown += 1
                    lmin = min(lmin, v)
                    lmax = max(lmax, v)
                    if tokens == 1:
                        lfirst = v
                w = _find(word_slots, word_index, word_shift, th)
                if w >= 0 and seen[w] != line:  # distinct words per line
                    seen[w] = line
                    in_slug += word_kinds[w] & 1
                    in_title += word_kinds[w] >> 1
        line_hash[line] = lh
        if lknown:
            lex[0, line], lex[1, line], lex[2, line], lex[3, line] = lsum, lknown, lmin, lmax
            lex[4, line] = lfirst
        lex[5, line] = tokens
        for g in range(CURRENCY):
            if groups >> g & 1:
                hits[g, line] = True
        counts[0, line], counts[1, line], counts[2, line], counts[3, line] = tokens, stop, digits, wordchars
        counts[4, line], counts[5, line], counts[6, line], counts[7, line] = title, commas, in_slug, in_title
        counts[10, line] = tokens > 0
        if separator_like:  # non-overlapping occurrences of each " X " separator, as str.count finds them
            total = 0
            for mid in _SEPARATOR_MIDS:
                i = a
                while i + 2 < b:
                    if cp[i] == 32 and cp[i + 1] == mid and cp[i + 2] == 32:
                        total += 1
                        i += 3
                    else:
                        i += 1
            counts[8, line] = total
        counts[9, line] = _list_mark(cp, flags, a, b, MARK, SPACE, D)
        counts[11, line] = digits > 0 and b - a < 60 and _dateish(cp, flags, a, b, D, W)
    return counts, hits, line_hash, first_hash, lex


@njit(cache=True, nogil=True)
def _word_table(flags, lowv, word_starts, w_bit, p):
    """Hash each word (a run of word characters from its start) into an open-addressing table of word
    indices: (slots, index of the word in each slot or -1, shift)."""
    bits = 4
    while (1 << bits) < 4 * len(word_starts):
        bits += 1
    slots = np.zeros(1 << bits, np.uint64)
    index = np.full(1 << bits, -1, np.int64)
    shift = 64 - bits
    for w in range(len(word_starts)):
        h, pw, i = _U64(0), _U64(1), word_starts[w]
        while flags[i] & w_bit:
            h += _U64(lowv[i]) * pw
            pw *= p
            i += 1
        at = np.int64(h >> _U64(shift))
        while index[at] >= 0 and slots[at] != h:
            at = (at + 1) & ((1 << bits) - 1)
        if index[at] < 0:  # a word given twice keeps its first index
            slots[at], index[at] = h, w
    return slots, index, shift


@njit(cache=True, nogil=True, inline="always")
def _find(slots, index, shift, key) -> int:
    """The index stored for key in a _word_table, or -1."""
    at = np.int64(key >> _U64(shift))
    mask = len(slots) - 1
    while index[at] >= 0:
        if slots[at] == key:
            return index[at]
        at = (at + 1) & mask
    return -1


@njit(cache=True, nogil=True, inline="always")
def _dateish(cp, flags, a, b, D, W) -> bool:
    """features._DATEISH in cp[a:b]: a word-bounded year 19xx/20xx, or d:dd / dd/dd / d.dd (\\d is any
    decimal digit, \\b a change between word and non-word characters, as in re)."""
    for i in range(a, b):
        if not flags[i] & D or (i > a and flags[i - 1] & W):
            continue  # a match starts with a digit at a word boundary
        if i + 4 <= b and ((cp[i] == 49 and cp[i + 1] == 57) or (cp[i] == 50 and cp[i + 1] == 48)) \
                and flags[i + 2] & D and flags[i + 3] & D and (i + 4 == b or not flags[i + 4] & W):
            return True
        r = 2 if i + 1 < b and flags[i + 1] & D else 1  # \d{1,2}: one digit fewer leaves a digit
        if i + r + 3 <= b and (cp[i + r] == 58 or cp[i + r] == 47 or cp[i + r] == 46) \
                and flags[i + r + 1] & D and flags[i + r + 2] & D \
                and (i + r + 3 == b or not flags[i + r + 3] & W):
            return True
    return False


@njit(cache=True, nogil=True, inline="always")
def _needle_at(cp, i, b, needles, needle_len, needle_group, k, hits, line) -> None:
    """Mark the line when needle k occurs at position i (within the line)."""
    m = needle_len[k]
    if i + m > b or hits[needle_group[k], line]:
        return
    for j in range(1, m):
        if cp[i + j] != needles[k, j]:
            return
    hits[needle_group[k], line] = True


@njit(cache=True, nogil=True, inline="always")
def _list_mark(cp, flags, a, b, MARK, SPACE, D) -> int:
    """features._LIST_MARK at the line's start: a mark character, or 1-3 digits and '.' or ')', then a space."""
    if a >= b:
        return 0
    if flags[a] & MARK:
        return 1 if a + 1 < b and flags[a + 1] & SPACE else 0
    k = a
    while k < b and flags[k] & D:
        k += 1
    digits = k - a
    if 1 <= digits <= 3 and k + 1 < b and (cp[k] == 46 or cp[k] == 41) and flags[k + 1] & SPACE:
        return 1
    return 0


@njit(cache=True, nogil=True)
def repeats(keys):
    """For each key, how many other entries hold the same key (equal keys are adjacent once sorted)."""
    n = len(keys)
    order = np.argsort(keys)
    out = np.empty(n, np.int64)
    i = 0
    while i < n:
        j = i + 1
        while j < n and keys[order[j]] == keys[order[i]]:
            j += 1
        for t in range(i, j):
            out[order[t]] = j - i - 1
        i = j
    return out


@lru_cache(maxsize=8)
def stop_table(words: frozenset[str]) -> tuple[np.ndarray, int]:
    """A hash table of the words' hashes (the stop words)."""
    return hash_table(np.unique(cc.word_hashes(sorted(words))))
