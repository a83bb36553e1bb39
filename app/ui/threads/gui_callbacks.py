"""Results of work done on other threads, called back on the GUI thread: the part Background (a thread per call),
TaskRunner (one ordered thread), the documents' Indexer and the formula renderer share.

A worker thread never emits on its owner: the owner (a dialog, a window) may be deleted on the GUI thread while the
work runs, and an emit racing that deletion crashes the process (PySide checks the object, then uses it). Workers
emit on one relay that lives as long as the application; the relay drops callbacks whose owner was closed or
deleted, a check made on the GUI thread, where deletion happens.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, Qt, Signal, Slot


class _Owner:
    """What the relay knows of a GuiCallbacks: whether its callbacks are still wanted."""

    def __init__(self) -> None:
        self.closed = False

    def close(self, *_: object) -> None:
        self.closed = True


class _Relay(QObject):
    handed = Signal(object, object, object)  # (_Owner, callback, its argument): queued to the GUI thread

    def __init__(self) -> None:
        super().__init__()
        self.handed.connect(self._deliver, Qt.ConnectionType.QueuedConnection)

    @Slot(object, object, object)
    def _deliver(self, owner: _Owner, callback: Callable[[Any], None], argument: Any) -> None:
        if not owner.closed:
            callback(argument)


@cache
def _the_relay() -> _Relay:
    """Made on the GUI thread by the first GuiCallbacks (they are all made there), kept for the application's life."""
    relay = _Relay()
    application = QCoreApplication.instance()
    if application is not None:
        relay.moveToThread(application.thread())
    return relay


class GuiCallbacks(QObject):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._owner = _Owner()
        self._relay = _the_relay()
        # Emitted on the GUI thread as the object is deleted: callbacks still on their way are dropped from then on.
        self.destroyed.connect(self._owner.close)

    @property
    def closed(self) -> bool:
        return self._owner.closed

    @closed.setter
    def closed(self, value: bool) -> None:
        """Once set, callbacks still on their way are dropped."""
        self._owner.closed = value

    def hand_over(self, callback: Callable[[Any], None], argument: Any) -> None:
        """From any thread: `callback(argument)` runs on the GUI thread, unless this object is closed or deleted by
        then."""
        self._relay.handed.emit(self._owner, callback, argument)
