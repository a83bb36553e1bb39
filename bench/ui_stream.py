"""A 20,000-token reply streamed at full speed from a scripted engine through the real window, while a 5 ms timer on
the GUI thread measures how long the thread was away (the stalls).

Targets: the longest stall <= 50 ms, and the longest stall while tokens 19,001-20,000 were shown <= 1.5x the one while
tokens 1-1,000 were shown (rendering must not get slower as the message grows). Side by side in each round: the
same heartbeat with the window idle, the floor of what the machine and the event loop give.

    python -m bench.ui_stream [--rounds 3] [--content prose|math]

--content math streams answers full of LaTeX (most of a thousand formulas, each new): the formulas are drawn on
their own thread while the reply streams and after it ends, and the heartbeat goes on until the last is drawn (the
same 50 ms target holds then). It also prints what drawing one formula costs (formula_image, on this thread).
"""

from __future__ import annotations

import argparse
import bisect
import os
import tempfile
import time
from dataclasses import dataclass, field

from bench.harness import emit_result, gui_app, median, print_table
from bench.ui_content import answer, long_reply, math_answer, reasoning

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt, QTimer
from PySide6.QtWidgets import QApplication

TOKENS = 20_000
WINDOW = 1_000
HEARTBEAT_MS = 5
TARGET_STALL_MS = 50.0
TARGET_GROWTH = 1.5


@dataclass
class Beats:
    """Heartbeat times and how many tokens were on screen at each."""

    times: list[float] = field(default_factory=list)
    shown: list[int] = field(default_factory=list)

    def gaps(self) -> list[tuple[int, int, float]]:
        """(tokens shown before, tokens shown after, gap in ms) for each interval between beats."""
        return [(self.shown[i - 1], self.shown[i], (self.times[i] - self.times[i - 1]) * 1000)
                for i in range(1, len(self.times))]

    def longest(self, first: int = 0, last: int | None = None) -> float:
        """The longest gap during which tokens first..last were being shown (all gaps by default)."""
        chosen = [gap for before, after, gap in self.gaps()
                  if last is None or (after >= first and before < last)]
        return max(chosen, default=0.0)


def heartbeat(app: QApplication, shown, until) -> Beats:
    beats = Beats()
    timer = QTimer()
    timer.setTimerType(Qt.TimerType.PreciseTimer)
    timer.setInterval(HEARTBEAT_MS)
    loop = QEventLoop()

    def beat() -> None:
        beats.times.append(time.perf_counter())
        beats.shown.append(shown())
        if until():
            loop.quit()

    timer.timeout.connect(beat)
    timer.start()
    loop.exec()
    timer.stop()
    return beats


def run(rounds: int, content: str) -> list[dict]:
    from app.core.paths import HOME_ENV, app_paths
    from app.core.settings import Settings
    from app.core.store import ConversationStore
    from app.ui.application import build_window
    from app.ui.markdown.view import MarkdownView
    from app.ui.model_controller import ModelState
    from tests.support.scripted_engine import ScriptedEngine, ScriptedReply

    os.environ[HOME_ENV] = tempfile.mkdtemp(prefix="ui-stream-")
    app = gui_app()
    pieces = long_reply(TOKENS, write=math_answer if content == "math" else answer)
    ends = [0]
    for piece in pieces:
        ends.append(ends[-1] + len(piece))
    engine = ScriptedEngine(default=ScriptedReply(analysis=reasoning_tokens(), final=pieces), n_ctx=131072)
    store = ConversationStore.open()
    window = build_window(store, engine, Settings(), app_paths().ensure().settings_file)
    window.resize(1280, 800)
    window.show()
    window.model.load(app_paths().models / "scripted.gguf")
    wait(app, lambda: window.model.state is ModelState.READY)

    # Connected after the view: when these run, the view has drawn the text into its document.
    delivered, finished = [0], []
    window.chat.replyDelta.connect(lambda _, final: delivered.__setitem__(0, delivered[0] + len(final)))
    window.chat.replyFinished.connect(finished.append)
    def drawing(views: list[MarkdownView]) -> bool:
        return any(view.drawing_formulas for view in views)

    results = []
    for round_number in range(rounds):
        if content == "math":  # new numbers each round: most formulas are new and must be drawn
            pieces = long_reply(TOKENS, seed=7 + round_number, write=math_answer)
            engine.default = ScriptedReply(analysis=reasoning_tokens(), final=pieces)
            ends = [0]
            for piece in pieces:
                ends.append(ends[-1] + len(piece))
        idle_until = time.perf_counter() + 1.0
        idle = heartbeat(app, lambda: 0, lambda until=idle_until: time.perf_counter() > until)
        window.chat.new_conversation()
        window.chat.update_settings(max_tokens=2 * TOKENS)
        delivered[0] = 0
        finished.clear()
        started = time.perf_counter()
        window.chat.send("Write a very long answer, please.")
        beats = heartbeat(app, lambda ends=ends: bisect.bisect_right(ends, delivered[0]) - 1, lambda: bool(finished))
        elapsed = time.perf_counter() - started
        assert finished[0].content == "".join(pieces), "the reply on screen is not the reply streamed"
        first = beats.longest(1, WINDOW)
        last = beats.longest(TOKENS - WINDOW + 1, TOKENS)
        result = {
            "idle_longest_ms": round(idle.longest(), 2),
            "longest_stall_ms": round(beats.longest(), 2),
            "first_1000_stall_ms": round(first, 2),
            "last_1000_stall_ms": round(last, 2),
            "growth": round(last / first, 3),
            "seconds_to_show": round(elapsed, 3),
            "beats": len(beats.times),
        }
        if content == "math":
            views = window.findChildren(MarkdownView)
            drawn = heartbeat(app, lambda: TOKENS, lambda views=views: not drawing(views))
            result.update(drawing_stall_ms=round(drawn.longest(), 2),
                          seconds_to_draw=round(time.perf_counter() - started, 3),
                          formulas=len(window.chat_view.message_widgets()[-1].findChild(
                              MarkdownView, "messageText").formula_sources()))
        results.append(result)
    window.close()
    store.close()
    return results


