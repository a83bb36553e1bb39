"""One server's MCP session on the manager's event loop: opened, its tools listed, held open (listed again when the
server says they changed: `notifications/tools/list_changed`), its tools called.

The session is entered and held by one task (anyio's scopes belong to the task that entered them); calls come from
other tasks of the same loop. Whatever goes wrong becomes a sentence for the person (the server's state) or a
failed ToolResult for the model: a call never raises for a tool's or a server's failure.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from contextlib import AsyncExitStack, suppress
from typing import Any

import anyio
import anyio.from_thread
import anyio.lowlevel
import httpx2
from mcp import ClientSession, types
from mcp.client.stdio import StdioServerParameters, stdio_client
from mcp.client.streamable_http import streamable_http_client
from mcp.shared.exceptions import MCPError
from pydantic import ValidationError

from app import __version__
from app.core.tools.mcp.config import ServerConfig
from app.core.tools.mcp.results import tool_result
from app.core.tools.mcp.stderr import StderrTail
from app.core.tools.spec import ToolResult, ToolSpec

log = logging.getLogger(__name__)

CLIENT = types.Implementation(name="gpt-oss-chat", version=__version__)
# The SDK's own client settings: a server may hold a response stream open for long.
HTTP_TIMEOUT = httpx2.Timeout(30.0, read=300.0)
PING_TIMEOUT_S = 5.0  # after a call timed out: a server that cannot answer a ping in this time has hung


class StartTimeout(Exception):
    """The server did not finish the handshake and the tool listing in the time allowed."""


class Connection:
    def __init__(self, server: ServerConfig, start_timeout_s: float) -> None:
        self.server = server
        self.name = server.name
        self._start_timeout_s = start_timeout_s
        self.stderr = StderrTail(self._on_stderr_closed) if server.command else None
        self.session: ClientSession | None = None
        self.scope: anyio.CancelScope | None = None  # the holding task's; cancelled to close the connection
        self.failure = ""  # why the connection was lost, once it was
        self.stopping = False
        self._token: Any = None
        self._tools_changed: anyio.Event | None = None  # set by the session's notifications, read by the holding task

    async def hold(self, on_ready: Callable[[tuple[ToolSpec, ...]], None]) -> None:
        """Open the session, report the server's tools (again each time the server says they changed), and keep it
        open until `scope` is cancelled. Raises what stopped it from opening."""
        self._token = anyio.lowlevel.current_token()
        self._tools_changed = anyio.Event()
        async with AsyncExitStack() as stack:
            read, write = await self._open(stack)
            session = await stack.enter_async_context(
                ClientSession(read, write, client_info=CLIENT, message_handler=self._on_message))
            try:
                with anyio.fail_after(self._start_timeout_s):
                    await session.initialize()
                    tools = await self._list_tools(session)
            except TimeoutError:
                raise StartTimeout(f"{self.name} did not answer within {self._start_timeout_s:g} s of starting.") \
                    from None
            self.session = session
            on_ready(tools)
            while True:
                await self._tools_changed.wait()
                self._tools_changed = anyio.Event()
                # Listed here, not in the notification's handler: that runs in the session's receive loop, which
                # must be free to receive the answer.
                try:
                    with anyio.fail_after(self._start_timeout_s):
                        tools = await self._list_tools(session)
                except (TimeoutError, MCPError, ValidationError) as error:
                    log.warning("MCP server %s: its changed tools could not be listed: %s", self.name, error)
                    continue  # the tools listed before stay offered
                on_ready(tools)

    async def _on_message(self, message: object) -> None:
        if isinstance(message, types.ToolListChangedNotification) and self._tools_changed is not None:
            self._tools_changed.set()

    async def _open(self, stack: AsyncExitStack) -> tuple[Any, Any]:
        server = self.server
        if self.stderr is None:
            client = httpx2.AsyncClient(headers=dict(server.headers), timeout=HTTP_TIMEOUT)
            await stack.enter_async_context(client)
            return await stack.enter_async_context(streamable_http_client(server.url, http_client=client))
        parameters = StdioServerParameters(command=server.command, args=list(server.args), env=dict(server.env),
                                           cwd=server.cwd or None)
        try:  # any file with a descriptor will do for errlog
            return await stack.enter_async_context(stdio_client(parameters, errlog=self.stderr.writer))  # type: ignore[arg-type]
        finally:
            self.stderr.release_writer()

    async def _list_tools(self, session: ClientSession) -> tuple[ToolSpec, ...]:
        tools: list[types.Tool] = []
        cursor = None
        while True:
            page = await session.list_tools(params=types.PaginatedRequestParams(cursor=cursor) if cursor else None)
            tools += page.tools
            cursor = page.next_cursor
            if not cursor:
                break
        return tuple(ToolSpec(tool.name, tool.description or tool.title or "", tool.input_schema, self.name)
                     for tool in tools)

    async def call(self, tool: str, arguments: dict[str, Any], timeout_s: float,
                   start_soon: Callable[..., None]) -> ToolResult:
        """The tool's result; past `timeout_s` the request is cancelled, and `start_soon` runs a check whether the
        server still answers at all."""
        if self.session is None:
            return ToolResult(f"The server {self.name} is not running.", is_error=True)
        try:
            result = await self.session.call_tool(tool, arguments, read_timeout_seconds=timeout_s)
        except MCPError as error:
            if error.code == types.REQUEST_TIMEOUT:
                start_soon(self._check_answers)
                return ToolResult(f"The tool {tool} did not answer within {timeout_s:g} s.", is_error=True)
            if error.code == types.CONNECTION_CLOSED and self.stopping:
                return ToolResult(f"The server {self.name} was stopped while running {tool}.", is_error=True)
            if error.code == types.CONNECTION_CLOSED:
                self.lose(f"{self.name} stopped unexpectedly.")
                return ToolResult(f"The server {self.name} stopped unexpectedly while running {tool}.",
                                  is_error=True)
            return ToolResult(error.message, is_error=True)  # the server refused: an unknown tool, bad arguments
        except (ValidationError, RuntimeError) as error:
            return ToolResult(f"{self.name} answered in a way this app does not understand ({error}).",
                              is_error=True)
        except Exception as error:  # noqa: BLE001 - the transport broke, whatever its library raised: the connection is gone
            self.lose(self.explain(error))
            return ToolResult(f"The server {self.name} failed while running {tool}: {self.failure}", is_error=True)
        return tool_result(result)

    async def _check_answers(self) -> None:
        if self.session is None:
            return
        with anyio.move_on_after(PING_TIMEOUT_S):
            with suppress(MCPError):
                await self.session.send_ping()
                return
        self.lose(f"{self.name} stopped answering.")

    def lose(self, reason: str) -> None:
        """On the loop: the connection is gone (or useless) for `reason`; the holding task closes it."""
        if self.stopping or self.failure:
            return
        self.failure = reason
        if self.scope is not None:
            self.scope.cancel()

    def _on_stderr_closed(self) -> None:
        """On the stderr reader's thread: the server's process has ended (before it was ready, the handshake
        fails and says so)."""
        if self._token is not None and self.session is not None:
            with suppress(RuntimeError):  # the loop is closed: the manager is closing anyway
                anyio.from_thread.run_sync(self.lose, f"{self.name} stopped unexpectedly.", token=self._token)

    def explain(self, error: BaseException) -> str:
        """Why the server could not be used, in one sentence."""
        error = next((leaf for leaf in leaves(error) if isinstance(leaf, Exception)), error)
        name, server = self.name, self.server
        if isinstance(error, StartTimeout):
            return str(error)
        if isinstance(error, OSError) and server.command:
            return f"{name} could not be started: {server.command} ({error.strerror or error})."
        if isinstance(error, MCPError) and error.code == types.CONNECTION_CLOSED:
            return f"{name} stopped unexpectedly." if self.session else f"{name} stopped while starting."
        if isinstance(error, httpx2.HTTPStatusError):
            return f"{name} answered {error.response.status_code} at {server.url}."
        if isinstance(error, httpx2.TransportError | OSError):
            return f"{name} could not be reached at {server.url} ({type(error).__name__})."
        if isinstance(error, MCPError):
            return f"{name} refused the connection: {error.message}"
        return f"{name} failed: {error}"


def leaves(error: BaseException) -> list[BaseException]:
    """The failures inside task groups' exception groups."""
    if isinstance(error, BaseExceptionGroup):
        return [leaf for inner in error.exceptions for leaf in leaves(inner)]
    return [error]
