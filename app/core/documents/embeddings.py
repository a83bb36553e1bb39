"""Optional embeddings: a GGUF embedding model run through llama-cpp-python, a vector per chunk kept in the index,
and the chunks nearest a query.

Vectors are L2-normalised float32, stored with the id of the model that made them (file name and size); switching
models leaves the old vectors unused until `embed_missing` replaces them. `embed_missing` only embeds chunks that
have no vector from this model yet, in small committed batches: stopped or killed, it goes on where it was.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from app.core.documents.database import DocumentsError
from app.core.documents.index import DocumentIndex

EMBED_BATCH = 8


class Embedder(Protocol):
    model_id: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per text."""
        ...


class LlamaEmbedder:
    """An embedding GGUF through llama-cpp-python (`Llama(..., embedding=True)`). A model without pooling of its own
    (a chat model used this way) is loaded again with mean pooling, so each text gives one vector.

    Safe to share between threads (the window embeds passages on the indexer's thread and queries on the engine's):
    calls take turns, and once closed it raises DocumentsError instead of touching freed memory."""

    def __init__(self, model_path: Path, n_ctx: int = 512, n_threads: int | None = None) -> None:
        import llama_cpp  # loaded only when embeddings are used

        from app.core.engines.llama.loader import llama_params

        self.model_id = f"{model_path.name}:{model_path.stat().st_size}"
        # Embedding is batch work: n_threads_batch (every core when left unset) is what sets its threads.
        options = {"model_path": str(model_path), "embedding": True, "n_ctx": n_ctx, "n_batch": n_ctx,
                   "n_ubatch": n_ctx, "n_threads": n_threads, "n_threads_batch": n_threads, "verbose": False}
        try:
            with llama_params():
                llm = llama_cpp.Llama(**options)
            if llm.pooling_type() == llama_cpp.LLAMA_POOLING_TYPE_NONE:
                llm.close()
                with llama_params():
                    llm = llama_cpp.Llama(**options, pooling_type=llama_cpp.LLAMA_POOLING_TYPE_MEAN)
        except (ValueError, RuntimeError, OSError) as error:
            raise DocumentsError(f"The embedding model {model_path.name} cannot be loaded: {error}.") from error
        self._llm: llama_cpp.Llama | None = llm
        self._lock = threading.Lock()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            if self._llm is None:
                raise DocumentsError("The embedding model was closed.")
            # truncate=True: a chunk longer than the context is embedded by its beginning.
            vectors = np.asarray(self._llm.embed(list(texts), normalize=True, truncate=True), dtype=np.float32)
        return vectors.reshape(len(texts), -1)

    def close(self) -> None:
        with self._lock:
            if self._llm is not None:
                self._llm.close()
                self._llm = None


def embed_missing(
    index: DocumentIndex,
    embedder: Embedder,
    on_progress: Callable[[int, int], None] | None = None,
    stop: threading.Event | None = None,
) -> int:
    """Embed every chunk without a vector from this model; returns how many were embedded."""
    missing = [
        row[0]
        for row in index.execute(
            """SELECT c.id FROM chunks c LEFT JOIN embeddings e ON e.chunk_id = c.id AND e.model = ?
               WHERE e.chunk_id IS NULL ORDER BY c.id""",
            (embedder.model_id,),
        )
    ]
    done = 0
    for start in range(0, len(missing), EMBED_BATCH):
        if stop is not None and stop.is_set():
            break
        ids = missing[start : start + EMBED_BATCH]
        marks = ",".join("?" * len(ids))
        rows = index.execute(f"SELECT id, text FROM chunks WHERE id IN ({marks}) ORDER BY id", ids)
        vectors = embedder.embed([text for _, text in rows])
        with index.transaction():
            index.execute_many(
                "INSERT OR REPLACE INTO embeddings (chunk_id, model, vector) VALUES (?, ?, ?)",
                [(chunk_id, embedder.model_id, vector.tobytes()) for (chunk_id, _), vector in zip(rows, vectors)],
            )
        done += len(rows)
        if on_progress is not None:
            on_progress(done, len(missing))
    return done


class VectorSearch:
    """The nearest chunks to a query by cosine similarity, over vectors held in memory and reloaded only when the
    index's vectors change."""

    def __init__(self, index: DocumentIndex, embedder: Embedder) -> None:
        self._index = index
        self._embedder = embedder
        self._version: tuple | None = None
        self._ids = np.zeros(0, dtype=np.int64)
        self._collections = np.zeros(0, dtype=np.int64)
        self._matrix = np.zeros((0, 0), dtype=np.float32)

    def nearest(self, text: str, limit: int, collection_ids: Sequence[int] | None = None) -> list[tuple[int, float]]:
        self._refresh()
        if not len(self._ids) or limit <= 0:
            return []
        scores = self._matrix @ self._embedder.embed([text])[0]
        if collection_ids is not None:
            scores = np.where(np.isin(self._collections, list(collection_ids)), scores, -np.inf)
        best = np.argsort(-scores, kind="stable")[:limit]
        return [(int(self._ids[i]), float(scores[i])) for i in best if np.isfinite(scores[i])]

    def _refresh(self) -> None:
        model = self._embedder.model_id
        # Count and id sum change whenever vectors are added or dropped (a replaced chunk gets a new id).
        version = self._index.execute(
            "SELECT count(*), coalesce(sum(chunk_id), 0) FROM embeddings WHERE model = ?", (model,)
        )[0]
        if version == self._version:
            return
        rows = self._index.execute(
            """SELECT e.chunk_id, f.collection_id, e.vector FROM embeddings e
               JOIN chunks c ON c.id = e.chunk_id JOIN files f ON f.id = c.file_id WHERE e.model = ?
               ORDER BY e.chunk_id""",
            (model,),
        )
        self._ids = np.array([row[0] for row in rows], dtype=np.int64)
        self._collections = np.array([row[1] for row in rows], dtype=np.int64)
        self._matrix = (
            np.stack([np.frombuffer(row[2], dtype=np.float32) for row in rows]) if rows
            else np.zeros((0, 0), dtype=np.float32)
        )
        self._version = version
