"""Conversations on disk: one SQLite database (WAL, foreign keys, FTS5 search) that never loses a word.

Opening the store (opening.py) takes the single-writer lock, repairs a damaged file (recovery.py), migrates the
schema forward (schema.py) and marks replies that a crash left streaming as interrupted.

Messages form a tree by parent_id. Editing a user message adds a sibling user message under the same parent;
regenerating adds a sibling assistant message. The conversation remembers the leaf of the branch on show. A fork is a
new conversation holding a copy of one branch up to a message, linked back to the original by uuids.

Projects (projects.py) group conversations; a conversation is in at most one.

Threads: a store has one connection, guarded by a lock, so any thread may call it; calls are serialised.
"""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import replace
from datetime import datetime
from pathlib import Path
from typing import Any

from app.core.chat import Step
from app.core.paths import app_paths
from app.core.store import projects as project_sql
from app.core.store.attachments import NO_ATTACHMENTS, Attachments, attachments_to_json
from app.core.store.files import StoreDamagedError, WriterLock
from app.core.store.opening import OpenReport, check_after_crash, open_read_only, open_writable
from app.core.store.records import (
    ACTIVE_LEAF,
    CONVERSATION_COLUMNS,
    MESSAGE_COLUMNS,
    ROLES,
    STATUSES,
    SUMMARY_COLUMNS,
    Conversation,
    ConversationSummary,
    DefaultParent,
    ImportCounts,
    Message,
    Project,
    Role,
    Status,
    conversation_from_row,
    message_from_row,
    summary_from_row,
    title_from_text,
)
from app.core.store.recovery import is_damage
from app.core.store.schema import timestamp
from app.core.store.search import SearchHit, search
from app.core.store.steps import steps_to_json


def _check(value: str, allowed: tuple[str, ...], what: str) -> None:
    if value not in allowed:
        raise ValueError(f"{what} must be one of {allowed}, not {value!r}")


