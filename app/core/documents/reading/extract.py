"""A file's text, or the reason it has none: plain text, Markdown, source code, CSV/TSV, JSON, HTML, PDF and DOCX.

Nothing raised by a parser escapes: a damaged, locked, binary or oversized file comes back as `Unreadable` with a
one-line reason a person can act on. Text formats keep the file's own lines (so a citation's line numbers are the
file's); HTML, DOCX and PDF lines are those of the extracted text, and a PDF's lines also know their page.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from pathlib import Path

from app.core.documents.reading import formats
from app.core.documents.reading.decoding import decode_text, looks_binary

PDF_SUFFIXES = frozenset({".pdf"})
DOCX_SUFFIXES = frozenset({".docx"})
HTML_SUFFIXES = frozenset({".html", ".htm", ".xhtml"})
JSON_SUFFIXES = frozenset({".json"})
# Formats that are binary containers: read by their parser, never sniffed as text.
PARSED_SUFFIXES = PDF_SUFFIXES | DOCX_SUFFIXES


@dataclass(frozen=True)
class Limits:
    """Files bigger than max_bytes are not read; text beyond max_chars is cut (and the cut is said)."""

    max_bytes: int = 64 * 1024 * 1024
    max_chars: int = 8_000_000


DEFAULT_LIMITS = Limits()


@dataclass(frozen=True)
class Extracted:
    """A document's text. `page_starts[i]` is the 0-based line where page i + 1 begins (PDF only); `note` says what
    a reader should know (pages without text, a cut), or is ''."""

    text: str
    kind: str  # "text", "html", "json", "pdf" or "docx"
    encoding: str = ""
    page_starts: tuple[int, ...] = ()
    note: str = ""

    def page_of_line(self, line: int) -> int | None:
        """The 1-based page of a 0-based line, or None for formats without pages."""
        return page_of(self.page_starts, line)


@dataclass(frozen=True)
class Unreadable:
    """Why a file gave no text. `binary` files are skipped quietly by folder indexing; the rest are listed."""

    reason: str
    binary: bool = False


def page_of(page_starts: tuple[int, ...], line: int) -> int | None:
    return bisect.bisect_right(page_starts, line) if page_starts else None


def _megabytes(size: int) -> str:
    return f"{size / 1e6:.1f} MB"


def too_large(name: str, size: int, limits: Limits) -> Unreadable | None:
    if size <= limits.max_bytes:
        return None
    return Unreadable(
        f"{name} is {_megabytes(size)}; files over {_megabytes(limits.max_bytes)} are not read. "
        "Split it into smaller files."
    )


def cannot_read(name: str, error: OSError) -> Unreadable:
    return Unreadable(f"{name} cannot be read: {error.strerror or error}.")


def binary_file(name: str) -> Unreadable:
    return Unreadable(f"{name} is a binary file, not text.", binary=True)


def read_document(path: Path, limits: Limits = DEFAULT_LIMITS) -> Extracted | Unreadable:
    """Read and extract a file."""
    try:
        refusal = too_large(path.name, path.stat().st_size, limits)
        if refusal:
            return refusal
        data = path.read_bytes()
    except OSError as error:
        return cannot_read(path.name, error)
    return extract_bytes(path.name, data, limits)


def extract_bytes(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> Extracted | Unreadable:
    suffix = Path(name).suffix.lower()
    try:
        if suffix in PDF_SUFFIXES:
            return _limit(_pdf(name, data), limits)
        if suffix in DOCX_SUFFIXES:
            return _limit(Extracted(formats.docx_text(data), "docx"), limits)
    except formats.PdfLocked:
        return Unreadable(f"{name} is protected by a password; save an unprotected copy to read it.")
    except Exception as error:  # noqa: BLE001 - parsers of damaged files raise anything (struct, zlib, KeyError...)
        detail = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        kind = "PDF" if suffix in PDF_SUFFIXES else "Word document"
        return Unreadable(f"{name} is not a readable {kind} ({detail[:200]}); it may be damaged.")
    if looks_binary(data):
        return binary_file(name)
    text, encoding = decode_text(data)
    if suffix in HTML_SUFFIXES:
        return _limit(Extracted(formats.html_text(text), "html", encoding), limits)
    if suffix in JSON_SUFFIXES:
        return _limit(Extracted(formats.json_text(text), "json", encoding), limits)
    return _limit(Extracted(text, "text", encoding), limits)


def _pdf(name: str, data: bytes) -> Extracted | Unreadable:
    pages = formats.pdf_pages(data)
    blank = sum(1 for page in pages if not page.strip())
    if blank == len(pages):
        return Unreadable(f"{name} has no text layer (a scanned document?); only its text could be searched.")
    starts, lines = [], 0
    for page in pages:
        starts.append(lines)
        lines += page.count("\n") + 1
    note = f"{blank} of {len(pages)} pages have no text layer (scanned?)." if blank else ""
    return Extracted("\n".join(pages), "pdf", "", tuple(starts), note)


def _limit(extracted: Extracted | Unreadable, limits: Limits) -> Extracted | Unreadable:
    if isinstance(extracted, Unreadable) or len(extracted.text) <= limits.max_chars:
        return extracted
    cut = extracted.text[: limits.max_chars]
    note = f"Only the first {limits.max_chars:,} characters were read."
    return Extracted(cut, extracted.kind, extracted.encoding, extracted.page_starts, note)
