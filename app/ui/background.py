"""Blocking calls of the model manager (disk, network, the hardware probe) off the GUI thread.

Each call gets its own daemon thread: they are few and started by the user (an import, a connection test), and one
slow call (a 60 GB copy) must not hold up another (listing the models). The outcome comes back to a callback on the
GUI thread; the caller decides what an error means, so callbacks get the exception itself.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, Slot

log = logging.getLogger(__name__)


class Background(QObject):
    _finished = Signal(object, object)  # (callback, its argument): delivered on the GUI thread

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._closed = False
        self._finished.connect(self._on_call_finished, Qt.ConnectionType.QueuedConnection)

    def run(
        self,
        function: Callable[[], Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[Exception], None] | None = None,
    ) -> None:
        """Call `function` on a thread of its own; then `on_done(result)` or `on_error(exception)` on this thread."""
        if self._closed:
            return

        def call() -> None:
            try:
                result = function()
            except Exception as error:  # handed to the caller, who knows which failures are expected
                if on_error is None:
                    log.exception("background call failed")
                else:
                    self._deliver(on_error, error)
            else:
                if on_done is not None:
                    self._deliver(on_done, result)

        threading.Thread(target=call, name="model-manager", daemon=True).start()

    def _deliver(self, callback: Callable[[Any], None], argument: Any) -> None:
        try:
            self._finished.emit(callback, argument)
        except RuntimeError:
            pass  # the owner was deleted while the call ran: nobody is left to tell

    def shutdown(self) -> None:
        """Callbacks of calls still running are dropped (their threads end on their own)."""
        self._closed = True

    @Slot(object, object)
    def _on_call_finished(self, callback: Callable[[Any], None], argument: Any) -> None:
        if not self._closed:
            callback(argument)
