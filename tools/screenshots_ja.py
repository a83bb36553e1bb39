"""The Japanese screenshots (`python -m tools.screenshots --language ja`, which installs the Japanese interface as
run_gui does): 1280x800, light scheme.

first-run-ja.png: the empty window; chat-ja.png: a conversation in Japanese with reasoning and a code block;
math-ja.png, math-dark-ja.png: an answer with formulas, light and dark; settings-ja.png: the interface page with
'answer in Japanese'; model-manager-ja.png: the model manager; the tools (tools/screenshots_tools.py).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QTabWidget

from app.core.models.catalog import load_catalog
from app.core.models.registry import ModelRegistry
from app.core.settings import Settings
from app.core.store import ConversationStore
from app.ui.model_manager import downloads as download_controller
from app.ui.settings_dialog import SettingsDialog
from tools.screenshot_model_manager import install_sparse, stand_in_download
from tools.screenshot_model_manager import shoot as shoot_model_manager
from tools.screenshots import add_sample_chat, new_window, settle, shoot, show_conversation, use_scheme
from tools.screenshots_math import add_math_chat, shoot_math
from tools.screenshots_tools import shoot_tools

QUESTION = "Python で 20 GB の CSV ファイルの 1 列の平均を、メモリ不足にならずに計算するにはどうすればいいですか？"
REASONING = (
    "The user asks in Japanese how to average one column of a 20 GB CSV file: too big for memory, so stream rows "
    "with the csv module and keep a running sum and count. Answer in Japanese; mention pandas の chunksize."
)
ANSWER = """ファイル全体を読み込まずに、**1 行ずつ読みながら合計と件数だけを保持**すれば、メモリ使用量はファイルの大きさに関係なくほぼ一定です。

```python
import csv

def column_mean(path, column):
    total, count = 0.0, 0
    with open(path, newline="", encoding="utf-8") as file:
        for row in csv.DictReader(file):
            if value := row[column].strip():  # 空のセルは飛ばす
                total += float(value)
                count += 1
    return total / count if count else None

print(column_mean("売上_2024.csv", "金額"))
```

- 標準ライブラリだけで動き、20 GB でも数 MB のメモリで済みます。
- 速度が必要なら、pandas の `read_csv(..., usecols=["金額"], chunksize=1_000_000)` でチャンクごとに集計する方法もあります。
"""
FOLLOW_UP = "数値でない行があったら、スキップして件数を数えられますか？"
FOLLOW_UP_ANSWER = "はい。`float(value)` を `try` / `except ValueError` で囲み、失敗した行の数を `skipped` に数えてください。"
STATS = {"prompt_tokens": 1840, "generated_tokens": 512, "reasoning_tokens": 210, "time_to_first_token_s": 0.84,
         "tokens_per_second": 31.6, "thinking_seconds": 4.2, "stop_reason": "end"}
OTHER_TITLES = ("京都の紅葉の見ごろ", "敬語の使い分け", "正規表現で日付を探す", "パンケーキのレシピ (6 人分)")


def fill(store: ConversationStore) -> int:
    for title in OTHER_TITLES:
        other = store.create_conversation(title=title)
        store.add_message(other.id, "user", title)
    return add_sample_chat(store, "巨大な CSV の列の平均", (QUESTION, REASONING, ANSWER, FOLLOW_UP, FOLLOW_UP_ANSWER),
                           STATS, {"generated_tokens": 96, "reasoning_tokens": 30, "thinking_seconds": 0.8})


def shoot_japanese(app: QApplication, out: Path) -> None:
    store = ConversationStore.open()
    window = new_window(app, store, with_model=False)
    shoot(window, out / "first-run-ja.png")
    window.close()

    chat_id = fill(store)
    window = new_window(app, store, with_model=True)
    show_conversation(app, window, chat_id)
    window.chat_view.findChild(object, "messagesScrollArea").verticalScrollBar().setValue(16)  # the whole answer
    settle(app)
    shoot(window, out / "chat-ja.png")
    math_id = add_math_chat(store, "ja")
    shoot_math(app, window, math_id, out / "math-ja.png")

    settings = SettingsDialog(Settings().with_values("interface", language="ja", answer_in_japanese=True), window)
    settings.findChild(QTabWidget, "settingsTabs").setCurrentIndex(2)
    settings.show()
    settle(app)
    shoot(settings, out / "settings-ja.png")
    settings.close()
    window.close()

    download_controller.download_model = stand_in_download  # as screenshot_model_manager does
    model = install_sparse(ModelRegistry.load(), load_catalog().get("gpt-oss-20b"))
    shoot_model_manager(app, store, model, out / "model-manager-ja.png")
    shoot_tools(app, store, out, "ja")

    use_scheme(app, dark=True)
    window = new_window(app, store, with_model=True)
    shoot_math(app, window, math_id, out / "math-dark-ja.png")
    window.close()
    store.close()
