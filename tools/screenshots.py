"""Render the window offscreen at 1280x800 into docs/screenshots/: light and dark; a conversation with reasoning, a
code block and a table; an answer with formulas (tools/screenshots_math.py); a long conversation; the first run
without a model; and in light, the tools (tools/screenshots_tools.py), projects and a project's settings
(tools/screenshots_projects.py), documents (tools/screenshots_documents.py).

    python -m tools.screenshots [--out docs/screenshots] [--language ja]

With --language ja: the Japanese screenshots instead (tools/screenshots_ja.py).

Content comes from a prefilled store and a scripted engine (no model needed).
"""

from __future__ import annotations

import argparse
import os
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import QEventLoop, Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication, QTabWidget

from app.core.licenses import model_licenses
from app.core.models.catalog import load_catalog
from app.core.models.registry import InstalledModel
from app.core.paths import app_paths
from app.core.settings import Settings
from app.core.store import ConversationStore
from app.ui.about_dialog import AboutDialog
from app.ui.application import build_window
from app.ui.chat.thinking import ThinkingSection
from app.ui.i18n import install_translator
from app.ui.model_controller import ModelState
from app.ui.settings_dialog import SettingsDialog
from app.ui.theme import ui_font
from bench.ui_content import answer, question, reasoning
from tests.support.scripted_engine import ScriptedEngine

SIZE = (1280, 800)
MODEL = "gpt-oss-20b-mxfp4.gguf"

QUESTION = "How do I compute the average of one column of a 20 GB CSV file in Python without running out of memory?"
REASONING = (
    "The file is far larger than memory, so pandas.read_csv on the whole file is out: the answer must stream. "
    "Options: the csv module row by row (constant memory, slower), pandas with chunksize and usecols, polars "
    "scan_csv. Show the standard-library version first, then compare the three in a small table."
)
ANSWER = """Stream the file instead of loading it: read one row at a time and keep only a running sum and count.

```python
import csv

def column_mean(path, column):
    total, count = 0.0, 0
    with open(path, newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if value := row[column].strip():  # skip empty cells
                total += float(value)
                count += 1
    return total / count if count else None
```

Memory stays flat whatever the file size, because only one row is in memory at a time.

| Approach | Memory | Speed on 20 GB | Needs |
|----------|-------:|---------------:|-------|
| `csv` module, row by row | ~10 MB | ~6 min | nothing |
| pandas, `chunksize=1_000_000` | ~400 MB | ~2 min | pandas |
| polars `scan_csv(...).mean()` | ~300 MB | ~40 s | polars |

> **Tip:** with pandas, pass `usecols=["amount"]` so the other columns are never parsed.
"""
FOLLOW_UP = "Can it also skip rows where the amount is not a number?"
FOLLOW_UP_ANSWER = """Yes: wrap the conversion in `try`/`except ValueError` and count the rows you skipped, so you
know how much of the file was unusable:

```python
try:
    total += float(value)
    count += 1
except ValueError:
    skipped += 1
```
"""
STATS = {"prompt_tokens": 1840, "generated_tokens": 512, "reasoning_tokens": 210, "time_to_first_token_s": 0.84,
         "tokens_per_second": 31.6,
         "thinking_seconds": 4.2, "stop_reason": "end"}


def use_scheme(app: QApplication, dark: bool) -> None:
    QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
    app.setPalette(palette(dark))


def palette(dark: bool) -> QPalette:
    if not dark:
        return QApplication.style().standardPalette()
    roles = QPalette.ColorRole
    colors = {
        roles.Window: "#202124", roles.WindowText: "#e8eaed", roles.Base: "#17181a", roles.AlternateBase: "#26272b",
        roles.Text: "#e8eaed", roles.Button: "#2d2e32", roles.ButtonText: "#e8eaed", roles.BrightText: "#ff6b6b",
        roles.Highlight: "#3b82f6", roles.HighlightedText: "#ffffff", roles.Link: "#6cb6ff",
        roles.PlaceholderText: "#8b8e94", roles.ToolTipBase: "#2d2e32", roles.ToolTipText: "#e8eaed",
        roles.Light: "#4a4b50", roles.Midlight: "#3a3b40", roles.Mid: "#45464b", roles.Dark: "#141517",
        roles.Shadow: "#000000",
    }
    result = QPalette()
    for role, color in colors.items():
        result.setColor(role, QColor(color))
    for role in (roles.Text, roles.WindowText, roles.ButtonText):
        result.setColor(QPalette.ColorGroup.Disabled, role, QColor("#75787e"))
    return result


def add_sample_chat(store: ConversationStore, title: str, texts: tuple[str, str, str, str, str],
                    stats: dict, follow_up_stats: dict) -> int:
    """The sample conversation: a question answered with reasoning, then a follow-up. `texts`: question,
    reasoning, answer, follow-up, follow-up answer (in the screenshot's language)."""
    question_text, reasoning_text, answer_text, follow_up, follow_up_answer = texts
    chat = store.create_conversation(title=title, model="gpt-oss-20b-mxfp4", settings={"reasoning_effort": "high"})
    store.add_message(chat.id, "user", question_text)
    store.add_message(chat.id, "assistant", answer_text, reasoning=reasoning_text, stats=stats, model_file=MODEL)
    store.add_message(chat.id, "user", follow_up)
    store.add_message(chat.id, "assistant", follow_up_answer, reasoning="Show the try/except change only.",
                      stats={**stats, "prompt_tokens": 2460, **follow_up_stats}, model_file=MODEL)
    return chat.id


