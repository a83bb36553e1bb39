"""Fork from here in the real window: the new conversation holds the history up to the message with its settings,
project and files, opens, and links back; made at a question, it answers it; on the tiny model its first reply
evaluates only the new tokens."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from app.core.engines.llama.engine import LlamaEngine
from app.core.paths import app_paths
from app.ui.model_controller import ModelState
from tests.support.scripted_engine import ScriptedReply
from tests.ui.conftest import make_window
from tests.ui.helpers import click, send, wait_idle, widgets

KEPT = ("role", "content", "reasoning", "steps", "status", "stats", "model_file")


def test_fork_from_here_opens_the_history_up_to_the_message_linked_back(qtbot, ready, store, engine):
    thesis = store.create_project("Thesis", "Cite your sources.")
    ready.chat.new_conversation_in(thesis)
    ready.chat.update_settings(temperature=0.4)
    engine.replies.extend([ScriptedReply(analysis=["Think."], final=["First answer."]),
                           ScriptedReply(final=["Second answer."])])
    send(qtbot, ready, "First question")
    wait_idle(qtbot, ready, store)
    send(qtbot, ready, "Second question")
    wait_idle(qtbot, ready, store)
    original = ready.chat.conversation_id
    before = store.messages(original)
    files = app_paths().conversation_files(store.get_conversation(original).uuid)
    files.mkdir(parents=True)
    (files / "notes.md").write_text("attached or written by python", encoding="utf-8")

    click(qtbot, widgets(ready)[1], "forkButton")
    qtbot.waitUntil(lambda: ready.chat.conversation_id not in (None, original))
    fork = store.get_conversation(ready.chat.conversation_id)
    # The fork has its original's files (attachments its chips open, what python wrote).
    assert (app_paths().conversation_files(fork.uuid) / "notes.md").read_text(encoding="utf-8") == \
        "attached or written by python"
    copied = store.messages(fork.id)
    assert [[getattr(m, k) for k in KEPT] for m in copied] == [[getattr(m, k) for k in KEPT] for m in before[:2]]
    assert (fork.title, fork.project_id, fork.settings) == ("First question (fork)", thesis.id, {"temperature": 0.4})
    assert [w.message.id for w in widgets(ready)] == [m.id for m in copied]
    link = ready.top_bar.origin.fork
    assert link.isVisible() and link.text() == "Forked from “First question”"
    qtbot.waitUntil(lambda: ready.sidebar.conversations.item_of(fork.id) is not None)
    assert ready.sidebar.conversations.item_of(fork.id).parent().text(0) == "Thesis"

    # The fork goes on by itself; the original is as it was.
    send(qtbot, ready, "A different second question")
    wait_idle(qtbot, ready, store)
    assert [m.content for m in engine.calls[-1][0]] == ["First question", "First answer.",
                                                        "A different second question"]
    assert store.messages(original) == before
    with qtbot.waitSignal(ready.chat.revealRequested) as revealed:
        qtbot.mouseClick(link, Qt.MouseButton.LeftButton)
    assert ready.chat.conversation_id == original and revealed.args == [before[1].id]
    assert not ready.top_bar.origin.fork.isVisible()


def test_a_fork_made_at_a_question_answers_it(qtbot, ready, store, engine):
    engine.replies.extend([ScriptedReply(final=["First answer."]), ScriptedReply(final=["Second answer."]),
                           ScriptedReply(final=["Another second answer."])])
    for question in ("First question", "Second question"):
        send(qtbot, ready, question)
        wait_idle(qtbot, ready, store)
    original = ready.chat.conversation_id
    before = store.messages(original)

    click(qtbot, widgets(ready)[2], "forkButton")
    qtbot.waitUntil(lambda: ready.chat.conversation_id not in (None, original))
    wait_idle(qtbot, ready, store)

    forked = store.messages(ready.chat.conversation_id)
    assert [(m.role, m.content) for m in forked] == [("user", "First question"), ("assistant", "First answer."),
                                                     ("user", "Second question"),
                                                     ("assistant", "Another second answer.")]
    assert [m.content for m in engine.calls[-1][0]] == ["First question", "First answer.", "Second question"]
    assert store.messages(original) == before

    fork = ready.chat.conversation_id
    click(qtbot, widgets(ready)[1], "forkButton")  # a fork of the fork is named like it, not "… (fork) (fork)"
    qtbot.waitUntil(lambda: ready.chat.conversation_id not in (None, original, fork))
    assert store.get_conversation(ready.chat.conversation_id).title == "First question (fork)"


@pytest.mark.slow
def test_on_the_tiny_model_a_forks_first_reply_evaluates_only_the_new_tokens(qtbot, store, tiny_gpt_oss):
    window = make_window(qtbot, store, LlamaEngine())
    window.model.load(tiny_gpt_oss)
    qtbot.waitUntil(lambda: window.model.state is ModelState.READY, timeout=30000)
    window.chat.update_settings(max_tokens=16, reasoning_effort="low")
    send(qtbot, window, "Tell me about rivers. " * 20)
    wait_idle(qtbot, window, store, timeout=60000)
    first = store.messages(window.chat.conversation_id)[-1]
    assert first.stats["prompt_tokens_reused"] == 0

    click(qtbot, widgets(window)[1], "forkButton")
    qtbot.waitUntil(lambda: window.chat.conversation_id != first.conversation_id)
    send(qtbot, window, "And lakes?")
    wait_idle(qtbot, window, store, timeout=60000)
    forked = store.messages(window.chat.conversation_id)[-1].stats
    # The whole prompt of the original's reply is reused (its random reply holds no harmony control token, so the
    # history's `<|channel|>final` is where the cache and the fork part); what is evaluated is only the new turn:
    # the first reply as history writes it, and the new question.
    assert forked["prompt_tokens_reused"] == first.stats["prompt_tokens"]
    assert forked["prompt_tokens_evaluated"] == forked["prompt_tokens"] - first.stats["prompt_tokens"]
    assert forked["prompt_tokens_evaluated"] < first.stats["prompt_tokens"] // 4
