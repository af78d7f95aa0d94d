"""Bytes in any common encoding, and bad input, through the real engine."""
from __future__ import annotations

import codecs

import pytest

from cleaner import DecodeError, EmptyInputError, NothingLeftError, UnsupportedContentError, clean
from cleaner.decode import decode, looks_like_html

ARTICLE = ("Le café de la gare a rouvert ses portes après deux années de travaux, au grand plaisir des habitués.\n\n"
           "Les voyageurs y retrouvent les banquettes en cuir et le comptoir en zinc d'origine, restaurés à l'identique.")


@pytest.mark.parametrize("encoding", ["utf-8", "latin-1", "cp1252", "utf-16", "utf-16-le", "utf-16-be", "utf-8-sig"])
def test_text_in_many_encodings(encoding):
    r = clean(ARTICLE.encode(encoding), content_type=f"text/plain; charset={encoding}")
    assert r.text == ARTICLE


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be"])
def test_utf16_without_bom_or_declaration(encoding):
    assert decode(ARTICLE.encode(encoding)) == ARTICLE


def test_declared_charset_wrong_falls_back():
    # Claims UTF-8 but is Latin-1: must not fail, must not garble into replacement characters.
    text = decode(ARTICLE.encode("latin-1"), "text/plain; charset=utf-8")
    assert "café" in text and "\ufffd" not in text


def test_html_meta_charset_is_honoured():
    html = ('<html><head><meta charset="iso-8859-1"><title>Gare</title></head><body><article><p>'
            + ARTICLE.replace("\n\n", "</p><p>") + "</p></article></body></html>").encode("latin-1")
    r = clean(html)
    assert r.content_type == "html" and "Le café de la gare" in r.text


def test_nul_bytes_are_dropped():
    r = clean(ARTICLE.replace("gare", "g\x00are").encode("utf-8"))
    assert "gare" in r.text and "\x00" not in r.text


def test_control_characters_far_into_a_long_text_are_dropped_too():
    """The control scan looks past the first 100,000 characters (the binary-junk estimate does not)."""
    long_text = "\n\n".join([ARTICLE] * 600) + "\n\nLa terrasse ouvrira au printemps\x07 prochain."
    assert len(long_text) > 100_000
    r = clean(long_text, content_type="text", site_rules=False)
    assert "La terrasse ouvrira au printemps prochain." in r.text and "\x07" not in r.text


def test_the_quick_control_check_agrees_with_the_pattern_on_every_character():
    """_control_scan (UTF-8 scans in C) must say what _CONTROL.search says, whatever the neighbours."""
    from cleaner.decode import _CONTROL, _control_scan
    for cp in [*range(0x10000), 0x10000, 0x1FFFE, 0x10FFFF]:
        for text in (f"ab{chr(cp)}\u00e9", f"\uff00{chr(cp)}"):
            assert _control_scan(text)[0] == (_CONTROL.search(text) is not None), hex(cp)


def test_carriage_returns_become_line_breaks():
    r = clean(ARTICLE.replace("\n", "\r\n").replace("travaux,", "travaux,\r"), content_type="text")
    assert "\r" not in r.text and r.text.count("\n\n") == 1


@pytest.mark.parametrize("content", [b"", "   \n\n ", b"\n"])
def test_empty_input(content):
    with pytest.raises(EmptyInputError):
        clean(content)


def test_binary_junk_is_refused():
    junk = bytes(range(256)) * 50
    with pytest.raises((UnsupportedContentError, DecodeError)):
        clean(junk)


def test_not_str_or_bytes():
    with pytest.raises(DecodeError):
        clean(12345)  # type: ignore[arg-type]


def test_nothing_left_says_why():
    with pytest.raises(NothingLeftError) as info:
        clean("Thank you for registering\n\nJoin our commenting forum")
    assert "login-notice" in info.value.detail and "comment-prompt" in info.value.detail


def test_unknown_content_type_is_refused():
    with pytest.raises(UnsupportedContentError):
        clean(ARTICLE, content_type="application/pdf")


def test_html_detection():
    assert looks_like_html("<!DOCTYPE html><html><body>x</body></html>")
    assert looks_like_html("  <div><p>a</p><p>b</p></div>")
    assert not looks_like_html(ARTICLE)
    assert not looks_like_html("Use the <b> tag for bold text.")


def test_bom_is_removed():
    assert decode(codecs.BOM_UTF8 + b"abc") == "abc"


def test_nothing_left_still_gives_what_the_page_says_about_itself():
    # a script-rendered page: its <title> and meta tags are all the HTML holds
    shell = ('<!DOCTYPE html><html><head><title>Best first telescope? - Astronomy Forum</title>'
             '<meta property="og:title" content="Best first telescope?">'
             '<meta property="article:published_time" content="2025-02-20T14:19:26+00:00"></head>'
             '<body><div id="app"></div><script>render()</script></body></html>')
    with pytest.raises(NothingLeftError) as info:
        clean(shell, "https://forum.example.org/t/best-first-telescope/1555", content_type="html")
    meta = info.value.extra["metadata"]
    assert meta["title"] == "Best first telescope?" and meta["date"].startswith("2025-02-20")
    assert info.value.to_problem()["metadata"] == meta
    with pytest.raises(NothingLeftError) as info:  # plain text has no metadata to give
        clean("Thank you for registering\n\nJoin our commenting forum")
    assert "metadata" not in info.value.to_problem()
