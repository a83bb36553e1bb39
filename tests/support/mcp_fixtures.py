"""The test MCP server (tests/support/mcp_server.py) as the app configures servers: over stdio, started by the
manager, or over Streamable HTTP on 127.0.0.1; and a manager over the test's own mcp.json, closed after the test."""

from __future__ import annotations

import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from app.core.tools.mcp.config import McpConfig, McpConfigFile, ServerConfig
from app.core.tools.mcp.manager import McpManager, ServerState, ServerStatus

SERVER_SCRIPT = Path(__file__).with_name("mcp_server.py")
# The tools the test server offers when it starts.
SERVER_TOOLS = frozenset({"add", "sleep", "fail", "crash", "freeze", "echo", "environment", "header", "grow"})
SETTLE_S = 60.0  # generous: two cores shared with other test runs


def stdio_server(name: str = "test", **env: str) -> ServerConfig:
    """The test server as a program the app starts, with `env` in its environment."""
    return ServerConfig(name, command=sys.executable, args=(str(SERVER_SCRIPT),), env=env)


@pytest.fixture
def http_server() -> Iterator[str]:
    """The test server over Streamable HTTP on a free loopback port; yields its address."""
    process = subprocess.Popen([sys.executable, str(SERVER_SCRIPT), "--http"], stdout=subprocess.PIPE,
                               stderr=subprocess.DEVNULL, text=True)
    try:
        port = int(process.stdout.readline())
        yield f"http://127.0.0.1:{port}/mcp"
    finally:
        process.kill()
        process.wait()


@pytest.fixture
def make_manager() -> Iterator[Callable[..., McpManager]]:
    """Managers over the test's mcp.json (its app home), closed at the end of the test."""
    made: list[McpManager] = []

    def make(*servers: ServerConfig, **options) -> McpManager:
        manager = McpManager(McpConfigFile(), **options)
        made.append(manager)
        if servers:
            manager.update(lambda _: McpConfig(servers))
            assert manager.wait_settled(timeout_s=SETTLE_S)
        return manager

    yield make
    for manager in made:
        manager.close()


def wait_for_state(manager: McpManager, name: str, check: Callable[[ServerState], bool],
                   timeout_s: float = SETTLE_S) -> ServerState:
    """Poll until the server's state passes `check` (its changes come from the manager's thread)."""
    deadline = time.monotonic() + timeout_s
    while True:
        state = manager.state(name)
        if check(state) or time.monotonic() > deadline:
            return state
        time.sleep(0.05)


def wait_for_status(manager: McpManager, name: str, status: ServerStatus) -> ServerState:
    return wait_for_state(manager, name, lambda state: state.status is status)
