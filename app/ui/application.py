"""Starting the window."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication, QLabel, QMainWindow

from app import APP_NAME


def run_gui(model: Path | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName(APP_NAME)
    window = QMainWindow()
    window.setWindowTitle(APP_NAME)
    label = QLabel(QApplication.translate("Application", "No model loaded.") if model is None else str(model))
    window.setCentralWidget(label)
    window.resize(1280, 800)
    window.show()
    return app.exec()
