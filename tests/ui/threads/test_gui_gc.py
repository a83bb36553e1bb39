"""Cycles holding Qt objects are collected on the GUI thread only: a worker thread that allocates past the
collector's thresholds leaves them alone (collected there, a QObject's teardown can deadlock PySide against the GUI
thread), and the GUI thread's timer collects them."""

from __future__ import annotations

import gc
import threading
from typing import ClassVar

from PySide6.QtCore import QObject

from app.ui.threads.gui_gc import GuiThreadCollector, install_gui_thread_collector


class Held(QObject):
    """A QObject that notes the thread its Python side was finalised on."""

    finalised_on: ClassVar[list[str]] = []

    def __del__(self) -> None:
        Held.finalised_on.append(threading.current_thread().name)


def test_cycles_holding_qt_objects_are_collected_on_the_gui_thread_only(qtbot, qapp):
    collector = install_gui_thread_collector(qapp)
    assert isinstance(collector, GuiThreadCollector) and install_gui_thread_collector(qapp) is collector
    assert not gc.isenabled()
    Held.finalised_on.clear()
    held = Held()
    held.me = held  # a cycle: only the cycle collector frees it
    del held

    kept: list[list[int]] = []

    def allocate() -> None:
        # Far past the youngest generation's threshold (700 by default), and kept: objects freed again would take
        # the count back down.
        kept.extend([n] for n in range(100_000))

    worker = threading.Thread(target=allocate, name="worker")
    worker.start()
    worker.join()
    assert Held.finalised_on == []  # the worker did not collect it
    qtbot.waitUntil(lambda: Held.finalised_on == [threading.main_thread().name], timeout=5000)