def reasoning_tokens() -> list[str]:
    import random

    from bench.ui_content import tokens

    return tokens(reasoning(random.Random(3)))


def wait(app: QApplication, condition, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the window did not get there")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)


def formula_costs() -> dict:
    """What one formula costs on this thread: laying it out (ziamath; the first one loads its font) and drawing it
    (QtSvg)."""
    from markdown_it import MarkdownIt

    from app.ui.markdown.formula_image import FormulaStyle, formula_image
    from app.ui.markdown.formula_layout import formula_layout
    from app.ui.markdown.math_syntax import TOKEN_TYPES, enable_math, formula

    md = MarkdownIt("commonmark")
    enable_math(md)
    rng = __import__("random").Random(5)
    found = [formula(child) for _ in range(6) for token in md.parse(math_answer(rng))
             for child in [token, *(token.children or [])] if child.type in TOKEN_TYPES]
    unique = list(dict.fromkeys((f.source, f.display) for f in found))
    style = FormulaStyle("#202124", 16.8, 1.0, 13.0, 3.3, 4.0)
    layouts, drawings = [], []
    for source, display in unique:
        started = time.perf_counter()
        layout = formula_layout(source, display, style.size, style.color)
        laid_out = time.perf_counter()
        if layout is not None:
            formula_image(layout, style)
            drawings.append((time.perf_counter() - laid_out) * 1000)
        layouts.append((laid_out - started) * 1000)
    rest, drawings = sorted(layouts[1:]), sorted(drawings)
    return {"formulas_timed": len(layouts), "first_layout_ms": round(layouts[0], 2),
            "layout_median_ms": round(median(rest), 2), "layout_p90_ms": round(rest[int(len(rest) * 0.9)], 2),
            "layout_max_ms": round(rest[-1], 2), "drawing_median_ms": round(median(drawings), 2),
            "drawing_max_ms": round(drawings[-1], 2)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--content", choices=("prose", "math"), default="prose")
    args = parser.parse_args()
    costs = formula_costs() if args.content == "math" else {}
    rounds = run(args.rounds, args.content)
    headers = ["round", "idle max ms", "stream max ms", "tokens 1-1k ms", "tokens 19k-20k ms", "growth", "s to show",
               "beats"]
    keys = ["idle_longest_ms", "longest_stall_ms", "first_1000_stall_ms", "last_1000_stall_ms", "growth",
            "seconds_to_show", "beats"]
    if args.content == "math":
        headers += ["drawing max ms", "s to draw", "formulas"]
        keys += ["drawing_stall_ms", "seconds_to_draw", "formulas"]
    print_table(headers, [[i + 1, *(r[key] for key in keys)] for i, r in enumerate(rounds)])
    if costs:
        print(", ".join(f"{key} {value}" for key, value in costs.items()))
    result = {key: median([r[key] for r in rounds]) for key in rounds[0]}
    passed = {"longest_stall": result["longest_stall_ms"] <= TARGET_STALL_MS,
              "growth": result["growth"] <= TARGET_GROWTH}
    if args.content == "math":
        passed["drawing_stall"] = result["drawing_stall_ms"] <= TARGET_STALL_MS
    result.update(
        costs, bench="ui_stream", content=args.content, tokens=TOKENS, rounds=len(rounds), heartbeat_ms=HEARTBEAT_MS,
        targets={"longest_stall_ms": TARGET_STALL_MS, "growth": TARGET_GROWTH}, **{"pass": passed},
    )
    emit_result(result)


if __name__ == "__main__":
    main()
