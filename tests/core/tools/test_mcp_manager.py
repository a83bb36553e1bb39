"""The MCP manager against a real server written with the SDK (tests/support/mcp_server.py): over stdio as the app
starts configured servers, and over Streamable HTTP on loopback. Tools that add, sleep past their time limit, fail,
crash the server, hang it, and echo; stop during a call; the no-network policy."""

from __future__ import annotations

import sys
import threading
import time
from dataclasses import replace

import pytest

from app.core.tools.mcp.config import McpConfigError, McpConfigFile, ServerConfig
from app.core.tools.mcp.manager import McpError, ServerState, ServerStatus
from tests.support.mcp_fixtures import SERVER_TOOLS, stdio_server, wait_for_state, wait_for_status
from tests.support.network_guard import network_guard


def call(manager, tool, server="test", timeout_s=30.0, stop=None, **arguments):
    return manager.call(server, tool, arguments, timeout_s=timeout_s, stop=stop or threading.Event())


def assert_cancelled_at_the_server(manager):
    """The test server writes 'sleep cancelled' to its stderr when the request's cancellation reaches it."""
    state = wait_for_state(manager, "test", lambda state: "sleep cancelled" in state.stderr_tail)
    assert "sleep cancelled" in state.stderr_tail


def test_a_stdio_server_lists_its_tools_and_they_run(make_manager):
    manager = make_manager(stdio_server())
    state = manager.state("test")
    assert state.status is ServerStatus.READY
    assert {tool.name for tool in state.tools} == SERVER_TOOLS
    add = next(tool for tool in state.tools if tool.name == "add")
    assert add.server == "test" and add.description == "Add two numbers."
    assert set(add.parameters["properties"]) == {"a", "b"}
    assert "test server starting" in state.stderr_tail  # its stderr is kept for the person
    result = call(manager, "add", a=2, b=3.5)
    assert not result.is_error and float(result.text) == 5.5


def test_tools_added_while_the_server_runs_are_offered_when_it_says_so(make_manager):
    manager = make_manager(stdio_server())
    changes = []
    manager.on_change(changes.append)
    result = call(manager, "grow", name="late_tool")
    assert not result.is_error and result.text == "added late_tool"
    state = wait_for_state(manager, "test", lambda state: "late_tool" in {tool.name for tool in state.tools})
    assert state.status is ServerStatus.READY and {tool.name for tool in state.tools} == SERVER_TOOLS | {"late_tool"}
    assert "test" in changes  # the window's Tools page and the next turn hear of it
    assert call(manager, "late_tool", text="東京").text == "東京"


def test_multi_line_and_japanese_arguments_arrive_whole(make_manager):
    manager = make_manager(stdio_server())
    text = 'def f():\n    return "引用"\n\n\t日本語のテキスト  \n'
    result = call(manager, "echo", text=text)
    assert (result.text, result.is_error) == (text, False)


def test_the_configured_environment_reaches_the_server(make_manager):
    manager = make_manager(stdio_server(GREETING="こんにちは"))
    assert call(manager, "environment", name="GREETING").text == "こんにちは"


def test_a_tool_past_its_time_limit_is_cancelled_and_the_server_answers_the_next_call(make_manager):
    manager = make_manager(stdio_server())
    result = call(manager, "sleep", seconds=120, timeout_s=0.5)
    assert result.is_error and result.text == "The tool sleep did not answer within 0.5 s."
    assert_cancelled_at_the_server(manager)
    assert float(call(manager, "add", a=1, b=1).text) == 2
    assert manager.state("test").status is ServerStatus.READY


def test_a_failing_tool_gives_an_error_result_with_its_reason(make_manager):
    manager = make_manager(stdio_server())
    result = call(manager, "fail", reason="the disk is full")
    assert result.is_error and "the disk is full" in result.text
    assert manager.state("test").status is ServerStatus.READY


