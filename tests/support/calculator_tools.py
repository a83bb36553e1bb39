"""A tool provider in this process for tests of the tool loop and the window: add two numbers, or run until the reply
is stopped; and the window's side of it (which calls run without asking)."""

from __future__ import annotations

import threading

from app.core.chat import ToolCallStep
from app.core.tools.spec import ToolResult, ToolSpec
from app.core.tools.toolbox import Toolbox, parse_json_arguments
from app.ui.threads.engine_worker import WindowTools

ADD = ToolSpec("add", "Add two numbers.", {"type": "object", "properties": {"a": {"type": "number"},
                                                                             "b": {"type": "number"}}})
WAIT = ToolSpec("wait", "Waits until stopped.", {"type": "object", "properties": {}})


class Calculator:
    """Implements app.core.tools.toolbox.ToolProvider."""

    def __init__(self) -> None:
        self.ran: list[tuple[str, str]] = []
        self.running = threading.Event()  # set while `wait` runs

    def recipients(self):
        return ("functions.add", "functions.wait")

    def declarations(self):
        return (ADD, WAIT), ()

    def server_of(self, recipient):
        return "calculator"

    def run(self, recipient, arguments, *, timeout_s, stop):
        self.ran.append((recipient, arguments))
        values = parse_json_arguments(recipient, arguments)
        if isinstance(values, ToolResult):
            return values
        if recipient == "functions.wait":
            self.running.set()
            stop.wait(timeout_s)
            return ToolResult("waited", is_error=True)
        return ToolResult(str(values["a"] + values["b"]))


class CalculatorAccess:
    """Implements app.ui.chat.tool_access.ToolAccess over one Calculator."""

    def __init__(self, calculator: Calculator | None = None) -> None:
        self.calculator = calculator or Calculator()
        self.always: set[str] = set()

    def window_tools(self, settings, conversation_uuid):
        return WindowTools(Toolbox([self.calculator]), lambda step: step.recipient in self.always, time_limit_s=30)

    def always_allow(self, step: ToolCallStep, conversation_uuid: str) -> None:
        self.always.add(step.recipient)

    def server_names(self) -> list[str]:
        return ["calculator"]

    def forget(self, conversation_uuid: str) -> None:
        """Nothing is kept per conversation here."""
