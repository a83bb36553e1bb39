"""The conversations: New chat and New project, a search box over all messages (or one project's), and the tree of
projects and conversations with rename, pin, move to a project, delete, and each project's chat, settings and
delete."""

from __future__ import annotations

import html

from PySide6.QtCore import QPoint, QSize, Qt, QTimer, Slot
from PySide6.QtWidgets import (
    QComboBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QMessageBox,
    QPushButton,
    QStackedWidget,
    QToolButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.store import (
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    OUTSIDE_PROJECTS,
    ConversationSummary,
    Project,
    SearchHit,
)
from app.ui.chat.controller import ChatController
from app.ui.chat.snapshot import Snapshot
from app.ui.library.controller import LibraryController
from app.ui.library.conversation_tree import ID_ROLE, PINNED_ROLE, PROJECT_ROLE, ConversationTree
from app.ui.projects.actions import ProjectActions

SEARCH_DELAY_MS = 200
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 2


def snippet_html(snippet: str) -> str:
    """The store's snippet with its match marks as bold, everything else escaped."""
    return html.escape(snippet).replace(HIGHLIGHT_START, "<b>").replace(HIGHLIGHT_END, "</b>")


def _button(parent: QWidget, name: str, text: str, accessible: str) -> QPushButton:
    button = QPushButton(text, parent)
    button.setObjectName(name)
    button.setAccessibleName(accessible)
    return button


class Sidebar(QWidget):
    def __init__(self, library: LibraryController, chat: ChatController, projects: ProjectActions,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("sidebar")
        self._library = library
        self._chat = chat
        self._actions = projects
        self._projects: dict[int, Project] = {}
        self._new = _button(self, "newChatButton", self.tr("New chat"), self.tr("Start a new chat"))
        self._new.clicked.connect(chat.new_conversation)
        self._new_project = _button(self, "newProjectButton", self.tr("New project"),
                                    self.tr("Make a project: conversations that share instructions, settings and "
                                            "files"))
        self._new_project.clicked.connect(projects.new_project)
        self._build_search()
        self._build_lists()

        buttons = QHBoxLayout()
        buttons.addWidget(self._new, 1)
        buttons.addWidget(self._new_project, 1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 10, 4, 10)
        layout.addLayout(buttons)
        layout.addWidget(self.search_box)
        layout.addWidget(self.search_project)
        layout.addWidget(self._lists, 1)
        self._fill_search_projects()

        library.projectsListed.connect(self._on_library_projects_listed)
        library.conversationsListed.connect(self._on_library_conversations_listed)
        library.searchFinished.connect(self._on_library_search_finished)
        chat.snapshotChanged.connect(self._on_chat_snapshot_changed)

    def _build_search(self) -> None:
        self.search_box = QLineEdit(self)
        self.search_box.setObjectName("searchBox")
        self.search_box.setAccessibleName(self.tr("Search conversations"))
        self.search_box.setPlaceholderText(self.tr("Search conversations"))
        self.search_box.setClearButtonEnabled(True)
        clear = self.search_box.findChild(QToolButton)  # the clear button Qt adds
        if clear is not None:
            clear.setObjectName("clearSearchButton")
            clear.setAccessibleName(self.tr("Clear the search"))
        self.search_project = QComboBox(self)
        self.search_project.setObjectName("searchProjectCombo")
        self.search_project.setAccessibleName(self.tr("Search in"))
        self.search_project.setToolTip(self.tr("Search every conversation, only one project's, or those in none"))
        self.search_project.activated.connect(self._on_search_timer_timeout)
        self._search_timer = QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(SEARCH_DELAY_MS)
        self._search_timer.timeout.connect(self._on_search_timer_timeout)
        self.search_box.textChanged.connect(self._search_timer.start)

    def _build_lists(self) -> None:
        self.conversations = ConversationTree(self)
        self.conversations.setObjectName("conversationList")
        self.conversations.setAccessibleName(self.tr("Projects and conversations"))
        self.conversations.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.conversations.customContextMenuRequested.connect(self._on_conversations_context_menu_requested)
        self.conversations.itemActivated.connect(self._on_conversation_item_activated)
        self.conversations.itemClicked.connect(self._on_conversation_item_activated)
        self.conversations.itemChanged.connect(self._on_conversation_item_changed)
        self.conversations.conversationDropped.connect(self._library.move)
        self.results = QListWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setAccessibleName(self.tr("Search results"))
        self.results.setWordWrap(True)
        self.results.setFrameShape(QFrame.Shape.NoFrame)
        self.results.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.results.setSpacing(1)
        self.results.setPalette(self.conversations.palette())  # the sidebar's own background
        self.results.itemActivated.connect(self._on_result_item_activated)
        self.results.itemClicked.connect(self._on_result_item_activated)
        self._lists = QStackedWidget(self)
        self._lists.addWidget(self.conversations)
        self._lists.addWidget(self.results)

    def focus_search(self) -> None:
        self.search_box.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_box.selectAll()

    # The tree

    @Slot(list)
    def _on_library_projects_listed(self, projects: list[Project]) -> None:
        self._projects = {project.id: project for project in projects}
        self._fill_search_projects()

    @Slot(list)
    def _on_library_conversations_listed(self, conversations: list[ConversationSummary]) -> None:
        headings = {"projects": self.tr("Projects"), "pinned": self.tr("Pinned"), "recent": self.tr("Recent")}
        self.conversations.show_listing(list(self._projects.values()), conversations, headings, self.tr("Untitled"))
        self._select(self._chat.conversation_id)

    def _select(self, conversation_id: int | None) -> None:
        self.conversations.blockSignals(True)
        match = self.conversations.item_of(conversation_id)
        if match is None:
            self.conversations.clearSelection()
        else:
            self.conversations.setCurrentItem(match)
        self.conversations.blockSignals(False)

    def current_item(self) -> QTreeWidgetItem | None:
        """The conversation chosen in the tree, if a conversation is."""
        item = self.conversations.currentItem()
        return item if item is not None and item.data(0, ID_ROLE) is not None else None

    @Slot(object)
    def _on_chat_snapshot_changed(self, snapshot: Snapshot | None) -> None:
        self._select(snapshot.conversation.id if snapshot else None)

    @Slot(QTreeWidgetItem)
    def _on_conversation_item_activated(self, item: QTreeWidgetItem) -> None:
        if item.data(0, ID_ROLE) is not None:
            self._chat.open(item.data(0, ID_ROLE))

    @Slot(QTreeWidgetItem)
    def _on_conversation_item_changed(self, item: QTreeWidgetItem) -> None:
        title = item.text(0).strip()
        if not title:
            self._library.refresh()  # an empty name is not taken: show the old one again
        elif item.data(0, ID_ROLE) is not None:
            self._library.rename(item.data(0, ID_ROLE), title)
        elif item.data(0, PROJECT_ROLE) is not None:
            self._library.update_project(item.data(0, PROJECT_ROLE), name=title)

    # Rename, pin, move, delete

    def rename(self, item: QTreeWidgetItem) -> None:
        self.conversations.editItem(item, 0)

    def toggle_pinned(self, item: QTreeWidgetItem) -> None:
        self._library.set_pinned(item.data(0, ID_ROLE), not item.data(0, PINNED_ROLE))

    def delete(self, item: QTreeWidgetItem) -> None:
        answer = QMessageBox.question(
            self, self.tr("Delete conversation"),
            self.tr("Delete “{0}” and all its messages? This cannot be undone.").format(item.text(0)),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self._library.delete(item.data(0, ID_ROLE))

    def project_of_item(self, item: QTreeWidgetItem | None) -> Project | None:
        project_id = self.conversations.project_at(item)
        return self._projects.get(project_id) if project_id is not None else None

    @Slot(QPoint)
    def _on_conversations_context_menu_requested(self, position: QPoint) -> None:
        item = self.conversations.itemAt(position)
        menu = QMenu(self)
        menu.setObjectName("conversationMenu")
        if item is not None and item.data(0, ID_ROLE) is not None:
            self._conversation_menu(menu, item)
        elif item is not None and item.data(0, PROJECT_ROLE) is not None:
            self._project_menu(menu, item, self._projects[item.data(0, PROJECT_ROLE)])
        else:
            menu.addAction(self.tr("New project…"), self._actions.new_project)
        menu.exec(self.conversations.viewport().mapToGlobal(position))

    def _conversation_menu(self, menu: QMenu, item: QTreeWidgetItem) -> None:
        menu.addAction(self.tr("Rename"), lambda: self.rename(item))
        menu.addAction(self.tr("Unpin") if item.data(0, PINNED_ROLE) else self.tr("Pin"),
                       lambda: self.toggle_pinned(item))
        self.add_move_menu(menu, item)
        menu.addSeparator()
        menu.addAction(self.tr("Delete…"), lambda: self.delete(item))

    def add_move_menu(self, menu: QMenu, item: QTreeWidgetItem) -> QMenu:
        """Move to project ▸ every other project, and out of its own: what dragging does, from the keyboard."""
        move = menu.addMenu(self.tr("Move to project"))
        move.setObjectName("moveToProjectMenu")
        cid, current = item.data(0, ID_ROLE), self.conversations.project_at(item)
        for project in self._projects.values():
            if project.id != current:
                move.addAction(project.name, lambda pid=project.id: self._library.move(cid, pid))
        if current is not None:
            move.addSeparator()
            move.addAction(self.tr("Outside any project"), lambda: self._library.move(cid, None))
        move.setEnabled(not move.isEmpty())
        return move

    def _project_menu(self, menu: QMenu, item: QTreeWidgetItem, project: Project) -> None:
        menu.addAction(self.tr("New chat in this project"), lambda: self._chat.new_conversation_in(project))
        menu.addAction(self.tr("Project settings…"), lambda: self._actions.edit(project))
        menu.addAction(self.tr("Rename"), lambda: self.rename(item))
        menu.addSeparator()
        menu.addAction(self.tr("Delete project…"), lambda: self._actions.delete(project))

    # Search

    def _fill_search_projects(self) -> None:
        chosen = self.search_project.currentData()
        self.search_project.clear()
        self.search_project.addItem(self.tr("All conversations"), None)
        self.search_project.addItem(self.tr("Outside any project"), OUTSIDE_PROJECTS)
        for project in self._projects.values():
            self.search_project.addItem(self.tr("Project: {0}").format(project.name), project.id)
        index = self.search_project.findData(chosen)
        self.search_project.setCurrentIndex(max(index, 0))
        self.search_project.setVisible(bool(self._projects))
        if chosen is not None and index < 0 and self.search_box.text().strip():
            self._on_search_timer_timeout()  # the project searched in was deleted: search where the list now says

    @Slot()
    def _on_search_timer_timeout(self) -> None:
        self._library.search(self.search_box.text(), self.search_project.currentData())

    @Slot(str, list)
    def _on_library_search_finished(self, query: str, hits: list[SearchHit]) -> None:
        self._lists.setCurrentWidget(self.results if query else self.conversations)
        self.results.clear()
        for hit in hits:
            item = QListWidgetItem(self.results)
            item.setData(ID_ROLE, hit.conversation_id)
            item.setData(MESSAGE_ROLE, hit.message_id)
            title = hit.conversation_title or self.tr("Untitled")  # outside the f-string, where lupdate sees it
            label = QLabel(f"<b>{html.escape(title)}</b><br>{snippet_html(hit.snippet)}")
            label.setWordWrap(True)
            label.setContentsMargins(6, 4, 6, 4)
            width = self.results.viewport().width()
            item.setSizeHint(QSize(width, label.heightForWidth(width)))
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{hit.conversation_title}: {label.text()}")
            self.results.setItemWidget(item, label)
        if query and not hits:
            item = QListWidgetItem(self.tr("Nothing found for “{0}”.").format(query), self.results)
            item.setFlags(Qt.ItemFlag.NoItemFlags)

    @Slot(QListWidgetItem)
    def _on_result_item_activated(self, item: QListWidgetItem) -> None:
        if item.data(ID_ROLE) is not None:
            self._chat.open(item.data(ID_ROLE), item.data(MESSAGE_ROLE))
