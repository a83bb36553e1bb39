"""How the app creates every `llama_cpp.Llama`: on a llama.cpp built with its AMX kernels (which crash,
ggml-org/llama.cpp#20824), without extra buffer types; elsewhere with them (weight repacking is faster).

The real gemma 270M (Q4_K, a type the AMX kernels take) is loaded for chatting and for embedding, and must run: on a
machine with AMX the process would die in the first matrix multiply without the fix."""

from __future__ import annotations

import llama_cpp

from app.core.documents.embeddings import LlamaEmbedder
from app.core.engine import LoadSettings
from app.core.engines.llama.loader import amx_in_build, create_llama


def test_a_build_with_amx_kernels_loads_without_them_and_runs(gemma_270m):
    system = llama_cpp.llama_print_system_info()
    assert amx_in_build() == (b"AMX_INT8 = 1" in system)

    llm = create_llama(gemma_270m, LoadSettings(n_ctx=256, n_batch=64), None)
    try:
        assert llm.model_params.use_extra_bufts is not amx_in_build()
        llm.eval(llm.tokenize(b"Cats sleep most of the day and hunt at night."))
        assert llm.n_tokens > 0
    finally:
        llm.close()

    embedder = LlamaEmbedder(gemma_270m, n_ctx=256, n_threads=1)
    try:
        assert embedder._llm.model_params.use_extra_bufts is not amx_in_build()
        assert embedder.embed(["東京の天気は晴れ", "Tides follow the moon."]).shape == (2, 640)
    finally:
        embedder.close()
