"""One search over the documents: BM25 alone, or BM25 and embeddings fused by reciprocal rank fusion (RRF).

RRF scores a chunk by the sum of 1 / (RRF_K + rank) over the rankings it appears in (Cormack, Clarke and
Buettcher, SIGIR 2009): it needs no calibration between BM25 scores and cosine similarities, and a chunk found by
both rises above chunks found by one.
"""

from __future__ import annotations

from collections.abc import Sequence

from app.core.documents.database import DocumentsError
from app.core.documents.embeddings import VectorSearch
from app.core.documents.index import DocumentIndex
from app.core.documents.records import Hit

RRF_K = 60
# Each ranking contributes this many times the results asked for, so fusion has candidates to reorder.
CANDIDATES = 4


def reciprocal_rank_fusion(rankings: Sequence[Sequence[int]], k: int = RRF_K) -> list[tuple[int, float]]:
    """(id, fused score) best first; ties keep the order of first appearance."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def search_documents(
    index: DocumentIndex,
    text: str,
    limit: int,
    collection_ids: Sequence[int] | None = None,
    vectors: VectorSearch | None = None,
) -> list[Hit]:
    """The best chunks for text: BM25, fused with embeddings when `vectors` is given (BM25 alone when its model is
    gone: deleted while the app runs)."""
    if vectors is None:
        return index.search(text, limit, collection_ids)
    try:
        nearest = vectors.nearest(text, limit * CANDIDATES, collection_ids)
    except DocumentsError:
        return index.search(text, limit, collection_ids)
    lexical = [chunk_id for chunk_id, _ in index.ranked(text, limit * CANDIDATES, collection_ids)]
    semantic = [chunk_id for chunk_id, _ in nearest]
    return index.hits(reciprocal_rank_fusion([lexical, semantic])[:limit])
