"""Turn raw input (str or bytes) into text, and tell HTML from plain text."""
from __future__ import annotations

import codecs
import re

from charset_normalizer import from_bytes

from .errors import DecodeError, EmptyInputError, UnsupportedContentError

_CHARSET_HEADER = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)
_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head|body|meta|title)\b", re.I | re.S)
_TAG = re.compile(r"</?(?:p|div|br|a|span|li|ul|h[1-6]|table|tr|td|article|section|script|style|img|meta|link)\b[^>]*>", re.I)
# C0 controls other than tab, LF, CR, lone surrogates and U+FFFE/U+FFFF: they never carry article text,
# and lxml refuses them in text it sets (a tail moved to a parent raised ValueError; found by fuzzing).
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
_CONTROL_BYTES = bytes([*range(9), 11, 12, *range(14, 32), 127])  # _CONTROL's ASCII part, as UTF-8 bytes

_BINARY_BYTES = [b for b in range(32) if b not in (9, 10, 12, 13, 27)]
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"), (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def charset_of(content_type: str | None) -> str | None:
    """The charset parameter of a MIME type, if any."""
    if not content_type:
        return None
    m = _CHARSET_HEADER.search(content_type)
    return m.group(1) if m else None


def _known(encoding: str | None) -> str | None:
    if not encoding:
        return None
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return None


def _utf16_without_bom(data: bytes) -> str | None:
    """Recognise BOM-less UTF-16 by its NUL bytes on every other position."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        sample = sample[: len(sample) - len(sample) % 2]
    if len(sample) < 4:
        return None
    even = sample[0::2].count(0) / (len(sample) / 2)
    odd = sample[1::2].count(0) / (len(sample) / 2)
    if odd > 0.6 and even < 0.1:
        return "utf-16-le"
    if even > 0.6 and odd < 0.1:
        return "utf-16-be"
    return None


def _detect(sample: bytes) -> str | None:
    """charset-normalizer's pick; windows-1252 (the web's legacy default) when it is about as plausible.

    A few accented letters in English or French text fit a dozen single-byte code pages equally well;
    the detector's tie-break then picks e.g. cp1257 and turns "déjà" into "déją".
    """
    results = from_bytes(sample)
    best = results.best()
    if best is None or not best.encoding:
        return None
    western = next((m for m in results if m.encoding == "cp1252"), None)
    if western is not None and western.chaos <= best.chaos + 0.05 and western.coherence >= best.coherence:
        return "cp1252"
    return best.encoding


def decode(data: bytes | str, content_type: str | None = None) -> str:
    """Decode bytes: BOM, then declared charset, then UTF-8, then detection."""
    if isinstance(data, str):
        return data
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise DecodeError(f"content must be str or bytes, not {type(data).__name__}")
    data = bytes(data)
    for bom, enc in _BOMS:
        if data.startswith(bom):
            return data[len(bom):].decode(enc, errors="replace")
    utf16 = _utf16_without_bom(data)
    if utf16:
        return data.decode(utf16, errors="replace")
    sample = data[:65536]
    if sum(sample.count(bytes([b])) for b in _BINARY_BYTES) > 0.1 * len(sample):
        raise UnsupportedContentError("the document looks like binary data, not text or HTML")
    declared = _known(charset_of(content_type))
    if declared is None:
        m = _META_CHARSET.search(data[:4096])
        declared = _known(m.group(1).decode("ascii", "ignore")) if m else None
    if declared and declared != "utf-8" and not data.isascii():
        try:  # non-ASCII bytes that form valid UTF-8 are no accident: the declaration is wrong
            return data.decode("utf-8")
        except UnicodeDecodeError:
            pass
    if declared:
        try:
            return data.decode(declared)
        except UnicodeDecodeError:
            pass  # declared one charset, used another: fall through to UTF-8 and detection
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = _detect(data[:200_000])
    if best:
        return data.decode(best, errors="replace")
    if declared:
        return data.decode(declared, errors="replace")
    raise DecodeError("bytes are not valid in the declared charset, UTF-8, or any detected encoding")


# From this size the control bytes are looked for by a compiled loop (textpath/lines.py: a tenth of
# translate's instructions, plus a call that costs as much as translate on a few hundred bytes).
_COMPILED_MIN_BYTES = 1024
_HAS_CONTROL = None


def _compiled_has_control():
    """textpath.lines.has_control, imported on first use (numba's import is slow; the rule set's loading
    imports it anyway)."""
    global _HAS_CONTROL
    if _HAS_CONTROL is None:
        from .textpath.lines import has_control
        _HAS_CONTROL = has_control
    return _HAS_CONTROL


def _control_scan(text: str) -> tuple[bool, bytes | None]:
    """(whether the text holds a character of _CONTROL, its UTF-8 when that was computed).

    The same answer as _CONTROL.search, about five times quicker: the regex steps through the str one
    character at a time, these scans run over its UTF-8 in C. Lone surrogates do not encode; the other
    controls encode to bytes that no other character's UTF-8 contains.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:
        return True, None
    if len(data) < _COMPILED_MIN_BYTES:
        if len(data.translate(None, _CONTROL_BYTES)) != len(data):
            return True, data
    elif _compiled_has_control()(data):
        return True, data
    # U+FFFE, U+FFFF; a one-byte needle is a memchr, a three-byte one a much slower search
    return b"\xef" in data and (b"\xef\xbf\xbe" in data or b"\xef\xbf\xbf" in data), data


def sanitize(text: str) -> str:
    """Drop control characters; refuse binary junk and empty documents."""
    return sanitize_utf8(text)[0]


def sanitize_utf8(text: str) -> tuple[str, bytes | None]:
    """sanitize(), and the UTF-8 of the text it returns when that came for free (None otherwise): the
    engine's site detection reads the same bytes instead of encoding the text again."""
    if not text or text.isspace():  # isspace stops at the first other character; strip() would copy
        raise EmptyInputError("the document is empty")
    found, data = _control_scan(text)
    if found:
        data = None
        controls = len(_CONTROL.findall(text[:100_000]))
        if controls > 0.1 * min(len(text), 100_000):
            raise UnsupportedContentError("the document looks like binary data, not text or HTML")
        text = _CONTROL.sub("", text)
    # "in" finds a character with memchr; count steps through the whole str (and there is rarely any)
    replacement = text.count("\ufffd") if "\ufffd" in text else 0
    if replacement > 0.3 * len(text):
        raise DecodeError("most of the document could not be decoded")
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if data is not None:  # CR and LF are one byte each in UTF-8, never part of another character's bytes
            data = data.replace(b"\r\n", b"\n").replace(b"\r", b"\n")
    if not text or text.isspace():  # only control characters
        raise EmptyInputError("the document is empty")
    return text, data


def looks_like_html(text: str) -> bool:
    """True when the text is markup rather than plain text."""
    if text.find("<", 0, 5000) < 0:  # both patterns need a "<": plain text is told without a regex
        return False
    head = text[:5000]
    if _HTML_START.match(head):
        return True
    return len(_TAG.findall(head)) >= 3


def resolve_type(text: str, content_type: str | None) -> str:
    """'html' or 'text', from the caller's content_type or by looking."""
    if content_type:
        ct = content_type.split(";")[0].strip().lower()
        if ct in ("html", "text/html", "application/xhtml+xml"):
            return "html"
        if ct in ("text", "text/plain"):
            return "text"
        if ct not in ("", "auto"):
            raise UnsupportedContentError(f"unsupported content type {ct!r}: use text/html or text/plain")
    return "html" if looks_like_html(text) else "text"
