"""Bytes of a text file to str: byte-order marks, UTF-16 without one, UTF-8, then the legacy encodings people meet
(Shift_JIS / CP932 and EUC-JP for Japanese, Windows-1252 for Western text), and a verdict on binary files.

charset-normalizer chooses among the legacy encodings only: unrestricted it guesses Big5 or CP949 for short EUC-JP
text, restricted to these three it chose right on every sample tried (tests/core/documents/test_decoding.py).
"""

from __future__ import annotations

import codecs

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),  # before UTF-16 LE, whose mark it starts with
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_LEGACY = ["cp932", "euc_jp", "cp1252"]
SNIFF_BYTES = 8192


def _utf16_without_bom(head: bytes) -> str | None:
    """UTF-16 text with some ASCII in it has zeros in every other byte, and which half says the byte order; what it
    decodes to must then read as text (binary data can have the same zeros)."""
    if len(head) < 4:
        return None
    even_zeros = head[0::2].count(0) / len(head[0::2])
    odd_zeros = head[1::2].count(0) / len(head[1::2])
    if odd_zeros > 0.2 and even_zeros < 0.05:
        encoding = "utf-16-le"
    elif even_zeros > 0.2 and odd_zeros < 0.05:
        encoding = "utf-16-be"
    else:
        return None
    text = head[: len(head) // 2 * 2].decode(encoding, errors="replace")
    controls = sum(1 for char in text if char < " " and char not in "\t\n\r\f")
    return encoding if controls <= len(text) * 0.02 else None


def looks_binary(data: bytes) -> bool:
    """A zero byte in the first SNIFF_BYTES means binary, unless the bytes are UTF-16 or UTF-32 text."""
    head = data[:SNIFF_BYTES]
    if b"\0" not in head:
        return False
    return not (any(head.startswith(bom) for bom, _ in _BOMS) or _utf16_without_bom(head))


def detect_encoding(data: bytes) -> str | None:
    """The codec name to read data with, or None when no candidate reads it without errors."""
    for bom, name in _BOMS:
        if data.startswith(bom):
            return name
    head = data[:SNIFF_BYTES]
    utf16 = _utf16_without_bom(head)
    if utf16:
        return utf16
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return "utf-8"
    import charset_normalizer  # only for files that are not UTF-8 (and it takes a while to import)

    best = charset_normalizer.from_bytes(data, cp_isolation=_LEGACY).best()
    return best.encoding if best is not None else None


def decode_text(data: bytes) -> tuple[str, str]:
    """(text, encoding). Undecodable bytes become U+FFFD rather than failing: a file with one bad byte is still
    worth reading. Line ends are normalised to \\n."""
    encoding = detect_encoding(data) or "utf-8"
    text = data.decode(encoding, errors="replace")
    return text.replace("\r\n", "\n").replace("\r", "\n"), encoding
