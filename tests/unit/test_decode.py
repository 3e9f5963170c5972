"""Bytes -> text: the encodings news files really arrive in, and what is not text."""

import codecs
import gzip

import pytest

from pipelines.text.decode import NotText, decode_bytes
from tests.helpers import BBC, ROOT

# Smallest valid PNG header + IHDR chunk start: enough for the signature check.
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
SENTENCE = "“We can’t wait,” said Mr Schäuble, adding that the €2bn tranche would follow."


def test_bbc_latin1_file_decodes_with_pound_sign():
    # sport/199.txt is the corpus's one ISO-8859-1 file: byte 0xA3 (£) at offset 257 is invalid UTF-8,
    # and charset-normalizer alone guesses cp932 for it.
    data = (BBC / "sport" / "199.txt").read_bytes()
    decoded = decode_bytes(data)
    assert decoded.encoding == "cp1252"
    assert decoded.text[257] == "£"


def test_cp1252_seed_with_curly_quotes_and_euro():
    # Our own seed written by a legacy CMS in Windows-1252: curly quotes are bytes 0x93/0x94, € is 0x80.
    decoded = decode_bytes((ROOT / "seeds/2015-11-25/eurogroup-greece-cp1252.txt").read_bytes())
    assert decoded.encoding == "cp1252"
    assert "“We are not there yet,” Eurogroup president Jeroen Dijsselbloem" in decoded.text
    assert "€2bn" in decoded.text and "Schäuble" in decoded.text


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16", "utf-16-be", "utf-32"])
def test_byte_order_marks(encoding):
    data = SENTENCE.encode(encoding)
    if encoding == "utf-16-be":
        data = codecs.BOM_UTF16_BE + data
    decoded = decode_bytes(data)
    assert decoded.text == SENTENCE  # BOM gone, text intact


def test_plain_utf8_and_crlf_newlines():
    decoded = decode_bytes(f"Title\r\n\r\n{SENTENCE}\r\n".encode())
    assert decoded.encoding == "utf-8"
    assert decoded.text == f"Title\n\n{SENTENCE}\n"


def test_invalid_utf8_in_the_middle_keeps_the_good_characters():
    data = "Café owners said “no”. ".encode() + b"\xff\xfe broken " + "naïve".encode()
    decoded = decode_bytes(data)
    assert decoded.encoding.startswith("utf-8")
    assert decoded.text.startswith("Café owners said “no”.") and decoded.text.endswith("naïve")


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "empty file (0 bytes)"),
        (b"  \n\n\t ", "empty file (only whitespace)"),
        (PNG, "binary file (PNG image)"),
        (gzip.compress(SENTENCE.encode()), "binary file (gzip archive)"),
        (b"Some text\x00\x00with NUL bytes", "binary content (NUL bytes)"),
    ],
)
def test_not_text_is_rejected_with_a_reason(data, reason):
    with pytest.raises(NotText) as err:
        decode_bytes(data)
    assert str(err.value) == reason
