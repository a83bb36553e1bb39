"""The model manager dialog on the real window: the catalog with fit badges for an injected machine, downloads from
the loopback hub (progress, pause, cancel, disk space), import, delete and use. Servers: test_model_manager_servers.py.
"""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest
from PySide6.QtCore import QMimeData, QPoint, QPointF, Qt, QTimer, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtWidgets import QAbstractButton, QApplication, QFileDialog, QLabel, QMessageBox, QProgressBar

from app.core.downloads import progress as download_progress
from app.core.downloads.downloader import DownloadOptions, verify_installed
from app.core.downloads.transfer import RetryPolicy
from app.core.engine import LoadSettings
from app.core.models.catalog import Catalog, refresh_from_hub
from app.core.models.fit import MESSAGES
from app.core.models.gguf_inspect import GGUFError, inspect_gguf
from app.core.models.hardware import GpuInfo, HardwareProfile, free_disk_bytes
from app.core.models.registry import ModelRegistry
from app.ui.model_controller import ModelState
from app.ui.model_manager import models_page
from app.ui.model_manager.dialog import ModelManagerDialog
from app.ui.model_manager.manager import ModelManager
from app.ui.model_manager.row import ModelRow
from app.ui.model_manager.text import fit_templates
from app.ui.network_indicator import NetworkIndicator
from tests.support.damage import flip_bit
from tests.support.fake_hub import publish
from tests.support.scripted_engine import ScriptedEngine
from tests.ui.test_accessibility import unnamed

GIB, MIB = 1024**3, 1024**2
LAPTOP = HardwareProfile(ram_total=16 * GIB, ram_available=11 * GIB, disk_free=200 * GIB, gpu_offload=False,
                         system="Linux", machine="x86_64")
WORKSTATION = HardwareProfile(
    ram_total=64 * GIB, ram_available=50 * GIB, disk_free=2000 * GIB, gpu_offload=True,
    gpus=(GpuInfo("NVIDIA GeForce RTX 4090", "CUDA", 24 * GIB, 23 * GIB, unified=False, source="llama.cpp"),),
)
EMBEDDING = "granite-embedding-107m-multilingual"  # the catalog's model for the documents' search by meaning
FAST_RETRY = RetryPolicy(attempts=2, first_delay_s=0.01, max_delay_s=0.05)


class RecordingEngine(ScriptedEngine):
    """The scripted engine, remembering what each load was asked for."""

    def __init__(self) -> None:
        super().__init__()
        self.loads_asked: list[tuple[Path, LoadSettings]] = []

    def load(self, path, settings, on_progress=None):
        self.loads_asked.append((Path(path), settings))
        return super().load(path, settings, on_progress)


@pytest.fixture
def engine() -> RecordingEngine:
    return RecordingEngine()


def open_dialog(qtbot, window, managers: list[ModelManager], hardware: HardwareProfile = LAPTOP,
                free_space=free_disk_bytes, **options) -> ModelManagerDialog:
    """The model manager over `window`, for a machine like `hardware`, once it lists the models."""
    manager = ModelManager(window.model, window, probe=lambda folder: hardware,
                           download_options=DownloadOptions(free_space=free_space, retry=FAST_RETRY), **options)
    managers.append(manager)
    dialog = manager.open()
    qtbot.waitUntil(lambda: dialog.models.row_ids() != [] or manager.catalog.entries == ())
    return dialog


@pytest.fixture
def open_manager(qtbot, window):
    """`open_manager(hardware, catalog=..., free_space=...)` opens the model manager over the test's window."""
    managers: list[ModelManager] = []
    yield lambda *args, **options: open_dialog(qtbot, window, managers, *args, **options)
    for manager in managers:
        manager.shutdown()


def random_bytes(size: int, seed: int = 0) -> bytes:
    return np.random.default_rng(seed).bytes(size)


def published(fake_hub, model_id: str = "tiny", size: int = 2 * MIB, seed: int = 0):
    """A model on the loopback hub, its catalog entry with the hub's exact sizes."""
    entry = publish(fake_hub, model_id, f"test-org/{model_id}-GGUF", {f"{model_id}.gguf": random_bytes(size, seed)})
    return refresh_from_hub(entry)


def row(dialog: ModelManagerDialog, model_id: str) -> ModelRow:
    found = dialog.models.row(model_id)
    assert found is not None, f"no row for {model_id}"
    return found


