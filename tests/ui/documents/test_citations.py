"""The browser through the window's real chat flow: a folder added as a collection (indexed on the indexer's thread),
the real tiny gpt-oss model forced to call browser.search, then browser.open, then to answer with a citation
`【1†L11-L12】`; the window renders it as a link naming the file and the lines, a click shows those lines in the
preview, the sources are listed under the answer; and all of it again after the app is started anew, and for a reply
a crash cut short."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from app.core.chat import StepStatus, ToolCallStep
from app.core.conversation_settings import ConversationSettings
from app.core.engines.llama.engine import LlamaEngine
from app.core.paths import app_paths
from app.ui.documents.sources import SourcesList
from app.ui.markdown.view import MarkdownView
from app.ui.model_controller import ModelState
from tests.support.forced_output import ForcedTokens, harmony_tokens
from tests.support.scripted_engine import ScriptedEngine
from tests.ui.documents.conftest import add_folder, documents_window
from tests.ui.helpers import anchors, send, wait_idle, widgets

SEARCH = '<|channel|>analysis to=browser.search code<|message|>{"query": "proxy port"}<|call|>'
OPEN = '<|channel|>analysis to=browser.open code<|message|>{"id": 0}<|call|>'
# Display lines 11-12 of the document opened under cursor 1 are the file's lines 12 and 13.
ANSWER = "<|channel|>final<|message|>The proxy listens on port 3128 【1†L11-L12】.<|return|>"
CITED = ["The proxy server listens on port 3128.", "Change it in proxy.conf, then restart."]


def write_guide(folder):
    folder.mkdir()
    lines = [f"Line {n}: nothing about networks here." for n in range(1, 12)] + CITED
    lines += [f"Line {n}: more filler." for n in range(14, 30)]
    (folder / "guide.md").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (folder / "other.txt").write_text("Bananas are yellow.\n", encoding="utf-8")
    return folder / "guide.md"


def answer_view(window) -> MarkdownView:
    return widgets(window)[-1].findChild(MarkdownView, "messageText")


@pytest.mark.slow
def test_a_citation_of_the_browser_is_a_link_to_the_file_and_lines_also_after_a_restart(
        qtbot, store, tiny_gpt_oss, monkeypatch, tmp_path):
    guide = write_guide(tmp_path / "docs")
    window, documents = documents_window(qtbot, store, LlamaEngine())
    collection_id = add_folder(qtbot, documents, tmp_path / "docs")
    assert window.chat.settings.collections == (collection_id,)  # a folder just added is on for the new chat
    window.model.load(tiny_gpt_oss)
    qtbot.waitUntil(lambda: window.model.state is ModelState.READY, timeout=30000)
    processor = ForcedTokens(harmony_tokens(window.model._worker.bridge._engine.llama, SEARCH + OPEN + ANSWER))
    original = ConversationSettings.generation_params
    monkeypatch.setattr(ConversationSettings, "generation_params",
                        lambda self, interface: replace(original(self, interface), logits_processor=processor))

    send(qtbot, window, "Which port does the proxy use?")
    wait_idle(qtbot, window, store, timeout=60000)

    reply = store.messages(window.chat.conversation_id)[-1]
    search, opened = [step for step in reply.steps if isinstance(step, ToolCallStep)]
    assert (search.recipient, search.status) == ("browser.search", StepStatus.DONE)
    assert "【0†guide.md】" in search.result  # the search ran over the folder's index
    assert opened.recipient == "browser.open" and "L11: The proxy server listens on port 3128." in opened.result
    assert reply.content == "The proxy listens on port 3128 【1†L11-L12】."
    assert reply.stats["sources"] == [{"path": str(guide.resolve()), "lines": [12, 13], "page": None,
                                       "citations": ["1†L11-L12"]}]

    def shows_the_citation(window) -> None:
        links = [(href, text, point) for href, text, point in anchors(answer_view(window)) if href.startswith("cite:")]
        assert [text for _, text, _ in links] == ["guide.md, lines 12–13"]
        sources = widgets(window)[-1].findChild(SourcesList)
        assert [link.text() for link in sources.links()] == ["guide.md, lines 12–13"]
        with qtbot.waitSignal(window.preview.shown, timeout=10000) as shown:
            qtbot.mouseClick(answer_view(window).viewport(), Qt.MouseButton.LeftButton, pos=links[0][2])
        assert shown.args[0].path == guide.resolve() and shown.args[0].lines == (12, 13)
        assert window.preview.isVisible() and window.preview.marked_text() == "\n".join(CITED)

    shows_the_citation(window)
    uuid = store.get_conversation(window.chat.conversation_id).uuid
    assert app_paths().browser_state(uuid).is_file()  # the pages, kept for later turns

    conversation = window.chat.conversation_id
    window.close()
    again, _ = documents_window(qtbot, store, ScriptedEngine())  # the app started again over the same data
    again.chat.open(conversation)
    qtbot.waitUntil(lambda: again.chat.conversation_id == conversation and bool(widgets(again)))
    shows_the_citation(again)

    # A reply a crash cut short kept no sources (they are written when it ends): its citation still links, and its
    # sources are still listed, through the pages the browser's last call saved.
    again.close()
    store.finish_message(reply.id, content=reply.content, reasoning=reply.reasoning, status="interrupted",
                         steps=reply.steps)
    after_crash, _ = documents_window(qtbot, store, ScriptedEngine())
    after_crash.chat.open(conversation)
    qtbot.waitUntil(lambda: after_crash.chat.conversation_id == conversation and bool(widgets(after_crash)))
    shows_the_citation(after_crash)
