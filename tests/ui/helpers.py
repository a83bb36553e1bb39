"""Small steps the UI tests share: send a message and wait for the reply, find widgets."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from app.ui.main_window import MainWindow
from app.ui.message_widget import MessageWidget


def send(qtbot, window: MainWindow, text: str) -> None:
    window.composer.edit.setPlainText(text)
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)


def wait_idle(qtbot, window: MainWindow, store, timeout: int = 5000) -> None:
    """Until the reply ended and the store has its final state."""
    qtbot.waitUntil(lambda: not window.chat.busy, timeout=timeout)
    qtbot.waitUntil(lambda: all(m.status != "streaming" for m in store.messages(window.chat.conversation_id)),
                    timeout=timeout)


def widgets(window: MainWindow) -> list[MessageWidget]:
    return window.chat_view.message_widgets()


def click(qtbot, widget: QWidget, name: str) -> None:
    button = widget.findChild(QAbstractButton, name)
    assert button is not None, f"no button {name}"
    assert button.isEnabled(), f"{name} is disabled"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
