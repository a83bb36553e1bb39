"""Work handed back from other threads after its owner is gone: dropped, never a crash. The owner is deleted on the
GUI thread while threads keep handing over, as a dialog closed during a background call is."""

from __future__ import annotations

import threading

import shiboken6
from PySide6.QtWidgets import QWidget

from app.ui.threads.background import Background
from app.ui.threads.gui_callbacks import GuiCallbacks


def test_callbacks_arrive_on_the_gui_thread(qtbot):
    callbacks = GuiCallbacks()
    arrived = []
    thread = threading.Thread(target=callbacks.hand_over,
                              args=(lambda value: arrived.append((value, threading.current_thread())), 7))
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: arrived == [(7, threading.main_thread())])


def test_an_owner_deleted_while_threads_hand_over_gets_nothing_more(qtbot):
    for _ in range(20):
        parent = QWidget()
        background = Background(parent)
        arrived = []
        going = threading.Event()

        def keep_handing(background=background, arrived=arrived, going=going):
            going.set()
            for n in range(2000):
                background.hand_over(arrived.append, n)

        threads = [threading.Thread(target=keep_handing) for _ in range(3)]
        for thread in threads:
            thread.start()
        going.wait()
        shiboken6.delete(parent)  # its child, the Background, goes with it
        seen = len(arrived)
        for thread in threads:
            thread.join()
        qtbot.wait(20)  # what was queued is delivered now, or dropped
        assert len(arrived) == seen


def test_closed_callbacks_are_dropped(qtbot):
    background = Background()
    arrived = []
    background.run(lambda: 1, arrived.append)
    qtbot.waitUntil(lambda: arrived == [1])
    background.shutdown()
    background.run(lambda: 2, arrived.append)
    background.hand_over(arrived.append, 3)
    qtbot.wait(50)
    assert arrived == [1]