class ConversationStore:
    """Use ConversationStore.open(); close() when done (or use it as a context manager)."""

    def __init__(self, db: sqlite3.Connection, lock: WriterLock | None, report: OpenReport, path: Path) -> None:
        self._db = db
        self._path = path
        self._writer_lock = lock
        self.open_report = report
        self._lock = threading.RLock()
        self._depth = 0
        self._damaged = False

    @classmethod
    def open(cls, path: Path | None = None, *, read_only: bool = False, check_later: bool = False) -> ConversationStore:
        """Open (creating if needed) the database; None means app_paths().database. Raises StoreLockedError when
        another app writes it, StoreError with a one-line message when it cannot be opened. `read_only` needs no
        lock and changes nothing on disk (for exports while the app runs). `check_later`: after a crash, open at
        once and leave the integrity check to check_after_crash() (open_report.check_pending says it is due)."""
        path = Path(path) if path is not None else app_paths().database
        if read_only:
            return cls(open_read_only(path), None, OpenReport(), path)
        return cls(*open_writable(path, check_later=check_later), path)

    def check_after_crash(self) -> OpenReport:
        """Run the check open(check_later=True) left for later (on the store's thread: calls from other threads wait
        until it ends): a damaged file is set aside and what can be read recovered, as open() would, and the replies
        the crash cut off are marked interrupted. Returns what it found; an empty report when nothing was due."""
        with self._lock:
            if not self.open_report.check_pending:
                return OpenReport()
            self._damaged = True  # until it passes: if it fails, the next start checks again
            self._db, self.open_report = check_after_crash(self._db, self._path)
            self._damaged = False
            return self.open_report

    def close(self) -> None:
        with self._lock:
            self._db.close()
            if self._writer_lock:
                self._writer_lock.release(clean=not self._damaged)

    def __enter__(self) -> ConversationStore:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextmanager
    def _database(self) -> Iterator[sqlite3.Connection]:
        """The connection, under the lock. SQLite finding the file damaged becomes a StoreDamagedError, and the
        next open checks the file and recovers it."""
        with self._lock:
            try:
                yield self._db
            except sqlite3.DatabaseError as error:
                if not is_damage(error):
                    raise
                self._damaged = True
                raise StoreDamagedError(
                    "The conversation database is damaged. Restart gpt-oss Chat: it keeps the damaged file and "
                    "recovers what it can."
                ) from error

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing; a block inside another joins the outer one. Other threads wait until it ends."""
        with self._database() as db:
            outermost = self._depth == 0
            if outermost:
                db.execute("BEGIN IMMEDIATE")
            self._depth += 1
            try:
                yield
                if outermost:
                    db.execute("COMMIT")
            except BaseException:
                # Also when COMMIT itself failed (a full disk): SQLite may leave the transaction open.
                if outermost and db.in_transaction:
                    db.execute("ROLLBACK")
                raise
            finally:
                self._depth -= 1

    def _rows(self, sql: str, params: Sequence[object] = ()) -> list[tuple]:
        with self._database() as db:
            return db.execute(sql, params).fetchall()

    def _write(self, sql: str, params: Sequence[object] = ()) -> sqlite3.Cursor:
        with self._database() as db:
            return db.execute(sql, params)

    # Projects

    def create_project(self, name: str, instructions: str = "", settings: dict[str, Any] | None = None) -> Project:
        """ValueError when the name is blank."""
        now = timestamp()
        with self.transaction(), self._database() as db:
            pid = project_sql.insert_project(db, str(uuid.uuid4()), name, instructions, settings or {}, now, now)
            return project_sql.get_project(db, pid)

    def get_project(self, project_id: int) -> Project:
        with self._database() as db:
            return project_sql.get_project(db, project_id)

    def find_project(self, uid: str) -> Project | None:
        with self._database() as db:
            return project_sql.find_project(db, uid)

    def list_projects(self) -> list[Project]:
        """By name."""
        with self._database() as db:
            return project_sql.list_projects(db)

    def update_project(self, project_id: int, **changes: Any) -> Project:
        """Change any of name, instructions, settings (the whole dict: what the project sets for its conversations)
        and files_collection."""
        with self.transaction(), self._database() as db:
            project_sql.update_project(db, project_id, changes, timestamp())
            return project_sql.get_project(db, project_id)

    def rename_project(self, project_id: int, name: str) -> Project:
        return self.update_project(project_id, name=name)

    def delete_project(self, project_id: int, *, delete_conversations: bool) -> list[int]:
        """Delete a project; its conversations are deleted with it, or kept outside any project. Returns the ids of
        the conversations deleted."""
        with self.transaction(), self._database() as db:
            return project_sql.delete_project(db, project_id, delete_conversations)

    def move_conversation(self, conversation_id: int, project_id: int | None) -> None:
        """Into a project, or out of any (None)."""
        with self.transaction():
            if project_id is not None:
                self.get_project(project_id)
            self._update_conversation(conversation_id, "project_id = ?", (project_id,))

    # Conversations

    def _insert_conversation(self, conversation: Conversation, created: str, updated: str) -> int:
        """The conversation's record as it is (its id and active leaf aside)."""
        c = conversation
        return self._write(
            "INSERT INTO conversations (uuid, title, created_at, updated_at, pinned, model, settings, project_id, "
            "forked_from, forked_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (c.uuid, c.title, created, updated, int(c.pinned), c.model, json.dumps(c.settings, ensure_ascii=False),
             c.project_id, c.forked_from, c.forked_at),
        ).lastrowid

    def create_conversation(
        self, title: str = "", model: str = "", settings: dict[str, Any] | None = None, project_id: int | None = None,
        uid: str | None = None,
    ) -> Conversation:
        """`settings`: what the conversation sets itself; the rest it inherits from its project and the app. `uid`:
        the conversation's uuid when it is known beforehand (its files were attached before it was saved)."""
        now = timestamp()
        draft = Conversation(0, uid or str(uuid.uuid4()), title.strip(), datetime.fromisoformat(now),
                             datetime.fromisoformat(now), False, model, project_id, settings or {}, None, "", "")
        with self.transaction():
            if project_id is not None:
                self.get_project(project_id)
            cid = self._insert_conversation(draft, now, now)
        return self.get_conversation(cid)

    def get_conversation(self, conversation_id: int) -> Conversation:
        rows = self._rows(f"SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE id = ?", (conversation_id,))
        if not rows:
            raise KeyError(f"no conversation {conversation_id}")
        return conversation_from_row(rows[0])

    def find_conversation(self, uid: str) -> Conversation | None:
        rows = self._rows(f"SELECT {CONVERSATION_COLUMNS} FROM conversations WHERE uuid = ?", (uid,))
        return conversation_from_row(rows[0]) if rows else None

    def list_conversations(self, limit: int | None = 100, offset: int = 0) -> list[ConversationSummary]:
        """Pinned first, then the most recently updated; limit None lists all."""
        rows = self._rows(
            f"SELECT {SUMMARY_COLUMNS} FROM conversations ORDER BY pinned DESC, updated_at DESC, id DESC "
            "LIMIT ? OFFSET ?",
            (-1 if limit is None else limit, offset),
        )
        return [summary_from_row(row) for row in rows]

    def _update_conversation(self, conversation_id: int, assignments: str, params: Sequence[object]) -> None:
        cursor = self._write(f"UPDATE conversations SET {assignments} WHERE id = ?", (*params, conversation_id))
        if cursor.rowcount == 0:
            raise KeyError(f"no conversation {conversation_id}")

    def rename(self, conversation_id: int, title: str) -> None:
        self._update_conversation(conversation_id, "title = ?", (title.strip(),))

    def set_pinned(self, conversation_id: int, pinned: bool) -> None:
        self._update_conversation(conversation_id, "pinned = ?", (int(pinned),))

    def update_settings(self, conversation_id: int, changes: dict[str, Any], remove: Iterable[str] = ()) -> None:
        """Merge `changes` into the conversation's settings (other keys stay); the keys in `remove` go, so the
        conversation inherits them again."""
        with self.transaction():
            settings = {**self.get_conversation(conversation_id).settings, **changes}
            for key in remove:
                settings.pop(key, None)
            self._update_conversation(conversation_id, "settings = ?", (json.dumps(settings, ensure_ascii=False),))

    def delete_conversation(self, conversation_id: int) -> None:
        self._write("DELETE FROM conversations WHERE id = ?", (conversation_id,))

    # Messages

    def _insert_message(self, conversation_id: int, parent_id: int | None, message: Message, created: str) -> int:
        return self._write(
            "INSERT INTO messages (uuid, conversation_id, parent_id, role, content, reasoning, steps, status, "
            "error, stats, model_file, backend, created_at, attachments) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                message.uuid,
                conversation_id,
                parent_id,
                message.role,
                message.content,
                message.reasoning,
                steps_to_json(message.steps),
                message.status,
                message.error,
                json.dumps(message.stats, ensure_ascii=False),
                message.model_file,
                message.backend,
                created,
                attachments_to_json(message.attachments),
            ),
        ).lastrowid

    def add_message(
        self,
        conversation_id: int,
        role: Role,
        content: str = "",
        *,
        reasoning: str = "",
        status: Status = "complete",
        parent_id: int | DefaultParent | None = ACTIVE_LEAF,
        model_file: str = "",
        backend: str = "local",
        steps: Sequence[Step] = (),
        stats: dict[str, Any] | None = None,
        error: str = "",
        attachments: Attachments = NO_ATTACHMENTS,
    ) -> Message:
        """Save a message and make it the active leaf. parent_id None starts a new root version; by default the
        message follows the branch on show. The first user message names an untitled conversation."""
        _check(role, ROLES, "role")
        _check(status, STATUSES, "status")
        with self.transaction():
            conversation = self.get_conversation(conversation_id)
            parent = conversation.active_leaf_id if parent_id is ACTIVE_LEAF else parent_id
            if parent is not None and self.get_message(parent).conversation_id != conversation_id:
                raise ValueError(f"message {parent} belongs to another conversation")
            now = timestamp()
            draft = Message(
                id=0,
                uuid=str(uuid.uuid4()),
                conversation_id=conversation_id,
                parent_id=parent,
                role=role,
                content=content,
                reasoning=reasoning,
                steps=tuple(steps),
                status=status,
                error=error,
                stats=stats or {},
                model_file=model_file,
                backend=backend,
                created_at=datetime.fromisoformat(now),
                attachments=attachments,
            )
            message_id = self._insert_message(conversation_id, parent, draft, now)
            names_it = not conversation.title and role == "user" and parent is None
            self._update_conversation(
                conversation_id,
                "active_leaf_id = ?, updated_at = ?, title = ?",
                (message_id, now, title_from_text(content) if names_it else conversation.title),
            )
        return replace(draft, id=message_id)

    def get_message(self, message_id: int) -> Message:
        rows = self._rows(f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE id = ?", (message_id,))
        if not rows:
            raise KeyError(f"no message {message_id}")
        return message_from_row(rows[0])

    def checkpoint(
        self,
        message_id: int,
        *,
        content: str,
        reasoning: str,
        status: Status | None = None,
        steps: Sequence[Step] | None = None,
    ) -> None:
        """Save a streaming reply's text so far (and its steps, when given): one small committed update, cheap enough
        for every second."""
        if status is not None:
            _check(status, STATUSES, "status")
        cursor = self._write(
            "UPDATE messages SET content = ?, reasoning = ?, status = coalesce(?, status), "
            "steps = coalesce(?, steps) WHERE id = ?",
            (content, reasoning, status, None if steps is None else steps_to_json(steps), message_id),
        )
        if cursor.rowcount == 0:
            raise KeyError(f"no message {message_id}")

    def finish_message(
        self,
        message_id: int,
        *,
        content: str,
        reasoning: str,
        status: Status,
        stats: dict[str, Any] | None = None,
        error: str = "",
        steps: Sequence[Step] | None = None,
    ) -> Message:
        """Save a reply's final text, status ('complete', 'stopped', 'failed'...), steps, stats and error."""
        _check(status, tuple(s for s in STATUSES if s != "streaming"), "a finished message's status")
        with self.transaction():
            self.checkpoint(message_id, content=content, reasoning=reasoning, status=status, steps=steps)
            self._write(
                "UPDATE messages SET stats = ?, error = ? WHERE id = ?",
                (json.dumps(stats or {}, ensure_ascii=False), error, message_id),
            )
            message = self.get_message(message_id)
            self._update_conversation(message.conversation_id, "updated_at = ?", (timestamp(),))
        return message

    def find_message(self, conversation_id: int, uid: str) -> Message | None:
        rows = self._rows(f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE conversation_id = ? AND uuid = ?",
                          (conversation_id, uid))
        return message_from_row(rows[0]) if rows else None

    def messages(self, conversation_id: int) -> list[Message]:
        """The branch on show, root to leaf."""
        return self._branch("SELECT active_leaf_id, 0 FROM conversations WHERE id = ? AND active_leaf_id IS NOT NULL",
                            conversation_id)

    def _branch(self, leaf: str, param: int) -> list[Message]:
        """The branch from the root to the leaf that the query `leaf` selects (with depth 0), root first."""
        rows = self._rows(
            f"""WITH RECURSIVE branch(id, depth) AS (
                    {leaf}
                    UNION ALL
                    SELECT m.parent_id, b.depth + 1 FROM messages m JOIN branch b ON m.id = b.id
                    WHERE m.parent_id IS NOT NULL)
                SELECT {MESSAGE_COLUMNS} FROM messages m JOIN branch b ON m.id = b.id ORDER BY b.depth DESC""",
            (param,),
        )
        return [message_from_row(row) for row in rows]

    def fork(self, message_id: int, title: str | None = None) -> Conversation:
        """A new conversation holding a copy of the branch up to and including this message (reasoning, tool steps,
        statistics and statuses), with the original's settings, model and project, linked back to the original and
        the message. `title` defaults to the original's. A reply still streaming is copied as interrupted."""
        with self.transaction():
            message = self.get_message(message_id)
            original = self.get_conversation(message.conversation_id)
            now = timestamp()
            draft = replace(original, uuid=str(uuid.uuid4()), title=original.title if title is None else title.strip(),
                            pinned=False, forked_from=original.uuid, forked_at=message.uuid)
            cid = self._insert_conversation(draft, now, now)
            parent = None
            for copied in self._branch("SELECT ?, 0", message_id):
                status = "interrupted" if copied.status == "streaming" else copied.status
                parent = self._insert_message(cid, parent, replace(copied, uuid=str(uuid.uuid4()), status=status),
                                              timestamp(copied.created_at))
            self._update_conversation(cid, "active_leaf_id = ?", (parent,))
        return self.get_conversation(cid)

    def tree(self, conversation_id: int) -> list[Message]:
        """Every message of every version, oldest first (so parents come before their children)."""
        rows = self._rows(
            f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE conversation_id = ? ORDER BY id", (conversation_id,)
        )
        return [message_from_row(row) for row in rows]

    def versions(self, message_id: int) -> list[Message]:
        """The message and its siblings of the same role (edited or regenerated versions), oldest first."""
        message = self.get_message(message_id)
        rows = self._rows(
            f"SELECT {MESSAGE_COLUMNS} FROM messages m WHERE conversation_id = ? AND parent_id IS ? AND role = ? "
            "ORDER BY id",
            (message.conversation_id, message.parent_id, message.role),
        )
        return [message_from_row(row) for row in rows]

    def _newest_descendant(self, conversation_id: int, message_id: int | None) -> int | None:
        """The newest message under message_id (itself if it has none); under None, the newest of the conversation.
        The newest message of a subtree is always a leaf, as children are younger than their parents."""
        if message_id is None:
            sql, params = "SELECT max(id) FROM messages WHERE conversation_id = ?", (conversation_id,)
        else:
            sql = """WITH RECURSIVE subtree(id) AS (
                        SELECT ? UNION ALL SELECT m.id FROM messages m JOIN subtree s ON m.parent_id = s.id)
                     SELECT max(id) FROM subtree"""
            params = (message_id,)
        return self._rows(sql, params)[0][0]

    def switch_to(self, message_id: int) -> None:
        """Show the branch through this version: the leaf becomes its newest descendant."""
        with self.transaction():
            message = self.get_message(message_id)
            leaf = self._newest_descendant(message.conversation_id, message_id)
            self._update_conversation(message.conversation_id, "active_leaf_id = ?", (leaf,))

    def delete_message(self, message_id: int) -> None:
        """Delete the message and everything after it. If the branch on show goes, show the newest remaining
        version at that place (or the parent)."""
        with self.transaction():
            message = self.get_message(message_id)
            self._write("DELETE FROM messages WHERE id = ?", (message_id,))
            # Deleting the active leaf set it to NULL (ON DELETE SET NULL).
            if self.get_conversation(message.conversation_id).active_leaf_id is None:
                leaf = self._newest_descendant(message.conversation_id, message.parent_id)
                self._update_conversation(message.conversation_id, "active_leaf_id = ?", (leaf,))

    # Search and import

    def search(self, query: str, limit: int = 50, project_id: int | None = None) -> list[SearchHit]:
        """Titles, message text and reasoning, in one project's conversations when `project_id` is given (or, with
        OUTSIDE_PROJECTS, those in none); snippets mark matches with HIGHLIGHT_START / HIGHLIGHT_END."""
        with self._database() as db:
            return search(db, query, limit, project_id)

    def _import_projects(self, items: Iterable[Project]) -> tuple[dict[int, int], int]:
        """The source's project ids mapped to ours (a project already here, by uuid, keeps its details), and how
        many were added."""
        local: dict[int, int] = {}
        added = 0
        with self._database() as db:
            for project in items:
                existing = project_sql.find_project(db, project.uuid)
                if existing is None:
                    added += 1
                    local[project.id] = project_sql.insert_project(
                        db, project.uuid, project.name, project.instructions, project.settings,
                        timestamp(project.created_at), timestamp(project.updated_at))
                else:
                    local[project.id] = existing.id
        return local, added

    def import_conversations(self, items: Iterable[tuple[Conversation, Sequence[Message]]],
                             projects: Iterable[Project] = ()) -> ImportCounts:
        """Add projects and conversations from elsewhere, all or nothing. Ids in the items are the source's and only
        link messages to their parents and the active leaf, and conversations to `projects`; messages must come
        parents first. A project or conversation already here (same uuid) keeps its own details (its project too);
        a conversation gains only the messages (by uuid) it lacks."""
        added = merged = new_messages = 0
        with self.transaction():
            project_ids, projects_added = self._import_projects(projects)
            for conversation, messages in items:
                existing = self.find_conversation(conversation.uuid)
                if existing:
                    merged += 1
                    cid = existing.id
                    known = dict(self._rows("SELECT uuid, id FROM messages WHERE conversation_id = ?", (cid,)))
                else:
                    added += 1
                    project = None if conversation.project_id is None else project_ids[conversation.project_id]
                    cid = self._insert_conversation(replace(conversation, project_id=project),
                                                    timestamp(conversation.created_at),
                                                    timestamp(conversation.updated_at))
                    known = {}
                local: dict[int, int] = {}
                for message in messages:
                    if message.uuid in known:
                        local[message.id] = known[message.uuid]
                        continue
                    parent = None if message.parent_id is None else local[message.parent_id]
                    local[message.id] = self._insert_message(cid, parent, message, timestamp(message.created_at))
                    new_messages += 1
                if not existing or _continues(existing.active_leaf_id, conversation.active_leaf_id, messages, local):
                    leaf = None if conversation.active_leaf_id is None else local[conversation.active_leaf_id]
                    updated = max(conversation.updated_at, existing.updated_at) if existing else conversation.updated_at
                    self._update_conversation(cid, "active_leaf_id = ?, updated_at = ?", (leaf, timestamp(updated)))
        return ImportCounts(added, merged, new_messages, projects_added)


def _continues(here: int | None, there: int | None, messages: Sequence[Message], local: dict[int, int]) -> bool:
    """Whether the imported branch on show (leaf `there`, source ids) runs through our leaf `here` (local id), so
    showing it only adds what was said since. Otherwise the branch on show here stays."""
    parents = {message.id: message.parent_id for message in messages}
    while there is not None:
        if local[there] == here:
            return True
        there = parents[there]
    return here is None
