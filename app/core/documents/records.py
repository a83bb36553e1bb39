"""What the documents index hands out: plain, frozen records."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from app.core.documents.reading.chunking import Chunk, join_chunks
from app.core.documents.reading.extract import page_of


@dataclass(frozen=True)
class Collection:
    """A folder the user added, or (with `conversation` set to its uuid) the files a conversation or a project keeps."""

    id: int
    name: str
    root: Path
    conversation: str  # the uuid of the conversation or project whose files these are; '' for the user's folders
    created_at: str
    indexed_at: str  # when indexing last ran to the end; '' before that


@dataclass(frozen=True)
class CollectionStats:
    files: int
    chunks: int
    unreadable: int
    text_bytes: int


@dataclass(frozen=True)
class Problem:
    """A file that was found but gave no text, and why."""

    path: str
    reason: str


@dataclass(frozen=True)
class Hit:
    """A chunk a search found. `path` is relative to its collection's root; `score` is higher for better hits."""

    chunk_id: int
    file_id: int
    collection: str
    path: str
    absolute: Path
    line_first: int
    line_last: int
    page: int | None
    text: str
    score: float


@dataclass(frozen=True)
class Document:
    """An indexed file's text, as its chunks, for the browser to show without reading the file again."""

    file_id: int
    collection: str
    path: str
    absolute: Path
    kind: str
    page_starts: tuple[int, ...]
    chunks: tuple[Chunk, ...]

    @property
    def key(self) -> str:
        """How the browser names it: 'collection/relative/path'."""
        return f"{self.collection}/{self.path}"

    @property
    def text(self) -> str:
        return join_chunks(self.chunks)

    def page_of_line(self, line: int) -> int | None:
        """The 1-based page of a 1-based line, or None for formats without pages."""
        return page_of(self.page_starts, line - 1)
