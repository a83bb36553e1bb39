"""Search by meaning in the window: with an embedding model installed, the indexer's thread embeds every passage
after indexing, the Documents page says how far it is, and the conversation's browser and the automatic mode fuse
the vectors with BM25. The tiny gpt-oss GGUF stands in for the embedding model (mean pooled by LlamaEmbedder): its
vectors are random, so only what holds for any model is asserted. A file that cannot be loaded is said once and BM25
goes on; a model deleted while the app runs turns search by meaning off."""

from __future__ import annotations

import threading
import uuid

from PySide6.QtGui import QAction

from app.core.documents.automatic import PassagesStep
from app.ui.documents.library import DocumentsLibrary
from tests.support.scripted_engine import ScriptedEngine
from tests.ui.documents.conftest import add_folder, documents_window


def write_notes(folder):
    folder.mkdir()
    (folder / "proxy.md").write_text("The proxy server listens on port 3128.\n" * 40, encoding="utf-8")
    (folder / "tokyo.txt").write_text("東京の天気は晴れです。\n" * 40, encoding="utf-8")
    return folder


def vector_count(documents: DocumentsLibrary) -> int:
    return documents.index.execute("SELECT count(*) FROM embeddings")[0][0]


def chunk_count(documents: DocumentsLibrary) -> int:
    return documents.index.execute("SELECT count(*) FROM chunks")[0][0]


def test_passages_are_embedded_after_indexing_and_searches_fuse_them(qtbot, store, tmp_path, tiny_gpt_oss):
    model = {"file": tiny_gpt_oss}
    documents = DocumentsLibrary(embedding_model=lambda: model["file"])
    window, documents = documents_window(qtbot, store, ScriptedEngine(), documents)
    window.findChild(QAction, "documentsAction").trigger()
    page = window._documents_dialog
    collection_id = add_folder(qtbot, documents, write_notes(tmp_path / "notes"))
    qtbot.waitUntil(lambda: documents.vectors is not None and documents.embedding is None
                    and vector_count(documents) == chunk_count(documents) > 0, timeout=30000)
    assert page.meaning.text().startswith("Search by meaning is on")

    conversation = str(uuid.uuid4())
    browser = documents.browser_for(conversation, (collection_id,))
    assert browser.library.vectors is documents.vectors
    result = browser.run("browser.search", '{"query": "proxy port"}', timeout_s=10, stop=threading.Event())
    assert not result.is_error and "proxy.md" in result.text  # BM25's hit survives the fusion
    step = documents.passages(conversation, (collection_id,), "東京の天気", 500)
    assert isinstance(step, PassagesStep) and step._vectors is documents.vectors

    model["file"] = None  # the model deleted in the model manager: off at the next run
    documents.reindex(collection_id)
    qtbot.waitUntil(lambda: documents.vectors is None, timeout=30000)
    assert page.meaning.text().startswith("Search by meaning is off")
    assert documents.browser_for(conversation, (collection_id,)).library.vectors is None


def test_a_model_that_cannot_be_loaded_is_said_once_and_bm25_goes_on(qtbot, store, tmp_path):
    broken = tmp_path / "embedding.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    errors: list[str] = []
    documents = DocumentsLibrary(embedding_model=lambda: broken)
    documents.errorRaised.connect(errors.append)
    window, documents = documents_window(qtbot, store, ScriptedEngine(), documents)
    collection_id = add_folder(qtbot, documents, write_notes(tmp_path / "notes"))
    qtbot.waitUntil(lambda: bool(errors), timeout=30000)
    assert "embedding.gguf cannot be loaded" in errors[0]
    documents.reindex(collection_id)
    qtbot.waitUntil(lambda: not documents.indexing, timeout=30000)
    assert len(errors) == 1 and documents.vectors is None  # not tried again until the file changes
    assert documents.index.search("proxy", 1)
