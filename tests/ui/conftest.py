"""The real MainWindow over a real store (in the test's app home) and a scripted engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.core.paths import app_paths
from app.core.settings import Settings
from app.core.store import ConversationStore
from app.ui.application import build_window
from app.ui.main_window import MainWindow
from app.ui.model_controller import ModelState
from app.ui.threads.gui_gc import install_gui_thread_collector
from tests.support.scripted_engine import ScriptedEngine

MODEL = Path("gpt-oss-20b-mxfp4.gguf")


@pytest.fixture(autouse=True, scope="session")
def collector_on_the_gui_thread(qapp):
    """As the app does at start: cycles holding Qt objects are collected on the GUI thread only."""
    install_gui_thread_collector(qapp)


@pytest.fixture
def engine() -> ScriptedEngine:
    return ScriptedEngine()


@pytest.fixture
def store():
    store = ConversationStore.open()
    yield store
    store.close()


def make_window(qtbot, store, engine, settings: Settings | None = None, tools=None, tools_for=None,
                documents=None) -> MainWindow:
    """`tools`: what replies may call (a ToolAccess); or `tools_for(app_settings)` making it. `documents`: the
    DocumentsLibrary (the window makes its own by default)."""
    if tools is not None:
        tools_for = lambda app_settings: tools  # noqa: E731
    window = build_window(store, engine, settings or Settings(), app_paths().settings_file, tools=tools_for,
                          documents=documents)
    qtbot.addWidget(window)  # closed at the end of the test: the window's threads end with it
    window.show()
    return window


@pytest.fixture
def window(qtbot, store, engine) -> MainWindow:
    return make_window(qtbot, store, engine)


@pytest.fixture
def ready(qtbot, window) -> MainWindow:
    """The window with the scripted model loaded."""
    window.model.load(MODEL)
    qtbot.waitUntil(lambda: window.model.state is ModelState.READY)
    return window
