"""Bytes -> text, with a reason when the bytes are not text.

Order matters: BOMs first, then strict UTF-8 (most news is UTF-8 and
detection guesses wrong on short Latin-1 files: charset-normalizer calls the
BBC's Latin-1 ``sport/199.txt`` cp932), then charset-normalizer, and cp1252
as the fallback for Western news.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
# Encodings a detector may propose that we accept for news text; anything
# else (cp932, big5, ...) on a file that failed UTF-8 is much more often a
# mis-detected Western single-byte file than real CJK.
_WESTERN_FALLBACK = "cp1252"
# Control characters other than tab (09), newline (0a), form feed (0c) and carriage return (0d).
_CONTROL_CHARS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f]")


class NotText(ValueError):
    """The bytes are not a text document; ``str(err)`` is the human reason."""


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def sniff_binary(data: bytes) -> str | None:
    """Return a reason if ``data`` is a known binary format or has NUL bytes, else None."""
    signatures = {
        b"\x89PNG\r\n\x1a\n": "PNG image",
        b"\xff\xd8\xff": "JPEG image",
        b"GIF8": "GIF image",
        b"%PDF-": "PDF document",
        b"\x1f\x8b": "gzip archive",
        b"PK\x03\x04": "zip archive",
        b"BZh": "bzip2 archive",
        b"\xfd7zXZ\x00": "xz archive",
        b"\x7fELF": "ELF executable",
    }
    for sig, name in signatures.items():
        if data.startswith(sig):
            return f"binary file ({name})"
    head = data[:65536]
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        return None  # NULs are expected in UTF-16/32
    if b"\x00" in head or b"\x00" in data:
        return "binary content (NUL bytes)"
    return None


def decode_bytes(data: bytes) -> Decoded:
    """Decode a news file's bytes to text.

    Returns the text (with a BOM removed and ``\\r\\n`` normalised to ``\\n``)
    and the encoding used. Raises ``NotText`` with a readable reason for empty
    files, binary formats and text with NUL or other control bytes.
    """
    if not data:
        raise NotText("empty file (0 bytes)")
    reason = sniff_binary(data)
    if reason:
        raise NotText(reason)
    text, encoding = _decode(data)
    controls = len(_CONTROL_CHARS.findall(text, 0, 65536))  # a regex: a Python loop per character took ~0.2 ms a file
    if controls > max(2, len(text[:65536]) // 1000):
        raise NotText(f"binary content ({controls} control characters)")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise NotText("empty file (only whitespace)")
    return Decoded(text=text, encoding=encoding)


def _decode(data: bytes) -> tuple[str, str]:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as err:
                raise NotText(f"invalid {encoding} after byte-order mark at byte {err.start}") from err
            return text.lstrip("\ufeff"), encoding
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # Mostly-UTF-8 with a few broken bytes (a truncated copy-paste): keep UTF-8
    # and replace the bad bytes, rather than mojibake every good character.
    # One corruption often breaks several bytes in a row (a cut multi-byte character, a stray
    # "\xff\xfe"), so count runs of replaced bytes, not bytes: a single-byte (Latin-1) file instead
    # breaks at every accented letter, each its own run, and almost never forms a valid UTF-8 sequence.
    lenient = data.decode("utf-8", errors="replace")
    bad = len(re.findall("\ufffd+", lenient))
    good_multibyte = sum(1 for ch in lenient if ord(ch) > 127 and ch != "\ufffd")
    if good_multibyte > bad:
        return lenient, "utf-8 (invalid bytes replaced)"
    best = from_bytes(data[:200_000]).best()
    if best is not None and best.encoding in {"cp1252", "latin_1", "iso8859_15", "utf_8", "mac_roman"}:
        try:
            return data.decode(best.encoding), best.encoding
        except UnicodeDecodeError:
            pass
    # cp1252 leaves five bytes undefined; map them like Latin-1 would rather than fail.
    return data.decode(_WESTERN_FALLBACK, errors="replace"), _WESTERN_FALLBACK
