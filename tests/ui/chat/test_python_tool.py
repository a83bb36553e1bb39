"""gpt-oss's python tool through the window's real chat flow: the real tiny model (forced to call `python` from its
reasoning, or on commentary), the approval card with the code coloured, a real notebook kernel, the result card with
the output, the answer, and the card again after reopening the app."""

from __future__ import annotations

from dataclasses import replace

import psutil
import pytest
from PySide6.QtWidgets import QPlainTextEdit, QPushButton

from app.core.chat import StepStatus, ToolCallStep
from app.core.conversation_settings import ConversationSettings
from app.core.engines.llama.engine import LlamaEngine
from app.core.paths import app_paths
from app.ui.chat.tool_card import ToolCallCard
from app.ui.model_controller import ModelState
from app.ui.tools.conversation_tools import ConversationTools
from app.ui.widgets.code_highlighter import CodeHighlighter
from tests.support.forced_output import ForcedTokens, harmony_tokens
from tests.support.scripted_engine import ScriptedEngine
from tests.ui.conftest import make_window
from tests.ui.helpers import click, send, wait_for_tool_question, wait_idle, widgets

ANSWER = "<|channel|>final<|message|>The answer is 42.<|return|>"
FROM_REASONING = ("<|channel|>analysis<|message|>Compute it.<|end|><|start|>assistant<|channel|>analysis to=python "
                  "code<|message|>print(6*7)<|call|>")
ON_COMMENTARY = "<|channel|>commentary to=python code<|message|>x = 6*7\nprint(x)<|call|>"


class ToolsMaker:
    """The window's `tools_for`: one ConversationTools, loaded (the MCP manager with no servers, the notebooks)."""

    def __init__(self) -> None:
        self.made: ConversationTools | None = None

    def __call__(self, app_settings) -> ConversationTools:
        self.made = ConversationTools(app_settings)
        self.made.load()
        return self.made


@pytest.fixture
def tools(qtbot):
    maker = ToolsMaker()
    yield maker
    if maker.made is not None:
        maker.made.shutdown()


@pytest.fixture
def python_window(qtbot, store, tiny_gpt_oss, tools, monkeypatch):
    def forced_window(script: str):
        window = make_window(qtbot, store, LlamaEngine(), tools_for=tools)
        window.model.load(tiny_gpt_oss)
        qtbot.waitUntil(lambda: window.model.state is ModelState.READY, timeout=30000)
        engine_tokens = harmony_tokens(window.model._worker.bridge._engine.llama, script + ANSWER)
        processor = ForcedTokens(engine_tokens)
        original = ConversationSettings.generation_params
        monkeypatch.setattr(ConversationSettings, "generation_params",
                            lambda self, interface: replace(original(self, interface), logits_processor=processor))
        window.chat.update_settings(python_tool=True)
        return window

    return forced_window


def card(window) -> ToolCallCard:
    return widgets(window)[-1].findChildren(ToolCallCard)[-1]


def run_python(qtbot, window, store) -> None:
    send(qtbot, window, "What is 6 times 7?")
    click(qtbot, wait_for_tool_question(qtbot, window, timeout=30000), "allowOnceButton")
    wait_idle(qtbot, window, store, timeout=60000)


@pytest.mark.slow
@pytest.mark.parametrize("script", [FROM_REASONING, ON_COMMENTARY], ids=["analysis", "commentary"])
def test_python_runs_after_approval_and_the_answer_follows(qtbot, python_window, store, script):
    window = python_window(script)
    send(qtbot, window, "What is 6 times 7?")
    waiting = wait_for_tool_question(qtbot, window, timeout=30000)
    code = waiting.findChild(QPlainTextEdit, "toolCallArguments")
    assert "print(" in code.toPlainText() and code.document().findChildren(CodeHighlighter)
    assert "conversation" in waiting.findChild(QPushButton, "allowAlwaysButton").text()
    click(qtbot, waiting, "allowOnceButton")
    wait_idle(qtbot, window, store, timeout=60000)

    reply = store.messages(window.chat.conversation_id)[-1]
    call = next(step for step in reply.steps if isinstance(step, ToolCallStep))
    assert call.recipient == "python" and call.status is StepStatus.DONE and call.result.strip() == "42"
    assert call.channel == ("analysis" if script is FROM_REASONING else "commentary")
    assert reply.content == "The answer is 42."
    assert card(window).findChild(QPlainTextEdit, "toolCallResult").toPlainText().strip() == "42"

    conversation = window.chat.conversation_id
    window.close()
    again = make_window(qtbot, store, ScriptedEngine())  # the app started again over the same conversations
    again.chat.open(conversation)
    qtbot.waitUntil(lambda: again.chat.conversation_id == conversation and bool(widgets(again)))
    assert card(again).step.result.strip() == "42"


def ended(pid: int) -> bool:
    return not psutil.pid_exists(pid) or psutil.Process(pid).status() == psutil.STATUS_ZOMBIE


@pytest.mark.slow
def test_deleting_a_conversation_ends_its_kernel_before_its_files_go(qtbot, python_window, store, tools):
    window = python_window(ON_COMMENTARY)
    run_python(qtbot, window, store)
    conversation = store.get_conversation(window.chat.conversation_id)
    kernel = tools.made.notebooks.kernel(conversation.uuid)  # the one that ran the call
    pid = kernel.pid
    assert pid is not None and not ended(pid)

    with qtbot.waitSignal(window.library.conversationDeleted, timeout=20000):
        window.library.delete(conversation.id)
    qtbot.waitUntil(lambda: ended(pid), timeout=10000)
    assert not app_paths().conversation_files(conversation.uuid).exists()
