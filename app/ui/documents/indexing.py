"""The documents' indexing thread: collections are indexed one at a time, in the order asked, on a thread of its own
with its own connection to the index (WAL: searches read while it writes), and removed there too, so a removal never
races a run writing that collection's files.

Progress comes from the core at most ten times a second and is handed to the GUI thread as it comes. A run stops
after the file it is reading when asked (a removal, the app closing); the next run goes on from there.

With an embedding model installed (search by meaning), each run is followed by embedding the passages that have no
vector yet, on this thread too, with one CPU thread so the chat keeps its speed. Any other job interrupts it (it
goes on after that job), and it commits in small batches, so a quit or a crash loses little.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from app.core.documents.database import DocumentsError
from app.core.documents.embeddings import Embedder, LlamaEmbedder, embed_missing
from app.core.documents.index import DocumentIndex
from app.core.documents.indexer import IndexReport, index_collection
from app.core.errors import CoreError
from app.ui.threads.gui_callbacks import GuiCallbacks

log = logging.getLogger(__name__)
INDEX = "index"
REMOVE = "remove"
EMBED = "embed"
EMBEDDING_THREADS = 1  # in the background beside the chat model, on machines with few cores


class Indexer(GuiCallbacks):
    started = Signal(int)  # collection id: its run began
    progress = Signal(int, int, int)  # (collection id, files done, files found)
    finished = Signal(int, object)  # (collection id, IndexReport): a run ended, to the end or stopped
    removed = Signal(int)  # collection id: it is gone from the index
    failed = Signal(int, str)  # (collection id, the core's message): a run or a removal failed; 0: not a collection's
    embedderChanged = Signal(object)  # the Embedder now loaded (None: none): searches may use its vectors
    embedded = Signal(int, int)  # (passages embedded, passages that had no vector) while an embedding run goes on

    def __init__(self, path: Path | None = None, parent: QObject | None = None,
                 embedding_model: Callable[[], Path | None] | None = None) -> None:
        """`path`: the index file (the app's by default). `embedding_model`: the installed embedding model's file,
        asked on this thread before each embedding run (None: no search by meaning)."""
        super().__init__(parent)
        self._path = path
        self._embedding_model = embedding_model
        self._embedder: LlamaEmbedder | None = None  # used on this thread, and for queries on the engine's
        self._embedder_file: tuple[str, int] | None = None
        self._unusable_file: tuple[str, int] | None = None  # failed to load: not tried again until the file changes
        self._jobs: deque[tuple[str, int]] = deque()
        self._wake = threading.Condition()
        self._running: tuple[str, int, threading.Event] | None = None  # (kind, collection id, its stop)
        self._thread = threading.Thread(target=self._run, name="documents-indexer", daemon=True)
        self._thread.start()

    def index(self, collection_id: int) -> None:
        """Bring a collection up to date, unless that is already waiting its turn or running."""
        with self._wake:
            running = self._running is not None and self._running[:2] == (INDEX, collection_id)
            if not running and (INDEX, collection_id) not in self._jobs:
                self._jobs.append((INDEX, collection_id))
                self._interrupt_embedding()
                self._wake.notify()

    def remove(self, collection_id: int) -> None:
        """Forget a collection: its run stops, its waiting run is dropped, and the removal goes first."""
        with self._wake:
            self._jobs = deque(job for job in self._jobs if job[1] != collection_id)
            self._jobs.appendleft((REMOVE, collection_id))
            if self._running is not None and self._running[1] == collection_id:
                self._running[2].set()
            self._interrupt_embedding()
            self._wake.notify()

    def _interrupt_embedding(self) -> None:
        """Under the lock: a job for a collection goes before embedding, which is asked for again after it."""
        if self._running is not None and self._running[0] == EMBED:
            self._running[2].set()

    @property
    def busy(self) -> bool:
        with self._wake:
            return self._running is not None or bool(self._jobs)

    def shutdown(self) -> None:
        """Stop the run in progress (it ends after its current file, its work kept) and end the thread."""
        self.closed = True
        with self._wake:
            self._jobs.clear()
            if self._running is not None:
                self._running[2].set()
            self._jobs.append(("", 0))  # the end
            self._wake.notify()
        self._thread.join()

    def _next(self) -> tuple[str, int]:
        with self._wake:
            while not self._jobs:
                self._wake.wait()
            return self._jobs.popleft()

    def _run(self) -> None:
        try:
            index = DocumentIndex.open(self._path)
        except DocumentsError as error:
            self.hand_over(lambda message: self.failed.emit(0, message), str(error))
            return
        with index:
            while (job := self._next())[0]:
                kind, collection_id = job
                try:
                    if kind == REMOVE:
                        index.remove_collection(index.collection_by_id(collection_id).name)
                        self.hand_over(self.removed.emit, collection_id)
                    elif kind == EMBED:
                        self._embed(index)
                    else:
                        self._index(index, collection_id)
                        self._ask_for_embedding()
                except DocumentsError as error:
                    self.hand_over(lambda message, cid=collection_id: self.failed.emit(cid, message), str(error))
                except Exception as error:  # a bug: keep the thread for the other collections, tell the user plainly
                    log.exception("indexing collection %s failed", collection_id)
                    self.hand_over(lambda message, cid=collection_id: self.failed.emit(cid, message), str(error))
        if self._embedder is not None:
            self._embedder.close()

    def _index(self, index: DocumentIndex, collection_id: int) -> None:
        try:
            collection = index.collection_by_id(collection_id)
        except DocumentsError:
            return  # removed since it was asked for (a poll crossing a removal): nothing to do
        stop = threading.Event()
        with self._wake:
            self._running = (INDEX, collection_id, stop)
        self.hand_over(self.started.emit, collection_id)
        try:
            report: IndexReport = index_collection(
                index, collection,
                lambda done, total: self.hand_over(lambda counts: self.progress.emit(collection_id, *counts),
                                                   (done, total)),
                stop)
        finally:
            with self._wake:
                self._running = None
        self.hand_over(lambda finished: self.finished.emit(collection_id, finished), report)

    # Search by meaning

    def _ask_for_embedding(self) -> None:
        with self._wake:
            if self._embedding_model is not None and (EMBED, 0) not in self._jobs:
                self._jobs.append((EMBED, 0))

    def _embed(self, index: DocumentIndex) -> None:
        embedder = self._load_embedder()
        if embedder is None:
            return
        stop = threading.Event()
        with self._wake:
            if self._jobs:  # something for a collection came meanwhile: it goes first, embedding after it
                return
            self._running = (EMBED, 0, stop)
        try:
            embed_missing(index, embedder, lambda done, total: self.hand_over(
                lambda counts: self.embedded.emit(*counts), (done, total)), stop)
        finally:
            with self._wake:
                self._running = None

    def _load_embedder(self) -> Embedder | None:
        """The installed embedding model, loaded once (again when the file changes); None without one, or when its
        file cannot be loaded (said once)."""
        try:
            path = self._embedding_model() if self._embedding_model is not None else None
        except CoreError as error:  # an unreadable model list or catalog: the model manager says why
            log.warning("no search by meaning: %s", error)
            path = None
        try:
            file = (str(path), path.stat().st_size) if path is not None else None
        except OSError:
            file = None
        if file == self._embedder_file:
            return self._embedder
        if file is not None and file == self._unusable_file:
            return None  # said when it failed; the embedder it replaced was closed then
        if self._embedder is not None:
            self._embedder.close()
            self._embedder = None
        self._embedder_file = None
        if file is not None:
            try:
                self._embedder = LlamaEmbedder(path, n_threads=EMBEDDING_THREADS)
                self._embedder_file = file
            except DocumentsError as error:
                self._unusable_file = file
                self.hand_over(lambda message: self.failed.emit(0, message), str(error))
        self.hand_over(self.embedderChanged.emit, self._embedder)
        return self._embedder
