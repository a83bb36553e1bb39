"""Projects in the real window over a real store: the sidebar's tree (folding, dragging in and out, the move menu),
a new chat in a project taking its settings and instructions to the model, the settings dialogs with their sources,
deleting a project both ways, and search in one project."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QApplication, QComboBox, QDoubleSpinBox, QLabel, QMenu, QPushButton, QToolButton

from app.core.paths import app_paths
from app.core.project_files import list_files
from app.core.prompts.harmony import render_prompt
from app.core.settings import Settings
from app.ui.chat.settings_dialog import ConversationSettingsDialog
from app.ui.core_messages import template_for
from app.ui.projects import actions
from app.ui.projects.project_dialog import ProjectDialog
from tests.ui.conftest import MODEL, make_window
from tests.ui.helpers import send, wait_idle

INSTRUCTIONS = "I am writing a thesis on river ecology. Cite your sources."


def fill(store):
    """Two projects (one with instructions and defaults), conversations in them and outside."""
    thesis = store.create_project("Thesis", INSTRUCTIONS, {"reasoning_effort": "high", "temperature": 0.3})
    work = store.create_project("Work")
    ids = {}
    for title, project in (("Groceries", None), ("Report", work.id), ("Outline", thesis.id), ("Sources", thesis.id)):
        ids[title] = store.create_conversation(title=title, project_id=project).id
        store.add_message(ids[title], "user", f"{title}: platypus")
    return thesis, work, ids


def titles(window) -> list[str]:
    return [item.text(0) for item in window.sidebar.conversations.rows()]


def listed(qtbot, window, expected: list[str]) -> None:
    qtbot.waitUntil(lambda: titles(window) == expected)


def drag(tree, conversation_id: int, target) -> None:
    """A drag of the conversation's row dropped on `target` (a row, or None for the empty space below)."""
    mime = tree.mimeData([tree.item_of(conversation_id)])
    if target is None:
        point = QPointF(10, tree.viewport().height() - 4)
    else:
        point = QPointF(tree.visualItemRect(target).center())
    buttons, keys, action = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, Qt.DropAction.CopyAction
    viewport = tree.viewport()
    enter = QDragEnterEvent(point.toPoint(), action, mime, buttons, keys)
    QApplication.sendEvent(viewport, enter)
    assert enter.isAccepted()
    QApplication.sendEvent(viewport, QDragMoveEvent(point.toPoint(), action, mime, buttons, keys))
    drop = QDropEvent(point, action, mime, buttons, keys)
    QApplication.sendEvent(viewport, drop)
    assert drop.isAccepted() and drop.dropAction() == Qt.DropAction.CopyAction  # Qt removes nothing itself


def test_the_sidebar_groups_conversations_under_projects_and_folds_them(qtbot, store, engine):
    thesis, _, ids = fill(store)
    window = make_window(qtbot, store, engine)
    listed(qtbot, window, ["Projects", "Thesis", "Sources", "Outline", "Work", "Report", "Recent", "Groceries"])
    tree = window.sidebar.conversations
    thesis_row = next(item for item in tree.rows() if item.text(0) == "Thesis")
    assert thesis_row.isExpanded() and thesis_row.childCount() == 2
    thesis_row.setExpanded(False)
    window.library.refresh()  # a new listing keeps what the person folded
    qtbot.waitUntil(lambda: not next(i for i in tree.rows() if i.text(0) == "Thesis").isExpanded())
    assert tree.item_of(ids["Outline"]).parent().text(0) == "Thesis"
    qtbot.mouseClick(tree.viewport(), Qt.MouseButton.LeftButton, pos=tree.visualItemRect(tree.item_of(
        ids["Report"])).center())
    qtbot.waitUntil(lambda: window.chat.conversation_id == ids["Report"])
    assert window.top_bar.origin.project.text() == "Project: Work"


def test_dragging_a_conversation_into_a_project_and_out(qtbot, store, engine):
    thesis, work, ids = fill(store)
    window = make_window(qtbot, store, engine)
    listed(qtbot, window, ["Projects", "Thesis", "Sources", "Outline", "Work", "Report", "Recent", "Groceries"])
    tree = window.sidebar.conversations
    drag(tree, ids["Groceries"], next(item for item in tree.rows() if item.text(0) == "Work"))
    qtbot.waitUntil(lambda: store.get_conversation(ids["Groceries"]).project_id == work.id)
    listed(qtbot, window, ["Projects", "Thesis", "Sources", "Outline", "Work", "Report", "Groceries"])
    drag(tree, ids["Groceries"], tree.item_of(ids["Outline"]))  # onto a conversation of another project
    qtbot.waitUntil(lambda: store.get_conversation(ids["Groceries"]).project_id == thesis.id)
    listed(qtbot, window, ["Projects", "Thesis", "Sources", "Outline", "Groceries", "Work", "Report"])
    drag(tree, ids["Groceries"], None)  # below every row: outside any project
    qtbot.waitUntil(lambda: store.get_conversation(ids["Groceries"]).project_id is None)
    listed(qtbot, window, ["Projects", "Thesis", "Sources", "Outline", "Work", "Report", "Recent", "Groceries"])
    # A drop where the conversation already is changes nothing.
    with qtbot.assertNotEmitted(window.library.conversationChanged, wait=200):
        drag(tree, ids["Outline"], tree.item_of(ids["Sources"]))


