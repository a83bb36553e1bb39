"""The window's documents: the index (opened off the GUI thread at start), the collections with their counts and
unreadable files, their indexing (each collection at start, so a run a restart cut short goes on, then every
POLL_MS, so that files changed while the app runs are picked up), and what the chat needs: each conversation's
browser, its attachments, the automatic mode's passages, and the sources of an answer.

Everything that reads or writes the index runs off the GUI thread: indexing and removals on the indexer's thread,
the rest on background threads (the index serialises its calls), the browser and the passages on the engine thread.
The GUI thread only keeps what they report.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.core.documents.attachments import attach_files, index_conversation_files, measure, stored
from app.core.documents.automatic import PassagesStep
from app.core.documents.browser.citations import (
    CitedSource,
    citation_key,
    cited_sources,
    resolve_citation,
    source_records,
    sources_from_records,
)
from app.core.documents.browser.tool import DocumentsBrowser
from app.core.documents.embeddings import Embedder, VectorSearch
from app.core.documents.index import DocumentIndex
from app.core.documents.indexer import IndexReport
from app.core.documents.reading.extract import Unreadable
from app.core.documents.records import Collection, CollectionStats, Problem
from app.core.store.attachments import Attachments
from app.ui.core_messages import translate_core
from app.ui.documents.browsers import ConversationBrowsers
from app.ui.documents.indexing import Indexer
from app.ui.markdown.render import Citations
from app.ui.threads.background import Background

POLL_MS = 60_000  # a poll with nothing changed costs a stat per file: 28 ms for 2,000 files (docs/documents.md)
SOURCES = "sources"  # where an answer keeps its sources: its stats


@dataclass(frozen=True)
class CollectionInfo:
    collection: Collection
    stats: CollectionStats
    problems: tuple[Problem, ...]


@dataclass(frozen=True)
class Measured:
    """A file about to be attached: the tokens its whole text takes, or why it cannot be read."""

    path: Path
    tokens: int
    problem: str  # the core's English; '' when readable


class DocumentsLibrary(QObject):
    ready = Signal()  # the index is open: browsing, attaching and the Documents page work from now on
    collectionsChanged = Signal()  # collections were added or removed, or their counts changed: read `collections`
    stateChanged = Signal(int)  # collection id: it started or stopped indexing, or its progress moved
    meaningChanged = Signal()  # search by meaning came or went, or its embedding moved on: read `vectors`, `embedding`
    added = Signal(object)  # Collection: a folder the user added (then indexed)
    errorRaised = Signal(str)  # a message for the user

    def __init__(self, path: Path | None = None, parent: QObject | None = None, poll_ms: int = POLL_MS,
                 embedding_model: Callable[[], Path | None] | None = None) -> None:
        """`path`: the index file (the app's by default). `embedding_model`: the installed embedding model's file, or
        None (asked off the GUI thread before each embedding run; without it, no search by meaning)."""
        super().__init__(parent)
        self._path = path
        self.index: DocumentIndex | None = None
        self.vectors: VectorSearch | None = None  # search by meaning, once an embedding model is loaded
        self.embedding: tuple[int, int] | None = None  # (passages embedded, passages to embed) while that runs
        self._background = Background(self)
        self._indexer = Indexer(path, self, embedding_model)
        self._browsers = ConversationBrowsers()
        self._collections: list[CollectionInfo] = []
        self._conversations: dict[str, int] = {}  # conversation's or project's uuid -> the collection of its files
        self._progress: dict[int, tuple[int, int]] = {}  # collection id -> (done, found) while it is indexed
        self._reads_started = 0  # refresh() calls so far, and the latest whose result is shown
        self._read_shown = 0
        self.reports: dict[int, IndexReport] = {}  # each collection's last run in this session
        self.errors: dict[int, str] = {}  # each collection's last failure (translated)
        self._poll = QTimer(self)
        self._poll.setInterval(poll_ms)
        self._poll.timeout.connect(self.reindex_all)
        self._indexer.started.connect(self._on_indexer_started)
        self._indexer.progress.connect(self._on_indexer_progress)
        self._indexer.finished.connect(self._on_indexer_finished)
        self._indexer.removed.connect(self._on_indexer_removed)
        self._indexer.failed.connect(self._on_indexer_failed)
        self._indexer.embedderChanged.connect(self._on_embedder_changed)
        self._indexer.embedded.connect(self._on_embedded)

    # Starting and stopping

    def start(self) -> None:
        """Open the index off the GUI thread; then every collection is brought up to date, and polled."""
        self._background.run(lambda: DocumentIndex.open(self._path), self._on_opened, self._on_failed)

    def _on_opened(self, index: DocumentIndex) -> None:
        self.index = index
        self.ready.emit()
        self.refresh(then=self.reindex_all)
        self._poll.start()

    def shutdown(self) -> None:
        """At quit: indexing stops after its current file (the next start goes on from there)."""
        self._poll.stop()
        self._background.shutdown()
        self._indexer.shutdown()
        if self.index is not None:
            self.index.close()

    # Collections

    @property
    def collections(self) -> list[CollectionInfo]:
        """The user's folders, by name, with their counts and unreadable files as last read."""
        return list(self._collections)

    def progress(self, collection_id: int) -> tuple[int, int] | None:
        """(files done, files found) while the collection is indexed, else None."""
        return self._progress.get(collection_id)

    @property
    def indexing(self) -> bool:
        return self._indexer.busy

    def refresh(self, then: Callable[[], None] | None = None) -> None:
        """Read the collections' counts and problems again."""
        index = self.index
        if index is None:
            return

        def read() -> tuple[list[CollectionInfo], dict[str, int]]:
            mine = [CollectionInfo(c, index.stats(c.id), tuple(index.problems(c.id))) for c in index.collections()]
            theirs = {c.conversation: c.id for c in index.collections(conversations=True) if c.conversation}
            return mine, theirs

        # Each read runs on a thread of its own, so they may end out of order: a read older than the one shown is
        # dropped (a removal's refresh overtaken by a slower earlier one would show the removed folder again).
        self._reads_started += 1
        number = self._reads_started

        def done(result: tuple[list[CollectionInfo], dict[str, int]]) -> None:
            if number > self._read_shown:
                self._read_shown = number
                self._collections, self._conversations = result
                self.collectionsChanged.emit()
            if then is not None:
                then()

        self._background.run(read, done, self._on_failed)

    @Slot()
    def reindex_all(self) -> None:
        for info in self._collections:
            self._indexer.index(info.collection.id)

    def reindex(self, collection_id: int) -> None:
        self._indexer.index(collection_id)

    def add(self, folder: Path) -> None:
        """Add a folder as a collection and index it; `added` tells the window, errorRaised why not."""
        index = self.index
        if index is None:
            self.errorRaised.emit(self.tr("The documents index is still opening; try again in a moment."))
            return

        def done(collection: Collection) -> None:
            self.added.emit(collection)
            self.refresh(then=lambda: self._indexer.index(collection.id))

        self._background.run(lambda: index.add_collection(folder), done, self._on_failed)

    def remove(self, collection_id: int) -> None:
        """Forget a collection (its files stay where they are); its indexing stops first."""
        self._indexer.remove(collection_id)

    # What the chat uses

    def collection_ids(self, conversation_uuid: str, collections: Sequence[int]) -> list[int]:
        """The collections a conversation reads: those it has on that still exist (its project's files among them),
        and its own files."""
        known = {info.collection.id for info in self._collections} | set(self._conversations.values())
        ids = [cid for cid in collections if cid in known]
        own = self._conversations.get(conversation_uuid)
        return [*ids, own] if own is not None else ids

    def browser_for(self, conversation_uuid: str, collections: tuple[int, ...]) -> DocumentsBrowser | None:
        """ConversationTools' browsers(): the conversation's browser, or None when it has nothing to read."""
        ids = self.collection_ids(conversation_uuid, collections)
        if self.index is None or not ids:
            return None
        return self._browsers.browser(self.index, conversation_uuid, ids, self.vectors)

    def measure(self, paths: Sequence[Path], count_tokens: Callable[[str], int],
                on_done: Callable[[list[Measured]], None]) -> None:
        """Read files about to be attached and count their tokens, off the GUI thread."""
        def work() -> list[Measured]:
            measured = []
            for path in paths:
                result, tokens = measure(path, count_tokens)
                measured.append(Measured(path, tokens, result.reason if isinstance(result, Unreadable) else ""))
            return measured

        self._background.run(work, on_done, self._on_failed)

    def attach(self, paths: Sequence[Path], budget: int, count_tokens: Callable[[str], int], conversation_uuid: str,
               on_done: Callable[[Attachments], None], on_error: Callable[[str], None]) -> None:
        """Copy files into the conversation's folder, whole into the message what fits `budget`, the rest indexed
        for the conversation; off the GUI thread."""
        index = self.index
        if index is None:
            on_error(self.tr("The documents index is still opening; try again in a moment."))
            return

        def done(plan) -> None:
            if plan.collection is not None:
                self._conversations[conversation_uuid] = plan.collection.id
            on_done(stored(plan))

        self._background.run(lambda: attach_files(paths, budget, count_tokens, index, conversation_uuid), done,
                             lambda error: on_error(translate_core(str(error))))

    def fork(self, original_uuid: str, fork_uuid: str, on_done: Callable[[], None]) -> None:
        """A fork searches the files its original attached: its own collection over its copied folder, indexed off
        the GUI thread when the original had one; then `on_done` (also when there was nothing to index)."""
        index = self.index
        if index is None or original_uuid not in self._conversations:
            on_done()
            return

        def done(collection: Collection) -> None:
            self._conversations[fork_uuid] = collection.id
            on_done()

        def failed(error: Exception) -> None:
            self._on_failed(error)
            on_done()

        self._background.run(lambda: index_conversation_files(index, fork_uuid), done, failed)

    def passages(self, conversation_uuid: str, collections: Sequence[int], question: str,
                 budget: int) -> PassagesStep | None:
        """The automatic mode's step for a turn, or None when the conversation reads no documents."""
        ids = self.collection_ids(conversation_uuid, collections)
        if self.index is None or not ids:
            return None
        return PassagesStep(self.index, ids, question, budget, self.vectors)

    def sources(self, conversation_uuid: str, answer: str, passages: PassagesStep | None) -> list[dict[str, Any]]:
        """What an answer keeps of its sources: the citations it made (resolved while the browser's state is at
        hand), then the passages the automatic mode gave it."""
        state = self._browsers.state(conversation_uuid)
        cited = cited_sources(state, answer) if state is not None else []
        given = [CitedSource(source) for source in passages.found.sources] if passages and passages.found else []
        return source_records(cited + given)

    def recovered_sources(self, conversation_uuid: str, answer: str) -> list[dict[str, Any]]:
        """The sources of a reply a crash cut short (it never kept its own): its citations, resolved against the
        state the browser's last call saved."""
        return source_records(cited_sources(self._browsers.saved_state(conversation_uuid), answer))

    def citations(self, conversation_uuid: str, stats: dict[str, Any]) -> Citations:
        """How an answer's citations resolve: through the sources it kept, else (while it is written) the browser's
        state, else (a reply a crash cut short keeps none) the state its last call saved."""
        kept = {key: cited.source for cited in sources_from_records(stats.get(SOURCES))
                for key in cited.citations}
        if kept:
            return lambda cursor, first, last: kept.get(citation_key(cursor, first, last))

        def live(cursor: int, first: int, last: int):
            state = self._browsers.state(conversation_uuid)
            if state is None:
                state = self._browsers.saved_state(conversation_uuid)
            return resolve_citation(state, cursor, first, last)

        return live

    # The indexer's news

    @Slot(int)
    def _on_indexer_started(self, collection_id: int) -> None:
        self.errors.pop(collection_id, None)
        self._progress[collection_id] = (0, 0)
        self.stateChanged.emit(collection_id)

    @Slot(int, int, int)
    def _on_indexer_progress(self, collection_id: int, done: int, total: int) -> None:
        self._progress[collection_id] = (done, total)
        self.stateChanged.emit(collection_id)

    @Slot(int, object)
    def _on_indexer_finished(self, collection_id: int, report: IndexReport) -> None:
        self._progress.pop(collection_id, None)
        self.reports[collection_id] = report
        self.stateChanged.emit(collection_id)
        if report.added or report.changed or report.removed or report.stopped or report.problems:
            self.refresh()

    @Slot(int)
    def _on_indexer_removed(self, collection_id: int) -> None:
        self._progress.pop(collection_id, None)
        self.reports.pop(collection_id, None)
        self.refresh()

    @Slot(int, str)
    def _on_indexer_failed(self, collection_id: int, message: str) -> None:
        self._progress.pop(collection_id, None)
        self.errors[collection_id] = translate_core(message)
        self.stateChanged.emit(collection_id)
        self.errorRaised.emit(self.errors[collection_id])

    @Slot(object)
    def _on_embedder_changed(self, embedder: Embedder | None) -> None:
        self.vectors = VectorSearch(self.index, embedder) if embedder is not None and self.index is not None else None
        self.embedding = None
        self.meaningChanged.emit()

    @Slot(int, int)
    def _on_embedded(self, done: int, total: int) -> None:
        self.embedding = (done, total) if done < total else None
        self.meaningChanged.emit()

    def _on_failed(self, error: Exception) -> None:
        self.errorRaised.emit(translate_core(str(error)) or type(error).__name__)
