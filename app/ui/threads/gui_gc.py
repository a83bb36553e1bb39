"""Python's cycle collector, run on the GUI thread only.

CPython collects reference cycles on whichever thread crosses an allocation threshold. A cycle that holds a QObject
(a widget and a lambda connected to one of its signals, say) collected on a worker thread is destroyed there: PySide
disconnects its signals under Qt's connection lock and then waits for the interpreter lock, while the GUI thread,
holding the interpreter lock, waits for Qt's. The window freezes for good (seen in the test suite: the formulas
thread collected while the GUI thread built a QTextBrowser). So automatic collection is switched off, and a timer on
the GUI thread collects whenever the collector's own thresholds say it would have (as pyqtgraph and calibre do).
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QObject, QTimer

INTERVAL_MS = 500


class GuiThreadCollector(QObject):
    """Installed once, on the application object; it lives as long as the application."""

    def __init__(self, parent: QObject) -> None:
        super().__init__(parent)
        self.setObjectName("guiThreadCollector")
        self._thresholds = gc.get_threshold()
        self._timer = QTimer(self)
        self._timer.setInterval(INTERVAL_MS)
        self._timer.timeout.connect(self.collect_due)
        gc.disable()
        self._timer.start()

    def collect_due(self) -> int:
        """Collect the oldest generation whose count has passed its threshold, as automatic collection would (each
        generation counts the collections of the one below it); returns that generation, or -1 for none."""
        due = -1
        for generation, (count, threshold) in enumerate(zip(gc.get_count(), self._thresholds)):
            if count <= threshold:
                break
            due = generation
        if due >= 0:
            gc.collect(due)
        return due


def install_gui_thread_collector(app: QObject) -> GuiThreadCollector:
    """Once per application: a second call returns the collector already installed."""
    found = app.findChild(GuiThreadCollector, "guiThreadCollector")
    return found if found is not None else GuiThreadCollector(app)
