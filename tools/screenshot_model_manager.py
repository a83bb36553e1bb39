"""Render the model manager offscreen at 1000x700 into docs/screenshots/model-manager.png (light) and
model-manager-dark.png: a 16 GB laptop, gpt-oss-20b installed and in use (its fit numbers open), gpt-oss-120b
downloading.

    python -m tools.screenshot_model_manager [--out docs/screenshots]

No network and no 70 GB on disk: the installed model is a sparse file of its real size, and the download is a
stand-in that reports progress the way the real one does, then waits to be cancelled.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QApplication

from app.core.downloads.progress import DownloadProgress
from app.core.downloads.transfer import DownloadCancelled, DownloadControl
from app.core.models.catalog import CatalogEntry, load_catalog
from app.core.models.hardware import HardwareProfile
from app.core.models.registry import InstalledModel, ModelRegistry
from app.core.paths import app_paths
from app.core.settings import Settings
from app.core.store import ConversationStore
from app.ui.application import build_window
from app.ui.model_controller import ModelState
from app.ui.model_manager import downloads as download_controller
from app.ui.model_manager.dialog import SIZE
from app.ui.model_manager.manager import ModelManager
from tests.support.scripted_engine import ScriptedEngine
from tools.screenshots import palette, settle, wait

GIB, MIB = 1024**3, 1024**2
LAPTOP = HardwareProfile(ram_total=16 * GIB, ram_available=round(9.6 * GIB), disk_free=round(142.3 * GIB),
                         gpu_offload=False, system="Linux", machine="x86_64")
DOWNLOADED = 0.42
SPEED = 38.5 * MIB


def stand_in_download(entry: CatalogEntry, *, control: DownloadControl, on_progress, **_options) -> InstalledModel:
    """Reports the second shard of gpt-oss-120b under way, then holds until cancelled."""
    total = entry.total_bytes
    done = round(total * DOWNLOADED)
    on_progress(DownloadProgress(done, total, SPEED, (total - done) / SPEED, "downloading", 2, len(entry.files)))
    control.cancel.wait()
    raise DownloadCancelled("stopped for the screenshot")


def install_sparse(registry: ModelRegistry, entry: CatalogEntry) -> Path:
    """gpt-oss-20b as the registry sees an installed one, in a sparse file that takes no space."""
    path = registry.models_dir / entry.repo / entry.files[0].path
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "wb") as sparse:
        sparse.truncate(entry.total_bytes)
    # A downloaded model keeps its checksums (what Verify compares against); this stand-in's are never checked.
    registry.add(InstalledModel(entry.id, entry.id, (path,), entry.total_bytes, sha256_verified=True, owned=True,
                                sha256=("0" * 64,)))
    return path


def shoot(app: QApplication, store: ConversationStore, model: Path, out: Path) -> None:
    window = build_window(store, ScriptedEngine(n_ctx=16384), Settings(), app_paths().settings_file)
    window.model.load(model)
    wait(app, lambda: window.model.state is ModelState.READY)
    manager = ModelManager(window.model, window, probe=lambda folder: LAPTOP)
    dialog = manager.open()
    dialog.resize(*SIZE)
    wait(app, lambda: dialog.models.row_ids()[:2] == ["gpt-oss-20b", "gpt-oss-120b"])  # the embedding model after
    manager.downloads.download(manager.catalog.get("gpt-oss-120b"))
    # The stand-in reports progress (in any language the window is in).
    wait(app, lambda: getattr(manager.downloads.status("gpt-oss-120b"), "progress", None) is not None)
    dialog.models.row("gpt-oss-20b").findChild(QAbstractButton, "fitDetailsButton").setChecked(True)
    settle(app)
    dialog.grab().save(str(out))
    print(out)
    manager.shutdown()
    dialog.close()
    window.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "screenshots")
    args = parser.parse_args()
    os.environ["GPT_OSS_CHAT_HOME"] = tempfile.mkdtemp(prefix="screenshots-")  # never the user's own folders
    args.out.mkdir(parents=True, exist_ok=True)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setStyle("Fusion")
    app_paths().ensure()
    download_controller.download_model = stand_in_download  # the only stand-in: everything else is the app's
    model = install_sparse(ModelRegistry.load(), load_catalog().get("gpt-oss-20b"))
    store = ConversationStore.open()
    for scheme, name in (("light", "model-manager.png"), ("dark", "model-manager-dark.png")):
        dark = scheme == "dark"
        QGuiApplication.styleHints().setColorScheme(Qt.ColorScheme.Dark if dark else Qt.ColorScheme.Light)
        app.setPalette(palette(dark))
        shoot(app, store, model, args.out / name)
    store.close()


if __name__ == "__main__":
    main()