def test_the_move_menu_does_what_dragging_does(qtbot, store, engine):
    thesis, work, ids = fill(store)
    window = make_window(qtbot, store, engine)
    listed(qtbot, window, ["Projects", "Thesis", "Sources", "Outline", "Work", "Report", "Recent", "Groceries"])
    window.chat.open(ids["Outline"])
    qtbot.waitUntil(lambda: window.chat.conversation_id == ids["Outline"])
    assert window.chat.settings.reasoning_effort == "high"
    menu = QMenu(window)
    move = window.sidebar.add_move_menu(menu, window.sidebar.conversations.item_of(ids["Outline"]))
    assert [action.text() for action in move.actions() if action.text()] == ["Work", "Outside any project"]
    next(action for action in move.actions() if action.text() == "Work").trigger()
    qtbot.waitUntil(lambda: store.get_conversation(ids["Outline"]).project_id == work.id)
    # The conversation on show now takes the other project's settings.
    qtbot.waitUntil(lambda: window.chat.settings.reasoning_effort == "medium")
    assert window.top_bar.findChild(QComboBox, "reasoningEffortCombo").currentData() == "medium"
    assert window.top_bar.origin.project.text() == "Project: Work"


def test_a_new_chat_in_a_project_takes_its_settings_and_its_instructions_reach_the_prompt(qtbot, store, engine):
    thesis, _, _ = fill(store)
    window = make_window(qtbot, store, engine, Settings().with_values("chat", system_prompt="Be friendly."))
    window.model.load(MODEL)
    qtbot.waitUntil(lambda: window.model.state.name == "READY")
    window.chat.new_conversation_in(thesis)
    assert window.top_bar.findChild(QComboBox, "reasoningEffortCombo").currentData() == "high"
    assert window.top_bar.origin.project.text() == "Project: Thesis"
    window.chat.update_settings(max_tokens=512)
    send(qtbot, window, "Which test fits fish counts?")
    wait_idle(qtbot, window, store)
    messages, params = engine.calls[-1]
    assert (params.reasoning_effort, params.temperature, params.max_tokens) == ("high", 0.3, 512)
    prompt = render_prompt(messages, params)
    assert f"<|start|>developer<|message|># Instructions\n\n{INSTRUCTIONS}\n\nBe friendly.\n\n<|end|>" in prompt
    conversation = store.get_conversation(window.chat.conversation_id)
    assert conversation.project_id == thesis.id
    assert conversation.settings == {"max_tokens": 512}  # only what it set itself
    qtbot.waitUntil(lambda: window.sidebar.conversations.item_of(conversation.id) is not None)
    assert window.sidebar.conversations.item_of(conversation.id).parent().text(0) == "Thesis"


def test_the_chat_settings_dialog_shows_where_values_come_from_and_inherits_again(qtbot, store, engine, monkeypatch):
    thesis, _, ids = fill(store)
    store.update_settings(ids["Outline"], {"temperature": 0.9})
    window = make_window(qtbot, store, engine)
    window.chat.open(ids["Outline"])
    qtbot.waitUntil(lambda: window.chat.settings.temperature == 0.9)
    seen = {}

    def answer(dialog: ConversationSettingsDialog) -> int:
        seen.update({name: dialog.findChild(QLabel, f"{name}Source").text()
                     for name in ("temperature", "reasoning_effort", "top_p")})
        inherit = dialog.findChild(QToolButton, "temperatureInheritButton")
        seen["inherit enabled"] = inherit.isEnabled()
        inherit.click()
        seen["shown after inherit"] = dialog.findChild(QDoubleSpinBox, "temperatureSpin").value()
        dialog.findChild(QDoubleSpinBox, "topPSpin").setValue(0.5)
        seen["top_p after edit"] = dialog.findChild(QLabel, "top_pSource").text()
        return 1

    monkeypatch.setattr(ConversationSettingsDialog, "exec", answer)
    window.edit_conversation_settings()
    qtbot.waitUntil(lambda: "top_p after edit" in seen)
    assert seen == {"temperature": "This conversation", "reasoning_effort": "Project “Thesis”",
                    "top_p": "App default", "inherit enabled": True, "shown after inherit": 0.3,
                    "top_p after edit": "This conversation"}
    qtbot.waitUntil(lambda: store.get_conversation(ids["Outline"]).settings == {"top_p": 0.5})
    assert (window.chat.settings.temperature, window.chat.settings.top_p) == (0.3, 0.5)


