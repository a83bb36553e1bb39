"""Conversations on disk: one SQLite database that never loses a word.

`ConversationStore` (conversation_store.py) is the facade the app uses; opening, recovery, schema, search and
export/import are its parts. The names below are the package's vocabulary: import them from `app.core.store`.
"""

from app.core.store.conversation_store import ConversationStore
from app.core.store.files import StoreDamagedError, StoreError, StoreLockedError
from app.core.store.opening import OpenReport
from app.core.store.records import (
    ACTIVE_LEAF,
    ROLES,
    STATUSES,
    Conversation,
    ConversationSummary,
    ImportCounts,
    Message,
    Project,
    as_history,
    title_from_text,
)
from app.core.store.search import HIGHLIGHT_END, HIGHLIGHT_START, OUTSIDE_PROJECTS, SearchHit

__all__ = [
    "ACTIVE_LEAF",
    "HIGHLIGHT_END",
    "HIGHLIGHT_START",
    "OUTSIDE_PROJECTS",
    "ROLES",
    "STATUSES",
    "Conversation",
    "ConversationStore",
    "ConversationSummary",
    "ImportCounts",
    "Message",
    "OpenReport",
    "Project",
    "SearchHit",
    "StoreDamagedError",
    "StoreError",
    "StoreLockedError",
    "as_history",
    "title_from_text",
]
