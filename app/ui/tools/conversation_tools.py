"""The window's tools (the chat controller's ToolAccess): for a conversation, the MCP servers it has on, gpt-oss's
python tool when switched on, and its browser over the collections it has on; which calls run without asking.

The MCP manager and the notebooks load their libraries (the MCP SDK, jupyter_client) for about a second: they are
made on a background thread at start (`load`) and offered from then on; a reply sent before that has no tools.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from app.core.chat import ToolCallStep
from app.core.conversation_settings import ConversationSettings
from app.core.documents.browser.tool import reads_documents
from app.core.paths import app_paths
from app.core.tools.permissions import ToolPermissions
from app.core.tools.toolbox import Toolbox, ToolProvider
from app.ui.app_settings import AppSettings
from app.ui.threads.engine_worker import WindowTools

if TYPE_CHECKING:
    from app.core.tools.mcp.functions import McpFunctions

PYTHON = "python"


class ConversationTools:
    def __init__(self, settings: AppSettings, permissions: ToolPermissions | None = None,
                 browsers: Callable[[str, tuple[int, ...]], ToolProvider | None] | None = None) -> None:
        """`browsers(conversation_uuid, collections)` gives the browser over a conversation's documents."""
        self._settings = settings
        self.permissions = permissions or ToolPermissions()
        self._browsers = browsers
        self.manager = None  # McpManager, once loaded
        self.notebooks = None  # NotebookSessions, once loaded
        self._python_always: set[str] = set()  # conversations whose python calls run without asking
        self._mcp: dict[str, McpFunctions] = {}  # the MCP functions each conversation was last offered
        self._lock = threading.Lock()
        settings.changed.connect(self._on_settings_changed)

    def load(self) -> None:
        """On a background thread: the MCP manager (its servers started) and the notebooks."""
        from app.core.python_tool.kernel import NotebookKernel
        from app.core.python_tool.sessions import NotebookSessions
        from app.core.tools.mcp.manager import McpManager

        def kernel(conversation_uuid: str) -> NotebookKernel:
            interface = self._settings.value.interface  # as set when the kernel starts
            return NotebookKernel(app_paths().conversation_files(conversation_uuid),
                                  python=interface.python_environment or None,
                                  memory_limit_bytes=interface.python_memory_gb * 2**30)

        interface = self._settings.value.interface
        manager = McpManager(network_allowed=lambda: not self._settings.value.interface.offline_only)
        notebooks = NotebookSessions(kernel, idle_shutdown_s=interface.python_idle_minutes * 60)
        self.manager, self.notebooks = manager, notebooks
        manager.start_all()

    def _on_settings_changed(self, settings) -> None:
        if self.notebooks is not None:
            self.notebooks.idle_shutdown_s = settings.interface.python_idle_minutes * 60

    def shutdown(self) -> None:
        """At quit: the servers stop, the kernels end."""
        if self.manager is not None:
            self.manager.close()
        if self.notebooks is not None:
            self.notebooks.shutdown_all()

    # ToolAccess

    def forget(self, conversation_uuid: str) -> None:
        with self._lock:
            self._mcp.pop(conversation_uuid, None)
            self._python_always.discard(conversation_uuid)
        if self.notebooks is not None:
            self.notebooks.close(conversation_uuid)

    def window_tools(self, settings: ConversationSettings, conversation_uuid: str) -> WindowTools | None:
        providers: list[ToolProvider] = []
        if self.manager is not None:
            from app.core.tools.mcp.functions import McpFunctions

            enabled = set(self.manager.config.names()) - set(settings.tool_servers_off)
            functions = McpFunctions(self.manager, enabled)
            with self._lock:
                self._mcp[conversation_uuid] = functions
            providers.append(functions)
        if settings.python_tool and self.notebooks is not None:
            from app.core.python_tool.provider import PythonTool

            tokens = self._settings.value.interface.python_output_tokens
            providers.append(PythonTool(self.notebooks, conversation_uuid, output_tokens=tokens))
        # In the documents' automatic mode the passages are in the prompt: no browser.
        if (self._browsers is not None and not settings.documents_automatic
                and (browser := self._browsers(conversation_uuid, settings.collections))):
            providers.append(browser)
        toolbox = Toolbox(providers)
        if not toolbox:
            return None
        interface = self._settings.value.interface
        return WindowTools(toolbox, lambda step: self._allowed(step, conversation_uuid),
                           interface.tool_step_limit, interface.tool_time_limit_s)

    def uses_network(self, server: str) -> bool:
        """Whether an MCP server is on another computer (its calls are network use)."""
        config = self.manager.config.get(server) if self.manager is not None else None
        return config is not None and config.uses_network

    def server_names(self) -> list[str]:
        return self.manager.config.names() if self.manager is not None else []

    def always_allow(self, step: ToolCallStep, conversation_uuid: str) -> None:
        """Python: for this conversation (while the app runs); an MCP tool: from now on (kept in the config folder,
        written off the GUI thread)."""
        if step.recipient == PYTHON:
            self._python_always.add(conversation_uuid)
            return
        origin = self._origin(step, conversation_uuid)
        if origin is not None:
            threading.Thread(target=self.permissions.allow_always, args=origin, name="tool-permissions",
                             daemon=True).start()

    def _allowed(self, step: ToolCallStep, conversation_uuid: str) -> bool:
        """On the engine thread: the person chose 'always' for this call's tool, or it reads documents."""
        if step.recipient == PYTHON:
            return conversation_uuid in self._python_always
        if reads_documents(step.recipient):
            return True
        origin = self._origin(step, conversation_uuid)
        return origin is not None and self.permissions.allowed(*origin)

    def _origin(self, step: ToolCallStep, conversation_uuid: str) -> tuple[str, str] | None:
        with self._lock:
            functions = self._mcp.get(conversation_uuid)
        return functions.origin(step.recipient) if functions is not None else None
