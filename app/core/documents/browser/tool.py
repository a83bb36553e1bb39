"""The browser tool over the user's documents: `browser.search`, `browser.open` and `browser.find` as gpt-oss calls
them, each answered with the display the model was trained on (pages.py, displays.py).

`run_browser_call(state, library, recipient, arguments)` never raises for what the model wrote: bad JSON, an
unknown function, a wrong cursor or link id each give an error text in the reference browser's wording, which the
model can read and correct.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.core.documents.browser.displays import display_line_of, document_page, find_page, search_page
from app.core.documents.browser.pages import CountTokens, Page
from app.core.documents.browser.state import BrowserState, BrowserUsageError, load_state, save_state
from app.core.documents.embeddings import VectorSearch
from app.core.documents.fusion import search_documents
from app.core.documents.index import DocumentIndex
from app.core.tools.spec import ToolResult

log = logging.getLogger(__name__)

NAMESPACE = "browser"
FUNCTIONS = ("search", "open", "find")
DEFAULT_TOPN = 10
MAX_TOPN = 20  # the reference browser shows at most 20 results
# The reference opens a result a few lines above the passage it found, for context.
_LINES_BEFORE = 4


def reads_documents(recipient: str) -> bool:
    """A browser call never asks first: it reads the user's own files where they lie, and nothing leaves."""
    return recipient.startswith(f"{NAMESPACE}.")


@dataclass
class Library:
    """What the browser reads: the index, the collections switched on (None: all), optional embeddings, and the
    model's tokenizer to size views (None: an estimate)."""

    index: DocumentIndex
    collection_ids: Sequence[int] | None = None
    vectors: VectorSearch | None = None
    count_tokens: CountTokens | None = None


def run_browser_call(state: BrowserState, library: Library, recipient: str, arguments: str) -> ToolResult:
    """Answer one call. `recipient` is what the model addressed ('browser.search', ...); `arguments` the JSON text
    it wrote (may be empty)."""
    namespace, _, function = recipient.strip().partition(".")
    try:
        parsed = json.loads(arguments) if arguments.strip() else {}
    except ValueError:
        parsed = None
    if namespace != NAMESPACE or not isinstance(parsed, dict):
        return ToolResult(json.dumps({"error": "Invalid function arguments"}), is_error=True)
    if function not in FUNCTIONS:
        return ToolResult(json.dumps({"error": f"Unknown function: {function}"}), is_error=True)
    try:
        if function == "search":
            return ToolResult(_search(state, library, parsed))
        if function == "open":
            return ToolResult(_open(state, library, parsed))
        return ToolResult(_find(state, library, parsed))
    except BrowserUsageError as error:
        return ToolResult(str(error), is_error=True)


def _integer(arguments: dict[str, Any], name: str, default: int) -> int:
    value = arguments.get(name, default)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        value = int(value)  # "5" for 5: what the model meant
    if isinstance(value, bool) or not isinstance(value, int):
        raise BrowserUsageError(f"`{name}` should be an integer, not `{type(value).__name__}`")
    return value


def _text(arguments: dict[str, Any], name: str) -> str:
    value = arguments.get(name)
    if not isinstance(value, str) or not value.strip():
        raise BrowserUsageError(f"`{name}` is required: a non-empty string.")
    return value


def _show(state: BrowserState, library: Library, page: Page, loc: int = 0, num_lines: int = -1) -> str:
    """Push page under a new cursor and display it; a view that cannot be shown takes its cursor back."""
    cursor = state.add(page)
    try:
        return page.view(cursor, max(loc, 0), num_lines, library.count_tokens)
    except ValueError as error:
        state.drop_last()
        raise BrowserUsageError(str(error)) from None


def _search(state: BrowserState, library: Library, arguments: dict[str, Any]) -> str:
    query = _text(arguments, "query")
    topn = min(max(_integer(arguments, "topn", _integer(arguments, "top_n", DEFAULT_TOPN)), 1), MAX_TOPN)
    hits = search_documents(library.index, query, topn, library.collection_ids, library.vectors)
    return _show(state, library, search_page(query, hits))


def _document(state: BrowserState, library: Library, key: str) -> Page:
    """The page of a document: as displayed before in this conversation (same line numbers), else from the index."""
    known = state.document_page(key)
    if known is not None:
        return known
    document = library.index.find_document(key, library.collection_ids)
    if document is None:
        raise BrowserUsageError(f"Error fetching URL `{key}`: there is no such document in the collections in use.")
    return state.document_page(document.key) or document_page(document)


def _open(state: BrowserState, library: Library, arguments: dict[str, Any]) -> str:
    link_id = arguments.get("id", -1)
    loc = _integer(arguments, "loc", -1)
    num_lines = _integer(arguments, "num_lines", -1)
    if isinstance(link_id, str) and not link_id.strip().lstrip("-").isdigit():
        return _show(state, library, _document(state, library, link_id), loc, num_lines)
    link_id = _integer(arguments, "id", -1)
    current = state.page(_integer(arguments, "cursor", -1))
    if link_id < 0:
        # Scroll: the same page again, under a new cursor.
        return _show(state, library, current, loc, num_lines)
    link = current.links.get(link_id)
    if link is None:
        raise BrowserUsageError(f"Invalid link id `{link_id}`.")
    page = _document(state, library, link.key)
    if loc < 0:
        target = link.display_line
        if target is None and link.source_line is not None:
            target = display_line_of(page, link.source_line)
        target = target or 0
        loc = target - _LINES_BEFORE if target > _LINES_BEFORE else target
    return _show(state, library, page, loc, num_lines)


def _find(state: BrowserState, library: Library, arguments: dict[str, Any]) -> str:
    pattern = _text(arguments, "pattern")
    page = state.page(_integer(arguments, "cursor", -1))
    if page.kind != "document":
        raise BrowserUsageError("Cannot run `find` on search results page or find results page")
    return _show(state, library, find_page(pattern, page))


class DocumentsBrowser:
    """The browser as a tool provider of the tool loop (the ToolProvider protocol of app/core/tools/toolbox.py):
    one per conversation, holding its state.

    With `state_file`, the state is read from it at the first call (on the thread that runs the calls, not the one
    that made the browser) and written back after every call, so the cursors and citations of earlier turns outlive
    a restart. Until then `state` is None."""

    def __init__(self, library: Library, state: BrowserState | None = None, state_file: Path | None = None) -> None:
        self.library = library
        self.state = state if state is not None or state_file is not None else BrowserState()
        self._state_file = state_file

    def recipients(self) -> tuple[str, ...]:
        return tuple(f"{NAMESPACE}.{function}" for function in FUNCTIONS)

    def declarations(self) -> tuple[tuple, tuple[str, ...]]:
        """No functions: the browser is one of gpt-oss's own tools, declared by the template as `browser`."""
        return (), (NAMESPACE,)

    def server_of(self, recipient: str) -> str:
        return ""  # the app's own tool

    def run(self, recipient: str, arguments: str, *, timeout_s: float, stop: threading.Event) -> ToolResult:
        # Local searches take milliseconds: timeout and stop are for tools that wait on something.
        if self.state is None:
            self.state = load_state(self._state_file)
        result = run_browser_call(self.state, self.library, recipient, arguments)
        if self._state_file is not None:
            try:
                save_state(self.state, self._state_file)
            except OSError as error:  # the answer stands; only its citations may not outlive a restart
                log.warning("browser state not saved to %s: %s", self._state_file, error)
        return result