def test_the_project_dialog_changes_the_project_and_the_conversation_on_show(qtbot, store, engine, monkeypatch):
    thesis, _, ids = fill(store)
    window = make_window(qtbot, store, engine)
    window.chat.open(ids["Outline"])
    qtbot.waitUntil(lambda: window.chat.settings.reasoning_effort == "high")

    def answer(dialog: ProjectDialog) -> int:
        dialog.name.setText("Thesis 2025")
        dialog.instructions.setPlainText("Use metric units.")
        dialog.findChild(QComboBox, "effortCombo").setCurrentIndex(0)  # low
        dialog.findChild(QToolButton, "temperatureInheritButton").click()
        return 1

    monkeypatch.setattr(ProjectDialog, "exec", answer)
    window.projects.edit(thesis)
    qtbot.waitUntil(lambda: store.get_project(thesis.id).name == "Thesis 2025")
    project = store.get_project(thesis.id)
    assert (project.instructions, project.settings) == ("Use metric units.", {"reasoning_effort": "low"})
    qtbot.waitUntil(lambda: window.chat.settings.reasoning_effort == "low")
    assert window.chat.settings.project_instructions == "Use metric units."
    qtbot.waitUntil(lambda: window.top_bar.origin.project.text() == "Project: Thesis 2025")
    qtbot.waitUntil(lambda: "Thesis 2025" in titles(window))  # the sidebar reads the projects again on its own


