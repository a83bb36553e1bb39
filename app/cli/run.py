"""`gpt-oss-chat run`: chat in the terminal, one shot or interactive; what a power user runs over SSH. The model is a
local GGUF (`--model`) or an OpenAI-compatible server (`--server`); `--tools` offers the MCP servers' tools, asking
before each call unless `--allow-tools`; `--docs NAME` lets it read a collection of documents."""

from __future__ import annotations

import argparse
import json
import os
import signal
import sys
import threading
from contextlib import ExitStack, closing, contextmanager
from dataclasses import replace
from pathlib import Path

from app.cli.terminal_documents import TerminalDocuments, open_documents, print_sources, with_documents
from app.cli.terminal_tools import TerminalApprovals, open_mcp_tools
from app.core.chat import REASONING_EFFORTS, ChatMessage, GenerationParams
from app.core.engine import Engine, EngineError, Finished, LoadSettings, TextDelta
from app.core.engines.bridge import EngineBridge
from app.core.engines.remote.servers import server_engine
from app.core.errors import CoreError
from app.core.prompts.context import ContextPlan
from app.core.reply import ReplyDraft
from app.core.tools.toolbox import Toolbox, ToolProvider
from app.core.turn import StepChanged, TurnPlanned, TurnTools, run_turn

API_KEY_ENV = "GPT_OSS_CHAT_API_KEY"

HELP_INTERACTIVE = "Type a message and press Enter. /new starts over, /effort low|medium|high, /quit or Ctrl-D leaves."


def add_run_command(subparsers: argparse._SubParsersAction) -> None:
    run = subparsers.add_parser("run", help="chat with a model in the terminal")
    source = run.add_mutually_exclusive_group(required=True)
    source.add_argument("--model", type=Path, help="path to a .gguf file (shard 1 of a split model)")
    source.add_argument("--server", metavar="NAME_OR_URL",
                        help="an OpenAI-compatible server: one added in the model manager, or its address "
                             f"(a key from ${API_KEY_ENV} if it needs one)")
    run.add_argument("--tools", action="store_true", help="offer the tools of the MCP servers in mcp.json")
    run.add_argument("--mcp-config", type=Path, help="use the MCP servers of this file instead (implies --tools)")
    run.add_argument("--allow-tools", action="store_true", help="run tool calls without asking")
    run.add_argument("--docs", action="append", default=[], metavar="NAME",
                     help="let the model read this collection of documents (repeatable; see 'gpt-oss-chat docs')")
    run.add_argument("-p", "--prompt", help="answer this one message and exit")
    run.add_argument("--system", default="", help="instructions for the model (harmony's developer message)")
    run.add_argument("--effort", choices=REASONING_EFFORTS, default="medium", help="reasoning effort (gpt-oss)")
    run.add_argument("--show-reasoning", action="store_true", help="print the model's reasoning on stderr")
    run.add_argument("--stats", action="store_true", help="print one JSON line of statistics on stderr per reply")
    run.add_argument("--ctx", type=int, default=LoadSettings.n_ctx, help="context size in tokens")
    run.add_argument("--max-tokens", type=int, default=GenerationParams.max_tokens)
    run.add_argument("--temperature", type=float, default=GenerationParams.temperature)
    run.add_argument("--seed", type=int, default=None)
    run.set_defaults(handler=run_command)


def run_command(args: argparse.Namespace) -> int:
    try:
        engine = _engine(args)
    except CoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    bridge = EngineBridge(engine)
    try:
        return _chat(bridge, args)
    except CoreError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    finally:
        bridge.call(lambda engine: engine.unload())
        bridge.close()


def _engine(args: argparse.Namespace) -> Engine:
    if args.server is None:
        from app.core.engines.llama.engine import LlamaEngine  # llama.cpp is loaded only when a GGUF is used

        return LlamaEngine()
    return server_engine(args.server, os.environ.get(API_KEY_ENV))


