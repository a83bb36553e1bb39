"""The flow of a conversation: one turn from the user's words to the saved reply, and the changes to its messages.

A turn: save the user's message and an empty 'streaming' reply first (never lose a word), then ask the engine
worker for the reply with this conversation's settings, checkpoint the reply every second while it streams, and
finish it as complete, stopped or failed. Regenerating adds a sibling reply; editing adds a sibling user message and
a new reply; the earlier versions stay in the store, reachable through the version switcher. Forking copies the
branch up to a message into a new conversation, which opens.

Settings come in layers (app/core/conversation_settings.py): the app's defaults, the project's, the conversation's
own; a new chat started in a project takes the project's.

Attached files are copied into the conversation's folder and measured against the context left before the user's
message is saved with them (off the GUI thread, DocumentsLibrary.attach); what fits goes in whole, the rest is
searched. A finished answer keeps the sources it cited (or, in the automatic mode, the passages it was given).

Store calls run on the TaskRunner's thread; results come back to the slots here on the GUI thread.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal, Slot

from app.core.chat import ToolCallStep
from app.core.conversation_settings import ConversationSettings, SettingLayers
from app.core.documents.attachments import attachment_budget, copy_for_fork
from app.core.documents.automatic import PassagesStep, passage_budget
from app.core.documents.tokens import token_counter
from app.core.reply import ReplyDraft
from app.core.store import ACTIVE_LEAF, ConversationStore, Message, Project, as_history
from app.core.store.attachments import NO_ATTACHMENTS, Attachments
from app.core.tools.approval import ApprovalRequest
from app.core.turn import Approval, Decision
from app.ui.app_settings import AppSettings
from app.ui.chat.snapshot import Snapshot, load_snapshot
from app.ui.chat.tool_access import ToolAccess
from app.ui.documents.library import SOURCES, DocumentsLibrary
from app.ui.markdown.render import Citations
from app.ui.model_controller import ModelController, ModelState
from app.ui.threads.engine_worker import EngineWorker, ReplyEnd
from app.ui.threads.task_runner import TaskRunner

CHECKPOINT_MS = 1000


@dataclass
class _Turn:
    """The reply being written."""

    message: Message
    conversation_uuid: str
    draft: ReplyDraft = field(default_factory=ReplyDraft)
    thinking_started: float | None = None
    thought_for: float | None = None
    changes: int = 0  # text and steps received so far
    checkpointed: int = 0  # changes saved by the last checkpoint
    checkpoint_failed: bool = False  # said once per reply, not at every checkpoint
    pending: ApprovalRequest | None = None  # a tool call waiting for the person
    passages: PassagesStep | None = None  # the automatic mode's passages, found on the engine thread

    def written(self) -> Message:
        """The reply so far, as a message to show and save."""
        draft = self.draft
        return replace(self.message, content=draft.content, reasoning=draft.reasoning,
                       steps=tuple(draft.steps) if draft.has_calls else ())

    def thinking_seconds(self) -> float | None:
        if self.thought_for is None and self.thinking_started is not None:
            return time.monotonic() - self.thinking_started
        return self.thought_for


class ChatController(QObject):
    snapshotChanged = Signal(object)  # Snapshot on show, or None for a new chat not saved yet
    settingsChanged = Signal(object)  # ConversationSettings of the conversation on show
    projectShown = Signal(object)  # Project of the conversation on show (or of the new chat), or None
    replyDelta = Signal(str, str)  # reasoning and answer text just streamed into the reply on show
    replyStep = Signal(int, object)  # (index, ToolCallStep): a tool call of the reply on show appeared or moved on
    approvalRequested = Signal(object)  # ApprovalRequest: a tool call of the reply on show waits for the person
    replyUsage = Signal(int, int, int)  # context the reply on show takes so far: prompt, reasoning, answer tokens
    replyThought = Signal(float)  # seconds the model reasoned before the answer on show started
    replyFinished = Signal(object)  # Message: a streamed reply as saved (complete, stopped or failed)
    busyChanged = Signal(bool)  # a reply is being written (True) or not any more (False)
    conversationsChanged = Signal()  # titles, order or number of conversations may have changed
    errorRaised = Signal(str)  # something could not be read or saved: a message for the user
    unsent = Signal(str)  # words sent that could not be saved (a full disk): they go back into the composer
    unsentFiles = Signal(object)  # list[Path]: files attached to words that could not be saved: back to the composer
    replyNotSaved = Signal(str)  # a finished reply the store refused: save_unsaved_replies() tries again
    revealRequested = Signal(int)  # id of a message on show to scroll to (a search result)

    def __init__(
        self,
        store: ConversationStore,
        tasks: TaskRunner,
        worker: EngineWorker,
        model: ModelController,
        settings: AppSettings,
        parent: QObject | None = None,
        tools: ToolAccess | None = None,
        documents: DocumentsLibrary | None = None,
    ) -> None:
        super().__init__(parent)
        self._tools = tools
        self._documents = documents
        self._count_tokens = token_counter(worker.bridge)
        self._store = store
        self._tasks = tasks
        self._worker = worker
        self._model = model
        self._settings = settings
        self._snapshot: Snapshot | None = None
        self._new_chat = SettingLayers(settings.value.chat)  # the project and own settings of a chat not saved yet
        self._turn: _Turn | None = None
        self._context_policy: str | None = None  # for the turn being started: overrides the setting once
        self._busy = False
        self._unsaved: list[Callable[[], Any]] = []  # saves of finished replies the store refused
        self._checkpoint_timer = QTimer(self)
        self._checkpoint_timer.setInterval(CHECKPOINT_MS)
        self._checkpoint_timer.timeout.connect(self._on_checkpoint_timer_timeout)
        worker.replyDelta.connect(self._on_worker_reply_delta)
        worker.replyStep.connect(self._on_worker_reply_step)
        worker.approvalRequested.connect(self._on_worker_approval_requested)
        worker.replyUsage.connect(self._on_worker_reply_usage)
        worker.replyFinished.connect(self._on_worker_reply_finished)
        worker.replyFailed.connect(self._on_worker_reply_failed)
        worker.contextFull.connect(self._on_worker_context_full)
        model.stateChanged.connect(self._on_model_state_changed)

    # State

    @property
    def snapshot(self) -> Snapshot | None:
        return self._snapshot

    @property
    def conversation_id(self) -> int | None:
        return self._snapshot.conversation.id if self._snapshot else None

    @property
    def busy(self) -> bool:
        return self._busy

    @property
    def can_send(self) -> bool:
        return not self._busy and self._model.state is ModelState.READY

    @property
    def layers(self) -> SettingLayers:
        """The settings of the conversation on show (or of the new chat), layer by layer."""
        app = self._settings.value.chat
        if self._snapshot is None:
            return replace(self._new_chat, app=app)
        return SettingLayers(app, self._snapshot.project, self._snapshot.conversation.settings)

    @property
    def settings(self) -> ConversationSettings:
        return self.layers.effective()

    @property
    def project(self) -> Project | None:
        """The project of the conversation on show, or of the new chat."""
        return self.layers.project

    @property
    def documents(self) -> DocumentsLibrary | None:
        return self._documents

    def attachment_budget(self) -> int:
        """Tokens files attached now may take whole in the message: the context the conversation leaves, less room
        for the reply."""
        info = self._model.info
        if info is None or not info.n_ctx:
            return 0
        stats = self._snapshot.context_stats() if self._snapshot else {}
        used = stats.get("prompt_tokens", 0) + stats.get("generated_tokens", 0)
        return attachment_budget(info.n_ctx, used, self.settings.max_tokens)

    def count_tokens(self, text: str) -> int:
        """The loaded model's count (from a thread other than the GUI's: it waits for the engine's thread)."""
        return self._count_tokens(text)

    def citations_for(self, message: Message) -> Citations | None:
        """How a reply on show resolves its citations, or None without documents."""
        if self._documents is None or self._snapshot is None:
            return None
        return self._documents.citations(self._snapshot.conversation.uuid, message.stats)

    def sources_for(self, message: Message) -> list[dict[str, Any]]:
        """The records of a reply's Sources list: those it kept, else, for a reply a crash cut short, its citations
        recovered from the browser's saved state."""
        kept = message.stats.get(SOURCES) or []
        if kept or message.status != "interrupted" or self._documents is None or self._snapshot is None:
            return kept
        return self._documents.recovered_sources(self._snapshot.conversation.uuid, message.content)

    def _model_browses(self) -> bool:
        """The model can call gpt-oss's browser: a gpt-oss model run here (servers are sent functions only)."""
        info = self._model.info
        return info is not None and info.is_harmony and self._model.backend == "local"

    # Conversations

    def new_conversation(self) -> None:
        """An empty chat outside any project; it is saved with its first message."""
        self.new_conversation_in(None)

    def new_conversation_in(self, project: Project | None) -> None:
        """An empty chat in `project` (it inherits the project's settings), or outside any (None)."""
        self._new_chat = SettingLayers(self._settings.value.chat, project)
        self._show(None)

    def open(self, conversation_id: int, message_id: int | None = None) -> None:
        """Show a conversation, and scroll to one of its messages if given."""
        def reveal(snapshot: Snapshot) -> None:
            self._show(snapshot)
            if message_id is not None:
                self.revealRequested.emit(message_id)

        if conversation_id != self.conversation_id:
            self._run(lambda: load_snapshot(self._store, conversation_id), reveal)
        elif message_id is not None:
            self.revealRequested.emit(message_id)

    def reload(self, conversation_id: int) -> None:
        """The conversation changed elsewhere (renamed, pinned): show it again if it is on show."""
        if conversation_id == self.conversation_id:
            self._run(lambda: load_snapshot(self._store, conversation_id), self._show)

    def forget(self, conversation_id: int) -> None:
        """The conversation was deleted."""
        if self._turn is not None and self._turn.message.conversation_id == conversation_id:
            self._worker.stop()
            self._turn = None
            self._checkpoint_timer.stop()
            self._set_busy(False)
        if conversation_id == self.conversation_id:
            self.new_conversation()

    def project_changed(self, project: Project) -> None:
        """A project's settings changed: the conversation on show (or the new chat) in it takes them."""
        if self._snapshot is not None:
            if self._snapshot.conversation.project_id == project.id:
                self.reload(self._snapshot.conversation.id)
        elif self._new_chat.project is not None and self._new_chat.project.id == project.id:
            self._new_chat = replace(self._new_chat, project=project)
            self._show(None)

    def project_deleted(self, project_id: int) -> None:
        """A project was deleted (its conversations kept outside it, or deleted: see forget)."""
        if self._snapshot is not None:
            if self._snapshot.conversation.project_id == project_id:
                self.reload(self._snapshot.conversation.id)
        elif self._new_chat.project is not None and self._new_chat.project.id == project_id:
            self.new_conversation()

    def update_settings(self, inherit: Iterable[str] = (), **values: Any) -> None:
        """Set values for this conversation itself, and let the names in `inherit` come from its project or the
        app's defaults again; ValueError says which value is refused."""
        inherit = tuple(inherit)
        layers = self.layers.changed(values, inherit)
        if self._snapshot is None:
            self._new_chat = layers
        else:
            changes, cid = layers.to_stored(), self._snapshot.conversation.id
            self._snapshot = self._snapshot.with_settings(dict(layers.own))
            self._run(lambda: self._store.update_settings(cid, changes, remove=inherit))
        self.settingsChanged.emit(layers.effective())

    def fork(self, message_id: int) -> None:
        """A new conversation with the branch on show up to this message (its settings and project too), linked
        back to this one; it opens once made. Forked at a question, the fork answers it when a model is ready."""
        if self._busy or self._snapshot is None:
            return
        named = self._snapshot.conversation.title or self.tr("Untitled")
        forked = self.tr("{0} (fork)")
        title = named if named.endswith(forked.format("")) else forked.format(named)  # a fork of a fork: once

        original = self._snapshot.conversation.uuid

        def work() -> Snapshot:
            fork = self._store.fork(message_id, title)
            copy_for_fork(original, fork.uuid)
            return load_snapshot(self._store, fork.id)

        self._run(work, self._on_forked)

    @Slot(object)
    def _on_forked(self, snapshot: Snapshot) -> None:
        self._show(snapshot)
        self.conversationsChanged.emit()
        fork = snapshot.conversation
        if self._documents is not None:
            self._documents.fork(fork.forked_from, fork.uuid, lambda: self._answer_fork(snapshot))
        else:
            self._answer_fork(snapshot)

    def _answer_fork(self, snapshot: Snapshot) -> None:
        # A fork made at a question is there to have it answered again, not to sit without a reply; its files are
        # searchable by now.
        if (snapshot.messages[-1].role == "user" and self.can_send
                and self.conversation_id == snapshot.conversation.id):
            cid = snapshot.conversation.id
            self._start_turn(lambda: self._add_reply(cid))

    # Turns

    def send(self, text: str, files: Sequence[Path] = ()) -> bool:
        """Start a turn with the user's words and attached files; False when the chat cannot take them now."""
        text = text.strip()
        files = list(files)
        if not (text or files) or not self.can_send or (files and self._documents is None):
            return False
        cid = self.conversation_id
        uid = self._snapshot.conversation.uuid if self._snapshot else str(uuid.uuid4())
        if not files:
            self._save_user_turn(cid, uid, text, NO_ATTACHMENTS)
            return True
        self._set_busy(True)
        self._documents.attach(files, self.attachment_budget(), self._count_tokens, uid,
                               lambda attached: self._save_user_turn(cid, uid, text, attached),
                               lambda message: self._on_turn_save_failed(message, text, files))
        return True

    def _save_user_turn(self, cid: int | None, uid: str, text: str, attachments: Attachments) -> None:
        layers, model_name = self.layers, self._model.name
        project_id = layers.project.id if layers.project else None

        def save() -> tuple[Snapshot, int]:
            conversation_id = cid
            if conversation_id is None:
                conversation_id = self._store.create_conversation(model=model_name, settings=layers.to_stored(),
                                                                  project_id=project_id, uid=uid).id
            self._store.add_message(conversation_id, "user", text, attachments=attachments)
            return self._add_reply(conversation_id)

        self._start_turn(save, unsent=text)

    def regenerate(self, message_id: int, context_policy: str | None = None) -> None:
        """Write a reply again; the new one becomes a version next to the old. `context_policy` overrides the
        setting for this reply (the user agreed to leave out old messages)."""
        if not self.can_send or self._snapshot is None:
            return
        cid, parent = self.conversation_id, self._snapshot.message(message_id).parent_id
        self._start_turn(lambda: self._add_reply(cid, parent), context_policy)

    def answer(self, message_id: int) -> None:
        """Write a reply to the user's message that has none (the last of the branch on show)."""
        if not self.can_send or self._snapshot is None:
            return
        cid = self.conversation_id
        self._start_turn(lambda: self._add_reply(cid, message_id))

    def edit_and_resend(self, message_id: int, text: str) -> None:
        """Send a new version of the user's message; what followed the old version stays with it."""
        if not self.can_send or self._snapshot is None or not text.strip():
            return
        cid, edited = self.conversation_id, self._snapshot.message(message_id)

        def save() -> tuple[Snapshot, int]:
            # The files stay attached: they are in the conversation's folder, and their text in the record.
            self._store.add_message(cid, "user", text.strip(), parent_id=edited.parent_id,
                                    attachments=edited.attachments)
            return self._add_reply(cid)

        self._start_turn(save, unsent=text.strip())  # the editor closes: unsaved words go to the composer

    def stop(self) -> None:
        if self._turn is not None:
            self._worker.stop()

    def _add_reply(self, conversation_id: int, parent_id: int | object | None = ACTIVE_LEAF) -> tuple[Snapshot, int]:
        """On the store thread: an empty reply, streaming, after `parent_id` (default: the branch on show)."""
        reply = self._store.add_message(conversation_id, "assistant", status="streaming",
                                        model_file=self._model.model_id, backend=self._model.backend,
                                        parent_id=parent_id)
        return load_snapshot(self._store, conversation_id), reply.id

    def _start_turn(self, save: Callable[[], tuple[Snapshot, int]], context_policy: str | None = None,
                    unsent: str = "") -> None:
        """`unsent`: the user's new words, handed back if they cannot be saved."""
        self._set_busy(True)
        self._context_policy = context_policy
        self._tasks.run(save, self._on_turn_saved, lambda message: self._on_turn_save_failed(message, unsent))

    @Slot(object)
    def _on_turn_saved(self, result: tuple[Snapshot, int]) -> None:
        snapshot, reply_id = result
        index = snapshot.index(reply_id)
        self._turn = _Turn(snapshot.messages[index], snapshot.conversation.uuid)
        self._show(snapshot)
        self.conversationsChanged.emit()
        if self._model.state is not ModelState.READY:
            self._finish("failed", {}, self.tr("The model was unloaded before the reply started. Load a model and "
                                               "retry."))
            return
        history = as_history(snapshot.messages[:index])
        interface = self._settings.value.interface
        policy = self._context_policy or interface.context_policy
        settings, uid = self.settings, snapshot.conversation.uuid
        # The automatic mode: by choice, or for a model that cannot browse.
        settings = replace(settings, documents_automatic=settings.documents_automatic or not self._model_browses())
        tools = self._tools.window_tools(settings, uid) if self._tools else None
        if settings.documents_automatic and self._documents is not None and self._model.info is not None:
            question = snapshot.messages[index - 1].content
            self._turn.passages = self._documents.passages(uid, settings.collections, question,
                                                           passage_budget(self._model.info.n_ctx))
        self._worker.generate(history, settings.generation_params(interface), policy, tools, self._turn.passages)
        self._checkpoint_timer.start()

    def _on_turn_save_failed(self, message: str, unsent: str, files: Sequence[Path] = ()) -> None:
        self._set_busy(False)
        self.errorRaised.emit(message)
        if unsent:
            self.unsent.emit(unsent)
        if files:
            self.unsentFiles.emit(list(files))

    @Slot(str, str)
    def _on_worker_reply_delta(self, analysis: str, final: str) -> None:
        turn = self._turn
        if turn is None:
            return
        if analysis:
            turn.draft.add_text("analysis", analysis)
            if turn.thinking_started is None:
                turn.thinking_started = time.monotonic()
        answer_starts = bool(final) and turn.thinking_started is not None and turn.thought_for is None
        if final:
            turn.draft.add_text("final", final)
        turn.changes += 1
        if answer_starts:
            turn.thought_for = time.monotonic() - turn.thinking_started
        if self._showing(turn):
            self.replyDelta.emit(analysis, final)
            if answer_starts:
                self.replyThought.emit(turn.thought_for)

    @Slot(int, object)
    def _on_worker_reply_step(self, index: int, step: ToolCallStep) -> None:
        turn = self._turn
        if turn is None:
            return
        turn.draft.set_call(index, step)
        turn.changes += 1
        if self._showing(turn):
            self.replyStep.emit(index, step)

    @Slot(object)
    def _on_worker_approval_requested(self, request: ApprovalRequest) -> None:
        if self._turn is None:
            request.answer(Approval(Decision.DENY))
            return
        self._turn.pending = request
        if self._showing(self._turn):
            self.approvalRequested.emit(request)

    def answer_tool_call(self, request: ApprovalRequest, approval: Approval) -> None:
        """The person decided about a waiting tool call; 'always' is remembered for the tool."""
        if approval.decision is Decision.ALLOW_ALWAYS and self._tools is not None and self._turn is not None:
            self._tools.always_allow(request.step, self._turn.conversation_uuid)
        request.answer(approval)

    @Slot(object)
    def _on_worker_reply_finished(self, end: ReplyEnd) -> None:
        if self._turn is None:
            return
        stats: dict[str, Any] = end.stats.as_dict()
        if end.dropped_messages:
            stats["dropped_messages"] = end.dropped_messages
        if end.clipped_max_tokens is not None:
            stats["clipped_max_tokens"] = end.clipped_max_tokens
        self._finish("stopped" if end.stats.stop_reason == "stopped" else "complete", stats)

    @Slot(int, int, int)
    def _on_worker_reply_usage(self, prompt: int, reasoning: int, answer: int) -> None:
        if self._turn is not None and self._showing(self._turn):
            self.replyUsage.emit(prompt, reasoning, answer)

    @Slot(int)
    def _on_worker_context_full(self, dropped: int) -> None:
        if self._turn is not None:
            self._finish("failed", {"context_would_drop": dropped}, self.tr(
                "This conversation has outgrown the model's context: the %n oldest message(s) would have to be left "
                "out for the model to answer.", "", dropped))

    @Slot(str)
    def _on_worker_reply_failed(self, message: str) -> None:
        if self._turn is not None:
            self._finish("failed", {}, message)

    @Slot()
    def _on_model_state_changed(self) -> None:
        # Loading another model ends the reply in progress (the worker drops it): keep what was written.
        if self._turn is not None and self._model.state is not ModelState.READY:
            self._finish("stopped", {})

    @Slot()
    def _on_checkpoint_timer_timeout(self) -> None:
        turn = self._turn
        if turn is None or turn.changes == turn.checkpointed:
            return
        turn.checkpointed = turn.changes
        written = turn.written()
        self._tasks.run(lambda: self._store.checkpoint(written.id, content=written.content,
                                                       reasoning=written.reasoning, steps=written.steps),
                        None, lambda message: self._on_checkpoint_failed(turn, message))

    def _on_checkpoint_failed(self, turn: _Turn, message: str) -> None:
        # Every checkpoint holds the whole reply so far, so a later one that succeeds catches up.
        if not turn.checkpoint_failed:
            turn.checkpoint_failed = True
            self.errorRaised.emit(message)

    def _finish(self, status: str, stats: dict[str, Any], error: str = "") -> None:
        turn, self._turn = self._turn, None
        self._checkpoint_timer.stop()
        seconds = turn.thinking_seconds()
        if seconds is not None:
            stats["thinking_seconds"] = round(seconds, 1)
        if turn.pending is not None:
            turn.pending.answer(Approval(Decision.DENY))
        if self._documents is not None:
            sources = self._documents.sources(turn.conversation_uuid, turn.draft.content, turn.passages)
            if sources:
                stats[SOURCES] = sources
        message = replace(turn.written(), status=status, error=error, stats=stats)
        self._save_finished(lambda: self._store.finish_message(
            message.id, content=message.content, reasoning=message.reasoning, status=status, stats=stats, error=error,
            steps=message.steps))
        if self._showing(turn):
            self._snapshot = self._snapshot.with_message(message)
        self.replyFinished.emit(message)
        self._set_busy(False)

    def _save_finished(self, save: Callable[[], Any]) -> None:
        self._tasks.run(save, lambda saved: self.conversationsChanged.emit(),
                        lambda message: self._on_finish_failed(save, message))

    def _on_finish_failed(self, save: Callable[[], Any], message: str) -> None:
        self._unsaved.append(save)
        self.replyNotSaved.emit(message)

    def save_unsaved_replies(self) -> None:
        """Try again to save the finished replies the store refused (after space was freed); the store still has
        their last checkpoint meanwhile."""
        unsaved, self._unsaved = self._unsaved, []
        for save in unsaved:
            self._save_finished(save)

    # Messages

    def switch_version(self, message_id: int) -> None:
        """Show the branch through another version of a message."""
        self._change_messages(self._store.switch_to, message_id, self._show)

    def delete_message(self, message_id: int) -> None:
        """Delete the message and everything after it."""
        self._change_messages(self._store.delete_message, message_id, self._on_message_deleted)

    def _change_messages(self, change: Callable[[int], None], message_id: int, then: Callable[[Snapshot], None]):
        if self._busy or self._snapshot is None:
            return
        cid = self.conversation_id

        def work() -> Snapshot:
            change(message_id)
            return load_snapshot(self._store, cid)

        self._run(work, then)

    @Slot(object)
    def _on_message_deleted(self, snapshot: Snapshot) -> None:
        self._show(snapshot)
        self.conversationsChanged.emit()

    def shutdown(self) -> None:
        """The window closes: a reply in progress is saved as stopped, and replies the store refused are tried once
        more (space may have been freed since; if not, the store keeps their last checkpoint)."""
        if self._turn is not None:
            self._worker.stop()
            self._finish("stopped", {})
        self.save_unsaved_replies()

    # Helpers

    def _show(self, snapshot: Snapshot | None) -> None:
        turn = self._turn
        if snapshot is not None and turn is not None and turn.message.conversation_id == snapshot.conversation.id:
            # The reply is still being written: show what it has so far, not the last checkpoint.
            snapshot = snapshot.with_message(turn.written())
        self._snapshot = snapshot
        self.snapshotChanged.emit(snapshot)
        self.projectShown.emit(self.project)
        self.settingsChanged.emit(self.settings)
        if turn is not None and self._showing(turn) and turn.pending is not None and not turn.pending.answered:
            self.approvalRequested.emit(turn.pending)  # back in the conversation: the question is asked again

    def _showing(self, turn: _Turn) -> bool:
        return self._snapshot is not None and self._snapshot.conversation.id == turn.message.conversation_id

    def _set_busy(self, busy: bool) -> None:
        if busy != self._busy:
            self._busy = busy
            self.busyChanged.emit(busy)

    def _run(self, work: Callable[[], Any], on_done: Callable[[Any], None] | None = None) -> None:
        self._tasks.run(work, on_done, self.errorRaised.emit)
