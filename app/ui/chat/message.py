"""One message of the conversation: the user's words in a bubble with the files attached to them, or the model's
reply: its steps in order (reasoning sections and tool-call cards), its answer with its citations as links, and the
sources it used; its state (streaming, stopped, failed, interrupted) and its actions (copy, regenerate, edit and
resend, fork from here, delete, versions)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer, Signal, Slot
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QFrame,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.chat import Step, TextStep, ToolCallStep
from app.core.documents.browser.citations import Source
from app.core.reply import ReplyDraft
from app.core.store import Message
from app.core.tools.approval import ApprovalRequest
from app.ui.chat.editor import MessageEditor
from app.ui.chat.thinking import ThinkingSection
from app.ui.chat.tool_card import ToolCallCard
from app.ui.documents.chips import Chip, ChipRow
from app.ui.documents.sources import SourcesList
from app.ui.documents.text import attachment_mode_text, attachment_tip, tokens_text
from app.ui.i18n import ui_locale
from app.ui.markdown.render import Citations, MarkdownRenderer
from app.ui.markdown.view import MarkdownView
from app.ui.theme import Theme
from app.ui.widgets.error_box import Action, ErrorBox
from app.ui.widgets.rounded_frame import RoundedFrame

BUBBLE_RADIUS = 14
BUBBLE_INDENT = 96  # the user's bubble leaves this much room on its left
COPIED_FEEDBACK_MS = 1500


def _muted_label(color: str, parent: QWidget) -> QLabel:
    label = QLabel(parent)
    label.setWordWrap(True)
    palette = label.palette()
    palette.setColor(QPalette.ColorRole.WindowText, QColor(color))
    label.setPalette(palette)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class MessageWidget(QFrame):
    regenerateRequested = Signal(int)  # id of the reply to write again (a new version next to it)
    leaveOutRequested = Signal(int)  # id of a reply that did not fit: write it again without the oldest messages
    editSubmitted = Signal(int, str)  # id of the user's message, its new text: sent as a new version
    deleteRequested = Signal(int)  # id of the message to delete (with everything after it)
    forkRequested = Signal(int)  # id of the message a new conversation is to start from (its history up to it)
    answerRequested = Signal(int)  # id of the user's message that has no reply: write one
    versionRequested = Signal(int)  # id of the version to show in place of this message
    toolCallAnswered = Signal(object, object)  # (ApprovalRequest, Approval): the person decided about a tool call
    sourceRequested = Signal(object)  # Source: a citation, a source or an attached file to show

    def __init__(
        self, message: Message, versions: tuple[int, ...], renderer: MarkdownRenderer, parent: QWidget | None = None,
        citations: Citations | None = None, files: Path | None = None, sources: list | None = None,
    ) -> None:
        """`citations` resolves the answer's citations, `sources` are the records listed under it (else the ones its
        stats keep); `files` is the conversation's folder, where attached files are kept."""
        super().__init__(parent)
        self._message = message
        self._files = files
        self._versions = versions
        self._renderer = renderer
        self._step_widgets: list[ThinkingSection | ToolCallCard] = []
        self._draft = ReplyDraft()
        self._editor: MessageEditor | None = None
        self._action_buttons: list[QAbstractButton] = []
        self._unavailable: set[QAbstractButton] = set()  # version arrows at the first or last version
        theme = renderer.theme
        self._small_font = QFont(self.font())
        self._small_font.setPointSizeF(self.font().pointSizeF() * 0.9)
        self._muted_palette = QPalette(self.palette())
        self._muted_palette.setColor(QPalette.ColorRole.ButtonText, QColor(theme.muted))
        self._text = MarkdownView(renderer, self)
        self._text.setObjectName("messageText")
        self._text.set_citations(citations)
        self._text.citationClicked.connect(self.sourceRequested)
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.setSpacing(6)
        if message.role == "user":
            self._build_user(theme.user_bubble)
        else:
            self._build_assistant(theme, sources)
        self._layout.addLayout(self._build_actions())

    @property
    def message(self) -> Message:
        return self._message

    @property
    def versions(self) -> tuple[int, ...]:
        return self._versions

    # Building

    def _build_user(self, bubble_color: str) -> None:
        self.setObjectName("userMessage")
        self.setAccessibleName(self.tr("Your message"))
        self._text.setAccessibleName(self.tr("Your message text"))
        self._text.set_plain(self._message.content)
        self._bubble = RoundedFrame(bubble_color, BUBBLE_RADIUS, parent=self)
        self._bubble.setSizePolicy(QSizePolicy.Policy.Maximum, QSizePolicy.Policy.Preferred)
        inside = QVBoxLayout(self._bubble)
        inside.setContentsMargins(16, 10, 16, 10)
        inside.addWidget(self._text)
        self._bubble.setVisible(bool(self._message.content))
        row = QHBoxLayout()
        row.addSpacing(BUBBLE_INDENT)
        row.addStretch(1)
        row.addWidget(self._bubble)
        self._layout.addLayout(row)
        if self._message.attachments:
            self._layout.addLayout(self._build_attachments())

    def _build_attachments(self) -> QHBoxLayout:
        """The attached files, under the bubble: each opens its kept copy."""
        chips = ChipRow("messageAttachments", self, right=True)
        for attached in self._message.attachments.files:
            detail = attachment_mode_text(attached.mode)
            if attached.mode != "unreadable":
                detail = f"{tokens_text(attached.tokens)} · {detail}"
            chip = Chip(attached.name, detail, attachment_tip(attached.mode, attached.tokens, attached.reason),
                        clickable=bool(attached.file and self._files), problem=attached.mode == "unreadable",
                        parent=chips)
            if attached.file and self._files is not None:
                kept = self._files / attached.file
                chip.clicked.connect(lambda kept=kept: self.sourceRequested.emit(Source(kept, (1, 1), None)))
            chips.add(chip)
        row = QHBoxLayout()
        row.addSpacing(BUBBLE_INDENT)
        row.addWidget(chips, 1)
        return row

    def _build_assistant(self, theme: Theme, sources: list | None) -> None:
        message = self._message
        self.setObjectName("assistantMessage")
        self.setAccessibleName(self.tr("Reply"))
        self._text.setAccessibleName(self.tr("Reply text"))
        self._steps = QVBoxLayout()
        self._steps.setSpacing(6)
        self._layout.addLayout(self._steps)
        # A reply without tool calls keeps its reasoning as one text: shown as one step all the same.
        steps = message.steps or ((TextStep("analysis", message.reasoning),) if message.reasoning else ())
        for step in steps:
            self._add_step_widget(step)
        self._draft = ReplyDraft(steps=list(steps))
        still_thinking = message.status == "streaming" and not message.content
        for section in self._thinking_sections():
            section.set_thinking(False)
        if self._step_widgets and isinstance(last := self._step_widgets[-1], ThinkingSection):
            last.set_thinking(still_thinking, message.stats.get("thinking_seconds"))
            last.set_expanded(still_thinking)
        self._layout.addWidget(self._text)
        self._sources = SourcesList(self)
        self._sources.sourceRequested.connect(self.sourceRequested)
        self._sources.set_sources(sources if sources is not None else message.stats.get("sources"))
        self._layout.addWidget(self._sources)
        self._note = _muted_label(theme.muted, self)
        self._note.setObjectName("messageNote")
        self._layout.addWidget(self._note)
        self._error: ErrorBox | None = None  # built when a reply fails
        if message.status == "streaming":
            self._text.append_markdown(message.content)
        else:
            self._text.set_markdown(message.content)
        self._show_status()

    def _build_actions(self) -> QHBoxLayout:
        row = QHBoxLayout()
        row.setSpacing(2)
        self._answer_button: QToolButton | None = None
        if self._message.role == "user":
            row.addStretch(1)
            self._answer_button = self._add_button(row, "answerButton", self.tr("Answer"),
                                                   self.tr("Write a reply to this message"),
                                                   lambda: self.answerRequested.emit(self._message.id))
            self._answer_button.hide()  # shown while it is the last message and nothing answers it
        if len(self._versions) > 1:
            self._add_version_switcher(row)
        self._copy_button = self._add_button(row, "copyButton", self.tr("Copy"), self.tr("Copy this message"),
                                             self._on_copy_clicked, always_enabled=True)
        if self._message.role == "user":
            self._add_button(row, "editButton", self.tr("Edit"), self.tr("Edit and resend this message"),
                             self._on_edit_clicked)
        else:
            self._add_button(row, "regenerateButton", self.tr("Regenerate"), self.tr("Write this reply again"),
                             self._on_regenerate_clicked)
        self._add_button(row, "forkButton", self.tr("Fork from here"),
                         self.tr("Start a new conversation with the history up to this message"),
                         lambda: self.forkRequested.emit(self._message.id))
        self._add_button(row, "deleteButton", self.tr("Delete"), self.tr("Delete this message"),
                         self._on_delete_clicked)
        if self._message.role == "assistant":
            row.addStretch(1)
        return row

    def _add_version_switcher(self, row: QHBoxLayout) -> None:
        index = self._versions.index(self._message.id)
        count = len(self._versions)
        previous = self._add_button(row, "previousVersionButton", "‹", self.tr("Previous version"),
                                    self._on_previous_version_clicked)
        label = _muted_label(self._renderer.theme.muted, self)
        label.setText(self.tr("{0} / {1}").format(index + 1, count))
        label.setWordWrap(False)
        label.setObjectName("versionLabel")
        label.setAccessibleName(self.tr("Version {0} of {1}").format(index + 1, count))
        row.addWidget(label)
        following = self._add_button(row, "nextVersionButton", "›", self.tr("Next version"),
                                     self._on_next_version_clicked)
        if index == 0:
            self._unavailable.add(previous)
        if index == count - 1:
            self._unavailable.add(following)
        for button in self._unavailable:
            button.setEnabled(False)

    def _add_button(self, row: QHBoxLayout, name: str, text: str, accessible: str, slot,
                    always_enabled: bool = False) -> QToolButton:
        button = QToolButton(self)
        button.setObjectName(name)
        button.setText(text)
        button.setToolTip(accessible)
        button.setAccessibleName(accessible)
        button.setAutoRaise(True)
        button.setFont(self._small_font)
        button.setPalette(self._muted_palette)
        button.clicked.connect(slot)
        row.addWidget(button)
        if not always_enabled:
            self._action_buttons.append(button)
        return button

    def _add_step_widget(self, step: Step) -> ThinkingSection | ToolCallCard:
        if isinstance(step, ToolCallStep):
            widget: ThinkingSection | ToolCallCard = ToolCallCard(step, self._renderer.theme, self)
            widget.answered.connect(self.toolCallAnswered)
        else:
            widget = ThinkingSection(self._renderer.for_reasoning(), self)
            widget.setObjectName("thinkingSection")
            widget.set_text(step.text)
        self._steps.addWidget(widget)
        self._step_widgets.append(widget)
        return widget

    def _thinking_sections(self) -> list[ThinkingSection]:
        return [widget for widget in self._step_widgets if isinstance(widget, ThinkingSection)]

    # Streaming

    def append(self, analysis: str, final: str) -> None:
        if analysis:
            before = len(self._draft.steps)
            self._draft.add_text("analysis", analysis)
            if len(self._draft.steps) > before:  # reasoning starts, or goes on after a tool call
                section = self._add_step_widget(TextStep("analysis", ""))
                section.set_expanded(True)
                section.set_thinking(True)
            self._step_widgets[-1].append(analysis)
        if final:
            self._text.append_markdown(final)
        self._message = replace(self._message, content=self._message.content + final,
                                reasoning=self._message.reasoning + analysis)
        self._show_status()

    def set_step(self, index: int, step: ToolCallStep) -> None:
        """A tool call of the streaming reply appeared (the reasoning before it folds away) or moved on."""
        self._draft.set_call(index, step)
        if index < len(self._step_widgets):
            self._step_widgets[index].update_step(step)
            return
        for section in self._thinking_sections():
            section.finish()
            section.set_thinking(False)
            section.set_expanded(False)
        self._add_step_widget(step)
        self._message = replace(self._message, steps=tuple(self._draft.steps))
        self._show_status()

    def ask(self, request: ApprovalRequest) -> None:
        """The newest tool call waits for the person's answer."""
        cards = [widget for widget in self._step_widgets if isinstance(widget, ToolCallCard)]
        if cards:
            cards[-1].ask(request)

    def set_thought_for(self, seconds: float) -> None:
        """The answer started after `seconds` of reasoning: fold the reasoning away."""
        sections = self._thinking_sections()
        if sections:
            sections[-1].finish()
            sections[-1].set_thinking(False, seconds)
            sections[-1].set_expanded(False)

    def finish(self, message: Message) -> None:
        """The streamed reply ended; `message` is what was saved."""
        self._text.finish()
        sections = self._thinking_sections()
        for section in sections:
            section.finish()
            section.set_thinking(False)
        if sections:
            sections[-1].set_thinking(False, message.stats.get("thinking_seconds"))
        self._message = message
        self._sources.set_sources(message.stats.get("sources"))
        self._show_status()

    def set_answerable(self, answerable: bool) -> None:
        """A question left without a reply (its reply deleted, a fork made while no model was ready) offers Answer."""
        if self._answer_button is not None:
            self._answer_button.setVisible(answerable)

    def set_actions_enabled(self, enabled: bool) -> None:
        """While a reply is written, nothing may change the conversation under it."""
        for button in self._action_buttons:
            button.setEnabled(enabled and button not in self._unavailable)
        if self._editor is not None:
            self._editor.send.setEnabled(enabled)

    def _show_status(self) -> None:
        if self._message.role != "assistant":
            return
        message = self._message
        notes = {
            "streaming": self.tr("Reading the conversation…") if not (message.content or message.reasoning
                                                                      or message.steps) else "",
            "stopped": self.tr("Stopped."),
            "interrupted": self.tr("Interrupted: the app closed before this reply was finished. The text so far "
                                   "was kept."),
        }
        note = notes.get(message.status, "")
        if message.status == "complete" and message.stats.get("stop_reason") == "max_tokens":
            note = self.tr("The reply reached its length limit (maximum tokens in the conversation settings).")
        clipped = message.stats.get("clipped_max_tokens")
        if clipped is not None:
            note = " ".join(filter(None, [note, self.tr(
                "The context left room for a reply of {0} tokens, fewer than the conversation settings ask for."
            ).format(ui_locale().toString(clipped))]))
        dropped = message.stats.get("dropped_messages", 0)
        if dropped:
            note = " ".join(filter(None, [note, self.tr(
                "%n earlier message(s) were left out to fit the model's context.", "", dropped)]))
        self._note.setText(note)
        self._note.setVisible(bool(note))
        failed = message.status == "failed"
        if failed and self._error is None:
            self._error = ErrorBox(self._renderer.theme, self)
            retry = self._error.add_action(
                Action("retryButton", self.tr("Retry"), self.tr("Retry this reply"), self._on_regenerate_clicked))
            self._action_buttons.append(retry)
            if message.stats.get("context_would_drop"):
                leave_out = self._error.add_action(Action(
                    "leaveOutButton", self.tr("Leave them out and answer"),
                    self.tr("Answer without the oldest messages"), self._on_leave_out_clicked))
                self._action_buttons.append(leave_out)
            self._layout.insertWidget(self._layout.indexOf(self._note) + 1, self._error)
        if self._error is not None:
            self._error.set_text(message.error or self.tr("The reply failed."))
            self._error.setVisible(failed)
        self._text.setVisible(bool(message.content) or not failed)

    # Actions

    @Slot()
    def _on_copy_clicked(self) -> None:
        QGuiApplication.clipboard().setText(self._message.content)
        self._copy_button.setText(self.tr("Copied"))
        QTimer.singleShot(COPIED_FEEDBACK_MS, self._copy_button, lambda: self._copy_button.setText(self.tr("Copy")))

    @Slot()
    def _on_regenerate_clicked(self) -> None:
        self.regenerateRequested.emit(self._message.id)

    @Slot()
    def _on_leave_out_clicked(self) -> None:
        self.leaveOutRequested.emit(self._message.id)

    @Slot()
    def _on_delete_clicked(self) -> None:
        self.deleteRequested.emit(self._message.id)

    @Slot()
    def _on_previous_version_clicked(self) -> None:
        self.versionRequested.emit(self._versions[self._versions.index(self._message.id) - 1])

    @Slot()
    def _on_next_version_clicked(self) -> None:
        self.versionRequested.emit(self._versions[self._versions.index(self._message.id) + 1])

    @Slot()
    def _on_edit_clicked(self) -> None:
        if self._editor is None:
            self._editor = MessageEditor(self._renderer.theme.muted, self)
            self._editor.submitted.connect(self._on_editor_submitted)
            self._editor.cancelled.connect(self._on_editor_cancelled)
            self._layout.insertWidget(1, self._editor)
        self._editor.start(self._message.content)
        self._bubble.hide()

    @Slot(str)
    def _on_editor_submitted(self, text: str) -> None:
        self.editSubmitted.emit(self._message.id, text)

    @Slot()
    def _on_editor_cancelled(self) -> None:
        self._editor.hide()
        self._bubble.setVisible(bool(self._message.content))
