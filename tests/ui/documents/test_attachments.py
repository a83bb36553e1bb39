"""Attachments through the window: files added in the composer (the paperclip's path, or dropped on the window or
the editor) become chips with their token counts; the one that fits the context goes into the message whole (the
prompt the engine gets holds its text), the one that does not is indexed for the conversation and found by the
browser's search; the context meter shows both; the sent message shows its chips, also after a restart."""

from __future__ import annotations

import re

from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QToolButton

from app.core.chat import ToolCallStep
from app.core.engine import ToolCall
from app.core.paths import app_paths
from app.ui.documents.chips import ChipRow
from tests.support.scripted_engine import ScriptedEngine, ScriptedReply
from tests.ui.documents.conftest import documents_window, load_scripted
from tests.ui.helpers import click, send, wait_idle, widgets

TODO = "- Call Aiko about the 東京 trip\n- Renew the proxy certificate\n"
SEARCH = ToolCall("browser.search", '{"query": "reactor overheated"}', "analysis")


def write_files(folder):
    small = folder / "todo.md"
    small.write_text(TODO, encoding="utf-8")
    big = folder / "server.log"
    lines = [f"2025-06-01 12:00:{n % 60:02} request {n} served" for n in range(4000)]
    lines[3001] = "2025-06-01 13:00:00 the reactor overheated and was shut down"
    big.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return small, big


def measured(window) -> bool:
    entries = window.composer.pending.entries()
    return bool(entries) and all(found is not None for _, found in entries)


def test_a_file_that_fits_goes_in_whole_and_one_that_does_not_is_searched(qtbot, store, tmp_path):
    small, big = write_files(tmp_path)
    engine = ScriptedEngine(
        ScriptedReply(final=["Two things to do."]),
        ScriptedReply(analysis=["Search the log."], final=(), call=SEARCH), ScriptedReply(final=["At 13:00."]),
        n_ctx=16384)
    window, documents = documents_window(qtbot, store, engine)
    load_scripted(qtbot, window)

    window.composer.add_files([small, big])
    qtbot.waitUntil(lambda: measured(window), timeout=10000)
    chips = {chip.name.text(): chip.detail.text() for chip in window.composer.chips.chips()}
    tokens = {path.name: found.tokens for path, found in window.composer.pending.entries()}
    assert 0 < tokens["todo.md"] < window.chat.attachment_budget() < tokens["server.log"]
    assert chips["todo.md"].endswith("whole text") and chips["server.log"].endswith("searched")
    assert f"{tokens['todo.md']}" in chips["todo.md"].replace(",", "")
    meter = window.status_line.text().replace(",", "")
    assert f"attached: {tokens['todo.md']} tokens whole of {window.chat.attachment_budget()} free" in meter
    assert "1 file(s) searched" in meter

    send(qtbot, window, "What is in my files?")
    wait_idle(qtbot, window, store, timeout=20000)
    assert window.composer.chips.chips() == [] and window.composer.pending.paths() == []
    prompt = engine.calls[0][0][-1].content
    assert prompt.startswith("What is in my files?") and TODO.strip() in prompt  # whole, in the message
    assert "=== Attached file: server.log: too long to include" in prompt and "reactor" not in prompt
    user = store.messages(window.chat.conversation_id)[0]
    assert [(f.name, f.mode) for f in user.attachments.files] == [("todo.md", "inline"), ("server.log", "indexed")]
    folder = app_paths().conversation_files(store.get_conversation(window.chat.conversation_id).uuid)
    assert (folder / "todo.md").read_text(encoding="utf-8") == TODO and (folder / "server.log").is_file()
    reply_stats = store.messages(window.chat.conversation_id)[-1].stats
    meter = window.status_line.text().replace(",", "")
    assert re.search(rf"Context: {reply_stats['prompt_tokens'] + reply_stats['generated_tokens']} of 16384", meter)
    assert reply_stats["prompt_tokens"] > tokens["todo.md"]  # the meter counts the whole text in the prompt

    def sent_chips(window) -> list[str]:
        row = widgets(window)[0].findChild(ChipRow, "messageAttachments")
        return [chip.accessibleName() for chip in row.chips()]

    assert sent_chips(window) == [f"todo.md, {tokens['todo.md']:,} token(s) · whole text",
                                  f"server.log, {tokens['server.log']:,} token(s) · searched"]

    # The file that did not fit is searched through the browser.
    send(qtbot, window, "When did the reactor overheat?")
    wait_idle(qtbot, window, store, timeout=20000)
    call = next(step for step in store.messages(window.chat.conversation_id)[-1].steps
                if isinstance(step, ToolCallStep))
    assert call.recipient == "browser.search" and "server.log" in call.result and "overheated" in call.result
    assert "reactor overheated" not in engine.calls[1][0][-1].content  # not in the prompt: found by search

    conversation = window.chat.conversation_id
    window.close()
    again, _ = documents_window(qtbot, store, ScriptedEngine())
    again.chat.open(conversation)
    qtbot.waitUntil(lambda: again.chat.conversation_id == conversation and bool(widgets(again)))
    assert sent_chips(again)[1] == f"server.log, {tokens['server.log']:,} token(s) · searched"
    with qtbot.waitSignal(again.preview.shown, timeout=10000):
        qtbot.mouseClick(widgets(again)[0].findChild(ChipRow, "messageAttachments").chips()[0],
                         Qt.MouseButton.LeftButton)
    assert again.preview.text.toPlainText() == TODO  # the kept copy


