"""macOS opens documents by sending the running app a FileOpen event (a double-clicked .gguf, 'Open With'),
not through the command line: load the model it names."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QFileOpenEvent

from app.ui.model_controller import ModelController


class ModelFileOpener(QObject):
    """An application event filter: a FileOpen event for a .gguf file loads it."""

    def __init__(self, model: ModelController, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._model = model

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FileOpen and isinstance(event, QFileOpenEvent):
            path = Path(event.file())
            if path.suffix.lower() == ".gguf":
                self._model.load(path)
                return True
        return super().eventFilter(watched, event)
