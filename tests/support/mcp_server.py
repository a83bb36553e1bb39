"""A real MCP server written with the SDK, for the tests: tools that add, sleep, fail, crash, hang and echo, and one
that adds a tool while the server runs (and says the list changed).

    python tests/support/mcp_server.py            # over stdio, as a configured server is started
    python tests/support/mcp_server.py --http     # Streamable HTTP on 127.0.0.1; prints the port it listens on

It writes a line to stderr when it starts (the app keeps a server's stderr for the person) and when a sleep is
cancelled (so a test can see the cancellation reached it). TEST_SERVER_EXIT_AT_START=<text> makes it write <text> to
stderr and exit before answering anything: a server that cannot start.
"""

from __future__ import annotations

import os
import socket
import sys
import time

import anyio
from mcp.server.mcpserver import Context, MCPServer
from mcp.server.mcpserver.exceptions import ToolError

server = MCPServer("test-tools")


@server.tool()
def add(a: float, b: float) -> float:
    """Add two numbers."""
    return a + b


@server.tool()
async def sleep(seconds: float) -> str:
    """Sleep for a number of seconds, then say so."""
    try:
        await anyio.sleep(seconds)
    except anyio.get_cancelled_exc_class():
        print("sleep cancelled", file=sys.stderr, flush=True)
        raise
    return f"slept {seconds} s"


@server.tool()
def fail(reason: str) -> str:
    """Always fails, with the reason given."""
    raise ToolError(reason)


@server.tool()
def crash() -> str:
    """Ends the server's process at once."""
    print("crashing on purpose", file=sys.stderr, flush=True)
    os._exit(3)


@server.tool()
async def freeze(seconds: float) -> str:
    """Blocks the whole server (it answers nothing, not even a ping) for a number of seconds."""
    time.sleep(seconds)
    return "thawed"


@server.tool()
def echo(text: str) -> str:
    """Returns the text as it arrived."""
    return text


@server.tool()
def environment(name: str) -> str:
    """The value of an environment variable in the server's process ('' when unset)."""
    return os.environ.get(name, "")


@server.tool()
async def grow(name: str, ctx: Context) -> str:
    """Adds a tool called `name` (it echoes its text) and tells the client the list of tools changed."""

    def added(text: str) -> str:
        return text

    server.add_tool(added, name=name, description="Added while the server runs.")
    await ctx.session.send_tool_list_changed()
    return f"added {name}"


@server.tool()
def header(name: str, ctx: Context) -> str:
    """The value of an HTTP request header ('' when there is none, or over stdio)."""
    return (ctx.headers or {}).get(name.lower(), "")


def serve_http() -> None:
    """Streamable HTTP on a free loopback port, printed on stdout before serving."""
    import uvicorn

    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    # Listening before the port is printed: a client connecting while uvicorn starts waits in the backlog instead of
    # being refused (a busy machine takes a while to build the app).
    listener.listen(16)
    print(listener.getsockname()[1], flush=True)
    config = uvicorn.Config(server.streamable_http_app(), log_level="warning")
    anyio.run(uvicorn.Server(config).serve, [listener])


if __name__ == "__main__":
    print("test server starting", file=sys.stderr, flush=True)
    if message := os.environ.get("TEST_SERVER_EXIT_AT_START"):
        print(message, file=sys.stderr, flush=True)
        sys.exit(1)
    if "--http" in sys.argv:
        serve_http()
    else:
        server.run()