def drop(target, files) -> bool:
    """A real drag of local files entering and dropped on `target`; whether it was taken."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in files])
    actions = Qt.DropAction.CopyAction
    enter = QDragEnterEvent(QPoint(10, 10), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, enter)
    if not enter.isAccepted():
        return False
    dropped = QDropEvent(QPointF(10, 10), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(target, dropped)
    return dropped.isAccepted()


def test_files_dropped_on_the_window_or_the_editor_are_attached_and_can_be_removed(qtbot, store, tmp_path):
    small, big = write_files(tmp_path)
    window, _ = documents_window(qtbot, store, ScriptedEngine())
    assert drop(window, [small])
    assert drop(window.composer.edit.viewport(), [big])
    qtbot.waitUntil(lambda: measured(window), timeout=10000)
    assert window.composer.edit.toPlainText() == ""  # attached, not typed in as paths
    assert [chip.name.text() for chip in window.composer.chips.chips()] == ["todo.md", "server.log"]
    remove = window.composer.chips.chips()[0].findChild(QToolButton, "removeAttachmentButton")
    qtbot.mouseClick(remove, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [chip.name.text() for chip in window.composer.chips.chips()] == ["server.log"])
    assert window.composer.pending.paths() == [big]


def asked_about_the_log(qtbot, store, tmp_path, *more: ScriptedReply):
    """Both files attached to a question the model answers by searching the log; then `more` replies.
    (window, documents, the attached files, the conversation)."""
    small, big = write_files(tmp_path)
    engine = ScriptedEngine(ScriptedReply(analysis=["Search the log."], final=(), call=SEARCH),
                            ScriptedReply(final=["At 13:00."]), *more, n_ctx=16384)
    window, documents = documents_window(qtbot, store, engine)
    load_scripted(qtbot, window)
    window.composer.add_files([small, big])
    qtbot.waitUntil(lambda: measured(window), timeout=10000)
    send(qtbot, window, "When did the reactor overheat?")
    wait_idle(qtbot, window, store, timeout=20000)
    return window, documents, (small, big), store.get_conversation(window.chat.conversation_id)


def test_deleting_a_conversation_deletes_its_files_collection_and_browser_state(qtbot, store, tmp_path):
    window, documents, (small, big), conversation = asked_about_the_log(qtbot, store, tmp_path)
    folder, state = (app_paths().conversation_files(conversation.uuid), app_paths().browser_state(conversation.uuid))
    assert folder.is_dir() and state.is_file()
    assert conversation.uuid in [c.conversation for c in documents.index.collections(conversations=True)]

    with qtbot.waitSignal(window.library.conversationDeleted):
        window.library.delete(conversation.id)
    assert not folder.exists() and not state.exists()
    assert conversation.uuid not in [c.conversation for c in documents.index.collections(conversations=True)]
    assert small.is_file() and big.is_file()  # the originals are the person's, not ours


def test_a_fork_searches_what_its_original_attached_and_goes_on_from_its_browser_pages(qtbot, store, tmp_path):
    window, documents, _, original = asked_about_the_log(
        qtbot, store, tmp_path, ScriptedReply(analysis=["Search the log again."], final=(), call=SEARCH),
        ScriptedReply(final=["At 13:00, shut down."]))

    # Forked at the question: the fork answers it again, searching its own copy of the log.
    click(qtbot, widgets(window)[0], "forkButton")
    qtbot.waitUntil(lambda: window.chat.conversation_id not in (None, original.id))
    fork = store.get_conversation(window.chat.conversation_id)
    qtbot.waitUntil(lambda: len(store.messages(fork.id)) == 2, timeout=20000)
    wait_idle(qtbot, window, store, timeout=20000)
    reply = store.messages(fork.id)[-1]
    call = next(step for step in reply.steps if isinstance(step, ToolCallStep))
    assert call.recipient == "browser.search" and "server.log" in call.result and "overheated" in call.result
    # Cursor 0 is the original's search, which the fork's history holds: the fork's own search comes after it.
    assert call.result.startswith("[1] ")
    own = documents.collection_ids(fork.uuid, ())
    assert own and own != documents.collection_ids(original.uuid, ())
    assert (app_paths().conversation_files(fork.uuid) / "server.log").is_file()
