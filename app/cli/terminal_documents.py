"""`run --docs NAME`: the model reads collections of the documents index (see `gpt-oss-chat docs`). gpt-oss run here
browses them with its own browser tool (its calls never ask: the user's files, read where they lie); a model that
cannot browse (another model, or a server, which is sent functions only) gets the passages best matching each message
in the prompt, the window's automatic mode. The sources an answer used are listed on stderr after it. With the model
manager's embedding model installed, searches fuse the vectors the window prepared (search by meaning)."""

from __future__ import annotations

import sys
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager

from app.core.chat import ChatMessage
from app.core.documents.automatic import PassagesStep, passage_budget
from app.core.documents.browser.citations import Source, cited_sources
from app.core.documents.browser.state import BrowserState
from app.core.documents.browser.tool import DocumentsBrowser, Library
from app.core.documents.embeddings import LlamaEmbedder, VectorSearch
from app.core.documents.index import DocumentIndex
from app.core.engine import Engine
from app.core.errors import CoreError
from app.core.models.embedding_model import installed_embedding_model


class TerminalDocuments:
    """The collections a run reads, through the browser (`browses`) or as passages in the prompt."""

    def __init__(self, index: DocumentIndex, collection_ids: Sequence[int],
                 vectors: VectorSearch | None = None) -> None:
        self._index, self._ids, self._vectors = index, tuple(collection_ids), vectors
        self._budget = 0
        self.browser: DocumentsBrowser | None = None
        self._passages: PassagesStep | None = None

    def read_with(self, *, browses: bool, context_tokens: int) -> None:
        """Once the model is loaded: whether it browses, and the context the passages take an eighth of."""
        self._budget = passage_budget(context_tokens)
        self.browser = DocumentsBrowser(Library(self._index, self._ids, self._vectors)) if browses else None

    def prepare(self, question: str) -> PassagesStep | None:
        """Before a turn: the step that puts the passages into its prompt (on the engine thread), or None when the
        model browses."""
        self._passages = None if self.browser else PassagesStep(self._index, self._ids, question, self._budget,
                                                                self._vectors)
        return self._passages

    def sources(self, answer: str) -> list[Source]:
        """After a turn: what its answer cited through the browser, or the passages it was given."""
        if self.browser is not None:
            return [cited.source for cited in cited_sources(self.browser.state, answer)]
        found = self._passages.found if self._passages is not None else None
        return list(found.sources) if found is not None else []

    def new_conversation(self) -> None:
        if self.browser is not None:
            self.browser.state = BrowserState()


@contextmanager
def open_documents(names: Sequence[str]) -> Iterator[TerminalDocuments]:
    """The index opened for the run; an unknown name is a DocumentsError naming the collections there are."""
    with DocumentIndex.open() as index, ExitStack() as opened:
        ids = [index.collection(name).id for name in names]
        embedder = _embedder()
        if embedder is not None:
            opened.callback(embedder.close)
        yield TerminalDocuments(index, ids, VectorSearch(index, embedder) if embedder is not None else None)


def _embedder() -> LlamaEmbedder | None:
    """The installed embedding model for queries, or None (none installed, or it cannot be loaded: said once)."""
    try:
        path = installed_embedding_model()
        return LlamaEmbedder(path) if path is not None else None
    except CoreError as error:
        print(f"note: no search by meaning: {error}", file=sys.stderr)
        return None


def print_sources(sources: Sequence[Source]) -> None:
    if not sources:
        return
    print("Sources:", file=sys.stderr)
    for source in sources:
        first, last = source.lines
        lines = f"{first}" if first == last else f"{first}-{last}"
        page = f" (page {source.page})" if source.page is not None else ""
        print(f"  {source.path}:{lines}{page}", file=sys.stderr)


def with_documents(step: PassagesStep | None, engine: Engine, messages: list[ChatMessage]) -> list[ChatMessage]:
    """On the engine thread: the messages as the model reads them this turn."""
    return step(engine, messages) if step is not None else messages
