"""The automatic mode: the passages of the documents that best match the question go into the prompt, with their
sources, before the model answers. For models that cannot call the browser (models other than gpt-oss, servers
that take no built-in tools), or by the user's choice.

A top-k search answers questions about a whole document badly (the browser, which reads on, does better); this mode
is the fallback, so it stays simple: the best chunks that fit a token budget, each headed by its file and lines.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from app.core.chat import ChatMessage
from app.core.documents.browser.citations import Source
from app.core.documents.embeddings import VectorSearch
from app.core.documents.fusion import search_documents
from app.core.documents.index import DocumentIndex
from app.core.documents.records import Hit
from app.core.documents.tokens import text_tokens
from app.core.engine import Engine

MOST_PASSAGES = 8
PASSAGE_TOKENS = 2000
HEADER = "=== Passages from the user's documents that may help (cite them by file and lines) ==="
FOOTER = "=== End of the passages ==="


@dataclass(frozen=True)
class Passages:
    text: str  # to put after the question; '' when nothing was found
    sources: tuple[Source, ...]
    tokens: int


def find_passages(
    index: DocumentIndex,
    question: str,
    collection_ids: Sequence[int],
    budget_tokens: int,
    count_tokens: Callable[[str], int],
    vectors: VectorSearch | None = None,
) -> Passages:
    """The best passages for the question that fit budget_tokens together, best first."""
    if not question.strip() or not collection_ids:
        return Passages("", (), 0)
    used = count_tokens(f"{HEADER}\n\n{FOOTER}")
    blocks: list[str] = []
    sources: list[Source] = []
    for hit in search_documents(index, question, MOST_PASSAGES, collection_ids, vectors):
        fitted = _fit(hit, len(blocks) + 1, budget_tokens - used, count_tokens)
        if fitted is None:
            continue  # a shorter passage further down may still fit
        block, last_line, tokens = fitted
        used += tokens
        blocks.append(block)
        sources.append(Source(Path(hit.absolute), (hit.line_first, last_line), hit.page))
    if not blocks:
        return Passages("", (), 0)
    return Passages("\n\n".join([HEADER, *blocks, FOOTER]), tuple(sources), used)


def _fit(hit: Hit, number: int, room: int, count_tokens: Callable[[str], int]) -> tuple[str, int, int] | None:
    """The passage headed by its file and lines, cut to its first lines if the whole does not fit `room` tokens:
    (text, its last line, its tokens), or None when not even its first line fits."""
    lines = hit.text.rstrip("\n").split("\n")  # the file's lines line_first, line_first + 1, ...
    while lines:
        last = min(hit.line_first + len(lines) - 1, hit.line_last)
        page = f", page {hit.page}" if hit.page is not None else ""
        block = f"[{number}] {hit.path}, lines {hit.line_first}-{last}{page}:\n" + "\n".join(lines).strip()
        tokens = count_tokens(block)
        if tokens <= room:
            return block, last, tokens
        lines = lines[: min(len(lines) - 1, len(lines) * room // tokens)]
    return None


def with_passages(question: str, passages: Passages) -> str:
    """The question as the model reads it: the user's words, then the passages."""
    return f"{question}\n\n{passages.text}" if passages.text else question


def passage_budget(context_tokens: int) -> int:
    """Tokens the passages may take: an eighth of the context, at most PASSAGE_TOKENS."""
    return min(PASSAGE_TOKENS, context_tokens // 8)


class PassagesStep:
    """The automatic mode, on the engine thread before the turn: the passages best matching the question go after
    the last message's text; `found` keeps them, for the answer's sources."""

    def __init__(self, index: DocumentIndex, collection_ids: Sequence[int], question: str, budget: int,
                 vectors: VectorSearch | None = None) -> None:
        self._index, self._ids, self._question, self._budget = index, tuple(collection_ids), question, budget
        self._vectors = vectors
        self.found: Passages | None = None

    def __call__(self, engine: Engine, messages: list[ChatMessage]) -> list[ChatMessage]:
        self.found = find_passages(self._index, self._question, self._ids, self._budget,
                                   lambda text: text_tokens(engine, text), self._vectors)
        last = messages[-1]
        return [*messages[:-1], replace(last, content=with_passages(last.content, self.found))]
