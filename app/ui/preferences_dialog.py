"""The app's own settings that the chat window uses: the send key, the answer language, what happens when a
conversation outgrows the context, and the context size models load with."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFormLayout, QSpinBox, QWidget

from app.core.settings import CONTEXT_POLICIES, Settings


class PreferencesDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("preferencesDialog")
        self.setWindowTitle(self.tr("Settings"))
        interface = settings.interface
        self._ctrl_enter = QCheckBox(self.tr("Send with Ctrl+Enter (Enter starts a new line)"), self)
        self._ctrl_enter.setObjectName("ctrlEnterCheck")
        self._ctrl_enter.setAccessibleName(self._ctrl_enter.text())
        self._ctrl_enter.setChecked(interface.send_with_ctrl_enter)
        self._japanese = QCheckBox(self.tr("Ask the model to answer in Japanese"), self)
        self._japanese.setObjectName("answerInJapaneseCheck")
        self._japanese.setAccessibleName(self._japanese.text())
        self._japanese.setChecked(interface.answer_in_japanese)
        self._policy = QComboBox(self)
        self._policy.setObjectName("contextPolicyCombo")
        self._policy.setAccessibleName(self.tr("When a conversation outgrows the context"))
        labels = {"drop_oldest": self.tr("Leave out the oldest messages"),
                  "ask": self.tr("Stop and say so")}
        for policy in CONTEXT_POLICIES:
            self._policy.addItem(labels[policy], policy)
        self._policy.setCurrentIndex(self._policy.findData(interface.context_policy))
        self._context = QSpinBox(self)
        self._context.setObjectName("contextSizeSpin")
        self._context.setAccessibleName(self.tr("Context size in tokens"))
        self._context.setRange(256, 131072)
        self._context.setSingleStep(4096)
        self._context.setValue(settings.load.n_ctx)
        self._context.setToolTip(self.tr("Used the next time a model loads. More context needs more memory."))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.setObjectName("dialogButtons")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self._ctrl_enter)
        form.addRow(self._japanese)
        form.addRow(self.tr("When a conversation outgrows the context"), self._policy)
        form.addRow(self.tr("Context size (tokens)"), self._context)
        form.addRow(buttons)

    def interface_values(self) -> dict[str, Any]:
        return {
            "send_with_ctrl_enter": self._ctrl_enter.isChecked(),
            "answer_in_japanese": self._japanese.isChecked(),
            "context_policy": self._policy.currentData(),
        }

    def load_values(self) -> dict[str, Any]:
        return {"n_ctx": self._context.value()}
