"""A document's text cut into chunks for the search index, each knowing its lines and page.

Chunks never overlap and never cross a page, and joined back they give the text exactly (`join_chunks`): the index
holds a document's text once, and the browser shows a document from its chunks without reading the file again.
A chunk ends near TARGET_CHARS, at a blank line when one comes soon enough; a line longer than MAX_CHARS is cut
into pieces that share its line number (`continues` marks all but the last).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from app.core.documents.reading.extract import Extracted

TARGET_CHARS = 1200
MAX_CHARS = 2400


@dataclass(frozen=True)
class Chunk:
    line_first: int  # 1-based, as editors count
    line_last: int
    page: int | None  # 1-based PDF page, else None
    text: str
    continues: bool = False  # the last line goes on in the next chunk


def chunk_document(document: Extracted) -> list[Chunk]:
    if not document.text:
        return []
    return list(_chunks(document.text.split("\n"), document))


def _chunks(lines: list[str], document: Extracted) -> Iterator[Chunk]:
    held: list[str] = []
    first, size, page = 1, 0, document.page_of_line(0)
    for index, line in enumerate(lines):
        number, line_page = index + 1, document.page_of_line(index)
        if held and (line_page != page or size + len(line) > MAX_CHARS):
            yield Chunk(first, number - 1, page, "\n".join(held))
            held, size = [], 0
        if not held:
            first, page = number, line_page
        while len(line) > MAX_CHARS:
            # Pieces of an over-long line: what was held goes with the first piece.
            piece, line = line[:MAX_CHARS], line[MAX_CHARS:]
            yield Chunk(first, number, page, "\n".join([*held, piece]), continues=True)
            held, size, first = [], 0, number
        held.append(line)
        size += len(line) + 1
        if size >= TARGET_CHARS and (not line.strip() or size >= TARGET_CHARS * 1.5):
            yield Chunk(first, number, page, "\n".join(held))
            held, size = [], 0
    if held:
        yield Chunk(first, len(lines), page, "\n".join(held))


def join_chunks(chunks: Iterable[Chunk]) -> str:
    """The document's text again, from its chunks in order."""
    parts: list[str] = []
    for chunk in chunks:
        parts.append(chunk.text)
        if not chunk.continues:
            parts.append("\n")
    if parts and parts[-1] == "\n":
        parts.pop()
    return "".join(parts)
