"""The Tools page against the real manager and the SDK test server (tests/support/mcp_server.py): states shown as
they change, add / edit / remove through the form, each tool and server on or off, a failure with its error output,
restart, import from another app's file, and the 'always allowed' list with revoke."""

from __future__ import annotations

import json
import sys
import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QListWidget

from app.core.tools.mcp.config import McpConfigFile, ServerConfig
from app.core.tools.mcp.imports import ImportSource
from app.core.tools.mcp.manager import ServerStatus
from app.core.tools.permissions import ToolPermissions
from app.ui.tools.dialog import ToolsDialog
from app.ui.tools.server_form import ServerForm
from tests.support.mcp_fixtures import SERVER_SCRIPT, SERVER_TOOLS, stdio_server
from tests.ui.helpers import unnamed
from tests.ui.model_manager.test_model_manager import answer, click

TOOLS = len(SERVER_TOOLS)

WAIT_MS = 60_000  # servers start in a second or two; the machine is shared


@pytest.fixture
def open_page(qtbot, make_manager):
    """The Tools page over a manager started with `servers`, once it lists them."""

    def open_(*servers: ServerConfig, sources: list[ImportSource] = (), **options) -> ToolsDialog:
        manager = make_manager(*servers, **options)
        dialog = ToolsDialog(manager, ToolPermissions(), import_sources=lambda: list(sources))
        qtbot.addWidget(dialog)
        with qtbot.waitSignals([dialog.serversShown, dialog.allowedShown, dialog.importShown], timeout=WAIT_MS):
            dialog.show()
        return dialog
    return open_


def item_texts(list_widget: QListWidget) -> list[str]:
    return [list_widget.item(row).text() for row in range(list_widget.count())]


def choose(dialog: ToolsDialog, name: str) -> None:
    row = next(row for row, text in enumerate(item_texts(dialog.servers)) if text.split("\n")[0] == name)
    dialog.servers.setCurrentRow(row)


def wait_text(qtbot, dialog: ToolsDialog, text: str) -> None:
    qtbot.waitUntil(lambda: text in item_texts(dialog.servers), timeout=WAIT_MS)


def open_form(qtbot, dialog: ToolsDialog, button: str) -> ServerForm:
    click(qtbot, dialog, button)
    forms = [form for form in dialog.findChildren(ServerForm) if form.isVisible()]  # not one closed before
    assert len(forms) == 1
    return forms[0]


def press_ok(qtbot, form: ServerForm) -> None:
    click(qtbot, form, "okButton")


def test_servers_show_their_states_and_a_failure_its_error_output(qtbot, open_page):
    failing = stdio_server("weather", TEST_SERVER_EXIT_AT_START="Error: WEATHER_API_KEY is not set")
    far = ServerConfig("search", url="https://search.example.org/mcp")
    dialog = open_page(stdio_server("calc"), failing, far, network_allowed=lambda: False)
    assert item_texts(dialog.servers) == [
        f"calc\nReady, with {TOOLS} tool(s)",
        "weather\nFailed: weather stopped while starting.",
        "search\nFailed: search is on another computer (search.example.org) and 'Never use the network' is on "
        "(Settings ▸ Privacy). Turn it off to use this server."]
    choose(dialog, "calc")
    assert dialog.details.tools.isVisible() and dialog.details.tools.count() == TOOLS
    choose(dialog, "weather")
    assert dialog.details.status.text() == "Failed: weather stopped while starting."
    assert dialog.details.output.isVisible()
    assert "Error: WEATHER_API_KEY is not set" in dialog.details.output.toPlainText()
    assert unnamed(dialog) == []


def test_a_crash_shows_as_it_happens_and_restart_brings_the_server_back(qtbot, open_page):
    dialog = open_page(stdio_server("calc"))
    manager = dialog._manager
    result = manager.call("calc", "crash", {}, timeout_s=30, stop=threading.Event())
    assert result.is_error
    wait_text(qtbot, dialog, "calc\nFailed: calc stopped unexpectedly.")
    assert "crashing on purpose" in dialog.details.output.toPlainText()
    click(qtbot, dialog.details, "restartServerButton")
    wait_text(qtbot, dialog, f"calc\nReady, with {TOOLS} tool(s)")
    assert dialog.details.tools.isVisible()


