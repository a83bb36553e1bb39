"""The catalog's embedding model in the model manager: listed for documents with its size instead of a fit, left out
of the recommendation, downloaded from the loopback hub like the chat models (same queue, pause and resume, verify,
delete), and never offered for chatting, here or when the app starts again; an imported embedding GGUF likewise."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtWidgets import QAbstractButton, QLabel

from app.core.models.catalog import load_catalog
from app.core.models.embedding_model import installed_embedding_model
from app.core.models.importer import import_local_gguf
from app.core.models.registry import InstalledModel, ModelRegistry
from app.ui.application import _last_chat_model
from tests.support.tiny_gguf import write_tiny_gpt_oss
from tests.ui.model_manager.test_model_manager import (
    EMBEDDING,
    LAPTOP,
    MIB,
    WORKSTATION,
    answer,
    click,
    engine,  # noqa: F401  (a fixture: the window's engine remembers what it was asked to load)
    label,
    open_manager,  # noqa: F401  (a fixture)
    random_bytes,
    row,
    wait_progress,
    wait_state,
)
from tests.ui.test_accessibility import unnamed

REPO, FILE = "bartowski/granite-embedding-107m-multilingual-GGUF", "granite-embedding-107m-multilingual-Q8_0.gguf"


def visible(widget, name: str) -> bool:
    return widget.findChild(QAbstractButton, name).isVisible()


@pytest.mark.parametrize("machine", [LAPTOP, WORKSTATION])
def test_it_is_listed_for_documents_with_its_size_and_no_fit(open_manager, machine):  # noqa: F811
    dialog = open_manager(machine)

    embedding = row(dialog, EMBEDDING)
    assert label(embedding, "fitBadge") == "For documents: search by meaning"
    assert "Documents uses it to find passages by meaning" in embedding.findChild(QLabel, "fitBadge").toolTip()
    assert label(embedding, "modelInfo") == "about 115.4 MiB · runs on the CPU beside the chat model · Apache-2.0 · " \
                                            "bartowski"
    assert embedding.state_text() == "Not downloaded · until it is, Documents searches by words only"
    assert visible(embedding, "downloadButton") and not visible(embedding, "fitDetailsButton")
    # The recommendation is still a chat model's, and the 107M embedding model is not "the smallest that runs".
    assert EMBEDDING not in label(dialog, "recommendationLabel")
    assert "recommended" not in label(embedding, "modelInfo")
    assert dialog.models._fits[EMBEDDING] is None


def test_it_downloads_pauses_resumes_and_installs_for_documents_never_for_chatting(qtbot, window, engine,  # noqa: F811
                                                                                    fake_hub, open_manager):  # noqa: F811
    content = random_bytes(2 * MIB, seed=7)
    fake_hub.add_file(REPO, FILE, content)
    fake_hub.switches.bytes_per_second = 2 * MIB
    dialog = open_manager()  # the shipped catalog: sizes and checksums come from the hub before the download
    assert installed_embedding_model() is None

    click(qtbot, row(dialog, EMBEDDING), "downloadButton")
    wait_progress(qtbot, dialog, EMBEDDING)
    assert dialog.manager.downloads.running()[0] == EMBEDDING  # the one queue of every download
    click(qtbot, row(dialog, EMBEDDING), "pauseButton")
    wait_state(qtbot, dialog, EMBEDDING, "Paused at")
    click(qtbot, row(dialog, EMBEDDING), "resumeButton")
    wait_state(qtbot, dialog, EMBEDDING, "Installed")

    installed = row(dialog, EMBEDDING)
    assert installed.state_text() == "Installed · used by Documents (Tools ▸ Documents…) automatically"
    assert not visible(installed, "useButton")
    assert all(visible(installed, name) for name in ("verifyButton", "deleteButton", "folderButton"))
    path = installed_embedding_model()
    assert path is not None and path.read_bytes() == content and path.name == FILE
    assert label(installed, "fitBadge") == "For documents: search by meaning"
    assert unnamed(dialog) == []
    # Even asked directly (no button shows it), the page does not load it for chatting.
    installed.actionRequested.emit("use", EMBEDDING)
    assert engine.loads_asked == [] and window.model.path is None

    click(qtbot, installed, "verifyButton")
    qtbot.waitUntil(lambda: "is intact" in dialog.notice.text(), timeout=10000)
    answer("delete")
    click(qtbot, row(dialog, EMBEDDING), "deleteButton")
    wait_state(qtbot, dialog, EMBEDDING, "Not downloaded")
    assert installed_embedding_model() is None and not path.exists()


def test_it_is_not_loaded_again_at_start_as_the_last_chat_model(tmp_path):
    registry = ModelRegistry.load()
    entry = load_catalog().get(EMBEDDING)
    embedder = registry.models_dir / entry.repo / FILE
    embedder.parent.mkdir(parents=True)
    embedder.write_bytes(b"GGUF" + bytes(100))
    registry.add(InstalledModel(entry.id, entry.id, (embedder,), 104, sha256_verified=True, owned=True))
    chat = tmp_path / "chat.gguf"
    chat.write_bytes(b"GGUF")

    assert _last_chat_model(str(embedder)) is None  # opened by hand once: Documents' model, not one to chat with
    assert _last_chat_model(str(chat)) == chat
    assert _last_chat_model(str(tmp_path / "gone.gguf")) is None and _last_chat_model(None) is None
    assert isinstance(_last_chat_model(str(chat)), Path)


def test_an_imported_embedding_model_is_shown_and_used_for_documents(tmp_path, open_manager):  # noqa: F811
    registry = ModelRegistry.load()
    encoder = import_local_gguf(write_tiny_gpt_oss(tmp_path / "my-encoder.gguf", chat_template=None,
                                                   architecture="bert"), registry=registry)

    dialog = open_manager()

    imported = row(dialog, encoder.id)
    assert label(imported, "fitBadge") == "For documents: search by meaning"
    assert imported.state_text() == "Installed · used by Documents (Tools ▸ Documents…) automatically"
    assert not visible(imported, "useButton") and not visible(imported, "fitDetailsButton")
    assert installed_embedding_model() == encoder.path
