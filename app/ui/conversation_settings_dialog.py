"""This conversation's instructions (the system prompt), temperature, top_p and reply length."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from app.core.conversation_settings import ConversationSettings
from app.core.settings import ChatDefaults


def _named(widget: QWidget, name: str, accessible: str) -> QWidget:
    widget.setObjectName(name)
    widget.setAccessibleName(accessible)
    return widget


class ConversationSettingsDialog(QDialog):
    def __init__(self, settings: ConversationSettings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("conversationSettingsDialog")
        self.setWindowTitle(self.tr("Chat settings"))
        self._instructions = _named(QPlainTextEdit(settings.system_prompt, self), "instructionsEdit",
                                    self.tr("Instructions for the model"))
        self._instructions.setPlaceholderText(self.tr("For example: Answer briefly. Explain code step by step."))
        self._temperature = _named(QDoubleSpinBox(self), "temperatureSpin", self.tr("Temperature"))
        self._temperature.setRange(0.0, 2.0)
        self._temperature.setSingleStep(0.1)
        self._temperature.setValue(settings.temperature)
        self._top_p = _named(QDoubleSpinBox(self), "topPSpin", self.tr("Top p"))
        self._top_p.setRange(0.0, 1.0)
        self._top_p.setSingleStep(0.05)
        self._top_p.setValue(settings.top_p)
        self._max_tokens = _named(QSpinBox(self), "maxTokensSpin", self.tr("Maximum reply length in tokens"))
        self._max_tokens.setRange(16, 131072)
        self._max_tokens.setSingleStep(256)
        self._max_tokens.setValue(settings.max_tokens)
        note = QLabel(self.tr("gpt-oss works best at temperature {0:g} and top p {1:g}. The reply length includes "
                              "the model's reasoning.").format(ChatDefaults.temperature, ChatDefaults.top_p), self)
        note.setWordWrap(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("dialogButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Instructions"), self._instructions)
        form.addRow(self.tr("Temperature"), self._temperature)
        form.addRow(self.tr("Top p"), self._top_p)
        form.addRow(self.tr("Maximum reply tokens"), self._max_tokens)
        form.addRow(note)
        form.addRow(buttons)
        self.resize(520, 380)

    def values(self) -> dict[str, Any]:
        return {
            "system_prompt": self._instructions.toPlainText().strip(),
            "temperature": round(self._temperature.value(), 2),
            "top_p": round(self._top_p.value(), 2),
            "max_tokens": self._max_tokens.value(),
        }