def test_a_new_project_is_made_from_the_sidebar_and_a_chat_in_it_opens(qtbot, store, engine, monkeypatch):
    window = make_window(qtbot, store, engine)
    refused = []

    def answer(dialog: ProjectDialog) -> int:
        dialog._on_ok()  # no name yet: refused, the dialog stays
        refused.append(dialog.findChild(QLabel, "projectProblem").text())
        dialog.name.setText("Holidays")
        dialog.findChild(QComboBox, "effortCombo").setCurrentIndex(2)  # high
        return 1

    monkeypatch.setattr(ProjectDialog, "exec", answer)
    qtbot.mouseClick(window.sidebar.findChild(object, "newProjectButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: [p.name for p in store.list_projects()] == ["Holidays"])
    assert refused == ["Give the project a name."]
    qtbot.waitUntil(lambda: window.chat.project is not None and window.chat.project.name == "Holidays")
    assert window.chat.settings.reasoning_effort == "high" and window.chat.snapshot is None
    qtbot.waitUntil(lambda: "Holidays" in titles(window))  # the sidebar reads the store on its thread
    assert window.sidebar.search_project.isVisible()


def test_deleting_a_project_keeps_its_conversations_outside(qtbot, store, engine, monkeypatch):
    thesis, _, ids = fill(store)
    window = make_window(qtbot, store, engine)
    window.chat.open(ids["Outline"])
    qtbot.waitUntil(lambda: window.chat.project is not None)
    asked = []
    monkeypatch.setattr(actions, "ask", lambda *args: asked.append(args[3]) or "keepConversations")
    window.projects.delete(thesis)
    qtbot.waitUntil(lambda: window.chat.project is None and window.chat.conversation_id == ids["Outline"])
    assert "Delete the project “Thesis”?" in asked[0]
    listed(qtbot, window, ["Projects", "Work", "Report", "Recent", "Sources", "Outline", "Groceries"])
    assert window.chat.settings.reasoning_effort == "medium"


def test_deleting_a_project_with_its_conversations(qtbot, store, engine, monkeypatch):
    thesis, _, ids = fill(store)
    window = make_window(qtbot, store, engine)
    window.chat.open(ids["Outline"])
    qtbot.waitUntil(lambda: window.chat.conversation_id == ids["Outline"])
    files = app_paths().conversation_files(store.get_conversation(ids["Outline"]).uuid)
    files.mkdir(parents=True)
    (files / "plot.png").write_bytes(b"written by python")
    monkeypatch.setattr(actions, "ask", lambda *args: "deleteConversations")
    window.projects.delete(thesis)
    qtbot.waitUntil(lambda: window.chat.snapshot is None)
    assert not files.exists()  # a deleted conversation's files go with it
    listed(qtbot, window, ["Projects", "Work", "Report", "Recent", "Groceries"])
    assert {c.id for c in store.list_conversations()} == {ids["Report"], ids["Groceries"]}
    monkeypatch.setattr(actions, "ask", lambda *args: None)  # closed with Escape: nothing happens
    work = store.list_projects()[0]
    with qtbot.assertNotEmitted(window.library.projectDeleted, wait=200):
        window.projects.delete(work)


def test_search_keeps_to_the_chosen_project(qtbot, store, engine, monkeypatch):
    thesis, work, ids = fill(store)
    window = make_window(qtbot, store, engine)
    sidebar = window.sidebar
    qtbot.waitUntil(lambda: sidebar.search_project.count() == 4)
    assert [sidebar.search_project.itemText(i) for i in range(4)] == [
        "All conversations", "Outside any project", "Project: Thesis", "Project: Work"]
    with qtbot.waitSignal(window.library.searchFinished) as everywhere:
        sidebar.search_box.setText("platypus")
    assert {hit.conversation_id for hit in everywhere.args[1]} == set(ids.values())
    with qtbot.waitSignal(window.library.searchFinished) as in_thesis:
        sidebar.search_project.setCurrentIndex(2)
        sidebar.search_project.activated.emit(2)
    assert {hit.conversation_id for hit in in_thesis.args[1]} == {ids["Outline"], ids["Sources"]}
    assert sidebar.results.count() == len(in_thesis.args[1])
    with qtbot.waitSignal(window.library.searchFinished) as outside:
        sidebar.search_project.setCurrentIndex(1)
        sidebar.search_project.activated.emit(1)
    assert {hit.conversation_id for hit in outside.args[1]} == {ids["Groceries"]}

    # The project searched in is deleted: the search goes on in all conversations, as the list then says.
    with qtbot.waitSignal(window.library.searchFinished):
        sidebar.search_project.setCurrentIndex(3)
        sidebar.search_project.activated.emit(3)
    monkeypatch.setattr(actions, "ask", lambda *args: "keepConversations")
    window.projects.delete(work)
    qtbot.waitUntil(lambda: sidebar.search_project.count() == 3 and sidebar.search_project.currentData() is None)
    qtbot.waitUntil(lambda: sidebar.results.count() == len(everywhere.args[1]))


def test_project_files_messages_are_translated_templates(store, tmp_path):
    from app.core.project_files import ProjectFilesError, add_files

    thesis = store.create_project("Thesis")
    messages = []
    try:
        add_files(thesis, [tmp_path / "missing.pdf"])
    except ProjectFilesError as error:
        messages.append(str(error))
    try:
        store.create_project(" ")
    except ValueError as error:
        messages.append(str(error))
    messages.append("notes.md could not be copied into the project (No space left on device).")
    assert len(messages) == 3 and all(template_for(message) is not None for message in messages)


def test_files_added_in_the_project_dialog_are_searched_by_its_conversations(qtbot, store, engine, tmp_path):
    thesis, _, ids = fill(store)
    window = make_window(qtbot, store, engine)
    window.chat.open(ids["Outline"])
    qtbot.waitUntil(lambda: window.chat.conversation_id == ids["Outline"])
    assert window.chat.settings.collections == ()
    notes = tmp_path / "field notes.md"
    notes.write_text("Site 3: fourteen ayu and two carp.\n", encoding="utf-8")
    dialog = ProjectDialog(window._settings.value.chat, thesis, store, window)
    dialog.files.projectChanged.connect(window.library.project_files_changed)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: not dialog.files.busy)
    assert dialog.files.files.count() == 0 and "No files yet" in dialog.files.status.text()
    dialog.files.add([notes, tmp_path / "missing.txt"])
    qtbot.waitUntil(lambda: not dialog.files.busy)
    assert "missing.txt is not a file" in dialog.files.status.text()
    assert dialog.files.files.count() == 0 and list_files(thesis) == []  # nothing copied
    dialog.files.add([notes])
    qtbot.waitUntil(lambda: dialog.files.files.count() == 1 and not dialog.files.busy)
    collection = store.get_project(thesis.id).files_collection
    assert collection is not None
    qtbot.waitUntil(lambda: window.chat.settings.collections == (collection,))  # the conversation on show knows
    dialog.files.files.setCurrentRow(0)
    qtbot.mouseClick(dialog.findChild(QPushButton, "removeProjectFileButton"), Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: dialog.files.files.count() == 0 and not dialog.files.busy)
    dialog.reject()
