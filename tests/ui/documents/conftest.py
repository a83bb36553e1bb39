"""A window with documents: its own DocumentsLibrary over the test's app home, and ConversationTools offering each
conversation's browser (as the application makes them)."""

from __future__ import annotations

from app.ui.documents.library import DocumentsLibrary
from app.ui.model_controller import ModelState
from app.ui.tools.conversation_tools import ConversationTools
from tests.ui.conftest import MODEL, make_window


def documents_window(qtbot, store, engine, library: DocumentsLibrary | None = None):
    """The window and its library, once the index is open."""
    documents = library or DocumentsLibrary()
    made: list[ConversationTools] = []
    window = make_window(qtbot, store, engine, documents=documents, tools_for=lambda app_settings: made.append(
        ConversationTools(app_settings, browsers=documents.browser_for)) or made[0])
    qtbot.waitUntil(lambda: documents.index is not None, timeout=30000)
    return window, documents


def load_scripted(qtbot, window) -> None:
    window.model.load(MODEL)
    qtbot.waitUntil(lambda: window.model.state is ModelState.READY)


def add_folder(qtbot, documents: DocumentsLibrary, folder) -> int:
    """Add a folder as a collection and wait until it is indexed; its id."""
    with qtbot.waitSignal(documents.added, timeout=10000) as added:
        documents.add(folder)
    collection_id = added.args[0].id
    qtbot.waitUntil(lambda: collection_id in documents.reports and documents.progress(collection_id) is None
                    and any(info.collection.id == collection_id and info.stats.files for info in
                            documents.collections), timeout=30000)
    return collection_id
