"""The Documents page (Tools ▸ Documents…): a folder added is indexed on the indexer's thread with a progress bar,
its unreadable files listed with the reason; files changed while the app runs are picked up by polling; indexing cut
short by quitting goes on where it stopped at the next start; remove forgets the folder. Per conversation, the chat
settings switch collections on and off."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QCheckBox, QListWidget

from app.core.documents.index import DocumentIndex
from app.ui.chat.settings_dialog import ConversationSettingsDialog
from app.ui.documents.library import DocumentsLibrary
from tests.support.documents import pdf_bytes
from tests.support.scripted_engine import ScriptedEngine
from tests.ui.documents.conftest import add_folder, documents_window
from tests.ui.helpers import click


def write_folder(folder, count: int = 3, size: int = 200):
    folder.mkdir()
    for number in range(count):
        (folder / f"note{number:03}.md").write_text(f"Note {number}: the budget meeting.\n" * size, encoding="utf-8")
    (folder / "broken.pdf").write_bytes(pdf_bytes([["Hello"]])[:60])
    return folder


def test_a_folder_is_indexed_with_progress_its_unreadable_files_listed_and_changes_picked_up(qtbot, store, tmp_path):
    folder = write_folder(tmp_path / "notes")
    window, documents = documents_window(qtbot, store, ScriptedEngine(), DocumentsLibrary(poll_ms=300))
    window.findChild(QAction, "documentsAction").trigger()  # Tools ▸ Documents…
    dialog = window._documents_dialog
    assert dialog is not None and dialog.isVisible()
    seen: list[tuple[int, int]] = []
    documents.stateChanged.connect(lambda cid: seen.append(documents.progress(cid) or (-1, -1)))
    bars: list[bool] = []
    documents.stateChanged.connect(lambda cid: bars.append(any(row.bar.isVisible() for row in dialog.rows())))
    dialog.add_folder(folder)
    qtbot.waitUntil(lambda: bool(dialog.rows()) and dialog.rows()[0].collection.name == "notes"
                    and "up to date" in dialog.rows()[0].state.text(), timeout=20000)
    assert (4, 4) in seen and True in bars  # the bar moved while the files were read
    row = dialog.rows()[0]
    assert "4 file(s)" in row.state.text() and "1 not readable" in row.state.text() and not row.bar.isVisible()
    problem = dialog.problems.topLevelItem(0)
    assert problem.text(0) == "broken.pdf" and "is not a readable PDF" in problem.text(1)
    assert window.chat.settings.collections == (row.collection.id,)  # on for the conversation on show

    (folder / "added.txt").write_text("A new note about the offsite.\n", encoding="utf-8")
    qtbot.waitUntil(lambda: "5 file(s)" in dialog.rows()[0].state.text(), timeout=20000)  # polling found it
    assert documents.index.search("offsite", 1)


def test_removing_a_folder_forgets_it(qtbot, store, tmp_path, monkeypatch):
    folder = write_folder(tmp_path / "notes")
    window, documents = documents_window(qtbot, store, ScriptedEngine())
    collection_id = add_folder(qtbot, documents, folder)
    window.open_documents()
    dialog = window._documents_dialog
    qtbot.waitUntil(lambda: len(dialog.rows()) == 1)
    monkeypatch.setattr("app.ui.documents.dialog.ask", lambda *args: "removeCollection")
    click(qtbot, dialog, "removeCollectionButton")
    qtbot.waitUntil(lambda: dialog.rows() == [] and documents.collections == [], timeout=30000)
    assert not dialog.notice.isVisible(), dialog.notice.text()
    assert documents.collection_ids("any", (collection_id,)) == []
    assert (folder / "note000.md").is_file()  # the files themselves stay


def test_indexing_cut_short_by_quitting_goes_on_at_the_next_start(qtbot, tmp_path):
    # Enough files that the run is far from its end when the window hears of its 40th (progress comes ten times a
    # second at most).
    folder = write_folder(tmp_path / "many", count=2000, size=30)
    first = DocumentsLibrary()
    first.start()
    qtbot.waitUntil(lambda: first.index is not None, timeout=30000)
    first.add(folder)
    qtbot.waitUntil(lambda: (first.progress(1) or (0, 0))[0] >= 40, timeout=30000)
    first.shutdown()  # as the app quits: the run stops after its current file
    with DocumentIndex.open() as index:
        kept = index.stats(1).files
    assert 0 < kept < 2001

    again = DocumentsLibrary()
    progress: list[tuple[int, int]] = []
    again.stateChanged.connect(lambda cid: progress.append(again.progress(cid) or (-1, -1)))
    again.start()
    qtbot.waitUntil(lambda: 1 in again.reports and again.progress(1) is None, timeout=60000)
    first_count = next(done for done, total in progress if total)
    assert first_count >= kept  # went on from where it stopped, not from the start
    assert not again.reports[1].stopped and again.reports[1].added == 2001 - kept
    qtbot.waitUntil(lambda: again.collections and again.collections[0].stats.files == 2001, timeout=30000)
    again.shutdown()


def test_the_chat_settings_switch_collections_on_and_off(qtbot, store, tmp_path):
    window, documents = documents_window(qtbot, store, ScriptedEngine())
    first = add_folder(qtbot, documents, write_folder(tmp_path / "a"))
    second = add_folder(qtbot, documents, write_folder(tmp_path / "b"))
    assert window.chat.settings.collections == (first, second)
    dialog = ConversationSettingsDialog(window.chat.layers, window, (), [(first, "a"), (second, "b")])
    qtbot.addWidget(dialog)
    listed = dialog.findChild(QListWidget, "collectionsList")
    assert [listed.item(i).checkState() for i in range(2)] == [Qt.CheckState.Checked] * 2
    listed.item(0).setCheckState(Qt.CheckState.Unchecked)
    dialog.findChild(QCheckBox, "documentsAutomaticCheck").setChecked(True)
    values, inherit = dialog.changes()
    window.chat.update_settings(inherit, **values)
    assert window.chat.settings.collections == (second,) and window.chat.settings.documents_automatic
