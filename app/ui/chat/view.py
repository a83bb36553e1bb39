"""The conversation on show: its messages in a centred column, the reply streaming into the last one, notices of
errors, and the empty states.

A stored conversation may hold thousands of messages: only the newest PAGE are built when it opens, and PAGE more
each time the user scrolls near the top. While a reply streams the view follows it, until the user scrolls up;
scrolling back to the bottom follows again.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QEvent, Qt, Signal, Slot
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QMessageBox,
    QScrollArea,
    QStackedLayout,
    QVBoxLayout,
    QWidget,
)

from app.core.paths import app_paths
from app.core.store import Message
from app.ui.chat.controller import ChatController
from app.ui.chat.empty_state import EmptyState
from app.ui.chat.message import MessageWidget
from app.ui.chat.snapshot import Snapshot
from app.ui.markdown.render import MarkdownRenderer
from app.ui.model_controller import ModelController
from app.ui.theme import Theme, chat_font
from app.ui.widgets.error_box import Action, ErrorBox

PAGE = 12  # messages built at a time
COLUMN_WIDTH = 820  # a comfortable line length
LOAD_MARGIN = 300  # px from the top at which older messages are built
FOLLOW_SLACK = 24  # px from the bottom that still counts as "at the bottom"
LAYOUT_LEVELS = 3


class ChatView(QWidget):
    openModelRequested = Signal()  # the user wants to open a .gguf file
    modelManagerRequested = Signal()  # the user wants the model manager
    sourceRequested = Signal(object)  # Source: a citation, a source or an attached file to show

    def __init__(self, chat: ChatController, model: ModelController, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("chatView")
        self._chat = chat
        self._model = model
        self._messages: tuple[Message, ...] = ()
        self._versions: dict[int, tuple[int, ...]] = {}
        self._conversation_id: int | None = None
        self._widgets: list[MessageWidget] = []  # for self._messages[self._first_built:]
        self._first_built = 0
        self._follow = True
        self._keep_from_bottom: int | None = None
        self._font = chat_font()
        self._renderer = self._make_renderer()

        self._empty = EmptyState(model, self)
        self._empty.openFileRequested.connect(self.openModelRequested)
        self._empty.modelManagerRequested.connect(self.modelManagerRequested)
        self._scroll = self._build_scroll_area()
        bar = self._scroll.verticalScrollBar()
        bar.valueChanged.connect(self._on_scroll_value_changed)
        bar.rangeChanged.connect(self._on_scroll_range_changed)

        self._pages = QStackedLayout(self)
        self._pages.addWidget(self._empty)
        self._pages.addWidget(self._scroll)

        chat.snapshotChanged.connect(self._on_chat_snapshot_changed)
        chat.replyDelta.connect(self._on_chat_reply_delta)
        chat.replyStep.connect(self._on_chat_reply_step)
        chat.approvalRequested.connect(self._on_chat_approval_requested)
        chat.replyThought.connect(self._on_chat_reply_thought)
        chat.replyFinished.connect(self._on_chat_reply_finished)
        chat.busyChanged.connect(self._on_chat_busy_changed)
        chat.errorRaised.connect(self.show_error)
        chat.replyNotSaved.connect(self._on_chat_reply_not_saved)
        chat.revealRequested.connect(self.reveal)
        model.loadFailed.connect(self._on_model_load_failed)
        self._update_page()

    # Notices: errors that belong to no message (loading a model, the store)

    def _build_scroll_area(self) -> QScrollArea:
        """The messages in a centred column, the notices under them."""
        scroll = QScrollArea(self)
        scroll.setObjectName("messagesScrollArea")
        scroll.setAccessibleName(self.tr("Conversation"))
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        # Always on: a scroll bar that comes and goes changes the width, and every message would be laid out twice.
        scroll.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOn)
        scroll.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        container = QWidget()
        container.setObjectName("messagesContainer")
        container.setBackgroundRole(QPalette.ColorRole.Base)
        self._column = QWidget(container)
        self._column.setMaximumWidth(COLUMN_WIDTH)
        self._column.setFont(self._font)  # messages take it when they are built
        self._message_layout = QVBoxLayout()
        self._message_layout.setSpacing(22)
        self._notice_layout = QVBoxLayout()
        column_layout = QVBoxLayout(self._column)
        column_layout.setContentsMargins(24, 24, 24, 32)
        column_layout.setSpacing(22)
        column_layout.addLayout(self._message_layout)
        column_layout.addLayout(self._notice_layout)
        column_layout.addStretch(1)
        row = QHBoxLayout(container)
        row.setContentsMargins(0, 0, 0, 0)
        row.addStretch(1)
        row.addWidget(self._column, 100)
        row.addStretch(1)
        scroll.setWidget(container)
        return scroll

    def show_error(self, text: str, actions: Sequence[Action] = ()) -> ErrorBox:
        """Show `text` at the end of the conversation, with buttons for the actions and to dismiss it."""
        box = ErrorBox(self._renderer.theme, self._column)
        box.set_text(text)
        for action in actions:
            box.add_action(action)
        box.add_action(Action("dismissNoticeButton", self.tr("Dismiss"), self.tr("Dismiss this message"),
                              lambda: self._remove_notice(box)))
        self._notice_layout.addWidget(box)
        self._update_page()
        self._scroll_to_bottom()
        return box

    def _remove_notice(self, box: ErrorBox) -> None:
        box.hide()
        box.deleteLater()
        self._notice_layout.removeWidget(box)
        self._update_page()

    def _clear_notices(self) -> None:
        while self._notice_layout.count():
            self._notice_layout.takeAt(0).widget().deleteLater()

    @Slot(str)
    def _on_chat_reply_not_saved(self, message: str) -> None:
        def save_again() -> None:
            self._remove_notice(box)
            self._chat.save_unsaved_replies()

        advice = self.tr("The reply stays on show until it is saved: make room on the disk, then press Save again.")
        box = self.show_error(f"{message}\n{advice}", [Action("saveAgainButton", self.tr("Save again"),
                                                              self.tr("Try again to save the reply"), save_again)])

    @Slot(str)
    def _on_model_load_failed(self, message: str) -> None:
        self.show_error(message, [
            Action("retryLoadButton", self.tr("Try again"), self.tr("Try loading the model again"),
                   self._model.retry),
            Action("chooseModelButton", self.tr("Choose another file…"), self.tr("Open another model file"),
                   self.openModelRequested.emit),
            Action("noticeModelManagerButton", self.tr("Model manager…"), self.tr("Open the model manager"),
                   self.modelManagerRequested.emit),
        ])

    # Messages

    def message_widgets(self) -> list[MessageWidget]:
        return list(self._widgets)

    def reveal(self, message_id: int) -> None:
        """Scroll to a message (a search result), building older messages as needed."""
        index = next((i for i, m in enumerate(self._messages) if m.id == message_id), None)
        if index is None:
            return
        if index < self._first_built:
            self._build_earlier(self._first_built - index)
        self._settle_layout()
        self._follow = False
        self._scroll.ensureWidgetVisible(self._widgets[index - self._first_built], 0, 48)

    @Slot(object)
    def _on_chat_snapshot_changed(self, snapshot: Snapshot | None) -> None:
        messages = snapshot.messages if snapshot else ()
        versions = snapshot.versions if snapshot else {}
        conversation_id = snapshot.conversation.id if snapshot else None
        opened = conversation_id != self._conversation_id or conversation_id is None
        if opened:
            self._conversation_id = conversation_id
            self._clear_notices()
            changed = 0
        else:  # the same conversation: keep the widgets of the messages that did not change
            changed = next(
                (i for i, (old, new) in enumerate(zip(self._messages, messages))
                 if old != new or self._versions.get(old.id) != versions.get(new.id)),
                min(len(self._messages), len(messages)),
            )
        appended = changed == len(self._messages)
        self._messages, self._versions = messages, versions
        if changed <= self._first_built:
            self._remove_widgets(0)
            self._first_built = max(0, len(messages) - PAGE)
        else:
            self._remove_widgets(changed - self._first_built)
        self._build_missing()
        for widget in self._widgets:
            widget.set_answerable(widget is self._widgets[-1] and widget.message.role == "user")
        self._update_page()
        if opened or appended or (messages and messages[-1].status == "streaming"):
            self._scroll_to_bottom()
        self._fill_viewport()

    def _build_missing(self) -> None:
        for message in self._messages[self._first_built + len(self._widgets):]:
            self._widgets.append(self._build(message))
            self._message_layout.addWidget(self._widgets[-1])
            self._widgets[-1].show()  # now, not at the next event loop turn: the layout counts visible widgets

    def _build(self, message: Message) -> MessageWidget:
        files = self._files_folder()
        reply = message.role == "assistant"
        widget = MessageWidget(message, self._versions.get(message.id, (message.id,)), self._renderer, self._column,
                               citations=self._chat.citations_for(message) if reply else None, files=files,
                               sources=self._chat.sources_for(message) if reply else None)
        widget.sourceRequested.connect(self.sourceRequested)
        widget.set_actions_enabled(not self._chat.busy)
        widget.regenerateRequested.connect(self._chat.regenerate)
        widget.leaveOutRequested.connect(lambda message_id: self._chat.regenerate(message_id, "drop_oldest"))
        widget.editSubmitted.connect(self._chat.edit_and_resend)
        widget.versionRequested.connect(self._chat.switch_version)
        widget.deleteRequested.connect(self._on_message_delete_requested)
        widget.forkRequested.connect(self._chat.fork)
        widget.answerRequested.connect(self._chat.answer)
        widget.toolCallAnswered.connect(self._chat.answer_tool_call)
        return widget

    def _files_folder(self) -> Path | None:
        """The conversation's folder, where its attached files are kept (None for a uuid that names no folder)."""
        snapshot = self._chat.snapshot
        try:
            return app_paths().conversation_files(snapshot.conversation.uuid) if snapshot is not None else None
        except ValueError:
            return None

    def _remove_widgets(self, start: int) -> None:
        for widget in self._widgets[start:]:
            self._message_layout.removeWidget(widget)
            widget.hide()
            widget.deleteLater()
        del self._widgets[start:]

    def _build_earlier(self, count: int) -> None:
        count = min(count, self._first_built)
        start = self._first_built - count
        built = [self._build(message) for message in self._messages[start:self._first_built]]
        for position, widget in enumerate(built):
            self._message_layout.insertWidget(position, widget)
            widget.show()
        self._widgets[:0] = built
        self._first_built = start

    def _streaming_widget(self) -> MessageWidget | None:
        if self._widgets and self._widgets[-1].message.status == "streaming":
            return self._widgets[-1]
        return None

    @Slot(str, str)
    def _on_chat_reply_delta(self, analysis: str, final: str) -> None:
        widget = self._streaming_widget()
        if widget is not None:
            widget.append(analysis, final)

    @Slot(int, object)
    def _on_chat_reply_step(self, index: int, step) -> None:
        widget = self._streaming_widget()
        if widget is not None:
            widget.set_step(index, step)

    @Slot(object)
    def _on_chat_approval_requested(self, request) -> None:
        widget = self._streaming_widget()
        if widget is not None:
            widget.ask(request)
            self._scroll_to_bottom()

    @Slot(float)
    def _on_chat_reply_thought(self, seconds: float) -> None:
        widget = self._streaming_widget()
        if widget is not None:
            widget.set_thought_for(seconds)

    @Slot(object)
    def _on_chat_reply_finished(self, message: Message) -> None:
        for index, widget in enumerate(self._widgets):
            if widget.message.id == message.id:
                widget.finish(message)
                position = self._first_built + index
                self._messages = (*self._messages[:position], message, *self._messages[position + 1:])

    @Slot(bool)
    def _on_chat_busy_changed(self, busy: bool) -> None:
        for widget in self._widgets:
            widget.set_actions_enabled(not busy)

    @Slot(int)
    def _on_message_delete_requested(self, message_id: int) -> None:
        index = next(i for i, m in enumerate(self._messages) if m.id == message_id)
        after = len(self._messages) - index - 1
        question = self.tr("Delete this message?") if after == 0 else self.tr(
            "Delete this message and the %n message(s) after it?", "", after)
        answer = QMessageBox.question(
            self, self.tr("Delete message"), question + "\n\n" + self.tr("This cannot be undone."),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._chat.delete_message(message_id)

    # Scrolling

    def _scroll_to_bottom(self) -> None:
        self._follow = True
        bar = self._scroll.verticalScrollBar()
        bar.setValue(bar.maximum())

    def _fill_viewport(self) -> None:
        """Build older messages while the newest do not fill the view (there would be nothing to scroll)."""
        self._settle_layout()
        while self._first_built > 0 and self._scroll.verticalScrollBar().maximum() <= LOAD_MARGIN:
            self._build_earlier(PAGE)
            self._settle_layout()

    def _settle_layout(self) -> None:
        """Lay out now rather than at the next turn of the event loop, so the scroll range is right. Each layout
        request posts the next one up the tree (column, container, scroll area): a few rounds settle them."""
        for _ in range(LAYOUT_LEVELS):
            QCoreApplication.sendPostedEvents(None, QEvent.Type.LayoutRequest)

    @Slot(int)
    def _on_scroll_value_changed(self, value: int) -> None:
        bar = self._scroll.verticalScrollBar()
        self._follow = value >= bar.maximum() - FOLLOW_SLACK
        if value <= LOAD_MARGIN and self._first_built > 0 and bar.maximum() > 0:
            self._keep_from_bottom = bar.maximum() - value
            self._build_earlier(PAGE)
            self._settle_layout()

    @Slot(int, int)
    def _on_scroll_range_changed(self, minimum: int, maximum: int) -> None:
        bar = self._scroll.verticalScrollBar()
        if self._keep_from_bottom is not None:
            keep, self._keep_from_bottom = self._keep_from_bottom, None
            bar.setValue(maximum - keep)
        elif self._follow:
            bar.setValue(maximum)

    # Look

    def _update_page(self) -> None:
        empty = not self._messages and self._notice_layout.count() == 0
        self._pages.setCurrentWidget(self._empty if empty else self._scroll)

    def _make_renderer(self) -> MarkdownRenderer:
        return MarkdownRenderer(Theme.current(), self._font.pointSizeF())

    def changeEvent(self, event: QEvent) -> None:
        # The OS switched between light and dark: render the messages again in the new colours.
        if event.type() == QEvent.Type.PaletteChange and self._renderer.theme != Theme.current():
            self._renderer.close()
            self._renderer = self._make_renderer()
            shown = [widget.message for widget in self._widgets]  # a streaming reply has more than its record
            self._messages = (*self._messages[:self._first_built], *shown)
            self._remove_widgets(0)
            self._build_missing()
        super().changeEvent(event)
