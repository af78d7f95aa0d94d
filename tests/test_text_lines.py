"""The compiled line pass (textpath/lines.py) against to_units' Python loop and plan.joined_lines."""
from __future__ import annotations

import sys

from hypothesis import given, settings
from hypothesis import strategies as st

from cleaner import decode
from cleaner.doc import Doc
from cleaner.ops.plan import joined_lines
from cleaner.textpath import _to_units_py, line_inputs, to_units
from cleaner.textpath.lines import SPACES, has_control


def test_spaces_are_str_isspace():
    assert set(SPACES) == {c for c in range(sys.maxunicode + 1) if chr(c).isspace()}


def _py(text: str):
    doc = Doc(mode="text", source=text)
    _to_units_py(doc)
    return doc


def _compiled(text: str, utf8: bytes | None = None):
    doc = Doc(mode="text", source=text)
    to_units(doc, utf8)
    return doc


def _same(text: str) -> None:
    want, got = _py(text), _compiled(text)
    assert [(u.text, u.para, u.kind, u.start, u.end, u.keep, u.info) for u in got.units] == \
        [(u.text, u.para, u.kind, u.start, u.end, u.keep, u.info) for u in want.units]
    assert line_inputs(got) == line_inputs(want)
    texts = [u.text for u in got.units]
    assert got.cache["joined"][0] == texts
    assert got.cache["joined"][1:] == joined_lines(texts, None)


EDGES = [
    "one line", "a\nb", "\n\na\n\n\nb\n\n", "  lead\ttab  \n\t \n trail \u3000\n", "\u00a0nbsp\u00a0\n\u0085x\u0085",
    "\u2003em space\u2028line sep\u2029", "caf\u00e9 \u201cquoted\u201d \U0001f600 emoji\n\n\U0001f600", " \n \n ", "\u1680x\u202fy\u205f",
    "x\x1cy\x1f\n\x1e", "\u3000\u3000\u5168\u89d2\u3000", "last line without break", "ends with break\n",
    "x" * 100 + "\n" + "\u00e9" * 50 + " \u3000\n\n" + "y" * 17, ("a" * 7 + "\n") * 9, "\n" * 16 + "z" * 31,
]


def test_edge_cases():
    for text in EDGES:
        _same(text)


LINE_CHARS = st.sampled_from([*"ab Z.,\t\u00e9\u201c\u2019", "\n", "\n\n", "  ", "\u00a0", "\u3000", "\u2028", "\u0085",
                              "\U0001f600", "\u2009", "\x1c", "\u05d0", "\u0130", "\r", "\x0b", "\x0c"])


@settings(max_examples=300, deadline=None)
@given(st.lists(LINE_CHARS, max_size=60).map("".join))
def test_same_as_python_loop(text):
    _same(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 40), LINE_CHARS), max_size=30).map(lambda runs: "".join(c * k for k, c in runs)))
def test_long_lines_same_as_python_loop(text):
    """Lines longer than a word of eight bytes: the line-break search reads them a word at a time."""
    _same(text)


def test_fills_the_joined_lines_cache():
    """The stripped lines' UTF-8 comes from this pass: the prefilter's first scan finds it in the cache."""
    doc = _compiled("Title\n\n  Body \u201cquoted\u201d text.  \n")
    texts, joined, starts = doc.cache["joined"]
    assert texts == ["Title", "Body \u201cquoted\u201d text."]
    assert joined == "Title\nBody \u201cquoted\u201d text.".encode() and starts == [0, 6]


def test_the_bytes_given_are_read():
    """With the caller's UTF-8 (the engine passes sanitize_utf8's), to_units does not encode the text again."""
    text = "Alpha\n\nBeta gamma\n"
    doc = _compiled(text, "Alpha\n\nBeta gamma\n".encode())
    assert [(u.text, u.para, u.start, u.end) for u in doc.units] == [("Alpha", 0, 0, 5), ("Beta gamma", 1, 7, 17)]


def test_lone_surrogate_falls_back():
    text = "a\ud800b\n\nc"
    got = _compiled(text)
    assert [(u.text, u.para, u.start, u.end) for u in got.units] == [("a\ud800b", 0, 0, 3), ("c", 1, 5, 6)]


def test_sanitize_keeps_utf8_after_carriage_returns():
    """Windows line breaks no longer cost the text's UTF-8: the bytes are fixed up like the str."""
    text, data = decode.sanitize_utf8("T\u00eate\r\n\r\nline two\rthree\r\n")
    assert text == "T\u00eate\n\nline two\nthree\n"
    assert data == text.encode("utf-8")


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=300), st.integers(0, 127))
def test_control_bytes_as_translate_finds_them(data, byte):
    for sample in (data, data + bytes([byte]) * 3):
        assert has_control(sample) == (len(sample.translate(None, decode._CONTROL_BYTES)) != len(sample))


def test_long_texts_lose_their_controls_too():
    """From _COMPILED_MIN_BYTES the compiled check decides: a control character is still removed."""
    body = "A long line of text, \u201cquoted\u201d. " * 60
    assert len(body.encode()) > decode._COMPILED_MIN_BYTES
    text, data = decode.sanitize_utf8(body + "\x07end\x7f")
    assert text == body + "end" and data is None
    text, data = decode.sanitize_utf8(body + "end")
    assert text == body + "end" and data == text.encode()



def test_text_lines_make_the_units_unit_would():
    """text_lines skips Unit's __init__: every field (a new one too) must come out as Unit(...) sets it."""
    from dataclasses import fields

    from cleaner.doc import Unit, text_lines
    units, texts = text_lines("ab\ncd", [0, 3], [2, 5], [0, 1])
    assert texts == ["ab", "cd"]
    for unit, made in zip(units, [Unit("ab", 0, "p", 0, 2), Unit("cd", 1, "p", 3, 5)]):
        assert [getattr(unit, f.name) for f in fields(Unit)] == [getattr(made, f.name) for f in fields(Unit)]
        assert unit == made
