"""The source preview: a pane at the side of the window showing the file a citation, a source or an attached file
names, scrolled to its lines and with them marked. The text is what the index read (a PDF's or a Word document's
text, lines as the citations count them), read again off the GUI thread; a file the pane cannot show (a scan, a
picture, anything but text) opens in the system's viewer instead, and the pane says why.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QColor, QDesktopServices, QPainter, QPaintEvent, QResizeEvent, QTextCursor, QTextFormat
from PySide6.QtWidgets import (
    QDockWidget,
    QHBoxLayout,
    QMainWindow,
    QPlainTextEdit,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from app.core.documents.browser.citations import Source
from app.core.documents.reading.extract import Unreadable, read_document
from app.ui.core_messages import translate_core
from app.ui.documents.text import lines_text
from app.ui.theme import Theme
from app.ui.threads.background import Background
from app.ui.widgets.makers import push_button, selectable_label

SHOWN_LINES = 4000  # of a long text, the lines around the ones cited: a whole 8-million-character text would stall


@dataclass(frozen=True)
class _Shown:
    source: Source
    text: str  # the lines shown
    first_line: int  # the file's line number of the first line shown
    total_lines: int
    problem: str  # the core's reason when the text could not be read ('' otherwise)
    exists: bool


def _read(source: Source) -> _Shown:
    result = read_document(source.path)
    if isinstance(result, Unreadable):
        return _Shown(source, "", 1, 0, result.reason, source.path.exists())
    lines = result.text.split("\n")
    start = max(0, min(source.lines[0] - 1 - SHOWN_LINES // 2, len(lines) - SHOWN_LINES))
    return _Shown(source, "\n".join(lines[start:start + SHOWN_LINES]), start + 1, len(lines), "", True)


class _Margin(QWidget):
    def __init__(self, text: NumberedText) -> None:
        super().__init__(text)
        self._text = text

    def paintEvent(self, event: QPaintEvent) -> None:
        self._text.paint_margin(self, event)


class NumberedText(QPlainTextEdit):
    """Read-only text with the file's line numbers in a margin (Qt's code editor example, numbered from
    `first_line`)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.first_line = 1
        self._margin = _Margin(self)
        self.blockCountChanged.connect(self._fit_margin)
        self.updateRequest.connect(lambda rect, dy: self._margin.scroll(0, dy) if dy else self._margin.update())
        self._fit_margin()

    def _margin_width(self) -> int:
        digits = len(str(self.first_line + self.blockCount()))
        return 12 + self.fontMetrics().horizontalAdvance("9") * digits

    def _fit_margin(self) -> None:
        self.setViewportMargins(self._margin_width(), 0, 0, 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        area = self.contentsRect()
        self._margin.setGeometry(QRect(area.left(), area.top(), self._margin_width(), area.height()))

    def paint_margin(self, margin: QWidget, event: QPaintEvent) -> None:
        painter = QPainter(margin)
        painter.setPen(QColor(Theme.current().muted))
        block = self.firstVisibleBlock()
        top = round(self.blockBoundingGeometry(block).translated(self.contentOffset()).top())
        width, height = margin.width() - 6, self.fontMetrics().height()
        while block.isValid() and top <= event.rect().bottom():
            if block.isVisible():
                painter.drawText(0, top, width, height, Qt.AlignmentFlag.AlignRight,
                                 str(self.first_line + block.blockNumber()))
            top += round(self.blockBoundingRect(block).height())
            block = block.next()
        painter.end()


class SourcePreview(QDockWidget):
    shown = Signal(object)  # Source: the pane shows it (or the system's viewer was asked to)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(self.tr("Source"), parent)
        self.setObjectName("sourcePreview")
        self.setAllowedAreas(Qt.DockWidgetArea.LeftDockWidgetArea | Qt.DockWidgetArea.RightDockWidgetArea)
        self._background = Background(self)
        self._source: Source | None = None
        self.heading = selectable_label(self, "sourceHeading")
        self.note = selectable_label(self, "sourceNote")
        self.text = NumberedText(self)
        self.text.setObjectName("sourceText")
        self.text.setAccessibleName(self.tr("The source's text"))
        self.text.setReadOnly(True)
        self.text.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self._open = push_button(self, "openSourceButton", self.tr("Open in the default app"),
                                 self.tr("Open the file in the system's viewer"), self._open_externally)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self._open)
        inside = QWidget(self)
        column = QVBoxLayout(inside)
        column.addWidget(self.heading)
        column.addWidget(self.note)
        column.addWidget(self.text, 1)
        column.addLayout(buttons)
        self.setWidget(inside)
        self.hide()

    def sizeHint(self) -> QSize:
        return QSize(440, super().sizeHint().height())

    def show_source(self, source: Source) -> None:
        """Show the file at the source's lines (read off the GUI thread)."""
        self._source = source
        self.heading.setText(lines_text(source.path, *source.lines))
        self.heading.setToolTip(str(source.path))
        self._background.run(lambda: _read(source), self._on_read, lambda error: self._on_read(
            _Shown(source, "", 1, 0, str(error), source.path.exists())))

    def _on_read(self, shown: _Shown) -> None:
        if shown.source != self._source:
            return  # another source was asked for meanwhile
        self._open.setEnabled(shown.exists)
        if shown.problem:
            self.text.clear()
            if shown.exists:
                self.note.setText(self.tr("The preview cannot show this file ({0}); it was opened in the default "
                                          "app.").format(translate_core(shown.problem)))
                self._open_externally()
            else:
                self.note.setText(self.tr("The file is no longer there: {0}").format(shown.source.path))
        else:
            self.note.setText(self.tr("Lines {0}–{1} of {2}").format(
                shown.first_line, shown.first_line + shown.text.count("\n"), shown.total_lines)
                if shown.total_lines > SHOWN_LINES else "")
            self.text.first_line = shown.first_line
            self.text.setPlainText(shown.text)
            self._mark(shown.source.lines[0] - shown.first_line, shown.source.lines[1] - shown.first_line)
        self.note.setVisible(bool(self.note.text()))
        if not self.isVisible():
            self.show()
            window = self.parentWidget()
            if isinstance(window, QMainWindow):  # a dock first shows narrow: give the text room
                window.resizeDocks([self], [self.sizeHint().width()], Qt.Orientation.Horizontal)
        self.raise_()
        self.shown.emit(shown.source)

    def marked_text(self) -> str:
        """The text of the lines marked (what the source names)."""
        selections = self.text.extraSelections()
        return selections[0].cursor.selectedText().replace("\u2029", "\n") if selections else ""

    def _mark(self, first: int, last: int) -> None:
        """Mark lines first..last (0-based in the text shown) and scroll them into the middle."""
        document = self.text.document()
        start = document.findBlockByNumber(max(0, first))
        end = document.findBlockByNumber(max(first, min(last, document.blockCount() - 1)))
        cursor = QTextCursor(start)
        cursor.setPosition(end.position() + end.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        marked = QTextEdit.ExtraSelection()
        marked.cursor = cursor
        marked.format.setBackground(QColor(Theme.current().cited_lines))
        marked.format.setProperty(QTextFormat.Property.FullWidthSelection, True)
        self.text.setExtraSelections([marked])
        self.text.setTextCursor(QTextCursor(start))
        self.text.centerCursor()

    def _open_externally(self) -> None:
        if self._source is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(Path(self._source.path))))
