"""The list of projects and conversations: listing, searching (in one project or all), renaming, pinning, moving
conversations between projects, and deleting, on the store's thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Signal

from app.core.documents.attachments import delete_conversation_files
from app.core.project_files import delete_project_files
from app.core.store import ConversationStore, OpenReport, Project
from app.ui.threads.task_runner import TaskRunner

SEARCH_LIMIT = 50


class LibraryController(QObject):
    projectsListed = Signal(list)  # Project list by name; comes just before conversationsListed
    conversationsListed = Signal(list)  # ConversationSummary list: pinned first, then the most recent
    searchFinished = Signal(str, list)  # the query, and its SearchHit list (title hits first)
    conversationChanged = Signal(int)  # id of a conversation renamed, pinned or moved to another project
    conversationDeleted = Signal(int)  # id of a conversation deleted
    projectChanged = Signal(object)  # Project made, renamed, or whose settings or files changed
    projectDeleted = Signal(int)  # id of a project deleted (the conversations deleted with it: conversationDeleted)
    errorRaised = Signal(str)  # the store failed: a message for the user

    def __init__(self, store: ConversationStore, tasks: TaskRunner, parent: QObject | None = None,
                 forget: Callable[[str], None] | None = None) -> None:
        """`forget(conversation_uuid)`: on the store's thread, for each conversation deleted, before its files go
        (its python kernel ends: it works in that folder)."""
        super().__init__(parent)
        self._store = store
        self._tasks = tasks
        self._forget = forget
        self._query = ""
        self._search_project: int | None = None

    def refresh(self) -> None:
        self._tasks.run(lambda: (self._store.list_projects(), self._store.list_conversations(limit=None)),
                        self._on_listed, self.errorRaised.emit)
        if self._query:
            self.search(self._query, self._search_project)

    def _on_listed(self, listing: tuple[list, list]) -> None:
        projects, conversations = listing
        self.projectsListed.emit(projects)
        self.conversationsListed.emit(conversations)

    def check_after_crash(self, on_checked: Callable[[OpenReport], None]) -> None:
        """The integrity check a crash calls for (ConversationStore.open(check_later=True)), on the store's thread
        while the window is already in use: what is given to the store after it waits for it. A damaged file is
        recovered; the list is then read again."""
        def done(report: OpenReport) -> None:
            if report.recovered:
                self.refresh()
            on_checked(report)

        self._tasks.run(self._store.check_after_crash, done, self.errorRaised.emit)

    def search(self, query: str, project_id: int | None = None) -> None:
        """In every conversation, or in one project's when `project_id` is given (OUTSIDE_PROJECTS: in none)."""
        self._query, self._search_project = query.strip(), project_id
        query = self._query
        if not query:
            self.searchFinished.emit("", [])
            return
        self._tasks.run(lambda: self._store.search(query, SEARCH_LIMIT, project_id),
                        self._on_search_done(query, project_id), self.errorRaised.emit)

    def _on_search_done(self, query: str, project_id: int | None) -> Callable[[list], None]:
        def done(hits: list) -> None:
            if (query, project_id) == (self._query, self._search_project):  # a newer search replaces this one
                self.searchFinished.emit(query, hits)
        return done

    # Conversations

    def rename(self, conversation_id: int, title: str) -> None:
        self._change(lambda: self._store.rename(conversation_id, title), self.conversationChanged, conversation_id)

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._change(lambda: self._store.set_pinned(conversation_id, pinned), self.conversationChanged,
                     conversation_id)

    def move(self, conversation_id: int, project_id: int | None) -> None:
        """Into a project, or out of any (None)."""
        self._change(lambda: self._store.move_conversation(conversation_id, project_id), self.conversationChanged,
                     conversation_id)

    def delete(self, conversation_id: int) -> None:
        """The conversation, then its files (attachments, python's, its documents collection)."""
        def work() -> None:
            uid = self._store.get_conversation(conversation_id).uuid
            self._store.delete_conversation(conversation_id)
            self._delete_files(uid)

        self._change(work, self.conversationDeleted, conversation_id)

    # Projects

    def create_project(self, values: dict[str, Any], on_created: Callable[[Project], None] | None = None) -> None:
        """`values`: name, instructions, settings."""
        def created(project: Project) -> None:
            self.projectChanged.emit(project)
            self.refresh()
            if on_created is not None:
                on_created(project)

        self._tasks.run(lambda: self._store.create_project(**values), created, self.errorRaised.emit)

    def update_project(self, project_id: int, **changes: Any) -> None:
        """Any of name, instructions, settings."""
        self._change(lambda: self._store.update_project(project_id, **changes), self.projectChanged)

    def project_files_changed(self, project: Project) -> None:
        """Its files' collection was made: conversations in it search it from now on."""
        self.projectChanged.emit(project)
        self.refresh()

    def delete_project(self, project: Project, *, delete_conversations: bool) -> None:
        """Its conversations are deleted with it, or kept outside any project; its files go (after the project, so
        a failure there loses nothing else)."""
        def deleted(conversation_ids: list[int]) -> None:
            for conversation_id in conversation_ids:
                self.conversationDeleted.emit(conversation_id)
            self.projectDeleted.emit(project.id)
            self.refresh()
            self._tasks.run(lambda: delete_project_files(project), None, self.errorRaised.emit)

        def work() -> list[int]:
            going = [c.uuid for c in self._store.list_conversations(limit=None) if c.project_id == project.id]
            conversation_ids = self._store.delete_project(project.id, delete_conversations=delete_conversations)
            for uid in going if delete_conversations else ():
                self._delete_files(uid)
            return conversation_ids

        self._tasks.run(work, deleted, self.errorRaised.emit)

    def _delete_files(self, conversation_uuid: str) -> None:
        if self._forget is not None:
            self._forget(conversation_uuid)
        delete_conversation_files(conversation_uuid)

    def _change(self, work: Callable[[], Any], signal: Signal, argument: object = None) -> None:
        """Run `work`, then announce `argument` (or what work returned) and list again."""
        def done(result: object) -> None:
            signal.emit(result if argument is None else argument)
            self.refresh()

        self._tasks.run(work, done, self.errorRaised.emit)
