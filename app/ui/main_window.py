"""The main window: composes the sidebar, the top bar, the chat view, the composer, the status line and the source
preview around the controllers, and holds the menus with their shortcuts. Behaviour lives in the controllers and
widgets. Files dropped anywhere on the window are attached to the next message."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app import APP_NAME
from app.core.licenses import model_licenses
from app.core.models.catalog import load_catalog
from app.core.models.registry import ModelRegistry
from app.core.paths import app_paths
from app.core.secrets import SecretStore
from app.core.store import ConversationStore
from app.ui.about_dialog import AboutDialog
from app.ui.app_settings import AppSettings
from app.ui.chat.composer import Composer
from app.ui.chat.controller import ChatController
from app.ui.chat.settings_dialog import ConversationSettingsDialog
from app.ui.chat.snapshot import Snapshot
from app.ui.chat.status_line import StatusLine
from app.ui.chat.tool_access import ToolAccess
from app.ui.chat.top_bar import TopBar
from app.ui.chat.view import COLUMN_WIDTH, ChatView
from app.ui.core_messages import translate_core
from app.ui.documents.dialog import DocumentsDialog
from app.ui.documents.library import DocumentsLibrary
from app.ui.documents.pending import dropped_files
from app.ui.documents.preview import SourcePreview
from app.ui.library.controller import LibraryController
from app.ui.library.sidebar import Sidebar
from app.ui.local_api_controller import LocalApiController, local_api_token
from app.ui.model_controller import ModelController
from app.ui.projects.actions import ProjectActions
from app.ui.settings_dialog import SettingsDialog
from app.ui.threads.engine_worker import EngineWorker
from app.ui.threads.task_runner import TaskRunner
from app.ui.tools.conversation_files import ConversationFilesDialog
from app.ui.widgets.ask import ask


class MainWindow(QMainWindow):
    modelManagerRequested = Signal()  # the user wants the model manager (the application opens it)
    toolsRequested = Signal()  # the user wants the Tools page (the application opens it)
    restartRequested = Signal()  # the user wants the app started again (a new language): the application does it

    def __init__(self, store: ConversationStore, worker: EngineWorker, tasks: TaskRunner, settings: AppSettings,
                 parent: QWidget | None = None, tools: ToolAccess | None = None,
                 documents: DocumentsLibrary | None = None) -> None:
        """`documents`: the documents library (made here when not given); the window starts and stops it."""
        super().__init__(parent)
        self.setObjectName("mainWindow")
        self.setWindowTitle(APP_NAME)
        self._shut_down = False
        self._worker = worker
        self._tasks = tasks
        self._settings = settings
        self.model = ModelController(worker, settings, self)
        self._tools = tools
        self.documents = documents or DocumentsLibrary(parent=self)
        self._documents_dialog: DocumentsDialog | None = None
        self.chat = ChatController(store, tasks, worker, self.model, settings, self, tools, self.documents)
        self.library = LibraryController(store, tasks, self, tools.forget if tools is not None else None)
        self.local_api = LocalApiController(worker, settings, tasks, parent=self)

        self.projects = ProjectActions(self.library, self.chat, store, tasks, settings,
                                       tools.server_names if tools is not None else list, self)
        self.sidebar = Sidebar(self.library, self.chat, self.projects, self)
        self.top_bar = TopBar(self.chat, self.model, self)
        self.chat_view = ChatView(self.chat, self.model, self)
        self.composer = Composer(self.chat, self.model, settings, self)
        self.status_line = StatusLine(self.chat, self.model, self)
        self.statusBar().addWidget(self.status_line, 1)
        self.statusBar().setSizeGripEnabled(False)
        self.preview = SourcePreview(self)
        self.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.preview)
        self.setAcceptDrops(True)
        self._compose()
        self._build_menus()

        for source in (self.top_bar, self.chat_view):
            source.openModelRequested.connect(self.open_model_file)
            source.modelManagerRequested.connect(self.modelManagerRequested)
        self.top_bar.conversationSettingsRequested.connect(self.edit_conversation_settings)
        self.chat.snapshotChanged.connect(self._on_chat_snapshot_changed)
        self.chat.busyChanged.connect(self._stop_action.setEnabled)
        self._connect_library()
        self.model.loaded.connect(self._on_model_loaded)
        self._tasks.failed.connect(self.chat_view.show_error)
        self.local_api.errorRaised.connect(self.chat_view.show_error)
        self._local_api_label = QLabel(self)
        self._local_api_label.setObjectName("localApiLabel")
        self.statusBar().addPermanentWidget(self._local_api_label)
        self.local_api.stateChanged.connect(self._on_local_api_state_changed)
        self._on_local_api_state_changed(self.local_api.url)
        self._connect_documents()
        self.library.refresh()
        self.resize(1280, 800)
        self.composer.edit.setFocus()

    def _connect_library(self) -> None:
        self.chat.conversationsChanged.connect(self.library.refresh)
        self.library.conversationChanged.connect(self.chat.reload)
        self.library.conversationDeleted.connect(self.chat.forget)
        self.library.projectChanged.connect(self.chat.project_changed)
        self.library.projectChanged.connect(self._on_library_project_changed)
        self.library.projectDeleted.connect(self.chat.project_deleted)
        self.library.errorRaised.connect(self.chat_view.show_error)

    @Slot(object)
    def _on_library_project_changed(self, project) -> None:
        self.documents.refresh()  # its files' collection may be new: its conversations search it from now on

    def _connect_documents(self) -> None:
        self.chat_view.sourceRequested.connect(self.preview.show_source)
        self.documents.added.connect(self._on_documents_added)
        self.documents.errorRaised.connect(self._on_documents_error_raised)
        if self.composer.pending is not None:
            for news in (self.composer.pending.changed, self.chat.snapshotChanged, self.model.stateChanged):
                news.connect(self._show_attachments)
        self.documents.start()

    def _compose(self) -> None:
        composer_row = QHBoxLayout()
        composer_row.setContentsMargins(24, 0, 24, 8)
        composer_row.addStretch(1)
        composer_row.addWidget(self.composer, 100)
        composer_row.addStretch(1)
        self.composer.setMaximumWidth(COLUMN_WIDTH - 48)
        chat_side = QWidget(self)
        chat_side.setObjectName("chatSide")
        chat_side.setBackgroundRole(QPalette.ColorRole.Base)  # reading happens on the base colour
        chat_side.setAutoFillBackground(True)
        column = QVBoxLayout(chat_side)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.top_bar)
        column.addWidget(self.chat_view, 1)
        column.addLayout(composer_row)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.setObjectName("mainSplitter")
        splitter.setChildrenCollapsible(False)
        splitter.addWidget(self.sidebar)
        splitter.addWidget(chat_side)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([280, 1000])
        self.setCentralWidget(splitter)

    def _build_menus(self) -> None:
        file = self.menuBar().addMenu(self.tr("&File"))
        self._action(file, "newChatAction", self.tr("&New chat"), "Ctrl+N", self.chat.new_conversation)
        self._action(file, "newProjectAction", self.tr("New &project…"), None, self.projects.new_project)
        self._action(file, "openModelAction", self.tr("&Open model…"), "Ctrl+O", self.open_model_file)
        self._action(file, "modelManagerAction", self.tr("&Model manager…"), None, self.modelManagerRequested.emit)
        file.addSeparator()
        settings = self._action(file, "settingsAction", self.tr("&Settings…"), "Ctrl+,", self.edit_preferences)
        settings.setMenuRole(QAction.MenuRole.PreferencesRole)
        file.addSeparator()
        quit_action = self._action(file, "quitAction", self.tr("&Quit"), "Ctrl+Q", self.close)
        quit_action.setMenuRole(QAction.MenuRole.QuitRole)

        edit = self.menuBar().addMenu(self.tr("&Edit"))
        search = self._action(edit, "searchAction", self.tr("&Search conversations"), "Ctrl+F",
                              self.sidebar.focus_search)
        search.setShortcuts([QKeySequence("Ctrl+F"), QKeySequence("Ctrl+K")])

        chat = self.menuBar().addMenu(self.tr("&Chat"))
        self._stop_action = self._action(chat, "stopAction", self.tr("S&top reply"), "Esc", self.chat.stop)
        self._stop_action.setEnabled(False)
        self._action(chat, "chatSettingsAction", self.tr("Chat &settings…"), None, self.edit_conversation_settings)
        self._action(chat, "conversationFilesAction", self.tr("&Files of this conversation…"), None,
                     self.show_conversation_files)
        chat.addSeparator()
        self._action(chat, "renameAction", self.tr("&Rename conversation"), "F2",
                     lambda: self._with_current(self.sidebar.rename))
        self._action(chat, "pinAction", self.tr("&Pin or unpin conversation"), None,
                     lambda: self._with_current(self.sidebar.toggle_pinned))
        self._action(chat, "deleteConversationAction", self.tr("&Delete conversation…"), None,
                     lambda: self._with_current(self.sidebar.delete))

        tools = self.menuBar().addMenu(self.tr("&Tools"))
        self._action(tools, "toolsAction", self.tr("MCP &servers…"), None, self.toolsRequested.emit)
        self._action(tools, "documentsAction", self.tr("&Documents…"), None, self.open_documents)

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = self._action(help_menu, "aboutAction", self.tr("&About gpt-oss Chat"), None, self.show_about)
        about.setMenuRole(QAction.MenuRole.AboutRole)

    def _action(self, menu: QMenu, name: str, text: str, shortcut: str | None, slot) -> QAction:
        action = menu.addAction(text)
        action.setObjectName(name)
        if shortcut:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(slot)
        self.addAction(action)  # shortcuts work while the menu bar is hidden (macOS full screen, some desktops)
        return action

    def _with_current(self, act) -> None:
        item = self.sidebar.current_item()
        if item is not None:
            act(item)

    # Dialogs

    @Slot()
    def open_model_file(self) -> None:
        folder = str(self.model.path.parent if self.model.path else app_paths().models)
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open a model"), folder,
                                              self.tr("GGUF models (*.gguf)"))
        if path:
            self.model.load(Path(path))

    @Slot()
    def open_documents(self) -> None:
        """The Documents page (made on first use, kept afterwards)."""
        if self._documents_dialog is None:
            self._documents_dialog = DocumentsDialog(self.documents, self)
        self._documents_dialog.show()
        self._documents_dialog.raise_()
        self._documents_dialog.activateWindow()

    @Slot()
    def edit_conversation_settings(self) -> None:
        self.projects.with_collections(self._on_collections_listed)

    def _on_collections_listed(self, collections: list[tuple[int, str]]) -> None:
        dialog = ConversationSettingsDialog(self.chat.layers, self,
                                            self._tools.server_names() if self._tools is not None else (),
                                            collections)
        if dialog.exec():
            values, inherit = dialog.changes()
            try:
                self.chat.update_settings(inherit, **values)
            except ValueError as error:
                QMessageBox.warning(self, self.tr("Chat settings"), translate_core(str(error)))
        dialog.deleteLater()

    @Slot()
    def show_conversation_files(self) -> None:
        snapshot = self.chat.snapshot
        if snapshot is None:
            self.chat_view.show_error(self.tr("This chat has no files yet: its folder is made with its first message."))
            return
        dialog = ConversationFilesDialog(app_paths().conversation_files(snapshot.conversation.uuid), self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.show()

    @Slot()
    def edit_preferences(self) -> None:
        # The local API's token lives in the keyring (or a user-only file): read it off the GUI thread.
        self._tasks.run(lambda: local_api_token(SecretStore()), self._on_local_api_token_read,
                        self.chat_view.show_error)

    def _on_local_api_token_read(self, token: str) -> None:
        dialog = SettingsDialog(self._settings.value, self, local_api_token=token)
        if dialog.exec():
            language = self._settings.value.interface.language
            self._settings.replace(dialog.settings())
            if self._settings.value.interface.language != language:
                self._offer_restart()

    def _offer_restart(self) -> None:
        """Widgets take their words when they are built: a new language needs the app started again."""
        answer = ask(self, "restartQuestion", self.tr("Language"),
                     self.tr("The new language is used from the next start. Restart now? The model is loaded again; "
                             "a reply being written and downloads stop where they are and are kept."),
                     [("restartNow", self.tr("Restart now"), QMessageBox.ButtonRole.AcceptRole),
                      ("restartLater", self.tr("Later"), QMessageBox.ButtonRole.RejectRole)])
        if answer == "restartNow":
            self.restartRequested.emit()

    @Slot()
    def show_about(self) -> None:
        # The model list and the catalog are files: read them on the task thread, then show the dialog.
        self._tasks.run(lambda: model_licenses(ModelRegistry.load().models(), load_catalog()),
                        self._on_about_models_read, self.chat_view.show_error)

    def _on_about_models_read(self, models) -> None:
        dialog = AboutDialog(models, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()

    # Documents

    @Slot(object)
    def _on_documents_added(self, collection) -> None:
        """A folder just added is on for the conversation on show and for new conversations."""
        if collection.id not in self.chat.settings.collections:
            self.chat.update_settings(collections=(*self.chat.settings.collections, collection.id))
        defaults = self._settings.value.chat.collections
        if collection.id not in defaults:
            self._settings.update("chat", collections=(*defaults, collection.id))

    @Slot(str)
    def _on_documents_error_raised(self, text: str) -> None:
        if self._documents_dialog is None or not self._documents_dialog.isVisible():  # the page shows its own
            self.chat_view.show_error(text)

    @Slot()
    def _show_attachments(self) -> None:
        pending = self.composer.pending
        self.status_line.show_attachments(pending.preview(self.chat.attachment_budget()) if pending.paths() else None)

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self.composer.pending is not None and dropped_files(event.mimeData()):
            event.acceptProposedAction()

    def dropEvent(self, event: QDropEvent) -> None:
        files = dropped_files(event.mimeData())
        if files:
            self.composer.add_files(files)
            event.acceptProposedAction()

    @Slot(object)
    def _on_model_loaded(self, info) -> None:
        if info.chat_template_warning:  # a model without a chat template answers, but worse: say so
            self.chat_view.show_error(translate_core(info.chat_template_warning))

    @Slot(str)
    def _on_local_api_state_changed(self, url: str) -> None:
        self._local_api_label.setText(self.tr("Local API: {0}").format(url) if url else "")
        self._local_api_label.setVisible(bool(url))

    @Slot(object)
    def _on_chat_snapshot_changed(self, snapshot: Snapshot | None) -> None:
        title = snapshot.conversation.title if snapshot else ""
        self.setWindowTitle(f"{title} — {APP_NAME}" if title else APP_NAME)

    def shutdown(self) -> None:
        """A reply in progress is saved as stopped, then the engine and the store's thread finish their work (the
        saves already queued included). Safe to call again; the application calls it before closing the store."""
        if self._shut_down:
            return
        self._shut_down = True
        self.chat.shutdown()
        self.local_api.shutdown()
        self._worker.shutdown()
        self._tasks.shutdown()
        self.documents.shutdown()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.shutdown()
        super().closeEvent(event)
