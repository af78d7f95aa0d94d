"""A text's lines found in one compiled pass over its UTF-8 (numba): the spans to_units makes units of,
and the stripped lines joined with line breaks, as UTF-8, with each line's byte offset in them.

to_units' Python loop (split, strip, an offset per line) and the prefilter's joining and encoding of the
same lines again (ops/plan.joined_lines) were a third of what cleaning a short text cost. This pass reads
the bytes that sanitize_utf8 already produced: it splits at line breaks, strips white space as str.strip
does (str.isspace's characters, decoded from UTF-8), counts characters for the offsets into the str, and
copies each stripped line's bytes after the previous one. tests/test_text_lines.py checks it against the
Python loop.
"""
from __future__ import annotations

import numpy as np
from numba import njit

# The characters str.isspace() is true of (Unicode White_Space plus the four ASCII separators \x1c-\x1f);
# tests/test_text_lines.py checks the list against Python's own over every code point.
SPACES = (*range(9, 14), *range(0x1c, 0x21), 0x85, 0xa0, 0x1680, *range(0x2000, 0x200b), 0x2028, 0x2029, 0x202f,
          0x205f, 0x3000)


@njit(cache=True, nogil=True, inline="always")
def _space(cp: int) -> bool:
    """str.isspace() of one code point (SPACES)."""
    if cp < 0x80:
        return cp == 32 or 9 <= cp <= 13 or 0x1c <= cp <= 0x1f
    if cp < 0x1680:
        return cp == 0x85 or cp == 0xa0
    return cp == 0x1680 or 0x2000 <= cp <= 0x200a or cp == 0x2028 or cp == 0x2029 or cp == 0x202f \
        or cp == 0x205f or cp == 0x3000


@njit(cache=True, nogil=True, inline="always")
def _decode_at(data, i: int) -> tuple[int, int]:
    """(code point, byte length) of the UTF-8 sequence starting at data[i] (valid UTF-8)."""
    b = np.int64(data[i])
    if b < 0x80:
        return b, 1
    if b < 0xe0:
        return ((b & 0x1f) << 6) | (np.int64(data[i + 1]) & 0x3f), 2
    if b < 0xf0:
        return ((b & 0x0f) << 12) | ((np.int64(data[i + 1]) & 0x3f) << 6) | (np.int64(data[i + 2]) & 0x3f), 3
    return (((b & 0x07) << 18) | ((np.int64(data[i + 1]) & 0x3f) << 12) | ((np.int64(data[i + 2]) & 0x3f) << 6)
            | (np.int64(data[i + 3]) & 0x3f)), 4


_ONES, _HIGHS, _LFS = np.uint64(0x0101010101010101), np.uint64(0x8080808080808080), np.uint64(0x0a0a0a0a0a0a0a0a)


@njit(cache=True, nogil=True, inline="always")
def _next_break(data, words, i: int) -> int:
    """The index of the first line break at or after i, or len(data): eight bytes at a time (a word holds a
    zero byte after XOR with LFs exactly when (x - ONES) & ~x & HIGHS is not 0)."""
    n = len(data)
    while i < n and i & 7:
        if data[i] == 10:
            return i
        i += 1
    k = i >> 3
    while k < len(words):
        x = words[k] ^ _LFS
        if (x - _ONES) & ~x & _HIGHS:
            break
        k += 1
    i = max(i, k << 3)
    while i < n:
        if data[i] == 10:
            return i
        i += 1
    return n


@njit(cache=True, nogil=True, inline="always")
def _continuations(data, a: int, b: int) -> int:
    """How many bytes of data[a:b] continue a character (10xxxxxx): bytes that are no character of their own."""
    part = data[a:b]
    c = 0
    for i in range(len(part)):  # a view indexed from 0: LLVM vectorizes the loop
        c += (part[i] & 0xc0) == 0x80
    return c


@njit(cache=True, nogil=True)
def _spans(data, ascii):
    """For the UTF-8 text data (uint8; ascii: whether every byte is ASCII): rows of one column per non-blank
    line, the stripped line's character start and end in the text, its leading white space in characters,
    its paragraph (a blank line between two lines starts a new one) and its byte offset in the stripped
    lines joined with b"\\n"; the joined lines; and how many lines and joined bytes there are."""
    n = len(data)
    words = data[:n - n % 8].view(np.uint64)
    lines = 1
    for i in range(n):
        lines += data[i] == 10
    out = np.empty((5, lines), np.int64)  # one array: each array handed back to Python costs a microsecond
    joined = np.empty(n, np.uint8)
    k = 0          # units so far
    size = 0       # bytes written to joined
    chars = 0      # characters before the current line
    p = 0
    blank = False
    a = 0          # the current line's first byte
    while a <= n:
        e = _next_break(data, words, a)  # the line's end: the next line break or the end of the text
        s, lead_chars = a, 0  # past the leading white space
        while s < e:
            if data[s] < 0x80 and not _space(data[s]):
                break  # the usual case, without decoding
            cp, m = _decode_at(data, s)
            if not _space(cp):
                break
            s += m
            lead_chars += 1
        t = e      # before the trailing white space
        while t > s:
            if data[t - 1] < 0x80 and not _space(data[t - 1]):
                break
            u = t - 1
            while (data[u] & 0xc0) == 0x80:
                u -= 1
            cp, m = _decode_at(data, u)
            if not _space(cp):
                break
            t = u
        body = t - s   # the stripped line's characters
        width = e - a  # the whole line's
        if not ascii:
            body -= _continuations(data, s, t)
            width = lead_chars + body + (e - t) - _continuations(data, t, e)  # white space at the ends: short
        if t > s:
            if blank and k > 0:
                p += 1
            out[0, k] = chars + lead_chars
            out[1, k] = chars + lead_chars + body
            out[2, k] = lead_chars
            out[3, k] = p
            if k > 0:
                joined[size] = 10
                size += 1
            out[4, k] = size
            src, dst = data[s:t], joined[size:size + t - s]
            for i in range(len(src)):
                dst[i] = src[i]
            size += t - s
            k += 1
            blank = False
        else:
            blank = True
        chars += width + 1  # the line and its line break
        a = e + 1
    return out, joined, k, size


def spans(data: bytes) -> tuple[list[int], list[int], list[int], list[int], list[int], bytes]:
    """The lines of the UTF-8 text `data` (see _spans) as lists: character starts and ends, leading white
    space, paragraphs, byte offsets in the joined lines; and the joined lines."""
    out, joined, k, size = _spans(np.frombuffer(data, np.uint8), data.isascii())
    cstart, cend, lead, para, jstart = out[:, :k].tolist()
    return cstart, cend, lead, para, jstart, joined[:size].tobytes()


@njit(cache=True, nogil=True)
def _has_control(data) -> bool:
    """Whether the bytes hold a C0 control other than tab, LF and CR, or DEL (decode._CONTROL_BYTES)."""
    bad = False
    for i in range(len(data)):  # no early exit: LLVM vectorizes the loop
        b = data[i]
        bad |= ((b < 32) & (b != 9) & (b != 10) & (b != 13)) | (b == 127)
    return bad


def has_control(data: bytes) -> bool:
    """_has_control of a bytes object."""
    return _has_control(np.frombuffer(data, np.uint8))