def test_a_crash_marks_the_server_failed_and_a_restart_brings_it_back(make_manager):
    manager = make_manager(stdio_server())
    result = call(manager, "crash")
    assert result.is_error and result.text == "The server test stopped unexpectedly while running crash."
    state = wait_for_status(manager, "test", ServerStatus.FAILED)
    assert state.error == "test stopped unexpectedly."
    assert "crashing on purpose" in state.stderr_tail
    assert manager.tools() == []
    assert call(manager, "add", a=1, b=2).text == "The server test is not running: test stopped unexpectedly."
    manager.start("test")
    assert wait_for_status(manager, "test", ServerStatus.READY).status is ServerStatus.READY
    assert float(call(manager, "add", a=1, b=2).text) == 3


def test_a_server_that_hangs_is_marked_failed(make_manager):
    manager = make_manager(stdio_server())
    result = call(manager, "freeze", seconds=120, timeout_s=0.5)
    assert result.is_error and "did not answer within 0.5 s" in result.text
    state = wait_for_status(manager, "test", ServerStatus.FAILED)
    assert state.error == "test stopped answering."


def test_stop_during_a_call_cancels_it_quickly(make_manager):
    manager = make_manager(stdio_server())
    stop = threading.Event()
    threading.Timer(0.3, stop.set).start()
    began = time.monotonic()
    result = call(manager, "sleep", seconds=120, timeout_s=600, stop=stop)
    assert time.monotonic() - began < 60  # the tool would have slept 120 s
    assert result.is_error and result.text == "The call was stopped by the user."
    assert_cancelled_at_the_server(manager)
    assert float(call(manager, "add", a=2, b=2).text) == 4


def test_a_server_that_cannot_start_fails_with_its_stderr(make_manager):
    manager = make_manager(stdio_server(TEST_SERVER_EXIT_AT_START="Error: no API key given"))
    state = manager.state("test")
    assert (state.status, state.error) == (ServerStatus.FAILED, "test stopped while starting.")
    assert "Error: no API key given" in state.stderr_tail


def test_a_missing_program_fails_with_the_reason(make_manager, tmp_path):
    missing = str(tmp_path / "no-such-server")
    manager = make_manager(ServerConfig("gone", command=missing))
    state = manager.state("gone")
    assert state.status is ServerStatus.FAILED
    assert state.error == f"gone could not be started: {missing} (No such file or directory)."


def test_a_server_that_never_answers_fails_after_the_start_limit(make_manager):
    silent = ServerConfig("silent", command=sys.executable, args=("-c", "import time; time.sleep(120)"))
    manager = make_manager(silent, start_timeout_s=1.0)
    assert manager.state("silent").error == "silent did not answer within 1 s of starting."


def test_changes_are_reported_from_the_managers_thread(make_manager):
    manager = make_manager()
    seen = []
    manager.on_change(lambda name: seen.append((name, manager.state(name).status, threading.current_thread())))
    manager.update(lambda config: config.with_server(stdio_server()))
    assert manager.wait_settled(timeout_s=60)
    assert [(name, status) for name, status, _ in seen] == [("test", ServerStatus.STARTING),
                                                            ("test", ServerStatus.READY)]
    assert all(thread is not threading.main_thread() for _, _, thread in seen)
    manager.stop("test")
    wait_for_status(manager, "test", ServerStatus.STOPPED)
    assert seen[-1][:2] == ("test", ServerStatus.STOPPED)


def test_tool_names_stay_unique_across_servers_and_lead_back(make_manager):
    manager = make_manager(stdio_server("calc"), stdio_server("math.v2"))
    toolset = manager.toolset()
    names = [spec.name for spec in toolset.specs]
    assert len(names) == len(set(names)) == 2 * len(SERVER_TOOLS)
    assert {"calc__add", "math_v2__add"} <= set(names)
    assert toolset.resolve("math_v2__add") == ("math.v2", "add")
    assert toolset.resolve("add") is None
    server, tool = toolset.resolve("math_v2__add")
    assert float(call(manager, tool, server=server, a=1, b=4).text) == 5
    only_calc = manager.toolset({"calc"})
    assert {spec.name for spec in only_calc.specs} == SERVER_TOOLS  # no clash: their own names
    assert only_calc.resolve("add") == ("calc", "add")