def label(widget, name: str) -> str:
    return widget.findChild(QLabel, name).text()


def click(qtbot, widget, name: str) -> None:
    button = widget.findChild(QAbstractButton, name)
    assert button is not None and button.isVisible() and button.isEnabled(), f"{name} cannot be clicked"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer(choice: str) -> None:
    """Click the answer `choice` in the next question asked (a modal QMessageBox)."""

    def click_when_shown() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(10, click_when_shown)
            return
        box.findChild(QAbstractButton, f"{choice}Button").click()

    QTimer.singleShot(0, click_when_shown)


def wait_state(qtbot, dialog: ModelManagerDialog, model_id: str, text: str, timeout: int = 15000) -> None:
    qtbot.waitUntil(lambda: dialog.models.row(model_id) is not None and text in row(dialog, model_id).state_text(),
                    timeout=timeout)


def wait_progress(qtbot, dialog: ModelManagerDialog, model_id: str) -> None:
    """Until some bytes of the download arrived."""
    qtbot.waitUntil(lambda: row(dialog, model_id).findChild(QProgressBar, "downloadProgress").value() > 0,
                    timeout=10000)


def drop(dialog: ModelManagerDialog, *paths: Path) -> bool:
    """Drag `paths` onto the dialog and drop them; True if the dialog accepted the drag."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path)) for path in paths])
    enter = QDragEnterEvent(QPoint(20, 20), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton,
                            Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(dialog, enter)
    if not enter.isAccepted():
        return False
    QApplication.sendEvent(dialog, QDropEvent(QPointF(20, 20), Qt.DropAction.CopyAction, mime,
                                              Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier))
    return True


# -- the list and the fit ------------------------------------------------------------------------------------------


def test_the_fit_messages_are_the_cores_templates():
    assert fit_templates() == dict(MESSAGES)


def test_a_laptop_sees_both_models_with_fit_badges_and_the_20b_recommended(open_manager):
    dialog = open_manager(LAPTOP)

    assert dialog.models.row_ids() == ["gpt-oss-20b", "gpt-oss-120b", EMBEDDING]  # the documents' model last
    small, large = row(dialog, "gpt-oss-20b"), row(dialog, "gpt-oss-120b")
    assert (label(small, "fitBadge"), label(large, "fitBadge")) == ("Runs on the CPU, slowly", "Won't fit")
    assert "about 11.3 GiB" in label(small, "modelInfo") and "recommended" in label(small, "modelInfo")
    assert (small.state_text(), large.state_text()) == ("Not downloaded", "Not downloaded")
    assert label(dialog, "recommendationLabel") == (
        "Recommended: gpt-oss-20b, the model for laptop-class machines like this one.")
    assert label(dialog, "ramLabel") == "16.0 GiB (11.0 GiB free now)"
    assert label(dialog, "gpuLabel") == "no GPU the app can use"
    assert label(dialog, "diskLabel").startswith("200.0 GiB free in ")
    # The numbers behind the badge: weights + KV cache at the context from Settings + working memory, the budget,
    # and the load settings.
    details = label(small, "fitDetails")
    assert "Needs weights 11.3 GiB + context cache 0.8 GiB for 16,384 tokens + working memory 0.6 GiB" in details
    assert "In RAM: 13.0 GiB of 13.5 GiB usable" in details
    assert "Loads with: context 16,384 tokens, on the CPU, batch 512, flash attention on" in details
    assert small.findChild(QLabel, "fitBadge").toolTip() == details
    assert not small.findChild(QLabel, "fitDetails").isVisible()
    click_toggle = small.findChild(QAbstractButton, "fitDetailsButton")
    click_toggle.click()
    assert small.findChild(QLabel, "fitDetails").isVisible()
    assert "Won't fit: it needs at least" in label(large, "fitDetails")


def test_a_workstation_is_recommended_the_120b_with_experts_on_the_cpu(open_manager):
    dialog = open_manager(WORKSTATION)

    assert label(row(dialog, "gpt-oss-120b"), "fitBadge") == "Runs with experts on the CPU"
    assert label(row(dialog, "gpt-oss-20b"), "fitBadge") == "Runs on the GPU"
    assert label(dialog, "recommendationLabel").startswith("Recommended: gpt-oss-120b. This is a workstation-class")
    assert label(dialog, "gpuLabel") == "NVIDIA GeForce RTX 4090, CUDA, 24.0 GiB"
    assert "with the experts of the first" in label(row(dialog, "gpt-oss-120b"), "fitDetails")


def test_offline_the_hub_check_says_so_and_the_catalog_still_shows(qtbot, open_manager):
    dialog = open_manager()  # the tests run with HF_HUB_OFFLINE=1

    click(qtbot, dialog, "checkHubButton")

    qtbot.waitUntil(dialog.notice.isVisible)
    assert dialog.notice.text().startswith("Could not check the hub: Offline mode is on")
    assert "The list shows the catalog's own figures" in dialog.notice.text()
    assert dialog.models.row_ids() == ["gpt-oss-20b", "gpt-oss-120b", EMBEDDING]


# -- downloads -------------------------------------------------------------------------------------------------------


def test_offline_a_download_stops_with_a_clear_message(qtbot, open_manager):
    dialog = open_manager()  # HF_HUB_OFFLINE=1: nothing may reach the network

    click(qtbot, row(dialog, "gpt-oss-20b"), "downloadButton")

    wait_state(qtbot, dialog, "gpt-oss-20b", "The download stopped: ")
    assert "Offline mode is on (HF_HUB_OFFLINE)" in row(dialog, "gpt-oss-20b").state_text()
    assert row(dialog, "gpt-oss-20b").findChild(QAbstractButton, "downloadButton").isVisible()


def test_a_download_shows_its_progress_and_ends_installed(qtbot, fake_hub, open_manager):
    entry = published(fake_hub, size=3 * MIB)
    fake_hub.switches.bytes_per_second = 4 * MIB
    dialog = open_manager(catalog=Catalog((entry,)))
    seen: list[str] = []
    dialog.manager.downloads.progressed.connect(lambda model_id: seen.append(row(dialog, model_id).state_text()))

    click(qtbot, row(dialog, "tiny"), "downloadButton")
    wait_state(qtbot, dialog, "tiny", "Installed")

    assert any(text.startswith("Downloading ") and "of 3.0 MiB" in text for text in seen)
    assert ModelRegistry.load().get("tiny").sha256_verified
    assert row(dialog, "tiny").findChild(QAbstractButton, "useButton").isVisible()


def test_closing_the_dialog_does_not_stop_a_download(qtbot, fake_hub, open_manager):
    entry = published(fake_hub, size=2 * MIB)
    fake_hub.switches.bytes_per_second = 4 * MIB
    dialog = open_manager(catalog=Catalog((entry,)))
    click(qtbot, row(dialog, "tiny"), "downloadButton")
    dialog.close()

    qtbot.waitUntil(lambda: ModelRegistry.load().get("tiny") is not None, timeout=15000)
    dialog.show()
    wait_state(qtbot, dialog, "tiny", "Installed")


def test_pause_and_resume(qtbot, fake_hub, open_manager):
    entry = published(fake_hub, size=3 * MIB)
    fake_hub.switches.bytes_per_second = 2 * MIB
    dialog = open_manager(catalog=Catalog((entry,)))
    click(qtbot, row(dialog, "tiny"), "downloadButton")
    wait_progress(qtbot, dialog, "tiny")

    click(qtbot, row(dialog, "tiny"), "pauseButton")
    wait_state(qtbot, dialog, "tiny", "Paused at")
    assert row(dialog, "tiny").findChild(QAbstractButton, "resumeButton").isVisible()
    click(qtbot, row(dialog, "tiny"), "resumeButton")

    wait_state(qtbot, dialog, "tiny", "Installed")
    ranges = [r.range for r in fake_hub.requests("cdn", "GET")]
    assert len(ranges) == 2 and ranges[0] is None and ranges[1].startswith("bytes=")  # resumed where it paused


def slow_download(qtbot, fake_hub, open_manager) -> tuple[ModelManagerDialog, Path]:
    """A download of 'tiny' under way at 1 MiB/s, and its partial file (with some bytes in it)."""
    entry = published(fake_hub, size=4 * MIB)
    fake_hub.switches.bytes_per_second = MIB
    dialog = open_manager(catalog=Catalog((entry,)))
    part = ModelRegistry.load().models_dir / entry.repo / "tiny.gguf.part"
    click(qtbot, row(dialog, "tiny"), "downloadButton")
    qtbot.waitUntil(lambda: part.exists() and part.stat().st_size > 0, timeout=10000)
    return dialog, part


def test_cancel_keeping_the_partial_file_then_deleting_it(qtbot, fake_hub, open_manager):
    dialog, part = slow_download(qtbot, fake_hub, open_manager)

    answer("keep")
    click(qtbot, row(dialog, "tiny"), "cancelButton")
    wait_state(qtbot, dialog, "tiny", "the download resumes where it stopped")
    assert part.exists()

    answer("delete")
    click(qtbot, row(dialog, "tiny"), "discardButton")
    wait_state(qtbot, dialog, "tiny", "Not downloaded")
    assert not part.exists()


def test_cancel_deleting_the_partial_file(qtbot, fake_hub, open_manager):
    dialog, part = slow_download(qtbot, fake_hub, open_manager)

    answer("discard")
    click(qtbot, row(dialog, "tiny"), "cancelButton")

    qtbot.waitUntil(lambda: not part.exists(), timeout=5000)
    wait_state(qtbot, dialog, "tiny", "Not downloaded")


def test_not_enough_disk_space_shows_the_exact_shortfall(qtbot, fake_hub, open_manager):
    entry = published(fake_hub, size=3 * MIB)
    free = MIB + 17
    dialog = open_manager(catalog=Catalog((entry,)), free_space=lambda folder: free)

    click(qtbot, row(dialog, "tiny"), "downloadButton")

    shortfall = 3 * MIB - free
    wait_state(qtbot, dialog, "tiny", "Not enough disk space")
    assert row(dialog, "tiny").state_text() == (
        f"Not enough disk space in the models folder: free up 2.00 MiB ({shortfall:,} bytes) or choose another "
        "models folder.")
    assert fake_hub.requests("cdn") == []
    assert row(dialog, "tiny").findChild(QAbstractButton, "downloadButton").isVisible()  # to try again


# -- import, delete, use -----------------------------------------------------------------------------------------------


def test_a_dropped_gguf_is_registered_where_it_lies(qtbot, open_manager, tiny_gpt_oss):
    dialog = open_manager()

    assert drop(dialog, tiny_gpt_oss)

    qtbot.waitUntil(lambda: "tiny-gpt-oss" in dialog.models.row_ids())
    imported = row(dialog, "tiny-gpt-oss")
    assert imported.state_text() == "Installed"
    assert f"used where it lies: {tiny_gpt_oss}" in label(imported, "modelInfo")
    assert label(imported, "fitBadge") == "Runs on the CPU, slowly"  # a gpt-oss file: estimated from its header
    model = ModelRegistry.load().get("tiny-gpt-oss")
    assert model.path == tiny_gpt_oss and not model.owned
    assert dialog.notice.text() == "Imported tiny-gpt-oss."


def test_dragging_something_else_is_refused(open_manager, tmp_path):
    text = tmp_path / "notes.txt"
    text.write_text("hello")
    assert not drop(open_manager(), text)


def test_a_bad_file_shows_the_inspectors_one_line_error(qtbot, open_manager, tmp_path, monkeypatch):
    bad = tmp_path / "broken.gguf"
    bad.write_bytes(b"this is not a model" * 10)
    with pytest.raises(GGUFError) as expected:
        inspect_gguf(bad)
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", lambda *args, **kwargs: ([str(bad)], ""))
    dialog = open_manager()

    click(qtbot, dialog, "importButton")

    qtbot.waitUntil(dialog.notice.isVisible)
    assert dialog.notice.text() == str(expected.value) and "\n" not in dialog.notice.text()
    assert "broken" not in " ".join(dialog.models.row_ids())


def test_a_copied_import_can_be_deleted_and_says_how_much_was_freed(qtbot, open_manager, tiny_gpt_oss):
    dialog = open_manager()
    dialog.findChild(QAbstractButton, "copyIntoModelsCheck").setChecked(True)
    drop(dialog, tiny_gpt_oss)
    qtbot.waitUntil(lambda: "tiny-gpt-oss" in dialog.models.row_ids())
    copy = ModelRegistry.load().get("tiny-gpt-oss").path
    assert copy != tiny_gpt_oss and copy.exists()
    size = copy.stat().st_size

    answer("delete")
    click(qtbot, row(dialog, "tiny-gpt-oss"), "deleteButton")

    qtbot.waitUntil(lambda: "tiny-gpt-oss" not in dialog.models.row_ids())
    assert not copy.exists() and tiny_gpt_oss.exists()
    assert dialog.notice.text().startswith("Deleted tiny-gpt-oss: ")
    assert dialog.notice.text().endswith(f" freed ({size:,} bytes).")


def test_changing_the_models_folder_can_move_the_models(qtbot, open_manager, tiny_gpt_oss, tmp_path, monkeypatch):
    dialog = open_manager()
    dialog.findChild(QAbstractButton, "copyIntoModelsCheck").setChecked(True)
    drop(dialog, tiny_gpt_oss)
    qtbot.waitUntil(lambda: "tiny-gpt-oss" in dialog.models.row_ids())
    chosen = tmp_path / "big-disk" / "models"
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *args, **kwargs: str(chosen))

    answer("move")
    click(qtbot, dialog, "changeFolderButton")

    qtbot.waitUntil(lambda: label(dialog, "modelsFolderLabel") == str(chosen.resolve()))
    registry = ModelRegistry.load()
    assert registry.models_dir == chosen.resolve()
    assert registry.get("tiny-gpt-oss").path == chosen.resolve() / "imported" / tiny_gpt_oss.name
    assert row(dialog, "tiny-gpt-oss").state_text() == "Installed"
    assert dialog.notice.text() == f"New downloads go to {chosen}."


def test_use_loads_an_installed_model_with_the_fits_settings(qtbot, window, engine, open_manager, tiny_gpt_oss):
    dialog = open_manager()
    drop(dialog, tiny_gpt_oss)
    qtbot.waitUntil(lambda: "tiny-gpt-oss" in dialog.models.row_ids())

    click(qtbot, row(dialog, "tiny-gpt-oss"), "useButton")

    qtbot.waitUntil(lambda: window.model.state is ModelState.READY)
    path, settings = engine.loads_asked[-1]
    assert path == tiny_gpt_oss
    # The tiny model's own context (4,096) caps the 16,384 of Settings; no GPU here, so all on the CPU.
    assert (settings.n_ctx, settings.n_gpu_layers, settings.n_cpu_moe, settings.flash_attn) == (4096, 0, 0, True)
    wait_state(qtbot, dialog, "tiny-gpt-oss", "in use for chatting")
    assert not row(dialog, "tiny-gpt-oss").findChild(QAbstractButton, "useButton").isVisible()


def test_every_interactive_widget_is_named(qtbot, fake_hub, open_manager, tiny_gpt_oss):
    entry = published(fake_hub)
    fake_hub.switches.bytes_per_second = MIB
    dialog = open_manager(catalog=Catalog((entry,)))
    drop(dialog, tiny_gpt_oss)
    click(qtbot, row(dialog, "tiny"), "downloadButton")
    qtbot.waitUntil(lambda: "tiny-gpt-oss" in dialog.models.row_ids())
    wait_state(qtbot, dialog, "tiny", "Downloading")

    assert unnamed(dialog) == []


def test_never_use_the_network_switches_off_downloads_and_the_hub_with_a_message(qtbot, window, fake_hub,
                                                                                   open_manager):
    entry = published(fake_hub)
    requests_before = len(fake_hub.requests())
    window._settings.update("interface", offline_only=True)
    dialog = open_manager(catalog=Catalog((entry,)))

    click(qtbot, row(dialog, "tiny"), "downloadButton")
    assert dialog.notice.isVisible() and "'Never use the network' is on" in dialog.notice.text()
    dialog.notice.hide()
    click(qtbot, dialog, "checkHubButton")
    assert dialog.notice.isVisible() and "'Never use the network' is on" in dialog.notice.text()
    assert len(fake_hub.requests()) == requests_before
    assert row(dialog, "tiny").findChild(QAbstractButton, "downloadButton").isVisible()


def test_the_status_bar_shows_when_the_network_is_used_and_for_what(qtbot, window, fake_hub, open_manager):
    entry = published(fake_hub, size=4 * MIB)
    fake_hub.switches.bytes_per_second = 2 * MIB
    dialog = open_manager(catalog=Catalog((entry,)))
    manager = dialog.manager
    indicator = NetworkIndicator(manager.downloads, window.chat, window.model, window)
    assert indicator.text() == ""
    click(qtbot, row(dialog, "tiny"), "downloadButton")
    qtbot.waitUntil(lambda: indicator.text().startswith("⇅ Using the network: downloading tiny ("), timeout=10000)
    qtbot.waitUntil(lambda: manager.registry.get("tiny") is not None, timeout=20000)
    qtbot.waitUntil(lambda: indicator.text() == "", timeout=5000)


def test_a_silent_download_says_it_is_waiting_instead_of_showing_an_old_speed(qtbot, fake_hub, open_manager,
                                                                              monkeypatch):
    monkeypatch.setattr(download_progress, "STALLED_AFTER_S", 0.3)
    entry = published(fake_hub, size=3 * MIB, seed=6)
    fake_hub.switches.stall_after_bytes = MIB
    dialog = open_manager(catalog=Catalog((entry,)))
    click(qtbot, row(dialog, "tiny"), "downloadButton")
    wait_state(qtbot, dialog, "tiny", "Waiting for data at 33% · nothing has arrived for ")
    assert row(dialog, "tiny").findChild(QAbstractButton, "pauseButton").isVisible()
    fake_hub.switches.end_stall.set()
    wait_state(qtbot, dialog, "tiny", "Installed")


def test_a_downloaded_model_can_be_verified_and_a_damaged_one_is_named(qtbot, fake_hub, open_manager):
    entry = published(fake_hub, size=2 * MIB, seed=4)
    dialog = open_manager(catalog=Catalog((entry,)))
    click(qtbot, row(dialog, "tiny"), "downloadButton")
    wait_state(qtbot, dialog, "tiny", "Installed")

    click(qtbot, row(dialog, "tiny"), "verifyButton")
    qtbot.waitUntil(lambda: "is intact" in dialog.notice.text(), timeout=10000)

    path = ModelRegistry.load().get("tiny").path
    flip_bit(path, 1000)  # one bit flips on the disk
    click(qtbot, row(dialog, "tiny"), "verifyButton")
    qtbot.waitUntil(lambda: "is damaged (tiny.gguf)" in dialog.notice.text(), timeout=10000)


def test_verify_shows_its_progress_on_the_row_and_stops_when_asked(qtbot, fake_hub, open_manager, monkeypatch):
    entry = published(fake_hub, size=3 * MIB, seed=5)
    dialog = open_manager(catalog=Catalog((entry,)))
    click(qtbot, row(dialog, "tiny"), "downloadButton")
    wait_state(qtbot, dialog, "tiny", "Installed")
    # The real check, held at its first progress report so the row can be looked at while it reads.
    held, reports = threading.Event(), []

    def verify_held_at_first_report(model, control, on_progress):
        def report(progress):
            reports.append(progress)
            on_progress(progress)
            held.wait(10)
        return verify_installed(model, control, report)

    monkeypatch.setattr(models_page, "verify_installed", verify_held_at_first_report)
    click(qtbot, row(dialog, "tiny"), "verifyButton")
    wait_state(qtbot, dialog, "tiny", "Checking the files… 0%")
    the_row = row(dialog, "tiny")
    assert the_row.findChild(QProgressBar, "downloadProgress").isVisible()
    for hidden in ("verifyButton", "deleteButton", "useButton"):
        assert not the_row.findChild(QAbstractButton, hidden).isVisible()
    click(qtbot, the_row, "stopcheckButton")
    held.set()
    name = label(the_row, "modelName")
    qtbot.waitUntil(lambda: dialog.notice.text() == f"Stopped checking {name}.", timeout=5000)
    assert row(dialog, "tiny").state_text() == "Installed"
    assert not row(dialog, "tiny").findChild(QProgressBar, "downloadProgress").isVisible()
    assert len(reports) == 1 and reports[0].phase == "checking"  # stopped before it read a second chunk

    monkeypatch.undo()
    click(qtbot, row(dialog, "tiny"), "verifyButton")  # and a check that runs to its end leaves the row as it was
    qtbot.waitUntil(lambda: "is intact" in dialog.notice.text(), timeout=10000)
    assert row(dialog, "tiny").findChild(QAbstractButton, "verifyButton").isVisible()
