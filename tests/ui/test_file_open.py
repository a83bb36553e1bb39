"""A FileOpen event (how macOS opens a double-clicked .gguf in the running app) loads the model."""

from __future__ import annotations

from PySide6.QtGui import QFileOpenEvent
from PySide6.QtWidgets import QApplication

from app.ui.file_open import ModelFileOpener
from app.ui.model_controller import ModelState


def test_a_file_open_event_for_a_gguf_loads_it(qtbot, window, tmp_path):
    opener = ModelFileOpener(window.model, window)
    QApplication.instance().installEventFilter(opener)
    try:
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(tmp_path / "notes.txt")))
        assert window.model.state is ModelState.NONE
        QApplication.sendEvent(QApplication.instance(), QFileOpenEvent(str(tmp_path / "gpt-oss-20b-mxfp4.gguf")))
        qtbot.waitUntil(lambda: window.model.state is ModelState.READY)
        assert window.model.path == tmp_path / "gpt-oss-20b-mxfp4.gguf"
    finally:
        QApplication.instance().removeEventFilter(opener)