def test_switched_off_tools_and_servers_are_not_offered(make_manager):
    manager = make_manager(stdio_server("calc"), stdio_server("other"))
    manager.update(lambda config: config.tool_switched("calc", "crash", on=False))
    assert "crash" not in {spec.name for spec in manager.tools({"calc"})}
    assert call(manager, "crash", server="calc").text == "The tool crash of calc is switched off."
    assert manager.state("calc").status is ServerStatus.READY  # a tool switch needs no restart
    assert McpConfigFile().load().get("calc").disabled_tools == {"crash"}
    manager.update(lambda config: config.switched("other", on=False))
    assert wait_for_status(manager, "other", ServerStatus.STOPPED).status is ServerStatus.STOPPED
    assert {spec.server for spec in manager.tools()} == {"calc"}
    manager.update(lambda config: config.switched("other", on=True))
    assert wait_for_status(manager, "other", ServerStatus.READY).status is ServerStatus.READY
    manager.update(lambda config: config.without("other"))
    assert manager.state("other").status is ServerStatus.STOPPED and "other" not in manager.config.names()
    with pytest.raises(McpError, match="There is no MCP server named other."):
        manager.start("other")


def test_a_streamable_http_server_on_loopback_with_headers(make_manager, http_server):
    with network_guard() as network:
        server = ServerConfig("web", url=http_server, headers={"X-Test-Token": "t0ken"})
        manager = make_manager(server, network_allowed=lambda: False)  # loopback is not the network
        assert manager.state("web").status is ServerStatus.READY
        assert {tool.name for tool in manager.state("web").tools} == SERVER_TOOLS
        assert float(call(manager, "add", server="web", a=20, b=22).text) == 42
        assert call(manager, "header", server="web", name="X-Test-Token").text == "t0ken"
        assert call(manager, "echo", server="web", text="二行\n目").text == "二行\n目"
    assert network.attempts == []


def test_a_server_on_another_host_is_refused_without_the_network(make_manager):
    refusal = ("far is on another computer (mcp.example.org) and 'Never use the network' is on (Settings ▸ "
               "Privacy). Turn it off to use this server.")
    with network_guard() as network:
        manager = make_manager(ServerConfig("far", url="https://mcp.example.org/mcp"), network_allowed=lambda: False)
        state = manager.state("far")
        assert (state.status, state.error) == (ServerStatus.FAILED, refusal)
        result = call(manager, "add", server="far", a=1, b=1)
        assert result.is_error and result.text == refusal
        manager.update(lambda config: config.switched("far", on=False))
        assert manager.state("far") == ServerState()  # switched off: no longer a failure to show
    assert network.attempts == []


def test_changes_from_several_threads_all_land_and_a_broken_file_is_left_alone(make_manager):
    manager = make_manager()
    manager.update(lambda config: config.with_server(replace(stdio_server(), disabled=True)))
    tools = [f"tool{number}" for number in range(8)]
    threads = [threading.Thread(target=manager.update, args=(lambda config, tool=tool: config.tool_switched(
        "test", tool, on=False),)) for tool in tools]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert McpConfigFile().load().get("test").disabled_tools == set(tools)
    assert manager.state("test").status is ServerStatus.STOPPED  # switched off: never started
    McpConfigFile().path.write_text('{"mcpServers": {', encoding="utf-8")
    with pytest.raises(McpConfigError, match="is not valid JSON"):
        manager.update(lambda config: config.without("test"))
    assert McpConfigFile().path.read_text(encoding="utf-8") == '{"mcpServers": {'
