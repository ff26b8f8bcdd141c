"""Bytes to text as a browser would read them: BOM first, then a declared charset that the
bytes bear out, then UTF-8 with a few bad bytes replaced, then detection.

What a page declares is a claim, not a fact: a ``<meta charset>`` or Content-Type naming a
codec that is not a plain, ASCII-compatible text encoding (``punycode``, ``utf-7``,
``unicode_escape``, ``rot13``, an unknown name) is ignored, as browsers ignore it, and a
declaration the bytes contradict is dropped for the next rule. A page that is UTF-8 but for
a few broken bytes keeps its text with U+FFFD where the bytes were, and the count says so.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass

# (BOM, codec): UTF-32 before UTF-16, whose little-endian BOM is a prefix of UTF-32's.
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Text codecs no page is really written in, which decode ASCII markup into something else.
_REFUSED = {
    "punycode", "idna", "utf-7", "unicode-escape", "raw-unicode-escape", "undefined",
    "utf-16", "utf-16-le", "utf-16-be", "utf-32", "utf-32-le", "utf-32-be",
}  # fmt: skip
_ASCII_PROBE = b'<meta charset="x"> Az09.,;:!?()[]{}\n'
# UTF-8 with at most this share of undecodable bytes is UTF-8 with damage, not another
# encoding: one stray byte in a page of 10 kB must not cost the page.
_DAMAGE_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    text: str
    encoding: str
    replaced: int = 0
    """Characters replaced by U+FFFD because the bytes at that place could not be decoded."""


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """The encoding a byte-order mark announces, and the mark's length."""
    for bom, codec in _BOMS:
        if data.startswith(bom):
            return codec, len(bom)
    return None


def usable_charset(name: str | None) -> str | None:
    """The codec a declared charset names, or None when it is unknown or not a real page
    encoding (so it must be ignored rather than tried)."""
    if not name:
        return None
    try:
        info = codecs.lookup(name.strip().strip("\"'"))
    except (LookupError, ValueError):
        return None
    if not info._is_text_encoding or info.name in _REFUSED:
        return None
    try:
        if _ASCII_PROBE.decode(info.name) != _ASCII_PROBE.decode("ascii"):
            return None
    except (UnicodeError, ValueError):
        return None
    return info.name


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded | None:
    """The text of ``data``, or None when no encoding reads it as text."""
    bom = bom_encoding(data)
    if bom is not None:
        marked, size = bom
        text = data[size:].decode(marked, errors="replace")
        return Decoded(text, marked, text.count("\ufffd"))
    for charset in (usable_charset(declared), "utf-8"):
        if not charset:
            continue
        try:
            return Decoded(data.decode(charset), charset)
        except (UnicodeError, ValueError):
            continue
    damaged = data.decode("utf-8", errors="replace")
    replaced = damaged.count("\ufffd")
    # Valid multi-byte sequences beside the bad ones say UTF-8; bad bytes alone say a
    # legacy code page (a cp1252 "é" is one invalid byte), which detection reads whole.
    multibyte = len(damaged) - len(damaged.encode("ascii", "ignore")) - replaced
    if multibyte > replaced and replaced <= max(3, len(data) * _DAMAGE_SHARE):
        return Decoded(damaged, "utf-8", replaced)
    return _detect(data)


def _detect(data: bytes) -> Decoded | None:
    from charset_normalizer import from_bytes

    matches = list(from_bytes(data))
    if not matches:
        return None
    # Short texts often fit several single-byte code pages equally well; among the
    # best-fitting ones take windows-1252, by far the commonest legacy encoding on the web
    # (and what browsers read "latin-1" as).
    least = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= least + 0.01]
    best = next((m for m in tied if m.encoding in ("cp1252", "latin_1")), None) or tied[0]
    if best.encoding == "latin_1":
        try:
            return Decoded(data.decode("cp1252"), "cp1252")
        except UnicodeDecodeError:
            pass
    text = str(best)
    return Decoded(text[1:] if text.startswith("\ufeff") else text, best.encoding)


def scrub(text: str) -> tuple[str, int]:
    """``text`` with lone surrogates (from JSON ``\\ud800`` escapes or undecodable file names)
    replaced by U+FFFD, and how many: they cannot be written as UTF-8, so every later hash,
    tokenizer and report writer would fail on them."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        # Through UTF-16: a surrogate pair left as two code points becomes its character,
        # and only the lone halves are replaced.
        fixed = text.encode("utf-16", errors="surrogatepass").decode("utf-16", errors="replace")
        return fixed, fixed.count("\ufffd") - text.count("\ufffd")
    return text, 0
