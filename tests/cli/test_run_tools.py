"""`gpt-oss-chat run` with tools: the MCP servers of a config file, calls run without asking (--allow-tools) or asked
y / n / always, the answer printed after the tool ran. Against an OpenAI-compatible server answering with tool_calls
(this app's local API over the tiny model, in a subprocess run of the command) and with a local GGUF."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from app.__main__ import main
from tests.support.local_api import TOKEN, Api
from tests.support.mcp_fixtures import stdio_server

CALL = '<|channel|>commentary to=functions.add <|constrain|>json<|message|>{"a": 2, "b": 3}<|call|>'
ANSWER = "<|channel|>final<|message|>The sum is 5.<|return|>"


@pytest.fixture
def mcp_config(tmp_path):
    """An mcp.json of the test's own naming the SDK test server (add, echo, ...)."""
    server = stdio_server("calc")
    path = tmp_path / "tools.json"
    path.write_text(json.dumps({"mcpServers": {"calc": {"command": server.command, "args": list(server.args)}}}),
                    encoding="utf-8")
    return path


def test_a_server_answering_with_tool_calls(tiny_engine_factory, mcp_config):
    """The command is run as a user runs it; the server is this app's local API over the tiny model, made to call."""
    from app.core.engines.bridge import EngineBridge

    bridge = EngineBridge(tiny_engine_factory(2048))  # an engine already loaded, on its own thread
    api = Api(bridge)
    api.force(CALL, ANSWER)
    try:
        result = subprocess.run(
            [sys.executable, "-m", "app", "run", "--server", api.server.url, "--mcp-config", str(mcp_config),
             "--allow-tools", "-p", "What is 2 + 3?"],
            capture_output=True, text=True, timeout=300, env={**os.environ, "GPT_OSS_CHAT_API_KEY": TOKEN})
    finally:
        api.close()
        bridge.close()
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "The sum is 5."
    assert "[tool] functions.add" in result.stderr and "[tool] functions.add: done 5" in result.stderr
    assert len(api.stats) == 2  # the call, then the answer after the result


def test_a_local_model_calls_the_tool_and_answers(forced_model, tiny_gpt_oss, mcp_config, capsys):
    forced_model(CALL + ANSWER)
    code = main(["run", "--model", str(tiny_gpt_oss), "--mcp-config", str(mcp_config), "--allow-tools",
                 "-p", "What is 2 + 3?"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert out.strip() == "The sum is 5."
    assert "[tool] functions.add: done 5" in err


@pytest.mark.parametrize(("answer", "status"), [("y", "done 5"), ("n", "denied"), ("always", "done 5")])
def test_the_terminal_asks_before_a_call(forced_model, tiny_gpt_oss, mcp_config, capsys, monkeypatch, answer, status):
    forced_model(CALL + ANSWER)
    asked = []
    monkeypatch.setattr("builtins.input", lambda prompt: asked.append(prompt) or answer)
    code = main(["run", "--model", str(tiny_gpt_oss), "--mcp-config", str(mcp_config), "-p", "What is 2 + 3?"])
    out, err = capsys.readouterr()
    assert code == 0 and asked == ["Run it? [y]es / [n]o / [a]lways: "]
    assert "the model wants to run functions.add (calc)" in err and f"[tool] functions.add: {status}" in err
