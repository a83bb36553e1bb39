"""Each conversation's browser over its documents: one DocumentsBrowser a conversation, kept while the app runs, its
state in the conversation's state file (read at its first call, written after each, on the engine thread).

The chat asks for the browser when a turn starts (the collections on may have changed since the last turn) and,
while a reply streams, for the state its citations resolve against.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from app.core.documents.browser.state import BrowserState
from app.core.documents.browser.tool import DocumentsBrowser, Library
from app.core.documents.embeddings import VectorSearch
from app.core.documents.index import DocumentIndex
from app.core.paths import app_paths


class ConversationBrowsers:
    def __init__(self) -> None:
        self._browsers: dict[str, DocumentsBrowser] = {}
        self._lock = threading.Lock()

    def browser(self, index: DocumentIndex, conversation_uuid: str, collection_ids: Sequence[int],
                vectors: VectorSearch | None = None) -> DocumentsBrowser:
        """The conversation's browser, reading the given collections from now on (searching by meaning too, with
        `vectors`)."""
        library = Library(index, tuple(collection_ids), vectors)
        with self._lock:
            browser = self._browsers.get(conversation_uuid)
            if browser is None:
                browser = DocumentsBrowser(library, state_file=app_paths().browser_state(conversation_uuid))
                self._browsers[conversation_uuid] = browser
            else:
                browser.library = library
        return browser

    def state(self, conversation_uuid: str) -> BrowserState | None:
        """What the conversation's browser has shown, once its state is loaded (None before its first call in this
        run of the app)."""
        with self._lock:
            browser = self._browsers.get(conversation_uuid)
        return browser.state if browser is not None else None
