"""Each conversation's browser over its documents: one DocumentsBrowser a conversation, kept while the app runs, its
state in the conversation's state file (read at its first call, written after each, on the engine thread).

The chat asks for the browser when a turn starts (the collections on may have changed since the last turn) and,
while a reply streams, for the state its citations resolve against; a reply a crash cut short kept no sources of its
own, so its citations resolve against the state file as the last call left it.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence

from app.core.documents.browser.state import BrowserState, load_state
from app.core.documents.browser.tool import DocumentsBrowser, Library
from app.core.documents.embeddings import VectorSearch
from app.core.documents.index import DocumentIndex
from app.core.paths import app_paths


class ConversationBrowsers:
    def __init__(self) -> None:
        self._browsers: dict[str, DocumentsBrowser] = {}
        self._saved: dict[str, BrowserState] = {}  # read from the state files, for replies without their sources
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

    def saved_state(self, conversation_uuid: str) -> BrowserState:
        """The state the browser of an earlier run left in the conversation's file (empty when there is none), read
        once. Its cursors only ever grow, so an older reply's citations still point at the pages they cited."""
        with self._lock:
            saved = self._saved.get(conversation_uuid)
        if saved is None:
            saved = load_state(app_paths().browser_state(conversation_uuid))
            with self._lock:
                self._saved[conversation_uuid] = saved
        return saved