def test_add_edit_and_remove_a_server_through_the_form(qtbot, open_page):
    dialog = open_page()
    form = open_form(qtbot, dialog, "addServerButton")
    assert unnamed(form) == []
    press_ok(qtbot, form)
    assert form.isVisible() and form.error.text() == "Give the server a name."
    form.name.setText("calc")
    press_ok(qtbot, form)
    assert form.error.text() == "Enter the program to start, for example npx or python."
    form.command.setText(sys.executable)
    form.arguments.setPlainText(str(SERVER_SCRIPT))
    form.environment.setPlainText("GREETING=こんにちは\nnot a pair")
    press_ok(qtbot, form)
    assert form.error.text() == "Line 2 of the environment is not 'NAME=value'."
    form.environment.setPlainText("GREETING=こんにちは\n\nMODE=a=b")
    press_ok(qtbot, form)
    assert not form.isVisible()
    wait_text(qtbot, dialog, f"calc\nReady, with {TOOLS} tool(s)")
    manager = dialog._manager
    assert manager.call("calc", "environment", {"name": "MODE"}, timeout_s=30, stop=threading.Event()).text == "a=b"
    dialog._permissions.allow_always("calc", "add")
    choose(dialog, "calc")
    form = open_form(qtbot, dialog, "editServerButton")
    assert form.environment.toPlainText() == "GREETING=こんにちは\nMODE=a=b"
    form.name.setText("calculator")
    form.environment.setPlainText("GREETING=今晩は")
    press_ok(qtbot, form)
    wait_text(qtbot, dialog, f"calculator\nReady, with {TOOLS} tool(s)")
    assert McpConfigFile().load().names() == ["calculator"]
    assert manager.call("calculator", "environment", {"name": "GREETING"}, timeout_s=30,
                        stop=threading.Event()).text == "今晩は"
    qtbot.waitUntil(lambda: item_texts(dialog.allowed.list) == ["add (from calculator)"], timeout=WAIT_MS)
    assert dialog._permissions.entries() == [("calculator", "add")]  # the approvals went with the new name
    dialog._permissions.allow_always("calculator", "echo")
    answer("remove")
    click(qtbot, dialog, "removeServerButton")
    qtbot.waitUntil(lambda: dialog.servers.count() == 0, timeout=WAIT_MS)
    assert McpConfigFile().load().names() == []
    qtbot.waitUntil(lambda: item_texts(dialog.allowed.list) == [], timeout=WAIT_MS)
    assert dialog._permissions.entries() == []  # a new server named calculator is not trusted for them


def test_a_streamable_http_server_added_through_the_form(qtbot, open_page, http_server):
    dialog = open_page(network_allowed=lambda: False)
    form = open_form(qtbot, dialog, "addServerButton")
    form.name.setText("web")
    form.address_kind.setChecked(True)
    form.url.setText("ftp://127.0.0.1/mcp")
    press_ok(qtbot, form)
    assert form.error.text() == "Enter an http:// or https:// address."
    form.url.setText(http_server)
    form.headers.setPlainText("X-Test-Token:  s3cret ")
    press_ok(qtbot, form)
    wait_text(qtbot, dialog, f"web\nReady, with {TOOLS} tool(s)")
    assert json.loads(McpConfigFile().path.read_text(encoding="utf-8"))["mcpServers"] == {
        "web": {"url": http_server, "headers": {"X-Test-Token": "s3cret"}}}
    assert dialog._manager.call("web", "header", {"name": "X-Test-Token"}, timeout_s=30,
                                stop=threading.Event()).text == "s3cret"


def test_each_tool_and_the_whole_server_switch_on_and_off(qtbot, open_page):
    dialog = open_page(stdio_server("calc"))
    manager = dialog._manager
    tools = dialog.details.tools
    crash = next(tools.item(row) for row in range(tools.count()) if tools.item(row).text().startswith("crash"))
    crash.setCheckState(Qt.CheckState.Unchecked)
    qtbot.waitUntil(lambda: "crash" not in {spec.name for spec in manager.tools()}, timeout=WAIT_MS)
    assert McpConfigFile().load().get("calc").disabled_tools == {"crash"}
    assert manager.state("calc").status is ServerStatus.READY
    dialog.details.switch.click()
    wait_text(qtbot, dialog, "calc\nSwitched off")
    qtbot.waitUntil(lambda: manager.state("calc").status is ServerStatus.STOPPED, timeout=WAIT_MS)
    assert manager.tools() == []
    dialog.details.switch.click()
    wait_text(qtbot, dialog, f"calc\nReady, with {TOOLS} tool(s)")
    crash = next(tools.item(row) for row in range(tools.count()) if tools.item(row).text().startswith("crash"))
    assert crash.checkState() == Qt.CheckState.Unchecked  # still off


def test_import_from_another_app_adds_what_is_new_and_says_so(qtbot, open_page, tmp_path):
    claude = tmp_path / "claude_desktop_config.json"
    claude.write_text(json.dumps({"mcpServers": {
        "same-calc": {"command": sys.executable, "args": [str(SERVER_SCRIPT)]},
        "greeter": {"command": sys.executable, "args": [str(SERVER_SCRIPT)], "env": {"GREETING": "hi"}},
        "odd": {"command": 7},
    }, "preferences": {"menuBarEnabled": True}}), encoding="utf-8")
    dialog = open_page(stdio_server("calc"), sources=[ImportSource("Claude Desktop", claude)])
    action = next(action for action in dialog.import_menu.actions() if action.text() == "From Claude Desktop")
    assert action.toolTip() == str(claude)
    action.trigger()
    wait_text(qtbot, dialog, f"greeter\nReady, with {TOOLS} tool(s)")
    assert dialog.notice.text() == ("Added from Claude Desktop: greeter. Already here: same-calc (as calc). Left out, "
                                    "not understood: odd (mcpServers.odd.command must be a string).")
    assert McpConfigFile().load().names() == ["calc", "greeter"]


def test_always_allowed_tools_are_listed_and_can_ask_again(qtbot, open_page):
    permissions = ToolPermissions()
    permissions.allow_always("calc", "add")
    permissions.allow_always("web", "search")
    dialog = open_page()
    assert item_texts(dialog.allowed.list) == ["add (from calc)", "search (from web)"]
    dialog.allowed.list.setCurrentRow(1)
    with qtbot.waitSignal(dialog.allowedShown, timeout=WAIT_MS):
        click(qtbot, dialog.allowed, "revokeToolButton")
    assert item_texts(dialog.allowed.list) == ["add (from calc)"]
    assert ToolPermissions().entries() == [("calc", "add")]
