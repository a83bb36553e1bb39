"""The real MainWindow against a scripted engine: a turn from the composer to the store, and what can follow it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QPlainTextEdit, QPushButton, QToolButton

from app.ui.chat.thinking import ThinkingSection
from app.ui.chat.view import ChatView
from app.ui.markdown.view import MarkdownView
from app.ui.model_controller import ModelState
from app.ui.widgets.error_box import ErrorBox
from tests.support.scripted_engine import ScriptedLoad, ScriptedReply
from tests.ui.conftest import MODEL
from tests.ui.helpers import click, send, wait_idle, widgets


def answer_of(widget) -> str:
    return widget.findChild(MarkdownView, "messageText").toPlainText().strip()


def note_of(widget) -> str:
    return widget.findChild(QLabel, "messageNote").text()


def test_user_message_is_saved_before_the_engine_starts(qtbot, ready, store, engine):
    seen = []
    engine.on_generate = lambda messages: seen.append([(m.role, m.content, m.status) for m in
                                                       store.messages(store.list_conversations()[0].id)])
    send(qtbot, ready, "What is the capital of Japan?")
    wait_idle(qtbot, ready, store)
    assert seen == [[("user", "What is the capital of Japan?", "complete"), ("assistant", "", "streaming")]]
    saved = store.messages(ready.chat.conversation_id)
    assert [(m.role, m.status) for m in saved] == [("user", "complete"), ("assistant", "complete")]
    assert saved[1].content == "Hello! How can I help?"
    assert saved[1].stats["generated_tokens"] == 1
    assert store.get_conversation(ready.chat.conversation_id).title == "What is the capital of Japan?"
    assert ready.composer.edit.toPlainText() == ""


def test_reasoning_streams_into_the_thinking_section_then_the_answer_below_it(qtbot, ready, store, engine):
    reply = ScriptedReply(analysis=["The user ", "asks about Tokyo."], final=["Tokyo is ", "the **capital**."],
                          hold_after=2)
    engine.replies.append(reply)
    send(qtbot, ready, "Capital?")
    qtbot.waitUntil(lambda: len(widgets(ready)) == 2 and widgets(ready)[1].findChild(ThinkingSection) is not None)
    thinking = widgets(ready)[1].findChild(ThinkingSection)
    qtbot.waitUntil(lambda: thinking.plain_text() == "The user asks about Tokyo.")
    assert thinking.expanded
    assert answer_of(widgets(ready)[1]) == ""
    assert "Thinking" in thinking.findChild(object, "thinkingToggle").text()
    reply.release.set()
    wait_idle(qtbot, ready, store)
    assert answer_of(widgets(ready)[1]) == "Tokyo is the capital."
    assert not thinking.expanded
    assert "Thought for" in thinking.findChild(object, "thinkingToggle").text()
    saved = store.messages(ready.chat.conversation_id)[1]
    assert (saved.reasoning, saved.content) == ("The user asks about Tokyo.", "Tokyo is the **capital**.")
    assert "thinking_seconds" in saved.stats


def stop_midway(qtbot, ready, store, engine, stop) -> None:
    engine.replies.append(ScriptedReply(final=["One, ", "two, ", "three."], hold_after=2))
    send(qtbot, ready, "Count to three")
    qtbot.waitUntil(lambda: len(widgets(ready)) == 2 and answer_of(widgets(ready)[1]) == "One, two,")
    assert ready.composer.button.text() == "Stop"
    stop()
    wait_idle(qtbot, ready, store)
    saved = store.messages(ready.chat.conversation_id)[1]
    assert (saved.status, saved.content) == ("stopped", "One, two, ")
    assert answer_of(widgets(ready)[1]) == "One, two,"
    assert "Stopped" in note_of(widgets(ready)[1])
    assert ready.composer.button.text() == "Send"


def test_escape_stops_the_reply_and_keeps_its_text(qtbot, ready, store, engine):
    ready.activateWindow()
    stop_midway(qtbot, ready, store, engine, lambda: qtbot.keyClick(ready.composer.edit, Qt.Key.Key_Escape))


def test_stop_button_stops_the_reply_and_keeps_its_text(qtbot, ready, store, engine):
    stop_midway(qtbot, ready, store, engine, lambda: qtbot.mouseClick(ready.composer.button,
                                                                      Qt.MouseButton.LeftButton))


def test_regenerate_adds_a_version_and_the_versions_can_be_switched(qtbot, ready, store, engine):
    engine.replies.extend([ScriptedReply(final=["First answer."]), ScriptedReply(final=["Second answer."])])
    send(qtbot, ready, "Answer me")
    wait_idle(qtbot, ready, store)
    click(qtbot, widgets(ready)[1], "regenerateButton")
    qtbot.waitUntil(lambda: answer_of(widgets(ready)[-1]) == "Second answer.")
    wait_idle(qtbot, ready, store)
    reply = store.messages(ready.chat.conversation_id)[1]
    assert [v.content for v in store.versions(reply.id)] == ["First answer.", "Second answer."]
    assert widgets(ready)[1].findChild(QLabel, "versionLabel").text() == "2 / 2"
    # The regenerated reply saw the same question, without the first answer.
    assert [m.content for m in engine.calls[1][0]] == ["Answer me"]
    click(qtbot, widgets(ready)[1], "previousVersionButton")
    qtbot.waitUntil(lambda: answer_of(widgets(ready)[1]) == "First answer.")
    assert widgets(ready)[1].findChild(QLabel, "versionLabel").text() == "1 / 2"
    assert store.messages(ready.chat.conversation_id)[1].content == "First answer."


def test_edit_and_resend_makes_a_new_version_and_keeps_the_old_branch(qtbot, ready, store, engine):
    engine.replies.extend([ScriptedReply(final=["About cats."]), ScriptedReply(final=["About dogs."])])
    send(qtbot, ready, "Tell me about cats")
    wait_idle(qtbot, ready, store)
    user = widgets(ready)[0]
    click(qtbot, user, "editButton")
    editor = user.findChild(QPlainTextEdit, "editMessageText")
    assert editor.isVisible() and editor.toPlainText() == "Tell me about cats"
    assert "new version" in user.findChild(object, "messageEditor").findChild(QLabel).text()
    editor.setPlainText("Tell me about dogs")
    click(qtbot, user, "sendEditButton")
    qtbot.waitUntil(lambda: answer_of(widgets(ready)[-1]) == "About dogs.")
    wait_idle(qtbot, ready, store)
    shown = store.messages(ready.chat.conversation_id)
    assert [m.content for m in shown] == ["Tell me about dogs", "About dogs."]
    assert [m.content for m in store.versions(shown[0].id)] == ["Tell me about cats", "Tell me about dogs"]
    assert widgets(ready)[0].findChild(QLabel, "versionLabel").text() == "2 / 2"
    click(qtbot, widgets(ready)[0], "previousVersionButton")
    qtbot.waitUntil(lambda: answer_of(widgets(ready)[-1]) == "About cats.")


def test_a_generation_error_is_shown_in_the_reply_and_the_chat_goes_on(qtbot, ready, store, engine):
    engine.replies.extend([ScriptedReply(final=["Partial"], error="Not enough memory to continue this reply."),
                           ScriptedReply(final=["Fine now."])])
    send(qtbot, ready, "Hello")
    wait_idle(qtbot, ready, store)
    box = widgets(ready)[1].findChild(ErrorBox)
    assert box.isVisible() and box.text() == "Not enough memory to continue this reply."
    failed = store.messages(ready.chat.conversation_id)[1]
    assert (failed.status, failed.error, failed.content) == ("failed", box.text(), "Partial")
    send(qtbot, ready, "Again")
    wait_idle(qtbot, ready, store)
    assert store.messages(ready.chat.conversation_id)[-1].content == "Fine now."


def test_retry_on_a_failed_reply_writes_a_new_version(qtbot, ready, store, engine):
    engine.replies.extend([ScriptedReply(final=[], error="The engine failed."), ScriptedReply(final=["Worked."])])
    send(qtbot, ready, "Hello")
    wait_idle(qtbot, ready, store)
    click(qtbot, widgets(ready)[1], "retryButton")
    qtbot.waitUntil(lambda: answer_of(widgets(ready)[-1]) == "Worked.")
    wait_idle(qtbot, ready, store)
    assert len(store.versions(store.messages(ready.chat.conversation_id)[1].id)) == 2


def test_a_load_error_is_explained_with_actions_and_try_again_loads(qtbot, window, engine):
    engine.loads.append(ScriptedLoad(error="Not enough memory to load gpt-oss-120b. Try the smaller gpt-oss-20b."))
    window.model.load(MODEL)
    view = window.findChild(ChatView)
    qtbot.waitUntil(lambda: view.findChild(ErrorBox) is not None)
    box = view.findChild(ErrorBox)
    assert "Not enough memory" in box.text()
    assert {"retryLoadButton", "chooseModelButton", "noticeModelManagerButton"} <= {
        b.objectName() for b in box.findChildren(object) if b.objectName()}
    with qtbot.waitSignal(window.modelManagerRequested):
        click(qtbot, box, "noticeModelManagerButton")
    click(qtbot, box, "retryLoadButton")
    qtbot.waitUntil(lambda: window.model.state is ModelState.READY)


def test_loading_can_be_cancelled(qtbot, window, engine):
    load = ScriptedLoad(hold=True)
    engine.loads.append(load)
    window.model.load(MODEL)
    cancel = window.top_bar.findChild(object, "cancelLoadButton")
    qtbot.waitUntil(lambda: cancel.isVisible() and window.model.progress == 0.5)
    assert window.composer.button.isEnabled() is False
    qtbot.mouseClick(cancel, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.model.state is ModelState.NONE)
    assert window.chat_view.findChild(ErrorBox) is None
    assert not cancel.isVisible()


def test_sending_is_disabled_without_a_model(qtbot, window, store):
    assert window.findChild(object, "emptyState").isVisible()
    assert window.findChild(object, "emptyModelManagerButton").isVisible()
    window.composer.edit.setPlainText("Hello?")
    assert not window.composer.button.isEnabled()
    assert "Load a model" in window.composer.findChild(QLabel, "composerHint").text()
    qtbot.keyClick(window.composer.edit, Qt.Key.Key_Return)
    assert store.list_conversations() == []
    assert window.composer.edit.toPlainText() == "Hello?"


def test_delete_message_removes_it_and_what_follows(qtbot, ready, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    send(qtbot, ready, "First")
    wait_idle(qtbot, ready, store)
    send(qtbot, ready, "Second")
    wait_idle(qtbot, ready, store)
    click(qtbot, widgets(ready)[2], "deleteButton")
    qtbot.waitUntil(lambda: len(widgets(ready)) == 2)
    assert [m.content for m in store.messages(ready.chat.conversation_id)] == ["First", "Hello! How can I help?"]


def test_a_question_whose_reply_was_deleted_can_be_answered_again(qtbot, ready, store, monkeypatch):
    monkeypatch.setattr(QMessageBox, "question", lambda *args: QMessageBox.StandardButton.Yes)
    send(qtbot, ready, "First")
    wait_idle(qtbot, ready, store)
    answer = widgets(ready)[0].findChild(QToolButton, "answerButton")
    assert answer.isHidden()  # it has its reply
    click(qtbot, widgets(ready)[1], "deleteButton")
    qtbot.waitUntil(lambda: len(widgets(ready)) == 1)
    answer = widgets(ready)[0].findChild(QToolButton, "answerButton")
    assert not answer.isHidden() and answer.accessibleName() == "Write a reply to this message"

    click(qtbot, widgets(ready)[0], "answerButton")
    wait_idle(qtbot, ready, store)
    assert [(m.role, m.content) for m in store.messages(ready.chat.conversation_id)] == [
        ("user", "First"), ("assistant", "Hello! How can I help?")]
    assert widgets(ready)[0].findChild(QToolButton, "answerButton").isHidden()


def test_reasoning_effort_is_stored_per_conversation_and_sent(qtbot, ready, store, engine):
    combo = ready.top_bar.findChild(object, "reasoningEffortCombo")
    combo.setCurrentIndex(combo.findData("high"))
    combo.activated.emit(combo.currentIndex())
    send(qtbot, ready, "Think hard")
    wait_idle(qtbot, ready, store)
    assert engine.calls[-1][1].reasoning_effort == "high"
    assert store.get_conversation(ready.chat.conversation_id).settings["reasoning_effort"] == "high"
    ready.chat.new_conversation()
    assert combo.currentData() == "medium"


def test_a_reply_is_checkpointed_while_it_streams(qtbot, ready, store, engine):
    reply = ScriptedReply(final=["Saved ", "while ", "streaming"], hold_after=2)
    engine.replies.append(reply)
    send(qtbot, ready, "Go")
    qtbot.waitUntil(lambda: ready.chat.conversation_id is not None)
    qtbot.waitUntil(lambda: store.messages(ready.chat.conversation_id)[-1].content == "Saved while ", timeout=3000)
    assert store.messages(ready.chat.conversation_id)[-1].status == "streaming"
    reply.release.set()
    wait_idle(qtbot, ready, store)
    assert store.messages(ready.chat.conversation_id)[-1].content == "Saved while streaming"


def test_closing_the_window_saves_a_streaming_reply_as_stopped(qtbot, ready, store, engine):
    engine.replies.append(ScriptedReply(final=["Half ", "an answer"], hold_after=1))
    send(qtbot, ready, "Go")
    qtbot.waitUntil(lambda: len(widgets(ready)) == 2 and answer_of(widgets(ready)[1]) == "Half")
    conversation = ready.chat.conversation_id
    ready.close()
    saved = store.messages(conversation)[-1]
    assert (saved.status, saved.content) == ("stopped", "Half ")


def test_the_view_follows_the_stream_until_the_user_scrolls_up(qtbot, ready, store, engine):
    long_text = ["A paragraph that fills a line or two of the conversation.\n\n"] * 80
    first = ScriptedReply(final=long_text[:20] + long_text, hold_after=20)
    second = ScriptedReply(final=long_text[:20] + long_text, hold_after=20)
    engine.replies.extend([first, second])
    bar = ready.chat_view.findChild(object, "messagesScrollArea").verticalScrollBar()
    send(qtbot, ready, "Write a lot")
    qtbot.waitUntil(lambda: bar.maximum() > 0 and bar.value() == bar.maximum())
    first.release.set()
    wait_idle(qtbot, ready, store)
    qtbot.waitUntil(lambda: bar.value() == bar.maximum())  # followed to the end
    send(qtbot, ready, "Again")
    qtbot.waitUntil(lambda: len(widgets(ready)) == 4 and answer_of(widgets(ready)[3]) != "")
    position = bar.maximum() // 2
    bar.setValue(position)  # the user scrolls up to read
    second.release.set()
    wait_idle(qtbot, ready, store)
    assert bar.value() == position and bar.maximum() > position + 1000


def test_an_interrupted_reply_keeps_its_text_and_says_so(qtbot, window, store):
    conversation = store.create_conversation(title="Crashed")
    store.add_message(conversation.id, "user", "Hello")
    store.add_message(conversation.id, "assistant", "Half a rep", status="interrupted")
    window.chat.open(conversation.id)
    qtbot.waitUntil(lambda: len(widgets(window)) == 2)
    assert answer_of(widgets(window)[1]) == "Half a rep"
    assert "Interrupted" in note_of(widgets(window)[1])


def test_words_that_cannot_be_saved_go_back_into_the_composer(qtbot, ready, store):
    # SQLite's own page limit gives the error a full disk gives: "database or disk is full".
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    words = "東京の明日の天気を教えてください。" * 300  # more than the free room in the last page
    send(qtbot, ready, words)
    view = ready.findChild(ChatView)
    qtbot.waitUntil(lambda: view.findChild(ErrorBox) is not None)
    assert "database or disk is full" in view.findChild(ErrorBox).text()
    assert ready.composer.edit.toPlainText() == words  # nothing lost
    assert not ready.chat.busy

    store._db.execute("PRAGMA max_page_count = 1073741823")  # room again: the same words go through
    qtbot.keyClick(ready.composer.edit, Qt.Key.Key_Return)
    wait_idle(qtbot, ready, store)
    assert store.messages(ready.chat.conversation_id)[0].content == words


def test_a_reply_the_store_cannot_save_is_said_once_and_saved_again_when_asked(qtbot, ready, store, engine):
    reply = ScriptedReply(final=["A" * 20000, "B" * 20000, "C" * 20000], hold_after=1)
    engine.replies.append(reply)

    def fill_the_disk(messages) -> None:
        # As the reply starts (its row saved, no text yet): as full as a full disk, so every checkpoint fails.
        pages = store._db.execute("PRAGMA page_count").fetchone()[0]
        store._db.execute(f"PRAGMA max_page_count = {pages}")

    engine.on_generate = fill_the_disk
    send(qtbot, ready, "Go")
    qtbot.waitUntil(lambda: ready.chat.conversation_id is not None)
    view = ready.findChild(ChatView)
    qtbot.waitUntil(lambda: view.findChild(ErrorBox) is not None, timeout=3000)  # a checkpoint failed
    qtbot.wait(2500)  # two more checkpoints fail: still one notice
    assert len([box for box in view.findChildren(ErrorBox) if box.isVisible()]) == 1
    reply.release.set()
    qtbot.waitUntil(lambda: view.findChild(QPushButton, "saveAgainButton") is not None)
    assert "database or disk is full" in view.findChild(QPushButton, "saveAgainButton").parent().text()
    assert answer_of(widgets(ready)[-1]).endswith("C" * 100)  # the reply stays on show
    assert store.messages(ready.chat.conversation_id)[-1].status == "streaming"  # the store holds what it could

    store._db.execute("PRAGMA max_page_count = 1073741823")
    click(qtbot, view, "saveAgainButton")
    qtbot.waitUntil(lambda: store.messages(ready.chat.conversation_id)[-1].status == "complete")
    assert store.messages(ready.chat.conversation_id)[-1].content == "A" * 20000 + "B" * 20000 + "C" * 20000
    assert view.findChild(QPushButton, "saveAgainButton") is None or not view.findChild(
        QPushButton, "saveAgainButton").isVisible()


def test_a_reply_the_store_refused_is_tried_again_when_the_window_closes(qtbot, ready, store, engine):
    reply = ScriptedReply(final=["D" * 30000], hold_after=0)
    engine.replies.append(reply)
    send(qtbot, ready, "Go")
    qtbot.waitUntil(lambda: ready.chat.conversation_id is not None and ready.chat.busy)
    cid = ready.chat.conversation_id
    pages = store._db.execute("PRAGMA page_count").fetchone()[0]
    store._db.execute(f"PRAGMA max_page_count = {pages}")
    reply.release.set()
    view = ready.findChild(ChatView)
    qtbot.waitUntil(lambda: view.findChild(QPushButton, "saveAgainButton") is not None)
    store._db.execute("PRAGMA max_page_count = 1073741823")  # space freed, but the user quits without Save again

    ready.shutdown()

    assert store.messages(cid)[-1].status == "complete" and store.messages(cid)[-1].content == "D" * 30000
