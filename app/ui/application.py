"""Starting the window: the core objects, the threads, the main window; errors that escape become a dialog."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from app import APP_NAME
from app.core.engine import Engine
from app.core.errors import CoreError
from app.core.logs import configure_logging
from app.core.models.embedding_model import installed_embedding_model, is_embedding_model
from app.core.paths import app_paths
from app.core.settings import Settings, load_settings
from app.core.store import ConversationStore, OpenReport, StoreError
from app.ui.app_settings import AppSettings
from app.ui.chat.tool_access import ToolAccess
from app.ui.core_messages import translate_core
from app.ui.documents.library import DocumentsLibrary
from app.ui.file_open import ModelFileOpener
from app.ui.i18n import install_translator, ui_locale
from app.ui.main_window import MainWindow
from app.ui.model_manager.manager import ModelManager
from app.ui.network_indicator import NetworkIndicator
from app.ui.restart import start_again
from app.ui.theme import app_icon, ui_font
from app.ui.threads.engine_worker import EngineWorker
from app.ui.threads.gui_gc import install_gui_thread_collector
from app.ui.threads.task_runner import TaskRunner
from app.ui.tools.conversation_tools import ConversationTools
from app.ui.tools.page import ToolsPage

log = logging.getLogger(__name__)
LAST_MODEL_KEY = "model/last"
DESKTOP_ID = "io.github.gptosschat.GptOssChat"  # installer/linux/*.desktop


def _install_excepthook(log_file: Path) -> None:
    """An unexpected error is logged and explained in a dialog; the app keeps running."""

    def hook(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> None:
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, trace)))
        QMessageBox.critical(None, APP_NAME, QCoreApplication.translate(
            "Application", "Something went wrong: {0}\n\nYour conversations are safe. Details were written to {1}."
        ).format(error, log_file))

    sys.excepthook = hook


def show_open_report(window: MainWindow, report: OpenReport) -> None:
    """Tell the user what opening the store found: a repaired database, replies a crash cut off."""
    if report.message:
        window.chat_view.show_error(translate_core(report.message))
    if report.interrupted_message_ids:
        window.chat_view.show_error(QCoreApplication.translate(
            "Application", "Replies interrupted when the app last closed: {0}. Their text so far was kept.")
            .format(ui_locale().toString(len(report.interrupted_message_ids))))


def build_window(store: ConversationStore, engine: Engine, settings: Settings, settings_path: Path,
                 tools: Callable[[AppSettings], ToolAccess] | None = None,
                 documents: DocumentsLibrary | None = None) -> MainWindow:
    """The main window over a store and an engine, with its own engine and store threads; `tools(settings)` gives
    what replies may call; `documents` the documents library (the window makes its own when not given)."""
    tasks = TaskRunner()
    app_settings = AppSettings(settings, settings_path, tasks)
    return MainWindow(store, EngineWorker(engine), tasks, app_settings,
                      tools=tools(app_settings) if tools is not None else None, documents=documents)


def _last_chat_model(last: str | None) -> Path | None:
    """The model loaded when the app last closed, to load again: not when it is gone, nor when it is an embedding
    model (opened as a file by hand; it is Documents', not one to chat with)."""
    if not last or not Path(last).is_file():
        return None
    try:
        if is_embedding_model(Path(last)):
            return None
    except CoreError:
        pass  # an unreadable model list or catalog is reported where it is used, not at startup
    return Path(last)


def run_gui(model: Path | None, smoke_test: str | None = None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    install_gui_thread_collector(app)  # before any thread starts: Qt objects are only ever collected here
    app.setApplicationName(APP_NAME)
    paths = app_paths().ensure()
    settings, warnings = load_settings(paths.settings_file)
    install_translator(app, settings.interface.language)  # before any window: widgets take their text when built
    app.setFont(ui_font())  # Japanese from a Japanese font, Latin from the system's
    app.setDesktopFileName(DESKTOP_ID)  # Wayland and docks match the window to the .desktop file and its icon
    app.setWindowIcon(app_icon())
    log_file = configure_logging(paths.logs, debug=settings.interface.debug_logging)
    _install_excepthook(log_file)
    try:
        store = ConversationStore.open(check_later=True)  # after a crash the window shows before the slow check
    except StoreError as error:
        QMessageBox.critical(None, APP_NAME, translate_core(str(error)))
        return 1
    from app.core.engines.llama.engine import LlamaEngine  # llama.cpp loads after the checks above, not at import

    made: list[ConversationTools] = []
    # The window starts it, and stops it at quit; search by meaning with the model manager's embedding model.
    documents = DocumentsLibrary(embedding_model=installed_embedding_model)
    window = build_window(store, LlamaEngine(), settings, paths.settings_file, documents=documents,
                          tools=lambda app_settings: made.append(ConversationTools(
                              app_settings, browsers=documents.browser_for)) or made[0])
    tools = made[0]
    manager = ModelManager(window.model, window, switch_engine=window.model.use_server)
    window.modelManagerRequested.connect(manager.open)
    tools_page = ToolsPage(tools, window, window.chat_view.show_error)
    window.toolsRequested.connect(tools_page.open)
    restart = []
    window.restartRequested.connect(lambda: (restart.append(True), app.quit()))
    window.statusBar().addPermanentWidget(NetworkIndicator(manager.downloads, window.chat, window.model, window,
                                                           remote_tools=tools.uses_network))
    app.installEventFilter(ModelFileOpener(window.model, window))  # macOS: a double-clicked .gguf
    ui_state = QSettings(str(paths.config / "window.ini"), QSettings.Format.IniFormat)
    window.model.loaded.connect(lambda info: ui_state.setValue(LAST_MODEL_KEY, str(info.path)))
    if smoke_test is not None:
        from app.ui.smoke_test import attach_smoke_test

        attach_smoke_test(window, smoke_test)
    window.show()
    show_open_report(window, store.open_report)
    for note in warnings:
        window.chat_view.show_error(translate_core(note))
    if store.open_report.check_pending:
        window.library.check_after_crash(lambda report: show_open_report(window, report))
    model = model or _last_chat_model(ui_state.value(LAST_MODEL_KEY))
    if model is not None:
        window.model.load(model)
    try:
        return app.exec()
    finally:
        window.shutdown()  # the replies and settings still being saved reach the database before it closes
        tools.shutdown()  # MCP servers stop, notebooks end
        store.close()
        if restart:
            start_again()  # after the store is closed: the new instance takes the writer lock
