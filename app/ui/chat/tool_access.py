"""What a conversation may call, as the chat controller asks for it: the tools on for this conversation, and the
calls the person chose to always allow. The window's implementation joins the MCP servers, gpt-oss's own python and
browser tools, and the remembered permissions."""

from __future__ import annotations

from typing import Protocol

from app.core.chat import ToolCallStep
from app.core.conversation_settings import ConversationSettings
from app.ui.threads.engine_worker import WindowTools


class ToolAccess(Protocol):
    def window_tools(self, settings: ConversationSettings, conversation_uuid: str) -> WindowTools | None:
        """The tools a reply in this conversation may call, or None for none."""
        ...

    def always_allow(self, step: ToolCallStep, conversation_uuid: str) -> None:
        """The person chose 'always' for this call's tool: later calls of it run without asking."""
        ...

    def server_names(self) -> list[str]:
        """The MCP servers set up, for a conversation to switch on or off."""
        ...

    def forget(self, conversation_uuid: str) -> None:
        """The conversation was deleted: what its tools kept for it ends (its python kernel, its choices)."""
        ...
