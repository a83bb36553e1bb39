"""Text out of every supported format, from files the tests write; encodings detected; unreadable files give a
reason, never an exception."""

from __future__ import annotations

import codecs
import json

import pytest

from app.core.documents.reading.decoding import decode_text, looks_binary
from app.core.documents.reading.extract import Extracted, Limits, Unreadable, extract_bytes, read_document
from tests.support.documents import pdf_bytes, write_docx, write_pdf

JAPANESE = "東京の天気は晴れです。\n明日は雨が降るかもしれません。\n半角ｶﾀｶﾅも読めます。\n"


def extracted(path, **limits) -> Extracted:
    result = read_document(path, Limits(**limits)) if limits else read_document(path)
    assert isinstance(result, Extracted), result
    return result


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("notes.txt", "first line\nsecond line\n"),
        ("README.md", "# Title\n\n- item one\n- item two\n"),
        ("module.py", "def answer():\n    return 42\n"),
        ("main.rs", "fn main() {\n    println!(\"hi\");\n}\n"),
        ("table.csv", "name,age\nAlice,30\n\"Bob, Jr.\",41\n"),
        ("table.tsv", "name\tage\nAlice\t30\n"),
        ("data.json", '{\n  "name": "Alice",\n  "tags": ["a", "b"]\n}\n'),
        ("Makefile", "all:\n\techo done\n"),
    ],
)
def test_text_formats_keep_the_files_own_lines(tmp_path, name, content):
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    result = extracted(path)
    assert result.text == content
    assert result.page_of_line(0) is None


@pytest.mark.parametrize(
    ("encoding", "prefix"),
    [
        ("utf-8", b""),
        ("utf-8", codecs.BOM_UTF8),
        ("cp932", b""),  # Shift_JIS as Windows writes it
        ("shift_jis", b""),
        ("euc_jp", b""),
        ("utf-16-le", codecs.BOM_UTF16_LE),
        ("utf-16-be", codecs.BOM_UTF16_BE),
        ("utf-16-le", b""),  # no byte-order mark: told by where the zero bytes fall
    ],
)
def test_japanese_text_in_each_encoding(tmp_path, encoding, prefix):
    path = tmp_path / "日本語.txt"
    text = JAPANESE if encoding != "utf-16-le" or prefix else "ASCII heading line\n" + JAPANESE
    path.write_bytes(prefix + text.encode(encoding))
    assert extracted(path).text == text


def test_a_short_shift_jis_file_is_not_mistaken(tmp_path):
    path = tmp_path / "short.txt"
    path.write_bytes("東京".encode("cp932"))
    assert extracted(path).text == "東京"


def test_windows_line_ends_and_western_legacy_text():
    text, encoding = decode_text("café au lait, naïve résumé\r\nline two\r\n".encode("cp1252"))
    assert text == "café au lait, naïve résumé\nline two\n"
    assert encoding == "cp1252"


def test_minified_json_is_indented_and_other_json_kept():
    minified = json.dumps({"items": [{"name": f"item {i}", "value": i} for i in range(100)]})
    result = extract_bytes("data.json", minified.encode())
    assert isinstance(result, Extracted)
    assert result.text.count("\n") > 100 and '"name": "item 99"' in result.text
    broken = '{"not": "closed", ' + "x" * 2000
    assert extract_bytes("bad.json", broken.encode()).text == broken


def test_html_text_without_markup_scripts_or_styles(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(
        "<html><head><title>T</title><style>body{color:red}</style></head><body>"
        "<h1>Heading</h1><p>First   paragraph\nwraps.</p><script>alert('x')</script>"
        "<ul><li>one</li><li>two &amp; three</li></ul><table><tr><td>a</td><td>b</td></tr></table>"
        "<pre>keep\n  this</pre><p>日本語の段落</p></body></html>",
        encoding="utf-8",
    )
    text = extracted(path).text
    assert "Heading\n\nFirst paragraph wraps." in text
    assert "alert" not in text and "color" not in text and "<" not in text
    assert "two & three" in text and "a | b" in text
    assert "keep\n  this" in text and "日本語の段落" in text


def test_pdf_text_by_page(tmp_path):
    path = write_pdf(tmp_path / "report.pdf", [["Quarterly report", "Revenue grew."], ["Second page text"]])
    result = extracted(path)
    assert result.kind == "pdf"
    lines = result.text.split("\n")
    first_of_page_two = lines.index("Second page text")
    assert result.page_of_line(lines.index("Revenue grew.")) == 1
    assert result.page_of_line(first_of_page_two) == 2


def test_docx_paragraphs_and_tables(tmp_path):
    table = [["Name", "Role"], ["Aiko", "Lead"]]
    path = write_docx(tmp_path / "memo.docx", ["Meeting notes", "会議は東京で行います。"], table)
    text = extracted(path).text
    assert text.split("\n")[:2] == ["Meeting notes", "会議は東京で行います。"]
    assert "Name | Role" in text and "Aiko | Lead" in text


@pytest.mark.parametrize("damage", ["truncated", "garbage", "empty"])
def test_a_damaged_pdf_gives_a_reason(tmp_path, damage):
    whole = pdf_bytes([["Hello"]])
    data = {"truncated": whole[: len(whole) // 3], "garbage": b"%PDF-1.7\n" + bytes(range(256)) * 4, "empty": b""}
    path = tmp_path / "broken.pdf"
    path.write_bytes(data[damage])
    result = read_document(path)
    assert isinstance(result, Unreadable)
    assert result.reason.startswith("broken.pdf is not a readable PDF") and "\n" not in result.reason


def test_a_damaged_docx_gives_a_reason(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    result = read_document(path)
    assert isinstance(result, Unreadable) and "not a readable Word document" in result.reason


def test_a_pdf_without_text_is_unreadable_with_the_reason(tmp_path):
    path = write_pdf(tmp_path / "scan.pdf", [[], []])
    result = read_document(path)
    assert isinstance(result, Unreadable) and "no text layer" in result.reason


def test_binary_missing_and_oversized_files(tmp_path):
    binary = tmp_path / "blob.dat"
    binary.write_bytes(b"\x00\x01\x02\x03" * 100)
    result = read_document(binary)
    assert isinstance(result, Unreadable) and result.binary
    assert looks_binary(binary.read_bytes()) and not looks_binary("テキスト".encode("utf-16"))

    missing = read_document(tmp_path / "gone.txt")
    assert isinstance(missing, Unreadable) and "gone.txt cannot be read" in missing.reason

    big = tmp_path / "big.txt"
    big.write_text("x" * 5000)
    refused = read_document(big, Limits(max_bytes=1000))
    assert isinstance(refused, Unreadable)
    assert refused.reason == "big.txt is 0.0 MB; files over 0.0 MB are not read. Split it into smaller files."


def test_text_beyond_the_character_limit_is_cut_and_said(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("abcdefghij" * 100)
    result = extracted(path, max_chars=250)
    assert len(result.text) == 250 and "first 250 characters" in result.note
