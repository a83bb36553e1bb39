"""The Documents page (a non-modal dialog): the folders the model can read, each with its state and a progress bar
while it is indexed; add (a folder dialog), reindex, remove; and the files of the chosen one that could not be read,
each with the reason. The library does the work off the GUI thread; the page shows what it reports."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal, Slot
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.ui.chat.settings_form import named
from app.ui.core_messages import translate_core
from app.ui.documents.collection_row import CollectionRow
from app.ui.documents.library import CollectionInfo, DocumentsLibrary
from app.ui.widgets.ask import ask
from app.ui.widgets.makers import close_buttons, push_button
from app.ui.widgets.notice import Notice

SIZE = (760, 620)
_ID = Qt.ItemDataRole.UserRole


class DocumentsDialog(QDialog):
    collectionsShown = Signal()  # the list shows the collections as last read

    def __init__(self, library: DocumentsLibrary, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("documentsDialog")
        self.setWindowTitle(self.tr("Documents"))
        self.setModal(False)
        self.resize(*SIZE)
        self._library = library
        self.notice = Notice("documentsNotice", self)
        intro = QLabel(self.tr("Folders the model can search and read, citing the files and lines it used. Switch "
                               "them on for a conversation in its chat settings. Indexing and search stay on this "
                               "computer."), self)
        intro.setWordWrap(True)
        self.meaning = QLabel(self)
        self.meaning.setObjectName("searchByMeaning")
        self.meaning.setWordWrap(True)
        self.collections = named(QListWidget(self), "collectionList", self.tr("Document collections"))
        self.collections.currentItemChanged.connect(self._on_collections_current_item_changed)
        self._add = push_button(self, "addCollectionButton", self.tr("Add folder…"), self.tr("Add a folder"),
                                self._on_add_clicked)
        self._reindex = push_button(self, "reindexCollectionButton", self.tr("Reindex"),
                                    self.tr("Look for changed files in the chosen folder now"),
                                    self._on_reindex_clicked)
        self._remove = push_button(self, "removeCollectionButton", self.tr("Remove…"),
                                   self.tr("Remove the chosen folder"), self._on_remove_clicked)
        self._problems_label = QLabel(self)
        self.problems = named(QTreeWidget(self), "problemList", self.tr("Files that could not be read"))
        self.problems.setHeaderLabels([self.tr("File"), self.tr("Reason")])
        self.problems.setRootIsDecorated(False)
        self.problems.setColumnWidth(0, 260)
        self._layout(intro)
        library.collectionsChanged.connect(self._show_collections)
        library.stateChanged.connect(self._on_library_state_changed)
        library.errorRaised.connect(lambda text: self.notice.show_text(text, error=True))
        library.meaningChanged.connect(self._show_meaning)
        self._show_collections()
        self._show_meaning()

    def _layout(self, intro: QLabel) -> None:
        buttons = QHBoxLayout()
        for button in (self._add, self._reindex, self._remove):
            buttons.addWidget(button)
        buttons.addStretch(1)
        column = QVBoxLayout(self)
        column.addWidget(self.notice)
        column.addWidget(intro)
        column.addWidget(self.meaning)
        column.addWidget(self.collections, 3)
        column.addLayout(buttons)
        column.addWidget(self._problems_label)
        column.addWidget(self.problems, 2)
        column.addWidget(close_buttons(self, self.tr("Close the Documents page")))

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self._library.refresh()

    # Showing

    def rows(self) -> list[CollectionRow]:
        return [self.collections.itemWidget(self.collections.item(i)) for i in range(self.collections.count())]

    @Slot()
    def _show_collections(self) -> None:
        chosen = self._current_id()
        self.collections.clear()
        for info in self._library.collections:
            item = QListWidgetItem(self.collections)
            item.setData(_ID, info.collection.id)
            row = CollectionRow(info, self.collections)
            self._show_state(row, info)
            item.setSizeHint(row.sizeHint())
            self.collections.setItemWidget(item, row)
            if info.collection.id == chosen:
                self.collections.setCurrentItem(item)
        if self.collections.currentItem() is None and self.collections.count():
            self.collections.setCurrentRow(0)
        self._show_problems()
        self.collectionsShown.emit()

    def _show_state(self, row: CollectionRow, info: CollectionInfo) -> None:
        cid = info.collection.id
        row.show_state(info, self._library.progress(cid), self._library.reports.get(cid),
                       self._library.errors.get(cid, ""))
        self._accessible(row)

    def _accessible(self, row: CollectionRow) -> None:
        for i in range(self.collections.count()):
            item = self.collections.item(i)
            if item.data(_ID) == row.collection.id:
                item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{row.collection.name}: {row.state.text()}")

    @Slot(int)
    def _on_library_state_changed(self, collection_id: int) -> None:
        info = next((info for info in self._library.collections if info.collection.id == collection_id), None)
        row = next((row for row in self.rows() if row.collection.id == collection_id), None)
        if info is not None and row is not None:
            self._show_state(row, info)

    @Slot()
    def _show_meaning(self) -> None:
        if self._library.vectors is None:
            text = self.tr("Search by meaning is off. Download the embedding model (Granite Embedding multilingual, "
                           "about 120 MB) in the model manager to also find passages that say the same thing in "
                           "other words or in another language.")
        elif self._library.embedding is not None:
            done, total = self._library.embedding
            text = self.tr("Search by meaning: preparing passages ({0} of {1}).").format(
                self.locale().toString(done), self.locale().toString(total))
        else:
            text = self.tr("Search by meaning is on: passages are found by what they say as well as by their words.")
        self.meaning.setText(text)

    def _current_id(self) -> int | None:
        item = self.collections.currentItem()
        return item.data(_ID) if item is not None else None

    def _current(self) -> CollectionInfo | None:
        chosen = self._current_id()
        return next((info for info in self._library.collections if info.collection.id == chosen), None)

    @Slot(object, object)
    def _on_collections_current_item_changed(self, _current: object, _previous: object) -> None:
        self._show_problems()

    def _show_problems(self) -> None:
        info = self._current()
        self._reindex.setEnabled(info is not None)
        self._remove.setEnabled(info is not None)
        self.problems.clear()
        problems = info.problems if info is not None else ()
        for problem in problems:
            item = QTreeWidgetItem(self.problems, [problem.path, translate_core(problem.reason)])
            item.setToolTip(1, item.text(1))
        self._problems_label.setText(self.tr("Files that could not be read: %n", "", len(problems)))
        self.problems.setVisible(bool(problems))

    # Changing

    @Slot()
    def _on_add_clicked(self) -> None:
        folder = QFileDialog.getExistingDirectory(self, self.tr("Add a folder of documents"), str(Path.home()))
        if folder:
            self.add_folder(Path(folder))

    def add_folder(self, folder: Path) -> None:
        self.notice.show_text("")
        self._library.add(folder)

    @Slot()
    def _on_reindex_clicked(self) -> None:
        info = self._current()
        if info is not None:
            self._library.reindex(info.collection.id)

    @Slot()
    def _on_remove_clicked(self) -> None:
        info = self._current()
        if info is None:
            return
        answer = ask(self, "removeCollectionQuestion", self.tr("Remove folder"),
                     self.tr("Remove {0} from the documents? The model will no longer read it. The files themselves "
                             "are not touched.").format(info.collection.root),
                     [("removeCollection", self.tr("Remove"), QMessageBox.ButtonRole.DestructiveRole),
                      ("keepCollection", self.tr("Cancel"), QMessageBox.ButtonRole.RejectRole)])
        if answer == "removeCollection":
            self._library.remove(info.collection.id)
