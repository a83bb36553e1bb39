"""Search by meaning on this machine: how fast passages are embedded in the background (one CPU thread, as the
window's indexer does, and every thread), and what a search costs with the vectors fused in, side by side with BM25
alone on the same index and queries.

The catalog's embedding model (Granite Embedding 107M multilingual) cannot be downloaded here (no hub); gemma-3 270M
stands in, mean pooled by LlamaEmbedder. It has about 2.5 times Granite's parameters, so Granite should embed about
that much faster; the figures are an upper bound of the cost. Thirty generated files (bench/documents.py's English and
Japanese corpus, 0.3 MB, 163 passages) are indexed, and 40 of their passages embedded per measure; then all of them
(every thread), for the searches. About ten minutes on a 2-core machine.

No target in the issue: the numbers are for the notes and for honest advice (how long a folder takes to prepare).
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from app.core.documents.embeddings import LlamaEmbedder, VectorSearch, embed_missing
from app.core.documents.fusion import search_documents
from app.core.documents.index import DocumentIndex
from app.core.documents.indexer import index_collection
from bench.documents import QUERIES, _percentile, generate
from bench.harness import emit_result, gemma_model, print_table


def embed_rate(database: Path, model: Path, threads: int, passages: int) -> tuple[float, float]:
    """(passages a second, seconds) embedding the first `passages` chunks without a vector, in a copy of the index."""
    with DocumentIndex.open(database) as index:
        with index.transaction():
            index.execute("DELETE FROM embeddings")
        embedder = LlamaEmbedder(model, n_threads=threads)
        try:
            stop_after = _StopAfter(passages)
            began = time.perf_counter()
            done = embed_missing(index, embedder, stop_after.progress, stop_after.event)
            seconds = time.perf_counter() - began
        finally:
            embedder.close()
    return done / seconds, seconds


class _StopAfter:
    def __init__(self, passages: int) -> None:
        self.event = threading.Event()
        self._passages = passages

    def progress(self, done: int, _total: int) -> None:
        if done >= self._passages:
            self.event.set()


def query_times(index: DocumentIndex, vectors: VectorSearch | None, repeats: int) -> list[float]:
    times = []
    for _ in range(repeats):
        for text in QUERIES.values():
            began = time.perf_counter()
            search_documents(index, text, 10, None, vectors)
            times.append((time.perf_counter() - began) * 1000)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=30)
    parser.add_argument("--megabytes", type=float, default=0.3)
    parser.add_argument("--passages", type=int, default=40, help="passages embedded per measure")
    parser.add_argument("--repeats", type=int, default=5)
    options = parser.parse_args()
    model = gemma_model()

    with tempfile.TemporaryDirectory() as folder:
        root, database = Path(folder) / "corpus", Path(folder) / "documents.sqlite3"
        generate(root, options.files, options.megabytes)
        with DocumentIndex.open(database) as index:
            index_collection(index, index.add_collection(root))
            chunks = index.execute("SELECT count(*) FROM chunks")[0][0]

        rows, rates = [], {}
        for threads in (1, os.cpu_count() or 1):
            rate, seconds = embed_rate(database, model, threads, options.passages)
            rates[threads] = rate
            rows.append((f"embed, {threads} thread(s)", f"{rate:.1f} passages/s", f"{seconds:.1f} s",
                         f"{chunks / rate / 60:.1f} min for all {chunks}"))
            print(*rows[-1], sep="  ", flush=True)  # a long run cut short still tells this much

        with DocumentIndex.open(database) as index:
            embedder = LlamaEmbedder(model, n_threads=os.cpu_count() or 1)
            embed_missing(index, embedder)  # every passage, for the searches
            vectors = VectorSearch(index, embedder)
            query_times(index, vectors, 1)  # the vectors loaded into memory once
            # Side by side, alternating: BM25 alone, then fused, each round.
            bm25, fused = [], []
            for _ in range(options.repeats):
                bm25 += query_times(index, None, 1)
                fused += query_times(index, vectors, 1)
            embedder.close()
        for name, times in (("search, BM25 alone", bm25), ("search, BM25 + vectors (RRF)", fused)):
            rows.append((name, f"p50 {statistics.median(times):.1f} ms", f"p95 {_percentile(times, 0.95):.1f} ms",
                         f"{len(times)} queries"))

    print_table(("measure", "result", "", ""), rows)
    emit_result({
        "bench": "embeddings",
        "model": "gemma-3 270M (stand-in)",
        "passages": chunks,
        "embed_passages_per_s": {str(k): round(v, 1) for k, v in rates.items()},
        "query_ms_bm25": {"p50": round(statistics.median(bm25), 2), "p95": round(_percentile(bm25, 0.95), 2)},
        "query_ms_fused": {"p50": round(statistics.median(fused), 2), "p95": round(_percentile(fused, 0.95), 2)},
        "pass": {},
    })


if __name__ == "__main__":
    main()
