"""A stored 1,000-message conversation (Markdown answers with code, tables and reasoning) opened from the sidebar:
the time from the click to the conversation laid out and painted.

Target: <= 0.5 s. Side by side in each round: opening a 10-message conversation, the floor (store read, widgets,
first paint) that does not depend on the conversation's length.
"""

from __future__ import annotations

import argparse
import os
import random
import tempfile
import time

from bench.harness import emit_result, gui_app, median, print_table
from bench.ui_content import answer, question, reasoning

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEvent, QEventLoop, QObject, Qt
from PySide6.QtWidgets import QApplication

LONG = 1000
SHORT = 10
TARGET_S = 0.5


def fill(store, messages: int, seed: int) -> int:
    rng = random.Random(seed)
    conversation = store.create_conversation(title=f"{messages} messages")
    with store.transaction():
        for _ in range(messages // 2):
            store.add_message(conversation.id, "user", question(rng))
            store.add_message(conversation.id, "assistant", answer(rng), reasoning=reasoning(rng),
                              stats={"prompt_tokens": 900, "generated_tokens": 400, "thinking_seconds": 2.5})
    return conversation.id


class FirstPaint(QObject):
    """Notes when a widget of the newest message is first painted."""

    def __init__(self) -> None:
        super().__init__()
        self.target = None
        self.at: float | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        painted = self.at is None and event.type() == QEvent.Type.Paint and self.target is not None
        if painted and (watched is self.target or self.target.isAncestorOf(watched)):
                self.at = time.perf_counter()
        return False


def open_and_time(app: QApplication, window, conversation_id: int, last_message_id: int) -> float:
    sidebar = window.sidebar.conversations
    item = next(sidebar.item(row) for row in range(sidebar.count())
                if sidebar.item(row).data(Qt.ItemDataRole.UserRole) == conversation_id)
    painted = FirstPaint()
    app.installEventFilter(painted)
    started = time.perf_counter()
    sidebar.itemClicked.emit(item)  # what a click on the item does
    deadline = started + 10
    while painted.at is None and time.perf_counter() < deadline:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 5)
        if painted.target is None:
            painted.target = next((w for w in window.chat_view.message_widgets()
                                   if w.message.id == last_message_id), None)
    app.removeEventFilter(painted)
    if painted.at is None:
        raise TimeoutError("the conversation was not painted")
    return painted.at - started


def run(rounds: int) -> list[dict]:
    from app.core.paths import HOME_ENV, app_paths
    from app.core.settings import Settings
    from app.core.store import ConversationStore
    from app.ui.application import build_window
    from tests.support.scripted_engine import ScriptedEngine

    os.environ[HOME_ENV] = tempfile.mkdtemp(prefix="open-conversation-")
    app = gui_app()
    store = ConversationStore.open()
    long_id, short_id = fill(store, LONG, 1), fill(store, SHORT, 2)
    last = {cid: store.messages(cid)[-1].id for cid in (long_id, short_id)}
    window = build_window(store, ScriptedEngine(), Settings(), app_paths().ensure().settings_file)
    window.resize(1280, 800)
    window.show()
    while window.sidebar.conversations.count() < 2:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)
    results = []
    for _ in range(rounds):
        short = open_and_time(app, window, short_id, last[short_id])
        long = open_and_time(app, window, long_id, last[long_id])
        results.append({"short_s": round(short, 4), "long_s": round(long, 4),
                        "widgets_built": len(window.chat_view.message_widgets())})
    window.close()
    store.close()
    return results


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    rounds = run(args.rounds)
    print_table(["round", f"{SHORT} messages s", f"{LONG} messages s", "widgets built"],
                [[i + 1, r["short_s"], r["long_s"], r["widgets_built"]] for i, r in enumerate(rounds)])
    long = median([r["long_s"] for r in rounds])
    emit_result({
        "bench": "open_conversation", "messages": LONG, "rounds": len(rounds),
        "open_long_s": long, "open_short_s": median([r["short_s"] for r in rounds]),
        "widgets_built": rounds[-1]["widgets_built"], "worst_long_s": max(r["long_s"] for r in rounds),
        "targets": {"open_long_s": TARGET_S}, "pass": {"open_long_s": long <= TARGET_S},
    })


if __name__ == "__main__":
    main()