def fill(store: ConversationStore) -> tuple[int, int]:
    chat_id = add_sample_chat(store, "", (QUESTION, REASONING, ANSWER, FOLLOW_UP, FOLLOW_UP_ANSWER), STATS,
                              {"generated_tokens": 140, "reasoning_tokens": 24, "thinking_seconds": 1.1})
    rng = random.Random(11)
    long = store.create_conversation(title="Building an offline chat app")
    with store.transaction():
        for _turn in range(60):
            store.add_message(long.id, "user", question(rng))
            store.add_message(long.id, "assistant", answer(rng), reasoning=reasoning(rng),
                              stats={**STATS, "thinking_seconds": round(rng.uniform(1, 9), 1)}, model_file=MODEL)
    last_question = store.messages(long.id)[-2]
    store.add_message(long.id, "assistant", "Let me start over with a shorter answer", status="stopped",
                      parent_id=last_question.id, model_file=MODEL)
    for title in ("Pancakes for six people", "Trip plan: Kyoto in autumn", "Explain the harmony format",
                  "Regex for ISO dates"):
        other = store.create_conversation(title=title)
        store.add_message(other.id, "user", title)
    store.set_pinned(long.id, True)
    return chat_id, long.id


def settle(app: QApplication, seconds: float = 0.4) -> None:
    end = time.perf_counter() + seconds
    while time.perf_counter() < end:
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def wait(app: QApplication, condition) -> None:
    end = time.perf_counter() + 10
    while not condition():
        if time.perf_counter() > end:
            raise TimeoutError("the window did not get there")
        app.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 20)


def new_window(app: QApplication, store: ConversationStore, with_model: bool):
    window = build_window(store, ScriptedEngine(n_ctx=16384), Settings(), app_paths().settings_file)
    window.resize(*SIZE)
    window.show()
    if with_model:
        window.model.load(app_paths().models / MODEL)
        wait(app, lambda: window.model.state is ModelState.READY)
    settle(app)
    return window


def show_conversation(app: QApplication, window, chat_id: int):
    """Open a conversation of two exchanges with the first reply's reasoning unfolded; returns that reply."""
    window.chat.open(chat_id)
    wait(app, lambda: len(window.chat_view.message_widgets()) == 4)
    reply = window.chat_view.message_widgets()[1]
    reply.findChild(ThinkingSection).set_expanded(True)
    settle(app)
    return reply


def shoot(window, path: Path) -> None:
    window.grab().save(str(path))
    print(path)


def shoot_dialogs(app: QApplication, window, out: Path, scheme: str) -> None:
    """The settings dialog on its model-loading page (experts on the CPU set for a 24 GB GPU) and About."""
    tuned = Settings().with_values("load", n_ctx=32768, n_gpu_layers=-1, n_cpu_moe=24, kv_cache_type="q8_0")
    settings = SettingsDialog(tuned, window)
    settings.findChild(QTabWidget, "settingsTabs").setCurrentIndex(1)
    settings.show()
    settle(app)
    shoot(settings, out / f"settings-{scheme}.png")
    settings.close()
    gpt_oss_20b = InstalledModel("gpt-oss-20b", "gpt-oss-20b", (app_paths().models / MODEL,), 1, True, True)
    about = AboutDialog(model_licenses([gpt_oss_20b], load_catalog()), window)
    about.show()
    settle(app)
    shoot(about, out / f"about-{scheme}.png")
    about.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    parser.add_argument("--language", choices=("en", "ja"), default="en")
    args = parser.parse_args()
    os.environ["GPT_OSS_CHAT_HOME"] = tempfile.mkdtemp(prefix="screenshots-")  # never the user's own folders
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    app_paths().ensure()
    install_translator(app, args.language)  # as run_gui starts the app
    app.setFont(ui_font())
    from tools.screenshots_documents import shoot_documents
    from tools.screenshots_projects import shoot_projects

    if args.language == "ja":
        from tools.screenshots_ja import shoot_japanese

        shoot_japanese(app, args.out)
        use_scheme(app, dark=False)  # projects and documents in light, as in English
        shoot_projects(app, args.out, "ja")
        shoot_documents(app, args.out, "ja")
        return
    from tools.screenshots_math import add_math_chat, shoot_math
    from tools.screenshots_tools import shoot_tools

    store = ConversationStore.open()
    chat_id, long_id = fill(store)
    math_id = add_math_chat(store, "en")
    for scheme in ("light", "dark"):
        dark = scheme == "dark"
        use_scheme(app, dark)

        window = new_window(app, store, with_model=False)
        shoot(window, args.out / f"first-run-{scheme}.png")
        window.close()

        window = new_window(app, store, with_model=True)
        reply = show_conversation(app, window, chat_id)
        scroll = window.chat_view.findChild(object, "messagesScrollArea")
        scroll.verticalScrollBar().setValue(reply.y() - 8)  # the reasoning, the code and the table
        settle(app)
        shoot(window, args.out / f"chat-{scheme}.png")
        shoot_math(app, window, math_id, args.out / f"math-{scheme}.png")

        window.chat.open(long_id)
        wait(app, lambda window=window: window.chat.conversation_id == long_id)
        settle(app)
        shoot(window, args.out / f"long-conversation-{scheme}.png")
        shoot_dialogs(app, window, args.out, scheme)
        window.close()
        if not dark:
            shoot_tools(app, store, args.out, "en")
    store.close()
    use_scheme(app, dark=False)
    shoot_projects(app, args.out, "en")
    shoot_documents(app, args.out, "en")


if __name__ == "__main__":
    main()
