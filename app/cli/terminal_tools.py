"""Tools in the terminal: the tool loop asks before each call (y / n / always) on the main thread, where Ctrl-C
works, while the engine thread waits; `--allow-tools` runs every call without asking."""

from __future__ import annotations

import queue
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from app.core.chat import StepStatus, ToolCallStep
from app.core.documents.browser.tool import reads_documents
from app.core.paths import app_paths
from app.core.settings import load_settings
from app.core.tools.approval import ApprovalRequest
from app.core.tools.toolbox import Toolbox, ToolProvider
from app.core.turn import Approval, Decision, StepChanged, TurnTools

ANSWERS = {"y": Decision.ALLOW_ONCE, "yes": Decision.ALLOW_ONCE, "n": Decision.DENY, "no": Decision.DENY,
           "a": Decision.ALLOW_ALWAYS, "always": Decision.ALLOW_ALWAYS}


class TerminalApprovals:
    """The engine thread's `approve` hands each question to the main thread, which asks it when the call shows."""

    def __init__(self, allow_all: bool) -> None:
        self._allow_all = allow_all
        self._always: set[str] = set()
        self._pending: queue.SimpleQueue[ApprovalRequest] = queue.SimpleQueue()

    def allowed(self, step: ToolCallStep) -> bool:
        return self._allow_all or step.recipient in self._always or reads_documents(step.recipient)

    def approve(self, step: ToolCallStep, stop: threading.Event) -> Approval:
        """On the engine thread."""
        if self.allowed(step):
            return Approval(Decision.ALLOW_ONCE)
        request = ApprovalRequest(step)
        self._pending.put(request)
        return request.wait(stop)

    def on_step(self, event: StepChanged) -> None:
        """On the main thread, for each step the turn reports: ask about a call that waits, say how calls end."""
        step = event.step
        if step.status is StepStatus.WAITING:
            if not self.allowed(step):
                self._answer(self._pending.get())
        elif step.status is StepStatus.RUNNING:
            print(f"[tool] {step.recipient} {step.arguments}", file=sys.stderr)
        else:
            print(f"[tool] {step.recipient}: {step.status} {_first_line(step.result)}", file=sys.stderr)

    def _answer(self, request: ApprovalRequest) -> None:
        step = request.step
        where = f" ({step.server})" if step.server else ""
        while True:
            print(f"[tool] the model wants to run {step.recipient}{where} with {step.arguments}", file=sys.stderr)
            try:
                reply = input("Run it? [y]es / [n]o / [a]lways: ").strip().lower()
            except EOFError:
                reply = "n"  # nobody to ask: no
            if reply in ANSWERS:
                break
        decision = ANSWERS[reply]
        if decision is Decision.ALLOW_ALWAYS:
            self._always.add(step.recipient)
        request.answer(Approval(decision))

    def turn_tools(self, toolbox: Toolbox) -> TurnTools:
        return TurnTools(toolbox, self.approve)


def _first_line(text: str, limit: int = 200) -> str:
    line = text.strip().splitlines()[0] if text.strip() else ""
    return line[:limit] + ("…" if len(line) > limit else "")


@contextmanager
def open_mcp_tools(config: Path | None) -> Iterator[ToolProvider]:
    """The tools of the MCP servers in `config` (None: the app's mcp.json), started for this run and closed after.
    A server that cannot start is named on stderr; the others are offered. 'Never use the network' is honoured."""
    from app.core.tools.mcp.config import McpConfigFile  # the MCP SDK is loaded only when tools are asked for
    from app.core.tools.mcp.functions import McpFunctions
    from app.core.tools.mcp.manager import McpManager, ServerStatus

    settings, _ = load_settings(app_paths().settings_file)
    manager = McpManager(McpConfigFile(config) if config else None,
                         network_allowed=lambda: not settings.interface.offline_only)
    try:
        manager.start_all()
        manager.wait_settled()
        for name in manager.config.names():
            state = manager.state(name)
            if state.status is ServerStatus.FAILED:
                print(f"note: the MCP server {name} is not available: {state.error}", file=sys.stderr)
        functions = McpFunctions(manager)
        if not functions.recipients():
            print("note: no MCP server offers a tool; the model answers without them.", file=sys.stderr)
        yield functions
    finally:
        manager.close()