def _chat(bridge: EngineBridge, args: argparse.Namespace) -> int:
    with ExitStack() as opened:
        # Collections are looked up first: a misspelt name fails before a model takes a minute to load.
        documents = opened.enter_context(open_documents(args.docs)) if args.docs else None
        info = bridge.call(lambda engine: engine.load(args.model, LoadSettings(n_ctx=args.ctx))).result()
        if info.chat_template_warning:
            print(f"note: {info.chat_template_warning}", file=sys.stderr)
        params = GenerationParams(
            system_prompt=args.system,
            reasoning_effort=args.effort,
            temperature=args.temperature,
            max_tokens=args.max_tokens,
            seed=args.seed,
        )
        providers: list[ToolProvider] = []
        if args.tools or args.mcp_config is not None:
            providers.append(opened.enter_context(open_mcp_tools(args.mcp_config)))
        if documents is not None:
            # Only gpt-oss run here has its browser; a server is sent functions only.
            documents.read_with(browses=info.is_harmony and args.server is None, context_tokens=info.n_ctx)
            if documents.browser is not None:
                providers.append(documents.browser)
        toolbox = Toolbox(providers)
        approvals = TerminalApprovals(allow_all=args.allow_tools)
        chat = _TerminalChat(bridge, params, show_reasoning=args.show_reasoning, stats=args.stats,
                             tools=approvals.turn_tools(toolbox) if toolbox else None, approvals=approvals,
                             documents=documents)
        if args.prompt is not None:
            return chat.turn(args.prompt)
        return chat.interactive()


class _TerminalChat:
    def __init__(self, bridge: EngineBridge, params: GenerationParams, *, show_reasoning: bool, stats: bool,
                 tools: TurnTools | None, approvals: TerminalApprovals, documents: TerminalDocuments | None) -> None:
        self.bridge = bridge
        self.documents = documents
        self.tools = tools
        self.approvals = approvals
        self.params = params
        self.show_reasoning = show_reasoning
        self.stats = stats
        self.history: list[ChatMessage] = []

    def interactive(self) -> int:
        print(HELP_INTERACTIVE, file=sys.stderr)
        while True:
            try:
                line = input("> ")
            except (EOFError, KeyboardInterrupt):
                print(file=sys.stderr)
                return 0
            text = line.strip()
            if not text:
                continue
            if text in ("/quit", "/exit"):
                return 0
            if text == "/new":
                self.history.clear()
                if self.documents is not None:
                    self.documents.new_conversation()
                continue
            if text.startswith("/effort"):
                self._set_effort(text.removeprefix("/effort").strip())
                continue
            self.turn(text)

    def _set_effort(self, effort: str) -> None:
        if effort not in REASONING_EFFORTS:
            print(f"effort must be one of: {', '.join(REASONING_EFFORTS)}", file=sys.stderr)
            return
        self.params = replace(self.params, reasoning_effort=effort)

    def turn(self, text: str) -> int:
        messages = [*self.history, ChatMessage("user", text)]
        stop = threading.Event()
        draft = ReplyDraft()
        passages = self.documents.prepare(text) if self.documents is not None else None
        try:
            turn = self.bridge.stream(
                lambda engine: run_turn(engine, with_documents(passages, engine, messages), self.params,
                                        "drop_oldest", stop, self.tools), stop)
            # Closed whatever happens: the engine thread is told to stop, never left waiting for an answer.
            with _ctrl_c_sets(stop), closing(turn):
                for event in turn:
                    if isinstance(event, TextDelta):
                        self._show(event, draft)
                    elif isinstance(event, StepChanged):
                        draft.set_call(event.index, event.step)
                        self.approvals.on_step(event)
                    elif isinstance(event, TurnPlanned):
                        _announce(event.plan)
                    elif isinstance(event, Finished):
                        self._finish(event)
        except EngineError as error:
            print(f"\nerror: {error}", file=sys.stderr)
            return 1
        if self.documents is not None:
            print_sources(self.documents.sources(draft.content))
        self.history = [*messages, draft.message()]
        return 0

    def _show(self, event: TextDelta, draft: ReplyDraft) -> None:
        draft.add_text(event.channel, event.text)
        if event.channel == "final":
            sys.stdout.write(event.text)
            sys.stdout.flush()
        elif event.channel == "analysis" and self.show_reasoning:
            sys.stderr.write(event.text)
            sys.stderr.flush()

    def _finish(self, event: Finished) -> None:
        sys.stdout.write("\n")
        sys.stdout.flush()
        if event.stats.stop_reason == "stopped":
            print("[stopped]", file=sys.stderr)
        if self.stats:
            print(json.dumps(event.stats.as_dict()), file=sys.stderr)


def _announce(plan: ContextPlan) -> None:
    """Never a silent drop or clip: say what the model will not see and how long the reply may be."""
    if plan.dropped:
        print(f"note: the {plan.dropped} oldest messages are left out to fit the context.", file=sys.stderr)
    if plan.clipped:
        print(f"note: the reply is limited to {plan.max_tokens} tokens by the context size.", file=sys.stderr)


@contextmanager
def _ctrl_c_sets(stop: threading.Event):
    """While a reply streams, Ctrl-C stops the reply instead of the program."""
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)
