"""Embeddings through llama-cpp-python, stored with the index and fused with BM25 by reciprocal rank fusion.

The real gemma 270M stands in for an embedding model: it is not one, so the tests assert only what holds for any
model (shapes, unit length, a text nearest to itself, resumable embedding, fusion's arithmetic), never quality."""

from __future__ import annotations

import threading

import numpy as np
import pytest

from app.core.documents.embeddings import LlamaEmbedder, VectorSearch, embed_missing
from app.core.documents.fusion import RRF_K, reciprocal_rank_fusion, search_documents
from app.core.documents.index import DocumentIndex
from app.core.documents.indexer import index_collection

TEXTS = {
    "cats.md": "Cats sleep most of the day and hunt at night.",
    "rust.md": "The borrow checker enforces ownership rules at compile time.",
    "tokyo.md": "東京の天気は晴れ、明日は雨の予報です。",
    "bread.md": "Knead the dough for ten minutes, then let it rise.",
    "tides.md": "Tides follow the moon; spring tides come at new and full moon.",
    "chess.md": "Control the centre early and develop knights before bishops.",
    "tea.md": "Green tea is steeped at a lower temperature than black tea.",
    "orbit.md": "A satellite in low orbit circles the earth in about ninety minutes.",
    "piano.md": "Practise scales slowly with a metronome before speeding up.",
}


def test_reciprocal_rank_fusion_adds_one_over_k_plus_rank():
    fused = reciprocal_rank_fusion([[1, 2, 3], [3, 1]])
    assert [item for item, _ in fused] == [1, 3, 2]
    assert fused[0][1] == pytest.approx(1 / (RRF_K + 1) + 1 / (RRF_K + 2))
    assert fused[2][1] == pytest.approx(1 / (RRF_K + 2))


@pytest.fixture(scope="module")
def embedder(gemma_270m):
    model = LlamaEmbedder(gemma_270m, n_ctx=256)
    yield model
    model.close()


def test_the_threads_asked_for_are_the_ones_that_embed(gemma_270m):
    # The indexer embeds on one thread beside the chat model; llama.cpp embeds with its batch threads.
    one = LlamaEmbedder(gemma_270m, n_ctx=256, n_threads=1)
    try:
        assert (one._llm.context_params.n_threads, one._llm.context_params.n_threads_batch) == (1, 1)
    finally:
        one.close()


@pytest.mark.slow
def test_a_gguf_model_embeds_the_index_resumably_and_search_fuses_it(tmp_path, embedder):
    root = tmp_path / "notes"
    root.mkdir()
    for name, text in TEXTS.items():
        (root / name).write_text(text + "\n", encoding="utf-8")
    with DocumentIndex.open() as index:
        collection = index.add_collection(root)
        index_collection(index, collection)

        stop, progress = threading.Event(), []

        def stop_after_first_batch(done, total):
            progress.append((done, total))
            stop.set()

        first = embed_missing(index, embedder, stop_after_first_batch, stop)
        rest = embed_missing(index, embedder)  # goes on where it stopped
        assert progress == [(first, len(TEXTS))] and 0 < first < len(TEXTS) and first + rest == len(TEXTS)
        assert embed_missing(index, embedder) == 0

        vectors = np.stack([np.frombuffer(row[0], dtype=np.float32) for row in index.execute(
            "SELECT vector FROM embeddings ORDER BY chunk_id")])
        assert vectors.shape == (len(TEXTS), 640)
        assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)

        search = VectorSearch(index, embedder)
        for name, text in TEXTS.items():
            best_id, best_score = search.nearest(text + "\n", 3)[0]
            assert index.hits([(best_id, best_score)])[0].path == name
            assert best_score == pytest.approx(1.0, abs=1e-3)
        assert search.nearest("anything", 3, collection_ids=[collection.id + 1]) == []

        fused = search_documents(index, TEXTS["rust.md"], 3, vectors=search)
        assert fused[0].path == "rust.md"  # first in both rankings, so first fused

        (root / "new.md").write_text("A new note about sourdough.\n")
        index_collection(index, collection)
        assert embed_missing(index, embedder) == 1
        assert search.nearest("A new note about sourdough.\n", 1)[0][1] == pytest.approx(1.0, abs=1e-3)
