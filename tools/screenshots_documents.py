"""The documents screenshots, in English or Japanese (light): files in the composer as chips
(composer-chips-<language>.png), the sent message with its chips (message-chips-...), an answer with citation links,
its sources and the preview open at the cited lines (answer-citations-...), and the Documents page while a folder is
indexed (documents-page-...). Called by tools/screenshots.py and tools/screenshots_ja.py.

A real documents library indexes real files in an app home of its own; a scripted engine calls the real browser tool
(search, open) and answers with citations, which the window resolves against what the browser showed.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.core.engine import ToolCall
from app.core.paths import HOME_ENV, app_paths
from app.core.settings import Settings
from app.core.store import ConversationStore
from app.ui.application import build_window
from app.ui.documents.library import DocumentsLibrary
from app.ui.model_controller import ModelState
from app.ui.tools.conversation_tools import ConversationTools
from tests.support.scripted_engine import ScriptedEngine, ScriptedReply
from tools.screenshots import MODEL, SIZE, settle, shoot, wait

TEXT = {
    "en": {
        "todo": "- Call Aiko about the Tokyo trip\n- Renew the proxy certificate\n- Send the meeting papers\n",
        "ask_todo": "What is on my list?",
        "todo_answer": "Your list has three items: call Aiko about the Tokyo trip, renew the proxy certificate, and "
                       "send the meeting papers. The log is long, so I will search it when you ask about it.",
        "ask_port": "Which port does the proxy use?",
        "port_answer": "The proxy server listens on **port 3128** 【1†L11-L12】. To change it, edit `proxy.conf` and "
                       "restart the service 【1†L12】.",
    },
    "ja": {
        "todo": "- 東京出張の件でアイコさんに電話\n- プロキシ証明書を更新\n- 会議資料を送る\n",
        "ask_todo": "今日の TODO を教えて",
        "todo_answer": "リストには 3 件あります。東京出張の件でアイコさんに電話、プロキシ証明書の更新、"
                       "会議資料の送付です。ログは長いので、質問があれば検索します。",
        "ask_port": "プロキシは何番ポートを使っていますか？",
        "port_answer": "プロキシサーバーは **3128 番ポート**で待ち受けています 【1†L11-L12】。"
                       "変更するには `proxy.conf` を編集してサービスを再起動します 【1†L12】。",
    },
}


def _write_files(home: Path, language: str) -> tuple[Path, Path, Path]:
    """A folder of manuals (one PDF damaged), a short to-do list and a long log; returns (manuals, todo, log)."""
    manuals = home / "manuals"
    manuals.mkdir(parents=True)
    lines = [f"Section {n}: general notes on the network setup." for n in range(1, 12)]
    lines += ["The proxy server listens on port 3128.", "Change it in proxy.conf, then restart the service."]
    lines += [f"Section {n}: more notes." for n in range(14, 40)]
    (manuals / "network-guide.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (manuals / "社内規程.txt").write_text("東京本社の就業時間は9時から18時です。\n" * 20, encoding="utf-8")
    (manuals / "scan.pdf").write_bytes(b"%PDF-1.4 broken")
    todo = home / "todo.md"
    todo.write_text(TEXT[language]["todo"], encoding="utf-8")
    log = home / "server.log"
    log.write_text("\n".join(f"2025-06-01 12:{n % 60:02}:00 INFO request {n} served in {n % 97} ms"
                             for n in range(4000)), encoding="utf-8")
    return manuals, todo, log


def _engine(language: str) -> ScriptedEngine:
    text = TEXT[language]
    return ScriptedEngine(
        ScriptedReply(final=[text["todo_answer"]]),
        ScriptedReply(analysis=["The user asks about the proxy port; search the manuals."], final=(),
                      call=ToolCall("browser.search", '{"query": "proxy port"}', "analysis")),
        ScriptedReply(analysis=["Open the guide."], final=(), call=ToolCall("browser.open", '{"id": 0}', "analysis")),
        ScriptedReply(analysis=["Lines 11-12 say it."], final=[text["port_answer"]]),
        n_ctx=16384)


def shoot_documents(app: QApplication, out: Path, language: str) -> None:
    os.environ[HOME_ENV] = home = tempfile.mkdtemp(prefix="screenshots-documents-")
    app_paths().ensure()
    manuals, todo, log = _write_files(Path(home), language)
    store = ConversationStore.open()
    documents = DocumentsLibrary()
    window = build_window(store, _engine(language), Settings(), app_paths().settings_file, documents=documents,
                          tools=lambda settings: ConversationTools(settings, browsers=documents.browser_for))
    window.resize(*SIZE)
    window.show()
    wait(app, lambda: documents.index is not None)
    documents.add(manuals)
    wait(app, lambda: documents.collections and not documents.indexing and documents.collections[0].stats.files)
    window.model.load(app_paths().models / MODEL)
    wait(app, lambda: window.model.state is ModelState.READY)

    window.composer.add_files([todo, log])
    wait(app, lambda: all(found is not None for _, found in window.composer.pending.entries()))
    window.composer.edit.setPlainText(TEXT[language]["ask_todo"])
    settle(app)
    shoot(window, out / f"composer-chips-{language}.png")
    window.composer.button.click()
    wait(app, lambda: not window.chat.busy and window.chat.snapshot and len(window.chat.snapshot.messages) == 2)
    settle(app, 0.6)
    shoot(window, out / f"message-chips-{language}.png")

    window.chat.send(TEXT[language]["ask_port"])
    wait(app, lambda: not window.chat.busy and len(window.chat.snapshot.messages) == 4)
    settle(app, 0.6)
    scroll = window.chat_view.findChild(object, "messagesScrollArea").verticalScrollBar()
    scroll.setValue(scroll.maximum())
    window.chat_view.message_widgets()[-1]._sources.links()[0].click()
    wait(app, window.preview.isVisible)
    settle(app, 0.6)
    shoot(window, out / f"answer-citations-{language}.png")

    window.preview.hide()
    _shoot_indexing(app, window, documents, Path(home) / "projects", out / f"documents-page-{language}.png")
    window.close()
    store.close()


def _shoot_indexing(app: QApplication, window, documents: DocumentsLibrary, folder: Path, path: Path) -> None:
    """The Documents page while a folder of 900 notes is indexed, its progress part way."""
    for n in range(900):
        part = folder / f"part{n % 9}"
        part.mkdir(parents=True, exist_ok=True)
        (part / f"notes{n:04}.md").write_text((f"Notes {n}: the budget meeting moved to Thursday. " * 40 + "\n") * 25,
                                              encoding="utf-8")
    window.open_documents()
    documents.add(folder)
    wait(app, lambda: any((documents.progress(info.collection.id) or (0, 0))[0] > 150
                          for info in documents.collections))
    dialog = window._documents_dialog
    dialog.collections.setCurrentRow(0)
    settle(app, 0.05)
    shoot(dialog, path)
