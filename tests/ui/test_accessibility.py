"""Every interactive widget of the main window has an object name and an accessible name."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QLineEdit,
    QPlainTextEdit,
    QScrollBar,
    QTextEdit,
    QWidget,
)

from app.ui.error_box import Action
from tests.support.scripted_engine import ScriptedReply
from tests.ui.helpers import click, send, wait_idle, widgets

INTERACTIVE = (QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit, QTextEdit)


def _inside_combo_box(widget: QWidget) -> bool:
    parent = widget.parent()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parent()
    return False


def unnamed(window) -> list[str]:
    missing = []
    for widget in window.findChildren(QWidget):
        if not isinstance(widget, INTERACTIVE) or isinstance(widget, QScrollBar):
            continue
        if widget.objectName().startswith("qt_") or _inside_combo_box(widget):
            continue  # Qt's own parts of composite widgets (the combo box's popup list)
        if not widget.objectName() or not widget.accessibleName():
            missing.append(f"{type(widget).__name__} {widget.objectName()!r} in {type(widget.parent()).__name__}")
    return missing


def test_every_interactive_widget_is_named(qtbot, ready, store, engine):
    engine.replies.extend([
        ScriptedReply(analysis=["Reasoning."], final=["```py\nx = 1\n```\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"]),
        ScriptedReply(final=["Another."]),
        ScriptedReply(final=[], error="The model ran out of memory."),
    ])
    send(qtbot, ready, "First")
    wait_idle(qtbot, ready, store)
    click(qtbot, widgets(ready)[1], "regenerateButton")
    wait_idle(qtbot, ready, store)
    send(qtbot, ready, "Second")
    wait_idle(qtbot, ready, store)
    click(qtbot, widgets(ready)[0], "editButton")
    ready.chat_view.show_error("A notice.", [Action("noticeAction", "Act", "Do something", lambda: None)])
    assert unnamed(ready) == []
